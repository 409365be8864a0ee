//! Recordings safe to commit: a capture full of the secrets real responses carry (a card
//! error's embedded payment object with its client secret, a key echoed into a message, card
//! numbers, a JWT, cookies and credentials in headers) is recorded with none of them left,
//! classified as the original was; and a secret planted in a committed recording fails
//! `record --check` and `verify`.
//!
//! The keys are assembled at run time, so no key-shaped literal sits in the repository for a
//! secret scanner to flag.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

mod common;

use std::path::Path;

use catalog_core::Classification;
use catalog_core::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use serde_json::{Value, json};

catalog_core::provider_errors! {
    /// A card payments API in Stripe's shape: a nested `error` object with a type, a code and
    /// a decline code; the payment object embedded in card errors.
    pub provider Payments {
        id: "payments",
        docs: "https://payments.test/docs/error-codes",
        wire: json { code: "/error/code", message: "/error/message", sub_code: "/error/decline_code", request_id: header "Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined.";
    401 | "api_key_expired" | ApiKeyExpired | never | unauthenticated | integrator | "The API key has expired.";
    400 | "incorrect_number" | IncorrectNumber | never | invalid_request | integrator | "The card number is incorrect.";
    400 | "session_expired" | SessionExpired | never | invalid_request | integrator | "The checkout session has expired.";
}

catalog_core::provider_errors! {
    /// An API whose code sits under a member named like a credential: redaction by name would
    /// take the code away.
    pub provider Sessions {
        id: "sessions",
        docs: "https://sessions.test/docs/errors",
        wire: json { code: "/session/state", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    409 | "expired" | Expired | never | conflict | integrator | "The session has expired.";
}

catalog_core::provider_errors! {
    /// The same API, with the member declared no secret.
    pub provider SessionsDeclared {
        id: "sessions-declared",
        docs: "https://sessions.test/docs/errors",
        wire: json { code: "/session/state", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
        not_sensitive: { "/session" },
    }
    409 | "expired" | Expired | never | conflict | integrator | "The session has expired.";
}

/// The secrets of the capture, each a string that must appear nowhere once recorded.
struct Secrets {
    live_key: String,
    client_secret: String,
    jwt: String,
    card: &'static str,
    card_spaced: &'static str,
    cookie: &'static str,
    cvc_field: &'static str,
}

impl Secrets {
    fn new() -> Self {
        Secrets {
            live_key: ["sk", "live", "51NqT4cLkR8eZvKYlo2C0a1B2c3D4e5F6"].join("_"),
            client_secret: ["pi_3NqT4cLkR8eZvKYl", "secret", "Zk9Q2wX7vB1nM4pL8sT0"].join("_"),
            jwt: [
                "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9",
                "eyJzdWIiOiJjdXNfUHFUNGMiLCJleHAiOjE3MzM0ODAwMDB9",
                "Q1x8RkVvN2F6d0NzY3JhcF9zaWduYXR1cmVfc2FtcGxl",
            ]
            .join("."),
            card: "4000000000000002",
            card_spaced: "4000 0000 0000 0002",
            cookie: "mid=7f1c2e9a-44b1-4c6e-9f0d-2b8e5a1c3d77",
            cvc_field: "payment_method_data[card][cvc]=314",
        }
    }

    fn all(&self) -> Vec<&str> {
        vec![
            &self.live_key,
            &self.client_secret,
            &self.jwt,
            self.card,
            self.card_spaced,
            self.cookie,
            self.cvc_field,
        ]
    }
}

/// A browser's "Save all as HAR" of a checkout page talking to the API.
fn capture(secrets: &Secrets) -> Value {
    let card_error = json!({"error": {
        "charge": "ch_3NqT4cLkR8eZvKYl1xYzAbCd",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "doc_url": "https://payments.test/docs/error-codes/card-declined",
        "message": "Your card has insufficient funds.",
        "payment_intent": {
            "id": "pi_3NqT4cLkR8eZvKYl",
            "object": "payment_intent",
            "amount": 2000,
            "client_secret": secrets.client_secret,
            "currency": "usd",
            "status": "requires_payment_method",
            "payment_method_types": ["card"]
        },
        "payment_method": {
            "id": "pm_1NqT4cLkR8eZvKYlQ2w3E4r5",
            "object": "payment_method",
            "card": {"brand": "visa", "country": "US", "exp_month": 12, "exp_year": 2027, "last4": "0002"},
            "type": "card"
        },
        "request_log_url": "https://dashboard.payments.test/logs/req_Q2w3E4r5T6y7U8?t=1733480000",
        "type": "card_error"
    }});
    let expired_key = json!({"error": {
        "code": "api_key_expired",
        "doc_url": "https://payments.test/docs/error-codes/api-key-expired",
        "message": format!("Expired API Key provided: {}", secrets.live_key),
        "type": "invalid_request_error"
    }});
    let bad_number = json!({"error": {
        "code": "incorrect_number",
        "message": format!("Your card number {} is incorrect.", secrets.card_spaced),
        "param": "payment_method_data[card][number]",
        "type": "card_error"
    }});
    let expired_session = json!({"error": {
        "code": "session_expired",
        "message": format!("The session {} has expired.", secrets.jwt),
        "type": "invalid_request_error"
    }});
    let entry = |index: usize, status: u16, body: &Value| {
        json!({
            "startedDateTime": "2026-12-06T09:14:03.512Z",
            "time": 412.7,
            "request": {
                "method": "POST",
                "url": format!("https://api.payments.test/v1/payment_intents/pi_3NqT4cLkR8eZvKYl/confirm?attempt={index}"),
                "httpVersion": "http/2.0",
                "headers": [
                    {"name": ":authority", "value": "api.payments.test"},
                    {"name": "authorization", "value": format!("Bearer {}", secrets.live_key)},
                    {"name": "content-type", "value": "application/x-www-form-urlencoded"},
                    {"name": "idempotency-key", "value": format!("6b1f2c1e-0c55-4c3e-9a5b-{index:012}")}
                ],
                "queryString": [{"name": "attempt", "value": index.to_string()}],
                "cookies": [{"name": "mid", "value": "7f1c2e9a-44b1-4c6e-9f0d-2b8e5a1c3d77"}],
                "headersSize": -1,
                "bodySize": 118,
                "postData": {
                    "mimeType": "application/x-www-form-urlencoded",
                    "text": format!("payment_method_data[type]=card&payment_method_data[card][number]={}&{}&return_url=https%3A%2F%2Fshop.test%2Fdone", secrets.card, secrets.cvc_field),
                    "params": [
                        {"name": "payment_method_data[card][number]", "value": secrets.card},
                        {"name": "payment_method_data[card][cvc]", "value": "314"}
                    ]
                }
            },
            "response": {
                "status": status,
                "statusText": "",
                "httpVersion": "http/2.0",
                "headers": [
                    {"name": "content-type", "value": "application/json"},
                    {"name": "request-id", "value": format!("req_Q2w3E4r5T6y7U{index}")},
                    {"name": "set-cookie", "value": format!("{}; domain=.payments.test; path=/; secure; HttpOnly; SameSite=Lax", secrets.cookie)}
                ],
                "cookies": [{"name": "mid", "value": "7f1c2e9a-44b1-4c6e-9f0d-2b8e5a1c3d77", "path": "/", "domain": ".payments.test", "httpOnly": true, "secure": true}],
                "content": {"size": -1, "mimeType": "application/json", "text": serde_json::to_string_pretty(body).unwrap()},
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": -1,
                "_transferSize": 1893
            },
            "cache": {},
            "timings": {"blocked": 2.1, "dns": -1, "ssl": -1, "connect": -1, "send": 0.3, "wait": 402.6, "receive": 7.7},
            "serverIPAddress": "127.0.0.1",
            "_initiator": {"type": "script"},
            "_priority": "High",
            "_resourceType": "fetch"
        })
    };
    json!({"log": {
        "version": "1.2",
        "creator": {"name": "WebInspector", "version": "537.36"},
        "pages": [],
        "entries": [
            entry(0, 402, &card_error),
            entry(1, 401, &expired_key),
            entry(2, 400, &bad_number),
            entry(3, 400, &expired_session),
            entry(4, 200, &json!({"id": "pi_3NqT4cLkR8eZvKYl", "status": "succeeded"})),
        ]
    }})
}

struct Project {
    root: common::Scratch,
}

impl Project {
    fn new(test: &str) -> Self {
        let project = Project {
            root: common::Scratch::new("secrets", test),
        };
        // The catalogs' snapshots, committed as `catalog --write` saves them: `verify` fails
        // without one.
        project.run(&["catalog", "--write"]).0.unwrap();
        project
    }

    fn run(&self, args: &[&str]) -> (Result<(), CommandError>, String) {
        let catalogs = [Payments::spec(), Sessions::spec(), SessionsDeclared::spec()];
        let tool = Tool::new(&catalogs).layout(Layout::new(
            self.root.join("recordings"),
            self.root.join("docs"),
        ));
        let matches = tool
            .command()
            .try_get_matches_from(std::iter::once("contracts").chain(args.iter().copied()))
            .unwrap();
        let mut output = Vec::new();
        let result = tool.run_to(&matches, &mut output);
        (result, String::from_utf8(output).unwrap())
    }

    fn write(&self, name: &str, value: &Value) -> String {
        let path = self.root.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
        path.display().to_string()
    }
}

/// What `record` writes as `_expected` for a response, from its classification.
fn expectation(spec: &'static catalog_core::spec::CatalogSpec, entry: &Value) -> Value {
    let status =
        StatusCode::from_u16(entry["response"]["status"].as_u64().unwrap() as u16).unwrap();
    let mut headers = HeaderMap::new();
    for header in entry["response"]["headers"].as_array().unwrap() {
        headers.append(
            HeaderName::from_bytes(header["name"].as_str().unwrap().as_bytes()).unwrap(),
            HeaderValue::from_str(header["value"].as_str().unwrap()).unwrap(),
        );
    }
    let body = entry["response"]["content"]["text"].as_str().unwrap();
    let classification = Classification::new(spec, status, &headers, body.as_bytes());
    let mut expected = serde_json::Map::new();
    match classification.entry() {
        Some(entry) => expected.insert("variant".into(), entry.variant.into()),
        None => expected.insert("known".into(), false.into()),
    };
    expected.insert("code".into(), classification.code().into());
    expected.insert("retryable".into(), classification.is_retryable().into());
    expected.insert("kind".into(), classification.kind().to_string().into());
    expected.insert("actor".into(), classification.actor().to_string().into());
    Value::Object(expected)
}

fn recorded_keys(expected: &Value) -> Value {
    let mut kept = serde_json::Map::new();
    for key in ["known", "variant", "code", "retryable", "kind", "actor"] {
        if let Some(value) = expected.get(key) {
            kept.insert(key.to_owned(), value.clone());
        }
    }
    Value::Object(kept)
}

#[test]
fn a_capture_full_of_secrets_is_recorded_with_none_left_and_classified_as_sent() {
    let project = Project::new("full");
    let secrets = Secrets::new();
    let original = capture(&secrets);
    let input = project.write("checkout.har", &original);

    let (result, review) = project.run(&["record", "--provider", "payments", &input]);
    result.unwrap();
    for expected in [
        "a value named `client_secret` in the response body at /error/payment_intent/client_secret",
        "a `sk_live_` key in the response body at /error/message",
        "a card number in the response body at /error/message",
        "a JWT in the response body at /error/message",
        "a value named `set-cookie` in the response header `set-cookie`",
        "a value named `authorization` in the request header `authorization`",
        "a value named `payment_method_data[card][number]` in the request body",
    ] {
        assert!(
            review.contains(expected),
            "review lacks {expected:?}:\n{review}"
        );
    }
    assert!(!review.contains(&secrets.live_key), "{review}");

    let written =
        std::fs::read_to_string(project.root.join("recordings/payments/checkout.har")).unwrap();
    for secret in secrets.all() {
        assert!(
            !written.contains(secret),
            "{secret} left in the recording:\n{written}"
        );
    }
    // Still a HAR whose bodies parse, with every `_expected` as the original classified.
    let har: Value = serde_json::from_str(&written).unwrap();
    let entries = har["log"]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 4, "the 200 is not an error and is left out");
    for (index, entry) in entries.iter().enumerate() {
        let body = entry["response"]["content"]["text"].as_str().unwrap();
        let _: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            recorded_keys(&entry["_expected"]),
            expectation(Payments::spec(), &original["log"]["entries"][index]),
            "entry {index}"
        );
    }
    assert_eq!(entries[0]["_expected"]["variant"], "CardDeclined");
    let card_error: Value =
        serde_json::from_str(entries[0]["response"]["content"]["text"].as_str().unwrap()).unwrap();
    assert_eq!(
        card_error["error"]["payment_intent"]["client_secret"],
        "[redacted]"
    );
    assert_eq!(
        card_error["error"]["payment_intent"]["amount"], 2000,
        "a number stays a number"
    );
    assert_eq!(card_error["error"]["decline_code"], "insufficient_funds");

    // What was written passes the checks that CI runs.
    let recording = project.root.join("recordings/payments/checkout.har");
    let recording = recording.display().to_string();
    let (result, output) =
        project.run(&["record", "--provider", "payments", "--check", &recording]);
    result.unwrap_or_else(|error| panic!("{error:?}\n{output}"));
    let (result, output) = project.run(&["verify", "--provider", "payments"]);
    result.unwrap_or_else(|error| panic!("{error:?}\n{output}"));
}

#[test]
fn a_secret_planted_in_a_committed_recording_fails_check_and_verify() {
    let project = Project::new("planted");
    let secrets = Secrets::new();
    let input = project.write("checkout.har", &capture(&secrets));
    project
        .run(&["record", "--provider", "payments", &input])
        .0
        .unwrap();
    let path = project.root.join("recordings/payments/checkout.har");
    let mut har: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let body = json!({"error": {"code": "api_key_expired", "message": "expired", "type": "invalid_request_error",
        "payment_intent": {"client_secret": secrets.client_secret}}});
    har["log"]["entries"][1]["response"]["content"]["text"] = Value::from(body.to_string());
    std::fs::write(&path, serde_json::to_string_pretty(&har).unwrap()).unwrap();
    let recording = path.display().to_string();

    let (result, output) =
        project.run(&["record", "--provider", "payments", "--check", &recording]);
    assert!(
        matches!(&result, Err(CommandError::Failed(message)) if message.contains("1 secret(s)")),
        "{result:?}"
    );
    assert!(
        output.contains(&format!(
            "[secret] {recording} entry 1: a value named `client_secret` in the response body at /error/payment_intent/client_secret"
        )),
        "{output}"
    );
    let (result, output) = project.run(&["verify", "--provider", "payments"]);
    assert!(matches!(result, Err(CommandError::Failed(_))), "{result:?}");
    assert!(
        output.contains(&format!(
            "FAIL payments {recording}: [secret] entry 1: a value named `client_secret` in the response body at /error/payment_intent/client_secret; run `record --provider payments` on it again"
        )),
        "{output}"
    );
    // Recording it again redacts it, and both pass.
    project
        .run(&["record", "--provider", "payments", &recording])
        .0
        .unwrap();
    project
        .run(&["verify", "--provider", "payments"])
        .0
        .unwrap();
}

#[test]
fn keep_secrets_writes_them_and_verify_then_fails() {
    let project = Project::new("keep");
    let secrets = Secrets::new();
    let input = project.write("checkout.har", &capture(&secrets));
    let (result, review) =
        project.run(&["record", "--provider", "payments", "--keep-secrets", &input]);
    result.unwrap();
    assert!(
        review.contains("--keep-secrets: nothing was redacted"),
        "{review}"
    );
    let written =
        std::fs::read_to_string(project.root.join("recordings/payments/checkout.har")).unwrap();
    assert!(written.contains(&secrets.client_secret));
    let (result, output) = project.run(&["verify", "--provider", "payments"]);
    assert!(matches!(result, Err(CommandError::Failed(_))), "{result:?}");
    assert!(output.contains("[secret]"), "{output}");
}

fn session_capture() -> Value {
    json!([{
        "status": 409,
        "headers": {"Content-Type": "application/json"},
        "body": {"session": {"state": "expired", "id": "cs_9Qw2"}, "message": "The session has expired."}
    }])
}

#[test]
fn redaction_that_would_change_a_classification_fails_and_names_the_pointer() {
    let project = Project::new("changes");
    let input = project.write("sessions.json", &session_capture());
    let (result, _) = project.run(&["record", "--provider", "sessions", &input]);
    let Err(CommandError::Usage(message)) = result else {
        panic!("{result:?}");
    };
    assert!(
        message.contains("redacting its secrets changes how it classifies")
            && message.contains(r#"`not_sensitive: { "/session" }`"#),
        "{message}"
    );
    assert!(!Path::new(&project.root.join("recordings/sessions/sessions.har")).exists());

    // Declared no secret: recorded as sent, and classified as the code says.
    let (result, review) = project.run(&["record", "--provider", "sessions-declared", &input]);
    result.unwrap();
    assert!(review.contains(r#""variant":"Expired""#), "{review}");
    let written = std::fs::read_to_string(
        project
            .root
            .join("recordings/sessions-declared/sessions.har"),
    )
    .unwrap();
    assert!(written.contains("cs_9Qw2"), "{written}");
}

#[test]
fn classify_prints_no_echoed_key() {
    let project = Project::new("classify");
    let secrets = Secrets::new();
    let body = json!({"error": {"code": "api_key_expired", "type": "invalid_request_error",
        "message": format!("Expired API Key provided: {}", secrets.live_key)}});
    let file = project.write("body.json", &body);
    let (result, output) = project.run(&[
        "classify",
        "--provider",
        "payments",
        "--status",
        "401",
        &file,
    ]);
    result.unwrap();
    assert!(!output.contains(&secrets.live_key), "{output}");
    let printed: Value = serde_json::from_str(&output).unwrap();
    assert_eq!(
        printed["message"],
        "Expired API Key provided: sk_live_[redacted]"
    );
    assert_eq!(printed["variant"], "ApiKeyExpired");
}
