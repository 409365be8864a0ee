//! `import` on pages as docs generators serve them: Docusaurus, Sphinx (sections and a
//! definition list), ReadMe, Mintlify, GitBook, VitePress and a Prism line-numbers page, each
//! with its heading anchors, copy buttons, language tabs and numbered, highlighted code.
//!
//! Each page's catalog is committed as a snapshot that this test regenerates and compares,
//! and compiled here unchanged (`include!`), so every sample body on the pages is classified
//! by the very text `import` writes. After a deliberate change to `import`, refresh them with
//! `UPDATE_SNAPSHOTS=1 cargo test -p contract-tests --test import_generators` and review the
//! diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_docs::page::{self, SAMPLE_HEADER};
use contract_tests::cli::Tool;
use contract_tests::layout::Layout;

mod docusaurus {
    include!("imported/generators/docusaurus.rs");
}
mod sphinx {
    include!("imported/generators/sphinx.rs");
}
mod sphinx_glossary {
    include!("imported/generators/sphinx-glossary.rs");
}
mod readme {
    include!("imported/generators/readme.rs");
}
mod mintlify {
    include!("imported/generators/mintlify.rs");
}
mod gitbook {
    include!("imported/generators/gitbook.rs");
}
mod vitepress {
    include!("imported/generators/vitepress.rs");
}
mod prism {
    include!("imported/generators/prism-line-numbers.rs");
}

const PAGES: &str = "../catalog-docs/tests/pages/generators";

/// The pages, the provider id each is imported as, and its catalog.
fn pages() -> [(
    &'static str,
    &'static str,
    &'static catalog_core::spec::CatalogSpec,
); 8] {
    [
        (
            "docusaurus",
            "quill-payments",
            docusaurus::QuillPayments::spec(),
        ),
        ("sphinx", "larch-bank", sphinx::LarchBank::spec()),
        (
            "sphinx-glossary",
            "larch-declines",
            sphinx_glossary::LarchDeclines::spec(),
        ),
        ("readme", "fern-pay", readme::FernPay::spec()),
        ("mintlify", "sorrel", mintlify::Sorrel::spec()),
        ("gitbook", "birch-payouts", gitbook::BirchPayouts::spec()),
        ("vitepress", "heron-ledger", vitepress::HeronLedger::spec()),
        (
            "prism-line-numbers",
            "aspen-connect",
            prism::AspenConnect::spec(),
        ),
    ]
}

fn import(name: &str, id: &str) -> String {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let page = format!("{PAGES}/{name}.html");
    let matches = tool
        .command()
        .try_get_matches_from(["contracts", "import", "--id", id, "--docs", &page])
        .unwrap();
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output)
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    String::from_utf8(output).unwrap()
}

#[test]
fn every_generator_page_imports_to_its_snapshot_which_the_dsl_accepts() {
    let mut stale = Vec::new();
    for (name, id, _) in pages() {
        let written = import(name, id);
        let snapshot = format!("tests/imported/generators/{name}.rs");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snapshot, &written).unwrap();
        }
        if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(written.as_str()) {
            stale.push(format!("{snapshot}:\n{written}"));
        }
        let invocation = written
            .split_once("provider_errors! {")
            .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
            .expect("one provider_errors! invocation");
        let errors = catalog_dsl::check_source(invocation);
        assert!(errors.is_empty(), "{name}: {errors:#?}\n{written}");
        for line in written.lines() {
            assert!(
                line.trim_start().starts_with("//") || !line.contains("allow("),
                "{name}: import wrote an exception: {line}"
            );
        }
    }
    assert!(
        stale.is_empty(),
        "import writes something else than the snapshots; refresh them with UPDATE_SNAPSHOTS=1 and review the diff:\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_sample_body_on_the_pages_classifies_as_its_code() {
    let mut classified = 0;
    for (name, _, spec) in pages() {
        let text = std::fs::read_to_string(format!("{PAGES}/{name}.html")).unwrap();
        let tables = page::html_tables(&text);
        assert!(!tables.is_empty(), "{name}: no table, section or list read");
        for table in &tables {
            let (Some(code), Some(status), Some(sample)) = (
                table.column("Code"),
                table.column("HTTP status"),
                table.column(SAMPLE_HEADER),
            ) else {
                continue;
            };
            for row in &table.rows {
                let body = &row.cells[sample].text;
                if body.is_empty() {
                    continue;
                }
                let code = &row.cells[code].text;
                let status: u16 = row.cells[status].text.parse().unwrap();
                let status = StatusCode::from_u16(status).unwrap();
                let headers = HeaderMap::new();
                let classification =
                    catalog_core::Classification::new(spec, status, &headers, body.as_bytes());
                let entry = classification
                    .entry()
                    .unwrap_or_else(|| panic!("{name}: {code} is unknown: {body}"));
                assert_eq!(entry.code_text, code, "{name}: {body}");
                classified += 1;
            }
        }
    }
    assert_eq!(classified, 16, "every sample body of the eight pages");
}

#[test]
fn headings_keep_no_anchor_marks_and_code_keeps_no_line_numbers() {
    for (name, _, spec) in pages() {
        for entry in spec.entries {
            assert!(
                entry
                    .code_text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{name}: {:?}",
                entry.code_text
            );
            assert!(
                !entry.message.contains("Copy") && !entry.message.contains("Updated"),
                "{name}: {:?}",
                entry.message
            );
        }
    }
    // A section without a sample takes a status that goes with its words, and says so.
    let gitbook = import("gitbook", "birch-payouts");
    assert!(
        gitbook.contains("no page, spec or recording gives a status"),
        "{gitbook}"
    );
}
