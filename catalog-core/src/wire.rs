//! Wire formats: where a provider puts its code, message and the rest, and the one parser that
//! reads them.
//!
//! A catalog declares each field as a JSON pointer (or a header). A `*` segment stands for every
//! element of a list of errors; a lone object where the list should be counts as a one-element
//! list (MDES sends both). The parser walks the body once with serde, descends only along
//! declared pointers and skips everything else with [`serde::de::IgnoredAny`], so it allocates
//! only the values it keeps, and its stack depth is bounded by the longest declared pointer.

use std::borrow::Cow;
use std::fmt;

use http::HeaderMap;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The list marker in a pointer: each element of the array at this position.
pub const EACH: &str = "*";

/// A provider's wire format: one or more body shapes, tried in order.
#[derive(Clone, Copy, Debug)]
pub struct Wire {
    /// The shapes; the first one whose code pointer finds a code wins.
    pub shapes: &'static [Shape],
}

/// One JSON body shape and the headers read with it.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// A name for diagnostics (`json`, or the name the catalog gives).
    pub name: &'static str,
    /// Where each field is read from; for a field declared with alternatives, earlier sources
    /// win over later ones.
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
}

/// Where an error of the body points at in the request (JSON:API style `source`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ErrorSource {
    /// The request object or attribute.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pointer: Option<String>,
    /// The URI, header or body parameter.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parameter: Option<String>,
}

/// One error of a response body, with every declared field that was present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawError {
    /// The code as sent, as text.
    pub code: Option<String>,
    /// Whether the code came as a JSON number.
    pub code_is_number: bool,
    /// The sub-code as sent.
    pub sub_code: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The detail.
    pub detail: Option<String>,
    /// The remediation hint.
    pub remediation: Option<String>,
    /// `source.pointer` / `source.parameter`.
    pub source: ErrorSource,
    /// The server's retry flag.
    pub retryable: Option<bool>,
    /// The server's retry flag as sent, when it was neither a bool nor `"true"`/`"false"`.
    pub retryable_unreadable: Option<String>,
    ranks: [u8; RANKED_SLOTS],
}

/// What one pass over a body found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Captured {
    /// Which shape of the wire format matched (index into [`Wire::shapes`]).
    pub shape: usize,
    /// Every error of the body, in order; empty when the body holds none that could be read.
    pub errors: Vec<RawError>,
    /// The request id from the declared header or body field.
    pub request_id: Option<String>,
    /// The raw retry hint, to be read by [`crate::delay`].
    pub retry_after: Option<String>,
    /// Why the body could not be read as the wire format, if it could not.
    pub body_error: Option<String>,
    response_ranks: [u8; 2],
}

const RANKED_SLOTS: usize = 9;
const UNSET: u8 = u8::MAX;

/// Reads a response with a wire format: the first shape whose code pointer finds a code wins;
/// when none does, the first shape's findings are kept (request id, retry hint, messages).
pub fn capture(wire: &Wire, headers: &HeaderMap, body: &[u8]) -> Captured {
    let mut first: Option<Captured> = None;
    for (index, shape) in wire.shapes.iter().enumerate() {
        let mut captured = capture_shape(shape, headers, body);
        captured.shape = index;
        let found_code = captured
            .errors
            .first()
            .is_some_and(|error| error.code.is_some());
        if found_code {
            return captured;
        }
        // A body that is not JSON fails every shape in the same way: stop at the first.
        let unreadable = captured.body_error.is_some();
        if first.is_none() {
            first = Some(captured);
        }
        if unreadable {
            break;
        }
    }
    first.unwrap_or_default()
}

fn capture_shape(shape: &Shape, headers: &HeaderMap, body: &[u8]) -> Captured {
    let mut sink = Sink::new(shape);
    read_headers(shape, headers, &mut sink);
    let body_error = if body.iter().all(u8::is_ascii_whitespace) {
        Some("the body is empty".to_owned())
    } else {
        read_body(shape, body, &mut sink).err()
    };
    sink.finish(body_error)
}

fn read_headers(shape: &Shape, headers: &HeaderMap, sink: &mut Sink) {
    for (rank, field_source) in shape.fields.iter().enumerate() {
        if let Source::Header(name) = field_source.source {
            // Header values may hold any bytes; keep them, lossily, rather than drop them.
            if let Some(value) = headers.get(name) {
                let text = String::from_utf8_lossy(value.as_bytes()).trim().to_owned();
                sink.set(rank, field_source.field, Scalar::Text(Cow::Owned(text)));
            }
        }
    }
}

fn read_body(shape: &Shape, body: &[u8], sink: &mut Sink) -> Result<(), String> {
    let body_mask = shape
        .fields
        .iter()
        .enumerate()
        .filter(|(_, source)| matches!(source.source, Source::Body(_)))
        .fold(0u64, |mask, (rank, _)| mask | (1 << rank));
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let walk = Walk {
        shape,
        depth: 0,
        mask: body_mask,
        sink,
    };
    walk.deserialize(&mut deserializer)
        .and_then(|()| deserializer.end())
        .map_err(|error| format!("the body is not valid JSON: {error}"))
}

/// A scalar found at the end of a pointer.
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(String),
    Bool(bool),
}

impl Scalar<'_> {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(text) => text.into_owned(),
            Scalar::Number(text) => text,
            Scalar::Bool(flag) => flag.to_string(),
        }
    }
}

struct Sink {
    in_list: bool,
    flat: RawError,
    errors: Vec<RawError>,
    request_id: Option<String>,
    retry_after: Option<String>,
    response_ranks: [u8; 2],
}

impl Sink {
    fn new(shape: &Shape) -> Self {
        Sink {
            in_list: shape.list().is_some(),
            flat: RawError::unset(),
            errors: Vec::new(),
            request_id: None,
            retry_after: None,
            response_ranks: [UNSET; 2],
        }
    }

    fn begin_error(&mut self) {
        self.errors.push(RawError::unset());
    }

    fn set(&mut self, rank: usize, field: Field, value: Scalar<'_>) {
        let rank = u8::try_from(rank).unwrap_or(UNSET - 1);
        if field.is_response_level() {
            let (slot, value_slot) = match field {
                Field::RequestId => (0, &mut self.request_id),
                _ => (1, &mut self.retry_after),
            };
            if rank < self.response_ranks[slot] {
                self.response_ranks[slot] = rank;
                *value_slot = Some(value.into_text());
            }
            return;
        }
        let target = if self.in_list {
            match self.errors.last_mut() {
                Some(error) => error,
                None => return,
            }
        } else {
            &mut self.flat
        };
        target.set(rank, field, value);
    }

    fn finish(self, body_error: Option<String>) -> Captured {
        if body_error.is_some() {
            // A partial walk of a broken body could mislead: keep only what headers said.
            return Captured {
                shape: 0,
                errors: Vec::new(),
                request_id: self.request_id,
                retry_after: self.retry_after,
                body_error,
                response_ranks: self.response_ranks,
            };
        }
        let errors = if self.in_list {
            self.errors
        } else if self.flat.is_empty() {
            Vec::new()
        } else {
            vec![self.flat]
        };
        Captured {
            shape: 0,
            errors,
            request_id: self.request_id,
            retry_after: self.retry_after,
            body_error: None,
            response_ranks: self.response_ranks,
        }
    }
}

impl RawError {
    fn unset() -> Self {
        RawError {
            ranks: [UNSET; RANKED_SLOTS],
            ..RawError::default()
        }
    }

    fn is_empty(&self) -> bool {
        self.ranks.iter().all(|&rank| rank == UNSET)
    }

    fn set(&mut self, rank: u8, field: Field, value: Scalar<'_>) {
        let slot = match field {
            Field::Code => 0,
            Field::SubCode => 1,
            Field::Message => 2,
            Field::Title => 3,
            Field::Detail => 4,
            Field::Remediation => 5,
            Field::SourcePointer => 6,
            Field::SourceParameter => 7,
            Field::Retryable => 8,
            Field::RetryAfter | Field::RequestId => return,
        };
        // With alternatives (`"/a" or "/b"`), the earlier declared source wins whatever the
        // order of keys in the body.
        if rank >= self.ranks[slot] {
            return;
        }
        self.ranks[slot] = rank;
        match field {
            Field::Code => {
                self.code_is_number = matches!(value, Scalar::Number(_));
                self.code = Some(value.into_text());
            }
            Field::Retryable => match value {
                Scalar::Bool(flag) => self.retryable = Some(flag),
                Scalar::Text(text) if text.eq_ignore_ascii_case("true") => {
                    self.retryable = Some(true);
                }
                Scalar::Text(text) if text.eq_ignore_ascii_case("false") => {
                    self.retryable = Some(false);
                }
                other => self.retryable_unreadable = Some(other.into_text()),
            },
            _ => {
                let text = Some(value.into_text());
                match field {
                    Field::SubCode => self.sub_code = text,
                    Field::Message => self.message = text,
                    Field::Title => self.title = text,
                    Field::Detail => self.detail = text,
                    Field::Remediation => self.remediation = text,
                    Field::SourcePointer => self.source.pointer = text,
                    _ => self.source.parameter = text,
                }
            }
        }
    }
}

/// The body walker: at `depth`, the fields in `mask` all agree on the path so far.
struct Walk<'w, 's> {
    shape: &'s Shape,
    depth: usize,
    mask: u64,
    sink: &'w mut Sink,
}

impl<'s> Walk<'_, 's> {
    fn path(&self, rank: usize) -> &'static [&'static str] {
        match self.shape.fields[rank].source {
            Source::Body(path) => path,
            Source::Header(_) => &[],
        }
    }

    fn ranks(&self) -> impl Iterator<Item = usize> + use<> {
        let mask = self.mask;
        (0..64).filter(move |rank| mask & (1 << rank) != 0)
    }

    /// Fields whose pointer ends here.
    fn ending_here(&self) -> u64 {
        self.ranks()
            .filter(|&rank| self.path(rank).len() == self.depth)
            .fold(0, |mask, rank| mask | (1 << rank))
    }

    /// Fields whose next segment is `segment`.
    fn continuing_with(&self, segment: &str) -> u64 {
        self.ranks()
            .filter(|&rank| self.path(rank).get(self.depth) == Some(&segment))
            .fold(0, |mask, rank| mask | (1 << rank))
    }

    fn scalar(self, value: Scalar<'_>) {
        let ending = self.ending_here();
        for rank in (0..64).filter(|rank| ending & (1 << rank) != 0) {
            let field = self.shape.fields[rank].field;
            let value = match &value {
                Scalar::Text(text) => Scalar::Text(Cow::Owned(text.to_string())),
                Scalar::Number(text) => Scalar::Number(text.clone()),
                Scalar::Bool(flag) => Scalar::Bool(*flag),
            };
            self.sink.set(rank, field, value);
        }
    }

    fn child<'c>(&'c mut self, mask: u64) -> Walk<'c, 's> {
        Walk {
            shape: self.shape,
            depth: self.depth + 1,
            mask,
            sink: self.sink,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.scalar(Scalar::Bool(value));
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        self.scalar(Scalar::Number(value.to_string()));
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        self.scalar(Scalar::Number(value.to_string()));
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        self.scalar(Scalar::Number(value.to_string()));
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        self.scalar(Scalar::Text(Cow::Borrowed(value)));
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
        loop {
            self.sink.begin_error();
            if seq.next_element_seed(self.child(each))?.is_none() {
                // The error opened for the element that was not there is dropped again.
                self.sink.errors.pop();
                return Ok(());
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let each = self.continuing_with(EACH);
        if each != 0 {
            // A lone object where a list of errors is declared: a list of one.
            self.sink.begin_error();
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

/// Reads a key without allocating and answers which fields continue under it.
struct KeyMask<'k, 'w, 's> {
    walk: &'k Walk<'w, 's>,
}

impl<'de> DeserializeSeed<'de> for KeyMask<'_, '_, '_> {
    type Value = u64;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyMask<'_, '_, '_> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<u64, E> {
        Ok(self.walk.continuing_with(key))
    }
}
