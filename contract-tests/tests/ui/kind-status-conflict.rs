catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    401 | 1104 | UnauthorizedProduct | never | not_found | integrator | "unauthorized product";
}

fn main() {}
