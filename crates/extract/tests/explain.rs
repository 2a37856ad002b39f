//! `atlas-extract explain FILE`: why an article gave the events it gave.
//! Each test is one sentence of the specification, run on the built binary
//! (or, for the corpus-wide check, on the library).

use atlas_extract::explain::{render_json, Filter};
use atlas_extract::Extractor;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_atlas-extract");

/// A temporary article with front matter, removed when dropped.
struct Article(PathBuf);

impl Article {
    fn new(name: &str, lang: &str, body: &str) -> Article {
        let dir = std::env::temp_dir().join(format!("atlas-explain-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("article.txt");
        std::fs::write(&path, format!("---\npublished: 2019-01-25\nlang: {lang}\n---\n{body}\n")).unwrap();
        Article(path)
    }
}

impl Drop for Article {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

/// Runs `atlas-extract explain` with `args`; its exit code, stdout, stderr.
fn explain(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).arg("explain").args(args).output().expect("the binary runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8 output");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn explain_text(body: &str) -> String {
    let a =
        Article::new(&format!("{:x}", body.len() * 7919 + body.bytes().map(usize::from).sum::<usize>()), "en", body);
    let (code, out, err) = explain(&[a.0.to_str().unwrap()]);
    assert_eq!(code, 0, "explain failed: {err}");
    out
}

fn assert_has(out: &str, want: &str) {
    assert!(out.contains(want), "expected the trace to contain\n  {want}\nbut it was:\n{out}");
}

#[test]
fn a_recognition_shows_its_construction_holder_event_and_date_source() {
    let out = explain_text("On January 23, the United States recognized Juan Guaidó as interim president.");
    assert_has(
        &out,
        "hits: actor \"United States\" US · cue \"recognized\" recognition · side \"Juan Guaidó\" opposition",
    );
    assert_has(
        &out,
        "matched active_cue: \"recognized\" → \"Juan Guaidó\" = opposition recognition; held by US (\"United States\")",
    );
    assert_has(&out, "⇒ US opposition recognition @2019-01-23");
    assert_has(&out, "date 2019-01-23: from the sentence's own date expression");
}

#[test]
fn a_sentence_without_a_date_is_dated_on_publication_and_says_so() {
    let out = explain_text("Canada recognized Guaidó as interim president.");
    assert_has(&out, "⇒ CA opposition recognition @2019-01-25");
    assert_has(&out, "date 2019-01-25: from the article's publication date (the sentence gives none)");
}

#[test]
fn a_guard_that_stops_an_act_is_named_with_the_words_it_fired_on() {
    let out = explain_text("Canada should recognize Guaidó.");
    assert_has(&out, "blocked active_cue at \"recognize\": guard modal on \"should\"");
    assert_has(&out, "⇒ no event");
}

#[test]
fn a_negation_that_takes_no_side_is_named() {
    let out = explain_text("Canada did not endorse Guaidó.");
    assert_has(&out, "guard negation_takes_no_side on \"not\"");
    assert_has(&out, "⇒ no event");
}

#[test]
fn an_act_nobody_holds_names_the_actors_passed_over_and_why() {
    let out = explain_text("The former Colombian president Andrés Pastrana recognized Guaidó.");
    assert_has(&out, "no actor holds it; passed over: \"Colombian\" former");
    assert_has(&out, "⇒ no event");
}

#[test]
fn a_repeat_marker_shows_the_act_it_repeats_and_for_whom() {
    let out = explain_text("Trump recognised Guaidó, as did Canada.");
    assert_has(&out, "matched repeat: \"as did\" = opposition recognition; held by CA (\"Canada\")");
}

#[test]
fn a_group_is_shown_as_the_members_it_names_on_the_date() {
    let out = explain_text("The Lima Group recognized Guaidó as interim president.");
    assert_has(&out, "group \"Lima Group\" lima_group");
    assert_has(&out, "(\"Lima Group\")");
    assert_has(&out, "⇒ PE opposition recognition @2019-01-25");
}

#[test]
fn a_sentence_with_no_actor_or_no_cue_is_not_shown() {
    let out = explain_text("It rained in Caracas. Canada is a country.");
    assert_has(&out, "no sentence names an actor together with a cue or a side");
}

#[test]
fn sentence_picks_one_sentence_and_country_the_sentences_of_one_actor() {
    let a = Article::new("filters", "en", "Canada recognized Guaidó.\n\nRussia backed Maduro.");
    let path = a.0.to_str().unwrap();
    let (_, out, _) = explain(&[path, "--sentence", "2"]);
    assert!(out.starts_with("sentence 2 "), "{out}");
    assert!(!out.contains("Canada"), "{out}");
    let (_, out, _) = explain(&[path, "--country", "ca"]);
    assert_has(&out, "⇒ CA opposition");
    assert!(!out.contains("Russia"), "{out}");
}

#[test]
fn json_format_gives_tools_the_steps_with_guard_and_construction_names() {
    let a = Article::new("json", "en", "Canada should recognize Guaidó.\n\nRussia backed Maduro.");
    let (code, out, err) = explain(&[a.0.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let sentences = v["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[0]["steps"][0]["guard"], "modal");
    assert_eq!(sentences[0]["steps"][0]["construction"], "active_cue");
    assert_eq!(sentences[1]["steps"][0]["construction"], "active_cue");
    assert_eq!(sentences[1]["events"][0]["actor"], "RU");
    assert_eq!(sentences[1]["date"]["source"], "publication");
}

#[test]
fn a_spanish_article_is_explained_in_its_own_words() {
    let a = Article::new("es", "es", "El gobierno de México reconoció a Nicolás Maduro como presidente legítimo.");
    let (_, out, _) = explain(&[a.0.to_str().unwrap()]);
    assert_has(&out, "matched active_cue: \"reconoció\"");
    assert_has(&out, "⇒ MX government recognition @2019-01-25");
}

#[test]
fn a_missing_file_is_an_error_naming_it_and_a_bad_option_a_usage_error() {
    let (code, _, err) = explain(&["/nonexistent/article.txt"]);
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/article.txt"), "{err}");
    let (code, _, err) = explain(&["--sentence", "0", "x.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("--sentence \"0\""), "{err}");
    let (code, _, err) = explain(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("no article"), "{err}");
    let (code, _, err) = explain(&["--format", "yaml", "x.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("yaml"), "{err}");
}

/// The trace is of the run that makes the dataset: for every article of
/// the corpus, the events the explanation lists are exactly the events
/// extraction gives, each under the sentence it came from or joined.
#[test]
fn explained_events_are_the_extracted_events_for_every_corpus_article() {
    let ex = Extractor::new().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 100, "the corpus has {} articles", paths.len());
    let mut differ = Vec::new();
    for p in &paths {
        let (file, bytes, sidecar) = atlas_extract::corpus::read_article(p).unwrap();
        let Ok(x) = ex.extract(&file, &bytes, sidecar.as_deref()) else { continue };
        let explained = ex.explain(&file, &bytes, sidecar.as_deref()).unwrap();
        let key = |e: &atlas_model::Event| (e.actor.clone(), e.stance, e.kind, e.date, e.span, e.mention);
        let mut want: Vec<_> = x.events.iter().map(key).collect();
        let mut got: Vec<_> = explained.sentences.iter().flat_map(|s| s.events.iter().map(key)).collect();
        want.sort_by_key(|k| format!("{k:?}"));
        got.sort_by_key(|k| format!("{k:?}"));
        if want != got {
            differ.push(format!("{file}: extract gives {} events, explain lists {}", want.len(), got.len()));
        }
        // The JSON form is valid for every article.
        let json = render_json(&explained, &Filter::All);
        serde_json::from_str::<serde_json::Value>(&json).unwrap();
    }
    assert!(differ.is_empty(), "explain and extract disagree:\n{}", differ.join("\n"));
}
