//! Wire formats for holding the fast path to the reference parser: the seed providers'
//! shapes in miniature, and what the macro would refuse but the parsers must still agree on.
//! Used by the property tests beside this module and, with the `fuzzing` feature, by the
//! `scan_vs_serde` fuzz target.

use super::{Field, Source, Wire};
use crate::model::{ExtraField, FieldErrorsSource};
use crate::model::{FieldSource, Shape};

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
pub(crate) static FLAT: Wire = Wire {
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
        extra_fields: &[],
        field_errors: None,
    }],
};

/// A code beside a nested sub-code (Aiia).
pub(crate) static NESTED: Wire = Wire {
    shapes: &[Shape {
        name: "nested",
        fields: &[
            body(Field::Code, &["error"]),
            body(Field::SubCode, &["details", "reason"]),
            body(Field::Message, &["details", "message"]),
        ],
        extra_fields: &[],
        field_errors: None,
    }],
};

/// A list of errors (Connect).
pub(crate) static LIST: Wire = Wire {
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
        extra_fields: &[],
        field_errors: None,
    }],
};

/// Several shapes, one of them a list that may come as a lone object (MDES).
pub(crate) static SHAPES: Wire = Wire {
    shapes: &[
        Shape {
            name: "gateway",
            fields: &[
                body(Field::Code, &["Errors", "Error", "*", "ReasonCode"]),
                body(Field::Message, &["Errors", "Error", "*", "Description"]),
                body(Field::Retryable, &["Errors", "Error", "*", "Recoverable"]),
            ],
            extra_fields: &[],
            field_errors: None,
        },
        Shape {
            name: "api",
            fields: &[
                body(Field::Code, &["errors", "*", "reasonCode"]),
                body(Field::Message, &["errors", "*", "description"]),
                body(Field::RequestId, &["responseId"]),
            ],
            extra_fields: &[],
            field_errors: None,
        },
        Shape {
            name: "flat",
            fields: &[
                body(Field::Code, &["reasonCode"]),
                body(Field::Code, &["errorCode"]),
                body(Field::Message, &["errorDescription"]),
            ],
            extra_fields: &[],
            field_errors: None,
        },
    ],
};

/// What the macro would refuse, which the parsers must still agree on: a pointer that ends
/// where others go on, a list under a list, and a list of scalars.
pub(crate) static ODD: Wire = Wire {
    shapes: &[Shape {
        name: "odd",
        fields: &[
            body(Field::Message, &["error"]),
            body(Field::Code, &["error", "code"]),
            body(Field::Title, &["error", "*", "title"]),
            body(Field::Detail, &["items", "*", "errors", "*", "detail"]),
            body(Field::SubCode, &["tags", "*"]),
        ],
        extra_fields: &[],
        field_errors: None,
    }],
};

/// A pointer that ends where another goes on, in a flat shape.
pub(crate) static PREFIX: Wire = Wire {
    shapes: &[Shape {
        name: "prefix",
        fields: &[
            body(Field::Message, &["error"]),
            body(Field::Code, &["error", "code"]),
            body(Field::RequestId, &["id"]),
        ],
        extra_fields: &[],
        field_errors: None,
    }],
};

/// Keys JSON must escape: a body can match them only by spelling them with escapes, which the
/// scanner hands over.
pub(crate) static ESCAPED: Wire = Wire {
    shapes: &[Shape {
        name: "escaped",
        fields: &[
            body(Field::Code, &["say \"hi\""]),
            body(Field::Message, &["tab\there"]),
            body(Field::Title, &["back\\slash", "a"]),
            body(Field::Detail, &["plain"]),
        ],
        extra_fields: &[],
        field_errors: None,
    }],
};

/// Keys that start alike, around the eight bytes the scanner compares at once: 4, 7, 8, 11 and
/// 15 bytes, and one past ASCII.
pub(crate) static ALIKE: Wire = Wire {
    shapes: &[Shape {
        name: "alike",
        fields: &[
            body(Field::SubCode, &["desc"]),
            body(Field::Code, &["descrip"]),
            body(Field::Title, &["descript"]),
            body(Field::Detail, &["description"]),
            body(Field::Remediation, &["descriptionLong"]),
            body(Field::Message, &["d\u{e9}tail"]),
        ],
        extra_fields: &[],
        field_errors: None,
    }],
};

const fn extra(name: &'static str, path: &'static [&'static str]) -> ExtraField {
    ExtraField {
        name,
        source: Source::Body(path),
    }
}

/// The catalog's own fields and field errors (Stripe's `doc_url`, problem details' `errors`),
/// a field and a field of the catalog's own at one pointer, and the retry flag in a header.
pub(crate) static EXTRAS: Wire = Wire {
    shapes: &[Shape {
        name: "extras",
        fields: &[
            body(Field::Code, &["error", "code"]),
            body(Field::Message, &["error", "message"]),
            body(Field::SourceParameter, &["error", "param"]),
            FieldSource {
                field: Field::Retryable,
                source: Source::Header("Should-Retry"),
            },
        ],
        extra_fields: &[
            extra("doc_url", &["error", "doc_url"]),
            extra("doc_url", &["error", "docs"]),
            extra("param", &["error", "param"]),
            extra("log", &["error", "request_log_url"]),
        ],
        field_errors: Some(FieldErrorsSource {
            path: &["errors"],
            field: "field",
            message: "detail",
        }),
    }],
};

/// The same in a list of errors (Square's `field`), beside a flat shape with field errors.
pub(crate) static LIST_EXTRAS: Wire = Wire {
    shapes: &[
        Shape {
            name: "list",
            fields: &[
                body(Field::Code, &["errors", "*", "code"]),
                body(Field::Detail, &["errors", "*", "detail"]),
            ],
            extra_fields: &[extra("field", &["errors", "*", "field"])],
            field_errors: Some(FieldErrorsSource {
                path: &["errors", "*", "fields"],
                field: FieldErrorsSource::DEFAULT_FIELD,
                message: FieldErrorsSource::DEFAULT_MESSAGE,
            }),
        },
        Shape {
            name: "problem",
            fields: &[
                body(Field::Code, &["type"]),
                body(Field::Title, &["title"]),
                body(Field::Message, &["invalid"]),
            ],
            extra_fields: &[extra("instance", &["instance"])],
            field_errors: Some(FieldErrorsSource {
                path: &["invalid"],
                field: FieldErrorsSource::DEFAULT_FIELD,
                message: FieldErrorsSource::DEFAULT_MESSAGE,
            }),
        },
    ],
};

/// Every sample wire.
pub(crate) static WIRES: [&Wire; 10] = [
    &FLAT,
    &NESTED,
    &LIST,
    &SHAPES,
    &ODD,
    &PREFIX,
    &ESCAPED,
    &ALIKE,
    &EXTRAS,
    &LIST_EXTRAS,
];
