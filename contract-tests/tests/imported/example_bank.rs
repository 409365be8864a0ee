// Imported by the `import` command from ../catalog-docs/tests/pages/sections.
// What was guessed:
//   - table at ../catalog-docs/tests/pages/sections/asset-report.html line 14 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - table at ../catalog-docs/tests/pages/sections/invalid-request.html line 13 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - table at ../catalog-docs/tests/pages/sections/item.html line 16 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - table at ../catalog-docs/tests/pages/sections/rate-limit-exceeded.md line 5 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: (category, code), since a code appears under several error types
//   - wire: code at "/error_code": 8 of 8 samples on the page hold a documented code there, first the sample of PRODUCT_NOT_READY (../catalog-docs/tests/pages/sections/asset-report.html line 14)
//   - wire: message at "/error_message": named so in 8 of 8 samples on the page
//   - wire: request_id at "/request_id": named so in 8 of 8 samples on the page
//   - wire: category at "/error_type": named so in 8 of 8 samples on the page
// Retry, kind and actor of each row are inferred from its status and wording, within the
// consistency rules; each row's `// review:` line says how. The wire notes above say
// what decided each pointer.
catalog_core::provider_errors! {
    /// example-bank: error catalog imported from <https://docs.example-bank.test/errors/>.
    pub provider ExampleBank {
        id: "example-bank",
        name: "example-bank",
        docs: "https://docs.example-bank.test/errors/",
        key: (category, code),
        // review: where the provider's responses carry each field.
        wire: json { code: "/error_code", message: "/error_message", request_id: "/request_id", category: "/error_type" },
        categories: {
            AssetReportError = "ASSET_REPORT_ERROR",
            InvalidRequest = "INVALID_REQUEST",
            ItemError = "ITEM_ERROR",
            RateLimitExceeded = "RATE_LIMIT_EXCEEDED",
        },
        columns: status | code | category | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Asset report errors" docs "https://docs.example-bank.test/errors/asset-report/" {
        // review: kind `invalid_request` from status 400; retry `never` from status 400 (../catalog-docs/tests/pages/sections/asset-report.html line 14)
        400 | "PRODUCT_NOT_READY" | AssetReportError | ProductNotReady | never | invalid_request | integrator | "The report is still being built."
            => "Wait for the report-ready notification before fetching it.";
        // review: kind `permission_denied` from status 403; retry `never` from status 403 (../catalog-docs/tests/pages/sections/asset-report.html line 28)
        403 | "INSIGHTS_NOT_ENABLED" | AssetReportError | InsightsNotEnabled | never | permission_denied | integrator | "The report was asked for with insights, which the account is not allowed to use."
            => "Ask for access to insights, or leave them out of the request.";
    }

    group "Invalid request errors" docs "https://docs.example-bank.test/errors/invalid-request/" {
        // review: kind `invalid_request` from status 400; retry `never` from status 400 (../catalog-docs/tests/pages/sections/invalid-request.html line 13)
        400 | "MISSING_FIELDS" | InvalidRequest | MissingFields | never | invalid_request | integrator | "A field the endpoint needs was not sent."
            => "Add the fields named in the message and send the request again.";
        // review: kind `invalid_request` from status 400; retry `never` from status 400 (../catalog-docs/tests/pages/sections/invalid-request.html line 27)
        400 | "PRODUCT_NOT_READY" | InvalidRequest | ProductNotReadyInvalidRequest | never | invalid_request | integrator | "The product named in the request cannot be used on this endpoint yet.";
    }

    group "Item errors" docs "https://docs.example-bank.test/errors/item/" {
        // review: kind `user_action_required` from the wording; retry `never` from status 400 (../catalog-docs/tests/pages/sections/item.html line 16)
        400 | "ITEM_LOGIN_REQUIRED" | ItemError | ItemLoginRequired | never | user_action_required | end_user | "The connection needs the account holder to sign in again."
            => "The holder changed their password at the bank. The bank's consent expired. Send the holder through the update flow so they sign in again.";
        // review: kind `invalid_request` from status 400; retry and kind `provider_unavailable` from the wording, which status 400 would forbid: allow(status_retry) keeps the docs' words (../catalog-docs/tests/pages/sections/item.html line 32)
        400 | "PRODUCT_NOT_READY" | ItemError | ProductNotReadyItemError | backoff(3) | provider_unavailable | nobody | "The data asked for is still being gathered for this connection."
            => "The request came right after the connection was made. Wait for the ready notification, or try again later."
            allow(status_retry, "Wait for the ready notification, or try again later")
            allow(status_kind, "Wait for the ready notification, or try again later");
        // review: kind `invalid_request` from status 400; retry `never` from status 400 (../catalog-docs/tests/pages/sections/item.html line 48)
        400 | "ITEM_NOT_FOUND" | ItemError | ItemNotFound | never | invalid_request | integrator | "No connection exists for the access token sent."
            => "Check that the token belongs to a connection that was not removed.";
    }

    group "Rate limit errors" {
        // review: kind `rate_limited` from the wording; retry `after_hint(3)` from status 429 (../catalog-docs/tests/pages/sections/rate-limit-exceeded.md line 5)
        429 | "ACCOUNTS_LIMIT" | RateLimitExceeded | AccountsLimit | after_hint(3) | rate_limited | nobody | "Too many requests were made for account data of one connection in a short time."
            => "Slow down and retry later, with a growing delay between attempts.";
    }
}
