//! Wire formats: where a provider puts its code, message and the rest, and how a response is
//! read against them.
//!
//! A catalog declares each field as a JSON pointer (or a header). A `*` segment stands for every
//! element of a list of errors; a lone object where the list should be counts as a one-element
//! list (MDES sends both). The pointers of all shapes are merged into one tree, the plan, built
//! once per catalog, and the body is read in one pass for every shape:
//!
//! - a scanner made for error bodies (`scan`) descends only along the plan, validates what it
//!   skips, and borrows every value it takes that has no escapes: the common case allocates
//!   nothing;
//! - what the scanner cannot decide exactly as serde_json would (invalid JSON, escaped keys,
//!   nesting past 128 levels) goes to a serde walk of the same plan (`walk`), which says why
//!   a body is not JSON, with line and column.
//!
//! A property test (`wire::tests`) holds the two to the same results on generated bodies.

mod field_errors;
mod plan;
mod scan;
mod sink;
mod walk;

#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod samples;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use http::{HeaderMap, HeaderValue};
use serde::de::IgnoredAny;
use smallvec::SmallVec;

pub(crate) use self::field_errors::finish_extras;
pub(crate) use self::plan::{Plan, ROOT};
use self::sink::{Scalar, ShapeExtras, ShapeSink, Sinks, offer_retry_flag, take_extras};
pub(crate) use self::walk::Observer;
use crate::detail::{BodyError, ErrorDetail, Extras};

pub(crate) use crate::model::{Source, Wire};
pub(crate) use catalog_vocab::Field;
pub(crate) use catalog_vocab::limits::{EACH, MAX_FIELD_SOURCES, MAX_SHAPES};

/// The most errors of one response kept by default ([`ReadLimits::max_errors`]).
pub const MAX_ERRORS: usize = 256;

/// How much work reading one response may take, so a hostile or broken body (megabytes, a
/// list of a million errors, a message of a megabyte) costs bounded time and memory. Over a
/// limit, nothing is lost silently: the body is classified by its status with a
/// [`crate::BodyErrorKind::TooLarge`] reason, errors past the cap are counted
/// ([`crate::Classification::errors_omitted`]), and a hint too long to read for a delay is
/// still kept as sent ([`crate::Classification::retry_hint`]).
///
/// Nesting costs no stack, and is not configurable: the fast path skips at most 128 levels
/// and hands a deeper body to the reference parser, which descends only along the catalog's
/// pointers (as deep as they go) and skips everything else with serde_json's skipping, which
/// does not recurse. A body 100,000 levels deep is read like any other (a test holds it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ReadLimits {
    /// The largest body that is read (1 MiB by default); a larger one is classified by its
    /// status alone.
    pub max_body_bytes: usize,
    /// The most errors of a list that are kept (256 by default, at least one): each costs a
    /// record of about 200 bytes, so a body of a million elements would otherwise cost a fifth
    /// of a gigabyte.
    pub max_errors: usize,
    /// The longest retry hint read for a delay (1 KiB by default): free text is searched word
    /// by word, and no real hint is longer.
    pub max_hint_bytes: usize,
    /// The most field errors of one error that are kept (64 by default); the rest are counted
    /// ([`crate::Classification::field_errors_omitted_of`]).
    pub max_field_errors: usize,
    /// The longest field name or message of a field error that is kept whole (1 KiB by
    /// default); a longer one is cut at a character boundary.
    pub max_field_error_bytes: usize,
}

impl ReadLimits {
    /// The limits `Classification::new` and `Catalog::classify` read with.
    pub const DEFAULT: ReadLimits = ReadLimits {
        max_body_bytes: 1 << 20,
        max_errors: MAX_ERRORS,
        max_hint_bytes: 1 << 10,
        max_field_errors: 64,
        max_field_error_bytes: 1 << 10,
    };

    /// These limits with another body size.
    pub const fn max_body_bytes(self, bytes: usize) -> Self {
        ReadLimits {
            max_body_bytes: bytes,
            ..self
        }
    }

    /// These limits with another cap on errors kept.
    pub const fn max_errors(self, errors: usize) -> Self {
        ReadLimits {
            max_errors: errors,
            ..self
        }
    }

    /// These limits with another hint length.
    pub const fn max_hint_bytes(self, bytes: usize) -> Self {
        ReadLimits {
            max_hint_bytes: bytes,
            ..self
        }
    }

    /// These limits with another cap on field errors kept.
    pub const fn max_field_errors(self, errors: usize) -> Self {
        ReadLimits {
            max_field_errors: errors,
            ..self
        }
    }

    /// These limits with another length of field names and messages.
    pub const fn max_field_error_bytes(self, bytes: usize) -> Self {
        ReadLimits {
            max_field_error_bytes: bytes,
            ..self
        }
    }
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What one pass over a response found besides its errors, for the shape that matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Found<'a> {
    /// Which shape of the wire format matched (index into [`Wire::shapes`]).
    pub(crate) shape: usize,
    /// The request id from the declared header or body field.
    pub(crate) request_id: Option<Cow<'a, str>>,
    /// The raw retry hint, to be read by [`crate::delay`].
    pub(crate) retry_after: Option<Cow<'a, str>>,
    /// Whether the retry hint came from a header.
    pub(crate) retry_after_from_header: bool,
    /// Why the body could not be read as the wire format, if it could not.
    pub(crate) body_error: Option<BodyError>,
    /// The standard `Retry-After` header, declared or not.
    pub(crate) retry_after_header: Option<&'a HeaderValue>,
    /// How many errors of a list were counted but not kept, past [`MAX_ERRORS`].
    pub(crate) errors_omitted: usize,
}

/// The errors of a body, in order (an element of a list that is no object is an error with
/// no fields); empty when the body holds none that could be read.
pub(crate) type Errors<'a> = SmallVec<[ErrorDetail<'a>; 1]>;

/// Reads a response with a wire format into `errors` (written in place: an error record is
/// large, and moving it costs more than filling it): the first shape whose code pointer finds
/// a code wins; when none does, the first shape's findings are kept (request id, retry hint,
/// messages). What the winning shape finds beyond the vocabulary's fields (a retry header,
/// the catalog's own fields, field errors) goes to `extras`, left as it is when there is
/// none. The plan is built once per catalog (see [`crate::index::CodeIndex`]).
pub(crate) fn capture_with<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    body: &'a [u8],
    errors: &mut Errors<'a>,
    extras: &mut Option<Box<Extras<'a>>>,
    limits: &ReadLimits,
) -> Found<'a> {
    let unreadable = refused(body, limits);
    let max_errors = limits.max_errors;
    if plan.wire.shapes.is_empty() {
        errors.clear();
        return Found {
            body_error: unreadable,
            retry_after_header: read_headers(plan, headers, &mut []),
            ..Found::default()
        };
    }
    // Most wire formats have one shape; and an empty body or an HTML page keeps the first
    // shape's findings (its headers can still say something), so only that shape is read.
    // What the shapes find beyond the vocabulary's fields: `None`, never made, for a catalog
    // that declares none of it.
    let mut all: ShapeExtras<'a> = None;
    if plan.wire.shapes.len() == 1 || unreadable.is_some() {
        let mut sink = ShapeSink::new(plan.has_list(0), errors, max_errors);
        let sinks = std::slice::from_mut(&mut sink);
        let retry_after = read_headers(plan, headers, sinks);
        if plan.has_flag_headers() {
            read_flag_headers(plan, headers, 1, &mut all);
        }
        let body_error = match unreadable {
            Some(error) => Some(error),
            None => read_body(plan, headers, body, sinks, &mut all).err(),
        };
        if all.is_some() {
            *extras = take_extras(&mut all, 0);
        }
        return sink.finish(0, body_error, retry_after);
    }
    // Each further shape writes its errors apart; the winner's are swapped into place. A
    // fixed array of empty slots for the most shapes costs a byte each to make and to drop.
    let mut others: [Option<Errors<'a>>; MAX_SHAPES - 1] = Default::default();
    let mut sinks: SmallVec<[ShapeSink<'_, 'a>; MAX_SHAPES]> = SmallVec::new();
    let further = others.iter_mut().map(|slot| slot.insert(Errors::new()));
    let outputs = std::iter::once(&mut *errors).chain(further);
    for (shape, out) in outputs.take(plan.wire.shapes.len()).enumerate() {
        sinks.push(ShapeSink::new(plan.has_list(shape), out, max_errors));
    }
    let retry_after = read_headers(plan, headers, &mut sinks);
    if plan.has_flag_headers() {
        read_flag_headers(plan, headers, sinks.len(), &mut all);
    }
    let body_error = read_body(plan, headers, body, &mut sinks, &mut all).err();
    let (shape, found) = settle(sinks, body_error, retry_after);
    if let Some(Some(winner)) = shape.checked_sub(1).and_then(|i| others.get_mut(i)) {
        std::mem::swap(errors, winner);
    }
    if all.is_some() {
        *extras = take_extras(&mut all, shape);
    }
    found
}

/// The shape that matched (see [`winner`]) and its findings.
fn settle<'a>(
    mut sinks: SmallVec<[ShapeSink<'_, 'a>; MAX_SHAPES]>,
    body_error: Option<BodyError>,
    retry_after_header: Option<&'a HeaderValue>,
) -> (usize, Found<'a>) {
    let shape = winner(&sinks, body_error.as_ref());
    if shape < sinks.len() {
        let found = sinks
            .swap_remove(shape)
            .finish(shape, body_error, retry_after_header);
        (shape, found)
    } else {
        (
            0,
            Found {
                body_error,
                retry_after_header,
                ..Found::default()
            },
        )
    }
}

/// The shape whose findings stand: the first whose code pointer found a code, or the first
/// shape when none did or the body is broken.
fn winner(sinks: &[ShapeSink<'_, '_>], body_error: Option<&BodyError>) -> usize {
    match body_error {
        Some(_) => 0,
        None => sinks.iter().position(ShapeSink::found_code).unwrap_or(0),
    }
}

/// Which body parser to run, for the tests and the fuzz target that hold the two to the same
/// results.
#[cfg(any(test, feature = "fuzzing"))]
#[derive(Clone, Copy, Debug)]
pub(crate) enum Parser {
    Scan,
    Walk,
}

/// Reads a body with one parser only: the shape that matched, and what every shape found;
/// `None` when the fast path hands the body over.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn capture_by<'a>(
    plan: &Plan,
    text: &'a str,
    parser: Parser,
) -> Option<(usize, Vec<ShapeFindings<'a>>)> {
    let mut outputs: Vec<Errors<'a>> = plan.wire.shapes.iter().map(|_| Errors::new()).collect();
    let mut sinks: SmallVec<[ShapeSink<'_, 'a>; MAX_SHAPES]> = outputs
        .iter_mut()
        .enumerate()
        .map(|(shape, out)| ShapeSink::new(plan.has_list(shape), out, MAX_ERRORS))
        .collect();
    let mut extras: ShapeExtras<'a> = None;
    let mut feed = Sinks {
        plan,
        sinks: &mut sinks,
        extras: &mut extras,
    };
    let body_error = match parser {
        Parser::Scan => {
            scan::scan(text, &mut feed).ok()?;
            None
        }
        Parser::Walk => walk::walk(text, &mut feed).err().map(|error| {
            for sink in feed.sinks.iter_mut() {
                sink.reset();
            }
            *feed.extras = None;
            BodyError::not_json(error)
        }),
    };
    let winner = winner(&sinks, body_error.as_ref());
    let found: Vec<Found<'a>> = sinks
        .into_iter()
        .enumerate()
        .map(|(shape, sink)| {
            let error = if shape == winner {
                body_error.clone()
            } else {
                None
            };
            sink.finish(shape, error, None)
        })
        .collect();
    let findings = outputs
        .into_iter()
        .zip(found)
        .enumerate()
        .map(|(shape, (errors, found))| (errors, found, take_extras(&mut extras, shape)))
        .collect();
    Some((winner, findings))
}

/// What one shape found: its errors, the response-level findings, and what it found beyond
/// the vocabulary's fields.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) type ShapeFindings<'a> = (Errors<'a>, Found<'a>, Option<Box<Extras<'a>>>);

/// Holds the fast path to the reference parser on one body: `Ok(true)` when the scanner
/// decided it and serde_json accepts it with the same findings for every shape, `Ok(false)`
/// when the scanner handed it over, and what differs when they disagree.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn compare_parsers(plan: &Plan, text: &str) -> Result<bool, String> {
    let Some(fast) = capture_by(plan, text, Parser::Scan) else {
        return Ok(false);
    };
    let Some(reference) = capture_by(plan, text, Parser::Walk) else {
        return Err(format!("the reference parser gave no answer: {text:?}"));
    };
    if let Some(refused) = reference
        .1
        .iter()
        .find_map(|(_, found, _)| found.body_error.as_ref())
    {
        return Err(format!(
            "the scanner accepted a body serde_json refuses ({refused:?}): {text:?}"
        ));
    }
    if fast != reference {
        return Err(format!(
            "the parsers found different things in {text:?}\n scanner: {fast:?}\nserde_json: {reference:?}"
        ));
    }
    Ok(true)
}

/// Why a body is not read at all: larger than `limits` allow, or no JSON from its first byte.
#[inline]
fn refused(body: &[u8], limits: &ReadLimits) -> Option<BodyError> {
    if body.len() > limits.max_body_bytes {
        Some(BodyError::too_large(body.len(), limits.max_body_bytes))
    } else {
        unreadable(body)
    }
}

/// Why a body cannot be JSON at all, found without walking it: empty, or a first byte that
/// starts no JSON value (`<` of an HTML page). The parser's own error says where and why.
// Inlined into classification, as it was when classification was its one caller: with the
// probe's call beside it, the compiler no longer did, and each body cost a call more.
#[inline(always)]
fn unreadable(body: &[u8]) -> Option<BodyError> {
    // Most bodies are an object from their first byte.
    if body.first() == Some(&b'{') {
        return None;
    }
    let Some(first) = body.iter().find(|byte| !byte.is_ascii_whitespace()) else {
        return Some(BodyError::EMPTY);
    };
    if matches!(
        first,
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' | 0xEF
    ) {
        return None;
    }
    Some(match std::str::from_utf8(body) {
        Err(error) => BodyError::not_utf8(error),
        Ok(text) => match serde_json::from_str::<IgnoredAny>(text) {
            Err(error) => BodyError::not_json(error),
            Ok(_) => return None,
        },
    })
}

/// A header value as text, trimmed. Header values may hold any bytes: they are kept, lossily,
/// rather than dropped.
pub(crate) fn header_text(value: &http::HeaderValue) -> Cow<'_, str> {
    // Checked as UTF-8 first: the lossy conversion walks the bytes in chunks even when there
    // is nothing to replace, at several times the cost.
    let bytes = value.as_bytes().trim_ascii();
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// Reads the declared headers into the sinks, and returns the standard `Retry-After` header,
/// which any retryable error may follow. One pass over the response's headers, comparing
/// names, costs less than hashing each name for a lookup: responses carry few headers, and
/// catalogs declare one or two. The first value of a repeated header wins, as with
/// `HeaderMap::get`.
fn read_headers<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    sinks: &mut [ShapeSink<'_, 'a>],
) -> Option<&'a HeaderValue> {
    let mut retry_after = None;
    for (name, value) in headers {
        if name == http::header::RETRY_AFTER {
            retry_after.get_or_insert(value);
        }
        for (declared, sources) in plan.headers() {
            if name != declared {
                continue;
            }
            for source in sources {
                if let Some(sink) = sinks.get_mut(source.shape) {
                    sink.set(
                        source.rank,
                        source.field,
                        Scalar::text(header_text(value)),
                        true,
                    );
                }
            }
        }
    }
    retry_after
}

/// Reads the headers that carry the server's retry flag, for the first `shapes` shapes: a
/// second pass, made only for catalogs that declare one.
#[inline(never)]
fn read_flag_headers<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    shapes: usize,
    extras: &mut ShapeExtras<'a>,
) {
    for (declared, sources) in plan.flag_headers() {
        // The first value of a repeated header wins, as with `HeaderMap::get`.
        let Some(value) = headers.get(declared) else {
            continue;
        };
        for source in sources.iter().filter(|source| source.shape < shapes) {
            offer_retry_flag(extras, source.shape, source.rank, header_text(value));
        }
    }
}

fn read_body<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    body: &'a [u8],
    sinks: &mut [ShapeSink<'_, 'a>],
    extras: &mut ShapeExtras<'a>,
) -> Result<(), BodyError> {
    let text = body_text(body)?;
    let mut sinks = Sinks {
        plan,
        sinks,
        extras,
    };
    if scan::scan(text, &mut sinks).is_ok() {
        return Ok(());
    }
    // The fast path handed the body over: the reference parser starts again from what the
    // headers said.
    restart(plan, headers, sinks.sinks, sinks.extras);
    walk::walk(text, &mut sinks).map_err(|error| {
        // A broken body says nothing; the headers still do.
        restart(plan, headers, sinks.sinks, sinks.extras);
        BodyError::not_json(error)
    })
}

/// The body as the parsers read it: UTF-8, without a byte-order mark.
fn body_text(body: &[u8]) -> Result<&str, BodyError> {
    // JSON is UTF-8 (RFC 8259 §8.1). Checking the body once, with simdutf8's vector check,
    // lets the parsers skip checking each string they meet.
    let text = match simdutf8::basic::from_utf8(body) {
        Ok(text) => text,
        // The standard library's check says where the body stops being UTF-8.
        Err(_) => std::str::from_utf8(body).map_err(BodyError::not_utf8)?,
    };
    // Some servers put a byte-order mark before the JSON; it is no part of it.
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Walks a body along the plan with the reference parser for `observer` alone, within the
/// default limits: what classification would read of it, without keeping anything. Why the
/// body cannot be read, when it cannot; the observer has then seen part of it at most.
pub(crate) fn observe(plan: &Plan, body: &[u8], observer: impl Observer) -> Result<(), BodyError> {
    if let Some(error) = refused(body, &ReadLimits::DEFAULT) {
        return Err(error);
    }
    let text = body_text(body)?;
    // No shape to deliver to: the observer is all that sees the walk.
    let mut extras = None;
    let mut sinks = Sinks {
        plan,
        sinks: &mut [],
        extras: &mut extras,
    };
    walk::walk_observed(text, &mut sinks, observer).map_err(BodyError::not_json)
}

/// Forgets what the sinks found, and reads the headers again.
fn restart<'a>(
    plan: &Plan,
    headers: &'a HeaderMap,
    sinks: &mut [ShapeSink<'_, 'a>],
    extras: &mut ShapeExtras<'a>,
) {
    for sink in sinks.iter_mut() {
        sink.reset();
    }
    read_headers(plan, headers, sinks);
    *extras = None;
    if plan.has_flag_headers() {
        read_flag_headers(plan, headers, sinks.len(), extras);
    }
}
