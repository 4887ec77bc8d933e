//! Forms scored while they are filled in, beyond the fixture cases: what a form is refused for
//! (nothing readable, texts over their limits), how many problems it lists, and when its
//! figures are final.

use par_core::form::{score_form_json, FormScore, FormSession};
use par_core::Source;
use par_core::{ErrorCode, Lang, Problems};

mod common;
use common::{case_file, case_methodology as methodology};

fn form(case: &str, unit: &str) -> Result<FormScore, Problems> {
    score_form_json(&methodology(case), unit, Lang::Vi)
}

#[test]
fn a_form_that_is_not_one_unit_is_refused_with_a_problem_that_says_so() {
    for text in ["", "   ", "[]", "7", r#"[{"unit": "A"}]"#] {
        let refused = form("rules-every-type", text).expect_err(text);
        assert!(
            !refused.problems.is_empty(),
            "{text:?}: a refusal names its problem"
        );
    }
    // Text after the unit is not a second unit slipped in: the JSON is one object or nothing.
    let injected =
        r#"{"unit": "A", "entries": {}}, {"unit": "B", "entries": {"2.1": {"self": "5"}}}"#;
    assert_eq!(
        form("rules-every-type", injected)
            .expect_err("refused")
            .problems[0]
            .code,
        ErrorCode::BadJson
    );
}

#[test]
fn texts_over_their_limits_refuse_the_form_and_problems_are_capped() {
    let long = "x".repeat(20_000);
    let refused = form(
        "rules-every-type",
        &format!(r#"{{"unit": "{long}", "entries": {{}}}}"#),
    )
    .expect_err("refused");
    assert_eq!(refused.problems[0].code, ErrorCode::LimitExceeded);
    let entries: Vec<String> = (0..1_500)
        .map(|i| format!(r#""9.{i}": {{"self": "1"}}"#))
        .collect();
    let many = form(
        "rules-every-type",
        &format!(r#"{{"unit": "A", "entries": {{{}}}}}"#, entries.join(",")),
    )
    .expect("scored");
    assert_eq!(
        many.problems.len(),
        1_001,
        "1,000 listed and one counting the rest"
    );
}

#[test]
fn figures_are_final_only_when_nothing_is_pending() {
    // Every criterion the unit enters, entered; survey results are not the unit's to enter.
    let entered = r#"{"unit": "A", "entries": {
        "1.1.1": {"self": "Ban hành kịp thời"}, "1.1.2": {"self": "95"}, "1.2.1": {"self": "có"},
        "1.2.2": {"self": "100"}, "2.1": {"self": "4"}}}"#;
    assert!(form("rules-every-type", entered)
        .expect("scored")
        .complete());
    // The same entries without the evidence the policy asks for count 0: not final.
    let pending = form("policy-evidence-required", entered).expect("scored");
    assert!(pending.problems.is_empty() && !pending.complete());
}

#[test]
fn fields_left_empty_are_no_input_and_rounds_may_be_numbered_as_text() {
    let unit = r#"{"unit": "A", "entries": {
        "1.1.1": {"self": "Ban hành kịp thời", "evidence": null, "value": ""},
        "2.1": {"self": "3", "appraisals": [{"round": "1", "value": "3,5", "reason": "Bổ sung TLKC", "by": ""}]},
        "3.1": {"survey": {"percent": ""}},
        "3.2": {"survey": {"points": "4"}, "explanation": null}}}"#;
    let scored = form("rules-every-type", unit).expect("scored");
    assert!(scored.problems.is_empty(), "{:?}", scored.problems);
    let points = |code: &str| {
        scored
            .unit
            .nodes
            .get(code)
            .map(|n| n.points().0.to_string())
    };
    assert_eq!(points("1.1.1").as_deref(), Some("1.00"));
    assert_eq!(points("2.1").as_deref(), Some("3.50"), "round \"1\" counts");
    assert_eq!(points("3.2").as_deref(), Some("4.00"));
}

#[test]
fn an_invalid_survey_result_does_not_end_the_rescaling_of_a_form() {
    // Under `no_survey: rescale`, a unit without survey results is scored out of the rest; a
    // survey result typed wrong (150 %) counts nothing, so it leaves the rescaling as it was.
    let valid_only = r#"{"unit": "A", "entries": {"2.1": {"self": "3"}}}"#;
    let with_invalid = r#"{"unit": "A", "entries": {"2.1": {"self": "3"}, "3.1": {"survey": {"percent": "150"}}}}"#;
    let before = form("policy-no-survey-rescale", valid_only).expect("scored");
    let after = form("policy-no-survey-rescale", with_invalid).expect("scored");
    assert_eq!(after.problems.len(), 1, "{:?}", after.problems);
    assert_eq!(before.unit.index, after.unit.index);
}

#[test]
fn a_form_kept_open_answers_as_the_form_sent_whole_without_repeating_its_entries() {
    let m = methodology("rules-every-type");
    let text = case_file("rules-every-type", "form.json");
    let whole = score_form_json(&m, &text, Lang::Vi).expect("scored");
    let open = FormSession::open(&text).expect("opened");
    let kept = open.score(&m, Lang::Vi).expect("scored");
    assert_eq!(kept.unit.points_exact, whole.unit.points_exact);
    assert_eq!(kept.problems, whole.problems);
    assert_eq!(kept.complete(), whole.complete());
    let answer: serde_json::Value = serde_json::from_str(&kept.to_json(Lang::Vi)).unwrap();
    let leaf = &answer["unit"]["nodes"]["1.1.1"];
    assert_eq!(leaf["source"], "self");
    assert_eq!(leaf["points"], "1.00");
    assert!(
        leaf.get("self").is_none() && leaf.get("evidence").is_none(),
        "{leaf}"
    );

    // Entered one at a time into an empty form, the entries give the same answer.
    let mut typed = FormSession::open(r#"{"unit": "UBND xã An Bình", "entries": {}}"#).unwrap();
    let unit: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (code, entry) in unit["entries"].as_object().unwrap() {
        typed.set_entry(code, &entry.to_string()).expect("set");
    }
    assert_eq!(typed.score(&m, Lang::Vi).unwrap(), kept);
}

#[test]
fn a_form_kept_open_is_refused_for_what_is_wrong_with_the_unit_itself() {
    for unit in [
        r#"{"unit": "", "entries": {}}"#,
        r#"{"unit": "A", "block": 7, "entries": {}}"#,
        r#"{"unit": "A", "entries": {}, "year": 2024}"#,
        r#"{"unit": "A", "entries": []}"#,
    ] {
        let refused = FormSession::open(unit).expect_err(unit);
        assert!(!refused.problems.is_empty(), "{unit}");
    }
    // A criterion given twice: which entry the unit meant is not known, and no answer mends it.
    let twice = r#"{"unit": "A", "entries": {"2.1": {"self": "3"}, "2.1": {"self": "4"}}}"#;
    let refused = FormSession::open(twice).expect_err("given twice");
    assert_eq!(
        common::code_unit_node(&refused),
        [(ErrorCode::ConflictingInput, Some("A"), Some("2.1"))]
    );
    // An entry a person may mend keeps the form open, said with every answer.
    let mendable = r#"{"unit": "A", "entries": {"2.1": {"self": "3,x"}}}"#;
    assert!(FormSession::open(mendable).is_ok());
}

/// A form kept open with one self-score (2.1: 3), and its answer before any step.
fn open_with_one_entry() -> (par_core::Methodology, FormSession, FormScore) {
    let m = methodology("rules-every-type");
    let form = FormSession::open(r#"{"unit": "A", "entries": {"2.1": {"self": "3"}}}"#).unwrap();
    let answer = form.score(&m, Lang::Vi).unwrap();
    (m, form, answer)
}

#[test]
fn a_step_that_is_not_json_leaves_the_form_as_it_was() {
    let (m, mut form, before) = open_with_one_entry();
    let refused = form
        .set_entry("2.1", r#"{"self": "4""#)
        .expect_err("not JSON");
    assert_eq!(refused.problems[0].code, ErrorCode::BadJson);
    assert_eq!(refused.problems[0].node.as_deref(), Some("2.1"));
    assert_eq!(form.score(&m, Lang::Vi).unwrap(), before);
    // Cleared, the criterion is no input again.
    form.set_entry("2.1", "null").unwrap();
    let cleared = form.score(&m, Lang::Vi).unwrap();
    assert!(cleared.unit.points_exact.0.is_zero());
    assert_eq!(
        cleared.unit.nodes.get("2.1").map(|n| n.source()),
        Some(Source::Missing)
    );
}

/// Each problem of a form as the criterion and the field it names (`-` for none).
fn fields_of_problems(form: &FormScore) -> Vec<(&str, &str)> {
    fn named(name: &Option<String>) -> &str {
        name.as_deref().unwrap_or("-")
    }
    form.problems
        .iter()
        .map(|p| (named(&p.node), named(&p.field)))
        .collect()
}

#[test]
fn an_appraisal_that_cannot_stand_leaves_the_self_score_counting() {
    let m = methodology("rules-every-type");
    let typed = r#"{"unit": "A", "entries": {
        "2.1": {"self": "3", "appraisals": [{"round": 1, "value": "2"}]},
        "1.2.2": {"self": "50", "appraisals": [{"round": 1, "value": "x", "reason": "r"}]},
        "1.1.2": {"self": "abc", "appraisals": [{"round": 1, "value": "80", "reason": "r"}]}}}"#;
    let form = score_form_json(&m, typed, Lang::Vi).expect("scored");
    let node = |code: &str| form.unit.nodes.get(code).expect("scored");
    // An override still without its reason, a round still mistyped: the self-score counts.
    assert_eq!(node("2.1").source(), Source::SelfAssessed);
    assert_eq!(node("2.1").points_exact().0.to_string(), "3");
    assert_eq!(node("1.2.2").source(), Source::SelfAssessed);
    // Each shows what its self-score was worth, and the round that could be scored its points.
    let shown = |p: Option<par_core::Dec>| p.map(|p| p.0.to_string());
    assert_eq!(shown(node("2.1").self_points()), Some("3.00".into()));
    let rounds: Vec<_> = node("2.1").appraisals().map(|a| shown(a.points)).collect();
    assert_eq!(rounds, [Some("2.00".into())]);
    assert_eq!(shown(node("1.2.2").self_points()), Some("1.00".into()));
    let rounds: Vec<_> = node("1.2.2")
        .appraisals()
        .map(|a| shown(a.points))
        .collect();
    assert_eq!(rounds, [None]);
    // A self-score that cannot be read counts nothing, whatever its appraisal.
    assert_eq!(node("1.1.2").source(), Source::Missing);
    // Problems in the order of the criteria, each against its field.
    assert_eq!(
        fields_of_problems(&form),
        [
            ("1.1.2", "self"),
            ("1.2.2", "appraisals[0].value"),
            ("2.1", "appraisals[0].reason")
        ]
    );
}

/// A form scored whole, and the same form kept open and scored.
fn scored_whole_and_kept_open(m: &par_core::Methodology, typed: &str) -> [FormScore; 2] {
    let whole = score_form_json(m, typed, Lang::Vi).expect("scored");
    let open = FormSession::open(typed)
        .unwrap()
        .score(m, Lang::Vi)
        .unwrap();
    [whole, open]
}

#[test]
fn a_problem_names_a_round_where_it_was_typed_after_rounds_left_blank() {
    let m = methodology("rules-every-type");
    // Round 1 left blank on the phone, round 2 typed: the problems are about what was typed as
    // the second round, not about the first of the rounds kept.
    let typed = r#"{"unit": "A", "entries": {
        "2.1": {"self": "3", "appraisals": [{"round": 1, "value": ""}, {"round": 2, "value": "2"}]},
        "1.2.2": {"self": "50", "appraisals": [
            {"round": 1, "value": " "}, {"round": 2, "value": ""}, {"round": 3, "value": "x", "reason": "r"}]}}}"#;
    for form in &scored_whole_and_kept_open(&m, typed) {
        assert_eq!(
            fields_of_problems(form),
            [
                ("1.2.2", "appraisals[2].value"),
                ("2.1", "appraisals[1].reason")
            ]
        );
    }
}

#[test]
fn a_round_that_cannot_be_read_leaves_the_self_score_counting_in_both_kinds_of_form() {
    let m = methodology("rules-every-type");
    let typed = r#"{"unit": "A", "entries": {
        "2.1": {"self": "3", "appraisals": [{"round": "", "value": "2", "reason": "r"}]},
        "1.2.2": {"self": "50", "appraisals": [{"round": 1, "value": 2}]}}}"#;
    for form in &scored_whole_and_kept_open(&m, typed) {
        let node = |code: &str| form.unit.nodes.get(code).expect("scored");
        assert_eq!(node("2.1").source(), Source::SelfAssessed);
        assert_eq!(node("1.2.2").source(), Source::SelfAssessed);
        let fields: Vec<_> = form.problems.iter().map(|p| p.node.as_deref()).collect();
        assert_eq!(
            fields,
            [Some("1.2.2"), Some("2.1")],
            "in the order of criteria"
        );
    }
}

#[test]
fn a_criterion_is_the_same_however_its_code_is_composed() {
    let m = methodology("rules-every-type");
    // "ư" as one character (NFC) when opened, as "u" and a combining horn (NFD) when set.
    let mut form = FormSession::open(r#"{"unit": "A", "entries": {"2.\u01b0": {"self": "1"}}}"#)
        .expect("opened");
    form.set_entry("2.u\u{031b}", "null").expect("set");
    let answer = form.score(&m, Lang::Vi).unwrap();
    assert!(answer.problems.is_empty(), "{:?}", answer.problems);
}

#[test]
fn a_step_over_a_size_limit_is_refused_and_the_form_goes_on() {
    let (m, mut form, before) = open_with_one_entry();
    let long_code = "1".repeat(5_000);
    let refused = form
        .set_entry(&long_code, r#"{"self": "1"}"#)
        .expect_err("code too long");
    assert_eq!(refused.problems[0].code, ErrorCode::LimitExceeded);
    let reason = format!(
        r#"{{"self": "3", "appraisals": [{{"round": 1, "value": "2", "reason": "{}"}}]}}"#,
        "x".repeat(20_000)
    );
    let refused = form.set_entry("2.1", &reason).expect_err("reason too long");
    assert_eq!(refused.problems[0].unit.as_deref(), Some("A"));
    assert_eq!(form.score(&m, Lang::Vi).unwrap(), before);
    form.set_entry("1.2.1", r#"{"self": true}"#)
        .expect("the next step is taken");
    assert!(form.score(&m, Lang::Vi).is_ok());
    // Opened with it, the text is named as when it is typed: the unit and the criterion.
    let long = "x".repeat(20_000);
    let opened = format!(r#"{{"unit": "A", "entries": {{"2.1": {{"explanation": "{long}"}}}}}}"#);
    let refused = FormSession::open(&opened).expect_err("opened with a text too long");
    let p = &refused.problems[0];
    assert_eq!(
        (p.unit.as_deref(), p.node.as_deref()),
        (Some("A"), Some("2.1"))
    );
    let name = format!(r#"{{"unit": "{}", "entries": {{}}}}"#, "x".repeat(20_000));
    assert_eq!(
        FormSession::open(&name)
            .expect_err("name too long")
            .problems[0]
            .code,
        ErrorCode::LimitExceeded
    );
}

#[test]
fn an_entry_changed_keeps_its_place() {
    let m = methodology("rules-every-type");
    let mut form = FormSession::open(
        r#"{"unit": "A", "entries": {"9.1": {"self": "1"}, "9.2": {"self": "1"}}}"#,
    )
    .unwrap();
    form.set_entry("9.1", r#"{"self": "2"}"#).unwrap();
    let nodes: Vec<_> = form
        .score(&m, Lang::Vi)
        .unwrap()
        .problems
        .iter()
        .map(|p| p.node.clone().unwrap())
        .collect();
    assert_eq!(nodes, ["9.1", "9.2"]);
}

#[test]
fn a_form_of_many_entries_with_blank_rounds_is_scored_in_one_pass() {
    // As many unknown criteria as a unit may have, each with a blank round before a typed one:
    // each is a problem, and each problem's round is named where it was typed, by one lookup.
    // Matching every problem against every entry took minutes for such a form of 80,000.
    let entries: Vec<String> = (0..par_core::limits::UNIT_ENTRIES.max)
        .map(|i| format!(r#""u{i}": {{"appraisals": [{{"round": 1, "value": ""}}, {{"round": 2, "value": "1"}}]}}"#))
        .collect();
    let text = format!(r#"{{"unit": "A", "entries": {{{}}}}}"#, entries.join(","));
    let scored = form("rules-every-type", &text).expect("scored");
    assert_eq!(
        scored.problems.len(),
        1_001,
        "1,000 listed and one counting the rest"
    );
    assert_eq!(scored.problems[0].code, ErrorCode::UnknownNode);
}

#[test]
fn a_form_past_its_number_of_entries_is_refused_before_they_are_read() {
    // A unit has at most one entry per node of a tree, and a tree at most `tree_nodes`.
    let most = par_core::limits::UNIT_ENTRIES.max;
    let unit = |n: usize| {
        let entries: Vec<String> = (0..n)
            .map(|i| format!(r#""u{i}": {{"self": "1"}}"#))
            .collect();
        format!(r#"{{"unit": "A", "entries": {{{}}}}}"#, entries.join(","))
    };
    let past = unit(most + 1);
    let refusals = [
        form("rules-every-type", &past).expect_err("too many"),
        FormSession::open(&past).expect_err("too many"),
    ];
    for refused in refusals {
        let limit = &refused.problems[0];
        assert_eq!(refused.problems.len(), 1);
        assert_eq!(limit.code, ErrorCode::LimitExceeded);
        assert_eq!(limit.limit.as_deref(), Some("unit_entries"));
        assert_eq!(
            (limit.unit.as_deref(), limit.field.as_deref()),
            (Some("A"), Some("entries"))
        );
    }
    // Filled in one by one, the form takes no entry past the limit, and keeps those it has.
    let mut form = FormSession::open(&unit(most)).expect("at the limit");
    form.set_entry("u0", r#"{"self": "1"}"#)
        .expect("a criterion it has");
    let refused = form
        .set_entry("u-new", r#"{"self": "1"}"#)
        .expect_err("one more");
    assert_eq!(refused.problems[0].limit.as_deref(), Some("unit_entries"));
    assert_eq!(refused.problems[0].node.as_deref(), Some("u-new"));
    form.set_entry("u-new", "null")
        .expect("clearing one it does not have changes nothing");
}

#[test]
fn a_form_past_its_number_of_entries_says_so_with_its_other_problems() {
    // Its entries past the limit are read and let go; the unit's unknown field is reported too.
    let entries: Vec<String> = (0..=par_core::limits::UNIT_ENTRIES.max)
        .map(|i| format!(r#""u{i}": {{"self": "1"}}"#))
        .collect();
    let text = format!(
        r#"{{"unit": "A", "entries": {{{}}}, "extra": 1}}"#,
        entries.join(",")
    );
    for refused in [
        FormSession::open(&text).expect_err("too many"),
        form("rules-every-type", &text).expect_err("too many"),
    ] {
        let found: Vec<_> = refused.problems.iter().map(|p| p.code).collect();
        assert_eq!(found, [ErrorCode::LimitExceeded, ErrorCode::UnknownField]);
    }
}

#[test]
fn evidence_or_a_reason_a_spreadsheet_did_not_compute_counts_as_none_in_a_form() {
    // Under `evidence_required`, evidence `#REF!` (a reference to a deleted cell) is no evidence:
    // the criterion counts nothing, as any input that cannot be read, not its self-score's points;
    // a round whose reason is `#N/A` cannot stand, and the self-score counts alone. Google
    // Sheets' `#ERROR!` is one of these errors.
    let m = methodology("policy-evidence-required");
    let typed = r##"{"unit": "A", "entries": {
        "1.1.1": {"self": "Ban hành kịp thời", "evidence": ["#REF!"]},
        "2.1": {"self": "3", "evidence": ["KH"],
                "appraisals": [{"round": 1, "value": "2", "reason": "#N/A", "by": "=> HĐTĐ"}]},
        "3.1": {"survey": {"percent": "80"}, "evidence": ["#ERROR!"]}}}"##;
    for form in &scored_whole_and_kept_open(&m, typed) {
        let node = |code: &str| form.unit.nodes.get(code).expect("scored");
        assert_eq!(node("1.1.1").source(), Source::Missing);
        assert_eq!(node("2.1").source(), Source::SelfAssessed);
        assert_eq!(node("2.1").points_exact().0.to_string(), "3");
        // A survey result's points do not hang on evidence: they count, the evidence is said.
        assert_eq!(node("3.1").source(), Source::Survey);
        // A text typed in a form from `=` is the person's, kept as typed.
        assert_eq!(
            fields_of_problems(form),
            [
                ("1.1.1", "evidence"),
                ("2.1", "appraisals[0].reason"),
                ("3.1", "evidence")
            ]
        );
    }
}

#[test]
fn an_entry_listing_more_evidence_than_an_entry_may_is_refused_and_the_form_goes_on() {
    let (m, mut form, before) = open_with_one_entry();
    let most = par_core::limits::ENTRY_ITEMS.max;
    // One past the limit, and far past it (its JSON value is then cut as it is read).
    for given in [most + 1, 20 * most] {
        let references = vec![r#""TLKC""#; given].join(",");
        let entry = format!(r#"{{"self": "3", "evidence": [{references}]}}"#);
        let refused = form
            .set_entry("2.1", &entry)
            .expect_err("too many references");
        let p = &refused.problems[0];
        assert_eq!(p.limit.as_deref(), Some("entry_items"), "{given}");
        let place = (p.unit.as_deref(), p.node.as_deref(), p.field.as_deref());
        assert_eq!(place, (Some("A"), Some("2.1"), Some("evidence")));
        assert_eq!(form.score(&m, Lang::Vi).unwrap(), before, "left as it was");
        let opened = format!(r#"{{"unit": "A", "entries": {{"2.1": {entry}}}}}"#);
        let refused = FormSession::open(&opened).expect_err("opened with too many");
        let p = &refused.problems[0];
        assert_eq!(p.limit.as_deref(), Some("entry_items"));
        assert_eq!(
            (p.unit.as_deref(), p.node.as_deref()),
            (Some("A"), Some("2.1"))
        );
    }
    let at_limit = vec![r#""TLKC""#; most].join(",");
    form.set_entry(
        "2.1",
        &format!(r#"{{"self": "3", "evidence": [{at_limit}]}}"#),
    )
    .expect("as many as an entry may list");
}

#[test]
fn entries_left_empty_are_no_input_in_both_kinds_of_form() {
    let m = methodology("rules-every-type");
    // A portal sends every criterion of its form, those not yet typed as `null`, `{}` or empty
    // fields, and one whose code the methodology lacks (a form drawn from another year's).
    let typed = r#"{"unit": "A", "entries": {
        "2.1": {"self": "3"}, "1.2.2": null, "9.9": {}, "9.8": {"self": "", "evidence": null}}}"#;
    for form in scored_whole_and_kept_open(&m, typed) {
        assert!(form.problems.is_empty(), "{:?}", form.problems);
        assert_eq!(form.unit.points.to_string(), "3.00");
    }
}

#[test]
fn a_form_entry_refused_past_the_limit_names_a_long_field_as_far_as_a_problem_quotes() {
    let (_, mut form, _) = open_with_one_entry();
    // A long field's value let go, then the field given again empty: nothing wrong is kept, and
    // the entry is refused for its size, naming the field cut to what a problem quotes.
    let (key, zeros) = ("k".repeat(100_000), vec!["0"; 9_000].join(","));
    let entry = format!(r#"{{"{key}": [{zeros}], "{key}": null}}"#);
    let refused = form.set_entry("2.1", &entry).expect_err("too large");
    let p = &refused.problems[0];
    assert_eq!(p.limit.as_deref(), Some("entry_items"));
    assert!(
        p.field.as_ref().is_some_and(|f| f.len() < 210),
        "{:?}",
        p.field.as_ref().map(String::len)
    );
}
