//! Running the extractor over files and directories: input discovery,
//! parallel extraction, progress, reporting and atomic output.

use crate::{Extracted, Extractor, GENERATED_BY};
use atlas_model::{Dataset, Event};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Output formats of the command-line tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The app's dataset, pretty JSON in canonical order.
    Json,
    /// One event per line.
    Jsonl,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub format: Format,
    pub output: Option<PathBuf>,
    pub threads: usize,
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Json,
            output: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            progress: std::io::stderr().is_terminal(),
        }
    }
}

/// What a run read, found and skipped.
#[derive(Debug, Default)]
pub struct Report {
    pub articles: Vec<Extracted>,
    /// One message per skipped file or input, naming it.
    pub errors: Vec<String>,
    /// Messages about files that were read anyway.
    pub warnings: Vec<String>,
    pub bytes: usize,
    /// The government terms the dataset carries.
    pub governments: Vec<atlas_model::Government>,
    /// The crisis's turning points the dataset carries.
    pub turning_points: Vec<atlas_model::TurningPoint>,
}

impl Report {
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.articles.iter().flat_map(|a| a.events.iter())
    }

    pub fn dataset(&self) -> Dataset {
        let mut dataset = Dataset::new(
            GENERATED_BY,
            self.articles.iter().map(|a| a.article.clone()).collect(),
            self.events().cloned().collect(),
            self.governments.clone(),
        );
        dataset.set_turning_points(self.turning_points.clone());
        dataset
    }

    /// One line for people: articles, events, countries, warnings.
    pub fn summary(&self) -> String {
        let mut actors: Vec<&str> = self.events().map(|e| e.actor.as_str()).collect();
        actors.sort_unstable();
        actors.dedup();
        let countries = actors.iter().filter(|a| a.len() == 2).count();
        format!(
            "{} articles read, {} skipped; {} events; {} countries and {} organisations; {} warnings",
            self.articles.len(),
            self.errors.len(),
            self.events().count(),
            countries,
            actors.len() - countries,
            self.warnings.len()
        )
    }
}

/// Files named by `paths`: files as given, directories walked in name order,
/// skipping hidden entries and `.meta` sidecars. Missing paths are errors.
pub fn discover(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, errors),
            Ok(_) => out.push(p.clone()),
            Err(e) => errors.push(format!("{}: cannot open: {e}", p.display())),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(format!("{}: cannot list the directory: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || name.ends_with(".meta") {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, errors);
        } else {
            out.push(p);
        }
    }
}

/// Reads one file and its sidecar, and extracts it.
fn extract_file(ex: &Extractor, path: &Path) -> Result<Extracted, String> {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    let mut sidecar_path = path.as_os_str().to_owned();
    sidecar_path.push(".meta");
    let sidecar = match std::fs::read(&sidecar_path) {
        Ok(b) => {
            Some(String::from_utf8(b).map_err(|_| format!("{}.meta: the sidecar is not UTF-8 text", path.display()))?)
        }
        Err(_) => None,
    };
    ex.extract(&file, &bytes, sidecar.as_deref()).map_err(|e| {
        // The message names the file by its path, so a user finds it.
        e.to_string().replacen(&file, &path.display().to_string(), 1)
    })
}

/// Extracts every discovered file with `opts.threads` workers. Results keep
/// input order, so output never depends on scheduling.
pub fn run(ex: &Extractor, paths: &[PathBuf], opts: &Options) -> Report {
    let mut report = Report {
        governments: ex.governments().to_vec(),
        turning_points: ex.turning_points().to_vec(),
        ..Report::default()
    };
    let files = discover(paths, &mut report.errors);
    let total_bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Extracted, String>>>> = Mutex::new(vec![None; files.len()]);
    let progress = Progress::new(opts.progress && files.len() > 1, files.len(), total_bytes);
    std::thread::scope(|scope| {
        for _ in 0..opts.threads.clamp(1, 64).min(files.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                // A bug must cost one file, not the run: report it by name.
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_file(ex, path)))
                    .unwrap_or_else(|_| {
                        Err(format!("{}: internal error while reading this file (please report it)", path.display()))
                    });
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                progress.tick(done.fetch_add(1, Ordering::Relaxed) + 1);
            });
        }
    });
    progress.finish();
    let mut seen = std::collections::BTreeMap::new();
    for (path, r) in files.iter().zip(results.into_inner().unwrap_or_else(|e| e.into_inner())) {
        match r {
            Some(Ok(x)) => {
                if let Some(first) = seen.insert(x.article.id.clone(), path.clone()) {
                    report.errors.push(format!(
                        "{}: skipped: its id {:?} is already used by {}",
                        path.display(),
                        x.article.id,
                        first.display()
                    ));
                    seen.insert(x.article.id.clone(), first);
                    continue;
                }
                report.warnings.extend(x.warnings.iter().map(|w| format!("{}: {w}", path.display())));
                report.bytes += std::fs::metadata(path).map_or(0, |m| m.len() as usize);
                report.articles.push(x);
            }
            Some(Err(e)) => report.errors.push(e),
            None => report.errors.push(format!("{}: not processed", path.display())),
        }
    }
    report
}

/// Renders the report's events in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Json => report.dataset().to_json(),
        Format::Jsonl => {
            let files: std::collections::HashMap<&str, &str> =
                report.articles.iter().map(|a| (a.article.id.as_str(), a.article.file.as_str())).collect();
            let mut out = String::new();
            for e in report.dataset().events {
                let line = serde_json::json!({
                    "article": files.get(e.article.as_str()).copied().unwrap_or(&e.article),
                    "country": e.actor,
                    "stance": e.stance,
                    "date": e.date,
                    "quote": e.quote,
                    "start": e.span.start,
                    "end": e.span.end,
                    "mention_start": e.mention.start,
                    "mention_end": e.mention.end,
                    "kind": e.kind,
                    "date_inferred": e.date_inferred,
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
            out
        }
    }
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, flushed, then renamed over the target. A reader never sees a
/// half-written file, and a failed run leaves the old file in place.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| std::io::Error::other("the output path names no file"))?;
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A one-line progress bar on stderr, drawn only on a terminal.
struct Progress {
    on: bool,
    total: usize,
    bytes: u64,
    drawn: AtomicUsize,
}

impl Progress {
    fn new(on: bool, total: usize, bytes: u64) -> Progress {
        Progress { on, total, bytes, drawn: AtomicUsize::new(0) }
    }

    fn tick(&self, done: usize) {
        if !self.on {
            return;
        }
        // Redraw at most every 1% to keep stderr cheap.
        let step = (self.total / 100).max(1);
        if !done.is_multiple_of(step) && done != self.total {
            return;
        }
        self.drawn.store(done, Ordering::Relaxed);
        let width = 30;
        let filled = done * width / self.total.max(1);
        eprint!(
            "\r[{}{}] {done}/{} files, {:.1} MB",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.total,
            self.bytes as f64 / 1e6
        );
    }

    fn finish(&self) {
        if self.on && self.drawn.load(Ordering::Relaxed) > 0 {
            eprintln!();
        }
    }
}
