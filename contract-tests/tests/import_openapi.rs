//! `import --openapi`: three specs made in the shapes providers publish, each imported to a
//! committed catalog that this test regenerates, compares, and compiles here (`include!`):
//!
//! - Maple Commerce, in Square's shape: Swagger 2.0 JSON, an `ErrorCode` enum of 118 codes with
//!   `x-enum-elements` (a description and a category each), an `ErrorCategory` enum of 8, and
//!   no error response at all (errors come in a list in every 200 body);
//! - Tern Payments, in Stripe's: OpenAPI 3.0 YAML, an `error` object holding a `type` enum, a
//!   `code` enum with `x-enumDescriptions`, a `decline_code`, and only `default` responses
//!   with a `Request-Id` header;
//! - Ash Checkout, in Adyen's: OpenAPI 3.1 JSON, a `ServiceError` (`errorCode`, `errorType`,
//!   `message`, `pspReference`, `status`) answering 400, 401, 403, 422 and 500, no code
//!   enum; alone it gives the shape and says where codes must come from, and with a page of
//!   `NNN - title` sections it gives the wire while the page gives the codes.
//!
//! Refresh the snapshots after a deliberate change with
//! `UPDATE_SNAPSHOTS=1 cargo test -p contract-tests --test import_openapi`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::CatalogSpec;
use catalog_core::http::{HeaderMap, StatusCode};
use contract_tests::cli::Tool;
use contract_tests::layout::Layout;

mod maple {
    include!("imported/openapi/maple-commerce.rs");
}
mod tern {
    include!("imported/openapi/tern-payments.rs");
}
mod ash {
    include!("imported/openapi/ash-checkout.rs");
}

const SPECS: &str = "../catalog-docs/tests/specs";

fn import(args: &[&str]) -> Result<String, String> {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool
        .command()
        .try_get_matches_from(["contracts", "import"].iter().chain(args))
        .map_err(|error| error.to_string())?;
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output)
        .map_err(|error| error.to_string())?;
    Ok(String::from_utf8(output).unwrap())
}

/// Imports, compares with the snapshot, and checks the DSL accepts it and no exception was
/// written.
fn imported(name: &str, args: &[&str]) -> String {
    let written = import(args).unwrap_or_else(|error| panic!("{name}: {error}"));
    let snapshot = format!("tests/imported/openapi/{name}.rs");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &written).unwrap();
    }
    assert!(
        std::fs::read_to_string(&snapshot).ok().as_deref() == Some(written.as_str()),
        "import writes something else than {snapshot}; refresh it with UPDATE_SNAPSHOTS=1 and review the diff:\n{written}"
    );
    let invocation = written
        .split_once("provider_errors! {")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
        .expect("one provider_errors! invocation");
    let errors = catalog_dsl::check_source(invocation);
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    for line in written.lines() {
        assert!(
            line.trim_start().starts_with("//") || !line.contains("allow("),
            "{name}: import wrote an exception: {line}"
        );
    }
    written
}

fn classify(spec: &'static CatalogSpec, status: u16, body: &str) -> Option<&'static str> {
    let headers = HeaderMap::new();
    let status = StatusCode::from_u16(status).unwrap();
    catalog_core::Classification::new(spec, status, &headers, body.as_bytes())
        .entry()
        .map(|entry| entry.code_text)
}

#[test]
fn a_square_shaped_spec_gives_its_118_codes_with_their_categories() {
    let spec = format!("{SPECS}/maple-commerce.swagger.json");
    let written = imported(
        "maple-commerce",
        &["--id", "maple-commerce", "--openapi", &spec],
    );
    assert!(
        written.contains(
            "wire: json { code: \"/errors/*/code\", message: \"/errors/*/detail\", category: \"/errors/*/category\" },"
        ),
        "{written}"
    );
    let catalog = maple::MapleCommerce::spec();
    assert_eq!(catalog.entries.len(), 118);
    let categories: std::collections::BTreeSet<_> = catalog
        .entries
        .iter()
        .filter_map(|entry| entry.category)
        .collect();
    assert_eq!(categories.len(), 8, "{categories:?}");
    let body = r#"{"errors": [{"category": "PAYMENT_METHOD_ERROR", "code": "CARD_DECLINED", "detail": "Card declined."}]}"#;
    assert_eq!(classify(catalog, 400, body), Some("CARD_DECLINED"));
    // The category's words decide where the code's own say nothing.
    let limited = catalog
        .entries
        .iter()
        .find(|entry| entry.code_text == "RATE_LIMITED")
        .unwrap();
    assert_eq!(limited.statuses, [429]);
}

#[test]
fn a_stripe_shaped_spec_gives_its_code_enum_a_sub_code_and_the_request_id_header() {
    let spec = format!("{SPECS}/tern-payments.openapi.yaml");
    let written = imported(
        "tern-payments",
        &["--id", "tern-payments", "--openapi", &spec],
    );
    assert!(
        written.contains(
            "wire: json { code: \"/error/code\", message: \"/error/message\", sub_code: \"/error/decline_code\", request_id: header \"Request-Id\" },"
        ),
        "{written}"
    );
    assert!(
        written.contains("openapi: types at \"/error/type\": api_error, card_error, idempotency_error, invalid_request_error"),
        "{written}"
    );
    let catalog = tern::TernPayments::spec();
    assert_eq!(catalog.entries.len(), 21);
    let body = r#"{"error": {"type": "card_error", "code": "expired_card", "message": "Your card has expired."}}"#;
    assert_eq!(classify(catalog, 402, body), Some("expired_card"));
    // A spec of `default` responses ties no status: each row says its placeholder.
    assert!(
        written.contains("no page, spec or recording gives a status"),
        "{written}"
    );
}

#[test]
fn an_adyen_shaped_spec_gives_the_wire_and_a_page_the_codes() {
    let spec = format!("{SPECS}/ash-checkout.openapi.json");
    // Alone, the spec has no codes: the shape, and where codes must come from.
    let error = import(&["--id", "ash-checkout", "--openapi", &spec]).unwrap_err();
    assert!(
        error.contains("the OpenAPI spec gives the shape of its errors, `wire: json { code: \"/errorCode\", message: \"/message\", category: \"/errorType\", request_id: \"/pspReference\" }`, but enumerates no codes: pass the docs page that lists them (--docs PAGE) or recorded responses (--sample FILE)"),
        "{error}"
    );
    let page = format!("{SPECS}/ash-checkout-errors.md");
    let written = imported(
        "ash-checkout",
        &["--id", "ash-checkout", "--openapi", &spec, "--docs", &page],
    );
    assert!(
        written.contains(
            "wire: json { code: \"/errorCode\", message: \"/message\", request_id: \"/pspReference\", category: \"/errorType\" },"
        ),
        "{written}"
    );
    let catalog = ash::AshCheckout::spec();
    let codes: Vec<&str> = catalog
        .entries
        .iter()
        .map(|entry| entry.code_text)
        .collect();
    assert_eq!(codes, ["000", "010", "101", "702", "905", "9000"]);
    // Placeholders keep to the statuses the spec's operations answer errors with.
    for entry in catalog.entries {
        assert!(
            entry
                .statuses
                .iter()
                .all(|status| [400, 401, 403, 422, 500].contains(status)),
            "{}: {:?}",
            entry.code_text,
            entry.statuses
        );
    }
    // The page's example body classifies as its code, with the request id of the spec.
    let body = r#"{"status": 422, "errorCode": "101", "message": "Invalid card number", "errorType": "validation", "pspReference": "8816178952380553"}"#;
    assert_eq!(classify(catalog, 422, body), Some("101"));
}

#[test]
fn a_spec_that_cannot_be_read_says_what_and_where() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi-bad");
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "openapi: 3.0.0\npaths: [unclosed\n").unwrap();
    let error = import(&["--id", "x", "--openapi", broken.to_str().unwrap()]).unwrap_err();
    assert!(
        error.contains("broken.yaml") && error.contains("not JSON or YAML"),
        "{error}"
    );
    let other = dir.join("other.json");
    std::fs::write(&other, r#"{"name": "not a spec"}"#).unwrap();
    let error = import(&["--id", "x", "--openapi", other.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("not an OpenAPI spec"), "{error}");
    let error = import(&["--id", "x", "--openapi", "no/such/spec.yaml"]).unwrap_err();
    assert!(error.contains("no/such/spec.yaml"), "{error}");
}
