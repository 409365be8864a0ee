//! A loop of classifications to profile with callgrind, or to time as a whole:
//! `profile generated|handwritten|value-map|empty [provider] [corpus] [iterations]` (default:
//! plaid-legacy, known, 2,000).
//! Each iteration classifies every body of the corpus, as the criterion suite does; `empty`
//! loads the corpus and loops without classifying, to subtract the setup from a count.
use std::hint::black_box;

use catalog_core::Classification;
use provider_errors_benches::{corpora, handwritten, value_map};

/// What each iteration runs over the corpus.
#[derive(Clone, Copy)]
enum Mode {
    Generated,
    Handwritten,
    ValueMap,
    /// Loads the corpus and loops without classifying.
    Empty,
}

impl Mode {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "generated" => Some(Mode::Generated),
            "handwritten" => Some(Mode::Handwritten),
            "value-map" => Some(Mode::ValueMap),
            "empty" => Some(Mode::Empty),
            _ => None,
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_default();
    let Some(mode) = Mode::parse(&name) else {
        eprintln!("mode {name:?}: expected generated, handwritten, value-map or empty");
        std::process::exit(2);
    };
    let provider = args.next().unwrap_or_else(|| "plaid-legacy".to_owned());
    let kind = args.next().unwrap_or_else(|| "known".to_owned());
    let Some(corpus) = corpora()
        .into_iter()
        .find(|corpus| corpus.provider == provider && corpus.kind == kind)
    else {
        eprintln!("no corpus {provider} {kind}");
        std::process::exit(2);
    };
    let Some(spec) = providers::by_id(&provider) else {
        eprintln!("no provider {provider}");
        std::process::exit(2);
    };
    let parse = handwritten::for_provider(&provider);
    let map = value_map::index(spec);
    let iterations: usize = match args.next().map(|text| text.parse()) {
        None => 2_000,
        Some(Ok(iterations)) => iterations,
        Some(Err(error)) => {
            eprintln!("iterations: {error}");
            std::process::exit(2);
        }
    };
    let mut found = 0usize;
    for _ in 0..iterations {
        for case in &corpus.cases {
            match mode {
                Mode::Empty => found += black_box(&case.body).len(),
                Mode::Handwritten => {
                    let outcome = parse(case.status, &case.headers, black_box(&case.body));
                    found += usize::from(outcome.entry.is_some());
                }
                Mode::ValueMap => {
                    let outcome = black_box(value_map::classify(
                        spec,
                        &map,
                        case.status,
                        &case.headers,
                        black_box(&case.body),
                    ));
                    found += usize::from(outcome.entry.is_some());
                }
                Mode::Generated => {
                    let parsed = Classification::new(
                        spec,
                        case.status,
                        &case.headers,
                        black_box(&case.body),
                    );
                    found += usize::from(parsed.is_known());
                    black_box((parsed.message().map(str::len), parsed.retry()));
                }
            }
        }
    }
    println!(
        "{found} found; {} bodies x {iterations} iterations",
        corpus.cases.len()
    );
}
