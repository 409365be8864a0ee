// Imported by the `import` command from ../catalog-docs/tests/pages/generators/docusaurus.html.
// What was guessed:
//   - table at docs line 18 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: code
//   - wire: code at "/error/code": 3 of 3 samples on the page hold a documented code there, first the sample of card_declined (docs line 18)
//   - wire: message at "/error/message": named so in 3 of 3 samples on the page
//   - wire: category at "/error/type": named so in 3 of 3 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// quill-payments: error catalog imported from <https://docs.quill-payments.test/errors/cards>.
    pub provider QuillPayments {
        id: "quill-payments",
        name: "quill-payments",
        docs: "https://docs.quill-payments.test/errors/cards",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/error/code", message: "/error/message", category: "/error/type" },
        categories: {
            Card = "card_error",
            RateLimit = "rate_limit_error",
        },
        columns: status | code | category | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Card errors" {
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer for another card" (docs line 18)
        402 | "card_declined" | Card | CardDeclined | never | user_action_required | end_user | "The issuer declined the card."
            => "Ask the customer for another card.";
        // review: retry, kind and actor from status 402 (docs line 25)
        402 | "expired_card" | Card | ExpiredCard | never | user_action_required | end_user | "The card has expired."
            => "Check the expiration date or use a different card.";
        // review: retry from the docs' words (a resend): "Retry after the number of seconds in the Retry-After header"; kind from the docs' words (a rate limit): "Too many requests hit the API too quickly" (docs line 29)
        429 | "rate_limited" | RateLimit | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests hit the API too quickly."
            => "Retry after the number of seconds in the Retry-After header.";
    }
}
