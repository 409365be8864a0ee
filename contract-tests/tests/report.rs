//! `verify --report DIR`: a held-out team's catalog, with a script tag in a message, a
//! secret left in a recording and an entry nobody covered, gets a site that shows the markup
//! as text, leaks no secret, lists the uncovered entry as a failure with what to do, and
//! counts coverage exactly as `verify`'s text output does. (`report_scale.rs`: 100 catalogs of
//! 100 recordings each.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

mod common;

use std::collections::BTreeMap;

use catalog_core::spec::CatalogSpec;
use catalog_docs::page::{DocsTable, html_tables, tables};
use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use serde_json::json;

catalog_core::provider_errors! {
    /// A team's catalog, outside the seed ones: a message holds a script tag, one entry is
    /// covered by nothing.
    pub provider HeldOut {
        id: "held-out",
        name: "Held-out <em>Pay</em>",
        docs: "https://docs.heldout.test/errors",
        wire: json { code: "/error/code", message: "/error/message", request_id: header "X-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad_input" | BadInput | never | invalid_request | integrator | "<script>alert(1)</script>";
    404 | "not_found" | NotFound | never | not_found | integrator | "No such thing.";
    409 | "conflict" | Conflict | never | conflict | integrator | "The thing changed meanwhile.";
    403 | "frozen" | Frozen | never | permission_denied | provider | "The account is frozen."
        untested("set by the risk team on live accounts only");
}

/// A key that a recording kept by mistake (`record --keep-secrets`, committed).
const SECRET: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

/// A crate's folders in a fresh temporary directory.
struct Project {
    root: common::Scratch,
}

impl Project {
    fn new(test: &str) -> Self {
        let root = common::Scratch::new("report", test);
        std::fs::create_dir_all(root.join("docs")).unwrap();
        Project { root }
    }

    fn layout(&self) -> Layout {
        Layout::new(self.root.join("recordings"), self.root.join("docs"))
    }

    /// Runs a command over `catalogs`, as a crate's `contracts` binary would.
    fn run(
        &self,
        catalogs: &[&'static CatalogSpec],
        args: &[&str],
    ) -> (Result<(), CommandError>, String) {
        let tool = Tool::new(catalogs).layout(self.layout());
        let matches = tool
            .command()
            .try_get_matches_from(std::iter::once("contracts").chain(args.iter().copied()))
            .unwrap();
        let mut out = Vec::new();
        let result = tool.run_to(&matches, &mut out);
        (result, String::from_utf8(out).unwrap())
    }

    fn write_har(&self, id: &str, entries: Vec<serde_json::Value>) {
        let dir = self.root.join("recordings").join(id);
        std::fs::create_dir_all(&dir).unwrap();
        let har = json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}});
        std::fs::write(dir.join("captured.har"), har.to_string()).unwrap();
    }
}

/// A HAR entry with its `_expected`.
fn har_entry(
    status: u16,
    body: &serde_json::Value,
    expected: serde_json::Value,
) -> serde_json::Value {
    json!({
        "request": {"method": "POST", "url": "https://api.heldout.test/v1/things"},
        "response": {
            "status": status,
            "headers": [{"name": "X-Request-Id", "value": "req-1"}],
            "content": {"mimeType": "application/json", "text": body.to_string()}
        },
        "_expected": expected
    })
}

/// The rows of the table that has `column`, each row's cells by header.
fn rows_of(tables: &[DocsTable], column: &str) -> Vec<BTreeMap<String, String>> {
    let table = tables
        .iter()
        .find(|table| table.column(column).is_some())
        .unwrap_or_else(|| panic!("no table with a `{column}` column"));
    table
        .rows
        .iter()
        .map(|row| {
            table
                .headers
                .iter()
                .cloned()
                .zip(row.cells.iter().map(|cell| cell.text.clone()))
                .collect()
        })
        .collect()
}

#[test]
fn a_held_out_catalog_gets_a_report_that_escapes_fails_the_uncovered_entry_and_counts_as_verify() {
    let project = Project::new("held-out");
    let spec = HeldOut::spec();
    project.write_har(
        "held-out",
        vec![
            har_entry(
                400,
                &json!({"error": {"code": "bad_input", "message": "<script>alert(1)</script>", "detail": SECRET}}),
                json!({"variant": "BadInput", "code": "bad_input", "kind": "invalid_request", "actor": "integrator"}),
            ),
            {
                let mut entry = har_entry(
                    404,
                    &json!({"error": {"code": "not_found", "message": "No such thing."}}),
                    json!({"variant": "NotFound", "code": "not_found"}),
                );
                entry["_docs_example"] = json!({"page": "docs/held-out.md", "line": 12, "code": "not_found"});
                entry
            },
        ],
    );
    let (result, written) = project.run(&[spec], &["catalog", "--write"]);
    assert_eq!(result, Ok(()), "{written}");

    let site = project.root.join("site");
    let site_arg = site.display().to_string();
    let (result, text) = project.run(&[spec], &["verify", "--report", &site_arg]);
    assert!(
        matches!(result, Err(CommandError::Failed(_))),
        "{result:?}\n{text}"
    );
    assert!(text.contains("report: "), "{text}");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    let page = std::fs::read_to_string(site.join("held-out.html")).unwrap();

    // Markup from outside is text: no element of it, in the raw files or once parsed.
    for html in [&index, &page] {
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<em>Pay"), "{html}");
        assert!(!html.contains(SECRET), "a secret leaked into the report");
    }
    let page_tables = html_tables(&page);
    let entries = rows_of(&page_tables, "remediation");
    let bad_input = entries
        .iter()
        .find(|row| row["code"] == "bad_input")
        .unwrap();
    assert_eq!(bad_input["message"], "<script>alert(1)</script>");
    assert_eq!(bad_input["recordings"], "captured.har#0");
    // Entries are anchored by name, so a link to one holds when rows are added or moved; the
    // recording that covers an entry links to it.
    assert!(page.contains(r#"<tr id="e-BadInput""#), "{page}");
    assert!(page.contains(r##"<a href="#e-BadInput">"##), "{page}");
    assert!(
        page.contains("[redacted]"),
        "the recorded body is not redacted"
    );

    // The coverage counts are the text output's, cell for cell.
    let printed = rows_of(&tables(&text), "provider");
    let printed = printed
        .iter()
        .find(|row| row["provider"] == "held-out")
        .unwrap();
    let shown = rows_of(&html_tables(&index), "recorded/docs/untested/uncovered");
    let shown = shown
        .iter()
        .find(|row| row["provider"].starts_with("held-out"))
        .unwrap();
    assert_eq!(printed["recorded/docs/untested/uncovered"], "1/1/1/1");
    for (html, text) in [
        ("entries", "entries"),
        ("recordings", "recordings"),
        (
            "recorded/docs/untested/uncovered",
            "recorded/docs/untested/uncovered",
        ),
        ("accounted for", "coverage"),
        ("exceptions", "exceptions"),
        ("rule failures", "rule failures"),
        ("mismatches", "mismatches"),
        ("stale", "stale"),
        ("dead pointers", "dead pointers"),
    ] {
        assert_eq!(shown[html], printed[text], "{html}");
    }
    assert_eq!(
        shown["coverage"],
        "1 recorded · 1 docs · 1 untested · 1 uncovered"
    );
    assert_eq!(shown["result"], "FAIL");

    // Every failure of the text output is on the index, cut into what is wrong and what to
    // do, the uncovered entry among them.
    let fail_lines: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("FAIL "))
        .collect();
    let failures = rows_of(&html_tables(&index), "what to do");
    assert_eq!(failures.len(), fail_lines.len(), "{text}");
    for failure in &failures {
        assert_eq!(failure["result"], "FAIL");
        let line = format!(
            "{} {}: [{}] {}; {}",
            failure["provider"],
            failure["about"],
            failure["check"],
            failure["what is wrong"],
            failure["what to do"]
        );
        assert!(
            fail_lines.contains(&line.as_str()),
            "{line}\nnot in\n{text}"
        );
    }
    let uncovered = failures
        .iter()
        .find(|failure| failure["about"] == "conflict (Conflict)")
        .expect("the uncovered entry is a failure");
    assert_eq!(uncovered["check"], "coverage");
    assert!(
        uncovered["what to do"].contains("declare `untested(\"why\")` on its row"),
        "{uncovered:?}"
    );
    assert!(
        failures.iter().any(|failure| failure["check"] == "secret"),
        "{failures:?}"
    );

    // The provider's page says how each entry is accounted for.
    let coverage = |code: &str| {
        entries
            .iter()
            .find(|row| row["code"] == code)
            .map(|row| row["coverage"].clone())
            .unwrap()
    };
    assert_eq!(coverage("bad_input"), "recorded");
    assert_eq!(coverage("not_found"), "docs example");
    assert_eq!(
        coverage("frozen"),
        "untested: set by the risk team on live accounts only"
    );
    assert!(
        coverage("conflict").starts_with("FAIL uncovered"),
        "{}",
        coverage("conflict")
    );
    assert_eq!(entries.len(), spec.entries.len());
}
