//! Catalogs as data for people and tools: JSON (serde) and a Markdown table.
//!
//! This is the output of `cargo xtask catalog`; its JSON shape is a contract that tools rely
//! on: an object per provider with `id`, `name`, `docs` and `entries`, each entry with `code`
//! (a number or a string, as the provider sends it; `null` for a row without a code),
//! `statuses`, `variant`, `message`, `retry`, `retryable`, `kind`, `actor`, `group`,
//! `untested` (the row's reason, or null) and `sub_codes`; the provider's `coverage` is the
//! share in percent its recordings must reach.

use std::fmt::Write as _;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use catalog_vocab::Exception;

use crate::model::{Code, Entry, Origin, SubCode};
use crate::spec::CatalogSpec;

impl Serialize for CatalogSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", self.id)?;
        map.serialize_entry("name", self.name)?;
        map.serialize_entry("docs", self.docs)?;
        map.serialize_entry("type", self.type_name)?;
        map.serialize_entry("key", &self.key)?;
        map.serialize_entry("errors_in_2xx", &self.profile.errors_in_2xx)?;
        map.serialize_entry("idempotency_header", &self.idempotency_header)?;
        map.serialize_entry("coverage", &self.coverage.percent())?;
        map.serialize_entry("entries", &Entries(self.entries))?;
        map.end()
    }
}

struct Entries(&'static [Entry]);

impl Serialize for Entries {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for entry in self.0 {
            seq.serialize_element(entry)?;
        }
        seq.end()
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self.code {
            Code::Int(n) => map.serialize_entry("code", &n)?,
            Code::Str(s) => map.serialize_entry("code", s)?,
            Code::Absent => map.serialize_entry("code", &None::<&str>)?,
        }
        map.serialize_entry("statuses", self.statuses)?;
        map.serialize_entry("variant", self.variant)?;
        map.serialize_entry("message", self.message)?;
        map.serialize_entry("remediation", &self.remediation)?;
        map.serialize_entry("retry", &self.retry.to_string())?;
        map.serialize_entry("retryable", &self.retry.is_retryable())?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("actor", &self.actor)?;
        map.serialize_entry("group", &self.groups.first())?;
        map.serialize_entry("groups", self.groups)?;
        map.serialize_entry("category", &self.category)?;
        map.serialize_entry("docs_link", &self.docs)?;
        match self.origin {
            Origin::Docs => map.serialize_entry("added", &None::<&str>)?,
            Origin::Added { reason } => map.serialize_entry("added", reason)?,
        }
        map.serialize_entry("exceptions", &Exceptions(self.exceptions))?;
        map.serialize_entry("untested", &self.untested)?;
        map.serialize_entry("sub_codes", &SubCodes(self.sub_codes))?;
        map.end()
    }
}

struct Exceptions(&'static [Exception]);

impl Serialize for Exceptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for exception in self.0 {
            seq.serialize_element(&serde_json::json!({
                "rule": exception.rule,
                "reason": exception.reason,
            }))?;
        }
        seq.end()
    }
}

struct SubCodes(&'static [SubCode]);

impl Serialize for SubCodes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for sub in self.0 {
            seq.serialize_element(&serde_json::json!({
                "code": sub.code,
                "name": sub.name,
                "message": sub.message,
                "retry": sub.retry.to_string(),
                "retryable": sub.retry.is_retryable(),
                "kind": sub.kind,
                "actor": sub.actor,
                "exceptions": Exceptions(sub.exceptions),
                "untested": sub.untested,
            }))?;
        }
        seq.end()
    }
}

/// The catalog as a Markdown section: a heading and a table with a row per entry.
pub fn markdown(spec: &CatalogSpec) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {} (`{}`)\n\nSource: <{}>\n",
        spec.name, spec.id, spec.docs
    );
    out.push_str("| status | code | variant | retry | kind | actor | message |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for entry in spec.entries {
        let statuses: Vec<String> = entry.statuses.iter().map(u16::to_string).collect();
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {} | {} | {} | {} |",
            statuses.join(" or "),
            entry.code_text,
            entry.variant,
            entry.retry,
            entry.kind,
            entry.actor,
            escape_cell(entry.message),
        );
        for sub in entry.sub_codes {
            let _ = writeln!(
                out,
                "| ↳ | `{}` | `{}` | {} | {} | {} | {} |",
                sub.code,
                sub.name,
                sub.retry,
                sub.kind,
                sub.actor,
                escape_cell(sub.message),
            );
        }
    }
    out
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
