//! OpenAPI 3.x and Swagger 2.0 specs, in JSON or YAML: the errors they declare.
//!
//! Many providers publish their errors in a spec, instead of a page or beside one: an error
//! schema (where the code, message, type and request id sit), the codes as an enum with their
//! descriptions, the types as another enum, and the statuses each operation answers with. This
//! module reads what `import --openapi` needs of a spec, and nothing else: JSON with
//! serde_json, YAML with serde-saphyr (panic-free, with a budget on depth and size), and both
//! walked as the same [`serde_json::Value`], with `$ref`s followed within the document and
//! every walk bounded.
//!
//! A spec that ties no code to its statuses leaves statuses to the docs, the recordings or a
//! placeholder; one without enumerated codes gives the shape of its errors, and says where the
//! codes must come from.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::{Map, Value};

/// How deep `$ref`s and nested schemas are followed: far beyond real error schemas, and bounded.
const MAX_DEPTH: usize = 12;
/// The most codes read from one enum.
const MAX_CODES: usize = 10_000;

/// The errors a spec declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecErrors {
    /// `openapi: 3.1.0` or `swagger: 2.0`.
    pub version: String,
    /// The API's title (`info.title`).
    pub title: Option<String>,
    /// The API's docs address (`externalDocs.url`), where it is an http(s) address.
    pub docs_url: Option<String>,
    /// The error schema's name and where its fields sit in a response body.
    pub wire: SpecWire,
    /// The enumerated codes, in the spec's order.
    pub codes: Vec<SpecCode>,
    /// The error statuses the operations answer with the error schema, in order.
    pub statuses: Vec<u16>,
    /// The statuses the examples tie to codes, enumerated or not: `(code, status)`.
    pub ties: Vec<(String, u16)>,
    /// What was read, and what was not, for the notes of `import`.
    pub notes: Vec<String>,
}

/// Where the fields of an error sit in a response body, by the error schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecWire {
    /// The error schema (`Error`, `ServiceError`).
    pub schema: Option<String>,
    /// The code's JSON pointer, a list's elements as `*` as the DSL writes them.
    pub code: Option<String>,
    /// The message's pointer.
    pub message: Option<String>,
    /// The type's or category's pointer.
    pub category: Option<String>,
    /// The request id's pointer, where the body holds one.
    pub request_id: Option<String>,
    /// A request-id header the error responses document.
    pub request_id_header: Option<String>,
    /// A second code beside the code (`decline_code`).
    pub sub_code: Option<String>,
}

/// A code the spec enumerates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecCode {
    /// The code as sent.
    pub code: String,
    /// Its description, where the spec gives one.
    pub description: Option<String>,
    /// Its category (`x-enum-elements`' category of the element).
    pub category: Option<String>,
    /// The statuses the spec ties it to: its examples under an operation's error response.
    pub statuses: Vec<u16>,
}

/// Why a spec could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OpenApiError {
    /// Neither JSON nor YAML, with the reader's message (line and column).
    NotParsed(String),
    /// Parsed, but no `openapi: 3.x` or `swagger: "2.0"` at its top.
    NotASpec,
}

impl fmt::Display for OpenApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenApiError::NotParsed(why) => write!(f, "not JSON or YAML: {why}"),
            OpenApiError::NotASpec => f.write_str(
                "not an OpenAPI spec: expected `openapi: 3.x` or `swagger: \"2.0\"` at the top",
            ),
        }
    }
}

impl std::error::Error for OpenApiError {}

/// Reads a spec, JSON or YAML (JSON when it starts with `{`), and the errors it declares.
pub fn read(text: &str) -> Result<SpecErrors, OpenApiError> {
    let document: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|error| {
            OpenApiError::NotParsed(format!(
                "line {}, column {}: {error}",
                error.line(),
                error.column()
            ))
        })?
    } else {
        // YAML 1.2 booleans only (`NO`, `ON` and `Y` stay codes), and a budget on depth.
        let options = serde_saphyr::options! {
            strict_booleans: true,
            budget: serde_saphyr::budget! { max_depth: 128 },
        };
        serde_saphyr::from_str_with_options(text, options)
            .map_err(|error| OpenApiError::NotParsed(one_line(&error.to_string())))?
    };
    errors_of(&document)
}

/// A reader's message on one line: its first line, where it says what and where.
fn one_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

/// The document's version: `3.x` from `openapi`, `2.0` from `swagger`.
fn version(document: &Value) -> Option<String> {
    let text = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let openapi = document.get("openapi").and_then(text);
    let swagger = document.get("swagger").and_then(text);
    match (openapi, swagger) {
        (Some(version), _) if version.starts_with('3') => Some(format!("openapi {version}")),
        (_, Some(version)) if version.starts_with('2') => Some(format!("swagger {version}")),
        _ => None,
    }
}

/// Follows a `$ref` within the document (`#/components/schemas/Error`), bounded.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    let mut value = value;
    for _ in 0..MAX_DEPTH {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return value;
        };
        let Some(pointer) = reference.strip_prefix('#') else {
            return value;
        };
        match document.pointer(pointer) {
            Some(target) => value = target,
            None => return value,
        }
    }
    value
}

/// The name a `$ref` ends with (`Error` of `#/components/schemas/Error`).
fn ref_name(value: &Value) -> Option<String> {
    let reference = value.get("$ref")?.as_str()?;
    reference.rsplit('/').next().map(str::to_owned)
}

/// The schema of a response: OpenAPI 3's JSON content, or Swagger 2's `schema`.
fn response_schema<'a>(document: &'a Value, response: &'a Value) -> Option<&'a Value> {
    let response = resolve(document, response);
    if let Some(schema) = response.get("schema") {
        return Some(schema);
    }
    let content = response.get("content")?.as_object()?;
    let json = content
        .iter()
        .find(|(media, _)| media.contains("json"))
        .or_else(|| content.iter().next())?;
    json.1.get("schema")
}

/// The statuses a response key stands for: `404`, `4XX` (none: a range ties nothing), or
/// `default` (none).
fn status_of(key: &str) -> Option<u16> {
    key.parse::<u16>()
        .ok()
        .filter(|status| (200..=599).contains(status))
}

/// An operation's error response: its status (none for `default` or a range), the response,
/// and its error schema.
struct ErrorResponse<'a> {
    status: Option<u16>,
    response: &'a Value,
    schema: &'a Value,
}

/// Every error response of every operation (4xx, 5xx, `4XX`, `default`), in the document's
/// order.
fn error_responses(document: &Value) -> Vec<ErrorResponse<'_>> {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let mut found = Vec::new();
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return found;
    };
    for item in paths.values() {
        let item = resolve(document, item);
        for method in METHODS {
            let Some(responses) = item
                .get(method)
                .and_then(|operation| operation.get("responses"))
                .and_then(Value::as_object)
            else {
                continue;
            };
            for (key, response) in responses {
                let is_error = key == "default" || key.starts_with('4') || key.starts_with('5');
                if !is_error {
                    continue;
                }
                if let Some(schema) = response_schema(document, response) {
                    found.push(ErrorResponse {
                        status: status_of(key),
                        response: resolve(document, response),
                        schema,
                    });
                }
            }
        }
    }
    found
}

/// The object properties of a schema, `allOf` parts merged, `$ref`s followed.
fn properties<'a>(
    document: &'a Value,
    schema: &'a Value,
    depth: usize,
) -> Vec<(&'a str, &'a Value)> {
    let schema = resolve(document, schema);
    let mut found = Vec::new();
    if depth > MAX_DEPTH {
        return found;
    }
    if let Some(map) = schema.get("properties").and_then(Value::as_object) {
        found.extend(map.iter().map(|(name, value)| (name.as_str(), value)));
    }
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        found.extend(properties(document, part, depth + 1));
    }
    found
}

/// A field of an error schema: its pointer and its schema.
struct Field<'a> {
    pointer: String,
    name: &'a str,
    schema: &'a Value,
}

/// The scalar fields of a schema, with their pointers: into objects, and into one list (`*`).
fn fields<'a>(document: &'a Value, schema: &'a Value) -> Vec<Field<'a>> {
    fn walk<'a>(
        document: &'a Value,
        schema: &'a Value,
        pointer: &str,
        lists: usize,
        depth: usize,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<Field<'a>>,
    ) {
        if depth > MAX_DEPTH || out.len() > 512 {
            return;
        }
        for (name, property) in properties(document, schema, depth) {
            let escaped = catalog_core::pointer::escape(name);
            let here = format!("{pointer}/{escaped}");
            let resolved = resolve(document, property);
            // A schema met again down its own path is a cycle.
            let key = format!("{here}@{}", ref_name(property).unwrap_or_default());
            if !seen.insert(key) {
                continue;
            }
            let kind = resolved.get("type").and_then(Value::as_str);
            if kind == Some("array") || resolved.get("items").is_some() {
                if lists == 0
                    && let Some(items) = resolved.get("items")
                {
                    walk(
                        document,
                        items,
                        &format!("{here}/*"),
                        1,
                        depth + 1,
                        seen,
                        out,
                    );
                }
            } else if kind == Some("object")
                || !properties(document, resolved, depth + 1).is_empty()
            {
                walk(document, resolved, &here, lists, depth + 1, seen, out);
            } else {
                out.push(Field {
                    pointer: here,
                    name,
                    schema: property,
                });
            }
        }
    }
    let mut out = Vec::new();
    walk(document, schema, "", 0, 0, &mut BTreeSet::new(), &mut out);
    out
}

/// The field of `fields` whose name is first among `names` (compared without case and `_`),
/// preferring one with an enum, then a shallower one.
fn named<'f, 'a>(
    fields: &'f [Field<'a>],
    names: &[&str],
    document: &Value,
) -> Option<&'f Field<'a>> {
    let plain = |name: &str| name.replace('_', "").to_ascii_lowercase();
    names.iter().find_map(|wanted| {
        fields
            .iter()
            .filter(|field| plain(field.name) == plain(wanted))
            .min_by_key(|field| {
                (
                    enum_values(document, field.schema).is_empty(),
                    field.pointer.matches('/').count(),
                )
            })
    })
}

const CODE_NAMES: [&str; 7] = [
    "code",
    "error_code",
    "reason_code",
    "errorcode",
    "error",
    "status_code",
    "type",
];
const MESSAGE_NAMES: [&str; 6] = [
    "message",
    "error_message",
    "detail",
    "description",
    "error_description",
    "title",
];
const CATEGORY_NAMES: [&str; 4] = ["category", "type", "error_type", "kind"];
const REQUEST_ID_NAMES: [&str; 4] = ["request_id", "requestid", "trace_id", "correlation_id"];
const SUB_CODE_NAMES: [&str; 3] = ["decline_code", "sub_code", "reason"];
const REQUEST_ID_HEADERS: [&str; 6] = [
    "request-id",
    "x-request-id",
    "x-trace-id",
    "trace-id",
    "x-correlation-id",
    "correlation-id",
];

/// The values of a schema's enum (or `oneOf` of `const`s), as text.
fn enum_values(document: &Value, schema: &Value) -> Vec<String> {
    let schema = resolve(document, schema);
    let text = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.iter().filter_map(text).take(MAX_CODES).collect();
    }
    schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .filter_map(|part| resolve(document, part).get("const").and_then(text))
                .take(MAX_CODES)
                .collect()
        })
        .unwrap_or_default()
}

/// The codes of an enum with their descriptions and categories: `x-enum-elements` (a list of
/// `{name, description, ...category}`), `x-enum-descriptions` and `x-enumDescriptions` (a list
/// beside the enum, or a map by value), or `oneOf` of `const` with `description`.
fn enum_codes(document: &Value, schema: &Value) -> Vec<SpecCode> {
    let schema = resolve(document, schema);
    let values = enum_values(document, schema);
    let elements: Vec<&Map<String, Value>> = schema
        .get("x-enum-elements")
        .and_then(Value::as_array)
        .map(|elements| elements.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default();
    let descriptions = schema
        .get("x-enum-descriptions")
        .or_else(|| schema.get("x-enumDescriptions"));
    let one_of: Vec<&Value> = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
        .map(|parts| parts.iter().map(|part| resolve(document, part)).collect())
        .unwrap_or_default();
    // By value, so that thousands of codes cost one pass each.
    let elements: std::collections::HashMap<&str, &Map<String, Value>> = elements
        .into_iter()
        .filter_map(|element| Some((element.get("name")?.as_str()?, element)))
        .collect();
    values
        .into_iter()
        .enumerate()
        .map(|(i, code)| {
            let element = elements.get(code.as_str());
            let description = element
                .and_then(|element| element.get("description"))
                .or_else(|| match descriptions {
                    Some(Value::Array(list)) => list.get(i),
                    Some(Value::Object(map)) => map.get(&code),
                    _ => None,
                })
                .or_else(|| {
                    one_of
                        .iter()
                        .find(|part| {
                            part.get("const").map(|value| match value {
                                Value::String(text) => text == &code,
                                other => other.to_string().as_str() == code.as_str(),
                            }) == Some(true)
                        })
                        .and_then(|part| part.get("description").or_else(|| part.get("title")))
                })
                .and_then(Value::as_str)
                .map(crate::text::collapse)
                .filter(|text| !text.is_empty());
            let category = element.and_then(|element| {
                element
                    .iter()
                    .find(|(key, _)| key.to_ascii_lowercase().contains("category"))
                    .and_then(|(_, value)| value.as_str())
                    .map(str::to_owned)
            });
            SpecCode {
                code,
                description,
                category,
                statuses: Vec::new(),
            }
        })
        .collect()
}

/// The example bodies of a response: OpenAPI 3's `example` and `examples.*.value` of its JSON
/// content, Swagger 2's `examples` by media type.
fn examples<'a>(document: &'a Value, response: &'a Value) -> Vec<&'a Value> {
    let mut found = Vec::new();
    let mut take = |holder: &'a Value| {
        if let Some(example) = holder.get("example") {
            found.push(example);
        }
        if let Some(map) = holder.get("examples").and_then(Value::as_object) {
            for example in map.values() {
                let example = resolve(document, example);
                found.push(example.get("value").unwrap_or(example));
            }
        }
    };
    take(response);
    if let Some(content) = response.get("content").and_then(Value::as_object) {
        for media in content.values() {
            take(media);
        }
    }
    found
}

/// The text at a DSL pointer of a body (`*` reads every element of a list; a lone object
/// stands for a list of one).
fn at_pointer(body: &Value, pointer: &str) -> Vec<String> {
    // Pointers this module wrote itself; one that does not parse reads nothing.
    let segments = catalog_core::pointer::parse(pointer).unwrap_or_default();
    let mut values = vec![body];
    for segment in segments {
        values = values
            .into_iter()
            .flat_map(|value| match (value, segment.as_str()) {
                (Value::Array(items), "*") => items.iter().collect::<Vec<_>>(),
                (value, "*") => vec![value],
                (value, key) => value.get(key).into_iter().collect(),
            })
            .collect();
    }
    values
        .into_iter()
        .filter_map(|value| match value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
        .collect()
}

/// The property of the spec's schemas that most often holds the schema `name`, as a pointer
/// (`/errors/*` for a list of them, `/error` for one).
fn wrapper_of(document: &Value, name: &str, sets: &[&str]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for set in sets {
        let Some(schemas) = document.pointer(set).and_then(Value::as_object) else {
            continue;
        };
        for (holder, schema) in schemas {
            if holder == name {
                continue;
            }
            for (property, value) in properties(document, schema, 0) {
                let list = value.get("items");
                let target = list.unwrap_or(value);
                if ref_name(target).as_deref() != Some(name) {
                    continue;
                }
                let escaped = catalog_core::pointer::escape(property);
                let pointer = if list.is_some() {
                    format!("/{escaped}/*")
                } else {
                    format!("/{escaped}")
                };
                match counts.iter_mut().find(|(known, _)| *known == pointer) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((pointer, 1)),
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .map(|(pointer, _)| pointer)
}

/// What a parsed spec declares of its errors.
fn errors_of(document: &Value) -> Result<SpecErrors, OpenApiError> {
    let version = version(document).ok_or(OpenApiError::NotASpec)?;
    let mut spec = SpecErrors {
        version,
        title: document
            .pointer("/info/title")
            .and_then(Value::as_str)
            .map(str::to_owned),
        docs_url: document
            .pointer("/externalDocs/url")
            .and_then(Value::as_str)
            .filter(|url| crate::text::is_http_url(url))
            .map(str::to_owned),
        ..SpecErrors::default()
    };
    let responses = error_responses(document);
    // The error schema: the one most error responses use.
    let mut uses: Vec<(String, &Value, usize)> = Vec::new();
    for response in &responses {
        let name = ref_name(response.schema).unwrap_or_else(|| "an inline schema".to_owned());
        match uses.iter_mut().find(|(known, _, _)| *known == name) {
            Some((_, _, count)) => *count += 1,
            None => uses.push((name, response.schema, 1)),
        }
    }
    let chosen = uses
        .iter()
        .max_by_key(|(_, _, count)| *count)
        .map(|(name, schema, count)| (name.clone(), *schema, *count));
    let schema_sets = ["/components/schemas", "/definitions"];
    let answered = chosen.is_some();
    let (name, schema) = match chosen {
        Some((name, schema, count)) => {
            spec.notes.push(format!(
                "openapi: error schema {name}, the body of {count} of {} error responses",
                responses.len()
            ));
            (name, schema)
        }
        None => {
            // No operation names its errors: a schema named like one.
            let found = schema_sets.iter().find_map(|set| {
                document
                    .pointer(set)
                    .and_then(Value::as_object)?
                    .iter()
                    .find(|(name, _)| name.to_ascii_lowercase().contains("error"))
            });
            let Some((name, schema)) = found else {
                spec.notes.push(
                    "openapi: no operation answers an error with a schema, and no schema is named like an error".to_owned(),
                );
                return Ok(spec);
            };
            spec.notes.push(format!(
                "openapi: no operation answers an error with a schema; {name} is named like one"
            ));
            (name.clone(), schema)
        }
    };
    spec.wire.schema = Some(name.clone());
    // Where the responses hold it: inside the property of the other schemas that holds it
    // most often (`errors: [Error]` in every response of an API that answers errors with 200).
    let wrapper = if answered {
        None
    } else {
        wrapper_of(document, &name, &schema_sets)
    };
    if let Some(wrapper) = &wrapper {
        spec.notes
            .push(format!("openapi: the responses hold {name} at {wrapper:?}"));
    }
    let fields: Vec<Field<'_>> = fields(document, schema)
        .into_iter()
        .filter_map(|field| match &wrapper {
            // One list at most: a list inside the wrapper's is not read.
            Some(wrapper) if wrapper.contains("/*") && field.pointer.contains("/*") => None,
            Some(wrapper) => Some(Field {
                pointer: format!("{wrapper}{}", field.pointer),
                ..field
            }),
            None => Some(field),
        })
        .collect();
    let code = named(&fields, &CODE_NAMES, document);
    // A code field without an enum may sit beside one that has it (`type` beside `code`).
    let code = code
        .filter(|code| !enum_values(document, code.schema).is_empty() || code.name != "type")
        .or(code);
    if let Some(code) = code {
        spec.wire.code = Some(code.pointer.clone());
        let list = code
            .pointer
            .find("/*")
            .map(|at| code.pointer[..at].to_owned());
        let same_list = |field: &&Field<'_>| {
            field
                .pointer
                .find("/*")
                .map(|at| field.pointer[..at].to_owned())
                == list
        };
        let others: Vec<Field<'_>> = fields
            .iter()
            .filter(|field| field.pointer != code.pointer)
            .filter(same_list)
            .map(|field| Field {
                pointer: field.pointer.clone(),
                name: field.name,
                schema: field.schema,
            })
            .collect();
        spec.wire.message =
            named(&others, &MESSAGE_NAMES, document).map(|field| field.pointer.clone());
        let category = named(&others, &CATEGORY_NAMES, document);
        spec.wire.category = category.map(|field| field.pointer.clone());
        spec.wire.sub_code =
            named(&others, &SUB_CODE_NAMES, document).map(|field| field.pointer.clone());
        spec.codes = enum_codes(document, code.schema);
        if let Some(category) = category
            && !enum_values(document, category.schema).is_empty()
        {
            let values = enum_values(document, category.schema);
            spec.notes.push(format!(
                "openapi: types at {:?}: {}",
                category.pointer,
                values.join(", ")
            ));
        }
        spec.notes.push(format!(
            "openapi: code at {:?}{}",
            code.pointer,
            if spec.codes.is_empty() {
                ": the spec enumerates no codes: they must come from the docs (--docs) or recorded responses (--sample)".to_owned()
            } else {
                format!(", {} codes enumerated", spec.codes.len())
            }
        ));
    } else {
        spec.notes.push(format!(
            "openapi: {name} has no field named like a code ({})",
            CODE_NAMES.join(", ")
        ));
    }
    // A request id: a body field named so, or one whose description says it identifies the
    // request (`pspReference`: "the reference of the request"), else a documented header.
    let outside = |field: &&Field<'_>| !field.pointer.contains("/*");
    spec.wire.request_id = named(
        &fields
            .iter()
            .filter(outside)
            .map(|field| Field {
                pointer: field.pointer.clone(),
                name: field.name,
                schema: field.schema,
            })
            .collect::<Vec<_>>(),
        &REQUEST_ID_NAMES,
        document,
    )
    .map(|field| field.pointer.clone())
    .or_else(|| {
        fields
            .iter()
            .filter(outside)
            .find(|field| {
                let description = resolve(document, field.schema)
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_ascii_lowercase();
                description.contains("request")
                    && ["reference", "identifier", " id"]
                        .iter()
                        .any(|word| description.contains(word))
            })
            .map(|field| field.pointer.clone())
    });
    spec.wire.request_id_header = responses.iter().find_map(|response| {
        response
            .response
            .get("headers")
            .and_then(Value::as_object)?
            .keys()
            .find(|header| REQUEST_ID_HEADERS.contains(&header.to_ascii_lowercase().as_str()))
            .cloned()
    });
    // Statuses: those the operations answer with the error schema, and those the examples tie
    // to a code.
    for response in &responses {
        if let Some(status) = response.status
            && !spec.statuses.contains(&status)
        {
            spec.statuses.push(status);
        }
        let (Some(status), Some(pointer)) = (response.status, spec.wire.code.as_deref()) else {
            continue;
        };
        for example in examples(document, response.response) {
            for code in at_pointer(example, pointer) {
                if let Some(known) = spec.codes.iter_mut().find(|known| known.code == code)
                    && !known.statuses.contains(&status)
                {
                    known.statuses.push(status);
                }
                if !spec.ties.contains(&(code.clone(), status)) {
                    spec.ties.push((code, status));
                }
            }
        }
    }
    if !spec.ties.is_empty() {
        let ties: Vec<String> = spec
            .ties
            .iter()
            .map(|(code, status)| format!("{code} with {status}"))
            .collect();
        spec.notes
            .push(format!("openapi: the examples tie {}", ties.join(", ")));
    }
    if !spec.statuses.is_empty() {
        let statuses: Vec<String> = spec.statuses.iter().map(u16::to_string).collect();
        spec.notes.push(format!(
            "openapi: the operations answer errors with {}",
            statuses.join(", ")
        ));
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn yaml_and_json_read_alike_and_yes_stays_a_code() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Error:\n      type: object\n      properties:\n        code: {type: string, enum: [NO, ON, card_declined]}\n        message: {type: string}\n";
        let spec = read(yaml).unwrap();
        let codes: Vec<&str> = spec.codes.iter().map(|code| code.code.as_str()).collect();
        assert_eq!(codes, ["NO", "ON", "card_declined"]);
        assert_eq!(spec.wire.code.as_deref(), Some("/code"));
        assert_eq!(spec.wire.message.as_deref(), Some("/message"));
        let json = r#"{"openapi": "3.0.3", "paths": {}, "components": {"schemas": {"Error": {"type": "object",
            "properties": {"code": {"type": "string", "enum": ["NO", "ON", "card_declined"]}, "message": {"type": "string"}}}}}}"#;
        assert_eq!(read(json).unwrap().codes, spec.codes);
    }

    #[test]
    fn bad_input_says_what_and_where() {
        let error = read("openapi: 3.0.0\npaths: [unclosed\n").unwrap_err();
        assert!(
            error.to_string().starts_with("not JSON or YAML: "),
            "{error}"
        );
        let error = read("{\"openapi\": 3").unwrap_err();
        assert!(error.to_string().contains("line 1, column"), "{error}");
        assert_eq!(read("title: not a spec\n"), Err(OpenApiError::NotASpec));
        // Deep nesting is refused, not a stack overflow.
        let deep = format!(
            "openapi: 3.0.0\nx: {}1{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        assert!(read(&deep).is_err());
    }

    #[test]
    fn codes_with_descriptions_in_every_spelling() {
        let spec = |code: &str| {
            format!(
                r##"{{"openapi": "3.1.0", "paths": {{}}, "components": {{"schemas": {{"Error": {{"type": "object", "properties": {{"code": {code}}}}}}}}}}}"##
            )
        };
        let one_of = spec(
            r#"{"oneOf": [{"const": "card_declined", "description": "The card was declined."}, {"const": 42, "title": "Numeric"}]}"#,
        );
        let listed = spec(
            r#"{"type": "string", "enum": ["a_b", "c_d"], "x-enum-descriptions": ["First.", "Second."]}"#,
        );
        let mapped = spec(
            r#"{"type": "string", "enum": ["a_b"], "x-enumDescriptions": {"a_b": "By value."}}"#,
        );
        let read_codes = |text: &str| {
            read(text)
                .unwrap()
                .codes
                .into_iter()
                .map(|code| (code.code, code.description.unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read_codes(&one_of),
            [
                (
                    "card_declined".to_owned(),
                    "The card was declined.".to_owned()
                ),
                ("42".to_owned(), "Numeric".to_owned())
            ]
        );
        assert_eq!(
            read_codes(&listed),
            [
                ("a_b".to_owned(), "First.".to_owned()),
                ("c_d".to_owned(), "Second.".to_owned())
            ]
        );
        assert_eq!(
            read_codes(&mapped),
            [("a_b".to_owned(), "By value.".to_owned())]
        );
    }

    #[test]
    fn refs_that_loop_end() {
        let json = r##"{"openapi": "3.1.0", "paths": {"/x": {"get": {"responses": {"400": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}}},
            "components": {"schemas": {"Error": {"type": "object", "properties": {"code": {"type": "string"}, "cause": {"$ref": "#/components/schemas/Error"}}}}}}"##;
        let spec = read(json).unwrap();
        assert_eq!(spec.wire.code.as_deref(), Some("/code"));
        assert_eq!(spec.statuses, [400]);
    }
}
