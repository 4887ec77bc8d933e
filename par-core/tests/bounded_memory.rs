//! Memory a hostile document takes to be refused, or a table to be read, counted by this
//! binary's allocator: reading must keep no more than a small multiple of the text, however its
//! values are laid out. (Bytes counted, not time: the figures do not depend on the machine.)

use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use std::alloc::System;

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The most bytes held at once while `read` ran, beyond those held before it.
fn peak_of(read: impl FnOnce()) -> usize {
    ALLOCATOR.reset_peak_memory();
    read();
    ALLOCATOR.get_peak_memory()
}

/// One test, its cases one after another: tests run side by side would count each other's bytes.
#[test]
fn a_document_of_long_lists_is_refused_within_a_small_multiple_of_its_text() {
    let zeros = |n: usize| vec!["0"; n].join(",");
    let empties = |n: usize| vec![r#""""#; n].join(",");
    let document = |units: &str| format!(r#"{{"schema":"par.assessments/1","units":[{units}]}}"#);
    let cases = [
        // A field the format does not have, holding three million values (a JSON value each: 32
        // bytes for the two of `0,`, 96 MB kept before).
        document(&format!(
            r#"{{"unit":"A","junk":[{}],"entries":{{}}}}"#,
            zeros(3_000_000)
        )),
        // The same nested, ten to a list.
        document(&format!(
            r#"{{"unit":"A","junk":[{}],"entries":{{}}}}"#,
            vec![format!("[{}]", zeros(10)); 300_000].join(",")
        )),
        // A criterion's entry listing a million empty evidence references.
        document(&format!(
            r#"{{"unit":"A","entries":{{"1":{{"self":"1","evidence":[{}]}}}}}}"#,
            empties(1_000_000)
        )),
        // A document's own field holding three million values.
        format!(
            r#"{{"schema":"par.assessments/1","units":[],"junk":[{}]}}"#,
            zeros(3_000_000)
        ),
    ];
    for text in cases {
        let peak = peak_of(|| {
            let read = par_core::read_assessments(&text);
            assert!(read.map_or(true, |r| !r.problems.is_empty()), "refused");
        });
        assert!(
            peak < 2 * text.len(),
            "{} bytes held for {} bytes of text: {:.60}",
            peak,
            text.len(),
            text
        );
    }
    signatures_of_empty_cells_are_held_as_the_table_read_whole_keeps_them();
}

/// Signatures below a long table read as it comes are held until its end: each row as far as its
/// last filled cell, as the table read whole keeps it, not the empty cells it ends with (which
/// take no room in the table's limit). (Called by the one test above.)
fn signatures_of_empty_cells_are_held_as_the_table_read_whole_keeps_them() {
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/cases/csv-long-signatures-below-passed-over"
    );
    let read = |name: &str| std::fs::read_to_string(format!("{case}/{name}")).expect("the case");
    let m = par_core::Methodology::from_json(&read("methodology.json")).expect("valid");
    let table = read("input.csv");
    let units = table.split(";;;\n").next().expect("the units");
    // As wide as a sheet may be (16,384 columns), as a sheet's used range makes such rows.
    let empty_cells = ";".repeat(16_000);
    let names = format!("Nguyễn Văn A;;Trần Thị B{empty_cells}\n").repeat(24);
    let text = format!("{units};;;\nNGƯỜI LẬP BIỂU;;KT. GIÁM ĐỐC;\n{names}");
    let peak = peak_of(|| {
        let scorer = par_core::Scorer::new(&m, par_core::Lang::Vi);
        let streamed = par_core::score_csv_as_read(&text, scorer).expect("streamed");
        assert!(streamed.finish().is_ok(), "scored");
    });
    assert!(
        peak < text.len(),
        "{peak} bytes held for {} bytes of text",
        text.len()
    );
}
