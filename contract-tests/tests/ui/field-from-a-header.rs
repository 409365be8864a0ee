catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json {
            code: "/error/code",
            message: header "X-Error-Message",
            retryable: header "Stripe-Should-Retry",
            fields: { doc_url: header "X-Doc-Url" },
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "invalid_amount" | InvalidAmount | never | invalid_request | integrator | "The amount is invalid.";
}

fn main() {}
