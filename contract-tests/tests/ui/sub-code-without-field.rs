catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    503 | "ProviderCallFailed" | ProviderCallFailed | backoff(3) | provider_unavailable | nobody | "Call to provider failed."
        sub_codes {
            "NetbankDown" | NetbankDown | backoff(3) | provider_unavailable | nobody | "The bank is down.";
        };
}

fn main() {}
