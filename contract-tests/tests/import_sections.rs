//! `import` on a folder of HTML and Markdown pages in the section-per-error layout, with a code
//! shared across error types: the written catalog is committed as a snapshot that this test
//! regenerates and compares, and compiled here unchanged (`include!`), so every sample body
//! on the pages is classified by the very text `import` writes.
//!
//! After a deliberate change to `import`, refresh the snapshot with
//! `UPDATE_SNAPSHOTS=1 cargo test -p contract-tests --test import_sections` and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::Catalog;
use catalog_core::http::{HeaderMap, StatusCode};
use catalog_docs::page::{self, DocsTable};
use contract_tests::cli::Tool;
use contract_tests::docs::DocsPages;
use contract_tests::layout::DocsLocation;
use contract_tests::layout::Layout;

include!("imported/example_bank.rs");

/// The pages, relative to this package, as the snapshot names them.
const PAGES: &str = "../catalog-docs/tests/pages/sections";
const SNAPSHOT: &str = "tests/imported/example_bank.rs";

fn import_pages() -> String {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool
        .command()
        .try_get_matches_from([
            "contracts",
            "import",
            "--id",
            "example-bank",
            "--docs",
            PAGES,
        ])
        .unwrap();
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output).unwrap();
    let output = String::from_utf8(output).unwrap();
    assert_no_allow(&output);
    output
}

/// Import never writes an exception to a rule: `allow(...)` appears in review comments only.
fn assert_no_allow(output: &str) {
    for line in output.lines() {
        assert!(
            line.trim_start().starts_with("//") || !line.contains("allow("),
            "import wrote an exception: {line}"
        );
    }
}

#[test]
fn the_snapshot_is_what_import_writes_and_the_dsl_accepts_it() {
    let written = import_pages();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(SNAPSHOT, &written).unwrap();
    }
    let snapshot = std::fs::read_to_string(SNAPSHOT).unwrap();
    assert!(
        written == snapshot,
        "import writes something else than {SNAPSHOT}; refresh it with UPDATE_SNAPSHOTS=1 and review the diff:\n{written}"
    );
    // The DSL checker reads what the macro receives: the invocation's braces' contents.
    let invocation = written
        .split_once("provider_errors! {")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
        .expect("import writes one provider_errors! invocation");
    let errors = catalog_dsl::check_source(invocation);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Every page's section table, read as `drift` and `import` read it.
fn section_tables() -> Vec<DocsTable> {
    let mut names: Vec<_> = std::fs::read_dir(PAGES)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            if path.extension().is_some_and(|ext| ext == "html") {
                page::html_tables(&text)
            } else {
                page::tables(&text)
            }
        })
        .collect()
}

#[test]
fn every_sample_body_classifies_as_its_code_under_its_type() {
    let mut seen = Vec::new();
    for table in section_tables() {
        let column = |name: &str| table.column(name).unwrap();
        let (code, status, error_type, sample) = (
            column("Code"),
            column("HTTP status"),
            column("Error type"),
            column("Sample"),
        );
        for row in &table.rows {
            let text = |i: usize| row.cells[i].text.as_str();
            let status = StatusCode::from_u16(text(status).parse().unwrap()).unwrap();
            let error = ExampleBank::classify(status, &HeaderMap::new(), text(sample).as_bytes());
            let variant = error
                .variant()
                .unwrap_or_else(|| panic!("{} is unknown: {}", text(code), text(sample)));
            assert_eq!(variant.entry().code_text, text(code), "{}", text(sample));
            assert_eq!(error.code(), Some(text(code)));
            assert_eq!(
                variant.category().map(|category| category.to_string()),
                Some(text(error_type).to_owned()),
                "{}",
                text(sample)
            );
            seen.push(variant);
        }
    }
    assert_eq!(seen.len(), 8, "every section of the four pages: {seen:?}");
    let product_not_ready: std::collections::BTreeSet<_> = seen
        .iter()
        .filter(|variant| variant.entry().code_text == "PRODUCT_NOT_READY")
        .map(|variant| format!("{variant:?}"))
        .collect();
    assert_eq!(
        product_not_ready.len(),
        3,
        "one entry per type: {product_not_ready:?}"
    );
}

/// Copies the pages into a fresh folder under the target directory, edited by `edit`.
fn edited_pages(name: &str, edit: impl Fn(&str, String) -> String) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(PAGES).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dir.join(&file), edit(&file, text)).unwrap();
    }
    dir
}

fn drift_of(dir: &std::path::Path) -> Vec<String> {
    let pages = DocsPages::read(&DocsLocation::Folder(dir.to_owned())).unwrap();
    let found = pages.drift(ExampleBank::spec()).unwrap();
    found.iter().map(ToString::to_string).collect()
}

#[test]
fn drift_reads_the_sections_and_reports_exactly_the_edits() {
    let unchanged = edited_pages("sections-unchanged", |_, text| text);
    assert_eq!(drift_of(&unchanged), Vec::<String>::new());
    std::fs::remove_dir_all(&unchanged).unwrap();

    let edited = edited_pages("sections-edited", |file, text| match file {
        // The section of ITEM_NOT_FOUND is removed, up to the end of its sample.
        "item.html" => {
            let start = text.find("<h3 id=\"item_not_found\">").unwrap();
            let end = start + text[start..].find("</pre>").unwrap() + "</pre>".len();
            format!("{}{}", &text[..start], &text[end..])
        }
        // The sample of INSIGHTS_NOT_ENABLED now says 401.
        "asset-report.html" => text.replace("Status: 403", "Status: 401"),
        _ => text,
    });
    let found = drift_of(&edited);
    std::fs::remove_dir_all(&edited).unwrap();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.iter().any(|drift| drift.contains("ITEM_NOT_FOUND")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|drift| drift.contains("INSIGHTS_NOT_ENABLED") && drift.contains("401")),
        "{found:#?}"
    );
}

/// Runs `import` with these arguments after `import --id example-bank`.
fn import_with(args: &[&str]) -> Result<String, String> {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool
        .command()
        .try_get_matches_from(
            ["contracts", "import", "--id", "example-bank"]
                .iter()
                .chain(args),
        )
        .map_err(|error| error.to_string())?;
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output)
        .map_err(|error| error.to_string())?;
    let output = String::from_utf8(output).unwrap();
    assert_no_allow(&output);
    Ok(output)
}

const RECORDED: &str = "../catalog-docs/tests/pages/recorded/example-bank.json";

#[test]
fn each_page_is_a_group_with_its_own_address() {
    // Three pages give a canonical link; the Markdown page does not, and its rows keep the
    // catalog's address.
    let spec = ExampleBank::spec();
    assert_eq!(spec.docs, "https://docs.example-bank.test/errors/");
    let docs_of = |code: &str, group: &str| {
        spec.entries
            .iter()
            .find(|entry| entry.code_text == code && entry.groups[0] == group)
            .unwrap_or_else(|| panic!("{code} in {group}"))
            .docs
    };
    assert_eq!(
        docs_of("PRODUCT_NOT_READY", "Asset report errors"),
        Some("https://docs.example-bank.test/errors/asset-report/")
    );
    assert_eq!(
        docs_of("PRODUCT_NOT_READY", "Item errors"),
        Some("https://docs.example-bank.test/errors/item/")
    );
    assert_eq!(docs_of("ACCOUNTS_LIMIT", "Rate limit errors"), None);

    // --base-url names the catalog's page and the pages without a canonical link.
    let based = import_with(&[
        "--docs",
        PAGES,
        "--base-url",
        "https://bank.example/docs/errors/",
    ])
    .unwrap();
    assert!(
        based.contains("        docs: \"https://bank.example/docs/errors/\",\n"),
        "{based}"
    );
    assert!(
        based.contains(
            "group \"Rate limit errors\" docs \"https://bank.example/docs/errors/rate-limit-exceeded\" {"
        ),
        "{based}"
    );
    // A canonical link wins over the base address.
    assert!(
        based.contains(
            "group \"Item errors\" docs \"https://docs.example-bank.test/errors/item/\" {"
        ),
        "{based}"
    );
    let error = import_with(&["--docs", PAGES, "--base-url", "docs/errors"]).unwrap_err();
    assert!(error.contains("expected an http(s) address"), "{error}");
}

#[test]
fn several_pages_read_as_a_folder_and_notes_name_each_page() {
    let item = format!("{PAGES}/item.html");
    let rate = format!("{PAGES}/rate-limit-exceeded.md");
    let written = import_with(&["--docs", &item, &rate]).unwrap();
    assert!(
        written.contains(&format!(
            "//   - table at {rate} line 5 (Code | HTTP status"
        )),
        "{written}"
    );
    assert!(written.contains("group \"Item errors\""), "{written}");
    assert!(written.contains("group \"Rate limit errors\""), "{written}");
    assert!(!written.contains("Asset report errors"), "{written}");
    let error = import_with(&["--docs", &item, PAGES]).unwrap_err();
    assert!(
        error.contains("is a folder: pass one folder, or several pages"),
        "{error}"
    );
}

#[test]
fn recorded_responses_decide_the_wire_and_every_pointer_says_why() {
    let written = import_with(&["--docs", PAGES, "--sample", RECORDED]).unwrap();
    assert!(
        written.contains(
            "wire: json { code: \"/error/code\", message: \"/error/message\", request_id: \"/request_id\", category: \"/error/type\" },"
        ),
        "{written}"
    );
    for note in [
        &format!("wire: {RECORDED} entry 3 (HTTP 502) has no JSON body: left out") as &str,
        &format!(
            "wire: code at \"/error/code\": 2 of 3 recorded responses hold a documented code there, first {RECORDED} entry 0 (HTTP 400)"
        ),
        // Entry 2's code is on no page: a row of its own, not a response to review.
        "wire: 1 code(s) the recorded responses hold are on no page: added as rows, for review",
        "wire: 8 of the 8 samples on the page put the code elsewhere (at \"/error_code\"), first the sample of PRODUCT_NOT_READY",
        "wire: category at \"/error/type\": named so in 3 of 3 recorded responses",
    ] {
        assert!(written.contains(note), "{note}\n{written}");
    }
    assert!(!written.contains("hold no documented code"), "{written}");
    // A body alone is a recorded response too; a file that is not JSON is an error naming it.
    let body = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("one-body.json");
    std::fs::write(
        &body,
        r#"{"error_code": "ITEM_NOT_FOUND", "error_message": "m", "error_type": "ITEM_ERROR"}"#,
    )
    .unwrap();
    let written = import_with(&["--docs", PAGES, "--sample", body.to_str().unwrap()]).unwrap();
    assert!(
        written.contains("wire: code at \"/error_code\": 1 of 1 recorded responses"),
        "{written}"
    );
    std::fs::write(&body, "HTTP/1.1 400\n{").unwrap();
    let error = import_with(&["--docs", PAGES, "--sample", body.to_str().unwrap()]).unwrap_err();
    assert!(
        error.contains("one-body.json")
            && error.contains("line 1, column 1")
            && error.contains("not JSON"),
        "{error}"
    );
    let error = import_with(&["--docs", PAGES, "--sample", "no/such/file.har"]).unwrap_err();
    assert!(error.contains("no/such/file.har"), "{error}");
}

#[test]
fn pages_with_one_section_name_stay_groups_of_their_own_address() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("same-section-name");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let page = |url: &str, code: &str| {
        format!(
            "<html><head><link rel=\"canonical\" href=\"{url}\"></head><body><h2>Errors</h2>\n\
             <table><tr><th>HTTP</th><th>Code</th><th>Message</th></tr>\n\
             <tr><td>400</td><td>{code}</td><td>Bad.</td></tr></table></body></html>\n"
        )
    };
    std::fs::write(dir.join("a.html"), page("https://x.test/errors/a", "A_BAD")).unwrap();
    std::fs::write(dir.join("b.html"), page("https://x.test/errors/b", "B_BAD")).unwrap();
    // A Markdown page names its address on a `source:` line.
    std::fs::write(
        dir.join("c.md"),
        "source: https://x.test/errors/c\n\n## Errors\n\n| HTTP | Code | Message |\n|---|---|---|\n| 400 | C_BAD | Bad. |\n",
    )
    .unwrap();
    let written = import_with(&["--docs", dir.to_str().unwrap()]).unwrap();
    for group in [
        "group \"Errors\" docs \"https://x.test/errors/a\" {",
        "group \"Errors (https://x.test/errors/b)\" docs \"https://x.test/errors/b\" {",
        "group \"Errors (https://x.test/errors/c)\" docs \"https://x.test/errors/c\" {",
    ] {
        assert!(written.contains(group), "{group}\n{written}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
