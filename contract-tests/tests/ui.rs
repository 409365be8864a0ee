//! Diagnostics of `provider_errors!`: each case under `tests/ui/` is one mistake, named after
//! it, with the exact compiler output beside it. Update with `TRYBUILD=overwrite` and review
//! the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

#[test]
fn macro_diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
