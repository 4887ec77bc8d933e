//! A results document read a piece at a time (`ResultsFeed`, as `par compare` reads a results
//! file) gives what reading its text whole gives, cut anywhere, in either layout, with every
//! input or its scores only; and a document that reading whole refuses, or that is not laid out
//! as the engine writes it, is not read so (reading it whole then says what is wrong).

use par_core::{Detail, Results, ResultsFeed};
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

/// Every results document of the fixtures, indented and on one line.
fn documents() -> Vec<(String, String)> {
    static DOCUMENTS: LazyLock<Vec<(String, String)>> = LazyLock::new(fixture_documents);
    DOCUMENTS.clone()
}

fn fixture_documents() -> Vec<(String, String)> {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut documents = Vec::new();
    for entry in std::fs::read_dir(cases).expect("fixtures/cases") {
        let path = entry.expect("readable").path().join("expected.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if let Ok(results) = Results::from_json(&text) {
            let name = path.display().to_string();
            documents.push((format!("{name} (compact)"), results.to_compact_json()));
            documents.push((name, text));
        }
    }
    assert!(documents.len() >= 60, "{} documents", documents.len());
    documents
}

/// The document given in pieces of `size` bytes (cut anywhere, inside a character too).
fn in_pieces(text: impl AsRef<[u8]>, size: usize, detail: Detail) -> Option<Results> {
    let mut feed = ResultsFeed::new(detail);
    for piece in text.as_ref().chunks(size.max(1)) {
        if !feed.push(piece) {
            return None;
        }
    }
    feed.finish()
}

fn read_whole(text: impl AsRef<[u8]>, detail: Detail) -> Option<Results> {
    let text = std::str::from_utf8(text.as_ref()).ok()?;
    Results::from_json(text).ok().map(|r| r.with_detail(detail))
}

#[test]
fn every_results_document_reads_in_pieces_as_read_whole() {
    for (name, text) in documents() {
        for detail in [Detail::Full, Detail::Scores] {
            let whole = read_whole(&text, detail);
            for size in [1, 2, 3, 7, 64, 1000, text.len()] {
                let pieces = in_pieces(&text, size, detail);
                assert!(pieces == whole, "{name}: pieces of {size}, {detail:?}");
            }
        }
    }
}

#[test]
fn a_byte_order_mark_is_not_the_documents() {
    let (_, text) = documents().remove(0);
    let marked = format!("\u{feff}{text}");
    assert_eq!(
        in_pieces(&marked, 5, Detail::Full),
        read_whole(&text, Detail::Full)
    );
}

/// Documents reading whole refuses, or reads otherwise than the engine writes them: never read
/// in pieces, so that reading whole says what is wrong, in its words.
#[test]
fn a_document_not_as_the_engine_writes_it_is_left_to_reading_whole() {
    let (_, text) = documents()
        .into_iter()
        .find(|(_, t)| t.matches("\"unit\":").count() >= 2 && !t.starts_with("{\"schema\""))
        .expect("an indented document of two units");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let units_first = {
        let mut reordered = serde_json::Map::new();
        reordered.insert("units".into(), value["units"].clone());
        for (key, field) in value.as_object().expect("an object") {
            reordered.insert(key.clone(), field.clone());
        }
        serde_json::to_string_pretty(&reordered).expect("JSON")
    };
    let rank = value["units"][0]["rank"].as_i64().expect("a rank");
    let unit_name = value["units"][0]["unit"]
        .as_str()
        .expect("a name")
        .to_string();
    let cases = [
        ("units before the tree", units_first),
        ("a rank the index does not give", {
            let mut v = value.clone();
            v["units"][0]["rank"] = (rank + 1).into();
            serde_json::to_string_pretty(&v).expect("JSON")
        }),
        ("a unit named twice", {
            let mut v = value.clone();
            v["units"][1]["unit"] = unit_name.clone().into();
            serde_json::to_string_pretty(&v).expect("JSON")
        }),
        ("a unit's name in NFD", {
            let mut v = value.clone();
            v["units"][0]["unit"] = format!("{unit_name} Ha\u{300}").into();
            serde_json::to_string_pretty(&v).expect("JSON")
        }),
        ("the methodology's name in NFD", {
            let mut v = value.clone();
            v["methodology"]["name"] = "Bộ chỉ số Ha\u{300}".into();
            serde_json::to_string_pretty(&v).expect("JSON")
        }),
        (
            "a comma after the last unit",
            text.replacen("\n    }\n  ],", "\n    },\n  ],", 1),
        ),
        (
            "two commas between units",
            text.replacen("\n    },\n", "\n    },,\n", 1),
        ),
        ("text after the document", format!("{text}x")),
        ("unfinished", text[..text.len() - 3].to_string()),
        (
            "another schema",
            text.replacen("par.results/1", "par.results/2", 1),
        ),
        (
            "a key given twice in the tail",
            text.replacen("\n  \"blocks\"", "\n  \"units\": [],\n  \"blocks\"", 1),
        ),
    ];
    let not_utf8 = text
        .replacen("\"unit\"", "\"unit\u{1}\"", 1)
        .replace('\u{1}', "\u{fffd}");
    let not_utf8 = not_utf8.replacen('\u{fffd}', "\u{1}", 1);
    let mut not_utf8 = not_utf8.into_bytes();
    if let Some(at) = not_utf8.iter().position(|&b| b == 1) {
        not_utf8[at] = 0xff;
    }
    let cases = (cases
        .into_iter()
        .map(|(case, text)| (case, text.into_bytes())))
    .chain([("not UTF-8", not_utf8)]);
    for (case, changed) in cases {
        assert_ne!(changed, text.as_bytes(), "{case}: the document is changed");
        for size in [1, 100, changed.len()] {
            let pieces = in_pieces(&changed, size, Detail::Full);
            let whole = read_whole(&changed, Detail::Full);
            match case {
                // Put in NFC a part at a time, as reading whole puts the whole.
                "a unit's name in NFD" | "the methodology's name in NFD" => {
                    assert!(pieces.is_some() && pieces == whole, "{case}")
                }
                // Read whole whatever the order of its fields.
                "units before the tree" => assert!(pieces.is_none() && whole.is_some(), "{case}"),
                _ => assert!(
                    pieces.is_none() && whole.is_none(),
                    "{case}: pieces of {size}"
                ),
            }
        }
    }
}

/// Units keeping more text with their scores than reading in pieces keeps (warnings, or
/// components named, of any length, which a document may give) are left to reading whole, which bounds the document's
/// size; every input kept, the same units are read in pieces.
#[test]
fn units_keeping_much_text_are_left_to_reading_whole() {
    let (_, text) = documents()
        .into_iter()
        .find(|(_, t)| t.matches("\"unit\":").count() >= 2)
        .expect("a document of two units");
    let long = "x".repeat(40 << 20);
    let warnings = serde_json::json!([{"code": "missing_leaf", "message": long}]);
    let component =
        serde_json::json!({"points": "0", "points_exact": "0", "max": "1", "index": "0"});
    for (field, given) in [
        ("warnings", warnings),
        ("components", serde_json::json!({long.clone(): component})),
    ] {
        let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        for unit in 0..2 {
            value["units"][unit][field] = given.clone();
        }
        let changed = serde_json::to_string(&value).expect("JSON");
        assert!(read_whole(&changed, Detail::Scores).is_some(), "{field}");
        assert!(
            in_pieces(&changed, 1 << 20, Detail::Scores).is_none(),
            "{field}"
        );
        let full = in_pieces(&changed, 1 << 20, Detail::Full);
        assert!(
            full.is_some() && full == read_whole(&changed, Detail::Full),
            "{field}"
        );
    }
}

/// A name holding what the list of units looks like, quotes and backslashes, in the head and
/// in a unit, is read as a name.
#[test]
fn look_alikes_of_the_list_of_units_are_read_as_text() {
    let (_, text) = documents()
        .into_iter()
        .find(|(_, t)| !t.starts_with("{\"schema\"") && t.contains("\"name\": \""))
        .expect("an indented document naming its methodology");
    let tricky = r#"\"units\": [{\"unit\": \\ ],}"#;
    let changed = text
        .replacen("\"name\": \"", &format!("\"name\": \"{tricky}"), 1)
        .replacen("\"unit\": \"", &format!("\"unit\": \"{tricky}"), 1);
    assert!(read_whole(&changed, Detail::Full).is_some());
    for size in [1, 13, changed.len()] {
        let pieces = in_pieces(&changed, size, Detail::Full);
        assert!(
            pieces == read_whole(&changed, Detail::Full),
            "pieces of {size}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Cut at any places, the document reads as whole.
    #[test]
    fn cut_anywhere_a_document_reads_as_whole(
        which in any::<prop::sample::Index>(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        scores_only in any::<bool>(),
    ) {
        let detail = if scores_only { Detail::Scores } else { Detail::Full };
        let documents = documents();
        let (name, text) = &documents[which.index(documents.len())];
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(text.len() + 1)).collect();
        at.sort_unstable();
        let mut feed = ResultsFeed::new(detail);
        let mut from = 0;
        let mut read = true;
        for to in at.into_iter().chain([text.len()]) {
            read &= feed.push(&text.as_bytes()[from..to]);
            from = to;
        }
        let pieces = if read { feed.finish() } else { None };
        prop_assert!(pieces == read_whole(text, detail), "{}", name);
    }
}
