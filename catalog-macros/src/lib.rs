//! The `provider_errors!` macro; use it through `catalog_core`, which re-exports it.
//!
//! A pipeline, one file per step: `syntax.rs` parses the tokens, `model.rs` interprets them,
//! `validate.rs` checks across rows, `expand.rs` generates code; `ctxt.rs` collects errors so one
//! compile shows every mistake, and `fallback.rs` keeps follow-on errors away.

#![forbid(unsafe_code)]

mod ctxt;
mod expand;
mod fallback;
mod model;
mod syntax;
mod validate;

use proc_macro::TokenStream;

/// Declares a provider's error catalog: see `catalog_core` for the syntax and an example.
#[proc_macro]
pub fn provider_errors(input: TokenStream) -> TokenStream {
    provider_errors_impl(input.into()).into()
}

fn provider_errors_impl(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let mut cx = ctxt::Ctxt::new();
    let syntax = match syntax::parse(input, &mut cx) {
        Ok(syntax) => syntax,
        Err(error) => {
            cx.syn_error(error);
            return cx
                .check()
                .err()
                .map(|e| e.to_compile_error())
                .unwrap_or_default();
        }
    };
    let catalog = model::from_syntax(syntax, &mut cx);
    validate::check(&catalog, &mut cx);
    match cx.check() {
        Ok(()) => expand::expand(&catalog),
        Err(errors) => {
            let mut output = errors.to_compile_error();
            output.extend(fallback::skeleton(&catalog));
            output
        }
    }
}
