// Imported by the `import` command from ../catalog-docs/tests/pages/generators/sphinx.html.
// What was guessed:
//   - table at docs line 24 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: code
//   - wire: code at "/code": 2 of 2 samples on the page hold a documented code there, first the sample of E1001 (docs line 24)
//   - wire: message at "/message": named so in 2 of 2 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// larch-bank: error catalog imported from <https://docs.larch-bank.test/api/errors/payments.html>.
    pub provider LarchBank {
        id: "larch-bank",
        name: "larch-bank",
        docs: "https://docs.larch-bank.test/api/errors/payments.html",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Payment errors" {
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer to enter the card details again, then resubmit the payment" (docs line 24)
        422 | "E1001" | E1001 | never | user_action_required | end_user | "Card expired"
            => "The expiry date of the card is in the past. Ask the customer to enter the card details again, then resubmit the payment.";
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer to use another card, or a lower amount, and try again" (docs line 38)
        422 | "E1002" | E1002 | never | user_action_required | end_user | "Insufficient funds"
            => "The account behind the card does not hold enough money. Ask the customer to use another card, or a lower amount, and try again.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry from the docs' words (a resend): "Retry later with exponential back-off"; kind from the docs' words (an outage): "The card processor did not answer in time" (docs line 48)
        503 | "E2001" | E2001 | backoff(3) | provider_unavailable | nobody | "Processor unavailable"
            => "The card processor did not answer in time. Retry later with exponential back-off.";
    }
}
