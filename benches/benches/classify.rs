//! Classification against two baselines, side by side in one run: the expert's hand-written
//! parser and the dynamic `Value` + `HashMap` approach. Each iteration classifies every body
//! of a corpus of recorded responses; `cargo xtask bench` divides by the corpus size.

use std::hint::black_box;

use catalog_core::__private::CodeIndex;
use catalog_core::Classification;
use catalog_core::spec::{CatalogSpec, Code, Entry};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use provider_errors_benches::{corpora, handwritten, value_map};

fn classify(c: &mut Criterion) {
    for corpus in corpora() {
        // Machine-readable sizes for `cargo xtask bench`, which reports per-body figures.
        println!(
            "corpus {} {} {} {}",
            corpus.provider,
            corpus.kind,
            corpus.cases.len(),
            corpus.bytes()
        );
        let spec = providers::by_id(corpus.provider).unwrap();
        let mut group = c.benchmark_group(format!("classify/{}/{}", corpus.provider, corpus.kind));
        group.throughput(Throughput::Bytes(corpus.bytes() as u64));
        group.bench_function("generated", |b| {
            b.iter(|| {
                for case in &corpus.cases {
                    let parsed = Classification::new(
                        spec,
                        case.status,
                        &case.headers,
                        black_box(&case.body),
                    );
                    black_box((
                        parsed.entry(),
                        parsed.message().map(str::len),
                        parsed.retry(),
                    ));
                }
            })
        });
        let handwritten = handwritten::for_provider(corpus.provider);
        group.bench_function("handwritten", |b| {
            b.iter(|| {
                for case in &corpus.cases {
                    black_box(handwritten(
                        case.status,
                        &case.headers,
                        black_box(&case.body),
                    ));
                }
            })
        });
        // The floor: one pass over the bytes doing the least a reader must (finding the
        // quotes that bound every key and string), which the compiler vectorizes.
        group.bench_function("floor", |b| {
            b.iter(|| {
                for case in &corpus.cases {
                    black_box(
                        black_box(&case.body)
                            .iter()
                            .filter(|&&byte| byte == b'"')
                            .count(),
                    );
                }
            })
        });
        let map = value_map::index(spec);
        group.bench_function("value-map", |b| {
            b.iter(|| {
                for case in &corpus.cases {
                    black_box(value_map::classify(
                        spec,
                        &map,
                        case.status,
                        &case.headers,
                        black_box(&case.body),
                    ));
                }
            })
        });
        group.finish();
    }
}

/// How a synthetic catalog spells the code of its entry at an index.
type Spelling = fn(usize) -> String;

/// A catalog of `n` string codes, spelled by `code`, built at run time; lookups go through the
/// same index as the providers' catalogs.
fn synthetic(n: usize, code: Spelling) -> &'static CatalogSpec {
    let template = providers::ConnectApi::spec();
    let entries: Vec<Entry> = (0..n)
        .map(|i| {
            let code: &'static str = Box::leak(code(i).into_boxed_str());
            Entry {
                code: Code::Str(code),
                code_text: code,
                variant: code,
                ..template.entries[0]
            }
        })
        .collect();
    Box::leak(Box::new(CatalogSpec {
        entries: Box::leak(entries.into_boxed_slice()),
        index: CodeIndex::new(),
        ..*template
    }))
}

/// Lookups at 50 and 5,000 codes, for codes of 6 bytes and of 21: the index packs codes of up
/// to sixteen bytes into words and keys longer ones by text, so each form is measured.
fn lookup(c: &mut Criterion) {
    let forms: [(&str, Spelling); 2] = [
        ("short", |i| format!("E{i:05}")),
        ("long", |i| format!("synthetic-error-{i:05}")),
    ];
    let mut group = c.benchmark_group("lookup");
    for (form, code) in forms {
        for n in [50, 5000] {
            let spec = synthetic(n, code);
            let codes: Vec<String> = (0..n).step_by((n / 16).max(1)).map(code).collect();
            let status = spec.entries[0].statuses[0];
            println!("lookups {form} {} {n} {}", codes[0].len(), codes.len());
            group.bench_function(format!("{form}-{n}"), |b| {
                b.iter(|| {
                    for code in &codes {
                        black_box(spec.find(black_box(code), status));
                    }
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, classify, lookup);
criterion_main!(benches);
