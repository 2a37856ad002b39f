//! Why an article gave the events it gave: for each sentence that names an
//! actor and a cue or a side, the phrases recognised, which construction
//! read an act (or none), which guard stopped one and on which words, the
//! events that resulted and how their date was chosen.
//!
//! [`crate::Extractor::explain`] records this while it extracts, so the
//! trace is of the very run that makes the dataset; [`render_text`] prints
//! it for a reader and [`render_json`] for tools.

#![warn(missing_docs)]

use crate::lexicon::{Align, Cue, Hit, Lexicon, Tag};
use crate::rules::{Construction, Step};
use atlas_model::{Date, Event};
use serde_json::json;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

/// How the date of a sentence's events was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// The sentence dates its act itself ("On January 23", "on Thursday").
    Own,
    /// Set "since" or "after" a known event ("desde la investidura").
    Anchored,
    /// The sentence gives no date: the article's publication date.
    Publication,
    /// A sentence that joins an act ("It was signed by ...") takes its date.
    Joined,
}

impl DateSource {
    fn describe(&self) -> &'static str {
        match self {
            DateSource::Own => "the sentence's own date expression",
            DateSource::Anchored => "the known event it is set since or after",
            DateSource::Publication => "the article's publication date (the sentence gives none)",
            DateSource::Joined => "the act it joins",
        }
    }

    fn name(&self) -> &'static str {
        match self {
            DateSource::Own => "own",
            DateSource::Anchored => "anchored",
            DateSource::Publication => "publication",
            DateSource::Joined => "joined",
        }
    }
}

/// One recognised phrase, as the trace shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitNote {
    /// Where it is (global byte offsets).
    pub range: Range<usize>,
    /// What it is: `actor`, `cue`, `side`, `negator`, ...
    pub role: &'static str,
    /// Its meaning: the actor's code, the cue's kind, the side.
    pub meaning: String,
}

/// The trace of one sentence.
#[derive(Clone, Debug)]
pub struct SentenceTrace<'l> {
    /// The sentence's number in the article, from 1.
    pub number: usize,
    /// Where it is (global byte offsets).
    pub range: Range<usize>,
    /// The phrases that matter to the rules.
    pub hits: Vec<HitNote>,
    /// The speaker of the quotation it belongs to, if any.
    pub speaker: Option<Range<usize>>,
    /// Whether it holds a cue, a side or another phrase that starts an act.
    pub act: bool,
    /// What the rules' readers did.
    pub steps: Vec<Step<'l>>,
    /// The date its events got, and how it was chosen.
    pub date: Option<(Date, DateSource)>,
    /// Notes on what happened after the rules ("told as history").
    pub notes: Vec<String>,
    /// The events it produced.
    pub events: Vec<Event>,
}

/// An article's trace.
#[derive(Clone, Debug)]
pub struct Explanation<'l> {
    /// The article's text, for quoting words.
    pub text: String,
    /// The article's publication date.
    pub published: Date,
    /// The article's language.
    pub lang: String,
    /// The sentences worth explaining, in order.
    pub sentences: Vec<SentenceTrace<'l>>,
}

/// Records a trace while an article is extracted; does nothing when off.
pub(crate) struct Tracer<'l> {
    /// The lexicon, to name what the hits mean; none when off.
    lex: Option<&'l Lexicon>,
    sentences: Vec<SentenceTrace<'l>>,
    /// Events present before the current sentence, by identity.
    before: HashSet<EventKey>,
}

/// What tells two events of an article apart.
type EventKey = (String, usize, usize, usize, &'static str);

fn key(e: &Event) -> EventKey {
    (e.actor.clone(), e.mention.start, e.span.start, e.span.end, e.kind.as_str())
}

impl<'l> Tracer<'l> {
    pub(crate) fn off() -> Tracer<'l> {
        Tracer { lex: None, sentences: Vec::new(), before: HashSet::new() }
    }

    pub(crate) fn on(lex: &'l Lexicon) -> Tracer<'l> {
        Tracer { lex: Some(lex), ..Tracer::off() }
    }

    pub(crate) fn is_on(&self) -> bool {
        self.lex.is_some()
    }

    /// Starts sentence `si` (from 0) if it is worth explaining, closing the
    /// one before with the events it added.
    pub(crate) fn begin(
        &mut self,
        si: usize,
        range: Range<usize>,
        hits: &[Hit],
        speaker: Option<&Hit>,
        date: Date,
        events: &[Event],
    ) {
        let Some(lex) = self.lex else { return };
        self.close(events);
        // Every sentence is followed, so that one that joins an act without
        // naming its own actors ("Y exigieron ...") still shows its events;
        // [`Tracer::finish`] keeps those worth explaining.
        let notes = hits.iter().filter_map(|h| describe(lex, h, date)).collect();
        self.sentences.push(SentenceTrace {
            number: si + 1,
            range,
            hits: notes,
            speaker: speaker.map(|h| h.start..h.end),
            act: hits.iter().any(hits_act),
            steps: Vec::new(),
            date: None,
            notes: Vec::new(),
            events: Vec::new(),
        });
    }

    /// The current sentence, if it is being explained.
    fn current(&mut self, si: usize) -> Option<&mut SentenceTrace<'l>> {
        self.sentences.last_mut().filter(|s| s.number == si + 1)
    }

    pub(crate) fn steps(&mut self, si: usize, steps: Vec<Step<'l>>) {
        if let Some(s) = self.current(si) {
            s.steps = steps;
        }
    }

    pub(crate) fn date(&mut self, si: usize, date: Date, source: DateSource) {
        if let Some(s) = self.current(si) {
            s.date = Some((date, source));
        }
    }

    pub(crate) fn note(&mut self, si: usize, note: impl FnOnce() -> String) {
        if let Some(s) = self.current(si) {
            s.notes.push(note());
        }
    }

    /// Gives the last sentence the events added since it began.
    fn close(&mut self, events: &[Event]) {
        if let Some(s) = self.sentences.last_mut().filter(|s| s.events.is_empty()) {
            s.events = events.iter().filter(|e| !self.before.contains(&key(e))).cloned().collect();
        }
        self.before = events.iter().map(key).collect();
    }

    /// The trace, given the article's final events (a group's act replaced
    /// by its signatories' drops some).
    pub(crate) fn finish(mut self, text: &str, published: Date, lang: &str, events: &[Event]) -> Explanation<'l> {
        self.close(events);
        self.sentences.retain(|s| {
            let actor = s.speaker.is_some() || s.hits.iter().any(|h| matches!(h.role, "actor" | "group"));
            (actor && s.act) || !s.events.is_empty()
        });
        let kept: HashSet<_> = events.iter().map(key).collect();
        for s in &mut self.sentences {
            let dropped: Vec<String> =
                s.events.iter().filter(|e| !kept.contains(&key(e))).map(|e| e.actor.clone()).collect();
            if !dropped.is_empty() {
                s.notes.push(format!(
                    "{} dropped: the article names who signed the group's statement, and they are not among them",
                    dropped.join(", ")
                ));
                s.events.retain(|e| kept.contains(&key(e)));
            }
        }
        Explanation { text: text.to_string(), published, lang: lang.to_string(), sentences: self.sentences }
    }
}

/// True when a hit can start or aim an act: a cue, a side, an intrinsic
/// stance, one of Venezuela's diplomatic acts, a joining marker.
fn hits_act(h: &Hit) -> bool {
    h.cue().is_some()
        || h.side().is_some()
        || h.dated_side().is_some()
        || [
            Tag::IntrinsicOpposition,
            Tag::IntrinsicOppositionRecognition,
            Tag::IntrinsicNeutral,
            Tag::RuptureVerb,
            Tag::WithdrawVerb,
            Tag::RestoreVerb,
            Tag::RestoreAct,
            Tag::LeaveVerb,
            Tag::Signatory,
            Tag::FollowSuit,
        ]
        .iter()
        .any(|t| h.has(*t))
}

/// The role and meaning of a hit, if it matters to the rules.
fn describe(lex: &Lexicon, h: &Hit, date: Date) -> Option<HitNote> {
    let note = |role: &'static str, meaning: String| Some(HitNote { range: h.start..h.end, role, meaning });
    if let Some(tag) = h.actor() {
        if let Tag::Group(g) = tag {
            let group = &lex.groups[g as usize];
            return note("group", format!("{} ({} members on {date})", group.id, group.members_on(date).len()));
        }
        return match lex.actor_code(tag, date) {
            Some(code) => note("actor", code.to_string()),
            None => note("actor", format!("none on {date}")),
        };
    }
    if let Some(c) = h.cue() {
        return note("cue", cue_name(c).to_string());
    }
    if let Some(a) = h.side() {
        return note("side", align_name(a).to_string());
    }
    if let Some(i) = h.dated_side() {
        let side = lex.dated_sides[i as usize].on(date).map_or("none", align_name);
        return note("side", format!("{side} on {date}"));
    }
    let roles = [
        (Tag::Venezuela, "venezuela", ""),
        (Tag::Negator, "negator", ""),
        (Tag::Modal, "modal", ""),
        (Tag::Cancel, "cancel", ""),
        (Tag::Ceasing, "ceasing", ""),
        (Tag::Epithet, "epithet", ""),
        (Tag::IntrinsicOpposition, "stance", "opposition"),
        (Tag::IntrinsicOppositionRecognition, "stance", "opposition recognition"),
        (Tag::IntrinsicNeutral, "stance", "neutral"),
        (Tag::RepeatMarker, "repeat", ""),
        (Tag::RuptureVerb, "rupture", ""),
        (Tag::WithdrawVerb, "withdrawal", ""),
        (Tag::RestoreVerb, "restoration", ""),
        (Tag::RestoreAct, "restoration", ""),
        (Tag::LeaveVerb, "leaving", ""),
        (Tag::Pronoun, "pronoun", ""),
        (Tag::Results, "results", ""),
        (Tag::Exclusion, "exclusion", ""),
        (Tag::Signatory, "signatories", ""),
        (Tag::FollowSuit, "follow-suit", ""),
    ];
    let (_, role, meaning) = roles.iter().find(|(t, _, _)| h.has(*t))?;
    note(role, meaning.to_string())
}

fn cue_name(c: Cue) -> &'static str {
    match c {
        Cue::Recognition => "recognition",
        Cue::Support => "support",
        Cue::SupportPassive => "support, passive",
        Cue::OpposePassive => "opposition, passive",
        Cue::Advocate => "call",
        Cue::Oppose => "opposition",
        Cue::Thanks => "thanks",
        Cue::Meet => "meeting",
    }
}

fn align_name(a: Align) -> &'static str {
    match a {
        Align::Opposition => "opposition",
        Align::Government => "government",
        Align::Neutral => "neutral",
        Align::Force => "force",
    }
}

/// Which sentences to show.
#[derive(Clone, Debug, Default)]
pub enum Filter {
    /// Every sentence worth explaining.
    #[default]
    All,
    /// Only this sentence (numbered from 1).
    Sentence(usize),
    /// Only sentences that name this actor or give it an event.
    Actor(String),
}

impl Explanation<'_> {
    /// The sentences the filter keeps.
    pub fn select(&self, filter: &Filter) -> Vec<&SentenceTrace<'_>> {
        self.sentences
            .iter()
            .filter(|s| match filter {
                Filter::All => true,
                Filter::Sentence(n) => s.number == *n,
                Filter::Actor(code) => {
                    s.events.iter().any(|e| e.actor.eq_ignore_ascii_case(code))
                        || s.hits.iter().any(|h| h.role == "actor" && h.meaning.eq_ignore_ascii_case(code))
                        || s.steps.iter().any(|st| st.actors().iter().any(|(a, _)| a.eq_ignore_ascii_case(code)))
                }
            })
            .collect()
    }

    /// The article's words at `r`, on one line.
    fn words(&self, r: &Range<usize>) -> String {
        let w = self.text.get(r.clone()).unwrap_or("");
        w.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The actors, grouped by the words that name them: `US ("Trump")`,
    /// `AR, BR, CA ("Lima Group")`.
    fn actors(&self, actors: &[(&str, Range<usize>)]) -> String {
        let mut groups: Vec<(&Range<usize>, Vec<&str>)> = Vec::new();
        for (code, m) in actors {
            match groups.iter_mut().find(|(r, _)| *r == m) {
                Some((_, codes)) if !codes.contains(code) => codes.push(code),
                Some(_) => {}
                None => groups.push((m, vec![code])),
            }
        }
        groups
            .iter()
            .map(|(m, codes)| format!("{} (\"{}\")", codes.join(", "), self.words(m)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One line per step.
    fn step_line(&self, s: &SentenceTrace<'_>, step: &Step<'_>) -> String {
        match step {
            Step::Matched { construction, cue, target, actors, stance, kind, passed_over } => {
                let aim = target.as_ref().map(|t| format!(" → \"{}\"", self.words(t))).unwrap_or_default();
                let aside: Vec<String> = passed_over
                    .iter()
                    .map(|(r, g)| format!("\"{}\" {} ({})", self.words(r), g.name(), g.meaning()))
                    .collect();
                let aside = if aside.is_empty() || actors.is_empty() {
                    String::new()
                } else {
                    format!("; set aside: {}", aside.join("; "))
                };
                let who = if actors.is_empty() {
                    let why: Vec<String> = passed_over
                        .iter()
                        .map(|(r, g)| format!("\"{}\" {} ({})", self.words(r), g.name(), g.meaning()))
                        .collect();
                    let why = match (why.is_empty(), construction.has_subject()) {
                        (false, _) => format!("; passed over: {}", why.join("; ")),
                        (true, true) => {
                            "; no actor named within 20 words before it, and no quotation's speaker".to_string()
                        }
                        (true, false) => "; no actor named right after it".to_string(),
                    };
                    format!("no actor holds it{why}")
                } else {
                    let by = if actors.len() == 1 && s.speaker.as_ref() == Some(&actors[0].1) {
                        " (the quotation's speaker)"
                    } else {
                        ""
                    };
                    format!("held by {}{by}{aside}", self.actors(actors))
                };
                format!(
                    "matched {}: \"{}\"{aim} = {stance} {}; {who}",
                    construction.name(),
                    self.words(cue),
                    kind.as_str()
                )
            }
            Step::Blocked { construction, cue, guard, words } => format!(
                "blocked {} at \"{}\": guard {} on \"{}\" ({})",
                construction.name(),
                self.words(cue),
                guard.name(),
                self.words(words),
                guard.meaning()
            ),
            Step::Incomplete { construction, cue, missing } => {
                format!("no {} at \"{}\": {missing}", construction.name(), self.words(cue))
            }
            Step::Dropped { actor, guard } => format!("dropped {actor}: guard {} ({})", guard.name(), guard.meaning()),
        }
    }
}

/// The trace as text for a reader, one block per sentence.
pub fn render_text(x: &Explanation<'_>, filter: &Filter) -> String {
    let mut out = String::new();
    let shown = x.select(filter);
    if shown.is_empty() {
        let _ = writeln!(
            out,
            "no sentence names an actor together with a cue or a side{}",
            match filter {
                Filter::All => String::new(),
                Filter::Sentence(n) => format!(" as sentence {n}"),
                Filter::Actor(c) => format!(" for {c}"),
            }
        );
    }
    for s in shown {
        let _ = writeln!(out, "sentence {} (bytes {}..{})", s.number, s.range.start, s.range.end);
        let _ = writeln!(out, "  \"{}\"", x.words(&s.range));
        let hits: Vec<String> = s
            .hits
            .iter()
            .map(|h| format!("{} \"{}\" {}", h.role, x.words(&h.range), h.meaning).trim_end().to_string())
            .collect();
        let _ = writeln!(out, "  hits: {}", hits.join(" · "));
        if let Some(sp) = &s.speaker {
            let _ = writeln!(out, "  speaker of the quotation: \"{}\"", x.words(sp));
        }
        for step in &s.steps {
            let _ = writeln!(out, "  {}", x.step_line(s, step));
        }
        if s.steps.is_empty() {
            let _ = writeln!(out, "  no construction: the rules found no act to read here");
        }
        for n in &s.notes {
            let _ = writeln!(out, "  note: {n}");
        }
        for e in &s.events {
            let _ = writeln!(out, "  ⇒ {} {} {} @{}", e.actor, e.stance, e.kind.as_str(), e.date);
        }
        if s.events.is_empty() {
            let _ = writeln!(out, "  ⇒ no event");
        } else if let Some((d, source)) = &s.date {
            let _ = writeln!(out, "  date {d}: from {}", source.describe());
        }
        out.push('\n');
    }
    out
}

/// The trace as JSON, one object per sentence, for tools.
pub fn render_json(x: &Explanation<'_>, filter: &Filter) -> String {
    let range = |r: &Range<usize>| json!([r.start, r.end]);
    let sentences: Vec<serde_json::Value> = x
        .select(filter)
        .into_iter()
        .map(|s| {
            json!({
                "sentence": s.number,
                "span": range(&s.range),
                "text": x.words(&s.range),
                "hits": s.hits.iter().map(|h| json!({
                    "role": h.role, "words": x.words(&h.range), "meaning": h.meaning, "span": range(&h.range),
                })).collect::<Vec<_>>(),
                "speaker": s.speaker.as_ref().map(|r| x.words(r)),
                "steps": s.steps.iter().map(|st| step_json(x, s, st)).collect::<Vec<_>>(),
                "notes": s.notes,
                "events": s.events.iter().map(|e| json!({
                    "actor": e.actor, "stance": e.stance, "kind": e.kind, "date": e.date.to_string(),
                    "mention": x.words(&(e.mention.start..e.mention.end)),
                })).collect::<Vec<_>>(),
                "date": s.date.as_ref().map(|(d, src)| json!({"date": d.to_string(), "source": src.name()})),
            })
        })
        .collect();
    let doc = json!({ "published": x.published.to_string(), "lang": x.lang, "sentences": sentences });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn step_json(x: &Explanation<'_>, s: &SentenceTrace<'_>, step: &Step<'_>) -> serde_json::Value {
    let base = json!({
        "construction": step.construction().map(Construction::name),
        "guard": step.guard().map(|g| g.name()),
        "line": x.step_line(s, step),
    });
    match step {
        Step::Matched { stance, kind, actors, .. } => {
            let mut v = base;
            v["matched"] = json!(true);
            v["stance"] = json!(stance);
            v["kind"] = json!(kind);
            v["actors"] = json!(actors.iter().map(|(a, _)| *a).collect::<Vec<_>>());
            v
        }
        Step::Blocked { words, .. } => {
            let mut v = base;
            v["words"] = json!(x.words(words));
            v
        }
        _ => base,
    }
}
