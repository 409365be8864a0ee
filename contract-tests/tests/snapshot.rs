//! A catalog's snapshot and its classified diff: a catalog v1 → v2 with one change of each
//! kind, as `diff`, `verify`, the contract test and `catalog --write` see it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

mod common;

use std::path::PathBuf;

use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use serde_json::Value;

/// Lumen Pay's catalog as it was committed.
mod v1 {
    catalog_core::provider_errors! {
        /// Lumen Pay, v1.
        pub provider Lumen {
            id: "lumen",
            docs: "https://lumen.test/docs/errors",
            key: (status, code),
            idempotency_key: header "Idempotency-Key",
            wire: json {
                code: "/error/code",
                message: "/error/message",
                retryable: "/error/retryable",
                request_id: header "X-Request-Id",
            },
            columns: status | code | variant | retry | kind | actor | message,
            coverage: { at_least: 0% },
        }
        400 | "amount_invalid" | AmountInvalid | never | invalid_request | integrator | "The amount is not valid."
            => "Send a positive amount.";
        400 | "card_invalid" | CardInvalid | never | invalid_request | integrator | "The card is not valid.";
        422 | "card_invalid" | CardUnprocessable | never | invalid_request | integrator | "The card cannot be processed.";
        400 | "currency_unsupported" | CurrencyUnsupported | never | unsupported | integrator | "The currency is not supported."
            docs("https://lumen.test/docs/currencies");
        401 | "token_invalid" | InvalidToken | never | unauthenticated | integrator | "The access token is not valid.";
        402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined.";
        403 | "account_frozen" | AccountFrozen | never | permission_denied | provider | "The account is frozen.";
        404 | "card_not_found" | CardNotFound | never | not_found | integrator | "No card with this id.";
        409 | "payment_pending" | PaymentPending | backoff(2) | conflict | nobody | "A payment with this key is in progress.";
        429 | "rate_limited" | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests.";
        500 | "internal" | Internal | backoff(3) | internal | provider | "Something went wrong.";
        502 or 503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Lumen is unavailable.";
    }
}

/// The same catalog after an edit with one change of each kind.
mod v2 {
    catalog_core::provider_errors! {
        /// Lumen Pay, v2.
        pub provider Lumen {
            id: "lumen",
            docs: "https://lumen.test/docs/errors",
            // breaking: the key mode.
            key: code,
            // behaviour: the idempotency header.
            idempotency_key: header "Lumen-Idempotency-Key",
            wire: json {
                // breaking: a wire pointer.
                code: "/error/error_code",
                message: "/error/message",
                // behaviour: the server's retry flag's source.
                retryable: "/error/recoverable",
                request_id: header "X-Request-Id",
            },
            columns: status | code | variant | retry | kind | actor | message,
            coverage: { at_least: 0% },
        }
        // compatible: the remediation.
        400 | "amount_invalid" | AmountInvalid | never | invalid_request | integrator | "The amount is not valid."
            => "Send a positive amount, in cents.";
        // compatible: a status added (422); breaking: `CardUnprocessable` removed, its
        // responses now `CardInvalid`.
        400 or 422 | "card_invalid" | CardInvalid | never | invalid_request | integrator | "The card is not valid.";
        // compatible: the docs link.
        400 | "currency_unsupported" | CurrencyUnsupported | never | unsupported | integrator | "The currency is not supported."
            docs("https://lumen.test/docs/payments/currencies");
        // compatible: a code added.
        400 | "iban_invalid" | IbanInvalid | never | invalid_request | integrator | "The IBAN is not valid.";
        // breaking: the variant renamed.
        401 | "token_invalid" | TokenInvalid | never | unauthenticated | integrator | "The access token is not valid.";
        // compatible: the message.
        402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined by the issuer.";
        // behaviour: the kind.
        403 | "account_frozen" | AccountFrozen | never | unauthenticated | provider | "The account is frozen.";
        // breaking: `card_not_found` removed.
        // behaviour: the actor.
        409 | "payment_pending" | PaymentPending | backoff(2) | conflict | integrator | "A payment with this key is in progress.";
        // behaviour, resends more: after_hint(3) → after_hint(5).
        429 | "rate_limited" | RateLimited | after_hint(5) | rate_limited | nobody | "Too many requests.";
        // behaviour, resends less: backoff(3) → backoff(1).
        500 | "internal" | Internal | backoff(1) | internal | provider | "Something went wrong.";
        // breaking: a status removed (502).
        503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Lumen is unavailable.";
    }
}

/// Every change of v1 → v2: change, class, subject.
const EXPECTED: [(&str, &str, &str); 17] = [
    ("key_mode_changed", "breaking", "(catalog)"),
    ("wire_pointer_changed", "breaking", "(catalog)"),
    ("variant_removed", "breaking", "(422, card_invalid)"),
    ("code_removed", "breaking", "(404, card_not_found)"),
    ("variant_renamed", "breaking", "token_invalid"),
    ("status_removed", "breaking", "unavailable"),
    ("retry_changed", "behaviour", "rate_limited"),
    ("idempotency_header_changed", "behaviour", "(catalog)"),
    ("retry_flag_source_changed", "behaviour", "(catalog)"),
    ("kind_changed", "behaviour", "account_frozen"),
    ("actor_changed", "behaviour", "payment_pending"),
    ("retry_changed", "behaviour", "internal"),
    ("remediation_changed", "compatible", "amount_invalid"),
    ("message_changed", "compatible", "card_declined"),
    ("status_added", "compatible", "card_invalid"),
    ("docs_link_changed", "compatible", "currency_unsupported"),
    ("code_added", "compatible", "iban_invalid"),
];

/// A project folder of its own, with the catalog at one version or the other.
struct Project {
    root: common::Scratch,
}

impl Project {
    fn new(test: &str) -> Self {
        let root = common::Scratch::new("snapshot", test);
        Project { root }
    }

    fn layout(&self) -> Layout {
        Layout::new(self.root.join("recordings"), self.root.join("docs"))
    }

    fn snapshot(&self) -> PathBuf {
        self.root.join("catalogs").join("lumen.json")
    }

    /// Runs a command over `spec`; its outcome and what it printed.
    fn run(
        &self,
        spec: &'static catalog_core::spec::CatalogSpec,
        args: &[&str],
    ) -> (Result<(), CommandError>, String) {
        let catalogs = [spec];
        let tool = Tool::new(&catalogs).layout(self.layout());
        let matches = match tool
            .command()
            .try_get_matches_from(std::iter::once("contracts").chain(args.iter().copied()))
        {
            Ok(matches) => matches,
            Err(error) => return (Err(CommandError::Usage(error.to_string())), String::new()),
        };
        let mut output = Vec::new();
        let result = tool.run_to(&matches, &mut output);
        (result, String::from_utf8(output).unwrap())
    }
}

fn v1() -> &'static catalog_core::spec::CatalogSpec {
    <v1::Lumen as catalog_core::Catalog>::spec()
}

fn v2() -> &'static catalog_core::spec::CatalogSpec {
    <v2::Lumen as catalog_core::Catalog>::spec()
}

fn exit(result: &Result<(), CommandError>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(CommandError::Failed(_)) => 1,
        Err(CommandError::Usage(_)) => 2,
    }
}

#[test]
fn diff_lists_each_change_of_v1_to_v2_with_its_class() {
    let project = Project::new("diff");
    let (result, written) = project.run(v1(), &["catalog", "--write"]);
    result.unwrap();
    assert!(
        written.contains("lumen.json: written, the first snapshot of `lumen` (12 entries)"),
        "{written}"
    );

    let (result, text) = project.run(v2(), &["diff", "--provider", "lumen"]);
    assert_eq!(exit(&result), 1, "{result:?}");
    assert!(
        text.contains("17 change(s): 6 breaking, 6 behaviour (1 resends more), 5 compatible"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), EXPECTED.len(), "{text}");
    for (line, (change, class, subject)) in lines.iter().zip(EXPECTED) {
        let cells: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .collect();
        assert!(cells[0].starts_with(class), "{line}");
        assert_eq!(cells[1], change, "{line}");
        assert_eq!(cells[2], subject, "{line}");
    }
    // Louder when resending increases than when it reduces.
    assert!(
        lines[6].contains("behaviour, RESENDS MORE  retry_changed")
            && lines[6].contains("after_hint(3)")
            && lines[6].contains("after_hint(5)"),
        "{text}"
    );
    assert!(
        lines[11].contains("behaviour, resends less  retry_changed"),
        "{text}"
    );
    assert!(
        lines[2].contains("`CardUnprocessable` is gone")
            && lines[2].contains("now classify as `CardInvalid`"),
        "{text}"
    );
    assert!(
        lines[4].contains("`InvalidToken` is now `TokenInvalid`"),
        "{text}"
    );

    let (result, json) = project.run(v2(), &["diff", "--provider", "lumen", "--format", "json"]);
    assert_eq!(exit(&result), 1);
    let json: Value = serde_json::from_str(&json).unwrap();
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), EXPECTED.len(), "{json:#}");
    for (change, (kind, class, subject)) in changes.iter().zip(EXPECTED) {
        for field in ["change", "code", "class", "detail"] {
            assert!(change.get(field).is_some(), "no `{field}` in {change}");
        }
        assert_eq!(change["change"], kind, "{change}");
        assert_eq!(change["class"], class, "{change}");
        assert!(!change["detail"].as_str().unwrap().is_empty(), "{change}");
        assert_eq!(change["provider"], "lumen");
        if subject == "(catalog)" {
            assert_eq!(change["code"], Value::Null, "{change}");
        } else {
            assert_eq!(change["key"], subject, "{change}");
        }
    }
    assert_eq!(changes[6]["code"], "rate_limited");
    assert_eq!(changes[6]["resending"], "more");
    assert_eq!(changes[11]["resending"], "less");
    assert_eq!(
        json["catalogs"][0]["counts"],
        serde_json::json!({"breaking": 6, "behaviour": 6, "resend_more": 1, "compatible": 5})
    );
}

#[test]
fn the_exit_code_follows_fail_on() {
    let project = Project::new("fail-on");
    project.run(v2(), &["catalog", "--write"]).0.unwrap();
    let committed = std::fs::read_to_string(project.snapshot()).unwrap();
    let against = |name: &str, text: &str| {
        let path = project.root.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    // Nothing changed: 0 whatever the level.
    for level in ["breaking", "behaviour", "any"] {
        let (result, text) =
            project.run(v2(), &["diff", "--provider", "lumen", "--fail-on", level]);
        assert_eq!(exit(&result), 0, "{level}: {text}");
        assert!(text.ends_with("no changes\n"), "{text}");
    }
    // A message changed since: compatible only.
    let compatible = against(
        "compatible.json",
        &committed.replace(
            "The card was declined by the issuer.",
            "The card was declined.",
        ),
    );
    // And a retry policy too: behaviour.
    let behaviour = against(
        "behaviour.json",
        &committed
            .replace(
                "The card was declined by the issuer.",
                "The card was declined.",
            )
            .replace(
                "{ \"policy\": \"after_hint\", \"retries\": 5 }",
                "{ \"policy\": \"after_hint\", \"retries\": 3 }",
            ),
    );
    // And a variant renamed: breaking.
    let breaking = against(
        "breaking.json",
        &committed
            .replace(
                "The card was declined by the issuer.",
                "The card was declined.",
            )
            .replace(
                "{ \"policy\": \"after_hint\", \"retries\": 5 }",
                "{ \"policy\": \"after_hint\", \"retries\": 3 }",
            )
            .replace("\"TokenInvalid\"", "\"InvalidToken\""),
    );
    let expected = [
        (&compatible, [0, 0, 1]),
        (&behaviour, [0, 1, 1]),
        (&breaking, [1, 1, 1]),
    ];
    for (file, codes) in expected {
        for (level, code) in ["breaking", "behaviour", "any"].into_iter().zip(codes) {
            let (result, text) = project.run(
                v2(),
                &[
                    "diff",
                    "--provider",
                    "lumen",
                    "--against",
                    file,
                    "--fail-on",
                    level,
                ],
            );
            assert_eq!(exit(&result), code, "{file} --fail-on {level}: {text}");
        }
    }
    // The default is breaking.
    assert_eq!(
        exit(
            &project
                .run(
                    v2(),
                    &["diff", "--provider", "lumen", "--against", &behaviour]
                )
                .0
        ),
        0
    );
    assert_eq!(
        exit(
            &project
                .run(
                    v2(),
                    &["diff", "--provider", "lumen", "--against", &breaking]
                )
                .0
        ),
        1
    );
}

#[test]
fn a_missing_or_invalid_snapshot_is_bad_input_that_says_what_and_where() {
    let project = Project::new("invalid");
    let (result, _) = project.run(v2(), &["diff", "--provider", "lumen"]);
    let Err(CommandError::Usage(message)) = result else {
        panic!("{result:?}")
    };
    assert!(
        message.contains("no snapshot of `lumen` at")
            && message.contains("run `catalog --write --provider lumen`"),
        "{message}"
    );

    project.run(v2(), &["catalog", "--write"]).0.unwrap();
    let committed = std::fs::read_to_string(project.snapshot()).unwrap();
    std::fs::write(
        project.snapshot(),
        committed.replace(
            "\"kind\": \"unauthenticated\"",
            "\"kind\": \"unauthenticatd\"",
        ),
    )
    .unwrap();
    for args in [&["diff", "--provider", "lumen"][..], &["verify"][..]] {
        let (result, _) = project.run(v2(), args);
        let Err(CommandError::Usage(message)) = result else {
            panic!("{args:?}: {result:?}")
        };
        assert!(
            message.contains(
                "lumen.json: not a valid catalog snapshot: unknown variant `unauthenticatd`"
            ) && message.contains(" at line "),
            "{message}"
        );
    }
    let (result, _) = project.run(
        v2(),
        &[
            "diff",
            "--provider",
            "lumen",
            "--against",
            "/nonexistent/base.json",
        ],
    );
    assert_eq!(exit(&result), 2);
}

#[test]
fn verify_and_the_contract_test_fail_on_v2_until_catalog_write() {
    let project = Project::new("verify");
    // No snapshot yet: a failure that says what to run.
    let (result, summary) = project.run(v1(), &["verify"]);
    assert_eq!(exit(&result), 1, "{summary}");
    assert!(
        summary.contains("FAIL lumen: [snapshot] no snapshot of the catalog at")
            && summary.contains("run `catalog --write` to save its contract there"),
        "{summary}"
    );
    project.run(v1(), &["catalog", "--write"]).0.unwrap();
    let (result, summary) = project.run(v1(), &["verify"]);
    assert_eq!(exit(&result), 0, "{summary}");

    // v2 fails, with the classified changes and what to run.
    let (result, summary) = project.run(v2(), &["verify"]);
    assert_eq!(exit(&result), 1, "{summary}");
    let snapshot_lines: Vec<&str> = summary
        .lines()
        .filter(|line| line.contains("[snapshot]"))
        .collect();
    assert_eq!(snapshot_lines.len(), EXPECTED.len() + 1, "{summary}");
    assert!(
        snapshot_lines[0]
            .starts_with("FAIL lumen (catalog): [snapshot] breaking key_mode_changed:"),
        "{summary}"
    );
    assert!(
        summary.contains("FAIL lumen token_invalid: [snapshot] breaking variant_renamed: `InvalidToken` is now `TokenInvalid`"),
        "{summary}"
    );
    assert!(
        summary
            .contains("FAIL lumen rate_limited: [snapshot] behaviour, RESENDS MORE retry_changed:"),
        "{summary}"
    );
    let last = snapshot_lines[EXPECTED.len()];
    assert!(
        last.contains("the catalog differs from")
            && last.contains("(6 breaking, 6 behaviour (1 resends more), 5 compatible)")
            && last.contains("run `catalog --write` to accept them"),
        "{last}"
    );
    let report = contract_tests::Contract::<v2::Lumen>::new()
        .layout(project.layout())
        .property_cases(16)
        .run()
        .unwrap();
    assert!(!report.passed());
    let failures = report.failures();
    assert_eq!(failures.len(), EXPECTED.len() + 1, "{report}");
    assert!(
        failures.iter().all(|line| line.contains("[snapshot]")),
        "{report}"
    );

    // Accepted: written with the changes it accepts, then both pass.
    let (result, written) = project.run(v2(), &["catalog", "--write"]);
    result.unwrap();
    assert!(
        written.contains("lumen.json: written, accepting the changes below")
            && written.contains("17 change(s): 6 breaking"),
        "{written}"
    );
    let (result, summary) = project.run(v2(), &["verify"]);
    assert_eq!(exit(&result), 0, "{summary}");
    assert!(
        summary.ends_with("verify: all contracts hold\n"),
        "{summary}"
    );
    contract_tests::Contract::<v2::Lumen>::new()
        .layout(project.layout())
        .property_cases(16)
        .assert();
    // Written again, nothing changes, not a byte.
    let before = std::fs::read_to_string(project.snapshot()).unwrap();
    let (_, written) = project.run(v2(), &["catalog", "--write"]);
    assert!(written.ends_with("lumen.json: unchanged\n"), "{written}");
    assert_eq!(std::fs::read_to_string(project.snapshot()).unwrap(), before);
}

#[test]
fn the_seed_catalogs_match_their_committed_snapshots() {
    let layout = Layout::new(fixtures::root().join("har"), fixtures::root().join("docs"));
    for spec in providers::all() {
        let check = contract_tests::snapshot::check(spec, &layout).unwrap();
        assert!(check.holds(), "{}", check.failures(spec.id).join("\n"));
    }
}
