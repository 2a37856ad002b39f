//! The guards that stop a construction at a cue, as predicates over the
//! sentence's context. Each returns the words it fired on (global byte
//! offsets), so that the trace can show them; the construction-specific
//! guards that need the act's target live with the readers
//! (`constructions.rs`), named by [`Guard`] all the same.

use super::context::Ctx;
use super::trace::Guard;
use super::NEGATION_REACH;
use crate::lexicon::{Align, Cue, Tag};
use crate::text::words_borrowed;
use std::ops::Range;

impl Ctx<'_, '_, '_> {
    /// A negator at most [`NEGATION_REACH`] words before hit `i`, among the
    /// two hits before it ("did not recognise", "no reconoce").
    pub(super) fn negation(&self, i: usize) -> Option<Range<usize>> {
        self.marker_before(i, Tag::Negator)
    }

    /// A ceasing word right before hit `i` ("no longer recognises", "dejó
    /// de reconocer").
    pub(super) fn ceasing(&self, i: usize) -> Option<Range<usize>> {
        self.marker_before(i, Tag::Ceasing)
    }

    fn marker_before(&self, i: usize, tag: Tag) -> Option<Range<usize>> {
        let hits = self.s.hits;
        if i == 0 {
            return None;
        }
        hits[..i]
            .iter()
            .rev()
            .take(2)
            .find(|p| p.has(tag) && self.words_between(p.end, hits[i].start) <= NEGATION_REACH)
            .map(|p| p.start..p.end)
    }

    /// An advocating cue among the `back` hits before hit `i`, at most
    /// `reach` words before it ("called for the restoration of", "pidió el
    /// apoyo de"): what is asked for is not yet done. Its words, if any.
    pub(super) fn advocated(&self, i: usize, back: usize, reach: usize) -> Option<Range<usize>> {
        let hits = self.s.hits;
        hits[..i]
            .iter()
            .rev()
            .take(back)
            .find(|p| p.cue() == Some(Cue::Advocate) && self.words_between(p.end, hits[i].start) <= reach)
            .map(|p| p.start..p.end)
    }

    /// A modal right before the cue at hit `i` ("should recognize") or a
    /// cancelling act a few words before it ("vetoed a resolution
    /// backing"): the cue reports no act of anyone's.
    pub(super) fn undone(&self, i: usize) -> Option<(Guard, Range<usize>)> {
        let hits = self.s.hits;
        hits[..i].iter().rev().take(4).find_map(|p| {
            let gap = self.words_between(p.end, hits[i].start);
            if p.has(Tag::Modal) && gap <= 1 {
                Some((Guard::Modal, p.start..p.end))
            } else if p.has(Tag::Cancel) && gap <= 6 {
                Some((Guard::Cancelled, p.start..p.end))
            } else {
                None
            }
        })
    }

    /// True when the cancelling cue at hit `i` cancels the cue right after
    /// it ("warned against recognizing Guaidó"), while "warned against any
    /// military intervention" opposes a target.
    pub(super) fn cancels_next_cue(&self, i: usize) -> bool {
        let hits = self.s.hits;
        hits[i].has(Tag::Cancel)
            && hits.get(i + 1).is_some_and(|n| n.cue().is_some() && self.words_between(hits[i].end, n.start) <= 6)
    }

    /// Marks in `glued` each hit that is an epithet glued to a name ("dictator
    /// Nicolás Maduro", "usurper Maduro", "the dictatorship of Maduro"):
    /// the writer's word, not anyone's act, so no cue. The label may reach
    /// the name through a short apposition that names only Venezuela ("el
    /// dictador de Venezuela, Nicolás Maduro"). Read from the end, so that
    /// the name after each epithet (the next hit that is not Venezuela
    /// alone) is known without looking for it.
    pub(super) fn mark_epithets(&self, glued: &mut [bool]) {
        let hits = self.s.hits;
        let mut next_name: Option<usize> = None;
        for i in (0..hits.len()).rev() {
            let named = !(hits[i].has(Tag::Venezuela) && hits[i].side().is_none());
            if !hits[i].has(Tag::Epithet) {
                if named {
                    next_name = Some(i);
                }
                continue;
            }
            let name = next_name;
            if named {
                next_name = Some(i);
            }
            glued[i] = name.is_some_and(|n| self.epithet_glued(i, n));
        }
    }

    /// True when the epithet at hit `i` labels the name at hit `n`.
    fn epithet_glued(&self, i: usize, n: usize) -> bool {
        let hits = self.s.hits;
        let name = &hits[n];
        let gap = self.between(hits[i].end, name.start);
        let words = self.words_between(hits[i].end, name.start);
        // "the dictatorship of Nicolás Maduro": "of" and an article join
        // the label to the name as closely as a space.
        let joined_by_of = || {
            words <= 2
                && !gap.contains([',', '.', ';', ':'])
                && words_borrowed(gap).all(|w| self.is_of(&w) || self.is_article(&w))
        };
        (name.actor().is_some() || name.side().is_some_and(|a| a != Align::Neutral))
            && (gap.chars().all(char::is_whitespace)
                || joined_by_of()
                || (words <= 3 && !gap.contains(['.', ';', ':']) && hits[i + 1].has(Tag::Venezuela)))
    }

    /// Why the actor at hit `k` is not the subject of the cue at hit `i`,
    /// if it is not: the first of the subject's guards that sets it aside.
    /// Asked only when tracing.
    pub(super) fn why_not_subject(&self, k: usize, i: usize) -> Option<Guard> {
        let hits = self.s.hits;
        let person = matches!(hits[k].actor(), Some(Tag::Person(_)));
        if self.quoted_apart(k, i) {
            Some(Guard::QuotedApart)
        } else if self.is_object(k) {
            Some(Guard::Object)
        } else if self.in_apposition(k) && !person {
            Some(Guard::Apposition)
        } else if self.excluded[k] {
            Some(Guard::Excluded)
        } else if self.is_former(k) {
            Some(Guard::Former)
        } else if self.of_legislature(k) {
            Some(Guard::Legislature)
        } else if matches!(hits[k].actor(), Some(Tag::Organisation(_))) && self.container(k) {
            Some(Guard::Container)
        } else if matches!(hits[k].actor(), Some(Tag::Group(_))) && self.partitive(k) {
            Some(Guard::Partitive)
        } else if !self.usable(k) {
            Some(Guard::NoOffice)
        } else {
            None
        }
    }

    /// The actors before the cue at hit `i`, within the subject's reach,
    /// that were set aside, each with the guard that did it. Asked only
    /// when tracing.
    /// `nobody` tells that the search found no one.
    pub(super) fn passed_over(&self, i: usize, nobody: bool) -> Vec<(Range<usize>, Guard)> {
        let hits = self.s.hits;
        let mut out = Vec::new();
        for k in (0..i).rev() {
            if self.words_between(hits[k].end, hits[i].start) > super::context::SUBJECT_REACH {
                break;
            }
            if hits[k].actor().is_none() {
                continue;
            }
            match self.why_not_subject(k, i) {
                // A person named as the one acting stops the search even
                // when they speak for nobody.
                Some(g)
                    if (matches!(hits[k].actor(), Some(Tag::Person(_))) || g == Guard::Legislature)
                        && !matches!(g, Guard::QuotedApart | Guard::Object) =>
                {
                    out.push((hits[k].start..hits[k].end, g));
                    break;
                }
                Some(g) => out.push((hits[k].start..hits[k].end, g)),
                None if self.members_between(k, i) => out.push((hits[k].start..hits[k].end, Guard::MemberStates)),
                // The subject search stopped here, and gave no one: the list
                // this actor ends starts as an object.
                None => {
                    if nobody {
                        out.push((hits[k].start..hits[k].end, Guard::ObjectList));
                    }
                    break;
                }
            }
        }
        out
    }
}
