catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code" },
        columns: status | code | variant | retry | kind | message,
    }
    400 | 1000 | MissingToken | never | invalid_request | "token missing";
}

fn main() {}
