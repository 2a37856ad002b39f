//! The lexicon: every phrase the extractor recognises, loaded from reviewed
//! data files and compiled into one trie walked from each word start.
//!
//! Two kinds of data feed it. The *gazetteer* (`data/gazetteer/*.csv`) names
//! actors: countries, their demonyms, seats of power, organisations, dated
//! office-holders and dated group memberships. The *language lexicons*
//! (`crates/extract/lexicon/<lang>.toml`) name the sides of the crisis and
//! the cues that show a stance. Both are compiled into the binary, so the
//! extractor runs anywhere without its source tree.

use crate::trie::{Trie, WordHash};
use atlas_model::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The data files compiled into the extractor.
pub mod builtin {
    /// `countries.csv`: every country, its names and demonyms in both languages.
    pub const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.csv");
    /// `officeholders.csv`: people who speak for an actor, with their terms.
    pub const OFFICEHOLDERS: &str = include_str!("../../../data/gazetteer/officeholders.csv");
    /// `seats.csv`: seats of power ("White House", "Itamaraty") and the actor each names.
    pub const SEATS: &str = include_str!("../../../data/gazetteer/seats.csv");
    /// `organisations.csv`: organisations that take stances, with their aliases.
    pub const ORGANISATIONS: &str = include_str!("../../../data/gazetteer/organisations.csv");
    /// `groups.csv`: groups of countries and their members, dated.
    pub const GROUPS: &str = include_str!("../../../data/gazetteer/groups.csv");
    /// `group_names.csv`: the names of each group ("Lima Group", "Grupo de Lima").
    pub const GROUP_NAMES: &str = include_str!("../../../data/gazetteer/group_names.csv");
    /// `governments.csv`: the terms of each country's governments, which the dataset carries.
    pub const GOVERNMENTS: &str = include_str!("../../../data/gazetteer/governments.csv");
    /// `turning_points.csv`: the crisis's turning points, which the dataset carries.
    pub const TURNING_POINTS: &str = include_str!("../../../data/gazetteer/turning_points.csv");
    /// `dated_sides.csv`: phrases whose side changes with the date.
    pub const DATED_SIDES: &str = include_str!("../../../data/gazetteer/dated_sides.csv");
    /// `anchors.csv`: events an act may be dated by ("after the elections").
    pub const ANCHORS: &str = include_str!("../../../data/gazetteer/anchors.csv");
    /// The language lexicons (`lexicon/<lang>.toml`): each language's code and its file's text.
    pub const LANGUAGES: &[(&str, &str)] =
        &[("en", include_str!("../lexicon/en.toml")), ("es", include_str!("../lexicon/es.toml"))];
}

/// Which side a target phrase stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Align {
    /// The opposition (Guaidó, González, Machado) and its cause.
    Opposition,
    /// Maduro and his government's claim.
    Government,
    /// No side: dialogue, negotiation, new or verified elections.
    Neutral,
    /// The use of force against Venezuela (2026): condemning or welcoming
    /// it is a position on force, not on who governs, so it is neutral.
    Force,
}

/// What a cue does to the target it pairs with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cue {
    /// Formal recognition of the target.
    Recognition,
    /// Support for the target.
    Support,
    /// Support whose actor follows the cue ("backed by Brazil").
    SupportPassive,
    /// Opposition whose actor follows the cue ("questioned by Chile").
    OpposePassive,
    /// Advocacy that only counts for a neutral target ("called for dialogue").
    Advocate,
    /// Opposition to the target.
    Oppose,
    /// Thanks from the side named before it to the actors named after it,
    /// for support named after them ("Maduro thanked Russia for its support").
    Thanks,
    /// Meeting or receiving the target in person ("se reunió con su homólogo
    /// venezolano"): support when the target is a head of state or a claimant.
    Meet,
}

/// What one matched phrase means. A phrase may mean several things
/// ("Maduro" is both the government's side and Venezuela as a subject).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tag {
    /// A country by index into [`Lexicon::countries`].
    Country(u16),
    /// A country's demonym; an actor only next to an institution noun.
    Demonym(u16),
    /// An organisation by index into [`Lexicon::organisations`].
    Organisation(u16),
    /// A person by index into [`Lexicon::people`]; the actor depends on the date.
    Person(u16),
    /// A group of countries by index into [`Lexicon::groups`].
    Group(u16),
    /// Venezuela, its government or its capital, as the one acting.
    Venezuela,
    /// A side of the crisis (`[sides]`), as a cue's target.
    Side(Align),
    /// The election's results, unqualified: the government's side when
    /// criticised ("manipulation of the election results"), but nobody's
    /// when accepted, since a promise to recognise "the results" may mean
    /// verified ones.
    Results,
    /// A pronoun that refers back to the last person named on a side ("him", "lo").
    Pronoun,
    /// A cue: what an actor does to the target it pairs with.
    Cue(Cue),
    /// Negates the cue after it, within three words ("did not recognise").
    Negator,
    /// An act that takes the opposition's side without a target.
    IntrinsicOpposition,
    /// Calling someone president-elect: a recognition of the opposition by itself.
    IntrinsicOppositionRecognition,
    /// Declared neutrality, which needs no target.
    IntrinsicNeutral,
    /// Undoes the cue after it ("vetoed a resolution backing ...").
    Cancel,
    /// Makes the cue after it a wish, not an act ("should recognize").
    Modal,
    /// A writer's label right before a name ("dictator Maduro").
    Epithet,
    /// After it, the actors named repeat the act of the clause before ("as
    /// did Canada", "al igual que Perú").
    RepeatMarker,
    /// "member states", "países miembros": between an organisation and a
    /// cue, the members act, not the organisation.
    Members,
    /// A month or weekday name: a sentence with neither one nor a digit
    /// holds no date, and is not read for one.
    CalendarName,
    /// Tells of a time before the story's ("early that year", "years
    /// ago"): an act in such a sentence without a date of its own cannot be
    /// dated on publication.
    History,
    /// Opens a clause whose actors do not take part ("except", "excepto").
    Exclusion,
    /// A phrase that holds an actor's name but names no actor ("New Mexico",
    /// "Latin America"): as the longer match, it hides the name inside it.
    Blocker,
    /// A verb of a rupture ("broke", "rompió"), read with a [`Tag::RuptureNoun`] within four words.
    RuptureVerb,
    /// What a rupture breaks ("relations", "relaciones").
    RuptureNoun,
    /// Recalling, withdrawing or expelling diplomats, or closing a mission; read with a [`Tag::DiplomatNoun`].
    WithdrawVerb,
    /// Diplomats and missions ("ambassador", "embajada").
    DiplomatNoun,
    /// A phrase whose side depends on the date (`dated_sides.csv`), by
    /// index into [`Lexicon::dated_sides`]: "Asamblea Nacional" is the
    /// opposition's until 5 January 2021, "interim president" names Guaidó
    /// until 2026 and Delcy Rodríguez after.
    DatedSide(u16),
    /// Restoring what a rupture or withdrawal ended: with a relations,
    /// diplomat or border noun after it ("restableció relaciones",
    /// "reopened its embassy", "reabrió la frontera").
    RestoreVerb,
    /// A restoration whole in itself ("presentó sus cartas credenciales").
    RestoreAct,
    /// Ceasing an act ("no longer", "dejó de"): before a recognition of the
    /// opposition, a derecognition.
    Ceasing,
    /// Leaving a group ("abandonó el Grupo de Lima").
    LeaveVerb,
    /// What a restoration may restore beside relations and diplomats
    /// ("border", "frontera").
    RestoreNoun,
    /// The actors named with it sign or join a statement whose act is told
    /// before ("It was signed by", "se sumaron a la declaración").
    Signatory,
    /// The actor before it repeats the act of the sentence before
    /// ("Portugal followed suit", "Perú hizo lo mismo").
    FollowSuit,
}

impl Tag {
    /// One bit per kind of tag (its variant, whatever it carries), so that
    /// a hit can tell which kinds it holds with one test.
    const fn kind_bit(self) -> u64 {
        1 << match self {
            Tag::Country(_) => 0,
            Tag::Demonym(_) => 1,
            Tag::Organisation(_) => 2,
            Tag::Person(_) => 3,
            Tag::Group(_) => 4,
            Tag::Venezuela => 5,
            Tag::Side(_) => 6,
            Tag::Results => 7,
            Tag::Pronoun => 8,
            Tag::Cue(_) => 9,
            Tag::Negator => 10,
            Tag::IntrinsicOpposition => 11,
            Tag::IntrinsicOppositionRecognition => 12,
            Tag::IntrinsicNeutral => 13,
            Tag::Cancel => 14,
            Tag::Modal => 15,
            Tag::Epithet => 16,
            Tag::RepeatMarker => 17,
            Tag::Members => 18,
            Tag::CalendarName => 19,
            Tag::History => 20,
            Tag::Exclusion => 21,
            Tag::Blocker => 22,
            Tag::RuptureVerb => 23,
            Tag::RuptureNoun => 24,
            Tag::WithdrawVerb => 25,
            Tag::DiplomatNoun => 26,
            Tag::DatedSide(_) => 27,
            Tag::RestoreVerb => 28,
            Tag::RestoreAct => 29,
            Tag::Ceasing => 30,
            Tag::LeaveVerb => 31,
            Tag::RestoreNoun => 32,
            Tag::Signatory => 33,
            Tag::FollowSuit => 34,
        }
    }

    /// True for the kinds that carry a value, where the kind alone does
    /// not say which tag it is.
    fn carries_value(self) -> bool {
        matches!(
            self,
            Tag::Country(_)
                | Tag::Demonym(_)
                | Tag::Organisation(_)
                | Tag::Person(_)
                | Tag::Group(_)
                | Tag::Side(_)
                | Tag::Cue(_)
                | Tag::DatedSide(_)
        )
    }

    /// True for the tags that name an actor: a country, its demonym, an
    /// organisation, a person or a group.
    pub fn is_actor(self) -> bool {
        matches!(self, Tag::Country(_) | Tag::Demonym(_) | Tag::Organisation(_) | Tag::Person(_) | Tag::Group(_))
    }
}

/// A country of the gazetteer.
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code ("BR"): the actor's code in events.
    pub code: String,
    /// The English short name.
    pub name: String,
}

/// An organisation that can take a stance (EU, OAS, UN, ...).
#[derive(Clone, Debug)]
pub struct Organisation {
    /// The code used as the actor in events ("EU", "OAS").
    pub code: String,
    /// The full name.
    pub name: String,
}

/// One surface form of a person with the terms in which it speaks for an actor.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// The surface form, matched exactly as written.
    pub name: String,
    /// (actor, from inclusive, to exclusive or open).
    pub terms: Vec<(String, Date, Option<Date>)>,
}

impl Person {
    /// The actor this person speaks for on `date`, if any.
    pub fn actor_on(&self, date: Date) -> Option<&str> {
        self.terms
            .iter()
            .find(|(_, from, to)| *from <= date && to.is_none_or(|to| date < to))
            .map(|(actor, _, _)| actor.as_str())
    }
}

/// A group of countries with dated membership.
#[derive(Clone, Debug, Default)]
pub struct Group {
    /// The group's code in `groups.csv` ("lima_group").
    pub id: String,
    /// (member code, from inclusive, to exclusive or open); a member may have several spans.
    pub members: Vec<(String, Date, Option<Date>)>,
}

impl Group {
    /// Member codes on `date`, in code order.
    pub fn members_on(&self, date: Date) -> Vec<&str> {
        let mut m: Vec<&str> = self
            .members
            .iter()
            .filter(|(_, from, to)| *from <= date && to.is_none_or(|to| date < to))
            .map(|(c, _, _)| c.as_str())
            .collect();
        m.sort_unstable();
        m.dedup();
        m
    }

    /// True when the group has a member on `date` ([`Group::members_on`]
    /// without building the list).
    pub fn has_members_on(&self, date: Date) -> bool {
        self.members.iter().any(|(_, from, to)| *from <= date && to.is_none_or(|to| date < to))
    }
}

/// A phrase whose side changes with the date: (side or none, from
/// inclusive, to exclusive or open) spans; outside them it has no side.
#[derive(Clone, Debug, Default)]
pub struct DatedSide {
    /// The phrase as written in `dated_sides.csv`; a capitalised one matches exactly.
    pub phrase: String,
    /// Its spans in file order; the first that holds a date decides.
    pub spans: Vec<(Option<Align>, Date, Option<Date>)>,
}

impl DatedSide {
    /// The side the phrase stands for on `date`, if any.
    pub fn on(&self, date: Date) -> Option<Align> {
        self.spans.iter().find(|(_, from, to)| *from <= date && to.is_none_or(|to| date < to)).and_then(|(a, _, _)| *a)
    }
}

/// Month and weekday names of one language, for reading dates.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Twelve lists, January first, of each month's lowercase names and abbreviations.
    pub months: Vec<Vec<String>>,
    /// Seven lists, Monday first, of each weekday's lowercase names.
    pub weekdays: Vec<Vec<String>>,
    #[serde(default)]
    /// Words right before a date that make it another thing's date ("held in", "elections of").
    pub foreign_date_markers: Vec<String>,
    /// Words that make a weekday refer to the days after publication.
    #[serde(default)]
    pub future_markers: Vec<String>,
    /// Words right after a date that make it another thing's date.
    #[serde(default)]
    pub foreign_date_followers: Vec<String>,
    /// Words right before a date that make it an election's date ("held
    /// in July 2024"): an old election date does not make a sentence history.
    #[serde(default)]
    pub election_date_markers: Vec<String>,
    /// Lowercase month names to 1..=12 and weekday names to 101..=107,
    /// built from the lists above when the lexicon loads.
    #[serde(skip)]
    pub names: HashMap<String, u8, Fnv>,
    /// For each byte length 0..=10, a bit per ASCII first letter that some
    /// name of that length starts with: most words fail this test and cost
    /// no lookup.
    #[serde(skip)]
    quick: [u32; 11],
    /// The words that join a date's parts and set an act in a year (the
    /// file's `[dates]` section, kept here with the names they go with).
    #[serde(skip)]
    pub words: DateWords,
}

/// The words dates read between and before their numbers and names
/// (`[dates]` in `lexicon/<lang>.toml`), all lowercase. Like the names,
/// they are merged across languages: a date asks whether any language's
/// calendar says so.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    /// Between a day and its month, or a month and its year ("9 of
    /// January", "enero de 2019").
    pub month_links: Words,
    /// Between a day and month and the year after them ("9 de enero de 2019").
    pub year_links: Words,
    /// A bare year after one of these, opening the sentence or before a
    /// comma, sets the act in that year ("In 2019, ...", "En 2019, ...").
    pub year_openers: Words,
    /// A bare year after an opener and before one of these dates the
    /// clause too ("rompió relaciones con
    /// Venezuela en 2019 bajo el Gobierno de Lenín Moreno").
    #[serde(default)]
    pub year_closers: Words,
    /// A weekday name right after one of these names a place ("Santo Domingo").
    pub place_openers: Words,
}

impl DateWords {
    fn merge(&mut self, o: &DateWords) {
        self.month_links.extend(o.month_links.iter().cloned());
        self.year_links.extend(o.year_links.iter().cloned());
        self.year_openers.extend(o.year_openers.iter().cloned());
        self.year_closers.extend(o.year_closers.iter().cloned());
        self.place_openers.extend(o.place_openers.iter().cloned());
    }
}

/// FNV-1a: names are a few bytes long, and hashing them with SipHash
/// showed up in profiles of date reading.
#[derive(Clone, Copy, Default, Debug)]
pub struct Fnv;

/// The running state of [`Fnv`]: FNV-1a's 64-bit hash of the bytes so far.
pub struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

impl Calendar {
    fn remember(&mut self, name: &str, value: u8) {
        let lower = name.to_lowercase();
        if let (Some(slot), Some(first)) = (self.quick.get_mut(lower.len()), lower.bytes().next()) {
            if first.is_ascii_lowercase() {
                *slot |= 1 << (first - b'a');
            } else {
                *slot = u32::MAX;
            }
        }
        self.names.entry(lower).or_insert(value);
    }

    /// One calendar with the names and markers of all of `cals`, indexed.
    /// A name two languages share keeps the first language's meaning.
    fn merged(cals: &[Calendar]) -> Calendar {
        let mut all = Calendar::default();
        for c in cals {
            let widen = |to: &mut Vec<Vec<String>>, from: &[Vec<String>]| {
                to.resize(to.len().max(from.len()), Vec::new());
                for (t, f) in to.iter_mut().zip(from) {
                    t.extend(f.iter().cloned());
                }
            };
            widen(&mut all.months, &c.months);
            widen(&mut all.weekdays, &c.weekdays);
            all.foreign_date_markers.extend(c.foreign_date_markers.iter().cloned());
            all.future_markers.extend(c.future_markers.iter().cloned());
            all.foreign_date_followers.extend(c.foreign_date_followers.iter().cloned());
            all.election_date_markers.extend(c.election_date_markers.iter().cloned());
            all.words.merge(&c.words);
        }
        all.index_names();
        all
    }

    fn index_names(&mut self) {
        for (i, names) in self.months.clone().iter().enumerate() {
            for n in names {
                self.remember(n, i as u8 + 1);
            }
        }
        for (i, names) in self.weekdays.clone().iter().enumerate() {
            for n in names {
                self.remember(n, 101 + i as u8);
            }
        }
    }

    /// The month (1..=12) or weekday (101..=107) a word names, if any.
    pub fn name(&self, word: &str) -> Option<u8> {
        if !(3..=10).contains(&word.len()) {
            return None;
        }
        let first = word.as_bytes()[0].to_ascii_lowercase();
        if first.is_ascii_lowercase() && self.quick[word.len()] & (1 << (first - b'a')) == 0 {
            return None;
        }
        // Lowercase ASCII on the stack; only words with other letters allocate.
        let mut buf = [0u8; 10];
        if word.is_ascii() {
            for (b, c) in buf.iter_mut().zip(word.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let lower = std::str::from_utf8(&buf[..word.len()]).ok()?;
            self.names.get(lower).copied()
        } else {
            self.names.get(&word.to_lowercase()).copied()
        }
    }
}

/// A language file (`lexicon/<lang>.toml`). Every section refuses a key
/// it does not know, so a misspelled list is an error naming the file and
/// the key, not a list silently left empty.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    lang: String,
    calendar: Calendar,
    sides: SidesSection,
    cues: CuesSection,
    diplomacy: DiplomacySection,
    grammar: Grammar,
    dates: DateWords,
    language: LanguageSection,
}

/// `[language]`: what tells an article in this language from others.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageSection {
    function_words: Vec<String>,
}

/// The common function words of each language (`[language]` in
/// `lexicon/<lang>.toml`), by which [`crate::article::guess_language`]
/// tells an article's language when its metadata does not. Each word is
/// held lowercase with the language it belongs to; the language files'
/// tests keep any word to one language.
///
/// Every word of an article's opening is looked up, so the lookup is made
/// cheap: an ASCII word of up to eight bytes is packed into one integer
/// and compared only with the packed words of its own length.
#[derive(Clone, Debug, Default)]
pub struct FunctionWords {
    /// The languages, in the order of the lexicon's files.
    langs: Vec<String>,
    /// The ASCII words of one to eight bytes, packed by [`pack_lowercase`],
    /// each with its language's index in `langs`, ordered by length.
    packed: Vec<(u64, u8)>,
    /// `packed[by_len[n].0..by_len[n].1]` holds the words of `n` bytes.
    by_len: [(u16, u16); 9],
    /// The other words (longer, or not ASCII), with their language's index.
    other: Vec<(String, u8)>,
}

/// The ASCII bytes of `b` (at most eight), lowercased, first byte lowest,
/// zero above: two words of different lengths never pack alike.
#[inline]
fn pack_lowercase(b: &[u8]) -> u64 {
    b.iter().enumerate().fold(0, |k, (i, c)| k | u64::from(c.to_ascii_lowercase()) << (8 * i))
}

impl FunctionWords {
    fn add(&mut self, lang: &str, words: &[String]) {
        let index = self.langs.len() as u8;
        self.langs.push(lang.to_string());
        for w in words.iter().map(|w| w.to_lowercase()) {
            if w.is_ascii() && (1..self.by_len.len()).contains(&w.len()) {
                self.packed.push((pack_lowercase(w.as_bytes()), index));
            } else {
                self.other.push((w, index));
            }
        }
        // Order the packed words by length (a packed word's highest nonzero
        // byte is its last letter) and note where each length starts.
        let len = |k: u64| (64 - k.leading_zeros()).div_ceil(8) as usize;
        self.packed.sort_by_key(|&(k, _)| len(k));
        for n in 0..self.by_len.len() {
            let from = self.packed.iter().position(|&(k, _)| len(k) >= n).unwrap_or(self.packed.len());
            let to = self.packed.iter().position(|&(k, _)| len(k) > n).unwrap_or(self.packed.len());
            self.by_len[n] = (from as u16, to as u16);
        }
    }

    /// The languages, in the order of the lexicon's files: the indexes
    /// [`FunctionWords::language_of`] gives.
    pub fn langs(&self) -> &[String] {
        &self.langs
    }

    /// The index of the language whose function word `word` (a slice of
    /// the text, in its own case) is, once lowercased; none for any other
    /// word. An ASCII word is compared without being copied.
    #[inline]
    pub fn language_of(&self, word: &str) -> Option<usize> {
        let packed = |b: &[u8]| {
            let (from, to) = self.by_len[b.len()];
            if from == to {
                return None;
            }
            let key = pack_lowercase(b);
            self.packed[usize::from(from)..usize::from(to)].iter().find(|&&(k, _)| k == key).map(|&(_, l)| l)
        };
        let other = |lower: &str| self.other.iter().find(|(w, _)| w == lower).map(|&(_, l)| l);
        let found = if word.is_ascii() {
            // Lowercasing ASCII keeps the length, and the packed words are
            // all the ASCII words up to eight bytes.
            if word.len() < self.by_len.len() {
                packed(word.as_bytes())
            } else if self.other.is_empty() {
                None
            } else {
                other(&word.to_ascii_lowercase())
            }
        } else {
            let lower = crate::text::lowercase(word);
            if lower.is_ascii() && lower.len() < self.by_len.len() {
                packed(lower.as_bytes())
            } else {
                other(&lower)
            }
        };
        found.map(usize::from)
    }
}

/// A few lowercase words, asked whether they hold one: a list read in
/// order beats hashing for the handful each guard has.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Words(Vec<String>);

impl Words {
    /// True when `w` is one of the words.
    pub fn contains(&self, w: &str) -> bool {
        self.0.iter().any(|x| x == w)
    }

    /// The words, in the file's order.
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    fn extend(&mut self, words: impl Iterator<Item = String>) {
        for w in words {
            if !self.contains(&w) {
                self.0.push(w);
            }
        }
    }
}

/// The function words one language's guards read around the hits
/// (`[grammar]` in `lexicon/<lang>.toml`; see the comments there), all
/// lowercase. The rules ask the sentence's language's ([`Lexicon::grammar`]).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// A verdict joined to its target by one of these turns it round.
    pub copulas: Words,
    /// These aim a common-noun target at the country after it.
    pub aimed_prepositions: Words,
    /// "of", joining a label, a container or a title to a name.
    pub of: Words,
    /// What Venezuela is suspended from.
    pub from: Words,
    /// Definite articles between "of" and a name.
    pub articles: Words,
    /// Further articles a use of force may stand behind.
    pub plural_articles: Words,
    /// Words skipped before an object marker.
    pub determiners: Words,
    /// After a comma, these make the place before them a subject again.
    pub subject_relatives: Words,
    /// A relative clause that speaks of the side before it.
    pub relatives: Words,
    /// Not recognising "since" a date is having stopped.
    pub since: Words,
    /// Between a statement's noun and a passive cue.
    pub statement_copulas: Words,
    /// A former office speaks for nobody.
    pub former: Words,
    /// A legislature and its members, who speak for no government.
    pub legislature: Words,
    /// Words that may join a country to its legislature's noun ("the
    /// Brazilian government's leader in Congress", "el Congreso de Perú").
    pub legislature_links: Words,
    /// Nouns of a hostile act ("accusations", "la recompensa") that one may
    /// oppose on behalf of the side it is aimed at.
    pub hostile_acts: Words,
    /// The preposition that aims a hostile act at its target ("against").
    pub against: Words,
    /// Names of those who claimed Venezuela's presidency against Maduro
    /// (Guaidó, González): meeting them is meeting a head of state.
    pub claimants: Words,
    /// Past a word or two, what joins the one met to a meeting's verb ("met
    /// ... with").
    pub meeting_links: Words,
    /// The word that opens the pair a relation holds between ("relations
    /// between Venezuela and Honduras").
    pub between: Words,
    /// Titles of a head of state or government ("the prime minister of
    /// Belize"): one Venezuela's head of state receives in person meets it.
    pub heads: Words,
    /// Nouns of a decision whose agent follows them ("the decision by
    /// Austria and Denmark to recognize"): that agent is no object.
    pub agent_nouns: Words,
    /// After an act with no subject, a comma and one of these open the list
    /// of those who acted ("50 governments back Guaidó, including the
    /// United States, Brazil and Israel").
    pub inclusion: Words,
    /// Endings of a participle, which after one of `nominal_articles` names someone.
    pub participle_endings: Words,
    /// Articles that make a participle a noun.
    pub nominal_articles: Words,
    /// A supportive cue ending in one of these takes Venezuela after it as its government.
    pub cue_prepositions: Words,
    /// A signatories marker ending in one of these is passive.
    pub passive_by: Words,
    /// After a comma, these open a clause.
    pub comma_clause_openers: Words,
    /// Before a statement's noun, these name the statement the sentence stands in.
    pub this: Words,
}

impl Grammar {
    /// Adds another language's words (for text in a language without a lexicon).
    fn merge(&mut self, o: &Grammar) {
        macro_rules! extend {
            ($($f:ident),*) => { $( self.$f.extend(o.$f.iter().cloned()); )* };
        }
        extend!(
            copulas,
            aimed_prepositions,
            of,
            from,
            articles,
            plural_articles,
            determiners,
            subject_relatives,
            relatives,
            since,
            statement_copulas,
            former,
            legislature,
            legislature_links,
            hostile_acts,
            against,
            claimants,
            meeting_links,
            between,
            heads,
            agent_nouns,
            inclusion,
            participle_endings,
            nominal_articles,
            cue_prepositions,
            passive_by,
            comma_clause_openers,
            this
        );
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SidesSection {
    opposition: Vec<String>,
    government: Vec<String>,
    opposition_aligned: Vec<String>,
    neutral: Vec<String>,
    venezuela: Vec<String>,
    pronouns: Vec<String>,
    #[serde(default)]
    results: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesSection {
    recognition: Vec<String>,
    support: Vec<String>,
    support_passive: Vec<String>,
    #[serde(default)]
    oppose_passive: Vec<String>,
    #[serde(default)]
    thanks: Vec<String>,
    #[serde(default)]
    meet: Vec<String>,
    #[serde(default)]
    history: Vec<String>,
    advocate: Vec<String>,
    oppose: Vec<String>,
    negators: Vec<String>,
    intrinsic_opposition: Vec<String>,
    intrinsic_opposition_recognition: Vec<String>,
    #[serde(default)]
    intrinsic_neutral: Vec<String>,
    #[serde(default)]
    cancels: Vec<String>,
    #[serde(default)]
    modals: Vec<String>,
    #[serde(default)]
    epithets: Vec<String>,
    exclusions: Vec<String>,
    object_markers: Vec<String>,
    #[serde(default)]
    clause_breaks: Vec<String>,
    #[serde(default)]
    partitives: Vec<String>,
    #[serde(default)]
    containers: Vec<String>,
    #[serde(default)]
    rivals: Vec<String>,
    #[serde(default)]
    apposition_openers: Vec<String>,
    #[serde(default)]
    repeat_markers: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    coordinators: Vec<String>,
    speech_verbs: Vec<String>,
    institutions: Vec<String>,
    list_glue: Vec<String>,
    blockers: Vec<String>,
    #[serde(default)]
    forward_only: Vec<String>,
    #[serde(default)]
    ceasing: Vec<String>,
    #[serde(default)]
    welcome: Vec<String>,
    #[serde(default)]
    signatories: Vec<String>,
    #[serde(default)]
    follow_suit: Vec<String>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    continuations: Vec<String>,
    #[serde(default)]
    since_markers: Vec<String>,
    #[serde(default)]
    after_markers: Vec<String>,
    #[serde(default)]
    result_claims: Vec<String>,
    #[serde(default)]
    pending: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiplomacySection {
    rupture_verbs: Vec<String>,
    rupture_nouns: Vec<String>,
    withdraw_verbs: Vec<String>,
    diplomat_nouns: Vec<String>,
    #[serde(default)]
    restore_verbs: Vec<String>,
    #[serde(default)]
    restore_nouns: Vec<String>,
    #[serde(default)]
    restore_acts: Vec<String>,
    #[serde(default)]
    leave_verbs: Vec<String>,
}

/// Meanings of one surface form; `exact` holds the case-sensitive spellings.
#[derive(Debug, Default)]
struct Entry {
    /// Tags that apply whatever the case of the text.
    any_case: Vec<Tag>,
    /// Tags that apply only when the text has exactly this spelling.
    exact: Vec<(String, Tag)>,
}

/// Everything the extractor recognises, compiled for fast matching.
pub struct Lexicon {
    /// Every phrase's lowercase spelling; phrase `i` means `entries[i]`.
    trie: Trie,
    entries: Vec<Entry>,
    /// The gazetteer's countries, Venezuela excepted; [`Tag::Country`] indexes them.
    pub countries: Vec<Country>,
    /// The gazetteer's organisations; [`Tag::Organisation`] indexes them.
    pub organisations: Vec<Organisation>,
    /// Office-holders' names with their terms; [`Tag::Person`] indexes them.
    pub people: Vec<Person>,
    /// Groups of countries with their dated members; [`Tag::Group`] indexes them.
    pub groups: Vec<Group>,
    /// The month and weekday names and date markers of all languages in
    /// one calendar: every question dates ask of them is "does any
    /// language's calendar say so", which one table answers with one
    /// lookup per word (a slice of one, as the date readers take it).
    pub calendars: Vec<Calendar>,
    /// Each language's common function words, for guessing an article's language.
    pub function_words: FunctionWords,
    /// Lowercase single words and phrases, matched against the text around
    /// a hit, per language: Spanish "a" marks an object ("pidió a España"),
    /// English "a" is an article ("a U.S. official said").
    pub object_markers: Vec<(String, HashSet<String>)>,
    /// Words that open a new clause ("after", "tras"): a cue's target is not
    /// looked for past one.
    pub clause_breaks: HashSet<String>,
    /// Words that take part of a group ("most members of the Lima Group"):
    /// such a group does not stand for all its members.
    pub partitives: HashSet<String>,
    /// Nouns for the countries an organisation holds ("countries of the
    /// European Union", "European Union nations"): next to them the
    /// organisation is where the actors belong, not the actor.
    pub containers: HashSet<String>,
    /// Nouns for a side's adversary ("Maduro's main opponent", "el rival de
    /// Maduro"): the side they are attached to is not the target, its
    /// opposite is.
    pub rivals: HashSet<String>,
    /// First words of an apposition ("a key ally of", "un aliado de"): an
    /// actor named inside one is not the sentence's subject.
    pub apposition_openers: HashSet<String>,
    /// Words that join two cues side by side ("condemning X and supporting
    /// Y"): a chain of cues does not run across one.
    pub coordinators: HashSet<String>,
    /// Verbs that attribute a quotation to a speaker ("said", "afirmó"), lowercase.
    pub speech_verbs: HashSet<String>,
    /// Nouns that make a demonym an actor ("Russian lawmakers"), each as its lowercase words.
    pub institutions: Vec<Vec<String>>,
    /// Lowercase words that may stand between the names of one list ("and", "y", "as well as" word by word).
    pub list_glue: HashSet<String>,
    /// Every language's [`Calendar::foreign_date_markers`], each as its lowercase words.
    pub foreign_date_markers: Vec<Vec<String>>,
    /// Every language's [`Calendar::future_markers`], each as its lowercase words.
    pub future_markers: Vec<Vec<String>>,
    /// Phrases whose side depends on the date, read from `dated_sides.csv`.
    pub dated_sides: Vec<DatedSide>,
    /// Cues that are acts of their subject ("rejects", "denunció"): a side
    /// named right before one is who acts, never what it is aimed at.
    pub forward_only: HashSet<String>,
    /// Advocacy cues that welcome ("welcomed", "saludó"): their kind is
    /// `welcome`, not a call.
    pub welcome: HashSet<String>,
    /// Nouns for a statement ("declaration", "comunicado"): a passive
    /// support cue after one names its signatories, not their act.
    pub documents: HashSet<String>,
    /// First words of a sentence that goes on with the subject of the one
    /// before ("Y exigieron ...", "They also called for ...").
    pub continuations: HashSet<String>,
    /// Words before an event that date an act by it, with whether the act
    /// starts there ("since", "desde") or only follows it ("after", "tras").
    pub anchor_markers: Vec<(Vec<String>, bool)>,
    /// Events a sentence may date its act by (`anchors.csv`).
    pub anchors: Vec<crate::dates::Anchor>,
    /// Government-side phrases that name an election's proclaimed result
    /// ("Maduro's re-election", "los resultados del CNE"): rejecting one is
    /// a `result_rejection`.
    pub result_claims: HashSet<String>,
    /// Words that make a negation "not yet" ("aún no reconoce"): a pending
    /// decision takes no side.
    pub pending: HashSet<String>,
    /// Each language's function words for the guards, and all of them
    /// together for text in a language without a lexicon.
    grammars: Vec<(String, Grammar)>,
    grammar_any: Grammar,
}

/// A problem in a data file, naming the file and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError(pub String);

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LexiconError {}

/// The raw text of every data file, so tests can load altered copies.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// `countries.csv`.
    pub countries: &'a str,
    /// `officeholders.csv`.
    pub officeholders: &'a str,
    /// `seats.csv`.
    pub seats: &'a str,
    /// `organisations.csv`.
    pub organisations: &'a str,
    /// `groups.csv`.
    pub groups: &'a str,
    /// `group_names.csv`.
    pub group_names: &'a str,
    /// `dated_sides.csv`.
    pub dated_sides: &'a str,
    /// `anchors.csv`: events a sentence may date its act by ("after the elections").
    pub anchors: &'a str,
    /// Each language's code and the text of its `lexicon/<lang>.toml`.
    pub languages: &'a [(&'a str, &'a str)],
}

impl Sources<'static> {
    /// The files built into the extractor ([`builtin`]).
    pub fn builtin() -> Self {
        Sources {
            countries: builtin::COUNTRIES,
            officeholders: builtin::OFFICEHOLDERS,
            seats: builtin::SEATS,
            organisations: builtin::ORGANISATIONS,
            groups: builtin::GROUPS,
            group_names: builtin::GROUP_NAMES,
            dated_sides: builtin::DATED_SIDES,
            anchors: builtin::ANCHORS,
            languages: builtin::LANGUAGES,
        }
    }
}

fn csv_rows(name: &str, text: &str) -> Result<Vec<HashMap<String, String>>, LexiconError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| LexiconError(format!("{name}: unreadable header: {e}")))?.clone();
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| LexiconError(format!("{name}: line {}: {e}", i + 2)))?;
        rows.push(headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.trim().to_string())).collect());
    }
    Ok(rows)
}

fn field<'r>(row: &'r HashMap<String, String>, name: &str, file: &str, key: &str) -> Result<&'r str, LexiconError> {
    row.get(key)
        .map(String::as_str)
        .ok_or_else(|| LexiconError(format!("{file}: missing column {key:?} in row for {name:?}")))
}

fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn date_range(file: &str, who: &str, from: &str, to: &str) -> Result<(Date, Option<Date>), LexiconError> {
    let from: Date = from.parse().map_err(|e| LexiconError(format!("{file}: {who}: bad `from` date: {e}")))?;
    let to = if to.is_empty() {
        None
    } else {
        Some(to.parse::<Date>().map_err(|e| LexiconError(format!("{file}: {who}: bad `to` date: {e}")))?)
    };
    Ok((from, to))
}

/// Spans of a dated file, grouped by its `key` column in first-seen order:
/// each row says that `key` relates to the actor in column `actor` from one
/// date (inclusive) to another (exclusive, empty while ongoing).
type DatedSpans = Vec<(String, Vec<(String, Date, Option<Date>)>)>;

fn dated_rows(
    file: &str,
    text: &str,
    key: &str,
    actor: &str,
    known: &dyn Fn(&str) -> Option<Tag>,
) -> Result<DatedSpans, LexiconError> {
    let mut out: DatedSpans = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in csv_rows(file, text)? {
        let k = field(&row, "?", file, key)?;
        let a = field(&row, k, file, actor)?;
        if known(a).is_none() {
            return Err(LexiconError(format!("{file}: {k:?} names unknown actor {a:?}")));
        }
        let (from, to) = date_range(file, k, field(&row, k, file, "from")?, field(&row, k, file, "to")?)?;
        let i = *index.entry(k.to_string()).or_insert_with(|| {
            out.push((k.to_string(), Vec::new()));
            out.len() - 1
        });
        out[i].1.push((a.to_string(), from, to));
    }
    Ok(out)
}

/// The phrases of `dated_sides.csv` (`phrase,lang,side,from,to,note`), one
/// entry per phrase with its dated spans in file order.
fn dated_sides(text: &str) -> Result<Vec<DatedSide>, LexiconError> {
    const FILE: &str = "dated_sides.csv";
    let mut out: Vec<DatedSide> = Vec::new();
    for row in csv_rows(FILE, text)? {
        let phrase = field(&row, "?", FILE, "phrase")?;
        let side = match field(&row, phrase, FILE, "side")? {
            "opposition" => Some(Align::Opposition),
            "government" => Some(Align::Government),
            "neutral" => Some(Align::Neutral),
            "force" => Some(Align::Force),
            "none" => None,
            other => return Err(LexiconError(format!("{FILE}: {phrase:?}: unknown side {other:?}"))),
        };
        let (from, to) =
            date_range(FILE, phrase, field(&row, phrase, FILE, "from")?, field(&row, phrase, FILE, "to")?)?;
        match out.iter_mut().find(|d| d.phrase == phrase) {
            Some(d) => d.spans.push((side, from, to)),
            None => out.push(DatedSide { phrase: phrase.to_string(), spans: vec![(side, from, to)] }),
        }
    }
    Ok(out)
}

/// The events of `anchors.csv` (`phrase,lang,date,source,note`); every row
/// must name its source.
fn anchors(text: &str) -> Result<Vec<crate::dates::Anchor>, LexiconError> {
    const FILE: &str = "anchors.csv";
    csv_rows(FILE, text)?
        .iter()
        .map(|row| {
            let phrase = field(row, "?", FILE, "phrase")?;
            let date = field(row, phrase, FILE, "date")?
                .parse()
                .map_err(|e| LexiconError(format!("{FILE}: {phrase:?}: bad date: {e}")))?;
            if field(row, phrase, FILE, "source")?.is_empty() {
                return Err(LexiconError(format!("{FILE}: {phrase:?} names no source")));
            }
            let words = crate::text::words_borrowed(phrase).map(|w| w.into_owned()).collect();
            Ok(crate::dates::Anchor { words, lang: field(row, phrase, FILE, "lang")?.to_string(), date })
        })
        .collect()
}

/// The terms of each country's governments (`governments.csv`), which the
/// dataset carries so that the app can tell whose statement an event is.
pub fn governments(text: &str) -> Result<Vec<atlas_model::Government>, LexiconError> {
    const FILE: &str = "governments.csv";
    csv_rows(FILE, text)?
        .iter()
        .map(|row| {
            let actor = field(row, "?", FILE, "actor")?;
            let head = field(row, actor, FILE, "head")?;
            let who = format!("{actor} {head}");
            let (from, to) = date_range(FILE, &who, field(row, &who, FILE, "from")?, field(row, &who, FILE, "to")?)?;
            let role = field(row, &who, FILE, "role")?;
            Ok(atlas_model::Government { actor: actor.into(), head: head.into(), role: role.into(), from, to })
        })
        .collect()
}

/// The crisis's turning points (`turning_points.csv`), which the dataset
/// carries for the stance model.
pub fn turning_points(text: &str) -> Result<Vec<atlas_model::TurningPoint>, LexiconError> {
    const FILE: &str = "turning_points.csv";
    csv_rows(FILE, text)?
        .iter()
        .map(|row| {
            let name = field(row, "?", FILE, "name")?;
            let date = field(row, name, FILE, "date")?
                .parse()
                .map_err(|e| LexiconError(format!("{FILE}: {name}: bad date: {e}")))?;
            Ok(atlas_model::TurningPoint { date, name: name.into() })
        })
        .collect()
}

#[derive(Default)]
struct Builder {
    by_key: BTreeMap<String, Entry>,
}

impl Builder {
    /// Adds a phrase. Case-sensitive phrases keep their spelling; the others
    /// match in any ASCII case.
    fn add(&mut self, phrase: &str, tag: Tag, exact: bool) {
        let phrase = phrase.trim();
        if phrase.is_empty() {
            return;
        }
        let entry = self.by_key.entry(phrase.to_lowercase()).or_default();
        if exact {
            if !entry.exact.iter().any(|(p, t)| p == phrase && *t == tag) {
                entry.exact.push((phrase.to_string(), tag));
            }
        } else if !entry.any_case.contains(&tag) {
            entry.any_case.push(tag);
        }
    }
}

impl Lexicon {
    /// The lexicon compiled from the data files built into the extractor.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(Sources::builtin())
    }

    /// Compiles the lexicon from `src`. Errors name the file and, where
    /// there is one, the line, row or key at fault.
    pub fn from_sources(src: Sources<'_>) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::default();
        let mut countries = Vec::new();
        let mut index_of: HashMap<String, u16> = HashMap::new();
        // A surface form claimed by two countries (e.g. "Dominican") names neither.
        let mut claimed: HashMap<String, HashSet<u16>> = HashMap::new();
        let mut venezuela_names = Vec::new();
        for row in csv_rows("countries.csv", src.countries)? {
            let code = field(&row, "?", "countries.csv", "code")?.to_string();
            let name = field(&row, &code, "countries.csv", "name")?.to_string();
            let names: Vec<String> = [field(&row, &code, "countries.csv", "official")?, &name]
                .into_iter()
                .chain(list(field(&row, &code, "countries.csv", "aliases")?))
                .chain(std::iter::once(field(&row, &code, "countries.csv", "name_es")?))
                .chain(list(field(&row, &code, "countries.csv", "aliases_es")?))
                .map(str::to_string)
                .collect();
            if code == "VE" {
                venezuela_names.extend(names);
                continue;
            }
            let idx = countries.len() as u16;
            index_of.insert(code.clone(), idx);
            for n in &names {
                claimed.entry(format!("n:{n}")).or_default().insert(idx);
            }
            for d in list(field(&row, &code, "countries.csv", "demonyms")?).chain(list(field(
                &row,
                &code,
                "countries.csv",
                "demonyms_es",
            )?)) {
                claimed.entry(format!("d:{d}")).or_default().insert(idx);
            }
            countries.push(Country { code, name });
        }
        for (key, owners) in &claimed {
            if owners.len() != 1 {
                continue;
            }
            let idx = *owners.iter().next().unwrap();
            match key.split_at(2) {
                ("n:", n) => b.add(n, Tag::Country(idx), true),
                (_, d) => b.add(d, Tag::Demonym(idx), true),
            }
        }
        for n in &venezuela_names {
            b.add(n, Tag::Venezuela, true);
        }

        let mut organisations = Vec::new();
        for row in csv_rows("organisations.csv", src.organisations)? {
            let code = field(&row, "?", "organisations.csv", "code")?.to_string();
            let name = field(&row, &code, "organisations.csv", "name")?.to_string();
            let idx = organisations.len() as u16;
            b.add(&name, Tag::Organisation(idx), true);
            for a in list(field(&row, &code, "organisations.csv", "aliases")?).chain(list(field(
                &row,
                &code,
                "organisations.csv",
                "aliases_es",
            )?)) {
                b.add(a, Tag::Organisation(idx), true);
            }
            organisations.push(Organisation { code, name });
        }
        let org_index: HashMap<String, u16> =
            organisations.iter().enumerate().map(|(i, o)| (o.code.clone(), i as u16)).collect();
        let actor_tag = |code: &str| -> Option<Tag> {
            index_of.get(code).map(|&i| Tag::Country(i)).or_else(|| org_index.get(code).map(|&i| Tag::Organisation(i)))
        };

        for row in csv_rows("seats.csv", src.seats)? {
            let name = field(&row, "?", "seats.csv", "name")?;
            let actor = field(&row, name, "seats.csv", "actor")?;
            let tag = actor_tag(actor)
                .ok_or_else(|| LexiconError(format!("seats.csv: {name:?} names unknown actor {actor:?}")))?;
            b.add(name, tag, true);
        }

        // Office-holders speak for an actor, and groups have members, over
        // dated spans: both files are read the same way.
        let mut people = Vec::new();
        for (idx, (name, terms)) in
            dated_rows("officeholders.csv", src.officeholders, "name", "actor", &actor_tag)?.into_iter().enumerate()
        {
            b.add(&name, Tag::Person(idx as u16), true);
            people.push(Person { name, terms });
        }
        let groups: Vec<Group> = dated_rows("groups.csv", src.groups, "group", "member", &actor_tag)?
            .into_iter()
            .map(|(id, members)| Group { id, members })
            .collect();
        let group_index: HashMap<String, u16> =
            groups.iter().enumerate().map(|(i, g)| (g.id.clone(), i as u16)).collect();
        for row in csv_rows("group_names.csv", src.group_names)? {
            let name = field(&row, "?", "group_names.csv", "name")?;
            let id = field(&row, name, "group_names.csv", "group")?;
            if let Some(&idx) = group_index.get(id) {
                b.add(name, Tag::Group(idx), true);
            }
        }

        let dated_sides = dated_sides(src.dated_sides)?;
        for (i, d) in dated_sides.iter().enumerate() {
            let exact = d.phrase.chars().next().is_some_and(char::is_uppercase);
            b.add(&d.phrase, Tag::DatedSide(i as u16), exact);
        }

        let mut calendars = Vec::new();
        let mut forward_only = HashSet::new();
        let mut welcome = HashSet::new();
        let mut documents = HashSet::new();
        let mut continuations = HashSet::new();
        let mut anchor_markers: Vec<(Vec<String>, bool)> = Vec::new();
        let mut result_claims = HashSet::new();
        let mut pending = HashSet::new();
        let mut grammars = Vec::new();
        let mut grammar_any = Grammar::default();
        let mut object_markers = Vec::new();
        let mut clause_breaks = HashSet::new();
        let mut partitives = HashSet::new();
        let mut containers = HashSet::new();
        let mut rivals = HashSet::new();
        let mut apposition_openers = HashSet::new();
        let mut coordinators = HashSet::new();
        let mut speech_verbs = HashSet::new();
        let mut institutions = Vec::new();
        let mut list_glue = HashSet::new();
        let mut foreign_date_markers = Vec::new();
        let mut future_markers = Vec::new();
        let mut function_words = FunctionWords::default();
        for (lang, text) in src.languages {
            let file = format!("lexicon/{lang}.toml");
            let lf: LanguageFile = toml::from_str(text).map_err(|e| LexiconError(format!("{file}: {e}")))?;
            if lf.lang != *lang {
                return Err(LexiconError(format!("{file}: says lang = {:?}", lf.lang)));
            }
            let s = &lf.sides;
            let c = &lf.cues;
            let d = &lf.diplomacy;
            let groups_exact: [(&Vec<String>, Tag); 7] = [
                (&s.results, Tag::Results),
                (&s.opposition, Tag::Side(Align::Opposition)),
                (&s.government, Tag::Side(Align::Government)),
                (&s.venezuela, Tag::Venezuela),
                (&c.blockers, Tag::Blocker),
                (&s.opposition_aligned, Tag::Side(Align::Opposition)),
                (&s.neutral, Tag::Side(Align::Neutral)),
            ];
            for (phrases, tag) in groups_exact {
                // Capitalised phrases are names and match exactly ("Maduro",
                // "Latin America"); lowercase ones are common nouns and match
                // in any case ("the opposition" also at a sentence's start).
                for p in phrases {
                    let exact = p.chars().next().is_some_and(char::is_uppercase);
                    b.add(p, tag, exact);
                }
            }
            let any_case: [(&Vec<String>, Tag); 32] = [
                (&c.signatories, Tag::Signatory),
                (&c.follow_suit, Tag::FollowSuit),
                (&c.ceasing, Tag::Ceasing),
                (&c.ceasing, Tag::Negator),
                (&d.restore_verbs, Tag::RestoreVerb),
                (&d.restore_nouns, Tag::RestoreNoun),
                (&d.restore_acts, Tag::RestoreAct),
                (&d.leave_verbs, Tag::LeaveVerb),
                (&s.pronouns, Tag::Pronoun),
                (&c.recognition, Tag::Cue(Cue::Recognition)),
                (&c.support, Tag::Cue(Cue::Support)),
                (&c.support_passive, Tag::Cue(Cue::SupportPassive)),
                (&c.oppose_passive, Tag::Cue(Cue::OpposePassive)),
                (&c.thanks, Tag::Cue(Cue::Thanks)),
                (&c.meet, Tag::Cue(Cue::Meet)),
                (&c.history, Tag::History),
                (&c.repeat_markers, Tag::RepeatMarker),
                (&c.members, Tag::Members),
                (&c.advocate, Tag::Cue(Cue::Advocate)),
                (&c.oppose, Tag::Cue(Cue::Oppose)),
                (&c.negators, Tag::Negator),
                (&c.intrinsic_opposition, Tag::IntrinsicOpposition),
                (&c.intrinsic_opposition_recognition, Tag::IntrinsicOppositionRecognition),
                (&c.intrinsic_neutral, Tag::IntrinsicNeutral),
                (&c.cancels, Tag::Cancel),
                (&c.modals, Tag::Modal),
                (&c.epithets, Tag::Epithet),
                (&c.exclusions, Tag::Exclusion),
                (&d.rupture_verbs, Tag::RuptureVerb),
                (&d.rupture_nouns, Tag::RuptureNoun),
                (&d.withdraw_verbs, Tag::WithdrawVerb),
                (&d.diplomat_nouns, Tag::DiplomatNoun),
            ];
            for (phrases, tag) in any_case {
                for p in phrases {
                    b.add(p, tag, false);
                }
            }
            let lower = |v: &Vec<String>| v.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
            object_markers.push((lang.to_string(), lower(&c.object_markers).into_iter().collect()));
            clause_breaks.extend(lower(&c.clause_breaks));
            partitives.extend(lower(&c.partitives));
            containers.extend(lower(&c.containers));
            rivals.extend(lower(&c.rivals));
            apposition_openers.extend(lower(&c.apposition_openers));
            coordinators.extend(lower(&c.coordinators));
            speech_verbs.extend(lower(&c.speech_verbs));
            forward_only.extend(lower(&c.forward_only));
            welcome.extend(lower(&c.welcome));
            documents.extend(lower(&c.documents));
            continuations.extend(lower(&c.continuations));
            let marker = |m: &String| crate::text::words_borrowed(m).map(|w| w.into_owned()).collect::<Vec<_>>();
            anchor_markers.extend(c.since_markers.iter().map(|m| (marker(m), true)));
            anchor_markers.extend(c.after_markers.iter().map(|m| (marker(m), false)));
            result_claims.extend(lower(&c.result_claims));
            pending.extend(lower(&c.pending));
            grammar_any.merge(&lf.grammar);
            grammars.push((lang.to_string(), lf.grammar.clone()));
            for phrase in lower(&c.list_glue) {
                list_glue.extend(phrase.split_whitespace().map(str::to_string));
            }
            institutions
                .extend(lower(&c.institutions).into_iter().map(|p| p.split_whitespace().map(str::to_string).collect()));
            foreign_date_markers.extend(
                lower(&lf.calendar.foreign_date_markers)
                    .into_iter()
                    .map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>()),
            );
            future_markers.extend(
                lower(&lf.calendar.future_markers)
                    .into_iter()
                    .map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>()),
            );
            let mut calendar = lf.calendar;
            calendar.words = lf.dates;
            function_words.add(lang, &lf.language.function_words);
            for name in calendar.months.iter().chain(&calendar.weekdays).flatten() {
                b.add(name, Tag::CalendarName, false);
            }
            calendars.push(calendar);
        }
        let calendars = vec![Calendar::merged(&calendars)];

        let (keys, entries): (Vec<String>, Vec<Entry>) = b.by_key.into_iter().unzip();
        let trie = Trie::new(&keys);
        Ok(Lexicon {
            trie,
            entries,
            countries,
            organisations,
            people,
            groups,
            calendars,
            object_markers,
            clause_breaks,
            partitives,
            containers,
            rivals,
            apposition_openers,
            coordinators,
            speech_verbs,
            institutions,
            list_glue,
            foreign_date_markers,
            future_markers,
            dated_sides,
            forward_only,
            welcome,
            documents,
            continuations,
            anchor_markers,
            anchors: anchors(src.anchors)?,
            result_claims,
            pending,
            grammars,
            grammar_any,
            function_words,
        })
    }

    /// `hits` with every dated side resolved on `date`: the phrase keeps
    /// its other meanings, gains the side it stands for that day, if any,
    /// and keeps its [`Tag::DatedSide`] so the rules can tell it was dated.
    pub fn resolve_dated(&self, hits: &[Hit], date: Date) -> Vec<Hit> {
        hits.iter()
            .map(|h| match h.dated_side() {
                Some(i) => {
                    let mut tags = h.tags.clone();
                    if let Some(a) = self.dated_sides[i as usize].on(date) {
                        tags.push(Tag::Side(a));
                    }
                    Hit::new(h.start, h.end, tags)
                }
                None => h.clone(),
            })
            .collect()
    }

    /// Every recognised phrase in `text`, in order, on word boundaries, with
    /// the meanings that apply to its spelling.
    ///
    /// Phrases start only where words start, so the trie is walked only
    /// at each word start rather than over every byte: "us" is never looked
    /// for inside "thus". At each start the longest phrase that also ends on
    /// a word boundary wins ("reconocimiento al" yields "reconocimiento").
    ///
    /// The text is read a word at a time: the word's leading ASCII letters
    /// are hashed on the way to its end, and only a word whose hash starts
    /// some phrase is looked up in the trie.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::with_capacity(text.len() / 32);
        let bytes = text.as_bytes();
        // The character at `i`: whether it is a letter or digit, and its length.
        let class = |i: usize| -> (bool, usize) {
            let b = bytes[i];
            if b.is_ascii() {
                (crate::trie::ascii_word_byte(b) != 0, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (crate::text::is_alphanumeric(c), c.len_utf8())
            }
        };
        let mut covered_to = 0;
        // The trie's filter judges a word by its hash and the next word's,
        // so each word waits here until the next one has been read: its
        // start, the length of its first ASCII run and that run's hash.
        let mut pending: Option<(usize, usize, WordHash)> = None;
        let mut i = 0;
        loop {
            while i < bytes.len() {
                let (alnum, len) = class(i);
                if alnum {
                    break;
                }
                i += len;
            }
            let word = (i < bytes.len()).then(|| {
                let start = i;
                let mut hash = WordHash::START;
                while let Some(f) = bytes.get(i).map(|&b| crate::trie::ascii_word_byte(b)).filter(|&f| f != 0) {
                    hash = hash.push(f);
                    i += 1;
                }
                let run = i - start;
                // The rest of the word, if a letter outside ASCII comes next.
                while i < bytes.len() {
                    let (alnum, len) = class(i);
                    if !alnum {
                        break;
                    }
                    i += len;
                }
                (start, run, hash)
            });
            if let Some((start, run, hash)) = pending {
                if start >= covered_to && self.trie.may_start(hash, word.map(|(_, _, h)| h)) {
                    if let Some(h) = self.longest_at(text, start, run, hash) {
                        covered_to = h.end;
                        out.push(h);
                    }
                }
            }
            pending = word;
            if pending.is_none() {
                return out;
            }
        }
    }

    /// The longest phrase starting at `start` that ends on a word boundary
    /// and has a meaning for its spelling.
    /// The word's first run of ASCII letters and digits, `run` bytes hashed
    /// `hash`, has been read by the scan, and the trie's walk skips it.
    fn longest_at(&self, text: &str, start: usize, run: usize, hash: WordHash) -> Option<Hit> {
        let mut found: smallvec::SmallVec<[(usize, usize); 8]> = smallvec::SmallVec::new();
        self.trie.walk_after_run(text.as_bytes(), start, run, hash, |end, p| found.push((end, p)));
        found.iter().rev().find_map(|&(end, p)| self.hit(text, start, end, p))
    }

    /// The hit for pattern `p` at `start..end`, if it sits on word
    /// boundaries and some meaning applies to its spelling.
    fn hit(&self, text: &str, start: usize, end: usize, p: usize) -> Option<Hit> {
        // The trie's keys are whole characters, so `end` always falls
        // between characters; the check keeps a slicing panic impossible.
        if !text.is_char_boundary(end) || !is_boundary(text, start, end) {
            return None;
        }
        let entry = &self.entries[p];
        let surface = &text[start..end];
        let mut tags = Tags::from_slice(&entry.any_case);
        if !entry.exact.is_empty() {
            tags.extend(entry.exact.iter().filter(|(p, _)| p == surface).map(|(_, t)| *t));
        }
        // "US-backed", "UN-member": a name glued to a word by a hyphen is
        // a modifier, not an actor.
        let glued = text[end..].starts_with('-') && text[end + 1..].chars().next().is_some_and(char::is_alphabetic);
        if glued {
            tags.retain(|t| !t.is_actor() && *t != Tag::Venezuela);
        }
        (!tags.is_empty()).then(|| Hit::new(start, end, tags))
    }

    /// The function words of language `lang` the guards read; in a language
    /// without a lexicon, those of every language.
    pub fn grammar(&self, lang: &str) -> &Grammar {
        self.grammars.iter().find(|(l, _)| l == lang).map_or(&self.grammar_any, |(_, g)| g)
    }

    /// True when `phrase` (lowercase) marks an object in language `lang`;
    /// in a language without a lexicon, in any language.
    pub fn is_object_marker(&self, lang: &str, phrase: &str) -> bool {
        match self.object_markers.iter().find(|(l, _)| l == lang) {
            Some((_, set)) => set.contains(phrase),
            None => self.object_markers.iter().any(|(_, set)| set.contains(phrase)),
        }
    }

    /// The code of the actor `tag` names on `date`: a country's or an
    /// organisation's, or the one a person speaks for that day; none for other tags.
    pub fn actor_code(&self, tag: Tag, date: Date) -> Option<&str> {
        match tag {
            Tag::Country(i) | Tag::Demonym(i) => Some(self.countries[i as usize].code.as_str()),
            Tag::Organisation(i) => Some(self.organisations[i as usize].code.as_str()),
            Tag::Person(i) => self.people[i as usize].actor_on(date),
            _ => None,
        }
    }
}

/// The meanings of one hit, kept inline: a phrase rarely has more than
/// four, and a heap allocation per hit showed up in profiles.
pub type Tags = smallvec::SmallVec<[Tag; 4]>;

/// One recognised phrase: its byte range in the text and its meanings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the phrase's first byte in the scanned text.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    tags: Tags,
    /// The [`Tag::kind_bit`]s of `tags`: the rules ask each hit many times
    /// whether it holds a tag, and most of the answers are no.
    kinds: u64,
}

impl Hit {
    /// A hit over `start..end` with meanings `tags`.
    pub fn new(start: usize, end: usize, tags: Tags) -> Hit {
        let kinds = tags.iter().fold(0, |k, t| k | t.kind_bit());
        Hit { start, end, tags, kinds }
    }

    /// The phrase's meanings.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// True when the phrase holds `tag`; for a tag that carries a value, that exact value.
    pub fn has(&self, tag: Tag) -> bool {
        self.kinds & tag.kind_bit() != 0 && (!tag.carries_value() || self.tags.contains(&tag))
    }

    /// The cue this phrase is, if any.
    pub fn cue(&self) -> Option<Cue> {
        if self.kinds & Tag::Cue(Cue::Support).kind_bit() == 0 {
            return None;
        }
        self.tags.iter().find_map(|t| if let Tag::Cue(c) = t { Some(*c) } else { None })
    }

    /// The side this phrase names, if any.
    pub fn side(&self) -> Option<Align> {
        if self.kinds & Tag::Side(Align::Neutral).kind_bit() == 0 {
            return None;
        }
        self.tags.iter().find_map(|t| if let Tag::Side(a) = t { Some(*a) } else { None })
    }

    /// The index of the dated side this phrase names, if it names one.
    pub fn dated_side(&self) -> Option<u16> {
        if self.kinds & Tag::DatedSide(0).kind_bit() == 0 {
            return None;
        }
        self.tags.iter().find_map(|t| if let Tag::DatedSide(i) = t { Some(*i) } else { None })
    }

    /// The actor this phrase names (the first actor tag), if any.
    pub fn actor(&self) -> Option<Tag> {
        const ACTORS: u64 = Tag::Country(0).kind_bit()
            | Tag::Demonym(0).kind_bit()
            | Tag::Organisation(0).kind_bit()
            | Tag::Person(0).kind_bit()
            | Tag::Group(0).kind_bit();
        if self.kinds & ACTORS == 0 {
            return None;
        }
        self.tags.iter().copied().find(|t| t.is_actor())
    }
}

/// True when `start..end` neither begins nor ends inside a word.
fn is_boundary(text: &str, start: usize, end: usize) -> bool {
    // A phrase ending in punctuation ("U.S.") may be followed by anything.
    (!word_char_before(text, start) || !word_char_at(text, start))
        && (!word_char_at(text, end) || !word_char_before(text, end))
}

/// True when the character starting at `at` is a letter or digit; ASCII is
/// told without decoding.
#[inline]
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text.get(at..).and_then(|t| t.chars().next()).is_some_and(crate::text::is_alphanumeric),
    }
}

/// True when the character ending at `at` is a letter or digit.
#[inline]
fn word_char_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text.get(..at).and_then(|t| t.chars().next_back()).is_some_and(crate::text::is_alphanumeric),
    }
}
