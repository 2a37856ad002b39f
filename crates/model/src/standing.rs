//! The stance model: which event sets a country's color on a date, and whose
//! statement it is.
//!
//! Three rules, each justified in DESIGN.md ("Why a stance belongs to a
//! government"):
//!
//! 1. **A stance belongs to the government that stated it.** On a date, a
//!    country's current stance comes only from events of the government in
//!    office that day ([`Evidence::Current`]).
//! 2. **A weak act does not undo a strong one.** Within one government's
//!    events, a later act replaces the held one only if it is at least as
//!    strong ([`crate::Strength`]); the acts that reverse by nature
//!    (derecognition, restored relations) are strong, so they always do. On
//!    one day the heaviest act counts. A turning point of the crisis (the end
//!    of the interim government, the 2024 election, Maduro's capture) between
//!    the two acts lets the later one replace the earlier whatever their
//!    strengths: it answers the question as it stands now.
//! 3. **A predecessor's stance is shown for what it is.** When the government
//!    in office has said nothing yet, the latest earlier government's stance
//!    is returned, marked [`Evidence::PreviousGovernment`].

use crate::{Dataset, Date, Event, Government, Stance, TurningPoint};

/// Whose statement colors a country on a date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Evidence {
    /// An act of the government in office on that date.
    Current,
    /// An act of an earlier government; the one in office has none yet.
    PreviousGovernment,
}

impl Evidence {
    /// The stable name used in the `data-evidence` hook and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Current => "current",
            Evidence::PreviousGovernment => "previous-government",
        }
    }
}

/// A country's position on a date and what it rests on.
#[derive(Clone, Copy, Debug)]
pub struct Standing<'a> {
    /// The act that sets the position.
    pub event: &'a Event,
    /// Whether that act is the current government's.
    pub evidence: Evidence,
    /// The government that made the act, where terms are known for the actor.
    pub by: Option<&'a Government>,
    /// The government in office on the date asked about, where known.
    pub in_office: Option<&'a Government>,
}

impl Standing<'_> {
    /// The position itself.
    pub fn stance(&self) -> Stance {
        self.event.stance
    }

    /// Days from the act to `date` (the age of the evidence on that date).
    pub fn age_days(&self, date: Date) -> i32 {
        date.to_days() - self.event.date.to_days()
    }
}

/// A country whose position, or the government it rests on, differs between
/// two dates.
#[derive(Clone, Copy, Debug)]
pub struct Change<'a> {
    /// The actor's code.
    pub actor: &'a str,
    /// Its standing on the earlier date.
    pub before: Option<Standing<'a>>,
    /// Its standing on the later date; its event is the act that changed it.
    pub after: Option<Standing<'a>>,
}

impl Change<'_> {
    /// True when the side is the same and only the government holding it
    /// changed (Bolivia backing Maduro under Morales, then under Arce).
    pub fn same_side(&self) -> bool {
        self.before.map(|s| s.stance()) == self.after.map(|s| s.stance())
    }
}

/// The act that holds among one government's events, given oldest first with
/// the heaviest act first within a day (the dataset's canonical order);
/// `turning_points` are the crisis's turning dates, oldest first.
pub fn settle<'a>(events: impl IntoIterator<Item = &'a Event>, turning_points: &[TurningPoint]) -> Option<&'a Event> {
    let turned = |from: Date, to: Date| turning_points.iter().any(|p| from < p.date && p.date <= to);
    events.into_iter().fold(None, |held: Option<&Event>, e| match held {
        None => Some(e),
        // The first event of a day is that day's heaviest.
        Some(h) if h.date == e.date => Some(h),
        Some(h) if e.kind.strength() >= h.kind.strength() || turned(h.date, e.date) => Some(e),
        Some(h) => Some(h),
    })
}

impl Dataset {
    /// The government of `actor` in office on `date`, where terms are known.
    pub fn government_at(&self, actor: &str, date: Date) -> Option<&Government> {
        self.governments_of(actor).iter().find(|g| g.covers(date))
    }

    /// Where `actor` stands on `date` under the stance model (module docs).
    pub fn standing(&self, actor: &str, date: Date) -> Option<Standing<'_>> {
        self.standing_among(actor, date, &|_| true)
    }

    /// The stance model's answer counting only the events `keep` accepts:
    /// the same rules of governments and strength, over a subset of acts
    /// (the recognition layer keeps recognitions and derecognitions).
    pub fn standing_among(&self, actor: &str, date: Date, keep: &dyn Fn(&Event) -> bool) -> Option<Standing<'_>> {
        // The actor's events are sorted by date: each term's are one slice.
        let idx = self.by_actor.get(actor)?;
        let until = |day: Date| idx.partition_point(|&i| self.events[i].date < day);
        let end = idx.partition_point(|&i| self.events[i].date <= date);
        let events =
            |from: usize, to: usize| idx[from..to.min(end)].iter().map(|&i| &self.events[i]).filter(|e| keep(e));
        if end == 0 {
            return None;
        }
        let terms = self.governments_of(actor);
        let in_office = terms.iter().find(|g| g.covers(date));
        if terms.is_empty() {
            // Organisations, and countries without reviewed terms: one voice throughout.
            return settle(events(0, end), &self.turning_points).map(|event| Standing {
                event,
                evidence: Evidence::Current,
                by: None,
                in_office,
            });
        }
        // Terms from the latest that has begun back to the first.
        let begun = terms.partition_point(|g| g.from <= date);
        for term in terms[..begun].iter().rev() {
            let own = events(until(term.from), term.to.map_or(end, until));
            if let Some(event) = settle(own, &self.turning_points) {
                let current = in_office.is_some_and(|g| std::ptr::eq(g, term));
                let evidence = if current { Evidence::Current } else { Evidence::PreviousGovernment };
                return Some(Standing { event, evidence, by: Some(term), in_office });
            }
        }
        // Acts older than every known term belong to an unnamed earlier government.
        settle(events(0, until(terms[0].from)), &self.turning_points).map(|event| Standing {
            event,
            evidence: Evidence::PreviousGovernment,
            by: None,
            in_office,
        })
    }

    /// The act that sets `actor`'s stance on `date` (see [`Dataset::standing`]).
    pub fn stance_at(&self, actor: &str, date: Date) -> Option<&Event> {
        self.standing(actor, date).map(|s| s.event)
    }

    /// Every actor whose stance on `to` differs from its stance on `from`
    /// (including gaining or losing one), or whose stance is the same but now
    /// rests on a later government's own act, in code order.
    pub fn changes(&self, from: Date, to: Date) -> Vec<Change<'_>> {
        self.actors()
            .filter_map(|actor| {
                let before = self.standing(actor, from);
                let after = self.standing(actor, to);
                let side = before.map(|s| s.stance()) != after.map(|s| s.stance());
                let government = match (before.and_then(|s| s.by), after.and_then(|s| s.by)) {
                    (Some(a), Some(b)) => !std::ptr::eq(a, b),
                    _ => false,
                };
                (side || government).then_some(Change { actor, before, after })
            })
            .collect()
    }
}
