//! Hard limits, and proof that every error code is produced somewhere in the test suites.

use par_core::text::ReadingMsg;
use par_core::Lang;
use par_core::{
    builtin, parse_assessments, score, wire, ErrorCode, Methodology, Results, Scorer,
    UnitAssessment,
};
use std::collections::BTreeSet;

mod common;
use common::{case_file, case_methodology};

fn codes(p: &par_core::Problems) -> Vec<ErrorCode> {
    p.problems.iter().map(|e| e.code).collect()
}

fn chain(depth: usize) -> String {
    let mut node = String::new();
    let mut code = String::new();
    let mut codes = Vec::new();
    for level in 0..depth {
        code = if level == 0 {
            "1".into()
        } else {
            format!("{code}.1")
        };
        codes.push(code.clone());
    }
    for c in codes.iter().rev() {
        node = if node.is_empty() {
            format!(r#"{{"code":"{c}","name":"n","max":"1"}}"#)
        } else {
            format!(r#"{{"code":"{c}","name":"n","max":"1","children":[{node}]}}"#)
        };
    }
    format!(r#"{{"schema":"par.methodology/1","id":"deep","name":"deep","nodes":[{node}]}}"#)
}

#[test]
fn a_tree_of_sixteen_levels_is_accepted_and_seventeen_refused() {
    assert!(Methodology::from_json(&chain(16)).is_ok());
    let err = Methodology::from_json(&chain(17)).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::LimitExceeded]);
}

#[test]
fn absurdly_deep_json_is_refused_without_a_stack_overflow() {
    let err = Methodology::from_json(&chain(400)).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::LimitExceeded], "{err}");
    assert_eq!(err.problems[0].limit.as_deref(), Some("json_depth"));
}

#[test]
fn more_than_ten_thousand_nodes_are_refused() {
    let leaves: Vec<String> = (1..=10_001)
        .map(|i| format!(r#"{{"code":"{i}","name":"n","max":"1"}}"#))
        .collect();
    let text = format!(
        r#"{{"schema":"par.methodology/1","id":"wide","name":"wide","nodes":[{}]}}"#,
        leaves.join(",")
    );
    let err = Methodology::from_json(&text).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::LimitExceeded]);
}

#[test]
fn adjustments_count_with_the_nodes_toward_ten_thousand() {
    // 9,000 nodes and 1,000 adjustments are the limit; one adjustment more is past it.
    let with = |adjustments: usize| {
        let leaves: Vec<String> = (1..=9_000)
            .map(|i| format!(r#"{{"code":"{i}","name":"n","max":"1"}}"#))
            .collect();
        let adjustments: Vec<String> = (1..=adjustments)
            .map(|i| format!(r#"{{"code":"A{i}","name":"a","min":"-1","max":"1"}}"#))
            .collect();
        format!(
            r#"{{"schema":"par.methodology/1","id":"wide","name":"wide","nodes":[{}],"adjustments":[{}]}}"#,
            leaves.join(","),
            adjustments.join(",")
        )
    };
    assert!(Methodology::from_json(&with(1_000)).is_ok());
    let err = Methodology::from_json(&with(1_001)).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::LimitExceeded]);
    assert_eq!(err.problems[0].limit.as_deref(), Some("tree_nodes"));
}

#[test]
fn more_than_a_hundred_thousand_units_are_refused() {
    let unit = r#"{"unit":"x"}"#;
    let text = format!("[{}]", vec![unit; 100_001].join(","));
    let err = parse_assessments(&text).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::LimitExceeded]);
}

#[test]
fn a_scorer_fed_unit_by_unit_refuses_more_than_a_hundred_thousand_once() {
    let m = Methodology::from_json(
        r#"{"schema":"par.methodology/1","id":"one","name":"one leaf","nodes":[{"code":"1","name":"a","max":"10"}]}"#,
    )
    .unwrap();
    let mut scorer = Scorer::new(&m, Lang::En);
    for i in 0..100_003 {
        scorer.add(UnitAssessment {
            unit: format!("u{i}"),
            block: None,
            entries: Default::default(),
        });
    }
    let err = scorer.finish().unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::LimitExceeded]);
}

#[test]
fn too_many_units_read_with_problems_report_both() {
    let m = builtin("bnv-2948-2017-province").unwrap();
    let unit = |i: usize| UnitAssessment {
        unit: format!("u{i}"),
        block: None,
        entries: Default::default(),
    };
    let read = par_core::Read {
        value: (0..100_001).map(unit).collect(),
        problems: vec![
            par_core::ParError::new(ErrorCode::BadType, ReadingMsg::UnitNotObject).unit("u7"),
        ],
    };
    let err = par_core::score(&m, read, Lang::En).unwrap_err();
    assert_eq!(
        codes(&err),
        vec![ErrorCode::BadType, ErrorCode::LimitExceeded]
    );
}

#[test]
fn a_decimal_with_more_than_28_significant_digits_is_refused() {
    let m = builtin("bnv-2948-2017-province").unwrap();
    let text = r#"[{"unit":"x","entries":{"1":{"value":"1.2345678901234567890123456789"}}}]"#;
    let err = parse_assessments(text).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::BadDecimal]);
    let ok = r#"[{"unit":"x","entries":{"1":{"value":"1.234567890123456789012345678"}}}]"#;
    assert!(score(&m, parse_assessments(ok).unwrap(), Lang::En).is_ok());
}

#[test]
fn extreme_but_valid_decimals_do_not_overflow() {
    let text = r#"{"schema":"par.methodology/1","id":"big","name":"big","nodes":[
        {"code":"1","name":"a","max":"999999999999.9999999999999999","rule":{"type":"ratio","target":"0.0000000000000000000000000001"}},
        {"code":"2","name":"b","max":"0.0000000000000000000000000001"}]}"#;
    let m = Methodology::from_json(text).unwrap();
    let units = parse_assessments(
        r#"[{"unit":"x","entries":{"1":{"self":"999999999999.9999999999999999"},"2":{"self":"0.0000000000000000000000000001"}}}]"#,
    )
    .unwrap();
    let r = score(&m, units, Lang::En).unwrap();
    assert_eq!(r.units[0].index.0.to_string(), "100.00");
}

#[test]
fn unknown_methodology_unit_and_malformed_json_have_codes() {
    assert_eq!(
        codes(&builtin("nope").unwrap_err()),
        vec![ErrorCode::UnknownMethodology]
    );
    assert_eq!(
        codes(&wire::score("nope", "[]", Lang::En).unwrap_err()),
        vec![ErrorCode::UnknownMethodology]
    );
    let results = wire::score("bnv-2948-2017-province", r#"[{"unit":"A"}]"#, Lang::En).unwrap();
    assert_eq!(
        codes(&wire::explain(&results, "B").unwrap_err()),
        vec![ErrorCode::UnknownUnit]
    );
    assert_eq!(
        codes(&parse_assessments("{").unwrap_err()),
        vec![ErrorCode::BadJson]
    );
    assert_eq!(
        codes(
            &parse_assessments(r#"[{"unit":"A","entries":{"1":{"evidence":"one"}}}]"#).unwrap_err()
        ),
        vec![ErrorCode::BadType]
    );
    assert_eq!(
        codes(&Results::from_json("{}").unwrap_err()),
        vec![ErrorCode::MissingField]
    );
}

#[test]
fn a_unit_asked_for_without_marks_is_found_or_the_units_it_may_mean_are_named() {
    let units = ["Sở Y tế", "Sở Tài chính", "Sở Tài nguyên", "Sở Tư pháp"]
        .map(|u| format!(r#"{{"unit":"{u}"}}"#))
        .join(",");
    let results = wire::score("bnv-2948-2017-province", &format!("[{units}]"), Lang::Vi).unwrap();
    let results = Results::from_json(&results).unwrap();
    // Typed on a phone without Vietnamese input, in any capitals.
    for (typed, unit) in [("so y te", "Sở Y tế"), ("SO TU PHAP", "Sở Tư pháp")] {
        assert_eq!(results.unit(typed).map(|u| u.unit.as_str()), Ok(unit));
    }
    // Two units without their marks hold "so tai": neither is taken, both are named.
    let e = results.unit("so tai").unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownUnit);
    assert_eq!(
        e.message(Lang::Vi),
        "kết quả không có đơn vị “so tai”; có phải là “Sở Tài chính” hay “Sở Tài nguyên” không?"
    );
    // A name typed with marks means them: `Sở Tu pháp` is no unit; `Sở Tư pháp` is said.
    let marked = results.unit("Sở Tu pháp").unwrap_err();
    assert!(marked
        .message(Lang::Vi)
        .ends_with("có phải là “Sở Tư pháp” không?"));
    let none = results.unit("Sở Không Có").unwrap_err();
    assert_eq!(
        none.message(Lang::En),
        "no unit named 'Sở Không Có' in the results"
    );
}

/// Every code in `ErrorCode::ALL` is produced by a fixture case or by a test in this file.
#[test]
fn every_error_code_is_exercised() {
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut seen = BTreeSet::new();
    for dir in std::fs::read_dir(cases).unwrap() {
        let expected =
            std::fs::read_to_string(dir.unwrap().path().join("expected.json")).unwrap_or_default();
        let problems = serde_json::from_str::<serde_json::Value>(&expected)
            .ok()
            .and_then(|doc| doc.get("problems").and_then(|p| p.as_array()).cloned())
            .unwrap_or_default();
        for p in problems {
            if let Some(code) = p.get("code").and_then(|c| c.as_str()) {
                seen.insert(code.to_string());
            }
        }
    }
    // Produced by the tests above; `bad_encoding` by `encoding`'s unit tests and the CLI's, and
    // `unreadable_file` by the CLI's (par-cli/tests), the only one that opens files.
    seen.extend(
        [
            "bad_encoding",
            "unreadable_file",
            "limit_exceeded",
            "unknown_methodology",
            "unknown_unit",
            "bad_json",
            "bad_type",
        ]
        .map(String::from),
    );
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "error codes never exercised: {missing:?}"
    );
}

#[test]
fn a_results_file_naming_nodes_outside_its_tree_reports_each_with_its_unit() {
    let m = builtin("bnv-2948-2017-province").unwrap();
    let units = parse_assessments(
        r#"[{"unit":"A","entries":{"1":{"value":"8"}}},{"unit":"B","entries":{"1":{"value":"9"}}}]"#,
    )
    .unwrap();
    let text = score(&m, units, Lang::En).unwrap().to_json();
    let edited = text.replacen("\"1\": {", "\"9.9\": {", 2);
    let err = Results::from_json(&edited).unwrap_err();
    let found: Vec<_> = err
        .problems
        .iter()
        .map(|e| {
            (
                e.code,
                e.unit.as_deref(),
                e.node.as_deref(),
                e.field.as_deref(),
                e.value.as_deref(),
            )
        })
        .collect();
    let unknown = |unit| {
        (
            ErrorCode::UnknownNode,
            Some(unit),
            Some("9.9"),
            Some("nodes"),
            Some("9.9"),
        )
    };
    // In the results' order: B ranks first.
    assert_eq!(found, vec![unknown("B"), unknown("A")]);

    // Rounded figures are derived again when read, but must still be decimals.
    let garbled = text.replacen("\"lost\": \"", "\"lost\": \"x", 1);
    let err = Results::from_json(&garbled).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::BadDecimal]);
}

#[test]
fn a_unit_an_entry_or_a_round_given_as_an_array_is_refused_however_it_is_read() {
    // Serde's derived structs take an array of their fields in order; the format does not, and
    // a document is refused the same whether it is read at once, as it streams, or whole.
    let m = Methodology::from_json(
        r#"{"schema": "par.methodology/1", "id": "t", "name": "t",
            "nodes": [{"code": "1", "name": "A", "max": "10"}]}"#,
    )
    .unwrap();
    for units in [
        r#"[["A", null, {"1": {"self": "2"}}]]"#,
        r#"[{"unit": "A", "entries": {"1": ["2", [], null, []]}}]"#,
        r#"[{"unit": "A", "entries": {"1": {"self": "2", "appraisals": [[1, "1.5"]]}}}]"#,
    ] {
        let document = format!(r#"{{"schema": "par.assessments/1", "units": {units}}}"#);
        for text in [units, document.as_str()] {
            let err = wire::score(&m.to_json(), text, Lang::En).unwrap_err();
            assert_eq!(codes(&err), [ErrorCode::BadType], "{text}");
            let streamed = par_core::score_json_as_read(text, Scorer::new(&m, Lang::En));
            assert!(streamed.is_none(), "{text} streams");
        }
    }
}

#[test]
fn a_unit_a_node_or_a_round_of_results_given_as_an_array_is_refused() {
    let m = case_methodology("override-semantics");
    let input = case_file("override-semantics", "input.json");
    let results = wire::score(&m.to_json(), &input, Lang::En).expect("scores");
    let document: serde_json::Value = serde_json::from_str(&results).unwrap();
    let unit = &document["units"][0];
    let (code, node) = unit["nodes"]
        .as_object()
        .and_then(|nodes| nodes.iter().find(|(_, n)| n["appraisals"].is_array()))
        .expect("a node with appraisal rounds");
    let round = &node["appraisals"][0];
    // Each object as an array of its values in order, as serde's derived readers would take it.
    let as_array = |v: &serde_json::Value| {
        serde_json::Value::Array(v.as_object().unwrap().values().cloned().collect())
    };
    for (path, array) in [
        ("/units/0".to_string(), as_array(unit)),
        (format!("/units/0/nodes/{code}"), as_array(node)),
        (
            format!("/units/0/nodes/{code}/appraisals/0"),
            as_array(round),
        ),
    ] {
        let mut changed = document.clone();
        *changed.pointer_mut(&path).unwrap() = array;
        let err = Results::from_json(&changed.to_string()).unwrap_err();
        assert_eq!(codes(&err), [ErrorCode::BadType], "{path}");
    }
}

#[test]
fn a_document_with_problems_is_read_a_unit_at_a_time_as_one_json_value_would_be() {
    // Each case: the text, and the codes and fields of its problems, as reading the text as one
    // JSON value found them, but for fields given twice: those are refused (a JSON value keeps
    // the last without a word), and what else is said is said of the last. Every value is read
    // as serde_json reads a value. Unknown fields are named in the order first given (read
    // as one value, removing the known fields shuffled them: `a` came before `b` here).
    let entries = |n: usize| {
        let codes: Vec<String> = (0..n).map(|i| format!(r#""x{i}":{{}}"#)).collect();
        format!("{{{}}}", codes.join(","))
    };
    let most = par_core::limits::UNIT_ENTRIES.max;
    let unit = r#"{"unit":"A","entries":{"1":{"self":1}}}"#;
    let cases = [
        (
            r#"{"schema":"par.assessments/1","units":{"a":1}}"#.to_string(),
            vec![(ErrorCode::MissingField, "units")],
        ),
        (
            format!(r#"{{"schema":"x","units":[{unit}],"schema":"par.assessments/1"}}"#),
            vec![
                (ErrorCode::ConflictingInput, "schema"),
                (ErrorCode::BadDecimal, "1"),
            ],
        ),
        (
            format!(r#"{{"units":[{unit}],"schema":"par.assessments/1","units":[]}}"#),
            vec![(ErrorCode::ConflictingInput, "units")],
        ),
        (
            r#"{"schema":"par.assessments/1","units":[],"extra":1e400}"#.to_string(),
            vec![(ErrorCode::BadJson, "")],
        ),
        (
            r#"{"schema":"par.assessments/1","units":[],"b":1,"a":2,"b":3}"#.to_string(),
            vec![
                (ErrorCode::UnknownField, "b"),
                (ErrorCode::UnknownField, "a"),
            ],
        ),
        (r#""units""#.to_string(), vec![(ErrorCode::BadJson, "")]),
        (
            r#"[7,[1,2],{"unit":"A","entries":[1]}]"#.to_string(),
            vec![
                (ErrorCode::BadType, "units[0]"),
                (ErrorCode::BadType, "units[1]"),
                (ErrorCode::BadType, "entries"),
            ],
        ),
        (
            format!(
                r#"[{{"unit":"A","entries":{},"entries":{{"1":{{"self":1}}}}}}]"#,
                entries(most + 5)
            ),
            vec![
                (ErrorCode::ConflictingInput, "entries"),
                (ErrorCode::BadDecimal, "1"),
            ],
        ),
        (
            format!(
                r#"[{{"unit":"A","entries":{{"1":{{"self":1}}}},"entries":{}}}]"#,
                entries(most + 5)
            ),
            vec![
                (ErrorCode::ConflictingInput, "entries"),
                (ErrorCode::LimitExceeded, "entries"),
            ],
        ),
        // Past the limit, entries are still read as JSON values; the field keeps its first place.
        (
            format!(
                r#"[{{"unit":"A","entries":{},"z":{{"self":1e400}}}}}}]"#,
                entries(most + 5).strip_suffix('}').unwrap_or_default()
            ),
            vec![(ErrorCode::BadJson, "")],
        ),
        (
            format!(
                r#"[{{"entries":{},"a":1,"b":2,"unit":"A","entries":{{}}}}]"#,
                entries(most + 5)
            ),
            vec![
                (ErrorCode::ConflictingInput, "entries"),
                (ErrorCode::UnknownField, "b"),
                (ErrorCode::UnknownField, "a"),
            ],
        ),
    ];
    for (text, expected) in cases {
        let found = match par_core::read_assessments(&text) {
            Ok(read) => read.problems,
            Err(refused) => refused.problems,
        };
        let found: Vec<(ErrorCode, String)> = found
            .iter()
            .map(|p| {
                (
                    p.code,
                    p.node.clone().or(p.field.clone()).unwrap_or_default(),
                )
            })
            .collect();
        let expected: Vec<(ErrorCode, String)> = expected
            .into_iter()
            .map(|(c, f)| (c, f.to_string()))
            .collect();
        assert_eq!(found, expected, "{}", &text[..text.len().min(200)]);
    }
}

/// A document of one unit, `A`, whose criterion `1` is `entry`; `extra` is put after its entries
/// (an unknown field there sends the document to the reader that reports every problem).
fn one_entry_document(entry: &str, extra: &str) -> String {
    format!(
        r#"{{"schema":"par.assessments/1","units":[{{"unit":"A","entries":{{"1":{entry}}}{extra}}}]}}"#
    )
}

/// `n` evidence references, and `n` appraisal rounds with every field, as JSON lists' items.
fn references_and_rounds(n: usize) -> (String, String) {
    let references = vec![r#""TLKC-1""#; n].join(",");
    let rounds: Vec<String> = (1..=n)
        .map(|i| format!(r#"{{"round":{i},"value":"1","reason":"thiếu","by":"HĐTĐ"}}"#))
        .collect();
    (references, rounds.join(","))
}

#[test]
fn an_entry_at_the_limit_of_evidence_and_rounds_is_read_whole_by_every_reader() {
    let most = par_core::limits::ENTRY_ITEMS.max;
    let (references, rounds) = references_and_rounds(most);
    let entry = format!(
        r#"{{"self":"1","evidence":[{references}],"explanation":"e","appraisals":[{rounds}],"survey":{{"percent":"50"}},"value":"1"}}"#
    );
    let valid = par_core::read_assessments(&one_entry_document(&entry, "")).unwrap();
    assert!(valid.problems.is_empty(), "{:?}", valid.problems);
    let read = &valid.value[0].entries["1"];
    assert_eq!((read.evidence.len(), read.appraisals.len()), (most, most));
    // Read by the reader that reports problems, the entry is kept whole: its value is within
    // what an entry read as a JSON value may keep.
    let other = par_core::read_assessments(&one_entry_document(&entry, r#","x":1"#)).unwrap();
    assert_eq!(
        codes(&other.problems.clone().into()),
        [ErrorCode::UnknownField]
    );
    assert_eq!(other.value[0].entries["1"], *read);
}

#[test]
fn more_evidence_or_rounds_than_an_entry_may_have_are_refused_with_their_place() {
    let most = par_core::limits::ENTRY_ITEMS.max;
    // One past the limit, and far past it (an entry's JSON value is then cut as it is read).
    for given in [most + 1, 20 * most] {
        let (references, rounds) = references_and_rounds(given);
        let entries = [
            (
                format!(r#"{{"self":"1","evidence":[{references}]}}"#),
                "evidence",
            ),
            (
                format!(r#"{{"self":"1","appraisals":[{rounds}]}}"#),
                "appraisals",
            ),
        ];
        for (entry, field) in entries {
            for extra in ["", r#","x":1"#] {
                let problems = match par_core::read_assessments(&one_entry_document(&entry, extra))
                {
                    Ok(read) => read.problems,
                    Err(refused) => refused.problems,
                };
                let p = &problems[0];
                assert_eq!(p.code, ErrorCode::LimitExceeded, "{given} {field} {extra}");
                assert_eq!(p.limit.as_deref(), Some("entry_items"));
                let place = (p.unit.as_deref(), p.node.as_deref(), p.field.as_deref());
                assert_eq!(
                    place,
                    (Some("A"), Some("1"), Some(field)),
                    "{given} {extra}"
                );
                assert_eq!(
                    problems.len(),
                    1 + usize::from(!extra.is_empty()),
                    "{problems:?}"
                );
            }
        }
    }
}

#[test]
fn values_only_named_or_quoted_are_not_kept_whole() {
    // A unit's unknown field holding a million values is named; a unit's name given as a list
    // is quoted as far as a problem quotes it, as if it had been kept whole.
    let values = vec!["[0,0,0,0,0,0,0,0,0,0]"; 100_000].join(",");
    let unknown = format!(
        r#"{{"schema":"par.assessments/1","units":[{{"unit":"A","junk":[{values}]}}],"more":[{values}]}}"#
    );
    let refused = par_core::read_assessments(&unknown).unwrap_err();
    let named: Vec<_> = refused
        .problems
        .iter()
        .map(|p| p.field.as_deref())
        .collect();
    assert_eq!(
        named,
        [Some("more")],
        "the document's own problem is said alone"
    );
    let in_unit = unknown
        .replace(r#","more":[]"#, "")
        .replace(&format!(r#","more":[{values}]"#), "");
    let found = par_core::read_assessments(&in_unit).unwrap().problems;
    assert_eq!(
        (found[0].code, found[0].field.as_deref()),
        (ErrorCode::UnknownField, Some("junk"))
    );
    let list = format!("[{values}]");
    let name = format!(r#"{{"schema":"par.assessments/1","units":[{{"unit":{list}}}]}}"#);
    let found = par_core::read_assessments(&name).unwrap().problems;
    let whole: serde_json::Value = serde_json::from_str(&list).unwrap();
    let quoted = par_core::ParError::new(ErrorCode::BadType, ReadingMsg::UnitWithoutName)
        .value(whole.to_string());
    assert_eq!(found[0].value, quoted.value);
    assert!(quoted.value.is_some_and(|v| v.ends_with('…')));
}

#[test]
fn an_entry_too_large_for_anything_but_its_lists_is_refused_for_what_is_wrong_in_it() {
    let values = vec!["0"; 20_000].join(",");
    let junk = format!(r#"{{"self":"1","junk":[{values}]}}"#);
    // A list within its limit made long by what one of its items holds: that item is wrong.
    let round = format!(r#"{{"self":"1","appraisals":[{{"round":1,"value":[{values}]}}]}}"#);
    let evidence = format!(r#"{{"self":"1","evidence":["a",[{values}]]}}"#);
    for (entry, code, field) in [
        (junk, ErrorCode::UnknownField, "junk"),
        (round, ErrorCode::BadType, "appraisals[0].value"),
        (evidence, ErrorCode::BadType, "evidence[1]"),
    ] {
        let found = par_core::read_assessments(&one_entry_document(&entry, r#","x":1"#))
            .unwrap()
            .problems;
        let p = &found[0];
        assert_eq!(
            (p.code, p.field.as_deref()),
            (code, Some(field)),
            "{found:?}"
        );
    }
}

#[test]
fn a_field_given_again_is_refused_for_that_however_long_its_lists() {
    // Each value given again replaces the one before in what is kept, so the entry is not cut
    // for the values given over (past its limit), and is refused for what is wrong with it: a
    // field given twice, the first named (which of the two was meant is not known).
    let most = par_core::limits::ENTRY_ITEMS.max;
    let (references, rounds) = references_and_rounds(most);
    let again = format!(
        r#"{{"self":"1","appraisals":[{rounds}],"appraisals":[{rounds}],"evidence":[{references}],"evidence":["x"]}}"#
    );
    let many = format!(r#"{{{}}}"#, vec![r#""self":"1""#; 20_000].join(","));
    for (entry, twice) in [(again, "appraisals"), (many, "self")] {
        let read = par_core::read_assessments(&one_entry_document(&entry, r#","x":1"#)).unwrap();
        let found: Vec<_> = (read.problems.iter())
            .map(|p| (p.code, p.field.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (ErrorCode::ConflictingInput, Some(twice)),
                (ErrorCode::UnknownField, Some("x"))
            ]
        );
        assert!(read.value[0].entries.is_empty());
    }
}

#[test]
fn a_value_that_reads_as_a_limits_words_is_the_value_it_is() {
    // The words serde's reader fails with past a limit, typed as a score: a decimal not read.
    let entry = r#"{"self":"1","value":"over limit: entry_items"}"#;
    let found = match par_core::read_assessments(&one_entry_document(entry, "")) {
        Ok(read) => read.problems,
        Err(refused) => refused.problems,
    };
    assert_eq!(found[0].code, ErrorCode::BadDecimal, "{found:?}");
    assert_eq!(found[0].limit, None);
}

#[test]
fn two_spellings_of_one_criterion_in_a_units_entries_are_one_criterion_given_twice() {
    // A Python dict or a unit built in code is not put in NFC as a text is: `1.é` typed as one
    // character and as a letter and its accent are two keys, which name one criterion.
    let m = Methodology::from_json(
        r#"{"schema":"par.methodology/1","id":"t","name":"t",
            "nodes":[{"code":"1","name":"Lĩnh vực","max":"10","children":[
              {"code":"1.é","name":"Tiêu chí","max":"5"},{"code":"1.b","name":"Tiêu chí","max":"5"}]}]}"#,
    )
    .expect("a methodology");
    let unit: UnitAssessment = serde_json::from_str(
        r#"{"unit":"A","entries":{"1.\u00e9":{"self":"2"},"1.b":{"self":"1"},"1.e\u0301":{"self":"3"}}}"#,
    )
    .expect("two keys");
    let refused = score(&m, vec![unit], Lang::En).expect_err("given twice");
    assert_eq!(
        common::code_unit_node(&refused),
        [(ErrorCode::ConflictingInput, Some("A"), Some("1.e\u{301}"))]
    );
}

#[test]
fn two_blocks_named_alike_but_for_commas_or_capitals_are_one_block_declared_twice() {
    // A unit's block is matched by its name's key: the second would be unreachable by name.
    let text = case_file("blocks-ranked-separately", "methodology.json");
    let mut m: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let blocks = m["blocks"].as_array_mut().expect("blocks");
    let mut again = blocks[0].clone();
    again["id"] = "so2".into();
    again["name"] = "SỞ BAN NGÀNH".into();
    blocks.push(again);
    let err = Methodology::from_json(&m.to_string()).unwrap_err();
    assert_eq!(codes(&err), vec![ErrorCode::DuplicateCode]);
    assert_eq!(err.problems[0].field.as_deref(), Some("blocks[2].name"));
    // Told apart by a sign, they are two.
    m["blocks"][2]["name"] = "Sở, ban, ngành +".into();
    assert!(Methodology::from_json(&m.to_string()).is_ok());
}

/// A unit whose scored criteria have a total max of 0 (a survey criterion left out for want of
/// a survey, the other of max 0) is refused naming the unit, and told why: not that every
/// criterion is survey-assessed, which one is not.
#[test]
fn a_unit_whose_scored_criteria_are_worth_nothing_is_told_so() {
    let methodology = r#"{"schema": "par.methodology/1", "id": "h", "name": "h",
        "nodes": [{"code": "1", "name": "a", "max": "0"},
                  {"code": "2", "name": "b", "max": "1", "survey": true}],
        "policies": {"no_survey": "rescale"}}"#;
    let units = r#"{"schema": "par.assessments/1",
        "units": [{"unit": "u1", "entries": {"1": {"value": "0"}}}]}"#;
    let refused = wire::score(methodology, units, Lang::En).expect_err("refused");
    let problem = &refused.problems[0];
    assert_eq!(problem.code, ErrorCode::OutOfRange);
    assert_eq!(problem.unit.as_deref(), Some("u1"));
    assert_eq!(
        problem.message.render(Lang::En),
        "no points can be scored: the criteria scored have a total max of 0 (the survey-assessed \
         ones are left out: the unit has no survey)"
    );
}

/// Twenty units with 16 KB names tied on each of a thousand criteria: their analysis would name
/// each unit twice a criterion, 655 MB of names from results of a few megabytes. It is refused
/// for its limit, and an analysis of the same units under short names is made.
#[test]
fn an_analysis_naming_more_than_its_limit_is_refused() {
    let leaves: Vec<String> = (1..=1_000)
        .map(|i| format!(r#"{{"code":"{i}","name":"n","max":"1"}}"#))
        .collect();
    let m = Methodology::from_json(&format!(
        r#"{{"schema":"par.methodology/1","id":"wide","name":"wide","completeness":"fields","nodes":[{}]}}"#,
        leaves.join(",")
    ))
    .expect("a methodology of a thousand fields");
    let units = |name_bytes: usize, of: &str| -> Vec<UnitAssessment> {
        (0..20)
            .map(|i| UnitAssessment {
                unit: format!("{i:02}{}", of.repeat(name_bytes - 2)),
                block: None,
                entries: Default::default(),
            })
            .collect()
    };
    let refused = |units: Vec<UnitAssessment>| {
        let tied = score(&m, units, Lang::Vi).expect("scores");
        let err = par_core::analysis::analyze(&tied).unwrap_err();
        assert_eq!(err.code, ErrorCode::LimitExceeded);
        assert_eq!(err.limit.as_deref(), Some("analysis_text_bytes"));
    };
    refused(units(16 * 1024, "x"));
    // 20 names of 1 KB tied best and worst on a thousand fields: 41 MB as typed, within the
    // limit, but written twice as long where each is a quote.
    refused(units(1024, "\""));
    let plain = score(&m, units(1024, "x"), Lang::Vi).expect("scores");
    par_core::analysis::analyze(&plain).expect("within its limit");
    let short = score(&m, units(100, "x"), Lang::Vi).expect("scores");
    let analysis = par_core::analysis::analyze(&short).expect("within its limit");
    assert_eq!(analysis.blocks[0].criteria[0].best.len(), 20);
}

/// A band's label, a choice's option and a block's name are repeated with every unit or
/// criterion scored under them: each is bounded by `label_bytes` (1 KB), not by a text's 16 KB.
#[test]
fn labels_repeated_with_every_unit_are_refused_past_a_kilobyte() {
    let long = "L".repeat(1_025);
    let text = format!(
        r#"{{"schema":"par.methodology/1","id":"l","name":"l",
            "bands":[{{"label":"{long}","min":"50"}}],
            "blocks":[{{"id":"k","name":"{long}"}}],
            "nodes":[
              {{"code":"1","name":"a","max":"1","rule":{{"type":"choice","options":[{{"label":"{long}","points":"1"}}]}}}},
              {{"code":"2","name":"{long}","max":"1","rule":{{"type":"bands","bands":[{{"min":"0","points":"1","label":"{long}"}}]}}}}
            ]}}"#
    );
    let err = Methodology::from_json(&text).unwrap_err();
    let refused: Vec<(Option<&str>, Option<&str>)> = (err.problems.iter())
        .map(|p| (p.limit.as_deref(), p.field.as_deref()))
        .collect();
    assert_eq!(
        refused,
        [
            (Some("label_bytes"), Some("bands[0].label")),
            (Some("label_bytes"), Some("blocks[0].name")),
            (Some("label_bytes"), Some("nodes[0].rule.options[0].label")),
            (Some("label_bytes"), Some("nodes[1].rule.bands[0].label")),
        ],
        "{err}"
    );
    // A name of the same length is a text, within its 16 KB.
    let within = text.replace(&format!(r#""label":"{long}""#), r#""label":"A""#);
    let within = within.replace(&format!(r#""name":"{long}"}}]"#), r#""name":"Khối"}]"#);
    assert!(Methodology::from_json(&within).is_ok(), "{within}");
}

/// A problem naming what a unit may give (a choice's options, the blocks) names the first ten and
/// counts the rest: a thousand options or blocks named in a kilobyte each, listed whole in the
/// problem of each of a thousand units, made a gigabyte of messages.
#[test]
fn a_problem_names_the_first_ten_options_or_blocks_and_counts_the_rest() {
    let label = |i: usize| format!("{i:04}{}", "o".repeat(996));
    let options: Vec<String> = (0..1_000)
        .map(|i| format!(r#"{{"label":"{}","points":"1"}}"#, label(i)))
        .collect();
    let blocks: Vec<String> = (0..1_000)
        .map(|i| format!(r#"{{"id":"b{i}","name":"{}"}}"#, label(i)))
        .collect();
    let m = Methodology::from_json(&format!(
        r#"{{"schema":"par.methodology/1","id":"many","name":"many","blocks":[{}],
            "nodes":[{{"code":"1","name":"c","max":"1","rule":{{"type":"choice","options":[{}]}}}}]}}"#,
        blocks.join(","),
        options.join(",")
    ))
    .expect("a thousand options and blocks, each within a label's limit");
    let unit = |block: &str| {
        parse_assessments(&format!(
            r#"{{"schema":"par.assessments/1","units":[{{"unit":"u",{block}"entries":{{"1":{{"self":"z"}}}}}}]}}"#
        ))
        .expect("assessments")
    };
    for (block, said, more_vi) in [
        (
            r#""block":"b0","#,
            "is not an option",
            " và 990 lựa chọn khác",
        ),
        ("", "give one of: b0 (", " và 990 khối khác"),
        (
            r#""block":"nowhere","#,
            "block 'nowhere' is not declared",
            " và 990 khối khác",
        ),
    ] {
        let err = score(&m, unit(block), Lang::En).unwrap_err();
        // Each problem names the unit, and the option's its criterion, field and value.
        let named: Vec<_> = (err.problems.iter())
            .map(|p| (p.unit.as_deref(), p.node.as_deref(), p.field.as_deref()))
            .collect();
        assert!(
            named.iter().all(|(unit, ..)| *unit == Some("u")),
            "{named:?}"
        );
        let option = err.problems.last().unwrap();
        assert_eq!(
            (
                option.node.as_deref(),
                option.field.as_deref(),
                option.value.as_deref()
            ),
            (Some("1"), Some("self"), Some("z"))
        );
        let message = err.problems[0].message(Lang::En);
        assert!(message.contains(said), "{message}");
        assert!(message.contains(&label(9)), "{message}");
        assert!(!message.contains(&label(10)), "{message}");
        assert!(message.ends_with(" and 990 more"), "{message}");
        assert!(message.len() < 12 * 1024, "{} bytes", message.len());
        let message = err.problems[0].message(Lang::Vi);
        assert!(message.ends_with(more_vi), "{message}");
    }
}

/// A comparison's JSON names each field on every unit's move: 2,000 units on ten fields named in
/// 16 KB would write 328 MB from rankings that share each name. It is refused before it is
/// written; the comparison itself, which shares the names, stands.
#[test]
fn a_comparison_naming_more_than_its_limit_is_refused_as_json() {
    use par_core::compare::{compare_rankings, Ranking, Standing};
    use std::sync::Arc;
    let ranking = |name_bytes: usize| {
        let name: Arc<str> = Arc::from("n".repeat(name_bytes));
        let standings = (0..2_000).map(|i| Standing {
            unit: format!("u{i}"),
            block: None,
            block_name: None,
            index: par_core::Dec(50.into()),
            rank: 1,
            fields: (0..10)
                .map(|f| (f.to_string(), Arc::clone(&name), par_core::Dec(50.into())))
                .collect(),
        });
        Ranking {
            methodology: Some("m".into()),
            standings: standings.collect(),
        }
    };
    let long = ranking(16 * 1024);
    let comparison = compare_rankings(&long, &long);
    assert_eq!(comparison.units[0].fields.len(), 10);
    let err = comparison.to_json().unwrap_err();
    assert_eq!(err.limit.as_deref(), Some("comparison_text_bytes"));
    let short = ranking(100);
    let json = compare_rankings(&short, &short)
        .to_json()
        .expect("within its limit");
    assert!(json.contains(&"n".repeat(100)));
}
