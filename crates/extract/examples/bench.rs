//! Extraction throughput on a synthetic corpus of at least 50 MB, built in
//! memory by repeating the five seed articles of `data/articles` (with their
//! `.meta` sidecars).
//!
//!     cargo run --release -p atlas-extract --example bench [-- MB] [--no-breakdown]
//!
//! Prints MB/s and events/s on one thread and on all cores, then where the
//! time of one thread goes, phase by phase (byte checks and metadata, the
//! lexicon scan, sentence splitting, quotations, and the rest: dates, rules,
//! events), measured by calling the public pieces of the pipeline directly.

use atlas_extract::{article, text, Extractor};

/// The allocator the command-line tool uses, so that the figures are the
/// tool's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::Path;
use std::time::{Duration, Instant};

struct Doc {
    name: String,
    bytes: Vec<u8>,
    sidecar: Option<String>,
}

fn seeds() -> Vec<Doc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/articles");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        // The five seed articles are named NNN_<16 hex digits>; the real
        // excerpts added later are not, and are left out so that the figure
        // stays comparable from run to run as the corpus grows.
        .filter(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            stem.len() == 20 && stem[4..].bytes().all(|b| b.is_ascii_hexdigit()) && stem.as_bytes()[3] == b'_'
        })
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).unwrap();
        let mut meta = p.clone().into_os_string();
        meta.push(".meta");
        let sidecar = std::fs::read_to_string(&meta).ok();
        out.push(Doc { name: p.file_name().unwrap().to_string_lossy().into_owned(), bytes, sidecar });
    }
    assert!(!out.is_empty(), "no seed articles in {}", dir.display());
    out
}

/// Repeats the seeds until the corpus has at least `min_bytes`.
fn corpus(min_bytes: usize) -> Vec<Doc> {
    let seeds = seeds();
    let mut docs = Vec::new();
    let mut total = 0;
    let mut n = 0;
    while total < min_bytes {
        for s in &seeds {
            total += s.bytes.len();
            docs.push(Doc { name: format!("{n:06}_{}", s.name), bytes: s.bytes.clone(), sidecar: s.sidecar.clone() });
            n += 1;
        }
    }
    docs
}

/// Extracts `docs`, returning the number of events.
fn extract_all(ex: &Extractor, docs: &[Doc]) -> usize {
    let mut events = 0;
    for d in docs {
        match ex.extract(&d.name, &d.bytes, d.sidecar.as_deref()) {
            Ok(x) => events += x.events.len(),
            Err(e) => panic!("{e}"),
        }
    }
    events
}

fn report(label: &str, bytes: usize, events: usize, t: Duration) {
    let s = t.as_secs_f64();
    println!(
        "{label}: {:.1} MB/s ({:.1} MB in {:.2} s), {:.0} events/s",
        bytes as f64 / 1e6 / s,
        bytes as f64 / 1e6,
        s,
        events as f64 / s
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mb: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(50);
    let ex = Extractor::new().expect("the built-in lexicon compiles");
    let docs = corpus(mb * 1_000_000);
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    println!(
        "corpus: {} documents, {:.1} MB (the {} seed articles repeated)",
        docs.len(),
        bytes as f64 / 1e6,
        seeds().len()
    );

    // Warm-up: page in the corpus and the automaton.
    extract_all(&ex, &docs[..docs.len().min(200)]);

    let t = Instant::now();
    let events = extract_all(&ex, &docs);
    report("single-thread", bytes, events, t.elapsed());

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = Instant::now();
    let chunk = docs.len().div_ceil(cores);
    let events_mt: usize = std::thread::scope(|s| {
        let handles: Vec<_> = docs.chunks(chunk).map(|c| s.spawn(|| extract_all(&ex, c))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    report(&format!("all {cores} cores"), bytes, events_mt, t.elapsed());
    assert_eq!(events, events_mt, "the parallel run found other events");

    if !args.iter().any(|a| a == "--no-breakdown") {
        breakdown(&ex, &docs);
    }
}

/// Where one thread's time goes, phase by phase, on a slice of the corpus.
fn breakdown(ex: &Extractor, docs: &[Doc]) {
    let docs = &docs[..docs.len().min(5000)];
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    let lex = ex.lexicon();
    let time = |f: &dyn Fn(&Doc)| {
        let t = Instant::now();
        for d in docs {
            f(d);
        }
        t.elapsed()
    };
    let total = time(&|d| {
        std::hint::black_box(ex.extract(&d.name, &d.bytes, d.sidecar.as_deref()).unwrap());
    });
    let prepare = time(&|d| {
        let text = article::check_bytes(&d.name, &d.bytes).unwrap();
        std::hint::black_box(article::prepare(&d.name, text, d.sidecar.as_deref(), lex, None).unwrap());
    });
    let scan = time(&|d| {
        let text = std::str::from_utf8(&d.bytes).unwrap();
        std::hint::black_box(lex.scan(text));
    });
    let sentences = time(&|d| {
        let text = std::str::from_utf8(&d.bytes).unwrap();
        std::hint::black_box(text::sentences(text));
    });
    let quotations = time(&|d| {
        let text = std::str::from_utf8(&d.bytes).unwrap();
        std::hint::black_box(text::quotations(text));
    });
    let rest = total.saturating_sub(prepare + scan + sentences + quotations);
    println!("\nwhere one thread's time goes ({:.1} MB):", bytes as f64 / 1e6);
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    for (label, d) in [
        ("byte checks + metadata (article::prepare)", prepare),
        ("lexicon scan (Lexicon::scan)", scan),
        ("sentence splitting (text::sentences)", sentences),
        ("quotations (text::quotations)", quotations),
        ("the rest: speakers, dates, rules, events", rest),
        ("total Extractor::extract", total),
    ] {
        println!(
            "  {label:<44} {:>8.1} ms {:>5.1}%  {:>8.1} MB/s",
            d.as_secs_f64() * 1e3,
            pct(d),
            bytes as f64 / 1e6 / d.as_secs_f64()
        );
    }
}
