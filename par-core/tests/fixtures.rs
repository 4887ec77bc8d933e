//! Runs every language-neutral case in `fixtures/cases/` through the wire API and compares the
//! output with the case's `expected.json`, byte for byte. The Python and JavaScript suites run
//! the very same cases against the very same files.
//!
//! A case directory holds `methodology.json` (or `methodology.txt`: a built-in id), one input —
//! `input.json` (assessments), `input.csv` (a wide or long table) or `previous.json` (or
//! `previous.csv`, a ranking as published) + `current.json` (two rankings to compare) — and `expected.json`: the results, or
//! `{"problems": [...]}` when the input is refused. An annex case holds `annex.csv` instead: a
//! criteria annex, whose import (`{"methodology", "rows", "warnings"}`) is `expected.json`; with
//! an `input.csv`, that input scored against the imported methodology is `expected-scores.json`. An optional `lang.txt` (`vi` or `en`) names
//! the language of the case's messages; without it they are Vietnamese, every binding's default.
//!
//! Variants of `input.csv` (`input-<how>.csv|txt`: the same table saved other ways) are scored from
//! their bytes and give `expected.json` too, or `expected-<how>.json` (see [`variants`]).
//!
//! A case with `expected-analysis.json` pins the criterion analysis of its results too; one with
//! `expected-read.json` pins its `input.csv` read into assessments with the warnings of its
//! reading (`{"assessments", "warnings"}`, as a portal fills a form from a sheet).
//! Each `what-if*.json` of a case is a what-if question about its results, answered in
//! `expected-what-if*.json`.
//!
//! Each `form*.json` of a case is one unit's form being filled in, scored on the case's
//! methodology in `expected-form*.json` (`par.form/1`). A case with `expected-form-model.json` pins its
//! methodology's form model (`par.form-model/1`).
//!
//! `PAR_BLESS=1 cargo test --test fixtures` rewrites the expected files; review the diff.

use par_core::{JsonLayout, Lang};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases")
}

fn read(dir: &Path, name: &str) -> Option<String> {
    fs::read_to_string(dir.join(name)).ok()
}

/// The language a case is run in: `lang.txt` (`vi` or `en`), Vietnamese when absent — the
/// default of every binding.
fn case_lang(dir: &Path) -> Lang {
    read(dir, "lang.txt").map_or(Lang::Vi, |code| {
        Lang::parse(&code).unwrap_or_else(|| panic!("{}: lang.txt is vi or en", dir.display()))
    })
}

/// What the wire API answers for a case: its output, or its problems as JSON.
fn run_case(dir: &Path) -> String {
    let lang = case_lang(dir);
    let methodology = read(dir, "methodology.json")
        .or_else(|| read(dir, "methodology.txt").map(|s| s.trim().to_string()));
    if let Some(annex) = read(dir, "annex.csv") {
        return par_core::wire::import_csv(&annex, annex_header(), lang)
            .unwrap_or_else(|p| par_core::wire::problems_json(&p, lang));
    }
    // The previous ranking may be a published table (previous.csv) rather than results.
    let previous = read(dir, "previous.json").or_else(|| read(dir, "previous.csv"));
    let outcome = if let (Some(previous), Some(current)) = (previous, read(dir, "current.json")) {
        par_core::wire::compare(&previous, &current)
    } else {
        let m = methodology.expect("a case needs methodology.json or methodology.txt");
        match read(dir, "detail.txt") {
            Some(detail) => scored_with_detail(dir, &m, detail.trim(), lang),
            None => {
                if let Some(input) = read(dir, "input.json") {
                    par_core::wire::score(&m, &input, lang)
                } else if let Some(csv) = read(dir, "input.csv") {
                    par_core::wire::score_csv(&m, &csv, lang)
                } else {
                    panic!("{}: no input", dir.display())
                }
            }
        }
    };
    outcome.unwrap_or_else(|p| par_core::wire::problems_json(&p, lang))
}

/// A case's input.json scored keeping the detail its detail.txt names (`full`, `scores`), as
/// the bindings' `detail` option does.
fn scored_with_detail(
    dir: &Path,
    methodology: &str,
    detail: &str,
    lang: Lang,
) -> Result<String, par_core::Problems> {
    let detail = par_core::Detail::resolve(Some(detail))?;
    let m = par_core::wire::load_methodology(methodology)?;
    let input = read(dir, "input.json").expect("a detail case has input.json");
    Ok(par_core::wire::score_with(&m, &input, lang, detail)?.to_json())
}

/// A case's input.csv read into assessments, with the warnings of its reading (`read_csv`, as a
/// portal reads a department's sheet to fill a form); its problems when it does not read.
fn table_read(dir: &Path) -> String {
    let lang = case_lang(dir);
    let answer = (|| {
        let methodology = read(dir, "methodology.json")
            .or_else(|| read(dir, "methodology.txt").map(|s| s.trim().to_string()))
            .expect("a case needs a methodology");
        let m = par_core::wire::load_methodology(&methodology)?;
        let csv = read(dir, "input.csv").expect("a read case has input.csv");
        par_core::wire::read_csv(&m, &csv, None, &Default::default(), lang)
    })();
    answer.unwrap_or_else(|p| par_core::wire::problems_json(&p, lang))
}

/// Whether a table read into assessments says what scoring it says of its reading: the
/// warnings of `read` are the results' warnings but those scoring alone gives (no unit, units
/// without a block). A table refused in reading is refused in scoring; one that reads may still
/// be refused by scoring (a score above its max), which leaves nothing to compare.
fn read_as_scored(dir: &Path, read: &str, scored: &str) -> Option<String> {
    let json = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("JSON");
    let (read, scored) = (json(read), json(scored));
    let by_scoring = ["no_units", "block_missing"];
    let of_reading = |warnings: &serde_json::Value| -> Vec<serde_json::Value> {
        let all = warnings.as_array().cloned().unwrap_or_default();
        let code = |w: &serde_json::Value| w["code"].as_str().unwrap_or_default().to_string();
        all.into_iter()
            .filter(|w| !by_scoring.contains(&code(w).as_str()))
            .collect()
    };
    let alike = match (read.get("problems"), scored.get("problems")) {
        (_, Some(_)) => true,
        (Some(_), None) => false,
        (None, None) => of_reading(&read["warnings"]) == of_reading(&scored["warnings"]),
    };
    (!alike).then(|| {
        format!(
            "{}: expected-read.json does not say what scoring says of reading the table",
            dir.display()
        )
    })
}

/// The answer to the last step of a form kept open (`open-form*.json`): `open` the unit as first
/// sent, then each of `set`'s entries changed in turn (an entry given as text is sent as that
/// text); a refused step's problems.
fn open_form(methodology: &str, steps: &Path, lang: Lang) -> String {
    let steps: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(steps).expect("readable")).expect("JSON");
    let m = par_core::Methodology::from_json(methodology).expect("a valid methodology");
    let answer = (|| {
        let mut form = par_core::form::FormSession::open(&steps["open"].to_string())?;
        for step in steps["set"].as_array().expect("a list of steps") {
            let entry = match &step["entry"] {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            form.set_entry(step["code"].as_str().expect("a code"), &entry)?;
        }
        Ok(form.score(&m, lang)?.to_json(lang))
    })();
    answer.unwrap_or_else(|p: par_core::Problems| par_core::wire::problems_json(&p, lang))
}

/// Writes `actual` as the expected file when blessing; else says that `source`'s answer differs
/// from it, if it does.
fn differs(bless: bool, expected: &Path, actual: &str, source: &Path) -> Option<String> {
    if bless {
        fs::write(expected, actual).expect("writable");
        return None;
    }
    let same = fs::read_to_string(expected).ok().as_deref() == Some(actual);
    (!same).then(|| format!("{}: differs from {}", source.display(), expected.display()))
}

/// A case's files named `<prefix>*.json` (what-if questions, forms), each with its expected
/// answer's path (`expected-<name>`).
fn named(dir: &Path, prefix: &str) -> Vec<(PathBuf, PathBuf)> {
    let mut found: Vec<(PathBuf, PathBuf)> = fs::read_dir(dir)
        .expect("readable case")
        .map(|e| e.expect("readable").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            (name.starts_with(prefix) && name.ends_with(".json"))
                .then(|| (path.clone(), dir.join(format!("expected-{name}"))))
        })
        .collect();
    found.sort();
    found
}

/// The answer to a what-if question about a case's results, or its problems.
fn what_if(dir: &Path, results: &str, question: &Path) -> String {
    let lang = case_lang(dir);
    let methodology = read(dir, "methodology.json").expect("a what-if case has methodology.json");
    let question = fs::read_to_string(question).expect("readable");
    par_core::wire::what_if(&methodology, results, &question, lang)
        .unwrap_or_else(|p| par_core::wire::problems_json(&p, lang))
}

/// What an annex case says of its methodology beyond the annex: its id, as the file's name would
/// give it.
fn annex_header() -> par_core::import::Header {
    par_core::import::Header {
        id: "annex".into(),
        ..Default::default()
    }
}

/// An annex case's `input.csv` scored against the methodology its annex imports to.
fn annex_scores(dir: &Path) -> Option<String> {
    let lang = case_lang(dir);
    let annex = read(dir, "annex.csv")?;
    let input = read(dir, "input.csv")?;
    let table = par_core::Table::from_criteria_csv(&annex).expect("the annex reads");
    let imported =
        par_core::import::import(&table, &[], annex_header()).expect("the annex imports");
    let scored =
        par_core::wire::score_csv_with(&imported.methodology, &input, lang, par_core::Detail::Full);
    Some(match scored {
        Ok(results) => results.to_json(),
        Err(p) => par_core::wire::problems_json(&p, lang),
    })
}

/// The same table saved other ways (`input-<how>.csv` or `.txt`: with a byte-order mark, as
/// Windows-1258, as UTF-16 "Unicode Text", typed with decomposed accents), each scored from its
/// bytes as a file is read. Each gives `expected.json`, or `expected-<how>.json` where the way it
/// was saved shows in the results (a guessed encoding is said in a warning).
fn variants(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut found: Vec<(PathBuf, PathBuf)> = fs::read_dir(dir)
        .expect("readable case")
        .map(|e| e.expect("readable").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let how = name.strip_prefix("input-")?.rsplit_once('.')?.0.to_string();
            let own = dir.join(format!("expected-{how}.json"));
            let expected = if own.exists() {
                own
            } else {
                dir.join("expected.json")
            };
            Some((path, expected))
        })
        .collect();
    found.sort();
    found
}

fn variant_outcome(dir: &Path, input: &Path) -> String {
    let lang = case_lang(dir);
    let id = read(dir, "methodology.txt").expect("a variant case names a built-in");
    let m = par_core::builtin(id.trim()).expect("a built-in");
    let bytes = fs::read(input).expect("readable");
    match par_core::wire::score_table_bytes(&m, bytes, lang) {
        Ok(results) => results.to_json(),
        Err(p) => par_core::wire::problems_json(&p, lang),
    }
}

#[test]
fn every_case_matches_its_expected_output() {
    let bless = std::env::var_os("PAR_BLESS").is_some();
    let mut dirs: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("fixtures/cases exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 40,
        "expected the whole fixture set, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        if let Some(actual) = annex_scores(dir) {
            let path = dir.join("expected-scores.json");
            if bless {
                fs::write(&path, &actual).expect("writable");
            } else if fs::read_to_string(&path).ok().as_deref() != Some(actual.as_str()) {
                failures.push(format!(
                    "{}: scores differ from expected-scores.json",
                    dir.display()
                ));
            }
        }
        for (input, expected) in variants(dir) {
            let actual = variant_outcome(dir, &input);
            let own = expected.file_name() != Some("expected.json".as_ref());
            if bless && own {
                fs::write(&expected, &actual).expect("writable");
            } else if !bless
                && fs::read_to_string(&expected).ok().as_deref() != Some(actual.as_str())
            {
                failures.push(format!(
                    "{}: differs from {}",
                    input.display(),
                    expected.display()
                ));
            }
        }
        let actual = run_case(dir);
        // A case may also pin the criterion analysis of its results.
        let analysis_path = dir.join("expected-analysis.json");
        if analysis_path.exists() {
            let analysis = par_core::wire::analyze(&actual)
                .unwrap_or_else(|p| par_core::wire::problems_json(&p, case_lang(dir)));
            if bless {
                fs::write(&analysis_path, &analysis).expect("writable");
            } else if fs::read_to_string(&analysis_path).ok().as_deref() != Some(analysis.as_str())
            {
                failures.push(format!(
                    "{}: analysis differs from expected-analysis.json",
                    dir.display()
                ));
            }
        }
        // A table case may pin the table read into assessments, with what reading did with it.
        let read_path = dir.join("expected-read.json");
        if read_path.exists() {
            let answer = table_read(dir);
            failures.extend(differs(bless, &read_path, &answer, &dir.join("input.csv")));
            failures.extend(read_as_scored(dir, &answer, &actual));
        }
        let model_path = dir.join("expected-form-model.json");
        if model_path.exists() {
            let methodology =
                read(dir, "methodology.json").expect("a form case has methodology.json");
            let model = par_core::wire::form_model(&methodology)
                .unwrap_or_else(|p| par_core::wire::problems_json(&p, case_lang(dir)));
            if bless {
                fs::write(&model_path, &model).expect("writable");
            } else if fs::read_to_string(&model_path).ok().as_deref() != Some(model.as_str()) {
                failures.push(format!(
                    "{}: differs from expected-form-model.json",
                    dir.display()
                ));
            }
        }
        for (form, expected) in named(dir, "form") {
            let lang = case_lang(dir);
            let methodology =
                read(dir, "methodology.json").expect("a form case has methodology.json");
            let unit = fs::read_to_string(&form).expect("readable");
            let answer = par_core::wire::score_form(&methodology, &unit, lang)
                .unwrap_or_else(|p| par_core::wire::problems_json(&p, lang));
            failures.extend(differs(bless, &expected, &answer, &form));
        }
        for (steps, expected) in named(dir, "open-form") {
            let methodology =
                read(dir, "methodology.json").expect("a form case has methodology.json");
            let answer = open_form(&methodology, &steps, case_lang(dir));
            failures.extend(differs(bless, &expected, &answer, &steps));
        }
        for (question, expected) in named(dir, "what-if") {
            let answer = what_if(dir, &actual, &question);
            failures.extend(differs(bless, &expected, &answer, &question));
        }
        let expected_path = dir.join("expected.json");
        if bless {
            fs::write(&expected_path, &actual).expect("writable");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!(
                "{}: output differs from expected.json",
                dir.display()
            )),
            Err(_) => failures.push(format!("{}: no expected.json", dir.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every case's results written on one line are its expected document, key for key; and each
/// layout is written byte for byte as serde_json writes the results: whole, as they are made,
/// and with the units written by someone else in two parts (as the command line writes them on
/// two cores).
#[test]
fn the_compact_document_is_the_indented_one_on_one_line() {
    let mut checked = 0;
    for entry in fs::read_dir(cases_dir()).expect("fixtures/cases exists") {
        let Some(expected) = read(&entry.expect("readable").path(), "expected.json") else {
            continue;
        };
        let Ok(results) = par_core::Results::from_json(&expected) else {
            continue; // a case whose expected output is its problems
        };
        let compact = results.to_compact_json();
        assert_eq!(compact.lines().count(), 1);
        let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("JSON");
        assert_eq!(value(&compact), value(&expected));
        let by_serde = serde_json::to_string(&results).expect("JSON") + "\n";
        assert_eq!(compact, by_serde);
        let pretty = results.to_json();
        let by_serde = serde_json::to_string_pretty(&results).expect("JSON") + "\n";
        assert_eq!(pretty, by_serde);

        let mut written = Vec::new();
        results.write_compact_json(&mut written).expect("written");
        assert_eq!(String::from_utf8(written).expect("UTF-8"), compact);
        let mut written = Vec::new();
        results.write_json(&mut written).expect("written");
        assert_eq!(String::from_utf8(written).expect("UTF-8"), pretty);

        let mut in_parts = Vec::new();
        results
            .write_compact_json_with(&mut in_parts, |out, units| {
                let (first, second) = units.split_at(units.len() / 2);
                par_core::write_compact_units(out, first)?;
                if !first.is_empty() && !second.is_empty() {
                    out.write_all(b",")?;
                }
                par_core::write_compact_units(out, second)
            })
            .expect("written");
        assert_eq!(String::from_utf8(in_parts).expect("UTF-8"), compact);
        for (layout, whole) in [
            (JsonLayout::Compact, &compact),
            (JsonLayout::Pretty, &pretty),
        ] {
            let mut in_parts = Vec::new();
            results
                .write_json_with(&mut in_parts, layout, |out, units| {
                    let (first, second) = units.split_at(units.len() / 2);
                    par_core::write_units(out, first, layout, false)?;
                    par_core::write_units(out, second, layout, !first.is_empty())
                })
                .expect("written");
            assert_eq!(&String::from_utf8(in_parts).expect("UTF-8"), whole);
        }
        // No units: an empty list, in either layout.
        let mut none = results.clone();
        none.units.clear();
        assert_eq!(
            none.to_json(),
            serde_json::to_string_pretty(&none).expect("JSON") + "\n"
        );
        assert_eq!(
            none.to_compact_json(),
            serde_json::to_string(&none).expect("JSON") + "\n"
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} cases have results");
}

/// Storage for a unit's workings that takes `room` bytes, then fails: a full disk.
struct FillsUp {
    written: std::io::Cursor<Vec<u8>>,
    room: usize,
}

impl std::io::Write for FillsUp {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let left = self.room.saturating_sub(self.written.get_ref().len());
        match left {
            0 => Err(std::io::Error::other("no room left")),
            left => self.written.write(&bytes[..bytes.len().min(left)]),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::io::Read for FillsUp {
    fn read(&mut self, bytes: &mut [u8]) -> std::io::Result<usize> {
        self.written.read(bytes)
    }
}

impl std::io::Seek for FillsUp {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.written.seek(to)
    }
}

/// Every case's input scored with each unit's workings written out as it is scored (as the
/// command line writes a results document) gives its document byte for byte, in either layout,
/// also when the storage fills up part way (the units after keep their inputs).
#[test]
fn a_document_whose_units_workings_were_written_out_as_scored_is_the_one_held_whole() {
    let mut checked = 0;
    for entry in fs::read_dir(cases_dir()).expect("fixtures/cases exists") {
        let dir = entry.expect("readable").path();
        let (Some(input), None) = (read(&dir, "input.json"), read(&dir, "detail.txt")) else {
            continue;
        };
        let Some(methodology) = read(&dir, "methodology.json")
            .or_else(|| read(&dir, "methodology.txt").map(|s| s.trim().to_string()))
        else {
            continue;
        };
        let lang = case_lang(&dir);
        let Ok(m) = par_core::wire::load_methodology(&methodology) else {
            continue; // a case of a methodology refused
        };
        let Ok(whole) = par_core::wire::score_with(&m, &input, lang, par_core::Detail::Full) else {
            continue; // refused: no document
        };
        for layout in [JsonLayout::Pretty, JsonLayout::Compact] {
            let mut held_whole = Vec::new();
            whole
                .write_json_with(&mut held_whole, layout, |out, units| {
                    par_core::write_units(out, units, layout, false)
                })
                .expect("written");
            let half = held_whole.len() / 2;
            for room in [usize::MAX, half, 0] {
                let storage = FillsUp {
                    written: Default::default(),
                    room,
                };
                let workings = par_core::WorkingsFile::new(storage, layout);
                let scorer = par_core::Scorer::new(&m, lang).writing_workings(&workings);
                let scored = par_core::score_json_as_read(&input, scorer).expect("read");
                let results = scored.finish().expect("scored as whole");
                // Written out, a unit keeps no input in memory.
                let kept = |u: &par_core::UnitResult| u.nodes.iter().any(|n| n.input().is_some());
                match room {
                    0 => assert!(!results.wrote_workings_out()),
                    usize::MAX => {
                        assert_eq!(results.wrote_workings_out(), !results.units.is_empty());
                        assert!(!results.units.iter().any(kept), "{}", dir.display());
                    }
                    _ => {} // the first unit's workings may take more than half
                }
                let mut written = Vec::new();
                results
                    .write_json_with_workings(&mut written, &workings)
                    .expect("written");
                assert!(written == held_whole, "{} ({room})", dir.display());
            }
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} cases have results");
}
