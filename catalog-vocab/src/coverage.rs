//! How much of a catalog its recordings must account for: the `coverage: { at_least: 80% }`
//! setting of a provider, and `Contract::min_coverage(..)` of the harness.
//!
//! An entry (or a declared sub-code) is accounted for when a recorded response covers it, an
//! example response of the docs page does, or the row says why it cannot (`untested("...")`).
//! The default is strict: every one of them. The macro checks a declared percentage with
//! [`Coverage::new`] and the harness decides with [`Coverage::holds`], so both read the
//! threshold the same way.

use core::fmt;

/// The share of a catalog's entries and sub-codes that must be accounted for, in whole percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Coverage {
    at_least: u8,
}

impl Coverage {
    /// Every entry and sub-code: the default.
    pub const STRICT: Coverage = Coverage { at_least: 100 };

    /// The highest share there is.
    pub const MAX_PERCENT: u8 = 100;

    /// At least `percent` percent; `None` above 100, which no catalog can reach.
    ///
    /// ```
    /// use catalog_vocab::Coverage;
    /// assert_eq!(Coverage::new(80).map(Coverage::percent), Some(80));
    /// assert_eq!(Coverage::new(180), None);
    /// ```
    pub const fn new(percent: u8) -> Option<Coverage> {
        if percent > Self::MAX_PERCENT {
            None
        } else {
            Some(Coverage { at_least: percent })
        }
    }

    /// At least `percent` percent, a value above 100 read as 100: for generated code, whose
    /// percentage the macro has checked with [`Coverage::new`].
    pub const fn at_least(percent: u8) -> Coverage {
        if percent > Self::MAX_PERCENT {
            Self::STRICT
        } else {
            Coverage { at_least: percent }
        }
    }

    /// The threshold in percent.
    pub const fn percent(self) -> u8 {
        self.at_least
    }

    /// Whether this is the default: everything accounted for.
    pub const fn is_strict(self) -> bool {
        self.at_least >= Self::MAX_PERCENT
    }

    /// Whether `accounted` of `total` reach the threshold, in exact integer arithmetic (25 of
    /// 30 is 83.3%, which holds at 80% and fails at 84%). An empty catalog holds.
    ///
    /// ```
    /// use catalog_vocab::Coverage;
    /// assert!(Coverage::at_least(80).holds(25, 30));
    /// assert!(!Coverage::at_least(84).holds(25, 30));
    /// assert!(!Coverage::STRICT.holds(29, 30));
    /// assert!(Coverage::STRICT.holds(0, 0));
    /// ```
    pub const fn holds(self, accounted: usize, total: usize) -> bool {
        // u128: no count of entries overflows it, even multiplied by 100.
        (accounted as u128) * (Self::MAX_PERCENT as u128)
            >= (total as u128) * (self.at_least as u128)
    }

    /// `accounted` of `total` in whole percent, rounded down (so a share shown as 80% is at
    /// least 80%); 100 for an empty catalog.
    pub const fn share(accounted: usize, total: usize) -> u8 {
        if total == 0 {
            return Self::MAX_PERCENT;
        }
        let percent = (accounted as u128) * (Self::MAX_PERCENT as u128) / (total as u128);
        if percent > Self::MAX_PERCENT as u128 {
            Self::MAX_PERCENT
        } else {
            percent as u8
        }
    }
}

impl Default for Coverage {
    /// [`Coverage::STRICT`].
    fn default() -> Self {
        Self::STRICT
    }
}

impl fmt::Display for Coverage {
    /// As the DSL spells it: `80%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.at_least)
    }
}

#[cfg(test)]
mod tests {
    use super::Coverage;

    #[test]
    fn thresholds_compare_exactly_and_shares_round_down() {
        assert!(Coverage::at_least(83).holds(25, 30));
        assert!(!Coverage::at_least(84).holds(25, 30));
        assert_eq!(Coverage::share(25, 30), 83);
        assert_eq!(Coverage::share(2, 3), 66);
        assert_eq!(Coverage::share(0, 0), 100);
        assert!(Coverage::at_least(0).holds(0, 30));
        assert!(Coverage::STRICT.holds(usize::MAX, usize::MAX));
        assert_eq!(Coverage::at_least(250), Coverage::STRICT);
        assert_eq!(Coverage::at_least(80).to_string(), "80%");
        assert!(Coverage::default().is_strict());
    }
}
