//! The two pieces of Rust syntax an invocation holds: outer attributes (the doc comments of
//! the provider and of each row) and the catalog's visibility.
//!
//! Parsed here rather than with `syn::Attribute` and `syn::Visibility`, which need syn's
//! `derive` feature: without it syn builds in about half the time, and syn is on the critical
//! path of every user's cold build (see BENCHMARKS.md, "A user's cold build").

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Token, bracketed, parenthesized, token};

/// An outer attribute, `#[...]`: a `///` comment reaches the macro as `#[doc = "..."]`.
#[derive(Clone)]
pub(crate) struct Attribute {
    pound: Token![#],
    bracket: token::Bracket,
    content: TokenStream,
}

impl Attribute {
    /// Zero or more outer attributes, as `syn::Attribute::parse_outer` reads them.
    pub(crate) fn parse_outer(input: ParseStream<'_>) -> syn::Result<Vec<Self>> {
        let mut attrs = Vec::new();
        while input.peek(Token![#]) {
            let content;
            attrs.push(Attribute {
                pound: input.parse()?,
                bracket: bracketed!(content in input),
                content: content.parse()?,
            });
        }
        Ok(attrs)
    }

    /// Whether the attribute's path is the single identifier `name` (`doc` in `#[doc = ...]`).
    pub(crate) fn path_is(&self, name: &str) -> bool {
        let mut tokens = without_invisible_groups(self.content.clone()).into_iter();
        let first_is_name = matches!(tokens.next(), Some(TokenTree::Ident(ident)) if ident == name);
        // `#[doc::x]` has a longer path; `#[doc = ...]`, `#[doc(...)]` and `#[doc]` do not.
        let longer =
            matches!(tokens.next(), Some(TokenTree::Punct(punct)) if punct.as_char() == ':');
        first_is_name && !longer
    }
}

/// The tokens with invisible groups opened: a `macro_rules!` fragment (`#[$doc]` from a
/// `$doc:meta`) reaches the macro wrapped in a group without delimiters.
fn without_invisible_groups(tokens: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for token in tokens {
        match token {
            TokenTree::Group(group) if group.delimiter() == proc_macro2::Delimiter::None => {
                out.extend(without_invisible_groups(group.stream()));
            }
            other => out.extend([other]),
        }
    }
    out
}

impl ToTokens for Attribute {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.pound.to_tokens(tokens);
        self.bracket
            .surround(tokens, |inner| inner.extend(self.content.clone()));
    }
}

/// A visibility: nothing, `pub`, or `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)`,
/// as `syn::Visibility` reads one.
#[derive(Clone)]
pub(crate) struct Visibility {
    tokens: TokenStream,
}

impl Parse for Visibility {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut tokens = TokenStream::new();
        if !input.peek(Token![pub]) {
            return Ok(Visibility { tokens });
        }
        input.parse::<Token![pub]>()?.to_tokens(&mut tokens);
        if input.peek(token::Paren) {
            let ahead = input.fork();
            let content;
            let paren = parenthesized!(content in ahead);
            let restriction = if content.peek(Token![crate])
                || content.peek(Token![self])
                || content.peek(Token![super])
            {
                let path = content.call(Ident::parse_any)?;
                content.is_empty().then(|| path.into_token_stream())
            } else if content.peek(Token![in]) {
                Some(restricted_path(&content)?)
            } else {
                None
            };
            if let Some(restriction) = restriction {
                use syn::parse::discouraged::Speculative;
                input.advance_to(&ahead);
                paren.surround(&mut tokens, |inner| inner.append_all(restriction));
            }
        }
        Ok(Visibility { tokens })
    }
}

impl ToTokens for Visibility {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.tokens.clone());
    }
}

/// `in` and a module path, `in crate::a::b`, as in `pub(in crate::a::b)`.
fn restricted_path(content: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut path = TokenStream::new();
    content.parse::<Token![in]>()?.to_tokens(&mut path);
    if content.peek(Token![::]) {
        content.parse::<Token![::]>()?.to_tokens(&mut path);
    }
    content.call(Ident::parse_any)?.to_tokens(&mut path);
    while content.peek(Token![::]) {
        content.parse::<Token![::]>()?.to_tokens(&mut path);
        content.call(Ident::parse_any)?.to_tokens(&mut path);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_doc_attribute_from_a_macro_rules_fragment_is_a_doc_attribute() {
        use proc_macro2::{Delimiter, Group};
        let fragment = Group::new(Delimiter::None, quote::quote!(doc = "from a fragment"));
        let attribute = super::Attribute {
            pound: Default::default(),
            bracket: Default::default(),
            content: std::iter::once(proc_macro2::TokenTree::Group(fragment)).collect(),
        };
        assert!(attribute.path_is("doc"));
        assert!(!attribute.path_is("allow"));
    }

    use proc_macro2::TokenStream;
    use quote::{ToTokens, quote};
    use syn::parse::{ParseStream, Parser};

    use super::{Attribute, Visibility};

    /// Outer attributes, whether each is a doc attribute, the visibility, and what follows.
    type Read = (Vec<String>, Vec<bool>, String, String);

    fn read_here(tokens: TokenStream) -> syn::Result<Read> {
        let parser = |input: ParseStream<'_>| {
            let attrs = Attribute::parse_outer(input)?;
            let vis: Visibility = input.parse()?;
            let rest: TokenStream = input.parse()?;
            Ok((
                attrs
                    .iter()
                    .map(|a| a.to_token_stream().to_string())
                    .collect(),
                attrs.iter().map(|a| a.path_is("doc")).collect(),
                vis.to_token_stream().to_string(),
                rest.to_string(),
            ))
        };
        parser.parse2(tokens)
    }

    fn read_by_syn(tokens: TokenStream) -> syn::Result<Read> {
        let parser = |input: ParseStream<'_>| {
            let attrs = input.call(syn::Attribute::parse_outer)?;
            let vis: syn::Visibility = input.parse()?;
            let rest: TokenStream = input.parse()?;
            Ok((
                attrs
                    .iter()
                    .map(|a| a.to_token_stream().to_string())
                    .collect(),
                attrs.iter().map(|a| a.path().is_ident("doc")).collect(),
                vis.to_token_stream().to_string(),
                rest.to_string(),
            ))
        };
        parser.parse2(tokens)
    }

    #[test]
    fn attributes_and_visibilities_read_as_syn_reads_them() {
        let cases = [
            quote!(provider P {}),
            quote!(pub provider P {}),
            quote!(pub(crate) provider P {}),
            quote!(pub(self) provider P {}),
            quote!(pub(super) provider P {}),
            quote!(pub(in crate::errors) provider P {}),
            quote!(pub(in ::errors::inner) provider P {}),
            quote!(pub (crate::A, B)),
            quote!(pub(crate) (A)),
            quote!(/// A provider.
                   /// Its second line.
                   pub provider P {}),
            quote!(#[doc = "x"] #[doc(hidden)] #[doc] provider P {}),
            quote!(#[derive(Debug)] pub provider P {}),
            quote!(#[doc::x] provider P {}),
            quote!(#[serde(rename = "x")] #[cfg(test)] pub(crate) provider P {}),
        ];
        for tokens in cases {
            let here = read_here(tokens.clone()).map_err(|e| e.to_string());
            let syn = read_by_syn(tokens.clone()).map_err(|e| e.to_string());
            assert_eq!(here, syn, "{tokens}");
        }
    }
}
