//! Checks across rows and settings, each a small function stating its rule.
//!
//! The per-row consistency rules (status/retry, status/kind) are not here: they are
//! `catalog_core::rules`, evaluated at compile time by the `const` items that `expand.rs`
//! emits, so the compiler and the contract harness run the very same code.

use std::collections::HashMap;

use syn::Ident;

use crate::ctxt::Ctxt;
use crate::model::{Catalog, Code, Entry, RESPONSE_LEVEL_FIELDS, Source};

/// The most entries a catalog can hold: entry indices are `u16`.
const MAX_ENTRIES: usize = u16::MAX as usize;
/// The most field sources all shapes together can hold: the parser tracks them in a 64-bit
/// mask (`catalog_core::wire::MAX_FIELD_SOURCES`).
const MAX_FIELD_SOURCES: usize = 64;
/// The most shapes a wire format can have (`catalog_core::wire::MAX_SHAPES`).
const MAX_SHAPES: usize = 8;

pub(crate) fn check(catalog: &Catalog, cx: &mut Ctxt) {
    check_not_empty(catalog, cx);
    check_unique_keys(catalog, cx);
    check_unique_variants(catalog, cx);
    check_code_types(catalog, cx);
    check_shapes(catalog, cx);
    check_list_paths(catalog, cx);
    check_sub_codes(catalog, cx);
    check_categories(catalog, cx);
    check_group_shapes(catalog, cx);
    check_docs_map(catalog, cx);
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
            let names: Vec<String> = catalog
                .shapes
                .iter()
                .map(|shape| format!("\"{}\"", shape.name))
                .collect();
            cx.error(
                wire.span(),
                format!(
                    "no wire shape is named \"{}\"; name one with `json \"{}\" {{ ... }}` (shapes: {})",
                    wire.value(),
                    wire.value(),
                    names.join(", ")
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

/// Each entry's key (the code, or `(status, code)`) is unique within the provider.
fn check_unique_keys(catalog: &Catalog, cx: &mut Ctxt) {
    // Earlier rows by code text: one pass, so a 5,000-row table does not compare 12.5 M pairs.
    let mut by_code: HashMap<String, Vec<&Entry>> = HashMap::new();
    for entry in &catalog.entries {
        let text = entry.code.text();
        let earlier = by_code.entry(text.clone()).or_default();
        let clash = earlier.iter().find_map(|first| {
            if !catalog.key_by_status {
                return Some((first, None));
            }
            first
                .statuses
                .iter()
                .find(|(status, _)| entry.statuses.iter().any(|(s, _)| s == status))
                .map(|(status, _)| (first, Some(*status)))
        });
        match clash {
            Some((first, Some(shared))) => cx.duplicate(
                entry.code_span,
                first.code_span,
                format!(
                    "duplicate (status, code) ({shared}, {text}) in `{}`: a key may appear once",
                    catalog.id
                ),
                format!(
                    "({shared}, {text}) first declared here, as `{}`",
                    first.variant
                ),
            ),
            Some((first, None)) => cx.duplicate(
                entry.code_span,
                first.code_span,
                format!(
                    "duplicate code {text} in `{}`: a code may appear once; list the row in \
                     another group with `also_in(\"...\")`, or key the provider by \
                     `(status, code)` if it reuses codes under several statuses",
                    catalog.id
                ),
                format!("code {text} first declared here, as `{}`", first.variant),
            ),
            None => earlier.push(entry),
        }
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

/// All codes of a provider are numbers, or all are strings: the wire sends one kind.
fn check_code_types(catalog: &Catalog, cx: &mut Ctxt) {
    let Some(first) = catalog.entries.first() else {
        return;
    };
    let numeric = matches!(first.code, Code::Int(_));
    for entry in &catalog.entries[1..] {
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
    let sources: usize = catalog.shapes.iter().map(|shape| shape.fields.len()).sum();
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
        if !shape.fields.iter().any(|source| source.field.dsl == "code") {
            cx.error(shape.span, "this wire shape has no `code` field: declare where the code is, e.g. `code: \"/code\"`");
        }
        let mut list: Option<(&[String], proc_macro2::Span)> = None;
        for source in &shape.fields {
            let Source::Body(path) = &source.source else {
                continue;
            };
            let stars = path.iter().filter(|segment| *segment == "*").count();
            let response_level = RESPONSE_LEVEL_FIELDS.contains(&source.field.dsl);
            if stars > 1 {
                cx.error(
                    source.span,
                    "bad wire pointer: a pointer may cross one list (`*`) at most",
                );
                continue;
            }
            if response_level && stars == 1 {
                cx.error(
                    source.span,
                    format!("bad wire pointer: `{}` describes the whole response and cannot sit inside the list of errors", source.field.dsl),
                );
                continue;
            }
            if stars == 1 {
                let star = path.iter().position(|segment| segment == "*").unwrap_or(0);
                let prefix = &path[..star];
                match list {
                    Some((first, first_span)) if first != prefix => cx.duplicate(
                        source.span,
                        first_span,
                        format!(
                            "bad wire pointer: this list is at /{}, but another field's is at /{}",
                            prefix.join("/"),
                            first.join("/")
                        ),
                        "the first list is declared here",
                    ),
                    Some(_) => {}
                    None => list = Some((prefix, source.span)),
                }
            }
        }
        if let Some((prefix, _)) = list {
            for source in &shape.fields {
                let Source::Body(path) = &source.source else {
                    continue;
                };
                let response_level = RESPONSE_LEVEL_FIELDS.contains(&source.field.dsl);
                if !response_level && !path.iter().any(|segment| segment == "*") {
                    cx.error(
                        source.span,
                        format!(
                            "bad wire pointer: this shape has a list of errors at /{}, so `{}` must point inside it (`/{}/*/...`), or go in a shape of its own",
                            prefix.join("/"),
                            source.field.dsl,
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
            shape
                .fields
                .iter()
                .filter_map(move |source| match &source.source {
                    Source::Body(path) => path
                        .iter()
                        .position(|segment| segment == "*")
                        .map(|star| (&path[..star], shape.name.as_str())),
                    Source::Header(_) => None,
                })
        })
        .collect();
    for shape in &catalog.shapes {
        for source in &shape.fields {
            let Source::Body(path) = &source.source else {
                continue;
            };
            let clash = lists.iter().find(|(list, _)| {
                path.len() > list.len() && path[..list.len()] == **list && path[list.len()] != "*"
            });
            if let Some((list, list_shape)) = clash {
                cx.error(
                    source.span,
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

/// Sub-codes need a wire field to be read from, and are unique within their entry.
fn check_sub_codes(catalog: &Catalog, cx: &mut Ctxt) {
    let readable = catalog.shapes.iter().any(|shape| {
        shape
            .fields
            .iter()
            .any(|source| source.field.dsl == "sub_code")
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
            let declared = catalog
                .categories
                .iter()
                .map(|(ident, _)| format!("`{ident}`"))
                .collect::<Vec<_>>()
                .join(", ");
            cx.error(
                category.span(),
                if declared.is_empty() {
                    format!("unknown category `{category}`: declare the provider's categories with `categories: {{ Name = \"Docs spelling\", ... }}`")
                } else {
                    format!("unknown category `{category}`; declared categories are {declared}")
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
