//! Specification of the timeline queries, on a small hand-written dataset.

use atlas_model::{Dataset, Date, EventKind, LoadError, Stance};

fn fixture() -> Dataset {
    Dataset::from_json(include_str!("fixtures/timeline.json")).expect("fixture loads")
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn stance(ds: &Dataset, actor: &str, date: &str) -> Option<Stance> {
    ds.stance_at(actor, d(date)).map(|e| e.stance)
}

#[test]
fn no_stance_before_the_first_event() {
    assert_eq!(stance(&fixture(), "US", "2019-01-22"), None);
}

#[test]
fn stance_starts_on_the_event_day() {
    assert_eq!(stance(&fixture(), "US", "2019-01-23"), Some(Stance::Opposition));
}

#[test]
fn a_later_weaker_act_does_not_replace_an_endorsement() {
    // The fixture has no government terms, so both acts are one government's:
    // the 2020 call for dialogue is weaker than the 2019 endorsement.
    let ds = fixture();
    assert_eq!(stance(&ds, "AR", "2020-05-31"), Some(Stance::Opposition));
    assert_eq!(stance(&ds, "AR", "2020-06-01"), Some(Stance::Opposition));
    assert_eq!(stance(&ds, "AR", "2025-12-31"), Some(Stance::Opposition));
}

#[test]
fn same_day_recognition_outweighs_a_call_for_dialogue() {
    let e = fixture().stance_at("MX", d("2019-01-24")).cloned().unwrap();
    assert_eq!((e.stance, e.kind), (Stance::Government, EventKind::Recognition));
}

#[test]
fn unknown_actor_has_no_stance_and_no_history() {
    let ds = fixture();
    assert_eq!(stance(&ds, "ZZ", "2020-01-01"), None);
    assert_eq!(ds.history("ZZ").count(), 0);
}

#[test]
fn history_is_oldest_first() {
    let ds = fixture();
    let dates: Vec<String> = ds.history("AR").map(|e| e.date.to_string()).collect();
    assert_eq!(dates, ["2019-01-04", "2020-06-01"]);
}

#[test]
fn mention_is_addressable_inside_the_quote() {
    let ds = fixture();
    let us = ds.history("US").next().unwrap();
    assert_eq!(&us.quote[us.mention_in_quote().unwrap()], "US");
}

#[test]
fn json_round_trips_byte_for_byte() {
    let ds = fixture();
    let again = Dataset::from_json(&ds.to_json()).unwrap();
    assert_eq!(again.to_json(), ds.to_json());
}

#[test]
fn event_dates_are_distinct_and_sorted() {
    let dates = fixture().event_dates();
    assert_eq!(dates.len(), 4);
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn wrong_schema_version_is_refused_with_both_versions_named() {
    let json = include_str!("fixtures/timeline.json").replace("\"version\": 2", "\"version\": 99");
    let err = Dataset::from_json(&json).unwrap_err();
    assert!(matches!(err, LoadError::Schema { version: 99, .. }));
    assert!(err.to_string().contains("version 99"));
}

#[test]
fn quote_longer_than_its_span_is_refused() {
    let json = include_str!("fixtures/timeline.json").replace("\"end\": 26}", "\"end\": 27}");
    assert!(matches!(Dataset::from_json(&json), Err(LoadError::Inconsistent(_))));
}

#[test]
fn event_naming_a_missing_article_is_refused() {
    let json = include_str!("fixtures/timeline.json").replace("\"article\": \"b\"", "\"article\": \"nope\"");
    assert!(matches!(Dataset::from_json(&json), Err(LoadError::Inconsistent(_))));
}

#[test]
fn garbage_is_a_json_error_not_a_panic() {
    for input in ["", "{", "[]", "null", "{\"schema\": 3}"] {
        assert!(Dataset::from_json(input).is_err(), "{input:?}");
    }
}
