#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ctxt;
mod debug;
mod describe;
mod expand;
mod fallback;
mod model;
mod rust;
mod syntax;
mod validate;

use proc_macro2::TokenStream;

pub use describe::{
    CatalogDescription, CodeDescription, EntryDescription, FieldErrorsDescription,
    ShapeDescription, SubCodeDescription,
};

/// What `provider_errors!` expands `input` to: the catalog's code, or `compile_error!`s with
/// their spans and a skeleton that keeps follow-on errors away.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut cx = ctxt::Ctxt::new();
    let Some(catalog) = read(input, &mut cx) else {
        return cx
            .check()
            .err()
            .map(|e| e.to_compile_error())
            .unwrap_or_default();
    };
    match cx.check() {
        Ok(()) => {
            let output = expand::expand(&catalog);
            debug::print_if_asked(&catalog, &output);
            output
        }
        Err(errors) => {
            let mut output = errors.to_compile_error();
            output.extend(fallback::skeleton(&catalog));
            output
        }
    }
}

/// Every mistake of an invocation, as the compiler would report them (without spans); empty
/// for a catalog that compiles.
pub fn check(input: TokenStream) -> Vec<String> {
    checked(input).err().unwrap_or_default()
}

/// [`check`] for the text of an invocation (what goes between `provider_errors! {` and `}`);
/// text that is not Rust tokens is one mistake.
pub fn check_source(text: &str) -> Vec<String> {
    tokens(text).and_then(checked).err().unwrap_or_default()
}

/// The catalog an invocation declares, as plain data (what its generated `CatalogSpec`
/// holds), or every mistake as [`check`] reports them: for tools that read a catalog they
/// cannot compile, such as the text `import` prints.
pub fn describe(input: TokenStream) -> Result<CatalogDescription, Vec<String>> {
    checked(input).map(|catalog| describe::describe(&catalog))
}

/// The checked catalog of an invocation, or every mistake as [`check`] reports them.
fn checked(input: TokenStream) -> Result<model::Catalog, Vec<String>> {
    let mut cx = ctxt::Ctxt::new();
    let catalog = read(input, &mut cx);
    match (cx.check(), catalog) {
        (Ok(()), Some(catalog)) => Ok(catalog),
        (Ok(()), None) => Err(vec!["the invocation does not parse".to_owned()]),
        (Err(errors), _) => Err(errors.into_iter().map(|error| error.to_string()).collect()),
    }
}

/// [`describe`] for the text of an invocation; text that is not Rust tokens is one mistake.
pub fn describe_source(text: &str) -> Result<CatalogDescription, Vec<String>> {
    tokens(text).and_then(describe)
}

/// The tokens of an invocation's text; text that is not Rust tokens is one mistake.
fn tokens(text: &str) -> Result<TokenStream, Vec<String>> {
    text.parse::<TokenStream>()
        .map_err(|error| vec![format!("not Rust tokens: {error}")])
}

/// Parses and validates; `None` when the input does not parse at all.
fn read(input: TokenStream, cx: &mut ctxt::Ctxt) -> Option<model::Catalog> {
    let syntax = match syntax::parse(input, cx) {
        Ok(syntax) => syntax,
        Err(error) => {
            cx.syn_error(error);
            return None;
        }
    };
    let catalog = model::from_syntax(syntax, cx);
    validate::check(&catalog, cx);
    Some(catalog)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn errors(input: proc_macro2::TokenStream) -> Vec<String> {
        crate::check(input)
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
    fn a_group_names_its_own_docs_page_and_a_malformed_one_says_the_form() {
        let header = quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
        };
        let good = quote! {
            #header
            group "Item errors" wire "json" docs "https://example.com/errors/item" {
                400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
            }
        };
        assert_eq!(errors(good), Vec::<String>::new());
        let bad = quote! {
            #header
            group "Item errors" docs {
                400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
            }
        };
        let found = errors(bad);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("string literal"), "{found:?}");
        let missing_rows = quote! {
            #header
            group "Item errors" "https://example.com/errors/item" { }
        };
        let found = errors(missing_rows);
        assert_eq!(
            found,
            [
                "expected `{ rows }` after the group's name: `group \"Name\" (wire \"shape\")? (docs \"url\")? { ... }`"
            ]
        );
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
                "unknown retry policy `sometimes` (expected one of `never`, `immediately`, `new_session`, `backoff(N)`, `after_hint(N)`, `after(DURATION)`, `next_day`)",
                "`backoff` takes a number of retries (attempts after the first) from 1 to 255",
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

    /// The provider block every test below shares.
    fn catalog(rows: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            #rows
        }
    }

    #[test]
    fn a_broken_rule_is_an_error_at_its_row_and_every_broken_row_is_reported() {
        let found = errors(catalog(quote! {
            503 | 1 | Down | never | provider_unavailable | nobody | "down";
            404 | 2 | Missing | never | internal | integrator | "missing";
            400 | 3 | Fine | never | invalid_request | integrator | "fine"
                allow(status_retry, "no reason to");
        }));
        assert_eq!(
            found,
            [
                "`Down` (HTTP 503) breaks rule status_retry: a 5xx status (but 501/505) is retryable, and this row's 503 is never retried; choose a retry policy such as `backoff(3)`, or declare `allow(status_retry, \"why\")` on the row",
                "`Missing` (HTTP 404) breaks rule status_kind: kind `internal` does not go with status 404 (it goes with `not_found`); change the kind, or declare `allow(status_kind, \"why\")` on the row",
                "`Fine` breaks rule status_retry: the row keeps the rule at status 400 without `allow(status_retry, ...)`; remove the exception, so exceptions do not pile up",
            ]
        );
    }

    #[test]
    fn a_misspelled_word_gets_a_suggestion() {
        let found = errors(catalog(quote! {
            404 | 1 | Missing | nevr | not_fund | integrater | "missing";
        }));
        assert_eq!(
            found,
            [
                "unknown retry policy `nevr`; did you mean `never`? (expected one of `never`, `immediately`, `new_session`, `backoff(N)`, `after_hint(N)`, `after(DURATION)`, `next_day`)",
                "unknown kind `not_fund`; did you mean `not_found`? (expected one of `invalid_request`, `unauthenticated`, `permission_denied`, `not_found`, `conflict`, `rate_limited`, `user_action_required`, `provider_unavailable`, `internal`, `unsupported`)",
                "unknown actor `integrater`; did you mean `integrator`? (expected one of `nobody`, `end_user`, `integrator`, `provider`)",
            ]
        );
    }

    #[test]
    fn a_malformed_pointer_is_one_error() {
        let found = errors(quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "code", mesage: "/message" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            400 | 1 | Bad | never | invalid_request | integrator | "bad";
        });
        assert_eq!(
            found,
            [
                "bad wire pointer: a JSON pointer starts with `/`: write \"/code\"",
                "unknown wire field `mesage`; did you mean `message`? (expected one of `code`, `sub_code`, `message`, `title`, `detail`, `remediation`, `source_pointer`, `source_parameter`, `retryable`, `retry_after`, `request_id`, `category`, `fields`, `field_errors`)",
            ]
        );
    }

    #[test]
    fn an_idempotency_key_is_a_header_with_a_token_for_a_name() {
        let found = errors(quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                idempotency_keys: header "Idempotency-Key",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            400 | 1 | Bad | never | invalid_request | integrator | "bad";
        });
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .starts_with("unknown setting `idempotency_keys`; did you mean `idempotency_key`?"),
            "{found:?}"
        );
        let found = errors(quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                idempotency_key: header "Idempotency Key",
                wire: json { code: "/code" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            400 | 1 | Bad | never | invalid_request | integrator | "bad";
        });
        assert_eq!(
            found,
            [
                "`Idempotency Key` is not a header name: a header name is letters, digits and \
              !#$%&'*+-.^_`|~, with no spaces or colons"
            ]
        );
    }

    #[test]
    fn untested_takes_a_reason_once_on_entries_and_sub_codes() {
        let found = errors(catalog(quote! {
            503 | 1 | Down | backoff(3) | provider_unavailable | nobody | "down"
                untested("the sandbox never goes down");
            404 | 2 | Missing | never | not_found | integrator | "missing" untested("");
            409 | 3 | Busy | never | conflict | integrator | "busy"
                untested("a race") untested("twice");
            400 | 4 | Bad | never | invalid_request | integrator | "bad" untested(why);
            400 | 5 | Worse | never | invalid_request | integrator | "worse" untested;
        }));
        assert_eq!(
            found,
            [
                // Parse errors first; every row is still read after the one that did not parse.
                "expected the reason in words, e.g. `untested(\"cannot be provoked in sandbox\")`",
                "`untested` takes its arguments in parentheses, e.g. `untested(\"cannot be provoked in sandbox\")`",
                "`untested` needs its reason in words, e.g. `untested(\"cannot be provoked in sandbox\")`, so a reviewer knows why no response covers the row",
                "a second `untested` on the same row; one reason says it",
                "note: first `untested` here",
            ]
        );
        let found = errors(quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "/code", sub_code: "/reason" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            503 | 1 | Down | backoff(3) | provider_unavailable | nobody | "down"
                untested("the sandbox never goes down")
                sub_codes {
                    "window" | Window | backoff(3) | provider_unavailable | nobody | "window"
                        untested("announced");
                    "other" | Other | backoff(3) | provider_unavailable | nobody | "other";
                };
        });
        assert_eq!(
            found,
            [
                "sub-code \"window\" of `Down` is untested with its entry already; remove this `untested`, or the entry's if some sub-codes can be provoked",
                "note: `Down` is untested here",
            ]
        );
    }

    #[test]
    fn a_coverage_threshold_is_a_whole_percentage_up_to_100() {
        let with = |setting: proc_macro2::TokenStream| {
            errors(quote! {
                provider Demo {
                    id: "demo",
                    docs: "https://example.com/errors",
                    wire: json { code: "/code" },
                    columns: status | code | variant | retry | kind | actor | message,
                    #setting
                }
                400 | 1 | Bad | never | invalid_request | integrator | "bad";
            })
        };
        assert_eq!(
            with(quote!(coverage: { at_least: 80% },)),
            Vec::<String>::new()
        );
        assert_eq!(
            with(quote!(coverage: { at_least: 0% })),
            Vec::<String>::new()
        );
        assert_eq!(
            with(quote!(coverage: { at_least: 180% })),
            [
                "`180%` is more than every entry: a coverage threshold is at most 100%; `at_least: 100%` is the default, which needs no setting"
            ]
        );
        assert_eq!(
            with(quote!(coverage: { at_leat: 80% })),
            [
                "unknown coverage setting `at_leat`; did you mean `at_least`? (expected one of `at_least`), e.g. `coverage: { at_least: 80% }`"
            ]
        );
        assert_eq!(
            with(quote!(coverage: { at_least: 80 })),
            ["write the share as a percentage: `at_least: 80%`"]
        );
        assert_eq!(
            with(quote!(coverage: { at_least: 82.5% })),
            ["a coverage threshold is a whole percentage: write `at_least: 82%`"]
        );
        assert_eq!(
            with(quote!(coverage: { at_least: 0.8 })),
            ["a coverage threshold is a whole percentage: write `at_least: 80%`"]
        );
        assert_eq!(
            with(quote!(coverage: {})),
            [
                "`coverage` needs the share of entries to account for, e.g. `coverage: { at_least: 80% }`"
            ]
        );
        assert_eq!(
            with(quote!(coverage: { at_least: 80%, at_least: 90% })),
            ["`at_least` is set twice", "note: first set here"]
        );
        assert_eq!(
            with(quote!(coverage: { at_least: "80%" })),
            ["expected a percentage such as `80%`, e.g. `coverage: { at_least: 80% }`"]
        );
        let found = with(quote!(coverge: { at_least: 80% }));
        assert!(
            found[0].starts_with("unknown setting `coverge`; did you mean `coverage`?"),
            "{found:?}"
        );
    }

    #[test]
    fn a_row_without_a_code_is_keyed_by_what_is_left() {
        let found = errors(catalog(quote! {
            500 | _ | ServerError | backoff(3) | internal | provider | "server error";
            502 or 503 | _ | Gateway | backoff(3) | provider_unavailable | nobody | "gateway";
            400 | 1 | Bad | never | invalid_request | integrator | "bad";
        }));
        assert_eq!(found, Vec::<String>::new());
        let found = errors(catalog(quote! {
            500 or 503 | _ | ServerError | backoff(3) | provider_unavailable | provider | "server error";
            503 | _ | Unavailable | backoff(3) | provider_unavailable | nobody | "unavailable";
        }));
        assert_eq!(
            found,
            [
                "a second row without a code (`_`) for HTTP 503 in `demo`: an error sent without a code falls to one row per status; merge the rows, or give each its own statuses",
                "note: the first row without a code for HTTP 503, as `ServerError`",
            ]
        );
        let typed = |rows: proc_macro2::TokenStream| {
            errors(quote! {
                provider Demo {
                    id: "demo",
                    docs: "https://example.com/errors",
                    key: (category, code),
                    categories: { Api = "api_error", Card = "card_error" },
                    wire: json { code: "/error/code", category: "/error/type" },
                    columns: category | status | code | variant | retry | kind | actor | message,
                }
                #rows
            })
        };
        assert_eq!(
            typed(quote! {
                Api | 500 | _ | ApiError | backoff(3) | internal | provider | "api error";
                Card | 500 | _ | CardError | backoff(3) | internal | provider | "card error";
                Card | 402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "declined";
            }),
            Vec::<String>::new()
        );
        assert_eq!(
            typed(quote! {
                Api | 500 | _ | ApiError | backoff(3) | internal | provider | "api error";
                Api | 500 | _ | Other | backoff(3) | internal | provider | "other";
            }),
            [
                "a second row without a code (`_`) for category `Api` and HTTP 500 in `demo`: an error of one category sent without a code falls to one row per status; merge the rows, or give each its own statuses",
                "note: the first row without a code for `Api` and HTTP 500, as `ApiError`",
            ]
        );
        // Numeric codes beside `_`, and `_` where a sub-code is needed.
        let found = errors(quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json { code: "/code", sub_code: "/reason" },
                columns: status | code | variant | retry | kind | actor | message,
            }
            500 | _ | ServerError | backoff(3) | internal | provider | "server error"
                sub_codes { _ | Down | backoff(3) | internal | provider | "down"; };
            400 | 1200 | Bad | never | invalid_request | integrator | "bad";
        });
        assert_eq!(
            found,
            [
                "a sub-code row needs the sub-code as sent, e.g. \"NetbankDown\"; `_` is for rows of the table, which take the errors sent without a code"
            ]
        );
    }

    #[test]
    fn a_header_for_a_field_of_each_error_names_the_fields_a_header_can_give() {
        let found = errors(quote! {
            provider Demo {
                id: "demo",
                docs: "https://example.com/errors",
                wire: json {
                    code: "/code", message: header "X-Message",
                    retryable: header "Stripe-Should-Retry",
                    fields: { doc_url: header "X-Doc" },
                    field_errors: header "X-Errors",
                },
                columns: status | code | variant | retry | kind | actor | message,
            }
            400 | 1 | Bad | never | invalid_request | integrator | "bad";
        });
        let headers = "The fields a header can give: `retryable: header \"Stripe-Should-Retry\"`, `retry_after: header \"Retry-After\"`, `request_id: header \"X-Request-Id\"`";
        assert_eq!(
            found,
            [
                format!(
                    "`message` belongs to each error of the body, so it cannot come from a header: point it into the body, e.g. `message: \"/error/message\"`. {headers}"
                ),
                format!(
                    "`doc_url` is read from each error of the body, so it cannot come from a header: point it into the body, e.g. `doc_url: \"/error/doc_url\"`. {headers}"
                ),
                format!(
                    "`field_errors` is read from each error of the body, so it cannot come from a header: point it into the body, e.g. `field_errors: \"/error/field_errors\"`. {headers}"
                ),
            ]
        );
    }

    #[test]
    fn own_fields_and_field_errors_are_pointers_checked_like_the_others() {
        let with = |wire: proc_macro2::TokenStream| {
            errors(quote! {
                provider Demo {
                    id: "demo",
                    docs: "https://example.com/errors",
                    wire: #wire,
                    columns: status | code | variant | retry | kind | actor | message,
                }
                400 | "bad" | Bad | never | invalid_request | integrator | "bad";
            })
        };
        assert_eq!(
            with(quote!(json {
                code: "/error/code",
                fields: { doc_url: "/error/doc_url" or "/error/docs", param: "/error/param" },
                field_errors: "/errors" { field: "name", message: "detail" },
            })),
            Vec::<String>::new()
        );
        assert_eq!(
            with(quote!(json {
                code: "/errors/*/code",
                fields: { field: "/errors/*/field", doc: "/doc" },
                field_errors: "/errors/*/fields",
            })),
            [
                "bad wire pointer: this shape has a list of errors at /errors, so `doc` must point inside it (`/errors/*/...`), or go in a shape of its own"
            ]
        );
        assert_eq!(
            with(quote!(json { code: "/code", field_errors: "/errors" { feild: "name" } })),
            [
                "unknown field_errors member `feild`; did you mean `field`? (expected one of `field`, `message`): the member names of a list of field errors, e.g. `field_errors: \"/errors\" { field: \"field\", message: \"detail\" }`",
            ]
        );
        assert_eq!(
            with(quote!(json {
                code: "/code",
                message: "/errors/amount",
                field_errors: "/errors"
            })),
            [
                "bad wire pointer: `field_errors` of shape \"json\" reads /errors whole, so `message` under it would never be read; point it elsewhere, or read the field errors from another place",
            ]
        );
        assert_eq!(
            with(quote!(json {
                code: "/code",
                fields: { doc: "/doc", doc: "/docs" },
                fields: { other: "/other" },
            })),
            [
                "`doc` is listed twice in `fields`; give alternatives with `or`, e.g. `doc: \"/a\" or \"/b\"`",
                "note: first listed here",
                "`fields` is set twice in this wire shape; list every field in one block",
                "note: first set here",
            ]
        );
        assert_eq!(
            with(quote!(json {
                code: "/code",
                fields: "/doc"
            })),
            [
                "expected the catalog's own fields in braces, e.g. `fields: { doc_url: \"/error/doc_url\" }`"
            ]
        );
    }

    /// What the macro generates for a small catalog of two shapes and a sub-code, reviewed as
    /// a snapshot: a change to the expansion shows in the diff (update with
    /// `INSTA_UPDATE=always cargo test -p catalog-macros`, then review).
    #[test]
    fn the_expansion_of_a_small_catalog() {
        let output = crate::expand(quote! {
            /// A small payments API.
            pub provider Payments {
                id: "payments",
                docs: "https://example.com/docs/errors",
                idempotency_key: header "Idempotency-Key",
                wire: json {
                    code: "/error/code", message: "/error/message", sub_code: "/error/reason",
                    request_id: header "X-Request-Id", retryable: header "Should-Retry",
                    fields: { doc_url: "/error/doc_url" },
                    field_errors: "/error/errors" { message: "detail" },
                } else json "list" { code: "/errors/*/code" },
                columns: status | code | variant | retry | kind | actor | message,
                sensitive: { "/customer/card", header "X-Session" },
                coverage: { at_least: 90% },
            }
            400 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined."
                => "Ask the customer for another card.";
            500 | _ | ServerError | backoff(3) | internal | provider | "Something went wrong.";
            503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Try again later."
                sub_codes {
                    "maintenance" | Maintenance | after(1h) | provider_unavailable | nobody | "Planned maintenance."
                        untested("announced a week ahead; the sandbox has no maintenance window");
                };
        });
        let file = syn::parse2::<syn::File>(output).expect("the expansion is Rust");
        insta::assert_snapshot!(prettyplease::unparse(&file));
    }
}
