//! What the integration tests share: the fixture cases' files.

use par_core::Methodology;
use std::path::Path;

/// A file of a fixture case (`fixtures/cases/<case>/<name>`) as text.
pub fn case_file(case: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/cases")
        .join(case)
        .join(name);
    std::fs::read_to_string(path).expect("readable")
}

/// A fixture case's methodology, validated.
pub fn case_methodology(case: &str) -> Methodology {
    Methodology::from_json(&case_file(case, "methodology.json")).expect("valid")
}
