catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
    400 | 1000 | MissingType | never | invalid_request | integrator | "type missing";
    700 | 1002 | MissingEmail | never | invalid_request | integrator | "email missing";
    400 | 1003 | MissingToken | maybe | invalid_request | integrator | "token disallowed";
    400 | 1004 | InvalidOptions | never | invalid_request | "options";
}

fn main() {}
