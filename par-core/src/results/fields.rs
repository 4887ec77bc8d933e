//! The fields of a unit's result and of a node's, in order, written once for two writers: serde's
//! map, for every serializer (the indented document, a binding's objects), and the compact JSON
//! writer of large documents, which writes each key and each decimal straight into the output.
//!
//! serde_json passes every key and every string value through its escaping loop a byte at a
//! time. A national run's compact document is millions of keys and decimals, none of which has
//! anything to escape: that loop took a fifth of the instructions of writing it. Text that
//! comes from the input (names, codes, reasons) goes through serde_json only when it has
//! something to escape. Values of other types (a unit's components, warnings) are written by
//! serde_json, laid out at the depth of their field (`Layout::value`).

use super::{AppraisalView, Listed, NodeView, Rounds, UnitResult};
use crate::assessment::InputValue;
use crate::decimal::{Dec, DecimalText};
use compact_str::CompactString;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// A field's key: one of the engine's own names, ASCII letters and underscores, nothing to
/// escape; made by [`key!`], which also makes the texts written before its value, so that a key
/// is written in one piece: `,"points":` on one line (the comma left out before an object's
/// first field), and `"points": ` after the indentation of an indented line. Passed as a
/// pointer to its texts: a million keys are written for a national run's scores.
#[derive(Clone, Copy)]
pub(crate) struct Key(pub(crate) &'static KeyTexts);

/// The texts of a [`Key`].
pub(crate) struct KeyTexts {
    name: &'static str,
    compact: &'static str,
    /// The key in quotes and what separates it from its value when indented (`"points": `),
    /// after [`INDENTATION`]: the key at any depth up to it is a slice of this one text.
    indented: &'static str,
}

impl KeyTexts {
    pub(crate) const fn new(
        name: &'static str,
        compact: &'static str,
        indented: &'static str,
    ) -> Self {
        KeyTexts {
            name,
            compact,
            indented,
        }
    }
}

impl Key {
    pub(super) fn name(self) -> &'static str {
        self.0.name
    }

    /// The key in quotes and what separates it from its value, indented by `depth` levels.
    fn indented(self, out: &mut impl Write, depth: usize) -> io::Result<()> {
        let indented = self.0.indented.as_bytes();
        match INDENTATION.len().checked_sub(2 * depth) {
            Some(from) => out.write_all(&indented[from..]),
            None => {
                indentation(out, depth)?;
                out.write_all(&indented[INDENTATION.len()..])
            }
        }
    }
}

/// The spaces of 30 levels of indentation, deeper than any line of a results document: what
/// [`key!`] puts before an indented key, and [`indentation`] writes a slice of.
const INDENTATION: &str = "                                                            ";

/// The [`Key`] named so.
macro_rules! key {
    ($name:literal) => {{
        const TEXTS: &$crate::results::fields::KeyTexts = &$crate::results::fields::KeyTexts::new(
            $name,
            concat!(",\"", $name, "\":"),
            // `INDENTATION`, then the key.
            concat!(
                "                                                            ",
                "\"",
                $name,
                "\": "
            ),
        );
        $crate::results::fields::Key(TEXTS)
    }};
}
pub(crate) use key;

/// Where the fields of a result object go, one by one, in order.
pub(super) trait Fields {
    type Error;

    /// A field of any value.
    fn value<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), Self::Error>;

    /// A field holding a decimal (its text, as [`Dec`] serialises it).
    fn decimal(&mut self, key: Key, value: Dec) -> Result<(), Self::Error> {
        self.value(key, &value)
    }

    /// A figure rounded and its exact value, in two fields one after the other
    /// (`"points": "0.30", "points_exact": "0.3"`): most often the same decimal, whose text a
    /// writer may then make once.
    fn rounded_and_exact(
        &mut self,
        rounded: (Key, Dec),
        exact: (Key, Dec),
    ) -> Result<(), Self::Error> {
        self.decimal(rounded.0, rounded.1)?;
        self.decimal(exact.0, exact.1)
    }

    /// A field holding a decimal or `null`.
    fn optional_decimal(&mut self, key: Key, value: Option<Dec>) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.decimal(key, value),
            None => self.value(key, &value),
        }
    }

    /// A field holding one of the engine's own names (`appraisal`): nothing to escape.
    fn name(&mut self, key: Key, value: &'static str) -> Result<(), Self::Error> {
        self.value(key, value)
    }

    /// A field holding `true` or `false`.
    fn flag(&mut self, key: Key, value: bool) -> Result<(), Self::Error> {
        self.value(key, &value)
    }

    /// A field holding a whole number (a rank, a round's number).
    fn count(&mut self, key: Key, value: u32) -> Result<(), Self::Error> {
        self.value(key, &value)
    }

    /// A field holding text that may come from the input (a name, a reason), escaped as JSON
    /// escapes it.
    fn text(&mut self, key: Key, value: &str) -> Result<(), Self::Error> {
        self.value(key, value)
    }

    /// A field holding text or `null`.
    fn optional_text(&mut self, key: Key, value: Option<&str>) -> Result<(), Self::Error> {
        self.value(key, &value)
    }

    /// A field holding an input as the unit gave it: text, or `true` or `false`.
    fn input(&mut self, key: Key, value: &InputValue) -> Result<(), Self::Error> {
        self.value(key, value)
    }

    /// A field holding a list of texts (a node's evidence).
    fn texts(&mut self, key: Key, values: &[CompactString]) -> Result<(), Self::Error> {
        self.value(key, values)
    }

    /// A field holding a node's appraisal rounds, a list of objects.
    fn appraisals<'a, I>(&mut self, key: Key, rounds: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = AppraisalView<'a>> + Clone,
    {
        self.value(key, &Rounds(rounds))
    }

    /// A field holding nodes keyed by code, in the order `nodes` gives them.
    fn nodes<'a, I: Iterator<Item = NodeView<'a>>>(
        &mut self,
        key: Key,
        nodes: impl Fn() -> I,
    ) -> Result<(), Self::Error> {
        self.value(key, &Listed(nodes))
    }

    /// A field holding a list of units.
    fn units(&mut self, key: Key, units: &[UnitResult]) -> Result<(), Self::Error> {
        self.value(key, units)
    }
}

/// A value written field by field as one serde map: how the results' own types serialize, with
/// the fields the results document's writer writes ([`Fields`]).
pub(super) fn as_map<S: Serializer>(
    s: S,
    fields: impl FnOnce(&mut MapFields<S::SerializeMap>) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut map = MapFields(s.serialize_map(None)?);
    fields(&mut map)?;
    map.0.end()
}

/// The fields as entries of a serde map.
pub(super) struct MapFields<M>(M);

impl<M: SerializeMap> Fields for MapFields<M> {
    type Error = M::Error;

    fn value<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), value)
    }
}

/// How a JSON object is laid out: on one line, or indented as `serde_json`'s pretty printer
/// indents it (two spaces a level), at a depth.
#[derive(Clone, Copy)]
pub(crate) enum Layout {
    Compact,
    Pretty { depth: usize },
}

impl Layout {
    /// The layout of a value inside this object.
    pub(super) fn inner(self) -> Layout {
        match self {
            Layout::Compact => Layout::Compact,
            Layout::Pretty { depth } => Layout::Pretty { depth: depth + 1 },
        }
    }

    /// What starts an object's entry: a comma unless it is the first, then, indented, a line.
    pub(super) fn entry_start(self, out: &mut impl Write, first: bool) -> io::Result<()> {
        match self {
            Layout::Compact if first => Ok(()),
            Layout::Compact => out.write_all(b","),
            Layout::Pretty { depth } => new_line(out, depth + 1, !first),
        }
    }

    /// What separates a key (in quotes) from its value.
    fn colon(self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Layout::Compact => out.write_all(b":"),
            Layout::Pretty { .. } => out.write_all(b": "),
        }
    }

    /// What closes an object or a list of this layout, `empty` or not.
    fn close(self, out: &mut impl Write, empty: bool, bracket: &[u8]) -> io::Result<()> {
        if let (Layout::Pretty { depth }, false) = (self, empty) {
            new_line(out, depth, false)?;
        }
        out.write_all(bracket)
    }

    /// A value written in this layout, as `serde_json` writes it at this depth.
    fn value<T: Serialize + ?Sized>(self, out: &mut impl Write, value: &T) -> io::Result<()> {
        match self {
            Layout::Compact => serde_json::to_writer(out, value)?,
            Layout::Pretty { depth } => {
                let formatter = IndentedFormatter::at(depth);
                value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))?
            }
        }
        Ok(())
    }
}

/// A text as a JSON string, as `serde_json` writes it. A criterion's code, an appraiser, a
/// reason come from the input and may hold anything, but nearly every one ("1.2.3", "HĐTĐ")
/// has nothing to escape: such a text is written as it is, without serde_json's pass over it.
fn write_text<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    // serde_json escapes control characters, quotes and backslashes, nothing else.
    if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return Ok(serde_json::to_writer(out, text)?);
    }
    out.write_all(b"\"")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\"")
}

/// `true` or `false`.
fn write_flag<W: Write + ?Sized>(out: &mut W, value: bool) -> io::Result<()> {
    out.write_all(if value { b"true" } else { b"false" })
}

/// A line break after a comma if `after_comma`, then the indentation of `depth`: in two writes,
/// the first of a size known where it is compiled (copied without a call), where the
/// indentation is no deeper than [`INDENTATION`] (a national document writes ten million lines,
/// and a write into its buffer costs as much as the bytes it writes).
fn new_line<W: Write + ?Sized>(out: &mut W, depth: usize, after_comma: bool) -> io::Result<()> {
    line_break(out, after_comma)?;
    indentation(out, depth)
}

/// A line break, after a comma if `after_comma`.
fn line_break<W: Write + ?Sized>(out: &mut W, after_comma: bool) -> io::Result<()> {
    if after_comma {
        out.write_all(b",\n")
    } else {
        out.write_all(b"\n")
    }
}

/// The indentation of `depth` levels, two spaces each.
fn indentation<W: Write + ?Sized>(out: &mut W, depth: usize) -> io::Result<()> {
    let mut width = 2 * depth;
    while width > 0 {
        let now = width.min(INDENTATION.len());
        out.write_all(&INDENTATION.as_bytes()[..now])?;
        width -= now;
    }
    Ok(())
}

/// A whole number as JSON writes it, without a serializer made for it.
fn write_count<W: Write + ?Sized>(out: &mut W, value: u32) -> io::Result<()> {
    out.write_all(itoa::Buffer::new().format(value).as_bytes())
}

/// `serde_json`'s pretty printer (two spaces a level) starting at a depth: a value written
/// inside an object continues at the object's depth, where the printer itself starts at the
/// margin. Its lines are broken and indented by [`new_line`], in two writes each where the
/// printer writes each level's two spaces apart.
struct IndentedFormatter {
    depth: usize,
    /// Whether the innermost list or object closed last had a value, as the printer keeps it.
    has_value: bool,
}

impl IndentedFormatter {
    fn at(depth: usize) -> Self {
        IndentedFormatter {
            depth,
            has_value: false,
        }
    }

    /// What opens a list or an object, one level deeper.
    fn open<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// What closes a list or an object: on a line of its own, unless it is empty.
    fn close<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            new_line(out, self.depth, false)?;
        }
        out.write_all(bracket)
    }
}

impl Formatter for IndentedFormatter {
    fn begin_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        new_line(out, self.depth, !first)
    }

    fn end_array_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        new_line(out, self.depth, !first)
    }

    fn begin_object_value<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A JSON object written as it is made, byte for byte as `serde_json` writes the same fields in
/// the same layout.
pub(crate) struct ObjectWriter<'w, W: Write> {
    out: &'w mut W,
    layout: Layout,
    first: bool,
}

impl<'w, W: Write> ObjectWriter<'w, W> {
    pub(crate) fn open(out: &'w mut W, layout: Layout) -> io::Result<Self> {
        out.write_all(b"{")?;
        Ok(ObjectWriter {
            out,
            layout,
            first: true,
        })
    }

    pub(crate) fn close(self) -> io::Result<()> {
        self.layout.close(self.out, self.first, b"}")
    }

    /// An object laid out so, its fields given by `fields`.
    pub(crate) fn write(
        out: &'w mut W,
        layout: Layout,
        fields: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut object = ObjectWriter::open(out, layout)?;
        fields(&mut object)?;
        object.close()
    }

    /// An object opened and its first fields given by `fields`, left open for the rest
    /// ([`ObjectWriter::write_rest`]).
    pub(crate) fn write_first(
        out: &'w mut W,
        layout: Layout,
        fields: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        fields(&mut ObjectWriter::open(out, layout)?)
    }

    /// The fields of an object after those [`ObjectWriter::write_first`] wrote, given by `fields`
    /// (at least one), and its close: the two written one after the other are the object
    /// [`ObjectWriter::write`] writes.
    pub(crate) fn write_rest(
        out: &'w mut W,
        layout: Layout,
        fields: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut object = ObjectWriter {
            out,
            layout,
            first: false,
        };
        fields(&mut object)?;
        object.close()
    }

    /// This object, the list of its `units` field written by `write`, which may make it in
    /// parts on several cores ([`super::write_units`]).
    pub(crate) fn with_units<F>(self, write: F) -> UnitsBy<'w, W, F> {
        UnitsBy {
            object: self,
            write: Some(write),
        }
    }

    /// A field holding a list or an object (`brackets`), each of its `items` written by `item`
    /// at the layout of the entries (a node's code, `: ` and its fields; a text of a list).
    fn entries<T>(
        &mut self,
        key: Key,
        [open, close]: [&[u8]; 2],
        items: impl IntoIterator<Item = T>,
        mut item: impl FnMut(&mut W, T, Layout) -> io::Result<()>,
    ) -> io::Result<()> {
        self.key(key)?;
        let entries = self.layout.inner();
        self.out.write_all(open)?;
        let mut empty = true;
        for one in items {
            entries.entry_start(self.out, empty)?;
            empty = false;
            item(&mut *self.out, one, entries)?;
        }
        entries.close(self.out, empty, close)
    }

    /// A field's key, after what separates it from the field before: written where the field
    /// is, without a call (a million keys for a national run's scores).
    #[inline(always)]
    fn key(&mut self, key: Key) -> io::Result<()> {
        let first = std::mem::replace(&mut self.first, false);
        match self.layout {
            // `,"points":`, or without its comma for the first field.
            Layout::Compact => {
                (self.out).write_all(&key.0.compact.as_bytes()[usize::from(first)..])
            }
            Layout::Pretty { depth } => {
                line_break(self.out, !first)?;
                key.indented(self.out, depth + 1)
            }
        }
    }
}

impl<W: Write> Fields for ObjectWriter<'_, W> {
    type Error = io::Error;

    fn value<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> io::Result<()> {
        self.key(key)?;
        self.layout.inner().value(self.out, value)
    }

    fn decimal(&mut self, key: Key, value: Dec) -> io::Result<()> {
        self.key(key)?;
        // Digits, a point and a sign: nothing to escape.
        self.out.write_all(DecimalText::quoted(value.0).as_bytes())
    }

    fn rounded_and_exact(
        &mut self,
        (key, rounded): (Key, Dec),
        (exact_key, exact): (Key, Dec),
    ) -> io::Result<()> {
        let text = DecimalText::quoted(rounded.0);
        self.key(key)?;
        self.out.write_all(text.as_bytes())?;
        self.key(exact_key)?;
        // The same mantissa, scale and sign (the decimal's bytes): the same text.
        if exact.0.serialize() == rounded.0.serialize() {
            self.out.write_all(text.as_bytes())
        } else {
            self.out.write_all(DecimalText::quoted(exact.0).as_bytes())
        }
    }

    fn optional_decimal(&mut self, key: Key, value: Option<Dec>) -> io::Result<()> {
        match value {
            Some(value) => self.decimal(key, value),
            None => {
                self.key(key)?;
                self.out.write_all(b"null")
            }
        }
    }

    fn name(&mut self, key: Key, value: &'static str) -> io::Result<()> {
        self.key(key)?;
        self.out.write_all(b"\"")?;
        self.out.write_all(value.as_bytes())?;
        self.out.write_all(b"\"")
    }

    fn flag(&mut self, key: Key, value: bool) -> io::Result<()> {
        self.key(key)?;
        write_flag(self.out, value)
    }

    fn count(&mut self, key: Key, value: u32) -> io::Result<()> {
        self.key(key)?;
        write_count(self.out, value)
    }

    fn text(&mut self, key: Key, value: &str) -> io::Result<()> {
        self.key(key)?;
        write_text(self.out, value)
    }

    fn optional_text(&mut self, key: Key, value: Option<&str>) -> io::Result<()> {
        self.key(key)?;
        match value {
            Some(value) => write_text(self.out, value),
            None => self.out.write_all(b"null"),
        }
    }

    fn input(&mut self, key: Key, value: &InputValue) -> io::Result<()> {
        self.key(key)?;
        match value {
            InputValue::Text(text) => write_text(self.out, text),
            InputValue::Flag(flag) => write_flag(self.out, *flag),
        }
    }

    fn texts(&mut self, key: Key, values: &[CompactString]) -> io::Result<()> {
        self.entries(key, [b"[", b"]"], values, |out, text, _| {
            write_text(out, text)
        })
    }

    fn appraisals<'a, I>(&mut self, key: Key, rounds: I) -> io::Result<()>
    where
        I: Iterator<Item = AppraisalView<'a>> + Clone,
    {
        self.entries(key, [b"[", b"]"], rounds, |out, round, at| {
            ObjectWriter::write(out, at.inner(), |f| round.fields(f))
        })
    }

    fn nodes<'a, I: Iterator<Item = NodeView<'a>>>(
        &mut self,
        key: Key,
        nodes: impl Fn() -> I,
    ) -> io::Result<()> {
        self.entries(key, [b"{", b"}"], nodes(), |out, node, at| {
            write_text(out, node.code())?;
            at.colon(out)?;
            ObjectWriter::write(out, at.inner(), |f| node.fields(f))
        })
    }
}

/// An object whose list of units is written by someone else (see [`ObjectWriter::with_units`]).
pub(crate) struct UnitsBy<'w, W: Write, F> {
    object: ObjectWriter<'w, W>,
    write: Option<F>,
}

impl<W: Write, F> UnitsBy<'_, W, F> {
    pub(crate) fn close(self) -> io::Result<()> {
        self.object.close()
    }
}

impl<W, F> Fields for UnitsBy<'_, W, F>
where
    W: Write,
    F: FnOnce(&mut W, &[UnitResult]) -> io::Result<()>,
{
    type Error = io::Error;

    fn value<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> io::Result<()> {
        self.object.value(key, value)
    }

    fn decimal(&mut self, key: Key, value: Dec) -> io::Result<()> {
        self.object.decimal(key, value)
    }

    fn units(&mut self, key: Key, units: &[UnitResult]) -> io::Result<()> {
        let Some(write) = self.write.take() else {
            return self.object.value(key, units);
        };
        self.object.key(key)?;
        let list = self.object.layout.inner();
        self.object.out.write_all(b"[")?;
        write(&mut *self.object.out, units)?;
        list.close(self.object.out, units.is_empty(), b"]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_line_is_indented_at_any_depth() {
        for (depth, after_comma) in [(0, false), (3, true), (30, false), (31, true), (75, true)] {
            let mut ours = Vec::new();
            new_line(&mut ours, depth, after_comma).expect("written");
            let comma = if after_comma { "," } else { "" };
            let expected = format!("{comma}\n{}", " ".repeat(2 * depth));
            assert_eq!(String::from_utf8(ours).expect("text"), expected);
        }
    }

    #[test]
    fn a_key_is_indented_at_any_depth() {
        for depth in [0, 1, 5, 30, 31, 75] {
            let mut ours = Vec::new();
            key!("points").indented(&mut ours, depth).expect("written");
            let expected = format!("{}\"points\": ", " ".repeat(2 * depth));
            assert_eq!(String::from_utf8(ours).expect("text"), expected);
        }
    }

    #[test]
    fn a_value_is_indented_as_the_pretty_printer_indents_it_at_a_depth() {
        let value = serde_json::json!({
            "empty": [], "none": {}, "list": [[], {}, [1, [2]], {"a": {"b": []}}], "text": "a\nb"
        });
        for depth in [0, 1, 4, 31] {
            let mut ours = Vec::new();
            Layout::Pretty { depth }
                .value(&mut ours, &value)
                .expect("written");
            let printed = serde_json::to_string_pretty(&value).expect("written");
            let margin = format!("\n{}", " ".repeat(2 * depth));
            let expected = printed.replace('\n', &margin);
            assert_eq!(String::from_utf8(ours).expect("text"), expected);
        }
    }

    proptest! {
        #[test]
        fn a_text_is_written_as_serde_json_writes_it(text in "\\PC*|[\"\\\\\\x00-\\x1f\\x7f.0-9a-zà-ỹ]{0,8}") {
            let mut ours = Vec::new();
            write_text(&mut ours, &text).expect("written");
            prop_assert_eq!(ours, serde_json::to_vec(&text).expect("written"));
        }
    }
}
