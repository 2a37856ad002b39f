//! The page's share, cite, embed and download tools, and the compact view
//! (`?embed=1`). The content is built in `share.rs` and `export.rs`; this
//! module offers it to the clipboard and as downloads.

use crate::app::{download, DateControls, Legend, TileMap};
use crate::export::{self, Interval, LICENCE};
use crate::logic::{self, TileState};
use crate::recognition::Layer;
use crate::share;
use atlas_model::{Dataset, Date};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's address without its query: what every shared link starts with.
fn base_url() -> String {
    let loc = window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// Copies `text`, then says in `status` whether it worked.
fn copy(text: String, status: Option<web_sys::Element>, what: String) {
    let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        set_status(status, &format!("Copying is not available here: select the {what} and copy it."));
        return;
    };
    let promise = clipboard.unchecked_into::<web_sys::Clipboard>().write_text(&text);
    leptos::task::spawn_local(async move {
        let said = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => format!("The {what} is copied."),
            Err(_) => format!("Copying failed: select the {what} and copy it."),
        };
        set_status(status, &said);
    });
}

/// Saves `url` (a data: or blob: address) as a file named `name`.
fn save_url(name: &str, url: &str) {
    if let Some(a) = document().create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(url);
        a.set_download(name);
        a.click();
    }
}

/// The SVG drawn onto a canvas at twice its size, as a PNG data: address.
async fn png_of(svg: &str, layer: Layer) -> Result<String, wasm_bindgen::JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let (w, h) = share::image_size(layer);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&svg.into()), &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let img = web_sys::HtmlImageElement::new()?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded?;
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
    canvas.set_width(w * 2);
    canvas.set_height(h * 2);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d canvas")?.unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, f64::from(w * 2), f64::from(h * 2))?;
    canvas.to_data_url_with_type("image/png")
}

/// The `value` of the form field with this id.
fn field_value(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|el| js_sys::Reflect::get(&el, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Sets the `value` of the form field with this id.
fn set_field(id: &str, value: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = js_sys::Reflect::set(&el, &"value".into(), &value.into());
    }
}

fn set_status(el: Option<web_sys::Element>, text: &str) {
    if let Some(el) = el {
        el.set_text_content(Some(text));
    }
}

/// Share, cite and download, below the map: one block of markup
/// ([`share::share_html`]) with one click listener, like the map.
#[component]
pub(crate) fn ShareSection(
    ds: &'static Dataset,
    full: RwSignal<Option<&'static Dataset>>,
    date: RwSignal<Date>,
    selected: RwSignal<Option<String>>,
    from: RwSignal<Option<Date>>,
    states: Memo<Vec<TileState>>,
) -> impl IntoView {
    let section = NodeRef::<leptos::html::Section>::new();
    // The fields follow the view.
    Effect::new(move |_| {
        let (d, query) = (date.get(), logic::to_query(date.get(), selected.get().as_deref(), from.get()));
        if section.get().is_none() {
            return;
        }
        let link = share::view_url(&base_url(), &query);
        set_field("copy-link", &link);
        set_field("copy-embed", &share::embed_snippet(&base_url(), d));
        set_field("copy-cite", &share::citation(&link));
    });
    // Events need the quotes: a request made before they arrive runs when they do.
    let asked = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        let (Some(json), Some(f)) = (asked.get(), full.get()) else { return };
        asked.set(None);
        let rows = export::event_rows(f);
        let name = format!("stance-atlas-events-{}", export::version());
        if json {
            download(&format!("{name}.json"), &export::events_json(&rows), "application/json");
        } else {
            download(&format!("{name}.csv"), &export::events_csv(&rows), "text/csv");
        }
    });
    // The images draw the layer on show, with its colors, legend and counts.
    let layer = crate::layer::LayerCtx::get();
    let svg = move || states.with_untracked(|s| share::map_svg(s, date.get_untracked(), layer.get_untracked()));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("button").ok().flatten())
        else {
            return;
        };
        if let Some(id) = button.get_attribute("data-copy") {
            let what = button.get_attribute("data-what").unwrap_or_default();
            copy(field_value(&id), button.next_element_sibling(), what);
            return;
        }
        let d = date.get_untracked();
        match button.get_attribute("data-action").as_deref() {
            Some("svg") => download(&share::image_name(d, layer.get_untracked(), "svg"), &svg(), "image/svg+xml"),
            Some("png") => save_png(share::image_name(d, layer.get_untracked(), "png"), svg(), layer.get_untracked()),
            Some("events-csv") => asked.set(Some(false)),
            Some("events-json") => asked.set(Some(true)),
            Some(table @ ("table-csv" | "table-json")) => {
                let m = export::matrix(ds, Interval::parse(&field_value("export-interval")).unwrap_or(Interval::Month));
                let name = format!("stance-atlas-by-{}-{}", m.interval.as_str(), export::version());
                if table == "table-json" {
                    download(&format!("{name}.json"), &export::matrix_json(&m), "application/json");
                } else {
                    download(&format!("{name}.csv"), &export::matrix_csv(&m), "text/csv");
                }
            }
            _ => {}
        }
    };
    view! {
        <section class="share" aria-labelledby="share-heading" node_ref=section
            inner_html=share::share_html(ds.events.len()) on:click=on_click></section>
    }
}

/// Draws the map's SVG as a PNG and saves it, saying so while it works.
fn save_png(name: String, svg: String, layer: Layer) {
    let status = document().get_element_by_id("image-status");
    set_status(status.clone(), "Drawing the image…");
    leptos::task::spawn_local(async move {
        match png_of(&svg, layer).await {
            Ok(url) => {
                save_url(&name, &url);
                set_status(status, "");
            }
            Err(_) => set_status(status, "The PNG could not be drawn in this browser; the SVG can."),
        }
    });
}

/// The compact view for embedding: the map, the slider and the legend, and
/// a link to the full atlas at the same date.
#[component]
pub(crate) fn EmbedAtlas(ds: &'static Dataset) -> impl IntoView {
    let initial = logic::parse_query(&window().location().search().unwrap_or_default());
    let date = RwSignal::new(initial.date.unwrap_or_else(|| logic::default_date(ds)));
    let selected = RwSignal::new(None::<String>);
    let current = RwSignal::new("US");
    let states = Memo::new(move |_| logic::tile_states(ds, date.get()));
    let counts = Memo::new(move |_| states.with(|s| logic::count_states(s)));
    Effect::new(move |_| {
        let day = logic::long_date(date.get());
        document().set_title(&format!("{day} — Stance Atlas (embedded map)"));
    });
    // A tile opens the full atlas on that country, in a new tab.
    Effect::new(move |_| {
        if let Some(code) = selected.get() {
            let q = logic::to_query(date.get_untracked(), Some(&code), None);
            let _ = window().open_with_url_and_target(&format!("{}{q}", base_url()), "_blank");
            selected.set(None);
        }
    });
    // The heading and the source line are fixed: one block of markup.
    let head = format!(
        "<h1 class=\"embed-title\">{}</h1><p class=\"embed-source\"><a href=\"{}\" target=\"_blank\" rel=\"noopener\">\
         Stance Atlas<span class=\"visually-hidden\"> (opens in a new tab)</span></a>: quotes and sources for every color. \
         Data {LICENCE}, version {}.</p>",
        logic::escape_html(share::TITLE),
        logic::escape_html(&base_url()),
        export::version()
    );
    view! {
        <div class="page embed">
            <header inner_html=head></header>
            <DateControls ds=ds date=date />
            <Legend counts=counts />
            <div class="stage"><TileMap states=states selected=selected current=current /></div>
        </div>
    }
}
