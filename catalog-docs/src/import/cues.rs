//! The words `import` reads: phrases of the docs that name a kind, a retry or who acts, and
//! the words of a code's name (`SERVER_ERROR_100` is `server error 100`).
//!
//! Classes are tried in order and the first that matches decides. A strong class names the
//! kind whatever the status says (where the rules then disagree, the row says so for review);
//! a weak one decides only among the kinds the status allows. Nothing here names a provider,
//! a page or a code: the same words decide on pages nobody here has seen.

use catalog_core::{Actor, Kind};

/// A class of phrases and what it says of an error.
pub(super) struct Cue {
    /// What the class is, for `--explain` ("a user's action").
    pub(super) name: &'static str,
    pub(super) kind: Option<Kind>,
    /// Whether it names the kind against the status.
    pub(super) strong: bool,
    pub(super) phrases: &'static [&'static str],
}

const fn cue(
    name: &'static str,
    kind: Kind,
    strong: bool,
    phrases: &'static [&'static str],
) -> Cue {
    Cue {
        name,
        kind: Some(kind),
        strong,
        phrases,
    }
}

/// The kind cues of the docs' words, in the order they are tried.
pub(super) const KIND_CUES: &[Cue] = &[
    cue(
        "a rate limit",
        Kind::RateLimited,
        true,
        &[
            "rate limit",
            "too many requests",
            "throttl",
            "quota exceeded",
            "used up",
            "daily limit",
        ],
    ),
    cue(
        "an outage",
        Kind::ProviderUnavailable,
        true,
        &[
            "temporarily unavailable",
            "currently unavailable",
            "service unavailable",
            "is unavailable",
            "maintenance",
            "down for",
            "is down",
            "timed out",
            "time out",
            "timeout",
            "not respond",
            "failing to respond",
            "did not respond",
            "not answer",
            "could not be reached",
            "offline",
            "unresponsive",
            "instability",
            "outage",
        ],
    ),
    cue(
        "an instruction to the end user",
        Kind::UserActionRequired,
        true,
        &[
            "prompt the user",
            "prompt them",
            "ask the user",
            "ask the customer",
            "have the customer",
            "prompt the customer",
            "the customer must",
            "ask the buyer",
            "ask the shopper",
            "ask the cardholder",
            "ask the payer",
            "have the user",
            "make sure the user",
            "the user must",
            "the user needs",
            "add the user",
            "re-authenticate",
            "reauthenticate",
            "re-enter",
            "entered incorrectly",
            "sign in",
            "log in again",
            "login again",
            "unlock",
            "visit the",
        ],
    ),
    cue(
        "a fault of the provider",
        Kind::Internal,
        true,
        &[
            "internal server error",
            "internal error",
            "internal exception",
            "unexpected error",
            "something unexpected",
            "we have been notified",
            "we've been notified",
            "we have logged",
            "looking into it",
        ],
    ),
    cue(
        "a misreading of the API",
        Kind::InvalidRequest,
        true,
        &[
            "check the docs",
            "consult the docs",
            "proper format",
            "api reference",
            "does not require",
            "not required",
        ],
    ),
    cue(
        "a missing entitlement",
        Kind::PermissionDenied,
        true,
        &[
            "does not have access",
            "only has access",
            "lacks the role",
            "does not have the role",
            "not enabled",
            "not been enabled",
            "environment",
            "purchase",
        ],
    ),
    cue(
        "the integrator's credentials",
        Kind::Unauthenticated,
        true,
        &[
            "api key",
            "api_key",
            "client id",
            "client_id",
            "secret",
            "access token",
            "access_token",
            "api token",
            "authorization token",
        ],
    ),
    cue(
        "something unsupported",
        Kind::Unsupported,
        true,
        &[
            "not supported",
            "not currently supported",
            "not supporting",
            "unsupported",
            "ineligible",
            "not eligible",
        ],
    ),
    cue(
        "something the end user has",
        Kind::UserActionRequired,
        true,
        &[
            "password",
            "username",
            "pin",
            "mfa",
            "security question",
            "one-time code",
        ],
    ),
    cue(
        "something missing",
        Kind::NotFound,
        true,
        &[
            "not found",
            "does not exist",
            "doesn't exist",
            "no such",
            "could not be found",
            "unable to find",
            "no matching",
            "there are no",
            "doesn't have",
            "does not have",
        ],
    ),
    cue(
        "work in progress",
        Kind::Conflict,
        true,
        &[
            "in progress",
            "currently being",
            "still being",
            "being processed",
            "not yet finished",
            "has not finished",
        ],
    ),
    cue(
        "the request's shape",
        Kind::InvalidRequest,
        false,
        &[
            "missing",
            "required",
            "not supplied",
            "format",
            "malformed",
            "json",
            "parameter",
            "field",
            "header",
            "in the request",
            "include the",
            "include a",
            "include your",
            "provide",
            "not valid",
            "invalid input",
            "validation",
            "could not be parsed",
            "unrecognised",
            "unrecognized",
        ],
    ),
    cue(
        "a state that conflicts",
        Kind::Conflict,
        false,
        &["already", "duplicate", "conflict", "invalid status"],
    ),
    cue(
        "authentication",
        Kind::Unauthenticated,
        false,
        &[
            "authenticat",
            "unauthori",
            "token",
            "credential",
            "oauth",
            "signature",
            "session expired",
        ],
    ),
    cue(
        "a permission",
        Kind::PermissionDenied,
        false,
        &[
            "forbidden",
            "permission",
            "not authorized",
            "access denied",
            "disabled",
        ],
    ),
];

/// Words that send the request again, and those that say it never helps.
pub(super) const RETRY_PHRASES: &[&str] = &[
    "retry",
    "retried",
    "resubmit",
    "try again",
    "later",
    "temporarily",
    "periodically",
    "slow down",
];

/// Words that say a resend cannot succeed, whatever else the docs say.
pub(super) const NEVER_PHRASES: &[&str] = &[
    "retry is not possible",
    "not possible to retry",
    "will always be returned",
    "retrying will never",
    "do not retry",
    "don't retry",
    "cannot be retried",
    "we have been notified",
    "we've been notified",
    "we have logged",
    "investigating",
    "looking into it",
];

/// Words that say the provider sends the delay to wait (a `Retry-After` header, a time in the
/// body).
pub(super) const HINT_PHRASES: &[&str] = &[
    "retry-after",
    "retry after the time",
    "specified time",
    "retry timeout",
    "the time specified",
    "time given",
];

/// Words that make "try again" a resend after a correction, not after an outage: "use a
/// lower amount and try again", "fix the request and try again", "re-entered correctly".
pub(super) const CORRECTION_PHRASES: &[&str] = &[
    "fix ",
    "correct",
    "change ",
    "use a ",
    "use another",
    "lower",
    "higher",
    "supplying",
    "supply ",
    "re-enter",
    "enter ",
    "provide ",
    "update ",
    "check the",
    "ensure",
    "prompt",
    "with a valid",
    "different",
];

/// Words of advice that someone else must look into: the provider acts.
pub(super) const ESCALATE_PHRASES: &[&str] = &[
    "escalate",
    "report",
    "support ticket",
    "contact support",
    "contact us",
    "investigat",
];

/// Words that make an unsupported or missing thing the end user's own: their account, card or
/// country.
pub(super) const END_USER_THINGS: &[&str] = &["account", "card", "pan", "country", "bank"];

/// Words of a code's name, and the kind they name.
pub(super) const CODE_NAME_CUES: &[(&[&str], Kind)] = &[
    (&["server", "error"], Kind::Internal),
    (&["system", "error"], Kind::Internal),
    (&["internal"], Kind::Internal),
    (&["authentication"], Kind::Unauthenticated),
    (&["unauthenticated"], Kind::Unauthenticated),
    (&["oauth"], Kind::Unauthenticated),
    (&["authorization"], Kind::PermissionDenied),
    (&["forbidden"], Kind::PermissionDenied),
    (&["permission"], Kind::PermissionDenied),
    (&["not", "found"], Kind::NotFound),
    (&["missing", "resource"], Kind::NotFound),
    (&["resource", "missing"], Kind::NotFound),
    (&["duplicate"], Kind::Conflict),
    (&["already"], Kind::Conflict),
    (&["in", "use"], Kind::Conflict),
    (&["conflict"], Kind::Conflict),
    (&["rate"], Kind::RateLimited),
    (&["too", "many"], Kind::RateLimited),
    (&["timeout"], Kind::ProviderUnavailable),
    (&["unavailable"], Kind::ProviderUnavailable),
    (&["unsupported"], Kind::Unsupported),
    (&["ineligible"], Kind::Unsupported),
];

/// The words of a code's name, lowercase: split on `_`, `-`, `.`, spaces and case changes
/// (`INVALID_OAUTH_SBS`, `parameter-not-valid`, `ProviderCallFailed`).
pub(super) fn code_words(code: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous: Option<char> = None;
    for c in code.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous = None;
            continue;
        }
        // A capital after a small letter starts a word: `callFailed`.
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
        previous = Some(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The kind a code's name gives, with the words that gave it: `INVALID_*KEY` and the words of
/// [`CODE_NAME_CUES`], in order.
pub(super) fn code_name_kind(code: &str) -> Option<(Kind, String)> {
    let words = code_words(code);
    let has_run = |run: &[&str]| {
        words
            .windows(run.len())
            .any(|window| window.iter().zip(run).all(|(word, want)| word == want))
    };
    // `RATE` as a word, not inside `GENERATE`: the words are whole.
    if words.first().is_some_and(|word| word == "invalid")
        && words.last().is_some_and(|word| word.ends_with("key"))
    {
        return Some((Kind::Unauthenticated, "INVALID_*KEY".to_owned()));
    }
    if words.iter().any(|word| word.starts_with("throttl")) {
        return Some((Kind::RateLimited, "THROTTL".to_owned()));
    }
    CODE_NAME_CUES
        .iter()
        .find_map(|(run, kind)| has_run(run).then(|| (*kind, run.join("_").to_ascii_uppercase())))
}

/// Whether `text` (lowercase) holds `phrase` where words start and end: `pin` in "the pin
/// provided", not in "spinning"; a phrase ending in a space or a stem (`throttl`) matches as
/// written.
pub(super) fn holds(text: &str, phrase: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        let open_end = phrase.ends_with(' ') || phrase.len() >= 6;
        !before.is_some_and(is_word) && (open_end || !after.is_some_and(is_word))
    })
}

/// The first of `phrases` that `text` (lowercase) holds.
pub(super) fn first_held<'p>(text: &str, phrases: &[&'p str]) -> Option<&'p str> {
    phrases.iter().copied().find(|phrase| holds(text, phrase))
}

/// Who acts on `kind`, told apart by the docs' words: an unsupported or missing thing of the
/// end user's (their account, card or country) is theirs to change.
pub(super) fn actor_for(kind: Kind, text: &str) -> Actor {
    match kind {
        Kind::Unsupported if first_held(text, END_USER_THINGS).is_some() => Actor::EndUser,
        kind => catalog_core::rules::acting_on(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_read_as_words() {
        assert_eq!(code_words("INVALID_OAUTH_SBS"), ["invalid", "oauth", "sbs"]);
        assert_eq!(
            code_words("ProviderCallFailed"),
            ["provider", "call", "failed"]
        );
        assert_eq!(
            code_words("parameter-not-valid"),
            ["parameter", "not", "valid"]
        );
        for (code, kind) in [
            ("SERVER_ERROR_100", Kind::Internal),
            ("SYSTEM_ERROR", Kind::Internal),
            ("AUTHENTICATION_FAILED", Kind::Unauthenticated),
            ("INVALID_OUTH_CONSUMER_KEY", Kind::Unauthenticated),
            ("AUTHORIZATION_FAILED", Kind::PermissionDenied),
            ("TOKEN_PAN_NOT_FOUND", Kind::NotFound),
            ("DUPLICATE_REQUEST", Kind::Conflict),
            ("resource-already-exists", Kind::Conflict),
            ("EMAIL_IN_USE", Kind::Conflict),
            ("RateLimited", Kind::RateLimited),
            ("TOO_MANY_REQUESTS", Kind::RateLimited),
            ("Throttled", Kind::RateLimited),
            ("GatewayTimeout", Kind::ProviderUnavailable),
        ] {
            assert_eq!(
                code_name_kind(code).map(|(kind, _)| kind),
                Some(kind),
                "{code}"
            );
        }
        assert_eq!(
            code_name_kind("GENERATE_REPORT"),
            None,
            "rate inside a word"
        );
        assert_eq!(code_name_kind("INVALID_PAN"), None);
    }

    #[test]
    fn phrases_match_whole_words() {
        assert!(holds("the pin provided was wrong", "pin"));
        assert!(!holds("the spinning wheel", "pin"));
        assert!(holds("requests are throttled", "throttl"));
        assert!(!holds("a tokenizer", "token") || holds("a token", "token"));
    }
}
