catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    4000 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
}

fn main() {}
