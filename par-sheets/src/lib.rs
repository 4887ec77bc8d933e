//! Workbooks (xlsx, ods, xls) as text tables, within bounds: the one reader of spreadsheets for
//! the command line, the Python package (through it) and the WebAssembly importer, which reads
//! workbook bytes in a browser.
//!
//! Files come by email and may be broken or hostile. A workbook is checked for what it would
//! decompress to and read cell by cell (never as the rectangle it declares), and whatever cannot be
//! read is a coded problem (`unreadable_file`, a limit), never a panic or an exhausted machine.
//! The caller bounds the bytes it reads ([`SHEET_BYTES`]; [`assessments_file`] bounds the bytes
//! it is given by their kind) and names the file in the problems.

#![forbid(unsafe_code)]

use calamine::{
    Data, Dimensions, Ods, Range, Reader, Sheet, SheetType, SheetVisible, Xls, Xlsx, XlsxError,
};
use par_core::compare::Ranking;
use par_core::limits::{
    sheet_text, Limit, JSON_BYTES, RANKING_SHEETS, SECTION_SHEETS, SHEET_BYTES, SHEET_CELLS,
    SHEET_ROWS, TABLE_BYTES, TABLE_CELLS, TABLE_COLUMNS, TEXT_BYTES,
};
use par_core::text::ReadingMsg;
use par_core::{
    nfc, CompactString, ErrorCode, ParError, Problems, SheetChosen, SheetRead, SheetsAlike, Table,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Decoder;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Display;
use std::io::{self, BufReader, Cursor, Read as _, Seek};
use std::ops::ControlFlow;
use zip::result::ZipError;
use zip::ZipArchive;

use number_formats::Shown;

mod formulas;
mod number_formats;
mod ods_cells;
mod sheet_cells;
mod sheet_xml;
mod xls_strings;
mod zip_directory;

/// The kinds of workbook read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Ods,
    Xls,
}

impl Kind {
    /// The kind a file's extension names (`xlsx`, `ods`, `xls`, in any case). A workbook with
    /// macros (`xlsm`, as many reporting templates are) is an xlsx whose macros are not run.
    pub fn of_extension(extension: &str) -> Option<Kind> {
        match extension.to_lowercase().as_str() {
            "xlsx" | "xlsm" => Some(Kind::Xlsx),
            "ods" => Some(Kind::Ods),
            "xls" => Some(Kind::Xls),
            _ => None,
        }
    }

    /// The kind a file's first bytes show: a zip holding `xl/` (xlsx) or an OpenDocument
    /// spreadsheet, or an OLE compound file (xls); none for any other file. A zip whose
    /// directory no workbook has (more parts than [`par_core::limits::SHEET_PARTS`]) is refused
    /// before it is opened.
    pub fn of_bytes(bytes: &[u8]) -> Result<Option<Kind>, ParError> {
        if bytes.starts_with(&COMPOUND_FILE[..4]) {
            return Ok(Some(Kind::Xls));
        }
        let Some(zip) = opened_zip(bytes)? else {
            return Ok(None);
        };
        Ok(if zip.file_names().any(|n| n.starts_with("xl/")) {
            Some(Kind::Xlsx)
        } else if zip.file_names().any(|n| n == "content.xml") {
            Some(Kind::Ods)
        } else {
            None
        })
    }
}

/// The names of a workbook's sheets, in the order of its tabs.
pub fn sheet_names(bytes: &[u8], kind: Kind) -> Result<Vec<String>, ParError> {
    Ok(sheets(bytes, kind)?.into_iter().map(|s| s.name).collect())
}

/// A workbook's sheets, in the order of its tabs, each with its kind and whether it is shown;
/// refused where a sheet's name is longer than a text may be.
fn sheets(bytes: &[u8], kind: Kind) -> Result<Vec<Sheet>, ParError> {
    SHEET_BYTES.check(bytes.len())?;
    refuse_encrypted(bytes)?;
    let sheets = without_panics(|| match kind {
        Kind::Xlsx => {
            checked_zip(bytes)?;
            let book = Xlsx::new(Cursor::new(bytes)).map_err(sheet_error)?;
            Ok(book.sheets_metadata().to_vec())
        }
        Kind::Ods => {
            if let Some(mut zip) = checked_zip(bytes)? {
                check_ods_extent(&mut zip, bytes.len())?;
            }
            let book = Ods::new(Cursor::new(bytes)).map_err(sheet_error)?;
            Ok(book.sheets_metadata().to_vec())
        }
        Kind::Xls => {
            check_xls_extent(bytes)?;
            let book = Xls::new(Cursor::new(bytes)).map_err(sheet_error)?;
            Ok(book.sheets_metadata().to_vec())
        }
    })?;
    names_within_limit(sheets.iter().map(|s| &s.name))?;
    Ok(sheets)
}

/// The places (from 0) of the sheets a person sees in Excel's tabs: worksheets not hidden. A
/// workbook keeps last year's sheet, or a list of the units, hidden behind this year's; a chart
/// sheet holds no cells. (Every place, where a workbook shows none: Excel shows one at least.)
fn shown_places(sheets: &[Sheet]) -> Vec<usize> {
    let shown = |s: &Sheet| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet;
    let places: Vec<usize> = (sheets.iter().enumerate())
        .filter(|(_, s)| shown(s))
        .map(|(place, _)| place)
        .collect();
    match places.is_empty() {
        true => (0..sheets.len()).collect(),
        false => places,
    }
}

/// A sheet of a workbook as a text table: the one named (or numbered from 1, as Excel's tabs
/// show them) by `sheet`. Without one, the first sheet shown in Excel's tabs (hidden sheets and
/// chart sheets are passed over), unless it holds no table at all (a cover,
/// a guide: no row of three cells or more) and one of the next sheets shown holds a table of
/// units ([`Table::names_units`]): then the first of those, which the table notes
/// ([`par_core::SheetRead::chosen`]) for a warning. A first sheet holding a table is not passed over:
/// a later sheet may be another year's. Where its table has no unit column (a guide's table, a
/// signature row) and a later sheet's has one, which to read is asked
/// ([`ReadingMsg::SheetWithoutUnits`]).
pub fn read_sheet(bytes: &[u8], kind: Kind, sheet: Option<&str>) -> Result<Table, ParError> {
    SHEET_BYTES.check(bytes.len())?;
    if sheet.is_some() {
        return one_sheet(bytes, kind, sheet);
    }
    let sheets = sheets(bytes, kind)?;
    let places = shown_places(&sheets);
    let Some((&first_place, later)) = places.split_first() else {
        return Err(no_sheets());
    };
    let mut book = Opened::new(bytes, kind)?;
    let first_table = book.sheet(&at_place(first_place))?;
    if first_table.names_units() {
        let read = sheets[first_place].name.clone();
        return Ok(with_sheets_alike(
            first_table,
            read,
            &mut book,
            (&sheets, later),
        ));
    }
    let Some((place, table)) = later_sheet_naming_units(&mut book, later) else {
        return Ok(first_table);
    };
    let (first, other) = (sheets[first_place].name.clone(), sheets[place].name.clone());
    if holds_a_table(&first_table) {
        let message = ReadingMsg::SheetWithoutUnits { first, other };
        return Err(ParError::new(ErrorCode::MissingField, message));
    }
    let mut table = table;
    table.sheet.chosen = Some(SheetChosen {
        first,
        read: other.clone(),
    });
    let after: Vec<usize> = later.iter().copied().filter(|&p| p > place).collect();
    Ok(with_sheets_alike(
        table,
        other,
        &mut book,
        (&sheets, &after),
    ))
}

/// The table of the sheet named `read`, read with no sheet named, with the sheets shown after
/// it (of `sheets`, those at `places`, the first [`SHEETS_TRIED`] of them) whose tables have its
/// columns: a workbook of a sheet per block, or per year, is scored a sheet at a time, which the
/// results say, naming the others.
fn with_sheets_alike(
    mut table: Table,
    read: String,
    book: &mut Opened,
    (sheets, places): (&[Sheet], &[usize]),
) -> Table {
    let mut alike = |place: usize| {
        let other = book.top(&at_place(place));
        other.is_ok_and(|other| other.has_the_columns_of(&table))
    };
    let tried = places.iter().copied().take(SHEETS_TRIED);
    let others: Vec<String> = tried
        .filter(|&place| alike(place))
        .map(|p| sheets[p].name.clone())
        .collect();
    if !others.is_empty() {
        table.sheet.alike = Some(SheetsAlike { read, others });
    }
    table
}

/// The first of the sheets at `places` (the first [`SHEETS_TRIED`] of them) that holds a table
/// of units: its place, and that table. Each sheet tried is read whole: a cover and a guide or
/// two come before the scores.
fn later_sheet_naming_units(book: &mut Opened, places: &[usize]) -> Option<(usize, Table)> {
    places.iter().take(SHEETS_TRIED).find_map(|&place| {
        let table = book.sheet(&at_place(place)).ok()?;
        table.names_units().then_some((place, table))
    })
}

/// Whether a sheet holds a table: a row of three filled cells or more. A cover's or a guide's
/// lines fill one or two.
fn holds_a_table(sheet: &Table) -> bool {
    let a_row = |filled: usize| filled >= 3;
    let filled = |row: &[CompactString]| row.iter().filter(|c| !c.trim().is_empty()).count();
    a_row(sheet.header.iter().filter(|h| !h.trim().is_empty()).count())
        || sheet.rows.iter().any(|row| a_row(filled(row)))
}

/// The sheet at `place` (from 0) of a workbook, as [`chosen_sheet`] is asked for it: by its
/// number (`#3`), not its name, which may itself be a number (`2`, a sheet at another place,
/// which would make the name ambiguous and the sheet refused).
fn at_place(place: usize) -> String {
    format!("#{}", place + 1)
}

/// How many sheets after the first are tried for a table of units, no sheet being named.
const SHEETS_TRIED: usize = 4;

/// The sheet named by `sheet` (else the first) as a text table.
fn one_sheet(bytes: &[u8], kind: Kind, sheet: Option<&str>) -> Result<Table, ParError> {
    refuse_encrypted(bytes)?;
    without_panics(|| match kind {
        Kind::Xlsx => xlsx_table(bytes, sheet),
        Kind::Ods => ods_table(bytes, sheet),
        Kind::Xls => xls_table(bytes, sheet),
    })
}

/// The rows a sheet's header is looked for in: ten title rows at most are looked through,
/// blank rows among them.
const TOP_ROWS: usize = 40;

/// A ranking as published in a workbook: the sheet asked for, else every sheet holding one, a
/// sheet a block as `par report` writes them ([`Ranking::from_sheets`]; each sheet read by its
/// place, a table at a time). A workbook of more sheets than [`RANKING_SHEETS`] is refused
/// before any is read, rather than its later blocks' units left out.
pub fn ranking(bytes: &[u8], kind: Kind, sheet: Option<&str>) -> Result<Ranking, Problems> {
    // Each reader checks the workbook's size first; a workbook of no sheet is said so by
    // `Ranking::from_sheets`.
    if sheet.is_some() {
        return Ranking::from_table(&read_sheet(bytes, kind, sheet)?);
    }
    let names = sheet_names(bytes, kind)?;
    RANKING_SHEETS.check(names.len())?;
    // By place (`#2`), not by name: a sheet named `1` after a cover is the second.
    let sheets = names.into_iter().enumerate();
    let mut book = Opened::new(bytes, kind)?;
    Ranking::from_sheets(sheets.map(|(i, name)| (name, ranking_sheet(&mut book, &at_place(i)))))
}

/// A sheet of a workbook read whole only where its top rows head a ranking: last year's
/// national report, given to compare with, has a sheet of every unit's points and one of the
/// points lost (92 MB of XML), passed over by their headers (7 s to read, and 0.9 s so).
fn ranking_sheet(book: &mut Opened, sheet: &str) -> Result<Table, ParError> {
    let top = book.top(sheet)?;
    if Ranking::heads_none(&top) {
        return Ok(top);
    }
    book.sheet(sheet)
}

/// A workbook whose sheets are read one after another, its zip checked as their names were
/// read ([`sheets`]): an xlsx opened once, each sheet read from it, its shared texts and styles
/// read once (opened again for each of 128 sheets, a workbook of 1 MB holding 250 MB of shared
/// texts took 15 s to compare with); an ods or an xls read again for each sheet, as calamine
/// reads them whole.
struct Opened<'a> {
    bytes: &'a [u8],
    kind: Kind,
    xlsx: Option<Book<'a>>,
}

impl<'a> Opened<'a> {
    fn new(bytes: &'a [u8], kind: Kind) -> Result<Self, ParError> {
        let xlsx = match kind {
            Kind::Xlsx => Some(without_panics(|| {
                Xlsx::new(Cursor::new(bytes)).map_err(sheet_error)
            })?),
            Kind::Ods | Kind::Xls => None,
        };
        Ok(Opened { bytes, kind, xlsx })
    }

    /// The sheet `sheet` (a name, or a place: `#2`), read whole.
    fn sheet(&mut self, sheet: &str) -> Result<Table, ParError> {
        match &mut self.xlsx {
            Some(book) => without_panics(|| {
                let zip = opened_zip(self.bytes)?;
                xlsx_sheet_table(book, zip, Some(sheet), None, self.bytes.len())
            }),
            None => one_sheet(self.bytes, self.kind, Some(sheet)),
        }
    }

    /// The rows of the sheet `sheet` down to its header, however many title rows are above it
    /// (and a header of three rows), as a text table: to tell what the sheet holds by its
    /// columns without reading it. An xlsx's is read so far only; an ods's or an xls's sheet is
    /// read whole by calamine.
    fn top(&mut self, sheet: &str) -> Result<Table, ParError> {
        match &mut self.xlsx {
            Some(book) => {
                let file_bytes = self.bytes.len();
                without_panics(|| {
                    xlsx_sheet_table(book, None, Some(sheet), Some(TOP_ROWS), file_bytes)
                })
            }
            None => one_sheet(self.bytes, self.kind, Some(sheet)),
        }
    }
}

/// [`ranking`] as CSV text (block, unit, index, rank): for a binding that compares a published
/// ranking's CSV text, such as the WebAssembly package.
pub fn ranking_csv(bytes: &[u8], sheet: Option<&str>) -> Result<String, Problems> {
    Ok(to_csv(
        &ranking(bytes, workbook_kind(bytes)?, sheet)?.to_table(),
    )?)
}

/// A criteria annex's workbook: the criteria sheet (the one given, else the first not named for a
/// section), and the sheets named for a section of the methodology (`Xếp loại`, `Khối`,
/// `Quy tắc`).
pub fn criteria_sheets(
    bytes: &[u8],
    kind: Kind,
    sheet: Option<&str>,
) -> Result<(Table, Vec<(String, Table)>), ParError> {
    let names = sheet_names(bytes, kind)?;
    // Without a sheet asked for, the first that is not a section's (a workbook may open on its
    // `Xếp loại` sheet).
    let chosen = match sheet {
        Some(_) => chosen_sheet(&names, sheet)?,
        None => names
            .iter()
            .position(|n| !par_core::import::names_a_section(n))
            .map_or_else(|| chosen_sheet(&names, None), Ok)?,
    };
    let sections = section_places(&names, chosen)?;
    let mut book = Opened::new(bytes, kind)?;
    let criteria = book.sheet(&at_place(chosen))?;
    let mut others = Vec::new();
    for i in sections {
        others.push((names[i].clone(), book.sheet(&at_place(i))?));
    }
    Ok((criteria, others))
}

/// The places of the sheets named for a section, the criteria sheet (`chosen`) aside; refused
/// past [`SECTION_SHEETS`], before any is read.
fn section_places(names: &[String], chosen: usize) -> Result<Vec<usize>, ParError> {
    let sections: Vec<usize> = (0..names.len())
        .filter(|&i| i != chosen && par_core::import::names_a_section(&names[i]))
        .collect();
    SECTION_SHEETS.check(sections.len())?;
    Ok(sections)
}

/// A criteria annex or table given as a file's bytes, whatever the file: a workbook (its kind
/// found by its first bytes; [`criteria_sheets`]) or a text table in whichever encoding Excel
/// saved it (read by the core; sections below the criteria).
pub fn criteria_tables(
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<(Table, Vec<(String, Table)>), Problems> {
    match Kind::of_bytes(&bytes)? {
        Some(kind) => Ok(criteria_sheets(&bytes, kind, sheet)?),
        None => {
            let text = par_core::read_text(bytes, None)?;
            Ok((Table::from_criteria_csv(&text.text)?, Vec::new()))
        }
    }
}

/// A file of assessments given as its bytes, whatever the file (an upload a portal's back end
/// received): a workbook's sheet, the text of a table file, or a JSON document, told apart by
/// [`assessments_file`].
pub enum AssessmentsFile {
    /// The sheet read ([`read_sheet`]), the one read in place of a cover noted in it.
    Workbook(Table),
    /// A text table in whichever encoding Excel saved it, to be read (or scored as it is read)
    /// by the core, with that encoding if it was guessed.
    Text(par_core::FileText),
    /// A `par.assessments/1` document (or a list of units), decoded as JSON is: UTF-8, or UTF-16
    /// by its byte-order mark.
    Json(String),
}

/// A file of assessments given as its bytes, told apart by what they hold and bounded as the
/// file of that kind is by its size: a workbook (its kind found by its first bytes,
/// [`SHEET_BYTES`]) read at the sheet asked for, else past a cover ([`read_sheet`]); a JSON
/// document (an object, or a list of objects; [`JSON_BYTES`]); any other file read as a text
/// table in whichever encoding Excel saved it ([`TABLE_BYTES`]), as [`criteria_tables`] reads a
/// criteria table.
pub fn assessments_file(bytes: Vec<u8>, sheet: Option<&str>) -> Result<AssessmentsFile, Problems> {
    if let Some(kind) = Kind::of_bytes(&bytes)? {
        return Ok(AssessmentsFile::Workbook(read_sheet(&bytes, kind, sheet)?));
    }
    if holds_json(&bytes) {
        JSON_BYTES.check(bytes.len())?;
        return Ok(AssessmentsFile::Json(par_core::decode_owned(bytes)?));
    }
    TABLE_BYTES.check(bytes.len())?;
    Ok(AssessmentsFile::Text(par_core::read_text(bytes, None)?))
}

/// Whether a file's bytes start as a JSON document of assessments does: `{`, or `[` before `{` or
/// `]`, after a byte-order mark and white space, in UTF-8 or in UTF-16 (Notepad's "Unicode"). A
/// table's title row may start with a bracket (`[Mẫu 01]`), never so.
pub fn holds_json(bytes: &[u8]) -> bool {
    // The text's ASCII characters, in the encoding its byte-order mark names (UTF-16's other
    // byte of an ASCII character is a zero).
    let (text, step, at) = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        (rest, 2, 0)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        (rest, 2, 1)
    } else {
        (bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes), 1, 0)
    };
    let characters = text.chunks(step).filter_map(|c| c.get(at));
    let mut tokens = characters.filter(|b| !b.is_ascii_whitespace());
    match tokens.next() {
        Some(b'{') => true,
        Some(b'[') => matches!(tokens.next(), Some(b'{' | b']')),
        _ => false,
    }
}

/// A sheet of a workbook as CSV text (`,`-separated, quoted where needed), and what reading it
/// found of the sheet (the sheet read in place of its first where it was, see [`read_sheet`];
/// the rows it hides): for a binding that scores CSV text, such as the WebAssembly package, whose
/// scoring module has no workbook reader, and says them as scoring the workbook does
/// ([`par_core::wire::score_sheet_text`]).
pub fn sheet_csv(bytes: &[u8], sheet: Option<&str>) -> Result<(String, SheetRead), ParError> {
    let table = read_sheet(bytes, workbook_kind(bytes)?, sheet)?;
    Ok((to_csv(&table)?, table.sheet))
}

/// A table as CSV text, every row as wide as the header (a sheet's rows end at their last
/// cell); refused where those rows would pass the table's cell limit (one cell at XFD1048576
/// widens every one of a million rows to 16,384 cells), or with the writer's own words when it
/// cannot be written.
pub fn to_csv(table: &Table) -> Result<String, ParError> {
    // A table's limit, not a sheet's: every row is padded to the header, at a byte or so a cell.
    let cells = (table.header.len()).saturating_mul(table.rows.len().saturating_add(1));
    TABLE_CELLS.check(cells)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |detail: String| {
        ParError::new(
            ErrorCode::UnreadableFile,
            ReadingMsg::CannotWriteCsv { detail },
        )
    };
    writer
        .write_record(&table.header)
        .map_err(|e| failed(e.to_string()))?;
    let width = table.header.len();
    for row in &table.rows {
        let padding = width.saturating_sub(row.len());
        let cells = row
            .iter()
            .map(|c| c.as_str())
            .chain(std::iter::repeat_n("", padding));
        writer
            .write_record(cells)
            .map_err(|e| failed(e.to_string()))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A sheet calamine stops reading at a cell showing a formula error it does not know (`value`),
/// naming the cell where it is found.
fn unknown_formula_error(zip: Option<&mut Zip>, sheet: &str, value: String) -> ParError {
    let place = zip.and_then(|zip| formulas::place_of_error(zip, sheet, &value));
    let cell = place.map(|(row, col)| format!("{}{}", par_core::column_letters(col), row + 1));
    let message = ReadingMsg::UnknownFormulaError {
        value: value.clone(),
        cell,
    };
    let problem = ParError::new(ErrorCode::UnreadableFile, message).value(&value);
    match place {
        Some((row, _)) => problem.row(row + 1),
        None => problem,
    }
}

/// The kind of workbook the bytes are, told from their first bytes; bytes of no workbook (a CSV
/// file, a PDF given to a binding as a workbook) are refused saying so.
fn workbook_kind(bytes: &[u8]) -> Result<Kind, ParError> {
    Kind::of_bytes(bytes)?
        .ok_or_else(|| ParError::new(ErrorCode::UnreadableFile, ReadingMsg::NotAWorkbook))
}

/// A workbook cut short: its zip's directory missing, or a sheet ending inside its table.
fn cut_short() -> ParError {
    ParError::new(ErrorCode::UnreadableFile, ReadingMsg::WorkbookCutShort)
}

/// A workbook its reader stopped inside (a panic of calamine's on a damaged .xls), said in the
/// same words by every binding: natively the panic is caught, in WebAssembly the JavaScript
/// layer catches the trap and asks the module for this refusal. The panic's own words (a slice
/// index) tell an official nothing, and are not said.
pub fn damaged_workbook() -> ParError {
    ParError::new(ErrorCode::UnreadableFile, ReadingMsg::WorkbookDamaged)
}

/// How a compound file starts: an .xls, or an .xlsx encrypted with a password.
const COMPOUND_FILE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A workbook protected by a password ("Encrypt with Password"), which only Excel given the
/// password opens: said so, with how to take the password off, rather than in a reader's words.
fn password_protected() -> ParError {
    ParError::new(ErrorCode::UnreadableFile, ReadingMsg::WorkbookPassword)
}

/// Refuses a workbook encrypted with a password, whatever its name says: Excel saves an
/// encrypted .xlsx as a compound file holding an `EncryptionInfo` and an `EncryptedPackage`
/// stream, which the readers take for an .xls (`Kind::of_bytes`) or for no zip. (An encrypted
/// .xls is found where its records are read, `sheet_offsets`.)
fn refuse_encrypted(bytes: &[u8]) -> Result<(), ParError> {
    // The streams' names as a compound file's directory holds them, in UTF-16LE: both, as an
    // .xls whose cells hold one of the words in UTF-16 would hardly hold the other.
    const STREAMS: [&[u8]; 2] = [
        b"E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0",
        b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0",
    ];
    let named = |name: &&[u8]| memchr::memmem::find(bytes, name).is_some();
    if bytes.starts_with(COMPOUND_FILE) && STREAMS.iter().all(named) {
        return Err(password_protected());
    }
    Ok(())
}

/// A spreadsheet that cannot be read; the reader's own words are its technical detail.
fn sheet_error(why: impl Display) -> ParError {
    let message = ReadingMsg::UnreadableSheet {
        detail: why.to_string(),
    };
    ParError::new(ErrorCode::UnreadableFile, message)
}

/// A part of a workbook's zip that does not read back as it was written: a header, compressed
/// data or a checksum that bytes changed on the way (a disk, a mail server) no longer match is a
/// damaged workbook, said in words an official can act on rather than the zip reader's own
/// (`Invalid checksum`). The bytes are in memory, so no failure to read is the device's. What
/// the reader does not support (a compression method, encryption) is said with its detail.
fn part_not_read(e: impl Into<ZipError>) -> ParError {
    match e.into() {
        ZipError::InvalidArchive(_) | ZipError::Io(_) => damaged_workbook(),
        e => sheet_error(e),
    }
}

/// A workbook without a sheet to read.
fn no_sheets() -> ParError {
    ParError::new(ErrorCode::UnreadableFile, ReadingMsg::NoSheets)
}

/// The position of the sheet asked for among a workbook's sheets: by its name (compared as
/// headings are: trimmed, any case, in NFC) or by its number from 1; the first when none is asked.
/// A workbook may name its sheets by numbers (`1`, `2`, a cover before them): where `2` names
/// one sheet and numbers another, it is refused rather than read as one of them, and is asked as
/// `#2` (the second sheet) or `'2'` (the sheet named 2, quoted as Excel's formulas quote a
/// sheet's name).
pub fn chosen_sheet(names: &[String], asked: Option<&str>) -> Result<usize, ParError> {
    names_within_limit(names)?;
    let place = place_asked(names, asked)?;
    named_once(names, place)?;
    Ok(place)
}

/// Refuses a workbook with a sheet name longer than a text may be ([`TEXT_BYTES`]): Excel names
/// a sheet in 31 characters, and a name of a million, said with every row and problem of its
/// sheet, made gigabytes.
fn names_within_limit<'n>(names: impl IntoIterator<Item = &'n String>) -> Result<(), ParError> {
    let longest = names.into_iter().map(String::len).max().unwrap_or(0);
    TEXT_BYTES.check(longest).map_err(|e| e.field("sheet"))
}

/// Refuses the sheet at `place` where another sheet has its very name: the readers find a sheet
/// by name, the first so named, which may be another than the one chosen (last year's, hidden
/// before this year's). Excel never saves two sheets of one name; a program writing workbooks
/// may.
fn named_once(names: &[String], place: usize) -> Result<(), ParError> {
    let name = &names[place];
    if names.iter().filter(|other| *other == name).count() < 2 {
        return Ok(());
    }
    let message = ReadingMsg::SheetNamedTwice { name: name.clone() };
    Err(ParError::new(ErrorCode::UnreadableFile, message)
        .field("sheet")
        .value(name))
}

/// [`chosen_sheet`]'s place, before its name is checked.
fn place_asked(names: &[String], asked: Option<&str>) -> Result<usize, ParError> {
    let Some(asked) = asked else {
        return if names.is_empty() {
            Err(no_sheets())
        } else {
            Ok(0)
        };
    };
    let key = |name: &str| nfc(name.trim()).to_lowercase();
    let typed = asked.trim();
    let numbered = |text: &str| {
        let n = text.parse::<usize>().ok()?.checked_sub(1)?;
        (n < names.len()).then_some(n)
    };
    let named = |text: &str| names.iter().position(|name| key(name) == key(text));
    let quoted = (typed.len() >= 2 && typed.starts_with('\'') && typed.ends_with('\''))
        .then(|| typed[1..typed.len() - 1].replace("''", "'"));
    // `#` before digits only: a sheet may be named `#Tổng hợp`.
    let hashed = typed.strip_prefix('#').map(str::trim);
    let hashed = hashed.filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let found = match (hashed, quoted) {
        (Some(number), _) => numbered(number),
        (None, Some(name)) => named(&name),
        (None, None) => match (named(typed), numbered(typed)) {
            (Some(by_name), Some(by_number)) if by_name != by_number => {
                let message = ReadingMsg::SheetNameOrNumber {
                    asked: typed.to_string(),
                    named: by_name + 1,
                    numbered: names[by_number].clone(),
                };
                let problem = ParError::new(ErrorCode::UnknownOption, message);
                return Err(problem.field("sheet").value(asked));
            }
            (by_name, by_number) => by_name.or(by_number),
        },
    };
    found.ok_or_else(|| {
        let message = ReadingMsg::NoSuchSheet {
            sheet: asked.to_string(),
            sheets: names.to_vec(),
        };
        ParError::new(ErrorCode::UnknownOption, message)
            .field("sheet")
            .value(asked)
    })
}

/// Runs a spreadsheet reader, a panic inside it being a damaged workbook ([`damaged_workbook`]):
/// the readers parse untrusted binary formats, and a defect of theirs must end in a problem, not
/// in a crash. The panic is not printed.
#[cfg(not(panic = "abort"))]
fn without_panics<T>(read: impl FnOnce() -> Result<T, ParError>) -> Result<T, ParError> {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(report);
    result.unwrap_or_else(|_| Err(damaged_workbook()))
}

/// Where a panic cannot be caught (WebAssembly, whose panics abort), the reader runs as it is: the
/// module traps, and the JavaScript layer says [`damaged_workbook`] (par-wasm's `importer`). The
/// panic hook is left alone here: changing it is refused while a panic is under way.
#[cfg(panic = "abort")]
fn without_panics<T>(read: impl FnOnce() -> Result<T, ParError>) -> Result<T, ParError> {
    read()
}

/// Past this size a part of a zip may not decompress to more than [`BOMB_RATIO`] times its
/// compressed size: deflate cannot pass about 1,032:1, sheet XML compresses some 10 to 50:1, and
/// only padding made to exhaust a reader comes near the maximum.
const BOMB_PART_BYTES: u64 = 4 * 1024 * 1024;
const BOMB_RATIO: u64 = 1_000;

type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The zip the bytes are, its directory checked before it is read; none for bytes of no zip. A
/// zip's first part whose directory cannot be read is a workbook cut short (an upload that
/// stopped) where the record ending a zip is missing, and a damaged one where it is there (bytes
/// changed on the way: a disk, a mail server), said so, not a file of another kind.
fn opened_zip(bytes: &[u8]) -> Result<Option<Zip<'_>>, ParError> {
    zip_directory::check(bytes)?;
    match ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => Ok(Some(zip)),
        Err(_) if bytes.starts_with(b"PK\x03\x04") => match zip_directory::has_end(bytes) {
            true => Err(damaged_workbook()),
            false => Err(cut_short()),
        },
        Err(_) => Ok(None),
    }
}

/// The zip container of an xlsx or ods, refused when its parts declare more than
/// [`SHEET_BYTES`] together or an absurd compression ratio, or actually decompress to more.
/// Bytes that are no zip at all are left to calamine, which says why (a password-protected
/// workbook is an encrypted compound file, for one) without decompressing anything.
fn checked_zip(bytes: &[u8]) -> Result<Option<Zip<'_>>, ParError> {
    let Some(mut zip) = opened_zip(bytes)? else {
        return Ok(None);
    };
    check_declared_sizes(&mut zip)?;
    check_decompressed_sizes(&mut zip)?;
    Ok(Some(zip))
}

/// The sizes the zip's directory declares, checked without decompressing anything.
fn check_declared_sizes(zip: &mut Zip) -> Result<(), ParError> {
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(part_not_read)?;
        let (size, packed) = (part.size(), part.compressed_size());
        total = total.saturating_add(size);
        SHEET_BYTES.check(usize::try_from(total).unwrap_or(usize::MAX))?;
        if size > BOMB_PART_BYTES && size / BOMB_RATIO > packed {
            let message = ReadingMsg::ZipBomb {
                part: part.name().to_string(),
                packed: usize::try_from(packed).unwrap_or(usize::MAX),
                size: usize::try_from(size).unwrap_or(usize::MAX),
            };
            return Err(ParError::new(ErrorCode::UnreadableFile, message));
        }
    }
    Ok(())
}

/// Decompresses every part into nothing, stopping just past [`SHEET_BYTES`] in all: the zip
/// reader does not hold a part to the size its header declares, and calamine keeps some parts
/// (shared strings, styles) whole in memory.
fn check_decompressed_sizes(zip: &mut Zip) -> Result<(), ParError> {
    let mut left = SHEET_BYTES.max as u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(part_not_read)?;
        let read = io::copy(&mut part.take(left + 1), &mut io::sink()).map_err(part_not_read)?;
        left = left
            .checked_sub(read)
            .ok_or_else(|| SHEET_BYTES.exceeded_at_least())?;
    }
    Ok(())
}

/// The chosen sheet of an xlsx, read whole ([`xlsx_sheet_table`]).
fn xlsx_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ParError> {
    let zip = checked_zip(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(sheet_error)?;
    xlsx_sheet_table(&mut book, zip, sheet, None, bytes.len())
}

/// An xlsx opened by calamine.
type Book<'a> = Xlsx<Cursor<&'a [u8]>>;

/// The chosen sheet of an xlsx opened already, read cell by cell: whole, or its `top` rows (as
/// the sheet numbers them) for their headings alone. calamine's ranges are as large as a sheet's
/// declared dimension or its farthest cell: one cell at XFD1048576 makes 17 billion of them. The
/// sheet's XML is walked for how its numbers are shown, its formulas without results and its
/// hidden rows where its zip is given (checked), as it is where the sheet is read whole.
fn xlsx_sheet_table(
    book: &mut Book,
    mut zip: Option<Zip>,
    sheet: Option<&str>,
    top: Option<usize>,
    file_bytes: usize,
) -> Result<Table, ParError> {
    let failed = |e: XlsxError| sheet_error(e);
    let names = book.sheet_names();
    let name = names[chosen_sheet(&names, sheet)?].clone();
    let mut shown =
        (zip.as_mut()).map_or_else(Default::default, |z| number_formats::shown_cells(z, &name));
    let mut cells = book.worksheet_cells_reader(&name).map_err(failed)?;
    let mut sheet = SparseSheet::of_file(file_bytes);
    // calamine gives a cell without a value (a formula without its result, a formatted blank
    // cell) as empty, or as an empty text where its value is written empty (`<v/>`, as openpyxl
    // writes one). The sheet is walked again where there are such cells, or where the formulas'
    // results may be a writer's 0s.
    let mut valueless = false;
    // An error newer than calamine (`#SPILL!`, `#CALC!`) stops it at the cell.
    let cell_failed = |e: XlsxError, zip: Option<&mut Zip>| match e {
        XlsxError::CellError(value) => unknown_formula_error(zip, &name, value),
        e => sheet_error(e),
    };
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| cell_failed(e, zip.as_mut()))?
    {
        let (row, col) = cell.get_position();
        let place = (row as usize, col as usize);
        // A sheet's cells come row after row.
        if top.is_some_and(|rows| place.0 >= rows) {
            break;
        }
        let mut data = Data::from(cell.get_value().clone());
        valueless |=
            matches!(&data, Data::Empty) || matches!(&data, Data::String(s) if s.is_empty());
        let how = shown.at(place);
        if how == Some(Shown::Date) {
            data = as_date(data, shown.days_from_1904);
        }
        sheet.push_shown(place, &data, how)?;
    }
    drop(cells);
    let calculated_on_load = zip
        .as_mut()
        .is_some_and(formulas::asks_full_calculation_on_load);
    if let Some(zip) = zip.as_mut().filter(|_| valueless || calculated_on_load) {
        // Each in place of the value read (a 0), later at its place; pushed as it is found, so
        // that the table's limits bound what is held.
        let mut refused = None;
        formulas::each_formula_without_result(zip, &name, calculated_on_load, |place, formula| {
            match sheet.push_text(place, formula, Typed::Text) {
                Ok(()) => ControlFlow::Continue(()),
                Err(limit) => {
                    refused = Some(limit);
                    ControlFlow::Break(())
                }
            }
        });
        if let Some(limit) = refused {
            return Err(limit);
        }
    }
    if let Some(merged) = book.worksheet_merge_cells(&name) {
        sheet.merged_down(&merged.map_err(failed)?);
    }
    if let Some(zip) = zip.as_mut() {
        let hidden = sheet_cells::hidden_rows(zip, &name);
        sheet.hide_rows(hidden.into_iter().map(|row| (row, 1)));
    }
    sheet.into_table()
}

fn ods_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ParError> {
    let mut zip = checked_zip(bytes)?;
    if let Some(zip) = zip.as_mut() {
        check_ods_extent(zip, bytes.len())?;
    }
    let mut book = Ods::new(Cursor::new(bytes)).map_err(sheet_error)?;
    let range = chosen_range(&mut book, sheet)?;
    let names = book.sheet_names();
    // calamine holds every table of the file and gave a copy of this one: its own, and then the
    // copy, are let go before the table is built (32 bytes a cell each).
    drop(book);
    let name = &names[chosen_sheet(&names, sheet)?];
    let shown = match zip.as_mut() {
        Some(zip) => ods_cells::ods_cells(zip, name)?,
        None => ods_cells::OdsCells::default(),
    };
    let used = ods_used_cells(&range);
    let mut cells = sparse_sheet(&range, used, &shown.percent, bytes.len())?;
    drop(range);
    // Each in place of what calamine gives there (an empty text), later at its place.
    for (place, text) in shown.texts {
        cells.push_text(place, text, Typed::Text)?;
    }
    cells.merged_down(&shown.merged_down);
    cells.hide_rows(shown.hidden_rows);
    cells.into_table()
}

fn xls_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ParError> {
    check_xls_extent(bytes)?;
    let mut book = Xls::new(Cursor::new(bytes)).map_err(sheet_error)?;
    let range = chosen_range(&mut book, sheet)?;
    let mut cells = sparse_sheet(&range, range.used_cells(), &HashSet::new(), bytes.len())?;
    let names = book.sheet_names();
    let at = chosen_sheet(&names, sheet)?;
    if let Ok(formulas) = book.worksheet_formula(&names[at]) {
        formulas_without_results(&mut cells, &range, &formulas)?;
    }
    if let Some(merged) = book.worksheet_merge_cells_at(at) {
        cells.merged_down(&merged);
    }
    cells.into_table()
}

/// Each formula cell of an xls saved without its result (by a program, not by Excel), as its
/// formula (`=1+2`), in place of the empty cell calamine gives: read as empty, its criterion would
/// count nothing and no one would know; as a formula, it is said as an xlsx's is.
fn formulas_without_results(
    cells: &mut SparseSheet,
    values: &Range<Data>,
    formulas: &Range<String>,
) -> Result<(), ParError> {
    let (top, left) = formulas.start().unwrap_or_default();
    for (r, c, formula) in formulas.used_cells() {
        let (row, col) = (top as usize + r, left as usize + c);
        let valued = (u32::try_from(row).ok().zip(u32::try_from(col).ok()))
            .and_then(|place| values.get_value(place))
            // (An xls without a formula's result gives an empty text there.)
            .is_some_and(|value| match value {
                Data::Empty => false,
                Data::String(text) => !text.is_empty(),
                _ => true,
            });
        if !formula.is_empty() && !valued {
            cells.push_text((row, col), format!("={formula}").into(), Typed::Text)?;
        }
    }
    Ok(())
}

/// The range of the chosen sheet, as calamine reads it whole at open.
fn chosen_range<RS, R>(book: &mut R, sheet: Option<&str>) -> Result<Range<Data>, ParError>
where
    RS: io::Read + Seek,
    R: Reader<RS>,
    R::Error: Display,
{
    let at = chosen_sheet(&book.sheet_names(), sheet)?;
    book.worksheet_range_at(at)
        .ok_or_else(no_sheets)?
        .map_err(sheet_error)
}

/// A range's used cells (row, column and cell, counted from the range's start) at the sheet's
/// own row and column numbers; those at the places `percent` are shown as percentages. The
/// workbook is `file_bytes` long.
fn sparse_sheet<'r>(
    range: &Range<Data>,
    used: impl IntoIterator<Item = (usize, usize, &'r Data)>,
    percent: &HashSet<(usize, usize)>,
    file_bytes: usize,
) -> Result<SparseSheet, ParError> {
    let mut sheet = SparseSheet::of_file(file_bytes);
    let (top, left) = range.start().unwrap_or_default();
    for (row, col, cell) in used {
        let place = (row + top as usize, col + left as usize);
        let how = percent.contains(&place).then_some(Shown::Percent);
        sheet.push_shown(place, cell, how)?;
    }
    Ok(sheet)
}

/// The used cells of an ods sheet's range, each at its place. calamine 0.32 writes an empty row
/// inside an ods table as many cells as the table's last column number and one, not as many as
/// the table is wide (`ods::get_range`): where the table does not start at column A, every cell
/// after an empty row would stand in the wrong column. Such a range holds more cells than its
/// size says, and is walked row by row here: `width` empty cells can only start such an empty
/// row (a row calamine keeps holds a cell within the table's columns), which takes `left` more.
fn ods_used_cells(range: &Range<Data>) -> Box<dyn Iterator<Item = (usize, usize, &Data)> + '_> {
    let (height, width) = range.get_size();
    if range.cells().count() == height * width || width == 0 {
        return Box::new(range.used_cells());
    }
    let cells: Vec<&Data> = range.cells().map(|(_, _, cell)| cell).collect();
    let left = range.start().map_or(0, |(_, col)| col as usize);
    let mut used = Vec::new();
    let mut at = 0;
    for row in 0.. {
        let Some(segment) = cells.get(at..).filter(|rest| !rest.is_empty()) else {
            break;
        };
        let segment = &segment[..width.min(segment.len())];
        if segment.iter().all(|cell| **cell == Data::Empty) {
            at += width + left;
        } else {
            let filled = segment
                .iter()
                .enumerate()
                .filter(|(_, cell)| ***cell != Data::Empty);
            used.extend(filled.map(|(col, cell)| (row, col, *cell)));
            at += width;
        }
    }
    Box::new(used.into_iter())
}

/// Refuses an ods whose tables calamine would expand past the table limits. calamine builds every
/// table of content.xml at open as a dense range from its first to its last non-empty cell,
/// writing out each row and cell as many times as `table:number-rows-repeated` and
/// `table:number-columns-repeated` say (and each space of `text:s` as often as `text:c` says): a
/// few bytes may ask for a million rows. This walks content.xml first and counts the same extent.
fn check_ods_extent(zip: &mut Zip, file_bytes: usize) -> Result<(), ParError> {
    let content = zip.by_name("content.xml").map_err(sheet_error)?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    // As calamine reads it: `<x/>` is a start and an end, end tags are not matched to starts.
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    let mut extent = OdsExtent::of_file(file_bytes);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let walked = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => extent.start(&e, xml.decoder()),
            Ok(Event::End(e)) => extent.end(e.name().as_ref()),
            Ok(Event::Text(e)) => extent.text(e.len()),
            // A file cut inside a table: calamine would look for the table's end for ever.
            Ok(Event::Eof) if extent.table.is_some() => return Err(cut_short()),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => Ok(()),
            // calamine parses the same bytes the same way and stops at the same place, having
            // built no more than was counted so far; it says why (a password-protected file's
            // content is encrypted, for one).
            Err(_) => return Ok(()),
        };
        walked?;
    }
}

/// What calamine will build of an ods's tables, counted as content.xml is walked.
struct OdsExtent {
    /// Cells of the tables walked to their end.
    cells: u64,
    /// Bytes of cell text, as often as rows and cells repeat it (and `text:s` spaces), against
    /// what the file may hold ([`sheet_text`]).
    text: u64,
    text_limit: Limit,
    table: Option<OdsTable>,
}

/// One table: its rows so far (repeats included), the rows from its first to its last row with a
/// value, its widest such row, and the row being walked.
#[derive(Default)]
struct OdsTable {
    rows: u64,
    first: Option<u64>,
    end: u64,
    width: u64,
    row: OdsRow,
}

/// One row: how often it repeats, its columns so far, the column just past its last value
/// (calamine writes out no empty cells after it), and its text: a cell's text is copied as often
/// as the cell repeats, and the row's as often as the row does.
#[derive(Default)]
struct OdsRow {
    repeats: u64,
    columns: u64,
    filled: u64,
    text: u64,
    cell_repeats: u64,
    cell_text: u64,
    /// Whether calamine reads the cell's paragraphs (it has no value in its attributes), and
    /// how many it has so far: a line break stands between two.
    cell_paragraphs: Option<u64>,
}

impl OdsExtent {
    fn of_file(file_bytes: usize) -> Self {
        OdsExtent {
            cells: 0,
            text: 0,
            text_limit: sheet_text(file_bytes),
            table: None,
        }
    }

    fn start(&mut self, e: &BytesStart, decoder: Decoder) -> Result<(), ParError> {
        match (e.name().as_ref(), &mut self.table) {
            (b"table:table", Some(_)) => return Err(sheet_error("it has a table inside a table")),
            (b"table:table", None) => self.table = Some(OdsTable::default()),
            (b"table:table-row", Some(table)) => {
                table.row = OdsRow {
                    repeats: repeats(e, b"table:number-rows-repeated", decoder)?,
                    ..OdsRow::default()
                };
            }
            (b"table:table-cell" | b"table:covered-table-cell", Some(table)) => {
                let row = &mut table.row;
                row.cell_repeats = repeats(e, b"table:number-columns-repeated", decoder)?;
                row.cell_text = text_in_attributes(e);
                row.cell_paragraphs = (!value_in_attributes(e)).then_some(0);
                row.columns = row.columns.saturating_add(row.cell_repeats);
                if has_value(e) {
                    row.filled = row.columns;
                    TABLE_COLUMNS.check(to_usize(row.filled))?;
                }
            }
            (b"text:s", _) => self.text(to_usize(repeats(e, b"text:c", decoder)?))?,
            // Each paragraph of a cell after its first starts a line of its text, even an empty
            // one (`<text:p/>`).
            (b"text:p", Some(table)) => {
                if let Some(paragraphs) = &mut table.row.cell_paragraphs {
                    *paragraphs += 1;
                    if *paragraphs > 1 {
                        self.text(1)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Text of the cell being walked, where calamine reads its paragraphs (outside a table,
    /// text is counted as it stands).
    fn text(&mut self, bytes: usize) -> Result<(), ParError> {
        let bytes = bytes as u64;
        match &mut self.table {
            Some(table) if table.row.cell_paragraphs.is_none() => {}
            Some(table) => table.row.cell_text = table.row.cell_text.saturating_add(bytes),
            None => self.text = self.text.saturating_add(bytes),
        }
        self.text_limit.check(to_usize(self.text))
    }

    fn end(&mut self, name: &[u8]) -> Result<(), ParError> {
        let Some(table) = &mut self.table else {
            return Ok(());
        };
        match name {
            b"table:table-cell" | b"table:covered-table-cell" => {
                let row = &mut table.row;
                let copies = row.cell_text.saturating_mul(row.cell_repeats);
                row.text = row.text.saturating_add(copies);
                row.cell_text = 0;
                Ok(())
            }
            b"table:table-row" => {
                let copies = table.row.text.saturating_mul(table.row.repeats);
                self.text = self.text.saturating_add(copies);
                self.text_limit.check(to_usize(self.text))?;
                table.end_row();
                // Rows below the last cell (LibreOffice repeats an empty one to the sheet's end)
                // are not built.
                SHEET_ROWS.check(to_usize(table.end))?;
                SHEET_CELLS.check(to_usize(self.cells.saturating_add(table.cells())))
            }
            b"table:table" => {
                self.cells = self.cells.saturating_add(table.cells());
                self.table = None;
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

impl OdsTable {
    fn end_row(&mut self) {
        let row = &self.row;
        if row.filled > 0 {
            self.first.get_or_insert(self.rows);
            self.end = self.rows.saturating_add(row.repeats);
            self.width = self.width.max(row.filled);
        }
        self.rows = self.rows.saturating_add(row.repeats);
    }

    /// The cells of the dense range calamine builds of the table.
    fn cells(&self) -> u64 {
        self.first
            .map_or(0, |first| (self.end - first).saturating_mul(self.width))
    }
}

/// The text a cell holds in its attributes, which calamine copies as often as the cell repeats,
/// as it copies the cell's paragraphs: a value written as text (`office:string-value`, a date,
/// a time), read in place of the paragraphs, and a formula (`table:formula`), kept beside the
/// value. Counted as written, escapes and all: no shorter than what they read as.
fn text_in_attributes(e: &BytesStart) -> u64 {
    let held = |a: &quick_xml::events::attributes::Attribute| {
        matches!(
            a.key.as_ref(),
            b"office:string-value" | b"office:date-value" | b"office:time-value" | b"table:formula"
        )
    };
    let bytes = e.attributes().flatten().filter(held).map(|a| a.value.len());
    bytes.map(|n| n as u64).sum()
}

/// A repeat count (1 when the attribute is absent), read as calamine reads it.
pub(crate) fn repeats(e: &BytesStart, name: &[u8], decoder: Decoder) -> Result<u64, ParError> {
    let attribute = e.try_get_attribute(name).map_err(sheet_error)?;
    let Some(attribute) = attribute else {
        return Ok(1);
    };
    let text = attribute
        .decode_and_unescape_value(decoder)
        .map_err(sheet_error)?;
    text.parse().map_err(|_| {
        sheet_error(format!(
            "'{text}' is not a count in {}",
            String::from_utf8_lossy(name)
        ))
    })
}

/// Whether an ods cell holds its value in an attribute, which calamine reads in place of its
/// paragraphs.
fn value_in_attributes(e: &BytesStart) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.as_ref(),
            b"office:value"
                | b"office:string-value"
                | b"office:date-value"
                | b"office:time-value"
                | b"office:boolean-value"
        )
    })
}

/// Whether calamine reads a value or a formula from an ods cell; empty cells only take room
/// between cells that have one.
fn has_value(e: &BytesStart) -> bool {
    value_in_attributes(e)
        || e.attributes().flatten().any(|a| match a.key.as_ref() {
            b"table:formula" => true,
            b"office:value-type" => a.value.as_ref() == b"string",
            _ => false,
        })
}

pub(crate) fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Refuses an xls that calamine would not read within bounds. An xls is a compound file: sectors
/// chained by a table, holding a "Workbook" stream of BIFF records. calamine reads all of it at
/// open, following chains without looking for loops (a looping chain grows without end),
/// reserving the room each stream and each sheet's DIMENSIONS record declare, and building every
/// sheet as the dense rectangle of its cells (two cells 65,535 rows and columns apart make 4
/// billion). This walks the same structures first, the way calamine walks them, counting.
fn check_xls_extent(file: &[u8]) -> Result<(), ParError> {
    let stream = workbook_stream(file).map_err(sheet_error)?;
    let strings = xls_strings::shared_string_sizes(records_to_end(&stream));
    let (mut cells, mut text) = (0usize, 0u64);
    for at in sheet_offsets(&stream)? {
        // calamine reads a sheet from its place without looking: past the end it panics, which
        // WebAssembly cannot catch.
        if at >= stream.len() {
            return Err(sheet_error(
                "a sheet's place is past the end of the workbook",
            ));
        }
        let sheet = SheetExtent::of(stream.get(at..).unwrap_or_default(), &strings);
        cells = cells.saturating_add(sheet.cells);
        text = text.saturating_add(sheet.text);
        SHEET_CELLS.check(cells)?;
        sheet_text(file.len()).check(to_usize(text))?;
    }
    Ok(())
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// The sectors of a compound file (or of its mini stream) and calamine's bound on their ids.
#[derive(Clone, Copy)]
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
    max_id: u32,
    /// Whether the last sector may be short: calamine reads the file's end as it is, but reads a
    /// mini sector past the mini stream from wherever the file was left.
    short_end: bool,
}

impl<'a> Sectors<'a> {
    fn get(self, id: u32) -> Result<&'a [u8], String> {
        let start = id as usize * self.size;
        let end = start + self.size;
        let sector = match self.data.get(start..end) {
            _ if id > self.max_id => None,
            None if self.short_end => self.data.get(start..),
            found => found,
        };
        sector.ok_or_else(|| format!("sector {id} lies past its end"))
    }

    /// The stream from sector `start` on, following `table`, cut to `len` unless 0.
    fn chain(self, start: u32, table: &[u32], len: usize, file: &[u8]) -> Result<Vec<u8>, String> {
        if len > file.len() {
            return Err(format!("a stream declares {len} bytes"));
        }
        let mut stream = Vec::with_capacity(len);
        let mut id = start;
        // A chain that visits more sectors than there are loops.
        for _ in 0..=self.max_id.saturating_add(1) {
            if id == END_OF_CHAIN {
                if len > 0 {
                    stream.truncate(len);
                }
                return Ok(stream);
            }
            stream.extend_from_slice(self.get(id)?);
            id = *table
                .get(id as usize)
                .ok_or("a chain of sectors leads nowhere")?;
        }
        Err("a chain of sectors loops".into())
    }
}

/// The "Workbook" (or, from Excel 5, "Book") stream of a compound file, as calamine finds it.
fn workbook_stream(file: &[u8]) -> Result<Vec<u8>, String> {
    if !file.starts_with(COMPOUND_FILE) || file.len() < 512 {
        return Err("it is not an Excel 97-2003 workbook".into());
    }
    let field = |at| u32_at(file, at).unwrap_or_default();
    let size = match u16_at(file, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err("its sector size is not one Excel writes".into()),
    };
    let sectors = Sectors {
        data: file.get(size..).unwrap_or_default(),
        size,
        max_id: (file.len() / size) as u32,
        short_end: true,
    };
    let fat = sector_table(file, sectors)?;
    let directory = sectors.chain(field(48), &fat, field(40) as usize * size, file)?;
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|e| directory_entry(e, size))
        .collect();
    // calamine reads the mini stream (where streams under 4,096 bytes live, in 64-byte sectors)
    // whenever the header gives it a table, whether or not the workbook is there.
    let root = entries.first().ok_or("it has no root entry")?;
    let mini_fat_len = field(64) as usize * size;
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let stream = sectors.chain(root.1, &fat, root.2, file)?;
        let table = words(&sectors.chain(field(60), &fat, mini_fat_len, file)?).collect();
        (table, stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let named = |name: &str| entries.iter().find(|e| e.0 == name);
    let (_, start, len) = named("Workbook")
        .or_else(|| named("Book"))
        .ok_or("it has no workbook stream")?;
    if *len >= 4096 {
        return sectors.chain(*start, &fat, *len, file);
    }
    let mini = Sectors {
        data: &mini_stream,
        size: 64,
        max_id: sectors.max_id.saturating_mul(8),
        short_end: false,
    };
    mini.chain(*start, &mini_fat, *len, file)
}

/// The table of sector chains, from the sectors the header and the DIFAT chain list.
fn sector_table(file: &[u8], sectors: Sectors) -> Result<Vec<u32>, String> {
    let mut listed: Vec<u32> = words(&file[76..512]).collect();
    let mut next = u32_at(file, 68).unwrap_or(END_OF_CHAIN);
    let mut steps = 0;
    while next < 0xFFFF_FFFA {
        steps += 1;
        if steps > sectors.max_id {
            return Err("its chain of sector tables loops".into());
        }
        listed.extend(words(sectors.get(next)?));
        next = listed.pop().unwrap_or(END_OF_CHAIN);
    }
    let tables: Vec<u32> = listed.into_iter().filter(|&id| id < 0xFFFF_FFFC).collect();
    if tables.len() > sectors.max_id as usize + 1 {
        return Err("it lists more sector tables than it has sectors".into());
    }
    let mut fat = Vec::new();
    for id in tables {
        fat.extend(words(sectors.get(id)?));
    }
    Ok(fat)
}

/// A directory entry: its name, first sector and length.
fn directory_entry(entry: &[u8], sector_size: usize) -> (String, u32, usize) {
    let name: Vec<u16> = entry[..64]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&c| c != 0)
        .collect();
    let len = match sector_size {
        512 => u64::from(u32_at(entry, 120).unwrap_or_default()),
        _ => u64_at(entry, 120).unwrap_or_default(),
    };
    let start = u32_at(entry, 116).unwrap_or_default();
    (String::from_utf16_lossy(&name), start, to_usize(len))
}

/// The BIFF records of the workbook's globals, or of one sheet: up to its EOF record.
fn records_to_end(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    records(stream).take_while(|(typ, _)| *typ != 0x000A)
}

/// BIFF records as calamine iterates them: type and data, until one does not fit.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let end = 4 + usize::from(u16_at(rest, 2)?);
        let data = rest.get(4..end)?;
        rest = &rest[end..];
        Some((typ, data))
    })
}

/// Where each sheet's records start: the BoundSheet8 records of the workbook's globals. The
/// sheets of a workbook encrypted with a password are not read (calamine stops at its FilePass
/// record): it is refused saying so.
fn sheet_offsets(stream: &[u8]) -> Result<Vec<usize>, ParError> {
    let mut offsets = Vec::new();
    for (typ, data) in records_to_end(stream) {
        match typ {
            0x002F if u16_at(data, 0) != Some(0) => return Err(password_protected()),
            0x0085 => offsets.extend(u32_at(data, 0).map(|at| at as usize)),
            _ => {}
        }
    }
    Ok(offsets)
}

/// What calamine builds of one xls sheet.
struct SheetExtent {
    /// The cells it reserves or builds: the larger of what the sheet's DIMENSIONS record
    /// declares and the rectangle from its first to its last cell.
    cells: usize,
    /// The most bytes of the shared strings its cells are given copies of (`strings`, from
    /// [`xls_strings::shared_string_sizes`]).
    text: u64,
}

impl SheetExtent {
    /// One sheet's records walked once; `strings` the sizes of the shared strings
    /// ([`xls_strings::shared_string_sizes`]).
    fn of(sheet: &[u8], strings: &[u64]) -> Self {
        let (mut declared, mut text) = (0, 0u64);
        let mut span: Option<[u16; 4]> = None;
        let mut include = |row: u16, col: u16| {
            let [top, bottom, left, right] = span.get_or_insert([row, row, col, col]);
            (*top, *bottom) = ((*top).min(row), (*bottom).max(row));
            (*left, *right) = ((*left).min(col), (*right).max(col));
        };
        for (typ, data) in records_to_end(sheet) {
            let (row, col) = (u16_at(data, 0), u16_at(data, 2));
            // LabelSst: a cell given a copy of a shared string.
            if typ == 0x00FD {
                let string = u32_at(data, 6).and_then(|i| strings.get(i as usize));
                text = text.saturating_add(string.copied().unwrap_or_default());
            }
            match (typ, row, col) {
                (0x0200, ..) => declared = declared.max(declared_cells(data)),
                // Number, Label, BoolErr, Rk, LabelSst, Formula.
                (0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006, Some(row), Some(col)) => {
                    include(row, col)
                }
                // MulRk: a run of cells, its last column at its end.
                (0x00BD, Some(row), Some(col)) => {
                    include(row, col);
                    include(row, u16_at(data, data.len() - 2).unwrap_or(col));
                }
                _ => {}
            }
        }
        let spanned = span.map_or(0, |[top, bottom, left, right]| {
            (usize::from(bottom - top) + 1) * (usize::from(right - left) + 1)
        });
        SheetExtent {
            cells: declared.max(spanned),
            text,
        }
    }
}

/// The cells a DIMENSIONS record makes calamine reserve, with its 32-bit arithmetic (which wraps
/// in a release build).
fn declared_cells(data: &[u8]) -> usize {
    let field16 = |at| u32::from(u16_at(data, at).unwrap_or_default());
    let (first_row, end_row, first_col, end_col) = match data.len() {
        10 => (field16(0), field16(2), field16(4), field16(6)),
        14 => (
            u32_at(data, 0).unwrap_or_default(),
            u32_at(data, 4).unwrap_or_default(),
            field16(8),
            field16(10),
        ),
        _ => return 0,
    };
    let first_col = if first_col > 0xFF || end_col < first_col {
        0
    } else {
        first_col
    };
    let (last_row, last_col) = if end_row >= 1 && end_col >= 1 {
        (end_row - 1, end_col - 1)
    } else {
        (first_row, first_col)
    };
    let rows = last_row.wrapping_sub(first_row).wrapping_add(1) as usize;
    let cols = last_col.wrapping_sub(first_col).wrapping_add(1) as usize;
    rows.saturating_mul(cols)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

/// The non-empty cells of a sheet as they are read, refused as soon as they pass a table limit,
/// so that a sheet is never held as the rectangle it spans.
struct SparseSheet {
    cells: Vec<SheetCell>,
    text_bytes: usize,
    /// The text the workbook may hold ([`sheet_text`]).
    text_limit: Limit,
    /// The texts merged down each column, by column ([`SparseSheet::merged_down`]).
    merged_down: BTreeMap<usize, Vec<MergedDown>>,
    /// The runs of rows the sheet hides: each one's first row (from 0) and how many rows it
    /// takes ([`SparseSheet::hide_rows`]).
    hidden_rows: Vec<(usize, usize)>,
}

/// A text merged down a column from row `top` to row `bottom`, shown on each.
struct MergedDown {
    top: usize,
    bottom: usize,
    text: CompactString,
}

struct SheetCell {
    row: usize,
    col: usize,
    text: CompactString,
    typed: Typed,
}

/// What a cell holds, as the workbook types it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// Text (a name, a block, a code typed as text).
    Text,
    /// A number, a date or a boolean.
    Figure,
    /// A number with more digits than the spreadsheet shows ([`par_core::float_text`]), noted in
    /// the results.
    BeyondShown,
}

impl SparseSheet {
    /// A sheet of a workbook `file_bytes` long, no cell read yet.
    fn of_file(file_bytes: usize) -> Self {
        SparseSheet {
            cells: Vec::new(),
            text_bytes: 0,
            text_limit: sheet_text(file_bytes),
            merged_down: BTreeMap::new(),
            hidden_rows: Vec::new(),
        }
    }

    /// A cell at its place, read as its format shows it where that differs from calamine's
    /// reading (`how`), unless it passes a table limit.
    fn push_shown(
        &mut self,
        place: (usize, usize),
        cell: &Data,
        how: Option<Shown>,
    ) -> Result<(), ParError> {
        // As calamine's ranges: a cell holding an empty text still takes its place.
        if *cell == Data::Empty {
            return Ok(());
        }
        let (text, typed) = cell_text(cell, how);
        self.push_text(place, text, typed)
    }

    /// A cell's text at its place, unless it passes a table limit.
    fn push_text(
        &mut self,
        (row, col): (usize, usize),
        text: CompactString,
        typed: Typed,
    ) -> Result<(), ParError> {
        // Column 16,384 (XFD) and row 1,048,576 are the last any spreadsheet program writes;
        // every row down to a cell takes room in the table, filled or not.
        TABLE_COLUMNS.check(col.saturating_add(1))?;
        SHEET_ROWS.check(row.saturating_add(1))?;
        if self.cells.len() == SHEET_CELLS.max {
            return Err(SHEET_CELLS.exceeded_at_least());
        }
        // One shared string may fill a million cells: their text counts each time.
        self.text_bytes += text.len();
        if self.text_bytes > self.text_limit.max {
            return Err(self.text_limit.exceeded_at_least());
        }
        self.cells.push(SheetCell {
            row,
            col,
            text,
            typed,
        });
        Ok(())
    }

    /// Notes the texts merged down a column (`Khối` over its block's units, `Đơn vị` over its
    /// unit's rows, a heading over the two rows of a header), to be shown on each row of the
    /// merge that holds cells ([`SparseSheet::into_table`]): a file keeps them in the first row
    /// alone. A merge across columns alone (a title, a heading over the columns below it) is left
    /// as it is: its text heads them all, in its first column; one down and across (a unit's name
    /// over two columns) is read down its first column. A merged figure (a running number, a
    /// score over two rows), typed as a number or as text, is not copied: it would count twice.
    /// Merges overlapping in a column (a file Excel calls damaged) keep the one starting first,
    /// then the longest: what is read does not depend on their order in the file.
    fn merged_down(&mut self, merged: &[Dimensions]) {
        // The merges' first cells, looked up among the sheet's: there are few merges, and
        // millions of cells.
        let down = merged.iter().filter(|d| d.start.0 < d.end.0);
        let mut spans: HashMap<(usize, usize), usize> = HashMap::new();
        for d in down {
            let bottom = spans
                .entry((d.start.0 as usize, d.start.1 as usize))
                .or_default();
            *bottom = (*bottom).max(d.end.0 as usize);
        }
        let mut by_column: BTreeMap<usize, Vec<MergedDown>> = BTreeMap::new();
        for cell in self.cells.iter().filter(|c| c.typed == Typed::Text) {
            let Some(&bottom) = spans.get(&(cell.row, cell.col)) else {
                continue;
            };
            if !figure(&cell.text) {
                let (top, text) = (cell.row, cell.text.clone());
                by_column
                    .entry(cell.col)
                    .or_default()
                    .push(MergedDown { top, bottom, text });
            }
        }
        for merges in by_column.values_mut() {
            merges.sort_by_key(|m| (m.top, std::cmp::Reverse(m.bottom)));
            let mut reached = None;
            merges.retain(|m| {
                let apart = reached.is_none_or(|bottom| m.top > bottom);
                if apart {
                    reached = Some(m.bottom);
                }
                apart
            });
        }
        self.merged_down = by_column;
    }

    /// Shows each text merged down a column on the rows of the merge below its first, in the
    /// dense rows of the table (`left`: the sheet's column of the table's first; `width`: the
    /// table's): on each row holding cells, where its own cell is empty, the row made as long as
    /// the merged column (a `Khối` merged in the table's last column). A merge may reach the
    /// sheet's last row in a few bytes: only rows holding cells are visited, and the cells and
    /// text bytes filled count against the table's limits, as read cells do.
    fn fill_merged_down(
        merged_down: &BTreeMap<usize, Vec<MergedDown>>,
        rows: &mut [Vec<CompactString>],
        (left, width): (usize, usize),
        (mut cells_left, mut bytes_left): (usize, usize),
        text_limit: Limit,
    ) -> Result<(), ParError> {
        let held: Vec<usize> = (0..rows.len()).filter(|&r| !rows[r].is_empty()).collect();
        for (&col, merges) in merged_down.range(left..left + width) {
            let c = col - left;
            for m in merges {
                let below_top = &held[held.partition_point(|&r| r <= m.top)..];
                for &r in below_top.iter().take_while(|&&r| r <= m.bottom) {
                    let row = &mut rows[r];
                    if row.len() <= c {
                        cells_left = (cells_left.checked_sub(c + 1 - row.len()))
                            .ok_or_else(|| SHEET_CELLS.exceeded_at_least())?;
                        row.resize(c + 1, CompactString::default());
                    }
                    if row[c].is_empty() {
                        bytes_left = (bytes_left.checked_sub(m.text.len()))
                            .ok_or_else(|| text_limit.exceeded_at_least())?;
                        row[c].clone_from(&m.text);
                    }
                }
            }
        }
        Ok(())
    }

    /// The blank cells the rows holding cells would take left of the table's first column
    /// (`first_column`), once the cells are in order.
    fn margin_cells(&self, first_column: usize) -> usize {
        let rows = self.cells.chunk_by(|a, b| a.row == b.row).count();
        // The header row is as wide as the widest row: it takes the margin too.
        (rows + 1).saturating_mul(first_column)
    }

    /// Notes the runs of rows the sheet hides (first row from 0, how many): their rows are read
    /// as the others are, and those holding a cell are named in the table for a warning.
    fn hide_rows(&mut self, runs: impl IntoIterator<Item = (usize, usize)>) {
        self.hidden_rows.extend(runs);
    }

    /// The rows of `rows` (the sheet's, from its first) among the `hidden` runs that hold a
    /// cell, as the sheet numbers them (from 1), in order: as many as the rows at most, however
    /// many rows the runs take (an ods hides a million rows below its table in one element).
    fn hidden_rows_holding_cells(
        hidden: &[(usize, usize)],
        rows: &[Vec<CompactString>],
    ) -> Vec<usize> {
        let mut hidden: Vec<usize> = (hidden.iter())
            .flat_map(|&(first, count)| first..first.saturating_add(count).min(rows.len()))
            .filter(|&r| rows[r].iter().any(|cell| !cell.trim().is_empty()))
            .map(|r| r + 1)
            .collect();
        hidden.sort_unstable();
        hidden.dedup();
        hidden
    }

    /// The table from the sheet's first row (1) and column (A) to its last cell: the header as
    /// wide as the widest row, each other row as long as its own last cell. Blank rows and
    /// columns stay (empty) so that problems name the rows and columns the sheet shows; the later
    /// of two cells at one place wins, as in calamine. Blank columns are kept only while they
    /// take no more room than the table's own cells: a table far to the right (a few cells at
    /// column XFB) is read from its first column, as its letters then count.
    fn into_table(mut self) -> Result<Table, ParError> {
        let Some(bottom) = self.cells.iter().map(|c| c.row).max() else {
            return Ok(Table::default());
        };
        let height = bottom + 1;
        if height > SHEET_CELLS.max {
            return Err(too_many_rows(height));
        }
        self.cells.sort_by_key(|c| (c.row, c.col));
        let first_column = self.cells.iter().map(|c| c.col).min().unwrap_or_default();
        let left = if self.margin_cells(first_column) <= self.cells.len() {
            0
        } else {
            first_column
        };
        let width = self.cells.iter().map(|c| c.col).max().unwrap_or_default() + 1 - left;
        // Each row is made as long as its last cell, the header as the widest: a row holding A
        // and XFD takes 16,384 cells, which are counted before they are made (a sheet of such
        // rows took gigabytes, then was refused).
        let in_rows = self.cells.chunk_by(|a, b| a.row == b.row);
        let padded: usize = in_rows
            .map(|row| row.last().map_or(0, |c| c.col + 1 - left))
            .sum();
        SHEET_CELLS.check(padded.saturating_add(width))?;
        let merged_down = std::mem::take(&mut self.merged_down);
        let hidden = std::mem::take(&mut self.hidden_rows);
        let text_limit = self.text_limit;
        let limits_left = (
            SHEET_CELLS.max.saturating_sub(self.cells.len()),
            text_limit.max.saturating_sub(self.text_bytes),
        );
        let mut rows = vec![Vec::new(); height];
        let mut beyond_seen = vec![false; width];
        let mut beyond_columns = Vec::new();
        for cell in self.cells {
            let (r, c) = (cell.row, cell.col - left);
            let row: &mut Vec<CompactString> = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, CompactString::default());
            }
            row[c] = cell.text;
            if cell.typed == Typed::BeyondShown && r > 0 && !beyond_seen[c] {
                beyond_seen[c] = true;
                beyond_columns.push(c);
            }
        }
        Self::fill_merged_down(
            &merged_down,
            &mut rows,
            (left, width),
            limits_left,
            text_limit,
        )?;
        let rows_hidden = Self::hidden_rows_holding_cells(&hidden, &rows);
        let mut rows = rows.into_iter();
        let mut header: Vec<String> = rows
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(String::from)
            .collect();
        header.resize(width, String::new());
        // The first row may be a title above the header: a column it does not head is named by
        // its letters, as the sheet shows them.
        let float_columns = beyond_columns
            .into_iter()
            .map(|c| match header[c].trim() {
                "" => par_core::column_letters(c + left),
                name => name.to_string(),
            })
            .collect();
        Ok(Table {
            header,
            rows: rows.collect(),
            float_columns,
            sheet: SheetRead {
                rows_hidden,
                ..SheetRead::default()
            },
            ..Table::default()
        }
        .in_nfc())
    }
}

/// A sheet whose cells span more rows than a table may have cells: every row takes room, blank
/// or not.
fn too_many_rows(height: usize) -> ParError {
    let mut e = SHEET_CELLS.exceeded(height);
    *e.message = ReadingMsg::SheetTooLarge {
        rows: height,
        max_cells: SHEET_CELLS.max,
    }
    .into();
    e
}

/// Whether a text is a figure typed as text (`36,5`, `97%`, `1`): a number as the engine reads
/// one from a cell ([`par_core::parse_input_decimal`]), a percentage's sign aside.
fn figure(text: &str) -> bool {
    par_core::parse_input_decimal(text.trim().trim_end_matches('%')).is_ok()
}

/// A number calamine gave for a cell formatted as a date ([`number_formats`]): the date, counted
/// in days from 1900 (or 1904), as calamine gives a date it sees.
fn as_date(data: Data, days_from_1904: bool) -> Data {
    let serial = match data {
        Data::Float(serial) => serial,
        Data::Int(serial) => serial as f64,
        other => return other,
    };
    let kind = calamine::ExcelDateTimeType::DateTime;
    Data::DateTime(calamine::ExcelDateTime::new(serial, kind, days_from_1904))
}

/// A date as Vietnamese sheets show it (`02/01/2024`, with the time if it has one): a cell Excel
/// made a date of (a criterion's code `2.1` typed into a cell Excel reads as a date) is read as
/// the date it shows, not as the day's serial number (45293), which nobody would recognise.
fn shown_date(date: &calamine::ExcelDateTime) -> CompactString {
    let (year, month, day, ..) = date.to_ymd_hms_milli();
    let (hour, minute, second) = time_of_day(date.as_f64());
    // A time of day alone (`12:00`, a serial number under 1) is no day of 1899.
    if (0.0..1.0).contains(&date.as_f64()) {
        return time_shown(hour, minute);
    }
    date_shown(year, month, day, (hour, minute, second))
}

/// The time of day of a serial date, rounded to the millisecond as Excel shows it: 03:30 is kept
/// as 0.1458333…, which read down to the millisecond is 03:29:59.999, shown as 03:29. (A time
/// that rounds up to midnight is shown as the last second of its day.)
fn time_of_day(serial: f64) -> (u8, u8, u8) {
    const DAY_MS: f64 = 86_400_000.0;
    let ms = (serial.rem_euclid(1.0) * DAY_MS)
        .round()
        .min(DAY_MS - 1_000.0) as u32;
    let seconds = ms / 1_000;
    let narrow = |n: u32| u8::try_from(n).unwrap_or(u8::MAX);
    (
        narrow(seconds / 3_600),
        narrow(seconds / 60 % 60),
        narrow(seconds % 60),
    )
}

/// A time of day alone as a sheet shows it, `hh:mm`; a binding reads a time its language holds
/// (a DataFrame's `datetime.time`) as the cell of a workbook is read.
pub fn time_shown(hour: u8, minute: u8) -> CompactString {
    format!("{hour:02}:{minute:02}").into()
}

/// A date (and time of day) as a Vietnamese sheet shows it, `dd/mm/yyyy`, with `hh:mm` after it
/// unless it is midnight; a binding reads a date its language holds (a DataFrame's `Timestamp`)
/// as the cell of a workbook is read.
pub fn date_shown(year: u16, month: u8, day: u8, time: (u8, u8, u8)) -> CompactString {
    match time {
        (0, 0, 0) => format!("{day:02}/{month:02}/{year}").into(),
        (hour, minute, _) => format!("{day:02}/{month:02}/{year} {hour:02}:{minute:02}").into(),
    }
}

/// An OpenDocument date cell's value (`2024-11-15`, `2024-11-15T08:30:00`) as an xlsx date cell
/// is shown ([`date_shown`]); `None` for one written otherwise, which is read as it stands.
fn iso_date_shown(iso: &str) -> Option<CompactString> {
    let (date, time) = iso.split_once('T').unwrap_or((iso, ""));
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let mut clock = time.splitn(3, ':').map(|p| p.parse::<u8>().ok());
    let hour = clock.next().flatten().unwrap_or(0);
    let minute = clock.next().flatten().unwrap_or(0);
    let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60;
    valid.then(|| date_shown(year, month, day, (hour, minute, 0)))
}

/// A spreadsheet cell as the text a person sees, and what it holds. Numeric cells are stored as
/// binary floating point by the xlsx format itself; their shortest round-trip text is the number
/// that was typed ([`par_core::float_text`]), unless it has more digits than the sheet shows:
/// float noise, or more decimals than the cell's format shows (2.345 shown as 2.35). A number
/// the sheet shows as a percentage is read as shown (`97%`, not 0.97).
fn cell_text(cell: &Data, how: Option<Shown>) -> (CompactString, Typed) {
    let percent = how == Some(Shown::Percent);
    let shown = match percent {
        true => par_core::percent_text,
        false => par_core::float_text,
    };
    match cell {
        Data::Float(f) => match (shown(*f), how) {
            ((text, true), _) => (text, Typed::BeyondShown),
            ((text, false), Some(Shown::Decimals { max })) if decimals(&text) > max => {
                (text, Typed::BeyondShown)
            }
            ((text, false), _) => (text, Typed::Figure),
        },
        Data::Int(i) if percent => (shown(*i as f64).0, Typed::Figure),
        Data::DateTime(date) if date.is_datetime() => (shown_date(date), Typed::Text),
        Data::DateTimeIso(iso) => match iso_date_shown(iso) {
            Some(date) => (date, Typed::Text),
            None => (iso.as_str().into(), Typed::Figure),
        },
        Data::String(s) => (s.as_str().into(), Typed::Text),
        Data::Empty => (CompactString::default(), Typed::Text),
        Data::Int(i) => (i.to_string().into(), Typed::Figure),
        Data::Bool(b) => (b.to_string().into(), Typed::Figure),
        other => (other.to_string().into(), Typed::Figure),
    }
}

/// How many decimals a number's typed text has (`2.345`: 3).
fn decimals(typed: &str) -> usize {
    typed.split_once('.').map_or(0, |(_, d)| d.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_sheets_named_for_sections_are_read_and_thirty_one_refused() {
        let names = |n: usize| -> Vec<String> {
            let sections = (1..=n).map(|i| format!("{i}. Khối"));
            std::iter::once("Tiêu chí".to_string())
                .chain(sections)
                .collect()
        };
        assert_eq!(
            section_places(&names(30), 0).map(|p| p.len()).ok(),
            Some(30)
        );
        let refused = section_places(&names(31), 0).expect_err("refused");
        assert_eq!(refused.limit.as_deref(), Some("section_sheets"));
    }

    /// An xls of 88 KB whose 1,500 cells point at one shared string of 30,000 characters, which
    /// calamine copies into each: 135 MB of text, refused before calamine opens the file (the
    /// same at 50,000 cells, a 0.8 MB file, crashed `par`, out of memory, after 5 GB). Written
    /// by Python's xlwt.
    #[test]
    fn an_xls_pointing_many_cells_at_one_long_shared_string_is_refused_before_it_is_opened() {
        let tables = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/tables");
        let file = std::fs::read(format!("{tables}/shared-string-copied.xls")).expect("read");
        let refused = check_xls_extent(&file).expect_err("refused");
        assert_eq!(refused.limit.as_deref(), Some("sheet_text_bytes"));
        assert_eq!(refused.code, ErrorCode::LimitExceeded);
    }

    #[test]
    fn an_opendocument_date_is_shown_as_a_workbooks_date_cell_is() {
        assert_eq!(iso_date_shown("2024-11-15").as_deref(), Some("15/11/2024"));
        let timed = iso_date_shown("2024-11-15T08:30:00.000");
        assert_eq!(timed.as_deref(), Some("15/11/2024 08:30"));
        for written_otherwise in ["2024-13-01", "15/11/2024", "2024-11", "PT08H30M"] {
            assert_eq!(
                iso_date_shown(written_otherwise),
                None,
                "{written_otherwise}"
            );
        }
    }
}
