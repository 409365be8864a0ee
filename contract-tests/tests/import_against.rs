//! `import --against FILE`: what re-importing a changed page would change against the
//! catalog's snapshot, each change classed as `diff` classes it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::path::Path;

use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use contract_tests::snapshot::Snapshot;

fn run(args: &[&str]) -> Result<String, CommandError> {
    let tool = Tool::new(&[]).layout(Layout::new("recordings", "docs"));
    let matches = tool
        .command()
        .try_get_matches_from(["contracts"].iter().chain(args))
        .unwrap();
    let mut output = Vec::new();
    tool.run_to(&matches, &mut output)?;
    Ok(String::from_utf8(output).unwrap())
}

const V1: &str = "\
# Acme errors

| HTTP | Code | Message |
|------|------|---------|
| 400 | bad_amount | The amount is invalid. Use a positive amount. |
| 404 | missing_card | No such card. |
| 503 | maintenance | Down for maintenance. Try again later. |
";

/// One row gone, one new, one status moved.
const V2: &str = "\
# Acme errors

| HTTP | Code | Message |
|------|------|---------|
| 400 | bad_amount | The amount is invalid. Use a positive amount. |
| 410 | missing_card | No such card. |
| 409 | duplicate_payment | A payment with this idempotency key exists. |
";

fn import_args<'a>(page: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "import",
        "--id",
        "acme",
        "--base-url",
        "https://docs.acme.test/errors",
        "--docs",
        page,
    ];
    args.extend_from_slice(extra);
    args
}

/// The `(class, change, subject)` of each line of a review.
fn changes(review: &str) -> Vec<(String, String, String)> {
    review
        .lines()
        .filter(|line| line.starts_with("  "))
        .map(|line| {
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_changed_page_reimported_against_the_snapshot_lists_each_change_with_its_class() {
    let dir = std::env::temp_dir().join(format!("import-against-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (v1, v2, snapshot) = (dir.join("v1.md"), dir.join("v2.md"), dir.join("acme.json"));
    std::fs::write(&v1, V1).unwrap();
    std::fs::write(&v2, V2).unwrap();
    let path = |path: &Path| path.display().to_string();

    // The snapshot of the first import, as `catalog --write` would save the compiled catalog.
    let printed = run(&import_args(&path(&v1), &[])).unwrap();
    let invocation = printed
        .split_once("provider_errors! {")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
        .unwrap();
    let first = Snapshot::of_description(&catalog_dsl::describe_source(invocation).unwrap());
    std::fs::write(&snapshot, first.to_json()).unwrap();

    // The same page against it: nothing changes.
    let same = run(&import_args(&path(&v1), &["--against", &path(&snapshot)])).unwrap();
    assert!(same.contains("acme: the catalog matches"), "{same}");

    let review = run(&import_args(&path(&v2), &["--against", &path(&snapshot)])).unwrap();
    let found = changes(&review);
    for (class, change, subject) in [
        ("breaking", "code_removed", "maintenance"),
        ("breaking", "status_removed", "missing_card"),
        ("compatible", "status_added", "missing_card"),
        ("compatible", "code_added", "duplicate_payment"),
    ] {
        assert!(
            found
                .iter()
                .any(|(c, k, s)| c == class && k == change && s.contains(subject)),
            "no {class} {change} of {subject} in:\n{review}"
        );
    }
    // Nothing about the unchanged row.
    assert!(
        found
            .iter()
            .all(|(_, _, subject)| !subject.contains("bad_amount")),
        "{review}"
    );

    // Bad input: a missing snapshot, and --against with --explain.
    let missing = dir.join("none.json");
    let error = run(&import_args(&path(&v2), &["--against", &path(&missing)])).unwrap_err();
    assert!(error.to_string().contains("no such file"), "{error}");
    let tool = Tool::new(&[]);
    assert!(
        tool.command()
            .try_get_matches_from(["contracts"].into_iter().chain(import_args(
                &path(&v2),
                &["--explain", "--against", "x.json"]
            )))
            .is_err()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
