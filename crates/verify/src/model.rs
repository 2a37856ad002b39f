//! The model's weights and their file format.
//!
//! The file is little-endian: the magic `ATLASVF1`, then `u32` format
//! version, `u32` hash bits, `u32` classes, `u32` fingerprint of the feature
//! code and word lists it was trained with, `f32` temperature, `f32`
//! threshold, `u32` count of stored rows, then each row (`u32` bucket and
//! one `f32` weight per class) in bucket order, and last a `u64` FNV-1a
//! checksum of everything before it. Only buckets with a non-zero weight are
//! stored, so the file stays small while scoring reads a dense table.

/// The labels the model decides among, in the order of its scores.
pub const LABELS: [&str; 4] = ["opposition", "government", "neutral", "none"];
/// How many labels.
pub const CLASSES: usize = 4;
const MAGIC: &[u8; 8] = b"ATLASVF1";
const VERSION: u32 = 1;
/// Hash bits at most: a table of 2^22 rows would be 64 MB in memory.
pub const MAX_BITS: u32 = 22;

/// A multinomial logistic regression over hashed features.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The feature space has `2^bits` buckets.
    pub bits: u32,
    /// The fingerprint of the features it was trained on.
    pub fingerprint: u32,
    /// Logits are divided by it before the softmax (calibration).
    pub temperature: f32,
    /// The probability a fact's best mention must reach to be kept.
    pub threshold: f32,
    /// `2^bits` rows of [`CLASSES`] weights.
    pub weights: Vec<[f32; CLASSES]>,
}

/// What is wrong with a model's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl Model {
    /// A model of zeros.
    pub fn zeros(bits: u32, fingerprint: u32) -> Model {
        Model { bits, fingerprint, temperature: 1.0, threshold: 0.5, weights: vec![[0.0; CLASSES]; 1 << bits] }
    }

    /// Raw scores of a feature set (sorted bucket indices).
    pub fn logits(&self, features: &[u32]) -> [f32; CLASSES] {
        let mut z = [0.0f32; CLASSES];
        for &f in features {
            if let Some(row) = self.weights.get(f as usize) {
                for (z, w) in z.iter_mut().zip(row) {
                    *z += w;
                }
            }
        }
        z
    }

    /// Calibrated probabilities of a feature set.
    pub fn probabilities(&self, features: &[u32]) -> [f32; CLASSES] {
        softmax(self.logits(features), self.temperature)
    }

    /// The model as bytes (same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows: Vec<(usize, &[f32; CLASSES])> =
            self.weights.iter().enumerate().filter(|(_, r)| r.iter().any(|w| *w != 0.0)).collect();
        let mut out = Vec::with_capacity(40 + rows.len() * (4 + 4 * CLASSES));
        out.extend_from_slice(MAGIC);
        for v in [VERSION, self.bits, CLASSES as u32, self.fingerprint] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (i, r) in rows {
            out.extend_from_slice(&(i as u32).to_le_bytes());
            for w in r {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let sum = fnv(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, FormatError> {
        let err = |m: String| Err(FormatError(m));
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return err("not a verifier model (the file does not start with ATLASVF1)".into());
        }
        if bytes.len() < 44 {
            return err(format!("truncated: {} bytes, the header alone is 44", bytes.len()));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let stored = u64::from_le_bytes(tail.try_into().unwrap_or_default());
        let sum = fnv(body);
        if sum != stored {
            return err(format!(
                "checksum {stored:016x} does not match the contents ({sum:016x}): the file is damaged"
            ));
        }
        let mut r = Reader { bytes: body, at: 8 };
        let version = r.u32()?;
        if version != VERSION {
            return err(format!("format version {version}, this build reads version {VERSION}"));
        }
        let (bits, classes, fingerprint) = (r.u32()?, r.u32()?, r.u32()?);
        if bits == 0 || bits > MAX_BITS {
            return err(format!("{bits} hash bits, expected 1 to {MAX_BITS}"));
        }
        if classes as usize != CLASSES {
            return err(format!("{classes} classes, expected {CLASSES}"));
        }
        let (temperature, threshold) = (r.f32()?, r.f32()?);
        if !(temperature.is_finite() && temperature > 0.0 && (0.0..=1.0).contains(&threshold)) {
            return err(format!("temperature {temperature} or threshold {threshold} out of range"));
        }
        let n = r.u32()? as usize;
        let mut m = Model { bits, fingerprint, temperature, threshold, weights: vec![[0.0; CLASSES]; 1 << bits] };
        if body.len() != r.at + n * (4 + 4 * CLASSES) {
            return err(format!("{n} rows announced but {} bytes hold them", body.len().saturating_sub(r.at)));
        }
        for _ in 0..n {
            let i = r.u32()? as usize;
            let Some(row) = m.weights.get_mut(i) else {
                return err(format!("row {i} is outside the {} buckets", 1u64 << bits));
            };
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        Ok(m)
    }
}

/// A softmax of `z / temperature`.
pub fn softmax(z: [f32; CLASSES], temperature: f32) -> [f32; CLASSES] {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = z.map(|v| ((v - max) / temperature).exp());
    let s: f32 = p.iter().sum();
    for v in &mut p {
        *v /= s;
    }
    p
}

/// FNV-1a, 64 bits.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl Reader<'_> {
    fn take4(&mut self) -> Result<[u8; 4], FormatError> {
        let b = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| FormatError(format!("truncated at byte {}", self.at)))?;
        self.at += 4;
        Ok([b[0], b[1], b[2], b[3]])
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        self.take4().map(u32::from_le_bytes)
    }

    fn f32(&mut self) -> Result<f32, FormatError> {
        self.take4().map(f32::from_le_bytes)
    }
}
