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

/// How [`run`] reads its inputs and writes its output.
#[derive(Clone, Debug)]
pub struct Options {
    /// What is written.
    pub format: Format,
    /// The file written (atomically, through a temporary beside it); none for standard output.
    pub output: Option<PathBuf>,
    /// Worker threads, at least one and at most 64 (and no more than files); by default one per core.
    pub threads: usize,
    /// Draw a progress bar on standard error; by default only when it is a terminal.
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
    /// The articles read, in input order.
    pub articles: Vec<Extracted>,
    /// One message per input that failed (a missing path, a file that is
    /// not a regular file, an article skipped), naming it: any makes the
    /// command's exit status 1.
    pub errors: Vec<String>,
    /// Messages about files that were read anyway.
    pub warnings: Vec<String>,
    /// The total size in bytes of the articles read.
    pub bytes: usize,
    /// The government terms the dataset carries.
    pub governments: Vec<atlas_model::Government>,
    /// The crisis's turning points the dataset carries.
    pub turning_points: Vec<atlas_model::TurningPoint>,
    /// The codes of the organisations of the gazetteer
    /// (`organisations.csv`): the summary counts their events apart from
    /// countries'.
    pub organisations: Vec<String>,
}

impl Report {
    /// Every event of every article, in article order.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.articles.iter().flat_map(|a| a.events.iter())
    }

    /// The dataset the run writes: its articles, events, government terms and turning points.
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
        let countries = actors.iter().filter(|a| !self.organisations.iter().any(|o| o == *a)).count();
        format!(
            "{} articles read, {} inputs failed; {} events; {} countries and {} organisations; {} warnings",
            self.articles.len(),
            self.errors.len(),
            self.events().count(),
            countries,
            actors.len() - countries,
            self.warnings.len()
        )
    }
}

/// A file's identity: its device and inode (on Unix), so that a file
/// reached by two paths (links, symbolic links, a loop) is known as one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct FileId(u64, u64);

fn file_id(m: &std::fs::Metadata) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FileId(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        None
    }
}

/// What kind of file that is not a regular file `m` is, in words.
fn odd_kind(m: &std::fs::Metadata) -> &'static str {
    if m.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = m;
    "not a regular file"
}

/// The input files of a run and what was said about the paths given.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The regular files to read, in the order found.
    pub files: Vec<PathBuf>,
    /// Paths that could not be read as inputs, one message each.
    pub errors: Vec<String>,
    /// Paths left out on purpose (a second link to a file, a loop, the output).
    pub warnings: Vec<String>,
}

/// Finds the input files named by `paths`: files as given, directories
/// walked in name order, skipping hidden entries and `.meta` sidecars.
/// Only regular files are inputs: a FIFO, a socket or a device is reported
/// and skipped (reading one would block or never end), and so is a
/// missing path or a broken link. A directory reached twice (a symbolic
/// link loop) is walked once, and a file reached twice is read once, both
/// told by device and inode. `output`, the file the run writes, and its
/// temporary files are never inputs.
pub fn discover(paths: &[PathBuf], output: Option<&Path>) -> Inputs {
    let mut walk = Walk { out: Inputs::default(), files: Default::default(), dirs: Default::default(), output: None };
    if let Some(o) = output {
        let resolved = resolve_links(o).unwrap_or_else(|_| o.to_path_buf());
        let id = std::fs::metadata(&resolved).ok().as_ref().and_then(file_id);
        walk.output = Some((resolved, id));
    }
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk.dir(p, &m),
            Ok(m) if m.is_file() => walk.file(p, &m),
            Ok(m) => walk.out.errors.push(format!("{}: {}, not a regular file", p.display(), odd_kind(&m))),
            Err(e) => walk.out.errors.push(format!("{}: cannot open: {e}", p.display())),
        }
    }
    walk.out
}

struct Walk {
    out: Inputs,
    /// Files taken and directories walked, with the path first seen.
    files: std::collections::HashMap<FileId, PathBuf>,
    dirs: std::collections::HashSet<FileId>,
    /// The output file (its links followed) and its identity if it exists.
    output: Option<(PathBuf, Option<FileId>)>,
}

impl Walk {
    fn file(&mut self, p: &Path, m: &std::fs::Metadata) {
        let id = file_id(m);
        if let Some((out, out_id)) = &self.output {
            let same = match (id, out_id) {
                (Some(a), Some(b)) => a == *b,
                _ => false,
            };
            if same || is_temporary_of(p, out) {
                self.out.warnings.push(format!("{}: the output file of this run; not read as an article", p.display()));
                return;
            }
        }
        if let Some(id) = id {
            if let Some(first) = self.files.get(&id) {
                let first = first.display().to_string();
                self.out.warnings.push(format!("{}: the same file as {first}; read once", p.display()));
                return;
            }
            self.files.insert(id, p.to_path_buf());
        }
        self.out.files.push(p.to_path_buf());
    }

    /// Walks `dir` depth first in name order, without recursion (a deep
    /// tree cannot exhaust the stack).
    fn dir(&mut self, dir: &Path, m: &std::fs::Metadata) {
        let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
        if let Some(entries) = self.enter(dir, m) {
            stack.push(entries);
        }
        while let Some(top) = stack.last_mut() {
            let Some(p) = top.next() else {
                stack.pop();
                continue;
            };
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.starts_with('.') || name.ends_with(".meta") {
                continue;
            }
            // Follows a symbolic link; a broken one is reported.
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => {
                    if let Some(entries) = self.enter(&p, &m) {
                        stack.push(entries);
                    }
                }
                Ok(m) if m.is_file() => self.file(&p, &m),
                Ok(m) => self.out.errors.push(format!("{}: {}, not a regular file", p.display(), odd_kind(&m))),
                Err(e) => self.out.errors.push(format!("{}: cannot open: {e}", p.display())),
            }
        }
    }

    /// The entries of `dir` in name order, unless it was walked already.
    fn enter(&mut self, dir: &Path, m: &std::fs::Metadata) -> Option<std::vec::IntoIter<PathBuf>> {
        if let Some(id) = file_id(m) {
            if !self.dirs.insert(id) {
                self.out.warnings.push(format!(
                    "{}: a directory already read (a symbolic link loop or a second link to it); not read again",
                    dir.display()
                ));
                return None;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.out.errors.push(format!("{}: cannot list the directory: {e}", dir.display()));
                return None;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        Some(paths.into_iter())
    }
}

/// True when `p` is a temporary file that [`write_atomically`] makes for
/// `output`: `.NAME.tmp-…` beside it.
fn is_temporary_of(p: &Path, output: &Path) -> bool {
    let (Some(name), Some(out_name)) = (p.file_name(), output.file_name()) else { return false };
    let prefix = format!(".{}.tmp-", out_name.to_string_lossy());
    let same_dir = |a: &Path, b: &Path| {
        let dir = |x: &Path| x.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        let (a, b) = (dir(a), dir(b));
        a == b || std::fs::canonicalize(&a).ok() == std::fs::canonicalize(&b).ok()
    };
    name.to_string_lossy().starts_with(&prefix) && same_dir(p, output)
}

/// Larger sidecars are refused: metadata is a few lines.
pub const MAX_SIDECAR_BYTES: u64 = 64 * 1024;

/// Opens `path` for reading without blocking (a FIFO swapped in after the
/// walk looked would otherwise wait for a writer), and checks from the
/// open file, before reading a byte, that it is a regular file of at most
/// `max` bytes; then reads at most `max` bytes (a file that grows is cut
/// there and refused).
fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let m = file.metadata().map_err(ReadError::Io)?;
    if !m.is_file() {
        return Err(ReadError::NotRegular(odd_kind(&m)));
    }
    if m.len() > max {
        return Err(ReadError::TooLarge(m.len()));
    }
    let mut bytes = Vec::with_capacity(m.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

enum ReadError {
    Io(std::io::Error),
    NotRegular(&'static str),
    TooLarge(u64),
}

/// The sidecar `PATH.meta` of an article, if there is one. One that exists
/// but cannot be read (a FIFO, no permission, a broken link, too large,
/// not UTF-8) is an error for the article: treating it as absent would
/// re-infer the date from the text without a word.
fn read_sidecar(path: &Path) -> Result<Option<String>, String> {
    let mut name = path.as_os_str().to_owned();
    name.push(".meta");
    let side = PathBuf::from(name);
    match std::fs::symlink_metadata(&side) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: cannot read the sidecar: {e}", side.display())),
        Ok(_) => {}
    }
    let bytes = read_regular(&side, MAX_SIDECAR_BYTES).map_err(|e| match e {
        ReadError::Io(e) => format!("{}: cannot read the sidecar: {e}", side.display()),
        ReadError::NotRegular(kind) => format!("{}: the sidecar is {kind}, not a regular file", side.display()),
        ReadError::TooLarge(n) => {
            format!(
                "{}: the sidecar has {n} bytes, more than the {MAX_SIDECAR_BYTES} metadata may have",
                side.display()
            )
        }
    })?;
    String::from_utf8(bytes).map(Some).map_err(|_| format!("{}: the sidecar is not UTF-8 text", side.display()))
}

/// Reads one file and its sidecar, and extracts it.
fn extract_file(ex: &Extractor, path: &Path) -> Result<Extracted, String> {
    let (file, bytes, sidecar) = read_article(path)?;
    ex.extract(&file, &bytes, sidecar.as_deref()).map_err(|e| {
        // The message names the file by its path, so a user finds it.
        e.to_string().replacen(&file, &path.display().to_string(), 1)
    })
}

/// Reads one article file (a regular file, at most the size cap) and its
/// `.meta` sidecar: its name, its bytes and the sidecar's text. Errors name
/// the path.
pub fn read_article(path: &Path) -> Result<(String, Vec<u8>, Option<String>), String> {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let shown = path.display();
    let bytes = read_regular(path, crate::article::MAX_ARTICLE_BYTES as u64).map_err(|e| match e {
        ReadError::Io(e) => format!("{shown}: cannot read the file: {e}"),
        ReadError::NotRegular(kind) => format!("{shown}: {kind}, not a regular file"),
        ReadError::TooLarge(n) => format!(
            "{shown}: the file has {n} bytes, more than the {} an article may have",
            crate::article::MAX_ARTICLE_BYTES
        ),
    })?;
    let sidecar = read_sidecar(path).map_err(|e| format!("{shown}: {e}"))?;
    Ok((file, bytes, sidecar))
}

/// Extracts every discovered file with `opts.threads` workers. Results keep
/// input order, so output never depends on scheduling.
pub fn run(ex: &Extractor, paths: &[PathBuf], opts: &Options) -> Report {
    let mut report = Report {
        governments: ex.governments().to_vec(),
        turning_points: ex.turning_points().to_vec(),
        organisations: ex.lexicon().organisations.iter().map(|o| o.code.clone()).collect(),
        ..Report::default()
    };
    let inputs = discover(paths, opts.output.as_deref());
    report.errors = inputs.errors;
    report.warnings = inputs.warnings;
    let files = inputs.files;
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
                        "{}: its id {:?} is already used by {}",
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

/// Renders the report's events in `format`. In JSONL each event's actor is
/// in `actor` and, as an alias kept for older readers, in `country`.
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
                    // `actor` may be a country or an organisation;
                    // `country` is kept, the same, until the app and
                    // scripts that read it move to `actor`.
                    "actor": e.actor,
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

/// Writes `contents` to `path` atomically: a temporary file beside the
/// target, flushed, then renamed over it. A reader never sees a half-written
/// file, and a failed run leaves the old file in place.
///
/// When `path` is a symbolic link, the file it leads to is written (the link
/// stays). The temporary file has an unpredictable name and is created with
/// `O_EXCL`, so a file or link planted under that name is never followed or
/// overwritten; temporary files left by a run that was killed are removed.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = resolve_links(path)?;
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().ok_or_else(|| std::io::Error::other("the output path names no file"))?;
    let name = name.to_string_lossy();
    remove_stale_temporaries(dir, &name);
    let (tmp, mut f) = create_temporary(dir, &name)?;
    let result = (|| {
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `path` with every symbolic link along its last component followed.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(format!("{}: too many levels of symbolic links", path.display())))
}

/// A new file `.NAME.tmp-PID-RANDOM` in `dir`, created exclusively.
fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::hash::BuildHasher;
    let mut last = None;
    for attempt in 0u32..16 {
        // std's hasher keys are random per process: a name no one can guess.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let random = std::collections::hash_map::RandomState::new().hash_one((nanos, attempt, std::process::id()));
        let tmp = dir.join(format!(".{name}.tmp-{}-{random:016x}", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o644);
        }
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file could be created")))
}

/// Removes `.NAME.tmp-PID…` files in `dir` left by runs that were killed:
/// regular files only (never a link), and only when process PID is gone
/// (told by /proc; without it nothing is removed).
fn remove_stale_temporaries(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else { continue };
        let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let regular = e.file_type().is_ok_and(|t| t.is_file());
        if regular && !pid.is_empty() && !Path::new("/proc").join(&pid).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
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
