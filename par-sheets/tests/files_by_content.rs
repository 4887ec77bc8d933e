//! A file of assessments given as its bytes (an upload) is told apart by what it holds.

use par_sheets::{assessments_file, AssessmentsFile};

fn kind(bytes: &[u8]) -> &'static str {
    match assessments_file(bytes.to_vec(), None) {
        Ok(AssessmentsFile::Workbook(_)) => "workbook",
        Ok(AssessmentsFile::Json(_)) => "json",
        Ok(AssessmentsFile::Text(_)) => "table",
        Err(p) if p.problems[0].code == par_core::ErrorCode::UnreadableFile => "not a table",
        Err(p) => panic!("{:?}", p.problems),
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
    // Saved as "Unicode" by Notepad: UTF-16, either byte order, by its byte-order mark.
    let utf16 = |text: &str, big: bool| -> Vec<u8> {
        let units = text.encode_utf16();
        let bytes = units.flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        });
        let mark: &[u8] = if big { b"\xfe\xff" } else { b"\xff\xfe" };
        mark.iter().copied().chain(bytes).collect()
    };
    assert_eq!(kind(&utf16(" {\"units\": []}", false)), "json");
    assert_eq!(kind(&utf16("[{\"unit\": \"A\"}]", true)), "json");
    assert_eq!(kind(&utf16("unit\t1.3\nA\t2\n", false)), "table");
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
    assert_eq!(kind(b"%PDF-1.7\n\0\0\0"), "not a table");
}
