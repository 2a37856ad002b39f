//! Reading one article file: checks on the bytes, front matter, sidecar
//! metadata, and what can be inferred from the text when metadata is missing.

use crate::dates::{published_from_text, Precision};
use crate::lexicon::{FunctionWords, Lexicon};
use atlas_model::Date;
use std::fmt;
use std::path::Path;

/// Files larger than this are refused: no news article is this long, and a
/// mistaken path (a database dump, a video) should not stall a run.
pub const MAX_ARTICLE_BYTES: usize = 4 * 1024 * 1024;

/// Why one article was skipped. Always names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleError {
    /// The file's name as the run was given it.
    pub file: String,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What made an article unusable; [`ArticleError`] says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read; the system's message.
    Unreadable(String),
    /// The file is empty or holds only whitespace.
    Empty,
    /// The file's size in bytes, over [`MAX_ARTICLE_BYTES`].
    TooLarge(usize),
    /// A NUL byte, or control bytes other than whitespace in more than a tenth of the first 8 KiB.
    Binary,
    /// UTF-16 (or UTF-32) text, told by its byte-order mark or its zero bytes.
    Utf16,
    /// Not valid UTF-8.
    NotUtf8 {
        /// The byte offset of the first invalid byte.
        offset: usize,
    },
    /// Neither the metadata nor the text gives a publication date.
    NoDate,
    /// Front matter or a sidecar that cannot be read; the message names the line.
    BadMetadata(String),
    /// The publication date lies outside the range of [`DateRange`].
    DateOutOfRange {
        /// The publication date found.
        date: Date,
        /// The range it should lie in.
        range: DateRange,
    },
    /// Reading it took more work than [`crate::WORK_PER_BYTE`] allows.
    TooComplex {
        /// The number of sentences the text was split into.
        sentences: usize,
        /// The text's length in bytes.
        bytes: usize,
    },
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        match &self.problem {
            Problem::Unreadable(e) => write!(f, "{file}: cannot read the file: {e}"),
            Problem::Empty => write!(f, "{file}: the file is empty"),
            Problem::TooLarge(n) => {
                write!(f, "{file}: the file has {n} bytes, more than the {MAX_ARTICLE_BYTES} an article may have")
            }
            Problem::Binary => write!(f, "{file}: the file is binary, not text"),
            Problem::Utf16 => write!(f, "{file}: the file is UTF-16 text; convert it to UTF-8"),
            Problem::NotUtf8 { offset } => {
                write!(f, "{file}: the file is not UTF-8 text (invalid byte at offset {offset})")
            }
            Problem::NoDate => write!(
                f,
                "{file}: no publication date: the text gives none; add a front-matter line `published: YYYY-MM-DD` \
                 or a sidecar file `{file}.meta`"
            ),
            Problem::BadMetadata(e) => write!(f, "{file}: bad metadata: {e}"),
            Problem::DateOutOfRange { date, range } => {
                write!(f, "{file}: the publication date {date} lies outside {range}; not used")
            }
            Problem::TooComplex { sentences, bytes } => write!(
                f,
                "{file}: too complex: {sentences} sentences over {bytes} bytes took more work than an article may \
                 (see atlas_extract::WORK_PER_BYTE); please report it"
            ),
        }
    }
}

impl std::error::Error for ArticleError {}

/// The dates an article or an event may have (`data/extract.toml`): a
/// date outside them is a typing mistake or a file from another story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first date allowed.
    pub earliest: Date,
    /// The last date allowed (inclusive).
    pub latest: Date,
}

impl DateRange {
    /// The range in `data/extract.toml`, built into the binary.
    pub fn builtin() -> Result<DateRange, String> {
        DateRange::parse(include_str!("../../../data/extract.toml"))
    }

    /// Reads the `[dates]` table of a settings file.
    pub fn parse(settings: &str) -> Result<DateRange, String> {
        #[derive(serde::Deserialize)]
        struct Settings {
            dates: Dates,
        }
        #[derive(serde::Deserialize)]
        struct Dates {
            earliest: String,
            latest: String,
        }
        let s: Settings = toml::from_str(settings).map_err(|e| format!("data/extract.toml: {e}"))?;
        let date = |v: &str| v.parse::<Date>().map_err(|e| format!("data/extract.toml: date {v:?}: {e}"));
        let range = DateRange { earliest: date(&s.dates.earliest)?, latest: date(&s.dates.latest)? };
        if range.earliest > range.latest {
            return Err(format!("data/extract.toml: {range} is empty"));
        }
        Ok(range)
    }

    /// True when `d` lies in the range, both ends included.
    pub fn contains(&self, d: Date) -> bool {
        self.earliest <= d && d <= self.latest
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {} (data/extract.toml)", self.earliest, self.latest)
    }
}

/// Metadata given by front matter or a sidecar file; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The headline (`title:`).
    pub title: Option<String>,
    /// Who published it (`outlet:` or `source:`).
    pub outlet: Option<String>,
    /// Where it was published (`url:`); shown as a link only if [`is_web_address`].
    pub url: Option<String>,
    /// The publication date (`published:` or `date:`), to the day or the month.
    pub published: Option<(Date, Precision)>,
    /// The language code (`lang:` or `language:`), such as `en` or `es`.
    pub lang: Option<String>,
}

impl Metadata {
    /// Fields of `other` fill the gaps of `self`.
    pub fn or(self, other: Metadata) -> Metadata {
        Metadata {
            title: self.title.or(other.title),
            outlet: self.outlet.or(other.outlet),
            url: self.url.or(other.url),
            published: self.published.or(other.published),
            lang: self.lang.or(other.lang),
        }
    }
}

/// Parses `key: value` lines (front matter and sidecar files share the format).
/// Unknown keys are reported, not fatal; a malformed date is.
pub fn parse_metadata(lines: &str, warnings: &mut Vec<String>) -> Result<Metadata, String> {
    let mut m = Metadata::default();
    for (n, line) in lines.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("line {}: expected `key: value`, found {line:?}", n + 1));
        };
        let value = value.trim().trim_matches('"').to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => m.title = Some(value),
            "outlet" | "source" => m.outlet = Some(value),
            "url" => m.url = Some(value),
            "lang" | "language" => m.lang = Some(value),
            "published" | "date" => {
                m.published =
                    Some(parse_published(&value).ok_or_else(|| {
                        format!("line {}: published date {value:?} is not YYYY-MM-DD or YYYY-MM", n + 1)
                    })?)
            }
            other => warnings.push(format!("unknown metadata key {other:?} ignored")),
        }
    }
    Ok(m)
}

fn parse_published(v: &str) -> Option<(Date, Precision)> {
    if let Ok(d) = v.parse::<Date>() {
        return Some((d, Precision::Day));
    }
    let (y, m) = v.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok().map(|d| (d, Precision::Month))
}

/// Splits a leading front-matter block off `text`. Returns the metadata
/// lines and the byte offset where the body starts (0 without front matter).
pub fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    // A byte-order mark may come first (some editors write one): the block
    // starts after it, and the offsets still count from the first byte.
    let bom = bom_len(text);
    let after_bom = &text[bom..];
    let first_len = if after_bom.starts_with("---\n") {
        4
    } else if after_bom.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    let rest = &after_bom[first_len..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], bom + first_len + offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The length of a UTF-8 byte-order mark at the start of `text` (3 or 0).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

/// True when `head`, the first bytes of a file, is UTF-16 (or UTF-32)
/// text: a byte-order mark, or a zero in most bytes of one parity and in
/// few of the other (ASCII letters in UTF-16).
fn looks_utf16(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return true;
    }
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let most = |n: usize| n * 10 >= pairs * 4;
    let few = |n: usize| n * 10 <= pairs;
    (most(even) && few(odd)) || (most(odd) && few(even))
}

/// Checks the raw bytes of a file and returns them as text.
pub fn check_bytes<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ArticleError> {
    let err = |problem| ArticleError { file: file.to_string(), problem };
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(err(Problem::Empty));
    }
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(err(Problem::TooLarge(bytes.len())));
    }
    // NUL bytes never occur in text; a run of control bytes near the start is
    // the signature of a binary format.
    let head = &bytes[..bytes.len().min(8192)];
    if looks_utf16(head) {
        return Err(err(Problem::Utf16));
    }
    let whitespace = memchr::memchr_iter(b'\n', head).count() + memchr::memchr3_iter(b'\r', b'\t', 0x0c, head).count();
    let controls = control_bytes(head) - whitespace;
    if bytes.contains(&0) || controls * 10 > head.len() {
        return Err(err(Problem::Binary));
    }
    std::str::from_utf8(bytes).map_err(|e| err(Problem::NotUtf8 { offset: e.valid_up_to() }))
}

/// The number of bytes below 0x20, eight bytes at a time: for each byte
/// of a word, `(b & 0x7F) + 0x60` carries into the top bit exactly when
/// `b & 0x7F >= 0x20` (and never into the next byte), and `| b` sets it
/// for bytes of 0x80 and above.
fn control_bytes(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ADD: u64 = 0x6060_6060_6060_6060;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder().iter().filter(|&&b| b < 0x20).count();
    chunks
        .map(|c| {
            let x = u64::from_le_bytes(c.try_into().unwrap_or([0xFF; 8]));
            8 - ((((x & LOW) + ADD) | x) & HIGH).count_ones() as usize
        })
        .sum::<usize>()
        + rest
}

/// A guess at the language of `text`: the language whose common function
/// words (`[language]` in its lexicon file) occur most often in its first
/// 20,000 bytes. A tie, or a text with none of them, goes to the first
/// language file's (English); a lexicon without languages guesses `en`.
pub fn guess_language<'l>(text: &str, words: &'l FunctionWords) -> &'l str {
    let mut counts: smallvec::SmallVec<[u32; 4]> = smallvec::smallvec![0; words.langs().len()];
    for w in crate::text::word_slices(crate::text::prefix(text, 20_000)) {
        if let Some(l) = words.language_of(w) {
            counts[l] += 1;
        }
    }
    // The first of the most frequent: `max_by_key` would keep the last.
    let mut best: Option<usize> = None;
    for (l, &n) in counts.iter().enumerate() {
        if best.is_none_or(|b| n > counts[b]) {
            best = Some(l);
        }
    }
    best.map_or("en", |l| words.langs()[l].as_str())
}

/// The first URL written in the text, if any.
pub fn url_in_text(text: &str) -> Option<String> {
    // One pass over the text for "http", rather than one for each scheme.
    let finder = memchr::memmem::Finder::new("http");
    let bytes = text.as_bytes();
    let start = finder.find_iter(bytes).find(|&at| {
        let rest = &bytes[at + 4..];
        rest.starts_with(b"s://") || rest.starts_with(b"://")
    })?;
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '$' | '\\' | '"' | '<' | '>' | ')' | ']'))
        .collect();
    (url.len() > 10).then_some(url)
}

/// Everything known about an article before its sentences are read.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The whole file as text, front matter included: spans index it.
    pub text: &'a str,
    /// Where the body starts, after any front matter.
    pub body_start: usize,
    /// The metadata, the sidecar's fields over the front matter's.
    pub meta: Metadata,
    /// The publication date: from the metadata, else read off the text.
    pub published: Date,
    /// Whether [`Prepared::published`] is known to the day or only the month.
    pub precision: Precision,
    /// True when the publication date was read off the text, not given.
    pub published_inferred: bool,
    /// The article's language: the metadata's, else guessed from its words.
    pub lang: String,
    /// Problems that did not stop the article being read (unknown metadata keys, a URL that is no web address).
    pub warnings: Vec<String>,
}

/// Combines front matter, sidecar metadata (which wins) and inference: the
/// publication date read off the text with `lex`'s calendars, the language
/// guessed from its function words.
pub fn prepare<'a>(
    file: &str,
    text: &'a str,
    sidecar: Option<&str>,
    lex: &Lexicon,
    range: Option<&DateRange>,
) -> Result<Prepared<'a>, ArticleError> {
    let err = |problem| ArticleError { file: file.to_string(), problem };
    let mut warnings = Vec::new();
    let (front, body_start) = match split_front_matter(text) {
        Some((lines, start)) => {
            (parse_metadata(lines, &mut warnings).map_err(|e| err(Problem::BadMetadata(e)))?, start)
        }
        // A byte-order mark is no part of the body.
        None => (Metadata::default(), bom_len(text)),
    };
    let side = match sidecar.map(|s| s.strip_prefix('\u{feff}').unwrap_or(s)) {
        Some(s) => {
            parse_metadata(s, &mut warnings).map_err(|e| err(Problem::BadMetadata(format!("in {file}.meta: {e}"))))?
        }
        None => Metadata::default(),
    };
    let mut meta = side.or(front);
    // Only web addresses become links in the app; anything else (a
    // `javascript:` URL) is shown as text, and said here.
    if let Some(url) = meta.url.as_deref().filter(|u| !is_web_address(u)) {
        warnings.push(format!("url {url:?} is not an http or https address; the app shows it as text, not as a link"));
    }
    let body = &text[body_start..];
    if meta.url.is_none() {
        meta.url = url_in_text(body);
    }
    let (published, precision, published_inferred) = match meta.published {
        Some((d, p)) => (d, p, false),
        None => {
            let (d, p) = published_from_text(body, &lex.calendars).ok_or_else(|| err(Problem::NoDate))?;
            (d, p, true)
        }
    };
    if let Some(range) = range.filter(|r| !r.contains(published)) {
        return Err(err(Problem::DateOutOfRange { date: published, range: *range }));
    }
    let lang = meta.lang.clone().unwrap_or_else(|| guess_language(body, &lex.function_words).to_string());
    // A dateline the page's text begins with is no part of its first
    // sentence (it was read above for the date when no metadata gave one).
    let body_start = body_start + dateline_len(body);
    Ok(Prepared { text, body_start, meta, published, precision, published_inferred, lang, warnings })
}

/// The length of a dateline that opens `body` (" date 2026-01-06 ", or a
/// month, " date 2021-01 ", as pages of the corpus carry before their first
/// sentence), with the whitespace around it; 0 when there is none.
pub fn dateline_len(body: &str) -> usize {
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let Some(after) = rest.strip_prefix("date ") else { return 0 };
    let b = after.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    // A day ("2026-01-06") or only a month ("2021-01").
    let month = digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7);
    let day = month && b.get(7) == Some(&b'-') && digits(8..10);
    let len = if day { 10 } else { 7 };
    if !month || !b.get(len).is_some_and(|c| c.is_ascii_whitespace()) {
        return 0;
    }
    let tail = &after[len..];
    body.len() - tail.trim_start().len()
}

/// True when `url`'s scheme is `http` or `https`, in any case, once
/// trimmed: the only addresses the app makes links of (`logic::safe_link`
/// reads them the same way).
pub fn is_web_address(url: &str) -> bool {
    url.trim()
        .split_once(':')
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
}

/// The article id: the file name without its extension.
pub fn article_id(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn control_bytes_counts_exactly_the_bytes_below_0x20(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let naive = bytes.iter().filter(|&&b| b < 0x20).count();
            prop_assert_eq!(super::control_bytes(&bytes), naive);
        }
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::dateline_len;

    #[test]
    fn a_leading_dateline_is_measured_with_its_whitespace() {
        assert_eq!(dateline_len(" date 2026-01-06 La presidenta de México"), " date 2026-01-06 ".len());
        assert_eq!(dateline_len("date 2025-01-07\nThe Venezuelan flag"), "date 2025-01-07\n".len());
        assert_eq!(dateline_len("The date 2026-01-06 was"), 0);
        assert_eq!(dateline_len(" date 2021-01 El Grupo de Lima"), " date 2021-01 ".len());
        assert_eq!(dateline_len(" date 2026-1-06 x"), 0);
        assert_eq!(dateline_len(" date 2026-01-06"), 0, "a dateline with nothing after is no body to skip to");
        assert_eq!(dateline_len("date 2026-01-06x"), 0);
    }
}
