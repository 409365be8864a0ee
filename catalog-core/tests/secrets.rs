//! Nothing secret in any output: `Display`, `Debug` and the serde form leave out credentials
//! and card numbers; the raw body and the unredacted form keep everything.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::http::{HeaderMap, HeaderValue, StatusCode};
use catalog_core::{Catalog, ProviderError};

catalog_core::provider_errors! {
    /// Plaid-like: error webhooks carry the access token; a declared pointer holds a secret
    /// under a name no default knows.
    provider Bank {
        id: "bank",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message", detail: "/item/handle", request_id: header "X-Session" },
        columns: status | code | variant | retry | kind | actor | message,
        sensitive: { "/item/handle", header "X-Session" },
    }
    402 | 1200 | InvalidCredentials | never | user_action_required | end_user | "invalid credentials";
}

catalog_core::provider_errors! {
    /// MDES-like: descriptions echo the card number that was sent.
    provider Cards {
        id: "cards",
        docs: "https://example.com/errors",
        errors_in_2xx: true,
        wire: json { code: "/errors/*/reasonCode", message: "/errors/*/description" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    200 | "INVALID_PAN" | InvalidPan | never | invalid_request | integrator | "Invalid PAN";
}

const TOKEN: &str = "access-sandbox-de3ce8ef-33f8-4c38";
const HANDLE: &str = "hdl-77-private";
const SESSION: &str = "sess-0042";
const CARD: &str = "5555555555554444";

fn bank_error() -> ProviderError<Bank> {
    let body = format!(
        r#"{{"code":1200,"message":"bad access_token={TOKEN}","access_token":"{TOKEN}","item":{{"handle":"{HANDLE}"}}}}"#
    );
    let mut headers = HeaderMap::new();
    headers.insert("x-session", HeaderValue::from_static(SESSION));
    Bank::classify(StatusCode::PAYMENT_REQUIRED, &headers, body.as_bytes())
}

fn cards_error() -> ProviderError<Cards> {
    let body = format!(
        r#"{{"errors":[{{"reasonCode":"INVALID_PAN","description":"card {CARD} is not eligible"}}],"pan":"{CARD}"}}"#
    );
    Cards::classify(StatusCode::OK, &HeaderMap::new(), body.as_bytes())
}

fn every_output<C: Catalog>(error: &ProviderError<C>) -> [String; 3] {
    [
        error.to_string(),
        format!("{error:?}"),
        serde_json::to_string(error).unwrap(),
    ]
}

#[test]
fn tokens_declared_fields_and_headers_stay_out_of_every_output() {
    let error = bank_error();
    assert_eq!(error.variant(), Some(Bank::InvalidCredentials));
    for output in every_output(&error) {
        for secret in [TOKEN, HANDLE, SESSION] {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
    let json: serde_json::Value = serde_json::to_value(&error).unwrap();
    assert_eq!(json["message"], "bad access_token=[redacted]");
    assert_eq!(json["errors"][0]["detail"], "[redacted]");
    assert_eq!(json["request_id"], "[redacted]");
}

#[test]
fn card_numbers_keep_only_their_last_four_digits() {
    let error = cards_error();
    assert_eq!(error.variant(), Some(Cards::InvalidPan));
    for output in every_output(&error) {
        assert!(!output.contains(CARD), "{output}");
    }
    assert_eq!(
        error.to_string(),
        "cards INVALID_PAN (InvalidPan), HTTP 200: card ************4444 is not eligible"
    );
}

#[test]
fn the_raw_body_and_the_unredacted_form_keep_everything() {
    let error = bank_error();
    let raw = String::from_utf8(error.raw_body().to_vec()).unwrap();
    assert!(raw.contains(TOKEN) && raw.contains(HANDLE));
    let unredacted = serde_json::to_string(&error.unredacted()).unwrap();
    for secret in [TOKEN, HANDLE, SESSION] {
        assert!(
            unredacted.contains(secret),
            "{secret} missing from {unredacted}"
        );
    }
    let back: ProviderError<Bank> = serde_json::from_str(&unredacted).unwrap();
    assert_eq!(back, error);
}
