//! A team's own catalog, declared here as it would be in a crate outside the workspace, gets
//! the commands, the recording workflow and the one-call contract check.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::path::{Path, PathBuf};

use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use serde_json::{Value, json};

catalog_core::provider_errors! {
    /// A payments API this workspace does not ship.
    pub provider Acme {
        id: "acme",
        docs: "https://acme.test/docs/errors",
        wire: json { code: "/error_code", message: "/error_message", request_id: header "X-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { status: "HTTP", code: "Code", message: "Message" } },
    }
    400 | "invalid_amount" | InvalidAmount | never | invalid_request | integrator | "The amount is not valid.";
    401 | "invalid_token" | InvalidToken | never | unauthenticated | integrator | "The access token is not valid.";
    404 | "card_not_found" | CardNotFound | never | not_found | integrator | "No card with this id.";
    429 | "rate_limited" | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests.";
    503 | "maintenance" | Maintenance | backoff(3) | provider_unavailable | nobody | "Down for maintenance.";
}

catalog_core::provider_errors! {
    /// The same API as an import guesses it: the code under `/code`.
    pub provider AcmeGuessed {
        id: "acme-guessed",
        docs: "https://acme.test/docs/errors",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    401 | "invalid_token" | InvalidToken | never | unauthenticated | integrator | "The access token is not valid.";
}

const DOCS: &str = "# Errors\n\n\
| HTTP | Code | Message |\n\
|---|---|---|\n\
| 400 | `invalid_amount` | The amount is not valid. |\n\
| 401 | `invalid_token` | The access token is not valid. |\n\
| 404 | `card_not_found` | No card with this id. |\n\
| 429 | `rate_limited` | Too many requests. |\n\
| 503 | `maintenance` | Down for maintenance. |\n";

/// A fresh folder for one test, so tests run in parallel and in any partition.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("contract-tests-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A HAR export as a browser writes it: credentials in headers, cookies and the URL.
fn browser_har(responses: &[(u16, &str)]) -> Value {
    let entries: Vec<Value> = responses
        .iter()
        .enumerate()
        .map(|(i, (status, body))| {
            json!({
                "startedDateTime": "2026-11-02T10:00:00.000Z",
                "time": 120,
                "request": {
                    "method": "GET",
                    "url": format!("https://api.acme.test/v1/cards/{i}?access_token=tok-{i}&expand=owner"),
                    "httpVersion": "HTTP/2",
                    "headers": [
                        {"name": ":path", "value": format!("/v1/cards/{i}?access_token=tok-{i}&expand=owner")},
                        {"name": "authorization", "value": "Bearer eyJhbGciOi.secret"},
                        {"name": "accept", "value": "application/json"}
                    ],
                    "queryString": [
                        {"name": "access_token", "value": format!("tok-{i}")},
                        {"name": "expand", "value": "owner"}
                    ],
                    "cookies": [{"name": "sid", "value": "s-123", "httpOnly": true}],
                    "headersSize": -1,
                    "bodySize": 0
                },
                "response": {
                    "status": status,
                    "statusText": "",
                    "httpVersion": "HTTP/2",
                    "headers": [
                        {"name": ":status", "value": status.to_string()},
                        {"name": "content-type", "value": "application/json"},
                        {"name": "x-request-id", "value": format!("req-{i}")}
                    ],
                    "cookies": [],
                    "content": {"size": body.len(), "mimeType": "application/json", "text": body},
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": -1,
                    "_transferSize": 512
                },
                "cache": {},
                "timings": {"blocked": 1, "dns": -1, "send": 0, "wait": 100, "receive": 2},
                "_resourceType": "fetch"
            })
        })
        .collect();
    json!({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [], "entries": entries}})
}

fn write_json(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

struct Project {
    root: PathBuf,
    catalogs: Vec<&'static catalog_core::CatalogSpec>,
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

impl Project {
    fn new(test: &str) -> Self {
        let root = scratch(test);
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs").join("acme.md"), DOCS).unwrap();
        let project = Project {
            root,
            catalogs: vec![Acme::spec(), AcmeGuessed::spec()],
        };
        // The catalogs' snapshots, committed as `catalog --write` saves them: `verify` and
        // the contract test fail without one.
        project.run(&["catalog", "--write"]).unwrap();
        project
    }

    fn layout(&self) -> Layout {
        Layout::new(self.root.join("recordings"), self.root.join("docs"))
    }

    fn run(&self, args: &[&str]) -> Result<(), CommandError> {
        self.run_with_output(args).0
    }

    /// The outcome and what the command printed.
    fn run_with_output(&self, args: &[&str]) -> (Result<(), CommandError>, String) {
        let tool = Tool::new(&self.catalogs).layout(self.layout());
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

const ALL_FIVE: [(u16, &str); 6] = [
    (
        400,
        r#"{"error_code":"invalid_amount","error_message":"Amount must be positive."}"#,
    ),
    (
        401,
        r#"{"error_code":"invalid_token","error_message":"Token expired."}"#,
    ),
    (
        404,
        r#"{"error_code":"card_not_found","error_message":"No card 3."}"#,
    ),
    (
        429,
        r#"{"error_code":"rate_limited","error_message":"Slow down."}"#,
    ),
    (
        503,
        r#"{"error_code":"maintenance","error_message":"Back at 10:00."}"#,
    ),
    (200, r#"{"cards":[]}"#),
];

#[test]
fn record_writes_redacted_recordings_that_verify_and_check_passes_on_them() {
    let project = Project::new("record");
    let capture = project.root.join("session.har");
    write_json(&capture, &browser_har(&ALL_FIVE));
    let capture = capture.display().to_string();

    let (result, review) = project.run_with_output(&["record", "--provider", "acme", &capture]);
    result.unwrap();
    assert!(
        review.contains("5 new, 0 changed, 0 removed, 0 unchanged"),
        "{review}"
    );
    assert!(
        review.contains("redacted 25 secret(s), each replaced by [redacted]:"),
        "{review}"
    );
    assert!(
        review.contains(
            "5 × entries 0, 1, 2 and 2 more: a value named `access_token` in the request URL"
        ),
        "{review}"
    );
    assert!(
        review.contains(
            "not an error response (status 200; the catalog does not declare `errors_in_2xx`)"
        ),
        "{review}"
    );
    let written =
        std::fs::read_to_string(project.root.join("recordings/acme/session.har")).unwrap();
    for secret in ["tok-", "eyJhbGciOi", "s-123"] {
        assert!(!written.contains(secret), "{secret} left in:\n{written}");
    }
    let har: Value = serde_json::from_str(&written).unwrap();
    let entries = har["log"]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 5, "the 200 is not an error and is left out");
    assert_eq!(
        entries[1]["_expected"],
        json!({"variant": "InvalidToken", "code": "invalid_token", "retryable": false, "kind": "unauthenticated", "actor": "integrator"})
    );
    assert_eq!(
        entries[1]["request"]["url"],
        "https://api.acme.test/v1/cards/1?access_token=[redacted]&expand=owner"
    );
    // The rest of the export is kept as it was, in its order.
    assert_eq!(entries[1]["_resourceType"], "fetch");
    assert_eq!(entries[1]["response"]["_transferSize"], 512);
    let keys: Vec<&str> = entries[1]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "startedDateTime",
            "time",
            "request",
            "response",
            "cache",
            "timings",
            "_resourceType",
            "_expected"
        ]
    );

    // The recordings load, classify as recorded and cover every entry.
    let (result, summary) = project.run_with_output(&["verify", "--provider", "acme"]);
    result.unwrap();
    assert!(
        summary.contains(
            "| acme     | 5       | 5          | 5/0/0/0                          | 100%     |"
        ),
        "{summary}"
    );
    assert!(
        summary.ends_with("verify: all contracts hold\n"),
        "{summary}"
    );
    contract_tests::Contract::<Acme>::new()
        .layout(project.layout())
        .property_cases(32)
        .assert();
    // Unchanged capture: --check passes and writes nothing.
    project
        .run(&["record", "--provider", "acme", "--check", &capture])
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(project.root.join("recordings/acme/session.har")).unwrap(),
        written
    );
}

#[test]
fn record_check_fails_on_a_changed_expectation_and_keeps_keys_added_by_hand() {
    let project = Project::new("record-check");
    let capture = project.root.join("session.har");
    write_json(&capture, &browser_har(&ALL_FIVE[..2]));
    let capture = capture.display().to_string();
    project
        .run(&["record", "--provider", "acme", &capture])
        .unwrap();
    let path = project.root.join("recordings/acme/session.har");
    let mut har: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    har["log"]["entries"][0]["_expected"]["variant"] = json!("InvalidToken");
    har["log"]["entries"][1]["_expected"]["message"] = json!("Token expired.");
    write_json(&path, &har);
    let edited = std::fs::read_to_string(&path).unwrap();

    let error = project
        .run(&["record", "--provider", "acme", "--check", &capture])
        .unwrap_err();
    assert!(
        matches!(&error, CommandError::Failed(message) if message.contains("1 recording file(s) would change")),
        "{error:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "--check writes nothing"
    );

    let plan = contract_tests::record::plan(
        Acme::spec(),
        Path::new(&capture),
        &project.root.join("recordings/acme"),
    )
    .unwrap();
    let review = plan.review();
    assert!(
        review.contains("0 new, 1 changed, 0 removed, 1 unchanged"),
        "{review}"
    );
    assert!(
        review.contains("-   \"variant\": \"InvalidToken\","),
        "{review}"
    );
    assert!(
        review.contains("+   \"variant\": \"InvalidAmount\","),
        "{review}"
    );
    assert!(
        review.contains(
            "2 × entries 0, 1: a value named `authorization` in the request header `authorization`"
        ),
        "{review}"
    );

    project
        .run(&["record", "--provider", "acme", &capture])
        .unwrap();
    let har: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        har["log"]["entries"][0]["_expected"]["variant"],
        "InvalidAmount"
    );
    assert_eq!(
        har["log"]["entries"][1]["_expected"]["message"], "Token expired.",
        "a key added by hand stays"
    );
}

#[test]
fn record_reads_a_list_of_responses_and_says_what_is_wrong_in_bad_input() {
    let project = Project::new("record-list");
    let list = project.root.join("responses.json");
    write_json(
        &list,
        &json!([
            {"status": 429, "headers": {"Retry-After": "30", "Set-Cookie": "sid=1"}, "body": {"error_code": "rate_limited"}},
            {"status": 503, "body": "<html>maintenance</html>", "comment": "the proxy's page"}
        ]),
    );
    project
        .run(&["record", "--provider", "acme", &list.display().to_string()])
        .unwrap();
    let har: Value = serde_json::from_str(
        &std::fs::read_to_string(project.root.join("recordings/acme/responses.har")).unwrap(),
    )
    .unwrap();
    let entries = har["log"]["entries"].as_array().unwrap();
    assert_eq!(entries[0]["_expected"]["variant"], "RateLimited");
    assert_eq!(entries[0]["response"]["headers"][1]["value"], "[redacted]");
    assert_eq!(
        entries[1]["_expected"],
        json!({"known": false, "code": null, "retryable": true, "kind": "provider_unavailable", "actor": "nobody"})
    );
    assert_eq!(entries[1]["comment"], "the proxy's page");

    let bad = project.root.join("bad.json");
    for (content, wanted) in [
        ("{\"log\": {\"entries\": [", "bad.json: line 1"),
        (
            "[{\"status\": 700, \"body\": \"\"}]",
            "bad.json: entry 0, response.status: 700 is not an HTTP status",
        ),
        (
            "[{\"status\": 400, \"bdy\": \"\"}]",
            "bad.json: item 0, bdy: unknown key `bdy`",
        ),
        ("{\"entries\": []}", "bad.json: log: no `log` object"),
        (
            "[{\"status\": 200, \"body\": \"ok\"}]",
            "no error responses to record",
        ),
    ] {
        std::fs::write(&bad, content).unwrap();
        let error = project
            .run(&["record", "--provider", "acme", &bad.display().to_string()])
            .unwrap_err();
        assert!(
            matches!(&error, CommandError::Usage(message) if message.contains(wanted)),
            "{content}: {error:?}"
        );
    }
    let error = project
        .run(&["record", "--provider", "acm", &list.display().to_string()])
        .unwrap_err();
    assert_eq!(
        error,
        CommandError::Usage(
            "unknown provider `acm`; did you mean `acme`? The providers are acme, acme-guessed"
                .into()
        )
    );
}

#[test]
fn verify_names_each_uncovered_code_and_a_dead_pointer() {
    let project = Project::new("verify");
    let capture = project.root.join("some.har");
    write_json(&capture, &browser_har(&ALL_FIVE[..2]));
    let capture = capture.display().to_string();
    project
        .run(&["record", "--provider", "acme", &capture])
        .unwrap();
    project
        .run(&["record", "--provider", "acme-guessed", &capture])
        .unwrap();

    let report = contract_tests::verify_catalog(Acme::spec(), &project.layout()).unwrap();
    let failures = report.failures();
    assert_eq!(
        failures,
        [
            "acme card_not_found (CardNotFound): [coverage] no recorded response or docs example covers this entry, and its row gives no `untested` reason; capture one and add it with `record --provider acme FILE`, record the docs page's example with `record --provider acme --from-docs`, or declare `untested(\"why\")` on its row",
            "acme rate_limited (RateLimited): [coverage] no recorded response or docs example covers this entry, and its row gives no `untested` reason; capture one and add it with `record --provider acme FILE`, record the docs page's example with `record --provider acme --from-docs`, or declare `untested(\"why\")` on its row",
            "acme maintenance (Maintenance): [coverage] no recorded response or docs example covers this entry, and its row gives no `untested` reason; capture one and add it with `record --provider acme FILE`, record the docs page's example with `record --provider acme --from-docs`, or declare `untested(\"why\")` on its row",
        ]
    );
    assert!(matches!(
        project.run(&["verify"]),
        Err(CommandError::Failed(message)) if message.contains("contract failure(s)")
    ));

    let plan = contract_tests::record::plan(
        AcmeGuessed::spec(),
        Path::new(&capture),
        &project.root.join("recordings/acme-guessed"),
    )
    .unwrap();
    assert!(
        plan.review()
            .contains("  warning: acme-guessed code: [dead pointer] `code: /code` matched none of 2 recording(s)"),
        "{}",
        plan.review()
    );
    let guessed = contract_tests::verify_catalog(AcmeGuessed::spec(), &project.layout()).unwrap();
    let dead: Vec<String> = guessed
        .dead_pointers
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        dead,
        [
            "acme-guessed code: [dead pointer] `code: /code` matched none of 2 recording(s); they have `error_code`, `error_message`; point the wire field at `code: \"/error_code\"`, or record a response that has it",
            "acme-guessed message: [dead pointer] `message: /message` matched none of 2 recording(s); they have `error_code`, `error_message`; point the wire field at `message: \"/error_message\"`, or record a response that has it",
        ]
    );
    assert!(
        guessed
            .failures()
            .iter()
            .any(|line| line.starts_with("acme-guessed code: [dead pointer]"))
    );
}

#[test]
fn drift_agrees_with_its_page_and_lists_exactly_the_edited_rows() {
    let project = Project::new("drift");
    project.run(&["drift", "--provider", "acme"]).unwrap();
    let edited = DOCS
        .replace("No card with this id.", "No card has this id.")
        .replace("| 503 | `maintenance` | Down for maintenance. |\n", "");
    let page = project.root.join("edited.md");
    std::fs::write(&page, &edited).unwrap();
    let pages = contract_tests::docs::DocsPages::read(&contract_tests::layout::DocsLocation::Page(
        page.clone(),
    ))
    .unwrap();
    let found = pages.drift(Acme::spec()).unwrap();
    let lines: Vec<(String, Option<usize>)> = found
        .iter()
        .map(|drift| {
            (
                format!("{:?} {}", drift.drift.change, drift.drift.code),
                drift.drift.line,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Removed maintenance".to_owned(), None),
            ("Changed card_not_found".to_owned(), Some(7)),
        ]
    );
    assert!(matches!(
        project.run(&[
            "drift",
            "--provider",
            "acme",
            "--docs",
            &page.display().to_string()
        ]),
        Err(CommandError::Failed(_))
    ));
    // The same page as HTML, and a folder of two pages, compare the same way.
    let html = "<h1>Errors</h1>\n<table>\n<tr><th>HTTP</th><th>Code</th><th>Message</th></tr>\n\
        <tr><td>400</td><td>invalid_amount</td><td>The amount is not valid.</td></tr>\n\
        <tr><td>401</td><td>invalid_token</td><td>The access token is not valid.</td></tr>\n</table>\n";
    let folder = project.root.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("1-auth.html"), html).unwrap();
    std::fs::write(
        folder.join("2-cards.md"),
        "# Cards\n\n| HTTP | Code | Message |\n|---|---|---|\n| 404 | card_not_found | No card with this id. |\n| 429 | rate_limited | Too many requests. |\n| 503 | maintenance | Down. |\n",
    )
    .unwrap();
    let pages = contract_tests::docs::DocsPages::read(
        &contract_tests::layout::DocsLocation::Folder(folder.clone()),
    )
    .unwrap();
    let found = pages.drift(Acme::spec()).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].page.as_deref(),
        Some(folder.join("2-cards.md").display().to_string().as_str())
    );
    assert_eq!(found[0].drift.line, Some(7));
    assert_eq!(found[0].drift.code, "maintenance");
}

#[test]
fn the_contract_check_panics_with_one_line_per_failure() {
    let project = Project::new("check");
    let result = std::panic::catch_unwind(|| {
        contract_tests::Contract::<Acme>::new()
            .layout(project.layout())
            .property_cases(8)
            .assert();
    });
    let panic = result.unwrap_err();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines[0], "acme: 5 contract failure(s)", "{message}");
    assert!(
        lines[1].starts_with("acme invalid_amount (InvalidAmount): [coverage]"),
        "{message}"
    );
    assert_eq!(lines.len(), 6, "{message}");
}
