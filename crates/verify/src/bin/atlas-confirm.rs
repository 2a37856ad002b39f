//! `atlas-confirm`: the dataset `make dataset` writes. Runs the extractor on
//! the articles, scores every event with the verifier and splits the events
//! at the threshold of `data/model/confirm.toml` (shown in `events`, held
//! back in `unconfirmed`), then writes the dataset atomically.

use atlas_extract::corpus::write_atomically;
use atlas_extract::{Extractor, Options};
use atlas_verify::confirm::{self, Settings, Texts};
use atlas_verify::Verifier;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: atlas-confirm [-o FILE] [--model FILE] [--settings FILE] [--threads N] [--quiet] PATH...

Reads news articles as atlas-extract does, gives every event the verifier's
confidence for its stance at its mention, and writes the dataset (schema 3):
the events whose confidence reaches the threshold in `events`, the others in
`unconfirmed`. Defaults: --model data/model/verifier.bin, --settings
data/model/confirm.toml; without -o the dataset goes to standard output.

Exit status: 0 when every input was read and the dataset written; 1 when any
input failed (each is named; the dataset holds the others), when nothing
usable was read, or when the model, the settings or an article cannot be read
or the output written (nothing is written); 2 for a usage error; 3 when the
built-in lexicon is broken.";

struct Args {
    output: Option<PathBuf>,
    model: PathBuf,
    settings: PathBuf,
    threads: Option<usize>,
    quiet: bool,
    paths: Vec<PathBuf>,
}

fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "atlas-confirm: {line}");
}

fn parse(args: Vec<String>) -> Result<Option<Args>, String> {
    let mut a = Args {
        output: None,
        model: PathBuf::from("data/model/verifier.bin"),
        settings: PathBuf::from("data/model/confirm.toml"),
        threads: None,
        quiet: false,
        paths: Vec::new(),
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-o" | "--output" => a.output = Some(PathBuf::from(value("-o")?)),
            "--model" => a.model = PathBuf::from(value("--model")?),
            "--settings" => a.settings = PathBuf::from(value("--settings")?),
            "--threads" | "-j" => {
                let v = value("--threads")?;
                a.threads = Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("--threads {v:?} is not a positive number"))?,
                );
            }
            "--quiet" | "-q" => a.quiet = true,
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            _ => a.paths.push(PathBuf::from(arg)),
        }
    }
    if a.paths.is_empty() {
        return Err("no input: name at least one article file or directory".into());
    }
    Ok(Some(a))
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1).collect()) {
        Ok(Some(a)) => a,
        Ok(None) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            say(&format!("{e}\n\n{USAGE}"));
            return ExitCode::from(2);
        }
    };
    let settings = match Settings::read(&args.settings) {
        Ok(s) => s,
        Err(e) => {
            say(&e);
            return ExitCode::from(1);
        }
    };
    let verifier = match Verifier::load_file(&args.model) {
        Ok(v) => v,
        Err(e) => {
            say(&e.to_string());
            return ExitCode::from(1);
        }
    };
    let extractor = match Extractor::new() {
        Ok(x) => x,
        Err(e) => {
            say(&format!("the built-in lexicon is broken: {e}"));
            return ExitCode::from(3);
        }
    };
    let mut opts = Options { output: args.output.clone(), progress: false, ..Options::default() };
    if let Some(n) = args.threads {
        opts.threads = n;
    }
    let report = atlas_extract::run(&extractor, &args.paths, &opts);
    for e in &report.errors {
        say(&format!("skipped {e}"));
    }
    if !args.quiet {
        for w in &report.warnings {
            say(&format!("warning: {w}"));
        }
    }
    if report.articles.is_empty() {
        say(&format!("nothing usable was read ({} inputs failed); no output written", report.errors.len()));
        return ExitCode::from(1);
    }
    let (dataset, scored) = match confirm::confirm(&verifier, report.dataset(), &Texts::new(&args.paths), &settings) {
        Ok(x) => x,
        Err(e) => {
            say(&format!("{e}; no output written"));
            return ExitCode::from(1);
        }
    };
    let json = dataset.to_json();
    let written = match &args.output {
        Some(path) => {
            write_atomically(path, json.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(json.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write to standard output: {e}"))
                }
                _ => Ok(()),
            }
        }
    };
    if let Err(e) = written {
        say(&e);
        return ExitCode::from(1);
    }
    if !args.quiet || !report.errors.is_empty() {
        say(&report.summary());
        say(&format!(
            "{} events scored ({} at a group's mention, {} unlocated): {} shown at confidence {} or more, {} held back",
            scored.events,
            scored.at_group,
            scored.unlocated,
            dataset.events.len(),
            settings.confidence().map_or(String::new(), |c| format!("{:.3}", c.get())),
            dataset.unconfirmed.len()
        ));
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
