//! The section-per-error layout: each error's heading, text and sample response, in HTML and
//! Markdown, read as rows of one table per page.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_docs::page::{self, DocsTable, SECTION_HEADERS};

fn page_text(name: &str) -> String {
    let path = format!("{}/tests/pages/sections/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn texts(table: &DocsTable, column: &str) -> Vec<String> {
    let i = table.column(column).unwrap();
    table
        .rows
        .iter()
        .map(|row| row.cells[i].text.clone())
        .collect()
}

#[test]
fn html_sections_become_rows_and_chrome_is_ignored() {
    let tables = page::html_tables(&page_text("item.html"));
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    assert_eq!(table.headers, SECTION_HEADERS);
    assert_eq!(table.section.as_deref(), Some("Item errors"));
    assert_eq!(
        texts(table, "Code"),
        ["ITEM_LOGIN_REQUIRED", "PRODUCT_NOT_READY", "ITEM_NOT_FOUND"],
        "headings in <nav>, <footer> and <script> are not sections"
    );
    assert_eq!(texts(table, "HTTP status"), ["400", "400", "400"]);
    assert_eq!(
        texts(table, "Error type"),
        ["ITEM_ERROR", "ITEM_ERROR", "ITEM_ERROR"]
    );
    assert_eq!(
        texts(table, "Message")[0],
        "The connection needs the account holder to sign in again."
    );
    let resolution = &texts(table, "Resolution")[0];
    assert!(
        resolution.contains("changed their password") && resolution.contains("update flow"),
        "{resolution}"
    );
    let sample: serde_json::Value = serde_json::from_str(&texts(table, "Sample")[1]).unwrap();
    assert_eq!(sample["error_code"], "PRODUCT_NOT_READY");
    assert_eq!(table.rows[0].line, 16, "a row's line is its heading's");
}

#[test]
fn markdown_sections_become_rows() {
    let tables = page::tables(&page_text("rate-limit-exceeded.md"));
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    assert_eq!(table.section.as_deref(), Some("Rate limit errors"));
    assert_eq!(texts(table, "Code"), ["ACCOUNTS_LIMIT"]);
    assert_eq!(texts(table, "HTTP status"), ["429"]);
    assert_eq!(texts(table, "Error type"), ["RATE_LIMIT_EXCEEDED"]);
    assert_eq!(
        texts(table, "Resolution"),
        ["Slow down and retry later, with a growing delay between attempts."]
    );
    assert_eq!(table.rows[0].line, 5);
}

#[test]
fn every_status_spelling_and_a_page_without_samples() {
    let statuses: Vec<String> = ["item.html", "asset-report.html"]
        .iter()
        .flat_map(|name| texts(&page::html_tables(&page_text(name))[0], "HTTP status"))
        .collect();
    assert_eq!(statuses, ["400", "400", "400", "400", "403"]);
    // Code-like headings without a sample response are prose, not the section layout.
    let prose = "# Guide\n\n## OAUTH_2\n\nSome text.\n\n```\nlet x = 1;\n```\n";
    assert!(page::tables(prose).is_empty());
}
