//! Mastercard MDES Digital Enablement: the error tables of
//! <https://developer.mastercard.com/mdes-digital-enablement/documentation/code-and-formats/>.
//!
//! Two families of errors, each in its own wire shape:
//! - gateway errors (HTTP 4xx/5xx), PascalCase, where `Errors.Error` is a list or a lone object
//!   and `Recoverable` (the server's own retry flag) a bool or a string. The catalog's retry
//!   policies agree with that flag: signature and parameter errors are never recoverable,
//!   `SERVER_ERROR_*` and `SYSTEM_ERROR` are;
//! - API errors from MDES itself, camelCase, usually with HTTP 200, where `responseId` is a
//!   string or a number, `responseHost` may be missing, fields of the success schema may sit
//!   beside the error fields, and the `errors` list may be missing (the `errorCode` then
//!   decides), or the body may be the flat "Transact Error Response".
//!
//! Descriptions carry dynamic data (signature base strings, hashes, field names): entries are
//! matched on codes only. Codes are kept as sent, `INVALID_OUTH_CONSUMER_KEY` (sic) included.
//!
//! Gateway statuses: the page documents 401 for `AUTHENTICATION_FAILED` only. Mastercard's
//! platform page "OAuth 1.0a and mTLS Error Codes"
//! (<https://developer.mastercard.com/platform/documentation/errors-and-troubleshooting/oauth1-and-mtls-error-codes/>)
//! gives a status per gateway error, but its tables could not be read here (only its outline:
//! OAuth parameters, project authorization, transformation, 5xx). What was found:
//! `INVALID_BODY_HASH` comes with HTTP 400 ("Bad Request - The provided oauth_body_hash does
//! not match ...", `Recoverable: false`, Mastercard/oauth1-signer-csharp#24);
//! `AUTHENTICATION_FAILED` on MDES carries the acceptable signature base string with
//! `Recoverable: false` (Mastercard/oauth1-signer-python#37). The other statuses are chosen
//! from each code's meaning, following OAuth 1.0 (RFC 5849 §3.2: 400 for an unsupported
//! parameter or signature method, 401 for invalid client credentials, an invalid signature or
//! a used nonce) and HTTP (415 for an unsupported media type, 500 for server errors); each row
//! says so.

catalog_core::provider_errors! {
    /// MDES Digital Enablement errors: gateway errors in `{"Errors": {"Error": [...]}}`, API
    /// errors in `{"errorCode", "errorDescription", "errors": [...], "responseId"}` (usually
    /// with HTTP 200), and the flat forms of API errors.
    pub provider Mdes {
        id: "mdes",
        name: "Mastercard MDES Digital Enablement",
        docs: "https://developer.mastercard.com/mdes-digital-enablement/documentation/code-and-formats/",
        key: code,
        errors_in_2xx: true,
        wire: json "gateway" {
            code: "/Errors/Error/*/ReasonCode",
            message: "/Errors/Error/*/Description",
            retryable: "/Errors/Error/*/Recoverable",
            retry_after: header "Retry-After",
        } else json "api" {
            code: "/errors/*/reasonCode",
            message: "/errors/*/description",
            request_id: "/responseId",
            retry_after: header "Retry-After",
        } else json "transact" {
            // The docs' "Transact Error Response": one flat error, no list.
            code: "/reasonCode",
            message: "/description" or "/errorDescription",
            request_id: "/responseId",
            retry_after: header "Retry-After",
        } else json "api-summary" {
            // An API error without its `errors` list: the top-level `errorCode` decides.
            code: "/errorCode",
            message: "/errorDescription",
            request_id: "/responseId",
            retry_after: header "Retry-After",
        },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: {
            entries: { code: "Reason Code", message: "Detail" },
        },
    }

    group "Gateway Error Messages" wire "gateway" {
        // 415: HTTP's status for an unsupported media type (chosen from the code's meaning).
        415 | "UNSUPPORTED_CONTENT_TYPE" | UnsupportedContentType | never | invalid_request | integrator
            | "The request Content-Type is not supported for this service.";
        // 401: an invalid signature (RFC 5849 §3.2; chosen from the code's meaning).
        401 | "INVALID_OAUTH_SBS" | InvalidOauthSbs | never | unauthenticated | integrator
            | "Problem with signature base string";
        // 401: invalid client credentials (RFC 5849 §3.2; chosen from the code's meaning).
        401 | "INVALID_OUTH_CONSUMER_KEY" | InvalidOuthConsumerKey | never | unauthenticated | integrator
            | "Consumer key parameter must be 97 characters long, split by an exclamation mark symbol.";
        // 400: an unsupported signature method (RFC 5849 §3.2; chosen from the code's meaning).
        400 | "INVALID_OAUTH_SIGNATURE_METHOD" | InvalidOauthSignatureMethod | never | invalid_request | integrator
            | "Invalid oauth_signature_method. Supported: RSA-SHA1, RSA-SHA256, RSA-SHA512.";
        // 401: a stale timestamp fails the nonce/timestamp check (RFC 5849 §3.2-3.3; chosen).
        401 | "INVALID_OAUTH_TIMESTAMP" | InvalidOauthTimestamp | never | unauthenticated | integrator
            | "Invalid Timestamp";
        // 401: a used nonce (RFC 5849 §3.2; chosen from the code's meaning).
        401 | "OAUTH_NONCE_USED" | OauthNonceUsed | never | unauthenticated | integrator
            | "Nonce was already used within the current time window.";
        // 400: seen with HTTP 400 and `Recoverable: false` (Mastercard/oauth1-signer-csharp#24).
        400 | "INVALID_BODY_HASH" | InvalidBodyHash | never | invalid_request | integrator
            | "The provided oauth_body_hash does not match the signature method hash of the request payload";
        // 401: an unknown client (invalid client credentials; chosen from the code's meaning).
        401 | "INVALID_CLIENT_ID" | InvalidClientId | never | unauthenticated | integrator
            | "The provided clientId was not found.";
        // 401: an unknown signing key or certificate (chosen from the code's meaning).
        401 | "INVALID_KEY_ID" | InvalidKeyId | never | unauthenticated | integrator
            | "Project does not contain key The provided key was not found. The signing certificate is not valid.";
        // 401: documented on the page (and in WIRE-NOTES).
        401 | "AUTHENTICATION_FAILED" | AuthenticationFailed | never | unauthenticated | integrator
            | "OAuth signatures did not match.";
        // 400: a request body the gateway cannot transform is the request's fault (chosen; a
        // failed response transformation may come as a 5xx, which this row does not claim).
        400 | "TRANSFORM_ERROR" | TransformError | never | invalid_request | integrator
            | "Transformation of request body failed. Transformation of response body failed";
        // 500: "Internal server error." (chosen from the description); sent recoverable.
        500 | "SERVER_ERROR_100" | ServerError100 | backoff(3) | internal | provider
            | "Internal server error.";
        500 | "SERVER_ERROR_101" | ServerError101 | backoff(3) | internal | provider
            | "Internal server error.";
        500 | "SERVER_ERROR_102" | ServerError102 | backoff(3) | internal | provider
            | "Internal server error.";
        // 500: an unexpected error (chosen from the description); sent recoverable.
        500 | "SYSTEM_ERROR" | SystemError | backoff(3) | internal | provider
            | "An unexpected error has occurred with the service you have requested.";
    }

    // "A HTTP response code of 200 will be returned if the call was successfully received and
    // accepted for processing. Any errors that subsequently occur during processing are
    // returned in the response payload."
    group "Reason Codes" wire "api" {
        200 | "INVALID_JSON" | InvalidJson | never | invalid_request | integrator
            | "The JSON could not be parsed";
        200 | "UNRECOGNISED_FIELD" | UnrecognisedField | never | invalid_request | integrator
            | "The field name is not valid for the object";
        200 | "AUTHORIZATION_FAILED" | AuthorizationFailed | never | permission_denied | integrator
            | "The request failed to present a valid cert to access the API."
            => "Contact your Mastercard CIS implementation manager to ensure all the necessary on-boarding steps have been completed.";
        200 | "INVALID_FIELD_FORMAT" | InvalidFieldFormat | never | invalid_request | integrator
            | "The field is not in the correct format. For instance, it should be a number but is a string.";
        200 | "INVALID_FIELD_LENGTH" | InvalidFieldLength | never | invalid_request | integrator
            | "The value does not fall between the minimum and maximum length for the field."
            => "The description will contain details of which field has exceeded its maximum length. Correct the data in the field in accordance with the API Reference";
        200 | "INVALID_FIELD_VALUE" | InvalidFieldValue | never | invalid_request | integrator
            | "The value is not allowed for the field."
            => "The description will contain details of the field that contains the incorrect value. Correct the data in the field in accordance with the API Reference";
        200 | "INVALID_RESPONSE_HOST" | InvalidResponseHost | never | invalid_request | integrator
            | "The requested response host is invalid.";
        200 | "NO_RESPONSE_FROM_ISSUER" | NoResponseFromIssuer | after_hint(3) | provider_unavailable | nobody
            | "The issuer did not respond to the network message in the allotted time. An asynchronous message will be sent. The Token Requestor should retry after the time specified in the retry-after header.";
        200 | "MISSING_REQUIRED_FIELD" | MissingRequiredField | never | invalid_request | integrator
            | "A required field is missing."
            => "Correct the request to contain all mandatory field as described in the API Reference";
        200 | "CRYPTOGRAPHY_ERROR" | CryptographyError | never | invalid_request | integrator
            | "There was an error decrypting the encrypted payload."
            => "Typically this error occurs when the service has been unable to decrypt the payload supplied in the API request. Check the correct keys are being used as separate encryption keys are required for MTF and Production.";
        // No advice in the docs: an internal exception is retried with a bounded back-off, as
        // a 500 would be, and Mastercard is the one to fix it if it persists.
        200 | "INTERNAL_SERVICE_FAILURE" | InternalServiceFailure | backoff(3) | internal | provider
            | "MDES had an internal exception.";
        // "May be retried if the data is re-entered correctly": the same request never succeeds.
        200 | "INVALID_PAN" | InvalidPan | never | user_action_required | end_user
            | "The PAN format is not valid, or other data associated with the PAN was incorrect or entered incorrectly. The request may be retried if the data is re-entered correctly.";
        // "Retry the request supplying the expiry date": a new request with the cardholder's data.
        200 | "MISSING_EXPIRY_DATE" | MissingExpiryDate | never | user_action_required | end_user
            | "The expiry date is required for this product but was missing. Retry the request supplying the expiry date for this card.";
        200 | "DUPLICATE_REQUEST" | DuplicateRequest | never | conflict | integrator
            | "The PAN has already been provisioned to the device or the same request is currently being processed.";
        200 | "PAN_INELIGIBLE" | PanIneligible | never | unsupported | end_user
            | "The PAN is not in an approved account range for MDES.";
        200 | "INVALID_TASK_ID" | InvalidTaskId | never | invalid_request | integrator
            | "The taskId could not be found or, for inbound calls, the taskId was not unique.";
        200 | "INVALID_TOKEN_STATUS" | InvalidTokenStatus | never | conflict | integrator
            | "The token is in an invalid status for the requested operation. For instance, trying to unsuspend a deleted token.";
        200 | "MAX_ATC_LIMIT_REACHED" | MaxAtcLimitReached | never | conflict | integrator
            | "Maximum number of Application Transaction Counter limit reached.";
        200 | "NO_ACTIVE_TOKENS" | NoActiveTokens | never | not_found | integrator
            | "There are no active (not suspended) Tokens for the given Account PAN and consumer account.";
        200 | "TOKEN_PAN_NOT_FOUND" | TokenPanNotFound | never | not_found | integrator
            | "The token pan that was supplied in the request could not be found. This could be an invalid token or a token number, token expiration mismatch, or the token is expired.";
        200 | "INVALID_TOKEN_UNIQUE_REFERENCE" | InvalidTokenUniqueReference | never | not_found | integrator
            | "The token unique reference (TUR) could not be found.";
        200 | "INVALID_PAN_UNIQUE_REFERENCE" | InvalidPanUniqueReference | never | not_found | integrator
            | "The PAN unique reference (PUR) could not be found.";
        200 | "MISSING_CONSENT_OR_AUTH_FLAG" | MissingConsentOrAuthFlag | never | invalid_request | integrator
            | "Validation failed due to missing consent or authentication data when either cardHolderConsentCapturedFlag or authenticationPerformedFlag is set to FALSE.";
    }
}
