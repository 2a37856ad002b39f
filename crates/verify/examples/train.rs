//! Trains the verifier and writes `data/model/verifier.bin`.
//!
//! Usage: cargo run --release -p atlas-verify --example train [-- --check]
//!
//! Reads `data/labels/train.csv` and `dev.csv` with their articles. Trains
//! on train; picks the L2 penalty by log-loss on dev; fits the temperature
//! on out-of-fold scores of train (five folds by article); picks the
//! threshold on dev: the one that keeps the most gold facts at a fact-level
//! precision of at least 0.95. The test split is never read. Same data,
//! same bytes. With `--check` it writes nothing and fails when the
//! committed model differs from what training gives.
use atlas_verify::corpus::{self, Split};
use atlas_verify::facts;
use atlas_verify::train::{self, Example, Options};
use atlas_verify::{fingerprint, Featurizer, Model};
use std::path::{Path, PathBuf};

const L2_GRID: [f64; 5] = [3e-3, 1e-2, 2e-2, 4e-2, 8e-2];
const FOLDS: usize = 5;
/// Fact-level precision the threshold must reach on dev.
const TARGET: f64 = 0.95;

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fz = Featurizer::builtin().unwrap_or_else(|e| fail(&e));
    let opts = Options::default();
    let load = |name| corpus::load(&root, name, &fz, opts.bits).unwrap_or_else(|e| fail(&e));
    let (train_split, dev) = (load("train"), load("dev"));
    let examples = train_split.examples();
    println!("train: {} labelled mentions; dev: {}", examples.len(), dev.examples().len());
    let mut best: Option<(f64, f64)> = None;
    for l2 in L2_GRID {
        let model = train::train(&examples, &Options { l2, ..opts }, fingerprint());
        let loss = train::log_loss(&labelled_logits(&model, &dev), 1.0);
        let t = threshold(&model, &dev).unwrap_or(1.0);
        println!("  l2 {l2:.0e}: dev log-loss {loss:.4}, fact threshold at precision {TARGET} {t:.3}");
        if best.is_none_or(|(b, _)| loss < b) {
            best = Some((loss, l2));
        }
    }
    let l2 = best.map_or(opts.l2, |b| b.1);
    let opts = Options { l2, ..opts };
    let temperature = cross_validated_temperature(&examples, &train_split.example_articles(), &opts);
    let mut model = train::train(&examples, &opts, fingerprint());
    model.temperature = temperature;
    model.threshold = threshold(&model, &dev).unwrap_or(1.0);
    println!(
        "chosen: l2 {l2:.0e}, temperature {temperature:.2}, threshold {:.3}; dev log-loss {:.4}",
        model.threshold,
        train::log_loss(&labelled_logits(&model, &dev), temperature)
    );
    write(&root.join("data/model/verifier.bin"), &model, check);
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

/// Dev's labelled mentions: raw scores and labels.
fn labelled_logits(model: &Model, split: &Split) -> Vec<([f32; 4], usize)> {
    split.candidates.iter().filter_map(|c| c.label.map(|l| (model.logits(&c.features), l))).collect()
}

/// The fact-level threshold on `split` at the target precision.
fn threshold(model: &Model, split: &Split) -> Option<f32> {
    let probs: Vec<[f32; 4]> = split.candidates.iter().map(|c| model.probabilities(&c.features)).collect();
    facts::choose_threshold(&facts::best(split, &probs), &split.gold, TARGET, 20)
}

/// The temperature fitted on out-of-fold scores: each fold's articles scored
/// by a model trained on the others.
fn cross_validated_temperature(examples: &[Example], articles: &[usize], opts: &Options) -> f32 {
    let mut held = Vec::new();
    for fold in 0..FOLDS {
        let (test, rest): (Vec<_>, Vec<_>) = examples.iter().zip(articles).partition(|(_, a)| **a % FOLDS == fold);
        let rest: Vec<Example> = rest.into_iter().map(|(e, _)| e.clone()).collect();
        let model = train::train(&rest, opts, fingerprint());
        held.extend(test.into_iter().map(|(e, _)| (model.logits(&e.features), e.label)));
    }
    train::fit_temperature(&held)
}

fn write(path: &Path, model: &Model, check: bool) {
    let bytes = model.to_bytes();
    let sum = atlas_verify::model::fnv(&bytes);
    if check {
        let old = std::fs::read(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        if old != bytes {
            fail(&format!(
                "{}: differs from what training gives now (fnv {sum:016x}); rerun without --check",
                path.display()
            ));
        }
        println!("{}: unchanged ({} bytes, fnv {sum:016x})", path.display(), bytes.len());
        return;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    }
    std::fs::write(path, &bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    println!("wrote {} ({} bytes, fnv {sum:016x})", path.display(), bytes.len());
}
