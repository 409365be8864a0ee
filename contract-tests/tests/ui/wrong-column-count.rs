catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | 1000 | MissingToken | never | invalid_request | "token missing";
    400 | 1001 | MissingType | never | invalid_request | integrator | "type missing" | "extra";
    400 | 1002 | MissingEmail | never | invalid_request | integrator | "email missing";
}

fn main() {}
