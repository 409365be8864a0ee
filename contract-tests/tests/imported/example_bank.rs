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
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
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
        // review: retry, kind and actor from the rules for status 400 (../catalog-docs/tests/pages/sections/asset-report.html line 14)
        // review: the docs' reading: `backoff(3) | conflict | nobody`, which the rules status_retry and status_kind forbid at status 400: if the docs are right, write it and add allow(status_retry, "the docs say: The report is still being built") allow(status_kind, "the docs say: The report is still being built")
        400 | "PRODUCT_NOT_READY" | AssetReportError | ProductNotReady | never | invalid_request | integrator | "The report is still being built."
            => "Wait for the report-ready notification before fetching it.";
        // review: retry, kind and actor from status 403 (../catalog-docs/tests/pages/sections/asset-report.html line 28)
        403 | "INSIGHTS_NOT_ENABLED" | AssetReportError | InsightsNotEnabled | never | permission_denied | integrator | "The report was asked for with insights, which the account is not allowed to use."
            => "Ask for access to insights, or leave them out of the request.";
    }

    group "Invalid request errors" docs "https://docs.example-bank.test/errors/invalid-request/" {
        // review: retry, kind and actor from the docs' words (the request's shape): "A field the endpoint needs was not sent" (../catalog-docs/tests/pages/sections/invalid-request.html line 13)
        400 | "MISSING_FIELDS" | InvalidRequest | MissingFields | never | invalid_request | integrator | "A field the endpoint needs was not sent."
            => "Add the fields named in the message and send the request again.";
        // review: retry, kind and actor from the docs' words (the request's shape): "The product named in the request cannot be used on this endpoint yet" (../catalog-docs/tests/pages/sections/invalid-request.html line 27)
        400 | "PRODUCT_NOT_READY" | InvalidRequest | ProductNotReadyInvalidRequest | never | invalid_request | integrator | "The product named in the request cannot be used on this endpoint yet.";
    }

    group "Item errors" docs "https://docs.example-bank.test/errors/item/" {
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "The connection needs the account holder to sign in again" (../catalog-docs/tests/pages/sections/item.html line 16)
        400 | "ITEM_LOGIN_REQUIRED" | ItemError | ItemLoginRequired | never | user_action_required | end_user | "The connection needs the account holder to sign in again."
            => "The holder changed their password at the bank. The bank's consent expired. Send the holder through the update flow so they sign in again.";
        // review: retry, kind and actor from the rules for status 400 (../catalog-docs/tests/pages/sections/item.html line 32)
        // review: the docs' reading: `backoff(3) | conflict | nobody`, which the rules status_retry and status_kind forbid at status 400: if the docs are right, write it and add allow(status_retry, "the docs say: Wait for the ready notification, or try again later") allow(status_kind, "the docs say: The data asked for is still being gathered for this connection")
        400 | "PRODUCT_NOT_READY" | ItemError | ProductNotReadyItemError | never | invalid_request | integrator | "The data asked for is still being gathered for this connection."
            => "The request came right after the connection was made. Wait for the ready notification, or try again later.";
        // review: retry from the docs' words (the integrator's credentials): "No connection exists for the access token sent"; kind from the rules for status 400 (../catalog-docs/tests/pages/sections/item.html line 48)
        // review: the docs' reading: `never | unauthenticated | integrator`, which the rule status_kind forbids at status 400: if the docs are right, write it and add allow(status_kind, "the docs say: No connection exists for the access token sent")
        400 | "ITEM_NOT_FOUND" | ItemError | ItemNotFound | never | invalid_request | integrator | "No connection exists for the access token sent."
            => "Check that the token belongs to a connection that was not removed.";
    }

    group "Rate limit errors" {
        // review: retry from the docs' words (a resend): "Slow down and retry later, with a growing delay between attempts"; kind from the docs' words (a rate limit): "Too many requests were made for account data of one connection in a short time" (../catalog-docs/tests/pages/sections/rate-limit-exceeded.md line 5)
        429 | "ACCOUNTS_LIMIT" | RateLimitExceeded | AccountsLimit | backoff(3) | rate_limited | nobody | "Too many requests were made for account data of one connection in a short time."
            => "Slow down and retry later, with a growing delay between attempts.";
    }
}
