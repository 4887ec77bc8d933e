//! The importer of criteria annexes and tables (the `importer` feature): a module of its own, loaded
//! only by pages that import a criteria table. It answers with the methodology's JSON, which the
//! scoring module then loads.

use crate::{in_language, wire};
use wasm_bindgen::prelude::*;

/// Imports a criteria annex or table given as CSV text: `{"methodology", "rows", "warnings"}`
/// JSON. The header is what the person says of the methodology (`id`, and optionally `name`,
/// `decision`, `date`, `level`); the annex's title rows give the rest.
#[wasm_bindgen(js_name = importTableJson)]
#[allow(clippy::too_many_arguments)]
pub fn import_table_json(
    csv: &str,
    id: String,
    name: Option<String>,
    decision: Option<String>,
    date: Option<String>,
    level: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    let header = par_core::import::Header {
        id,
        name,
        decision,
        date,
        level,
    };
    in_language(lang, env, |lang| wire::import_csv(csv, header, lang))
}
