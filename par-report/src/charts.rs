//! Charts as SVG, drawn once here for every binding, in the chosen language:
//! - `ranking`: each block's units as bars of their index, best first, coloured by band, with the
//!   block's mean as a dashed line;
//! - `components`: each unit's points stacked by component (appraisal, survey…);
//! - `heatmap`: units × fields, each cell the unit's index on the field, red to green;
//! - `changes`: each unit's index last time and now, joined, with its move in rank.
//!
//! A chart is as tall as its units need — one row per unit, at a fixed height — so 100 units or
//! more never overlap; long names are shortened, and every mark has a `<title>` with the whole
//! text (a tooltip, and what a screen reader says). The chart itself has a title and a
//! description (`role="img"`, `aria-labelledby`).
//!
//! Positions are computed in decimals, like every figure, and written with one decimal: the same
//! results give the same bytes on every platform.

use crate::tables::{component_name, component_names, fields};
use par_core::compare::Comparison;
use par_core::text::{Label, ReportText, ScoringMsg};
use par_core::{ErrorCode, Lang, ParError, Results, TreeEntry, UnitResult};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write;

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Ranking,
    Components,
    Heatmap,
    Changes,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Ranking,
        ChartKind::Components,
        ChartKind::Heatmap,
        ChartKind::Changes,
    ];

    pub fn parse(name: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Ranking => "ranking",
            ChartKind::Components => "components",
            ChartKind::Heatmap => "heatmap",
            ChartKind::Changes => "changes",
        }
    }
}

/// A chart of `results` as SVG text; `changes` needs the comparison with the previous ranking.
pub fn chart(
    kind: ChartKind,
    results: &Results,
    comparison: Option<&Comparison>,
    lang: Lang,
) -> Result<String, ParError> {
    let methodology = results.methodology.name.clone();
    Ok(match kind {
        ChartKind::Ranking => ranking(results, lang, methodology),
        ChartKind::Components => {
            par_core::limits::CHART_CELLS.check(components_cells(results))?;
            components(results, lang, methodology)
        }
        ChartKind::Heatmap => {
            par_core::limits::CHART_CELLS.check(heatmap_cells(results))?;
            heatmap(results, lang, methodology)
        }
        ChartKind::Changes => match comparison {
            Some(c) => changes(c, lang, methodology),
            None => return Err(previous_missing()),
        },
    })
}

/// Changes asked for without the previous ranking to compare with.
pub(crate) fn previous_missing() -> ParError {
    ParError::new(ErrorCode::MissingField, ScoringMsg::PreviousRequired)
}

// --- Layout ------------------------------------------------------------------------------------

const WIDTH: i64 = 960;
const MARGIN: i64 = 16;
const ROW: i64 = 20;
const BAR: i64 = 14;
/// Pixels per character of the 12 px labels, to size the column of names.
const CHAR: i64 = 7;
/// Characters of a unit's name shown before it is shortened.
const NAME_CHARS: usize = 36;
/// Characters of a name a heat map's cell or column heading repeats in its tooltip: the whole
/// of any real name, and the heat map stays a small multiple of its input where names are
/// megabytes (one unit's tooltips are as many as the fields). The names are given whole once,
/// by the unit's label and in the list of fields under the map.
const TOOLTIP_NAME_CHARS: usize = 120;
const FONT: &str = "Noto Sans, Arial, sans-serif";

/// Band colours from the highest band down (green to red: the fifth band and below are red);
/// units below every band are grey.
const BAND_COLOURS: [&str; 5] = ["#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027"];
const NO_BAND: &str = "#bdbdbd";
/// Bonus points, after a unit's components.
const BONUS: &str = "#969696";
const ONE_COLOUR: &str = "#4575b4";
/// Components, in the order first met.
const COMPONENT_COLOURS: [&str; 8] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f",
];

/// An SVG document being drawn, with its height growing as rows are added.
struct Svg {
    body: String,
    height: i64,
}

impl Svg {
    fn new() -> Svg {
        Svg {
            body: String::new(),
            height: MARGIN,
        }
    }

    fn text(&mut self, x: Decimal, y: i64, anchor: &str, style: &str, text: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{y}" text-anchor="{anchor}"{style}>{}</text>"#,
            px(x),
            escape(text)
        );
    }

    /// `text` from `x` in lines of at most `chars` characters, each `leading` px below the last
    /// (SVG text does not wrap: a decision's long title would run off the chart); the height
    /// ends at the last line's baseline.
    fn text_lines(&mut self, x: i64, style: &str, text: &str, chars: usize, leading: i64) {
        for (i, line) in wrapped(text, chars).iter().enumerate() {
            if i > 0 {
                self.height += leading;
            }
            self.text(d(x), self.height, "start", style, line);
        }
    }

    /// A rectangle with a tooltip.
    fn bar(&mut self, x: Decimal, y: i64, width: Decimal, colour: &str, title: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{y}" width="{}" height="{BAR}" fill="{colour}"><title>{}</title></rect>"#,
            px(x),
            px(width.max(Decimal::ZERO)),
            escape(title)
        );
    }

    /// The end of a bar washed out by penalty points, outlined in red, with a tooltip.
    fn penalty(&mut self, x: Decimal, y: i64, width: Decimal, title: &str) {
        let _ = writeln!(
            self.body,
            r##"<rect x="{}" y="{y}" width="{}" height="{BAR}" fill="#ffffff" fill-opacity="0.7" stroke="#d73027"><title>{}</title></rect>"##,
            px(x),
            px(width.max(Decimal::ZERO)),
            escape(title)
        );
    }

    fn line(&mut self, from: (Decimal, i64), to: (Decimal, i64), style: &str) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {style}/>"#,
            px(from.0),
            from.1,
            px(to.0),
            to.1
        );
    }

    /// The finished document: title and description first, for screen readers.
    fn finish(self, title: &str, description: &str) -> String {
        let height = self.height + MARGIN;
        let mut out = String::new();
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title chart-desc" font-family="{FONT}" font-size="12">"#
        );
        let _ = writeln!(out, r#"<title id="chart-title">{}</title>"#, escape(title));
        let _ = writeln!(
            out,
            r#"<desc id="chart-desc">{}</desc>"#,
            escape(description)
        );
        let _ = writeln!(
            out,
            r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// The chart's title, on as many lines as it takes.
fn heading(svg: &mut Svg, title: &str) {
    /// Characters of the 16 px bold title on a line of the chart's width.
    const TITLE_CHARS: usize = 90;
    svg.height += 18;
    let style = r#" font-size="16" font-weight="bold""#;
    svg.text_lines(MARGIN, style, title, TITLE_CHARS, 20);
    svg.height += 14;
}

/// Characters of a 12 px line of text across the chart.
const LINE_CHARS: usize = 120;

/// `text` in lines of at most `chars` characters, cut at spaces (a word longer than a line is cut
/// where the line ends; white space between words is one space).
fn wrapped(text: &str, chars: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut width = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if width > 0 && width + 1 + length > chars {
            lines.push(String::new());
            width = 0;
        }
        let mut line = lines.pop().unwrap_or_default();
        if width > 0 {
            line.push(' ');
            width += 1;
        }
        for c in word.chars() {
            if width == chars {
                lines.push(std::mem::take(&mut line));
                width = 0;
            }
            line.push(c);
            width += 1;
        }
        lines.push(line);
    }
    lines
}

/// A scale from values to x: `left` is 0, `left + span` is `top`.
struct Scale {
    left: Decimal,
    span: Decimal,
    top: Decimal,
}

impl Scale {
    fn x(&self, value: Decimal) -> Decimal {
        if self.top <= Decimal::ZERO {
            return self.left;
        }
        // The share first: it is at most 1, so no product can overflow.
        self.left + self.span * (value.max(Decimal::ZERO).min(self.top) / self.top)
    }

    /// Tick marks and grid lines at `step`, labelled, from `y` down to `bottom`.
    fn grid(&self, svg: &mut Svg, y: i64, bottom: i64, step: Decimal, lang: Lang) {
        let mut value = Some(Decimal::ZERO);
        while let Some(v) = value.filter(|v| *v <= self.top) {
            let x = self.x(v);
            svg.line((x, y + 4), (x, bottom), r##"stroke="#e0e0e0""##);
            svg.text(x, y, "middle", r##" fill="#616161""##, &lang.exact(v));
            value = v.checked_add(step);
        }
    }
}

/// The column of names: wide enough for the longest shown name, and the rank before it.
fn names_width(units: &[&UnitResult]) -> i64 {
    let longest = units
        .iter()
        .map(|u| u.unit.chars().count().min(NAME_CHARS))
        .max()
        .unwrap_or(0);
    (longest as i64 + 5) * CHAR
}

/// A long name with its middle left out: the start says what kind of unit it is (`Ủy ban nhân
/// dân huyện`, `Sở`), the end which one.
fn shortened(name: &str) -> String {
    shortened_to(name, NAME_CHARS)
}

/// [`shortened`] to at most `most` characters.
fn shortened_to(name: &str, most: usize) -> String {
    if name.len() <= most {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= most {
        return name.to_string();
    }
    let head = (most - 1) / 2;
    let tail = most - 1 - head;
    let start: String = chars[..head].iter().collect();
    let end: String = chars[chars.len() - tail..].iter().collect();
    format!("{}…{}", start.trim_end(), end.trim_start())
}

/// The units of each block, in the results' order (rank, then name), with the block's name.
fn blocks(results: &Results) -> Vec<(Option<String>, Vec<&UnitResult>)> {
    results
        .blocks
        .iter()
        .map(|b| {
            let name = b.name.clone().or_else(|| b.block.clone());
            let units = results
                .units
                .iter()
                .filter(|u| u.block == b.block)
                .collect();
            (name, units)
        })
        .collect()
}

fn block_heading(svg: &mut Svg, name: Option<&str>, units: usize, lang: Lang) {
    if let Some(block) = name {
        svg.height += 22;
        let line = ReportText::BlockHeading {
            block: block.to_string(),
            units,
        }
        .render(lang);
        svg.text_lines(MARGIN, r#" font-weight="bold""#, &line, LINE_CHARS, 16);
        svg.height += 6;
    }
}

// --- Ranking -----------------------------------------------------------------------------------

fn ranking(results: &Results, lang: Lang, methodology: String) -> String {
    let mut svg = Svg::new();
    let title = ReportText::RankingChart { methodology }.render(lang);
    heading(&mut svg, &title);
    let all: Vec<&UnitResult> = results.units.iter().collect();
    let names = names_width(&all);
    let top = all
        .iter()
        .map(|u| u.index.0)
        .fold(Decimal::ONE_HUNDRED, Decimal::max);
    let scale = Scale {
        left: d(MARGIN + names),
        span: d(WIDTH - 2 * MARGIN - names - 56),
        top,
    };
    band_legend(&mut svg, results, lang);
    for (statistics, (name, units)) in results.blocks.iter().zip(blocks(results)) {
        block_heading(&mut svg, name.as_deref(), units.len(), lang);
        svg.height += 16;
        let first = svg.height;
        let bottom = first + 4 + ROW * units.len() as i64;
        scale.grid(&mut svg, first, bottom, tick_step(scale.top), lang);
        svg.height += 4;
        let bands: Vec<&String> = statistics.bands.keys().collect();
        for u in &units {
            let colour = band_colour(&bands, u.band.as_deref());
            unit_label(&mut svg, u, names);
            let tooltip = ReportText::UnitBar {
                unit: u.unit.clone(),
                index: lang.decimal_text(&u.index.0.to_string()),
                rank: u.rank,
                band: u.band.clone(),
            }
            .render(lang);
            let y = svg.height + (ROW - BAR) / 2;
            svg.bar(
                scale.left,
                y,
                scale.x(u.index.0) - scale.left,
                colour,
                &tooltip,
            );
            let value = lang.decimal_text(&u.index.0.to_string());
            svg.text(scale.x(u.index.0) + d(4), y + BAR - 3, "start", "", &value);
            svg.height += ROW;
        }
        let mean = scale.x(statistics.mean.0);
        svg.line(
            (mean, first + 4),
            (mean, bottom),
            r##"stroke="#212121" stroke-dasharray="4 3""##,
        );
        let label = ReportText::MeanLine {
            mean: lang.decimal_text(&statistics.mean.0.to_string()),
        }
        .render(lang);
        svg.text(mean, bottom + 14, "middle", r##" fill="#212121""##, &label);
        svg.height = bottom + 18;
    }
    let description = ReportText::RankingDescription {
        units: results.units.len(),
    }
    .render(lang);
    svg.finish(&title, &description)
}

/// The rank and the (shortened) name of a unit, right-aligned before its bar.
fn unit_label(svg: &mut Svg, u: &UnitResult, names: i64) {
    let y = svg.height + ROW - 6;
    svg.text(
        d(MARGIN + 3 * CHAR),
        y,
        "end",
        r##" fill="#616161""##,
        &u.rank.to_string(),
    );
    let name = shortened(&u.unit);
    let _ = writeln!(
        svg.body,
        r#"<text x="{}" y="{y}" text-anchor="end"><title>{}</title>{}</text>"#,
        MARGIN + names - 6,
        escape(&u.unit),
        escape(&name)
    );
}

fn band_colour(bands: &[&String], band: Option<&str>) -> &'static str {
    if bands.is_empty() {
        return ONE_COLOUR;
    }
    match band.and_then(|b| bands.iter().position(|l| *l == b)) {
        Some(i) => BAND_COLOURS[i.min(BAND_COLOURS.len() - 1)],
        None => NO_BAND,
    }
}

/// The bands of the first block that has them, each with its colour, and "no band".
fn band_legend(svg: &mut Svg, results: &Results, lang: Lang) {
    let Some(statistics) = results.blocks.iter().find(|b| !b.bands.is_empty()) else {
        return;
    };
    let bands: Vec<&String> = statistics.bands.keys().collect();
    let entries = bands
        .iter()
        .map(|b| (b.to_string(), band_colour(&bands, Some(b))))
        .chain([(Label::NoBand.render(lang), NO_BAND)]);
    legend(svg, entries);
}

/// A row of coloured squares with their labels.
fn legend(svg: &mut Svg, entries: impl Iterator<Item = (String, &'static str)>) {
    svg.height += 8;
    let mut x = MARGIN;
    for (label, colour) in entries {
        let _ = writeln!(
            svg.body,
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{colour}"/>"#,
            svg.height
        );
        svg.text(d(x + 16), svg.height + 10, "start", "", &label);
        x += 16 + (label.chars().count() as i64 + 3) * CHAR;
    }
    svg.height += 16;
}

// --- Components --------------------------------------------------------------------------------

/// The bars a components chart may draw: each unit's, of each component and each adjustment.
fn components_cells(results: &Results) -> usize {
    let bars = component_names(results).len() + crate::tables::adjustment_codes(results).len();
    results.units.len().saturating_mul(bars)
}

fn components(results: &Results, lang: Lang, methodology: String) -> String {
    let mut svg = Svg::new();
    let title = ReportText::ComponentsChart { methodology }.render(lang);
    heading(&mut svg, &title);
    let names: Vec<String> = component_names(results);
    let colour = |i: usize| COMPONENT_COLOURS[i % COMPONENT_COLOURS.len()];
    // Bonus points extend a unit's bar, penalty points wash out its end: with them the bar
    // reaches the points written after it.
    let adjusted = !crate::tables::adjustment_codes(results).is_empty();
    let adjustments = adjusted.then(|| (Label::Adjustments.render(lang), BONUS));
    legend(
        &mut svg,
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (component_name(n, lang), colour(i)))
            .chain(adjustments),
    );
    let all: Vec<&UnitResult> = results.units.iter().collect();
    let width = names_width(&all);
    let top = all
        .iter()
        .map(|u| u.max.0)
        .fold(Decimal::ZERO, Decimal::max);
    let scale = Scale {
        left: d(MARGIN + width),
        span: d(WIDTH - 2 * MARGIN - width - 56),
        top,
    };
    let step = tick_step(top);
    for (name, units) in blocks(results) {
        block_heading(&mut svg, name.as_deref(), units.len(), lang);
        svg.height += 16;
        let first = svg.height;
        let bottom = first + 4 + ROW * units.len() as i64;
        scale.grid(&mut svg, first, bottom, step, lang);
        svg.height += 4;
        for u in &units {
            unit_label(&mut svg, u, width);
            let y = svg.height + (ROW - BAR) / 2;
            let mut sum = Decimal::ZERO;
            for (i, component) in names.iter().enumerate() {
                let Some(c) = u.components.get(component) else {
                    continue;
                };
                // Its label gives the unit's whole name once; each of its bars, the start and end.
                let tooltip = ReportText::ComponentBar {
                    unit: shortened_to(&u.unit, TOOLTIP_NAME_CHARS),
                    component: component_name(component, lang),
                    points: lang.decimal_text(&c.points.0.to_string()),
                    max: lang.decimal_text(&c.max.0.to_string()),
                }
                .render(lang);
                let x = scale.x(sum);
                sum += c.points.0;
                svg.bar(x, y, scale.x(sum) - x, colour(i), &tooltip);
            }
            let mut reach = scale.x(sum);
            for a in u.nodes.adjustments() {
                let points = a.points().0;
                let tooltip = ReportText::AdjustmentBar {
                    unit: shortened_to(&u.unit, TOOLTIP_NAME_CHARS),
                    code: a.code().to_string(),
                    points: lang.decimal_text(&crate::signed(&points.to_string())),
                }
                .render(lang);
                let (from, to) = (scale.x(sum), scale.x(sum + points));
                if points > Decimal::ZERO {
                    svg.bar(from, y, to - from, BONUS, &tooltip);
                } else if points < Decimal::ZERO {
                    svg.penalty(to, y, from - to, &tooltip);
                }
                sum += points;
                reach = reach.max(to);
            }
            let value = lang.decimal_text(&u.points.0.to_string());
            svg.text(reach + d(4), y + BAR - 3, "start", "", &value);
            svg.height += ROW;
        }
        svg.height = bottom + 4;
    }
    let description = ReportText::ComponentsDescription {
        units: results.units.len(),
        components: names
            .iter()
            .map(|n| component_name(n, lang))
            .collect::<Vec<_>>()
            .join(", "),
    }
    .render(lang);
    svg.finish(&title, &description)
}

/// A round step (1, 2 or 5 times a power of ten) giving at most eight ticks up to `top`.
fn tick_step(top: Decimal) -> Decimal {
    let eight = Decimal::from(8);
    let mut power = Decimal::new(1, 2);
    // Up to 10^26: more than any max the engine accepts.
    for _ in 0..28 {
        for factor in [1, 2, 5] {
            let step = power * Decimal::from(factor);
            if top.checked_div(step).is_some_and(|ticks| ticks <= eight) {
                return step;
            }
        }
        power *= Decimal::TEN;
    }
    top.max(Decimal::ONE)
}

// --- Heat map ----------------------------------------------------------------------------------

/// Width of a heat map's cell.
const CELL: i64 = 56;

/// The cells of a heat map ([`heatmap`]): a unit's on each field, and each block's headings.
fn heatmap_cells(results: &Results) -> usize {
    let rows = results.units.len().saturating_add(results.blocks.len());
    rows.saturating_mul(fields(results).len())
}

fn heatmap(results: &Results, lang: Lang, methodology: String) -> String {
    let mut svg = Svg::new();
    let title = ReportText::HeatmapChart { methodology }.render(lang);
    heading(&mut svg, &title);
    let fields = fields(results);
    let all: Vec<&UnitResult> = results.units.iter().collect();
    let names = names_width(&all);
    gradient_legend(&mut svg);
    for (name, units) in blocks(results) {
        block_heading(&mut svg, name.as_deref(), units.len(), lang);
        svg.height += 18;
        for (i, (_, field)) in fields.iter().enumerate() {
            let x = d(MARGIN + names + CELL * i as i64 + CELL / 2);
            let _ = writeln!(
                svg.body,
                r#"<text x="{}" y="{}" text-anchor="middle" font-weight="bold"><title>{}</title>{}</text>"#,
                px(x),
                svg.height,
                escape(&field_in_tooltip(field)),
                escape(&field.code)
            );
        }
        svg.height += 4;
        for u in &units {
            unit_label(&mut svg, u, names);
            for (i, (at, field)) in fields.iter().enumerate() {
                let x = MARGIN + names + CELL * i as i64;
                let Some(index) = u.nodes.at(*at).and_then(|n| n.index()) else {
                    continue;
                };
                // Half up, as published figures are rounded (not the library's half to even).
                let whole = index
                    .0
                    .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
                let shown = lang.decimal_text(&whole.to_string());
                let tooltip = ReportText::HeatCell {
                    unit: shortened_to(&u.unit, TOOLTIP_NAME_CHARS),
                    field: field_in_tooltip(field),
                    index: lang.decimal_text(&index.0.to_string()),
                }
                .render(lang);
                let _ = writeln!(
                    svg.body,
                    r##"<rect x="{x}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff"><title>{}</title></rect>"##,
                    svg.height + 1,
                    CELL,
                    ROW - 2,
                    heat_colour(index.0),
                    escape(&tooltip)
                );
                svg.text(d(x + CELL / 2), svg.height + ROW - 6, "middle", "", &shown);
            }
            svg.height += ROW;
        }
    }
    // The fields' names, which the column headings give only as codes.
    svg.height += 10;
    for (_, field) in &fields {
        svg.height += 16;
        let line = format!("{} — {}", field.code, field.name);
        svg.text(
            d(MARGIN),
            svg.height,
            "start",
            r##" fill="#424242""##,
            &line,
        );
    }
    let description = ReportText::HeatmapDescription {
        units: results.units.len(),
        fields: fields.len(),
    }
    .render(lang);
    svg.finish(&title, &description)
}

/// A field as a heat map's tooltips name it: its code and its (long names shortened) name.
fn field_in_tooltip(field: &TreeEntry) -> String {
    let name = shortened_to(&field.name, TOOLTIP_NAME_CHARS);
    format!("{} {}", field.code, name)
}

/// Red (0 %) through yellow (50 %) to green (100 %).
fn heat_colour(index: Decimal) -> String {
    const RED: [i64; 3] = [0xd7, 0x30, 0x27];
    const YELLOW: [i64; 3] = [0xfe, 0xe0, 0x8b];
    const GREEN: [i64; 3] = [0x1a, 0x98, 0x50];
    let index = index.max(Decimal::ZERO).min(Decimal::ONE_HUNDRED);
    let fifty = Decimal::from(50);
    let (from, to, t) = match index <= fifty {
        true => (RED, YELLOW, index / fifty),
        false => (YELLOW, GREEN, (index - fifty) / fifty),
    };
    let channel = |i: usize| {
        let v = Decimal::from(from[i]) + Decimal::from(to[i] - from[i]) * t;
        v.round().try_into().unwrap_or(0i64).clamp(0, 255)
    };
    format!("#{:02x}{:02x}{:02x}", channel(0), channel(1), channel(2))
}

fn gradient_legend(svg: &mut Svg) {
    svg.height += 8;
    for step in 0..=10 {
        let index = Decimal::from(step * 10);
        let x = MARGIN + step * 24;
        let _ = writeln!(
            svg.body,
            r#"<rect x="{x}" y="{}" width="24" height="12" fill="{}"/>"#,
            svg.height,
            heat_colour(index)
        );
    }
    for (step, label) in [(0, "0"), (5, "50"), (10, "100 %")] {
        svg.text(
            d(MARGIN + step * 24 + 12),
            svg.height + 26,
            "middle",
            "",
            label,
        );
    }
    svg.height += 30;
}

// --- Changes -----------------------------------------------------------------------------------

fn changes(c: &Comparison, lang: Lang, methodology: String) -> String {
    let mut svg = Svg::new();
    let title = ReportText::ChangesChart { methodology }.render(lang);
    heading(&mut svg, &title);
    legend(
        &mut svg,
        [
            (Label::Previous.render(lang), "#9e9e9e"),
            (Label::Current.render(lang), "#212121"),
        ]
        .into_iter(),
    );
    let longest = c
        .units
        .iter()
        .map(|m| m.unit.chars().count().min(NAME_CHARS))
        .max()
        .unwrap_or(0);
    let names = (longest as i64 + 2) * CHAR;
    let top = c
        .units
        .iter()
        .map(|m| m.previous_index.0.max(m.current_index.0))
        .fold(Decimal::ONE_HUNDRED, Decimal::max);
    let scale = Scale {
        left: d(MARGIN + names),
        span: d(WIDTH - 2 * MARGIN - names - 64),
        top,
    };
    svg.height += 16;
    let first = svg.height;
    let bottom = first + 4 + ROW * c.units.len() as i64;
    scale.grid(&mut svg, first, bottom, tick_step(scale.top), lang);
    svg.height += 4;
    for m in &c.units {
        let y = svg.height + ROW / 2;
        let _ = writeln!(
            svg.body,
            r#"<text x="{}" y="{}" text-anchor="end"><title>{}</title>{}</text>"#,
            MARGIN + names - 6,
            y + 4,
            escape(&m.unit),
            escape(&shortened(&m.unit))
        );
        let (from, to) = (scale.x(m.previous_index.0), scale.x(m.current_index.0));
        let colour = match m.change.0.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => "#1a9850",
            std::cmp::Ordering::Less => "#d73027",
            std::cmp::Ordering::Equal => "#9e9e9e",
        };
        let tooltip = ReportText::MoveLine {
            unit: m.unit.clone(),
            previous: lang.decimal_text(&m.previous_index.0.to_string()),
            current: lang.decimal_text(&m.current_index.0.to_string()),
            rank_before: m.previous_rank,
            rank: m.current_rank,
        }
        .render(lang);
        let _ = writeln!(
            svg.body,
            r##"<g><title>{}</title><line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="3"/><circle cx="{}" cy="{y}" r="4" fill="#ffffff" stroke="#9e9e9e" stroke-width="2"/><circle cx="{}" cy="{y}" r="4" fill="#212121"/></g>"##,
            escape(&tooltip),
            px(from),
            px(to),
            px(from),
            px(to)
        );
        let moved = match m.rank_change.cmp(&0) {
            std::cmp::Ordering::Greater => format!("▲{}", m.rank_change),
            std::cmp::Ordering::Less => format!("▼{}", -m.rank_change),
            std::cmp::Ordering::Equal => "–".to_string(),
        };
        let x = d(WIDTH - MARGIN - 40);
        svg.text(x, y + 4, "start", &format!(r#" fill="{colour}""#), &moved);
        svg.height += ROW;
    }
    svg.height = bottom + 4;
    // The units left out of the chart, said under it: an empty chart says why.
    for (heading, units) in crate::tables::unmatched(c, lang) {
        svg.height += 20;
        let line = format!("{heading} {}", crate::tables::some_names(units, lang));
        svg.text_lines(MARGIN, r##" fill="#616161""##, &line, LINE_CHARS, 16);
    }
    for note in crate::tables::comparison_notes(c, lang) {
        svg.height += 20;
        svg.text_lines(MARGIN, r##" fill="#616161""##, &note, LINE_CHARS, 16);
    }
    let description = ReportText::ChangesDescription {
        units: c.units.len(),
    }
    .render(lang);
    svg.finish(&title, &description)
}

// --- Text and numbers --------------------------------------------------------------------------

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// A position with one decimal, as written in the document.
fn px(value: Decimal) -> String {
    value.round_dp(1).normalize().to_string()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow (control characters a name may carry).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heat map repeats a field's name in the tooltip of every cell only shortened: given whole
    /// once, under the map. (Each of 200,000 cells repeated a 16 KB name: 3 GB.)
    #[test]
    fn a_heat_map_gives_a_long_field_name_whole_once() {
        let names: Vec<String> = (1..=2)
            .map(|i| format!("Lĩnh vực {i} {}", "x".repeat(10_000)))
            .collect();
        let nodes: Vec<String> = (names.iter().enumerate())
            .map(|(i, n)| format!(r#"{{"code": "{}", "name": "{n}", "max": "1"}}"#, i + 1))
            .collect();
        let methodology = format!(
            r#"{{"schema": "par.methodology/1", "id": "heat", "name": "Heat", "nodes": [{}]}}"#,
            nodes.join(",")
        );
        let units: Vec<String> = (0..50)
            .map(|i| format!(r#"{{"unit": "Xã {i}", "entries": {{"1": {{"value": "1"}}, "2": {{"value": "0"}}}}}}"#))
            .collect();
        let results = crate::testing::scored(&methodology, &units);
        let svg = chart(ChartKind::Heatmap, &results, None, Lang::En).expect("drawn");
        for name in &names {
            assert_eq!(svg.matches(name.as_str()).count(), 1);
        }
        assert!(svg.len() < 100_000, "{} bytes", svg.len());
    }

    /// A heat map of 30 units on 9,999 fields (299,970 cells, with the block's headings) is
    /// refused before it is drawn; the same units on 1,000 fields are drawn.
    #[test]
    fn a_heat_map_past_its_cells_is_refused_before_it_is_drawn() {
        let on_fields = |fields: usize| {
            let nodes: Vec<String> = (1..=fields)
                .map(|i| format!(r#"{{"code": "{i}", "name": "n", "max": "1"}}"#))
                .collect();
            let methodology = format!(
                r#"{{"schema": "par.methodology/1", "id": "heat", "name": "Heat", "nodes": [{}]}}"#,
                nodes.join(",")
            );
            let units: Vec<String> = (0..30)
                .map(|i| format!(r#"{{"unit": "Xã {i}", "entries": {{}}}}"#))
                .collect();
            let results = crate::testing::scored(&methodology, &units);
            chart(ChartKind::Heatmap, &results, None, Lang::En)
        };
        let refused = on_fields(9_999).expect_err("refused");
        assert_eq!(refused.limit.as_deref(), Some("chart_cells"));
        assert!(on_fields(1_000).is_ok());
    }

    #[test]
    fn a_components_chart_past_its_cells_is_refused_before_it_is_drawn() {
        let of_components = |components: usize| {
            let nodes: Vec<String> = (1..=components)
                .map(|i| {
                    format!(r#"{{"code": "{i}", "name": "n", "max": "1", "component": "c{i}"}}"#)
                })
                .collect();
            let methodology = format!(
                r#"{{"schema": "par.methodology/1", "id": "parts", "name": "Parts", "nodes": [{}]}}"#,
                nodes.join(",")
            );
            let long = "x".repeat(1_000);
            let units: Vec<String> = (0..30)
                .map(|i| format!(r#"{{"unit": "{long}{i}", "entries": {{"1": {{"self": "1"}}}}}}"#))
                .collect();
            let results = crate::testing::scored(&methodology, &units);
            chart(ChartKind::Components, &results, None, Lang::En)
        };
        let refused = of_components(9_999).expect_err("refused");
        assert_eq!(refused.limit.as_deref(), Some("chart_cells"));
        // Each bar names its unit as a tooltip does: its start and end, not its 1,000 characters.
        let drawn = of_components(100).expect("within its cells");
        assert!(drawn.len() < 1_000_000, "{} bytes", drawn.len());
    }

    #[test]
    fn long_names_keep_their_start_and_end() {
        let name = "Ủy ban nhân dân huyện Thử Nghiệm Rất Dài Tên, tỉnh Hà Giang";
        let short = shortened(name);
        assert_eq!(short.chars().count(), NAME_CHARS, "{short}");
        assert!(
            short.starts_with("Ủy ban nhân dân") && short.ends_with("tỉnh Hà Giang"),
            "{short}"
        );
        assert_eq!(shortened("Sở Tư pháp"), "Sở Tư pháp");
    }

    #[test]
    fn ticks_are_round_and_few() {
        assert_eq!(tick_step(Decimal::ONE_HUNDRED), Decimal::from(20));
        assert_eq!(tick_step(Decimal::from(10)), Decimal::from(2));
        assert_eq!(tick_step(Decimal::new(35, 1)), Decimal::new(5, 1));
        assert!(tick_step(Decimal::MAX) > Decimal::ZERO);
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("A & <B> \"C\" 'D'\u{1}"),
            "A &amp; &lt;B&gt; &quot;C&quot; &apos;D&apos; "
        );
    }
}
