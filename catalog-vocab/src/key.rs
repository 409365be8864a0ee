//! When two rows of a catalog have the same key: the rule the macro checks at compile time
//! and the contract harness checks over the runtime table, written once.
//!
//! A row's key is its code, or `(status, code)`, or `(category, code)` ([`KeyMode`]). A row
//! without a code (`_` in the code cell) takes the errors a provider sends without one; it
//! is keyed by what is left: its statuses, and its category where the catalog is keyed by
//! `(category, code)`. So two such rows clash when they share a status (and a category).

use crate::policy::KeyMode;

/// The cells of a row its key is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyCells<'a> {
    /// The code as text; `None` for a row without a code (`_`).
    pub code: Option<&'a str>,
    /// The row's statuses.
    pub statuses: &'a [u16],
    /// The row's category, where it has one.
    pub category: Option<&'a str>,
}

/// What two rows with the same key share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SharedKey<'a> {
    /// The code, in a catalog keyed by the code alone.
    Code,
    /// The code and this status, in a catalog keyed by `(status, code)`; or this status, for
    /// two rows without a code in a catalog keyed by the code or by `(status, code)`.
    Status(u16),
    /// The code and this category, in a catalog keyed by `(category, code)`.
    Category(&'a str),
    /// This category and this status, for two rows without a code in a catalog keyed by
    /// `(category, code)`.
    CategoryStatus(&'a str, u16),
}

impl KeyMode {
    /// What `earlier` and `later` share that makes them the same key, or `None` when their
    /// keys differ. A row without a category never clashes in a catalog keyed by
    /// `(category, code)`: it lacks a part of its key, which is an error of its own.
    pub fn shared_key<'a>(
        self,
        earlier: KeyCells<'a>,
        later: KeyCells<'a>,
    ) -> Option<SharedKey<'a>> {
        let shared_status = || {
            earlier
                .statuses
                .iter()
                .copied()
                .find(|status| later.statuses.contains(status))
        };
        let shared_category = match (earlier.category, later.category) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        };
        match (earlier.code, later.code) {
            (Some(a), Some(b)) if a == b => match self {
                KeyMode::Code => Some(SharedKey::Code),
                KeyMode::StatusCode => shared_status().map(SharedKey::Status),
                KeyMode::CategoryCode => shared_category.map(SharedKey::Category),
            },
            (None, None) => match self {
                KeyMode::Code | KeyMode::StatusCode => shared_status().map(SharedKey::Status),
                KeyMode::CategoryCode => shared_category.and_then(|category| {
                    shared_status().map(|status| SharedKey::CategoryStatus(category, status))
                }),
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(
        code: Option<&'a str>,
        statuses: &'a [u16],
        category: Option<&'a str>,
    ) -> KeyCells<'a> {
        KeyCells {
            code,
            statuses,
            category,
        }
    }

    #[test]
    fn rows_with_a_code_clash_by_the_key_mode() {
        let a = row(Some("lock_timeout"), &[409], Some("invalid_request_error"));
        let b = row(Some("lock_timeout"), &[423], Some("api_error"));
        assert_eq!(KeyMode::Code.shared_key(a, b), Some(SharedKey::Code));
        assert_eq!(KeyMode::StatusCode.shared_key(a, b), None);
        assert_eq!(KeyMode::CategoryCode.shared_key(a, b), None);
        let c = row(Some("lock_timeout"), &[409, 423], Some("api_error"));
        assert_eq!(
            KeyMode::StatusCode.shared_key(a, c),
            Some(SharedKey::Status(409))
        );
        assert_eq!(
            KeyMode::CategoryCode.shared_key(b, c),
            Some(SharedKey::Category("api_error"))
        );
        let other = row(Some("rate_limit"), &[409], Some("api_error"));
        for mode in [KeyMode::Code, KeyMode::StatusCode, KeyMode::CategoryCode] {
            assert_eq!(mode.shared_key(c, other), None, "{mode:?}");
        }
    }

    #[test]
    fn rows_without_a_code_clash_by_status_and_category() {
        let api = row(None, &[500, 503], Some("api_error"));
        let api_503 = row(None, &[503], Some("api_error"));
        let card_500 = row(None, &[500], Some("card_error"));
        let api_502 = row(None, &[502], Some("api_error"));
        assert_eq!(
            KeyMode::Code.shared_key(api, api_503),
            Some(SharedKey::Status(503))
        );
        assert_eq!(
            KeyMode::Code.shared_key(api, card_500),
            Some(SharedKey::Status(500))
        );
        assert_eq!(KeyMode::StatusCode.shared_key(api, api_502), None);
        assert_eq!(
            KeyMode::CategoryCode.shared_key(api, api_503),
            Some(SharedKey::CategoryStatus("api_error", 503))
        );
        assert_eq!(KeyMode::CategoryCode.shared_key(api, card_500), None);
        assert_eq!(KeyMode::CategoryCode.shared_key(api, api_502), None);
        // A row without a code never clashes with one that has a code, not even `_`.
        let underscore = row(Some("_"), &[500], Some("api_error"));
        for mode in [KeyMode::Code, KeyMode::StatusCode, KeyMode::CategoryCode] {
            assert_eq!(mode.shared_key(api, underscore), None, "{mode:?}");
        }
    }
}
