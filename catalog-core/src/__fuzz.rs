//! Entry points for the fuzz targets in `fuzz/`, behind the `fuzzing` feature: what the
//! targets need of the crate's private parts, and no more. Not part of the public API.

use std::fmt;

use crate::spec::Wire;
use crate::wire::{Plan, compare_parsers, samples};

/// The wire formats the property tests hold the parsers to: the seed providers' shapes in
/// miniature, and shapes the macro would refuse (a pointer that ends where another goes on,
/// keys that need escapes, keys alike in their first eight bytes).
pub fn sample_wires() -> &'static [&'static Wire] {
    &samples::WIRES
}

/// Reads `body` along the plan of `wire` with the scanner and with the serde_json walk:
/// `Ok(true)` when the scanner decided it and serde_json decided alike, `Ok(false)` when the
/// scanner handed it over (as it must for whatever it cannot decide exactly as serde_json
/// would).
pub fn scan_agrees_with_serde(wire: &'static Wire, body: &str) -> Result<bool, Disagreement> {
    compare_parsers(&Plan::new(wire), body).map_err(Disagreement)
}

/// The scanner decided a body otherwise than serde_json: the body and both findings.
#[derive(Debug)]
pub struct Disagreement(String);

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Disagreement {}
