//! Retry, kind and actor of each row, inferred from its status and the docs' words within the
//! consistency rules.

use catalog_core::rules::{self, RowFacts};
use catalog_core::{Actor, KeyMode, Kind, Profile, RetryPolicy, Rule};

use super::naming::{category_ident, variant_name};
use super::rows::Row;

/// A catalog row as it will be printed.
pub(super) struct Planned {
    pub(super) row: Row,
    pub(super) variant: String,
    pub(super) retry: RetryPolicy,
    pub(super) kind: Kind,
    pub(super) actor: Actor,
    pub(super) exceptions: Vec<(Rule, String)>,
    pub(super) notes: Vec<String>,
}

fn words(text: &str) -> String {
    text.to_ascii_lowercase()
}

const PROFILE: Profile = Profile::PLAIN;

/// Words that name a row's kind outright, whatever its status says: checked first, and kept
/// with `allow(status_kind, "<the docs' words>")` where the status disagrees.
const STRONG_KIND_CUES: [(Kind, &[&str]); 2] = [
    (
        Kind::Unauthenticated,
        &[
            "invalid key",
            "invalid api key",
            "api key",
            "api_key",
            "api keys",
            "client id and secret",
            "client_id and secret",
            "secret key",
        ],
    ),
    // An environment the keys are not enabled for is a permission, not a credential.
    (
        Kind::PermissionDenied,
        &[
            "environment",
            "not enabled",
            "does not have access",
            "only has access",
        ],
    ),
];

/// The docs' first sentence (of the message, then the remediation) holding one of `cues`.
fn docs_sentence(row: &Row, cues: &[&str]) -> Option<String> {
    let prose = format!(
        "{}. {}",
        row.message.as_deref().unwrap_or(""),
        row.remediation.as_deref().unwrap_or("")
    );
    prose
        .split(['.', ';'])
        .map(str::trim)
        .find(|sentence| {
            let sentence = sentence.to_ascii_lowercase();
            cues.iter().any(|cue| sentence.contains(cue))
        })
        .map(str::to_owned)
}

/// Words of the docs that tell a client to send the request again: "retry later", "try
/// again", "temporarily unavailable", maintenance windows and rate limits.
const RETRY_CUES: [&str; 9] = [
    "retry",
    "resubmit",
    "try again",
    "later",
    "temporarily",
    "maintenance",
    "rate limit",
    "too many requests",
    "throttl",
];

pub(super) fn plan(rows: Vec<Row>, numeric: bool, key: KeyMode) -> Vec<Planned> {
    let mut planned: Vec<Planned> = Vec::new();
    for row in rows {
        let mut notes = Vec::new();
        if row.status_placeholder {
            notes.push("the docs give no status: 400 is a placeholder".to_owned());
        }
        if let (true, Some(category)) = (row.category_placeholder, &row.category) {
            notes.push(format!(
                "the docs give no type: {category:?}, the page's first, is a placeholder"
            ));
        }
        let status = row.statuses.first().copied().unwrap_or(400);
        let base = catalog_core::fallback(status);
        let (base_retry, base_kind) = (base.retry, base.kind);
        let text = words(&format!(
            "{} {} {}",
            row.message.as_deref().unwrap_or(""),
            row.remediation.as_deref().unwrap_or(""),
            row.code
        ));
        let allowed = |kind: Kind| {
            row.statuses
                .iter()
                .all(|&s| rules::status_kind(s, kind, PROFILE).is_ok())
        };
        let worded = [
            (Kind::RateLimited, &["rate limit", "too many"][..]),
            (
                Kind::NotFound,
                &["not found", "does not exist", "not exist"][..],
            ),
            (
                Kind::UserActionRequired,
                &[
                    "password",
                    "mfa",
                    "credential",
                    "prompt the user",
                    "the user",
                    "consent",
                ][..],
            ),
            (
                Kind::Unauthenticated,
                &[
                    "authenticat",
                    "token",
                    "unauthori",
                    "credential",
                    "oauth",
                    "signature",
                ][..],
            ),
            (
                Kind::PermissionDenied,
                &[
                    "forbidden",
                    "permission",
                    "not authorized",
                    "access denied",
                    "disabled",
                ][..],
            ),
            (
                Kind::Unsupported,
                &["not supported", "unsupported", "not available"][..],
            ),
            (
                Kind::Conflict,
                &["already", "duplicate", "conflict", "in progress"][..],
            ),
            (
                Kind::ProviderUnavailable,
                &[
                    "unavailable",
                    "maintenance",
                    "timed out",
                    "timeout",
                    "down",
                    "not respond",
                ][..],
            ),
        ]
        .into_iter()
        .find(|(kind, cues)| allowed(*kind) && cues.iter().any(|cue| text.contains(cue)));
        // Words that name the kind outright win over the status: an invalid key is a
        // credential problem even where the provider answers 400.
        // Not where the status or the words say the provider is limiting or down: "too many
        // requests for this API key" is a rate limit, "the sandbox environment is down" an
        // outage.
        let transient = row.statuses.iter().any(|&s| s == 429 || s >= 500)
            || worded.is_some_and(|(kind, _)| {
                matches!(kind, Kind::RateLimited | Kind::ProviderUnavailable)
            });
        let strong = STRONG_KIND_CUES
            .iter()
            .filter(|_| !transient)
            .find_map(|(kind, cues)| {
                cues.iter()
                    .any(|cue| text.contains(cue))
                    .then_some((*kind, *cues))
            });
        let mut kind_words: Option<String> = None;
        let mut kind = match (strong, worded) {
            (Some((kind, cues)), _) => {
                if allowed(kind) {
                    notes.push(format!("kind `{kind}` from the wording"));
                } else {
                    // The cue may be in the code alone (`INVALID_API_KEY`): the code is the
                    // docs' word then.
                    kind_words = docs_sentence(&row, cues)
                        .or_else(|| Some(format!("the code {} says so", row.code)));
                    notes.push(format!(
                        "kind `{kind}` from the wording, which status {status} would forbid: allow(status_kind) keeps the docs' words"
                    ));
                }
                kind
            }
            (None, Some((kind, _))) => {
                notes.push(format!("kind `{kind}` from the wording"));
                kind
            }
            (None, None) => {
                notes.push(format!("kind `{base_kind}` from status {status}"));
                base_kind
            }
        };
        let wants_retry = RETRY_CUES.iter().any(|cue| text.contains(cue));
        let refuses_retry = ["not possible", "never", "will always"]
            .iter()
            .any(|cue| text.contains(cue));
        let mut retry = base_retry;
        // The docs' own sentence, kept as the reason where the status disagrees with them.
        let mut docs_words: Option<String> = None;
        if wants_retry && !refuses_retry && !base_retry.is_retryable() {
            // A rate limit comes with the delay to wait (Retry-After); other retries back off.
            let rate_limited = ["rate limit", "too many", "throttl"]
                .iter()
                .any(|cue| text.contains(cue));
            let candidate = if rate_limited {
                RetryPolicy::AfterHint { retries: 3 }
            } else {
                RetryPolicy::Backoff { retries: 3 }
            };
            if row
                .statuses
                .iter()
                .all(|&s| rules::status_retry(s, candidate, PROFILE).is_ok())
            {
                retry = candidate;
                notes.push("retry from the wording".to_owned());
            } else {
                // The docs know the provider better than the status does: retry, with the kind
                // of a transient error, and the docs' words as the declared exception.
                retry = candidate;
                kind = if rate_limited {
                    Kind::RateLimited
                } else {
                    Kind::ProviderUnavailable
                };
                docs_words = docs_sentence(&row, &RETRY_CUES);
                // The retry decides the kind now, for the same words.
                kind_words.clone_from(&docs_words);
                notes.push(format!(
                    "retry and kind `{kind}` from the wording, which status {status} would forbid: allow(status_retry) keeps the docs' words"
                ));
            }
        } else {
            notes.push(format!("retry `{retry}` from status {status}"));
        }
        let actor = rules::acting_on(kind);
        // Statuses that the rules treat differently (`404 or 500`) cannot all be kept by one
        // policy or kind: declare the exception, and say so.
        let mut exceptions = Vec::new();
        for rule in Rule::ALL {
            let facts = RowFacts {
                statuses: &row.statuses,
                retry,
                kind,
                excused: catalog_core::RuleSet::EMPTY,
            };
            if rules::check_rule(facts, *rule, PROFILE).is_some() {
                let words = match rule {
                    Rule::StatusRetry => &docs_words,
                    Rule::StatusKind => &kind_words,
                };
                if let Some(words) = words {
                    exceptions.push((*rule, words.clone()));
                    continue;
                }
                let statuses: Vec<String> = row.statuses.iter().map(u16::to_string).collect();
                exceptions.push((
                    *rule,
                    format!(
                        "imported: the docs give statuses {}, which {} treats differently; review",
                        statuses.join(" and "),
                        rule.as_str()
                    ),
                ));
            }
        }
        let base = variant_name(&row, numeric);
        let taken = |name: &str| planned.iter().any(|other| other.variant == name);
        let mut variant = base.clone();
        if taken(&variant) {
            let suffix = match (key, &row.category) {
                (KeyMode::StatusCode, _) => status.to_string(),
                (KeyMode::CategoryCode, Some(category)) => category_ident(category),
                _ => row.code.clone(),
            };
            let suffix: String = suffix.chars().filter(char::is_ascii_alphanumeric).collect();
            variant = format!("{base}{suffix}");
        }
        let mut n = 2;
        while taken(&variant) {
            variant = format!("{base}{n}");
            n += 1;
        }
        planned.push(Planned {
            row,
            variant,
            retry,
            kind,
            actor,
            exceptions,
            notes,
        });
    }
    planned
}
