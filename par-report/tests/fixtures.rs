//! The reports of the shared fixture cases: a case with `expected-report.xlsx` pins the bytes of
//! its results' Excel report (with its methodology, in the case's language), and its
//! `expected-ranking-excel.csv` and `expected-criteria-excel.csv` the CSV for Excel. The Python and
//! JavaScript suites compare their reports with the same files, and the command line's with them
//! too, so every binding writes the same workbook.
//!
//! `PAR_BLESS=1 cargo test -p par-report --test fixtures` rewrites them; open the workbook and
//! review it before committing.

use par_core::Lang;
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .expect("fixtures/cases exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.join("expected-report.xlsx").exists())
        .collect();
    found.sort();
    found
}

fn lang(dir: &Path) -> Lang {
    fs::read_to_string(dir.join("lang.txt"))
        .ok()
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(Lang::Vi)
}

#[test]
fn every_report_matches_its_expected_workbook() {
    let bless = std::env::var_os("PAR_BLESS").is_some();
    let cases = cases();
    assert!(!cases.is_empty(), "no case pins a report");
    for dir in cases {
        let methodology = fs::read_to_string(dir.join("methodology.json")).expect("readable");
        let input = fs::read_to_string(dir.join("input.json")).expect("readable");
        let results = par_core::wire::score(&methodology, &input, lang(&dir)).expect("scores");
        let report =
            par_report::xlsx(&results, Some(&methodology), None, lang(&dir)).expect("writes");
        let mut made = vec![("expected-report.xlsx".to_string(), report)];
        for table in ["ranking", "criteria"] {
            let csv = par_report::excel_csv(&results, table, lang(&dir)).expect("reads");
            let name = format!("expected-{table}-excel.csv");
            made.push((name, csv.expect("a table").into_bytes()));
        }
        for (name, bytes) in made {
            let expected = dir.join(&name);
            if bless {
                fs::write(&expected, &bytes).expect("writable");
            } else {
                assert!(
                    fs::read(&expected).expect("readable") == bytes,
                    "{}: differs from {name}",
                    dir.display()
                );
            }
        }
    }
}
