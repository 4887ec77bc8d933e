//! The synthetic national commune run (fixtures/bench/README.md): 10,600 units, a tree of 8 fields,
//! 40 criteria and 100 leaves, a self-score and one appraisal round on every leaf. Measures scoring
//! plus ranking (inputs already in memory), and reading the same run from JSON text.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use par_core::Appraisal;
use par_core::Lang;
use par_core::{
    score, AssessmentSet, CompactString, Entries, Entry, InputValue, Methodology, UnitAssessment,
};

/// Measured with the allocator the shipped `par` binary and Python extension use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const UNITS: usize = 10_600;

fn methodology() -> Methodology {
    Methodology::from_json(include_str!(
        "../../fixtures/bench/national-commune-100.json"
    ))
    .expect("benchmark methodology is valid")
}

fn cents(c: u32) -> CompactString {
    format!("{}.{:02}", c / 100, c % 100).into()
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
            let entries: Entries = leaves
                .iter()
                .enumerate()
                .map(|(j, code)| {
                    let s = ((i * 7 + j * 13) % 101) as u32;
                    let cut = (i + j) % 5 == 0;
                    let appraised = if cut { s.saturating_sub(25) } else { s };
                    let entry = Entry {
                        self_score: Some(InputValue::Text(cents(s))),
                        evidence: [format!("TLKC-{i}-{j}").into()].into(),
                        appraisals: [Appraisal {
                            round: 1,
                            value: InputValue::Text(cents(appraised)),
                            reason: cut.then(|| "Thiếu tài liệu kiểm chứng".to_string()),
                            by: Some("HĐTĐ".into()),
                        }]
                        .into(),
                        ..Entry::default()
                    };
                    (code.as_str().into(), entry)
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

fn bench(c: &mut Criterion) {
    let m = methodology();
    let units = national_run(&m);
    let mut group = c.benchmark_group("national_commune_run");
    group.sample_size(10);
    group.bench_function("score_and_rank_10600_units", |b| {
        b.iter_batched(
            || units.clone(),
            |u| score(&m, u, Lang::En).expect("scores"),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("read_json_score_rank_write_json", |b| {
        let methodology = include_str!("../../fixtures/bench/national-commune-100.json");
        let text = serde_json::to_string(&AssessmentSet::new(units.clone())).expect("serialises");
        b.iter(|| par_core::wire::score(methodology, &text, Lang::En).expect("scores"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
