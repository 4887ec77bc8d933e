//! Memory the results of a run hold.

use par_core::{Lang, Scorer, UnitAssessment};
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
