// Imported by the `import` command from ../catalog-docs/tests/pages/generators/mintlify.html.
// What was guessed:
//   - table at docs line 7 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: code
//   - wire: code at "/error/code": 2 of 2 samples on the page hold a documented code there, first the sample of ACCOUNT_FROZEN (docs line 7)
//   - wire: message at "/error/message": named so in 2 of 2 samples on the page
//   - wire: category at "/error/type": named so in 2 of 2 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// sorrel: error catalog imported from <https://docs.sorrel.test/api-reference/errors>.
    pub provider Sorrel {
        id: "sorrel",
        name: "sorrel",
        docs: "https://docs.sorrel.test/api-reference/errors",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/error/code", message: "/error/message", category: "/error/type" },
        categories: {
            Account = "account_error",
            InvalidRequest = "invalid_request_error",
        },
        columns: status | code | category | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Errors" {
        // review: retry, kind and actor from status 403 (docs line 7)
        403 | "ACCOUNT_FROZEN" | Account | AccountFrozen | never | permission_denied | integrator | "The account is frozen by our risk team. Contact support to unfreeze it.";
        // review: retry, kind and actor from status 400 (docs line 17)
        400 | "INVALID_CURRENCY" | InvalidRequest | InvalidCurrency | never | invalid_request | integrator | "The currency is not one the account can pay in.";
    }
}
