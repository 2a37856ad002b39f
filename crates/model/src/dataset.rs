//! The dataset file: its serde types, its loading checks and its timeline queries.
//!
//! Schema version 3 (`docs/dataset-schema.md`): every event carries the
//! verifier's [`Confidence`] for its stance, the file names its `threshold`,
//! and the events below it are held back in `unconfirmed`, apart from the
//! `events` that are shown. Version 2 files (no confidence) still load, as
//! unscored datasets.

use crate::{Date, EventKind, Government, Stance, TurningPoint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The `schema` field every dataset file carries.
pub const SCHEMA: &str = "stance-atlas/dataset";
/// Bumped whenever a field changes meaning or a required field is added.
/// 3: events carry a `confidence`, the file a `threshold` and the events
/// below it in `unconfirmed`.
pub const SCHEMA_VERSION: u32 = 3;
/// The oldest version [`Dataset::from_json`] still reads (as unscored).
pub const OLDEST_READABLE_VERSION: u32 = 2;
/// The first field of a deferred dataset written as lines ([`Dataset::to_lines`]).
pub const LINES_HEADER: &str = "stance-atlas/deferred-dataset-lines 3";
/// The `schema` field of an evidence file (see [`EvidenceFile`]).
pub const EVIDENCE_SCHEMA: &str = "stance-atlas/evidence";

/// A half-open byte range `start..end` into an article file, counted from the
/// file's first byte (front matter included).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The zero span `0..0`: the field of a deferred event whose evidence
    /// has not been joined yet (no real quote is empty).
    pub fn is_unset(&self) -> bool {
        self.start == 0 && self.end == 0
    }

    /// Bytes covered.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty range.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Whether `inner` lies within this span.
    pub fn contains(self, inner: Span) -> bool {
        self.start <= inner.start && inner.end <= self.end && inner.start <= inner.end
    }
}

/// The verifier's probability that an event's actor, named at its mention in
/// its sentence (with the sentence before), takes the event's stance: 0 to 1,
/// kept in thousandths. In JSON a number (`0.934`); shown with two decimals
/// (`format!("{c}")` gives `"0.93"`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Confidence(u16);

impl Confidence {
    /// Certainty.
    pub const ONE: Confidence = Confidence(1000);

    /// A probability rounded to thousandths; None when it is not a number
    /// from 0 to 1.
    pub fn from_probability(p: f64) -> Option<Confidence> {
        if !(0.0..=1.0).contains(&p) {
            return None;
        }
        Some(Confidence((p * 1000.0).round() as u16))
    }

    /// From thousandths; None above 1000.
    pub fn from_thousandths(m: u16) -> Option<Confidence> {
        (m <= 1000).then_some(Confidence(m))
    }

    /// In thousandths, 0 to 1000.
    pub fn thousandths(self) -> u16 {
        self.0
    }

    /// As a probability, 0 to 1.
    pub fn get(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

/// Two decimals, rounded half up: `0.934` shows as `0.93`, `1` as `1.00`.
impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundredths = (self.0 + 5) / 10;
        write!(f, "{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

impl Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.get())
    }
}

impl<'de> Deserialize<'de> for Confidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Confidence, D::Error> {
        let p = f64::deserialize(d)?;
        Confidence::from_probability(p)
            .ok_or_else(|| serde::de::Error::custom(format!("confidence {p} is not a probability from 0 to 1")))
    }
}

/// An optional [`Confidence`] as an integer number of thousandths.
mod thousandths {
    use super::Confidence;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(c: &Option<Confidence>, s: S) -> Result<S::Ok, S::Error> {
        match c {
            Some(c) => s.serialize_u16(c.thousandths()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Confidence>, D::Error> {
        let m = u16::deserialize(d)?;
        Confidence::from_thousandths(m)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("confidence of {m} thousandths is above 1000")))
    }
}

/// One news text of the corpus.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the file name without its extension.
    pub id: String,
    /// The file name inside the corpus directory.
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The headline, where known.
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The publication's name, where known.
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where the article was published, where known.
    pub url: Option<String>,
    /// Publication date; the first of the month when only the month is known.
    pub published: Date,
    /// True when no metadata gave the date and it was read off the text.
    #[serde(default)]
    pub published_inferred: bool,
    /// ISO 639-1 language code of the text, e.g. `en` or `es`.
    pub lang: String,
}

/// One dated act of one actor, with its evidence.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Event {
    /// ISO 3166-1 alpha-2 code (`XK` for Kosovo) or an organisation code (`EU`, `OAS`).
    pub actor: String,
    /// The side the act takes.
    pub stance: Stance,
    /// What kind of act it is.
    pub kind: EventKind,
    /// The day of the act (publication day when the text gives none).
    pub date: Date,
    /// True when the text gave no date for the act itself, or the article's
    /// publication date was itself inferred.
    #[serde(default)]
    pub date_inferred: bool,
    /// The verifier's probability for this event's stance at its mention
    /// (schema 3); None in an unscored dataset (the extractor's own output,
    /// a version 2 file). Shown in the panel as "extractor's confidence".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The [`Article::id`] the quote comes from. Like `quote`, `span` and
    /// `mention`, it is left out of a deferred dataset's JSON and comes back
    /// with its [`EvidenceFile`]: what the first render does not need does
    /// not weigh on the first load.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
    /// The full sentence, byte for byte as in the article file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// Where `quote` lies in the article file.
    #[serde(default, skip_serializing_if = "Span::is_unset")]
    pub span: Span,
    /// Where the actor is named, inside `span`.
    #[serde(default, skip_serializing_if = "Span::is_unset")]
    pub mention: Span,
}

/// Where an event's evidence lies: what a deferred dataset leaves to its
/// [`EvidenceFile`] beside the quote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// [`Event::article`].
    pub article: String,
    /// [`Event::span`].
    pub span: Span,
    /// [`Event::mention`].
    pub mention: Span,
    /// [`Event::confidence`]: shown beside the quote, so it travels with it
    /// rather than in the embedded part, which colors the map without it.
    /// In thousandths, an integer: the app then reads the file without a
    /// float parser (6 KB gzipped of wasm, measured).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "confidence_thousandths", with = "thousandths")]
    pub confidence: Option<Confidence>,
}

impl Event {
    /// The mention as a range into [`Event::quote`], for highlighting.
    pub fn mention_in_quote(&self) -> Option<std::ops::Range<usize>> {
        if !self.span.contains(self.mention) {
            return None;
        }
        let r = self.mention.start - self.span.start..self.mention.end - self.span.start;
        self.quote.get(r.clone()).map(|_| r)
    }
}

/// Everything the app shows: articles and their events, indexed by actor.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Dataset {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Always [`SCHEMA_VERSION`] for files this build reads.
    pub version: u32,
    /// The tool and version that wrote the file.
    pub generated_by: String,
    /// The confidence an event needs to be shown (`data/model/confirm.toml`,
    /// chosen on the dev split); None in an unscored dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Confidence>,
    /// The articles, by id (empty when the evidence is deferred).
    pub articles: Vec<Article>,
    /// The events shown, in canonical order: with a `threshold`, only those
    /// whose confidence reaches it. Everything the app and its exports show
    /// comes from here.
    pub events: Vec<Event>,
    /// The events the verifier did not confirm (confidence below
    /// `threshold`), in canonical order: kept for review and evaluation,
    /// never shown, never indexed, and left out of a deferred dataset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<Event>,
    /// True when the quotes and articles were left out, to be joined later
    /// from an [`EvidenceFile`] ([`Dataset::with_evidence`]): every quote is
    /// then empty and `articles` is empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub evidence_deferred: bool,
    /// The terms of each country's governments, by actor then start date
    /// (from `data/gazetteer/governments.csv`).
    #[serde(default)]
    pub governments: Vec<Government>,
    /// The crisis's turning points, oldest first (from
    /// `data/gazetteer/turning_points.csv`).
    #[serde(default)]
    pub turning_points: Vec<TurningPoint>,
    /// Positions into `events` by actor, oldest first; rebuilt on load.
    #[serde(skip)]
    pub(crate) by_actor: BTreeMap<String, Vec<usize>>,
    /// The range of `governments` of each actor; rebuilt on load.
    #[serde(skip)]
    terms: BTreeMap<String, std::ops::Range<usize>>,
}

/// The quotes and articles of a dataset, kept in a file of their own so that
/// the map can draw before they arrive ([`Dataset::without_evidence`]).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// Always [`EVIDENCE_SCHEMA`].
    pub schema: String,
    /// The dataset schema version it belongs to.
    pub version: u32,
    /// The articles, by id.
    pub articles: Vec<Article>,
    /// One quote per event, in the dataset's event order.
    pub quotes: Vec<String>,
    /// One article and pair of spans per event, in the same order.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

impl EvidenceFile {
    /// Compact JSON, stable across runs.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an evidence file always serialises")
    }

    /// `evidence-XXXXXXXX.json`, named by a hash of its content (FNV-1a), so a
    /// browser never pairs a new build with a cached old file.
    pub fn file_name(&self) -> String {
        let hash = self.to_json().bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        format!("evidence-{hash:08x}.json")
    }
}

/// Why a dataset could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or not of the dataset's shape.
    Json(String),
    /// Another schema, or another version of this one.
    Schema {
        /// The schema the file names.
        found: String,
        /// The version the file names.
        version: u32,
    },
    /// References or spans that do not hold together.
    Inconsistent(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json(e) => write!(f, "the dataset is not valid JSON: {e}"),
            LoadError::Schema { found, version } => write!(
                f,
                "the dataset has schema {found:?} version {version}; this build reads {SCHEMA:?} versions \
                 {OLDEST_READABLE_VERSION} to {SCHEMA_VERSION}"
            ),
            LoadError::Inconsistent(e) => write!(f, "the dataset is inconsistent: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl Dataset {
    /// Builds a dataset in canonical order (by actor, then date, then the
    /// heavier act first, then article and position), so files diff cleanly.
    pub fn new(
        generated_by: impl Into<String>,
        articles: Vec<Article>,
        mut events: Vec<Event>,
        governments: Vec<Government>,
    ) -> Dataset {
        canonical(&mut events);
        Dataset::in_order(generated_by, articles, events, governments)
    }

    /// The dataset scored and split at `threshold`: events whose confidence
    /// reaches it are shown (`events`), the others held back
    /// (`unconfirmed`), both in canonical order. Every event, shown or held
    /// back, must carry a confidence; the error names the first that does
    /// not. Applying another threshold to a split dataset re-splits it.
    pub fn confirmed_at(mut self, threshold: Confidence) -> Result<Dataset, LoadError> {
        if self.evidence_deferred {
            return Err(LoadError::Inconsistent("a deferred dataset cannot be split by confidence".into()));
        }
        let mut all = std::mem::take(&mut self.events);
        all.append(&mut self.unconfirmed);
        if let Some(e) = all.iter().find(|e| e.confidence.is_none()) {
            return Err(LoadError::Inconsistent(format!(
                "event of {} in {} has no confidence to compare with the threshold",
                e.actor, e.article
            )));
        }
        let (mut shown, mut held): (Vec<Event>, Vec<Event>) =
            all.into_iter().partition(|e| e.confidence.is_some_and(|c| c >= threshold));
        canonical(&mut shown);
        canonical(&mut held);
        self.events = shown;
        self.unconfirmed = held;
        self.threshold = Some(threshold);
        self.reindex();
        Ok(self)
    }

    /// Every event, shown then held back: the extractor's whole output, for
    /// review and evaluation. The map, the panel and the exports use
    /// `events` (or the queries built on it) only.
    pub fn all_events(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().chain(&self.unconfirmed)
    }

    /// True when the events were scored and split at a threshold.
    pub fn is_confirmed(&self) -> bool {
        self.threshold.is_some()
    }

    /// A dataset whose events are already in canonical order and distinct:
    /// a deferred dataset's events lack the article and spans that order
    /// and tell them apart, and must keep the order of their evidence file.
    /// Articles and governments are put in order here.
    fn in_order(
        generated_by: impl Into<String>,
        mut articles: Vec<Article>,
        events: Vec<Event>,
        mut governments: Vec<Government>,
    ) -> Dataset {
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        governments.sort_by(|a, b| (&a.actor, a.from).cmp(&(&b.actor, b.from)));
        let mut dataset = Dataset {
            schema: SCHEMA.to_string(),
            version: SCHEMA_VERSION,
            generated_by: generated_by.into(),
            threshold: None,
            articles,
            events,
            unconfirmed: Vec::new(),
            evidence_deferred: false,
            governments,
            turning_points: Vec::new(),
            by_actor: BTreeMap::new(),
            terms: BTreeMap::new(),
        };
        dataset.reindex();
        dataset
    }

    /// Reads a dataset file, checking its schema, its internal references
    /// and its split by confidence. A version 2 file reads as an unscored
    /// dataset (no confidence, no threshold).
    pub fn from_json(json: &str) -> Result<Dataset, LoadError> {
        let raw: Dataset = serde_json::from_str(json).map_err(|e| LoadError::Json(e.to_string()))?;
        Dataset::load(raw)
    }

    /// Checks a dataset as read (its schema, references and split by
    /// confidence) and puts it in order.
    fn load(mut raw: Dataset) -> Result<Dataset, LoadError> {
        if raw.schema != SCHEMA || !(OLDEST_READABLE_VERSION..=SCHEMA_VERSION).contains(&raw.version) {
            return Err(LoadError::Schema { found: raw.schema, version: raw.version });
        }
        if raw.version < 3
            && (raw.threshold.is_some()
                || raw.all_events().any(|e| e.confidence.is_some())
                || !raw.unconfirmed.is_empty())
        {
            return Err(LoadError::Inconsistent(format!(
                "a version {} file carries no confidence, threshold or unconfirmed events; these are version 3's",
                raw.version
            )));
        }
        raw.check()?;
        let mut unconfirmed = std::mem::take(&mut raw.unconfirmed);
        let mut dataset = if raw.evidence_deferred {
            Dataset::in_order(raw.generated_by, raw.articles, raw.events, raw.governments)
        } else {
            Dataset::new(raw.generated_by, raw.articles, raw.events, raw.governments)
        };
        canonical(&mut unconfirmed);
        dataset.unconfirmed = unconfirmed;
        dataset.threshold = raw.threshold;
        dataset.evidence_deferred = raw.evidence_deferred;
        dataset.set_turning_points(raw.turning_points);
        crate::government::check(&dataset.governments).map_err(LoadError::Inconsistent)?;
        Ok(dataset)
    }

    /// The dataset without its quotes and articles, and those in a file of
    /// their own: what the map needs first, and what the panel needs later.
    pub fn without_evidence(&self) -> (Dataset, EvidenceFile) {
        let mut slim = self.clone();
        let quotes = slim.events.iter_mut().map(|e| std::mem::take(&mut e.quote)).collect();
        let provenance = slim
            .events
            .iter_mut()
            .map(|e| Provenance {
                article: std::mem::take(&mut e.article),
                span: std::mem::take(&mut e.span),
                mention: std::mem::take(&mut e.mention),
                confidence: e.confidence.take(),
            })
            .collect();
        let articles = std::mem::take(&mut slim.articles);
        slim.unconfirmed.clear();
        slim.evidence_deferred = true;
        let file =
            EvidenceFile { schema: EVIDENCE_SCHEMA.into(), version: SCHEMA_VERSION, articles, quotes, provenance };
        (slim, file)
    }

    /// Joins a deferred dataset with its evidence file, checking that they
    /// belong together (one quote per event, each as long as its span).
    pub fn with_evidence(&self, file: EvidenceFile) -> Result<Dataset, LoadError> {
        if file.schema != EVIDENCE_SCHEMA || file.version != SCHEMA_VERSION {
            return Err(LoadError::Schema { found: file.schema, version: file.version });
        }
        if !self.evidence_deferred
            || file.quotes.len() != self.events.len()
            || file.provenance.len() != self.events.len()
        {
            return Err(LoadError::Inconsistent(format!(
                "the evidence file has {} quotes and {} provenances for {} events",
                file.quotes.len(),
                file.provenance.len(),
                self.events.len()
            )));
        }
        let mut full = self.clone();
        for ((e, q), p) in full.events.iter_mut().zip(file.quotes).zip(file.provenance) {
            e.quote = q;
            e.article = p.article;
            e.span = p.span;
            e.mention = p.mention;
            e.confidence = p.confidence;
        }
        full.articles = file.articles;
        full.articles.sort_by(|a, b| a.id.cmp(&b.id));
        full.evidence_deferred = false;
        full.check()?;
        Ok(full)
    }

    /// Checks what the type system cannot: every event names a known article,
    /// its quote is as long as its span, and its mention lies inside the quote.
    /// A deferred dataset has no quotes or articles to check yet; its
    /// mentions must still lie inside their spans.
    /// With a threshold, every shown event reaches it and every held-back one
    /// does not; without one, nothing is held back.
    pub fn check(&self) -> Result<(), LoadError> {
        self.check_split()?;
        let ids: std::collections::BTreeSet<&str> = self.articles.iter().map(|a| a.id.as_str()).collect();
        for e in self.all_events() {
            let at = || format!("event of {} in {}", e.actor, e.article);
            if self.evidence_deferred {
                if !e.quote.is_empty() || !e.span.contains(e.mention) {
                    return Err(LoadError::Inconsistent(format!("{}: mention outside its span", at())));
                }
                continue;
            }
            if !ids.contains(e.article.as_str()) {
                return Err(LoadError::Inconsistent(format!("{} names an unknown article", at())));
            }
            if e.quote.len() != e.span.len() || e.span.end < e.span.start {
                return Err(LoadError::Inconsistent(format!("{}: quote length does not match its span", at())));
            }
            if e.mention_in_quote().is_none() {
                return Err(LoadError::Inconsistent(format!("{}: mention is outside its quote", at())));
            }
            if e.actor.is_empty() || !e.actor.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(LoadError::Inconsistent(format!("{}: actor code is not uppercase letters", at())));
            }
        }
        Ok(())
    }

    fn check_split(&self) -> Result<(), LoadError> {
        let bad = |e: &Event, what: String| {
            Err(LoadError::Inconsistent(format!("event of {} in {}: {what}", e.actor, e.article)))
        };
        let Some(t) = self.threshold else {
            if let Some(e) = self.unconfirmed.first() {
                return bad(e, "held back as unconfirmed, but the dataset names no threshold".into());
            }
            return Ok(());
        };
        if self.evidence_deferred {
            // The confidences travel in the evidence file; the joined
            // dataset is checked again, with them.
            if !self.unconfirmed.is_empty() {
                return Err(LoadError::Inconsistent("a deferred dataset holds no unconfirmed events".into()));
            }
            return Ok(());
        }
        for e in &self.events {
            match e.confidence {
                None => return bad(e, format!("shown without a confidence, under threshold {t}")),
                Some(c) if c < t => return bad(e, format!("shown with confidence {c}, below the threshold {t}")),
                Some(_) => {}
            }
        }
        for e in &self.unconfirmed {
            match e.confidence {
                None => return bad(e, "held back without a confidence".into()),
                Some(c) if c >= t => {
                    return bad(e, format!("held back with confidence {c}, at or above the threshold {t}"))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn reindex(&mut self) {
        self.by_actor.clear();
        for (i, e) in self.events.iter().enumerate() {
            self.by_actor.entry(e.actor.clone()).or_default().push(i);
        }
        self.terms.clear();
        for (i, g) in self.governments.iter().enumerate() {
            self.terms.entry(g.actor.clone()).or_insert(i..i).end = i + 1;
        }
    }

    /// Sets the crisis's turning points (kept oldest first).
    pub fn set_turning_points(&mut self, mut points: Vec<TurningPoint>) {
        points.sort_by_key(|p| p.date);
        self.turning_points = points;
    }

    /// The terms of `actor`'s governments, oldest first; empty where none are known.
    pub fn governments_of(&self, actor: &str) -> &[Government] {
        self.terms.get(actor).map_or(&[], |r| &self.governments[r.clone()])
    }

    /// Every event of `actor`, oldest first (heavier acts first within a day).
    pub fn history<'a>(&'a self, actor: &str) -> impl DoubleEndedIterator<Item = &'a Event> + 'a {
        self.by_actor.get(actor).into_iter().flatten().map(|&i| &self.events[i])
    }

    /// Actors with at least one event, in code order.
    pub fn actors(&self) -> impl Iterator<Item = &str> {
        self.by_actor.keys().map(String::as_str)
    }

    /// The distinct days on which some event happens, in order.
    pub fn event_dates(&self) -> Vec<Date> {
        let mut dates: Vec<Date> = self.events.iter().map(|e| e.date).collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.binary_search_by(|a| a.id.as_str().cmp(id)).ok().map(|i| &self.articles[i])
    }

    /// A deferred dataset ([`Dataset::without_evidence`]) as lines of
    /// tab-separated fields, the form the app embeds: smaller than its JSON
    /// and read without serde's generated code. The first line is
    /// [`LINES_HEADER`] and the tool that wrote the data; then the threshold
    /// if there is one (`h`, in thousandths); then one line per event (`e`,
    /// actor, stance, kind, date, `1` if the date was inferred else `0`, the
    /// confidence in thousandths or nothing), per government term (`g`,
    /// actor, head, role, from, to or nothing) and per turning point (`t`,
    /// date, name), each in the dataset's order. Held-back events are not
    /// written: they are never shown. Fails on a dataset with evidence, or with a tab or a
    /// line break inside a field.
    pub fn to_lines(&self) -> Result<String, LoadError> {
        if !self.evidence_deferred || !self.articles.is_empty() {
            return Err(LoadError::Inconsistent("only a dataset without its evidence is written as lines".into()));
        }
        let mut out = String::with_capacity(64 * (self.events.len() + self.governments.len()));
        let mut line = |fields: &[&str]| -> Result<(), LoadError> {
            if let Some(f) = fields.iter().find(|f| f.contains(['\t', '\n', '\r'])) {
                return Err(LoadError::Inconsistent(format!("a field holds a tab or a line break: {f}")));
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
            Ok(())
        };
        line(&[LINES_HEADER, &self.generated_by])?;
        if let Some(t) = self.threshold {
            line(&["h", &t.thousandths().to_string()])?;
        }
        for e in &self.events {
            let date = e.date.to_string();
            let inferred = if e.date_inferred { "1" } else { "0" };
            let confidence = e.confidence.map(|c| c.thousandths().to_string()).unwrap_or_default();
            line(&["e", &e.actor, e.stance.as_str(), e.kind.as_str(), &date, inferred, &confidence])?;
        }
        for g in &self.governments {
            let (from, to) = (g.from.to_string(), g.to.map(|d| d.to_string()).unwrap_or_default());
            line(&["g", &g.actor, &g.head, &g.role, &from, &to])?;
        }
        for t in &self.turning_points {
            line(&["t", &t.date.to_string(), &t.name])?;
        }
        Ok(out)
    }

    /// Reads what [`Dataset::to_lines`] writes, with the checks of
    /// [`Dataset::from_json`].
    pub fn from_lines(text: &str) -> Result<Dataset, LoadError> {
        let mut lines = text.lines().enumerate();
        let generated_by = match lines.next().and_then(|(_, l)| l.split_once('\t')) {
            Some((LINES_HEADER, by)) => by.to_string(),
            _ => return Err(LoadError::Json(format!("the first line is not \"{LINES_HEADER}\" and a tool's name"))),
        };
        let (mut events, mut governments, mut turning_points) = (Vec::new(), Vec::new(), Vec::new());
        let mut threshold = None;
        for (i, line) in lines {
            let bad = || LoadError::Json(format!("line {} cannot be read: {line}", i + 1));
            let date = |s: &str| s.parse::<Date>().map_err(|_| bad());
            let f: Vec<&str> = line.split('\t').collect();
            // A confidence in thousandths, or empty for an unscored event.
            let confidence = |s: &str| -> Result<Option<Confidence>, LoadError> {
                if s.is_empty() {
                    return Ok(None);
                }
                s.parse::<u16>().ok().and_then(Confidence::from_thousandths).map(Some).ok_or_else(bad)
            };
            match f[..] {
                ["h", t] => threshold = Some(confidence(t)?.ok_or_else(bad)?),
                ["e", actor, stance, kind, day, inferred @ ("0" | "1"), c] => events.push(Event {
                    actor: actor.to_string(),
                    stance: Stance::parse(stance).ok_or_else(bad)?,
                    kind: EventKind::parse(kind).ok_or_else(bad)?,
                    date: date(day)?,
                    date_inferred: inferred == "1",
                    article: String::new(),
                    quote: String::new(),
                    span: Span::default(),
                    mention: Span::default(),
                    confidence: confidence(c)?,
                }),
                ["g", actor, head, role, from, to] => governments.push(Government {
                    actor: actor.to_string(),
                    head: head.to_string(),
                    role: role.to_string(),
                    from: date(from)?,
                    to: if to.is_empty() { None } else { Some(date(to)?) },
                }),
                ["t", day, name] => turning_points.push(TurningPoint { date: date(day)?, name: name.to_string() }),
                _ => return Err(bad()),
            }
        }
        Dataset::load(Dataset {
            schema: SCHEMA.to_string(),
            version: SCHEMA_VERSION,
            generated_by,
            threshold,
            articles: Vec::new(),
            events,
            unconfirmed: Vec::new(),
            evidence_deferred: true,
            governments,
            turning_points,
            by_actor: BTreeMap::new(),
            terms: BTreeMap::new(),
        })
    }

    /// Pretty JSON with a trailing newline, stable across runs.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a dataset always serialises");
        s.push('\n');
        s
    }
}

/// Sorts events in canonical order (by actor, then date, then the heavier act
/// first, then article and position) and drops repeats of one act.
fn canonical(events: &mut Vec<Event>) {
    events.sort_by(|a, b| {
        (&a.actor, a.date, std::cmp::Reverse(a.kind.weight()), &a.article, a.span, a.mention).cmp(&(
            &b.actor,
            b.date,
            std::cmp::Reverse(b.kind.weight()),
            &b.article,
            b.span,
            b.mention,
        ))
    });
    events.dedup_by(|a, b| a.actor == b.actor && a.article == b.article && a.span == b.span && a.stance == b.stance);
}
