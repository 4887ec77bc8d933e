//! What `score` writes, `Results::from_json` reads back and writes again byte for byte — the
//! exact figures' full precision included — and a results document whose figures contradict
//! each other is refused with every problem named.

use par_core::Lang;
use par_core::Results;
use par_core::{parse_assessments, score, ErrorCode, Methodology, ParError};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// Leaf maxima: whole and fractional, some with more places than the output keeps (0.125 at
/// two places prints 0.13), and 3 and 7, whose quotients never end.
const MAXIMA: [&str; 9] = ["3", "7", "0.3", "0.125", "1", "2.5", "0.07", "10", "1.333"];

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

/// A small methodology: top-level nodes that are leaves or parents of leaves, and optionally
/// blocks, capped adjustments and a survey leaf rescaled away when a unit has no survey.
#[derive(Debug, Clone)]
struct Tree {
    /// Per top-level node, its leaves' maxima (one leaf: the node is itself the leaf).
    fields: Vec<Vec<&'static str>>,
    places: u32,
    half_even: bool,
    rank_exact: bool,
    blocks: bool,
    adjustments: bool,
    survey: bool,
}

impl Tree {
    fn leaf_codes(&self) -> Vec<(String, &'static str)> {
        let mut leaves = Vec::new();
        for (i, leaves_of) in self.fields.iter().enumerate() {
            if leaves_of.len() == 1 {
                leaves.push(((i + 1).to_string(), leaves_of[0]));
            } else {
                for (j, max) in leaves_of.iter().enumerate() {
                    leaves.push((format!("{}.{}", i + 1, j + 1), *max));
                }
            }
        }
        leaves
    }

    fn survey_code(&self) -> String {
        (self.fields.len() + 1).to_string()
    }

    fn methodology(&self) -> Methodology {
        let mut nodes: Vec<Value> = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, leaves)| {
                let code = (i + 1).to_string();
                let total: Decimal = leaves.iter().map(|m| dec(m)).sum();
                let mut node = json!({"code": code, "name": format!("Lĩnh vực {code}"), "max": total.to_string()});
                if leaves.len() > 1 {
                    node["children"] = leaves
                        .iter()
                        .enumerate()
                        .map(|(j, max)| json!({"code": format!("{code}.{}", j + 1), "name": "Tiêu chí", "max": max}))
                        .collect();
                }
                node
            })
            .collect();
        if self.survey {
            nodes.push(json!({"code": self.survey_code(), "name": "Khảo sát", "max": "2.5", "survey": true, "component": "sipas"}));
        }
        let mode = if self.half_even {
            "half_even"
        } else {
            "half_up"
        };
        let on = if self.rank_exact { "exact" } else { "rounded" };
        let mut doc = json!({
            "schema": "par.methodology/1",
            "id": "readback",
            "name": "Read-back test tree",
            "bands": [{"label": "A", "min": "90"}, {"label": "B", "min": "50"}],
            "nodes": nodes,
            "policies": {
                "rounding": {"places": self.places, "mode": mode},
                "ranking": {"on": on},
                "no_survey": "rescale"
            }
        });
        if self.blocks {
            doc["blocks"] = json!([{"id": "so", "name": "Sở"}, {"id": "huyen", "name": "Huyện"}]);
        }
        if self.adjustments {
            doc["adjustments"] = json!([
                {"code": "T", "name": "Điểm thưởng", "min": "0", "max": "1"},
                {"code": "P", "name": "Điểm trừ", "min": "-2", "max": "0"}
            ]);
        }
        Methodology::from_json(&doc.to_string()).expect("generated methodology is valid")
    }
}

fn tree() -> impl Strategy<Value = Tree> {
    let field = proptest::collection::vec(proptest::sample::select(MAXIMA.to_vec()), 1..4);
    (
        proptest::collection::vec(field, 1..4),
        0u32..=4,
        any::<[bool; 5]>(),
    )
        .prop_map(|(fields, places, flags)| Tree {
            fields,
            places,
            half_even: flags[0],
            rank_exact: flags[1],
            blocks: flags[2],
            adjustments: flags[3],
            survey: flags[4],
        })
}

/// How one unit enters one leaf.
#[derive(Debug, Clone, Copy)]
enum Input {
    Missing,
    /// Final points: this many millionths of the max.
    Value(u32),
    /// A self-score, unappraised.
    SelfScore(u32),
    /// A self-score changed by one appraisal round.
    Appraised(u32, u32),
}

fn input() -> impl Strategy<Value = Input> {
    let share = 0u32..=1_000_000;
    prop_oneof![
        Just(Input::Missing),
        share.clone().prop_map(Input::Value),
        share.clone().prop_map(Input::SelfScore),
        (share.clone(), share).prop_map(|(s, a)| Input::Appraised(s, a)),
    ]
}

/// The leaf's points for a share of its max: many places (0.125 × 0.123457 = 0.015432125).
fn share_of(max: &str, millionths: u32) -> String {
    (dec(max) * Decimal::from(millionths) / Decimal::from(1_000_000))
        .normalize()
        .to_string()
}

#[derive(Debug, Clone)]
struct UnitCase {
    inputs: Vec<Input>,
    /// Gives the first parent its points by value instead of scoring its leaves.
    first_parent_by_value: Option<u32>,
    survey_points: Option<u32>,
    bonus_cents: i32,
    penalty_cents: i32,
    second_block: bool,
}

fn unit_case() -> impl Strategy<Value = UnitCase> {
    (
        proptest::collection::vec(input(), 12),
        proptest::option::of(0u32..=1_000_000),
        proptest::option::of(0u32..=1_000_000),
        (-100..=300i32, -300..=100i32),
        any::<bool>(),
    )
        .prop_map(
            |(inputs, by_value, survey, (bonus, penalty), second_block)| UnitCase {
                inputs,
                first_parent_by_value: by_value,
                survey_points: survey,
                bonus_cents: bonus,
                penalty_cents: penalty,
                second_block,
            },
        )
}

fn cents(c: i32) -> String {
    (Decimal::from(c) / Decimal::ONE_HUNDRED).to_string()
}

fn assessments(tree: &Tree, units: &[UnitCase]) -> String {
    let leaves = tree.leaf_codes();
    let parent = tree.fields.iter().position(|f| f.len() > 1);
    let units: Vec<Value> = units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let mut entries = serde_json::Map::new();
            let by_value = parent.zip(u.first_parent_by_value);
            if let Some((p, share)) = by_value {
                let max: Decimal = tree.fields[p].iter().map(|m| dec(m)).sum();
                let points = share_of(&max.to_string(), share);
                entries.insert((p + 1).to_string(), json!({"value": points}));
            }
            let covered = |code: &str| {
                by_value.is_some_and(|(p, _)| code.starts_with(&format!("{}.", p + 1)))
            };
            for ((code, max), input) in leaves.iter().zip(&u.inputs) {
                let entry = match *input {
                    _ if covered(code) => continue,
                    Input::Missing => continue,
                    Input::Value(v) => json!({"value": share_of(max, v)}),
                    Input::SelfScore(s) => json!({"self": share_of(max, s)}),
                    Input::Appraised(s, a) => json!({
                        "self": share_of(max, s),
                        "appraisals": [{"round": 1, "value": share_of(max, a), "reason": "Thẩm định"}]
                    }),
                };
                entries.insert(code.clone(), entry);
            }
            if let Some(s) = u.survey_points.filter(|_| tree.survey) {
                entries.insert(
                    tree.survey_code(),
                    json!({"survey": {"points": share_of("2.5", s)}}),
                );
            }
            if tree.adjustments {
                entries.insert("T".into(), json!({"value": cents(u.bonus_cents)}));
                entries.insert("P".into(), json!({"value": cents(u.penalty_cents)}));
            }
            let mut unit = json!({"unit": format!("Đơn vị {k}"), "entries": entries});
            if tree.blocks {
                unit["block"] = json!(if u.second_block { "huyen" } else { "so" });
            }
            unit
        })
        .collect();
    json!({"schema": "par.assessments/1", "units": units}).to_string()
}

fn scored(tree: &Tree, units: &[UnitCase]) -> Results {
    let input = parse_assessments(&assessments(tree, units)).expect("generated input parses");
    score(&tree.methodology(), input, Lang::En).expect("generated input scores")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// score → to_json → from_json → to_json gives the same text and the same results.
    #[test]
    fn what_score_writes_reads_back_and_writes_again_the_same(
        tree in tree(),
        units in proptest::collection::vec(unit_case(), 1..6),
    ) {
        let results = scored(&tree, &units);
        let text = results.to_json();
        let back = Results::from_json(&text);
        prop_assert!(back.is_ok(), "refused on read:\n{}\n{}", back.unwrap_err(), text);
        let back = back.unwrap();
        prop_assert_eq!(back.to_json(), text);
        prop_assert_eq!(back, results);
    }

    /// Looking a node up by its tree position finds what looking it up by code finds, read
    /// back or not, nodes under a node given by value included (they are not scored).
    #[test]
    fn nodes_by_position_are_nodes_by_code(
        tree in tree(),
        units in proptest::collection::vec(unit_case(), 1..4),
    ) {
        let results = scored(&tree, &units);
        let back = Results::from_json(&results.to_json()).expect("reads back");
        for r in [&results, &back] {
            for u in &r.units {
                for (position, t) in r.tree.iter().enumerate() {
                    let by_code = u.nodes.get(&t.code).map(|n| n.code());
                    prop_assert_eq!(u.nodes.at(position).map(|n| n.code()), by_code);
                }
            }
        }
    }
}

fn one_node_methodology(max: &str, places: u32) -> Methodology {
    let doc = json!({
        "schema": "par.methodology/1",
        "id": "one",
        "name": "One node",
        "nodes": [{"code": "1", "name": "Điểm", "max": max}],
        "policies": {"rounding": {"places": places}}
    });
    Methodology::from_json(&doc.to_string()).expect("valid")
}

fn score_values(m: &Methodology, values: &[(&str, &str)]) -> Results {
    let units: Vec<Value> = values
        .iter()
        .map(|(unit, v)| json!({"unit": unit, "entries": {"1": {"value": v}}}))
        .collect();
    let text = json!({"schema": "par.assessments/1", "units": units}).to_string();
    score(m, parse_assessments(&text).expect("parses"), Lang::En).expect("scores")
}

fn reads_back(results: &Results) {
    let text = results.to_json();
    let back = Results::from_json(&text).unwrap_or_else(|p| panic!("refused: {p}\n{text}"));
    assert_eq!(back.to_json(), text);
}

#[test]
fn an_index_of_29_significant_digits_reads_back() {
    let results = score_values(&one_node_methodology("3", 2), &[("A", "1")]);
    assert_eq!(
        results.units[0].index_exact.0.to_string(),
        "33.333333333333333333333333333"
    );
    reads_back(&results);
}

#[test]
fn a_max_with_more_places_than_printed_reads_back_with_its_exact_index() {
    let results = score_values(&one_node_methodology("0.125", 2), &[("A", "0.1")]);
    let text = results.to_json();
    assert!(text.contains(r#""max_exact": "0.125""#), "{text}");
    assert!(text.contains(r#""index": "80.00""#), "{text}");
    reads_back(&results);
}

#[test]
fn a_total_beyond_the_input_magnitude_reads_back() {
    let doc = json!({
        "schema": "par.methodology/1", "id": "big", "name": "Big",
        "nodes": [
            {"code": "1", "name": "a", "max": "999999999999"},
            {"code": "2", "name": "b", "max": "999999999999"}
        ]
    });
    let m = Methodology::from_json(&doc.to_string()).expect("valid");
    let text = json!({"schema": "par.assessments/1", "units": [
        {"unit": "A", "entries": {"1": {"value": "999999999999"}, "2": {"value": "1"}}}
    ]})
    .to_string();
    let results = score(&m, parse_assessments(&text).expect("parses"), Lang::En).expect("scores");
    assert_eq!(results.units[0].points.0.to_string(), "1000000000000.00");
    reads_back(&results);
}

/// A scored document edited by `edit`, and the problems reading it gives.
fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<ParError> {
    let m = one_node_methodology("3", 2);
    let results = score_values(&m, &[("A", "1"), ("B", "2"), ("C", "3")]);
    let mut doc: Value = serde_json::from_str(&results.to_json()).expect("json");
    edit(&mut doc);
    Results::from_json(&doc.to_string())
        .expect_err("refused")
        .problems
}

fn codes_and_fields(problems: &[ParError]) -> Vec<(ErrorCode, Option<&str>, Option<&str>)> {
    problems
        .iter()
        .map(|p| (p.code, p.unit.as_deref(), p.field.as_deref()))
        .collect()
}

/// A problem's code, unit, field and the value it quotes.
type Said<'p> = (ErrorCode, Option<&'p str>, Option<&'p str>, Option<&'p str>);

/// [`codes_and_fields`], with the value each problem quotes.
fn codes_fields_and_values(problems: &[ParError]) -> Vec<Said<'_>> {
    let quoted = problems.iter().map(|p| p.value.as_deref());
    (codes_and_fields(problems).into_iter().zip(quoted))
        .map(|((code, unit, field), value)| (code, unit, field, value))
        .collect()
}

#[test]
fn a_unit_named_twice_is_refused() {
    // Units are ordered best first: C (3 of 3), B, A.
    let problems = problems_after(|d| d["units"][2]["unit"] = json!("B"));
    let duplicate = problems
        .iter()
        .find(|p| p.code == ErrorCode::DuplicateUnit)
        .expect("duplicate_unit");
    assert_eq!(duplicate.unit.as_deref(), Some("B"));
    assert_eq!(duplicate.field.as_deref(), Some("unit"));
    assert_eq!(duplicate.value.as_deref(), Some("B"));
}

#[test]
fn a_unit_spelled_another_way_is_named_twice_and_a_blank_name_is_none() {
    // Scoring takes `SỞ Y TẾ`'s capitals for `Sở Y tế`'s; a name of a zero-width space is none.
    let problems = problems_after(|d| {
        d["units"][0]["unit"] = json!("Sở Y tế");
        d["units"][1]["unit"] = json!("SỞ Y TẾ");
        d["units"][2]["unit"] = json!("\u{200b}");
    });
    assert_eq!(
        codes_and_fields(&problems),
        [
            (ErrorCode::DuplicateUnit, Some("SỞ Y TẾ"), Some("unit")),
            (ErrorCode::MissingField, None, Some("unit")),
        ]
    );
}

#[test]
fn ranks_count_from_one() {
    for rank in [0, -1] {
        let problems = problems_after(|d| d["units"][0]["rank"] = json!(rank));
        assert_eq!(
            codes_and_fields(&problems),
            [(ErrorCode::OutOfRange, Some("C"), Some("rank"))]
        );
        assert_eq!(
            problems[0].value.as_deref(),
            Some(rank.to_string().as_str())
        );
    }
    let problems = problems_after(|d| d["units"][0]["rank"] = json!(4));
    assert_eq!(
        codes_and_fields(&problems),
        [(ErrorCode::OutOfRange, Some("C"), Some("rank"))],
        "beyond the block's 3 units"
    );
}

#[test]
fn an_index_exact_that_is_not_points_over_max_is_refused() {
    // B has 2 of 3: 66.666666666666666666666666667.
    let problems = problems_after(|d| {
        d["units"][1]["index_exact"] = json!("66.666666666666666666666666666");
    });
    assert_eq!(
        codes_and_fields(&problems),
        [(ErrorCode::ConflictingInput, Some("B"), Some("index_exact"))]
    );
}

#[test]
fn a_rounded_figure_that_does_not_round_its_exact_one_is_refused() {
    let problems = problems_after(|d| {
        d["units"][1]["index"] = json!("66.66");
        d["units"][1]["nodes"]["1"]["lost"] = json!("1.01");
    });
    let found: Vec<_> = problems
        .iter()
        .map(|p| {
            (
                p.code,
                p.unit.as_deref(),
                p.node.as_deref(),
                p.field.as_deref(),
                p.value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                ErrorCode::ConflictingInput,
                Some("B"),
                Some("1"),
                Some("lost"),
                Some("1.01")
            ),
            (
                ErrorCode::ConflictingInput,
                Some("B"),
                None,
                Some("index"),
                Some("66.66")
            ),
        ]
    );
}

#[test]
fn points_above_the_max_are_refused() {
    let problems = problems_after(|d| {
        let node = &mut d["units"][0]["nodes"]["1"];
        node["points_exact"] = json!("3.5");
        node["points"] = json!("3.50");
        node["index"] = json!("116.67");
        node["lost"] = json!("-0.50");
    });
    let node = problems
        .iter()
        .find(|p| p.node.as_deref() == Some("1"))
        .expect("the node's problem");
    assert_eq!(node.code, ErrorCode::OutOfRange);
    assert_eq!(node.field.as_deref(), Some("points_exact"));
    assert_eq!(node.value.as_deref(), Some("3.5"));
}

#[test]
fn block_statistics_the_units_do_not_give_are_refused() {
    let problems = problems_after(|d| {
        let block = &mut d["blocks"][0];
        block["count"] = json!(4);
        block["max"] = json!("99.00");
        block["mean"] = json!("100.00");
    });
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            Some("blocks[0].count"),
            Some("blocks[0].max"),
            Some("blocks[0].mean"),
        ]
    );
    assert!(problems
        .iter()
        .all(|p| p.code == ErrorCode::ConflictingInput));
}

#[test]
fn every_problem_of_a_document_is_reported_together() {
    let problems = problems_after(|d| {
        d["units"][0]["rank"] = json!(0);
        d["units"][2]["unit"] = json!("B");
        d["units"][1]["index_exact"] = json!("60");
    });
    let codes: Vec<ErrorCode> = problems.iter().map(|p| p.code).collect();
    assert!(codes.contains(&ErrorCode::OutOfRange), "{codes:?}");
    assert!(codes.contains(&ErrorCode::DuplicateUnit), "{codes:?}");
    assert!(codes.contains(&ErrorCode::ConflictingInput), "{codes:?}");
}

#[test]
fn a_figure_a_decimal_cannot_hold_exactly_is_refused() {
    let problems = problems_after(|d| {
        d["units"][0]["index_exact"] = json!("100.00000000000000000000000000001");
    });
    assert_eq!(problems[0].code, ErrorCode::BadDecimal);
    assert_eq!(problems[0].field.as_deref(), Some("units[0].index_exact"));
}

#[test]
fn a_document_rounding_to_more_places_than_a_methodology_may_is_refused_before_its_figures() {
    let problems = problems_after(|d| d["rounding"]["places"] = json!(200_000_000));
    assert_eq!(
        codes_and_fields(&problems),
        [(ErrorCode::OutOfRange, None, Some("rounding.places"))]
    );
    assert_eq!(problems[0].value.as_deref(), Some("200000000"));
}

#[test]
fn ranks_that_do_not_follow_the_indexes_are_refused() {
    // C (3 of 3) and A (1 of 3) swap ranks 1 and 3: each is told the rank its index has.
    let problems = problems_after(|d| {
        d["units"][0]["rank"] = json!(3);
        d["units"][2]["rank"] = json!(1);
    });
    assert_eq!(
        codes_fields_and_values(&problems),
        [
            (
                ErrorCode::ConflictingInput,
                Some("C"),
                Some("rank"),
                Some("3")
            ),
            (
                ErrorCode::ConflictingInput,
                Some("A"),
                Some("rank"),
                Some("1")
            ),
        ]
    );
    let message = problems[0].message.render(Lang::En);
    assert!(message.ends_with("that index ranks 1"), "{message}");
}

#[test]
fn units_of_one_index_may_share_a_rank_or_be_told_apart() {
    let m = one_node_methodology("3", 2);
    let results = score_values(&m, &[("A", "2"), ("B", "2"), ("C", "3")]);
    let mut doc: Value = serde_json::from_str(&results.to_json()).expect("json");
    assert_eq!(
        (
            doc["units"][1]["rank"].clone(),
            doc["units"][2]["rank"].clone()
        ),
        (json!(2), json!(2))
    );
    // A tie-breaker would have put one of the two first.
    doc["units"][2]["rank"] = json!(3);
    Results::from_json(&doc.to_string()).expect("read");
}

#[test]
fn a_total_its_criteria_do_not_add_up_to_is_refused() {
    // A unit's total raised after an appeal, its criteria left as they were: 1 of 3 became 2.
    let problems = problems_after(|d| {
        let a = &mut d["units"][2];
        assert_eq!(a["unit"], json!("A"));
        a["points"] = json!("2.00");
        a["points_exact"] = json!("2");
        a["index"] = json!("66.67");
        a["index_exact"] = json!("66.666666666666666666666666667");
    });
    let total = problems
        .iter()
        .find(|p| p.field.as_deref() == Some("points_exact"))
        .expect("the total's problem");
    assert_eq!(
        (total.code, total.unit.as_deref(), total.value.as_deref()),
        (ErrorCode::ConflictingInput, Some("A"), Some("2"))
    );
    assert!(total.message.render(Lang::En).contains("(1)"));
}

#[test]
fn a_figure_with_a_decimal_comma_is_told_how_results_write_figures() {
    let m = one_node_methodology("3", 2);
    let results = score_values(&m, &[("A", "1")]);
    let mut doc: Value = serde_json::from_str(&results.to_json()).expect("json");
    doc["units"][0]["index"] = json!("33,33");
    let refused = Results::from_json(&doc.to_string()).expect_err("refused");
    let message = refused.problems[0].message.render(Lang::En);
    assert!(message.contains("a '.' as decimal mark"), "{message}");
    assert!(!message.contains("(',' or '.')"), "{message}");
}

#[test]
fn a_document_of_another_kind_is_said_to_be_one_by_every_reader() {
    let file = |case: &str, name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/cases")
            .join(case)
            .join(name);
        std::fs::read_to_string(path).expect("a fixture")
    };
    let results = file("results-ranks-against-indexes", "current.json");
    let assessments = file("override-semantics", "input.json");
    let said = |refused: par_core::Problems, given: &str| {
        assert_eq!(refused.problems.len(), 1, "said alone: {refused}");
        let p = &refused.problems[0];
        assert_eq!(p.code, ErrorCode::UnsupportedSchema);
        assert_eq!(
            (p.field.as_deref(), p.value.as_deref()),
            (Some("schema"), Some(given))
        );
    };
    said(
        Methodology::from_json(&results).unwrap_err(),
        "par.results/1",
    );
    said(
        Results::from_json(&assessments).unwrap_err(),
        "par.assessments/1",
    );
}

/// A methodology's max may be just below 10^12, the most an input decimal may be; its results
/// show it rounded, 10^12 itself, which reading them back took for an input and refused.
#[test]
fn a_max_rounded_up_to_a_trillion_is_read_back() {
    let m = r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":[
        {"code":"1","name":"n","max":"999999999999.995"}]}"#;
    let m = Methodology::from_json(m).expect("a methodology");
    let units =
        r#"{"schema":"par.assessments/1","units":[{"unit":"A","entries":{"1":{"value":"1"}}}]}"#;
    let results = score(&m, parse_assessments(units).unwrap(), Lang::En).unwrap();
    let written = results.to_json();
    assert!(written.contains(r#""max": "1000000000000.00""#));
    let read = Results::from_json(&written).expect("read back");
    assert_eq!(read.to_json(), written);
}

/// The results of the shared case of units ranked in two blocks, as every binding writes them.
fn blocks_ranked_separately() -> String {
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/cases/blocks-ranked-separately"
    );
    std::fs::read_to_string(format!("{case}/expected.json")).unwrap()
}

/// A results document naming a block or giving a unit a band longer than a methodology's label
/// may be (`label_bytes`) is not one scoring wrote: a comparison copies the name for every unit
/// of the block, so a 35 MB document of 100,000 units ran out of memory.
#[test]
fn results_with_a_label_past_its_limit_are_refused_naming_it() {
    let text = blocks_ranked_separately();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let long = "Khối ".repeat(300);
    doc["blocks"][0]["name"] = json!(long);
    let refused = Results::from_json(&doc.to_string()).unwrap_err().problems;
    let named: Vec<_> = (refused.iter())
        .map(|p| (p.limit.as_deref(), p.field.as_deref()))
        .collect();
    assert_eq!(named, [(Some("label_bytes"), Some("blocks[0].name"))]);
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["units"][0]["band"] = json!(long);
    let refused = Results::from_json(&doc.to_string()).unwrap_err().problems;
    let unit = doc["units"][0]["unit"].as_str().unwrap();
    assert!(
        refused
            .iter()
            .any(|p| p.limit.as_deref() == Some("label_bytes")
                && p.field.as_deref() == Some("band")
                && p.unit.as_deref() == Some(unit)),
        "{refused:?}"
    );
}

/// A results document's tree and units are held to what scoring makes: a tree of at most
/// `tree_nodes`, and `node_results` units × nodes. A document whose units keep none of a long
/// tree's nodes was otherwise read, and a ranking made of it read every unit's every field
/// (300,000 fields and 100,000 units, 37 MB, took 79 s to compare). Read in pieces, it is given
/// up, and read whole, which says why.
#[test]
fn results_past_the_tree_or_node_results_scoring_makes_are_refused() {
    let text = blocks_ranked_separately();
    let with = |fields: usize, units: usize| {
        let mut doc: Value = serde_json::from_str(&text).unwrap();
        let tree = doc["tree"].as_array_mut().unwrap();
        tree.extend((0..fields).map(|i| {
            json!({"code": format!("x{i}"), "name": "x", "max": "1.00", "depth": 1, "leaf": true})
        }));
        let first = doc["units"][0].clone();
        let list = doc["units"].as_array_mut().unwrap();
        list.extend((0..units).map(|i| {
            let mut unit = first.clone();
            unit["unit"] = json!(format!("Đơn vị {i}"));
            unit
        }));
        doc.to_string()
    };
    for (text, limit, field) in [
        (with(10_000, 0), "tree_nodes", "tree"),
        (with(9_000, 300), "node_results", "units"),
    ] {
        let refused = Results::from_json(&text).unwrap_err().problems;
        let named: Vec<_> = (refused.iter())
            .map(|p| (p.limit.as_deref(), p.field.as_deref()))
            .collect();
        assert_eq!(named, [(Some(limit), Some(field))]);
        let mut feed = par_core::ResultsFeed::new(par_core::Detail::Scores);
        let given = text.as_bytes().chunks(4096).all(|piece| feed.push(piece));
        assert!(!given || feed.finish().is_none(), "{limit}: read in pieces");
    }
}
