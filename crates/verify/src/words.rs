//! The verifier's word lists, one TOML file per language under
//! `crates/verify/words/`, compiled in. Each list names words or phrases
//! that a feature looks for; the code spells none of them.

use serde::Deserialize;
use std::collections::HashMap;

/// The lists a language file holds, in the order of [`List`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    negating: Vec<String>,
    irrealis: Vec<String>,
    legislature: Vec<String>,
    not_government: Vec<String>,
    government: Vec<String>,
    prepositions: Vec<String>,
    clause_openers: Vec<String>,
    history: Vec<String>,
    list_joiners: Vec<String>,
    conditional_endings: Vec<String>,
}

/// Which list a word or phrase belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// Denies or refuses the act it governs.
    Negating,
    /// Hoped for, planned, proposed, conditional or asked of another.
    Irrealis,
    /// A legislature, its members or its acts.
    Legislature,
    /// Someone who does not speak for a government.
    NotGovernment,
    /// Someone who speaks for a government.
    Government,
    /// A word before a name that makes it an object or a place.
    Preposition,
    /// Opens a clause of its own.
    ClauseOpener,
    /// Tells of an earlier time.
    History,
    /// Joins the members of a list.
    ListJoiner,
}

impl List {
    /// Every list, in a fixed order.
    pub const ALL: [List; 9] = [
        List::Negating,
        List::Irrealis,
        List::Legislature,
        List::NotGovernment,
        List::Government,
        List::Preposition,
        List::ClauseOpener,
        List::History,
        List::ListJoiner,
    ];

    /// The list's name in features.
    pub fn name(self) -> &'static str {
        match self {
            List::Negating => "neg",
            List::Irrealis => "irr",
            List::Legislature => "leg",
            List::NotGovernment => "nongov",
            List::Government => "gov",
            List::Preposition => "prep",
            List::ClauseOpener => "opener",
            List::History => "hist",
            List::ListJoiner => "join",
        }
    }

    /// A bit for this list in a word's set of lists.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// One language's lists, indexed by a phrase's first word.
#[derive(Debug, Default)]
pub struct Words {
    /// First word to the phrases it starts: the words after it and the list.
    by_first: HashMap<String, Vec<(Vec<String>, List)>>,
    /// Endings of conditional verbs.
    pub conditional_endings: Vec<String>,
}

/// The language files compiled in: (language, TOML text).
pub const BUILTIN: &[(&str, &str)] =
    &[("en", include_str!("../words/en.toml")), ("es", include_str!("../words/es.toml"))];

impl Words {
    /// Parses one language file; the error names the language and problem.
    pub fn parse(lang: &str, text: &str) -> Result<Words, String> {
        let f: File = toml::from_str(text).map_err(|e| format!("words/{lang}.toml: {e}"))?;
        let mut w = Words { by_first: HashMap::new(), conditional_endings: f.conditional_endings };
        let lists = [
            (f.negating, List::Negating),
            (f.irrealis, List::Irrealis),
            (f.legislature, List::Legislature),
            (f.not_government, List::NotGovernment),
            (f.government, List::Government),
            (f.prepositions, List::Preposition),
            (f.clause_openers, List::ClauseOpener),
            (f.history, List::History),
            (f.list_joiners, List::ListJoiner),
        ];
        for (entries, list) in lists {
            for e in entries {
                let mut parts = e.split_whitespace().map(str::to_lowercase);
                let Some(first) = parts.next() else {
                    return Err(format!("words/{lang}.toml: an empty entry in {}", list.name()));
                };
                w.by_first.entry(first).or_default().push((parts.collect(), list));
            }
        }
        Ok(w)
    }

    /// The lists of the phrases that start at `words[i]`, as bits of
    /// [`List::bit`], with the length of the longest.
    pub fn at(&self, words: &[&str], i: usize) -> (u16, usize) {
        let Some(found) = self.by_first.get(words[i]) else { return (0, 0) };
        let mut bits = 0;
        let mut len = 0;
        for (rest, list) in found {
            let fits = rest.len() < words.len() - i && rest.iter().zip(&words[i + 1..]).all(|(a, b)| a == b);
            if fits {
                bits |= list.bit();
                len = len.max(rest.len() + 1);
            }
        }
        (bits, len)
    }

    /// True when `word` ends like a conditional verb.
    pub fn is_conditional(&self, word: &str) -> bool {
        self.conditional_endings.iter().any(|e| word.len() > e.len() + 2 && word.ends_with(e.as_str()))
    }
}

/// Every language's lists, by language code.
pub struct Languages(pub Vec<(String, Words)>);

impl Languages {
    /// The lists compiled in.
    pub fn builtin() -> Result<Languages, String> {
        BUILTIN
            .iter()
            .map(|(l, t)| Words::parse(l, t).map(|w| (l.to_string(), w)))
            .collect::<Result<_, _>>()
            .map(Languages)
    }

    /// The lists of `lang`, or English's for a language without a file.
    pub fn get(&self, lang: &str) -> &Words {
        self.0.iter().find(|(l, _)| l == lang).or(self.0.first()).map(|(_, w)| w).expect("at least one language")
    }
}
