//! Article-level facts and their figures: a fact is one (article, actor,
//! stance); the verifier keeps it when its best mention's probability
//! reaches a threshold. Precision and recall come with 95% Wilson intervals,
//! printed as `scripts/eval/mentions.mjs` prints them.

use crate::corpus::Split;
use crate::model::{CLASSES, LABELS};
use std::collections::{BTreeMap, BTreeSet};

/// A fact: article index, actor code, label index.
pub type Fact = (usize, String, usize);

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Kept and gold.
    pub tp: usize,
    /// Kept, not gold.
    pub fp: usize,
    /// Gold, not kept.
    pub missed: usize,
}

impl Counts {
    /// tp / (tp + fp), 0 when nothing is kept.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + missed).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.missed)
    }
}

fn ratio(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 / n as f64
    }
}

/// The 95% Wilson interval of k successes in n trials.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (z, n) = (1.96f64, n as f64);
    let p = k as f64 / n;
    let d = 1.0 + z * z / n;
    let c = (p + z * z / (2.0 * n)) / d;
    let h = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / d;
    ((c - h).max(0.0), (c + h).min(1.0))
}

/// "0.95 (19/20, 0.76-0.99)", as `scripts/eval/mentions.mjs` writes a rate.
pub fn rate(k: usize, n: usize) -> String {
    let (lo, hi) = wilson(k, n);
    let p = if n == 0 { "  -".to_string() } else { format!("{:.2}", k as f64 / n as f64) };
    format!("{p} ({k}/{n}, {lo:.2}-{hi:.2})")
}

/// Counts per language and overall ("all") of `got` against `gold`.
pub fn score(split: &Split, gold: &BTreeSet<Fact>, got: &BTreeSet<Fact>) -> BTreeMap<String, Counts> {
    let mut t: BTreeMap<String, Counts> = BTreeMap::new();
    let mut bump = |a: usize, f: fn(&mut Counts)| {
        for k in [split.articles[a].lang.clone(), "all".to_string()] {
            f(t.entry(k).or_default());
        }
    };
    for k in got {
        if gold.contains(k) {
            bump(k.0, |c| c.tp += 1);
        } else {
            bump(k.0, |c| c.fp += 1);
        }
    }
    for k in gold.iter().filter(|k| !got.contains(*k)) {
        bump(k.0, |c| c.missed += 1);
    }
    t
}

/// The best probability of each (article, actor, stance) over its mentions,
/// for the three stances. A group's own mention is left out: the verifier
/// alone names no members (the rules do), so its figures count a group's
/// act as missed.
pub fn best(split: &Split, probs: &[[f32; CLASSES]]) -> BTreeMap<Fact, f32> {
    let mut out: BTreeMap<Fact, f32> = BTreeMap::new();
    for (c, p) in split.candidates.iter().zip(probs) {
        if c.group {
            continue;
        }
        for (k, &pk) in p.iter().enumerate().take(LABELS.len() - 1) {
            let e = out.entry((c.article, c.actor.clone(), k)).or_insert(0.0);
            *e = e.max(pk);
        }
    }
    out
}

/// The facts whose best probability reaches `t`.
pub fn keep(best: &BTreeMap<Fact, f32>, t: f32) -> BTreeSet<Fact> {
    best.iter().filter(|(_, &p)| p >= t).map(|(f, _)| f.clone()).collect()
}

/// The threshold that keeps the most gold facts at a precision of at least
/// `target` over at least `min_kept` kept facts, or None when none does.
pub fn choose_threshold(
    best: &BTreeMap<Fact, f32>,
    gold: &BTreeSet<Fact>,
    target: f64,
    min_kept: usize,
) -> Option<f32> {
    let mut ranked: Vec<(f32, bool)> = best.iter().map(|(f, &p)| (p, gold.contains(f))).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut kept) = (0usize, 0usize);
    let mut chosen = None;
    for (i, &(p, hit)) in ranked.iter().enumerate() {
        kept += 1;
        tp += usize::from(hit);
        // Only cut between distinct probabilities.
        if ranked.get(i + 1).is_some_and(|n| n.0 == p) {
            continue;
        }
        if kept >= min_kept && tp as f64 >= target * kept as f64 {
            chosen = Some(p);
        }
    }
    chosen
}

/// One bin of a reliability table.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bin {
    /// Pairs in the bin.
    pub n: usize,
    /// Mean predicted probability.
    pub predicted: f64,
    /// Share of pairs that were right.
    pub observed: f64,
}

/// A reliability table in `bins` equal bins of (probability, outcome)
/// pairs, and the expected calibration error.
pub fn reliability(pairs: &[(f32, bool)], bins: usize) -> (Vec<Bin>, f64) {
    let mut out = vec![Bin::default(); bins];
    for &(p, y) in pairs {
        let b = ((p * bins as f32) as usize).min(bins - 1);
        out[b].n += 1;
        out[b].predicted += f64::from(p);
        out[b].observed += f64::from(u8::from(y));
    }
    let total = pairs.len().max(1) as f64;
    let mut ece = 0.0;
    for b in out.iter_mut().filter(|b| b.n > 0) {
        b.predicted /= b.n as f64;
        b.observed /= b.n as f64;
        ece += (b.n as f64 / total) * (b.predicted - b.observed).abs();
    }
    (out, ece)
}
