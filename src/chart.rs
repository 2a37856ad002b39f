//! Counts over time: a small SVG chart of the countries per stance (or per
//! recognition, with that layer on), on the slider's horizontal scale, with
//! each series' peak labelled. Clicking it or pressing an arrow key on it
//! moves the date. A text summary and a table say the same in words.

use crate::layer::LayerCtx;
use crate::logic;
use crate::recognition::Layer;
use crate::series::{self, Point, Series};
use atlas_model::{Dataset, Date};
use leptos::prelude::*;

/// A short name for a series, for its peak label.
fn short_name(s: Series) -> &'static str {
    match s.key() {
        "opposition" => "Opposition",
        "government" => "Chavista government",
        "neutral" => "Neutral",
        "guaido" => "Guaidó",
        "gonzalez" => "González Urrutia",
        "maduro" => "Maduro",
        _ => "",
    }
}

/// "4 Feb 2019".
fn short_date(d: Date) -> String {
    format!("{} {}", d.day(), logic::short_month(d))
}

/// The chart, its summary and its table.
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
                view! {
                    <Plot points=points date=date layer=layer />
                    <p class="chart-summary" id="chart-summary">{move || summary(points, layer.get())}</p>
                    <CountsTable points=points layer=layer />
                }
            })}
        </section>
    }
}

/// "Backing the opposition peaked at 60 on 4 February 2019; ...".
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

/// The plot: lines, the date's cursor, peak labels. One Tab stop that acts
/// as a slider over the days on which a count changes.
#[component]
fn Plot(points: &'static [Point], date: RwSignal<Date>, layer: RwSignal<Layer>) -> impl IntoView {
    let lines = move || {
        let l = layer.get();
        let shown = Series::of_layer(l);
        let max = series::scale_max(points, &shown);
        (shown, max)
    };
    let paths = move || {
        let (shown, max) = lines();
        shown
            .into_iter()
            .map(|s| view! { <path class="line" data-series=s.key() d=series::step_path(points, s, max)></path> })
            .collect_view()
    };
    let peaks = move || {
        let (shown, max) = lines();
        let labels = shown.into_iter().filter_map(|s| {
            let (d, n) = series::peak(points, s)?;
            let (x, y) = (series::x_of(d) / 10.0, series::y_of(n, max));
            let style = format!("left:{:.2}%;top:{y:.2}%", x.clamp(6.0, 94.0));
            Some(view! { <span class="peak" data-series=s.key() style=style>{format!("{} {n} · {}", short_name(s), short_date(d))}</span> })
        });
        let axis = view! { <span class="axis-max">{max}</span> };
        (axis, labels.collect_view())
    };
    // Peak labels let clicks through (CSS), so the offset is the plot's own.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
        let width = f64::from(el.offset_width());
        if width > 0.0 {
            date.set(series::date_at_fraction(f64::from(ev.offset_x()) / width));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let now = date.get_untracked();
        let i = points.partition_point(|p| p.date <= now);
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => points.get(i).map(|p| p.date),
            "ArrowLeft" | "ArrowDown" => points[..i].iter().rev().find(|p| p.date < now).map(|p| p.date),
            "Home" => Some(logic::first_day()),
            "End" => Some(logic::last_day()),
            _ => return,
        };
        ev.prevent_default();
        if let Some(d) = to {
            date.set(logic::clamp(d));
        }
    };
    let cursor = move || format!("{:.1}", series::x_of(date.get()));
    let max = logic::day_index(logic::last_day());
    view! {
        <div class="chart-plot" role="slider" tabindex="0" aria-label="Counts over time"
            aria-describedby="chart-summary"
            aria-valuemin="0" aria-valuemax=max.to_string()
            aria-valuenow=move || logic::day_index(date.get()).to_string()
            aria-valuetext=move || logic::long_date(date.get())
            on:click=on_click on:keydown=on_key>
            <svg viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <line class="grid" x1="0" x2="1000" y1="50" y2="50"></line>
                {paths}
                <line class="cursor" x1=cursor x2=cursor y1="0" y2="100"></line>
            </svg>
            <div class="chart-labels" aria-hidden="true">{peaks}</div>
        </div>
    }
}

/// The same counts as a table, built when it is opened.
#[component]
fn CountsTable(points: &'static [Point], layer: RwSignal<Layer>) -> impl IntoView {
    let open = RwSignal::new(false);
    let table = move || {
        open.get().then(|| {
            let shown = Series::of_layer(layer.get());
            let head = shown.iter().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view();
            let rows = points
                .iter()
                .map(|p| {
                    let cells = shown.iter().map(|s| view! { <td>{s.value(p)}</td> }).collect_view();
                    view! { <tr><th scope="row">{logic::long_date(p.date)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Counts by date">
                    <table class="counts-table">
                        <caption>"Countries per series from each date on which a count changes"</caption>
                        <thead><tr><th scope="col">"From"</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <details class="chart-table" on:toggle=move |ev| {
            let el: Option<web_sys::Element> = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
            open.set(el.is_some_and(|d| d.has_attribute("open")));
        }>
            <summary>"Table of the counts"</summary>
            {table}
        </details>
    }
}
