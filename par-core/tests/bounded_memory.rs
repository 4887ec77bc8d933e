//! Memory a hostile document takes to be refused, counted by this binary's allocator: reading
//! must keep no more than a small multiple of the text, however its values are laid out. (Bytes
//! counted, not time: the figures do not depend on the machine.)

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
}
