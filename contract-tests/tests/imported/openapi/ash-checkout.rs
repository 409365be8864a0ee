// Imported by the `import` command from ../catalog-docs/tests/specs/ash-checkout-errors.md.
// What was guessed:
//   - table at docs line 8 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - openapi: error schema ServiceError, the body of 10 of 10 error responses
//   - openapi: code at "/errorCode": the spec enumerates no codes: they must come from the docs (--docs) or recorded responses (--sample)
//   - openapi: the examples tie 101 with 422
//   - openapi: the operations answer errors with 400, 401, 403, 422, 500
//   - codes are strings
//   - key: code
//   - wire: code at "/errorCode": 1 of 1 samples on the page hold a documented code there, first the sample of 101 (docs line 20)
//   - wire: message at "/message": named so in 1 of 1 samples on the page
//   - wire: category at "/errorType": named so in 1 of 1 samples on the page
//   - wire: from the OpenAPI spec's ServiceError schema: code at "/errorCode"
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// ash-checkout: error catalog imported from <https://docs.ash-pay.test/development-resources/error-codes>.
    pub provider AshCheckout {
        id: "ash-checkout",
        name: "ash-checkout",
        docs: "https://docs.ash-pay.test/development-resources/error-codes",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/errorCode", message: "/message", request_id: "/pspReference", category: "/errorType" },
        categories: {
            Validation = "validation",
        },
        columns: status | code | category | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Error codes" {
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder; the docs give no type: "validation", the page's first, is a placeholder (docs line 8)
        400 | "000" | Validation | E000 | never | invalid_request | integrator | "Unknown"
            => "an error with no specific code occurred. contact support with the PSP reference of the request.";
        // review: no page, spec or recording gives a status: 403 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a missing entitlement): "the API credential lacks the role this call needs"; the docs give no type: "validation", the page's first, is a placeholder (docs line 14)
        403 | "010" | Validation | E010 | never | permission_denied | integrator | "Not allowed"
            => "the API credential lacks the role this call needs. ask your admin to give the API credential the role.";
        // review: retry, kind and actor from the docs' words (an instruction to the end user): "ask the shopper to enter the card number again" (docs line 20)
        422 | "101" | Validation | E101 | never | user_action_required | end_user | "Invalid card number"
            => "the card number failed validation. ask the shopper to enter the card number again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "the request holds a character or a field the API does not expect"; the docs give no type: "validation", the page's first, is a placeholder (docs line 39)
        400 | "702" | Validation | E702 | never | invalid_request | integrator | "Unexpected input"
            => "the request holds a character or a field the API does not expect. fix the request body and send it again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (something unsupported): "Payment details are not supported"; the docs give no type: "validation", the page's first, is a placeholder (docs line 45)
        400 | "905" | Validation | E905 | never | unsupported | end_user | "Payment details are not supported"
            => "the payment method is not set up for the merchant account. enable the payment method in the merchant account's settings.";
        // review: no page, spec or recording gives a status: 500 is a placeholder that goes with its words; retry from the docs' words (a resend): "retry the request later"; kind from the docs' words (an outage): "Service timeout"; the docs give no type: "validation", the page's first, is a placeholder (docs line 51)
        500 | "9000" | Validation | E9000 | backoff(3) | provider_unavailable | nobody | "Service timeout"
            => "a service behind the API did not answer in time. retry the request later.";
    }
}
