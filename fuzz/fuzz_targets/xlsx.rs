//! Spreadsheets: xlsx bytes read by the CLI's own reader (`par_cli::files::table`: zip checks,
//! the first sheet read cell by cell within the table limits, a reader's panic an unreadable
//! file), from a file as `par` reads it; as a ranking (`par_cli::files::ranking`: every
//! sheet read in turn); and the fuzzed bytes themselves as an upload, told apart by their
//! content (`par_sheets::assessments_file`: a workbook, JSON or a text table). Run with a memory
//! limit (run.sh does): a reader must refuse what a sheet claims, not allocate it.
//!
//! An input is a whole workbook when it starts like a zip ("PK"), else the first sheet's XML,
//! which the target puts into a template workbook (fixtures/tables/camau-1880-field1-excerpt.xlsx)
//! stored uncompressed. Mutations of a whole workbook mostly break its deflate streams or CRCs
//! (checked only at the end of an entry, after the sheet is parsed); sheet XML reaches the
//! parser: dimensions, cell references, shared-string indexes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const TEMPLATE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/tables/camau-1880-field1-excerpt.xlsx"
));
const SHEET: &str = "xl/worksheets/sheet1.xml";

/// The template's entries, the first sheet left out.
fn template() -> &'static [(String, Vec<u8>)] {
    static ENTRIES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut zip = ZipArchive::new(Cursor::new(TEMPLATE)).expect("template xlsx");
        let mut entries = Vec::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).expect("template entry");
            let name = file.name().to_string();
            if name != SHEET {
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).expect("template entry");
                entries.push((name, bytes));
            }
        }
        entries
    })
}

/// The template workbook with `sheet` as its first sheet.
fn workbook(sheet: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in template().iter().map(|(n, b)| (n.as_str(), b.as_slice())) {
        zip.start_file(name, stored).expect("write to memory");
        zip.write_all(bytes).expect("write to memory");
    }
    zip.start_file(SHEET, stored).expect("write to memory");
    zip.write_all(sheet).expect("write to memory");
    zip.finish().expect("write to memory").into_inner()
}

fuzz_target!(|data: &[u8]| {
    std::hint::black_box(par_sheets::assessments_file(data.to_vec(), None).is_ok());
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        workbook(data)
    };
    let path = std::env::temp_dir().join(format!("par-fuzz-{}.xlsx", std::process::id()));
    std::fs::write(&path, bytes).expect("write the workbook");
    // Any outcome but a panic, an abort or an out-of-memory: a table, or coded problems.
    std::hint::black_box(par_cli::files::table(&path, Default::default()).is_ok());
    // The same workbook as last year's ranking: every sheet read, one at a time.
    std::hint::black_box(par_cli::files::ranking(&path, Default::default()).is_ok());
});
