//! The reports of the shared fixture cases: a case with `expected-report.xlsx` pins the bytes of
//! its results' Excel report (with its methodology, in the case's language), and its
//! `expected-ranking-excel.csv` and `expected-criteria-excel.csv` the CSV for Excel, and its
//! `expected-chart-*.svg` the charts. A comparison case (`previous.json`, `current.json`) with
//! `expected-chart-changes.svg` pins the chart of its changes. The Python and
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
            let csv = par_report::excel_csv(&results, table, None, lang(&dir)).expect("reads");
            let name = format!("expected-{table}-excel.csv");
            made.push((name, csv.expect("a table").into_bytes()));
        }
        for kind in ["ranking", "components", "heatmap"] {
            let svg = par_report::svg(kind, &results, None, lang(&dir)).expect("draws");
            made.push((
                format!("expected-chart-{kind}.svg"),
                svg.expect("a kind").into_bytes(),
            ));
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

/// The comparison cases (`previous.json` or a published `previous.csv`, and `current.json`) that
/// pin a report of their changes.
fn comparison_cases(pinned: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .expect("fixtures/cases exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| previous(p).is_some() && p.join(pinned).exists())
        .collect();
    found.sort();
    found
}

/// The chart of each comparison case's changes, and its changes as CSV for Excel (with the
/// units only one ranking has, under the changes).
#[test]
fn the_changes_match_their_expected_chart_and_csv_for_excel() {
    let bless = std::env::var_os("PAR_BLESS").is_some();
    let drawn = comparison_cases("expected-chart-changes.svg");
    let tabled = comparison_cases("expected-changes-excel.csv");
    assert!(
        drawn.len() >= 2 && tabled.len() >= 2,
        "{drawn:?} {tabled:?}"
    );
    let made = |dir: &Path, name: &str| {
        let read = |name: &str| fs::read_to_string(dir.join(name)).expect("readable");
        let (current, previous) = (read("current.json"), previous(dir).expect("a previous"));
        let made = match name {
            "expected-chart-changes.svg" => {
                par_report::svg("changes", &current, Some(&previous), Lang::Vi)
            }
            _ => par_report::excel_csv(&current, "changes", Some(&previous), Lang::Vi),
        };
        made.expect("made").expect("a kind")
    };
    let pinned = (drawn.iter().map(|d| (d, "expected-chart-changes.svg")))
        .chain(tabled.iter().map(|d| (d, "expected-changes-excel.csv")));
    for (dir, name) in pinned {
        let made = made(dir, name);
        let expected = dir.join(name);
        if bless {
            fs::write(&expected, &made).expect("writable");
        } else {
            let expected = fs::read_to_string(&expected).expect("readable");
            assert!(made == expected, "{}: differs from {name}", dir.display());
        }
    }
}

/// Every chart is well-formed XML with a title and a description (what a screen reader says),
/// and the changes chart is refused without a previous ranking.
#[test]
fn charts_are_well_formed_and_say_what_they_show() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases/blocks-ranked-separately");
    let read = |name: &str| fs::read_to_string(dir.join(name)).expect("readable");
    let results = par_core::wire::score(&read("methodology.json"), &read("input.json"), Lang::En)
        .expect("scores");
    for kind in par_report::ChartKind::ALL {
        let svg = par_report::svg(kind.name(), &results, Some(&results), Lang::En)
            .expect("draws")
            .expect("a kind");
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .expect("a title");
        assert!(!title.text().unwrap_or_default().is_empty());
        assert!(root.children().any(|n| n.has_tag_name("desc")));
    }
    let refused = par_report::svg("changes", &results, None, Lang::En).expect_err("refused");
    assert_eq!(refused.problems[0].code, par_core::ErrorCode::MissingField);
    assert_eq!(
        par_report::svg("pie", &results, None, Lang::En).expect("reads"),
        None
    );
}

/// A report is counted before it is made: 100 blocks of one unit each, on a tree of 3,001
/// criteria, make a criterion analysis of 4.5 million cells, over `report_cells`, and the
/// workbook is refused whole with that limit named. (Each unit gives the root as final points,
/// so scoring stays small: the analysis still lists every criterion of the tree.)
#[test]
fn a_report_too_large_for_a_workbook_is_refused_before_it_is_made() {
    let children: Vec<String> = (1..=3000)
        .map(|i| format!(r#"{{"code": "1.{i}", "name": "Tiêu chí {i}", "max": "1"}}"#))
        .collect();
    let blocks: Vec<String> = (1..=100).map(|b| format!(r#"{{"id": "k{b}"}}"#)).collect();
    let methodology = format!(
        r#"{{"schema": "par.methodology/1", "id": "wide", "name": "Wide", "blocks": [{}],
            "nodes": [{{"code": "1", "name": "Lĩnh vực", "max": "3000", "children": [{}]}}]}}"#,
        blocks.join(","),
        children.join(",")
    );
    let units: Vec<String> = (1..=100)
        .map(|u| {
            format!(
                r#"{{"unit": "Xã {u}", "block": "k{u}", "entries": {{"1": {{"value": "1"}}}}}}"#
            )
        })
        .collect();
    let assessments = format!(
        r#"{{"schema": "par.assessments/1", "units": [{}]}}"#,
        units.join(",")
    );
    let results = par_core::wire::score(&methodology, &assessments, Lang::En).expect("scores");
    let refused = par_report::xlsx(&results, None, None, Lang::En).expect_err("refused");
    assert_eq!(refused.problems[0].limit.as_deref(), Some("report_cells"));
}

/// A comparison case's previous ranking: results, or a ranking as published.
fn previous(dir: &Path) -> Option<String> {
    let read = |name: &str| fs::read_to_string(dir.join(name)).ok();
    read("previous.json").or_else(|| read("previous.csv"))
}
