//! Counts over time: a small SVG chart of the countries per stance (or per
//! recognition, with that layer on), on the slider's horizontal scale, with
//! each series' peak labelled. Clicking it or pressing an arrow key on it
//! moves the date. A text summary and a table say the same in words.
//!
//! The drawing and the table are markup written by [`crate::series`] (as the
//! map's tiles are), which keeps the app small; only the cursor follows the
//! date.

use crate::layer::LayerCtx;
use crate::logic;
use crate::recognition::Layer;
use crate::series::{self, Point, Series};
use atlas_model::{Dataset, Date};
use leptos::prelude::*;

/// The chart, its summary and its table, built after the first render.
#[component]
pub fn CountsChart(ds: &'static Dataset, date: RwSignal<Date>) -> impl IntoView {
    let layer = LayerCtx::get();
    let ready = crate::headline::after_first_render();
    let title = move || match layer.get() {
        Layer::Stance => "Countries per stance over time",
        Layer::Recognition => "Countries per formal recognition over time",
    };
    view! {
        <section class="chart" aria-labelledby="chart-heading">
            <h2 id="chart-heading" class="chart-title">{title}</h2>
            {move || ready.get().then(|| {
                let points = series::series(ds);
                (
                    plot(points, date, layer),
                    view! { <p class="chart-summary" id="chart-summary">{move || summary(points, layer.get())}</p> },
                    counts_table(points, layer),
                )
            })}
        </section>
    }
}

/// "Backs the opposition: at most 31, first on 25 February 2019; ...".
fn summary(points: &[Point], layer: Layer) -> String {
    let parts: Vec<String> = Series::of_layer(layer)
        .into_iter()
        .filter_map(|s| {
            let (d, n) = series::peak(points, s)?;
            Some(format!("{}: at most {n}, first on {}", s.label(), logic::long_date(d)))
        })
        .collect();
    format!(
        "Peaks. {}. Counts are of current governments' acts; click the chart or use its arrow keys to move the date.",
        parts.join("; ")
    )
}

/// The date an arrow, Home or End key on the chart moves to: the next or
/// previous day a count changes.
fn key_target(points: &[Point], now: Date, key: &str) -> Option<Option<Date>> {
    let i = points.partition_point(|p| p.date <= now);
    Some(match key {
        "ArrowRight" | "ArrowUp" => points.get(i).map(|p| p.date),
        "ArrowLeft" | "ArrowDown" => points[..i].iter().rev().find(|p| p.date < now).map(|p| p.date),
        "Home" => Some(logic::first_day()),
        "End" => Some(logic::last_day()),
        _ => return None,
    })
}

/// The plot: one Tab stop that acts as a slider over the change days.
fn plot(points: &'static [Point], date: RwSignal<Date>, layer: RwSignal<Layer>) -> impl IntoView {
    // Peak labels and lines let clicks through (CSS), so the offset is the plot's own.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
        let width = f64::from(el.offset_width());
        if width > 0.0 {
            date.set(series::date_at_fraction(f64::from(ev.offset_x()) / width));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(to) = key_target(points, date.get_untracked(), &ev.key()) else { return };
        ev.prevent_default();
        if let Some(d) = to {
            date.set(logic::clamp(d));
        }
    };
    let max = logic::day_index(logic::last_day());
    view! {
        <div class="chart-plot" role="slider" tabindex="0" aria-label="Counts over time"
            aria-describedby="chart-summary"
            aria-valuemin="0" aria-valuemax=max.to_string()
            aria-valuenow=move || logic::day_index(date.get()).to_string()
            aria-valuetext=move || logic::long_date(date.get())
            on:click=on_click on:keydown=on_key>
            <div class="chart-art" inner_html=move || series::chart_markup(points, layer.get())></div>
            <div class="cursor" aria-hidden="true" style=move || format!("left:{}%", logic::Fixed(series::x_of(date.get()) / 10.0, 2))></div>
        </div>
    }
}

/// The same counts as a table.
fn counts_table(points: &'static [Point], layer: RwSignal<Layer>) -> impl IntoView {
    view! {
        <details class="chart-table">
            <summary>"Table of the counts"</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Counts by date"
                inner_html=move || series::table_markup(points, layer.get())></div>
        </details>
    }
}
