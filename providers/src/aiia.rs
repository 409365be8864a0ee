//! Aiia Data (Mastercard Open Finance Europe): the error table of
//! <https://developer.mastercard.com/open-finance-europe/documentation/unlicensed/aiia-data/codes-formats/>.
//!
//! Retry policies follow the docs' own words: "Moderate retries are possible (exponential
//! back-off, limited attempts)" is a bounded back-off, "Retrying a new session will most likely
//! work" a new session, "possible next day" the next quota window, "Retry is not possible"
//! never. Rows whose "How to handle" cell is empty are decided from the description and the
//! status. Where the docs contradict the status (a 403 to retry later, sub-codes of a 503 that
//! are a quota or a dead integration) the row declares the exception and why.
//!
//! The wire format has no response request id: the docs describe `X-Request-Id` only as an
//! optional idempotency key that the client sends on `POST`s (and `X-Correlation-Id` as an
//! optional client-sent trace id); neither is documented on responses, and the caller already
//! knows the key it sent.

catalog_core::provider_errors! {
    /// Aiia Data errors: `{"error": "<code>", "details": {...}}`, where the keys of `details`
    /// vary by code: `reason` (a sub-code for `ProviderCallFailed`, free text for
    /// `AccessDenied`), `message` (the rate limit and retry timeout for `RateLimited`),
    /// `validationErrors` (for `InvalidInput`).
    pub provider Aiia {
        id: "aiia",
        name: "Aiia Data (Mastercard Open Finance Europe)",
        docs: "https://developer.mastercard.com/open-finance-europe/documentation/unlicensed/aiia-data/codes-formats/",
        key: code,
        wire: json {
            code: "/error",
            sub_code: "/details/reason",
            message: "/details/message",
            // `RateLimited` puts its retry timeout in free text, format undocumented; a standard
            // `Retry-After` header, when a proxy or the API sends one, wins over the text.
            retry_after: header "Retry-After" or "/details/message",
        },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: {
            entries: { status: "HTTP Status", code: "Reason Code", message: "Description", remediation: "How to handle" },
            sub_codes of ProviderCallFailed: { code: "Reason Code", message: "Description" },
        },
    }

    group "Error handling" {
        400 | "InvalidInput" | InvalidInput | never | invalid_request | integrator
            | "Invalid input provided. See details."
            => "Check that the input sent is correct.";
        400 | "InvalidLoginToken" | InvalidLoginToken | never | invalid_request | integrator
            | "Occurs if unattended login attempted when it not supported, or if the login token has expired."
            => "Only attempt unattended logins for login tokens that support it.";
        400 | "IncorrectToken" | IncorrectToken | never | invalid_request | integrator
            | "Can occur for Login Tokens if they are malformed or invalid (during unattended login and auth/initialize.)"
            => "Ensure the call is made with the correct client credentials, and that token has not been malformed.";
        // details.reason is free text here ("Token expired", ...): it stays an unknown sub-code.
        403 | "AccessDenied" | AccessDenied | never | unauthenticated | integrator
            | "Authentication failed or session expired. The reason is specified in details.reason."
            => "Check that the correct client credentials and access tokens are sent. Ensure the calls are not attempted after the session expires.";
        403 | "FeatureNotEnabled" | FeatureNotEnabled | never | permission_denied | integrator
            | "The feature is not enabled for the client."
            => "Ensure you are using the correct client. Contact us if you want the feature to be enabled or believe it should be enabled for you.";
        403 | "ProviderDisabled" | ProviderDisabled | backoff(3) | provider_unavailable | nobody
            | "The selected provider is currently disabled due to unresponsiveness or instability."
            => "Check the status page and retry the request later."
            allow(status_retry, "the docs say to retry the request later: the bank is disabled for unresponsiveness or instability, nothing in the request is wrong")
            allow(status_kind, "Aiia answers 403 for a bank it has disabled for unresponsiveness or instability: an outage behind the API, not a missing permission");
        // Sent when a request is retried with the same `X-Request-Id` while the first runs.
        409 | "Conflict" | Conflict | backoff(3) | conflict | nobody
            | "When retrying a request with the X-Request-Id-header present, where the first request has not yet finished."
            => "Wait for the first request to finish or try again.";
        429 | "RateLimited" | RateLimited | after_hint(3) | rate_limited | nobody
            | "Request exceeded rate limit. The limit and retry timeout are specified in details.message."
            => "Wait for the specified time before retrying.";
        // No advice in the docs: an unknown internal error under 500 is retried with a bounded
        // back-off, and Aiia is the one to fix it if it persists.
        500 | "InternalError" | InternalError | backoff(3) | internal | provider
            | "Unknown internal error.";
        // No advice in the docs: 501 says the bank's integration lacks the feature, so the
        // integrator must not ask for it with this provider.
        501 | "FeatureNotSupported" | FeatureNotSupported | never | unsupported | integrator
            | "The provider does not support the requested feature,for example payments or unattended login.";
        // No advice on the row itself: each details.reason carries its own, below; an
        // unknown reason keeps the row's bounded back-off.
        503 | "ProviderCallFailed" | ProviderCallFailed | backoff(3) | provider_unavailable | nobody
            | "Call to provider failed. See details below."
            sub_codes {
                "NetbankDown" | NetbankDown | backoff(3) | provider_unavailable | nobody
                    | "Occurs when the provider is having prolonged technical issues, or during service windows. Moderate retries are possible (exponential back-off, limited attempts).";
                "UnknownError" | UnknownError | backoff(3) | provider_unavailable | nobody
                    | "An unknown error occurred in the integration. Moderate retries are possible (exponential back-off, limited attempts).";
                "RetrySession" | RetrySession | new_session | provider_unavailable | nobody
                    | "The session was terminated due to an intermittent error. Retrying a new session will most likely work.";
                "Unauthorized" | Unauthorized | new_session | user_action_required | end_user
                    | "The user unexpectedly became unauthorized within the session. For example if the user was logged out after signing in from another location. The session can be retried."
                    allow(status_kind, "the docs describe the end user logged out at the bank (signed in from another location); a new session, with the user's login, fixes it, not the provider recovering");
                "RateLimitExceeded" | RateLimitExceeded | next_day | rate_limited | nobody
                    | "When limits are hit for PSD2/RTS APIs within daily allowance for PSU/TPP. Access to the affected resources will be possible next day."
                    allow(status_kind, "Aiia reports the bank's PSD2/RTS daily allowance as used up under 503: a quota that resets the next day, not an outage");
                "AdapterExpired" | AdapterExpired | never | provider_unavailable | provider
                    | "The integration does not match the provider's API. Retry is not possible. This is exceptional and will be handled by our service."
                    allow(status_retry, "the docs say \"Retry is not possible\": the integration no longer matches the bank's API until Aiia fixes it");
            };
        504 | "Timeout" | Timeout | backoff(3) | provider_unavailable | nobody
            | "Call to provider timed out."
            => "Call can be retried, but it is advisable to limit the amount of data retrieved.";
    }
}
