//! A response classified against the `aiia` catalog: see `provider_errors_fuzz::classify`.

#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    provider_errors_fuzz::classify::<providers::Aiia>(input);
});
