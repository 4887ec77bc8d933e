//! A file of assessments given as its bytes (an upload) is told apart by what it holds.

use par_sheets::{score_file, ScoreFile};

fn kind(bytes: &[u8]) -> &'static str {
    match score_file(bytes.to_vec(), None) {
        Ok(ScoreFile::Workbook(_)) => "workbook",
        Ok(ScoreFile::Json(_)) => "json",
        Ok(ScoreFile::Text(_)) => "table",
        Err(_) => "refused",
    }
}

#[test]
fn json_workbooks_and_tables_are_told_by_their_content() {
    assert_eq!(
        kind(br#"{"schema": "par.assessments/1", "units": []}"#),
        "json"
    );
    assert_eq!(kind(b"\xef\xbb\xbf\n  [ {\"unit\": \"A\"} ]"), "json");
    assert_eq!(kind(b"[]"), "json");
    // A score sheet's title row may start with a bracket, a CSV as any other.
    assert_eq!(
        kind("[Mẫu 01] Bảng tự chấm\nunit,1.3\nA,2\n".as_bytes()),
        "table"
    );
    assert_eq!(kind(b"unit,1.3\nA,2\n"), "table");
    // Windows-1258, as Excel on a Vietnamese Windows saves a CSV.
    assert_eq!(kind(b"\xd0\xf5n v\xf2,1.3\nA,2\n"), "table");
    let book = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/tables/cover-then-scores.xlsx"
    ))
    .expect("the fixture");
    assert_eq!(kind(&book), "workbook");
    // A file that is no text nor workbook is said to be what it is.
    assert_eq!(kind(b"%PDF-1.7\n\0\0\0"), "refused");
}
