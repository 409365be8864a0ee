//! What makes a row unique: the code alone, or the status or the type with it
//! ([`KeyMode`], the vocabulary's own), and the merge of rows that repeat a key.

use std::collections::BTreeMap;

use catalog_core::KeyMode;

use super::rows::Row;

/// Whether a code appears under two different types (categories), or two types send errors
/// without a code at one status: rows without a code are keyed by their statuses, and by
/// their type only where the catalog is keyed by `(category, code)`.
pub(super) fn needs_category_key(rows: &[Row]) -> bool {
    let mut categories: BTreeMap<&str, &str> = BTreeMap::new();
    let mut without_code: BTreeMap<u16, &str> = BTreeMap::new();
    rows.iter().any(|row| {
        let Some(category) = row.category.as_deref() else {
            return false;
        };
        if !row.has_code() {
            return row.statuses.iter().any(|status| {
                without_code
                    .insert(*status, category)
                    .is_some_and(|earlier| earlier != category)
            });
        }
        match categories.insert(&row.code, category) {
            Some(earlier) => earlier != category,
            None => false,
        }
    })
}

/// Whether a code appears under different statuses. Rows without a code are keyed by their
/// statuses under every key, so they need none.
pub(super) fn needs_status_key(rows: &[Row]) -> bool {
    let mut statuses: BTreeMap<&str, &Vec<u16>> = BTreeMap::new();
    rows.iter().filter(|row| row.has_code()).any(|row| {
        match statuses.insert(&row.code, &row.statuses) {
            Some(earlier) => *earlier != row.statuses,
            None => false,
        }
    })
}

/// One row per key; a row listed in several tables keeps the other sections for `also_in`.
/// Keyed by (status, code), a row keeps the statuses no earlier row of its code declares,
/// and merges into the first such row when none is left: each key is declared once. Rows
/// without a code are keyed by their statuses (and their type, under `(category, code)`)
/// whatever the key, and merge the same way.
pub(super) fn merge(rows: Vec<Row>, key: KeyMode) -> Vec<Row> {
    let mut merged: Vec<Row> = Vec::new();
    for mut row in rows {
        let by_status = matches!(key, KeyMode::StatusCode) || !row.has_code();
        let same_key = |earlier: &Row| {
            earlier.code == row.code
                && (key != KeyMode::CategoryCode || earlier.category == row.category)
        };
        if by_status {
            let taken = |status: &u16| {
                merged
                    .iter()
                    .any(|earlier| same_key(earlier) && earlier.statuses.contains(status))
            };
            row.statuses.retain(|status| !taken(status));
        }
        let same = merged
            .iter_mut()
            .find(|earlier| same_key(earlier) && (!by_status || row.statuses.is_empty()));
        match same {
            Some(earlier) => {
                earlier.status_placeholder &= row.status_placeholder;
                earlier.category_placeholder &= row.category_placeholder;
                if let Some(section) = row.section.filter(|section| {
                    earlier.section.as_ref() != Some(section) && !earlier.sections.contains(section)
                }) {
                    earlier.sections.push(section);
                }
            }
            None => merged.push(row),
        }
    }
    merged
}
