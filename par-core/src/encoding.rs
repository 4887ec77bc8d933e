//! Text of files as people's tools save them. Excel on a Vietnamese Windows saves "CSV (Comma
//! delimited)" in Windows-1258, with tone marks as combining characters, and "Unicode Text" in
//! UTF-16 with tabs; "CSV UTF-8" may carry a byte-order mark; and a spreadsheet or a PDF is
//! sometimes given where a text file is expected. Each is read as what it is, or refused with a
//! problem that says what the file is and how to save it again — never an I/O error.
//!
//! Decoding gives the text as it was written (a Windows-1258 file's tone marks are combining
//! characters); the readers of tables and documents then put it in Unicode NFC ([`nfc`]), so
//! that `Sở Y tế` typed with precomposed letters and with combining marks is one name, and a
//! file, a string from a binding and a cell give the same results.

use crate::error::{ErrorCode, ParError};
use crate::text::{FileKind, ReadingMsg};
use std::borrow::Cow;
#[cfg(feature = "nfc")]
use unicode_normalization::{
    char::canonical_combining_class, is_nfc_quick, IsNormalized, UnicodeNormalization,
};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// An encoding a text file may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Vietnamese Windows' own code page ("CSV (Comma delimited)" from a Vietnamese Excel).
    Windows1258,
}

impl TextEncoding {
    /// Reads an encoding's name as people write it (`utf-8`, `UTF16`, `cp1258`, `windows-1258`).
    pub fn parse(name: &str) -> Option<TextEncoding> {
        let key: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match key.as_str() {
            "utf8" => Some(TextEncoding::Utf8),
            "utf16" | "utf16le" | "unicode" => Some(TextEncoding::Utf16Le),
            "utf16be" => Some(TextEncoding::Utf16Be),
            "windows1258" | "cp1258" | "1258" => Some(TextEncoding::Windows1258),
            _ => None,
        }
    }

    /// The encoding's name as people know it.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1258 => "Windows-1258",
        }
    }
}

/// A file's text, as written, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    pub text: String,
    pub encoding: TextEncoding,
    /// Whether the encoding was guessed (Windows-1258, the one left when the bytes are neither
    /// UTF-8 nor UTF-16): the person should know, and can name another.
    pub guessed: bool,
}

/// Reads a file's bytes as text: a file that is no text at all (a spreadsheet, a PDF) is said to
/// be what it is; then the encoding given, else the one its byte-order mark names, else UTF-8
/// when the bytes are UTF-8, else UTF-16 when its zero bytes fall as UTF-16 places them, else
/// Windows-1258 (guessed). Bytes the encoding cannot read are a `bad_encoding` problem.
pub fn read_text(bytes: Vec<u8>, given: Option<TextEncoding>) -> Result<FileText, ParError> {
    if let Some(kind) = FileKind::of(&bytes) {
        return Err(ParError::new(
            ErrorCode::UnreadableFile,
            ReadingMsg::NotText { kind },
        ));
    }
    match given {
        Some(TextEncoding::Utf8) => Ok(FileText {
            text: utf8(bytes)?,
            encoding: TextEncoding::Utf8,
            guessed: false,
        }),
        Some(encoding) => Ok(FileText {
            text: decoded(&bytes, encoding)?,
            encoding,
            guessed: false,
        }),
        None => detected(bytes),
    }
}

/// The text of bytes that need no decoding, borrowed from them: UTF-8 given, or no encoding
/// given and the bytes UTF-8 as they stand (what [`read_text`] would find), its byte-order mark
/// left out. `None` for any other bytes, which [`read_text`] decodes, or says what is wrong
/// with: the text it gives is then the same as this one.
///
/// A tool that holds a file's bytes reads a large table from this without copying it into a
/// `String` (a copy that [`read_text`] avoids too, but only after checking the bytes with the
/// standard library, several times slower on Vietnamese text than the vector check here).
pub fn utf8_text(bytes: &[u8], given: Option<TextEncoding>) -> Option<&str> {
    if !matches!(given, None | Some(TextEncoding::Utf8)) || FileKind::of(bytes).is_some() {
        return None;
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    simdutf8::basic::from_utf8(bytes).ok()
}

/// The text of bytes given no encoding, with the encoding found and whether it is a guess.
/// A UTF-8 byte-order mark says UTF-8, whatever follows; other text is checked as UTF-8 once,
/// and kept as it is when it is (no byte-order mark of UTF-16 is UTF-8).
fn detected(bytes: Vec<u8>) -> Result<FileText, ParError> {
    let utf8_text = |text| FileText {
        text,
        encoding: TextEncoding::Utf8,
        guessed: false,
    };
    if bytes.starts_with(UTF8_BOM) {
        return utf8(bytes).map(utf8_text);
    }
    let (first_not_utf8, bytes) = match String::from_utf8(bytes) {
        Ok(text) => return Ok(utf8_text(text)),
        Err(e) => (e.utf8_error().valid_up_to(), e.into_bytes()),
    };
    let utf16 = utf16_by_mark(&bytes).or_else(|| utf16_by_zeros(&bytes));
    let (encoding, guessed) = if let Some(utf16) = utf16 {
        (utf16, false)
    } else if has_a_vietnamese_line_in_utf8(&bytes) {
        // Tables put together from several files: one saved as 'CSV (Comma delimited)' among
        // others in UTF-8. Read as Windows-1258, every UTF-8 name would come out garbled.
        return Err(line_not_utf8(&bytes, first_not_utf8));
    } else {
        (TextEncoding::Windows1258, true)
    };
    Ok(FileText {
        text: decoded(&bytes, encoding)?,
        encoding,
        guessed,
    })
}

/// UTF-16 by its byte-order mark, in the byte order the mark says.
fn utf16_by_mark(bytes: &[u8]) -> Option<TextEncoding> {
    if bytes.starts_with(UTF16LE_BOM) {
        Some(TextEncoding::Utf16Le)
    } else if bytes.starts_with(UTF16BE_BOM) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// UTF-16 without a byte-order mark, recognised by its zero bytes: text that is mostly ASCII (a
/// table's digits, separators and codes) has a zero in every other byte, on the side the byte
/// order puts it. Other encodings write no zero bytes at all.
fn utf16_by_zeros(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let pairs = sample.len() / 2;
    match (even, odd) {
        (0, odd) if pairs > 0 && odd * 2 >= pairs => Some(TextEncoding::Utf16Le),
        (even, 0) if pairs > 0 && even * 2 >= pairs => Some(TextEncoding::Utf16Be),
        _ => None,
    }
}

/// UTF-8 bytes (a byte-order mark dropped) as text, keeping their memory: a table may be 128 MiB.
/// A byte that is not UTF-8 is counted from after the mark, as [`decode`] counts it.
fn utf8(bytes: Vec<u8>) -> Result<String, ParError> {
    utf8_or(bytes, not_utf8)
}

/// [`utf8`], bytes that are not UTF-8 said by `problem` (given the bytes and the place of the
/// first byte that is not).
fn utf8_or(mut bytes: Vec<u8>, problem: fn(&[u8], usize) -> ParError) -> Result<String, ParError> {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| problem(e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// Bytes in another encoding as text; its byte-order mark, if any, dropped. (Decoded here, not by
/// a general library: the two encodings take a few lines, and a library of every encoding would
/// more than double the WebAssembly package a portal downloads.)
fn decoded(bytes: &[u8], encoding: TextEncoding) -> Result<String, ParError> {
    let text = match encoding {
        TextEncoding::Utf8 => return utf8(bytes.to_vec()),
        TextEncoding::Utf16Le => utf16(
            bytes.strip_prefix(UTF16LE_BOM).unwrap_or(bytes),
            u16::from_le_bytes,
        ),
        TextEncoding::Utf16Be => utf16(
            bytes.strip_prefix(UTF16BE_BOM).unwrap_or(bytes),
            u16::from_be_bytes,
        ),
        TextEncoding::Windows1258 => windows_1258(bytes),
    };
    text.ok_or_else(|| {
        let encoding = encoding.name().to_string();
        ParError::new(
            ErrorCode::BadEncoding,
            ReadingMsg::NotInEncoding { encoding },
        )
    })
}

/// UTF-16 text in the byte order `unit` reads; `None` for an odd length or a lone surrogate.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Windows-1258 text; `None` when a byte is one the code page leaves undefined.
fn windows_1258(bytes: &[u8]) -> Option<String> {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7F => Some(char::from(b)),
            _ => WINDOWS_1258_HIGH[usize::from(b - 0x80)],
        })
        .collect()
}

/// The characters of Windows-1258's bytes 0x80–0xFF, as Microsoft maps them (its bytes below
/// 0x80 are ASCII). Vietnamese letters with a tone are written as a letter and a combining tone
/// mark (0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook above, 0xF2 dot below).
const WINDOWS_1258_HIGH: [Option<char>; 128] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    None,
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    None,
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    None,
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    None,
    Some('\u{0178}'),
    Some('\u{00A0}'),
    Some('\u{00A1}'),
    Some('\u{00A2}'),
    Some('\u{00A3}'),
    Some('\u{00A4}'),
    Some('\u{00A5}'),
    Some('\u{00A6}'),
    Some('\u{00A7}'),
    Some('\u{00A8}'),
    Some('\u{00A9}'),
    Some('\u{00AA}'),
    Some('\u{00AB}'),
    Some('\u{00AC}'),
    Some('\u{00AD}'),
    Some('\u{00AE}'),
    Some('\u{00AF}'),
    Some('\u{00B0}'),
    Some('\u{00B1}'),
    Some('\u{00B2}'),
    Some('\u{00B3}'),
    Some('\u{00B4}'),
    Some('\u{00B5}'),
    Some('\u{00B6}'),
    Some('\u{00B7}'),
    Some('\u{00B8}'),
    Some('\u{00B9}'),
    Some('\u{00BA}'),
    Some('\u{00BB}'),
    Some('\u{00BC}'),
    Some('\u{00BD}'),
    Some('\u{00BE}'),
    Some('\u{00BF}'),
    Some('\u{00C0}'),
    Some('\u{00C1}'),
    Some('\u{00C2}'),
    Some('\u{0102}'),
    Some('\u{00C4}'),
    Some('\u{00C5}'),
    Some('\u{00C6}'),
    Some('\u{00C7}'),
    Some('\u{00C8}'),
    Some('\u{00C9}'),
    Some('\u{00CA}'),
    Some('\u{00CB}'),
    Some('\u{0300}'),
    Some('\u{00CD}'),
    Some('\u{00CE}'),
    Some('\u{00CF}'),
    Some('\u{0110}'),
    Some('\u{00D1}'),
    Some('\u{0309}'),
    Some('\u{00D3}'),
    Some('\u{00D4}'),
    Some('\u{01A0}'),
    Some('\u{00D6}'),
    Some('\u{00D7}'),
    Some('\u{00D8}'),
    Some('\u{00D9}'),
    Some('\u{00DA}'),
    Some('\u{00DB}'),
    Some('\u{00DC}'),
    Some('\u{01AF}'),
    Some('\u{0303}'),
    Some('\u{00DF}'),
    Some('\u{00E0}'),
    Some('\u{00E1}'),
    Some('\u{00E2}'),
    Some('\u{0103}'),
    Some('\u{00E4}'),
    Some('\u{00E5}'),
    Some('\u{00E6}'),
    Some('\u{00E7}'),
    Some('\u{00E8}'),
    Some('\u{00E9}'),
    Some('\u{00EA}'),
    Some('\u{00EB}'),
    Some('\u{0301}'),
    Some('\u{00ED}'),
    Some('\u{00EE}'),
    Some('\u{00EF}'),
    Some('\u{0111}'),
    Some('\u{00F1}'),
    Some('\u{0323}'),
    Some('\u{00F3}'),
    Some('\u{00F4}'),
    Some('\u{01A1}'),
    Some('\u{00F6}'),
    Some('\u{00F7}'),
    Some('\u{00F8}'),
    Some('\u{00F9}'),
    Some('\u{00FA}'),
    Some('\u{00FB}'),
    Some('\u{00FC}'),
    Some('\u{01B0}'),
    Some('\u{20AB}'),
    Some('\u{00FF}'),
];

/// The text of a file's bytes in UTF-8 (with or without a byte-order mark), or a problem: a
/// file that is no text is said to be what it is, else `bad_encoding` names the line of the
/// first byte that is not UTF-8. For text that must be UTF-8 (JSON); [`read_text`] reads the
/// other encodings of tables. UTF-16 that says so by its byte-order mark (Notepad's "Unicode",
/// a JSON file saved again by hand) is read too: no other encoding starts so.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, ParError> {
    if let Some(kind) = FileKind::of(&bytes) {
        return Err(ParError::new(
            ErrorCode::UnreadableFile,
            ReadingMsg::NotText { kind },
        ));
    }
    if let Some(encoding) = utf16_by_mark(&bytes) {
        // A character cut in two (a file cut short, a lone half of a pair): JSON is told to be
        // saved as UTF-8, not as a table's 'CSV UTF-8'.
        return decoded(&bytes, encoding).map_err(|_| {
            let encoding = encoding.name().to_string();
            ParError::new(
                ErrorCode::BadEncoding,
                ReadingMsg::JsonNotInEncoding { encoding },
            )
        });
    }
    utf8_or(bytes, json_not_utf8)
}

/// The problem of the byte at `at`, the first that is not UTF-8, in a table: its row.
fn not_utf8(bytes: &[u8], at: usize) -> ParError {
    byte_not_utf8(bytes, at, |byte, line| ReadingMsg::NotUtf8 { byte, line })
}

/// The problem of a UTF-8 text with a line in another encoding, at the byte `at`.
fn line_not_utf8(bytes: &[u8], at: usize) -> ParError {
    byte_not_utf8(bytes, at, |byte, line| ReadingMsg::LineNotUtf8 {
        byte,
        line,
    })
}

/// The problem of the byte at `at` of a table, said by `message` of the byte's place (from 1)
/// and its line, the table's row.
fn byte_not_utf8(bytes: &[u8], at: usize, message: fn(usize, usize) -> ReadingMsg) -> ParError {
    let line = line_of(bytes, at);
    ParError::new(ErrorCode::BadEncoding, message(at + 1, line))
        .row(line)
        .value(format!("0x{:02X}", bytes[at]))
}

/// Whether a line of the bytes is UTF-8 writing a Vietnamese letter: a letter with its tone
/// mark (`ạ`…`ỹ`, U+1EA0–U+1EF9, three bytes from `E1 BA` or `E1 BB`), or `ơ`, `ư`, `đ` (two
/// bytes). In Windows-1258 those bytes are a letter and punctuation (`á»”`, the `á` of a word
/// closed by `»` then a quote), which may happen; a whole line valid as UTF-8 beside them does
/// not, its tone marks being bytes no UTF-8 character is written with.
fn has_a_vietnamese_line_in_utf8(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .any(|line| writes_vietnamese_letters(line) && std::str::from_utf8(line).is_ok())
}

/// Whether the bytes hold a Vietnamese letter as UTF-8 writes it (see
/// [`has_a_vietnamese_line_in_utf8`]).
fn writes_vietnamese_letters(bytes: &[u8]) -> bool {
    let continues = |b: &u8| (0x80..=0xBF).contains(b);
    let letter = |at: usize| match bytes.get(at..) {
        Some([0xE1, 0xBA | 0xBB, third, ..]) => continues(third),
        Some([0xC6, 0xA0 | 0xA1 | 0xAF | 0xB0, ..] | [0xC4, 0x90 | 0x91, ..]) => true,
        _ => false,
    };
    memchr::memchr3_iter(0xE1, 0xC6, 0xC4, bytes).any(letter)
}

/// [`not_utf8`] in JSON, which has lines, not rows, and is never saved as 'CSV UTF-8'.
fn json_not_utf8(bytes: &[u8], at: usize) -> ParError {
    let line = line_of(bytes, at);
    ParError::new(
        ErrorCode::BadEncoding,
        ReadingMsg::JsonNotUtf8 { byte: at + 1, line },
    )
    .value(format!("0x{:02X}", bytes[at]))
}

/// The line (from 1) of the byte at `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

/// Text in Unicode NFC: a letter typed with combining marks (`ơ` + U+0309) becomes the one
/// precomposed letter (`ở`) other keyboards type, so the same name is the same text. Text already
/// in NFC (all ASCII, most of it) is borrowed, not copied.
#[cfg(feature = "nfc")]
pub fn nfc(text: &str) -> Cow<'_, str> {
    // ASCII is always NFC, and is what most inputs are (codes, decimal text): checked a word at a
    // time, without decoding characters; a national run checks millions.
    if text.is_ascii() || !may_compose(text) {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        // Compared as it is normalised, without a copy: a text normalised before (a document
        // read in parts, then whole) is not copied again, and text NFC makes longer (up to three
        // times) is held once.
        IsNormalized::Maybe if unicode_normalization::is_nfc(text) => Cow::Borrowed(text),
        _ => {
            // Room for the normalised text exactly, measured first: a text grown by doubling
            // would hold up to twice it.
            let mut normal = String::with_capacity(text.nfc().map(char::len_utf8).sum());
            normal.extend(text.nfc());
            Cow::Owned(normal)
        }
    }
}

/// Whether [`nfc`] would give the text as it is, found without normalising it: a table typed
/// with combining accents is normalised once, not once more for each question.
#[cfg(feature = "nfc")]
pub fn is_nfc(text: &str) -> bool {
    text.is_ascii() || !may_compose(text) || unicode_normalization::is_nfc(text)
}

/// Whether NFC may change a character, join it to the one before, or move it before the one
/// before: not for a starter in NFC whatever comes before it (its quick check says so: a
/// letter, a sign, a precomposed letter), nor for one below U+0300 or among ạ … ỹ, which never
/// are, looked up first. A mark that joins nothing is still put in its canonical order among
/// the marks beside it (U+0334 before U+0316).
#[cfg(feature = "nfc")]
pub(crate) fn may_change_in_nfc(c: char) -> bool {
    let never = c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c);
    !never
        && (canonical_combining_class(c) != 0
            || !matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes))
}

/// Whether a text holds a character that NFC might change. Characters below U+0300 (ASCII,
/// Latin-1, đ, ă, ơ, ư) and the precomposed letters of Latin Extended Additional (U+1E00–U+1EFF:
/// ạ, ả, ấ … ỹ) never do, and they are all Vietnamese text is made of once composed; others are
/// asked of the full quick check. A national table is checked in a fraction of the time the
/// quick check alone takes.
#[cfg(feature = "nfc")]
fn may_compose(text: &str) -> bool {
    // A character from U+0300 up begins with a byte from 0xCC up, and no other byte is that
    // high (continuation bytes are below 0xC0): the bytes are searched, and only those
    // characters decoded.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = next_byte_from_cc(bytes, from) {
        // Ạ … ỹ (U+1E00–U+1EFF: E1 B8 80 to E1 BB BF), most of Vietnamese text's accented
        // letters, are passed over without being decoded.
        if bytes.get(at) == Some(&0xE1) && matches!(bytes.get(at + 1), Some(0xB8..=0xBB)) {
            from = at + 3;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
            return true; // not reached: the search stops at the start of a character
        };
        // A mark that composes with nothing may still stand out of canonical order.
        if canonical_combining_class(c) != 0
            || !matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes)
        {
            return true;
        }
        from = at + c.len_utf8();
    }
    false
}

/// The position of the first byte from 0xCC up at or after `from`. Most of a table is ASCII
/// and Vietnamese letters below U+0300: blocks of 32 bytes without such a byte are passed over
/// whole, their largest byte found in a way the compiler turns into vector instructions.
#[cfg(feature = "nfc")]
fn next_byte_from_cc(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let rest = bytes.get(from..)?;
    let mut blocks = rest.chunks_exact(BLOCK);
    let passed = blocks
        .by_ref()
        .take_while(|b| b.iter().fold(0, |m, &x| m.max(x)) < 0xCC);
    let skipped = passed.count() * BLOCK;
    let found = rest.get(skipped..)?.iter().position(|&b| b >= 0xCC)?;
    Some(from + skipped + found)
}

/// Without the `nfc` feature the text is given in NFC already: the WebAssembly package puts the
/// texts it passes in in NFC with JavaScript's own `String.prototype.normalize` (a large text
/// after the module has found an accent typed apart from its letter in it).
#[cfg(not(feature = "nfc"))]
pub fn nfc(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

/// Without the `nfc` feature every text is taken to be in NFC (see [`nfc`]).
#[cfg(not(feature = "nfc"))]
pub fn is_nfc(_text: &str) -> bool {
    true
}

/// [`nfc`] of an owned text (a `String`, a table cell's `CompactString`), kept as it is when
/// already in NFC.
pub fn nfc_owned<S: AsRef<str> + From<String>>(text: S) -> S {
    match nfc(text.as_ref()) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normal) => normal.into(),
    }
}

impl FileKind {
    /// What a file that is no text is, from its first bytes.
    pub fn of(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(b"PK\x03\x04") {
            Some(FileKind::Zip)
        } else if bytes.starts_with(b"%PDF") {
            Some(FileKind::Pdf)
        } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            Some(FileKind::OldOffice)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "Sở Y tế";

    #[cfg(feature = "nfc")]
    proptest::proptest! {
        /// Whatever text the byte search passes over, it is in NFC: the answer is the full
        /// normalisation's, for text of Vietnamese letters, combining marks and other scripts,
        /// after ASCII of any length (the search passes over blocks of 32 bytes).
        #[test]
        fn nfc_is_the_full_normalisation(
            ascii in 0usize..70,
            text in "[a-zđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ\u{300}-\u{36f}\u{1100}-\u{1175}\u{ac00}-\u{ac10}Å Ω,;]{0,40}",
        ) {
            let text = format!("{}{text}", "x".repeat(ascii));
            let full: String = text.nfc().collect();
            let fast = nfc(&text);
            proptest::prop_assert_eq!(fast.as_ref(), full.as_str());
            proptest::prop_assert_eq!(is_nfc(&text), full == text);
        }
    }

    proptest::proptest! {
        /// The text borrowed from bytes that need no decoding is the text reading them gives, in
        /// UTF-8, not guessed; bytes it refuses are read otherwise or refused (bytes of UTF-8,
        /// of Windows-1258 and UTF-16, a byte-order mark, a zip's signature, cut anywhere).
        #[test]
        fn utf8_text_is_what_reading_gives(
            bom in proptest::bool::ANY,
            text in "[a-zơưạảấđ ,;\n]{0,40}",
            other in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..8),
            cut in 0usize..60,
        ) {
            let mut bytes = if bom { UTF8_BOM.to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            bytes.extend_from_slice(&other);
            bytes.truncate(cut);
            let read = read_text(bytes.clone(), None);
            match utf8_text(&bytes, None) {
                Some(borrowed) => {
                    let read = read.expect("readable");
                    proptest::prop_assert_eq!(borrowed, read.text.as_str());
                    proptest::prop_assert_eq!((read.encoding, read.guessed), (TextEncoding::Utf8, false));
                }
                None => proptest::prop_assert!(read.map_or(true, |t| t.encoding != TextEncoding::Utf8)),
            }
        }
    }

    #[test]
    fn utf8_text_borrows_only_text_that_needs_no_decoding() {
        assert_eq!(utf8_text(NAME.as_bytes(), None), Some(NAME));
        assert_eq!(
            utf8_text(b"\xEF\xBB\xBFunit", Some(TextEncoding::Utf8)),
            Some("unit")
        );
        // Another encoding named, even for ASCII, is decoded as named.
        assert_eq!(utf8_text(b"unit", Some(TextEncoding::Windows1258)), None);
        assert_eq!(utf8_text(b"S\xF5\xD2 Y t\xEA\xEC", None), None);
        assert_eq!(utf8_text(b"\xFF\xFEu\0", None), None);
        // A workbook is no text, whatever its bytes.
        assert_eq!(utf8_text(b"PK\x03\x04unit", None), None);
    }

    fn read(bytes: &[u8]) -> FileText {
        read_text(bytes.to_vec(), None).expect("readable")
    }

    #[test]
    fn a_utf8_byte_order_mark_before_bytes_that_are_not_utf8_is_no_guess_of_another_encoding() {
        let mut bytes = b"\xEF\xBB\xBFunit\nS\xF5".to_vec();
        let refused = read_text(bytes.clone(), None).expect_err("not UTF-8");
        assert_eq!(refused.code, ErrorCode::BadEncoding);
        assert_eq!(refused.value.as_deref(), Some("0xF5"));
        // Counted from after the mark, the same with the encoding given.
        assert_eq!(
            refused.message,
            read_text(bytes.clone(), Some(TextEncoding::Utf8))
                .expect_err("")
                .message
        );
        bytes.drain(..3);
        assert_eq!(
            read_text(bytes, None).expect("guessed").encoding,
            TextEncoding::Windows1258
        );
    }

    #[test]
    fn utf8_with_or_without_a_byte_order_mark_is_read() {
        assert_eq!(decode_owned(NAME.as_bytes().to_vec()).unwrap(), NAME);
        assert_eq!(decode_owned(b"\xEF\xBB\xBFunit".to_vec()).unwrap(), "unit");
        // Notepad's "Unicode": UTF-16 with its byte-order mark, either byte order.
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(NAME.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_owned(utf16le).unwrap(), NAME);
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(NAME.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_owned(utf16be).unwrap(), NAME);
        let t = read(b"\xEF\xBB\xBFunit");
        assert_eq!(
            (t.text.as_str(), t.encoding, t.guessed),
            ("unit", TextEncoding::Utf8, false)
        );
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn windows_1258_is_read_with_its_combining_marks_composed_and_said_to_be_a_guess() {
        // "Sở Y tế" as a Vietnamese Excel saves it: S, o-horn (0xF5), hook above (0xD2), …,
        // e-circumflex (0xEA), acute (0xEC).
        let t = read(b"unit,1\nS\xF5\xD2 Y t\xEA\xEC,1\n");
        assert_eq!(nfc(&t.text), format!("unit,1\n{NAME},1\n"));
        assert_eq!((t.encoding, t.guessed), (TextEncoding::Windows1258, true));
        // The same bytes must be UTF-8 where UTF-8 is required.
        let e = decode_owned(b"unit,1\nS\xF5\xD2 Y t\xEA\xEC,1\n".to_vec()).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadEncoding);
        let said = ReadingMsg::JsonNotUtf8 { byte: 9, line: 2 };
        assert_eq!((*e.message, e.row), (crate::text::Msg::Reading(said), None));
        assert_eq!(e.value.as_deref(), Some("0xF5"));
    }

    #[test]
    fn a_utf8_table_with_a_line_in_windows_1258_names_the_line() {
        // Three departments' rows put together: two saved as 'CSV UTF-8', one as 'CSV (Comma
        // delimited)' (`Sở Tư pháp` in Windows-1258) between them, or first.
        let cp1258: &[u8] = b"S\xF5\xD2 T\xFD ph\xE1p,1.3,2\n";
        let utf8 = format!("{NAME},1.3,2\n");
        let header: &[u8] = b"unit,code,self\n";
        let between = [header, utf8.as_bytes(), cp1258, utf8.as_bytes()].concat();
        let first = [header, cp1258, utf8.as_bytes()].concat();
        for (bytes, line) in [(between, 3), (first, 2)] {
            let e = read_text(bytes, None).unwrap_err();
            assert_eq!((e.code, e.row), (ErrorCode::BadEncoding, Some(line)));
            assert!(matches!(
                *e.message,
                crate::text::Msg::Reading(ReadingMsg::LineNotUtf8 { line: l, .. }) if l == line
            ));
        }
        // Windows-1258 throughout is read: `Đ`, `ơ`, `á` and `ư` beside punctuation, and a word
        // ending in `á` closed by `»` and a quote, bytes UTF-8 writes `ổ` with.
        for bytes in [
            &b"unit,code,self\n\xD0\xF5n v\xF2\xEC \xE1 \x93\xFD\x94,1.3,2\n"[..],
            b"unit,code,reason\nS\xF5\xD2 Y t\xEA\xEC,1.3,\x93Thi\xEA\xECu \xABgi\xE1\xBB\x94\n",
        ] {
            let text = read(bytes);
            assert_eq!(
                (text.encoding, text.guessed),
                (TextEncoding::Windows1258, true)
            );
        }
    }

    #[test]
    fn json_in_utf16_with_a_character_cut_is_told_to_be_saved_as_utf8() {
        let json: Vec<u8> = "{\"schema\": \"par.assessments/1\"}"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let lone_half = [UTF16LE_BOM, &json, &0xD800u16.to_le_bytes()].concat();
        let cut_short = [UTF16LE_BOM, &json, b"\n"].concat();
        for bytes in [lone_half, cut_short] {
            let e = decode_owned(bytes).unwrap_err();
            let encoding = TextEncoding::Utf16Le.name().to_string();
            let said = ReadingMsg::JsonNotInEncoding { encoding };
            assert_eq!(*e.message, crate::text::Msg::Reading(said));
            assert!(!e.message(crate::Lang::Vi).contains("CSV"));
        }
    }

    #[test]
    fn utf16_is_read_by_its_byte_order_mark_or_its_zero_bytes() {
        let text = format!("unit\t1\n{NAME}\t1\n");
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let with_bom = [UTF16LE_BOM, &le].concat();
        assert_eq!(read(&with_bom).text, text);
        assert_eq!(read(&le).encoding, TextEncoding::Utf16Le);
        assert_eq!(read(&le).text, text);
        assert_eq!(read(&[UTF16BE_BOM, &be].concat()).text, text);
        assert_eq!(read(&be).encoding, TextEncoding::Utf16Be);
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn the_encoding_given_is_the_one_read() {
        let t = read_text(b"S\xF5\xD2".to_vec(), Some(TextEncoding::Windows1258)).unwrap();
        assert_eq!((nfc(&t.text).as_ref(), t.guessed), ("Sở", false));
        let e = read_text(b"S\xF5\xD2".to_vec(), Some(TextEncoding::Utf8)).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadEncoding);
        assert_eq!(
            TextEncoding::parse("CP-1258"),
            Some(TextEncoding::Windows1258)
        );
        assert_eq!(TextEncoding::parse("utf8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::parse("latin1"), None);
    }

    #[test]
    fn a_spreadsheet_or_a_pdf_given_as_text_is_said_to_be_one() {
        for (bytes, kind) in [
            (&b"PK\x03\x04rest"[..], FileKind::Zip),
            (b"%PDF-1.7", FileKind::Pdf),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", FileKind::OldOffice),
        ] {
            let e = read_text(bytes.to_vec(), None).unwrap_err();
            assert_eq!(e.code, ErrorCode::UnreadableFile);
            assert_eq!(*e.message, ReadingMsg::NotText { kind }.into());
            assert_eq!(
                decode_owned(bytes.to_vec()).unwrap_err().code,
                ErrorCode::UnreadableFile
            );
        }
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn text_typed_with_combining_marks_is_the_precomposed_text() {
        let decomposed = "So\u{31b}\u{309} Y te\u{302}\u{301}";
        assert_ne!(decomposed, NAME);
        assert_eq!(nfc(decomposed), NAME);
        assert!(matches!(nfc("unit,1.1.1"), Cow::Borrowed(_)));
        assert_eq!(
            read(decomposed.as_bytes()).text,
            decomposed,
            "decoded as written"
        );
        assert!(
            matches!(nfc(NAME), Cow::Borrowed(_)),
            "Vietnamese letters are NFC already"
        );
    }
}
