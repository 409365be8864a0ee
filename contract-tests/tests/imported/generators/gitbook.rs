// Imported by the `import` command from ../catalog-docs/tests/pages/generators/gitbook.html.
// What was guessed:
//   - table at docs line 6 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are numbers
//   - key: code
//   - wire: code at "/code": 2 of 2 samples on the page hold a documented code there, first the sample of 101 (docs line 6)
//   - wire: message at "/message": named so in 2 of 2 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// birch-payouts: error catalog imported from <https://birch-payouts.gitbook.test/docs/error-reference>.
    pub provider BirchPayouts {
        id: "birch-payouts",
        name: "birch-payouts",
        docs: "https://birch-payouts.gitbook.test/docs/error-reference",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Error reference" {
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "Prompt the user to check the beneficiary's name" (docs line 6)
        422 | 101 | BeneficiaryNameMismatch | never | user_action_required | end_user | "Beneficiary name mismatch"
            => "The name on the account does not match the name sent. Prompt the user to check the beneficiary's name.";
        // review: no page, spec or recording gives a status: 429 is a placeholder that goes with its words; retry from the docs' words (a resend): "retry the next day, or ask us to raise the limit"; kind from the docs' words (a rate limit): "the daily payout limit of the account is used up" (docs line 9)
        429 | 102 | PayoutLimitReached | next_day | rate_limited | nobody | "Payout limit reached"
            => "the daily payout limit of the account is used up. retry the next day, or ask us to raise the limit.";
        // review: retry from the docs' words (a resend): "Try again later"; kind from the docs' words (an outage): "Bank offline" (docs line 12)
        503 | 201 | BankOffline | backoff(3) | provider_unavailable | nobody | "Bank offline"
            => "The receiving bank is offline for maintenance. Try again later.";
    }
}
