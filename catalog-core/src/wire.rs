//! Wire formats: where a provider puts its code, message and the rest, and the one parser that
//! reads them.
//!
//! A catalog declares each field as a JSON pointer (or a header). A `*` segment stands for every
//! element of a list of errors; a lone object where the list should be counts as a one-element
//! list (MDES sends both). The parser walks the body once for all shapes with serde, descends
//! only along declared pointers and skips everything else with [`serde::de::IgnoredAny`]
//! (which serde_json does without recursion). At the end of a pointer it takes the value as
//! `&RawValue`, so numbers and strings without escapes are borrowed from the body: the common
//! case allocates nothing.

use std::borrow::Cow;
use std::fmt;

use http::HeaderMap;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use smallvec::SmallVec;

use crate::classify::{ErrorDetail, ErrorSource};

/// The list marker in a pointer: each element of the array at this position.
pub const EACH: &str = "*";

/// The most shapes a wire format can have.
pub const MAX_SHAPES: usize = 8;

/// The most field sources all shapes of a wire format can have together: the parser tracks
/// them in a 64-bit mask.
pub const MAX_FIELD_SOURCES: usize = 64;

/// A provider's wire format: one or more body shapes; the first whose code pointer finds a
/// code wins.
#[derive(Clone, Copy, Debug)]
pub struct Wire {
    /// The shapes, in order of preference.
    pub shapes: &'static [Shape],
}

/// One JSON body shape and the headers read with it.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// A name for diagnostics and for `group "..." wire "name"`.
    pub name: &'static str,
    /// Where each field is read from; for a field declared with alternatives, earlier sources
    /// win over later ones whatever the order of keys in the body.
    pub fields: &'static [FieldSource],
}

impl Shape {
    /// The pointer segments to the list of errors, when the shape has one.
    pub fn list(&self) -> Option<&'static [&'static str]> {
        self.fields.iter().find_map(|source| match source.source {
            Source::Body(path) => path
                .iter()
                .position(|segment| *segment == EACH)
                .map(|star| &path[..star]),
            Source::Header(_) => None,
        })
    }

    /// The first source declared for `field`.
    pub fn source_of(&self, field: Field) -> Option<&'static Source> {
        self.fields
            .iter()
            .find(|source| source.field == field)
            .map(|source| &source.source)
    }
}

/// Where one field is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSource {
    /// The field.
    pub field: Field,
    /// The pointer or header.
    pub source: Source,
}

/// A body pointer, as segments, or a header name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A JSON pointer split into unescaped segments; [`EACH`] marks the list of errors.
    Body(&'static [&'static str]),
    /// A response header, matched case-insensitively.
    Header(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Body(path) => {
                for segment in *path {
                    write!(f, "/{}", segment.replace('~', "~0").replace('/', "~1"))?;
                }
                Ok(())
            }
            Source::Header(name) => write!(f, "header {name}"),
        }
    }
}

/// The fields a wire format can declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The error code (string or number).
    Code,
    /// A sub-code (Aiia's `details.reason`).
    SubCode,
    /// The message.
    Message,
    /// A short title.
    Title,
    /// The occurrence's detail.
    Detail,
    /// The provider's remediation hint (Plaid's `resolve`).
    Remediation,
    /// The request object or attribute at fault (`source.pointer`).
    SourcePointer,
    /// The parameter at fault (`source.parameter`).
    SourceParameter,
    /// The server's own retry flag (MDES `Recoverable`), a bool or `"true"`/`"false"`.
    Retryable,
    /// A retry delay: delta-seconds, an HTTP-date, or free text such as `retry in 30 seconds`.
    RetryAfter,
    /// The request or correlation id.
    RequestId,
}

impl Field {
    /// Every field, in the order the DSL documents them.
    pub const ALL: &'static [Field] = &[
        Field::Code,
        Field::SubCode,
        Field::Message,
        Field::Title,
        Field::Detail,
        Field::Remediation,
        Field::SourcePointer,
        Field::SourceParameter,
        Field::Retryable,
        Field::RetryAfter,
        Field::RequestId,
    ];

    /// The DSL spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::SubCode => "sub_code",
            Field::Message => "message",
            Field::Title => "title",
            Field::Detail => "detail",
            Field::Remediation => "remediation",
            Field::SourcePointer => "source_pointer",
            Field::SourceParameter => "source_parameter",
            Field::Retryable => "retryable",
            Field::RetryAfter => "retry_after",
            Field::RequestId => "request_id",
        }
    }

    /// Fields that describe the whole response rather than one error of a list.
    pub const fn is_response_level(self) -> bool {
        matches!(self, Field::RequestId | Field::RetryAfter)
    }

    /// The slot of an error-level field in [`ErrorRanks`].
    const fn slot(self) -> usize {
        match self {
            Field::Code => 0,
            Field::SubCode => 1,
            Field::Message => 2,
            Field::Title => 3,
            Field::Detail => 4,
            Field::Remediation => 5,
            Field::SourcePointer => 6,
            Field::SourceParameter => 7,
            Field::Retryable | Field::RetryAfter | Field::RequestId => 8,
        }
    }
}

/// What one pass over a response found, for the shape that matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Captured<'a> {
    /// Which shape of the wire format matched (index into [`Wire::shapes`]).
    pub(crate) shape: usize,
    /// Every error of the body, in order (an element of the list that is no object is an
    /// error with no fields); empty when the body holds none that could be read.
    pub(crate) errors: SmallVec<[ErrorDetail<'a>; 1]>,
    /// The request id from the declared header or body field.
    pub(crate) request_id: Option<Cow<'a, str>>,
    /// The raw retry hint, to be read by [`crate::delay`].
    pub(crate) retry_after: Option<Cow<'a, str>>,
    /// Whether the retry hint came from a header.
    pub(crate) retry_after_from_header: bool,
    /// Why the body could not be read as the wire format, if it could not.
    pub(crate) body_error: Option<BodyError>,
}

/// Why a body could not be read as JSON. Kept as found and described only when displayed, so
/// an HTML error page from a proxy costs no more to classify than a JSON body.
#[derive(Clone, Debug)]
pub enum BodyError {
    /// Nothing but white space.
    Empty,
    /// Not UTF-8, which JSON must be (RFC 8259 §8.1).
    NotUtf8(std::str::Utf8Error),
    /// Not JSON: the parser's error, with its line and column.
    NotJson(std::sync::Arc<serde_json::Error>),
    /// A description read back from a serialized classification.
    Described(String),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Empty => f.write_str("the body is empty"),
            BodyError::NotUtf8(error) => {
                write!(f, "the body is not valid JSON: it is not UTF-8 ({error})")
            }
            BodyError::NotJson(error) => write!(f, "the body is not valid JSON: {error}"),
            BodyError::Described(text) => f.write_str(text),
        }
    }
}

impl PartialEq for BodyError {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for BodyError {}

const UNSET: u8 = u8::MAX;

/// For each error-level field, the rank of the source that set it (earlier sources win).
type ErrorRanks = [u8; 9];

/// Reads a response with a wire format: the first shape whose code pointer finds a code wins;
/// when none does, the first shape's findings are kept (request id, retry hint, messages).
/// The plan is built once per catalog (see [`crate::CodeIndex`]).
pub(crate) fn capture_with<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    body: &'a [u8],
) -> Captured<'a> {
    if let Some(error) = unreadable(body) {
        // An empty body or an HTML page: only the headers can say anything, and a body error
        // keeps the first shape's findings, so only that shape's headers are read.
        let Some(shape) = plan.wire.shapes.first() else {
            return Captured {
                body_error: Some(error),
                ..Captured::default()
            };
        };
        let mut sink = ShapeSink::new(shape);
        if !headers.is_empty() {
            read_headers(plan, headers, std::slice::from_mut(&mut sink));
        }
        return sink.finish(0, Some(error));
    }
    if let [shape] = plan.wire.shapes {
        // Most wire formats have one shape: its sink stays on the stack, unmoved.
        let mut sink = ShapeSink::new(shape);
        let body_error = read(plan, headers, body, std::slice::from_mut(&mut sink));
        return sink.finish(0, body_error);
    }
    let mut sinks: SmallVec<[ShapeSink<'a>; 1]> = SmallVec::with_capacity(plan.wire.shapes.len());
    for shape in plan.wire.shapes {
        sinks.push(ShapeSink::new(shape));
    }
    let body_error = read(plan, headers, body, &mut sinks);
    let shape = if body_error.is_some() {
        0
    } else {
        sinks.iter().position(ShapeSink::found_code).unwrap_or(0)
    };
    if shape < sinks.len() {
        sinks.swap_remove(shape).finish(shape, body_error)
    } else {
        Captured {
            body_error,
            ..Captured::default()
        }
    }
}

/// Why a body cannot be JSON at all, found without walking it: empty, or a first byte that
/// starts no JSON value (`<` of an HTML page). The parser's own error says where and why.
fn unreadable(body: &[u8]) -> Option<BodyError> {
    let Some(first) = body.iter().find(|byte| !byte.is_ascii_whitespace()) else {
        return Some(BodyError::Empty);
    };
    if matches!(
        first,
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' | 0xEF
    ) {
        return None;
    }
    Some(match std::str::from_utf8(body) {
        Err(error) => BodyError::NotUtf8(error),
        Ok(text) => match serde_json::from_str::<IgnoredAny>(text) {
            Err(error) => BodyError::NotJson(std::sync::Arc::new(error)),
            Ok(_) => return None,
        },
    })
}

/// Reads the headers and the body into the sinks; why the body could not be read, if so.
fn read<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    body: &'a [u8],
    sinks: &mut [ShapeSink<'a>],
) -> Option<BodyError> {
    if !headers.is_empty() {
        read_headers(plan, headers, sinks);
    }
    read_body(plan, body, sinks).err()
}

/// The field sources of all shapes, numbered in one sequence (the bits of the masks).
#[derive(Debug)]
pub(crate) struct Plan {
    wire: &'static Wire,
    sources: Vec<PlanSource>,
    body_mask: u64,
}

/// A source of the plan: its shape, its rank within the shape, its field and its pointer.
#[derive(Clone, Copy, Debug)]
struct PlanSource {
    shape: usize,
    local: usize,
    field: Field,
    path: &'static [&'static str],
}

impl Plan {
    pub(crate) fn new(wire: &'static Wire) -> Self {
        let mut sources = Vec::new();
        let mut body_mask = 0u64;
        // The macro caps shapes and sources; past the caps, sources are not read.
        for (shape, fields) in wire.shapes.iter().take(MAX_SHAPES).enumerate() {
            for (local, field_source) in fields.fields.iter().enumerate() {
                if sources.len() == MAX_FIELD_SOURCES {
                    break;
                }
                let path = match field_source.source {
                    Source::Body(path) => {
                        body_mask |= 1 << sources.len();
                        path
                    }
                    Source::Header(_) => &[],
                };
                sources.push(PlanSource {
                    shape,
                    local,
                    field: field_source.field,
                    path,
                });
            }
        }
        Plan {
            wire,
            sources,
            body_mask,
        }
    }

    fn source(&self, rank: u32) -> PlanSource {
        self.sources[rank as usize]
    }

    fn path(&self, rank: u32) -> &'static [&'static str] {
        self.sources[rank as usize].path
    }
}

/// The set bits of a mask, lowest first.
fn bits(mut mask: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let bit = mask.trailing_zeros();
            mask &= mask - 1;
            bit
        })
    })
}

/// A header value as text, trimmed. Header values may hold any bytes: they are kept, lossily,
/// rather than dropped.
pub(crate) fn header_text(value: &http::HeaderValue) -> Cow<'_, str> {
    match String::from_utf8_lossy(value.as_bytes()) {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
    }
}

fn read_headers<'a>(plan: &Plan, headers: &'a HeaderMap, sinks: &mut [ShapeSink<'a>]) {
    for (s, shape) in plan.wire.shapes.iter().enumerate().take(sinks.len()) {
        for (local, field_source) in shape.fields.iter().enumerate() {
            let Source::Header(name) = field_source.source else {
                continue;
            };
            if let Some(value) = headers.get(name) {
                sinks[s].set(
                    local,
                    field_source.field,
                    Scalar::Text(header_text(value)),
                    true,
                );
            }
        }
    }
}

fn read_body<'a>(
    plan: &Plan,
    body: &'a [u8],
    sinks: &mut [ShapeSink<'a>],
) -> Result<(), BodyError> {
    // JSON is UTF-8 (RFC 8259 §8.1). Checking the body once lets the parser skip checking each
    // string and each value it takes as written.
    let text = std::str::from_utf8(body).map_err(BodyError::NotUtf8)?;
    // Some servers put a byte-order mark before the JSON; it is no part of it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let walk = Walk {
        plan,
        depth: 0,
        mask: plan.body_mask,
        sinks,
    };
    let result = walk
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    result.map_err(|error| {
        for sink in sinks.iter_mut() {
            sink.clear_body();
        }
        BodyError::NotJson(std::sync::Arc::new(error))
    })
}

/// A scalar found at the end of a pointer.
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(Cow<'a, str>),
    Bool(bool),
}

impl<'a> Scalar<'a> {
    /// Reads a raw JSON value; `None` for `null`, objects and arrays.
    fn from_raw(raw: &'a str) -> Option<Self> {
        match raw.as_bytes().first()? {
            b'"' => {
                let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
                if inner.contains('\\') {
                    // An escape serde_json cannot decode (a lone surrogate, `\ud800`) keeps
                    // its text as written rather than vanish.
                    Some(Scalar::Text(match serde_json::from_str::<String>(raw) {
                        Ok(text) => Cow::Owned(text),
                        Err(_) => Cow::Borrowed(inner),
                    }))
                } else {
                    Some(Scalar::Text(Cow::Borrowed(inner)))
                }
            }
            b't' => Some(Scalar::Bool(true)),
            b'f' => Some(Scalar::Bool(false)),
            b'-' | b'0'..=b'9' => Some(Scalar::Number(Cow::Borrowed(raw))),
            _ => None,
        }
    }

    fn into_text(self) -> Cow<'a, str> {
        match self {
            Scalar::Text(text) | Scalar::Number(text) => text,
            Scalar::Bool(flag) => Cow::Borrowed(if flag { "true" } else { "false" }),
        }
    }

    fn duplicate(&self) -> Self {
        match self {
            Scalar::Text(text) => Scalar::Text(text.clone()),
            Scalar::Number(text) => Scalar::Number(text.clone()),
            Scalar::Bool(flag) => Scalar::Bool(*flag),
        }
    }
}

/// What one shape has found so far.
struct ShapeSink<'a> {
    in_list: bool,
    flat: (ErrorDetail<'a>, ErrorRanks),
    /// A list's errors; a `Vec` allocates only once a list has an element.
    errors: Vec<(ErrorDetail<'a>, ErrorRanks)>,
    request_id: Option<(u8, Cow<'a, str>, bool)>,
    retry_after: Option<(u8, Cow<'a, str>, bool)>,
}

impl<'a> ShapeSink<'a> {
    fn new(shape: &Shape) -> Self {
        ShapeSink {
            in_list: shape.list().is_some(),
            flat: (ErrorDetail::default(), [UNSET; 9]),
            errors: Vec::new(),
            request_id: None,
            retry_after: None,
        }
    }

    fn found_code(&self) -> bool {
        let first = if self.in_list {
            self.errors.first()
        } else {
            Some(&self.flat)
        };
        first.is_some_and(|(error, _)| error.code.is_some())
    }

    /// Forgets what a broken body said; what headers said stays.
    fn clear_body(&mut self) {
        self.flat = (ErrorDetail::default(), [UNSET; 9]);
        self.errors.clear();
        if self
            .request_id
            .as_ref()
            .is_some_and(|(_, _, from_header)| !from_header)
        {
            self.request_id = None;
        }
        if self
            .retry_after
            .as_ref()
            .is_some_and(|(_, _, from_header)| !from_header)
        {
            self.retry_after = None;
        }
    }

    fn set(&mut self, local: usize, field: Field, value: Scalar<'a>, from_header: bool) {
        let order = u8::try_from(local).unwrap_or(UNSET - 1);
        match field {
            Field::RequestId => {
                if self
                    .request_id
                    .as_ref()
                    .is_none_or(|(earlier, _, _)| order < *earlier)
                {
                    self.request_id = Some((order, value.into_text(), from_header));
                }
            }
            Field::RetryAfter => {
                if self
                    .retry_after
                    .as_ref()
                    .is_none_or(|(earlier, _, _)| order < *earlier)
                {
                    self.retry_after = Some((order, value.into_text(), from_header));
                }
            }
            _ => {
                let target = if self.in_list {
                    match self.errors.last_mut() {
                        Some(error) => error,
                        None => return,
                    }
                } else {
                    &mut self.flat
                };
                set_error_field(target, order, field, value);
            }
        }
    }

    fn finish(self, shape: usize, body_error: Option<BodyError>) -> Captured<'a> {
        let errors = if self.in_list {
            self.errors.into_iter().map(|(error, _)| error).collect()
        } else if self.flat.1.iter().all(|&rank| rank == UNSET) {
            SmallVec::new()
        } else {
            smallvec::smallvec![self.flat.0]
        };
        let (retry_after, retry_after_from_header) = match self.retry_after {
            Some((_, hint, from_header)) => (Some(hint), from_header),
            None => (None, false),
        };
        Captured {
            shape,
            errors,
            request_id: self.request_id.map(|(_, id, _)| id),
            retry_after,
            retry_after_from_header,
            body_error,
        }
    }
}

fn set_error_field<'a>(
    target: &mut (ErrorDetail<'a>, ErrorRanks),
    rank: u8,
    field: Field,
    value: Scalar<'a>,
) {
    let (error, ranks) = target;
    let slot = field.slot();
    // With alternatives (`"/a" or "/b"`), the earlier declared source wins.
    if rank >= ranks[slot] {
        return;
    }
    ranks[slot] = rank;
    match field {
        Field::Code => {
            error.code_is_number = matches!(value, Scalar::Number(_));
            error.code = Some(value.into_text());
        }
        Field::Retryable => match value {
            Scalar::Bool(flag) => error.server_retryable = Some(flag),
            Scalar::Text(text) if text.eq_ignore_ascii_case("true") => {
                error.server_retryable = Some(true)
            }
            Scalar::Text(text) if text.eq_ignore_ascii_case("false") => {
                error.server_retryable = Some(false)
            }
            other => error.server_retryable_text = Some(other.into_text()),
        },
        Field::SubCode => error.sub_code = Some(value.into_text()),
        Field::Message => error.message = Some(value.into_text()),
        Field::Title => error.title = Some(value.into_text()),
        Field::Detail => error.detail = Some(value.into_text()),
        Field::Remediation => error.remediation = Some(value.into_text()),
        Field::SourcePointer => error.source.pointer = Some(value.into_text()),
        Field::SourceParameter => error.source.parameter = Some(value.into_text()),
        Field::RetryAfter | Field::RequestId => {}
    }
}

/// The body walker: at `depth`, the sources in `mask` all agree on the path so far.
struct Walk<'p, 's, 'a> {
    plan: &'p Plan,
    depth: usize,
    mask: u64,
    sinks: &'s mut [ShapeSink<'a>],
}

impl<'a> Walk<'_, '_, 'a> {
    /// Sources whose pointer ends here.
    fn ending_here(&self) -> u64 {
        bits(self.mask)
            .filter(|&rank| self.plan.path(rank).len() == self.depth)
            .fold(0, |mask, rank| mask | (1 << rank))
    }

    /// Sources whose next segment is `segment`.
    fn continuing_with(&self, segment: &str) -> u64 {
        bits(self.mask)
            .filter(|&rank| self.plan.path(rank).get(self.depth) == Some(&segment))
            .fold(0, |mask, rank| mask | (1 << rank))
    }

    /// The shapes that own the sources of `mask`, as a bit set.
    fn shapes_of(&self, mask: u64) -> u32 {
        bits(mask).fold(0, |shapes, rank| {
            shapes | (1 << self.plan.source(rank).shape)
        })
    }

    fn begin_errors(&mut self, shapes: u32) {
        for s in bits(u64::from(shapes)) {
            if let Some(sink) = self.sinks.get_mut(s as usize) {
                sink.errors.push((ErrorDetail::default(), [UNSET; 9]));
            }
        }
    }

    fn drop_errors(&mut self, shapes: u32) {
        for s in bits(u64::from(shapes)) {
            if let Some(sink) = self.sinks.get_mut(s as usize) {
                sink.errors.pop();
            }
        }
    }

    fn scalar(self, ending: u64, value: Scalar<'a>) {
        for rank in bits(ending) {
            let source = self.plan.source(rank);
            if let Some(sink) = self.sinks.get_mut(source.shape) {
                sink.set(source.local, source.field, value.duplicate(), false);
            }
        }
    }

    fn child(&mut self, mask: u64) -> Walk<'_, '_, 'a> {
        Walk {
            plan: self.plan,
            depth: self.depth + 1,
            mask,
            sinks: self.sinks,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let ending = self.ending_here();
        if ending != 0 && ending == self.mask {
            // Only pointers that end here: take the value as written, borrowed when possible.
            let raw = <&'de RawValue>::deserialize(deserializer)?;
            if let Some(value) = Scalar::from_raw(raw.get()) {
                self.scalar(ending, value);
            }
            Ok(())
        } else {
            deserializer.deserialize_any(self)
        }
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        let ending = self.ending_here();
        self.scalar(ending, Scalar::Bool(value));
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        let ending = self.ending_here();
        self.scalar(ending, Scalar::Number(Cow::Owned(value.to_string())));
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        let ending = self.ending_here();
        self.scalar(ending, Scalar::Number(Cow::Owned(value.to_string())));
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        let ending = self.ending_here();
        self.scalar(ending, Scalar::Number(Cow::Owned(value.to_string())));
        Ok(())
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<(), E> {
        let ending = self.ending_here();
        self.scalar(ending, Scalar::Text(Cow::Borrowed(value)));
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        let ending = self.ending_here();
        self.scalar(ending, Scalar::Text(Cow::Owned(value.to_owned())));
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let each = self.continuing_with(EACH);
        if each == 0 {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let shapes = self.shapes_of(each);
        loop {
            self.begin_errors(shapes);
            if seq.next_element_seed(self.child(each))?.is_none() {
                // The errors opened for an element that was not there are dropped again.
                self.drop_errors(shapes);
                return Ok(());
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let each = self.continuing_with(EACH);
        if each != 0 {
            // A lone object where a list of errors is declared: a list of one.
            let shapes = self.shapes_of(each);
            self.begin_errors(shapes);
            return self.child(each).visit_map(map);
        }
        while let Some(next) = map.next_key_seed(KeyMask { walk: &self })? {
            if next == 0 {
                map.next_value::<IgnoredAny>()?;
            } else {
                map.next_value_seed(self.child(next))?;
            }
        }
        Ok(())
    }
}

/// Reads a key without allocating and answers which sources continue under it.
struct KeyMask<'k, 'p, 's, 'a> {
    walk: &'k Walk<'p, 's, 'a>,
}

impl<'de> DeserializeSeed<'de> for KeyMask<'_, '_, '_, '_> {
    type Value = u64;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyMask<'_, '_, '_, '_> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<u64, E> {
        Ok(self.walk.continuing_with(key))
    }
}

impl ErrorSource<'_> {
    /// Whether neither part is set.
    pub fn is_empty(&self) -> bool {
        self.pointer.is_none() && self.parameter.is_none()
    }
}
