catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        idempotency_key: header "Idempotency Key",
        wire: json { code: "/code", request_id: header "X-Request-Id:" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
}

catalog_core::provider_errors! {
    provider Other {
        id: "other",
        docs: "https://example.com/errors",
        idempotency_key: "Idempotency-Key",
        wire: json { code: "/code" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
}

fn main() {}
