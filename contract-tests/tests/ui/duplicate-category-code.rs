catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Item = "ITEM_ERROR", Assets = "ASSET_REPORT_ERROR" },
        wire: json { code: "/error_code", category: "/error_type" },
        columns: category | status | code | variant | retry | kind | actor | message,
    }
    Item | 400 | "PRODUCT_NOT_READY" | ItemNotReady | never | user_action_required | integrator | "not ready";
    Assets | 400 | "PRODUCT_NOT_READY" | AssetsNotReady | never | user_action_required | integrator | "not ready";
    Item | 400 | "PRODUCT_NOT_READY" | ItemNotReadyAgain | never | user_action_required | integrator | "not ready";
}

fn main() {}
