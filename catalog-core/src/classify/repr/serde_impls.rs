//! `Serialize` and `Deserialize` for the serialized form, written out rather than derived.
//!
//! A derive would put serde_derive, and syn with its `derive` feature, into the build of every
//! crate that declares a catalog, on the path to this crate (BENCHMARKS.md, "A user's cold
//! build"). These impls do what `#[derive]` with the attributes the types had did, and the
//! tests hold them to it over the same inputs:
//!
//! - the structs: fields in declaration order; a missing `Option` field reads as `None`, one
//!   marked `default` as its default, any other is an error; unknown fields are skipped; a
//!   sequence reads the fields in order;
//! - [`RetryAdvice`]: the policy's entries flattened into one map with `delay_secs`,
//!   `delay_source` and, when there is one, `server_flag` (`#[serde(flatten)]`);
//! - [`DelaySource`], [`FlagSource`]: snake_case unit variants;
//! - `NamedFields`: the catalog's own fields as one object of name to value, in order;
//! - `RawBodyRepr`: a string, or an array of bytes when the body is not UTF-8 (untagged).

use std::fmt;
use std::time::Duration;

use catalog_vocab::__serde::{
    FieldKey, PolicyFields, deserialize_unit_variant, serialize_policy_entries,
};
use serde::de::{
    self, DeserializeSeed, Deserializer, Expected, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::{
    ClassificationRepr, ErrorRepr, FieldErrorRepr, NamedFields, RawBodyRepr, SourceRepr, is_zero,
};
use crate::classify::{DelaySource, FlagSource, RetryAdvice, ServerRetryFlag};

/// "struct Name with N elements", what a derived impl expects of a sequence that ran short.
struct StructLen(&'static str, usize);

impl Expected for StructLen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.1 == 1 { "" } else { "s" };
        write!(f, "struct {} with {} element{plural}", self.0, self.1)
    }
}

/// Serialize and Deserialize for a struct of named fields, as `#[derive]` writes them. Each
/// field says how it reads when missing from a map: `required` (an error), `none` (an
/// `Option`: `None`) or `default` (`#[serde(default)]`, which a short sequence takes too);
/// `skip_if` names the predicate of `#[serde(skip_serializing_if)]`.
macro_rules! serde_struct {
    ($ty:ident { $( $field:ident: $fty:ty = $missing:ident $(skip_if $skip:path)? ),+ $(,)? }) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let $ty { $($field),+ } = self;
                let len = 0 $( + usize::from(!serde_struct!(@skip $field $($skip)?)) )+;
                let mut state = serializer.serialize_struct(stringify!($ty), len)?;
                $(
                    if serde_struct!(@skip $field $($skip)?) {
                        state.skip_field(stringify!($field))?;
                    } else {
                        state.serialize_field(stringify!($field), $field)?;
                    }
                )+
                state.end()
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];

                struct StructVisitor;

                impl<'de> Visitor<'de> for StructVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }

                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$ty, A::Error> {
                        let mut read = 0;
                        $(
                            let $field: $fty = match seq.next_element()? {
                                Some(value) => value,
                                None => serde_struct!(@short $missing, read, FIELDS.len(), $ty),
                            };
                            read += 1;
                        )+
                        let _ = read;
                        Ok($ty { $($field),+ })
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        $( let mut $field: Option<$fty> = None; )+
                        while let Some(key) = map.next_key_seed(FieldKey(FIELDS))? {
                            match key.and_then(|index| FIELDS.get(index)).copied() {
                                $(
                                    Some(stringify!($field)) => {
                                        if $field.is_some() {
                                            return Err(de::Error::duplicate_field(stringify!($field)));
                                        }
                                        $field = Some(map.next_value()?);
                                    }
                                )+
                                _ => {
                                    map.next_value::<IgnoredAny>()?;
                                }
                            }
                        }
                        $(
                            let $field = match $field {
                                Some(value) => value,
                                None => serde_struct!(@missing $missing, $field),
                            };
                        )+
                        Ok($ty { $($field),+ })
                    }
                }

                deserializer.deserialize_struct(stringify!($ty), FIELDS, StructVisitor)
            }
        }
    };
    (@skip $field:ident) => { false };
    (@skip $field:ident $skip:path) => { $skip($field) };
    (@missing required, $field:ident) => {
        return Err(de::Error::missing_field(stringify!($field)))
    };
    (@missing none, $field:ident) => { None };
    (@missing default, $field:ident) => { Default::default() };
    (@short default, $read:ident, $len:expr, $ty:ident) => { Default::default() };
    (@short $missing:ident, $read:ident, $len:expr, $ty:ident) => {
        return Err(de::Error::invalid_length($read, &StructLen(stringify!($ty), $len)))
    };
}

serde_struct!(ClassificationRepr {
    provider: String = required,
    status: u16 = required,
    known: bool = required,
    code: Option<String> = none,
    sub_code: Option<String> = none,
    variant: Option<String> = none,
    sub_variant: Option<String> = none,
    message: Option<String> = none,
    fields: NamedFields = default skip_if NamedFields::is_empty,
    field_errors: Vec<FieldErrorRepr> = default skip_if Vec::is_empty,
    retryable: bool = required,
    retry_after_secs: Option<u64> = none,
    retry: RetryAdvice = required,
    retry_hint: Option<String> = none,
    server_flag_text: Option<String> = default skip_if Option::is_none,
    kind: catalog_vocab::Kind = required,
    actor: catalog_vocab::Actor = required,
    status_documented: bool = required,
    errors: Vec<ErrorRepr> = required,
    errors_omitted: usize = default skip_if is_zero,
    request_id: Option<String> = none,
    body_error: Option<String> = none,
    raw_body: RawBodyRepr = required,
});

serde_struct!(SourceRepr {
    pointer: Option<String> = default skip_if Option::is_none,
    parameter: Option<String> = default skip_if Option::is_none,
});

serde_struct!(ErrorRepr {
    code: Option<String> = none,
    category: Option<String> = default skip_if Option::is_none,
    code_is_number: bool = default,
    variant: Option<String> = none,
    sub_code: Option<String> = none,
    message: Option<String> = none,
    title: Option<String> = none,
    detail: Option<String> = none,
    remediation: Option<String> = none,
    source: SourceRepr = default,
    server_retryable: Option<bool> = none,
    server_retryable_text: Option<String> = default skip_if Option::is_none,
    fields: NamedFields = default skip_if NamedFields::is_empty,
    field_errors: Vec<FieldErrorRepr> = default skip_if Vec::is_empty,
    field_errors_omitted: usize = default skip_if is_zero,
});

serde_struct!(FieldErrorRepr {
    field: String = required,
    message: String = required,
});

serde_struct!(ServerRetryFlag {
    retryable: bool = required,
    source: FlagSource = required,
});

/// One object, name to value, in the order read.
impl Serialize for NamedFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for NamedFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;

        impl<'de> Visitor<'de> for Pairs {
            type Value = NamedFields;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of field names to values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NamedFields, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(NamedFields(pairs))
            }
        }

        deserializer.deserialize_map(Pairs)
    }
}

/// A string, or a sequence of bytes: the first that reads, as `#[serde(untagged)]` tries them.
impl Serialize for RawBodyRepr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RawBodyRepr::Text(text) => text.serialize(serializer),
            RawBodyRepr::Bytes(bytes) => bytes.serialize(serializer),
        }
    }
}

const UNTAGGED_MISMATCH: &str = "data did not match any variant of untagged enum RawBodyRepr";

impl<'de> Deserialize<'de> for RawBodyRepr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawBodyVisitor)
    }
}

struct RawBodyVisitor;

impl<'de> Visitor<'de> for RawBodyVisitor {
    type Value = RawBodyRepr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, or an array of bytes")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RawBodyRepr, E> {
        Ok(RawBodyRepr::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<RawBodyRepr, E> {
        Ok(RawBodyRepr::Text(text))
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<RawBodyRepr, E> {
        std::str::from_utf8(bytes)
            .map(|text| RawBodyRepr::Text(text.to_owned()))
            .map_err(|_| E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawBodyRepr, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(byte) = seq
            .next_element::<u8>()
            .map_err(|_| de::Error::custom(UNTAGGED_MISMATCH))?
        {
            bytes.push(byte);
        }
        Ok(RawBodyRepr::Bytes(bytes))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawBodyRepr, E> {
        Err(E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawBodyRepr, E> {
        Err(E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawBodyRepr, E> {
        Err(E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawBodyRepr, E> {
        Err(E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawBodyRepr, E> {
        Err(E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_none<E: de::Error>(self) -> Result<RawBodyRepr, E> {
        Err(E::custom(UNTAGGED_MISMATCH))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawBodyRepr, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Err(de::Error::custom(UNTAGGED_MISMATCH))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawBodyRepr, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Err(de::Error::custom(UNTAGGED_MISMATCH))
    }
}

const DELAY_SOURCES: &[&str] = &["header", "body", "catalog"];

impl Serialize for DelaySource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = match self {
            DelaySource::Header => 0,
            DelaySource::Body => 1,
            DelaySource::Catalog => 2,
        };
        serializer.serialize_unit_variant("DelaySource", index, DELAY_SOURCES[index as usize])
    }
}

impl<'de> Deserialize<'de> for DelaySource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const VALUES: &[DelaySource] =
            &[DelaySource::Header, DelaySource::Body, DelaySource::Catalog];
        deserialize_unit_variant(deserializer, "DelaySource", DELAY_SOURCES, VALUES)
    }
}

const FLAG_SOURCES: &[&str] = &["header", "body"];

impl Serialize for FlagSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = match self {
            FlagSource::Header => 0,
            FlagSource::Body => 1,
        };
        serializer.serialize_unit_variant("FlagSource", index, FLAG_SOURCES[index as usize])
    }
}

impl<'de> Deserialize<'de> for FlagSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const VALUES: &[FlagSource] = &[FlagSource::Header, FlagSource::Body];
        deserialize_unit_variant(deserializer, "FlagSource", FLAG_SOURCES, VALUES)
    }
}

/// `delay_secs`: whole seconds, or none.
struct Secs(Option<Duration>);

impl Serialize for Secs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(delay) => serializer.serialize_u64(delay.as_secs()),
            None => serializer.serialize_none(),
        }
    }
}

impl Serialize for RetryAdvice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        serialize_policy_entries(self.policy, &mut map)?;
        map.serialize_entry("delay_secs", &Secs(self.delay))?;
        map.serialize_entry("delay_source", &self.delay_source)?;
        if let Some(flag) = &self.server_flag {
            map.serialize_entry("server_flag", flag)?;
        }
        map.end()
    }
}

/// A key of the advice's map: its own three, one of the policy's, or another (by name only).
#[derive(Clone, Copy)]
enum AdviceKey {
    DelaySecs,
    DelaySource,
    ServerFlag,
    Policy(&'static str),
    Other,
}

impl AdviceKey {
    fn of(name: &[u8]) -> Self {
        match name {
            b"delay_secs" => AdviceKey::DelaySecs,
            b"delay_source" => AdviceKey::DelaySource,
            b"server_flag" => AdviceKey::ServerFlag,
            _ => PolicyFields::KEYS
                .iter()
                .find(|key| key.as_bytes() == name)
                .map_or(AdviceKey::Other, |key| AdviceKey::Policy(key)),
        }
    }
}

struct AdviceKeySeed;

impl<'de> DeserializeSeed<'de> for AdviceKeySeed {
    type Value = AdviceKey;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<AdviceKey, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for AdviceKeySeed {
    type Value = AdviceKey;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<AdviceKey, E> {
        Ok(AdviceKey::of(name.as_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<AdviceKey, E> {
        Ok(AdviceKey::of(name))
    }

    // A flattened struct keeps keys of every other type for the policy, which reads names only.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<AdviceKey, E> {
        Ok(AdviceKey::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<AdviceKey, E> {
        Ok(AdviceKey::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<AdviceKey, E> {
        Ok(AdviceKey::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<AdviceKey, E> {
        Ok(AdviceKey::Other)
    }

    fn visit_char<E: de::Error>(self, _: char) -> Result<AdviceKey, E> {
        Ok(AdviceKey::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<AdviceKey, E> {
        Ok(AdviceKey::Other)
    }
}

impl<'de> Deserialize<'de> for RetryAdvice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(AdviceVisitor)
    }
}

struct AdviceVisitor;

impl<'de> Visitor<'de> for AdviceVisitor {
    type Value = RetryAdvice;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RetryAdvice")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RetryAdvice, A::Error> {
        let mut delay: Option<Option<u64>> = None;
        let mut delay_source: Option<Option<DelaySource>> = None;
        let mut server_flag: Option<Option<ServerRetryFlag>> = None;
        let mut policy = PolicyFields::default();
        while let Some(key) = map.next_key_seed(AdviceKeySeed)? {
            match key {
                AdviceKey::DelaySecs => {
                    if delay.is_some() {
                        return Err(de::Error::duplicate_field("delay_secs"));
                    }
                    delay = Some(map.next_value()?);
                }
                AdviceKey::DelaySource => {
                    if delay_source.is_some() {
                        return Err(de::Error::duplicate_field("delay_source"));
                    }
                    delay_source = Some(map.next_value()?);
                }
                AdviceKey::ServerFlag => {
                    if server_flag.is_some() {
                        return Err(de::Error::duplicate_field("server_flag"));
                    }
                    server_flag = Some(map.next_value()?);
                }
                AdviceKey::Policy(name) => policy.read_entry(name, &mut map)?,
                AdviceKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(delay) = delay else {
            return Err(de::Error::missing_field("delay_secs"));
        };
        Ok(RetryAdvice {
            policy: policy.finish()?,
            delay: delay.map(Duration::from_secs),
            delay_source: delay_source.flatten(),
            server_flag: server_flag.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    //! The written-out impls against the derived ones they replace (`serde_oracle` is serde
    //! with its derive), over the same values and the same inputs.

    use std::time::Duration;

    use catalog_vocab::{Actor, Kind, RetryPolicy};
    use serde_json::Value;
    use serde_oracle::{Deserialize, Serialize};

    use super::super::{
        ClassificationRepr, ErrorRepr, FieldErrorRepr, NamedFields, RawBodyRepr, SourceRepr,
    };
    use crate::classify::{DelaySource, FlagSource, RetryAdvice, ServerRetryFlag};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle", untagged)]
    enum DerivedBody {
        Text(String),
        Bytes(Vec<u8>),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle", rename_all = "snake_case")]
    enum DerivedSource {
        Header,
        Body,
        Catalog,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle", rename_all = "snake_case")]
    enum DerivedFlagSource {
        Header,
        Body,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle")]
    struct DerivedFlag {
        retryable: bool,
        source: DerivedFlagSource,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle")]
    struct DerivedAdvice {
        #[serde(flatten)]
        policy: RetryPolicy,
        #[serde(with = "opt_secs", rename = "delay_secs")]
        delay: Option<Duration>,
        delay_source: Option<DerivedSource>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        server_flag: Option<DerivedFlag>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle")]
    struct DerivedFieldError {
        field: String,
        message: String,
    }

    /// The branch's `with = "named"`: an object of name to value, in order.
    mod named {
        use std::fmt;

        use serde_oracle::de::{MapAccess, Visitor};
        use serde_oracle::ser::SerializeMap;
        use serde_oracle::{Deserializer, Serializer};

        pub(super) fn serialize<S: Serializer>(
            fields: &[(String, String)],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(fields.len()))?;
            for (name, value) in fields {
                map.serialize_entry(name, value)?;
            }
            map.end()
        }

        pub(super) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<(String, String)>, D::Error> {
            struct Pairs;

            impl<'de> Visitor<'de> for Pairs {
                type Value = Vec<(String, String)>;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object of field names to values")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(pair) = map.next_entry()? {
                        pairs.push(pair);
                    }
                    Ok(pairs)
                }
            }

            deserializer.deserialize_map(Pairs)
        }
    }

    mod opt_secs {
        use std::time::Duration;

        use serde_oracle::{Deserialize, Deserializer, Serializer};

        pub(super) fn serialize<S: Serializer>(
            delay: &Option<Duration>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match delay {
                Some(delay) => serializer.serialize_u64(delay.as_secs()),
                None => serializer.serialize_none(),
            }
        }

        pub(super) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Duration>, D::Error> {
            Ok(Option::<u64>::deserialize(deserializer)?.map(Duration::from_secs))
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle")]
    struct DerivedRepr {
        provider: String,
        status: u16,
        known: bool,
        code: Option<String>,
        sub_code: Option<String>,
        variant: Option<String>,
        sub_variant: Option<String>,
        message: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty", with = "named")]
        fields: Vec<(String, String)>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        field_errors: Vec<DerivedFieldError>,
        retryable: bool,
        retry_after_secs: Option<u64>,
        retry: DerivedAdvice,
        retry_hint: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        server_flag_text: Option<String>,
        kind: Kind,
        actor: Actor,
        status_documented: bool,
        errors: Vec<DerivedError>,
        #[serde(default, skip_serializing_if = "is_zero")]
        errors_omitted: usize,
        request_id: Option<String>,
        body_error: Option<String>,
        raw_body: DerivedBody,
    }

    fn is_zero(count: &usize) -> bool {
        *count == 0
    }

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle")]
    struct DerivedSourceRepr {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pointer: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        parameter: Option<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(crate = "serde_oracle")]
    struct DerivedError {
        code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        category: Option<String>,
        #[serde(default)]
        code_is_number: bool,
        variant: Option<String>,
        sub_code: Option<String>,
        message: Option<String>,
        title: Option<String>,
        detail: Option<String>,
        remediation: Option<String>,
        #[serde(default)]
        source: DerivedSourceRepr,
        server_retryable: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        server_retryable_text: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty", with = "named")]
        fields: Vec<(String, String)>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        field_errors: Vec<DerivedFieldError>,
        #[serde(default, skip_serializing_if = "is_zero")]
        field_errors_omitted: usize,
    }

    fn derived_advice(advice: &RetryAdvice) -> DerivedAdvice {
        DerivedAdvice {
            policy: advice.policy,
            delay: advice.delay,
            delay_source: advice.delay_source.map(|source| match source {
                DelaySource::Header => DerivedSource::Header,
                DelaySource::Body => DerivedSource::Body,
                DelaySource::Catalog => DerivedSource::Catalog,
            }),
            server_flag: advice.server_flag.map(|flag| DerivedFlag {
                retryable: flag.retryable,
                source: match flag.source {
                    FlagSource::Header => DerivedFlagSource::Header,
                    FlagSource::Body => DerivedFlagSource::Body,
                },
            }),
        }
    }

    fn derived_field_errors(errors: &[FieldErrorRepr]) -> Vec<DerivedFieldError> {
        errors
            .iter()
            .map(|error| DerivedFieldError {
                field: error.field.clone(),
                message: error.message.clone(),
            })
            .collect()
    }

    fn derived_error(error: &ErrorRepr) -> DerivedError {
        DerivedError {
            code: error.code.clone(),
            category: error.category.clone(),
            code_is_number: error.code_is_number,
            variant: error.variant.clone(),
            sub_code: error.sub_code.clone(),
            message: error.message.clone(),
            title: error.title.clone(),
            detail: error.detail.clone(),
            remediation: error.remediation.clone(),
            source: DerivedSourceRepr {
                pointer: error.source.pointer.clone(),
                parameter: error.source.parameter.clone(),
            },
            server_retryable: error.server_retryable,
            server_retryable_text: error.server_retryable_text.clone(),
            fields: error.fields.0.clone(),
            field_errors: derived_field_errors(&error.field_errors),
            field_errors_omitted: error.field_errors_omitted,
        }
    }

    fn derived(repr: &ClassificationRepr) -> DerivedRepr {
        DerivedRepr {
            provider: repr.provider.clone(),
            status: repr.status,
            known: repr.known,
            code: repr.code.clone(),
            sub_code: repr.sub_code.clone(),
            variant: repr.variant.clone(),
            sub_variant: repr.sub_variant.clone(),
            message: repr.message.clone(),
            fields: repr.fields.0.clone(),
            field_errors: derived_field_errors(&repr.field_errors),
            retryable: repr.retryable,
            retry_after_secs: repr.retry_after_secs,
            retry: derived_advice(&repr.retry),
            retry_hint: repr.retry_hint.clone(),
            server_flag_text: repr.server_flag_text.clone(),
            kind: repr.kind,
            actor: repr.actor,
            status_documented: repr.status_documented,
            errors: repr.errors.iter().map(derived_error).collect(),
            errors_omitted: repr.errors_omitted,
            request_id: repr.request_id.clone(),
            body_error: repr.body_error.clone(),
            raw_body: match &repr.raw_body {
                RawBodyRepr::Text(text) => DerivedBody::Text(text.clone()),
                RawBodyRepr::Bytes(bytes) => DerivedBody::Bytes(bytes.clone()),
            },
        }
    }

    /// A classification's serialized form, each field chosen by a bit of `seed`.
    fn repr(seed: u32) -> ClassificationRepr {
        let bit = |n: u32| seed >> n & 1 == 1;
        let text = |n: u32, value: &str| bit(n).then(|| value.to_owned());
        let named = |n: u32| {
            NamedFields(if bit(n) {
                vec![
                    ("doc_url".to_owned(), "https://example.com/e".to_owned()),
                    ("param".to_owned(), "amount".to_owned()),
                ]
            } else {
                Vec::new()
            })
        };
        let field_errors = |n: u32| -> Vec<FieldErrorRepr> {
            (0..u32::from(bit(n)) * 2)
                .map(|i| FieldErrorRepr {
                    field: format!("field{i}"),
                    message: "must be \"positive\"".to_owned(),
                })
                .collect()
        };
        let error = |n: u32| ErrorRepr {
            code: text(n, "E1"),
            category: text(n + 1, "invalid_request_error"),
            code_is_number: bit(n + 2),
            variant: text(n + 3, "InvalidCredentials"),
            sub_code: text(n + 4, "NetbankDown"),
            message: text(n + 5, "a \"quoted\" message\nover two lines"),
            title: text(n + 6, "Title"),
            detail: text(n + 7, "détail"),
            remediation: text(n + 8, "Fix it."),
            source: SourceRepr {
                pointer: text(n + 9, "/data/attributes/amount"),
                parameter: text(n + 10, "amount"),
            },
            server_retryable: bit(n + 11).then_some(bit(n + 12)),
            server_retryable_text: text(n + 12, "true"),
            fields: named(n + 13),
            field_errors: field_errors(n + 14),
            field_errors_omitted: if bit(n + 15) { 0 } else { 2 },
        };
        let policies = [
            RetryPolicy::Never,
            RetryPolicy::Backoff { retries: 3 },
            RetryPolicy::AfterHint { retries: 1 },
            RetryPolicy::After { secs: 3600 },
            RetryPolicy::NextDay,
            RetryPolicy::NewSession,
        ];
        let sources = [
            None,
            Some(DelaySource::Header),
            Some(DelaySource::Body),
            Some(DelaySource::Catalog),
        ];
        ClassificationRepr {
            provider: "plaid-legacy".to_owned(),
            status: if bit(0) { 429 } else { 503 },
            known: bit(1),
            code: text(2, "1200"),
            sub_code: text(3, "RetrySession"),
            variant: text(4, "InvalidCredentials"),
            sub_variant: text(5, "RetrySession"),
            message: text(6, "invalid credentials"),
            fields: named(16),
            field_errors: field_errors(17),
            retryable: bit(7),
            retry_after_secs: bit(8).then_some(30),
            retry: RetryAdvice {
                policy: policies[(seed % 6) as usize],
                delay: bit(9).then_some(Duration::from_secs(30)),
                delay_source: sources[(seed % 4) as usize],
                server_flag: bit(18).then(|| ServerRetryFlag {
                    retryable: bit(19),
                    source: if bit(20) {
                        FlagSource::Header
                    } else {
                        FlagSource::Body
                    },
                }),
            },
            retry_hint: text(10, "Mon, 01 Dec 2026 10:00:00 GMT"),
            server_flag_text: text(21, "maybe"),
            kind: Kind::ALL[(seed % 10) as usize],
            actor: Actor::ALL[(seed % 4) as usize],
            status_documented: bit(11),
            errors: (0..seed % 3).map(|n| error(n * 7 + 2)).collect(),
            errors_omitted: if bit(12) { 0 } else { 3 },
            request_id: text(13, "req-1"),
            body_error: text(14, "not JSON: expected value at line 1 column 1"),
            raw_body: if bit(15) {
                RawBodyRepr::Bytes(vec![0xff, 0x00, b'{'])
            } else {
                RawBodyRepr::Text("{\"code\":1200}".to_owned())
            },
        }
    }

    /// Both impls read `json` alike: the same value, or both an error.
    fn agree(json: &str) -> bool {
        let written = serde_json::from_str::<ClassificationRepr>(json);
        let derived_read = serde_json::from_str::<DerivedRepr>(json);
        match (&written, &derived_read) {
            (Ok(written), Ok(derived_read)) => {
                assert_eq!(&derived(written), derived_read, "{json}")
            }
            (Err(_), Err(_)) => {}
            _ => panic!(
                "{json}: written {:?}, derived {:?}",
                written.as_ref().err().map(ToString::to_string),
                derived_read.as_ref().err().map(ToString::to_string),
            ),
        }
        written.is_ok()
    }

    #[test]
    fn the_serialized_form_writes_and_reads_as_derived() {
        for seed in 0..2048_u32 {
            let repr = repr(seed.wrapping_mul(2_654_435_761));
            let written = serde_json::to_string(&repr).unwrap();
            assert_eq!(written, serde_json::to_string(&derived(&repr)).unwrap());
            assert!(agree(&written), "{written}");
        }
    }

    /// Every value of `value` and its objects' members, each replaced, removed, repeated and
    /// joined by an unknown member: the inputs a reader meets besides its own output.
    fn mutations(value: &Value) -> Vec<String> {
        let replacements = [
            "null",
            "0",
            "-1",
            "300",
            "1.5",
            "true",
            "\"x\"",
            "\"never\"",
            "[]",
            "[1,2]",
            "{}",
            r#"{"policy":"never"}"#,
        ];
        let mut out = Vec::new();
        let mut paths = Vec::new();
        collect_paths(value, &mut Vec::new(), &mut paths);
        for path in &paths {
            let Some((last, parent)) = path.split_last() else {
                continue;
            };
            for replacement in replacements {
                let mut changed = value.clone();
                if let Some(slot) = changed.pointer_mut(&pointer(path)) {
                    *slot = serde_json::from_str(replacement).unwrap();
                    out.push(changed.to_string());
                }
            }
            let mut removed = value.clone();
            if let Some(Value::Object(map)) = removed.pointer_mut(&pointer(parent)) {
                map.remove(last);
            }
            out.push(removed.to_string());
            let mut joined = value.clone();
            if let Some(Value::Object(map)) = joined.pointer_mut(&pointer(parent)) {
                map.insert("unknown".to_owned(), Value::from(1));
            }
            out.push(joined.to_string());
            // The member twice: JSON text with a key repeated, which a `Value` cannot hold.
            if let (Some(object), Some(member)) = (
                value.pointer(&pointer(parent)),
                value.pointer(&pointer(path)),
            ) {
                let text = object.to_string();
                let twice = text.replacen('{', &format!("{{\"{last}\":{member},"), 1);
                out.push(value.to_string().replacen(&text, &twice, 1));
            }
        }
        out
    }

    fn collect_paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    at.push(key.clone());
                    out.push(at.clone());
                    collect_paths(member, at, out);
                    at.pop();
                }
            }
            Value::Array(items) => {
                if let Some(first) = items.first() {
                    at.push("0".to_owned());
                    collect_paths(first, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }

    fn pointer(path: &[String]) -> String {
        path.iter().map(|segment| format!("/{segment}")).collect()
    }

    #[test]
    fn changed_inputs_read_as_derived() {
        let mut read = 0;
        let mut inputs = 0;
        for seed in [0xffff_ffff, 0x0000_0001, 0x5a5a_5a5b] {
            let written = serde_json::to_value(repr(seed)).unwrap();
            for input in mutations(&written) {
                inputs += 1;
                read += usize::from(agree(&input));
            }
        }
        // As sequences, the fields in declaration order; short ones, long ones.
        let error = r#"[null,null,false,null,null,null,null,null,null,[null,null],null,null]"#;
        let advice = r#"{"policy":"never","delay_secs":null}"#;
        let head = format!(
            r#""plaid-legacy",429,true,null,null,null,null,null,{{}},[],false,null,{advice},null,null,"internal","provider",true,[{error}]"#
        );
        for input in [
            format!(r#"[{head},0,null,null,"body"]"#),
            format!(r#"[{head},2,null,null,[1,2]]"#),
            format!(r#"[{head},0,null,null,"body",1]"#),
            format!(r#"[{head},0,null,null]"#),
            format!("[{head}]"),
            format!(r#"[{head},0,null,null,"body"]"#).replace(error, "[null,null]"),
            format!(r#"[{head},0,null,null,"body"]"#).replace(error, "[null]"),
            "[]".to_owned(),
            "null".to_owned(),
            "{}".to_owned(),
            "\"x\"".to_owned(),
        ] {
            inputs += 1;
            read += usize::from(agree(&input));
        }
        assert!(
            read > 100 && read < inputs,
            "{read} of {inputs} inputs read"
        );
    }
}
