//! Retry, kind and actor of each row: what the docs' words, the advice column, the code's name,
//! the recorded responses and the status say, in that order, and the row the consistency
//! rules permit.
//!
//! Import never writes an exception to a rule (`allow(...)`): those exist so that a person
//! justifies breaking one. Where the docs' reading breaks a rule (a 500 whose docs say to
//! prompt the user), the row printed is the one the rules permit, and the docs' reading is
//! kept beside it, with the exact `allow(...)` lines it would need, for review.

use catalog_core::rules::{self, RowFacts};
use catalog_core::{Actor, KeyMode, Kind, Profile, RetryPolicy, Rule, RuleSet};

use super::cues::{
    CORRECTION_PHRASES, Cue, ESCALATE_PHRASES, HINT_PHRASES, KIND_CUES, NEVER_PHRASES,
    RETRY_PHRASES, actor_for, code_name_kind, first_held,
};
use super::naming::{category_ident, variant_name};
use super::rows::{Row, StatusFrom};

const BACKOFF: RetryPolicy = RetryPolicy::Backoff { retries: 3 };

/// Words that make a credential a field of the request rather than a failed login.
const MISPLACED: &[&str] = &[
    "missing",
    "required",
    "disallowed",
    "not allowed",
    "only allowed",
];
const HINTED: RetryPolicy = RetryPolicy::AfterHint { retries: 3 };

/// What decided a value of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum By {
    /// Recorded responses: what they show, in words.
    Samples(String),
    /// The type a code is sent under, read as words (`RATE_LIMIT_ERROR`).
    Category(String),
    /// The docs' own sentence, and the class of words it holds.
    Words { sentence: String, class: String },
    /// The docs' advice column.
    Advice(String),
    /// The code's name, and the words of it that decided.
    CodeName(String),
    /// The status alone.
    Status(u16),
    /// Nothing: a placeholder.
    Placeholder,
    /// The rules, against the docs' reading: the status permits no other.
    Rules(u16),
}

impl By {
    /// In words, for the review lines and `--explain`.
    pub(super) fn describe(&self) -> String {
        match self {
            By::Samples(what) => format!("recorded responses ({what})"),
            By::Category(words) => format!("the code's type ({words})"),
            By::Words { sentence, class } => format!("the docs' words ({class}): {sentence:?}"),
            By::Advice(advice) => format!("the docs' advice {advice:?}"),
            By::CodeName(words) => format!("the code's name ({words})"),
            By::Status(status) => format!("status {status}"),
            By::Placeholder => "nothing: a placeholder".to_owned(),
            By::Rules(status) => format!("the rules for status {status}"),
        }
    }

    /// The source's name, for the summary of `--explain`.
    pub(super) fn source(&self) -> Source {
        match self {
            By::Samples(_) => Source::Samples,
            By::Words { .. } | By::Advice(_) => Source::Words,
            By::CodeName(_) | By::Category(_) => Source::CodeName,
            By::Status(_) | By::Placeholder | By::Rules(_) => Source::Status,
        }
    }

    /// The reason an `allow(...)` would give, in the docs' own words.
    fn reason(&self) -> String {
        match self {
            By::Words { sentence, .. } => format!("the docs say: {sentence}"),
            By::Advice(advice) => format!("the docs' advice is {advice:?}"),
            By::CodeName(words) => format!("the code's name says so ({words})"),
            By::Category(words) => format!("the code's type says so ({words})"),
            other => other.describe(),
        }
    }
}

/// The sources that decide rows, strongest first, as `--explain` counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    Words,
    CodeName,
    Samples,
    Spec,
    Status,
}

/// A value and what decided it.
#[derive(Clone, Debug)]
pub(super) struct Decided<T> {
    pub(super) value: T,
    pub(super) by: By,
}

/// The docs' reading of a row where it breaks a rule: the cells and statuses it would need,
/// and the exact exceptions to declare for them.
#[derive(Clone, Debug)]
pub(super) struct Reading {
    pub(super) statuses: Vec<u16>,
    pub(super) retry: RetryPolicy,
    pub(super) kind: Kind,
    pub(super) actor: Actor,
    pub(super) allows: Vec<(Rule, String)>,
}

/// A catalog row as it will be printed, and what decided each of its cells.
#[derive(Clone, Debug)]
pub(super) struct Planned {
    pub(super) row: Row,
    pub(super) variant: String,
    /// The statuses printed: the docs' (or the recordings'), unless no row that keeps the
    /// rules has them all.
    pub(super) statuses: Vec<u16>,
    pub(super) retry: Decided<RetryPolicy>,
    pub(super) kind: Decided<Kind>,
    pub(super) actor: Decided<Actor>,
    /// The docs' reading, where the rules do not permit it.
    pub(super) reading: Option<Reading>,
    pub(super) notes: Vec<String>,
}

impl Planned {
    /// The source that decided the row: the strongest of its retry's, kind's and actor's, and
    /// the recordings where they gave its status and nothing stronger decided.
    pub(super) fn source(&self) -> Source {
        let cells = [&self.retry.by, &self.kind.by, &self.actor.by]
            .into_iter()
            .map(By::source)
            .min()
            .unwrap_or(Source::Status);
        match (&self.row.status_from, cells) {
            (StatusFrom::Samples(_), Source::Status) => Source::Samples,
            (StatusFrom::Spec(_), Source::Status) => Source::Spec,
            _ => cells,
        }
    }
}

/// Kinds that a retry later fixes: what advice to retry allows.
fn transient(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::RateLimited | Kind::ProviderUnavailable | Kind::Conflict | Kind::Internal
    )
}

/// The sentences of a row's message and remediation, in order.
fn sentences(row: &Row) -> Vec<String> {
    [row.message.as_deref(), row.remediation.as_deref()]
        .into_iter()
        .flatten()
        .flat_map(|text| text.split(['.', ';', '!', '?']))
        .map(str::trim)
        .filter(|sentence| !sentence.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The first sentence holding a phrase of `cue`, and whether it does.
fn sentence_with(sentences: &[String], phrases: &[&str]) -> Option<String> {
    sentences
        .iter()
        .find(|sentence| first_held(&sentence.to_lowercase(), phrases).is_some())
        .cloned()
}

/// Whether every status of the row allows `kind`.
fn allows_kind(statuses: &[u16], kind: Kind, profile: Profile) -> bool {
    statuses
        .iter()
        .all(|&status| rules::status_kind(status, kind, profile).is_ok())
}

fn allows_retry(statuses: &[u16], retry: RetryPolicy, profile: Profile) -> bool {
    statuses
        .iter()
        .all(|&status| rules::status_retry(status, retry, profile).is_ok())
}

/// A delay the docs give in words: "in a couple hours", "after 30 minutes", "in 2 days".
fn worded_delay(sentence: &str) -> Option<u32> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    words.iter().enumerate().find_map(|(i, word)| {
        let unit = match word.trim_end_matches(|c: char| !c.is_alphabetic()) {
            "second" | "seconds" => 1,
            "minute" | "minutes" => 60,
            "hour" | "hours" => 3600,
            "day" | "days" => 86_400,
            _ => return None,
        };
        let amount = match words.get(i.checked_sub(1)?)? {
            &"couple" => 2,
            &"few" => 3,
            &"an" | &"a" | &"one" => 1,
            number => number.parse::<u32>().ok()?,
        };
        Some(amount.saturating_mul(unit))
    })
}

/// What the docs' words say of a resend: its policy and the sentence that says so, if any.
fn worded_retry(sentences: &[String]) -> Option<(RetryPolicy, String)> {
    if let Some(sentence) = sentence_with(sentences, NEVER_PHRASES) {
        return Some((RetryPolicy::Never, sentence));
    }
    // "Use a lower amount and try again" is a resend after a correction, not an outage.
    let sentence = sentences.iter().find(|sentence| {
        let lower = sentence.to_lowercase();
        first_held(&lower, RETRY_PHRASES).is_some()
            && first_held(&lower, CORRECTION_PHRASES).is_none()
    })?;
    let lower = sentence.to_lowercase();
    let policy = if first_held(&lower, HINT_PHRASES).is_some() {
        HINTED
    } else if lower.contains("next day") || lower.contains("tomorrow") {
        RetryPolicy::NextDay
    } else if lower.contains("new session") {
        RetryPolicy::NewSession
    } else if let Some(secs) = worded_delay(&lower) {
        RetryPolicy::After { secs }
    } else {
        BACKOFF
    };
    Some((policy, sentence.clone()))
}

/// The kind the docs' words give: the first class of [`KIND_CUES`] that a sentence holds,
/// strong ones whatever the status says, weak ones where the status allows them.
fn worded_kind(
    sentences: &[String],
    statuses: &[u16],
    profile: Profile,
    only: impl Fn(Kind) -> bool,
) -> Option<(&'static Cue, Kind, String)> {
    KIND_CUES.iter().find_map(|cue| {
        let kind = cue.kind?;
        if !only(kind) {
            return None;
        }
        let sentence = sentence_with(sentences, cue.phrases)?;
        // A credential the request lacks or may not carry ("access_token missing") is the
        // request's shape where the status says so: the credential names the field only.
        let strong = cue.strong
            && !(kind == Kind::Unauthenticated
                && first_held(&sentence.to_lowercase(), MISPLACED).is_some());
        (strong || allows_kind(statuses, kind, profile)).then_some((cue, kind, sentence))
    })
}

/// What the status alone says of the kind: 402 (Payment Required) is the end user's to act
/// on (a declined card, a locked account); an error in a 2xx body is the request's.
fn status_kind(status: u16, profile: Profile) -> Kind {
    match status {
        402 => Kind::UserActionRequired,
        200..=299 => Kind::InvalidRequest,
        _ => rules::kinds_for_status(status, profile)
            .first()
            .copied()
            .unwrap_or(Kind::Internal),
    }
}

/// The least retry the rules accept for every status, after `preferred`.
fn permitted_retry(statuses: &[u16], preferred: RetryPolicy, profile: Profile) -> RetryPolicy {
    [preferred, RetryPolicy::Never, BACKOFF]
        .into_iter()
        .find(|&retry| allows_retry(statuses, retry, profile))
        .unwrap_or(BACKOFF)
}

/// A status that stands in where nothing gives one: the one the rules pair with the row's
/// kind (500 for an internal error, 404 for a missing thing), else 400; among the statuses
/// an OpenAPI spec's operations answer errors with, where it names them, the first that goes
/// with the kind.
pub(super) fn placeholder_status(kind: Option<Kind>, among: &[u16]) -> u16 {
    let status = paired_status(kind);
    if among.is_empty() || among.contains(&status) {
        return status;
    }
    among
        .iter()
        .copied()
        .find(|candidate| status_fits(*candidate, kind))
        .unwrap_or(status)
}

/// Whether the rules let a row of `kind` (if its words or name give one) have `status`.
pub(super) fn status_fits(status: u16, kind: Option<Kind>) -> bool {
    kind.is_none_or(|kind| rules::status_kind(status, kind, Profile::PLAIN).is_ok())
}

fn paired_status(kind: Option<Kind>) -> u16 {
    match kind {
        Some(Kind::Internal) => 500,
        Some(Kind::ProviderUnavailable) => 503,
        Some(Kind::RateLimited) => 429,
        Some(Kind::Unauthenticated) => 401,
        Some(Kind::PermissionDenied) => 403,
        Some(Kind::NotFound) => 404,
        Some(Kind::Conflict) => 409,
        _ => 400,
    }
}

/// The kind a row's words or name give before any status is known, for [`placeholder_status`].
pub(super) fn kind_without_status(row: &Row) -> Option<Kind> {
    let sentences = sentences(row);
    worded_kind(&sentences, &[], Profile::ERRORS_IN_2XX, |_| true)
        .map(|(_, kind, _)| kind)
        .or_else(|| code_name_kind(&row.code).map(|(kind, _)| kind))
        .or_else(|| {
            row.category
                .as_deref()
                .and_then(code_name_kind)
                .map(|(kind, _)| kind)
        })
        // Words that say to resend describe something passing.
        .or_else(|| {
            worded_retry(&sentences)
                .filter(|(policy, _)| policy.is_retryable())
                .map(|_| Kind::ProviderUnavailable)
        })
}

/// What the sources read so far decided of a row.
#[derive(Default)]
struct Partial {
    retry: Option<Decided<RetryPolicy>>,
    kind: Option<Decided<Kind>>,
    actor: Option<Decided<Actor>>,
    /// Advice to retry later: only kinds a retry fixes.
    transient_only: bool,
    /// The class of the docs' words that gave the kind.
    cue: Option<&'static str>,
}

impl Partial {
    /// The server's own retry flag, where the recordings hold one.
    fn retry_flag(&mut self, row: &Row) {
        if let Some(flag) = row.seen.retry_flag {
            self.retry = Some(Decided {
                value: if flag { BACKOFF } else { RetryPolicy::Never },
                by: By::Samples(format!("the server's retry flag says {flag}")),
            });
        }
    }

    /// The advice column: what the docs tell a client to do, before their other words.
    fn advice(&mut self, row: &Row, profile: Profile) {
        let Some(advice) = &row.advice else {
            return;
        };
        let lower = advice.to_lowercase();
        if first_held(&lower, ESCALATE_PHRASES).is_some() {
            self.actor = Some(advised(Actor::Provider, advice));
            self.retry
                .get_or_insert(advised(RetryPolicy::Never, advice));
        } else if first_held(&lower, RETRY_PHRASES).is_some()
            && first_held(&lower, CORRECTION_PHRASES).is_none()
        {
            self.transient_only = true;
            self.retry.get_or_insert(advised(BACKOFF, advice));
            self.actor = Some(advised(Actor::Nobody, advice));
        } else if let Some((_, found, _)) =
            worded_kind(std::slice::from_ref(advice), &[], profile, |_| true)
        {
            self.kind = Some(advised(found, advice));
        }
    }

    /// The docs' words: the first class of phrases a sentence holds; advice to retry keeps to
    /// the kinds a retry fixes.
    fn words(&mut self, row: &Row, sentences: &[String], statuses: &[u16], profile: Profile) {
        if self.kind.is_some() {
            return;
        }
        let only_transient = self.transient_only;
        let found = worded_kind(sentences, statuses, profile, |kind| {
            !only_transient || transient(kind)
        });
        if let Some((cue, found, sentence)) = found {
            // Work in progress beside a state that conflicts ("already provisioned, or being
            // processed") is the state: resending does not help.
            let text = sentences.join(". ").to_lowercase();
            let state = KIND_CUES
                .iter()
                .find(|cue| cue.name == "a state that conflicts")
                .is_some_and(|state| first_held(&text, state.phrases).is_some());
            self.cue = Some(if cue.name == "work in progress" && state {
                "a state that conflicts"
            } else {
                cue.name
            });
            self.kind = Some(Decided {
                value: found,
                by: By::Words {
                    sentence,
                    class: cue.name.to_owned(),
                },
            });
        } else if self.transient_only
            && let Some(advice) = &row.advice
        {
            self.kind = Some(Decided {
                value: Kind::ProviderUnavailable,
                by: By::Advice(advice.clone()),
            });
        }
    }

    /// The code's name, then its type's, where the status allows what they say.
    fn names(&mut self, row: &Row, statuses: &[u16], profile: Profile) {
        if self.kind.is_some() {
            return;
        }
        let named = code_name_kind(&row.code).map(|(found, words)| (found, By::CodeName(words)));
        let typed = row.category.as_deref().and_then(|category| {
            code_name_kind(category)
                .map(|(found, words)| (found, By::Category(format!("{words} in {category:?}"))))
        });
        self.kind = [named, typed]
            .into_iter()
            .flatten()
            .find(|(found, _)| allows_kind(statuses, *found, profile))
            .map(|(value, by)| Decided { value, by });
    }
}

/// A value the advice column decided.
fn advised<T>(value: T, advice: &str) -> Decided<T> {
    Decided {
        value,
        by: By::Advice(advice.to_owned()),
    }
}

/// What the status alone says of the kind, and that it was the status (or a placeholder).
fn kind_of_status(row: &Row, status: u16, profile: Profile) -> Decided<Kind> {
    Decided {
        value: status_kind(status, profile),
        by: if row.status_from == StatusFrom::Placeholder {
            By::Placeholder
        } else {
            By::Status(status)
        },
    }
}

/// A resend, as the words say it, else as the kind has it.
fn retry_of(sentences: &[String], kind: &Decided<Kind>, cue: Option<&str>) -> Decided<RetryPolicy> {
    if let Some((policy, sentence)) = worded_retry(sentences) {
        return Decided {
            value: policy,
            by: By::Words {
                sentence,
                class: "a resend".to_owned(),
            },
        };
    }
    let value = match kind.value {
        Kind::RateLimited | Kind::ProviderUnavailable | Kind::Internal => BACKOFF,
        Kind::Conflict if cue == Some("work in progress") => BACKOFF,
        _ => RetryPolicy::Never,
    };
    Decided {
        value,
        by: kind.by.clone(),
    }
}

/// Words that say to resend, on a row whose kind only the status gave, describe something
/// passing: an outage, as "Retry Later" advice reads.
fn passing(kind: Decided<Kind>, retry: &Decided<RetryPolicy>) -> Decided<Kind> {
    match (&retry.by, &kind.by) {
        (By::Words { .. }, By::Status(_) | By::Placeholder)
            if retry.value.is_retryable() && !transient(kind.value) =>
        {
            Decided {
                value: Kind::ProviderUnavailable,
                by: retry.by.clone(),
            }
        }
        _ => kind,
    }
}

/// Who acts, as the kind has it: a conflict that waiting resolves needs nobody, one of state
/// the integrator; an unsupported thing of the end user's is theirs.
fn actor_of(kind: &Decided<Kind>, retry: &Decided<RetryPolicy>, text: &str) -> Decided<Actor> {
    let value = match kind.value {
        Kind::Conflict if retry.value.is_retryable() => Actor::Nobody,
        Kind::Conflict => Actor::Integrator,
        kind => actor_for(kind, text),
    };
    Decided {
        value,
        by: kind.by.clone(),
    }
}

/// The docs' reading of a row: retry, kind and actor, with what decided each, from the
/// sources in order: the server's retry flag, the advice column, the docs' words, the code's
/// name and type, the status.
fn read(
    row: &Row,
    statuses: &[u16],
    profile: Profile,
) -> (Decided<RetryPolicy>, Decided<Kind>, Decided<Actor>) {
    let sentences = sentences(row);
    let text = sentences.join(". ").to_lowercase();
    let status = statuses.first().copied().unwrap_or(400);
    let mut partial = Partial::default();
    partial.retry_flag(row);
    partial.advice(row, profile);
    partial.words(row, &sentences, statuses, profile);
    partial.names(row, statuses, profile);
    let kind = partial
        .kind
        .take()
        .unwrap_or_else(|| kind_of_status(row, status, profile));
    let retry = partial
        .retry
        .take()
        .unwrap_or_else(|| retry_of(&sentences, &kind, partial.cue));
    let kind = passing(kind, &retry);
    let actor = partial
        .actor
        .take()
        .unwrap_or_else(|| actor_of(&kind, &retry, &text));
    (retry, kind, actor)
}

/// The row the rules permit for `statuses`, from the docs' reading: the reading's own cells
/// where they keep the rules, else the status's.
fn permitted(
    statuses: &[u16],
    retry: &Decided<RetryPolicy>,
    kind: &Decided<Kind>,
    actor: &Decided<Actor>,
    profile: Profile,
) -> Option<(Decided<RetryPolicy>, Decided<Kind>, Decided<Actor>)> {
    let first = statuses.first().copied().unwrap_or(400);
    let kind_ok = allows_kind(statuses, kind.value, profile);
    let written_kind = if kind_ok {
        kind.clone()
    } else {
        // The kind of the status, else any that every status allows; a retried reading keeps
        // to kinds a retry fixes.
        let candidates = std::iter::once(status_kind(first, profile))
            .chain(rules::kinds_for_status(first, profile).iter().copied());
        let value = candidates
            .filter(|&candidate| allows_kind(statuses, candidate, profile))
            .min_by_key(|&candidate| (retry.value.is_retryable() && !transient(candidate)) as u8)?;
        Decided {
            value,
            by: By::Rules(first),
        }
    };
    let written_retry = if allows_retry(statuses, retry.value, profile) {
        retry.clone()
    } else {
        let value = permitted_retry(statuses, RetryPolicy::Never, profile);
        if !allows_retry(statuses, value, profile) {
            return None;
        }
        Decided {
            value,
            by: By::Rules(first),
        }
    };
    let written_actor = if kind_ok && written_retry.value == retry.value {
        actor.clone()
    } else {
        Decided {
            value: rules::acting_on(written_kind.value),
            by: By::Rules(first),
        }
    };
    Some((written_retry, written_kind, written_actor))
}

/// Plans every row: its docs' reading, the row the rules permit, and its variant name.
pub(super) fn plan(rows: Vec<Row>, numeric: bool, key: KeyMode, profile: Profile) -> Vec<Planned> {
    let mut planned: Vec<Planned> = Vec::new();
    for row in rows {
        let mut notes = Vec::new();
        if let (true, Some(category)) = (row.category_placeholder, &row.category) {
            notes.push(format!(
                "the docs give no type: {category:?}, the page's first, is a placeholder"
            ));
        }
        let (retry, kind, actor) = read(&row, &row.statuses, profile);
        let breaks: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|&rule| {
                let facts = RowFacts {
                    statuses: &row.statuses,
                    retry: retry.value,
                    kind: kind.value,
                    excused: RuleSet::EMPTY,
                };
                rules::check_rule(facts, rule, profile).is_some()
            })
            .collect();
        let (statuses, written, reading) = if breaks.is_empty() {
            (row.statuses.clone(), (retry, kind, actor), None)
        } else {
            let allows = breaks
                .iter()
                .map(|&rule| {
                    let by = match rule {
                        Rule::StatusRetry => &retry.by,
                        Rule::StatusKind => &kind.by,
                    };
                    (rule, by.reason())
                })
                .collect();
            let reading = Reading {
                statuses: row.statuses.clone(),
                retry: retry.value,
                kind: kind.value,
                actor: actor.value,
                allows,
            };
            // No row keeps the rules under every status the docs give (`404 or 500`): the
            // first status stays, the others wait for review.
            match permitted(&row.statuses, &retry, &kind, &actor, profile) {
                Some(written) => (row.statuses.clone(), written, Some(reading)),
                None => {
                    let first = vec![row.statuses.first().copied().unwrap_or(400)];
                    let (retry, kind, actor) = read(&row, &first, profile);
                    let written = permitted(&first, &retry, &kind, &actor, profile)
                        .unwrap_or((retry, kind, actor));
                    (first, written, Some(reading))
                }
            }
        };
        let (retry, kind, actor) = written;
        let status = statuses.first().copied().unwrap_or(400);
        let base = variant_name(&row, numeric);
        let taken = |name: &str| planned.iter().any(|other| other.variant == name);
        let mut variant = base.clone();
        if taken(&variant) {
            let suffix = match (key, &row.category) {
                _ if !row.has_code() => status.to_string(),
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
        if row.seen.retry_after && !retry.value.has_delay_source() && retry.value.is_retryable() {
            notes.push(
                "a recorded response carries Retry-After: `after_hint(3)` waits for it".to_owned(),
            );
        }
        planned.push(Planned {
            row,
            variant,
            statuses,
            retry,
            kind,
            actor,
            reading,
            notes,
        });
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::MappedRow;

    fn row(status: u16, code: &str, message: &str, remediation: Option<&str>) -> Row {
        Row::from(MappedRow {
            code: code.to_owned(),
            statuses: vec![status],
            message: Some(message.to_owned()),
            remediation: remediation.map(str::to_owned),
            ..MappedRow::default()
        })
    }

    fn planned(row: Row) -> Planned {
        plan(vec![row], false, KeyMode::Code, Profile::PLAIN)
            .pop()
            .expect("one row")
    }

    #[test]
    fn try_again_after_a_correction_is_no_outage() {
        let plan = planned(row(
            400,
            "amount_too_large",
            "The amount is too large.",
            Some("Use a lower amount and try again."),
        ));
        assert_eq!(plan.retry.value, RetryPolicy::Never);
        assert!(plan.reading.is_none(), "{plan:?}");
        let plan = planned(row(
            400,
            "bank_busy",
            "The bank is busy.",
            Some("Try again later."),
        ));
        let reading = plan.reading.expect("the docs' reading breaks status_retry");
        assert_eq!(
            plan.retry.value,
            RetryPolicy::Never,
            "the row keeps the rules"
        );
        assert_eq!(reading.retry, BACKOFF);
        assert_eq!(reading.allows[0].0, Rule::StatusRetry);
        assert_eq!(reading.allows[0].1, "the docs say: Try again later");
    }

    #[test]
    fn a_delay_in_words_and_a_hint() {
        assert_eq!(
            placeholder_status(Some(Kind::ProviderUnavailable), &[400, 500]),
            500
        );
        assert_eq!(placeholder_status(Some(Kind::NotFound), &[]), 404);
        assert_eq!(worded_delay("resubmit in a couple hours"), Some(7200));
        assert_eq!(worded_delay("after 30 minutes"), Some(1800));
        let (policy, _) =
            worded_retry(&["Retry after the time specified in the Retry-After header".into()])
                .unwrap();
        assert_eq!(policy, HINTED);
        let (policy, _) = worded_retry(&["Retry is not possible".into()]).unwrap();
        assert_eq!(policy, RetryPolicy::Never);
    }

    #[test]
    fn an_advice_column_outranks_the_message() {
        let mut advised = row(
            500,
            "102",
            "Invalid login credentials. Prompt the user for a new password.",
            None,
        );
        advised.advice = Some("Retry Later".to_owned());
        let plan = planned(advised);
        assert_eq!(
            (plan.retry.value, plan.kind.value, plan.actor.value),
            (BACKOFF, Kind::ProviderUnavailable, Actor::Nobody)
        );
        assert!(plan.reading.is_none());
    }

    #[test]
    fn a_missing_credential_is_the_requests_shape_where_the_status_says_so() {
        let plan = planned(row(400, "1000", "access_token missing", None));
        assert_eq!(plan.kind.value, Kind::InvalidRequest);
        assert!(plan.reading.is_none(), "{plan:?}");
        let plan = planned(row(401, "1100", "client_id missing", None));
        assert_eq!(plan.kind.value, Kind::Unauthenticated);
        let plan = planned(row(400, "E1", "The API key has expired.", None));
        let reading = plan
            .reading
            .expect("an expired key is a credential, against 400");
        assert_eq!(reading.kind, Kind::Unauthenticated);
    }

    #[test]
    fn statuses_no_row_can_share_keep_the_first() {
        let plan = planned(Row {
            statuses: vec![404, 500],
            ..row(404, "38", "Customer doesn't have given account.", None)
        });
        assert_eq!(plan.statuses, [404]);
        assert_eq!(plan.kind.value, Kind::NotFound);
        let reading = plan.reading.expect("the docs' statuses need exceptions");
        assert_eq!(reading.statuses, [404, 500]);
        assert_eq!(reading.allows.len(), 2);
    }
}
