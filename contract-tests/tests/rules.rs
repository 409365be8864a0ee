//! The consistency rules over the seed catalogs, and over broken copies of them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::__private::CodeIndex;
use catalog_core::RetryPolicy;
use catalog_core::spec::{CatalogSpec, Entry};
use contract_tests::rules::{check_catalog, exceptions, report};

fn seed() -> Vec<&'static CatalogSpec> {
    providers::all().to_vec()
}

#[test]
fn the_seed_catalogs_keep_every_rule() {
    for spec in seed() {
        let failures = check_catalog(spec);
        assert!(failures.is_empty(), "{}", report(&failures));
    }
}

#[test]
fn every_exception_is_reported_with_its_reason() {
    let plaid = exceptions(providers::PlaidLegacy::spec());
    let lines: Vec<String> = plaid.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|line| line.starts_with(
            "plaid-legacy 1302 (InstitutionNotResponding): allow(status_retry) because the docs ask to resubmit"
        )),
        "{lines:#?}"
    );
    for exception in seed().iter().flat_map(|spec| exceptions(spec)) {
        assert!(!exception.reason.trim().is_empty(), "{exception}");
    }
}

/// A copy of a seed catalog with its entries changed by `edit`, as a team's broken catalog.
fn broken(spec: &'static CatalogSpec, edit: impl FnOnce(&mut Vec<Entry>)) -> &'static CatalogSpec {
    let mut entries = spec.entries.to_vec();
    edit(&mut entries);
    Box::leak(Box::new(CatalogSpec {
        entries: Box::leak(entries.into_boxed_slice()),
        index: CodeIndex::new(),
        ..*spec
    }))
}

fn entry_index(spec: &'static CatalogSpec, variant: &str) -> usize {
    spec.entries
        .iter()
        .position(|entry| entry.variant == variant)
        .unwrap_or_else(|| panic!("{} has no variant {variant}", spec.id))
}

#[test]
fn a_duplicated_code_fails_with_one_line() {
    let spec = providers::PlaidLegacy::spec();
    let broken = broken(spec, |entries| {
        let i = entry_index(spec, "TypeMissing");
        entries[i].code = catalog_core::spec::Code::Int(1000);
        entries[i].code_text = "1000";
    });
    let failures = check_catalog(broken);
    assert_eq!(failures.len(), 1, "{}", report(&failures));
    assert_eq!(
        failures[0].to_string(),
        "plaid-legacy 1000 (TypeMissing): [unique_key] its key is also the key of 1000 \
         (AccessTokenMissing); merge the rows or give each its own code (or key the provider \
         by (status, code) or (category, code))"
    );
}

#[test]
fn a_server_error_that_never_retries_fails_with_one_line() {
    let spec = providers::PlaidLegacy::spec();
    let broken = broken(spec, |entries| {
        let i = entry_index(spec, "ExtractorErrorRetry");
        entries[i].retry = RetryPolicy::Never;
    });
    let failures = check_catalog(broken);
    assert_eq!(failures.len(), 1, "{}", report(&failures));
    let line = failures[0].to_string();
    assert!(
        line.starts_with("plaid-legacy 1701 (ExtractorErrorRetry): [status_retry] rule status_retry: a 5xx status"),
        "{line}"
    );
    assert!(
        line.contains("allow(status_retry"),
        "the fix is named: {line}"
    );
    assert!(!line.contains('\n'), "one line: {line}");
}

#[test]
fn an_exception_that_excuses_nothing_fails() {
    let spec = providers::PlaidLegacy::spec();
    let broken = broken(spec, |entries| {
        let i = entry_index(spec, "PlaidError");
        entries[i].retry = RetryPolicy::Backoff { retries: 3 };
    });
    let failures = check_catalog(broken);
    assert_eq!(failures.len(), 1, "{}", report(&failures));
    assert!(
        failures[0]
            .to_string()
            .contains("without `allow(status_retry, ...)`; remove the exception"),
        "{}",
        failures[0]
    );
}

#[test]
fn a_kind_that_contradicts_the_status_fails() {
    let spec = providers::PlaidLegacy::spec();
    let broken = broken(spec, |entries| {
        let i = entry_index(spec, "ItemNotFound");
        entries[i].kind = catalog_core::Kind::Unauthenticated;
    });
    let failures = check_catalog(broken);
    assert_eq!(failures.len(), 1, "{}", report(&failures));
    assert!(
        failures[0]
            .to_string()
            .starts_with("plaid-legacy 1610 (ItemNotFound): [status_kind] rule status_kind: kind `unauthenticated` does not go with status 404"),
        "{}",
        failures[0]
    );
}
