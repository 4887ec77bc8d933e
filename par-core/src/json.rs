//! JSON reading with errors that say where and what: serde's messages are mapped to stable error
//! codes and to texts of the catalogue, and the path inside the document
//! (`nodes[2].children[0].max`) becomes the error's field.

use crate::decimal::{
    DECIMAL_MARKER, EXPECTING_DECIMAL, EXPECTING_SCORE_VALUE, PAYLOAD_SEPARATOR, UNQUOTED_NUMBER,
};
#[cfg(feature = "nfc")]
use crate::encoding::{is_nfc, may_change_in_nfc, nfc};
use crate::error::{Collector, ErrorCode, ParError, Problems};
use crate::text::{DecimalFault, DocumentKind, Found, JsonExpected, ReadingMsg, SyntaxFault};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::borrow::Cow;

/// A text without the byte-order mark it may begin with: Notepad saves one, and Node's
/// `readFileSync(path, 'utf8')` keeps it. (A decoded file has lost its own already.)
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether a text is a JSON object (a document, `{…}`) rather than an id or a CSV table.
pub(crate) fn is_object_text(text: &str) -> bool {
    without_bom(text).trim_start().starts_with('{')
}

/// A JSON document's text as it is read: without a byte-order mark, its strings in NFC (one text
/// for one name, however it was typed, see [`json_in_nfc`]), within
/// [`crate::limits::JSON_BYTES`] before and after (NFC may make a text up to three times longer).
fn document_text(text: &str) -> Result<Cow<'_, str>, ParError> {
    let text = without_bom(text);
    check_size(text)?;
    let text = json_in_nfc(text);
    check_size(&text)?;
    Ok(text)
}

/// A JSON text whose strings read in NFC, their escapes decoded: one text for one name, however
/// it was typed or written. Python's `json.dumps` escapes every accent, one typed apart from its
/// letter too (`\u0301`), which the text in NFC as it stands still holds apart; and a mark typed
/// right after an escape (`\n`, `\u00ea`) would join the escape's last letter (`\u00eá`), and
/// a valid document be refused. Each string that may change is therefore decoded, put in NFC
/// and written again. Nearly every document is in NFC and escapes no mark: it is looked over,
/// not copied.
#[cfg(feature = "nfc")]
pub fn json_in_nfc(text: &str) -> Cow<'_, str> {
    if is_nfc(text) && !escapes_may_compose(text, may_change_in_nfc) {
        return Cow::Borrowed(text);
    }
    let mut normal = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'"', &text.as_bytes()[at..]).map(|i| at + i) {
        // A string never closed is left as it is: the document is refused for it.
        let Some(close) = string_end(text.as_bytes(), open + 1) else {
            break;
        };
        if let Some(written) = string_in_nfc(&text[open..=close]) {
            normal.push_str(&text[copied..open]);
            normal.push_str(&written);
            copied = close + 1;
        }
        at = close + 1;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    normal.push_str(&text[copied..]);
    Cow::Owned(normal)
}

/// Without the `nfc` feature the caller gives the strings in NFC (see [`crate::nfc`]): the text as it
/// is.
#[cfg(not(feature = "nfc"))]
pub fn json_in_nfc(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

/// Where the string whose text starts at `from` ends: its closing quote.
#[cfg(feature = "nfc")]
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        match bytes[at] {
            b'"' => return Some(at),
            _ => from = at + 2, // an escape: `\"` closes nothing
        }
    }
}

/// A JSON string (`"…"`, quotes included) written again with its text in NFC, if that changes
/// it. One that does not decode (a lone surrogate, a control character) is left to the reader,
/// which refuses it.
#[cfg(feature = "nfc")]
fn string_in_nfc(string: &str) -> Option<String> {
    let inner = &string[1..string.len() - 1];
    if !inner.contains('\\') {
        // NFC makes no quote, backslash or control character: the text goes back between its
        // quotes as it is.
        return match nfc(inner) {
            Cow::Borrowed(_) => None,
            Cow::Owned(normal) => Some(format!("\"{normal}\"")),
        };
    }
    let decoded: String = serde_json::from_str(string).ok()?;
    match nfc(&decoded) {
        Cow::Borrowed(_) => None,
        Cow::Owned(normal) => serde_json::to_string(&normal).ok(),
    }
}

/// Whether a JSON text has an escape after which its string may change in NFC: an escaped
/// character NFC may change or join to another, or such a character typed right after an
/// escape, as `may_change` tells them. An escape cut short at the end (a piece of a text) may:
/// what follows it is not known. (Python escapes every letter of Vietnamese text, none of which
/// changes.)
pub fn escapes_may_compose(text: &str, may_change: impl Fn(char) -> bool) -> bool {
    memchr::memchr_iter(b'\\', text.as_bytes()).any(|at| escape_may_compose(text, at, &may_change))
}

/// Whether the escape whose backslash is at `at` may change its string in NFC (see
/// [`escapes_may_compose`]); a text read in pieces asks it of an escape cut between two.
pub fn escape_may_compose(text: &str, at: usize, may_change: impl Fn(char) -> bool) -> bool {
    let bytes = text.as_bytes();
    let (escaped, after) = match bytes.get(at + 1) {
        Some(b'u') => (escaped_character(bytes.get(at + 2..at + 6)), at + 6),
        _ => (Some(' '), at + 2),
    };
    let next = text.get(after..).map(|rest| rest.chars().next());
    match (escaped, next) {
        (Some(c), Some(next)) => may_change(c) || next.is_some_and(&may_change),
        _ => true,
    }
}

/// The character a `\u` escape's four hexadecimal digits name (a surrogate, half of one, is
/// none).
fn escaped_character(digits: Option<&[u8]>) -> Option<char> {
    let digits = std::str::from_utf8(digits?).ok()?;
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// Deserialises a document, mapping the failure to a [`ParError`] with code, field path and value.
pub(crate) fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T, Problems> {
    let text = document_text(text)?;
    let mut de = serde_json::Deserializer::from_str(text.as_ref());
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| map_error(e.path().to_string(), e.into_inner()))?;
    de.end()
        .map_err(|e| map_error(String::new(), e))
        .map_err(Problems::from)?;
    Ok(value)
}

/// A document of kind `wanted` read from its JSON text; one of another kind (results given as a
/// methodology) is refused as that, alone ([`other_document`]).
pub(crate) fn from_document_json<T: DeserializeOwned>(
    text: &str,
    wanted: DocumentKind,
) -> Result<T, Problems> {
    from_json_str(text).map_err(|e| other_document(text, wanted).map_or(e, Problems::from))
}

/// [`from_document_json`], a document that does not read told by every problem `parts` finds
/// reading its parts apart (serde stops at the first problem of a document); the first problem
/// alone where the text is no JSON, `parts` finds none, or the text is longer than
/// [`PARTS_READ_BYTES`].
pub(crate) fn from_document_json_in_parts<T: DeserializeOwned>(
    text: &str,
    wanted: DocumentKind,
    parts: impl FnOnce(serde_json::Value) -> Collector,
) -> Result<T, Problems> {
    from_json_str(text).map_err(|first| {
        if let Some(other) = other_document(text, wanted) {
            return other.into();
        }
        if text.len() > PARTS_READ_BYTES {
            return first;
        }
        let value = document_text(text).map(|text| serde_json::from_str(&text));
        let found = match value {
            Ok(Ok(value)) => parts(value),
            _ => Collector::default(),
        };
        match found.is_empty() {
            true => first,
            false => Problems {
                problems: found.into_problems(),
            },
        }
    })
}

/// The longest document read again in parts for its every problem: parsed whole as JSON values,
/// a text takes up to sixteen times its size (a list of `0,` is 32 bytes a value). A criteria
/// tree of 10,000 nodes, the most a methodology has, is about 2 MB.
const PARTS_READ_BYTES: usize = 8 * 1024 * 1024;

/// The problem with a document of another kind than `wanted` (results given where assessments
/// are read), told by its `schema`: said alone, in place of every field that kind has and this
/// one lacks. Asked once a document is refused. The schema is looked for where the engine
/// writes it, first, without reading the document again: the start of a file is enough, where a
/// file too long to read is refused (a national run's results given where its assessments are).
pub fn other_document(text: &str, wanted: DocumentKind) -> Option<ParError> {
    fn after<'t>(rest: &'t str, token: &str) -> Option<&'t str> {
        rest.trim_start().strip_prefix(token)
    }
    let rest = after(text.trim_start_matches('\u{feff}'), "{")?;
    let rest = after(after(after(rest, "\"schema\"")?, ":")?, "\"")?;
    other_kind(&rest[..rest.find('"')?], wanted)
}

/// The problem with a document whose `schema` is another of the engine's documents than `wanted`.
pub(crate) fn other_kind(schema: &str, wanted: DocumentKind) -> Option<ParError> {
    let given = DocumentKind::of_schema(schema).filter(|&k| k != wanted)?;
    let message = ReadingMsg::OtherDocument { given, wanted };
    let problem = ParError::new(ErrorCode::UnsupportedSchema, message).field("schema");
    Some(problem.value(schema))
}

/// Deserialises an already parsed value (one part of a larger document).
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ParError> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| map_error(e.path().to_string(), e.into_inner()))
}

/// White space as JSON has it between tokens (a form feed or a no-break space is none).
#[inline(always)]
pub(crate) fn is_json_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\n' | b'\t' | b'\r')
}

/// The bytes a text takes where it is written escaped: a quote or a backslash two (JSON writes
/// `\"` and `\\`, CSV `""`), a control character six (`\u0001`). Twenty units named in 16 KB of
/// quotes wrote an analysis twice the size their names' lengths counted.
pub(crate) fn escaped_len(text: &str) -> usize {
    let escaped = |&b: &u8| match b {
        b'"' | b'\\' => 1,
        0..=0x1f => 5,
        _ => 0,
    };
    text.len() + text.as_bytes().iter().map(escaped).sum::<usize>()
}

pub(crate) fn check_size(text: &str) -> Result<(), ParError> {
    crate::limits::JSON_BYTES.check(text.len())
}

/// A document read by `read` (a serde reader that may keep only parts of it as it goes), in NFC,
/// with nothing after it; a broken text is mapped to a [`ParError`].
pub(crate) fn parse_with<T>(
    text: &str,
    read: impl FnOnce(&mut serde_json::Deserializer<serde_json::de::StrRead>) -> serde_json::Result<T>,
) -> Result<T, ParError> {
    parse_seeing_text(text, |de, _| read(de))
}

/// [`parse_with`], `read` also given the text it reads (in NFC), to read parts of it itself.
pub(crate) fn parse_seeing_text<T>(
    text: &str,
    read: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead>,
        &str,
    ) -> serde_json::Result<T>,
) -> Result<T, ParError> {
    let text = document_text(text)?;
    let mut de = serde_json::Deserializer::from_str(text.as_ref());
    let read = read(&mut de, text.as_ref()).and_then(|value| de.end().map(|()| value));
    read.map_err(|e| map_error(String::new(), e))
}

fn map_error(path: String, e: serde_json::Error) -> ParError {
    let raw = e.to_string();
    // serde_json ends the text with the position when it knows it; the field path says more.
    let position = format!(" at line {} column {}", e.line(), e.column());
    let text = raw.strip_suffix(&position).unwrap_or(&raw);
    if let Some(limit) = crate::limits::Limit::named_in(text) {
        return in_field(limit.exceeded_at_least(), path);
    }
    let (code, message, value) = if let Some(payload) = decimal_payload(text) {
        payload
    } else if e.is_syntax() || e.is_eof() {
        syntax_problem(text, &e)
    } else {
        data_problem(text)
    };
    let mut err = ParError::new(code, message);
    if code == ErrorCode::LimitExceeded {
        err.limit = Some(crate::limits::JSON_DEPTH.name.to_string());
    }
    if let Some(v) = value {
        err = err.value(v);
    }
    in_field(err, path)
}

/// The problem at `path`, as serde_path_to_error writes it.
fn in_field(problem: ParError, path: String) -> ParError {
    // serde_path_to_error writes `?` where it knows no path (broken text), `.` for the root.
    match path.as_str() {
        "" | "." | "?" => problem,
        _ => problem.field(path),
    }
}

type Mapped = (ErrorCode, ReadingMsg, Option<String>);

/// A decimal the engine's own reader refused (see [`crate::decimal::DECIMAL_MARKER`]).
fn decimal_payload(text: &str) -> Option<Mapped> {
    let payload = &text[text.find(DECIMAL_MARKER)? + DECIMAL_MARKER.len()..];
    let (key, given) = payload.split_once(PAYLOAD_SEPARATOR)?;
    if key == UNQUOTED_NUMBER {
        let number = given.to_string();
        let message = ReadingMsg::NumberNotQuoted {
            number: number.clone(),
        };
        return Some((ErrorCode::BadDecimal, message, Some(number)));
    }
    let fault = DecimalFault::from_key(key)?;
    let given = crate::error::quoted(given);
    let message = ReadingMsg::BadDecimal { given, fault };
    Some((ErrorCode::BadDecimal, message, None))
}

/// Broken JSON text, at its line and column.
fn syntax_problem(text: &str, e: &serde_json::Error) -> Mapped {
    if text.contains("recursion limit") {
        let limit = &crate::limits::JSON_DEPTH;
        let message = ReadingMsg::LimitExceeded {
            given: None,
            max: limit.max,
            counted: limit.counts,
        };
        return (ErrorCode::LimitExceeded, message, None);
    }
    let fault = if e.is_eof() || text.starts_with("EOF while parsing") {
        SyntaxFault::Unfinished
    } else {
        match text {
            "expected value" | "expected ident" => SyntaxFault::ExpectedValue,
            "expected `:`" => SyntaxFault::ExpectedColon,
            "expected `,` or `]`" => SyntaxFault::ExpectedListComma,
            "expected `,` or `}`" => SyntaxFault::ExpectedObjectComma,
            "key must be a string" => SyntaxFault::KeyMustBeText,
            "trailing comma" => SyntaxFault::TrailingComma,
            "trailing characters" => SyntaxFault::TrailingCharacters,
            "invalid escape" | "invalid unicode code point" => SyntaxFault::BadEscape,
            "invalid number" | "number out of range" => SyntaxFault::BadNumber,
            t if t.starts_with("control character") => SyntaxFault::ControlCharacter,
            _ => SyntaxFault::Other,
        }
    };
    let message = ReadingMsg::JsonSyntax {
        fault,
        line: e.line(),
        column: e.column(),
    };
    (ErrorCode::BadJson, message, None)
}

/// A document of the wrong shape, as serde describes it (its wording is stable: serde's
/// `de::Error` methods write it).
fn data_problem(text: &str) -> Mapped {
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let (field, expected) = name_and_expected(rest);
        let message = ReadingMsg::UnknownField { field, expected };
        return (ErrorCode::UnknownField, message, None);
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let (given, expected) = name_and_expected(rest);
        let message = ReadingMsg::UnknownVariant {
            given: given.clone(),
            expected,
        };
        return (ErrorCode::BadType, message, Some(given));
    }
    if let Some(field) = text.strip_prefix("missing field ") {
        let field = unticked(field).to_string();
        return (
            ErrorCode::MissingField,
            ReadingMsg::MissingField { field },
            None,
        );
    }
    if let Some(field) = text.strip_prefix("duplicate field ") {
        let field = unticked(field).to_string();
        let message = ReadingMsg::FieldGivenTwice { field };
        return (ErrorCode::ConflictingInput, message, None);
    }
    if let Some((found, expected)) = text
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let (found, value) = found_kind(found);
        let message = ReadingMsg::WrongType {
            found,
            expected: expected_kind(expected),
        };
        return (ErrorCode::BadType, message, value);
    }
    if let Some((given, expected)) = text
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let (given, value) = found_kind(given);
        let message = ReadingMsg::BadValue {
            given,
            expected: expected_kind(expected),
        };
        return (ErrorCode::BadType, message, value);
    }
    if let Some((given, expected)) = text
        .strip_prefix("invalid length ")
        .and_then(|rest| rest.split_once(", expected "))
        .and_then(|(n, e)| Some((n.parse().ok()?, e)))
    {
        let message = ReadingMsg::BadLength {
            given,
            expected: expected_kind(expected),
        };
        return (ErrorCode::BadType, message, None);
    }
    let message = ReadingMsg::Unrecognised {
        detail: text.to_string(),
    };
    (ErrorCode::BadJson, message, None)
}

/// `` `name`, expected one of `a`, `b` `` → the name and the names expected.
fn name_and_expected(text: &str) -> (String, Vec<String>) {
    let (name, rest) = text.split_once(", ").unwrap_or((text, ""));
    let expected = rest
        .strip_prefix("expected ")
        .map(|list| {
            let list = list.strip_prefix("one of ").unwrap_or(list);
            list.split(", ")
                .flat_map(|item| item.split(" or "))
                .map(|item| unticked(item).to_string())
                .filter(|item| !item.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (unticked(name).to_string(), expected)
}

fn unticked(text: &str) -> &str {
    text.trim().trim_matches('`')
}

/// serde's description of a value (`integer `4``, `string "x"`, `map`) → its kind, and the
/// value itself when it names one.
fn found_kind(text: &str) -> (Found, Option<String>) {
    let value = |prefix: &str| text.strip_prefix(prefix).map(|v| unticked(v).to_string());
    if let Some(v) = value("integer ") {
        return (Found::Integer(v.clone()), Some(v));
    }
    if let Some(v) = value("floating point ") {
        return (Found::Float(v.clone()), Some(v));
    }
    if let Some(v) = value("boolean ") {
        return (Found::Boolean(v.clone()), Some(v));
    }
    if let Some(v) = text.strip_prefix("string ") {
        // Quoted as far as a problem quotes a value: the text may be megabytes.
        let v = crate::error::quoted(v.trim_matches('"'));
        return (Found::Text(format!("\"{v}\"")), Some(v));
    }
    let found = match text {
        "null" | "unit value" | "Option value" => Found::Null,
        "sequence" => Found::List,
        "map" => Found::Object,
        other => Found::Other(other.to_string()),
    };
    (found, None)
}

/// serde's description of what was expected → the catalogue's.
fn expected_kind(text: &str) -> JsonExpected {
    match text {
        "a string" | "a borrowed string" | "a character" => JsonExpected::Text,
        "a sequence" => JsonExpected::List,
        // `an object`: what the readers of objects only expect (`assessment::read_from_objects`).
        "a map" | "an object" => JsonExpected::Object,
        // An enum of objects naming their shape (a survey result): serde's `string or map` also
        // allows a unit variant's name, which no such enum of ours has.
        "map with a single key" | "string or map" => JsonExpected::OneField,
        "a boolean" => JsonExpected::Boolean,
        "u8" | "u16" | "u32" | "u64" | "usize" => JsonExpected::Count,
        t if t == EXPECTING_DECIMAL => JsonExpected::Decimal,
        t if t == EXPECTING_SCORE_VALUE => JsonExpected::ScoreValue,
        // An object whose `type` says which it is (a rule).
        t if t.starts_with("struct ") || t.starts_with("internally tagged enum ") => {
            JsonExpected::Object
        }
        other => JsonExpected::Named(other.to_string()),
    }
}

/// Pretty JSON with a trailing newline. Serialising our own types cannot fail (string keys only).
pub(crate) fn to_pretty<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// One line of JSON, for answers a program reads many times a second (a form's, on every
/// keystroke) rather than documents a person opens.
pub(crate) fn to_compact<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string(value).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(all(test, feature = "nfc"))]
mod tests {
    use super::*;

    #[test]
    fn what_python_escapes_of_vietnamese_text_is_only_looked_over() {
        // `json.dumps("Sở Nội vụ — đạt")`: every letter below U+0300 or among ạ … ỹ.
        let escaped = r#"{"unit": "S\u1edf N\u1ed9i v\u1ee5 \u2014 \u0111\u1ea1t", "a\\b": "\n"}"#;
        assert!(!escapes_may_compose(escaped, may_change_in_nfc));
        assert!(matches!(json_in_nfc(escaped), Cow::Borrowed(_)));
    }

    #[test]
    fn an_escaped_mark_or_a_mark_after_an_escape_is_put_in_nfc_as_decoded() {
        let cases = [
            // `Tế` typed apart, escaped: the marks join their letter.
            (r#"["Te\u0302\u0301"]"#, "[\"Tế\"]"),
            // A mark typed right after an escape joins the escaped letter, not the escape's
            // last digit; after `\n` it stays a mark (NFC as it stood made `\ń`, no escape).
            (
                "[\"T\\u00ea\u{301}\", \"x\\n\u{301}\"]",
                "[\"Tế\", \"x\\n\u{301}\"]",
            ),
            // A string that does not decode is left for the reader, which refuses it.
            (r#"["\ud800", "e\u0301"]"#, "[\"\\ud800\", \"é\"]"),
            // Marks that join nothing are put in their canonical order, typed or escaped.
            (r#"["a\u0316\u0334"]"#, "[\"a\u{334}\u{316}\"]"),
            ("[\"a\u{316}\\u0334\"]", "[\"a\u{334}\u{316}\"]"),
        ];
        for (given, normal) in cases {
            assert!(escapes_may_compose(given, may_change_in_nfc), "{given}");
            assert_eq!(json_in_nfc(given), normal);
        }
        // An escape cut short (the end of a piece of a text): what follows is not known.
        assert!(escapes_may_compose(r#"["a\u00"#, may_change_in_nfc));
    }
}
