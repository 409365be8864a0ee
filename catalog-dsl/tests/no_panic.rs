//! The pipeline never panics: any token stream is a catalog or a list of errors. Inputs are
//! valid catalogs with tokens dropped, repeated, swapped or replaced by others of the DSL, so
//! they reach every step (syntax, model, validation, expansion), not just the first parse.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;

const CATALOG: &str = r#"
    /// Docs.
    pub provider Demo {
        id: "demo",
        name: "Demo",
        docs: "https://example.com/errors",
        key: (status, code),
        errors_in_2xx: true,
        categories: { Fix = "Fix it", Wait = "Wait" },
        wire: json { code: "/errors/*/code", message: "/errors/*/message" or "/errors/*/msg",
                     sub_code: "/errors/*/details/reason", request_id: header "X-Request-Id" }
            else json "flat" { code: "/code", retry_after: "/retry" },
        columns: status | code | variant | retry | kind | actor | message | category,
        docs_tables: { entries: { code: "Code", status: "HTTP", message: "Message" } },
    }
    group "Errors" wire "flat" {
        400 | "bad" | Bad | never | invalid_request | integrator | "bad" | Fix => "fix it"
            also_in("Other") docs("https://x") added("why");
        503 | "down" | Down | backoff(3) | provider_unavailable | nobody | "down" | Wait
            sub_codes { "Retry" | RetryNow | immediately | provider_unavailable | nobody | "now"; };
    }
    429 | "slow" | Slow | after_hint(2) | rate_limited | nobody | "slow" | Wait;
    200 | "odd" | Odd | after(2h) | internal | provider | "odd" | Fix;
"#;

/// Tokens of the DSL and near it, to put in place of others.
const REPLACEMENTS: &[&str] = &[
    "provider",
    "group",
    "wire",
    "json",
    "header",
    "or",
    "else",
    "sub_codes",
    "allow",
    "status_retry",
    "never",
    "backoff",
    "after",
    "next_day",
    "0",
    "65536",
    "-1",
    "999",
    "1e9",
    "\"\"",
    "\"/\"",
    "\"~\"",
    "\"/a/*/*\"",
    "|",
    ";",
    ",",
    ":",
    "=>",
    "{ }",
    "( )",
    "[ ]",
    "code",
    "key",
    "columns",
    "status",
    "true",
    "x",
    "Self",
    "r#type",
    "'a'",
    "1u8",
    "2.5",
    "b\"x\"",
];

fn tokens() -> Vec<TokenTree> {
    CATALOG
        .parse::<TokenStream>()
        .expect("the sample catalog is Rust tokens")
        .into_iter()
        .collect()
}

/// One edit of a token list (top level; groups are replaced whole).
#[derive(Clone, Debug)]
enum Edit {
    Drop(usize),
    Repeat(usize),
    Swap(usize, usize),
    Replace(usize, usize),
}

fn apply(mut tokens: Vec<TokenTree>, edits: &[Edit]) -> TokenStream {
    for edit in edits {
        if tokens.is_empty() {
            break;
        }
        let len = tokens.len();
        match *edit {
            Edit::Drop(i) => {
                tokens.remove(i % len);
            }
            Edit::Repeat(i) => {
                let token = tokens[i % len].clone();
                tokens.insert(i % len, token);
            }
            Edit::Swap(i, j) => tokens.swap(i % len, j % len),
            Edit::Replace(i, r) => {
                let replacement: TokenStream = REPLACEMENTS[r % REPLACEMENTS.len()]
                    .parse()
                    .expect("replacements are Rust tokens");
                tokens.splice(i % len..=i % len, replacement);
            }
        }
    }
    tokens.into_iter().collect()
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Drop),
        any::<usize>().prop_map(Edit::Repeat),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::Swap(i, j)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, r)| Edit::Replace(i, r)),
    ]
}

#[test]
fn the_sample_catalog_is_valid() {
    let input: TokenStream = CATALOG.parse().expect("tokens");
    assert_eq!(catalog_dsl::check(input), Vec::<String>::new());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Edited catalogs: every step of the pipeline sees broken input, and answers with errors
    /// or a catalog, never a panic.
    #[test]
    fn an_edited_catalog_never_panics(edits in proptest::collection::vec(edit(), 1..6)) {
        let input = apply(tokens(), &edits);
        let errors = catalog_dsl::check(input.clone());
        let output = catalog_dsl::expand(input).to_string();
        // Errors become compile_error!s; a catalog without errors expands to its code.
        prop_assert_eq!(errors.is_empty(), !output.contains("compile_error"), "{:?}", errors);
    }

    /// Any text at all.
    #[test]
    fn any_text_never_panics(text in "\\PC{0,200}") {
        let _ = catalog_dsl::check_source(&text);
    }
}
