//! The provider-id rule, for the macro and for `import`.

/// Whether `id` is a provider id: lowercase kebab-case (`plaid-legacy`), letters, digits and
/// inner hyphens. It names the provider in the CLI, file paths and JSON output, so it must be
/// safe in all three.
///
/// ```
/// use catalog_vocab::is_provider_id;
/// assert!(is_provider_id("plaid-legacy"));
/// assert!(!is_provider_id("Plaid") && !is_provider_id("-x") && !is_provider_id("a/b"));
/// ```
pub fn is_provider_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
