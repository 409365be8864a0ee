//! Coverage that scales, on a provider of 30 errors as a team meets it: 10 captured in the
//! sandbox from the dashboard (a browser's HAR export), 10 more shown only as example
//! responses on the provider's docs page (a Docusaurus page, as its generator emits it),
//! 5 that cannot be provoked and say why (`untested`), and 5 nobody has covered yet.
//!
//! `verify` counts them apart (10/10/5/5) and fails naming the 5, unless the catalog lowers
//! its threshold (`coverage: { at_least: 80% }`: 25 of 30 is 83%). An `untested` row that a
//! response later covers is stale; so is a recording of a variant the catalog renamed. A
//! second catalog, with a table of decline codes, holds sub-codes to the same contract.
//!
//! The inputs are under `tests/coverage/`: `docs/tillpoint.html` (the saved docs page) and
//! `captures/*.har` (exports of Chrome's network panel).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

mod common;

use std::path::{Path, PathBuf};

use catalog_core::spec::CatalogSpec;
use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use serde_json::{Value, json};

/// The Tillpoint Payout API's error page, as a catalog; `$setting` adds a provider setting.
macro_rules! tillpoint {
    ($(#[$doc:meta])* $name:ident $(, $setting:ident: $value:tt)?) => {
        catalog_core::provider_errors! {
            $(#[$doc])*
            pub provider $name {
                id: "tillpoint",
                name: "Tillpoint Payout API",
                docs: "https://docs.tillpoint.test/errors/payouts",
                idempotency_key: header "Idempotency-Key",
                wire: json {
                    code: "/error/code",
                    message: "/error/message",
                    source_parameter: "/error/param",
                    request_id: header "X-Request-Id",
                },
                columns: status | code | variant | retry | kind | actor | message,
                docs_tables: { entries: { code: "Code", message: "Message" } },
                $($setting: $value,)?
            }
            group "Request errors" {
                400 | "INVALID_AMOUNT" | InvalidAmount | never | invalid_request | integrator | "The amount is not a positive whole number of the currency's minor unit.";
                400 | "UNSUPPORTED_CURRENCY" | UnsupportedCurrency | never | unsupported | integrator | "The currency cannot be paid out on the recipient's payout rail.";
                400 | "MISSING_REQUIRED_FIELD" | MissingRequiredField | never | invalid_request | integrator | "A field that the endpoint requires is missing from the request body.";
                400 | "INVALID_REFERENCE" | InvalidReference | never | invalid_request | integrator | "The payout reference is longer than 140 characters or uses characters the rail rejects.";
                400 | "INVALID_SCHEDULE_DATE" | InvalidScheduleDate | never | invalid_request | integrator | "The scheduled date is in the past or more than 90 days ahead.";
                400 | "WEBHOOK_URL_INVALID" | WebhookUrlInvalid | never | invalid_request | integrator | "The webhook URL is not an HTTPS address.";
                409 | "IDEMPOTENCY_KEY_IN_USE" | IdempotencyKeyInUse | never | conflict | integrator | "The Idempotency-Key was already used with a different request body.";
            }
            group "Authentication and access" {
                401 | "INVALID_API_KEY" | InvalidApiKey | never | unauthenticated | integrator | "The API key is missing, revoked, or belongs to another environment.";
                403 | "API_KEY_SCOPE_INSUFFICIENT" | ApiKeyScopeInsufficient | never | permission_denied | integrator | "The API key does not have the scope this endpoint needs.";
                403 | "ACCOUNT_UNDER_REVIEW" | AccountUnderReview | never | permission_denied | provider | "Payouts are paused while Tillpoint's compliance team reviews the account."
                    untested("Tillpoint's compliance team sets it on a live account; the sandbox has no review queue");
                403 | "SANCTIONS_SCREENING_HOLD" | SanctionsScreeningHold | never | permission_denied | provider | "The recipient matched a sanctions list and the payout is held for review."
                    untested("a screening match needs a listed name, and the sandbox refuses those before screening");
            }
            group "Recipients" {
                404 | "RECIPIENT_NOT_FOUND" | RecipientNotFound | never | not_found | integrator | "No recipient with this ID exists on the account.";
                400 | "INVALID_ACCOUNT_NUMBER" | InvalidAccountNumber | never | user_action_required | end_user | "The recipient's account number fails the bank's check digits.";
                400 | "INVALID_ROUTING_NUMBER" | InvalidRoutingNumber | never | user_action_required | end_user | "The routing number does not belong to any bank on the ACH directory.";
                400 | "INVALID_IBAN" | InvalidIban | never | user_action_required | end_user | "The IBAN has the wrong length for its country or fails its checksum.";
                422 | "RECIPIENT_NAME_MISMATCH" | RecipientNameMismatch | never | user_action_required | end_user | "The name on the recipient's bank account does not match the recipient's name.";
                422 | "RECIPIENT_ACCOUNT_CLOSED" | RecipientAccountClosed | never | user_action_required | end_user | "The recipient's bank account is closed.";
                422 | "RECIPIENT_BANK_REJECTED" | RecipientBankRejected | never | user_action_required | end_user | "The recipient's bank returned the payout."
                    untested("the receiving bank returns payouts days later, on live rails only");
                423 | "RECIPIENT_LOCKED" | RecipientLocked | backoff(2) | conflict | nobody | "Another request is updating this recipient.";
            }
            group "Payouts, balances and limits" {
                404 | "PAYOUT_NOT_FOUND" | PayoutNotFound | never | not_found | integrator | "No payout with this ID exists on the account.";
                409 | "PAYOUT_ALREADY_CANCELLED" | PayoutAlreadyCancelled | never | conflict | integrator | "The payout was cancelled before this request.";
                409 | "PAYOUT_NOT_CANCELLABLE" | PayoutNotCancellable | never | conflict | integrator | "The payout has been sent to the bank and can no longer be cancelled.";
                422 | "INSUFFICIENT_BALANCE" | InsufficientBalance | never | user_action_required | integrator | "The payout balance is lower than the payout amount plus fees.";
                422 | "PAYOUT_LIMIT_EXCEEDED" | PayoutLimitExceeded | never | user_action_required | integrator | "The payout is larger than the per-payout limit of the account.";
                410 | "QUOTE_EXPIRED" | QuoteExpired | never | not_found | integrator | "The FX quote expired before the payout was created.";
                429 | "DAILY_VOLUME_CAP_REACHED" | DailyVolumeCapReached | next_day | rate_limited | nobody | "The account reached its daily payout volume."
                    untested("the cap applies to live accounts only; sandbox accounts have none");
                429 | "RATE_LIMIT_EXCEEDED" | RateLimitExceeded | after_hint(3) | rate_limited | nobody | "Too many requests were sent with this API key.";
            }
            group "Platform errors" {
                500 | "INTERNAL_ERROR" | InternalError | backoff(3) | internal | provider | "Something went wrong on Tillpoint's side.";
                503 | "BANK_RAIL_UNAVAILABLE" | BankRailUnavailable | after_hint(5) | provider_unavailable | nobody | "The payout rail is closed for maintenance or a bank holiday.";
                502 | "UPSTREAM_BANK_TIMEOUT" | UpstreamBankTimeout | backoff(3) | provider_unavailable | nobody | "The recipient's bank did not answer in time."
                    untested("the sandbox's simulated banks always answer");
            }
        }
    };
}

tillpoint! {
    /// Strict: every entry covered or untested.
    Tillpoint
}

tillpoint! {
    /// The same table, 80% of it accounted for being enough.
    TillpointAt80, coverage: { at_least: 80% }
}

catalog_core::provider_errors! {
    /// A card API whose declines carry a `decline_code`, the table of which is on its docs page.
    pub provider Cardline {
        id: "cardline",
        docs: "https://docs.cardline.test/api/errors",
        wire: json {
            code: "/error/code",
            sub_code: "/error/decline_code",
            message: "/error/message",
            source_parameter: "/error/param",
            request_id: header "Request-Id",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined."
        sub_codes {
            "insufficient_funds" | InsufficientFunds | never | user_action_required | end_user
                | "The card has insufficient funds to complete the purchase.";
            "lost_card" | LostCard | never | user_action_required | end_user
                | "The payment was declined because the card is reported lost.";
            "stolen_card" | StolenCard | never | user_action_required | end_user
                | "The payment was declined because the card is reported stolen.";
            "do_not_honor" | DoNotHonor | never | user_action_required | end_user
                | "The card was declined for an unknown reason."
                untested("issuers send it at their own discretion; no test card number produces it");
        };
    402 | "expired_card" | ExpiredCard | never | user_action_required | end_user | "The card has expired.";
    400 | "parameter_missing" | ParameterMissing | never | invalid_request | integrator
        | "One or more required values are missing.";
}

/// The test inputs, relative to this package.
const INPUTS: &str = "tests/coverage";

/// The five entries nobody covered: each is named once by a failing `verify`.
const UNCOVERED: [&str; 5] = [
    "tillpoint INVALID_REFERENCE (InvalidReference)",
    "tillpoint INVALID_SCHEDULE_DATE (InvalidScheduleDate)",
    "tillpoint WEBHOOK_URL_INVALID (WebhookUrlInvalid)",
    "tillpoint RECIPIENT_LOCKED (RecipientLocked)",
    "tillpoint QUOTE_EXPIRED (QuoteExpired)",
];

/// A crate's folders in a fresh temporary directory: `docs/` with the saved page, and
/// `recordings/`, empty.
struct Project {
    root: common::Scratch,
}

impl Project {
    fn new(test: &str) -> Self {
        let root = common::Scratch::new("coverage", test);
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::copy(
            Path::new(INPUTS).join("docs/tillpoint.html"),
            root.join("docs/tillpoint.html"),
        )
        .unwrap();
        Project { root }
    }

    fn layout(&self) -> Layout {
        Layout::new(self.root.join("recordings"), self.root.join("docs"))
    }

    /// Runs a command over one catalog, as its crate's `contracts` binary would.
    fn run(
        &self,
        catalog: &'static CatalogSpec,
        args: &[&str],
    ) -> (Result<(), CommandError>, String) {
        let catalogs = [catalog];
        let tool = Tool::new(&catalogs).layout(self.layout());
        let matches = tool
            .command()
            .try_get_matches_from(std::iter::once("contracts").chain(args.iter().copied()))
            .unwrap();
        let mut out = Vec::new();
        let result = tool.run_to(&matches, &mut out);
        (result, String::from_utf8(out).unwrap())
    }

    /// The catalog's snapshot saved, as its crate commits it: `verify` and the contract test
    /// compare the catalog with it. `Tillpoint` and `TillpointAt80` share an id, so each is
    /// accepted before it is verified.
    fn accept(&self, catalog: &'static CatalogSpec) {
        let (result, written) = self.run(catalog, &["catalog", "--write"]);
        assert_eq!(result, Ok(()), "{written}");
    }

    /// The sandbox session recorded, then the docs page's examples.
    fn recorded(test: &str) -> Self {
        let project = Project::new(test);
        let capture = Path::new(INPUTS).join("captures/dashboard.har");
        let (result, review) = project.run(
            Tillpoint::spec(),
            &[
                "record",
                "--provider",
                "tillpoint",
                &capture.display().to_string(),
            ],
        );
        result.unwrap();
        assert!(
            review.contains(": 10 new, 0 changed, 0 removed, 0 unchanged"),
            "{review}"
        );
        assert!(review.contains("left out 2 entry(ies)"), "{review}");
        let (result, review) = project.run(
            Tillpoint::spec(),
            &["record", "--provider", "tillpoint", "--from-docs"],
        );
        result.unwrap();
        assert!(review.contains("docs-examples.har (from "), "{review}");
        assert!(review.contains(": 20 new, 0 changed"), "{review}");
        project
    }

    fn file(&self, path: &str) -> Value {
        serde_json::from_slice(&std::fs::read(self.root.join(path)).unwrap()).unwrap()
    }
}

/// The summary table's row of a provider, its cells trimmed.
fn row<'a>(summary: &'a str, id: &str) -> Vec<&'a str> {
    let line = summary
        .lines()
        .find(|line| line.starts_with(&format!("| {id} ")))
        .unwrap_or_else(|| panic!("no row for {id}:\n{summary}"));
    line.trim_matches('|').split('|').map(str::trim).collect()
}

fn fail_lines(summary: &str) -> Vec<&str> {
    summary
        .lines()
        .filter_map(|line| line.strip_prefix("FAIL "))
        .collect()
}

#[test]
fn thirty_entries_count_10_recorded_10_from_docs_5_untested_5_uncovered() {
    let project = Project::recorded("counts");

    // The docs examples: one entry per sample on the page, each marked, each classified.
    let examples = project.file("recordings/tillpoint/docs-examples.har");
    let entries = examples["log"]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 20);
    let first = &entries[0];
    assert_eq!(
        first["_docs_example"],
        json!({"page": project.root.join("docs/tillpoint.html").display().to_string(), "line": 14, "code": "INVALID_AMOUNT"})
    );
    assert_eq!(first["response"]["status"], 400);
    assert_eq!(first["_expected"]["variant"], "InvalidAmount");
    let marked = entries
        .iter()
        .filter(|entry| entry["_docs_example"]["code"] == entry["_expected"]["code"])
        .count();
    assert_eq!(
        marked, 20,
        "every example classifies as the code it documents"
    );

    project.accept(Tillpoint::spec());
    let (result, summary) = project.run(Tillpoint::spec(), &["verify"]);
    assert_eq!(
        result,
        Err(CommandError::Failed("5 contract failure(s)".into())),
        "{summary}"
    );
    assert_eq!(
        row(&summary, "tillpoint"),
        [
            "tillpoint",
            "30",
            "10 + 20 docs examples",
            "10/10/5/5",
            "83%",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0"
        ],
        "{summary}"
    );
    let failures = fail_lines(&summary);
    assert_eq!(failures.len(), 5, "{summary}");
    for (line, name) in failures.iter().zip(UNCOVERED) {
        assert!(
            line.starts_with(&format!(
                "{name}: [coverage] no recorded response or docs example covers this entry"
            )),
            "{line}"
        );
        assert!(
            line.contains("`record --provider tillpoint --from-docs`"),
            "{line}"
        );
        assert!(
            line.ends_with("or declare `untested(\"why\")` on its row"),
            "{line}"
        );
    }
    let notes: Vec<&str> = summary
        .lines()
        .filter_map(|line| line.strip_prefix("note: "))
        .collect();
    assert_eq!(notes.len(), 5, "{summary}");
    assert!(
        notes.contains(&"tillpoint UPSTREAM_BANK_TIMEOUT (UpstreamBankTimeout): untested: the sandbox's simulated banks always answer"),
        "{summary}"
    );

    // With the threshold in the catalog, the same files pass, the uncovered ones still listed.
    project.accept(TillpointAt80::spec());
    let (result, summary) = project.run(TillpointAt80::spec(), &["verify"]);
    assert_eq!(result, Ok(()), "{summary}");
    assert_eq!(
        row(&summary, "tillpoint")[3..5],
        ["10/10/5/5", "83% (min 80%)"]
    );
    assert!(
        summary.ends_with("verify: all contracts hold\n"),
        "{summary}"
    );
    assert!(
        summary.contains("note: tillpoint QUOTE_EXPIRED (QuoteExpired): uncovered, within the threshold of at least 80%: 25 of 30 entries accounted for (83%)"),
        "{summary}"
    );
    assert!(fail_lines(&summary).is_empty());

    // The one-line test says the same, and `min_coverage` sets the threshold there.
    project.accept(Tillpoint::spec());
    let contract = || {
        contract_tests::Contract::<Tillpoint>::new()
            .layout(project.layout())
            .property_cases(8)
    };
    let strict = contract().run().unwrap();
    assert_eq!(strict.failures().len(), 5, "{strict}");
    let at_80 = contract().min_coverage(80).run().unwrap();
    assert!(at_80.passed(), "{at_80}");
    assert!(
        at_80.to_string().starts_with("tillpoint: the contract holds (30 entries, 30 recordings; 10 by recordings, 10 by docs examples, 5 untested, 5 uncovered)"),
        "{at_80}"
    );
    let at_84 = contract().min_coverage(84).run().unwrap();
    assert_eq!(
        at_84.failures()[0],
        "tillpoint: [coverage] 25 of 30 entries accounted for (83%), below the threshold of at least 84%; cover or explain the entries below"
    );
    assert_eq!(at_84.failures().len(), 6);
    let error = contract().min_coverage(180).run().unwrap_err();
    assert_eq!(
        error,
        "tillpoint: [input] min_coverage(180): a share of the catalog is at most 100%; pass 0 to 100"
    );

    // The examples read back unchanged, as CI checks them.
    let committed = project.root.join("recordings/tillpoint/docs-examples.har");
    let (result, review) = project.run(
        Tillpoint::spec(),
        &[
            "record",
            "--provider",
            "tillpoint",
            "--check",
            &committed.display().to_string(),
        ],
    );
    assert_eq!(result, Ok(()), "{review}");
    let (result, review) = project.run(
        Tillpoint::spec(),
        &[
            "record",
            "--provider",
            "tillpoint",
            "--from-docs",
            "--check",
        ],
    );
    assert_eq!(result, Ok(()), "{review}");
    assert!(
        review.contains(": 0 new, 0 changed, 0 removed, 20 unchanged"),
        "{review}"
    );
}

#[test]
fn an_untested_row_that_a_recording_covers_is_stale() {
    let project = Project::recorded("stale-untested");
    // A response from the live account: the review Tillpoint's compliance team started.
    let capture = Path::new(INPUTS).join("captures/live-review.har");
    let (result, _) = project.run(
        TillpointAt80::spec(),
        &[
            "record",
            "--provider",
            "tillpoint",
            &capture.display().to_string(),
        ],
    );
    result.unwrap();
    project.accept(TillpointAt80::spec());
    let (result, summary) = project.run(TillpointAt80::spec(), &["verify"]);
    assert_eq!(
        result,
        Err(CommandError::Failed("1 contract failure(s)".into())),
        "{summary}"
    );
    assert_eq!(row(&summary, "tillpoint")[3], "11/10/4/5", "{summary}");
    assert_eq!(
        fail_lines(&summary),
        [
            "tillpoint ACCOUNT_UNDER_REVIEW (AccountUnderReview): [stale untested] the row says `untested(\"Tillpoint's compliance team sets it on a live account; the sandbox has no review queue\")`, but the recording live-review.har#0 (POST https://api.tillpoint.test/v2/payouts) covers this entry; remove `untested(...)` from the row"
        ]
    );
}

#[test]
fn a_recording_of_a_renamed_variant_is_stale() {
    let project = Project::recorded("stale-recording");
    // The catalog renamed `PayoutCancelled` to `PayoutAlreadyCancelled` after this was
    // recorded: the committed file still says the old name.
    let path = project.root.join("recordings/tillpoint/dashboard.har");
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text.replace(
        "\"variant\": \"PayoutAlreadyCancelled\"",
        "\"variant\": \"PayoutCancelled\"",
    );
    assert_ne!(text, renamed);
    std::fs::write(&path, renamed).unwrap();
    project.accept(TillpointAt80::spec());
    let (result, summary) = project.run(TillpointAt80::spec(), &["verify"]);
    assert!(result.is_err(), "{summary}");
    assert_eq!(
        fail_lines(&summary),
        [format!(
            "tillpoint {} entry 8 (POST https://api.sandbox.tillpoint.test/v2/payouts/po_7rYt1Kn3Mb6Qw0Sx/cancel): [stale recording] its `_expected` names variant `PayoutCancelled`, which the catalog no longer has; record the response again (`record --provider tillpoint {}`) or remove the entry",
            path.display(),
            path.display()
        )]
        .as_slice(),
        "{summary}"
    );
    // The docs example of the same code still covers the entry.
    assert_eq!(row(&summary, "tillpoint")[3], "9/11/5/5", "{summary}");
    // The one-line test fails on it too.
    let report = contract_tests::Contract::<TillpointAt80>::new()
        .layout(project.layout())
        .property_cases(8)
        .run()
        .unwrap();
    assert!(!report.passed());
    assert!(
        report.failures()[0].contains("[stale recording]"),
        "{report}"
    );
}

/// Card declines as a browser's export would hold them, as a JSON list of responses.
fn card_captures(dir: &Path) -> PathBuf {
    let decline = |request: &str, decline: &str, message: &str| {
        json!({
            "status": 402,
            "headers": {"Content-Type": "application/json", "Request-Id": request},
            "method": "POST",
            "url": "https://api.cardline.test/v1/payment_intents/pi_3QJ8vL2eZvKYlo2C0x8d4mQk/confirm",
            "body": {"error": {
                "code": "card_declined",
                "decline_code": decline,
                "doc_url": "https://docs.cardline.test/api/errors#card_declined",
                "message": message,
                "param": "",
                "type": "card_error"
            }}
        })
    };
    let captures = json!([
        decline("req_Yx9kLm2Qw8Rt3Z", "insufficient_funds", "Your card has insufficient funds."),
        decline("req_Ab3dEf6GhJ9kLm", "lost_card", "Your card was declined."),
        decline("req_Pq7rSt0UvW3xYz", "generic_decline", "Your card was declined."),
        {
            "status": 402,
            "headers": {"Content-Type": "application/json", "Request-Id": "req_Mn4oPq7RsT0uVw"},
            "method": "POST",
            "url": "https://api.cardline.test/v1/payment_methods",
            "body": {"error": {"code": "expired_card", "doc_url": "https://docs.cardline.test/api/errors#expired_card", "message": "Your card has expired.", "param": "exp_month", "type": "card_error"}}
        },
        {
            "status": 400,
            "headers": {"Content-Type": "application/json", "Request-Id": "req_Cd5eFg8HiJ1kLm"},
            "method": "POST",
            "url": "https://api.cardline.test/v1/payment_intents",
            "body": {"error": {"code": "parameter_missing", "doc_url": "https://docs.cardline.test/api/errors#parameter_missing", "message": "Missing required param: amount.", "param": "amount", "type": "invalid_request_error"}}
        }
    ]);
    let path = dir.join("checkout-declines.json");
    std::fs::write(&path, serde_json::to_string_pretty(&captures).unwrap()).unwrap();
    path
}

#[test]
fn sub_codes_are_recorded_compared_and_covered() {
    let project = Project::new("sub-codes");
    let capture = card_captures(&project.root);
    let (result, review) = project.run(
        Cardline::spec(),
        &[
            "record",
            "--provider",
            "cardline",
            &capture.display().to_string(),
        ],
    );
    result.unwrap();
    let recorded = project.file("recordings/cardline/checkout-declines.har");
    let expected: Vec<&Value> = recorded["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| &entry["_expected"])
        .collect();
    assert_eq!(
        *expected[0],
        json!({"variant": "CardDeclined", "code": "card_declined", "sub_code": "insufficient_funds", "sub_variant": "InsufficientFunds", "retryable": false, "kind": "user_action_required", "actor": "end_user"}),
        "{review}"
    );
    // A decline code the catalog does not declare: sent, but no sub-variant.
    assert_eq!(expected[2]["sub_code"], "generic_decline");
    assert_eq!(expected[2]["sub_variant"], Value::Null);
    // An entry without sub-codes: the sub-code is part of the expectation, the name is not.
    assert_eq!(expected[3]["sub_code"], Value::Null);
    assert!(expected[3].get("sub_variant").is_none());

    // `stolen_card` has no response: coverage fails naming it; `do_not_honor` says why not.
    project.accept(Cardline::spec());
    let (result, summary) = project.run(Cardline::spec(), &["verify"]);
    assert!(result.is_err(), "{summary}");
    assert_eq!(
        row(&summary, "cardline")[..5],
        ["cardline", "3 + 4 sub-codes", "5", "5/0/1/1", "85%"],
        "{summary}"
    );
    assert_eq!(
        fail_lines(&summary),
        [
            "cardline card_declined (CardDeclined) sub-code stolen_card (StolenCard): [coverage] no recorded response or docs example covers this sub-code, and its row gives no `untested` reason; capture one and add it with `record --provider cardline FILE`, record the docs page's example with `record --provider cardline --from-docs`, or declare `untested(\"why\")` on its row"
        ],
        "{summary}"
    );
    assert!(
        summary.contains("note: cardline card_declined (CardDeclined) sub-code do_not_honor (DoNotHonor): untested: issuers send it at their own discretion; no test card number produces it"),
        "{summary}"
    );

    // The first response is replaced by another decline, its expectation left as it was.
    let path = project
        .root
        .join("recordings/cardline/checkout-declines.har");
    let mut har = project.file("recordings/cardline/checkout-declines.har");
    let text = &mut har["log"]["entries"][0]["response"]["content"]["text"];
    let swapped = text
        .as_str()
        .unwrap()
        .replace("insufficient_funds", "lost_card");
    *text = Value::from(swapped);
    std::fs::write(&path, serde_json::to_string_pretty(&har).unwrap()).unwrap();
    let recordings =
        contract_tests::recording::load_dir(&project.root.join("recordings/cardline")).unwrap();
    let report = contract_tests::conformance::check(Cardline::spec(), &recordings);
    let mismatches: Vec<String> = report.mismatches.iter().map(ToString::to_string).collect();
    assert_eq!(
        mismatches,
        [
            "cardline checkout-declines.har#0 (checkout-declines.json item 0): [recording] `sub_code` is Some(\"lost_card\"), the recording expects Some(\"insufficient_funds\"); fix the catalog row or the recording's `_expected`",
            "cardline checkout-declines.har#0 (checkout-declines.json item 0): [recording] `sub_variant` is Some(\"LostCard\"), the recording expects Some(\"InsufficientFunds\"); fix the catalog row or the recording's `_expected`",
        ]
    );
    assert!(!report.passed());
    // The sub-code it covered is now covered by nothing that classifies as recorded.
    let uncovered: Vec<String> = report.uncovered().map(|item| item.to_string()).collect();
    assert_eq!(
        uncovered,
        [
            "card_declined (CardDeclined) sub-code insufficient_funds (InsufficientFunds)",
            "card_declined (CardDeclined) sub-code stolen_card (StolenCard)"
        ]
    );
}

#[test]
fn from_docs_records_the_status_the_page_shows() {
    // The page shows a 402 where the catalog (and the API) say 422: the example is recorded
    // as the page shows it, and still classifies by its code.
    let project = Project::new("page-status");
    let page = project.root.join("docs/tillpoint.html");
    let text = std::fs::read_to_string(&page).unwrap();
    let section = text.find("id=\"insufficient_balance\"").unwrap();
    let (before, after) = text.split_at(section);
    let edited = format!(
        "{before}{}",
        after.replacen(
            "HTTP/1.1 422 Unprocessable Entity",
            "HTTP/1.1 402 Payment Required",
            1
        )
    );
    assert_ne!(text, edited);
    std::fs::write(&page, edited).unwrap();
    let (result, review) = project.run(
        Tillpoint::spec(),
        &["record", "--provider", "tillpoint", "--from-docs"],
    );
    result.unwrap();
    let examples = project.file("recordings/tillpoint/docs-examples.har");
    let changed: Vec<(&Value, &Value)> = examples["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["response"]["status"] == 402)
        .map(|entry| {
            (
                &entry["_docs_example"]["code"],
                &entry["_expected"]["variant"],
            )
        })
        .collect();
    assert_eq!(
        changed,
        [(
            &json!("INSUFFICIENT_BALANCE"),
            &json!("InsufficientBalance")
        )],
        "{review}"
    );
}

#[test]
fn from_docs_on_a_page_without_examples_says_what_it_reads() {
    let project = Project::new("no-examples");
    std::fs::remove_file(project.root.join("docs/tillpoint.html")).unwrap();
    std::fs::write(
        project.root.join("docs/tillpoint.md"),
        "# Payout API errors\n\n| Code | Message |\n|---|---|\n| `INVALID_AMOUNT` | The amount is not a positive whole number of the currency's minor unit. |\n",
    )
    .unwrap();
    let (result, _) = project.run(
        Tillpoint::spec(),
        &["record", "--provider", "tillpoint", "--from-docs"],
    );
    let Err(CommandError::Usage(message)) = result else {
        panic!("{result:?}");
    };
    assert!(
        message.ends_with("the docs pages show no example responses: `--from-docs` reads a section per error whose code block holds a status line (`HTTP/1.1 402`, `http code 402`, `Status: 402`) and a JSON body, or a table's `Sample` column; record captured responses instead"),
        "{message}"
    );
    std::fs::remove_file(project.root.join("docs/tillpoint.md")).unwrap();
    let (result, _) = project.run(
        Tillpoint::spec(),
        &["record", "--provider", "tillpoint", "--from-docs"],
    );
    assert!(
        matches!(&result, Err(CommandError::Usage(message)) if message.starts_with("record --from-docs: no docs page for `tillpoint`")),
        "{result:?}"
    );
}
