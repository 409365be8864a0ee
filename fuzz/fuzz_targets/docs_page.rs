//! A docs page read, drifted and imported: see `provider_errors_fuzz::docs_page`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| provider_errors_fuzz::docs_page(input));
