//! The changes of a catalog's entries and their sub-codes: entries paired by key (then by
//! variant name), and what changed in each pair.

use std::collections::{BTreeMap, BTreeSet};

use catalog_core::{Actor, KeyCells, KeyMode, Kind, RetryPolicy, Rule};

use super::resending::{kind_direction, retry_direction};
use super::{Change, ChangeKind, Class, Resending, quoted};
use crate::snapshot::{CodeValue, EntrySnapshot, Snapshot};

/// The key cells of a snapshot's entry with these `statuses`, for `KeyMode::shared_key`: the
/// code as `code` spells it (`entry.code` as text), and no category as the empty one, as the
/// snapshot's keys write it.
fn key_cells<'a>(entry: &'a EntrySnapshot, code: &'a str, statuses: &'a [u16]) -> KeyCells<'a> {
    KeyCells {
        code: entry.code.is_present().then_some(code),
        statuses,
        category: Some(entry.category.as_deref().unwrap_or("")),
    }
}

/// Whether `old` and `new` are the same entry under both key modes, by the key rule of the
/// macro (`KeyMode::shared_key`): a row without a code is keyed by what is left, a status
/// (and the category where the catalog is keyed by `(category, code)`).
fn same_key(modes: [KeyMode; 2], old: &EntrySnapshot, new: &EntrySnapshot) -> bool {
    let (old_code, new_code) = (old.code.to_string(), new.code.to_string());
    let old = key_cells(old, &old_code, &old.statuses);
    let new = key_cells(new, &new_code, &new.statuses);
    modes.iter().all(|mode| mode.shared_key(old, new).is_some())
}

/// The entry of `snapshot` that a response with `status` and `old`'s code and category
/// classifies as: the one whose key it shares. A response without a code falls to the row
/// without a code of its status (and category); one with a code the catalog lacks is unknown,
/// whatever rows without a code there are.
fn owner<'a>(
    snapshot: &'a Snapshot,
    old: &EntrySnapshot,
    status: u16,
) -> Option<&'a EntrySnapshot> {
    let old_code = old.code.to_string();
    let response = key_cells(old, &old_code, std::slice::from_ref(&status));
    snapshot.entries.iter().find(|entry| {
        let code = entry.code.to_string();
        let cells = key_cells(entry, &code, &entry.statuses);
        snapshot.key.shared_key(cells, response).is_some()
    })
}

/// The entries of two snapshots, paired: positions in `old.entries` and `new.entries`.
struct Pairing {
    /// An old entry and the new one it became, and whether they were paired by variant name
    /// because the key changed; in the new entries' order.
    pairs: Vec<(usize, usize, bool)>,
    /// Old entries with no new one.
    removed: Vec<usize>,
    /// New entries with no old one.
    added: Vec<usize>,
}

/// Pairs the entries of two snapshots: by key (the best match first: the same variant, then
/// the most statuses shared), then what is left by variant name.
fn pair(old: &Snapshot, new: &Snapshot) -> Pairing {
    let modes = [old.key, new.key];
    let mut taken = vec![false; new.entries.len()];
    let mut pairs = Vec::new();
    let mut unmatched_old = Vec::new();
    for (i, before) in old.entries.iter().enumerate() {
        let mut best: Option<(usize, (bool, usize))> = None;
        for (j, after) in new.entries.iter().enumerate() {
            if taken[j] || !same_key(modes, before, after) {
                continue;
            }
            let shared = before
                .statuses
                .iter()
                .filter(|status| after.statuses.contains(status))
                .count();
            let score = (before.variant == after.variant, shared);
            if best.is_none_or(|(_, best)| score > best) {
                best = Some((j, score));
            }
        }
        match best {
            Some((j, _)) => {
                taken[j] = true;
                pairs.push((i, j, false));
            }
            None => unmatched_old.push(i),
        }
    }
    let mut removed = Vec::new();
    for i in unmatched_old {
        let variant = &old.entries[i].variant;
        match (0..new.entries.len()).find(|&j| !taken[j] && new.entries[j].variant == *variant) {
            Some(j) => {
                taken[j] = true;
                pairs.push((i, j, true));
            }
            None => removed.push(i),
        }
    }
    let added = (0..new.entries.len()).filter(|&j| !taken[j]).collect();
    pairs.sort_by_key(|&(_, j, _)| j);
    Pairing {
        pairs,
        removed,
        added,
    }
}

/// The entries: removed, added, and what changed in each pair.
pub(super) fn entries(old: &Snapshot, new: &Snapshot, changes: &mut Vec<Change>) {
    use ChangeKind::*;
    let Pairing {
        pairs,
        removed,
        added,
    } = pair(old, new);
    for i in removed {
        let entry = &old.entries[i];
        let owners: Vec<Option<&EntrySnapshot>> = entry
            .statuses
            .iter()
            .map(|&status| owner(new, entry, status))
            .collect();
        let now: BTreeSet<&str> = owners
            .iter()
            .flatten()
            .map(|owner| owner.variant.as_str())
            .collect();
        let all_owned = !owners.is_empty() && owners.iter().all(Option::is_some);
        let change = if !entry.code.is_present() && !all_owned {
            let unowned: Vec<u16> = entry
                .statuses
                .iter()
                .zip(&owners)
                .filter(|(_, owner)| owner.is_none())
                .map(|(status, _)| *status)
                .collect();
            Change::new(
                RowWithoutCodeRemoved,
                Class::Breaking,
                format!(
                    "`{}`, the row without a code for {}, is gone: every `match` and use of the variant no longer compiles, and a response without a code at HTTP {} classifies as unknown, by its status",
                    entry.variant,
                    entry.key,
                    statuses(&unowned)
                ),
            )
        } else if all_owned {
            let now: Vec<String> = now.iter().map(|variant| format!("`{variant}`")).collect();
            Change::new(
                VariantRemoved,
                Class::Breaking,
                format!(
                    "the variant `{}` is gone: every `match` and use of it no longer compiles, and its responses now classify as {}",
                    entry.variant,
                    now.join(" or ")
                ),
            )
        } else {
            Change::new(
                CodeRemoved,
                Class::Breaking,
                format!(
                    "`{}` is gone, with its code {}: every `match` and use of the variant no longer compiles, and a response with the code classifies as unknown",
                    entry.variant, entry.key
                ),
            )
        };
        changes.push(change.on(entry));
    }
    for (i, j, key_changed) in pairs {
        let (before, after) = (&old.entries[i], &new.entries[j]);
        if key_changed {
            changes.push(
                Change::new(
                    KeyChanged,
                    Class::Breaking,
                    format!(
                        "`{}` was {}, is {}: a response with the old key no longer classifies as it",
                        after.variant, before.key, after.key
                    ),
                )
                .on(after),
            );
        }
        // A row without a code is keyed by its statuses whatever the key mode.
        let statuses_are_key = key_changed
            && ([old.key, new.key].contains(&KeyMode::StatusCode) || !after.code.is_present());
        entry(before, after, statuses_are_key, new.key, changes);
    }
    for j in added {
        let entry = &new.entries[j];
        let had_code = old
            .entries
            .iter()
            .any(|before| before.code.same_code(&entry.code));
        let change = if !entry.code.is_present() {
            Change::new(
                RowWithoutCodeAdded,
                Class::Compatible,
                format!(
                    "`{}` is new, the row without a code for {}: a response without a code at HTTP {} classifies as it, where it was unknown{}",
                    entry.variant,
                    entry.key,
                    statuses(&entry.statuses),
                    if had_code {
                        " or fell to another row without a code"
                    } else {
                        ""
                    }
                ),
            )
        } else if had_code {
            Change::new(
                VariantAdded,
                Class::Compatible,
                format!(
                    "`{}` is new, for {}: a code the catalog had under another key",
                    entry.variant, entry.key
                ),
            )
        } else {
            Change::new(
                CodeAdded,
                Class::Compatible,
                match new.key {
                    // The key names the statuses already.
                    KeyMode::StatusCode => format!(
                        "`{}` is new, for {}: a response with it classified as unknown before",
                        entry.variant, entry.key
                    ),
                    KeyMode::Code | KeyMode::CategoryCode => format!(
                        "`{}` is new, for {} (HTTP {}): a response with it classified as unknown before",
                        entry.variant,
                        entry.key,
                        statuses(&entry.statuses)
                    ),
                },
            )
        };
        changes.push(change.on(entry));
    }
}

fn statuses(list: &[u16]) -> String {
    list.iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}
/// The changes of one policy, kind and actor: an entry's or a sub-code's.
fn behaviour(
    name: &str,
    statuses: &[u16],
    old: (RetryPolicy, Kind, Actor),
    new: (RetryPolicy, Kind, Actor),
) -> Vec<Change> {
    let mut changes = Vec::new();
    if old.0 != new.0 {
        let resending = retry_direction(old.0, new.0);
        let effect = match resending {
            Some(Resending::More) => {
                "a request that failed with it is sent again more often or sooner"
            }
            Some(Resending::Less) => {
                "a request that failed with it is sent again less often or later"
            }
            None => "the retry loop waits another way",
        };
        changes.push(
            Change::new(
                ChangeKind::RetryChanged,
                Class::Behaviour,
                format!(
                    "`{name}` was retried {}, is retried {}: {}; {effect}",
                    old.0,
                    new.0,
                    new.0.describe()
                ),
            )
            .with_resending(resending),
        );
    }
    if old.1 != new.1 {
        let resending = kind_direction(statuses, new.0, old.1, new.1);
        let effect = match resending {
            Some(Resending::More) => {
                "; a request that is not idempotent is now resent after it, as not processed"
            }
            Some(Resending::Less) => {
                "; a request that is not idempotent is no longer resent after it"
            }
            None => "",
        };
        changes.push(
            Change::new(
                ChangeKind::KindChanged,
                Class::Behaviour,
                format!(
                    "`{name}` was of kind `{}`, is `{}`: handling, alerts and metrics keyed on the kind see it elsewhere, and the circuit breaker may count it otherwise{effect}",
                    old.1, new.1
                ),
            )
            .with_resending(resending),
        );
    }
    if old.2 != new.2 {
        changes.push(Change::new(
            ChangeKind::ActorChanged,
            Class::Behaviour,
            format!(
                "`{name}` was for `{}` to act on, is for `{}`: who is asked to act (and paged) changes",
                old.2, new.2
            ),
        ));
    }
    changes
}

fn text_change(
    change: ChangeKind,
    what: &str,
    name: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Option<Change> {
    (old != new).then(|| {
        Change::new(
            change,
            Class::Compatible,
            format!("`{name}`'s {what} was {}, is {}", quoted(old), quoted(new)),
        )
    })
}

fn allow_changes(
    name: &str,
    old: &BTreeMap<Rule, String>,
    new: &BTreeMap<Rule, String>,
) -> Vec<Change> {
    let rules: BTreeSet<&Rule> = old.keys().chain(new.keys()).collect();
    rules
        .into_iter()
        .filter_map(|rule| {
            text_change(
                ChangeKind::AllowChanged,
                &format!("allow({rule}) reason"),
                name,
                old.get(rule).map(String::as_str),
                new.get(rule).map(String::as_str),
            )
        })
        .collect()
}

/// What changed in one entry that kept its key (or its variant).
fn entry(
    old: &EntrySnapshot,
    new: &EntrySnapshot,
    statuses_are_key: bool,
    new_mode: KeyMode,
    changes: &mut Vec<Change>,
) {
    use ChangeKind::*;
    let name = new.variant.as_str();
    let mut found = Vec::new();
    if old.variant != new.variant {
        found.push(Change::new(
            VariantRenamed,
            Class::Breaking,
            format!(
                "`{}` is now `{}`, for the same key: every `match` and use of the old name no longer compiles, and serialized errors name the new one",
                old.variant, new.variant
            ),
        ));
    }
    if let (CodeValue::Int(_), CodeValue::Str(_)) | (CodeValue::Str(_), CodeValue::Int(_)) =
        (&old.code, &new.code)
    {
        found.push(Change::new(
            CodeTypeChanged,
            Class::Compatible,
            format!(
                "`{name}`'s code {} is now a {}: responses match on its text either way; `Entry::code` and canonical responses change",
                new.code,
                if let CodeValue::Int(_) = new.code {
                    "number"
                } else {
                    "string"
                }
            ),
        ));
    }
    if !statuses_are_key {
        for status in old.statuses.iter().filter(|s| !new.statuses.contains(s)) {
            let lookup = if new_mode == KeyMode::StatusCode {
                format!("a {status} with this code no longer classifies as it")
            } else {
                "the catalog no longer promises that status for it (`Entry::statuses`, the rules, rendered responses)".to_owned()
            };
            found.push(Change::new(
                StatusRemoved,
                Class::Breaking,
                format!("`{name}` no longer lists HTTP {status}: {lookup}"),
            ));
        }
        for status in new.statuses.iter().filter(|s| !old.statuses.contains(s)) {
            found.push(Change::new(
                StatusAdded,
                Class::Compatible,
                format!("`{name}` now also lists HTTP {status}"),
            ));
        }
    }
    found.extend(behaviour(
        name,
        &new.statuses,
        (old.retry, old.kind, old.actor),
        (new.retry, new.kind, new.actor),
    ));
    if new_mode != KeyMode::CategoryCode {
        found.extend(text_change(
            CategoryChanged,
            "category",
            name,
            old.category.as_deref(),
            new.category.as_deref(),
        ));
    }
    found.extend(text_change(
        MessageChanged,
        "message",
        name,
        Some(&old.message),
        Some(&new.message),
    ));
    found.extend(text_change(
        RemediationChanged,
        "remediation",
        name,
        old.remediation.as_deref(),
        new.remediation.as_deref(),
    ));
    found.extend(text_change(
        DocsLinkChanged,
        "docs link",
        name,
        old.docs_link.as_deref(),
        new.docs_link.as_deref(),
    ));
    if old.groups != new.groups {
        found.push(Change::new(
            GroupsChanged,
            Class::Compatible,
            format!(
                "`{name}`'s docs sections were {:?}, are {:?}",
                old.groups, new.groups
            ),
        ));
    }
    found.extend(text_change(
        OriginChanged,
        "`added` reason",
        name,
        old.added.as_deref(),
        new.added.as_deref(),
    ));
    found.extend(text_change(
        UntestedChanged,
        "`untested` reason",
        name,
        old.untested.as_deref(),
        new.untested.as_deref(),
    ));
    found.extend(allow_changes(name, &old.allow, &new.allow));
    found.extend(text_change(
        ShapeChanged,
        "wire shape (of its canonical responses)",
        name,
        Some(&old.shape),
        Some(&new.shape),
    ));
    changes.extend(found.into_iter().map(|change| change.on(new)));
    sub_codes(old, new, changes);
}

/// The sub-codes of one entry: paired by code, then what is left by name.
fn sub_codes(old: &EntrySnapshot, new: &EntrySnapshot, changes: &mut Vec<Change>) {
    use ChangeKind::*;
    let mut taken = vec![false; new.sub_codes.len()];
    let mut left = Vec::new();
    let mut pairs = Vec::new();
    for before in &old.sub_codes {
        match new
            .sub_codes
            .iter()
            .position(|after| after.code == before.code)
        {
            Some(j) => {
                taken[j] = true;
                pairs.push((before, j));
            }
            None => left.push(before),
        }
    }
    for before in left {
        match (0..new.sub_codes.len())
            .find(|&j| !taken[j] && new.sub_codes[j].variant == before.variant)
        {
            Some(j) => {
                taken[j] = true;
                let after = &new.sub_codes[j];
                changes.push(
                    Change::new(
                        KeyChanged,
                        Class::Breaking,
                        format!(
                            "the sub-code `{}` of `{}` is now sent as `{}`: a response with the old one no longer classifies as it",
                            before.variant, new.variant, after.code
                        ),
                    )
                    .on(new)
                    .sub(after),
                );
                pairs.push((before, j));
            }
            None => changes.push(
                Change::new(
                    SubCodeRemoved,
                    Class::Breaking,
                    format!(
                        "the sub-code `{}` ({}) of `{}` is gone: every use of it no longer compiles, and a response with it classifies by the entry alone",
                        before.variant, before.code, new.variant
                    ),
                )
                .on(new)
                .sub(before),
            ),
        }
    }
    for (before, j) in pairs {
        let after = &new.sub_codes[j];
        let name = format!("{}::{}", new.variant, after.variant);
        let mut found = Vec::new();
        if before.variant != after.variant {
            found.push(Change::new(
                SubCodeRenamed,
                Class::Breaking,
                format!(
                    "the sub-code `{}` of `{}` is now `{}`, for the same code: every use of the old name no longer compiles",
                    before.variant, new.variant, after.variant
                ),
            ));
        }
        found.extend(behaviour(
            &name,
            &new.statuses,
            (before.retry, before.kind, before.actor),
            (after.retry, after.kind, after.actor),
        ));
        found.extend(text_change(
            MessageChanged,
            "message",
            &name,
            Some(&before.message),
            Some(&after.message),
        ));
        found.extend(text_change(
            UntestedChanged,
            "`untested` reason",
            &name,
            before.untested.as_deref(),
            after.untested.as_deref(),
        ));
        found.extend(allow_changes(&name, &before.allow, &after.allow));
        changes.extend(found.into_iter().map(|change| change.on(new).sub(after)));
    }
    for (j, after) in new.sub_codes.iter().enumerate() {
        if !taken[j] {
            changes.push(
                Change::new(
                    SubCodeAdded,
                    Class::Compatible,
                    format!(
                        "the sub-code `{}` ({}) of `{}` is new",
                        after.variant, after.code, new.variant
                    ),
                )
                .on(new)
                .sub(after),
            );
        }
    }
}
