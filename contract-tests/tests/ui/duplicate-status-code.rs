catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        key: (status, code),
        wire: json { code: "/data/*/code" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "parameter-not-valid" | InvalidParameter | never | invalid_request | integrator | "Parameter value is not valid";
    404 | "parameter-not-valid" | AuthenticationFailed | never | not_found | integrator | "We have encountered an error";
    400 or 422 | "parameter-not-valid" | InvalidParameterAgain | never | invalid_request | integrator | "Parameter value is not valid";
}

fn main() {}
