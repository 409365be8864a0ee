//! A response classified against the `plaid-legacy` catalog: see `provider_errors_fuzz::classify`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    provider_errors_fuzz::classify::<providers::PlaidLegacy>(input);
});
