//! Memory the results of a run hold.

use par_core::{Entry, InputValue, Lang, Scorer, UnitAssessment};
use std::sync::Arc;

/// Units that enter nothing are warned of each criterion left blank, in the same words for
/// every unit: the words are held once, not once per unit (a 4 MB document of 99,000 such units
/// held 356 MB of results, a third of it the same texts again).
#[test]
fn the_same_warning_of_many_units_is_held_once() {
    let m = par_core::builtin("camau-1880-2013-field1-excerpt").unwrap();
    let mut scorer = Scorer::new(&m, Lang::Vi);
    for i in 0..3 {
        scorer.add(UnitAssessment {
            unit: format!("Xã {i}"),
            block: None,
            entries: Default::default(),
        });
    }
    let results = scorer.finish().unwrap();
    let (first, last) = (&results.units[0], &results.units[2]);
    assert!(
        first.warnings.len() > 5,
        "each blank criterion is warned of"
    );
    assert_eq!(first.warnings, last.warnings);
    let mut shared = first.warnings.iter().zip(&last.warnings);
    assert!(shared.all(|(a, b)| Arc::ptr_eq(&a.message, &b.message)));
}

/// Texts said of one unit alone (its own points) do not keep the common ones from being shared
/// once many have been said.
#[test]
fn texts_said_once_do_not_keep_common_ones_from_being_shared() {
    // A self-score never appraised counts nothing, warned of with its points: a text per unit.
    let bench = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bench/national-commune-100.json"
    );
    let mut definition: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(bench).unwrap()).unwrap();
    definition["policies"] = serde_json::json!({ "unappraised_self": "zero" });
    let m = par_core::wire::load_methodology(&definition.to_string()).unwrap();
    let mut scorer = Scorer::new(&m, Lang::Vi);
    for i in 0..12_000 {
        let entry = Entry {
            self_score: Some(InputValue::Text(format!("0.{i:04}").into())),
            ..Entry::default()
        };
        scorer.add(UnitAssessment {
            unit: format!("U{i}"),
            block: None,
            entries: [("1.1.1".into(), entry)].into_iter().collect(),
        });
    }
    for i in 0..2 {
        scorer.add(UnitAssessment {
            unit: format!("Xã {i}"),
            block: None,
            entries: Default::default(),
        });
    }
    let results = match scorer.finish() {
        Ok(results) => results,
        Err(refused) => panic!("{}", refused.lines(Lang::En)),
    };
    let [.., first, last] = &results.units[..] else {
        panic!("units scored")
    };
    let mut shared = first.warnings.iter().zip(&last.warnings);
    assert!(shared.all(|(a, b)| Arc::ptr_eq(&a.message, &b.message)));
}
