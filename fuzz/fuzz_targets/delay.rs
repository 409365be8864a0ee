//! A retry hint read for a delay: see `provider_errors_fuzz::delay`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| provider_errors_fuzz::delay(input));
