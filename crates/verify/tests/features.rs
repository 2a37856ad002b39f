//! Feature extraction on fixed sentences: what a mention's features hold
//! depends on where it stands, not just on the words of the sentence.
use atlas_verify::{Featurizer, Mention};

const BITS: u32 = 18;

fn mention<'a>(sentence: &'a str, lang: &'a str, actor: &'a str) -> Mention<'a> {
    Mention { sentence, previous: "", lang, date: "2019-02-04".parse().unwrap(), actor }
}

/// The bucket of one feature, hashed as the featurizer hashes it.
fn bucket(parts: &[&str]) -> u32 {
    let mut out = Vec::new();
    let mut sink = atlas_verify::features::Sink::new(BITS, &mut out);
    sink.add(parts);
    out[0]
}

fn features(sentence: &str, lang: &str, actor: &str) -> Vec<u32> {
    Featurizer::builtin().unwrap().features(&mention(sentence, lang, actor), BITS)
}

#[test]
fn features_are_sorted_unique_and_inside_the_space() {
    let f = features("Canada and Peru recognised Juan Guaidó as interim president.", "en", "CA");
    assert!(f.windows(2).all(|w| w[0] < w[1]), "sorted and deduplicated");
    assert!(f.iter().all(|&b| b < 1 << BITS));
    assert!(f.contains(&bucket(&["bias"])));
    assert!(f.contains(&bucket(&["lang", "en"])));
}

#[test]
fn english_cue_after_the_mention_with_its_side() {
    let f = features("Canada recognised Juan Guaidó as interim president.", "en", "CA");
    assert!(f.contains(&bucket(&["fc", "cue:rec", "side:opp"])), "the cue after Canada and the side after it");
    assert!(f.contains(&bucket(&["fc", "cue:rec", "side:opp", "direct"])));
    assert!(f.contains(&bucket(&["kind", "actor:country"])));
    assert!(f.contains(&bucket(&["list", "alone"])));
}

#[test]
fn english_object_and_legislature_are_seen() {
    let f = features("Guaidó travelled to Colombia on Monday.", "en", "CO");
    assert!(f.contains(&bucket(&["prep_before"])), "'to' before Colombia");
    assert!(f.contains(&bucket(&["l", "1", "to"])));
    let f = features("The Brazilian Congress approved a motion recognising Guaidó.", "en", "BR");
    assert!(f.contains(&bucket(&["near_r", "leg"])), "a legislature noun right after the demonym");
}

#[test]
fn english_negation_between_mention_and_cue() {
    let f = features("Mexico refused to recognise Guaidó as president.", "en", "MX");
    assert!(f.contains(&bucket(&["fc", "between", "neg"])), "'refused' between Mexico and the cue");
    let g = features("Mexico recognised Guaidó as president.", "en", "MX");
    assert!(!g.contains(&bucket(&["fc", "between", "neg"])));
}

#[test]
fn spanish_list_positions_and_conditional() {
    let s = "Argentina, Chile y Perú reconocieron a Juan Guaidó como presidente encargado.";
    let first = features(s, "es", "AR");
    let middle = features(s, "es", "CL");
    let last = features(s, "es", "PE");
    assert!(first.contains(&bucket(&["list", "first"])));
    assert!(middle.contains(&bucket(&["list", "middle"])));
    assert!(last.contains(&bucket(&["list", "last"])));
    assert!(first.contains(&bucket(&["lang", "es"])));
    let f = features("Colombia reconocería a Guaidó si se cumplen las condiciones.", "es", "CO");
    assert!(f.contains(&bucket(&["clause", "conditional"])), "'reconocería' ends like a conditional");
    assert!(f.contains(&bucket(&["clause", "irr"])), "'si' is irrealis");
}

#[test]
fn spanish_heading_and_previous_sentence() {
    let f = features("Perú: el Gobierno reconoce a Guaidó", "es", "PE");
    assert!(f.contains(&bucket(&["head:colon_after"])));
    assert!(f.contains(&bucket(&["head:nofinal"])));
    let fz = Featurizer::builtin().unwrap();
    let m = Mention { previous: "Chile reconoció a Guaidó.", ..mention("Perú hizo lo mismo.", "es", "PE") };
    let f = fz.features(&m, BITS);
    assert!(f.contains(&bucket(&["prev", "cue:rec"])), "the previous sentence's cue");
    assert!(f.contains(&bucket(&["fc", "follow", "^"])), "'hizo lo mismo' after Perú");
}

#[test]
fn an_actor_the_sentence_does_not_name_is_unlocated() {
    let f = features("Canada recognised Guaidó.", "en", "PE");
    assert!(f.contains(&bucket(&["unlocated"])));
}

#[test]
fn which_countries_a_sentence_names_does_not_change_a_mention_s_features() {
    // The names are read as `@actor`: a country's name carries no prior,
    // and the members of one list differ only by their place in it.
    let a = features("Turkey and Russia recognised Nicolás Maduro as president.", "en", "TR");
    let b = features("France and Spain recognised Nicolás Maduro as president.", "en", "FR");
    assert_eq!(a, b);
    let f = features("Austria, Belgium and Bulgaria support the statement.", "en", "BE");
    assert!(f.contains(&bucket(&["l", "1", ","])));
    assert!(f.contains(&bucket(&["l", "2", "@actor"])), "Austria, before Belgium, as an actor");
    assert!(!f.contains(&bucket(&["l", "2", "austria"])));
}
