//! Text of files as people's tools save them. Only UTF-8 (with or without a byte-order mark) is
//! read today; anything else is a coded problem that tells the person how to save the file again,
//! never an I/O error.

use crate::error::{ErrorCode, ParError};
use crate::text::ReadingMsg;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The text of a file's bytes, or a `bad_encoding` problem naming the line of the first byte
/// that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<&str, ParError> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))
}

/// [`decode`] for bytes the caller owns: the text keeps their memory (a table may be 128 MiB).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, ParError> {
    if bytes.starts_with(BYTE_ORDER_MARK) {
        bytes.drain(..BYTE_ORDER_MARK.len());
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// The problem of the byte at `at`, the first that is not UTF-8.
fn not_utf8(bytes: &[u8], at: usize) -> ParError {
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    ParError::new(
        ErrorCode::BadEncoding,
        ReadingMsg::NotUtf8 { byte: at + 1, line },
    )
    .row(line)
    .value(format!("0x{:02X}", bytes[at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_byte_order_mark_is_read() {
        assert_eq!(decode("Sở Y tế".as_bytes()).unwrap(), "Sở Y tế");
        assert_eq!(decode(b"\xEF\xBB\xBFunit").unwrap(), "unit");
    }

    #[test]
    fn windows_1258_text_is_a_problem_naming_its_line() {
        // Windows-1258 writes 'ở' as the byte 0xDE, which cannot stand alone in UTF-8.
        let bytes = b"unit,1\nS\xDE Y t\xEA,1\n";
        assert_eq!(
            decode_owned(bytes.to_vec()).unwrap_err(),
            decode(bytes).unwrap_err()
        );
        let e = decode(bytes).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadEncoding);
        assert_eq!(e.row, Some(2));
        assert_eq!(e.value.as_deref(), Some("0xDE"));
    }
}
