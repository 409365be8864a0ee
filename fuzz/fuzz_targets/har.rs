//! A HAR file loaded: see `provider_errors_fuzz::har`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| provider_errors_fuzz::har(input));
