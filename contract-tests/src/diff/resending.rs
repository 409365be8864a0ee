//! Which way a behaviour change moves resending: more retries or the same sooner is more.

use catalog_core::retry::{Retry, not_processed};
use catalog_core::{Kind, RetryPolicy};

use super::Resending;

/// The retries the loop makes for a policy without a count: its default limit of attempts,
/// less the first.
const LOOP_RETRIES: u32 = Retry::DEFAULT_MAX_ATTEMPTS - 1;

/// How many times a request that failed with `policy` may be sent again.
fn resends(policy: RetryPolicy) -> u32 {
    match policy {
        RetryPolicy::Never | RetryPolicy::NewSession => 0,
        RetryPolicy::Backoff { retries } | RetryPolicy::AfterHint { retries } => u32::from(retries),
        RetryPolicy::Immediately | RetryPolicy::After { .. } | RetryPolicy::NextDay => LOOP_RETRIES,
    }
}

/// The wait before a retry, where the policy fixes one.
fn wait(policy: RetryPolicy) -> Option<u64> {
    match policy {
        RetryPolicy::Immediately => Some(0),
        RetryPolicy::After { secs } => Some(u64::from(secs)),
        RetryPolicy::NextDay => Some(86_400),
        _ => None,
    }
}

/// Whether going from `old` to `new` resends more (more retries, or the same sooner) or less.
pub fn retry_direction(old: RetryPolicy, new: RetryPolicy) -> Option<Resending> {
    use std::cmp::Ordering;
    match resends(new).cmp(&resends(old)) {
        Ordering::Greater => Some(Resending::More),
        Ordering::Less => Some(Resending::Less),
        Ordering::Equal if resends(new) == 0 => None,
        Ordering::Equal => match (wait(old), wait(new)) {
            (Some(before), Some(after)) if after < before => Some(Resending::More),
            (Some(before), Some(after)) if after > before => Some(Resending::Less),
            (None, Some(0)) => Some(Resending::More),
            (Some(0), None) => Some(Resending::Less),
            _ => None,
        },
    }
}

/// Whether a kind change lets a request that is not idempotent be resent after more
/// statuses (or fewer), for a policy that retries at all.
pub(super) fn kind_direction(
    statuses: &[u16],
    retry: RetryPolicy,
    old: Kind,
    new: Kind,
) -> Option<Resending> {
    if resends(retry) == 0 {
        return None;
    }
    let now = statuses
        .iter()
        .any(|&s| !not_processed(s, old) && not_processed(s, new));
    let no_longer = statuses
        .iter()
        .any(|&s| not_processed(s, old) && !not_processed(s, new));
    match (now, no_longer) {
        (true, false) => Some(Resending::More),
        (false, true) => Some(Resending::Less),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resending_more_is_more_retries_or_the_same_sooner() {
        use RetryPolicy::*;
        let more = Some(Resending::More);
        let less = Some(Resending::Less);
        assert_eq!(retry_direction(Never, Backoff { retries: 3 }), more);
        assert_eq!(
            retry_direction(Backoff { retries: 3 }, Backoff { retries: 1 }),
            less
        );
        assert_eq!(retry_direction(Backoff { retries: 3 }, Immediately), more);
        assert_eq!(
            retry_direction(After { secs: 3600 }, After { secs: 60 }),
            more
        );
        assert_eq!(retry_direction(After { secs: 60 }, NextDay), less);
        assert_eq!(
            retry_direction(Backoff { retries: 3 }, AfterHint { retries: 3 }),
            None
        );
        assert_eq!(retry_direction(Never, NewSession), None);
        assert_eq!(retry_direction(Backoff { retries: 2 }, Never), less);
    }

    #[test]
    fn a_kind_that_says_not_processed_lets_a_post_be_resent() {
        let backoff = RetryPolicy::Backoff { retries: 2 };
        assert_eq!(
            kind_direction(&[409], backoff, Kind::Conflict, Kind::InvalidRequest),
            Some(Resending::More)
        );
        assert_eq!(
            kind_direction(
                &[403],
                RetryPolicy::Never,
                Kind::PermissionDenied,
                Kind::Unauthenticated
            ),
            None
        );
        assert_eq!(
            kind_direction(&[503], backoff, Kind::ProviderUnavailable, Kind::Internal),
            None
        );
    }
}
