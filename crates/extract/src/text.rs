//! Sentences and quotations as byte ranges of the original text.
//!
//! Nothing here copies or normalises text: every range indexes the file's own
//! bytes, which is what lets a quote be checked against its source.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence.
///
/// English and Spanish ones share this list, in code rather than in the
/// language files, on purpose: [`sentences`] takes no language (the
/// verifier and the examples split text without one), and sentence and
/// quote spans must not move when the language guess of a short or mixed
/// article changes. A word of one language's abbreviations hardly ever ends
/// a sentence of the other, so sharing them costs nothing.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "jr", "sr", "co", "sra",
    "sr", "dra", "lic", "ee", "uu",
];

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '«' | '"' | '\'')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '"' | '\'' | ')' | ']')
}

/// `c.is_alphanumeric()`, answered without Unicode's tables for the
/// punctuation news text is full of (curly quotes, dashes, ellipses: the
/// General Punctuation block holds no letter or digit).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Splits `text` into trimmed, non-empty sentences. Line breaks end a
/// sentence (headlines and captions have no final period), and so does a
/// period glued to the next sentence ("in a statement.Pena expressed").
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_counted(text, &mut 0)
}

/// [`sentences`], adding to `work` the bytes and terminators it read: at
/// most a few times the length of the text, whatever the text (the
/// hostile-input tests hold it to that).
pub fn sentences_counted(text: &str, work: &mut u64) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut before = WordBefore::default();
    // Only line breaks and terminators can end a sentence, so the search
    // jumps from one to the next (memchr reads many bytes per step); the
    // next line break is remembered, since terminators come more often.
    let mut next_line = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..next_line]).map_or(next_line, |off| i + off);
        *work += 1;
        if stop == bytes.len() {
            break;
        }
        if stop == next_line {
            push_trimmed(text, start..stop, &mut out);
            start = stop + 1;
            i = stop + 1;
            next_line = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |off| i + off);
            continue;
        }
        match sentence_end(text, start, stop, &mut before) {
            Some(end) => {
                push_trimmed(text, start..end, &mut out);
                start = end;
                i = end;
                // Closing quotes taken after a terminator are never line
                // breaks, but should that change, the search stays right.
                if end > next_line {
                    next_line = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |off| end + off);
                }
            }
            None => i = stop + 1,
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    *work += before.work + text.len() as u64 / 64;
    out
}

/// If the terminator at `i` ends a sentence, where the sentence ends
/// (after any closing quotes or brackets).
fn sentence_end(text: &str, start: usize, i: usize, before: &mut WordBefore) -> Option<usize> {
    let mut end = i + 1;
    // Take closing quotes that follow, unless an opening quote starts the
    // next sentence right away ('said."Today I').
    let rest = &text[end..];
    let mut chars = rest.char_indices().peekable();
    while let Some(&(off, c)) = chars.peek() {
        if !is_closing(c) {
            break;
        }
        let after = rest[off + c.len_utf8()..].chars().next();
        if matches!(c, '"' | '\'') && after.is_some_and(|a| a.is_alphanumeric()) {
            break;
        }
        end = i + 1 + off + c.len_utf8();
        chars.next();
    }
    let next = text[end..].chars().next()?;
    if text.as_bytes()[i] == b'.' && before.is_abbreviation(text, start, i) {
        return None;
    }
    if next.is_whitespace() {
        let following = text[end..].trim_start().chars().next()?;
        return (following.is_uppercase()
            || following.is_ascii_digit()
            || is_opening_quote(following)
            || following == '¿'
            || following == '¡'
            || following == '-'
            || following == '*')
            .then_some(end);
    }
    // Glued sentences: a lowercase word or a number, then the period, then a
    // capitalised word of three letters or more, or an opening quote.
    let prev = text[..i].chars().next_back()?;
    if !(prev.is_lowercase() || prev.is_ascii_digit() || is_closing(prev)) {
        return None;
    }
    if is_opening_quote(next) || next == '“' {
        return Some(end);
    }
    // Two letters do when they are a common first word ("Cuba.El lunes"),
    // which a domain ("News.Az") or an acronym ("Ph.D") is not.
    let word: String = text[end..].chars().take_while(|c| c.is_alphabetic()).take(3).collect();
    let long_enough = word.chars().count() >= 3 || SHORT_SENTENCE_STARTS.contains(&word.as_str());
    (next.is_uppercase() && long_enough).then_some(end)
}

/// Two-letter words that often open a sentence, in English and Spanish,
/// shared for the reasons [`ABBREVIATIONS`] is.
const SHORT_SENTENCE_STARTS: &[&str] = &[
    "El", "La", "Lo", "Un", "En", "Es", "Se", "Su", "No", "Al", "Ya", "He", "It", "In", "On", "As", "At", "If", "We",
    "So", "An", "By",
];

/// The word before a terminator (`text[start..i]`, trimmed, after its last
/// space, bracket or opening quote), as [`sentence_end`] read it when it
/// read back to the sentence's start at every terminator; the tests hold
/// [`WordBefore`] to it.
#[cfg(test)]
fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let from = s.char_indices().rev().find(|&(_, c)| is_word_break(c)).map_or(0, |(p, c)| p + c.len_utf8());
    &s[from..]
}

/// A character that ends the word before it: a space, an opening bracket or
/// an opening double quote.
fn is_word_break(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == '“' || c == '"'
}

/// Whether the word before each period is an abbreviation, read without
/// reading any byte twice. Terminators come in order, so the bytes before
/// the last one asked about are summed up in where its word was; a run
/// without spaces ("......", "a.a.a.", "U.S.U.S.") would otherwise be read
/// back to its start at each period, which made such a run quadratic.
#[derive(Default)]
struct WordBefore {
    /// The last terminator asked about: the bytes before it are known.
    at: usize,
    /// Its word: `text[lw..le]`, both clamped to the sentence start then.
    le: usize,
    lw: usize,
    /// A word too long to reread, read forwards as it grows.
    long: LongWord,
    /// Bytes read.
    work: u64,
}

/// The state of [`is_abbreviation`] over a long word read so far.
#[derive(Default)]
struct LongWord {
    /// Where the word starts, and how far it has been read.
    ws: usize,
    read: usize,
    /// Where its first letter or digit is, once read.
    letters: Option<usize>,
    dot: bool,
    /// Every part between dots so far is at most two letters.
    short_parts: bool,
    part: usize,
}

/// Words up to this length are checked as they are; longer ones (which can
/// only be dotted acronyms gone wild) by [`LongWord`].
const SHORT_WORD: usize = 32;

impl WordBefore {
    /// [`is_abbreviation`] of the word before the period at `i` in the
    /// sentence starting at `start`. `i` grows from call to call.
    fn is_abbreviation(&mut self, text: &str, start: usize, i: usize) -> bool {
        let (ws, le) = self.word(text, start, i);
        if le - ws <= SHORT_WORD {
            self.work += (le - ws) as u64;
            return is_abbreviation(&text[ws..le]);
        }
        let long = &mut self.long;
        if long.ws != ws || long.read > le {
            *long = LongWord { ws, read: ws, letters: None, dot: false, short_parts: true, part: 0 };
        }
        for (off, c) in text[long.read..le].char_indices() {
            if long.letters.is_none() {
                if !c.is_alphanumeric() {
                    continue;
                }
                long.letters = Some(long.read + off);
            }
            if c == '.' {
                long.dot = true;
                long.part = 0;
            } else {
                long.part += 1;
                long.short_parts &= long.part <= 2 && c.is_alphabetic();
            }
        }
        self.work += (le - long.read) as u64;
        long.read = le;
        match long.letters {
            Some(w) if le - w <= SHORT_WORD => is_abbreviation(&text[w..le]),
            Some(_) => long.dot && long.short_parts,
            None => false,
        }
    }

    /// Where the word before `i` starts and ends ([`last_word`] of
    /// `text[start..i]`), reading back no further than the last call.
    fn word(&mut self, text: &str, start: usize, i: usize) -> (usize, usize) {
        let floor = start.max(self.at);
        let before = |p: usize| text[..p].chars().next_back().unwrap_or(' ');
        // The end of the last character that is not a space.
        let mut p = i;
        while p > floor && before(p).is_whitespace() {
            p -= before(p).len_utf8();
        }
        self.work += (i - p) as u64 + 1;
        let (ws, le) = if p > floor {
            let le = p;
            while p > floor && !is_word_break(before(p)) {
                p -= before(p).len_utf8();
            }
            self.work += (le - p) as u64;
            let ws = if p > floor {
                p
            } else if self.at > start {
                // Nothing breaks the word since the last call: it goes on
                // from there (or starts there, after the spaces before it).
                if self.le < self.at {
                    self.at
                } else {
                    self.lw.max(start)
                }
            } else {
                start
            };
            (ws, le)
        } else {
            // Only spaces since the last call: the same word as then.
            let le = self.le.max(start);
            (if le == start { start } else { self.lw.max(start) }, le)
        };
        *self = WordBefore { at: i, le, lw: ws, long: std::mem::take(&mut self.long), work: self.work };
        (ws, le)
    }
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Initials and dotted acronyms: "J.", "U.S", "U.N", "E.U".
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true;
    }
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic)) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Quoted passages: from an opening quote to its closing quote, within a
/// paragraph. Straight quotes alternate open/close.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    // Read as bytes: the marks are '"', '\n' and the curly quotes, which
    // are E2 80 9C (“) and E2 80 9D (”) in UTF-8.
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while let Some(off) = memchr::memchr3(b'"', b'\n', 0xE2, &b[i..]) {
        let at = i + off;
        i = at + 1;
        match (b[at], b.get(at + 1), b.get(at + 2)) {
            (b'\n', ..) => open = None,
            (b'"', ..) => match open {
                None => open = Some(at),
                Some(o) => {
                    out.push(o..at + 1);
                    open = None;
                }
            },
            (0xE2, Some(0x80), Some(0x9C)) => open = Some(at),
            (0xE2, Some(0x80), Some(0x9D)) => {
                if let Some(o) = open.take() {
                    out.push(o..at + 3);
                }
            }
            _ => {}
        }
    }
    out
}

/// The longest suffix of `s` that is at most `max` bytes and starts on a
/// character boundary (the words right before a date are all its markers
/// look at).
pub fn tail(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The longest prefix of `s` that is at most `max` bytes and ends on a
/// character boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Lowercase words of `s` (letters, digits, apostrophes and hyphens inside words).
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    words_borrowed(s).map(std::borrow::Cow::into_owned)
}

/// [`words`] without copying words that are already lowercase, which most are.
pub fn words_borrowed(s: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    word_slices(s).map(lowercase)
}

/// The words of [`words`] as slices of `s`, in their own case: compared
/// with [`same_word`], they are read without copying any.
pub fn word_slices(s: &str) -> impl Iterator<Item = &str> + '_ {
    word_runs(s).map(|r| trim_word(&s[r])).filter(|w| !w.is_empty())
}

/// The maximal runs of [`in_word`] characters of `s`, as byte ranges,
/// before [`word_slices`] trims their edges.
pub fn word_runs(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // Read byte by byte for ASCII (the split-by-closure this replaces
    // decoded every character).
    let b = s.as_bytes();
    let mut i = 0;
    let inside = move |i: usize| -> (bool, usize) {
        let c = b[i];
        if c.is_ascii() {
            (in_word(char::from(c)), 1)
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            (in_word(ch), ch.len_utf8())
        }
    };
    std::iter::from_fn(move || {
        while i < b.len() {
            let (w, len) = inside(i);
            if w {
                break;
            }
            i += len;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() {
            let (w, len) = inside(i);
            if !w {
                break;
            }
            i += len;
        }
        Some(start..i)
    })
}

/// The characters of a word for [`word_slices`]: letters, digits,
/// apostrophes and hyphens.
fn in_word(c: char) -> bool {
    is_alphanumeric(c) || matches!(c, '\'' | '-' | '’')
}

/// A run of [`in_word`] characters without the apostrophes and hyphens at
/// its edges ("'the", "Guaidó's" keeps its inner one).
pub fn trim_word(run: &str) -> &str {
    run.trim_matches(|c| c == '\'' || c == '’' || c == '-')
}

/// The last `n` of the [`word_slices`] of `s`, in order, read from the end
/// (the words right before a date are all its markers look at).
pub fn last_word_slices(s: &str, n: usize) -> smallvec::SmallVec<[&str; 6]> {
    let mut out = smallvec::SmallVec::<[&str; 6]>::new();
    let mut rest = s;
    while out.len() < n {
        rest = rest.trim_end_matches(|c: char| !in_word(c));
        if rest.is_empty() {
            break;
        }
        let start = rest.trim_end_matches(in_word).len();
        let w = trim_word(&rest[start..]);
        if !w.is_empty() {
            out.push(w);
        }
        rest = &rest[..start];
    }
    out.reverse();
    out
}

/// True when the word `raw` (a slice of the text) is `lower` (a lowercase
/// word): equal bytes, or equal once each character is lowercased. Words
/// of different lengths are never the same: lowercasing keeps the length
/// of the Latin letters the lexicons are written in.
pub fn same_word(raw: &str, lower: &str) -> bool {
    if raw.len() != lower.len() {
        return false;
    }
    if raw == lower {
        return true;
    }
    // Most pairs that differ differ in their first letter even once it is
    // lowercased, which settles it without lowercasing the rest.
    if let (Some(&a), Some(&b)) = (raw.as_bytes().first(), lower.as_bytes().first()) {
        if a.is_ascii() && b.is_ascii() && a.to_ascii_lowercase() != b {
            return false;
        }
    }
    raw.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// For each ASCII byte: 1 for a letter or digit, 2 for an apostrophe, else 0.
static WORD_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            1
        } else if c == b'\'' {
            2
        } else {
            0
        };
        b += 1;
    }
    t
};

/// `w` in lowercase, copied only when it has a capital.
pub fn lowercase(w: &str) -> std::borrow::Cow<'_, str> {
    let upper =
        if w.is_ascii() { w.bytes().any(|c| c.is_ascii_uppercase()) } else { w.chars().any(char::is_uppercase) };
    if upper {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// The words of one text, indexed once so that the number of words between
/// any two offsets costs two binary searches: the rules ask that question
/// for many pairs of phrases in a sentence.
///
/// Words are counted as [`word_count`] counts them: maximal runs of letters,
/// digits and apostrophes that hold at least one letter or digit.
pub struct WordIndex<'t> {
    text: &'t str,
    /// Byte ranges of the words in `text`, in order.
    runs: Vec<(usize, usize)>,
}

impl<'t> WordIndex<'t> {
    /// Indexes the words of `text`.
    pub fn new(text: &'t str) -> WordIndex<'t> {
        let mut runs = Vec::with_capacity(text.len() / 5);
        let bytes = text.as_bytes();
        // A character is a letter or digit (1), an apostrophe (2), or
        // neither (0); ASCII is classified by table, the rest decoded.
        let class = |i: usize| -> (u8, usize) {
            let b = bytes[i];
            if b.is_ascii() {
                (WORD_CLASS[usize::from(b)], 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (if is_alphanumeric(c) { 1 } else { u8::from(c == '’') * 2 }, c.len_utf8())
            }
        };
        let ascii_class = |b: u8| if b.is_ascii() { WORD_CLASS[usize::from(b)] } else { 3 };
        let mut i = 0;
        while i < bytes.len() {
            // Separators in ASCII are skipped in one tight loop; anything
            // else (a word's start, or a character to decode) stops it.
            i += bytes[i..].iter().position(|&b| ascii_class(b) != 0).unwrap_or(bytes.len() - i);
            if i >= bytes.len() {
                break;
            }
            let (k, len) = class(i);
            if k == 0 {
                i += len;
                continue;
            }
            // A run of letters, digits and apostrophes: a word if it holds
            // a letter or digit.
            let start = i;
            let mut alnum = k == 1;
            i += len;
            loop {
                let ascii = bytes[i..].iter().position(|&b| ascii_class(b) != 1).unwrap_or(bytes.len() - i);
                alnum |= ascii > 0;
                i += ascii;
                if i >= bytes.len() {
                    break;
                }
                let (k, len) = class(i);
                if k == 0 {
                    break;
                }
                alnum |= k == 1;
                i += len;
            }
            if alnum {
                runs.push((start, i));
            }
        }
        WordIndex { text, runs }
    }

    /// The last `n` words that end at or before offset `at`, in order,
    /// lowercased and without edge apostrophes, as [`words_borrowed`] gives
    /// them (but split at hyphens: "ex-president" is "ex", "president").
    pub fn words_before(&self, at: usize, n: usize) -> Vec<std::borrow::Cow<'t, str>> {
        let hi = self.runs.partition_point(|r| r.1 <= at);
        self.runs[hi.saturating_sub(n)..hi].iter().filter_map(|&(s, e)| self.word(s, e)).collect()
    }

    /// The first `n` words that start at or after offset `at`.
    pub fn words_after(&self, at: usize, n: usize) -> Vec<std::borrow::Cow<'t, str>> {
        let lo = self.runs.partition_point(|r| r.0 < at);
        self.runs[lo..(lo + n).min(self.runs.len())].iter().filter_map(|&(s, e)| self.word(s, e)).collect()
    }

    fn word(&self, s: usize, e: usize) -> Option<std::borrow::Cow<'t, str>> {
        let w = self.text.get(s..e)?.trim_matches(|c| c == '\'' || c == '’');
        (!w.is_empty()).then(|| lowercase(w))
    }

    /// `word_count(&text[a..b])`, for offsets on character boundaries
    /// (clamped to the text).
    pub fn count(&self, a: usize, b: usize) -> usize {
        let b = b.min(self.text.len());
        if a >= b {
            return 0;
        }
        let lo = self.runs.partition_point(|r| r.1 <= a);
        let hi = self.runs.partition_point(|r| r.0 < b);
        if lo >= hi {
            return 0;
        }
        // A word cut by `a` or `b` counts only if its part inside holds a
        // letter or digit ("Guaidó's" cut after "Guaidó" leaves "'s").
        let clipped = |(s, e): (usize, usize)| {
            let part = self.text.get(s.max(a)..e.min(b)).unwrap_or("");
            part.chars().any(is_alphanumeric)
        };
        let mut n = hi - lo;
        let first = self.runs[lo];
        if (first.0 < a || first.1 > b) && !clipped(first) {
            n -= 1;
        }
        let last = self.runs[hi - 1];
        if hi - 1 != lo && last.1 > b && !clipped(last) {
            n -= 1;
        }
        n
    }
}

/// Number of words in `s`.
pub fn word_count(s: &str) -> usize {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_are_lowercased_runs_without_edge_apostrophes_or_hyphens() {
        let got: Vec<String> = words("'Venezuela’s US-backed  -- PERÚ, 'quoted' 2019 don't").collect();
        assert_eq!(got, ["venezuela’s", "us-backed", "perú", "quoted", "2019", "don't"]);
        assert!(words_borrowed("already lowercase").all(|w| matches!(w, std::borrow::Cow::Borrowed(_))));
    }

    #[test]
    fn quotations_pair_straight_and_curly_marks_within_a_paragraph() {
        let text = "He said \"yes\" and “no”.\n“Unclosed\n\"a\" ” stray";
        let got: Vec<&str> = quotations(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["\"yes\"", "“no”", "\"a\""]);
    }

    #[test]
    fn the_word_index_counts_as_word_count_does() {
        let text = "Guaidó's backers -- Brazil, 'the US' and 11 others — met. ' ' x";
        let index = WordIndex::new(text);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &bounds {
            for &b in &bounds {
                let want = if a <= b { word_count(&text[a..b]) } else { 0 };
                assert_eq!(index.count(a, b), want, "{a}..{b}: {:?}", text.get(a..b));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_index_counts_as_word_count_does_on_any_text(text in "[a-zA-Z0-9 '’.,\u{e9}\u{c9}\u{2014}\u{201c}-]{0,24}") {
            let index = WordIndex::new(&text);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &a in &bounds {
                for &b in &bounds {
                    let want = if a <= b { word_count(&text[a..b]) } else { 0 };
                    proptest::prop_assert_eq!(index.count(a, b), want);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_last_words_are_the_last_of_all_words(text in "[a-zA-Z0-9 '’.,\u{e9}\u{2014}\u{201c}-]{0,30}", n in 0usize..6) {
            let all: Vec<&str> = word_slices(&text).collect();
            let want = &all[all.len().saturating_sub(n)..];
            let last = last_word_slices(&text, n);
            proptest::prop_assert_eq!(last.as_slice(), want);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_before_a_period_is_read_as_if_read_back_each_time(
            text in "[aU.S( “\"\u{a0}é]{0,80}",
            moves in proptest::collection::vec(0usize..4, 0..80),
        ) {
            // Periods in order, with the sentence start moving forwards at
            // random, as the splitter moves it.
            let mut before = WordBefore::default();
            let mut start = 0;
            let periods = text.match_indices('.').map(|(i, _)| i);
            for (n, i) in periods.enumerate() {
                if moves.get(n).is_some_and(|m| *m == 0) {
                    start = (start..=i).rev().find(|&p| text.is_char_boundary(p)).unwrap_or(start);
                }
                let want = is_abbreviation(last_word(&text[start..i]));
                proptest::prop_assert_eq!(before.is_abbreviation(&text, start, i), want, "at {} from {}", i, start);
                if moves.get(n).is_some_and(|m| *m == 1) {
                    start = (start..=i).find(|&p| text.is_char_boundary(p) && p > (start + i) / 2).unwrap_or(start);
                }
            }
        }
    }

    #[test]
    fn long_dotted_words_are_abbreviations_as_short_ones_are() {
        for unit in ["a.", "U.S.", "ab.", "abc.", ".", "(a.", "é."] {
            for n in [1, 10, 40, 200] {
                let text = format!("x {}", unit.repeat(n));
                let mut before = WordBefore::default();
                // Every period before, then the last one.
                for (p, _) in text.match_indices('.') {
                    let want = is_abbreviation(last_word(&text[..p]));
                    assert_eq!(before.is_abbreviation(&text, 0, p), want, "{unit:?} x {n} at {p}");
                }
            }
        }
    }

    #[test]
    fn splitting_runs_of_dots_reads_each_byte_a_few_times() {
        for unit in [".", "a.", "U.S.", "...a.", ". "] {
            let work = |n: usize| {
                let mut w = 0;
                sentences_counted(&unit.repeat(n), &mut w);
                w
            };
            let (small, large) = (work(2_000), work(16_000));
            assert!(large <= 10 * small, "{unit:?}: {small} units for 2000 repeats, {large} for 16000");
            assert!(
                large <= 8 * 16_000 * unit.len() as u64,
                "{unit:?}: {large} units for {} bytes",
                16_000 * unit.len()
            );
        }
    }

    #[test]
    fn splits_on_periods_followed_by_capitals() {
        assert_eq!(split("One two. Three four."), ["One two.", "Three four."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside_the_sentence() {
        assert_eq!(
            split("U.S. President Donald Trump spoke. On Jan. 4 they met Mr. Guaido."),
            ["U.S. President Donald Trump spoke.", "On Jan. 4 they met Mr. Guaido."]
        );
    }

    #[test]
    fn splits_glued_sentences() {
        assert_eq!(
            split("said in a statement.Pena expressed his support."),
            ["said in a statement.", "Pena expressed his support."]
        );
        assert_eq!(split("with 67% of the vote.After Maduro"), ["with 67% of the vote.", "After Maduro"]);
    }

    #[test]
    fn glued_opening_quote_starts_the_next_sentence() {
        assert_eq!(
            split("President Joe Biden.\"Today I hosted him,\" Biden wrote."),
            ["President Joe Biden.", "\"Today I hosted him,\" Biden wrote."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(split("He said “no.” Then left."), ["He said “no.”", "Then left."]);
    }

    #[test]
    fn line_breaks_end_headlines() {
        assert_eq!(split("Support for Guaido\n\nThe group met."), ["Support for Guaido", "The group met."]);
    }

    #[test]
    fn curly_quote_before_the_last_word_is_not_a_byte_boundary_trap() {
        assert_eq!(
            split("la votación no fue “libre”. “Creo que sí”, dijo."),
            ["la votación no fue “libre”.", "“Creo que sí”, dijo."]
        );
    }

    #[test]
    fn prefix_never_cuts_a_character() {
        assert_eq!(prefix("añb", 2), "a");
        assert_eq!(prefix("añb", 3), "añ");
        assert_eq!(prefix("ab", 10), "ab");
    }

    #[test]
    fn domain_names_do_not_split() {
        assert_eq!(split("News.Az reports it."), ["News.Az reports it."]);
    }

    #[test]
    fn quotations_pair_curly_and_straight_quotes() {
        let t = "He said “we stand” and \"no\" today.";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["“we stand”", "\"no\""]);
    }
}
