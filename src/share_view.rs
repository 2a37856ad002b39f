//! The page's share, cite, embed and download tools, and the compact view
//! (`?embed=1`). The content is built in `share.rs` and `export.rs`; this
//! module offers it to the clipboard and as downloads.

use crate::app::{download, DateControls, Legend, TileMap};
use crate::export::{self, Interval, LICENCE, LICENCE_URL};
use crate::logic::{self, Counts, TileState};
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
fn copy(text: String, status: RwSignal<String>, what: &'static str) {
    let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        status.set(format!("Copying is not available here: select the {what} and copy it."));
        return;
    };
    let promise = clipboard.unchecked_into::<web_sys::Clipboard>().write_text(&text);
    leptos::task::spawn_local(async move {
        status.set(match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => format!("The {what} is copied."),
            Err(_) => format!("Copying failed: select the {what} and copy it."),
        });
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
async fn png_of(svg: &str) -> Result<String, wasm_bindgen::JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let (w, h) = share::image_size();
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

/// A read-only text of something to copy, with its copy button and status.
#[component]
fn CopyField(
    label: &'static str,
    what: &'static str,
    text: Signal<String>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let id = format!("copy-{}", what.replace(' ', "-"));
    let field = if multiline {
        view! { <textarea id=id.clone() readonly rows="3" prop:value=move || text.get()></textarea> }.into_any()
    } else {
        view! { <input id=id.clone() type="text" readonly prop:value=move || text.get() /> }.into_any()
    };
    view! {
        <div class="copy-field">
            <label for=id>{label}</label>
            {field}
            <button type="button" on:click=move |_| copy(text.get_untracked(), status, what)>{format!("Copy {what}")}</button>
            <span class="copy-status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// Share, cite, embed and download, below the map.
#[component]
pub(crate) fn ShareSection(
    ds: &'static Dataset,
    full: RwSignal<Option<&'static Dataset>>,
    date: RwSignal<Date>,
    selected: RwSignal<Option<String>>,
    from: RwSignal<Option<Date>>,
    states: Memo<Vec<TileState>>,
    counts: Memo<Counts>,
) -> impl IntoView {
    let link = Signal::derive(move || {
        share::view_url(&base_url(), &logic::to_query(date.get(), selected.get().as_deref(), from.get()))
    });
    let embed = Signal::derive(move || share::embed_snippet(&base_url(), date.get()));
    let cite = Signal::derive(move || share::citation(&link.get()));
    let svg = move || states.with(|s| share::map_svg(s, date.get_untracked(), &counts.get_untracked()));
    let image_status = RwSignal::new(String::new());
    let save_svg = move |_| download(&share::image_name(date.get_untracked(), "svg"), &svg(), "image/svg+xml");
    let save_png = move |_| {
        let (name, svg) = (share::image_name(date.get_untracked(), "png"), svg());
        image_status.set("Drawing the image…".into());
        leptos::task::spawn_local(async move {
            match png_of(&svg).await {
                Ok(url) => {
                    save_url(&name, &url);
                    image_status.set(String::new());
                }
                Err(_) => image_status.set("The PNG could not be drawn in this browser; the SVG can.".into()),
            }
        });
    };
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share, cite and download"</h2>
            <div class="share-grid">
                <div>
                    <CopyField label="Link to this view" what="link" text=link />
                    <CopyField label="Embed code (map, slider and legend)" what="embed code" text=embed multiline=true />
                </div>
                <div>
                    <CopyField label="Cite the data" what="citation" text=cite multiline=true />
                    <p class="licence">
                        "The data are licensed "<a href=LICENCE_URL rel="license noopener noreferrer" target="_blank">{LICENCE}<span class="visually-hidden">" (opens in a new tab)"</span></a>
                        ": share and adapt them, crediting Stance Atlas. Quotes are short excerpts of the articles named with them; their copyright stays with the publishers."
                    </p>
                </div>
            </div>
            <div class="downloads" role="group" aria-label="Download the map">
                <span class="group-label">"The map on this date: "</span>
                <button type="button" on:click=save_png>"Download PNG"</button>
                <button type="button" on:click=save_svg>"Download SVG"</button>
                <span role="status">{move || image_status.get()}</span>
            </div>
            <FullExport ds=ds full=full />
        </section>
    }
}

/// The whole event table, and every country's stance at an interval.
#[component]
fn FullExport(ds: &'static Dataset, full: RwSignal<Option<&'static Dataset>>) -> impl IntoView {
    let interval = RwSignal::new(Interval::Month);
    // Events need the quotes: a request made before they arrive runs when they do.
    let asked = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        let (Some(json), Some(f)) = (asked.get(), full.get()) else { return };
        asked.set(None);
        let rows = export::event_rows(f);
        let v = export::version();
        if json {
            download(&format!("stance-atlas-events-{v}.json"), &export::events_json(&rows), "application/json");
        } else {
            download(&format!("stance-atlas-events-{v}.csv"), &export::events_csv(&rows), "text/csv");
        }
    });
    let table = move |json: bool| {
        let m = export::matrix(ds, interval.get_untracked());
        let name = format!("stance-atlas-by-{}-{}", m.interval.as_str(), export::version());
        if json {
            download(&format!("{name}.json"), &export::matrix_json(&m), "application/json");
        } else {
            download(&format!("{name}.csv"), &export::matrix_csv(&m), "text/csv");
        }
    };
    let on_interval = move |ev: leptos::ev::Event| {
        if let Some(i) = Interval::parse(&event_target_value(&ev)) {
            interval.set(i);
        }
    };
    view! {
        <div class="downloads" role="group" aria-label="Download the whole dataset">
            <span class="group-label">{format!("Every event ({}): ", ds.events.len())}</span>
            <button type="button" on:click=move |_| asked.set(Some(false))>"Events CSV"</button>
            <button type="button" on:click=move |_| asked.set(Some(true))>"Events JSON"</button>
        </div>
        <div class="downloads" role="group" aria-label="Download each country's stance over time">
            <label for="export-interval">"Each country's stance, "</label>
            <select id="export-interval" on:change=on_interval>
                {Interval::ALL.into_iter().map(|i| view! { <option value=i.as_str() selected=i == Interval::Month>{i.label()}</option> }).collect_view()}
            </select>
            <button type="button" on:click=move |_| table(false)>"Table CSV"</button>
            <button type="button" on:click=move |_| table(true)>"Table JSON"</button>
        </div>
    }
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
    let full_link = move || format!("{}{}", base_url(), logic::to_query(date.get(), None, None));
    view! {
        <div class="page embed">
            <h1 class="embed-title">{share::TITLE}</h1>
            <main>
                <DateControls ds=ds date=date />
                <Legend counts=counts />
                <div class="stage"><TileMap states=states selected=selected current=current /></div>
            </main>
            <p class="embed-source">
                <a href=full_link target="_blank" rel="noopener">"Stance Atlas"<span class="visually-hidden">" (opens in a new tab)"</span></a>
                {format!(": quotes and sources for every color. Data {LICENCE}, version {}.", export::version())}
            </p>
        </div>
    }
}
