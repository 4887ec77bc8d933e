//! A ranking read from a workbook: on every sheet holding one, a sheet a block as `par report`
//! writes them.

use par_core::ErrorCode;
use par_sheets::{ranking, Kind};
use rust_xlsxwriter::Workbook;

/// A workbook of sheets, each a name and its rows of text.
fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book
            .add_worksheet()
            .set_name(*name)
            .expect("a sheet's name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write(r as u32, c as u16, *cell).expect("a cell");
            }
        }
    }
    book.save_to_buffer().expect("a workbook")
}

const HEADER: &[&str] = &["Xếp hạng", "Đơn vị", "Chỉ số"];

#[test]
fn a_ranking_on_a_sheet_a_block_is_read_on_every_sheet_holding_one() {
    let bytes = workbook(&[
        ("Bìa", &[&["BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"]]),
        (
            "Sở",
            &[
                HEADER,
                &["1", "Sở Tư pháp", "90,5"],
                &["2", "Sở Y tế", "80"],
            ],
        ),
        ("Huyện", &[HEADER, &["1", "UBND huyện A", "85"]]),
        (
            "Ghi chú",
            &[&["Đơn vị", "Ghi chú"], &["Sở Y tế", "nộp chậm"]],
        ),
    ]);
    let read = ranking(&bytes, Kind::Xlsx, None).expect("a ranking");
    let standings: Vec<(&str, Option<&str>, u32)> = (read.standings.iter())
        .map(|s| (s.unit.as_str(), s.block.as_deref(), s.rank))
        .collect();
    assert_eq!(
        standings,
        [
            ("Sở Tư pháp", Some("Sở"), 1),
            ("Sở Y tế", Some("Sở"), 2),
            ("UBND huyện A", Some("Huyện"), 1)
        ]
    );
    // One sheet asked for is that sheet only, as published.
    let one = ranking(&bytes, Kind::Xlsx, Some("Huyện")).expect("a ranking");
    assert_eq!(one.standings.len(), 1);
    assert_eq!(one.standings[0].block, None);
}

#[test]
fn a_unit_ranked_on_two_sheets_is_refused_naming_both() {
    // A summary sheet beside the blocks', or a year a sheet: which to compare is asked.
    let bytes = workbook(&[
        ("2024", &[HEADER, &["1", "Sở Tư pháp", "90"]]),
        ("2023", &[HEADER, &["1", "Sở Tư pháp", "88"]]),
    ]);
    let refused = ranking(&bytes, Kind::Xlsx, None).expect_err("two years");
    let [problem] = refused.problems.as_slice() else {
        panic!("{refused:?}")
    };
    assert_eq!(problem.code, ErrorCode::DuplicateUnit);
    let line = problem.line(par_core::Lang::En);
    assert!(line.contains("'2024' and '2023'"), "{line}");
    assert!(ranking(&bytes, Kind::Xlsx, Some("2023")).is_ok());
}

#[test]
fn a_sheet_with_a_problem_is_said_by_its_name() {
    let bytes = workbook(&[
        ("Sở", &[HEADER, &["1", "Sở Tư pháp", "90"]]),
        ("Huyện", &[HEADER, &["một", "UBND huyện A", "85"]]),
    ]);
    let refused = ranking(&bytes, Kind::Xlsx, None).expect_err("a rank not a number");
    // In its place, as a score sheet's problems name theirs: the document's `sheet`.
    assert_eq!(refused.problems[0].sheet.as_deref(), Some("Huyện"));
    let line = refused.problems[0].line(par_core::Lang::Vi);
    assert!(line.starts_with("trang “Huyện”, dòng 2"), "{line}");
}

/// Every block of a ranking is read, however many there are up to the limit (the first 32
/// alone were, the others' units said to be new); a workbook of more sheets is refused before
/// any is read, rather than some of its blocks left out.
#[test]
fn a_ranking_of_many_blocks_is_read_whole_or_refused() {
    let names: Vec<String> = (1..=129).map(|i| format!("Khối {i}")).collect();
    let units: Vec<String> = (1..=129).map(|i| format!("Xã {i}")).collect();
    let rows: Vec<[&str; 3]> = units.iter().map(|u| ["1", u.as_str(), "90"]).collect();
    let sheets = |n: usize| -> Vec<u8> {
        let tables: Vec<[&[&str]; 2]> = rows.iter().map(|r| [HEADER, &r[..]]).collect();
        let sheets: Vec<(&str, &[&[&str]])> = (names.iter().zip(&tables))
            .take(n)
            .map(|(name, table)| (name.as_str(), &table[..]))
            .collect();
        workbook(&sheets)
    };
    let read = ranking(&sheets(128), Kind::Xlsx, None).expect("a ranking");
    assert_eq!(read.standings.len(), 128);
    let refused = ranking(&sheets(129), Kind::Xlsx, None).expect_err("refused");
    assert_eq!(refused.problems[0].limit.as_deref(), Some("ranking_sheets"));
}
