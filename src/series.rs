//! Counts over time, as plain logic tested natively: the number of countries
//! per stance and per recognition on every day the map can change, their
//! peaks, the headline of a date, the day the first view opens on, and
//! Play's steps.
//!
//! A tile's state changes only on its own event days, on the first and last
//! days of its governments' terms and on the claims' bounds, so each tile is
//! evaluated there alone (a few thousand model queries in all, not one per
//! day per tile), and the counts are swept from those steps.

use crate::logic::{self, Fixed, TileState, SUBJECT, TILES};
use crate::recognition::{self, captions, claims, Layer, RecCounts};
use atlas_model::{Claimant, Dataset, Date, Stance};
use std::sync::OnceLock;

/// The counts from one day until the next point's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    pub date: Date,
    pub stance: logic::Counts,
    pub rec: RecCounts,
}

/// One line of the chart: a stance or a claimant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    Stance(Stance),
    Recognised(Claimant),
}

impl Series {
    /// The lines drawn for a layer, in legend order.
    pub fn of_layer(layer: Layer) -> Vec<Series> {
        match layer {
            Layer::Stance => Stance::ALL.into_iter().map(Series::Stance).collect(),
            Layer::Recognition => Claimant::ALL.into_iter().map(Series::Recognised).collect(),
        }
    }

    /// The `data-series` hook: the stance's or the claimant's key.
    pub fn key(self) -> &'static str {
        match self {
            Series::Stance(s) => s.as_str(),
            Series::Recognised(c) => c.as_str(),
        }
    }

    /// Words for the table's header and the summary.
    pub fn label(self) -> String {
        match self {
            Series::Stance(s) => s.label().to_string(),
            Series::Recognised(c) => recognition::recognition_label(c.as_str()),
        }
    }

    /// The value of this series at a point (current governments only).
    pub fn value(self, p: &Point) -> usize {
        match self {
            Series::Stance(s) => p.stance.of(Some(s)),
            Series::Recognised(c) => p.rec.of(Some(c)),
        }
    }
}

/// The days on which `code`'s tile can change, within the slider's range.
fn tile_change_days(ds: &Dataset, code: &str) -> Vec<Date> {
    let (first, last) = (logic::first_day(), logic::last_day());
    let mut days = vec![first];
    days.extend(ds.history(code).map(|e| e.date));
    for g in ds.governments_of(code) {
        days.push(g.from);
        days.extend(g.to);
    }
    for c in claims() {
        days.push(c.from);
        days.extend(c.to);
    }
    days.retain(|d| *d >= first && *d <= last);
    days.sort_unstable();
    days.dedup();
    days
}

/// The counts on every day one of them can change, oldest first.
pub fn compute(ds: &Dataset) -> Vec<Point> {
    let steps: Vec<Vec<(Date, TileState)>> = TILES
        .iter()
        .filter(|t| t.code != SUBJECT)
        .map(|t| {
            let days = tile_change_days(ds, t.code);
            days.into_iter().map(|d| (d, logic::tile_state_in(ds, t.code, d, Layer::Recognition))).collect()
        })
        .collect();
    let mut days: Vec<Date> = steps.iter().flatten().map(|(d, _)| *d).collect();
    days.sort_unstable();
    days.dedup();
    let mut at = vec![0usize; steps.len()];
    let mut points: Vec<Point> = Vec::with_capacity(days.len());
    for day in days {
        let (mut stance, mut rec) = (logic::Counts::default(), RecCounts::default());
        for (tile, i) in steps.iter().zip(at.iter_mut()) {
            while *i + 1 < tile.len() && tile[*i + 1].0 <= day {
                *i += 1;
            }
            stance.add(&tile[*i].1);
            rec.add(&tile[*i].1.rec);
        }
        // Keep only the days on which some count changes.
        if points.last().is_none_or(|p| p.stance != stance || p.rec != rec) {
            points.push(Point { date: day, stance, rec });
        }
    }
    points
}

/// The embedded dataset's series, computed once.
pub fn series(ds: &Dataset) -> &'static [Point] {
    static SERIES: OnceLock<Vec<Point>> = OnceLock::new();
    SERIES.get_or_init(|| compute(ds))
}

/// The point in force on `date` (the latest on or before it).
pub fn point_at(points: &[Point], date: Date) -> Option<&Point> {
    points[..points.partition_point(|p| p.date <= date)].last()
}

/// A series' highest count and the first day it was reached.
pub fn peak(points: &[Point], s: Series) -> Option<(Date, usize)> {
    points.iter().map(|p| (p.date, s.value(p))).filter(|(_, v)| *v > 0).fold(None, |best, (d, v)| match best {
        Some((_, b)) if b >= v => best,
        _ => Some((d, v)),
    })
}

/// The day with the most formal recognitions in force (of anyone), first
/// reached: the moment the first view opens on.
pub fn recognition_peak(points: &[Point]) -> Option<(Date, usize)> {
    points.iter().map(|p| (p.date, p.rec.guaido + p.rec.gonzalez + p.rec.maduro)).fold(
        None,
        |best, (d, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((d, v)),
        },
    )
}

/// "54 governments": a count with its noun.
fn governments(n: usize) -> String {
    format!("{n} {}", if n == 1 { "government" } else { "governments" })
}

/// The one-line headline of the view: what the map shows on `date` in `layer`,
/// and whether the day is the record one for formal recognitions.
pub fn headline(points: &[Point], date: Date, layer: Layer) -> String {
    let Some(p) = point_at(points, date) else { return String::new() };
    let day = logic::long_date(date);
    let record = recognition_peak(points).filter(|(d, _)| point_at(points, date).map(|p| p.date) == Some(*d));
    let recs: Vec<String> = Claimant::ALL
        .into_iter()
        .filter(|c| p.rec.of(Some(*c)) > 0)
        .enumerate()
        .map(|(i, c)| {
            let n = p.rec.of(Some(c));
            let who = match (i, n) {
                (0, 1) => "1 government recognises".to_string(),
                (0, n) => format!("{n} governments recognise"),
                (_, n) => n.to_string(),
            };
            format!("{who} {}", recognition::claim_label(c))
        })
        .collect();
    let recs =
        if recs.is_empty() { "no government has a formal recognition in force".to_string() } else { join(&recs) };
    match (layer, record) {
        // The record day explains itself, whichever layer is on.
        (_, Some(_)) => format!("{day}, the day with the most formal recognitions: {recs}."),
        (Layer::Recognition, None) => format!("{day}: {recs}."),
        (Layer::Stance, None) => {
            let s = &p.stance;
            format!(
                "{day}: {} back the opposition, {} the chavista government, {} {} neutral.",
                governments(s.opposition),
                s.government,
                s.neutral,
                if s.neutral == 1 { "is" } else { "are" }
            )
        }
    }
}

/// "a, b and c".
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Where Play goes from `date`: the next event day at least `min_days`
/// later, or an earlier key date (captions) that lies before it, so every
/// caption is shown; `None` at the end.
pub fn play_step(event_days: &[Date], date: Date, min_days: i32) -> Option<Date> {
    // Within a week of the end, the last event day: Play always ends on
    // the map's last state, never a few days short of it.
    let next_event = crate::logic::next_event(event_days, date.add_days(min_days - 1))
        .or_else(|| event_days.iter().copied().filter(|d| *d > date && *d <= logic::last_day()).max());
    let next_key = captions().iter().map(|c| c.date).find(|d| *d > date && *d <= logic::last_day());
    match (next_event, next_key) {
        (Some(e), Some(k)) => Some(e.min(k)),
        (e, k) => e.or(k),
    }
}

/// The chart's scale: the smallest multiple of 10 at or above every value
/// of `lines` with a little headroom for the peak labels.
pub fn scale_max(points: &[Point], lines: &[Series]) -> usize {
    let top = points.iter().flat_map(|p| lines.iter().map(move |s| s.value(p))).max().unwrap_or(0);
    (top * 6 / 5).div_ceil(10).max(1) * 10
}

/// Horizontal position of `date` in the chart's 0..1000 box, the same
/// fraction of the width as the slider's thumb.
pub fn x_of(date: Date) -> f64 {
    f64::from(logic::day_index(date)) * 1000.0 / f64::from(logic::day_index(logic::last_day()).max(1))
}

/// Vertical position of a count in the chart's 0..100 box (0 at the top).
pub fn y_of(value: usize, max: usize) -> f64 {
    100.0 - value as f64 * 100.0 / max.max(1) as f64
}

/// The SVG path of one series as steps: a count holds until the next change.
pub fn step_path(points: &[Point], s: Series, max: usize) -> String {
    use std::fmt::Write;
    let mut d = String::with_capacity(points.len() * 16);
    for (i, p) in points.iter().enumerate() {
        let (x, y) = (Fixed(x_of(p.date), 1), Fixed(y_of(s.value(p), max), 1));
        let _ = if i == 0 { write!(d, "M{x},{y}") } else { write!(d, "H{x}V{y}") };
    }
    if !points.is_empty() {
        d.push_str("H1000");
    }
    d
}

/// The date at a fraction (0..1) of the chart's width.
pub fn date_at_fraction(f: f64) -> Date {
    let max = f64::from(logic::day_index(logic::last_day()));
    logic::date_at((f.clamp(0.0, 1.0) * max).round() as i32)
}

/// A short name for a series, for its peak label.
pub fn short_name(s: Series) -> &'static str {
    match s {
        Series::Stance(Stance::Opposition) => "Opposition",
        Series::Stance(Stance::Government) => "Chavista government",
        Series::Stance(Stance::Neutral) => "Neutral",
        Series::Recognised(Claimant::Guaido) => "Guaidó",
        Series::Recognised(Claimant::Gonzalez) => "González Urrutia",
        Series::Recognised(Claimant::Maduro) => "Maduro",
    }
}

/// "4 Feb 2019".
pub fn short_date(d: Date) -> String {
    format!("{} {}", d.day(), logic::short_month(d))
}

/// The chart's drawing as markup, parsed by the page in one step: the
/// lines (steps) of `layer`'s series, the scale's top value and each
/// series' peak label. Only text the code writes goes in, escaped.
pub fn chart_markup(points: &[Point], layer: Layer) -> String {
    use std::fmt::Write;
    let lines = Series::of_layer(layer);
    let max = scale_max(points, &lines);
    let mut out = String::from(
        "<svg viewBox=\"0 0 1000 100\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">\
         <line class=\"grid\" x1=\"0\" x2=\"1000\" y1=\"50\" y2=\"50\"></line>",
    );
    for s in &lines {
        let _ = write!(
            out,
            "<path class=\"line\" data-series=\"{}\" d=\"{}\"></path>",
            s.key(),
            step_path(points, *s, max)
        );
    }
    let _ = write!(out, "</svg><div class=\"chart-labels\" aria-hidden=\"true\"><span class=\"axis-max\">{max}</span>");
    // Labels near each other in both directions are lifted a row apart.
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for s in lines {
        let Some((d, n)) = peak(points, s) else { continue };
        let x = x_of(d) / 10.0;
        let mut y = y_of(n, max);
        while placed.iter().any(|(px, py)| (px - x).abs() < 30.0 && (py - y).abs() < 16.0) {
            y -= 16.0;
        }
        placed.push((x, y));
        let anchor = if x < 20.0 {
            " start"
        } else if x > 80.0 {
            " end"
        } else {
            ""
        };
        let text = logic::escape_html(&format!("{} {n} · {}", short_name(s), short_date(d)));
        let _ = write!(
            out,
            "<span class=\"peak{anchor}\" data-series=\"{}\" style=\"left:{}%;top:{}%\">{text}</span>",
            s.key(),
            Fixed(x, 2),
            Fixed(y, 2)
        );
    }
    out.push_str("</div>");
    out
}

/// The counts as a table's markup, one row per day a count changes.
pub fn table_markup(points: &[Point], layer: Layer) -> String {
    use std::fmt::Write;
    let lines = Series::of_layer(layer);
    let mut out = String::from(
        "<table class=\"counts-table\"><caption>Countries per series from each date on which a count changes</caption>\
         <thead><tr><th scope=\"col\">From</th>",
    );
    for s in &lines {
        let _ = write!(out, "<th scope=\"col\">{}</th>", logic::escape_html(&s.label()));
    }
    out.push_str("</tr></thead><tbody>");
    for p in points {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", logic::long_date(p.date));
        for s in &lines {
            let _ = write!(out, "<td>{}</td>", s.value(p));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::dataset;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_series_agrees_with_the_map_on_any_day() {
        let ds = dataset().unwrap();
        let points = series(ds);
        assert!(points.len() > 20 && points.windows(2).all(|w| w[0].date < w[1].date));
        let mut day = logic::first_day();
        while day <= logic::last_day() {
            let states = logic::tile_states_in(ds, day, Layer::Recognition);
            let p = point_at(points, day).unwrap();
            assert_eq!(p.stance, logic::count_states(&states), "stance counts on {day}");
            assert_eq!(p.rec, recognition::count_recognition(&states), "recognition counts on {day}");
            day = day.add_days(13);
        }
    }

    #[test]
    fn the_peaks_are_the_first_days_of_the_highest_counts() {
        let ds = dataset().unwrap();
        let points = series(ds);
        let (day, n) = peak(points, Series::Recognised(Claimant::Guaido)).unwrap();
        assert!(day >= d("2019-01-23") && day < d("2023-01-05") && n > 20, "{day} {n}");
        assert!(points.iter().all(|p| p.rec.guaido <= n));
        assert!(points.iter().filter(|p| p.date < day).all(|p| p.rec.guaido < n), "the first day of the peak");
        let (g, _) = peak(points, Series::Recognised(Claimant::Gonzalez)).unwrap();
        assert!(g >= d("2024-07-28"));
        assert_eq!(peak(&[], Series::Stance(Stance::Neutral)), None);
    }

    #[test]
    fn the_headline_names_the_record_day_and_what_the_map_shows() {
        let ds = dataset().unwrap();
        let points = series(ds);
        let (day, n) = recognition_peak(points).unwrap();
        let h = headline(points, day, Layer::Recognition);
        assert!(
            h.starts_with(&format!("{}, the day with the most formal recognitions: ", logic::long_date(day))),
            "{h}"
        );
        assert!(h.contains("recognise Guaidó as interim president"), "{h}");
        assert!(n > 20);
        assert_eq!(headline(points, day, Layer::Stance), h, "the record day says so in either layer");
        let later = headline(points, d("2023-06-01"), Layer::Stance);
        assert!(!later.contains("most formal") && later.contains(" back the opposition, "), "{later}");
        assert_eq!(join(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }

    #[test]
    fn the_chart_draws_steps_on_the_sliders_scale() {
        let ds = dataset().unwrap();
        let points = series(ds);
        let lines = Series::of_layer(Layer::Stance);
        let max = scale_max(points, &lines);
        assert!(max.is_multiple_of(10) && points.iter().all(|p| lines.iter().all(|s| s.value(p) < max)));
        let path = step_path(points, Series::Stance(Stance::Opposition), max);
        assert!(path.starts_with("M0.0,100.0") && path.ends_with("H1000"), "{path}");
        assert_eq!(x_of(logic::last_day()), 1000.0);
        assert_eq!(date_at_fraction(0.0), logic::first_day());
        assert_eq!(date_at_fraction(2.0), logic::last_day());
        assert_eq!(x_of(date_at_fraction(0.5)).round(), 500.0);
    }

    #[test]
    fn the_chart_and_its_table_are_markup_with_a_label_per_peak() {
        let ds = dataset().unwrap();
        let points = series(ds);
        let svg = chart_markup(points, Layer::Recognition);
        assert_eq!(svg.matches("<path class=\"line\"").count(), 3);
        let (d, n) = peak(points, Series::Recognised(Claimant::Guaido)).unwrap();
        assert!(svg.contains(&format!(">Guaidó {n} · {}</span>", short_date(d))), "{svg}");
        let table = table_markup(points, Layer::Stance);
        assert_eq!(table.matches("<tr><th scope=\"row\">").count(), points.len());
        assert!(table.contains("<th scope=\"col\">Backs the opposition</th>"));
    }

    #[test]
    fn play_stops_on_every_key_date_and_moves_at_least_a_week_otherwise() {
        let ds = dataset().unwrap();
        let days = logic::event_days(ds);
        let mut date = logic::first_day();
        let mut seen = Vec::new();
        let mut steps = 0;
        while let Some(next) = play_step(days, date, 7) {
            assert!(next > date);
            if !captions().iter().any(|c| c.date == next) {
                assert!(next.to_days() - date.to_days() >= 7 || days.contains(&next), "{date} -> {next}");
            }
            seen.push(next);
            date = next;
            steps += 1;
        }
        for c in captions() {
            assert!(seen.contains(&c.date), "Play stops on {}", c.date);
        }
        assert!(steps < 90, "{steps} steps");
        assert_eq!(date, *days.iter().filter(|d| **d <= logic::last_day()).max().unwrap());
    }
}
