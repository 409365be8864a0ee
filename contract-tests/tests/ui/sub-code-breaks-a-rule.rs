catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/error", sub_code: "/details/reason" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    503 | "ProviderCallFailed" | ProviderCallFailed | backoff(3) | provider_unavailable | nobody | "Call to provider failed."
        sub_codes {
            "NetbankDown" | NetbankDown | backoff(3) | provider_unavailable | nobody | "The bank is down.";
            "BadCredentials" | BadCredentials | never | user_action_required | end_user | "The credentials are wrong.";
        };
}

fn main() {}
