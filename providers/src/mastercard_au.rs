//! Mastercard Open Finance AU (Data Connect): the error tables of
//! <https://developer.mastercard.com/open-finance-au/documentation/errors/most-common/index.md>.
//!
//! Data Connect answers almost every aggregation failure with HTTP 500, whatever its cause:
//! invalid bank credentials, an unanswered MFA question, an account in the middle of a refresh.
//! Retry policies and kinds follow the page's own words, its "Remediation Category" first
//! ("Retry Later" is a retry; "Data Connect Fix" and "Re-Authenticate or Provide Additional
//! Information" send the end user back through Data Connect; "Invalid Input" and "Report or
//! Escalate for Investigation" are not fixed by resending). Where the 500 contradicts those
//! words, the row declares the exception and why.
//!
//! Codes are integers in the catalog. Aggregation endpoints send them as JSON numbers
//! (`{"code": 14001, "message": "..."}`); connect endpoints as strings, with more fields
//! (`{"code": "38007", "status": "404", "title": ..., "user_message": ..., "message": ...}`).
//! Both classify. No request-id or Retry-After header is documented.

catalog_core::provider_errors! {
    /// Mastercard Open Finance AU (Data Connect) errors: flat JSON bodies `{"code", "message"}`,
    /// with `title` and `user_message` on connect endpoints.
    pub provider MastercardAu {
        id: "mastercard-au",
        name: "Mastercard Open Finance AU (Data Connect)",
        docs: "https://developer.mastercard.com/open-finance-au/documentation/errors/most-common/index.md",
        key: code,
        categories: {
            VerifyAccountOrDataState = "Verify Account or Data State",
            DataConnectFix = "Data Connect Fix",
            RetryLater = "Retry Later",
            InvalidInput = "Invalid Input",
            // The page also spells it "Re-Authenticate or Provide additional Information" (2003).
            ReAuthenticateOrProvideInformation = "Re-Authenticate or Provide Additional Information",
            ReportOrEscalate = "Report or Escalate for Investigation",
        },
        wire: json {
            code: "/code",
            message: "/message",
            title: "/title",
            detail: "/user_message",
        },
        columns: code | category | status | variant | retry | kind | actor | message,
        docs_tables: {
            entries: { code: "Error Code", category: "Remediation Category", status: "HTTP Status", message: "Error Message" },
        },
    }

    group "Aggregation Error Codes" {
        14001 | VerifyAccountOrDataState | 404 | CustomerNotFound | never | not_found | integrator
            | "Customer not found."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/request/item-not-found/index.md#14001");
        103 | DataConnectFix | 500 | InvalidCredentials | never | user_action_required | end_user
            | "Invalid login credentials. Prompt the user for a new password or have them reset it."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/invalidcredentials/index.md#103")
            also_in("User Error Codes")
            allow(status_retry, "Data Connect sends 500 for invalid bank credentials; the docs ask to prompt the user for a new password, so resending the same credentials cannot succeed")
            allow(status_kind, "Data Connect sends 500 for invalid bank credentials: the end user must enter or reset their password (category Data Connect Fix), nothing failed on the server");
        325 | RetryLater | 500 | AggregationInProgress | backoff(5) | conflict | nobody
            | "The account is currently being aggregated. Call the Get Customer Account endpoint periodically to view the account status. The refresh operation is complete when aggregationStatusCode is 0 and aggregationSuccessDate is greater than or equal to aggregationAttemptDate."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/325/index.md")
            allow(status_kind, "Data Connect sends 500 while a refresh of the account is in progress (\"currently being aggregated\", category Retry Later): the account is busy, not the server failing");
        38003 | VerifyAccountOrDataState | 404 or 500 | AccountNotFound | never | not_found | integrator
            | "Customer doesn't have given account."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/account-not-found/909-913-914-946-952/index.md#38003")
            allow(status_retry, "documented as `404 or 500`: under 500 too the customer does not have the account (category Verify Account or Data State), which no retry changes")
            allow(status_kind, "documented as `404 or 500`: under 500 too the error is a missing account (\"Customer doesn't have given account.\")");
        185 | DataConnectFix | 500 | SecurityQuestionExpired | never | user_action_required | end_user
            | "Missing or incorrect MFA answer. One of your security questions (for example, name of your first pet) has expired and needs to be answered."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/incompleteauth/938-940-971-185-187/index.md#185")
            allow(status_retry, "Data Connect sends 500 when a security question has expired; the docs say it \"needs to be answered\" by the user (category Data Connect Fix), so a resend cannot succeed")
            allow(status_kind, "Data Connect sends 500 for an MFA question the end user must answer; the server did not fail");
        978 | InvalidInput | 500 | InvalidRequest | never | invalid_request | integrator
            | "An error occurred in the financial institution connection. Submitting a support ticket is the recommended action."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/request/invalidrequest/index.md#978")
            allow(status_retry, "Data Connect sends 500 for invalid input (category Invalid Input, docs link \"invalidrequest\"); the docs recommend a support ticket, not a resend")
            allow(status_kind, "Data Connect sends 500 for a request its docs file under Invalid Input (\"request/invalidrequest\")");
        947 | DataConnectFix | 500 | InstitutionTokenExpired | never | user_action_required | end_user
            | "Your token is invalid or has expired. Please re-authenticate."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/invalidtoken/947-2024/index.md#947")
            allow(status_retry, "Data Connect sends 500 when the account's institution token is invalid or expired; the docs ask the user to re-authenticate (category Data Connect Fix) before anything can succeed")
            allow(status_kind, "Data Connect sends 500 for an expired institution token (an account error, not the integrator's credentials): the end user must re-authenticate");
        38007 | VerifyAccountOrDataState | 500 | MfaAnswerMissing | never | user_action_required | end_user
            | "Missing or incorrect MFA answer. One of your security questions (for example, name of your first pet) has expired and needs to be answered."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/incompleteauth/938-940-971-185-187/index.md#38007")
            allow(status_retry, "Data Connect sends 500 for a missing or incorrect MFA answer; the docs say the question \"needs to be answered\", so a resend without the user's answer cannot succeed")
            allow(status_kind, "Data Connect sends 500 for an MFA answer the end user must give; the server did not fail");
        973 | ReAuthenticateOrProvideInformation | 500 | NotAuthorizedForOnlineAccess | never | user_action_required | end_user
            | "The user is not authorized for the requested resource or online access."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/institutionerrors/connection-not-supported/index.md#973")
            allow(status_retry, "Data Connect sends 500 when the user lacks online access at the institution; the category asks the user to re-authenticate or provide information, which a resend does not do")
            allow(status_kind, "Data Connect sends 500 for a user not authorized for online access: the end user must act (category Re-Authenticate or Provide Additional Information)");
    }

    group "User Error Codes" {
        // 103 is in this table too: declared once, above, with also_in("User Error Codes").
        2003 | ReAuthenticateOrProvideInformation | 401 | ConsentNotProvided | never | user_action_required | end_user
            | "Consent was not provided."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/consentauth/consentauthorization/index.md#2003")
            allow(status_kind, "Data Connect sends 401 when the end user did not give consent: the integrator's credentials are fine, the user must re-authenticate and consent");
        187 | ReAuthenticateOrProvideInformation | 500 | IncorrectMfaAnswer | never | user_action_required | end_user
            | "Missing or incorrect MFA answer. Customer has answered their MFA question incorrectly. Call Refresh Customer Account."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/incompleteauth/938-940-971-185-187/index.md#187")
            allow(status_retry, "Data Connect sends 500 for a wrong MFA answer; the docs ask for a new Refresh Customer Account in which the user answers again, not a resend of this request")
            allow(status_kind, "Data Connect sends 500 for an MFA question the customer answered incorrectly: the end user must answer again");
        11000 | ReportOrEscalate | 500 | UnexpectedServerError | never | internal | provider
            | "Something unexpected happened on the server. We have logged the error and are investigating."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/institutionerrors/other-connection-issues/index.md#11000")
            allow(status_retry, "the docs promise an investigation (\"We have logged the error and are investigating\", category Report or Escalate for Investigation, not Retry Later), not success on resubmission");
        // "ticketopens in a new tab" is the page's own text (a link's screen-reader label), kept as sent.
        170 | RetryLater | 500 | InstitutionConnectionError | backoff(3) | provider_unavailable | nobody
            | "An error occurred in the financial institution connection. Submitting a support ticketopens in a new tab is the recommended action."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/institutionerrors/other-connection-issues/index.md#unknown-technical-errors");
        331 | ReAuthenticateOrProvideInformation | 400 | MfaTimeout | never | user_action_required | end_user
            | "The customer has taken too long to answer an MFA question. This error typically will not appear as we will prompt them to try again before the time runs out. The customer has 5 minutes to answer an MFA question."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/expiredsession/expiredsession/index.md#331");
        /// The docs' message repeats 103's ("Invalid login credentials"), but the category (Retry
        /// Later) and the linked page (existing connection interruptions) both say the connection
        /// to the institution was interrupted: the row follows those two.
        102 | RetryLater | 500 | ConnectionInterrupted | backoff(3) | provider_unavailable | nobody
            | "Invalid login credentials. Prompt the user for a new password or have them reset it."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/institutionerrors/connection-interrupt/existing-connection-interruptions/index.md#102");
        1415 | InvalidInput | 500 | ConnectionNotSupported | never | unsupported | integrator
            | "An error occurred in the financial institution connection. Submitting a support ticket is the recommended action."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/institutionerrors/connection-not-supported/index.md#1415")
            allow(status_retry, "Data Connect sends 500 for a connection it does not support (category Invalid Input, docs link \"connection-not-supported\"); the docs recommend a support ticket, not a resend")
            allow(status_kind, "Data Connect sends 500 for an institution connection that is not supported; nothing failed on the server");
        2006 | RetryLater | 500 | ConsentConnectionError | backoff(3) | provider_unavailable | nobody
            | "An error occurred in the financial institution connection."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/accounterrors/consentauth/consentauthorization/index.md#2006");
        14006 | ReportOrEscalate | 404 | InstitutionNotFound | never | not_found | provider
            | "Institution not found."
            docs("https://developer.mastercard.com/open-finance-au/documentation/errors/request/item-not-found/index.md#14006");
    }
}
