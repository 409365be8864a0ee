//! The probe of a catalog's body pointers: what it says of a body, source by source, and that
//! what it keeps stays bounded whatever the body holds.

#![allow(clippy::unwrap_used)]

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::probe::{BodyProbe, DeclaredField, MAX_KEYS_KEPT, Probe, SourceProbe};
use catalog_core::{BodyErrorKind, Classification};

catalog_core::provider_errors! {
    /// A list of errors, a request id beside it, and a header.
    pub provider Listed {
        id: "listed",
        docs: "https://listed.test/errors",
        wire: json {
            code: "/errors/*/code",
            title: "/errors/*/title",
            request_id: "/meta/request_id" or header "X-Request-Id",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "Bad.";
}

fn read(body: &str) -> BodyProbe {
    Probe::new(Listed::spec()).read(body.as_bytes())
}

/// What the probe found for the source at `index` of `Probe::sources`.
fn at(read: &BodyProbe, index: usize) -> &SourceProbe {
    &read.sources()[index]
}

#[test]
fn sources_are_listed_in_declaration_order_with_their_fields() {
    let probe = Probe::new(Listed::spec());
    let names: Vec<String> = probe
        .sources()
        .iter()
        .map(|declared| format!("{} {}", declared.field, declared.source))
        .collect();
    assert_eq!(
        names,
        [
            "code /errors/*/code",
            "title /errors/*/title",
            "request_id /meta/request_id",
            "request_id header X-Request-Id",
        ]
    );
    assert!(
        probe
            .sources()
            .iter()
            .all(|declared| declared.shape == 0 && declared.field != DeclaredField::FieldErrors)
    );
}

/// Each element that lacks the segment counts its keys once; a later element that has it
/// fills the source all the same.
#[test]
fn each_element_lacking_the_segment_counts_its_keys() {
    let found = read(
        r#"{"errors": [{"error_code": "a", "title": "A"}, {"error_code": "b"}, {"code": "c"}]}"#,
    );
    assert_eq!(found.body_error(), None);
    let code = at(&found, 0);
    assert!(code.filled);
    // `errors` and `*` walked; `code` missing.
    assert_eq!(code.stopped_at, Some(2));
    assert_eq!(code.keys_instead.by_frequency(), ["error_code", "title"]);
    let counts: Vec<(&str, usize)> = code.keys_instead.iter().collect();
    assert_eq!(counts, [("error_code", 2), ("title", 1)]);
    // `title` is missing from the last two elements: a key each, equally frequent.
    let title = at(&found, 1);
    assert!(title.filled);
    assert_eq!(title.keys_instead.by_frequency(), ["code", "error_code"]);
    // Nothing under `meta`: it is missing from the top object, which has `errors`.
    let request_id = at(&found, 2);
    assert!(!request_id.filled);
    assert_eq!(request_id.stopped_at, Some(0));
    assert_eq!(request_id.keys_instead.by_frequency(), ["errors"]);
}

/// The classifier's reading of `*`: a lone object is a list of one; `null` fills nothing,
/// nor does a value of the wrong kind; a value that is no object stops the walk without keys
/// to show.
#[test]
fn a_lone_object_is_a_list_of_one_and_null_fills_nothing() {
    let lone = read(r#"{"errors": {"code": "bad", "title": null}}"#);
    assert!(at(&lone, 0).filled);
    assert!(!at(&lone, 1).filled);
    assert_eq!(at(&lone, 1).stopped_at, None);

    let number = read(r#"{"errors": 42, "meta": "none"}"#);
    assert!(
        number
            .sources()
            .iter()
            .all(|found| *found == SourceProbe::default())
    );

    // An object where a code should be is no code, as classification reads none from it.
    let object = read(r#"{"errors": [{"code": {"id": 1}}]}"#);
    assert!(!at(&object, 0).filled);
    assert_eq!(at(&object, 0).stopped_at, None);
}

#[test]
fn header_sources_are_not_walked() {
    let found = read(r#"{"meta": {"request_id": "r-1"}, "X-Request-Id": "r-2"}"#);
    assert!(at(&found, 2).filled);
    assert_eq!(*at(&found, 3), SourceProbe::default());
}

/// A body that is not JSON says why and fills nothing, even where a pointer found a value
/// before the body broke off.
#[test]
fn a_body_that_is_not_json_fills_nothing_and_says_why() {
    for (body, kind) in [
        (r#"{"errors": [{"code": "bad"}"#, BodyErrorKind::NotJson),
        (
            "<html><body>502 Bad Gateway</body></html>",
            BodyErrorKind::NotJson,
        ),
        ("", BodyErrorKind::Empty),
    ] {
        let found = read(body);
        assert_eq!(
            found.body_error().map(|error| error.kind()),
            Some(kind),
            "{body:?}"
        );
        assert!(
            found
                .sources()
                .iter()
                .all(|found| *found == SourceProbe::default())
        );
    }
    let not_utf8 = Probe::new(Listed::spec()).read(b"{\"errors\": \"\xff\"}");
    assert_eq!(
        not_utf8.body_error().map(|error| error.kind()),
        Some(BodyErrorKind::NotUtf8)
    );
}

/// However many keys an object has, the keys kept are capped.
#[test]
fn the_keys_kept_are_bounded_however_wide_the_object() {
    let keys: Vec<String> = (0..10_000).map(|n| format!("\"key{n}\": {n}")).collect();
    let body = format!(r#"{{"errors": [{{{}}}, {{"other": 1}}]}}"#, keys.join(", "));
    let found = read(&body);
    let code = at(&found, 0);
    assert_eq!(code.keys_instead.iter().count(), MAX_KEYS_KEPT);
    // The first ones met are kept, and counted.
    assert_eq!(
        code.keys_instead.iter().find(|(key, _)| *key == "key0"),
        Some(("key0", 1))
    );
}

/// A body nested far deeper than any pointer is read as the classifier reads it, without a
/// crash: skipped past the plan's depth, however deep.
#[test]
fn a_deeply_nested_body_is_read_as_the_classifier_reads_it() {
    let depth = 100_000;
    for body in [
        format!(
            r#"{{"errors": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            r#"{{"errors": [{{"code": "bad", "x": {}{}}}]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    ] {
        let found = read(&body);
        let headers = HeaderMap::new();
        let classified = Classification::new(
            Listed::spec(),
            StatusCode::BAD_REQUEST,
            &headers,
            body.as_bytes(),
        );
        assert_eq!(found.body_error(), classified.body_error());
        assert_eq!(at(&found, 0).filled, classified.code().is_some());
        // Deep nesting off the pointers' path is no error: it is skipped.
        assert_eq!(classified.body_error(), None);
    }
}
