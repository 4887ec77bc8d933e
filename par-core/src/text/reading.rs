//! Texts of inputs that cannot be read as they are: JSON documents, tables, decimals, text
//! encodings, files, sizes past a limit.

use super::{say, Lang};

/// A text about an input that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ReadingMsg {
    /// `lang` / `PAR_LANG` names a language the catalogue does not have.
    UnknownLanguage { given: String },
    /// A binding's `detail` names neither `full` nor `scores`.
    UnknownDetail { given: String },
    /// Results asked for as one JavaScript string are longer than one can be (`megabytes`);
    /// `kept`: the results are held in memory already, to be read piece by piece.
    ResultsTooLongForText { megabytes: usize, kept: bool },
    /// The WebAssembly module ran out of memory, which grows to `megabytes` at most, and stopped:
    /// a module that stopped cannot be trusted, so the page (or program) must load it again.
    EngineOutOfMemory { megabytes: usize },
    /// A unit ranked on two sheets of a workbook read as a ranking.
    UnitOnTwoSheets {
        unit: String,
        first: String,
        second: String,
    },
    /// A binding's argument given a value not among its choices (`level="tiêu chí"`).
    ArgumentNotAnOption {
        argument: String,
        given: String,
        known: Vec<String>,
    },
    /// A binding is asked for the JSON Schema of a document that has none.
    UnknownSchema { given: String, known: Vec<String> },
    /// The last problem of a capped list.
    MoreProblems { hidden: usize, shown: usize },
    /// A size past a limit; `given` is `None` when reading stopped at the limit.
    LimitExceeded {
        given: Option<usize>,
        max: usize,
        counted: Counted,
    },
    /// The `schema` field of a document names another format.
    SchemaMustBe { schema: String },
    /// A document of another kind than the one wanted.
    OtherDocument {
        given: DocumentKind,
        wanted: DocumentKind,
    },
    /// A field the format does not have.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    /// A required field is absent.
    MissingField { field: String },
    /// A field given more than once in one object, where a JSON reader would keep the last
    /// without a word (the first list of units, the first self-score, lost).
    FieldGivenTwice { field: String },
    /// A value of the wrong kind.
    WrongType {
        found: Found,
        expected: JsonExpected,
    },
    /// A name the format does not list (a rule type, a policy value...).
    UnknownVariant {
        given: String,
        expected: Vec<String>,
    },
    /// A value of the right kind that is still not allowed.
    BadValue {
        given: Found,
        expected: JsonExpected,
    },
    /// A list of the wrong length.
    BadLength {
        given: usize,
        expected: JsonExpected,
    },
    /// JSON text broken at a place.
    JsonSyntax {
        fault: SyntaxFault,
        line: usize,
        column: usize,
    },
    /// A reader's message the catalogue does not know; its details are kept as they were.
    Unrecognised { detail: String },
    /// A number written without quotes where a decimal string is expected.
    NumberNotQuoted { number: String },
    /// Text that is not a decimal number.
    BadDecimal { given: String, fault: DecimalFault },
    /// Assessments that are neither a document nor a list of units.
    NotAssessments,
    /// An assessments document without its list of units.
    NoUnitList,
    /// A unit that is not an object.
    UnitNotObject,
    /// A unit without a name.
    UnitWithoutName,
    /// A unit's name that is a spreadsheet's formula without its result, or its error.
    UnitNameNotRead { given: String, fault: DecimalFault },
    /// A unit's block that is a spreadsheet's formula without its result, or its error.
    BlockNotRead { given: String, fault: DecimalFault },
    /// A criterion's evidence, explanation, reason or appraiser that is a spreadsheet's formula
    /// without its result, or its error.
    EntryTextNotRead {
        what: EntryText,
        given: String,
        fault: DecimalFault,
    },
    /// `block` that is not text.
    BlockNotText,
    /// `entries` that is not an object keyed by criterion code.
    EntriesNotObject,
    /// A criterion's entry given more than once in a unit's `entries` (a portal writing its JSON
    /// by hand), where a JSON reader would keep the last without a word.
    EntryGivenTwice { code: String },
    /// Text that is not UTF-8.
    NotUtf8 { byte: usize, line: usize },
    /// A UTF-8 text with a line that is not (copied from a file in another encoding).
    LineNotUtf8 { byte: usize, line: usize },
    /// A JSON file that is not UTF-8 (JSON is UTF-8 by its definition).
    JsonNotUtf8 { byte: usize, line: usize },
    /// Bytes the encoding read (given or found) cannot read.
    NotInEncoding { encoding: String },
    /// A JSON file in UTF-16 (by its byte-order mark) with a character cut in two.
    JsonNotInEncoding { encoding: String },
    /// A file that is no text at all where text is expected.
    NotText { kind: FileKind },
    /// A table whose text is not CSV.
    CsvUnreadable { detail: String },
    /// A heading given to two columns.
    ColumnTwice {
        column: String,
        first: String,
        second: String,
        /// The criterion Excel may have shown as `column`, having stored its code as a number
        /// (1.10 as 1.1): one of the columns may be that criterion's.
        number_of: Option<String>,
    },
    /// A row's reason for an appraisal round whose score it leaves blank, by the columns'
    /// headings.
    ReasonWithoutScore {
        reason_column: String,
        /// The reason column's letters (`E`): a sheet may head two columns `Lý do`.
        letters: String,
        score_column: String,
    },
    /// An appraisal round's reason or appraiser in a table without the round's score
    /// (`Lý do lần 2` beside `Thẩm định lần 1` alone).
    RoundWithoutScore { column: String, round: u32 },
    /// Two headings of one field (`Tự chấm` and `Điểm tự đánh giá`).
    FieldTwice {
        column: String,
        earlier: String,
        first: String,
        second: String,
    },
    /// A cell in a column with no heading.
    CellWithoutHeading { column: String },
    /// A table without a unit column.
    NoUnitColumn,
    /// A table without a cell of text: an empty file or sheet.
    EmptyTable,
    /// No header among a score sheet's first `rows` rows with text, the first a title of one
    /// cell, rows below it with more.
    HeaderNotFound { rows: usize },
    /// A workbook's `first` sheet holds a table without a unit column, and a later sheet, `other`,
    /// has one: which to read is asked, not guessed (it may be another year's).
    SheetWithoutUnits { first: String, other: String },
    /// A long table's column that is none of its columns.
    NotALongColumn {
        column: String,
        expected: Vec<String>,
    },
    /// A row without a criterion code.
    RowWithoutCode,
    /// A long table's row holding nothing but its unit's cell: most often a line below the table
    /// (a note, who drew it up, a signature).
    RowWithOnlyAName,
    /// A row without a unit name.
    RowWithoutUnit,
    /// A wide table's row naming a unit but giving no criterion any points: most often a line
    /// below the table (who drew it up, a signature).
    RowWithoutPoints,
    /// [`ReadingMsg::RowWithoutPoints`] of a row named as a block's heading is (`CÁC SỞ, BAN,
    /// NGÀNH`) that names no block.
    RowWithoutPointsLikeABlock,
    /// A wide table none of whose columns is headed by a criterion's code (a list of the units,
    /// a sheet of totals): no unit would be given any points. `examples`: the methodology's
    /// first criteria codes.
    NoCriterionColumn { examples: String },
    /// A published ranking without one of its columns (unit, index, rank).
    RankingColumnMissing { column: String },
    /// A rank that is not a whole number from 1.
    NotARank { given: String },
    /// A whole rank larger than a ranking of the most units an input may have could give.
    RankBeyondAnyRanking { given: String, most: usize },
    /// A published index that is no percentage.
    PublishedIndexOutside { given: String },
    /// A published rank after a unit's whose index is lower.
    PublishedRankOrder {
        rank: u32,
        index: String,
        other: String,
        other_rank: u32,
        other_index: String,
    },
    /// A quote opened on a row and never closed.
    QuoteNeverClosed,
    /// A row separated by another separator than its header.
    SeparatorChanges { row: char, header: char },
    /// A row with more or fewer cells than the header has columns.
    RowMisaligned { cells: usize, columns: usize },
    /// A row of a comma-separated file with more cells than the header has columns, two side by
    /// side that a number typed with a decimal comma (`1,5`) would have been cut into.
    DecimalCommaCut {
        cells: usize,
        columns: usize,
        number: String,
    },
    /// A file that cannot be opened or read.
    CannotRead { detail: String },
    /// A file whose name says a kind the engine does not read.
    UnknownFileType {
        extension: String,
        expected: Vec<String>,
    },
    /// A workbook without any sheet.
    NoSheets,
    /// A sheet asked for that the workbook does not have.
    NoSuchSheet { sheet: String, sheets: Vec<String> },
    /// A sheet asked for by a number that names one sheet and numbers another.
    SheetNameOrNumber {
        asked: String,
        named: usize,
        numbered: String,
    },
    /// A spreadsheet that cannot be read as one.
    UnreadableSheet { detail: String },
    /// A workbook cut short (an upload that stopped, an attachment saved half-way): its zip's
    /// directory missing, or a sheet's content ending inside its table.
    WorkbookCutShort,
    /// A workbook damaged where its reader does not expect it: the reader stopped inside it.
    WorkbookDamaged,
    /// A workbook encrypted with a password (Excel's "Encrypt with Password").
    WorkbookPassword,
    /// A workbook holding two sheets of one name, the one chosen among them.
    SheetNamedTwice { name: String },
    /// Bytes given as a workbook that are none (a CSV file, a PDF).
    NotAWorkbook,
    /// A cell showing a formula's error that the workbook reader does not know (`#SPILL!`).
    UnknownFormulaError { value: String, cell: Option<String> },
    /// A spreadsheet part that would decompress far beyond its packed size.
    ZipBomb {
        part: String,
        packed: usize,
        size: usize,
    },
    /// A zip holding more end-of-directory records than a workbook has (one, and one for each
    /// zip a part stores as it is), which the zip reader would try each, scanning the file.
    ZipEnds { ends: usize },
    /// A sheet whose used range spans more cells than a table may have.
    SheetTooLarge { rows: usize, max_cells: usize },
    /// A table that cannot be written as CSV.
    CannotWriteCsv { detail: String },
    /// Output that cannot be written (a full disk, a closed terminal).
    CannotWriteOutput { detail: String },
    /// An output file named as one of the files the command reads.
    OutputIsInput,
    /// An output file whose name ends otherwise than the kind of file written.
    OutputExtension { expected: String },
    /// A table given `par validate` without the methodology its scores are checked against:
    /// alone, `validate` checks a methodology's JSON file.
    TableWithoutMethodology,
}

/// What a file that is no text is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum FileKind {
    /// A zip container: an xlsx or ods spreadsheet (or a docx).
    #[default]
    Zip,
    Pdf,
    /// An Office 97–2003 file: an xls spreadsheet (or a doc).
    OldOffice,
}

impl FileKind {
    pub fn render(self, lang: Lang) -> String {
        match self {
            FileKind::Zip => say!(lang,
                vi: "một bảng tính Excel (.xlsx) hoặc tệp nén zip",
                en: "an Excel workbook (.xlsx) or another zip file"),
            FileKind::Pdf => say!(lang, vi: "một tệp PDF", en: "a PDF file"),
            FileKind::OldOffice => say!(lang,
                vi: "một bảng tính Excel 97–2003 (.xls) hoặc tệp Word (.doc)",
                en: "an Excel 97–2003 workbook (.xls) or a Word file (.doc)"),
        }
    }
}

/// A criterion's text that is read as written: what a problem with one names first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum EntryText {
    #[default]
    Evidence,
    Explanation,
    Reason,
    Appraiser,
}

impl EntryText {
    pub fn render(self, lang: Lang) -> String {
        match self {
            EntryText::Evidence => say!(lang, vi: "tài liệu kiểm chứng", en: "evidence"),
            EntryText::Explanation => say!(lang, vi: "giải trình", en: "explanation"),
            EntryText::Reason => say!(lang, vi: "lý do điều chỉnh", en: "reason"),
            EntryText::Appraiser => say!(lang, vi: "người thẩm định", en: "appraiser"),
        }
    }
}

/// What a limit counts, in words that follow a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Counted {
    #[default]
    JsonBytes,
    JsonDepth,
    TableBytes,
    TableCells,
    SheetCells,
    TableColumns,
    SheetRows,
    SheetBytes,
    SheetParts,
    SectionSheets,
    RankingSheets,
    CodeBytes,
    TextBytes,
    LabelBytes,
    CriteriaRows,
    TreeDepth,
    TreeNodes,
    UnitEntries,
    EntryItems,
    RuleOptions,
    Bands,
    Blocks,
    TieBreakers,
    Units,
    NodeResults,
    ReportCells,
    ReportTextBytes,
    ChartCells,
    AnalysisTextBytes,
    ComparisonTextBytes,
    Problems,
}

/// A document of the engine's, by its `schema`: what a person gave where another was wanted
/// (last year's assessments to `compare`, which wants results).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum DocumentKind {
    Assessments,
    #[default]
    Results,
    Methodology,
    Comparison,
}

impl DocumentKind {
    pub fn schema(self) -> &'static str {
        match self {
            DocumentKind::Assessments => crate::assessment::ASSESSMENTS_SCHEMA,
            DocumentKind::Results => crate::results::RESULTS_SCHEMA,
            DocumentKind::Methodology => crate::methodology::METHODOLOGY_SCHEMA,
            DocumentKind::Comparison => crate::compare::COMPARISON_SCHEMA,
        }
    }

    /// The kind a schema names, if it is one of these.
    pub fn of_schema(schema: &str) -> Option<DocumentKind> {
        use DocumentKind::*;
        [Assessments, Results, Methodology, Comparison]
            .into_iter()
            .find(|k| k.schema() == schema)
    }

    pub fn render(self, lang: Lang) -> String {
        match self {
            DocumentKind::Assessments => {
                say!(lang, vi: "bảng điểm tự chấm, thẩm định", en: "a set of assessments")
            }
            DocumentKind::Results => say!(lang, vi: "kết quả chấm điểm", en: "a set of results"),
            DocumentKind::Methodology => say!(lang, vi: "bộ chỉ số", en: "a methodology"),
            DocumentKind::Comparison => say!(lang, vi: "kết quả so sánh", en: "a comparison"),
        }
    }
}

/// The kind of a value that was given where another was expected, as JSON readers name it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Found {
    Boolean(String),
    Integer(String),
    Float(String),
    Text(String),
    #[default]
    Null,
    List,
    Object,
    /// A kind the catalogue does not name, as the reader wrote it.
    Other(String),
}

/// What a place of a document expects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum JsonExpected {
    #[default]
    Text,
    List,
    Object,
    Boolean,
    Count,
    /// A decimal written as a JSON string.
    Decimal,
    /// A self-score, appraisal or value: decimal text, an option's label, yes/no, or a boolean.
    ScoreValue,
    /// An object with exactly one field, naming which of several shapes it is (a survey result:
    /// `{"percent": …}` or `{"points": …}`).
    OneField,
    /// As the reader wrote it (a type the catalogue does not name).
    Named(String),
}

/// Why a text is not a decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum DecimalFault {
    #[default]
    Empty,
    BothSeparators,
    CommaNotAllowed,
    NotDigits,
    NoDigits,
    TooManyDigits,
    TooManyPlaces,
    Unrepresentable,
    TooLarge,
    /// A results figure not written as scoring writes one (`90,00`).
    FigureNotPlain,
    /// A results figure with more digits than a decimal holds.
    FigureDigits,
    /// A results figure beyond any total scoring reaches.
    FigureTooLarge,
    /// A spreadsheet formula, written without its result.
    Formula,
    /// The error a spreadsheet formula gave (`#DIV/0!`).
    FormulaError,
}

/// Where JSON text breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum SyntaxFault {
    /// The text ends in the middle of a value, list or object.
    #[default]
    Unfinished,
    ExpectedValue,
    ExpectedColon,
    ExpectedListComma,
    ExpectedObjectComma,
    KeyMustBeText,
    TrailingComma,
    TrailingCharacters,
    ControlCharacter,
    BadEscape,
    BadNumber,
    /// Another syntax error, named by the reader.
    Other,
}

impl ReadingMsg {
    pub fn render(&self, lang: Lang) -> String {
        use ReadingMsg::*;
        match self {
            UnknownLanguage { given } => say!(lang,
                vi: "không có ngôn ngữ “{given}”; dùng vi (tiếng Việt) hoặc en (tiếng Anh)",
                en: "no language '{given}'; use vi (Vietnamese) or en (English)"),
            UnknownDetail { given } => say!(lang,
                vi: "không có mức chi tiết “{given}” cho kết quả; dùng full (kèm điểm tự chấm, các lần thẩm định, tài liệu kiểm chứng) hoặc scores (chỉ điểm và nguồn điểm)",
                en: "no results detail '{given}'; use full (with self-scores, appraisal rounds and evidence) or scores (points and their sources only)"),
            ResultsTooLongForText {
                megabytes,
                kept: false,
            } => say!(lang,
                vi: "kết quả dài hơn một chuỗi JavaScript chứa được ({megabytes} MB); hãy giữ kết quả trong bộ nhớ bằng scoreResults (với bảng: scoreCsvResults, scoreSheetResults) rồi đọc từng phần (bảng xếp hạng, từng đơn vị), hoặc chấm với detail: 'scores' (chỉ điểm và nguồn điểm, nhỏ bằng một nửa)",
                en: "the results are longer than a JavaScript string can be ({megabytes} MB); keep them in memory with scoreResults (for a table: scoreCsvResults, scoreSheetResults) and read them piece by piece (the ranking, a unit), or score with detail: 'scores' (points and their sources only, half the size)"),
            ResultsTooLongForText {
                megabytes,
                kept: true,
            } => say!(lang,
                vi: "kết quả dài hơn một chuỗi JavaScript chứa được ({megabytes} MB); hãy đọc từng phần: bảng xếp hạng (rankTable), thống kê (statistics), từng đơn vị (unit, lostPoints), hoặc chấm lại với detail: 'scores' (chỉ điểm và nguồn điểm, nhỏ bằng một nửa)",
                en: "the results are longer than a JavaScript string can be ({megabytes} MB); read them piece by piece: the ranking (rankTable), the statistics (statistics), a unit (unit, lostPoints), or score again with detail: 'scores' (points and their sources only, half the size)"),
            EngineOutOfMemory { megabytes } => {
                let megabytes = lang.count(*megabytes);
                say!(lang,
                    vi: "bộ máy chấm điểm đã hết bộ nhớ (WebAssembly cho dùng nhiều nhất {megabytes} MB, phần lớn thường do các kết quả đã giữ mà chưa giải phóng) nên đã dừng; hãy tải lại trang (hoặc chạy lại chương trình) rồi chấm lại: giải phóng (free) các kết quả không còn cần, hoặc chấm với detail: 'scores' (chỉ điểm và nguồn điểm)",
                    en: "the scoring engine ran out of memory (WebAssembly lets it use {megabytes} MB at most, most often held by results kept and not freed) and has stopped; reload the page (or run the program again) and score again: free the results no longer needed, or score with detail: 'scores' (points and their sources only)")
            }
            UnitOnTwoSheets {
                unit,
                first,
                second,
            } => say!(lang,
                vi: "đơn vị “{unit}” được xếp hạng ở cả hai trang “{first}” và “{second}” của bảng tính (một trang tổng hợp bên cạnh các trang của từng khối, hay mỗi trang một năm?); hãy chỉ rõ trang cần so sánh",
                en: "the unit '{unit}' is ranked on both sheets '{first}' and '{second}' of the workbook (a summary sheet beside each block's, or a year a sheet?); name the sheet to compare with"),
            ArgumentNotAnOption {
                argument,
                given,
                known,
            } => {
                let known = known.join(", ");
                say!(lang,
                    vi: "tham số {argument} không nhận giá trị “{given}”; dùng một trong: {known}",
                    en: "the {argument} argument takes no '{given}'; use one of: {known}")
            }
            UnknownSchema { given, known } => {
                let known = known.join(", ");
                say!(lang,
                    vi: "không có lược đồ JSON (JSON Schema) của tài liệu “{given}”; các lược đồ có: {known}",
                    en: "no schema named '{given}'; the schemas: {known}")
            }
            MoreProblems { hidden, shown } => {
                let (hidden, shown) = (lang.count(*hidden), lang.count(*shown));
                say!(lang,
                    vi: "còn {hidden} lỗi khác không được liệt kê; chỉ {shown} lỗi đầu tiên được báo",
                    en: "{hidden} more problems were found and are not shown; the first {shown} are reported")
            }
            LimitExceeded {
                given,
                max,
                counted,
            } => {
                let what = counted.render(lang);
                let max = lang.count(*max);
                match given {
                    Some(given) => {
                        let given = lang.count(*given);
                        say!(lang,
                            vi: "có {given} {what}; chỉ nhận tối đa {max}",
                            en: "{given} {what}; at most {max} are accepted")
                    }
                    None => say!(lang,
                        vi: "có hơn {max} {what}; chỉ nhận tối đa {max}",
                        en: "more than {max} {what}; at most {max} are accepted"),
                }
            }
            OtherDocument { given, wanted } => {
                let published = match wanted {
                    // Results are compared with last year's, which may be a ranking as published.
                    DocumentKind::Results => say!(lang,
                        vi: " (hoặc, để so sánh, bảng xếp hạng đã công bố dạng CSV, Excel)",
                        en: " (or, to compare with, a ranking as published, as CSV or Excel)"),
                    _ => String::new(),
                };
                let (schema, given, wanted) =
                    (given.schema(), given.render(lang), wanted.render(lang));
                say!(lang,
                    vi: "tệp này là {given} ({schema}); ở đây cần {wanted}{published}",
                    en: "this file holds {given} ({schema}); {wanted}{published} is needed here")
            }
            SchemaMustBe { schema } => say!(lang,
                vi: "trường schema phải là \"{schema}\"",
                en: "schema must be \"{schema}\""),
            UnknownField { field, expected } => {
                // A name of any length may be given (a key of a megabyte): quoted, not repeated.
                let field = crate::error::quoted(field);
                let expected = quoted_or_list(lang, expected);
                match expected.is_empty() {
                    true => say!(lang,
                        vi: "trường “{field}” không có trong định dạng; ở đây không có trường nào",
                        en: "unknown field '{field}'; no fields are expected here"),
                    false => say!(lang,
                        vi: "trường “{field}” không có trong định dạng; các trường được dùng: {expected}",
                        en: "unknown field '{field}', expected {expected}"),
                }
            }
            MissingField { field } => say!(lang,
                vi: "thiếu trường “{field}”",
                en: "missing field '{field}'"),
            FieldGivenTwice { field } => say!(lang,
                vi: "trường “{field}” được ghi hơn một lần; mỗi trường chỉ được ghi một lần, vì không biết lần nào là đúng",
                en: "field '{field}' is given more than once; give each field once, as which one is meant is not known"),
            WrongType { found, expected } => {
                let (found, expected) = (found.render(lang), expected.render(lang));
                say!(lang,
                    vi: "cần {expected}, nhưng nhận được {found}",
                    en: "expected {expected}, got {found}")
            }
            UnknownVariant { given, expected } => {
                let expected = quoted_or_list(lang, expected);
                say!(lang,
                    vi: "“{given}” không phải là giá trị được dùng ở đây; dùng {expected}",
                    en: "'{given}' is not allowed here; use {expected}")
            }
            BadValue { given, expected } => {
                let (given, expected) = (given.render(lang), expected.render(lang));
                say!(lang,
                    vi: "{given} không hợp lệ ở đây; cần {expected}",
                    en: "{given} is not allowed here; expected {expected}")
            }
            BadLength { given, expected } => {
                let expected = expected.render(lang);
                say!(lang,
                    vi: "danh sách có {given} phần tử; cần {expected}",
                    en: "a list of {given} items; expected {expected}")
            }
            JsonSyntax {
                fault,
                line,
                column,
            } => {
                let fault = fault.render(lang);
                say!(lang,
                    vi: "văn bản JSON bị lỗi ở dòng {line}, cột {column}: {fault}",
                    en: "the JSON text is broken at line {line}, column {column}: {fault}")
            }
            Unrecognised { detail } => say!(lang,
                vi: "dữ liệu không đọc được (chi tiết kỹ thuật: {detail})",
                en: "the data cannot be read ({detail})"),
            NumberNotQuoted { number } => say!(lang,
                vi: "số {number} được ghi không có dấu ngoặc kép; số thập phân phải là chuỗi JSON, hãy ghi \"{number}\" để không mất độ chính xác",
                en: "got the JSON number {number}; decimals must be JSON strings, write \"{number}\" (quoted) so that no precision is lost"),
            BadDecimal { given, fault } => {
                let fault = fault.render(lang);
                say!(lang,
                    vi: "“{given}” không phải là số: {fault}",
                    en: "'{given}' is not a decimal number: {fault}")
            }
            NotAssessments => say!(lang,
                vi: "dữ liệu tự chấm phải là một đối tượng có schema và units, hoặc một danh sách đơn vị",
                en: "expected an object with `schema` and `units`, or a list of units"),
            NoUnitList => say!(lang,
                vi: "thiếu danh sách đơn vị (units)",
                en: "expected a list of units"),
            UnitNotObject => say!(lang,
                vi: "mỗi đơn vị phải là một đối tượng JSON",
                en: "a unit must be an object"),
            BlockNotRead { given, fault } => {
                let fault = fault.render(lang);
                say!(lang,
                    vi: "khối “{given}” không đọc được: {fault}",
                    en: "the block '{given}' cannot be read: {fault}")
            }
            EntryTextNotRead { what, given, fault } => {
                let typed = *fault == DecimalFault::Formula;
                let (what, fault) = (what.render(lang), fault.render(lang));
                // A text cell typed from `=` (after an apostrophe) reads as a formula would.
                match typed {
                    true => say!(lang,
                        vi: "{what} “{given}” không đọc được: {fault}; nếu đây là chữ gõ vào, hãy bỏ dấu “=” ở đầu",
                        en: "the {what} '{given}' cannot be read: {fault}; if it is text typed so, remove the leading '='"),
                    false => say!(lang,
                        vi: "{what} “{given}” không đọc được: {fault}",
                        en: "the {what} '{given}' cannot be read: {fault}"),
                }
            }
            UnitNameNotRead { given, fault } => {
                let fault = fault.render(lang);
                say!(lang,
                    vi: "tên đơn vị “{given}” không đọc được: {fault}",
                    en: "the unit's name '{given}' cannot be read: {fault}")
            }
            UnitWithoutName => say!(lang,
                vi: "mỗi đơn vị cần có tên (trường unit) không để trống",
                en: "every unit needs a non-empty `unit` name"),
            BlockNotText => say!(lang,
                vi: "khối (trường block) phải là chuỗi",
                en: "`block` must be a string"),
            EntriesNotObject => say!(lang,
                vi: "trường entries phải là một đối tượng có khóa là mã tiêu chí",
                en: "`entries` must be an object keyed by criterion code"),
            EntryGivenTwice { code } => say!(lang,
                vi: "tiêu chí {code} được ghi hơn một lần; mỗi tiêu chí chỉ được ghi một lần, vì không biết lần nào là đúng",
                en: "criterion {code} is given more than once; give each criterion once, as which one is meant is not known"),
            NotUtf8 { byte, line } => say!(lang,
                vi: "văn bản không phải bảng mã UTF-8 (byte thứ {byte}, dòng {line}); hãy lưu lại tệp dưới dạng “CSV UTF-8” (hoặc văn bản UTF-8) rồi đọc lại",
                en: "the text is not UTF-8 (byte {byte} on line {line} is not); save the file again as 'CSV UTF-8' (or 'UTF-8' text) and read it again"),
            LineNotUtf8 { byte, line } => say!(lang,
                vi: "tệp được lưu bằng bảng mã UTF-8 nhưng dòng {line} thì không (byte thứ {byte}): dòng này có lẽ được chép từ một tệp lưu bằng bảng mã khác, như “CSV (Comma delimited)”; hãy chép lại dòng đó từ tệp gốc đã lưu dưới dạng “CSV UTF-8”, hoặc gõ lại, rồi đọc lại",
                en: "the file is UTF-8 but line {line} is not (byte {byte}): it was likely copied from a file saved in another encoding, such as 'CSV (Comma delimited)'; copy that line again from its file saved as 'CSV UTF-8', or type it again, and read it again"),
            JsonNotUtf8 { byte, line } => say!(lang,
                vi: "tệp JSON không được lưu bằng bảng mã UTF-8 (byte thứ {byte}, dòng {line}), trong khi JSON luôn dùng UTF-8; hãy lưu lại tệp với bảng mã UTF-8 (trong Notepad: Save As, mục Encoding chọn UTF-8) rồi đọc lại",
                en: "the JSON text is not UTF-8 (byte {byte} on line {line} is not), which JSON always is; save the file again as UTF-8 (in Notepad: Save As, Encoding UTF-8) and read it again"),
            NotInEncoding { encoding } => say!(lang,
                vi: "văn bản không đọc được theo bảng mã {encoding}; hãy lưu lại tệp dưới dạng “CSV UTF-8” rồi đọc lại",
                en: "the text cannot be read as {encoding}; save the file again as 'CSV UTF-8' and read it again"),
            JsonNotInEncoding { encoding } => say!(lang,
                vi: "tệp JSON không đọc được theo bảng mã {encoding}: có ký tự bị cắt dở; hãy lưu lại tệp với bảng mã UTF-8 (trong Notepad: Save As, mục Encoding chọn UTF-8) rồi đọc lại",
                en: "the JSON text cannot be read as {encoding}: a character is cut in two; save the file again as UTF-8 (in Notepad: Save As, Encoding UTF-8) and read it again"),
            NotText { kind } => {
                let kind = kind.render(lang);
                say!(lang,
                    vi: "tệp này là {kind}, không phải văn bản CSV hay JSON; hãy mở bằng Excel và lưu dưới dạng “CSV UTF-8”, hoặc đọc nó như một bảng tính",
                    en: "this file is {kind}, not CSV or JSON text; open it in Excel and save it as 'CSV UTF-8', or read it as a spreadsheet")
            }
            CsvUnreadable { detail } => say!(lang,
                vi: "không đọc được dưới dạng CSV (chi tiết kỹ thuật: {detail})",
                en: "not readable as CSV: {detail}"),
            ColumnTwice {
                column,
                first,
                second,
                number_of: None,
            } => say!(lang,
                vi: "cột “{column}” xuất hiện hai lần, ở cột {first} và cột {second}; hãy giữ một cột",
                en: "column '{column}' appears twice, as column {first} and column {second}; keep one"),
            ColumnTwice {
                column,
                first,
                second,
                number_of: Some(longer),
            } => say!(lang,
                vi: "cột “{column}” xuất hiện hai lần, ở cột {first} và cột {second}; có thể một cột là tiêu chí {longer} mà Excel đã đổi thành số {column}: hãy định dạng dòng tiêu đề là Văn bản (Text) rồi gõ lại các mã",
                en: "column '{column}' appears twice, as column {first} and column {second}; one may be criterion {longer}, which Excel made the number {column}: format the header as Text and type the codes again"),
            ReasonWithoutScore {
                reason_column,
                letters,
                score_column,
            } => say!(lang,
                vi: "có lý do ở cột “{reason_column}” (cột {letters}) nhưng ô “{score_column}” để trống; hãy ghi điểm thẩm định, hoặc xóa lý do nếu không điều chỉnh; nếu lý do là của lần thẩm định khác, hãy ghi số lần đó vào tên cột lý do (Lý do lần 1, Lý do lần 2…)",
                en: "a reason is given in column '{reason_column}' (column {letters}) but '{score_column}' is blank; give the score, or remove the reason if nothing was changed; if the reason is another round's, put that round's number in the reason column's name (reason round 1, reason round 2…)"),
            RoundWithoutScore { column, round } => say!(lang,
                vi: "cột “{column}” thuộc lần thẩm định {round} nhưng bảng không có cột điểm thẩm định lần {round}; hãy thêm cột Thẩm định lần {round}, hoặc sửa số lần trong tên cột",
                en: "column '{column}' is of appraisal round {round}, but the table has no column of round {round}'s score; add the column 'appraised round {round}', or correct the round in the column's name"),
            FieldTwice {
                column,
                earlier,
                first,
                second,
            } => say!(lang,
                vi: "cột “{column}” (cột {second}) cũng là cột “{earlier}” (cột {first}); hãy giữ một cột",
                en: "column '{column}' (column {second}) is column '{earlier}' (column {first}) again; keep one"),
            CellWithoutHeading { column } => say!(lang,
                vi: "ô ở cột {column} không có tiêu đề cột nên không thuộc cột nào; hãy đặt tiêu đề cho cột hoặc xóa ô",
                en: "the cell in column {column} has no heading above it, so it belongs to no column; give the column a heading or remove the cell"),
            RankingColumnMissing { column } => {
                let heading = match column.as_str() {
                    "unit" => "Đơn vị",
                    "index" => "Chỉ số",
                    _ => "Xếp hạng",
                };
                say!(lang,
                    vi: "bảng xếp hạng đã công bố cần có cột “{heading}” ({column})",
                    en: "a published ranking needs the column '{column}' ({heading})")
            }
            NotARank { given } => say!(lang,
                vi: "thứ hạng “{given}” không phải là số nguyên dương",
                en: "the rank '{given}' is not a whole number from 1"),
            RankBeyondAnyRanking { given, most } => {
                let most = lang.count(*most);
                say!(lang,
                    vi: "thứ hạng “{given}” lớn hơn số đơn vị của mọi bảng xếp hạng (nhiều nhất {most})",
                    en: "the rank '{given}' is beyond any ranking's number of units (at most {most})")
            }
            PublishedIndexOutside { given } => {
                let given = lang.decimal_text(given);
                say!(lang,
                vi: "chỉ số {given} nằm ngoài khoảng 0–100: chỉ số là tỷ lệ phần trăm (Excel theo định dạng tiếng Anh đọc “90,10” thành 9010)",
                en: "index {given} is outside 0–100: an index is a percentage (Excel under an English locale reads '90,10' as 9010)")
            }
            PublishedRankOrder {
                rank,
                index,
                other,
                other_rank,
                other_index,
            } => {
                let (index, other_index) =
                    (lang.decimal_text(index), lang.decimal_text(other_index));
                say!(lang,
                vi: "hạng {rank} với chỉ số {index}, nhưng “{other}” có chỉ số thấp hơn ({other_index}) lại xếp hạng {other_rank}: thứ hạng không khớp với chỉ số",
                en: "rank {rank} with index {index}, but '{other}', whose index {other_index} is lower, ranks {other_rank}: the ranks do not follow the indexes")
            }
            NoUnitColumn => say!(lang,
                vi: "bảng cần có cột “Đơn vị” (unit)",
                en: "the table needs a `unit` column (đơn vị)"),
            EmptyTable => say!(lang,
                vi: "bảng trống: tệp (hoặc trang tính) không có ô nào có chữ",
                en: "the table is empty: the file (or sheet) has no cell with text"),
            SheetWithoutUnits { first, other } => say!(lang,
                vi: "trang tính đầu tiên “{first}” không có cột đơn vị (“Đơn vị”, “Tên đơn vị”…), còn trang tính “{other}” có: hãy ghi rõ tên trang tính cần đọc, ví dụ “{other}”",
                en: "the first sheet '{first}' has no unit column ('Đơn vị', 'Tên đơn vị'…), while sheet '{other}' has one: name the sheet to read, such as '{other}'"),
            HeaderNotFound { rows } => say!(lang,
                vi: "không tìm thấy dòng tiêu đề của bảng điểm trong {rows} dòng đầu có chữ: dòng tiêu đề cần có cột “Đơn vị” (unit); dòng đầu chỉ có chữ ở một ô, các dòng bên dưới có chữ ở nhiều ô hơn nên không đọc được theo dòng đầu",
                en: "no header row among the score sheet's first {rows} rows with text: the header needs a `unit` column (đơn vị); the first row has text in one cell only and the rows below in more, so they cannot be read under it"),
            NotALongColumn { column, expected } => {
                let expected = expected.join(", ");
                say!(lang,
                    vi: "cột “{column}” không phải là cột của bảng điểm: Đơn vị, Khối, Mã tiêu chí, Tự chấm, Thẩm định, Tài liệu kiểm chứng, Lý do, Giải trình, Người thẩm định, Điều tra XHH, Điểm đạt được (hoặc {expected}); mỗi lần thẩm định ghi số lần sau tên cột (Thẩm định lần 2, Lý do lần 2); cột Tên tiêu chí, Điểm tối đa và Ghi chú không được đọc",
                    en: "column '{column}' is not one of {expected}; each appraisal round is numbered after the column's name (appraised round 2, reason round 2); the criterion's name, its max and notes are not read")
            }
            RowWithoutCode => say!(lang,
                vi: "dòng không có mã tiêu chí",
                en: "the row has no code"),
            RowWithOnlyAName => say!(lang,
                vi: "dòng chỉ có ô tên đơn vị, không có mã tiêu chí và điểm; nếu đây không phải một đơn vị (ghi chú, người lập biểu, chữ ký dưới bảng), hãy xóa dòng này",
                en: "the row holds only a unit's name, without a code or points; if it is not a unit (a note, who drew the sheet up, a signature, below the table), delete it"),
            RowWithoutUnit => say!(lang,
                vi: "dòng không có tên đơn vị",
                en: "the row has no unit name"),
            NoCriterionColumn { examples } => say!(lang,
                vi: "bảng không có cột nào mang mã tiêu chí làm tiêu đề (như {examples}), nên không đơn vị nào có điểm: hãy ghi mã tiêu chí ở đầu mỗi cột điểm, hoặc dùng bảng dạng dọc có cột “Mã tiêu chí” và “Tự chấm”; nếu đây là danh sách đơn vị, hãy chọn trang tính có điểm",
                en: "no column of the table is headed by a criterion's code (such as {examples}), so no unit would be given any points: head each column of points with its criterion's code, or give a long table with the columns 'code' and 'self'; if this is a list of the units, choose the sheet with the scores"),
            RowWithoutPoints => say!(lang,
                vi: "dòng không có điểm ở cột tiêu chí nào; nếu đây không phải một đơn vị (người lập biểu, chữ ký, ghi chú dưới bảng), hãy xóa dòng này",
                en: "the row gives no criterion any points; if it is not a unit (who drew the sheet up, a signature, a note below the table), delete it"),
            RowWithoutPointsLikeABlock => say!(lang,
                vi: "dòng không có điểm ở cột tiêu chí nào; nếu đây là tên một khối, hãy ghi “Khối” hoặc số La Mã trước tên (Khối sở, ban, ngành; I. Các sở, ban, ngành) để các đơn vị dưới dòng này được xếp hạng trong khối đó — xóa dòng thì các khối bị xếp hạng chung; nếu không phải (người lập biểu, chữ ký, ghi chú dưới bảng), hãy xóa dòng này",
                en: "the row gives no criterion any points; if it names a block, put 'Khối' or a Roman numeral before the name (Khối sở, ban, ngành; I. Các sở, ban, ngành) so that the units below it are ranked in that block — deleting the row ranks the blocks together; if it does not (who drew the sheet up, a signature, a note below the table), delete it"),
            QuoteNeverClosed => say!(lang,
                vi: "dấu ngoặc kép (\") trên dòng này không được đóng nên các dòng sau bị đọc thành một ô; hãy đóng hoặc xóa dấu ngoặc kép",
                en: "a quote (\") on this row is never closed, so the rows after it were read as one cell; close the quote or remove it"),
            SeparatorChanges { row, header } => {
                let (row, header) = (separator_name(*row, lang), separator_name(*header, lang));
                say!(lang,
                    vi: "dòng này phân cách bằng {row} nhưng dòng tiêu đề bằng {header}; hãy lưu lại tệp với một dấu phân cách",
                    en: "the row is separated by {row} but the header by {header}; save the file again with one separator")
            }
            RowMisaligned { cells, columns } => {
                // English counts one cell, one column.
                let (cs, ks) = (plural(*cells), plural(*columns));
                match cells > columns {
                    true => say!(lang,
                        vi: "dòng có {cells} ô nhưng dòng tiêu đề có {columns} cột; các ô thừa không thuộc cột nào",
                        en: "the row has {cells} cell{cs} but the header names {columns} column{ks}; the cells beyond the header belong to no column"),
                    false => say!(lang,
                        vi: "dòng có {cells} ô nhưng dòng tiêu đề có {columns} cột",
                        en: "the row has {cells} cell{cs} but the header names {columns} column{ks}"),
                }
            }
            DecimalCommaCut {
                cells,
                columns,
                number,
            } => say!(lang,
                vi: "dòng có {cells} ô nhưng dòng tiêu đề có {columns} cột; nếu “{number}” là một số gõ bằng dấu phẩy thập phân thì dấu phẩy phân cách đã cắt số đó làm hai ô: hãy viết số trong ngoặc kép hoặc bằng dấu chấm, hoặc lưu lại tệp từ Excel (CSV phân cách bằng dấu ;)",
                en: "the row has {cells} cells but the header names {columns} columns; if '{number}' is a number typed with a decimal comma, the comma separating the cells cut it into two: put the number in quotes or type it with a point, or save the file again from Excel (CSV separated by ;)"),
            CannotRead { detail } => say!(lang,
                vi: "không đọc được tệp (chi tiết kỹ thuật: {detail}); hãy kiểm tra tệp có tồn tại và được phép đọc",
                en: "cannot be read ({detail}); check that it is a file you may read"),
            UnknownFileType {
                extension,
                expected,
            } => {
                let expected = lang.or_list(expected);
                match extension.is_empty() {
                    true => say!(lang,
                        vi: "tên tệp không có phần đuôi cho biết loại tệp; hãy dùng tệp {expected}",
                        en: "the file's name has no extension to tell its type; give {expected}"),
                    false => say!(lang,
                        vi: "không đọc loại tệp “.{extension}”; hãy dùng tệp {expected}",
                        en: "unknown file type '.{extension}'; give {expected}"),
                }
            }
            NoSheets => say!(lang,
                vi: "bảng tính không có trang nào",
                en: "the workbook has no sheet"),
            SheetNameOrNumber {
                asked,
                named,
                numbered,
            } => say!(lang,
                vi: "“{asked}” vừa là tên của trang thứ {named} vừa là số thứ tự của trang tên “{numbered}”: ghi #{asked} để chọn trang thứ {asked}, hoặc '{asked}' (trong dấu nháy đơn) để chọn trang tên “{asked}”",
                en: "'{asked}' is both the name of the sheet at place {named} and the place of the sheet named '{numbered}': write #{asked} for the sheet at place {asked}, or '{asked}' (in single quotes) for the sheet named {asked}"),
            NoSuchSheet { sheet, sheets } => {
                let sheets = quoted_or_list(lang, sheets);
                say!(lang,
                    vi: "bảng tính không có trang “{sheet}”; các trang: {sheets} (hoặc số thứ tự của trang, từ 1)",
                    en: "the workbook has no sheet '{sheet}'; its sheets: {sheets} (or a sheet's number, from 1)")
            }
            UnknownFormulaError {
                value,
                cell: Some(cell),
            } => say!(lang,
                vi: "không đọc được trang tính: ô {cell} có lỗi công thức “{value}”; hãy sửa công thức đó, hoặc nhập trực tiếp giá trị vào ô, rồi đọc lại",
                en: "cannot read the sheet: cell {cell} shows the formula error '{value}'; correct that formula, or type the value itself in the cell, and read it again"),
            UnknownFormulaError { value, cell: None } => say!(lang,
                vi: "không đọc được trang tính: một ô có lỗi công thức “{value}”; hãy sửa công thức đó, hoặc nhập trực tiếp giá trị vào ô, rồi đọc lại",
                en: "cannot read the sheet: a cell shows the formula error '{value}'; correct that formula, or type the value itself in the cell, and read it again"),
            NotAWorkbook => say!(lang,
                vi: "tệp không phải là bảng tính Excel (.xlsx, .xls) hay .ods; bảng CSV được chấm trực tiếp, không cần đọc như bảng tính",
                en: "the file is not an Excel (.xlsx, .xls) or .ods workbook; a CSV table is scored as it is, not read as a workbook"),
            WorkbookCutShort => say!(lang,
                vi: "tệp bảng tính bị cắt cụt (tải lên hoặc lưu chưa xong), không đọc được: hãy gửi lại tệp đầy đủ, hoặc mở tệp gốc bằng Excel và lưu lại dưới dạng .xlsx hoặc “CSV UTF-8”",
                en: "the workbook is cut short (an upload or a save that did not finish) and cannot be read: send the whole file again, or open the original in Excel and save it again as .xlsx or 'CSV UTF-8'"),
            WorkbookDamaged => say!(lang,
                vi: "tệp bảng tính bị hỏng, không đọc được: hãy mở tệp bằng Excel (Excel thường tự sửa tệp hỏng) và lưu lại dưới dạng .xlsx hoặc “CSV UTF-8”",
                en: "the workbook is damaged and cannot be read: open it in Excel (which often repairs a damaged file) and save it again as .xlsx or 'CSV UTF-8'"),
            WorkbookPassword => say!(lang,
                vi: "tệp bảng tính được bảo vệ bằng mật khẩu nên không đọc được: hãy mở tệp bằng Excel (nhập mật khẩu), gỡ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật khẩu rồi bấm OK) và lưu lại, hoặc lưu thành “CSV UTF-8”",
                en: "the workbook is protected by a password and cannot be read: open it in Excel (with its password), remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it, OK) and save it again, or save it as 'CSV UTF-8'"),
            SheetNamedTwice { name } => say!(lang,
                vi: "tệp bảng tính có hai trang tính cùng tên “{name}”, điều Excel không cho phép (tệp có thể bị hỏng, hoặc do chương trình khác tạo ra), nên không biết đọc trang nào: hãy mở tệp bằng Excel, đổi tên một trong hai trang tính rồi lưu lại",
                en: "the workbook has two sheets named '{name}', which Excel does not allow (the file may be damaged, or written by another program), so which one to read is unknown: open it in Excel, rename one of the two and save it again"),
            UnreadableSheet { detail } => say!(lang,
                vi: "không đọc được tệp dưới dạng bảng tính (chi tiết kỹ thuật: {detail}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc “CSV UTF-8”",
                en: "cannot be read as a spreadsheet ({detail}); open it in Excel and save it again as .xlsx or 'CSV UTF-8'"),
            ZipBomb { part, packed, size } => {
                let (packed, size) = (lang.count(*packed), lang.count(*size));
                say!(lang,
                    vi: "không đọc được tệp dưới dạng bảng tính: phần {part} sẽ giải nén từ {packed} thành {size} byte, điều chỉ tệp độc hại (zip bomb) mới có",
                    en: "cannot be read as a spreadsheet: its part {part} would decompress from {packed} to {size} bytes, as only a zip bomb does")
            }
            ZipEnds { ends } => {
                let ends = lang.count(*ends);
                say!(lang,
                    vi: "không đọc được tệp dưới dạng bảng tính: tệp có hơn {ends} bản ghi kết thúc thư mục zip, điều chỉ tệp hỏng hoặc tệp độc hại mới có",
                    en: "cannot be read as a spreadsheet: it holds more than {ends} end-of-directory records, as only a broken or crafted file does")
            }
            SheetTooLarge { rows, max_cells } => {
                let (rows, max_cells) = (lang.count(*rows), lang.count(*max_cells));
                say!(lang,
                    vi: "các ô của trang tính trải trên {rows} dòng; một bảng chỉ được có tối đa {max_cells} ô",
                    en: "the sheet's cells span {rows} rows; a table may have at most {max_cells} cells")
            }
            CannotWriteCsv { detail } => say!(lang,
                vi: "không ghi được CSV (chi tiết kỹ thuật: {detail})",
                en: "cannot write CSV: {detail}"),
            CannotWriteOutput { detail } => say!(lang,
                vi: "không ghi được kết quả ra (chi tiết kỹ thuật: {detail})",
                en: "cannot write the output: {detail}"),
            OutputIsInput => say!(lang,
                vi: "đây là một tệp đầu vào của lệnh: ghi kết quả vào đó sẽ làm mất tệp; hãy chọn tên tệp khác cho kết quả (-o)",
                en: "this is one of the command's input files: writing the output there would lose it; choose another file name for the output (-o)"),
            TableWithoutMethodology => say!(lang,
                vi: "đây là một bảng, không phải tệp JSON bộ chỉ số: để kiểm tra bảng điểm, hãy chỉ rõ bộ chỉ số dùng để chấm bảng này (-m, một mã trong `par methodologies` hoặc tệp JSON), ví dụ: par validate -m <mã bộ chỉ số> bang-diem.csv",
                en: "this is a table, not a methodology's JSON file: to check a score table, name the methodology it is scored by (-m, an id from `par methodologies` or a JSON file), e.g. par validate -m <methodology id> scores.csv"),
            OutputExtension { expected } => say!(lang,
                vi: "tên tệp kết quả phải có đuôi .{expected}, đúng loại tệp được ghi ra",
                en: "the output's file name must end in .{expected}, the kind of file written"),
        }
    }
}

/// A cell separator as people call it: `“;”`, or the tab.
fn separator_name(separator: char, lang: Lang) -> String {
    match separator {
        '\t' => say!(lang, vi: "dấu tab", en: "tabs"),
        c => say!(lang, vi: "“{c}”", en: "'{c}'"),
    }
}

/// Names quoted and joined: `“a”, “b” hoặc “c”` / `'a', 'b' or 'c'`.
fn quoted_or_list(lang: Lang, names: &[String]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| say!(lang, vi: "“{n}”", en: "'{n}'"))
        .collect();
    lang.or_list(&quoted)
}

impl Counted {
    pub fn render(self, lang: Lang) -> String {
        use Counted::*;
        let (vi, en) = match self {
            JsonBytes => ("byte văn bản JSON", "bytes of JSON text"),
            JsonDepth => ("cấp lồng nhau trong JSON", "levels of JSON nesting"),
            TableBytes => ("byte văn bản của bảng", "bytes of table text"),
            TableCells => ("ô trong bảng", "table cells"),
            SheetCells => (
                "ô của tệp bảng tính (tính cả ô trống giữa các ô có nội dung)",
                "cells of the workbook (empty ones among those filled included)",
            ),
            TableColumns => ("cột trong bảng", "table columns"),
            SheetRows => ("dòng trong một trang tính", "rows in one sheet"),
            SheetBytes => (
                "byte bảng tính sau khi giải nén",
                "bytes of decompressed spreadsheet",
            ),
            SheetParts => (
                "tệp thành phần trong một tệp bảng tính",
                "parts in one spreadsheet file",
            ),
            SectionSheets => (
                "trang tính mang tên một phần của bộ tiêu chí (Xếp loại, Khối, Quy tắc)",
                "sheets named for a section of the criteria set (classification, blocks, rules)",
            ),
            RankingSheets => (
                "trang tính trong sổ xếp hạng không chỉ rõ trang (hãy chỉ rõ trang cần đọc)",
                "sheets in a ranking workbook read without a sheet named (name the sheet to read)",
            ),
            CodeBytes => ("byte trong một mã", "bytes in one code"),
            TextBytes => ("byte trong một đoạn văn bản", "bytes in one text"),
            LabelBytes => (
                "byte trong một nhãn (xếp loại, phương án chấm, tên khối)",
                "bytes in one label (a band, a choice's option, a block's name)",
            ),
            CriteriaRows => (
                "dòng có nội dung trong một trang của bộ tiêu chí",
                "rows with something written in them in one sheet of the criteria",
            ),
            TreeDepth => ("cấp trong cây tiêu chí", "levels in the tree"),
            TreeNodes => (
                "tiêu chí và điểm thưởng/điểm trừ trong cây",
                "nodes and adjustments in the tree",
            ),
            UnitEntries => (
                "tiêu chí được chấm của một đơn vị",
                "criteria entered for one unit",
            ),
            EntryItems => (
                "tài liệu kiểm chứng hoặc lượt thẩm định của một tiêu chí",
                "evidence references or appraisal rounds of one criterion",
            ),
            RuleOptions => ("lựa chọn trong một cách chấm", "options in one rule"),
            Bands => ("khoảng trong một danh sách", "bands in one list"),
            Blocks => ("khối", "blocks"),
            TieBreakers => ("tiêu chí phụ xếp hạng", "tie-breakers"),
            Units => ("đơn vị", "units"),
            NodeResults => (
                "kết quả tiêu chí (đơn vị × tiêu chí)",
                "node results (units × nodes)",
            ),
            ReportCells => ("ô của báo cáo", "cells of a report"),
            ReportTextBytes => (
                "byte chữ trong các ô của báo cáo",
                "bytes of text in a report's cells",
            ),
            ChartCells => ("ô của một biểu đồ", "cells of one chart"),
            AnalysisTextBytes => (
                "byte chữ các tên trong một phân tích tiêu chí",
                "bytes of names in one criterion analysis",
            ),
            ComparisonTextBytes => (
                "byte chữ các tên trong một bảng so sánh",
                "bytes of names in one comparison",
            ),
            Problems => ("lỗi", "problems"),
        };
        lang.pick(vi, en).to_string()
    }
}

impl Found {
    pub fn render(&self, lang: Lang) -> String {
        use Found::*;
        match self {
            Boolean(v) => say!(lang, vi: "giá trị đúng/sai {v}", en: "boolean {v}"),
            Integer(v) => say!(lang, vi: "số nguyên {v}", en: "integer {v}"),
            Float(v) => say!(lang, vi: "số thực {v}", en: "floating point {v}"),
            Text(v) => say!(lang, vi: "chuỗi {v}", en: "string {v}"),
            Null => say!(lang, vi: "giá trị rỗng (null)", en: "null"),
            List => say!(lang, vi: "một danh sách", en: "a sequence"),
            Object => say!(lang, vi: "một đối tượng", en: "a map"),
            Other(what) => say!(lang, vi: "giá trị kiểu {what}", en: "a value of kind {what}"),
        }
    }
}

impl JsonExpected {
    pub fn render(&self, lang: Lang) -> String {
        use JsonExpected::*;
        match self {
            Text => say!(lang, vi: "một chuỗi", en: "a string"),
            List => say!(lang, vi: "một danh sách", en: "a sequence"),
            Object => say!(lang, vi: "một đối tượng", en: "an object"),
            Boolean => say!(lang, vi: "giá trị đúng/sai", en: "a boolean"),
            Count => say!(lang, vi: "một số nguyên không âm", en: "a whole number"),
            Decimal => say!(lang,
                vi: "một số thập phân viết trong dấu ngoặc kép, ví dụ \"9.42\"",
                en: "a decimal as a JSON string, e.g. \"9.42\""),
            ScoreValue => say!(lang,
                vi: "một chuỗi (số điểm, tên lựa chọn, có/không) hoặc giá trị đúng/sai",
                en: "a string (decimal, option label, yes/no) or a boolean"),
            OneField => say!(lang,
                vi: "một đối tượng có đúng một trường",
                en: "an object with a single field"),
            Named(what) => say!(lang, vi: "giá trị kiểu {what}", en: "a value of type {what}"),
        }
    }
}

impl DecimalFault {
    pub fn render(self, lang: Lang) -> String {
        use DecimalFault::*;
        match self {
            Empty => say!(lang, vi: "ô trống", en: "it is empty"),
            BothSeparators => say!(lang,
                vi: "có cả dấu “,” và dấu “.”; chỉ dùng một dấu thập phân",
                en: "it has both ',' and '.'; write one decimal separator"),
            CommaNotAllowed => say!(lang,
                vi: "chỉ được có một dấu thập phân (“,” hoặc “.”); không dùng dấu phân cách hàng nghìn",
                en: "write one decimal mark (',' or '.') and no thousands separators"),
            NotDigits => say!(lang,
                vi: "chỉ được có chữ số, một dấu thập phân (“,” hoặc “.”) và dấu + hoặc - ở đầu",
                en: "only digits, one decimal mark (',' or '.') and a leading sign are allowed"),
            NoDigits => say!(lang, vi: "không có chữ số nào", en: "it has no digits"),
            TooManyDigits => say!(lang,
                vi: "có hơn 28 chữ số có nghĩa",
                en: "it has more than 28 significant digits"),
            TooManyPlaces => say!(lang,
                vi: "có hơn 28 chữ số sau dấu thập phân",
                en: "it has more than 28 decimal places"),
            Unrepresentable => say!(lang,
                vi: "không biểu diễn được",
                en: "it cannot be represented"),
            TooLarge => say!(lang,
                vi: "độ lớn phải nhỏ hơn 10^12",
                en: "its magnitude must stay below 10^12"),
            FigureNotPlain => say!(lang,
                vi: "số trong tệp kết quả chỉ gồm chữ số, dấu “.” thập phân và dấu - ở đầu, như khi chấm điểm ghi ra (không dùng dấu “,”)",
                en: "a results figure is written as scoring writes it: digits, a '.' as decimal mark and a leading '-' (no ',')"),
            FigureDigits => say!(lang,
                vi: "có nhiều chữ số hơn một số thập phân chứa được (28 chữ số sau dấu thập phân, 29 chữ số)",
                en: "it has more digits than a decimal holds (28 places, 29 digits)"),
            FigureTooLarge => say!(lang,
                vi: "độ lớn phải nhỏ hơn 10^16, vượt mọi tổng điểm có thể tính được",
                en: "its magnitude must stay below 10^16, beyond any total scoring reaches"),
            // Not LibreOffice: by default it does not calculate an xlsx's formulas on opening, and
            // would save xlsxwriter's 0s as results.
            Formula => say!(lang,
                vi: "đây là công thức nhưng tệp không lưu kết quả của nó; hãy mở tệp bằng Excel, lưu lại rồi đọc lại, hoặc nhập trực tiếp giá trị vào ô",
                en: "it is a formula whose result the file does not hold; open the file in Excel, save it and read it again, or type the value itself in the cell"),
            FormulaError => say!(lang,
                vi: "đây là lỗi mà công thức trong ô trả về; hãy sửa công thức, hoặc nhập trực tiếp giá trị vào ô",
                en: "it is the error the cell's formula gave; correct the formula, or type the value itself in the cell"),
        }
    }

    /// A stable key, so that the fault survives the JSON reader's text-only error channel.
    pub(crate) fn key(self) -> &'static str {
        use DecimalFault::*;
        match self {
            Empty => "empty",
            BothSeparators => "both_separators",
            CommaNotAllowed => "comma",
            NotDigits => "not_digits",
            NoDigits => "no_digits",
            TooManyDigits => "digits",
            TooManyPlaces => "places",
            Unrepresentable => "unrepresentable",
            TooLarge => "too_large",
            FigureNotPlain => "figure_not_plain",
            FigureDigits => "figure_digits",
            FigureTooLarge => "figure_too_large",
            Formula => "formula",
            FormulaError => "formula_error",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<DecimalFault> {
        use DecimalFault::*;
        [
            Empty,
            BothSeparators,
            CommaNotAllowed,
            NotDigits,
            NoDigits,
            TooManyDigits,
            TooManyPlaces,
            Unrepresentable,
            TooLarge,
            FigureNotPlain,
            FigureDigits,
            FigureTooLarge,
            Formula,
            FormulaError,
        ]
        .into_iter()
        .find(|f| f.key() == key)
    }
}

impl SyntaxFault {
    pub fn render(self, lang: Lang) -> String {
        use SyntaxFault::*;
        match self {
            Unfinished => say!(lang,
                vi: "văn bản kết thúc giữa chừng (thiếu dấu đóng hoặc bị cắt)",
                en: "the text ends in the middle of a value"),
            ExpectedValue => say!(lang, vi: "cần một giá trị", en: "expected a value"),
            ExpectedColon => say!(lang, vi: "thiếu dấu “:”", en: "expected ':'"),
            ExpectedListComma => say!(lang,
                vi: "thiếu dấu “,” hoặc “]”",
                en: "expected ',' or ']'"),
            ExpectedObjectComma => say!(lang,
                vi: "thiếu dấu “,” hoặc “}}”",
                en: "expected ',' or '}}'"),
            KeyMustBeText => say!(lang,
                vi: "tên trường phải là chuỗi trong dấu ngoặc kép",
                en: "a key must be a string"),
            TrailingComma => say!(lang, vi: "thừa dấu “,” ở cuối", en: "trailing comma"),
            TrailingCharacters => say!(lang,
                vi: "còn ký tự thừa sau khi dữ liệu đã kết thúc",
                en: "trailing characters after the document"),
            ControlCharacter => say!(lang,
                vi: "chuỗi chứa ký tự điều khiển",
                en: "a control character in a string"),
            BadEscape => say!(lang,
                vi: "chuỗi có ký tự thoát (\\) không hợp lệ",
                en: "an invalid escape in a string"),
            BadNumber => say!(lang, vi: "số không hợp lệ", en: "an invalid number"),
            Other => say!(lang, vi: "cú pháp không hợp lệ", en: "invalid syntax"),
        }
    }
}

/// The English plural ending of a count of `n`.
pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
