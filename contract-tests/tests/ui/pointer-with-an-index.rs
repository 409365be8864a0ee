// A pointer that picks one error of a list by its index: the classifier reads every error of
// a list through `*`, never one by its index, so the macro refuses it and suggests `*`.
catalog_core::provider_errors! {
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/errors/0/code", message: "/errors/*/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "invalid_amount" | InvalidAmount | never | invalid_request | integrator | "The amount is invalid.";
}

fn main() {}
