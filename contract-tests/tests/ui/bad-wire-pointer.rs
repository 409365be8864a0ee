catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "code", message: "/a//b", title: "/x~2y", request_id: "/data/*/id", detail: "/data/*/items/*/detail" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
}

fn main() {}
