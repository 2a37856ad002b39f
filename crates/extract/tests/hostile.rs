//! Hostile input: files built to stall, mislead or overreach the extractor.
//!
//! Every file is generated here, in a temporary directory, at test time:
//! pathological punctuation and long repeated constructions at 128 KB,
//! 1 MB and 4 MB; FIFOs, sockets, symlink loops, sparse files larger than
//! the size cap; byte-order marks, UTF-16, bad sidecars, dates out of
//! range; output written inside the input. Whether extraction is linear is
//! told by counting its work (and, with a generous factor, by comparing
//! the time of one input with eight times as much), never by a wall-clock
//! threshold alone, so the suite holds on a slow or busy machine and in a
//! debug build.

use atlas_extract::article::Problem;
use atlas_extract::Extractor;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("the built-in lexicon compiles"))
}

const FRONT_MATTER: &str = "---\npublished: 2019-01-25\n---\n";

/// A document of `size` bytes or just under: front matter, `head`, `unit`
/// repeated, `tail`.
fn document(head: &str, unit: &str, tail: &str, size: usize) -> String {
    let fixed = FRONT_MATTER.len() + head.len() + tail.len();
    let n = size.saturating_sub(fixed) / unit.len();
    format!("{FRONT_MATTER}{head}{}{tail}", unit.repeat(n))
}

/// Constructions that once made a step quadratic or worse: runs of
/// periods in sentence splitting, one long sentence of repeated cues,
/// markers, quotations, dates or abbreviations in the rules.
const CONSTRUCTIONS: &[(&str, &str, &str, &str)] = &[
    ("periods", "", ".", ""),
    ("dotted word", "", "a.", ""),
    ("dotted acronyms", "", "U.S.", ""),
    ("spaced periods", "", ". ", ""),
    ("ellipses", "", "...a ", ""),
    ("line breaks", "", "\n", ""),
    ("quotation marks", "", "\"", ""),
    ("curly quotes", "", "“", ""),
    ("repeat markers", "Canada recognized Guaidó", ", as did Brazil", "."),
    ("pronoun targets", "Canada backs Guaidó and", " supports him", "."),
    ("passive cues", "Guaidó", " backed by", " Canada."),
    ("ruptures", "", "Venezuela broke ", "relations with Canada."),
    ("thanks", "", "Maduro thanked ", "Russia for its support."),
    ("abbreviations", "Canada recognized Guaidó and the European Union", " (EU", "."),
    ("quoted cues", "", "\"a\" Canada recognized Guaidó ", "."),
    ("groups with exclusions", "", "the Lima Group recognized Guaidó except Peru, ", "."),
    ("dates of elections", "Canada recognized Guaidó ", "after the election of January 9 ", "."),
    ("epithets", "", "dictator Venezuela ", "Maduro."),
    ("chained cues", "Canada", " recognized and supported", " Guaidó."),
    ("a long list", "", "Canada, Brazil, Peru and Chile ", "recognized Guaidó."),
    ("no spaces", "", "Canada-recognized-Guaidó", "."),
];

/// The work of extracting `doc`, which must be read (not refused).
fn work(name: &str, doc: &str) -> u64 {
    match extractor().extract("hostile.txt", doc.as_bytes(), None) {
        Ok(x) => x.work,
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn work_grows_linearly_with_every_construction() {
    for (name, head, unit, tail) in CONSTRUCTIONS {
        let small = work(name, &document(head, unit, tail, 16 * 1024));
        let large = work(name, &document(head, unit, tail, 128 * 1024));
        // Linear is 8x; quadratic would be 64x.
        assert!(large <= 12 * small, "{name}: {small} units of work at 16 KB, {large} at 128 KB");
        assert!(large <= 8 * 128 * 1024, "{name}: {large} units of work for 128 KB");
    }
}

#[test]
fn pathological_inputs_at_the_size_cap_are_read_within_their_budget() {
    // 128 KB, 1 MB and 4 MB (just under the cap, front matter included).
    for size in [128 * 1024, 1024 * 1024, 4 * 1024 * 1024 - 64] {
        for (name, head, unit, tail) in &CONSTRUCTIONS[..3] {
            let doc = document(head, unit, tail, size);
            assert!(doc.len() <= atlas_extract::article::MAX_ARTICLE_BYTES);
            let w = work(name, &doc);
            assert!(w <= 8 * doc.len() as u64, "{name}: {w} units of work for {} bytes", doc.len());
        }
    }
}

#[test]
fn an_article_past_its_work_budget_is_reported_and_skipped() {
    let tight = Extractor::new().unwrap().with_budget(0, 1024);
    let doc = document("Canada recognized Guaidó", ", as did Brazil", ".", 64 * 1024);
    let err = tight.extract("hard.txt", doc.as_bytes(), None).expect_err("the budget is exceeded");
    assert!(matches!(err.problem, Problem::TooComplex { sentences: 1, .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("hard.txt: too complex: 1 sentences over "), "{msg}");
    // The default budget reads it.
    assert!(extractor().extract("hard.txt", doc.as_bytes(), None).is_ok());
}

const GOOD_BODY: &str = "Canada recognizes Juan Guaidó as interim president of Venezuela, Foreign Minister Chrystia \
Freeland said.\n\nThe governments of Mexico, Bolivia and Russia have stated that they recognize Nicolas Maduro as president.\n";

#[test]
fn a_byte_order_mark_before_front_matter_is_read_and_offsets_count_it() {
    let doc = format!("\u{feff}---\npublished: 2019-01-23\ntitle: With a BOM\n---\n{GOOD_BODY}");
    let x = extractor().extract("bom.txt", doc.as_bytes(), None).expect("read");
    assert_eq!(x.article.published.to_string(), "2019-01-23");
    assert!(!x.article.published_inferred, "the date was re-inferred: the front matter was missed");
    assert_eq!(x.article.title.as_deref(), Some("With a BOM"));
    assert!(!x.events.is_empty());
    for e in &x.events {
        assert_eq!(&doc.as_bytes()[e.span.start..e.span.end], e.quote.as_bytes(), "offsets do not count the BOM");
    }
    // Without front matter the mark is no part of the first sentence.
    let doc = format!("\u{feff}{GOOD_BODY}");
    let x = extractor().extract("bom.txt", doc.as_bytes(), Some("published: 2019-01-23")).expect("read");
    assert!(x.events.iter().all(|e| e.span.start >= 3 && !e.quote.starts_with('\u{feff}')));
    // Nor of a sidecar's first key.
    let x = extractor().extract("bom.txt", GOOD_BODY.as_bytes(), Some("\u{feff}published: 2019-01-23")).expect("read");
    assert!(!x.article.published_inferred);
}

#[test]
fn utf16_is_reported_as_such() {
    let text = format!("---\npublished: 2019-01-23\n---\n{GOOD_BODY}");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("le without bom", le.clone()),
        ("be without bom", be.clone()),
        ("le with bom", [&[0xFF, 0xFE][..], &le].concat()),
        ("be with bom", [&[0xFE, 0xFF][..], &be].concat()),
    ] {
        let err = extractor().extract("u16.txt", &bytes, None).expect_err(name);
        assert_eq!(err.problem, Problem::Utf16, "{name}: {err}");
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }
}

#[test]
fn dates_out_of_range_are_reported_not_used() {
    for date in ["9999-12-31", "0001-01-01", "2014-12-31", "2031-01-01"] {
        let doc = format!("---\npublished: {date}\n---\n{GOOD_BODY}");
        let err = extractor().extract("far.txt", doc.as_bytes(), None).expect_err(date);
        assert!(matches!(err.problem, Problem::DateOutOfRange { .. }), "{date}: {err}");
        assert!(err.to_string().contains(date) && err.to_string().contains("2015-01-01"), "{err}");
        // The same date in a sidecar: never re-inferred from the text.
        let err = extractor()
            .extract(
                "far.txt",
                format!("Published 2019-01-23. {GOOD_BODY}").as_bytes(),
                Some(&format!("published: {date}")),
            )
            .expect_err(date);
        assert!(matches!(err.problem, Problem::DateOutOfRange { .. }), "{date}: {err}");
    }
    // An event dated before the range (three years before a publication
    // inside it) is dropped, with a warning.
    let doc =
        "---\npublished: 2016-01-10\n---\nOn January 9, 2013, Canada recognized Juan Guaidó as interim president.\n";
    let x = extractor().extract("old.txt", doc.as_bytes(), None).expect("read");
    assert!(x.events.is_empty(), "{:?}", x.events);
    assert!(x.warnings.iter().any(|w| w.contains("2013-01-09") && w.contains("outside")), "{:?}", x.warnings);
    assert_eq!(
        atlas_extract::article::DateRange::builtin().map(|r| r.to_string()),
        Ok("2015-01-01 to 2030-12-31 (data/extract.toml)".to_string())
    );
}

#[test]
fn only_web_addresses_pass_without_a_warning() {
    for (url, warned) in [
        ("javascript:alert(document.cookie)", true),
        ("JavaScript:alert(1)", true),
        ("data:text/html,<script>alert(1)</script>", true),
        ("//example.com/x", true),
        ("https://example.com/a", false),
        ("HTTP://EXAMPLE.COM/", false),
    ] {
        let doc = format!("---\npublished: 2019-01-23\nurl: {url}\n---\n{GOOD_BODY}");
        let x = extractor().extract("url.txt", doc.as_bytes(), None).expect("read");
        let warning = x.warnings.iter().any(|w| w.contains("not an http or https address"));
        assert_eq!(warning, warned, "{url}: {:?}", x.warnings);
    }
}

// ---------------------------------------------------------------------------
// The command-line tool: files that are no articles, and files not asked for
// ---------------------------------------------------------------------------

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_atlas-extract");

/// A fresh directory under the system temp dir, removed afterwards.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("atlas-hostile-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn good_article() -> String {
    format!("---\npublished: 2019-01-23\n---\n{GOOD_BODY}")
}

/// What a run of the tool said, and how it ended.
struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs the tool with `args`, its output in files, and fails the test if it
/// has not finished within 30 seconds (a FIFO read would block forever).
fn run(dir: &TempDir, args: &[&std::ffi::OsStr]) -> Run {
    let out = std::fs::File::create(dir.path().join(".stdout")).unwrap();
    let err_path = dir.path().join(".stderr");
    let err = std::fs::File::create(&err_path).unwrap();
    let mut child = Command::new(BIN).args(args).stdin(Stdio::null()).stdout(out).stderr(err).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?}: still running after 30 s:\n{}", std::fs::read_to_string(&err_path).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run { code: status.code(), stderr: std::fs::read_to_string(&err_path).unwrap_or_default() }
}

fn os<P: AsRef<std::ffi::OsStr> + ?Sized>(p: &P) -> &std::ffi::OsStr {
    p.as_ref()
}

/// The events of the dataset written at `path`.
fn events_in(path: &Path) -> usize {
    let json = std::fs::read_to_string(path).expect("the output was written");
    atlas_model::Dataset::from_json(&json).expect("a valid dataset").events.len()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifos_sockets_and_devices_are_reported_and_skipped_without_blocking() {
    let dir = TempDir::new("fifo");
    let input = dir.path().join("in");
    dir.write("in/good.txt", good_article().as_bytes());
    mkfifo(&input.join("pipe.txt"));
    let _socket = std::os::unix::net::UnixListener::bind(input.join("socket.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.txt")).unwrap();
    let out = dir.path().join("out.json");
    let r = run(&dir, &[os(&input), os("-o"), os(&out)]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for (file, kind) in [("pipe.txt", "a FIFO"), ("socket.txt", "a socket"), ("zero.txt", "a device")] {
        let line =
            r.stderr.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not named:\n{}", r.stderr));
        assert!(line.contains(kind) && line.contains("not a regular file"), "{line}");
    }
    assert!(r.stderr.contains("1 articles read, 3 inputs failed"), "{}", r.stderr);
    assert!(events_in(&out) > 0);
    // Named directly, /dev/zero is refused before a byte is read.
    let r = run(&dir, &[os("/dev/zero"), os(&dir.path().join("good-only.txt")), os("-q")]);
    assert!(r.stderr.contains("/dev/zero: a device, not a regular file"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_unreadable_sidecar_fails_its_article_and_is_never_read_around() {
    let dir = TempDir::new("sidecar");
    // The text dates itself 2021-01-05; the sidecar would say 2019-01-24.
    let body = format!("Published 2021-01-05. {GOOD_BODY}");
    for (name, make) in
        [("fifo", 0), ("directory", 1), ("broken-link", 2), ("not-utf8", 3), ("malformed", 4), ("huge", 5)]
    {
        let article = dir.write(&format!("{name}/a.txt"), body.as_bytes());
        let side = dir.path().join(format!("{name}/a.txt.meta"));
        match make {
            0 => mkfifo(&side),
            1 => std::fs::create_dir(&side).unwrap(),
            2 => std::os::unix::fs::symlink("/nonexistent/a.meta", &side).unwrap(),
            3 => std::fs::write(&side, b"published: 2019-01-24\ntitle: \xff\xfe\n").unwrap(),
            4 => std::fs::write(&side, b"published 2019-01-24\n").unwrap(),
            _ => std::fs::File::create(&side).unwrap().set_len(1 << 30).unwrap(),
        }
        let out = dir.path().join(format!("{name}.json"));
        let r = run(&dir, &[os(&article), os("-o"), os(&out)]);
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        assert!(r.stderr.contains("a.txt"), "{name}: the article is not named:\n{}", r.stderr);
        assert!(r.stderr.contains("nothing usable"), "{name}: the article was read around its sidecar:\n{}", r.stderr);
        let line = r.stderr.lines().find(|l| l.contains("a.txt.meta")).expect("the sidecar is named");
        let said = [
            "a FIFO",
            "a directory",
            "cannot read the sidecar",
            "not UTF-8",
            "expected `key: value`",
            "1073741824 bytes",
        ];
        assert!(line.contains(said[make]), "{name}: {line}");
        assert_eq!(line.matches("skipped").count(), 1, "{line}");
        assert!(!out.exists(), "{name}: an article was written with a re-inferred date");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_second_links_are_read_once() {
    let dir = TempDir::new("loops");
    let input = dir.path().join("in");
    dir.write("in/good.txt", good_article().as_bytes());
    dir.write("in/sub/other.txt", good_article().replace("Canada", "Peru").as_bytes());
    std::os::unix::fs::symlink(".", input.join("again")).unwrap();
    std::os::unix::fs::symlink(".", input.join("sub/again")).unwrap();
    std::os::unix::fs::symlink("..", input.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("good.txt", input.join("same.txt")).unwrap();
    std::fs::hard_link(input.join("good.txt"), input.join("hard.txt")).unwrap();
    let out = dir.path().join("out.json");
    let r = run(&dir, &[os(&input), os(&input), os("-o"), os(&out)]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("2 articles read, 0 inputs failed"), "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link loop"), "{}", r.stderr);
    assert!(r.stderr.contains("the same file as"), "{}", r.stderr);
}

#[test]
fn a_file_past_the_size_cap_is_refused_before_it_is_read() {
    let dir = TempDir::new("sparse");
    dir.write("good.txt", good_article().as_bytes());
    // Three gigabytes that take no room: read in full, they would.
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(3 << 30).unwrap();
    let out = dir.path().join("out.json");
    let r = run(&dir, &[os(dir.path()), os("-o"), os(&out)]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let line = r.stderr.lines().find(|l| l.contains("huge.txt")).expect("huge.txt is named");
    assert!(line.contains("3221225472 bytes, more than the 4194304"), "{line}");
    assert!(events_in(&out) > 0);
}

#[test]
fn output_inside_the_input_is_not_read_back() {
    let dir = TempDir::new("inside");
    let input = dir.path().join("in");
    dir.write("in/good.txt", good_article().as_bytes());
    dir.write("in/more.txt", good_article().replace("Canada", "Peru").as_bytes());
    let out = input.join("dataset.json");
    let first = run(&dir, &[os(&input), os("-o"), os(&out)]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let events = events_in(&out);
    let second = run(&dir, &[os(&input), os("-o"), os(&out)]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert_eq!(events_in(&out), events, "the output was read back as an article");
    assert!(second.stderr.contains("the output file of this run"), "{}", second.stderr);
}

#[cfg(unix)]
#[test]
fn only_the_output_file_is_written() {
    let dir = TempDir::new("output");
    let good = dir.write("good.txt", good_article().as_bytes());
    // -o naming a symbolic link writes to the file it leads to.
    let target = dir.write("real/target.json", b"old");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real/target.json", &link).unwrap();
    let r = run(&dir, &[os(&good), os("-o"), os(&link)]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert!(events_in(&target) > 0, "the link's target was not written");

    // A temporary file left by a killed run is removed; a link planted
    // under such a name is neither followed nor removed.
    let victim = dir.write("victim.txt", b"precious");
    let out = dir.path().join("out.json");
    let stale = dir.write(".out.json.tmp-999999999-0", b"left over");
    let planted = dir.path().join(".out.json.tmp-999999998-0");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let r = run(&dir, &[os(&good), os("-o"), os(&out)]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let temporaries: Vec<&String> = names.iter().filter(|n| n.starts_with(".out.json.tmp-")).collect();
    assert_eq!(temporaries, [&".out.json.tmp-999999998-0".to_string()], "{names:?}");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = TempDir::new("pipe");
    // Enough articles that the output outgrows the pipe's buffer.
    for n in 0..200 {
        dir.write(&format!("a{n:03}.txt"), good_article().as_bytes());
    }
    let mut child = Command::new(BIN)
        .args([os("--format"), os("jsonl"), os(dir.path())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn a_mistyped_path_fails_the_run() {
    let dir = TempDir::new("typo");
    let good = dir.write("good.txt", good_article().as_bytes());
    let out = dir.path().join("out.json");
    let r = run(&dir, &[os(&good), os(&dir.path().join("goood.txt")), os("-o"), os(&out), os("-q")]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("goood.txt: cannot open"), "{}", r.stderr);
    assert!(r.stderr.contains("1 articles read, 1 inputs failed"), "the summary is shown even with -q:\n{}", r.stderr);
}
