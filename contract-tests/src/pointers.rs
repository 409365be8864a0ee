//! Dead pointers: a wire field that the catalog declares and no recorded response fills.
//!
//! A guessed wire format (`code: "/code"` where the provider sends `error_code`) classifies
//! every response as "without a readable code" and says nothing; this check says which
//! pointer matched nothing and which keys the recordings have at that level instead.

use std::fmt;

use catalog_core::http::HeaderMap;
use catalog_core::probe::{KeyCounts, Probe, SourceProbe};
use catalog_core::spec::{CatalogSpec, Source};

/// The fields a wire shape declares (one home: the probe's, in catalog-core).
pub use catalog_core::probe::DeclaredField;

use crate::recording::Recording;

/// A declared field of one wire shape that no recording fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadPointer {
    /// The provider id.
    pub provider: &'static str,
    /// The wire shape's name.
    pub shape: &'static str,
    /// The field.
    pub field: DeclaredField,
    /// Its declared sources, as written in the catalog (`/code`, `header X-Request-Id`).
    pub sources: Vec<String>,
    /// How many recordings were looked at.
    pub recordings: usize,
    /// The keys (or header names) the recordings have where the pointer found nothing, most
    /// frequent first.
    pub found_instead: Vec<String>,
    /// A source, as the catalog would write it (`"/error_code"`, `header "x-req"`), that the
    /// recordings have, when one of the keys found instead is close to the declared one.
    pub suggestion: Option<String>,
}

impl fmt::Display for DeadPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sources = self.sources.join(" or ");
        write!(
            f,
            "{} {}: [dead pointer] `{}: {sources}` matched none of {} recording(s)",
            self.provider, self.field, self.field, self.recordings
        )?;
        if self.shape != "json" {
            write!(f, " (wire shape `{}`)", self.shape)?;
        }
        if !self.found_instead.is_empty() {
            let keys: Vec<String> = self
                .found_instead
                .iter()
                .take(8)
                .map(|key| format!("`{key}`"))
                .collect();
            let more = if self.found_instead.len() > 8 {
                ", ..."
            } else {
                ""
            };
            write!(f, "; they have {}{more}", keys.join(", "))?;
        }
        match &self.suggestion {
            Some(suggestion) => write!(
                f,
                "; point the wire field at `{}: {suggestion}`, or record a response that has it",
                self.field
            ),
            None => write!(
                f,
                "; fix the pointer in the catalog's `wire`, remove the field, or record a response that has it"
            ),
        }
    }
}

/// The key found instead that most likely holds the field: one that contains the missing
/// segment (`error_code` for `code`), or a slip of the keyboard away from it.
fn closest<'a>(missing: &str, keys: &'a [String]) -> Option<&'a str> {
    let folded = missing.to_ascii_lowercase();
    keys.iter()
        .map(String::as_str)
        .find(|key| {
            let key = key.to_ascii_lowercase();
            key != folded && key.contains(&folded)
        })
        .or_else(|| catalog_core::suggest(missing, keys.iter().map(String::as_str)))
}

/// `path` with its segment at `at`, which the recordings lack, replaced by the key found
/// instead that most likely holds the field, as the catalog would write it; `None` when no
/// key found instead is close.
fn fixed_pointer(path: &[&str], at: usize, keys: &[String]) -> Option<String> {
    let mut fixed: Vec<&str> = path.to_vec();
    let missing = fixed.get_mut(at)?;
    *missing = closest(missing, keys)?;
    Some(format!("\"{}\"", catalog_core::pointer::join(&fixed)))
}

/// Every declared field of every wire shape that none of `recordings` fills. With no
/// recordings there is nothing to tell (coverage reports that).
pub fn dead_pointers(spec: &'static CatalogSpec, recordings: &[Recording]) -> Vec<DeadPointer> {
    let mut scan = PointerScan::new(spec);
    for recording in recordings {
        scan.add(&recording.headers, &recording.body);
    }
    scan.finish()
}

/// A field and its declared sources, each with what the recordings showed along it.
type DeclaredAlternatives<'a> = (DeclaredField, Vec<(&'a Source, &'a SourceProbe)>);

/// [`dead_pointers`] one response at a time, for recordings too many to hold at once: what
/// it keeps is bounded by the catalog's wire format, not by the count of responses.
#[derive(Debug)]
pub struct PointerScan {
    spec: &'static CatalogSpec,
    /// The classifier's walker, and every source the wire shapes declare.
    probe: Probe,
    /// Per declared source, in the probe's order, what every response seen showed along it.
    seen: Vec<SourceProbe>,
    header_names: KeyCounts,
    responses: usize,
}

impl PointerScan {
    /// A scan of no responses yet.
    pub fn new(spec: &'static CatalogSpec) -> Self {
        let probe = Probe::new(spec);
        let seen = probe
            .sources()
            .iter()
            .map(|_| SourceProbe::default())
            .collect();
        PointerScan {
            spec,
            probe,
            seen,
            header_names: KeyCounts::default(),
            responses: 0,
        }
    }

    /// Looks at one response.
    pub fn add(&mut self, headers: &HeaderMap, body: &[u8]) {
        self.responses += 1;
        for name in headers.keys() {
            self.header_names.add(name.as_str(), 1);
        }
        // A body that is not JSON fills nothing, as it gives classification nothing.
        let read = self.probe.read(body);
        let sources = self.probe.sources().iter().zip(read.sources());
        for ((declared, found), seen) in sources.zip(&mut self.seen) {
            match declared.source {
                Source::Body(_) => seen.merge(found),
                Source::Header(name) => seen.filled |= headers.contains_key(name),
            }
        }
    }

    /// The dead pointers among what was seen.
    pub fn finish(self) -> Vec<DeadPointer> {
        if self.responses == 0 {
            return Vec::new();
        }
        let header_names = self.header_names.by_frequency();
        let mut dead = Vec::new();
        for (index, shape) in self.spec.wire.shapes.iter().enumerate() {
            // Fields in declaration order, each with all its alternatives.
            let mut fields: Vec<DeclaredAlternatives<'_>> = Vec::new();
            let declared = self.probe.sources().iter().zip(&self.seen);
            for (declared, seen) in declared.filter(|(declared, _)| declared.shape == index) {
                let entry = (&declared.source, seen);
                match fields
                    .iter_mut()
                    .find(|(field, _)| *field == declared.field)
                {
                    Some((_, sources)) => sources.push(entry),
                    None => fields.push((declared.field, vec![entry])),
                }
            }
            for (field, sources) in fields {
                if sources.iter().any(|(_, seen)| seen.filled) {
                    continue;
                }
                let mut instead = Vec::new();
                let mut suggestion = None;
                for (source, seen) in &sources {
                    match source {
                        Source::Body(path) => {
                            let keys = seen.keys_instead.by_frequency();
                            if suggestion.is_none() {
                                suggestion = seen
                                    .stopped_at
                                    .and_then(|at| fixed_pointer(path, at, &keys));
                            }
                            instead.extend(keys);
                        }
                        Source::Header(name) => {
                            if suggestion.is_none() {
                                suggestion = closest(name, &header_names)
                                    .map(|key| format!("header \"{key}\""));
                            }
                            instead.extend(header_names.iter().cloned());
                        }
                    }
                }
                let mut seen = std::collections::BTreeSet::new();
                instead.retain(|key| seen.insert(key.clone()));
                dead.push(DeadPointer {
                    provider: self.spec.id,
                    shape: shape.name,
                    field,
                    sources: sources
                        .iter()
                        .map(|(source, _)| source.to_string())
                        .collect(),
                    recordings: self.responses,
                    found_instead: instead,
                    suggestion,
                });
            }
        }
        dead
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    catalog_core::provider_errors! {
        pub provider Shaped {
            id: "shaped",
            docs: "https://shaped.test/errors",
            wire: json {
                code: "/error/code",
                retryable: header "Should-Retry",
                fields: { doc_url: "/error/doc_url", request_log_url: "/error/request_log_url" },
                field_errors: "/error/errors",
            },
            columns: status | code | variant | retry | kind | actor | message,
        }
        400 | "bad" | Bad | never | invalid_request | integrator | "Bad.";
    }

    fn dead(bodies: &[&str], headers: &HeaderMap) -> Vec<(DeclaredField, Vec<String>)> {
        let mut scan = PointerScan::new(Shaped::spec());
        for body in bodies {
            scan.add(headers, body.as_bytes());
        }
        scan.finish()
            .into_iter()
            .map(|dead| (dead.field, dead.found_instead))
            .collect()
    }

    /// A field of the catalog's own, or the field errors, that no recording fills is a dead
    /// pointer named by the catalog's name; so is the retry header no response carries.
    #[test]
    fn own_fields_field_errors_and_the_retry_header_are_checked_like_any_pointer() {
        let body = r#"{"error": {"code": "bad", "doc_url": "https://shaped.test/errors#bad", "request_url": "x"}}"#;
        let found = dead(&[body], &HeaderMap::new());
        assert_eq!(
            found
                .iter()
                .map(|(field, _)| field.to_string())
                .collect::<Vec<_>>(),
            ["retryable", "request_log_url", "field_errors"]
        );
        assert_eq!(found[1].0, DeclaredField::Own("request_log_url"));
        assert_eq!(found[2].0, DeclaredField::FieldErrors);
        // What the error object has instead, for the person fixing the pointer.
        assert!(found[1].1.contains(&"request_url".to_owned()), "{found:?}");

        // Filled by one response each: none is dead.
        let mut headers = HeaderMap::new();
        headers.insert("should-retry", "true".parse().unwrap());
        let full = r#"{"error": {"code": "bad", "request_log_url": "https://shaped.test/logs/1", "errors": {"amount": ["must be positive"]}}}"#;
        assert_eq!(dead(&[body, full], &headers), []);
    }
}
