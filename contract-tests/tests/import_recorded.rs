//! `import` with recorded responses, as a new user tried it on a Stripe-shaped provider: an
//! error-codes page without statuses (`| Error code | Description |`), the API's errors page
//! with its tables of statuses and types, and eleven recorded responses (a JSON list of
//! `{"status", "headers", "body"}`). The recordings teach each code's status, the type field,
//! the request-id header, the `decline_code` sub-code and the codes the page lacks; the
//! second page is named as ignored, with the reason; `docs:` is never a local path.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use contract_tests::cli::Tool;
use contract_tests::layout::Layout;

const DIR: &str = "../catalog-docs/tests/pages/recorded/tern";

fn import(args: &[&str]) -> String {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool
        .command()
        .try_get_matches_from(["contracts", "import", "--id", "tern"].iter().chain(args))
        .unwrap();
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output).unwrap();
    let output = String::from_utf8(output).unwrap();
    let invocation = output
        .split_once("provider_errors! {")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
        .expect("one provider_errors! invocation");
    let errors = catalog_dsl::check_source(invocation);
    assert!(errors.is_empty(), "{errors:#?}\n{output}");
    for line in output.lines() {
        assert!(
            line.trim_start().starts_with("//") || !line.contains("allow("),
            "import wrote an exception: {line}"
        );
    }
    output
}

/// The row of `code`: its review lines and cells, up to the `;`.
fn row<'a>(output: &'a str, code: &str) -> &'a str {
    let at = output
        .find(&format!("| \"{code}\" |"))
        .unwrap_or_else(|| panic!("no row for {code}:\n{output}"));
    let start = output[..at].rfind(";\n").map_or(0, |end| end + 2);
    let end = at + output[at..].find(";\n").unwrap();
    &output[start..end]
}

#[test]
fn recordings_teach_statuses_types_headers_sub_codes_and_codes_the_page_lacks() {
    let page = format!("{DIR}/error-codes.md");
    let errors = format!("{DIR}/errors.md");
    let responses = format!("{DIR}/responses.json");
    let output = import(&["--docs", &page, &errors, "--sample", &responses]);

    // Every status the recordings show replaces the placeholder; none is left at it.
    for (code, status) in [
        ("card_declined", 402),
        ("expired_card", 402),
        ("api_key_expired", 401),
        ("amount_too_large", 400),
        ("rate_limit", 429),
        ("resource_missing", 404),
    ] {
        let row = row(&output, code);
        assert!(
            row.contains(&format!("\n        {status} | \"{code}\" |")),
            "{code} should be {status}:\n{row}"
        );
        assert!(row.contains("status from recorded responses"), "{row}");
    }
    // Only the code no response shows keeps a placeholder, and says so.
    assert_eq!(
        output
            .matches("no page, spec or recording gives a status")
            .count(),
        1,
        "{output}"
    );
    assert!(
        row(&output, "processing_error").contains("no page, spec or recording gives a status"),
        "{output}"
    );
    // The type field, the request-id header and the sub-code.
    assert!(
        output.contains(
            "wire: json { code: \"/error/code\", message: \"/error/message\", sub_code: \"/error/decline_code\", request_id: header \"Request-Id\", category: \"/error/type\", source_parameter: \"/error/param\", retryable: header \"Tern-Should-Retry\", retry_after: header \"Retry-After\", fields: { doc_url: \"/error/doc_url\", request_log_url: \"/error/request_log_url\" } },"
        ),
        "{output}"
    );
    assert!(output.contains("Card = \"card_error\""), "{output}");
    assert!(
        output.contains("wire: sub_code at \"/error/decline_code\": a second code (authentication_required, do_not_honor, insufficient_funds)"),
        "{output}"
    );
    // Codes the recordings hold and the page lacks become added rows, for review.
    for code in [
        "authentication_required",
        "payment_intent_unexpected_state",
        "parameter_unknown",
    ] {
        assert!(
            row(&output, code).contains(
                "added(\"first seen in ../catalog-docs/tests/pages/recorded/tern/responses.json\")"
            ),
            "{}",
            row(&output, code)
        );
    }
    // Errors sent without a code (`api_error`, `idempotency_error`) become rows without a code,
    // one per type and status, their retry from the `Tern-Should-Retry` header.
    for (row, review) in [
        (
            "    500 | _ | Api | ApiError | backoff(3) | internal | provider | \"An unknown error occurred.\"\n        added(\"sent without a code, first seen in ../catalog-docs/tests/pages/recorded/tern/responses.json\");",
            "retry from recorded responses (the server's retry flag says true)",
        ),
        (
            "    400 | _ | Idempotency | IdempotencyError | never | invalid_request | integrator |",
            "retry from recorded responses (the server's retry flag says false)",
        ),
    ] {
        let at = output
            .find(row)
            .unwrap_or_else(|| panic!("no row {row}:\n{output}"));
        let review_line = output[..at].lines().last().unwrap();
        assert!(review_line.contains(review), "{review_line}");
    }
    // The header's `true` on a 409 makes it retryable, where the status alone would not.
    assert!(
        row(&output, "lock_timeout").contains("| backoff(3) | conflict | nobody |"),
        "{}",
        row(&output, "lock_timeout")
    );
    // Each recorded response is accounted for: the success is left out, and none is left to
    // review.
    assert!(
        output.contains("wire: 1 of the recorded responses hold no code and are no errors (2xx or 3xx): left out"),
        "{output}"
    );
    assert!(!output.contains("hold no documented code"), "{output}");
    // Nothing of a success's body (its `client_secret`) reaches the catalog.
    assert!(!output.contains("_secret_"), "{output}");
    // The API's errors page holds no code column: named as ignored, with its tables.
    assert!(
        output.contains(&format!(
            "page {errors} ignored: none of its tables has a code column: Status | Meaning; Type | Description"
        )),
        "{output}"
    );
    // No page names its address: `docs` is left empty, never a path.
    assert!(output.contains("        docs: \"\",\n"), "{output}");
    assert!(!output.contains("docs: \"../"), "{output}");
    // "Use a lower amount and try again" is a correction, not an outage.
    assert!(
        row(&output, "amount_too_large").contains("| never | invalid_request | integrator |"),
        "{}",
        row(&output, "amount_too_large")
    );

    let based = import(&[
        "--docs",
        &page,
        "--sample",
        &responses,
        "--base-url",
        "https://docs.tern-payments.test/error-codes",
    ]);
    assert!(
        based.contains("        docs: \"https://docs.tern-payments.test/error-codes\",\n"),
        "{based}"
    );
}

#[test]
fn explain_says_what_decided_each_row_and_sums_them_up() {
    let page = format!("{DIR}/error-codes.md");
    let responses = format!("{DIR}/responses.json");
    let explained = import_explained(&["--docs", &page, "--sample", &responses, "--explain"]);
    assert!(
        explained.starts_with("import --explain: 14 rows of tern\n"),
        "{explained}"
    );
    assert!(
        explained.contains(
            "card_declined CardDeclined (docs line 10)\n  status 402                      recorded responses (2 response(s), first in ../catalog-docs/tests/pages/recorded/tern/responses.json)\n"
        ),
        "{explained}"
    );
    assert!(
        explained.contains("rate_limit RateLimit (docs line 14)\n  status 429                      recorded responses (1 response(s), first in ../catalog-docs/tests/pages/recorded/tern/responses.json)\n  retry  backoff(3)               the docs' words (a rate limit): \"Too many requests hit the API too quickly\"\n"),
        "{explained}"
    );
    // A row without a code says so in its title, and where its retry came from.
    assert!(
        explained.contains("_ ApiError (on no page)\n  status 500                      recorded responses (1 response(s) without a code, first in ../catalog-docs/tests/pages/recorded/tern/responses.json)\n  retry  backoff(3)               recorded responses (the server's retry flag says true)\n"),
        "{explained}"
    );
    let summary = explained.lines().last().unwrap();
    assert!(
        summary.starts_with("summary: 14 rows: ") && summary.contains(" by the docs' words, "),
        "{summary}"
    );
}

fn import_explained(args: &[&str]) -> String {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool
        .command()
        .try_get_matches_from(["contracts", "import", "--id", "tern"].iter().chain(args))
        .unwrap();
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output).unwrap();
    String::from_utf8(output).unwrap()
}
