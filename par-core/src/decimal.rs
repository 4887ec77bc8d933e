//! Decimal handling: strict parsing of decimal strings (the wire never carries JSON numbers for
//! amounts), the rounding policy, and fixed-scale formatting. No floating point anywhere.

use crate::error::{ErrorCode, ParError};
use crate::text::{DecimalFault, Msg, ReadingMsg};
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::cmp::Ordering;

/// At most this many significant digits in any decimal input (rust_decimal holds 28 exactly).
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;
/// Amounts are bounded so that sums over the largest allowed inputs cannot overflow.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000;

/// Parses a decimal written with `.` as the decimal point (`"9.42"`, `"-0.5"`, `"100"`).
pub fn parse_decimal(text: &str) -> Result<Decimal, ParError> {
    parse_with_separator(text, false)
}

/// Parses a decimal from a spreadsheet cell, where Vietnamese locales write `86,14`.
/// Either `.` or `,` is accepted as the decimal point, but not both in one cell.
pub fn parse_decimal_cell(text: &str) -> Result<Decimal, ParError> {
    parse_with_separator(text, true)
}

fn parse_with_separator(text: &str, comma_allowed: bool) -> Result<Decimal, ParError> {
    match parse_plain(text) {
        Some(value) => Ok(value),
        None => parse_checked(text, comma_allowed),
    }
}

/// Validates the text (one separator, digits, a leading sign, at most 28 significant digits,
/// magnitude below 10^12) and parses it. Kept out of line: the plain case stays small.
#[cold]
#[inline(never)]
fn parse_checked(text: &str, comma_allowed: bool) -> Result<Decimal, ParError> {
    let bad = |fault: DecimalFault| {
        let given = crate::error::quoted(text);
        ParError::new(
            ErrorCode::BadDecimal,
            ReadingMsg::BadDecimal { given, fault },
        )
        .value(text)
    };
    let trimmed = text.trim();
    // What a cell (an input typed as a table's cell is) shows, where a copy from a web page left
    // a character that shows nothing in it (`0` and `.5` around a zero-width space): read, or
    // refused, as the person reads it. A methodology's amounts are read strictly.
    let shown = comma_allowed
        .then(|| crate::names::without_what_takes_no_room(trimmed))
        .flatten();
    if let Some(shown) = shown {
        return parse_with_separator(&shown, comma_allowed).map_err(|e| e.value(text));
    }
    if trimmed.is_empty() {
        return Err(bad(DecimalFault::Empty));
    }
    if let Some(fault) = spreadsheet_fault(trimmed) {
        return Err(bad(fault));
    }
    let normalised: String;
    let body = if comma_allowed && trimmed.contains(',') {
        if trimmed.contains('.') {
            return Err(bad(DecimalFault::BothSeparators));
        }
        normalised = trimmed.replacen(',', ".", 1);
        normalised.as_str()
    } else {
        trimmed
    };
    let digits = body.strip_prefix(['-', '+']).unwrap_or(body);
    let mut seen_point = false;
    let mut seen_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_point => seen_point = true,
            _ => {
                let fault = if c == ',' {
                    DecimalFault::CommaNotAllowed
                } else {
                    DecimalFault::NotDigits
                };
                return Err(bad(fault));
            }
        }
    }
    if !seen_digit {
        return Err(bad(DecimalFault::NoDigits));
    }
    let significant = digits
        .chars()
        .filter(|c| c.is_ascii_digit())
        .skip_while(|c| *c == '0')
        .count();
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(bad(DecimalFault::TooManyDigits));
    }
    // rust_decimal keeps at most 28 places and would round the rest away without a word
    // (1e-29 becomes 0).
    let places = digits.split_once('.').map_or(0, |(_, f)| f.len());
    if places > MAX_SIGNIFICANT_DIGITS {
        return Err(bad(DecimalFault::TooManyPlaces));
    }
    // Read exactly (the text is checked to need no rounding), and not by `FromStr`, which also
    // reads `1e5` (ruled out above) with 3 KiB of WebAssembly of its own.
    let value = Decimal::from_str_exact(body).map_err(|_| bad(DecimalFault::Unrepresentable))?;
    if value.abs() >= Decimal::from(MAX_MAGNITUDE) {
        return Err(bad(DecimalFault::TooLarge));
    }
    Ok(value)
}

/// What a cell holds in place of a number where a spreadsheet did not compute it: a formula
/// whose result the file does not keep (`=B5*0.5`: a program wrote it, or a CSV was saved with
/// the formulas shown), or the error a formula gave (`#DIV/0!`, as Excel shows and saves it;
/// `Err:502`, as LibreOffice does; `#ERROR!`, as Google Sheets does).
pub(crate) fn spreadsheet_fault(text: &str) -> Option<DecimalFault> {
    const SHEET_ERRORS: [&str; 17] = [
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#CONNECT!",
        "#BUSY!",
        "#PYTHON!",
        // Google Sheets' own, for a formula it cannot read, saved so in its xlsx and CSV.
        "#ERROR!",
    ];
    // Every text a table holds is asked: most are told apart by their first character.
    match text.as_bytes().first() {
        Some(b'=') => return Some(DecimalFault::Formula),
        Some(b'#' | b'E') => {}
        _ => return None,
    }
    if SHEET_ERRORS.iter().any(|e| text.eq_ignore_ascii_case(e)) || libreoffice_error(text) {
        Some(DecimalFault::FormulaError)
    } else {
        None
    }
}

/// LibreOffice's own errors, by number (`Err:502`, an invalid argument).
fn libreoffice_error(text: &str) -> bool {
    text.strip_prefix("Err:").is_some_and(is_digits)
}

/// Whether the text is digits and nothing else (`12`), not empty.
pub(crate) fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The common case, read without allocating or validating twice: unsigned digits with at most
/// one `.` between digits ("9.42", "100"), at most 12 before the point and 18 in all. Anything
/// else (signs, commas, blanks, long or malformed text) returns `None` for the full parser.
pub(crate) fn parse_plain(text: &str) -> Option<Decimal> {
    let bytes = text.as_bytes();
    // At most 19 digits fit a u64 unchecked; more than 18 are refused below.
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut point = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa * 10 + u64::from(digit);
        } else if b == b'.' && point == bytes.len() && i > 0 && i + 1 < bytes.len() {
            point = i;
        } else {
            return None;
        }
    }
    let has_point = point < bytes.len();
    // At most 18 digits; below 10^12: at most 12 whole digits.
    if bytes.len() - usize::from(has_point) > 18 || point > 12 {
        return None;
    }
    let scale = if has_point {
        bytes.len() - point - 1
    } else {
        0
    };
    // The mantissa is below 10^18 < 2^64: its low and middle words are all of it.
    Some(Decimal::from_parts(
        mantissa as u32,
        (mantissa >> 32) as u32,
        0,
        false,
        scale as u32,
    ))
}

/// How many significant digits a spreadsheet shows of a number: Excel shows and types 15.
const SHOWN_DIGITS: usize = 15;

/// A binary floating-point number (an xlsx number cell, a pandas float) as the text a person
/// typed: its shortest round-trip digits (Rust's `Display`: those of Python's `repr`, without an
/// exponent, which decimal cells do not accept), and whether they are more than a spreadsheet
/// shows: a formula's `0.1 + 0.2` is `0.30000000000000004`, which Excel shows as 0.3. A number
/// typed in a cell never is.
pub fn float_text(value: f64) -> (compact_str::CompactString, bool) {
    let text = compact_str::format_compact!("{value}");
    let digits = text.trim_start_matches('-').replace('.', "");
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    (text, significant > SHOWN_DIGITS)
}

/// A single-precision number (a float32 column: `df.astype("float32")`, a Parquet `float`) as
/// the text a person typed: its shortest digits that read back as the same float32. Widened to a
/// float64 first, 36.675 would be read as 36.67499923706055, a score nobody typed. A float32
/// has nine significant digits at most, fewer than a spreadsheet shows, so none has digits a
/// sheet hides, as [`float_text`] tells of a float64.
pub fn float32_text(value: f32) -> compact_str::CompactString {
    compact_str::format_compact!("{value}")
}

/// A half-precision number (a float16 column), which the `f32` given holds exactly, as the text a
/// person typed: its shortest digits (five at most) that read back as the same float16. Rust has
/// no stable `f16` to print one, so each number of digits is tried in turn and read back.
pub fn float16_text(value: f32) -> compact_str::CompactString {
    let wide = f64::from(value);
    let shortest = (0..5)
        .filter(|_| wide.is_finite())
        .find_map(|places| half_of_digits(wide, places));
    match shortest {
        Some(read) => compact_str::format_compact!("{read}"),
        // Not a float16 after all, or not finite: its own shortest text.
        None => float32_text(value),
    }
}

/// The number of `places + 1` significant digits nearest the float16 `wide` that reads back as
/// it, if one does. The nearest such number may fall outside what reads back while the next one
/// up or down falls inside: at a power of two, float16s are half as far apart below as above.
fn half_of_digits(wide: f64, places: usize) -> Option<f64> {
    let nearest = format!("{wide:.places$e}");
    let (digits, exponent) = nearest.split_once('e')?;
    let mantissa: i64 = digits.replace('.', "").parse().ok()?;
    let exponent = exponent.parse::<i64>().ok()? - places as i64;
    [mantissa, mantissa - 1, mantissa + 1]
        .into_iter()
        .filter_map(|m| format!("{m}e{exponent}").parse::<f64>().ok())
        .filter(|&read| half_rounded(read) == wide)
        .min_by(|a, b| (a - wide).abs().total_cmp(&(b - wide).abs()))
}

/// The float16 nearest a number of a float16's magnitude, ties to even (as a float16 column
/// stores the number): its multiple of the spacing of float16s at its magnitude, 2^-24 below
/// 2^-14 (where float16s are subnormal) and 2^(e-10) in [2^e, 2^(e+1)) above.
fn half_rounded(value: f64) -> f64 {
    const SMALLEST_NORMAL_EXPONENT: i32 = -14;
    const MANTISSA_BITS: i32 = 10;
    let magnitude = value.abs();
    let exponent = if magnitude < 2f64.powi(SMALLEST_NORMAL_EXPONENT) {
        SMALLEST_NORMAL_EXPONENT
    } else {
        // The float64's own biased exponent: exact, where `log2` may round up below a power.
        ((magnitude.to_bits() >> 52) & 0x7ff) as i32 - 1023
    };
    let spacing = 2f64.powi(exponent - MANTISSA_BITS);
    // Dividing and multiplying by a power of two are exact: only the rounding rounds.
    (value / spacing).round_ties_even() * spacing
}

/// A number a spreadsheet shows as a percentage (a cell formatted `0%` holds 0.97 and shows
/// `97%`, as a unit types a measured rate) as the text a person sees: `97%`, the number a
/// hundred times over, and whether its digits are more than a spreadsheet shows ([`float_text`]).
pub fn percent_text(value: f64) -> (compact_str::CompactString, bool) {
    let (text, beyond) = float_text(value);
    let hundredfold = Decimal::from_str_exact(&text)
        .ok()
        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED));
    match hundredfold {
        Some(shown) => (
            compact_str::format_compact!("{}%", shown.normalize()),
            beyond,
        ),
        None => (text, beyond),
    }
}

/// Orders two decimals, as `Decimal::cmp` does. That rescales on every call when the scales
/// differ (a self-score "0.45" against a max of "1", the common case); this raises the narrower
/// scale's mantissa with one 64-bit multiply instead ([`compare_narrow`]), and leaves wide
/// mantissas to `cmp`. At one scale (a node's max against the tree's, as a rule) the mantissas
/// order the decimals as they are: no multiply at all.
pub fn compare(a: Decimal, b: Decimal) -> Ordering {
    match (narrow_mantissa(a), narrow_mantissa(b)) {
        (Some(x), Some(y)) if a.scale() == b.scale() => x.cmp(&y),
        (Some(x), Some(y)) => {
            compare_narrow((x, a.scale()), (y, b.scale())).unwrap_or_else(|| a.cmp(&b))
        }
        _ => a.cmp(&b),
    }
}

/// A decimal's signed mantissa, if it fits an `i64` (scores and maxima always do), read from the
/// decimal's four words: `Decimal::mantissa` builds a 128-bit one, whose sign and comparison
/// cost more than the comparison they serve.
fn narrow_mantissa(d: Decimal) -> Option<i64> {
    let [flags, lo, mid, hi] = words(d);
    if hi != 0 {
        return None;
    }
    let magnitude = i64::try_from(u64::from(lo) | u64::from(mid) << 32).ok()?;
    Some(match flags & SIGN_FLAG != 0 {
        true => -magnitude,
        false => magnitude,
    })
}

/// The sign bit of a decimal's flags word ([`Decimal::serialize`]).
const SIGN_FLAG: u32 = 0x8000_0000;

/// A decimal's flags, low, middle and high words, as [`Decimal::serialize`] lays them out.
fn words(d: Decimal) -> [u32; 4] {
    let bytes = d.serialize();
    let word = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    [word(0), word(4), word(8), word(12)]
}

/// Two decimals at different scales, each given as its 64-bit mantissa and scale, ordered by
/// raising the one at the smaller scale to the other's in 64 bits. Whether the product fits is
/// told by a bound, not by an overflow check: WebAssembly checks a 64-bit multiply's overflow with
/// a software 128-bit one. A product past 64 bits is further from zero than the other mantissa,
/// on its own side of it. `None` when the scales differ by more than 18.
fn compare_narrow(a: (i64, u32), b: (i64, u32)) -> Option<Ordering> {
    let ((low_mantissa, low_scale), (high_mantissa, high_scale)) = match a.1 < b.1 {
        true => (a, b),
        false => (b, a),
    };
    let shift = (high_scale - low_scale) as usize;
    let (power, bound) = (*POWERS_OF_TEN.get(shift)?, *RAISED_FITS.get(shift)?);
    let order = match low_mantissa.unsigned_abs() <= bound {
        // Within the bound, the product fits: `power` is at most 10^18, below 2^63.
        true => low_mantissa.wrapping_mul(power as i64).cmp(&high_mantissa),
        false if low_mantissa > 0 => Ordering::Greater,
        false => Ordering::Less,
    };
    Some(match a.1 < b.1 {
        true => order,
        false => order.reverse(),
    })
}

/// The largest magnitude whose product with 10^k stays within `i64`, for k = 0 ..= 18.
const RAISED_FITS: [u64; 19] = {
    let mut bounds = [0u64; 19];
    let mut k = 0;
    while k < bounds.len() {
        bounds[k] = i64::MAX as u64 / POWERS_OF_TEN[k];
        k += 1;
    }
    bounds
};

/// 10^(20 − places) for places 0 ..= 20: a denominator below it makes [`percent_in_integers`]
/// exact (looked up: raising a 128-bit ten to a power was a tenth of writing an index).
const EXACT_BELOW: [u128; 21] = {
    let mut bounds = [1u128; 21];
    let mut places = 20;
    while places > 0 {
        bounds[places - 1] = bounds[places] * 10;
        places -= 1;
    }
    bounds
};

/// 10^0 ..= 10^18.
const POWERS_OF_TEN: [u64; 19] = {
    let mut powers = [1u64; 19];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// How a value is rounded to the output scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero: 86.145 → 86.15 (observed in every published case).
    #[default]
    HalfUp,
    /// Banker's rounding: 86.145 → 86.14.
    HalfEven,
}

/// Rounds and fixes the scale: `round(86.1, 2) == "86.10"`.
pub fn round(value: Decimal, places: u32, mode: RoundingMode) -> Decimal {
    // Already at the output scale, as most inputs are; a zero goes on to lose a minus sign.
    if value.scale() == places && !value.is_zero() {
        return value;
    }
    let mut rounded = if value.scale() <= places {
        value // nothing to round: only the scale is padded below
    } else {
        let strategy = match mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        };
        value.round_dp_with_strategy(places, strategy)
    };
    rounded.rescale(places);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// The exact value without trailing zeros ("9.4150" → 9.415), zero without a sign.
pub fn normalized(value: Decimal) -> Decimal {
    let mut v = value.normalize();
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v
}

/// The exact value as shortest text, without trailing zeros ("9.415", "10").
pub fn exact_text(value: Decimal) -> String {
    normalized(value).to_string()
}

/// points / max × 100, exact; `None` when the max is zero.
pub fn percent(points: Decimal, max: Decimal) -> Option<Decimal> {
    if max.is_zero() {
        return None;
    }
    // Bounded inputs (|points| ≤ max < 10^12 per node, sums of ≤ 10^4 nodes) cannot overflow;
    // checked arithmetic keeps even a violated bound from panicking.
    (points * Decimal::ONE_HUNDRED).checked_div(max)
}

/// points / max × 100 rounded to `places` under `mode`: [`round`] of [`percent`]. A node's index,
/// written a million and a half times in a national run: where both are small and `points` lies
/// within `0..=max`, it is found in 128-bit integers instead of a 96-bit division.
pub fn rounded_percent(
    points: Decimal,
    max: Decimal,
    places: u32,
    mode: RoundingMode,
) -> Option<Decimal> {
    if max.is_zero() {
        return None;
    }
    percent_in_integers(points, max, places, mode)
        .or_else(|| percent(points, max).map(|p| round(p, places, mode)))
}

/// [`rounded_percent`] as one integer division: points × 100 / max at `places` is
/// `p × 10^(2 + places + max's scale − points' scale) / m` (p, m: the mantissas), rounded on its
/// remainder. It is the same as rounding the 28-digit quotient [`percent`] gives: that quotient
/// (at most 100, so 25 places or more) is off the exact one by under 10^-25, and an exact
/// fraction with a denominator below 10^(20 − places) is never that close to a rounding
/// boundary without lying on it.
fn percent_in_integers(
    points: Decimal,
    max: Decimal,
    places: u32,
    mode: RoundingMode,
) -> Option<Decimal> {
    if points.is_sign_negative() || compare(points, max).is_gt() {
        return None;
    }
    let p = u128::from(u64::try_from(points.mantissa()).ok()?);
    let m = u128::from(u64::try_from(max.mantissa()).ok()?);
    let power = |e: i64| Some(u128::from(*POWERS_OF_TEN.get(usize::try_from(e).ok()?)?));
    let shift = 2 + i64::from(places) + i64::from(max.scale()) - i64::from(points.scale());
    let (numerator, denominator) = if shift >= 0 {
        (p * power(shift)?, m)
    } else {
        (p, m * power(-shift)?)
    };
    if denominator >= *EXACT_BELOW.get(usize::try_from(places).ok()?)? {
        return None;
    }
    // A 64-bit division where both fit, as they nearly always do: the 128-bit one is a call.
    let (whole, rest) = match (u64::try_from(numerator), u64::try_from(denominator)) {
        (Ok(n), Ok(d)) => (u128::from(n / d), u128::from(n % d)),
        _ => (numerator / denominator, numerator % denominator),
    };
    let round_up = match mode {
        RoundingMode::HalfUp => 2 * rest >= denominator,
        RoundingMode::HalfEven => {
            2 * rest > denominator || (2 * rest == denominator && whole % 2 == 1)
        }
    };
    let rounded = i128::try_from(whole + u128::from(round_up)).ok()?;
    Some(Decimal::from_i128_with_scale(rounded, places))
}

/// A decimal that travels as a JSON string. A JSON number is refused with a hint to quote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

/// The text a results document gives the decimal (`Decimal`'s `Display`, scale kept), written
/// without a formatter: a ranking table writes tens of thousands.
impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(DecimalText::of(self.0).as_str())
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Keep the scale the value carries: results are rounded (fixed scale) before they get here.
        s.serialize_str(DecimalText::of(self.0).as_str())
    }
}

/// A decimal's text as `Decimal`'s `Display` writes it (the scale kept, a negative zero signed),
/// made on the stack. A national results document writes eight million decimals: `Display`
/// through a formatter took a fifth of the time spent writing it.
pub(crate) struct DecimalText {
    bytes: [u8; DecimalText::CAPACITY],
    start: usize,
}

impl DecimalText {
    /// A sign, 29 digits of a 96-bit mantissa, a point, the "0." of a scale above them all,
    /// and quotes.
    const CAPACITY: usize = 40;

    pub(crate) fn of(value: Decimal) -> DecimalText {
        let mut text = DecimalText {
            bytes: [b'0'; DecimalText::CAPACITY],
            start: DecimalText::CAPACITY,
        };
        text.push_number(value);
        text
    }

    /// The text in quotes, as a JSON string: nothing in it to escape.
    pub(crate) fn quoted(value: Decimal) -> DecimalText {
        let mut text = DecimalText {
            bytes: [b'"'; DecimalText::CAPACITY],
            start: DecimalText::CAPACITY - 1,
        };
        text.push_number(value);
        text.push(b'"');
        text
    }

    fn push_number(&mut self, value: Decimal) {
        let scale = value.scale() as usize;
        let mantissa = value.mantissa().unsigned_abs();
        match u64::try_from(mantissa) {
            // Nearly every figure: division of a 64-bit value is several times faster.
            Ok(small) => self.push_digits(small, scale),
            Err(_) => self.push_digits(mantissa, scale),
        }
        if value.is_sign_negative() {
            self.push(b'-');
        }
    }

    /// The digits of `mantissa` from the last: the `scale` after the point (zeros where the
    /// mantissa has fewer), the point, and those before it, at least one. Two at a time, as
    /// integer printers do: half the divisions for the millions of figures a national document
    /// holds, most of four digits (`46.43`).
    fn push_digits<N: Digits>(&mut self, mut mantissa: N, scale: usize) {
        if scale > 0 {
            for _ in 0..scale / 2 {
                self.push_pair(mantissa.take_last_pair());
            }
            if scale % 2 == 1 {
                self.push(mantissa.take_last_digit());
            }
            self.push(b'.');
        }
        while mantissa.at_least_100() {
            self.push_pair(mantissa.take_last_pair());
        }
        // One or two digits left: a leading zero is not written, but a lone zero is.
        let last = mantissa.take_last_pair();
        match last {
            0..=9 => self.push(b'0' + last as u8),
            _ => self.push_pair(last),
        }
    }

    fn push(&mut self, byte: u8) {
        self.start -= 1;
        self.bytes[self.start] = byte;
    }

    /// The two digits of `pair` (0..100).
    fn push_pair(&mut self, pair: usize) {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        self.start -= 2;
        let at = 2 * pair;
        self.bytes[self.start..self.start + 2].copy_from_slice(&PAIRS[at..at + 2]);
    }

    /// The text's bytes, ASCII: for a writer that takes bytes, without checking them as UTF-8.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.start..]
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, a point and a sign were written.
        std::str::from_utf8(&self.bytes[self.start..]).unwrap_or_default()
    }
}

/// An unsigned mantissa whose decimal digits are written from the last.
trait Digits: Copy {
    /// The last digit as an ASCII byte, taken off.
    fn take_last_digit(&mut self) -> u8;
    /// The last two digits as a number below 100, taken off.
    fn take_last_pair(&mut self) -> usize;
    fn at_least_100(self) -> bool;
}

macro_rules! digits {
    ($($mantissa:ty),*) => {$(
        impl Digits for $mantissa {
            fn take_last_digit(&mut self) -> u8 {
                let digit = (*self % 10) as u8;
                *self /= 10;
                b'0' + digit
            }
            fn take_last_pair(&mut self) -> usize {
                let pair = (*self % 100) as usize;
                *self /= 100;
                pair
            }
            fn at_least_100(self) -> bool {
                self >= 100
            }
        }
    )*};
}

digits!(u64, u128);

/// The text of a decimal as every input path reads it ([`parse_decimal_cell`]): a sign, digits
/// and one decimal mark, `.` or `,`, with spaces around. (How many digits it may have is the
/// engine's to say: 28 significant, below 10^12.)
pub const DECIMAL_PATTERN: &str = r"^\s*[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\s*$";

impl JsonSchema for Dec {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": DECIMAL_PATTERN,
            "description": "A decimal as text, never a JSON number (\"86.14\", or \"86,14\" as Vietnamese spreadsheets write it); its scale is kept.",
            "examples": ["1", "0.25", "86,14"]
        })
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_decimal(d, read_input).map(Dec)
    }
}

/// An amount as an input gives it (`value`, survey results): checked as a table's cell is (a
/// decimal comma alone is the decimal mark, as on every input path), its scale kept ("86.10"
/// stays "86.10") so that results round-trip. Every binding reads amounts with this one rule.
pub fn parse_input_decimal(text: &str) -> Result<Dec, ParError> {
    let parsed = parse_decimal_cell(text)?;
    Ok(Dec(Decimal::from_str_exact(
        &text.trim().replacen(',', ".", 1),
    )
    .unwrap_or(parsed)))
}

/// [`parse_input_decimal`], its fault only, as the JSON reader reports it.
fn read_input(text: &str) -> Result<Decimal, DecimalFault> {
    match parse_input_decimal(text) {
        Ok(value) => Ok(value.0),
        Err(e) => match *e.message {
            Msg::Reading(ReadingMsg::BadDecimal { fault, .. }) => Err(fault),
            _ => Err(DecimalFault::NotDigits),
        },
    }
}

/// A decimal written as a JSON string and read by `read`; a JSON number is refused with a hint
/// to quote it. Failures carry [`DECIMAL_MARKER`], so that they map to `bad_decimal`.
pub(crate) fn deserialize_decimal<'de, D: Deserializer<'de>>(
    d: D,
    read: fn(&str) -> Result<Decimal, DecimalFault>,
) -> Result<Decimal, D::Error> {
    struct Visitor(fn(&str) -> Result<Decimal, DecimalFault>);
    impl serde::de::Visitor<'_> for Visitor {
        type Value = Decimal;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(EXPECTING_DECIMAL)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
            (self.0)(v).map_err(|fault| E::custom(fault_payload(fault, v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
            Err(E::custom(quote_hint(&v.to_string())))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
            Err(E::custom(quote_hint(&v.to_string())))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(quote_hint(&v.to_string())))
        }
    }
    d.deserialize_any(Visitor(read))
}

/// Prefix that marks serde errors raised by [`Dec`], so they map to `bad_decimal`. serde passes
/// errors on as text only, so the fault travels as `marker key SEPARATOR text` and the JSON
/// reader turns it back into the catalogue's [`ReadingMsg::BadDecimal`] (`json::map_error`).
pub(crate) const DECIMAL_MARKER: &str = "bad decimal: ";
pub(crate) const PAYLOAD_SEPARATOR: char = '\u{1f}';
/// The key of a JSON number given where a decimal string is expected.
pub(crate) const UNQUOTED_NUMBER: &str = "number";
/// What the decimal reader expects, as serde's "invalid type" errors quote it.
pub(crate) const EXPECTING_DECIMAL: &str = "a decimal as a JSON string, e.g. \"9.42\"";
/// What a self-score, appraisal or value expects, as serde's "invalid type" errors quote it.
pub(crate) const EXPECTING_SCORE_VALUE: &str =
    "a string (decimal, option label, yes/no) or a boolean";

fn fault_payload(fault: DecimalFault, text: &str) -> String {
    format!("{DECIMAL_MARKER}{}{PAYLOAD_SEPARATOR}{text}", fault.key())
}

/// The serde error text for a JSON number where a decimal string was expected.
pub(crate) fn quote_hint(number: &str) -> String {
    format!("{DECIMAL_MARKER}{UNQUOTED_NUMBER}{PAYLOAD_SEPARATOR}{number}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_float_is_read_as_typed_and_told_when_it_has_more_digits_than_a_sheet_shows() {
        let text = |f: f64| {
            let (text, beyond) = float_text(f);
            (text.to_string(), beyond)
        };
        for (f, typed) in [
            (36.5, "36.5"),
            (0.1, "0.1"),
            (-2.75, "-2.75"),
            (1e-7, "0.0000001"),
        ] {
            assert_eq!(text(f), (typed.to_string(), false));
        }
        assert_eq!(text(3.0), ("3".to_string(), false));
        assert_eq!(text(1e21), ("1000000000000000000000".to_string(), false));
        assert_eq!(text(0.1 + 0.2), ("0.30000000000000004".to_string(), true));
        assert_eq!(
            text(86.49999999999999),
            ("86.49999999999999".to_string(), true)
        );
    }
    #[test]
    fn a_narrow_float_is_read_as_the_shortest_text_of_its_own_width() {
        for (f, typed) in [
            (36.675f32, "36.675"),
            (36.67, "36.67"),
            (0.1, "0.1"),
            (-2.75, "-2.75"),
            (1e-7, "0.0000001"),
            (3.0, "3"),
        ] {
            assert_eq!(float32_text(f), typed);
        }
        // float16s (as numpy's `str(np.float16(x))` writes them), held by the f32 they widen to.
        for (bits_as_f32, typed) in [
            (0.099975586f32, "0.1"),
            (36.6875, "36.7"),
            (2.5, "2.5"),
            (-0.33325195, "-0.3333"),
            (65504.0, "65500"),
            // 2^-6: 0.01562 is nearer, but below a power of two float16s are closer together.
            (0.015625, "0.01563"),
            (5.9604645e-8, "0.00000006"),
            (0.0, "0"),
        ] {
            assert_eq!(float16_text(bits_as_f32), typed);
        }
        assert_eq!(float16_text(0.1), "0.1", "not a float16: its float32 text");
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_rounded_percent_is_the_percent_rounded(
            points in 0u64..2_000_000,
            points_scale in 0u32..6,
            max in 1u64..2_000_000,
            max_scale in 0u32..6,
            places in 0u32..=10,
            half_even in any::<bool>(),
        ) {
            let points = Decimal::new(points as i64, points_scale);
            let max = Decimal::new(max as i64, max_scale);
            let mode = if half_even { RoundingMode::HalfEven } else { RoundingMode::HalfUp };
            let slow = percent(points, max).map(|p| round(p, places, mode));
            let fast = rounded_percent(points, max, places, mode);
            prop_assert_eq!(fast, slow);
            prop_assert_eq!(fast.map(|f| f.scale()), slow.map(|s| s.scale()));
        }
    }

    #[test]
    fn a_percent_on_a_rounding_boundary_rounds_by_the_mode() {
        let d = |text: &str| Decimal::from_str_exact(text).expect("a decimal");
        // 1/8 = 12.5 %: a tie at no places.
        for (mode, expected) in [(RoundingMode::HalfUp, "13"), (RoundingMode::HalfEven, "12")] {
            let fast = percent_in_integers(d("0.125"), d("1"), 0, mode);
            assert_eq!(fast.map(|f| f.to_string()).as_deref(), Some(expected));
        }
        // 2/3 = 66.666…: rounded up at every number of places.
        let fast = percent_in_integers(d("2"), d("3"), 4, RoundingMode::HalfUp);
        assert_eq!(fast.map(|f| f.to_string()).as_deref(), Some("66.6667"));
        // Over the max, negative, or a denominator too large: the general path.
        assert_eq!(
            percent_in_integers(d("2"), d("1"), 2, RoundingMode::HalfUp),
            None
        );
        assert_eq!(
            percent_in_integers(d("-1"), d("1"), 2, RoundingMode::HalfUp),
            None
        );
        let wide = d("1.234567890123456789");
        assert_eq!(
            percent_in_integers(d("1"), wide, 2, RoundingMode::HalfUp),
            None
        );
    }

    #[test]
    fn plain_text_takes_the_fast_path_and_the_rest_the_full_parser() {
        assert_eq!(parse_plain("9.42"), Some(Decimal::new(942, 2)));
        assert_eq!(parse_plain("100"), Some(Decimal::from(100)));
        for other in [
            "-1",
            "+1",
            " 1",
            "1.",
            ".5",
            "1,5",
            "1.2.3",
            "1234567890123",
            "9999999999999999999",
            "",
        ] {
            assert_eq!(parse_plain(other), None, "{other:?}");
        }
    }

    proptest! {
        /// The fast path reads exactly what the full parser reads, scale included.
        #[test]
        fn plain_parsing_agrees_with_the_full_parser(text in "[0-9]{0,14}(\\.[0-9]{0,8})?|[0-9.]{1,6}") {
            if let Some(fast) = parse_plain(&text) {
                let full = parse_checked(&text, false).expect("the full parser accepts it too");
                prop_assert_eq!(fast, full);
                prop_assert_eq!(fast.scale(), full.scale());
            }
        }

        /// The stack-made text is `Display`'s, for any mantissa, sign (negative zero included)
        /// and scale.
        #[test]
        fn decimal_text_is_what_display_writes(
            (lo, mid, hi) in any::<(u32, u32, u32)>(),
            negative in any::<bool>(),
            scale in 0u32..=28,
            narrow in 0u8..3,
        ) {
            let (lo, mid, hi) = match narrow {
                0 => (lo % 100_000, 0, 0),
                1 => (lo, mid, 0),
                _ => (lo, mid, hi),
            };
            let value = Decimal::from_parts(lo, mid, hi, negative, scale);
            let text = DecimalText::of(value);
            prop_assert_eq!(text.as_str(), value.to_string());
            prop_assert_eq!(Dec(value).to_string(), value.to_string());
        }

        /// The comparison orders every pair as `Decimal::cmp` does: any mantissa up to
        /// 96 bits, either sign (negative zero included), any scale, and half the pairs at one
        /// scale.
        #[test]
        fn compare_agrees_with_decimal_cmp(
            a in (any::<(u32, u32, u32)>(), any::<bool>(), 0u32..=28),
            mut b in (any::<(u32, u32, u32)>(), any::<bool>(), 0u32..=28),
            width in 0u8..3,
            one_scale in any::<bool>(),
        ) {
            if one_scale {
                b.2 = a.2;
            }
            let make = |((lo, mid, hi), negative, scale): ((u32, u32, u32), bool, u32)| {
                // Narrow mantissas (the common case), mantissas of up to 64 bits (about the
                // bound of the 64-bit comparison) and full-width ones.
                let (mid, hi) = match width {
                    0 => (mid % 4, 0),
                    1 => (mid, 0),
                    _ => (mid, hi),
                };
                Decimal::from_parts(lo, mid, hi, negative, scale)
            };
            let (a, b) = (make(a), make(b));
            prop_assert_eq!(compare(a, b), a.cmp(&b), "{} vs {}", a, b);
            prop_assert_eq!(compare(a, a), std::cmp::Ordering::Equal);
        }
    }

    #[test]
    fn a_percentage_is_the_text_a_spreadsheet_shows() {
        for (value, text, beyond) in [
            (0.97, "97%", false),
            (0.9001, "90.01%", false),
            (1.0, "100%", false),
            (0.0, "0%", false),
            (-0.05, "-5%", false),
            (0.1 + 0.2, "30.000000000000004%", true),
        ] {
            assert_eq!(percent_text(value), (text.into(), beyond), "{value}");
        }
    }

    #[test]
    fn decimal_text_keeps_the_scale_and_the_sign_of_zero() {
        for (lo, negative, scale, text) in [
            (0, false, 0, "0"),
            (0, true, 2, "-0.00"),
            (5, false, 3, "0.005"),
            (4643, false, 2, "46.43"),
            (10000, true, 2, "-100.00"),
        ] {
            let mut value = Decimal::from_parts(lo, 0, 0, false, scale);
            value.set_sign_negative(negative);
            assert_eq!(DecimalText::of(value).as_str(), text);
            assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn compare_orders_across_scales_and_signs() {
        let d = |t: &str| Decimal::from_str(t).unwrap();
        use std::cmp::Ordering::*;
        for (a, b, expected) in [
            ("0.45", "1", Less),
            ("1.00", "1", Equal),
            ("0", "-0.00", Equal),
            ("-0.5", "-0.05", Less),
            ("79228162514264337593543950335", "0.1", Greater),
            ("7.9228162514264337593543950335", "7.92", Greater),
            // Raised past 64 bits: the further from zero, on its side.
            ("30", "0.000000000000000001", Greater),
            ("-30", "0.000000000000000001", Less),
            ("0.000000000000000001", "-30", Greater),
            // At the bound: 922337203685477580 × 10 fits in 64 bits, one more does not.
            ("922337203685477580", "922337203685477580.0", Equal),
            ("922337203685477581", "922337203685477580.7", Greater),
            ("-922337203685477581", "-922337203685477580.7", Less),
            ("-9223372036854775808", "-922337203685477580.8", Less),
        ] {
            assert_eq!(compare(d(a), d(b)), expected, "{a} vs {b}");
        }
    }

    #[test]
    fn rounds_half_up_and_half_even_at_the_midpoint() {
        let d = Decimal::from_str("86.145").unwrap();
        assert_eq!(round(d, 2, RoundingMode::HalfUp).to_string(), "86.15");
        assert_eq!(round(d, 2, RoundingMode::HalfEven).to_string(), "86.14");
        let d = Decimal::from_str("86.135").unwrap();
        assert_eq!(round(d, 2, RoundingMode::HalfEven).to_string(), "86.14");
        assert_eq!(
            round(Decimal::from_str("86.1").unwrap(), 2, RoundingMode::HalfUp).to_string(),
            "86.10"
        );
        assert_eq!(
            round(
                Decimal::from_str("-0.001").unwrap(),
                2,
                RoundingMode::HalfUp
            )
            .to_string(),
            "0.00"
        );
    }

    #[test]
    fn parses_strictly_and_leniently() {
        assert_eq!(parse_decimal("9.42").unwrap().to_string(), "9.42");
        assert_eq!(parse_decimal_cell("86,14").unwrap().to_string(), "86.14");
        assert_eq!(parse_decimal(" 10.50 ").unwrap().to_string(), "10.50");
        for bad in ["86,14", "", "1e5", "NaN", "1.2.3", "--1", ".", "12a"] {
            let e = parse_decimal(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::BadDecimal, "{bad}");
        }
        assert!(parse_decimal_cell("1,000.5").is_err());
        assert!(
            parse_decimal("1234567890123456789012345678").is_err(),
            "magnitude"
        );
        assert!(
            parse_decimal("0.12345678901234567890123456789").is_err(),
            "29 digits"
        );
        assert!(
            parse_decimal("0.1234567890123456789012345678").is_ok(),
            "28 digits"
        );
    }

    #[test]
    fn a_formula_or_its_error_in_place_of_a_number_is_said_to_be_one() {
        let fault = |text: &str| match parse_decimal_cell(text).map_err(|e| *e.message) {
            Err(Msg::Reading(ReadingMsg::BadDecimal { fault, .. })) => fault,
            other => panic!("{text}: {other:?}"),
        };
        for formula in ["=B5*0.5", " =SUM(C2:C9)", "="] {
            assert_eq!(fault(formula), DecimalFault::Formula, "{formula}");
        }
        for error in ["#DIV/0!", "#N/A", "#n/a", " #REF! ", "#VALUE!", "Err:502"] {
            assert_eq!(fault(error), DecimalFault::FormulaError, "{error}");
        }
        for other in ["#1", "1=1", "#DIV/0", "Err:", "Err:5x"] {
            assert_eq!(fault(other), DecimalFault::NotDigits, "{other}");
        }
    }

    #[test]
    fn json_numbers_are_refused_with_a_hint() {
        let p = crate::json::from_json_str::<Dec>("9.42").unwrap_err();
        let e = &p.problems[0];
        assert_eq!(e.code, ErrorCode::BadDecimal);
        assert_eq!(e.value.as_deref(), Some("9.42"));
        let en = e.message(crate::text::Lang::En);
        assert!(en.contains("write \"9.42\""), "{en}");
        let vi = e.message(crate::text::Lang::Vi);
        assert!(vi.contains("hãy ghi \"9.42\""), "{vi}");
        assert_eq!(
            serde_json::from_str::<Dec>("\"86.10\"")
                .unwrap()
                .0
                .to_string(),
            "86.10"
        );
    }
}
