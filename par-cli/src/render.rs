//! Output for people: aligned text tables (Vietnamese names aligned by display width), CSV for
//! spreadsheets, and Markdown/HTML renderings of a methodology. Numbers are printed exactly as the
//! engine rounded them; nothing here computes a score.

use crate::RenderFormat;
use par_core::builtin::BuiltinInfo;
use par_core::compare::Comparison;
use par_core::methodology::{NodeDef, Rule};
use par_core::results::{Source, UnitResult};
use par_core::{Methodology, ParError, Results};
use std::collections::HashMap;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Aligns cells in columns; `right[i]` right-aligns column i (numbers).
fn columns(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
            if i > 0 {
                out.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.push_str(&pad);
                }
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in rows {
        out.push_str(&line(row));
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
    fn headers(&self, results: &Results) -> Vec<String> {
        self.codes
            .iter()
            .zip(&self.positions)
            .map(|(code, at)| {
                let max = at
                    .and_then(|i| results.tree.get(i))
                    .map(|t| t.max.0.to_string())
                    .unwrap_or_default();
                format!("{code}/{max}")
            })
            .collect()
    }

    /// The unit's points per field (empty where it scored none).
    fn points(&self, u: &UnitResult) -> Vec<String> {
        self.positions
            .iter()
            .map(|at| {
                at.and_then(|i| u.nodes.at(i))
                    .map(|n| n.points().0.to_string())
                    .unwrap_or_default()
            })
            .collect()
    }
}

pub fn ranking_table(m: &Methodology, results: &Results) -> String {
    let mut header: Vec<String> = ["Block", "Rank", "Unit", "Points", "Index", "Band"]
        .map(String::from)
        .to_vec();
    let fields = FieldColumns::new(m, results);
    header.extend(fields.headers(results));
    let rows: Vec<Vec<String>> = results
        .units
        .iter()
        .map(|u| {
            let mut row = vec![
                u.block.clone().unwrap_or_default(),
                u.rank.to_string(),
                u.unit.clone(),
                u.points.0.to_string(),
                u.index.0.to_string(),
                u.band.clone().unwrap_or_default(),
            ];
            row.extend(fields.points(u));
            row
        })
        .collect();
    let right: Vec<bool> = header
        .iter()
        .enumerate()
        .map(|(i, _)| i == 1 || i == 3 || i == 4 || i >= 6)
        .collect();
    let mut out = format!(
        "{} — {}\n\n",
        results.methodology.id, results.methodology.name
    );
    out.push_str(&columns(&header, &rows, &right));
    out.push('\n');
    for b in &results.blocks {
        let bands: Vec<String> = b
            .bands
            .iter()
            .map(|(label, n)| format!("{label}: {n}"))
            .chain(
                (b.unbanded > 0 && !b.bands.is_empty()).then(|| format!("no band: {}", b.unbanded)),
            )
            .collect();
        let _ = writeln!(
            out,
            "{}: {} units, mean {}, median {}, min {}, max {}, above mean {}{}",
            b.name
                .as_ref()
                .or(b.block.as_ref())
                .map_or("All units", |s| s.as_str()),
            b.count,
            b.mean.0,
            b.median.0,
            b.min.0,
            b.max.0,
            b.above_mean,
            if bands.is_empty() {
                String::new()
            } else {
                format!("; {}", bands.join(", "))
            }
        );
    }
    let warned = results
        .units
        .iter()
        .filter(|u| !u.warnings.is_empty())
        .count();
    if warned > 0 {
        let _ = writeln!(
            out,
            "{warned} unit(s) have warnings (missing leaves, capped adjustments...): see `par explain` or --format json"
        );
    }
    out
}

pub fn ranking_csv(m: &Methodology, results: &Results) -> String {
    let mut header: Vec<String> = ["unit", "block", "rank", "points", "max", "index", "band"]
        .map(String::from)
        .to_vec();
    let fields = FieldColumns::new(m, results);
    header.extend(fields.codes.iter().map(|c| c.to_string()));
    let components = m.components();
    header.extend(components.iter().map(|c| format!("component:{c}")));
    let rows = results.units.iter().map(|u| {
        let mut row = vec![
            u.unit.clone(),
            u.block.clone().unwrap_or_default(),
            u.rank.to_string(),
            u.points.0.to_string(),
            u.max.0.to_string(),
            u.index.0.to_string(),
            u.band.clone().unwrap_or_default(),
        ];
        row.extend(fields.points(u));
        row.extend(components.iter().map(|c| {
            u.components
                .get(c)
                .map(|c| c.points.0.to_string())
                .unwrap_or_default()
        }));
        row
    });
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut ok = writer.write_record(&header).is_ok();
    for row in rows {
        ok &= writer.write_record(&row).is_ok();
    }
    match (ok, writer.into_inner()) {
        (true, Ok(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        _ => String::new(),
    }
}

fn source_text(source: Source, round: Option<u32>) -> String {
    match (source, round) {
        (Source::Appraisal, Some(r)) => format!("appraisal r{r}"),
        (Source::SelfAssessed, _) => "self (not appraised)".into(),
        (Source::Appraisal, None) => "appraisal".into(),
        (Source::Value, _) => "value".into(),
        (Source::Survey, _) => "survey".into(),
        (Source::Children, _) => "sum".into(),
        (Source::Missing, _) => "MISSING".into(),
        (Source::NotSurveyed, _) => "not surveyed".into(),
    }
}

pub fn explanation(results: &Results, u: &UnitResult) -> Result<String, ParError> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{} — {} / {} points, index {}, rank {}{}",
        u.unit,
        u.block
            .as_ref()
            .map(|b| format!(" (block {b})"))
            .unwrap_or_default(),
        u.points.0,
        u.max.0,
        u.index.0,
        u.rank,
        u.band
            .as_ref()
            .map(|b| format!(", band {b}"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "methodology: {} — {}\n",
        results.methodology.id, results.methodology.name
    );
    let header = [
        "Code",
        "Criterion",
        "Max",
        "Self",
        "Appraised",
        "Points",
        "Lost",
        "Source",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for n in u.nodes.iter() {
        let Some(t) = n.node() else {
            continue;
        };
        let indent = "  ".repeat(t.depth.saturating_sub(1));
        let appraised = n
            .appraisals()
            .iter()
            .map(|a| {
                format!(
                    "r{} {}",
                    a.round,
                    a.points.map(|p| p.0.to_string()).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        rows.push(vec![
            format!("{indent}{}", t.code),
            shorten(&t.name, 48),
            n.max().0.to_string(),
            n.self_points().map(|p| p.0.to_string()).unwrap_or_default(),
            appraised,
            n.points().0.to_string(),
            n.lost().0.to_string(),
            source_text(n.source(), n.round()),
        ]);
        for a in n.appraisals() {
            if let Some(reason) = &a.reason {
                let by = a.by.as_ref().map(|b| format!(" ({b})")).unwrap_or_default();
                notes.push(format!("{} round {}{by}: {reason}", t.code, a.round));
            }
        }
        if let Some(rule) = n.rule() {
            notes.push(format!("{} rule: {rule}", t.code));
        }
        if !n.evidence().is_empty() {
            notes.push(format!("{} evidence: {}", t.code, n.evidence().join("; ")));
        }
        if let Some(e) = n.explanation() {
            notes.push(format!("{} explanation: {e}", t.code));
        }
    }
    let right = [false, false, true, true, false, true, true, false];
    out.push_str(&columns(&header, &rows, &right));
    if !u.components.is_empty() {
        out.push_str("\nComponents:\n");
        for (tag, c) in &u.components {
            let _ = writeln!(out, "  {tag}: {} / {}", c.points.0, c.max.0);
        }
    }
    let mut adjustments = u.nodes.adjustments().peekable();
    if adjustments.peek().is_some() {
        out.push_str("\nAdjustments:\n");
        for a in adjustments {
            let capped = a
                .uncapped()
                .map(|x| format!(" (capped from {})", x.0))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}: {}{capped}", a.code(), a.points().0);
        }
    }
    let lost = results.lost_points(&u.unit)?;
    if !lost.is_empty() {
        out.push_str("\nLost most points:\n");
        for l in lost.iter().take(10) {
            let _ = writeln!(
                out,
                "  {:<8} −{}  ({} of {})  {}",
                l.code,
                l.lost.0,
                l.points.0,
                l.max.0,
                shorten(&l.name, 60)
            );
        }
    }
    if !notes.is_empty() {
        out.push_str("\nProvenance:\n");
        for n in notes {
            let _ = writeln!(out, "  {n}");
        }
    }
    if !u.warnings.is_empty() {
        out.push_str("\nWarnings:\n");
        for w in &u.warnings {
            let _ = writeln!(out, "  {}", w.message);
        }
    }
    Ok(out)
}

pub fn comparison(c: &Comparison) -> String {
    let header = [
        "Unit",
        "Block",
        "Previous",
        "Current",
        "Change",
        "Rank before",
        "Rank now",
        "Moved",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = c
        .units
        .iter()
        .map(|m| {
            vec![
                m.unit.clone(),
                m.block.clone().unwrap_or_default(),
                m.previous_index.0.to_string(),
                m.current_index.0.to_string(),
                signed(&m.change.0.to_string()),
                m.previous_rank.to_string(),
                m.current_rank.to_string(),
                signed(&m.rank_change.to_string()),
            ]
        })
        .collect();
    let right = [false, false, true, true, true, true, true, true];
    let mut out = columns(&header, &rows, &right);
    if !c.only_in_previous.is_empty() {
        let _ = writeln!(out, "\nOnly in previous: {}", c.only_in_previous.join(", "));
    }
    if !c.only_in_current.is_empty() {
        let _ = writeln!(out, "\nOnly in current: {}", c.only_in_current.join(", "));
    }
    out
}

fn signed(text: &str) -> String {
    if text.starts_with('-') || text.trim_start_matches(['0', '.']).is_empty() {
        text.to_string()
    } else {
        format!("+{text}")
    }
}

pub fn catalogue(list: &[BuiltinInfo]) -> String {
    let header = ["Id", "Decision", "Date", "Level", "Completeness", "Name"]
        .map(String::from)
        .to_vec();
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| {
            vec![
                b.id.clone(),
                b.decision.clone().unwrap_or_default(),
                b.date.clone().unwrap_or_default(),
                b.level.clone().unwrap_or_default(),
                b.completeness
                    .map(|c| format!("{c:?}").to_lowercase())
                    .unwrap_or_default(),
                b.name.clone(),
            ]
        })
        .collect();
    columns(&header, &rows, &[false; 6])
}

fn rule_text(rule: &Option<Rule>) -> String {
    match rule {
        None | Some(Rule::Points) => String::new(),
        Some(Rule::Choice { options }) => options
            .iter()
            .map(|o| format!("{}: {}", o.label, o.points.0))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Rule::YesNo { yes, no }) => format!(
            "yes: {}; no: {}",
            yes.map(|y| y.0.to_string()).unwrap_or_else(|| "max".into()),
            no.map(|n| n.0.to_string()).unwrap_or_else(|| "0".into())
        ),
        Some(Rule::Bands { bands, .. }) => bands
            .iter()
            .map(|b| format!("{}: {}", b.label.as_deref().unwrap_or("band"), b.points.0))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Rule::Ratio { target }) => format!("max × value / {}, capped", target.0),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The tree with maxima and rules, for publishing beside a decision.
pub fn methodology(m: &Methodology, format: RenderFormat) -> String {
    let def = m.def();
    let mut rows = Vec::new();
    fn walk(n: &NodeDef, depth: usize, rows: &mut Vec<[String; 5]>) {
        let survey = if n.survey { "survey" } else { "" };
        rows.push([
            n.code.clone(),
            format!("{}{}", "  ".repeat(depth), n.name),
            n.max.0.to_string(),
            [n.component.clone().unwrap_or_default(), survey.to_string()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            rule_text(&n.rule),
        ]);
        for c in &n.children {
            walk(c, depth + 1, rows);
        }
    }
    for n in &def.nodes {
        walk(n, 0, &mut rows);
    }
    let title = format!("{} ({})", def.name, def.id);
    match format {
        RenderFormat::Markdown => {
            let mut out = format!("# {title}\n\n");
            if let Some(notes) = &def.notes {
                let _ = writeln!(out, "{notes}\n");
            }
            out.push_str(
                "| Code | Criterion | Max | Component | Scoring |\n|---|---|---:|---|---|\n",
            );
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| c.trim().replace('|', "\\|")).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            let _ = writeln!(out, "| | **Total** | **{}** | | |", m.max());
            out
        }
        RenderFormat::Html => {
            let mut out = format!(
                "<!doctype html>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<h1>{t}</h1>\n<table>\n<tr><th>Code</th><th>Criterion</th><th>Max</th><th>Component</th><th>Scoring</th></tr>\n",
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
                "<tr><td></td><th>Total</th><th>{}</th><td></td><td></td></tr>\n</table>",
                m.max()
            );
            out
        }
    }
}
