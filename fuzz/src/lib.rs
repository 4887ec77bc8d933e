//! What the fuzz targets share: the methodologies an input is scored against, the checks every
//! scored result must pass, and the CLI's CSV writer.

use par_core::whatif::{what_if, Question, Target};
use par_core::{
    builtin, compare::compare, list_builtin, score, wire, Entry, Lang, Methodology, Results, Table,
    UnitAssessment,
};
use par_core::{NodeDef, SurveyInput};
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// Every valid methodology of `fixtures/cases` (named by its case directory) and every built-in
/// (named by its id), loaded once per process. Fixture methodologies cover every rule, policy and
/// block setup the suites test; the built-ins are the real trees.
pub fn catalogue() -> &'static [(String, Methodology)] {
    static CATALOGUE: OnceLock<Vec<(String, Methodology)>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/cases");
        let mut dirs: Vec<_> = std::fs::read_dir(cases)
            .expect("fixtures/cases beside the fuzz crate")
            .map(|e| e.expect("fixtures/cases entry").path())
            .collect();
        dirs.sort();
        let mut all = Vec::new();
        for dir in dirs {
            let Ok(text) = std::fs::read_to_string(dir.join("methodology.json")) else {
                continue;
            };
            // Cases of invalid methodologies (error-methodology...) have nothing to score with.
            if let Ok(m) = Methodology::from_json(&text) {
                let name = dir.file_name().unwrap().to_string_lossy().into_owned();
                all.push((name, m));
            }
        }
        for b in list_builtin() {
            let m = builtin(&b.id).expect("a listed built-in loads");
            all.push((b.id, m));
        }
        all
    })
}

/// Splits an input into the methodology its first line names and the text after that line. A
/// first line naming none (what mutations mostly make of it) still picks one by a hash of its
/// bytes, so every input is scored against something; seeds name theirs (see seed.sh), which keeps
/// them readable and independent of the catalogue's order.
pub fn split(data: &[u8]) -> (&'static Methodology, &[u8]) {
    let (key, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&data[..0], data),
    };
    let all = catalogue();
    let named = all.iter().find(|(name, _)| name.as_bytes() == key);
    let m = match named {
        Some((_, m)) => m,
        None => {
            let hash = key
                .iter()
                .fold(0usize, |h, &b| h.wrapping_mul(31).wrapping_add(b.into()));
            &all[hash % all.len()].1
        }
    };
    (m, body)
}

/// The properties of a scored run: its JSON reads back as equal results and writes the same JSON
/// again, and the views of [`check_views`] hold.
pub fn check_results(results: &Results) {
    let json = results.to_json();
    let back = Results::from_json(&json)
        .unwrap_or_else(|p| panic!("results JSON refused on read-back:\n{p}\n{json}"));
    assert!(back.to_json() == json, "results JSON changed on read-back");
    assert!(
        back == *results,
        "results read back differ from those written"
    );
    check_views(results);
}

/// What is made from results for decisions and reports, none of which may panic: the criterion
/// analysis, the Excel workbook, CSV for Excel, every chart (changes against the results
/// themselves), and — given the methodology they were scored on — what-if questions on the first
/// unit (nothing assumed, its way up to rank 1 and to the next band), which leave it where it
/// stands.
pub fn check_reports(m: Option<&Methodology>, results: &Results) {
    let _ = par_core::analysis::analyze(results).map(|a| a.to_json());
    let same = compare(results, results);
    for lang in Lang::ALL {
        let report = par_report::Report {
            results,
            methodology: m,
            comparison: Some(&same),
            lang,
        };
        let _ = par_report::workbook(&report);
        let _ = par_report::ranking_csv(results, lang);
        let _ = par_report::analysis_csv(results, lang);
        let _ = par_report::changes_csv(&same, lang);
        for kind in par_report::ChartKind::ALL {
            par_report::chart(kind, results, Some(&same), lang).expect("a chart of scored results");
        }
    }
    let (Some(m), Some(first)) = (m, results.units.first()) else {
        return;
    };
    for target in [None, Some(Target::Rank(1)), Some(Target::NextBand)] {
        let question = Question {
            unit: first.unit.clone(),
            set: Default::default(),
            target,
        };
        if let Ok(answer) = what_if(m, results, &question, Lang::Vi) {
            assert_eq!(
                answer.before, answer.after,
                "nothing assumed moved the unit"
            );
            let _ = answer.to_json();
        }
    }
}

/// Problems said in every language, as bindings show them: their texts are made from what the
/// input held, so they are fuzzed too.
pub fn render(p: &par_core::Problems) {
    for lang in Lang::ALL {
        let json = p.to_json(lang);
        assert!(json.contains("\"problems\""), "problems JSON: {json}");
        assert_eq!(p.lines(lang).lines().count(), p.problems.len());
    }
}

/// The wire API's views, which read the results text again (once per input: per unit, inputs of
/// many units would spend their time parsing).
pub fn check_wire_views(results: &Results) {
    if let Some(u) = results.units.first() {
        let json = results.to_json();
        wire::explain(&json, &u.unit).expect("wire::explain of a unit of the results");
        wire::lost_points(&json, &u.unit).expect("wire::lost_points of a unit of the results");
    }
}

/// Views of any results that read: every unit can be explained and ranked, and comparing the
/// results with themselves matches every unit and moves none (unit names are unique in results:
/// scoring refuses duplicates and reading results back checks).
pub fn check_views(results: &Results) {
    for u in &results.units {
        let found = results.unit(&u.unit).expect("a unit of the results");
        let _ = found.to_json();
        results.lost_points(&u.unit).expect("lost points of a unit");
    }
    let _ = results.rank_table();
    let same = compare(results, results);
    let _ = same.to_json();
    assert!(same.only_in_previous.is_empty() && same.only_in_current.is_empty());
    assert!(same.units.len() == results.units.len());
    for m in &same.units {
        let moved = !m.change.0.is_zero() || m.rank_change != 0;
        assert!(!moved, "self-comparison moved {m:?}");
    }
}

/// Scoring with any methodology that reads: a unit with every leaf at its max scores the
/// methodology's max (index 100), alone and beside a unit that entered nothing, and the results
/// pass [`check_results`].
pub fn check_scoring(m: &Methodology) {
    let full = full_marks(m);
    let empty = UnitAssessment {
        unit: "nothing entered".into(),
        block: full.block.clone(),
        entries: Default::default(),
    };
    if let Ok(r) = score(m, vec![full.clone()], Lang::Vi) {
        let u = &r.units[0];
        assert!(
            u.points_exact.0 == m.max(),
            "full marks scored {:?}",
            u.points_exact
        );
        // A tree whose max is 0 has no index to speak of; the engine decides what it prints.
        if !m.max().is_zero() {
            let index = u.index_exact.0;
            assert!(index == Decimal::ONE_HUNDRED, "full marks index {index}");
        }
        check_results(&r);
    }
    if let Ok(r) = score(m, vec![full, empty], Lang::Vi) {
        check_results(&r);
    }
}

/// A unit with every leaf at its max: as a final value, or as survey points for survey leaves.
pub fn full_marks(m: &Methodology) -> UnitAssessment {
    fn walk(n: &NodeDef, survey: bool, unit: &mut UnitAssessment) {
        let survey = survey || n.survey;
        if n.children.is_empty() {
            let entry = if survey {
                Entry {
                    survey: Some(SurveyInput::Points(n.max)),
                    ..Entry::default()
                }
            } else {
                Entry {
                    value: Some(n.max),
                    ..Entry::default()
                }
            };
            unit.entries.insert(n.code.as_str().into(), entry);
        }
        for c in &n.children {
            walk(c, survey, unit);
        }
    }
    let mut unit = UnitAssessment {
        unit: "full marks".into(),
        block: m.def().blocks.first().map(|b| b.id.clone()),
        entries: Default::default(),
    };
    for n in &m.def().nodes {
        walk(n, false, &mut unit);
    }
    unit
}

/// A table as CSV text, as `par methodology export` writes it.
pub fn to_csv(table: &Table) -> String {
    match par_cli::files::to_csv(table) {
        Ok(text) => text,
        Err(_) => panic!("a table the engine made cannot be written as CSV"),
    }
}
