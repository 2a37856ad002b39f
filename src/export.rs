//! The full export: every event of the dataset as a table, and every
//! country's stance at a chosen interval, as CSV and JSON. Plain Rust, tested
//! natively; `share_view.rs` only offers the files for download.

use crate::logic::{self, csv_field, TileState, ALPHA3, SUBJECT, TILES};
use atlas_model::{Dataset, Date};

/// The data's licence, as the citation and every export state it.
pub const LICENCE: &str = "CC BY 4.0";
/// Where the licence's text is.
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The dataset's version: a hash of its file, written by `build.rs`.
pub fn version() -> &'static str {
    logic::DATASET_VERSION
}

/// "Stance Atlas dataset, version 1a2b3c4d (news up to 20 January 2026), CC BY 4.0"
pub fn dataset_name() -> String {
    let news = logic::news_up_to().map(|d| format!(" (news up to {})", logic::long_date(d))).unwrap_or_default();
    format!("Stance Atlas dataset, version {}{news}, licensed {LICENCE}", version())
}

/// ISO 3166-1 alpha-3 of an alpha-2 code (empty for organisations).
pub fn alpha3(code: &str) -> &'static str {
    ALPHA3.iter().find(|(a2, _)| *a2 == code).map_or("", |(_, a3)| a3)
}

/// One event of the dataset with its article's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    pub date: String,
    /// The dataset's actor code: alpha-2, or an organisation's code.
    pub actor: String,
    pub name: String,
    pub iso2: String,
    pub iso3: String,
    pub stance: String,
    pub kind: String,
    /// The head of the government in office on the event's date, where known.
    pub government: String,
    pub quote: String,
    pub outlet: String,
    /// The headline; the internal file name only when neither a headline
    /// nor an outlet is known.
    pub title: String,
    pub url: String,
    pub article_date: String,
    /// The verifier's confidence in the event ("0.93"); empty when unscored.
    pub confidence: String,
}

/// The columns of the event table, in order.
pub const EVENT_COLUMNS: [&str; 14] = [
    "date",
    "actor",
    "name",
    "iso2",
    "iso3",
    "stance",
    "kind",
    "government",
    "quote",
    "outlet",
    "title",
    "url",
    "article_date",
    "confidence",
];

impl EventRow {
    fn cells(&self) -> [&str; 14] {
        [
            &self.date,
            &self.actor,
            &self.name,
            &self.iso2,
            &self.iso3,
            &self.stance,
            &self.kind,
            &self.government,
            &self.quote,
            &self.outlet,
            &self.title,
            &self.url,
            &self.article_date,
            &self.confidence,
        ]
    }
}

/// Every event of the full dataset (quotes joined), in the dataset's order:
/// by actor, then date. (Sorting here would add a sort's code to the app;
/// a spreadsheet sorts in one click.)
pub fn event_rows(ds: &Dataset) -> Vec<EventRow> {
    ds.events
        .iter()
        .map(|e| {
            let a = ds.article(&e.article);
            let outlet = a.and_then(|a| a.outlet.clone());
            let title = a.and_then(|a| a.title.clone().or_else(|| outlet.is_none().then(|| a.file.clone())));
            let is_country = logic::tile(&e.actor).is_some();
            EventRow {
                date: e.date.to_string(),
                actor: e.actor.clone(),
                name: logic::actor_name(&e.actor).to_string(),
                iso2: if is_country { e.actor.clone() } else { String::new() },
                iso3: alpha3(&e.actor).to_string(),
                stance: e.stance.as_str().to_string(),
                kind: e.kind.as_str().to_string(),
                government: ds
                    .governments_of(&e.actor)
                    .iter()
                    .find(|g| g.covers(e.date))
                    .map(|g| g.head.clone())
                    .unwrap_or_default(),
                quote: e.quote.clone(),
                outlet: outlet.unwrap_or_default(),
                title: title.unwrap_or_default(),
                url: a.and_then(|a| a.url.clone()).unwrap_or_default(),
                article_date: a.map(|a| a.published.to_string()).unwrap_or_default(),
                confidence: e.confidence.map(|c| c.to_string()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The comment line that opens a CSV export: what the file is, which
/// version of the dataset, and how formula-like cells are written.
pub fn csv_comment(what: &str) -> String {
    format!(
        "# {what}. {}. Cells that begin with = + - @ or a tab or carriage return are written after an \
         apostrophe (') so that a spreadsheet shows them as text and never evaluates them.\n",
        dataset_name()
    )
    .replace(',', ";")
}

fn csv_line<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    out.push_str(&cells.into_iter().map(csv_field).collect::<Vec<_>>().join(","));
    out.push('\n');
}

pub fn events_csv(rows: &[EventRow]) -> String {
    let mut out = csv_comment(&format!("Stance Atlas: every event ({} rows)", rows.len()));
    csv_line(&mut out, EVENT_COLUMNS);
    for r in rows {
        csv_line(&mut out, r.cells());
    }
    out
}

/// A JSON string literal.
pub(crate) fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON object of string fields on one line. The JSON is written by hand
/// rather than through `serde_json::Value`: the same text for less code in
/// the app.
pub(crate) fn object<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let inner: Vec<String> = fields.into_iter().map(|(k, v)| format!("{}: {}", js(k), js(v))).collect();
    format!("{{{}}}", inner.join(", "))
}

/// A JSON array of strings on one line.
fn array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    format!("[{}]", items.into_iter().map(js).collect::<Vec<_>>().join(", "))
}

/// The dataset's description, the first field of each JSON export.
fn about(what: String) -> String {
    let news = logic::news_up_to().map(|d| d.to_string()).unwrap_or_default();
    let comment = format!("{what}. {}.", dataset_name());
    object([
        ("comment", comment.as_str()),
        ("version", version()),
        ("news_up_to", news.as_str()),
        ("licence", LICENCE),
        ("licence_url", LICENCE_URL),
    ])
}

/// `{"dataset": ..., <fields> "<key>": [one item per line]}`.
fn document(about: String, fields: &str, key: &str, items: Vec<String>) -> String {
    format!("{{\n  \"dataset\": {about},\n{fields}  {}: [\n    {}\n  ]\n}}\n", js(key), items.join(",\n    "))
}

pub fn events_json(rows: &[EventRow]) -> String {
    let events = rows.iter().map(|r| object(EVENT_COLUMNS.iter().copied().zip(r.cells()))).collect();
    document(about(format!("Stance Atlas: every event ({} rows)", rows.len())), "", "events", events)
}

/// How far apart the dates of the country-by-date table are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Month,
    Quarter,
    Year,
}

impl Interval {
    pub const ALL: [Interval; 3] = [Interval::Month, Interval::Quarter, Interval::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Month => "month",
            Interval::Quarter => "quarter",
            Interval::Year => "year",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Interval::Month => "Monthly",
            Interval::Quarter => "Quarterly",
            Interval::Year => "Yearly",
        }
    }

    pub fn parse(s: &str) -> Option<Interval> {
        Interval::ALL.into_iter().find(|i| i.as_str() == s)
    }

    fn months(self) -> i32 {
        match self {
            Interval::Month => 1,
            Interval::Quarter => 3,
            Interval::Year => 12,
        }
    }
}

/// The table's dates: the first day of each interval from the slider's first
/// day, then the slider's last day.
pub fn sample_dates(interval: Interval) -> Vec<Date> {
    let (first, last) = (logic::first_day(), logic::last_day());
    let mut dates: Vec<Date> =
        (0..).map(|i| first.add_months(i * interval.months())).take_while(|d| *d <= last).collect();
    if dates.last() != Some(&last) {
        dates.push(last);
    }
    dates
}

/// A table cell: the stance key, `previous:` before a previous government's.
pub fn cell(state: &TileState) -> String {
    if state.is_previous() {
        format!("previous:{}", state.stance)
    } else {
        state.stance.to_string()
    }
}

/// Every country (not Venezuela, the subject) with its stance on each date.
pub struct Matrix {
    pub interval: Interval,
    pub dates: Vec<Date>,
    /// One row per country in name order: alpha-2 code and one cell per date.
    pub rows: Vec<(&'static str, Vec<String>)>,
}

pub fn matrix(ds: &Dataset, interval: Interval) -> Matrix {
    let dates = sample_dates(interval);
    let by_date: Vec<Vec<TileState>> = dates.iter().map(|d| logic::tile_states(ds, *d)).collect();
    let rows = logic::NAME_ORDER
        .iter()
        .map(|&i| usize::from(i))
        .filter(|&i| TILES[i].code != SUBJECT)
        .map(|i| (TILES[i].code, by_date.iter().map(|states| cell(&states[i])).collect()))
        .collect();
    Matrix { interval, dates, rows }
}

fn matrix_what(m: &Matrix) -> String {
    format!(
        "Stance Atlas: each country's stance on the first day of each {} and on the last day; \
         previous: marks a previous government's stance that still stands",
        m.interval.as_str()
    )
}

pub fn matrix_csv(m: &Matrix) -> String {
    let mut out = csv_comment(&matrix_what(m));
    let dates: Vec<String> = m.dates.iter().map(Date::to_string).collect();
    csv_line(&mut out, ["name", "iso2", "iso3"].into_iter().chain(dates.iter().map(String::as_str)));
    for (code, cells) in &m.rows {
        csv_line(
            &mut out,
            [logic::actor_name(code), code, alpha3(code)].into_iter().chain(cells.iter().map(String::as_str)),
        );
    }
    out
}

pub fn matrix_json(m: &Matrix) -> String {
    let countries = m
        .rows
        .iter()
        .map(|(code, cells)| {
            let head = object([("name", logic::actor_name(code)), ("iso2", code), ("iso3", alpha3(code))]);
            format!("{}, \"stances\": {}}}", &head[..head.len() - 1], array(cells.iter().map(String::as_str)))
        })
        .collect();
    let dates: Vec<String> = m.dates.iter().map(Date::to_string).collect();
    let fields = format!(
        "  \"interval\": {},\n  \"dates\": {},\n",
        js(m.interval.as_str()),
        array(dates.iter().map(String::as_str))
    );
    document(about(matrix_what(m)), &fields, "countries", countries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Dataset {
        let (_, file) = Dataset::from_json(include_str!("../data/dataset.json")).unwrap().without_evidence();
        logic::join_evidence(logic::dataset().unwrap(), &file.to_json()).unwrap()
    }

    #[test]
    fn every_event_is_a_row_with_its_codes_government_and_article() {
        let ds = full();
        let rows = event_rows(&ds);
        assert_eq!(rows.len(), ds.events.len());
        let us = rows.iter().find(|r| r.actor == "US" && r.date.as_str() >= "2019-01-23").unwrap();
        assert_eq!((us.iso2.as_str(), us.iso3.as_str(), us.name.as_str()), ("US", "USA", "United States"));
        assert_eq!(us.government, "Donald Trump");
        assert!(rows.iter().all(|r| !r.quote.is_empty() && !r.article_date.is_empty()));
        let org = rows.iter().find(|r| r.actor == "OAS").unwrap();
        assert_eq!((org.iso2.as_str(), org.iso3.as_str()), ("", ""));
        assert!(rows.windows(2).all(|w| (&w[0].actor, &w[0].date) <= (&w[1].actor, &w[1].date)));
    }

    #[test]
    fn no_file_name_where_a_title_or_an_outlet_is_known() {
        let ds = full();
        for r in event_rows(&ds) {
            let a = ds.articles.iter().find(|a| a.title.as_deref() == Some(&r.title) || a.file == r.title);
            if let Some(a) = a.filter(|a| a.file == r.title) {
                assert!(a.title.is_none() && a.outlet.is_none(), "{} leaks {}", r.actor, a.file);
            }
            assert!(!r.title.ends_with(".txt") || r.outlet.is_empty(), "{}", r.title);
        }
    }

    #[test]
    fn the_csv_names_the_version_and_neutralises_formulas() {
        let row = EventRow {
            date: "2019-01-23".into(),
            actor: "US".into(),
            name: "United States".into(),
            iso2: "US".into(),
            iso3: "USA".into(),
            stance: "opposition".into(),
            kind: "recognition".into(),
            government: "Donald Trump".into(),
            quote: "=HYPERLINK(\"x\")".into(),
            outlet: "@Outlet".into(),
            title: "Title, with a comma".into(),
            url: "https://example.com/a".into(),
            article_date: "2019-01-24".into(),
            confidence: "0.93".into(),
        };
        let csv = events_csv(&[row]);
        let mut lines = csv.lines();
        let comment = lines.next().unwrap();
        assert!(comment.starts_with("# Stance Atlas: every event (1 rows). Stance Atlas dataset; version "));
        assert!(comment.contains(version()) && comment.contains("CC BY 4.0") && !comment.contains(','));
        assert_eq!(lines.next().unwrap(), EVENT_COLUMNS.join(","));
        assert_eq!(
            lines.next().unwrap(),
            "2019-01-23,US,United States,US,USA,opposition,recognition,Donald Trump,\"'=HYPERLINK(\"\"x\"\")\",'@Outlet,\"Title, with a comma\",https://example.com/a,2019-01-24,0.93"
        );
    }

    #[test]
    fn the_json_holds_every_event_under_the_dataset_version() {
        let ds = full();
        let doc: serde_json::Value = serde_json::from_str(&events_json(&event_rows(&ds))).unwrap();
        assert_eq!(doc["dataset"]["version"], version());
        assert_eq!(doc["events"].as_array().unwrap().len(), ds.events.len());
        assert_eq!(doc["events"][0].as_object().unwrap().len(), EVENT_COLUMNS.len());
    }

    #[test]
    fn json_strings_escape_what_json_requires() {
        for s in ["plain", "quote \" and \\ backslash", "line\nbreak\r\ttab", "\u{1}\u{1f}", "Perú “comillas”"] {
            assert_eq!(serde_json::from_str::<String>(&js(s)).unwrap(), s, "{s:?}");
        }
    }

    #[test]
    fn the_one_day_export_is_still_valid_json() {
        let ds = full();
        let d: Date = "2019-01-24".parse().unwrap();
        let rows = logic::export_rows(&ds, d);
        let doc: serde_json::Value = serde_json::from_str(&logic::to_json(d, &rows)).unwrap();
        assert_eq!(doc["date"], "2019-01-24");
        assert_eq!(doc["countries"].as_array().unwrap().len(), rows.len());
        assert_eq!(doc["countries"][0]["quote"], rows[0].quote.as_str());
    }

    #[test]
    fn the_country_table_has_a_cell_per_country_and_date() {
        let ds = logic::dataset().unwrap();
        let m = matrix(ds, Interval::Year);
        assert_eq!(m.dates.first(), Some(&logic::first_day()));
        assert_eq!(m.dates.last(), Some(&logic::last_day()));
        assert!(m.dates.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(m.rows.len(), TILES.len() - 1);
        let names: Vec<&str> = m.rows.iter().map(|(c, _)| logic::actor_name(c)).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "in the order of names");
        assert!(m.rows.iter().all(|(_, cells)| cells.len() == m.dates.len()));
        let us = &m.rows.iter().find(|(c, _)| *c == "US").unwrap().1;
        assert_eq!(us[1], "opposition", "the US on 1 January 2020");
        assert!(m.rows.iter().any(|(_, cells)| cells.iter().any(|c| c.starts_with("previous:"))));
        let csv = matrix_csv(&m);
        let header = csv.lines().nth(1).unwrap();
        assert!(header.starts_with("name,iso2,iso3,2019-01-01,2020-01-01,"), "{header}");
        assert_eq!(csv.lines().count(), 2 + m.rows.len());
        let monthly = sample_dates(Interval::Month);
        assert_eq!(monthly[1], "2019-02-01".parse().unwrap());
        let doc: serde_json::Value = serde_json::from_str(&matrix_json(&matrix(ds, Interval::Quarter))).unwrap();
        assert_eq!(doc["countries"].as_array().unwrap().len(), TILES.len() - 1);
        assert_eq!(doc["dates"][1], "2019-04-01");
        assert_eq!(Interval::parse("quarter"), Some(Interval::Quarter));
        assert_eq!(Interval::parse("<x>"), None);
    }
}
