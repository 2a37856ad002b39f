//! Writes a dataset's evidence file (its quotes and articles) into the app's
//! build output, where the app fetches it after the first render. Trunk runs
//! this after each build (Trunk.toml's post_build hook), with the output
//! folder in `TRUNK_STAGING_DIR`; the app's `build.rs` embeds the rest of the
//! dataset and the file's name.
//!
//!     cargo run -q -p atlas-model --example evidence -- data/dataset.json [DIR]

use atlas_model::Dataset;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "data/dataset.json".into());
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
    let path = PathBuf::from(dir).join(file.file_name());
    let tmp = path.with_extension("json.tmp");
    if let Err(e) = std::fs::write(&tmp, file.to_json()).and_then(|()| std::fs::rename(&tmp, &path)) {
        eprintln!("evidence: {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
