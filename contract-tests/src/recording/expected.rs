//! `_expected`: what a recorded response must classify as. `record` writes it from a
//! classification ([`Expected::recorded`]), conformance compares a classification with it, and
//! the loader reads it; one type, read and written with serde.
//!
//! `record` writes eight keys (the *recorded* ones: `known`, `variant`, `code`, `sub_code`,
//! `sub_variant`, `retryable`, `kind`, `actor`); the others (a message, a delay, a request id,
//! ...) are added by hand, and `record` keeps them while the entry's response stays the same
//! ([`Expected::merge`]). Keys are written back in the order they were read, so that a file
//! recorded again changes only where an expectation does.

use std::fmt;

use catalog_core::{Classification, Field};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The classification a recording must get. Only the keys present are checked.
///
/// A key given as `null` is `Some(None)` where the field says so: the recording expects that
/// nothing was read there (no code, no request id), which is not the same as not checking it.
///
/// ```
/// use contract_tests::recording::Expected;
///
/// let text = r#"{"variant": "InvalidCredentials", "code": "1200", "request_id": null}"#;
/// let expected: Expected = serde_json::from_str(text).unwrap();
/// assert_eq!(expected.code, Some(Some("1200".to_owned())));
/// assert_eq!(expected.request_id, Some(None));
/// assert_eq!(expected.retryable, None);
/// // Written back as read: the same keys, in the same order.
/// assert_eq!(
///     serde_json::to_string(&expected).unwrap(),
///     r#"{"variant":"InvalidCredentials","code":"1200","request_id":null}"#
/// );
/// assert!(serde_json::from_str::<Expected>(r#"{"varaint": "X"}"#).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expected {
    /// Whether the code is in the catalog.
    pub known: Option<bool>,
    /// The variant name (implies `known: true`).
    pub variant: Option<String>,
    /// The code as sent, as text; `null` to expect that none could be read.
    pub code: Option<Option<String>>,
    /// The sub-code as sent; `null` to expect none.
    pub sub_code: Option<Option<String>>,
    /// The catalog's name for the sub-code; `null` to expect that no declared sub-code matched.
    pub sub_variant: Option<Option<String>>,
    /// Whether the advice is to retry.
    pub retryable: Option<bool>,
    /// The normalized kind, as spelled in JSON output.
    pub kind: Option<String>,
    /// The actor, as spelled in JSON output.
    pub actor: Option<String>,
    /// The delay in seconds; `null` to expect none.
    pub retry_after_secs: Option<Option<u64>>,
    /// How many errors the body holds.
    pub errors: Option<usize>,
    /// The request id; `null` to expect none.
    pub request_id: Option<Option<String>>,
    /// Whether the body should fail to read as the wire format (HTML pages, empty bodies).
    pub body_error: Option<bool>,
    /// The first error's message; `null` to expect none.
    pub message: Option<Option<String>>,
    /// The first error's title; `null` to expect none.
    pub title: Option<Option<String>>,
    /// The first error's detail; `null` to expect none.
    pub detail: Option<Option<String>>,
    /// The first error's `source.pointer`; `null` to expect none.
    pub source_pointer: Option<Option<String>>,
    /// The first error's `source.parameter`; `null` to expect none.
    pub source_parameter: Option<Option<String>>,
    order: KeyOrder,
}

/// The keys of `_expected`, in the order `record` writes the recorded ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Known,
    Variant,
    Code,
    SubCode,
    SubVariant,
    Retryable,
    Kind,
    Actor,
    RetryAfterSecs,
    Errors,
    RequestId,
    BodyError,
    Message,
    Title,
    Detail,
    SourcePointer,
    SourceParameter,
}

impl Key {
    const ALL: [Key; 17] = [
        Key::Known,
        Key::Variant,
        Key::Code,
        Key::SubCode,
        Key::SubVariant,
        Key::Retryable,
        Key::Kind,
        Key::Actor,
        Key::RetryAfterSecs,
        Key::Errors,
        Key::RequestId,
        Key::BodyError,
        Key::Message,
        Key::Title,
        Key::Detail,
        Key::SourcePointer,
        Key::SourceParameter,
    ];

    /// Every key's name, as serde's "expected one of" lists them.
    const NAMES: [&'static str; 17] = [
        "known",
        "variant",
        "code",
        "sub_code",
        "sub_variant",
        "retryable",
        "kind",
        "actor",
        "retry_after_secs",
        "errors",
        "request_id",
        "body_error",
        "message",
        "title",
        "detail",
        "source_pointer",
        "source_parameter",
    ];

    fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    fn named(name: &str) -> Option<Key> {
        Self::ALL.into_iter().find(|key| key.name() == name)
    }

    /// Whether `record` writes this key from a classification; the others are hand-written.
    fn recorded(self) -> bool {
        (self as usize) <= (Key::Actor as usize)
    }
}

/// The order in which keys were read (or are to be written): kept to write a file back as it
/// was, and no part of what an expectation says, so two expectations that differ only in it
/// are equal.
#[derive(Clone, Debug, Default)]
struct KeyOrder(Vec<Key>);

impl PartialEq for KeyOrder {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for KeyOrder {}

impl Expected {
    /// What `record` writes for a classification: the variant (or `known: false`), the code,
    /// the sub-code where the catalog's wire format reads one, the catalog's name of the
    /// sub-code where the entry declares sub-codes, retryable, kind and actor.
    ///
    /// Sub-codes are part of the contract: `null` says that none was sent, or that none of
    /// the entry's declared sub-codes matched.
    pub fn recorded(classification: &Classification<'_>) -> Expected {
        let mut expected = Expected::default();
        match classification.entry() {
            Some(entry) => expected.variant = Some(entry.variant.to_owned()),
            None => expected.known = Some(false),
        }
        expected.code = Some(classification.code().map(str::to_owned));
        let reads_sub_codes = classification
            .spec()
            .wire
            .shapes
            .iter()
            .any(|shape| shape.source_of(Field::SubCode).is_some());
        if reads_sub_codes {
            expected.sub_code = Some(classification.sub_code().map(str::to_owned));
        }
        if classification
            .entry()
            .is_some_and(|entry| !entry.sub_codes.is_empty())
        {
            expected.sub_variant = Some(
                classification
                    .sub_code_entry()
                    .map(|sub| sub.name.to_owned()),
            );
        }
        expected.retryable = Some(classification.is_retryable());
        expected.kind = Some(classification.kind().to_string());
        expected.actor = Some(classification.actor().to_string());
        expected
    }

    /// A freshly recorded expectation, with the hand-written keys of the one recorded before
    /// (for the same response) kept after the recorded ones, in their order; an old
    /// `known: true` beside the variant it implies stays.
    pub fn merge(recorded: &Expected, old: Option<&Expected>) -> Expected {
        let mut merged = recorded.clone();
        merged.order = KeyOrder(Vec::new());
        let Some(old) = old else {
            return merged;
        };
        if old.known == Some(true) && recorded.variant.is_some() {
            merged.known = Some(true);
        }
        merged.retry_after_secs.clone_from(&old.retry_after_secs);
        merged.errors = old.errors;
        merged.request_id.clone_from(&old.request_id);
        merged.body_error = old.body_error;
        merged.message.clone_from(&old.message);
        merged.title.clone_from(&old.title);
        merged.detail.clone_from(&old.detail);
        merged.source_pointer.clone_from(&old.source_pointer);
        merged.source_parameter.clone_from(&old.source_parameter);
        let recorded_keys = Key::ALL.into_iter().filter(|key| key.recorded());
        let hand_written = old.keys().into_iter().filter(|key| !key.recorded());
        merged.order = KeyOrder(recorded_keys.chain(hand_written).collect());
        merged
    }

    /// Whether `new` says otherwise than `self` on a key `self` states: a value changed, or
    /// a key lost (but `known: true` where `new` names the variant that implies it).
    pub fn contradicted_by(&self, new: &Expected) -> bool {
        self.keys().into_iter().any(|key| match new.get(key) {
            Some(now) => Some(now) != self.get(key),
            None => !(key == Key::Known && self.known == Some(true) && new.variant.is_some()),
        })
    }

    /// The keys present: first in the order read (or merged), then the others in the order
    /// `record` writes them.
    fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .order
            .0
            .iter()
            .copied()
            .filter(|&key| self.get(key).is_some())
            .collect();
        for key in Key::ALL {
            if !keys.contains(&key) && self.get(key).is_some() {
                keys.push(key);
            }
        }
        keys
    }

    /// The value of a key as JSON, `None` when the key is absent.
    fn get(&self, key: Key) -> Option<Value> {
        match key {
            Key::Known => self.known.map(Value::from),
            Key::Variant => self.variant.clone().map(Value::from),
            Key::Code => self.code.clone().map(Value::from),
            Key::SubCode => self.sub_code.clone().map(Value::from),
            Key::SubVariant => self.sub_variant.clone().map(Value::from),
            Key::Retryable => self.retryable.map(Value::from),
            Key::Kind => self.kind.clone().map(Value::from),
            Key::Actor => self.actor.clone().map(Value::from),
            Key::RetryAfterSecs => self.retry_after_secs.map(Value::from),
            Key::Errors => self.errors.map(Value::from),
            Key::RequestId => self.request_id.clone().map(Value::from),
            Key::BodyError => self.body_error.map(Value::from),
            Key::Message => self.message.clone().map(Value::from),
            Key::Title => self.title.clone().map(Value::from),
            Key::Detail => self.detail.clone().map(Value::from),
            Key::SourcePointer => self.source_pointer.clone().map(Value::from),
            Key::SourceParameter => self.source_parameter.clone().map(Value::from),
        }
    }

    /// Reads the value of `key` from a map being deserialized.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        // A key given as `null` is absent for the two-state fields, and "expect none" for
        // the others.
        match key {
            Key::Known => self.known = map.next_value()?,
            Key::Variant => self.variant = map.next_value()?,
            Key::Code => self.code = Some(map.next_value()?),
            Key::SubCode => self.sub_code = Some(map.next_value()?),
            Key::SubVariant => self.sub_variant = Some(map.next_value()?),
            Key::Retryable => self.retryable = map.next_value()?,
            Key::Kind => self.kind = map.next_value()?,
            Key::Actor => self.actor = map.next_value()?,
            Key::RetryAfterSecs => self.retry_after_secs = Some(map.next_value()?),
            Key::Errors => self.errors = map.next_value()?,
            Key::RequestId => self.request_id = Some(map.next_value()?),
            Key::BodyError => self.body_error = map.next_value()?,
            Key::Message => self.message = Some(map.next_value()?),
            Key::Title => self.title = Some(map.next_value()?),
            Key::Detail => self.detail = Some(map.next_value()?),
            Key::SourcePointer => self.source_pointer = Some(map.next_value()?),
            Key::SourceParameter => self.source_parameter = Some(map.next_value()?),
        }
        Ok(())
    }

    /// The expectation as a JSON object, keys in the order [`Expected`]'s serde form writes.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        for key in self.keys() {
            if let Some(value) = self.get(key) {
                map.insert(key.name().to_owned(), value);
            }
        }
        Value::Object(map)
    }
}

impl Serialize for Expected {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let keys = self.keys();
        let mut map = serializer.serialize_map(Some(keys.len()))?;
        for key in keys {
            map.serialize_entry(key.name(), &self.get(key))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Expected {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ExpectedVisitor)
    }
}

struct ExpectedVisitor;

impl<'de> Visitor<'de> for ExpectedVisitor {
    type Value = Expected;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an `_expected` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Expected, A::Error> {
        let mut expected = Expected::default();
        while let Some(name) = map.next_key::<String>()? {
            let key =
                Key::named(&name).ok_or_else(|| de::Error::unknown_field(&name, &Key::NAMES))?;
            if expected.order.0.contains(&key) {
                return Err(de::Error::duplicate_field(key.name()));
            }
            expected.read(key, &mut map)?;
            expected.order.0.push(key);
        }
        Ok(expected)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn read(text: &str) -> Expected {
        serde_json::from_str(text).unwrap()
    }

    fn written(expected: &Expected) -> String {
        serde_json::to_string(expected).unwrap()
    }

    #[test]
    fn keys_are_written_back_in_the_order_read() {
        for text in [
            r#"{"known":true,"variant":"A","code":"1","retryable":false,"kind":"internal","actor":"nobody","errors":1,"request_id":"r","retry_after_secs":3}"#,
            r#"{"variant":"A","code":null,"detail":"d","message":"m","body_error":false}"#,
            r#"{"message":null,"code":"1"}"#,
        ] {
            assert_eq!(written(&read(text)), text);
            assert_eq!(
                read(text).to_json(),
                serde_json::from_str::<Value>(text).unwrap()
            );
        }
    }

    #[test]
    fn null_means_absent_or_none_as_the_field_says() {
        let expected = read(r#"{"known":null,"code":null,"errors":null}"#);
        assert_eq!(expected.known, None);
        assert_eq!(expected.code, Some(None));
        assert_eq!(expected.errors, None);
        assert_eq!(written(&expected), r#"{"code":null}"#);
    }

    #[test]
    fn unknown_and_repeated_keys_are_errors() {
        let error = serde_json::from_str::<Expected>(r#"{"varaint":"A"}"#).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `varaint`"),
            "{error}"
        );
        let error = serde_json::from_str::<Expected>(r#"{"code":"1","code":"2"}"#).unwrap_err();
        assert!(
            error.to_string().contains("duplicate field `code`"),
            "{error}"
        );
        assert!(serde_json::from_str::<Expected>(r#"{"errors":"two"}"#).is_err());
    }

    #[test]
    fn a_merge_keeps_the_hand_written_keys_after_the_recorded_ones() {
        let old = read(
            r#"{"request_id":"r","variant":"Old","known":true,"code":"1","message":"m","retryable":true}"#,
        );
        let recorded = read(
            r#"{"variant":"New","code":"1","retryable":false,"kind":"internal","actor":"nobody"}"#,
        );
        let merged = Expected::merge(&recorded, Some(&old));
        assert_eq!(
            written(&merged),
            r#"{"known":true,"variant":"New","code":"1","retryable":false,"kind":"internal","actor":"nobody","request_id":"r","message":"m"}"#
        );
        // `known: true` only stays beside a variant.
        let unknown = read(r#"{"known":false,"code":"9"}"#);
        assert_eq!(
            written(&Expected::merge(&unknown, Some(&old))),
            r#"{"known":false,"code":"9","request_id":"r","message":"m"}"#
        );
        assert_eq!(Expected::merge(&recorded, None), recorded);
    }

    #[test]
    fn a_contradiction_is_a_stated_key_changed_or_lost() {
        let recorded = read(r#"{"variant":"A","code":"1","retryable":false}"#);
        // Fewer keys, all agreeing: completed, not contradicted.
        assert!(!read(r#"{"variant":"A"}"#).contradicted_by(&recorded));
        assert!(!read(r#"{"known":true,"code":"1"}"#).contradicted_by(&recorded));
        assert!(read(r#"{"variant":"B"}"#).contradicted_by(&recorded));
        assert!(read(r#"{"message":"m"}"#).contradicted_by(&recorded));
        assert!(read(r#"{"known":false}"#).contradicted_by(&recorded));
        // The order of the keys says nothing.
        assert_eq!(
            read(r#"{"code":"1","variant":"A"}"#),
            read(r#"{"variant":"A","code":"1"}"#)
        );
    }
}
