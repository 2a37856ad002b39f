//! Prints the phrases the lexicon recognises in a sentence given as argument,
//! and the findings of the rules; a debugging aid for lexicon work. The
//! sentence is read as published on the second argument's date (default
//! 2019-01-25):
//!
//!     cargo run -q -p atlas-extract --example hits -- "Cuba congratulated Maduro." 2024-07-29
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let date = std::env::args().nth(2).unwrap_or_else(|| "2019-01-25".into());
    let lex = atlas_extract::lexicon::Lexicon::builtin().expect("lexicon");
    for h in lex.scan(&text) {
        println!("{:>4}..{:<4} {:?} {:?}", h.start, h.end, &text[h.start..h.end], h.tags());
    }
    let ex = atlas_extract::Extractor::with_lexicon(lex);
    let doc = format!("---\npublished: {date}\n---\n{text}\n");
    match ex.extract("example.txt", doc.as_bytes(), None) {
        Ok(x) => {
            for e in x.events {
                println!(
                    "=> {} {} {} {} [{}]",
                    e.actor,
                    e.stance,
                    e.kind,
                    e.date,
                    &doc[e.mention.start..e.mention.end]
                );
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
