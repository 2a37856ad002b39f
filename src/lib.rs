//! Stance Atlas, the browser app: a tile map of the world colored by each
//! government's stance on Venezuela's presidential crisis at a chosen date.
//!
//! [`logic`] holds everything testable without a browser; [`app`] holds the
//! Leptos components. The dataset is embedded at compile time from
//! `data/dataset.json`; the app never reads article text.

pub mod app;
pub mod chart;
mod context_view;
pub mod export;
pub mod headline;
pub mod layer;
pub mod logic;
pub mod recognition;
pub mod series;
pub mod share;
mod share_view;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
