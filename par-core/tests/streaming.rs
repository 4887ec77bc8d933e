//! Long tables scored as they are read (CSV text: `table::score_csv_as_read`, `LongCsv::parts`,
//! `Scorer::merge`; CSV bytes as a file is read: `LongCsvFeed`; rows of cells: `table::LongRows`,
//! `Table::score_long_rows`) and assessments
//! JSON scored unit by unit (`assessment::score_json_as_read`) give what reading the input whole
//! gives, or step aside for it; results keeping only the scores (`Detail::Scores`) are the full
//! results without their inputs.

mod common;

use common::{case_file, case_methodology};
use par_core::{
    read_assessments, score, score_csv_as_read, score_json_as_read, score_table, Detail, Lang,
    LongCsv, LongCsvFeed, LongRows, LongRowsHeader, Methodology, ParError, Problems, Results,
    Scorer, Table, TextEncoding, Unstreamable, WarningCode,
};

/// The table read whole, as before streaming existed, with the warnings of what reading it
/// passed over (its signatures, its summary rows) and of the sheet's own totals that differ.
fn read_whole(m: &Methodology, text: &str) -> Result<Results, Problems> {
    let table = Table::from_csv(text)?;
    let mut results = score(m, table.read_assessments(m)?, Lang::Vi)?;
    results.note_passed_over(&table.passed_over(), None, Lang::Vi);
    results.note_own_totals(&table.own_totals(m), Lang::Vi);
    Ok(results)
}

/// The table's rows given one by one as cells ([`LongRows`]), or `None` if they step aside.
fn row_by_row(m: &Methodology, table: &Table) -> Option<Result<Results, Problems>> {
    Some(table.score_long_rows(Scorer::new(m, Lang::Vi))?.finish())
}

/// The table's rows given as cells in parts of whole units, each scored on its own and the
/// parts merged (as the Python package scores a DataFrame's batches), or `None` if they step
/// aside. A part ends once it has `rows` rows or more, where a row names another unit than the
/// last one named.
fn rows_in_parts(m: &Methodology, table: &Table, rows: usize) -> Option<Result<Results, Problems>> {
    let header = LongRowsHeader::of(&table.header)?;
    let (mut cuts, mut last) = (vec![0], None);
    for (i, row) in table.rows.iter().enumerate() {
        let Some(unit) = header.unit_of(row) else {
            continue;
        };
        let part_start = cuts.last().copied().unwrap_or_default();
        if last.is_some_and(|last| last != unit) && i - part_start >= rows {
            cuts.push(i);
        }
        last = Some(unit);
    }
    cuts.push(table.rows.len());
    Some(
        header
            .merge(rows_cut_at(m, &header, table, &cuts))?
            .finish(),
    )
}

/// The table's rows cut into parts at each of `cuts` (positions among its rows, from 0 to their
/// number), each part scored on its own.
fn rows_cut_at<'m>(
    m: &'m Methodology,
    header: &LongRowsHeader,
    table: &Table,
    cuts: &[usize],
) -> Vec<Option<par_core::ScoredPiece<'m>>> {
    let score_part = |(start, end): (usize, usize)| {
        // The first row below the header is row 2.
        let mut part = header.rows(Scorer::new(m, Lang::Vi), start + 2);
        table.rows[start..end]
            .iter()
            .try_for_each(|r| part.add(r))?;
        part.finish_part()
    };
    let parts = cuts.windows(2).map(|w| (w[0], w[1]));
    parts.map(score_part).collect()
}

/// The table `text` cut into parts every way the streamed readers cut one (rows given as cells
/// in parts of 1, 3 and 10 rows or more; its text in 2 to 4 parts; its bytes read [`READS`] at a
/// time) gives `whole`, what reading it whole gives, or steps aside; `label` names the table.
/// Gives how many ways did not step aside.
fn every_cut_gives_what_reading_whole_gives(
    m: &Methodology,
    text: &str,
    whole: &Result<Results, Problems>,
    label: &str,
) -> usize {
    let mut compared = 0;
    for rows in [1, 3, 10] {
        // Rows of cells are never out of line with their header (a DataFrame's columns): a text
        // with such a row left out is read whole, as `Table::score_long_rows` reads it.
        let parts = Table::from_csv(text)
            .ok()
            .filter(|t| t.rows_left_out.is_empty());
        if let Some(merged) = parts.and_then(|t| rows_in_parts(m, &t, rows)) {
            assert_eq!(
                &merged, whole,
                "{label} row by row, in parts of {rows} rows or more"
            );
            compared += 1;
        }
    }
    for parts in 2..=4 {
        if let Some(merged) = in_parts(m, text, parts) {
            assert_eq!(&merged, whole, "{label} in {parts} parts");
            compared += 1;
        }
    }
    for read in READS {
        if let Ok(fed) = as_fed(m, text, read) {
            assert_eq!(&fed, whole, "{label} read {read} bytes at a time");
            compared += 1;
        }
    }
    compared
}

/// The table in `parts` parts scored one after another and merged, or `None` if they step aside.
fn in_parts(m: &Methodology, text: &str, parts: usize) -> Option<Result<Results, Problems>> {
    let parts = LongCsv::read(text)?.parts(parts);
    let scored = parts.iter().map(|p| p.score(Scorer::new(m, Lang::Vi)));
    Some(Scorer::merge_in_order(scored)?.finish())
}

/// The table's bytes read `read` at a time as a file is, each piece the feed cuts scored on its
/// own and the pieces merged, or why they step aside.
fn as_fed(
    m: &Methodology,
    text: &str,
    read: usize,
) -> Result<Result<Results, Problems>, Unstreamable> {
    fed_in(m, text.as_bytes(), read, None)
}

/// [`as_fed`] for bytes given in an encoding.
fn fed_in(
    m: &Methodology,
    bytes: &[u8],
    read: usize,
    given: Option<TextEncoding>,
) -> Result<Result<Results, Problems>, Unstreamable> {
    let mut feed = LongCsvFeed::new(given);
    let (mut pending, mut scored) = (Vec::new(), Vec::new());
    for (k, bytes_read) in bytes.chunks(read).enumerate() {
        pending.extend_from_slice(bytes_read);
        let at_end = (k + 1) * read >= bytes.len();
        if let Some(piece) = feed.cut(&mut pending, at_end, Vec::new)? {
            scored.push(piece.score(Scorer::new(m, Lang::Vi)));
        }
    }
    Ok(feed.merge(scored)?.finish())
}

/// How many bytes a file gives at a time in these tests: a piece may be any of a few rows to
/// many units.
const READS: [usize; 4] = [1, 97, 4096, 1 << 20];

/// The methodology of the synthetic national run: points rules on every leaf.
fn national() -> Methodology {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bench/national-commune-100.json"
    );
    Methodology::from_json(&std::fs::read_to_string(path).expect("readable")).expect("valid")
}

/// A long table of `units` units over every leaf of `m`, each unit's rows together.
fn long_table(m: &Methodology, units: usize) -> String {
    let leaves: Vec<_> = m.tree().into_iter().filter(|n| n.leaf).collect();
    let mut text = String::from("unit,block,code,self,appraised,evidence,reason\n");
    for u in 0..units {
        for (k, leaf) in leaves.iter().enumerate() {
            let self_score = if (u + k) % 3 == 0 { "0" } else { "0.5" };
            let appraised = if (u * 7 + k) % 5 == 0 { "0.25" } else { "" };
            let reason = if appraised.is_empty() {
                ""
            } else {
                "Thiếu tài liệu"
            };
            text.push_str(&format!(
                "Xã Tân Phú {u:03},,{},{self_score},{appraised},TLKC-{u}-{k},{reason}\n",
                leaf.code
            ));
        }
    }
    text
}

const LONG_CASES: [&str; 19] = [
    "csv-long-comma",
    "csv-long-dot",
    "csv-measured-percentages",
    "csv-measured-as-fractions",
    "csv-names-typed-two-ways",
    "csv-long-block-conflict",
    "csv-errors",
    "csv-long-block-typed-two-ways",
    "csv-long-block-headings",
    "csv-long-unit-total-rows",
    "csv-error-unit-cell-invisible",
    "csv-long-unit-named-like-a-summary-row",
    "csv-long-signatures-below-passed-over",
    "csv-long-signed-on-a-date-cell",
    "csv-long-signed-with-the-place-apart",
    "csv-long-notes-below-passed-over",
    "csv-signatures-typed-without-commas",
    "csv-long-zero-width-characters-in-codes-and-figures",
    "csv-error-code-made-a-number-twice-in-a-unit",
];

#[test]
fn every_long_fixture_table_streams_to_what_reading_it_whole_gives() {
    let (mut streamed, mut by_rows) = (0, 0);
    for case in LONG_CASES {
        let m = case_methodology(case);
        let text = case_file(case, "input.csv");
        let whole = read_whole(&m, &text);
        if let Some(scorer) = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)) {
            streamed += 1;
            assert_eq!(scorer.finish(), whole, "{case}");
        }
        if let Some(scored) = Table::from_csv(&text).ok().and_then(|t| row_by_row(&m, &t)) {
            by_rows += 1;
            assert_eq!(scored, whole, "{case} row by row");
        }
        every_cut_gives_what_reading_whole_gives(&m, &text, &whole, case);
    }
    // The regular tables among them stream, with their problems (`csv-errors`, a criterion's
    // block given two ways) or signed below; those typed in NFD, or with block headings, or
    // signatures typed without separators (rows out of line with the text's header), step
    // aside.
    assert_eq!(streamed, 12);
    // A table read from CSV text is put in NFC whole, and its short rows of signatures lined up
    // with nothing: the table typed in NFD and the one signed so stream as rows.
    assert_eq!(by_rows, 14);
}

#[test]
fn rows_given_as_cells_stream_to_what_reading_them_whole_gives() {
    // A DataFrame's rows: names typed with combining accents, rows shorter than the header (a
    // sheet's trailing empty cells left out), blank rows, and empty cells past the header.
    let m = national();
    let text = long_table(&m, 20).replace("Xã", "Xa\u{303}");
    let table = Table::from_csv(&text).expect("a table");
    let mut rows = table.rows.clone();
    for (i, row) in rows.iter_mut().enumerate() {
        match i % 37 {
            // Not appraised, so without a reason: the row ends after its evidence.
            3 | 6 if row[4].is_empty() => row.truncate(6),
            4 => row.push("".into()),
            5 => row.iter_mut().for_each(|c| c.clear()),
            _ => {}
        }
    }
    let table = Table { rows, ..table };
    let whole = score(&m, table.read_assessments(&m).expect("read"), Lang::Vi);
    assert_eq!(whole.as_ref().map(|r| r.units.len()), Ok(20));
    assert!(row_by_row(&m, &table) == Some(whole));

    // A cell typed with combining accents, in a table not put in NFC: reading whole keeps its
    // text as typed (only names and codes are put in NFC there), so the rows step aside.
    let mut typed = table.clone();
    // (A row read from CSV ends at its last filled cell.)
    typed.rows[1].resize(7, "".into());
    typed.rows[1][6] = "Thiê\u{301}u tài liệu".into();
    assert!(row_by_row(&m, &typed).is_none());
    assert!(row_by_row(&m, &typed.in_nfc()).is_some());

    // Text under no heading is not a long table's row: read whole, which says so.
    let mut rows = LongRows::new(&table.header, Scorer::new(&m, Lang::Vi)).expect("a long header");
    let mut overlong = table.rows[0].clone();
    overlong.push("ghi chú".into());
    assert_eq!(rows.add(&overlong), None);
}

#[test]
fn a_table_in_parts_ranks_as_the_table_whole() {
    let m = national();
    let text = long_table(&m, 300);
    let whole = read_whole(&m, &text).expect("scores");
    assert_eq!(whole.units.len(), 300);
    for parts in 1..=5 {
        let table = LongCsv::read(&text).expect("regular");
        assert_eq!(table.clone().parts(parts).len(), parts, "cut into {parts}");
        assert_eq!(
            in_parts(&m, &text, parts),
            Some(Ok(whole.clone())),
            "{parts} parts"
        );
    }
    // Rows given as cells, in parts of whole units scored apart (as a DataFrame's batches are).
    let table = Table::from_csv(&text).expect("a table");
    for rows in [1, 1000, 40_000] {
        let merged = rows_in_parts(&m, &table, rows);
        assert_eq!(
            merged,
            Some(Ok(whole.clone())),
            "parts of {rows} rows or more"
        );
    }
    // A unit's rows in two parts do not merge: the table is read whole, which says whether
    // they are apart.
    let header = LongRowsHeader::of(&table.header).expect("a long header");
    let halves = rows_cut_at(&m, &header, &table, &[0, 150, table.rows.len()]);
    assert!(halves.iter().all(Option::is_some), "each half scores");
    assert!(header.merge(halves).is_none());
    // Each part checks that its own rows are in NFC: accents typed as combining marks in the
    // last unit alone make the last part, and so the table, step aside.
    let last_unit = text.rfind("Xã").expect("a unit");
    let typed = format!(
        "{}Xa\u{303}{}",
        &text[..last_unit],
        &text[last_unit + "Xã".len()..]
    );
    assert!(LongCsv::read(&typed).is_some(), "the header is in NFC");
    for parts in 1..=3 {
        assert_eq!(in_parts(&m, &typed, parts), None, "{parts} parts");
    }
    for read in READS {
        assert_eq!(
            as_fed(&m, &text, read),
            Ok(Ok(whole.clone())),
            "read {read}"
        );
        assert_eq!(
            as_fed(&m, &typed, read),
            Err(Unstreamable::Rows),
            "read {read}"
        );
    }
}

#[test]
fn a_byte_order_mark_starting_a_row_is_no_part_of_its_units_name() {
    // Tables put together from several "CSV UTF-8" exports carry a mark where each piece began.
    // It shows nothing: the row is its unit's, as when the mark is not there. Such a table is
    // read whole, which reads names so.
    let m = national();
    let text = long_table(&m, 40);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let unmarked = lines.clone();
    // The first row, and the first rows of the units around where two parts meet.
    let leaves = (lines.len() - 1) / 40;
    for at in [1, 1 + 19 * leaves, 1 + 20 * leaves, 1 + 21 * leaves] {
        lines[at].insert(0, '\u{feff}');
    }
    for ending in ["\n", "\r\n", "\r"] {
        let text = lines.join(ending) + ending;
        let whole = read_whole(&m, &text);
        assert!(whole.as_ref().is_ok_and(|r| r.units.len() == 40));
        assert!(whole == read_whole(&m, &(unmarked.join(ending) + ending)));
        let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi));
        assert!(streamed.is_none(), "lines ending {ending:?}");
        assert!(in_parts(&m, &text, 2).is_none(), "lines ending {ending:?}");
        for read in READS {
            assert!(as_fed(&m, &text, read).is_err(), "read {read}, {ending:?}");
        }
    }
}

/// What a table read as a file is gives, with lines ending so, when reading it whole gives
/// `whole`: lines ended by `\r` alone are read as text, whose reader finds the header's
/// separator in its first line ended by `\n` (here the whole text).
fn as_file_is_read<T>(ending: &str, whole: T) -> Result<T, Unstreamable> {
    match ending {
        "\r" => Err(Unstreamable::Text),
        _ => Ok(whole),
    }
}

#[test]
fn line_endings_blank_lines_and_empty_cells_read_as_the_csv_reader_reads_them() {
    // A table without quotes is cut into rows and cells without the CSV reader: every way a
    // spreadsheet or an editor ends lines, and the blank rows and empty cells Excel leaves.
    let m = national();
    let text = long_table(&m, 30);
    let lines: Vec<&str> = text.lines().collect();
    for ending in ["\n", "\r\n", "\r"] {
        let mut table = String::new();
        for (i, line) in lines.iter().enumerate() {
            table.push_str(line);
            if i % 97 == 5 {
                table.push_str(",,"); // formatted columns past the header
            }
            table.push_str(ending);
            match i % 211 {
                7 => table.push_str(ending),                     // an empty line
                8 => table.push_str(&format!(",,,,,,{ending}")), // a row of empty cells
                9 => table.push_str(&format!("   {ending}")),    // a row of a blank cell
                _ => {}
            }
        }
        for table in [table.as_str(), table.trim_end()] {
            let whole = read_whole(&m, table).expect("scores");
            assert_eq!(whole.units.len(), 30);
            let streamed = score_csv_as_read(table, Scorer::new(&m, Lang::Vi)).map(Scorer::finish);
            assert!(
                streamed == Some(Ok(whole.clone())),
                "lines ending {ending:?}"
            );
            assert!(
                in_parts(&m, table, 3) == Some(Ok(whole.clone())),
                "in parts, lines ending {ending:?}"
            );
            for read in READS {
                assert!(
                    as_fed(&m, table, read) == as_file_is_read(ending, Ok(whole.clone())),
                    "read {read} at a time, lines ending {ending:?}"
                );
            }
        }
    }
}

#[test]
fn problems_name_the_rows_a_spreadsheet_shows_empty_lines_included() {
    // A spreadsheet opening the file shows each empty line as a blank row: a problem's row is
    // the one the appraiser finds it under, whichever way the table is read.
    let m = national();
    let text = long_table(&m, 30);
    for ending in ["\n", "\r\n", "\r"] {
        let mut table = String::new();
        let mut over_max = Vec::new();
        let mut row = 0;
        for (i, line) in text.lines().enumerate() {
            if i > 0 && i % 173 == 0 {
                // A self-score above its criterion's max, on the row below three empty lines.
                table.push_str(&ending.repeat(3));
                row += 3;
                table.push_str(&line.replacen(",0.5,", ",5,", 1).replacen(",0,", ",5,", 1));
                over_max.push(row + 1);
            } else {
                table.push_str(line);
            }
            table.push_str(ending);
            row += 1;
        }
        let rows = |read: Result<Results, Problems>| -> Vec<usize> {
            let problems = read.expect_err("scores above the max").problems;
            problems.iter().map(|p| p.row.expect("a row")).collect()
        };
        assert_eq!(rows(read_whole(&m, &table)), over_max, "whole, {ending:?}");
        let streamed = score_csv_as_read(&table, Scorer::new(&m, Lang::Vi)).map(Scorer::finish);
        assert_eq!(rows(streamed.expect("streams")), over_max, "{ending:?}");
        // Parts and pieces read on past their problems; lines ended by `\r` alone are not cut
        // in parts, and are read as text as a file.
        let in_two = in_parts(&m, &table, 2).expect("read on past the problems");
        assert_eq!(rows(in_two), over_max, "in parts, {ending:?}");
        for read in READS {
            let pieces = as_fed(&m, &table, read).map(rows);
            assert_eq!(
                pieces,
                as_file_is_read(ending, over_max.clone()),
                "read {read}"
            );
        }
        // Empty lines above the header (more than title rows may be), and a quoted cell
        // holding a line break (one row).
        let quoted = table.replacen("Thiếu tài liệu", "\"Thiếu tài liệu,\nbổ sung sau\"", 1);
        let above = format!("{}{quoted}", ending.repeat(12));
        let shifted: Vec<usize> = over_max.iter().map(|r| r + 12).collect();
        assert_eq!(
            rows(read_whole(&m, &above)),
            shifted,
            "below empty lines, {ending:?}"
        );
    }
}

#[test]
fn a_text_over_its_limit_is_refused_as_when_the_table_is_read_whole() {
    // Rows whose cells are all within the text limit are not measured again when scored.
    let m = national();
    let text = long_table(&m, 4);
    let long = "Thiếu tài liệu ".repeat(1200); // 19 KB, over the 16 KiB a text may have
                                               // The evidence cell in two pieces, each within.
    let split = format!("{};{}", &long[..9000], &long[9000..]);
    for (cell, refused) in [(long.as_str(), true), (split.as_str(), false)] {
        let table = text.replacen("TLKC-1-3,", &format!("{cell},"), 1);
        let whole = read_whole(&m, &table);
        assert_eq!(whole.is_err(), refused, "{whole:?}");
        if let Err(problems) = &whole {
            // Named as any problem of a table's cell is: its row, unit and criterion.
            let p = &problems.problems[0];
            let (at, line) = (table.lines().enumerate())
                .find(|(_, line)| line.contains(cell))
                .expect("the cell's row");
            let unit = line.split(',').next();
            assert_eq!((p.row, p.unit.as_deref()), (Some(at + 1), unit), "{p:?}");
        }
        let streamed = score_csv_as_read(&table, Scorer::new(&m, Lang::Vi)).map(Scorer::finish);
        assert!(streamed == Some(whole.clone()), "refused: {refused}");
        // Pieces read on past a problem, as the table read whole.
        assert!(as_fed(&m, &table, 4096) == Ok(whole), "read in pieces");
    }
}

/// A unit refused before it is named, whose rows are in two parts of the table (two units whose
/// names a lookup did not compute, `#N/A`; a unit whose text is over its limit, typed again at
/// the end): read whole, its rows are apart and every criterion given twice is said; parts
/// scored side by side say the same.
#[test]
fn a_unit_refused_in_two_parts_is_said_as_when_the_table_is_read_whole() {
    let m = national();
    let text = long_table(&m, 8);
    let (first, last) = ("Xã Tân Phú 001,", "Xã Tân Phú 006,");
    let not_computed = text.replace(first, "#N/A,").replace(last, "#N/A,");
    let long = "Thiếu tài liệu ".repeat(1200);
    let over_its_limit = text
        .replacen("TLKC-1-3,", &format!("{long},"), 1)
        .replace(last, first);
    for table in [not_computed, over_its_limit] {
        let whole = read_whole(&m, &table);
        let conflicts = whole.as_ref().err().map(|p| {
            (p.problems.iter())
                .filter(|e| e.code == par_core::ErrorCode::ConflictingInput)
                .count()
        });
        assert!(conflicts > Some(1), "{whole:?}");
        // Where the parts step aside, the table is read whole.
        assert!(in_parts(&m, &table, 2).is_none_or(|parts| parts == whole));
        for read in [4096, 1 << 20] {
            let fed = as_fed(&m, &table, read);
            assert!(
                fed.as_ref().is_err() || fed == Ok(whole.clone()),
                "read {read}"
            );
        }
    }
}

#[test]
fn a_question_about_one_unit_keeps_that_units_inputs_and_the_others_scores() {
    let m = national();
    let text = long_table(&m, 40);
    let whole = read_whole(&m, &text).expect("results");
    let scores = whole.clone().with_detail(Detail::Scores);
    // Asked for as typed on a phone, without marks: the unit `Results::unit` finds.
    for asked in ["Xã Tân Phú 007", "xa tan phu 007"] {
        let question = Scorer::new(&m, Lang::Vi).keeping_inputs_of(asked);
        let answer = score_csv_as_read(&text, question).map(Scorer::finish);
        let answer = answer.expect("scored as read").expect("results");
        assert_eq!(answer.detail, Detail::Full);
        let found = answer.unit(asked).expect("the unit asked about");
        assert_eq!(found, whole.unit("Xã Tân Phú 007").expect("the unit"));
        assert!(!found.nodes.inputs().is_empty());
        for (unit, kept) in answer.units.iter().zip(&scores.units) {
            if unit.unit != "Xã Tân Phú 007" {
                assert_eq!(unit, kept, "{}", unit.unit);
            }
        }
    }
}

/// A long table of `units` units with problems typed into about one row in `every`, of every
/// kind a row with a code can have, chosen by `seed`: not numbers, scores above the max or
/// below 0, codes of no criterion, a criterion given twice, a unit in two blocks, a criterion
/// left blank.
fn with_problems(m: &Methodology, units: usize, every: u64, seed: u64) -> String {
    let text = long_table(m, units);
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        state >> 33
    };
    let mut rows: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        if i > 0 && next() % every == 0 {
            match next() % 7 {
                0 => cells[3] = "abc".into(),
                1 => cells[3] = "5".into(),
                2 => cells[3] = "-1".into(),
                3 => cells[2] = "9.9.9".into(),
                4 => {
                    cells[2] = rows.last().map_or("1.1.1".into(), |r| {
                        r.split(',').nth(2).unwrap_or("").to_string()
                    })
                }
                5 => cells[1] = format!("Khối {}", next() % 2),
                _ => (cells[3].clear(), cells[4].clear()).1,
            }
        }
        rows.push(cells.join(","));
    }
    rows.join("\n") + "\n"
}

#[test]
fn a_table_with_problems_streams_to_the_problems_reading_it_whole_gives() {
    // A table that is regular but for its problems is read on past each as it streams, in parts
    // and in pieces, and refused with every problem, in the order and under the limit on how many
    // are said, as when read whole: a national sheet with a typo is not read whole again.
    let m = national();
    let mut refused = 0;
    for seed in 0..24 {
        // From a problem or two to more than are said one by one (1,000).
        let (units, every) = [(60, 2), (25, 7), (25, 50), (25, 400)][seed as usize % 4];
        let text = with_problems(&m, units, every, seed);
        let whole = read_whole(&m, &text);
        refused += usize::from(whole.is_err());
        let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)).map(Scorer::finish);
        assert!(
            streamed.as_ref() == Some(&whole),
            "seed {seed}: {streamed:?}"
        );
        let table = Table::from_csv(&text).expect("a table");
        assert!(
            row_by_row(&m, &table).as_ref() == Some(&whole),
            "seed {seed} row by row"
        );
        for parts in 2..=4 {
            let merged = in_parts(&m, &text, parts);
            assert!(
                merged.as_ref() == Some(&whole),
                "seed {seed} in {parts} parts"
            );
        }
        for read in [97, 4096] {
            let fed = as_fed(&m, &text, read);
            assert!(
                fed.as_ref() == Ok(&whole),
                "seed {seed} read {read} at a time"
            );
        }
        let scores = Scorer::new(&m, Lang::Vi).with_detail(Detail::Scores);
        let streamed = score_csv_as_read(&text, scores).map(Scorer::finish);
        assert!(streamed == Some(whole.map(|r| r.with_detail(Detail::Scores))));
    }
    assert!(refused >= 20, "{refused} of 24 refused");
    // A row the table read whole passes over, or names otherwise, is stepped aside for before
    // its problem is said: a summary row with a cell that is no number (passed over), a unit's
    // name typed with two spaces (read as one name), a unit's rows apart.
    let table = long_table(&m, 4);
    let lines: Vec<&str> = table.lines().collect();
    let untidy = lines[3]
        .replacen("Xã Tân Phú", "Xã  Tân Phú", 1)
        .replacen("0.5", "x", 1);
    let apart = lines[150].replacen("0.5", "x", 1).replacen("0,", "x,", 1);
    for (row, line) in [
        (2, "Tổng cộng,,1.1.1,30 điểm,,,".to_string()),
        (3, untidy),
        (4, apart),
    ] {
        let mut rows = lines.clone();
        rows[row] = &line;
        let text = rows.join("\n") + "\n";
        let whole = read_whole(&m, &text);
        let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)).map(Scorer::finish);
        assert!(streamed.is_none_or(|s| s == whole), "row {row}");
        for read in READS {
            let fed = as_fed(&m, &text, read);
            assert!(
                fed.is_err() || fed == Ok(whole.clone()),
                "row {row}, read {read}"
            );
        }
        let by_rows = Table::from_csv(&text).ok().and_then(|t| row_by_row(&m, &t));
        assert!(by_rows.is_none_or(|r| r == whole), "row {row} row by row");
    }
    // More problems than are said one by one: the rest are counted, as read whole.
    let many = read_whole(&m, &with_problems(&m, 60, 2, 0)).expect_err("refused");
    assert!(many
        .problems
        .iter()
        .any(|p| p.code.as_str() == "limit_exceeded"));
}

#[test]
fn tables_that_are_not_regular_are_read_whole() {
    let m = national();
    let text = long_table(&m, 3);
    let stream = |t: &str| score_csv_as_read(t, Scorer::new(&m, Lang::Vi)).is_some();
    assert!(stream(&text));
    // A unit's rows apart: the first unit's last row moved to the end.
    let apart = {
        let mut lines: Vec<&str> = text.lines().collect();
        let moved = lines.remove(lines.len() / 3);
        lines.push(moved);
        lines.join("\n")
    };
    let nfd = text.replace("Xã", "Xa\u{303}");
    let unknown_column = text.replacen("reason", "nhận xét", 1);
    // More title rows than a sheet may carry above its header: the header is not looked for
    // there, and the table read whole has no unit column.
    let titles = format!("{}{text}", "Báo cáo\n".repeat(11));
    for irregular in [&apart, &titles, &nfd, &unknown_column] {
        assert!(
            !stream(irregular),
            "{}",
            &irregular[..60.min(irregular.len())]
        );
        // Read whole, the table is still scored or refused with its problems.
        let whole = read_whole(&m, irregular);
        assert_eq!(whole.is_ok(), irregular == &apart || irregular == &nfd);
    }
    // Units apart are one unit read whole, scored as when together.
    assert_eq!(read_whole(&m, &apart), read_whole(&m, &text));
    // Quoted cells may hold line breaks: such a table is one part.
    let quoted = text.replacen("Thiếu tài liệu", "\"Thiếu tài liệu,\nbổ sung sau\"", 1);
    assert_eq!(LongCsv::read(&quoted).expect("regular").parts(2).len(), 1);

    // Read as a file is, irregular rows are read whole as a table; text not in UTF-8 is read
    // whole as text first (it may then stream as one text). The rows from a quote on are the
    // last piece, read by the CSV reader, if the file ends soon after it.
    for read in READS {
        for irregular in [&apart, &titles, &nfd, &unknown_column] {
            assert_eq!(
                as_fed(&m, irregular, read),
                Err(Unstreamable::Rows),
                "{read}"
            );
        }
        assert_eq!(
            as_fed(&m, &quoted, read),
            Ok(read_whole(&m, &quoted)),
            "{read}"
        );
        // "Xã" as Windows-1258 writes it.
        let windows_1258: Vec<u8> = text.replace("Xã", "X\u{1}").bytes().collect();
        let windows_1258: Vec<u8> = windows_1258
            .into_iter()
            .map(|b| if b == 1 { 0xE3 } else { b })
            .collect();
        let not_utf8 = fed_in(&m, &windows_1258, read, None);
        assert_eq!(not_utf8, Err(Unstreamable::Text), "{read}");
        let given = Some(TextEncoding::Windows1258);
        assert_eq!(
            fed_in(&m, text.as_bytes(), read, given),
            Err(Unstreamable::Text)
        );
        let given = Some(TextEncoding::Utf8);
        let utf8 = fed_in(&m, text.as_bytes(), read, given);
        assert_eq!(utf8, Ok(read_whole(&m, &text)), "{read}");
    }
}

#[test]
fn a_table_below_title_rows_is_scored_as_read_as_when_read_whole() {
    // Title rows as Excel saves them (as many cells as the header), as typed (one cell), with a
    // blank row and an empty line among them, up to the most a sheet may carry; a score over
    // its criterion's max names its row, counted from the first title row.
    let m = national();
    let clean = long_table(&m, 5);
    let table = clean.replacen(",0.5,0.25,", ",7,0.25,", 1);
    let over_max = |results: Result<Results, Problems>| -> Vec<usize> {
        let problems = results.expect_err("a score over its max").problems;
        problems.iter().map(|p| p.row.expect("a row")).collect()
    };
    let row_at_first = over_max(read_whole(&m, &table));
    for ending in ["\n", "\r\n"] {
        let padded = format!("BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM NĂM 2024,,,,,,{ending}");
        let typed = format!("BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM NĂM 2024{ending}{ending},,,,,,{ending}");
        let most = format!("Báo cáo{ending}").repeat(10);
        let below = |titles: &str, table: &str| format!("{titles}{}", table.replace('\n', ending));
        // As Excel's "CSV UTF-8" saves a sheet: a byte-order mark first.
        let excel = format!("\u{feff}{padded}");
        // A title holding a separator, quoted.
        let quoted = format!("\"Cà Mau, ngày 15 tháng 11 năm 2024\",,,,,{ending}");
        for titles in [String::new(), padded, typed, most, excel, quoted] {
            let text = below(&titles, &table);
            let whole = read_whole(&m, &text);
            let rows: Vec<usize> = row_at_first.iter().map(|r| r + rows_in(&titles)).collect();
            assert_eq!(over_max(whole.clone()), rows, "{titles:?}");
            let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi));
            assert!(streamed.map(Scorer::finish) == Some(whole), "{titles:?}");
            // Without a problem, in parts and as a file is read.
            let text = below(&titles, &clean);
            let whole = read_whole(&m, &text);
            assert!(whole.is_ok(), "{titles:?}");
            assert!(in_parts(&m, &text, 3) == Some(whole.clone()), "{titles:?}");
            for read in READS {
                assert!(
                    as_fed(&m, &text, read) == Ok(whole.clone()),
                    "{titles:?} {read}"
                );
            }
        }
    }
}

#[test]
fn a_sheet_of_semicolons_below_titles_typed_without_them_is_cut_as_its_header_is() {
    // Excel in a Vietnamese locale saves `;` and decimal commas. Titles typed without separators,
    // one holding a comma, say nothing of them: every row is cut by the header's separator, read
    // whole, in parts and as a file is read.
    let m = national();
    let semicolons = |t: &str| {
        t.replace(',', ";")
            .replace("0.5", "0,5")
            .replace("0.25", "0,25")
    };
    let table = semicolons(&long_table(&m, 5));
    let untitled = read_whole(&m, &table);
    assert!(untitled.is_ok());
    for ending in ["\n", "\r\n"] {
        let titles =
            format!("UBND HUYỆN AN BIÊN{ending}Cà Mau, ngày 15 tháng 11 năm 2024{ending}{ending}");
        let text = format!("{titles}{}", table.replace('\n', ending));
        let whole = read_whole(&m, &text);
        assert!(whole == untitled, "{ending:?}");
        assert!(in_parts(&m, &text, 3) == Some(whole.clone()), "{ending:?}");
        for read in READS {
            assert!(
                as_fed(&m, &text, read) == Ok(whole.clone()),
                "{ending:?} {read}"
            );
        }
    }
}

#[test]
fn an_excel_separator_line_is_no_row_however_the_table_is_read() {
    // Excel writes `sep=;` first and shows no row for it: the table below scores as without
    // it, cut by the separator it names, and a problem names the row Excel shows.
    let m = national();
    let table = long_table(&m, 4).replace(',', ";").replace("0.5", "0,5");
    let plain = read_whole(&m, &table);
    assert!(plain.is_ok());
    let over_max = table.replacen(";0,5;", ";5;", 1);
    let row_over_max = over_max
        .lines()
        .position(|l| l.contains(";5;"))
        .expect("a row")
        + 1;
    for ending in ["\n", "\r\n"] {
        let sheet = |table: &str| format!("sep=;{ending}{}", table.replace('\n', ending));
        let (text, refused) = (sheet(&table), sheet(&over_max));
        assert!(read_whole(&m, &text) == plain, "{ending:?}");
        assert!(in_parts(&m, &text, 3) == Some(plain.clone()), "{ending:?}");
        let rows = |read: Result<Results, Problems>| -> Vec<usize> {
            let problems = read.expect_err("a score above the max").problems;
            problems.iter().map(|p| p.row.expect("a row")).collect()
        };
        assert_eq!(rows(read_whole(&m, &refused)), [row_over_max], "{ending:?}");
        for read in READS {
            assert!(
                as_fed(&m, &text, read) == Ok(plain.clone()),
                "{ending:?} {read}"
            );
            // Pieces read on past a problem, as the table read whole.
            let pieces = as_fed(&m, &refused, read).map(rows);
            assert_eq!(pieces, Ok(vec![row_over_max]), "{ending:?} {read}");
        }
    }
}

#[test]
fn a_summary_row_among_a_long_tables_units_is_passed_over_however_the_table_is_read() {
    // A `Tổng cộng` row giving a code and points would be scored as a unit as its rows are read:
    // the table is read whole instead, which passes the row over with a warning naming it.
    let m = national();
    let table = long_table(&m, 3);
    let last = table.lines().last().expect("a row");
    let total = last.replacen("Xã Tân Phú 002", "TỔNG CỘNG", 1);
    let text = format!("{table}{total}\n");
    let sheet = Table::from_csv(&text).expect("a table");
    let mut results = score_table(&m, &sheet, Lang::Vi).expect("the units score");
    let warning = results.warnings.pop().expect("a warning");
    assert_eq!(warning.code, WarningCode::SummaryRowPassedOver);
    let row = text.lines().count();
    assert!(
        warning
            .message
            .starts_with(&format!("dòng {row} “TỔNG CỘNG”")),
        "{}",
        warning.message
    );
    assert!(Ok(results) == read_whole(&m, &table));
    assert!(score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)).is_none());
    assert!(as_fed(&m, &text, 97).is_err(), "read whole");
    // Labelled left of a name (`Tổng cộng:` in the running number's column): passed over too,
    // and the rows before it are not streamed as a unit named `Toàn tỉnh`.
    let numbered = |t: &str| {
        let lines = t.lines().enumerate();
        let rows = lines.map(|(i, l)| {
            if i == 0 {
                format!("stt,{l}")
            } else {
                format!("{i},{l}")
            }
        });
        rows.collect::<Vec<_>>().join("\n") + "\n"
    };
    let labelled = last.replacen("Xã Tân Phú 002", "Toàn tỉnh", 1);
    let text = format!("{}Tổng cộng:,{labelled}\n", numbered(&table));
    let sheet = Table::from_csv(&text).expect("a table");
    let results = score_table(&m, &sheet, Lang::Vi).expect("the units score");
    assert_eq!(results.units.len(), 3);
    assert_eq!(results.warnings.len(), 1, "{:?}", results.warnings);
    assert!(score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)).is_none());
    assert!(sheet.score_long_rows(Scorer::new(&m, Lang::Vi)).is_none());
}

#[test]
fn signatures_below_a_long_table_are_passed_over_as_it_streams() {
    // A national sheet signed as officials sign it: its units stream, and the signatures are
    // said in the warning reading whole gives, however the table is read.
    let m = national();
    let table = long_table(&m, 40);
    let signed = |date: &str| {
        let signatures = [
            ",,,,,,",
            date,
            "NGƯỜI LẬP BIỂU,,,,KT. GIÁM ĐỐC,,",
            "(Ký ghi rõ họ tên),,,,PHÓ GIÁM ĐỐC,,",
            ",,,,,,",
            ",,,,,,",
            "Nguyễn Văn A,,,,Trần Thị B,,",
            ",,,,,,",
        ];
        format!(
            "{table}{}
",
            signatures.join(
                "
"
            )
        )
    };
    // The date as Excel saves it, quoted for its comma; and without one, in the unit's column.
    for date in [
        ",,,,\"Cà Mau, ngày 15 tháng 11 năm 2024\",,",
        "Cà Mau ngày 15/11/2024,,,,,,",
    ] {
        let text = signed(date);
        let sheet = Table::from_csv(&text).expect("a table");
        let whole = sheet.clone().score_whole(Scorer::new(&m, Lang::Vi));
        let warnings = &whole.as_ref().expect("scored").warnings;
        let codes: Vec<_> = warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, [WarningCode::SignaturesPassedOver], "{date}");
        let last_unit_row = table.lines().count();
        let rows = format!("dòng {}–{}", last_unit_row + 2, last_unit_row + 7);
        assert!(
            warnings[0].message.contains(&rows),
            "{}",
            warnings[0].message
        );
        let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi));
        assert!(
            streamed.map(Scorer::finish) == Some(whole.clone()),
            "{date}"
        );
        for parts in [2, 3] {
            assert!(
                in_parts(&m, &text, parts) == Some(whole.clone()),
                "{date} {parts} parts"
            );
        }
        assert!(
            row_by_row(&m, &sheet) == Some(whole.clone()),
            "{date} row by row"
        );
        // (A file's pieces are cut where a unit starts: a piece starting inside the signatures,
        // as small reads cut them, does not know the blank row above it, and steps aside.)
        for read in READS {
            if let Ok(fed) = as_fed(&m, &text, read) {
                assert!(fed == whole, "{date} read {read} at a time");
            }
        }
        // Read as a file is, the rows from the quoted date on are one piece, the CSV reader's.
        assert!(
            as_fed(&m, &text, 1 << 20).is_ok(),
            "{date} streamed as a file"
        );
    }
    // Empty lines among quoted signatures, which the CSV reader passes over, are blank rows:
    // counted in their rows and among the rows signatures take, and a blank row above titles.
    let date = ",,,,\"Cà Mau, ngày 15 tháng 11 năm 2024\",,";
    let titles = "NGƯỜI LẬP BIỂU,,,,KT. GIÁM ĐỐC,,";
    let names = "Nguyễn Văn A,,,,Trần Thị B,,";
    for (shape, signatures) in [
        (
            "an empty line above the names",
            format!("{date}\n{titles}\n\n{names}"),
        ),
        (
            "an empty line above the titles",
            format!("{date}\n\n{titles}\n{names}"),
        ),
        (
            "30 empty lines",
            format!("{date}\n{titles}\n{}{names}", "\n".repeat(30)),
        ),
    ] {
        let text = format!("{table},,,,,,\n{signatures}\n");
        let whole = read_whole(&m, &text);
        let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi));
        assert!(streamed.is_none_or(|s| s.finish() == whole), "{shape}");
        for read in READS {
            let fed = as_fed(&m, &text, read);
            assert!(
                fed.is_err() || fed == Ok(whole.clone()),
                "{shape} read {read}"
            );
        }
    }
    // Rows after the signatures that are no signatures (a unit, many more rows of words): read
    // whole, which says what they are.
    let unit_after = format!(
        "{}Xã Sau,1.1.1,1,,,,
",
        signed(",,,,,,")
    );
    let date_line = ",,,,,,Cà Mau ngày 15/11/2024";
    let many = format!(
        "{}{}",
        signed(date_line),
        "Ghi chú,,,,,,
"
        .repeat(30)
    );
    for text in [unit_after, many] {
        assert!(score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)).is_none());
        let sheet = Table::from_csv(&text).expect("a table");
        assert!(row_by_row(&m, &sheet).is_none());
    }
}

#[test]
fn column_numbers_and_the_header_again_are_passed_over_however_the_table_is_read() {
    let m = national();
    let table = long_table(&m, 3);
    let (header, rows) = table.split_once('\n').expect("a header");
    let whole = read_whole(&m, &table);
    for numbers in [
        "A,B,1,2,3,4,5",
        "1,2,3,4,5,6,7=4+5",
        "(A),(B),(1),(2),(3),(4),(5)",
    ] {
        let text = format!("{header}\n{numbers}\n{rows}");
        assert!(read_whole(&m, &text) == whole, "{numbers}");
        // Read whole, which passes the row over: neither stream scores a unit `B`.
        let streamed = score_csv_as_read(&text, Scorer::new(&m, Lang::Vi));
        assert!(streamed.is_none(), "{numbers} streamed");
        let sheet = Table::from_csv(&text).expect("a table");
        let by_rows = sheet.score_long_rows(Scorer::new(&m, Lang::Vi));
        assert!(by_rows.is_none(), "{numbers} row by row");
    }
    // The header again where pages of a printed table were pasted together: passed over with a
    // warning naming its row, never streamed as a unit named `unit`.
    let (first, rest) = rows.split_at(rows.len() / 2);
    let (first, rest) = match rest.split_once('\n') {
        Some((line, rest)) => (format!("{first}{line}\n"), rest),
        None => panic!("rows"),
    };
    let text = format!("{header}\n{first}{header}\n{rest}");
    let sheet = Table::from_csv(&text).expect("a table");
    let results = score_table(&m, &sheet, Lang::Vi).expect("the units score");
    assert_eq!(results.units, whole.as_ref().expect("scored").units);
    assert_eq!(results.warnings[0].code, WarningCode::SummaryRowPassedOver);
    assert!(score_csv_as_read(&text, Scorer::new(&m, Lang::Vi)).is_none());
    assert!(sheet.score_long_rows(Scorer::new(&m, Lang::Vi)).is_none());
}

#[test]
fn reasons_no_score_keeps_are_said_alike_however_the_table_is_read() {
    // A sheet of self-scores with `Lý do` and no `Thẩm định`: scored as it stands, its reasons
    // counted in one warning, whether it streams (in parts, as a file is read, row by row) or
    // is read whole.
    let m = national();
    let without_scores = |text: &str| {
        let rows = text.lines().map(|line| {
            let mut cells: Vec<&str> = line.split(',').collect();
            cells.remove(4);
            cells.join(",")
        });
        rows.collect::<Vec<_>>().join("\n") + "\n"
    };
    let text = without_scores(&long_table(&m, 5));
    let typed = text
        .lines()
        .filter(|l| l.ends_with("Thiếu tài liệu"))
        .count();
    let first = 1 + text
        .lines()
        .position(|l| l.ends_with("Thiếu tài liệu"))
        .expect("one");
    let sheet = Table::from_csv(&text).expect("a table");
    let whole = sheet.clone().score_whole(Scorer::new(&m, Lang::Vi));
    let warning = whole.as_ref().expect("scored").warnings.last().cloned();
    let warning = warning.expect("a warning");
    assert_eq!(warning.code, WarningCode::ReasonsNotRead);
    let said = format!("có lý do ở {typed} dòng (dòng đầu tiên: dòng {first})");
    assert!(warning.message.contains(&said), "{}", warning.message);
    for parts in [1, 2, 3] {
        assert!(
            in_parts(&m, &text, parts) == Some(whole.clone()),
            "{parts} parts"
        );
    }
    for read in [97, 4096] {
        assert!(
            as_fed(&m, &text, read) == Ok(whole.clone()),
            "read {read} at a time"
        );
    }
    assert!(row_by_row(&m, &sheet) == Some(whole.clone()));
    assert!(score_table(&m, &sheet, Lang::Vi) == whole);
    // A dash filling the cell, what a lookup gave (`#N/A`), the column numbers under the
    // header: no reason.
    let (header, rows) = text.split_once('\n').expect("a header");
    let rows = rows.replacen("Thiếu tài liệu", "#N/A", 1);
    let text = format!(
        "{header}\nA,B,1,2,3,4\n{}",
        rows.replace("Thiếu tài liệu", "-")
    );
    let sheet = Table::from_csv(&text).expect("a table");
    let results = score_table(&m, &sheet, Lang::Vi).expect("scored");
    assert!(
        results
            .warnings
            .iter()
            .all(|w| w.code != WarningCode::ReasonsNotRead),
        "{:?}",
        results.warnings
    );
}

#[test]
fn a_long_tables_row_with_a_code_is_an_entry_however_the_table_is_read() {
    // Numbered with a Roman numeral and named as a block is how a wide sheet heads a block with
    // its totals beside it; in a long table the row gives a criterion's points: it is a unit's
    // entry, read row by row and whole alike, and no heading moves the units below it.
    let m = case_methodology("csv-long-block-headings");
    let text = "STT;Đơn vị;Khối;Mã tiêu chí;Điểm đạt được\n\
                I;Khối sở;so;1;30\nI;Khối sở;so;2;30\nI;Khối sở;so;3;20\n\
                1;Sở Tư pháp;huyen;1;35\n1;Sở Tư pháp;huyen;2;31\n1;Sở Tư pháp;huyen;3;10\n";
    let whole = read_whole(&m, text).expect("the units score");
    let names: Vec<(&str, Option<&str>)> = (whole.units.iter())
        .map(|u| (u.unit.as_str(), u.block.as_deref()))
        .collect();
    assert_eq!(
        names,
        [("Khối sở", Some("so")), ("Sở Tư pháp", Some("huyen"))]
    );
    let streamed = score_csv_as_read(text, Scorer::new(&m, Lang::Vi)).expect("streams");
    assert!(streamed.finish() == Ok(whole));
}

/// How many rows the lines of `text`, each ended by a line break, make in a spreadsheet.
fn rows_in(lines: &str) -> usize {
    lines.replace("\r\n", "\n").matches('\n').count()
}

#[test]
fn a_table_read_whole_is_scored_unit_by_unit_as_when_all_its_units_are_read_first() {
    // `Table::score_whole` scores each unit once its last row is read, in the order units first
    // appear; reading every unit first, then scoring them (`read_whole`), gives the same results
    // and the same problems in the same order, whatever the order of the rows.
    let m = national();
    let text = long_table(&m, 6);
    let (header, rows) = text.split_once('\n').expect("a header");
    let mut by_code: Vec<&str> = rows.lines().collect();
    by_code.sort_by_key(|row| row.split(',').nth(2));
    let by_code = format!("{header}\n{}", by_code.join("\n"));
    let title = format!("BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM NĂM 2024,,,,,,\n{by_code}");
    let problems = by_code
        .replacen("0.5", "abc", 1) // not a number
        .replacen("Xã Tân Phú 003,", ",", 1) // a row without its unit
        .replacen("0.25", "7", 1) // over the criterion's max: found in scoring
        .replacen(",,1.1.1,", ",Khối A,1.1.1,", 1) // a unit in two blocks
        .replacen(",,1.1.2,", ",Khối B,1.1.2,", 1);
    let wide = "unit,1.1.1,1.1.2\nXã A,0.5,x\nXã B,0.5,0.25\n";
    let first_last = format!(
        "{header}\n{}\n{}",
        &rows[rows.find('\n').expect("rows") + 1..],
        rows.lines().next().expect("a row")
    );
    for text in [&by_code, &title, &problems, &text, &first_last, wide] {
        let whole = read_whole(&m, text);
        let table = Table::from_csv(text).expect("a table");
        assert_eq!(table.clone().score_whole(Scorer::new(&m, Lang::Vi)), whole);
        let scorer = || Scorer::new(&m, Lang::Vi);
        assert_eq!(
            table.clone().score(scorer),
            par_core::score_table(&m, &table, Lang::Vi)
        );
        let scores = Scorer::new(&m, Lang::Vi).with_detail(Detail::Scores);
        assert_eq!(
            table.score_whole(scores),
            whole.map(|r| r.with_detail(Detail::Scores))
        );
    }
    // Units come in the order they first appear, each with all its rows: also the first unit
    // whose last row is the table's last.
    for text in [&by_code, &first_last] {
        let units = Table::from_csv(text)
            .and_then(|t| t.to_assessments(&m))
            .expect("reads");
        let names: Vec<&str> = units.iter().map(|u| u.unit.as_str()).collect();
        let first_rows: Vec<String> = (0..6).map(|u| format!("Xã Tân Phú {u:03}")).collect();
        assert_eq!(names, first_rows);
        let leaves = m.tree().into_iter().filter(|n| n.leaf).count();
        assert!(units.iter().all(|u| u.entries.len() == leaves));
    }
    let refused = read_whole(&m, &problems).expect_err("refused");
    let codes: Vec<&str> = refused.problems.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "missing_field",
            "bad_decimal",
            "conflicting_input",
            "out_of_range"
        ]
    );
}

#[test]
fn scores_only_are_the_full_results_without_their_inputs() {
    let m = national();
    let text = long_table(&m, 20);
    let full = read_whole(&m, &text).expect("scores");
    let scorer = Scorer::new(&m, Lang::Vi).with_detail(Detail::Scores);
    let scores = score_csv_as_read(&text, scorer)
        .expect("streams")
        .finish()
        .expect("scores");
    assert_eq!(scores.detail, Detail::Scores);
    assert_eq!(scores, full.clone().with_detail(Detail::Scores));
    for (a, b) in scores.units.iter().zip(&full.units) {
        assert_eq!(
            (&a.unit, a.rank, a.points, a.index),
            (&b.unit, b.rank, b.points, b.index)
        );
        let figures = |u: &par_core::UnitResult| {
            u.nodes
                .iter()
                .map(|n| (n.points_exact(), n.max(), n.source()))
                .collect::<Vec<_>>()
        };
        assert_eq!(figures(a), figures(b));
        assert!(a.nodes.inputs().is_empty());
    }
    let json = scores.to_json();
    assert!(json.contains("\"detail\": \"scores\""));
    assert!(!json.contains("\"self\":") && !json.contains("\"appraisals\":"));
    assert!(json.len() < full.to_json().len());
    // The document reads back as it was written, and full results say nothing of their detail.
    assert_eq!(Results::from_json(&json).expect("reads back"), scores);
    assert!(!full.to_json().contains("\"detail\""));
}

#[test]
fn scores_only_keep_bonus_and_penalty_adjustments() {
    let m = case_methodology("adjustments-capped");
    let input = case_file("adjustments-capped", "input.json");
    let full = par_core::wire::score_with(&m, &input, Lang::Vi, Detail::Full).expect("scores");
    let scores = full.clone().with_detail(Detail::Scores);
    for (a, b) in scores.units.iter().zip(&full.units) {
        let adjustments = |u: &par_core::UnitResult| {
            u.nodes
                .adjustments()
                .map(|n| (n.code().to_string(), n.points_exact(), n.uncapped()))
                .collect::<Vec<_>>()
        };
        assert!(!adjustments(b).is_empty());
        assert_eq!(adjustments(a), adjustments(b));
    }
    assert_eq!(
        Results::from_json(&scores.to_json()).expect("reads back"),
        scores
    );
}

/// Assessments JSON read whole, as before streaming existed.
fn json_read_whole(m: &Methodology, text: &str) -> Result<Results, Problems> {
    score(m, read_assessments(text)?, Lang::Vi)
}

/// Assessments JSON scored unit by unit, or `None` if it steps aside.
fn json_as_read(m: &Methodology, text: &str) -> Option<Result<Results, Problems>> {
    Some(score_json_as_read(text, Scorer::new(m, Lang::Vi))?.finish())
}

#[test]
fn every_fixture_document_that_scores_streams_to_what_reading_it_whole_gives() {
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(cases)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    let (mut streamed, mut refused) = (0, 0);
    for dir in &dirs {
        let case = dir.display();
        let read = |name| std::fs::read_to_string(dir.join(name));
        let (Ok(text), Ok(m)) = (read("input.json"), read("methodology.json")) else {
            continue;
        };
        let Ok(m) = Methodology::from_json(&m) else {
            continue;
        };
        let whole = json_read_whole(&m, &text);
        match json_as_read(&m, &text) {
            Some(scored) => {
                streamed += 1;
                assert_eq!(scored, whole, "{case}");
            }
            // A document it steps aside for has problems, which reading it whole reports.
            None => {
                refused += 1;
                assert!(whole.is_err(), "{case} scores, but did not stream");
            }
        }
    }
    assert!(
        streamed >= 30 && refused >= 5,
        "{streamed} streamed, {refused} refused"
    );
}

#[test]
fn a_document_streams_in_either_field_order_and_steps_aside_for_anything_wrong() {
    let m = case_methodology("override-semantics");
    let text = case_file("override-semantics", "input.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let units = doc["units"].to_string();
    let whole = json_read_whole(&m, &text).expect("scores");
    let schema = r#""schema":"par.assessments/1""#;
    for valid in [
        format!(r#"{{{schema},"units":{units}}}"#),
        format!(r#"{{"units":{units},{schema}}}"#),
        units.clone(),
        format!(" {units}\n"),
    ] {
        assert_eq!(
            json_as_read(&m, &valid),
            Some(Ok(whole.clone())),
            "{valid:.40}"
        );
    }
    for wrong in [
        format!(r#"{{"schema":"par.assessments/2","units":{units}}}"#),
        format!(r#"{{"units":{units}}}"#),
        format!(r#"{{{schema},"units":{units},"note":1}}"#),
        format!(r#"{{{schema},"units":{units},"units":[]}}"#),
        format!(r#"{{{schema},{schema},"units":{units}}}"#),
        format!("{units} ]"),
        r#"[{"unit":"  ","entries":{}}]"#.to_string(),
        format!("{units:.60}"),
    ] {
        // Read whole, it is refused with its problems, or (a field given twice) read as
        // reading it whole always has.
        assert_eq!(json_as_read(&m, &wrong), None, "{wrong:.80}");
    }
}

#[test]
fn a_document_not_in_nfc_is_read_in_nfc_as_read_whole_and_as_its_results_read_back() {
    // An appraiser's name with U+1FCB (which NFC makes U+0389) and an explanation typed with a
    // combining accent: scored as read, the texts are those reading the document whole gives, and
    // the results document reads back to the same text (found by fuzzing).
    let m = case_methodology("override-semantics");
    let text = case_file("override-semantics", "input.json")
        .replacen("\"by\": \"", "\"by\": \"đ\u{1FCB}nh ", 1)
        .replacen("Hoàn thành", "Hoa\u{300}n thành", 1);
    assert_ne!(par_core::nfc(&text), text);
    let streamed = json_as_read(&m, &text).expect("streams").expect("scores");
    let whole = score(&m, read_assessments(&text).expect("reads"), Lang::Vi).expect("scores");
    let json = streamed.to_json();
    assert_eq!(json, whole.to_json());
    assert!(json.contains("đ\u{389}nh") && json.contains("Hoàn thành"));
    assert_eq!(
        Results::from_json(&json).expect("reads back").to_json(),
        json
    );
}

/// A document of `units` units over every leaf of `m` (the long table's, [`long_table`]), with
/// problems put in about one unit in `every` and the last, of kinds reading finds (a self-score that is no
/// score, a field no entry has, appraisals that are no list, a unit that is no object) and kinds
/// scoring finds (a self-score above the max, a unit named twice), chosen by `seed`.
fn document_with_problems(m: &Methodology, units: usize, every: u64, seed: u64) -> String {
    let table = Table::from_csv(&long_table(m, units)).expect("a table");
    let read = table.read_assessments(m).expect("reads");
    let document = par_core::AssessmentSet::new(read.value).to_json();
    let mut document: serde_json::Value = serde_json::from_str(&document).expect("JSON");
    let mut state = seed.wrapping_mul(6364136223846793005) | 1;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        state >> 33
    };
    let list = document["units"].as_array_mut().expect("units");
    for u in 0..list.len() {
        if next() % every != 0 && u + 1 < list.len() {
            continue;
        }
        let named_before = list[u.saturating_sub(1)]["unit"].clone();
        let unit = &mut list[u];
        let entries = unit["entries"].as_object_mut().expect("entries");
        let code = entries.keys().nth(next() as usize % entries.len()).cloned();
        let entry = &mut entries[&code.expect("a code")];
        match next() % 6 {
            0 => entry["self"] = serde_json::json!(true),
            1 => entry["note"] = serde_json::json!("?"),
            2 => entry["appraisals"] = serde_json::json!("0.5"),
            3 => *unit = serde_json::json!(42),
            4 => entry["self"] = serde_json::json!("5"),
            _ => unit["unit"] = named_before,
        }
    }
    document.to_string()
}

#[test]
fn a_document_with_problems_is_scored_as_read_to_what_reading_it_whole_gives() {
    // The walk that finds every problem hands each unit to the scorer as it reads it
    // (`wire::score_with` once the reader of valid documents stepped aside), holding neither the
    // units nor, once the document is refused, their results: it finds what reading every unit
    // first and scoring them then finds, in the same order, whatever the detail kept.
    let by_walk =
        |m: &Methodology, text: &str, detail| par_core::wire::score_with(m, text, Lang::Vi, detail);
    let check = |m: &Methodology, text: &str, what: &str| {
        let whole = json_read_whole(m, text);
        for detail in [Detail::Full, Detail::Scores] {
            let expected = whole.clone().map(|r| r.with_detail(detail));
            assert!(by_walk(m, text, detail) == expected, "{what}, {detail:?}");
        }
        whole
    };
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut refused = 0;
    for dir in std::fs::read_dir(cases).expect("fixtures") {
        let dir = dir.expect("entry").path();
        let read = |name| std::fs::read_to_string(dir.join(name));
        let (Ok(text), Ok(m)) = (read("input.json"), read("methodology.json")) else {
            continue;
        };
        let Ok(m) = Methodology::from_json(&m) else {
            continue;
        };
        refused += usize::from(check(&m, &text, &dir.display().to_string()).is_err());
    }
    assert!(refused >= 5, "{refused} fixture documents refused");
    let m = national();
    for seed in 0..8 {
        let text = document_with_problems(&m, 60, 1 + seed % 4 * 10, seed);
        let problems = check(&m, &text, &format!("seed {seed}")).expect_err("refused");
        assert!(!problems.problems.is_empty(), "seed {seed}");
    }
    // A document giving `units` twice is refused for it, said first, with the problems of the
    // last list.
    let bad = document_with_problems(&m, 5, 1, 3);
    let bad_alone = check(&m, &bad, "bad alone").expect_err("refused").problems;
    let units =
        |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap()["units"].clone();
    let (bad, clean) = (units(&bad), units(&long_json(&m, 3)));
    let schema = r#""schema":"par.assessments/1""#;
    // Refused for the field `named`, given twice, said first, and then for `also`.
    let refused_for_twice = |text: &str, what: &str, named: &str, also: &[ParError]| {
        let mut refused = check(&m, text, what).expect_err("refused").problems;
        let first = refused.remove(0);
        let twice = (par_core::ErrorCode::ConflictingInput, Some(named));
        assert_eq!((first.code, first.field.as_deref()), twice, "{what}");
        assert_eq!(refused, also, "{what}");
    };
    for (what, first, last, also) in [
        ("bad then clean", &bad, &clean, &[][..]),
        ("clean then bad", &clean, &bad, &bad_alone[..]),
        ("clean twice", &clean, &clean, &[][..]),
    ] {
        let twice = format!(r#"{{{schema},"units":{first},"units":{last}}}"#);
        refused_for_twice(&twice, what, "units", also);
    }
    // A field given twice, which the reader of valid documents steps aside for and a JSON value
    // would keep once with its last value, is refused, naming the field: which was meant is not
    // known.
    let clean = long_json(&m, 3);
    let given_twice = [
        (
            "an entry's field",
            r#""self": "#,
            r#""self": "0", "self": "#,
            "self",
        ),
        (
            "a unit's name",
            r#""unit": "#,
            r#""unit": "Khác", "unit": "#,
            "unit",
        ),
        (
            "the schema",
            r#""schema": "#,
            r#""schema": "par.assessments/1", "schema": "#,
            "schema",
        ),
    ];
    for (what, field, twice, named) in given_twice {
        assert!(clean.contains(field), "{what}");
        refused_for_twice(&clean.replacen(field, twice, 1), what, named, &[]);
    }
}

/// The units of the long table of `units` units ([`long_table`]) as a document.
fn long_json(m: &Methodology, units: usize) -> String {
    let table = Table::from_csv(&long_table(m, units)).expect("a table");
    par_core::AssessmentSet::new(table.read_assessments(m).expect("reads").value).to_json()
}

/// Excel saves an empty cell for every formatted column of every row: a table padded so reads,
/// streams and takes room as the table without them (a national table padded with nine empty
/// columns passed the table's cell limit and was refused).
#[test]
fn empty_cells_ending_every_row_take_no_room() {
    let m = national();
    let text = long_table(&m, 20);
    let padded: String = text
        .lines()
        .map(|line| format!("{line},,,,,,,,,\n"))
        .collect();
    let whole = read_whole(&m, &text);
    assert!(whole.is_ok());
    assert!(read_whole(&m, &padded) == whole);
    assert!(in_parts(&m, &padded, 2) == Some(whole.clone()));
    assert!(as_fed(&m, &padded, 4096) == Ok(whole));
    let kept = Table::from_csv(&padded).expect("a table");
    let widest = kept.rows.iter().map(Vec::len).max();
    assert!(widest <= Some(7), "{widest:?}");
}

#[test]
fn a_note_below_a_table_is_passed_over_wherever_its_rows_are_cut() {
    // The note's row holds text in the code column too. Read right after the blank row above
    // it, it starts the note, passed over; read first in a part, whose reader does not know
    // the row above, it would be a unit of an unknown criterion. A part starting so steps
    // aside: the table is then read whole. Below more blank rows than one, the note is on its
    // own row, however the table is read.
    let case = "csv-long-notes-below-passed-over";
    let m = case_methodology(case);
    let full = case_file(case, "input.csv");
    let units_end = full.find("Ghi chú:").expect("a note");
    for blanks in ["", ";;;\n\n"] {
        let units = &full[..units_end];
        let text = format!("{units}{blanks}Ghi chú:;các đơn vị chưa nộp đủ;;\n");
        let whole = read_whole(&m, &text);
        let note_row = text.lines().count();
        let said = whole
            .as_ref()
            .map(|r| (r.units.len(), r.warnings[0].message.clone()));
        assert!(
            said.as_ref().is_ok_and(|(units, note)| *units == 2
                && note.starts_with(&format!("dòng {note_row} dưới bảng"))),
            "{said:?}"
        );
        let table = Table::from_csv(&text).expect("a table");
        assert!(row_by_row(&m, &table) == Some(whole.clone()), "in one pass");
        let label = format!("below {} blank rows", 1 + blanks.lines().count());
        every_cut_gives_what_reading_whole_gives(&m, &text, &whole, &label);
    }
}

#[test]
fn a_table_with_a_row_left_out_is_scored_whole_with_it_said() {
    // A row with a cell past the header is left out of the table as it is read, and said with
    // the problems: rows given as cells would not see it, so they step aside.
    let case = "csv-long-signed-with-the-place-apart";
    let m = case_methodology(case);
    let text = "Đơn vị;Mã tiêu chí;Điểm đạt được;Người thẩm định\n\
                Sở Nội vụ;1;36,5;A\n\
                Sở Nội vụ;2;30;A;lệch\n";
    let table = Table::from_csv(text).expect("a table");
    assert_eq!(table.rows_left_out.len(), 1);
    assert!(table.score_long_rows(Scorer::new(&m, Lang::Vi)).is_none());
    let refused = score_table(&m, &table, Lang::Vi).expect_err("the row left out is said");
    assert_eq!(refused.problems[0].row, Some(3));
}

/// The rows a generated long table is made of, as officials' sheets have them.
#[derive(Debug, Clone)]
enum Row {
    /// A unit's criterion: the unit (of ten, three names), the criterion (of ten, or one the criteria do not
    /// have), the self-score and the appraisal (each of a few, some not scores), with a reason.
    Entry(usize, usize, usize, usize, bool),
    Blank,
    Note,
    PlaceAndDate,
    Titles,
    TitleAlone,
    Total,
}

impl Row {
    fn line(&self) -> String {
        // Now and then a name typed with two spaces, which streamed readers step aside for.
        const UNITS: [&str; 4] = ["Xã An Bình", "Xã Tân Phú", "Sở Y tế", "Xã  Tân Phú"];
        // A decimal comma quoted, as Excel saves it in a comma-separated file.
        const SCORES: [&str; 5] = ["1", "\"0,5\"", "0.25", "x", ""];
        match self {
            Row::Entry(unit, code, own, appraised, reason) => {
                let code = match code {
                    10 => "9.9".to_string(),
                    c => format!("1.{}", c + 1),
                };
                let reason = if *reason { "Thiếu tài liệu" } else { "" };
                let (own, appraised) = (SCORES[*own], SCORES[*appraised]);
                let name = UNITS[if *unit == 9 { 3 } else { unit % 3 }];
                format!("{name},{code},{own},{appraised},{reason}")
            }
            Row::Blank => String::new(),
            Row::Note => "Ghi chú:,các đơn vị chưa nộp đủ,,,".to_string(),
            Row::PlaceAndDate => "\"Cà Mau, ngày 15 tháng 11 năm 2024\",,,,".to_string(),
            Row::Titles => "NGƯỜI LẬP BIỂU,,KT. GIÁM ĐỐC,,".to_string(),
            Row::TitleAlone => "NGƯỜI LẬP BIỂU".to_string(),
            Row::Total => "Tổng cộng,,,,".to_string(),
        }
    }
}

/// A generated table's rows: units' rows, most often each unit's together (a row may name a
/// unit read already), then what may stand below a table, and now and then one of those
/// among the units' rows.
fn generated_rows() -> impl proptest::strategy::Strategy<Value = Vec<Row>> {
    use proptest::prelude::*;
    let entry = (0..10usize, 0..11usize, 0..5usize, 0..5usize, any::<bool>())
        .prop_map(|(u, c, s, a, r)| Row::Entry(u, c, s, a, r));
    let below = prop_oneof![
        3 => Just(Row::Blank),
        1 => Just(Row::Note),
        1 => Just(Row::PlaceAndDate),
        1 => Just(Row::Titles),
        1 => Just(Row::TitleAlone),
        1 => Just(Row::Total),
    ];
    let entries = proptest::collection::vec(entry, 0..20);
    let tail = proptest::collection::vec(below.clone(), 0..6);
    let among = proptest::option::weighted(0.2, (0..20usize, below));
    let flags = (proptest::bool::weighted(0.9), proptest::bool::weighted(0.8));
    (entries, flags, tail, among).prop_map(|(mut entries, (together, blank), tail, among)| {
        if together {
            entries.sort_by_key(|row| match row {
                Row::Entry(unit, ..) => unit % 3,
                _ => 0,
            });
        }
        if let Some((at, row)) = among {
            entries.insert(at.min(entries.len()), row);
        }
        // What stands below a table, most often below a blank row.
        let blank = (blank && !tail.is_empty()).then_some(Row::Blank);
        entries.into_iter().chain(blank).chain(tail).collect()
    })
}

#[test]
fn a_generated_table_cut_every_way_gives_what_reading_it_whole_gives() {
    use proptest::strategy::{Strategy, ValueTree};
    // Tables of units' rows, in order or apart, with problems, blank rows, notes, signatures
    // (padded or typed alone) and totals among them: however a streamed reader cuts one, it
    // gives what reading it whole gives, or steps aside. The same tables every run (a fixed
    // seed), the text of one that differs named.
    let m = case_methodology("csv-error-code-made-a-number-twice-in-a-unit");
    let tables = generated_rows();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (cases, mut compared) = (96, 0);
    for _ in 0..cases {
        let rows = tables.new_tree(&mut runner).expect("a table").current();
        let mut text = String::from("Đơn vị,Mã tiêu chí,Tự chấm,Thẩm định,Lý do\n");
        rows.iter()
            .for_each(|row| text.push_str(&format!("{}\n", row.line())));
        let whole = read_whole(&m, &text);
        if every_cut_gives_what_reading_whole_gives(&m, &text, &whole, &text) > 0 {
            compared += 1;
        }
    }
    // Streamed readers step aside for much of what is irregular (a unit's rows apart, a name
    // typed with two spaces, a total or a note right below the units): a fifth of these
    // tables at least stream some way, each compared with reading it whole.
    assert!(
        compared * 5 >= cases,
        "{compared} of {cases} tables streamed"
    );
}
