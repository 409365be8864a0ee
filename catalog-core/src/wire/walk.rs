//! The reference parser: serde_json walks the body along the plan, descending only into keys
//! that lead to a node and skipping everything else with [`IgnoredAny`] (which serde_json does
//! without recursion). At a pointer's end it takes the value as `&RawValue`, so numbers and
//! strings without escapes are borrowed from the body.
//!
//! It decides every body the fast path in [`super::scan`] hands over, and says why a body is
//! not JSON, with line and column.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::plan::ROOT;
use super::sink::{Scalar, Sinks};

/// Walks `text` into the sinks; serde_json's error when it is not JSON.
pub(crate) fn walk<'a>(
    text: &'a str,
    sinks: &mut Sinks<'_, '_, '_, 'a>,
) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Walk { node: ROOT, sinks }.deserialize(&mut deserializer)?;
    deserializer.end()
}

/// The walker at one node of the plan.
struct Walk<'w, 'p, 's, 'o, 'a> {
    node: usize,
    sinks: &'w mut Sinks<'p, 's, 'o, 'a>,
}

impl<'p, 's, 'o, 'a> Walk<'_, 'p, 's, 'o, 'a> {
    fn scalar(self, value: Scalar<'a>) {
        self.sinks.deliver(self.node, value);
    }

    fn child(&mut self, node: usize) -> Walk<'_, 'p, 's, 'o, 'a> {
        Walk {
            node,
            sinks: &mut *self.sinks,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, '_, '_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.sinks.plan.node(self.node).takes_value() {
            // Only pointers that end here: take the value as written, borrowed when possible.
            let raw = <&'de RawValue>::deserialize(deserializer)?;
            if let Some(value) = Scalar::from_raw(raw.get()) {
                self.scalar(value);
            }
            Ok(())
        } else {
            deserializer.deserialize_any(self)
        }
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, '_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.scalar(Scalar::Bool(value));
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        self.scalar(Scalar::Number(Cow::Owned(value.to_string())));
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        self.scalar(Scalar::Number(Cow::Owned(value.to_string())));
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        self.scalar(Scalar::Number(Cow::Owned(value.to_string())));
        Ok(())
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<(), E> {
        self.scalar(Scalar::Text(Cow::Borrowed(value)));
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        self.scalar(Scalar::Text(Cow::Owned(value.to_owned())));
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let plan = self.sinks.plan;
        let node = plan.node(self.node);
        let Some(each) = node.each else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        };
        let shapes = node.each_shapes;
        loop {
            self.sinks.begin_errors(shapes);
            if seq.next_element_seed(self.child(each))?.is_none() {
                // The errors opened for an element that was not there are dropped again.
                self.sinks.drop_errors(shapes);
                return Ok(());
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let plan = self.sinks.plan;
        let node = plan.node(self.node);
        if let Some(each) = node.each {
            // A lone object where a list of errors is declared: a list of one.
            self.sinks.begin_errors(node.each_shapes);
            return self.child(each).visit_map(map);
        }
        while let Some(next) = map.next_key_seed(ChildOf { node })? {
            match next {
                Some(child) => map.next_value_seed(self.child(child))?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(())
    }
}

/// Reads a key without allocating and answers which node it leads to.
struct ChildOf<'n> {
    node: &'n super::plan::Node,
}

impl<'de> DeserializeSeed<'de> for ChildOf<'_> {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ChildOf<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.node.child(key.as_bytes()))
    }
}
