catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Api = "api_error", Card = "card_error" },
        wire: json { code: "/error/code", category: "/error/type", retryable: header "Stripe-Should-Retry" },
        columns: category | status | code | variant | retry | kind | actor | message,
    }
    Api | 500 or 503 | _ | ApiError | backoff(3) | provider_unavailable | provider | "Something went wrong on our side.";
    Card | 500 | _ | CardServerError | backoff(3) | internal | provider | "A card network failed.";
    Api | 503 | _ | ApiUnavailable | backoff(3) | provider_unavailable | nobody | "The API is down for maintenance.";
}

fn main() {}
