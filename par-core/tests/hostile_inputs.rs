//! The reproducers of the reliability defects found by fuzzing (issue 12), each at the size that
//! showed it: every one now ends in a result or a coded refusal naming its limit, without
//! quadratic work or unbounded memory. No test here measures time; the sizes are what made the
//! engine take minutes or gigabytes before.

use par_core::{limits, parse_assessments, score, wire, ErrorCode, Methodology, Problems, Table};
use par_core::{Detail, Lang};

fn methodology(nodes: &str, extra: &str) -> String {
    format!(r#"{{"schema":"par.methodology/1","id":"t","name":"t","nodes":[{nodes}]{extra}}}"#)
}

fn refusal(p: &Problems) -> Vec<(ErrorCode, Option<&str>)> {
    p.problems
        .iter()
        .map(|e| (e.code, e.limit.as_deref()))
        .collect()
}

fn choice_leaf(code: &str, options: usize) -> String {
    let options: Vec<String> = (0..options)
        .map(|i| format!(r#"{{"label":"Phương án {i}","points":"0"}}"#))
        .collect();
    format!(
        r#"{{"code":"{code}","name":"n","max":"1","rule":{{"type":"choice","options":[{}]}}}}"#,
        options.join(",")
    )
}

#[test]
fn fifty_thousand_choice_options_are_refused_at_once() {
    let err = Methodology::from_json(&methodology(&choice_leaf("1", 50_000), "")).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("rule_options"))]
    );
}

#[test]
fn a_thousand_distinct_options_are_accepted_and_one_repeated_is_named() {
    assert!(Methodology::from_json(&methodology(&choice_leaf("1", 1_000), "")).is_ok());
    let repeated = choice_leaf("1", 3).replace("Phương án 2", " PHƯƠNG ÁN 0 ");
    let err = Methodology::from_json(&methodology(&repeated, "")).unwrap_err();
    assert_eq!(err.problems[0].code, ErrorCode::BadRule);
    assert_eq!(
        err.problems[0].field.as_deref(),
        Some("rule.options[2].label")
    );
}

fn blocks(count: usize, repeat_every: usize) -> String {
    let blocks: Vec<String> = (0..count)
        .map(|i| format!(r#"{{"id":"k{}"}}"#, i % repeat_every))
        .collect();
    format!(r#","blocks":[{}]"#, blocks.join(","))
}

const LEAF: &str = r#"{"code":"1","name":"n","max":"10"}"#;

#[test]
fn two_hundred_thousand_blocks_are_refused_at_once() {
    let err = Methodology::from_json(&methodology(LEAF, &blocks(200_000, 200_000))).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("blocks"))]
    );
}

#[test]
fn a_thousand_blocks_are_accepted_and_a_repeated_one_is_named() {
    assert!(Methodology::from_json(&methodology(LEAF, &blocks(1_000, 1_000))).is_ok());
    let err = Methodology::from_json(&methodology(LEAF, &blocks(4, 3))).unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].code, ErrorCode::DuplicateCode);
    assert_eq!(err.problems[0].field.as_deref(), Some("blocks[3].id"));
}

fn tie_breakers(count: usize) -> String {
    let breakers: Vec<String> = (0..count)
        .map(|i| format!(r#"{{"node":"{}"}}"#, 1 + i % 2))
        .collect();
    format!(
        r#","policies":{{"ranking":{{"tie_breakers":[{}]}}}}"#,
        breakers.join(",")
    )
}

const TWO_LEAVES: &str = r#"{"code":"1","name":"a","max":"5"},{"code":"2","name":"b","max":"5"}"#;

#[test]
fn a_hundred_thousand_repeated_tie_breakers_are_refused() {
    let err = Methodology::from_json(&methodology(TWO_LEAVES, &tie_breakers(100_000))).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("tie_breakers"))]
    );
    let err = Methodology::from_json(&methodology(TWO_LEAVES, &tie_breakers(3))).unwrap_err();
    assert_eq!(refusal(&err), vec![(ErrorCode::DuplicateCode, None)]);
}

#[test]
fn ten_thousand_tied_units_are_ranked_together() {
    let m = Methodology::from_json(&methodology(TWO_LEAVES, &tie_breakers(2))).unwrap();
    let units: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                r#"{{"unit":"u{i}","entries":{{"1":{{"value":"2.5"}},"2":{{"value":"2.5"}}}}}}"#
            )
        })
        .collect();
    let results = score(
        &m,
        parse_assessments(&format!("[{}]", units.join(","))).unwrap(),
        Lang::En,
    )
    .unwrap();
    assert!(results.units.iter().all(|u| u.rank == 1));
}

#[test]
fn units_times_nodes_past_the_limit_are_refused_before_scoring() {
    // 9,999 leaves × 1,000 units without entries exhausted memory (every missing leaf a warning).
    let leaves: Vec<String> = (1..10_000)
        .map(|i| format!(r#"{{"code":"{i}","name":"n","max":"1"}}"#))
        .collect();
    let m = Methodology::from_json(&methodology(&leaves.join(","), "")).unwrap();
    let units: Vec<String> = (0..1_000)
        .map(|i| format!(r#"{{"unit":"u{i}"}}"#))
        .collect();
    let document = format!("[{}]", units.join(","));
    let err = score(&m, parse_assessments(&document).unwrap(), Lang::En).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("node_results"))]
    );
    // Scored as the document is read, the first units' problems are not said either; a problem
    // reading a unit is, first.
    let with_a_problem = document
        .replacen(r#"{"unit":"u7"}"#, r#"{"unit":"u7","x":1}"#, 1)
        .replace(r#""}"#, r#"","entries":{"1":{"self":"5"}}}"#);
    let err = wire::score_with(&m, &with_a_problem, Lang::En, Detail::Scores).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![
            (ErrorCode::UnknownField, None),
            (ErrorCode::LimitExceeded, Some("node_results"))
        ]
    );
}

#[test]
fn a_decimal_with_more_than_28_places_is_refused_not_rounded_to_zero() {
    let e = par_core::parse_decimal("0.00000000000000000000000000001").unwrap_err();
    assert_eq!(e.code, ErrorCode::BadDecimal);
    assert!(par_core::parse_decimal("0.0000000000000000000000000001").is_ok());
}

#[test]
fn csv_text_over_the_limit_is_refused_before_it_is_parsed() {
    let text = "x".repeat(limits::TABLE_BYTES.max + 1);
    let err = Table::from_csv(&text).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("table_bytes"))]
    );
}

#[test]
fn a_hundred_thousand_bad_rows_report_a_thousand_problems_and_count_the_rest() {
    // A million rows printed 188 MB of problems; a tenth of them shows the cap in a debug build.
    let mut csv = String::from("unit,1\n");
    for i in 0..100_000 {
        csv.push_str(&format!("u{i},x\n"));
    }
    let m = methodology(LEAF, "");
    let err = wire::score_csv(&m, &csv, Lang::En).unwrap_err();
    assert_eq!(err.problems.len(), limits::PROBLEMS.max + 1);
    let last = err.problems.last().unwrap();
    assert_eq!(last.limit.as_deref(), Some("problems"));
    assert_eq!(last.value.as_deref(), Some("99000"));
}

#[test]
fn a_long_table_of_more_units_than_the_limits_take_is_refused_for_all_it_names() {
    // A million units of one row each under 100 leaves took 6 GB: every unit was held until the
    // table was refused for their count, each with room for every leaf. No more units than a
    // scoring takes are now made, each with room for its rows (the memory is measured by
    // `scripts/hostile-inputs.py`); the refusal still counts every unit the table names. 1,000
    // leaves take at most 2,000 units.
    let leaves: Vec<String> = (1..=1_000)
        .map(|i| format!(r#"{{"code":"{i}","name":"n","max":"1"}}"#))
        .collect();
    let m = methodology(&leaves.join(","), "");
    let mut csv = String::from("unit,code,self\n");
    for i in 0..5_000 {
        csv.push_str(&format!("u{i},1,1\n"));
    }
    let err = wire::score_csv(&m, &csv, Lang::En).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("node_results"))]
    );
    let said = err.problems[0].to_string();
    assert!(said.contains("5.000.000"), "{said}");
}

#[test]
fn a_wide_table_with_more_cells_than_the_limit_is_refused() {
    let columns = limits::TABLE_COLUMNS.max + 1;
    let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
    let err = Table::from_csv(&header.join(",")).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("table_columns"))]
    );
}

#[test]
fn a_megabyte_code_is_refused_before_any_unit_repeats_it() {
    // 5,000 units each warned of the missing leaf by its 1 MB code aborted at 4 GB.
    let code = format!("1{}", "0".repeat(1_000_000));
    let leaf = format!(r#"{{"code":"{code}","name":"n","max":"1"}}"#);
    let err = Methodology::from_json(&methodology(&leaf, "")).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("code_bytes"))]
    );
    assert_eq!(err.problems[0].field.as_deref(), Some("nodes[0].code"));
}

#[test]
fn a_unit_with_a_megabyte_name_is_refused_without_repeating_it() {
    let m = Methodology::from_json(&methodology(LEAF, "")).unwrap();
    let name = "x".repeat(1_000_000);
    let units = parse_assessments(&format!(
        r#"[{{"unit":"{name}","entries":{{"1":{{"self":"y"}}}}}}]"#
    ))
    .unwrap();
    let err = score(&m, units, Lang::En).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("text_bytes"))]
    );
    assert!(
        err.to_string().len() < 1_000,
        "{} bytes of problems",
        err.to_string().len()
    );
}

#[test]
fn empty_cells_past_the_header_and_a_lone_quote_in_a_cell_are_read() {
    let m = methodology(
        r#"{"code":"1","name":"a","max":"10"},{"code":"2","name":"b","max":"10"}"#,
        "",
    );
    let saved_by_excel = "unit,1,2,,\nTivi 5\" A,1,2,,\nB,3,4,,\n";
    let results: serde_json::Value =
        serde_json::from_str(&wire::score_csv(&m, saved_by_excel, Lang::En).unwrap()).unwrap();
    let names: Vec<&str> = results["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["B", "Tivi 5\" A"]);
}

#[test]
fn the_count_of_problems_not_shown_adds_up_across_reading_and_scoring() {
    // 3,000 rows, each with a cell that is not a number (read) and one above its max (scored).
    let m = methodology(
        r#"{"code":"1","name":"a","max":"1"},{"code":"2","name":"b","max":"1"}"#,
        "",
    );
    let mut csv = String::from("unit,1,2\n");
    for i in 0..3_000 {
        csv.push_str(&format!("u{i},x,5\n"));
    }
    let err = wire::score_csv(&m, &csv, Lang::En).unwrap_err();
    assert_eq!(err.problems.len(), limits::PROBLEMS.max + 1);
    assert_eq!(err.problems.last().unwrap().value.as_deref(), Some("5000"));
}

#[test]
fn every_limit_is_listed_in_the_readme() {
    let readme = include_str!("../../README.md");
    for limit in limits::ALL {
        assert!(
            readme.contains(&format!("`{}`", limit.name)),
            "README does not list the limit `{}`",
            limit.name
        );
    }
}

/// Units of one leaf, each in the block `block(i)`.
fn units_in_blocks(count: usize, block: impl Fn(usize) -> String) -> String {
    let units: Vec<String> = (0..count)
        .map(|i| {
            let block = block(i);
            format!(r#"{{"unit":"u{i}","block":"{block}","entries":{{"1":{{"value":"5"}}}}}}"#)
        })
        .collect();
    format!("[{}]", units.join(","))
}

#[test]
fn a_block_per_unit_is_refused_past_a_thousand_blocks_however_they_are_spelt() {
    // A block per unit made every table, chart, analysis and comparison of the results pass over
    // the units once per block: a minute for a hundred thousand units.
    let m = Methodology::from_json(&methodology(LEAF, "")).unwrap();
    let scored = |units: &str| score(&m, parse_assessments(units).unwrap(), Lang::En);
    assert!(scored(&units_in_blocks(1_000, |i| format!("k{i}"))).is_ok());
    // A unit of no block is in none of them.
    let and_one_of_none = units_in_blocks(1_000, |i| format!("k{i}"))
        .replace("}]", r#"},{"unit":"none","entries":{"1":{"value":"5"}}}]"#);
    assert!(scored(&and_one_of_none).is_ok());
    let err = scored(&units_in_blocks(1_001, |i| format!("k{i}"))).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("blocks"))]
    );
    // One block's name in a thousand and one spellings: each counted, as each is a pass of
    // ranking's over the block's spellings.
    let spelt = |i: usize| {
        let letters = "abcdefghij".chars().enumerate();
        letters
            .map(|(k, c)| {
                if i >> k & 1 == 1 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect()
    };
    let err = scored(&units_in_blocks(1_001, spelt)).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("blocks"))]
    );
}

#[test]
fn results_of_more_than_a_thousand_blocks_are_refused_when_read() {
    let m = Methodology::from_json(&methodology(LEAF, "")).unwrap();
    // A thousand blocks, and units of none, as scoring gives them, are read back.
    let units = units_in_blocks(1_000, |i| format!("k{i}"))
        .replace("}]", r#"},{"unit":"none","entries":{"1":{"value":"5"}}}]"#);
    let results = score(&m, parse_assessments(&units).unwrap(), Lang::En).unwrap();
    assert!(par_core::Results::from_json(&results.to_json()).is_ok());
    let mut doc: serde_json::Value = serde_json::from_str(&results.to_json()).unwrap();
    let blocks = doc["blocks"].as_array_mut().unwrap();
    let mut another = blocks[0].clone();
    another["block"] = "k1000".into();
    blocks.push(another);
    let err = par_core::Results::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(
        refusal(&err),
        vec![(ErrorCode::LimitExceeded, Some("blocks"))]
    );
}

#[test]
fn a_hundred_thousand_unknown_fields_are_said_a_thousand_times_and_counted_without_being_kept() {
    // Every name was kept to be said: ten million unknown fields held two gigabytes.
    let unknown: Vec<String> = (0..100_000).map(|i| format!(r#""k{i}":0"#)).collect();
    let unknown = unknown.join(",");
    let in_document = format!(r#"{{"schema":"par.assessments/1","units":[],{unknown}}}"#);
    let in_a_unit = format!(
        r#"{{"schema":"par.assessments/1","units":[{{"unit":"a","entries":{{}},{unknown}}}]}}"#
    );
    for doc in [in_document, in_a_unit] {
        let err = parse_assessments(&doc).unwrap_err();
        let (last, said) = err.problems.split_last().unwrap();
        assert_eq!(said.len(), limits::PROBLEMS.max);
        assert!(said.iter().all(|p| p.code == ErrorCode::UnknownField));
        assert_eq!(last.limit.as_deref(), Some("problems"));
        assert_eq!(last.value.as_deref(), Some("99000"));
    }
}
