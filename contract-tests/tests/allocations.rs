//! Classification allocates only what its result keeps: every recorded response of every seed
//! provider is classified under a counting allocator, and each allocation must be one the
//! result holds. Alone in its test binary, so that no other test allocates meanwhile.
//!
//! What this does not cover, known from reading the code: a body handed to the reference
//! parser (an escaped key, say) may use serde_json's scratch buffer for a while, and a value
//! with escapes that goes to several sources is decoded once and cloned for the others, the
//! clones that lose being freed (see BENCHMARKS.md, "Allocations").

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::alloc::System;
use std::borrow::Cow;

use catalog_core::{BodyError, BodyErrorKind, Classification, ErrorDetail};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The texts of an error that own their bytes: each was one allocation, for a value with
/// escapes to decode.
fn owned_texts(error: &ErrorDetail<'_>) -> usize {
    [
        &error.code,
        &error.sub_code,
        &error.message,
        &error.title,
        &error.detail,
        &error.remediation,
        &error.source.pointer,
        &error.source.parameter,
        &error.server_retryable_text,
    ]
    .into_iter()
    .filter(|text| matches!(text, Some(Cow::Owned(_))))
    .count()
}

/// Whether `text` lies in one of `buffers`: borrowed from the response, not allocated.
fn borrowed_from(text: &str, buffers: &[&[u8]]) -> bool {
    let start = text.as_ptr() as usize;
    buffers.iter().any(|buffer| {
        let from = buffer.as_ptr() as usize;
        start >= from && start + text.len() <= from + buffer.len()
    })
}

/// What a classification keeps on the heap, counted in allocations: decoded texts, the error
/// list once it outgrows its one inline record, and a parser error (serde_json's boxed
/// error, shared behind an `Arc`); and how often the list grew in place (a record inline,
/// then room for 2, 4, 8 and so on).
fn kept(classification: &Classification<'_>, buffers: &[&[u8]]) -> (usize, usize) {
    let errors = classification.errors();
    let texts: usize = errors.iter().map(owned_texts).sum();
    let response_texts = [classification.request_id(), classification.retry_hint()]
        .into_iter()
        .flatten()
        .filter(|text| !borrowed_from(text, buffers))
        .count();
    let list = usize::from(errors.len() > 1);
    let growth = errors
        .len()
        .next_power_of_two()
        .trailing_zeros()
        .saturating_sub(1) as usize;
    // serde_json's error (a box) and the shared handle that keeps it.
    let parser_error = match classification.body_error().map(BodyError::kind) {
        Some(BodyErrorKind::NotJson) => 2,
        _ => 0,
    };
    (texts + response_texts + list + parser_error, growth)
}

#[test]
fn classification_allocates_only_what_the_result_keeps() {
    let mut measured = 0;
    let mut allocating = 0;
    for spec in providers::all() {
        let recordings = contract_tests::recording::load_dir(&fixtures::har_dir(spec.id))
            .unwrap_or_else(|error| panic!("{error}"));
        // The catalog's lookup table and parser plan are built on first use, once.
        for recording in &recordings {
            Classification::new(spec, recording.status, &recording.headers, &recording.body);
        }
        for recording in &recordings {
            let region = Region::new(GLOBAL);
            let classification =
                Classification::new(spec, recording.status, &recording.headers, &recording.body);
            let change = region.change();
            let mut buffers: Vec<&[u8]> = vec![&recording.body];
            buffers.extend(recording.headers.values().map(|value| value.as_bytes()));
            let (expected, growth) = kept(&classification, &buffers);
            assert_eq!(
                (
                    change.allocations,
                    change.deallocations,
                    change.reallocations
                ),
                (expected, 0, growth),
                "{} {}: allocations, frees and reallocations while classifying",
                spec.id,
                recording.label(),
            );
            measured += 1;
            allocating += usize::from(expected > 0);
        }
    }
    // The recordings hold decoded texts, lists and broken bodies: the count is not vacuous.
    assert!(measured > 150, "{measured} recordings");
    assert!(allocating >= 5, "{allocating} recordings allocate");
    eprintln!("{measured} recordings classified, {allocating} of them keep allocations");
}
