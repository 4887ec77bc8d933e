use indexmap::IndexMap;
use par_core::assessment::Appraisal;
use par_core::{score, Entry, InputValue, Methodology, UnitAssessment};
const UNITS: usize = 10_600;
fn methodology() -> Methodology {
    Methodology::from_json(include_str!(
        "../../fixtures/bench/national-commune-100.json"
    ))
    .expect("benchmark methodology is valid")
}

fn cents(c: u32) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn national_run(m: &Methodology) -> Vec<UnitAssessment> {
    let leaves: Vec<String> = m
        .tree()
        .into_iter()
        .filter(|t| t.leaf)
        .map(|t| t.code)
        .collect();
    (0..UNITS)
        .map(|i| {
            let entries: IndexMap<String, Entry> = leaves
                .iter()
                .enumerate()
                .map(|(j, code)| {
                    let s = ((i * 7 + j * 13) % 101) as u32;
                    let cut = (i + j) % 5 == 0;
                    let appraised = if cut { s.saturating_sub(25) } else { s };
                    let entry = Entry {
                        self_score: Some(InputValue::Text(cents(s))),
                        evidence: vec![format!("TLKC-{i}-{j}")],
                        appraisals: vec![Appraisal {
                            round: 1,
                            value: InputValue::Text(cents(appraised)),
                            reason: cut.then(|| "Thiếu tài liệu kiểm chứng".to_string()),
                            by: Some("HĐTĐ".into()),
                            points: None,
                        }],
                        ..Entry::default()
                    };
                    (code.clone(), entry)
                })
                .collect();
            UnitAssessment {
                unit: format!("Xã {i:05}"),
                block: None,
                entries,
            }
        })
        .collect()
}
fn main() {
    let m = methodology();
    let units = national_run(&m);
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let u = units.clone();
        eprintln!("clone input: {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let r = score(&m, u).unwrap();
        eprintln!("score: {:?}", t.elapsed());
        let t = std::time::Instant::now();
        drop(r);
        eprintln!("drop: {:?}", t.elapsed());
    }
}
