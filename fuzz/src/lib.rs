//! What the fuzz targets in `fuzz_targets/` run: one function per target, each a property
//! that must hold for any input, checked with a panic (libFuzzer keeps the input that panics
//! in `fuzz/artifacts/<target>/`). The targets are one line each, so a crash's input can be
//! replayed through the same function in a plain test.
//!
//! Beyond "no panic", each function checks what the code promises of any input: the scanner
//! decides a body as serde_json does, a classification's `Debug` is one line and its unredacted
//! serde form reads back equal, a delay never exceeds the cap, `import` prints a catalog the
//! macro accepts, `check_source` reports a mistake exactly when the macro emits
//! `compile_error!`, and a framed recording reads back as it was.

#![forbid(unsafe_code)]

use std::path::Path;
use std::time::{Duration, SystemTime};

use catalog_core::delay::{MAX_DELAY, parse_delay};
use catalog_core::spec::Wire;
use catalog_core::{Catalog, Classification, ProviderError};
use catalog_docs::import::{ImportOptions, RecordedResponse, import, import_tables};
use proc_macro2::{TokenStream, TokenTree};

/// The clock HTTP-dates are read against, fixed so that a crash replays alike:
/// 2026-01-01T00:00:00Z.
pub const CLOCK: Duration = Duration::from_secs(1_767_225_600);

/// `classify_<provider>`: the input is a response framed as [`contract_tests::recording::framed`] lays it out
/// (status, header lines, body), classified against `C`'s catalog; then everything users print
/// or store of the result.
pub fn classify<C: Catalog>(input: &[u8]) {
    let response = contract_tests::recording::framed::unframe(input);
    let now = SystemTime::UNIX_EPOCH + CLOCK;
    let classification = Classification::at(
        C::spec(),
        response.status,
        &response.headers,
        response.body,
        now,
    );
    let _ = classification.to_string();
    let debug = format!("{classification:?}");
    assert!(!debug.contains('\n'), "Debug is one line: {debug}");
    let _ = classification.variant::<C>();
    let _ = classification.retry();

    // Redaction, as `record` applies it to a body: no panic, and what it leaves holds nothing
    // it would take out again.
    let redactor = catalog_core::redact::Redactor::new(C::spec());
    if let Some(once) = redactor.body(response.body, &mut Vec::new()) {
        let mut again = Vec::new();
        let twice = redactor.body(once.as_bytes(), &mut again);
        assert!(
            again.is_empty(),
            "redacting {once:?} again took out {again:?}: {twice:?}"
        );
    }

    // The redacted form (logs, `cargo xtask classify`) reads back as an error of the catalog;
    // the unredacted form (storage) reads back equal.
    let redacted = serialize(&classification);
    if let Err(error) = serde_json::from_str::<ProviderError<C>>(&redacted) {
        panic!("the redacted form does not read back: {error}: {redacted}");
    }
    let unredacted = serialize(&classification.unredacted());
    let owned = classification.into_owned();
    match serde_json::from_str::<ProviderError<C>>(&unredacted) {
        Ok(back) => assert!(
            *back.classification() == owned,
            "the unredacted form reads back otherwise: {unredacted}"
        ),
        Err(error) => panic!("the unredacted form does not read back: {error}: {unredacted}"),
    }
}

fn serialize(value: &impl serde::Serialize) -> String {
    match serde_json::to_string(value) {
        Ok(json) => json,
        Err(error) => panic!("a classification does not serialize: {error}"),
    }
}

/// `scan_vs_serde`: the first byte picks a wire format ([`wire`]), the rest is the body, read
/// with the scanner and with the serde_json reference parser; whatever the scanner decides,
/// serde_json must decide alike.
pub fn scan_vs_serde(input: &[u8]) {
    let Some((&selector, body)) = input.split_first() else {
        return;
    };
    // Bodies reach the parsers as text: `classify` checks UTF-8 before either runs.
    let Ok(body) = std::str::from_utf8(body) else {
        return;
    };
    if let Err(disagreement) = catalog_core::__fuzz::scan_agrees_with_serde(wire(selector), body) {
        panic!("{disagreement}");
    }
}

/// The wire format a selector byte picks: the seed providers' first, in the order of
/// [`providers::all`] (so `cargo xtask fuzz` seeds each recorded body with its provider's
/// index), then the samples the property tests use.
pub fn wire(selector: u8) -> &'static Wire {
    let catalogs = providers::all();
    let samples = catalog_core::__fuzz::sample_wires();
    let index = usize::from(selector) % (catalogs.len() + samples.len());
    match catalogs.get(index) {
        Some(spec) => &spec.wire,
        None => samples[index - catalogs.len()],
    }
}

/// `docs_page`: the input as a docs page; its drift against a seed catalog (picked by the
/// page's length, so that each run reads the page once for drift), and the catalog `import`
/// scaffolds from it, which the macro must accept.
pub fn docs_page(input: &[u8]) {
    let page = String::from_utf8_lossy(input);
    let catalogs = providers::all();
    let spec = catalogs[input.len() % catalogs.len()];
    let html = catalog_docs::page::html_tables(&page);
    for result in [
        catalog_docs::drift::drift(spec, &page),
        catalog_docs::drift::drift_tables(spec, &html),
    ] {
        match result {
            Ok(found) => {
                for drift in found {
                    let _ = drift.to_string();
                }
            }
            Err(error) => {
                let _ = error.to_string();
            }
        }
    }
    // The page read as Markdown, and as HTML with itself as a recorded response, so the
    // HTML reader, canonical links and the wire inference from samples are fuzzed too.
    let options = ImportOptions::new("fuzzed", "https://example.com/errors");
    let recorded = [RecordedResponse {
        origin: "fuzzed.json".to_owned(),
        status: Some(400),
        body: input.to_vec(),
        headers: Vec::new(),
    }];
    let html_options = ImportOptions {
        recorded: &recorded,
        ..ImportOptions::new("fuzzed", "https://example.com/errors")
    };
    for result in [
        import(&page, &options),
        import_tables(&page, &html, &html_options),
    ] {
        match result {
            Ok(scaffold) => {
                let mistakes = catalog_dsl::check_source(invocation(&scaffold));
                assert!(
                    mistakes.is_empty(),
                    "import printed a catalog the macro refuses: {mistakes:?}\n{scaffold}"
                );
            }
            Err(error) => {
                let _ = error.to_string();
            }
        }
    }
}

/// What stands between `provider_errors! {` and the last `}` of `import`'s output.
fn invocation(scaffold: &str) -> &str {
    const OPEN: &str = "provider_errors! {";
    let start = scaffold.find(OPEN).map_or(0, |at| at + OPEN.len());
    let end = scaffold.rfind('}').unwrap_or(scaffold.len()).max(start);
    &scaffold[start..end]
}

/// `har`: the input as a HAR file; every recording it holds reads back as it was once framed
/// for the classification targets.
pub fn har(input: &[u8]) {
    let recordings = match contract_tests::recording::parse(Path::new("fuzzed.har"), input) {
        Ok(recordings) => recordings,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    for recording in recordings {
        let _ = recording.label();
        let framed = contract_tests::recording::framed::frame(
            recording.status,
            &recording.headers,
            &recording.body,
        );
        let back = contract_tests::recording::framed::unframe(&framed);
        assert_eq!(back.status, recording.status, "{}", recording.label());
        assert_eq!(back.headers, recording.headers, "{}", recording.label());
        assert_eq!(back.body, recording.body, "{}", recording.label());
    }
}

/// `delay`: the input as a retry hint, read against clocks before, at and long after the
/// present; a delay read is never longer than [`MAX_DELAY`].
pub fn delay(input: &[u8]) {
    let hint = String::from_utf8_lossy(input);
    let day = Duration::from_secs(24 * 60 * 60);
    let clocks = [
        SystemTime::UNIX_EPOCH.checked_sub(day),
        Some(SystemTime::UNIX_EPOCH),
        SystemTime::UNIX_EPOCH.checked_add(CLOCK),
        // 10000-01-01, past every HTTP-date.
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(253_402_300_800)),
    ];
    for now in clocks.into_iter().flatten() {
        if let Some(delay) = parse_delay(&hint, now) {
            assert!(delay <= MAX_DELAY, "{delay:?} read from {hint:?}");
        }
    }
}

/// `dsl`: the input as the text of a `provider_errors!` invocation; `check_source` reports a
/// mistake exactly when the macro's expansion holds a `compile_error!`.
pub fn dsl(input: &[u8]) {
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    let mistakes = catalog_dsl::check_source(text);
    let Ok(tokens) = text.parse::<TokenStream>() else {
        assert!(
            !mistakes.is_empty(),
            "text that is no tokens passed: {text:?}"
        );
        return;
    };
    let expanded = catalog_dsl::expand(tokens);
    let refused = has_compile_error(expanded);
    assert_eq!(
        refused,
        !mistakes.is_empty(),
        "check_source said {mistakes:?}, the expansion {} a compile_error!: {text:?}",
        if refused { "holds" } else { "holds no" }
    );
}

fn has_compile_error(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "compile_error",
        TokenTree::Group(group) => has_compile_error(group.stream()),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
