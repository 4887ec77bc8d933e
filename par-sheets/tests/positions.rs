//! A sheet's table keeps the sheet's own row and column numbers: problems name the cell an
//! appraiser finds in Excel, wherever on the sheet the table starts.

mod common;

use par_core::{builtin, score_table, Lang, Problems, Table};
use par_sheets::{read_sheet, to_csv, Kind};
use rust_xlsxwriter::{Format, Workbook};
use std::io::{Cursor, Read, Write};

/// The problems of a workbook holding a long table whose header is on row 3 from column B (two
/// empty rows, an empty column A), with `more` cells (row, column from 0: A1 is (0, 0)).
fn problems_below_a1(rows: &[[&str; 4]], more: &[(u32, u16, &str)]) -> Problems {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = ["unit", "code", "self", "appraised"];
    for (r, row) in [header].iter().chain(rows).enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(2 + r as u32, 1 + c as u16, *text)
                .expect("written");
        }
    }
    for &(row, col, text) in more {
        sheet.write_string(row, col, text).expect("written");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let m = builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let problems = score_table(&m, &table, Lang::En).expect_err("a problem");
    // The sheet as CSV text (what the npm package scores a workbook from) keeps its rows.
    let csv = Table::from_csv(&to_csv(&table).expect("written")).expect("read back");
    let from_csv = score_table(&m, &csv, Lang::En).expect_err("a problem");
    assert_eq!(from_csv, problems, "as CSV");
    problems
}

const TIMELY: &str = "Ban hành kịp thời";

#[test]
fn problems_name_the_rows_the_sheet_shows() {
    let rows = [
        ["Sở A", "1.1.1", TIMELY, TIMELY],
        ["Sở A", "9.9", "1", "1"],
        ["Sở A", "1.1.1", TIMELY, TIMELY],
    ];
    let problems = problems_below_a1(&rows, &[]);
    let rows: Vec<_> = problems.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [Some(5), Some(6)], "{problems:?}");
}

#[test]
fn a_cell_without_a_heading_is_named_by_the_sheets_column() {
    let rows = [["Sở A", "1.1.1", TIMELY, TIMELY]];
    // G4: right of the header (B3:E3), on the unit's row.
    let problems = problems_below_a1(&rows, &[(3, 6, "ghi chú")]);
    let stray = &problems.problems[0];
    assert_eq!(stray.row, Some(4), "{problems:?}");
    assert!(
        stray.message.render(Lang::En).contains("column G"),
        "{problems:?}"
    );
}

#[test]
fn numbers_typed_are_read_as_typed_and_a_formulas_extra_digits_are_named_by_column() {
    // A title row, a header, a unit's row whose self-score is the number `score`.
    let sheet_with = |score: f64| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "BẢNG ĐIỂM").expect("written");
        for (c, text) in ["unit", "code", "self", "Sở A", "1.3"]
            .into_iter()
            .enumerate()
        {
            let (row, col) = (1 + c as u32 / 3, c as u16 % 3);
            sheet.write_string(row, col, text).expect("written");
        }
        sheet.write_number(2, 2, score).expect("written");
        let bytes = book.save_to_buffer().expect("saved");
        read_sheet(&bytes, Kind::Xlsx, None).expect("read")
    };
    let typed = sheet_with(2.5);
    assert!(typed.float_columns.is_empty(), "{:?}", typed.float_columns);
    assert_eq!(typed.rows[1][2], "2.5");
    // 0.1 + 0.2 as a formula leaves it: Excel shows 0.3. The title row heads no column C.
    let computed = sheet_with(0.1 + 0.2);
    assert_eq!(computed.float_columns, ["C"]);
    assert_eq!(computed.rows[1][2], "0.30000000000000004");
}

#[test]
fn a_number_holding_more_decimals_than_its_format_shows_is_noted() {
    // Scores in a column formatted `#,##0.00`: 0.5, shown 0.50, is read as typed; 2.345 (a
    // formula's result) is shown 2.35 but summed as stored, and noted. Codes typed as numbers in
    // a column formatted `0.00` (a whole sheet so formatted) are read as typed: 1.1, not 1.10.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, text) in ["unit", "code", "self"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, text).expect("written");
    }
    let two_places = Format::new().set_num_format("0.00");
    let grouped = Format::new().set_num_format("#,##0.00");
    for (r, (code, score)) in [(1.1, 0.5), (1.2, 2.345)].into_iter().enumerate() {
        let r = 1 + r as u32;
        sheet.write_string(r, 0, "Sở A").expect("written");
        (sheet.write_number_with_format(r, 1, code, &two_places)).expect("written");
        (sheet.write_number_with_format(r, 2, score, &grouped)).expect("written");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let read: Vec<[&str; 2]> = table.rows.iter().map(|r| [&*r[1], &*r[2]]).collect();
    assert_eq!(read, [["1.1", "0.5"], ["1.2", "2.345"]]);
    assert_eq!(table.float_columns, ["self"]);
}

#[test]
fn a_number_shown_as_a_percentage_is_read_as_shown() {
    // A unit types a measured rate as `97%`: Excel stores 0.97 in a cell formatted `0%`. The
    // sheet is scored as the same table typed in CSV, where the cell reads `97%`.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Điểm").expect("named");
    let header = ["STT", "Đơn vị", "Mã tiêu chí", "Tự chấm"];
    for (c, text) in header.into_iter().enumerate() {
        sheet.write_string(0, c as u16, text).expect("written");
    }
    let percent = Format::new().set_num_format("0%");
    let one_place = Format::new().set_num_format("0.0%");
    let quoted = Format::new().set_num_format("0.00\"%\"");
    let rows: [(&str, f64, &Format); 4] = [
        ("Sở A", 0.97, &percent),
        ("Sở B", 0.9, &one_place),
        ("Sở C", 0.9001, &percent),
        ("Sở D", 69.0, &quoted),
    ];
    for (r, (unit, rate, format)) in rows.into_iter().enumerate() {
        let r = 1 + r as u32;
        sheet.write_number(r, 0, f64::from(r)).expect("written");
        sheet.write_string(r, 1, unit).expect("written");
        sheet.write_string(r, 2, "1.1.4").expect("written");
        sheet
            .write_number_with_format(r, 3, rate, format)
            .expect("written");
    }
    // A text in a percentage's format is its text: the heading over the rates.
    sheet
        .write_string_with_format(0, 3, "Tự chấm", &percent)
        .expect("written");
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let rates: Vec<&str> = table.rows.iter().take(4).map(|r| r[3].as_str()).collect();
    assert_eq!(rates, ["97%", "90%", "90.01%", "69"]);
    assert_eq!(table.header[3], "Tự chấm");
    assert_eq!(table.rows[0][0], "1", "a running number is no percentage");
    let m = builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let csv = "STT,Đơn vị,Mã tiêu chí,Tự chấm\n1,Sở A,1.1.4,97%\n2,Sở B,1.1.4,90%\n\
               3,Sở C,1.1.4,90.01%\n4,Sở D,1.1.4,69\n";
    let typed = Table::from_csv(csv).expect("a table");
    assert_eq!(
        score_table(&m, &table, Lang::Vi),
        score_table(&m, &typed, Lang::Vi)
    );
    // A cell need not name its place (`r` is optional): it is the one after the cell before.
    let unnamed = with_sheet_xml_edited(&bytes, "<c r=\"D2\" ", "<c ");
    assert_ne!(unnamed, bytes, "the cell named itself");
    let table = read_sheet(&unnamed, Kind::Xlsx, None).expect("read");
    assert_eq!(table.rows[0][3], "97%");
    // A style names its format by number: `0164` is the format defined as 164 (`0%`).
    let (defined, padded) = ("<xf numFmtId=\"164\"", "<xf numFmtId=\"0164\"");
    let padded = with_part_edited(&bytes, "xl/styles.xml", defined, padded);
    assert_ne!(padded, bytes, "a style names format 164");
    let table = read_sheet(&padded, Kind::Xlsx, None).expect("read");
    assert_eq!(table.rows[0][3], "97%");
    // Conditional formatting's own format of the same number is no cell's format.
    let conditional = "</cellXfs><dxfs count=\"1\"><dxf><numFmt numFmtId=\"164\" \
                       formatCode=\"0.00\"/></dxf></dxfs>";
    let dxf = with_part_edited(&bytes, "xl/styles.xml", "</cellXfs>", conditional);
    let table = read_sheet(&dxf, Kind::Xlsx, None).expect("read");
    assert_eq!(table.rows[0][3], "97%");
    // The sheet's part is the one its `r:id` names, as calamine follows it, whatever other id
    // the sheet carries.
    let other_id = "xmlns:x=\"urn:x\" x:id=\"rId9\" r:id=";
    let two_ids = with_part_edited(&bytes, "xl/workbook.xml", "r:id=", other_id);
    let table = read_sheet(&two_ids, Kind::Xlsx, None).expect("read");
    assert_eq!(table.rows[0][3], "97%");
}

/// A workbook's sheet headed as a long table on its first row (`Đơn vị`, `Mã tiêu chí`, `Tự chấm`).
fn long_header(book: &mut Workbook) -> &mut rust_xlsxwriter::Worksheet {
    let sheet = book.add_worksheet();
    for (c, heading) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, heading).expect("written");
    }
    sheet
}

#[test]
fn a_cell_excel_made_a_date_of_is_read_as_the_date_it_shows() {
    // A criterion's code `1.2` typed into a cell Excel reads as a date is stored as the day's
    // serial number (45323): read as the date the sheet shows, which the official recognises.
    let mut book = Workbook::new();
    let sheet = long_header(&mut book);
    sheet.write_string(1, 0, "Sở A").expect("written");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_number_with_format(1, 1, 45323.0, &date)
        .expect("written");
    let at_noon = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    sheet
        .write_number_with_format(1, 2, 45323.5, &at_noon)
        .expect("written");
    // A time of day alone, as Excel shows it, not as a day of 1899.
    let time = Format::new().set_num_format("hh:mm");
    sheet
        .write_number_with_format(1, 3, 0.5, &time)
        .expect("written");
    // Times kept a hair below the minute they are (03:30 is 0.1458333…): the minute shown.
    sheet
        .write_number_with_format(1, 4, 3.5 / 24.0, &time)
        .expect("written");
    sheet
        .write_number_with_format(1, 5, 45295.0 + (10.0 + 10.0 / 60.0) / 24.0, &at_noon)
        .expect("written");
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.rows[0][1], "01/02/2024");
    assert_eq!(table.rows[0][2], "01/02/2024 12:00");
    assert_eq!(table.rows[0][3], "12:00");
    assert_eq!(table.rows[0][4], "03:30");
    assert_eq!(table.rows[0][5], "04/01/2024 10:10");
}

#[test]
fn a_sheet_widened_by_one_far_cell_is_refused_as_csv_not_written() {
    // One stray cell at XFD1048576 widens every one of a million rows to 16,384 cells as CSV
    // (17 billion): refused by the table's cell limit, at once, as scoring the sheet refuses it.
    let mut book = Workbook::new();
    let sheet = long_header(&mut book);
    sheet.write_string(1_048_575, 16_383, "x").expect("written");
    let bytes = book.save_to_buffer().expect("saved");
    let refused = par_sheets::sheet_csv(&bytes, None).expect_err("too many cells");
    assert_eq!(refused.code, par_core::ErrorCode::LimitExceeded);
    // Rows each holding a cell in A and in XFD: 16,384 cells a row, counted before any row is
    // made that long (2,000 such rows took 7.7 GB before they were refused).
    let mut book = Workbook::new();
    let sheet = long_header(&mut book);
    for row in 1..2_000 {
        sheet.write_string(row, 0, "Sở Y tế").expect("written");
        sheet.write_string(row, 16_383, "x").expect("written");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let refused = read_sheet(&bytes, Kind::Xlsx, None).expect_err("too many cells");
    assert_eq!(refused.code, par_core::ErrorCode::LimitExceeded);
}

#[test]
fn a_cell_merged_down_is_read_on_every_row_of_the_merge_and_one_merged_across_in_its_first() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(0, 0, 0, 2, "BẢNG ĐIỂM", &format)
        .expect("title");
    for (c, heading) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
        sheet.write_string(1, c as u16, heading).expect("written");
    }
    unit_merged_down(sheet, 2, 1);
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.header, ["BẢNG ĐIỂM", "", ""]);
    let units: Vec<&str> = table.rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(units, ["Sở Y tế", "Sở Y tế"]);
    let m = builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let results = score_table(&m, &table, Lang::Vi).expect("scored");
    assert_eq!(results.units.len(), 1);
    // A name merged over two columns and down is read down its first column.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let headings = ["Đơn vị", "", "Mã tiêu chí", "Tự chấm"];
    for (c, heading) in headings.into_iter().enumerate() {
        sheet.write_string(0, c as u16, heading).expect("written");
    }
    unit_merged_down(sheet, 1, 2);
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let units: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(units, ["Sở Y tế", "Sở Y tế"]);
}

/// `Sở Y tế` merged down its unit's two rows from row `top`, over its first `width` columns, as
/// a long sheet groups a unit's criteria, with each row's code and score in the columns after.
fn unit_merged_down(sheet: &mut rust_xlsxwriter::Worksheet, top: u32, width: u16) {
    let format = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(top, 0, top + 1, width - 1, "Sở Y tế", &format)
        .expect("unit");
    for (r, (code, score)) in [("1.3", "2"), ("1.1.1", TIMELY)].into_iter().enumerate() {
        sheet
            .write_string(top + r as u32, width, code)
            .expect("written");
        sheet
            .write_string(top + r as u32, width + 1, score)
            .expect("written");
    }
}

#[test]
fn a_merge_fills_only_the_rows_that_hold_cells_and_never_copies_a_figure() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    for (c, heading) in ["STT", "Đơn vị", "Mã tiêu chí", "Thẩm định"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, heading).expect("written");
    }
    // A running number merged down the unit's rows: a figure, left in its first row; the unit's
    // name merged down to the sheet's last row (below), a few bytes asking for a million cells.
    sheet.merge_range(1, 0, 2, 0, "", &format).expect("number");
    sheet.write_number(1, 0, 1).expect("written");
    sheet
        .merge_range(1, 1, 2, 1, "Sở Y tế", &format)
        .expect("unit");
    for (r, code) in ["1.3", "1.1.1"].into_iter().enumerate() {
        sheet.write_string(1 + r as u32, 2, code).expect("written");
        sheet.write_number(1 + r as u32, 3, 1.5).expect("written");
    }
    sheet
        .write_string(10, 2, "Người lập biểu")
        .expect("written");
    let bytes = book.save_to_buffer().expect("saved");
    let bytes = with_sheet_xml_edited(&bytes, "B2:B3", "B2:B1048576");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.rows.len(), 10, "to the last row holding a cell");
    let filled: Vec<[&str; 2]> = (table.rows.iter())
        .filter(|r| !r.is_empty())
        .map(|r| [r[0].as_str(), r[1].as_str()])
        .collect();
    assert_eq!(
        filled,
        [["1", "Sở Y tế"], ["", "Sở Y tế"], ["", "Sở Y tế"]],
        "the row of `Người lập biểu` holds a cell under the merge"
    );
}

#[test]
fn a_long_sheets_cells_merged_down_a_units_rows_are_read_on_each() {
    // `STT` (typed as text), `Đơn vị`, `Khối` and `Ghi chú` merged down the unit's ten rows,
    // beside each row's code and points: four merged cells for two of the row's own.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    let header = ["STT", "Đơn vị", "Khối", "Mã tiêu chí", "Tự chấm", "Ghi chú"];
    for (c, heading) in header.into_iter().enumerate() {
        sheet.write_string(0, c as u16, heading).expect("written");
    }
    for (c, text) in [(0, "1"), (1, "Sở Y tế"), (2, "so"), (5, "Đã thẩm định")] {
        sheet
            .merge_range(1, c, 10, c, text, &format)
            .expect("merged");
    }
    for r in 1..=10 {
        sheet.write_string(r, 3, format!("1.{r}")).expect("written");
        sheet.write_number(r, 4, 1).expect("written");
    }
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    let read: Vec<[&str; 4]> = (table.rows.iter())
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()])
        .collect();
    assert_eq!(read[0], ["1", "Sở Y tế", "so", "1.1"]);
    // The running number, a figure typed as text, stays in its first row: copied, a merged
    // score would count twice.
    assert!(
        read[1..].iter().all(|r| r[..3] == ["", "Sở Y tế", "so"]),
        "{read:?}"
    );
    // `Ghi chú`, past each row's own cells, is read on each row too.
    assert!(
        table.rows.iter().all(|r| r[5] == "Đã thẩm định"),
        "{:?}",
        table.rows
    );
}

#[test]
fn merged_texts_count_against_the_tables_limits() {
    // A long text merged down thousands of rows: a small file asking for more text than a
    // table may hold.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    sheet.write_string(0, 0, "Đơn vị").expect("written");
    sheet.write_string(0, 1, "Ghi chú").expect("written");
    let rows = 12_000;
    for r in 1..=rows {
        sheet.write_number(r, 0, 1).expect("written");
    }
    let long = "x".repeat(12_000);
    sheet
        .merge_range(1, 1, 2, 1, &long, &format)
        .expect("merged");
    let bytes = book.save_to_buffer().expect("saved");
    let bytes = with_sheet_xml_edited(&bytes, "B2:B3", &format!("B2:B{}", rows + 1));
    let refused = read_sheet(&bytes, Kind::Xlsx, None).expect_err("too large");
    // Past a table's text as well: a small file is held to less (`sheet_text_bytes`).
    assert_eq!(refused.limit.as_deref(), Some("sheet_text_bytes"));
}

#[test]
fn overlapping_merges_read_alike_in_either_order_and_never_over_a_typed_cell() {
    let blocks = |merges: &[&str]| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (c, heading) in ["Đơn vị", "Khối", "1"].into_iter().enumerate() {
            sheet.write_string(0, c as u16, heading).expect("written");
        }
        for r in 1..=5 {
            sheet
                .write_string(r, 0, format!("Sở {r}"))
                .expect("written");
            sheet.write_number(r, 2, 1).expect("written");
        }
        sheet.write_string(1, 1, "so").expect("written");
        sheet.write_string(3, 1, "huyen").expect("written");
        sheet.write_string(4, 1, "huyen").expect("written");
        let bytes = book.save_to_buffer().expect("saved");
        let bytes = with_sheet_xml_edited(
            &bytes,
            "</sheetData>",
            &format!(
                "</sheetData><mergeCells count=\"{}\">{}</mergeCells>",
                merges.len(),
                (merges.iter())
                    .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
                    .collect::<String>()
            ),
        );
        let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
        let column: Vec<String> = table.rows.iter().map(|r| r[1].to_string()).collect();
        column
    };
    let read = blocks(&["B4:B6", "B2:B6"]);
    assert_eq!(read, blocks(&["B2:B6", "B4:B6"]));
    assert_eq!(read, blocks(&["B2:B3", "B2:B6"]));
    assert_eq!(read, blocks(&["B2:B6", "B2:B3"]));
    // The merge starting first is kept; the cells typed within it keep their own text.
    assert_eq!(read, ["so", "so", "huyen", "huyen", "so"]);
}

/// Excel's last row (1,048,576) is read; a cell below it, which no spreadsheet program writes, is
/// refused before the rows down to it are made (one at row 15,999,999 took 382 MB).
#[test]
fn a_cell_below_excels_last_row_is_refused() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "unit").expect("written");
    sheet.write_string(1_048_575, 0, "x").expect("written");
    let saved = book.save_to_buffer().expect("saved");
    let table = read_sheet(&saved, Kind::Xlsx, None).expect("the last row is read");
    assert_eq!(table.rows.len(), 1_048_575);
    let below = with_sheet_xml_edited(&saved, "1048576", "1048577");
    let refused = read_sheet(&below, Kind::Xlsx, None).expect_err("refused");
    assert_eq!(refused.limit.as_deref(), Some("sheet_rows"));
}

/// An xlsx with a text of its first sheet's XML replaced, as a hand-made file may have it.
fn with_sheet_xml_edited(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    with_part_edited(bytes, "xl/worksheets/sheet1.xml", from, to)
}

/// An xlsx with a text of its part `edited` replaced.
fn with_part_edited(bytes: &[u8], part_named: &str, from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut edited = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let name = part.name().to_string();
        let mut text = Vec::new();
        part.read_to_end(&mut text).expect("read");
        if name == part_named {
            let xml = String::from_utf8(text).expect("XML");
            assert!(xml.contains(from), "{from} in {part_named}");
            text = xml.replace(from, to).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default();
        edited.start_file(name, options).expect("started");
        edited.write_all(&text).expect("written");
    }
    edited.finish().expect("finished").into_inner()
}

/// A cover sheet, `Bìa`: the report's title alone.
fn cover(book: &mut Workbook) {
    let cover = book.add_worksheet().set_name("Bìa").expect("named");
    cover
        .write_string(0, 0, "BÁO CÁO KẾT QUẢ CHỈ SỐ CCHC NĂM 2024")
        .expect("written");
}

/// A long table's sheet, named `name`: one unit's self-score of one criterion.
fn scores_of_one_unit(book: &mut Workbook, name: &str) {
    let scores = book.add_worksheet().set_name(name).expect("named");
    for (c, heading) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
        scores.write_string(0, c as u16, heading).expect("written");
    }
    for (c, cell) in ["Sở Y tế", "1.3", "2"].into_iter().enumerate() {
        scores.write_string(1, c as u16, cell).expect("written");
    }
}

/// A sheet hidden in Excel's tabs (last year's scores kept behind this year's) is not read when
/// no sheet is named, as first sheet or as one past a cover; named, it is read.
#[test]
fn a_hidden_sheet_is_read_only_when_named() {
    let hidden_first = |cover_first: bool| {
        let mut book = Workbook::new();
        if cover_first {
            cover(&mut book);
        }
        let last_year = book.add_worksheet().set_name("2023").expect("named");
        for (c, cell) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
            last_year.write_string(0, c as u16, cell).expect("written");
        }
        for (c, cell) in ["Sở Cũ", "1.3", "1"].into_iter().enumerate() {
            last_year.write_string(1, c as u16, cell).expect("written");
        }
        last_year.set_hidden(true);
        scores_of_one_unit(&mut book, "2024");
        // (Excel opens on a sheet shown: a hidden one cannot be the active one.)
        let this_year = book.worksheet_from_name("2024").expect("added");
        this_year.set_active(true);
        book.save_to_buffer().expect("saved")
    };
    let units = |table: &Table| {
        table
            .rows
            .iter()
            .map(|r| r[0].to_string())
            .collect::<Vec<_>>()
    };
    let alone = read_sheet(&hidden_first(false), Kind::Xlsx, None).expect("read");
    assert_eq!(units(&alone), ["Sở Y tế"]);
    assert_eq!(alone.sheet.chosen, None, "the first sheet shown is read");
    let past_cover = read_sheet(&hidden_first(true), Kind::Xlsx, None).expect("read");
    assert_eq!(units(&past_cover), ["Sở Y tế"]);
    let chosen = past_cover.sheet.chosen.expect("said");
    assert_eq!(
        (chosen.first.as_str(), chosen.read.as_str()),
        ("Bìa", "2024")
    );
    let named = read_sheet(&hidden_first(true), Kind::Xlsx, Some("2023")).expect("read");
    assert_eq!(units(&named), ["Sở Cũ"]);
}

/// A workbook of a sheet per block (or per year) is scored a sheet at a time: the later sheets
/// shown with the columns of the one read are said by name; a summary sheet beside them (other
/// columns), a hidden sheet, or any sheet once one is named, is not.
#[test]
fn later_sheets_with_the_columns_of_the_one_read_are_said() {
    let blocks = common::fixture("a-block-a-sheet.xlsx");
    let table = read_sheet(&blocks, Kind::Xlsx, None).expect("read");
    let alike = table.sheet.alike.clone().expect("said");
    assert_eq!(alike.read, "Khối Sở");
    assert_eq!(
        alike.others,
        ["Khối Huyện"],
        "not the summary sheet `Tổng hợp`"
    );
    let m = builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let results = table
        .score(|| par_core::Scorer::new(&m, Lang::En))
        .expect("scored");
    let warning = &results.warnings[0];
    assert_eq!(warning.code, par_core::WarningCode::SheetsAlike);
    let said =
        "sheet 'Khối Huyện' holds a table with the columns of sheet 'Khối Sở' but was not read";
    assert!(warning.message.starts_with(said), "{}", warning.message);
    let named = read_sheet(&blocks, Kind::Xlsx, Some("Khối Huyện")).expect("read");
    assert_eq!(named.sheet.alike, None);

    // Past a cover, the sheets after the one read; a hidden one is not said.
    let mut book = Workbook::new();
    cover(&mut book);
    scores_of_one_unit(&mut book, "2024");
    scores_of_one_unit(&mut book, "2023");
    scores_of_one_unit(&mut book, "2022");
    book.worksheet_from_name("2022")
        .expect("added")
        .set_hidden(true);
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(
        table.sheet.chosen.as_ref().map(|c| c.read.as_str()),
        Some("2024")
    );
    let alike = table.sheet.alike.expect("said");
    assert_eq!(
        (alike.read.as_str(), &alike.others[..]),
        ("2024", &["2023".to_string()][..])
    );

    // The same fields in another order, without `STT`, with notes: alike.
    let mut book = Workbook::new();
    let headers = [
        ("Khối Sở", &["STT", "Đơn vị", "Mã tiêu chí", "Tự chấm"][..]),
        (
            "Khối Huyện",
            &["Đơn vị", "Điểm tự chấm", "Mã tiêu chí", "Ghi chú"][..],
        ),
    ];
    for (name, header) in headers {
        let sheet = book.add_worksheet().set_name(name).expect("named");
        for (c, heading) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *heading).expect("written");
        }
    }
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.sheet.alike.expect("said").others, ["Khối Huyện"]);
}

#[test]
fn a_cover_sheet_before_the_scores_is_passed_over_and_said() {
    let mut book = Workbook::new();
    cover(&mut book);
    let guide = book.add_worksheet().set_name("Hướng dẫn").expect("named");
    guide
        .write_string(0, 0, "Ghi điểm vào cột C")
        .expect("written");
    scores_of_one_unit(&mut book, "Tổng hợp");
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.header, ["Đơn vị", "Mã tiêu chí", "Tự chấm"]);
    let chosen = table.sheet.chosen.clone().expect("said");
    assert_eq!(
        (chosen.first.as_str(), chosen.read.as_str()),
        ("Bìa", "Tổng hợp")
    );
    let m = builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let results = table
        .score(|| par_core::Scorer::new(&m, Lang::Vi))
        .expect("scored");
    assert_eq!(results.warnings[0].code, par_core::WarningCode::SheetChosen);
    // A guide explaining the columns a row at a time names a unit column in its first cell
    // (`Tên đơn vị | Ghi tên đầy đủ | Sở Y tế`), beside no column of scores: it was read as the
    // scores. A table holding no scores, it is asked about as one without units is.
    let mut guided = Workbook::new();
    let guide = guided.add_worksheet().set_name("Hướng dẫn").expect("named");
    let rows = [
        ["HƯỚNG DẪN", "", ""],
        ["Cột", "Nội dung", "Ví dụ"],
        ["Tên đơn vị", "Ghi tên đầy đủ", "Sở Y tế"],
        ["Tự chấm", "Điểm tự chấm", "2,5"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            guide
                .write_string(r as u32, c as u16, *cell)
                .expect("written");
        }
    }
    let scores = guided.add_worksheet().set_name("2024").expect("named");
    for (c, heading) in ["Đơn vị", "1.1", "1.2", "1.3"].into_iter().enumerate() {
        scores.write_string(0, c as u16, heading).expect("written");
    }
    let guided = guided.save_to_buffer().expect("saved");
    let asked = read_sheet(&guided, Kind::Xlsx, None).expect_err("which sheet");
    assert!(
        asked.to_string().contains("“Hướng dẫn”") && asked.to_string().contains("“2024”"),
        "{asked}"
    );
    // A first sheet holding a table is not passed over: the next may be another year's. Where
    // its table has no unit column and a later sheet's has one, which to read is asked.
    let mut book = Workbook::new();
    let this_year = book.add_worksheet().set_name("Năm 2024").expect("named");
    for (c, heading) in ["STT", "Tên phòng ban", "1", "2"].into_iter().enumerate() {
        this_year
            .write_string(0, c as u16, heading)
            .expect("written");
    }
    let last_year = book.add_worksheet().set_name("Năm 2023").expect("named");
    for (c, heading) in ["Đơn vị", "Mã tiêu chí", "Tự chấm"].into_iter().enumerate() {
        last_year
            .write_string(0, c as u16, heading)
            .expect("written");
    }
    let years = book.save_to_buffer().expect("saved");
    let asked = read_sheet(&years, Kind::Xlsx, None).expect_err("which sheet");
    assert_eq!(asked.code, par_core::ErrorCode::MissingField);
    assert!(
        asked.to_string().contains("“Năm 2024”") && asked.to_string().contains("“Năm 2023”"),
        "{asked}"
    );
    let named = read_sheet(&years, Kind::Xlsx, Some("Năm 2024")).expect("read");
    assert_eq!(named.header[1], "Tên phòng ban");
    // A sheet named is read, cover or not; a workbook of covers is read from its first sheet.
    let named = read_sheet(&bytes, Kind::Xlsx, Some("Bìa")).expect("read");
    assert_eq!(named.sheet.chosen, None);
    assert_eq!(named.header, ["BÁO CÁO KẾT QUẢ CHỈ SỐ CCHC NĂM 2024"]);
}

#[test]
fn a_sheet_named_by_a_number_after_a_cover_is_read_as_any() {
    // Sheets named by the month or the round (`3`, then `1`) after a cover: `3`, the second
    // sheet, was looked for as the third by its name's number, found ambiguous and passed over
    // without a word, and the cover read as the scores.
    let mut book = Workbook::new();
    cover(&mut book);
    scores_of_one_unit(&mut book, "3");
    book.add_worksheet().set_name("1").expect("named");
    let bytes = book.save_to_buffer().expect("saved");
    let table = read_sheet(&bytes, Kind::Xlsx, None).expect("read");
    assert_eq!(table.header, ["Đơn vị", "Mã tiêu chí", "Tự chấm"]);
    let chosen = table.sheet.chosen.expect("said");
    assert_eq!((chosen.first.as_str(), chosen.read.as_str()), ("Bìa", "3"));
}

#[test]
fn a_formula_written_without_its_result_is_read_as_the_formula_and_refused_naming_its_cell() {
    // Self-scores computed by formulas, as a program writes them: Excel saves each result beside
    // its formula, openpyxl writes an empty `<v/>`, another writer no `<v>` at all, and
    // rust_xlsxwriter (as xlsxwriter) 0 where it is given none, asking for a full calculation on
    // opening: a 0 it saved is no result, a result it was given is one.
    let mut book = Workbook::new();
    let sheet = long_header(&mut book);
    sheet.write_string(0, 3, "Ghi chú").expect("written");
    let formulas = [
        ("=2*1", "2"),
        ("=4*0.5", "901"),
        ("=IF(1<2,2,0)", "902"),
        ("=1+1", ""),
    ];
    for (r, (formula, result)) in formulas.into_iter().enumerate() {
        let row = 1 + r as u32;
        sheet
            .write_string(row, 0, format!("Sở {r}"))
            .expect("written");
        sheet.write_string(row, 1, "1.3").expect("written");
        let formula = match result {
            "" => rust_xlsxwriter::Formula::new(formula),
            given => rust_xlsxwriter::Formula::new(formula).set_result(given),
        };
        sheet.write_formula(row, 2, formula).expect("written");
    }
    // A formula giving an empty text keeps it as its result: the note is blank, not a formula.
    let note = rust_xlsxwriter::Formula::new("=\"\"").set_result("TEXT");
    sheet.write_formula(4, 3, note).expect("written");
    let saved = book.save_to_buffer().expect("saved");
    let saved = with_sheet_xml_edited(&saved, "<v>TEXT</v>", "<v></v>");
    let scores = |bytes: &[u8]| {
        let table = read_sheet(bytes, Kind::Xlsx, None).expect("read");
        assert_eq!(table.rows[3].get(3).map_or("", |c| c.as_str()), "");
        let column: Vec<String> = table.rows.iter().map(|r| r[2].to_string()).collect();
        (column, table)
    };
    // Each way alone: calamine gives the first as an empty text, the second as an empty cell.
    let empty_value = with_sheet_xml_edited(&saved, "<v>901</v>", "<v/>");
    assert_eq!(scores(&empty_value).0, ["2", "=4*0.5", "902", "=1+1"]);
    let no_value = with_sheet_xml_edited(&saved, "<v>902</v>", "");
    assert_eq!(scores(&no_value).0, ["2", "901", "=IF(1<2,2,0)", "=1+1"]);
    // A cell need not name its place: it is the next in its row.
    let unplaced = with_sheet_xml_edited(&saved, "<c r=\"C5\">", "<c>");
    assert_eq!(scores(&unplaced).0, ["2", "901", "902", "=1+1"]);
    // Saved by Excel, which writes no such request: its 0 is the formula's result.
    let calculated = "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>";
    let excel = with_part_edited(&saved, "xl/workbook.xml", calculated, "<calcPr/>");
    assert_eq!(scores(&excel).0, ["2", "901", "902", "0"]);
    let (column, table) = scores(&with_sheet_xml_edited(&empty_value, "<v>902</v>", ""));
    assert_eq!(column, ["2", "=4*0.5", "=IF(1<2,2,0)", "=1+1"]);
    let m = builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let problems = score_table(&m, &table, Lang::Vi)
        .expect_err("refused")
        .problems;
    let named: Vec<_> = problems
        .iter()
        .map(|p| (p.row, p.value.as_deref(), p.code))
        .collect();
    let bad = par_core::ErrorCode::BadDecimal;
    assert_eq!(
        named,
        [
            (Some(3), Some("=4*0.5"), bad),
            (Some(4), Some("=IF(1<2,2,0)"), bad),
            (Some(5), Some("=1+1"), bad),
        ]
    );
    assert!(
        problems[0].to_string().contains("hãy mở tệp bằng Excel"),
        "{}",
        problems[0]
    );
}

#[test]
fn an_error_newer_than_the_reader_is_said_with_what_to_do() {
    // Excel 365's `#SPILL!` in a notes column: calamine 0.32 stops at the cell, and the sheet
    // cannot be read; the problem names the cell and quotes the error, not the reader's words.
    let mut book = Workbook::new();
    let sheet = long_header(&mut book);
    sheet.write_string(0, 3, "Ghi chú").expect("written");
    for (c, cell) in ["Sở Y tế", "1.3", "2"].into_iter().enumerate() {
        sheet.write_string(1, c as u16, cell).expect("written");
    }
    let note = rust_xlsxwriter::Formula::new("=SEQUENCE(2)").set_result("SPILLED");
    sheet.write_formula(1, 3, note).expect("written");
    let saved = book.save_to_buffer().expect("saved");
    let spilled = with_sheet_xml_edited(&saved, "t=\"str\"", "t=\"e\"");
    let spilled = with_sheet_xml_edited(&spilled, "SPILLED", "#SPILL!");
    let refused = read_sheet(&spilled, Kind::Xlsx, None).expect_err("refused");
    assert_eq!(refused.code, par_core::ErrorCode::UnreadableFile);
    assert_eq!(refused.value.as_deref(), Some("#SPILL!"));
    assert_eq!(refused.row, Some(2));
    assert!(
        refused
            .to_string()
            .contains("ô D2 có lỗi công thức “#SPILL!”"),
        "{refused}"
    );
}

/// The table of a workbook whose first sheet's cells are `sheet_data` (the XML inside
/// `<sheetData>`), in a workbook that asks to be calculated on opening, as rust_xlsxwriter's do.
fn table_of_sheet_data(sheet_data: &str) -> Vec<Vec<String>> {
    let mut book = Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "CELLS")
        .expect("written");
    let saved = book.save_to_buffer().expect("saved");
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(Cursor::new(&saved[..])).expect("a zip");
    let mut part = zip.by_name("xl/worksheets/sheet1.xml").expect("a sheet");
    part.read_to_string(&mut xml).expect("read");
    let cells = &xml[xml.find("<sheetData>").expect("cells")..];
    let cells = &cells[..cells.find("</sheetData>").expect("cells")];
    let edited = with_sheet_xml_edited(&saved, cells, &format!("<sheetData>{sheet_data}"));
    let table = read_sheet(&edited, Kind::Xlsx, None).expect("read");
    std::iter::once(table.header)
        .chain(
            table
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect()),
        )
        .collect()
}

#[test]
fn a_formula_without_its_result_is_read_at_the_place_calamine_gives_its_cell() {
    let text = |t: &str| format!("<c t=\"inlineStr\"><is><t>{t}</t></is></c>");
    let header = format!("<row r=\"1\">{}{}{}</row>", text("a"), text("b"), text("c"));
    // A formatted empty cell, with or without its reference, takes its place in the row.
    for blank in ["<c s=\"0\"/>", "<c r=\"B2\" s=\"0\"/>"] {
        let row = format!(
            "<row r=\"2\">{}{blank}<c><f>1+1</f><v/></c></row>",
            text("Sở Y tế")
        );
        let rows = table_of_sheet_data(&format!("{header}{row}"));
        assert_eq!(rows[1], ["Sở Y tế", "", "=1+1"], "{blank}");
    }
    // An empty row written `<row r="2"/>` is a row: the next, without a number, is row 3.
    let row = format!(
        "<row r=\"2\"/><row>{}<c><f>1+1</f><v/></c></row>",
        text("Sở Y tế")
    );
    let rows = table_of_sheet_data(&format!("{header}{row}"));
    assert_eq!(rows[2][..2], ["Sở Y tế", "=1+1"]);
    // A row's reference written as a cell's (`A3`) is row 3, as calamine takes it.
    let row = format!(
        "<row r=\"A3\">{}<c><f>1+1</f><v/></c></row>",
        text("Sở Y tế")
    );
    let rows = table_of_sheet_data(&format!("{header}{row}"));
    assert_eq!(rows[2][..2], ["Sở Y tế", "=1+1"]);
    // A cell outside `<sheetData>` (in an extension after it) is none.
    let row = format!("<row r=\"2\">{}</row>", text("Sở Y tế"));
    let after = "</sheetData><extLst><c r=\"B2\"><f>1+1</f><v/></c></extLst><sheetData>";
    let rows = table_of_sheet_data(&format!("{header}{row}{after}"));
    assert_eq!(rows[1], ["Sở Y tế"]);
    for (cell, read) in [
        // A value written in pieces is read whole: `1&#48;` is 10, no writer's 0.
        ("<c><f>5*2</f><v>1&#48;</v></c>", "10"),
        // A formula written in CDATA; its 0 is the writer's.
        ("<c><f><![CDATA[1+2]]></f><v>0</v></c>", "=1+2"),
    ] {
        let row = format!("<row r=\"2\">{}{cell}</row>", text("x"));
        assert_eq!(
            table_of_sheet_data(&format!("{header}{row}"))[1],
            ["x", read]
        );
    }
}
