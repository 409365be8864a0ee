//! The changes of a catalog's settings and of its wire format.

use std::collections::BTreeSet;

use catalog_core::{Field, KeyMode};

use super::{Change, ChangeKind, Class, Resending, quoted};
use crate::snapshot::{FieldErrorsSnapshot, ShapeSnapshot, Snapshot};

fn key_mode(mode: KeyMode) -> &'static str {
    match mode {
        KeyMode::Code => "code",
        KeyMode::StatusCode => "(status, code)",
        KeyMode::CategoryCode => "(category, code)",
    }
}
/// The provider's settings.
pub(super) fn settings(old: &Snapshot, new: &Snapshot, changes: &mut Vec<Change>) {
    use ChangeKind::*;
    if old.id != new.id {
        changes.push(Change::new(
            IdChanged,
            Class::Breaking,
            format!(
                "the provider id `{}` is now `{}`: the commands, recordings' folder, docs page, snapshot and metrics labels go by it",
                old.id, new.id
            ),
        ));
    }
    if old.type_name != new.type_name {
        changes.push(Change::new(
            TypeRenamed,
            Class::Breaking,
            format!(
                "the enum `{}` is now `{}`: every use of the old name no longer compiles",
                old.type_name, new.type_name
            ),
        ));
    }
    if old.key != new.key {
        changes.push(Change::new(
            KeyModeChanged,
            Class::Breaking,
            format!(
                "the key was {}, is {}: responses are looked up another way, and may classify as another variant or none",
                key_mode(old.key),
                key_mode(new.key)
            ),
        ));
    }
    if old.errors_in_2xx != new.errors_in_2xx {
        changes.push(if new.errors_in_2xx {
            Change::new(
                ErrorsIn2xxChanged,
                Class::Behaviour,
                "errors are now read in 2xx bodies: a 2xx response that holds a code is an error",
            )
        } else {
            Change::new(
                ErrorsIn2xxChanged,
                Class::Breaking,
                "errors are no longer read in 2xx bodies: a 2xx response that holds a code was an error, and is a success now",
            )
        });
    }
    if old.idempotency_header != new.idempotency_header {
        let (detail, resending) = match (&old.idempotency_header, &new.idempotency_header) {
            (None, Some(header)) => (
                format!(
                    "the provider now reads idempotency keys from `{header}`: the retry adapters send one with requests that are not idempotent (a POST), and resend them after any retryable error"
                ),
                Some(Resending::More),
            ),
            (Some(header), None) => (
                format!(
                    "the idempotency header `{header}` is gone: a request that is not idempotent is resent only after errors that say it was not processed"
                ),
                Some(Resending::Less),
            ),
            (old_header, new_header) => (
                format!(
                    "the idempotency header was {}, is {}: the retry adapters send the new one, and a provider that reads only the old one sees no key",
                    quoted(old_header.as_deref()),
                    quoted(new_header.as_deref())
                ),
                None,
            ),
        };
        changes.push(
            Change::new(IdempotencyHeaderChanged, Class::Behaviour, detail)
                .with_resending(resending),
        );
    }
    if old.coverage != new.coverage {
        let direction = if new.coverage < old.coverage {
            "lowered: fewer entries need a response or an `untested` reason"
        } else {
            "raised: more entries need a response or an `untested` reason"
        };
        changes.push(Change::new(
            CoverageChanged,
            Class::Compatible,
            format!(
                "the coverage threshold was {}%, is {}%: {direction}",
                old.coverage, new.coverage
            ),
        ));
    }
    redaction(
        SensitiveChanged,
        &old.sensitive,
        &new.sensitive,
        "is declared sensitive now: its values are redacted in every output and recording",
        "is no longer declared sensitive: its values show in classify's output, logs and new recordings",
        changes,
    );
    redaction(
        NotSensitiveChanged,
        &new.not_sensitive,
        &old.not_sensitive,
        "is no longer declared not_sensitive: values named like secrets there are redacted again",
        "is declared not_sensitive now: values named like secrets there are shown as sent",
        changes,
    );
    if old.name != new.name {
        changes.push(Change::new(
            NameChanged,
            Class::Compatible,
            format!("the name {:?} is now {:?}", old.name, new.name),
        ));
    }
    if old.docs != new.docs {
        changes.push(Change::new(
            DocsChanged,
            Class::Compatible,
            format!(
                "the docs page {} is now {}: `drift --url` fetches the new one",
                old.docs, new.docs
            ),
        ));
    }
    let groups: BTreeSet<&String> = old
        .group_pages
        .keys()
        .chain(new.group_pages.keys())
        .collect();
    for group in groups {
        let (before, after) = (old.group_pages.get(group), new.group_pages.get(group));
        if before != after {
            changes.push(Change::new(
                GroupPageChanged,
                Class::Compatible,
                format!(
                    "the docs page of group {group:?} was {}, is {}",
                    quoted(before.map(String::as_str)),
                    quoted(after.map(String::as_str))
                ),
            ));
        }
    }
}

/// Sources added to or removed from a redaction list: `redacts_more` are sources in `more`
/// and not in `less` (more is redacted), the rest less.
fn redaction(
    change: ChangeKind,
    less: &[String],
    more: &[String],
    redacts_more: &str,
    redacts_less: &str,
    changes: &mut Vec<Change>,
) {
    for source in more.iter().filter(|source| !less.contains(source)) {
        changes.push(Change::new(
            change,
            Class::Compatible,
            format!("`{source}` {redacts_more}"),
        ));
    }
    for source in less.iter().filter(|source| !more.contains(source)) {
        changes.push(Change::new(
            change,
            Class::Behaviour,
            format!("`{source}` {redacts_less}"),
        ));
    }
}

fn sources(list: Option<&Vec<String>>) -> String {
    match list {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|source| format!("`{source}`"))
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "nothing".to_owned(),
    }
}

/// The wire shapes and their fields.
pub(super) fn wire(old: &[ShapeSnapshot], new: &[ShapeSnapshot], changes: &mut Vec<Change>) {
    use ChangeKind::*;
    let named = |shapes: &[ShapeSnapshot], name: &str| -> Option<usize> {
        shapes.iter().position(|shape| shape.name == name)
    };
    for shape in old.iter().filter(|shape| named(new, &shape.name).is_none()) {
        changes.push(Change::new(
            WireShapeRemoved,
            Class::Breaking,
            format!(
                "the wire shape `{}` is gone: responses only it read no longer classify",
                shape.name
            ),
        ));
    }
    let kept_old: Vec<&str> = old
        .iter()
        .filter(|shape| named(new, &shape.name).is_some())
        .map(|shape| shape.name.as_str())
        .collect();
    let kept_new: Vec<&str> = new
        .iter()
        .filter(|shape| named(old, &shape.name).is_some())
        .map(|shape| shape.name.as_str())
        .collect();
    if kept_old != kept_new {
        changes.push(Change::new(
            WireShapesReordered,
            Class::Breaking,
            format!(
                "the wire shapes are tried in another order ({} was {}): the first that finds a code decides, so a response may be read another way",
                kept_new.join(", "),
                kept_old.join(", ")
            ),
        ));
    }
    for (position, shape) in new.iter().enumerate() {
        if named(old, &shape.name).is_some() {
            continue;
        }
        let before_others = new[position + 1..]
            .iter()
            .any(|later| named(old, &later.name).is_some());
        changes.push(if before_others {
            Change::new(
                WireShapeAdded,
                Class::Breaking,
                format!(
                    "the wire shape `{}` is new and tried before shapes there were: a response they read may now be read by it",
                    shape.name
                ),
            )
        } else {
            Change::new(
                WireShapeAdded,
                Class::Compatible,
                format!(
                    "the wire shape `{}` is new, tried after the others: responses none of them read may classify now",
                    shape.name
                ),
            )
        });
    }
    for old_shape in old {
        let Some(new_shape) = new.iter().find(|shape| shape.name == old_shape.name) else {
            continue;
        };
        let fields: BTreeSet<Field> = old_shape
            .fields
            .keys()
            .chain(new_shape.fields.keys())
            .copied()
            .collect();
        for field in fields {
            let (before, after) = (old_shape.fields.get(&field), new_shape.fields.get(&field));
            if before == after {
                continue;
            }
            let moved = format!(
                "`{field}` in the wire shape `{}` was read from {}, is read from {}",
                old_shape.name,
                sources(before),
                sources(after)
            );
            changes.push(match field {
                Field::Retryable => Change::new(
                    RetryFlagSourceChanged,
                    Class::Behaviour,
                    format!(
                        "{moved}: the server's own retry flag is read elsewhere, and the harness checks the catalog's policies against it there"
                    ),
                ),
                Field::RetryAfter => Change::new(
                    RetryDelaySourceChanged,
                    Class::Behaviour,
                    format!("{moved}: the delay before a retry is read elsewhere"),
                ),
                _ if before.is_none() => Change::new(
                    WireFieldAdded,
                    Class::Compatible,
                    format!("{moved}: one more field is read from responses"),
                ),
                _ => Change::new(
                    WirePointerChanged,
                    Class::Breaking,
                    format!("{moved}: responses read with the old pointer may no longer classify"),
                ),
            });
        }
        own_fields(old_shape, new_shape, changes);
        field_errors(old_shape, new_shape, changes);
    }
}

/// The catalog's own fields of one shape (`fields: { doc_url: ... }`): a pointer changed or
/// removed is breaking like any wire pointer (`error.field("doc_url")` finds nothing where it
/// found the value), a field added is compatible.
fn own_fields(old: &ShapeSnapshot, new: &ShapeSnapshot, changes: &mut Vec<Change>) {
    let names: BTreeSet<&String> = old.own_fields.keys().chain(new.own_fields.keys()).collect();
    for name in names {
        let (before, after) = (old.own_fields.get(name), new.own_fields.get(name));
        if before == after {
            continue;
        }
        let moved = format!(
            "the catalog's own field `{name}` in the wire shape `{}` was read from {}, is read from {}",
            old.name,
            sources(before),
            sources(after)
        );
        changes.push(if before.is_none() {
            Change::new(
                ChangeKind::WireFieldAdded,
                Class::Compatible,
                format!("{moved}: `field({name:?})` now gives the value where responses send it"),
            )
        } else {
            Change::new(
                ChangeKind::WirePointerChanged,
                Class::Breaking,
                format!(
                    "{moved}: `field({name:?})` of a response read with the old pointer may now be none, in code, logs and error screens"
                ),
            )
        });
    }
}

fn field_errors_source(source: Option<&FieldErrorsSnapshot>) -> String {
    match source {
        Some(source) => format!(
            "`{}` (a list's members `{}` and `{}`)",
            source.pointer, source.field, source.message
        ),
        None => "nothing".to_owned(),
    }
}

/// Where one shape reads field errors: moved, removed or with other member names is breaking
/// (old responses no longer yield them), added is compatible.
fn field_errors(old: &ShapeSnapshot, new: &ShapeSnapshot, changes: &mut Vec<Change>) {
    let (before, after) = (old.field_errors.as_ref(), new.field_errors.as_ref());
    if before == after {
        return;
    }
    let moved = format!(
        "the field errors in the wire shape `{}` were read from {}, are read from {}",
        old.name,
        field_errors_source(before),
        field_errors_source(after)
    );
    changes.push(if before.is_none() {
        Change::new(
            ChangeKind::WireFieldAdded,
            Class::Compatible,
            format!("{moved}: `field_errors()` now lists them where responses send them"),
        )
    } else {
        Change::new(
            ChangeKind::WirePointerChanged,
            Class::Breaking,
            format!(
                "{moved}: responses read with the old pointer may no longer yield their field errors"
            ),
        )
    });
}
