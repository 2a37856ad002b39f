//! The language lexicons (`lexicon/<lang>.toml`) are reviewed data: these
//! tests hold every language file to the same shape, so a language added
//! next cannot silently lack a list the rules rely on, and so a phrase
//! cannot carry two meanings that cancel each other.

use std::collections::{BTreeMap, BTreeSet};
use toml::Value;

/// Every language file, parsed, by language code.
fn files() -> BTreeMap<&'static str, Value> {
    atlas_extract::lexicon::builtin::LANGUAGES
        .iter()
        .map(|(lang, text)| {
            let value: Value = toml::from_str(text).unwrap_or_else(|e| panic!("lexicon/{lang}.toml: {e}"));
            (*lang, value)
        })
        .collect()
}

/// `section.list` → the phrases of every list of string arrays in `file`.
fn lists(file: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (section, table) in file.as_table().into_iter().flatten() {
        for (name, value) in table.as_table().into_iter().flatten() {
            if let Some(items) = value.as_array() {
                let phrases = items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
                out.insert(format!("{section}.{name}"), phrases);
            }
        }
    }
    out
}

#[test]
fn every_language_has_the_same_lists() {
    let files = files();
    let shapes: BTreeMap<_, BTreeSet<String>> =
        files.iter().map(|(lang, f)| (*lang, lists(f).into_keys().collect())).collect();
    let all: BTreeSet<String> = shapes.values().flatten().cloned().collect();
    for (lang, shape) in &shapes {
        let missing: Vec<_> = all.difference(shape).collect();
        assert!(missing.is_empty(), "lexicon/{lang}.toml lacks {missing:?}");
    }
}

#[test]
fn no_list_holds_a_blank_or_repeated_phrase() {
    for (lang, file) in files() {
        for (list, phrases) in lists(&file) {
            let mut seen = BTreeSet::new();
            for p in &phrases {
                assert!(!p.trim().is_empty(), "lexicon/{lang}.toml {list}: a blank phrase");
                assert_eq!(p, p.trim(), "lexicon/{lang}.toml {list}: {p:?} has spaces around it");
                assert!(seen.insert(p.as_str()), "lexicon/{lang}.toml {list}: {p:?} twice");
            }
        }
    }
}

#[test]
fn word_lists_hold_single_lowercase_words() {
    // These are compared word by word against lowercased text.
    let single_words = [
        "cues.clause_breaks",
        "cues.partitives",
        "cues.containers",
        "cues.rivals",
        "cues.apposition_openers",
        "calendar.foreign_date_followers",
    ];
    for (lang, file) in files() {
        let lists = lists(&file);
        for name in single_words {
            for p in lists.get(name).into_iter().flatten() {
                assert!(!p.contains(' '), "lexicon/{lang}.toml {name}: {p:?} is not one word");
                assert_eq!(*p, p.to_lowercase(), "lexicon/{lang}.toml {name}: {p:?} is not lowercase");
            }
        }
    }
}

#[test]
fn no_cue_is_both_support_and_opposition() {
    for (lang, file) in files() {
        let lists = lists(&file);
        let lower = |name: &str| -> BTreeSet<String> {
            lists.get(name).into_iter().flatten().map(|p| p.to_lowercase()).collect()
        };
        let support: BTreeSet<_> =
            lower("cues.support").union(&lower("cues.recognition")).cloned().collect::<BTreeSet<_>>();
        let oppose = lower("cues.oppose");
        let both: Vec<_> = support.intersection(&oppose).collect();
        assert!(both.is_empty(), "lexicon/{lang}.toml: {both:?} both support and oppose");
        let sides: Vec<_> = lower("sides.opposition").intersection(&lower("sides.government")).cloned().collect();
        assert!(sides.is_empty(), "lexicon/{lang}.toml: {sides:?} on both sides");
    }
}

#[test]
fn unqualified_results_belong_to_no_side() {
    // "the results" is the government's only when criticised; listed as a
    // side as well, a promise to recognise verified results would read as
    // backing Maduro.
    for (lang, file) in files() {
        let lists = lists(&file);
        let results: BTreeSet<_> = lists["sides.results"].iter().map(|p| p.to_lowercase()).collect();
        for side in ["sides.government", "sides.opposition", "sides.neutral"] {
            for p in &lists[side] {
                assert!(!results.contains(&p.to_lowercase()), "lexicon/{lang}.toml: {p:?} is in {side} and results");
            }
        }
    }
}

#[test]
fn the_lexicon_compiles() {
    atlas_extract::lexicon::Lexicon::builtin().expect("the built-in lexicon compiles");
}

#[test]
fn foreign_date_markers_fit_the_words_read_before_a_date() {
    // dates.rs reads the last six words before a date to match these.
    for (lang, file) in files() {
        for p in lists(&file).get("calendar.foreign_date_markers").into_iter().flatten() {
            assert!(
                p.split_whitespace().count() <= 6,
                "lexicon/{lang}.toml calendar.foreign_date_markers: {p:?} is longer than six words"
            );
        }
    }
}

/// A misspelled key in a language file is an error naming the file and the
/// key, in any section, not a list silently left empty.
#[test]
fn a_misspelled_key_is_an_error_naming_file_and_key() {
    use atlas_extract::lexicon::{builtin, Lexicon, Sources};
    let (lang, en) = builtin::LANGUAGES.iter().find(|(l, _)| *l == "en").copied().unwrap();
    for (key, typo) in
        [("negators", "negatorz"), ("rupture_verbs", "rupture_verb"), ("pronouns", "pronoun"), ("weekdays", "weekday")]
    {
        let pattern = format!("\n{key} =");
        assert!(en.contains(&pattern), "en.toml has no {key:?} key");
        let broken = en.replacen(&pattern, &format!("\n{typo} ="), 1);
        let languages = [(lang, broken.as_str())];
        let err = Lexicon::from_sources(Sources { languages: &languages, ..Sources::builtin() })
            .err()
            .unwrap_or_else(|| panic!("{typo:?} was accepted"))
            .to_string();
        assert!(err.contains("lexicon/en.toml") && err.contains(typo), "{err}");
    }
}
