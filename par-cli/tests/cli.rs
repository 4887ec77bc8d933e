//! The `par` binary as a user runs it: exit codes, outputs, and every input format.

mod common;

use common::{par, par_with_env, root, stderr, stdout};
use std::path::PathBuf;
use std::process::Output;

fn temp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("par-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

const CAMAU: &str = "camau-1880-2013-field1-excerpt";

/// Whether one line of `text` starts with `place` and ends with `code`.
fn has_line(text: &str, place: &str, code: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with(place) && l.ends_with(code))
}

#[test]
fn lists_the_catalogue() {
    let o = par(&["methodologies", "--lang", "en"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in [
        "bnv-2948-2017-province",
        "bnv-2948-2017-ministry",
        "bnv-876-2022-province",
        CAMAU,
    ] {
        assert!(out.contains(id), "{out}");
    }
    assert!(
        out.contains("2948/QĐ-BNV") && out.contains("components"),
        "{out}"
    );
    let vi = stdout(&par(&["methodologies"]));
    assert!(
        vi.contains("Mức đầy đủ") && vi.contains("chỉ có thành phần") && vi.contains("cấp tỉnh"),
        "{vi}"
    );
}

#[test]
fn scores_the_bundled_example_as_a_table() {
    let o = par(&["score", "-m", CAMAU, "examples/so-2024.csv", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Sở Nông nghiệp và Môi trường") && out.contains("90.00"),
        "{out}"
    );
    assert!(out.contains("mean 67.19"), "{out}");
    // Units tied at 60.00 share rank 6; the next is 8th.
    assert!(
        out.contains("6  Sở Công Thương") && out.contains("8  Sở Tư pháp"),
        "{out}"
    );
}

#[test]
fn the_rank_table_is_vietnamese_by_default_with_decimal_commas() {
    let o = par(&["score", "-m", CAMAU, "examples/so-2024.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Xếp hạng") && out.contains("Đơn vị"), "{out}");
    assert!(out.contains("90,00") && !out.contains("90.00"), "{out}");
    assert!(out.contains("trung bình 67,19"), "{out}");
    let env = par_with_env(
        &["score", "-m", CAMAU, "examples/so-2024.csv"],
        &[("PAR_LANG", "en")],
    );
    assert!(stdout(&env).contains("mean 67.19"), "{}", stdout(&env));
    let flag_wins = par_with_env(
        &["score", "-m", CAMAU, "examples/so-2024.csv", "--lang", "vi"],
        &[("PAR_LANG", "en")],
    );
    assert!(stdout(&flag_wins).contains("trung bình 67,19"));
}

#[test]
fn an_unknown_language_is_refused() {
    let o = par(&["methodologies", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("không có ngôn ngữ “fr”"),
        "{}",
        stderr(&o)
    );
    let env = par_with_env(&["methodologies"], &[("PAR_LANG", "de")]);
    assert_eq!(env.status.code(), Some(2));
}

/// The issue's own check: a table with an out-of-range score, an unknown criterion and a
/// non-number, scored in Vietnamese (by flag and by environment), prints only Vietnamese.
#[test]
fn problems_are_told_in_vietnamese_naming_unit_and_criterion() {
    let table = temp(
        "bad-vi.csv",
        "unit,code,self\nUBND xã An Bình,1.3,4\nUBND xã An Bình,9.9,1\nUBND xã An Bình,1.1.4,abc\n",
    );
    let args = ["score", "-m", CAMAU, table.to_str().unwrap()];
    let by_flag = par(&[&args[..], &["--lang", "vi"]].concat());
    let by_env = par_with_env(&args, &[("PAR_LANG", "vi")]);
    for o in [&by_flag, &by_env] {
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(o);
        assert_eq!(err.lines().count(), 3, "{err}");
        assert!(
            err.contains("đơn vị UBND xã An Bình")
                && err.contains(
                    "điểm tự chấm của tiêu chí 1.3 “Kiểm tra công tác CCHC”: 4 vượt điểm tối đa 3"
                ),
            "{err}"
        );
        assert!(
            err.contains("tiêu chí 9.9 không có trong bộ tiêu chí"),
            "{err}"
        );
        assert!(
            err.contains("dòng 4") && err.contains("“abc” không phải là số"),
            "{err}"
        );
        // Only the codes, kept for reference, are not Vietnamese.
        let words: String = err
            .lines()
            .map(|l| l.split(" (mã lỗi: ").next().unwrap_or(l))
            .collect();
        for english in [
            "unit",
            "node",
            "row",
            "is not",
            "exceeds",
            "criterion",
            "the ",
            "self",
        ] {
            assert!(!words.contains(english), "'{english}' in\n{err}");
        }
        assert!(err.contains("(mã lỗi: out_of_range)"), "{err}");
    }
}

#[test]
fn a_partial_units_warnings_are_vietnamese() {
    let table = temp("partial-vi.csv", "unit,code,self\nUBND xã An Bình,1.3,2\n");
    let o = par(&[
        "explain",
        "-m",
        CAMAU,
        table.to_str().unwrap(),
        "--unit",
        "UBND xã An Bình",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Cảnh báo:"), "{out}");
    assert!(
        out.contains("tiêu chí 1.1.1 “Ban hành kế hoạch CCHC năm” chưa chấm (tính 0 điểm)"),
        "{out}"
    );
    assert!(
        out.contains("Nguồn điểm") && out.contains("CHƯA CHẤM"),
        "{out}"
    );
}

#[test]
fn json_and_long_csv_inputs_give_identical_results() {
    let a = par(&["score", "-m", CAMAU, "examples/so-2024.json", "-f", "json"]);
    let b = par(&["score", "-m", CAMAU, "examples/so-2024.csv", "-f", "json"]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn results_with_scores_only_rank_and_compare_as_the_full_results() {
    let saved = |detail: &str| {
        let o = par(&[
            "score",
            "-m",
            CAMAU,
            "examples/so-2024.csv",
            "-f",
            "json",
            "--detail",
            detail,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let path = temp(&format!("results-{detail}.json"), &stdout(&o));
        (stdout(&o), path.display().to_string())
    };
    let (full, full_file) = saved("full");
    let (scores, scores_file) = saved("scores");
    assert!(scores.contains("\"detail\": \"scores\"") && !scores.contains("\"appraisals\":"));
    assert!(full.contains("\"appraisals\":") && !full.contains("\"detail\""));
    assert!(scores.len() < full.len());
    // Either document read back gives the same ranking.
    let compared = |file: &str| stdout(&par(&["compare", "examples/so-2023.json", file]));
    assert_eq!(compared(&scores_file), compared(&full_file));
}

/// `copies` copies of the long example table's units, each copy's units named with its number.
fn copies_of_the_example(copies: usize) -> String {
    let example = std::fs::read_to_string(root().join("examples/so-2024.csv")).unwrap();
    let (header, rows) = example.split_once('\n').unwrap();
    let mut table = format!("{header}\n");
    for copy in 0..copies {
        for row in rows.lines() {
            let (unit, rest) = row.split_once(',').unwrap();
            table.push_str(&format!("{unit} {copy},{rest}\n"));
        }
    }
    table
}

#[test]
fn compact_results_are_the_indented_ones_on_one_line_with_units_in_order() {
    // More than one chunk of units for each core.
    let table = copies_of_the_example(40);
    let file = temp("compact-many-units.csv", &table);
    let results = |layout: &[&str]| {
        let mut args = vec!["score", "-m", CAMAU, file.to_str().unwrap(), "-f", "json"];
        args.extend(layout);
        let o = par(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let (pretty, compact) = (results(&[]), results(&["--compact"]));
    assert_eq!(compact.lines().count(), 1);
    assert!(compact.len() < pretty.len() * 2 / 3);
    let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    let units = value(&compact)["units"].as_array().unwrap().len();
    assert!(units > 128, "{units} units");
    assert_eq!(value(&compact), value(&pretty));
    // Read back as any results document is.
    let saved = temp("compact-results.json", &compact);
    let o = par(&["compare", saved.to_str().unwrap(), saved.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_table_larger_than_a_read_is_scored_piece_by_piece_as_when_read_whole() {
    // `par` reads a table a mebibyte at a time, and scores each piece of whole units on a core.
    let table = copies_of_the_example(400);
    assert!(table.len() > 3 << 20, "{} bytes", table.len());
    let pieces = temp("read-in-pieces.csv", &table);
    let ranking = |file: &std::path::Path| {
        let o = par(&["score", "-m", CAMAU, file.to_str().unwrap(), "-f", "csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let in_pieces = ranking(&pieces);
    assert_eq!(in_pieces.lines().count(), 1 + 400 * 8);
    // Under title rows, as sheets are exported and as officials type them: padded to the
    // header's width, typed without commas, quoted because it holds one.
    for titles in [
        "BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM NĂM 2024,,,,,,,\n",
        "BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM NĂM 2024\r\nSở Nội vụ tỉnh Cà Mau\r\n\r\n",
        "\"Cà Mau, ngày 15 tháng 01 năm 2025\"\nBẢNG ĐIỂM\n",
    ] {
        let titled = temp("under-titles.csv", &format!("{titles}{table}"));
        assert_eq!(in_pieces, ranking(&titled), "under {titles:?}");
    }
}

/// `par score -f json` writes each unit's workings (its nodes with the inputs behind them) to a
/// temporary file as it scores the unit, and copies them into the document in ranking order: the
/// document is the one the results held whole give, in either layout, with the inputs held in
/// memory where no temporary file can be made.
#[test]
fn the_results_of_a_table_read_in_pieces_show_every_input_as_when_held_whole() {
    let table = copies_of_the_example(400);
    let file = temp("workings-in-pieces.csv", &table);
    let m = par_core::wire::load_methodology(CAMAU).unwrap();
    let lang = par_core::Lang::Vi;
    let whole = par_core::wire::score_csv_with(&m, &table, lang, par_core::Detail::Full).unwrap();
    for (layout, held_whole) in [
        (None, whole.to_json()),
        (Some("--compact"), whole.to_compact_json()),
    ] {
        let mut args = vec!["score", "-m", CAMAU, file.to_str().unwrap(), "-f", "json"];
        args.extend(layout);
        for tmpdir in [std::env::temp_dir(), root().join("no such directory")] {
            let o = par_with_env(&args, &[("TMPDIR", tmpdir.to_str().unwrap())]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(stdout(&o) == held_whole, "{layout:?} {}", tmpdir.display());
        }
    }
}

/// `par compare` reads a results file a megabyte at a time, keeping its scores: a document of
/// several pieces compares as the results read whole do; one with a problem is read whole, which
/// names the problem.
#[test]
fn a_results_file_of_many_pieces_compares_as_read_whole() {
    let table = copies_of_the_example(400);
    let m = par_core::wire::load_methodology(CAMAU).unwrap();
    let results =
        par_core::wire::score_csv_with(&m, &table, par_core::Lang::Vi, par_core::Detail::Full);
    let document = results.unwrap().to_json();
    assert!(document.len() > 3 << 20, "{} bytes", document.len());
    let file = temp("compared-in-pieces.json", &document);
    let compared = par(&[
        "compare",
        file.to_str().unwrap(),
        file.to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert!(compared.status.success(), "{}", stderr(&compared));
    let whole = par_core::Results::from_json(&document).unwrap();
    let expected = par_core::compare::compare(&whole, &whole)
        .to_json()
        .unwrap();
    assert!(stdout(&compared) == expected);
    // A rank the index does not give, near the end: said as reading whole says it.
    let rank = document.rfind("\"rank\": ").unwrap() + "\"rank\": ".len();
    let after = rank + document[rank..].find(',').unwrap();
    let flawed = format!("{}9999{}", &document[..rank], &document[after..]);
    let flawed = temp("compared-flawed.json", &flawed);
    let o = par(&["compare", flawed.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("9999"), "{}", stderr(&o));
    // Each problem said of its file: two results files are compared.
    assert!(
        stderr(&o).contains("compared-flawed.json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_problem_in_a_long_table_read_in_pieces_names_its_unit_criterion_value_and_row() {
    // A table `par` reads in pieces, then whole to report the problem.
    let table = copies_of_the_example(400);
    // In the last copy, Sở Y tế's criterion 1.3 (max 3) self-scored 4.
    let lines: Vec<&str> = table.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.starts_with("Sở Y tế 399,,1.3,"))
        .unwrap();
    let mut cells: Vec<&str> = lines[at].split(',').collect();
    cells[3] = "4";
    let table = table.replace(lines[at], &cells.join(","));
    // Alone, and below two title rows typed without commas and a blank row: the row named is
    // the one a spreadsheet shows.
    for (titles, title_rows) in [("", 0), ("BÁO CÁO TỰ CHẤM ĐIỂM\nNĂM 2024\n\n", 3)] {
        let file = temp("parts-out-of-range.csv", &format!("{titles}{table}"));
        let o = par(&["score", "-m", CAMAU, file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let row = at + 1 + title_rows;
        let problems = stderr(&o);
        assert!(
            has_line(
                &problems,
                &format!("dòng {row}, đơn vị Sở Y tế 399: điểm tự chấm của tiêu chí 1.3"),
                "(mã lỗi: out_of_range)"
            ),
            "{problems}"
        );
        assert!(problems.contains(": 4 vượt điểm tối đa 3"), "{problems}");
        assert_eq!(problems.lines().count(), 1, "{problems}");
    }
}

#[test]
fn csv_output_has_a_column_per_field_and_component() {
    let o = par(&["score", "-m", CAMAU, "examples/so-2024.json", "-f", "csv"]);
    let out = stdout(&o);
    let header = out.lines().next().unwrap();
    assert_eq!(
        header,
        "unit,block,rank,points,max,index,band,1.1,1.2,1.3,component:appraisal"
    );
    assert!(
        out.contains("Sở Nông nghiệp và Môi trường,,1,9.00,10.00,90.00,,5.00,1.00,3.00,9.00"),
        "{out}"
    );
}

#[test]
fn wide_csv_with_either_decimal_separator() {
    let dot = temp(
        "wide-dot.csv",
        "unit,1,2,3,4,5,6,7,8\nQuảng Nam,9,9.38,10.95,9.81,8.89,6.07,11.59,15\n",
    );
    let comma = temp(
        "wide-comma.csv",
        "unit;1;2;3;4;5;6;7;8\nQuảng Nam;9;9,38;10,95;9,81;8,89;6,07;11,59;15\n",
    );
    let a = par(&[
        "score",
        "-m",
        "bnv-2948-2017-province",
        dot.to_str().unwrap(),
        "-f",
        "json",
    ]);
    let b = par(&[
        "score",
        "-m",
        "bnv-2948-2017-province",
        comma.to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("\"index\": \"80.69\""));
}

#[test]
fn invalid_input_exits_1_with_one_line_per_problem() {
    let bad = temp(
        "bad.json",
        r#"[{"unit":"A","entries":{"1":{"value":"11"},"9":{"value":"1"}}},{"unit":"A"},{"unit":"B","entries":{"2":{"value":3}}}]"#,
    );
    let scored = |path: &PathBuf| {
        let path = path.to_str().unwrap();
        par(&[
            "score",
            "-m",
            "bnv-2948-2017-province",
            path,
            "--lang",
            "en",
        ])
    };
    let o = scored(&bad);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        has_line(&err, "unit B, criterion 2", "(code: bad_decimal)") && err.contains("write \"3\""),
        "{err}"
    );
    assert!(
        has_line(
            &err,
            "unit A: the points given (value) of criterion 1 ",
            "(code: out_of_range)"
        ),
        "{err}"
    );
    assert!(
        has_line(&err, "unit A, criterion 9", "(code: unknown_node)"),
        "{err}"
    );
    assert!(has_line(&err, "unit A", "(code: duplicate_unit)"), "{err}");
    assert!(!err.contains("panicked"));
    // Saved with a byte-order mark (as Notepad saves), the text is decoded before it is read:
    // the same problems.
    let text = std::fs::read(&bad).unwrap();
    let marked = write_bytes("bad-bom.json", &[b"\xef\xbb\xbf", &text[..]].concat());
    let o = scored(&marked);
    assert_eq!((o.status.code(), stderr(&o)), (Some(1), err));
}

#[test]
fn usage_errors_exit_2() {
    let missing = par(&["score"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("thiếu tham số bắt buộc: --methodology"),
        "{}",
        stderr(&missing)
    );
    let unknown = par(&["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("không có lệnh “frobnicate”"));
    let english = par(&["--lang", "en", "frobnicate"]);
    assert!(stderr(&english).contains("no command 'frobnicate'"));
    let help = par(&["score", "--help"]);
    assert!(help.status.success() && stdout(&help).contains("Cách dùng: par score"));
    let o = par(&["score", "-m", CAMAU, "no-such-file.json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-file.json: cannot be read"));
    let vi = par(&["score", "-m", CAMAU, "no-such-file.json"]);
    assert!(stderr(&vi).contains("no-such-file.json: không đọc được tệp"));
    assert_eq!(
        par(&[
            "score",
            "-m",
            "no-such-methodology",
            "examples/so-2024.json"
        ])
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn a_report_is_never_written_over_its_input_nor_under_another_kind_of_name() {
    // A department's sheet given as the report's output too was replaced by the report.
    let sheet = std::env::temp_dir().join(format!("par-diem-{}.xlsx", std::process::id()));
    std::fs::copy(
        root().join("fixtures/cases/csv-saved-every-way/input.xlsx"),
        &sheet,
    )
    .unwrap();
    let before = std::fs::read(&sheet).unwrap();
    let over = par(&[
        "report",
        "-m",
        CAMAU,
        sheet.to_str().unwrap(),
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(over.status.code(), Some(2));
    assert!(
        stderr(&over).contains("đây là một tệp đầu vào của lệnh"),
        "{}",
        stderr(&over)
    );
    let as_csv = temp("bao-cao.csv", "");
    let csv = par(&[
        "report",
        "-m",
        CAMAU,
        "examples/so-2024.csv",
        "-o",
        as_csv.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(csv.status.code(), Some(2));
    assert!(
        stderr(&csv).contains("must end in .xlsx"),
        "{}",
        stderr(&csv)
    );
    let chart = par(&[
        "chart",
        "ranking",
        "-m",
        CAMAU,
        sheet.to_str().unwrap(),
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(chart.status.code(), Some(2));
    assert_eq!(std::fs::read(&sheet).unwrap(), before);
    assert!(std::fs::read(&as_csv).unwrap().is_empty());
}

#[test]
fn explain_shows_provenance_and_lost_points() {
    let o = par(&[
        "explain",
        "-m",
        CAMAU,
        "examples/so-2024.json",
        "--unit",
        "Sở Y tế",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Sở Y tế — 7.00 / 10.00 points, index 70.00, rank 3"),
        "{out}"
    );
    assert!(out.contains("Lost most points:\n  1.3      −1.50"), "{out}");
    assert!(out.contains("Kế hoạch ban hành sau thời hạn"), "{out}");
    assert!(out.contains("appraisal r1"));
    // Components by the names people call them, not their tags.
    assert!(
        out.contains("Components:\n  Appraisal: 7.00 / 10.00"),
        "{out}"
    );
    let vi = stdout(&par(&[
        "explain",
        "-m",
        CAMAU,
        "examples/so-2024.json",
        "--unit",
        "Sở Y tế",
    ]));
    assert!(
        vi.contains("Sở Y tế — 7,00/10,00 điểm, chỉ số 70,00%, xếp hạng 3"),
        "{vi}"
    );
    assert!(
        vi.contains("Thành phần:\n  Thẩm định: 7,00 / 10,00"),
        "{vi}"
    );
    assert!(
        vi.contains("Bị trừ nhiều điểm nhất:\n  1.3      −1,50"),
        "{vi}"
    );
    assert!(vi.contains("thẩm định lần 1"), "{vi}");
    // The unit typed in small letters, as a keyboard gives it, is the unit.
    let typed = par(&[
        "explain",
        "-m",
        CAMAU,
        "examples/so-2024.json",
        "--unit",
        "sở y tế",
    ]);
    assert!(
        stdout(&typed).starts_with("Sở Y tế — 7,00/10,00 điểm"),
        "{}",
        stderr(&typed)
    );
    let missing = par(&[
        "explain",
        "-m",
        CAMAU,
        "examples/so-2024.json",
        "--unit",
        "Sở Không Có",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("unknown_unit"));
    // The unit's own reasons, typed where no score keeps them, are not in its explanation: what
    // reading did with the file is said beside it, as `what-if` says it.
    let case = "fixtures/cases/csv-long-reasons-without-a-score-column";
    let methodology = format!("{case}/methodology.json");
    let input = format!("{case}/input.csv");
    let said = "par: cột “Lý do” (cột D) có lý do ở 2 dòng (dòng đầu tiên: dòng 2)";
    for question in [
        &["explain", "-m", &methodology, &input, "--unit", "Sở Y tế"][..],
        &[
            "what-if",
            "-m",
            &methodology,
            &input,
            "--unit",
            "Sở Y tế",
            "--set",
            "2.1=3",
        ],
    ] {
        let o = par(question);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).starts_with(said), "{question:?}: {}", stderr(&o));
    }
    // A question refused is answered by its problem alone.
    let refused = par(&["explain", "-m", &methodology, &input, "--unit", "Sở Nội vụ"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(!stderr(&refused).contains("Lý do"), "{}", stderr(&refused));
}

#[test]
fn compare_reports_moves() {
    let dir = std::env::temp_dir().join(format!("par-cli-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for year in ["2023", "2024"] {
        let o = par(&[
            "score",
            "-m",
            CAMAU,
            &format!("examples/so-{year}.json"),
            "-f",
            "json",
        ]);
        std::fs::write(dir.join(format!("{year}.json")), o.stdout).unwrap();
    }
    let (a, b) = (dir.join("2023.json"), dir.join("2024.json"));
    let o = par(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Sở Nông nghiệp và Môi trường"));
    let j = par(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert!(stdout(&j).contains("\"schema\": \"par.comparison/1\""));
}

#[test]
fn compare_says_when_last_years_overall_ranks_are_recounted_within_blocks() {
    let case = "fixtures/cases/compare-published-overall-ranking-against-blocks";
    let (previous, current) = (
        format!("{case}/previous.csv"),
        format!("{case}/current.json"),
    );
    let o = par(&["compare", &previous, &current]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("hạng kỳ trước được tính lại trong khối của kỳ này"));
    let o = par(&["compare", &previous, &current, "--lang", "en"]);
    assert!(stdout(&o).contains("recounted within this period's blocks"));
}

#[test]
fn last_years_report_compares_on_every_block_sheet() {
    // `par report` writes a ranking sheet per block: read as last year's ranking, only its first
    // sheet was compared, and the other blocks' units said to be new.
    let case = root().join("fixtures/cases/blocks-ranked-separately");
    let (m, input) = (case.join("methodology.json"), case.join("input.json"));
    let dir = std::env::temp_dir().join(format!("par-cli-blocks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (report, results) = (dir.join("bao-cao.xlsx"), dir.join("ket-qua.json"));
    let paths = [
        m.to_str().unwrap(),
        input.to_str().unwrap(),
        report.to_str().unwrap(),
    ];
    assert!(par(&["report", "-m", paths[0], paths[1], "-o", paths[2]])
        .status
        .success());
    let scored = par(&["score", "-m", paths[0], paths[1], "-f", "json"]);
    std::fs::write(&results, scored.stdout).unwrap();
    let o = par(&["compare", paths[2], results.to_str().unwrap(), "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let comparison: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let units = |key: &str| comparison[key].as_array().map_or(0, Vec::len);
    assert_eq!(
        (units("only_in_previous"), units("only_in_current")),
        (0, 0)
    );
    let moves = comparison["units"].as_array().unwrap();
    assert!(moves.len() > 3);
    assert!(moves
        .iter()
        .all(|m| m["rank_change"] == 0 && m["change"] == "0.00"));
}

#[test]
fn a_unit_whose_name_spells_an_excel_escape_is_read_back_from_the_report_as_named() {
    // Excel reads `_x0041_` in a cell as `A`: the workbook writer (rust_xlsxwriter) keeps such a
    // name as typed, writing `_x005F_` (an underscore) before it, and the reader (calamine)
    // reads that back, so last year's report knows the unit.
    let m = root().join("fixtures/cases/csv-wide-comma/methodology.json");
    let dir = std::env::temp_dir().join(format!("par-cli-escapes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (input, report, results) = (
        dir.join("vao.json"),
        dir.join("bao-cao.xlsx"),
        dir.join("ket-qua.json"),
    );
    let units = ["Xã _x0041_", "Phường _x005F_ 2"].map(|name| {
        format!(r#"{{"unit": "{name}", "entries": {{"1": {{"value": "30"}}, "2": {{"value": "20"}}, "3": {{"value": "10"}}}}}}"#)
    });
    let doc = format!(
        r#"{{"schema": "par.assessments/1", "units": [{}]}}"#,
        units.join(",")
    );
    std::fs::write(&input, doc).unwrap();
    let [m, input, report] = [&m, &input, &report].map(|p| p.to_str().unwrap());
    assert!(par(&["report", "-m", m, input, "-o", report])
        .status
        .success());
    let scored = par(&["score", "-m", m, input, "-f", "json"]);
    std::fs::write(&results, scored.stdout).unwrap();
    let o = par(&["compare", report, results.to_str().unwrap(), "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let comparison: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let named = |m: &serde_json::Value| m["unit"].as_str().unwrap().to_string();
    let mut units: Vec<String> = comparison["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(named)
        .collect();
    units.sort();
    assert_eq!(units, ["Phường _x005F_ 2", "Xã _x0041_"]);
}

/// A score sheet given `validate` alone is checked against a methodology: `par` says how to
/// name one, not that the sheet is broken JSON.
#[test]
fn validate_of_a_table_alone_says_to_name_its_methodology() {
    for table in [
        "examples/so-2024.csv",
        "fixtures/tables/a-block-a-sheet.xlsx",
    ] {
        let o = par(&["--lang", "en", "validate", table]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let said = stderr(&o);
        assert!(
            said.contains(&format!("{table}: this is a table")),
            "{said}"
        );
        assert!(said.contains("par validate -m"), "{said}");
    }
    // A methodology Notepad saved as `.txt` is read as one.
    let methodology =
        std::fs::read_to_string(root().join("fixtures/bench/national-commune-100.json")).unwrap();
    let saved = temp("bo-chi-so.txt", &methodology);
    let o = par(&["--lang", "en", "validate", saved.to_str().unwrap()]);
    assert!(stdout(&o).contains("148 nodes"), "{}", stderr(&o));
}

#[test]
fn validate_accepts_good_and_reports_bad_methodologies() {
    let o = par(&[
        "validate",
        "fixtures/bench/national-commune-100.json",
        "--lang",
        "en",
    ]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("148 nodes, max 100"));
    let o = par(&["validate", "fixtures/bench/national-commune-100.json"]);
    assert!(stdout(&o).contains("148 tiêu chí, điểm tối đa 100"));
    let o = par(&[
        "validate",
        "fixtures/cases/error-methodology/methodology.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).lines().count() >= 6, "{}", stderr(&o));
    let o = par(&["validate", "examples/so-2024.json", "-m", CAMAU]);
    assert!(stdout(&o).contains("8 đơn vị đúng"), "{}", stderr(&o));
    // Valid, with what reading did with the file: here, reasons no score keeps.
    let case = "fixtures/cases/csv-long-reasons-without-a-score-column";
    let methodology = format!("{case}/methodology.json");
    let o = par(&["validate", &format!("{case}/input.csv"), "-m", &methodology]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 đơn vị đúng"), "{}", stdout(&o));
    let said = "par: cột “Lý do” (cột D) có lý do ở 2 dòng (dòng đầu tiên: dòng 2)";
    assert!(stderr(&o).starts_with(said), "{}", stderr(&o));
}

#[test]
fn converts_tables_to_assessment_json() {
    let o = par(&["convert", "-m", CAMAU, "examples/so-2024.csv"]);
    assert!(o.status.success());
    let converted = temp("converted.json", &stdout(&o));
    let a = par(&[
        "score",
        "-m",
        CAMAU,
        converted.to_str().unwrap(),
        "-f",
        "json",
    ]);
    let b = par(&["score", "-m", CAMAU, "examples/so-2024.csv", "-f", "json"]);
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn a_table_converted_is_refused_for_the_texts_its_scoring_is_refused_for() {
    // A formula without its result, or a formula's error, as evidence or a reason: written into
    // JSON, a formula would then be kept as typed text.
    let case = "fixtures/cases/csv-error-texts-not-read";
    let (m, input) = (
        format!("{case}/methodology.json"),
        format!("{case}/input.csv"),
    );
    let converted = par(&["convert", "-m", &m, &input]);
    let scored = par(&["score", "-m", &m, &input]);
    assert_eq!(converted.status.code(), Some(1), "{}", stdout(&converted));
    assert_eq!(stderr(&converted), stderr(&scored));
    assert!(
        stderr(&converted).contains("“=E2”"),
        "{}",
        stderr(&converted)
    );
}

fn import(table: &str) -> Output {
    par(&["methodology", "import", table, "--id", CAMAU])
}

/// The criteria table `par methodology export` writes of the methodology at `path`.
fn exported(path: &std::path::Path) -> String {
    stdout(&par(&["methodology", "export", path.to_str().unwrap()]))
}

/// The methodology JSON `given` written as `name`.json, exported, and the table imported back:
/// the table, and the methodology JSON read from it.
fn exported_and_imported(name: &str, given: &str) -> (String, String) {
    let table = exported(&temp(&format!("{name}.json"), given));
    let imported = import(temp(&format!("{name}.csv"), &table).to_str().unwrap());
    (table, stdout(&imported))
}

fn nodes_of(json: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(json).expect("methodology JSON");
    v["nodes"].clone()
}

#[test]
fn importing_the_camau_table_from_csv_and_xlsx_gives_the_builtin_tree() {
    let builtin = std::fs::read_to_string(
        root().join("par-core/methodologies/camau-1880-2013-field1-excerpt.json"),
    )
    .unwrap();
    let csv = import("fixtures/tables/camau-1880-field1-excerpt.csv");
    let xlsx = import("fixtures/tables/camau-1880-field1-excerpt.xlsx");
    assert!(
        csv.status.success() && xlsx.status.success(),
        "{}{}",
        stderr(&csv),
        stderr(&xlsx)
    );
    assert_eq!(nodes_of(&stdout(&csv)), nodes_of(&builtin));
    assert_eq!(stdout(&csv), stdout(&xlsx));
}

#[test]
fn every_score_sheet_the_fixtures_save_as_a_workbook_scores_as_its_csv() {
    // The workbooks as Excel, rust_xlsxwriter or openpyxl write them (title rows, merged blocks,
    // formulas without their results): the same results, or the same problems, as their CSV.
    let mut compared = 0;
    for case in std::fs::read_dir(root().join("fixtures/cases")).unwrap() {
        let case = case.unwrap().path();
        if !case.join("input.xlsx").exists() {
            continue;
        }
        let given = |name: &str| std::fs::read_to_string(case.join(name)).ok();
        let methodology = match given("methodology.txt") {
            Some(id) => id.trim().to_string(),
            None => case.join("methodology.json").display().to_string(),
        };
        let lang = given("lang.txt").unwrap_or_else(|| "vi".into());
        let score = |input: &str| {
            let input = case.join(input).display().to_string();
            let args = ["score", "-m", &methodology, &input, "-f", "json"];
            par(&[&args[..], &["--lang", lang.trim()]].concat())
        };
        let (csv, xlsx) = (score("input.csv"), score("input.xlsx"));
        let name = case.display();
        assert_eq!(
            xlsx.status.code(),
            csv.status.code(),
            "{name}: {}",
            stderr(&xlsx)
        );
        assert_eq!(stdout(&xlsx), stdout(&csv), "{name}");
        assert_eq!(
            stderr(&xlsx).replace("input.xlsx", "input.csv"),
            stderr(&csv),
            "{name}"
        );
        compared += 1;
    }
    assert!(compared >= 10, "{compared} workbooks");
}

#[test]
fn export_then_import_round_trips_exactly() {
    let exported = par(&["methodology", "export", CAMAU]);
    assert!(exported.status.success());
    let table = temp("exported.csv", &stdout(&exported));
    let imported = import(table.to_str().unwrap());
    let methodology = temp("imported.json", &stdout(&imported));
    let again = par(&["methodology", "export", methodology.to_str().unwrap()]);
    assert_eq!(stdout(&again), stdout(&exported));
    assert_eq!(
        std::fs::read_to_string(root().join("fixtures/tables/camau-1880-field1-excerpt.csv"))
            .unwrap(),
        stdout(&exported)
    );
}

/// Labels holding the marks a list of options or bands is written with (`;` between pairs,
/// `=` before points, `:` after a band's label) round-trip: a `;` of a label is written twice.
#[test]
fn labels_holding_the_marks_of_a_list_round_trip() {
    let given = r#"{"schema": "par.methodology/1", "id": "marks", "name": "Dấu trong nhãn",
            "nodes": [
              {"code": "1", "name": "Chỉ đạo", "max": "2", "children": [
                {"code": "1.1", "name": "Kế hoạch", "max": "1", "rule": {"type": "choice",
                  "options": [{"label": "Ban hành đúng hạn; đủ nội dung", "points": "1"},
                              {"label": "a=b", "points": "0"}]}},
                {"code": "1.2", "name": "Tỷ lệ", "max": "1", "rule": {"type": "bands",
                  "bands": [{"label": "Tốt: trên 90%; đạt", "points": "1", "min": "90",
                             "min_inclusive": false},
                            {"label": "Chưa đạt", "points": "0", "max": "90"}]}}]}]}"#;
    let (exported, imported) = exported_and_imported("marks", given);
    let back: serde_json::Value = serde_json::from_str(&imported).unwrap();
    let given: serde_json::Value = serde_json::from_str(given).unwrap();
    for leaf in [0, 1] {
        let rule = |m: &serde_json::Value| m["nodes"][0]["children"][leaf]["rule"].clone();
        assert_eq!(rule(&back), rule(&given), "{exported}");
    }
}

/// A tree as deep as a methodology may be (16 levels) round-trips: the `code` column numbers
/// every level.
#[test]
fn the_deepest_tree_round_trips() {
    let mut node =
        r#"{"code": "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", "name": "Lá", "max": "1"}"#.to_string();
    for depth in (1..16).rev() {
        let code = vec!["1"; depth].join(".");
        node = format!(
            r#"{{"code": "{code}", "name": "Mức {depth}", "max": "1", "children": [{node}]}}"#
        );
    }
    let given = format!(
        r#"{{"schema": "par.methodology/1", "id": "deep", "name": "Sâu", "nodes": [{node}]}}"#
    );
    let (table, imported) = exported_and_imported("deep", &given);
    assert_eq!(exported(&temp("deep-again.json", &imported)), table);
}

/// What the criteria table does not hold (adjustments, the default component, the
/// classification, blocks, policies) is said beside it, not lost without a word when the table
/// is imported back; a methodology the table holds whole is exported without a warning.
#[test]
fn export_says_what_the_criteria_table_leaves_in_the_json() {
    let methodology = temp(
        "left-out.json",
        r#"{"schema": "par.methodology/1", "id": "left-out", "name": "Phần ngoài bảng",
            "default_component": "main",
            "bands": [{"label": "Tốt", "min": "80"}, {"label": "Khá", "min": "0"}],
            "blocks": [{"id": "so", "name": "Khối sở"}],
            "nodes": [{"code": "1", "name": "Chỉ đạo", "max": "10"}],
            "adjustments": [{"code": "T", "name": "Điểm thưởng", "min": "0", "max": "2"}]}"#,
    );
    let exported = par(&[
        "--lang",
        "en",
        "methodology",
        "export",
        methodology.to_str().unwrap(),
    ]);
    assert!(exported.status.success());
    let said = stderr(&exported);
    for part in [
        "adjustments (T)",
        "default component 'main'",
        "no classification",
        "no blocks (1)",
    ] {
        assert!(said.contains(part), "{part} in {said}");
    }
    assert_eq!(said.matches("(warning: not_exported)").count(), 4, "{said}");
    // A built-in methodology's criteria are whole in the table; its decision and date are not.
    let whole = par(&["--lang", "en", "methodology", "export", CAMAU]);
    let said = stderr(&whole);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("own details (decision, date"), "{said}");
}

/// Names that start as a formula does are exported behind an apostrophe, which Excel shows as
/// text and does not run, and import reads back the names as typed.
#[test]
fn names_that_start_as_formulas_are_exported_as_text_and_imported_as_typed() {
    let methodology = temp(
        "formula-names.json",
        r#"{"schema": "par.methodology/1", "id": "formula-names", "name": "Tên như công thức",
            "nodes": [
              {"code": "1", "name": "=HYPERLINK(\"http://x\")", "max": "10", "children": [
                {"code": "1.1", "name": "- Tỷ lệ văn bản", "max": "6", "notes": "@chú ý"},
                {"code": "1.2", "name": "+ Kết quả", "max": "4"}]}]}"#,
    );
    let exported = stdout(&par(&[
        "methodology",
        "export",
        methodology.to_str().unwrap(),
    ]));
    for cell in [
        "\"'=HYPERLINK(\"\"http://x\"\")\"",
        ",'- Tỷ lệ văn bản,",
        ",'@chú ý",
        ",'+ Kết quả,",
    ] {
        assert!(exported.contains(cell), "missing {cell} in\n{exported}");
    }
    let table = temp("formula-names.csv", &exported);
    let imported = import(table.to_str().unwrap());
    let back: serde_json::Value = serde_json::from_str(&stdout(&imported)).unwrap();
    let names: Vec<&str> = [
        &back["nodes"][0],
        &back["nodes"][0]["children"][0],
        &back["nodes"][0]["children"][1],
    ]
    .iter()
    .map(|n| n["name"].as_str().unwrap_or_default())
    .collect();
    assert_eq!(
        names,
        ["=HYPERLINK(\"http://x\")", "- Tỷ lệ văn bản", "+ Kết quả"],
        "{back}"
    );
    assert_eq!(back["nodes"][0]["children"][0]["notes"], "@chú ý");
}

/// The annex fixture as a province publishes it, from its Excel copy (classification on its own
/// sheet) and from CSV (classification below the criteria): one methodology, the one every
/// binding's import gives (`expected.json`), with what each row was read as on request and the
/// row whose guidance was not read named on standard error.
#[test]
fn an_annex_as_published_imports_from_excel_and_csv_alike() {
    let case = root().join("fixtures/cases/annex-import");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
            .unwrap();
    for file in ["annex.xlsx", "annex.csv"] {
        let path = case.join(file);
        let o = par(&["methodology", "import", path.to_str().unwrap(), "--explain"]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let methodology: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(methodology, expected["methodology"], "{file}");
        let err = stderr(&o);
        assert!(err.contains("Đọc là"), "{err}");
        assert!(
            err.contains("1.1.2  Mức độ thực hiện kế hoạch cải cách hành…            2  theo khoảng: [90; +∞) = 2; [70; 90) = 1; (−∞; 70) = 0"),
            "{err}"
        );
        assert!(
            has_line(
                &err,
                "par: dòng 18, tiêu chí 2.1.2: hướng dẫn chấm điểm chưa đọc được",
                "(cảnh báo: guidance_not_read)"
            ),
            "{err}"
        );
    }
    let quiet = par(&[
        "methodology",
        "import",
        case.join("annex.csv").to_str().unwrap(),
    ]);
    assert!(!stderr(&quiet).contains("Đọc là"));
}

/// Last year's ranking as it was published (a table: title rows, `Tỉnh, thành phố`, `Chỉ số`,
/// `Xếp hạng`) against this year's results: the moves, and a note that the table names no
/// methodology.
#[test]
fn compares_with_a_ranking_as_published() {
    let case = root().join("fixtures/cases/compare-published-table");
    let o = par(&[
        "compare",
        case.join("previous.csv").to_str().unwrap(),
        case.join("current.json").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Lưu ý: so sánh với bảng xếp hạng đã công bố"),
        "{out}"
    );
    assert!(
        out.contains("Quảng Ninh               90,10   92,18     +2,08"),
        "{out}"
    );
    let json = par(&[
        "compare",
        case.join("previous.csv").to_str().unwrap(),
        case.join("current.json").to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert_eq!(
        stdout(&json),
        std::fs::read_to_string(case.join("expected.json")).unwrap()
    );
}

/// The criterion analysis: the table lists per block the criteria losing most first; the JSON is
/// the shared fixture's.
#[test]
fn analyzes_where_each_block_loses_points() {
    let case = root().join("fixtures/cases/blocks-ranked-separately");
    let args = |format: &str| {
        par(&[
            "analyze",
            "-m",
            case.join("methodology.json").to_str().unwrap(),
            case.join("input.json").to_str().unwrap(),
            "-f",
            format,
        ])
    };
    let table = stdout(&args("table"));
    assert!(
        table.starts_with("Khối Sở, ban, ngành — 3 đơn vị"),
        "{table}"
    );
    assert!(
        table.contains("1   Lĩnh vực 1        40,00       34,67"),
        "{table}"
    );
    assert_eq!(
        stdout(&args("json")),
        std::fs::read_to_string(case.join("expected-analysis.json")).unwrap()
    );
    let csv = stdout(&args("csv"));
    assert!(
        csv.starts_with("block,code,name,depth,leaf,max,mean"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 6, "{csv}");
}

/// What-if: the table says the standing before and after and the way up; the JSON is the shared
/// fixture's; a `--set` without `=` is a usage error.
#[test]
fn answers_what_if_and_the_way_up() {
    let case = root().join("fixtures/cases/blocks-ranked-separately");
    let (methodology, input) = (case.join("methodology.json"), case.join("input.json"));
    let what_if = |extra: &[&str]| {
        let mut args = vec![
            "what-if",
            "-m",
            methodology.to_str().unwrap(),
            input.to_str().unwrap(),
            "-u",
            "Sở Y tế",
        ];
        args.extend_from_slice(extra);
        par(&args)
    };
    let table = stdout(&what_if(&["--set", "1=40", "--target", "rank=1"]));
    for line in [
        "Giả định cho Sở Y tế (Sở, ban, ngành):",
        "Hiện tại: 80,00 điểm, chỉ số 80,00%, xếp hạng 3, xếp loại Nhóm II",
        "Sau giả định: 90,00 điểm, chỉ số 90,00%, xếp hạng 2, xếp loại Nhóm I",
        "Đơn vị đổi hạng: Sở Nội vụ 2 → 3",
        "Để đạt hạng 1: đủ điểm ở 1 tiêu chí sau (bị trừ nhiều nhất trước):",
    ] {
        assert!(table.contains(line), "missing {line:?} in\n{table}");
    }
    let json = what_if(&["--set", "1=40", "--target", "rank=1", "-f", "json"]);
    assert_eq!(
        stdout(&json),
        std::fs::read_to_string(case.join("expected-what-if-rank.json")).unwrap()
    );
    let refused = what_if(&["--set", "1"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--set"), "{}", stderr(&refused));
    let twice = what_if(&["--set", "1=40", "--set", "1=39"]);
    assert_eq!(twice.status.code(), Some(2), "{}", stderr(&twice));
}

/// A band named on two lines, or with a right-to-left override, is shown on one line, its
/// override by its number, in the way up as everywhere else in a what-if.
#[test]
fn a_what_if_s_way_up_shows_its_band_on_one_line() {
    let methodology = temp(
        "band-two-lines.json",
        r#"{"schema": "par.methodology/1", "id": "band-two-lines", "name": "Một tiêu chí",
            "nodes": [{"code": "1", "name": "Tiêu chí 1", "max": "20"}],
            "bands": [{"label": "Xuất\nsắc \u202eX", "min": "50"}, {"label": "Khác", "min": "0"}]}"#,
    );
    let table = temp(
        "band-two-lines.csv",
        "unit,code,self\nXã A,1,5\nXã B,1,12\n",
    );
    let out = par(&[
        "what-if",
        "-m",
        methodology.to_str().unwrap(),
        table.to_str().unwrap(),
        "-u",
        "Xã A",
        "--set",
        "1=6",
        "--target",
        "band",
    ]);
    let text = stdout(&out);
    assert!(!text.contains('\u{202e}'), "{text}");
    for line in text.lines() {
        assert!(
            !line.starts_with("sắc"),
            "a band's second line on its own:\n{text}"
        );
    }
}

/// A what-if that moves many units names the first ten on its line and counts the others,
/// which its JSON lists; it reads the unit asked about as typed without marks.
#[test]
fn a_what_if_moving_many_units_names_the_first_ten() {
    let methodology = temp(
        "one-leaf.json",
        r#"{"schema": "par.methodology/1", "id": "one-leaf", "name": "Một tiêu chí",
            "nodes": [{"code": "1", "name": "Tiêu chí 1", "max": "20"}]}"#,
    );
    let mut table = String::from("unit,code,self\nXã Cuối,1,1\n");
    for u in 0..14 {
        table.push_str(&format!("Xã {u:02},1,{}\n", 5 + u % 3));
    }
    let table = temp("many-move.csv", &table);
    let what_if = |extra: &[&str]| {
        let mut args = vec!["what-if", "-m", methodology.to_str().unwrap()];
        args.extend_from_slice(&[table.to_str().unwrap(), "-u", "xa cuoi", "--set", "1=20"]);
        args.extend_from_slice(extra);
        par(&args)
    };
    let text = stdout(&what_if(&[]));
    let moved = text.lines().find(|l| l.starts_with("Đơn vị đổi hạng: "));
    let moved = moved.unwrap_or_else(|| panic!("no units moved in\n{text}"));
    assert_eq!(moved.matches(" → ").count(), 10, "{moved}");
    assert!(
        moved.ends_with(" và 4 đơn vị khác (--format json liệt kê tất cả)"),
        "{moved}"
    );
    let json = stdout(&what_if(&["-f", "json"]));
    let answer: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(answer["moved"].as_array().map(Vec::len), Some(14), "{json}");
}

/// The Excel report is the shared fixture's workbook, byte for byte: the packages' report of the
/// results (with every input, which names the appraisal round that counted).
#[test]
fn writes_the_excel_report() {
    for case in ["blocks-ranked-separately", "override-semantics"] {
        writes_the_report_of(case);
    }
}

fn writes_the_report_of(case: &str) {
    let case = root().join("fixtures/cases").join(case);
    let out = std::env::temp_dir().join(format!("par-report-{}.xlsx", std::process::id()));
    let written = par(&[
        "report",
        "-m",
        case.join("methodology.json").to_str().unwrap(),
        case.join("input.json").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        stdout(&written).starts_with("Đã ghi tệp: "),
        "{}",
        stderr(&written)
    );
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let expected = std::fs::read(case.join("expected-report.xlsx")).unwrap();
    assert!(bytes == expected, "{}", case.display());
}

/// The chart the README shows is the one `par chart` draws now; the changes chart compares with
/// last year's assessments, scored on the same methodology.
#[test]
fn draws_charts_and_the_readme_shows_the_current_one() {
    let example = root().join("examples");
    let input = example.join("so-2024.csv");
    let chart = |kind: &str, extra: &[&str]| {
        let mut args = vec![
            "chart",
            kind,
            "-m",
            "camau-1880-2013-field1-excerpt",
            input.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        par(&args)
    };
    assert_eq!(
        stdout(&chart("ranking", &[])),
        std::fs::read_to_string(example.join("so-2024-ranking.svg")).unwrap(),
        "regenerate examples/so-2024-ranking.svg with the command in the README"
    );
    let previous = example.join("so-2023.json");
    let changes = stdout(&chart(
        "changes",
        &["--previous", previous.to_str().unwrap()],
    ));
    assert!(changes.contains("Thay đổi so với kỳ trước"), "{changes}");
    assert!(changes.contains("Sở Y tế: chỉ số"), "{changes}");
    let refused = chart("changes", &[]);
    assert_eq!(refused.status.code(), Some(1));
}

/// CSV for Excel is the shared fixture's, for the ranking and the criterion analysis.
#[test]
fn writes_csv_for_excel() {
    let case = root().join("fixtures/cases/blocks-ranked-separately");
    for (command, table) in [("score", "ranking"), ("analyze", "criteria")] {
        let out = par(&[
            command,
            "-m",
            case.join("methodology.json").to_str().unwrap(),
            case.join("input.json").to_str().unwrap(),
            "-f",
            "excel-csv",
        ]);
        let expected = std::fs::read(case.join(format!("expected-{table}-excel.csv"))).unwrap();
        assert!(out.stdout == expected, "{}", stdout(&out));
    } // The changes, each field's too, against the previous ranking.
    let compared = root().join("fixtures/cases/results-exact-figures");
    let out = par(&[
        "compare",
        compared.join("previous.json").to_str().unwrap(),
        compared.join("current.json").to_str().unwrap(),
        "-f",
        "excel-csv",
    ]);
    let expected = std::fs::read(compared.join("expected-changes-excel.csv")).unwrap();
    assert!(out.stdout == expected, "{}", stdout(&out));
}

#[test]
fn a_table_with_every_kind_of_mistake_reports_each_with_its_row() {
    let o = import("fixtures/tables/criteria-mistakes.csv");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (place, code) in [
        ("dòng 10, tiêu chí 2, điểm tối đa", "bad_decimal"),
        ("dòng 11, tiêu chí 3, điều tra xã hội học", "bad_type"),
        ("dòng 9, tiêu chí 1.3.1", "bad_code"),
        (
            "dòng 4, tiêu chí 1.1.1, trường rule.options[1].points",
            "bad_rule",
        ),
        ("dòng 5, tiêu chí 1.1.2", "band_gap"),
        ("dòng 7, tiêu chí 1.2.1", "band_overlap"),
        ("dòng 3, tiêu chí 1.1", "max_mismatch"),
        ("dòng 6, tiêu chí 1.2", "max_mismatch"),
    ] {
        let code = format!("(mã lỗi: {code})");
        assert!(
            has_line(&err, place, &code),
            "missing {place} … {code} in\n{err}"
        );
    }
}

#[test]
fn renders_a_methodology_for_publishing() {
    let md = par(&["methodology", "render", CAMAU, "--lang", "en"]);
    let out = stdout(&md);
    assert!(
        out.contains("| 1.1.1 |") && out.contains("Ban hành kịp thời: 1"),
        "{out}"
    );
    assert!(out.contains("| | **Total** | **10** | | |"), "{out}");
    let html = par(&["methodology", "render", CAMAU, "-f", "html"]);
    let html = stdout(&html);
    assert!(
        html.contains("<td>Thực hiện trên 90% kế hoạch: 2"),
        "{html}"
    );
    assert!(html.contains("<html lang=\"vi\">") && html.contains("<th>Cách chấm</th>"));
    let vi = stdout(&par(&["methodology", "render", CAMAU]));
    assert!(vi.contains("| | **Tổng cộng** | **10** | | |"), "{vi}");
}

/// A name typed on two lines, with a `|`, or with markup renders as typed, on its row: nothing
/// of it is read as Markdown or passed to the page as HTML.
#[test]
fn a_methodology_renders_its_names_as_typed() {
    let methodology = temp(
        "names-with-markup.json",
        r#"{"schema": "par.methodology/1", "id": "markup", "name": "Bộ <b>chỉ số</b>",
            "notes": "Ghi chú <script>alert(1)</script>",
            "nodes": [{"code": "1", "name": "Tiêu chí | một\ndòng *hai*", "max": "20"}]}"#,
    );
    let md = stdout(&par(&[
        "methodology",
        "render",
        methodology.to_str().unwrap(),
    ]));
    assert!(
        md.starts_with("# Bộ \\<b\\>chỉ số\\</b\\> (markup)\n"),
        "{md}"
    );
    assert!(
        md.contains("Ghi chú \\<script\\>alert(1)\\</script\\>"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | Tiêu chí \\| một dòng \\*hai\\* | 20 |"),
        "{md}"
    );
    assert_eq!(md.lines().filter(|l| l.starts_with('|')).count(), 4, "{md}");
    let html = stdout(&par(&[
        "methodology",
        "render",
        methodology.to_str().unwrap(),
        "-f",
        "html",
    ]));
    assert!(
        !html.contains("<b>") && html.contains("&lt;b&gt;"),
        "{html}"
    );
}

/// The same score sheet as Excel saves it on a Vietnamese Windows (Windows-1258, tone marks as
/// combining characters), as "Unicode Text" (UTF-16, tabs), as "CSV UTF-8" with a byte-order
/// mark, and typed with decomposed accents on some rows: one result.
#[test]
fn a_score_sheet_saved_any_way_excel_saves_it_scores_the_same() {
    let utf8 = "unit,code,self\nSở Y tế,1.1.1,Ban hành kịp thời\nSở Y tế,1.3,2\n";
    // Windows-1258: ở is o-horn (0xF5) + hook above (0xD2), ế is ê (0xEA) + acute (0xEC),
    // à is a + grave (0xCC), ị is i + dot below (0xF2), ờ is o-horn + grave.
    let cp1258: &[u8] = b"unit,code,self\nS\xf5\xd2 Y t\xea\xec,1.1.1,Ban ha\xccnh ki\xf2p th\xf5\xcci\nS\xf5\xd2 Y t\xea\xec,1.3,2\n";
    let mut utf16 = b"\xff\xfe".to_vec();
    utf16.extend(
        utf8.replace(',', "\t")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let decomposed = "unit,code,self\nSở Y tế,1.1.1,Ban hành kịp thời\nSo\u{31b}\u{309} Y te\u{302}\u{301},1.3,2\n";
    let files = [
        temp("sheet-utf8.csv", utf8),
        write_bytes(
            "sheet-bom.csv",
            &[b"\xef\xbb\xbf", utf8.as_bytes()].concat(),
        ),
        write_bytes("sheet-1258.csv", cp1258),
        write_bytes("sheet-utf16.txt", &utf16),
        temp("sheet-nfd.csv", decomposed),
    ];
    let json = |f: &PathBuf| {
        let o = par(&["score", "-m", CAMAU, f.to_str().unwrap(), "-f", "json"]);
        assert!(o.status.success(), "{}: {}", f.display(), stderr(&o));
        let mut doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let warnings = doc["warnings"].take();
        (doc, warnings)
    };
    let (expected, _) = json(&files[0]);
    assert_eq!(expected["units"].as_array().unwrap().len(), 1);
    for f in &files[1..] {
        assert_eq!(json(f).0, expected, "{}", f.display());
    }
    let (_, warnings) = json(&files[2]);
    assert_eq!(warnings[0]["code"], "encoding_guessed", "{warnings}");
    assert!(warnings[0]["message"]
        .as_str()
        .unwrap()
        .contains("Windows-1258"));
}

/// A file Excel saved on a Vietnamese Windows is read as Windows-1258, a guess the official is
/// told of whatever the command writes: on the standard error beside a CSV (which holds scores
/// only) or the JSON of `convert` and `methodology import`, so that a name read wrong is caught.
#[test]
fn a_guessed_encoding_is_said_beside_every_output() {
    let sheet = write_bytes(
        "guessed-1258.csv",
        b"unit,code,self\nS\xf5\xd2 Y t\xea\xec,1.3,2\n",
    );
    // `Kế hoạch` in Windows-1258: ế is ê (0xEA) + acute (0xEC), ạ is a + dot below (0xF2).
    let annex = write_bytes(
        "annex-1258.csv",
        b"code,name,max\n1,K\xea\xec hoa\xf2ch,2\n1.1,Ban h\xe0nh,2\n",
    );
    let sheet = sheet.to_str().unwrap();
    let report = std::env::temp_dir().join(format!("par-guessed-{}.xlsx", std::process::id()));
    let runs: [&[&str]; 8] = [
        &["score", "-m", CAMAU, sheet, "-f", "csv"],
        &["score", "-m", CAMAU, sheet, "-f", "excel-csv"],
        &["analyze", "-m", CAMAU, sheet, "-f", "csv"],
        &["analyze", "-m", CAMAU, sheet],
        &["convert", "-m", CAMAU, sheet],
        &["methodology", "import", annex.to_str().unwrap()],
        &["report", "-m", CAMAU, "-o", report.to_str().unwrap(), sheet],
        &["chart", "-m", CAMAU, "ranking", sheet],
    ];
    for args in runs {
        let o = par(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("par: tệp ") && err.contains("Windows-1258"),
            "{args:?}: {err}"
        );
        assert!(!stdout(&o).contains("Windows-1258"), "{args:?}");
    }
    let _ = std::fs::remove_file(&report);
    // A sheet read as it was saved says nothing.
    let o = par(&["score", "-m", CAMAU, "examples/so-2024.csv", "-f", "csv"]);
    assert_eq!(stderr(&o), "");
}

/// Departments' files scored together: a unit in two of them (a file sent twice, however the
/// name was typed) is refused naming the file it is in already and its row in the later one.
#[test]
fn a_unit_in_two_files_names_the_file_it_is_in_already() {
    let first = temp(
        "units-first.csv",
        "unit,code,self\nSở Y tế,1.3,2\nSở Tư pháp,1.3,1\n",
    );
    let later = temp(
        "units-later.csv",
        "unit,code,self\nSở Nội vụ,1.3,2\nSỞ Y TẾ,1.3,3\n",
    );
    let (first, later) = (first.to_str().unwrap(), later.to_str().unwrap());
    let o = par(&["score", "-m", CAMAU, first, later]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    // The file first, then where in it.
    assert!(
        lines[0].starts_with(&format!("tệp {later}, dòng 3, đơn vị SỞ Y TẾ")),
        "{err}"
    );
    assert!(
        lines[0].contains(": đơn vị “SỞ Y TẾ” đã có trong tệp ")
            && lines[0].contains(&format!("{first} (ghi là “Sở Y tế”)")),
        "{err}"
    );
    assert!(lines[0].ends_with("(mã lỗi: duplicate_unit)"), "{err}");
    // A file named twice is said so: its units are in it already.
    let o = par(&["score", "-m", CAMAU, first, first]);
    assert!(stderr(&o).contains("đã có trong tệp"), "{}", stderr(&o));
}

/// Departments' sheets scored together, one unit of each without its block: each problem of
/// scoring names the file its unit is in, as those of reading do.
#[test]
fn problems_of_units_of_several_files_name_their_file() {
    let blocks = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/cases/csv-wide-block-headings/methodology.json"
    );
    let first = temp(
        "blockless-first.csv",
        "STT;Đơn vị;1;2;3\n1;Sở Nội vụ;36;30;20\n",
    );
    let later = temp(
        "blockless-later.csv",
        "STT;Đơn vị;1;2;3\n1;Sở Tư pháp;35;31;10\n",
    );
    let (first, later) = (first.to_str().unwrap(), later.to_str().unwrap());
    let o = par(&["score", "-m", blocks, first, later]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(&format!("tệp {first}, ")) && lines[0].contains("Sở Nội vụ, khối: "),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("tệp {later}, ")) && lines[1].contains("Sở Tư pháp, khối: "),
        "{err}"
    );
}

/// Departments' sheets scored together, each with its total row: the rows are passed over,
/// each named with its file and row, and the units ranked.
#[test]
fn summary_rows_of_several_files_are_named_with_their_file() {
    let first = temp(
        "totals-first.csv",
        "unit,code,self\nSở Y tế,1.3,2\nTổng cộng,1.3,2\n",
    );
    let later = temp(
        "totals-later.csv",
        "unit,code,self\nSở Nội vụ,1.3,3\nTổng cộng,1.3,3\n",
    );
    let (first, later) = (first.to_str().unwrap(), later.to_str().unwrap());
    let o = par(&["score", "-m", CAMAU, first, later, "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["units"].as_array().unwrap().len(), 2);
    let said: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "summary_row_passed_over")
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].starts_with(&format!("tệp {first}, dòng 3 “Tổng cộng”")),
        "{said:?}"
    );
    assert!(
        said[1].starts_with(&format!("tệp {later}, dòng 3 “Tổng cộng”")),
        "{said:?}"
    );
}

fn write_bytes(name: &str, bytes: &[u8]) -> PathBuf {
    let path = temp(name, "");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn an_unknown_encoding_is_refused_with_those_it_reads() {
    let o = par(&[
        "score",
        "-m",
        CAMAU,
        "examples/so-2024.csv",
        "--encoding",
        "latin1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("giá trị “latin1” không dùng được cho --encoding; hãy dùng utf-8, utf-16 hoặc windows-1258"),
        "{err}"
    );
}

#[test]
fn problems_of_a_workbook_past_its_cover_name_the_sheet_alone_or_among_files() {
    // The workbook opens on its cover: a row number alone points at the wrong sheet.
    let book = root().join("fixtures/tables/cover-then-scores-with-a-problem.xlsx");
    let book = book.to_str().expect("a path");
    let alone = par(&["score", "-m", CAMAU, book]);
    assert_eq!(alone.status.code(), Some(1));
    assert!(
        has_line(
            &stderr(&alone),
            "trang “Điểm”, dòng 4, đơn vị Sở Tư pháp",
            "(mã lỗi: bad_decimal)"
        ),
        "{}",
        stderr(&alone)
    );
    // Among files, scoring's problems name it too (5 above the max of 1.3), beside the file's
    // name; another file's do not.
    let other = temp(
        "so-noi-vu.csv",
        "Đơn vị,Mã tiêu chí,Tự chấm\nSở Nội vụ,1.3,5\n",
    );
    let other = other.to_str().expect("a path");
    let together = par(&["score", "-m", CAMAU, book, other]);
    let said = stderr(&together);
    // The workbook first, then its sheet and the row in it.
    assert!(
        said.contains(&format!(
            "tệp {book}, trang “Điểm”, dòng 4, đơn vị Sở Tư pháp"
        )),
        "{said}"
    );
    let scoring = format!("tệp {book}, trang “Điểm”, dòng 5, đơn vị Sở Kế hoạch và Đầu tư");
    assert!(
        has_line(&said, &scoring, "(mã lỗi: out_of_range)"),
        "{said}"
    );
    let elsewhere = format!("tệp {other}, dòng 2, đơn vị Sở Nội vụ");
    assert!(
        has_line(&said, &elsewhere, "(mã lỗi: out_of_range)"),
        "{said}"
    );
    assert!(
        !said.contains("trang “Điểm”, dòng 2, đơn vị Sở Nội vụ"),
        "{said}"
    );
    let in_english = par_with_env(&["score", "-m", CAMAU, book, other], &[("PAR_LANG", "en")]);
    let said = stderr(&in_english);
    let scoring = format!("file {book}, sheet 'Điểm', row 5, unit Sở Kế hoạch và Đầu tư: ");
    assert!(has_line(&said, &scoring, "(code: out_of_range)"), "{said}");
}

#[test]
fn units_in_rows_a_sheet_hides_are_ranked_and_said_alone_or_among_files() {
    let book = root().join("fixtures/tables/units-hidden-in-rows.xlsx");
    let book = book.to_str().expect("a path");
    let alone = par(&["score", "-m", CAMAU, book]);
    assert_eq!(alone.status.code(), Some(0), "{}", stderr(&alone));
    let said = stdout(&alone);
    assert!(said.contains("Sở Xây dựng"), "ranked: {said}");
    assert!(
        said.contains(
            "2 dòng đang bị ẩn trong trang tính (dòng 5, 7; đơn vị “Sở Tư pháp”, “Sở Xây dựng”)"
        ),
        "{said}"
    );
    // Among files, the workbook is named.
    let other = temp(
        "so-noi-vu-an.csv",
        "Đơn vị,Mã tiêu chí,Tự chấm\nSở Giáo dục,1.3,2\n",
    );
    let other = other.to_str().expect("a path");
    let together = par(&["score", "-m", CAMAU, book, other]);
    let said = stdout(&together);
    assert!(
        said.contains(&format!("tệp {book}, 2 dòng đang bị ẩn")),
        "{said}"
    );
}

#[test]
fn a_sheets_own_total_other_than_the_points_is_said_alone_or_among_files() {
    // Tỉnh A's `Tổng điểm` sum missed a column (fixture csv-wide-sheet-total-misses-a-column).
    let case = root().join("fixtures/cases/csv-wide-sheet-total-misses-a-column");
    let (m, sheet) = (case.join("methodology.json"), case.join("input.csv"));
    let (m, sheet) = (m.to_str().expect("a path"), sheet.to_str().expect("a path"));
    let other = temp(
        "tinh-d.csv",
        "STT;Đơn vị;1;2;3;Tổng điểm\n1;Tỉnh D;30;30;20;80\n",
    );
    let other = other.to_str().expect("a path");
    for inputs in [vec![sheet], vec![sheet, other]] {
        let scored = par(&[&["score", "-m", m, "-f", "json"][..], &inputs[..]].concat());
        let results: serde_json::Value = serde_json::from_str(&stdout(&scored)).expect("JSON");
        let said: Vec<(&str, &str)> = (results["units"].as_array().expect("units").iter())
            .flat_map(|u| {
                let warnings = u["warnings"].as_array().into_iter().flatten();
                warnings.map(move |w| (u["unit"].as_str().unwrap(), w["code"].as_str().unwrap()))
            })
            .filter(|(_, code)| *code == "own_total_differs")
            .collect();
        assert_eq!(said, [("Tỉnh A", "own_total_differs")], "{inputs:?}");
    }
}

#[test]
fn a_workbook_with_macros_is_read_as_its_xlsx() {
    // Reporting templates are often saved as .xlsm: the same container, its macros not run.
    let xlsx = root().join("fixtures/cases/csv-saved-every-way/input.xlsx");
    let xlsm = std::env::temp_dir().join(format!("par-mau-{}.xlsm", std::process::id()));
    std::fs::copy(&xlsx, &xlsm).unwrap();
    let scored = |path: &PathBuf| par(&["score", "-m", CAMAU, "-f", "csv", path.to_str().unwrap()]);
    let (from_xlsm, from_xlsx) = (scored(&xlsm), scored(&xlsx));
    assert!(from_xlsm.status.success(), "{}", stderr(&from_xlsm));
    assert_eq!(stdout(&from_xlsm), stdout(&from_xlsx));
}

/// A criterion, block or band named on two lines (a cell of the annex typed with Alt+Enter),
/// with a tab, or with the character that turns the text right to left, is shown on its row:
/// the tables keep a line a row, and the figures after the name read as they are.
#[test]
fn names_on_two_lines_or_turning_the_text_keep_the_tables_a_line_a_row() {
    let methodology = temp(
        "names-on-two-lines.json",
        r#"{"schema": "par.methodology/1", "id": "two-lines", "name": "Bộ\nchỉ số",
            "nodes": [{"code": "1", "name": "Tiêu chí\n1  9999.00  9999.00", "max": "60"},
                      {"code": "2", "name": "Hai\tcột \u202eđảo", "max": "40"}],
            "blocks": [{"id": "so", "name": "Khối\nsở"}],
            "bands": [{"label": "A\nB", "min": "50"}]}"#,
    );
    let input = temp(
        "names-on-two-lines-input.json",
        r#"{"schema": "par.assessments/1", "units": [
            {"unit": "Sở Nội vụ", "block": "so", "entries": {"1": {"value": "50"}, "2": {"value": "30"}}},
            {"unit": "Sở Tư pháp", "block": "so", "entries": {"1": {"value": "40"}, "2": {"value": "30"}}}]}"#,
    );
    let (m, i) = (methodology.to_str().unwrap(), input.to_str().unwrap());
    let runs = [
        vec!["score", "-m", m, i],
        vec!["analyze", "-m", m, i],
        vec!["explain", "-m", m, "-u", "Sở Nội vụ", i],
        vec!["what-if", "-m", m, "-u", "Sở Tư pháp", "--set", "1=60", i],
    ];
    for args in runs {
        let o = par(&[&args[..], &["--lang", "en"]].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            !out.lines()
                .any(|l| l.starts_with("1  9999") || l == "B" || l.starts_with("B ")),
            "{args:?}: a name's second line makes a line of its own:\n{out}"
        );
        assert!(!out.contains(['\t', '\u{202E}']), "{args:?}:\n{out}");
        // The tables that name the criteria.
        if matches!(args[0], "analyze" | "explain") {
            assert!(out.contains("Hai cột \\u{202e}đảo"), "{args:?}:\n{out}");
        }
    }
    let table = stdout(&par(&["score", "-m", m, i, "--lang", "en"]));
    assert!(table.starts_with("two-lines — Bộ chỉ số\n"), "{table}");
    assert!(
        table.contains("\nKhối sở: 2 units") && table.contains("; A B: 2"),
        "{table}"
    );
    // Every row of the ranking as wide as its heading's rule: the columns line up.
    let lines: Vec<&str> = table.lines().skip(2).take(4).collect();
    assert!(lines[2].starts_with("Khối sở "), "{table}");
    let at = |line: &str| {
        let byte = line.find("80.00").or(line.find("70.00"));
        byte.map(|b| line[..b].chars().count())
    };
    assert_eq!(at(lines[2]), at(lines[3]), "{table}");
}

/// A name holding a carriage return alone stays on its row of the Markdown table: Markdown
/// ends a line at a carriage return as at a line feed.
#[test]
fn a_name_with_a_carriage_return_stays_on_its_markdown_row() {
    let methodology = temp(
        "name-with-a-carriage-return.json",
        r#"{"schema": "par.methodology/1", "id": "cr", "name": "Bộ\rchỉ số",
            "nodes": [{"code": "1", "name": "Tiêu chí một\r| 9 | giả | 99 |", "max": "20"},
                      {"code": "2", "name": "Hai", "max": "80"}]}"#,
    );
    let md = stdout(&par(&[
        "methodology",
        "render",
        methodology.to_str().unwrap(),
    ]));
    assert!(!md.contains('\r'), "{md:?}");
    assert!(md.starts_with("# Bộ chỉ số (cr)\n"), "{md}");
    assert!(
        md.contains("| 1 | Tiêu chí một \\| 9 \\| giả \\| 99 \\| | 20 |"),
        "{md}"
    );
}
