//! The dead-pointer check reads a body as classification does: on any body, a field the
//! check finds filled is one classification read, and a field it calls dead is one
//! classification did not read. Realistic bodies first, then generated ones.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::probe::Probe;
use catalog_core::spec::{CatalogSpec, Source};
use catalog_core::{Classification, ErrorDetail, Field};
use contract_tests::pointers::{DeclaredField, PointerScan};
use proptest::prelude::*;
use serde_json::{Value, json};

catalog_core::provider_errors! {
    /// Stripe's shape: one error object, a field of the catalog's own, a message in either
    /// of two places.
    pub provider StripeShaped {
        id: "stripe-shaped",
        docs: "https://stripe.test/errors",
        wire: json {
            code: "/error/code",
            sub_code: "/error/decline_code",
            title: "/error/type",
            message: "/error/message" or "/message",
            source_parameter: "/error/param",
            request_id: "/request_id",
            fields: { doc_url: "/error/doc_url" },
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    402 | "card_declined" | CardDeclined | never | invalid_request | integrator | "Declined.";
}

catalog_core::provider_errors! {
    /// JSON:API: a list of errors, each with its own fields and field errors.
    pub provider JsonApi {
        id: "json-api",
        docs: "https://json-api.test/errors",
        wire: json {
            code: "/errors/*/code",
            title: "/errors/*/title",
            detail: "/errors/*/detail",
            source_pointer: "/errors/*/source/pointer",
            request_id: "/meta/request_id",
            fields: { status: "/errors/*/status" },
            field_errors: "/errors/*/meta/fields",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    422 | "invalid" | Invalid | never | invalid_request | integrator | "Invalid.";
}

catalog_core::provider_errors! {
    /// A gateway's list (MDES): the server's retry flag in each error, a hint beside them.
    pub provider Gateway {
        id: "gateway",
        docs: "https://gateway.test/errors",
        wire: json {
            code: "/Errors/Error/*/ReasonCode",
            message: "/Errors/Error/*/Description",
            retryable: "/Errors/Error/*/Recoverable",
            retry_after: "/RetryAfter",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "INVALID_FIELD" | InvalidField | never | invalid_request | integrator | "Invalid field.";
}

/// Whether classification read `field` from the body, in any error.
fn classification_read(classified: &Classification<'_>, field: DeclaredField) -> bool {
    let errors = classified.errors();
    let any_error = |read: fn(&ErrorDetail<'_>) -> bool| errors.iter().any(read);
    match field {
        DeclaredField::Wire(Field::Code) => any_error(|error| error.code.is_some()),
        DeclaredField::Wire(Field::SubCode) => any_error(|error| error.sub_code.is_some()),
        DeclaredField::Wire(Field::Message) => any_error(|error| error.message.is_some()),
        DeclaredField::Wire(Field::Title) => any_error(|error| error.title.is_some()),
        DeclaredField::Wire(Field::Detail) => any_error(|error| error.detail.is_some()),
        DeclaredField::Wire(Field::SourcePointer) => {
            any_error(|error| error.source.pointer.is_some())
        }
        DeclaredField::Wire(Field::SourceParameter) => {
            any_error(|error| error.source.parameter.is_some())
        }
        DeclaredField::Wire(Field::Retryable) => any_error(|error| {
            error.server_retryable.is_some() || error.server_retryable_text.is_some()
        }),
        DeclaredField::Wire(Field::RetryAfter) => classified.retry_hint().is_some(),
        DeclaredField::Wire(Field::RequestId) => classified.request_id().is_some(),
        DeclaredField::Own(name) => {
            (0..errors.len()).any(|index| classified.fields_of(index).any(|(own, _)| own == name))
        }
        DeclaredField::FieldErrors => {
            (0..errors.len()).any(|index| !classified.field_errors_of(index).is_empty())
        }
        other => panic!("the test reads no {other:?} yet"),
    }
}

/// The fields of `spec` that `body` fills, as the dead-pointer check sees them and as
/// classification read them.
fn both_readings(spec: &'static CatalogSpec, body: &[u8]) -> (BTreeSet<String>, BTreeSet<String>) {
    let headers = HeaderMap::new();
    let mut declared: Vec<DeclaredField> = Vec::new();
    for source in Probe::new(spec).sources() {
        if !declared.contains(&source.field) {
            declared.push(source.field);
        }
    }
    let mut scan = PointerScan::new(spec);
    scan.add(&headers, body);
    let dead: BTreeSet<String> = scan
        .finish()
        .iter()
        .map(|dead| dead.field.to_string())
        .collect();
    let filled = declared
        .iter()
        .map(ToString::to_string)
        .filter(|field| !dead.contains(field))
        .collect();
    let classified = Classification::new(spec, StatusCode::BAD_REQUEST, &headers, body);
    let read = declared
        .iter()
        .filter(|field| classification_read(&classified, **field))
        .map(ToString::to_string)
        .collect();
    (filled, read)
}

#[test]
fn realistic_bodies_fill_exactly_what_classification_reads() {
    let cases: &[(&'static CatalogSpec, &str)] = &[
        // Stripe: everything, then fields missing, null, or one level too high.
        (
            StripeShaped::spec(),
            r#"{"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has insufficient funds.", "param": "card", "doc_url": "https://stripe.com/docs/error-codes/card-declined"}, "request_id": "req_1"}"#,
        ),
        (
            StripeShaped::spec(),
            r#"{"error": {"type": "invalid_request_error", "code": "resource_missing", "decline_code": null, "doc_url": null}}"#,
        ),
        (
            StripeShaped::spec(),
            r#"{"message": "Bad gateway", "error": null}"#,
        ),
        // A number, a string, a list where the error object is expected.
        (StripeShaped::spec(), r#"{"error": 42, "request_id": 7}"#),
        (StripeShaped::spec(), r#"{"error": "card_declined"}"#),
        (
            StripeShaped::spec(),
            r#"{"error": [{"code": "card_declined"}]}"#,
        ),
        // Not JSON: an HTML page, a body cut short, nothing.
        (
            StripeShaped::spec(),
            "<html><body>502 Bad Gateway</body></html>",
        ),
        (
            StripeShaped::spec(),
            r#"{"error": {"code": "card_declined", "#,
        ),
        (StripeShaped::spec(), ""),
        // JSON:API: two errors holding different fields.
        (
            JsonApi::spec(),
            r#"{"errors": [{"status": "422", "code": "invalid", "source": {"pointer": "/data/attributes/amount"}, "meta": {"fields": {"amount": ["must be positive"]}}}, {"title": "Invalid", "detail": "Amount is negative.", "source": {"parameter": "amount"}}], "meta": {"request_id": "r-1"}}"#,
        ),
        // A lone object where the list is declared; nulls and a number inside.
        (
            JsonApi::spec(),
            r#"{"errors": {"code": "invalid", "title": null, "source": 3}}"#,
        ),
        (
            JsonApi::spec(),
            r#"{"errors": [null, 1, {"detail": null}], "meta": null}"#,
        ),
        (JsonApi::spec(), r#"{"errors": []}"#),
        // Values of the wrong kind: field errors as text, a code as an object.
        (
            JsonApi::spec(),
            r#"{"errors": [{"code": {"value": "invalid"}, "meta": {"fields": "amount"}}]}"#,
        ),
        // The gateway: a flag as a bool, as text, and a hint.
        (
            Gateway::spec(),
            r#"{"Errors": {"Error": [{"ReasonCode": "INVALID_FIELD", "Description": "Bad field", "Recoverable": false}, {"Recoverable": "TRUE"}]}, "RetryAfter": "30"}"#,
        ),
        (
            Gateway::spec(),
            r#"{"Errors": {"Error": {"ReasonCode": "INVALID_FIELD", "Recoverable": null}}}"#,
        ),
    ];
    for (spec, body) in cases {
        let (filled, read) = both_readings(spec, body.as_bytes());
        assert_eq!(filled, read, "{}: {body}", spec.id);
    }
}

/// An object where a code is declared gives classification no code: the check calls the
/// pointer dead, though the walk went all the way (no keys to show instead), and so does a
/// message that is a list, or field errors that are text.
#[test]
fn a_value_of_the_wrong_kind_is_a_dead_pointer() {
    let body = br#"{"error": {"code": {"id": "card_declined"}, "message": ["Declined"]}}"#;
    let mut scan = PointerScan::new(StripeShaped::spec());
    scan.add(&HeaderMap::new(), body);
    let dead = scan.finish();
    let code = dead
        .iter()
        .find(|dead| dead.field.to_string() == "code")
        .unwrap();
    assert_eq!(code.found_instead, Vec::<String>::new());
    assert_eq!(code.suggestion, None);
    let (filled, read) = both_readings(StripeShaped::spec(), body);
    assert!(filled.is_empty() && read.is_empty(), "{filled:?} {read:?}");

    let body = br#"{"errors": [{"code": "invalid", "meta": {"fields": "amount"}}]}"#;
    let (filled, read) = both_readings(JsonApi::spec(), body);
    assert_eq!(read, BTreeSet::from(["code".to_owned()]));
    assert_eq!(filled, read);
}

/// What can stand where a catalog's pointers lead: a tree of the pointers of a catalog.
#[derive(Clone, Debug)]
enum Slot {
    /// A field's value.
    Value,
    /// Field errors: an object of field to messages.
    FieldErrors,
    /// An object with these keys.
    Object(Vec<(&'static str, Slot)>),
    /// A list of errors (`*`).
    List(Box<Slot>),
}

impl Slot {
    /// The tree of every body pointer `spec` declares.
    fn of(spec: &'static CatalogSpec) -> Slot {
        let mut root = Slot::Object(Vec::new());
        for declared in Probe::new(spec).sources() {
            if let Source::Body(path) = declared.source {
                let end = match declared.field {
                    DeclaredField::FieldErrors => Slot::FieldErrors,
                    _ => Slot::Value,
                };
                root.insert(path, end);
            }
        }
        root
    }

    fn insert(&mut self, path: &[&'static str], end: Slot) {
        let Some((segment, rest)) = path.split_first() else {
            *self = end;
            return;
        };
        let empty = || {
            if rest.first() == Some(&catalog_core::limits::EACH) {
                Slot::List(Box::new(Slot::Object(Vec::new())))
            } else {
                Slot::Object(Vec::new())
            }
        };
        match self {
            Slot::List(element) => element.insert(rest, end),
            Slot::Object(members) => {
                let at = match members.iter().position(|(key, _)| key == segment) {
                    Some(at) => at,
                    None => {
                        members.push((segment, empty()));
                        members.len() - 1
                    }
                };
                members[at].1.insert(rest, end);
            }
            Slot::Value | Slot::FieldErrors => {}
        }
    }

    /// Bodies that follow the tree, or stray from it where a provider might: a member left
    /// out, renamed or `null`, a value of the wrong kind, a scalar where an object or a list
    /// should be, a lone object for a list. Field errors, when an object, hold one at least:
    /// classification shows no empty ones.
    fn bodies(&self) -> BoxedStrategy<Value> {
        let scalar = prop_oneof![
            Just(Value::Null),
            any::<i32>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
            "[a-z_]{0,8}".prop_map(Value::from),
        ];
        let field_errors = prop_oneof![
            Just(json!({"amount": ["must be positive"]})),
            Just(json!({"currency": ["unknown"], "amount": ["too large"]})),
        ];
        match self {
            Slot::Value => {
                prop_oneof![4 => scalar, 1 => field_errors, 1 => Just(json!([]))].boxed()
            }
            Slot::FieldErrors => prop_oneof![scalar, field_errors].boxed(),
            Slot::Object(members) => {
                let members: Vec<BoxedStrategy<Option<(String, Value)>>> = members
                    .iter()
                    .map(|(key, slot)| {
                        let key = (*key).to_owned();
                        proptest::option::weighted(0.7, slot.bodies())
                            .prop_map(move |value| value.map(|value| (key.clone(), value)))
                            .boxed()
                    })
                    .collect();
                let stray = proptest::option::of(("error_code|codes|msg|x", scalar.clone()));
                let object = (members, stray).prop_map(|(members, stray)| {
                    let object = members
                        .into_iter()
                        .flatten()
                        .chain(stray.map(|(key, value)| (key.to_owned(), value)));
                    Value::Object(object.collect())
                });
                prop_oneof![1 => scalar, 6 => object].boxed()
            }
            Slot::List(element) => prop_oneof![
                1 => scalar,
                2 => element.bodies(),
                4 => proptest::collection::vec(element.bodies(), 0..4).prop_map(Value::Array),
            ]
            .boxed(),
        }
    }
}

// 256 cases unless `PROPTEST_CASES` says otherwise.
proptest! {
    #[test]
    fn generated_bodies_fill_exactly_what_classification_reads(
        (spec, body) in prop_oneof![
            Just(StripeShaped::spec()),
            Just(JsonApi::spec()),
            Just(Gateway::spec()),
        ]
        .prop_flat_map(|spec| (Just(spec), Slot::of(spec).bodies())),
        cut in proptest::option::weighted(0.1, any::<prop::sample::Index>()),
    ) {
        let mut text = body.to_string();
        // Now and then a body cut short: JSON no longer, for both.
        if let Some(cut) = cut {
            text.truncate(cut.index(text.len().max(1)));
        }
        let (filled, read) = both_readings(spec, text.as_bytes());
        prop_assert_eq!(filled, read, "{}: {}", spec.id, text);
    }
}
