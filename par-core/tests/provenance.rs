//! A node's results show the inputs behind its points, and only those.

use par_core::{parse_assessments, score, Lang, Source};

mod common;
use common::{case_file, case_methodology};

#[test]
fn a_survey_leaf_left_out_shows_none_of_its_entry() {
    // Under `no_survey: rescale`, a unit without survey results has its survey leaves left out:
    // an explanation entered on one counts nothing, and the results do not show it as if it did.
    let m = case_methodology("policy-no-survey-rescale");
    let units = parse_assessments(
        r#"[{"unit": "A", "entries": {"2.1": {"self": "3"}, "3.2": {"explanation": "none"}}}]"#,
    )
    .unwrap();
    let results = score(&m, units, Lang::En).unwrap();
    let left_out = results.units[0].nodes.get("3.2").expect("scored");
    assert_eq!(left_out.source(), Source::NotSurveyed);
    assert_eq!((left_out.input(), left_out.explanation()), (None, None));
    assert!(!results.to_json().contains("\"explanation\""));
}

#[test]
fn a_text_typed_from_an_equals_sign_is_kept_as_written_where_an_error_is_refused() {
    // A formula's error names nothing anywhere; but a person typing in a form (JSON, not a
    // table a spreadsheet saved) may start any text with `=`.
    let m = case_methodology("policy-evidence-required");
    let unit = |entry: &str| {
        let json = format!(r#"[{{"unit": "A", "entries": {{"2.1": {entry}}}}}]"#);
        score(&m, parse_assessments(&json).unwrap(), Lang::En)
    };
    let kept = unit(
        r#"{"self": "3", "evidence": ["=> QĐ 12"], "explanation": "=> xem phụ lục",
            "appraisals": [{"round": 1, "value": "2", "reason": "=thiếu TLKC", "by": "= HĐTĐ"}]}"#,
    )
    .expect("typed texts are kept");
    let node = kept.units[0].nodes.get("2.1").expect("scored");
    assert_eq!(node.explanation(), Some("=> xem phụ lục"));
    assert_eq!(node.evidence(), ["=> QĐ 12"]);
    assert!(kept.to_json().contains("=thiếu TLKC"));
    for refused in [
        r##"{"self": "3", "evidence": ["#REF!"]}"##,
        r##"{"self": "3", "evidence": ["KH 12"], "explanation": "#VALUE!"}"##,
        r#"{"self": "3", "evidence": ["KH 12"], "appraisals": [{"round": 1, "value": "2", "reason": "x", "by": "Err:502"}]}"#,
    ] {
        let problems = unit(refused).expect_err(refused);
        assert_eq!(problems.problems.len(), 1, "{refused}");
        let code = problems.problems[0].code;
        assert_eq!(code, par_core::ErrorCode::MissingField, "{refused}");
    }
    // Evidence that is an error refuses its entry whether it is scored or not: a survey leaf's,
    // one given alone, a parent's given by value, and a leaf's under it.
    for entries in [
        r##"{"3.1": {"survey": {"percent": "80"}, "evidence": ["#REF!"]}}"##,
        r##"{"1.1.2": {"evidence": ["#N/A"]}}"##,
        r##"{"2": {"value": "3", "evidence": ["#REF!"]}}"##,
        r##"{"2": {"value": "3"}, "2.1": {"evidence": ["#REF!"]}}"##,
    ] {
        let json = format!(r#"[{{"unit": "A", "entries": {entries}}}]"#);
        let problems = score(&m, parse_assessments(&json).unwrap(), Lang::En).expect_err(entries);
        let fields: Vec<_> = problems
            .problems
            .iter()
            .map(|p| p.field.as_deref())
            .collect();
        assert!(fields.contains(&Some("evidence")), "{entries}: {fields:?}");
    }
}

#[test]
fn points_lost_are_told_where_they_were_decided() {
    // A unit given its criteria's points by value loses them on the criteria themselves, whose
    // sub-criteria it never scored; one scoring the sub-criteria loses them there.
    let case = "value-on-criteria-points-lost-where-decided";
    let m = case_methodology(case);
    let units = parse_assessments(&case_file(case, "input.json")).unwrap();
    let results = score(&m, units, Lang::En).unwrap();
    let lost = |unit: &str| -> Vec<(String, String)> {
        let lost = results.lost_points(unit).unwrap().into_iter();
        lost.map(|l| (l.code, l.lost.0.to_string())).collect()
    };
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect()
    };
    assert_eq!(
        lost("Sở Tư pháp"),
        pairs(&[("1.1", "2.50"), ("1.3", "1.50"), ("1.2", "1.00")])
    );
    assert_eq!(
        lost("Sở Y tế"),
        pairs(&[("1.1.2", "1.00"), ("1.3", "1.00")])
    );
}

#[test]
fn a_choice_is_found_however_the_spaces_of_its_label_were_typed() {
    // Two spaces for one, and a non-breaking one pasted from Word or a PDF, look the same on
    // screen: the message refusing them quoted a label that looked like the first choice it listed.
    let m = case_methodology("rules-every-type");
    for typed in [
        "Ban hành\u{a0}kịp thời",
        "Ban hành  kịp thời",
        " ban HÀNH kịp thời\\t",
    ] {
        let json = format!(r#"[{{"unit": "A", "entries": {{"1.1.1": {{"self": "{typed}"}}}}}}]"#);
        let results = score(&m, parse_assessments(&json).unwrap(), Lang::Vi)
            .unwrap_or_else(|p| panic!("{typed:?} refused: {p}"));
        let node = results.units[0].nodes.get("1.1.1").expect("scored");
        assert_eq!(node.points_exact().to_string(), "1", "{typed:?}");
    }
    let json = r#"[{"unit": "A", "entries": {"1.1.1": {"self": "Ban hànhkịp thời"}}}]"#;
    assert!(score(&m, parse_assessments(json).unwrap(), Lang::Vi).is_err());
}
