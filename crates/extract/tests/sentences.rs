//! Sentence-level cases for the extractor, read from data files in
//! `tests/cases/`. The format (one case per block):
//!
//! ```text
//! # what the case guards (comment lines start with `#`, anywhere)
//! date: 2019-01-25                     optional; the published date of the case,
//!                                      default 2019-01-25; applies to this case only
//! > The governments of Mexico, Bolivia and Russia have stated that
//! > they recognize Nicolas Maduro as president.
//! = MX government, BO government, RU government
//! ```
//!
//! * `>` lines hold the text. Consecutive `>` lines are joined with one space
//!   (one paragraph); a bare `>` line starts a new paragraph.
//! * `=` ends the case and lists *exactly* the `(actor stance)` pairs the
//!   text must yield, in any order, comma-separated; `= none` for no event.
//!   A pair may add a kind (`PY opposition rupture`) and/or a date
//!   (`US opposition @2019-01-23`); then every event of that pair must have it.
//! * `! NAME` (before the `=` line) asserts that the guard or construction
//!   named fired in the case's trace (`atlas-extract explain`): a guard
//!   stopped an act or set an actor aside, or a construction read an act.
//!   `! not NAME` asserts that it did not. Names: [`Guard::name`],
//!   [`Construction::name`]. Every guard has at least one case of each.
//! * `now: PAIRS` (in `known_gaps.txt`, before the `=` line) pins what the
//!   extractor gives today, in the `=` syntax: a known gap whose output
//!   changes, for better or worse, fails until the line is updated.
//! * Blank lines are ignored.
//!
//! The text becomes the body of a document with front matter
//! `published: DATE` and, for `en.txt` and `es.txt`, `lang: en` or `lang:
//! es`, read by [`atlas_extract::Extractor::extract`].
//!
//! `en.txt` and `es.txt` must pass. `known_gaps.txt` lists cases the extractor
//! gets wrong today; each must *still* fail, so a fix shows up as a failure
//! asking to move the case to `en.txt`/`es.txt`.
//!
//! Set `CASES_VERBOSE=1` to print what every case produced, and
//! `CASES_TRACE=1` to print the guards and constructions each one fired.
//! A failing case prints its trace.

use atlas_extract::explain::{render_text, Filter};
use atlas_extract::rules::{Construction, Guard, Step};
use atlas_extract::Extractor;
use atlas_model::{Date, Stance};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const DEFAULT_DATE: &str = "2019-01-25";

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("the built-in lexicon compiles"))
}

/// One expected `(actor stance)` pair with optional kind and date.
#[derive(Debug, Clone)]
struct Expect {
    actor: String,
    stance: Stance,
    kind: Option<String>,
    date: Option<Date>,
}

#[derive(Debug, Clone)]
struct Case {
    file: String,
    /// Line of the first `>` line.
    line: usize,
    comment: String,
    date: Date,
    text: String,
    expect: Vec<Expect>,
    /// Guards and constructions that must (true) or must not (false) fire.
    fired: Vec<(String, bool)>,
    /// What a known gap gives today (`now:`).
    now: Option<Vec<Expect>>,
}

impl Case {
    fn at(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

fn parse_expect(s: &str) -> Result<Vec<Expect>, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for item in s.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err("empty item in the `=` list".into());
        }
        // `US opposition@2019-01-23` and `US opposition @2019-01-23` both work.
        let (pair, date) = match item.split_once('@') {
            Some((p, d)) => {
                let d: Date = d.trim().parse().map_err(|e| format!("bad date in {item:?}: {e}"))?;
                (p.trim(), Some(d))
            }
            None => (item, None),
        };
        let toks: Vec<&str> = pair.split_whitespace().collect();
        let (actor, stance, kind) = match toks.as_slice() {
            [a, s] => (a, s, None),
            [a, s, k] => (a, s, Some(k.to_string())),
            _ => return Err(format!("expected `ACTOR STANCE [KIND] [@DATE]`, found {item:?}")),
        };
        if !actor.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!("actor {actor:?} is not an upper-case code"));
        }
        let stance = Stance::parse(stance).ok_or_else(|| format!("unknown stance {stance:?} in {item:?}"))?;
        if let Some(k) = &kind {
            if atlas_model::EventKind::parse(k).is_none() {
                return Err(format!("unknown kind {k:?} in {item:?}"));
            }
        }
        out.push(Expect { actor: actor.to_string(), stance, kind, date });
    }
    Ok(out)
}

/// Parses a case file; errors name the line.
fn parse_cases(file: &str, src: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    let mut comment = String::new();
    let mut date: Option<Date> = None;
    let mut text = String::new();
    let mut first_line = 0;
    let mut fired: Vec<(String, bool)> = Vec::new();
    let mut now: Option<Vec<Expect>> = None;
    let default_date: Date = DEFAULT_DATE.parse().unwrap();
    for (n, raw) in src.lines().enumerate() {
        let n = n + 1;
        let line = raw.trim_end();
        let err = |m: String| format!("{file}:{n}: {m}");
        if line.trim().is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if text.is_empty() {
                if !comment.is_empty() {
                    comment.push(' ');
                }
                comment.push_str(c.trim());
            }
            continue;
        }
        if let Some(d) = line.strip_prefix("date:") {
            if !text.is_empty() {
                return Err(err("`date:` must come before the case's `>` lines".into()));
            }
            date = Some(d.trim().parse().map_err(|e| err(format!("bad date {:?}: {e}", d.trim())))?);
            continue;
        }
        if let Some(t) = line.strip_prefix('>') {
            let t = t.strip_prefix(' ').unwrap_or(t);
            if text.is_empty() {
                first_line = n;
            }
            if t.trim().is_empty() {
                text.push_str("\n\n");
            } else {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push(' ');
                }
                text.push_str(t);
            }
            continue;
        }
        if let Some(pairs) = line.strip_prefix("now:") {
            if text.is_empty() {
                return Err(err("`now:` must come after the case's `>` lines".into()));
            }
            now = Some(parse_expect(pairs).map_err(err)?);
            continue;
        }
        if let Some(name) = line.strip_prefix('!') {
            if text.is_empty() {
                return Err(err("`!` must come after the case's `>` lines".into()));
            }
            let (name, want) = match name.trim().strip_prefix("not ") {
                Some(n) => (n.trim(), false),
                None => (name.trim(), true),
            };
            if Guard::parse(name).is_none() && Construction::parse(name).is_none() {
                return Err(err(format!("`! {name}` names no guard or construction")));
            }
            fired.push((name.to_string(), want));
            continue;
        }
        if let Some(e) = line.strip_prefix('=') {
            if text.trim().is_empty() {
                return Err(err("`=` without a `>` text before it".into()));
            }
            let expect = parse_expect(e).map_err(err)?;
            cases.push(Case {
                file: file.to_string(),
                line: first_line,
                comment: std::mem::take(&mut comment),
                date: date.take().unwrap_or(default_date),
                text: std::mem::take(&mut text),
                expect,
                fired: std::mem::take(&mut fired),
                now: now.take(),
            });
            continue;
        }
        return Err(err(format!("unrecognised line {line:?}: expected `#`, `date:`, `>`, `!`, `now:` or `=`")));
    }
    if !text.is_empty() {
        return Err(format!("{file}: the last case has no `=` line"));
    }
    Ok(cases)
}

/// What one case produced: `(actor, stance, kind, date)` per event.
struct Outcome {
    events: Vec<(String, Stance, String, Date)>,
    /// Broken invariants (quote/span/mention), independent of expectations.
    invariant_errors: Vec<String>,
}

/// The helper every case goes through: a document with front matter, extracted.
fn run_text(case: &Case) -> Result<Outcome, String> {
    let doc = document(case);
    // A panic is reported as this case's failure; the other cases still run.
    let result = std::panic::catch_unwind(|| extractor().extract("case.txt", doc.as_bytes(), None))
        .map_err(|p| format!("PANIC: {}", panic_message(&p)))?;
    let x = result.map_err(|e| e.to_string())?;
    let mut invariant_errors = Vec::new();
    let mut events = Vec::new();
    for e in &x.events {
        if doc.as_bytes().get(e.span.start..e.span.end) != Some(e.quote.as_bytes()) {
            invariant_errors.push(format!("quote of {} is not the document's bytes at {:?}", e.actor, e.span));
        }
        if !e.span.contains(e.mention) {
            invariant_errors.push(format!("mention {:?} of {} lies outside span {:?}", e.mention, e.actor, e.span));
        }
        if e.actor == "VE" {
            invariant_errors.push("Venezuela (VE) was given a stance".into());
        }
        events.push((e.actor.clone(), e.stance, e.kind.as_str().to_string(), e.date));
    }
    Ok(Outcome { events, invariant_errors })
}

/// The case's document: its text after front matter with its date and,
/// for `en.txt` and `es.txt`, its language (a sentence is too short for the
/// language to be guessed reliably, and the rules read function words by
/// language).
fn document(case: &Case) -> String {
    let lang = match case.file.rsplit('/').next() {
        Some("en.txt") => "lang: en\n",
        Some("es.txt") => "lang: es\n",
        _ => "",
    };
    format!("---\npublished: {}\n{lang}---\n{}\n", case.date, case.text)
}

/// The names of the guards and constructions that fired in a case's
/// trace, and the trace as text.
fn trace(case: &Case) -> Result<(BTreeSet<String>, String), String> {
    let doc = document(case);
    let x = extractor().explain("case.txt", doc.as_bytes(), None).map_err(|e| e.to_string())?;
    let mut names = BTreeSet::new();
    for s in &x.sentences {
        for step in &s.steps {
            match step {
                Step::Matched { construction, passed_over, .. } => {
                    names.insert(construction.name().to_string());
                    names.extend(passed_over.iter().map(|(_, g)| g.name().to_string()));
                }
                other => {
                    names.extend(other.guard().map(|g| g.name().to_string()));
                }
            }
        }
    }
    Ok((names, render_text(&x, &Filter::All)))
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

fn render_events(events: &[(String, Stance, String, Date)]) -> String {
    if events.is_empty() {
        return "none".into();
    }
    events.iter().map(|(a, s, k, d)| format!("{a} {s} {k} @{d}")).collect::<Vec<_>>().join(", ")
}

/// Checks one case; `Err` explains every way it failed.
fn check(case: &Case) -> Result<(), String> {
    let out = run_text(case).map_err(|e| format!("extract failed: {e}"))?;
    let mut problems = out.invariant_errors.clone();
    let got: BTreeSet<(String, Stance)> = out.events.iter().map(|(a, s, _, _)| (a.clone(), *s)).collect();
    let want: BTreeSet<(String, Stance)> = case.expect.iter().map(|e| (e.actor.clone(), e.stance)).collect();
    let missing: Vec<String> = want.difference(&got).map(|(a, s)| format!("{a} {s}")).collect();
    let extra: Vec<String> = got.difference(&want).map(|(a, s)| format!("{a} {s}")).collect();
    if !missing.is_empty() {
        problems.push(format!("missing: {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        problems.push(format!("unexpected: {}", extra.join(", ")));
    }
    for e in &case.expect {
        for (a, s, k, d) in out.events.iter().filter(|(a, s, _, _)| *a == e.actor && *s == e.stance) {
            if let Some(want_k) = &e.kind {
                if k != want_k {
                    problems.push(format!("{a} {s}: kind {k}, expected {want_k}"));
                }
            }
            if let Some(want_d) = e.date {
                if *d != want_d {
                    problems.push(format!("{a} {s}: date {d}, expected {want_d}"));
                }
            }
        }
    }
    let (fired, text) = trace(case)?;
    for (name, want) in &case.fired {
        if fired.contains(name) != *want {
            let did = if *want { "did not fire" } else { "fired" };
            problems.push(format!("{name} {did} (fired: {})", fired.iter().cloned().collect::<Vec<_>>().join(", ")));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}; got: {}\n    trace:\n{}", problems.join("; "), render_events(&out.events), indent(&text)))
    }
}

fn indent(text: &str) -> String {
    text.lines().filter(|l| !l.is_empty()).map(|l| format!("      {l}\n")).collect()
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn load(name: &str) -> Vec<Case> {
    let path = cases_dir().join(name);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_cases(&format!("tests/cases/{name}"), &src).unwrap_or_else(|e| panic!("{e}"))
}

fn verbose() -> bool {
    std::env::var_os("CASES_VERBOSE").is_some_and(|v| v != "0")
}

/// Runs every case of a file that must pass and reports all failures at once.
fn must_pass(name: &str, min_cases: usize) {
    let cases = load(name);
    assert!(cases.len() >= min_cases, "tests/cases/{name} has {} cases, expected at least {min_cases}", cases.len());
    let mut report = String::new();
    let mut failed = 0;
    for case in &cases {
        let r = check(case);
        if verbose() {
            let got = run_text(case).map(|o| render_events(&o.events)).unwrap_or_else(|e| e);
            eprintln!("{} [{}] {}", case.at(), if r.is_ok() { "ok" } else { "FAIL" }, got);
        }
        if std::env::var_os("CASES_TRACE").is_some() {
            let names = trace(case).map(|(n, _)| n.into_iter().collect::<Vec<_>>().join(" "));
            eprintln!("TRACE {} {}", case.at(), names.unwrap_or_else(|e| e));
        }
        if let Err(e) = r {
            failed += 1;
            let _ = writeln!(
                report,
                "{}: {}\n    text: {}\n    why:  {}",
                case.at(),
                e,
                case.text.replace('\n', "⏎"),
                case.comment
            );
        }
    }
    assert!(failed == 0, "{failed} of {} cases in tests/cases/{name} failed:\n{report}", cases.len());
}

#[test]
fn english_cases() {
    must_pass("en.txt", 337);
}

#[test]
fn spanish_cases() {
    must_pass("es.txt", 121);
}

/// Every known gap must still fail, and give exactly what its `now:` line
/// pins: one that passes belongs in en.txt/es.txt, and one whose wrong
/// output changes is seen.
#[test]
fn known_gaps_still_fail() {
    let cases = load("known_gaps.txt");
    let mut changed = String::new();
    for case in &cases {
        match check(case) {
            Err(e) if verbose() => eprintln!("{} [still failing] {e}", case.at()),
            Err(_) => {}
            Ok(()) => {
                let _ = writeln!(
                    changed,
                    "{}: now passes: move it to en.txt (or es.txt)\n    text: {}",
                    case.at(),
                    case.text.replace('\n', "⏎")
                );
            }
        }
        let Some(pinned) = &case.now else {
            let _ = writeln!(changed, "{}: no `now:` line pins what it gives today", case.at());
            continue;
        };
        let got = run_text(case).map(|o| o.events).unwrap_or_default();
        let got: BTreeSet<(String, Stance)> = got.into_iter().map(|(a, s, _, _)| (a, s)).collect();
        let want: BTreeSet<(String, Stance)> = pinned.iter().map(|e| (e.actor.clone(), e.stance)).collect();
        if got != want {
            let show = |set: &BTreeSet<(String, Stance)>| {
                if set.is_empty() {
                    "none".to_string()
                } else {
                    set.iter().map(|(a, s)| format!("{a} {s}")).collect::<Vec<_>>().join(", ")
                }
            };
            let _ = writeln!(changed, "{}: gives {}, pinned `now: {}`", case.at(), show(&got), show(&want));
        }
    }
    assert!(changed.is_empty(), "known gaps whose output changed:\n{changed}");
}

/// No case is listed twice, across all files (a duplicate hides an edit).
#[test]
fn case_files_have_no_duplicate_texts() {
    let mut seen = std::collections::HashMap::new();
    let mut dups = Vec::new();
    for name in ["en.txt", "es.txt", "known_gaps.txt"] {
        for c in load(name) {
            let key = (c.text.clone(), c.date);
            if let Some(first) = seen.insert(key, c.at()) {
                dups.push(format!("{} repeats {first}", c.at()));
            }
        }
    }
    assert!(dups.is_empty(), "duplicate cases:\n{}", dups.join("\n"));
}

#[test]
fn case_format_parses_and_reports_lines() {
    let src = "# c\ndate: 2024-08-02\n> A b.\n> C d.\n>\n> E.\n= US opposition recognition @2024-08-02, MX government\n\n> X.\n= none\n";
    let cases = parse_cases("t", src).unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].text, "A b. C d.\n\nE.");
    assert_eq!(cases[0].line, 3);
    assert_eq!(cases[0].date.to_string(), "2024-08-02");
    assert_eq!(cases[0].expect.len(), 2);
    assert_eq!(cases[0].expect[0].kind.as_deref(), Some("recognition"));
    assert_eq!(cases[1].date.to_string(), DEFAULT_DATE);
    assert!(cases[1].expect.is_empty());
    let err = parse_cases("t", "> A.\n= US sideways\n").unwrap_err();
    assert!(err.starts_with("t:2:"), "{err}");
    let err = parse_cases("t", "> A.\n").unwrap_err();
    assert!(err.contains("no `=` line"), "{err}");
}

/// Every guard is pinned by the cases: at least one where it fires (`!
/// NAME`) and one near miss where it does not (`! not NAME`), so that no
/// guard stands without the case that justifies it.
#[test]
fn every_guard_has_a_case_where_it_fires_and_one_where_it_does_not() {
    let cases: Vec<Case> = ["en.txt", "es.txt"].into_iter().flat_map(load).collect();
    let mut missing = Vec::new();
    for g in Guard::ALL {
        for want in [true, false] {
            if !cases.iter().any(|c| c.fired.iter().any(|(n, w)| n == g.name() && *w == want)) {
                missing.push(format!("{}{}", if want { "! " } else { "! not " }, g.name()));
            }
        }
    }
    assert!(missing.is_empty(), "guards without a case in tests/cases/en.txt or es.txt:\n  {}", missing.join("\n  "));
}

#[test]
fn case_format_reads_guard_assertions_and_refuses_unknown_names() {
    let cases = parse_cases("t", "> Canada should recognize Guaido.\n! modal\n! not negation\n= none\n").unwrap();
    assert_eq!(cases[0].fired, vec![("modal".to_string(), true), ("negation".to_string(), false)]);
    let err = parse_cases("t", "> A.\n! modle\n= none\n").unwrap_err();
    assert!(err.starts_with("t:2:") && err.contains("modle"), "{err}");
    let err = parse_cases("t", "! modal\n> A.\n= none\n").unwrap_err();
    assert!(err.starts_with("t:1:"), "{err}");
}

/// The assertion can fail: a guard that does not fire is reported, with
/// the trace.
#[test]
fn a_guard_assertion_that_does_not_hold_fails_with_the_trace() {
    let cases = parse_cases("t", "> Canada recognized Guaido.\n! modal\n= CA opposition\n").unwrap();
    let err = check(&cases[0]).unwrap_err();
    assert!(err.contains("modal did not fire"), "{err}");
    assert!(err.contains("matched active_cue"), "{err}");
}
