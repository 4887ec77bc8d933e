//! Workbooks as they come damaged, or written by programs other than Excel: cut short (an upload
//! that stopped) they are refused as unreadable, never read for ever; what they lack is said, never
//! read as empty.

mod common;

use common::fixture;
use par_core::{ErrorCode, Lang};
use par_sheets::{read_sheet, sheet_names, Kind};
use std::io::Cursor;

/// An OpenDocument spreadsheet of one sheet holding `x`, its content cut after the sheet's last
/// row when `cut`.
fn ods(cut: bool) -> Vec<u8> {
    let row = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    common::ods_of_rows(row, cut)
}

#[test]
fn an_ods_cut_inside_its_sheet_is_unreadable() {
    let whole = read_sheet(&ods(false), Kind::Ods, None).expect("read");
    assert_eq!(whole.header, ["x"]);
    let cut = ods(true);
    let refused = read_sheet(&cut, Kind::Ods, None).expect_err("refused");
    assert_eq!(refused.code, ErrorCode::UnreadableFile);
    let refused = sheet_names(&cut, Kind::Ods).expect_err("refused");
    assert_eq!(refused.code, ErrorCode::UnreadableFile);
}

/// An xls a program wrote (Python's xlwt) keeps no result of its formulas: each is read as its
/// formula, which scoring says is one without a result, not as an empty cell whose criterion
/// would silently count nothing.
#[test]
fn an_xls_formula_without_its_result_is_read_as_the_formula() {
    let bytes = fixture("formulas-without-results.xls");
    let table = read_sheet(&bytes, Kind::Xls, None).expect("read");
    assert_eq!(table.header, ["Đơn vị", "1.1", "1.2", "2.1", "2.2"]);
    assert_eq!(table.rows[0], ["Sở Y tế", "=1+2", "4", "5", "=1/0"]);
}

/// An xlsx cut short (its zip without the directory at its end, or with the record ending it
/// cut, or the comment after that record) is an unreadable workbook, not a file said to be no
/// workbook, nor a table of text, nor a damaged one.
#[test]
fn an_xlsx_cut_short_is_an_unreadable_workbook() {
    let bytes = fixture("cover-then-scores.xlsx");
    let with_comment = {
        let mut zip = zip::ZipWriter::new_append(Cursor::new(bytes.clone())).expect("a zip");
        zip.set_comment("Sở Nội vụ ".repeat(100));
        zip.finish().expect("written").into_inner()
    };
    let cuts = [
        &bytes[..bytes.len() - 100],
        &bytes[..bytes.len() - 21],
        &bytes[..bytes.len() - 5],
        &bytes[..bytes.len() - 1],
        &with_comment[..with_comment.len() - 500],
    ];
    for cut in cuts {
        let refused = par_sheets::assessments_file(cut.to_vec(), None)
            .err()
            .expect("refused");
        assert_eq!(refused.problems[0].code, ErrorCode::UnreadableFile);
        assert!(
            refused.problems[0].line(Lang::En).contains("cut short"),
            "{refused:?}"
        );
        let refused = par_sheets::sheet_csv(cut, None).expect_err("refused");
        assert!(refused.line(Lang::En).contains("cut short"), "{refused:?}");
    }
    assert!(
        par_sheets::sheet_csv(&with_comment, None).is_ok(),
        "read whole"
    );
}

/// An .xls calamine panics on (a slice past its end, reading the workbook's globals) is a
/// damaged workbook, the panic caught and its words (a slice index) not said; in WebAssembly,
/// where it cannot be caught, the npm suite checks the same refusal and the reads after it.
#[test]
fn an_xls_the_reader_panics_on_is_a_damaged_workbook() {
    let refused = read_sheet(&fixture("damaged-calamine-panics.xls"), Kind::Xls, None);
    let refused = refused.expect_err("refused");
    assert_eq!(refused, par_sheets::damaged_workbook());
    assert_eq!(refused.code, ErrorCode::UnreadableFile);
    assert!(refused.line(Lang::En).contains("damaged"), "{refused:?}");
}

/// A whole xlsx whose bytes changed on the way (a disk, a mail server) is a damaged workbook: the
/// compressed data of a sheet no longer matching its checksum, or its directory no longer
/// readable. Neither is said in the zip reader's words (`Invalid checksum`), nor to be a file cut
/// short, which sending it again would mend.
#[test]
fn an_xlsx_whose_bytes_changed_is_a_damaged_workbook() {
    let bytes = fixture("cover-then-scores.xlsx");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("a zip");
    let sheet = zip
        .by_name("xl/worksheets/sheet2.xml")
        .expect("the scores' sheet");
    let middle = sheet.data_start() + sheet.compressed_size() / 2;
    let mut in_data = bytes.clone();
    in_data[middle as usize] ^= 0x10;
    let mut in_directory = bytes.clone();
    let directory = memchr::memmem::find(&bytes, b"PK\x01\x02").expect("a directory");
    in_directory[directory + 3] = 0x03;
    for changed in [in_data, in_directory] {
        let refused = par_sheets::assessments_file(changed.clone(), None)
            .err()
            .expect("refused");
        assert_eq!(refused.problems, [par_sheets::damaged_workbook()]);
        let refused = par_sheets::sheet_csv(&changed, None).expect_err("refused");
        assert_eq!(refused, par_sheets::damaged_workbook());
        assert!(refused.line(Lang::En).contains("damaged"), "{refused:?}");
    }
}

/// A workbook encrypted with a password (Excel's "Encrypt with Password"; this fixture is
/// `cover-then-scores.xlsx` encrypted by `msoffcrypto-tool -e -p matkhau`) is a compound file,
/// which the readers took for an .xls without its workbook stream, or for no zip, and said so in
/// their own English ("Workbook is password protected"). It is refused saying how to take the
/// password off, whatever its name, and whether it is read by name or by content.
#[test]
fn a_workbook_protected_by_a_password_says_how_to_take_it_off() {
    let bytes = fixture("password-protected.xlsx");
    let said = |refused: par_core::ParError| {
        assert_eq!(refused.code, ErrorCode::UnreadableFile);
        let line = refused.line(Lang::En);
        assert!(line.contains("protected by a password"), "{line}");
        assert!(line.contains("remove the password"), "{line}");
        assert!(refused.line(Lang::Vi).contains("mật khẩu"));
    };
    for kind in [Kind::Xlsx, Kind::Xls] {
        said(read_sheet(&bytes, kind, None).expect_err("refused"));
        said(sheet_names(&bytes, kind).expect_err("refused"));
    }
    said(par_sheets::sheet_csv(&bytes, None).expect_err("refused"));
    let refused = par_sheets::assessments_file(bytes, None)
        .err()
        .expect("refused");
    said(refused.problems[0].clone());
}

/// A cell of a kilobyte-sized ods that calamine would copy into gigabytes: text held in an
/// attribute (a text's value, a formula, a date) or in empty paragraphs, repeated a hundred times across and a thousand times down.
/// Each is refused for the table's text before calamine opens the file (they crashed `par`, out
/// of memory, after six gigabytes).
#[test]
fn an_ods_repeating_text_held_outside_its_paragraphs_is_refused_before_it_is_opened() {
    let x = "x".repeat(65_536);
    let sums = "1+".repeat(32_768);
    let paragraphs = "<text:p/>".repeat(100_000);
    let cells = [
        format!(
            r#"<table:table-cell office:value-type="string" office:string-value="{x}" table:number-columns-repeated="100"/>"#
        ),
        format!(
            r#"<table:table-cell table:formula="of:={sums}1" table:number-columns-repeated="100"/>"#
        ),
        format!(
            r#"<table:table-cell office:value-type="date" office:date-value="{x}" table:number-columns-repeated="100"/>"#
        ),
        format!(
            r#"<table:table-cell office:value-type="string" table:number-columns-repeated="100">{paragraphs}</table:table-cell>"#
        ),
    ];
    for cell in cells {
        let rows = format!(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>unit</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000">{cell}</table:table-row>"#
        );
        let refused =
            read_sheet(&common::ods_of_rows(&rows, false), Kind::Ods, None).expect_err("refused");
        assert_eq!(refused.code, ErrorCode::LimitExceeded);
        // Past a table's text as well: a small file is held to less.
        assert_eq!(refused.limit.as_deref(), Some("sheet_text_bytes"));
    }
}

/// An ods whose cells reach below row 1,048,576, the last LibreOffice and Excel have, is refused
/// before calamine reads it: one empty text repeated down 16 million rows (725 bytes) took 3.9
/// GB within the table's cells. Empty rows repeated past the end below the last cell, as
/// LibreOffice writes them, are read.
#[test]
fn an_ods_cell_below_the_last_row_is_refused_before_it_is_opened() {
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let row = |repeated: usize, cell: &str| {
        format!(
            r#"<table:table-row table:number-rows-repeated="{repeated}">{cell}</table:table-row>"#
        )
    };
    let (unit, empty) = (row(1, &text("unit")), "<table:table-cell/>");
    let last = [
        unit.clone(),
        row(1_048_574, empty),
        row(1, &text("x")),
        row(1_000_000, empty),
    ];
    let table = read_sheet(&common::ods_of_rows(&last.concat(), false), Kind::Ods, None);
    assert_eq!(table.expect("read").rows.len(), 1_048_575);
    for below in [
        [unit.clone(), row(1_048_575, empty), row(1, &text("x"))].concat(),
        row(16_000_000, &text("")),
    ] {
        let refused = read_sheet(&common::ods_of_rows(&below, false), Kind::Ods, None);
        assert_eq!(
            refused.expect_err("refused").limit.as_deref(),
            Some("sheet_rows")
        );
    }
}
