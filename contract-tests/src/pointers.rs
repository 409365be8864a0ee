//! Dead pointers: a wire field that the catalog declares and no recorded response fills.
//!
//! A guessed wire format (`code: "/code"` where the provider sends `error_code`) classifies
//! every response as "without a readable code" and says nothing; this check says which
//! pointer matched nothing and which keys the recordings have at that level instead.

use std::collections::BTreeMap;
use std::fmt;

use catalog_core::limits::EACH;
use catalog_core::{CatalogSpec, Field, Source};
use fixtures::Recording;
use serde_json::Value;

/// A declared field of one wire shape that no recording fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadPointer {
    /// The provider id.
    pub provider: &'static str,
    /// The wire shape's name.
    pub shape: &'static str,
    /// The field.
    pub field: Field,
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

/// Where a walk along a pointer ended in one body.
#[derive(Default)]
struct Walk {
    filled: bool,
    /// Keys of the objects where the next segment was missing.
    keys_instead: Vec<String>,
    /// The pointer segments walked before the missing one (with `*` kept).
    missing_at: Option<usize>,
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
                out.keys_instead.extend(map.keys().cloned());
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
    path.iter()
        .map(|segment| format!("/{}", segment.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// Counts each key, most frequent first, then by name.
fn by_frequency(keys: Vec<String>) -> Vec<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_default() += 1;
    }
    let mut keys: Vec<(String, usize)> = counts.into_iter().collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    keys.into_iter().map(|(key, _)| key).collect()
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
pub fn dead_pointers(spec: &CatalogSpec, recordings: &[Recording]) -> Vec<DeadPointer> {
    if recordings.is_empty() {
        return Vec::new();
    }
    let bodies: Vec<Option<Value>> = recordings
        .iter()
        .map(|recording| serde_json::from_slice(&recording.body).ok())
        .collect();
    let mut dead = Vec::new();
    for shape in spec.wire.shapes {
        // Fields in declaration order, each with all its alternatives.
        let mut fields: Vec<(Field, Vec<&Source>)> = Vec::new();
        for source in shape.fields {
            match fields.iter_mut().find(|(field, _)| *field == source.field) {
                Some((_, sources)) => sources.push(&source.source),
                None => fields.push((source.field, vec![&source.source])),
            }
        }
        for (field, sources) in fields {
            let mut filled = false;
            let mut instead = Vec::new();
            let mut suggestion = None;
            for source in &sources {
                match source {
                    Source::Body(path) => {
                        let mut found = Walk::default();
                        for body in bodies.iter().flatten() {
                            walk(body, path, 0, &mut found);
                        }
                        filled |= found.filled;
                        let keys = by_frequency(found.keys_instead);
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
                        filled |= recordings
                            .iter()
                            .any(|recording| recording.headers.contains_key(*name));
                        let names = recordings
                            .iter()
                            .flat_map(|recording| recording.headers.keys())
                            .map(|name| name.as_str().to_owned())
                            .collect();
                        let names = by_frequency(names);
                        if suggestion.is_none() {
                            suggestion =
                                closest(name, &names).map(|key| format!("header \"{key}\""));
                        }
                        instead.extend(names);
                    }
                }
            }
            if filled {
                continue;
            }
            let mut seen = std::collections::BTreeSet::new();
            instead.retain(|key| seen.insert(key.clone()));
            dead.push(DeadPointer {
                provider: spec.id,
                shape: shape.name,
                field,
                sources: sources.iter().map(ToString::to_string).collect(),
                recordings: recordings.len(),
                found_instead: instead,
                suggestion,
            });
        }
    }
    dead
}
