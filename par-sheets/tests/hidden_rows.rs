//! Rows a sheet hides (by hand, or by a filter) are read as every other row, as Excel's own
//! formulas read them, and the units they name are said: a province keeps last year's units, or
//! units merged away, in rows hidden rather than deleted, which would otherwise be ranked without
//! anyone seeing them.

mod common;

use common::{fixture, ods_of_rows};
use par_core::{builtin, Lang, Results, RowsHidden, Scorer, Table, WarningCode};
use par_sheets::{read_sheet, sheet_csv, Kind};
use rust_xlsxwriter::Workbook;

fn scored(table: Table) -> Results {
    let m = builtin("camau-1880-2013-field1-excerpt").expect("a built-in");
    table.score(|| Scorer::new(&m, Lang::En)).expect("scores")
}

/// `units-hidden-in-rows.xlsx`: a title (row 1, hidden), the header (row 3), four units of which
/// Sở Tư pháp (row 5) and Sở Xây dựng (row 7) are hidden, and a blank row hidden below them.
#[test]
fn the_units_of_hidden_rows_are_scored_and_said() {
    let bytes = fixture("units-hidden-in-rows.xlsx");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    // The rows hidden that hold a cell, the title's among them.
    assert_eq!(table.sheet.rows_hidden, [1, 5, 7]);
    let hidden = table.rows_hidden_read().expect("units hidden");
    let expected = RowsHidden {
        rows: 2,
        runs: vec![(5, 5), (7, 7)],
        units: vec!["Sở Tư pháp".into(), "Sở Xây dựng".into()],
        unit_count: 2,
    };
    assert_eq!(hidden, expected);

    let results = scored(table);
    assert_eq!(results.units.len(), 4, "every unit is ranked");
    let warning = &results.warnings[0];
    assert_eq!(warning.code, WarningCode::RowsHidden);
    let said =
        "2 rows hidden in the sheet (rows 5, 7; units 'Sở Tư pháp', 'Sở Xây dựng') were read";
    assert!(warning.message.starts_with(said), "{}", warning.message);

    // As CSV text for a binding's scoring module, with what it needs to say the same.
    let (_, read) = sheet_csv(&bytes, None).expect("read");
    assert_eq!(read.rows_hidden, [1, 5, 7]);
}

/// A filter leaving out most of a long sheet hides rows in runs: the first runs are said, with
/// how many rows and units more, never the whole list.
#[test]
fn rows_a_filter_hid_are_said_in_their_first_runs() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, heading) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, heading).expect("written");
    }
    for k in 1..=30u32 {
        let unit = format!("Xã {k:02}");
        for (c, cell) in [unit.as_str(), "1.3", "2"].into_iter().enumerate() {
            sheet.write_string(k, c as u16, cell).expect("written");
        }
    }
    // Rows 3–5, then every other row from 8: runs of one.
    let hidden = (2..5).chain((7..30).step_by(2));
    for row in hidden {
        sheet.set_row_hidden(row).expect("hidden");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let hidden = table.rows_hidden_read().expect("rows hidden");
    assert_eq!(hidden.rows, 15);
    assert_eq!(hidden.runs, [(3, 5), (8, 8), (10, 10), (12, 12), (14, 14)]);
    assert_eq!(hidden.unit_count, 15);
    assert_eq!(hidden.units.len(), RowsHidden::SAID);
    let message = scored(table).warnings[0].message.clone();
    let said =
        "15 rows hidden in the sheet (rows 3–5, 8, 10, 12, 14 and 8 more rows; units 'Xã 02', \
                'Xã 03', 'Xã 04', 'Xã 07', 'Xã 09' and 10 others) were read";
    assert!(message.starts_with(said), "{message}");
}

/// A sheet without hidden rows, or hiding only rows above its header or blank ones, says nothing.
#[test]
fn rows_hidden_above_the_header_or_blank_are_not_said() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "BẢNG ĐIỂM").expect("written");
    for (c, heading) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
        sheet.write_string(1, c as u16, heading).expect("written");
    }
    for (c, cell) in ["Sở Y tế", "1.3", "2"].into_iter().enumerate() {
        sheet.write_string(2, c as u16, cell).expect("written");
    }
    for row in [0, 3, 4] {
        sheet.set_row_hidden(row).expect("hidden");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.sheet.rows_hidden, [1]);
    assert_eq!(table.rows_hidden_read(), None);
    let results = scored(table);
    assert!(results
        .warnings
        .iter()
        .all(|w| w.code != WarningCode::RowsHidden));
}

/// LibreOffice hides rows with `table:visibility` (`collapse` by hand, `filter` by a filter), a
/// run of repeated rows at once; a million empty rows hidden below the table are no rows of it.
#[test]
fn an_ods_sheets_hidden_rows_are_said_as_an_xlsx_sheets() {
    let cell = |text: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: [&str; 3], attributes: &str| {
        let cells: String = cells.into_iter().map(cell).collect();
        format!("<table:table-row{attributes}>{cells}</table:table-row>")
    };
    let rows = [
        row(["Đơn vị", "Mã tiêu chí", "Tự chấm"], ""),
        row(["Sở Y tế", "1.3", "2"], ""),
        row(["Sở Tư pháp", "1.3", "1"], r#" table:visibility="collapse""#),
        row(["Sở Nội vụ", "1.3", "2"], r#" table:visibility="filter" table:number-rows-repeated="2""#),
        r#"<table:table-row table:visibility="collapse" table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>"#.to_string(),
    ];
    let bytes = ods_of_rows(&rows.concat(), false);
    let table = read_sheet(&bytes, Kind::Ods, None).expect("read");
    assert_eq!(table.sheet.rows_hidden, [3, 4, 5]);
    let hidden = table.rows_hidden_read().expect("rows hidden");
    assert_eq!(hidden.runs, [(3, 5)]);
    assert_eq!(hidden.units, ["Sở Tư pháp", "Sở Nội vụ"]);
}

/// A long sheet sorted by criterion hides each unit's rows apart: each unit is counted once. A
/// block's heading and a summary row hidden among them are no unit's rows read: not said (the
/// summary row is said as passed over).
#[test]
fn units_are_counted_once_and_rows_not_read_as_units_are_not_said() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Đơn vị", "Mã tiêu chí", "Tự chấm"],
        ["I. KHỐI SỞ, BAN, NGÀNH", "", ""],
        ["Sở A", "1.1.4", "90"],
        ["Sở B", "1.1.4", "80"],
        ["Sở C", "1.1.4", "70"],
        ["Sở A", "1.3", "1"],
        ["Sở B", "1.3", "2"],
        ["Sở C", "1.3", "3"],
        ["Tổng cộng", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
            sheet
                .write_string(r as u32, c as u16, *cell)
                .expect("written");
        }
    }
    // The heading (row 2), Sở A's and Sở B's rows, the summary row (row 9).
    for row in [1, 2, 3, 5, 6, 8] {
        sheet.set_row_hidden(row).expect("hidden");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let hidden = table.rows_hidden_read().expect("rows hidden");
    assert_eq!(hidden.runs, [(3, 4), (6, 7)]);
    assert_eq!(hidden.units, ["Sở A", "Sở B"]);
    assert_eq!(hidden.unit_count, 2);
}

/// A wide sheet's block headings (`I | KHỐI SỞ, BAN, NGÀNH`), numbered and named but scored
/// nowhere, hidden: no unit's rows.
#[test]
fn a_wide_sheets_hidden_headings_are_not_said() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["STT", "Đơn vị", "1.3"],
        ["I", "KHỐI SỞ, BAN, NGÀNH", ""],
        ["1", "Sở A", "1"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
            sheet
                .write_string(r as u32, c as u16, *cell)
                .expect("written");
        }
    }
    sheet.set_row_hidden(1).expect("hidden");
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.sheet.rows_hidden, [2]);
    assert_eq!(table.rows_hidden_read(), None);
}
