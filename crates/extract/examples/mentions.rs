//! Lists every country, organisation, group or office-holder mention the
//! lexicon finds in the corpus, one row per (sentence, actor): the units a
//! labeller decides and the candidates a verifier will score. Output is CSV
//! on stdout, in article and byte order, so a rerun after a lexicon change
//! shows in a diff which mentions appeared or went.
//!
//! Usage: cargo run -q -p atlas-extract --example mentions -- data/articles > data/labels/mentions.csv
//!
//! With `--scan` after the folder it prints instead `id,candidate,triggers`:
//! whether the mention's sentence reaches the rules at all (the rules' own
//! gate, `rules::may_yield` or `rules::joins`), and the trigger words; the
//! evaluation reads it as `data/labels/scan.csv` to measure candidate recall.
use atlas_extract::lexicon::{Lexicon, Tag};
use std::collections::BTreeSet;
use std::path::Path;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data/articles".into());
    let lex = Lexicon::builtin().unwrap_or_else(|e| fail(&format!("lexicon: {e}")));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{dir}: {e}")))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let scan = std::env::args().nth(2).is_some_and(|a| a == "--scan");
    if scan {
        println!("id,candidate,triggers");
    } else {
        println!("id,article,lang,published,start,end,actor,actor_kind,surface,sentence");
    }
    for path in files {
        if let Err(e) = article_rows(&lex, &path, scan) {
            eprintln!("{}: {e}", path.display());
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

fn article_rows(lex: &Lexicon, path: &Path, scan: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let sidecar = std::fs::read_to_string(path.with_extension("txt.meta")).ok();
    let file = path.display().to_string();
    let prep =
        atlas_extract::article::prepare(&file, &text, sidecar.as_deref(), lex, None).map_err(|e| e.to_string())?;
    let id = atlas_extract::article::article_id(path);
    let body = &text[prep.body_start..];
    for range in atlas_extract::text::sentences(body) {
        let (start, end) = (prep.body_start + range.start, prep.body_start + range.end);
        let sentence = &text[start..end];
        let mut seen = BTreeSet::new();
        let hits = lex.scan(sentence);
        // The rules' own gate: a sentence they read for a finding or a join.
        // Every row is an actor's mention, so the gate's "an actor is named"
        // holds; a quotation's speaker is not needed.
        let reaches = atlas_extract::rules::may_yield(&hits, false) || atlas_extract::rules::joins(&hits);
        let triggers: Vec<&str> = hits
            .iter()
            .filter(|h| h.tags().iter().any(|t| is_trigger(*t)))
            .map(|h| &sentence[h.start..h.end])
            .collect();
        for hit in &hits {
            let Some((actor, kind)) = actor_of(lex, hit.actor(), prep.published) else { continue };
            if !seen.insert(actor.clone()) {
                continue;
            }
            if scan {
                let candidate = if reaches { "1" } else { "0" };
                println!(
                    "{},{candidate},{}",
                    csv_cell(&format!("{id}@{start}:{actor}")),
                    csv_cell(&triggers.join("|"))
                );
                continue;
            }
            let row = [
                format!("{id}@{start}:{actor}"),
                id.clone(),
                prep.lang.clone(),
                prep.published.to_string(),
                start.to_string(),
                end.to_string(),
                actor,
                kind.to_string(),
                sentence[hit.start..hit.end].to_string(),
                sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            ];
            println!("{}", row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        }
    }
    Ok(())
}

/// A tag the scan lists as a trigger word beside the candidate flag (the
/// flag itself is the rules' gate, `rules::may_yield` or `rules::joins`).
fn is_trigger(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Cue(_)
            | Tag::Side(_)
            | Tag::DatedSide(_)
            | Tag::IntrinsicOpposition
            | Tag::IntrinsicOppositionRecognition
            | Tag::IntrinsicNeutral
            | Tag::RuptureVerb
            | Tag::RuptureNoun
            | Tag::WithdrawVerb
            | Tag::RestoreVerb
            | Tag::RestoreAct
            | Tag::LeaveVerb
            | Tag::Signatory
            | Tag::FollowSuit
            | Tag::RepeatMarker
    )
}

/// The actor code a hit names on the article's date, and what kind of name it is.
fn actor_of(lex: &Lexicon, tag: Option<Tag>, date: atlas_model::Date) -> Option<(String, &'static str)> {
    match tag? {
        Tag::Country(i) => Some((lex.countries[i as usize].code.clone(), "country")),
        Tag::Demonym(i) => Some((lex.countries[i as usize].code.clone(), "demonym")),
        Tag::Organisation(i) => Some((lex.organisations[i as usize].code.clone(), "organisation")),
        Tag::Group(i) => Some((lex.groups[i as usize].id.clone(), "group")),
        Tag::Person(i) => lex.people[i as usize].actor_on(date).map(|a| (a.to_string(), "person")),
        _ => None,
    }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
