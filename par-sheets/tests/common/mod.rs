//! Workbooks the tests read: the fixtures', and OpenDocument spreadsheets written here.

// Each test file is a crate of its own, and uses some of these.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// A workbook of `fixtures/tables`.
pub fn fixture(name: &str) -> Vec<u8> {
    let tables = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/tables");
    std::fs::read(format!("{tables}/{name}")).expect("the fixture")
}

/// An OpenDocument spreadsheet of one sheet, `S`, of the rows written (`<table:table-row>`
/// elements), its content cut after them when `cut`.
pub fn ods_of_rows(rows: &str, cut: bool) -> Vec<u8> {
    let end = match cut {
        true => "",
        false => "</table:table></office:spreadsheet></office:body></office:document-content>",
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{rows}{end}"#
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
