catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/errors/*/code" } else json "summary" { code: "/errors/reason" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "bad request";
}

fn main() {}
