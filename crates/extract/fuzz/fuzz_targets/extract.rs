//! Feeds arbitrary bytes to `Extractor::extract` and checks the span
//! invariant: every event's span slices the document, on char boundaries, to
//! exactly its quote, and its mention lies inside the span.
//!
//! The first byte picks the shape of the document, so that both the checks on
//! raw files (binary, not UTF-8, no date) and the rules (which need a
//! publication date) are reached:
//!   even: a front matter with a date is prepended to the rest;
//!   odd:  the rest is the whole file (date read off the text, if any).
#![no_main]

use atlas_extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

const FRONT_MATTER: &[u8] = b"---\npublished: 2019-01-25\n---\n";

fuzz_target!(|data: &[u8]| {
    let ex = EXTRACTOR.get_or_init(|| Extractor::new().expect("the built-in lexicon compiles"));
    let Some((&mode, rest)) = data.split_first() else { return };
    let doc: Vec<u8> = if mode % 2 == 0 { [FRONT_MATTER, rest].concat() } else { rest.to_vec() };
    let Ok(x) = ex.extract("fuzz.txt", &doc, None) else { return };
    let text = std::str::from_utf8(&doc).expect("extract accepted a document that is not UTF-8");
    for e in &x.events {
        let quote = text.get(e.span.start..e.span.end).expect("span out of range or not on char boundaries");
        assert_eq!(quote, e.quote, "the quote is not the document's text at its span");
        assert!(e.span.contains(e.mention) && e.mention.start < e.mention.end, "mention outside the span");
        assert!(text.get(e.mention.start..e.mention.end).is_some(), "mention not on char boundaries");
        assert_ne!(e.actor, "VE", "Venezuela was given a stance");
    }
});
