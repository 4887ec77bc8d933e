//! A node's results show the inputs behind its points, and only those.

use par_core::{parse_assessments, score, Lang, Methodology, Source};

#[test]
fn a_survey_leaf_left_out_shows_none_of_its_entry() {
    // Under `no_survey: rescale`, a unit without survey results has its survey leaves left out:
    // an explanation entered on one counts nothing, and the results do not show it as if it did.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/cases/policy-no-survey-rescale/methodology.json"
    );
    let m = Methodology::from_json(&std::fs::read_to_string(path).expect("fixture")).unwrap();
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
