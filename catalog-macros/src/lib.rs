#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use proc_macro::TokenStream;

/// Declares a provider's error catalog: see `catalog_core` for the syntax and an example.
#[proc_macro]
pub fn provider_errors(input: TokenStream) -> TokenStream {
    catalog_dsl::expand(input.into()).into()
}
