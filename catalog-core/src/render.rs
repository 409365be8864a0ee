//! Canonical responses: what a provider would send for an entry, built from the wire format.
//!
//! The inverse of the parser, used by the round-trip property tests and by anyone who needs
//! realistic error responses in their own tests (a mock server, a retry-loop test).

use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use catalog_vocab::Field;
use catalog_vocab::limits::EACH;

use crate::model::{Code, Entry, Shape, Source};

/// What to put in a rendered response besides the entry's code; `None` takes the catalog's
/// text (or leaves the field out where the catalog has none).
#[derive(Clone, Debug, Default)]
pub struct RenderOptions<'a> {
    /// The status, if not the entry's first.
    pub status: Option<u16>,
    /// Which shape of the catalog's wire format to use, if not the entry's own.
    pub shape: Option<&'a Shape>,
    /// Send the code as text even where the catalog's code is a number.
    pub code_as_text: bool,
    /// Send this code instead of the entry's (to render unknown codes); numeric text is sent
    /// as a number where the catalog's codes are numbers.
    pub code: Option<&'a str>,
    /// The message.
    pub message: Option<&'a str>,
    /// The title.
    pub title: Option<&'a str>,
    /// The detail.
    pub detail: Option<&'a str>,
    /// The remediation hint.
    pub remediation: Option<&'a str>,
    /// The sub-code.
    pub sub_code: Option<&'a str>,
    /// `source.pointer`.
    pub source_pointer: Option<&'a str>,
    /// `source.parameter`.
    pub source_parameter: Option<&'a str>,
    /// The request id.
    pub request_id: Option<&'a str>,
    /// A retry delay in seconds.
    pub retry_after_secs: Option<u64>,
    /// The catalog's own fields (`fields: { ... }`), by name; a name the shape does not
    /// declare is left out.
    pub fields: Vec<(&'a str, &'a str)>,
    /// Field errors as (field, message), sent as a list of objects with the shape's member
    /// names, where the shape declares `field_errors`.
    pub field_errors: Vec<(&'a str, &'a str)>,
}

/// A rendered response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The status.
    pub status: StatusCode,
    /// The headers the wire format reads.
    pub headers: HeaderMap,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// Renders `entry` as its provider would send it.
pub fn render(entry: &Entry, options: &RenderOptions<'_>) -> Rendered {
    let shape = options.shape.unwrap_or(entry.shape);
    let status = options
        .status
        .or_else(|| entry.statuses.first().copied())
        .and_then(|status| StatusCode::from_u16(status).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut headers = HeaderMap::new();
    let mut body = Value::Object(Map::new());
    // A row without a code renders as the error it takes: one sent without a code.
    let code_text = options
        .code
        .or_else(|| entry.has_code().then_some(entry.code_text));
    let code = code_text.map(|code_text| match (entry.code, code_text.parse::<i64>()) {
        (Code::Int(_), Ok(n)) if !options.code_as_text => Value::from(n),
        _ => Value::from(code_text),
    });
    let retry_after = options.retry_after_secs.map(|secs| secs.to_string());
    for field in Field::ALL {
        let value = match field {
            Field::Code => code.clone(),
            Field::SubCode => options.sub_code.map(Value::from),
            Field::Message => Some(Value::from(options.message.unwrap_or(entry.message))),
            Field::Title => options.title.map(Value::from),
            Field::Detail => options.detail.map(Value::from),
            Field::Remediation => options.remediation.or(entry.remediation).map(Value::from),
            Field::SourcePointer => options.source_pointer.map(Value::from),
            Field::SourceParameter => options.source_parameter.map(Value::from),
            Field::Retryable => Some(Value::from(entry.retry.is_retryable())),
            Field::RetryAfter => retry_after.as_deref().map(Value::from),
            Field::RequestId => options.request_id.map(Value::from),
            Field::Category => entry.category.map(Value::from),
        };
        let Some(value) = value else { continue };
        place(shape.source_of(*field), value, &mut body, &mut headers);
    }
    for (name, value) in &options.fields {
        place(
            shape.extra_source(name),
            Value::from(*value),
            &mut body,
            &mut headers,
        );
    }
    if let (Some(source), false) = (shape.field_errors, options.field_errors.is_empty()) {
        let list = options
            .field_errors
            .iter()
            .map(|(field, message)| {
                let mut element = Map::new();
                element.insert(source.field.to_owned(), Value::from(*field));
                element.insert(source.message.to_owned(), Value::from(*message));
                Value::Object(element)
            })
            .collect();
        set_path(&mut body, source.path, Value::Array(list));
    }
    Rendered {
        status,
        headers,
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}

/// Puts `value` at a field's first declared source.
fn place(source: Option<&Source>, value: Value, body: &mut Value, headers: &mut HeaderMap) {
    match source {
        Some(Source::Body(path)) => set_path(body, path, value),
        Some(Source::Header(name)) => {
            let text = match &value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            // Values that are not valid header text are left out: a header cannot carry them.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&text),
            ) {
                headers.insert(name, value);
            }
        }
        None => {}
    }
}

fn set_path(node: &mut Value, path: &[&str], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        *node = value;
        return;
    };
    if *first == EACH {
        if !node.is_array() {
            *node = Value::Array(vec![Value::Object(Map::new())]);
        }
        if let Some(item) = node.as_array_mut().and_then(|items| items.first_mut()) {
            set_path(item, rest, value);
        }
        return;
    }
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    if let Some(object) = node.as_object_mut() {
        let child = object.entry((*first).to_owned()).or_insert(Value::Null);
        set_path(child, rest, value);
    }
}
