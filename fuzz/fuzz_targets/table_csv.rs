//! A CSV table (wide or long) scored with a methodology: the first line names it (see
//! `par_fuzz::split`), the rest is the CSV text. Cross-path property: a table that scores gives
//! the same results as its assessments written as JSON and read back (`par convert`, then `par
//! score` on the JSON), and those results pass `par_fuzz::check_results`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::{parse_assessments, score, score_table, AssessmentSet, Lang, Table};

fuzz_target!(|data: &[u8]| {
    let (m, body) = par_fuzz::split(data);
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let Ok(table) = Table::from_csv(text) else {
        return;
    };
    let Ok(from_csv) = score_table(m, &table, Lang::Vi) else {
        return;
    };
    let units = table
        .to_assessments(m)
        .unwrap_or_else(|p| panic!("a table that scores has problems as assessments:\n{p}"));
    let json = AssessmentSet::new(units).to_json();
    let units = parse_assessments(&json)
        .unwrap_or_else(|p| panic!("assessments written from a table refused:\n{p}\n{json}"));
    let from_json = score(m, units, Lang::Vi).unwrap_or_else(|p| {
        panic!("a table scores but its assessments JSON does not:\n{p}\n{json}")
    });
    assert!(
        from_csv.to_json() == from_json.to_json(),
        "CSV and JSON paths give different results"
    );
    par_fuzz::check_results(&from_csv);
});
