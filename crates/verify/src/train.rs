//! Training: full-batch Adam on the mean cross-entropy with an L2 penalty,
//! single-threaded and in a fixed order, so that the same examples give the
//! same weights bit for bit; then a temperature for calibration.

use crate::model::{softmax, Model, CLASSES};

/// One labelled mention: its hashed features and its label's index.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// Sorted, deduplicated buckets.
    pub features: Vec<u32>,
    /// Index into [`crate::model::LABELS`].
    pub label: usize,
}

/// The training settings.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Hash bits of the feature space.
    pub bits: u32,
    /// L2 penalty on every weight.
    pub l2: f64,
    /// Full passes over the examples.
    pub epochs: usize,
    /// Adam's step size.
    pub rate: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options { bits: 18, l2: 1e-3, epochs: 300, rate: 0.05 }
    }
}

/// Trains a model on `examples` (temperature 1, threshold 0.5).
pub fn train(examples: &[Example], opts: &Options, fingerprint: u32) -> Model {
    // Only buckets some example holds ever move from zero: train those.
    let mut active: Vec<u32> = examples.iter().flat_map(|e| e.features.iter().copied()).collect();
    active.sort_unstable();
    active.dedup();
    let rows: Vec<Vec<usize>> =
        examples.iter().map(|e| e.features.iter().filter_map(|f| active.binary_search(f).ok()).collect()).collect();
    let mut w = vec![[0.0f64; CLASSES]; active.len()];
    let mut m = w.clone();
    let mut v = w.clone();
    let n = examples.len().max(1) as f64;
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
    for epoch in 1..=opts.epochs {
        let mut g = vec![[0.0f64; CLASSES]; active.len()];
        for (e, row) in examples.iter().zip(&rows) {
            let p = probabilities(&w, row);
            for &f in row {
                for k in 0..CLASSES {
                    let y = if k == e.label { 1.0 } else { 0.0 };
                    g[f][k] += (p[k] - y) / n;
                }
            }
        }
        let (c1, c2) = (1.0 - b1.powi(epoch as i32), 1.0 - b2.powi(epoch as i32));
        for i in 0..w.len() {
            for k in 0..CLASSES {
                let grad = g[i][k] + opts.l2 * w[i][k];
                m[i][k] = b1 * m[i][k] + (1.0 - b1) * grad;
                v[i][k] = b2 * v[i][k] + (1.0 - b2) * grad * grad;
                w[i][k] -= opts.rate * (m[i][k] / c1) / ((v[i][k] / c2).sqrt() + eps);
            }
        }
    }
    let mut model = Model::zeros(opts.bits, fingerprint);
    for (b, row) in active.iter().zip(&w) {
        model.weights[*b as usize] = row.map(|x| x as f32);
    }
    model
}

fn probabilities(w: &[[f64; CLASSES]], row: &[usize]) -> [f64; CLASSES] {
    let mut z = [0.0f64; CLASSES];
    for &f in row {
        for k in 0..CLASSES {
            z[k] += w[f][k];
        }
    }
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut p = z.map(|x| (x - max).exp());
    let s: f64 = p.iter().sum();
    p.iter_mut().for_each(|x| *x /= s);
    p
}

/// Mean negative log-likelihood of labelled logits at a temperature.
pub fn log_loss(logits: &[([f32; CLASSES], usize)], temperature: f32) -> f64 {
    let n = logits.len().max(1) as f64;
    logits.iter().map(|(z, y)| -f64::from(softmax(*z, temperature)[*y].max(1e-9)).ln()).sum::<f64>() / n
}

/// The temperature, from 0.25 to 5 by steps of 0.01, that minimises the
/// log-loss of `logits` (held-out scores of a model).
pub fn fit_temperature(logits: &[([f32; CLASSES], usize)]) -> f32 {
    let mut best = (f64::INFINITY, 1.0f32);
    for i in 25..=500 {
        let t = i as f32 / 100.0;
        let l = log_loss(logits, t);
        if l < best.0 {
            best = (l, t);
        }
    }
    best.1
}
