catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/code", mesage: "/message" },
        colums: status | code | variant | retry | kind | actor | message,
    }
    404 | 1000 | ItemMissing | nevr | not_fund | integrater | "item missing";
    404 | 1001 | UserMissing | never | not_found | integrator | "user missing"
        alow(status_kind, "why");
}

fn main() {}
