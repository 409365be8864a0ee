//! What a response body said: one record per error of the body, and why a body could not be
//! read. The wire reader fills these; classification adds what the catalog says of them.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::model::Entry;

/// One error of a response body, with the entry it matches. Text borrows from the body
/// where the body allows (no escapes), so reading allocates only what it must.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorDetail<'a> {
    /// The code as sent, as text.
    pub code: Option<Cow<'a, str>>,
    /// Whether it was sent as a JSON number.
    pub code_is_number: bool,
    /// The type the code was sent under, where the catalog keys codes by `(category, code)`.
    pub category: Option<Cow<'a, str>>,
    /// The catalog entry it matches, if its code is known.
    pub entry: Option<&'static Entry>,
    /// The sub-code as sent.
    pub sub_code: Option<Cow<'a, str>>,
    /// The message.
    pub message: Option<Cow<'a, str>>,
    /// The title.
    pub title: Option<Cow<'a, str>>,
    /// The occurrence's detail.
    pub detail: Option<Cow<'a, str>>,
    /// The provider's remediation hint.
    pub remediation: Option<Cow<'a, str>>,
    /// Where in the request the error points.
    pub source: ErrorSource<'a>,
    /// The server's own retry flag.
    pub server_retryable: Option<bool>,
    /// The server's retry flag as sent, when it could not be read as a bool.
    pub server_retryable_text: Option<Cow<'a, str>>,
}

/// Where an error of the body points at in the request (JSON:API style `source`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorSource<'a> {
    /// The request object or attribute.
    pub pointer: Option<Cow<'a, str>>,
    /// The URI, header or body parameter.
    pub parameter: Option<Cow<'a, str>>,
}

impl ErrorSource<'_> {
    /// Whether neither part is set.
    pub fn is_empty(&self) -> bool {
        self.pointer.is_none() && self.parameter.is_none()
    }
}

pub(crate) fn owned(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(|text| Cow::Owned(text.into_owned()))
}

impl ErrorDetail<'_> {
    /// An error with no field read yet.
    pub const EMPTY: ErrorDetail<'static> = ErrorDetail {
        code: None,
        code_is_number: false,
        category: None,
        entry: None,
        sub_code: None,
        message: None,
        title: None,
        detail: None,
        remediation: None,
        source: ErrorSource {
            pointer: None,
            parameter: None,
        },
        server_retryable: None,
        server_retryable_text: None,
    };

    /// The same error, owning its text.
    pub fn into_owned(self) -> ErrorDetail<'static> {
        ErrorDetail {
            code: owned(self.code),
            code_is_number: self.code_is_number,
            category: owned(self.category),
            entry: self.entry,
            sub_code: owned(self.sub_code),
            message: owned(self.message),
            title: owned(self.title),
            detail: owned(self.detail),
            remediation: owned(self.remediation),
            source: ErrorSource {
                pointer: owned(self.source.pointer),
                parameter: owned(self.source.parameter),
            },
            server_retryable: self.server_retryable,
            server_retryable_text: owned(self.server_retryable_text),
        }
    }
}

/// Why a body could not be read as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyErrorKind {
    /// Nothing but white space.
    Empty,
    /// Not UTF-8, which JSON must be (RFC 8259 §8.1).
    NotUtf8,
    /// Not JSON: a syntax error, or the body ends early.
    NotJson,
    /// Larger than the classification reads ([`crate::wire::ReadLimits::max_body_bytes`]).
    TooLarge,
}

/// Why a body could not be read as JSON: its kind, where in the body, and the parser's words.
///
/// Kept as found and described only when displayed, so an HTML error page from a proxy costs
/// no more to classify than a JSON body. One tag and two words: the kind and the position are
/// read from the detail when asked, not stored beside it, so that every classification (which
/// holds an `Option<BodyError>`) stays 32 bytes smaller and is copied in fewer instructions.
#[derive(Clone)]
pub struct BodyError {
    detail: Detail,
}

/// Where in the body reading stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Position {
    Nowhere,
    /// A 0-based byte offset (where UTF-8 stops being valid).
    Byte(usize),
    /// A 1-based line and column (the JSON parser's position).
    LineColumn(usize, usize),
}

#[derive(Clone)]
enum Detail {
    None,
    Utf8(std::str::Utf8Error),
    // Shared, so a classification clones in a few instructions.
    Json(Arc<serde_json::Error>),
    /// A description read back from a serialized classification; its kind and position are
    /// read back from the text when asked.
    Text(Arc<str>),
    /// The body's length and the limit it passed.
    TooLarge(usize, usize),
}

impl BodyError {
    pub(crate) const EMPTY: BodyError = BodyError {
        detail: Detail::None,
    };

    #[inline]
    pub(crate) fn not_utf8(error: std::str::Utf8Error) -> Self {
        BodyError {
            detail: Detail::Utf8(error),
        }
    }

    #[inline]
    pub(crate) fn not_json(error: serde_json::Error) -> Self {
        BodyError {
            detail: Detail::Json(Arc::new(error)),
        }
    }

    pub(crate) fn too_large(length: usize, limit: usize) -> Self {
        BodyError {
            detail: Detail::TooLarge(length, limit),
        }
    }

    /// Reads back what [`BodyError`]'s `Display` wrote (the serialized form of a
    /// classification keeps the description only).
    pub(crate) fn from_description(text: &str) -> Self {
        BodyError {
            detail: Detail::Text(Arc::from(text)),
        }
    }

    const EMPTY_TEXT: &str = "the body is empty";
    const TOO_LARGE_TEXT: &str = "the body was not read: the limit is ";
    const NOT_UTF8_TEXT: &str = "it is not UTF-8";

    /// What kind of problem it is.
    pub fn kind(&self) -> BodyErrorKind {
        match &self.detail {
            Detail::None => BodyErrorKind::Empty,
            Detail::Utf8(_) => BodyErrorKind::NotUtf8,
            Detail::Json(_) => BodyErrorKind::NotJson,
            Detail::TooLarge(..) => BodyErrorKind::TooLarge,
            Detail::Text(text) => described(text).0,
        }
    }

    fn position(&self) -> Position {
        match &self.detail {
            Detail::None => Position::Nowhere,
            Detail::Utf8(error) => Position::Byte(error.valid_up_to()),
            Detail::Json(error) => Position::LineColumn(error.line(), error.column()),
            Detail::TooLarge(_, limit) => Position::Byte(*limit),
            Detail::Text(text) => described(text).1,
        }
    }

    /// The 1-based line and column where the body stops being JSON, when the parser said.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self.position() {
            Position::LineColumn(line, column) => Some((line, column)),
            _ => None,
        }
    }

    /// The 0-based offset of the first byte that is not UTF-8, for [`BodyErrorKind::NotUtf8`];
    /// the limit, for [`BodyErrorKind::TooLarge`].
    pub fn byte_offset(&self) -> Option<usize> {
        match self.position() {
            Position::Byte(offset) => Some(offset),
            _ => None,
        }
    }
}

/// The kind and position of a description that [`BodyError`]'s `Display` wrote.
fn described(text: &str) -> (BodyErrorKind, Position) {
    if text == BodyError::EMPTY_TEXT {
        return (BodyErrorKind::Empty, Position::Nowhere);
    }
    if let Some(limit) = text
        .strip_prefix(BodyError::TOO_LARGE_TEXT)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|limit| limit.parse().ok())
    {
        return (BodyErrorKind::TooLarge, Position::Byte(limit));
    }
    if text.contains(BodyError::NOT_UTF8_TEXT) {
        let position = text
            .split("from index ")
            .nth(1)
            .map(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap_or("")
            })
            .and_then(|number| number.parse().ok())
            .map_or(Position::Nowhere, Position::Byte);
        return (BodyErrorKind::NotUtf8, position);
    }
    (BodyErrorKind::NotJson, line_column(text))
}

/// `... at line 3 column 7` (serde_json's wording), read back.
fn line_column(text: &str) -> Position {
    let mut words = text.rsplit(' ');
    let column = words.next().and_then(|word| word.parse().ok());
    let column_word = words.next();
    let line = words.next().and_then(|word| word.parse().ok());
    let line_word = words.next();
    match (line_word, line, column_word, column) {
        (Some("line"), Some(line), Some("column"), Some(column)) => {
            Position::LineColumn(line, column)
        }
        _ => Position::Nowhere,
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.detail {
            Detail::None => f.write_str(Self::EMPTY_TEXT),
            Detail::Utf8(error) => write!(
                f,
                "the body is not valid JSON: {} ({error})",
                Self::NOT_UTF8_TEXT
            ),
            Detail::Json(error) => write!(f, "the body is not valid JSON: {error}"),
            Detail::Text(text) => f.write_str(text),
            Detail::TooLarge(length, limit) => write!(
                f,
                "{}{limit} bytes, and it has {length}",
                Self::TOO_LARGE_TEXT
            ),
        }
    }
}

impl fmt::Debug for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BodyError")
            .field("kind", &self.kind())
            .field("position", &self.position())
            .finish()
    }
}

/// Two body errors are equal when they are of one kind at one place: the parser's wording is
/// not compared, so an error read back from its serialized form equals the original.
impl PartialEq for BodyError {
    fn eq(&self, other: &Self) -> bool {
        self.kind() == other.kind() && self.position() == other.position()
    }
}

impl Eq for BodyError {}

impl std::error::Error for BodyError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that stop being UTF-8 at offset 2, built at run time (a literal would warn).
    fn not_utf8() -> std::str::Utf8Error {
        let bytes = vec![b'a', b'b', 0xff];
        std::str::from_utf8(&bytes).expect_err("not UTF-8")
    }

    #[test]
    fn a_body_error_reads_back_from_its_description() {
        let errors = [
            BodyError::EMPTY,
            BodyError::not_utf8(not_utf8()),
            BodyError::too_large(5_000_000, 1 << 20),
            BodyError::not_json(
                serde_json::from_str::<serde_json::Value>("{\n  \"a\": ,}").expect_err("not JSON"),
            ),
        ];
        for error in errors {
            let back = BodyError::from_description(&error.to_string());
            assert_eq!(back, error, "{error}");
            assert_eq!(back.to_string(), error.to_string());
        }
    }

    #[test]
    fn a_body_error_says_where() {
        let error = BodyError::not_json(
            serde_json::from_str::<serde_json::Value>("{\n  \"a\": ,}").expect_err("not JSON"),
        );
        assert_eq!(error.kind(), BodyErrorKind::NotJson);
        assert_eq!(error.line_column(), Some((2, 8)));
        let error = BodyError::not_utf8(not_utf8());
        assert_eq!(error.byte_offset(), Some(2));
    }
}
