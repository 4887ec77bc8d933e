//! Whether a text may change when put in NFC, found without normalisation tables: the scoring
//! module has none (par-core's `nfc` feature), and the package puts text in NFC with JavaScript's
//! own `normalize` instead. The native builds put every text in NFC; for a result to be the same
//! in every binding, the text that `normalize` would change must be found here, whatever the
//! character: an accent typed apart from its letter (U+0300–U+036F, the usual case, which
//! Windows-1258 files and some keyboards give), and also a sign that NFC replaces by a letter (the
//! ohm sign U+2126 becomes Ω U+03A9, the angstrom sign U+212B Å U+00C5, an em quad U+2001 an em
//! space U+2003), a compatibility ideograph, a Hangul vowel after its consonant.

/// The characters NFC may change or join to the one before: every character whose canonical
/// combining class is not 0 or whose NFC quick check is not Yes, in ranges merged across gaps of
/// at most 16 (a text with a character of a gap is normalised for nothing, which only costs time).
/// Made from the `unicode-normalization` crate the native builds normalise with; the test
/// `every_character_nfc_may_change_is_found` checks it against that crate, and names a character
/// missing from it when the crate moves to a later Unicode version. No character below U+0300 is
/// one; Vietnamese letters (U+1EA0–U+1EF9) and common punctuation (U+2002–U+20CF) fall in no range.
const CHANGED_IN_NFC: &[(char, char)] = &[
    ('\u{300}', '\u{387}'),
    ('\u{483}', '\u{487}'),
    ('\u{591}', '\u{5C9}'),
    ('\u{610}', '\u{61A}'),
    ('\u{64B}', '\u{65F}'),
    ('\u{670}', '\u{670}'),
    ('\u{6D6}', '\u{6ED}'),
    ('\u{711}', '\u{711}'),
    ('\u{730}', '\u{74A}'),
    ('\u{7EB}', '\u{7FD}'),
    ('\u{816}', '\u{82D}'),
    ('\u{859}', '\u{85B}'),
    ('\u{897}', '\u{89F}'),
    ('\u{8CA}', '\u{8FF}'),
    ('\u{93C}', '\u{93C}'),
    ('\u{94D}', '\u{95F}'),
    ('\u{9BC}', '\u{9DF}'),
    ('\u{9FE}', '\u{9FE}'),
    ('\u{A33}', '\u{A3C}'),
    ('\u{A4D}', '\u{A5E}'),
    ('\u{ABC}', '\u{ABC}'),
    ('\u{ACD}', '\u{ACD}'),
    ('\u{B3C}', '\u{B5D}'),
    ('\u{BBE}', '\u{BD7}'),
    ('\u{C3C}', '\u{C3C}'),
    ('\u{C4D}', '\u{C56}'),
    ('\u{CBC}', '\u{CD6}'),
    ('\u{D3B}', '\u{D57}'),
    ('\u{DCA}', '\u{DDF}'),
    ('\u{E38}', '\u{E4B}'),
    ('\u{EB8}', '\u{ECB}'),
    ('\u{F18}', '\u{F19}'),
    ('\u{F35}', '\u{FC6}'),
    ('\u{102E}', '\u{103A}'),
    ('\u{108D}', '\u{108D}'),
    ('\u{1161}', '\u{1175}'),
    ('\u{11A8}', '\u{11C2}'),
    ('\u{135D}', '\u{135F}'),
    ('\u{1714}', '\u{1715}'),
    ('\u{1734}', '\u{1734}'),
    ('\u{17D2}', '\u{17DD}'),
    ('\u{18A9}', '\u{18A9}'),
    ('\u{1939}', '\u{193B}'),
    ('\u{1A17}', '\u{1A18}'),
    ('\u{1A60}', '\u{1A60}'),
    ('\u{1A75}', '\u{1A7F}'),
    ('\u{1AB0}', '\u{1AF0}'),
    ('\u{1B34}', '\u{1B44}'),
    ('\u{1B6B}', '\u{1B73}'),
    ('\u{1BAA}', '\u{1BAB}'),
    ('\u{1BE6}', '\u{1BF3}'),
    ('\u{1C37}', '\u{1C37}'),
    ('\u{1CD0}', '\u{1CF9}'),
    ('\u{1DC0}', '\u{1DFF}'),
    ('\u{1F71}', '\u{1F7D}'),
    ('\u{1FBB}', '\u{2001}'),
    ('\u{20D0}', '\u{20F0}'),
    ('\u{2126}', '\u{212B}'),
    ('\u{2329}', '\u{232A}'),
    ('\u{2ADC}', '\u{2ADC}'),
    ('\u{2CEF}', '\u{2CF1}'),
    ('\u{2D7F}', '\u{2D7F}'),
    ('\u{2DE0}', '\u{2DFF}'),
    ('\u{302A}', '\u{302F}'),
    ('\u{3099}', '\u{309A}'),
    ('\u{A66F}', '\u{A67D}'),
    ('\u{A69E}', '\u{A69F}'),
    ('\u{A6F0}', '\u{A6F1}'),
    ('\u{A806}', '\u{A806}'),
    ('\u{A82C}', '\u{A82C}'),
    ('\u{A8C4}', '\u{A8C4}'),
    ('\u{A8E0}', '\u{A8F1}'),
    ('\u{A92B}', '\u{A92D}'),
    ('\u{A953}', '\u{A953}'),
    ('\u{A9B3}', '\u{A9C0}'),
    ('\u{AAB0}', '\u{AAC1}'),
    ('\u{AAF6}', '\u{AAF6}'),
    ('\u{ABED}', '\u{ABED}'),
    ('\u{F900}', '\u{FAD9}'),
    ('\u{FB1D}', '\u{FB4E}'),
    ('\u{FE20}', '\u{FE2F}'),
    ('\u{101FD}', '\u{101FD}'),
    ('\u{102E0}', '\u{102E0}'),
    ('\u{10376}', '\u{1037A}'),
    ('\u{10A0D}', '\u{10A0F}'),
    ('\u{10A38}', '\u{10A3F}'),
    ('\u{10AE5}', '\u{10AE6}'),
    ('\u{10D24}', '\u{10D27}'),
    ('\u{10D69}', '\u{10D6D}'),
    ('\u{10EAB}', '\u{10EAC}'),
    ('\u{10ECB}', '\u{10ECF}'),
    ('\u{10EF0}', '\u{10EFF}'),
    ('\u{10F46}', '\u{10F50}'),
    ('\u{10F82}', '\u{10F85}'),
    ('\u{11046}', '\u{11046}'),
    ('\u{11070}', '\u{1107F}'),
    ('\u{110B9}', '\u{110BA}'),
    ('\u{11100}', '\u{11102}'),
    ('\u{11127}', '\u{11134}'),
    ('\u{11173}', '\u{11173}'),
    ('\u{111C0}', '\u{111CA}'),
    ('\u{11235}', '\u{11236}'),
    ('\u{112E9}', '\u{112EA}'),
    ('\u{1133B}', '\u{11374}'),
    ('\u{113B8}', '\u{113D0}'),
    ('\u{11442}', '\u{11446}'),
    ('\u{1145E}', '\u{1145E}'),
    ('\u{114B0}', '\u{114C3}'),
    ('\u{115AF}', '\u{115C0}'),
    ('\u{1163F}', '\u{1163F}'),
    ('\u{116B6}', '\u{116B7}'),
    ('\u{1172B}', '\u{1172B}'),
    ('\u{11839}', '\u{1183A}'),
    ('\u{11930}', '\u{11943}'),
    ('\u{119E0}', '\u{119E0}'),
    ('\u{11A34}', '\u{11A34}'),
    ('\u{11A47}', '\u{11A47}'),
    ('\u{11A99}', '\u{11A99}'),
    ('\u{11C3F}', '\u{11C3F}'),
    ('\u{11D42}', '\u{11D45}'),
    ('\u{11D97}', '\u{11D97}'),
    ('\u{11F41}', '\u{11F42}'),
    ('\u{1611E}', '\u{1612F}'),
    ('\u{16AF0}', '\u{16AF4}'),
    ('\u{16B30}', '\u{16B36}'),
    ('\u{16D67}', '\u{16D68}'),
    ('\u{16FF0}', '\u{16FF1}'),
    ('\u{1BC9E}', '\u{1BC9E}'),
    ('\u{1D127}', '\u{1D128}'),
    ('\u{1D15E}', '\u{1D18B}'),
    ('\u{1D1AA}', '\u{1D1C0}'),
    ('\u{1D242}', '\u{1D25F}'),
    ('\u{1D280}', '\u{1D281}'),
    ('\u{1E000}', '\u{1E02A}'),
    ('\u{1E08F}', '\u{1E08F}'),
    ('\u{1E130}', '\u{1E136}'),
    ('\u{1E2AE}', '\u{1E2AE}'),
    ('\u{1E2EC}', '\u{1E2EF}'),
    ('\u{1E4EC}', '\u{1E4EF}'),
    ('\u{1E5EE}', '\u{1E5EF}'),
    ('\u{1E6E3}', '\u{1E6F5}'),
    ('\u{1E8D0}', '\u{1E8D6}'),
    ('\u{1E944}', '\u{1E94A}'),
    ('\u{2F800}', '\u{2FA1D}'),
];

/// What a half character (a lone surrogate) of a JavaScript string becomes on its way into the
/// module: U+FFFD, without a word. A text holding it is said to be one that may change, for the
/// JavaScript layer to look at it as it puts it in NFC, and refuse a half character there
/// (`wholeCharacters` in js/api.js): a text is not scanned again for one in JavaScript.
const HALF_CHARACTER_GIVEN: char = '\u{FFFD}';

/// Whether `text` may change in NFC: whether it holds a character of [`CHANGED_IN_NFC`] (or
/// [`HALF_CHARACTER_GIVEN`]). Only a byte from 0xCC up starts one (U+0300 is CC 80 in UTF-8),
/// and most of a text is passed over eight bytes at a time to the next such byte.
pub fn may_change_in_nfc(text: &str) -> bool {
    passes_over(text, bytes_from_cc, |b| b >= 0xCC, |_| false)
}

/// Whether a JSON text may change as its strings are put in NFC, as the native engines put them
/// (`par_core::json_in_nfc`): a character of [`CHANGED_IN_NFC`] typed in it, escaped in it
/// (`\u0301`), or typed right after an escape.
pub fn json_may_change_in_nfc(text: &str) -> bool {
    json_text_may_change(text, text.len())
}

/// [`json_may_change_in_nfc`] in one pass over the text, its escapes looked at only before
/// `escapes_end` (one after it is cut at the end of a piece: [`PiecesMayChange`] checks it with
/// the next). One pass, not one for the characters and one for the escapes: a national run's
/// 119 MiB are passed over eight bytes at a time once.
fn json_text_may_change(text: &str, escapes_end: usize) -> bool {
    let in_word = |word| bytes_from_cc(word) | backslashes(word);
    let escape_may_change =
        |at| at < escapes_end && par_core::escape_may_compose(text, at, changed_in_nfc);
    passes_over(
        text,
        in_word,
        |b| b >= 0xCC || b == b'\\',
        escape_may_change,
    )
}

/// Whether `text` may change, looking only at the bytes `in_word` and `is` find (see
/// [`next_byte_where`]): a backslash, by `escape_may_change` at its place; any other, the
/// character it starts, by [`CHANGED_IN_NFC`].
fn passes_over(
    text: &str,
    in_word: impl Fn(u64) -> u64,
    is: impl Fn(u8) -> bool,
    escape_may_change: impl Fn(usize) -> bool,
) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(start) = next_byte_where(bytes, at, &in_word, &is) {
        if bytes[start] == b'\\' {
            if escape_may_change(start) {
                return true;
            }
            at = start + 1;
            continue;
        }
        // Such a byte starts a character: the text there is a character's.
        let Some(c) = text.get(start..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if changed_in_nfc(c) || c == HALF_CHARACTER_GIVEN {
            return true;
        }
        at = start + c.len_utf8();
    }
    false
}

/// [`json_may_change_in_nfc`] of a JSON text given a piece at a time, an escape cut between two
/// pieces checked whole: a piece's end from a backslash that may begin an escape is kept, and
/// checked with the start of the next piece. Checked apart, a piece ending inside `\u00e3` may
/// change: every document Python wrote (its accents escaped) over a million characters was put
/// in NFC in JavaScript, in 2.5 times the time.
#[derive(Default)]
pub struct PiecesMayChange {
    carried: String,
}

impl PiecesMayChange {
    /// Whether the text may change, as far as `piece`, the next, shows.
    pub fn piece(&mut self, piece: &str) -> bool {
        let across = !self.carried.is_empty() && {
            let head_ends = piece
                .char_indices()
                .nth(12)
                .map_or(piece.len(), |(at, _)| at);
            let carried = self.carried.len();
            self.carried.push_str(&piece[..head_ends]);
            escapes_from_may_compose(&self.carried, carried)
        };
        let escapes_end = escape_at_end(piece);
        self.carried = piece[escapes_end..].to_string();
        across || json_text_may_change(piece, escapes_end)
    }

    /// Whether the escape the last piece ended with, if any, may change the text.
    pub fn at_end(&self) -> bool {
        escapes_from_may_compose(&self.carried, self.carried.len())
    }
}

/// Whether an escape whose backslash is in `text`'s first `before` bytes may change it.
fn escapes_from_may_compose(text: &str, before: usize) -> bool {
    let backslashes = text.as_bytes()[..before].iter().enumerate();
    backslashes
        .filter(|&(_, &b)| b == b'\\')
        .any(|(at, _)| par_core::escape_may_compose(text, at, changed_in_nfc))
}

/// Where the run of backslashes that may begin an escape cut at the piece's end starts: its last
/// backslash within the ten bytes an escape and the character after it take at most; else the
/// piece's length.
fn escape_at_end(piece: &str) -> usize {
    let bytes = piece.as_bytes();
    let window = bytes.len().saturating_sub(10);
    let Some(last) = bytes[window..].iter().rposition(|&b| b == b'\\') else {
        return bytes.len();
    };
    let run = bytes[..window + last]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\');
    window + last - run.count()
}

/// Where the next byte that `is` stands, from `at` on: eight bytes at a time, `in_word` giving
/// the top bit of each such byte of a word (read little-endian), then one at a time.
fn next_byte_where(
    bytes: &[u8],
    mut at: usize,
    in_word: impl Fn(u64) -> u64,
    is: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(word) = bytes.get(at..at + 8).and_then(|w| w.try_into().ok()) {
        let found = in_word(u64::from_le_bytes(word));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(|&b| is(b)).map(|i| at + i)
}

/// The top bit of the lowest byte of a word that is a backslash, and perhaps of bytes above it
/// (a borrow may mark more; the lowest is exact, which is all [`next_byte_where`] takes).
fn backslashes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let zero_where_backslash = word ^ (ONES * u64::from(b'\\'));
    zero_where_backslash.wrapping_sub(ONES) & !zero_where_backslash & TOPS
}

/// The top bit of each of the eight bytes that is 0xCC or more: its low seven bits plus 0x34
/// reach 0x80 (never carrying into the next byte), and its own top bit is set.
fn bytes_from_cc(word: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    ((word & LOW_SEVEN) + 0x3434_3434_3434_3434) & word & TOPS
}

/// Whether `c` is in [`CHANGED_IN_NFC`]; Vietnamese letters, in none, are let through first.
fn changed_in_nfc(c: char) -> bool {
    if ('\u{1E00}'..='\u{1EFF}').contains(&c) {
        return false;
    }
    let after = CHANGED_IN_NFC.partition_point(|&(_, last)| last < c);
    CHANGED_IN_NFC
        .get(after)
        .is_some_and(|&(first, _)| first <= c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    #[test]
    fn every_character_nfc_may_change_is_found() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let may_change = canonical_combining_class(c) != 0
                || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes;
            if may_change {
                assert!(changed_in_nfc(c), "U+{:04X} is missing", c as u32);
            }
            let alone = c.to_string();
            if alone.nfc().collect::<String>() != alone {
                assert!(may_change_in_nfc(&alone), "U+{:04X} alone", c as u32);
            }
        }
    }

    #[test]
    fn the_ranges_are_in_order_and_apart() {
        for pair in CHANGED_IN_NFC.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn a_character_nfc_changes_is_found_wherever_it_stands() {
        // Accents of U+0300–U+036F and signs NFC replaces, at each place in and across the
        // eight-byte words, among Vietnamese letters whose bytes come near (ạ is E1 BA A1, Đ is
        // C4 90, ồ E1 BB 93).
        let signs = [
            '\u{2126}', '\u{212B}', '\u{2001}', '\u{387}', '\u{F900}', '\u{1161}',
        ];
        for mark in ('\u{300}'..='\u{36f}').chain(signs) {
            for before in 0..17 {
                let text = format!("{}a{mark}ạĐồ", "x".repeat(before));
                assert!(may_change_in_nfc(&text), "{mark:?} after {before}");
            }
        }
    }

    #[test]
    fn vietnamese_text_and_common_signs_are_left_as_they_are() {
        for before in 0..17 {
            let text = format!(
                "{}Sở Y tế Đắk Lắk ạ ỹ Ω ß “Kết quả” – 5 ‰ … € ₫ 😀",
                "x".repeat(before)
            );
            assert!(!may_change_in_nfc(&text), "{text}");
        }
        assert!(!may_change_in_nfc(""));
    }

    #[test]
    fn a_text_in_pieces_may_change_as_the_whole_text_may_wherever_it_is_cut() {
        let texts = [
            // What Python writes of Vietnamese text: nothing changes.
            r#"{"unit": "S\u1edf N\u1ed9i v\u1ee5", "by": "H\u0110T\u0110 \\ x\n"}"#,
            // An accent escaped apart from its letter, or typed after an escape.
            r#"{"unit": "Te\u0302\u0301"}"#,
            "{\"unit\": \"T\\u00ea\u{301}\"}",
            "{\"unit\": \"x\\n\u{301}\"}",
        ];
        for text in texts {
            let whole = json_may_change_in_nfc(text);
            for cut in (1..text.len()).filter(|&at| text.is_char_boundary(at)) {
                let mut pieces = PiecesMayChange::default();
                let found = pieces.piece(&text[..cut]) || pieces.piece(&text[cut..]);
                assert_eq!(found || pieces.at_end(), whole, "{text} cut at {cut}");
            }
        }
    }
}
