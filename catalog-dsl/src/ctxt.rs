//! Collected errors, so one compile shows every mistake of an invocation.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Errors found so far; every pass adds to it and [`Ctxt::check`] turns them into one result.
#[derive(Default)]
#[must_use = "call `check()` so that collected errors are reported"]
pub(crate) struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Ctxt::default()
    }

    /// An error at `span`.
    pub(crate) fn error(&mut self, span: Span, message: impl Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// An error spanning the tokens of `node`.
    pub(crate) fn error_spanned_by(&mut self, node: impl ToTokens, message: impl Display) {
        self.errors
            .push(syn::Error::new_spanned(node.into_token_stream(), message));
    }

    /// A syn parse error, as it is.
    pub(crate) fn syn_error(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// A duplicate: the error at the second occurrence, a note at the first.
    pub(crate) fn duplicate(
        &mut self,
        second: Span,
        first: Span,
        message: impl Display,
        note: impl Display,
    ) {
        self.errors.push(syn::Error::new(second, message));
        self.errors
            .push(syn::Error::new(first, format!("note: {note}")));
    }

    pub(crate) fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// All errors combined into one, or `Ok` when there were none.
    pub(crate) fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

/// "unknown {what} `{name}`; did you mean `...`? (expected one of ...)": the closest known
/// name by edit distance, as rustc and clap suggest, then every name there is.
pub(crate) fn unknown<'a>(
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    let mut message = format!("unknown {what} `{name}`");
    if let Some(suggestion) = catalog_vocab::suggest(name, known.iter().copied()) {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    }
    message.push_str(" (expected one of ");
    for (i, name) in known.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push_str(&format!("`{name}`"));
    }
    message.push(')');
    message
}
