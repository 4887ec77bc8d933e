//! A methodology as a criteria table in the project's own columns ([`super::COLUMNS`]): the
//! table [`super::import`] reads back to the same methodology.

use super::written::label_in_pairs;
use super::{COLUMNS, NOTES};
use crate::methodology::{Methodology, NodeDef, Policies, Rule, RuleBand};
use crate::table::Table;
use crate::text::{Listed, NotExported, OwnDetail};
use compact_str::CompactString;

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
                    .map(|o| format!("{}={}", label_in_pairs(&o.label), o.points.0))
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
                            Some(label) => {
                                let label = label_in_pairs(label);
                                format!("{label}: {interval}={}", b.points.0)
                            }
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

/// A cell as Excel opening the table shows it as text: one starting as a formula does (a name
/// typed `=HYPERLINK(…)`, or `- Tỷ lệ …` as a decision lists its points) behind an apostrophe,
/// which Excel would otherwise run, or show as `#NAME?` and save so. Import reads the text after
/// it ([`super::as_typed`]); so that a name typed with an apostrophe before such a start
/// (`'=x`) reads back as typed, it gets one more.
fn kept_text(cell: String) -> CompactString {
    match super::formula_like(&cell) {
        true => format!("'{cell}").into(),
        false => cell.into(),
    }
}

/// The methodology as a criteria table (header + one row per node, in tree order).
pub fn export(m: &Methodology) -> Table {
    fn walk(n: &NodeDef, rows: &mut Vec<Vec<CompactString>>) {
        rows.push(row(n).into_iter().map(kept_text).collect());
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
        ..Table::default()
    }
}

/// What the criteria table of `m` ([`export`]) does not hold, each part of `m` it leaves out:
/// said beside the table, which would otherwise lose them without a word when imported back.
pub fn not_exported(m: &Methodology) -> Vec<NotExported> {
    let def = m.def();
    let mut left_out = Vec::new();
    if !def.adjustments.is_empty() {
        let codes = Listed::of(&def.adjustments, |a| a.code.clone());
        left_out.push(NotExported::Adjustments { codes });
    }
    if let Some(component) = &def.default_component {
        let component = component.clone();
        left_out.push(NotExported::DefaultComponent { component });
    }
    if !def.bands.is_empty() {
        left_out.push(NotExported::Classification);
    }
    if !def.blocks.is_empty() {
        let count = def.blocks.len();
        left_out.push(NotExported::Blocks { count });
    }
    if def.policies != Policies::default() {
        left_out.push(NotExported::Policies);
    }
    let given = [
        (OwnDetail::Decision, def.decision.is_some()),
        (OwnDetail::Date, def.date.is_some()),
        (OwnDetail::Level, def.level.is_some()),
        (OwnDetail::Completeness, def.completeness.is_some()),
        (OwnDetail::Sources, !def.sources.is_empty()),
        (OwnDetail::Notes, def.notes.is_some()),
    ];
    let fields: Vec<OwnDetail> = given.iter().filter(|(_, g)| *g).map(|(d, _)| *d).collect();
    if !fields.is_empty() {
        left_out.push(NotExported::Details { fields });
    }
    left_out
}

#[cfg(test)]
mod tests {
    use super::{super::as_typed, kept_text};

    /// Every name reads back as typed, whatever apostrophes it starts with.
    #[test]
    fn a_cell_kept_text_reads_back_as_typed() {
        for name in [
            "=x",
            "- Tỷ lệ",
            "'=x",
            "''+y",
            "'abc",
            "'",
            "''",
            "abc",
            "' =x",
            "@",
        ] {
            let kept = kept_text(name.to_string());
            assert_eq!(as_typed(&kept), name, "{kept}");
        }
        assert_eq!(kept_text("'=x".into()), "''=x");
        assert_eq!(kept_text("'abc".into()), "'abc");
    }
}
