catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Item = "ITEM_ERROR" },
        wire: json { code: "/error_code" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "PRODUCT_NOT_READY" | NotReady | never | user_action_required | integrator | "not ready";
}

fn main() {}
