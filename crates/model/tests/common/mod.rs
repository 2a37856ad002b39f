//! Builders shared by the model's specifications: dates and events made in
//! code, each event with a span of its own.

use atlas_model::{Date, Event, EventKind, Span, Stance};

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// An act of `actor` on `date`, quoted from article "a". Distinct spans per
/// event: the dataset merges events of one actor at one span.
pub fn event(actor: &str, stance: Stance, kind: EventKind, date: &str) -> Event {
    let quote = format!("{actor} {} on {date}.", kind.as_str());
    let start = usize::try_from(d(date).to_days()).unwrap() * 100 + usize::from(kind.weight());
    Event {
        actor: actor.into(),
        stance,
        kind,
        date: d(date),
        date_inferred: false,
        article: "a".into(),
        span: Span { start, end: start + quote.len() },
        mention: Span { start, end: start + actor.len() },
        quote,
    }
}
