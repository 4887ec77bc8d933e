//! The tables every report is made of — the ranking of each block, points by criterion, the
//! criterion analysis, the points lost, the changes — built once from results, then written as
//! workbook sheets ([`crate::workbook`]) or as CSV for Excel ([`crate::excel_csv`]).

use par_core::analysis::analyze;
use par_core::compare::Comparison;
use par_core::text::{Label, ReportText};
use par_core::{Dec, Lang, ParError, Results, TreeEntry, UnitResult};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

/// A cell of a sheet. A text is shared, not copied, by the rows that repeat it: the points-lost
/// sheet gives a criterion's name on a row of every unit that lost points on it, the analysis
/// sheet on a row of every block (the analysis's own name, shared).
#[derive(Clone)]
pub(crate) enum Cell {
    Text(Arc<str>),
    /// An amount at the methodology's scale.
    Amount(Dec),
    /// A change of an amount, shown with its sign (`+10,00`, `-2,50`).
    Change(Dec),
    Count(i64),
    /// A change of rank, shown with its sign (`+4` up, `-2` down).
    Moved(i64),
    Blank,
}

/// A sheet before it is written: its name, the line under the titles, the header and the rows;
/// then, after a blank row and outside the rows a filter sorts, lists that follow the table.
pub(crate) struct Table {
    pub name: String,
    pub subtitle: Option<String>,
    /// Shared by the ranking sheets of every block.
    pub header: Rc<[String]>,
    pub rows: Vec<Vec<Cell>>,
    pub after: Vec<Vec<Cell>>,
}

impl Table {
    /// The rows as they are written: the table's, then a blank row and the lists after it.
    pub fn written_rows(&self) -> impl Iterator<Item = &[Cell]> {
        let blank = (!self.after.is_empty()).then_some(&[][..]);
        (self.rows.iter().map(Vec::as_slice))
            .chain(blank)
            .chain(self.after.iter().map(Vec::as_slice))
    }

    /// How many rows [`Table::written_rows`] gives.
    pub fn written_len(&self) -> usize {
        match self.after.len() {
            0 => self.rows.len(),
            after => self.rows.len() + 1 + after,
        }
    }
}

/// The columns of a ranking: rank, unit, points, index, band, the components, the fields, then
/// the bonus and penalty adjustments (with which the fields add up to the points).
struct RankingColumns<'r> {
    components: Vec<String>,
    fields: Vec<(usize, &'r TreeEntry)>,
    adjustments: Vec<String>,
}

impl<'r> RankingColumns<'r> {
    fn of(results: &'r Results) -> Self {
        RankingColumns {
            components: component_names(results),
            fields: fields(results),
            adjustments: adjustment_codes(results),
        }
    }

    fn header(&self, lang: Lang) -> Vec<String> {
        use Label::*;
        let mut header: Vec<String> = [Rank, Unit, Points, Index, Band]
            .iter()
            .map(|l| l.render(lang))
            .collect();
        header.extend(self.components.iter().map(|tag| component_name(tag, lang)));
        header.extend(
            self.fields
                .iter()
                .map(|(_, t)| format!("{} {}", t.code, t.name)),
        );
        header.extend(adjustment_headers(&self.adjustments, lang));
        header
    }

    fn row(&self, u: &UnitResult) -> Vec<Cell> {
        let mut row = vec![
            Cell::Count(i64::from(u.rank)),
            text(&u.unit),
            Cell::Amount(u.points),
            Cell::Amount(u.index),
            optional_text(u.band.as_deref()),
        ];
        row.extend(self.components.iter().map(|c| match u.components.get(c) {
            Some(c) => Cell::Amount(c.points),
            None => Cell::Blank,
        }));
        row.extend(self.fields.iter().map(|(at, _)| node_points(u, *at)));
        row.extend(adjustment_cells(u, &self.adjustments));
        row
    }
}

/// One ranking sheet per block (one sheet when there are no blocks), named for the block.
pub(crate) fn ranking_tables(results: &Results, lang: Lang) -> Vec<Table> {
    let columns = RankingColumns::of(results);
    let header: Rc<[String]> = columns.header(lang).into();
    let several = results.blocks.len() > 1;
    results
        .blocks
        .iter()
        .map(|block| {
            let shown = block.name.clone().or_else(|| block.block.clone());
            let rows = results
                .units
                .iter()
                .filter(|u| u.block == block.block)
                .map(|u| columns.row(u))
                .collect();
            let name = match (several, &shown) {
                (true, Some(name)) => name.clone(),
                _ => ReportText::RankingSheet.render(lang),
            };
            Table {
                name,
                subtitle: shown.filter(|_| several || block.block.is_some()),
                header: Rc::clone(&header),
                rows,
                after: Vec::new(),
            }
        })
        .collect()
}

/// The whole ranking in one table, the block first on each row.
pub(crate) fn ranking_table(results: &Results, lang: Lang) -> Table {
    let columns = RankingColumns::of(results);
    let mut header = vec![Label::Block.render(lang)];
    header.extend(columns.header(lang));
    let rows = results
        .units
        .iter()
        .map(|u| {
            let mut row = vec![block_cell(results, u)];
            row.extend(columns.row(u));
            row
        })
        .collect();
    Table {
        name: ReportText::RankingSheet.render(lang),
        subtitle: None,
        header: header.into(),
        rows,
        after: Vec::new(),
    }
}

/// Every unit's points on every node of the tree, and on each adjustment.
pub(crate) fn points_table(results: &Results, lang: Lang) -> Table {
    use Label::*;
    let adjustments = adjustment_codes(results);
    let mut header: Vec<String> = [Block, Rank, Unit].iter().map(|l| l.render(lang)).collect();
    header.extend(
        results
            .tree
            .iter()
            .map(|t| format!("{} {}", t.code, t.name)),
    );
    header.extend(adjustment_headers(&adjustments, lang));
    let rows = results
        .units
        .iter()
        .map(|u| {
            let mut row = vec![
                block_cell(results, u),
                Cell::Count(i64::from(u.rank)),
                text(&u.unit),
            ];
            row.extend((0..results.tree.len()).map(|at| node_points(u, at)));
            row.extend(adjustment_cells(u, &adjustments));
            row
        })
        .collect();
    Table {
        name: ReportText::PointsSheet.render(lang),
        subtitle: None,
        header: header.into(),
        rows,
        after: Vec::new(),
    }
}

/// The criterion analysis: per block, every node in tree order; refused where the analysis is
/// ([`par_core::limits::ANALYSIS_TEXT_BYTES`]).
pub(crate) fn analysis_table(results: &Results, lang: Lang) -> Result<Table, ParError> {
    use Label::*;
    let mut header: Vec<String> = [
        Block, Code, Criterion, Max, Mean, Median, Lowest, Highest, MeanIndex, AtFull, AtZero, Lost,
    ]
    .iter()
    .map(|l| l.render(lang))
    .collect();
    header.extend(
        [
            ReportText::LostMean,
            ReportText::BestUnits,
            ReportText::WorstUnits,
        ]
        .iter()
        .map(|t| t.render(lang)),
    );
    let analysis = analyze(results)?;
    let rows = analysis
        .blocks
        .iter()
        .flat_map(|block| {
            let shown = optional_text(block.name.as_deref().or(block.block.as_deref()));
            block.criteria.iter().map(move |c| {
                vec![
                    shown.clone(),
                    text(&c.code),
                    Cell::Text(Arc::clone(&c.name)),
                    Cell::Amount(c.max),
                    Cell::Amount(c.mean),
                    Cell::Amount(c.median),
                    Cell::Amount(c.lowest),
                    Cell::Amount(c.highest),
                    c.mean_index.map_or(Cell::Blank, Cell::Amount),
                    Cell::Count(c.at_full as i64),
                    Cell::Count(c.at_zero as i64),
                    Cell::Amount(c.lost),
                    Cell::Amount(c.lost_mean),
                    text(&some_names(&c.best, lang)),
                    text(&some_names(&c.worst, lang)),
                ]
            })
        })
        .collect();
    Ok(Table {
        name: ReportText::AnalysisSheet.render(lang),
        subtitle: None,
        header: header.into(),
        rows,
        after: Vec::new(),
    })
}

/// Criteria listed per unit on the points-lost sheet.
pub(crate) const LOST_PER_UNIT: usize = 10;
/// Cells of a row of the points-lost sheet: block, rank, unit, code, criterion, points, max,
/// lost, source.
pub(crate) const LOST_COLUMNS: usize = 9;

/// Per unit in ranking order, the ten criteria where it lost most points
/// ([`par_core::UnitResult::lost_nodes`]): what a report tells each unit to work on. Every
/// criterion of every unit is in `par analyze` and in the unit's own `lost_points`.
pub(crate) fn lost_table(results: &Results, lang: Lang) -> Table {
    use Label::*;
    let header: Vec<String> = [
        Block, Rank, Unit, Code, Criterion, Points, Max, Lost, Source,
    ]
    .iter()
    .map(|l| l.render(lang))
    .collect();
    // Each text once, shared by the rows that repeat it: a criterion's name may be long, and
    // is on a row of every unit that lost points on it.
    let mut names = SharedNames::default();
    let mut rows = Vec::new();
    for u in &results.units {
        let block = block_cell(results, u);
        let unit = text(&u.unit);
        for n in u.lost_nodes().into_iter().take(LOST_PER_UNIT) {
            let name = names.of(n.node());
            rows.push(vec![
                block.clone(),
                Cell::Count(i64::from(u.rank)),
                unit.clone(),
                text(n.code()),
                name,
                Cell::Amount(n.points()),
                Cell::Amount(n.max()),
                Cell::Amount(n.lost()),
                text(&Label::source(n.source(), n.round(), lang)),
            ]);
        }
    }
    Table {
        name: ReportText::LostSheet.render(lang),
        subtitle: Some(
            ReportText::LostMost {
                count: LOST_PER_UNIT,
            }
            .render(lang),
        ),
        header: header.into(),
        rows,
        after: Vec::new(),
    }
}

/// The names of the tree's nodes as cells, each made once and then shared.
#[derive(Default)]
struct SharedNames(HashMap<*const TreeEntry, Cell>);

impl SharedNames {
    /// The name of `node` (blank text where there is none: an adjustment).
    fn of(&mut self, node: Option<&TreeEntry>) -> Cell {
        let Some(node) = node else {
            return text("");
        };
        // Known by where it is, not by its code: the entry itself, whatever the tree's codes.
        let cell = self.0.entry(std::ptr::from_ref(node));
        cell.or_insert_with(|| text(&node.name)).clone()
    }
}

/// The moves of every unit present in both rankings, and the change on each field when the
/// comparison has them; then the units only one ranking has, one a row under its heading, so
/// that a unit the sheet leaves out is seen to be left out.
pub(crate) fn changes_table(c: &Comparison, lang: Lang) -> Table {
    use Label::*;
    let mut header: Vec<String> = [
        Unit, Block, Previous, Current, Change, RankBefore, RankNow, Moved,
    ]
    .iter()
    .map(|l| l.render(lang))
    .collect();
    let fields: Vec<(String, std::sync::Arc<str>)> = c
        .units
        .iter()
        .find(|m| !m.fields.is_empty())
        .map(|m| {
            m.fields
                .iter()
                .map(|f| (f.code.clone(), f.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    header.extend(fields.iter().map(|(code, name)| {
        ReportText::FieldChange {
            field: format!("{code} {name}"),
        }
        .render(lang)
    }));
    let places = c.places_shown();
    let rows = c
        .units
        .iter()
        .map(|m| {
            let [previous, current, change] = m.shown(places);
            let mut row = vec![
                text(&m.unit),
                optional_text(m.block_shown()),
                Cell::Amount(previous),
                Cell::Amount(current),
                Cell::Change(change),
                Cell::Count(i64::from(m.previous_rank)),
                Cell::Count(i64::from(m.current_rank)),
                Cell::Moved(m.rank_change),
            ];
            let changes = first_by_key(m.fields.iter().map(|f| (f.code.as_str(), f.change)));
            row.extend(
                fields
                    .iter()
                    .map(|(code, _)| match changes.get(code.as_str()) {
                        Some(change) => Cell::Change(*change),
                        None => Cell::Blank,
                    }),
            );
            row
        })
        .collect();
    let mut after = Vec::new();
    for (heading, units) in unmatched(c, lang) {
        if !after.is_empty() {
            after.push(Vec::new());
        }
        after.push(vec![text(&heading)]);
        after.extend(units.iter().map(|u| vec![text(u)]));
    }
    let notes = comparison_notes(c, lang);
    Table {
        name: ReportText::ChangesSheet.render(lang),
        subtitle: (!notes.is_empty()).then(|| notes.join(" ")),
        header: header.into(),
        rows,
        after,
    }
}

/// What a reader of a comparison must know before its moves, each a sentence: the rankings
/// were scored with methodologies known to differ, or one is a ranking as published, which
/// does not name its methodology; the previous ranks were recounted within this period's
/// blocks. Said wherever the moves are shown: the command line, the Excel CSV, the report's
/// sheet and the chart.
pub fn comparison_notes(c: &Comparison, lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    match (&c.previous_methodology, &c.current_methodology) {
        (Some(previous), Some(current)) if c.methodologies_differ() => {
            let note = Label::MethodologiesDiffer {
                previous: previous.clone(),
                current: current.clone(),
            };
            notes.push(note.render(lang));
        }
        (None, _) | (_, None) => notes.push(Label::PublishedRanking.render(lang)),
        _ => {}
    }
    if c.previous_ranked_in_blocks {
        notes.push(Label::PreviousRankedInBlocks.render(lang));
    }
    notes
}

/// The units only one ranking has, each list under its heading (`Chỉ có ở kỳ trước:`); none
/// where every unit is in both.
pub fn unmatched(c: &Comparison, lang: Lang) -> Vec<(String, &[String])> {
    let lists = [
        (Label::OnlyInPrevious, &c.only_in_previous),
        (Label::OnlyInCurrent, &c.only_in_current),
    ];
    lists
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(label, list)| (label.render(lang), list.as_slice()))
        .collect()
}

/// Names shown in one cell: at most ten, then how many more. Many units tie on a criterion (a
/// national run's communes at full points), and a cell holds at most 32,767 characters.
pub(crate) fn some_names<S: std::borrow::Borrow<str>>(names: &[S], lang: Lang) -> String {
    const SHOWN: usize = 10;
    let mut text = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        let count = names.len() - SHOWN;
        text.push_str(&ReportText::AndOthers { count }.render(lang));
    }
    text
}

/// The fields: the top-level nodes of the tree, with their positions.
pub(crate) fn fields(results: &Results) -> Vec<(usize, &TreeEntry)> {
    results
        .tree
        .iter()
        .enumerate()
        .filter(|(_, t)| t.parent.is_none())
        .collect()
}

/// A component as people call it (`Thẩm định`, not `appraisal`).
pub fn component_name(tag: &str, lang: Lang) -> String {
    let tag = tag.to_string();
    ReportText::Component { tag }.render(lang)
}

/// The components any unit has, in the order first met.
pub(crate) fn component_names(results: &Results) -> Vec<String> {
    first_met(results, |u| {
        u.components.keys().map(String::as_str).collect()
    })
}

/// What `of` gives of any unit, each once, in the order first met.
fn first_met(results: &Results, of: impl Fn(&UnitResult) -> Vec<&str>) -> Vec<String> {
    let mut met: Vec<String> = Vec::new();
    // Looked up in a set, not in the list: a methodology may have thousands of adjustments.
    let mut seen: HashSet<&str> = HashSet::new();
    for u in &results.units {
        for name in of(u) {
            if seen.insert(name) {
                met.push(name.to_string());
            }
        }
    }
    met
}

/// The values of `pairs` by their keys, the first of a key kept (as a search from the start
/// finds it): looked up once per column, not searched for, as a unit may have thousands.
fn first_by_key<'k, V>(pairs: impl Iterator<Item = (&'k str, V)>) -> HashMap<&'k str, V> {
    let mut by_key = HashMap::new();
    for (key, value) in pairs {
        by_key.entry(key).or_insert(value);
    }
    by_key
}

/// The codes of the bonus and penalty adjustments any unit was given, in the order first met.
pub fn adjustment_codes(results: &Results) -> Vec<String> {
    first_met(results, |u| {
        u.nodes.adjustments().map(|a| a.code()).collect()
    })
}

/// The headings of the adjustments' columns (`Điểm thưởng/trừ T`).
pub fn adjustment_headers(codes: &[String], lang: Lang) -> impl Iterator<Item = String> + '_ {
    codes.iter().map(move |code| {
        let code = code.clone();
        Label::Adjustment { code }.render(lang)
    })
}

/// The unit's points on each adjustment of `codes`; `None` where it was given none.
pub fn adjustment_points<'u>(
    u: &'u UnitResult,
    codes: &'u [String],
) -> impl Iterator<Item = Option<Dec>> + 'u {
    let given = first_by_key(u.nodes.adjustments().map(|a| (a.code(), a.points())));
    codes
        .iter()
        .map(move |code| given.get(code.as_str()).copied())
}

/// [`adjustment_points`] as cells, blank where none was given.
fn adjustment_cells<'u>(u: &'u UnitResult, codes: &'u [String]) -> impl Iterator<Item = Cell> + 'u {
    adjustment_points(u, codes).map(|p| p.map_or(Cell::Blank, Cell::Amount))
}

fn node_points(u: &UnitResult, at: usize) -> Cell {
    u.nodes
        .at(at)
        .map_or(Cell::Blank, |n| Cell::Amount(n.points()))
}

fn block_cell(results: &Results, u: &UnitResult) -> Cell {
    let shown = results.block_shown(&u.block);
    optional_text(shown)
}

fn optional_text(shown: Option<&str>) -> Cell {
    shown.map_or(Cell::Blank, text)
}

fn text(shown: &str) -> Cell {
    Cell::Text(shown.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::scored;

    /// 2,000 adjustments, each looked up once a unit: each column gives the unit's own points
    /// (each was once searched for among all the unit's adjustments: minutes for 10,000).
    #[test]
    fn each_of_thousands_of_adjustments_has_its_column() {
        let codes: Vec<String> = (0..2000).map(|i| format!("A{i}")).collect();
        let adjustments: Vec<String> = (codes.iter())
            .map(|c| format!(r#"{{"code": "{c}", "name": "x", "min": "-1", "max": "1"}}"#))
            .collect();
        let methodology = format!(
            r#"{{"schema": "par.methodology/1", "id": "adj", "name": "Adj",
                "nodes": [{{"code": "1", "name": "a", "max": "1"}}], "adjustments": [{}]}}"#,
            adjustments.join(",")
        );
        let given: Vec<String> = (codes.iter().enumerate())
            .map(|(i, c)| {
                format!(
                    r#""{c}": {{"value": "{}"}}"#,
                    if i % 2 == 0 { 1 } else { -1 }
                )
            })
            .collect();
        let units = [
            format!(
                r#"{{"unit": "Xã 1", "entries": {{"1": {{"value": "1"}}, {}}}}}"#,
                given.join(",")
            ),
            r#"{"unit": "Xã 2", "entries": {"1": {"value": "1"}}}"#.to_string(),
        ];
        let results = scored(&methodology, &units);
        let columns = adjustment_codes(&results);
        assert_eq!(columns, codes);
        let first = results
            .units
            .iter()
            .find(|u| u.unit == "Xã 1")
            .expect("unit");
        let points: Vec<Option<Dec>> = adjustment_points(first, &columns).collect();
        assert_eq!(points.len(), 2000);
        assert_eq!(points[0].map(|p| p.0.to_string()), Some("1.00".to_string()));
        assert_eq!(
            points[1999].map(|p| p.0.to_string()),
            Some("-1.00".to_string())
        );
        let second = results
            .units
            .iter()
            .find(|u| u.unit == "Xã 2")
            .expect("unit");
        assert!(adjustment_points(second, &columns).all(|p| p.is_none()));
    }

    /// A criterion's name is made once and shared by the rows of every unit that lost points
    /// on it, not copied into each: a 16 KB name on 300,000 rows is 4.8 GB.
    #[test]
    fn the_points_lost_share_each_criterion_name() {
        let long = "y".repeat(10_000);
        let methodology = format!(
            r#"{{"schema": "par.methodology/1", "id": "lost", "name": "Lost",
                "nodes": [{{"code": "1", "name": "Tiêu chí {long}", "max": "1"}}]}}"#
        );
        let units: Vec<String> = (0..3)
            .map(|i| format!(r#"{{"unit": "Xã {i}", "entries": {{"1": {{"value": "0"}}}}}}"#))
            .collect();
        let results = scored(&methodology, &units);
        let lost = lost_table(&results, Lang::En);
        let names: Vec<&Arc<str>> = (lost.rows.iter())
            .filter_map(|row| match &row[4] {
                Cell::Text(name) => Some(name),
                _ => None,
            })
            .collect();
        assert_eq!(names.len(), 3);
        assert!(names[0].ends_with(&long));
        assert!(names.iter().all(|n| Arc::ptr_eq(n, names[0])));
    }

    /// Each unit's change on each field, looked up by the field's code.
    #[test]
    fn the_changes_give_each_field_its_own_change() {
        let methodology = r#"{"schema": "par.methodology/1", "id": "two", "name": "Two",
            "nodes": [{"code": "1", "name": "a", "max": "5"}, {"code": "2", "name": "b", "max": "5"}]}"#;
        let unit = |one: &str, two: &str| {
            format!(
                r#"{{"unit": "Xã", "entries": {{"1": {{"value": "{one}"}}, "2": {{"value": "{two}"}}}}}}"#
            )
        };
        let previous = scored(methodology, &[unit("5", "5")]);
        let current = scored(methodology, &[unit("4", "5")]);
        let comparison = par_core::compare::compare(&previous, &current);
        let table = changes_table(&comparison, Lang::En);
        let changes: Vec<String> = table.rows[0][8..]
            .iter()
            .map(|cell| match cell {
                Cell::Change(change) => change.0.normalize().to_string(),
                _ => "blank".to_string(),
            })
            .collect();
        assert_eq!(changes, ["-20", "0"]);
    }

    #[test]
    fn a_cell_names_ten_units_and_counts_the_rest() {
        let names: Vec<String> = (1..=12).map(|i| format!("Xã {i}")).collect();
        let cell = some_names(&names, Lang::Vi);
        assert!(cell.starts_with("Xã 1, Xã 2,"), "{cell}");
        assert!(cell.ends_with("Xã 10 và 2 đơn vị khác"), "{cell}");
        assert_eq!(some_names(&names[..2], Lang::En), "Xã 1, Xã 2");
    }
}
