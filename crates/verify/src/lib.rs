//! The verifier behind the rules: one decision per actor mention in its
//! sentence (with the sentence before as context) among opposition,
//! government, neutral and none, with a calibrated probability.
//!
//! A multinomial logistic regression over hashed features ([`features`]):
//! words and word pairs of the mention's clause and window, where the
//! mention stands relative to the lexicon's cues, sides, negators and
//! modals, negating and irrealis words, legislature nouns, headings and
//! lists. The weights live in `data/model/verifier.bin`, written by
//! `cargo run --release -p atlas-verify --example train`.
//!
//! ```no_run
//! # fn main() -> Result<(), atlas_verify::LoadError> {
//! let v = atlas_verify::Verifier::load(&std::fs::read("data/model/verifier.bin").unwrap())?;
//! let m = atlas_verify::Mention {
//!     sentence: "Canada recognised Juan Guaidó as interim president.",
//!     previous: "",
//!     lang: "en",
//!     date: "2019-01-24".parse().unwrap(),
//!     actor: "CA",
//! };
//! let [opposition, government, neutral, none] = v.score(&m);
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod confirm;
pub mod corpus;
pub mod facts;
pub mod features;
pub mod model;
pub mod train;
pub mod words;

pub use features::Mention;
pub use model::{Model, CLASSES, LABELS};

use atlas_extract::lexicon::Lexicon;
use features::Sentence;
use words::Languages;

/// Bumped whenever the features change meaning: a model trained on other
/// features then fails to load instead of scoring nonsense.
pub const FEATURE_VERSION: u32 = 1;

/// A model that could not be loaded: which file (or "verifier model" for
/// bytes without a name) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, or "verifier model".
    pub source: String,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.problem)
    }
}

impl std::error::Error for LoadError {}

/// What turns mentions into features: the extractor's lexicon and the
/// verifier's word lists.
pub struct Featurizer {
    lex: Lexicon,
    langs: Languages,
}

impl Featurizer {
    /// The lexicon and word lists compiled in.
    pub fn builtin() -> Result<Featurizer, String> {
        let lex = Lexicon::builtin().map_err(|e| format!("lexicon: {e}"))?;
        Ok(Featurizer { lex, langs: Languages::builtin()? })
    }

    /// The extractor's lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Reads a mention's sentence once, for the features of any of its actors.
    pub fn read<'a>(&'a self, m: &Mention<'a>) -> Sentence<'a> {
        Sentence::read(&self.lex, &self.langs, m)
    }

    /// The hashed features of one mention.
    pub fn features(&self, m: &Mention<'_>, bits: u32) -> Vec<u32> {
        let mut out = Vec::new();
        self.read(m).features(m.actor, bits, &mut out);
        out
    }
}

/// The fingerprint of the feature code's version and the word lists.
pub fn fingerprint() -> u32 {
    let mut bytes = FEATURE_VERSION.to_le_bytes().to_vec();
    for (lang, text) in words::BUILTIN {
        bytes.extend_from_slice(lang.as_bytes());
        bytes.extend_from_slice(text.as_bytes());
    }
    model::fnv(&bytes) as u32
}

/// The verifier: a featurizer and a trained model.
pub struct Verifier {
    featurizer: Featurizer,
    model: Model,
}

impl Verifier {
    /// Loads a model from its bytes (`data/model/verifier.bin`).
    pub fn load(bytes: &[u8]) -> Result<Verifier, LoadError> {
        Verifier::load_named("verifier model", bytes)
    }

    /// Loads a model from a file; errors name the file.
    pub fn load_file(path: &std::path::Path) -> Result<Verifier, LoadError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| LoadError { source: name.clone(), problem: e.to_string() })?;
        Verifier::load_named(&name, &bytes)
    }

    fn load_named(name: &str, bytes: &[u8]) -> Result<Verifier, LoadError> {
        let err = |problem: String| LoadError { source: name.to_string(), problem };
        let model = Model::from_bytes(bytes).map_err(|e| err(e.0))?;
        Verifier::with_model(model).map_err(|e| LoadError { source: name.to_string(), ..e })
    }

    /// A verifier around a model already in memory.
    pub fn with_model(model: Model) -> Result<Verifier, LoadError> {
        let err = |problem: String| LoadError { source: "verifier model".into(), problem };
        if model.fingerprint != fingerprint() {
            return Err(err(format!(
                "trained on other features (fingerprint {:08x}, this build's is {:08x}); retrain it with \
                 `cargo run --release -p atlas-verify --example train`",
                model.fingerprint,
                fingerprint()
            )));
        }
        Ok(Verifier { featurizer: Featurizer::builtin().map_err(err)?, model })
    }

    /// Probabilities of opposition, government, neutral and none ([`LABELS`]).
    pub fn score(&self, m: &Mention<'_>) -> [f32; CLASSES] {
        self.model.probabilities(&self.featurizer.features(m, self.model.bits))
    }

    /// Every actor the sentence names, each with its probabilities, reading
    /// the sentence once (`m.actor` is ignored).
    pub fn score_sentence(&self, m: &Mention<'_>) -> Vec<(String, [f32; CLASSES])> {
        let s = self.featurizer.read(m);
        let mut f = Vec::new();
        s.actors()
            .into_iter()
            .map(|a| {
                s.features(a, self.model.bits, &mut f);
                (a.to_string(), self.model.probabilities(&f))
            })
            .collect()
    }

    /// The threshold chosen on the dev split: a fact is kept when its best
    /// mention's probability reaches it.
    pub fn threshold(&self) -> f32 {
        self.model.threshold
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The featurizer.
    pub fn featurizer(&self) -> &Featurizer {
        &self.featurizer
    }
}
