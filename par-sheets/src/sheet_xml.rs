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
            id = relationship_id(e);
        }
    });
    let id = id?;
    let mut target = None;
    each_element(zip, "xl/_rels/workbook.xml.rels", |e| {
        if e.local_name().as_ref() == b"Relationship" && attr(e, b"Id").as_deref() == Some(&id) {
            target = attr(e, b"Target").map(Cow::into_owned);
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

/// A sheet's relationship id: its `r:id` attribute, whatever the prefix is named.
fn relationship_id(e: &BytesStart) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let id = a.key.local_name().as_ref() == b"id" && a.key.prefix().is_some();
        id.then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// A cell reference's place (`C5`: row 4, column 2).
pub(crate) fn cell_place(reference: &str) -> Option<(usize, usize)> {
    let digits = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(digits);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0usize;
    for b in letters.bytes() {
        col = col * 26 + usize::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1;
    }
    let row: usize = number.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// An attribute's value, unescaped: borrowed from the element where it needs no unescaping,
/// as a sheet's every cell's place and style do.
pub(crate) fn attr<'a>(e: &'a BytesStart, name: &[u8]) -> Option<Cow<'a, str>> {
    let a = e.try_get_attribute(name).ok()??;
    match a.value {
        Cow::Borrowed(raw) => quick_xml::escape::unescape(std::str::from_utf8(raw).ok()?).ok(),
        Cow::Owned(raw) => {
            let raw = String::from_utf8(raw).ok()?;
            Some(Cow::Owned(
                quick_xml::escape::unescape(&raw).ok()?.into_owned(),
            ))
        }
    }
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
    fn cell_references_are_places_from_zero() {
        assert_eq!(cell_place("A1"), Some((0, 0)));
        assert_eq!(cell_place("C5"), Some((4, 2)));
        assert_eq!(cell_place("AA10"), Some((9, 26)));
        assert_eq!(cell_place("5"), None);
        assert_eq!(cell_place("A0"), None);
    }
}
