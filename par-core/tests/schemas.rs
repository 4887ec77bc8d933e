//! The JSON Schemas under `schemas/` are those the engine's types give (`par_core::schema`): a
//! change to a document's types changes its schema in the same commit. `PAR_BLESS=1` writes them.
//! The Python suite validates every fixture document against them with an independent validator
//! (`par-py/tests/test_schemas.py`).

use std::path::Path;

fn check(file: &str, generated: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(file);
    if std::env::var_os("PAR_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("schemas/ is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is not what the types give; run PAR_BLESS=1 cargo test -p par-core --test schemas \
         and commit it",
        path.display()
    );
}

#[test]
fn every_schema_is_the_one_its_types_give() {
    for name in par_core::schema::DOCUMENTS {
        let schema = par_core::schema::of(name).expect("a schema");
        assert!(schema.contains(&format!("\"$id\": \"{name}.schema.json\"")));
        check(&format!("{name}.schema.json"), schema);
    }
    assert_eq!(
        par_core::schema::DOCUMENTS,
        ["methodology", "assessments", "results", "problems"]
    );
    let refused = par_core::schema::of("report").expect_err("no such document");
    assert_eq!(refused.code, par_core::ErrorCode::UnknownOption);
    let vi = refused.message.render(par_core::Lang::Vi);
    assert!(
        vi.contains("“report”") && vi.contains("methodology, assessments"),
        "{vi}"
    );
}

#[test]
fn every_code_is_written_as_its_schema_names_it() {
    // `ErrorCode::as_str`, `ALL` and the wire text written are derived from the enum by strum,
    // the text read by serde, the schema by schemars: they name each code alike, and list every
    // one. So are warning codes and sources.
    let schema: serde_json::Value =
        serde_json::from_str(&par_core::schema::problems()).expect("JSON");
    let named: Vec<&str> = schema["$defs"]["ErrorCode"]["oneOf"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|code| code["const"].as_str().expect("a name"))
        .collect();
    let listed: Vec<&str> = par_core::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, named);
    for (code, name) in par_core::ErrorCode::ALL.iter().zip(&named) {
        assert_eq!(serde_json::to_value(code).expect("a code"), *name);
        let read: par_core::ErrorCode = serde_json::from_value((*name).into()).expect("read");
        assert_eq!(read, *code);
    }
    let results: serde_json::Value =
        serde_json::from_str(&par_core::schema::results()).expect("JSON");
    let kinds = results["$defs"]["WarningCode"]["oneOf"]
        .as_array()
        .expect("kinds");
    assert_eq!(kinds.len(), par_core::WarningCode::ALL.len());
    for (kind, code) in kinds.iter().zip(par_core::WarningCode::ALL) {
        assert_eq!(kind["const"], serde_json::to_value(code).expect("a kind"));
        let read: par_core::WarningCode =
            serde_json::from_value(kind["const"].clone()).expect("read");
        assert_eq!(read, *code);
    }
    // The names an enum's schema lists (`enum`, or `oneOf` with a `const` each) are written as
    // they are read.
    fn names_round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
        schema: &serde_json::Value,
    ) {
        let listed = schema["enum"].as_array().cloned().unwrap_or_else(|| {
            let kinds = schema["oneOf"].as_array().expect("names");
            kinds.iter().map(|k| k["const"].clone()).collect()
        });
        assert!(listed.len() >= 2, "{schema}");
        for name in listed {
            let read: T = serde_json::from_value(name.clone()).expect("read");
            assert_eq!(serde_json::to_value(read).expect("written"), name);
        }
    }
    let defs = &results["$defs"];
    names_round_trip::<par_core::Source>(&defs["Source"]);
    names_round_trip::<par_core::Detail>(&defs["Detail"]);
    names_round_trip::<par_core::RankOn>(&defs["RankOn"]);
    names_round_trip::<par_core::RoundingMode>(&defs["RoundingMode"]);
}
