// Imported by the `import` command from ../catalog-docs/tests/specs/maple-commerce.swagger.json.
// What was guessed:
//   - openapi: no operation answers an error with a schema; Error is named like one
//   - openapi: the responses hold Error at "/errors/*"
//   - openapi: types at "/errors/*/category": API_ERROR, AUTHENTICATION_ERROR, INVALID_REQUEST_ERROR, RATE_LIMIT_ERROR, PAYMENT_METHOD_ERROR, REFUND_ERROR, MERCHANT_SUBSCRIPTION_ERROR, EXTERNAL_VENDOR_ERROR
//   - openapi: code at "/errors/*/code", 118 codes enumerated
//   - codes are strings
//   - key: code
//   - wire: from the OpenAPI spec's Error schema: code at "/errors/*/code"
// Retry, kind and actor of each row are read from the docs' words, the code's name, the
// recorded responses and the status, within the consistency rules; each row's `// review:`
// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`
// to add if you agree. `import --explain` says it row by row.
catalog_core::provider_errors! {
    /// maple-commerce: error catalog imported from <https://developer.maple-commerce.test/reference/errors>.
    pub provider MapleCommerce {
        id: "maple-commerce",
        name: "maple-commerce",
        docs: "https://developer.maple-commerce.test/reference/errors",
        key: code,
        // review: where the provider's responses carry each field.
        wire: json { code: "/errors/*/code", message: "/errors/*/detail", category: "/errors/*/category" },
        categories: {
            Api = "API_ERROR",
            Authentication = "AUTHENTICATION_ERROR",
            MerchantSubscription = "MERCHANT_SUBSCRIPTION_ERROR",
            InvalidRequest = "INVALID_REQUEST_ERROR",
            ExternalVendor = "EXTERNAL_VENDOR_ERROR",
            PaymentMethod = "PAYMENT_METHOD_ERROR",
            Refund = "REFUND_ERROR",
            RateLimit = "RATE_LIMIT_ERROR",
        },
        columns: status | code | category | variant | retry | kind | actor | message,
    }

    group "Maple Commerce API" {
        // review: no page, spec or recording gives a status: 500 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a fault of the provider): "Something unexpected happened while the request was processed" (in the OpenAPI spec)
        500 | "INTERNAL_SERVER_ERROR" | Api | InternalServerError | backoff(3) | internal | provider | "Something unexpected happened while the request was processed.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry from the docs' words (a resend): "The service is temporarily unavailable"; kind from the docs' words (an outage): "The service is temporarily unavailable" (in the OpenAPI spec)
        503 | "SERVICE_UNAVAILABLE" | Api | ServiceUnavailable | backoff(3) | provider_unavailable | nobody | "The service is temporarily unavailable."
            => "Try again later.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry, kind and actor from the docs' words (an outage): "A downstream service timed out" (in the OpenAPI spec)
        503 | "GATEWAY_TIMEOUT" | Api | GatewayTimeout | backoff(3) | provider_unavailable | nobody | "A downstream service timed out.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "BAD_GATEWAY" | Api | BadGateway | never | invalid_request | integrator | "An upstream service sent an answer that could not be read.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (authentication): "The request carries no valid credentials" (in the OpenAPI spec)
        401 | "UNAUTHORIZED" | Authentication | Unauthorized | never | unauthenticated | integrator | "The request carries no valid credentials.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (the integrator's credentials): "The access token has expired" (in the OpenAPI spec)
        401 | "ACCESS_TOKEN_EXPIRED" | Authentication | AccessTokenExpired | never | unauthenticated | integrator | "The access token has expired."
            => "Refresh it and send the request again.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (the integrator's credentials): "The seller revoked the access token" (in the OpenAPI spec)
        401 | "ACCESS_TOKEN_REVOKED" | Authentication | AccessTokenRevoked | never | unauthenticated | integrator | "The seller revoked the access token.";
        // review: no page, spec or recording gives a status: 403 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a permission): "The application was disabled" (in the OpenAPI spec)
        403 | "CLIENT_DISABLED" | Authentication | ClientDisabled | never | permission_denied | integrator | "The application was disabled.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (authentication): "The credentials do not allow this call" (in the OpenAPI spec)
        401 | "FORBIDDEN" | Authentication | Forbidden | never | unauthenticated | integrator | "The credentials do not allow this call.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (the integrator's credentials): "The access token lacks a permission this call needs" (in the OpenAPI spec)
        401 | "INSUFFICIENT_SCOPES" | Authentication | InsufficientScopes | never | unauthenticated | integrator | "The access token lacks a permission this call needs.";
        // review: no page, spec or recording gives a status: 403 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a permission): "The application is disabled for this seller" (in the OpenAPI spec)
        403 | "APPLICATION_DISABLED" | Authentication | ApplicationDisabled | never | permission_denied | integrator | "The application is disabled for this seller.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the code's type (AUTHENTICATION in "AUTHENTICATION_ERROR") (in the OpenAPI spec)
        401 | "V1_APPLICATION" | Authentication | V1Application | never | unauthenticated | integrator | "The application was made for an older version of the API.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (the integrator's credentials): "The access token belongs to an older version of the API" (in the OpenAPI spec)
        401 | "V1_ACCESS_TOKEN" | Authentication | V1AccessToken | never | unauthenticated | integrator | "The access token belongs to an older version of the API.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the code's type (AUTHENTICATION in "AUTHENTICATION_ERROR") (in the OpenAPI spec)
        401 | "CARD_PROCESSING_NOT_ENABLED" | Authentication | CardProcessingNotEnabled | never | unauthenticated | integrator | "The seller cannot take card payments yet.";
        // review: no page, spec or recording gives a status: 404 is a placeholder that goes with its words; retry, kind and actor from the code's name (NOT_FOUND) (in the OpenAPI spec)
        404 | "MERCHANT_SUBSCRIPTION_NOT_FOUND" | MerchantSubscription | MerchantSubscriptionNotFound | never | not_found | integrator | "The seller has no subscription for this product.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "BAD_REQUEST" | InvalidRequest | BadRequest | never | invalid_request | integrator | "The request could not be read.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A required parameter is missing" (in the OpenAPI spec)
        400 | "MISSING_REQUIRED_PARAMETER" | InvalidRequest | MissingRequiredParameter | never | invalid_request | integrator | "A required parameter is missing.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INCORRECT_TYPE" | InvalidRequest | IncorrectType | never | invalid_request | integrator | "A value has the wrong type.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A time is not in a format the API accepts" (in the OpenAPI spec)
        400 | "INVALID_TIME" | InvalidRequest | InvalidTime | never | invalid_request | integrator | "A time is not in a format the API accepts.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_TIME_RANGE" | InvalidRequest | InvalidTimeRange | never | invalid_request | integrator | "The end of the time range comes before its start.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A value is not one the field accepts" (in the OpenAPI spec)
        400 | "INVALID_VALUE" | InvalidRequest | InvalidValue | never | invalid_request | integrator | "A value is not one the field accepts.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The pagination cursor is not valid or has expired" (in the OpenAPI spec)
        400 | "INVALID_CURSOR" | InvalidRequest | InvalidCursor | never | invalid_request | integrator | "The pagination cursor is not valid or has expired.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The query holds a parameter the endpoint does not know" (in the OpenAPI spec)
        400 | "UNKNOWN_QUERY_PARAMETER" | InvalidRequest | UnknownQueryParameter | never | invalid_request | integrator | "The query holds a parameter the endpoint does not know.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "Two parameters of the request cannot be used together" (in the OpenAPI spec)
        400 | "CONFLICTING_PARAMETERS" | InvalidRequest | ConflictingParameters | never | invalid_request | integrator | "Two parameters of the request cannot be used together.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The request body is not JSON" (in the OpenAPI spec)
        400 | "EXPECTED_JSON_BODY" | InvalidRequest | ExpectedJsonBody | never | invalid_request | integrator | "The request body is not JSON.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_SORT_ORDER" | InvalidRequest | InvalidSortOrder | never | invalid_request | integrator | "The sort order is not ASC or DESC.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A value does not match the pattern of its field" (in the OpenAPI spec)
        400 | "VALUE_REGEX_MISMATCH" | InvalidRequest | ValueRegexMismatch | never | invalid_request | integrator | "A value does not match the pattern of its field.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A text value is shorter than its field allows" (in the OpenAPI spec)
        400 | "VALUE_TOO_SHORT" | InvalidRequest | ValueTooShort | never | invalid_request | integrator | "A text value is shorter than its field allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A text value is longer than its field allows" (in the OpenAPI spec)
        400 | "VALUE_TOO_LONG" | InvalidRequest | ValueTooLong | never | invalid_request | integrator | "A text value is longer than its field allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A number is lower than its field allows" (in the OpenAPI spec)
        400 | "VALUE_TOO_LOW" | InvalidRequest | ValueTooLow | never | invalid_request | integrator | "A number is lower than its field allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A number is higher than its field allows" (in the OpenAPI spec)
        400 | "VALUE_TOO_HIGH" | InvalidRequest | ValueTooHigh | never | invalid_request | integrator | "A number is higher than its field allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A required value is empty" (in the OpenAPI spec)
        400 | "VALUE_EMPTY" | InvalidRequest | ValueEmpty | never | invalid_request | integrator | "A required value is empty.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A list holds more items than its field allows" (in the OpenAPI spec)
        400 | "ARRAY_LENGTH_TOO_LONG" | InvalidRequest | ArrayLengthTooLong | never | invalid_request | integrator | "A list holds more items than its field allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A list holds fewer items than its field needs" (in the OpenAPI spec)
        400 | "ARRAY_LENGTH_TOO_SHORT" | InvalidRequest | ArrayLengthTooShort | never | invalid_request | integrator | "A list holds fewer items than its field needs.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "ARRAY_EMPTY" | InvalidRequest | ArrayEmpty | never | invalid_request | integrator | "A list that needs items is empty.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects true or false" (in the OpenAPI spec)
        400 | "EXPECTED_BOOLEAN" | InvalidRequest | ExpectedBoolean | never | invalid_request | integrator | "A field expects true or false.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects a whole number" (in the OpenAPI spec)
        400 | "EXPECTED_INTEGER" | InvalidRequest | ExpectedInteger | never | invalid_request | integrator | "A field expects a whole number.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects a number" (in the OpenAPI spec)
        400 | "EXPECTED_FLOAT" | InvalidRequest | ExpectedFloat | never | invalid_request | integrator | "A field expects a number.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects text" (in the OpenAPI spec)
        400 | "EXPECTED_STRING" | InvalidRequest | ExpectedString | never | invalid_request | integrator | "A field expects text.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects an object" (in the OpenAPI spec)
        400 | "EXPECTED_OBJECT" | InvalidRequest | ExpectedObject | never | invalid_request | integrator | "A field expects an object.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects a list" (in the OpenAPI spec)
        400 | "EXPECTED_ARRAY" | InvalidRequest | ExpectedArray | never | invalid_request | integrator | "A field expects a list.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects a map" (in the OpenAPI spec)
        400 | "EXPECTED_MAP" | InvalidRequest | ExpectedMap | never | invalid_request | integrator | "A field expects a map.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A field expects base64 bytes" (in the OpenAPI spec)
        400 | "EXPECTED_BASE64_ENCODED_BYTE_ARRAY" | InvalidRequest | ExpectedBase64EncodedByteArray | never | invalid_request | integrator | "A field expects base64 bytes.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A list holds a value its field does not accept" (in the OpenAPI spec)
        400 | "INVALID_ARRAY_VALUE" | InvalidRequest | InvalidArrayValue | never | invalid_request | integrator | "A list holds a value its field does not accept.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A value is not one of the field's options" (in the OpenAPI spec)
        400 | "INVALID_ENUM_VALUE" | InvalidRequest | InvalidEnumValue | never | invalid_request | integrator | "A value is not one of the field's options.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The Content-Type header is not one the endpoint accepts" (in the OpenAPI spec)
        400 | "INVALID_CONTENT_TYPE" | InvalidRequest | InvalidContentType | never | invalid_request | integrator | "The Content-Type header is not one the endpoint accepts.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_FORM_VALUE" | InvalidRequest | InvalidFormValue | never | invalid_request | integrator | "A form value could not be read.";
        // review: no page, spec or recording gives a status: 404 is a placeholder that goes with its words; retry, kind and actor from the code's name (NOT_FOUND) (in the OpenAPI spec)
        404 | "CUSTOMER_NOT_FOUND" | InvalidRequest | CustomerNotFound | never | not_found | integrator | "No customer has the ID given.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "ONE_INSTRUMENT_EXPECTED" | InvalidRequest | OneInstrumentExpected | never | invalid_request | integrator | "Exactly one payment instrument must be given.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "NO_FIELDS_SET" | InvalidRequest | NoFieldsSet | never | invalid_request | integrator | "The request sets none of the fields that can be changed.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "A map holds more entries than its field allows" (in the OpenAPI spec)
        400 | "TOO_MANY_MAP_ENTRIES" | InvalidRequest | TooManyMapEntries | never | invalid_request | integrator | "A map holds more entries than its field allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "MAP_KEY_LENGTH_TOO_SHORT" | InvalidRequest | MapKeyLengthTooShort | never | invalid_request | integrator | "A map key is too short.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "MAP_KEY_LENGTH_TOO_LONG" | InvalidRequest | MapKeyLengthTooLong | never | invalid_request | integrator | "A map key is too long.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CUSTOMER_MISSING_NAME" | InvalidRequest | CustomerMissingName | never | invalid_request | integrator | "The customer has neither a given name nor a family name.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CUSTOMER_MISSING_EMAIL" | InvalidRequest | CustomerMissingEmail | never | invalid_request | integrator | "The customer has no email address.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_PAUSE_LENGTH" | InvalidRequest | InvalidPauseLength | never | invalid_request | integrator | "The pause is longer than a subscription allows.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_DATE" | InvalidRequest | InvalidDate | never | invalid_request | integrator | "A date is not in YYYY-MM-DD form.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the code's name (UNSUPPORTED) (in the OpenAPI spec)
        400 | "UNSUPPORTED_COUNTRY" | InvalidRequest | UnsupportedCountry | never | unsupported | end_user | "The country is not one the API serves.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the code's name (UNSUPPORTED) (in the OpenAPI spec)
        400 | "UNSUPPORTED_CURRENCY" | InvalidRequest | UnsupportedCurrency | never | unsupported | integrator | "The currency is not one the seller can take.";
        // review: no page, spec or recording gives a status: 404 is a placeholder that goes with its words; retry, kind and actor from the code's name (NOT_FOUND) (in the OpenAPI spec)
        404 | "APPLE_PAYMENT_PROCESSING_CERTIFICATE_HASH_NOT_FOUND" | InvalidRequest | ApplePaymentProcessingCertificateHashNotFound | never | not_found | integrator | "No Apple Pay certificate matches the hash given.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The API version header is not a date" (in the OpenAPI spec)
        400 | "INVALID_SQUARE_VERSION_FORMAT" | InvalidRequest | InvalidSquareVersionFormat | never | invalid_request | integrator | "The API version header is not a date.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "API_VERSION_INCOMPATIBLE" | InvalidRequest | ApiVersionIncompatible | never | invalid_request | integrator | "The API version does not support this call.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CARD_PRESENCE_REQUIRED" | InvalidRequest | CardPresenceRequired | never | invalid_request | integrator | "The card must be present for this payment.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the code's name (UNSUPPORTED) (in the OpenAPI spec)
        400 | "UNSUPPORTED_SOURCE_TYPE" | InvalidRequest | UnsupportedSourceType | never | unsupported | integrator | "The payment source is not one this call accepts.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CARD_MISMATCH" | InvalidRequest | CardMismatch | never | invalid_request | integrator | "The card does not match the one the payment was made with.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "PLAID_ERROR" | ExternalVendor | PlaidError | never | invalid_request | integrator | "The bank connection service failed.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "The buyer must sign in to their bank again" (in the OpenAPI spec)
        400 | "PLAID_ERROR_ITEM_LOGIN_REQUIRED" | ExternalVendor | PlaidErrorItemLoginRequired | never | user_action_required | end_user | "The buyer must sign in to their bank again.";
        // review: no page, spec or recording gives a status: 429 is a placeholder that goes with its words; retry, kind and actor from the code's name (RATE) (in the OpenAPI spec)
        429 | "PLAID_ERROR_RATE_LIMIT" | ExternalVendor | PlaidErrorRateLimit | backoff(3) | rate_limited | nobody | "The bank connection service is limiting requests.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CARD_DECLINED" | PaymentMethod | CardDeclined | never | invalid_request | integrator | "The card was declined.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the buyer to enter it again" (in the OpenAPI spec)
        400 | "VERIFY_CVV_FAILURE" | PaymentMethod | VerifyCvvFailure | never | user_action_required | end_user | "The card security code failed verification."
            => "Ask the buyer to enter it again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the buyer to enter it again" (in the OpenAPI spec)
        400 | "VERIFY_AVS_FAILURE" | PaymentMethod | VerifyAvsFailure | never | user_action_required | end_user | "The billing postal code failed verification."
            => "Ask the buyer to enter it again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CARD_DECLINED_CALL_ISSUER" | PaymentMethod | CardDeclinedCallIssuer | never | invalid_request | integrator | "The issuer declined the card and asks the buyer to call them.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CARD_DECLINED_VERIFICATION_REQUIRED" | PaymentMethod | CardDeclinedVerificationRequired | never | invalid_request | integrator | "The issuer needs the buyer to verify the payment.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The expiration date is missing or malformed" (in the OpenAPI spec)
        400 | "BAD_EXPIRATION" | PaymentMethod | BadExpiration | never | invalid_request | integrator | "The expiration date is missing or malformed.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CHIP_INSERTION_REQUIRED" | PaymentMethod | ChipInsertionRequired | never | invalid_request | integrator | "The card must be inserted, not swiped.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (something the end user has): "The PIN was entered wrongly too many times" (in the OpenAPI spec)
        400 | "ALLOWABLE_PIN_TRIES_EXCEEDED" | PaymentMethod | AllowablePinTriesExceeded | never | user_action_required | end_user | "The PIN was entered wrongly too many times.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "RESERVATION_DECLINED" | PaymentMethod | ReservationDeclined | never | invalid_request | integrator | "The issuer declined to hold the amount.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The body holds a field the endpoint does not know" (in the OpenAPI spec)
        400 | "UNKNOWN_BODY_PARAMETER" | InvalidRequest | UnknownBodyParameter | never | invalid_request | integrator | "The body holds a field the endpoint does not know.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "ADDRESS_VERIFICATION_FAILURE" | PaymentMethod | AddressVerificationFailure | never | invalid_request | integrator | "The billing address failed verification.";
        // review: no page, spec or recording gives a status: 403 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a missing entitlement): "The card cannot be used for this kind of purchase" (in the OpenAPI spec)
        403 | "CARDHOLDER_INSUFFICIENT_PERMISSIONS" | PaymentMethod | CardholderInsufficientPermissions | never | permission_denied | integrator | "The card cannot be used for this kind of purchase.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (an instruction to the end user): "Ask the buyer for another card" (in the OpenAPI spec)
        400 | "CARD_EXPIRED" | PaymentMethod | CardExpired | never | user_action_required | end_user | "The card has expired."
            => "Ask the buyer for another card.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CARD_NOT_SUPPORTED" | PaymentMethod | CardNotSupported | never | invalid_request | integrator | "The card network is not one the seller accepts.";
        // review: no page, spec or recording gives a status: 401 is a placeholder that goes with its words; retry, kind and actor from the docs' words (authentication): "The card token has expired" (in the OpenAPI spec)
        401 | "CARD_TOKEN_EXPIRED" | PaymentMethod | CardTokenExpired | never | unauthenticated | integrator | "The card token has expired."
            => "Tokenize the card again.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a state that conflicts): "The card token was already used" (in the OpenAPI spec)
        409 | "CARD_TOKEN_USED" | PaymentMethod | CardTokenUsed | never | conflict | integrator | "The card token was already used.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "AMOUNT_TOO_HIGH" | PaymentMethod | AmountTooHigh | never | invalid_request | integrator | "The amount is higher than the card allows."
            => "Use a lower amount and try again.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "CVV_FAILURE" | PaymentMethod | CvvFailure | never | invalid_request | integrator | "The card security code was wrong.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "EXPIRATION_FAILURE" | PaymentMethod | ExpirationFailure | never | invalid_request | integrator | "The expiration date was wrong.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "GENERIC_DECLINE" | PaymentMethod | GenericDecline | never | invalid_request | integrator | "The issuer declined the card without giving a reason.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INSUFFICIENT_FUNDS" | PaymentMethod | InsufficientFunds | never | invalid_request | integrator | "The account behind the card does not hold enough money.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_ACCOUNT" | PaymentMethod | InvalidAccount | never | invalid_request | integrator | "The issuer does not know the card's account.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The card number is not valid" (in the OpenAPI spec)
        400 | "INVALID_CARD" | PaymentMethod | InvalidCard | never | invalid_request | integrator | "The card number is not valid.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_CARD_DATA" | PaymentMethod | InvalidCardData | never | invalid_request | integrator | "The card data could not be read.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The email address is not valid" (in the OpenAPI spec)
        400 | "INVALID_EMAIL_ADDRESS" | InvalidRequest | InvalidEmailAddress | never | invalid_request | integrator | "The email address is not valid.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (the request's shape): "The expiration date is not valid" (in the OpenAPI spec)
        400 | "INVALID_EXPIRATION" | PaymentMethod | InvalidExpiration | never | invalid_request | integrator | "The expiration date is not valid.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_FEES" | PaymentMethod | InvalidFees | never | invalid_request | integrator | "The fees are more than the payment's amount.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_LOCATION" | InvalidRequest | InvalidLocation | never | invalid_request | integrator | "The location cannot take payments.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from the docs' words (something the end user has): "The PIN was wrong" (in the OpenAPI spec)
        400 | "INVALID_PIN" | PaymentMethod | InvalidPin | never | user_action_required | end_user | "The PIN was wrong.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "INVALID_POSTAL_CODE" | PaymentMethod | InvalidPostalCode | never | invalid_request | integrator | "The postal code was wrong.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "MANUALLY_ENTERED_PAYMENT_NOT_SUPPORTED" | PaymentMethod | ManuallyEnteredPaymentNotSupported | never | invalid_request | integrator | "The card cannot be keyed in by hand.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "PAN_FAILURE" | PaymentMethod | PanFailure | never | invalid_request | integrator | "The card number was rejected.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "PAYMENT_AMOUNT_MISMATCH" | PaymentMethod | PaymentAmountMismatch | never | invalid_request | integrator | "The amount does not match the order's total.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "PAYMENT_LIMIT_EXCEEDED" | PaymentMethod | PaymentLimitExceeded | never | invalid_request | integrator | "The seller's payment limit was exceeded.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry from the docs' words (a resend): "Retry the request"; kind from nothing: a placeholder (in the OpenAPI spec)
        503 | "TEMPORARY_ERROR" | Api | TemporaryError | backoff(3) | provider_unavailable | nobody | "A temporary error occurred."
            => "Retry the request.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "TRANSACTION_LIMIT" | PaymentMethod | TransactionLimit | never | invalid_request | integrator | "The card's transaction limit was reached.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "VOICE_FAILURE" | PaymentMethod | VoiceFailure | never | invalid_request | integrator | "The issuer needs a voice authorization.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a state that conflicts): "The payment was already refunded in full" (in the OpenAPI spec)
        409 | "ALREADY_REFUNDED" | Refund | AlreadyRefunded | never | conflict | integrator | "The payment was already refunded in full.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "REFUND_AMOUNT_INVALID" | Refund | RefundAmountInvalid | never | invalid_request | integrator | "The refund is larger than what is left of the payment.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry, kind and actor from the docs' words (work in progress): "A refund of this payment is already in progress" (in the OpenAPI spec)
        409 | "REFUND_ALREADY_PENDING" | Refund | RefundAlreadyPending | never | conflict | integrator | "A refund of this payment is already in progress.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "PAYMENT_NOT_REFUNDABLE" | Refund | PaymentNotRefundable | never | invalid_request | integrator | "The payment can no longer be refunded.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "REFUND_DECLINED" | Refund | RefundDeclined | never | invalid_request | integrator | "The issuer declined the refund.";
        // review: no page, spec or recording gives a status: 429 is a placeholder that goes with its words; retry from the docs' words (a resend): "Slow down and retry after a while"; kind from the docs' words (a rate limit): "Too many requests" (in the OpenAPI spec)
        429 | "RATE_LIMITED" | RateLimit | RateLimited | backoff(3) | rate_limited | nobody | "Too many requests."
            => "Slow down and retry after a while.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "IDEMPOTENCY_KEY_REUSED" | InvalidRequest | IdempotencyKeyReused | never | invalid_request | integrator | "The idempotency key was used before with another request.";
        // review: no page, spec or recording gives a status: 404 is a placeholder that goes with its words; retry, kind and actor from the docs' words (something missing): "The resource does not exist" (in the OpenAPI spec)
        404 | "NOT_FOUND" | InvalidRequest | NotFound | never | not_found | integrator | "The resource does not exist.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "METHOD_NOT_ALLOWED" | InvalidRequest | MethodNotAllowed | never | invalid_request | integrator | "The endpoint does not take this HTTP method.";
        // review: no page, spec or recording gives a status: 409 is a placeholder that goes with its words; retry, kind and actor from the docs' words (a state that conflicts): "The request conflicts with the resource's current state" (in the OpenAPI spec)
        409 | "CONFLICT" | InvalidRequest | Conflict | never | conflict | integrator | "The request conflicts with the resource's current state.";
        // review: no page, spec or recording gives a status: 400 is a placeholder; retry, kind and actor from nothing: a placeholder (in the OpenAPI spec)
        400 | "GONE" | InvalidRequest | Gone | never | invalid_request | integrator | "The endpoint was removed.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry, kind and actor from the code's name (TIMEOUT) (in the OpenAPI spec)
        503 | "REQUEST_TIMEOUT" | Api | RequestTimeout | backoff(3) | provider_unavailable | nobody | "The request took too long to arrive.";
        // review: no page, spec or recording gives a status: 503 is a placeholder that goes with its words; retry, kind and actor from the docs' words (an outage): "A partner service is not answering" (in the OpenAPI spec)
        503 | "SERVICE_UNAVAILABLE_DOWNSTREAM" | ExternalVendor | ServiceUnavailableDownstream | backoff(3) | provider_unavailable | nobody | "A partner service is not answering.";
    }
}
