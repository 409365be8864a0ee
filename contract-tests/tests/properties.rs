//! Round-trip and robustness properties over every seed catalog.
//!
//! `PROPTEST_CASES` scales the run (default 256 per property); failures are saved under
//! `proptest-regressions/` and replayed first on the next run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::strategy;
use contract_tests::properties;
use proptest::prelude::*;

/// Stamps the property suite for each catalog, in a module named after it.
macro_rules! catalog_properties {
    ($($module:ident => $catalog:ty),+ $(,)?) => {$(
        mod $module {
            use super::*;

            proptest! {
                #[test]
                fn render_then_parse_gives_the_same_entry_and_fields(case in strategy::case::<$catalog>()) {
                    properties::render_round_trip(&case)?;
                }

                #[test]
                fn parsed_errors_survive_serde(case in strategy::case::<$catalog>()) {
                    let rendered = catalog_core::Catalog::render(case.variant, &case.options());
                    let parsed = <$catalog as catalog_core::Catalog>::classify(rendered.status, &rendered.headers, &rendered.body);
                    properties::serde_round_trip(&parsed)?;
                }

                #[test]
                fn unknown_codes_keep_the_raw_code(
                    case in strategy::case::<$catalog>(),
                    code in strategy::unknown_code::<$catalog>(),
                ) {
                    properties::unknown_code_kept(&case, &code)?;
                }

                #[test]
                fn arbitrary_bytes_never_panic(status in 100u16..=599, body in prop::collection::vec(any::<u8>(), 0..512)) {
                    properties::any_body_classifies::<$catalog>(status, &body)?;
                }

                #[test]
                fn arbitrary_json_never_panics(status in 100u16..=599, value in properties::json_value()) {
                    let body = serde_json::to_vec(&value).unwrap();
                    properties::any_body_classifies::<$catalog>(status, &body)?;
                }
            }

            #[test]
            fn every_code_round_trips() {
                for &variant in <$catalog as catalog_core::Catalog>::ALL {
                    if let Err(error) = properties::code_round_trip(variant) {
                        panic!("{error}");
                    }
                }
            }
        }
    )+};
}

proptest! {
    #[test]
    fn delay_parsing_never_panics_and_stays_bounded(hint in ".{0,40}", digits in "[0-9:.PTDHMS]{1,30}") {
        for text in [hint.clone(), digits.clone(), format!("retry after {digits}"), format!("wait {digits} seconds")] {
            let delay = catalog_core::delay::parse_delay(&text, std::time::SystemTime::UNIX_EPOCH);
            prop_assert!(delay.is_none_or(|d| d <= catalog_core::delay::MAX_DELAY), "{}: {:?}", text, delay);
        }
    }
}

catalog_core::provider_errors! {
    /// Codes unique only within their type, which the body sends (Plaid's current API): the
    /// properties hold for a catalog keyed by `(category, code)` too.
    provider Typed {
        id: "typed",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Item = "ITEM_ERROR", Transactions = "TRANSACTIONS_ERROR", Assets = "ASSET_REPORT_ERROR" },
        wire: json { code: "/error_code", category: "/error_type", message: "/error_message", request_id: "/request_id" },
        columns: category | status | code | variant | retry | kind | actor | message,
    }
    Item | 400 | "PRODUCT_NOT_READY" | ItemNotReady | never | user_action_required | integrator | "the item is not ready";
    Transactions | 400 | "PRODUCT_NOT_READY" | TransactionsNotReady | never | user_action_required | integrator | "transactions are not ready";
    Assets | 400 | "PRODUCT_NOT_READY" | AssetsNotReady | never | user_action_required | integrator | "the report is not ready";
    Item | 400 | "ITEM_LOGIN_REQUIRED" | ItemLoginRequired | never | user_action_required | end_user | "the login details changed";
    Assets | 503 | "ASSET_REPORT_GENERATION_FAILED" | GenerationFailed | backoff(3) | provider_unavailable | nobody | "try again later";
}

catalog_properties! {
    category_keyed => Typed,
    plaid_legacy => providers::PlaidLegacy,
    mastercard_au => providers::MastercardAu,
    connect_api => providers::ConnectApi,
    aiia => providers::Aiia,
    mdes => providers::Mdes,
}
