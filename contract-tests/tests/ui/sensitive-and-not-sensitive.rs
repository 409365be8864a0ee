catalog_core::provider_errors! {
    provider Sessions {
        id: "sessions",
        docs: "https://sessions.test/docs/errors",
        wire: json { code: "/session/state", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
        sensitive: { "/session", header "X-Session" },
        not_sensitive: { "/session", header "X-Trace" },
    }
    409 | "expired" | Expired | never | conflict | integrator | "The session has expired.";
}

fn main() {}
