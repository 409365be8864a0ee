//! The consistency rules over a catalog's runtime table.
//!
//! The per-row rules are `catalog_core::rules`, the very functions `provider_errors!`
//! evaluates at compile time; running them again here covers catalogs built by other means
//! and reports every exception in use. Rules over the whole table (unique keys and variants)
//! are here.

use std::fmt;

use catalog_core::rules::{self, RowFacts, Violation};
use catalog_core::spec::{CatalogSpec, Entry};
use catalog_core::{KeyCells, KeyMode, RuleSet, SharedKey};

/// A rule broken by an entry, in one line: provider, entry, rule, fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFailure {
    /// The provider id.
    pub provider: &'static str,
    /// The entry's code and variant, and the sub-code where the failure is a sub-code's.
    pub entry: String,
    /// The rule's name.
    pub rule: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for RuleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: [{}] {}",
            self.provider, self.entry, self.rule, self.message
        )
    }
}

/// Every failure, one per line.
pub fn report(failures: &[RuleFailure]) -> String {
    failures
        .iter()
        .map(|failure| format!("{failure}\n"))
        .collect()
}

fn label(entry: &Entry) -> String {
    format!("{} ({})", entry.code_text, entry.variant)
}

/// Checks every rule over a catalog.
pub fn check_catalog(spec: &CatalogSpec) -> Vec<RuleFailure> {
    let mut failures = Vec::new();
    check_unique_keys(spec, &mut failures);
    check_unique_variants(spec, &mut failures);
    for entry in spec.entries {
        let row = RowFacts {
            statuses: entry.statuses,
            retry: entry.retry,
            kind: entry.kind,
            excused: RuleSet::excused_by(entry.exceptions),
        };
        for violation in rules::check_row(row, spec.profile) {
            failures.push(rule_failure(spec, label(entry), violation));
        }
        for sub in entry.sub_codes {
            let row = RowFacts {
                statuses: entry.statuses,
                retry: sub.retry,
                kind: sub.kind,
                excused: RuleSet::excused_by(sub.exceptions),
            };
            for violation in rules::check_row(row, spec.profile) {
                let at = format!("{} sub-code {} ({})", label(entry), sub.code, sub.name);
                failures.push(rule_failure(spec, at, violation));
            }
        }
    }
    failures
}

fn rule_failure(spec: &CatalogSpec, entry: String, violation: Violation) -> RuleFailure {
    RuleFailure {
        provider: spec.id,
        entry,
        rule: violation.rule.as_str(),
        message: violation.to_string(),
    }
}

/// The key cells of an entry, for [`KeyMode::shared_key`].
fn key_cells(entry: &Entry) -> KeyCells<'_> {
    KeyCells {
        code: entry.has_code().then_some(entry.code_text),
        statuses: entry.statuses,
        category: entry.category,
    }
}

/// The key (the code, `(status, code)` or `(category, code)`) is unique within the provider;
/// a row without a code (`_`) is keyed by its statuses (and category), so there is one per
/// status. The rule is the one the macro checks, `KeyMode::shared_key`.
fn check_unique_keys(spec: &CatalogSpec, failures: &mut Vec<RuleFailure>) {
    for (i, entry) in spec.entries.iter().enumerate() {
        let clash = spec.entries[..i].iter().find_map(|earlier| {
            spec.key
                .shared_key(key_cells(earlier), key_cells(entry))
                .map(|shared| (earlier, shared))
        });
        let Some((earlier, shared)) = clash else {
            continue;
        };
        let message = match shared {
            SharedKey::Status(status) if !entry.has_code() => format!(
                "it is a second row without a code for HTTP {status}, beside {}; an error sent \
                 without a code falls to one row per status: merge the rows or give each its \
                 own statuses",
                label(earlier)
            ),
            SharedKey::CategoryStatus(category, status) => format!(
                "it is a second row without a code for category {category} and HTTP {status}, \
                 beside {}; merge the rows or give each its own statuses",
                label(earlier)
            ),
            _ => format!(
                "its key is also the key of {}; merge the rows or give each its own code{}",
                label(earlier),
                if spec.key == KeyMode::Code {
                    " (or key the provider by (status, code) or (category, code))"
                } else {
                    ""
                }
            ),
        };
        failures.push(RuleFailure {
            provider: spec.id,
            entry: label(entry),
            rule: "unique_key",
            message,
        });
    }
}

/// Variant names are unique.
fn check_unique_variants(spec: &CatalogSpec, failures: &mut Vec<RuleFailure>) {
    for (i, entry) in spec.entries.iter().enumerate() {
        if let Some(earlier) = spec.entries[..i]
            .iter()
            .find(|earlier| earlier.variant == entry.variant)
        {
            failures.push(RuleFailure {
                provider: spec.id,
                entry: label(entry),
                rule: "unique_variant",
                message: format!(
                    "variant `{}` is also {}; rename one",
                    entry.variant,
                    label(earlier)
                ),
            });
        }
    }
}

/// A declared exception and the entry it belongs to, for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredException {
    /// The provider id.
    pub provider: &'static str,
    /// The entry (and sub-code).
    pub entry: String,
    /// The rule excused.
    pub rule: &'static str,
    /// The reason given.
    pub reason: &'static str,
}

impl fmt::Display for DeclaredException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: allow({}) because {}",
            self.provider, self.entry, self.rule, self.reason
        )
    }
}

/// Every exception a catalog declares.
pub fn exceptions(spec: &CatalogSpec) -> Vec<DeclaredException> {
    let mut out = Vec::new();
    for entry in spec.entries {
        for exception in entry.exceptions {
            out.push(DeclaredException {
                provider: spec.id,
                entry: label(entry),
                rule: exception.rule.as_str(),
                reason: exception.reason,
            });
        }
        for sub in entry.sub_codes {
            for exception in sub.exceptions {
                out.push(DeclaredException {
                    provider: spec.id,
                    entry: format!("{} sub-code {}", label(entry), sub.code),
                    rule: exception.rule.as_str(),
                    reason: exception.reason,
                });
            }
        }
    }
    out
}
