//! What to emit beside the errors when the input is wrong.
//!
//! The enum with every variant that could be read, and the trait impls with bodies that never
//! run (the crate does not compile anyway), so code that names `Provider::Variant` or calls
//! `Provider::spec()` does not add a cascade of follow-on errors to the real ones.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Catalog;

pub(crate) fn skeleton(catalog: &Catalog) -> TokenStream {
    let Catalog { vis, ident, .. } = catalog;
    let error_ident = format_ident!("{}Error", ident);
    // Each name once: a duplicate variant is already reported, not to be reported again by rustc.
    let mut variants: Vec<&syn::Ident> = Vec::new();
    for variant in catalog
        .entries
        .iter()
        .map(|entry| &entry.variant)
        .chain(&catalog.broken_variants)
    {
        if !variants.contains(&variant) {
            variants.push(variant);
        }
    }
    quote! {
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        #[non_exhaustive]
        #vis enum #ident { #( #variants, )* }

        #vis type #error_ident = ::catalog_core::ProviderError<#ident>;

        impl ::catalog_core::Catalog for #ident {
            const ALL: &'static [Self] = &[ #( Self::#variants ),* ];
            fn spec() -> &'static ::catalog_core::spec::CatalogSpec {
                ::core::unreachable!()
            }
            fn position(self) -> usize {
                self as usize
            }
        }

        impl ::core::fmt::Display for #ident {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        impl ::std::error::Error for #ident {}
    }
}
