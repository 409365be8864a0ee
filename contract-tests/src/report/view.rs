//! What the pages show, computed from a contract check as plain strings and numbers, so the
//! templates only lay them out (and escape every value).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use catalog_core::redact::Redactor;
use catalog_core::spec::{CatalogSpec, Source};
use catalog_core::{Classification, KeyMode};
use catalog_docs::page::is_http_url;

use super::chart::{self, Bars, Grid, Segment};
use super::{Provider, Recording};
use crate::conformance::{self, Accounted, Item, ItemKey};
use crate::contract::CatalogReport;
use crate::snapshot::SnapshotCheck;

/// Failures listed per provider on the index; the provider's page lists them all.
pub(super) const INDEX_FAILURES: usize = 20;
/// Recordings linked from one entry's row; the rest are counted.
pub(super) const ROW_RECORDINGS: usize = 12;
/// Recorded responses shown on a provider's page; the rest are counted.
pub(super) const PAGE_RECORDINGS: usize = 1_000;
/// The most bytes of one body shown.
pub(super) const BODY_BYTES: usize = 16 * 1024;

/// A link made only of an `http(s)` address; anything else is shown as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Link {
    pub(super) href: Option<String>,
    pub(super) text: String,
}

fn link(url: &str) -> Link {
    Link {
        href: is_http_url(url).then(|| url.to_owned()),
        text: url.to_owned(),
    }
}

/// One provider's counts, as `verify`'s summary row has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Summary {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) page: String,
    pub(super) passed: bool,
    pub(super) entries: String,
    pub(super) recordings: String,
    /// `recorded/docs/untested/uncovered`, as the text output writes them.
    pub(super) counts: String,
    pub(super) recorded: usize,
    pub(super) docs_examples: usize,
    pub(super) untested: usize,
    pub(super) uncovered: usize,
    pub(super) coverage: String,
    pub(super) bar: Vec<Segment>,
    pub(super) exceptions: String,
    pub(super) rule_failures: String,
    pub(super) mismatches: String,
    pub(super) stale: String,
    pub(super) dead_pointers: String,
    /// `clean`, `N differences`, `no docs` or `error`.
    pub(super) drift: String,
    pub(super) drift_clean: bool,
    /// `holds`, `missing` or `N changes`.
    pub(super) snapshot: String,
    pub(super) failures: usize,
}

fn summary(report: &CatalogReport, page: &str, failures: usize) -> Summary {
    // The cells of verify's own row, found by their headers.
    let row = report.summary_row();
    let cell = |header: &str| {
        CatalogReport::SUMMARY_HEADERS
            .iter()
            .position(|candidate| *candidate == header)
            .and_then(|i| row.get(i).cloned())
            .unwrap_or_default()
    };
    let counts = report.conformance.counts();
    let (drift, drift_clean) = match &report.drift {
        None => ("no docs".to_owned(), true),
        Some(Ok(found)) if found.is_empty() => ("clean".to_owned(), true),
        Some(Ok(found)) => (plural(found.len(), "difference", "differences"), false),
        Some(Err(_)) => ("error".to_owned(), false),
    };
    Summary {
        id: report.spec.id.to_owned(),
        name: report.spec.name.to_owned(),
        page: page.to_owned(),
        passed: failures == 0,
        entries: cell("entries"),
        recordings: cell("recordings"),
        counts: cell("recorded/docs/untested/uncovered"),
        recorded: counts.recordings,
        docs_examples: counts.docs_examples,
        untested: counts.untested,
        uncovered: counts.uncovered,
        coverage: cell("coverage"),
        bar: chart::bar(&counts),
        exceptions: cell("exceptions"),
        rule_failures: cell("rule failures"),
        mismatches: cell("mismatches"),
        stale: cell("stale"),
        dead_pointers: cell("dead pointers"),
        drift,
        drift_clean,
        snapshot: match &report.snapshot {
            SnapshotCheck::Holds { .. } => "holds".to_owned(),
            SnapshotCheck::Missing { .. } => "missing".to_owned(),
            SnapshotCheck::Differs { changes, .. } => plural(changes.len(), "change", "changes"),
        },
        failures,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A failure line of `verify`, cut where it says what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Failure {
    pub(super) provider: String,
    pub(super) page: String,
    /// The entry, recording or field it is about (`card_declined (CardDeclined)`).
    pub(super) subject: String,
    /// The check, as the text output tags it (`coverage`, `drift`, ...).
    pub(super) check: String,
    pub(super) problem: String,
    /// What to do: the line's last clause, where it has one.
    pub(super) todo: String,
}

/// Reads `{id} {subject}: [{check}] {problem}; {todo}`; a line of another form keeps its
/// whole text as the problem. Nothing is dropped: the parts make the line again.
fn failure(id: &str, page: &str, line: &str) -> Failure {
    let (head, check, rest) = match line.find(": [").and_then(|at| {
        let after = &line[at + 3..];
        after
            .find("] ")
            .map(|end| (&line[..at], &after[..end], &after[end + 2..]))
    }) {
        Some(parts) => parts,
        None => ("", "", line),
    };
    let subject = head
        .strip_prefix(id)
        .map_or(head, |rest| rest.trim_start())
        .to_owned();
    let (problem, todo) = match rest.rsplit_once("; ") {
        // A snapshot change says what it does, not what to do: the provider's last snapshot
        // line says that, for all of them.
        _ if check == "snapshot" && !rest.contains("catalog --write") => (
            rest.to_owned(),
            format!("review it (`diff --provider {id}`), then run `catalog --write` to accept it"),
        ),
        Some((problem, todo)) => (problem.to_owned(), todo.to_owned()),
        None => (rest.to_owned(), String::new()),
    };
    Failure {
        provider: id.to_owned(),
        page: page.to_owned(),
        subject,
        check: check.to_owned(),
        problem,
        todo,
    }
}

/// The index page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Index {
    pub(super) passed: bool,
    pub(super) providers: usize,
    pub(super) failing: usize,
    pub(super) failure_count: usize,
    /// Failing providers first, then the others, each in the order given.
    pub(super) rows: Vec<Summary>,
    pub(super) failures: Vec<Failure>,
    /// Per provider whose failures are cut short on the index: (id, page, how many more).
    pub(super) more_failures: Vec<(String, String, usize)>,
}

pub(super) fn index(providers: &[Provider<'_>], names: &[String]) -> Index {
    let mut failing_rows = Vec::new();
    let mut passing_rows = Vec::new();
    let mut failures = Vec::new();
    let mut more_failures = Vec::new();
    let mut failure_count = 0;
    for (provider, page) in providers.iter().zip(names) {
        let report = provider.report;
        let lines = report.failures();
        failure_count += lines.len();
        failures.extend(
            lines
                .iter()
                .take(INDEX_FAILURES)
                .map(|line| failure(report.spec.id, page, line)),
        );
        if lines.len() > INDEX_FAILURES {
            more_failures.push((
                report.spec.id.to_owned(),
                page.clone(),
                lines.len() - INDEX_FAILURES,
            ));
        }
        let row = summary(report, page, lines.len());
        if row.passed {
            passing_rows.push(row);
        } else {
            failing_rows.push(row);
        }
    }
    let failing = failing_rows.len();
    failing_rows.extend(passing_rows);
    Index {
        passed: failure_count == 0,
        providers: providers.len(),
        failing,
        failure_count,
        rows: failing_rows,
        failures,
        more_failures,
    }
}

/// How an entry or sub-code is accounted for, in words and as a word for CSS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct CoverageCell {
    pub(super) label: &'static str,
    pub(super) class: &'static str,
    pub(super) reason: Option<String>,
    pub(super) fail: bool,
}

/// A recording linked from an entry's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RecordingLink {
    pub(super) anchor: String,
    /// `file.har#3`, and the whole label with the entry's name.
    pub(super) short: String,
    pub(super) label: String,
    pub(super) docs_example: bool,
}

/// A row of the entries table: an entry, or one of its sub-codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct EntryRow {
    pub(super) anchor: String,
    pub(super) sub: bool,
    pub(super) statuses: String,
    pub(super) code: String,
    pub(super) variant: String,
    pub(super) retry: String,
    /// The policy's name without its argument (`backoff`), for the filter.
    pub(super) retry_name: &'static str,
    /// The policy in words, where they say more than its name.
    pub(super) retry_words: Option<String>,
    pub(super) kind: &'static str,
    pub(super) actor: &'static str,
    pub(super) message: String,
    pub(super) remediation: Option<String>,
    pub(super) group: Option<String>,
    pub(super) category: Option<String>,
    pub(super) docs: Option<Link>,
    pub(super) added: Option<String>,
    /// Declared exceptions: (rule, reason).
    pub(super) exceptions: Vec<(&'static str, String)>,
    pub(super) coverage: CoverageCell,
    pub(super) recordings: Vec<RecordingLink>,
    pub(super) more_recordings: usize,
    /// Lowercase, for the filter.
    pub(super) filter_code: String,
    pub(super) filter_variant: String,
}

/// A recorded response as the page shows it: redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RecordingView {
    pub(super) anchor: String,
    pub(super) label: String,
    pub(super) file: String,
    pub(super) status: u16,
    pub(super) docs_example: Option<String>,
    /// `covers`, `FAIL` or `stale`: what conformance made of it.
    pub(super) verdict: &'static str,
    pub(super) fail: bool,
    /// The entry it classifies as, or what it is without one.
    pub(super) classified: String,
    pub(super) entry_anchor: Option<String>,
    pub(super) problems: Vec<String>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: String,
    pub(super) body_note: Option<String>,
    pub(super) redacted: usize,
}

/// A drift difference, each side as the docs and the catalog spell it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DriftRow {
    pub(super) change: &'static str,
    pub(super) code: String,
    pub(super) variant: String,
    pub(super) field: String,
    pub(super) docs: String,
    pub(super) catalog: String,
    pub(super) page: String,
    pub(super) line: String,
}

/// A change of the catalog against its snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ChangeRow {
    pub(super) class: String,
    pub(super) change: &'static str,
    pub(super) subject: String,
    pub(super) detail: String,
}

/// One wire shape: its fields and where each is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ShapeView {
    pub(super) name: &'static str,
    pub(super) fields: Vec<(&'static str, String)>,
}

/// A provider's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ProviderPage {
    pub(super) summary: Summary,
    pub(super) docs: Link,
    pub(super) type_name: &'static str,
    pub(super) settings: Vec<(&'static str, String)>,
    pub(super) shapes: Vec<ShapeView>,
    pub(super) failures: Vec<Failure>,
    pub(super) notes: Vec<String>,
    pub(super) entry_count: usize,
    pub(super) sub_code_count: usize,
    pub(super) rows: Vec<EntryRow>,
    pub(super) kinds: Grid,
    pub(super) retries: Bars,
    pub(super) docs_location: Option<String>,
    pub(super) drift_error: Option<String>,
    pub(super) drift: Vec<DriftRow>,
    pub(super) snapshot_path: Option<String>,
    pub(super) changes: Vec<ChangeRow>,
    pub(super) recordings: Vec<RecordingView>,
    pub(super) more_recordings: usize,
}

/// An entry's anchor, by name, so that a link to it holds when rows are added or moved:
/// `e-CardDeclined`, and `e-CardDeclined.StolenCard` for a sub-code (a name is an identifier,
/// so the dot cannot be part of one).
fn entry_anchor((variant, sub): ItemKey) -> String {
    match sub {
        None => format!("e-{variant}"),
        Some(sub) => format!("e-{variant}.{sub}"),
    }
}

fn source_text(source: &Source) -> String {
    source.to_string()
}

fn key_mode(key: KeyMode) -> &'static str {
    match key {
        KeyMode::Code => "the code alone",
        KeyMode::StatusCode => "(status, code)",
        KeyMode::CategoryCode => "(category, code)",
    }
}

fn settings(spec: &CatalogSpec, report: &CatalogReport) -> Vec<(&'static str, String)> {
    let list = |sources: &[Source]| {
        if sources.is_empty() {
            "none".to_owned()
        } else {
            sources
                .iter()
                .map(source_text)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    vec![
        ("key", key_mode(spec.key).to_owned()),
        (
            "errors in 2xx bodies",
            if spec.profile.errors_in_2xx {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
        ),
        (
            "idempotency header",
            spec.idempotency_header.unwrap_or("none").to_owned(),
        ),
        (
            "coverage required",
            format!("at least {}", report.conformance.threshold),
        ),
        ("sensitive", list(spec.sensitive)),
        ("not sensitive", list(spec.not_sensitive)),
    ]
}

/// Where each recording classifies, checked as conformance checks it.
struct Checked {
    /// The entry and sub-code it covers, when it classifies as one and as expected.
    covers: Option<ItemKey>,
    classified: String,
    problems: Vec<String>,
    stale: bool,
}

/// What conformance found wrong with recordings: the labels of those that mismatched, and
/// the (file, index) of the stale ones.
struct Flagged<'a> {
    mismatched: BTreeSet<&'a str>,
    stale: BTreeSet<(&'a Path, usize)>,
}

impl<'a> Flagged<'a> {
    fn of(report: &'a CatalogReport) -> Self {
        Flagged {
            mismatched: report
                .conformance
                .mismatches
                .iter()
                .map(|mismatch| mismatch.recording.as_str())
                .collect(),
            stale: report
                .conformance
                .stale_recordings
                .iter()
                .map(|stale| (stale.file.as_path(), stale.index))
                .collect(),
        }
    }
}

fn check_recording(
    spec: &'static CatalogSpec,
    flagged: &Flagged<'_>,
    recording: &Recording,
) -> Checked {
    let stale = flagged
        .stale
        .contains(&(recording.file.as_path(), recording.index));
    let classification =
        Classification::new(spec, recording.status, &recording.headers, &recording.body);
    let entry = classification.entry();
    let classified = match (entry, classification.code()) {
        (Some(entry), _) => {
            let mut text = format!("{} ({})", entry.code_text, entry.variant);
            if let Some(sub) = classification.sub_code_entry() {
                text.push_str(&format!(" sub-code {} ({})", sub.code, sub.name));
            }
            text
        }
        (None, Some(code)) => format!("unknown code {code}"),
        (None, None) => "no readable code".to_owned(),
    };
    let mut problems: Vec<String> = Vec::new();
    if stale {
        problems.push(
            "its `_expected` names what the catalog no longer has; record the response again"
                .to_owned(),
        );
    } else if flagged.mismatched.contains(recording.label().as_str()) {
        // Compared again only where conformance found a difference: the same comparison.
        let mut found = conformance::compare(&recording.expected, &classification);
        found.extend(conformance::server_retry_flag(&classification));
        problems.extend(found.into_iter().map(|(field, expected, actual)| {
            format!("`{field}` is {actual}, the recording expects {expected}")
        }));
    }
    let covers = !stale && problems.is_empty();
    Checked {
        covers: entry.filter(|_| covers).map(|entry| {
            Item {
                entry,
                sub_code: classification.sub_code_entry(),
            }
            .key()
        }),
        classified,
        problems,
        stale,
    }
}

fn recording_view(
    spec: &CatalogSpec,
    index: usize,
    recording: &Recording,
    checked: &Checked,
) -> RecordingView {
    let redactor = Redactor::new(spec);
    let mut found = Vec::new();
    let headers = recording
        .headers
        .iter()
        .map(|(name, value)| {
            let text = String::from_utf8_lossy(value.as_bytes());
            let shown = redactor
                .header(name.as_str(), &text, &mut found)
                .unwrap_or_else(|| text.into_owned());
            (name.as_str().to_owned(), shown)
        })
        .collect();
    // JSON is redacted in place and shown indented, in the order of its keys; any other body
    // as redaction shows text.
    let body = match serde_json::from_slice::<serde_json::Value>(&recording.body) {
        Ok(mut value) => {
            redactor.json(&mut value, &mut found);
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
        Err(_) => redactor
            .body(&recording.body, &mut found)
            .unwrap_or_else(|| String::from_utf8_lossy(&recording.body).into_owned()),
    };
    let (body, body_note) = if body.len() > BODY_BYTES {
        let mut end = BODY_BYTES;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        (
            body[..end].to_owned(),
            Some(format!(
                "the first {} of {} bytes",
                end,
                recording.body.len().max(body.len())
            )),
        )
    } else {
        (body, None)
    };
    let entry_anchor = checked.covers.map(entry_anchor);
    let (verdict, fail) = if checked.stale {
        ("FAIL stale", true)
    } else if !checked.problems.is_empty() {
        ("FAIL", true)
    } else if checked.covers.is_some() {
        ("covers", false)
    } else {
        ("classifies as expected", false)
    };
    RecordingView {
        anchor: format!("r-{index}"),
        label: recording.label(),
        file: recording.file.display().to_string(),
        status: recording.status.as_u16(),
        docs_example: recording
            .docs_example
            .as_ref()
            .map(|example| match example.line {
                Some(line) => format!("{} line {line}", example.page),
                None => example.page.clone(),
            }),
        verdict,
        fail,
        classified: checked.classified.clone(),
        entry_anchor,
        problems: checked.problems.clone(),
        headers,
        body,
        body_note,
        redacted: found.len(),
    }
}

fn coverage_cell(accounted: &Accounted, threshold_holds: bool) -> CoverageCell {
    match accounted {
        Accounted::Recording(_) => CoverageCell {
            label: "recorded",
            class: "recorded",
            reason: None,
            fail: false,
        },
        Accounted::DocsExample(_) => CoverageCell {
            label: "docs example",
            class: "docs",
            reason: None,
            fail: false,
        },
        Accounted::Untested(reason) => CoverageCell {
            label: "untested",
            class: "untested",
            reason: Some((*reason).to_owned()),
            fail: false,
        },
        Accounted::Uncovered if threshold_holds => CoverageCell {
            label: "uncovered, within the threshold",
            class: "uncovered",
            reason: None,
            fail: false,
        },
        Accounted::Uncovered => CoverageCell {
            label: "FAIL uncovered",
            class: "uncovered",
            reason: Some(
                "capture a response and `record` it, record the docs page's example \
                 (`record --from-docs`), or declare `untested(\"why\")` on the row"
                    .to_owned(),
            ),
            fail: true,
        },
    }
}

fn entry_row(
    item: &conformance::ItemCoverage,
    threshold_holds: bool,
    links: &[RecordingLink],
) -> EntryRow {
    let entry = item.item.entry;
    let sub = item.item.sub_code;
    let statuses: Vec<String> = entry.statuses.iter().map(u16::to_string).collect();
    let exceptions = sub
        .map_or(entry.exceptions, |sub| sub.exceptions)
        .iter()
        .map(|exception| (exception.rule.as_str(), exception.reason.to_owned()))
        .collect();
    let (code, variant, retry, kind, actor, message) = match sub {
        Some(sub) => (
            sub.code,
            sub.name,
            sub.retry,
            sub.kind,
            sub.actor,
            sub.message,
        ),
        None => (
            entry.code_text,
            entry.variant,
            entry.retry,
            entry.kind,
            entry.actor,
            entry.message,
        ),
    };
    EntryRow {
        anchor: entry_anchor(item.item.key()),
        sub: sub.is_some(),
        statuses: statuses.join(" or "),
        code: code.to_owned(),
        variant: variant.to_owned(),
        retry: retry.to_string(),
        retry_name: retry.name(),
        retry_words: Some(retry.describe()).filter(|words| *words != retry.to_string()),
        kind: kind.as_str(),
        actor: actor.as_str(),
        message: message.to_owned(),
        remediation: sub
            .is_none()
            .then_some(entry.remediation)
            .flatten()
            .map(str::to_owned),
        group: entry.groups.first().map(|group| (*group).to_owned()),
        category: entry.category.map(str::to_owned),
        docs: sub.is_none().then_some(entry.docs).flatten().map(link),
        added: sub
            .is_none()
            .then(|| entry.origin.added_reason())
            .flatten()
            .map(str::to_owned),
        exceptions,
        coverage: coverage_cell(&item.accounted, threshold_holds),
        recordings: links.iter().take(ROW_RECORDINGS).cloned().collect(),
        more_recordings: links.len().saturating_sub(ROW_RECORDINGS),
        filter_code: code.to_lowercase(),
        filter_variant: variant.to_lowercase(),
    }
}

fn drift_side(side: Option<&catalog_docs::drift::Side>) -> String {
    match side.map(serde_json::to_value) {
        None => String::new(),
        Some(Ok(serde_json::Value::String(text))) => text,
        Some(Ok(serde_json::Value::Null)) => "(none)".to_owned(),
        Some(Ok(serde_json::Value::Array(values))) => values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" or "),
        Some(Ok(other)) => other.to_string(),
        Some(Err(error)) => format!("({error})"),
    }
}

pub(super) fn provider(provider: &Provider<'_>, page: &str) -> ProviderPage {
    let report = provider.report;
    let spec = report.spec;
    let lines = report.failures();
    let failures: Vec<Failure> = lines
        .iter()
        .map(|line| failure(spec.id, page, line))
        .collect();
    let summary = summary(report, page, lines.len());

    let mut covering: BTreeMap<ItemKey, Vec<RecordingLink>> = BTreeMap::new();
    let mut recordings = Vec::new();
    let flagged = Flagged::of(report);
    for (index, recording) in provider.recordings.iter().enumerate() {
        let checked = check_recording(spec, &flagged, recording);
        if let Some((variant, sub)) = checked.covers {
            let file = recording.file.file_name().map_or_else(
                || recording.file.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            let link = RecordingLink {
                anchor: format!("r-{index}"),
                short: format!("{file}#{}", recording.index),
                label: recording.label(),
                docs_example: recording.docs_example.is_some(),
            };
            if sub.is_some() {
                covering
                    .entry((variant, sub))
                    .or_default()
                    .push(link.clone());
            }
            covering.entry((variant, None)).or_default().push(link);
        }
        if index < PAGE_RECORDINGS {
            recordings.push(recording_view(spec, index, recording, &checked));
        }
    }

    let threshold_holds = report.conformance.coverage_holds();
    let mut rows = Vec::with_capacity(report.conformance.items.len());
    for item in &report.conformance.items {
        let links = covering
            .get(&item.item.key())
            .map_or(&[][..], Vec::as_slice);
        rows.push(entry_row(item, threshold_holds, links));
    }

    let (drift_error, drift) = match &report.drift {
        None => (None, Vec::new()),
        Some(Err(error)) => (Some(error.clone()), Vec::new()),
        Some(Ok(found)) => (
            None,
            found
                .iter()
                .map(|found| {
                    let drift = &found.drift;
                    let mut code = drift.code.clone();
                    if let Some(status) = drift.status {
                        code = format!("({status}, {code})");
                    }
                    if let Some(of) = drift.sub_code_of {
                        code = format!("{of} / {code}");
                    }
                    DriftRow {
                        change: drift.change.as_str(),
                        code,
                        variant: drift.variant.unwrap_or("").to_owned(),
                        field: drift.field.unwrap_or("").to_owned(),
                        docs: drift_side(drift.docs.as_ref()),
                        catalog: drift_side(drift.catalog.as_ref()),
                        page: found
                            .page
                            .clone()
                            .or_else(|| report.docs.as_ref().map(ToString::to_string))
                            .unwrap_or_default(),
                        line: drift.line.map(|line| line.to_string()).unwrap_or_default(),
                    }
                })
                .collect(),
        ),
    };

    let (snapshot_path, changes) = match &report.snapshot {
        SnapshotCheck::Holds { path } | SnapshotCheck::Missing { path } => {
            (Some(path.display().to_string()), Vec::new())
        }
        SnapshotCheck::Differs { path, changes } => (
            Some(path.display().to_string()),
            changes
                .iter()
                .map(|change| ChangeRow {
                    class: match change.resending {
                        Some(crate::diff::Resending::More) => {
                            format!("{}, RESENDS MORE", change.class)
                        }
                        Some(crate::diff::Resending::Less) => {
                            format!("{}, resends less", change.class)
                        }
                        None => change.class.to_string(),
                    },
                    change: change.change.as_str(),
                    subject: change.subject(),
                    detail: change.detail.clone(),
                })
                .collect(),
        ),
    };

    ProviderPage {
        summary,
        docs: link(spec.docs),
        type_name: spec.type_name,
        settings: settings(spec, report),
        shapes: spec
            .wire
            .shapes
            .iter()
            .map(|shape| ShapeView {
                name: shape.name,
                fields: shape
                    .fields
                    .iter()
                    .map(|field| (field.field.as_str(), source_text(&field.source)))
                    .collect(),
            })
            .collect(),
        failures,
        notes: report.notes(),
        entry_count: spec.entries.len(),
        sub_code_count: spec.entries.iter().map(|entry| entry.sub_codes.len()).sum(),
        rows,
        kinds: chart::kind_actor(spec.entries),
        retries: chart::retry(spec.entries),
        docs_location: report.docs.as_ref().map(ToString::to_string),
        drift_error,
        drift,
        snapshot_path,
        changes,
        more_recordings: provider.recordings.len().saturating_sub(PAGE_RECORDINGS),
        recordings,
    }
}

#[cfg(test)]
mod tests {
    use super::failure;

    #[test]
    fn a_failure_line_is_cut_into_what_is_wrong_and_what_to_do() {
        let found = failure(
            "lumen-pay",
            "lumen-pay.html",
            "lumen-pay insufficient_funds (InsufficientFunds): [coverage] no recorded response \
             covers this entry; capture one and add it with `record`",
        );
        assert_eq!(found.subject, "insufficient_funds (InsufficientFunds)");
        assert_eq!(found.check, "coverage");
        assert_eq!(found.problem, "no recorded response covers this entry");
        assert_eq!(found.todo, "capture one and add it with `record`");
    }

    #[test]
    fn a_snapshot_change_is_told_what_to_do() {
        let found = failure(
            "lumen",
            "lumen.html",
            "lumen (429, rate_limited): [snapshot] behaviour retry_changed: retried after_hint(3), \
             is retried after_hint(5); a request is sent again sooner",
        );
        assert_eq!(found.check, "snapshot");
        assert!(found.problem.ends_with("a request is sent again sooner"));
        assert_eq!(
            found.todo,
            "review it (`diff --provider lumen`), then run `catalog --write` to accept it"
        );
    }

    #[test]
    fn a_line_of_another_form_keeps_its_whole_text() {
        let found = failure("acme", "acme.html", "[property] gave up: too many rejects");
        assert_eq!(found.subject, "");
        assert_eq!(found.check, "");
        assert_eq!(found.problem, "[property] gave up: too many rejects");
        assert_eq!(found.todo, "");
    }
}
