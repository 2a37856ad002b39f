//! Does more in-domain labelled data help? A learning curve on dev alone
//! (the test split is never read).
//!
//! Usage: cargo run --release -p atlas-verify --example curve
//!
//! Dev's articles are cut in two halves by index. Each half is scored by a
//! model trained on train, on train and the other half, and on the other
//! half alone: log-loss, mention accuracy and fact-level recall at a
//! precision of 0.95 and 0.90, the threshold chosen on the scored half
//! itself (the same way for every model, so the models compare, though the
//! recall is optimistic for all of them).
use atlas_verify::corpus::{self, Split};
use atlas_verify::facts;
use atlas_verify::train::{self, Options};
use atlas_verify::{fingerprint, Featurizer, Model};
use std::path::PathBuf;

/// The half of `s` whose article indices have parity `parity`.
fn half(s: &Split, parity: usize) -> Split {
    let mut h = s.clone();
    h.candidates.retain(|c| c.article % 2 == parity);
    h.gold.retain(|g| g.0 % 2 == parity);
    h
}

/// Prints one model's figures on one half.
fn measure(name: &str, m: &Model, s: &Split) {
    let ll: Vec<_> = s.candidates.iter().filter_map(|c| c.label.map(|l| (m.logits(&c.features), l))).collect();
    let acc = ll.iter().filter(|(z, y)| (0..4).max_by(|&a, &b| z[a].total_cmp(&z[b])) == Some(*y)).count();
    let probs: Vec<[f32; 4]> = s.candidates.iter().map(|c| m.probabilities(&c.features)).collect();
    let best = facts::best(s, &probs);
    let t = facts::choose_threshold(&best, &s.gold, 0.95, 10).unwrap_or(1.0);
    let c = facts::score(s, &s.gold, &facts::keep(&best, t))["all"];
    let t9 = facts::choose_threshold(&best, &s.gold, 0.90, 10).unwrap_or(1.0);
    let c9 = facts::score(s, &s.gold, &facts::keep(&best, t9))["all"];
    println!(
        "{name}: log-loss {:.3} acc {:.3} recall@P.95 {:.2} (t {t:.2}) recall@P.90 {:.2}",
        train::log_loss(&ll, 1.0),
        acc as f64 / ll.len() as f64,
        c.recall(),
        c9.recall()
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fz = Featurizer::builtin().unwrap();
    let opts = Options { l2: 1e-2, ..Options::default() };
    let tr = corpus::load(&root, "train", &fz, opts.bits).unwrap();
    let dev = corpus::load(&root, "dev", &fz, opts.bits).unwrap();
    let base = tr.examples();
    for p in 0..2 {
        let (a, b) = (half(&dev, 1 - p), half(&dev, p));
        let m1 = train::train(&base, &opts, fingerprint());
        let mut more = base.clone();
        more.extend(a.examples());
        let m2 = train::train(&more, &opts, fingerprint());
        println!("dev half {p}: {} labelled; other half {} labelled", b.examples().len(), a.examples().len());
        measure("  train only      ", &m1, &b);
        measure("  train+other half", &m2, &b);
        let only = train::train(&a.examples(), &opts, fingerprint());
        measure("  other half only ", &only, &b);
    }
}
