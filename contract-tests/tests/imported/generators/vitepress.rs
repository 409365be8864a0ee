// Imported by the `import` command from ../catalog-docs/tests/pages/generators/vitepress.html.
// What was guessed:
//   - table at docs line 18 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: code
//   - wire: code at "/errors/*/code": 2 of 2 samples on the page hold a documented code there, first the sample of LEDGER_LOCKED (docs line 18)
//   - wire: message at "/errors/*/detail": named so in 2 of 2 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// heron-ledger: error catalog imported from <https://docs.heron-ledger.test/reference/errors>.
    pub provider HeronLedger {
        id: "heron-ledger",
        name: "heron-ledger",
        docs: "https://docs.heron-ledger.test/reference/errors",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/errors/*/code", message: "/errors/*/detail" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Error codes" {
        // review: retry from the docs' words (a resend): "Wait for it to finish, then retry"; kind from the docs' words (work in progress): "Another posting to the same ledger is in progress" (docs line 18)
        409 | "LEDGER_LOCKED" | LedgerLocked | backoff(3) | conflict | nobody | "Another posting to the same ledger is in progress."
            => "Wait for it to finish, then retry.";
        // review: retry, kind and actor from the code's name (NOT_FOUND) (docs line 27)
        404 | "POSTING_NOT_FOUND" | PostingNotFound | never | not_found | integrator | "No posting has the ID in the path.";
    }
}
