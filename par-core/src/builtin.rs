//! Built-in methodologies, embedded at compile time from `par-core/methodologies/`. Each carries
//! its decision, date, level, sources and how complete the public record lets it be.

use crate::error::{ErrorCode, ParError, Problems};
use crate::methodology::{Completeness, Methodology};
use crate::text::DefiningMsg;
use serde::{Deserialize, Serialize};

const SOURCES: [&str; 5] = [
    include_str!("../methodologies/bnv-2948-2017-province.json"),
    include_str!("../methodologies/bnv-2948-2017-ministry.json"),
    include_str!("../methodologies/bnv-876-2022-province.json"),
    include_str!("../methodologies/bnv-876-2022-ministry.json"),
    include_str!("../methodologies/camau-1880-2013-field1-excerpt.json"),
];

/// A catalogue entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuiltinInfo {
    pub id: String,
    pub name: String,
    pub decision: Option<String>,
    pub date: Option<String>,
    pub level: Option<String>,
    pub completeness: Option<Completeness>,
    pub sources: Vec<String>,
}

/// Every built-in methodology, validated. An invalid built-in is a bug caught by the test suite.
fn all() -> impl Iterator<Item = Result<Methodology, Problems>> {
    SOURCES.iter().map(|text| Methodology::from_json(text))
}

/// The catalogue, in a stable order.
pub fn list() -> Vec<BuiltinInfo> {
    all()
        .filter_map(Result::ok)
        .map(|m| {
            let d = m.def();
            BuiltinInfo {
                id: d.id.clone(),
                name: d.name.clone(),
                decision: d.decision.clone(),
                date: d.date.clone(),
                level: d.level.clone(),
                completeness: d.completeness,
                sources: d.sources.clone(),
            }
        })
        .collect()
}

/// A built-in methodology by id.
pub fn load(id: &str) -> Result<Methodology, Problems> {
    for m in all() {
        let m = m?;
        if m.id() == id {
            return Ok(m);
        }
    }
    let known: Vec<String> = list().into_iter().map(|b| b.id).collect();
    Err(ParError::new(
        ErrorCode::UnknownMethodology,
        DefiningMsg::UnknownMethodology {
            // Quoted, not whole: a portal may pass a whole document that is not JSON here.
            id: crate::error::quoted(id),
            known,
        },
    )
    .value(id)
    .into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_validates() {
        for m in super::all() {
            if let Err(e) = m {
                panic!("{e}");
            }
        }
        assert_eq!(super::list().len(), super::SOURCES.len());
    }
}
