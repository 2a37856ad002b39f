//! Builders shared by the model's specifications: dates and events made in
//! code, each event with a span of its own.

use atlas_model::{Article, Date, Event, EventKind, Government, Span, Stance};

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
        confidence: None,
        article: "a".into(),
        span: Span { start, end: start + quote.len() },
        mention: Span { start, end: start + actor.len() },
        quote,
    }
}

/// The one article every built event quotes ("a").
pub fn article() -> Article {
    Article {
        id: "a".into(),
        file: "a.txt".into(),
        title: None,
        outlet: None,
        url: None,
        published: d("2019-01-01"),
        published_inferred: false,
        lang: "en".into(),
    }
}

/// A president's term of office for `actor`.
pub fn term(actor: &str, head: &str, from: &str, to: Option<&str>) -> Government {
    Government { actor: actor.into(), head: head.into(), role: "president".into(), from: d(from), to: to.map(d) }
}
