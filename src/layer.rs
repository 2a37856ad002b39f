//! The layer switch (stance | formal recognition) and the recognition
//! layer's legend. The layer is shared through context ([`LayerCtx`]); the
//! plain logic is in [`crate::recognition`].

use crate::logic;
use crate::recognition::{self, Layer, RecCounts};
use atlas_model::{Claimant, Dataset, Date};
use leptos::prelude::*;

/// The layer shown, shared with every component that reads it.
#[derive(Clone, Copy)]
pub struct LayerCtx(pub RwSignal<Layer>);

impl LayerCtx {
    pub fn get() -> RwSignal<Layer> {
        expect_context::<LayerCtx>().0
    }
}

/// A radio group named "Layer": the map, legend and chart follow it.
#[component]
pub fn LayerSwitch() -> impl IntoView {
    let layer = LayerCtx::get();
    let option = move |l: Layer| {
        view! {
            <label class="layer-option">
                <input type="radio" name="layer" value=l.as_str()
                    prop:checked=move || layer.get() == l
                    on:change=move |_| layer.set(l) />
                {l.label()}
            </label>
        }
    };
    view! {
        <fieldset class="layer-switch" role="radiogroup" aria-describedby="layer-help">
            <legend>"Layer"</legend>
            {Layer::ALL.into_iter().map(option).collect_view()}
            <span id="layer-help" class="hint">
                {move || match layer.get() {
                    Layer::Stance => "Stance: any act that takes a side, from a call for dialogue to formal recognition.",
                    Layer::Recognition => "Formal recognition: only acts that recognise a president (or decline to recognise Maduro) and their withdrawal.",
                }}
            </span>
        </fieldset>
    }
}

/// The recognition layer's key, with counts at the current date.
#[component]
pub fn RecognitionLegend(counts: Memo<RecCounts>) -> impl IntoView {
    let item = move |c: Option<Claimant>| {
        let key = c.map_or("none", Claimant::as_str);
        view! {
            <li class="legend-item">
                <span class="swatch" data-recognition=key aria-hidden="true"></span>
                <span class="legend-label">{recognition::recognition_label(key)}</span>
                <span class="count" data-count=key>{move || counts.get().of(c)}</span>
            </li>
        }
    };
    view! {
        <section aria-label="Legend" class="rec-legend">
            <ul class="legend">
                {Claimant::ALL.into_iter().map(|c| item(Some(c))).collect_view()}
                <li class="legend-item">
                    <span class="swatch" data-recognition="guaido" data-rec-evidence="previous-government" aria-hidden="true"></span>
                    <span class="legend-label">"A previous government's recognition (faded, outlined): the one in office has made no recognition act yet"</span>
                    <span class="count" data-count="previous-government">{move || counts.get().previous}</span>
                </li>
                {item(None)}
                <li class="legend-item">
                    <span class="swatch subject" aria-hidden="true">"★"</span>
                    <span class="legend-label">"Venezuela, the subject"</span>
                </li>
            </ul>
            <p class="hint">"A recognition of Guaidó lapses with the interim government on 5 January 2023; a withdrawal of recognition shows no recognition. Declining to recognise Maduro counts as recognising the opposition's claim of the time: Guaidó's, or González Urrutia's from 28 July 2024."</p>
        </section>
    }
}

/// The panel's line on formal recognition: whom the country's government
/// recognises on the date, by which act, and whose act it is.
#[component]
pub fn PanelRecognition(ds: &'static Dataset, code: String, date: RwSignal<Date>) -> impl IntoView {
    let state = Memo::new(move |_| recognition::rec_state(ds, &code, date.get()));
    let detail = move || {
        let s = state.get();
        let since = s.since.map(logic::long_date)?;
        let whose = if s.is_previous() { " by the previous government" } else { "" };
        Some(match s.key {
            "none" => format!(" (last recognition act{whose}: {since})"),
            _ => format!(" (since {since}{whose})"),
        })
    };
    view! {
        <p class="rec-now">
            "Formal recognition: "
            <span class="badge" data-recognition=move || state.get().key data-rec-evidence=move || state.get().evidence>
                {move || recognition::recognition_label(state.get().key)}
            </span>
            {detail}
        </p>
    }
}
