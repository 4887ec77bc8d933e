//! Results JSON: text → `Results::from_json`. Results that read write JSON that reads back as
//! equal results and writes the same JSON again, and pass `par_fuzz::check_views` (explain and
//! lost points per unit, the ranking, a self-comparison that moves nobody) and
//! `par_fuzz::check_reports` (analysis, workbook, CSV for Excel, charts).
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::Results;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(results) = Results::from_json(text) else {
        return;
    };
    let json = results.to_json();
    let back = Results::from_json(&json)
        .unwrap_or_else(|p| panic!("results JSON refused on read-back:\n{p}\n{json}"));
    assert!(back.to_json() == json, "results JSON changed on read-back");
    assert!(back == results, "results written and read back differ");
    par_fuzz::check_views(&results);
    par_fuzz::check_reports(None, &results);
});
