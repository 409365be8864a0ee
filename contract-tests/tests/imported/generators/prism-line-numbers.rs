// Imported by the `import` command from ../catalog-docs/tests/pages/generators/prism-line-numbers.html.
// What was guessed:
//   - table at docs line 15 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: code
//   - wire: code at "/error_code": 2 of 2 samples on the page hold a documented code there, first the sample of ITEM_LOCKED (docs line 15)
//   - wire: message at "/error_message": named so in 2 of 2 samples on the page
//   - wire: request_id at "/request_id": named so in 2 of 2 samples on the page
//   - wire: category at "/error_type": named so in 2 of 2 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// aspen-connect: error catalog imported from <https://developer.aspen-connect.test/errors/item>.
    pub provider AspenConnect {
        id: "aspen-connect",
        name: "aspen-connect",
        docs: "https://developer.aspen-connect.test/errors/item",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/error_code", message: "/error_message", request_id: "/request_id", category: "/error_type" },
        categories: {
            ItemError = "ITEM_ERROR",
        },
        columns: status | code | category | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Item errors" {
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "Prompt the user to unlock the account at the bank, then send them through the update flow" (docs line 15)
        400 | "ITEM_LOCKED" | ItemError | ItemLocked | never | user_action_required | end_user | "The bank locked the account after too many failed sign-in attempts."
            => "Prompt the user to unlock the account at the bank, then send them through the update flow.";
        // review: retry, kind and actor from the rules for status 400 (docs line 19)
        // review: the docs' reading: `backoff(3) | provider_unavailable | nobody`, which the rules status_retry and status_kind forbid at status 400: if the docs are right, write it and add allow(status_retry, "the docs say: Retry later, with a growing delay between attempts") allow(status_kind, "the docs say: The bank is not answering right now")
        400 | "INSTITUTION_DOWN" | ItemError | InstitutionDown | never | invalid_request | integrator | "The bank is not answering right now."
            => "Retry later, with a growing delay between attempts.";
    }
}
