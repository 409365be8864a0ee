//! A catalog read from its invocation by the macro's parser (`catalog_dsl::describe`, what
//! `import --against` compares) gives the same snapshot as the compiled catalog: checked on the
//! five seed catalogs, whose sources use every setting the seeds need.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use contract_tests::snapshot::Snapshot;
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The body of each `provider_errors! { ... }` in a source file.
fn invocations(file: &str) -> Vec<TokenStream> {
    let tokens: Vec<TokenTree> = file.parse::<TokenStream>().unwrap().into_iter().collect();
    tokens
        .windows(3)
        .filter_map(|window| match window {
            [
                TokenTree::Ident(name),
                TokenTree::Punct(bang),
                TokenTree::Group(body),
            ] if name == "provider_errors"
                && bang.as_char() == '!'
                && body.delimiter() == Delimiter::Brace =>
            {
                Some(body.stream())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_seed_catalogs_described_from_source_snapshot_as_compiled() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../providers/src");
    let mut described = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for invocation in invocations(&text) {
            described.push(catalog_dsl::describe(invocation).unwrap());
        }
    }
    assert_eq!(described.len(), providers::all().len());
    for spec in providers::all() {
        let description = described
            .iter()
            .find(|description| description.id == spec.id)
            .unwrap_or_else(|| panic!("no source declares {}", spec.id));
        let from_source = Snapshot::of_description(description);
        let compiled = Snapshot::of(spec);
        assert_eq!(
            from_source.to_json(),
            compiled.to_json(),
            "{}: the description differs from the compiled catalog",
            spec.id
        );
    }
}

#[test]
fn a_catalog_with_mistakes_is_described_by_them() {
    let errors = catalog_dsl::describe_source(
        r#"pub provider Acme {
            id: "Acme", docs: "https://acme.test/errors",
            wire: json { code: "/code", message: "/message" },
            columns: status | code | variant | retry | kind | actor | message,
        }
        400 | "bad" | Bad | never | invalid_request | integrator | "Bad.";"#,
    )
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|error| error.contains("a provider id is lowercase kebab-case")),
        "{errors:?}"
    );
}
