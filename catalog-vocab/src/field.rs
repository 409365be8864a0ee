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
        /// The server's own retry flag (MDES `Recoverable`), a bool or `"true"`/`"false"`.
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
    /// Fields that describe the whole response rather than one error of a list: the only
    /// ones that may come from a header, and that may not sit inside the list of errors.
    pub const fn is_response_level(self) -> bool {
        matches!(self, Field::RequestId | Field::RetryAfter)
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
    use super::is_header_name;

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
