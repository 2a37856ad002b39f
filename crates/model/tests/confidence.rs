//! Specification of schema 3: each event's confidence, the dataset's
//! threshold, and the events held back below it.

mod common;

use atlas_model::{Confidence, Dataset, Event, EventKind, LoadError, Stance, SCHEMA_VERSION};
use common::{article, d, event, term};

fn c(p: f64) -> Confidence {
    Confidence::from_probability(p).unwrap()
}

fn scored(actor: &str, stance: Stance, date: &str, p: f64) -> Event {
    Event { confidence: Some(c(p)), ..event(actor, stance, EventKind::Statement, date) }
}

/// AR backs the opposition surely in 2019 and, unsurely, the government in
/// 2020; BR's only act is unsure.
fn dataset() -> Dataset {
    Dataset::new(
        "test",
        vec![article()],
        vec![
            scored("AR", Stance::Opposition, "2019-02-01", 0.934),
            scored("AR", Stance::Government, "2020-02-01", 0.41),
            scored("BR", Stance::Neutral, "2019-03-01", 0.2),
        ],
        vec![term("AR", "Macri", "2015-12-10", None), term("BR", "Bolsonaro", "2019-01-01", None)],
    )
}

#[test]
fn confidence_rounds_to_thousandths_and_shows_two_decimals() {
    assert_eq!(c(0.93449).thousandths(), 934);
    assert_eq!(c(0.934).to_string(), "0.93");
    assert_eq!(c(0.935).to_string(), "0.94");
    assert_eq!(c(1.0).to_string(), "1.00");
    assert_eq!(c(0.0).to_string(), "0.00");
    assert_eq!(c(0.05).to_string(), "0.05");
    for bad in [f64::NAN, -0.01, 1.01, f64::INFINITY] {
        assert_eq!(Confidence::from_probability(bad), None, "{bad}");
    }
    assert_eq!(Confidence::from_thousandths(1001), None);
}

#[test]
fn events_below_the_threshold_are_held_back_and_never_shown() {
    let ds = dataset().confirmed_at(c(0.7)).unwrap();
    assert_eq!(ds.threshold, Some(c(0.7)));
    assert_eq!(ds.events.len(), 1);
    assert_eq!(ds.unconfirmed.len(), 2);
    assert_eq!(ds.all_events().count(), 3);
    // AR's 2020 act is held back, so its 2019 stance still holds.
    assert_eq!(ds.stance_at("AR", d("2021-01-01")).map(|e| e.stance), Some(Stance::Opposition));
    assert_eq!(ds.history("AR").count(), 1);
    // BR has nothing shown: no stance, not an actor of the map.
    assert!(ds.stance_at("BR", d("2021-01-01")).is_none());
    assert!(!ds.actors().any(|a| a == "BR"));
    assert_eq!(ds.stance_at("AR", d("2021-01-01")).unwrap().confidence.unwrap().to_string(), "0.93");
}

#[test]
fn a_threshold_at_a_confidence_keeps_it_and_can_be_moved() {
    let ds = dataset().confirmed_at(c(0.41)).unwrap();
    assert_eq!(ds.events.len(), 2);
    let ds = ds.confirmed_at(c(0.95)).unwrap();
    assert_eq!((ds.events.len(), ds.unconfirmed.len()), (0, 3));
    let ds = ds.confirmed_at(c(0.0)).unwrap();
    assert_eq!((ds.events.len(), ds.unconfirmed.len()), (3, 0));
}

#[test]
fn splitting_needs_every_event_scored() {
    let mut ds = dataset();
    ds.events[1].confidence = None;
    let err = ds.confirmed_at(c(0.5)).unwrap_err();
    assert!(err.to_string().contains("has no confidence"), "{err}");
}

#[test]
fn a_version_3_file_round_trips_with_its_split() {
    let ds = dataset().confirmed_at(c(0.7)).unwrap();
    let json = ds.to_json();
    assert!(json.contains(&format!("\"version\": {SCHEMA_VERSION}")));
    assert!(json.contains("\"threshold\": 0.7"));
    assert!(json.contains("\"confidence\": 0.934"));
    assert!(json.contains("\"unconfirmed\""));
    let back = Dataset::from_json(&json).unwrap();
    assert_eq!(back.events, ds.events);
    assert_eq!(back.unconfirmed, ds.unconfirmed);
    assert_eq!(back.to_json(), json);
}

#[test]
fn a_file_whose_split_disagrees_with_its_threshold_is_refused() {
    let json = dataset().confirmed_at(c(0.7)).unwrap().to_json();
    // Shown below the threshold: an edited threshold, or an edited confidence.
    let err = Dataset::from_json(&json.replace("\"threshold\": 0.7", "\"threshold\": 0.95")).unwrap_err();
    assert!(matches!(err, LoadError::Inconsistent(_)));
    assert!(err.to_string().contains("below the threshold 0.95"), "{err}");
    // Held back at or above it.
    let err = Dataset::from_json(&json.replace("\"threshold\": 0.7", "\"threshold\": 0.1")).unwrap_err();
    assert!(err.to_string().contains("held back with confidence 0.41"), "{err}");
    // Held back with no threshold at all.
    let err = Dataset::from_json(&json.replace("\"threshold\": 0.7,", "")).unwrap_err();
    assert!(err.to_string().contains("names no threshold"), "{err}");
    // Not a probability.
    let err = Dataset::from_json(&json.replace("\"confidence\": 0.934", "\"confidence\": 1.5")).unwrap_err();
    assert!(matches!(err, LoadError::Json(_)), "{err}");
}

#[test]
fn version_2_files_still_load_unscored_but_carry_nothing_of_version_3() {
    let v2 = dataset().to_json().replace(&format!("\"version\": {SCHEMA_VERSION}"), "\"version\": 2");
    let without: String =
        v2.lines().filter(|l| !l.contains("\"confidence\"")).map(|l| format!("{l}\n")).collect::<String>();
    let ds = Dataset::from_json(&without).unwrap();
    assert!(!ds.is_confirmed());
    assert_eq!(ds.events.len(), 3);
    assert!(ds.events.iter().all(|e| e.confidence.is_none()));
    let err = Dataset::from_json(&v2).unwrap_err();
    assert!(err.to_string().contains("version 2 file carries no confidence"), "{err}");
    let err = Dataset::from_json(&v2.replace("\"version\": 2", "\"version\": 1")).unwrap_err();
    assert!(err.to_string().contains("versions 2 to 3"), "{err}");
}

#[test]
fn the_deferred_dataset_leaves_confidences_to_the_evidence_and_drops_what_is_held_back() {
    let ds = dataset().confirmed_at(c(0.7)).unwrap();
    let (slim, file) = ds.without_evidence();
    assert!(slim.unconfirmed.is_empty());
    assert_eq!(slim.threshold, Some(c(0.7)));
    // The map needs no confidence: it travels with the quote, in the
    // evidence file, and the embedded lines carry only the threshold.
    assert!(slim.events.iter().all(|e| e.confidence.is_none()));
    assert_eq!(file.provenance[0].confidence, Some(c(0.934)));
    let slim = Dataset::from_lines(&slim.to_lines().unwrap()).unwrap();
    assert_eq!(slim.threshold, Some(c(0.7)));
    let full = slim.with_evidence(file.clone()).unwrap();
    assert_eq!(full.events, ds.events);
    // Joined, the confidences are checked against the threshold again.
    let mut low = file;
    low.provenance[0].confidence = Some(c(0.2));
    let err = slim.with_evidence(low).unwrap_err();
    assert!(err.to_string().contains("below the threshold"), "{err}");
}
