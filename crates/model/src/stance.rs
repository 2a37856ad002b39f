//! The three positions a government can take, and the kinds of act that show them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an actor stands on Venezuela's presidential crisis.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Backs the opposition (Guaidó in 2019, González Urrutia after July 2024)
    /// or rejects the legitimacy of Maduro's government.
    Opposition,
    /// Backs Maduro's government.
    Government,
    /// Calls for dialogue, negotiation or elections without taking a side.
    Neutral,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Opposition, Stance::Government, Stance::Neutral];

    /// The stable lowercase name used in JSON, CSV and the `data-stance` hook.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Opposition => "opposition",
            Stance::Government => "government",
            Stance::Neutral => "neutral",
        }
    }

    /// A short label for people, used in legends and lists.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Opposition => "Backs the opposition",
            Stance::Government => "Backs Maduro's government",
            Stance::Neutral => "Neutral / calls for dialogue",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of act an event records.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Formal recognition of a president (Guaidó, González Urrutia or Maduro).
    Recognition,
    /// Cutting diplomatic relations, by the actor or by Venezuela against it.
    Rupture,
    /// Recalling or expelling diplomats, by the actor or by Venezuela against it.
    DiplomaticWithdrawal,
    /// Declared support for one side short of formal recognition.
    Endorsement,
    /// Any other statement that takes a side, e.g. condemning interference.
    Statement,
    /// A call for dialogue, negotiation or new elections.
    CallForDialogue,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Recognition,
        EventKind::Rupture,
        EventKind::DiplomaticWithdrawal,
        EventKind::Endorsement,
        EventKind::Statement,
        EventKind::CallForDialogue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Recognition => "recognition",
            EventKind::Rupture => "rupture",
            EventKind::DiplomaticWithdrawal => "diplomatic_withdrawal",
            EventKind::Endorsement => "endorsement",
            EventKind::Statement => "statement",
            EventKind::CallForDialogue => "call_for_dialogue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Recognition => "recognition",
            EventKind::Rupture => "broke relations",
            EventKind::DiplomaticWithdrawal => "diplomats withdrawn",
            EventKind::Endorsement => "endorsement",
            EventKind::Statement => "statement",
            EventKind::CallForDialogue => "call for dialogue",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How much an act weighs when two events of one actor fall on the same
    /// day: a formal recognition outweighs a statement, and any side-taking
    /// act outweighs a call for dialogue made the same day.
    pub fn weight(self) -> u8 {
        match self {
            EventKind::Recognition => 5,
            EventKind::Rupture => 4,
            EventKind::DiplomaticWithdrawal => 3,
            EventKind::Endorsement => 2,
            EventKind::Statement => 1,
            EventKind::CallForDialogue => 0,
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
