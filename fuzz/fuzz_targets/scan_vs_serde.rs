//! The scanner against serde_json on one body: see `provider_errors_fuzz::scan_vs_serde`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| provider_errors_fuzz::scan_vs_serde(input));
