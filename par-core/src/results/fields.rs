//! The fields of a unit's result and of a node's, in order, written once for two writers: serde's
//! map, for every serializer (the indented document, a binding's objects), and the compact JSON
//! writer of large documents, which writes each key and each decimal straight into the output.
//!
//! serde_json passes every key and every string value through its escaping loop a byte at a
//! time. A national run's compact document is millions of keys and decimals, none of which has
//! anything to escape: that loop took a fifth of the instructions of writing it. Text that
//! comes from the input (names, codes, reasons) still goes through serde_json, escaped.

use super::{Listed, NodeView};
use crate::decimal::{Dec, DecimalText};
use serde::ser::{Serialize, SerializeMap};
use std::io::{self, Write};

/// Where the fields of a result object go, one by one, in order.
pub(super) trait Fields {
    type Error;

    /// A field of any value.
    fn value<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error>;

    /// A field holding a decimal (its text, as [`Dec`] serialises it).
    fn decimal(&mut self, key: &'static str, value: Dec) -> Result<(), Self::Error> {
        self.value(key, &value)
    }

    /// A field holding a decimal or `null`.
    fn optional_decimal(
        &mut self,
        key: &'static str,
        value: Option<Dec>,
    ) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.decimal(key, value),
            None => self.value(key, &value),
        }
    }

    /// A field holding nodes keyed by code, in the order `nodes` gives them.
    fn nodes<'a, I: Iterator<Item = NodeView<'a>>>(
        &mut self,
        key: &'static str,
        nodes: impl Fn() -> I,
    ) -> Result<(), Self::Error> {
        self.value(key, &Listed(nodes))
    }
}

/// The fields as entries of a serde map.
pub(super) struct MapFields<M>(pub M);

impl<M: SerializeMap> MapFields<M> {
    pub(super) fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

impl<M: SerializeMap> Fields for MapFields<M> {
    type Error = M::Error;

    fn value<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }
}

/// A JSON object written on one line, byte for byte as `serde_json::to_writer` writes the same
/// fields.
pub(super) struct CompactObject<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<'w, W: Write> CompactObject<'w, W> {
    pub(super) fn open(out: &'w mut W) -> io::Result<Self> {
        out.write_all(b"{")?;
        Ok(CompactObject { out, first: true })
    }

    pub(super) fn close(self) -> io::Result<()> {
        self.out.write_all(b"}")
    }

    /// A field's key: the engine's own names, ASCII letters and underscores, nothing to escape.
    fn key(&mut self, key: &'static str) -> io::Result<()> {
        let start: &[u8] = if self.first { b"\"" } else { b",\"" };
        self.first = false;
        self.out.write_all(start)?;
        self.out.write_all(key.as_bytes())?;
        self.out.write_all(b"\":")
    }
}

impl<W: Write> Fields for CompactObject<'_, W> {
    type Error = io::Error;

    fn value<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> io::Result<()> {
        self.key(key)?;
        Ok(serde_json::to_writer(&mut *self.out, value)?)
    }

    fn decimal(&mut self, key: &'static str, value: Dec) -> io::Result<()> {
        self.key(key)?;
        // Digits, a point and a sign: nothing to escape.
        self.out.write_all(b"\"")?;
        self.out.write_all(DecimalText::of(value.0).as_bytes())?;
        self.out.write_all(b"\"")
    }

    fn nodes<'a, I: Iterator<Item = NodeView<'a>>>(
        &mut self,
        key: &'static str,
        nodes: impl Fn() -> I,
    ) -> io::Result<()> {
        self.key(key)?;
        self.out.write_all(b"{")?;
        for (i, node) in nodes().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            // A code comes from the input: escaped as any text.
            serde_json::to_writer(&mut *self.out, node.code())?;
            self.out.write_all(b":")?;
            let mut fields = CompactObject::open(&mut *self.out)?;
            node.fields(&mut fields)?;
            fields.close()?;
        }
        self.out.write_all(b"}")
    }
}
