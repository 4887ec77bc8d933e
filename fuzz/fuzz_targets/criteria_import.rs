//! Criteria tables: CSV text → `import::import`. The input is the criteria sheet, and after each
//! form feed (`\x0c`) another sheet of the workbook, named in turn `Xếp loại`, `Khối`, `Quy tắc`
//! (the sections `import` reads from sheets of their own). An imported methodology's JSON reads
//! back as the same definition; its readings, warnings and `Imported::to_json` are written in
//! both languages without a panic; and the README's "lossless round trip" holds for what a
//! criteria table carries: `import::export` written as CSV (as `par methodology export` writes
//! it), read and imported again with the same header, gives the same definition apart from the
//! classification, blocks and policies (which the table does not carry). Scoring with it passes
//! `par_fuzz::check_scoring`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::import::{export, import, Header};
use par_core::{Lang, Methodology, Table};
use par_core::{MethodologyDef, Policies};

/// The names the sheets after the criteria sheet get, in turn.
const SHEETS: [&str; 3] = ["Xếp loại", "Khối", "Quy tắc"];

/// What a criteria table carries of a definition: all but the sections of their own.
fn tabled(def: &MethodologyDef) -> MethodologyDef {
    MethodologyDef {
        bands: Vec::new(),
        blocks: Vec::new(),
        policies: Policies::default(),
        ..def.clone()
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\x0c');
    let Some(Ok(criteria)) = parts.next().map(Table::from_csv) else {
        return;
    };
    let mut others = Vec::new();
    for (i, part) in parts.enumerate() {
        let Ok(sheet) = Table::from_csv(part) else {
            return;
        };
        others.push((SHEETS[i % SHEETS.len()].to_string(), sheet));
    }
    // The title rows give the name, the decision and its date: no name here.
    let header = Header {
        id: "fuzz".into(),
        ..Header::default()
    };
    let Ok(imported) = import(&criteria, &others, header) else {
        return;
    };
    for lang in [Lang::Vi, Lang::En] {
        let _ = imported.to_json(lang);
        let _ = imported.warning_lines(lang);
    }
    let m = &imported.methodology;
    let json = m.to_json();
    let back = Methodology::from_json(&json)
        .unwrap_or_else(|p| panic!("imported methodology's JSON refused:\n{p}\n{json}"));
    assert!(
        back.def() == m.def(),
        "JSON read-back changed the definition"
    );

    let def = m.def();
    let csv = par_fuzz::to_csv(&export(m));
    let table = Table::from_csv(&csv)
        .unwrap_or_else(|e| panic!("exported criteria table unreadable: {e}\n{csv}"));
    let same = Header {
        id: def.id.clone(),
        name: Some(def.name.clone()),
        decision: def.decision.clone(),
        date: def.date.clone(),
        level: def.level.clone(),
    };
    let again = import(&table, &[], same)
        .unwrap_or_else(|p| panic!("exported criteria table refused on import:\n{p}\n{csv}"));
    assert!(
        again.methodology.def() == &tabled(def),
        "export → import changed the methodology\n{csv}\nbefore: {:?}\nafter: {:?}",
        def,
        again.methodology.def()
    );
    par_fuzz::check_scoring(m);
});
