catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    402 | 1302 | InstitutionNotResponding | backoff(3) | provider_unavailable | nobody | "institution not responding"
        allow(status_retry)
        allow(status_kind, "");
}

fn main() {}
