//! Dead pointers: a wire field that the catalog declares and no recorded response fills.
//!
//! A guessed wire format (`code: "/code"` where the provider sends `error_code`) classifies
//! every response as "without a readable code" and says nothing; this check says which
//! pointer matched nothing and which keys the recordings have at that level instead.

use std::collections::BTreeMap;
use std::fmt;

use catalog_core::http::HeaderMap;
use catalog_core::limits::EACH;
use catalog_core::{CatalogSpec, Field, Shape, Source};
use serde_json::Value;

use crate::recording::Recording;

/// A field a wire shape declares: one of the vocabulary's, a field of the catalog's own
/// (`fields: { doc_url: ... }`), or the field errors (`field_errors: ...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeclaredField {
    /// One of the vocabulary's fields (`code`, `message`, ...).
    Wire(Field),
    /// A field of the catalog's own, by its name.
    Own(&'static str),
    /// The field errors.
    FieldErrors,
}

impl fmt::Display for DeclaredField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeclaredField::Wire(field) => write!(f, "{field}"),
            DeclaredField::Own(name) => f.write_str(name),
            DeclaredField::FieldErrors => f.write_str("field_errors"),
        }
    }
}

/// Every source a shape declares, with what it reads, in declaration order: its fields, its
/// own fields, then its field errors.
fn declared_sources(shape: &'static Shape) -> Vec<(DeclaredField, Source)> {
    let fields = shape
        .fields
        .iter()
        .map(|source| (DeclaredField::Wire(source.field), source.source));
    let own = shape
        .extra_fields
        .iter()
        .map(|extra| (DeclaredField::Own(extra.name), extra.source));
    let field_errors = shape
        .field_errors
        .map(|source| (DeclaredField::FieldErrors, Source::Body(source.path)));
    fields.chain(own).chain(field_errors).collect()
}

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

/// Where the walks along one pointer ended, over every body seen.
#[derive(Debug, Default)]
struct Walk {
    filled: bool,
    /// How often each key was seen in the objects where the next segment was missing.
    keys_instead: BTreeMap<String, usize>,
    /// The pointer segments walked before the missing one (with `*` kept).
    missing_at: Option<usize>,
}

/// The most distinct keys (or header names) kept for the "they have" list: enough to name
/// what is there, bounded whatever the recordings hold.
const MAX_KEYS_KEPT: usize = 256;

fn count_key(counts: &mut BTreeMap<String, usize>, key: &str) {
    if let Some(count) = counts.get_mut(key) {
        *count += 1;
    } else if counts.len() < MAX_KEYS_KEPT {
        counts.insert(key.to_owned(), 1);
    }
}

/// Follows `path` through `value`: `*` is each element of a list (a lone object counts as a
/// list of one), a number indexes a list. Filled means a value other than `null` was found.
fn walk(value: &Value, path: &[&str], depth: usize, out: &mut Walk) {
    let Some((segment, rest)) = path.split_first() else {
        out.filled |= !value.is_null();
        return;
    };
    match (value, *segment) {
        (Value::Array(items), EACH) => {
            for item in items {
                walk(item, rest, depth + 1, out);
            }
        }
        (Value::Object(_), EACH) => walk(value, rest, depth + 1, out),
        (Value::Object(map), key) => match map.get(key) {
            Some(next) => walk(next, rest, depth + 1, out),
            None => {
                for key in map.keys() {
                    count_key(&mut out.keys_instead, key);
                }
                out.missing_at.get_or_insert(depth);
            }
        },
        (Value::Array(items), index) => {
            if let Some(next) = index.parse::<usize>().ok().and_then(|i| items.get(i)) {
                walk(next, rest, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn pointer(path: &[&str]) -> String {
    catalog_core::pointer::join(path)
}

/// The keys, most frequent first, then by name.
fn by_frequency(counts: &BTreeMap<String, usize>) -> Vec<String> {
    let mut keys: Vec<(&String, &usize)> = counts.iter().collect();
    keys.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    keys.into_iter().map(|(key, _)| key.clone()).collect()
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

/// Every declared field of every wire shape that none of `recordings` fills. With no
/// recordings there is nothing to tell (coverage reports that).
pub fn dead_pointers(spec: &'static CatalogSpec, recordings: &[Recording]) -> Vec<DeadPointer> {
    let mut scan = PointerScan::new(spec);
    for recording in recordings {
        scan.add(&recording.headers, &recording.body);
    }
    scan.finish()
}

/// One declared source of a field: the source, what the walks along it found, and its
/// position among all the catalog's sources (for header sources).
type Alternative<'a> = (&'a Source, &'a Walk, usize);

/// A field and its declared sources, each with what the walks along it found.
type DeclaredAlternatives<'a> = (DeclaredField, Vec<Alternative<'a>>);

/// [`dead_pointers`] one response at a time, for recordings too many to hold at once: what
/// it keeps is bounded by the catalog's wire format, not by the count of responses.
#[derive(Debug)]
pub struct PointerScan {
    spec: &'static CatalogSpec,
    /// Per wire shape, every source it declares, in declaration order.
    sources: Vec<Vec<(DeclaredField, Source)>>,
    /// Per wire shape, per declared source, in declaration order.
    walks: Vec<Vec<Walk>>,
    header_names: BTreeMap<String, usize>,
    headers_seen: Vec<bool>,
    responses: usize,
}

impl PointerScan {
    /// A scan of no responses yet.
    pub fn new(spec: &'static CatalogSpec) -> Self {
        let sources: Vec<Vec<(DeclaredField, Source)>> =
            spec.wire.shapes.iter().map(declared_sources).collect();
        let walks = sources
            .iter()
            .map(|shape| shape.iter().map(|_| Walk::default()).collect())
            .collect();
        let count = sources.iter().map(Vec::len).sum();
        PointerScan {
            spec,
            sources,
            walks,
            header_names: BTreeMap::new(),
            headers_seen: vec![false; count],
            responses: 0,
        }
    }

    /// Looks at one response.
    pub fn add(&mut self, headers: &HeaderMap, body: &[u8]) {
        self.responses += 1;
        let body: Option<Value> = serde_json::from_slice(body).ok();
        for name in headers.keys() {
            count_key(&mut self.header_names, name.as_str());
        }
        let mut flat = 0;
        for (sources, walks) in self.sources.iter().zip(&mut self.walks) {
            for ((_, source), walk_state) in sources.iter().zip(walks.iter_mut()) {
                match source {
                    Source::Body(path) => {
                        if let Some(body) = &body {
                            walk(body, path, 0, walk_state);
                        }
                    }
                    Source::Header(name) => {
                        self.headers_seen[flat] |= headers.contains_key(*name);
                    }
                }
                flat += 1;
            }
        }
    }

    /// The dead pointers among what was seen.
    pub fn finish(self) -> Vec<DeadPointer> {
        if self.responses == 0 {
            return Vec::new();
        }
        let header_names = by_frequency(&self.header_names);
        let mut dead = Vec::new();
        let mut flat = 0;
        for ((shape, sources), walks) in self
            .spec
            .wire
            .shapes
            .iter()
            .zip(&self.sources)
            .zip(&self.walks)
        {
            // Fields in declaration order, each with all its alternatives.
            let mut fields: Vec<DeclaredAlternatives<'_>> = Vec::new();
            for ((declared, source), walk_state) in sources.iter().zip(walks) {
                let entry = (source, walk_state, flat);
                flat += 1;
                match fields.iter_mut().find(|(field, _)| field == declared) {
                    Some((_, sources)) => sources.push(entry),
                    None => fields.push((*declared, vec![entry])),
                }
            }
            for (field, sources) in fields {
                let mut filled = false;
                let mut instead = Vec::new();
                let mut suggestion = None;
                for (source, found, flat) in &sources {
                    match source {
                        Source::Body(path) => {
                            filled |= found.filled;
                            let keys = by_frequency(&found.keys_instead);
                            if suggestion.is_none()
                                && let Some(at) = found.missing_at
                            {
                                suggestion = closest(path[at], &keys).map(|key| {
                                    let mut fixed = path.to_vec();
                                    fixed[at] = key;
                                    format!("\"{}\"", pointer(&fixed))
                                });
                            }
                            instead.extend(keys);
                        }
                        Source::Header(name) => {
                            filled |= self.headers_seen[*flat];
                            if suggestion.is_none() {
                                suggestion = closest(name, &header_names)
                                    .map(|key| format!("header \"{key}\""));
                            }
                            instead.extend(header_names.iter().cloned());
                        }
                    }
                }
                if filled {
                    continue;
                }
                let mut seen = std::collections::BTreeSet::new();
                instead.retain(|key| seen.insert(key.clone()));
                dead.push(DeadPointer {
                    provider: self.spec.id,
                    shape: shape.name,
                    field,
                    sources: sources
                        .iter()
                        .map(|(source, _, _)| source.to_string())
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
