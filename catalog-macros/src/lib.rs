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

#[cfg(test)]
mod tests {
    use quote::quote;

    use crate::model::{ACTORS, FIELDS, KINDS, RULES};

    fn errors(input: proc_macro2::TokenStream) -> Vec<String> {
        let mut cx = crate::ctxt::Ctxt::new();
        match crate::syntax::parse(input, &mut cx) {
            Ok(syntax) => {
                let catalog = crate::model::from_syntax(syntax, &mut cx);
                crate::validate::check(&catalog, &mut cx);
            }
            Err(error) => cx.syn_error(error),
        }
        match cx.check() {
            Ok(()) => Vec::new(),
            Err(error) => error.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn the_vocabularies_match_catalog_core() {
        let dsl = |words: &[crate::model::Word]| {
            words.iter().map(|w| w.dsl.to_owned()).collect::<Vec<_>>()
        };
        let kinds: Vec<String> = catalog_core::Kind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let actors: Vec<String> = catalog_core::Actor::ALL
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect();
        let rules: Vec<String> = catalog_core::Rule::ALL
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect();
        let fields: Vec<String> = catalog_core::wire::Field::ALL
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect();
        assert_eq!(dsl(KINDS), kinds);
        assert_eq!(dsl(ACTORS), actors);
        assert_eq!(dsl(RULES), rules);
        assert_eq!(dsl(FIELDS), fields);
        for word in KINDS {
            assert_eq!(
                catalog_core::Kind::from_name(word.dsl).map(|k| format!("{k:?}")),
                Some(word.core.to_owned())
            );
        }
        for word in ACTORS {
            assert_eq!(
                catalog_core::Actor::from_name(word.dsl).map(|a| format!("{a:?}")),
                Some(word.core.to_owned())
            );
        }
    }

    #[test]
    fn a_well_formed_table_has_no_errors() {
        let input = quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
        };
        assert_eq!(errors(input), Vec::<String>::new());
    }

    #[test]
    fn every_mistake_of_an_invocation_is_reported() {
        let input = quote! {
            provider Demo {
                id: "Demo Provider",
                docs: "https://example.com/errors",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
            400 | 1000 | TypeMissing | sometimes | invalid_request | integrator | "type missing";
            400 | 1002 | EmailMissing | backoff(0) | invalid_request | integrator | "email missing";
            400 | 1003 | MissingToken | never | invalid_request | integrator | "token disallowed";
        };
        let found = errors(input);
        assert_eq!(
            found,
            [
                "a provider id is lowercase kebab-case, e.g. \"plaid-legacy\": it names the provider in the CLI, fixtures and JSON output",
                "unknown retry policy `sometimes`; expected never, immediately, new_session, backoff(N), after_hint(N), after(DURATION) or next_day",
                "`backoff` takes a number of attempts from 1 to 255",
                "duplicate variant `MissingToken`",
                "note: `MissingToken` first declared here",
            ]
        );
    }

    #[test]
    fn durations_read_their_unit() {
        let input = quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            402 | 1303 | InstitutionDown | after(2w) | provider_unavailable | nobody | "institution down";
        };
        assert_eq!(errors(input), ["unknown unit `w`; use s, m, h or d"]);
    }
}
