//! Problems are told in the catalogue's own words in both languages, whatever the reader that
//! found them: a document of the wrong shape is described in Vietnamese, not in the words of the
//! JSON library, and no text falls back to a reader's English.

use par_core::{wire, Lang, Problems};

/// Documents broken in the ways people break them, each refused.
const BROKEN: &[(&str, &str)] = &[
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":[{"code":"1","name":"a","max":5}]}"#,
    ),
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":[{"code":"1","name":"a","max":"5","rule":{"type":"magic"}}]}"#,
    ),
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":[{"code":"1","name":"a","max":"5","survey":"yes"}]}"#,
    ),
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":{}}"#,
    ),
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","nodes":[]}"#,
    ),
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":[],"policies":{"rounding":{"places":-1}}}"#,
    ),
    (
        "methodology",
        r#"{"schema":"par.methodology/1","id":"x","name":"x","nodes":[],"policies":{"missing_leaf":"maybe"}}"#,
    ),
    (
        "methodology",
        r#"{"schema": "par.methodology/1", "id": "x",, }"#,
    ),
    ("methodology", r#"{"schema": "par.methodology/1""#),
    ("methodology", r#"{"schema": "par.methodology/1"} x"#),
    ("methodology", r#"{"schema": "par\q"}"#),
    ("methodology", r#"{"id":"x","id":"y"}"#),
    ("methodology", r#"{"nodes":[1,]}"#),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"appraisals":[{"round":"1","value":"1"}]}}}]"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"appraisals":[{"round":-1,"value":"1"}]}}}]"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"self":[1]}}}]"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"self":4.5}}}]"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"survey":{"pct":"1"}}}}]"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"evidence":[1]}}}]"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"explanation":5}}}]"#,
    ),
    (
        "assessments",
        r#"{"schema":"par.assessments/2","units":[]}"#,
    ),
    (
        "assessments",
        r#"[{"unit":"A","entries":{"1":{"value":"1.093,5"}}}]"#,
    ),
    ("results", r#"{"schema":"par.results/1"}"#),
    ("results", "[]"),
];

fn refusal(kind: &str, text: &str) -> Problems {
    let outcome = match kind {
        "methodology" => wire::validate_methodology(text).map(drop),
        "assessments" => wire::score("bnv-2948-2017-province", text, Lang::Vi).map(drop),
        _ => wire::explain(text, "A").map(drop),
    };
    outcome.expect_err(text)
}

#[test]
fn malformed_documents_are_told_in_the_catalogues_words() {
    for (kind, text) in BROKEN {
        for p in &refusal(kind, text).problems {
            let (vi, en) = (p.message(Lang::Vi), p.message(Lang::En));
            assert_ne!(vi, en, "{text}");
            // The catalogue's fallbacks for what it cannot name: none is needed for these.
            for fallback in ["chi tiết kỹ thuật", "giá trị kiểu", "cú pháp không hợp lệ"]
            {
                assert!(!vi.contains(fallback), "{text}: {vi}");
            }
            // The JSON library's own words never reach a person.
            for english in [
                "invalid type",
                "expected",
                "unknown variant",
                "EOF",
                "at line",
            ] {
                assert!(!vi.contains(english), "{text}: {vi}");
            }
            assert!(
                !p.line(Lang::Vi).contains("trường ?"),
                "{text}: {}",
                p.line(Lang::Vi)
            );
        }
    }
}

#[test]
fn a_problems_line_keeps_one_line_whatever_the_value_holds() {
    // A unit's name is read with its white space as one space (`A B`); a code is not.
    let text = "[{\"unit\":\"A\\nB\",\"entries\":{\"9\\nC\":{\"value\":\"1\"}}}]";
    let p = refusal("assessments", text);
    let line = p.problems[0].line(Lang::Vi);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains("đơn vị A B, tiêu chí 9\\nC"), "{line}");
}

/// A field's name of any length (a program's key of 100 KB) is quoted, not repeated: every level
/// of a document, as every reader says it.
#[test]
fn an_unknown_field_of_any_length_is_quoted() {
    let key = "x".repeat(100_000);
    for text in [
        format!(r#"{{"schema":"par.assessments/1","units":[],"{key}":1}}"#),
        format!(r#"[{{"unit":"A","{key}":1,"entries":{{}}}}]"#),
        format!(r#"[{{"unit":"A","entries":{{"1":{{"{key}":1}}}}}}]"#),
        format!(
            r#"[{{"unit":"A","entries":{{"1":{{"appraisals":[{{"round":1,"value":"1","{key}":1}}]}}}}}}]"#
        ),
    ] {
        for p in refusal("assessments", &text).problems {
            let line = p.line(Lang::Vi);
            assert!(
                line.len() < 1_000,
                "{} bytes: {}…",
                line.len(),
                &line[..100]
            );
        }
    }
}

#[test]
fn a_field_the_format_does_not_have_is_named_as_given_and_a_unit_without_a_name_by_its_place() {
    // `name` at a unit is no criterion's name (`tên tiêu chí`, as a known field `name` is said).
    let text = r#"[{"unit": "Sở Y tế", "name": "x", "entries": {}}, {"name": "Sở Tư pháp"}]"#;
    let lines: Vec<String> = (refusal("assessments", text).problems.iter())
        .map(|p| p.line(Lang::Vi))
        .collect();
    assert!(
        lines.iter().all(|l| !l.contains("tên tiêu chí")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("đơn vị Sở Y tế, trường name: ")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("đơn vị units[1], trường name: ")),
        "{lines:?}"
    );
}

/// A code Excel made a number of, shown with a decimal comma (`1,3`), is refused saying so: read
/// as 1.3 it might be 1.30's. Another unknown code is refused without the hint.
#[test]
fn a_code_excel_made_a_number_of_is_said_to_be_one() {
    let m = par_core::wire::load_methodology("camau-1880-2013-field1-excerpt").expect("built in");
    let refused = |csv: &str| {
        let read = par_core::Table::from_csv(csv).and_then(|t| t.read_assessments(&m));
        let scored = read.and_then(|r| par_core::score(&m, r, Lang::Vi));
        scored.expect_err("refused").problems[0].line(Lang::Vi)
    };
    for csv in [
        "Đơn vị;Mã tiêu chí;Tự chấm\nSở A;1,3;3\n",
        "Đơn vị;1,3\nSở A;3\n",
    ] {
        assert!(
            refused(csv).contains("Excel đã đổi mã này thành số"),
            "{csv}"
        );
    }
    let other = refused("Đơn vị;Mã tiêu chí;Tự chấm\nSở A;9.9;3\n");
    assert!(!other.contains("Excel"), "{other}");
}
