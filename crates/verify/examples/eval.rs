//! Fact-level figures of the verifier, the rules and their combinations.
//!
//! Usage: cargo run --release -p atlas-verify --example eval -- dev|test ...
//!
//! For each split: every mention the lexicon finds in its labelled articles
//! is scored; a fact (article, actor, stance) is kept when its best
//! mention's probability reaches the threshold stored in the model (chosen
//! on dev by the train example). Printed as `scripts/eval/mentions.mjs`
//! prints: precision and recall with 95% Wilson intervals, per language and
//! overall; for the rules alone (`data/dataset.json`), the verifier alone,
//! the rules' facts the verifier agrees with, and the union. Then the
//! calibration on the split's labelled mentions, the candidate throughput on
//! one core and the model's size. Errors are never listed for test.
use atlas_verify::corpus::{self, Split};
use atlas_verify::facts::{self, Counts, Fact};
use atlas_verify::{Verifier, LABELS};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wanted = if args.is_empty() { vec!["dev".to_string()] } else { args };
    if let Some(bad) = wanted.iter().find(|a| !matches!(a.as_str(), "dev" | "test" | "train")) {
        fail(&format!("usage: eval [dev|test|train]... (got {bad})"));
    }
    let path = root.join("data/model/verifier.bin");
    let v = Verifier::load_file(&path).unwrap_or_else(|e| fail(&e.to_string()));
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    for name in &wanted {
        let split = corpus::load(&root, name, v.featurizer(), v.model().bits).unwrap_or_else(|e| fail(&e));
        report(name, &split, &v, &root);
    }
    println!(
        "model: {} ({size} bytes), threshold {:.3}, temperature {:.2}",
        path.display(),
        v.threshold(),
        v.model().temperature
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

fn report(name: &str, split: &Split, v: &Verifier, root: &std::path::Path) {
    let probs: Vec<[f32; 4]> = split.candidates.iter().map(|c| v.model().probabilities(&c.features)).collect();
    let best = facts::best(split, &probs);
    let rules = rule_facts(split, root);
    let t = v.threshold();
    let verifier = facts::keep(&best, t);
    let agreed = |t: f32| -> BTreeSet<Fact> {
        rules.iter().filter(|f| best.get(*f).is_some_and(|&p| p >= t)).cloned().collect()
    };
    let union: BTreeSet<Fact> = rules.union(&verifier).cloned().collect();
    println!(
        "{name}: {} labelled articles, {} positive mentions, {} facts",
        split.articles.len(),
        split.positives,
        split.gold.len()
    );
    let systems: [(String, BTreeSet<Fact>); 5] = [
        ("rules".into(), rules.clone()),
        (format!("verifier>={t:.2}"), verifier.clone()),
        ("rules+verifier>=0.50".into(), agreed(0.5)),
        (format!("rules+verifier>={t:.2}"), agreed(t)),
        (format!("rules|verifier>={t:.2}"), union),
    ];
    for (label, got) in &systems {
        for (lang, c) in facts::score(split, &split.gold, got) {
            print_line(label, &lang, &c);
        }
    }
    let reached = split
        .gold
        .iter()
        .filter(|g| split.candidates.iter().any(|c| c.article == g.0 && c.actor == g.1 && c.label == Some(g.2)))
        .count();
    println!("  candidate recall (facts) {}", facts::rate(reached, split.gold.len()));
    calibration(split, &probs);
    if name != "test" && std::env::var_os("VERBOSE").is_some() {
        errors(split, &best, &verifier);
    }
    throughput(split, v);
}

fn print_line(system: &str, lang: &str, c: &Counts) {
    println!(
        "  {system:<22} facts {lang:<3} precision {}  recall {}",
        facts::rate(c.tp, c.tp + c.fp),
        facts::rate(c.tp, c.tp + c.missed)
    );
}

/// The rules' facts: `data/dataset.json`'s events in the split's articles,
/// shown and held back (`unconfirmed`) alike: the rules alone.
fn rule_facts(split: &Split, root: &std::path::Path) -> BTreeSet<Fact> {
    let path = root.join("data/dataset.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let data: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let index: BTreeMap<&str, usize> = split.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut events = data["events"].as_array().cloned().unwrap_or_default();
    events.extend(data["unconfirmed"].as_array().cloned().unwrap_or_default());
    events
        .iter()
        .filter_map(|e| {
            let a = *index.get(e["article"].as_str()?)?;
            let stance = LABELS.iter().position(|l| Some(*l) == e["stance"].as_str())?;
            Some((a, e["actor"].as_str()?.to_string(), stance))
        })
        .collect()
}

/// Reliability of the stance probabilities on the labelled mentions.
fn calibration(split: &Split, probs: &[[f32; 4]]) {
    let mut pairs = Vec::new();
    let mut top = Vec::new();
    for (c, p) in split.candidates.iter().zip(probs) {
        let Some(y) = c.label else { continue };
        pairs.extend((0..3).map(|k| (p[k], k == y)));
        let (k, pk) = p.iter().enumerate().fold((0, 0.0f32), |b, (k, &x)| if x > b.1 { (k, x) } else { b });
        top.push((pk, k == y));
    }
    let right = top.iter().filter(|t| t.1).count();
    println!("  mention accuracy {}", facts::rate(right, top.len()));
    for (what, pairs) in [("stance probabilities", &pairs), ("top label", &top)] {
        let (bins, ece) = facts::reliability(pairs, 10);
        let cells: Vec<String> = bins
            .iter()
            .enumerate()
            .filter(|(_, b)| b.n > 0)
            .map(|(i, b)| {
                format!(
                    "{:.1}-{:.1}: {:.2}/{:.2} n={}",
                    i as f32 / 10.0,
                    (i + 1) as f32 / 10.0,
                    b.predicted,
                    b.observed,
                    b.n
                )
            })
            .collect();
        println!("  calibration, {what} (predicted/observed per bin), ECE {ece:.3}");
        for c in cells {
            println!("    {c}");
        }
    }
}

fn errors(split: &Split, best: &BTreeMap<Fact, f32>, kept: &BTreeSet<Fact>) {
    let show = |f: &Fact| {
        format!("{} {} {} ({:.2})", split.articles[f.0].id, f.1, LABELS[f.2], best.get(f).copied().unwrap_or(0.0))
    };
    for f in kept.iter().filter(|f| !split.gold.contains(*f)) {
        println!("  FP {}", show(f));
    }
    for f in split.gold.iter().filter(|f| !kept.contains(*f)) {
        println!("  FN {}", show(f));
    }
}

/// Mentions scored per second on one core, each through
/// [`Verifier::score`]: the sentence read and scanned, features hashed,
/// the model applied.
fn throughput(split: &Split, v: &Verifier) {
    let start = Instant::now();
    let (mut n, mut sink) = (0usize, 0.0f32);
    while start.elapsed().as_secs_f64() < 1.0 {
        for c in &split.candidates {
            sink += v.score(&split.mention(c))[0];
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "  throughput: {:.0} mentions/s on one core ({n} scored in {secs:.2}s; checksum {sink:.1})",
        n as f64 / secs
    );
}
