//! The recognition layer: whom a government formally recognises as
//! Venezuela's president on a date, counting only recognition and
//! derecognition acts.
//!
//! The stance model answers "which side"; this answers "whom, formally". It
//! follows the same rules of governments (a recognition belongs to the
//! government that made it; a predecessor's is marked as such), over the
//! recognition acts alone. Which claimant an act recognises is read from the
//! act's side and date against the claims of `data/gazetteer/claims.csv`: an
//! opposition recognition inside Guaidó's claim (23 January 2019 to the end of
//! the interim government, 5 January 2023) is of Guaidó, one from the 2024
//! election on is of González Urrutia, and a government-side one is of Maduro
//! (from 3 January 2026, of the chavista interim government). A recognition
//! lapses when its claim ends; a derecognition, or a refusal to recognise
//! Maduro outside any opposition claim ("the Lima Group will not recognise
//! Maduro's new term", 4 January 2019), recognises nobody.

use crate::{Dataset, Date, Event, EventKind, Stance, Standing};

/// Someone a government can recognise as Venezuela's president.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Claimant {
    /// Juan Guaidó as interim president (2019-2022).
    Guaido,
    /// Edmundo González Urrutia as president-elect (from the 2024 election).
    Gonzalez,
    /// Nicolás Maduro as president; from 3 January 2026 the chavista interim
    /// government that followed him.
    Maduro,
}

impl Claimant {
    /// Every claimant, in legend order.
    pub const ALL: [Claimant; 3] = [Claimant::Guaido, Claimant::Gonzalez, Claimant::Maduro];

    /// The stable name used in `claims.csv` and the `data-recognition` hook.
    pub fn as_str(self) -> &'static str {
        match self {
            Claimant::Guaido => "guaido",
            Claimant::Gonzalez => "gonzalez",
            Claimant::Maduro => "maduro",
        }
    }

    /// The claimant named by [`Claimant::as_str`].
    pub fn parse(s: &str) -> Option<Claimant> {
        Claimant::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One claim to the presidency that governments recognised: recognitions of
/// `side` made from `from` (inclusive) to `to` (exclusive) are of `claimant`,
/// and hold until `to`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Claim {
    /// Who is recognised.
    pub claimant: Claimant,
    /// The side whose recognition acts recognise this claimant.
    pub side: Stance,
    /// The first day the claim could be recognised.
    pub from: Date,
    /// The day the claim ended, if it has.
    pub to: Option<Date>,
}

impl Claim {
    /// Whether the claim stands on `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

/// Whether an event counts on the recognition layer.
pub fn is_recognition_act(e: &Event) -> bool {
    matches!(e.kind, EventKind::Recognition | EventKind::Derecognition)
}

/// Whom `e` recognises under `claims`: nobody for a derecognition, for any
/// other kind of act, or for a recognition outside every claim of its side.
pub fn claimant_of(claims: &[Claim], e: &Event) -> Option<Claimant> {
    if e.kind != EventKind::Recognition {
        return None;
    }
    claims.iter().find(|c| c.side == e.stance && c.covers(e.date)).map(|c| c.claimant)
}

/// A country's formal recognition on a date and the act it rests on.
#[derive(Clone, Copy, Debug)]
pub struct Recognition<'a> {
    /// Whom it recognises on that date; `None` after a derecognition, a
    /// refusal, or once the recognised claim has ended.
    pub claimant: Option<Claimant>,
    /// The act, with whose government made it (as in the stance model).
    pub standing: Standing<'a>,
}

impl Dataset {
    /// The recognition layer's answer for `actor` on `date` (module docs):
    /// `None` when no government of `actor` has a recognition act by then.
    pub fn recognition(&self, actor: &str, date: Date, claims: &[Claim]) -> Option<Recognition<'_>> {
        let standing = self.standing_among(actor, date, &is_recognition_act)?;
        let claimant = claimant_of(claims, standing.event)
            .filter(|c| claims.iter().any(|k| k.claimant == *c && k.side == standing.stance() && k.covers(date)));
        Some(Recognition { claimant, standing })
    }
}
