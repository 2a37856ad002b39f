//! Features of one mention in its sentence: hashed strings, each naming one
//! thing the model may weigh (a word in the mention's clause, a cue after it,
//! a negating word between the two, ...).
//!
//! A sentence is read once ([`Sentence::read`]): its tokens, the lexicon's
//! hits turned into marks (a cue, a side, another actor, Venezuela), and the
//! word lists' matches. Each mention of it is then described by
//! [`Sentence::features`].

use crate::words::{Languages, List, Words};
use atlas_extract::lexicon::{Align, Cue, Lexicon, Tag};
use atlas_model::Date;

/// One actor mentioned in one sentence, as the verifier reads it.
#[derive(Clone, Copy, Debug)]
pub struct Mention<'a> {
    /// The sentence, verbatim.
    pub sentence: &'a str,
    /// The sentence before it in the article (empty for the first).
    pub previous: &'a str,
    /// The article's language code ("en", "es").
    pub lang: &'a str,
    /// The article's publication date: office-holders and dated sides are
    /// read on it.
    pub date: Date,
    /// The actor's code (ISO alpha-2, organisation code or group id), as the
    /// lexicon names it on `date`.
    pub actor: &'a str,
}

/// One token of a sentence: a word (lowercase) or a punctuation mark.
#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    text: String,
    punct: bool,
}

/// What a lexicon hit is, for the features: its class name and, for an
/// actor, its code.
#[derive(Debug)]
struct Mark {
    /// Index of the token where the hit starts.
    tok: usize,
    /// Index of the token after the hit.
    end: usize,
    class: &'static str,
    actor: Option<String>,
}

/// A sentence read once for all of its mentions.
pub struct Sentence<'a> {
    tokens: Vec<Token>,
    marks: Vec<Mark>,
    /// Per token: the [`List`] bits of the word-list phrases starting there.
    lists: Vec<u16>,
    /// Per token: whether it ends a clause.
    boundary: Vec<bool>,
    /// Per token: whether it is inside a quotation.
    quoted: Vec<bool>,
    /// Per token: whether it is inside an actor's mark. Such words are read
    /// as `@actor`: which country is named must not decide what the sentence
    /// says of it (a country's name would carry a prior learned from other
    /// years and governments), and the members of one list then read alike.
    named: Vec<bool>,
    /// Classes of the marks in the previous sentence, and its actors.
    previous: Vec<&'static str>,
    previous_actors: Vec<String>,
    words: &'a Words,
    lang: &'a str,
    date: Date,
    /// The sentence ends like a sentence (period, question or exclamation
    /// mark, closing quote).
    final_punct: bool,
    /// Share of its words that are capitalised.
    capitalised: f32,
}

/// Collects features as hashed indices into a space of `2^bits`.
pub struct Sink<'o> {
    bits: u32,
    out: &'o mut Vec<u32>,
}

impl<'o> Sink<'o> {
    /// A sink of `2^bits` buckets writing into `out`.
    pub fn new(bits: u32, out: &'o mut Vec<u32>) -> Sink<'o> {
        Sink { bits, out }
    }

    /// Adds the feature named by `parts`, hashed with FNV-1a; parts are
    /// separated so ("ab", "c") and ("a", "bc") differ.
    pub fn add(&mut self, parts: &[&str]) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for p in parts {
            for &b in p.as_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
        }
        // Fold the high bits in: FNV's low bits mix poorly.
        let folded = (h ^ (h >> 29) ^ (h >> 47)) as u32;
        self.out.push(folded & ((1u32 << self.bits) - 1));
    }
}

/// Punctuation kept as tokens: it marks clauses, lists and headings.
fn is_punct(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '«' | '»' | '—' | '–' | '?' | '!' | '.')
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»")
}

fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let inside = atlas_extract::text::is_alphanumeric(c) || (word.is_some() && matches!(c, '\'' | '’' | '-'));
        if inside {
            word.get_or_insert(i);
            continue;
        }
        if let Some(w) = word.take() {
            out.push(word_token(s, w, i));
        }
        if is_punct(c) {
            out.push(Token { start: i, end: i + c.len_utf8(), text: c.to_string(), punct: true });
        }
    }
    if let Some(w) = word {
        out.push(word_token(s, w, s.len()));
    }
    out
}

fn word_token(s: &str, start: usize, end: usize) -> Token {
    let raw = s[start..end].trim_end_matches(['\'', '’', '-']);
    Token { start, end: start + raw.len(), text: raw.to_lowercase(), punct: false }
}

/// The class of one tag for the features, and whether it is an actor.
fn class_of(tag: Tag) -> Option<&'static str> {
    Some(match tag {
        Tag::Country(_) => "actor:country",
        Tag::Demonym(_) => "actor:demonym",
        Tag::Organisation(_) => "actor:org",
        Tag::Person(_) => "actor:person",
        Tag::Group(_) => "group",
        Tag::Venezuela => "ve",
        Tag::Side(a) => match a {
            Align::Opposition => "side:opp",
            Align::Government => "side:gov",
            Align::Neutral => "side:neu",
            Align::Force => "side:force",
        },
        Tag::Cue(c) => match c {
            Cue::Recognition => "cue:rec",
            Cue::Support => "cue:sup",
            Cue::SupportPassive => "cue:suppass",
            Cue::OpposePassive => "cue:opppass",
            Cue::Advocate => "cue:adv",
            Cue::Meet => "cue:meet",
            Cue::Oppose => "cue:opp",
            Cue::Thanks => "cue:thanks",
        },
        Tag::Results => "results",
        Tag::Pronoun => "pron",
        Tag::Negator => "negator",
        Tag::IntrinsicOpposition => "intr:opp",
        Tag::IntrinsicOppositionRecognition => "intr:opprec",
        Tag::IntrinsicNeutral => "intr:neu",
        Tag::Cancel => "cancel",
        Tag::Modal => "modal",
        Tag::Epithet => "epithet",
        Tag::RepeatMarker => "repeat",
        Tag::Members => "members",
        Tag::History => "history",
        Tag::Exclusion => "excl",
        Tag::Blocker => "blocker",
        Tag::RuptureVerb => "rupt:v",
        Tag::RuptureNoun => "rupt:n",
        Tag::WithdrawVerb => "withdraw",
        Tag::DiplomatNoun => "diplomat",
        Tag::RestoreVerb => "restore:v",
        Tag::RestoreAct => "restore:act",
        Tag::Ceasing => "ceasing",
        Tag::LeaveVerb => "leave",
        Tag::RestoreNoun => "restore:n",
        Tag::Signatory => "signatory",
        Tag::FollowSuit => "follow",
        Tag::CalendarName | Tag::DatedSide(_) => return None,
    })
}

/// The actor code a tag names on `date`.
fn actor_code(lex: &Lexicon, tag: Tag, date: Date) -> Option<String> {
    match tag {
        Tag::Group(i) => lex.groups.get(i as usize).map(|g| g.id.clone()),
        _ => lex.actor_code(tag, date).map(str::to_string),
    }
}

/// The marks of a sentence's hits, resolved on `date`.
fn read_marks(lex: &Lexicon, text: &str, tokens: &[Token], date: Date) -> Vec<Mark> {
    let hits = lex.resolve_dated(&lex.scan(text), date);
    let mut out = Vec::with_capacity(hits.len() + 4);
    for h in &hits {
        let tok = tokens.partition_point(|t| t.end <= h.start);
        if tok >= tokens.len() {
            continue;
        }
        let end = tokens.partition_point(|t| t.start < h.end).clamp(tok + 1, tokens.len());
        let mut actor_seen = false;
        for &tag in h.tags() {
            let Some(class) = class_of(tag) else { continue };
            let actor = if tag.is_actor() {
                if actor_seen {
                    continue;
                }
                actor_seen = true;
                actor_code(lex, tag, date)
            } else {
                None
            };
            if tag.is_actor() && actor.is_none() {
                continue;
            }
            out.push(Mark { tok, end, class, actor });
        }
    }
    out
}

/// Distance buckets: 1, 2, 3-4, 5-8, 9-16, more.
fn bucket(d: usize) -> &'static str {
    match d {
        0 | 1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        _ => "17+",
    }
}

impl<'a> Sentence<'a> {
    /// Reads `sentence` (and the classes of `previous`) once.
    pub fn read(lex: &Lexicon, langs: &'a Languages, m: &Mention<'a>) -> Sentence<'a> {
        let words = langs.get(m.lang);
        let tokens = tokenize(m.sentence);
        let marks = read_marks(lex, m.sentence, &tokens, m.date);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let lists: Vec<u16> = (0..texts.len()).map(|i| words.at(&texts, i).0).collect();
        let boundary = tokens
            .iter()
            .zip(&lists)
            .map(|(t, &l)| {
                (t.punct && matches!(t.text.as_str(), ";" | ":" | "(" | ")" | "—" | "–"))
                    || lex.clause_breaks.contains(&t.text)
                    || l & List::ClauseOpener.bit() != 0
            })
            .collect();
        let mut inside = false;
        let quoted = tokens
            .iter()
            .map(|t| {
                if is_quote(&t.text) {
                    inside = !inside;
                }
                inside
            })
            .collect();
        let named =
            (0..tokens.len()).map(|i| marks.iter().any(|k| k.actor.is_some() && k.tok <= i && i < k.end)).collect();
        let prev_tokens = tokenize(m.previous);
        let prev_marks = read_marks(lex, m.previous, &prev_tokens, m.date);
        let final_punct = m.sentence.trim_end().ends_with(['.', '?', '!', '"', '”', '»', ')']);
        let word_count = tokens.iter().filter(|t| !t.punct).count().max(1);
        let caps = tokens.iter().filter(|t| !t.punct && m.sentence[t.start..].starts_with(char::is_uppercase)).count();
        Sentence {
            previous: prev_marks.iter().map(|k| k.class).collect(),
            previous_actors: prev_marks.into_iter().filter_map(|k| k.actor).collect(),
            tokens,
            marks,
            lists,
            boundary,
            quoted,
            named,
            words,
            lang: m.lang,
            date: m.date,
            final_punct,
            capitalised: caps as f32 / word_count as f32,
        }
    }

    /// The actors the sentence names, in order, each once.
    pub fn actors(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in self.marks.iter().filter_map(|k| k.actor.as_deref()) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }

    /// The actor of the lexicon mark that covers byte `at` of the sentence
    /// (a group's code where a group is named there).
    pub fn actor_at(&self, at: usize) -> Option<&str> {
        self.marks.iter().filter(|k| k.actor.is_some()).find_map(|k| {
            let (first, last) = (self.tokens.get(k.tok)?, self.tokens.get(k.end.checked_sub(1)?)?);
            (first.start <= at && at < last.end).then_some(k.actor.as_deref()).flatten()
        })
    }

    /// The hashed features of `actor`'s mention, sorted and deduplicated,
    /// into `out` (cleared first).
    pub fn features(&self, actor: &str, bits: u32, out: &mut Vec<u32>) {
        out.clear();
        let mut sink = Sink { bits, out };
        sink.add(&["bias"]);
        sink.add(&["lang", self.lang]);
        self.sentence_features(&mut sink);
        match self.marks.iter().position(|k| k.actor.as_deref() == Some(actor)) {
            Some(i) => {
                let at = Located::new(self, i, actor);
                self.position_features(&at, &mut sink);
                self.cue_features(&at, &mut sink);
                self.clause_features(&at, &mut sink);
                self.list_features(&at, &mut sink);
                self.previous_features(actor, &mut sink);
            }
            None => sink.add(&["unlocated"]),
        }
        out.sort_unstable();
        out.dedup();
    }

    fn sentence_features(&self, sink: &mut Sink<'_>) {
        let year = self.date.year().to_string();
        sink.add(&["year", &year]);
        if !self.final_punct {
            sink.add(&["head:nofinal"]);
        }
        let words = self.tokens.iter().filter(|t| !t.punct).count();
        if words < 8 {
            sink.add(&["head:short"]);
        }
        if words >= 4 && self.capitalised > 0.6 {
            sink.add(&["head:titlecase"]);
        }
        let n = self.actors().len();
        sink.add(&["actors", bucket(n)]);
        for k in &self.marks {
            if k.actor.is_none() {
                sink.add(&["has", k.class]);
            }
        }
        // Pairs of a cue and the nearest side after it, wherever they are.
        for (i, k) in self.marks.iter().enumerate() {
            if k.class.starts_with("cue:") {
                if let Some(s) = self.marks[i + 1..].iter().find(|s| s.class.starts_with("side:")) {
                    sink.add(&["pair", k.class, s.class]);
                }
            }
        }
    }
}

/// Where the mention sits: its mark, its tokens and the clause around it.
struct Located<'s> {
    /// Index of the mention's (first) mark.
    mark: usize,
    /// Its first token and the token after it.
    start: usize,
    end: usize,
    /// The clause around it: first token and the token after the last.
    clause: (usize, usize),
    actor: &'s str,
}

impl<'s> Located<'s> {
    fn new(s: &Sentence<'_>, mark: usize, actor: &'s str) -> Located<'s> {
        let (start, end) = (s.marks[mark].tok, s.marks[mark].end);
        let left = (0..start).rev().find(|&i| s.boundary[i]).map_or(0, |i| i + 1);
        // The clause goes on past the list the mention opens ("Canada,
        // Peru and Chile recognised ...").
        let mut j = end;
        while j < s.tokens.len()
            && (s.tokens[j].text == "," || s.lists[j] & List::ListJoiner.bit() != 0 || s.in_actor(j))
        {
            j += 1;
        }
        let right = (j..s.tokens.len()).find(|&i| s.boundary[i]).unwrap_or(s.tokens.len());
        Located { mark, start, end, clause: (left, right), actor }
    }
}

impl Sentence<'_> {
    /// True when token `i` is inside some actor's mark.
    fn in_actor(&self, i: usize) -> bool {
        self.named[i]
    }

    /// Token `i` as the features read it: `@actor` inside an actor's mark.
    fn word(&self, i: usize) -> &str {
        if self.named[i] {
            "@actor"
        } else {
            &self.tokens[i].text
        }
    }

    fn list_bits(&self, from: usize, to: usize) -> u16 {
        self.lists[from.min(to)..to].iter().fold(0, |a, &b| a | b)
    }

    /// Words next to the mention, the mention's own kind, quotes, headings.
    fn position_features(&self, at: &Located<'_>, sink: &mut Sink<'_>) {
        let t = &self.tokens;
        for d in 1..=3 {
            if let Some(i) = at.start.checked_sub(d) {
                sink.add(&["l", bucket(d), self.word(i)]);
            }
            if at.end + d - 1 < t.len() {
                sink.add(&["r", bucket(d), self.word(at.end + d - 1)]);
            }
        }
        if at.start >= 2 {
            sink.add(&["l2", self.word(at.start - 2), self.word(at.start - 1)]);
        }
        if at.end + 1 < t.len() {
            sink.add(&["r2", self.word(at.end), self.word(at.end + 1)]);
        }
        if at.start > 0 && self.lists[at.start - 1] & List::Preposition.bit() != 0 {
            sink.add(&["prep_before"]);
        }
        let near = |from: usize, to: usize| self.list_bits(from, to.min(t.len()));
        for list in [List::Legislature, List::NotGovernment, List::Government, List::Negating, List::Irrealis] {
            if near(at.start.saturating_sub(3), at.start) & list.bit() != 0 {
                sink.add(&["near_l", list.name()]);
            }
            if near(at.end, at.end + 3) & list.bit() != 0 {
                sink.add(&["near_r", list.name()]);
            }
        }
        if self.quoted.get(at.start).copied().unwrap_or(false) {
            sink.add(&["in_quote"]);
        }
        let colon = t[at.end..t.len().min(at.end + 6)].iter().any(|w| w.text == ":");
        if colon && at.start < 4 {
            sink.add(&["head:colon_after"]);
        }
        if at.start == 0 {
            sink.add(&["first_token"]);
        }
        // "Brazil's": the token holding the mention goes on with "'s".
        if t[at.end - 1].text.ends_with("'s") || t[at.end - 1].text.ends_with("’s") {
            sink.add(&["possessive"]);
        }
        sink.add(&["kind", self.marks[at.mark].class]);
    }
}

impl Sentence<'_> {
    /// The marks before and after the mention, and the nearest cue on each
    /// side with what lies between.
    fn cue_features(&self, at: &Located<'_>, sink: &mut Sink<'_>) {
        let before: Vec<&Mark> = self.marks[..at.mark].iter().rev().filter(|k| self.is_other(k, at)).collect();
        let after: Vec<&Mark> = self.marks[at.mark + 1..].iter().filter(|k| self.is_other(k, at)).collect();
        for k in before.iter().take(6) {
            let d = at.start.saturating_sub(k.end) + 1;
            sink.add(&["t", k.class, "before", bucket(d)]);
            sink.add(&["t", k.class, "before"]);
        }
        for k in after.iter().take(6) {
            let d = k.tok.saturating_sub(at.end) + 1;
            sink.add(&["t", k.class, "after", bucket(d)]);
            sink.add(&["t", k.class, "after"]);
        }
        let name = |k: Option<&&Mark>| k.map_or("^", |k| k.class);
        let (p1, p2) = (name(before.first()), name(before.get(1)));
        let (n1, n2) = (name(after.first()), name(after.get(1)));
        sink.add(&["seq", p1, "M", n1]);
        sink.add(&["seq", "M", n1, n2]);
        sink.add(&["seq", p2, p1, "M"]);
        sink.add(&["seq", p1, "M", n1, n2]);
        if let Some(i) = after.iter().position(|k| k.class.starts_with("cue:") || is_act(k.class)) {
            let cue = after[i];
            self.between_features("fc", cue.class, at.end, cue.tok, sink);
            let side = after[i + 1..].iter().find(|k| k.class.starts_with("side:")).map_or("^", |k| k.class);
            sink.add(&["fc", cue.class, side]);
            let actor_between = after[..i].iter().any(|k| k.actor.is_some() || k.class == "ve");
            sink.add(&["fc", cue.class, side, if actor_between { "actor_between" } else { "direct" }]);
        }
        if let Some(i) = before.iter().position(|k| k.class.starts_with("cue:") || is_act(k.class)) {
            let cue = before[i];
            self.between_features("bc", cue.class, cue.end, at.start, sink);
            let side = after.iter().find(|k| k.class.starts_with("side:")).map_or("^", |k| k.class);
            sink.add(&["bc", cue.class, side]);
            let ve = before[i + 1..].iter().any(|k| k.class == "ve");
            sink.add(&["bc", cue.class, if ve { "ve_before" } else { "-" }]);
        }
    }

    /// Whether a mark counts beside the mention: not the mention itself nor
    /// another name of the same actor.
    fn is_other(&self, k: &Mark, at: &Located<'_>) -> bool {
        k.actor.as_deref() != Some(at.actor)
    }

    /// What lies between the mention and a cue: negating or irrealis words,
    /// a clause break, commas.
    fn between_features(&self, key: &str, cue: &str, from: usize, to: usize, sink: &mut Sink<'_>) {
        let (from, to) = (from.min(to), to.max(from).min(self.tokens.len()));
        let bits = self.list_bits(from, to);
        for list in [List::Negating, List::Irrealis, List::Legislature, List::NotGovernment, List::Government] {
            if bits & list.bit() != 0 {
                sink.add(&[key, cue, "between", list.name()]);
                sink.add(&[key, "between", list.name()]);
            }
        }
        if self.boundary[from..to].iter().any(|&b| b) {
            sink.add(&[key, cue, "clause_break"]);
        }
        let commas = self.tokens[from..to].iter().filter(|t| t.text == ",").count();
        sink.add(&[key, cue, "commas", bucket(commas + 1)]);
        sink.add(&[key, cue, "dist", bucket(to - from + 1)]);
        let marks = self.marks.iter().filter(|k| k.tok >= from && k.tok < to);
        for k in marks.filter(|k| matches!(k.class, "negator" | "modal" | "cancel" | "ceasing" | "history")) {
            sink.add(&[key, cue, "mark_between", k.class]);
            sink.add(&[key, "mark_between", k.class]);
        }
    }
}

/// Acts that are not cues in the lexicon's sense but carry a stance.
fn is_act(class: &str) -> bool {
    matches!(
        class,
        "rupt:v"
            | "withdraw"
            | "restore:v"
            | "restore:act"
            | "leave"
            | "intr:opp"
            | "intr:opprec"
            | "intr:neu"
            | "follow"
            | "signatory"
    )
}

impl Sentence<'_> {
    /// Words and word pairs of the mention's clause, and its lists.
    fn clause_features(&self, at: &Located<'_>, sink: &mut Sink<'_>) {
        let (left, right) = at.clause;
        let lo = left.max(at.start.saturating_sub(25));
        let hi = right.min(at.end + 25);
        let words: Vec<&str> = (lo..hi).map(|i| self.word(i)).collect();
        for (i, w) in words.iter().enumerate() {
            let side = if lo + i < at.start { "cl" } else { "cr" };
            sink.add(&[side, w]);
            if let Some(n) = words.get(i + 1) {
                sink.add(&["c2", w, n]);
            }
        }
        let bits = self.list_bits(lo, hi);
        for list in List::ALL {
            if bits & list.bit() != 0 {
                sink.add(&["clause", list.name()]);
            }
        }
        if self.tokens[lo..hi].iter().any(|t| !t.punct && self.words.is_conditional(&t.text)) {
            sink.add(&["clause", "conditional"]);
        }
        if left > 0 {
            sink.add(&["clause_opened_by", self.word(left - 1)]);
        }
        if right < self.tokens.len() {
            sink.add(&["clause_closed_by", self.word(right)]);
        }
    }

    /// Where the mention sits among the sentence's actors.
    fn list_features(&self, at: &Located<'_>, sink: &mut Sink<'_>) {
        let actors: Vec<&Mark> = self.marks.iter().filter(|k| k.actor.is_some()).collect();
        let idx = actors.iter().position(|k| k.actor.as_deref() == Some(at.actor)).unwrap_or(0);
        let listed = |a: &Mark, b: &Mark| {
            let (x, y) = if a.tok < b.tok { (a.end, b.tok) } else { (b.end, a.tok) };
            y >= x
                && y - x <= 3
                && self.tokens[x..y]
                    .iter()
                    .zip(&self.lists[x..y])
                    .all(|(t, &l)| t.text == "," || l & List::ListJoiner.bit() != 0 || t.text.len() <= 3)
        };
        let prev = idx.checked_sub(1).map(|i| actors[i]);
        let next = actors.get(idx + 1).copied();
        let me = actors.get(idx).copied();
        let in_prev = me.zip(prev).is_some_and(|(m, p)| listed(m, p));
        let in_next = me.zip(next).is_some_and(|(m, n)| listed(m, n));
        let pos = match (in_prev, in_next) {
            (false, false) => "alone",
            (false, true) => "first",
            (true, true) => "middle",
            (true, false) => "last",
        };
        sink.add(&["list", pos]);
        // A member of a list takes the act the sentence (or the one before)
        // tells without it: the list position with those acts.
        if pos != "alone" {
            for k in self.marks.iter().filter(|k| k.actor.is_none()) {
                sink.add(&["list_has", k.class]);
            }
            for c in &self.previous {
                sink.add(&["list_prev", c]);
            }
        }
        sink.add(&["actor_index", bucket(idx + 1)]);
        if idx + 1 == actors.len() {
            sink.add(&["actor_last"]);
        }
    }

    /// The previous sentence's marks, and whether it names the same actor.
    fn previous_features(&self, actor: &str, sink: &mut Sink<'_>) {
        for c in &self.previous {
            sink.add(&["prev", c]);
        }
        if self.previous_actors.iter().any(|a| a == actor) {
            sink.add(&["prev_same_actor"]);
        }
        if self.previous.is_empty() {
            sink.add(&["prev_none"]);
        }
    }
}
