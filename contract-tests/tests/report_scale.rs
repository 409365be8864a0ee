//! The report of 100 catalogs of 100 recordings each: one page per catalog, one index row per
//! catalog, and an index under 2 MB. A file of its own, so that the process's CPU time is the
//! report's alone.
//!
//! The time it takes is printed (CPU and clock), not asserted: performance is held by
//! `cargo xtask bench`, whose "verify at scale" section writes this report and fails over 5 s.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::path::PathBuf;
use std::time::Instant;

use catalog_core::__private::CodeIndex;
use catalog_core::spec::{CatalogSpec, Code, Entry};
use catalog_core::{Actor, Kind, RetryPolicy};
use contract_tests::cli::Tool;
use contract_tests::layout::Layout;
use serde_json::json;

catalog_core::provider_errors! {
    /// The template of the generated catalogs: its wire format and first entry.
    pub provider Template {
        id: "template",
        docs: "https://docs.template.test/errors",
        wire: json { code: "/error/code", message: "/error/message", request_id: header "X-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad_input" | BadInput | never | invalid_request | integrator | "Bad input.";
}

/// Catalogs, and entries and recordings per catalog.
const SCALE: usize = 100;

/// A generated catalog of `SCALE` entries, copies of the template's with their own codes.
fn generated(catalog: usize) -> &'static CatalogSpec {
    let leak = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
    let template = Template::spec().entries[0];
    let rows = [
        (
            400,
            RetryPolicy::Never,
            Kind::InvalidRequest,
            Actor::Integrator,
        ),
        (404, RetryPolicy::Never, Kind::NotFound, Actor::Integrator),
        (
            429,
            RetryPolicy::AfterHint { retries: 3 },
            Kind::RateLimited,
            Actor::Nobody,
        ),
        (
            503,
            RetryPolicy::Backoff { retries: 3 },
            Kind::ProviderUnavailable,
            Actor::Nobody,
        ),
        (
            401,
            RetryPolicy::Never,
            Kind::Unauthenticated,
            Actor::Integrator,
        ),
    ];
    let entries: Vec<Entry> = (0..SCALE)
        .map(|i| {
            let (status, retry, kind, actor) = rows[i % rows.len()];
            let code = leak(format!("e{catalog:03}-{i:03}"));
            Entry {
                code: Code::Str(code),
                code_text: code,
                statuses: Box::leak(Box::new([status])),
                variant: leak(format!("E{i:03}")),
                message: leak(format!("Error {i} of catalog {catalog}.")),
                retry,
                kind,
                actor,
                ..template
            }
        })
        .collect();
    Box::leak(Box::new(CatalogSpec {
        id: leak(format!("scale-{catalog:03}")),
        name: leak(format!("Generated catalog {catalog}")),
        entries: Box::leak(entries.into_boxed_slice()),
        index: CodeIndex::new(),
        ..*Template::spec()
    }))
}

/// The CPU time this process has used, user and system, every thread's: `None` where
/// `/proc/self/stat` cannot be read.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces:
    // state is field 3, utime and stime fields 14 and 15, in clock ticks (USER_HZ, 100).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

#[test]
fn the_report_of_100_catalogs_of_100_recordings_has_a_page_each_and_an_index_under_2_mb() {
    let root: PathBuf = std::env::temp_dir().join(format!(
        "contract-tests-report-scale-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let layout = Layout::new(root.join("recordings"), root.join("docs"));
    let specs: Vec<&'static CatalogSpec> = (0..SCALE).map(generated).collect();
    for spec in &specs {
        let entries: Vec<serde_json::Value> = spec
            .entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let body = json!({"error": {"code": entry.code_text, "message": entry.message}});
                json!({
                    "request": {"method": "GET", "url": format!("https://api.template.test/{}/{i}", spec.id)},
                    "response": {
                        "status": entry.statuses[0],
                        "headers": [{"name": "X-Request-Id", "value": format!("r-{i}")}],
                        "content": {"mimeType": "application/json", "text": body.to_string()}
                    },
                    "_expected": {"variant": entry.variant, "code": entry.code_text}
                })
            })
            .collect();
        let dir = layout.recordings_of(spec.id);
        std::fs::create_dir_all(&dir).unwrap();
        let har = json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}});
        std::fs::write(dir.join("responses.har"), har.to_string()).unwrap();
    }
    // The snapshots a team commits with its catalogs, so that every contract holds.
    let tool = Tool::new(&specs).layout(layout.clone());
    let matches = tool
        .command()
        .try_get_matches_from(["contracts", "catalog", "--write"])
        .unwrap();
    tool.run_to(&matches, &mut Vec::new()).unwrap();
    // As `verify --report` does: each catalog's recordings read once, for its contract and
    // for its page.
    let verified: Vec<_> = specs
        .iter()
        .map(|spec| {
            let recordings =
                contract_tests::recording::load_dir(&layout.recordings_of(spec.id)).unwrap();
            let report = contract_tests::verify_recorded(spec, &layout, &recordings).unwrap();
            (report, recordings)
        })
        .collect();
    assert!(verified.iter().all(|(report, _)| report.passed()));
    let providers: Vec<_> = verified
        .iter()
        .map(|(report, recordings)| contract_tests::report::Provider { report, recordings })
        .collect();

    let site = root.join("site");
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let written = contract_tests::report::write_site(&site, &providers).unwrap();
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let pages: u64 = written
        .pages
        .iter()
        .map(|page| std::fs::metadata(page).unwrap().len())
        .sum();
    eprintln!(
        "report of {SCALE} catalogs x {SCALE} recordings: {wall:.2} s by the clock, {} of CPU; index {} bytes; {} pages, {pages} bytes in all",
        cpu.map_or_else(|| "no reading".to_owned(), |cpu| format!("{cpu:.2} s")),
        written.index_bytes,
        written.pages.len()
    );
    let index = std::fs::read_to_string(&written.index).unwrap();
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(written.pages.len(), SCALE);
    assert_eq!(index.matches("<tr data-provider=").count(), SCALE);
    assert!(
        written.index_bytes < 2 * 1024 * 1024,
        "the index has {} bytes",
        written.index_bytes
    );
}
