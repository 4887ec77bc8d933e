//! JSON reading with errors that say where and what: serde's messages are mapped to stable error
//! codes, and the path inside the document (`nodes[2].children[0].max`) becomes the error's field.

use crate::decimal::DECIMAL_MARKER;
use crate::error::{ErrorCode, ParError, Problems};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Deserialises a document, mapping the failure to a [`ParError`] with code, field path and value.
pub(crate) fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T, Problems> {
    check_size(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| map_error(e.path().to_string(), e.into_inner()))?;
    de.end()
        .map_err(|e| map_error(String::new(), e))
        .map_err(Problems::from)?;
    Ok(value)
}

/// Deserialises an already parsed value (one part of a larger document).
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ParError> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| map_error(e.path().to_string(), e.into_inner()))
}

pub(crate) fn check_size(text: &str) -> Result<(), ParError> {
    crate::limits::JSON_BYTES.check(text.len())
}

pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value, ParError> {
    check_size(text)?;
    serde_json::from_str(text).map_err(|e| map_error(String::new(), e))
}

fn map_error(path: String, e: serde_json::Error) -> ParError {
    let raw = e.to_string();
    let (code, message) = if let Some(pos) = raw.find(DECIMAL_MARKER) {
        (
            ErrorCode::BadDecimal,
            raw[pos + DECIMAL_MARKER.len()..].to_string(),
        )
    } else if raw.starts_with("unknown field") {
        (ErrorCode::UnknownField, raw.clone())
    } else if raw.starts_with("missing field") {
        (ErrorCode::MissingField, raw.clone())
    } else if raw.starts_with("invalid type") || raw.starts_with("unknown variant") {
        (ErrorCode::BadType, raw.clone())
    } else if raw.contains("recursion limit") {
        (ErrorCode::LimitExceeded, raw.clone())
    } else {
        (ErrorCode::BadJson, raw.clone())
    };
    // The number a user wrote unquoted is the offending value.
    let number = message
        .strip_prefix("got the JSON number ")
        .and_then(|rest| rest.split(';').next())
        .map(str::to_string);
    let mut err = ParError::new(code, message);
    if code == ErrorCode::LimitExceeded {
        err.limit = Some(crate::limits::JSON_DEPTH.name.to_string());
    }
    if let Some(n) = number {
        err = err.value(n);
    }
    if !path.is_empty() && path != "." {
        err = err.field(path);
    }
    err
}

/// Pretty JSON with a trailing newline. Serialising our own types cannot fail (string keys only).
pub(crate) fn to_pretty<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
