//! A JSON document of many units, scored on every core (`score_json_text` cuts its list of units
//! into a part per core), gives what reading it whole gives: the same results, and the same
//! problems in the same order where units of two parts share a name or a unit has a problem.

use par_cli::files::{json_scored_on_every_core, score_json_text};
use par_core::{wire, Detail, Lang, Methodology, Scorer};
use serde_json::{json, Value};

/// The example's eight departments copied under new names, 1,200 units (about 3 MB pretty): a
/// document above the size from which it is cut into parts.
fn many_units() -> Vec<Value> {
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/so-2024.json"
    ))
    .expect("the example");
    let example: Value = serde_json::from_str(&example).expect("JSON");
    let units = example["units"].as_array().expect("units");
    (0..1_200)
        .map(|i| {
            let mut unit = units[i % units.len()].clone();
            unit["unit"] = json!(format!("Phòng {i:04}"));
            unit
        })
        .collect()
}

fn document(units: &[Value]) -> String {
    let doc = json!({"schema": "par.assessments/1", "units": units});
    serde_json::to_string_pretty(&doc).expect("writes")
}

/// How the document's parts go, cut in two (`json_parts`) as on a machine of two cores.
#[derive(Debug, PartialEq)]
enum Parts {
    /// Every part reads and they merge: scored side by side.
    Merged,
    /// Every part reads, and they do not merge (a name in two): read again in one pass.
    NotMerged,
    /// A part does not read: the document is read whole.
    NotRead,
}

fn parts_of(m: &Methodology, text: &str) -> Parts {
    let parts = par_core::json_parts(text, 2).expect("a list of units");
    assert_eq!(parts.len(), 2);
    let scored: Vec<_> = parts
        .iter()
        .map(|p| p.read(Scorer::new(m, Lang::En)))
        .collect();
    if scored.iter().any(Option::is_none) {
        return Parts::NotRead;
    }
    match Scorer::merge_in_order(scored) {
        Some(_) => Parts::Merged,
        None => Parts::NotMerged,
    }
}

/// Scored on every core, against read whole (the walk that finds every problem), its parts
/// going as `expected`.
fn scores_as_read_whole(m: &Methodology, text: &str, expected: Parts) {
    assert!(text.len() > 2 << 20, "large enough to be cut");
    assert_eq!(parts_of(m, text), expected);
    let scorer = || Scorer::new(m, Lang::En);
    let on_every_core = json_scored_on_every_core(text, &scorer);
    assert_eq!(on_every_core.is_none(), expected == Parts::NotRead);
    for detail in [Detail::Full, Detail::Scores] {
        let on_every_core = score_json_text(m, text, Lang::En, detail);
        let whole = wire::score_reporting_problems(m, text, Lang::En, detail);
        assert!(on_every_core == whole, "scored apart from read whole");
    }
}

#[test]
fn a_document_scores_on_every_core_as_read_whole() {
    let m = wire::load_methodology("camau-1880-2013-field1-excerpt").expect("built in");
    let mut units = many_units();
    scores_as_read_whole(&m, &document(&units), Parts::Merged);
    // A name in both halves: the one pass says it in its place.
    units[1_000]["unit"] = json!("Phòng 0003");
    scores_as_read_whole(&m, &document(&units), Parts::NotMerged);
    // A score above its max, near the end: scoring's problem, said in its place.
    units[1_000]["unit"] = json!("Phòng 1000");
    units[1_100]["entries"]["1.3"] = json!({"self": "7"});
    scores_as_read_whole(&m, &document(&units), Parts::Merged);
    // A score as a JSON number: the document is read whole.
    units[1_100]["entries"]["1.3"] = json!({"self": 2});
    scores_as_read_whole(&m, &document(&units), Parts::NotRead);
}
