//! Codes unique only within a type: a catalog keyed by `(category, code)`, where the body
//! sends the type beside the code (Plaid's `error_type`). `PRODUCT_NOT_READY` under three
//! types is three entries, and each body finds its own.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::{Catalog, KeyMode, RenderOptions};

catalog_core::provider_errors! {
    /// Plaid's current API: `error_type` types the `error_code`.
    provider Typed {
        id: "typed",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Item = "ITEM_ERROR", Transactions = "TRANSACTIONS_ERROR", Assets = "ASSET_REPORT_ERROR" },
        wire: json { code: "/error_code", category: "/error_type", message: "/error_message" },
        columns: category | status | code | variant | retry | kind | actor | message,
    }
    Item | 400 | "PRODUCT_NOT_READY" | ItemNotReady | never | user_action_required | integrator | "the item is not ready";
    Transactions | 400 | "PRODUCT_NOT_READY" | TransactionsNotReady | never | user_action_required | integrator | "transactions are not ready";
    Assets | 400 | "PRODUCT_NOT_READY" | AssetsNotReady | never | user_action_required | integrator | "the report is not ready";
    Item | 400 | "ITEM_LOGIN_REQUIRED" | ItemLoginRequired | never | user_action_required | end_user | "the login details changed";
}

fn classify(body: &str) -> Option<Typed> {
    Typed::classify(StatusCode::BAD_REQUEST, &HeaderMap::new(), body.as_bytes()).variant()
}

#[test]
fn a_shared_code_finds_the_entry_of_its_type() {
    assert_eq!(Typed::spec().key, KeyMode::CategoryCode);
    for (category, expected) in [
        ("ITEM_ERROR", Typed::ItemNotReady),
        ("TRANSACTIONS_ERROR", Typed::TransactionsNotReady),
        ("ASSET_REPORT_ERROR", Typed::AssetsNotReady),
    ] {
        let body = format!(r#"{{"error_type":"{category}","error_code":"PRODUCT_NOT_READY"}}"#);
        assert_eq!(classify(&body), Some(expected), "{category}");
    }
}

#[test]
fn without_its_type_a_shared_code_is_unknown_and_a_unique_one_is_found() {
    assert_eq!(classify(r#"{"error_code":"PRODUCT_NOT_READY"}"#), None);
    assert_eq!(
        classify(r#"{"error_type":"OTHER_ERROR","error_code":"PRODUCT_NOT_READY"}"#),
        None
    );
    assert_eq!(
        classify(r#"{"error_code":"ITEM_LOGIN_REQUIRED"}"#),
        Some(Typed::ItemLoginRequired)
    );
    let error = Typed::classify(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"error_type":"OTHER_ERROR","error_code":"PRODUCT_NOT_READY"}"#,
    );
    assert_eq!(
        error.errors()[0].category.as_deref(),
        Some("OTHER_ERROR"),
        "kept as sent"
    );
}

#[test]
fn every_entry_renders_a_body_that_classifies_back_to_it() {
    for &variant in Typed::ALL {
        let rendered = variant.render(&RenderOptions::default());
        let back = Typed::classify(rendered.status, &rendered.headers, &rendered.body);
        assert_eq!(back.variant(), Some(variant));
    }
}
