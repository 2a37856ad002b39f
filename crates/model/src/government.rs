//! Who governed each country when: the terms that decide whose statement an
//! event is, and so whether it still speaks for the country on a later date.

use crate::Date;
use serde::{Deserialize, Serialize};

/// One continuous tenure of the person who sets a country's foreign policy.
///
/// The term runs from `from` inclusive to `to` exclusive (the successor's first
/// day); `to` is `None` while the term runs on.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Government {
    /// ISO 3166-1 alpha-2 code of the country.
    pub actor: String,
    /// The head of that government, as people name them ("Luiz Inácio Lula da Silva").
    pub head: String,
    /// The office: "president", "prime minister", "acting president", ...
    pub role: String,
    /// First day in office.
    pub from: Date,
    /// The successor's first day, if there is one yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

impl Government {
    /// Whether `date` falls inside the term.
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

/// A date on which the question governments answer changed (the end of the
/// interim government, the 2024 election, Maduro's capture): acts before it
/// no longer outweigh acts after it (see [`crate::settle`]).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct TurningPoint {
    /// The day it happened.
    pub date: Date,
    /// What happened, for people ("the capture of Nicolás Maduro by US forces").
    pub name: String,
}

/// Why a list of terms cannot be used.
pub(crate) fn check(governments: &[Government]) -> Result<(), String> {
    for pair in governments.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.actor != b.actor {
            continue;
        }
        match a.to {
            Some(to) if to == b.from => {}
            Some(to) if to < b.from => return Err(format!("{}: a gap between {} and {}", a.actor, to, b.from)),
            _ => return Err(format!("{}: the terms of {} and {} overlap", a.actor, a.head, b.head)),
        }
    }
    for g in governments {
        if g.to.is_some_and(|to| to <= g.from) {
            return Err(format!("{}: the term of {} ends before it starts", g.actor, g.head));
        }
    }
    Ok(())
}
