//! A name is made once and shared by every criterion, tie and move naming it, not copied: names
//! may be 16 KB, and 20 units tied on 9,999 criteria, copied, took more than 4 GB.

mod common;

use common::case_methodology;
use par_core::{Detail, Lang, Methodology, Results};
use std::sync::Arc;

fn scored(m: &Methodology, units: &str) -> Results {
    let doc = format!(r#"{{"schema": "par.assessments/1", "units": {units}}}"#);
    par_core::wire::score_with(m, &doc, Lang::Vi, Detail::Full).expect("scores")
}

/// Two units with no entries: tied on every criterion, best and worst alike.
fn tied() -> Results {
    let m = case_methodology("csv-wide-comma");
    scored(
        &m,
        r#"[{"unit": "Tỉnh A", "entries": {}}, {"unit": "Tỉnh B", "entries": {}}]"#,
    )
}

fn all_shared(names: &[&Arc<str>]) -> bool {
    names.windows(2).all(|w| Arc::ptr_eq(w[0], w[1]))
}

#[test]
fn an_analysis_names_each_tied_unit_with_one_shared_name() {
    let analysis = par_core::analysis::analyze(&tied()).expect("within its limit");
    let criteria = &analysis.blocks[0].criteria;
    assert_eq!(criteria.len(), 3);
    for (i, unit) in ["Tỉnh A", "Tỉnh B"].into_iter().enumerate() {
        let named: Vec<&Arc<str>> = (criteria.iter())
            .flat_map(|c| [&c.best[i], &c.worst[i]])
            .collect();
        assert_eq!(&**named[0], unit);
        assert!(all_shared(&named), "{unit} copied");
    }
}

#[test]
fn a_comparison_names_each_field_once_for_every_unit() {
    let results = tied();
    let comparison = par_core::compare::compare(&results, &results);
    assert_eq!(comparison.units.len(), 2);
    for field in 0..3 {
        let named: Vec<&Arc<str>> = (comparison.units.iter())
            .map(|m| &m.fields[field].name)
            .collect();
        assert!(all_shared(&named), "field {field} copied");
    }
    // Read back, the names are what was written.
    let json = comparison.to_json().expect("within its limit");
    let read: par_core::compare::Comparison = serde_json::from_str(&json).expect("reads");
    assert_eq!(read, comparison);
}
