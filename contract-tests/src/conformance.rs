//! Recorded responses against a catalog: each must classify as its recording says, and every
//! entry must be covered by at least one recording.

use std::collections::BTreeSet;
use std::fmt;

use catalog_core::{CatalogSpec, Classification};
use fixtures::{Expected, Recording};

/// A recording that classified differently from its expectation, one field per mismatch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The provider id.
    pub provider: &'static str,
    /// `file.har#index (name)`.
    pub recording: String,
    /// The field of the expectation.
    pub field: &'static str,
    /// What the recording expects.
    pub expected: String,
    /// What the classification says.
    pub actual: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: [recording] `{}` is {}, the recording expects {}; fix the catalog row or the recording's `_expected`",
            self.provider, self.recording, self.field, self.actual, self.expected
        )
    }
}

/// The outcome for one provider.
#[derive(Clone, Debug)]
pub struct Report {
    /// The provider id.
    pub provider: &'static str,
    /// The catalog checked.
    pub spec: &'static CatalogSpec,
    /// How many entries the catalog has.
    pub entries: usize,
    /// How many recordings were checked.
    pub recordings: usize,
    /// Indices of the entries covered by a recording that classified as expected.
    pub covered: BTreeSet<usize>,
    /// Variants of entries that no recording covers.
    pub uncovered: Vec<&'static str>,
    /// Every field that differed.
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    /// No mismatch and every entry covered.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty() && self.uncovered.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for mismatch in &self.mismatches {
            writeln!(f, "{mismatch}")?;
        }
        for variant in &self.uncovered {
            let code = self
                .spec
                .entry_by_variant(variant)
                .map_or("?", |entry| entry.code_text);
            writeln!(
                f,
                "{} {code} ({variant}): [coverage] no recorded response covers this entry; \
                 capture one and add it with `record --provider {} FILE`",
                self.provider, self.provider
            )?;
        }
        Ok(())
    }
}

/// Classifies every recording and compares it with its expectation.
pub fn check(spec: &'static CatalogSpec, recordings: &[Recording]) -> Report {
    let mut covered = BTreeSet::new();
    let mut mismatches = Vec::new();
    for recording in recordings {
        let classification =
            Classification::new(spec, recording.status, &recording.headers, &recording.body);
        let mut found = compare(&recording.expected, &classification);
        found.extend(server_retry_flag(&classification));
        if found.is_empty() {
            covered.extend(
                classification
                    .entry()
                    .and_then(|entry| spec.position(entry)),
            );
        }
        mismatches.extend(found.into_iter().map(|(field, expected, actual)| Mismatch {
            provider: spec.id,
            recording: recording.label(),
            field,
            expected,
            actual,
        }));
    }
    let uncovered = spec
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !covered.contains(i))
        .map(|(_, entry)| entry.variant)
        .collect();
    Report {
        provider: spec.id,
        spec,
        entries: spec.entries.len(),
        recordings: recordings.len(),
        covered,
        uncovered,
        mismatches,
    }
}

fn show<T: fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

/// The server's own retry flag (MDES `Recoverable`) agrees with the catalog: for each error of
/// the body that sent one and matches an entry, the entry's (or its sub-code's) policy must be
/// retryable exactly when the server says so.
pub fn server_retry_flag(actual: &Classification<'_>) -> Vec<(&'static str, String, String)> {
    actual
        .errors()
        .iter()
        .enumerate()
        .filter_map(|(i, error)| {
            let flag = error.server_retryable?;
            let entry = error.entry?;
            let sub = error
                .sub_code
                .as_deref()
                .and_then(|code| entry.sub_code(code));
            let policy = sub.map_or(entry.retry, |sub| sub.retry);
            (policy.is_retryable() != flag).then(|| {
                (
                    "server_retryable",
                    format!(
                        "the catalog's `{policy}` for {} ({})",
                        entry.code_text, entry.variant
                    ),
                    format!("the server's retry flag {flag} on error {i}"),
                )
            })
        })
        .collect()
}

/// Each field the expectation names, as (field, expected, actual) where they differ.
pub fn compare(
    expected: &Expected,
    actual: &Classification<'_>,
) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut check = |field: &'static str, want: Option<String>, got: String| {
        if let Some(want) = want.filter(|want| *want != got) {
            out.push((field, want, got));
        }
    };
    let variant = actual.entry().map(|entry| entry.variant.to_owned());
    let known = expected.known.or(expected.variant.as_ref().map(|_| true));
    check("known", known.map(|k| show(&k)), show(&actual.is_known()));
    check(
        "variant",
        expected.variant.as_ref().map(|v| show(&Some(v))),
        show(&variant.as_ref()),
    );
    check(
        "code",
        expected.code.as_ref().map(show),
        show(&actual.code().map(str::to_owned)),
    );
    check(
        "sub_code",
        expected.sub_code.as_ref().map(show),
        show(&actual.sub_code().map(str::to_owned)),
    );
    check(
        "sub_variant",
        expected.sub_variant.as_ref().map(|v| show(&v.as_deref())),
        show(&actual.sub_code_entry().map(|sub| sub.name)),
    );
    let first = actual.errors().first();
    let text = |value: Option<&str>| show(&value.map(str::to_owned));
    let texts = [
        (
            "message",
            &expected.message,
            first.and_then(|e| e.message.as_deref()),
        ),
        (
            "title",
            &expected.title,
            first.and_then(|e| e.title.as_deref()),
        ),
        (
            "detail",
            &expected.detail,
            first.and_then(|e| e.detail.as_deref()),
        ),
        (
            "source_pointer",
            &expected.source_pointer,
            first.and_then(|e| e.source.pointer.as_deref()),
        ),
        (
            "source_parameter",
            &expected.source_parameter,
            first.and_then(|e| e.source.parameter.as_deref()),
        ),
    ];
    for (field, want, got) in texts {
        check(field, want.as_ref().map(show), text(got));
    }
    check(
        "retryable",
        expected.retryable.map(|r| show(&r)),
        show(&actual.is_retryable()),
    );
    check(
        "retry_after_secs",
        expected.retry_after_secs.as_ref().map(show),
        show(&actual.retry().delay.map(|delay| delay.as_secs())),
    );
    check("kind", expected.kind.clone(), actual.kind().to_string());
    check("actor", expected.actor.clone(), actual.actor().to_string());
    check(
        "errors",
        expected.errors.map(|n| n.to_string()),
        actual.errors().len().to_string(),
    );
    check(
        "request_id",
        expected.request_id.as_ref().map(show),
        show(&actual.request_id().map(str::to_owned)),
    );
    check(
        "body_error",
        expected.body_error.map(|b| show(&b)),
        show(&actual.body_error().is_some()),
    );
    out
}
