//! `atlas-extract`: the command-line face of the extractor. Thin glue: parse
//! arguments, run [`atlas_extract::run`], print, write, exit.

use atlas_extract::corpus::{read_article, render, write_atomically, Format};
use atlas_extract::explain::{render_json, render_text, Filter};
use atlas_extract::{Extractor, Options};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Extraction makes many small, short-lived allocations (words, hits,
/// events); mimalloc serves them in about a third less time than the
/// system allocator (DESIGN.md, "Extraction speed").
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: atlas-extract [--format json|jsonl] [-o FILE] [--threads N] [--quiet] PATH...
       atlas-extract explain FILE [--sentence N | --country XX] [--format text|json]

Reads news articles (files, or directories walked recursively) and writes the
stance events found in them: `json` is the app's dataset, `jsonl` one event per
line. Without -o the output goes to standard output. An article may carry a
front-matter block (title, outlet, url, published, lang) or a sidecar file
NAME.meta with the same `key: value` lines.

Exit status: 0 when every input was read; 1 when any path is missing or any
file was skipped (each is named on stderr, the output holds the others), when
nothing usable was read (nothing is written) or the output cannot be written;
2 for a usage error; 3 when the built-in lexicon is broken.";

/// Prints a line on stderr; a closed stderr is no reason to stop.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Writes to stdout. A closed pipe (`atlas-extract ... | head`) is the
/// reader saying it has read enough: not an error, and no panic.
fn print_out(text: &str) -> Result<(), std::io::Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

const EXPLAIN_USAGE: &str = "\
usage: atlas-extract explain FILE [--sentence N | --country XX] [--format text|json]

Tells why an article gave the events it gave: for each sentence that names an
actor together with a cue or a side, the phrases recognised, which construction
read an act (or none), which guard stopped one and on which words, the events
that resulted and how their date was chosen. `--sentence N` shows sentence N
(from 1), `--country XX` the sentences that name actor XX or give it an event.

Exit status: 0 when the article was read; 1 when it cannot be; 2 for a usage
error; 3 when the built-in lexicon is broken.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "explain") {
        return explain(args[1..].to_vec());
    }
    match parse(args) {
        Ok(Some((opts, paths, quiet))) => run(opts, paths, quiet),
        Ok(None) => {
            let _ = print_out(&format!("{USAGE}\n"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(&format!("atlas-extract: {e}\n\n{USAGE}"));
            ExitCode::from(2)
        }
    }
}

fn parse(args: Vec<String>) -> Result<Option<(Options, Vec<PathBuf>, bool)>, String> {
    let mut opts = Options::default();
    let mut paths = Vec::new();
    let mut quiet = false;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "-V" | "--version" => {
                let _ = print_out(&format!("{}\n", atlas_extract::GENERATED_BY));
                std::process::exit(0);
            }
            "--format" | "-f" => {
                opts.format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    other => return Err(format!("unknown format {other:?}: use json or jsonl")),
                }
            }
            "-o" | "--output" => opts.output = Some(PathBuf::from(value("-o")?)),
            "--threads" | "-j" => {
                let v = value("--threads")?;
                opts.threads = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--threads {v:?} is not a positive number"))?;
            }
            "--quiet" | "-q" => quiet = true,
            "--no-progress" => opts.progress = false,
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        return Err("no input: name at least one article file or directory".into());
    }
    opts.progress &= !quiet;
    Ok(Some((opts, paths, quiet)))
}

fn run(opts: Options, paths: Vec<PathBuf>, quiet: bool) -> ExitCode {
    let extractor = match Extractor::new() {
        Ok(x) => x,
        Err(e) => {
            say(&format!("atlas-extract: the built-in lexicon is broken: {e}"));
            return ExitCode::from(3);
        }
    };
    let report = atlas_extract::run(&extractor, &paths, &opts);
    for e in &report.errors {
        say(&format!("atlas-extract: skipped {e}"));
    }
    if !quiet {
        for w in &report.warnings {
            say(&format!("atlas-extract: warning: {w}"));
        }
    }
    if report.articles.is_empty() {
        say(&format!(
            "atlas-extract: nothing usable was read ({} inputs failed); no output written",
            report.errors.len()
        ));
        return ExitCode::from(1);
    }
    let out = render(&report, opts.format);
    match &opts.output {
        Some(path) => {
            if let Err(e) = write_atomically(path, out.as_bytes()) {
                say(&format!("atlas-extract: cannot write {}: {e}", path.display()));
                return ExitCode::from(1);
            }
        }
        None => {
            if let Err(e) = print_out(&out) {
                say(&format!("atlas-extract: cannot write to standard output: {e}"));
                return ExitCode::from(1);
            }
        }
    }
    // The summary counts what failed, so it is shown whenever anything did.
    if !quiet || !report.errors.is_empty() {
        say(&format!("atlas-extract: {}", report.summary()));
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What `atlas-extract explain` was asked.
struct ExplainArgs {
    file: PathBuf,
    filter: Filter,
    json: bool,
}

fn parse_explain(args: Vec<String>) -> Result<Option<ExplainArgs>, String> {
    let (mut file, mut filter, mut json) = (None, Filter::All, false);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--sentence" | "-s" => {
                let v = value("--sentence")?;
                let n = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--sentence {v:?} is not a sentence number (from 1)"))?;
                filter = Filter::Sentence(n);
            }
            "--country" | "-c" => filter = Filter::Actor(value("--country")?.to_uppercase()),
            "--format" | "-f" => {
                json = match value("--format")?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(format!("unknown format {other:?}: use text or json")),
                }
            }
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            _ if file.is_some() => return Err(format!("one article at a time: {a:?} is a second one")),
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let file = file.ok_or("no article: name the article file to explain")?;
    Ok(Some(ExplainArgs { file, filter, json }))
}

fn explain(args: Vec<String>) -> ExitCode {
    let args = match parse_explain(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            let _ = print_out(&format!("{EXPLAIN_USAGE}\n"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            say(&format!("atlas-extract explain: {e}\n\n{EXPLAIN_USAGE}"));
            return ExitCode::from(2);
        }
    };
    let extractor = match Extractor::new() {
        Ok(x) => x,
        Err(e) => {
            say(&format!("atlas-extract: the built-in lexicon is broken: {e}"));
            return ExitCode::from(3);
        }
    };
    let explained = read_article(&args.file).and_then(|(file, bytes, sidecar)| {
        extractor
            .explain(&file, &bytes, sidecar.as_deref())
            .map_err(|e| e.to_string().replacen(&file, &args.file.display().to_string(), 1))
    });
    let x = match explained {
        Ok(x) => x,
        Err(e) => {
            say(&format!("atlas-extract explain: {e}"));
            return ExitCode::from(1);
        }
    };
    let out = if args.json { render_json(&x, &args.filter) } else { render_text(&x, &args.filter) };
    match print_out(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("atlas-extract explain: cannot write to standard output: {e}"));
            ExitCode::from(1)
        }
    }
}
