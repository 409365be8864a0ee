//! The reference parser: serde_json walks the body along the plan, descending only into keys
//! that lead to a node and skipping everything else with [`IgnoredAny`] (which serde_json does
//! without recursion). It takes every value along the plan as `&RawValue`, so scalars read as
//! written (numbers and strings without escapes borrowed from the body), and reads again the
//! containers a pointer goes into.
//!
//! It decides every body the fast path in [`super::scan`] hands over, and says why a body is
//! not JSON, with line and column. It also tells an [`Observer`] what it meets on the way,
//! for the probe of a catalog's pointers ([`crate::probe`]): one walk, so the probe and the
//! classifier cannot read a pointer differently.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::plan::ROOT;
use super::sink::{Scalar, Sinks};

/// What the walk meets besides the values it delivers. Classification walks with
/// [`Unobserved`], whose methods do nothing: the walker is generic over its observer, so that
/// walk compiles to what it would be without one. An observer is a copyable handle (the
/// probe's is a shared reference to its records), carried by value: `Unobserved` has no size,
/// and the walker's frames stay as they were.
pub(crate) trait Observer: Copy {
    /// A value was delivered at `node`: a scalar, or a container taken as written (for
    /// field errors).
    fn delivered(self, node: usize, container: bool);
    /// The walk enters an object to look among its keys.
    fn open_object(self);
    /// A key of the innermost open object, and the node it leads to, if any.
    fn key(self, key: &[u8], child: Option<usize>);
    /// The object opened last, at `node`, has ended.
    fn close_object(self, node: usize);
}

/// The observer of classification: nothing to see.
#[derive(Clone, Copy)]
pub(crate) struct Unobserved;

impl Observer for Unobserved {
    #[inline(always)]
    fn delivered(self, _: usize, _: bool) {}
    #[inline(always)]
    fn open_object(self) {}
    #[inline(always)]
    fn key(self, _: &[u8], _: Option<usize>) {}
    #[inline(always)]
    fn close_object(self, _: usize) {}
}

/// Walks `text` into the sinks; serde_json's error when it is not JSON.
pub(crate) fn walk<'a>(
    text: &'a str,
    sinks: &mut Sinks<'_, '_, '_, 'a>,
) -> Result<(), serde_json::Error> {
    walk_observed(text, sinks, Unobserved)
}

/// [`walk`], telling `observer` what it meets.
pub(crate) fn walk_observed<'a, O: Observer>(
    text: &'a str,
    sinks: &mut Sinks<'_, '_, '_, 'a>,
    observer: O,
) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Walk {
        node: ROOT,
        sinks,
        observer,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()
}

/// The walker at one node of the plan.
struct Walk<'w, 'p, 's, 'o, 'a, O> {
    node: usize,
    sinks: &'w mut Sinks<'p, 's, 'o, 'a>,
    observer: O,
}

impl<'p, 's, 'o, 'a, O: Observer> Walk<'_, 'p, 's, 'o, 'a, O> {
    fn child(&mut self, node: usize) -> Walk<'_, 'p, 's, 'o, 'a, O> {
        Walk {
            node,
            sinks: &mut *self.sinks,
            observer: self.observer,
        }
    }
}

impl<'de, O: Observer> DeserializeSeed<'de> for Walk<'_, '_, '_, '_, 'de, O> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // Every value along the plan is first taken as written, so that a scalar reads the same
        // at any node, whether or not some pointer goes on past it: a number keeps its digits
        // (serde would compute its value, and refuse one out of range), an escape that cannot
        // be decoded is kept as sent. A container a pointer goes into is then read again, from
        // its own text, which is bounded by the plan's depth.
        let raw = <&'de RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        let here = self.sinks.plan.node(self.node);
        let container = matches!(text.as_bytes().first(), Some(b'{' | b'['));
        if container && here.continues() {
            let mut inner = serde_json::Deserializer::from_str(text);
            return de::Deserializer::deserialize_any(&mut inner, self).map_err(de::Error::custom);
        }
        if let Some(value) = Scalar::from_raw(text) {
            self.observer.delivered(self.node, false);
            self.sinks.deliver(self.node, value);
        } else if container && here.takes_raw {
            self.observer.delivered(self.node, true);
            self.sinks.deliver_raw(self.node, text);
        }
        Ok(())
    }
}

impl<'de, O: Observer> Visitor<'de> for Walk<'_, '_, '_, '_, 'de, O> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or a list")
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
        self.observer.open_object();
        while let Some(next) = map.next_key_seed(ChildOf {
            node,
            observer: self.observer,
        })? {
            match next {
                Some(child) => map.next_value_seed(self.child(child))?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        self.observer.close_object(self.node);
        Ok(())
    }
}

/// Reads a key without allocating and answers which node it leads to.
struct ChildOf<'n, O> {
    node: &'n super::plan::Node,
    observer: O,
}

impl<'de, O: Observer> DeserializeSeed<'de> for ChildOf<'_, O> {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        // As bytes: serde_json then decodes escapes without refusing a lone surrogate, as it
        // does not when it skips a key.
        deserializer.deserialize_bytes(self)
    }
}

impl<'de, O: Observer> Visitor<'de> for ChildOf<'_, O> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        let child = self.node.child(key);
        self.observer.key(key, child);
        Ok(child)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.visit_bytes(key.as_bytes())
    }
}
