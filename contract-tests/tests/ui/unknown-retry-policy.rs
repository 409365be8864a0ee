catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    503 | 1800 | Maintenance | sometimes | provider_unavailable | nobody | "planned maintenance";
}

fn main() {}
