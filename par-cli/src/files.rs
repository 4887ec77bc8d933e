//! File input and output: the only I/O in `par`. JSON, CSV (`,`, `;` or tab separated, in any
//! encoding Excel saves) and spreadsheets (xlsx, ods, xls, read by `par-sheets`) become text
//! tables; par-core interprets them.
//!
//! Files come by email and may be broken or hostile. Each is refused by its size before it is
//! read, and whatever cannot be read is a coded problem naming the file (exit 1), never a panic
//! or an exhausted machine. Only a path that does not exist is a usage error (exit 2): the name
//! was mistyped.

use crate::Failure;
use par_core::compare::Ranking;
use par_core::limits::{Limit, JSON_BYTES, SHEET_BYTES, TABLE_BYTES};
use par_core::text::{DocumentKind, ReadingMsg};
use par_core::{
    is_nfc, read_assessments, score_json_as_read, write_units, Detail, ErrorCode, FileText,
    JsonLayout, JsonPart, Lang, LongCsv, LongCsvFeed, LongCsvPiece, Methodology, Msg, OwnTotal,
    ParError, PassedOver, Problems, Read, Results, ResultsFeed, RowsHidden, ScoredPiece, Scorer,
    SheetRead, Table, TextEncoding, UnitAssessment, UnitResult, UnitsOfFiles, Unstreamable,
    Warning, WorkingsFile,
};
use std::fs::File;
use std::io::{self, Read as _, Seek as _};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::Mutex;

/// What a text file holds: its size limit, and how to save it again when it is not UTF-8.
#[derive(Clone, Copy)]
enum TextKind {
    /// A JSON document, of the kind wanted where it is read, if one kind is.
    Json(Option<DocumentKind>),
    Csv,
}

impl TextKind {
    fn limit(self) -> Limit {
        match self {
            TextKind::Json(_) => JSON_BYTES,
            TextKind::Csv => TABLE_BYTES,
        }
    }
}

/// The text of a JSON file holding a document of the kind `wanted`: a methodology, assessments or
/// results.
pub fn read_json(path: &Path, wanted: DocumentKind) -> Result<String, Failure> {
    decode(path, file_bytes(path, TextKind::Json(Some(wanted)))?)
}

/// The bytes of a text file of this kind, refused by its kind's size limit; a JSON file too long
/// to read that starts as another kind of document is refused for that (a national run's results,
/// 700 MB, given where its assessments are read).
fn file_bytes(path: &Path, kind: TextKind) -> Result<Vec<u8>, Failure> {
    let mut file = open(path)?;
    read_bounded(&mut file, path, kind.limit()).map_err(|refused| match kind {
        TextKind::Json(Some(wanted)) => other_document_at_start(&mut file, wanted)
            .map_or(refused, |problem| file_problem(path, problem)),
        TextKind::Json(None) | TextKind::Csv => refused,
    })
}

/// The bytes a JSON document's `schema` is looked for in, where the engine writes it first.
const SCHEMA_WITHIN: u64 = 4096;

/// The problem with a file that starts as another kind of document than `wanted`
/// ([`par_core::other_document`]), read again from its start; `None` for a file that cannot be
/// (a pipe).
fn other_document_at_start(file: &mut File, wanted: DocumentKind) -> Option<ParError> {
    file.rewind().ok()?;
    let mut start = Vec::new();
    file.take(SCHEMA_WITHIN).read_to_end(&mut start).ok()?;
    par_core::other_document(&String::from_utf8_lossy(&start), wanted)
}

/// Two rankings to compare: results files read a piece at a time side by side where there is a
/// second core (a national run's document takes seconds to read), then any file that is to be
/// read whole, one after the other, as much memory as one of them takes.
pub fn two_rankings(
    previous: &Path,
    current: &Path,
    how: Reading,
) -> Result<(Ranking, Ranking), Failure> {
    let mut in_pieces =
        crate::cores::side_by_side(&[previous, current], |path| ranking_in_pieces(path))
            .into_iter();
    let mut ranking = |path: &Path| match in_pieces.next() {
        Some(Ok(Some(ranking))) => Ok(ranking),
        Some(Err(failure)) => Err(failure),
        _ => ranking_read_whole(path, how),
    };
    // The previous ranking's problems first, as when read one after the other.
    let previous = ranking(previous)?;
    Ok((previous, ranking(current)?))
}

/// The ranking of a results file read a piece at a time ([`results_in_pieces`]); `None` for
/// another file, or a results file that is read whole.
pub fn ranking_in_pieces(path: &Path) -> Result<Option<Ranking>, Failure> {
    let read = results_in_pieces(path, Detail::Scores)?;
    Ok(read.map(|results| Ranking::of(&results)))
}

/// A results file (`.json`) read a piece at a time, keeping `detail` of its units' inputs (see
/// [`ResultsFeed`]): whatever its size, without holding its text, and with [`Detail::Scores`] in
/// the memory of its scores. `None` where it is not read so (another kind of file, not a
/// results document as the engine writes it, or one with a problem): reading it whole then says
/// what it is.
pub fn results_in_pieces(path: &Path, detail: Detail) -> Result<Option<Results>, Failure> {
    // A pipe's bytes can be read once: one is read whole (asked before it is opened, which
    // waits for a writer).
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if extension(path) != "json" || !regular {
        return Ok(None);
    }
    let mut file = open(path)?;
    let mut feed = ResultsFeed::new(detail);
    let mut piece = vec![0; PIECE_BYTES];
    loop {
        let read = file.read(&mut piece).map_err(|e| read_error(path, e))?;
        if read == 0 {
            return Ok(feed.finish());
        }
        if !feed.push(&piece[..read]) {
            return Ok(None);
        }
    }
}

/// The text of a table file in whichever encoding Excel saved it (see
/// [`par_core::read_text`]), or in the one given.
pub fn table_text(path: &Path, encoding: Option<TextEncoding>) -> Result<FileText, Failure> {
    decoded_table(path, file_bytes(path, TextKind::Csv)?, encoding)
}

/// [`table_text`] of a table file's bytes, read already.
fn decoded_table(
    path: &Path,
    bytes: Vec<u8>,
    encoding: Option<TextEncoding>,
) -> Result<FileText, Failure> {
    par_core::read_text(bytes, encoding).map_err(|e| file_problem(path, e))
}

/// Opens a file. A path that does not exist is a usage error (a mistyped name); one that exists
/// but cannot be opened (permissions, a device) is a problem with that input.
fn open(path: &Path) -> Result<File, Failure> {
    File::open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            Failure::Usage(
                ReadingMsg::CannotRead {
                    detail: e.to_string(),
                }
                .into(),
            )
            .in_file(path)
        } else {
            read_error(path, e)
        }
    })
}

/// The bytes of a file, refused by its size before any is read. Reading stops just past the limit
/// too, for files whose size is not known beforehand (pipes, devices) or that grow meanwhile.
fn read_bounded(file: &mut File, path: &Path, limit: Limit) -> Result<Vec<u8>, Failure> {
    let mut bytes = room_to_read(file, path, limit)?;
    let mut read_up_to = |bytes: &mut Vec<u8>, max: usize| {
        let mut part = file.by_ref().take(max as u64);
        part.read_to_end(bytes).map_err(|e| read_error(path, e))
    };
    read_up_to(&mut bytes, limit.max)?;
    // One byte more says that a file is longer than the limit, however long: it is not read
    // into the bytes read, which would grow them to twice the limit for it.
    if bytes.len() == limit.max && read_up_to(&mut Vec::new(), 1)? > 0 {
        return Err(file_problem(path, limit.exceeded_at_least()));
    }
    Ok(bytes)
}

/// Room for a file's bytes: its size, refused over `limit`. A file whose size is not known (a
/// pipe) is given room for the limit where the system lends it untouched (Linux takes memory
/// only as it is filled): growing the room as it fills would copy what was read into room twice
/// its size, up to twice the limit. Where the system does not lend it, the room grows.
fn room_to_read(file: &File, path: &Path, limit: Limit) -> Result<Vec<u8>, Failure> {
    let metadata = file.metadata().map_err(|e| read_error(path, e))?;
    let mut room = Vec::new();
    if metadata.is_file() {
        room.reserve_exact(check_size(path, limit, metadata.len())?);
    } else {
        // Refused room is no failure: reading goes on in room that grows.
        let _ = room.try_reserve_exact(limit.max);
    }
    Ok(room)
}

/// The size of a file as the file system gives it, refused when over `limit`.
fn file_size(file: &File, path: &Path, limit: Limit) -> Result<usize, Failure> {
    let size = file.metadata().map_err(|e| read_error(path, e))?.len();
    check_size(path, limit, size)
}

fn check_size(path: &Path, limit: Limit, size: u64) -> Result<usize, Failure> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    limit.check(size).map_err(|e| file_problem(path, e))?;
    Ok(size)
}

/// The text of a file's bytes, decoded by the core as every binding decodes it.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Failure> {
    par_core::decode_owned(bytes).map_err(|e| file_problem(path, e))
}

/// A problem with a file as a whole: its name leads the message.
fn file_problem(path: &Path, e: ParError) -> Failure {
    Failure::Invalid(in_file(path, e).into())
}

/// The problem, said of the file it was found in.
fn in_file(path: &Path, e: ParError) -> ParError {
    e.in_file(path.display().to_string())
}

fn read_error(path: &Path, e: io::Error) -> Failure {
    let message = ReadingMsg::CannotRead {
        detail: e.to_string(),
    };
    file_problem(path, ParError::new(ErrorCode::UnreadableFile, message))
}

/// Writes a file the command makes (a report); a path that cannot be written is a usage error,
/// said of the file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| {
        let detail = e.to_string();
        Failure::Usage(ReadingMsg::CannotWriteOutput { detail }.into()).in_file(path)
    })
}

/// A file the command is to write, refused before anything is read: one of the files it reads
/// (`par report … diem.xlsx -o diem.xlsx` replaced a department's sheet with the report), or a
/// name whose extension says another kind of file than the one written (a workbook in
/// `bao-cao.csv` opens as garbage). A name without one (`/dev/stdout`, a temporary file's) is
/// written. (A hard link to an input is not told from another file.)
pub fn check_output(path: &Path, expected: &str, read: &[&Path]) -> Result<(), Failure> {
    let refused = |message: ReadingMsg| Err(Failure::Usage(message.into()).in_file(path));
    let named = extension(path);
    if !named.is_empty() && named != expected {
        let expected = expected.to_string();
        return refused(ReadingMsg::OutputExtension { expected });
    }
    // A file not there yet is none of the inputs, whatever its name.
    let Ok(output) = std::fs::canonicalize(path) else {
        return Ok(());
    };
    if read
        .iter()
        .any(|input| std::fs::canonicalize(input).is_ok_and(|input| input == output))
    {
        return refused(ReadingMsg::OutputIsInput);
    }
    Ok(())
}

/// A built-in id, or a path to a methodology JSON file.
pub fn methodology(id_or_path: &str) -> Result<Methodology, Failure> {
    let path = Path::new(id_or_path);
    if path.extension().is_some_and(|e| e == "json") || path.exists() {
        Ok(Methodology::from_json(&read_json(
            path,
            DocumentKind::Methodology,
        )?)?)
    } else {
        Ok(par_core::builtin(id_or_path)?)
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What could be read of all inputs, the table columns read from floating-point cells, and the
/// files whose encoding was guessed.
pub struct Inputs {
    pub units: Read<Vec<UnitAssessment>>,
    pub float_columns: Vec<String>,
    /// What was found of each workbook's sheet read: the sheet read in place of the first, the
    /// rows it hides that were read; and the file, where several are read.
    pub sheets: Vec<SheetOfFile>,
    pub guessed: Vec<(String, TextEncoding)>,
    /// What reading each table passed over (summary rows, reasons not read), and the file,
    /// where several are read.
    pub passed_over: Vec<(Option<String>, PassedOver)>,
    /// The totals wide sheets give their units, to compare with their points
    /// ([`Results::note_own_totals`]).
    pub own_totals: Vec<OwnTotal>,
    /// The file that gives each unit.
    pub files: UnitsOfFiles,
}

/// What was found of a workbook's sheet read among the inputs, to be said in the results
/// ([`par_core::SheetRead::warnings`]): the file, where several are read.
pub struct SheetOfFile {
    file: Option<String>,
    read: SheetRead,
    hidden: Option<RowsHidden>,
}

/// A table read from a file, and the encoding its text was guessed to be in, if it was.
pub struct TableFile {
    pub table: Table,
    pub guessed: Option<TextEncoding>,
}

/// Whether a file is a table in text (CSV, or Excel's "Unicode Text"), by its extension.
fn is_text_table(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "txt" | "tsv")
}

/// Whether a file there holds a table: a workbook, or a text table whose start is no JSON
/// document's (a methodology Notepad saved as `.txt` is none).
pub fn holds_a_table(path: &Path) -> bool {
    if !is_table(path) || !path.is_file() {
        return false;
    }
    let mut start = Vec::new();
    let read = File::open(path).and_then(|file| file.take(4096).read_to_end(&mut start));
    !is_text_table(path) || read.is_ok_and(|_| !par_sheets::holds_json(&start))
}

/// Whether a file is a table, in text or a workbook (`par_sheets::Kind::of_extension`), by its
/// extension.
fn is_table(path: &Path) -> bool {
    is_text_table(path) || par_sheets::Kind::of_extension(&extension(path)).is_some()
}

/// How table files are read, when the person says: the encoding of text tables, and which sheet
/// of a workbook (by its name, or its number as Excel's tabs show them, from 1).
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading<'a> {
    pub encoding: Option<TextEncoding>,
    pub sheet: Option<&'a str>,
}

/// Whether a JSON file is a `par.assessments/1` document (what units entered), rather than results.
pub fn is_assessments(path: &Path) -> Result<bool, Failure> {
    #[derive(serde::Deserialize)]
    struct Schema {
        schema: Option<String>,
    }
    if extension(path) != "json" {
        return Ok(false);
    }
    // Last year's assessments or results: a file too long to read is refused for its size.
    let text = decode(path, file_bytes(path, TextKind::Json(None))?)?;
    let schema = serde_json::from_str::<Schema>(&text)
        .ok()
        .and_then(|s| s.schema);
    Ok(schema.as_deref() == Some(par_core::ASSESSMENTS_SCHEMA))
}

/// The inputs scored, keeping `detail` of their inputs in the results, with a warning for
/// columns read from floating-point spreadsheet cells and for each file whose encoding was
/// guessed. One input is scored as it is read, unit by unit: a long CSV file a piece of whole
/// units at a time on every core, without holding its text (see [`LongCsvFeed`]; text decoded
/// or with quotes a part per core, without holding its cells: [`par_core::score_csv_as_read`]),
/// a long sheet row by row
/// ([`Table::score_long_rows`]), a JSON document unit by unit
/// ([`par_core::score_json_as_read`]; a document that does not read so is scored unit by unit
/// as the walk that finds every problem reads it). Several inputs, and a table that cannot be
/// read so, are read whole first, which says what is wrong with them.
///
/// Given `workings`, a single input scored as it is read writes each unit's workings there as
/// it is scored, and keeps only its scores: the results are then written with
/// [`Results::write_json_with_workings`].
pub fn score<'m>(
    m: &'m Methodology,
    paths: &[PathBuf],
    how: Reading,
    lang: Lang,
    kept: Kept,
    workings: Option<&'m WorkingsFile>,
) -> Result<Results, Failure> {
    let scorer = scorer_of(m, lang, kept, workings);
    if let [path] = paths {
        match read_once(path, how, &scorer)? {
            Streamed::Scored(scored, guessed) => {
                return Ok(noted_guess(path, scored.finish()?, guessed, lang));
            }
            // A sheet is scored row by row where it can be, else read whole (`Table::score`),
            // and a table whose text did not stream is read whole at once: either way, without
            // holding every unit beside the cells. The float columns are noted by the table.
            Streamed::Table(TableFile { table, guessed }) => {
                return Ok(noted_guess(path, table.score(scorer)?, guessed, lang));
            }
            Streamed::TableWhole(TableFile { table, guessed }) => {
                return Ok(noted_guess(
                    path,
                    table.score_whole(scorer())?,
                    guessed,
                    lang,
                ));
            }
            // Each unit scored as the walk that finds every problem reads it, not all read first.
            // Scored by `scorer`, which writes each unit's workings where they go: a document
            // without a problem the stream stepped aside for (`schema` given twice) was held whole
            // in its results (650 MB for the national run, 220 MB as it came).
            Streamed::Json { text, read_as_is } => {
                let scored = match read_as_is {
                    true => par_core::score_json_reporting_problems(&text, scorer()),
                    false => score_json_with(&text, &scorer),
                };
                return Ok(scored?);
            }
            Streamed::Other => {}
        }
    }
    let inputs = assessments(m, paths, how)?;
    let warnings = inputs.warnings(lang);
    let scored = par_core::score(m, inputs.units, lang);
    let scored = match paths.len() {
        1 => scored,
        _ => scored.map_err(|p| inputs.files.name_files(p)),
    };
    let mut results = scored?.with_detail(kept.detail());
    results.warnings.extend(warnings);
    results.note_own_totals(&inputs.own_totals, lang);
    Ok(results)
}

/// What results keep of the units' inputs.
#[derive(Clone, Copy)]
pub enum Kept<'a> {
    /// `detail` of every unit's.
    Detail(Detail),
    /// Those of the unit a question is about (`par explain`, `par what-if`), by the name asked,
    /// and the others' scores ([`Scorer::keeping_inputs_of`]).
    InputsOf(&'a str),
}

impl Kept<'_> {
    /// The detail of the results: every input where one unit's are asked for (units read whole
    /// are held whole, and several files are read whole).
    fn detail(self) -> Detail {
        match self {
            Kept::Detail(detail) => detail,
            Kept::InputsOf(_) => Detail::Full,
        }
    }
}

/// Scorers as `score` makes them: keeping what `kept` says of each unit's inputs, writing the
/// workings of each unit in `workings` if given.
fn scorer_of<'m, 'k>(
    m: &'m Methodology,
    lang: Lang,
    kept: Kept<'k>,
    workings: Option<&'m WorkingsFile>,
) -> impl Fn() -> Scorer<'m> + Sync + use<'m, 'k> {
    move || {
        let scorer = match kept {
            Kept::Detail(detail) => Scorer::new(m, lang).with_detail(detail),
            Kept::InputsOf(unit) => Scorer::new(m, lang).keeping_inputs_of(unit),
        };
        match workings {
            Some(workings) => scorer.writing_workings(workings),
            None => scorer,
        }
    }
}

/// Where `par score` writes each unit's workings as it scores it, for a results document laid
/// out so: a temporary file (in `TMPDIR`, else `/tmp`), which no other process sees and which
/// goes when the process ends, however it ends. `None` where none can be made: the inputs are
/// then held in memory until the document is written.
pub fn workings_file(layout: JsonLayout) -> Option<WorkingsFile> {
    let file = tempfile::tempfile().ok()?;
    Some(WorkingsFile::new(file, layout))
}

/// The results of one file, with a warning if its encoding was guessed.
fn noted_guess(
    path: &Path,
    mut results: Results,
    guessed: Option<TextEncoding>,
    lang: Lang,
) -> Results {
    if let Some(encoding) = guessed {
        results.note_encoding_guessed(Some(&path.display().to_string()), encoding, lang);
    }
    results
}

impl Inputs {
    /// The warnings about the inputs as a whole: each workbook's sheet read in place of its
    /// first, what each table's reading passed over (summary rows, reasons not read), the
    /// columns read from floating-point cells, each file whose encoding was guessed. Scoring
    /// adds them to the results; a command that does not score (`par convert`) says them.
    pub fn warnings(&self, lang: Lang) -> Vec<Warning> {
        let summaries = (self.passed_over.iter())
            .flat_map(|(file, passed)| Warning::passed_over(passed, file.as_deref(), lang));
        let sheets = (self.sheets.iter())
            .flat_map(|s| (s.read).warnings(s.hidden.as_ref(), s.file.as_deref(), lang));
        let floats = Warning::float_columns(&self.float_columns, lang);
        let guessed =
            (self.guessed.iter()).map(|(f, e)| Warning::encoding_guessed(Some(f), *e, lang));
        // What was found of the sheets read said first, as results of one table say it.
        sheets
            .chain(summaries)
            .chain(floats)
            .chain(guessed)
            .collect()
    }
}

/// The warning for a file whose encoding was guessed.
pub fn guessed(file: &str, encoding: TextEncoding, lang: Lang) -> String {
    Warning::encoding_guessed(Some(file), encoding, lang)
        .message
        .to_string()
}

/// A single input scored as its text is read, or what was read of it.
enum Streamed<'m> {
    /// Scored, with the encoding of its text if that was guessed.
    Scored(Box<Scorer<'m>>, Option<TextEncoding>),
    /// A table, to be scored row by row or read whole.
    Table(TableFile),
    /// A table whose text did not stream, to be read whole.
    TableWhole(TableFile),
    /// A JSON document that did not read as a valid one as it came (`read_as_is`), or whose
    /// text had to be decoded first.
    Json { text: String, read_as_is: bool },
    /// Not an input `par score` reads: reading it whole says so.
    Other,
}

/// A single input file read, and scored as it is read where its kind allows: a long CSV table
/// straight from its text, a JSON document unit by unit.
fn read_once<'m>(
    path: &Path,
    how: Reading,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Result<Streamed<'m>, Failure> {
    if is_text_table(path) {
        // UTF-8 as it stands (most files) is scored as the file is read.
        let text_read_whole = match csv_streamed(path, how, scorer)? {
            Ok(scored) => return Ok(Streamed::Scored(Box::new(scored), None)),
            Err(why) => why == Unstreamable::Text,
        };
        let bytes = file_bytes(path, TextKind::Csv)?;
        // Text with quotes is scored from the bytes read, other text is decoded first: either
        // may then stream as well, as one text. Rows that did not stream as read would not.
        let as_is = par_core::utf8_text(&bytes, how.encoding);
        let from_bytes = as_is.filter(|_| text_read_whole);
        if let Some(scored) = from_bytes.and_then(|text| csv_scored_as_read(text, scorer)) {
            return Ok(Streamed::Scored(Box::new(scored), None));
        }
        let decoded = as_is.is_none();
        let text = decoded_table(path, bytes, how.encoding)?;
        if decoded {
            if let Some(scored) = csv_scored_as_read(&text.text, scorer) {
                let guessed = text.guessed.then_some(text.encoding);
                return Ok(Streamed::Scored(Box::new(scored), guessed));
            }
        }
        // Text in NFC that does not stream as CSV does not stream as rows either: the same
        // checks, row by row. Typed with combining accents, it may: each row is put in NFC.
        let in_nfc = is_nfc(&text.text);
        let file = text_table(path, text)?;
        return Ok(if in_nfc {
            Streamed::TableWhole(file)
        } else {
            Streamed::Table(file)
        });
    }
    let extension = extension(path);
    if extension == "json" {
        let bytes = file_bytes(path, TextKind::Json(Some(DocumentKind::Assessments)))?;
        let as_is = par_core::utf8_text(&bytes, Some(TextEncoding::Utf8));
        let read_as_is = as_is.is_some();
        if let Some(scored) = as_is.and_then(|text| json_scored_on_every_core(text, scorer)) {
            return Ok(Streamed::Scored(Box::new(scored), None));
        }
        let text = decode(path, bytes)?;
        return Ok(Streamed::Json { text, read_as_is });
    }
    if is_table(path) {
        return Ok(Streamed::Table(table(path, how)?));
    }
    Ok(Streamed::Other)
}

/// A long CSV table file scored as it is read, a piece at a time on every core (as `par score`
/// scores one), keeping `detail` of its inputs: its results, or the problems scoring found;
/// `None` when it is to be read whole (text to decode, quotes, irregular rows), or cannot be
/// read at all, which reading it whole says.
pub fn score_csv_file_as_read(
    m: &Methodology,
    path: &Path,
    lang: Lang,
    detail: Detail,
) -> Option<Result<Results, Problems>> {
    let scorer = scorer_of(m, lang, Kept::Detail(detail), None);
    let scored = csv_streamed(path, Reading::default(), &scorer).ok()?.ok()?;
    Some(scored.finish())
}

/// How many bytes of a table file are read at a time when it is scored as it is read: memory
/// holds a few pieces of about this size, whatever the file's.
const PIECE_BYTES: usize = 1 << 20;

/// A long CSV table file scored as it is read, a piece of whole units at a time on every core
/// (see [`LongCsvFeed`]), so that its text never stands in memory whole; or why it cannot be.
fn csv_streamed<'m>(
    path: &Path,
    how: Reading,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Result<Result<Scorer<'m>, Unstreamable>, Failure> {
    let mut file = open(path)?;
    file_size(&file, path, TABLE_BYTES)?;
    let mut feed = LongCsvFeed::new(how.encoding);
    let cores = crate::cores::count();
    // At most a piece waits per core; each scored piece's bytes are read into again.
    let (hand_over, pieces) = sync_channel::<(usize, LongCsvPiece)>(cores);
    let pieces = Mutex::new(pieces);
    let (give_back, spare) = channel::<Vec<u8>>();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let scorers: Vec<_> = (0..cores)
            .map(|_| {
                let give_back = give_back.clone();
                let (pieces, stop) = (&pieces, &stop);
                s.spawn(move || score_pieces(pieces, scorer, stop, &give_back))
            })
            .collect();
        let read = cut_as_read(&mut file, path, &mut feed, &hand_over, &spare, &stop);
        drop(hand_over);
        let mut scored = Vec::new();
        for scorer in scorers {
            match scorer.join() {
                Ok(pieces) => scored.extend(pieces),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        scored.sort_by_key(|(i, _)| *i);
        let handed_over = read?;
        // Every piece cut was scored: none is missing from the results.
        let whole = handed_over.and_then(|cut| match cut == scored.len() {
            true => Ok(()),
            false => Err(Unstreamable::Rows),
        });
        Ok(whole.and_then(|()| feed.merge(scored.into_iter().map(|(_, s)| s))))
    })
}

/// A piece's place among the table's pieces, and the piece scored.
type PieceScored<'m> = (usize, Result<ScoredPiece<'m>, Unstreamable>);

/// Scores the pieces handed over until there are no more, giving each piece's bytes back to be
/// read into again. Once a piece could not be scored so (`stop`), the table is read whole, and
/// the pieces left are not scored.
fn score_pieces<'m>(
    pieces: &Mutex<Receiver<(usize, LongCsvPiece)>>,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
    stop: &AtomicBool,
    give_back: &Sender<Vec<u8>>,
) -> Vec<PieceScored<'m>> {
    let mut scored = Vec::new();
    while let Some((i, piece)) = next_piece(pieces) {
        // A scorer that stopped (a bug) would leave the reader waiting for it.
        let score = || piece.score(scorer());
        let result = match stop.load(Ordering::Relaxed) {
            true => Err(Unstreamable::Rows),
            false => catch_unwind(AssertUnwindSafe(score)).unwrap_or(Err(Unstreamable::Rows)),
        };
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        scored.push((i, result));
        let _ = give_back.send(piece.into_bytes());
    }
    scored
}

/// The next piece handed over to score, or `None` once there are no more: the lock is held
/// while waiting for a piece, not while scoring one.
fn next_piece(pieces: &Mutex<Receiver<(usize, LongCsvPiece)>>) -> Option<(usize, LongCsvPiece)> {
    pieces.lock().ok()?.recv().ok()
}

/// Reads the file a [`PIECE_BYTES`] at a time, handing each piece the feed cuts over to be
/// scored, until the end or a piece that could not be scored so (`stop`: merging the pieces
/// then says why). Gives how many pieces were handed over.
fn cut_as_read(
    file: &mut File,
    path: &Path,
    feed: &mut LongCsvFeed,
    hand_over: &SyncSender<(usize, LongCsvPiece)>,
    spare: &Receiver<Vec<u8>>,
    stop: &AtomicBool,
) -> Result<Result<usize, Unstreamable>, Failure> {
    let mut pending = Vec::new();
    let mut handed_over = 0;
    loop {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        pending.reserve(PIECE_BYTES);
        let read = file
            .take(PIECE_BYTES as u64)
            .read_to_end(&mut pending)
            .map_err(|e| read_error(path, e))?;
        let at_end = read < PIECE_BYTES;
        let buffer = || spare.try_recv().unwrap_or_default();
        match feed.cut(&mut pending, at_end, buffer) {
            Ok(Some(piece)) => {
                if hand_over.send((handed_over, piece)).is_err() {
                    return Ok(Err(Unstreamable::Rows)); // no scorer is left
                }
                handed_over += 1;
            }
            Ok(None) => {}
            Err(why) => return Ok(Err(why)),
        }
        if at_end {
            break;
        }
    }
    Ok(Ok(handed_over))
}

/// CSV text scored as it is read, when it is a long table that can be (see [`LongCsv::read`]).
fn csv_scored_as_read<'m>(
    text: &str,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Option<Scorer<'m>> {
    scored_as_read(LongCsv::read(text)?, scorer)
}

/// A long table scored as it is read: in a part per core, else as one part, which says whether
/// it can be read so at all; `None` when it must be read whole.
///
/// The parts are tried again as one part whatever stopped them: a scoring problem in one of
/// them (whose report must be the table's), a unit cut between two, and also a part past its
/// share of the cell limit (parts are cut by bytes, not cells), which the table as one part
/// may still be within. A table whose rows are apart is then read three times, where reading
/// it whole at once would hold its every cell even when one part could have streamed it.
fn scored_as_read<'m>(
    table: LongCsv<'_>,
    scorer: impl Fn() -> Scorer<'m> + Sync,
) -> Option<Scorer<'m>> {
    side_by_side(table.clone(), &scorer).or_else(|| table.score(scorer()))
}

/// The table's parts scored on every core, one thread each, and merged in order.
fn side_by_side<'m>(
    table: LongCsv<'_>,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Option<Scorer<'m>> {
    let parts = table.parts(crate::cores::count());
    Scorer::merge_in_order(parts_side_by_side(&parts, |part, s| part.score(s), scorer))
}

/// An input's parts, each scored by `score` on a thread of its own: `None` for a part that
/// could not be scored so. A part that panicked is a bug, not a reason to read the input
/// otherwise: it is raised ([`crate::cores::side_by_side`]).
fn parts_side_by_side<'m, P: Sync>(
    parts: &[P],
    score: impl Fn(&P, Scorer<'m>) -> Option<Scorer<'m>> + Sync,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Vec<Option<Scorer<'m>>> {
    crate::cores::side_by_side(parts, |part| score(part, scorer()))
}

/// A JSON document below this size is read in one pass: a thread takes longer to start than a
/// part of it takes to read.
const JSON_PARTS_FROM: usize = 1 << 20;

/// A valid `par.assessments/1` document scored as it is read: a part of its units per core
/// side by side (`par_core::json_parts`), else in one pass (`score_json_as_read`); `None` where
/// it does not read as a valid document (it is then read whole, which says what is wrong).
///
/// A part that does not read stops the one pass as well (parts are cut only between units, see
/// `json_parts`): the document is then read whole at once. Only parts that do not merge (a unit
/// in two of them, or past a limit together) are read again in one pass, which says so in the
/// order it always does.
pub fn json_scored_on_every_core<'m>(
    text: &str,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Option<Scorer<'m>> {
    // Put in NFC once, for the parts and the one pass alike (which then only look it over).
    let text = par_core::json_in_nfc(text);
    let cores = crate::cores::count();
    if cores > 1 && text.len() >= JSON_PARTS_FROM {
        let parts = par_core::json_parts(&text, cores).filter(|parts| parts.len() > 1);
        if let Some(parts) = parts {
            let scored = parts_side_by_side(&parts, JsonPart::read, scorer);
            if scored.iter().any(Option::is_none) {
                return None;
            }
            if let Some(merged) = Scorer::merge_in_order(scored) {
                return Some(merged);
            }
        }
    }
    score_json_as_read(&text, scorer())
}

/// Scores `par.assessments/1` JSON text, keeping `detail` of its inputs: as it is read, on every
/// core ([`json_scored_on_every_core`]), else read whole, which reports every problem.
pub fn score_json_text(
    m: &Methodology,
    text: &str,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    score_json_with(text, &scorer_of(m, lang, Kept::Detail(detail), None))
}

/// [`score_json_text`] with the scorers given (as `score` makes them).
fn score_json_with<'m>(
    text: &str,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
) -> Result<Results, Problems> {
    match json_scored_on_every_core(text, scorer) {
        Some(scored) => scored.finish(),
        None => par_core::score_json_reporting_problems(text, scorer()),
    }
}

/// A thread's chunks of units in compact JSON, as it makes them.
type Made = Receiver<io::Result<Vec<u8>>>;

/// Units of a results document, made on every core and written in order (see
/// [`Results::write_json_with`]). Each thread makes every n-th chunk of units and hands
/// it over at most two chunks ahead of the writer, which gives the buffer back once written:
/// memory holds a few chunks, not the document, and no fresh buffer per chunk.
pub fn write_units_on_every_core<W: io::Write>(
    out: &mut W,
    units: &[UnitResult],
    layout: JsonLayout,
) -> io::Result<()> {
    let cores = crate::cores::count();
    let chunks = chunks_of_nodes(units);
    if cores == 1 || chunks.len() < 2 {
        return write_units(out, units, layout, false);
    }
    std::thread::scope(|s| {
        let threads: Vec<(Made, Sender<Vec<u8>>)> = (0..cores)
            .map(|first| {
                let (hand_over, made) = sync_channel(2);
                let (give_back, written) = channel::<Vec<u8>>();
                let chunks = &chunks;
                s.spawn(move || {
                    for (i, chunk) in chunks.iter().enumerate().skip(first).step_by(cores) {
                        let mut json = written.try_recv().unwrap_or_default();
                        json.clear();
                        let chunk_json =
                            write_units(&mut json, chunk, layout, i > 0).map(|()| json);
                        if hand_over.send(chunk_json).is_err() {
                            break; // the writer stopped: the output was closed
                        }
                    }
                });
                (made, give_back)
            })
            .collect();
        for i in 0..chunks.len() {
            let (made, give_back) = &threads[i % cores];
            let json = made
                .recv()
                .map_err(|_| io::Error::other("a thread making the results stopped"))??;
            out.write_all(&json)?;
            // A thread that made its last chunk has gone: its buffer is then dropped here.
            let _ = give_back.send(json);
        }
        Ok(())
    })
}

/// Units in chunks of about [`NODES_PER_CHUNK`] node results (at least a unit each), cut by
/// their nodes, not their count: a chunk of 64 units of a tree of 9,999 nodes was 220 MB of JSON,
/// and four of them were held at once.
fn chunks_of_nodes(units: &[UnitResult]) -> Vec<&[UnitResult]> {
    let mut chunks = Vec::new();
    let (mut start, mut nodes) = (0, 0);
    for (i, unit) in units.iter().enumerate() {
        nodes += unit.nodes.len().max(1);
        if nodes >= NODES_PER_CHUNK {
            chunks.push(&units[start..=i]);
            (start, nodes) = (i + 1, 0);
        }
    }
    if start < units.len() {
        chunks.push(&units[start..]);
    }
    chunks
}

/// Node results a chunk of the results document is made of: 64 units of the national run,
/// about a megabyte of JSON.
const NODES_PER_CHUNK: usize = 64 * 148;

/// All units of all inputs; problems of every file are reported together, each with its file.
pub fn assessments(m: &Methodology, paths: &[PathBuf], how: Reading) -> Result<Inputs, Failure> {
    let mut units = Vec::new();
    let mut float_columns = Vec::new();
    let mut sheets = Vec::new();
    let mut guessed = Vec::new();
    let mut passed_over = Vec::new();
    let mut own_totals = Vec::new();
    let mut problems = Vec::new();
    let mut given = UnitsOfFiles::default();
    for path in paths {
        let extension = extension(path);
        let mut sheet = None;
        let parsed = match extension.as_str() {
            "json" => read_assessments(&read_json(path, DocumentKind::Assessments)?),
            _ if is_table(path) => {
                let file = table(path, how)?;
                float_columns.extend(file.table.float_columns.iter().cloned());
                sheet = file.table.sheet.sheet_named().map(str::to_string);
                guessed.extend(file.guessed.map(|e| (path.display().to_string(), e)));
                let named = (paths.len() > 1).then(|| path.display().to_string());
                sheets.push(SheetOfFile {
                    file: named.clone(),
                    read: file.table.sheet.clone(),
                    hidden: file.table.rows_hidden_read(),
                });
                passed_over.push((named, file.table.passed_over()));
                own_totals.extend(file.table.own_totals(m));
                file.table.read_assessments(m)
            }
            other => return Err(not_assessments(path, other)),
        };
        given.file(&path.display().to_string(), sheet.as_deref());
        let found = match parsed {
            Ok(read) => {
                let mut found = read.problems;
                for unit in read.value {
                    match given.given(&unit) {
                        Ok(()) => units.push(unit),
                        // Left out: scoring would say again that it appears twice.
                        Err(twice) => found.push(twice),
                    }
                }
                found
            }
            Err(p) => p.problems,
        };
        problems.extend(found.into_iter().map(
            |e| {
                if paths.len() > 1 {
                    in_file(path, e)
                } else {
                    e
                }
            },
        ));
    }
    Ok(Inputs {
        units: Read {
            value: units,
            problems,
        },
        float_columns,
        sheets,
        guessed,
        passed_over,
        own_totals,
        files: given,
    })
}

/// A CSV (or tab-separated text) or spreadsheet file as a text table; text is read in the
/// encoding given, else in the one found, and a workbook's sheet is the one given, else its first.
pub fn table(path: &Path, how: Reading) -> Result<TableFile, Failure> {
    match extension(path).as_str() {
        _ if is_text_table(path) => text_table(path, table_text(path, how.encoding)?),
        _ if is_table(path) => Ok(TableFile {
            table: sheet_table(path, how.sheet)?,
            guessed: None,
        }),
        other => Err(unknown_type(path, other, &["csv", "xlsx"])),
    }
}

/// The table in a text file's text; the encoding, if it was guessed.
fn text_table(path: &Path, text: FileText) -> Result<TableFile, Failure> {
    let table = Table::from_csv(&text.text).map_err(|p| in_file_problems(path, p))?;
    let guessed = text.guessed.then_some(text.encoding);
    Ok(TableFile { table, guessed })
}

/// A ranking to compare: scored results (`.json`, read a piece at a time where it can be, see
/// [`results_in_pieces`]), or a ranking as published (a table of unit, index and rank: `.csv`,
/// `.xlsx`…).
pub fn ranking(path: &Path, how: Reading) -> Result<Ranking, Failure> {
    match ranking_in_pieces(path)? {
        Some(ranking) => Ok(ranking),
        None => ranking_read_whole(path, how),
    }
}

/// [`ranking`] of a file read whole.
pub fn ranking_read_whole(path: &Path, how: Reading) -> Result<Ranking, Failure> {
    if extension(path) == "json" {
        // Each problem said of its file, as a table's are: two results files are compared.
        let results = Results::from_json(&read_json(path, DocumentKind::Results)?);
        return Ok(Ranking::of(
            &results.map_err(|p| in_file_problems(path, p))?,
        ));
    }
    let extension = extension(path);
    let read = match par_sheets::Kind::of_extension(&extension) {
        // A workbook's ranking may be on several sheets, a block each.
        Some(_) => {
            let (bytes, kind) = workbook(path)?;
            par_sheets::ranking(&bytes, kind, how.sheet)
        }
        None if is_text_table(path) => Ranking::from_table(&table(path, how)?.table),
        None => return Err(not_a_ranking(path, &extension)),
    };
    read.map_err(|p| in_file_problems(path, p))
}

/// [`ranking`] as CSV text (block, unit, index, rank) for a binding that compares CSV text: a
/// text table as it is, a workbook's ranking read on every sheet.
pub fn ranking_csv(path: &Path, how: Reading) -> Result<String, Failure> {
    let extension = extension(path);
    match par_sheets::Kind::of_extension(&extension) {
        Some(_) => to_csv(&ranking(path, how)?.to_table()),
        None if is_text_table(path) => to_csv(&table(path, how)?.table),
        None => Err(not_a_ranking(path, &extension)),
    }
}

/// A criteria annex: the criteria sheet (the one given, else the first), and the sheets of its
/// workbook named for a section of the methodology (`Xếp loại`, `Khối`, `Quy tắc`). A text
/// table has its sections below the criteria.
pub fn criteria_sheets(path: &Path, how: Reading) -> Result<CriteriaSheets, Failure> {
    let sheets = |(criteria, others)| CriteriaSheets {
        criteria,
        others,
        guessed: None,
    };
    if is_text_table(path) {
        let text = table_text(path, how.encoding)?;
        let table = Table::from_criteria_csv(&text.text).map_err(|p| in_file_problems(path, p))?;
        let guessed = text
            .guessed
            .then(|| (path.display().to_string(), text.encoding));
        return Ok(CriteriaSheets {
            guessed,
            ..sheets((table, Vec::new()))
        });
    }
    if par_sheets::Kind::of_extension(&extension(path)).is_none() {
        return Ok(sheets((table(path, how)?.table, Vec::new())));
    }
    let (bytes, kind) = workbook(path)?;
    par_sheets::criteria_sheets(&bytes, kind, how.sheet)
        .map(sheets)
        .map_err(|e| file_problem(path, e))
}

/// A criteria table as [`criteria_sheets`] reads it: the criteria, the workbook's other
/// sheets (guidance the importer reads beside them), and the file and its encoding if that was
/// guessed.
pub struct CriteriaSheets {
    pub criteria: Table,
    pub others: Vec<(String, Table)>,
    pub guessed: Option<(String, TextEncoding)>,
}

/// A file's problems, each naming the file.
fn in_file_problems(path: &Path, p: Problems) -> Failure {
    let problems = p.problems.into_iter().map(|e| in_file(path, e)).collect();
    Failure::Invalid(Problems { problems })
}

/// A file to compare whose name ends in no extension of a ranking: every kind compared is
/// named, saved results (`.json`, which a binding reads apart) with the tables.
fn not_a_ranking(path: &Path, extension: &str) -> Failure {
    unknown_type(path, extension, &["json", "csv", "xlsx"])
}

/// An assessments file that is no table nor workbook, read as a JSON document: refused as the
/// command line refuses it where its name says another kind, or none (a binding reads tables
/// and workbooks apart, and is given a file's name as the command line is).
pub fn assessments_json(path: &Path) -> Result<String, Failure> {
    match extension(path).as_str() {
        "json" => read_json(path, DocumentKind::Assessments),
        other => Err(not_assessments(path, other)),
    }
}

/// A file of assessments whose name ends in no extension of one.
fn not_assessments(path: &Path, extension: &str) -> Failure {
    unknown_type(path, extension, &["json", "csv", "xlsx"])
}

/// A file whose name ends in an extension the command does not read.
fn unknown_type(path: &Path, extension: &str, expected: &[&str]) -> Failure {
    let message = ReadingMsg::UnknownFileType {
        extension: extension.to_string(),
        expected: expected.iter().map(|e| format!(".{e}")).collect(),
    };
    Failure::Usage(Msg::from(message).in_file(path.display().to_string()))
}

/// A sheet of a workbook file as a text table (see [`par_sheets::read_sheet`]).
fn sheet_table(path: &Path, sheet: Option<&str>) -> Result<Table, Failure> {
    let (bytes, kind) = workbook(path)?;
    par_sheets::read_sheet(&bytes, kind, sheet).map_err(|e| file_problem(path, e))
}

/// A workbook file's bytes, refused by its size before they are read, and its kind.
fn workbook(path: &Path) -> Result<(Vec<u8>, par_sheets::Kind), Failure> {
    let kind = par_sheets::Kind::of_extension(&extension(path))
        .ok_or_else(|| unknown_type(path, &extension(path), &["xlsx", "xls", "ods"]))?;
    let bytes = read_bounded(&mut open(path)?, path, SHEET_BYTES)?;
    Ok((bytes, kind))
}

/// A table as CSV text.
pub fn to_csv(table: &Table) -> Result<String, Failure> {
    Ok(par_sheets::to_csv(table)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units scored on a tree of `nodes` fields, each without entries.
    fn scored(units: usize, nodes: usize) -> Results {
        let fields: Vec<String> = (1..=nodes)
            .map(|i| format!(r#"{{"code":"{i}","name":"n","max":"1"}}"#))
            .collect();
        let m = Methodology::from_json(&format!(
            r#"{{"schema":"par.methodology/1","id":"c","name":"c","completeness":"fields","nodes":[{}]}}"#,
            fields.join(",")
        ))
        .expect("a methodology");
        let units: Vec<String> = (0..units)
            .map(|i| format!(r#"{{"unit":"u{i}"}}"#))
            .collect();
        let doc = format!(
            r#"{{"schema":"par.assessments/1","units":[{}]}}"#,
            units.join(",")
        );
        par_core::wire::score_with(&m, &doc, Lang::Vi, Detail::Scores).expect("scores")
    }

    /// A chunk of the results document holds about as many node results whatever the tree:
    /// sixty-four units of the national run's, one of a tree ten thousand long.
    #[test]
    fn a_chunk_of_the_results_holds_units_by_their_nodes() {
        let lengths = |r: &Results| chunks_of_nodes(&r.units).iter().map(|c| c.len()).collect();
        let national: Vec<usize> = lengths(&scored(200, 148));
        assert_eq!(national, [64, 64, 64, 8]);
        let long: Vec<usize> = lengths(&scored(3, 9_999));
        assert_eq!(long, [1, 1, 1]);
    }
}
