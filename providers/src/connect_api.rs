//! Basiq Connect API v3: the error codes of <https://api.basiq.io/docs/codes>, every section.
//!
//! Basiq reuses codes under several statuses (`parameter-not-valid` with 400, 404 and 500;
//! `access-denied` with 401 and 403), so an entry is keyed by `(status, code)`. A key listed
//! in several sections is one entry: its first section is its group, the others `also_in`.
//! The message is the docs' Title, the remediation their Detail (left out where the docs say
//! the detail is empty).
//!
//! Codes are kept exactly as sent. Basiq spells some errors two ways (`service-unavailable`
//! and `Service unavailable`); they are distinct codes, so distinct variants: the kebab-case
//! code keeps the plain name, a code written with spaces takes the suffix `Spaced`.
//!
//! Retry follows the docs' HTTP status summary: 500 "Retry the request", 503 "Retry later",
//! 429 "retry after the limit resets"; 4xx ask to check the request, token or account.
//! No Retry-After header is documented; a gateway's `Retry-After` is honoured all the same.

catalog_core::provider_errors! {
    /// Basiq Connect API v3 errors: a list envelope
    /// `{"type": "list", "correlationId", "data": [{"type": "error", "code", "title", "detail", "source"}]}`;
    /// every error of the list is kept, the first decides the classification.
    pub provider ConnectApi {
        id: "connect-api",
        name: "Basiq Connect API v3",
        docs: "https://api.basiq.io/docs/codes",
        key: (status, code),
        wire: json {
            code: "/data/*/code",
            title: "/data/*/title",
            detail: "/data/*/detail",
            source_pointer: "/data/*/source/pointer",
            source_parameter: "/data/*/source/parameter",
            request_id: "/correlationId",
        },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: {
            entries: { status: "HTTP status", code: "Code", message: "Title", remediation: "Detail" },
        },
    }

    group "Connect errors" {
        400 | "invalid-content" | InvalidContent | never | invalid_request | integrator
            | "Invalid request content"
            => "Posted user or mobile is not in valid format."
            also_in("Reports errors");
        400 | "parameter-not-supplied" | ParameterNotSupplied | never | invalid_request | integrator
            | "Required parameter not supplied"
            => "Required user, job, consent, email, mobile, or business parameters were not supplied."
            also_in("Identity errors");
        400 | "parameter-not-valid" | InvalidParameter | never | invalid_request | integrator
            | "Required parameter not valid / Parameter value is not valid"
            => "A header, path parameter, email, mobile, user ID, or consent ID value is not valid."
            also_in("Identity errors", "Data errors", "Affordability errors");
        400 | "resource-not-found" | JobNotFound | never | not_found | integrator
            | "Requested resource is not found"
            => "Requested job does not exist."
            allow(status_kind, "Basiq answers 400, not 404, for a job that does not exist (GET /jobs/{jobId}: \"Requested job does not exist.\")");
        400 | "unsupported-accept" | UnsupportedAccept | never | unsupported | integrator
            | "Accept type is not supported"
            => "The requested endpoint does not support the supplied Accept header."
            also_in("Data errors", "Affordability errors");
        401 | "access-denied" | TokenExpired | never | unauthenticated | integrator
            | "access-denied"
            => "Token has expired.";
        /// The docs' detail describes the response (its `detail` is empty), not a remedy.
        401 | "invalid-authorization-token" | InvalidAuthorizationToken | never | unauthenticated | integrator
            | "Invalid authorization token"
            => "Empty response detail."
            also_in("Data errors", "Affordability errors");
        401 | "unauthorised-access" | UnauthorisedAccess | never | unauthenticated | integrator
            | "unauthorised-access"
            => "You are not authorized to access this resource."
            also_in("Identity errors");
        403 | "access-denied" | AccessDenied | never | unauthenticated | integrator
            | "access-denied"
            => "Your account has been disabled, or the token has expired."
            also_in("Identity errors");
        403 | "forbidden-access" | ForbiddenAccess | never | permission_denied | integrator
            | "forbidden-access"
            => "Access to this resource is forbidden.";
        403 | "request-not-valid" | MissingAuthenticationToken | never | unauthenticated | integrator
            | "Invalid request"
            => "Missing Authentication Token.";
        403 | "Forbidden access" | ForbiddenAccessSpaced | never | permission_denied | integrator
            | "Forbidden access"
            => "Access to this resource is forbidden.";
        404 | "parameter-not-valid" | AuthenticationFailed | never | unauthenticated | integrator
            | "We have encountered an error"
            => "Unable to authenticate. Check your API key."
            allow(status_kind, "Basiq answers 404 on POST /token when the API key does not authenticate (\"Unable to authenticate. Check your API key.\"): the key is wrong, nothing is missing");
        404 | "resource-not-found" | ResourceNotFound | never | not_found | integrator
            | "Requested resource is not found"
            => "Requested user or consent does not exist."
            also_in("Identity errors", "Reports errors", "Data errors", "Affordability errors");
        415 | "unsupported-content-type" | UnsupportedContentType | never | unsupported | integrator
            | "Request content type is not supported"
            => "Content type is not supported on requested endpoint.";
        500 | "parameter-not-valid" | InternalError | backoff(3) | internal | provider
            | "We have encountered an error"
            => "Internal server error."
            also_in("Identity errors", "Data errors", "Affordability errors");
        503 | "service-unavailable" | ServiceUnavailable | backoff(3) | provider_unavailable | nobody
            | "service-unavailable"
            => "Service is currently unavailable. Please try again later.";
        503 | "Service unavailable" | ServiceUnavailableSpaced | backoff(3) | provider_unavailable | nobody
            | "Service unavailable"
            => "Service is currently unavailable. Please try again later."
            also_in("Identity errors", "Data errors", "Affordability errors");
    }

    group "Reports errors" {
        /// The docs' detail describes the response (its `detail` is empty), not a remedy.
        401 | "Invalid authorization token" | InvalidAuthorizationTokenSpaced | never | unauthenticated | integrator
            | "Invalid authorization token"
            => "Empty response detail.";
        500 | "Internal server error" | InternalServerErrorSpaced | backoff(3) | internal | provider
            | "Internal server error"
            => "Internal server error.";
    }

    group "Affordability errors" {
        400 | "path-parameter-not-valid" | InvalidPathParameter | never | invalid_request | integrator
            | "Parameter value is not valid"
            => "Snapshot ID value is not valid.";
    }

    group "Enrich errors" {
        429 | "too-many-requests" | TooManyRequests | backoff(5) | rate_limited | nobody
            | "Too many requests."
            => "Query limit reached.";
    }
}
