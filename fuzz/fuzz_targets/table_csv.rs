//! A CSV table (wide or long) scored with a methodology: the first line names it (see
//! `par_fuzz::split`), the rest is the CSV text. Cross-path property: a table that scores gives
//! the same results as its assessments written as JSON and read back (`par convert`, then `par
//! score` on the JSON), and those results pass `par_fuzz::check_results`. A table scored as it
//! is read (`score_csv_as_read`, and in two and three parts merged; its rows given as cells,
//! `score_table`), read as a file is, a few bytes at a time, cut into pieces of whole units
//! (`LongCsvFeed`), and one read whole and scored a unit at a time (`Table::score_whole`), give
//! what reading it whole and then scoring gives (with the warnings a scored table adds: the
//! summary rows passed over, the sheet's own totals that differ), results or problems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::WarningCode;
use par_core::{parse_assessments, score, score_table, AssessmentSet, Detail, Lang, Scorer, Table};
use par_core::{score_csv_as_read, LongCsv, LongCsvFeed, Methodology, Results, Unstreamable};

fuzz_target!(|data: &[u8]| {
    let (m, body) = par_fuzz::split(data);
    // A file's bytes in whatever encoding: text, or a coded problem (a line not UTF-8 named).
    std::hint::black_box(par_core::read_text(body.to_vec(), None).is_ok());
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let table = Table::from_csv(text);
    let whole = table.as_ref().map_err(Clone::clone).and_then(|t| {
        let mut results = score(m, t.read_assessments(m)?, Lang::Vi)?;
        // What every way of scoring a table says of it: what reading it passed over (summary
        // rows, reasons no score keeps), and each unit whose total the sheet gives otherwise.
        results.note_passed_over(&t.passed_over(), None, Lang::Vi);
        results.note_own_totals(&t.own_totals(m), Lang::Vi);
        Ok(results)
    });
    if let Ok(table) = &table {
        assert_eq!(
            score_table(m, table, Lang::Vi),
            whole,
            "row by row and whole differ"
        );
        // Read whole and scored a unit at a time, keeping every input or the scores only.
        let scorer = || Scorer::new(m, Lang::Vi);
        assert_eq!(
            table.clone().score_whole(scorer()),
            whole,
            "unit by unit and whole differ"
        );
        assert_eq!(
            table.clone().score(scorer),
            score_table(m, table, Lang::Vi),
            "scored letting go of the table, and keeping it, differ"
        );
        let scores = scorer().with_detail(Detail::Scores);
        assert_eq!(
            table.clone().score_whole(scores),
            whole.clone().map(|r| r.with_detail(Detail::Scores)),
            "unit by unit, scores only, and whole differ"
        );
    }
    if let Some(streamed) = score_csv_as_read(text, Scorer::new(m, Lang::Vi)) {
        assert_eq!(streamed.finish(), whole, "streamed and whole differ");
    }
    for n in [2, 3] {
        let parts = LongCsv::read(text).map(|t| t.parts(n)).unwrap_or_default();
        let scored = parts.iter().map(|p| p.score(Scorer::new(m, Lang::Vi)));
        if let Some(merged) = Scorer::merge_in_order(scored) {
            assert_eq!(merged.finish(), whole, "{n} parts merged and whole differ");
        }
    }
    // Reads falling anywhere: a byte, a few rows, the whole text at once.
    for read in [1, 1 + body.len() % 61, body.len().max(1)] {
        if let Ok(fed) = as_fed(m, text, read) {
            assert_eq!(fed, whole, "read {read} bytes at a time and whole differ");
        }
    }
    let (Ok(table), Ok(mut from_csv)) = (table, whole) else {
        return;
    };
    // Assessments carry no summary row, no signatures, nor reasons no score keeps: the results
    // of the table read back say none.
    let passed_over = [
        WarningCode::SummaryRowPassedOver,
        WarningCode::SignaturesPassedOver,
        WarningCode::ReasonsNotRead,
    ];
    from_csv.warnings.retain(|w| !passed_over.contains(&w.code));
    // Nor the sheet's own totals.
    for unit in &mut from_csv.units {
        unit.warnings
            .retain(|w| w.code != WarningCode::OwnTotalDiffers);
    }
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

/// The text read `read` bytes at a time as a file is, each piece cut scored on its own and the
/// pieces merged, or why they step aside.
fn as_fed(
    m: &Methodology,
    text: &str,
    read: usize,
) -> Result<Result<Results, par_core::Problems>, Unstreamable> {
    let mut feed = LongCsvFeed::new(None);
    let (mut pending, mut scored) = (Vec::new(), Vec::new());
    for (k, bytes) in text.as_bytes().chunks(read).enumerate() {
        pending.extend_from_slice(bytes);
        let at_end = (k + 1) * read >= text.len();
        if let Some(piece) = feed.cut(&mut pending, at_end, Vec::new)? {
            scored.push(piece.score(Scorer::new(m, Lang::Vi)));
        }
    }
    Ok(feed.merge(scored)?.finish())
}
