// Imported by the `import` command from ../catalog-docs/tests/specs/tern-payments.openapi.yaml.
// What was guessed:
//   - openapi: error schema error, the body of 2 of 2 error responses
//   - openapi: types at "/error/type": api_error, card_error, idempotency_error, invalid_request_error
//   - openapi: code at "/error/code", 21 codes enumerated
//   - codes are strings
//   - key: code
//   - wire: from the OpenAPI spec's error schema: code at "/error/code"
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// tern-payments: error catalog imported from <https://docs.tern-payments.test/api/errors>.
    pub provider TernPayments {
        id: "tern-payments",
        name: "tern-payments",
        docs: "https://docs.tern-payments.test/api/errors",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/error/code", message: "/error/message", sub_code: "/error/decline_code", request_id: header "Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }

    group "Tern Payments API" {
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "amount_too_large" | AmountTooLarge | never | invalid_request | integrator | "The amount is greater than the largest a charge may be."
            => "Use a lower amount and try again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "amount_too_small" | AmountTooSmall | never | invalid_request | integrator | "The amount is less than the smallest a charge may be."
            => "Use a higher amount and try again.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (the integrator's credentials): "The API key in the request has expired" (in the OpenAPI spec)
        401 | "api_key_expired" | ApiKeyExpired | never | unauthenticated | integrator | "The API key in the request has expired."
            => "Generate a new key in the Dashboard.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "balance_insufficient" | BalanceInsufficient | never | invalid_request | integrator | "The account balance is too low for this transfer.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "card_declined" | CardDeclined | never | invalid_request | integrator | "The card was declined.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a state that conflicts): "The charge was already captured" (in the OpenAPI spec)
        409 | "charge_already_captured" | ChargeAlreadyCaptured | never | conflict | integrator | "The charge was already captured.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a state that conflicts): "The charge was already refunded in full" (in the OpenAPI spec)
        409 | "charge_already_refunded" | ChargeAlreadyRefunded | never | conflict | integrator | "The charge was already refunded in full.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The email address is not valid" (in the OpenAPI spec)
        400 | "email_invalid" | EmailInvalid | never | invalid_request | integrator | "The email address is not valid.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer for another card" (in the OpenAPI spec)
        400 | "expired_card" | ExpiredCard | never | user_action_required | end_user | "The card has expired."
            => "Ask the customer for another card.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry from the docs' words (a resend): "Retry it later"; kind from the docs' words (work in progress): "Another request with the same idempotency key is in progress" (in the OpenAPI spec)
        409 | "idempotency_key_in_use" | IdempotencyKeyInUse | backoff(3) | conflict | nobody | "Another request with the same idempotency key is in progress."
            => "Retry it later.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the customer to enter it again" (in the OpenAPI spec)
        400 | "incorrect_cvc" | IncorrectCvc | never | user_action_required | end_user | "The card's security code is incorrect."
            => "Ask the customer to enter it again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "incorrect_number" | IncorrectNumber | never | invalid_request | integrator | "The card number is incorrect.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The card's expiration month is not valid" (in the OpenAPI spec)
        400 | "invalid_expiry_month" | InvalidExpiryMonth | never | invalid_request | integrator | "The card's expiration month is not valid.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry from the docs' words (a resend): "Retry it later"; kind from the code's name (TIMEOUT) (in the OpenAPI spec)
        503 | "lock_timeout" | LockTimeout | backoff(3) | provider_unavailable | nobody | "The object is being changed by another request."
            => "Retry it later.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "missing" | Missing | never | invalid_request | integrator | "Neither a customer nor a card was given.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A parameter expects a whole number" (in the OpenAPI spec)
        400 | "parameter_invalid_integer" | ParameterInvalidInteger | never | invalid_request | integrator | "A parameter expects a whole number.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A required parameter is missing" (in the OpenAPI spec)
        400 | "parameter_missing" | ParameterMissing | never | invalid_request | integrator | "A required parameter is missing.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry from the docs' words (a resend): "Try again later"; kind from nothing: a placeholder (in the OpenAPI spec)
        503 | "processing_error" | ProcessingError | backoff(3) | provider_unavailable | nobody | "An error occurred while the card was processed."
            => "Try again later.";
        // review: no page, spec or recording gives a status: 429 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a rate limit): "Too many requests hit the API too quickly" (in the OpenAPI spec)
        429 | "rate_limit" | RateLimit | backoff(3) | rate_limited | nobody | "Too many requests hit the API too quickly.";
        // review: no page, spec or recording gives a status: 404 is a placeholder that goes with its words; retry, kind and actor from the code's name (RESOURCE_MISSING) (in the OpenAPI spec)
        404 | "resource_missing" | ResourceMissing | never | not_found | integrator | "The ID given is not for an object that exists.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (the integrator's credentials): "The call needs a secret key" (in the OpenAPI spec)
        401 | "secret_key_required" | SecretKeyRequired | never | unauthenticated | integrator | "The call needs a secret key; a publishable key was given.";
    }
}
