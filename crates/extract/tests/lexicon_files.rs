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
        "dates.month_links",
        "dates.year_links",
        "dates.year_openers",
        "dates.place_openers",
        "language.function_words",
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
    for (key, typo) in [
        ("negators", "negatorz"),
        ("rupture_verbs", "rupture_verb"),
        ("pronouns", "pronoun"),
        ("weekdays", "weekday"),
        ("month_links", "month_link"),
        ("function_words", "function_word"),
    ] {
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

/// A function word says which language a text is in only if one language
/// alone lists it.
#[test]
fn no_function_word_is_in_two_languages() {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (lang, file) in files() {
        for w in lists(&file).get("language.function_words").into_iter().flatten() {
            if let Some(other) = seen.insert(w.clone(), lang) {
                panic!("{w:?} is a function word of both lexicon/{other}.toml and lexicon/{lang}.toml");
            }
        }
    }
}

/// The built-in lexicon with `from` replaced by `to` in `lang`'s file.
fn altered(lang: &str, from: &str, to: &str) -> atlas_extract::lexicon::Lexicon {
    use atlas_extract::lexicon::{builtin, Lexicon, Sources};
    let languages: Vec<(&str, String)> = builtin::LANGUAGES
        .iter()
        .map(|(l, text)| {
            if *l != lang {
                return (*l, text.to_string());
            }
            assert!(text.contains(from), "lexicon/{l}.toml has no {from:?}");
            (*l, text.replacen(from, to, 1))
        })
        .collect();
    let languages: Vec<(&str, &str)> = languages.iter().map(|(l, t)| (*l, t.as_str())).collect();
    Lexicon::from_sources(Sources { languages: &languages, ..Sources::builtin() })
        .expect("the altered lexicon compiles")
}

/// The language guess counts the words of each file's `[language]`
/// section, and nothing else: a word added to a list moves the guess.
#[test]
fn the_language_guess_reads_each_files_function_words() {
    use atlas_extract::article::guess_language;
    let lex = atlas_extract::lexicon::Lexicon::builtin().unwrap();
    let guess = |text: &str| guess_language(text, &lex.function_words).to_string();
    assert_eq!(guess("The Foreign Ministry said that it was with the people."), "en");
    assert_eq!(guess("El Gobierno de Chile dijo que los venezolanos y las venezolanas..."), "es");
    // A tie, and a text with none of the words, go to the first file's language.
    assert_eq!(guess("the y"), "en");
    assert_eq!(guess("Guaidó Maduro 2019"), "en");
    let text = "The gobierno dijo: según según según.";
    assert_eq!(guess(text), "en");
    let es = altered("es", "function_words = [\"el\"", "function_words = [\"según\", \"el\"");
    assert_eq!(guess_language(text, &es.function_words), "es");
    // Capitals, in ASCII or not, are read as lowercase ("SEGÚN").
    assert_eq!(guess_language("THE SEGÚN SEGÚN", &es.function_words), "es");
}

/// Dates read their linking words, year openers and place openers from
/// each file's `[dates]` section: emptying one list changes what is read.
#[test]
fn dates_read_each_files_date_words() {
    use atlas_extract::dates::{published_from_text, read_date, DateContext, Precision};
    use atlas_model::Date;
    let d = |s: &str| s.parse::<Date>().unwrap();
    let builtin = atlas_extract::lexicon::Lexicon::builtin().unwrap();
    let published = |lex: &atlas_extract::lexicon::Lexicon, text: &str| {
        published_from_text(text, &lex.calendars).map(|(date, _)| date)
    };
    let reading = |lex: &atlas_extract::lexicon::Lexicon, sentence: &str, on: &str| {
        let ctx = DateContext {
            published: d(on),
            precision: Precision::Day,
            calendars: &lex.calendars,
            foreign_markers: &lex.foreign_date_markers,
            future_markers: &lex.future_markers,
        };
        read_date(sentence, &ctx)
    };

    // month_links: "9 de enero", "9 of January".
    assert_eq!(published(&builtin, "Caracas, 9 de enero de 2019."), Some(d("2019-01-09")));
    assert_eq!(published(&builtin, "London, 9 of January 2019."), Some(d("2019-01-09")));
    let no_de = altered("es", "month_links = [\"de\"]", "month_links = []");
    assert_eq!(published(&no_de, "Caracas, 9 de enero de 2019."), None);
    assert_eq!(published(&no_de, "London, 9 of January 2019."), Some(d("2019-01-09")));

    // year_links: the year after "9 de enero de".
    let no_year_de = altered("es", "year_links = [\"de\"]", "year_links = []");
    assert_eq!(reading(&builtin, "El 9 de enero de 2019 Chile habló.", "2020-03-01").date, Some(d("2019-01-09")));
    assert_eq!(reading(&no_year_de, "El 9 de enero de 2019 Chile habló.", "2020-03-01").date, Some(d("2020-01-09")));

    // year_openers: "En 2019, ..." tells history.
    let sentence = "En 2019, Chile reconoció a Guaidó.";
    assert!(reading(&builtin, sentence, "2024-03-01").history);
    let no_en = altered("es", "year_openers = [\"en\", \"durante\"]", "year_openers = [\"durante\"]");
    assert!(!reading(&no_en, sentence, "2024-03-01").history);

    // place_openers: "Santo Domingo" is no Sunday.
    let sentence = "Santo Domingo reconoció a Guaidó.";
    assert_eq!(reading(&builtin, sentence, "2019-01-25").date, None);
    let no_santo = altered("es", "place_openers = [\"santo\"]", "place_openers = []");
    assert_eq!(reading(&no_santo, sentence, "2019-01-25").date, Some(d("2019-01-20")));
}
