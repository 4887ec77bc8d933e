//! Assessments JSON scored with a methodology: the first line names it (see `par_fuzz::split`),
//! the rest is `par.assessments/1` text, read and scored as `wire::score_with` does. Assessments
//! read without problems write JSON that reads back the same; scored results pass
//! `par_fuzz::check_results` (score → to_json → from_json → to_json identical, views per unit) and
//! `par_fuzz::check_reports` (analysis, workbook, CSV for Excel, charts, what-if); the first unit
//! also scores as a form, and the text, taken as one unit, as a form kept open. A document scored
//! as it is read (`par_core::score_json_as_read`) gives what reading it whole gives; the reader of
//! valid documents (`AssessmentStream`) reads exactly what serde's derived reader reads, the same
//! units, and the same given in pieces cut anywhere; in parts of whole units, scored apart and
//! merged, and keeping the scores only (each unit read into the entries of the one before), it
//! scores as the one pass; with each unit's workings written out as it is scored, it writes the
//! document held whole.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_core::score_json_as_read;
use par_core::{
    json_parts, parse_assessments, read_assessments, score, AssessmentSet, AssessmentStream,
    Detail, JsonLayout, Lang, Methodology, NotRead, Problems, Results, Scorer, UnitAssessment,
    WorkingsFile,
};

fuzz_target!(|data: &[u8]| {
    let (m, body) = par_fuzz::split(data);
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let read = match read_assessments(text) {
        Ok(read) => read,
        Err(p) => return par_fuzz::render(&p),
    };
    if read.problems.is_empty() {
        let json = AssessmentSet::new(read.value.clone()).to_json();
        let back = parse_assessments(&json)
            .unwrap_or_else(|p| panic!("written assessments refused on read-back:\n{p}\n{json}"));
        assert!(back == read.value, "assessments changed on read-back");
    }
    // Any unit that reads scores as a form: its problems beside the figures, never a panic.
    if let Some(unit) = read.value.first() {
        if let Ok(form) = par_core::form::score_form(m, unit.clone(), Lang::Vi) {
            let _ = form.to_json(Lang::En);
        }
    }
    check_open_form(m, text);
    check_stream(text);
    let streamed = score_json_as_read(text, Scorer::new(m, Lang::Vi)).map(Scorer::finish);
    check_parts(m, text, streamed.as_ref());
    let scored = score(m, read, Lang::Vi);
    if let Some(streamed) = streamed {
        assert_eq!(streamed, scored, "streamed and whole differ");
    }
    // Keeping the scores only, each unit is read into the entries of the one before.
    let scores_only = Scorer::new(m, Lang::Vi).with_detail(Detail::Scores);
    if let Some(streamed) = score_json_as_read(text, scores_only).map(Scorer::finish) {
        let whole = scored.clone().map(|r| r.with_detail(Detail::Scores));
        assert_eq!(
            streamed, whole,
            "streamed and whole differ keeping the scores only"
        );
    }
    check_workings(m, text, scored.as_ref().ok());
    match scored {
        Ok(results) => {
            par_fuzz::check_results(&results);
            par_fuzz::check_wire_views(&results);
            par_fuzz::check_reports(Some(m), &results);
        }
        Err(p) => par_fuzz::render(&p),
    }
});

/// Each unit's workings written out as it is scored (as `par score -f json` writes them), the
/// document written from the scores and the workings is the one the results held whole write.
fn check_workings(m: &Methodology, text: &str, whole: Option<&Results>) {
    let workings = WorkingsFile::new(std::io::Cursor::new(Vec::new()), JsonLayout::Compact);
    let scorer = Scorer::new(m, Lang::Vi).writing_workings(&workings);
    let (Some(whole), Some(Ok(results))) =
        (whole, score_json_as_read(text, scorer).map(Scorer::finish))
    else {
        return;
    };
    let mut written = Vec::new();
    let mut held_whole = Vec::new();
    results
        .write_json_with_workings(&mut written, &workings)
        .expect("in memory");
    whole
        .write_compact_json(&mut held_whole)
        .expect("in memory");
    assert!(
        written == held_whole,
        "written with the workings written out differs"
    );
}

/// The document cut into parts of whole units (`json_parts`), scored apart and merged in order as
/// the command line scores them on every core, against the one pass (`streamed`): the same
/// results where they merge; a part that steps aside only where the one pass does.
fn check_parts(m: &Methodology, text: &str, streamed: Option<&Result<Results, Problems>>) {
    let text = par_core::json_in_nfc(text);
    for n in [2, 3, 5] {
        let Some(parts) = json_parts(&text, n) else {
            return;
        };
        let scored: Vec<_> = parts
            .iter()
            .map(|p| p.read(Scorer::new(m, Lang::Vi)))
            .collect();
        if scored.iter().any(Option::is_none) {
            assert!(
                streamed.is_none(),
                "a part of {n} stepped aside, the one pass did not"
            );
        } else if let Some(merged) = Scorer::merge_in_order(scored) {
            assert_eq!(
                Some(&merged.finish()),
                streamed,
                "{n} parts and one pass differ"
            );
        }
    }
}

/// The reader of valid documents against serde's derived reader, and in pieces (of a size the text's
/// length picks) against itself given the text at once.
fn check_stream(text: &str) {
    let streamed = |pieces: &[&str]| -> Result<Vec<UnitAssessment>, NotRead> {
        let mut stream = AssessmentStream::new(Vec::new());
        for piece in pieces {
            stream.push(piece)?;
        }
        stream.finish()
    };
    let whole = streamed(&[text]);
    // A byte-order mark starting the text is passed over, as reading whole passes it over;
    // serde's reader refuses one.
    let plain = text.strip_prefix('\u{feff}').unwrap_or(text);
    let serde = match plain.trim_start().starts_with('[') {
        true => serde_json::from_str::<Vec<UnitAssessment>>(plain).ok(),
        false => serde_json::from_str::<AssessmentSet>(plain)
            .ok()
            .filter(|set| set.schema == "par.assessments/1")
            .map(|set| set.units),
    }
    // The stream also steps aside for what reading whole refuses: a unit without a name (one
    // that shows nothing once normalised: a zero-width space), or giving more entries than a
    // unit may have.
    .filter(|units| {
        units.iter().all(|u| {
            let mut named = u.clone();
            named.normalize_names();
            !named.unit.is_empty() && u.entries.len() <= par_core::limits::UNIT_ENTRIES.max
        })
    });
    // Compared as written out: maps compare equal whatever their order, decimals whatever their
    // scale.
    assert!(
        whole.as_ref().ok().map(|u| format!("{u:?}")) == serde.map(|u| format!("{u:?}")),
        "the stream and serde read the text otherwise"
    );
    let size = 1 + text.len() % 13;
    let mut pieces = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let mut to = (from + size).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        pieces.push(&text[from..to]);
        from = to;
    }
    assert!(
        streamed(&pieces) == whole,
        "read in pieces, the text reads otherwise"
    );
}

/// The text as one unit's form kept open: opened whole, and then with each entry set again one at
/// a time, it answers the same (for text whose strings are already in NFC, as opening puts them).
fn check_open_form(m: &par_core::Methodology, text: &str) {
    let Ok(mut form) = par_core::form::FormSession::open(text) else {
        return;
    };
    let whole = form.score(m, Lang::Vi).map(|f| f.to_json(Lang::Vi));
    if par_core::json_in_nfc(text) != text {
        return;
    }
    let Ok(serde_json::Value::Object(unit)) = serde_json::from_str(text) else {
        return;
    };
    let Some(serde_json::Value::Object(entries)) = unit.get("entries") else {
        return;
    };
    for (code, entry) in entries {
        form.set_entry(code, &entry.to_string())
            .unwrap_or_else(|p| panic!("an entry of an open form refused when set again:\n{p}"));
    }
    let again = form.score(m, Lang::Vi).map(|f| f.to_json(Lang::Vi));
    assert!(
        whole.ok() == again.ok(),
        "an open form answers otherwise once its entries are set again"
    );
}
