//! The extractor's events checked by the verifier: each event gets the
//! verifier's probability for its stance at its own mention
//! ([`score`]), and the dataset is split at the threshold of
//! `data/model/confirm.toml` ([`Settings`], applied by
//! [`atlas_model::Dataset::confirmed_at`]). `make dataset` runs this through
//! the `atlas-confirm` binary; DESIGN.md tells why.

use crate::corpus::{self, Article};
use crate::model::LABELS;
use crate::{Featurizer, Mention, Verifier};
use atlas_model::{Confidence, Dataset, Event};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// `data/model/confirm.toml`: the threshold and why it is what it is.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The confidence an event needs to be shown.
    pub threshold: f64,
    /// The split it was chosen on: always "dev".
    pub chosen_on: String,
    /// The rule that chose it, in words.
    pub rule: String,
}

impl Settings {
    /// Reads and checks the settings file; errors name it.
    pub fn read(path: &Path) -> Result<Settings, String> {
        let name = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let s: Settings = toml::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        if s.chosen_on != "dev" {
            return Err(format!("{name}: chosen_on is {:?}; a threshold is chosen on dev only", s.chosen_on));
        }
        s.confidence().ok_or_else(|| format!("{name}: threshold {} is not a probability from 0 to 1", s.threshold))?;
        Ok(s)
    }

    /// The threshold as a [`Confidence`].
    pub fn confidence(&self) -> Option<Confidence> {
        Confidence::from_probability(self.threshold)
    }
}

/// How the events were scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scored {
    /// Events scored.
    pub events: usize,
    /// Of those, scored at a group's mention (the event is a member's).
    pub at_group: usize,
    /// Of those, whose actor the verifier's reading of the sentence does not
    /// name (scored as unlocated, which gives a low confidence).
    pub unlocated: usize,
}

/// Finds each article's file among the inputs the extractor read:
/// directories (the file is inside) and files (the file itself).
pub struct Texts {
    inputs: Vec<PathBuf>,
}

impl Texts {
    /// The inputs as given to the extractor.
    pub fn new(inputs: &[PathBuf]) -> Texts {
        Texts { inputs: inputs.to_vec() }
    }

    fn path_of(&self, file: &str) -> Option<PathBuf> {
        self.inputs.iter().find_map(|p| {
            if p.is_dir() {
                Some(p.join(file)).filter(|f| f.is_file())
            } else {
                (p.file_name().is_some_and(|n| n == file)).then(|| p.clone())
            }
        })
    }
}

/// Sets every event's confidence (shown and held back alike): the
/// verifier's probability for the event's stance at the event's mention, in
/// the sentence that holds the mention with the sentence before (as the
/// labels and the evaluation read it). Where the verifier reads the mention
/// as a group's (a member's act read from "the Lima Group"), the group is
/// scored. Articles are read from `texts`; errors name the file.
pub fn score(v: &Verifier, dataset: &mut Dataset, texts: &Texts) -> Result<Scored, String> {
    let mut stats = Scored::default();
    let mut read: HashMap<String, Article> = HashMap::new();
    let files: HashMap<String, String> = dataset.articles.iter().map(|a| (a.id.clone(), a.file.clone())).collect();
    let mut events = std::mem::take(&mut dataset.events);
    events.append(&mut dataset.unconfirmed);
    for e in &mut events {
        let file =
            files.get(&e.article).ok_or_else(|| format!("event of {} names unknown article {}", e.actor, e.article))?;
        if !read.contains_key(&e.article) {
            let path = texts.path_of(file).ok_or_else(|| format!("{file}: not found among the inputs"))?;
            read.insert(e.article.clone(), corpus::read_article(&path, &e.article, v.featurizer())?);
        }
        let p = probability(v.featurizer(), v, &read[&e.article], e, &mut stats)
            .map_err(|problem| format!("{file}: event of {} at bytes {}: {problem}", e.actor, e.span.start))?;
        e.confidence = Some(p);
        stats.events += 1;
    }
    dataset.events = events;
    Ok(stats)
}

fn probability(
    fz: &Featurizer,
    v: &Verifier,
    a: &Article,
    e: &Event,
    stats: &mut Scored,
) -> Result<Confidence, String> {
    let sentences = corpus::sentences(&a.text, a.body_start);
    let at = e.mention.start;
    let i = sentences.iter().position(|r| r.start <= at && at < r.end).ok_or("the mention is in no sentence")?;
    let previous = if i == 0 { a.body_start..a.body_start } else { sentences[i - 1].clone() };
    let sentence = sentences[i].clone();
    let m = Mention {
        sentence: a.text.get(sentence.clone()).ok_or("the sentence is not text")?,
        previous: a.text.get(previous).ok_or("the previous sentence is not text")?,
        lang: &a.lang,
        date: a.date,
        actor: &e.actor,
    };
    let s = fz.read(&m);
    let actor = if s.actors().contains(&e.actor.as_str()) {
        e.actor.as_str()
    } else if let Some(group) = s.actor_at(at - sentence.start) {
        stats.at_group += 1;
        group
    } else {
        stats.unlocated += 1;
        e.actor.as_str()
    };
    let mut features = Vec::new();
    s.features(actor, v.model().bits, &mut features);
    let probs = v.model().probabilities(&features);
    let k = LABELS.iter().position(|l| *l == e.stance.as_str()).ok_or("a stance the verifier has no label for")?;
    Confidence::from_probability(f64::from(probs[k])).ok_or_else(|| format!("probability {} out of range", probs[k]))
}

/// The extractor's dataset scored and split at the settings' threshold.
pub fn confirm(
    v: &Verifier,
    mut dataset: Dataset,
    texts: &Texts,
    settings: &Settings,
) -> Result<(Dataset, Scored), String> {
    let stats = score(v, &mut dataset, texts)?;
    let t = settings.confidence().ok_or("the threshold is not a probability")?;
    let dataset = dataset.confirmed_at(t).map_err(|e| e.to_string())?;
    Ok((dataset, stats))
}
