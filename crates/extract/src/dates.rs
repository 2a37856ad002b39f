//! Dates in article text: the publication date of an article that has no
//! metadata, and the date of the act a sentence reports.

use crate::lexicon::{Calendar, DateWords, Words};
use atlas_model::Date;

/// How much of a publication date is known.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Precision {
    /// The day is known.
    Day,
    /// Only the year and month are known (a scraper's `date YYYY-MM` line, a `/YYYY/MM/` URL); the day is the first.
    Month,
}

/// An event a sentence may date its act by ("after the elections",
/// "desde la investidura"): its words, lowercase, its language and its day.
#[derive(Clone, Debug)]
pub struct Anchor {
    /// The phrase's lowercase words ("the", "inauguration").
    pub words: Vec<String>,
    /// The language of the phrase (`anchors.csv`); a phrase is matched in any article.
    pub lang: String,
    /// The day of the event.
    pub date: Date,
}

/// How long before publication an event may lie and still be the one an
/// article means by "the elections" or "the inauguration".
const ANCHOR_REACH_DAYS: i32 = 183;
/// Within two weeks of the event, publication dates an act told "after" it
/// at least as well as the event does ("calificó de fraudulenta la
/// proclamación tras las elecciones", the day after them); an act "since"
/// it starts on its day.
const ANCHOR_AFTER_MIN_DAYS: i32 = 14;

/// The day of the event a sentence sets its act after or since ("tras las
/// elecciones", "since the inauguration"): of the events that phrase names,
/// the latest on or before publication, if it lies within half a year of
/// it (and, for an act after it, more than two weeks before). None when
/// the sentence names no such event, or two that differ. The phrases are
/// matched whatever the article's language (a short text's guess may miss).
/// `markers` are the words before the event, each with whether the act
/// starts there ("since") rather than only following it ("after").
pub fn anchored_date(
    sentence: &str,
    published: Date,
    markers: &[(Vec<String>, bool)],
    anchors: &[Anchor],
) -> Option<Date> {
    let words: Vec<_> = crate::text::words_borrowed(sentence).collect();
    let starts = |at: usize, phrase: &[String]| {
        words.len() >= at + phrase.len() && words[at..at + phrase.len()].iter().zip(phrase).all(|(w, p)| **w == **p)
    };
    let mut found: Option<Date> = None;
    for i in 0..words.len() {
        for (m, since) in markers.iter().filter(|(m, _)| !m.is_empty() && starts(i, m)) {
            let at = i + m.len();
            // The longest phrase that follows: "las elecciones presidenciales"
            // over "las elecciones".
            let Some(len) = anchors.iter().filter(|a| starts(at, &a.words)).map(|a| a.words.len()).max() else {
                continue;
            };
            let day = anchors
                .iter()
                .filter(|a| a.words.len() == len && starts(at, &a.words) && a.date <= published)
                .map(|a| a.date)
                .max()
                .filter(|d| {
                    let gap = i64::from(published.to_days()) - i64::from(d.to_days());
                    gap <= i64::from(ANCHOR_REACH_DAYS)
                })?;
            if !since && i64::from(published.to_days()) - i64::from(day.to_days()) <= i64::from(ANCHOR_AFTER_MIN_DAYS) {
                return None;
            }
            if found.is_some_and(|f| f != day) {
                return None;
            }
            found = Some(day);
        }
    }
    found
}

/// A word of a sentence with its byte range.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    text: &'a str,
    start: usize,
}

impl Word<'_> {
    /// True when the word is `lower` (a lowercase word) in any case; read
    /// in place, as [`crate::text::same_word`] reads, without a copy.
    fn is(&self, lower: &str) -> bool {
        self.text.len() == lower.len() && crate::text::same_word(self.text, lower)
    }
}

fn tokenize(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(s.len() / 5);
    let bytes = s.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i <= bytes.len() {
        // ASCII is classified byte by byte; other characters are decoded.
        let (inside, len) = match bytes.get(i) {
            None => (false, 1),
            Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            Some(_) => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (crate::text::is_alphanumeric(c), c.len_utf8())
            }
        };
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Word { text: &s[st..i], start: st });
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    out
}

/// A date expression found in a sentence.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expr {
    Full(Date),
    MonthDay(u8, u8),
    MonthYear(u16, u8),
    Weekday(u8),
}

fn month_of(cals: &[Calendar], w: &str) -> Option<u8> {
    cals.iter().find_map(|c| c.name(w)).filter(|n| (1..=12).contains(n))
}

/// True when some calendar's [`DateWords`] list, chosen by `list`, holds
/// the word `w` (in any case).
fn date_word(cals: &[Calendar], list: fn(&DateWords) -> &Words, w: &Word<'_>) -> bool {
    cals.iter().any(|c| list(&c.words).iter().any(|x| w.is(x)))
}

fn number(w: &Word<'_>, max_len: usize) -> Option<u32> {
    let t = w.text.trim_end_matches(|c: char| c.is_alphabetic()); // "4th", "1st"
    (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
}

fn year(w: &Word<'_>) -> Option<u16> {
    (w.text.len() == 4).then(|| number(w, 4))?.and_then(|y| (1990..=2100).contains(&y).then_some(y as u16))
}

fn day(w: &Word<'_>) -> Option<u8> {
    number(w, 2).and_then(|d| (1..=31).contains(&d).then_some(d as u8))
}

/// Finishes a date whose month and day are read, with the year at word `j`
/// if there is one ("9 de enero de 2019", "Jan. 23, 2019"); returns the
/// index of the next unread word.
fn day_and_year(
    cals: &[Calendar],
    w: &[Word<'_>],
    mut j: usize,
    m: u8,
    d: u8,
    at: usize,
    out: &mut Vec<(usize, Expr)>,
) -> usize {
    if w.get(j).is_some_and(|x| date_word(cals, |dw| &dw.year_links, x)) {
        j += 1;
    }
    match w.get(j).and_then(year).and_then(|y| Date::new(y, m, d).ok()) {
        Some(date) => out.push((at, Expr::Full(date))),
        None => out.push((at, Expr::MonthDay(m, d))),
    }
    j
}

/// Every date expression of `s` with the byte offset where it starts.
fn expressions(s: &str, cals: &[Calendar]) -> Vec<(usize, Expr)> {
    expressions_until(s, cals, false)
}

/// Date expressions of `s`; with `first_full`, stops at the first full date.
fn expressions_until(s: &str, cals: &[Calendar], first_full: bool) -> Vec<(usize, Expr)> {
    let w = tokenize(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        if first_full && matches!(out.last(), Some((_, Expr::Full(_)))) {
            break;
        }
        let at = w[i].start;
        // A word is either a number or a name: look each word up once.
        let digit = w[i].text.as_bytes()[0].is_ascii_digit();
        let name = if digit { None } else { cals.iter().find_map(|c| c.name(w[i].text)) };
        if !digit && name.is_none() {
            i += 1;
            continue;
        }
        // ISO dates: 2025-01-07.
        if let Some(y) = year(&w[i]) {
            if let (Some(m), Some(d)) = (w.get(i + 1), w.get(i + 2)) {
                let tight = s[w[i].start + 4..].starts_with('-') && s[m.start + m.text.len()..].starts_with('-');
                if tight && m.text.len() == 2 && d.text.len() == 2 {
                    if let (Some(m), Some(d)) = (number(m, 2), number(d, 2)) {
                        if let Ok(date) = Date::new(y, m as u8, d as u8) {
                            out.push((at, Expr::Full(date)));
                            i += 3;
                            continue;
                        }
                    }
                }
            }
        }
        // Numeric dates with slashes: 23/01/2019 (day first) or 01/23/2019
        // (month first), taken only when the order is unambiguous.
        if let (Some(a), Some(b), Some(c)) = (w.get(i), w.get(i + 1), w.get(i + 2)) {
            let sep = |w: &Word<'_>| s[w.start + w.text.len()..].chars().next();
            let slashed = matches!(sep(a), Some('/' | '.')) && sep(a) == sep(b);
            if slashed && a.text.len() <= 2 && b.text.len() <= 2 {
                if let (Some(x), Some(y), Some(yr)) = (number(a, 2), number(b, 2), year(c)) {
                    let (d, m) = if x > 12 {
                        (x, y)
                    } else if y > 12 {
                        (y, x)
                    } else {
                        (0, 0)
                    };
                    if let Ok(date) = Date::new(yr, m as u8, d as u8) {
                        out.push((at, Expr::Full(date)));
                        i += 3;
                        continue;
                    }
                }
            }
        }
        if let Some(m) = name.filter(|n| (1..=12).contains(n)) {
            // "May" is also a verb: only take it with a day or a year.
            let mut j = i + 1;
            if let Some(d) = w.get(j).and_then(day) {
                i = day_and_year(cals, &w, j + 1, m, d, at, &mut out);
                continue;
            }
            if w.get(j).is_some_and(|x| date_word(cals, |dw| &dw.month_links, x)) {
                j += 1;
            }
            if let Some(y) = w.get(j).and_then(year) {
                out.push((at, Expr::MonthYear(y, m)));
                i = j + 1;
                continue;
            }
        }
        // "9 January 2019", "9 de enero de 2019".
        if let Some(d) = day(&w[i]) {
            let mut j = i + 1;
            if w.get(j).is_some_and(|x| date_word(cals, |dw| &dw.month_links, x)) {
                j += 1;
            }
            if let Some(m) = w.get(j).and_then(|x| month_of(cals, x.text)) {
                i = day_and_year(cals, &w, j + 1, m, d, at, &mut out);
                continue;
            }
        }
        // "Santo Domingo" names a city, not a Sunday.
        let place = i > 0 && date_word(cals, |dw| &dw.place_openers, &w[i - 1]);
        if let Some(wd) = name.filter(|n| *n > 100 && !place) {
            out.push((at, Expr::Weekday(wd - 101)));
        }
        i += 1;
    }
    out
}

/// The publication date of a text without metadata: a full date written in
/// it (an ISO date first, then the first written-out date, as in a dateline
/// or a photo caption), else a dated URL path (`/2019/03/`).
pub fn published_from_text(text: &str, cals: &[Calendar]) -> Option<(Date, Precision)> {
    // An ISO date anywhere wins; it is found with a byte scan before the
    // costlier reading of written dates.
    if let Some(d) = first_iso_date(text) {
        return Some((d, Precision::Day));
    }
    // Read a line at a time (a written date never spans lines), so that
    // a dateline near the top is found without reading the whole text.
    let first_full = text.lines().find_map(|line| {
        expressions_until(line, cals, true).into_iter().find_map(|(_, e)| match e {
            Expr::Full(d) => Some(d),
            _ => None,
        })
    });
    if let Some(d) = first_full {
        return Some((d, Precision::Day));
    }
    dated_line(text).or_else(|| url_date(text))
}

/// The first `YYYY-MM-DD` standing as its own word.
fn first_iso_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'-') {
        let dash = i + off;
        i = dash + 1;
        if dash < 4 || b.get(dash + 3) != Some(&b'-') {
            continue;
        }
        let start = dash - 4;
        let alone_before = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        let alone_after = !b.get(dash + 6).is_some_and(u8::is_ascii_alphanumeric);
        if alone_before
            && alone_after
            && (start..dash).all(digit)
            && [dash + 1, dash + 2, dash + 4, dash + 5].into_iter().all(digit)
        {
            if let Ok(d) = text[start..dash + 6].parse::<Date>() {
                if (1990..=2100).contains(&d.year()) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// A scraper's `date YYYY-MM` line near the top: the month is known.
fn dated_line(text: &str) -> Option<(Date, Precision)> {
    let head = crate::text::prefix(text, 400);
    let at = head.find("date ")? + 5;
    let s = head.get(at..at + 7)?;
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok().map(|d| (d, Precision::Month))
}

/// `/YYYY/MM/DD/` or `/YYYY/MM/` in a URL of the text.
fn url_date(text: &str) -> Option<(Date, Precision)> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u16> {
        let s = text.get(r)?;
        (s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse().ok())?
    };
    for (i, _) in text.match_indices('/') {
        if b.get(i + 5) != Some(&b'/') || b.get(i + 8) != Some(&b'/') {
            continue;
        }
        let (Some(y), Some(m)) = (digits(i + 1..i + 5), digits(i + 6..i + 8)) else { continue };
        if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) {
            continue;
        }
        if b.get(i + 11) == Some(&b'/') {
            if let Some(d) = digits(i + 9..i + 11) {
                if let Ok(date) = Date::new(y, m as u8, d as u8) {
                    return Some((date, Precision::Day));
                }
            }
        }
        return Date::new(y, m as u8, 1).ok().map(|d| (d, Precision::Month));
    }
    None
}

/// What resolving an act's date needs besides the sentence: the article's
/// publication date and the language data that says which dates belong to
/// the act.
#[derive(Clone, Copy, Debug)]
pub struct DateContext<'a> {
    /// The article's publication date: relative dates count back from it, and no act lies after it.
    pub published: Date,
    /// How much of [`DateContext::published`] is known; a weekday needs the day.
    pub precision: Precision,
    /// The month and weekday names and date markers ([`crate::lexicon::Lexicon::calendars`]).
    pub calendars: &'a [Calendar],
    /// Lowercase words right before a date that make it another thing's date ("held in", "elections of").
    pub foreign_markers: &'a [Vec<String>],
    /// Lowercase words that make a weekday point after publication ("will", "is set to").
    pub future_markers: &'a [Vec<String>],
}

/// The date of the act reported by `sentence`, if the sentence gives one,
/// resolved against the publication date. Dates that belong to something
/// else ("elections held in July 2024") or lie after publication are skipped.
pub fn event_date(sentence: &str, ctx: &DateContext<'_>) -> Option<Date> {
    read_date(sentence, ctx).date
}

/// What a sentence says about when its act happened, from one reading of
/// its date expressions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateReading {
    /// The act's own date ([`event_date`]).
    pub date: Option<Date>,
    /// With no date of its own, the sentence names a month or a day more
    /// than half a year before publication ("governed until January 2019,
    /// when ..."): it tells history, and its act cannot be dated on the day
    /// of publication.
    pub history: bool,
}

/// Reads the date expressions of `sentence` once: the act's date, and
/// whether, without one, it tells history (see [`DateReading`]).
pub fn read_date(sentence: &str, ctx: &DateContext<'_>) -> DateReading {
    let exprs = expressions(sentence, ctx.calendars);
    let date = resolve_event_date(sentence, &exprs, ctx);
    DateReading {
        date,
        history: date.is_none()
            && (mentions_earlier(sentence, &exprs, ctx)
                || in_earlier_year(sentence, ctx)
                || names_past_term(sentence, ctx)),
    }
}

/// True when the sentence sets its act in a year before publication's ("In
/// 2019, when Guaidó declared himself president, the United States was one
/// of the first to recognise him"): a bare year after a year opener ("in",
/// "en", "during": [`DateWords::year_openers`]) that opens the sentence,
/// stands before a comma or closes the clause (before one of
/// [`DateWords::year_closers`]), so that it dates the clause, not a noun
/// ("the Assembly elected in 2015 as").
fn in_earlier_year(sentence: &str, ctx: &DateContext<'_>) -> bool {
    let lead =
        |w: &str| ctx.calendars.iter().any(|c| c.words.year_openers.iter().any(|m| crate::text::same_word(w, m)));
    let mut words = crate::text::word_slices(sentence).peekable();
    let mut first = true;
    let mut prev: Option<&str> = None;
    while let Some(w) = words.next() {
        let year = (w.len() == 4).then(|| w.parse::<u16>().ok()).flatten();
        if let (Some(y), Some(p)) = (year, prev) {
            let earlier = (1990..ctx.published.year()).contains(&y);
            // Offsets of the year inside the sentence, to look at what follows.
            let at = w.as_ptr() as usize - sentence.as_ptr() as usize + w.len();
            let rest = sentence[at..].trim_start();
            let comma = rest.starts_with(',');
            // "... en 2019 bajo el Gobierno de ...": the year closes the
            // clause it dates. (At the sentence's end it may still date a
            // noun: "González Urrutia, elected in 2024.")
            let closes = crate::text::word_slices(rest).next().is_some_and(|n| {
                ctx.calendars.iter().any(|c| c.words.year_closers.iter().any(|m| crate::text::same_word(n, m)))
            });
            if earlier && lead(p) && (first || comma || closes) {
                return true;
            }
            first = false;
        } else if prev.is_some() {
            first = false;
        }
        prev = Some(w);
        let _ = words.peek();
    }
    false
}

/// A term of office that ended by the publication year, given as a year
/// range in brackets ("el gobierno de Iván Duque (2018-2022)"): the
/// sentence tells what that government did, not what happens on the day.
fn names_past_term(sentence: &str, ctx: &DateContext<'_>) -> bool {
    let published = ctx.published.year();
    let bytes = sentence.as_bytes();
    let year_at = |i: usize| -> Option<u16> {
        let w = bytes.get(i..i + 4)?;
        w.iter().all(u8::is_ascii_digit).then(|| sentence[i..i + 4].parse().ok()).flatten()
    };
    bytes.iter().enumerate().filter(|(_, b)| **b == b'(').any(|(i, _)| {
        let Some(from) = year_at(i + 1) else { return false };
        // A hyphen or an en dash (three bytes) between the two years.
        let dash = match bytes.get(i + 5) {
            Some(b'-') => 1,
            Some(0xE2) if sentence.get(i + 5..i + 8) == Some("\u{2013}") => 3,
            _ => return false,
        };
        let Some(to) = year_at(i + 5 + dash) else { return false };
        bytes.get(i + 9 + dash) == Some(&b')') && from < to && to <= published && from >= 1990
    })
}

fn mentions_earlier(sentence: &str, exprs: &[(usize, Expr)], ctx: &DateContext<'_>) -> bool {
    let horizon = ctx.published.to_days() - 183;
    let cals = ctx.calendars;
    exprs.iter().any(|&(at, e)| {
        let old = match e {
            Expr::Full(d) => d.to_days() < horizon,
            Expr::MonthYear(y, m) => Date::new(y, m, 1).is_ok_and(|d| d.to_days() < horizon),
            Expr::MonthDay(..) | Expr::Weekday(_) => false,
        };
        // "elections held in July 2024" dates the election, not the story.
        let election = || {
            let before: Vec<&str> = crate::text::word_slices(crate::text::tail(&sentence[..at], 80)).collect();
            before.iter().rev().take(4).any(|w| {
                cals.iter().any(|c| {
                    c.election_date_markers
                        .iter()
                        .chain(&c.foreign_date_followers)
                        .any(|m| crate::text::same_word(w, m))
                })
            }) || followed_by_foreign(&sentence[at..], cals)
        };
        old && !election()
    })
}

/// Picks the act's date among a sentence's date expressions (offsets into
/// `sentence`): the first one that belongs to the act and is not in the future.
fn resolve_event_date(sentence: &str, exprs: &[(usize, Expr)], ctx: &DateContext<'_>) -> Option<Date> {
    let DateContext { published, precision, calendars: cals, foreign_markers, future_markers } = *ctx;
    if exprs.is_empty() {
        return None;
    }
    // Words are compared as slices of the sentence, in their own case,
    // so that reading them copies nothing.
    let same =
        |a: &[&str], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| crate::text::same_word(x, y));
    // Read only when a weekday needs it: most sentences name none.
    let looks_ahead = std::cell::OnceCell::new();
    let looks_ahead = || {
        *looks_ahead.get_or_init(|| {
            // A marker whose words do not all occur somewhere in the
            // lowercased sentence, even inside other words, cannot be
            // among its words; that rules out most markers without
            // splitting the sentence into words.
            let lower = sentence.to_lowercase();
            let candidates: Vec<&Vec<String>> = future_markers
                .iter()
                .filter(|m| !m.is_empty() && m.iter().all(|w| lower.contains(w.as_str())))
                .collect();
            if candidates.is_empty() {
                return false;
            }
            let all: Vec<&str> = crate::text::word_slices(sentence).collect();
            candidates.iter().any(|m| all.windows(m.len()).any(|w| same(w, m)))
        })
    };
    let mut prev_foreign: Option<usize> = None;
    // The quotation marks before each date, counted on from the last one
    // (dates come in order): counting from the sentence's start at every
    // date made a long sentence of dates quadratic.
    let mut marks = QuotationMarks::default();
    for &(at, expr) in exprs {
        let quoted = marks.inside_at(sentence, at);
        // The markers are a few words long: only the last words before
        // the date are read.
        let before = crate::text::last_word_slices(crate::text::tail(&sentence[..at], 80), 6);
        // "the elections of Sunday, July 28": a date right after a
        // weekday that belongs to something else belongs to it too.
        let chained = prev_foreign.is_some_and(|p| crate::text::word_count(&sentence[p..at]) <= 1);
        let foreign = chained
            || foreign_markers.iter().any(|m| before.len() >= m.len() && same(&before[before.len() - m.len()..], m));
        // A date inside a quotation is what the speaker talks about, not
        // when they spoke ("spoke resoundingly on July 28," wrote Blinken).
        if foreign || quoted || followed_by_foreign(&sentence[at..], cals) {
            prev_foreign = Some(at);
            continue;
        }
        prev_foreign = None;
        let date = match expr {
            Expr::Full(d) => Some(d),
            Expr::MonthDay(m, d) => {
                let this_year = Date::new(published.year(), m, d).ok();
                match this_year {
                    Some(x) if x <= published => Some(x),
                    _ => Date::new(published.year() - 1, m, d).ok(),
                }
            }
            Expr::MonthYear(y, m) if (y, m) == (published.year(), published.month()) => Some(published),
            Expr::MonthYear(y, m) => Date::new(y, m, 1).ok(),
            Expr::Weekday(wd) if precision == Precision::Day && !looks_ahead() => {
                let back = (i32::from(published.weekday()) - i32::from(wd)).rem_euclid(7);
                Some(published.add_days(-back))
            }
            Expr::Weekday(_) => None,
        };
        match date {
            Some(d) if d <= published && published.to_days() - d.to_days() < 3 * 366 => return Some(d),
            _ => continue,
        }
    }
    None
}

/// The quotation marks of a text up to some offset, counted on as the
/// offset grows.
#[derive(Default)]
struct QuotationMarks {
    upto: usize,
    straight: usize,
    open: usize,
    close: usize,
}

impl QuotationMarks {
    /// True when an odd number of quotation marks opens before `at` (which
    /// never decreases from call to call).
    fn inside_at(&mut self, text: &str, at: usize) -> bool {
        let seg = text.get(self.upto..at).unwrap_or("");
        self.straight += seg.matches('"').count();
        self.open += seg.matches('“').count();
        self.close += seg.matches('”').count();
        self.upto = self.upto.max(at);
        self.straight % 2 == 1 || self.open > self.close
    }
}

/// True when the words right after the date expression starting `rest` name
/// another event ("28 July election"): the date is that event's.
fn followed_by_foreign(rest: &str, cals: &[Calendar]) -> bool {
    // Skip the date expression itself: its words are numbers, month names
    // and connectives.
    let mut after = crate::text::words_borrowed(crate::text::prefix(rest, 80)).take(6).skip_while(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || month_of(cals, w).is_some()
            || cals.iter().any(|c| c.words.month_links.contains(w))
    });
    after.next().is_some_and(|w| cals.iter().any(|c| c.foreign_date_followers.iter().any(|f| *f == *w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn published(text: &str) -> Option<(Date, Precision)> {
        published_from_text(text, &Lexicon::builtin().unwrap().calendars)
    }

    fn event(sentence: &str, published: &str) -> Option<Date> {
        let lex = Lexicon::builtin().unwrap();
        let ctx = DateContext {
            published: d(published),
            precision: Precision::Day,
            calendars: &lex.calendars,
            foreign_markers: &lex.foreign_date_markers,
            future_markers: &lex.future_markers,
        };
        event_date(sentence, &ctx)
    }

    #[test]
    fn publication_dates_are_read_from_iso_written_and_numeric_dates() {
        assert_eq!(published(" date 2025-01-07 The flag"), Some((d("2025-01-07"), Precision::Day)));
        assert_eq!(published("Caracas, Venezuela, Jan. 23, 2019. | Photo"), Some((d("2019-01-23"), Precision::Day)));
        assert_eq!(published("el 23 de enero de 2019, en Caracas"), Some((d("2019-01-23"), Precision::Day)));
        assert_eq!(published("23/01/2019 - 19:04:29"), Some((d("2019-01-23"), Precision::Day)));
        assert_eq!(published("Publicado 23.01.2019"), Some((d("2019-01-23"), Precision::Day)));
        assert_eq!(published("see https://x.com/news/2019/03/story"), Some((d("2019-03-01"), Precision::Month)));
    }

    #[test]
    fn no_date_is_never_guessed() {
        assert_eq!(published("Maduro spoke on Thursday in Caracas."), None);
        assert_eq!(published("In August 2017 Trump spoke of a military option."), None);
        assert_eq!(published("01/02/2019 is ambiguous"), None);
    }

    #[test]
    fn weekdays_resolve_to_the_latest_such_day_up_to_publication() {
        assert_eq!(event("Pompeo said in a statement on Thursday.", "2019-03-14"), Some(d("2019-03-14")));
        assert_eq!(event("Maduro closed its embassy on Thursday.", "2019-01-25"), Some(d("2019-01-24")));
    }

    #[test]
    fn a_weekday_after_a_future_marker_is_not_the_act_date() {
        assert_eq!(event("Pompeo is set to brief the Council on Saturday.", "2019-01-25"), None);
    }

    #[test]
    fn dates_of_elections_and_quotations_belong_to_them() {
        assert_eq!(event("recognizing him as the winner of elections held in July 2024.", "2025-01-07"), None);
        assert_eq!(event("He earned the most votes in the disputed 28 July election.", "2024-11-23"), None);
        assert_eq!(event("\"The people spoke on July 28,\" wrote Blinken.", "2024-11-23"), None);
    }

    #[test]
    fn day_and_month_without_a_year_take_the_last_such_day() {
        assert_eq!(event("On January 9, the Lima Group refused.", "2019-01-23"), Some(d("2019-01-09")));
        assert_eq!(event("On Dec. 30, they met.", "2019-01-05"), Some(d("2018-12-30")));
    }

    proptest::proptest! {
        #[test]
        fn quotation_marks_counted_on_are_those_before_each_date(text in "[a\"“” é]{0,40}", cuts in proptest::collection::vec(0usize..40, 0..8)) {
            // What counting from the start at every date said.
            let inside = |prefix: &str| {
                prefix.matches('"').count() % 2 == 1 || prefix.matches('“').count() > prefix.matches('”').count()
            };
            let mut at: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).filter(|&c| text.is_char_boundary(c)).collect();
            at.sort_unstable();
            let mut marks = QuotationMarks::default();
            for a in at {
                proptest::prop_assert_eq!(marks.inside_at(&text, a), inside(&text[..a]));
            }
        }
    }
}
