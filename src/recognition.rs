//! The recognition layer's plain logic, tested natively: the layer switch
//! and its permalink value, the claims read from `claims.csv`, each tile's
//! recognition hooks and labels, and the legend's counts per claimant.

use crate::logic::{TileState, SUBJECT, TILES};
use atlas_model::{Claim, Claimant, Dataset, Date, Evidence, Stance};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/layer.rs"));

/// Which question the map answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layer {
    /// Where each government stood (the stance model).
    #[default]
    Stance,
    /// Whom each government formally recognised.
    Recognition,
}

impl Layer {
    pub const ALL: [Layer; 2] = [Layer::Stance, Layer::Recognition];

    /// The permalink value and the `data-layer` hook.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Stance => "stance",
            Layer::Recognition => "recognition",
        }
    }

    /// The radio button's label.
    pub fn label(self) -> &'static str {
        match self {
            Layer::Stance => "Stance",
            Layer::Recognition => "Formal recognition",
        }
    }

    pub fn parse(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The `layer` parameter of a query string; anything else is the default.
pub fn parse_layer(query: &str) -> Layer {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.strip_prefix("layer="))
        .find_map(Layer::parse)
        .unwrap_or_default()
}

/// What a permalink adds for `layer` (nothing for the default).
pub fn layer_query(layer: Layer) -> String {
    match layer {
        Layer::Stance => String::new(),
        l => format!("&layer={}", l.as_str()),
    }
}

/// The claims of `claims.csv`, parsed once (`build.rs` checked every row).
pub fn claims() -> &'static [Claim] {
    static CLAIMS: OnceLock<Vec<Claim>> = OnceLock::new();
    CLAIMS.get_or_init(|| {
        CLAIM_ROWS
            .iter()
            .filter_map(|(claimant, side, from, to, _)| {
                Some(Claim {
                    claimant: Claimant::parse(claimant)?,
                    side: Stance::parse(side)?,
                    from: from.parse().ok()?,
                    to: to.parse().ok(),
                })
            })
            .collect()
    })
}

/// "Guaidó as interim president": the claim's label from `claims.csv`.
pub fn claim_label(c: Claimant) -> &'static str {
    CLAIM_ROWS.iter().find(|r| r.0 == c.as_str()).map_or("", |r| r.4)
}

/// A recognition key (`data-recognition`) in words, for labels and the legend.
pub fn recognition_label(key: &str) -> String {
    match Claimant::parse(key) {
        Some(c) => format!("Recognises {}", claim_label(c)),
        None => "No recognition in force".to_string(),
    }
}

/// One tile's recognition hooks: `data-recognition`, `data-rec-evidence`
/// and `data-rec-since`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecState {
    /// `guaido`, `gonzalez`, `maduro` or `none`.
    pub key: &'static str,
    /// `current`, `previous-government` or `none` (no recognition act yet).
    pub evidence: &'static str,
    /// The date of the act that sets it.
    pub since: Option<Date>,
}

impl RecState {
    pub const NONE: RecState = RecState { key: "none", evidence: "none", since: None };

    /// Whether a previous government's recognition is shown.
    pub fn is_previous(&self) -> bool {
        self.key != "none" && self.evidence == Evidence::PreviousGovernment.as_str()
    }
}

/// What `code`'s tile shows on the recognition layer on `date`.
pub fn rec_state(ds: &Dataset, code: &str, date: Date) -> RecState {
    if code == SUBJECT {
        return RecState::NONE;
    }
    ds.recognition(code, date, claims()).map_or(RecState::NONE, |r| RecState {
        key: r.claimant.map_or("none", Claimant::as_str),
        evidence: r.standing.evidence.as_str(),
        since: Some(r.standing.event.date),
    })
}

/// The recognition part of a tile's accessible name: ", recognises ...".
pub fn rec_label_part(rec: &RecState) -> String {
    let mut s = recognition_label(rec.key);
    if rec.is_previous() {
        s.push_str(", the previous government's recognition");
    }
    if let (Some(d), true) = (rec.since, rec.key != "none") {
        s.push_str(&format!(", since {}", crate::logic::long_date(d)));
    }
    s
}

/// Countries per recognition on a date; `previous` counts those shown with a
/// previous government's recognition, `none` those with none in force
/// (Venezuela, the subject, is not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecCounts {
    pub guaido: usize,
    pub gonzalez: usize,
    pub maduro: usize,
    pub previous: usize,
    pub none: usize,
}

impl RecCounts {
    pub fn add(&mut self, rec: &RecState) {
        match rec.key {
            _ if rec.is_previous() => self.previous += 1,
            "guaido" => self.guaido += 1,
            "gonzalez" => self.gonzalez += 1,
            "maduro" => self.maduro += 1,
            _ => self.none += 1,
        }
    }

    /// The count of a claimant, or of `none` without one.
    pub fn of(&self, c: Option<Claimant>) -> usize {
        match c {
            Some(Claimant::Guaido) => self.guaido,
            Some(Claimant::Gonzalez) => self.gonzalez,
            Some(Claimant::Maduro) => self.maduro,
            None => self.none,
        }
    }
}

/// Recognition counts from tile states (the subject is skipped).
pub fn count_recognition(states: &[TileState]) -> RecCounts {
    let mut c = RecCounts::default();
    for (t, s) in TILES.iter().zip(states) {
        if t.code != SUBJECT {
            c.add(&s.rec);
        }
    }
    c
}

/// One of Play's captions: a key date of the crisis, from `captions.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caption {
    pub date: Date,
    pub text: &'static str,
    pub source: &'static str,
}

/// Every caption, oldest first.
pub fn captions() -> &'static [Caption] {
    static CAPTIONS: OnceLock<Vec<Caption>> = OnceLock::new();
    CAPTIONS.get_or_init(|| {
        CAPTION_ROWS
            .iter()
            .filter_map(|(d, text, source)| Some(Caption { date: d.parse().ok()?, text, source }))
            .collect()
    })
}

/// The caption shown on `date`: that of the latest key date on or before it,
/// for `days` days (and never past the next key date).
pub fn caption_at(date: Date, days: i32) -> Option<&'static Caption> {
    captions().iter().rev().find(|c| c.date <= date).filter(|c| date.to_days() - c.date.to_days() < days)
}

/// The recognition legend's items as markup (written again as the counts
/// change; a handful of elements).
pub fn legend_markup(c: &RecCounts) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut item = |swatch: &str, label: &str, key: &str, n: usize| {
        let _ = write!(
            out,
            "<li class=\"legend-item\"><span class=\"swatch\" {swatch} aria-hidden=\"true\"></span>\
             <span class=\"legend-label\">{}</span><span class=\"count\" data-count=\"{key}\">{n}</span></li>",
            crate::logic::escape_html(label)
        );
    };
    for k in Claimant::ALL {
        item(
            &format!("data-recognition=\"{}\"", k.as_str()),
            &recognition_label(k.as_str()),
            k.as_str(),
            c.of(Some(k)),
        );
    }
    item(
        "data-recognition=\"guaido\" data-rec-evidence=\"previous-government\"",
        "A previous government's recognition (faded, outlined): none yet by the one in office",
        "previous-government",
        c.previous,
    );
    item("data-recognition=\"none\"", &recognition_label("none"), "none", c.none);
    out.push_str(
        "<li class=\"legend-item\"><span class=\"swatch subject\" aria-hidden=\"true\">\u{2605}</span>\
         <span class=\"legend-label\">Venezuela, the subject</span></li>",
    );
    out
}

/// A key date's caption as markup: the date, the text and its source link.
pub fn caption_markup(c: &Caption) -> String {
    let link = crate::logic::safe_link(c.source).map_or_else(String::new, |u| {
        format!(
            " <a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">Source<span class=\"visually-hidden\"> (opens in a new tab)</span></a>",
            crate::logic::escape_html(u)
        )
    });
    format!("<strong>{}</strong>: {}{link}", crate::logic::long_date(c.date), crate::logic::escape_html(c.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::{dataset, tile_states_in};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_layer_is_read_from_the_permalink_and_written_back() {
        assert_eq!(parse_layer("?date=2019-02-04&layer=recognition"), Layer::Recognition);
        assert_eq!(parse_layer("?layer=stance"), Layer::Stance);
        for q in ["", "?layer=", "?layer=RECOGNITION", "?layer=<script>", "?&&==layer"] {
            assert_eq!(parse_layer(q), Layer::Stance, "{q}");
        }
        assert_eq!(layer_query(Layer::Recognition), "&layer=recognition");
        assert_eq!(layer_query(Layer::Stance), "");
    }

    #[test]
    fn every_claim_and_caption_row_is_read() {
        assert_eq!(claims().len(), CLAIM_ROWS.len());
        assert_eq!(captions().len(), CAPTION_ROWS.len());
        assert_eq!(recognition_label("guaido"), "Recognises Guaidó as interim president");
        assert_eq!(recognition_label("none"), "No recognition in force");
    }

    #[test]
    fn captions_show_for_a_while_after_their_date() {
        assert_eq!(caption_at(d("2019-01-22"), 20), None);
        assert_eq!(caption_at(d("2019-01-23"), 20).map(|c| c.date), Some(d("2019-01-23")));
        assert_eq!(caption_at(d("2019-02-05"), 20).map(|c| c.date), Some(d("2019-02-04")));
        assert_eq!(caption_at(d("2019-03-30"), 20), None);
    }

    #[test]
    fn legend_and_caption_markup_carry_the_hooks_and_escape_text() {
        let c = RecCounts { guaido: 3, gonzalez: 0, maduro: 2, previous: 1, none: 9 };
        let html = legend_markup(&c);
        assert!(html.contains("data-count=\"guaido\">3<") && html.contains("data-count=\"none\">9<"), "{html}");
        assert!(html.contains("data-count=\"previous-government\">1<"));
        let cap = Caption { date: d("2019-01-23"), text: "<b>x</b> & y.", source: "javascript:alert(1)" };
        assert_eq!(caption_markup(&cap), "<strong>23 January 2019</strong>: &lt;b&gt;x&lt;/b&gt; &amp; y.");
        let cap = Caption { source: "https://example.com/a?b=1&c=2", ..cap };
        assert!(caption_markup(&cap).contains("href=\"https://example.com/a?b=1&amp;c=2\""));
    }

    #[test]
    fn the_recognition_layer_tells_guaido_from_gonzalez_and_maduro() {
        let ds = dataset().unwrap();
        let rec = |code: &str, day: &str| rec_state(ds, code, d(day)).key;
        assert_eq!(rec("US", "2019-02-04"), "guaido");
        assert_eq!(rec("RU", "2019-02-04"), "maduro");
        assert_eq!(rec("US", "2024-08-03"), "gonzalez");
        assert_eq!(rec("US", "2023-06-01"), "none", "recognitions of Guaidó lapsed with the interim government");
        assert_eq!(rec("VE", "2019-02-04"), "none");
        // A call for dialogue colors the stance layer, never the recognition one.
        let states = tile_states_in(ds, d("2019-02-04"), Layer::Recognition);
        let c = count_recognition(&states);
        assert_eq!(c.guaido + c.gonzalez + c.maduro + c.previous + c.none, TILES.len() - 1);
        assert!(c.guaido > 20 && c.maduro > 3 && c.gonzalez == 0, "{c:?}");
        let stance = crate::logic::count_states(&states);
        assert!(stance.opposition + stance.government + stance.neutral > c.guaido + c.maduro);
    }
}
