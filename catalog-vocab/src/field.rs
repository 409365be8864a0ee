//! The fields a wire format can declare.

use std::fmt;

use crate::words::{UnknownName, vocabulary};

vocabulary! {
    /// A field of an error response that a wire format says where to find.
    pub enum Field {
        /// The error code (string or number).
        Code = "code",
        /// A sub-code (Aiia's `details.reason`).
        SubCode = "sub_code",
        /// The message.
        Message = "message",
        /// A short title.
        Title = "title",
        /// The occurrence's detail.
        Detail = "detail",
        /// The provider's remediation hint (Plaid's `resolve`).
        Remediation = "remediation",
        /// The request object or attribute at fault (`source.pointer`).
        SourcePointer = "source_pointer",
        /// The parameter at fault (`source.parameter`).
        SourceParameter = "source_parameter",
        /// The server's own retry flag, a bool or `"true"`/`"false"` in any case: in the body
        /// for each error (MDES `Recoverable`), or in a header for the whole response
        /// (Stripe's `Stripe-Should-Retry`, OpenAI's `x-should-retry`).
        Retryable = "retryable",
        /// A retry delay: delta-seconds, an HTTP-date, or free text such as `retry in 30 seconds`.
        RetryAfter = "retry_after",
        /// The request or correlation id.
        RequestId = "request_id",
        /// The type the code belongs to, where a code is unique only within its type (Plaid's
        /// `error_type`, Stripe's `type`, Square's `category`): read against the catalog's
        /// `categories`.
        Category = "category",
    }
}

impl Field {
    /// Fields that describe the whole response rather than one error of a list, wherever
    /// they are read: they may not sit inside the list of errors.
    pub const fn is_response_level(self) -> bool {
        matches!(self, Field::RequestId | Field::RetryAfter)
    }

    /// How the field is written when it comes from a header, for the fields that may: the
    /// response-level ones, and the server's retry flag, which a header gives for the whole
    /// response. `None` for the fields that belong to each error of the body.
    pub const fn header_example(self) -> Option<&'static str> {
        match self {
            Field::RequestId => Some("request_id: header \"X-Request-Id\""),
            Field::RetryAfter => Some("retry_after: header \"Retry-After\""),
            Field::Retryable => Some("retryable: header \"Stripe-Should-Retry\""),
            _ => None,
        }
    }
}

/// Whether `name` can be an HTTP header name: a token of RFC 9110 §5.6.2 (letters, digits
/// and ``!#$%&'*+-.^_`|~``), not empty. The macro checks every header a catalog names with
/// it, so the runtime can build a `HeaderName` from one without failing.
pub const fn is_header_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let tchar = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        if !tchar {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{Field, is_header_name};

    #[test]
    fn the_fields_a_header_may_give_say_how_to_write_them() {
        let from_headers: Vec<Field> = Field::ALL
            .iter()
            .copied()
            .filter(|field| field.header_example().is_some())
            .collect();
        assert_eq!(
            from_headers,
            [Field::Retryable, Field::RetryAfter, Field::RequestId]
        );
        for field in from_headers {
            let example = field.header_example().unwrap_or_default();
            assert!(example.starts_with(field.as_str()), "{example}");
        }
        // Every response-level field may come from a header.
        for field in Field::ALL.iter().filter(|field| field.is_response_level()) {
            assert!(field.header_example().is_some(), "{field}");
        }
    }

    #[test]
    fn header_names_are_tokens() {
        for name in [
            "Idempotency-Key",
            "X-Request-Id",
            "retry-after",
            "a!#$%&'*+.^_`|~9",
        ] {
            assert!(is_header_name(name), "{name}");
        }
        for name in [
            "",
            "Idempotency Key",
            "X-Id:",
            "Caf\u{e9}",
            "a/b",
            "(key)",
            "k\n",
        ] {
            assert!(!is_header_name(name), "{name:?}");
        }
    }
}
