// Imported by the `import` command from ../catalog-docs/tests/pages/generators/readme.html.
// What was guessed:
//   - table at docs line 16 (Code | HTTP status | Message | Resolution | Error type | Sample): code = "Code", status = "HTTP status", message = "Message", remediation = "Resolution", category = "Error type"
//   - codes are strings
//   - key: code
//   - wire: code at "/errorCode": 3 of 3 samples on the page hold a documented code there, first the sample of INVALID_IBAN (docs line 16)
//   - wire: message at "/errorMessage": named so in 3 of 3 samples on the page
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// fern-pay: error catalog imported from <https://developers.fernpay.test/docs/error-codes>.
    pub provider FernPay {
        id: "fern-pay",
        name: "fern-pay",
        docs: "https://developers.fernpay.test/docs/error-codes",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/errorCode", message: "/errorMessage" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { code: "Code", status: "HTTP status", message: "Message", remediation: "Resolution", category: "Error type" } },
    }

    group "Error codes" {
        // review: retry, kind and actor from the docs' words (the request's shape): "The IBAN in the request failed its checksum" (docs line 16)
        400 | "INVALID_IBAN" | InvalidIban | never | invalid_request | integrator | "The IBAN in the request failed its checksum."
            => "Correct the IBAN and send the request again.";
        // review: retry, kind and actor from the code's name (NOT_FOUND) (docs line 25)
        404 | "MANDATE_NOT_FOUND" | MandateNotFound | never | not_found | integrator | "No mandate exists with the ID given.";
        // review: retry from the docs' words (a resend): "Retry the request later"; kind from the docs' words (an outage): "The payment scheme did not answer in time" (docs line 30)
        504 | "SCHEME_TIMEOUT" | SchemeTimeout | backoff(3) | provider_unavailable | nobody | "The payment scheme did not answer in time."
            => "Retry the request later.";
    }
}
