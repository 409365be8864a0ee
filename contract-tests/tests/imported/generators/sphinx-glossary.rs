// Imported by the `import` command from ../catalog-docs/tests/pages/generators/sphinx-glossary.html.
// What was guessed:
//   - table at docs line 13 (Code | Description): code = "Code", message = "Description"
//   - codes are strings
//   - key: code
//   - wire: no sample response on the page or recorded, and the page names no field: `/code` and `/message` are guesses; pass --sample FILE (a HAR capture or a recorded body) so that responses decide
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// larch-declines: error catalog imported from <https://docs.larch-bank.test/api/errors/declines.html>.
    pub provider LarchDeclines {
        id: "larch-declines",
        name: "larch-declines",
        docs: "https://docs.larch-bank.test/api/errors/declines.html",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", message: "Description" } },
    }

    group "Decline codes" {
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer to contact their bank" (docs line 14)
        400 | "do_not_honor" | DoNotHonor | never | user_action_required | end_user | "The issuer declined the payment without saying why. Ask the customer to contact their bank.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer for another card" (docs line 16)
        400 | "lost_card" | LostCard | never | user_action_required | end_user | "The card is reported lost. Ask the customer for another card.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry from the docs' words (a resend): "Retry later"; kind from the docs' words (an outage): "The issuer could not be reached" (docs line 18)
        503 | "issuer_unavailable" | IssuerUnavailable | backoff(3) | provider_unavailable | nobody | "The issuer could not be reached. Retry later.";
    }
}
