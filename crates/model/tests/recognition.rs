//! Specification of the recognition layer (`Dataset::recognition`): only
//! recognition and derecognition acts count, the claimant is read from the
//! act's side and date, a recognition lapses with its claim, and the stance
//! model's rules of governments hold.

use atlas_model::{claimant_of, Claim, Claimant, Dataset, Event, EventKind, Evidence, Stance};

mod common;
use common::{article, d, event, term};

fn claims() -> Vec<Claim> {
    vec![
        Claim {
            claimant: Claimant::Guaido,
            side: Stance::Opposition,
            from: d("2019-01-23"),
            to: Some(d("2023-01-05")),
        },
        Claim { claimant: Claimant::Gonzalez, side: Stance::Opposition, from: d("2024-07-28"), to: None },
        Claim { claimant: Claimant::Maduro, side: Stance::Government, from: d("2013-04-19"), to: None },
    ]
}

fn dataset(events: Vec<Event>) -> Dataset {
    let terms = vec![
        term("BR", "Jair Bolsonaro", "2019-01-01", Some("2023-01-01")),
        term("BR", "Luiz Inácio Lula da Silva", "2023-01-01", None),
    ];
    Dataset::new("test", vec![article()], events, terms)
}

fn who(ds: &Dataset, actor: &str, date: &str) -> Option<Option<Claimant>> {
    ds.recognition(actor, d(date), &claims()).map(|r| r.claimant)
}

#[test]
fn the_claimant_is_read_from_the_side_and_the_date() {
    let c = claims();
    let rec = |stance, date| claimant_of(&c, &event("US", stance, EventKind::Recognition, date));
    assert_eq!(rec(Stance::Opposition, "2019-01-23"), Some(Claimant::Guaido));
    assert_eq!(rec(Stance::Opposition, "2024-08-02"), Some(Claimant::Gonzalez));
    assert_eq!(rec(Stance::Government, "2019-01-23"), Some(Claimant::Maduro));
    assert_eq!(rec(Stance::Government, "2026-01-03"), Some(Claimant::Maduro));
    assert_eq!(rec(Stance::Opposition, "2019-01-04"), None, "refusing Maduro's term before Guaidó's claim");
    assert_eq!(rec(Stance::Opposition, "2023-06-01"), None, "between the two opposition claims");
    assert_eq!(claimant_of(&c, &event("US", Stance::Neutral, EventKind::Derecognition, "2021-01-06")), None);
}

#[test]
fn only_recognition_acts_count() {
    let ds = dataset(vec![
        event("US", Stance::Opposition, EventKind::Endorsement, "2019-01-20"),
        event("MX", Stance::Neutral, EventKind::CallForDialogue, "2019-01-24"),
    ]);
    assert_eq!(who(&ds, "US", "2019-02-01"), None);
    assert_eq!(who(&ds, "MX", "2019-02-01"), None);
    assert_eq!(ds.standing("US", d("2019-02-01")).map(|s| s.stance()), Some(Stance::Opposition));
}

#[test]
fn a_recognition_lapses_with_its_claim_and_a_later_act_replaces_it() {
    let ds = dataset(vec![
        event("US", Stance::Opposition, EventKind::Recognition, "2019-01-23"),
        event("US", Stance::Opposition, EventKind::Recognition, "2024-08-02"),
        event("EU", Stance::Opposition, EventKind::Recognition, "2019-02-04"),
        event("EU", Stance::Neutral, EventKind::Derecognition, "2021-01-06"),
        event("RU", Stance::Government, EventKind::Recognition, "2019-01-23"),
    ]);
    assert_eq!(who(&ds, "US", "2019-01-22"), None);
    assert_eq!(who(&ds, "US", "2022-12-31"), Some(Some(Claimant::Guaido)));
    assert_eq!(who(&ds, "US", "2023-01-05"), Some(None), "the interim government ended");
    assert_eq!(who(&ds, "US", "2024-08-02"), Some(Some(Claimant::Gonzalez)));
    assert_eq!(who(&ds, "EU", "2020-06-01"), Some(Some(Claimant::Guaido)));
    assert_eq!(who(&ds, "EU", "2021-01-06"), Some(None), "withdrawn");
    assert_eq!(who(&ds, "RU", "2025-06-01"), Some(Some(Claimant::Maduro)));
}

#[test]
fn a_recognition_belongs_to_the_government_that_made_it() {
    let ds = dataset(vec![
        event("BR", Stance::Opposition, EventKind::Recognition, "2019-01-23"),
        event("BR", Stance::Government, EventKind::Restoration, "2023-01-01"),
    ]);
    let r = ds.recognition("BR", d("2022-12-31"), &claims()).unwrap();
    assert_eq!((r.claimant, r.standing.evidence), (Some(Claimant::Guaido), Evidence::Current));
    // Lula's government restored relations (no recognition act): the layer
    // shows Bolsonaro's recognition, lapsed, as the previous government's.
    let r = ds.recognition("BR", d("2023-06-01"), &claims()).unwrap();
    assert_eq!((r.claimant, r.standing.evidence), (None, Evidence::PreviousGovernment));
    assert_eq!(r.standing.by.unwrap().head, "Jair Bolsonaro");
    assert_eq!(ds.standing("BR", d("2023-06-01")).map(|s| s.stance()), Some(Stance::Government));
}
