//! Text arguments as Python gives them: a `str` holding half a character (a lone surrogate, as
//! `json.loads('"\ud800"')` makes one) has no UTF-8 bytes, and PyO3's own conversion to `&str`
//! or `String` raises Python's `UnicodeEncodeError` before the package's code runs. Every text
//! argument is read as a [`Text`] instead, and such a text is refused as one in an input is
//! ([`crate::input::half_character`]), naming the argument, or the line of a text given whole.

use crate::input::half_character;
use par_core::text::BindingText;
use par_core::Lang;
use pyo3::exceptions::{PyUnicodeEncodeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// A `str` argument: its text, or the line (from 1) of its first half character.
#[derive(Clone, Copy)]
pub(crate) struct Text<'a>(Result<&'a str, usize>);

impl<'a, 'py> FromPyObject<'a, 'py> for Text<'a> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match <&'a str as FromPyObject<'a, 'py>>::extract(ob) {
            Ok(text) => Ok(Text(Ok(text))),
            Err(e) if e.is_instance_of::<PyUnicodeEncodeError>(ob.py()) => {
                Ok(Text(Err(half_character_line(&ob.cast::<PyString>()?)?)))
            }
            Err(e) => Err(e),
        }
    }
}

impl<'a> Text<'a> {
    /// The text, or the refusal of one holding half a character, naming `at` (the argument), in
    /// `lang`.
    pub(crate) fn at(&self, at: &str, lang: Lang) -> PyResult<&'a str> {
        self.0.map_err(|_| half_character(at.to_string(), lang))
    }

    /// The text of a document given whole (JSON text), or the refusal of one holding half a
    /// character, naming its line, as the npm package names it.
    pub(crate) fn whole(&self, lang: Lang) -> PyResult<&'a str> {
        self.0.map_err(|line| {
            PyValueError::new_err(BindingText::HalfCharacterOnLine { line }.render(lang))
        })
    }

    /// The text when it holds no half character (the language asked for, read before the
    /// language of its refusal is known).
    pub(crate) fn whole_text(&self) -> Option<&'a str> {
        self.0.ok()
    }

    /// [`Text::at`], the language of a refusal worked out (by `lang`) only where there is one:
    /// for an argument of a call that takes no language.
    pub(crate) fn at_said_in(
        &self,
        at: &str,
        lang: impl FnOnce() -> PyResult<Lang>,
    ) -> PyResult<&'a str> {
        match self.0 {
            Ok(text) => Ok(text),
            Err(_) => self.at(at, lang()?),
        }
    }
}

/// The line of the first half character of `s`, lines counted as an editor counts them (a line
/// break is `\r\n`, `\n` or `\r`): its bytes with each surrogate as UTF-8 would write it
/// (`surrogatepass`), where a surrogate is the only sequence starting 0xED 0xA0..=0xBF.
fn half_character_line(s: &Borrowed<'_, '_, PyString>) -> PyResult<usize> {
    let py = s.py();
    let encoded = s.call_method1(
        intern!(py, "encode"),
        (intern!(py, "utf-8"), intern!(py, "surrogatepass")),
    )?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let at = bytes
        .windows(2)
        .position(|w| w[0] == 0xED && w[1] >= 0xA0)
        .unwrap_or(bytes.len());
    let before = &bytes[..at];
    let count = |b: u8| before.iter().filter(|&&c| c == b).count();
    let crlf = before.windows(2).filter(|w| w == b"\r\n").count();
    Ok(1 + count(b'\n') + count(b'\r') - crlf)
}

/// A text a default argument gives (`level="unit"`).
impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text(Ok(text))
    }
}
