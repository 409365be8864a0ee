//! Recorded responses of every seed provider classify as recorded, and cover every entry.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::Catalog;
use contract_tests::conformance;

#[test]
fn every_recording_classifies_as_expected_and_every_entry_is_covered() {
    for spec in providers::all() {
        let recordings = contract_tests::recording::load_dir(&fixtures::har_dir(spec.id))
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(!recordings.is_empty(), "{} has no recordings", spec.id);
        let report = conformance::check(spec, &recordings);
        assert!(report.passed(), "{report}");
        // The seed catalogs are covered by recorded responses alone, sub-codes included.
        let counts = report.counts();
        assert_eq!(counts.recordings, counts.total(), "{}: {counts}", spec.id);
        assert!(counts.total() >= spec.entries.len());
    }
}

#[test]
fn a_wrong_expectation_is_reported_in_one_line() {
    let spec = providers::PlaidLegacy::spec();
    let mut recordings = contract_tests::recording::load_dir(&fixtures::har_dir(spec.id)).unwrap();
    let recording = recordings
        .iter_mut()
        .find(|r| r.expected.variant.as_deref() == Some("InvalidCredentials"))
        .unwrap();
    recording.expected.retryable = Some(true);
    let report = conformance::check(spec, &recordings);
    assert_eq!(report.mismatches.len(), 1, "{report}");
    let line = report.mismatches[0].to_string();
    assert!(line.starts_with("plaid-legacy docs-table.har#"), "{line}");
    assert!(
        line.contains("`retryable` is false, the recording expects true"),
        "{line}"
    );
}

#[test]
fn an_entry_without_recordings_is_uncovered() {
    let spec = providers::PlaidLegacy::spec();
    let recordings: Vec<_> = contract_tests::recording::load_dir(&fixtures::har_dir(spec.id))
        .unwrap()
        .into_iter()
        .filter(|r| r.expected.variant.as_deref() != Some("ItemNotFound"))
        .collect();
    let report = conformance::check(spec, &recordings);
    let uncovered: Vec<&str> = report.uncovered().map(|item| item.entry.variant).collect();
    assert_eq!(uncovered, ["ItemNotFound"]);
    assert!(
        report
            .to_string()
            .contains("plaid-legacy 1610 (ItemNotFound): [coverage]"),
        "{report}"
    );
}
#[test]
fn a_server_retry_flag_that_disagrees_is_a_failure() {
    // MDES sends its own retry flag; a flag that contradicts the catalog is reported.
    let spec = providers::Mdes::spec();
    let gateway = &spec.wire.shapes[0];
    let entry = spec
        .entries
        .iter()
        .find(|entry| !entry.retry.is_retryable() && std::ptr::eq(entry.shape, gateway))
        .expect("MDES has a gateway error that is never retried");
    let rendered = providers::Mdes::from_variant_name(entry.variant)
        .unwrap()
        .render(&Default::default());
    let flipped = String::from_utf8(rendered.body)
        .unwrap()
        .replace("\"Recoverable\":false", "\"Recoverable\":true");
    let parsed = catalog_core::Classification::new(
        spec,
        rendered.status,
        &rendered.headers,
        flipped.as_bytes(),
    );
    let found = conformance::server_retry_flag(&parsed);
    assert_eq!(found.len(), 1, "{flipped}");
}
