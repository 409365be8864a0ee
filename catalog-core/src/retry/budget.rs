//! A retry budget shared by every call to one provider: retries cost tokens, successes earn
//! some back, and when the tokens run out no call retries until successes refill them.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Tokens that retries spend, shared by every call to one provider (AWS SDKs' "retry quota"
/// of their standard mode).
///
/// Each retry withdraws [`Budget::retry_cost`] tokens ([`Budget::timeout_cost`] after a
/// timeout, which ties up the provider longer), and each successful attempt deposits
/// [`Budget::success_refund`], up to [`Budget::capacity`]. When a retry's cost is more than
/// what is left, the retry is not made: [`StopReason::BudgetSpent`](super::StopReason). First
/// attempts never cost anything, so a spent budget does not stop calls, only their retries:
/// during an outage each call reaches the provider about once, instead of once per allowed
/// retry.
///
/// The defaults are AWS's: 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back per
/// success, so that 100 retries in a row (50 after timeouts) spend a full budget.
///
/// `Clone` shares the tokens: build one per provider, configure it, then give a clone to each
/// [`Retry`](super::Retry) with [`Retry::budget`](super::Retry::budget). The tokens are one
/// atomic counter; withdrawing and depositing take no lock.
///
/// ```
/// use catalog_core::retry::Budget;
///
/// let budget = Budget::new().capacity(10).retry_cost(5);
/// let shared = budget.clone();
/// assert!(budget.withdraw_retry());
/// assert!(shared.withdraw_retry());
/// assert!(!budget.withdraw_retry(), "10 tokens pay for two retries");
/// shared.deposit_success();
/// assert_eq!(budget.tokens(), 1);
/// ```
#[derive(Clone)]
pub struct Budget {
    tokens: Arc<AtomicU32>,
    capacity: u32,
    retry_cost: u32,
    timeout_cost: u32,
    success_refund: u32,
}

impl Budget {
    /// Tokens in a full budget, unless set: 500.
    pub const DEFAULT_CAPACITY: u32 = 500;
    /// Tokens a retry costs, unless set: 5.
    pub const DEFAULT_RETRY_COST: u32 = 5;
    /// Tokens a retry after a timeout costs, unless set: 10.
    pub const DEFAULT_TIMEOUT_COST: u32 = 10;
    /// Tokens a successful attempt gives back, unless set: 1.
    pub const DEFAULT_SUCCESS_REFUND: u32 = 1;

    /// A full budget with AWS's defaults (500 tokens, 5 per retry, 10 per retry after a
    /// timeout, 1 back per success).
    pub fn new() -> Self {
        Budget {
            tokens: Arc::new(AtomicU32::new(Self::DEFAULT_CAPACITY)),
            capacity: Self::DEFAULT_CAPACITY,
            retry_cost: Self::DEFAULT_RETRY_COST,
            timeout_cost: Self::DEFAULT_TIMEOUT_COST,
            success_refund: Self::DEFAULT_SUCCESS_REFUND,
        }
    }

    /// Tokens in a full budget. Starts a new, full budget of that size: set it before
    /// cloning, as clones made earlier keep the old one.
    pub fn capacity(mut self, capacity: u32) -> Self {
        self.capacity = capacity;
        self.tokens = Arc::new(AtomicU32::new(capacity));
        self
    }

    /// Tokens a retry costs.
    pub fn retry_cost(mut self, cost: u32) -> Self {
        self.retry_cost = cost;
        self
    }

    /// Tokens a retry after a timeout costs.
    pub fn timeout_cost(mut self, cost: u32) -> Self {
        self.timeout_cost = cost;
        self
    }

    /// Tokens a successful attempt gives back (never past the capacity).
    pub fn success_refund(mut self, refund: u32) -> Self {
        self.success_refund = refund;
        self
    }

    /// Tokens left.
    pub fn tokens(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }

    /// Whether a retry may be made, and if so, pays for it: `false` (and nothing withdrawn)
    /// when fewer than [`Budget::retry_cost`] tokens are left.
    pub fn withdraw_retry(&self) -> bool {
        self.withdraw(self.retry_cost)
    }

    /// [`Budget::withdraw_retry`] for a retry after a timeout, at [`Budget::timeout_cost`].
    pub fn withdraw_timeout(&self) -> bool {
        self.withdraw(self.timeout_cost)
    }

    /// Gives back [`Budget::success_refund`] tokens for a successful attempt, up to the
    /// capacity.
    pub fn deposit_success(&self) {
        let (capacity, refund) = (self.capacity, self.success_refund);
        // `fetch_update` retries its closure on contention; the closure always answers.
        let _ = self
            .tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |tokens| {
                Some(tokens.saturating_add(refund).min(capacity))
            });
    }

    /// Takes `cost` tokens if that many are left.
    fn withdraw(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |tokens| {
                tokens.checked_sub(cost)
            })
            .is_ok()
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Budget")
            .field("tokens", &self.tokens())
            .field("capacity", &self.capacity)
            .field("retry_cost", &self.retry_cost)
            .field("timeout_cost", &self.timeout_cost)
            .field("success_refund", &self.success_refund)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Budget;

    #[test]
    fn the_defaults_are_aws_standard_modes() {
        let budget = Budget::new();
        assert_eq!(budget.tokens(), 500);
        let retries = std::iter::from_fn(|| budget.withdraw_retry().then_some(()));
        assert_eq!(retries.count(), 100, "500 tokens at 5 a retry");
        let budget = Budget::new();
        let timeouts = std::iter::from_fn(|| budget.withdraw_timeout().then_some(()));
        assert_eq!(timeouts.count(), 50, "500 tokens at 10 a timeout");
    }

    #[test]
    fn a_withdrawal_that_does_not_fit_takes_nothing() {
        let budget = Budget::new().capacity(12).timeout_cost(10);
        assert!(budget.withdraw_retry());
        assert_eq!(budget.tokens(), 7);
        assert!(!budget.withdraw_timeout(), "7 tokens do not pay 10");
        assert_eq!(budget.tokens(), 7, "a refused withdrawal takes nothing");
        assert!(budget.withdraw_retry());
        assert!(!budget.withdraw_retry());
        assert_eq!(budget.tokens(), 2);
    }

    #[test]
    fn successes_refill_up_to_the_capacity() {
        let budget = Budget::new().capacity(10).success_refund(3);
        budget.deposit_success();
        assert_eq!(budget.tokens(), 10, "never past the capacity");
        assert!(budget.withdraw_retry());
        assert!(budget.withdraw_retry());
        assert_eq!(budget.tokens(), 0);
        budget.deposit_success();
        budget.deposit_success();
        assert_eq!(budget.tokens(), 6);
        assert!(budget.withdraw_retry(), "successes pay for retries again");
    }

    #[test]
    fn clones_share_the_tokens_and_a_new_capacity_starts_a_new_budget() {
        let budget = Budget::new().capacity(5);
        let clone = budget.clone();
        assert!(clone.withdraw_retry());
        assert!(
            !budget.withdraw_retry(),
            "the clone spent the shared tokens"
        );
        let detached = clone.capacity(5);
        assert!(
            detached.withdraw_retry(),
            "a new capacity is a new, full budget"
        );
        assert_eq!(budget.tokens(), 0);
    }

    #[test]
    fn concurrent_withdrawals_never_overspend() {
        let budget = Budget::new().capacity(1_000).retry_cost(7);
        let granted: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    let budget = budget.clone();
                    scope.spawn(move || (0..100).filter(|_| budget.withdraw_retry()).count())
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or(0))
                .sum()
        });
        assert_eq!(granted, 1_000 / 7, "every token spent once");
        assert_eq!(budget.tokens(), 1_000 % 7);
    }
}
