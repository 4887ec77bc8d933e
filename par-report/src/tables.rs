//! The tables every report is made of — the ranking of each block, points by criterion, the
//! criterion analysis, the points lost, the changes — built once from results, then written as
//! workbook sheets ([`crate::workbook`]) or as CSV for Excel ([`crate::excel_csv`]).

use par_core::analysis::analyze;
use par_core::compare::Comparison;
use par_core::text::{Label, ReportText};
use par_core::{Dec, Lang, Results, TreeEntry, UnitResult};

/// A cell of a sheet.
pub(crate) enum Cell {
    Text(String),
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
    pub header: Vec<String>,
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
            Cell::Text(u.unit.clone()),
            Cell::Amount(u.points),
            Cell::Amount(u.index),
            optional_text(u.band.clone()),
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
                header: columns.header(lang),
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
        header,
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
                Cell::Text(u.unit.clone()),
            ];
            row.extend((0..results.tree.len()).map(|at| node_points(u, at)));
            row.extend(adjustment_cells(u, &adjustments));
            row
        })
        .collect();
    Table {
        name: ReportText::PointsSheet.render(lang),
        subtitle: None,
        header,
        rows,
        after: Vec::new(),
    }
}

/// The criterion analysis: per block, every node in tree order.
pub(crate) fn analysis_table(results: &Results, lang: Lang) -> Table {
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
    let analysis = analyze(results);
    let rows = analysis
        .blocks
        .iter()
        .flat_map(|block| {
            let shown = block.name.clone().or_else(|| block.block.clone());
            block.criteria.iter().map(move |c| {
                vec![
                    optional_text(shown.clone()),
                    Cell::Text(c.code.clone()),
                    Cell::Text(c.name.clone()),
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
                    Cell::Text(some_names(&c.best, lang)),
                    Cell::Text(some_names(&c.worst, lang)),
                ]
            })
        })
        .collect();
    Table {
        name: ReportText::AnalysisSheet.render(lang),
        subtitle: None,
        header,
        rows,
        after: Vec::new(),
    }
}

/// Criteria listed per unit on the points-lost sheet.
pub(crate) const LOST_PER_UNIT: usize = 10;

/// Per unit in ranking order, the ten criteria where it lost most points
/// ([`par_core::UnitResult::lost_nodes`]): what a report tells each unit to work on. Every
/// criterion of every unit is in `par analyze` and in the unit's own `lost_points`.
pub(crate) fn lost_table(results: &Results, lang: Lang) -> Table {
    use Label::*;
    let header = [
        Block, Rank, Unit, Code, Criterion, Points, Max, Lost, Source,
    ]
    .iter()
    .map(|l| l.render(lang))
    .collect();
    let mut rows = Vec::new();
    for u in &results.units {
        for n in u.lost_nodes().into_iter().take(LOST_PER_UNIT) {
            rows.push(vec![
                block_cell(results, u),
                Cell::Count(i64::from(u.rank)),
                Cell::Text(u.unit.clone()),
                Cell::Text(n.code().to_string()),
                Cell::Text(n.node().map(|t| t.name.clone()).unwrap_or_default()),
                Cell::Amount(n.points()),
                Cell::Amount(n.max()),
                Cell::Amount(n.lost()),
                Cell::Text(Label::source(n.source(), n.round(), lang)),
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
        header,
        rows,
        after: Vec::new(),
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
    let fields: Vec<(String, String)> = c
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
                Cell::Text(m.unit.clone()),
                optional_text(m.block_shown().map(str::to_string)),
                Cell::Amount(previous),
                Cell::Amount(current),
                Cell::Change(change),
                Cell::Count(i64::from(m.previous_rank)),
                Cell::Count(i64::from(m.current_rank)),
                Cell::Moved(m.rank_change),
            ];
            row.extend(fields.iter().map(
                |(code, _)| match m.fields.iter().find(|f| f.code == *code) {
                    Some(f) => Cell::Change(f.change),
                    None => Cell::Blank,
                },
            ));
            row
        })
        .collect();
    let mut after = Vec::new();
    for (heading, units) in unmatched(c, lang) {
        if !after.is_empty() {
            after.push(Vec::new());
        }
        after.push(vec![Cell::Text(heading)]);
        after.extend(units.iter().map(|u| vec![Cell::Text(u.clone())]));
    }
    let notes = comparison_notes(c, lang);
    Table {
        name: ReportText::ChangesSheet.render(lang),
        subtitle: (!notes.is_empty()).then(|| notes.join(" ")),
        header,
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
pub(crate) fn some_names(names: &[String], lang: Lang) -> String {
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
    for u in &results.units {
        for name in of(u) {
            if !met.iter().any(|m| m == name) {
                met.push(name.to_string());
            }
        }
    }
    met
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
    codes.iter().map(|code| {
        let given = u.nodes.adjustments().find(|a| a.code() == code);
        given.map(|a| a.points())
    })
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
    optional_text(shown.map(str::to_string))
}

fn optional_text(text: Option<String>) -> Cell {
    text.map_or(Cell::Blank, Cell::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_names_ten_units_and_counts_the_rest() {
        let names: Vec<String> = (1..=12).map(|i| format!("Xã {i}")).collect();
        let cell = some_names(&names, Lang::Vi);
        assert!(cell.starts_with("Xã 1, Xã 2,"), "{cell}");
        assert!(cell.ends_with("Xã 10 và 2 đơn vị khác"), "{cell}");
        assert_eq!(some_names(&names[..2], Lang::En), "Xã 1, Xã 2");
    }
}
