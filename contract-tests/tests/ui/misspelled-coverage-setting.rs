catalog_core::provider_errors! {
    provider Payouts {
        id: "payouts",
        docs: "https://docs.payouts.test/errors",
        wire: json { code: "/error/code", message: "/error/message" },
        columns: status | code | variant | retry | kind | actor | message,
        coverage: { at_leat: 80% },
    }
    400 | "INVALID_AMOUNT" | InvalidAmount | never | invalid_request | integrator | "The amount is not valid.";
}

fn main() {}
