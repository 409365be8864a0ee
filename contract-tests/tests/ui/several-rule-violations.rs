catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | 1000 | MissingToken | backoff(3) | invalid_request | integrator | "token missing";
    500 | 1702 | InternalError | never | internal | provider | "plaid error";
    503 | 1800 | Maintenance | never | internal | provider | "planned maintenance";
    404 | 1610 | ItemNotFound | never | unauthenticated | integrator | "item not found";
    400 | 1001 | TypeMissing | never | invalid_request | integrator | "type missing";
}

fn main() {}
