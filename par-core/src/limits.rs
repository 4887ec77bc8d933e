//! Hard limits on every dimension of an input, checked before the engine allocates for it.
//!
//! A portal runs the engine inside a browser tab and a province runs it on files that came by
//! email: a hostile or broken file must end in a coded refusal, never in a panic, a hang or a tab
//! killed for its memory. Each limit is far above what real PAR INDEX data needs (the synthetic
//! national commune run, 10,600 units × 130 nodes, is the yardstick) and each refusal is a
//! `limit_exceeded` problem that names its limit in [`ParError::limit`].

use crate::error::{ErrorCode, ParError};
use crate::text::{Counted, ReadingMsg};

/// One limit: its stable name (the `limit` of the problem), its maximum, and what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Stable name, e.g. `table_bytes`; bindings and documentation refer to it.
    pub name: &'static str,
    pub max: usize,
    /// What is counted, in words of the catalogue that follow a number: "bytes of JSON text".
    pub counts: Counted,
}

impl Limit {
    /// `Ok` when `given` is within the limit, else the problem that names it.
    pub fn check(self, given: usize) -> Result<(), ParError> {
        if given > self.max {
            Err(self.exceeded(given))
        } else {
            Ok(())
        }
    }

    /// The refusal of `given`, more than the limit allows.
    pub fn exceeded(self, given: usize) -> ParError {
        self.refusal(Some(given))
    }

    /// The refusal of a count only known to be above the limit (reading stopped there).
    pub fn exceeded_at_least(self) -> ParError {
        self.refusal(None)
    }

    /// The refusal of a text longer than the limit, naming where it is (`field`). The text
    /// itself is not repeated: it may be megabytes.
    pub(crate) fn check_text(self, text: &str, field: impl FnOnce() -> String) -> Option<ParError> {
        (text.len() > self.max).then(|| self.exceeded(text.len()).field(field()))
    }

    /// The message a serde reader fails with for a list past this limit (`exact_list`), which
    /// the JSON reader maps back to this limit's refusal ([`Limit::named_in`]).
    pub(crate) fn serde_message(self) -> String {
        format!("{SERDE_MARKER}{}", self.name)
    }

    /// The limit a serde reader's message says was passed, if it is one of
    /// [`Limit::serde_message`]'s: the whole message, which a value the user typed, quoted in
    /// another message, cannot be.
    pub(crate) fn named_in(message: &str) -> Option<Limit> {
        let name = message.strip_prefix(SERDE_MARKER)?;
        ALL.into_iter().find(|limit| limit.name == name)
    }

    fn refusal(self, given: Option<usize>) -> ParError {
        let message = ReadingMsg::LimitExceeded {
            given,
            max: self.max,
            counted: self.counts,
        };
        let mut e = ParError::new(ErrorCode::LimitExceeded, message);
        e.limit = Some(self.name.to_string());
        e
    }
}

/// Begins [`Limit::serde_message`]; no message of serde's or serde_json's has it.
const SERDE_MARKER: &str = "over limit: ";

const MIB: usize = 1024 * 1024;

/// JSON text in one call: methodology, assessments or results (the national run's assessments
/// are ~124 MiB pretty-printed).
pub const JSON_BYTES: Limit = Limit {
    name: "json_bytes",
    max: 512 * MIB,
    counts: Counted::JsonBytes,
};
/// Nesting of JSON arrays and objects: serde_json's own recursion limit, which keeps a document
/// of brackets from overflowing the stack. A methodology of 16 levels nests 34 deep.
pub const JSON_DEPTH: Limit = Limit {
    name: "json_depth",
    max: 128,
    counts: Counted::JsonDepth,
};
/// CSV text of one table (the national run's long table is 55 MiB).
pub const TABLE_BYTES: Limit = Limit {
    name: "table_bytes",
    max: 128 * MIB,
    counts: Counted::TableBytes,
};
/// Cells of one table, whatever its shape (the national long table has 7.4 million).
pub const TABLE_CELLS: Limit = Limit {
    name: "table_cells",
    max: 16_000_000,
    counts: Counted::TableCells,
};
/// Columns of one table.
pub const TABLE_COLUMNS: Limit = Limit {
    name: "table_columns",
    max: 16_384,
    counts: Counted::TableColumns,
};
/// Text of a workbook's cells, as often as its cells repeat it (an ods's repeated rows and
/// cells, an xlsx's or an xls's shared texts), past which a small file is refused: this, and
/// [`SHEET_TEXT_PER_FILE_BYTE`] bytes more for each byte of the file ([`sheet_text`]), up to a
/// table's text ([`TABLE_BYTES`]). A file of a few kilobytes repeating one long text made
/// 40–120 MB of text, read for 4 s here and for 11–20 s by a portal's page. A real workbook's
/// text is a few times its size (an officials' long table repeats each unit's name on every
/// row): any file over half a megabyte may hold a table's text.
pub const SHEET_TEXT_BYTES: Limit = Limit {
    name: "sheet_text_bytes",
    max: 16 * MIB,
    counts: Counted::TableBytes,
};
/// Bytes of text a workbook may hold for each of its own bytes, beyond [`SHEET_TEXT_BYTES`].
pub const SHEET_TEXT_PER_FILE_BYTE: usize = 256;

/// The text a workbook of `file_bytes` bytes may hold ([`SHEET_TEXT_BYTES`]).
pub fn sheet_text(file_bytes: usize) -> Limit {
    let more = file_bytes.saturating_mul(SHEET_TEXT_PER_FILE_BYTE);
    Limit {
        max: SHEET_TEXT_BYTES
            .max
            .saturating_add(more)
            .min(TABLE_BYTES.max),
        ..SHEET_TEXT_BYTES
    }
}

/// Cells of a workbook as a spreadsheet program lays them out: each sheet from its first row to
/// its last, each row as wide as its widest, empty cells inside included (an ods's repeated rows
/// and cells counted as often as they repeat). An xlsx's sheet is counted as it is read; an
/// ods's or an xls's sheets all together, before any is read, as calamine reads them all at
/// once. Reading takes about 140 bytes a cell (the workbook reader's and the table's), and a
/// one-kilobyte ods repeating a row of sixteen cells a million times took 2.3 GB within
/// `table_cells`. The largest real sheet is a national wide table (10,600 communes × 130
/// columns, 1.4 million; with a self-score and an appraisal column for each criterion, 2.8
/// million); a national long table is no sheet (its 1.06 million rows are past `sheet_rows`).
pub const SHEET_CELLS: Limit = Limit {
    name: "sheet_cells",
    max: 4_000_000,
    counts: Counted::SheetCells,
};
/// Rows of one sheet of a workbook, to its last cell: Excel's and LibreOffice's own limit (an xls
/// has 65,536). A cell below it is written by no spreadsheet program, and every row down to it
/// takes room, filled or not (16 million one-cell rows took gigabytes within `table_cells`).
pub const SHEET_ROWS: Limit = Limit {
    name: "sheet_rows",
    max: 1_048_576,
    counts: Counted::SheetRows,
};
/// Bytes one spreadsheet file may decompress to (its parts together).
pub const SHEET_BYTES: Limit = Limit {
    name: "sheet_bytes",
    max: 256 * MIB,
    counts: Counted::SheetBytes,
};
/// Parts of one spreadsheet file: the entries of its zip, each of which the zip reader holds in
/// memory before a part is read (a workbook has tens; a file of a million empty parts, 50 MB,
/// would take a gigabyte to open).
pub const SHEET_PARTS: Limit = Limit {
    name: "sheet_parts",
    max: 10_000,
    counts: Counted::SheetParts,
};
/// Sheets of a workbook read for a published ranking, no sheet being named: one a block, as `par
/// report` writes them (a national commune ranking by province has 63), and the report's own.
/// Each is read from the workbook anew: a report of 1,000 blocks took 19 s to compare.
pub const RANKING_SHEETS: Limit = Limit {
    name: "ranking_sheets",
    max: 128,
    counts: Counted::RankingSheets,
};
/// Sheets of one criteria workbook named for a section of the methodology (`Xếp loại`, `Khối`,
/// `Quy tắc`), each read apart: an annex has one or two, and each was a pass over the whole
/// workbook (two thousand took a quarter of a minute; the ten thousand a workbook may have,
/// minutes).
pub const SECTION_SHEETS: Limit = Limit {
    name: "section_sheets",
    max: 30,
    counts: Counted::SectionSheets,
};
/// Bytes of one code: a node, adjustment, component or block code. Codes are repeated in every
/// unit's results, so a long one multiplies.
pub const CODE_BYTES: Limit = Limit {
    name: "code_bytes",
    max: 64,
    counts: Counted::CodeBytes,
};
/// Bytes of one text: a name, a label, a unit's name, a reason, an explanation, a note.
pub const TEXT_BYTES: Limit = Limit {
    name: "text_bytes",
    max: 16 * 1024,
    counts: Counted::TextBytes,
};
/// Bytes of one label a methodology gives that is repeated with every unit or criterion scored
/// under it: a band's (of the classification or of a rule), a choice's option, a block's name.
/// Real labels are a few words (the longest in the fixtures is 81 bytes); a 16 KB band label
/// was copied into each of 100,000 units' results, 1.6 GB from a 16 KB methodology.
pub const LABEL_BYTES: Limit = Limit {
    name: "label_bytes",
    max: 1024,
    counts: Counted::LabelBytes,
};
/// Rows with something written in them of one sheet read by `methodology import` (the criteria,
/// or a section's sheet: `Xếp loại`, `Khối`, `Quy tắc`): a tree has at most [`TREE_NODES`]
/// criteria, each a row or a few with its guidance. Each row read is kept with what it was read
/// as: a table of five million rows the import passes over took gigabytes before it was refused.
pub const CRITERIA_ROWS: Limit = Limit {
    name: "criteria_rows",
    max: 100_000,
    counts: Counted::CriteriaRows,
};
/// Levels of a criteria tree.
pub const TREE_DEPTH: Limit = Limit {
    name: "tree_depth",
    max: 16,
    counts: Counted::TreeDepth,
};
/// Nodes of a criteria tree (adjustments included).
pub const TREE_NODES: Limit = Limit {
    name: "tree_nodes",
    max: 10_000,
    counts: Counted::TreeNodes,
};
/// Entries of one unit: a unit has at most one per node of its tree, and a tree at most
/// [`TREE_NODES`]. Counted as a unit is read, so that a unit giving millions of codes is refused
/// before they are kept (the JSON text's own limit would let them take gigabytes).
pub const UNIT_ENTRIES: Limit = Limit {
    name: "unit_entries",
    max: TREE_NODES.max,
    counts: Counted::UnitEntries,
};
/// Evidence references of one entry, or its appraisal rounds (each list counted on its own): a
/// criterion is backed by a few documents and appraised in a round or two. Counted as a list is
/// read, so that an entry giving millions of references (a 90 MB file, 1.2 GB once read) is
/// refused before they are kept.
pub const ENTRY_ITEMS: Limit = Limit {
    name: "entry_items",
    max: 1_000,
    counts: Counted::EntryItems,
};
/// Options of one choice rule.
pub const RULE_OPTIONS: Limit = Limit {
    name: "rule_options",
    max: 1_000,
    counts: Counted::RuleOptions,
};
/// Bands of one rule or one classification.
pub const BANDS: Limit = Limit {
    name: "bands",
    max: 100,
    counts: Counted::Bands,
};
/// Blocks of a methodology.
pub const BLOCKS: Limit = Limit {
    name: "blocks",
    max: 1_000,
    counts: Counted::Blocks,
};
/// Tie-breakers of the ranking policy.
pub const TIE_BREAKERS: Limit = Limit {
    name: "tie_breakers",
    max: 100,
    counts: Counted::TieBreakers,
};
/// Units in one input.
pub const UNITS: Limit = Limit {
    name: "units",
    max: 100_000,
    counts: Counted::Units,
};
/// Units × nodes of the tree: the results a scoring call builds and writes. The synthetic
/// national commune run (10,600 communes, more than the country has had since 2025) makes 1.4
/// million, and its results document is already 714 MB.
pub const NODE_RESULTS: Limit = Limit {
    name: "node_results",
    max: 2_000_000,
    counts: Counted::NodeResults,
};
/// Cells of one report (the Excel workbook, counted before it is made): what a workbook holds in
/// memory while it is written. The national commune run's report has 2.6 million.
pub const REPORT_CELLS: Limit = Limit {
    name: "report_cells",
    max: 4_000_000,
    counts: Counted::ReportCells,
};
/// Cells of one chart, counted before it is drawn: a heat map's units × fields (with each
/// block's headings), a components chart's units × (components + adjustments). Each cell is
/// drawn with its tooltip, a few hundred bytes: 200 units on a tree of 9,999 fields drew 385 MB
/// of SVG, on 9,999 components 271 MB. The national commune run's heat map has 84,800.
pub const CHART_CELLS: Limit = Limit {
    name: "chart_cells",
    max: 250_000,
    counts: Counted::ChartCells,
};
/// Bytes of text in one report (the Excel workbook, counted before it is written): the workbook
/// holds a copy of every text cell while it is written, and a long criterion name is on a row
/// of every unit that lost points on it. The national commune run's report has 7 MB.
pub const REPORT_TEXT_BYTES: Limit = Limit {
    name: "report_text_bytes",
    max: 256 * MIB,
    counts: Counted::ReportTextBytes,
};
/// Bytes of text one criterion analysis names (counted as it is made): for every criterion of
/// every block, the block's name (a table's row gives it), the criterion's code and name, and
/// the units tied best and worst, all named whole in every format it is written in, and counted
/// as written (a quote is written twice: `\"`, `""`). Twenty units with long names tied on every
/// criterion of a long tree wrote gigabytes from a results file of a few megabytes; writing
/// an analysis takes up to five times what it names (2,000 units tied on 1,000 criteria, 250 KB
/// of input, named 260 MB and took 1.4 GB). The national commune run's analysis names 0.7 MB;
/// its 10,600 communes all tied on half its criteria would name about 16 MB.
pub const ANALYSIS_TEXT_BYTES: Limit = Limit {
    name: "analysis_text_bytes",
    max: 64 * MIB,
    counts: Counted::AnalysisTextBytes,
};
/// Bytes of text a comparison written as JSON names (counted as written, before it is written):
/// each unit's name and block, and on each of its fields the field's code and name. A field's
/// name is given with every unit's move on it: 20,000 units on two fields named in 16 KB wrote
/// 652 MB from results of a few megabytes. The national commune run's comparison names 1.3 MB.
pub const COMPARISON_TEXT_BYTES: Limit = Limit {
    name: "comparison_text_bytes",
    max: 256 * MIB,
    counts: Counted::ComparisonTextBytes,
};
/// Problems reported for one input; the rest are counted in one last problem.
pub const PROBLEMS: Limit = Limit {
    name: "problems",
    max: 1_000,
    counts: Counted::Problems,
};

/// Every limit, for the documentation and for bindings that show them.
pub const ALL: [Limit; 32] = [
    JSON_BYTES,
    JSON_DEPTH,
    CODE_BYTES,
    TEXT_BYTES,
    LABEL_BYTES,
    TABLE_BYTES,
    TABLE_CELLS,
    TABLE_COLUMNS,
    SHEET_CELLS,
    SHEET_TEXT_BYTES,
    SHEET_ROWS,
    SHEET_BYTES,
    SHEET_PARTS,
    SECTION_SHEETS,
    RANKING_SHEETS,
    CRITERIA_ROWS,
    TREE_DEPTH,
    TREE_NODES,
    UNIT_ENTRIES,
    ENTRY_ITEMS,
    RULE_OPTIONS,
    BANDS,
    BLOCKS,
    TIE_BREAKERS,
    UNITS,
    NODE_RESULTS,
    REPORT_CELLS,
    REPORT_TEXT_BYTES,
    CHART_CELLS,
    ANALYSIS_TEXT_BYTES,
    COMPARISON_TEXT_BYTES,
    PROBLEMS,
];
