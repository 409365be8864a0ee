//! The text of a provider_errors! invocation checked and expanded: see `provider_errors_fuzz::dsl`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| provider_errors_fuzz::dsl(input));
