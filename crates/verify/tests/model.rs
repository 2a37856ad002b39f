//! Training and loading: training is deterministic, a tiny synthetic set is
//! learnt, damaged models fail with the file and the problem named, and the
//! committed model loads and reads plain sentences the plain way.
use atlas_verify::model::{Model, LABELS};
use atlas_verify::train::{self, Example, Options};
use atlas_verify::{fingerprint, Featurizer, Mention, Verifier};
use std::path::PathBuf;

const BITS: u32 = 16;

fn opts() -> Options {
    Options { bits: BITS, l2: 1e-3, epochs: 150, rate: 0.05 }
}

/// Synthetic sentences of four kinds, each naming its actor the same way.
fn synthetic(fz: &Featurizer) -> Vec<(Example, &'static str)> {
    let sentences: [(&str, &str, usize); 8] = [
        ("Canada recognised Juan Guaidó as interim president.", "CA", 0),
        ("Peru backed Guaidó as interim president.", "PE", 0),
        ("Russia congratulated Nicolás Maduro on his victory.", "RU", 1),
        ("Cuba supported Maduro's government.", "CU", 1),
        ("Mexico called for dialogue between the parties.", "MX", 2),
        ("Uruguay urged negotiations and new elections.", "UY", 2),
        ("Guaidó travelled to Colombia on Monday.", "CO", 3),
        ("The talks were held in Norway last week.", "NO", 3),
    ];
    sentences
        .iter()
        .map(|&(sentence, actor, label)| {
            let m = Mention { sentence, previous: "", lang: "en", date: "2019-02-04".parse().unwrap(), actor };
            (Example { features: fz.features(&m, BITS), label }, sentence)
        })
        .collect()
}

#[test]
fn training_learns_a_tiny_synthetic_set() {
    let fz = Featurizer::builtin().unwrap();
    let set = synthetic(&fz);
    let examples: Vec<Example> = set.iter().map(|(e, _)| e.clone()).collect();
    let model = train::train(&examples, &opts(), fingerprint());
    for (e, sentence) in &set {
        let p = model.probabilities(&e.features);
        let best = (0..4).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        assert_eq!(LABELS[best], LABELS[e.label], "{sentence}: {p:?}");
        assert!(p[e.label] > 0.6, "{sentence}: {p:?}");
    }
}

#[test]
fn training_twice_gives_the_same_bytes() {
    let fz = Featurizer::builtin().unwrap();
    let examples: Vec<Example> = synthetic(&fz).into_iter().map(|(e, _)| e).collect();
    let a = train::train(&examples, &opts(), fingerprint()).to_bytes();
    let b = train::train(&examples, &opts(), fingerprint()).to_bytes();
    assert_eq!(a, b);
    let m = Model::from_bytes(&a).unwrap();
    assert_eq!(m.to_bytes(), a, "a model read back writes the same bytes");
}

/// `bytes` changed by `f`, with the checksum made right again.
fn resealed(bytes: &[u8], f: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut b = bytes[..bytes.len() - 8].to_vec();
    f(&mut b);
    let sum = atlas_verify::model::fnv(&b);
    b.extend_from_slice(&sum.to_le_bytes());
    b
}

fn model_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/model/verifier.bin")
}

#[test]
fn loading_errors_name_the_file_and_the_problem() {
    let dir = std::env::temp_dir().join(format!("atlas-verify-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = Model::zeros(BITS, fingerprint()).to_bytes();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.bin", Vec::new(), "not a verifier model"),
        ("text.bin", b"opposition,government".to_vec(), "not a verifier model"),
        ("short.bin", good[..20].to_vec(), "truncated"),
        (
            "damaged.bin",
            {
                let mut b = good.clone();
                let n = b.len();
                b[n - 9] ^= 1;
                b
            },
            "checksum",
        ),
        ("stale.bin", Model::zeros(BITS, fingerprint() ^ 1).to_bytes(), "trained on other features"),
        ("bits.bin", resealed(&good, |b| b[12] = 40), "hash bits"),
        ("version.bin", resealed(&good, |b| b[8] = 9), "format version 9"),
    ];
    for (name, bytes, problem) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = Verifier::load_file(&path).err().unwrap_or_else(|| panic!("{name} loaded"));
        let text = err.to_string();
        assert!(text.starts_with(&path.display().to_string()), "{name}: {text}");
        assert!(text.contains(problem), "{name}: {text}");
    }
    let missing = dir.join("missing.bin");
    let text = Verifier::load_file(&missing).err().unwrap().to_string();
    assert!(text.contains("missing.bin"), "{text}");
    assert!(Verifier::load(&good).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_committed_model_loads_and_reads_plain_sentences() {
    let v = Verifier::load_file(&model_path()).unwrap();
    assert!(std::fs::metadata(model_path()).unwrap().len() <= 5 << 20, "at most 5 MB");
    let date = "2019-01-24".parse().unwrap();
    let cases = [
        ("Canada recognised Juan Guaidó as interim president.", "en", "CA", "opposition"),
        ("Russia congratulated Nicolás Maduro and rejected the opposition's claims.", "en", "RU", "government"),
        ("Guaidó travelled to Colombia.", "en", "CO", "none"),
        ("Perú reconoce a Juan Guaidó como presidente encargado de Venezuela.", "es", "PE", "opposition"),
    ];
    for (sentence, lang, actor, want) in cases {
        let p = v.score(&Mention { sentence, previous: "", lang, date, actor });
        let best = (0..4).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        assert_eq!(LABELS[best], want, "{sentence}: {p:?}");
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
    let all = v.score_sentence(&Mention {
        sentence: "Canada and Peru recognised Guaidó.",
        previous: "",
        lang: "en",
        date,
        actor: "",
    });
    assert_eq!(all.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(), ["CA", "PE"]);
}

#[test]
fn scoring_a_mention_matches_the_corpus_features() {
    let v = Verifier::load_file(&model_path()).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let split = atlas_verify::corpus::load(&root, "dev", v.featurizer(), v.model().bits).unwrap();
    assert!(split.candidates.len() > 500, "dev has its candidates");
    for c in split.candidates.iter().step_by(7) {
        let m = split.mention(c);
        assert_eq!(v.score(&m), v.model().probabilities(&c.features), "{}", c.id);
        let all = v.score_sentence(&m);
        let (_, p) = all.iter().find(|(a, _)| *a == c.actor).unwrap();
        assert_eq!(*p, v.score(&m), "{}: one reading per sentence gives the same scores", c.id);
    }
}
