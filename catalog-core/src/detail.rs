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

/// What a response said beyond the vocabulary's fields, for catalogs that declare more: the
/// server's retry flag in a header, and each error's fields of the catalog's own and field
/// errors. Kept beside the errors behind one pointer (in the parsers' findings, then in the
/// classification), so the errors of every catalog keep their size, and a catalog that
/// declares none of it builds, moves and drops its results as before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extras<'a> {
    /// The server's retry flag from a header, as sent, with the rank of its source; once
    /// classified, kept only when it was neither true nor false.
    pub(crate) retry_flag: Option<(u8, Cow<'a, str>)>,
    /// What each error that has any holds, by the error's index in the list of errors.
    pub(crate) errors: Vec<(usize, ErrorExtra<'a>)>,
}

impl<'a> Extras<'a> {
    /// What the error at `index` holds, if anything.
    pub(crate) fn of(&self, index: usize) -> Option<&ErrorExtra<'a>> {
        self.errors
            .iter()
            .find(|(at, _)| *at == index)
            .map(|(_, extra)| extra)
    }

    /// The record of the error at `index`, made on first use.
    pub(crate) fn of_mut(&mut self, index: usize) -> &mut ErrorExtra<'a> {
        let at = match self.errors.iter().position(|(at, _)| *at == index) {
            Some(at) => at,
            None => {
                self.errors.push((index, ErrorExtra::default()));
                self.errors.len() - 1
            }
        };
        &mut self.errors[at].1
    }

    /// Forgets what errors from `index` on hold (an error taken back).
    pub(crate) fn forget_from(&mut self, index: usize) {
        self.errors.retain(|(at, _)| *at < index);
    }

    /// Whether it holds nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.retry_flag.is_none() && self.errors.is_empty()
    }

    pub(crate) fn into_owned(self) -> Extras<'static> {
        Extras {
            retry_flag: self
                .retry_flag
                .map(|(rank, text)| (rank, Cow::Owned(text.into_owned()))),
            errors: self
                .errors
                .into_iter()
                .map(|(at, extra)| (at, extra.into_owned()))
                .collect(),
        }
    }
}

/// One field error: a field of the request and what is wrong with it (`amount`, "must be
/// positive"). A list element without the field's member reads as an empty field, one
/// without the message's as an empty message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldError<'a> {
    /// The field, as sent.
    pub field: Cow<'a, str>,
    /// What is wrong with it, as sent.
    pub message: Cow<'a, str>,
}

impl<'a> FieldError<'a> {
    /// A field error.
    pub fn new(field: impl Into<Cow<'a, str>>, message: impl Into<Cow<'a, str>>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same, owning its text.
    pub fn into_owned(self) -> FieldError<'static> {
        FieldError {
            field: Cow::Owned(self.field.into_owned()),
            message: Cow::Owned(self.message.into_owned()),
        }
    }
}

/// What `fields` and `field_errors` read of one error.
#[derive(Clone, Debug, Default)]
pub(crate) struct ErrorExtra<'a> {
    /// The catalog's own fields found, in the order found: name, the rank of the source
    /// that set it (earlier sources of a name win), value.
    pub(crate) fields: Vec<(&'static str, u8, Cow<'a, str>)>,
    /// The field errors read.
    pub(crate) field_errors: Vec<FieldError<'a>>,
    /// How many field errors there were past the ones kept.
    pub(crate) field_errors_omitted: usize,
    /// The field errors' JSON as the parsers found it, and the member names of a list
    /// element, until classification reads it within its limits.
    pub(crate) field_errors_raw: Option<RawFieldErrors<'a>>,
}

/// The JSON of an error's field errors, as found in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawFieldErrors<'a> {
    pub(crate) json: &'a str,
    pub(crate) field: &'static str,
    pub(crate) message: &'static str,
}

/// Two records are equal when they hold the same fields, field errors and JSON not read yet:
/// which source of a name set a field was for reading only.
impl PartialEq for ErrorExtra<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.fields.len() == other.fields.len()
            && self
                .fields
                .iter()
                .zip(&other.fields)
                .all(|((a, _, x), (b, _, y))| a == b && x == y)
            && self.field_errors == other.field_errors
            && self.field_errors_omitted == other.field_errors_omitted
            && self.field_errors_raw == other.field_errors_raw
    }
}

impl Eq for ErrorExtra<'_> {}

impl<'a> ErrorExtra<'a> {
    /// The value of the catalog's own field `name`, if the error has it.
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _, _)| *field == name)
            .map(|(_, _, value)| value.as_ref())
    }

    /// Whether it holds nothing that was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.field_errors.is_empty()
            && self.field_errors_omitted == 0
            && self.field_errors_raw.is_none()
    }

    pub(crate) fn into_owned(self) -> ErrorExtra<'static> {
        ErrorExtra {
            fields: self
                .fields
                .into_iter()
                .map(|(name, rank, value)| (name, rank, Cow::Owned(value.into_owned())))
                .collect(),
            field_errors: self
                .field_errors
                .into_iter()
                .map(FieldError::into_owned)
                .collect(),
            field_errors_omitted: self.field_errors_omitted,
            // Read by then: classification reads it before anything is made owned.
            field_errors_raw: None,
        }
    }
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
