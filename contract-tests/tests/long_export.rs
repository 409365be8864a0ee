//! A long browser export records in memory bounded by its largest entry, not by its length,
//! and its review stays one screen per distinct expectation.
//!
//! The memory is the peak resident size (`VmHWM`) of a child process that records one
//! export: this test binary run again for the ignored `record_one_export` test alone, so the
//! figure holds nothing but that recording. Linux only (`/proc/self/status`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

catalog_core::provider_errors! {
    /// An aggregator whose dashboard calls fail the same way all day.
    pub provider Aggregator {
        id: "aggregator",
        docs: "https://aggregator.test/docs/errors",
        wire: json { code: "/error_code", message: "/error_message", request_id: header "X-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    402 | "INVALID_CREDENTIALS" | InvalidCredentials | never | user_action_required | end_user | "The credentials are not valid.";
    503 | "INSTITUTION_DOWN" | InstitutionDown | backoff(3) | provider_unavailable | nobody | "The institution is not responding.";
}

/// Writes a HAR export of `count` entries as a browser saves one: all but the last three a
/// 402 with the same code, then a 503, an unknown code, and a 200.
fn export(path: &Path, count: usize) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(
        file,
        r#"{{"log": {{"version": "1.2", "creator": {{"name": "WebInspector", "version": "537.36"}}, "pages": [], "entries": ["#
    )
    .unwrap();
    for index in 0..count {
        let (status, body) = match count - index {
            3 => (
                503,
                r#"{\"error_code\":\"INSTITUTION_DOWN\",\"error_message\":\"The institution is not responding.\"}"#,
            ),
            2 => (
                500,
                r#"{\"error_code\":\"E_UNDOCUMENTED\",\"error_message\":\"Something else.\"}"#,
            ),
            1 => (200, r#"{\"items\":[]}"#),
            _ => (
                402,
                r#"{\"error_code\":\"INVALID_CREDENTIALS\",\"error_message\":\"The credentials are not valid.\",\"display_message\":null}"#,
            ),
        };
        let separator = if index == 0 { "" } else { "," };
        write!(
            file,
            r#"{separator}
{{"startedDateTime": "2026-12-06T09:{minute:02}:{second:02}.000Z", "time": 231.4, "request": {{"method": "POST", "url": "https://api.aggregator.test/v2/items/refresh?client_id=dash-7&attempt={index}", "httpVersion": "http/2.0", "headers": [{{"name": "authorization", "value": "Bearer 7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b{index:08}"}}, {{"name": "content-type", "value": "application/json"}}], "queryString": [{{"name": "client_id", "value": "dash-7"}}, {{"name": "attempt", "value": "{index}"}}], "cookies": [{{"name": "session", "value": "s-{index:08}"}}], "headersSize": -1, "bodySize": 31, "postData": {{"mimeType": "application/json", "text": "{{\"item_id\":\"it-{index}\"}}"}}}}, "response": {{"status": {status}, "statusText": "", "httpVersion": "http/2.0", "headers": [{{"name": "content-type", "value": "application/json"}}, {{"name": "x-request-id", "value": "req-{index:08}"}}], "cookies": [], "content": {{"size": {size}, "mimeType": "application/json", "text": "{body}"}}, "redirectURL": "", "headersSize": -1, "bodySize": -1, "_transferSize": 612}}, "cache": {{}}, "timings": {{"blocked": 1.2, "dns": -1, "ssl": -1, "connect": -1, "send": 0.2, "wait": 224.9, "receive": 5.1}}, "_resourceType": "fetch"}}"#,
            minute = (index / 60) % 60,
            second = index % 60,
            size = body.len(),
        )
        .unwrap();
    }
    writeln!(file, "\n]}}}}").unwrap();
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("long-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Records `count` entries in a child process; its peak resident size in kB, and its review.
fn record_in_child(count: usize) -> (u64, String) {
    let dir = scratch(&count.to_string());
    let capture = dir.join("dashboard.har");
    export(&capture, count);
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "record_one_export",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LONG_EXPORT_CAPTURE", &capture)
        .env("LONG_EXPORT_RECORDINGS", dir.join("recordings"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let peak = stdout
        .lines()
        // The harness writes `test record_one_export ... ` before what the test prints.
        .find_map(|line| line.split_once("peak kB: ").map(|(_, peak)| peak))
        .unwrap_or_else(|| panic!("no peak in:\n{stdout}"))
        .trim()
        .parse()
        .unwrap();
    let review = stdout
        .split("--- review ---\n")
        .nth(1)
        .and_then(|rest| rest.split("--- end ---").next())
        .unwrap()
        .to_owned();
    let written: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("recordings/dashboard.har")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        written["log"]["entries"].as_array().unwrap().len(),
        count - 1,
        "every error is recorded, the 200 is left out"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    (peak, review)
}

/// The child's side: record the capture named by the environment, print the peak resident
/// size and the review. Run by [`memory_stays_bounded_by_the_largest_entry`] only.
#[test]
#[ignore = "run by memory_stays_bounded_by_the_largest_entry in a process of its own"]
fn record_one_export() {
    let capture = PathBuf::from(std::env::var_os("LONG_EXPORT_CAPTURE").unwrap());
    let recordings = PathBuf::from(std::env::var_os("LONG_EXPORT_RECORDINGS").unwrap());
    let mut plan = contract_tests::record::plan(Aggregator::spec(), &capture, &recordings).unwrap();
    plan.write().unwrap();
    let review = plan.review();
    drop(plan);
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let peak = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .unwrap()
        .trim()
        .trim_end_matches("kB")
        .trim()
        .to_owned();
    println!("peak kB: {peak}");
    println!("--- review ---\n{review}--- end ---");
}

#[test]
#[cfg(target_os = "linux")]
fn memory_stays_bounded_by_the_largest_entry() {
    let (small, _) = record_in_child(500);
    let (large, review) = record_in_child(50_000);
    assert!(
        large < 3 * small,
        "50,000 entries peaked at {large} kB, 500 at {small} kB: more than 3x"
    );
    // One screen per distinct expectation: three expectations, a group of secrets per place.
    let lines = review.lines().count();
    assert!(lines <= 30, "{lines} lines:\n{review}");
    assert!(
        review.contains("+ 49,997 × InvalidCredentials (INVALID_CREDENTIALS), as entry 0"),
        "{review}"
    );
    assert!(review.contains("and 49,994 more"), "{review}");
    assert!(
        review.contains("+ entry 49997 (POST https://api.aggregator.test/v2/items/refresh?client_id=dash-7&attempt=49997 -> 503)"),
        "{review}"
    );
    assert!(
        review.contains("49,999 × entries 0, 1, 2 and 49,996 more: a value named `authorization` in the request header `authorization`"),
        "{review}"
    );
    eprintln!("peak resident size: 500 entries {small} kB, 50,000 entries {large} kB");
}

#[test]
fn a_file_over_the_limit_is_refused_whole() {
    let dir = scratch("limit");
    let capture = dir.join("dashboard.har");
    export(&capture, 20);
    let recordings = dir.join("recordings");
    let options = contract_tests::record::Options::default().max_entries(10);
    let error =
        contract_tests::record::plan_with(Aggregator::spec(), &capture, &recordings, &options)
            .unwrap_err();
    assert_eq!(error.location.as_deref(), Some("entry 10"));
    assert!(
        error.message.contains("more than 10 entries") && error.message.contains("--max-entries"),
        "{error}"
    );
    // Nothing written, not even a temporary file.
    assert_eq!(std::fs::read_dir(&recordings).unwrap().count(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}
