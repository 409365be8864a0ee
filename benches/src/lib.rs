//! Baselines and corpora for the classification benchmarks.
//!
//! - `handwritten`: what an expert writes per provider: a `#[derive(Deserialize)]` struct with
//!   borrowed fields for that provider's wire format and a `match` on the code.
//! - `value_map`: the dynamic approach: `serde_json::Value` and a `HashMap` from code to entry.
//!
//! Each returns the facts the generated classification gives a caller deciding what to do: the
//! entry (or none), the message, the request id where the catalog declares one, and whether to
//! retry (the entry's policy, or its sub-code's). They read the wire formats as the providers'
//! docs describe them. On a few edge-case recordings a baseline reads less than the generated
//! path, which spares it work rather than adding any: a Connect `data` sent as a lone object
//! (both baselines); in the hand-written parsers, a Plaid code sent as a string, MDES's
//! `Recoverable` spelled `"TRUE"`, Mastercard's unknown codes judged without their status, and
//! MDES API errors judged by `Retry-After` alone. The hand-written Aiia parser also takes
//! `details.reason` as the message when `details.message` is missing.

#![allow(missing_docs, clippy::unwrap_used)]

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::spec::CatalogSpec;
use contract_tests::recording::{Recording, load_dir};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

mod tables;

/// What a baseline returns: enough to act on the error.
#[derive(Debug)]
pub struct Outcome<'a> {
    pub entry: Option<u16>,
    pub message: Option<Cow<'a, str>>,
    pub request_id: Option<Cow<'a, str>>,
    pub retryable: bool,
}

fn retryable_by_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502..=504)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<Cow<'a, str>> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(Cow::Borrowed)
}

fn fallback<'a>(status: StatusCode) -> Outcome<'a> {
    Outcome {
        entry: None,
        message: None,
        request_id: None,
        retryable: retryable_by_status(status),
    }
}

/// A code sent as a number or as a string of digits.
fn int_or_str<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    struct IntOrStr;
    impl<'de> Visitor<'de> for IntOrStr {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a code")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(E::custom)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            v.parse().map_err(E::custom)
        }
    }
    deserializer.deserialize_any(IntOrStr)
}

/// A flag sent as a bool or as "true"/"false".
fn bool_or_str<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    struct BoolOrStr;
    impl<'de> Visitor<'de> for BoolOrStr {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a flag")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(v.parse().ok())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(BoolOrStr)
}

/// A list of errors sent as an array or as a lone object.
fn one_or_many<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    struct OneOrMany<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrMany<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error or a list of errors")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            Ok(vec![T::deserialize(
                de::value::MapAccessDeserializer::new(map),
            )?])
        }
    }
    deserializer.deserialize_any(OneOrMany(std::marker::PhantomData))
}

/// An id sent as a string or a number.
fn id_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    struct IdText;
    impl<'de> Visitor<'de> for IdText {
        type Value = Option<Cow<'de, str>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_owned())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(IdText)
}

pub mod handwritten {
    use super::*;

    /// A hand-written parser: status, headers and body to an outcome.
    pub type Parser = for<'a> fn(StatusCode, &'a HeaderMap, &'a [u8]) -> Outcome<'a>;

    /// The hand-written parser for a provider (MDES's for any other id).
    pub fn for_provider(id: &str) -> Parser {
        match id {
            "plaid-legacy" => plaid_legacy,
            "mastercard-au" => mastercard_au,
            "connect-api" => connect_api,
            "aiia" => aiia,
            _ => mdes,
        }
    }

    #[derive(Deserialize)]
    struct Plaid<'a> {
        code: i64,
        #[serde(borrow)]
        message: Option<Cow<'a, str>>,
        #[serde(borrow)]
        #[allow(dead_code)]
        resolve: Option<Cow<'a, str>>,
    }

    pub fn plaid_legacy<'a>(
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
    ) -> Outcome<'a> {
        match serde_json::from_slice::<Plaid<'a>>(body) {
            Ok(parsed) => Outcome {
                entry: tables::plaid_legacy(parsed.code),
                message: parsed.message,
                request_id: header(headers, "x-request-id"),
                retryable: retryable_by_status(status) || matches!(parsed.code, 1302 | 1303 | 1701),
            },
            Err(_) => fallback(status),
        }
    }

    #[derive(Deserialize)]
    struct Mastercard<'a> {
        #[serde(deserialize_with = "int_or_str")]
        code: i64,
        #[serde(borrow)]
        message: Option<Cow<'a, str>>,
        #[serde(borrow)]
        #[allow(dead_code)]
        title: Option<Cow<'a, str>>,
        #[serde(borrow)]
        #[allow(dead_code)]
        user_message: Option<Cow<'a, str>>,
    }

    pub fn mastercard_au<'a>(status: StatusCode, _: &'a HeaderMap, body: &'a [u8]) -> Outcome<'a> {
        match serde_json::from_slice::<Mastercard<'a>>(body) {
            Ok(parsed) => Outcome {
                entry: tables::mastercard_au(parsed.code),
                message: parsed.message,
                request_id: None,
                retryable: matches!(parsed.code, 325 | 170 | 102 | 2006),
            },
            Err(_) => fallback(status),
        }
    }

    #[derive(Deserialize)]
    struct Connect<'a> {
        #[serde(
            borrow,
            rename = "correlationId",
            default,
            deserialize_with = "id_text"
        )]
        correlation_id: Option<Cow<'a, str>>,
        #[serde(borrow)]
        data: Vec<ConnectError<'a>>,
    }

    #[derive(Deserialize)]
    struct ConnectError<'a> {
        #[serde(borrow)]
        code: Cow<'a, str>,
        #[serde(borrow)]
        title: Option<Cow<'a, str>>,
        #[serde(borrow)]
        #[allow(dead_code)]
        detail: Option<Cow<'a, str>>,
        #[serde(borrow)]
        #[allow(dead_code)]
        source: Option<ConnectSource<'a>>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct ConnectSource<'a> {
        #[serde(borrow)]
        pointer: Option<Cow<'a, str>>,
        #[serde(borrow)]
        parameter: Option<Cow<'a, str>>,
    }

    pub fn connect_api<'a>(status: StatusCode, _: &'a HeaderMap, body: &'a [u8]) -> Outcome<'a> {
        match serde_json::from_slice::<Connect<'a>>(body) {
            Ok(mut parsed) if !parsed.data.is_empty() => {
                let first = parsed.data.swap_remove(0);
                Outcome {
                    entry: tables::connect_api(status.as_u16(), &first.code),
                    message: first.title,
                    request_id: parsed.correlation_id,
                    retryable: retryable_by_status(status),
                }
            }
            _ => fallback(status),
        }
    }

    #[derive(Deserialize)]
    struct Aiia<'a> {
        #[serde(borrow)]
        error: Cow<'a, str>,
        #[serde(borrow)]
        details: Option<AiiaDetails<'a>>,
    }

    #[derive(Deserialize)]
    struct AiiaDetails<'a> {
        #[serde(borrow)]
        reason: Option<Cow<'a, str>>,
        #[serde(borrow)]
        message: Option<Cow<'a, str>>,
    }

    pub fn aiia<'a>(status: StatusCode, _: &'a HeaderMap, body: &'a [u8]) -> Outcome<'a> {
        match serde_json::from_slice::<Aiia<'a>>(body) {
            Ok(parsed) => {
                let (reason, message) = match parsed.details {
                    Some(details) => (details.reason, details.message),
                    None => (None, None),
                };
                let retryable = match (&*parsed.error, reason.as_deref()) {
                    ("ProviderCallFailed", Some("AdapterExpired")) => false,
                    ("ProviderDisabled" | "Conflict" | "RateLimited", _) => true,
                    _ => retryable_by_status(status),
                };
                Outcome {
                    entry: tables::aiia(&parsed.error),
                    message: message.or(reason),
                    // The catalog declares none: Aiia documents no request id.
                    request_id: None,
                    retryable,
                }
            }
            Err(_) => fallback(status),
        }
    }

    #[derive(Deserialize)]
    struct Mdes<'a> {
        #[serde(borrow, rename = "Errors")]
        gateway: Option<MdesGateway<'a>>,
        #[serde(borrow)]
        errors: Option<Vec<MdesApiError<'a>>>,
        #[serde(borrow, rename = "errorCode")]
        error_code: Option<Cow<'a, str>>,
        #[serde(borrow, rename = "reasonCode")]
        reason_code: Option<Cow<'a, str>>,
        #[serde(borrow, rename = "errorDescription")]
        error_description: Option<Cow<'a, str>>,
        #[serde(borrow, rename = "responseId", default, deserialize_with = "id_text")]
        response_id: Option<Cow<'a, str>>,
    }

    #[derive(Deserialize)]
    struct MdesGateway<'a> {
        #[serde(borrow, rename = "Error", deserialize_with = "one_or_many")]
        error: Vec<MdesGatewayError<'a>>,
    }

    #[derive(Deserialize)]
    struct MdesGatewayError<'a> {
        #[serde(borrow, rename = "ReasonCode")]
        reason_code: Cow<'a, str>,
        #[serde(borrow, rename = "Description")]
        description: Option<Cow<'a, str>>,
        #[serde(rename = "Recoverable", default, deserialize_with = "bool_or_str")]
        recoverable: Option<bool>,
    }

    #[derive(Deserialize)]
    struct MdesApiError<'a> {
        #[serde(borrow, rename = "reasonCode")]
        reason_code: Cow<'a, str>,
        #[serde(borrow)]
        description: Option<Cow<'a, str>>,
    }

    pub fn mdes<'a>(status: StatusCode, headers: &'a HeaderMap, body: &'a [u8]) -> Outcome<'a> {
        let Ok(parsed) = serde_json::from_slice::<Mdes<'a>>(body) else {
            return fallback(status);
        };
        if let Some(first) = parsed
            .gateway
            .and_then(|gateway| gateway.error.into_iter().next())
        {
            return Outcome {
                entry: tables::mdes(&first.reason_code),
                message: first.description,
                request_id: None,
                retryable: first.recoverable.unwrap_or(false),
            };
        }
        let (code, message) = match parsed.errors.and_then(|errors| errors.into_iter().next()) {
            Some(first) => (Some(first.reason_code), first.description),
            None => (
                parsed.reason_code.or(parsed.error_code),
                parsed.error_description,
            ),
        };
        match code {
            Some(code) => Outcome {
                entry: tables::mdes(&code),
                message,
                request_id: parsed.response_id,
                retryable: headers.contains_key("retry-after"),
            },
            None => fallback(status),
        }
    }
}

pub mod value_map {
    use super::*;

    /// The code-to-entry map a dynamic approach builds once per provider.
    pub fn index(spec: &CatalogSpec) -> HashMap<String, u16> {
        let by_status = spec.key == catalog_core::KeyMode::StatusCode;
        let mut map = HashMap::new();
        for (i, entry) in spec.entries.iter().enumerate() {
            if by_status {
                for status in entry.statuses {
                    map.insert(format!("{status} {}", entry.code_text), i as u16);
                }
            } else {
                map.insert(entry.code_text.to_owned(), i as u16);
            }
        }
        map
    }

    fn text(value: Option<&serde_json::Value>) -> Option<String> {
        match value? {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }

    /// Parses into a `Value`, finds the code, message and request id at the provider's
    /// pointers (or header), looks the code up, and reads the entry's retry policy.
    pub fn classify<'a>(
        spec: &CatalogSpec,
        map: &HashMap<String, u16>,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &[u8],
    ) -> Outcome<'a> {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
            return fallback(status);
        };
        let (code, message, request_id) = match spec.id {
            "plaid-legacy" => (
                text(value.get("code")),
                text(value.get("message")),
                header(headers, "x-request-id"),
            ),
            "mastercard-au" => (text(value.get("code")), text(value.get("message")), None),
            "connect-api" => (
                text(value.pointer("/data/0/code"))
                    .map(|code| format!("{} {code}", status.as_u16())),
                text(value.pointer("/data/0/title")),
                text(value.get("correlationId")).map(Cow::Owned),
            ),
            "aiia" => (
                text(value.get("error")),
                text(value.pointer("/details/message")),
                None,
            ),
            _ => {
                let gateway = value
                    .pointer("/Errors/Error/0")
                    .or_else(|| value.pointer("/Errors/Error"));
                match gateway {
                    Some(error) => (
                        text(error.get("ReasonCode")),
                        text(error.get("Description")),
                        None,
                    ),
                    None => (
                        text(value.pointer("/errors/0/reasonCode"))
                            .or_else(|| text(value.get("reasonCode")))
                            .or_else(|| text(value.get("errorCode"))),
                        text(value.pointer("/errors/0/description"))
                            .or_else(|| text(value.get("description")))
                            .or_else(|| text(value.get("errorDescription"))),
                        text(value.get("responseId")).map(Cow::Owned),
                    ),
                }
            }
        };
        let entry = code.and_then(|code| map.get(&code).copied());
        // Aiia's sub-code (`details.reason`) may carry a retry policy of its own.
        let sub_code = match spec.id {
            "aiia" => value
                .get("details")
                .and_then(|details| details.get("reason"))
                .and_then(serde_json::Value::as_str),
            _ => None,
        };
        let retryable = match entry.map(|i| &spec.entries[usize::from(i)]) {
            Some(entry) => sub_code
                .and_then(|sent| entry.sub_code(sent))
                .map_or(entry.retry, |sub| sub.retry)
                .is_retryable(),
            None => retryable_by_status(status) || headers.contains_key("retry-after"),
        };
        Outcome {
            entry,
            message: message.map(Cow::Owned),
            request_id,
            retryable,
        }
    }
}

/// A corpus: recorded bodies of one kind for one provider.
pub struct Corpus {
    pub provider: &'static str,
    pub kind: &'static str,
    pub cases: Vec<Recording>,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.cases.iter().map(|case| case.body.len()).sum()
    }
}

/// The recorded bodies of every seed provider, by kind: documented codes, unknown codes, list
/// bodies with several errors, and bodies that are not JSON.
pub fn corpora() -> Vec<Corpus> {
    let mut out = Vec::new();
    for spec in providers::all() {
        let recordings = load_dir(&fixtures::har_dir(spec.id)).unwrap();
        let pick = |kind: &'static str, keep: &dyn Fn(&Recording) -> bool| Corpus {
            provider: spec.id,
            kind,
            cases: recordings.iter().filter(|r| keep(r)).cloned().collect(),
        };
        out.push(pick("known", &|r| {
            r.expected.variant.is_some() && r.expected.errors.unwrap_or(1) <= 1
        }));
        out.push(pick("unknown", &|r| {
            r.expected.known == Some(false) && matches!(r.expected.code, Some(Some(_)))
        }));
        out.push(pick("list", &|r| r.expected.errors.is_some_and(|n| n > 1)));
        out.push(pick("not-json", &|r| r.expected.body_error == Some(true)));
    }
    out.retain(|corpus| !corpus.cases.is_empty());
    out
}
