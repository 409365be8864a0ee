catalog_core::provider_errors! {
    provider Cards {
        id: "cards",
        docs: "https://docs.cards.test/errors",
        wire: json { code: "/error/code", sub_code: "/error/decline_code" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined."
        untested("the sandbox declines no card")
        sub_codes {
            "stolen_card" | StolenCard | never | user_action_required | end_user | "The card is reported stolen."
                untested("no test card is reported stolen");
        };
}

fn main() {}
