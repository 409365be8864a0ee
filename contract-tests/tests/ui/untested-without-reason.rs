catalog_core::provider_errors! {
    provider Payouts {
        id: "payouts",
        docs: "https://docs.payouts.test/errors",
        wire: json { code: "/error/code", message: "/error/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "INVALID_AMOUNT" | InvalidAmount | never | invalid_request | integrator | "The amount is not valid.";
    403 | "ACCOUNT_UNDER_REVIEW" | AccountUnderReview | never | permission_denied | provider | "Payouts are paused for a review."
        untested("");
    502 | "UPSTREAM_BANK_TIMEOUT" | UpstreamBankTimeout | backoff(3) | provider_unavailable | nobody | "The bank did not answer."
        untested;
}

fn main() {}
