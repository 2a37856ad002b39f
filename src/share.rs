//! Sharing, citing and embedding as plain Rust, tested natively: the map as
//! a standalone SVG image (the PNG is this SVG drawn onto a canvas), the
//! citation line, the embed snippet and the compact view's URL flag.
//! `share_view.rs` wires them to the page.

use crate::export::{self, LICENCE};
use crate::logic::{self, escape_html, TileState, GRID_COLS, GRID_ROWS, SUBJECT, TILES};
use crate::recognition::{self, Layer};
use atlas_model::{Claimant, Date, Stance};
use std::fmt::Write;

/// The atlas's full title, in images and citations.
pub const TITLE: &str = "Where governments stood on Venezuela's presidential crisis";

/// Whether the URL asks for the compact view (`?embed=1`): map, slider and
/// legend only. Anything else, however malformed, is the full view.
pub fn is_embed(query: &str) -> bool {
    query.trim_start_matches('?').split('&').any(|p| p == "embed=1" || p == "embed=true")
}

/// The link to a view: the page's address without its query, then the view's.
pub fn view_url(base: &str, query: &str) -> String {
    format!("{base}{query}")
}

/// An `<iframe>` that embeds the compact view of `date`.
pub fn embed_snippet(base: &str, date: Date) -> String {
    let src = format!("{base}?embed=1&date={date}");
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"760\" style=\"border:0;max-width:1000px\" loading=\"lazy\"></iframe>",
        escape_html(&src),
        escape_html(&format!("Stance Atlas: {TITLE}, {}", logic::long_date(date))),
    )
}

/// How to cite the dataset: author, year, title, version, date, licence, link.
pub fn citation(url: &str) -> String {
    let year = logic::news_up_to().unwrap_or_else(logic::build_day).year();
    let news = logic::news_up_to().map(|d| format!(", news up to {}", logic::long_date(d))).unwrap_or_default();
    format!(
        "Stance Atlas ({year}). {TITLE}, 2019 to the present [dataset], version {}{news}. Licensed {LICENCE}. {url}",
        export::version()
    )
}

/// A read-only field to copy from, with its button and status line.
fn copy_field(out: &mut String, id: &str, label: &str, what: &str, multiline: bool) {
    let field = if multiline {
        format!("<textarea id=\"{id}\" readonly rows=\"3\"></textarea>")
    } else {
        format!("<input id=\"{id}\" type=\"text\" readonly>")
    };
    let _ = write!(
        out,
        "<div class=\"copy-field\"><label for=\"{id}\">{label}</label>{field}\
         <button type=\"button\" data-copy=\"{id}\" data-what=\"{what}\">Copy {what}</button>\
         <span class=\"copy-status\" role=\"status\"></span></div>"
    );
}

/// The share section's markup, parsed by the browser in one step: copy
/// fields (filled in by the page), the licence, and the download buttons,
/// each naming its action in `data-action` for one delegated listener.
/// `events` is the number of events in the dataset.
pub fn share_html(events: usize) -> String {
    let mut out = String::from("<h2 id=\"share-heading\">Share, cite and download</h2><div class=\"share-grid\"><div>");
    copy_field(&mut out, "copy-link", "Link to this view", "link", false);
    copy_field(&mut out, "copy-embed", "Embed code (map, slider and legend)", "embed code", true);
    out.push_str("</div><div>");
    copy_field(&mut out, "copy-cite", "Cite the data", "citation", true);
    let _ = write!(
        out,
        "<p class=\"licence\">The data are licensed <a href=\"{}\" rel=\"license noopener noreferrer\" target=\"_blank\">{LICENCE}\
         <span class=\"visually-hidden\"> (opens in a new tab)</span></a>: share and adapt them, crediting Stance Atlas. \
         Quotes are short excerpts of the articles named with them; their copyright stays with the publishers.</p></div></div>\
         <div class=\"downloads\" role=\"group\" aria-label=\"Download the map\"><span class=\"group-label\">The map on this date:</span>\
         <button type=\"button\" data-action=\"png\">Download PNG</button><button type=\"button\" data-action=\"svg\">Download SVG</button>\
         <span id=\"image-status\" role=\"status\"></span></div>\
         <div class=\"downloads\" role=\"group\" aria-label=\"Download the whole dataset\"><span class=\"group-label\">Every event ({events}):</span>\
         <button type=\"button\" data-action=\"events-csv\">Events CSV</button><button type=\"button\" data-action=\"events-json\">Events JSON</button></div>\
         <div class=\"downloads\" role=\"group\" aria-label=\"Download each country&#39;s stance over time\">\
         <label for=\"export-interval\">Each country&#39;s stance,</label><select id=\"export-interval\">",
        export::LICENCE_URL
    );
    for i in crate::export::Interval::ALL {
        let selected = if i == crate::export::Interval::Month { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{selected}>{}</option>", i.as_str(), i.label());
    }
    out.push_str(
        "</select><button type=\"button\" data-action=\"table-csv\">Table CSV</button>\
         <button type=\"button\" data-action=\"table-json\">Table JSON</button></div>",
    );
    out
}

/// The file name of a map image of `date` in `layer`.
pub fn image_name(date: Date, layer: Layer, ext: &str) -> String {
    match layer {
        Layer::Stance => format!("stance-atlas-map-{date}.{ext}"),
        Layer::Recognition => format!("stance-atlas-recognition-map-{date}.{ext}"),
    }
}

const CELL: u32 = 26;
const TILE: u32 = 23;
const MARGIN: u32 = 24;
const MAP_TOP: u32 = 84;

/// The legend's columns and their spacing in `layer`: three keys a row,
/// two for the longer recognition labels.
fn legend_grid(layer: Layer) -> (u32, u32) {
    match layer {
        Layer::Stance => (3, 300),
        Layer::Recognition => (2, 450),
    }
}

/// The legend's rows in `layer`: its five keys and the subject's star.
fn legend_rows(layer: Layer) -> u32 {
    6_u32.div_ceil(legend_grid(layer).0)
}

/// The top of the legend, below the map.
const LEGEND_TOP: u32 = MAP_TOP + GRID_ROWS as u32 * CELL + 14;

/// The baseline of the source line, below the legend.
fn source_y(layer: Layer) -> u32 {
    LEGEND_TOP + legend_rows(layer) * 26 + 28
}

/// The image of `layer`'s size in CSS pixels.
pub fn image_size(layer: Layer) -> (u32, u32) {
    (2 * MARGIN + u32::from(GRID_COLS) * CELL, source_y(layer) + 38)
}

/// What a square shows: the key of its color (a `data-stance` or a
/// `data-recognition` value) and whether it is a previous government's.
#[derive(Clone, Copy)]
struct Look {
    key: &'static str,
    previous: bool,
}

impl Look {
    /// A tile's look in `layer`, as the page colors it.
    fn of(state: &TileState, layer: Layer) -> Look {
        match layer {
            Layer::Stance => Look { key: state.stance, previous: state.is_previous() },
            Layer::Recognition => Look { key: state.rec.key, previous: state.rec.is_previous() },
        }
    }

    const fn current(key: &'static str) -> Look {
        Look { key, previous: false }
    }
}

/// Fill, outline, dash and text color of a tile or swatch, and whether it
/// has the inner white outline of the opposition's colors: the page's
/// palette (`style/main.css`, `style/layer.css`).
fn paint(look: Look) -> (&'static str, &'static str, bool, &'static str, bool) {
    match (look.key, look.previous) {
        ("opposition" | "guaido", false) => ("#0072b2", "#0072b2", false, "#fff", true),
        ("gonzalez", false) => ("url(#gon)", "#004f7c", false, "#fff", true),
        ("government" | "maduro", false) => ("url(#gov)", "#5c2400", false, "#fff", false),
        ("neutral", false) => ("url(#neu)", "#a89c00", false, "#1d1d1f", false),
        ("opposition" | "guaido" | "gonzalez", true) => ("#d3e6f3", "#0072b2", true, "#1d1d1f", false),
        ("government" | "maduro", true) => ("url(#gov-prev)", "#5c2400", true, "#1d1d1f", false),
        ("neutral", true) => ("url(#neu-prev)", "#a89c00", true, "#1d1d1f", false),
        _ => ("#f1efea", "#777", true, "#4a4a4a", false),
    }
}

/// The patterns: the same stripes and dots as the page, so that the image
/// too reads without color.
const DEFS: &str = "<defs>\
<pattern id=\"gov\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"#b34700\"/><rect width=\"3\" height=\"7\" fill=\"#5c2400\"/></pattern>\
<pattern id=\"gov-prev\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"#f6e0d2\"/><rect width=\"3\" height=\"7\" fill=\"#ecc7ae\"/></pattern>\
<pattern id=\"neu\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#f0e442\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#a89c00\"/></pattern>\
<pattern id=\"neu-prev\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#faf7d2\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#d8d08a\"/></pattern>\
<pattern id=\"gon\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#004f7c\"/><rect width=\"5\" height=\"8\" fill=\"#0072b2\"/></pattern>\
</defs>";

/// A coordinate in half pixels, written as `f64`'s `Display` would write
/// it ("11" or "11.5") without the float formatter.
struct Half(u32);

impl std::fmt::Display for Half {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.0 / 2, if self.0 % 2 == 1 { ".5" } else { "" })
    }
}

/// One square with its label, at `(x, y)`, `size` wide.
fn square(out: &mut String, x: u32, y: u32, size: u32, look: Look, label: &str) {
    let (fill, stroke, dashed, ink, inner) = paint(look);
    let dash = if dashed { " stroke-dasharray=\"3 2\"" } else { "" };
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{size}\" height=\"{size}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>"
    );
    if inner {
        let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\"0.85\" stroke-width=\"1.5\"/>", x + 2, y + 2, size - 4, size - 4);
    }
    if !label.is_empty() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"{ink}\" font-size=\"9\" font-weight=\"700\" text-anchor=\"middle\">{label}</text>",
            Half(2 * x + size),
            Half(2 * y + size + 6)
        );
    }
}

/// The legend's keys in `layer`, each with its label and count.
fn legend_items(states: &[TileState], layer: Layer) -> Vec<(Look, String)> {
    match layer {
        Layer::Stance => {
            let c = logic::count_states(states);
            let mut items: Vec<(Look, String)> = Stance::ALL
                .into_iter()
                .map(|s| (Look::current(s.as_str()), format!("{} ({})", s.label(), c.of(Some(s)))))
                .collect();
            items.push((
                Look { key: "opposition", previous: true },
                format!("Previous government's stance ({})", c.previous),
            ));
            items.push((Look::current("none"), format!("No statement in the corpus ({})", c.none)));
            items
        }
        Layer::Recognition => {
            let c = recognition::count_recognition(states);
            let mut items: Vec<(Look, String)> = Claimant::ALL
                .into_iter()
                .map(|k| {
                    let label = recognition::recognition_label(k.as_str());
                    (Look::current(k.as_str()), format!("{label} ({})", c.of(Some(k))))
                })
                .collect();
            items.push((
                Look { key: "guaido", previous: true },
                format!("Previous government's recognition ({})", c.previous),
            ));
            items.push((Look::current("none"), format!("{} ({})", recognition::recognition_label("none"), c.none)));
            items
        }
    }
}

/// The legend: one swatch and label with its count per key, then the
/// subject's star ([`legend_grid`]).
fn legend(out: &mut String, states: &[TileState], layer: Layer) {
    let top = LEGEND_TOP;
    let items = legend_items(states, layer);
    let (columns, width) = legend_grid(layer);
    let at = |i: usize| (MARGIN + (i as u32 % columns) * width, top + (i as u32 / columns) * 26);
    for (i, (look, label)) in items.iter().enumerate() {
        let (x, y) = at(i);
        square(out, x, y, 16, *look, "");
        let _ = write!(out, "<text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>", x + 22, y + 13, escape_html(label));
    }
    let (x, y) = at(items.len());
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"16\" height=\"16\" rx=\"4\" fill=\"#fff\" stroke=\"#1d1d1f\" stroke-width=\"2\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">\u{2605}</text><text x=\"{}\" y=\"{}\" font-size=\"13\">Venezuela, the subject</text>",
        x + 8,
        y + 12,
        x + 22,
        y + 13
    );
}

/// The map of `date` in `layer` as a standalone SVG document: title, date
/// and layer, every tile with its code, the layer's legend with counts and
/// a source line. `states` are the tiles' states in [`TILES`] order.
pub fn map_svg(states: &[TileState], date: Date, layer: Layer) -> String {
    let (w, h) = image_size(layer);
    let day = logic::long_date(date);
    let (title, subtitle, note) = match layer {
        Layer::Stance => (
            format!("Stance Atlas: {TITLE}, {day}"),
            format!("{day}: the stance of each government in office"),
            "Each color is the stance of the government in office, backed by a quoted sentence of a news article; \
             faded and dashed: a previous government's.",
        ),
        Layer::Recognition => (
            format!("Stance Atlas: {TITLE}, {day}, formal recognition"),
            format!("Formal recognition, {day}: whom each government in office recognises"),
            "Only acts of recognition and their withdrawal count; declining to recognise Maduro counts as \
             recognising the opposition's claim of the time.",
        ),
    };
    let mut out = String::with_capacity(48 * 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" fill=\"#1d1d1f\" data-layer=\"{}\">\
         <title>{}</title>{DEFS}<rect width=\"{w}\" height=\"{h}\" fill=\"#fbfaf7\"/>\
         <text x=\"{MARGIN}\" y=\"38\" font-size=\"22\" font-weight=\"700\">{}</text>\
         <text x=\"{MARGIN}\" y=\"64\" font-size=\"16\">{}</text>",
        layer.as_str(),
        escape_html(&title),
        escape_html(TITLE),
        escape_html(&subtitle),
    );
    out.push_str("<g>");
    for (t, state) in TILES.iter().zip(states) {
        let (x, y) = (MARGIN + u32::from(t.col) * CELL, MAP_TOP + u32::from(t.row) * CELL);
        if t.code == SUBJECT {
            let _ = write!(out, "<rect x=\"{x}\" y=\"{y}\" width=\"{TILE}\" height=\"{TILE}\" rx=\"4\" fill=\"#fff\" stroke=\"#1d1d1f\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">\u{2605}</text>", Half(2 * x + TILE), Half(2 * y + TILE + 9));
        } else {
            square(&mut out, x, y, TILE, Look::of(state, layer), &escape_html(t.code));
        }
    }
    out.push_str("</g>");
    legend(&mut out, states, layer);
    let _ = write!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"12\" fill=\"#555\">{}</text>\
         <text x=\"{MARGIN}\" y=\"{}\" font-size=\"12\" fill=\"#555\">{}</text></svg>",
        source_y(layer),
        escape_html(&format!("Source: {}.", export::dataset_name())),
        source_y(layer) + 18,
        escape_html(note),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn only_embed_1_asks_for_the_compact_view() {
        assert!(is_embed("?embed=1"));
        assert!(is_embed("?date=2019-01-24&embed=1"));
        for q in ["", "?embed=0", "?embed", "?xembed=1", "?embed=1x", "?%00&embed=<"] {
            assert!(!is_embed(q), "{q}");
        }
    }

    #[test]
    fn the_embed_snippet_is_an_escaped_iframe_of_the_compact_view() {
        let s = embed_snippet("https://example.org/atlas/", d("2019-01-24"));
        assert!(s.starts_with(
            "<iframe src=\"https://example.org/atlas/?embed=1&amp;date=2019-01-24\" title=\"Stance Atlas: "
        ));
        assert!(s.contains("24 January 2019") && s.ends_with("></iframe>"));
        assert!(!embed_snippet("https://x/\"><script>", d("2019-01-24")).contains("<script>"));
    }

    #[test]
    fn the_share_section_has_every_tool_once() {
        let html = share_html(765);
        for hook in ["copy-link", "copy-embed", "copy-cite"] {
            assert_eq!(html.matches(&format!("id=\"{hook}\"")).count(), 1, "{hook}");
            assert_eq!(html.matches(&format!("data-copy=\"{hook}\"")).count(), 1, "{hook}");
        }
        for action in ["png", "svg", "events-csv", "events-json", "table-csv", "table-json"] {
            assert_eq!(html.matches(&format!("data-action=\"{action}\"")).count(), 1, "{action}");
        }
        assert!(html.contains("Every event (765):") && html.contains("CC BY 4.0"));
        assert!(html.matches('<').count() == html.matches('>').count());
    }

    #[test]
    fn the_citation_names_version_date_and_licence() {
        let c = citation("https://example.org/atlas/?date=2019-01-24");
        assert!(c.contains(&format!("version {}", export::version())), "{c}");
        assert!(c.contains("news up to ") && c.contains("CC BY 4.0") && c.ends_with("?date=2019-01-24"), "{c}");
    }

    #[test]
    fn the_svg_draws_every_tile_the_date_legend_and_source() {
        let ds = logic::dataset().unwrap();
        let date = d("2019-01-24");
        let states = logic::tile_states(ds, date);
        let counts = logic::count_states(&states);
        let svg = map_svg(&states, date, Layer::Stance);
        let (w, h) = image_size(Layer::Stance);
        assert!(svg.starts_with(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\"")));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("24 January 2019") && svg.contains("Source: Stance Atlas dataset"));
        assert!(svg.contains(&format!("Backs the opposition ({})", counts.opposition)));
        assert_eq!(svg.matches(">US</text>").count(), 1);
        assert_eq!(svg.matches("font-weight=\"700\" text-anchor=\"middle\">").count(), TILES.len() - 1);
        assert!(svg.matches('<').count() == svg.matches('>').count());
        assert!(!svg.contains("Recognises") && svg.contains("the stance of each government"));
        assert_eq!(image_name(date, Layer::Stance, "png"), "stance-atlas-map-2019-01-24.png");
    }

    #[test]
    fn in_the_recognition_layer_the_svg_draws_recognitions_with_their_legend() {
        let ds = logic::dataset().unwrap();
        let date = d("2019-02-04");
        let states = logic::tile_states_in(ds, date, Layer::Recognition);
        let c = recognition::count_recognition(&states);
        let svg = map_svg(&states, date, Layer::Recognition);
        assert!(svg.contains("data-layer=\"recognition\"") && svg.contains("Formal recognition, 4 February 2019"));
        assert!(svg.contains(&format!("Recognises Guaidó as interim president ({})", c.guaido)), "{svg}");
        assert!(svg.contains(&format!("Recognises Maduro&#39;s government ({})", c.maduro)));
        assert!(svg.contains(&format!("No recognition in force ({})", c.none)));
        assert!(!svg.contains("Backs the opposition"));
        // Each tile is painted by its recognition, not its stance.
        let fill = |code: &str| {
            let end = svg.find(&format!(">{code}</text>")).unwrap();
            let tile = format!("width=\"{TILE}\" height=\"{TILE}\" rx=\"4\" fill=\"");
            let at = svg[..end].rfind(&tile).unwrap() + tile.len();
            svg[at..at + svg[at..].find('"').unwrap()].to_string()
        };
        for (t, st) in TILES.iter().zip(&states).filter(|(t, st)| t.code != SUBJECT && !st.rec.is_previous()) {
            let want = match st.rec.key {
                "guaido" => "#0072b2",
                "gonzalez" => "url(#gon)",
                "maduro" => "url(#gov)",
                _ => "#f1efea",
            };
            assert_eq!(fill(t.code), want, "{}: {}", t.code, st.rec.key);
        }
        let neutral_unrecognised = TILES.iter().zip(&states).any(|(_, s)| s.stance == "neutral" && s.rec.key == "none");
        assert!(neutral_unrecognised, "some tiles differ between the layers on this date");
        assert_eq!(image_name(date, Layer::Recognition, "svg"), "stance-atlas-recognition-map-2019-02-04.svg");
        assert!(svg.matches('<').count() == svg.matches('>').count());
    }
}
