//! What-if questions beyond the fixture cases: targets already reached or out of reach, and the
//! questions that are refused.

use par_core::whatif::{what_if, Question, Target};
use par_core::Detail;
use par_core::{ErrorCode, Lang, Methodology, Results};

mod common;
use common::{case_file, case_methodology as methodology_of};

fn case(name: &str) -> (Methodology, Results) {
    let m = methodology_of(name);
    let input = case_file(name, "input.json");
    let results = par_core::wire::score_with(&m, &input, Lang::Vi, Detail::Full).expect("scores");
    (m, results)
}

fn ask(unit: &str, set: &[(&str, &str)], target: Option<Target>) -> Question {
    Question {
        unit: unit.into(),
        set: set
            .iter()
            .map(|(c, v)| (c.to_string(), v.to_string()))
            .collect(),
        target,
    }
}

fn refusal(name: &str, question: Question) -> Vec<ErrorCode> {
    let (m, results) = case(name);
    let refused = what_if(&m, &results, &question, Lang::Vi).expect_err("refused");
    refused.problems.iter().map(|e| e.code).collect()
}

#[test]
fn nothing_assumed_changes_nothing() {
    let (m, results) = case("rules-every-type");
    let answer = what_if(&m, &results, &ask("Sở Nội vụ", &[], None), Lang::Vi).expect("answers");
    assert_eq!(answer.before, answer.after);
    assert!(answer.moved.is_empty() && answer.way_up.is_none());
}

#[test]
fn a_unit_already_at_its_target_needs_no_criterion() {
    let (m, results) = case("blocks-ranked-separately");
    let question = ask("Sở Tư pháp", &[], Some(Target::Rank(1)));
    let way = what_if(&m, &results, &question, Lang::Vi)
        .expect("answers")
        .way_up
        .expect("asked");
    assert!(way.reached && way.criteria.is_empty());
    assert_eq!(way.after.rank, 1);
}

#[test]
fn a_top_band_out_of_reach_lists_every_candidate() {
    // With no survey points (3.1 and 3.2, 10 of 20), full points on every other criterion give
    // Sở Nội vụ 10 / 20: 50 %, far from Tốt's 90 %. Survey results are not candidates.
    let (m, results) = case("rules-every-type");
    let question = ask(
        "Sở Nội vụ",
        &[("3.1", "0"), ("3.2", "0")],
        Some(Target::Band("Tốt".into())),
    );
    let way = what_if(&m, &results, &question, Lang::Vi)
        .expect("answers")
        .way_up
        .expect("asked");
    assert!(!way.reached, "{way:?}");
    let codes: Vec<&str> = way.criteria.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(
        codes,
        ["1.1.2", "1.2.1", "1.1.1", "2.1"],
        "most lost first, ties in tree order"
    );
    assert_ne!(way.after.band.as_deref(), Some("Tốt"));
}

#[test]
fn the_way_up_takes_the_fewest_criteria() {
    let (m, results) = case("blocks-ranked-separately");
    // Huyện Ý Yên (65) reaches Nhóm I (80) with field 1 alone (+20), not with field 2 (+10).
    let question = ask("Huyện Ý Yên", &[], Some(Target::Band("Nhóm I".into())));
    let way = what_if(&m, &results, &question, Lang::Vi)
        .expect("answers")
        .way_up
        .expect("asked");
    assert_eq!(way.criteria.len(), 1);
    assert_eq!(way.criteria[0].code, "1");
}

#[test]
fn questions_that_cannot_be_answered_are_refused() {
    let next = Some(Target::NextBand);
    let (_, results) = case("blocks-ranked-separately");
    let other = methodology_of("rules-every-type");
    let refused =
        what_if(&other, &results, &ask("Sở Y tế", &[], None), Lang::Vi).expect_err("refused");
    assert_eq!(refused.problems[0].code, ErrorCode::ConflictingInput);
    assert_eq!(
        refusal("blocks-ranked-separately", ask("Sở Mới", &[], None)),
        [ErrorCode::UnknownUnit]
    );
    assert_eq!(
        refusal(
            "blocks-ranked-separately",
            ask("Sở Y tế", &[], Some(Target::Rank(4)))
        ),
        [ErrorCode::OutOfRange],
        "a block of three has no rank 4"
    );
    assert_eq!(
        refusal(
            "blocks-ranked-separately",
            ask("Sở Y tế", &[], Some(Target::Band("A".into())))
        ),
        [ErrorCode::UnknownOption],
        "the block's bands are Nhóm I and II"
    );
    let (m, results) = case("statistics-unit-at-the-exact-mean");
    let unit = results.units[0].unit.clone();
    let refused = what_if(&m, &results, &ask(&unit, &[], next), Lang::Vi).expect_err("refused");
    assert_eq!(
        refused.problems[0].code,
        ErrorCode::UnknownOption,
        "no classification"
    );
    // A band named where there are none: said so, not an empty list of them.
    let named = ask(&unit, &[], Some(Target::Band("Z".into())));
    let refused = what_if(&m, &results, &named, Lang::Vi).expect_err("refused");
    assert_eq!(
        refused.problems[0].message(Lang::Vi),
        "không có mức xếp loại “Z”: bộ tiêu chí không có xếp loại"
    );
}

#[test]
fn targets_read_as_the_command_line_writes_them() {
    assert_eq!(Target::parse("band"), Some(Target::NextBand));
    assert_eq!(Target::parse("band=Tốt"), Some(Target::Band("Tốt".into())));
    assert_eq!(Target::parse("rank=3"), Some(Target::Rank(3)));
    assert_eq!(Target::parse("rank=ba"), None);
    assert_eq!(Target::parse("hạng"), None);
}

fn scored(m: &Methodology, units: &str) -> Results {
    let doc = format!(r#"{{"schema": "par.assessments/1", "units": {units}}}"#);
    par_core::wire::score_with(m, &doc, Lang::Vi, Detail::Full).expect("scores")
}

#[test]
fn a_survey_result_keeps_the_form_the_unit_gave_it() {
    // Sở Y tế's survey field was given as 20 points (of 25): 22 is points too, not 22 %.
    let (m, results) = case("blocks-ranked-separately");
    let answer = what_if(
        &m,
        &results,
        &ask("Sở Y tế", &[("3", "22")], None),
        Lang::Vi,
    )
    .expect("answers");
    assert_eq!(answer.changes[0].points.0, rust_decimal::Decimal::from(22));
}

#[test]
fn a_survey_field_given_as_points_takes_points() {
    // A wide sheet gives each field's points, the survey's too (20.25 of 25): 24 is 24 points,
    // as the sheet gives them, not 24 % of 25.
    let m = methodology_of("csv-wide-comma");
    let results = scored(
        &m,
        r#"[{"unit": "Tỉnh A", "entries": {"1": {"value": "36.5"}, "2": {"value": "30"}, "3": {"value": "20.25"}}}]"#,
    );
    let answer = what_if(&m, &results, &ask("Tỉnh A", &[("3", "24")], None), Lang::Vi);
    let answer = answer.expect("answers");
    assert_eq!(answer.changes[0].points.0, rust_decimal::Decimal::from(24));
    // A survey field the unit did not give is a percentage, as the form's survey asks it.
    let results = scored(
        &m,
        r#"[{"unit": "Tỉnh A", "entries": {"1": {"value": "36.5"}}}]"#,
    );
    let answer = what_if(&m, &results, &ask("Tỉnh A", &[("3", "80")], None), Lang::Vi);
    assert_eq!(
        answer.expect("answers").changes[0].points.0,
        rust_decimal::Decimal::from(20)
    );
}

#[test]
fn a_criterion_given_as_final_points_takes_a_value_and_is_a_way_up() {
    let m = methodology_of("rules-every-type");
    let results = scored(
        &m,
        r#"[{"unit": "A", "entries": {"1": {"value": "5"}, "2": {"value": "3.5"}, "3": {"value": "9"}}},
            {"unit": "B", "entries": {"1.1": {"value": "1"}, "1.2": {"value": "2"}, "2": {"value": "3.5"}, "3": {"value": "9"}}}]"#,
    );
    // 1.1 has sub-criteria, but B gave it as final points: the value replaces them.
    let answer =
        what_if(&m, &results, &ask("B", &[("1.1", "2")], None), Lang::Vi).expect("answers");
    assert_eq!(answer.changes[0].points.0, rust_decimal::Decimal::from(2));
    // B (15.5) passes A (17.5) with 1.1 at full (3 of 3: +2).
    let way = what_if(
        &m,
        &results,
        &ask("B", &[], Some(Target::Rank(1))),
        Lang::Vi,
    )
    .expect("answers")
    .way_up
    .expect("asked");
    assert!(way.reached, "{way:?}");
    assert_eq!(way.criteria[0].code, "1.1");
}

#[test]
fn among_equal_gains_the_tie_breaking_criterion_comes_first() {
    // X (86) ties Y (90) whichever of fields 1 and 2 it raises by 4. Ties are broken by field 2,
    // then by the survey: with field 1 raised X loses both (31 = 31, 19 < 20); with field 2
    // raised it wins the first (35 > 31). In tree order alone the answer would be both fields.
    let m = methodology_of("ties-tie-breakers");
    let results = scored(
        &m,
        r#"[{"unit": "X", "entries": {"1": {"value": "36"}, "2": {"value": "31"}, "3": {"survey": {"points": "19"}}}},
            {"unit": "Y", "entries": {"1": {"value": "39"}, "2": {"value": "31"}, "3": {"survey": {"points": "20"}}}}]"#,
    );
    let way = what_if(
        &m,
        &results,
        &ask("X", &[], Some(Target::Rank(1))),
        Lang::Vi,
    )
    .expect("answers")
    .way_up
    .expect("asked");
    assert!(way.reached);
    let codes: Vec<&str> = way.criteria.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(codes, ["2"], "{way:?}");
}

#[test]
fn a_band_typed_another_way_is_the_same_band() {
    let (m, results) = case("blocks-ranked-separately");
    let question = ask("Sở Y tế", &[], Some(Target::Band("nhóm i".into())));
    let way = what_if(&m, &results, &question, Lang::Vi)
        .expect("answers")
        .way_up
        .expect("asked");
    assert_eq!(way.band.as_deref(), Some("Nhóm I"));
}

/// The one problem of assuming `set` for `unit` of `table` scored on Cà Mau's excerpt.
fn the_problem_of_assuming(table: &str, unit: &str, set: (&str, &str)) -> par_core::ParError {
    let m = par_core::builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let results =
        par_core::wire::score_table_bytes(&m, table.as_bytes().to_vec(), Lang::Vi).expect("scores");
    let refused = what_if(&m, &results, &ask(unit, &[set], None), Lang::Vi).expect_err("refused");
    let [problem] = refused.problems.as_slice() else {
        panic!("{:?}", refused.problems)
    };
    problem.clone()
}

#[test]
fn a_value_asked_about_that_scoring_refuses_is_said_of_the_assumed_value() {
    // Placed as a new appraisal round (or as the points given, or the survey's result), it was
    // said of "round 2", on the row of the unit's own scores, which hold no such value.
    let table = "unit,code,self,appraised,reason\nSở Y tế,1.3,3,2,Thiếu TLKC\n";
    for (code, value) in [("1.3", "hai"), ("1.3", "4")] {
        let problem = the_problem_of_assuming(table, "Sở Y tế", (code, value));
        let set = format!("set.{code}");
        assert_eq!(
            (problem.field.as_deref(), problem.row),
            (Some(set.as_str()), None)
        );
        let line = problem.line(Lang::Vi);
        assert!(line.contains("giá trị giả định của tiêu chí 1.3"), "{line}");
        assert!(!line.contains("thẩm định lần"), "{line}");
    }
}

#[test]
fn a_sub_criterion_assumed_under_a_criterion_given_by_value_is_said_of_the_assumed_value() {
    // A wide sheet gives 1.1 whole: 1.1.1 cannot be assumed beside it, which is said of the
    // value asked about, not of an entry the unit never typed.
    let table = "Tên đơn vị,1.1,1.2\nSở Tư pháp,2,1\n";
    let problem = the_problem_of_assuming(table, "Sở Tư pháp", ("1.1.1", "1"));
    assert_eq!(problem.field.as_deref(), Some("set.1.1.1"));
    let line = problem.line(Lang::Vi);
    assert!(line.contains("giá trị giả định"), "{line}");
}

#[test]
fn a_value_assumed_for_a_table_unit_that_gave_round_two_alone_is_said_of_the_assumed_value() {
    // The row gives round 2 only, at place 0: the value assumed is placed after it, and named
    // by its round as scoring names a table's rounds, which it must match to be said so.
    let table = "Đơn vị,Mã tiêu chí,Tự chấm,Thẩm định lần 1,Thẩm định lần 2,Lý do lần 2\n\
                 Sở Y tế,1.3,3,,2,Thiếu TLKC\n";
    let problem = the_problem_of_assuming(table, "Sở Y tế", ("1.3", "9"));
    assert_eq!(
        (problem.field.as_deref(), problem.row),
        (Some("set.1.3"), None)
    );
    let line = problem.line(Lang::Vi);
    assert!(line.contains("giá trị giả định"), "{line}");
}

#[test]
fn bands_named_alike_but_for_capitals_or_spaces_are_one_band_twice() {
    // A what-if's target names a band as a choice is named (`band=Rất tốt` is `Rất  tốt` too):
    // two such bands would leave it to the first, which may be the other one.
    let case = case_file("rules-every-type", "methodology.json");
    let mut m: serde_json::Value = serde_json::from_str(&case).expect("json");
    m["bands"] = serde_json::json!([
        {"label": "Rất  tốt", "min": "95"},
        {"label": "Rất tốt", "min": "90"},
        {"label": "Khá", "min": "80"}
    ]);
    let refused = Methodology::from_json(&m.to_string()).expect_err("refused");
    let found: Vec<_> = (refused.problems.iter())
        .map(|p| (p.code, p.field.as_deref()))
        .collect();
    assert_eq!(found, [(ErrorCode::DuplicateCode, Some("bands[1].label"))]);
}

/// Results scored for a question about one unit keep that unit's inputs alone: a what-if about
/// another unit is refused as one about results keeping scores only, not answered from nothing.
#[test]
fn a_what_if_about_a_unit_whose_inputs_were_let_go_is_refused() {
    let m = par_core::builtin("camau-1880-2013-field1-excerpt").expect("built in");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/so-2024.csv"),
    )
    .expect("the example");
    let asked = par_core::Scorer::new(&m, Lang::En).keeping_inputs_of("Sở Nội vụ");
    let results = par_core::score_csv_as_read(&text, asked)
        .expect("scored as read")
        .finish()
        .expect("results");
    let question = |unit: &str| Question {
        unit: unit.into(),
        ..Default::default()
    };
    assert!(what_if(&m, &results, &question("Sở Nội vụ"), Lang::En).is_ok());
    let refused = what_if(&m, &results, &question("Sở Y tế"), Lang::En)
        .expect_err("no inputs to score it again from");
    assert_eq!(refused.problems[0].code, ErrorCode::ConflictingInput);
    assert!(refused.lines(Lang::En).contains("keep the scores only"));
}
