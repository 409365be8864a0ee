//! Names: a variant from a code or a message, the provider's type from its id, a category's
//! name from its spelling.

use super::rows::Row;

/// A variant name: the code in CamelCase for string codes, the message's first words for
/// numbers; for a row without a code, its type (`api_error`: `ApiError`), else its message's
/// first words.
pub(super) fn variant_name(row: &Row, numeric: bool) -> String {
    let first_words = || {
        let message = row.message.as_deref().unwrap_or("");
        let sentence = message
            .split(['.', ';', ':', '!', '?', ','])
            .next()
            .unwrap_or("");
        sentence
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let source = if !row.has_code() {
        row.category
            .clone()
            .filter(|category| !category.trim().is_empty())
            .unwrap_or_else(first_words)
    } else if numeric {
        first_words()
    } else {
        row.code.clone()
    };
    // "doesn't" is one word, not "doesn" and "t".
    let source = source.replace(['\'', '’'], "");
    let mut name = String::new();
    for word in source
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        let all_caps = word.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            let rest: String = chars.collect();
            name.push_str(&if all_caps {
                rest.to_ascii_lowercase()
            } else {
                rest
            });
        }
    }
    if name.is_empty() && !row.has_code() {
        name = "NoCode".to_owned();
    }
    if name.is_empty() {
        name = format!(
            "Code{}",
            row.code
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        );
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'E');
    }
    if name == "Self" {
        name.push_str("Error");
    }
    name
}

pub(super) fn type_name(id: &str) -> String {
    let name = id
        .split('-')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<String>();
    // A type name starts with a letter: `--id 123` gives `Provider123`.
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("Provider{name}")
    }
}

pub(super) fn category_ident(spelling: &str) -> String {
    variant_name(&Row::of_code(spelling), false)
}

/// Rust's keywords, strict and reserved (lowercase). The DSL reads one as a field's name
/// (`fields: { type: ... }`), but import proposes none: code that names a catalog's fields in
/// Rust (a struct of them, a `match` on names) would have to write it `r#type`.
const KEYWORDS: [&str; 51] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether a body's field name can be a field of the catalog's own as it is
/// (`fields: { doc_url: ... }`) in what import proposes: a lowercase Rust identifier that is
/// no keyword.
pub(super) fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name != "_"
        && !KEYWORDS.contains(&name)
}
