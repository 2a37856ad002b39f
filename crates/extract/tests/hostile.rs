//! Hostile input: files built to stall, mislead or overreach the extractor.
//!
//! Every file is generated here, in a temporary directory, at test time:
//! pathological punctuation and long repeated constructions at 128 KB,
//! 1 MB and 4 MB; FIFOs, sockets, symlink loops, sparse files larger than
//! the size cap; byte-order marks, UTF-16, bad sidecars, dates out of
//! range; output written inside the input. Whether extraction is linear is
//! told by counting its work (and, with a generous factor, by comparing
//! the time of one input with eight times as much), never by a wall-clock
//! threshold alone, so the suite holds on a slow or busy machine and in a
//! debug build.

use atlas_extract::article::Problem;
use atlas_extract::Extractor;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("the built-in lexicon compiles"))
}

const FRONT_MATTER: &str = "---\npublished: 2019-01-25\n---\n";

/// A document of `size` bytes or just under: front matter, `head`, `unit`
/// repeated, `tail`.
fn document(head: &str, unit: &str, tail: &str, size: usize) -> String {
    let fixed = FRONT_MATTER.len() + head.len() + tail.len();
    let n = size.saturating_sub(fixed) / unit.len();
    format!("{FRONT_MATTER}{head}{}{tail}", unit.repeat(n))
}

/// Constructions that once made a step quadratic or worse: runs of
/// periods in sentence splitting, one long sentence of repeated cues,
/// markers, quotations, dates or abbreviations in the rules.
const CONSTRUCTIONS: &[(&str, &str, &str, &str)] = &[
    ("periods", "", ".", ""),
    ("dotted word", "", "a.", ""),
    ("dotted acronyms", "", "U.S.", ""),
    ("spaced periods", "", ". ", ""),
    ("ellipses", "", "...a ", ""),
    ("line breaks", "", "\n", ""),
    ("quotation marks", "", "\"", ""),
    ("curly quotes", "", "“", ""),
    ("repeat markers", "Canada recognized Guaidó", ", as did Brazil", "."),
    ("pronoun targets", "Canada backs Guaidó and", " supports him", "."),
    ("passive cues", "Guaidó", " backed by", " Canada."),
    ("ruptures", "", "Venezuela broke ", "relations with Canada."),
    ("thanks", "", "Maduro thanked ", "Russia for its support."),
    ("abbreviations", "Canada recognized Guaidó and the European Union", " (EU", "."),
    ("quoted cues", "", "\"a\" Canada recognized Guaidó ", "."),
    ("groups with exclusions", "", "the Lima Group recognized Guaidó except Peru, ", "."),
    ("dates of elections", "Canada recognized Guaidó ", "after the election of January 9 ", "."),
    ("epithets", "", "dictator Venezuela ", "Maduro."),
    ("chained cues", "Canada", " recognized and supported", " Guaidó."),
    ("a long list", "", "Canada, Brazil, Peru and Chile ", "recognized Guaidó."),
    ("no spaces", "", "Canada-recognized-Guaidó", "."),
];

/// The work of extracting `doc`, which must be read (not refused).
fn work(name: &str, doc: &str) -> u64 {
    match extractor().extract("hostile.txt", doc.as_bytes(), None) {
        Ok(x) => x.work,
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn work_grows_linearly_with_every_construction() {
    for (name, head, unit, tail) in CONSTRUCTIONS {
        let small = work(name, &document(head, unit, tail, 16 * 1024));
        let large = work(name, &document(head, unit, tail, 128 * 1024));
        // Linear is 8x; quadratic would be 64x.
        assert!(large <= 12 * small, "{name}: {small} units of work at 16 KB, {large} at 128 KB");
        assert!(large <= 8 * 128 * 1024, "{name}: {large} units of work for 128 KB");
    }
}

/// The time of `f`, the best of two: the less disturbed by other work on
/// the machine.
fn best_of_two(f: impl Fn()) -> Duration {
    (0..2)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn time_grows_linearly_with_pathological_punctuation() {
    // Not a threshold on time: the ratio of 8x the input to 1x, with room
    // for noise (linear is 8, quadratic 64).
    for (name, head, unit, tail) in &CONSTRUCTIONS[..3] {
        let (small, large) = (document(head, unit, tail, 128 * 1024), document(head, unit, tail, 1024 * 1024));
        let t1 = best_of_two(|| {
            work(name, &small);
        });
        let t8 = best_of_two(|| {
            work(name, &large);
        });
        assert!(t8 <= t1 * 24 + Duration::from_millis(50), "{name}: {t1:?} at 128 KB, {t8:?} at 1 MB");
    }
}

#[test]
fn pathological_inputs_at_the_size_cap_are_read_within_their_budget() {
    // 128 KB, 1 MB and 4 MB (just under the cap, front matter included).
    for size in [128 * 1024, 1024 * 1024, 4 * 1024 * 1024 - 64] {
        for (name, head, unit, tail) in &CONSTRUCTIONS[..3] {
            let doc = document(head, unit, tail, size);
            assert!(doc.len() <= atlas_extract::article::MAX_ARTICLE_BYTES);
            let w = work(name, &doc);
            assert!(w <= 8 * doc.len() as u64, "{name}: {w} units of work for {} bytes", doc.len());
        }
    }
}

#[test]
fn an_article_past_its_work_budget_is_reported_and_skipped() {
    let tight = Extractor::new().unwrap().with_budget(0, 1024);
    let doc = document("Canada recognized Guaidó", ", as did Brazil", ".", 64 * 1024);
    let err = tight.extract("hard.txt", doc.as_bytes(), None).expect_err("the budget is exceeded");
    assert!(matches!(err.problem, Problem::TooComplex { sentences: 1, .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("hard.txt: too complex: 1 sentences over "), "{msg}");
    // The default budget reads it.
    assert!(extractor().extract("hard.txt", doc.as_bytes(), None).is_ok());
}

const GOOD_BODY: &str = "Canada recognizes Juan Guaidó as interim president of Venezuela, Foreign Minister Chrystia \
Freeland said.\n\nThe governments of Mexico, Bolivia and Russia have stated that they recognize Nicolas Maduro as president.\n";

#[test]
fn a_byte_order_mark_before_front_matter_is_read_and_offsets_count_it() {
    let doc = format!("\u{feff}---\npublished: 2019-01-23\ntitle: With a BOM\n---\n{GOOD_BODY}");
    let x = extractor().extract("bom.txt", doc.as_bytes(), None).expect("read");
    assert_eq!(x.article.published.to_string(), "2019-01-23");
    assert!(!x.article.published_inferred, "the date was re-inferred: the front matter was missed");
    assert_eq!(x.article.title.as_deref(), Some("With a BOM"));
    assert!(!x.events.is_empty());
    for e in &x.events {
        assert_eq!(&doc.as_bytes()[e.span.start..e.span.end], e.quote.as_bytes(), "offsets do not count the BOM");
    }
    // Without front matter the mark is no part of the first sentence.
    let doc = format!("\u{feff}{GOOD_BODY}");
    let x = extractor().extract("bom.txt", doc.as_bytes(), Some("published: 2019-01-23")).expect("read");
    assert!(x.events.iter().all(|e| e.span.start >= 3 && !e.quote.starts_with('\u{feff}')));
    // Nor of a sidecar's first key.
    let x = extractor().extract("bom.txt", GOOD_BODY.as_bytes(), Some("\u{feff}published: 2019-01-23")).expect("read");
    assert!(!x.article.published_inferred);
}

#[test]
fn utf16_is_reported_as_such() {
    let text = format!("---\npublished: 2019-01-23\n---\n{GOOD_BODY}");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("le without bom", le.clone()),
        ("be without bom", be.clone()),
        ("le with bom", [&[0xFF, 0xFE][..], &le].concat()),
        ("be with bom", [&[0xFE, 0xFF][..], &be].concat()),
    ] {
        let err = extractor().extract("u16.txt", &bytes, None).expect_err(name);
        assert_eq!(err.problem, Problem::Utf16, "{name}: {err}");
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }
}

#[test]
fn dates_out_of_range_are_reported_not_used() {
    for date in ["9999-12-31", "0001-01-01", "2014-12-31", "2031-01-01"] {
        let doc = format!("---\npublished: {date}\n---\n{GOOD_BODY}");
        let err = extractor().extract("far.txt", doc.as_bytes(), None).expect_err(date);
        assert!(matches!(err.problem, Problem::DateOutOfRange { .. }), "{date}: {err}");
        assert!(err.to_string().contains(date) && err.to_string().contains("2015-01-01"), "{err}");
        // The same date in a sidecar: never re-inferred from the text.
        let err = extractor()
            .extract(
                "far.txt",
                format!("Published 2019-01-23. {GOOD_BODY}").as_bytes(),
                Some(&format!("published: {date}")),
            )
            .expect_err(date);
        assert!(matches!(err.problem, Problem::DateOutOfRange { .. }), "{date}: {err}");
    }
    // An event dated before the range (three years before a publication
    // inside it) is dropped, with a warning.
    let doc =
        "---\npublished: 2016-01-10\n---\nOn January 9, 2013, Canada recognized Juan Guaidó as interim president.\n";
    let x = extractor().extract("old.txt", doc.as_bytes(), None).expect("read");
    assert!(x.events.is_empty(), "{:?}", x.events);
    assert!(x.warnings.iter().any(|w| w.contains("2013-01-09") && w.contains("outside")), "{:?}", x.warnings);
    assert_eq!(
        atlas_extract::article::DateRange::builtin().map(|r| r.to_string()),
        Ok("2015-01-01 to 2030-12-31 (data/extract.toml)".to_string())
    );
}

#[test]
fn only_web_addresses_pass_without_a_warning() {
    for (url, warned) in [
        ("javascript:alert(document.cookie)", true),
        ("JavaScript:alert(1)", true),
        ("data:text/html,<script>alert(1)</script>", true),
        ("//example.com/x", true),
        ("https://example.com/a", false),
        ("HTTP://EXAMPLE.COM/", false),
    ] {
        let doc = format!("---\npublished: 2019-01-23\nurl: {url}\n---\n{GOOD_BODY}");
        let x = extractor().extract("url.txt", doc.as_bytes(), None).expect("read");
        let warning = x.warnings.iter().any(|w| w.contains("not an http or https address"));
        assert_eq!(warning, warned, "{url}: {:?}", x.warnings);
    }
}
