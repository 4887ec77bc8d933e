//! Which sheet of a workbook is read when one is asked for by name or by number.

use par_core::ErrorCode;
use par_sheets::chosen_sheet;

fn sheets(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn a_sheet_is_asked_for_by_its_name_however_typed_or_by_its_number() {
    let names = sheets(&["Bìa", "Tổng hợp", "Điểm 2024"]);
    assert_eq!(chosen_sheet(&names, None).ok(), Some(0));
    assert_eq!(chosen_sheet(&names, Some(" tổng HỢP ")).ok(), Some(1));
    assert_eq!(chosen_sheet(&names, Some("3")).ok(), Some(2));
    assert_eq!(chosen_sheet(&names, Some("#3")).ok(), Some(2));
    assert_eq!(chosen_sheet(&names, Some("'Điểm 2024'")).ok(), Some(2));
    let hashed = sheets(&["#Tổng hợp", "Điểm"]);
    assert_eq!(chosen_sheet(&hashed, Some("#Tổng hợp")).ok(), Some(0));
    assert_eq!(chosen_sheet(&hashed, Some("#2")).ok(), Some(1));
    let missing = chosen_sheet(&names, Some("#4")).expect_err("no fourth sheet");
    assert_eq!(missing.code, ErrorCode::UnknownOption);
}

#[test]
fn a_number_naming_one_sheet_and_numbering_another_is_refused_and_asked_either_way() {
    // helper-50 #2: sheets named by numbers in another order; `2` read the sheet named 2.
    let names = sheets(&["2", "1", "2023"]);
    for asked in ["1", "2"] {
        let refused = chosen_sheet(&names, Some(asked)).expect_err("two readings");
        assert_eq!(refused.code, ErrorCode::UnknownOption);
        assert_eq!(refused.field.as_deref(), Some("sheet"));
        let message = refused.message.render(par_core::Lang::En);
        assert!(
            message.contains(&format!("write #{asked} for the sheet at place {asked}")),
            "{message}"
        );
    }
    assert_eq!(chosen_sheet(&names, Some("#2")).ok(), Some(1));
    assert_eq!(chosen_sheet(&names, Some("'2'")).ok(), Some(0));
    // One reading only: the year is no sheet's number.
    assert_eq!(chosen_sheet(&names, Some("2023")).ok(), Some(2));
    // A sheet named by its own number is that sheet either way.
    assert_eq!(chosen_sheet(&sheets(&["1", "2"]), Some("2")).ok(), Some(1));
}

#[test]
fn a_criteria_workbook_whose_sheets_are_named_by_numbers_is_read() {
    // The criteria on a sheet named `2` before one named `1`: asked for by its name, `2` was
    // also the second sheet's number, and the workbook was refused as ambiguous.
    let mut book = rust_xlsxwriter::Workbook::new();
    let criteria = book.add_worksheet().set_name("2").expect("named");
    let rows = [
        ["code", "name", "max"],
        ["1", "Công tác chỉ đạo, điều hành CCHC", "2"],
        ["1.1", "Kế hoạch CCHC năm", "2"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            criteria
                .write_string(r as u32, c as u16, *cell)
                .expect("written");
        }
    }
    book.add_worksheet().set_name("1").expect("named");
    let bytes = book.save_to_buffer().expect("saved");
    let (table, sections) =
        par_sheets::criteria_sheets(&bytes, par_sheets::Kind::Xlsx, None).expect("read");
    assert_eq!(table.header, ["code", "name", "max"]);
    assert_eq!(table.rows.len(), 2);
    assert!(sections.is_empty());
}

/// A workbook of two sheets of one name (which Excel never saves): the readers find a sheet by
/// name, the first so named, so the second, chosen by its number or as the first shown (last
/// year's hidden before it), would be read from the first. It is refused, naming the sheet; a
/// sheet whose name no other has is read.
#[test]
fn a_sheet_whose_name_another_sheet_has_is_refused() {
    let names = sheets(&["Điểm", "Bìa", "Điểm"]);
    for asked in [None, Some("3"), Some("Điểm")] {
        let refused = chosen_sheet(&names, asked).expect_err("refused");
        assert_eq!(refused.code, ErrorCode::UnreadableFile);
        assert_eq!(refused.value.as_deref(), Some("Điểm"));
    }
    assert_eq!(chosen_sheet(&names, Some("Bìa")).ok(), Some(1));
}
