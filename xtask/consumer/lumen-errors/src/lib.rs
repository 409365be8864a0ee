//! Lumen Pay's errors, as the README's walk-through declares them.

catalog_core::provider_errors! {
    /// Lumen Pay's payments API.
    pub provider LumenPay {
        id: "lumen-pay",
        name: "Lumen Pay",
        docs: "https://docs.lumenpay.test/errors",
        wire: json { code: "/error_code", message: "/error_message", request_id: header "X-Lumen-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { status: "HTTP", code: "Code", message: "Message" } },
    }
    400 | "amount_invalid" | AmountInvalid | never | invalid_request | integrator | "The amount is not a positive whole number.";
    401 | "token_expired" | TokenExpired | never | unauthenticated | integrator | "The access token expired.";
    402 | "insufficient_funds" | InsufficientFunds | never | user_action_required | end_user | "The card has insufficient funds.";
    403 | "account_frozen" | AccountFrozen | never | permission_denied | provider | "The merchant account is frozen."
        untested("set by Lumen's risk team on live accounts; the sandbox cannot freeze one");
    429 | "rate_limited" | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests.";
    503 | "maintenance" | Maintenance | backoff(3) | provider_unavailable | nobody | "Down for maintenance.";
}
