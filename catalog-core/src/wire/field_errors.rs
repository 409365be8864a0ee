//! Field errors: what a body says is wrong with each field of the request, read from the JSON
//! the parsers kept where a wire format declares `field_errors`. Two forms are read:
//!
//! - a problem-details map (RFC 9457's extension member, as TrueLayer and ASP.NET send it):
//!   `{"amount": ["must be positive", "must be whole"], "currency": "unknown"}`, each message
//!   one field error;
//! - a list of objects with a field and a message (`[{"field": "amount", "detail": "..."}]`),
//!   whose member names the catalog sets (`field` and `message` unless it says).
//!
//! Anything else in them (numbers, nested objects, `null`) is skipped. Reading is bounded by
//! [`ReadLimits`]: at most `max_field_errors` are kept and the rest counted, and each field
//! name and message is cut to `max_field_error_bytes` at a character boundary. Text without
//! escapes is borrowed from the body.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::ReadLimits;
use crate::detail::{Extras, FieldError, RawFieldErrors};

/// Reads each error's field errors from the JSON the parsers kept, and drops the records of
/// errors that hold nothing.
pub(crate) fn finish_extras(extras: &mut Extras<'_>, limits: &ReadLimits) {
    for (_, extra) in &mut extras.errors {
        if let Some(raw) = extra.field_errors_raw.take() {
            let mut read = Read {
                out: Vec::new(),
                omitted: 0,
                max: limits.max_field_errors,
                max_bytes: limits.max_field_error_bytes,
            };
            read.json(&raw);
            extra.field_errors = read.out;
            extra.field_errors_omitted = read.omitted;
        }
    }
    extras.errors.retain(|(_, extra)| !extra.is_empty());
}

/// Field errors read so far, within the limits.
struct Read<'a> {
    out: Vec<FieldError<'a>>,
    omitted: usize,
    max: usize,
    max_bytes: usize,
}

impl<'a> Read<'a> {
    /// Reads `raw`; what was read before a part serde_json refuses (a lone surrogate in an
    /// escape) is kept, the rest skipped.
    fn json(&mut self, raw: &RawFieldErrors<'a>) {
        let mut deserializer = serde_json::Deserializer::from_str(raw.json);
        let _ = deserializer.deserialize_any(Top {
            read: self,
            members: (raw.field, raw.message),
        });
    }

    fn push(&mut self, field: Cow<'a, str>, message: Cow<'a, str>) {
        if self.out.len() < self.max {
            let field = cut(field, self.max_bytes);
            let message = cut(message, self.max_bytes);
            self.out.push(FieldError::new(field, message));
        } else {
            self.omitted += 1;
        }
    }
}

/// `text` cut to at most `max` bytes, at a character boundary; a cut text of its own is
/// copied, so it holds no more memory than it keeps.
fn cut(text: Cow<'_, str>, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(&text[..end]),
        Cow::Owned(text) => Cow::Owned(text[..end].to_owned()),
    }
}

/// The map or the list.
struct Top<'r, 'a> {
    read: &'r mut Read<'a>,
    members: (&'static str, &'static str),
}

impl<'de> Visitor<'de> for Top<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of fields to messages, or a list of field errors")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(field) = map.next_key::<Text<'de>>()? {
            // Cut once, before it is copied for each of its messages.
            let field = cut(field.0, self.read.max_bytes);
            map.next_value_seed(Messages {
                read: &mut *self.read,
                field,
            })?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(found) = seq.next_element_seed(Element {
            members: self.members,
        })? {
            if let Some((field, message)) = found {
                self.read.push(field, message);
            }
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The messages of one field of the map: a string, or a list of strings.
struct Messages<'r, 'a> {
    read: &'r mut Read<'a>,
    field: Cow<'a, str>,
}

impl<'de> DeserializeSeed<'de> for Messages<'_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message or a list of messages")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<(), E> {
        self.read.push(self.field, Cow::Borrowed(text));
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.read.push(self.field, Cow::Owned(text.to_owned()));
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(message) = seq.next_element::<MaybeText<'de>>()? {
            if let Some(message) = message.0 {
                self.read.push(self.field.clone(), message);
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        skip_map(map)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// An element of the list: its field and message, when it is an object with either.
struct Element {
    members: (&'static str, &'static str),
}

type Pair<'a> = Option<(Cow<'a, str>, Cow<'a, str>)>;

impl<'de> DeserializeSeed<'de> for Element {
    type Value = Pair<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Pair<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Element {
    type Value = Pair<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field error")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pair<'de>, A::Error> {
        let (field_member, message_member) = self.members;
        let mut field = None;
        let mut message = None;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let slot = if key.0 == field_member && field.is_none() {
                &mut field
            } else if key.0 == message_member && message.is_none() {
                &mut message
            } else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            *slot = map.next_value::<MaybeText<'de>>()?.0;
        }
        Ok(match (field, message) {
            (None, None) => None,
            (field, message) => Some((field.unwrap_or_default(), message.unwrap_or_default())),
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Pair<'de>, A::Error> {
        skip_seq(seq).map(|()| None)
    }

    fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<Pair<'de>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Pair<'de>, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Pair<'de>, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Pair<'de>, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Pair<'de>, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Pair<'de>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Pair<'de>, E> {
        Ok(None)
    }
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A string, borrowed from the body where it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor).map(Text)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }
}

/// A string where there is one; anything else skipped.
struct MaybeText<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for MaybeText<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(MaybeTextVisitor)
            .map(MaybeText)
    }
}

struct MaybeTextVisitor;

impl<'de> Visitor<'de> for MaybeTextVisitor {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(text.to_owned())))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(map).map(|()| None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(seq).map(|()| None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        json: &str,
        members: (&'static str, &'static str),
        limits: &ReadLimits,
    ) -> (Vec<(String, String)>, usize) {
        let mut read = Read {
            out: Vec::new(),
            omitted: 0,
            max: limits.max_field_errors,
            max_bytes: limits.max_field_error_bytes,
        };
        read.json(&RawFieldErrors {
            json,
            field: members.0,
            message: members.1,
        });
        let pairs = read
            .out
            .into_iter()
            .map(|error| (error.field.into_owned(), error.message.into_owned()))
            .collect();
        (pairs, read.omitted)
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(field, message)| ((*field).to_owned(), (*message).to_owned()))
            .collect()
    }

    const DEFAULT: (&str, &str) = ("field", "message");

    #[test]
    fn a_problem_details_map_gives_one_error_per_message() {
        let (found, omitted) = read(
            r#"{"amount": ["must be positive", "must be whole"], "currency": "unknown \"XYZ\"", "n": 3, "o": {"a": ["x"]}, "z": null}"#,
            DEFAULT,
            &ReadLimits::DEFAULT,
        );
        assert_eq!(
            found,
            pairs(&[
                ("amount", "must be positive"),
                ("amount", "must be whole"),
                ("currency", "unknown \"XYZ\""),
            ])
        );
        assert_eq!(omitted, 0);
    }

    #[test]
    fn a_list_reads_the_members_the_catalog_names() {
        let json = r#"[{"field": "amount", "detail": "too small", "code": "min"}, {"detail": "no field"}, {"field": "x"}, {"other": 1}, "text", 7, [1]]"#;
        let (found, _) = read(json, ("field", "detail"), &ReadLimits::DEFAULT);
        assert_eq!(
            found,
            pairs(&[("amount", "too small"), ("", "no field"), ("x", "")])
        );
        // With the default member names, `detail` is not the message.
        let (found, _) = read(json, DEFAULT, &ReadLimits::DEFAULT);
        assert_eq!(found, pairs(&[("amount", ""), ("x", "")]));
    }

    #[test]
    fn counts_and_lengths_are_bounded() {
        let many: Vec<String> = (0..100).map(|i| format!("\"f{i}\": \"m\"")).collect();
        let json = format!("{{{}}}", many.join(","));
        let limits = ReadLimits::DEFAULT
            .max_field_errors(10)
            .max_field_error_bytes(4);
        let (found, omitted) = read(&json, DEFAULT, &limits);
        assert_eq!(found.len(), 10);
        assert_eq!(omitted, 90);
        let (found, _) = read(r#"{"amounté": "éééé"}"#, DEFAULT, &limits);
        // Cut at a character boundary: `amou` is four bytes, `éé` four as well.
        assert_eq!(found, pairs(&[("amou", "éé")]));
    }

    #[test]
    fn what_is_not_a_map_or_a_list_gives_nothing_and_a_refused_escape_keeps_what_came_before() {
        for json in ["null", "\"text\"", "12", "{}", "[]", "{\"a\": "] {
            assert_eq!(
                read(json, DEFAULT, &ReadLimits::DEFAULT),
                (Vec::new(), 0),
                "{json}"
            );
        }
        let (found, _) = read(
            r#"{"a": "x", "b": "\ud800", "c": "y"}"#,
            DEFAULT,
            &ReadLimits::DEFAULT,
        );
        assert_eq!(found, pairs(&[("a", "x")]));
    }

    /// An escaped field name of half a megabyte with a thousand messages is cut once: what is
    /// kept is a kibibyte a field error, not a copy of the name each.
    #[test]
    fn a_long_escaped_name_is_cut_before_it_is_copied() {
        let name = "\\n".repeat(250_000);
        let messages = vec!["\"m\""; 1000].join(",");
        let json = format!("{{\"{name}\": [{messages}]}}");
        let (found, omitted) = read(&json, DEFAULT, &ReadLimits::DEFAULT);
        assert_eq!(found.len(), 64);
        assert_eq!(omitted, 936);
        assert!(found.iter().all(|(field, _)| field.len() == 1024));
        let mut read = Read {
            out: Vec::new(),
            omitted: 0,
            max: 64,
            max_bytes: 1024,
        };
        read.json(&RawFieldErrors {
            json: &json,
            field: "field",
            message: "message",
        });
        let held: usize = read
            .out
            .iter()
            .map(|error| match &error.field {
                Cow::Owned(text) => text.capacity(),
                Cow::Borrowed(_) => 0,
            })
            .sum();
        assert!(held <= 64 * 1024, "{held} bytes held");
    }

    #[test]
    fn text_without_escapes_is_borrowed() {
        let mut read = Read {
            out: Vec::new(),
            omitted: 0,
            max: 8,
            max_bytes: 64,
        };
        read.json(&RawFieldErrors {
            json: r#"{"amount": ["plain", "esc\naped"]}"#,
            field: "field",
            message: "message",
        });
        assert!(matches!(read.out[0].field, Cow::Borrowed(_)));
        assert!(matches!(read.out[0].message, Cow::Borrowed(_)));
        assert!(matches!(read.out[1].message, Cow::Owned(_)));
    }
}
