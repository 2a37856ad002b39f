//! The labelled mention corpus (`data/labels/`) read for training and
//! evaluation: every mention the lexicon finds in a split's labelled
//! articles, with its features and, where labelled, its label.

use crate::features::Mention;
use crate::model::LABELS;
use crate::Featurizer;
use atlas_model::Date;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

/// One actor mention in one sentence of an article.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// `article@sentence_start:ACTOR`, as in `data/labels/`.
    pub id: String,
    /// Index into [`Split::articles`].
    pub article: usize,
    /// The actor's code.
    pub actor: String,
    /// The actor is a group of countries (labelled, but no fact of its own).
    pub group: bool,
    /// The sentence's and the previous sentence's byte ranges in the file.
    pub sentence: Range<usize>,
    /// The previous sentence (empty for the first).
    pub previous: Range<usize>,
    /// Sorted hashed features.
    pub features: Vec<u32>,
    /// The label's index into [`LABELS`], when the mention is labelled.
    pub label: Option<usize>,
}

/// One article of a split.
#[derive(Clone, Debug)]
pub struct Article {
    /// File name without `.txt`.
    pub id: String,
    /// Language code.
    pub lang: String,
    /// Publication date.
    pub date: Date,
    /// Where the body starts, after any front matter.
    pub body_start: usize,
    /// The file's text.
    pub text: String,
}

/// A split's articles, candidates and gold facts.
#[derive(Clone, Debug, Default)]
pub struct Split {
    /// The labelled articles, by id.
    pub articles: Vec<Article>,
    /// Every mention the lexicon finds in them.
    pub candidates: Vec<Candidate>,
    /// Gold facts: (article index, actor, label index) of positive labels;
    /// a group's label counts for its members on the act's day (as
    /// `scripts/eval/mentions.mjs` does, and as the extractor reads it).
    pub gold: BTreeSet<(usize, String, usize)>,
    /// Positive labelled mentions (groups left out).
    pub positives: usize,
    /// Labelled mentions the lexicon did not find (rows noted `missed:`, or
    /// whose id no candidate has).
    pub unmatched: usize,
}

impl Split {
    /// A candidate's mention, for [`crate::Verifier::score`].
    pub fn mention<'a>(&'a self, c: &'a Candidate) -> Mention<'a> {
        let a = &self.articles[c.article];
        Mention {
            sentence: &a.text[c.sentence.clone()],
            previous: &a.text[c.previous.clone()],
            lang: &a.lang,
            date: a.date,
            actor: &c.actor,
        }
    }
}

/// A labelled row: the columns the verifier reads.
struct Row {
    id: String,
    article: String,
    actor: String,
    kind: String,
    label: usize,
    /// The act's day: the label's date, else the article's publication.
    day: String,
}

fn read_rows(path: &Path) -> Result<Vec<Row>, String> {
    let name = path.display();
    let mut r = csv::Reader::from_path(path).map_err(|e| format!("{name}: {e}"))?;
    let head = r.headers().map_err(|e| format!("{name}: {e}"))?.clone();
    let col = |c: &str| head.iter().position(|h| h == c).ok_or_else(|| format!("{name}: no column {c}"));
    let (id, article, actor, kind, label) =
        (col("id")?, col("article")?, col("actor")?, col("actor_kind")?, col("label")?);
    let (date, published) = (col("date")?, col("published")?);
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| format!("{name}: {e}"))?;
        let get = |c: usize| rec.get(c).unwrap_or("").to_string();
        let l = get(label);
        let Some(label) = LABELS.iter().position(|x| *x == l) else {
            return Err(format!("{name}:{}: label {l:?} is not one of {}", i + 2, LABELS.join(", ")));
        };
        let day = Some(get(date)).filter(|d| !d.is_empty()).unwrap_or_else(|| get(published));
        out.push(Row { id: get(id), article: get(article), actor: get(actor), kind: get(kind), label, day });
    }
    Ok(out)
}

/// Reads split `name` (`train`, `dev`, `test`) from the project at `root`:
/// `data/labels/<name>.csv` and the articles it labels.
pub fn load(root: &Path, name: &str, fz: &Featurizer, bits: u32) -> Result<Split, String> {
    let rows = read_rows(&root.join(format!("data/labels/{name}.csv")))?;
    let groups: BTreeSet<&str> = fz.lexicon().groups.iter().map(|g| g.id.as_str()).collect();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.article.as_str()).collect();
    let mut split = Split::default();
    let mut index = HashMap::new();
    for id in ids {
        index.insert(id.to_string(), split.articles.len());
        let path = root.join(format!("data/articles/{id}.txt"));
        let article = read_article(&path, id, fz)?;
        split.candidates.extend(candidates(&article, split.articles.len(), fz, bits, &groups));
        split.articles.push(article);
    }
    let by_id: HashMap<String, usize> = split.candidates.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
    let none = LABELS.len() - 1;
    for r in &rows {
        match by_id.get(&r.id) {
            Some(&i) => split.candidates[i].label = Some(r.label),
            None => split.unmatched += 1,
        }
        let group = r.kind == "group" || groups.contains(r.actor.as_str());
        if r.label != none && !group {
            split.positives += 1;
            split.gold.insert((index[&r.article], r.actor.clone(), r.label));
        } else if r.label != none {
            // A group's labelled act is its members' on the act's day, as
            // the extractor reads it (and scripts/eval/mentions.mjs).
            let g = fz.lexicon().groups.iter().find(|g| g.id == r.actor);
            let day = r.day.parse().map_err(|e| format!("{}: label date {:?}: {e}", r.id, r.day))?;
            for m in g.map(|g| g.members_on(day)).unwrap_or_default() {
                split.gold.insert((index[&r.article], m.to_string(), r.label));
            }
        }
    }
    Ok(split)
}

/// Reads one article file (and its `.meta` sidecar) as the verifier reads
/// it: language, publication date and where the body starts. Errors name the
/// file.
pub fn read_article(path: &Path, id: &str, fz: &Featurizer) -> Result<Article, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sidecar = std::fs::read_to_string(path.with_extension("txt.meta")).ok();
    let file = path.display().to_string();
    let prep = atlas_extract::article::prepare(&file, &text, sidecar.as_deref(), fz.lexicon(), None)
        .map_err(|e| e.to_string())?;
    let (lang, date, body_start) = (prep.lang.clone(), prep.published, prep.body_start);
    Ok(Article { id: id.to_string(), lang, date, body_start, text })
}

/// The sentences of an article's body as byte ranges of the file.
pub fn sentences(text: &str, body_start: usize) -> Vec<Range<usize>> {
    atlas_extract::text::sentences(&text[body_start..])
        .into_iter()
        .map(|r| body_start + r.start..body_start + r.end)
        .collect()
}

fn candidates(a: &Article, index: usize, fz: &Featurizer, bits: u32, groups: &BTreeSet<&str>) -> Vec<Candidate> {
    let body_start = a.body_start;
    let mut out = Vec::new();
    let mut previous = body_start..body_start;
    for range in sentences(&a.text, body_start) {
        let m = Mention {
            sentence: &a.text[range.clone()],
            previous: &a.text[previous.clone()],
            lang: &a.lang,
            date: a.date,
            actor: "",
        };
        let s = fz.read(&m);
        for actor in s.actors() {
            let mut features = Vec::new();
            s.features(actor, bits, &mut features);
            out.push(Candidate {
                id: format!("{}@{}:{actor}", a.id, range.start),
                article: index,
                actor: actor.to_string(),
                group: groups.contains(actor),
                sentence: range.clone(),
                previous: previous.clone(),
                features,
                label: None,
            });
        }
        previous = range;
    }
    out
}

impl Split {
    /// The labelled candidates as training examples.
    pub fn examples(&self) -> Vec<crate::train::Example> {
        self.candidates
            .iter()
            .filter_map(|c| c.label.map(|label| crate::train::Example { features: c.features.clone(), label }))
            .collect()
    }

    /// The labelled candidates' article indices, beside [`Split::examples`].
    pub fn example_articles(&self) -> Vec<usize> {
        self.candidates.iter().filter(|c| c.label.is_some()).map(|c| c.article).collect()
    }
}
