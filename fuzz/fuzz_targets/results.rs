//! Results JSON: text → `Results::from_json`. Results that read write JSON that reads back as
//! equal results and writes the same JSON again, and pass `par_fuzz::check_views` (explain and
//! lost points per unit, the ranking, a self-comparison that moves nobody) and
//! `par_fuzz::check_reports` (analysis, workbook, CSV for Excel, charts). Read a piece at a
//! time (`ResultsFeed`, as `par compare` reads a results file), any bytes read only as reading
//! them whole reads them (below `json_bytes`, which reading whole refuses above and the pieces
//! do not).
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::{Detail, Results, ResultsFeed};

fuzz_target!(|data: &[u8]| {
    check_pieces(data);
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

/// The bytes given a piece at a time (pieces of a size the input decides, cut anywhere): read
/// only where reading them whole reads them, and then alike, keeping every input or the scores.
fn check_pieces(data: &[u8]) {
    let size = data.len() % 97 + 1;
    for detail in [Detail::Full, Detail::Scores] {
        let mut feed = ResultsFeed::new(detail);
        let given = data.chunks(size).all(|piece| feed.push(piece));
        let Some(in_pieces) = feed.finish().filter(|_| given) else {
            continue;
        };
        let text = std::str::from_utf8(data).expect("read in pieces: UTF-8");
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let whole = Results::from_json(text).expect("read in pieces: read whole too");
        assert!(
            in_pieces == whole.with_detail(detail),
            "read in pieces otherwise"
        );
    }
}
