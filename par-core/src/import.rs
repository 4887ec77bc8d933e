//! Methodologies from criteria tables, the way decisions print them: one row per node with
//! `code` (dotted; the parent is implied), `name`, `max`, and optionally `component`, `survey`
//! (yes/no), `rule`, `options` (`Ban hành kịp thời=1; Không kịp thời=0.5`), `bands`
//! (`>90%=2; 70%-90%=1; <70%=0`), `target` and `notes`. And back: [`export`] writes the same
//! table, so a table → methodology → table round trip is lossless.

use crate::decimal::{parse_decimal_cell, Dec};
use crate::error::{Collector, ErrorCode, ParError, Problems};
use crate::methodology::{
    ChoiceOption, Methodology, MethodologyDef, NodeDef, Policies, Rule, RuleBand,
    METHODOLOGY_SCHEMA,
};
use crate::table::Table;
use crate::text::{DefiningMsg, ReadingMsg};
use compact_str::CompactString;
use std::collections::{HashMap, HashSet};

/// The columns of a criteria table, in the order [`export`] writes them.
pub const COLUMNS: [&str; 10] = [
    "code",
    "name",
    "max",
    "component",
    "survey",
    "rule",
    "options",
    "bands",
    "measure",
    "target",
];
const NOTES: &str = "notes";

/// What the table does not say about the methodology.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub id: String,
    pub name: String,
    pub decision: Option<String>,
    pub date: Option<String>,
    pub level: Option<String>,
}

struct Row {
    number: usize,
    node: NodeDef,
    max_given: bool,
}

/// Builds and validates a methodology from a criteria table; every problem names its row.
pub fn import(table: &Table, header: Header) -> Result<Methodology, Problems> {
    let mut problems = Collector::default();
    let col = |name: &str| {
        table.header.iter().position(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case(name)
        })
    };
    for (i, h) in table.header.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').trim().to_lowercase();
        if !COLUMNS.contains(&h.as_str()) && h != NOTES && !h.is_empty() {
            problems.push(
                ParError::new(
                    ErrorCode::UnknownField,
                    DefiningMsg::NotACriteriaColumn {
                        column: h.clone(),
                        expected: COLUMNS
                            .iter()
                            .chain([&NOTES])
                            .map(|c| c.to_string())
                            .collect(),
                    },
                )
                .field(h)
                .row(1)
                .value(i.to_string()),
            );
        }
    }
    for required in ["code", "name", "max"] {
        if col(required).is_none() {
            problems.push(
                ParError::new(
                    ErrorCode::MissingField,
                    DefiningMsg::CriteriaColumnMissing {
                        column: required.to_string(),
                    },
                )
                .field(required)
                .row(1),
            );
        }
    }
    problems.checkpoint()?;
    let cols: HashMap<&str, Option<usize>> = COLUMNS
        .iter()
        .chain([&NOTES])
        .map(|c| (*c, col(c)))
        .collect();

    let mut rows: Vec<Row> = Vec::new();
    // Codes of rows left out for their own problems; their subtrees are left out with them, and
    // their ancestors' sums are not checked, so that one mistake is reported once.
    let mut unusable: HashSet<String> = HashSet::new();
    for (r, cells) in table.rows.iter().enumerate() {
        let number = r + 2;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |name: &str| {
            cols[name]
                .and_then(|c| cells.get(c))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
        };
        let at = |e: ParError| e.row(number);
        let Some(code) = cell("code") else {
            problems.push(at(ParError::new(
                ErrorCode::MissingField,
                ReadingMsg::RowWithoutCode,
            )
            .field("code")));
            continue;
        };
        let at = |e: ParError| e.row(number).node(code);
        let name = cell("name").unwrap_or_default().to_string();
        if name.is_empty() {
            problems.push(at(ParError::new(
                ErrorCode::MissingField,
                DefiningMsg::RowWithoutName,
            )
            .field("name")));
        }
        let max = match cell("max").map(parse_decimal_cell) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                problems.push(at(e.field("max")));
                unusable.insert(code.to_string());
                continue;
            }
            None => None,
        };
        let survey = match cell("survey").map(yes_no) {
            None => false,
            Some(Some(b)) => b,
            Some(None) => {
                problems.push(at(ParError::new(
                    ErrorCode::BadType,
                    DefiningMsg::SurveyNotYesNo,
                )
                .field("survey")
                .value(cell("survey").unwrap_or_default())));
                false
            }
        };
        let rule = match parse_rule(
            cell("rule"),
            cell("options"),
            cell("bands"),
            cell("target"),
            cell("measure"),
        ) {
            Ok(rule) => rule,
            Err(errors) => {
                errors.into_iter().for_each(|e| problems.push(at(e)));
                None
            }
        };
        rows.push(Row {
            number,
            max_given: max.is_some(),
            node: NodeDef {
                code: code.to_string(),
                name,
                max: Dec(max.unwrap_or_default()),
                component: cell("component").map(str::to_string),
                survey,
                rule,
                notes: cell(NOTES).map(str::to_string),
                children: Vec::new(),
            },
        });
    }

    // Attach each row under the row whose code is its code minus the last part.
    let row_of: HashMap<String, usize> = rows
        .iter()
        .map(|r| (r.node.code.clone(), r.number))
        .collect();
    let position: HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.node.code.as_str(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut tops = Vec::new();
    // The shallowest codes in the table are the top level: usually the fields (`1`), or the
    // criteria (`1.1`) of a table that is an excerpt.
    let depth = |code: &str| code.matches('.').count();
    let top_depth = rows.iter().map(|r| depth(&r.node.code)).min().unwrap_or(0);
    for (i, r) in rows.iter().enumerate() {
        match r.node.code.rsplit_once('.') {
            _ if depth(&r.node.code) == top_depth => tops.push(i),
            None => tops.push(i),
            Some((parent, _)) if unusable.contains(parent) => {
                unusable.insert(r.node.code.clone());
            }
            Some((parent, _)) => match position.get(parent) {
                Some(&p) if p < i => children[p].push(i),
                Some(_) => problems.push(
                    ParError::new(
                        ErrorCode::BadCode,
                        DefiningMsg::ParentAfterChild {
                            parent: parent.to_string(),
                            code: r.node.code.clone(),
                        },
                    )
                    .node(&r.node.code)
                    .field("code")
                    .row(r.number)
                    .value(&r.node.code),
                ),
                None => problems.push(
                    ParError::new(
                        ErrorCode::BadCode,
                        DefiningMsg::NoParentRow {
                            parent: parent.to_string(),
                            code: r.node.code.clone(),
                        },
                    )
                    .node(&r.node.code)
                    .field("code")
                    .row(r.number)
                    .value(&r.node.code),
                ),
            },
        }
    }

    let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let nodes: Vec<NodeDef> = tops
        .iter()
        .filter_map(|&i| build(i, &mut slots, &children))
        .collect();
    let def = MethodologyDef {
        schema: METHODOLOGY_SCHEMA.to_string(),
        id: header.id,
        name: header.name,
        decision: header.decision,
        date: header.date,
        level: header.level,
        completeness: None,
        sources: Vec::new(),
        notes: None,
        default_component: None,
        policies: Policies::default(),
        bands: Vec::new(),
        blocks: Vec::new(),
        nodes,
        adjustments: Vec::new(),
    };
    let above_unusable = |code: &str| unusable.iter().any(|u| u.starts_with(&format!("{code}.")));
    let validated = Methodology::from_def(def);
    let later = match &validated {
        Ok(_) => Vec::new(),
        Err(p) => p.problems.clone(),
    };
    for e in later {
        let skip =
            e.code == ErrorCode::MaxMismatch && e.node.as_deref().is_some_and(above_unusable);
        if !skip {
            let row = e.node.as_ref().and_then(|n| row_of.get(n)).copied();
            problems.push(match row {
                Some(row) => e.row(row),
                None => e,
            });
        }
    }
    let m = validated.ok();
    match (problems.is_empty(), m) {
        (true, Some(m)) => Ok(m),
        _ => Err(std::mem::take(&mut problems).finish(()).unwrap_err()),
    }
}

/// Moves row `i` and its subtree out of `slots` into a tree; a parent without a max gets the sum.
fn build(i: usize, slots: &mut [Option<Row>], children: &[Vec<usize>]) -> Option<NodeDef> {
    let row = slots[i].take()?;
    let mut node = row.node;
    node.children = children[i]
        .iter()
        .filter_map(|&c| build(c, slots, children))
        .collect();
    if !row.max_given && !node.children.is_empty() {
        node.max = Dec(node.children.iter().map(|c| c.max.0).sum());
    }
    Some(node)
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "x" | "có" | "co" | "1" => Some(true),
        "no" | "n" | "false" | "không" | "khong" | "0" => Some(false),
        _ => None,
    }
}

fn parse_rule(
    rule: Option<&str>,
    options: Option<&str>,
    bands: Option<&str>,
    target: Option<&str>,
    measure: Option<&str>,
) -> Result<Option<Rule>, Vec<ParError>> {
    let kind = match rule.map(|r| r.trim().to_lowercase()) {
        Some(k) => k,
        None if options.is_some() => "choice".into(),
        None if bands.is_some() => "bands".into(),
        None if target.is_some() => "ratio".into(),
        None => return Ok(None),
    };
    let bad = |field: &str, msg: DefiningMsg, value: &str| {
        vec![ParError::new(ErrorCode::BadRule, msg)
            .field(field)
            .value(value)]
    };
    match kind.as_str() {
        "points" => Ok(Some(Rule::Points)),
        "choice" => {
            let text =
                options.ok_or_else(|| bad("options", DefiningMsg::ChoiceWithoutOptions, ""))?;
            Ok(Some(Rule::Choice {
                options: parse_pairs(text, "options")?
                    .into_iter()
                    .map(|(label, points)| ChoiceOption {
                        label,
                        points: Dec(points),
                    })
                    .collect(),
            }))
        }
        "yes_no" => {
            let mut yes = None;
            let mut no = None;
            for (label, points) in parse_pairs(options.unwrap_or_default(), "options")? {
                match yes_no(&label) {
                    Some(true) => yes = Some(Dec(points)),
                    Some(false) => no = Some(Dec(points)),
                    None => {
                        return Err(bad(
                            "options",
                            DefiningMsg::YesNoOptions {
                                label: label.clone(),
                            },
                            &label,
                        ))
                    }
                }
            }
            Ok(Some(Rule::YesNo { yes, no }))
        }
        "bands" => {
            let text = bands.ok_or_else(|| bad("bands", DefiningMsg::BandsRuleWithoutBands, ""))?;
            let mut out = Vec::new();
            let mut errors = Vec::new();
            for (written, points) in parse_pairs(text, "bands")? {
                // `label: interval=points` names the band; a bare interval is its own label.
                let (label, interval) = match written.rsplit_once(':') {
                    Some((l, i)) => (l.trim().to_string(), i.trim().to_string()),
                    None => (written.clone(), written.clone()),
                };
                match parse_interval(&interval) {
                    Some((min, min_inclusive, max, max_inclusive)) => out.push(RuleBand {
                        label: Some(label),
                        points: Dec(points),
                        min,
                        min_inclusive,
                        max,
                        max_inclusive,
                    }),
                    None => errors.extend(bad(
                        "bands",
                        DefiningMsg::NotABand {
                            written: interval.clone(),
                        },
                        &written,
                    )),
                }
            }
            if errors.is_empty() {
                Ok(Some(Rule::Bands {
                    measure: measure.map(str::to_string),
                    bands: out,
                }))
            } else {
                Err(errors)
            }
        }
        "ratio" => {
            let text = target.ok_or_else(|| bad("target", DefiningMsg::RatioWithoutTarget, ""))?;
            let target = parse_decimal_cell(text).map_err(|e| vec![e.field("target")])?;
            Ok(Some(Rule::Ratio {
                target: Dec(target),
            }))
        }
        other => Err(bad(
            "rule",
            DefiningMsg::NotARule {
                given: other.to_string(),
            },
            other,
        )),
    }
}

/// `label=points; label=points` (the last `=` separates, so labels may contain `=`).
fn parse_pairs(
    text: &str,
    field: &str,
) -> Result<Vec<(String, rust_decimal::Decimal)>, Vec<ParError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part.rsplit_once('=') {
            Some((label, points)) => match parse_decimal_cell(points) {
                Ok(p) => out.push((label.trim().to_string(), p)),
                Err(e) => errors.push(e.field(field)),
            },
            None => errors.push(
                ParError::new(
                    ErrorCode::BadRule,
                    DefiningMsg::PairWithoutPoints {
                        part: part.to_string(),
                    },
                )
                .field(field)
                .value(part),
            ),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

type Interval = (Option<Dec>, bool, Option<Dec>, bool);

/// `>90%`, `≥90`, `<70%`, `≤70`, `70%-90%` (both ends in), `70-<90`, `>70-90`, `>70-<90`.
fn parse_interval(text: &str) -> Option<Interval> {
    let t: String = text
        .chars()
        .filter(|c| *c != '%' && !c.is_whitespace())
        .collect();
    let num = |s: &str| parse_decimal_cell(s).ok().map(Dec);
    let lower = |s: &str| -> Option<(Dec, bool)> {
        if let Some(r) = s.strip_prefix(">=").or_else(|| s.strip_prefix('≥')) {
            Some((num(r)?, true))
        } else if let Some(r) = s.strip_prefix('>') {
            Some((num(r)?, false))
        } else {
            Some((num(s)?, true))
        }
    };
    let upper = |s: &str| -> Option<(Dec, bool)> {
        if let Some(r) = s.strip_prefix("<=").or_else(|| s.strip_prefix('≤')) {
            Some((num(r)?, true))
        } else if let Some(r) = s.strip_prefix('<') {
            Some((num(r)?, false))
        } else {
            Some((num(s)?, true))
        }
    };
    // A range has a '-' after its first character (a leading '-' would be a sign).
    if let Some(dash) = t
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '-')
        .map(|(i, _)| i)
    {
        let (lo, hi) = (&t[..dash], &t[dash + 1..]);
        let (lo, li) = lower(lo)?;
        let (hi, hx) = upper(hi)?;
        return Some((Some(lo), li, Some(hi), hx));
    }
    if t.starts_with('<') || t.starts_with('≤') {
        let (hi, hx) = upper(&t)?;
        return Some((None, true, Some(hi), hx));
    }
    if t.starts_with('>') || t.starts_with('≥') {
        let (lo, li) = lower(&t)?;
        return Some((Some(lo), li, None, true));
    }
    None
}

fn interval_text(b: &RuleBand) -> String {
    let lo = b
        .min
        .map(|m| format!("{}{}", if b.min_inclusive { "" } else { ">" }, m.0));
    let hi = b
        .max
        .map(|m| format!("{}{}", if b.max_inclusive { "" } else { "<" }, m.0));
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
        (Some(lo), None) if b.min_inclusive => format!("≥{lo}"),
        (Some(lo), None) => lo,
        (None, Some(hi)) if b.max_inclusive => format!("≤{hi}"),
        (None, Some(hi)) => hi,
        (None, None) => "≥0".to_string(),
    }
}

/// One node as a table row, column by column (the order of [`COLUMNS`], then notes).
fn row(n: &NodeDef) -> Vec<String> {
    let joined = |parts: Vec<String>| parts.join("; ");
    let (mut rule, mut options, mut bands, mut measure, mut target) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    match &n.rule {
        None => {}
        Some(Rule::Points) => rule = "points".into(),
        Some(Rule::Choice { options: o }) => {
            rule = "choice".into();
            options = joined(
                o.iter()
                    .map(|o| format!("{}={}", o.label, o.points.0))
                    .collect(),
            );
        }
        Some(Rule::YesNo { yes, no }) => {
            rule = "yes_no".into();
            let answers = [("yes", yes), ("no", no)];
            options = joined(
                answers
                    .iter()
                    .filter_map(|(a, v)| v.map(|v| format!("{a}={}", v.0)))
                    .collect(),
            );
        }
        Some(Rule::Bands {
            bands: b,
            measure: m,
        }) => {
            rule = "bands".into();
            measure = m.clone().unwrap_or_default();
            bands = joined(
                b.iter()
                    .map(|b| {
                        let interval = interval_text(b);
                        match b.label.as_deref().filter(|l| *l != interval) {
                            Some(label) => format!("{label}: {interval}={}", b.points.0),
                            None => format!("{interval}={}", b.points.0),
                        }
                    })
                    .collect(),
            );
        }
        Some(Rule::Ratio { target: t }) => {
            rule = "ratio".into();
            target = t.0.to_string();
        }
    }
    vec![
        n.code.clone(),
        n.name.clone(),
        n.max.0.to_string(),
        n.component.clone().unwrap_or_default(),
        if n.survey {
            "yes".into()
        } else {
            String::new()
        },
        rule,
        options,
        bands,
        measure,
        target,
        n.notes.clone().unwrap_or_default(),
    ]
}

/// The methodology as a criteria table (header + one row per node, in tree order).
pub fn export(m: &Methodology) -> Table {
    fn walk(n: &NodeDef, rows: &mut Vec<Vec<CompactString>>) {
        rows.push(row(n).into_iter().map(CompactString::from).collect());
        for c in &n.children {
            walk(c, rows);
        }
    }
    let mut rows = Vec::new();
    for n in &m.def().nodes {
        walk(n, &mut rows);
    }
    Table {
        header: COLUMNS
            .iter()
            .chain([&NOTES])
            .map(|s| s.to_string())
            .collect(),
        rows,
        float_columns: Vec::new(),
    }
}
