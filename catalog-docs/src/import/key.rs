//! What makes a row unique: the code alone, or the status or the type with it
//! ([`KeyMode`], the vocabulary's own), and the merge of rows that repeat a key.

use std::collections::BTreeMap;

use catalog_core::KeyMode;

use super::rows::Row;

/// Whether a code appears under two different types (categories).
pub(super) fn needs_category_key(rows: &[Row]) -> bool {
    let mut categories: BTreeMap<&str, &str> = BTreeMap::new();
    rows.iter().any(|row| {
        let Some(category) = row.category.as_deref() else {
            return false;
        };
        match categories.insert(&row.code, category) {
            Some(earlier) => earlier != category,
            None => false,
        }
    })
}

pub(super) fn needs_status_key(rows: &[Row]) -> bool {
    let mut statuses: BTreeMap<&str, &Vec<u16>> = BTreeMap::new();
    rows.iter()
        .any(|row| match statuses.insert(&row.code, &row.statuses) {
            Some(earlier) => *earlier != row.statuses,
            None => false,
        })
}

/// One row per key; a row listed in several tables keeps the other sections for `also_in`.
/// Keyed by (status, code), a row keeps the statuses no earlier row of its code declares,
/// and merges into the first such row when none is left: each key is declared once.
pub(super) fn merge(rows: Vec<Row>, key: KeyMode) -> Vec<Row> {
    let mut merged: Vec<Row> = Vec::new();
    for mut row in rows {
        if matches!(key, KeyMode::StatusCode) {
            row.statuses.retain(|status| {
                !merged
                    .iter()
                    .any(|earlier| earlier.code == row.code && earlier.statuses.contains(status))
            });
        }
        let same = merged.iter_mut().find(|earlier| {
            earlier.code == row.code
                && match key {
                    KeyMode::Code => true,
                    KeyMode::StatusCode => row.statuses.is_empty(),
                    KeyMode::CategoryCode => earlier.category == row.category,
                }
        });
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
