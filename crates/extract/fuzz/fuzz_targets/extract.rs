//! Feeds arbitrary bytes to `Extractor::extract` and checks the span
//! invariant: every event's span slices the document, on char boundaries, to
//! exactly its quote, and its mention lies inside the span; and that the
//! work done stays linear in the input.
//!
//! The first byte picks the shape of the document, so that both the checks on
//! raw files (binary, not UTF-8, no date) and the rules (which need a
//! publication date) are reached, and so that short inputs also stand for
//! long ones (random mutation alone rarely grows an input to megabytes):
//!   bit 0 even: a front matter with a date is prepended to the rest;
//!         odd:  the rest is the whole file (date read off the text, if any);
//!   bits 1-3, 0 to 3: the rest as it is; 4 to 7: the rest repeated up to
//!         16 KB, 128 KB, 1 MB or the size cap (4 MiB), which is where
//!         quadratic loops show.
//! Run it with a per-input time limit (`-timeout`, see README.md): a long
//! input that takes seconds is a finding, like a crash.
#![no_main]

use atlas_extract::article::{Problem, MAX_ARTICLE_BYTES};
use atlas_extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

const FRONT_MATTER: &[u8] = b"---\npublished: 2019-01-25\n---\n";

/// The size a document of mode `mode` is grown to, if any.
fn grown_size(mode: u8) -> Option<usize> {
    match (mode >> 1) & 7 {
        4 => Some(16 << 10),
        5 => Some(128 << 10),
        6 => Some(1 << 20),
        7 => Some(MAX_ARTICLE_BYTES),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let ex = EXTRACTOR.get_or_init(|| Extractor::new().expect("the built-in lexicon compiles"));
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut doc: Vec<u8> = if mode % 2 == 0 { FRONT_MATTER.to_vec() } else { Vec::new() };
    match grown_size(mode) {
        Some(size) if !rest.is_empty() => {
            while doc.len() + rest.len() <= size {
                doc.extend_from_slice(rest);
            }
        }
        _ => doc.extend_from_slice(rest),
    }
    let x = match ex.extract("fuzz.txt", &doc, None) {
        Ok(x) => x,
        // Past its work budget: some step is not linear in the input.
        Err(e) if matches!(e.problem, Problem::TooComplex { .. }) => panic!("{e}"),
        Err(_) => return,
    };
    let text = std::str::from_utf8(&doc).expect("extract accepted a document that is not UTF-8");
    for e in &x.events {
        let quote = text.get(e.span.start..e.span.end).expect("span out of range or not on char boundaries");
        assert_eq!(quote, e.quote, "the quote is not the document's text at its span");
        assert!(e.span.contains(e.mention) && e.mention.start < e.mention.end, "mention outside the span");
        assert!(text.get(e.mention.start..e.mention.end).is_some(), "mention not on char boundaries");
        assert_ne!(e.actor, "VE", "Venezuela was given a stance");
    }
    // The hostile-input tests' worst constructions take under 5 units a
    // byte; far more on a long input means a loop that is not linear.
    let len = doc.len() as u64;
    assert!(x.work <= 16 * len + (1 << 20), "{} units of work for {len} bytes", x.work);
});
