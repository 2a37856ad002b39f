//! The layer switch (stance | formal recognition) and the recognition
//! layer's legend. The layer is shared through context ([`LayerCtx`]); the
//! plain logic is in [`crate::recognition`].
//! The legend and the switch are markup written by that logic, which keeps
//! the app small.

use crate::recognition::{self, Layer, RecCounts};
use leptos::prelude::*;

/// The layer shown, shared with every component that reads it.
#[derive(Clone, Copy)]
pub struct LayerCtx(pub RwSignal<Layer>);

impl LayerCtx {
    pub fn get() -> RwSignal<Layer> {
        expect_context::<LayerCtx>().0
    }
}

/// The radios, checked as the page opens; the browser keeps them after.
fn radios(now: Layer) -> String {
    Layer::ALL
        .into_iter()
        .map(|l| {
            format!(
                "<label class=\"layer-option\"><input type=\"radio\" name=\"layer\" value=\"{}\"{}> {}</label>",
                l.as_str(),
                if l == now { " checked" } else { "" },
                l.label()
            )
        })
        .collect()
}

/// A radio group named "Layer": the map, legend and chart follow it.
#[component]
pub fn LayerSwitch() -> impl IntoView {
    let layer = LayerCtx::get();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(l) = Layer::parse(&event_target_value(&ev)) {
            layer.set(l);
        }
    };
    // The help (`layer-help`) is the recognition legend's first line.
    view! {
        <fieldset class="layer-switch" role="radiogroup" aria-describedby="layer-help" on:change=on_change>
            <legend>"Layer"</legend>
            <span class="layer-options" inner_html=radios(layer.get_untracked())></span>
        </fieldset>
    }
}

/// The recognition layer's key, with counts at the current date, under the
/// layer's definition (which also describes the Layer radios).
#[component]
pub fn RecognitionLegend(counts: Memo<RecCounts>) -> impl IntoView {
    let layer = LayerCtx::get();
    let help = move || {
        match layer.get() {
        Layer::Stance => "Stance: any act that takes a side, from a call for dialogue to formal recognition.",
        Layer::Recognition => {
            "Formal recognition: only acts that recognise a president (or decline to recognise Maduro) and their withdrawal."
        }
    }
    };
    view! {
        <section aria-label="Legend" class="rec-legend">
            <p id="layer-help" class="hint">{help}</p>
            <details class="legend-note">
                <summary>"How recognitions are counted"</summary>
                <p class="hint">"A recognition of Guaidó lapses with the interim government on 5 January 2023; a withdrawal of recognition shows no recognition. Declining to recognise Maduro counts as recognising the opposition's claim of the time: Guaidó's, or González Urrutia's from 28 July 2024."</p>
            </details>
            <ul class="legend" inner_html=move || recognition::legend_markup(&counts.get())></ul>
        </section>
    }
}
