//! Round-trip and robustness properties for any catalog, built on the strategies of
//! `catalog_core::strategy`. Each returns a `TestCaseError` with a message that says what
//! broke, so a `proptest!` block per catalog is all a test file needs:
//!
//! ```
//! use catalog_core::strategy;
//! use proptest::prelude::*;
//! use providers::PlaidLegacy;
//!
//! proptest! {
//!     #![proptest_config(ProptestConfig::with_cases(16))]
//!     // In a test file, put `#[test]` here.
//!     fn render_then_parse(case in strategy::case::<PlaidLegacy>()) {
//!         contract_tests::properties::render_round_trip(&case)?;
//!     }
//! }
//! # render_then_parse();
//! ```

use catalog_core::Field;
use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::strategy::Case;
use catalog_core::{Catalog, ProviderError, RenderOptions};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Render a canonical response for an entry, parse it: the same entry and the same fields.
pub fn render_round_trip<C: Catalog>(case: &Case<C>) -> Result<(), TestCaseError> {
    let entry = case.variant.entry();
    let spec = C::spec();
    let rendered = case.variant.render(&case.options());
    let parsed = C::classify(rendered.status, &rendered.headers, &rendered.body);
    let context = || {
        format!(
            "{} {} ({}): body {}",
            spec.id,
            entry.code_text,
            entry.variant,
            String::from_utf8_lossy(&rendered.body)
        )
    };
    prop_assert_eq!(
        parsed.variant(),
        Some(case.variant),
        "variant: {}",
        context()
    );
    // A row without a code renders as an error sent without one, which falls to it.
    let code = entry.has_code().then_some(entry.code_text);
    prop_assert_eq!(parsed.code(), code, "code: {}", context());
    prop_assert_eq!(
        parsed.status().as_u16(),
        case.status,
        "status: {}",
        context()
    );
    prop_assert_eq!(parsed.body_error(), None, "body: {}", context());
    prop_assert_eq!(
        parsed.raw_body(),
        rendered.body.as_slice(),
        "raw body: {}",
        context()
    );
    let first = parsed
        .errors()
        .first()
        .ok_or_else(|| TestCaseError::fail(format!("no error read: {}", context())))?;
    let shape = entry.shape;
    let declared = |field| shape.source_of(field).is_some();
    if declared(Field::Message) {
        prop_assert_eq!(
            first.message.as_deref(),
            Some(case.message.as_str()),
            "message: {}",
            context()
        );
    }
    if declared(Field::Title) {
        prop_assert_eq!(
            first.title.as_deref(),
            case.title.as_deref(),
            "title: {}",
            context()
        );
    }
    if declared(Field::Detail) {
        prop_assert_eq!(
            first.detail.as_deref(),
            case.detail.as_deref(),
            "detail: {}",
            context()
        );
    }
    if declared(Field::Remediation) {
        let expected = case.remediation.as_deref().or(entry.remediation);
        prop_assert_eq!(
            first.remediation.as_deref(),
            expected,
            "remediation: {}",
            context()
        );
    }
    if declared(Field::SubCode) {
        prop_assert_eq!(
            first.sub_code.as_deref(),
            case.sub_code.as_deref(),
            "sub-code: {}",
            context()
        );
        let declared_sub = case
            .sub_code
            .as_deref()
            .and_then(|code| entry.sub_code(code));
        prop_assert_eq!(
            parsed.sub_code_entry(),
            declared_sub,
            "sub-code entry: {}",
            context()
        );
    }
    if declared(Field::SourcePointer) {
        prop_assert_eq!(
            first.source.pointer.as_deref(),
            case.source_pointer.as_deref(),
            "source.pointer: {}",
            context()
        );
    }
    if declared(Field::SourceParameter) {
        prop_assert_eq!(
            first.source.parameter.as_deref(),
            case.source_parameter.as_deref(),
            "source.parameter: {}",
            context()
        );
    }
    if declared(Field::RequestId) {
        prop_assert_eq!(
            parsed.request_id(),
            case.request_id.as_deref(),
            "request id: {}",
            context()
        );
    }
    if declared(Field::Retryable) {
        let flag = parsed.retry().server_flag.map(|flag| flag.retryable);
        prop_assert_eq!(
            flag,
            Some(entry.retry.is_retryable()),
            "retry flag: {}",
            context()
        );
    }
    for (name, value) in &case.fields {
        prop_assert_eq!(
            parsed.field(name),
            Some(value.as_str()),
            "field {}: {}",
            name,
            context()
        );
    }
    prop_assert_eq!(
        parsed.fields().count(),
        case.fields.len(),
        "fields: {}",
        context()
    );
    let field_errors: Vec<(&str, &str)> = parsed
        .field_errors()
        .iter()
        .map(|error| (error.field.as_ref(), error.message.as_ref()))
        .collect();
    let sent: Vec<(&str, &str)> = case
        .field_errors
        .iter()
        .map(|(field, message)| (field.as_str(), message.as_str()))
        .collect();
    prop_assert_eq!(field_errors, sent, "field errors: {}", context());
    Ok(())
}

/// Code → text → code, and variant name → variant, for every entry and status.
pub fn code_round_trip<C: Catalog + serde::Serialize + serde::de::DeserializeOwned>(
    variant: C,
) -> Result<(), TestCaseError> {
    let entry = variant.entry();
    prop_assert_eq!(
        entry.code.to_string(),
        entry.code_text,
        "{}: code text",
        entry.variant
    );
    for &status in entry.statuses {
        let found = if entry.has_code() {
            C::from_code_in_category(entry.code_text, status, entry.category)
        } else {
            // No code finds a row without one; an error sent without a code does.
            prop_assert_eq!(
                C::from_code_in_category(entry.code_text, status, entry.category),
                None,
                "{} {}: `_` is no code",
                entry.variant,
                status
            );
            C::spec()
                .find_without_code(status, entry.category)
                .and_then(C::from_entry)
        };
        prop_assert_eq!(
            found,
            Some(variant),
            "{} {}: from_code",
            entry.variant,
            status
        );
    }
    prop_assert_eq!(
        C::from_variant_name(entry.variant),
        Some(variant),
        "{}: from_variant_name",
        entry.variant
    );
    let json = serde_json::to_string(&variant).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: C = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back, variant, "{}: serde", entry.variant);
    Ok(())
}

/// A parsed error's unredacted form deserializes to an equal error, and its redacted form
/// (what logs and tools see) deserializes too.
pub fn serde_round_trip<C: Catalog>(error: &ProviderError<C>) -> Result<(), TestCaseError> {
    let redacted =
        serde_json::to_string(error).map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let _: ProviderError<C> = serde_json::from_str(&redacted)
        .map_err(|e| TestCaseError::fail(format!("deserialize: {e}: {redacted}")))?;
    let json = serde_json::to_string(&error.unredacted())
        .map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let back: ProviderError<C> = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("deserialize: {e}: {json}")))?;
    prop_assert_eq!(&back, error, "serde round trip of {}", json);
    Ok(())
}

/// A response with a code the catalog lacks parses to no variant, with the raw code kept.
pub fn unknown_code_kept<C: Catalog>(case: &Case<C>, code: &str) -> Result<(), TestCaseError> {
    let options = RenderOptions {
        code: Some(code),
        ..case.options()
    };
    let rendered = case.variant.render(&options);
    let parsed = C::classify(rendered.status, &rendered.headers, &rendered.body);
    prop_assert_eq!(parsed.variant(), None, "{} must be unknown", code);
    prop_assert_eq!(
        parsed.code(),
        Some(code),
        "raw code of {}",
        String::from_utf8_lossy(&rendered.body)
    );
    prop_assert_eq!(
        parsed.kind(),
        catalog_core::fallback(rendered.status.as_u16()).kind,
        "kind falls back to the status"
    );
    Ok(())
}

/// Any bytes with any status classify without panicking, keeping the bytes.
pub fn any_body_classifies<C: Catalog>(status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    let status = StatusCode::from_u16(status).map_err(|e| TestCaseError::reject(e.to_string()))?;
    let parsed = C::classify(status, &HeaderMap::new(), body);
    prop_assert_eq!(parsed.raw_body(), body);
    prop_assert_eq!(parsed.status(), status);
    if parsed.variant().is_none() {
        // Unless the server's own flag in the body says otherwise.
        let fallback = catalog_core::fallback(status.as_u16()).retry;
        let expected = match parsed.retry().server_flag {
            Some(flag) => flag.apply(fallback),
            None => fallback,
        };
        prop_assert_eq!(
            parsed.retry().policy,
            expected,
            "unknown errors follow the status"
        );
    }
    Ok(())
}

/// Arbitrary JSON values, nested objects and arrays included, for robustness properties.
pub fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        catalog_core::strategy::text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("code".to_owned()),
                    Just("message".to_owned()),
                    Just("data".to_owned()),
                    Just("Errors".to_owned()),
                    Just("Error".to_owned()),
                    Just("errors".to_owned()),
                    Just("details".to_owned()),
                    Just("error".to_owned()),
                    "[a-zA-Z]{1,8}",
                ],
                inner,
                0..8,
            )
            .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}
