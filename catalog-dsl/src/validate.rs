//! Checks across rows and settings, each a small function stating its rule.
//!
//! The per-row consistency rules (status/retry, status/kind) are `catalog_vocab::rules`, the
//! very functions the contract harness runs over the runtime table: [`check_rules`] runs them
//! on every row here, so a broken row is an error at its own cell.

use std::collections::HashMap;

use catalog_vocab::limits::{EACH, MAX_ENTRIES, MAX_FIELD_SOURCES, MAX_SHAPES};
use catalog_vocab::{
    Field, KeyCells, KeyMode, Problem, Profile, RowFacts, Rule, RuleSet, SharedKey, Violation,
    rules,
};
use proc_macro2::Span;
use syn::Ident;

use crate::ctxt::{Ctxt, unknown};
use crate::model::{Catalog, Code, Exception, Reads};

pub(crate) fn check(catalog: &Catalog, cx: &mut Ctxt) {
    check_not_empty(catalog, cx);
    check_rules(catalog, cx);
    check_unique_keys(catalog, cx);
    check_category_key(catalog, cx);
    check_unique_variants(catalog, cx);
    check_code_types(catalog, cx);
    check_shapes(catalog, cx);
    check_list_paths(catalog, cx);
    check_field_errors_paths(catalog, cx);
    check_sub_codes(catalog, cx);
    check_categories(catalog, cx);
    check_group_shapes(catalog, cx);
    check_docs_map(catalog, cx);
    check_untested_sub_codes(catalog, cx);
}

/// A sub-code of an `untested` entry is untested with it: its own `untested` says nothing
/// more, and would outlive the entry's when a response comes (as an unneeded `allow` does).
fn check_untested_sub_codes(catalog: &Catalog, cx: &mut Ctxt) {
    for entry in &catalog.entries {
        let Some(parent) = &entry.untested else {
            continue;
        };
        for sub in &entry.sub_codes {
            if let Some(own) = &sub.untested {
                cx.duplicate(
                    own.span,
                    parent.span,
                    format!(
                        "sub-code \"{}\" of `{}` is untested with its entry already; remove \
                         this `untested`, or the entry's if some sub-codes can be provoked",
                        sub.code, entry.variant
                    ),
                    format!("`{}` is untested here", entry.variant),
                );
            }
        }
    }
}

/// Every row, and every sub-code row with its entry's statuses, keeps the consistency rules,
/// or declares an exception with its reason. A violation of `status_retry` is reported at the
/// row's retry cell, one of `status_kind` at its kind cell, and an exception that excuses
/// nothing at its `allow(...)`; each names the status and the fix.
fn check_rules(catalog: &Catalog, cx: &mut Ctxt) {
    let profile = Profile::PLAIN.with_errors_in_2xx(catalog.errors_in_2xx);
    for entry in &catalog.entries {
        let statuses: Vec<u16> = entry.statuses.iter().map(|(status, _)| *status).collect();
        let rows = std::iter::once((None, entry.retry, entry.kind, entry.exceptions.as_slice()))
            .chain(
                entry
                    .sub_codes
                    .iter()
                    .map(|sub| (Some(sub), sub.retry, sub.kind, sub.exceptions.as_slice())),
            );
        for (sub, retry, kind, exceptions) in rows {
            let facts = RowFacts {
                statuses: &statuses,
                retry: retry.value,
                kind: kind.value,
                excused: excused_by(exceptions),
            };
            for &rule in Rule::ALL {
                let Some(violation) = rules::check_rule(facts, rule, profile) else {
                    continue;
                };
                let span = match (violation.problem, rule) {
                    (Problem::UnneededException, _) => exceptions
                        .iter()
                        .find(|exception| exception.rule == rule)
                        .map_or(retry.span, |exception| exception.span),
                    (_, Rule::StatusKind) => kind.span,
                    (_, _) => retry.span,
                };
                let row = match sub {
                    Some(sub) => format!("sub-code \"{}\" of `{}`", sub.code, entry.variant),
                    None => format!("`{}`", entry.variant),
                };
                cx.error(span, rule_message(&row, &violation));
            }
        }
    }
}

fn excused_by(exceptions: &[Exception]) -> RuleSet {
    exceptions
        .iter()
        .fold(RuleSet::EMPTY, |set, exception| set.with(exception.rule))
}

/// The rule's own words, with the row they are about: `` `ServerDown` (HTTP 503) breaks rule
/// status_retry: ...``.
fn rule_message(row: &str, violation: &Violation) -> String {
    let status = match violation.problem {
        Problem::UnneededException => String::new(),
        _ => format!(" (HTTP {})", violation.status),
    };
    format!("{row}{status} breaks {violation}")
}

/// Sub-code tables of the docs map belong to entries that declare sub-codes.
fn check_docs_map(catalog: &Catalog, cx: &mut Ctxt) {
    let Some(map) = &catalog.docs_map else { return };
    for (variant, _) in &map.sub_codes {
        match catalog
            .entries
            .iter()
            .find(|entry| entry.variant == *variant)
        {
            None => cx.error(
                variant.span(),
                format!("no row has the variant `{variant}`"),
            ),
            Some(entry) if entry.sub_codes.is_empty() => cx.error(
                variant.span(),
                format!("`{variant}` declares no `sub_codes {{ ... }}` for this table to map"),
            ),
            Some(_) => {}
        }
    }
}

/// A group's `wire "name"` names a declared shape.
fn check_group_shapes(catalog: &Catalog, cx: &mut Ctxt) {
    let mut reported = Vec::new();
    for entry in &catalog.entries {
        let Some(wire) = &entry.wire else { continue };
        if catalog.shape_index(&wire.value()).is_none() && !reported.contains(&wire.value()) {
            reported.push(wire.value());
            cx.error(
                wire.span(),
                format!(
                    "{}; name a shape with `json \"{}\" {{ ... }}`",
                    unknown(
                        "wire shape",
                        &wire.value(),
                        catalog.shapes.iter().map(|shape| shape.name.as_str())
                    ),
                    wire.value(),
                ),
            );
        }
    }
}

/// A catalog has at least one row, and no more than its index type holds.
fn check_not_empty(catalog: &Catalog, cx: &mut Ctxt) {
    if catalog.rows_written == 0 {
        cx.error(
            catalog.ident.span(),
            "the catalog has no rows: add the provider's table after the provider block, \
             one `status | code | Variant | retry | kind | actor | \"message\";` per error",
        );
    }
    if catalog.entries.len() > MAX_ENTRIES {
        cx.error(
            catalog.ident.span(),
            format!("a catalog holds at most {MAX_ENTRIES} entries"),
        );
    }
}

/// Each entry's key (the code, `(status, code)` or `(category, code)`) is unique within the
/// provider; a row without a code (`_`) is keyed by what is left, so there is one such row per
/// status (and category, for a catalog keyed by `(category, code)`). The rule is
/// `KeyMode::shared_key`, which the contract harness runs over the runtime table too.
fn check_unique_keys(catalog: &Catalog, cx: &mut Ctxt) {
    // The key's cells of each row, as text.
    let cells: Vec<(Option<String>, Vec<u16>, Option<String>)> = catalog
        .entries
        .iter()
        .map(|entry| {
            (
                entry.code.key_text(),
                entry.statuses.iter().map(|(status, _)| *status).collect(),
                entry.category.as_ref().map(ToString::to_string),
            )
        })
        .collect();
    let key_cells = |i: usize| {
        let (code, statuses, category) = &cells[i];
        KeyCells {
            code: code.as_deref(),
            statuses,
            category: category.as_deref(),
        }
    };
    // Earlier rows by code text (rows without a code together): one pass, so a 5,000-row
    // table does not compare 12.5 M pairs.
    let mut by_code: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (i, entry) in catalog.entries.iter().enumerate() {
        let earlier = by_code.entry(cells[i].0.as_deref()).or_default();
        let clash = earlier.iter().find_map(|&first| {
            catalog
                .key
                .shared_key(key_cells(first), key_cells(i))
                .map(|shared| (&catalog.entries[first], shared))
        });
        let Some((first, shared)) = clash else {
            earlier.push(i);
            continue;
        };
        let text = entry.code.text();
        let id = &catalog.id;
        let (message, note) = match (&entry.code, shared) {
            (Code::Absent, SharedKey::Status(status)) => (
                format!(
                    "a second row without a code (`_`) for HTTP {status} in `{id}`: an error \
                     sent without a code falls to one row per status; merge the rows, or give \
                     each its own statuses"
                ),
                format!(
                    "the first row without a code for HTTP {status}, as `{}`",
                    first.variant
                ),
            ),
            (_, SharedKey::CategoryStatus(category, status)) => (
                format!(
                    "a second row without a code (`_`) for category `{category}` and HTTP \
                     {status} in `{id}`: an error of one category sent without a code falls \
                     to one row per status; merge the rows, or give each its own statuses"
                ),
                format!(
                    "the first row without a code for `{category}` and HTTP {status}, as `{}`",
                    first.variant
                ),
            ),
            (_, SharedKey::Code) => (
                format!(
                    "duplicate code {text} in `{id}`: a code may appear once; list the row in \
                     another group with `also_in(\"...\")`, or key the provider by \
                     `(status, code)` if it reuses codes under several statuses, or by \
                     `(category, code)` if under several types"
                ),
                format!("code {text} first declared here, as `{}`", first.variant),
            ),
            (_, SharedKey::Status(status)) => (
                format!(
                    "duplicate (status, code) ({status}, {text}) in `{id}`: a key may appear once"
                ),
                format!(
                    "({status}, {text}) first declared here, as `{}`",
                    first.variant
                ),
            ),
            (_, SharedKey::Category(category)) => (
                format!(
                    "duplicate (category, code) ({category}, {text}) in `{id}`: a key may appear once"
                ),
                format!(
                    "({category}, {text}) first declared here, as `{}`",
                    first.variant
                ),
            ),
        };
        cx.duplicate(entry.code_span, first.code_span, message, note);
    }
}

/// A catalog keyed by `(category, code)` reads the category from the body, and gives every
/// row one.
fn check_category_key(catalog: &Catalog, cx: &mut Ctxt) {
    let (KeyMode::CategoryCode, Some(key_span)) = (catalog.key, catalog.key_span) else {
        return;
    };
    let readable = catalog.shapes.iter().any(|shape| {
        shape
            .fields
            .iter()
            .any(|source| source.field == Field::Category)
            || shape.unreadable.contains(&Field::Category)
    });
    if !readable && !catalog.shapes.is_empty() {
        cx.error(
            key_span,
            "a catalog keyed by `(category, code)` reads the category from the body: declare \
             where, e.g. `category: \"/error_type\"` in the wire format",
        );
    }
    for entry in catalog
        .entries
        .iter()
        .filter(|entry| entry.category.is_none())
    {
        cx.error(
            entry.code_span,
            format!(
                "`{}` has no category, and the provider is keyed by `(category, code)`: add \
                 the `category` column and give the row its category",
                entry.variant
            ),
        );
    }
}

/// Variant names are unique: they are the enum's variants.
fn check_unique_variants(catalog: &Catalog, cx: &mut Ctxt) {
    let mut seen: HashMap<String, &Ident> = HashMap::new();
    for entry in &catalog.entries {
        match seen.entry(entry.variant.to_string()) {
            std::collections::hash_map::Entry::Occupied(first) => cx.duplicate(
                entry.variant.span(),
                first.get().span(),
                format!("duplicate variant `{}`", entry.variant),
                format!("`{}` first declared here", first.get()),
            ),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(&entry.variant);
            }
        }
    }
}

/// All codes of a provider are numbers, or all are strings: the wire sends one kind. Rows
/// without a code (`_`) are neither.
fn check_code_types(catalog: &Catalog, cx: &mut Ctxt) {
    let mut with_codes = catalog
        .entries
        .iter()
        .filter(|entry| !matches!(entry.code, Code::Absent));
    let Some(first) = with_codes.next() else {
        return;
    };
    let numeric = matches!(first.code, Code::Int(_));
    for entry in with_codes {
        if matches!(entry.code, Code::Int(_)) != numeric {
            let (this, that) = if numeric {
                ("a string", "numbers")
            } else {
                ("a number", "strings")
            };
            cx.error(
                entry.code_span,
                format!(
                    "this code is {this}, but the catalog's codes are {that} (see the first row)"
                ),
            );
        }
    }
}

/// Every shape reads a code; lists are declared consistently; the parser's limits hold.
fn check_shapes(catalog: &Catalog, cx: &mut Ctxt) {
    if catalog.shapes.len() > MAX_SHAPES {
        cx.error(
            catalog.shapes[MAX_SHAPES].span,
            format!("a wire format has at most {MAX_SHAPES} shapes"),
        );
    }
    let sources: usize = catalog
        .shapes
        .iter()
        .map(|shape| {
            shape.fields.len() + shape.extras.len() + usize::from(shape.field_errors.is_some())
        })
        .sum();
    if sources > MAX_FIELD_SOURCES {
        cx.error(
            catalog.ident.span(),
            format!("the wire format reads {sources} sources; all shapes together read at most {MAX_FIELD_SOURCES}"),
        );
    }
    for (i, shape) in catalog.shapes.iter().enumerate() {
        if let Some(first) = catalog.shapes[..i]
            .iter()
            .find(|earlier| earlier.name == shape.name)
        {
            cx.duplicate(
                shape.span,
                first.span,
                format!(
                    "two wire shapes are named \"{}\"; name each with `json \"name\" {{ ... }}`",
                    shape.name
                ),
                "the first shape with that name",
            );
        }
        let declares_code = shape
            .fields
            .iter()
            .any(|source| source.field == Field::Code)
            || shape.unreadable.contains(&Field::Code);
        if !declares_code {
            cx.error(shape.span, "this wire shape has no `code` field: declare where the code is, e.g. `code: \"/code\"`");
        }
        let mut list: Option<(&[String], Span)> = None;
        for (path, span, reads) in shape.body_pointers() {
            let stars = path.iter().filter(|segment| *segment == EACH).count();
            let response_level = matches!(reads, Reads::Field(field) if field.is_response_level());
            if stars > 1 {
                cx.error(
                    span,
                    "bad wire pointer: a pointer may cross one list (`*`) at most",
                );
                continue;
            }
            if response_level && stars == 1 {
                cx.error(
                    span,
                    format!("bad wire pointer: `{reads}` describes the whole response and cannot sit inside the list of errors"),
                );
                continue;
            }
            if stars == 1 {
                let star = path.iter().position(|segment| segment == EACH).unwrap_or(0);
                let prefix = &path[..star];
                match list {
                    Some((first, first_span)) if first != prefix => cx.duplicate(
                        span,
                        first_span,
                        format!(
                            "bad wire pointer: this list is at /{}, but another field's is at /{}",
                            prefix.join("/"),
                            first.join("/")
                        ),
                        "the first list is declared here",
                    ),
                    Some(_) => {}
                    None => list = Some((prefix, span)),
                }
            }
        }
        if let Some((prefix, _)) = list {
            for (path, span, reads) in shape.body_pointers() {
                let response_level =
                    matches!(reads, Reads::Field(field) if field.is_response_level());
                if !response_level && !path.iter().any(|segment| segment == EACH) {
                    cx.error(
                        span,
                        format!(
                            "bad wire pointer: this shape has a list of errors at /{}, so `{reads}` must point inside it (`/{}/*/...`), or go in a shape of its own",
                            prefix.join("/"),
                            prefix.join("/")
                        ),
                    );
                }
            }
        }
    }
}

/// A list of errors may come as a lone object, which is then read as one error: a pointer of
/// any shape that goes under the list's path without `*` would never be read there.
fn check_list_paths(catalog: &Catalog, cx: &mut Ctxt) {
    let lists: Vec<(&[String], &str)> = catalog
        .shapes
        .iter()
        .flat_map(|shape| {
            shape.body_pointers().filter_map(move |(path, _, _)| {
                path.iter()
                    .position(|segment| segment == EACH)
                    .map(|star| (&path[..star], shape.name.as_str()))
            })
        })
        .collect();
    for shape in &catalog.shapes {
        for (path, span, _) in shape.body_pointers() {
            let clash = lists.iter().find(|(list, _)| {
                path.len() > list.len() && path[..list.len()] == **list && path[list.len()] != EACH
            });
            if let Some((list, list_shape)) = clash {
                cx.error(
                    span,
                    format!(
                        "bad wire pointer: /{} is the list of errors of shape \"{list_shape}\", and a lone \
                         object there is read as one error, so this pointer under it would never be \
                         read; point inside the list (/{}/*/...)",
                        list.join("/"),
                        list.join("/")
                    ),
                );
            }
        }
    }
}

/// The field errors are read whole, as a map or a list: a pointer of any shape that goes
/// under them would never be read.
fn check_field_errors_paths(catalog: &Catalog, cx: &mut Ctxt) {
    let field_errors: Vec<(&[String], &str)> = catalog
        .shapes
        .iter()
        .filter_map(|shape| {
            let source = shape.field_errors.as_ref()?;
            Some((source.path.as_slice(), shape.name.as_str()))
        })
        .collect();
    for shape in &catalog.shapes {
        for (path, span, reads) in shape.body_pointers() {
            let under = field_errors
                .iter()
                .find(|(whole, _)| path.len() > whole.len() && path[..whole.len()] == **whole);
            if let Some((whole, whole_shape)) = under {
                cx.error(
                    span,
                    format!(
                        "bad wire pointer: `field_errors` of shape \"{whole_shape}\" reads /{} whole, \
                         so `{reads}` under it would never be read; point it elsewhere, or read \
                         the field errors from another place",
                        whole.join("/")
                    ),
                );
            }
        }
    }
}

/// Sub-codes need a wire field to be read from, and are unique within their entry.
fn check_sub_codes(catalog: &Catalog, cx: &mut Ctxt) {
    let readable = catalog.shapes.iter().any(|shape| {
        shape
            .fields
            .iter()
            .any(|source| source.field == Field::SubCode)
    });
    for entry in &catalog.entries {
        // Without shapes the missing `wire` is reported already.
        if let (Some(span), false, false) =
            (entry.sub_codes_span, readable, catalog.shapes.is_empty())
        {
            cx.error(
                span,
                "sub-codes on a provider without sub-codes: the wire format has no \
                 `sub_code` field to read them from; declare one, e.g. \
                 `sub_code: \"/details/reason\"`",
            );
        }
        for (i, sub) in entry.sub_codes.iter().enumerate() {
            if let Some(first) = entry.sub_codes[..i]
                .iter()
                .find(|earlier| earlier.code == sub.code)
            {
                cx.duplicate(
                    sub.code_span,
                    first.code_span,
                    format!(
                        "duplicate sub-code \"{}\" under `{}`",
                        sub.code, entry.variant
                    ),
                    "first declared here",
                );
            }
            if let Some(first) = entry.sub_codes[..i]
                .iter()
                .find(|earlier| earlier.name == sub.name)
            {
                cx.duplicate(
                    sub.name.span(),
                    first.name.span(),
                    format!(
                        "duplicate sub-code name `{}` under `{}`",
                        sub.name, entry.variant
                    ),
                    "first declared here",
                );
            }
        }
    }
}

/// A category cell names a declared category.
fn check_categories(catalog: &Catalog, cx: &mut Ctxt) {
    for entry in &catalog.entries {
        let Some(category) = &entry.category else {
            continue;
        };
        if !catalog
            .categories
            .iter()
            .any(|(ident, _)| ident == category)
        {
            let declared: Vec<String> = catalog
                .categories
                .iter()
                .map(|(ident, _)| ident.to_string())
                .collect();
            cx.error(
                category.span(),
                if declared.is_empty() {
                    format!("unknown category `{category}`: declare the provider's categories with `categories: {{ Name = \"Docs spelling\", ... }}`")
                } else {
                    unknown(
                        "category",
                        &category.to_string(),
                        declared.iter().map(String::as_str),
                    )
                },
            );
        }
    }
    for (i, (ident, _)) in catalog.categories.iter().enumerate() {
        if let Some((first, _)) = catalog.categories[..i]
            .iter()
            .find(|(earlier, _)| earlier == ident)
        {
            cx.duplicate(
                ident.span(),
                first.span(),
                format!("category `{ident}` is declared twice"),
                "first declared here",
            );
        }
    }
}
