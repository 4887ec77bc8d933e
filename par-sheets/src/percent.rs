//! Which number cells of an xlsx sheet Excel shows as percentages. A unit types a measured rate
//! as `97%`: Excel stores 0.97 and formats the cell `0%`, and calamine gives the 0.97 alone. The
//! cell's style names its number format (`xl/styles.xml`), which says so: the built-in formats 9
//! (`0%`) and 10 (`0.00%`), or a custom one with a `%` outside quotes.

use super::Zip;
use par_core::limits::TABLE_CELLS;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;
use std::io::BufReader;

/// The places (row and column, from 0) of the number cells of the sheet named `sheet` whose
/// style shows them as percentages. Empty where the workbook has no such style, or its parts
/// cannot be followed: the cells are then read as they are stored, as before.
pub(crate) fn percent_cells(zip: &mut Zip, sheet: &str) -> HashSet<(usize, usize)> {
    let styles = percent_styles(zip);
    if !styles.contains(&true) {
        return HashSet::new();
    }
    let Some(part) = sheet_part(zip, sheet) else {
        return HashSet::new();
    };
    let mut cells = HashSet::new();
    // The percentage cell being walked, until its value is seen: a formatted cell without one
    // (a formatted block of empty cells) holds nothing, and is not kept.
    let mut pending = None;
    each_event(zip, &part, |event| match event {
        Event::Start(e) if e.local_name().as_ref() == b"c" => pending = percent_cell(e, &styles),
        Event::Start(e) if e.local_name().as_ref() == b"v" => {
            // As many as the table's cells at most: a larger sheet is refused anyway.
            if let Some(place) = pending.take().filter(|_| cells.len() < TABLE_CELLS.max) {
                cells.insert(place);
            }
        }
        Event::End(e) if e.local_name().as_ref() == b"c" => pending = None,
        _ => {}
    });
    cells
}

/// The place of a number cell whose style shows a percentage. A text, a formula's text or a
/// truth value shows none; a cell without its reference (`r`) is left as stored.
fn percent_cell(e: &BytesStart, styles: &[bool]) -> Option<(usize, usize)> {
    let number = attr(e, b"t").as_deref().is_none_or(|t| t == "n");
    let style: usize = attr(e, b"s")?.parse().ok()?;
    if !number || styles.get(style) != Some(&true) {
        return None;
    }
    cell_place(&attr(e, b"r")?)
}

/// For each cell style (`cellXfs`, in order), whether its number format shows a percentage.
fn percent_styles(zip: &mut Zip) -> Vec<bool> {
    let mut custom_percent = HashSet::new();
    let mut styles = Vec::new();
    let mut in_cell_styles = false;
    each_event(zip, "xl/styles.xml", |event| match event {
        Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
            b"numFmt" => {
                let code = attr(e, b"formatCode").unwrap_or_default();
                if shows_percent(&code) {
                    custom_percent.extend(attr(e, b"numFmtId"));
                }
            }
            b"cellXfs" => in_cell_styles = matches!(event, Event::Start(_)),
            b"xf" if in_cell_styles => {
                let id = attr(e, b"numFmtId").unwrap_or_default();
                styles.push(id == "9" || id == "10" || custom_percent.contains(&id));
            }
            _ => {}
        },
        Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_styles = false,
        _ => {}
    });
    styles
}

/// Whether a number format's first section shows a percentage: a `%` not quoted (`"%"`),
/// escaped (`\%`), the character after `_` (a space as wide as it) or `*` (a fill), nor inside
/// brackets (`[$%-409]`, a locale).
fn shows_percent(code: &str) -> bool {
    let (mut quoted, mut skip_next, mut bracketed) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if skip_next => skip_next = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            ']' => bracketed = false,
            _ if bracketed => {}
            '[' => bracketed = true,
            '\\' | '_' | '*' => skip_next = true,
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// The zip part holding the sheet named `sheet`: the workbook names it by relationship.
fn sheet_part(zip: &mut Zip, sheet: &str) -> Option<String> {
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
        if e.local_name().as_ref() == b"Relationship" && attr(e, b"Id").as_ref() == Some(&id) {
            target = attr(e, b"Target");
        }
    });
    let target = target?;
    // A target is relative to the workbook's folder, or absolute in the package.
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
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
fn cell_place(reference: &str) -> Option<(usize, usize)> {
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

/// An attribute's value, unescaped.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    let raw = std::str::from_utf8(&a.value).ok()?;
    Some(quick_xml::escape::unescape(raw).ok()?.into_owned())
}

/// Calls `seen` with each element (start or empty) of a zip part, until its end or a fault.
fn each_element(zip: &mut Zip, part: &str, mut seen: impl FnMut(&BytesStart)) {
    each_event(zip, part, |event| {
        if let Event::Start(e) | Event::Empty(e) = event {
            seen(e);
        }
    });
}

/// Calls `seen` with each event of a zip part's XML, until its end or a fault. The part's size
/// was checked with the container's ([`super::checked_zip`]).
fn each_event(zip: &mut Zip, part: &str, mut seen: impl FnMut(&Event)) {
    let Ok(content) = zip.by_name(part) else {
        return;
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
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
    fn percent_formats_are_those_excel_shows_with_a_percent_sign() {
        for (code, percent) in [
            ("0%", true),
            ("0.00%", true),
            ("#,##0.0%", true),
            ("0.00\"%\"", false),
            ("0\\%", false),
            ("0.00;[Red]-0.00%", false),
            ("[Red]0.00%", true),
            ("[$%-409]0.00", false),
            ("0.00_%", false),
            ("0.00*%", false),
            ("General", false),
        ] {
            assert_eq!(shows_percent(code), percent, "{code}");
        }
    }

    #[test]
    fn cell_references_are_places_from_zero() {
        assert_eq!(cell_place("A1"), Some((0, 0)));
        assert_eq!(cell_place("C5"), Some((4, 2)));
        assert_eq!(cell_place("AA10"), Some((9, 26)));
        assert_eq!(cell_place("5"), None);
        assert_eq!(cell_place("A0"), None);
    }
}
