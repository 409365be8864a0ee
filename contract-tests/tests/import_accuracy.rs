//! How right `import` is, first time, on the five seed providers: each seed docs page imported
//! with its recordings as `--sample`, as a new user would run it, and every imported row
//! compared on retry, kind and actor with the reviewed catalog in `providers/`.
//!
//! A row "needs no edit" when the retry policy (by name: `backoff(3)` and `backoff(5)` are one
//! decision, `after_hint` another), the kind and the actor are the reviewed row's. Import never
//! writes `allow(...)`: where the docs' words go against the status, it writes the row the rules
//! permit and a `// review:` line with the docs' reading and the exact `allow(...)` lines it
//! needs. Those rows are counted twice over: as written, and as the review line offers them.
//! The figures are printed; the test fails when the docs' reading (as written, or as the
//! review offers where the rules need an exception) falls under 90% overall or 75% on a
//! provider.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::spec::CatalogSpec;
use contract_tests::cli::Tool;
use contract_tests::layout::Layout;

const SEEDS: [&str; 5] = [
    "plaid-legacy",
    "mastercard-au",
    "connect-api",
    "aiia",
    "mdes",
];

/// The retry, kind and actor of a row: as written, and as its review line offers.
#[derive(Debug)]
struct ImportedRow {
    statuses: Vec<u16>,
    code: String,
    written: [String; 3],
    offered: Option<[String; 3]>,
}

fn import(id: &str) -> String {
    let har_dir = format!("../fixtures/har/{id}");
    let mut hars: Vec<String> = std::fs::read_dir(&har_dir)
        .unwrap()
        .map(|entry| entry.unwrap().path().display().to_string())
        .filter(|path| path.ends_with(".har"))
        .collect();
    hars.sort();
    let docs = format!("../fixtures/docs/{id}.md");
    let mut args = vec![
        "contracts",
        "import",
        "--id",
        id,
        "--docs",
        &docs,
        "--sample",
    ];
    args.extend(hars.iter().map(String::as_str));
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool.command().try_get_matches_from(args).unwrap();
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output)
        .unwrap_or_else(|error| panic!("{id}: {error}"));
    String::from_utf8(output).unwrap()
}

/// The rows of an import's output, read from its `columns:` order.
fn rows(output: &str) -> Vec<ImportedRow> {
    let columns: Vec<&str> = output
        .lines()
        .find_map(|line| line.trim().strip_prefix("columns:"))
        .expect("a columns line")
        .trim()
        .trim_end_matches(',')
        .split('|')
        .map(str::trim)
        .collect();
    let at = |name: &str| columns.iter().position(|column| *column == name).unwrap();
    let (status, code, retry, kind, actor) = (
        at("status"),
        at("code"),
        at("retry"),
        at("kind"),
        at("actor"),
    );
    let mut found = Vec::new();
    let mut offered = None;
    for line in output.lines().map(str::trim) {
        if let Some(review) = line.strip_prefix("// review:") {
            // `... the docs' reading: never | user_action_required | end_user, with allow(...)`
            offered = review
                .split_once("the docs' reading: `")
                .and_then(|(_, rest)| {
                    let cells: Vec<String> = rest
                        .split('`')
                        .next()?
                        .split('|')
                        .map(|cell| cell.trim().to_owned())
                        .collect();
                    <[String; 3]>::try_from(cells).ok()
                });
            continue;
        }
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let cells: Vec<&str> = line.splitn(columns.len(), " | ").map(str::trim).collect();
        found.push(ImportedRow {
            statuses: cells[status]
                .split(" or ")
                .map(|status| status.parse().unwrap())
                .collect(),
            code: cells[code].trim_matches('"').to_owned(),
            written: [cells[retry], cells[kind], cells[actor]].map(str::to_owned),
            offered: offered.take(),
        });
    }
    found
}

/// A retry policy's decision: its name without its argument.
fn decision(policy: &str) -> &str {
    policy.split('(').next().unwrap_or(policy)
}

fn agrees(cells: &[String; 3], entry: &catalog_core::spec::Entry) -> bool {
    decision(&cells[0]) == entry.retry.name()
        && cells[1] == entry.kind.to_string()
        && cells[2] == entry.actor.to_string()
}

/// The reviewed entry an imported row stands for: its code, under one of its statuses.
fn reviewed<'a>(spec: &'a CatalogSpec, row: &ImportedRow) -> Option<&'a catalog_core::spec::Entry> {
    let same_code = || {
        spec.entries
            .iter()
            .filter(|entry| entry.code_text == row.code)
    };
    same_code()
        .find(|entry| row.statuses.iter().any(|&status| entry.has_status(status)))
        .or_else(|| same_code().next())
}

#[derive(Default)]
struct Figures {
    rows: usize,
    unmatched: usize,
    written: usize,
    read: usize,
    /// Rows whose reviewed entry declares an exception: no row import writes can match them.
    excepted: usize,
    /// Rows whose written retry is the reviewed one to its count or delay (`backoff(3)`, not
    /// `backoff(5)`), kind and actor alike.
    exact: usize,
}

#[test]
fn seed_pages_with_their_recordings_import_rows_that_need_no_edit() {
    let mut total = Figures::default();
    let mut report = String::from(
        "provider      | rows | as written (rows w/o allow) | docs' reading | share\n\
         --------------|------|----------------------|---------------|------\n",
    );
    let mut failures = Vec::new();
    let mut misses = String::new();
    for id in SEEDS {
        let spec = providers::by_id(id).unwrap();
        let output = import(id);
        // The catalog compiles as written, and holds no exception import made up.
        let invocation = output
            .split_once("provider_errors! {")
            .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
            .expect("one provider_errors! invocation");
        let mistakes = catalog_dsl::check_source(invocation);
        assert!(mistakes.is_empty(), "{id}: {mistakes:#?}\n{output}");
        for line in output.lines() {
            assert!(
                line.trim_start().starts_with("//") || !line.contains("allow("),
                "{id}: import wrote an exception: {line}"
            );
        }
        let mut figures = Figures::default();
        for row in rows(&output) {
            figures.rows += 1;
            let Some(entry) = reviewed(spec, &row) else {
                figures.unmatched += 1;
                continue;
            };
            figures.excepted += usize::from(!entry.exceptions.is_empty());
            figures.exact += usize::from(
                agrees(&row.written, entry) && row.written[0] == entry.retry.to_string(),
            );
            let written = agrees(&row.written, entry);
            let read = written
                || row
                    .offered
                    .as_ref()
                    .is_some_and(|cells| agrees(cells, entry));
            figures.written += usize::from(written);
            figures.read += usize::from(read);
            if !read {
                misses.push_str(&format!(
                    "  {id} {} {:?}: imported {} | {} | {} (offered {:?}), reviewed {} | {} | {}\n",
                    row.code,
                    row.statuses,
                    row.written[0],
                    row.written[1],
                    row.written[2],
                    row.offered,
                    entry.retry,
                    entry.kind,
                    entry.actor
                ));
            }
        }
        let compared = figures.rows - figures.unmatched;
        let share = figures.read * 100 / compared.max(1);
        report.push_str(&format!(
            "{id:<13} | {:>4} | {:>10} ({:>6}) | {:>13} | {share:>4}%\n",
            compared,
            figures.written,
            compared - figures.excepted,
            figures.read
        ));
        if share < 75 {
            failures.push(format!("{id}: {share}% under 75%"));
        }
        total.rows += figures.rows;
        total.unmatched += figures.unmatched;
        total.written += figures.written;
        total.read += figures.read;
        total.excepted += figures.excepted;
        total.exact += figures.exact;
    }
    let compared = total.rows - total.unmatched;
    let share = total.read * 100 / compared.max(1);
    report.push_str(&format!(
        "{:<13} | {:>4} | {:>10} ({:>6}) | {:>13} | {share:>4}%\n",
        "all",
        compared,
        total.written,
        compared - total.excepted,
        total.read
    ));
    if share < 90 {
        failures.push(format!("overall: {share}% under 90%"));
    }
    println!(
        "{report}\nas written and to the retry's count or delay too: {} of {compared}\n\nrows that need an edit:\n{misses}",
        total.exact
    );
    assert!(
        failures.is_empty(),
        "{}\n{report}\nrows that need an edit:\n{misses}",
        failures.join("; ")
    );
}
