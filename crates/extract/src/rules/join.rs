//! Sentences that join an act without telling one with a subject
//! ("It was signed by A, B and C", "Portugal followed suit"), and the list
//! of actors that opens a sentence, for the next one to go on with.

use super::context::Ctx;
use super::{Sentence, NEGATION_REACH};
use crate::lexicon::{Cue, Lexicon, Tag};
use std::cell::Cell;
use std::ops::Range;

/// Actors named in a sentence, each with where it is named.
pub type Mentions<'a> = Vec<(&'a str, Range<usize>)>;

/// How a sentence takes part in an act it does not tell with a subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// The actors sign a statement ("It was signed by A, B and C", "Se
    /// sumaron a la declaración los gobiernos de A, B y C"): its act is told
    /// in the sentence itself, without a subject, or in one before it.
    Signatories,
    /// The actors repeat the act of the sentence before ("Portugal followed
    /// suit", "Perú hizo lo mismo").
    FollowSuit,
}

/// The actors a sentence adds to an act it does not tell with a subject of
/// its own, and how: the list before the marker ("A, B y C se sumaron"),
/// else the one after it ("firmaron el comunicado A, B y C"). A negated
/// or hoped-for marker ("did not follow suit", "should sign") adds no one;
/// so does a "follow suit" that does not end its sentence ("se sumó a las
/// protestas").
pub fn joiners<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> Option<(Join, Mentions<'a>)> {
    let hits = s.hits;
    let work = Cell::new(0);
    let ctx = Ctx::new(lex, s, &work, true);
    let i = hits.iter().enumerate().position(|(i, h)| {
        h.has(Tag::Signatory) || h.has(Tag::FollowSuit) || h.cue() == Some(Cue::SupportPassive) && ctx.after_document(i)
    })?;
    let h = &hits[i];
    let blocked = hits[..i].iter().rev().take(3).any(|p| {
        let gap = ctx.words_between(p.end, h.start);
        (p.has(Tag::Negator) && gap <= NEGATION_REACH)
            || (p.has(Tag::Modal) && gap <= 2)
            || (p.has(Tag::Cancel) && gap <= 6)
    });
    if blocked {
        return None;
    }
    let join = if h.has(Tag::FollowSuit) && !h.has(Tag::Signatory) {
        let ends = hits[i + 1..].is_empty() && ctx.words_between(h.end, s.range.end) <= 2;
        if !ends {
            return None;
        }
        Join::FollowSuit
    } else {
        Join::Signatories
    };
    // "signed by A, B and C", "firmado por": a passive marker's
    // signatories follow it, whatever stands before ("Brussels 04.01.2026
    // This statement is supported by ...").
    let cue_text = ctx.between(h.start, h.end).to_lowercase();
    let ends_passive = |w: &String| cue_text.strip_suffix(w.as_str()).is_some_and(|rest| rest.ends_with(' '));
    let passive = ctx.grammar().passive_by.iter().any(ends_passive) || h.cue() == Some(Cue::SupportPassive);
    let mut actors = if passive && join == Join::Signatories { Vec::new() } else { ctx.subject(i) };
    if actors.is_empty() && join == Join::Signatories {
        actors = ctx.list_after(i, false, 14);
        // "suscrita por A, B y C, el Grupo de Lima asegura": the group
        // whose statement it is follows its signatories, and is none.
        actors.retain(|(_, m)| !hits.iter().any(|h| h.start == m.start && matches!(h.actor(), Some(Tag::Group(_)))));
    }
    (!actors.is_empty()).then_some((join, actors))
}

/// The list of actors that opens a sentence ("Los gobiernos de Argentina,
/// Costa Rica y Perú manifiestan ..."): its subject, which a next sentence
/// without one may go on with ("Y exigieron ...").
pub fn leading_actors<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> Vec<(&'a str, Range<usize>)> {
    let hits = s.hits;
    let work = Cell::new(0);
    let ctx = Ctx::new(lex, s, &work, false);
    let Some(first) = hits.first() else { return Vec::new() };
    if first.actor().is_none() || ctx.words_between(s.range.start, first.start) > 3 || !ctx.usable(0) {
        return Vec::new();
    }
    let mut last = 0;
    let mut out = ctx.resolve(0);
    for (n, h) in hits.iter().enumerate().skip(1) {
        if h.actor().is_none() || !ctx.glued(last, n) {
            break;
        }
        out.extend(ctx.resolve(n));
        last = n;
    }
    out
}
