//! The fast path against the reference parser: whatever body the scanner decides, serde_json
//! must accept, with the same findings. Bodies are generated around each wire format's own
//! keys (so pointers are hit), then broken on purpose in places.

use proptest::prelude::*;

use super::plan::Plan;
use super::{Field, FieldSource, Parser, Shape, Source, Wire, capture_by};

const fn body(field: Field, path: &'static [&'static str]) -> FieldSource {
    FieldSource {
        field,
        source: Source::Body(path),
    }
}

const HEADER_ID: FieldSource = FieldSource {
    field: Field::RequestId,
    source: Source::Header("X-Request-Id"),
};

/// One flat error with alternatives (Plaid, Mastercard).
static FLAT: Wire = Wire {
    shapes: &[Shape {
        name: "flat",
        fields: &[
            body(Field::Code, &["code"]),
            body(Field::Code, &["error_code"]),
            body(Field::Message, &["message"]),
            body(Field::Remediation, &["resolve"]),
            body(Field::Retryable, &["retryable"]),
            body(Field::RetryAfter, &["retry", "after"]),
            body(Field::RequestId, &["request_id"]),
            HEADER_ID,
        ],
    }],
};

/// A code beside a nested sub-code (Aiia).
static NESTED: Wire = Wire {
    shapes: &[Shape {
        name: "nested",
        fields: &[
            body(Field::Code, &["error"]),
            body(Field::SubCode, &["details", "reason"]),
            body(Field::Message, &["details", "message"]),
        ],
    }],
};

/// A list of errors (Connect).
static LIST: Wire = Wire {
    shapes: &[Shape {
        name: "list",
        fields: &[
            body(Field::Code, &["data", "*", "code"]),
            body(Field::Title, &["data", "*", "title"]),
            body(Field::SourcePointer, &["data", "*", "source", "pointer"]),
            body(
                Field::SourceParameter,
                &["data", "*", "source", "parameter"],
            ),
            body(Field::RequestId, &["correlationId"]),
        ],
    }],
};

/// Several shapes, one of them a list that may come as a lone object (MDES).
static SHAPES: Wire = Wire {
    shapes: &[
        Shape {
            name: "gateway",
            fields: &[
                body(Field::Code, &["Errors", "Error", "*", "ReasonCode"]),
                body(Field::Message, &["Errors", "Error", "*", "Description"]),
                body(Field::Retryable, &["Errors", "Error", "*", "Recoverable"]),
            ],
        },
        Shape {
            name: "api",
            fields: &[
                body(Field::Code, &["errors", "*", "reasonCode"]),
                body(Field::Message, &["errors", "*", "description"]),
                body(Field::RequestId, &["responseId"]),
            ],
        },
        Shape {
            name: "flat",
            fields: &[
                body(Field::Code, &["reasonCode"]),
                body(Field::Code, &["errorCode"]),
                body(Field::Message, &["errorDescription"]),
            ],
        },
    ],
};

/// What the macro would refuse, which the parsers must still agree on: a pointer that ends
/// where others go on, a list under a list, and a list of scalars.
static ODD: Wire = Wire {
    shapes: &[Shape {
        name: "odd",
        fields: &[
            body(Field::Message, &["error"]),
            body(Field::Code, &["error", "code"]),
            body(Field::Title, &["error", "*", "title"]),
            body(Field::Detail, &["items", "*", "errors", "*", "detail"]),
            body(Field::SubCode, &["tags", "*"]),
        ],
    }],
};

static WIRES: [&Wire; 5] = [&FLAT, &NESTED, &LIST, &SHAPES, &ODD];

fn plan(wire: &'static Wire) -> Plan {
    Plan::new(wire)
}

/// The keys a body of `wire` is built from: the wire's own, a few strangers, a literal `*`,
/// and an escaped spelling of a wire key.
fn keys(wire: &Wire) -> Vec<String> {
    let mut keys: Vec<String> = ["x", "*", "", "co\\u0064e", "Error\\n"]
        .into_iter()
        .map(String::from)
        .collect();
    for shape in wire.shapes {
        for field in shape.fields {
            if let Source::Body(path) = field.source {
                for segment in path.iter().filter(|segment| **segment != "*") {
                    if !keys.iter().any(|key| key == segment) {
                        keys.push((*segment).to_owned());
                    }
                }
            }
        }
    }
    keys
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\"([a-z 0-9]|é|→|\\\\[nt\"\\\\/]|\\\\u00[0-9a-f]{2}|\\\\ud83d\\\\ude00){0,12}\"",
        1 => "\"([a-z]|\\\\ud800|\\\\x|\\\\u12|\u{1}){0,6}\"",
        3 => "-?(0|[1-9][0-9]{0,4})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?",
        1 => prop_oneof![
            Just("1e400".to_owned()),
            Just("01".to_owned()),
            Just("-".to_owned()),
            Just("1.".to_owned()),
            Just("123456789012345678901234567890".to_owned()),
            Just("tru".to_owned()),
            Just("nul".to_owned()),
        ],
        2 => prop_oneof![
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("null".to_owned()),
        ],
    ]
}

fn json(keys: Vec<String>) -> impl Strategy<Value = String> {
    scalar().prop_recursive(5, 48, 5, move |inner| {
        let keys = keys.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(keys), " ?", inner), 0..5).prop_map(
                |members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(key, space, value)| format!("\"{key}\":{space}{value}"))
                        .collect();
                    format!("{{{}}}", members.join(", "))
                }
            ),
        ]
    })
}

/// Ways to break a body: cut it short, put a byte in, take one out.
#[derive(Clone, Debug)]
enum Damage {
    None,
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, char),
    Remove(prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        6 => Just(Damage::None),
        1 => any::<prop::sample::Index>().prop_map(Damage::Cut),
        1 => (
            any::<prop::sample::Index>(),
            prop::sample::select(vec!['"', '\\', ',', ':', '{', '}', '[', ']', ' ', 'x', '0', '\n'])
        )
            .prop_map(|(at, byte)| Damage::Insert(at, byte)),
        1 => any::<prop::sample::Index>().prop_map(Damage::Remove),
    ]
}

fn apply(text: &str, damage: &Damage) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut chars = chars;
    match damage {
        Damage::None => {}
        Damage::Cut(at) => chars.truncate(at.index(chars.len() + 1)),
        Damage::Insert(at, byte) => chars.insert(at.index(chars.len() + 1), *byte),
        Damage::Remove(at) => {
            if !chars.is_empty() {
                chars.remove(at.index(chars.len()));
            }
        }
    }
    chars.into_iter().collect()
}

fn case() -> impl Strategy<Value = (usize, String, Damage, String)> {
    (0..WIRES.len())
        .prop_flat_map(|wire| (Just(wire), json(keys(WIRES[wire])), damage(), "[ \n]{0,2}"))
}

/// The findings of both parsers, or why they disagree.
fn compare(plan: &Plan, text: &str) -> Result<bool, TestCaseError> {
    let reference = capture_by(plan, text, Parser::Walk);
    let Some(fast) = capture_by(plan, text, Parser::Scan) else {
        return Ok(false);
    };
    let reference =
        reference.ok_or_else(|| TestCaseError::fail("the reference parser always answers"))?;
    prop_assert!(
        reference.1.body_error.is_none(),
        "the scanner accepted a body serde_json refuses ({:?}): {text}",
        reference.1.body_error
    );
    prop_assert_eq!(fast, reference, "{}", text);
    Ok(true)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn the_scanner_decides_only_what_serde_json_decides_alike(
        (wire, text, damage, padding) in case()
    ) {
        let plan = plan(WIRES[wire]);
        let text = format!("{padding}{}{padding}", apply(&text, &damage));
        compare(&plan, &text)?;
    }
}

/// Realistic bodies the scanner must decide itself, or the property above would hold
/// vacuously.
#[test]
fn the_scanner_decides_typical_error_bodies() {
    let bodies: [(&'static Wire, &str); 9] = [
        (
            &FLAT,
            r#"{"code": 1200, "message": "invalid credentials", "resolve": "The username or password provided were not correct."}"#,
        ),
        (
            &FLAT,
            r#"{"error_code": "ITEM_LOGIN_REQUIRED", "message": "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state", "request_id": "m8MDnv9okwxFNBV", "retry": {"after": "30"}, "retryable": false, "extra": [1, 2.5, -3e2, null, {"a": [[]]}]}"#,
        ),
        (
            &NESTED,
            r#"{"error": "ProviderCallFailed", "details": {"reason": "AdapterExpired", "message": "caf\u00e9 \"quoted\""}, "traceId": "00-abc"}"#,
        ),
        (
            &LIST,
            r#"{"correlationId": "c0ffee", "data": [{"code": "parameter-not-valid", "title": "Parameter not valid", "source": {"parameter": "from"}}, {"code": "unauthorized", "title": "x"}]}"#,
        ),
        (&LIST, r#"{"correlationId": "c0ffee", "data": []}"#),
        (
            &SHAPES,
            r#"{"Errors": {"Error": {"Source": "Gateway", "ReasonCode": "DECLINE", "Description": "Unauthorized", "Recoverable": "false"}}}"#,
        ),
        (
            &SHAPES,
            r#"{"Errors": {"Error": [{"ReasonCode": "SYSTEM_ERROR", "Recoverable": true}, {"ReasonCode": "X"}]}}"#,
        ),
        (
            &SHAPES,
            r#"{"responseId": "123", "errors": [{"reasonCode": "INVALID_FIELD_VALUE", "description": "x"}]}"#,
        ),
        (
            &SHAPES,
            "\n{\"errorCode\": \"INVALID_JSON\", \"errorDescription\": \"bad\"}\r\n",
        ),
    ];
    for (wire, text) in bodies {
        let plan = plan(wire);
        let decided = compare(&plan, text);
        assert!(
            matches!(decided, Ok(true)),
            "{text}: {decided:?}, found {:?}",
            capture_by(&plan, text, Parser::Walk)
        );
    }
}

/// What the scanner leaves to serde_json, and serde_json's answer stands.
#[test]
fn the_scanner_hands_over_what_it_cannot_decide_alike() {
    let deep = format!("{{\"x\": {}{}}}", "[".repeat(200), "]".repeat(200));
    let cases = [
        // Invalid JSON: only serde_json says where and why.
        r#"{"code": 1200,}"#,
        r#"{"code": 01}"#,
        "{\"message\": \"a\u{1}b\"}",
        r#"{"code": 1} x"#,
        // A key with an escape, which serde_json decodes.
        r#"{"co\u0064e": 1}"#,
        // A number where a pointer continues: serde_json computes its value.
        r#"{"retry": 1e400}"#,
        // Nesting past the scanner's bit stack.
        deep.as_str(),
    ];
    let plan = plan(&FLAT);
    for text in cases {
        assert!(
            capture_by(&plan, text, Parser::Scan).is_none(),
            "the scanner decided {text}"
        );
    }
    let found = capture_by(&plan, &deep, Parser::Walk);
    assert!(found.is_some_and(|(_, found)| found.body_error.is_none()));
}

/// A broken body says nothing, even where it named a request id before breaking; the header's
/// request id stands. A readable body's id, declared first, wins over the header's.
#[test]
fn a_broken_body_leaves_what_the_headers_said() {
    let plan = plan(&FLAT);
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "x-request-id",
        http::HeaderValue::from_static("from-header"),
    );
    let mut errors = super::Errors::new();
    let broken = br#"{"request_id": "from-body", "code": 12,"#;
    let found = super::capture_with(&plan, &headers, broken, &mut errors);
    assert!(found.body_error.is_some());
    assert!(errors.is_empty());
    assert_eq!(found.request_id.as_deref(), Some("from-header"));

    let readable = br#"{"request_id": "from-body", "code": 12}"#;
    let found = super::capture_with(&plan, &headers, readable, &mut errors);
    assert_eq!(found.request_id.as_deref(), Some("from-body"));
    assert_eq!(errors.len(), 1);
}
