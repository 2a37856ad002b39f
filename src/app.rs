//! The page: small components wired to the plain logic in [`crate::logic`].

use crate::logic::{self, Tile, TileState, GRID_COLS, GRID_ROWS, ORGANISATIONS, SUBJECT, TILES};
use atlas_model::{Dataset, Date, Event, Stance};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The whole page. Reads the URL once, then keeps it in step with the view.
#[component]
pub fn App() -> impl IntoView {
    match logic::dataset() {
        Ok(ds) if crate::share::is_embed(&window().location().search().unwrap_or_default()) => {
            view! { <crate::share_view::EmbedAtlas ds=ds /> }.into_any()
        }
        Ok(ds) => view! { <Atlas ds=ds /> }.into_any(),
        Err(e) => view! {
            <main class="broken"><h1>"Stance Atlas"</h1><p role="alert">{format!("The embedded dataset cannot be read: {e}")}</p></main>
        }
        .into_any(),
    }
}

/// The full dataset (with quotes and articles) once its evidence file has
/// arrived, shared through context; the map never waits for it.
#[derive(Clone, Copy)]
struct Evidence {
    full: RwSignal<Option<&'static Dataset>>,
    error: RwSignal<Option<String>>,
}

impl Evidence {
    fn get() -> Evidence {
        expect_context::<Evidence>()
    }

    /// What to show while the quotes are not there.
    fn waiting(&self) -> String {
        self.error
            .get()
            .map_or_else(|| "Loading the quotes…".to_string(), |e| format!("The quotes cannot be shown: {e}"))
    }
}

/// The text of a same-origin file.
pub(crate) async fn fetch_text(path: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let failed =
        |e: wasm_bindgen::JsValue| format!("{path}: {}", e.as_string().unwrap_or_else(|| "request failed".into()));
    let response: web_sys::Response =
        JsFuture::from(window().fetch_with_str(path)).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| format!("{path}: not text"))
}

/// How the countries are shown.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Map,
    List,
}

#[component]
fn Atlas(ds: &'static Dataset) -> impl IntoView {
    let search = window().location().search().unwrap_or_default();
    let initial = logic::parse_query(&search);
    let date = RwSignal::new(initial.date.unwrap_or_else(|| crate::headline::opening_date(ds)));
    let layer = RwSignal::new(crate::recognition::parse_layer(&search));
    provide_context(crate::layer::LayerCtx(layer));
    let selected = RwSignal::new(initial.country);
    let from = RwSignal::new(initial.from);
    let mode = RwSignal::new(Mode::Map);
    // The map's one Tab stop, kept here so it survives a switch to the list and back.
    let current = RwSignal::new(selected.get_untracked().and_then(|c| logic::tile(&c)).map_or("US", |t| t.code));
    // The tab's title names the open country and the date, for history and bookmarks.
    Effect::new(move |_| {
        let day = logic::long_date(date.get());
        let title = match selected.get() {
            Some(code) => format!("{} on {day} — Stance Atlas", logic::actor_name(&code)),
            None => format!("{day} — Stance Atlas: Venezuela's presidential crisis"),
        };
        document().set_title(&title);
    });
    // The quotes and articles arrive after the first render.
    let full = RwSignal::new(None::<&'static Dataset>);
    let evidence_error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match fetch_text(logic::EVIDENCE_FILE).await.and_then(|text| logic::join_evidence(ds, &text)) {
            Ok(joined) => full.set(Some(Box::leak(Box::new(joined)))),
            Err(e) => evidence_error.set(Some(e)),
        }
    });
    provide_context(Evidence { full, error: evidence_error });
    crate::context_view::provide();
    let states = Memo::new(move |_| logic::tile_states_in(ds, date.get(), layer.get()));
    // Counted from the per-tile states rather than queried again.
    let counts = Memo::new(move |_| states.with(|s| logic::count_states(s)));
    let rec_counts = Memo::new(move |_| states.with(|s| crate::recognition::count_recognition(s)));

    // The URL mirrors the view so that any state can be shared as a link.
    // Writes wait until the slider rests for a moment: browsers throttle
    // history updates, and dragging would otherwise send hundreds.
    let pending = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |_| {
        let q = logic::to_query(date.get(), selected.get().as_deref(), from.get())
            + &crate::recognition::layer_query(layer.get());
        let write = gloo::timers::callback::Timeout::new(200, move || {
            if let Ok(h) = window().history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&q));
            }
        });
        pending.set_value(Some(write));
    });

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close_panel(selected);
        }
    };

    view! {
        <div class="page" on:keydown=on_key>
            // The lede's first sentence, then the rest behind a disclosure,
            // so that the headline, the date bar and the map's top fit the
            // first screen of a laptop.
            <header class="masthead">
                <h1>"Stance Atlas"</h1>
                <p class="lede">
                    "Where each government stood on Venezuela's presidential crisis, 2019 to the present, each color backed by a quote."
                </p>
                <details class="about">
                    <summary>"How to read the map"</summary>
                    <p>
                        "A government backs the opposition (Juan Guaidó from 2019, Edmundo González Urrutia after the July 2024 election), backs the chavista government (Nicolás Maduro; from January 2026 the interim government of Delcy Rodríguez), or is neutral. Every color is the stance of the government in office on the chosen date, backed by a quote; a faded, outlined tile shows a previous government's stance. Click a country to read its quotes."
                    </p>
                </details>
            </header>
            <main data-layer=move || layer.get().as_str()>
                <crate::headline::Headline ds=ds date=date />
                <DateControls ds=ds date=date />
                // The layer and the tools share a row; the legend sits on the map.
                <div class="view-bar">
                    <crate::layer::LayerSwitch />
                    <Toolbar date=date selected=selected mode=mode />
                </div>
                // Both legends stay in the page; the layer's CSS shows one.
                <Legend counts=counts />
                <crate::layer::RecognitionLegend counts=rec_counts />
                <div class="stage">
                    <Show
                        when=move || mode.get() == Mode::Map
                        fallback=move || view! { <ListView states=states selected=selected /> }
                    >
                        <TileMap states=states selected=selected current=current />
                    </Show>
                    <Organisations ds=ds date=date selected=selected />
                </div>
                <crate::chart::CountsChart ds=ds date=date />
                <CompareView ds=ds date=date from=from selected=selected />
                <CountryPanel ds=ds date=date selected=selected />
            </main>
            <crate::share_view::ShareSection ds=ds full=full date=date selected=selected from=from states=states />
            <crate::context_view::ContextDialog full=full />
            <footer class="colophon">
                <p>
                    {format!("{} events from {} articles. ", ds.events.len(), logic::ARTICLE_COUNT)}
                    "Stances are extracted automatically from news articles; each one links to the sentence it comes from. A country with no statement in the corpus is shown blank, not neutral."
                </p>
            </footer>
        </div>
    }
}

/// The date slider, its labels and event marks, and the step/play buttons.
#[component]
pub(crate) fn DateControls(ds: &'static Dataset, date: RwSignal<Date>) -> impl IntoView {
    let dates = logic::event_days(ds);
    let max = logic::day_index(logic::last_day());
    let playing = StoredValue::new_local(None::<gloo::timers::callback::Interval>);
    let is_playing = RwSignal::new(false);
    let stop = move || {
        playing.set_value(None);
        is_playing.set(false);
    };
    let play = move |_| {
        if is_playing.get_untracked() {
            stop();
            return;
        }
        if date.get_untracked() >= logic::last_day() {
            date.set(logic::first_day());
        }
        is_playing.set(true);
        // Event by event (at least a week apart), a moment on each, longer on
        // a key date while its caption is read (`crate::headline`).
        let wait = StoredValue::new_local(0u32);
        let interval = gloo::timers::callback::Interval::new(100, move || {
            if wait.get_value() > 0 {
                wait.update_value(|w| *w -= 1);
                return;
            }
            match crate::series::play_step(dates, date.get_untracked(), 7) {
                Some(next) => {
                    date.set(next);
                    let key = crate::recognition::captions().iter().any(|c| c.date == next);
                    wait.set_value(if key { 35 } else { 5 });
                }
                None => stop(),
            }
        });
        playing.set_value(Some(interval));
    };
    // A short summary for screen readers once the date rests (not while
    // playing): the slider already announces each day as it moves.
    let status = RwSignal::new(String::new());
    let status_timer = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |first: Option<()>| {
        let d = date.get();
        if first.is_none() {
            return;
        }
        let t = gloo::timers::callback::Timeout::new(700, move || {
            if !is_playing.get_untracked() {
                let c = logic::counts(ds, d);
                status.set(format!(
                    "{}: {} back the opposition, {} back the chavista government, {} neutral, {} show a previous government's stance, {} without a statement.",
                    logic::long_date(d),
                    c.opposition,
                    c.government,
                    c.neutral,
                    c.previous,
                    c.none
                ));
            }
        });
        status_timer.set_value(Some(t));
    });
    let on_input = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<i32>() {
            date.set(logic::date_at(i));
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let months = match ev.key().as_str() {
            "PageUp" => 1,
            "PageDown" => -1,
            _ => return,
        };
        ev.prevent_default();
        date.update(|d| *d = logic::clamp(d.add_months(months)));
    };
    let marks = dates
        .iter()
        .copied()
        .filter(|d| *d >= logic::first_day() && *d <= logic::last_day())
        .map(|d| {
            let left = f64::from(logic::day_index(d)) * 100.0 / f64::from(max);
            view! { <span class="mark" style=format!("left:{}%", logic::Fixed(left, 3))></span> }
        })
        .collect_view();
    let years = (logic::first_day().year()..=logic::last_day().year())
        .map(|y| {
            let d = Date::new(y, 1, 1).expect("valid");
            let left = f64::from(logic::day_index(d)) * 100.0 / f64::from(max);
            view! { <span class="year" style=format!("left:{}%", logic::Fixed(left, 3))>{y}</span> }
        })
        .collect_view();
    let prev = move |_| {
        if let Some(d) = logic::prev_event(dates, date.get_untracked()) {
            date.set(d);
        }
    };
    let next = move |_| {
        if let Some(d) = logic::next_event(dates, date.get_untracked()) {
            date.set(d);
        }
    };
    view! {
        <section class="controls" aria-label="Date">
            <div class="date-row">
                <p class="date-text">
                    <time datetime=move || date.get().to_string()>{move || logic::long_date(date.get())}</time>
                </p>
                <div class="buttons">
                    // aria-disabled, not disabled: a disabled button drops
                    // keyboard focus to the page when the last event is reached.
                    <button type="button" on:click=prev aria-disabled=move || logic::prev_event(dates, date.get()).is_none().to_string()>
                        <span aria-hidden="true">"◀ "</span>"Previous event"
                    </button>
                    <button type="button" class="play" on:click=play>
                        <span aria-hidden="true">{move || if is_playing.get() { "❚❚ " } else { "▶ " }}</span>
                        {move || if is_playing.get() { "Pause" } else { "Play" }}
                    </button>
                    <button type="button" on:click=next aria-disabled=move || logic::next_event(dates, date.get()).is_none().to_string()>
                        "Next event"<span aria-hidden="true">" ▶"</span>
                    </button>
                </div>
            </div>
            <div class="slider">
                <input
                    type="range"
                    id="date-slider"
                    min="0"
                    max=max.to_string()
                    step="1"
                    aria-label="Date"
                    aria-describedby="slider-help"
                    aria-valuetext=move || logic::long_date(date.get())
                    prop:value=move || logic::day_index(date.get()).to_string()
                    on:input=on_input
                    on:keydown=on_keydown
                />
                <div class="marks" aria-hidden="true">{marks}</div>
                <div class="years" aria-hidden="true">{years}</div>
            </div>
            <p class="hint" id="slider-help">"Arrow keys move a day, Page Up / Page Down a month. Ticks mark days with events."</p>
            <p class="hint news-up-to">
                {logic::news_up_to().map(|d| format!("News up to {}; the map runs to the latest event, {}.", logic::long_date(d), logic::long_date(logic::last_day())))}
            </p>
            <crate::headline::KeyDateCaption date=date />
            <p class="visually-hidden" role="status">{move || status.get()}</p>
        </section>
    }
}

/// The key to the colors and patterns, with counts at the current date.
#[component]
pub(crate) fn Legend(counts: Memo<logic::Counts>) -> impl IntoView {
    let item = move |stance: Option<Stance>| {
        let key = stance.map_or("none", Stance::as_str);
        let label = stance.map_or("No statement in the corpus", Stance::label);
        view! {
            <li class="legend-item">
                <span class="swatch" data-stance=key aria-hidden="true"></span>
                <span class="legend-label">{label}</span>
                <span class="count" data-count=key>{move || counts.get().of(stance)}</span>
            </li>
        }
    };
    view! {
        <section aria-label="Legend">
            <ul class="legend">
                {item(Some(Stance::Opposition))}
                {item(Some(Stance::Government))}
                {item(Some(Stance::Neutral))}
                <li class="legend-item">
                    <span class="swatch" data-stance="opposition" data-evidence="previous-government" aria-hidden="true"></span>
                    <span class="legend-label">"A previous government's stance (faded, outlined): none yet from the one in office"</span>
                    <span class="count" data-count="previous-government">{move || counts.get().previous}</span>
                </li>
                {item(None)}
                <li class="legend-item">
                    <span class="swatch subject" aria-hidden="true">"★"</span>
                    <span class="legend-label">"Venezuela, the subject"</span>
                </li>
            </ul>
        </section>
    }
}

/// Search, view switch and export.
#[component]
fn Toolbar(date: RwSignal<Date>, selected: RwSignal<Option<String>>, mode: RwSignal<Mode>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let wants_names = RwSignal::new(false);
    let matches = Memo::new(move |_| logic::search(&query.get()).into_iter().take(8).collect::<Vec<&'static Tile>>());
    let choose = move || {
        if let Some(t) = matches.get_untracked().first() {
            selected.set(Some(t.code.to_string()));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        choose();
    };
    // An export asked for before the quotes arrive runs when they do.
    let evidence = Evidence::get();
    let asked = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        let (Some(json), Some(ds)) = (asked.get(), evidence.full.get()) else { return };
        asked.set(None);
        let d = date.get_untracked();
        let rows = logic::export_rows(ds, d);
        let (body, mime, ext) = if json {
            (logic::to_json(d, &rows), "application/json", "json")
        } else {
            (logic::to_csv(&rows), "text/csv", "csv")
        };
        download(&format!("stance-atlas-{d}.{ext}"), &body, mime);
    });
    let export = move |json: bool| asked.set(Some(json));
    view! {
        <section class="toolbar" aria-label="Tools">
            <form class="search" role="search" on:submit=on_submit>
                <label for="country-search">"Find a country"</label>
                <input
                    id="country-search"
                    type="search"
                    list="country-names"
                    autocomplete="off"
                    placeholder="e.g. Brasil, Russia"
                    on:focus=move |_| wants_names.set(true)
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        // Picking a suggestion enters its exact name: open it
                        // then; typing alone never moves focus away.
                        if let Some(t) = TILES.iter().find(|t| t.name == v) {
                            selected.set(Some(t.code.to_string()));
                        }
                        query.set(v);
                    }
                />
                // The suggestions are built when the box is first used, not
                // at start-up: 197 options are work the first render can skip.
                <datalist id="country-names">
                    {move || wants_names.get().then(|| TILES.iter().map(|t| view! { <option value=t.name></option> }).collect_view())}
                </datalist>
                <button type="submit">"Show"</button>
                <span class="search-status" aria-live="polite">
                    {move || {
                        let q = query.get();
                        if q.trim().is_empty() { String::new() } else {
                            match matches.get().first() { Some(t) => format!("Best match: {}", t.name), None => "No country matches".to_string() }
                        }
                    }}
                </span>
            </form>
            <div class="view-switch" role="group" aria-label="View">
                <button type="button" aria-pressed=move || (mode.get() == Mode::Map).to_string() on:click=move |_| mode.set(Mode::Map)>"Map"</button>
                <button type="button" aria-pressed=move || (mode.get() == Mode::List).to_string() on:click=move |_| mode.set(Mode::List)>"List"</button>
            </div>
            <div class="export" role="group" aria-label="Export this view">
                <button type="button" on:click=move |_| export(false)>"Export CSV"</button>
                <button type="button" on:click=move |_| export(true)>"Export JSON"</button>
            </div>
        </section>
    }
}

/// Offers `body` as a file download without any network request.
pub(crate) fn download(name: &str, body: &str, mime: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document().create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The map: one equal-size button per country, placed on a grid.
///
/// The map is one stop in the Tab order (a roving tabindex): arrow keys move
/// between tiles as they lie on the map, Enter opens a country.
///
/// An attribute that marks one tile at a time.
struct Mark {
    attr: &'static str,
    /// Its value on the marked tile.
    on: &'static str,
    /// Its value on the others, or `None` to remove it.
    off: Option<&'static str>,
}

/// Moves `mark` from tile to tile as `marked` changes, touching only the
/// tile that loses it and the tile that gets it. The first run only records
/// what the markup already shows.
fn mark_follows(
    marked: impl Fn() -> Option<&'static str> + 'static,
    tile_of: impl Fn(&str) -> Option<web_sys::Element> + Copy + 'static,
    mark: Mark,
) {
    Effect::new(move |before: Option<Option<&'static str>>| {
        let now = marked();
        if let Some(before) = before.filter(|b| *b != now) {
            if let Some(el) = before.and_then(tile_of) {
                let _ = match mark.off {
                    Some(off) => el.set_attribute(mark.attr, off),
                    None => el.remove_attribute(mark.attr),
                };
            }
            if let Some(el) = now.and_then(tile_of) {
                let _ = el.set_attribute(mark.attr, mark.on);
            }
        }
        now
    });
}

/// The 197 tiles are one block of markup ([`logic::tiles_html`]), parsed by
/// the browser in one step, with one listener per event type on the map
/// rather than three per tile. Afterwards each effect writes only the tiles
/// that changed: a slider move rewrites `data-stance` and `aria-label` of
/// the tiles whose stance moved, a new selection or Tab stop touches two
/// tiles. See DESIGN.md, "Why the map is one block of markup".
#[component]
pub(crate) fn TileMap(
    states: Memo<Vec<TileState>>,
    selected: RwSignal<Option<String>>,
    current: RwSignal<&'static str>,
) -> impl IntoView {
    let map_ref = NodeRef::<leptos::html::Div>::new();
    let html = states.with_untracked(|s| {
        logic::tiles_html(
            s,
            selected.with_untracked(|c| c.as_deref().and_then(logic::tile)).map(|t| t.code),
            current.get_untracked(),
        )
    });
    // The tile at `index` in TILES order, which is the map's child order.
    let tile_at = move |index: usize| -> Option<web_sys::Element> {
        map_ref.get_untracked()?.children().item(u32::try_from(index).ok()?)
    };
    let tile_of = move |code: &str| -> Option<web_sys::Element> { tile_at(TILES.iter().position(|t| t.code == code)?) };
    // Colors and names follow the date. The first run only records what the
    // markup already shows.
    Effect::new(move |shown: Option<Vec<TileState>>| {
        let now = states.get();
        if let Some(shown) = shown {
            for (i, (t, (new, old))) in TILES.iter().zip(now.iter().zip(&shown)).enumerate() {
                if new != old {
                    if let Some(el) = tile_at(i) {
                        let _ = el.set_attribute("data-stance", new.stance);
                        let _ = el.set_attribute("data-evidence", new.evidence);
                        if new.rec != old.rec {
                            let _ = el.set_attribute("data-recognition", new.rec.key);
                            let _ = el.set_attribute("data-rec-evidence", new.rec.evidence);
                        }
                        let _ = match new.since {
                            Some(d) => el.set_attribute("data-since", &d.to_string()),
                            None => el.remove_attribute("data-since"),
                        };
                        let _ = el.set_attribute("aria-label", &logic::tile_label(t, new));
                    }
                }
            }
        }
        now
    });
    // The open country is marked on its tile, and one tile is in the Tab
    // order (the roving tabindex).
    // The open country is marked on its tile; one tile is in the Tab order.
    mark_follows(
        move || selected.with(|c| c.as_deref().and_then(logic::tile)).map(|t| t.code),
        tile_of,
        Mark { attr: "aria-current", on: "true", off: None },
    );
    mark_follows(move || Some(current.get()), tile_of, Mark { attr: "tabindex", on: "0", off: Some("-1") });
    // The tile an event happened on, if any.
    let target_tile = |ev: &web_sys::Event| -> Option<&'static Tile> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest(".tile[data-country]").ok()??;
        logic::tile(&el.get_attribute("data-country")?)
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(tile) = target_tile(&ev) else { return };
        let key = ev.key();
        let next = match key.as_str() {
            "Home" | "End" => logic::row_end(tile.code, key == "End"),
            _ => match logic::Direction::from_key(&key) {
                Some(dir) => logic::neighbor(tile.code, dir),
                None => return,
            },
        };
        ev.prevent_default();
        if let Some(next) = next {
            current.set(next.code);
            focus_selector(&format!("[data-country=\"{}\"]", next.code));
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(tile) = target_tile(&ev) else { return };
        // From 1024 px the panel docks beside the map, and the map and the
        // text above it reflow into the narrower page: the clicked tile is
        // kept where it was on the screen.
        let docked = window().match_media("(min-width: 1024px)").ok().flatten().is_some_and(|m| m.matches());
        let anchor = tile_of(tile.code).filter(|_| docked).map(|el| (el.get_bounding_client_rect().top(), el));
        selected.set(Some(tile.code.to_string()));
        if let Some((before, el)) = anchor {
            request_animation_frame(move || {
                let moved = el.get_bounding_client_rect().top() - before;
                if moved.abs() >= 1.0 {
                    window().scroll_by_with_x_and_y(0.0, moved);
                }
            });
        }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if let Some(tile) = target_tile(&ev) {
            current.set(tile.code);
        }
    };
    view! {
        <div class="map-scroll">
            <h2 class="visually-hidden" id="map-heading">"Map"</h2>
            <p class="hint touch-only">"Swipe the map sideways for Europe, Africa, Asia and Oceania."</p>
            <div
                class="map"
                role="group"
                aria-label="Countries by stance, on a map-like grid"
                aria-describedby="map-help"
                style=format!("grid-template-columns:repeat({GRID_COLS},var(--tile));grid-template-rows:repeat({GRID_ROWS},var(--tile))")
                node_ref=map_ref
                inner_html=html
                on:click=on_click
                on:keydown=on_keydown
                on:focusin=on_focusin
            ></div>
            <p id="map-help" class="hint keyboard-only">"Arrow keys move between countries, Home and End to a row's ends; Enter opens one."</p>
        </div>
    }
}

/// The same data as a list grouped by the layer's keys (each stance, or each
/// recognition), for screen readers and lists people: one block of markup
/// ([`logic::list_html`]) with one click listener, like the map.
#[component]
fn ListView(states: Memo<Vec<TileState>>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let layer = crate::layer::LayerCtx::get();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let code = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-country]").ok().flatten())
            .and_then(|el| el.get_attribute("data-country"));
        if let Some(code) = code {
            selected.set(Some(code));
        }
    };
    view! {
        <div class="list-view" on:click=on_click inner_html=move || {
            let layer = layer.get();
            states.with(|s| logic::list_html(s, layer))
        }></div>
    }
}

/// Organisations with a stance (EU, OAS, ...), which have no tile.
#[component]
fn Organisations(ds: &'static Dataset, date: RwSignal<Date>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let orgs: Vec<(&'static str, &'static str)> =
        ORGANISATIONS.iter().copied().filter(|(c, _)| ds.history(c).next().is_some()).collect();
    (!orgs.is_empty()).then(|| {
        view! {
            <section class="orgs" aria-label="Organisations">
                <h2>"Organisations"</h2>
                <ul>
                    {orgs.into_iter().map(|(code, name)| {
                        let stance = move || logic::stance_key(ds, code, date.get());
                        view! {
                            <li>
                                <button type="button" class="org" data-org=code data-stance=stance
                                    aria-label=move || format!("{name}: {}", logic::stance_label(stance()))
                                    on:click=move |_| selected.set(Some(code.to_string()))>
                                    <span class="swatch" data-stance=stance aria-hidden="true"></span>{name}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The selected country's panel. Only a change of country rebuilds it (and
/// moves focus to its heading); a change of date updates it in place, so
/// keyboard and screen-reader users keep their position while the slider moves.
#[component]
fn CountryPanel(ds: &'static Dataset, date: RwSignal<Date>, selected: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        let code = selected.get()?;
        Some(view! { <PanelBody ds=ds date=date selected=selected code=code /> })
    }
}

/// The panel's content for one country: its stance now and why, its history,
/// every quote.
///
/// Props: `code`, the country or organisation shown; `date`, the slider's date.
#[component]
fn PanelBody(
    ds: &'static Dataset,
    date: RwSignal<Date>,
    selected: RwSignal<Option<String>>,
    code: String,
) -> impl IntoView {
    let name = logic::actor_name(&code);
    let history: Vec<Event> = ds.history(&code).cloned().collect();
    let subject = code == SUBJECT;
    let state = {
        let code = code.clone();
        Memo::new(move |_| logic::tile_state(ds, &code, date.get()))
    };
    let explanation = {
        let code = code.clone();
        Memo::new(move |_| {
            let d = date.get();
            if subject {
                return ("Venezuela is the subject of the crisis; it has no color.".to_string(), String::new());
            }
            let s = ds.standing(&code, d);
            (logic::explain(s.as_ref()), s.map(|s| logic::evidence_age(s.event.date, d)).unwrap_or_default())
        })
    };
    let evidence = Evidence::get();
    let now_event = {
        let code = code.clone();
        Memo::new(move |_| evidence.full.get().and_then(|f| f.stance_at(&code, date.get()).cloned()))
    };
    let has_stance = move || state.get().stance != "none";
    let all_quotes = {
        let code = code.clone();
        move || match evidence.full.get() {
            Some(f) => {
                f.history(&code).rev().cloned().map(|e| view! { <Quote ds=f event=e /> }).collect_view().into_any()
            }
            None => view! { <p class="loading" role="status">{move || evidence.waiting()}</p> }.into_any(),
        }
    };
    let now_key = move || state.get().stance;
    let bands = history_bands(ds, &code, &history, date);
    let back = move |_| focus_selector(".map .tile[tabindex=\"0\"], .list-view button");
    view! {
        <aside class="panel" aria-labelledby="panel-title" data-panel=code.clone()>
            <div class="panel-head">
                <h2 id="panel-title" tabindex="-1" node_ref=focus_on_mount()>{name}</h2>
                <button type="button" class="close" aria-label="Close panel" on:click=move |_| close_panel(selected)>"×"</button>
            </div>
            <p class="now" data-evidence=move || state.get().evidence>
                {move || format!("On {}: ", logic::long_date(date.get()))}
                <span class="badge" data-stance=now_key data-evidence=move || state.get().evidence>{move || logic::stance_label(now_key())}</span>
                {move || state.get().is_previous().then_some(" (previous government)")}
            </p>
            <p class="why">{move || explanation.with(|e| e.0.clone())}</p>
            <p class="age">{move || explanation.with(|e| e.1.clone())}</p>
            {move || match (now_event.get(), evidence.full.get()) {
                (Some(e), Some(f)) => Some(view! { <Quote ds=f event=e /> }.into_any()),
                (None, None) if has_stance() => Some(view! { <p class="loading">{move || evidence.waiting()}</p> }.into_any()),
                _ => None,
            }}
            <h3>"Stance history by government"</h3>
            {bands}
            <h3>{format!("Evidence ({} quotes)", history.len())}</h3>
            {ds.threshold.map(|t| view! { <p class="threshold-note">{logic::threshold_note(t)}</p> })}
            <div class="quotes">{all_quotes}</div>
            <p><button type="button" class="link" on:click=back>"Back to the map"</button></p>
        </aside>
    }
}

/// The history as bands, one per government term that has events, oldest
/// first; organisations and countries without terms get one plain list.
fn history_bands(ds: &'static Dataset, code: &str, history: &[Event], date: RwSignal<Date>) -> AnyView {
    if history.is_empty() {
        return view! { <p>"No events in the corpus."</p> }.into_any();
    }
    let item = move |e: &Event| {
        let d = e.date;
        view! {
            <li>
                <button type="button" class="link" aria-label=format!("Show the map on {}", logic::long_date(d))
                    on:click=move |_| date.set(logic::clamp(d))>{logic::long_date(d)}</button>
                " "<span class="badge" data-stance=e.stance.as_str()>{e.stance.label()}</span>
                " "<span class="kind">{e.kind.label()}</span>
            </li>
        }
    };
    let terms = ds.governments_of(code);
    if terms.is_empty() {
        return view! { <ol class="timeline">{history.iter().map(item).collect_view()}</ol> }.into_any();
    }
    let earlier: Vec<&Event> = history.iter().filter(|e| e.date < terms[0].from).collect();
    let mut bands = Vec::new();
    if !earlier.is_empty() {
        bands.push(
            view! {
                <li class="term"><p class="term-name">"Before the governments on record"</p>
                    <ol class="timeline">{earlier.into_iter().map(item).collect_view()}</ol></li>
            }
            .into_any(),
        );
    }
    for g in terms {
        let own: Vec<&Event> = history.iter().filter(|e| g.covers(e.date)).collect();
        if own.is_empty() {
            continue;
        }
        let span = match g.to {
            Some(to) => format!("{} – {}", logic::long_date(g.from), logic::long_date(to)),
            None => format!("since {}", logic::long_date(g.from)),
        };
        let (from, to) = (g.from, g.to);
        let in_office = move || {
            let d = date.get();
            (from <= d && to.is_none_or(|t| d < t)).to_string()
        };
        bands.push(
            view! {
                <li class="term" data-in-office=in_office>
                    <p class="term-name"><strong>{g.head.clone()}</strong>{format!(", {} ({span})", g.role)}</p>
                    <ol class="timeline">{own.into_iter().map(item).collect_view()}</ol>
                </li>
            }
            .into_any(),
        );
    }
    view! { <ol class="terms">{bands}</ol> }.into_any()
}

/// "Compare two dates": the countries whose stance changed between an
/// earlier date (`from`, in the URL) and the slider's date, each with the
/// act that changed it.
#[component]
fn CompareView(
    ds: &'static Dataset,
    date: RwSignal<Date>,
    from: RwSignal<Option<Date>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        from.set(event_target_value(&ev).parse::<Date>().ok().map(logic::clamp));
    };
    let rows = Memo::new(move |_| from.get().map(|f| logic::change_rows(ds, f, date.get())));
    view! {
        <section class="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">"Compare two dates"</h2>
            <div class="compare-form">
                <label for="compare-from">"Changes since"</label>
                <input id="compare-from" type="date"
                    min=logic::first_day().to_string() max=logic::last_day().to_string()
                    prop:value=move || from.get().map(|d| d.to_string()).unwrap_or_default()
                    on:change=on_change />
                <span>{move || format!("until {} (the slider's date)", logic::long_date(date.get()))}</span>
                {move || from.get().is_some().then(|| view! {
                    <button type="button" on:click=move |_| from.set(None)>"Clear"</button>
                })}
            </div>
            {move || rows.get().map(|rows| {
                let n = rows.len();
                view! {
                    <p class="compare-count" aria-live="polite">{format!("{n} {} changed stance or government.", if n == 1 { "country or organisation" } else { "countries and organisations" })}</p>
                    <ul class="changes">
                        {rows.into_iter().map(|r| {
                            let code = r.code.clone();
                            view! {
                                <li data-change=r.code.clone() data-same-side=r.same_side.to_string()>
                                    <button type="button" class="link" on:click=move |_| selected.set(Some(code.clone()))>{r.name}</button>
                                    ": "<span class="badge" data-stance=r.before>{logic::stance_label(r.before)}</span>
                                    {if r.same_side { " → the same, by a new government" } else { " → " }}
                                    {(!r.same_side).then(|| view! { <span class="badge" data-stance=r.after>{logic::stance_label(r.after)}</span> })}
                                    {r.because.map(|b| format!(" — {b}"))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}

/// Closes the panel and gives focus back to the country's tile, so keyboard
/// users continue where they were.
fn close_panel(selected: RwSignal<Option<String>>) {
    let Some(code) = selected.get_untracked() else { return };
    selected.set(None);
    focus_selector(&format!("[data-country=\"{code}\"], [data-org=\"{code}\"]"));
}

/// Moves keyboard focus to the first element matching `selector`, if any.
fn focus_selector(selector: &str) {
    if let Some(el) =
        document().query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves keyboard focus to the panel heading when a country is chosen.
fn focus_on_mount() -> NodeRef<leptos::html::H2> {
    let r = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(el) = r.get() {
            let _ = el.focus();
        }
    });
    r
}

/// One quote with the actor's mention highlighted, and its source.
///
/// Props: `event`, whose quote is shown as text (never as markup).
#[component]
fn Quote(ds: &'static Dataset, event: Event) -> impl IntoView {
    let (before, mention, after) = logic::split_mention(&event);
    let (before, mention, after) = (before.to_string(), mention.to_string(), after.to_string());
    let article = ds.article(&event.article).cloned();
    let source = logic::source_line(ds, &event);
    let lang = article.as_ref().map(|a| a.lang.clone());
    let outlet = article.as_ref().and_then(|a| a.outlet.clone()).unwrap_or_else(|| "the article".to_string());
    // Only http and https become links; any other address is shown as text.
    let raw_url = article.and_then(|a| a.url);
    let url = raw_url.as_deref().and_then(logic::safe_link).map(str::to_string);
    let unsafe_url = raw_url.filter(|_| url.is_none());
    view! {
        <figure class="quote" data-stance=event.stance.as_str()>
            <blockquote lang=lang>{before}<mark>{mention}</mark>{after}</blockquote>
            <figcaption>
                <span class="badge" data-stance=event.stance.as_str()>{event.stance.label()}</span>
                " "{format!("{} · {}", logic::long_date(event.date), event.kind.label())}
                {event.date_inferred.then_some(" (date of publication)")}
                {event.confidence.map(|c| view! {
                    " · "<span class="confidence" data-confidence=c.to_string()>{logic::confidence_note(c)}</span>
                })}
                <br/>
                <cite>{source}</cite>
                {url.map(|u| view! {
                    " " <a href=u rel="noopener noreferrer" target="_blank">
                        {format!("Source: {outlet}")}<span class="visually-hidden">" (opens in a new tab)"</span>
                    </a>
                })}
                {unsafe_url.map(|u| view! { " "<span class="source-text">{format!("Source address (not a web link): {u}")}</span> })}
                " "<crate::context_view::ReadInContext event=event.clone() />
            </figcaption>
        </figure>
    }
}
