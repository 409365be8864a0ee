//! What `record` tells: the changes to the recording file, the secrets taken out and the
//! entries left out, each grouped by what it is, so that an export of 50,000 responses with
//! three distinct expectations reads as three groups, each with its first few entries in
//! full, not as 50,000 lines.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::Value;

/// How many entries of a group are shown in full.
const SHOWN: usize = 3;

/// Entries that share a key: how many, and the first few.
#[derive(Clone, Debug, Default)]
pub struct Group {
    /// How many entries are in the group.
    pub count: usize,
    /// The first entries: position and label (`(GET https://... -> 404)`).
    pub first: Vec<(usize, String)>,
}

/// Groups in the order their keys were first seen.
#[derive(Clone, Debug, Default)]
pub struct Groups<K> {
    groups: Vec<(K, Group)>,
    index: HashMap<String, usize>,
}

impl<K> Groups<K> {
    /// Adds an entry under `key` (compared by `id`).
    fn add(&mut self, id: String, key: impl FnOnce() -> K, entry: usize, label: &str) {
        let at = *self.index.entry(id).or_insert_with(|| {
            self.groups.push((key(), Group::default()));
            self.groups.len() - 1
        });
        let group = &mut self.groups[at].1;
        group.count += 1;
        if group.first.len() < SHOWN {
            group.first.push((entry, label.to_owned()));
        }
    }

    /// The groups, first seen first.
    pub fn iter(&self) -> impl Iterator<Item = &(K, Group)> {
        self.groups.iter()
    }

    /// How many entries in all.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|(_, group)| group.count).sum()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// What happens to the recording file and why, grouped.
#[derive(Clone, Debug, Default)]
pub struct Review {
    /// Entries the file did not have, by their `_expected`.
    pub added: Groups<Value>,
    /// Entries whose `_expected` changes, by (old, new).
    pub changed: Groups<(Value, Value)>,
    /// Entries whose `_expected` gains keys and contradicts none it stated, by (old, new):
    /// written, but no change for `--check`.
    pub completed: Groups<(Value, Value)>,
    /// Entries of the file that the capture lacks.
    pub removed: Groups<()>,
    /// How many entries keep their `_expected`.
    pub unchanged: usize,
    /// Secrets taken out, by what and where (list indices as `*`).
    pub redacted: Groups<String>,
    /// Entries of the capture left out, by why.
    pub skipped: Groups<String>,
}

impl Review {
    pub(crate) fn add(&mut self, entry: usize, label: &str, expected: &Value) {
        self.added
            .add(compact(expected), || expected.clone(), entry, label);
    }

    pub(crate) fn change(&mut self, entry: usize, label: &str, old: &Value, new: &Value) {
        let id = format!("{}\n{}", compact(old), compact(new));
        self.changed
            .add(id, || (old.clone(), new.clone()), entry, label);
    }

    pub(crate) fn complete(&mut self, entry: usize, label: &str, old: &Value, new: &Value) {
        let id = format!("{}\n{}", compact(old), compact(new));
        self.completed
            .add(id, || (old.clone(), new.clone()), entry, label);
    }

    pub(crate) fn remove(&mut self, entry: usize, label: &str) {
        self.removed.add(String::new(), || (), entry, label);
    }

    pub(crate) fn redact(&mut self, entry: usize, what: String) {
        self.redacted.add(what.clone(), || what, entry, "");
    }

    pub(crate) fn skip(&mut self, entry: usize, label: &str, reason: String) {
        self.skipped.add(reason.clone(), || reason, entry, label);
    }

    /// Whether any `_expected` would change: a value it states, or an entry added or removed.
    pub fn changes_expectations(&self) -> bool {
        !(self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty())
    }

    /// The first line: the counts.
    pub(crate) fn counts(&self) -> String {
        let completed = match self.completed.total() {
            0 => String::new(),
            count => format!(", {} completed", thousands(count)),
        };
        format!(
            "{} new, {} changed, {} removed, {} unchanged{completed}",
            thousands(self.added.total()),
            thousands(self.changed.total()),
            thousands(self.removed.total()),
            thousands(self.unchanged)
        )
    }

    /// Every group: its first entry in full, the next few by label, and how many more.
    pub(crate) fn write_changes(&self, out: &mut String) {
        for (expected, group) in self.added.iter() {
            head(out, '+', group, &name(expected), "");
            let _ = writeln!(out, "      _expected {}", compact(expected));
            tail(out, group);
        }
        for ((old, new), group) in self.changed.iter() {
            head(out, '~', group, &name(new), "");
            out.push_str(&diff(old, new));
            tail(out, group);
        }
        for ((old, new), group) in self.completed.iter() {
            head(out, '~', group, &name(new), ": keys added");
            out.push_str(&diff(old, new));
            tail(out, group);
        }
        for ((), group) in self.removed.iter() {
            head(
                out,
                '-',
                group,
                "entries",
                ": not in the capture, dropped from the file",
            );
            tail(out, group);
        }
    }

    /// The secrets taken out and the entries left out, grouped.
    pub(crate) fn write_notes(&self, out: &mut String, marker: &str) {
        if !self.redacted.is_empty() {
            let _ = writeln!(
                out,
                "  redacted {} secret(s), each replaced by {marker}:",
                thousands(self.redacted.total())
            );
            for (what, group) in self.redacted.iter() {
                let _ = writeln!(out, "    {}: {what}", entries(group, "entry", "entries"));
            }
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(
                out,
                "  left out {} entry(ies):",
                thousands(self.skipped.total())
            );
            for (reason, group) in self.skipped.iter() {
                if group.count == 1 {
                    let (entry, label) = &group.first[0];
                    let _ = writeln!(out, "    capture entry {entry} {label}: {reason}");
                } else {
                    let _ = writeln!(
                        out,
                        "    {}: {reason}",
                        entries(group, "capture entry", "capture entries")
                    );
                }
            }
        }
    }
}

/// `entry 3`, or `5 × entries 0, 1, 2 and 2 more`.
fn entries(group: &Group, one: &str, many: &str) -> String {
    let positions: Vec<String> = group
        .first
        .iter()
        .map(|(entry, _)| entry.to_string())
        .collect();
    if group.count == 1 {
        return format!("{one} {}", positions.join(""));
    }
    let more = group.count - group.first.len();
    let more = if more > 0 {
        format!(" and {} more", thousands(more))
    } else {
        String::new()
    };
    format!(
        "{} × {many} {}{more}",
        thousands(group.count),
        positions.join(", ")
    )
}

/// `  + entry 0 (label)`, or `  + 49,998 × InvalidCredentials (1200), as entry 1 (label)`.
fn head(out: &mut String, sign: char, group: &Group, name: &str, note: &str) {
    let Some((entry, label)) = group.first.first() else {
        return;
    };
    if group.count == 1 {
        let _ = writeln!(out, "  {sign} entry {entry} {label}{note}");
    } else {
        let _ = writeln!(
            out,
            "  {sign} {} × {name}, as entry {entry} {label}{note}",
            thousands(group.count)
        );
    }
}

/// The next few entries of a group by label, and how many more.
fn tail(out: &mut String, group: &Group) {
    if group.count == 1 {
        return;
    }
    for (entry, label) in group.first.iter().skip(1) {
        let _ = writeln!(out, "      also entry {entry} {label}");
    }
    let more = group.count - group.first.len();
    if more > 0 {
        let _ = writeln!(out, "      and {} more", thousands(more));
    }
}

/// What an expectation names: `InvalidCredentials (1200)`, `unknown code X`, `no code`.
fn name(expected: &Value) -> String {
    let code = match expected.get("code") {
        Some(Value::String(code)) => Some(code.clone()),
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    match (expected.get("variant").and_then(Value::as_str), code) {
        (Some(variant), Some(code)) => format!("{variant} ({code})"),
        (Some(variant), None) => variant.to_owned(),
        (None, Some(code)) => format!("unknown code {code}"),
        (None, None) => "no code".to_owned(),
    }
}

/// `49,998`.
pub(crate) fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

pub(crate) fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A line diff of two `_expected` objects, pretty-printed, as `insta` shows a snapshot.
fn diff(old: &Value, new: &Value) -> String {
    let old = serde_json::to_string_pretty(old).unwrap_or_default();
    let new = serde_json::to_string_pretty(new).unwrap_or_default();
    let mut out = String::new();
    for change in similar::TextDiff::from_lines(&old, &new).iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Equal => ' ',
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
        };
        let _ = writeln!(
            out,
            "      {sign} {}",
            change.value().trim_end_matches('\n')
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_long_export_reads_as_one_group_per_expectation() {
        let mut review = Review::default();
        let declined = json!({"variant": "InvalidCredentials", "code": 1200, "retryable": false});
        let unknown = json!({"known": false, "code": "E42", "retryable": false});
        for entry in 0..49_998 {
            review.add(entry, &format!("(POST /x/{entry} -> 402)"), &declined);
            review.redact(
                entry,
                "a value named `authorization` in the request header `authorization`".to_owned(),
            );
        }
        review.add(49_998, "(GET /y -> 500)", &unknown);
        review.skip(
            50_000,
            "(GET /ok -> 200)",
            "not an error response".to_owned(),
        );
        review.skip(
            50_001,
            "(GET /ok2 -> 200)",
            "not an error response".to_owned(),
        );
        let mut out = String::new();
        review.write_changes(&mut out);
        review.write_notes(&mut out, "[redacted]");
        assert_eq!(
            review.counts(),
            "49,999 new, 0 changed, 0 removed, 0 unchanged"
        );
        assert_eq!(
            out,
            "  + 49,998 × InvalidCredentials (1200), as entry 0 (POST /x/0 -> 402)\n\
             \x20     _expected {\"variant\":\"InvalidCredentials\",\"code\":1200,\"retryable\":false}\n\
             \x20     also entry 1 (POST /x/1 -> 402)\n\
             \x20     also entry 2 (POST /x/2 -> 402)\n\
             \x20     and 49,995 more\n\
             \x20 + entry 49998 (GET /y -> 500)\n\
             \x20     _expected {\"known\":false,\"code\":\"E42\",\"retryable\":false}\n\
             \x20 redacted 49,998 secret(s), each replaced by [redacted]:\n\
             \x20   49,998 × entries 0, 1, 2 and 49,995 more: a value named `authorization` in the request header `authorization`\n\
             \x20 left out 2 entry(ies):\n\
             \x20   2 × capture entries 50000, 50001: not an error response\n"
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
