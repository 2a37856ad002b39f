//! Writes a dataset twice the size of the one given, for `make bench` to
//! measure the first load with twice today's corpus (the budget must hold as
//! the corpus grows). Every article gets a copy (`x` + its id, the same text),
//! and every event a twin in the copy, moved by up to four months within the
//! data's years and given another confidence above the threshold, so the twin
//! does not compress away as an exact repeat would.
//!
//!     cargo run -q -p atlas-model --example double -- data/dataset.json target/bench-2x
//!
//! writes `target/bench-2x/dataset.json` and `target/bench-2x/articles/`.

use atlas_model::{Confidence, Dataset, Date};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        eprintln!("usage: double DATASET OUTDIR");
        return ExitCode::FAILURE;
    };
    match run(Path::new(input), Path::new(out)) {
        Ok(n) => {
            eprintln!("double: {n} events in {}", Path::new(out).join("dataset.json").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("double: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &Path, out: &Path) -> Result<usize, String> {
    let json = std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let ds = Dataset::from_json(&json).map_err(|e| format!("{}: {e}", input.display()))?;
    let corpus = input.parent().unwrap_or(Path::new(".")).join("articles");
    let texts = out.join("articles");
    std::fs::create_dir_all(&texts).map_err(|e| format!("{}: {e}", texts.display()))?;
    let mut doubled = ds.clone();
    for a in &ds.articles {
        let from = corpus.join(&a.file);
        let text = std::fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
        let mut copy = a.clone();
        copy.id = format!("x{}", a.id);
        copy.file = format!("x{}", a.file);
        for (name, body) in [(&a.file, &text), (&copy.file, &text)] {
            let to = texts.join(name);
            std::fs::write(&to, body).map_err(|e| format!("{}: {e}", to.display()))?;
        }
        doubled.articles.push(copy);
    }
    let (first, last) = (Date::new(2019, 1, 1).expect("a date"), ds.events.iter().map(|e| e.date).max());
    let last = last.unwrap_or(first);
    let floor = ds.threshold.map_or(0, Confidence::thousandths);
    for (i, e) in ds.events.iter().enumerate() {
        let mut twin = e.clone();
        twin.article = format!("x{}", e.article);
        let h = spread(i as u32);
        twin.date = e.date.add_days((h % 241) as i32 - 120).max(first).min(last);
        twin.confidence = e
            .confidence
            .map(|_| Confidence::from_thousandths(floor + (h >> 8) as u16 % (1001 - floor)).expect("at most 1000"));
        doubled.events.push(twin);
    }
    doubled.events.sort_by(|a, b| (&a.actor, a.date).cmp(&(&b.actor, b.date)));
    doubled.articles.sort_by(|a, b| a.id.cmp(&b.id));
    let to = out.join("dataset.json");
    std::fs::write(&to, doubled.to_json()).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(doubled.events.len())
}

/// A fixed scramble of an index (a multiplicative hash), so that the twins
/// are the same on every run.
fn spread(i: u32) -> u32 {
    i.wrapping_add(1).wrapping_mul(0x9e37_79b9).rotate_right(7)
}
