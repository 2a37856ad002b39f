//! The Stance Atlas extractor: **lexicon**, **sentences** and **rules**.
//!
//! * The [`lexicon`] compiles reviewed data files (the gazetteer of actors and
//!   one lexicon per language) into one automaton that finds every known
//!   phrase of an article in a single pass.
//! * The [`text`] module cuts the article into sentences and quotations, as
//!   byte ranges of the original file, and [`dates`] reads publication and
//!   event dates.
//! * The [`rules`] turn each sentence's phrases into stance events, and
//!   [`Extractor::extract`] ties them to the article with the sentence as a
//!   byte-exact quote.
//!
//! [`corpus`] runs this over files and directories, in parallel, reporting
//! every unusable file by name without losing the others.

#![warn(missing_docs)]

pub mod article;
pub mod corpus;
pub mod dates;
pub mod explain;
pub mod lexicon;
pub mod rules;
pub mod text;
pub mod trie;

use article::{check_bytes, prepare, ArticleError, Problem};
use atlas_model::{Article, Event, Span};
use lexicon::{Hit, Lexicon, LexiconError, Tag};

pub use corpus::{run, Options, Report};

/// The tool's name and version, written into every dataset.
pub const GENERATED_BY: &str = concat!("atlas-extract ", env!("CARGO_PKG_VERSION"));

/// An article with the events read from it.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The article's record, as the dataset holds it.
    pub article: Article,
    /// The stance events read from it, sentence by sentence.
    pub events: Vec<Event>,
    /// Problems that did not stop it being read.
    pub warnings: Vec<String>,
    /// The work its reading took, in the units of [`WORK_PER_BYTE`].
    pub work: u64,
}

/// Each article may take this much work per byte of its file (plus
/// [`WORK_BASE`]): bytes read, hits visited and words counted by the
/// sentence splitter, the dates and the rules. Every step is linear in the
/// text: the corpus's articles take under one unit a byte, and the
/// hostile-input tests' worst constructions (runs of periods, thousands of
/// cues in one sentence) under five, so only a bug or an input built to
/// find one reaches the budget. Such an article is reported as too complex
/// and skipped, so that no file can stall a run.
pub const WORK_PER_BYTE: u64 = 64;
/// The work any article may take, however short.
pub const WORK_BASE: u64 = 1 << 20;

/// Reads articles with one compiled lexicon; cheap to share between threads.
pub struct Extractor {
    lex: Lexicon,
    governments: Vec<atlas_model::Government>,
    turning_points: Vec<atlas_model::TurningPoint>,
    /// The dates articles and events may have (none: any).
    dates: Option<article::DateRange>,
    /// The work an article may take: per byte, and in any case.
    work_per_byte: u64,
    work_base: u64,
}

impl Extractor {
    /// An extractor with the lexicon built into the binary.
    pub fn new() -> Result<Extractor, LexiconError> {
        let governments = lexicon::governments(lexicon::builtin::GOVERNMENTS)?;
        let turning_points = lexicon::turning_points(lexicon::builtin::TURNING_POINTS)?;
        let dates = article::DateRange::builtin().map_err(LexiconError)?;
        Ok(Extractor {
            dates: Some(dates),
            governments,
            turning_points,
            ..Extractor::with_lexicon(Lexicon::builtin()?)
        })
    }

    /// An extractor with another lexicon and no government terms.
    pub fn with_lexicon(lex: Lexicon) -> Extractor {
        Extractor {
            lex,
            governments: Vec::new(),
            turning_points: Vec::new(),
            dates: None,
            work_per_byte: WORK_PER_BYTE,
            work_base: WORK_BASE,
        }
    }

    /// The government terms the dataset carries (`governments.csv`).
    pub fn governments(&self) -> &[atlas_model::Government] {
        &self.governments
    }

    /// The turning points the dataset carries (`turning_points.csv`).
    pub fn turning_points(&self) -> &[atlas_model::TurningPoint] {
        &self.turning_points
    }

    /// The same extractor with another work budget (see [`WORK_PER_BYTE`]).
    pub fn with_budget(mut self, per_byte: u64, base: u64) -> Extractor {
        self.work_per_byte = per_byte;
        self.work_base = base;
        self
    }

    /// The compiled lexicon it reads with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Reads one article. `file` is its name (used as the article's file and,
    /// without extension, its id); `sidecar` the text of its `.meta` file.
    pub fn extract(&self, file: &str, bytes: &[u8], sidecar: Option<&str>) -> Result<Extracted, ArticleError> {
        self.read(file, bytes, sidecar, &mut explain::Tracer::off())
    }

    /// Reads one article as [`Extractor::extract`] does, and tells why it
    /// gave what it gave, sentence by sentence (see [`explain`]).
    pub fn explain(
        &self,
        file: &str,
        bytes: &[u8],
        sidecar: Option<&str>,
    ) -> Result<explain::Explanation<'_>, ArticleError> {
        let mut tracer = explain::Tracer::on(&self.lex);
        let x = self.read(file, bytes, sidecar, &mut tracer)?;
        let text = String::from_utf8_lossy(bytes);
        Ok(tracer.finish(&text, x.article.published, &x.article.lang, &x.events))
    }

    /// [`Extractor::extract`], recording its decisions in `tracer` when it is on.
    fn read<'l>(
        &'l self,
        file: &str,
        bytes: &[u8],
        sidecar: Option<&str>,
        tracer: &mut explain::Tracer<'l>,
    ) -> Result<Extracted, ArticleError> {
        let text = check_bytes(file, bytes)?;
        let prep = prepare(file, text, sidecar, &self.lex, self.dates.as_ref())?;
        let mut warnings = prep.warnings.clone();
        let work = std::cell::Cell::new(text.len() as u64 / 8);
        let budget = self.work_base.saturating_add(self.work_per_byte.saturating_mul(text.len() as u64));
        let id = article::article_id(std::path::Path::new(file));
        // Month and weekday names only tell which sentences may hold a date;
        // kept apart, they never stand between a cue and its target.
        let mut hits = self.lex.scan(text);
        let mut calendar_names: Vec<usize> = Vec::new();
        hits.retain(|h| {
            let calendar = h.tags().iter().all(|t| *t == Tag::CalendarName);
            if calendar && h.start >= prep.body_start {
                calendar_names.push(h.start);
            }
            h.start >= prep.body_start && !calendar
        });
        let body = &text[prep.body_start..];
        let mut split_work = 0;
        let sentences: Vec<std::ops::Range<usize>> = text::sentences_counted(body, &mut split_work)
            .into_iter()
            .map(|r| r.start + prep.body_start..r.end + prep.body_start)
            .collect();
        work.set(work.get() + split_work);
        let too_complex = || ArticleError {
            file: file.to_string(),
            problem: Problem::TooComplex { sentences: sentences.len(), bytes: text.len() },
        };
        let quotes: Vec<(std::ops::Range<usize>, Option<usize>)> = text::quotations(body)
            .into_iter()
            .map(|q| q.start + prep.body_start..q.end + prep.body_start)
            .map(|q| {
                let speaker =
                    self.speaker_after(text, &hits, q.end).or_else(|| self.speaker_before(text, &hits, q.start));
                (q, speaker)
            })
            .collect();
        let quote_ranges: Vec<std::ops::Range<usize>> = quotes.iter().map(|(q, _)| q.clone()).collect();

        let date_ctx = dates::DateContext {
            published: prep.published,
            precision: prep.precision,
            calendars: &self.lex.calendars,
            foreign_markers: &self.lex.foreign_date_markers,
            future_markers: &self.lex.future_markers,
        };
        let mut events = Vec::new();
        // The latest sentence that yielded events: its index, its date and
        // the range of `events` it added, for a sentence that joins its act.
        let mut last_act: Option<(usize, atlas_model::Date, std::ops::Range<usize>)> = None;
        // Groups whose statement the article says who signed ("En la
        // comunicación, suscrita por A, B y C, el Grupo de Lima asegura"),
        // with the signatories.
        let mut signed: Vec<(Tag, Vec<&str>)> = Vec::new();
        // Signatories of "this statement" whose act no sentence before
        // told: the first act of an organisation (the statement's issuer)
        // within the next eight sentences (an embedded post's lines count).
        let mut ahead: Option<(usize, rules::Mentions<'_>)> = None;
        for (si, s) in sentences.iter().enumerate() {
            if work.get() > budget {
                return Err(too_complex());
            }
            let lo = hits.partition_point(|h| h.start < s.start);
            let hi = hits.partition_point(|h| h.start < s.end);
            let sentence_hits = &hits[lo..hi];
            // Quotations start in order and never overlap, so those that
            // overlap the sentence are one run of them.
            let first = quote_ranges.partition_point(|q| q.end <= s.start);
            let last = quote_ranges.partition_point(|q| q.start < s.end).max(first);
            let speaker = quotes[first..last].first().and_then(|(_, sp)| sp.map(|k| &hits[k]));
            tracer.begin(si, s.clone(), sentence_hits, speaker, prep.published, &events);
            // "It was signed by A, B and C", "Portugal followed suit": a
            // sentence that joins an act may tell none of its own.
            let joining = rules::joins(sentence_hits);
            let may_yield = rules::may_yield(sentence_hits, speaker.is_some());
            // "Y exigieron ...": no subject, going on with the one before.
            let continuing = si > 0
                && speaker.is_none()
                && text::words_borrowed(&text[s.clone()]).next().is_some_and(|w| self.lex.continuations.contains(&*w))
                && rules::may_yield(sentence_hits, true);
            if let Some(group) = sentence_hits.iter().find_map(|h| h.actor().filter(|t| matches!(t, Tag::Group(_)))) {
                if joining {
                    let quiet = rules::Sentence {
                        text: &text[s.clone()],
                        range: s.clone(),
                        hits: sentence_hits,
                        date: prep.published,
                        speaker: None,
                        lang: &prep.lang,
                        quotes: &[],
                    };
                    if let Some((rules::Join::Signatories, actors)) = rules::joiners(&self.lex, &quiet) {
                        signed.push((group, actors.into_iter().map(|(a, _)| a).collect()));
                    }
                }
            }
            if !may_yield && !joining && !continuing {
                continue;
            }
            let sentence_text = &text[s.clone()];
            // Office-holders and groups are resolved at the sentence's date,
            // so it is read before the rules run, but only for sentences
            // that name a dated actor; the rest get it once they yield events.
            // Every date expression holds a digit or a month or weekday
            // name, so a sentence with neither is not read for one.
            let has_date = sentence_text.bytes().any(|b| b.is_ascii_digit())
                || calendar_names.get(calendar_names.partition_point(|&at| at < s.start)).is_some_and(|&at| at < s.end);
            let read_date = || {
                if !has_date {
                    return Default::default();
                }
                work.set(work.get() + sentence_text.len() as u64 / 8 + 1);
                dates::read_date(sentence_text, &date_ctx)
            };
            let sentence_quotes = &quote_ranges[first..last];
            let dated_actor = sentence_hits.iter().any(|h| matches!(h.actor(), Some(Tag::Person(_) | Tag::Group(_))))
                || quotes[first..last].iter().any(|(_, sp)| sp.is_some());
            let mut reading = if dated_actor { read_date() } else { dates::DateReading::default() };
            let mut date = reading.date.unwrap_or(prep.published);
            let sentence = rules::Sentence {
                text: sentence_text,
                range: s.clone(),
                hits: sentence_hits,
                date,
                speaker,
                lang: &prep.lang,
                quotes: sentence_quotes,
            };
            let findings = if !may_yield {
                Vec::new()
            } else if tracer.is_on() {
                let (findings, steps) = rules::classify_traced(&self.lex, &sentence);
                tracer.steps(si, steps);
                findings
            } else {
                rules::classify_counted(&self.lex, &sentence, &work, budget)
            };
            if !findings.is_empty() && !dated_actor {
                reading = read_date();
                date = reading.date.unwrap_or(prep.published);
            }
            let mut source =
                if reading.date.is_some() { explain::DateSource::Own } else { explain::DateSource::Publication };
            // "tras las elecciones", "since the inauguration": an act set
            // after an event the publication date tells is dated by it.
            if !findings.is_empty() && reading.date.is_none() {
                let anchored =
                    dates::anchored_date(sentence_text, prep.published, &self.lex.anchor_markers, &self.lex.anchors);
                if let Some(d) = anchored {
                    reading.date = Some(d);
                    date = d;
                    source = explain::DateSource::Anchored;
                }
            }
            if findings.is_empty() && (joining || continuing) {
                let cx = JoinCx { text, hits: &hits, sentences: &sentences, date_ctx: &date_ctx, prep: &prep, id: &id };
                let quiet = rules::Sentence { speaker: None, range: s.clone(), ..sentence };
                let joined = match rules::joiners(&self.lex, &quiet).filter(|_| joining) {
                    Some((join, actors)) => {
                        let joined = self.join(&cx, si, join, &actors, last_act.clone(), &mut events);
                        if joined.is_none()
                            && join == rules::Join::Signatories
                            && self.this_statement(sentence_text, &prep.lang)
                        {
                            ahead = Some((si, actors));
                        }
                        joined
                    }
                    None if continuing => self.go_on(&cx, si, &quiet, &mut events),
                    None => None,
                };
                if let Some(range) = joined {
                    if tracer.is_on() {
                        let act_date = events.get(range.start).map_or(date, |e| e.date);
                        tracer.note(si, || "it joins an act told without its actors (signatories, \"followed suit\", or a sentence going on with the one before)".to_string());
                        tracer.date(si, act_date, explain::DateSource::Joined);
                    }
                    last_act = Some((si, date, range));
                }
                continue;
            }
            let explicit = reading.date;
            // A date out of range is a mistake in the text, not the act's.
            let out_of_range = self.dates.filter(|r| explicit.is_some_and(|d| !r.contains(d)));
            if let (Some(range), Some(d)) = (out_of_range, explicit.filter(|_| !findings.is_empty())) {
                warnings.push(format!(
                    "the date {d} read at byte {} lies outside {range}; its events are not used",
                    s.start
                ));
                tracer.note(si, || format!("the date {d} lies outside {range}: its events are not used"));
                continue;
            }
            // An act the sentence does not date, told as history ("early
            // that year", or next to a month long gone), is not dated on
            // publication: that would color the country on the wrong day.
            let history = reading.history || sentence_hits.iter().any(|h| h.has(Tag::History));
            let first_event = events.len();
            if explicit.is_none() && history && !findings.is_empty() {
                tracer.note(si, || {
                    "told as history without a date of its own: its acts cannot be dated on publication, so they are not used".to_string()
                });
            }
            for f in findings {
                if explicit.is_none() && history {
                    continue;
                }
                // A speaker named after a multi-sentence quotation extends the
                // quote to the sentence that names them, so the mention
                // always lies inside the quote.
                let mut span = s.clone();
                if f.mention.end > span.end {
                    // Sentences are in order and never overlap: only the
                    // one that holds the mention's start can hold it all.
                    let holder = sentences.get(sentences.partition_point(|r| r.end <= f.mention.start));
                    if let Some(last) = holder.filter(|r| r.start <= f.mention.start && f.mention.end <= r.end) {
                        span.end = last.end;
                    }
                }
                if f.mention.start < span.start || f.mention.end > span.end {
                    continue;
                }
                let event = Event {
                    actor: f.actor.to_string(),
                    stance: f.stance,
                    kind: f.kind,
                    date,
                    date_inferred: explicit.is_none() || prep.published_inferred,
                    confidence: None,
                    article: id.clone(),
                    quote: text[span.clone()].to_string(),
                    span: Span { start: span.start, end: span.end },
                    mention: Span { start: f.mention.start, end: f.mention.end },
                };
                debug_assert_eq!(&text.as_bytes()[event.span.start..event.span.end], event.quote.as_bytes());
                events.push(event);
            }
            if events.len() > first_event {
                tracer.date(si, date, source);
                last_act = Some((si, date, first_event..events.len()));
                let issuer = events[first_event..].iter().all(|e| {
                    let h = hits.iter().find(|h| h.start == e.mention.start);
                    h.is_some_and(|h| matches!(h.actor(), Some(Tag::Organisation(_))))
                });
                if ahead.as_ref().is_some_and(|(sj, _)| si - sj > 8) {
                    ahead = None;
                }
                if let Some((sj, actors)) = ahead.take_if(|_| issuer) {
                    let act = one_side(events[first_event..].iter().map(|e| (e.stance, e.kind)));
                    let span = sentences[sj].start..s.end;
                    for (actor, mention) in actors.into_iter().filter(|_| act.is_some()) {
                        let Some((stance, kind)) = act else { break };
                        if events[first_event..].iter().any(|e| e.actor == actor) {
                            continue;
                        }
                        events.push(Event {
                            actor: actor.to_string(),
                            stance,
                            kind,
                            date,
                            date_inferred: explicit.is_none() || prep.published_inferred,
                            confidence: None,
                            article: id.clone(),
                            quote: text[span.clone()].to_string(),
                            span: Span { start: span.start, end: span.end },
                            mention: Span { start: mention.start, end: mention.end },
                        });
                    }
                }
            }
        }
        // A group's act read as its members on that date is its
        // signatories' when the article names them.
        if !signed.is_empty() {
            events.retain(|e| {
                let group = hits.iter().find(|h| h.start == e.mention.start).and_then(|h| h.actor());
                !signed.iter().any(|(g, actors)| Some(*g) == group && !actors.contains(&e.actor.as_str()))
            });
        }
        if work.get() > budget {
            return Err(too_complex());
        }
        let article = Article {
            id,
            file: file.to_string(),
            title: prep.meta.title.clone().or_else(|| first_line_title(body)),
            outlet: prep.meta.outlet.clone(),
            url: prep.meta.url.clone(),
            published: prep.published,
            published_inferred: prep.published_inferred,
            lang: prep.lang.clone(),
        };
        Ok(Extracted { article, events, warnings, work: work.get() })
    }

    /// The actor named right after a closing quote with a speech verb
    /// (`," Biden wrote`, `," said Pompeo`), as an index into `hits`.
    fn speaker_after(&self, text: &str, hits: &[Hit], quote_end: usize) -> Option<usize> {
        // Skip a nationality before the name ("Canadian Prime Minister Justin Trudeau said").
        let first = hits.partition_point(|h| h.start < quote_end);
        let k = (first..hits.len().min(first + 3)).find(|&k| !matches!(hits[k].actor(), Some(Tag::Demonym(_))))?;
        let h = hits.get(k)?;
        let gap = text.get(quote_end..h.start)?;
        // A demonym names a nationality, not who speaks for whom ("the
        // Uruguayan diplomat" may speak for the OAS), so it is no speaker.
        if !matches!(h.actor(), Some(t) if !matches!(t, Tag::Demonym(_))) || gap.len() > 60 || gap.contains('\n') {
            return None;
        }
        let says = |w: std::borrow::Cow<'_, str>| self.lex.speech_verbs.contains(&*w);
        let said = text::words_borrowed(text::prefix(&text[h.end..], 60)).take(3).any(says)
            || text::words_borrowed(gap).any(says);
        said.then_some(k)
    }
}

/// What [`Extractor::join`] reads of the article beside the joining sentence.
struct JoinCx<'t, 'c> {
    text: &'t str,
    hits: &'c [Hit],
    sentences: &'c [std::ops::Range<usize>],
    date_ctx: &'c dates::DateContext<'c>,
    prep: &'c article::Prepared<'t>,
    id: &'c str,
}

impl JoinCx<'_, '_> {
    fn hits_in(&self, r: &std::ops::Range<usize>) -> &[Hit] {
        let lo = self.hits.partition_point(|h| h.start < r.start);
        let hi = self.hits.partition_point(|h| h.start < r.end);
        &self.hits[lo..hi]
    }
}

/// The one side acts take, with the heaviest kind among them; none when
/// they take two (a joiner cannot tell which it joins).
fn one_side(
    acts: impl Iterator<Item = (atlas_model::Stance, atlas_model::EventKind)>,
) -> Option<(atlas_model::Stance, atlas_model::EventKind)> {
    let mut out: Option<(atlas_model::Stance, atlas_model::EventKind)> = None;
    for (stance, kind) in acts {
        match out {
            Some((st, _)) if st != stance => return None,
            Some((_, k)) if k.weight() >= kind.weight() => {}
            _ => out = Some((stance, kind)),
        }
    }
    out
}

impl Extractor {
    /// Events for the actors of sentence `si`, which joins an act without
    /// telling one with a subject ("It was signed by A, B and C", "Portugal
    /// followed suit"). Signatories sign the act their own sentence tells
    /// without a subject ("Se sumaron a la declaración que rechaza ... los
    /// gobiernos de A, B y C"); failing that, joiners take the act of the
    /// sentence that last yielded events, at most three sentences before;
    /// failing that, signatories take the act the sentence right before
    /// tells without a subject ("The declaration rejected ... It was signed
    /// by ..."). The act must take one side. Signatories named after a
    /// group's act replace the members it was read as: the statement says
    /// who signed it. Returns the range of `events` added.
    fn join(
        &self,
        cx: &JoinCx<'_, '_>,
        si: usize,
        join: rules::Join,
        actors: &[(&str, std::ops::Range<usize>)],
        last_act: Option<(usize, atlas_model::Date, std::ops::Range<usize>)>,
        events: &mut Vec<Event>,
    ) -> Option<std::ops::Range<usize>> {
        let s = &cx.sentences[si];
        let here = cx.hits_in(s);
        if here.iter().any(|h| h.has(Tag::History)) {
            return None;
        }
        let speaker = here.iter().find(|h| h.start == actors[0].1.start && h.actor().is_some())?;
        let reading = dates::read_date(&cx.text[s.clone()], cx.date_ctx);
        // The act sentence `k` tells without a subject, read as the joiners'.
        let subjectless = |k: usize| -> Option<((atlas_model::Stance, atlas_model::EventKind), atlas_model::Date)> {
            let r = &cx.sentences[k];
            let t = &cx.text[r.clone()];
            let date = dates::read_date(t, cx.date_ctx).date.or(reading.date).unwrap_or(cx.prep.published);
            let sentence = rules::Sentence {
                text: t,
                range: r.clone(),
                hits: cx.hits_in(r),
                date,
                speaker: Some(speaker),
                lang: &cx.prep.lang,
                quotes: &[],
            };
            let found = rules::classify(&self.lex, &sentence);
            one_side(found.iter().map(|f| (f.stance, f.kind))).map(|act| (act, date))
        };
        let signs = join == rules::Join::Signatories;
        let mut inferred = reading.date.is_none();
        // Where the act's own events start: an actor with one already is
        // not added twice.
        let mut act_events = events.len();
        let (act, date, from) = if let Some((act, date)) = subjectless(si).filter(|_| signs) {
            (act, date, si)
        } else if let Some((k, date, range)) = last_act.filter(|(k, _, _)| si - k <= 3) {
            let act = one_side(events[range.clone()].iter().map(|e| (e.stance, e.kind)))?;
            // Dated as the act is, unless the joining sentence dates itself.
            inferred &= events[range.clone()].iter().all(|e| e.date_inferred);
            act_events = range.start;
            if signs {
                // The tail of `events` is that sentence's: drop the members
                // a group was read as that the signatories do not name.
                let from_group = |e: &Event| {
                    cx.hits.iter().any(|h| h.start == e.mention.start && matches!(h.actor(), Some(Tag::Group(_))))
                };
                let mut n = 0;
                events.retain(|e| {
                    n += 1;
                    !(n > range.start && from_group(e) && !actors.iter().any(|(a, _)| *a == e.actor))
                });
            }
            (act, reading.date.unwrap_or(date), k)
        } else if signs && si > 0 {
            let (act, date) = subjectless(si - 1)?;
            (act, date, si - 1)
        } else {
            return None;
        };
        let span = cx.sentences[from].start..s.end;
        let first = events.len();
        for (actor, mention) in actors {
            if events[act_events.min(first)..].iter().any(|e| e.actor == *actor) {
                continue;
            }
            events.push(Event {
                actor: actor.to_string(),
                stance: act.0,
                kind: act.1,
                date,
                date_inferred: inferred || cx.prep.published_inferred,
                confidence: None,
                article: cx.id.to_string(),
                quote: cx.text[span.clone()].to_string(),
                span: Span { start: span.start, end: span.end },
                mention: Span { start: mention.start, end: mention.end },
            });
        }
        (events.len() > first).then_some(first..events.len())
    }

    /// True when a sentence names the statement it stands in ("This
    /// statement is supported by", "se suman a esta declaración"), whose
    /// act may come after it.
    fn this_statement(&self, sentence: &str, lang: &str) -> bool {
        let this = &self.lex.grammar(lang).this;
        let words: Vec<_> = text::words_borrowed(sentence).collect();
        words.windows(2).any(|w| this.contains(&w[0]) && self.lex.documents.contains(&*w[1]))
    }

    /// Events for sentence `si`, which tells an act without a subject and
    /// opens with a word that goes on ("Y exigieron la revisión de los
    /// resultados"): the act is the list that opens the sentence before
    /// ("Los gobiernos de A, B y C manifiestan ..."). The act must take one
    /// side; the quote runs from that sentence to this one.
    fn go_on(
        &self,
        cx: &JoinCx<'_, '_>,
        si: usize,
        s: &rules::Sentence<'_>,
        events: &mut Vec<Event>,
    ) -> Option<std::ops::Range<usize>> {
        if s.hits.iter().any(|h| h.has(Tag::History)) {
            return None;
        }
        let prev = &cx.sentences[si - 1];
        let before = rules::Sentence {
            text: &cx.text[prev.clone()],
            range: prev.clone(),
            hits: cx.hits_in(prev),
            date: s.date,
            speaker: None,
            lang: s.lang,
            quotes: &[],
        };
        let actors = rules::leading_actors(&self.lex, &before);
        let at = actors.first()?.1.start;
        let speaker = before.hits.iter().find(|h| h.start == at)?;
        let with = rules::Sentence { speaker: Some(speaker), range: s.range.clone(), ..*s };
        let act = one_side(rules::classify(&self.lex, &with).iter().map(|f| (f.stance, f.kind)))?;
        let reading = dates::read_date(s.text, cx.date_ctx);
        let span = prev.start..s.range.end;
        let first = events.len();
        for (actor, mention) in &actors {
            if events[first..].iter().any(|e| e.actor == *actor) {
                continue;
            }
            events.push(Event {
                actor: actor.to_string(),
                stance: act.0,
                kind: act.1,
                date: reading.date.unwrap_or(cx.prep.published),
                date_inferred: reading.date.is_none() || cx.prep.published_inferred,
                confidence: None,
                article: cx.id.to_string(),
                quote: cx.text[span.clone()].to_string(),
                span: Span { start: span.start, end: span.end },
                mention: Span { start: mention.start, end: mention.end },
            });
        }
        (events.len() > first).then_some(first..events.len())
    }

    /// The actor who introduces a quotation (`Pacolli wrote on Thursday: "...`),
    /// as an index into `hits`.
    fn speaker_before(&self, text: &str, hits: &[Hit], quote_start: usize) -> Option<usize> {
        let k = hits.partition_point(|h| h.end <= quote_start).checked_sub(1)?;
        let h = &hits[k];
        let gap = text.get(h.end..quote_start)?;
        if !matches!(h.actor(), Some(t) if !matches!(t, Tag::Demonym(_)))
            || gap.len() > 60
            || gap.contains('\n')
            || !gap.trim_end().ends_with([':', ','])
        {
            return None;
        }
        text::words_borrowed(gap).any(|w| self.lex.speech_verbs.contains(&*w)).then_some(k)
    }
}

/// The first non-empty line, as a title, when it is short enough to be one.
fn first_line_title(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    (line.len() <= 140 && !line.ends_with('.')).then(|| line.to_string())
}
