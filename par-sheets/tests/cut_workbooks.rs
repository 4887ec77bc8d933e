//! Workbooks cut short (an upload that stopped, an attachment saved half-way) are refused as
//! unreadable, never read for ever.

use par_core::ErrorCode;
use par_sheets::{read_sheet, sheet_names, Kind};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// An OpenDocument spreadsheet of one sheet holding `x`, its content cut after the sheet's last
/// row when `cut`.
fn ods(cut: bool) -> Vec<u8> {
    let table = r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let end = match cut {
        true => "",
        false => "</table:table></office:spreadsheet></office:body></office:document-content>",
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{table}{end}"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let files = [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#,
        ),
        ("content.xml", content.as_str()),
    ];
    for (name, text) in files {
        zip.start_file(name, stored).expect("a part");
        zip.write_all(text.as_bytes()).expect("written");
    }
    zip.finish().expect("a zip").into_inner()
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
