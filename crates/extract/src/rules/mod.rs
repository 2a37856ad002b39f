//! The rules that turn one sentence's recognised phrases into stance events.
//!
//! A sentence yields an event when three things line up:
//!
//! 1. a **cue** with a polarity: support (+) or opposition (−), flipped by a
//!    negator just before it ("refused to recognize"), and multiplied along a
//!    chain of cues ("critical of Trump's recognition of Guaidó" is − × +);
//! 2. a **target** that the cue is about, aligned with one side: Guaidó,
//!    González Urrutia and "external interference" are the opposition's;
//!    Maduro and "Venezuela's legitimate government" the government's;
//!    "dialogue" is neutral. The stance is polarity × alignment;
//! 3. an **actor** that holds the stance: the nearest actor named before the
//!    cue that is not an object ("relations *with* the United States"),
//!    with the whole list it heads ("Mexico, Bolivia, Turkey and Russia"),
//!    or the speaker of the quotation the sentence belongs to.
//!
//! Venezuela's own diplomatic acts are read the other way round: when
//! Venezuela breaks relations with or recalls diplomats from a country, that
//! country is marked as backing the opposition.
//!
//! Anything that does not line up yields nothing: a wrong color is worse than
//! a missing one.

//!
//! The reading of a sentence is a pipeline over an explicit state
//! ([`Reading`]): the hits and what the sentence's context knows of them
//! (`context.rs`: words between offsets, clause breaks, quotations, the
//! nearest side and actor before each hit), then the epithets glued to
//! names set aside, then one reader per construction (`constructions.rs`:
//! active cue with its subject, passive cue with its agents, thanks,
//! calls, intrinsic stances, Venezuela's own acts and restorations), each
//! checking its guards (`guards.rs`, named in `trace.rs`), then the repeat
//! markers ("as did Canada", `repeat.rs`), then conflict resolution (one
//! finding per actor). Lists and groups are expanded where an actor is
//! resolved ([`context`]); the quotation's speaker stands in for a missing
//! subject. With tracing on ([`classify_traced`]) every reader notes what
//! it matched or which guard stopped it, for `atlas-extract explain`.

#![warn(missing_docs)]

mod constructions;
mod context;
mod guards;
mod join;
mod repeat;
pub mod trace;

pub use join::{joiners, leading_actors, Join, Mentions};
pub use trace::{Construction, Guard, Step};

use crate::lexicon::{Align, Cue, Hit, Lexicon, Tag};
use atlas_model::{Date, EventKind, Stance};
use context::Ctx;
use repeat::Repeated;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Range;

/// An event found in one sentence, before it is tied to an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding<'a> {
    /// The actor's code, borrowed from the lexicon.
    pub actor: &'a str,
    /// The side the act takes.
    pub stance: Stance,
    /// The kind of act.
    pub kind: EventKind,
    /// Where the actor is named (global byte offsets).
    pub mention: Range<usize>,
}

/// One sentence with what was recognised in it.
pub struct Sentence<'a> {
    /// The sentence's text.
    pub text: &'a str,
    /// Where it lies in the article (global byte offsets).
    pub range: Range<usize>,
    /// Hits inside `range`, in order, with global offsets.
    pub hits: &'a [Hit],
    /// The date acts in this sentence are dated on (for office-holders and groups).
    pub date: Date,
    /// The actor a quotation containing this sentence is attributed to.
    pub speaker: Option<&'a Hit>,
    /// The article's language (`en`, `es`), which picks the object markers.
    pub lang: &'a str,
    /// The article's quotations that overlap this sentence (global offsets).
    pub quotes: &'a [Range<usize>],
}

/// Maximum words between a cue and its target.
pub(crate) const TARGET_REACH: usize = 12;
/// Maximum words between two cues of one chain.
pub(crate) const CHAIN_REACH: usize = 6;
/// Maximum words between a negator and its cue.
pub(crate) const NEGATION_REACH: usize = 3;

/// False when a sentence with these hits cannot yield a finding, so that
/// [`classify`] need not read it. Every finding starts at an intrinsic
/// stance ("interim president", "neutrality") or one of Venezuela's
/// diplomatic acts, or at a cue with something to aim at (a side, a
/// pronoun standing for one, the results, Venezuela itself); and it is held
/// by an actor the sentence names or by the speaker of the quotation it
/// belongs to.
pub fn may_yield(hits: &[Hit], has_speaker: bool) -> bool {
    let intrinsic = |t: &Tag| {
        matches!(
            t,
            Tag::IntrinsicOpposition
                | Tag::IntrinsicOppositionRecognition
                | Tag::IntrinsicNeutral
                | Tag::RuptureVerb
                | Tag::WithdrawVerb
                | Tag::RestoreVerb
                | Tag::RestoreAct
                | Tag::LeaveVerb
        )
    };
    let aimable =
        |t: &Tag| matches!(t, Tag::Side(_) | Tag::DatedSide(_) | Tag::Pronoun | Tag::Results | Tag::Venezuela);
    let any = |f: &dyn Fn(&Tag) -> bool| hits.iter().any(|h| h.tags().iter().any(f));
    let starts = any(&intrinsic) || (any(&|t| matches!(t, Tag::Cue(_))) && any(&aimable));
    starts && (has_speaker || hits.iter().any(|h| h.actor().is_some()))
}

/// True when the sentence with these hits joins an act told around it
/// ("It was signed by A, B and C", "Portugal followed suit", "backed by"):
/// it may tell none of its own, and is read for the join all the same.
pub fn joins(hits: &[Hit]) -> bool {
    hits.iter().any(|h| h.has(Tag::Signatory) || h.has(Tag::FollowSuit) || h.cue() == Some(Cue::SupportPassive))
}

/// The findings of one sentence (see the module's documentation).
pub fn classify<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> Vec<Finding<'a>> {
    classify_counted(lex, s, &Cell::new(0), u64::MAX)
}

/// [`classify`], adding to `work` what it did (hits visited, words counted,
/// bytes read), in proportion to the time it took; past `limit` it stops
/// early, and what it returns then does not matter: the caller, which set
/// the limit, drops the article. Every loop over the hits is bounded by a
/// reach in words or reads precomputed answers, so the work is linear in
/// the sentence (the hostile-input tests hold it to that).
pub fn classify_counted<'a>(lex: &'a Lexicon, s: &Sentence<'_>, work: &Cell<u64>, limit: u64) -> Vec<Finding<'a>> {
    with_dated_sides(lex, s, |s| Reading::new(lex, s, work, false).run(limit).0)
}

/// [`classify`], with the steps its reading took: what each construction
/// matched, which guard stopped it and on which words.
pub fn classify_traced<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> (Vec<Finding<'a>>, Vec<Step<'a>>) {
    let work = Cell::new(0);
    with_dated_sides(lex, s, |s| {
        let (findings, steps) = Reading::new(lex, s, &work, true).run(u64::MAX);
        (findings, steps.unwrap_or_default())
    })
}

/// Runs `f` on the sentence with its phrases whose side changes with the
/// date ("Asamblea Nacional", "interim president") read with the side
/// they have on the sentence's date.
fn with_dated_sides<T>(lex: &Lexicon, s: &Sentence<'_>, f: impl FnOnce(&Sentence<'_>) -> T) -> T {
    if !s.hits.iter().any(|h| h.dated_side().is_some()) {
        return f(s);
    }
    let resolved = lex.resolve_dated(s.hits, s.date);
    f(&Sentence { hits: &resolved, range: s.range.clone(), ..*s })
}

/// Who holds an act told without a subject, for [`Repeated`]: sorts
/// before every actor code and is never one.
const UNHELD: &str = "";

/// The state of one sentence's reading: its context, which hits a
/// construction has taken up, the findings so far by actor, the acts read
/// without anyone to hold them, and the steps taken when tracing.
pub(crate) struct Reading<'l, 'a, 'b> {
    ctx: Ctx<'l, 'a, 'b>,
    consumed: Vec<bool>,
    found: BTreeMap<&'l str, Vec<Finding<'l>>>,
    /// Acts told without a subject ("uno de los países que no han
    /// reconocido el triunfo de Maduro"), by where they end: a repeat
    /// marker after one gives it its actors ("al igual que Perú").
    unheld: Vec<(usize, Stance, EventKind)>,
    /// The holders of the last act read with a subject of its own, with
    /// where its cue ends: a verb coordinated after it ("desconoció ... a
    /// la nueva Asamblea Nacional y reconoció al líder opositor") shares it.
    last_held: Option<(usize, Mentions<'l>)>,
    trace: Option<Vec<Step<'l>>>,
}

impl<'l, 'a, 'b> Reading<'l, 'a, 'b> {
    fn new(lex: &'l Lexicon, s: &'a Sentence<'b>, work: &'a Cell<u64>, trace: bool) -> Reading<'l, 'a, 'b> {
        work.set(work.get() + s.text.len() as u64 / 8 + s.hits.len() as u64);
        let ctx = Ctx::new(lex, s, work, true);
        Reading {
            consumed: vec![false; s.hits.len()],
            ctx,
            found: BTreeMap::new(),
            unheld: Vec::new(),
            last_held: None,
            trace: trace.then(Vec::new),
        }
    }

    /// The pipeline: epithets, constructions, repeat markers, conflicts.
    fn run(mut self, limit: u64) -> (Vec<Finding<'l>>, Option<Vec<Step<'l>>>) {
        self.set_epithets_aside();
        for i in 0..self.ctx.s.hits.len() {
            if self.ctx.work.get() > limit {
                break;
            }
            if !self.consumed[i] {
                self.read_at(i);
            }
        }
        self.read_repeats(limit);
        let findings = self.resolve();
        (findings, self.trace)
    }

    /// "dictator Nicolás Maduro": an epithet glued to a name is no cue.
    fn set_epithets_aside(&mut self) {
        let hits = self.ctx.s.hits;
        self.ctx.mark_epithets(&mut self.consumed);
        if self.trace.is_some() {
            // Only a label that is also a cue would have been read as an act.
            let glued: Vec<usize> = (0..hits.len()).filter(|&i| self.consumed[i] && hits[i].cue().is_some()).collect();
            for i in glued {
                self.block(Construction::ActiveCue, i, Guard::Epithet, hits[i].start..hits[i].end);
            }
        }
    }

    /// Adds the act read by `construction` at hit `cue` to each actor's findings.
    fn add(
        &mut self,
        construction: Construction,
        cue: usize,
        target: Option<usize>,
        actors: Vec<(&'l str, Range<usize>)>,
        stance: Stance,
        kind: EventKind,
    ) {
        if self.trace.is_some() {
            let hits = self.ctx.s.hits;
            let passed_over =
                if construction.has_subject() { self.ctx.passed_over(cue, actors.is_empty()) } else { Vec::new() };
            let step = Step::Matched {
                construction,
                cue: hits[cue].start..hits[cue].end,
                target: target.map(|t| hits[t].start..hits[t].end),
                actors: actors.clone(),
                stance,
                kind,
                passed_over,
            };
            self.note(step);
        }
        if actors.is_empty() && construction == Construction::ActiveCue {
            let hits = self.ctx.s.hits;
            self.unheld.push((hits[target.unwrap_or(cue)].end, stance, kind));
        }
        for (actor, mention) in actors {
            self.found.entry(actor).or_default().push(Finding { actor, stance, kind, mention });
        }
    }

    /// Notes that `guard` stopped `construction` at hit `cue`, on `words`.
    fn block(&mut self, construction: Construction, cue: usize, guard: Guard, words: Range<usize>) {
        if self.trace.is_some() {
            let h = &self.ctx.s.hits[cue];
            self.note(Step::Blocked { construction, cue: h.start..h.end, guard, words });
        }
    }

    /// Notes that `construction` began at hit `cue` but lacked a part.
    fn incomplete(&mut self, construction: Construction, cue: usize, missing: &'static str) {
        if self.trace.is_some() {
            let h = &self.ctx.s.hits[cue];
            self.note(Step::Incomplete { construction, cue: h.start..h.end, missing });
        }
    }

    fn note(&mut self, step: Step<'l>) {
        if let Some(t) = &mut self.trace {
            t.push(step);
        }
    }

    /// "Trump recognised Guaidó, as did Canada": the actors after "as did"
    /// repeat the act of the clause before it. The act repeated is that of
    /// the first finding (by actor, then as found; an act told without a
    /// subject first) that ends before the marker, provided all those
    /// findings agree. Markers come in order, so
    /// the findings that end before one are those before the last plus
    /// some: [`Repeated`] keeps what that question needs instead of reading
    /// every finding at every marker.
    fn read_repeats(&mut self, limit: u64) {
        let hits = self.ctx.s.hits;
        if self.found.is_empty() && self.unheld.is_empty() {
            return;
        }
        let markers: Vec<usize> = (0..hits.len()).filter(|&m| hits[m].has(Tag::RepeatMarker)).collect();
        let mut repeated = Repeated::new(&self.found);
        for &(end, stance, kind) in &self.unheld {
            repeated.add(UNHELD, end, stance, kind);
        }
        for m in markers {
            if self.ctx.work.get() > limit {
                break;
            }
            // "pero no lo hizo México": a negated marker repeats nothing.
            if let Some(w) = self.ctx.negation(m).filter(|w| self.ctx.words_between(w.end, hits[m].start) <= 1) {
                self.block(Construction::Repeat, m, Guard::Negation, w);
                continue;
            }
            let at = hits[m].end;
            let Some((stance, kind)) = repeated.act_before(at) else {
                self.incomplete(Construction::Repeat, m, "no one act before it");
                continue;
            };
            // The first actor named at or after the marker, if within two words.
            let from = hits.partition_point(|h| h.start < at);
            let Some(k) = (from..hits.len())
                .take_while(|&k| self.ctx.words_between(at, hits[k].start) <= 2)
                .find(|&k| hits[k].actor().is_some())
            else {
                self.incomplete(Construction::Repeat, m, "no actor right after it");
                continue;
            };
            if k == 0 {
                continue;
            }
            let reach = self.ctx.words_between(hits[k - 1].end, hits[k].start);
            let actors = self.ctx.list_after(k - 1, true, reach);
            for (actor, mention) in &actors {
                repeated.add(actor, mention.end, stance, kind);
            }
            self.add(Construction::Repeat, m, None, actors, stance, kind);
        }
    }

    /// One finding per actor and sentence: the heaviest act; a sentence
    /// that says both that an actor backs the opposition and the government
    /// is dropped for that actor; a side taken outweighs a call for dialogue.
    fn resolve(&mut self) -> Vec<Finding<'l>> {
        let mut out = Vec::new();
        for (actor, mut fs) in std::mem::take(&mut self.found) {
            let sides: Vec<Stance> = fs.iter().map(|f| f.stance).filter(|s| *s != Stance::Neutral).collect();
            if sides.contains(&Stance::Opposition) && sides.contains(&Stance::Government) {
                self.note(Step::Dropped { actor, guard: Guard::BothSides });
                continue;
            }
            if !sides.is_empty() {
                fs.retain(|f| f.stance != Stance::Neutral);
            }
            fs.sort_by_key(|f| (std::cmp::Reverse(f.kind.weight()), f.mention.start));
            out.push(fs.swap_remove(0));
        }
        out
    }
}

fn polarity_of(cue: Cue, negated: bool) -> i8 {
    let p = if cue == Cue::Oppose { -1 } else { 1 };
    if negated {
        -p
    } else {
        p
    }
}

fn stance_of(polarity: i8, align: Align) -> Stance {
    match (align, polarity > 0) {
        (Align::Neutral | Align::Force, _) => Stance::Neutral,
        (Align::Opposition, true) | (Align::Government, false) => Stance::Opposition,
        (Align::Government, true) | (Align::Opposition, false) => Stance::Government,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as one English sentence of 25 January 2019.
    fn sentence<'a>(text: &'a str, hits: &'a [Hit], quotes: &'a [Range<usize>]) -> Sentence<'a> {
        Sentence {
            text,
            range: 0..text.len(),
            hits,
            date: "2019-01-25".parse().unwrap(),
            speaker: None,
            lang: "en",
            quotes,
        }
    }

    /// The work [`classify_counted`] does on `text` as one sentence.
    fn work(lex: &Lexicon, text: &str) -> u64 {
        let hits = lex.scan(text);
        let quotes = crate::text::quotations(text);
        let s = sentence(text, &hits, &quotes);
        let w = Cell::new(0);
        classify_counted(lex, &s, &w, u64::MAX);
        w.get()
    }

    /// `may_yield` lets the rules skip a sentence only when they could
    /// find nothing in it: checked on sentences that yield, and on some
    /// that cannot.
    #[test]
    fn may_yield_skips_only_sentences_that_cannot_yield() {
        let lex = Lexicon::builtin().unwrap();
        let yields = [
            "Canada recognized Guaidó.",
            "Venezuela broke relations with Panama.",
            "Mexico reaffirmed its neutrality.",
            "Maduro thanked Russia for its support.",
        ];
        for text in yields {
            let hits = lex.scan(text);
            let s = sentence(text, &hits, &[]);
            assert!(!classify(&lex, &s).is_empty(), "{text:?} yields nothing");
            assert!(may_yield(&hits, false), "{text:?} yields, but may_yield says no");
        }
        for text in ["Canada is a country.", "Guaidó spoke in Caracas.", "Canada recognized the new flag."] {
            assert!(!may_yield(&lex.scan(text), false), "{text:?}: may_yield says yes");
        }
        assert!(!may_yield(&lex.scan("It recognized Guaidó."), false));
        assert!(may_yield(&lex.scan("It recognized Guaidó."), true), "a quotation's speaker may hold the act");
    }

    /// Sentences made of one construction repeated, each of which once sent
    /// a loop back over the sentence from every cue or marker: eight times
    /// the construction must cost about eight times the work, not sixty-four.
    #[test]
    fn work_on_one_sentence_grows_linearly_with_repeated_constructions() {
        let lex = Lexicon::builtin().unwrap();
        let cases: &[(&str, &str, &str)] = &[
            ("Canada recognized Guaidó", ", as did Brazil", "."),
            ("Canada backs Guaidó and", " supports him", "."),
            ("Guaidó", " backed by", " Canada."),
            ("", "Venezuela broke ", "relations with Canada."),
            ("", "Maduro thanked ", "Russia for its support."),
            ("Canada recognized Guaidó and the European Union", " (EU", "."),
            ("", "\"a\" Canada recognized Guaidó ", "."),
            ("", "the Lima Group recognized Guaidó except Peru, ", "."),
            ("Canada, ", "— ", "Brazil recognized Guaidó Brazil recognized Guaidó Brazil recognized Guaidó."),
            ("", "dictator Venezuela ", "Maduro."),
            ("Canada", " recognized and supported", " Guaidó."),
            ("Guaidó was recognized by Canada", " after", " backed by Brazil."),
        ];
        for (head, unit, tail) in cases {
            let text = |n: usize| format!("{head}{}{tail}", unit.repeat(n));
            let (small, large) = (work(&lex, &text(500)), work(&lex, &text(4000)));
            assert!(large <= 12 * small, "{unit:?}: {small} units for 500 repeats, {large} for 4000");
        }
    }
}
