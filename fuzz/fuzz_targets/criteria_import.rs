//! Criteria tables: CSV text → `import::import`. An imported methodology's JSON reads back as the
//! same definition, and the README's "lossless round trip" holds: `import::export` written as CSV
//! (as `par methodology export` writes it), read and imported again, gives the same definition.
//! Scoring with it passes `par_fuzz::check_scoring`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::import::{export, import, Header};
use par_core::{Methodology, Table};

fn header() -> Header {
    Header {
        id: "fuzz".into(),
        name: "fuzz".into(),
        ..Header::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(table) = Table::from_csv(text) else {
        return;
    };
    let Ok(m) = import(&table, header()) else {
        return;
    };
    let json = m.to_json();
    let back = Methodology::from_json(&json)
        .unwrap_or_else(|p| panic!("imported methodology's JSON refused:\n{p}\n{json}"));
    assert!(
        back.def() == m.def(),
        "JSON read-back changed the definition"
    );

    let csv = par_fuzz::to_csv(&export(&m));
    let table = Table::from_csv(&csv)
        .unwrap_or_else(|e| panic!("exported criteria table unreadable: {e}\n{csv}"));
    let again = import(&table, header())
        .unwrap_or_else(|p| panic!("exported criteria table refused on import:\n{p}\n{csv}"));
    assert!(
        again.def() == m.def(),
        "export → import changed the methodology\n{csv}"
    );
    par_fuzz::check_scoring(&m);
});
