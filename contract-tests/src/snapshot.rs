//! A catalog's contract as a file: `catalogs/<id>.json`, written by `catalog --write` and
//! compared with the catalog by `verify`, the one-line contract test and `diff`.
//!
//! A catalog is an API (its variants, which `match`es name) and a behaviour (its retry
//! policies, kinds and actors) at once; the snapshot holds both, so that a change to the
//! catalog is a change to a committed file that a reviewer sees, and [`crate::diff`] can say
//! what each change breaks.
//!
//! The file is JSON, pretty-printed, and written the same way every time, so its own `git
//! diff` reads well:
//!
//! - the catalog-level settings that change behaviour: the key mode, `errors_in_2xx`, the
//!   idempotency header, the coverage threshold, the `sensitive` and `not_sensitive` sources,
//!   the wire shapes in their order with every field's pointers (alternatives in their order;
//!   the server's retry flag among them, as a body pointer or `header Stripe-Should-Retry`),
//!   the catalog's own fields' pointers (`own_fields`) and where the field errors are
//!   (`field_errors`) where a shape declares them, and the groups' docs pages;
//! - one object per entry, sorted by its key (category, then code, then statuses, for a
//!   catalog keyed by `(category, code)`; code, then statuses, for the others; numeric codes
//!   in numeric order before string codes, rows without a code last, their `code` null): its
//!   key, code, statuses, variant, retry policy, kind, actor, category, message, remediation,
//!   groups, docs link, the `added` and `untested` reasons, the `allow` reasons by rule, the
//!   wire shape that renders it, and its sub-codes sorted by code;
//! - object keys in a fixed order (the fields above, in that order; maps sorted by their key).
//!
//! What only the harness reads (how the docs page's tables map onto the catalog) is not part
//! of the snapshot.
//!
//! ```
//! use catalog_core::Catalog;
//! use contract_tests::snapshot::Snapshot;
//!
//! let snapshot = Snapshot::of(providers::PlaidLegacy::spec());
//! let text = snapshot.to_json();
//! let read = Snapshot::from_json(&text, "plaid-legacy.json").expect("a snapshot reads back");
//! assert_eq!(read, snapshot);
//! assert!(contract_tests::diff::diff(&read, &snapshot).is_empty());
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use catalog_core::spec::{CatalogSpec, Code, Entry, Shape, Source, SubCode};
use catalog_core::{Actor, Field, KeyMode, Kind, RetryPolicy, Rule};
use catalog_dsl::{CatalogDescription, CodeDescription, EntryDescription};
use serde::{Deserialize, Serialize};

use crate::diff::{self, Change};
use crate::layout::Layout;

/// The version of the file's format that this crate writes and reads.
pub const FORMAT: u32 = 1;

/// A catalog's contract, as `catalog --write` saves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The file format's version: [`FORMAT`].
    pub format: u32,
    /// The provider id.
    pub id: String,
    /// The provider's human name.
    pub name: String,
    /// The name of the generated enum.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The docs page the table comes from.
    pub docs: String,
    /// What makes an entry unique.
    pub key: KeyMode,
    /// Whether the provider sends errors in 2xx bodies.
    pub errors_in_2xx: bool,
    /// The request header the provider reads an idempotency key from.
    pub idempotency_header: Option<String>,
    /// The share of entries and sub-codes the recordings must account for, in percent.
    pub coverage: u8,
    /// Body pointers and headers declared `sensitive`, sorted.
    pub sensitive: Vec<String>,
    /// Body pointers and headers declared `not_sensitive`, sorted.
    pub not_sensitive: Vec<String>,
    /// The docs page of each group that names one, by group.
    pub group_pages: BTreeMap<String, String>,
    /// The wire shapes, in the order they are tried.
    pub wire: Vec<ShapeSnapshot>,
    /// The entries, sorted by key.
    pub entries: Vec<EntrySnapshot>,
}

/// One wire shape: its name and where each field is read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeSnapshot {
    /// The shape's name (`json` unless the catalog names it).
    pub name: String,
    /// Each declared field's sources (`/error/code`, `header Retry-After`), earlier
    /// alternatives first. The server's retry flag is `retryable`, a body pointer or a header
    /// (`header Stripe-Should-Retry`).
    pub fields: BTreeMap<Field, Vec<String>>,
    /// The catalog's own fields (`fields: { doc_url: "/error/doc_url" }`), by the catalog's
    /// name: each one's pointers, earlier alternatives first. Left out when there is none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub own_fields: BTreeMap<String, Vec<String>>,
    /// Where each error's field errors are (`field_errors: "/errors" { ... }`), if the shape
    /// reads them. Left out when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_errors: Option<FieldErrorsSnapshot>,
}

/// Where a wire shape reads field errors, and the member names of a list of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldErrorsSnapshot {
    /// The pointer to the problem-details map or the list (`/errors`).
    pub pointer: String,
    /// The member of a list element that names the field.
    pub field: String,
    /// The member of a list element that holds the message.
    pub message: String,
}

/// An error code as the provider sends it: a number or a string; or none, for a row without
/// a code (`_`), which is `null` in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CodeValue {
    /// A numeric code (`1200`).
    Int(i64),
    /// A string code (`"card_declined"`).
    Str(String),
    /// No code: the row takes the errors sent without one, by its status (and category).
    Absent,
}

impl CodeValue {
    fn of(code: Code) -> Self {
        match code {
            Code::Int(n) => CodeValue::Int(n),
            Code::Str(s) => CodeValue::Str(s.to_owned()),
            Code::Absent => CodeValue::Absent,
        }
    }

    /// Whether the row has a code, rather than `_`.
    pub fn is_present(&self) -> bool {
        !matches!(self, CodeValue::Absent)
    }

    /// Whether a response matches `self` and `other` alike: the same text (`1200` the number
    /// and `"1200"` the string are one code to a response), or both without a code. A string
    /// code `"_"` is not a row without a code.
    pub fn same_code(&self, other: &CodeValue) -> bool {
        match (self.is_present(), other.is_present()) {
            (true, true) => self.to_string() == other.to_string(),
            (present, other_present) => present == other_present,
        }
    }

    /// Numeric codes in numeric order, before string codes, before rows without a code.
    fn sort_key(&self) -> (u8, i64, &str) {
        match self {
            CodeValue::Int(n) => (0, *n, ""),
            CodeValue::Str(s) => (1, 0, s),
            CodeValue::Absent => (2, 0, ""),
        }
    }
}

impl fmt::Display for CodeValue {
    /// The code as responses are matched on: `1200`, `card_declined`; `_` for none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeValue::Int(n) => write!(f, "{n}"),
            CodeValue::Str(s) => f.write_str(s),
            CodeValue::Absent => f.write_str(Code::ABSENT_TEXT),
        }
    }
}

/// One entry of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySnapshot {
    /// The entry's key, as the key mode spells it: `card_declined`, `(400, card_declined)`
    /// (`(404|500, ...)` for an entry with two statuses), `(ITEM_ERROR, ITEM_LOCKED)`; for a
    /// row without a code, what is left of the key: `(500|503, _)`, `(api_error, 500, _)`.
    pub key: String,
    /// The code as sent; null for a row without a code.
    pub code: CodeValue,
    /// The HTTP statuses, sorted.
    pub statuses: Vec<u16>,
    /// The enum variant's name.
    pub variant: String,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The normalized kind.
    pub kind: Kind,
    /// Who must act.
    pub actor: Actor,
    /// The provider-defined category, if any.
    pub category: Option<String>,
    /// The docs' message.
    pub message: String,
    /// The provider's remediation text, if any.
    pub remediation: Option<String>,
    /// The docs sections that list it, its home first.
    pub groups: Vec<String>,
    /// Its own docs link, if any.
    pub docs_link: Option<String>,
    /// Why the catalog has it although the docs page lacks it (`added("...")`).
    pub added: Option<String>,
    /// Why no response covers it (`untested("...")`).
    pub untested: Option<String>,
    /// The declared exceptions to the rules, with their reasons.
    pub allow: BTreeMap<Rule, String>,
    /// The wire shape its canonical responses are rendered in.
    pub shape: String,
    /// Its sub-codes, sorted by code.
    pub sub_codes: Vec<SubCodeSnapshot>,
}

/// One sub-code of an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubCodeSnapshot {
    /// The sub-code as sent.
    pub code: String,
    /// The name chosen in the catalog.
    pub variant: String,
    /// Its retry policy.
    pub retry: RetryPolicy,
    /// Its kind.
    pub kind: Kind,
    /// Who must act.
    pub actor: Actor,
    /// The provider's description.
    pub message: String,
    /// Why no response covers it, if its row says.
    pub untested: Option<String>,
    /// The declared exceptions to the rules, with their reasons.
    pub allow: BTreeMap<Rule, String>,
}

/// An entry's key as the key mode spells it. A row without a code is keyed by what is left
/// of the key (`catalog_core::KeyMode::shared_key`): its statuses, after its category where
/// the catalog is keyed by `(category, code)`.
pub fn key_text(
    mode: KeyMode,
    code: &CodeValue,
    statuses: &[u16],
    category: Option<&str>,
) -> String {
    let statuses = || {
        statuses
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join("|")
    };
    match (mode, code.is_present()) {
        (KeyMode::Code, true) => code.to_string(),
        (KeyMode::Code | KeyMode::StatusCode, _) => format!("({}, {code})", statuses()),
        (KeyMode::CategoryCode, true) => format!("({}, {code})", category.unwrap_or("-")),
        (KeyMode::CategoryCode, false) => {
            format!("({}, {}, {code})", category.unwrap_or("-"), statuses())
        }
    }
}

fn reasons(exceptions: &[catalog_core::Exception]) -> BTreeMap<Rule, String> {
    exceptions
        .iter()
        .map(|exception| (exception.rule, exception.reason.to_owned()))
        .collect()
}

fn sources(list: &[catalog_core::spec::Source]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

/// Sources by what they read, in declaration order within each.
fn grouped<K: Ord>(pairs: impl IntoIterator<Item = (K, String)>) -> BTreeMap<K, Vec<String>> {
    let mut map: BTreeMap<K, Vec<String>> = BTreeMap::new();
    for (key, source) in pairs {
        map.entry(key).or_default().push(source);
    }
    map
}

impl ShapeSnapshot {
    fn of(shape: &Shape) -> Self {
        ShapeSnapshot {
            name: shape.name.to_owned(),
            fields: grouped(
                shape
                    .fields
                    .iter()
                    .map(|source| (source.field, source.source.to_string())),
            ),
            own_fields: grouped(
                shape
                    .extra_fields
                    .iter()
                    .map(|extra| (extra.name.to_owned(), extra.source.to_string())),
            ),
            field_errors: shape.field_errors.map(|source| FieldErrorsSnapshot {
                pointer: Source::Body(source.path).to_string(),
                field: source.field.to_owned(),
                message: source.message.to_owned(),
            }),
        }
    }
}

impl SubCodeSnapshot {
    fn of(sub: &SubCode) -> Self {
        SubCodeSnapshot {
            code: sub.code.to_owned(),
            variant: sub.name.to_owned(),
            retry: sub.retry,
            kind: sub.kind,
            actor: sub.actor,
            message: sub.message.to_owned(),
            untested: sub.untested.map(str::to_owned),
            allow: reasons(sub.exceptions),
        }
    }
}

impl EntrySnapshot {
    fn of(mode: KeyMode, entry: &Entry) -> Self {
        EntrySnapshot {
            key: String::new(),
            code: CodeValue::of(entry.code),
            statuses: entry.statuses.to_vec(),
            variant: entry.variant.to_owned(),
            retry: entry.retry,
            kind: entry.kind,
            actor: entry.actor,
            category: entry.category.map(str::to_owned),
            message: entry.message.to_owned(),
            remediation: entry.remediation.map(str::to_owned),
            groups: entry
                .groups
                .iter()
                .map(|group| (*group).to_owned())
                .collect(),
            docs_link: entry.docs.map(str::to_owned),
            added: entry.origin.added_reason().map(str::to_owned),
            untested: entry.untested.map(str::to_owned),
            allow: reasons(entry.exceptions),
            shape: entry.shape.name.to_owned(),
            sub_codes: entry.sub_codes.iter().map(SubCodeSnapshot::of).collect(),
        }
        .finish(mode)
    }

    /// What both sources of a snapshot share: statuses sorted and unique, sub-codes by code,
    /// and the key spelled from them.
    fn finish(mut self, mode: KeyMode) -> Self {
        self.statuses.sort_unstable();
        self.statuses.dedup();
        self.sub_codes.sort_by(|a, b| a.code.cmp(&b.code));
        self.key = key_text(mode, &self.code, &self.statuses, self.category.as_deref());
        self
    }
}

/// The longest object of plain values written on one line.
const INLINE_OBJECT: usize = 60;

fn plain(value: &serde_json::Value) -> bool {
    !matches!(
        value,
        serde_json::Value::Array(_) | serde_json::Value::Object(_)
    )
}

/// `value` on one line, for lists and small objects of plain values.
fn inline(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let scalar = |value: &Value| serde_json::to_string(value).unwrap_or_default();
    match value {
        Value::Array(items) if items.iter().all(plain) => Some(format!(
            "[{}]",
            items.iter().map(scalar).collect::<Vec<_>>().join(", ")
        )),
        Value::Object(map) if map.is_empty() => Some("{}".to_owned()),
        Value::Object(map) if map.values().all(plain) => {
            let members: Vec<String> = map
                .iter()
                .map(|(key, value)| {
                    format!("{}: {}", scalar(&Value::from(key.as_str())), scalar(value))
                })
                .collect();
            let text = format!("{{ {} }}", members.join(", "));
            (text.len() <= INLINE_OBJECT).then_some(text)
        }
        Value::Array(_) | Value::Object(_) => None,
        plain => Some(scalar(plain)),
    }
}

/// Writes `value` indented by `depth` levels of two spaces.
fn pretty(value: &serde_json::Value, depth: usize, out: &mut String) {
    use serde_json::Value;
    if let Some(text) = inline(value) {
        out.push_str(&text);
        return;
    }
    let pad = "  ".repeat(depth + 1);
    match value {
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                pretty(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
        }
        Value::Object(map) => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push_str(": ");
                pretty(item, depth + 1, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
        }
        _ => {}
    }
    out.push_str(&"  ".repeat(depth));
    out.push(if matches!(value, Value::Array(_)) {
        ']'
    } else {
        '}'
    });
}

/// The order of entries in a snapshot.
fn entry_order(mode: KeyMode, a: &EntrySnapshot, b: &EntrySnapshot) -> std::cmp::Ordering {
    fn by_code(entry: &EntrySnapshot) -> ((u8, i64, &str), &[u16]) {
        (entry.code.sort_key(), &entry.statuses)
    }
    match mode {
        KeyMode::CategoryCode => {
            (a.category.as_deref(), by_code(a)).cmp(&(b.category.as_deref(), by_code(b)))
        }
        KeyMode::Code | KeyMode::StatusCode => {
            (by_code(a), a.category.as_deref()).cmp(&(by_code(b), b.category.as_deref()))
        }
    }
}

impl CodeValue {
    fn of_description(code: &CodeDescription) -> Self {
        match code {
            CodeDescription::Int(n) => CodeValue::Int(*n),
            CodeDescription::Str(s) => CodeValue::Str(s.clone()),
            CodeDescription::Absent => CodeValue::Absent,
        }
    }
}

impl EntrySnapshot {
    fn of_description(mode: KeyMode, entry: &EntryDescription) -> Self {
        let sub_codes: Vec<SubCodeSnapshot> = entry
            .sub_codes
            .iter()
            .map(|sub| SubCodeSnapshot {
                code: sub.code.clone(),
                variant: sub.variant.clone(),
                retry: sub.retry,
                kind: sub.kind,
                actor: sub.actor,
                message: sub.message.clone(),
                untested: sub.untested.clone(),
                allow: sub.exceptions.iter().cloned().collect(),
            })
            .collect();
        EntrySnapshot {
            key: String::new(),
            code: CodeValue::of_description(&entry.code),
            statuses: entry.statuses.clone(),
            variant: entry.variant.clone(),
            retry: entry.retry,
            kind: entry.kind,
            actor: entry.actor,
            category: entry.category.clone(),
            message: entry.message.clone(),
            remediation: entry.remediation.clone(),
            groups: entry.groups.clone(),
            docs_link: entry.docs_link.clone(),
            added: entry.added.clone(),
            untested: entry.untested.clone(),
            allow: entry.exceptions.iter().cloned().collect(),
            shape: entry.shape.clone(),
            sub_codes,
        }
        .finish(mode)
    }
}

impl Snapshot {
    /// The contract of a catalog that was not compiled, read from its invocation by the
    /// macro's own parser ([`catalog_dsl::describe_source`]): the same snapshot as
    /// [`Snapshot::of`] gives for the compiled catalog (a test holds the seeds to it).
    pub fn of_description(catalog: &CatalogDescription) -> Self {
        Snapshot {
            format: FORMAT,
            id: catalog.id.clone(),
            name: catalog.name.clone(),
            type_name: catalog.type_name.clone(),
            docs: catalog.docs.clone(),
            key: catalog.key,
            errors_in_2xx: catalog.errors_in_2xx,
            idempotency_header: catalog.idempotency_header.clone(),
            coverage: catalog.coverage,
            sensitive: catalog.sensitive.clone(),
            not_sensitive: catalog.not_sensitive.clone(),
            group_pages: catalog.group_pages.iter().cloned().collect(),
            wire: catalog
                .shapes
                .iter()
                .map(|shape| ShapeSnapshot {
                    name: shape.name.clone(),
                    fields: grouped(shape.fields.iter().cloned()),
                    own_fields: grouped(shape.own_fields.iter().cloned()),
                    field_errors: shape
                        .field_errors
                        .as_ref()
                        .map(|errors| FieldErrorsSnapshot {
                            pointer: errors.pointer.clone(),
                            field: errors.field.clone(),
                            message: errors.message.clone(),
                        }),
                })
                .collect(),
            entries: catalog
                .entries
                .iter()
                .map(|entry| EntrySnapshot::of_description(catalog.key, entry))
                .collect(),
        }
        .finish()
    }

    /// The contract of a catalog, read from its runtime model.
    pub fn of(spec: &CatalogSpec) -> Self {
        Snapshot {
            format: FORMAT,
            id: spec.id.to_owned(),
            name: spec.name.to_owned(),
            type_name: spec.type_name.to_owned(),
            docs: spec.docs.to_owned(),
            key: spec.key,
            errors_in_2xx: spec.profile.errors_in_2xx,
            idempotency_header: spec.idempotency_header.map(str::to_owned),
            coverage: spec.coverage.percent(),
            sensitive: sources(spec.sensitive),
            not_sensitive: sources(spec.not_sensitive),
            group_pages: spec
                .group_pages
                .iter()
                .map(|page| (page.group.to_owned(), page.url.to_owned()))
                .collect(),
            wire: spec.wire.shapes.iter().map(ShapeSnapshot::of).collect(),
            entries: spec
                .entries
                .iter()
                .map(|entry| EntrySnapshot::of(spec.key, entry))
                .collect(),
        }
        .finish()
    }

    /// What both sources of a snapshot share: entries in key order, and each list of
    /// sensitive sources sorted and unique.
    fn finish(mut self) -> Self {
        let key = self.key;
        self.entries.sort_by(|a, b| entry_order(key, a, b));
        for list in [&mut self.sensitive, &mut self.not_sensitive] {
            list.sort();
            list.dedup();
        }
        self
    }

    /// The file's text: JSON with two-space indents and a final newline, a list of plain
    /// values on one line (`"statuses": [400, 422]`), as a small object of plain values
    /// (`"retry": { "policy": "backoff", "retries": 3 }`).
    pub fn to_json(&self) -> String {
        // Plain data of strings, numbers and maps with string keys: serializing it cannot
        // fail, and an empty text would be caught as invalid on the next read.
        let value = serde_json::to_value(self).unwrap_or_default();
        let mut text = String::new();
        pretty(&value, 0, &mut text);
        text.push('\n');
        text
    }

    /// Reads a snapshot's text; `origin` names the file in errors, which say what is wrong
    /// and where (line and column, or the entry).
    pub fn from_json(text: &str, origin: impl Into<PathBuf>) -> Result<Self, SnapshotError> {
        let origin = origin.into();
        let snapshot: Snapshot =
            serde_json::from_str(text).map_err(|error| SnapshotError::Invalid {
                path: origin.clone(),
                problem: error.to_string(),
            })?;
        snapshot
            .validate()
            .map_err(|problem| SnapshotError::Invalid {
                path: origin,
                problem,
            })?;
        Ok(snapshot)
    }

    /// What a hand-edited file may get wrong that its JSON types do not catch: the format,
    /// statuses, and keys or variants that repeat.
    fn validate(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!(
                "`format` is {}, and this version of contract-tests reads format {FORMAT}; write the snapshot again with `catalog --write`",
                self.format
            ));
        }
        if !catalog_core::is_provider_id(&self.id) {
            return Err(format!(
                "`id` is {:?}, not a provider id (lowercase kebab-case, e.g. \"plaid-legacy\")",
                self.id
            ));
        }
        let mut shapes = BTreeSet::new();
        for (i, shape) in self.wire.iter().enumerate() {
            if !shapes.insert(shape.name.as_str()) {
                return Err(format!("wire[{i}]: a second shape named `{}`", shape.name));
            }
        }
        let mut variants = BTreeMap::new();
        let mut keys = BTreeMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let at = format!("entries[{i}] (`{}`)", entry.variant);
            if entry.variant.is_empty() {
                return Err(format!("entries[{i}]: `variant` is empty"));
            }
            if entry.statuses.is_empty() {
                return Err(format!("{at}: `statuses` is empty"));
            }
            if let Some(status) = entry
                .statuses
                .iter()
                .find(|status| !(100..=599).contains(*status))
            {
                return Err(format!("{at}: {status} is not an HTTP status"));
            }
            if let Some(first) = variants.insert(entry.variant.as_str(), i) {
                return Err(format!(
                    "{at}: variant `{}` is also entries[{first}]",
                    entry.variant
                ));
            }
            for key in entry_keys(self.key, entry) {
                if let Some(first) = keys.insert(key.clone(), i) {
                    return Err(format!(
                        "{at}: its key {} is also entries[{first}]'s",
                        show_key(&key)
                    ));
                }
            }
            let mut sub_codes = BTreeSet::new();
            for sub in &entry.sub_codes {
                if !sub_codes.insert(sub.code.as_str()) {
                    return Err(format!("{at}: a second sub-code `{}`", sub.code));
                }
            }
        }
        Ok(())
    }
}

/// One key an entry holds: a status where the key has one, a category where it has one
/// (else empty), and the code as text (`None` for a row without a code).
type KeyOf = (Option<u16>, String, Option<String>);

/// The keys an entry holds under a key mode: one (the code, or the category and code), or
/// one per status. A row without a code holds one per status, with its category where the
/// catalog is keyed by `(category, code)`, as `catalog_core::KeyMode::shared_key` says.
fn entry_keys(mode: KeyMode, entry: &EntrySnapshot) -> Vec<KeyOf> {
    let code = entry.code.is_present().then(|| entry.code.to_string());
    let category = || entry.category.clone().unwrap_or_default();
    let per_status = |category: String| -> Vec<KeyOf> {
        entry
            .statuses
            .iter()
            .map(|status| (Some(*status), category.clone(), code.clone()))
            .collect()
    };
    match (mode, code.is_some()) {
        (KeyMode::Code, true) => vec![(None, String::new(), code.clone())],
        (KeyMode::CategoryCode, true) => vec![(None, category(), code.clone())],
        (KeyMode::Code | KeyMode::StatusCode, _) => per_status(String::new()),
        (KeyMode::CategoryCode, false) => per_status(category()),
    }
}

fn show_key((status, category, code): &KeyOf) -> String {
    let code = code.as_deref().unwrap_or(Code::ABSENT_TEXT);
    match (status, category.is_empty()) {
        (Some(status), false) => format!("({category}, {status}, {code})"),
        (Some(status), true) => format!("({status}, {code})"),
        (None, false) => format!("({category}, {code})"),
        (None, true) => format!("`{code}`"),
    }
}

/// A snapshot that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        error: String,
    },
    /// The file is not a valid snapshot.
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where in the file.
        problem: String,
    },
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Io { path, error } => {
                write!(f, "{}: cannot read the snapshot: {error}", path.display())
            }
            SnapshotError::Invalid { path, problem } => write!(
                f,
                "{}: not a valid catalog snapshot: {problem}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SnapshotError {}

/// Reads the snapshot at `path`; `Ok(None)` when there is no file.
pub fn read(path: &Path) -> Result<Option<Snapshot>, SnapshotError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Snapshot::from_json(&text, path).map(Some),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(SnapshotError::Io {
            path: path.to_owned(),
            error: error.to_string(),
        }),
    }
}

/// What `catalog --write` did for one catalog.
#[derive(Clone, Debug)]
pub struct Written {
    /// The file.
    pub path: PathBuf,
    /// The snapshot that was there before, if any.
    pub previous: Option<Snapshot>,
    /// What was wrong with the file there, when it was not a valid snapshot and was replaced.
    pub replaced: Option<String>,
    /// What changed against it, classified.
    pub changes: Vec<Change>,
}

/// Saves the contract of `spec` as `<catalogs>/<id>.json`, creating the folder. The file
/// that was there is read first, so that the changes accepted can be shown; one that is not a
/// valid snapshot is replaced.
pub fn write(spec: &CatalogSpec, layout: &Layout) -> Result<Written, SnapshotError> {
    let path = layout.catalog_of(spec.id);
    let (previous, replaced) = match read(&path) {
        Ok(previous) => (previous, None),
        Err(error) => (None, Some(error.to_string())),
    };
    let current = Snapshot::of(spec);
    let changes = previous
        .as_ref()
        .map(|previous| diff::diff(previous, &current))
        .unwrap_or_default();
    let io = |error: std::io::Error| SnapshotError::Io {
        path: path.clone(),
        error: error.to_string(),
    };
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(&path, current.to_json()).map_err(io)?;
    Ok(Written {
        path,
        previous,
        replaced,
        changes,
    })
}

/// How a catalog compares with its committed snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotCheck {
    /// The snapshot holds the catalog as it is.
    Holds {
        /// The file.
        path: PathBuf,
    },
    /// There is no snapshot yet: a failure, so that CI does not pass a catalog nobody has
    /// reviewed as a contract.
    Missing {
        /// Where it should be.
        path: PathBuf,
    },
    /// The catalog differs from its snapshot.
    Differs {
        /// The file.
        path: PathBuf,
        /// What changed since the snapshot, classified.
        changes: Vec<Change>,
    },
}

impl SnapshotCheck {
    /// Whether the snapshot holds the catalog.
    pub fn holds(&self) -> bool {
        matches!(self, SnapshotCheck::Holds { .. })
    }

    /// One failure line per change (provider, code, class, what changed), and a last line
    /// that says what to do: run `catalog --write` to accept.
    pub fn failures(&self, id: &str) -> Vec<String> {
        match self {
            SnapshotCheck::Holds { .. } => Vec::new(),
            SnapshotCheck::Missing { path } => vec![format!(
                "{id}: [snapshot] no snapshot of the catalog at {}; run `catalog --write` to save its contract there, review it and commit it",
                path.display()
            )],
            SnapshotCheck::Differs { path, changes } => {
                let mut lines: Vec<String> = changes
                    .iter()
                    .map(|change| format!("{id} {}: [snapshot] {change}", change.subject()))
                    .collect();
                lines.push(format!(
                    "{id}: [snapshot] the catalog differs from {} ({}); review the changes (`diff --provider {id}`), then run `catalog --write` to accept them",
                    path.display(),
                    diff::counts(changes)
                ));
                lines
            }
        }
    }
}

/// Compares `spec` with its snapshot in `layout`. An error is a snapshot that cannot be read
/// or is not valid, named with what and where.
pub fn check(spec: &CatalogSpec, layout: &Layout) -> Result<SnapshotCheck, String> {
    let path = layout.catalog_of(spec.id);
    let Some(committed) = read(&path).map_err(|error| error.to_string())? else {
        return Ok(SnapshotCheck::Missing { path });
    };
    let changes = diff::diff(&committed, &Snapshot::of(spec));
    Ok(if changes.is_empty() {
        SnapshotCheck::Holds { path }
    } else {
        SnapshotCheck::Differs { path, changes }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    catalog_core::provider_errors! {
        pub provider Keyed {
            id: "keyed",
            docs: "https://keyed.test/errors",
            key: (status, code),
            idempotency_key: header "Idempotency-Key",
            wire: json { code: "/code", message: "/message" or "/detail", request_id: header "X-Request-Id" },
            columns: status | code | variant | retry | kind | actor | message,
            sensitive: { header "X-Session", "/customer/card" },
        }
        503 | "down" | Down | backoff(3) | provider_unavailable | nobody | "Down.";
        403 | "denied" | Forbidden | never | permission_denied | integrator | "No." => "Ask for access.";
        401 | "denied" | Unauthorized | never | unauthenticated | integrator | "Who?"
            docs("https://keyed.test/errors#denied");
        404 or 400 | "gone" | Gone | never | not_found | integrator | "Gone."
            allow(status_kind, "the docs say 400 for a deleted account");
    }

    #[test]
    fn a_snapshot_is_sorted_by_key_and_reads_back_the_same() {
        let snapshot = Snapshot::of(Keyed::spec());
        let keys: Vec<&str> = snapshot
            .entries
            .iter()
            .map(|entry| entry.key.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "(401, denied)",
                "(403, denied)",
                "(503, down)",
                "(400|404, gone)"
            ]
        );
        assert_eq!(snapshot.sensitive, ["/customer/card", "header X-Session"]);
        assert_eq!(
            snapshot.wire[0].fields[&Field::Message],
            ["/message", "/detail"]
        );
        let text = snapshot.to_json();
        assert!(
            text.contains("\"retry\": { \"policy\": \"backoff\", \"retries\": 3 },\n"),
            "{text}"
        );
        assert!(text.contains("\"statuses\": [400, 404],\n"), "{text}");
        assert!(
            text.contains("\"message\": [\"/message\", \"/detail\"]"),
            "{text}"
        );
        assert_eq!(Snapshot::from_json(&text, "keyed.json").unwrap(), snapshot);
        // Written twice, the same bytes.
        assert_eq!(Snapshot::of(Keyed::spec()).to_json(), text);
    }

    #[test]
    fn an_invalid_snapshot_says_what_and_where() {
        let text = Snapshot::of(Keyed::spec()).to_json();
        let error = Snapshot::from_json(&text.replace("\"not_found\"", "\"not_fund\""), "k.json")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("k.json: not a valid catalog snapshot: unknown variant `not_fund`"),
            "{error}"
        );
        assert!(error.contains("line "), "{error}");
        let error = Snapshot::from_json(&text.replace("\"Forbidden\"", "\"Down\""), "k.json")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "k.json: not a valid catalog snapshot: entries[2] (`Down`): variant `Down` is also entries[1]"
        );
        let error = Snapshot::from_json("{\"format\": 1", "k.json")
            .unwrap_err()
            .to_string();
        assert!(error.contains("EOF while parsing"), "{error}");
        let error = Snapshot::from_json(&text.replace("\"format\": 1", "\"format\": 2"), "k.json")
            .unwrap_err()
            .to_string();
        assert!(error.contains("reads format 1"), "{error}");
    }

    catalog_core::provider_errors! {
        pub provider Shaped {
            id: "shaped",
            docs: "https://shaped.test/errors",
            wire: json {
                code: "/error/code",
                message: "/error/message",
                retryable: header "Should-Retry",
                fields: { doc_url: "/error/doc_url" or "/doc_url", param: "/error/param" },
                field_errors: "/errors" { field: "name", message: "detail" },
            },
            columns: status | code | variant | retry | kind | actor | message,
        }
        400 | "bad" | Bad | never | invalid_request | integrator | "Bad.";
        500 or 503 | _ | ApiError | backoff(3) | internal | provider | "Something went wrong."
            allow(status_kind, "one row in the docs for both statuses");
    }

    #[test]
    fn the_retry_flags_header_own_fields_field_errors_and_rows_without_a_code_are_held() {
        let snapshot = Snapshot::of(Shaped::spec());
        let text = snapshot.to_json();
        for expected in [
            "\"retryable\": [\"header Should-Retry\"]",
            "\"own_fields\": {\n        \"doc_url\": [\"/error/doc_url\", \"/doc_url\"],\n        \"param\": [\"/error/param\"]\n      }",
            "\"field_errors\": {\n        \"pointer\": \"/errors\",\n        \"field\": \"name\",\n        \"message\": \"detail\"\n      }",
            "\"key\": \"(500|503, _)\",\n      \"code\": null,",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
        // Rows without a code sort after the others.
        assert_eq!(snapshot.entries[1].code, CodeValue::Absent);
        assert_eq!(Snapshot::from_json(&text, "shaped.json").unwrap(), snapshot);

        // A catalog that declares none of it writes none of it: older files read the same.
        let plain = Snapshot::of(Keyed::spec()).to_json();
        assert!(!plain.contains("own_fields"), "{plain}");
        assert!(!plain.contains("field_errors"), "{plain}");
    }

    #[test]
    fn rows_without_a_code_are_keyed_by_status_and_category() {
        let mut snapshot = Snapshot::of(Shaped::spec());
        let mut second = snapshot.entries[1].clone();
        second.variant = "Unavailable".to_owned();
        second.statuses = vec![503];
        snapshot.entries.push(second.clone());
        let error = Snapshot::from_json(&snapshot.to_json(), "s.json")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "s.json: not a valid catalog snapshot: entries[2] (`Unavailable`): its key (503, _) is also entries[1]'s"
        );
        // At another status, or with the code `_` (a code like any other), no clash.
        snapshot.entries[2].statuses = vec![502];
        assert!(Snapshot::from_json(&snapshot.to_json(), "s.json").is_ok());
        snapshot.entries[2].statuses = vec![503];
        snapshot.entries[2].code = CodeValue::Str("_".to_owned());
        assert!(Snapshot::from_json(&snapshot.to_json(), "s.json").is_ok());

        // Keyed by (category, code): by category and status.
        assert_eq!(
            key_text(
                KeyMode::CategoryCode,
                &CodeValue::Absent,
                &[500, 503],
                Some("api_error")
            ),
            "(api_error, 500|503, _)"
        );
        let mut by_category = Snapshot::of(Shaped::spec());
        by_category.key = KeyMode::CategoryCode;
        for entry in &mut by_category.entries {
            entry.category = Some("api_error".to_owned());
        }
        second.category = Some("card_error".to_owned());
        by_category.entries.push(second);
        assert!(Snapshot::from_json(&by_category.to_json(), "c.json").is_ok());
        by_category.entries[2].category = Some("api_error".to_owned());
        let error = Snapshot::from_json(&by_category.to_json(), "c.json")
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("its key (api_error, 503, _) is also entries[1]'s"),
            "{error}"
        );
    }
}
