//! What the unit tests of the report's sheets and charts share.

use par_core::{Lang, Results};

/// The results of `units` (each a unit's `par.assessments/1` JSON object) scored on
/// `methodology`, read back as a report reads them.
pub(crate) fn scored(methodology: &str, units: &[String]) -> Results {
    let assessments = format!(
        r#"{{"schema": "par.assessments/1", "units": [{}]}}"#,
        units.join(",")
    );
    let json = par_core::wire::score(methodology, &assessments, Lang::En).expect("scores");
    Results::from_json(&json).expect("reads")
}
