//! Reading an xlsx's own XML where calamine's cells do not say enough ([`crate::sheet_cells`],
//! [`crate::formulas`]): finding a sheet's part, walking a part's events, a cell's place.

use crate::Zip;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::io::BufReader;

/// The zip part holding the sheet named `sheet`: the workbook names it by relationship.
pub(crate) fn sheet_part(zip: &mut Zip, sheet: &str) -> Option<String> {
    let mut id = None;
    each_element(zip, "xl/workbook.xml", |e| {
        let named =
            e.local_name().as_ref() == b"sheet" && attr(e, b"name").as_deref() == Some(sheet);
        if named && id.is_none() {
            id = relationship_id(e).map(<[u8]>::to_vec);
        }
    });
    let id = id?;
    // Ids and targets as written, not unescaped, as calamine matches and follows them.
    let mut target = None;
    each_element(zip, "xl/_rels/workbook.xml.rels", |e| {
        let relationship = e.local_name().as_ref() == b"Relationship";
        if relationship && raw_attr(e, b"Id") == Some(&id[..]) {
            target = raw_attr(e, b"Target").map(|t| String::from_utf8_lossy(t).into_owned());
        }
    });
    // As calamine finds the part (`Xlsx::read_workbook`), so that both read the same one: a
    // target is relative to the workbook's folder, or starts with it.
    let target = target?;
    Some(match target.strip_prefix('/') {
        Some(absolute) if absolute.starts_with("xl/") => absolute.to_string(),
        _ if target.starts_with("xl/") => target,
        _ => format!("xl/{target}"),
    })
}

/// A sheet's relationship id as calamine takes it (`Xlsx::read_workbook`): the last attribute
/// named `r:id` or `relationships:id`, as written.
fn relationship_id<'a>(e: &'a BytesStart) -> Option<&'a [u8]> {
    let ids = e.attributes().flatten().filter_map(|a| match a.value {
        Cow::Borrowed(v) if matches!(a.key.as_ref(), b"r:id" | b"relationships:id") => Some(v),
        _ => None,
    });
    ids.last()
}

/// A row's or a cell's reference (`5`, `C5`) read as calamine reads it (its
/// `get_row_and_optional_column`): its row and, if it names one, its column, from 0; `None` where
/// calamine refuses it (and with it the sheet). Its figures wrap at 32 bits as calamine's do, so
/// that a reference past a sheet's end names the cell calamine put its value in.
pub(crate) fn reference(raw: &[u8]) -> Option<(u32, Option<u32>)> {
    let (mut row, mut col, mut power, mut in_row) = (0u32, 0u32, 1u32, true);
    for &c in raw.iter().rev() {
        match c {
            b'0'..=b'9' if in_row => {
                row = row.wrapping_add(u32::from(c - b'0').wrapping_mul(power));
                power = power.wrapping_mul(10);
            }
            b'A'..=b'Z' | b'a'..=b'z' => {
                if in_row {
                    if row == 0 {
                        return None;
                    }
                    (power, in_row) = (1, false);
                }
                let letter = u32::from(c.to_ascii_uppercase() - b'A') + 1;
                col = col.wrapping_add(letter.wrapping_mul(power));
                power = power.wrapping_mul(26);
            }
            _ => return None,
        }
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)))
}

/// An attribute's value as written, as calamine reads a reference: by its whole name (`r`, not
/// `x:r`), not unescaped. An element read from a part's buffer holds its attributes' values
/// there: none is made apart (`Cow::Owned`).
pub(crate) fn raw_attr<'a>(e: &'a BytesStart, name: &[u8]) -> Option<&'a [u8]> {
    e.attributes().flatten().find_map(|a| match a.value {
        Cow::Borrowed(value) if a.key.as_ref() == name => Some(value),
        _ => None,
    })
}

/// An attribute's value, unescaped: borrowed from the element where it needs no unescaping,
/// as a sheet's every cell's place and style do.
pub(crate) fn attr<'a>(e: &'a BytesStart, name: &[u8]) -> Option<Cow<'a, str>> {
    let raw = std::str::from_utf8(raw_attr(e, name)?).ok()?;
    quick_xml::escape::unescape(raw).ok()
}

/// Calls `seen` with each element of a zip part, until its end or a fault.
pub(crate) fn each_element(zip: &mut Zip, part: &str, mut seen: impl FnMut(&BytesStart)) {
    each_event(zip, part, |event| {
        if let Event::Start(e) = event {
            seen(e);
        }
    });
}

/// Calls `seen` with each event of a zip part's XML, until its end or a fault. The part's size
/// was checked with the container's ([`crate::checked_zip`]). The part is found and read as
/// calamine finds and reads it, so that a walk counts the cells calamine gives: its name in any
/// capitals or with `\`, an empty element as a start and an end (`<c r="B2" s="1"/>` is a
/// cell), an end tag not checked against its start.
pub(crate) fn each_event(zip: &mut Zip, part: &str, mut seen: impl FnMut(&Event)) {
    let name = zip
        .file_names()
        .find(|name| name.replace('\\', "/").eq_ignore_ascii_case(part))
        .map(str::to_string);
    let Some(Ok(content)) = name.map(|name| zip.by_name(&name)) else {
        return;
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return,
            Ok(event) => seen(&event),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_calamine_reads_them() {
        assert_eq!(reference(b"A1"), Some((0, Some(0))));
        assert_eq!(reference(b"C5"), Some((4, Some(2))));
        assert_eq!(reference(b"aa10"), Some((9, Some(26))));
        // A row's reference, and one written with letters, whose row calamine takes.
        assert_eq!(reference(b"5"), Some((4, None)));
        assert_eq!(reference(b"A5"), Some((4, Some(0))));
        // Past 32 bits, as calamine wraps it: row 4294967298 is row 2.
        assert_eq!(reference(b"C4294967298"), Some((1, Some(2))));
        for refused in [&b"A0"[..], b"A", b"$C$2", b"1A", b""] {
            assert_eq!(reference(refused), None, "{refused:?}");
        }
    }
}
