//! The view's one-line headline, the day the first view opens on, and the
//! caption of a key date (from `captions.csv`) shown as Play passes it.

use crate::layer::LayerCtx;
use crate::logic;
use crate::recognition;
use crate::series;
use atlas_model::{Dataset, Date};
use leptos::prelude::*;

/// How long a key date's caption stays up as the date moves on, in days.
pub const CAPTION_DAYS: i32 = 10;

/// The first view's date without a `date` parameter: the day with the most
/// formal recognitions in force, computed from the data.
pub fn opening_date(ds: &Dataset) -> Date {
    series::recognition_peak(series::series(ds)).map_or_else(|| logic::default_date(ds), |(d, _)| logic::clamp(d))
}

/// A flag that turns true once the first render is done: the counts over
/// time are not needed to draw the map, so they are computed after it.
pub fn after_first_render() -> RwSignal<bool> {
    let ready = RwSignal::new(false);
    gloo::timers::callback::Timeout::new(0, move || ready.set(true)).forget();
    ready
}

/// What the map shows on the chosen date, in one line (after the first render).
#[component]
pub fn Headline(ds: &'static Dataset, date: RwSignal<Date>) -> impl IntoView {
    let layer = LayerCtx::get();
    let ready = after_first_render();
    let text = Memo::new(move |_| {
        if !ready.get() {
            return String::new();
        }
        series::headline(series::series(ds), date.get(), layer.get())
    });
    view! { <p class="headline" id="headline">{move || text.get()}</p> }
}

/// The caption of the latest key date, for a few days after it.
#[component]
pub fn KeyDateCaption(date: RwSignal<Date>) -> impl IntoView {
    let caption = Memo::new(move |_| recognition::caption_at(date.get(), CAPTION_DAYS).copied());
    view! {
        <p class="key-caption" aria-live="polite" data-caption=move || caption.get().map(|c| c.date.to_string())
            inner_html=move || caption.get().map(|c| recognition::caption_markup(&c)).unwrap_or_default()></p>
    }
}
