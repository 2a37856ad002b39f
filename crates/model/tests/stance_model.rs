//! Specification of the stance model (`Dataset::standing`), one rule at a time,
//! on a small dataset built in code: Brazil under Bolsonaro and Lula, Mexico
//! under one government, and the EU, which has no terms.

use atlas_model::{Dataset, Event, EventKind, Evidence, Government, LoadError, Stance, TurningPoint};

mod common;
use common::{article, d, event, term};

fn terms() -> Vec<Government> {
    vec![
        term("BR", "Michel Temer", "2016-08-31", Some("2019-01-01")),
        term("BR", "Jair Bolsonaro", "2019-01-01", Some("2023-01-01")),
        term("BR", "Luiz Inácio Lula da Silva", "2023-01-01", None),
        term("MX", "Andrés Manuel López Obrador", "2018-12-01", Some("2024-10-01")),
        term("MX", "Claudia Sheinbaum", "2024-10-01", None),
    ]
}

fn dataset(events: Vec<Event>) -> Dataset {
    let mut ds = Dataset::new("test", vec![article()], events, terms());
    ds.set_turning_points(vec![
        TurningPoint { date: d("2024-07-28"), name: "the 2024 election".into() },
        TurningPoint { date: d("2026-01-03"), name: "Maduro's capture".into() },
    ]);
    ds
}

fn brazil() -> Dataset {
    dataset(vec![event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23")])
}

#[test]
fn a_stance_is_current_while_its_government_is_in_office() {
    let ds = brazil();
    let s = ds.standing("BR", d("2022-12-31")).map(|s| (s.stance(), s.evidence));
    assert_eq!(s, Some((Stance::Opposition, Evidence::Current)));
}

#[test]
fn a_predecessors_stance_is_marked_as_the_previous_governments() {
    let ds = brazil();
    let s = ds.standing("BR", d("2023-06-01")).unwrap();
    assert_eq!((s.stance(), s.evidence), (Stance::Opposition, Evidence::PreviousGovernment));
    assert_eq!(s.by.unwrap().head, "Jair Bolsonaro");
    assert_eq!(s.in_office.unwrap().head, "Luiz Inácio Lula da Silva");
}

#[test]
fn the_new_governments_first_act_makes_the_stance_current_again() {
    let mut events = vec![event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23")];
    events.push(event("BR", Stance::Government, EventKind::Restoration, "2023-01-01"));
    let ds = dataset(events);
    let s = ds.standing("BR", d("2023-06-01")).unwrap();
    assert_eq!((s.stance(), s.evidence, s.event.kind), (Stance::Government, Evidence::Current, EventKind::Restoration));
    // The act belongs to Lula's government, not to the one it reversed.
    assert_eq!(s.by.unwrap().head, "Luiz Inácio Lula da Silva");
    // And before Lula took office the old stance is still the current one.
    assert_eq!(ds.standing("BR", d("2022-12-31")).unwrap().stance(), Stance::Opposition);
}

#[test]
fn a_weak_act_does_not_undo_a_strong_one_of_the_same_government() {
    let ds = dataset(vec![
        event("MX", Stance::Government, EventKind::Recognition, "2019-01-10"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-02-07"),
        event("MX", Stance::Neutral, EventKind::Welcome, "2023-10-18"),
    ]);
    let s = ds.standing("MX", d("2024-01-01")).unwrap();
    assert_eq!((s.stance(), s.event.kind), (Stance::Government, EventKind::Recognition));
}

#[test]
fn a_weak_act_colors_a_country_whose_government_has_nothing_stronger() {
    let ds = dataset(vec![event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-02-07")]);
    assert_eq!(ds.standing("MX", d("2019-03-01")).unwrap().stance(), Stance::Neutral);
}

#[test]
fn a_later_act_as_strong_replaces_the_earlier_one() {
    let ds = dataset(vec![
        event("MX", Stance::Government, EventKind::Endorsement, "2019-01-10"),
        event("MX", Stance::Opposition, EventKind::Statement, "2019-06-01"),
    ]);
    assert_eq!(ds.standing("MX", d("2019-06-01")).unwrap().stance(), Stance::Opposition);
    assert_eq!(ds.standing("MX", d("2019-05-31")).unwrap().stance(), Stance::Government);
}

#[test]
fn a_reversal_replaces_a_strong_act() {
    let ds = dataset(vec![
        event("MX", Stance::Opposition, EventKind::ResultRejection, "2019-01-10"),
        event("MX", Stance::Neutral, EventKind::Derecognition, "2021-01-06"),
    ]);
    assert_eq!(ds.standing("MX", d("2021-02-01")).unwrap().event.kind, EventKind::Derecognition);
}

#[test]
fn on_one_day_the_heaviest_act_counts() {
    let ds = dataset(vec![
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-01-24"),
        event("MX", Stance::Government, EventKind::Recognition, "2019-01-24"),
    ]);
    assert_eq!(ds.standing("MX", d("2019-01-24")).unwrap().event.kind, EventKind::Recognition);
}

#[test]
fn a_weak_act_of_a_new_government_is_current_even_after_a_strong_predecessor() {
    let ds = dataset(vec![
        event("MX", Stance::Government, EventKind::Recognition, "2019-01-10"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2024-10-02"),
    ]);
    let s = ds.standing("MX", d("2025-01-01")).unwrap();
    assert_eq!((s.stance(), s.evidence), (Stance::Neutral, Evidence::Current));
}

#[test]
fn no_stance_before_the_first_event_whatever_the_government() {
    assert!(brazil().standing("BR", d("2019-01-22")).is_none());
}

#[test]
fn an_actor_without_terms_speaks_with_one_voice() {
    let ds = dataset(vec![
        event("EU", Stance::Opposition, EventKind::Endorsement, "2019-01-26"),
        event("EU", Stance::Neutral, EventKind::CallForDialogue, "2019-02-07"),
    ]);
    let s = ds.standing("EU", d("2025-01-01")).unwrap();
    assert_eq!((s.stance(), s.evidence), (Stance::Opposition, Evidence::Current));
    assert!(s.by.is_none() && s.in_office.is_none());
}

#[test]
fn acts_older_than_every_known_term_are_a_previous_governments() {
    let ds = dataset(vec![event("BR", Stance::Opposition, EventKind::Statement, "2015-03-01")]);
    let s = ds.standing("BR", d("2019-06-01")).unwrap();
    assert_eq!((s.evidence, s.by.is_none()), (Evidence::PreviousGovernment, true));
}

#[test]
fn the_age_of_the_evidence_is_counted_in_days() {
    let ds = brazil();
    let s = ds.standing("BR", d("2019-02-23")).unwrap();
    assert_eq!(s.age_days(d("2019-02-23")), 31);
}

#[test]
fn stance_at_is_the_event_of_the_standing() {
    let ds = brazil();
    assert_eq!(ds.stance_at("BR", d("2023-06-01")).map(|e| e.kind), Some(EventKind::Recognition));
}

#[test]
fn changes_list_the_countries_whose_stance_differs_with_the_act_that_changed_it() {
    let ds = dataset(vec![
        event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23"),
        event("BR", Stance::Government, EventKind::Restoration, "2023-01-01"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-01-24"),
        event("EU", Stance::Opposition, EventKind::Endorsement, "2021-01-06"),
    ]);
    let changes = ds.changes(d("2019-06-01"), d("2023-06-01"));
    let got: Vec<(&str, Option<Stance>, Option<EventKind>)> =
        changes.iter().map(|c| (c.actor, c.before.map(|s| s.stance()), c.after.map(|s| s.event.kind))).collect();
    assert_eq!(
        got,
        [("BR", Some(Stance::Opposition), Some(EventKind::Restoration)), ("EU", None, Some(EventKind::Endorsement))]
    );
}

#[test]
fn changes_also_list_a_side_held_by_a_new_governments_own_act() {
    let ds = dataset(vec![
        event("MX", Stance::Government, EventKind::Recognition, "2019-01-10"),
        event("MX", Stance::Government, EventKind::Endorsement, "2025-01-10"),
        event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23"),
    ]);
    let changes = ds.changes(d("2019-06-01"), d("2025-06-01"));
    // Mexico: the same side, now Sheinbaum's act. Brazil: Bolsonaro's act,
    // only marked as the previous government's, is no change.
    assert_eq!(changes.iter().map(|c| (c.actor, c.same_side())).collect::<Vec<_>>(), [("MX", true)]);
}

#[test]
fn governments_with_a_gap_or_an_overlap_are_refused() {
    let ds = brazil();
    // Lula's term moved a day late leaves a gap; a month early, an overlap.
    for from in ["2023-01-02", "2022-12-01"] {
        let mut json: serde_json::Value = serde_json::from_str(&ds.to_json()).unwrap();
        let terms = json["governments"].as_array_mut().unwrap();
        let lula = terms.iter_mut().find(|g| g["head"] == "Luiz Inácio Lula da Silva").unwrap();
        lula["from"] = from.into();
        let err = Dataset::from_json(&json.to_string()).unwrap_err();
        assert!(matches!(err, LoadError::Inconsistent(ref m) if m.starts_with("BR:")), "{from}: {err}");
    }
}

#[test]
fn the_dataset_carries_its_government_terms_through_json() {
    let ds = brazil();
    let again = Dataset::from_json(&ds.to_json()).unwrap();
    assert_eq!(again.governments_of("BR").len(), 3);
    assert_eq!(again.government_at("BR", d("2020-01-01")).unwrap().head, "Jair Bolsonaro");
    assert!(again.governments_of("EU").is_empty());
}

#[test]
fn evidence_split_off_and_joined_again_gives_the_same_dataset() {
    let ds = dataset(vec![
        event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-02-07"),
    ]);
    let (slim, file) = ds.without_evidence();
    assert!(slim.events.iter().all(|e| e.quote.is_empty()) && slim.articles.is_empty());
    // The slim dataset survives JSON and still answers the map's questions.
    let slim = Dataset::from_json(&slim.to_json()).unwrap();
    assert_eq!(slim.standing("BR", d("2019-06-01")).unwrap().stance(), Stance::Opposition);
    let file: atlas_model::EvidenceFile = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
    assert_eq!(slim.with_evidence(file.clone()).unwrap().to_json(), ds.to_json());
    // An evidence file for another dataset is refused.
    let mut short = file;
    short.quotes.pop();
    assert!(matches!(slim.with_evidence(short), Err(LoadError::Inconsistent(_))));
}

#[test]
fn a_dataset_without_evidence_survives_lines_as_it_survives_json() {
    let mut ds = dataset(vec![
        event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23"),
        event("BR", Stance::Opposition, EventKind::Endorsement, "2019-01-23"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-02-07"),
    ]);
    ds.events[2].date_inferred = true;
    assert!(ds.to_lines().is_err(), "quotes and articles are not written as lines");
    let (slim, _) = ds.without_evidence();
    let lines = slim.to_lines().unwrap();
    assert!(lines.starts_with(atlas_model::LINES_HEADER), "{lines}");
    let again = Dataset::from_lines(&lines).unwrap();
    assert_eq!(again.to_json(), Dataset::from_json(&slim.to_json()).unwrap().to_json());
    assert_eq!(again.turning_points, slim.turning_points);
    assert_eq!(again.standing("BR", d("2019-06-01")).unwrap().event.kind, EventKind::Recognition);
    // A field that would break a line is refused; so is a line that cannot be read.
    let mut tabbed = slim.clone();
    tabbed.governments[0].head.push('\t');
    assert!(matches!(tabbed.to_lines(), Err(LoadError::Inconsistent(_))));
    for bad in [
        "",
        "stance-atlas/dataset 2\tx\n",
        &lines.replace("\trecognition\t", "\trecognized\t"),
        &lines.replace("\t2019-02-07\t1", "\t2019-02-30\t1"),
        &format!("{lines}e\tAR\topposition\n"),
    ] {
        assert!(Dataset::from_lines(bad).is_err(), "{bad}");
    }
}

#[test]
fn after_a_turning_point_a_weaker_act_replaces_a_stronger_one() {
    let ds = dataset(vec![
        event("MX", Stance::Government, EventKind::Recognition, "2025-01-10"),
        event("MX", Stance::Neutral, EventKind::Statement, "2026-01-04"),
    ]);
    // Before the capture the recognition holds; after it, the 2026 statement answers the new question.
    assert_eq!(ds.standing("MX", d("2026-01-03")).unwrap().event.kind, EventKind::Recognition);
    let s = ds.standing("MX", d("2026-02-01")).unwrap();
    assert_eq!((s.stance(), s.event.kind), (Stance::Neutral, EventKind::Statement));
}

#[test]
fn without_a_turning_point_between_them_strength_still_decides() {
    let ds = dataset(vec![
        event("MX", Stance::Government, EventKind::Recognition, "2026-01-05"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2026-02-01"),
    ]);
    assert_eq!(ds.standing("MX", d("2026-03-01")).unwrap().event.kind, EventKind::Recognition);
}

#[test]
fn turning_points_travel_with_the_dataset() {
    let ds = dataset(vec![event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23")]);
    let again = Dataset::from_json(&ds.to_json()).unwrap();
    assert_eq!(again.turning_points, ds.turning_points);
    assert_eq!(again.without_evidence().0.turning_points.len(), 2);
}
