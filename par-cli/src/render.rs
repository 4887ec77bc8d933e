//! Output for people: aligned text tables (Vietnamese names aligned by display width), CSV for
//! spreadsheets, and Markdown/HTML renderings of a methodology. Numbers are printed exactly as the
//! engine rounded them, with the decimal mark of the language (`87,33` in Vietnamese); nothing
//! here computes a score. Every heading and summary is the core catalogue's ([`Label`]). The CSV
//! is for programs: English column names and `.` whatever the language.

use crate::RenderFormat;
use par_core::compare::Comparison;
use par_core::text::{control_characters_shown, Label, LevelName};
use par_core::{BuiltinInfo, Lang, Methodology, NodeDef, ParError, Results, Rule, UnitResult};
use par_report::{
    adjustment_codes, adjustment_headers, adjustment_points, comparison_notes, component_name,
    signed, unmatched,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// A name as a table's cell or a heading shows it: on one line, its lines and tab-separated
/// parts joined by a space (a criterion typed on two lines in the annex's cell would otherwise
/// start a row of its own under the table's heading, a tab push the columns after it), and its
/// other control characters and those that turn the direction of the text shown by their
/// numbers ([`control_characters_shown`]), as they are counted in the column's width.
fn one_line(text: &str) -> Cow<'_, str> {
    let breaks = [
        '\n', '\r', '\t', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
    ];
    if !text.contains(breaks) {
        return control_characters_shown(text);
    }
    let parts: Vec<&str> = (text.split(breaks).map(str::trim))
        .filter(|part| !part.is_empty())
        .collect();
    Cow::Owned(control_characters_shown(&parts.join(" ")).into_owned())
}

/// The widest a column is padded to, in terminal columns: a wider cell (a name of thousands of
/// characters) is shown whole on its own row and pushes that row's cells after it right, where
/// padding every row to it made a table of thousands of rows hundreds of megabytes.
const WIDEST_PADDED: usize = 64;

/// A row's cells, each on one line ([`one_line`]): as given where it is already, as nearly every
/// cell of a national table is.
fn shown(row: &[String]) -> Vec<Cow<'_, str>> {
    row.iter().map(|cell| one_line(cell)).collect()
}

/// Aligns cells in columns; `right[i]` right-aligns column i (numbers). Each cell is shown on
/// one line ([`one_line`]).
fn columns(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let header = shown(header);
    let rows: Vec<Vec<Cow<str>>> = rows.iter().map(|row| shown(row)).collect();
    let padded = |cell: &Cow<str>| cell.width().min(WIDEST_PADDED);
    let mut widths: Vec<usize> = header.iter().map(padded).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(padded(cell));
            }
        }
    }
    // Each line written into the table's text, without the spaces it would end with.
    let line = |out: &mut String, cells: &[Cow<str>]| {
        let start = out.len();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.width());
            if i > 0 {
                out.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
    };
    let mut out = String::new();
    line(&mut out, &header);
    let rule: Vec<Cow<str>> = widths.iter().map(|w| Cow::Owned("-".repeat(*w))).collect();
    line(&mut out, &rule);
    for row in &rows {
        line(&mut out, row);
    }
    out
}

/// Shortens a name to `max` characters (not bytes: Vietnamese letters are multi-byte).
fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        name.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// The fields (top-level nodes) shown as columns, each with its position in the results' tree,
/// looked up once: a cell then finds its unit's node by that position instead of walking the
/// unit's nodes, so a table costs units × columns (5,000 fields × 200 units printed in about
/// 10 s walking, under 1 s by position).
struct FieldColumns<'a> {
    codes: Vec<&'a str>,
    positions: Vec<Option<usize>>,
}

impl<'a> FieldColumns<'a> {
    fn new(m: &'a Methodology, results: &Results) -> Self {
        let at: HashMap<&str, usize> = results
            .tree
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code.as_str(), i))
            .collect();
        let codes = m.field_codes();
        let positions = codes.iter().map(|c| at.get(c).copied()).collect();
        FieldColumns { codes, positions }
    }

    /// `code/max` per field.
    fn headers(&self, results: &Results, lang: Lang) -> Vec<String> {
        self.codes
            .iter()
            .zip(&self.positions)
            .map(|(code, at)| {
                let max = at
                    .and_then(|i| results.tree.get(i))
                    .map(|t| lang.num(t.max.0))
                    .unwrap_or_default();
                format!("{code}/{max}")
            })
            .collect()
    }

    /// The unit's points per field (empty where it scored none), as the CSV writes them.
    fn points(&self, u: &UnitResult) -> Vec<String> {
        self.positions
            .iter()
            .map(|at| {
                at.and_then(|i| u.nodes.at(i))
                    .map(|n| n.points().to_string())
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// The unit's points on each adjustment (empty where it was given none), as the CSV writes them.
fn adjustment_texts<'u>(
    u: &'u UnitResult,
    codes: &'u [String],
) -> impl Iterator<Item = String> + 'u {
    adjustment_points(u, codes).map(|p| p.map(|p| p.to_string()).unwrap_or_default())
}

/// Column names in the language.
fn labels(lang: Lang, labels: &[Label]) -> Vec<String> {
    labels.iter().map(|l| l.render(lang)).collect()
}

pub fn ranking_table(m: &Methodology, results: &Results, lang: Lang) -> String {
    use Label::*;
    let mut header = labels(lang, &[Block, Rank, Unit, Points, Index, Band]);
    let fields = FieldColumns::new(m, results);
    header.extend(fields.headers(results, lang));
    // The adjustments after the fields: with them, a unit's fields add up to its points.
    let adjustments = adjustment_codes(results);
    header.extend(adjustment_headers(&adjustments, lang));
    let rows: Vec<Vec<String>> = results
        .units
        .iter()
        .map(|u| {
            // The block's name, as the summaries below the table and the Excel sheets give it.
            let block = results.block_shown(&u.block);
            let mut row = vec![
                block.unwrap_or_default().to_string(),
                u.rank.to_string(),
                u.unit.clone(),
                lang.num(u.points.0),
                lang.num(u.index.0),
                u.band.clone().unwrap_or_default(),
            ];
            row.extend(fields.points(u).iter().map(|p| lang.decimal_text(p)));
            row.extend(adjustment_texts(u, &adjustments).map(|p| lang.decimal_text(&p)));
            row
        })
        .collect();
    let right: Vec<bool> = header
        .iter()
        .enumerate()
        .map(|(i, _)| i == 1 || i == 3 || i == 4 || i >= 6)
        .collect();
    let title = format!("{} — {}", results.methodology.id, results.methodology.name);
    let mut out = format!("{}\n\n", one_line(&title));
    out.push_str(&columns(&header, &rows, &right));
    out.push('\n');
    for b in &results.blocks {
        let bands: Vec<String> = b
            .bands
            .iter()
            .map(|(label, n)| format!("{label}: {n}"))
            .chain(
                (b.unbanded > 0 && !b.bands.is_empty())
                    .then(|| format!("{}: {}", NoBand.render(lang), b.unbanded)),
            )
            .collect();
        let summary = BlockSummary {
            block: b
                .name
                .as_ref()
                .or(b.block.as_ref())
                .map_or_else(|| AllUnits.render(lang), String::clone),
            count: b.count,
            mean: b.mean.0.to_string(),
            median: b.median.0.to_string(),
            min: b.min.0.to_string(),
            max: b.max.0.to_string(),
            above_mean: b.above_mean,
        };
        let bands = if bands.is_empty() {
            String::new()
        } else {
            format!("; {}", bands.join(", "))
        };
        let summary = format!("{}{bands}", summary.render(lang));
        let _ = writeln!(out, "{}", one_line(&summary));
    }
    if let Some(units) = units_with_warnings(results, lang) {
        let _ = writeln!(out, "{units}");
    }
    // Warnings about the input as a whole (a guessed encoding, floating-point cells).
    if !results.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", WarningsHeading.render(lang));
        for w in &results.warnings {
            let _ = writeln!(out, "  {}", w.message);
        }
    }
    out
}

/// How many units have warnings, said so, if any do.
fn units_with_warnings(results: &Results, lang: Lang) -> Option<String> {
    let count = results
        .units
        .iter()
        .filter(|u| !u.warnings.is_empty())
        .count();
    (count > 0).then(|| Label::UnitsWithWarnings { count }.render(lang))
}

/// What the ranking table says below it of the results' warnings, for the standard error
/// beside an output without them (a CSV of scores, an analysis): how many units have warnings,
/// and the warnings about the input as a whole (a guessed encoding, floating-point cells).
pub fn results_warnings(results: &Results, lang: Lang) -> Vec<String> {
    let units = units_with_warnings(results, lang);
    let input = results.warnings.iter().map(|w| w.message.to_string());
    units.into_iter().chain(input).collect()
}

/// The ranking as CSV for programs: a row per unit, with its points per field and component.
/// A national run's rows are written on every core, a run of units each.
pub fn ranking_csv(m: &Methodology, results: &Results) -> String {
    let mut header: Vec<String> = ["unit", "block", "rank", "points", "max", "index", "band"]
        .map(String::from)
        .to_vec();
    let fields = FieldColumns::new(m, results);
    header.extend(fields.codes.iter().map(|c| c.to_string()));
    let components = m.components();
    header.extend(components.iter().map(|c| format!("component:{c}")));
    let adjustments = adjustment_codes(results);
    header.extend(adjustments.iter().map(|c| format!("adjustment:{c}")));
    let row = |u: &UnitResult| {
        let mut row = vec![
            u.unit.clone(),
            u.block.clone().unwrap_or_default(),
            u.rank.to_string(),
            u.points.to_string(),
            u.max.to_string(),
            u.index.to_string(),
            u.band.clone().unwrap_or_default(),
        ];
        row.extend(fields.points(u));
        row.extend(components.iter().map(|c| {
            u.components
                .get(c)
                .map(|c| c.points.to_string())
                .unwrap_or_default()
        }));
        row.extend(adjustment_texts(u, &adjustments));
        row
    };
    let runs = par_cli::cores::in_runs(&results.units, |units| csv_records(units.iter().map(row)));
    let csv: Option<String> = std::iter::once(csv_records([header])).chain(runs).collect();
    csv.unwrap_or_default()
}

/// Rows as CSV records; `None` if the writer fails (writing into memory does not).
fn csv_records(rows: impl IntoIterator<Item = Vec<String>>) -> Option<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(&row).ok()?;
    }
    String::from_utf8(writer.into_inner().ok()?).ok()
}

pub fn explanation(results: &Results, u: &UnitResult, lang: Lang) -> Result<String, ParError> {
    use Label::*;
    let mut out = String::new();
    let headline = UnitHeadline {
        unit: u.unit.clone(),
        block: u.block.clone(),
        points: u.points.0.to_string(),
        max: u.max.0.to_string(),
        index: u.index.0.to_string(),
        rank: u.rank,
        band: u.band.clone(),
    };
    let _ = writeln!(out, "{}", one_line(&headline.render(lang)));
    let methodology = MethodologyLine {
        id: results.methodology.id.clone(),
        name: results.methodology.name.clone(),
    };
    let _ = writeln!(out, "{}\n", one_line(&methodology.render(lang)));
    let header = labels(
        lang,
        &[
            Code, Criterion, Max, SelfScore, Appraised, Points, Lost, Source,
        ],
    );
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for n in u.nodes.iter() {
        let Some(t) = n.node() else {
            continue;
        };
        let indent = "  ".repeat(t.depth.saturating_sub(1));
        let appraised = n
            .appraisals()
            .map(|a| {
                let points = a.points.map(|p| p.0.to_string()).unwrap_or_default();
                RoundPoints {
                    round: a.round,
                    points,
                }
                .render(lang)
            })
            .collect::<Vec<_>>()
            .join(", ");
        rows.push(vec![
            format!("{indent}{}", t.code),
            shorten(&t.name, 48),
            lang.num(n.max().0),
            n.self_points().map(|p| lang.num(p.0)).unwrap_or_default(),
            appraised,
            lang.num(n.points().0),
            lang.num(n.lost().0),
            Label::source(n.source(), n.round(), lang),
        ]);
        let code = || t.code.clone();
        for a in n.appraisals() {
            if let Some(reason) = &a.reason {
                let by = a.by.as_ref().map(|b| b.to_string());
                let (round, reason) = (a.round, reason.clone());
                notes.push(
                    RoundReason {
                        code: code(),
                        round,
                        by,
                        reason,
                    }
                    .render(lang),
                );
            }
        }
        if let Some(rule) = n.rule() {
            let note = rule.into_owned();
            notes.push(RuleApplied { code: code(), note }.render(lang));
        }
        if !n.evidence().is_empty() {
            let evidence = n.evidence().join("; ");
            notes.push(
                EvidenceGiven {
                    code: code(),
                    evidence,
                }
                .render(lang),
            );
        }
        if let Some(e) = n.explanation() {
            let explanation = e.to_string();
            notes.push(
                ExplanationGiven {
                    code: code(),
                    explanation,
                }
                .render(lang),
            );
        }
    }
    let right = [false, false, true, true, false, true, true, false];
    out.push_str(&columns(&header, &rows, &right));
    if !u.components.is_empty() {
        let _ = writeln!(out, "\n{}", ComponentsHeading.render(lang));
        for (tag, c) in &u.components {
            let (points, max) = (lang.num(c.points.0), lang.num(c.max.0));
            let name = component_name(tag, lang);
            let _ = writeln!(out, "  {name}: {points} / {max}");
        }
    }
    let mut adjustments = u.nodes.adjustments().peekable();
    if adjustments.peek().is_some() {
        let _ = writeln!(out, "\n{}", AdjustmentsHeading.render(lang));
        for a in adjustments {
            let capped = a
                .uncapped()
                .map(|x| {
                    let uncapped = x.0.to_string();
                    CappedFrom { uncapped }.render(lang)
                })
                .unwrap_or_default();
            let _ = writeln!(out, "  {}: {}{capped}", a.code(), lang.num(a.points().0));
        }
    }
    let lost = results.lost_points(&u.unit)?;
    if !lost.is_empty() {
        let _ = writeln!(out, "\n{}", LostMostHeading.render(lang));
        for l in lost.iter().take(10) {
            let of = LostOf {
                points: l.points.0.to_string(),
                max: l.max.0.to_string(),
            };
            let _ = writeln!(
                out,
                "  {:<8} −{}  {}  {}",
                l.code,
                lang.num(l.lost.0),
                of.render(lang),
                one_line(&shorten(&l.name, 60))
            );
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", ProvenanceHeading.render(lang));
        for n in notes {
            let _ = writeln!(out, "  {}", one_line(&n));
        }
    }
    if !u.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", WarningsHeading.render(lang));
        for w in &u.warnings {
            let _ = writeln!(out, "  {}", w.message);
        }
    }
    Ok(out)
}

pub fn comparison(c: &Comparison, lang: Lang) -> String {
    use Label::*;
    let header = labels(
        lang,
        &[
            Unit, Block, Previous, Current, Change, RankBefore, RankNow, Moved,
        ],
    );
    let places = c.places_shown();
    let rows: Vec<Vec<String>> = c
        .units
        .iter()
        .map(|m| {
            let [previous, current, change] = m.shown(places);
            vec![
                m.unit.clone(),
                m.block_shown().unwrap_or_default().to_string(),
                lang.num(previous.0),
                lang.num(current.0),
                lang.decimal_text(&signed(&change.0.to_string())),
                m.previous_rank.to_string(),
                m.current_rank.to_string(),
                signed(&m.rank_change.to_string()),
            ]
        })
        .collect();
    let right = [false, false, true, true, true, true, true, true];
    let mut out = String::new();
    for note in comparison_notes(c, lang) {
        let _ = writeln!(out, "{note}\n");
    }
    out.push_str(&columns(&header, &rows, &right));
    for (heading, units) in unmatched(c, lang) {
        let _ = writeln!(out, "\n{heading} {}", units.join(", "));
    }
    out
}

pub fn catalogue(list: &[BuiltinInfo], lang: Lang) -> String {
    use Label::*;
    let header = labels(lang, &[Id, Decision, Date, Level, Completeness, Name]);
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| {
            vec![
                b.id.clone(),
                b.decision.clone().unwrap_or_default(),
                b.date
                    .as_deref()
                    .map(|d| Label::date(d, lang))
                    .unwrap_or_default(),
                b.level
                    .as_deref()
                    .map(|l| LevelName::text(l, lang))
                    .unwrap_or_default(),
                b.completeness
                    .map(|c| Label::completeness(c, lang))
                    .unwrap_or_default(),
                b.name.clone(),
            ]
        })
        .collect();
    columns(&header, &rows, &[false; 6])
}

fn rule_text(rule: &Option<Rule>, max: &str, lang: Lang) -> String {
    match rule {
        None | Some(Rule::Points) => String::new(),
        Some(Rule::Choice { options }) => options
            .iter()
            .map(|o| format!("{}: {}", o.label, lang.num(o.points.0)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Rule::YesNo { yes, no }) => format!(
            "{}: {}; {}: {}",
            Label::Yes.render(lang),
            yes.map_or_else(|| max.to_string(), |y| lang.num(y.0)),
            Label::No.render(lang),
            no.map_or_else(|| "0".into(), |n| lang.num(n.0))
        ),
        Some(Rule::Bands { bands, .. }) => bands
            .iter()
            .map(|b| {
                let label = (b.label.as_deref().map(str::to_string))
                    .unwrap_or_else(|| Label::UnlabelledBand.render(lang));
                format!("{label}: {}", lang.num(b.points.0))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Some(Rule::Ratio { target }) => Label::RatioRule { target: target.0 }.render(lang),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text as Markdown shows it as typed, on one line: a table's row or a heading. A line break
/// (a name typed on two lines in a cell) would end the row; the punctuation Markdown reads is
/// escaped, so that a name's `|` does not cut its cell, `*` does not set it in italics, and
/// `<script>` is shown, not passed to the page a portal renders the Markdown into.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A carriage return alone ends a line in Markdown as a line feed does (`lines` keeps it).
    let lines = s.trim().split(['\n', '\r']).map(str::trim);
    for line in lines.filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in line.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The tree with maxima and rules, for publishing beside a decision.
pub fn methodology(m: &Methodology, format: RenderFormat, lang: Lang) -> String {
    use Label::*;
    let def = m.def();
    let mut rows = Vec::new();
    fn walk(n: &NodeDef, depth: usize, rows: &mut Vec<[String; 5]>, lang: Lang) {
        let max = lang.num(n.max.0);
        // A survey node of the survey component is said to be one once.
        let survey = if n.survey && n.component.as_deref() != Some("survey") {
            Label::Survey.render(lang)
        } else {
            String::new()
        };
        let component = n.component.as_deref().map(|tag| component_name(tag, lang));
        rows.push([
            n.code.clone(),
            format!("{}{}", "  ".repeat(depth), n.name),
            max.clone(),
            [component.unwrap_or_default(), survey]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            rule_text(&n.rule, &max, lang),
        ]);
        for c in &n.children {
            walk(c, depth + 1, rows, lang);
        }
    }
    for n in &def.nodes {
        walk(n, 0, &mut rows, lang);
    }
    let title = format!("{} ({})", def.name, def.id);
    let header = labels(lang, &[Code, Criterion, Max, Component, Scoring]);
    let (total, max) = (Total.render(lang), lang.num(m.max()));
    match format {
        RenderFormat::Markdown => {
            let mut out = format!("# {}\n\n", markdown_text(&title));
            if let Some(notes) = &def.notes {
                let _ = writeln!(out, "{}\n", markdown_text(notes));
            }
            let _ = writeln!(out, "| {} |\n|---|---|---:|---|---|", header.join(" | "));
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| markdown_text(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            let _ = writeln!(out, "| | **{total}** | **{max}** | | |");
            out
        }
        RenderFormat::Html => {
            let head: String = header.iter().map(|h| format!("<th>{h}</th>")).collect();
            let lang_code = lang.code();
            let mut out = format!(
                "<!doctype html>\n<html lang=\"{lang_code}\">\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<h1>{t}</h1>\n<table>\n<tr>{head}</tr>\n",
                t = html_escape(&title)
            );
            for r in rows {
                let cells: String = r
                    .iter()
                    .map(|c| format!("<td>{}</td>", html_escape(c.trim())))
                    .collect();
                let _ = writeln!(out, "<tr>{cells}</tr>");
            }
            let _ = writeln!(
                out,
                "<tr><td></td><th>{total}</th><th>{max}</th><td></td><td></td></tr>\n</table>"
            );
            out
        }
    }
}

/// What each row of an imported annex was read as, one row per line, for a person to check it
/// against the annex.
pub fn rows_read(rows: &[par_core::import::RowReading], lang: Lang) -> String {
    let header = labels(
        lang,
        &[
            Label::Row,
            Label::Number,
            Label::Code,
            Label::Criterion,
            Label::Max,
            Label::ReadAs,
        ],
    );
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let row = match &r.sheet {
                Some(sheet) => format!("{sheet}!{}", r.row),
                None => r.row.to_string(),
            };
            vec![
                row,
                r.number.clone().unwrap_or_default(),
                r.code.clone().unwrap_or_default(),
                r.name
                    .as_deref()
                    .map(|n| shorten(n, 40))
                    .unwrap_or_default(),
                r.max.map(|m| lang.num(m)).unwrap_or_default(),
                r.understood.render(lang),
            ]
        })
        .collect();
    columns(&header, &lines, &[true, false, false, false, true, false])
}

/// The criterion analysis for people: per block, the leaves that lost points, the most first.
pub fn analysis_table(a: &par_core::analysis::Analysis, lang: Lang) -> String {
    use Label::*;
    let header = labels(
        lang,
        &[
            Code, Criterion, Max, Mean, Median, Lowest, Highest, MeanIndex, AtFull, AtZero, Lost,
        ],
    );
    let mut out = String::new();
    for block in &a.blocks {
        let title = BlockUnits {
            block: block.name.clone().or_else(|| block.block.clone()),
            units: block.units,
        };
        let _ = writeln!(out, "{}", one_line(&title.render(lang)));
        // Looked up by code: a tree may have thousands of criteria.
        let criteria: HashMap<&str, &par_core::analysis::CriterionAnalysis> =
            (block.criteria.iter())
                .map(|c| (c.code.as_str(), c))
                .collect();
        let rows: Vec<Vec<String>> = block
            .losing_most
            .iter()
            .filter_map(|code| criteria.get(code.as_str()).copied())
            .map(|c| {
                vec![
                    c.code.clone(),
                    shorten(&c.name, 40),
                    lang.num(c.max.0),
                    lang.num(c.mean.0),
                    lang.num(c.median.0),
                    lang.num(c.lowest.0),
                    lang.num(c.highest.0),
                    c.mean_index.map(|i| lang.num(i.0)).unwrap_or_default(),
                    c.at_full.to_string(),
                    c.at_zero.to_string(),
                    lang.num(c.lost.0),
                ]
            })
            .collect();
        let right = [
            false, false, true, true, true, true, true, true, true, true, true,
        ];
        out.push_str(&columns(&header, &rows, &right));
        out.push('\n');
    }
    out
}

/// The criterion analysis as CSV: one row per block and node, every figure.
pub fn analysis_csv(a: &par_core::analysis::Analysis) -> Result<String, crate::Failure> {
    let header = [
        "block",
        "code",
        "name",
        "depth",
        "leaf",
        "max",
        "mean",
        "median",
        "lowest",
        "highest",
        "mean_index",
        "at_full",
        "at_zero",
        "lost",
        "lost_mean",
        "best",
        "worst",
    ];
    let mut table = par_core::Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        ..Default::default()
    };
    for block in &a.blocks {
        for c in &block.criteria {
            let row = [
                block.block.clone().unwrap_or_default(),
                c.code.clone(),
                c.name.to_string(),
                c.depth.to_string(),
                c.leaf.to_string(),
                c.max.0.to_string(),
                c.mean.0.to_string(),
                c.median.0.to_string(),
                c.lowest.0.to_string(),
                c.highest.0.to_string(),
                c.mean_index.map(|i| i.0.to_string()).unwrap_or_default(),
                c.at_full.to_string(),
                c.at_zero.to_string(),
                c.lost.0.to_string(),
                c.lost_mean.0.to_string(),
                c.best.join("; "),
                c.worst.join("; "),
            ];
            table.rows.push(row.into_iter().map(Into::into).collect());
        }
    }
    crate::files::to_csv(&table)
}

/// A what-if answer: the values assumed, the standing before and after, the units that move and
/// the way up.
pub fn what_if(w: &par_core::whatif::WhatIf, lang: Lang) -> String {
    use par_core::text::ReportText::{
        After, AssumedFor, Before, Gain, IfFull, MovedUnits, Value, WayUp,
    };
    use Label::{Code, Criterion, Max, Points};
    let mut out = String::new();
    let unit = match w.block_name.as_ref().or(w.block.as_ref()) {
        Some(block) => format!("{} ({block})", w.unit),
        None => w.unit.clone(),
    };
    let _ = writeln!(out, "{}", one_line(&AssumedFor { unit }.render(lang)));
    if !w.changes.is_empty() {
        let header = vec![
            Code.render(lang),
            Criterion.render(lang),
            Value.render(lang),
            Before.render(lang),
            After.render(lang),
        ];
        let rows: Vec<Vec<String>> = w
            .changes
            .iter()
            .map(|c| {
                vec![
                    c.code.clone(),
                    shorten(&c.name, 50),
                    c.value.clone(),
                    lang.num(c.points_before.0),
                    lang.num(c.points.0),
                ]
            })
            .collect();
        out.push_str(&columns(&header, &rows, &[false, false, false, true, true]));
    }
    for (label, s) in [(Before, &w.before), (After, &w.after)] {
        let line = format!("{}: {}", label.render(lang), standing(s, lang));
        let _ = writeln!(out, "{}", one_line(&line));
    }
    if !w.moved.is_empty() {
        // A national run's unit moving up passes thousands, each one rank down: the line names
        // the first of them, and the JSON answer every one.
        const NAMED: usize = 10;
        let units = (w.moved.iter().take(NAMED))
            .map(|m| format!("{} {} → {}", m.unit, m.rank_before, m.rank))
            .collect::<Vec<_>>()
            .join("; ");
        let more = w.moved.len().saturating_sub(NAMED);
        let _ = writeln!(out, "{}", MovedUnits { units, more }.render(lang));
    }
    if let Some(way) = &w.way_up {
        let heading = WayUp {
            band: way.band.clone(),
            rank: way.rank,
            criteria: way.criteria.len(),
            reached: way.reached,
        };
        let _ = writeln!(out, "\n{}", one_line(&heading.render(lang)));
        if !way.criteria.is_empty() {
            let header = vec![
                Code.render(lang),
                Criterion.render(lang),
                Points.render(lang),
                Max.render(lang),
                Gain.render(lang),
            ];
            let rows: Vec<Vec<String>> = way
                .criteria
                .iter()
                .map(|g| {
                    vec![
                        g.code.clone(),
                        shorten(&g.name, 50),
                        lang.num(g.points.0),
                        lang.num(g.max.0),
                        lang.num(g.gain.0),
                    ]
                })
                .collect();
            out.push_str(&columns(&header, &rows, &[false, false, true, true, true]));
            let line = format!("{}: {}", IfFull.render(lang), standing(&way.after, lang));
            let _ = writeln!(out, "{}", one_line(&line));
        }
    }
    // What the assumed values leave unsaid otherwise: a criterion now counted 0, a capped bonus.
    if !w.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", Label::WarningsHeading.render(lang));
        for warning in &w.warnings {
            let _ = writeln!(out, "  {}", warning.message);
        }
    }
    out
}

fn standing(s: &par_core::whatif::Standing, lang: Lang) -> String {
    par_core::text::ReportText::Standing {
        points: s.points.0.to_string(),
        index: s.index.0.to_string(),
        rank: s.rank,
        band: s.band.clone(),
    }
    .render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name of 16,000 characters in a table of a thousand rows is shown once, not padded to on
    /// every row (16 MB of spaces).
    #[test]
    fn a_very_long_cell_pads_no_other_row_to_its_width() {
        let header = ["Đơn vị".to_string(), "Điểm".to_string()];
        let mut rows: Vec<Vec<String>> = (0..1_000)
            .map(|i| vec![format!("Xã {i}"), "50,00".to_string()])
            .collect();
        rows[0][0] = "L".repeat(16_000);
        let table = columns(&header, &rows, &[false, true]);
        assert!(
            table.len() < 16_000 + 1_000 * (WIDEST_PADDED + 16),
            "{}",
            table.len()
        );
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[2], format!("{}  50,00", "L".repeat(16_000)));
        // The other rows stay aligned with one another, their points at one column.
        let ends: std::collections::HashSet<usize> = lines[3..].iter().map(|l| l.width()).collect();
        assert_eq!(ends.len(), 1, "{:?}", &lines[3..6]);
    }
}
