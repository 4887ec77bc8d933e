//! Broken and hostile input files (issue 12): each ends in a coded problem naming the file (exit
//! 1), quickly and in bounded memory, never in a panic, an abort or a usage error. Every hostile
//! file is built here, small, by the test that reads it.

mod common;

use common::{par, root, stderr, stdout};
use par_core::limits;
use std::fs::File;
use std::path::PathBuf;
use std::process::Command;

const MIB: u64 = 1024 * 1024;
const TABLE_BYTES: u64 = limits::TABLE_BYTES.max as u64;
const JSON_BYTES: u64 = limits::JSON_BYTES.max as u64;
const SHEET_BYTES: u64 = limits::SHEET_BYTES.max as u64;
const CAMAU: &str = "camau-1880-2013-field1-excerpt";

/// A fresh path in this test run's directory.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("par-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn write(name: &str, bytes: &[u8]) -> String {
    let path = temp(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// Scores `file` (in English) and checks that it fails as input (exit 1), without a panic; its
/// problems.
fn fails(file: &str) -> String {
    let o = par(&["score", "-m", CAMAU, file, "--lang", "en"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.trim_end().ends_with(')') && !err.contains("panicked"),
        "{err}"
    );
    err
}

/// Like [`fails`], with a problem of `code` that names the file.
fn refused(file: &str, code: &str) -> String {
    let err = fails(file);
    assert!(err.contains(&format!("(code: {code})")), "{err}");
    assert!(err.contains(file), "{err}");
    err
}

// ---- spreadsheets built here

/// One part of a zip: its name, its data as stored, and what its header declares.
struct Part {
    name: String,
    data: Vec<u8>,
    deflated: bool,
    crc: u32,
    size: u32,
}

impl Part {
    fn stored(name: &str, data: &[u8]) -> Part {
        Part {
            name: name.to_string(),
            data: data.to_vec(),
            deflated: false,
            crc: crc32(data),
            size: data.len() as u32,
        }
    }
}

/// A zip archive of `parts`, each with a local header, then the central directory.
fn zip_of(parts: &[Part]) -> Vec<u8> {
    let mut zip = Vec::new();
    let mut directory = Vec::new();
    for part in parts {
        let offset = zip.len() as u32;
        let method: u16 = if part.deflated { 8 } else { 0 };
        // From "version needed" to "name length", the same in both headers.
        let mut common = Vec::new();
        for n in [20u16, 0, method, 0, 0] {
            common.extend(n.to_le_bytes());
        }
        for n in [part.crc, part.data.len() as u32, part.size] {
            common.extend(n.to_le_bytes());
        }
        common.extend((part.name.len() as u16).to_le_bytes());
        zip.extend(b"PK\x03\x04");
        zip.extend(&common);
        zip.extend(0u16.to_le_bytes());
        zip.extend(part.name.as_bytes());
        zip.extend(&part.data);
        directory.extend(b"PK\x01\x02\x14\x00");
        directory.extend(&common);
        directory.extend([0; 12]);
        directory.extend(offset.to_le_bytes());
        directory.extend(part.name.as_bytes());
    }
    let at = zip.len() as u32;
    zip.extend(&directory);
    zip.extend(b"PK\x05\x06\0\0\0\0");
    zip.extend((parts.len() as u16).to_le_bytes());
    zip.extend((parts.len() as u16).to_le_bytes());
    zip.extend((directory.len() as u32).to_le_bytes());
    zip.extend(at.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Deflate's bits, least significant first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    /// The `count` low bits of `value`, as deflate writes header fields.
    fn field(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used % 8 == 0 {
                self.bytes.push(0);
            }
            let bit = ((value >> i) & 1) as u8;
            *self.bytes.last_mut().unwrap() |= bit << (self.used % 8);
            self.used += 1;
        }
    }

    /// A Huffman code, written from its first bit.
    fn code(&mut self, code: &str) {
        for c in code.bytes() {
            self.field(u32::from(c - b'0'), 1);
        }
    }
}

/// `size` zero bytes as one deflate block of about 1,032:1, written directly: a literal zero,
/// then copies of 258 bytes from 1 byte back, each two bits (a 1-bit length code for 258 and a
/// 1-bit distance code for 1), so that building 300 MB of it takes no time.
fn deflated_zeros(size: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.field(1, 1); // the last block
    bits.field(2, 2); // with its own Huffman codes
    bits.field(286 - 257, 5); // literal/length codes 0..=285
    bits.field(0, 5); // one distance code
    bits.field(18 - 4, 4); // code length codes, in deflate's order, up to the one for 1
    for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] {
        bits.field(length, 3);
    }
    // Code length codes: 18 (a run of zeros) is "0", 1 is "10", 2 is "11". Literal 0 and end
    // of block get 2 bits, length 258 (code 285) 1 bit; the one distance code 1 bit.
    bits.code("11"); // literal 0: 2 bits
    bits.code("0");
    bits.field(138 - 11, 7); // 138 unused codes
    bits.code("0");
    bits.field(117 - 11, 7); // 117 more (1..=255)
    bits.code("11"); // 256, end of block: 2 bits
    bits.code("0");
    bits.field(28 - 11, 7); // 257..=284 unused
    bits.code("10"); // 285, length 258: 1 bit
    bits.code("10"); // distance code 0: 1 bit
                     // Canonical codes: 285 is "0", literal 0 "10", end of block "11"; distance 1 is "0".
    bits.code("10");
    let copies = (size - 1) / 258;
    let mut left = copies * 2;
    while left > 0 && bits.used % 8 != 0 {
        bits.field(0, 1);
        left -= 1;
    }
    bits.bytes.resize(bits.bytes.len() + (left / 8) as usize, 0);
    bits.used += (left / 8 * 8) as u32;
    bits.field(0, (left % 8) as u32);
    for _ in 0..(size - 1 - copies * 258) {
        bits.code("10");
    }
    bits.code("11");
    bits.bytes
}

/// A minimal xlsx whose one worksheet holds `sheet`: a `<sheetData>`, perhaps after a
/// `<dimension>`.
fn xlsx(sheet: &str) -> Vec<u8> {
    let worksheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#
    );
    zip_of(&xlsx_parts(Part::stored(
        "xl/worksheets/sheet1.xml",
        worksheet.as_bytes(),
    )))
}

fn xlsx_parts(sheet: Part) -> [Part; 4] {
    [
        Part::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Part::stored("xl/workbook.xml", WORKBOOK.as_bytes()),
        Part::stored("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        sheet,
    ]
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// Rows of inline-string cells, each row's cells from column A.
fn sheet_rows(rows: &[Vec<&str>]) -> String {
    let mut xml = String::new();
    for (r, row) in rows.iter().enumerate() {
        xml += &format!(r#"<row r="{}">"#, r + 1);
        for (c, text) in row.iter().enumerate() {
            let col = char::from(b'A' + c as u8);
            xml += &format!(
                r#"<c r="{col}{}" t="inlineStr"><is><t>{text}</t></is></c>"#,
                r + 1
            );
        }
        xml += "</row>";
    }
    xml
}

/// A minimal ods whose first table's rows are `rows` (`<table:table-row>` elements).
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        Part::stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        Part::stored("META-INF/manifest.xml", MANIFEST.as_bytes()),
        Part::stored("content.xml", content.as_bytes()),
    ])
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// Rows of string cells as LibreOffice writes them, then the empty rows and columns it writes
/// after a table, repeated to the end of the sheet.
fn ods_rows(rows: &[Vec<&str>]) -> String {
    let mut xml = String::new();
    for row in rows {
        xml += "<table:table-row>";
        for text in row {
            xml += &format!(
                r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
            );
        }
        xml += r#"<table:table-cell table:number-columns-repeated="1016"/></table:table-row>"#;
    }
    xml + r#"<table:table-row table:number-rows-repeated="1048520"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
}

fn example_rows() -> Vec<Vec<String>> {
    std::fs::read_to_string(root().join("examples/so-2024.csv"))
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn as_strs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect()
}

fn score_json(file: &str) -> String {
    let o = par(&["score", "-m", CAMAU, file, "-f", "json", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

// ---- spreadsheets: sizes and shapes

#[test]
fn a_sheet_declaring_the_whole_grid_reads_only_its_cells() {
    // The dimension and an empty cell at XFD1048576 once made calamine allocate 17 billion cells.
    let rows = example_rows();
    let sheet = format!(
        r#"<dimension ref="A1:XFD1048576"/><sheetData>{}<row r="1048576"><c r="XFD1048576"/></row></sheetData>"#,
        sheet_rows(&as_strs(&rows))
    );
    let file = write("whole-grid.xlsx", &xlsx(&sheet));
    assert_eq!(score_json(&file), score_json("examples/so-2024.csv"));
}

#[test]
fn a_workbook_naming_a_sheet_longer_than_a_text_is_refused_for_it() {
    // Excel names a sheet in 31 characters; a name of a million, said with every row and
    // problem of its sheet, made gigabytes.
    let rows = example_rows();
    let worksheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData></worksheet>"#,
        sheet_rows(&as_strs(&rows))
    );
    let workbook = WORKBOOK.replace("Sheet1", &"x".repeat(20_000));
    let [types, _, rels, sheet] = xlsx_parts(Part::stored(
        "xl/worksheets/sheet1.xml",
        worksheet.as_bytes(),
    ));
    let book = zip_of(&[
        types,
        Part::stored("xl/workbook.xml", workbook.as_bytes()),
        rels,
        sheet,
    ]);
    let file = write("long-sheet-name.xlsx", &book);
    let err = refused(&file, "limit_exceeded");
    assert!(err.contains("text_bytes") && err.contains("sheet"), "{err}");
    let import = par(&["methodology", "import", &file, "--lang", "en"]);
    assert_eq!(import.status.code(), Some(1), "{}", stderr(&import));
    assert!(
        stderr(&import).contains("text_bytes"),
        "{}",
        stderr(&import)
    );
}

#[test]
fn an_ods_with_repeated_empty_rows_and_columns_reads_like_its_csv() {
    let rows = example_rows();
    let file = write("libreoffice.ods", &ods(&ods_rows(&as_strs(&rows))));
    assert_eq!(score_json(&file), score_json("examples/so-2024.csv"));
}

#[test]
fn an_ods_reads_what_libreoffice_shows_a_percentage_a_formulas_error_and_a_formula_alone() {
    // calamine gives a percentage as the 0.95 stored, LibreOffice's error cell as an empty text,
    // a formula without its result as empty: a criterion scored in the wrong band or as not
    // entered. The table starts at column C, below an empty row, with an empty row inside it.
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: &[String]| {
        let cells: String = cells.concat();
        format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="2"/>{cells}</table:table-row>"#
        )
    };
    let empty = r#"<table:table-row><table:table-cell/></table:table-row>"#;
    let header = row(&[text("Đơn vị"), text("Mã tiêu chí"), text("Tự chấm")]);
    let percent = r#"<table:table-cell office:value-type="percentage" office:value="0.95" calcext:value-type="percentage"><text:p>95%</text:p></table:table-cell>"#;
    // `=IF(…;"";…)`, a formula that blanks a cell: its empty text is its result.
    let blank = r#"<table:table-cell table:formula="of:=&quot;&quot;" office:value-type="string" office:string-value="" calcext:value-type="string"><text:p/></table:table-cell>"#;
    let scored = format!(
        "{empty}{header}{}{empty}{}",
        row(&[text("Sở Y tế"), text("1.1.4"), percent.to_string()]),
        row(&[text("Sở Y tế"), text("1.3"), blank.to_string()]),
    );
    let file = write("percent.ods", &ods(&scored));
    let o = par(&["convert", "-m", CAMAU, &file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let entries: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let entries = &entries["units"][0]["entries"];
    assert_eq!(entries["1.1.4"]["self"], "95%", "{entries}");
    assert!(entries["1.3"].get("self").is_none(), "{entries}");
    // LibreOffice's error cell, and a formula a program wrote alone: each refused on its row.
    // The error with a comment on it, whose words are not the cell's.
    let error = r#"<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><office:annotation><text:p>kiểm tra lại</text:p></office:annotation><text:p>#DIV/0!</text:p></table:table-cell>"#;
    let alone = r#"<table:table-cell table:formula="of:=[.E3]*2"/>"#;
    let refused_rows = format!(
        "{empty}{header}{}{empty}{}",
        row(&[text("Sở Y tế"), text("1.3"), error.to_string()]),
        row(&[text("Sở Tư pháp"), text("1.3"), alone.to_string()]),
    );
    let err = fails(&write("errors.ods", &ods(&refused_rows)));
    let said = |place: &str, value: &str| {
        err.lines().any(|l| {
            l.starts_with(place) && l.contains(value) && l.ends_with("(code: bad_decimal)")
        })
    };
    assert!(said("row 3, unit Sở Y tế", "'#DIV/0!'"), "{err}");
    assert!(said("row 5, unit Sở Tư pháp", "'=[.E3]*2'"), "{err}");
    // Two tables of one name, which LibreOffice never saves: which to read is not guessed.
    let earlier = r#"</table:table><table:table table:name="Sheet1">"#;
    let file = write(
        "twice.ods",
        &ods(&format!("{refused_rows}{earlier}{scored}")),
    );
    let err = fails(&file);
    assert!(err.contains("two sheets named 'Sheet1'"), "{err}");
    assert!(err.ends_with("(code: unreadable_file)\n"), "{err}");
}

#[test]
fn a_units_name_merged_down_its_rows_in_an_ods_is_read_on_each_as_in_an_xlsx() {
    // A sheet names each unit once, merged down over its criteria's rows (here over two columns
    // too); LibreOffice writes the cells below and beside as covered cells, which calamine reads
    // as empty: each such row was refused as a row without a unit.
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let merged = |t: &str, rows: usize, columns: usize| {
        format!(
            r#"<table:table-cell table:number-rows-spanned="{rows}" table:number-columns-spanned="{columns}" office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let covered = || r#"<table:covered-table-cell/>"#.to_string();
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let below =
        |code: &str, score: &str| row(&[covered(), covered(), covered(), text(code), text(score)]);
    let rows = [
        row(&[
            text("STT"),
            text("Đơn vị"),
            text(""),
            text("Mã tiêu chí"),
            text("Tự chấm"),
        ]),
        row(&[
            merged("1", 3, 1),
            merged("Sở Y tế", 3, 2),
            covered(),
            text("1.1.1"),
            text("Ban hành kịp thời"),
        ]),
        below("1.1.4", "95%"),
        below("1.3", "3"),
    ];
    let file = write("merged.ods", &ods(&rows.concat()));
    let o = par(&["convert", "-m", CAMAU, &file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let units = read["units"].as_array().expect("units");
    assert_eq!(units.len(), 1, "{read}");
    assert_eq!(units[0]["unit"], "Sở Y tế");
    let codes: Vec<&String> = units[0]["entries"]
        .as_object()
        .expect("entries")
        .keys()
        .collect();
    assert_eq!(codes, ["1.1.1", "1.1.4", "1.3"]);
}

#[test]
fn an_ods_table_away_from_a1_with_empty_rows_inside_keeps_its_cells_in_place() {
    // calamine writes an empty row inside an ods table as wide as the sheet up to the table's
    // last column: without care, every cell after one stands two columns off here.
    let row = |cells: &[&str]| {
        let texts: String = cells
            .iter()
            .map(|t| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#))
            .collect();
        format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="2"/>{texts}</table:table-row>"#
        )
    };
    let empty = |repeated: usize| {
        format!(
            r#"<table:table-row table:number-rows-repeated="{repeated}"><table:table-cell/></table:table-row>"#
        )
    };
    let rows = example_rows();
    let mut xml = empty(2); // the table's header on row 3, from column C
    for (i, cells) in as_strs(&rows).iter().enumerate() {
        xml += &row(cells);
        if i % 3 == 1 {
            xml += &empty(1 + i % 2);
        }
    }
    let file = write("away-from-a1.ods", &ods(&xml));
    assert_eq!(score_json(&file), score_json("examples/so-2024.csv"));
    // A criterion the methodology lacks, on the row below the table: named by the sheet's row.
    let last_row = 2
        + rows.len()
        + (0..rows.len())
            .filter(|i| i % 3 == 1)
            .map(|i| 1 + i % 2)
            .sum::<usize>();
    xml += &row(&["Sở Nội vụ", "9.9", "1"]);
    let err = fails(&write("away-from-a1-unknown.ods", &ods(&xml)));
    assert!(err.contains(&format!("row {}", last_row + 1)), "{err}");
}

#[test]
fn a_cell_beyond_the_last_column_is_refused_by_the_column_limit() {
    for (name, cell) in [("xfe.xlsx", "XFE1048577"), ("zzzzzz.xlsx", "ZZZZZZ1")] {
        let sheet = format!(
            r#"<sheetData><row><c r="A1" t="inlineStr"><is><t>unit</t></is></c><c r="{cell}"><v>1</v></c></row></sheetData>"#
        );
        let err = refused(&write(name, &xlsx(&sheet)), "limit_exceeded");
        assert!(err.contains("limit table_columns"), "{err}");
    }
}

#[test]
fn a_cell_reference_past_any_number_is_a_problem_not_a_panic() {
    // Seven letters or eleven digits overflow calamine's 32-bit arithmetic: a panic in a debug
    // build (caught), a wrapped number in a release build.
    for (name, cell) in [("zzzzzzz.xlsx", "ZZZZZZZ1"), ("row.xlsx", "A99999999999")] {
        let sheet = format!(r#"<sheetData><row><c r="{cell}"><v>1</v></c></row></sheetData>"#);
        fails(&write(name, &xlsx(&sheet)));
    }
}

#[test]
fn a_single_cell_in_the_last_corner_is_named_by_its_row() {
    // Rows keep the sheet's numbers: the blank rows above take room, as any row does. The
    // 16,383 blank columns left of the cell would take more room than the cell: the table starts
    // at its first column, whose letter is then A.
    let sheet = r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#;
    let err = fails(&write("corner.xlsx", &xlsx(sheet)));
    assert!(err.contains("row 1048576"), "{err}");
}

#[test]
fn a_table_in_the_last_columns_is_read_without_the_blank_columns_left_of_it() {
    // Columns XFB:XFD, a thousand rows: padding each row from column A would hold 16 million
    // blank cells for an 18 KB file.
    let cell =
        |at: &str, text: &str| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#);
    let row = |r: usize, texts: [&str; 3]| {
        let cells: String = ["XFB", "XFC", "XFD"]
            .iter()
            .zip(texts)
            .map(|(column, text)| cell(&format!("{column}{r}"), text))
            .collect();
        format!(r#"<row r="{r}">{cells}</row>"#)
    };
    let mut rows = row(1, ["unit", "code", "self"]);
    for r in 2..=1001 {
        rows.push_str(&row(r, [&format!("Sở {r}"), "1.1.1", "Ban hành kịp thời"]));
    }
    let path = write(
        "far-right.xlsx",
        &xlsx(&format!("<sheetData>{rows}</sheetData>")),
    );
    let o = par(&["score", "-m", CAMAU, &path, "-f", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1001);
}

#[test]
fn cells_in_two_far_corners_are_read_without_the_rectangle_between() {
    // 1,048,576 rows × 16,384 columns spanned; only the two cells and the row list are held.
    let sheet = r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#;
    // Its header is 16,384 columns wide, all but the first without a name: the far cell is
    // under no heading.
    let err = fails(&write("corners.xlsx", &xlsx(sheet)));
    assert!(
        err.contains("row 1048576") && err.contains("column XFD has no heading"),
        "{err}"
    );
}

#[test]
fn an_ods_repeating_rows_or_columns_past_the_limits_is_refused_before_calamine_reads_it() {
    let cell = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;
    let cases = [
        (
            "rows.ods",
            format!(
                r#"<table:table-row table:number-rows-repeated="1000000">{}</table:table-row>"#,
                cell.repeat(20)
            ),
            "sheet_cells",
        ),
        (
            // Within a table's cells (16 million), past a sheet's: a kilobyte of ods that would
            // take 1.2 GB to read.
            "rows-within-a-table.ods",
            format!(
                r#"<table:table-row table:number-rows-repeated="1000000">{}</table:table-row>"#,
                cell.repeat(8)
            ),
            "sheet_cells",
        ),
        (
            "columns.ods",
            r#"<table:table-row><table:table-cell table:number-columns-repeated="1000000" office:value-type="float" office:value="1"/></table:table-row>"#.to_string(),
            "table_columns",
        ),
        (
            "spaces.ods",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="100000000000"/></text:p></table:table-cell></table:table-row>"#.to_string(),
            "sheet_text_bytes",
        ),
        (
            // Text is copied as often as its cell and row repeat: 1 KB of XML asked for 16 GB.
            "repeated-text.ods",
            r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16" office:value-type="string"><text:p>a<text:s text:c="1000000"/>b</text:p></table:table-cell></table:table-row>"#.to_string(),
            "sheet_text_bytes",
        ),
        (
            // Within a table's text (128 MiB), past what a file of a kilobyte may hold: 40 MB
            // took 4 s to read, and 20 s in a portal's page.
            "repeated-name.ods",
            format!(
                r#"<table:table-row table:number-rows-repeated="8000"><table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
                "ệ".repeat(5_000)
            ),
            "sheet_text_bytes",
        ),
    ];
    for (name, rows, limit) in cases {
        let err = refused(&write(name, &ods(&rows)), "limit_exceeded");
        assert!(err.contains(&format!("limit {limit}")), "{name}: {err}");
    }
}

// ---- spreadsheets: zip bombs

/// An xlsx whose sheet part is `size` zeros deflated, declaring `declared` bytes. Its checksum
/// is never reached: the file is refused before.
fn zeros_xlsx(size: u64, declared: u32) -> Vec<u8> {
    zip_of(&xlsx_parts(Part {
        name: "xl/worksheets/sheet1.xml".into(),
        data: deflated_zeros(size),
        deflated: true,
        crc: 0,
        size: declared,
    }))
}

#[test]
fn zip_bombs_are_refused_by_declared_and_by_actual_size() {
    let size = SHEET_BYTES + 44 * MIB;
    let bomb = zeros_xlsx(size, size as u32);
    assert!(bomb.len() < 400_000, "{}", bomb.len());
    let err = refused(&write("bomb.xlsx", &bomb), "limit_exceeded");
    assert!(err.contains("limit sheet_bytes"), "{err}");

    // The same zip declaring 1,000 bytes: refused by what it decompresses to.
    let liar = zeros_xlsx(size, 1_000);
    let err = refused(&write("liar.xlsx", &liar), "limit_exceeded");
    assert!(err.contains("limit sheet_bytes"), "{err}");
}

#[test]
fn a_part_compressed_a_thousandfold_is_refused_as_a_bomb() {
    let err = refused(
        &write("ratio.xlsx", &zeros_xlsx(8 * MIB, 8 * MIB as u32)),
        "unreadable_file",
    );
    assert!(err.contains("zip bomb"), "{err}");
}

#[test]
fn a_zip_of_more_parts_than_a_workbook_has_is_refused_before_it_is_opened() {
    // The zip reader holds an entry of every part in memory first: a million empty parts, 50 MB
    // of file, took a gigabyte to open. Refused by the parts it may hold, as a file and as bytes
    // (an upload, told apart by its content).
    let mut parts = Vec::from(xlsx_parts(Part::stored(
        "xl/worksheets/sheet1.xml",
        b"<worksheet/>",
    )));
    parts.extend((0..10_001).map(|i| Part::stored(&format!("p{i}"), b"")));
    let many = zip_of(&parts);
    let err = refused(&write("many-parts.xlsx", &many), "limit_exceeded");
    assert!(err.contains("limit sheet_parts"), "{err}");
    let from_bytes = par_sheets::assessments_file(many, None)
        .err()
        .expect("refused");
    assert_eq!(from_bytes.problems[0].limit.as_deref(), Some("sheet_parts"));
}

#[test]
fn a_zip_of_thousands_of_end_records_is_refused_before_the_zip_reader_tries_each() {
    // The zip reader tries every end-of-directory record, scanning the file for each: a 4 MB file
    // of them took 19 s, time growing with the square of the size.
    let mut ends = vec![b'x'; 1_000];
    for _ in 0..20_000 {
        ends.extend(b"PK\x05\x06");
        ends.extend([0, 0, 0, 0, 1, 0, 1, 0, 46, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    }
    let err = refused(&write("ends.xlsx", &ends), "unreadable_file");
    assert!(err.contains("end-of-directory records"), "{err}");
    let from_bytes = par_sheets::assessments_file(ends, None)
        .err()
        .expect("refused");
    assert_eq!(
        from_bytes.problems[0].code,
        par_core::ErrorCode::UnreadableFile
    );
}

#[test]
fn a_zip64_end_record_declaring_more_parts_than_a_workbook_has_is_refused() {
    // The zip reader reserves room for the parts a zip64 end record declares before it reads the
    // one part this file lists: a 94 MB file reserved 416 MB. The count declared is refused.
    let declared: u64 = 20_000;
    let part = Part::stored("xl/workbook.xml", b"<workbook/>");
    let mut zip = zip_of(std::slice::from_ref(&part));
    // `zip_of` ends with a zip32 end record: replaced by a zip64 end record, its locator, and an
    // end record pointing to them.
    let end = zip.len() - 22;
    let directory = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap()) as u64;
    let directory_size = u32::from_le_bytes(zip[end + 12..end + 16].try_into().unwrap()) as u64;
    zip.truncate(end);
    let zip64_end = zip.len() as u64;
    zip.extend(b"PK\x06\x06");
    zip.extend(44u64.to_le_bytes());
    zip.extend([45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    zip.extend(declared.to_le_bytes());
    zip.extend(declared.to_le_bytes());
    zip.extend(directory_size.to_le_bytes());
    zip.extend(directory.to_le_bytes());
    zip.extend(b"PK\x06\x07");
    zip.extend(0u32.to_le_bytes());
    zip.extend(zip64_end.to_le_bytes());
    zip.extend(1u32.to_le_bytes());
    zip.extend(b"PK\x05\x06");
    zip.extend([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    zip.extend([0xff; 8]);
    zip.extend([0, 0]);
    let err = refused(&write("zip64.xlsx", &zip), "limit_exceeded");
    assert!(err.contains("limit sheet_parts"), "{err}");
}

// ---- spreadsheets: legacy xls

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// A Number record (BIFF8) at a row and column.
fn number(row: u16, col: u16) -> Vec<u8> {
    let mut data = [row.to_le_bytes(), col.to_le_bytes(), [0, 0]].concat();
    data.extend(1.0f64.to_le_bytes());
    record(0x0203, &data)
}

/// A Label record (BIFF8) at A1.
fn label(text: &str) -> Vec<u8> {
    let mut data = vec![0, 0, 0, 0, 0, 0];
    data.extend((text.len() as u16).to_le_bytes());
    data.push(0);
    data.extend(text.as_bytes());
    record(0x0204, &data)
}

/// A DIMENSIONS record (BIFF8): first row, row after the last, first column, column after.
fn dimensions(rows: u32, cols: u16) -> Vec<u8> {
    let data = [
        &0u32.to_le_bytes()[..],
        &rows.to_le_bytes(),
        &[0, 0],
        &cols.to_le_bytes(),
        &[0, 0],
    ];
    record(0x0200, &data.concat())
}

/// An xls: a compound file whose Workbook stream (BIFF8) has one sheet of `sheet` records. The
/// stream's chain of sectors ends, or loops back to its start.
fn xls(sheet: &[Vec<u8>], loops: bool) -> Vec<u8> {
    let bof = |kind: u8| record(0x0809, &[0, 6, kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let eof = record(0x000A, &[]);
    let globals_len = 20 + 4 + 9 + 4;
    let mut stream = bof(0x05);
    stream.extend(record(
        0x0085,
        &[&(globals_len as u32).to_le_bytes()[..], &[0, 0, 1, 0, b'S']].concat(),
    ));
    stream.extend(&eof);
    assert_eq!(stream.len(), globals_len);
    stream.extend(bof(0x10));
    stream.extend(sheet.concat());
    stream.extend(&eof);
    // Past 4,096 bytes a stream has sectors of its own (not the mini stream's).
    stream.resize(stream.len().max(4096).next_multiple_of(512), 0);
    compound(&stream, loops)
}

fn compound(stream: &[u8], loops: bool) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let words = |w: &[u32]| w.iter().flat_map(|n| n.to_le_bytes()).collect::<Vec<u8>>();
    let mut header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    header.resize(24, 0);
    for n in [0x3Eu16, 3, 0xFFFE, 9, 6] {
        header.extend(n.to_le_bytes());
    }
    header.resize(44, 0);
    // One table sector (0), the directory at 1, no mini stream, no DIFAT chain; the table is
    // sector 0.
    header.extend(words(&[1, 1, 0, 4096, END, 0, END, 0, 0]));
    header.extend(words(&[FREE; 108]));
    // Sector 0: the table of chains (itself, the directory, the stream's sectors from 2 on).
    let sectors = stream.len() as u32 / 512;
    let mut fat = vec![0xFFFF_FFFD, END];
    fat.extend((3..sectors + 2).chain([if loops { 2 } else { END }]));
    fat.resize(128, FREE);
    // Sector 1: the root entry and the Workbook stream.
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e.resize(64, 0);
        e.extend(((name.len() as u16 + 1) * 2).to_le_bytes());
        e.extend([kind, 1]);
        e.extend(words(&[FREE, FREE, child]));
        e.resize(116, 0);
        e.extend(words(&[start, size, 0]));
        e
    };
    let mut directory = entry("Root Entry", 5, 1, END, 0);
    directory.extend(entry("Workbook", 2, FREE, 2, stream.len() as u32));
    directory.resize(512, 0);
    [header, words(&fat), directory, stream.to_vec()].concat()
}

#[test]
fn an_xls_is_read_after_its_structure_is_checked() {
    let err = fails(&write("plain.xls", &xls(&[label("x")], false)));
    assert!(err.contains("`unit` column"), "{err}");
}

#[test]
fn an_xls_declaring_or_spanning_too_many_cells_is_refused() {
    let cases = [
        (
            "declared.xls",
            vec![dimensions(u32::MAX, 0x4000), label("x")],
        ),
        ("spanned.xls", vec![number(0, 0), number(65_535, 65_535)]),
    ];
    for (name, sheet) in cases {
        let err = refused(&write(name, &xls(&sheet, false)), "limit_exceeded");
        assert!(err.contains("limit sheet_cells"), "{name}: {err}");
    }
}

/// calamine reads a sheet from the place its record gives, unchecked: past the stream's end it
/// panicked, which WebAssembly cannot catch.
#[test]
fn an_xls_placing_its_sheet_past_its_end_is_unreadable() {
    let mut bytes = xls(&[label("x")], false);
    let sheet_record = [0x85, 0x00, 9, 0];
    let at = bytes
        .windows(4)
        .position(|w| w == sheet_record)
        .expect("a sheet")
        + 4;
    bytes[at..at + 4].copy_from_slice(&0x4000u32.to_le_bytes());
    let err = refused(&write("placed.xls", &bytes), "unreadable_file");
    assert!(err.contains("past the end"), "{err}");
}

#[test]
fn an_xls_whose_chain_of_sectors_loops_is_unreadable() {
    let err = refused(
        &write("loop.xls", &xls(&[label("x")], true)),
        "unreadable_file",
    );
    assert!(err.contains("loops"), "{err}");
}

// ---- spreadsheets: not what their name says

#[test]
fn damaged_or_mislabelled_spreadsheets_are_unreadable_files() {
    let mut truncated = xlsx(&format!(
        "<sheetData>{}</sheetData>",
        sheet_rows(&[vec!["unit"]])
    ));
    truncated.truncate(truncated.len() / 2);
    let not_a_sheet = zip_of(&[Part::stored("hello.txt", b"hello")]);
    for (name, bytes) in [
        ("text.xlsx", b"unit,1.1\nA,1\n".as_slice()),
        ("truncated.xlsx", &truncated),
        ("not-a-sheet.xlsx", &not_a_sheet),
        ("text.ods", b"unit,1.1\nA,1\n".as_slice()),
        ("text.xls", b"unit,1.1\nA,1\n".as_slice()),
        ("zip.xls", &not_a_sheet),
    ] {
        let err = refused(&write(name, bytes), "unreadable_file");
        assert!(err.contains("save it again as .xlsx"), "{name}: {err}");
    }
}

#[test]
fn a_hostile_sheet_is_read_within_4_gib_of_address_space() {
    // Run under `ulimit -v`: what was an allocation of hundreds of GB must not even be tried.
    let sheet = r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#;
    let file = write("bounded.xlsx", &xlsx(sheet));
    let script = format!(
        "ulimit -v 4194304 && exec '{}' score -m {CAMAU} '{file}' --lang en",
        env!("CARGO_BIN_EXE_par")
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("(code: ") && !err.contains("memory"), "{err}");
}

// ---- text files

#[test]
fn text_that_is_not_utf8_is_a_bad_encoding_problem_with_its_line() {
    // "Sở Y tế" in Windows-1258 bytes: read as such only when UTF-8 is named.
    let csv = write("cp1258.csv", b"unit,1.1.1\nS\xf5\xd2 Y t\xea\xec,1\n");
    let o = par(&[
        "score",
        "-m",
        CAMAU,
        &csv,
        "--lang",
        "en",
        "--encoding",
        "utf-8",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("(code: bad_encoding)"), "{err}");
    assert!(err.contains("line 2") && err.contains("CSV UTF-8"), "{err}");
    // JSON is UTF-8 by its own definition: Windows-1258 bytes (Notepad's "ANSI" on a Vietnamese
    // Windows) are refused with their line...
    let json = write("cp1258.json", b"[{\"unit\": \"S\xf5\xd2 Y t\xea\xec\"}]");
    let err = refused(&json, "bad_encoding");
    assert!(err.contains("line 1") && err.contains("UTF-8"), "{err}");
    // ...while UTF-16 saying so by its byte-order mark (Notepad's "Unicode") is read.
    let json = write("utf16.json", b"\xff\xfe[\x00]\x00");
    let o = par(&["score", "-m", CAMAU, &json, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_spreadsheet_given_as_csv_is_said_to_be_one() {
    let csv = write("book.csv", b"PK\x03\x04 an xlsx renamed");
    let err = refused(&csv, "unreadable_file");
    assert!(err.contains("an Excel workbook (.xlsx)"), "{err}");
    let pdf = write("scan.csv", b"%PDF-1.7");
    assert!(refused(&pdf, "unreadable_file").contains("a PDF file"));
}

#[test]
fn a_file_of_another_kind_is_refused_naming_every_kind_scored() {
    // One input is scored as it is read where its kind allows; a kind `par score` does not read
    // is still refused with every kind it does.
    let docx = write("report.docx", b"PK\x03\x04 a Word document");
    let o = par(&["score", "-m", CAMAU, &docx, "--lang", "en"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("unknown file type '.docx'"), "{err}");
    assert!(err.contains(".json, .csv or .xlsx"), "{err}");
}

/// A file read from a pipe, whose size is not known until it ends, reads as the same bytes in a
/// file; an empty file is refused as empty JSON (the room read into is its size, none: the
/// room a pipe is given for the limit is for pipes alone).
#[cfg(unix)]
#[test]
fn a_results_file_from_a_pipe_compares_as_the_file() {
    let example = root().join("examples/so-2024.json");
    let results = score_json(example.to_str().unwrap());
    let file = write("given.json", results.as_bytes());
    let pipe = temp("piped.json");
    let made = Command::new("mkfifo").arg(&pipe).status().expect("mkfifo");
    assert!(made.success());
    let writer = {
        let (pipe, results) = (pipe.clone(), results.clone());
        std::thread::spawn(move || std::fs::write(pipe, results))
    };
    let piped = par(&["compare", pipe.to_str().unwrap(), &file, "--lang", "en"]);
    writer.join().expect("written").expect("written");
    let from_file = par(&["compare", &file, &file, "--lang", "en"]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert_eq!(stdout(&piped), stdout(&from_file));
    let empty = write("empty.json", b"");
    assert!(fails(&empty).contains("(code: bad_json)"));
}

#[test]
fn a_ranking_of_no_kind_is_refused_naming_every_kind_compared() {
    // A name without an extension says no kind; `compare` reads saved results too.
    let previous = write("ranking-2023", b"unit,index,rank");
    let o = par(&["compare", &previous, &previous, "--lang", "en"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("has no extension to tell its type"), "{err}");
    assert!(err.contains(".json, .csv or .xlsx"), "{err}");
}

/// A file of `size` bytes that takes no disk: its length is set, nothing is written.
fn sparse(name: &str, size: u64) -> String {
    let path = temp(name);
    File::create(&path).unwrap().set_len(size).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn files_over_their_size_limit_are_refused_before_they_are_read() {
    let started = std::time::Instant::now();
    for (name, size, limit) in [
        ("big.csv", 600 * MIB, "table_bytes"),
        ("just-over.csv", TABLE_BYTES + 1, "table_bytes"),
        ("big.json", JSON_BYTES + 1, "json_bytes"),
        ("big.xlsx", SHEET_BYTES + 1, "sheet_bytes"),
    ] {
        let file = sparse(name, size);
        let err = refused(&file, "limit_exceeded");
        assert!(err.contains(&format!("limit {limit}")), "{err}");
        std::fs::remove_file(file).unwrap();
    }
    // Reading 1.5 GB of zeros would take longer than this.
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn a_document_too_long_to_read_is_refused_for_its_kind_where_its_start_names_another() {
    // A national run's results (700 MB as `par score -f json` writes them) given where its
    // assessments are read, or as the methodology: what the file is, not only its size.
    let results = sparse_after(
        "results-too-long.json",
        "{\n  \"schema\": \"par.results/1\",",
    );
    let err = refused(&results, "unsupported_schema");
    assert!(
        err.contains("this file holds a set of results (par.results/1)"),
        "{err}"
    );
    assert!(!err.contains("json_bytes"), "{err}");
    let table = write("any.csv", b"unit,code,self");
    let o = par(&["score", "-m", &results, &table, "--lang", "en"]);
    let err = stderr(&o);
    assert!(err.contains("a methodology is needed here"), "{err}");
    // A document of the kind wanted is refused for its size, as before.
    let assessments = sparse_after(
        "assessments-too-long.json",
        "{\"schema\": \"par.assessments/1\"",
    );
    let err = refused(&assessments, "limit_exceeded");
    assert!(err.contains("limit json_bytes"), "{err}");
    std::fs::remove_file(results).unwrap();
    std::fs::remove_file(assessments).unwrap();
}

/// A file one byte past the JSON limit that starts with `start` and takes no more disk.
fn sparse_after(name: &str, start: &str) -> String {
    let path = write(name, start.as_bytes());
    let file = File::options().append(true).open(&path).unwrap();
    file.set_len(JSON_BYTES + 1).unwrap();
    path
}

#[test]
fn a_path_that_exists_but_is_no_file_is_unreadable_not_a_usage_error() {
    let dir = temp("folder.csv");
    std::fs::create_dir_all(&dir).unwrap();
    refused(dir.to_str().unwrap(), "unreadable_file");
    // A path that does not exist stays a usage error (a mistyped name).
    let o = par(&["score", "-m", CAMAU, "no-such-file.csv", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// A workbook whose first sheet is a guide and whose second holds the scores.
fn two_sheet_workbook() -> Vec<u8> {
    let worksheet = |rows: &[Vec<&str>]| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData></worksheet>"#,
            sheet_rows(rows)
        )
    };
    let guide = worksheet(&[vec!["Hướng dẫn: nhập điểm ở trang Điểm"]]);
    let scores = worksheet(&[
        vec!["Đơn vị", "Mã tiêu chí", "Tự chấm"],
        vec!["Sở Y tế", "1.3", "2"],
    ]);
    let content_types = CONTENT_TYPES.replace(
        "</Types>",
        r#"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    let workbook = WORKBOOK.replace(
        "</sheets>",
        r#"<sheet name="Điểm" sheetId="2" r:id="rId2"/></sheets>"#,
    );
    let rels = WORKBOOK_RELS.replace(
        "</Relationships>",
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#,
    );
    zip_of(&[
        Part::stored("[Content_Types].xml", content_types.as_bytes()),
        Part::stored("xl/workbook.xml", workbook.as_bytes()),
        Part::stored("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        Part::stored("xl/worksheets/sheet1.xml", guide.as_bytes()),
        Part::stored("xl/worksheets/sheet2.xml", scores.as_bytes()),
    ])
}

#[test]
fn a_workbooks_sheet_is_chosen_by_name_or_number() {
    let book = write("two-sheets.xlsx", &two_sheet_workbook());
    for sheet in ["Điểm", "điểm", "2"] {
        let o = par(&["score", "-m", CAMAU, &book, "--sheet", sheet, "-f", "csv"]);
        assert!(o.status.success(), "{sheet}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("Sở Y tế,,1,2.00"),
            "{sheet}: {}",
            stdout(&o)
        );
    }
    // The first sheet, a guide, has no unit column: the scores' sheet is read, and said so.
    let first = par(&["score", "-m", CAMAU, &book, "--lang", "en", "-f", "csv"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("Sở Y tế,,1,2.00"),
        "{}",
        stdout(&first)
    );
    assert!(
        stderr(&first).contains("the first sheet 'Sheet1' holds no table"),
        "{}",
        stderr(&first)
    );
    let guide = par(&["score", "-m", CAMAU, &book, "--sheet", "1"]);
    assert_eq!(guide.status.code(), Some(1));
    let missing = par(&["score", "-m", CAMAU, &book, "--sheet", "Tổng hợp"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = stderr(&missing);
    assert!(
        err.contains("bảng tính không có trang “Tổng hợp”; các trang: “Sheet1” hoặc “Điểm”"),
        "{err}"
    );
}
