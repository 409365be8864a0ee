//! What real providers send, in Stripe's shape: the server's retry flag in a header
//! (`Stripe-Should-Retry`), errors without a code (`api_error`), fields of the catalog's own
//! (`doc_url`), and, in a problem-details API beside it, field errors. The Stripe catalog is
//! the worked example of the READMEs, word for word, and both catalogs hold their whole
//! contract against the recordings and the docs page under `tests/provider_shapes/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::http::{HeaderMap, HeaderValue, StatusCode};
use catalog_core::retry::{Decision, Retry, StopReason};
use catalog_core::{Catalog, FlagSource, RetryPolicy, ServerRetryFlag};
use contract_tests::layout::Layout;

// The README's example starts here.
catalog_core::provider_errors! {
    /// Stripe's API errors: an `error` object whose `type` a code is unique within.
    pub provider Stripe {
        id: "stripe",
        docs: "https://docs.stripe.com/error-codes",
        key: (category, code),
        idempotency_key: header "Idempotency-Key",
        categories: {
            Api = "api_error",
            Card = "card_error",
            Idempotency = "idempotency_error",
            InvalidRequest = "invalid_request_error",
        },
        wire: json {
            code: "/error/code",
            category: "/error/type",
            sub_code: "/error/decline_code",
            message: "/error/message",
            source_parameter: "/error/param",
            request_id: header "Request-Id",
            retryable: header "Stripe-Should-Retry",
            fields: { doc_url: "/error/doc_url", request_log_url: "/error/request_log_url" },
        },
        columns: category | status | code | variant | retry | kind | actor | message,
        docs_tables: {
            entries: { category: "Type", status: "Status", code: "Code", message: "Description" },
            sub_codes of CardDeclined: { code: "Decline code", message: "Description" },
        },
    }
    // No code: an `api_error` sends only its type and a message.
    Api | 500 | _ | ApiError | backoff(3) | internal | provider
        | "Something went wrong on Stripe's side.";
    Card | 402 | "card_declined" | CardDeclined | never | user_action_required | end_user
        | "The card was declined."
        sub_codes {
            "insufficient_funds" | InsufficientFunds | never | user_action_required | end_user
                | "The card has insufficient funds.";
            "lost_card" | LostCard | never | user_action_required | end_user
                | "The card was reported lost.";
            "generic_decline" | GenericDecline | never | user_action_required | end_user
                | "The issuer declined the card without a reason.";
        };
    Card | 402 | "expired_card" | ExpiredCard | never | user_action_required | end_user
        | "The card has expired.";
    Idempotency | 400 | _ | IdempotencyKeyReused | never | invalid_request | integrator
        | "An idempotency key was used again with other parameters.";
    InvalidRequest | 400 | "parameter_missing" | ParameterMissing | never | invalid_request | integrator
        | "A required parameter is missing.";
    InvalidRequest | 404 | "resource_missing" | ResourceMissing | never | not_found | integrator
        | "The ID given does not exist.";
    // `never` here; Stripe's header says when a retry can take the lock.
    InvalidRequest | 409 | "lock_timeout" | LockTimeout | never | conflict | nobody
        | "Another request holds this object; its lock could not be taken in time.";
    InvalidRequest | 429 | "rate_limit" | RateLimited | after_hint(3) | rate_limited | nobody
        | "Too many requests reached the API too quickly.";
}
// The README's example ends here.

catalog_core::provider_errors! {
    /// A payouts API that answers with problem details (RFC 9457), as TrueLayer does: a
    /// `type` URI for a code, a `title` for a message, and under `errors` each field of the
    /// request with what is wrong with it. (An error without a code is known by its other
    /// fields: the row without one needs the title read, or no body could reach it.)
    pub provider Payouts {
        id: "payouts",
        docs: "https://docs.payouts.test/errors",
        wire: json {
            code: "/type",
            message: "/title",
            detail: "/detail",
            request_id: "/trace_id",
            field_errors: "/errors",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "https://docs.payouts.test/errors#invalid-parameters" | InvalidParameters | never
        | invalid_request | integrator | "Some parameters of the request are invalid.";
    401 | "https://docs.payouts.test/errors#unauthenticated" | Unauthenticated | never
        | unauthenticated | integrator | "The access token is missing or expired.";
    // A gateway in front of it sends a title and a status, and no type.
    503 | _ | Unavailable | after_hint(3) | provider_unavailable | nobody
        | "The service is unavailable.";
}

catalog_core::provider_errors! {
    /// An API that lists field errors as objects with their own member names, as GitHub's
    /// `{"message": "Validation Failed", "errors": [{"field": "title", "code": "missing_field"}]}`.
    pub provider Issues {
        id: "issues",
        docs: "https://docs.issues.test/errors",
        wire: json {
            code: "/code",
            message: "/message",
            field_errors: "/errors" { field: "field", message: "code" },
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    422 | "validation_failed" | ValidationFailed | never | invalid_request | integrator
        | "The request body is not valid.";
}

/// The recordings and docs pages of these catalogs.
fn layout() -> Layout {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/provider_shapes");
    Layout::new(root.join("recordings"), root.join("docs"))
}

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.insert(*name, HeaderValue::from_static(value));
    }
    headers
}

const API_ERROR: &[u8] =
    br#"{"error": {"message": "An unknown error occurred on our side.", "type": "api_error"}}"#;

#[test]
fn an_api_error_without_a_code_is_the_row_without_one_and_retryable() {
    let error = Stripe::classify(
        StatusCode::INTERNAL_SERVER_ERROR,
        &HeaderMap::new(),
        API_ERROR,
    );
    assert_eq!(error.variant(), Some(Stripe::ApiError));
    assert_eq!(error.code(), None, "no code was sent");
    assert!(error.is_retryable());
    assert_eq!(error.retry().policy, RetryPolicy::Backoff { retries: 3 });
    assert_eq!(error.retry().server_flag, None);
    assert_eq!(
        error.message(),
        Some("An unknown error occurred on our side.")
    );
}

#[test]
fn stripe_should_retry_false_stops_a_5xx_and_says_the_header_decided() {
    let error = Stripe::classify(
        StatusCode::INTERNAL_SERVER_ERROR,
        &headers(&[("Stripe-Should-Retry", "false"), ("Request-Id", "req_1")]),
        API_ERROR,
    );
    assert_eq!(error.variant(), Some(Stripe::ApiError));
    assert!(!error.is_retryable());
    assert_eq!(
        error.retry().server_flag,
        Some(ServerRetryFlag {
            retryable: false,
            source: FlagSource::Header,
        })
    );
    assert_eq!(
        Retry::new().idempotent(true).next(&error),
        Decision::Stop(StopReason::ServerSaidNo {
            source: FlagSource::Header
        })
    );
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["retryable"], false);
    assert_eq!(
        json["retry"]["server_flag"],
        serde_json::json!({"retryable": false, "source": "header"})
    );
}

#[test]
fn stripe_should_retry_true_retries_a_lock_timeout_the_catalog_says_never() {
    let body = br#"{"error": {"code": "lock_timeout", "doc_url": "https://docs.stripe.com/error-codes/lock-timeout", "message": "This object cannot be accessed right now.", "type": "invalid_request_error"}}"#;
    let without = Stripe::classify(StatusCode::CONFLICT, &HeaderMap::new(), body);
    assert_eq!(without.variant(), Some(Stripe::LockTimeout));
    assert!(!without.is_retryable());
    let error = Stripe::classify(
        StatusCode::CONFLICT,
        &headers(&[("stripe-should-retry", "TRUE")]),
        body,
    );
    assert_eq!(error.variant(), Some(Stripe::LockTimeout));
    assert!(error.is_retryable());
    // `never` in the row: the catalog's default back-off.
    assert_eq!(error.retry().policy, RetryPolicy::DEFAULT_BACKOFF);
    assert_eq!(
        error.retry().server_flag,
        Some(ServerRetryFlag {
            retryable: true,
            source: FlagSource::Header,
        })
    );
    assert!(matches!(
        Retry::new().idempotent(true).next(&error),
        Decision::RetryAfter(_)
    ));
    // A row that retries keeps its own delays: `after_hint(3)` waits the `Retry-After`.
    let limited = Stripe::classify(
        StatusCode::TOO_MANY_REQUESTS,
        &headers(&[("Stripe-Should-Retry", "true"), ("Retry-After", "7")]),
        br#"{"error": {"code": "rate_limit", "type": "invalid_request_error"}}"#,
    );
    assert_eq!(
        limited.retry().policy,
        RetryPolicy::AfterHint { retries: 3 }
    );
    assert_eq!(
        limited.retry().delay,
        Some(std::time::Duration::from_secs(7))
    );
}

#[test]
fn a_retry_header_that_is_neither_true_nor_false_is_ignored_and_kept() {
    let error = Stripe::classify(
        StatusCode::INTERNAL_SERVER_ERROR,
        &headers(&[("Stripe-Should-Retry", "maybe")]),
        API_ERROR,
    );
    assert!(error.is_retryable(), "the row decides");
    assert_eq!(error.retry().server_flag, None);
    assert_eq!(error.server_flag_text(), Some("maybe"));
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["server_flag_text"], "maybe");
    let back: StripeError =
        serde_json::from_value(serde_json::to_value(error.unredacted()).unwrap()).unwrap();
    assert_eq!(
        serde_json::to_value(back.unredacted()).unwrap(),
        serde_json::to_value(error.unredacted()).unwrap()
    );
    assert_eq!(back, error);
}

#[test]
fn fields_of_the_catalogs_own_are_read_shown_and_redacted() {
    let body = br#"{"error": {"code": "resource_missing", "doc_url": "https://docs.stripe.com/error-codes/resource-missing", "message": "No such customer: 'cus_1'", "param": "customer", "request_log_url": "https://dashboard.stripe.com/test/logs/req_2?t=1 sk_test_4eC39HqLyjWDarjtT1zdp7dc", "type": "invalid_request_error"}}"#;
    let error = Stripe::classify(
        StatusCode::NOT_FOUND,
        &headers(&[("Request-Id", "req_2")]),
        body,
    );
    assert_eq!(error.variant(), Some(Stripe::ResourceMissing));
    assert_eq!(
        error.field("doc_url"),
        Some("https://docs.stripe.com/error-codes/resource-missing")
    );
    assert_eq!(
        error.field("param"),
        None,
        "`param` is `source_parameter` here"
    );
    assert_eq!(
        error.errors()[0].source.parameter.as_deref(),
        Some("customer")
    );
    let names: Vec<&str> = error.fields().map(|(name, _)| name).collect();
    assert_eq!(names, ["doc_url", "request_log_url"]);
    // In the JSON under "fields", redacted as every text is; as sent in the unredacted form.
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        json["fields"]["doc_url"],
        "https://docs.stripe.com/error-codes/resource-missing"
    );
    let log = json["fields"]["request_log_url"].as_str().unwrap();
    assert!(log.contains("sk_test_[redacted]"), "{log}");
    let raw = serde_json::to_value(error.unredacted()).unwrap();
    assert!(
        raw["fields"]["request_log_url"]
            .as_str()
            .unwrap()
            .contains("sk_test_4eC39HqLyjWDarjtT1zdp7dc")
    );
    // Borrowed in a classification, owned in the error; both read alike.
    let none = HeaderMap::new();
    let borrowed =
        catalog_core::Classification::new(Stripe::spec(), StatusCode::NOT_FOUND, &none, body);
    assert_eq!(borrowed.field("doc_url"), error.field("doc_url"));
}

#[test]
fn a_card_decline_keeps_its_sub_code_and_an_unknown_code_stays_unknown() {
    let body = br#"{"error": {"charge": "ch_1", "code": "card_declined", "decline_code": "insufficient_funds", "doc_url": "https://docs.stripe.com/error-codes/card-declined", "message": "Your card has insufficient funds.", "type": "card_error"}}"#;
    let error = Stripe::classify(StatusCode::PAYMENT_REQUIRED, &HeaderMap::new(), body);
    assert_eq!(error.variant(), Some(Stripe::CardDeclined));
    assert_eq!(
        error.sub_code_entry().map(|sub| sub.name),
        Some("InsufficientFunds")
    );
    // A code the catalog lacks stays unknown, with its code, even beside a row without one.
    let unknown = Stripe::classify(
        StatusCode::INTERNAL_SERVER_ERROR,
        &HeaderMap::new(),
        br#"{"error": {"code": "processing_error", "message": "x", "type": "api_error"}}"#,
    );
    assert_eq!(unknown.variant(), None);
    assert_eq!(unknown.code(), Some("processing_error"));
    // A type without a row without a code, or a status the row lacks: unknown too.
    for (status, body) in [
        (
            StatusCode::BAD_REQUEST,
            &br#"{"error": {"message": "x", "type": "card_error"}}"#[..],
        ),
        (
            StatusCode::BAD_GATEWAY,
            &br#"{"error": {"message": "x", "type": "api_error"}}"#[..],
        ),
        // Not JSON: classified by its status, as before.
        (StatusCode::INTERNAL_SERVER_ERROR, &b"<html>500</html>"[..]),
    ] {
        let error = Stripe::classify(status, &HeaderMap::new(), body);
        assert_eq!(error.variant(), None, "{}", String::from_utf8_lossy(body));
        assert_eq!(error.code(), None);
    }
}

#[test]
fn a_problem_details_map_yields_a_field_error_per_message() {
    let body = br#"{"type": "https://docs.payouts.test/errors#invalid-parameters", "title": "Invalid Parameters", "status": 400, "trace_id": "7f2c", "detail": "Some parameters are invalid.", "errors": {"amount": ["must be greater than 0"], "currency": ["must be an ISO 4217 code", "is not supported"]}}"#;
    let error = Payouts::classify(StatusCode::BAD_REQUEST, &HeaderMap::new(), body);
    assert_eq!(error.variant(), Some(Payouts::InvalidParameters));
    let found: Vec<(&str, &str)> = error
        .field_errors()
        .iter()
        .map(|error| (error.field.as_ref(), error.message.as_ref()))
        .collect();
    assert_eq!(
        found,
        [
            ("amount", "must be greater than 0"),
            ("currency", "must be an ISO 4217 code"),
            ("currency", "is not supported"),
        ]
    );
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        json["field_errors"][0],
        serde_json::json!({"field": "amount", "message": "must be greater than 0"})
    );
    // Two fields, two keys of the map: the issue's own example.
    let two = Payouts::classify(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"type": "https://docs.payouts.test/errors#invalid-parameters", "errors": {"amount": ["must be positive"], "currency": ["unknown"]}}"#,
    );
    assert_eq!(two.field_errors().len(), 2);
    let fields: Vec<&str> = two
        .field_errors()
        .iter()
        .map(|e| e.field.as_ref())
        .collect();
    assert_eq!(fields, ["amount", "currency"]);
    // Without a type, the gateway's 503 falls to the row without a code.
    let down = Payouts::classify(
        StatusCode::SERVICE_UNAVAILABLE,
        &HeaderMap::new(),
        br#"{"title": "Service Unavailable", "status": 503}"#,
    );
    assert_eq!(down.variant(), Some(Payouts::Unavailable));
}

#[test]
fn a_list_of_field_errors_reads_the_members_the_catalog_names_within_bounds() {
    let body = br#"{"code": "validation_failed", "message": "Validation Failed", "errors": [{"resource": "Issue", "field": "title", "code": "missing_field"}, {"resource": "Issue", "field": "labels", "code": "invalid"}]}"#;
    let error = Issues::classify(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body);
    let found: Vec<(&str, &str)> = error
        .field_errors()
        .iter()
        .map(|error| (error.field.as_ref(), error.message.as_ref()))
        .collect();
    assert_eq!(found, [("title", "missing_field"), ("labels", "invalid")]);
    // A thousand of them: 64 kept, the rest counted; a long name cut to 1 KiB.
    let many: Vec<String> = (0..1000)
        .map(|i| format!(r#"{{"field": "f{i}{}", "code": "bad"}}"#, "x".repeat(i)))
        .collect();
    let body = format!(
        r#"{{"code": "validation_failed", "errors": [{}]}}"#,
        many.join(",")
    );
    let error = Issues::classify(
        StatusCode::UNPROCESSABLE_ENTITY,
        &HeaderMap::new(),
        body.as_bytes(),
    );
    assert_eq!(error.field_errors().len(), 64);
    assert_eq!(error.field_errors_omitted_of(0), 936);
    let limits = catalog_core::ReadLimits::DEFAULT.max_field_error_bytes(8);
    let cut = catalog_core::ProviderError::<Issues>::from_response_with_limits(
        StatusCode::UNPROCESSABLE_ENTITY,
        &HeaderMap::new(),
        body.as_bytes(),
        &limits,
    );
    assert_eq!(cut.field_errors()[20].field, "f20xxxxx");
}

#[test]
fn the_stripe_example_holds_its_contract() {
    contract_tests::Contract::<Stripe>::new()
        .layout(layout())
        .property_cases(64)
        .assert();
}

#[test]
fn the_problem_details_example_holds_its_contract() {
    contract_tests::Contract::<Payouts>::new()
        .layout(layout())
        .property_cases(64)
        .assert();
}

/// The READMEs show the Stripe catalog that the tests above run, word for word.
#[test]
fn the_readmes_show_this_catalog() {
    let this = include_str!("provider_shapes.rs");
    let between = |text: &'static str, start: &str, end: &str| -> &'static str {
        let from = text.find(start).expect("the start marker") + start.len();
        let to = from + text[from..].find(end).expect("the end marker");
        &text[from..to]
    };
    let catalog = between(
        this,
        "// The README's example starts here.\n",
        "// The README's example ends here.",
    );
    let normalize = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for readme in ["README.md", "catalog-core/README.md"] {
        let text = std::fs::read_to_string(root.join(readme)).unwrap();
        assert!(
            normalize(&text).contains(&normalize(catalog)),
            "{readme} does not show the Stripe catalog of tests/provider_shapes.rs"
        );
    }
}

#[test]
fn drift_pairs_a_docs_row_without_a_code_with_the_catalogs_by_type_and_status() {
    use catalog_docs::drift::{Change, drift};
    let page = std::fs::read_to_string(layout().docs.join("stripe.md")).unwrap();
    assert_eq!(drift(Stripe::spec(), &page).unwrap(), []);
    // The `api_error` row moved to 502; the `idempotency_error` row is gone.
    let edited = page
        .replace("| `api_error` | 500 | |", "| `api_error` | 502 | |")
        .replace(
            "| `idempotency_error` | 400 | | An idempotency key was used again with other parameters. |\n",
            "",
        );
    let found: Vec<(Change, Option<u16>, Option<&str>)> = drift(Stripe::spec(), &edited)
        .unwrap()
        .into_iter()
        .map(|drift| {
            assert_eq!(drift.code, "", "{drift}");
            (drift.change, drift.status, drift.variant)
        })
        .collect();
    assert_eq!(
        found,
        [
            (Change::Added, Some(502), None),
            (Change::Removed, Some(400), Some("IdempotencyKeyReused")),
            (Change::Removed, Some(500), Some("ApiError")),
        ]
    );
}

/// The `classify` command prints what the library serializes: the server's flag and where it
/// was, the catalog's own fields under `"fields"`, the field errors under `"field_errors"`.
#[test]
fn the_classify_command_prints_the_flag_the_fields_and_the_field_errors() {
    let catalogs = [Stripe::spec(), Payouts::spec()];
    let tool = contract_tests::cli::Tool::new(&catalogs).layout(layout());
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("provider_shapes_classify");
    std::fs::create_dir_all(&dir).unwrap();
    let classify = |id: &str, status: &str, headers: &[&str], body: &str| -> serde_json::Value {
        let file = dir.join(format!("{id}-{status}.json"));
        std::fs::write(&file, body).unwrap();
        let file = file.display().to_string();
        let mut args = vec![
            "contracts",
            "classify",
            "--provider",
            id,
            "--status",
            status,
        ];
        for header in headers {
            args.extend(["--header", header]);
        }
        args.push(&file);
        let matches = tool.command().try_get_matches_from(args).unwrap();
        let mut out = Vec::new();
        let result = tool.run_to(&matches, &mut out);
        let out = String::from_utf8(out).unwrap();
        assert!(result.is_ok(), "{out}");
        serde_json::from_str(&out).unwrap()
    };
    let json = classify(
        "stripe",
        "500",
        &["Stripe-Should-Retry: false"],
        r#"{"error": {"message": "An unknown error occurred.", "type": "api_error", "doc_url": "https://docs.stripe.com/error-codes", "request_log_url": "https://dashboard.stripe.com/logs/req_1"}}"#,
    );
    assert_eq!(json["variant"], "ApiError");
    assert_eq!(json["code"], serde_json::Value::Null);
    assert_eq!(json["retryable"], false);
    assert_eq!(
        json["retry"]["server_flag"],
        serde_json::json!({"retryable": false, "source": "header"})
    );
    assert_eq!(
        json["fields"],
        serde_json::json!({
            "doc_url": "https://docs.stripe.com/error-codes",
            "request_log_url": "https://dashboard.stripe.com/logs/req_1",
        })
    );
    let json = classify(
        "payouts",
        "400",
        &[],
        r#"{"type": "https://docs.payouts.test/errors#invalid-parameters", "title": "Invalid Parameters", "errors": {"amount": ["must be positive"], "currency": ["unknown"]}}"#,
    );
    assert_eq!(json["variant"], "InvalidParameters");
    assert_eq!(
        json["field_errors"],
        serde_json::json!([
            {"field": "amount", "message": "must be positive"},
            {"field": "currency", "message": "unknown"},
        ])
    );
    assert_eq!(json["errors"][0]["field_errors"], json["field_errors"]);
}

/// `import` of the docs page and the recordings writes the empty code cells as `_` rows,
/// named after their type, and the macro accepts what it writes.
#[test]
fn import_writes_the_docs_rows_without_a_code_as_rows_without_one() {
    let tool = contract_tests::cli::Tool::new(&[]).layout(layout());
    let page = layout().docs.join("stripe.md").display().to_string();
    let recordings = layout()
        .recordings
        .join("stripe/stripe-sandbox.har")
        .display()
        .to_string();
    let args = [
        "contracts",
        "import",
        "--id",
        "stripe",
        "--docs",
        &page,
        "--sample",
        &recordings,
    ];
    let matches = tool.command().try_get_matches_from(args).unwrap();
    let mut out = Vec::new();
    tool.run_to(&matches, &mut out).unwrap();
    let written = String::from_utf8(out).unwrap();
    for row in [
        "500 | _ | Api | ApiError | backoff(3) | internal | provider | \"Something went wrong on Stripe's side.\";",
        "400 | _ | Idempotency | IdempotencyError | never | invalid_request | integrator |",
    ] {
        assert!(written.contains(row), "{row}\n{written}");
    }
    assert!(
        written.contains("category: \"/error/type\""),
        "the type is read: {written}"
    );
    let invocation = written
        .split_once("provider_errors! {")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
        .unwrap();
    let mistakes = catalog_dsl::check_source(invocation);
    assert!(mistakes.is_empty(), "{mistakes:#?}\n{written}");
}

/// The committed snapshots (`catalogs/<id>.json`) are what `catalog --write` writes today:
/// `diff` against each finds no change. `UPDATE_SNAPSHOTS=1` writes them with `catalog --write`
/// instead, to review in `git diff`.
#[test]
fn the_snapshots_are_what_catalog_write_writes() {
    let catalogs = [Stripe::spec(), Payouts::spec()];
    let tool = contract_tests::cli::Tool::new(&catalogs).layout(layout());
    let run = |args: &[&str]| {
        let args = ["contracts"]
            .iter()
            .chain(args)
            .map(|arg| (*arg).to_owned());
        let matches = tool.command().try_get_matches_from(args).unwrap();
        let mut out = Vec::new();
        let result = tool.run_to(&matches, &mut out);
        (result, String::from_utf8_lossy(&out).into_owned())
    };
    for id in ["stripe", "payouts"] {
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            let (result, out) = run(&["catalog", "--write", "--provider", id]);
            assert!(result.is_ok(), "{id}: {out}");
        }
        let (result, out) = run(&["diff", "--provider", id, "--fail-on", "any"]);
        assert!(result.is_ok(), "{id}: {out}");
        assert!(out.contains("no changes"), "{id}: {out}");
    }
}

/// The CI step of the READMEs: the committed recordings are what `record` writes today.
#[test]
fn the_recordings_are_what_record_writes() {
    let catalogs = [Stripe::spec(), Payouts::spec()];
    let tool = contract_tests::cli::Tool::new(&catalogs).layout(layout());
    for id in ["stripe", "payouts"] {
        let dir = layout().recordings.join(id);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "har"))
            .map(|path| path.display().to_string())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{id} has recordings");
        let args = ["contracts", "record", "--provider", id, "--check"]
            .into_iter()
            .map(str::to_owned)
            .chain(files);
        let matches = tool.command().try_get_matches_from(args).unwrap();
        let mut out = Vec::new();
        let result = tool.run_to(&matches, &mut out);
        assert!(result.is_ok(), "{id}: {}", String::from_utf8_lossy(&out));
    }
}
