//! What the parsers write into: one sink per shape, and the scalars found at pointers' ends.
//! Both parsers deliver through [`Sinks`], so they fill the same record the same way.

use std::borrow::Cow;

use http::HeaderValue;

use super::plan::{Node, Plan, Special};
use super::{BodyError, Errors, Field, Found};
use crate::detail::{ErrorDetail, Extras, RawFieldErrors};

const UNSET: u8 = u8::MAX;

/// For each error-level field, the rank of the source that set it (earlier sources win).
type ErrorRanks = [u8; 10];

/// The slot of an error-level field in [`ErrorRanks`].
const fn slot(field: Field) -> usize {
    match field {
        Field::Code => 0,
        Field::SubCode => 1,
        Field::Message => 2,
        Field::Title => 3,
        Field::Detail => 4,
        Field::Remediation => 5,
        Field::SourcePointer => 6,
        Field::SourceParameter => 7,
        Field::Category => 9,
        Field::Retryable | Field::RetryAfter | Field::RequestId => 8,
    }
}

/// A scalar found at the end of a pointer: its text, and what JSON value it was.
#[derive(Clone)]
pub(crate) struct Scalar<'a> {
    /// As written for a number, decoded for a string, `true` or `false` for a bool. Every
    /// field keeps text, so building it once here spares the sinks a conversion per value.
    pub(crate) text: Cow<'a, str>,
    pub(crate) kind: ScalarKind,
}

/// The JSON type of a [`Scalar`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScalarKind {
    Text,
    Number,
    Bool,
}

impl<'a> Scalar<'a> {
    /// Text (of a string or a header).
    pub(crate) fn text(text: Cow<'a, str>) -> Self {
        Scalar {
            text,
            kind: ScalarKind::Text,
        }
    }

    /// A number, as written.
    pub(crate) fn number(digits: &'a str) -> Self {
        Scalar {
            text: Cow::Borrowed(digits),
            kind: ScalarKind::Number,
        }
    }

    /// A bool, as `true` or `false`.
    pub(crate) fn bool(flag: bool) -> Self {
        Scalar {
            text: Cow::Borrowed(if flag { "true" } else { "false" }),
            kind: ScalarKind::Bool,
        }
    }

    /// Reads a raw JSON value; `None` for `null`, objects and arrays.
    pub(crate) fn from_raw(raw: &'a str) -> Option<Self> {
        match raw.as_bytes().first()? {
            b'"' => Some(Self::string(raw, raw.contains('\\'))),
            b't' => Some(Scalar::bool(true)),
            b'f' => Some(Scalar::bool(false)),
            b'-' | b'0'..=b'9' => Some(Scalar::number(raw)),
            _ => None,
        }
    }

    /// A JSON string, quotes included; borrowed unless it has escapes to decode.
    pub(crate) fn string(quoted: &'a str, escaped: bool) -> Self {
        let inner = quoted
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap_or(quoted);
        if escaped {
            // An escape serde_json refuses (a lone surrogate, `\ud800`) keeps its text as
            // written rather than vanish.
            Scalar::text(unescape(inner).map_or(Cow::Borrowed(inner), Cow::Owned))
        } else {
            Scalar::text(Cow::Borrowed(inner))
        }
    }
}

/// The text a JSON string's contents (between the quotes) stand for, or `None` where
/// serde_json refuses an escape: an unknown one, too few hex digits, a lone surrogate. One
/// allocation of the contents' length, which the decoded text never exceeds: serde_json
/// decodes into a scratch buffer that grows, then copies it out, three allocator calls more
/// for every escaped value a classification keeps.
pub(crate) fn unescape(contents: &str) -> Option<String> {
    let mut text = String::with_capacity(contents.len());
    let mut rest = contents;
    while let Some(backslash) = rest.find('\\') {
        text.push_str(rest.get(..backslash)?);
        let escape = rest.get(backslash + 1..)?;
        let (decoded, len) = match escape.as_bytes().first()? {
            b'"' => ('"', 1),
            b'\\' => ('\\', 1),
            b'/' => ('/', 1),
            b'b' => ('\u{8}', 1),
            b'f' => ('\u{c}', 1),
            b'n' => ('\n', 1),
            b'r' => ('\r', 1),
            b't' => ('\t', 1),
            b'u' => {
                let unit = hex_unit(escape.get(1..5)?)?;
                match unit {
                    // A leading surrogate counts only with a trailing one escaped after it.
                    0xD800..=0xDBFF => {
                        let trailing = hex_unit(escape.get(5..11)?.strip_prefix("\\u")?)?;
                        if !(0xDC00..=0xDFFF).contains(&trailing) {
                            return None;
                        }
                        let scalar = 0x1_0000 + ((unit - 0xD800) << 10) + (trailing - 0xDC00);
                        (char::from_u32(scalar)?, 11)
                    }
                    _ => (char::from_u32(unit)?, 5),
                }
            }
            _ => return None,
        };
        text.push(decoded);
        rest = escape.get(len..)?;
    }
    text.push_str(rest);
    Some(text)
}

/// Four hex digits, as a UTF-16 code unit.
fn hex_unit(digits: &str) -> Option<u32> {
    if digits.len() == 4 && digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

/// A response-level field (request id, retry hint): the value of the best-ranked source so
/// far, and whether it came from a header.
type ResponseField<'a> = Option<(u8, Cow<'a, str>, bool)>;

fn offer<'a>(field: &mut ResponseField<'a>, rank: u8, value: Cow<'a, str>, from_header: bool) {
    if field.as_ref().is_none_or(|(earlier, _, _)| rank < *earlier) {
        *field = Some((rank, value, from_header));
    }
}

/// An error with nothing found yet: a constant, so that opening one copies it rather than
/// building it field by field first.
const EMPTY_ERROR: ErrorDetail<'static> = ErrorDetail::EMPTY;

/// What one shape has found so far.
pub(crate) struct ShapeSink<'o, 'a> {
    in_list: bool,
    /// The shape's errors, written where the caller keeps them. A flat shape has one, open
    /// from the start; a list opens one per element.
    errors: &'o mut Errors<'a>,
    /// Which source set each field of the last error, the only one fields are written to.
    ranks: ErrorRanks,
    /// The same for the error before it. The reference parser opens an error for each
    /// element before it knows there is one, and takes the last one back at once when the
    /// list has ended (`close_missing_element`): the error before it is the last again, with
    /// these ranks. Two records instead of one per error: a list allocates only the errors
    /// it keeps.
    earlier_ranks: ErrorRanks,
    request_id: ResponseField<'a>,
    retry_after: ResponseField<'a>,
    /// List elements opened past `max_errors`: counted, not kept. While it is not zero, the
    /// element being read is one of them, and its fields go nowhere.
    omitted: usize,
    /// The most errors kept ([`super::ReadLimits::max_errors`]).
    max_errors: usize,
}

impl<'o, 'a> ShapeSink<'o, 'a> {
    #[inline]
    pub(crate) fn new(in_list: bool, errors: &'o mut Errors<'a>, max_errors: usize) -> Self {
        errors.clear();
        ShapeSink {
            in_list,
            errors,
            ranks: [UNSET; 10],
            earlier_ranks: [UNSET; 10],
            request_id: None,
            retry_after: None,
            omitted: 0,
            // The first error decides the classification: it is always kept.
            max_errors: max_errors.max(1),
        }
    }

    /// Opens an error for an element of a list, or counts it past the cap.
    fn open_element(&mut self) {
        if self.errors.len() < self.max_errors {
            self.open_error();
        } else {
            self.omitted += 1;
        }
    }

    /// Takes back the error opened for an element that was not there.
    fn close_missing_element(&mut self) {
        if self.omitted > 0 {
            self.omitted -= 1;
        } else {
            self.errors.pop();
            self.ranks = self.earlier_ranks;
        }
    }

    fn open_error(&mut self) {
        self.errors.push(EMPTY_ERROR);
        self.earlier_ranks = self.ranks;
        self.ranks = [UNSET; 10];
    }

    pub(crate) fn found_code(&self) -> bool {
        self.errors
            .first()
            .is_some_and(|error| error.code.is_some())
    }

    /// Forgets everything found, to start again.
    pub(crate) fn reset(&mut self) {
        self.errors.clear();
        self.ranks = [UNSET; 10];
        self.earlier_ranks = [UNSET; 10];
        self.request_id = None;
        self.retry_after = None;
        self.omitted = 0;
    }

    /// The index of the error that fields are written to, for the catalog's own fields and
    /// the field errors: as [`ShapeSink::set`] finds it.
    fn current_error(&mut self) -> Option<usize> {
        if self.omitted > 0 {
            return None;
        }
        if self.errors.is_empty() {
            if self.in_list {
                return None;
            }
            self.open_error();
        }
        self.errors.len().checked_sub(1)
    }

    #[inline(always)]
    pub(crate) fn set(&mut self, rank: u8, field: Field, value: Scalar<'a>, from_header: bool) {
        match field {
            Field::RequestId => offer(&mut self.request_id, rank, value.text, from_header),
            Field::RetryAfter => offer(&mut self.retry_after, rank, value.text, from_header),
            _ => {
                if self.omitted > 0 {
                    return;
                }
                if self.errors.is_empty() {
                    // A flat shape's one error is opened by its first field, so a shape that
                    // finds nothing costs nothing; in a list, fields outside any element have
                    // nowhere to go.
                    if self.in_list {
                        return;
                    }
                    self.open_error();
                }
                if let Some(error) = self.errors.last_mut() {
                    set_error_field(error, &mut self.ranks, rank, field, value);
                }
            }
        }
    }

    /// The response-level findings.
    #[inline]
    pub(crate) fn finish(
        self,
        shape: usize,
        body_error: Option<BodyError>,
        retry_after_header: Option<&'a HeaderValue>,
    ) -> Found<'a> {
        let (retry_after, retry_after_from_header) = match self.retry_after {
            Some((_, hint, from_header)) => (Some(hint), from_header),
            None => (None, false),
        };
        Found {
            shape,
            request_id: self.request_id.map(|(_, id, _)| id),
            retry_after,
            retry_after_from_header,
            body_error,
            retry_after_header,
            errors_omitted: self.omitted,
        }
    }
}

#[inline(always)]
fn set_error_field<'a>(
    error: &mut ErrorDetail<'a>,
    ranks: &mut ErrorRanks,
    rank: u8,
    field: Field,
    value: Scalar<'a>,
) {
    let slot = slot(field);
    // With alternatives (`"/a" or "/b"`), the earlier declared source wins.
    if rank >= ranks[slot] {
        return;
    }
    ranks[slot] = rank;
    match field {
        Field::Code => {
            error.code_is_number = value.kind == ScalarKind::Number;
            error.code = Some(value.text);
        }
        Field::Retryable => match value.kind {
            // A bool, or `"true"` and `"false"` in any case.
            ScalarKind::Bool | ScalarKind::Text if value.text.eq_ignore_ascii_case("true") => {
                error.server_retryable = Some(true)
            }
            ScalarKind::Bool | ScalarKind::Text if value.text.eq_ignore_ascii_case("false") => {
                error.server_retryable = Some(false)
            }
            _ => error.server_retryable_text = Some(value.text),
        },
        Field::SubCode => error.sub_code = Some(value.text),
        Field::Message => error.message = Some(value.text),
        Field::Title => error.title = Some(value.text),
        Field::Detail => error.detail = Some(value.text),
        Field::Remediation => error.remediation = Some(value.text),
        Field::SourcePointer => error.source.pointer = Some(value.text),
        Field::SourceParameter => error.source.parameter = Some(value.text),
        Field::Category => error.category = Some(value.text),
        Field::RetryAfter | Field::RequestId => {}
    }
}

/// What each shape found beyond the vocabulary's fields, by shape: the header's retry flag,
/// the catalog's own fields and the field errors. One list for all shapes, kept beside the
/// sinks, so a sink holds nothing to drop and a catalog without them passes an empty list.
/// Made on first use: a catalog that declares none of it passes `None` around.
pub(crate) type ShapeExtras<'a> = Option<Box<Vec<(usize, Extras<'a>)>>>;

/// What the shape at `shape` found beyond the vocabulary's fields, made on first use.
fn extras_of<'e, 'a>(all: &'e mut ShapeExtras<'a>, shape: usize) -> &'e mut Extras<'a> {
    let all = all.get_or_insert_with(Box::default);
    let at = match all.iter().position(|(known, _)| *known == shape) {
        Some(at) => at,
        None => {
            all.push((shape, Extras::default()));
            all.len() - 1
        }
    };
    &mut all[at].1
}

/// What the shape at `shape` found beyond the vocabulary's fields, taken out of the list.
pub(crate) fn take_extras<'a>(all: &mut ShapeExtras<'a>, shape: usize) -> Option<Box<Extras<'a>>> {
    let all = all.as_mut()?;
    let at = all.iter().position(|(known, _)| *known == shape)?;
    Some(Box::new(all.swap_remove(at).1))
}

/// The server's retry flag from a header, for the whole response of `shape`: the
/// best-ranked source's. (The body's belongs to each error: [`ShapeSink::set`].)
pub(crate) fn offer_retry_flag<'a>(
    all: &mut ShapeExtras<'a>,
    shape: usize,
    rank: u8,
    value: Cow<'a, str>,
) {
    let flag = &mut extras_of(all, shape).retry_flag;
    if flag.as_ref().is_none_or(|(earlier, _)| rank < *earlier) {
        *flag = Some((rank, value));
    }
}

/// The sinks of all shapes, fed by a parser walking the plan, and what they find beyond the
/// vocabulary's fields.
pub(crate) struct Sinks<'p, 's, 'o, 'a> {
    pub(crate) plan: &'p Plan,
    pub(crate) sinks: &'s mut [ShapeSink<'o, 'a>],
    pub(crate) extras: &'s mut ShapeExtras<'a>,
}

impl<'a> Sinks<'_, '_, '_, 'a> {
    /// Hands a scalar found at `node` to every source whose pointer ends there.
    #[inline(always)]
    pub(crate) fn deliver(&mut self, node: usize, value: Scalar<'a>) {
        let plan = self.plan;
        let here = plan.node(node);
        if let Some(source) = here.only {
            // One source, the common case: the value moves, uncopied.
            if let Some(sink) = self.sinks.get_mut(source.shape) {
                sink.set(source.rank, source.field, value, false);
            }
            return;
        }
        for source in &here.ending {
            if let Some(sink) = self.sinks.get_mut(source.shape) {
                sink.set(source.rank, source.field, value.clone(), false);
            }
        }
        if !here.special.is_empty() {
            self.deliver_special(here, value);
        }
    }

    /// The index of the error of `shape` that fields are written to, if any.
    fn current_error(&mut self, shape: usize) -> Option<usize> {
        self.sinks.get_mut(shape)?.current_error()
    }

    /// [`Sinks::deliver`] for the fields of the catalog's own that end at a node: the value
    /// of the best-ranked source of a name wins.
    #[inline(never)]
    fn deliver_special(&mut self, here: &Node, value: Scalar<'a>) {
        for special in &here.special {
            let Special::Extra(name) = special.what else {
                continue;
            };
            let Some(index) = self.current_error(special.shape) else {
                continue;
            };
            let (rank, value) = (special.rank, value.text.clone());
            let fields = &mut extras_of(self.extras, special.shape).of_mut(index).fields;
            match fields.iter_mut().find(|(known, _, _)| *known == name) {
                Some(slot) if rank < slot.1 => {
                    slot.1 = rank;
                    slot.2 = value;
                }
                Some(_) => {}
                None => fields.push((name, rank, value)),
            }
        }
    }

    /// Hands a container found at `node`, as written, to the field errors that end there,
    /// for classification to read.
    #[inline(never)]
    pub(crate) fn deliver_raw(&mut self, node: usize, json: &'a str) {
        let plan = self.plan;
        for special in &plan.node(node).special {
            let Special::FieldErrors { field, message } = special.what else {
                continue;
            };
            let Some(index) = self.current_error(special.shape) else {
                continue;
            };
            extras_of(self.extras, special.shape)
                .of_mut(index)
                .field_errors_raw
                .get_or_insert(RawFieldErrors {
                    json,
                    field,
                    message,
                });
        }
    }

    /// Opens an error in each shape of `shapes` (a bit set), for an element of a list.
    pub(crate) fn begin_errors(&mut self, shapes: u32) {
        for (s, sink) in self.sinks.iter_mut().enumerate() {
            if shapes & (1 << s) != 0 {
                sink.open_element();
            }
        }
    }

    /// Drops the errors opened for an element that was not there.
    pub(crate) fn drop_errors(&mut self, shapes: u32) {
        for (s, sink) in self.sinks.iter_mut().enumerate() {
            if shapes & (1 << s) != 0 {
                sink.close_missing_element();
                if let Some(all) = self.extras.as_deref_mut() {
                    let left = sink.errors.len();
                    for (_, extras) in all.iter_mut().filter(|(shape, _)| *shape == s) {
                        extras.forget_from(left);
                    }
                }
            }
        }
    }
}
