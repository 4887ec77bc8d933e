//! Methodology JSON: text → `Methodology::from_json`. A methodology that reads writes JSON that
//! reads back to the same definition and tree, and writes the same JSON again; exporting it as a
//! criteria table does not panic; scoring with it passes `par_fuzz::check_scoring`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::{import, Methodology};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(m) = Methodology::from_json(text) else {
        return;
    };
    let json = m.to_json();
    let back = Methodology::from_json(&json)
        .unwrap_or_else(|p| panic!("written methodology refused on read-back:\n{p}\n{json}"));
    assert!(back.def() == m.def(), "read-back changed the definition");
    assert!(back.tree() == m.tree(), "read-back changed the tree");
    assert!(
        back.to_json() == json,
        "second write differs from the first"
    );
    let _ = par_fuzz::to_csv(&import::export(&m));
    par_fuzz::check_scoring(&m);
});
