//! Where the provider's responses carry each field, read from sample bodies.
//!
//! Recorded responses (`import --sample FILE`) are what the provider really sends, so they
//! decide where they hold a documented code; the page's own sample responses decide
//! otherwise, and words of the page that name a field (`the error_code field`) come last.
//! Every pointer is noted with what decided it and how many samples agree, so a guess is
//! never silent.

use std::collections::{BTreeMap, BTreeSet};

use catalog_core::ServerRetryFlag;
use catalog_core::redact::Redactor;
use serde_json::Value;

use super::rows::Seen;
use super::{Lines, naming};
use crate::page;

/// A recorded response given to `import`: its body decides the wire pointers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedResponse {
    /// Where it was read from, for the notes (`capture.har entry 3`).
    pub origin: String,
    /// Its HTTP status, where the recording has one.
    pub status: Option<u16>,
    /// The body as sent.
    pub body: Vec<u8>,
    /// Its headers as sent, names and values: they show a request-id header and
    /// `Retry-After`.
    pub headers: Vec<(String, String)>,
}

/// The pointers `import` writes, each with what decided it.
#[derive(Clone, Debug, Default)]
pub(super) struct Wire {
    pub(super) code: Option<String>,
    pub(super) message: Option<String>,
    pub(super) request_id: Option<String>,
    /// A request-id header the recorded responses carry, where no body field holds one.
    pub(super) request_id_header: Option<String>,
    pub(super) category: Option<String>,
    /// A second code-like field beside the code (`decline_code`, `details.reason`).
    pub(super) sub_code: Option<String>,
    /// The server's own retry flag (`Recoverable`, `retryable`).
    pub(super) retryable: Option<String>,
    /// A header the server gives its retry advice in (`Stripe-Should-Retry: false`), where no
    /// body field holds it.
    pub(super) retryable_header: Option<String>,
    /// The request parameter an error is about (`param`), beside the code.
    pub(super) source_parameter: Option<String>,
    /// Links beside the code (`doc_url`, `request_log_url`): the catalog's own fields, as
    /// `(name, pointer)`.
    pub(super) own_fields: Vec<(String, String)>,
    /// Recorded error responses that hold no code, by type (`Seen::category`, where the body
    /// has one) and status: each becomes a row without a code (`_`).
    pub(super) codeless: Vec<Seen>,
    /// A `Retry-After` header the recorded responses carry.
    pub(super) retry_after_header: Option<String>,
    /// Further shapes: the code pointers of responses that hold a documented code elsewhere
    /// (a gateway's errors beside the API's), each with its message pointer.
    pub(super) others: Vec<(String, Option<String>)>,
    /// Whether recorded responses with a 2xx status hold codes.
    pub(super) errors_in_2xx: bool,
    /// Whether recorded responses decided the code's pointer.
    pub(super) decided_by_recordings: bool,
    /// What the recorded responses show of each code, by code, in order of first sight.
    pub(super) seen: Vec<(String, Seen)>,
    /// The list of errors the code sits in (`/errors`), where it sits in one: guessed
    /// pointers of an error's fields go inside it.
    pub(super) list: Option<String>,
    /// What decided each pointer, and what did not fit, for the notes.
    pub(super) notes: Vec<String>,
}

/// Field names that hold the message, in the order they are preferred.
const MESSAGE_NAMES: [&str; 9] = [
    "error_message",
    "errormessage",
    "message",
    "error_description",
    "errordescription",
    "description",
    "detail",
    "title",
    "reason",
];

/// Field names that hold the provider's request id, in the order they are preferred.
const REQUEST_ID_NAMES: [&str; 6] = [
    "request_id",
    "requestid",
    "trace_id",
    "traceid",
    "correlation_id",
    "correlationid",
];

use crate::fields::TYPE_NAMES;

/// Field names that the page's words may name, by the field they are read into. Only names
/// that prose does not use as plain words: "code" or "message" in a sentence names nothing.
const PROSE_NAMES: [(&str, &[&str]); 4] = [
    (
        "code",
        &[
            "error_code",
            "errorCode",
            "reason_code",
            "ReasonCode",
            "reasonCode",
        ],
    ),
    (
        "message",
        &["error_message", "errorMessage", "error_description"],
    ),
    (
        "request_id",
        &["request_id", "requestId", "correlation_id", "correlationId"],
    ),
    ("category", &["error_type", "errorType"]),
];

/// How deep and how wide a sample body is walked: far beyond real error bodies, and bounded.
const MAX_DEPTH: usize = 8;
const MAX_ITEMS: usize = 16;
const MAX_LEAVES: usize = 4096;
/// The largest recorded body read (error bodies are a few KiB), and how many are read.
const MAX_BODY_BYTES: usize = 1024 * 1024;
const MAX_RECORDED: usize = 10_000;

/// A scalar of a body: its pointer (arrays as `*`, as the DSL writes them), the name of its
/// field, and its text.
#[derive(Clone)]
struct Leaf {
    pointer: String,
    name: String,
    text: String,
}

fn leaves(value: &Value) -> Vec<Leaf> {
    fn walk(value: &Value, pointer: &str, name: &str, depth: usize, out: &mut Vec<Leaf>) {
        if out.len() >= MAX_LEAVES || depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let escaped = catalog_core::pointer::escape(key);
                    walk(value, &format!("{pointer}/{escaped}"), key, depth + 1, out);
                }
            }
            Value::Array(items) => {
                for item in items.iter().take(MAX_ITEMS) {
                    walk(item, &format!("{pointer}/*"), name, depth + 1, out);
                }
            }
            Value::String(text) => out.push(Leaf {
                pointer: pointer.to_owned(),
                name: name.to_owned(),
                text: text.clone(),
            }),
            Value::Number(number) if number.is_i64() || number.is_u64() => out.push(Leaf {
                pointer: pointer.to_owned(),
                name: name.to_owned(),
                text: number.to_string(),
            }),
            // Flags (`"Recoverable": false`) are read as the server's retry advice.
            Value::Bool(flag) => out.push(Leaf {
                pointer: pointer.to_owned(),
                name: name.to_owned(),
                text: flag.to_string(),
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "", "", 0, &mut out);
    out
}

/// The list a pointer crosses (`/errors` of `/errors/*/code`), if it crosses one.
pub(super) fn list_prefix(pointer: &str) -> Option<&str> {
    pointer.find("/*").map(|at| &pointer[..at])
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// A sample body, read.
#[derive(Clone)]
struct Sample {
    /// What the notes call it.
    from: String,
    /// The code the page gives it; recorded responses hold any documented code.
    code: Option<String>,
    leaves: Vec<Leaf>,
    /// A recorded response's status, headers and file.
    status: Option<u16>,
    headers: Vec<(String, String)>,
    file: String,
}

impl Sample {
    /// The pointers at which this sample holds its code (or any documented code).
    fn code_pointers(&self, codes: &BTreeSet<&str>) -> BTreeSet<&str> {
        self.leaves
            .iter()
            .filter(|leaf| match &self.code {
                Some(code) => leaf.text == *code,
                None => codes.contains(leaf.text.as_str()),
            })
            .map(|leaf| leaf.pointer.as_str())
            .collect()
    }

    /// Whether this sample holds its code (or a documented one) at `pointer`, a lone object
    /// standing for a list of one.
    fn holds_at(&self, codes: &BTreeSet<&str>, pointer: &str) -> bool {
        let wanted = without_lists(pointer);
        self.code_pointers(codes)
            .into_iter()
            .any(|held| without_lists(held) == wanted)
    }

    /// The text this sample holds at `pointer`, if any.
    fn text_at(&self, pointer: &str) -> Option<&str> {
        self.leaves
            .iter()
            .find(|leaf| leaf.pointer == pointer)
            .map(|leaf| leaf.text.as_str())
    }

    /// The value this sample holds where the codes are, documented or not, if any: `shapes`
    /// are the code pointers of the wire shapes, without their list marks.
    fn code_leaf(&self, shapes: &[String]) -> Option<&Leaf> {
        self.leaves
            .iter()
            .find(|leaf| shapes.contains(&without_lists(&leaf.pointer)))
    }
}

/// The pointer most samples hold their code at; a field named after codes, then a shallower
/// one, wins a tie. With the number of samples that hold it there.
fn best_code_pointer(samples: &[Sample], codes: &BTreeSet<&str>) -> Option<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for sample in samples {
        // The DSL reads codes across one list at most.
        for pointer in sample
            .code_pointers(codes)
            .into_iter()
            .filter(|pointer| pointer.matches("/*").count() <= 1)
        {
            *counts.entry(pointer).or_default() += 1;
        }
    }
    // A lone object where the list should be counts with the list's pointer.
    let listed: Vec<(String, String)> = counts
        .keys()
        .filter(|pointer| pointer.contains("/*"))
        .map(|pointer| (without_lists(pointer), (*pointer).to_owned()))
        .collect();
    for (lone, list) in listed {
        if let Some(count) = counts.remove(lone.as_str())
            && let Some(total) = counts.get_mut(list.as_str())
        {
            *total += count;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(pointer, count)| {
            let last = pointer
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            (
                *count,
                last.contains("code"),
                std::cmp::Reverse(pointer.matches('/').count()),
                std::cmp::Reverse(*pointer),
            )
        })
        .map(|(pointer, count)| (pointer.to_owned(), count))
}

/// The pointer of a field named by one of `names`: beside the code first, then the
/// preferred name, then the most samples.
fn named_pointer(
    samples: &[Sample],
    names: &[&str],
    code: Option<&str>,
    fits: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let mut counts: BTreeMap<(bool, usize, &str), usize> = BTreeMap::new();
    for sample in samples {
        let mut seen = BTreeSet::new();
        for leaf in &sample.leaves {
            let Some(rank) = names
                .iter()
                .position(|name| leaf.name.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            if Some(leaf.pointer.as_str()) == code
                || !fits(&leaf.pointer)
                || !seen.insert(leaf.pointer.as_str())
            {
                continue;
            }
            let beside = code.is_some_and(|code| parent(code) == parent(&leaf.pointer));
            *counts.entry((!beside, rank, &leaf.pointer)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .min_by_key(|((away, rank, pointer), count)| {
            (*away, *rank, std::cmp::Reverse(*count), *pointer)
        })
        .map(|((_, _, pointer), _)| pointer.to_owned())
}

/// The page's sample bodies: `(code, body text, line)` of the rows of entries.
pub(super) type PageSample = (String, String, usize);

/// Reads the wire format from the recorded responses, the page's samples and the page's words.
pub(super) fn infer(
    page_samples: &[PageSample],
    recorded: &[RecordedResponse],
    codes: &BTreeSet<&str>,
    prose: &str,
    lines: &Lines<'_>,
) -> Wire {
    let mut wire = Wire::default();
    let mut from_page = Vec::new();
    for (code, body, line) in page_samples {
        let from = format!("the sample of {code} ({})", lines.at(*line));
        match serde_json::from_str::<Value>(body) {
            Ok(value) => from_page.push(Sample {
                from,
                code: Some(code.clone()),
                leaves: leaves(&value),
                status: None,
                headers: Vec::new(),
                file: String::new(),
            }),
            Err(error) => wire
                .notes
                .push(format!("wire: {from} is not JSON ({error}): left out")),
        }
    }
    let mut from_recordings = Vec::new();
    for response in recorded.iter().take(MAX_RECORDED) {
        let headers = response.headers.clone();
        let status = response
            .status
            .map_or_else(String::new, |status| format!(" (HTTP {status})"));
        // A body far beyond any error response is not parsed: memory stays bounded.
        if response.body.len() > MAX_BODY_BYTES {
            wire.notes.push(format!(
                "wire: {}{status} is larger than {} KiB: left out",
                response.origin.escape_debug(),
                MAX_BODY_BYTES / 1024
            ));
            continue;
        }
        match serde_json::from_slice::<Value>(&response.body) {
            Ok(mut value) => {
                // What import quotes from a recording (a message, a type, a sub-code) goes
                // into the catalog's source, which is committed, and a real response's
                // message can hold a key (`Invalid API Key provided: sk_live_...`): the body
                // is redacted as `record` redacts it before anything is read from it.
                Redactor::default().json(&mut value, &mut Vec::new());
                from_recordings.push(Sample {
                    // Escaped: an origin holding a line break would end the note's comment.
                    from: format!("{}{status}", response.origin.escape_debug()),
                    code: None,
                    leaves: leaves(&value),
                    status: response.status,
                    headers,
                    file: file_of(&response.origin).escape_debug().to_string(),
                });
            }
            Err(_) => wire.notes.push(format!(
                "wire: {}{status} has no JSON body: left out",
                response.origin.escape_debug()
            )),
        }
    }

    let recorded_code = best_code_pointer(&from_recordings, codes);
    let page_code = best_code_pointer(&from_page, codes);
    // Recorded responses are what the provider sends: they decide over the docs' samples.
    if recorded.len() > MAX_RECORDED {
        wire.notes.push(format!(
            "wire: the first {MAX_RECORDED} of {} recorded responses were read",
            recorded.len()
        ));
    }
    let recordings_decide = recorded_code.is_some();
    let (deciding, kind, code) = match (recorded_code, page_code) {
        (Some(found), _) => (&from_recordings, "recorded responses", Some(found)),
        (None, Some(found)) => (&from_page, "samples on the page", Some(found)),
        (None, None) => (&from_page, "samples on the page", None),
    };
    if !from_recordings.is_empty() && !recordings_decide {
        wire.notes.push(format!(
            "wire: none of the {} recorded responses holds a code the page documents: review them",
            from_recordings.len()
        ));
    }
    let Some((code, held)) = code else {
        return from_prose(
            wire,
            prose,
            lines,
            !page_samples.is_empty() || !recorded.is_empty(),
        );
    };
    let first = deciding
        .iter()
        .find(|sample| sample.holds_at(codes, &code))
        .map_or("", |sample| sample.from.as_str());
    wire.notes.push(format!(
        "wire: code at {code:?}: {held} of {} {kind} hold a documented code there, first {first}",
        deciding.len()
    ));
    let (missing_samples, _): (Vec<&Sample>, Vec<&Sample>) = deciding
        .iter()
        .partition(|sample| !sample.holds_at(codes, &code));
    // Samples that hold a documented code elsewhere are another wire shape of the provider
    // (a gateway's errors beside the API's): up to two more, each with its message.
    let mut others: Vec<Sample> = missing_samples
        .iter()
        .map(|&sample| sample.clone())
        .collect();
    while wire.others.len() < 2 {
        let Some((second, held)) = best_code_pointer(&others, codes) else {
            break;
        };
        let message = named_pointer(&others, &MESSAGE_NAMES, Some(&second), &|pointer| {
            list_prefix(pointer) == list_prefix(&second)
        });
        wire.notes.push(format!(
            "wire: {held} {kind} hold a documented code at {second:?} instead: a second shape, `else json`"
        ));
        others.retain(|sample| !sample.holds_at(codes, &second));
        wire.others.push((second, message));
    }
    // The code pointers of every shape, without list marks: where a sample holds a code.
    let code_pointers: Vec<String> = std::iter::once(code.as_str())
        .chain(wire.others.iter().map(|(pointer, _)| pointer.as_str()))
        .map(without_lists)
        .collect();
    let mut successes = 0;
    others.retain(|sample| {
        if !recordings_decide {
            return true;
        }
        // Of recorded responses, rows take those that hold an undocumented code where the
        // codes are, with a status (a row of its own, `added`), and the errors that hold no
        // code at all (a row without a code, `_`); a success without a code is no error.
        let holds_a_code = sample.code_leaf(&code_pointers).is_some();
        match sample.status {
            Some(_) if holds_a_code => false,
            Some(status) if status >= 400 => false,
            Some(_) => {
                successes += 1;
                false
            }
            None => true,
        }
    });
    if successes > 0 {
        wire.notes.push(format!(
            "wire: {successes} of the {kind} hold no code and are no errors (2xx or 3xx): left out"
        ));
    }
    let missing: Vec<&str> = others.iter().map(|sample| sample.from.as_str()).collect();
    let shapes = if wire.others.is_empty() {
        format!("at {code:?}")
    } else {
        "in any of these shapes".to_owned()
    };
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        wire.notes.push(format!(
            "wire: {} of the {kind} hold no documented code {shapes}, review: {}{}",
            missing.len(),
            shown.join(", "),
            if missing.len() > shown.len() {
                ", ..."
            } else {
                ""
            }
        ));
    }
    // The docs' samples, checked against what the recordings decided.
    if recordings_decide && !from_page.is_empty() {
        let elsewhere: Vec<&str> = from_page
            .iter()
            .filter(|sample| !sample.holds_at(codes, &code))
            .map(|sample| sample.from.as_str())
            .collect();
        if elsewhere.is_empty() {
            wire.notes.push(format!(
                "wire: the {} samples on the page agree",
                from_page.len()
            ));
        } else {
            let at = best_code_pointer(&from_page, codes)
                .map_or_else(String::new, |(pointer, _)| format!(" (at {pointer:?})"));
            wire.notes.push(format!(
                "wire: {} of the {} samples on the page put the code elsewhere{at}, first {}: the recordings win, review the page",
                elsewhere.len(),
                from_page.len(),
                elsewhere[0]
            ));
        }
    }
    // Where the code sits in a list of errors, the fields of an error sit in that list too,
    // and the fields of the whole response (the request id) outside it, as the DSL reads them.
    let list = list_prefix(&code).map(str::to_owned);
    wire.list = list.clone();
    let in_list = |pointer: &str| list_prefix(pointer) == list.as_deref();
    let outside = |pointer: &str| !pointer.contains("/*");
    let code = Some(code);
    for (field, names, slot, fits) in [
        (
            "message",
            &MESSAGE_NAMES[..],
            &mut wire.message,
            &in_list as &dyn Fn(&str) -> bool,
        ),
        (
            "request_id",
            &REQUEST_ID_NAMES[..],
            &mut wire.request_id,
            &outside as &dyn Fn(&str) -> bool,
        ),
        (
            "category",
            &TYPE_NAMES[..],
            &mut wire.category,
            &in_list as &dyn Fn(&str) -> bool,
        ),
    ] {
        *slot = named_pointer(deciding, names, code.as_deref(), fits);
        if let Some(pointer) = slot.as_deref() {
            let held = deciding
                .iter()
                .filter(|sample| sample.leaves.iter().any(|leaf| leaf.pointer == pointer))
                .count();
            wire.notes.push(format!(
                "wire: {field} at {pointer:?}: named so in {held} of {} {kind}",
                deciding.len()
            ));
        }
    }
    wire.code = code;
    wire.decided_by_recordings = recordings_decide;
    if recordings_decide {
        learn_from_recordings(&mut wire, &from_recordings, &code_pointers, codes, kind);
    }
    wire
}

/// Field names of a second code beside the code: a reason or decline code.
const SUB_CODE_NAMES: [&str; 6] = [
    "decline_code",
    "sub_code",
    "subcode",
    "error_subcode",
    "detail_code",
    "reason",
];

/// Field names of the server's own retry flag.
const RETRY_FLAG_NAMES: [&str; 5] = [
    "recoverable",
    "retryable",
    "retriable",
    "is_retryable",
    "can_retry",
];

/// Header names of a provider's request id, lowercase, in the order they are preferred.
const REQUEST_ID_HEADERS: [&str; 10] = [
    "request-id",
    "x-request-id",
    "x-requestid",
    "x-trace-id",
    "trace-id",
    "x-correlation-id",
    "correlation-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-b3-traceid",
];

/// A pointer with its list marks removed: a lone object where a list should be reads as a
/// list of one, so `/Errors/Error/Code` and `/Errors/Error/*/Code` are one field.
fn without_lists(pointer: &str) -> String {
    pointer.replace("/*", "")
}

/// Whether a text reads as a code: one word of letters, digits, `_`, `-` or `.`.
fn code_like(text: &str) -> bool {
    text.len() >= 2
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && text.chars().any(|c| c.is_ascii_alphabetic())
}

/// The file of an origin (`capture.har entry 3` is `capture.har`).
fn file_of(origin: &str) -> &str {
    origin
        .rsplit_once(" entry ")
        .map_or(origin, |(file, _)| file)
}

/// What the recorded responses teach beyond the code's pointer: each code's statuses, retry
/// flag and headers (`Seen`), codes no page lists, errors in 2xx bodies, a request-id header,
/// a `Retry-After` header, a sub-code field and the server's retry flag. `code_pointers`: every
/// shape's code pointer, without list marks.
fn learn_from_recordings(
    wire: &mut Wire,
    samples: &[Sample],
    code_pointers: &[String],
    codes: &BTreeSet<&str>,
    kind: &str,
) {
    let flag_pointer = named_pointer(samples, &RETRY_FLAG_NAMES, wire.code.as_deref(), &|_| true);
    let message_pointers: Vec<String> = wire
        .message
        .iter()
        .chain(
            wire.others
                .iter()
                .filter_map(|(_, message)| message.as_ref()),
        )
        .map(|pointer| without_lists(pointer))
        .collect();
    // A header that states the server's retry advice, where no body field does.
    let flag_header = if flag_pointer.is_none() {
        retry_flag_header(samples)
    } else {
        None
    };
    let mut retry_after: Option<String> = None;
    let mut request_headers: BTreeMap<usize, (String, usize)> = BTreeMap::new();
    for sample in samples {
        for (name, _) in &sample.headers {
            let lower = name.to_ascii_lowercase();
            if lower == "retry-after" {
                retry_after.get_or_insert_with(|| name.clone());
            }
            if let Some(rank) = REQUEST_ID_HEADERS.iter().position(|known| *known == lower) {
                request_headers.entry(rank).or_insert((name.clone(), 0)).1 += 1;
            }
        }
        let code = sample.code_leaf(code_pointers);
        let status = sample.status;
        let seen = match code {
            Some(code) => {
                if status.is_some_and(|status| (200..300).contains(&status)) {
                    wire.errors_in_2xx = true;
                }
                let at = match wire.seen.iter().position(|(known, _)| *known == code.text) {
                    Some(at) => at,
                    None => {
                        wire.seen.push((code.text.clone(), Seen::default()));
                        wire.seen.len() - 1
                    }
                };
                &mut wire.seen[at].1
            }
            None => {
                // An error without a code (Stripe's `api_error` sends a type and a message):
                // a row without a code takes it, one per type and status.
                let Some(status) = status.filter(|status| *status >= 400) else {
                    continue;
                };
                let category = wire
                    .category
                    .as_deref()
                    .and_then(|pointer| sample.text_at(pointer));
                let known = wire.codeless.iter().position(|seen| {
                    seen.category.as_deref() == category && seen.statuses.contains(&status)
                });
                let at = known.unwrap_or_else(|| {
                    wire.codeless.push(Seen {
                        category: category.map(str::to_owned),
                        ..Seen::default()
                    });
                    wire.codeless.len() - 1
                });
                &mut wire.codeless[at]
            }
        };
        seen.count += 1;
        seen.first.get_or_insert_with(|| sample.file.clone());
        if let Some(status) = status.filter(|status| !seen.statuses.contains(status)) {
            seen.statuses.push(status);
        }
        if sample
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("retry-after"))
        {
            seen.retry_after = true;
        }
        if seen.message.is_none() {
            seen.message = sample
                .leaves
                .iter()
                .find(|leaf| message_pointers.contains(&without_lists(&leaf.pointer)))
                .map(|leaf| leaf.text.clone());
        }
        if seen.category.is_none()
            && let Some(pointer) = &wire.category
        {
            seen.category = sample.text_at(pointer).map(str::to_owned);
        }
        let body_flag = flag_pointer
            .as_deref()
            .and_then(|pointer| sample.text_at(pointer));
        let header_flag = flag_header.as_ref().and_then(|header| {
            sample
                .headers
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(header))
                .map(|(_, value)| value.as_str())
        });
        if let Some(text) = body_flag.or(header_flag) {
            let flag = ServerRetryFlag::parse(text);
            // Responses that disagree leave the flag to the review.
            seen.retry_flag = match (seen.count, seen.retry_flag, flag) {
                (1, _, flag) => flag,
                (_, Some(earlier), Some(flag)) if earlier == flag => Some(flag),
                _ => None,
            };
        }
    }
    let unlisted = wire
        .seen
        .iter()
        .filter(|(code, _)| !codes.contains(code.as_str()))
        .count();
    if unlisted > 0 {
        wire.notes.push(format!(
            "wire: {unlisted} code(s) the {kind} hold are on no page: added as rows, for review"
        ));
    }
    if wire.errors_in_2xx {
        wire.notes.push(format!(
            "wire: {kind} with a 2xx status hold codes: the provider sends errors in 2xx bodies"
        ));
    }
    if let Some(pointer) = flag_pointer {
        wire.notes.push(format!(
            "wire: retryable at {pointer:?}: the server's own retry flag, read into each row's retry"
        ));
        wire.retryable = Some(pointer);
    }
    if let Some(header) = flag_header {
        wire.notes.push(format!(
            "wire: retryable from the {header:?} header the {kind} carry (true or false): the server's own retry flag, read into each row's retry"
        ));
        wire.retryable_header = Some(header);
    }
    let codeless: usize = wire.codeless.iter().map(|seen| seen.count).sum();
    if codeless > 0 {
        wire.notes.push(format!(
            "wire: {codeless} of the {kind} are errors without a code: {} row(s) without a code (`_`) take them, by type and status, for review",
            wire.codeless.len()
        ));
    }
    if let Some(header) = retry_after {
        wire.notes.push(format!(
            "wire: retry_after from the {header:?} header the {kind} carry"
        ));
        wire.retry_after_header = Some(header);
    }
    if wire.request_id.is_none()
        && let Some((_, (header, held))) = request_headers.into_iter().next()
    {
        wire.notes.push(format!(
            "wire: request_id from the {header:?} header, in {held} of {} {kind}",
            samples.len()
        ));
        wire.request_id_header = Some(header);
    }
    // A second code beside the code: a field named like one whose values read as codes.
    let code_pointer = wire.code.clone();
    let list = wire.list.clone();
    let sub = named_pointer(
        samples,
        &SUB_CODE_NAMES,
        code_pointer.as_deref(),
        &|pointer| list_prefix(pointer) == list.as_deref(),
    );
    if let Some(pointer) = sub {
        let values: BTreeSet<&str> = samples
            .iter()
            .flat_map(|sample| &sample.leaves)
            .filter(|leaf| leaf.pointer == pointer && code_like(&leaf.text))
            .map(|leaf| leaf.text.as_str())
            .collect();
        if !values.is_empty() {
            let shown: Vec<&str> = values.iter().take(4).copied().collect();
            wire.notes.push(format!(
                "wire: sub_code at {pointer:?}: a second code ({}{}); declare its values under their entry with `sub_codes {{ ... }}`",
                shown.join(", "),
                if values.len() > shown.len() { ", ..." } else { "" }
            ));
            wire.sub_code = Some(pointer);
        }
    }
    learn_beside_the_code(wire, samples, kind);
}

/// Field names of the request parameter an error is about.
const PARAMETER_NAMES: [&str; 2] = ["param", "parameter"];

/// Beside the code: the request parameter an error names (`param`), and links (`doc_url`,
/// `request_log_url`), which become the catalog's own fields. A field whose values are not all
/// links is left alone: it may be anything, a secret included.
fn learn_beside_the_code(wire: &mut Wire, samples: &[Sample], kind: &str) {
    let Some(code) = wire.code.clone() else {
        return;
    };
    let home = without_lists(parent(&code));
    let declared: Vec<String> = [
        &wire.code,
        &wire.message,
        &wire.category,
        &wire.sub_code,
        &wire.request_id,
        &wire.retryable,
    ]
    .into_iter()
    .flatten()
    .map(|pointer| without_lists(pointer))
    .collect();
    // By name: whether every value was a link, and in how many responses it was.
    let mut beside: BTreeMap<&str, (bool, usize)> = BTreeMap::new();
    for sample in samples {
        for leaf in &sample.leaves {
            let pointer = without_lists(&leaf.pointer);
            if without_lists(parent(&leaf.pointer)) != home || declared.contains(&pointer) {
                continue;
            }
            let (links, held) = beside.entry(leaf.name.as_str()).or_insert((true, 0));
            *links &= page::is_http_url(&leaf.text);
            *held += 1;
        }
    }
    let pointer_of =
        |name: &str| format!("{}/{}", parent(&code), catalog_core::pointer::escape(name));
    if let Some(name) = PARAMETER_NAMES
        .iter()
        .find(|name| beside.get(**name).is_some_and(|(links, _)| !links))
    {
        let pointer = pointer_of(name);
        wire.notes.push(format!(
            "wire: source_parameter at {pointer:?}: the request parameter an error names, in {} {kind}",
            beside[name].1
        ));
        wire.source_parameter = Some(pointer);
    }
    let vocabulary: Vec<&str> = catalog_core::Field::spellings()
        .chain(["fields", "field_errors"])
        .collect();
    for (name, (links, _)) in &beside {
        if *links && naming::is_field_name(name) && !vocabulary.contains(name) {
            wire.own_fields.push(((*name).to_owned(), pointer_of(name)));
        }
    }
    if !wire.own_fields.is_empty() {
        let names: Vec<&str> = wire
            .own_fields
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        wire.notes.push(format!(
            "wire: fields {{ {} }}: links beside the code in the {kind}, kept as the catalog's own fields",
            names.join(", ")
        ));
    }
}

/// The header a provider states its retry advice in (`Stripe-Should-Retry`, `X-Should-Retry`),
/// as first spelled: one whose values are all `true` or `false`.
fn retry_flag_header(samples: &[Sample]) -> Option<String> {
    let mut found: Option<String> = None;
    for (name, value) in samples.iter().flat_map(|sample| &sample.headers) {
        if !name.to_ascii_lowercase().ends_with("should-retry") {
            continue;
        }
        // A value that is no flag: the header is not one.
        ServerRetryFlag::parse(value)?;
        found.get_or_insert_with(|| name.clone());
    }
    found
}

/// The fallback: field names the page's words give, such as "the `error_code` field".
fn from_prose(mut wire: Wire, prose: &str, lines: &Lines<'_>, had_samples: bool) -> Wire {
    let mut found_any = false;
    for (field, names) in PROSE_NAMES {
        let found = prose.lines().enumerate().find_map(|(i, line)| {
            names
                .iter()
                .find(|name| names_field(line, name))
                .map(|name| (i + 1, *name))
        });
        let Some((line, name)) = found else { continue };
        let pointer = format!("/{name}");
        wire.notes.push(format!(
            "wire: {field} at {pointer:?}, from the page's words ({})",
            lines.at(line)
        ));
        found_any = true;
        match field {
            "code" => wire.code = Some(pointer),
            "message" => wire.message = Some(pointer),
            "request_id" => wire.request_id = Some(pointer),
            _ => wire.category = Some(pointer),
        }
    }
    let what = if had_samples {
        "no sample holds a documented code"
    } else {
        "no sample response on the page or recorded"
    };
    if !found_any {
        wire.notes.push(format!(
            "wire: {what}, and the page names no field: `/code` and `/message` are guesses; pass --sample FILE (a HAR capture or a recorded body) so that responses decide"
        ));
    } else {
        wire.notes.push(format!(
            "wire: {what}: the pointers are read from the page's words, review them"
        ));
    }
    wire
}

/// Whether `line` holds `name` as a whole word (not inside a longer identifier).
fn names_field(line: &str, name: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + name.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn codes() -> BTreeSet<&'static str> {
        ["PRODUCT_NOT_READY", "ITEM_LOGIN_REQUIRED", "1200"]
            .into_iter()
            .collect()
    }

    fn recorded(origin: &str, body: &str) -> RecordedResponse {
        RecordedResponse {
            origin: origin.to_owned(),
            status: Some(400),
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }

    #[test]
    fn recorded_responses_decide_over_the_page_and_say_so() {
        let page = [(
            "PRODUCT_NOT_READY".to_owned(),
            r#"{"code": "PRODUCT_NOT_READY", "message": "m"}"#.to_owned(),
            7,
        )];
        let recordings = [
            recorded(
                "a.har entry 0",
                r#"{"error": {"error_code": "PRODUCT_NOT_READY", "error_message": "m", "error_type": "ITEM_ERROR"}, "request_id": "r1"}"#,
            ),
            recorded(
                "a.har entry 1",
                r#"{"error": {"error_code": "ITEM_LOGIN_REQUIRED", "error_message": "m", "error_type": "ITEM_ERROR"}, "request_id": "r2"}"#,
            ),
            recorded("a.har entry 2", "<html>502 Bad Gateway</html>"),
        ];
        let wire = infer(&page, &recordings, &codes(), "", &Lines(&[]));
        assert_eq!(wire.code.as_deref(), Some("/error/error_code"));
        assert_eq!(wire.message.as_deref(), Some("/error/error_message"));
        assert_eq!(wire.category.as_deref(), Some("/error/error_type"));
        assert_eq!(wire.request_id.as_deref(), Some("/request_id"));
        let notes = wire.notes.join("\n");
        assert!(
            notes.contains(
                "2 of 2 recorded responses hold a documented code there, first a.har entry 0"
            ),
            "{notes}"
        );
        assert!(
            notes.contains("a.har entry 2 (HTTP 400) has no JSON body"),
            "{notes}"
        );
        assert!(
            notes.contains("1 of the 1 samples on the page put the code elsewhere (at \"/code\"), first the sample of PRODUCT_NOT_READY (docs line 7)"),
            "{notes}"
        );
    }

    #[test]
    fn codes_in_arrays_and_numbers_are_found() {
        let recordings = [recorded(
            "b.json",
            r#"{"Errors": {"Error": [{"Source": "x", "ReasonCode": 1200, "Description": "d"}]}}"#,
        )];
        let wire = infer(&[], &recordings, &codes(), "", &Lines(&[]));
        assert_eq!(wire.code.as_deref(), Some("/Errors/Error/*/ReasonCode"));
        assert_eq!(wire.message.as_deref(), Some("/Errors/Error/*/Description"));
    }

    #[test]
    fn pointers_keep_to_one_list_and_response_fields_stay_outside_it() {
        let recordings = [
            recorded(
                "nested.json",
                r#"{"errors": [{"details": [{"code": "PRODUCT_NOT_READY"}]}]}"#,
            ),
            recorded(
                "listed.json",
                r#"{"message": "top", "type": "t", "errors": [{"code": "ITEM_LOGIN_REQUIRED", "request_id": "inside"}], "request_id": "r"}"#,
            ),
        ];
        let wire = infer(&[], &recordings, &codes(), "", &Lines(&[]));
        assert_eq!(wire.code.as_deref(), Some("/errors/*/code"));
        assert_eq!(wire.list.as_deref(), Some("/errors"));
        // The top-level message and type describe the response, not an error of the list.
        assert_eq!(wire.message, None);
        assert_eq!(wire.category, None);
        assert_eq!(wire.request_id.as_deref(), Some("/request_id"));
    }

    /// Every recorded response without a documented code is accounted for: an undocumented
    /// code becomes a row of its own, an error without a code a row without one (`_`), a
    /// success is left out, and only what none of those explains is named for review.
    #[test]
    fn a_sample_that_holds_no_documented_code_is_named() {
        let with_status = |origin: &str, status: Option<u16>, body: &str| RecordedResponse {
            status,
            ..recorded(origin, body)
        };
        let recordings = [
            recorded("c.har entry 0", r#"{"code": "PRODUCT_NOT_READY"}"#),
            recorded("c.har entry 1", r#"{"code": "SOMETHING_NEW"}"#),
            with_status("c.har entry 2", None, r#"{"detail": "Gateway timeout"}"#),
            with_status(
                "c.har entry 3",
                Some(200),
                r#"{"id": "acct_1", "code": null}"#,
            ),
            with_status(
                "c.har entry 4",
                Some(503),
                r#"{"message": "upstream unavailable"}"#,
            ),
        ];
        let wire = infer(&[], &recordings, &codes(), "", &Lines(&[]));
        assert_eq!(wire.code.as_deref(), Some("/code"));
        let notes = wire.notes.join("\n");
        assert!(notes.contains("1 of 5 recorded"), "{notes}");
        assert!(
            notes.contains("1 code(s) the recorded responses hold are on no page: added as rows"),
            "{notes}"
        );
        assert!(
            notes.contains(
                "1 of the recorded responses are errors without a code: 1 row(s) without a code"
            ),
            "{notes}"
        );
        assert!(
            notes.contains(
                "1 of the recorded responses hold no code and are no errors (2xx or 3xx): left out"
            ),
            "{notes}"
        );
        assert!(
            notes.contains("1 of the recorded responses hold no documented code at \"/code\", review: c.har entry 2"),
            "{notes}"
        );
        assert_eq!(wire.codeless.len(), 1);
        assert_eq!(wire.codeless[0].statuses, [503]);
        assert_eq!(
            wire.codeless[0].message.as_deref(),
            Some("upstream unavailable")
        );
    }

    /// What import quotes from a recording goes into committed source: a key in a message
    /// and a field named like a secret are masked as `record` masks them.
    #[test]
    fn secrets_in_recorded_bodies_never_reach_the_catalog() {
        let key = "sk_live_51QHarborAbCdEfGhIjKlMnOpQrSt";
        let recordings = [
            recorded("c.har entry 0", r#"{"code": "PRODUCT_NOT_READY"}"#),
            RecordedResponse {
                status: Some(401),
                ..recorded(
                    "c.har entry 1",
                    &format!(
                        r#"{{"message": "Invalid API Key provided: {key}", "client_secret": "pi_1_secret_Zq9Xw8Vu7Ts6"}}"#
                    ),
                )
            },
        ];
        let wire = infer(&[], &recordings, &codes(), "", &Lines(&[]));
        let seen = format!("{wire:?}");
        assert!(!seen.contains(key), "{seen}");
        assert!(!seen.contains("Zq9Xw8Vu7Ts6"), "{seen}");
        assert_eq!(
            wire.codeless[0].message.as_deref(),
            Some("Invalid API Key provided: sk_live_[redacted]")
        );
    }

    #[test]
    fn the_page_words_are_the_fallback_and_plain_words_name_nothing() {
        let prose = "# Errors\n\nEvery error has a code and a message.\n\nThe `error_code` field holds the code; `error_message` explains it.\n";
        let wire = infer(&[], &[], &codes(), prose, &Lines(&[]));
        assert_eq!(wire.code.as_deref(), Some("/error_code"));
        assert_eq!(wire.message.as_deref(), Some("/error_message"));
        assert_eq!(wire.request_id, None);
        let notes = wire.notes.join("\n");
        assert!(
            notes.contains("from the page's words (docs line 5)"),
            "{notes}"
        );
        let none = infer(
            &[],
            &[],
            &codes(),
            "Every error has a code and a message.",
            &Lines(&[]),
        );
        assert_eq!(none.code, None);
        assert!(
            none.notes
                .join("\n")
                .contains("are guesses; pass --sample FILE")
        );
        assert!(!names_field("my_error_code_x", "error_code"));
    }

    #[test]
    fn a_page_sample_that_is_not_json_is_noted() {
        let page = [("X".to_owned(), "{ \"code\": \"X\", ... }".to_owned(), 3)];
        let wire = infer(&page, &[], &codes(), "", &Lines(&[]));
        let notes = wire.notes.join("\n");
        assert!(
            notes.contains("no sample holds a documented code"),
            "{notes}"
        );
        assert!(notes.contains("the sample of X (docs line 3) is not JSON (key must be a string at line 1 column 16): left out"), "{notes}");
    }
}
