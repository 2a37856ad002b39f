//! `data/dataset.json` is what `make dataset` writes now: the extractor's
//! events scored by the committed verifier and split at the committed
//! threshold; and scoring fails, naming the file, on what it cannot read.

use atlas_extract::corpus::{render, Format};
use atlas_extract::{Extractor, Options};
use atlas_model::Dataset;
use atlas_verify::confirm::{self, Settings, Texts};
use atlas_verify::Verifier;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn verifier() -> Verifier {
    Verifier::load_file(&root().join("data/model/verifier.bin")).expect("the committed model loads")
}

fn settings() -> Settings {
    Settings::read(&root().join("data/model/confirm.toml")).expect("the committed settings load")
}

#[test]
fn dataset_json_is_fresh() {
    let articles = root().join("data/articles");
    let ex = Extractor::new().expect("the built-in lexicon compiles");
    let report =
        atlas_extract::run(&ex, std::slice::from_ref(&articles), &Options { progress: false, ..Options::default() });
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let (fresh, scored) =
        confirm::confirm(&verifier(), report.dataset(), &Texts::new(&[articles]), &settings()).unwrap();
    assert_eq!(scored.events, fresh.all_events().count());
    let fresh = fresh.to_json();
    let committed = std::fs::read_to_string(root().join("data/dataset.json")).expect("data/dataset.json exists");
    if committed != fresh {
        let n = committed.lines().zip(fresh.lines()).position(|(a, b)| a != b);
        let hint = n.map_or("the files differ in length".to_string(), |n| {
            format!(
                "first difference at line {}:\n  committed: {}\n  fresh:     {}",
                n + 1,
                committed.lines().nth(n).unwrap_or(""),
                fresh.lines().nth(n).unwrap_or("")
            )
        });
        panic!("data/dataset.json is stale (articles, model or data/model/confirm.toml changed): run `make dataset`\n{hint}");
    }
}

#[test]
fn the_committed_dataset_is_split_at_the_committed_threshold() {
    let ds = Dataset::from_json(&std::fs::read_to_string(root().join("data/dataset.json")).unwrap()).unwrap();
    assert_eq!(ds.threshold, settings().confidence());
    assert!(ds.all_events().all(|e| e.confidence.is_some()));
    assert!(!ds.unconfirmed.is_empty() && !ds.events.is_empty());
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-confirm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_article_that_went_missing_is_named() {
    let dir = scratch("missing");
    let file = dir.join("a.txt");
    std::fs::write(
        &file,
        "---\npublished: 2019-01-24\nlang: en\n---\nCanada recognised Juan Guaidó as interim president of Venezuela.\n",
    )
    .unwrap();
    let ex = Extractor::new().unwrap();
    let report =
        atlas_extract::run(&ex, std::slice::from_ref(&dir), &Options { progress: false, ..Options::default() });
    let ds = report.dataset();
    assert!(!ds.events.is_empty(), "the sentence gives an event");
    let (scored, _) =
        confirm::confirm(&verifier(), ds.clone(), &Texts::new(std::slice::from_ref(&dir)), &settings()).unwrap();
    assert!(scored.all_events().all(|e| e.confidence.is_some()));
    std::fs::remove_file(&file).unwrap();
    let err = confirm::confirm(&verifier(), ds, &Texts::new(std::slice::from_ref(&dir)), &settings()).unwrap_err();
    assert!(err.contains("a.txt"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_settings_are_refused_naming_the_file() {
    let dir = scratch("settings");
    let path = dir.join("confirm.toml");
    for (text, says) in [
        ("threshold = 1.5\nchosen_on = \"dev\"\nrule = \"x\"\n", "not a probability"),
        ("threshold = 0.5\nchosen_on = \"test\"\nrule = \"x\"\n", "dev only"),
        ("threshold = 0.5\n", "missing field"),
        ("threshold = \"high\"\nchosen_on = \"dev\"\nrule = \"x\"\n", "invalid type"),
    ] {
        std::fs::write(&path, text).unwrap();
        let err = Settings::read(&path).unwrap_err();
        assert!(err.contains("confirm.toml") && err.contains(says), "{err}");
    }
    assert!(Settings::read(&dir.join("absent.toml")).unwrap_err().contains("absent.toml"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rendering_the_extractor_alone_gives_an_unscored_dataset() {
    // What atlas-extract writes by itself loads, with nothing held back.
    let dir = scratch("unscored");
    std::fs::write(
        dir.join("a.txt"),
        "---\npublished: 2019-01-24\nlang: en\n---\nCanada recognised Juan Guaidó as interim president of Venezuela.\n",
    )
    .unwrap();
    let ex = Extractor::new().unwrap();
    let report =
        atlas_extract::run(&ex, std::slice::from_ref(&dir), &Options { progress: false, ..Options::default() });
    let ds = Dataset::from_json(&render(&report, Format::Json)).unwrap();
    assert!(!ds.is_confirmed() && ds.unconfirmed.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
