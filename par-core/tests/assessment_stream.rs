//! The reader of valid assessments documents (`AssessmentStream`), which scoring and reading take
//! first, against serde's derived reader of the same types: whatever it reads, serde reads the
//! same, entries in the same order; whatever serde reads, it reads too; and a text given in pieces
//! cut anywhere reads as the text given at once.

mod common;

use common::{case_file, case_methodology};
use par_core::{
    json_parts, AssessmentSet, AssessmentStream, Detail, Lang, NotRead, Scorer, UnitAssessment,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The units the reader takes from `pieces` given one after another.
fn streamed<'p>(pieces: impl IntoIterator<Item = &'p str>) -> Result<Vec<UnitAssessment>, NotRead> {
    let mut stream = AssessmentStream::new(Vec::new());
    for piece in pieces {
        stream.push(piece)?;
    }
    stream.finish()
}

/// The units serde's derived reader takes from a document or a bare list, if it takes them all
/// (and they are named, as every reader requires: a name that shows nothing once normalised, a
/// zero-width space, is none).
fn by_serde(text: &str) -> Option<Vec<UnitAssessment>> {
    let units = match text.trim_start().starts_with('[') {
        true => serde_json::from_str::<Vec<UnitAssessment>>(text).ok()?,
        false => {
            let set = serde_json::from_str::<AssessmentSet>(text).ok()?;
            (set.schema == "par.assessments/1").then_some(set.units)?
        }
    };
    let named = |u: &UnitAssessment| {
        let mut u = u.clone();
        u.normalize_names();
        !u.unit.is_empty()
    };
    units.iter().all(named).then_some(units)
}

/// The text with every character past ASCII written as a `\u` escape (a surrogate pair past the
/// first plane), as Python's `json.dumps` writes by default.
fn ascii_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut halves = [0u16; 2];
            for half in c.encode_utf16(&mut halves) {
                out.push_str(&format!("\\u{half:04x}"));
            }
        }
    }
    out
}

/// `text` cut at the char boundaries nearest to `cuts` (fractions of its length).
fn cut_at(text: &str, cuts: &[usize]) -> Vec<String> {
    let mut points: Vec<usize> = cuts
        .iter()
        .map(|&c| {
            let mut at = c % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at += 1;
            }
            at
        })
        .collect();
    points.sort_unstable();
    let mut pieces = Vec::new();
    let mut from = 0;
    for at in points {
        pieces.push(text[from..at].to_string());
        from = at;
    }
    pieces.push(text[from..].to_string());
    pieces
}

fn text_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("0.5")),
        Just(json!("1,25")),
        Just(json!("Đạt")),
        Just(json!("có \"ngoặc\" và \\ gạch")),
        Just(json!("dòng\nmới\t😀")),
        Just(json!("\u{1}")),
        Just(json!("")),
    ]
}

fn input_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => text_value(),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Null),
        1 => Just(json!(5)),
    ]
}

fn appraisal() -> impl Strategy<Value = Value> {
    let round = prop_oneof![
        Just(json!(1)),
        Just(json!(0)),
        Just(json!(2)),
        Just(json!(4294967296u64)),
        Just(json!(1.5)),
        Just(json!("1"))
    ];
    (
        proptest::option::weighted(0.95, round),
        proptest::option::weighted(0.95, input_value()),
        proptest::option::of(prop_oneof![text_value(), Just(Value::Null)]),
        proptest::option::of(prop_oneof![Just(json!("HĐTĐ")), Just(Value::Null)]),
        proptest::bool::weighted(0.03),
    )
        .prop_map(|(round, value, reason, by, extra)| {
            let mut a = serde_json::Map::new();
            round.map(|v| a.insert("round".into(), v));
            value.map(|v| a.insert("value".into(), v));
            reason.map(|v| a.insert("reason".into(), v));
            by.map(|v| a.insert("by".into(), v));
            if extra {
                a.insert("note".into(), json!("x"));
            }
            Value::Object(a)
        })
}

fn entry() -> impl Strategy<Value = Value> {
    let survey = prop_oneof![
        Just(json!({"percent": "86,5"})),
        Just(json!({"points": "1.50"})),
        Just(json!({"points": "x"})),
        Just(json!({"share": "1"})),
        Just(json!("percent")),
        Just(Value::Null),
    ];
    let value = prop_oneof![
        Just(json!("2.50")),
        Just(json!("abc")),
        Just(json!(2)),
        Just(Value::Null)
    ];
    let evidence = prop_oneof![
        8 => proptest::collection::vec(text_value(), 0..3).prop_map(Value::Array),
        1 => Just(Value::Null),
    ];
    (
        proptest::option::of(input_value()),
        proptest::option::of(evidence),
        proptest::option::weighted(0.2, prop_oneof![text_value(), Just(Value::Null)]),
        proptest::option::of(proptest::collection::vec(appraisal(), 0..3)),
        proptest::option::weighted(0.15, survey),
        proptest::option::weighted(0.15, value),
    )
        .prop_map(|(own, evidence, explanation, appraisals, survey, value)| {
            let mut e = serde_json::Map::new();
            own.map(|v| e.insert("self".into(), v));
            evidence.map(|v| e.insert("evidence".into(), v));
            explanation.map(|v| e.insert("explanation".into(), v));
            appraisals.map(|v| e.insert("appraisals".into(), Value::Array(v)));
            survey.map(|v| e.insert("survey".into(), v));
            value.map(|v| e.insert("value".into(), v));
            Value::Object(e)
        })
}

fn unit() -> impl Strategy<Value = Value> {
    let name = prop_oneof![
        Just(json!("Xã Tân Phú")),
        Just(json!("Sở \"Y\" tế 😀")),
        Just(json!("  ")),
        Just(Value::Null),
    ];
    let code = prop_oneof![Just("1.1"), Just("1.2"), Just("2.1"), Just("Đ.1")];
    (
        proptest::option::weighted(0.97, name),
        proptest::option::of(prop_oneof![Just(json!("xã")), Just(Value::Null)]),
        proptest::option::weighted(0.9, proptest::collection::vec((code, entry()), 0..4)),
    )
        .prop_map(|(name, block, entries)| {
            let mut u = serde_json::Map::new();
            name.map(|v| u.insert("unit".into(), v));
            block.map(|v| u.insert("block".into(), v));
            entries.map(|entries| {
                let entries = entries
                    .into_iter()
                    .map(|(c, e)| (c.to_string(), e))
                    .collect();
                u.insert("entries".into(), Value::Object(entries))
            });
            Value::Object(u)
        })
}

/// A field of a document given twice, the first time with the value here.
const FIELDS_GIVEN_TWICE: [(&str, &str); 11] = [
    ("\"1.1\":", "{\"self\":\"1\"}"),
    ("\"schema\":", "\"par.assessments/1\""),
    ("\"units\":", "[]"),
    ("\"unit\":", "\"B\""),
    ("\"block\":", "null"),
    ("\"entries\":", "{}"),
    ("\"self\":", "null"),
    ("\"evidence\":", "[]"),
    ("\"round\":", "1"),
    ("\"value\":", "\"1\""),
    ("\"percent\":", "\"1\""),
];

/// A document's text: units in a `par.assessments/1` document (fields in either order) or a bare
/// list, written compact or indented, sometimes with a field given twice, sometimes escaped to
/// ASCII, with white space (or something else) after it.
fn document() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(unit(), 0..4),
        0..4u8,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(""), Just(" \n"), Just("\t"), Just(" x")],
        proptest::option::weighted(0.3, 0..FIELDS_GIVEN_TWICE.len()),
    )
        .prop_map(|(units, shape, pretty, ascii, around, twice)| {
            let units = Value::Array(units);
            let doc = match shape {
                0 => units,
                1 => json!({"schema": "par.assessments/1", "units": units}),
                2 => json!({"units": units, "schema": "par.assessments/1"}),
                _ => json!({"schema": "par.assessments/2", "units": units}),
            };
            let text = match pretty {
                true => serde_json::to_string_pretty(&doc).expect("writes"),
                false => serde_json::to_string(&doc).expect("writes"),
            };
            let text = match twice {
                Some(i) => {
                    let (field, again) = FIELDS_GIVEN_TWICE[i];
                    text.replacen(field, &format!("{field}{again},{field}"), 1)
                }
                None => text,
            };
            let text = if ascii { ascii_escaped(&text) } else { text };
            format!("{}{text}{around}", around.trim_end_matches('x'))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn reads_what_serde_reads_and_nothing_else(text in document(), cuts in proptest::collection::vec(any::<usize>(), 0..6)) {
        let whole = streamed([text.as_str()]);
        match (&whole, by_serde(&text)) {
            // Compared as written out: maps compare equal whatever their order, decimals whatever
            // their scale.
            (Ok(units), Some(serde)) => prop_assert_eq!(format!("{units:?}"), format!("{serde:?}")),
            (Ok(_), None) => prop_assert!(false, "read what serde refuses:\n{}", text),
            (Err(_), Some(_)) => prop_assert!(false, "refused what serde reads:\n{}", text),
            (Err(_), None) => {}
        }
        let pieces = cut_at(&text, &cuts);
        prop_assert_eq!(streamed(pieces.iter().map(String::as_str)), whole);
    }
}

/// The units of `text` read in `n` parts ([`json_parts`]) one after another; `None` where a part
/// does not read, or the text gives no parts.
fn read_in_parts(text: &str, n: usize) -> Option<Vec<UnitAssessment>> {
    let parts = json_parts(text, n)?;
    let mut units = Vec::new();
    for part in &parts {
        units.extend(part.read(Vec::new())?);
    }
    Some(units)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Parts read side by side give the one pass's units, and one steps aside only where the
    /// one pass would.
    #[test]
    fn parts_read_as_the_one_pass(text in document(), n in 2..5usize) {
        let whole = streamed([text.as_str()]).ok();
        if json_parts(&text, n).is_some() {
            let parts = read_in_parts(&text, n);
            prop_assert_eq!(&parts, &whole, "parts and the one pass read apart:\n{}", text);
        }
    }
}

#[test]
fn a_document_is_cut_into_parts_only_between_units() {
    let unit =
        |name: &str, entries: &str| format!(r#"{{"unit":"{name}","entries":{{{entries}}}}}"#);
    let plain = unit("Xã A", r#""1.1":{"self":"1"}"#);
    // Look-alikes of the comma between two units, in a valid document and in invalid ones.
    let in_a_text = unit("Xã B", r#""1.1":{"self":"1","explanation":"},{\"unit\":"}"#);
    let a_code = unit("Xã C", r#""1.1":{"self":"1"},"unit":{"self":"2"}"#);
    let in_a_round = unit(
        "Xã D",
        r#""1.1":{"appraisals":[{"round":1,"value":"1"},{"unit":"x"}]}"#,
    );
    let doc = |units: &[&String]| {
        let list = units
            .iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>()
            .join(",");
        format!(r#"{{"schema":"par.assessments/1","units":[{list}]}}"#)
    };
    for units in [
        vec![&plain, &in_a_text, &plain, &a_code, &plain],
        vec![&plain, &in_a_round, &plain, &in_a_round, &plain],
    ] {
        let text = doc(&units);
        let whole = streamed([text.as_str()]).ok();
        for n in 2..=8 {
            assert_eq!(read_in_parts(&text, n), whole, "{n} parts of\n{text}");
        }
    }
    // A valid document, pretty or compact, a list or a document with its schema last, reads
    // in parts of a unit at least, as many as asked for where its units fall so.
    let five = [&plain, &in_a_text, &plain, &a_code, &plain];
    let value: serde_json::Value = serde_json::from_str(&doc(&five)).expect("JSON");
    let units = &value["units"];
    let shapes = [
        serde_json::to_string(&value).expect("writes"),
        serde_json::to_string_pretty(&value).expect("writes"),
        serde_json::to_string_pretty(units).expect("writes"),
        serde_json::to_string(&json!({"units": units, "schema": "par.assessments/1"}))
            .expect("writes"),
    ];
    for text in shapes {
        let whole = streamed([text.as_str()]).expect("reads");
        for n in 1..=7 {
            let parts = json_parts(&text, n).expect("a list of units");
            assert!(
                (n.min(2)..=n.min(5)).contains(&parts.len()),
                "{n} parts of\n{text}"
            );
            assert_eq!(
                read_in_parts(&text, n),
                Some(whole.clone()),
                "{n} parts of\n{text}"
            );
        }
    }
}

#[test]
fn parts_scored_and_merged_score_as_the_document_whole() {
    let m = case_methodology("blocks-ranked-separately");
    let text = case_file("blocks-ranked-separately", "input.json");
    let whole = par_core::score_json_as_read(&text, Scorer::new(&m, Lang::En))
        .expect("streams")
        .finish();
    for n in 2..=4 {
        let parts = json_parts(&text, n).expect("a list of units");
        assert!(parts.len() > 1);
        let scored = parts.iter().map(|p| p.read(Scorer::new(&m, Lang::En)));
        let merged = Scorer::merge_in_order(scored).expect("merges");
        assert_eq!(merged.finish(), whole, "in {n} parts");
    }
}

/// A unit's JSON with the first letter of its first field's name (all ASCII here) written as a
/// `\u` escape: a name serde_json cannot lend from the text, where the walk that finds every
/// problem then reads the unit as a JSON value, never by the reader of valid documents.
fn first_name_escaped(unit: &str) -> String {
    let Some(quote) = unit.find('"') else {
        return unit.to_string(); // `{}`
    };
    let first = unit[quote + 1..]
        .chars()
        .next()
        .expect("a name's letter, or its end");
    assert!(
        first.is_ascii() && unit[..quote].trim_end() == "{",
        "{unit}"
    );
    match first {
        '"' => unit.to_string(), // an empty name
        _ => format!(
            "{}\\u{:04x}{}",
            &unit[..=quote],
            first as u32,
            &unit[quote + 2..]
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// A document with a problem is read for every problem a unit at a time, its valid units by
    /// the reader of valid documents: what that reads is what reading each unit as a JSON value
    /// reads, problems alike, and what scoring them finds.
    #[test]
    fn units_beside_a_problem_read_as_their_json_values_read(
        units in proptest::collection::vec(unit(), 0..5),
        at in any::<prop::sample::Index>(),
        in_document in any::<bool>(),
        pretty in any::<bool>(),
    ) {
        let written = |u: &Value| match pretty {
            true => serde_json::to_string_pretty(u).expect("writes"),
            false => u.to_string(),
        };
        let mut units: Vec<String> = units.iter().map(written).collect();
        units.insert(at.index(units.len() + 1), r#"{"unit": "Lỗi", "entries": 5}"#.into());
        let text = |units: &[String]| match in_document {
            true => format!(r#"{{"schema": "par.assessments/1", "units": [{}]}}"#, units.join(",")),
            false => format!("[{}]", units.join(", ")),
        };
        let escaped: Vec<String> = units.iter().map(|u| first_name_escaped(u)).collect();
        let (quick, as_values) = (text(&units), text(&escaped));
        let read = |text: &str| par_core::read_assessments(text).expect("units read");
        let (quick_read, read_as_values) = (read(&quick), read(&as_values));
        prop_assert_eq!(format!("{:?}", quick_read.value), format!("{:?}", read_as_values.value));
        prop_assert_eq!(quick_read.problems, read_as_values.problems);
        let m = case_methodology("override-semantics");
        let scored = |text: &str| par_core::wire::score_with(&m, text, Lang::En, Detail::Full);
        prop_assert!(scored(&quick) == scored(&as_values));
    }
}

/// Scoring the scores only, a unit's entries are read into the room of the unit before's
/// (`Units::spare_entries`), in its entries' places while the codes come in the same order:
/// units whose entries take other shapes after one another (rounds, evidence, an explanation
/// taken away or added, in another order, fewer codes or more, a code given twice) score as when
/// read whole, under the override rules and under `evidence_required`, where evidence left over
/// from the unit before would count.
#[test]
fn entries_read_into_the_room_of_the_unit_before_score_alike() {
    for case in ["override-semantics", "policy-evidence-required"] {
        let m = case_methodology(case);
        let doc: Value = serde_json::from_str(&case_file(case, "input.json")).expect("JSON");
        let entries = doc["units"][0]["entries"].as_object().expect("entries");
        let changed = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| {
            let mut entries = entries.clone();
            (entries.values_mut()).for_each(|e| f(e.as_object_mut().expect("an entry")));
            entries
        };
        let variants = [
            entries.clone(),
            changed(&|e| {
                e.remove("appraisals");
            }),
            changed(&|e| {
                e.remove("evidence");
                e.insert("explanation".into(), json!("Giải trình"));
            }),
            changed(&|e| {
                e.insert("evidence".into(), json!(["TL 1", "TL 2", "TL 3"]));
            }),
            entries.clone().into_iter().rev().collect(),
            changed(&|e| {
                e.remove("evidence");
            }),
            entries.clone(),
            entries
                .clone()
                .into_iter()
                .take(entries.len() / 2)
                .collect(),
            entries.clone(),
        ];
        let count = variants.len();
        let mut units: Vec<String> = (variants.into_iter().enumerate())
            .map(|(i, entries)| json!({"unit": format!("Xã {i}"), "entries": entries}).to_string())
            .collect();
        // The first code again at the end, with other evidence: refused by the stream, whatever
        // room the unit before left, as by the reader that says why.
        let (code, entry) = entries.iter().next().expect("an entry");
        let mut other = entry.clone();
        other["evidence"] = json!(["TL khác"]);
        let twice = format!(r#","{code}":{other}}}}}"#);
        let again = units.last().expect("a unit").replacen("Xã", "Xã lần", 1);
        let given_twice = format!(
            "[{},{}{twice}]",
            units.join(","),
            again.strip_suffix("}}").expect("a unit")
        );
        let refused = par_core::score_json_as_read(&given_twice, Scorer::new(&m, Lang::En));
        assert!(refused.is_none(), "{case}: a code given twice streamed");
        units.push(again);
        let text = format!(
            r#"{{"schema":"par.assessments/1","units":[{}]}}"#,
            units.join(",")
        );
        let scorer = Scorer::new(&m, Lang::En).with_detail(Detail::Scores);
        let streamed = par_core::score_json_as_read(&text, scorer).expect("streams");
        let whole = par_core::wire::score_reporting_problems(&m, &text, Lang::En, Detail::Scores);
        assert!(
            whole.as_ref().is_ok_and(|r| r.units.len() == count + 1),
            "{case}: {whole:?}"
        );
        assert!(streamed.finish() == whole, "{case}");
    }
}

#[test]
fn a_document_cut_anywhere_reads_as_the_document_whole() {
    let text = case_file("override-semantics", "input.json");
    let whole = streamed([text.as_str()]).expect("reads");
    let escaped = ascii_escaped(&text);
    for text in [&text, &escaped] {
        for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            let pieces = [&text[..at], &text[at..]];
            assert_eq!(streamed(pieces), Ok(whole.clone()), "cut at {at}");
        }
        let pieces = cut_at(text, &(0..text.len()).step_by(3).collect::<Vec<_>>());
        assert_eq!(
            streamed(pieces.iter().map(String::as_str)),
            Ok(whole.clone()),
            "in pieces of three bytes"
        );
    }
}

#[test]
fn a_document_in_pieces_scores_as_the_document_whole() {
    let m = case_methodology("override-semantics");
    let text = case_file("override-semantics", "input.json");
    let whole = par_core::score_json_as_read(&text, Scorer::new(&m, Lang::En))
        .expect("streams")
        .finish();
    let mut stream = AssessmentStream::new(Scorer::new(&m, Lang::En));
    for piece in cut_at(&text, &[7, 100, 101, 500]) {
        stream.push(&piece).expect("reads");
    }
    assert_eq!(stream.finish().expect("complete").finish(), whole);
}

#[test]
fn what_the_reader_steps_aside_for() {
    let unit = |entries: &str| format!(r#"[{{"unit":"Xã A","entries":{{{entries}}}}}]"#);
    for text in [
        String::new(),
        "[".to_string(),
        "[] []".to_string(),
        unit(r#""1.1":{"self":1}"#),
        unit(r#""1.1":{"self":"1","self":"2"}"#),
        unit(r#""1.1":{"row":2}"#),
        unit(r#""1.1":{"appraisals":[{"round":01,"value":"1"}]}"#),
        unit(r#""1.1":{"appraisals":[{"round":1e0,"value":"1"}]}"#),
        unit(r#""1.1":{"appraisals":[{"round":-1,"value":"1"}]}"#),
        unit(r#""1.1":{"appraisals":[{"value":"1"}]}"#),
        unit(r#""1.1":{"self":"\ud800"}"#),
        unit(r#""1.1":{"self":"\udc00\ud800"}"#),
        unit(r#""1.1":{"self":"\x"}"#),
        unit("\"1.1\":{\"self\":\"a\u{1}b\"}"),
        unit(r#""1.1":{"survey":{"percent":"50","points":"1"}}"#),
        unit(r#""1.1":{"evidence":null}"#),
        unit(r#""1.1":{"value":"1","#),
    ] {
        assert_eq!(streamed([text.as_str()]), Err(NotRead), "{text}");
    }
    let escaped = unit(r#""1.1":{"self":"\ud83d\ude00 \u0110\/\b\f\n\r\t\"\\"}"#);
    let units = streamed([escaped.as_str()]).expect("reads");
    assert_eq!(units, by_serde(&escaped).expect("serde reads"));
}

#[test]
fn a_unit_over_many_pieces_is_read_again_only_as_it_doubles() {
    // A unit of 2 MB in pieces of 256 bytes: read again with every piece, it would be read about
    // 8,000 times over (gigabytes); read again as it doubles, some twenty times.
    let long_reference = "TLKC-".repeat(42);
    let entries: Vec<String> = (0..8_000)
        .map(|i| format!(r#""{i}":{{"self":"0.5","evidence":["{long_reference}{i}"]}}"#))
        .collect();
    let text = format!(r#"[{{"unit":"Xã A","entries":{{{}}}}}]"#, entries.join(","));
    let pieces = cut_at(&text, &(0..text.len()).step_by(256).collect::<Vec<_>>());
    let units = streamed(pieces.iter().map(String::as_str)).expect("reads");
    assert!(text.len() > 2_000_000, "{}", text.len());
    assert_eq!(units[0].entries.len(), 8_000);
}

#[test]
fn a_unit_past_its_number_of_entries_is_left_to_reading_whole() {
    // Reading the text whole refuses it (`limit_exceeded`, limit `unit_entries`): the stream
    // keeps no more entries than a unit may have.
    let most = par_core::limits::UNIT_ENTRIES.max;
    let unit = |n: usize| {
        let entries: Vec<String> = (0..n).map(|i| format!(r#""{i}":{{}}"#)).collect();
        format!(r#"[{{"unit":"Xã A","entries":{{{}}}}}]"#, entries.join(","))
    };
    assert_eq!(
        streamed([unit(most).as_str()]).expect("reads")[0]
            .entries
            .len(),
        most
    );
    assert_eq!(streamed([unit(most + 1).as_str()]), Err(NotRead));
}

#[test]
fn a_text_past_its_limit_is_found_as_the_stream_reads_it() {
    // The stream measures each text as it reads it, so the scorer does not measure them again:
    // a text past its limit is refused as reading the text whole refuses it, naming its field;
    // a text at its limit (also one whose escapes make it shorter than it is written) is read.
    let m = case_methodology("override-semantics");
    let most = par_core::limits::TEXT_BYTES.max;
    let long = |n: usize| "x".repeat(n);
    let unit = |name: &str, block: &str, code: &str, entry: &str| {
        format!(r#"[{{"unit":"{name}","block":"{block}","entries":{{"{code}":{entry}}}}}]"#)
    };
    let at_limit = |n: usize| format!(r#"{{"self":"95","explanation":"{}"}}"#, long(n));
    let escaped = format!(r#"{{"self":"95","explanation":"{}"}}"#, r"\n".repeat(most));
    let code = "1".repeat(par_core::limits::CODE_BYTES.max + 1);
    let cases = [
        (
            unit(&long(most + 1), "B", "1.1.2", r#"{"self":"95"}"#),
            Some("unit"),
        ),
        (
            unit("A", &long(most + 1), "1.1.2", r#"{"self":"95"}"#),
            Some("block"),
        ),
        (unit("A", "B", &code, r#"{"self":"95"}"#), Some("entries")),
        (
            unit(
                "A",
                "B",
                "1.1.2",
                &format!(r#"{{"evidence":["{}"]}}"#, long(most + 1)),
            ),
            Some("entries.1.1.2.evidence[0]"),
        ),
        (
            unit(
                "A",
                "B",
                "1.1.2",
                &format!(r#"{{"self":"{}"}}"#, long(most + 1)),
            ),
            Some("entries.1.1.2.self"),
        ),
        (unit(&long(most), "B", "1.1.2", &at_limit(most)), None),
        (unit("A", "B", "1.1.2", &escaped), None),
    ];
    for (text, refused_at) in cases {
        let streamed = par_core::score_json_as_read(&text, Scorer::new(&m, Lang::En))
            .unwrap_or_else(|| panic!("does not stream: {}", &text[..60]))
            .finish();
        let whole = par_core::read_assessments(&text)
            .map_err(|p| format!("{p}"))
            .and_then(|read| par_core::score(&m, read, Lang::En).map_err(|p| format!("{p}")));
        assert_eq!(streamed.clone().map_err(|p| format!("{p}")), whole);
        let limit_at = streamed.err().and_then(|p| {
            p.problems
                .iter()
                .find(|e| e.code == par_core::ErrorCode::LimitExceeded)
                .and_then(|e| e.field.clone())
        });
        assert_eq!(limit_at.as_deref(), refused_at, "{}", &text[..60]);
    }
}

#[test]
fn a_criterion_given_twice_is_refused_by_every_reader() {
    // A JSON reader keeps a key given twice with its last value, without a word: which entry the
    // unit meant is not known, so none is taken, by the stream, serde's reader or the reader
    // that names the problem.
    let text = r#"[{"unit":"Xã A","entries":{"1.1":{"self":"0"},"1.2":{"self":"1"},"1.1":{"self":"0.5"}}}]"#;
    assert_eq!(streamed([text]).map(|u| u.len()), Err(NotRead));
    assert!(by_serde(text).is_none());
    let read = par_core::read_assessments(text).expect("read");
    assert_eq!(
        common::code_unit_node(&read.problems.into()),
        [(
            par_core::ErrorCode::ConflictingInput,
            Some("Xã A"),
            Some("1.1")
        )]
    );
}

#[test]
fn a_stream_stays_refused() {
    // A caller going on after a refusal gets no units that stand without those refused.
    let mut stream = AssessmentStream::new(Vec::new());
    assert_eq!(
        stream.push(r#"[{"unit":"A","entries":{"1":{"self":1}}},"#),
        Err(NotRead)
    );
    assert_eq!(stream.push(r#"{"unit":"B"}]"#), Err(NotRead));
    assert_eq!(stream.finish(), Err(NotRead));
}

/// A document beginning with a byte-order mark (Notepad saves one; Node's `readFileSync(path,
/// 'utf8')` keeps it) reads as the document without it: methodologies, assessments (as they are
/// read, the mark a piece of its own, and whole) and results to compare.
#[test]
fn a_document_after_a_byte_order_mark_reads_as_without() {
    let bom = |text: &str| format!("\u{feff}{text}");
    let methodology = case_file("override-semantics", "methodology.json");
    let m = par_core::wire::load_methodology(&bom(&methodology)).expect("a methodology");
    let text = case_file("override-semantics", "input.json");
    let whole = streamed([text.as_str()]).expect("reads");
    let marked = bom(&text);
    assert_eq!(streamed([marked.as_str()]), Ok(whole.clone()));
    assert_eq!(streamed(["\u{feff}", &text]), Ok(whole.clone()));
    let scored = |text: &str| par_core::wire::score_with(&m, text, Lang::En, Detail::Full);
    let results = scored(&text).expect("scores");
    assert!(scored(&marked) == Ok(results.clone()));
    assert!(par_core::wire::ranking(&bom(&results.to_json())).is_ok());
}
