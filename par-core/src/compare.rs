//! Year-over-year comparison of two rankings: change of index and of rank per unit. A ranking is
//! results the engine scored, or a ranking as it was published (a table of unit, index and rank,
//! such as last year's decision announcing the index), read by [`Ranking::from_table`].

use crate::decimal::{parse_decimal_cell, Dec};
use crate::error::{Collector, ErrorCode, ParError, Problems};
use crate::json::escaped_len;
use crate::limits::COMPARISON_TEXT_BYTES;
use crate::names::{unit_key, unit_name};
use crate::results::Results;
use crate::table::{
    column, missing_unit, no_units_row, BelowTitles, BlockHeadings, Shape, Table, BLOCK, CODE, UNIT,
};
use crate::text::{Msg, ReadingMsg, ScoringMsg};
use crate::HashMap;
use compact_str::CompactString;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

pub const COMPARISON_SCHEMA: &str = "par.comparison/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub schema: String,
    /// The methodology each ranking was scored with; none for a published table, which does not
    /// say. Indexes of different methodologies may not compare (see [`Comparison::methodologies_differ`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_methodology: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_methodology: Option<String>,
    /// Units present in both, in the current results' order.
    pub units: Vec<Move>,
    pub only_in_previous: Vec<String>,
    pub only_in_current: Vec<String>,
    /// Whether the previous ranks are recounted within the current blocks: the two rankings
    /// group their units otherwise (one ranked every unit together, as a published list does,
    /// the other within blocks; a unit moved to another block), and a rank within one grouping
    /// against a rank within the other would show a unit that fell as rising.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub previous_ranked_in_blocks: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub unit: String,
    pub block: Option<String>,
    /// The block's name, where the results name it apart from its id (`Sở, ban, ngành` for
    /// `so`): what a sheet or a table for people shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_name: Option<String>,
    pub previous_index: Dec,
    pub current_index: Dec,
    /// current − previous, of the printed (rounded) indexes, as publications compute it.
    pub change: Dec,
    pub previous_rank: u32,
    pub current_rank: u32,
    /// previous rank − current rank: positive means the unit moved up.
    pub rank_change: i64,
    /// The move of each field (top-level node), when both rankings were scored on the same
    /// methodology and it has more than one field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldMove>,
}

impl Move {
    /// The unit's block as a person reads it: its name, else its id.
    pub fn block_shown(&self) -> Option<&str> {
        self.block_name.as_deref().or(self.block.as_deref())
    }

    /// The previous index, the current one and the change, each with `places` decimal places
    /// at least ([`Comparison::places_shown`]): padded, never rounded.
    pub fn shown(&self, places: u32) -> [Dec; 3] {
        [self.previous_index, self.current_index, self.change].map(|Dec(mut figure)| {
            if figure.scale() < places {
                figure.rescale(places);
            }
            Dec(figure)
        })
    }
}

/// A unit's index on one field, then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldMove {
    pub code: String,
    /// Shared with every unit's move on the field: a name may be 16 KB, and 500 units on 20
    /// such fields copied it half a gigabyte's worth.
    pub name: Arc<str>,
    pub previous_index: Dec,
    pub current_index: Dec,
    pub change: Dec,
}

/// One unit's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub unit: String,
    pub block: Option<String>,
    /// The block's name, where scored results name it apart from its id.
    pub block_name: Option<String>,
    pub index: Dec,
    pub rank: u32,
    /// The unit's index on each field, for scored results whose tree has more than one field:
    /// (code, name, index), the name shared with every standing's.
    pub fields: Vec<(String, Arc<str>, Dec)>,
}

/// A ranking to compare: the standings, and the methodology they were scored with when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub methodology: Option<String>,
    pub standings: Vec<Standing>,
}

/// Headings of a published ranking's columns; a heading with `PAR INDEX` in it, or starting with
/// `Chỉ số` (not `Chỉ số thành phần`), is the index too (`Chỉ số PAR INDEX 2022 (%)`).
const INDEX: &[&str] = &[
    "index",
    "chỉ số",
    "chỉ số (%)",
    "chỉ số cải cách hành chính",
    "chỉ số cchc",
    "par index",
    "chỉ số par index",
    "điểm chỉ số",
];
const RANK: &[&str] = &["rank", "xếp hạng", "thứ hạng", "hạng", "thứ tự xếp hạng"];

impl Ranking {
    /// The ranking scored results make.
    pub fn of(results: &Results) -> Ranking {
        // A tree of one field has no field moves to show beside the index's own. Each field's
        // name is made once and shared by every unit's standing.
        let fields: Vec<(usize, &crate::methodology::TreeEntry, Arc<str>)> = results
            .tree
            .iter()
            .enumerate()
            .filter(|(_, t)| t.parent.is_none())
            .map(|(at, t)| (at, t, Arc::from(t.name.as_str())))
            .collect();
        let fields = if fields.len() > 1 { fields } else { Vec::new() };
        Ranking {
            methodology: Some(results.methodology.id.clone()),
            standings: results
                .units
                .iter()
                .map(|u| Standing {
                    unit: u.unit.clone(),
                    block: u.block.clone(),
                    block_name: results.block_name(&u.block).map(str::to_string),
                    index: u.index,
                    rank: u.rank,
                    fields: fields
                        .iter()
                        .filter_map(|(at, t, name)| {
                            let index = u.nodes.at(*at)?.index()?;
                            Some((t.code.clone(), Arc::clone(name), index))
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Whether a table's header heads no ranking (it lacks a unit's, an index's or a rank's
    /// column): its rows need not be read to say so, as [`Ranking::from_sheets`] passes over
    /// such a sheet.
    pub fn heads_none(table: &Table) -> bool {
        Ranking::from_table(table).is_err_and(|refused| holds_no_ranking(&refused))
    }

    /// A ranking published in a workbook, a sheet a block as `par report` writes one: every
    /// sheet holding a ranking, the units of a sheet without a block column in the block its
    /// sheet is named for (their ranks count within it). A sheet holding none (a cover, a
    /// report's analysis, a chart sheet that cannot be read as a table) is passed over; one
    /// holding a ranking with problems says them, each said of its sheet, and a unit ranked on
    /// two sheets (a summary sheet beside the blocks', a year a sheet) is refused, naming both.
    /// With no sheet holding a ranking, the first sheet's problems are the answer.
    ///
    /// The sheets are given one at a time, each read as it is asked for and let go once read.
    pub fn from_sheets(
        sheets: impl IntoIterator<Item = (String, Result<Table, ParError>)>,
    ) -> Result<Ranking, Problems> {
        let mut found: Vec<(String, Ranking)> = Vec::new();
        let (mut problems, mut first_refusal) = (Vec::new(), None);
        for (sheet, table) in sheets {
            let read = table
                .map_err(Problems::from)
                .and_then(|t| Ranking::from_table(&t));
            match read {
                Ok(ranking) => found.push((sheet, ranking)),
                Err(refused)
                    if holds_no_ranking(&refused) || refused.problems.iter().any(unread) =>
                {
                    first_refusal.get_or_insert(refused);
                }
                Err(refused) => {
                    let said = refused
                        .problems
                        .into_iter()
                        .map(|e| e.on_sheet(Some(&sheet)));
                    problems.extend(said);
                }
            }
        }
        problems.extend(unit_on_two_sheets(&found));
        if !problems.is_empty() {
            return Err(problems.into());
        }
        if found.len() == 1 {
            return Ok(found.remove(0).1);
        }
        if found.is_empty() {
            return Err(first_refusal.unwrap_or_else(|| {
                ParError::new(ErrorCode::UnreadableFile, ReadingMsg::NoSheets).into()
            }));
        }
        let standings = found.into_iter().flat_map(|(sheet, ranking)| {
            ranking.standings.into_iter().map(move |mut s| {
                s.block.get_or_insert_with(|| sheet.clone());
                s
            })
        });
        Ok(Ranking {
            methodology: None,
            standings: standings.collect(),
        })
    }

    /// The ranking as a table a published ranking is read from (block, unit, index, rank): for a
    /// binding that compares CSV text, a workbook's ranking read on every sheet.
    pub fn to_table(&self) -> Table {
        let header = ["block", "unit", "index", "rank"]
            .map(str::to_string)
            .to_vec();
        let rows = (self.standings.iter())
            .map(|s| {
                let block = s.block.as_deref().unwrap_or_default();
                let index = s.index.0.to_string();
                [block, &s.unit, &index, &s.rank.to_string()]
                    .map(CompactString::from)
                    .to_vec()
            })
            .collect();
        Table {
            header,
            rows,
            ..Table::default()
        }
    }

    /// A ranking as published: a table with a unit column (`Đơn vị`, `Tỉnh, thành phố`…), the
    /// index (`Chỉ số`, `index`; decimal commas read) and the rank (`Xếp hạng`, `rank`), and
    /// optionally the block, below title rows if any. Every problem names its row, a row out of
    /// line with the header ([`Table::rows_left_out`]) among them.
    pub fn from_table(table: &Table) -> Result<Ranking, Problems> {
        table.rows_left_out_said(Ranking::from_rows_read(table))
    }

    /// [`Ranking::from_table`] of the rows read.
    fn from_rows_read(table: &Table) -> Result<Ranking, Problems> {
        let (table, header_row) = with_index_below(table.below_title_rows());
        let needed = |names: &[&str], field: &str| {
            column(&table.header, names).ok_or_else(|| {
                let message = ReadingMsg::RankingColumnMissing {
                    column: field.to_string(),
                };
                ParError::new(ErrorCode::MissingField, message)
                    .field(field)
                    .row(header_row)
            })
        };
        let mut problems = Collector::default();
        let unit = problems.keep(needed(UNIT, "unit"));
        let index = problems
            .keep(needed(INDEX, "index").or_else(|e| index_heading(&table.header).ok_or(e)));
        let rank = problems.keep(needed(RANK, "rank"));
        let block = column(&table.header, BLOCK);
        let (Some(unit), Some(index), Some(rank)) = (unit, index, rank) else {
            // At least one column is missing, and said: the error is never empty.
            return problems.finish(()).and(Err(Problems { problems: vec![] }));
        };
        let (mut standings, mut rows) = (Vec::new(), Vec::new());
        let mut headings = BlockHeadings::new(Shape::Wide, None, table.rows, unit);
        let code = column(&table.header, CODE);
        let mut heading = None;
        for (i, cells) in table.rows.iter().enumerate() {
            let row = header_row + 1 + i;
            let cell = |c: usize| cells.get(c).map(|s| s.trim()).unwrap_or_default();
            // A published ranking groups its units as a score sheet does (`I. KHỐI SỞ, BAN,
            // NGÀNH`, a block's mean below its units): what is no unit is passed over.
            if cells.iter().all(|c| c.trim().is_empty())
                || no_units_row(&table.header, (unit, code), table.rows, i)
            {
                continue;
            }
            if let Some(block) = headings.heading(None, cells, unit) {
                heading = Some(block);
                continue;
            }
            if cell(unit).is_empty() {
                problems.push(missing_unit(row));
                continue;
            }
            let at = |e: ParError| e.row(row).unit(cell(unit));
            // An index published as a percentage (`90,10%`, a sheet's cell formatted `0.00%`).
            let index_text = cell(index)
                .strip_suffix('%')
                .unwrap_or(cell(index))
                .trim_end();
            let index = parse_decimal_cell(index_text).map_err(|e| at(e.field("index")));
            let index =
                index.and_then(
                    |i| match (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&i) {
                        true => Ok(i),
                        false => Err(at(published_index_outside(index_text))),
                    },
                );
            let rank =
                published_rank(cell(rank)).map_err(|e| at(e.field("rank").value(cell(rank))));
            if let (Some(index), Some(rank)) = (problems.keep(index), problems.keep(rank)) {
                rows.push(row);
                standings.push(Standing {
                    // Named as scored units are: white space typed two ways is one name.
                    unit: unit_name(cell(unit)).into_owned(),
                    block: (block.map(cell).filter(|b| !b.is_empty()))
                        .or(heading)
                        .map(str::to_string),
                    // A published list names its blocks as it groups them.
                    block_name: None,
                    index: Dec(index),
                    rank,
                    fields: Vec::new(),
                });
            }
        }
        let ranking = Ranking {
            methodology: None,
            standings,
        };
        check_published_units(&ranking, &rows, &mut problems);
        check_published_ranks(&ranking, &rows, &mut problems);
        problems.finish(ranking)
    }
}

/// A rank read from a published ranking: a whole number from 1, and within the most units an
/// input may have (a rank of billions is no whole number the sheet means, but no word of it is
/// wrong either). Its problem, without its place.
fn published_rank(given: &str) -> Result<u32, ParError> {
    let whole = given.parse::<u64>().ok().filter(|&r| r >= 1);
    let (code, message) = match whole {
        Some(rank) if rank <= crate::limits::UNITS.max as u64 => return Ok(rank as u32),
        Some(_) => (
            ErrorCode::OutOfRange,
            ReadingMsg::RankBeyondAnyRanking {
                given: given.to_string(),
                most: crate::limits::UNITS.max,
            },
        ),
        None => (
            ErrorCode::BadType,
            ReadingMsg::NotARank {
                given: given.to_string(),
            },
        ),
    };
    Err(ParError::new(code, message))
}

/// An index read from a published ranking that is no percentage.
fn published_index_outside(given: &str) -> ParError {
    let message = ReadingMsg::PublishedIndexOutside {
        given: given.to_string(),
    };
    ParError::new(ErrorCode::OutOfRange, message)
        .field("index")
        .value(given)
}

/// Whether a sheet could not be read as a table (a chart sheet): then it holds no ranking.
fn unread(problem: &ParError) -> bool {
    problem.code == ErrorCode::UnreadableFile
}

/// The first unit ranked on two sheets of a workbook, if any, said naming both.
fn unit_on_two_sheets(found: &[(String, Ranking)]) -> Option<ParError> {
    let mut seen: HashMap<String, &str> = HashMap::default();
    for (sheet, ranking) in found {
        for s in &ranking.standings {
            // (A unit twice on one sheet was refused with the sheet: `check_published_units`.)
            if let Some(first) = seen.insert(unit_key(&s.unit), sheet) {
                let message = ReadingMsg::UnitOnTwoSheets {
                    unit: s.unit.clone(),
                    first: first.to_string(),
                    second: sheet.clone(),
                };
                let problem = ParError::new(ErrorCode::DuplicateUnit, message);
                return Some(problem.field("sheet").unit(&s.unit));
            }
        }
    }
    None
}

/// Whether a table's refusal as a ranking says only that it has none: columns missing.
fn holds_no_ranking(refused: &Problems) -> bool {
    (refused.problems.iter()).all(|e| {
        matches!(
            *e.message,
            Msg::Reading(ReadingMsg::RankingColumnMissing { .. })
        )
    })
}

/// A unit is listed once, however spelled (as a comparison matches it).
fn check_published_units(ranking: &Ranking, rows: &[usize], problems: &mut Collector) {
    let mut seen = HashSet::new();
    for (s, &row) in ranking.standings.iter().zip(rows) {
        if !seen.insert(unit_key(&s.unit)) {
            let message = ScoringMsg::UnitTwice {
                unit: s.unit.clone(),
            };
            let twice = ParError::new(ErrorCode::DuplicateUnit, message).field("unit");
            problems.push(twice.unit(&s.unit).value(&s.unit).row(row));
        }
    }
}

/// Within each group it ranks in, a published unit ranks before every unit with a lower index.
/// A list may be an excerpt (the lowest five of 63 provinces), so only the order is asked: each
/// unit against the next of a lower index, which names a rank typed wrong once, not once for
/// every unit it passes.
fn check_published_ranks(ranking: &Ranking, rows: &[usize], problems: &mut Collector) {
    let group_of = ranked_by(ranking);
    let mut groups: IndexMap<Option<&str>, Vec<(&Standing, usize)>> = IndexMap::new();
    for (s, &row) in ranking.standings.iter().zip(rows) {
        groups.entry(group_of(s)).or_default().push((s, row));
    }
    for members in groups.into_values() {
        let row_of: HashMap<&str, usize> = members
            .iter()
            .map(|(s, row)| (s.unit.as_str(), *row))
            .collect();
        for (higher, lower) in ranks_out_of_order(members.iter().map(|(s, _)| *s).collect()) {
            let message = ReadingMsg::PublishedRankOrder {
                rank: higher.rank,
                index: higher.index.0.to_string(),
                other: lower.unit.clone(),
                other_rank: lower.rank,
                other_index: lower.index.0.to_string(),
            };
            let problem = ParError::new(ErrorCode::ConflictingInput, message).field("rank");
            let problem = problem.unit(&higher.unit).value(higher.rank.to_string());
            problems.push(problem.row(row_of[higher.unit.as_str()]));
        }
    }
}

/// The first heading that names the index in words of its own: `… PAR INDEX …`, or `Chỉ số …`
/// but not a component's (`Chỉ số thành phần`).
fn index_heading(header: &[String]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim().to_lowercase();
        h.contains("par index") || (h.starts_with("chỉ số") && !h.contains("thành phần"))
    })
}

/// A published ranking's header of two rows, its index headed on the second (`Kết quả` merged
/// over `Tổng điểm | Chỉ số (%)`): each column headed by the second row where it has a heading,
/// by the first elsewhere (`Tên đơn vị`, `Xếp hạng` merged down both), its rows below the second.
/// A header naming its index is as it is.
fn with_index_below((table, header_row): (BelowTitles<'_>, usize)) -> (BelowTitles<'_>, usize) {
    let headed = |header: &[String]| column(header, INDEX).or_else(|| index_heading(header));
    let Some(below) = table.rows.first() else {
        return (table, header_row);
    };
    let below: Vec<String> = below.iter().map(|c| c.trim().to_string()).collect();
    if headed(&table.header).is_some() || headed(&below).is_none() {
        return (table, header_row);
    }
    let width = table.header.len().max(below.len());
    let header = (0..width)
        .map(|c| match below.get(c).filter(|b| !b.is_empty()) {
            Some(heading) => heading.clone(),
            None => table.header.get(c).cloned().unwrap_or_default(),
        })
        .collect();
    let rows = &table.rows[1..];
    (
        BelowTitles {
            header: Cow::Owned(header),
            rows,
        },
        header_row + 1,
    )
}

/// Matches units by name, however it was spelled each year (capitals, where a tone mark sits:
/// `Hòa` and `Hoà`, as scoring takes two such spellings for one unit); a unit that changed block
/// is still matched (blocks are reported as now, and the previous ranks recounted within them).
pub fn compare(previous: &Results, current: &Results) -> Comparison {
    compare_rankings(&Ranking::of(previous), &Ranking::of(current))
}

/// [`compare`] of any two rankings, scored or published.
pub fn compare_rankings(previous: &Ranking, current: &Ranking) -> Comparison {
    let (found, matched) = previous_places(previous, current);
    // Fields of different methodologies may share a code and measure different things.
    let same_methodology =
        previous.methodology.is_some() && previous.methodology == current.methodology;
    let in_blocks = ranks_within_blocks(previous, current, &found);
    let mut units = Vec::new();
    let mut only_in_current = Vec::new();
    for (now, found) in current.standings.iter().zip(&found) {
        match *found {
            Some(i) => {
                let then = &previous.standings[i];
                let previous_rank = in_blocks.as_ref().map_or(then.rank, |ranks| ranks[i]);
                units.push(Move {
                    unit: now.unit.clone(),
                    block: now.block.clone(),
                    block_name: now.block_name.clone(),
                    previous_index: then.index,
                    current_index: now.index,
                    change: Dec(now.index.0 - then.index.0),
                    previous_rank,
                    current_rank: now.rank,
                    rank_change: i64::from(previous_rank) - i64::from(now.rank),
                    fields: match same_methodology {
                        true => field_moves(then, now),
                        false => Vec::new(),
                    },
                });
            }
            None => only_in_current.push(now.unit.clone()),
        }
    }
    let only_in_previous = previous
        .standings
        .iter()
        .zip(matched)
        .filter(|(_, m)| !m)
        .map(|(u, _)| u.unit.clone())
        .collect();
    Comparison {
        schema: COMPARISON_SCHEMA.to_string(),
        previous_methodology: previous.methodology.clone(),
        current_methodology: current.methodology.clone(),
        units,
        only_in_previous,
        only_in_current,
        previous_ranked_in_blocks: in_blocks.is_some(),
    }
}

/// Where each current unit stands in the previous ranking, if it does, and which previous units
/// were found so. A name given twice in either list is matched once, at its first place.
fn previous_places(previous: &Ranking, current: &Ranking) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut before: HashMap<String, usize> = HashMap::default();
    for (i, u) in previous.standings.iter().enumerate() {
        before.entry(unit_key(&u.unit)).or_insert(i);
    }
    let mut matched = vec![false; previous.standings.len()];
    let found = (current.standings.iter())
        .map(|now| {
            let i = *before.get(&unit_key(&now.unit))?;
            (!std::mem::replace(&mut matched[i], true)).then_some(i)
        })
        .collect();
    (found, matched)
}

/// The previous ranks recounted within the current blocks, where the two rankings group their
/// units otherwise: a rank within last year's block is no rank within this year's, nor within
/// one ranking of every unit. `None` where every current block holds exactly the units one
/// previous group held (among the units both rank), whose ranks then compare as published.
///
/// A current block whose units all stood in one previous group (every unit ranked together
/// last year, or a unit moved out of it) is recounted by their previous ranks, which keeps
/// ties and tie-breakers; one whose units come from several groups (blocks merged, a unit moved
/// in, blocks no longer used) by their previous indexes, the only figure ranked alike across
/// groups: each unit's rank is one more than the units of its block ahead of it.
fn ranks_within_blocks(
    previous: &Ranking,
    current: &Ranking,
    found: &[Option<usize>],
) -> Option<Vec<u32>> {
    let (group_of, block_of) = (ranked_by(previous), ranked_by(current));
    // The previous places of the units of each current block, and where each previous group's
    // units went.
    let mut blocks: IndexMap<Option<&str>, Vec<usize>> = IndexMap::new();
    let mut went: HashMap<Option<&str>, Option<&str>> = HashMap::default();
    let mut split = HashSet::new();
    for (now, &i) in current.standings.iter().zip(found) {
        let Some(i) = i else { continue };
        let (group, block) = (group_of(&previous.standings[i]), block_of(now));
        blocks.entry(block).or_default().push(i);
        if *went.entry(group).or_insert(block) != block {
            split.insert(group);
        }
    }
    let mut ranks: Vec<u32> = previous.standings.iter().map(|s| s.rank).collect();
    let mut recounted = false;
    for members in blocks.values() {
        let group = |&i: &usize| group_of(&previous.standings[i]);
        let one_group = members
            .iter()
            .map(group)
            .all(|g| Some(g) == members.first().map(group));
        if one_group && members.first().is_some_and(|i| !split.contains(&group(i))) {
            continue;
        }
        recounted = true;
        let then = |i: usize| &previous.standings[i];
        if one_group {
            let mut ahead: Vec<u32> = members.iter().map(|&i| then(i).rank).collect();
            ahead.sort_unstable();
            for &i in members {
                ranks[i] = place(ahead.partition_point(|&r| r < then(i).rank));
            }
        } else {
            let mut ahead: Vec<Decimal> = members.iter().map(|&i| then(i).index.0).collect();
            ahead.sort_unstable_by(|a, b| b.cmp(a));
            for &i in members {
                ranks[i] = place(ahead.partition_point(|&x| x > then(i).index.0));
            }
        }
    }
    recounted.then_some(ranks)
}

/// The group a standing is ranked within: its block where the ranking ranks within blocks, else
/// none. Scored results rank within their blocks. A published list may group its units (a
/// block column, headings: `Nhóm A (chỉ số từ 85%)`) and still rank them all together; it ranks
/// within its groups when its ranks cannot be one ranking of every unit: a unit ranked at or
/// after one with a lower index ([`ranks_out_of_order`]: ranks restarting in each block, an
/// excerpt of each block's last units), while ties, shared ranks and gaps fit one ranking.
fn ranked_by(ranking: &Ranking) -> impl Fn(&Standing) -> Option<&str> {
    let grouped = ranking.standings.iter().any(|s| s.block.is_some());
    let within_blocks = ranking.methodology.is_some()
        || (grouped && !ranks_out_of_order(ranking.standings.iter().collect()).is_empty());
    move |s: &Standing| s.block.as_deref().filter(|_| within_blocks)
}

/// The pairs of standings whose ranks do not follow their indexes: each unit ranked at or after
/// the next unit of a lower index (units of one index may share a rank or be told apart).
fn ranks_out_of_order(mut standings: Vec<&Standing>) -> Vec<(&Standing, &Standing)> {
    // Best index first; of one index, best rank first: each pair across two indexes is the
    // higher one's last rank against the lower one's first.
    standings.sort_by(|a, b| (b.index.0.cmp(&a.index.0)).then(a.rank.cmp(&b.rank)));
    (standings.windows(2))
        .filter(|pair| pair[0].index.0 > pair[1].index.0 && pair[0].rank >= pair[1].rank)
        .map(|pair| (pair[0], pair[1]))
        .collect()
}

/// The rank of a unit with `ahead` units ranked before it.
fn place(ahead: usize) -> u32 {
    u32::try_from(ahead + 1).unwrap_or(u32::MAX)
}

/// The fields a unit has in both rankings, in the current one's order.
fn field_moves(then: &Standing, now: &Standing) -> Vec<FieldMove> {
    // Looked up by code (a tree may have thousands of fields), the first of a code given twice.
    let mut previous: HashMap<&str, Dec> = HashMap::default();
    for (code, _, index) in &then.fields {
        previous.entry(code.as_str()).or_insert(*index);
    }
    now.fields
        .iter()
        .filter_map(|(code, name, current)| {
            let previous = previous.get(code.as_str())?;
            Some(FieldMove {
                code: code.clone(),
                name: Arc::clone(name),
                previous_index: *previous,
                current_index: *current,
                change: Dec(current.0 - previous.0),
            })
        })
        .collect()
}

impl Comparison {
    /// The decimal places a table for people shows every index and change with: the most any
    /// index of either ranking has. A ranking as a sheet stores it gives `90` beside `62.5`
    /// where the sheet shows `90,00` and `62,50`, and a published `90` stands beside this year's
    /// scored `90,00`: the columns line up ([`Move::shown`]).
    pub fn places_shown(&self) -> u32 {
        let scales = (self.units.iter()).flat_map(|m| [m.previous_index, m.current_index]);
        scales.map(|Dec(index)| index.scale()).max().unwrap_or(0)
    }

    /// Whether the two rankings were scored with methodologies known to differ: their indexes
    /// measure different things, and a move may be the methodology's, not the unit's.
    pub fn methodologies_differ(&self) -> bool {
        matches!((&self.previous_methodology, &self.current_methodology), (Some(a), Some(b)) if a != b)
    }

    /// The comparison as `par.comparison/1` JSON; refused when it would name more than
    /// [`COMPARISON_TEXT_BYTES`].
    pub fn to_json(&self) -> Result<String, ParError> {
        COMPARISON_TEXT_BYTES.check(self.text_bytes())?;
        Ok(crate::json::to_pretty(self))
    }

    /// The bytes of the names the comparison's JSON gives ([`COMPARISON_TEXT_BYTES`]), each as
    /// written ([`escaped_len`]); a field's name, shared by every unit's move on it, is measured
    /// once.
    fn text_bytes(&self) -> usize {
        let mut measured: HashMap<*const u8, usize> = HashMap::default();
        let mut bytes = 0usize;
        for m in &self.units {
            let own = [Some(&m.unit), m.block.as_ref(), m.block_name.as_ref()];
            for text in own.into_iter().flatten() {
                bytes = bytes.saturating_add(escaped_len(text));
            }
            for f in &m.fields {
                let name = Arc::as_ptr(&f.name).cast::<u8>();
                let name = *measured.entry(name).or_insert_with(|| escaped_len(&f.name));
                bytes = bytes.saturating_add(escaped_len(&f.code).saturating_add(name));
            }
        }
        let only = self.only_in_previous.iter().chain(&self.only_in_current);
        only.map(|unit| escaped_len(unit))
            .fold(bytes, usize::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking(units: &[&str]) -> Ranking {
        let standings = units.iter().enumerate().map(|(i, unit)| Standing {
            unit: unit.to_string(),
            block: None,
            block_name: None,
            index: Dec(rust_decimal::Decimal::from(90 - i as i64)),
            rank: i as u32 + 1,
            fields: Vec::new(),
        });
        Ranking {
            methodology: None,
            standings: standings.collect(),
        }
    }

    /// Each unit matched, with its previous rank.
    fn previous_ranks(c: &Comparison) -> Vec<(&str, u32)> {
        (c.units.iter())
            .map(|m| (m.unit.as_str(), m.previous_rank))
            .collect()
    }

    #[test]
    fn a_unit_is_matched_however_each_year_spelled_it() {
        // Capitals, and the tone mark on the `o` (Unikey's default) or on the `a`; a name given
        // twice last year is matched once, the second left over.
        let previous = ranking(&["SỞ Y TẾ", "Xã Tân Hoà", "Sở Tư pháp", "Sở Tư Pháp", "Xã Cũ"]);
        let current = ranking(&["Sở Tư pháp", "Sở Y tế", "Xã Tân Hòa", "Xã Mới"]);
        let c = compare_rankings(&previous, &current);
        assert_eq!(
            previous_ranks(&c),
            [("Sở Tư pháp", 3), ("Sở Y tế", 1), ("Xã Tân Hòa", 2)]
        );
        assert_eq!(c.only_in_previous, ["Sở Tư Pháp", "Xã Cũ"]);
        assert_eq!(c.only_in_current, ["Xã Mới"]);
    }

    #[test]
    fn a_unit_is_matched_however_its_name_was_spaced() {
        // Results edited by hand may keep what a name as read never has: two spaces, a
        // zero-width space copied from a web page. Either list may carry them.
        let previous = ranking(&["Sở  Y tế", "Sở Tư\u{200B} pháp"]);
        let current = ranking(&["Sở Tư pháp", "Sở Y  tế"]);
        let c = compare_rankings(&previous, &current);
        assert_eq!(previous_ranks(&c), [("Sở Tư pháp", 2), ("Sở Y  tế", 1)]);
        assert!(c.only_in_previous.is_empty() && c.only_in_current.is_empty());
    }

    fn in_blocks(mut r: Ranking, blocks: &[&str]) -> Ranking {
        for (s, block) in r.standings.iter_mut().zip(blocks) {
            s.block = Some(block.to_string());
        }
        r
    }

    #[test]
    fn ranks_within_last_years_blocks_are_recounted_by_index_for_one_ranking_of_every_unit() {
        // helper-51 F1: first of its block, third overall, is no fall of two places.
        let previous = published(&[
            ("Sở Y tế", "so", 90, 1),
            ("Huyện Giao Thủy", "huyen", 85, 1),
            ("Sở Tư pháp", "so", 80, 2),
            ("Huyện Hải Hậu", "huyen", 75, 2),
        ]);
        let current = ranking(&["Sở Y tế", "Huyện Giao Thủy", "Sở Tư pháp", "Huyện Hải Hậu"]);
        let c = compare_rankings(&previous, &current);
        assert!(c.previous_ranked_in_blocks);
        assert_eq!(
            previous_ranks(&c),
            [
                ("Sở Y tế", 1),
                ("Huyện Giao Thủy", 2),
                ("Sở Tư pháp", 3),
                ("Huyện Hải Hậu", 4)
            ]
        );
        assert!(c.units.iter().all(|m| m.rank_change == 0));
    }

    #[test]
    fn a_unit_moved_to_another_block_is_ranked_among_its_new_block_by_index() {
        // helper-51 F4: Sở Y tế, third of the departments, is now with the districts.
        let names = [
            "Sở Tư pháp",
            "Sở Nội vụ",
            "Sở Y tế",
            "Huyện Giao Thủy",
            "Huyện Hải Hậu",
        ];
        let mut previous = in_blocks(ranking(&names), &["so", "so", "so", "huyen", "huyen"]);
        for (s, rank) in previous.standings.iter_mut().zip([1, 2, 3, 1, 2]) {
            s.rank = rank;
        }
        // Indexes 90 … 86: the departments' are above the districts'.
        let mut current = in_blocks(ranking(&names), &["so", "so", "huyen", "huyen", "huyen"]);
        for (s, rank) in current.standings.iter_mut().zip([1, 2, 1, 2, 3]) {
            s.rank = rank;
        }
        let c = compare_rankings(&previous, &current);
        assert!(c.previous_ranked_in_blocks);
        assert_eq!(
            previous_ranks(&c),
            [
                ("Sở Tư pháp", 1),
                ("Sở Nội vụ", 2),
                ("Sở Y tế", 1),
                ("Huyện Giao Thủy", 2),
                ("Huyện Hải Hậu", 3),
            ]
        );
        assert!(c.units.iter().all(|m| m.rank_change == 0));
    }

    #[test]
    fn a_comparison_of_two_published_rankings_shows_every_figure_at_the_same_places() {
        let read = |csv: &str| Ranking::from_table(&crate::Table::from_csv(csv).unwrap()).unwrap();
        let previous = read("unit,index,rank\nA,\"62,5\",2\nB,90,1\n");
        let current = read("unit,index,rank\nA,90,1\nB,\"72,25\",2\n");
        let c = compare_rankings(&previous, &current);
        assert_eq!(c.places_shown(), 2);
        let shown = |m: &Move| m.shown(c.places_shown()).map(|Dec(d)| d.to_string());
        assert_eq!(shown(&c.units[0]), ["62.50", "90.00", "27.50"]);
        assert_eq!(shown(&c.units[1]), ["90.00", "72.25", "-17.75"]);
        // As read: what was published is kept as it was written.
        assert_eq!(c.units[0].current_index.0.to_string(), "90");
    }

    #[test]
    fn a_rank_is_a_whole_number_from_one_within_the_most_units_an_input_may_have() {
        let read = |rank: &str| {
            let csv = format!("unit,index,rank\nA,90,{rank}\n");
            Ranking::from_table(&crate::Table::from_csv(&csv).unwrap())
        };
        assert!(read("100000").is_ok());
        for (rank, code, message) in [
            (
                "0",
                ErrorCode::BadType,
                "the rank '0' is not a whole number from 1",
            ),
            (
                "1,5",
                ErrorCode::BadType,
                "the rank '1,5' is not a whole number from 1",
            ),
            (
                "4294967296",
                ErrorCode::OutOfRange,
                "the rank '4294967296' is beyond any ranking's number of units (at most 100,000)",
            ),
        ] {
            let refused = read(&format!("\"{rank}\"")).unwrap_err().problems;
            assert_eq!(refused.len(), 1, "{rank}");
            assert_eq!(refused[0].code, code, "{rank}");
            assert_eq!(refused[0].message.render(crate::Lang::En), message);
            assert_eq!(refused[0].field.as_deref(), Some("rank"));
        }
    }

    /// A published list: units with their block, index and rank.
    fn published(units: &[(&str, &str, i64, u32)]) -> Ranking {
        let standings = units.iter().map(|&(unit, block, index, rank)| Standing {
            unit: unit.to_string(),
            block: Some(block.to_string()),
            block_name: None,
            index: Dec(Decimal::from(index)),
            rank,
            fields: Vec::new(),
        });
        Ranking {
            methodology: None,
            standings: standings.collect(),
        }
    }

    #[test]
    fn a_published_list_ranks_within_its_groups_only_where_its_ranks_are_no_one_ranking() {
        fn within(r: &Ranking) -> Vec<Option<&str>> {
            r.standings.iter().map(ranked_by(r)).collect()
        }
        // helper-53 F1: every unit ranked together, two of different blocks tied third.
        let overall = published(&[
            ("A", "so", 90, 1),
            ("B", "huyen", 80, 2),
            ("C", "so", 66, 3),
            ("D", "huyen", 66, 3),
        ]);
        assert_eq!(within(&overall), [None; 4]);
        // Ranks restarting in each block.
        let blocks = published(&[
            ("A", "so", 90, 1),
            ("B", "huyen", 80, 1),
            ("C", "so", 66, 2),
        ]);
        assert_eq!(within(&blocks), [Some("so"), Some("huyen"), Some("so")]);
        // helper-53 F2: each block's last units, ranked within their blocks.
        let excerpt = published(&[
            ("A", "so", 78, 15),
            ("B", "so", 77, 16),
            ("C", "huyen", 70, 8),
        ]);
        assert_eq!(within(&excerpt), [Some("so"), Some("so"), Some("huyen")]);
        let mut problems = Collector::default();
        check_published_ranks(&excerpt, &[2, 3, 4], &mut problems);
        assert!(
            problems.finish(()).is_ok(),
            "an excerpt in order within its blocks"
        );
    }

    #[test]
    fn rankings_grouping_their_units_alike_compare_ranks_as_published() {
        // Last year's list ranked a unit no longer there: ranks are not recounted for it.
        let previous = ranking(&["Xã Cũ", "Xã A", "Xã B"]);
        let current = ranking(&["Xã A", "Xã B"]);
        let c = compare_rankings(&previous, &current);
        assert!(!c.previous_ranked_in_blocks);
        assert_eq!(previous_ranks(&c), [("Xã A", 2), ("Xã B", 3)]);
    }

    #[test]
    fn a_second_spelling_in_the_current_blocks_is_not_counted_in_the_recount() {
        // Last year ranked together; this year `Sở Tư Pháp` in the districts' block is a second
        // spelling of `Sở Tư pháp`, matched already: its block's recount leaves it out.
        let previous = ranking(&["Huyện Giao Thủy", "Sở Tư pháp", "Sở Nội vụ"]);
        let mut current = ranking(&["Sở Tư pháp", "Sở Nội vụ", "Huyện Giao Thủy", "Sở Tư Pháp"]);
        for (s, block) in current
            .standings
            .iter_mut()
            .zip(["so", "so", "huyen", "huyen"])
        {
            s.block = Some(block.to_string());
        }
        // Scored: its blocks are the blocks it ranks within.
        current.methodology = Some("test".to_string());
        let c = compare_rankings(&previous, &current);
        assert_eq!(
            previous_ranks(&c),
            [("Sở Tư pháp", 1), ("Sở Nội vụ", 2), ("Huyện Giao Thủy", 1)]
        );
        assert_eq!(c.only_in_current, ["Sở Tư Pháp"]);
    }
}
