//! Prints, for each date given, every actor's standing under the stance
//! model: stance, whose evidence, the act and its date, and the quote's start.
//! A reviewer's view of the map at dates, without a browser:
//!
//!     cargo run -q -p atlas-model --example map_at -- 2021-06-01 2023-06-01

use atlas_model::{Dataset, Date, Evidence};

fn main() {
    let path = std::env::var("DATASET").unwrap_or_else(|_| "data/dataset.json".into());
    let json = match std::fs::read_to_string(&path) {
        Ok(j) => j,
        Err(e) => return eprintln!("map_at: {path}: {e}"),
    };
    let ds = match Dataset::from_json(&json) {
        Ok(ds) => ds,
        Err(e) => return eprintln!("map_at: {path}: {e}"),
    };
    for arg in std::env::args().skip(1) {
        let Ok(date) = arg.parse::<Date>() else {
            eprintln!("map_at: not a date: {arg}");
            continue;
        };
        let (mut current, mut previous) = (0, 0);
        println!("== {date}");
        for actor in ds.actors() {
            let Some(s) = ds.standing(actor, date) else { continue };
            let tag = match s.evidence {
                Evidence::Current => {
                    current += 1;
                    "current "
                }
                Evidence::PreviousGovernment => {
                    previous += 1;
                    "PREVIOUS"
                }
            };
            let by = s.by.map_or("-", |g| g.head.as_str());
            let quote: String = s.event.quote.chars().take(110).collect();
            println!(
                "{actor:8} {:10} {tag} {:22} {} by {by:24} | {}",
                s.stance().as_str(),
                s.event.kind.as_str(),
                s.event.date,
                quote.replace('\n', " ")
            );
        }
        println!("-- {current} current, {previous} previous government");
    }
}
