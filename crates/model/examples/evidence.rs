//! Writes a dataset's evidence file (its quotes and articles) into the app's
//! build output, where the app fetches it after the first render, and each
//! article's text (`articles-XXXXXXXX/ID.txt`, an [`ArticleText`]), which the
//! app fetches only when a reader opens a quote in context. The texts are
//! read from the `articles` folder beside the dataset file. Trunk runs this
//! after each build (Trunk.toml's post_build hook), with the output folder in
//! `TRUNK_STAGING_DIR`; the app's `build.rs` embeds the rest of the dataset
//! and the names of the file and the folder.
//!
//!     cargo run -q -p atlas-model --example evidence -- [DATASET [DIR]]
//!
//! The dataset defaults to `ATLAS_DATASET`, else `data/dataset.json`.

use atlas_model::{ArticleText, Dataset};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let input =
        args.next().or_else(|| std::env::var("ATLAS_DATASET").ok()).unwrap_or_else(|| "data/dataset.json".into());
    let Some(dir) = args.next().or_else(|| std::env::var("TRUNK_STAGING_DIR").ok()) else {
        eprintln!("evidence: name an output folder, or run from Trunk (TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    let dataset = match std::fs::read_to_string(&input)
        .map_err(|e| e.to_string())
        .and_then(|j| Dataset::from_json(&j).map_err(|e| e.to_string()))
    {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("evidence: {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (_, file) = dataset.without_evidence();
    let path = PathBuf::from(&dir).join(file.file_name());
    if let Err(e) = write(&path, &file.to_json()) {
        eprintln!("evidence: {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    let corpus = Path::new(&input).parent().unwrap_or(Path::new(".")).join("articles");
    if let Err(e) = write_texts(&dataset, &corpus, Path::new(&dir)) {
        eprintln!("evidence: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Writes every article's text into its folder under `dir`.
fn write_texts(dataset: &Dataset, corpus: &Path, dir: &Path) -> Result<(), String> {
    let mut texts = Vec::new();
    for a in &dataset.articles {
        if a.id.starts_with('.') || !a.id.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)) {
            return Err(format!("article id {:?} cannot be a file name", a.id));
        }
        let path = corpus.join(&a.file);
        texts.push(std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let folder = dir.join(atlas_model::texts_dir(texts.iter().map(|t| t.as_bytes())));
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for (a, text) in dataset.articles.iter().zip(&texts) {
        let path = folder.join(format!("{}.txt", a.id));
        write(&path, &ArticleText::of(text).to_file()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes `body` to `path` through a temporary file, so that a server never
/// sends half a file.
fn write(path: &Path, body: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, body).and_then(|()| std::fs::rename(&tmp, path))
}
