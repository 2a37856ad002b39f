//! What the rules know of one sentence beyond its hits: the words between
//! two offsets (one way to count them: [`Ctx::words_between`]), the
//! nearest side and actor before each hit, and the questions the readers
//! and guards ask of an actor (is it an object, in an apposition, quoted
//! apart, a container of members?), each answered once per hit.

use super::Sentence;
use crate::lexicon::{Align, Cue, Lexicon, Tag};
use crate::text::{word_count, words_borrowed, WordIndex};
use std::cell::{Cell, OnceCell};
use std::collections::HashSet;
use std::ops::Range;

/// Who acts last before a hit: Venezuela, or another actor.
#[derive(Clone, Copy)]
pub(super) enum Agent {
    Venezuela,
    Actor,
}

/// What the rules look at in one sentence: the lexicon (lifetime `'l`, which
/// the actor codes returned borrow from), the sentence and its excluded hits.
pub(super) struct Ctx<'l, 'a, 'b> {
    pub(super) lex: &'l Lexicon,
    /// The function words of the sentence's language.
    grammar: &'l crate::lexicon::Grammar,
    pub(super) s: &'a Sentence<'b>,
    /// For each hit, whether it is an actor set aside by an exclusion just
    /// before it ("except X", "salvo X").
    pub(super) excluded: Vec<bool>,
    /// The sentence's words, for counting them between two offsets.
    index: WordIndex<'b>,
    /// [`Ctx::usable`], [`Ctx::is_object`], [`Ctx::container`] and
    /// [`Ctx::in_apposition`] of each hit, once asked: every cue's subject
    /// search asks them again for the same hits.
    usable_memo: Vec<Cell<Option<bool>>>,
    object_memo: Vec<Cell<Option<bool>>>,
    container_memo: Vec<Cell<Option<bool>>>,
    apposition_memo: Vec<Cell<Option<bool>>>,
    /// For each hit, the nearest side (not neutral) and the nearest actor
    /// named before it: looking back for them from every cue made a
    /// sentence of many cues quadratic.
    side_before: Vec<Option<(usize, Align)>>,
    actor_before: Vec<Option<usize>>,
    /// For each hit, who acts last before it ([`Ctx::nearest_agent`]),
    /// worked out for the whole sentence the first time it is asked.
    agent_before: OnceCell<Vec<Option<Agent>>>,
    /// The codes of the actors excluded by name ("except Guyana").
    excluded_codes: OnceCell<Vec<&'l str>>,
    /// Offsets of the sentence's commas, and its words indexed for
    /// questions about long stretches of it, once asked.
    commas: OnceCell<Vec<usize>>,
    runs: OnceCell<RunIndex>,
    pub(super) work: &'a Cell<u64>,
}

/// Stretches of a sentence longer than this are read through its
/// [`RunIndex`] rather than word by word.
const LONG_STRETCH: usize = 256;

/// An actor far before the cue is rarely its subject; past this distance
/// the quotation's speaker is the better guess.
pub(super) const SUBJECT_REACH: usize = 20;

/// The words of a sentence as [`words_borrowed`] reads them, indexed once,
/// so that whether a clause break or a coordinator stands between two
/// offsets far apart costs two binary searches rather than a reading of
/// everything between.
struct RunIndex {
    /// The runs of word characters whose trimmed form is not empty
    /// (sentence offsets, untrimmed).
    runs: Vec<(usize, usize)>,
    /// For each run, how many runs before it are clause breaks, and
    /// coordinators (one more entry than runs).
    breaks: Vec<u32>,
    coordinators: Vec<u32>,
}

impl RunIndex {
    fn new(lex: &Lexicon, text: &str) -> RunIndex {
        let mut runs = Vec::new();
        let (mut breaks, mut coordinators) = (vec![0], vec![0]);
        for r in crate::text::word_runs(text) {
            let w = crate::text::trim_word(&text[r.clone()]);
            if w.is_empty() {
                continue;
            }
            let w = crate::text::lowercase(w);
            runs.push((r.start, r.end));
            let (b, c) = (breaks[breaks.len() - 1], coordinators[coordinators.len() - 1]);
            breaks.push(b + u32::from(lex.clause_breaks.contains(&*w)));
            coordinators.push(c + u32::from(lex.coordinators.contains(&*w)));
        }
        RunIndex { runs, breaks, coordinators }
    }

    /// The words of `text[a..b]` as [`words_borrowed`] reads them: the
    /// runs inside, and the parts of the runs cut by `a` or `b`, for the
    /// runs `lo..hi`; returns (lo, hi, whether the first and last are cut).
    pub(super) fn span(&self, a: usize, b: usize) -> (usize, usize) {
        let lo = self.runs.partition_point(|r| r.1 <= a);
        let hi = self.runs.partition_point(|r| r.0 < b);
        (lo, hi.max(lo))
    }

    /// The word of run `k` within `a..b`, trimmed and lowercased (empty
    /// when nothing of it is left).
    pub(super) fn word<'t>(&self, text: &'t str, k: usize, a: usize, b: usize) -> std::borrow::Cow<'t, str> {
        let (s, e) = self.runs[k];
        crate::text::lowercase(crate::text::trim_word(&text[s.max(a)..e.min(b)]))
    }

    /// True when a word of `text[a..b]` is in `words`, whose flags are `counts`.
    pub(super) fn any(&self, text: &str, a: usize, b: usize, words: &HashSet<String>, counts: &[u32]) -> bool {
        let (lo, hi) = self.span(a, b);
        if lo == hi {
            return false;
        }
        let cut = |k: usize| self.runs[k].0 < a || self.runs[k].1 > b;
        let (mut inner_lo, mut inner_hi) = (lo, hi);
        for k in [lo, hi - 1] {
            if cut(k) {
                let w = self.word(text, k, a, b);
                if !w.is_empty() && words.contains(&*w) {
                    return true;
                }
                if k == lo {
                    inner_lo = lo + 1;
                }
                if k == hi - 1 {
                    inner_hi = hi - 1;
                }
            }
        }
        inner_lo < inner_hi && counts[inner_hi] > counts[inner_lo]
    }

    /// The first word of `text[a..b]`.
    pub(super) fn first<'t>(&self, text: &'t str, a: usize, b: usize) -> Option<std::borrow::Cow<'t, str>> {
        let (lo, hi) = self.span(a, b);
        (lo..hi).map(|k| self.word(text, k, a, b)).find(|w| !w.is_empty())
    }
}

/// `memo[k]`, computed by `f` the first time it is asked.
fn memoized(memo: &[Cell<Option<bool>>], k: usize, f: impl FnOnce() -> bool) -> bool {
    match memo.get(k).and_then(Cell::get) {
        Some(v) => v,
        None => {
            let v = f();
            if let Some(cell) = memo.get(k) {
                cell.set(Some(v));
            }
            v
        }
    }
}

/// The sentence's function words ([`crate::lexicon::Grammar`]): "of" and
/// its Spanish forms join a noun to the name it is about ("the
/// dictatorship of Maduro", "el rival de Maduro", "países del").
impl<'l> Ctx<'l, '_, '_> {
    /// The function words of the sentence's language.
    pub(super) fn grammar(&self) -> &'l crate::lexicon::Grammar {
        self.grammar
    }

    /// True when `w` is "of" in the sentence's language.
    pub(super) fn is_of(&self, w: &str) -> bool {
        self.grammar().of.contains(w)
    }

    /// True when `w` is a definite article that may stand between "of" and a name.
    pub(super) fn is_article(&self, w: &str) -> bool {
        self.grammar().articles.contains(w)
    }
}

impl<'l, 'a, 'b> Ctx<'l, 'a, 'b> {
    /// The context of sentence `s`, adding the work it does to `work`;
    /// with `exclusions`, actors right after "except" are set aside.
    pub(super) fn new(lex: &'l Lexicon, s: &'a Sentence<'b>, work: &'a Cell<u64>, exclusions: bool) -> Ctx<'l, 'a, 'b> {
        let hits = s.hits;
        let index = WordIndex::new(s.text);
        let (mut side, mut actor) = (None, None);
        let mut side_before = Vec::with_capacity(hits.len());
        let mut actor_before = Vec::with_capacity(hits.len());
        for (k, h) in hits.iter().enumerate() {
            side_before.push(side);
            actor_before.push(actor);
            if let Some(a) = h.side().filter(|a| !matches!(a, Align::Neutral | Align::Force)) {
                side = Some((k, a));
            }
            if h.actor().is_some() {
                actor = Some(k);
            }
        }
        let memo = || vec![Cell::new(None); hits.len()];
        let mut ctx = Ctx {
            lex,
            grammar: lex.grammar(s.lang),
            s,
            excluded: Vec::new(),
            index,
            usable_memo: memo(),
            object_memo: memo(),
            container_memo: memo(),
            apposition_memo: memo(),
            side_before,
            actor_before,
            agent_before: OnceCell::new(),
            excluded_codes: OnceCell::new(),
            commas: OnceCell::new(),
            runs: OnceCell::new(),
            work,
        };
        ctx.excluded = if exclusions { ctx.exclusions() } else { vec![false; hits.len()] };
        ctx
    }

    /// For each hit, whether it is an actor set aside by an exclusion just
    /// before it ("except X", "salvo X").
    pub(super) fn exclusions(&self) -> Vec<bool> {
        let hits = self.s.hits;
        hits.iter()
            .enumerate()
            .map(|(i, h)| {
                h.actor().is_some()
                    && hits[..i]
                        .iter()
                        .rev()
                        .take(3)
                        .any(|p| p.has(Tag::Exclusion) && self.words_between(p.end, h.start) <= 4)
            })
            .collect()
    }

    /// True when a possessive "'s" follows hit `k` ("Trump's recognition",
    /// "Maduro's main opponent").
    pub(super) fn possessive(&self, k: usize) -> bool {
        let after = self.between(self.s.hits[k].end, self.s.range.end);
        after.starts_with("'s") || after.starts_with("’s")
    }

    pub(super) fn tick(&self, n: usize) {
        self.work.set(self.work.get() + n as u64);
    }

    /// The sentence's text between two global offsets.
    pub(super) fn between(&self, a: usize, b: usize) -> &'b str {
        let base = self.s.range.start;
        self.s.text.get(a.saturating_sub(base)..b.saturating_sub(base)).unwrap_or("")
    }

    /// The number of words between two global offsets.
    pub(super) fn words_between(&self, a: usize, b: usize) -> usize {
        self.tick(1);
        let base = self.s.range.start;
        self.index.count(a.saturating_sub(base), b.saturating_sub(base))
    }

    /// The nearest side named before hit `i` (not a neutral one).
    pub(super) fn nearest_side(&self, i: usize) -> Option<(usize, Align)> {
        self.side_before.get(i).copied().flatten()
    }

    fn run_index(&self) -> &RunIndex {
        self.runs.get_or_init(|| {
            self.tick(self.s.text.len());
            RunIndex::new(self.lex, self.s.text)
        })
    }

    /// The last `n` words before `at`, read off the sentence's word index.
    pub(super) fn sentence_words_before(&self, at: usize, n: usize) -> Vec<std::borrow::Cow<'b, str>> {
        self.index.words_before(at.saturating_sub(self.s.range.start), n)
    }

    pub(super) fn sentence_words_after(&self, at: usize, n: usize) -> Vec<std::borrow::Cow<'b, str>> {
        self.index.words_after(at.saturating_sub(self.s.range.start), n)
    }

    /// The first side named within the target's reach after hit `i`.
    pub(super) fn first_side_after(&self, i: usize) -> Option<(usize, Align)> {
        let hits = self.s.hits;
        (i + 1..hits.len())
            .take_while(|&k| self.words_between(hits[i].end, hits[k].start) <= super::TARGET_REACH)
            .find_map(|k| hits[k].side().map(|a| (k, a)))
    }

    /// The alignment of hit `j` as the target of the cue at `cue`, if it is one.
    pub(super) fn target_align(&self, j: usize, cue: usize) -> Option<Align> {
        let hits = self.s.hits;
        let h = &hits[j];
        if let Some(a) = h.side() {
            // "recognised Maduro's main political opponent": the side's
            // adversary is the target, and stands for the other side.
            return Some(match a {
                Align::Government if self.rival_of(j) => Align::Opposition,
                Align::Opposition if self.rival_of(j) => Align::Government,
                a => a,
            });
        }
        if h.has(Tag::Pronoun) {
            return self.nearest_side(j).map(|(_, a)| a);
        }
        if h.has(Tag::Results) {
            return (hits[cue].cue() == Some(Cue::Oppose)).then_some(Align::Government);
        }
        // "support for Venezuela", "solidarity with Venezuela": right after a
        // supportive cue, the country stands for its government.
        let c = &hits[cue];
        let last_word = self.between(c.start, c.end).rsplit(' ').next().unwrap_or("");
        let ends_in_preposition =
            c.end - c.start > last_word.len() && self.grammar().cue_prepositions.contains(&last_word.to_lowercase());
        if h.has(Tag::Venezuela) && j == cue + 1 && ends_in_preposition && self.words_between(c.end, h.start) == 0 {
            return Some(Align::Government);
        }
        None
    }

    /// True when the actor at hit `k` is the object of a verb or preposition
    /// ("relations with the United States", "visited Argentina").
    pub(super) fn is_object(&self, k: usize) -> bool {
        memoized(&self.object_memo, k, || self.is_object_uncached(k))
    }

    pub(super) fn is_object_uncached(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        if self.owner_of_side(k) {
            return true;
        }
        if let Some(p) = k.checked_sub(1).map(|p| &self.s.hits[p]) {
            let gap = self.between(p.end, h.start);
            // "Organización de Estados Americanos (OEA)": the abbreviation
            // is the same mention.
            if p.actor() == h.actor() && gap.trim() == "(" {
                return self.is_object(k - 1);
            }
            // "la suspensión de Venezuela de la OEA", "Venezuela's
            // suspension from the OAS": what Venezuela is suspended from or
            // leaves is no subject.
            let words: Vec<_> = words_borrowed(gap).collect();
            let of_or_from = |a: &str| self.is_of(a) || self.grammar().from.contains(a);
            let from = matches!(words.as_slice(), [a] if of_or_from(a))
                || matches!(words.as_slice(), [a, b] if of_or_from(a) && self.is_article(b));
            if p.has(Tag::Venezuela) && p.side().is_none() && from && !gap.contains([',', ';', '(']) {
                return true;
            }
        }
        let mut before = self.sentence_words_before(h.start, 3);
        while before.last().is_some_and(|w| self.grammar().determiners.contains(w)) {
            before.pop();
        }
        let n = before.len();
        let lang = self.s.lang;
        let one = before.last().is_some_and(|w| self.lex.is_object_marker(lang, w));
        // The two words joined by a space, on the stack: markers are short.
        let two = n >= 2 && {
            let (a, b) = (before[n - 2].as_bytes(), before[n - 1].as_bytes());
            let mut buf = [0u8; 64];
            let len = a.len() + 1 + b.len();
            len <= buf.len() && {
                buf[..a.len()].copy_from_slice(a);
                buf[a.len()] = b' ';
                buf[a.len() + 1..len].copy_from_slice(b);
                std::str::from_utf8(&buf[..len]).is_ok_and(|two| self.lex.is_object_marker(lang, two))
            }
        };
        if !(one || two) {
            return false;
        }
        // "in Uruguay, which reaffirmed its support": a relative clause makes
        // the place its subject again.
        let after = self.sentence_words_after(h.end, 1);
        let rest = self.between(h.end, self.s.range.end).trim_start();
        if rest.starts_with(',') && after.first().is_some_and(|w| self.grammar().subject_relatives.contains(w)) {
            return false;
        }
        // "lawmakers in Russia", "leaders from Brazil": an institution before the
        // marker makes the place whose institution it is, not an object.
        let inst_before = n >= 2 && self.lex.institutions.iter().any(|i| i.len() == 1 && i[0] == before[n - 2]);
        // "the decision today by Austria ... to recognize": a decision's
        // agent acts.
        let agent = n >= 2 && before[..n - 1].iter().any(|w| self.grammar().agent_nouns.contains(w));
        !inst_before && !agent
    }

    /// True when the actor at hit `k` is joined by "of" to the use of force
    /// named just before it ("la intervención militar de Estados Unidos", "el ataque
    /// militar del gobierno de Donald Trump"): it owns what the cue is
    /// about, and is not the one acting.
    pub(super) fn owner_of_side(&self, k: usize) -> bool {
        let Some(p) = k.checked_sub(1).map(|p| &self.s.hits[p]) else { return false };
        // Only the use of force is owned this way: "el presidente interino
        // de Bolivia" is Bolivia's president, and Bolivia acts.
        let force = p.side() == Some(Align::Force)
            || p.dated_side().is_some_and(|d| {
                self.lex.dated_sides[d as usize].spans.iter().any(|(a, _, _)| *a == Some(Align::Force))
            });
        if !force {
            return false;
        }
        let gap = self.between(p.end, self.s.hits[k].start);
        if gap.contains([',', '.', ';', ':', '(']) {
            return false;
        }
        let words: Vec<_> = words_borrowed(gap).collect();
        let institution = |w: &str| self.lex.institutions.iter().any(|i| i.len() == 1 && i[0] == w);
        (1..=4).contains(&words.len())
            && self.is_of(&words[0])
            && words.iter().all(|w| {
                self.is_of(w) || self.is_article(w) || self.grammar().plural_articles.contains(w) || institution(w)
            })
    }

    /// True when hit `j` (a side) names whose adversary is meant: a rival
    /// noun a few words after its possessive ("Maduro's main political
    /// opponent") or right before it with "of" ("rival de Maduro").
    pub(super) fn rival_of(&self, j: usize) -> bool {
        let h = &self.s.hits[j];
        let rival = |w: &std::borrow::Cow<'_, str>| self.lex.rivals.contains(&**w);
        if self.possessive(j) {
            return self.sentence_words_after(h.end, 4).iter().skip(1).any(rival);
        }
        // Only read the words before when "of" or "de" is right there.
        let lead = self.between(self.s.range.start, h.start).trim_end().as_bytes();
        let of = self.grammar().of.iter().any(|w| {
            let (w, n) = (w.as_bytes(), lead.len());
            n > w.len() + 1 && lead[n - w.len() - 1] == b' ' && lead[n - w.len()..].eq_ignore_ascii_case(w)
        });
        if !of {
            return false;
        }
        let before = self.sentence_words_before(h.start, 2);
        before.len() == 2 && rival(&before[0]) && self.is_of(&before[1])
    }

    /// True when "since" and a date follow the target at hit `t` within a
    /// few words ("no reconoce a Guaidó como presidente interino desde el
    /// pasado 5 de enero"): not recognising since a day is having stopped.
    pub(super) fn since_a_date(&self, t: usize) -> bool {
        let after = self.sentence_words_after(self.s.hits[t].end, 14);
        let Some(at) = after.iter().position(|w| self.grammar().since.contains(w)) else { return false };
        after[at + 1..].iter().take(4).any(|w| {
            w.bytes().all(|b| b.is_ascii_digit())
                || self.lex.calendars.iter().any(|c| c.name(w).is_some_and(|n| (1..=12).contains(&n)))
        })
    }

    /// True when a statement's noun stands right before hit `i`, an
    /// article or "is" aside ("a statement, backed by", "This statement is
    /// supported by").
    pub(super) fn after_document(&self, i: usize) -> bool {
        let before = self.sentence_words_before(self.s.hits[i].start, 3);
        let mut words = before.iter().rev().skip_while(|w| self.grammar().statement_copulas.contains(w));
        words.next().is_some_and(|w| self.lex.documents.contains(&**w))
    }

    /// True when hit `k` names an organisation as the place of its member
    /// countries: a container noun right after it ("European Union nations")
    /// or a few words before it ("seven of the 28 countries of the EU").
    pub(super) fn container(&self, k: usize) -> bool {
        // "the European Union (EU)": the abbreviation is the same mention,
        // and so is one after it ("EU (EU (EU"), as far back as they go:
        // read back without recursion, and remembered for each.
        let mut first = k;
        while first > 0 && self.container_memo[first].get().is_none() {
            let (p, h) = (&self.s.hits[first - 1], &self.s.hits[first]);
            self.tick(1);
            if !(p.actor() == h.actor() && self.between(p.end, h.start).trim() == "(") {
                break;
            }
            first -= 1;
        }
        let v = memoized(&self.container_memo, first, || self.container_here(first));
        for m in &self.container_memo[first..=k] {
            m.set(Some(v));
        }
        v
    }

    /// [`Ctx::container`] of hit `k`, read at `k` (not as an abbreviation).
    pub(super) fn container_here(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let before = self.sentence_words_before(h.start, 3);
        let after = self.sentence_words_after(h.end, 1);
        let contains = |w: &std::borrow::Cow<'_, str>| self.lex.containers.contains(&**w);
        // "countries of the", "países de la", "países del": the noun, then
        // "of" and perhaps an article, right before the name.
        let n = before.len();
        let of_before = (n >= 2 && contains(&before[n - 2]) && self.is_of(&before[n - 1]))
            || (n >= 3 && contains(&before[n - 3]) && self.is_of(&before[n - 2]) && self.is_article(&before[n - 1]));
        after.first().is_some_and(contains) || of_before
    }

    /// True when a partitive stands a few words before hit `k` ("most
    /// members of the", "la mayoría de los países del").
    pub(super) fn partitive(&self, k: usize) -> bool {
        self.sentence_words_before(self.s.hits[k].start, 5).iter().any(|w| self.lex.partitives.contains(&**w))
    }

    /// True when hit `k` lies inside an apposition between commas that
    /// opens with an article ("El gobierno sirio, un aliado clave de Irán,
    /// expresó su apoyo"): the apposition describes the subject before it.
    pub(super) fn in_apposition(&self, k: usize) -> bool {
        memoized(&self.apposition_memo, k, || self.in_apposition_uncached(k))
    }

    pub(super) fn in_apposition_uncached(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let text = self.s.text;
        let Some(at) = h.start.checked_sub(self.s.range.start).filter(|&at| text.is_char_boundary(at)) else {
            return false;
        };
        // The last comma before the hit, from the sentence's commas.
        let commas = self.commas.get_or_init(|| {
            self.tick(text.len() / 8);
            memchr::memchr_iter(b',', text.as_bytes()).collect()
        });
        let Some(&comma) = commas[..commas.partition_point(|&c| c < at)].last() else { return false };
        self.tick(1);
        // "Antigua and Barbuda, like the vast majority of nations of the
        // world and international organizations such as the United Nations,
        // also recognize": a comparison can run long.
        if self.index.count(comma + 1, at) > 16 {
            return false;
        }
        let first = if at - comma <= LONG_STRETCH {
            words_borrowed(&text[comma + 1..at]).next()
        } else {
            self.run_index().first(text, comma + 1, at)
        };
        first.is_some_and(|w| self.lex.apposition_openers.contains(&*w))
            && self.between(h.end, self.s.range.end).trim_start().starts_with(',')
    }

    /// True when hit `k` lies inside a quotation that the cue at hit `i` is
    /// outside of (`tras asegurar que "el Grupo de Lima no tiene ...",
    /// pidió`): words quoted are the speaker's, not the subject of the cue.
    /// (The other way round is common and sound: `Canada said it "recognizes
    /// Guaidó"`.)
    pub(super) fn quoted_apart(&self, k: usize, i: usize) -> bool {
        let (hk, hi) = (&self.s.hits[k], &self.s.hits[i]);
        // Quotations are in order and never overlap: only one can hold hit `k`.
        let quotes = self.s.quotes;
        let q = quotes.get(quotes.partition_point(|q| q.end <= hk.start));
        q.is_some_and(|q| q.contains(&hk.start) && !q.contains(&hi.start))
    }

    /// True when the side at hit `t`, before the cue at hit `i`, is what the
    /// cue is aimed at ("Guaidó has violated"): close by, with no comma
    /// (but the one opening a relative clause) and no actor acting between
    /// (or a pronoun standing for it after the actor), and not the subject of an act of its own ("the
    /// results the opposition rejects", "Maduro, ha denunciado").
    pub(super) fn aims_back(&self, t: usize, i: usize) -> bool {
        let hits = self.s.hits;
        let gap = self.between(hits[t].end, hits[i].start);
        let cue = self.between(hits[i].start, hits[i].end).to_lowercase();
        if self.lex.forward_only.contains(&cue) {
            return false;
        }
        let acting = |k: usize| hits[k].actor().is_some() && !self.is_object(k);
        // "Perú lo considera ... una dictadura": a pronoun after the actor
        // stands for the side named before, however far.
        if let Some(p) = (t + 1..i).rev().find(|&p| hits[p].has(Tag::Pronoun)) {
            return !(p + 1..i).any(acting);
        }
        // "Guaidó, cuya legitimidad está reconocida", "Maduro, que está en
        // el poder de manera ilegítima": a relative clause speaks of the side.
        let relative = words_borrowed(gap).next().is_some_and(|w| self.grammar().relatives.contains(&w));
        self.words_between(hits[t].end, hits[i].start) <= 5
            && (!gap.contains([',', ';', ':'])
                || relative && !gap.contains([';', ':']) && gap.matches(',').count() == 1)
            && !(t + 1..i).any(acting)
    }

    /// True when the cue at hit `i` is a participle used as a noun after an
    /// article ("el reconocido como presidente interino").
    pub(super) fn nominal_participle(&self, i: usize) -> bool {
        let h = &self.s.hits[i];
        let cue = self.between(h.start, h.end).to_lowercase();
        let participle = self.grammar().participle_endings.iter().any(|e| cue.ends_with(e.as_str()));
        participle
            && self
                .sentence_words_before(h.start, 1)
                .first()
                .is_some_and(|w| self.grammar().nominal_articles.contains(w))
    }

    /// True when a word saying "not yet" stands by the negated cue at hit
    /// `i` ("aún no reconoce", "no reconoció aún", "has not yet recognised").
    pub(super) fn pending(&self, i: usize) -> bool {
        let h = &self.s.hits[i];
        let near = |w: &std::borrow::Cow<'_, str>| self.lex.pending.contains(&**w);
        self.sentence_words_before(h.start, 4).iter().any(near) || self.sentence_words_after(h.end, 1).iter().any(near)
    }

    /// True when the title at hit `i` ("presidente electo") is another
    /// country's ("el presidente electo de Uruguay") or a named person's who
    /// is on no side ("el presidente electo Pou").
    pub(super) fn title_of_another(&self, i: usize) -> bool {
        let hits = self.s.hits;
        let h = &hits[i];
        let next = hits.get(i + 1);
        let of_country = next.is_some_and(|n| {
            matches!(n.actor(), Some(Tag::Country(_)))
                && self.words_between(h.end, n.start) == 1
                && self.sentence_words_after(h.end, 1).first().is_some_and(|w| self.is_of(w))
        });
        let rest = self.between(h.end, self.s.range.end);
        let name_follows = rest.starts_with(' ')
            && rest.trim_start().chars().next().is_some_and(char::is_uppercase)
            && !next.is_some_and(|n| n.side().is_some() && self.words_between(h.end, n.start) == 0);
        of_country || name_follows
    }

    /// True when a coordinating word ("and", "y") stands between two offsets.
    pub(super) fn coordinated(&self, a: usize, b: usize) -> bool {
        self.any_word_between(a, b, &self.lex.coordinators)
    }

    /// True when a clause-breaking word ("after", "tras") stands between two offsets.
    pub(super) fn breaks_clause(&self, a: usize, b: usize) -> bool {
        // ", as the UK announced sanctions": "as" after a comma opens a
        // clause, though "recognised him as president" does not.
        self.any_word_between(a, b, &self.lex.clause_breaks) || self.comma_clause(a, b)
    }

    /// True when a word that opens a clause after a comma (", as") stands
    /// right after a comma between two offsets.
    fn comma_clause(&self, a: usize, b: usize) -> bool {
        let gap = self.between(a, b);
        self.grammar().comma_clause_openers.iter().any(|w| {
            gap.match_indices(", ").any(|(at, _)| {
                let rest = &gap[at + 2..];
                rest.len() > w.len() && rest.starts_with(w.as_str()) && rest.as_bytes()[w.len()] == b' '
            })
        })
    }

    pub(super) fn any_word_between(&self, a: usize, b: usize, words: &HashSet<String>) -> bool {
        let gap = self.between(a, b);
        if gap.len() <= LONG_STRETCH {
            self.tick(gap.len() / 8 + 1);
            return words_borrowed(gap).any(|w| words.contains(&*w));
        }
        // A long stretch, which a sentence of many cues may ask about
        // again and again: read off the index of the sentence's words.
        self.tick(1);
        let base = self.s.range.start;
        let (a, b) = (a.saturating_sub(base), b.saturating_sub(base));
        let runs = self.run_index();
        let counts = if std::ptr::eq(words, &self.lex.clause_breaks) {
            &runs.breaks
        } else if std::ptr::eq(words, &self.lex.coordinators) {
            &runs.coordinators
        } else {
            return words_borrowed(gap).any(|w| words.contains(&*w));
        };
        runs.any(self.s.text, a, b, words, counts)
    }

    /// "Former Colombian president ...": a former office speaks for nobody.
    pub(super) fn is_former(&self, k: usize) -> bool {
        let before = self.sentence_words_before(self.s.hits[k].start, 2);
        before.iter().any(|w| self.grammar().former.contains(w))
    }

    /// True when the actor at hit `k` names a legislature or one of its
    /// members ("Russian lawmakers", "Peru's Congress", "el Congreso de
    /// Perú", "the Brazilian government's leader in Congress"): by the
    /// codebook a legislature speaks for no government.
    pub(super) fn of_legislature(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let g = self.grammar();
        let link = |w: &str| {
            let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
            g.legislature_links.contains(w) || self.is_of(w) || self.is_article(w)
        };
        // Up to the first punctuation: "Brazil, whose Congress" is another phrase.
        const STOPS: [char; 9] = [',', ';', ':', '.', '(', ')', '"', '“', '”'];
        let phrase = |text: &'b str, from_end: bool| {
            let cut = if from_end { text.rsplit(STOPS).next() } else { text.split(STOPS).next() }.unwrap_or("");
            words_borrowed(cut).collect::<Vec<_>>()
        };
        let after = phrase(self.between(h.end, self.s.range.end), false);
        let before = phrase(self.between(self.s.range.start, h.start), true);
        let found = |words: &mut dyn Iterator<Item = &std::borrow::Cow<'_, str>>| {
            for w in words.take(5) {
                if g.legislature.contains(w) {
                    return true;
                }
                if !link(w) {
                    return false;
                }
            }
            false
        };
        found(&mut after.iter()) || found(&mut before.iter().rev())
    }

    /// True when the meeting cue at hit `i` meets its target at hit `t` as
    /// Venezuela's head of state or a claimant to it: the government's side
    /// (Maduro, from 2026 Delcy Rodríguez, "his Venezuelan counterpart"),
    /// or a claimant named in `claimants` (Guaidó, González), within a few
    /// words of the verb, in the same clause. Meeting Machado, or a
    /// minister, says nothing of whom one takes to govern (codebook).
    pub(super) fn met_as_head_of_state(&self, i: usize, t: usize) -> bool {
        let hits = self.s.hits;
        let (cue, target) = (&hits[i], &hits[t]);
        if t < i {
            return false;
        }
        let gap = self.words_between(cue.end, target.start);
        if gap > 6 || self.breaks_clause(cue.end, target.start) {
            return false;
        }
        // "met on Monday to discuss Maduro's ...": past a word or two, only
        // "with" (in the cue, "met with", or after it) joins the one met to
        // the verb, and it stands right before the one met ("met ... with his
        // Venezuelan counterpart"), not before another phrase ("recibió con
        // sorpresa la comunicación del gobierno venezolano").
        let linked = self.after_meeting_link(i, t).is_some_and(|after| after.len() <= 3);
        if gap > 1 && !linked {
            return false;
        }
        match target.side() {
            Some(Align::Government | Align::Opposition) => self.met_as_head_of_state_at(t),
            _ => target
                .dated_side()
                .is_some_and(|d| self.lex.dated_sides[d as usize].on(self.s.date) == Some(Align::Government)),
        }
    }

    /// The words between the meeting cue at hit `i` and hit `t` that follow
    /// the last meeting link ("con", "al", "with"); the cue's own words count
    /// ("se reunió con"). None when no link stands there.
    pub(super) fn after_meeting_link(&self, i: usize, t: usize) -> Option<Vec<std::borrow::Cow<'b, str>>> {
        let hits = self.s.hits;
        let links = &self.grammar().meeting_links;
        let mut words: Vec<_> = words_borrowed(self.between(hits[i].start, hits[t].start)).collect();
        let at = words.iter().rposition(|w| links.contains(w))?;
        Some(words.split_off(at + 1))
    }

    /// The country a relation named at hit `i` holds with Venezuela, when
    /// the pair follows it ("relaciones diplomáticas entre Venezuela y
    /// Honduras", "relations between Honduras and Venezuela"): a `between`
    /// word right before the pair, the two joined by list glue, one of them
    /// Venezuela. Empty otherwise.
    pub(super) fn partner_of_venezuela(&self, i: usize) -> Vec<(&'l str, Range<usize>)> {
        let hits = self.s.hits;
        let Some(k) = (i + 1..hits.len())
            .take_while(|&k| self.words_between(hits[i].end, hits[k].start) <= 6)
            .find(|&k| hits[k].has(Tag::Venezuela) || hits[k].actor().is_some())
        else {
            return Vec::new();
        };
        let opens = words_borrowed(self.between(hits[i].end, hits[k].start)).last();
        if !opens.is_some_and(|w| self.grammar().between.contains(&w)) {
            return Vec::new();
        }
        let Some(n) = hits
            .get(k + 1)
            .map(|_| k + 1)
            .filter(|&n| self.glued(k, n) && self.coordinated(hits[k].end, hits[n].start))
        else {
            return Vec::new();
        };
        let partner = match (hits[k].has(Tag::Venezuela), hits[n].has(Tag::Venezuela)) {
            (true, false) => n,
            (false, true) => k,
            _ => return Vec::new(),
        };
        if hits[partner].actor().is_none() || !self.usable(partner) {
            return Vec::new();
        }
        self.resolve(partner)
    }

    /// Whether the side named at hit `k` is one a meeting backs: Venezuela's
    /// government, or a claimant to its presidency (as `met_as_head_of_state`).
    pub(super) fn met_as_head_of_state_at(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        match h.side() {
            Some(Align::Government) => true,
            Some(Align::Opposition) => {
                words_borrowed(self.between(h.start, h.end)).any(|w| self.grammar().claimants.contains(&w))
            }
            _ => false,
        }
    }

    /// Where the list after an inclusion marker (", including", ", entre
    /// ellos") hangs when one follows hit `t`: the hit right before the
    /// marker. Only what describes the target may come between ("recognized
    /// the opposition chief as Venezuela's acting president, including the
    /// UK"): sides, Venezuela, titles and results, within twelve words; an
    /// actor, a cue or a negator ends the search.
    pub(super) fn inclusion_after(&self, t: usize) -> Option<usize> {
        let hits = self.s.hits;
        let mut at = t;
        loop {
            let end = hits.get(at + 1).map_or(self.s.range.end, |n| n.start);
            if self.marks_inclusion(self.between(hits[at].end, end)) {
                return Some(at);
            }
            let next = hits.get(at + 1)?;
            let describes = next.actor().is_none()
                && next.cue().is_none()
                && !next.has(Tag::Negator)
                && (next.side().is_some()
                    || next.dated_side().is_some()
                    || next.has(Tag::Venezuela)
                    || next.has(Tag::Results));
            if !describes || self.words_between(hits[t].end, next.start) > 12 {
                return None;
            }
            at += 1;
        }
    }

    /// True when `gap` opens with a comma and an inclusion marker.
    fn marks_inclusion(&self, gap: &str) -> bool {
        let Some(rest) = gap.trim_start().strip_prefix(',') else { return false };
        let rest = rest.trim_start().to_lowercase();
        self.grammar()
            .inclusion
            .iter()
            .any(|m| rest.strip_prefix(m.as_str()).is_some_and(|after| after.is_empty() || after.starts_with(' ')))
    }

    /// A demonym is an actor only next to an institution ("Russian lawmakers",
    /// "el gobierno ruso").
    pub(super) fn demonym_is_actor(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let after = self.sentence_words_after(h.end, 4);
        let before = self.sentence_words_before(h.start, 4);
        // "el gobierno ruso", and with one adjective between ("el nuevo
        // gobierno conservador griego").
        self.lex.institutions.iter().any(|inst| {
            let n = inst.len();
            (0..=2).any(|skip| after.len() >= skip + n && after[skip..skip + n] == inst[..])
                || (0..=1).any(|skip| {
                    before.len() >= n + skip && before[before.len() - n - skip..before.len() - skip] == inst[..]
                })
        })
    }

    /// Actor codes named by hit `k` on the sentence's date, with the mention.
    pub(super) fn resolve(&self, k: usize) -> Vec<(&'l str, Range<usize>)> {
        let h = &self.s.hits[k];
        let Some(tag) = h.actor() else { return Vec::new() };
        let mention = h.start..h.end;
        match tag {
            // "the Lima group: Honduras, Panama, ...": the list that follows
            // names the members, so the group adds none of its own.
            Tag::Group(_) if self.between(h.end, self.s.range.end).trim_start().starts_with(':') => Vec::new(),
            // "countries of the European Union", "European Union nations":
            // the organisation holds the actors and is not one.
            Tag::Organisation(_) if self.container(k) => Vec::new(),
            // "most members of the Lima Group" is some of them, but which?
            Tag::Group(_) if self.partitive(k) => Vec::new(),
            // "All Lima Group members except Guyana": a member excluded by
            // name in the sentence is not among those who acted.
            Tag::Group(g) => {
                let hits = self.s.hits;
                let excluded = self.excluded_codes.get_or_init(|| {
                    self.tick(hits.len());
                    (0..hits.len())
                        .filter(|&j| self.excluded[j])
                        .filter_map(|j| hits[j].actor().and_then(|t| self.lex.actor_code(t, self.s.date)))
                        .collect()
                });
                self.lex.groups[g as usize]
                    .members_on(self.s.date)
                    .into_iter()
                    .filter(|c| !excluded.contains(c))
                    .map(|c| (c, mention.clone()))
                    .collect()
            }
            Tag::Demonym(_) if !self.demonym_is_actor(k) => Vec::new(),
            _ => self.lex.actor_code(tag, self.s.date).map(|c| vec![(c, mention)]).unwrap_or_default(),
        }
    }

    /// True when hit `k` names an actor on the sentence's date (without
    /// building the list [`Ctx::resolve`] would).
    pub(super) fn usable(&self, k: usize) -> bool {
        memoized(&self.usable_memo, k, || self.usable_uncached(k))
    }

    pub(super) fn usable_uncached(&self, k: usize) -> bool {
        if self.excluded[k] || self.is_former(k) {
            return false;
        }
        match self.s.hits[k].actor() {
            Some(Tag::Group(_)) if self.between(self.s.hits[k].end, self.s.range.end).trim_start().starts_with(':') => {
                true
            }
            Some(Tag::Group(g)) => self.lex.groups[g as usize].has_members_on(self.s.date),
            Some(Tag::Organisation(_)) if self.container(k) => false,
            Some(Tag::Demonym(_)) => self.demonym_is_actor(k),
            Some(tag) => self.lex.actor_code(tag, self.s.date).is_some(),
            None => false,
        }
    }

    /// True when hits `a` and `b` name one actor with its title between
    /// ("the United Kingdom's Foreign Secretary James Cleverly"), no
    /// punctuation but the possessive in between.
    pub(super) fn one_actor(&self, a: usize, b: usize) -> bool {
        let hits = self.s.hits;
        let gap = self.between(hits[a].end, hits[b].start);
        let code = |k: usize| hits[k].actor().and_then(|t| self.lex.actor_code(t, self.s.date));
        // A title is the possessive's noun phrase or capitalised words
        // ("U.S. President Donald Trump"), not a clause ("with the United
        // States after U.S. President ...").
        let title = self.possessive(a)
            || crate::text::word_slices(gap).all(|w| w.chars().next().is_some_and(char::is_uppercase));
        title
            && !gap.contains([',', ';', '.', ':', '(', ')'])
            && word_count(gap) <= 10
            && !self.breaks_clause(hits[a].end, hits[b].start)
            && code(a).is_some()
            && code(a) == code(b)
    }

    /// True when only list glue stands between two hits, or an unknown name
    /// between commas in a list of countries.
    pub(super) fn glued(&self, a: usize, b: usize) -> bool {
        let hits = self.s.hits;
        let gap = self.between(hits[a].end, hits[b].start);
        if gap.contains(';') || gap.contains('.') {
            return false;
        }
        let mut n = 0;
        let only_glue = words_borrowed(gap).all(|x| {
            n += 1;
            n <= 8 && (self.lex.list_glue.contains(&*x) || x.bytes().all(|b| b.is_ascii_digit()))
        });
        only_glue || self.unknown_name_between(a, b, gap)
    }

    /// "Denmark, Holland, France": a name the gazetteer leaves out (an
    /// ambiguous one) between two commas, with list glue around it, does not
    /// end a list of countries. An acronym ("Washington, DC, the OAS") is no
    /// such name.
    fn unknown_name_between(&self, a: usize, b: usize, gap: &str) -> bool {
        let hits = self.s.hits;
        let country = |k: usize| matches!(hits[k].actor(), Some(Tag::Country(_)));
        let glue = |part: &str| words_borrowed(part).all(|x| self.lex.list_glue.contains(&*x));
        let mut parts = gap.split(',');
        let (Some(before), Some(name), Some(after), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        let name = name.trim();
        let mut chars = name.chars();
        chars.next().is_some_and(char::is_uppercase)
            && name.len() >= 4
            && chars.all(char::is_lowercase)
            && country(a)
            && country(b)
            && glue(before)
            && glue(after)
    }

    /// True when "member states" stand between the organisation at hit `k`
    /// and the cue at hit `i` ("a dozen of its member states recognized"):
    /// the members act, and which ones the sentence does not say. A group
    /// of countries is its members, so "Lima Group members", glued to the
    /// name, are the group itself; "EU member states" are not the EU.
    pub(super) fn members_between(&self, k: usize, i: usize) -> bool {
        let hits = self.s.hits;
        let group = matches!(hits[k].actor(), Some(Tag::Group(_)));
        matches!(hits[k].actor(), Some(Tag::Organisation(_) | Tag::Group(_)))
            && hits[k + 1..i].iter().any(|h| {
                h.has(Tag::Members) && !(group && self.between(hits[k].end, h.start).chars().all(char::is_whitespace))
            })
    }

    /// Words from hit `k` to the cue at hit `i`, leaving out a relative
    /// clause between commas right after `k` ("El Grupo de Lima, que engloba
    /// a más de una decena de países de América del Norte y América Latina,
    /// ha instado"): it describes the actor, and the verb after it is the
    /// actor's. The clause runs to the last comma before the cue, at most
    /// 30 words.
    fn subject_distance(&self, k: usize, i: usize) -> usize {
        let hits = self.s.hits;
        let words = self.words_between(hits[k].end, hits[i].start);
        if words <= SUBJECT_REACH {
            return words;
        }
        let gap = self.between(hits[k].end, hits[i].start);
        let Some(rest) = gap.trim_start().strip_prefix(',') else { return words };
        let opens = words_borrowed(rest).next().is_some_and(|w| self.grammar().subject_relatives.contains(&w));
        let Some(close) = rest.rfind(',').filter(|_| opens) else { return words };
        self.tick(gap.len() / 8 + 1);
        let after = words_borrowed(&rest[close + 1..]).count();
        if words - after > 30 {
            return words;
        }
        after
    }

    /// The actors holding the stance of the cue at hit `i`: the nearest
    /// usable actor before it and the list it ends, else the speaker.
    pub(super) fn subject(&self, i: usize) -> Vec<(&'l str, Range<usize>)> {
        let hits = self.s.hits;
        let found = (0..i).rev().take_while(|&k| self.subject_distance(k, i) <= SUBJECT_REACH).find(|&k| {
            !self.quoted_apart(k, i)
                && (hits[k].actor().is_some() && !self.is_object(k) && !self.in_apposition(k) && self.usable(k)
                    || matches!(hits[k].actor(), Some(Tag::Person(_))) && !self.is_object(k)
                    || hits[k].actor().is_some() && !self.is_object(k) && self.of_legislature(k))
        });
        match found {
            // A legislature named as the one acting speaks for no government.
            Some(k) if self.of_legislature(k) => Vec::new(),
            Some(k) if self.members_between(k, i) => Vec::new(),
            Some(k) if self.usable(k) => {
                let mut first = k;
                while let Some(p) = self.actor_before[first] {
                    self.tick(1);
                    if self.excluded[p] || !(self.glued(p, first) || self.one_actor(p, first)) {
                        break;
                    }
                    first = p;
                }
                // "the ambassadors to the United Nations and Cuba": a list
                // that starts as an object is an object all along.
                // But "a statement, backed by Chile and Peru, rejected": the
                // signatories of a statement are the ones acting.
                let signed = first > 0
                    && hits[first - 1].cue() == Some(Cue::SupportPassive)
                    && self.after_document(first - 1)
                    && self.words_between(hits[first - 1].end, hits[first].start) <= 4;
                if first < k && self.is_object(first) && !signed {
                    return Vec::new();
                }
                // A title's country before its holder ("Turkish President
                // Erdogan") is the holder's mention, which names them.
                let titled =
                    |p: usize| (p + 1..=k).find(|&q| hits[q].actor().is_some()).is_some_and(|q| self.one_actor(p, q));
                (first..=k)
                    .filter(|&p| hits[p].actor().is_some() && !self.excluded[p] && !titled(p))
                    .flat_map(|p| self.resolve(p))
                    .collect()
            }
            // A person named as the one acting who holds no office on that
            // date (a former president) speaks for nobody.
            Some(_) => Vec::new(),
            None => self.speaker(),
        }
    }

    pub(super) fn speaker(&self) -> Vec<(&'l str, Range<usize>)> {
        let Some(h) = self.s.speaker else { return Vec::new() };
        let Some(tag) = h.actor() else { return Vec::new() };
        self.lex.actor_code(tag, self.s.date).map(|c| vec![(c, h.start..h.end)]).unwrap_or_default()
    }

    /// The actors named after the cue at hit `i` ("backed by Brazil and ...").
    pub(super) fn actors_after(&self, i: usize) -> Vec<(&'l str, Range<usize>)> {
        self.list_after(i, true, 8)
    }

    /// The countries on the receiving end of Venezuela's act at hit `n`
    /// (people are never on the receiving end of a rupture).
    pub(super) fn objects_after(&self, n: usize) -> Vec<(&'l str, Range<usize>)> {
        self.list_after(n, false, 14)
    }

    /// The first usable actor within `reach` words after hit `i`, and the
    /// list it opens ("Brazil and eleven countries ...: Honduras, Panama, ...").
    pub(super) fn list_after(&self, i: usize, people: bool, reach: usize) -> Vec<(&'l str, Range<usize>)> {
        let hits = self.s.hits;
        let Some(k) = (i + 1..hits.len())
            .take_while(|&k| self.words_between(hits[i].end, hits[k].start) <= reach)
            .find(|&k| self.usable(k) && (people || !matches!(hits[k].actor(), Some(Tag::Person(_)))))
        else {
            return Vec::new();
        };
        let mut last = k;
        let mut out = self.resolve(k);
        for n in k + 1..hits.len() {
            self.tick(1);
            if hits[n].actor().is_none() {
                continue;
            }
            if !self.glued(last, n) && !self.between(hits[last].end, hits[n].start).trim().starts_with(':') {
                break;
            }
            if !self.excluded[n] {
                out.extend(self.resolve(n));
            }
            last = n;
        }
        out
    }

    /// Who acts at hit `i`: Venezuela or an actor, whichever is named last before it.
    pub(super) fn nearest_agent(&self, i: usize) -> Option<Agent> {
        let hits = self.s.hits;
        let before = self.agent_before.get_or_init(|| {
            self.tick(hits.len());
            let mut last = None;
            let mut out = Vec::with_capacity(hits.len());
            for (k, h) in hits.iter().enumerate() {
                out.push(last);
                if h.has(Tag::Venezuela) {
                    last = Some(Agent::Venezuela);
                } else if h.actor().is_some() && !self.is_object(k) && self.usable(k) {
                    last = Some(Agent::Actor);
                }
            }
            out
        });
        before.get(i).copied().flatten()
    }
}
