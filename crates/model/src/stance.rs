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
    /// Backs the chavista government: Maduro's, and from 3 January 2026 the
    /// interim government of Delcy Rodríguez.
    Government,
    /// Calls for dialogue, negotiation or elections without taking a side.
    Neutral,
}

impl Stance {
    /// Every stance, in legend order.
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
            Stance::Government => "Backs the chavista government",
            Stance::Neutral => "Neutral / calls for dialogue",
        }
    }

    /// The stance named by [`Stance::as_str`].
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
    /// Formal recognition of a president (Guaidó, González Urrutia or Maduro),
    /// or of a government (the interim government of 2026).
    Recognition,
    /// Withdrawing a recognition given before ("no longer recognises Guaidó as
    /// interim president", "retiró el reconocimiento").
    Derecognition,
    /// Cutting diplomatic relations, by the actor or by Venezuela against it.
    Rupture,
    /// Restoring or re-establishing relations, exchanging or appointing
    /// ambassadors, reopening an embassy.
    Restoration,
    /// Recalling or expelling diplomats, by the actor or by Venezuela against it.
    DiplomaticWithdrawal,
    /// Rejecting an election's announced result (or recognising it as valid).
    ResultRejection,
    /// Declared support for one side short of formal recognition.
    Endorsement,
    /// Any other statement that takes a side, e.g. condemning interference.
    Statement,
    /// A call for dialogue, negotiation or new elections.
    CallForDialogue,
    /// A welcome of a process or an agreement, or congratulations on how a
    /// vote was held, taking no side.
    Welcome,
}

/// How much an act says about a government's position: a later act replaces
/// an earlier one of the same government only if it is at least as strong.
/// The acts that reverse an earlier one by nature (derecognition, restored
/// relations) are strong, so they always replace it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Strength {
    /// Calls for dialogue, welcomes, congratulations on process.
    Weak,
    /// Endorsements and statements that take a side.
    Medium,
    /// Recognition and derecognition, rupture and restoration of relations,
    /// withdrawal of diplomats, rejection of an election's result.
    Strong,
}

impl Strength {
    /// A word for people, used in the panel's explanation.
    pub fn label(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Medium => "medium",
            Strength::Strong => "strong",
        }
    }
}

impl EventKind {
    /// Every kind, strongest first.
    pub const ALL: [EventKind; 10] = [
        EventKind::Recognition,
        EventKind::Derecognition,
        EventKind::Rupture,
        EventKind::Restoration,
        EventKind::DiplomaticWithdrawal,
        EventKind::ResultRejection,
        EventKind::Endorsement,
        EventKind::Statement,
        EventKind::CallForDialogue,
        EventKind::Welcome,
    ];

    /// The stable snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Recognition => "recognition",
            EventKind::Derecognition => "derecognition",
            EventKind::Rupture => "rupture",
            EventKind::Restoration => "restoration",
            EventKind::DiplomaticWithdrawal => "diplomatic_withdrawal",
            EventKind::ResultRejection => "result_rejection",
            EventKind::Endorsement => "endorsement",
            EventKind::Statement => "statement",
            EventKind::CallForDialogue => "call_for_dialogue",
            EventKind::Welcome => "welcome",
        }
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Recognition => "recognition",
            EventKind::Derecognition => "recognition withdrawn",
            EventKind::Rupture => "broke relations",
            EventKind::Restoration => "restored relations",
            EventKind::DiplomaticWithdrawal => "diplomats withdrawn",
            EventKind::ResultRejection => "election result rejected",
            EventKind::Endorsement => "endorsement",
            EventKind::Statement => "statement",
            EventKind::CallForDialogue => "call for dialogue",
            EventKind::Welcome => "welcome",
        }
    }

    /// The kind named by [`EventKind::as_str`].
    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How much the act says about a position (see [`Strength`]).
    pub fn strength(self) -> Strength {
        match self {
            EventKind::Recognition
            | EventKind::Derecognition
            | EventKind::Rupture
            | EventKind::Restoration
            | EventKind::DiplomaticWithdrawal
            | EventKind::ResultRejection => Strength::Strong,
            EventKind::Endorsement | EventKind::Statement => Strength::Medium,
            EventKind::CallForDialogue | EventKind::Welcome => Strength::Weak,
        }
    }

    /// How much an act weighs when two events of one actor fall on the same
    /// day: a formal recognition outweighs a statement, and any side-taking
    /// act outweighs a call for dialogue made the same day.
    pub fn weight(self) -> u8 {
        match self {
            EventKind::Recognition => 9,
            EventKind::Derecognition => 8,
            EventKind::Rupture => 7,
            EventKind::Restoration => 6,
            EventKind::ResultRejection => 5,
            EventKind::DiplomaticWithdrawal => 4,
            EventKind::Endorsement => 3,
            EventKind::Statement => 2,
            EventKind::Welcome => 1,
            EventKind::CallForDialogue => 0,
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
