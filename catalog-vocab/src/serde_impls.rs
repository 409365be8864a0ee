//! `Serialize` and `Deserialize` for the vocabulary, written out rather than derived.
//!
//! Derived impls would put serde_derive, and syn with its `derive` feature, into the build of
//! every crate that declares a catalog, on the path to catalog-core (BENCHMARKS.md, "A user's
//! cold build"). So the `serde` feature brings `serde_core` alone, and these impls do what
//! `#[derive]` with the attributes the types had did:
//!
//! - the `vocabulary!` enums (`Kind`, `Actor`, ...) and [`KeyMode`], `rename_all =
//!   "snake_case"`: a unit variant each, written with `serialize_unit_variant` and read
//!   through `deserialize_enum` (a name, a variant index, or a one-key map in JSON);
//! - [`RetryPolicy`], `tag = "policy"`: a map with the policy's name under `policy` and its
//!   argument beside it (`{"policy":"backoff","retries":3}`), keys in any order, other keys
//!   ignored, or a sequence with the name first.
//!
//! The tests hold each impl to the derived one over the same inputs. The pieces catalog-core
//! needs for its own impls (a struct's field names, `RetryPolicy` flattened into a map) are in
//! [`__serde`](crate::__serde).

use std::fmt;

use serde_core::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, IgnoredAny, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use serde_core::ser::{SerializeMap, SerializeStruct, Serializer};
use serde_core::{Deserialize, Serialize};

use crate::policy::{KeyMode, RetryPolicy};

/// Reads a unit variant of the enum `name` whose variants are spelled `variants`, in the
/// order of `values`, as the derived impl of a fieldless enum does.
pub fn deserialize_unit_variant<'de, D: Deserializer<'de>, T: Copy>(
    deserializer: D,
    name: &'static str,
    variants: &'static [&'static str],
    values: &'static [T],
) -> Result<T, D::Error> {
    struct UnitVisitor<T: 'static> {
        name: &'static str,
        variants: &'static [&'static str],
        values: &'static [T],
    }

    impl<'de, T: Copy> Visitor<'de> for UnitVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "enum {}", self.name)
        }

        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
            let (index, variant) = data.variant_seed(VariantIndex(self.variants))?;
            variant.unit_variant()?;
            self.values
                .get(index)
                .copied()
                .ok_or_else(|| de::Error::custom("a variant without a value"))
        }
    }

    deserializer.deserialize_enum(
        name,
        variants,
        UnitVisitor {
            name,
            variants,
            values,
        },
    )
}

/// A variant's name (or index) among `0`'s spellings: its index.
#[derive(Clone, Copy)]
struct VariantIndex(&'static [&'static str]);

/// "variant index 0 <= i < N", what a derived impl expects of an index.
struct IndexBelow(usize);

impl Expected for IndexBelow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "variant index 0 <= i < {}", self.0)
    }
}

impl<'de> DeserializeSeed<'de> for VariantIndex {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantIndex {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<usize, E> {
        match usize::try_from(value) {
            Ok(index) if index < self.0.len() => Ok(index),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(value),
                &IndexBelow(self.0.len()),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|&name| name == value)
            .ok_or_else(|| E::unknown_variant(value, self.0))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<usize, E> {
        self.0
            .iter()
            .position(|&name| name.as_bytes() == value)
            .ok_or_else(|| E::unknown_variant(&String::from_utf8_lossy(value), self.0))
    }
}

/// The field names of a struct: a key read with it is the field's index, `None` for a key the
/// struct does not have (ignored, as a derived impl without `deny_unknown_fields` does).
#[derive(Clone, Copy, Debug)]
pub struct FieldKey(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldKey {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(value)
            .ok()
            .filter(|&index| index < self.0.len()))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|&name| name == value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|&name| name.as_bytes() == value))
    }
}

impl Serialize for KeyMode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (index, name) = match self {
            KeyMode::Code => (0, KEY_MODES[0]),
            KeyMode::StatusCode => (1, KEY_MODES[1]),
            KeyMode::CategoryCode => (2, KEY_MODES[2]),
        };
        serializer.serialize_unit_variant("KeyMode", index, name)
    }
}

const KEY_MODES: &[&str] = &["code", "status_code", "category_code"];

impl<'de> Deserialize<'de> for KeyMode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const VALUES: &[KeyMode] = &[KeyMode::Code, KeyMode::StatusCode, KeyMode::CategoryCode];
        deserialize_unit_variant(deserializer, "KeyMode", KEY_MODES, VALUES)
    }
}

/// The spellings of the policies under `policy`, in declaration order.
const POLICIES: &[&str] = RetryPolicy::NAMES;

/// The key a policy's argument is written under, where it takes one.
fn argument(policy: RetryPolicy) -> Option<(&'static str, u32)> {
    match policy {
        RetryPolicy::Backoff { retries } | RetryPolicy::AfterHint { retries } => {
            Some(("retries", u32::from(retries)))
        }
        RetryPolicy::After { secs } => Some(("secs", secs)),
        RetryPolicy::Never
        | RetryPolicy::Immediately
        | RetryPolicy::NewSession
        | RetryPolicy::NextDay => None,
    }
}

impl Serialize for RetryPolicy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let argument = argument(*self);
        let mut state =
            serializer.serialize_struct("RetryPolicy", 1 + usize::from(argument.is_some()))?;
        state.serialize_field("policy", self.name())?;
        match *self {
            RetryPolicy::Backoff { retries } | RetryPolicy::AfterHint { retries } => {
                state.serialize_field("retries", &retries)?;
            }
            RetryPolicy::After { secs } => state.serialize_field("secs", &secs)?,
            _ => {}
        }
        state.end()
    }
}

/// Writes `policy` as the entries of a map it is flattened into (`#[serde(flatten)]`):
/// `policy` and its argument.
pub fn serialize_policy_entries<M: SerializeMap>(
    policy: RetryPolicy,
    map: &mut M,
) -> Result<(), M::Error> {
    map.serialize_entry("policy", policy.name())?;
    match policy {
        RetryPolicy::Backoff { retries } | RetryPolicy::AfterHint { retries } => {
            map.serialize_entry("retries", &retries)
        }
        RetryPolicy::After { secs } => map.serialize_entry("secs", &secs),
        _ => Ok(()),
    }
}

/// A value read before it is known whether the policy takes it: a derived internally tagged
/// enum buffers every entry until it has the tag, then reads the variant's fields from them.
#[derive(Clone, Debug, PartialEq)]
enum Scalar {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    Unit,
    /// Anything else (a map, a sequence, bytes), consumed and kept as what it was.
    Other(&'static str),
}

impl Scalar {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Scalar::Unsigned(value) => Unexpected::Unsigned(*value),
            Scalar::Signed(value) => Unexpected::Signed(*value),
            Scalar::Float(value) => Unexpected::Float(*value),
            Scalar::Bool(value) => Unexpected::Bool(*value),
            Scalar::Str(value) => Unexpected::Str(value),
            Scalar::Unit => Unexpected::Unit,
            Scalar::Other(what) => Unexpected::Other(what),
        }
    }

    /// The value as an integer of type `T`, named `what`, with the error a derived impl gives.
    fn integer<T: TryFrom<u64> + TryFrom<i64>, E: de::Error>(&self, what: &str) -> Result<T, E> {
        let fits = match *self {
            Scalar::Unsigned(value) => T::try_from(value).ok(),
            Scalar::Signed(value) => T::try_from(value).ok(),
            _ => return Err(E::invalid_type(self.unexpected(), &what)),
        };
        fits.ok_or_else(|| E::invalid_value(self.unexpected(), &what))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
        Ok(Scalar::Signed(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
        Ok(Scalar::Unsigned(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(value.to_owned()))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Scalar, E> {
        Ok(Scalar::Other("byte array"))
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other("Option value"))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(Scalar::Other("Option value"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Unit)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("sequence"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("map"))
    }
}

/// A key of a policy's map: the tag, one of the arguments, or any other.
#[derive(Clone, Copy)]
enum PolicyKey {
    Tag,
    Retries,
    Secs,
    Other,
}

impl PolicyKey {
    fn of(key: &str) -> Self {
        match key {
            "policy" => PolicyKey::Tag,
            "retries" => PolicyKey::Retries,
            "secs" => PolicyKey::Secs,
            _ => PolicyKey::Other,
        }
    }
}

impl<'de> Deserialize<'de> for PolicyKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = FieldKey(PolicyFields::KEYS).deserialize(deserializer)?;
        Ok(key
            .and_then(|index| PolicyFields::KEYS.get(index))
            .map_or(PolicyKey::Other, |key| PolicyKey::of(key)))
    }
}

/// How a policy's name is read: from the format itself, or from a value buffered first (a
/// flattened policy), where a variant index reads too.
#[derive(Clone, Copy)]
enum Tag {
    Direct,
    Buffered,
}

/// One argument as read from a map: not there, once, or more than once (an error only for a
/// policy that takes it).
#[derive(Default)]
enum Slot {
    #[default]
    Missing,
    Once(Scalar),
    Repeated,
}

/// The entries of a map that make a [`RetryPolicy`]: what a struct that flattens one
/// (`#[serde(flatten)]`) hands each key it does not know itself, then [`PolicyFields::finish`].
#[derive(Default)]
pub struct PolicyFields {
    tag: Option<usize>,
    retries: Slot,
    secs: Slot,
}

impl fmt::Debug for PolicyFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PolicyFields")
            .field("tag", &self.tag)
            .finish_non_exhaustive()
    }
}

impl PolicyFields {
    /// The keys a policy is written under: its name, and its argument if it takes one.
    pub const KEYS: &'static [&'static str] = &["policy", "retries", "secs"];

    /// Reads the value of the entry whose key is `key`, one of [`PolicyFields::KEYS`]; the
    /// value of any other key is skipped.
    ///
    /// The entries of a flattened policy reach it buffered, as a derived impl buffers them, so
    /// its name may also be a variant index (`"policy": 3`), which a policy read on its own
    /// refuses in JSON.
    pub fn read_entry<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.read_value(PolicyKey::of(key), map, Tag::Buffered)
    }

    fn read_value<'de, A: MapAccess<'de>>(
        &mut self,
        key: PolicyKey,
        map: &mut A,
        read: Tag,
    ) -> Result<(), A::Error> {
        let slot = match key {
            PolicyKey::Tag => {
                if self.tag.is_some() {
                    return Err(de::Error::duplicate_field("policy"));
                }
                let names = VariantIndex(POLICIES);
                self.tag = Some(match read {
                    Tag::Direct => map.next_value_seed(names)?,
                    Tag::Buffered => match map.next_value::<Scalar>()? {
                        Scalar::Str(name) => names.visit_str(&name)?,
                        Scalar::Unsigned(index) => names.visit_u64(index)?,
                        other => {
                            return Err(de::Error::invalid_type(other.unexpected(), &names));
                        }
                    },
                });
                return Ok(());
            }
            PolicyKey::Retries => &mut self.retries,
            PolicyKey::Secs => &mut self.secs,
            PolicyKey::Other => {
                map.next_value::<IgnoredAny>()?;
                return Ok(());
            }
        };
        let value = map.next_value::<Scalar>()?;
        *slot = match slot {
            Slot::Missing => Slot::Once(value),
            Slot::Once(_) | Slot::Repeated => Slot::Repeated,
        };
        Ok(())
    }

    /// The policy the entries read make.
    pub fn finish<E: de::Error>(self) -> Result<RetryPolicy, E> {
        let argument = |slot: Slot, name: &'static str| -> Result<Scalar, E> {
            match slot {
                Slot::Missing => Err(E::missing_field(name)),
                Slot::Repeated => Err(E::duplicate_field(name)),
                Slot::Once(value) => Ok(value),
            }
        };
        let Some(tag) = self.tag else {
            return Err(E::missing_field("policy"));
        };
        Ok(match tag {
            0 => RetryPolicy::Never,
            1 => RetryPolicy::Immediately,
            2 => RetryPolicy::NewSession,
            3 => RetryPolicy::Backoff {
                retries: argument(self.retries, "retries")?.integer("u8")?,
            },
            4 => RetryPolicy::AfterHint {
                retries: argument(self.retries, "retries")?.integer("u8")?,
            },
            5 => RetryPolicy::After {
                secs: argument(self.secs, "secs")?.integer("u32")?,
            },
            _ => RetryPolicy::NextDay,
        })
    }
}

impl<'de> Deserialize<'de> for RetryPolicy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PolicyVisitor)
    }
}

struct PolicyVisitor;

impl<'de> Visitor<'de> for PolicyVisitor {
    type Value = RetryPolicy;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("internally tagged enum RetryPolicy")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RetryPolicy, A::Error> {
        let mut fields = PolicyFields::default();
        while let Some(key) = map.next_key::<PolicyKey>()? {
            fields.read_value(key, &mut map, Tag::Direct)?;
        }
        fields.finish()
    }

    /// The name first, then the policy's argument, if it takes one, and nothing else.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RetryPolicy, A::Error> {
        let Some(tag) = seq.next_element_seed(VariantIndex(POLICIES))? else {
            return Err(de::Error::missing_field("policy"));
        };
        let mut fields = PolicyFields {
            tag: Some(tag),
            ..PolicyFields::default()
        };
        let takes = match tag {
            3 => Some(("Backoff", &mut fields.retries)),
            4 => Some(("AfterHint", &mut fields.retries)),
            5 => Some(("After", &mut fields.secs)),
            _ => None,
        };
        if let Some((variant, slot)) = takes {
            match seq.next_element::<Scalar>()? {
                Some(value) => *slot = Slot::Once(value),
                None => {
                    let expected = format!("struct variant RetryPolicy::{variant} with 1 element");
                    return Err(de::Error::invalid_length(0, &expected.as_str()));
                }
            }
        }
        let mut extra = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            extra += 1;
        }
        if extra > 0 {
            return Err(de::Error::invalid_length(
                extra,
                &"fewer elements in sequence",
            ));
        }
        fields.finish()
    }
}

#[cfg(test)]
mod tests {
    //! The written-out impls against the derived ones they replace, over the same inputs.

    use serde::{Deserialize, Serialize};

    use crate::{Actor, DocsField, Field, KeyMode, Kind, RetryPolicy, Rule};

    /// `RetryPolicy` as it was declared, derive and all.
    #[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "policy", rename_all = "snake_case")]
    enum DerivedPolicy {
        Never,
        Immediately,
        NewSession,
        Backoff { retries: u8 },
        AfterHint { retries: u8 },
        After { secs: u32 },
        NextDay,
    }

    impl From<RetryPolicy> for DerivedPolicy {
        fn from(policy: RetryPolicy) -> Self {
            match policy {
                RetryPolicy::Never => DerivedPolicy::Never,
                RetryPolicy::Immediately => DerivedPolicy::Immediately,
                RetryPolicy::NewSession => DerivedPolicy::NewSession,
                RetryPolicy::Backoff { retries } => DerivedPolicy::Backoff { retries },
                RetryPolicy::AfterHint { retries } => DerivedPolicy::AfterHint { retries },
                RetryPolicy::After { secs } => DerivedPolicy::After { secs },
                RetryPolicy::NextDay => DerivedPolicy::NextDay,
            }
        }
    }

    /// A unit enum as the vocabularies were declared.
    #[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum DerivedKind {
        InvalidRequest,
        Unauthenticated,
        PermissionDenied,
        NotFound,
        Conflict,
        RateLimited,
        UserActionRequired,
        ProviderUnavailable,
        Internal,
        Unsupported,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum DerivedKeyMode {
        Code,
        StatusCode,
        CategoryCode,
    }

    /// Both read `json` alike: the same value, or both an error; `Ok` with the value's JSON.
    fn agree<Written, Derived>(json: &str) -> Result<String, String>
    where
        Written: for<'de> Deserialize<'de> + Serialize,
        Derived: for<'de> Deserialize<'de> + Serialize,
    {
        let written =
            serde_json::from_str::<Written>(json).and_then(|value| serde_json::to_string(&value));
        let derived =
            serde_json::from_str::<Derived>(json).and_then(|value| serde_json::to_string(&value));
        match (written, derived) {
            (Ok(written), Ok(derived)) => {
                assert_eq!(written, derived, "{json}");
                Ok(written)
            }
            (Err(written), Err(_)) => Err(written.to_string()),
            (written, derived) => panic!("{json}: written {written:?}, derived {derived:?}"),
        }
    }

    const POLICIES: [RetryPolicy; 9] = [
        RetryPolicy::Never,
        RetryPolicy::Immediately,
        RetryPolicy::NewSession,
        RetryPolicy::Backoff { retries: 0 },
        RetryPolicy::Backoff { retries: 255 },
        RetryPolicy::AfterHint { retries: 3 },
        RetryPolicy::After { secs: 0 },
        RetryPolicy::After { secs: u32::MAX },
        RetryPolicy::NextDay,
    ];

    #[test]
    fn a_policy_writes_as_derived() {
        for policy in POLICIES {
            let written = serde_json::to_string(&policy).unwrap();
            let derived = serde_json::to_string(&DerivedPolicy::from(policy)).unwrap();
            assert_eq!(written, derived);
            assert_eq!(
                serde_json::from_str::<RetryPolicy>(&written).unwrap(),
                policy
            );
        }
        assert_eq!(
            serde_json::to_string(&RetryPolicy::Backoff { retries: 3 }).unwrap(),
            r#"{"policy":"backoff","retries":3}"#
        );
    }

    #[test]
    fn a_policy_reads_as_derived() {
        let arguments = [
            "",
            "0",
            "3",
            "255",
            "256",
            "-1",
            "1.5",
            "\"3\"",
            "null",
            "true",
            "[3]",
            "{}",
            "4294967295",
            "4294967296",
        ];
        let mut inputs = Vec::new();
        for name in [
            "never",
            "immediately",
            "new_session",
            "backoff",
            "after_hint",
            "after",
            "next_day",
            "Backoff",
            "sometimes",
        ] {
            inputs.push(format!(r#"{{"policy":"{name}"}}"#));
            inputs.push(format!(r#"["{name}"]"#));
            for key in ["retries", "secs", "other"] {
                for argument in arguments.iter().filter(|a| !a.is_empty()) {
                    inputs.push(format!(r#"{{"policy":"{name}","{key}":{argument}}}"#));
                    inputs.push(format!(r#"{{"{key}":{argument},"policy":"{name}"}}"#));
                    inputs.push(format!(
                        r#"{{"{key}":{argument},"policy":"{name}","{key}":{argument}}}"#
                    ));
                }
            }
            for argument in arguments {
                inputs.push(format!(r#"["{name}",{argument}]"#).replace(",]", "]"));
                inputs.push(format!(r#"["{name}",{argument},1]"#).replace(",,", ","));
            }
        }
        inputs.extend(
            [
                r#"{}"#,
                r#"[]"#,
                r#"{"retries":3}"#,
                r#"{"policy":"never","policy":"never"}"#,
                r#"{"policy":3,"retries":3}"#,
                r#"{"policy":7}"#,
                r#"{"policy":null}"#,
                r#"{"policy":{"backoff":null},"retries":3}"#,
                r#""never""#,
                r#"null"#,
                r#"3"#,
            ]
            .map(String::from),
        );
        let mut accepted = 0;
        for input in &inputs {
            accepted += usize::from(agree::<RetryPolicy, DerivedPolicy>(input).is_ok());
        }
        assert!(accepted > 50, "{accepted} of {} inputs read", inputs.len());
    }

    #[test]
    fn the_unit_vocabularies_write_and_read_as_derived() {
        for kind in Kind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(agree::<Kind, DerivedKind>(&json), Ok(json.clone()));
            let map = format!(r#"{{"{}":null}}"#, kind.as_str());
            assert_eq!(agree::<Kind, DerivedKind>(&map), Ok(json));
        }
        for input in [
            r#""NotFound""#,
            r#""not_fund""#,
            r#"{"not_found":1}"#,
            r#"{"not_found":null,"internal":null}"#,
            r#"{}"#,
            "0",
            "null",
            "[]",
            r#"["not_found"]"#,
        ] {
            assert!(agree::<Kind, DerivedKind>(input).is_err(), "{input}");
        }
        assert_eq!(
            serde_json::from_str::<Kind>(r#""not_fund""#)
                .unwrap_err()
                .to_string(),
            serde_json::from_str::<DerivedKind>(r#""not_fund""#)
                .unwrap_err()
                .to_string()
        );
        for mode in [KeyMode::Code, KeyMode::StatusCode, KeyMode::CategoryCode] {
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(agree::<KeyMode, DerivedKeyMode>(&json), Ok(json));
        }
        assert!(agree::<KeyMode, DerivedKeyMode>(r#""status""#).is_err());
        // The other vocabularies come from the same macro: their spellings round-trip.
        for actor in Actor::ALL {
            let json = serde_json::to_string(actor).unwrap();
            assert_eq!(json, format!("\"{actor}\""));
            assert_eq!(serde_json::from_str::<Actor>(&json).unwrap(), *actor);
        }
        for rule in Rule::ALL {
            let json = serde_json::to_string(rule).unwrap();
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), *rule);
        }
        for field in Field::ALL {
            let json = serde_json::to_string(field).unwrap();
            assert_eq!(serde_json::from_str::<Field>(&json).unwrap(), *field);
        }
        for field in DocsField::ALL {
            let json = serde_json::to_string(field).unwrap();
            assert_eq!(serde_json::from_str::<DocsField>(&json).unwrap(), *field);
        }
    }
}
