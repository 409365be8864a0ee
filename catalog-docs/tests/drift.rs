//! Docs drift on the seed snapshots: they agree with the catalogs, and each kind of edit to
//! a snapshot shows as exactly that difference.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_docs::drift::{Change, Side, drift};

fn snapshot(id: &str) -> String {
    std::fs::read_to_string(fixtures::docs_snapshot(id)).unwrap()
}

#[test]
fn every_snapshot_agrees_with_its_catalog() {
    for spec in providers::all() {
        let found = drift(spec, &snapshot(spec.id)).unwrap_or_else(|error| panic!("{error}"));
        let review: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert!(found.is_empty(), "{}:\n{}", spec.id, review.join("\n"));
    }
}

#[test]
fn edits_to_a_snapshot_show_as_exactly_those_differences() {
    let page = snapshot("plaid-legacy")
        .replace("`402` | `1218` | *mfa not required* | This item does not require the MFA process at this time.\n", "")
        .replace("`402` | `1200` | *invalid credentials*", "`400` | `1200` | *invalid credentials*")
        .replace("`402` | `1205` | *account locked*", "`402` | `1205` | *account is locked*")
        .replace("`404` | `1300`", "`402` | `1219` | *invalid pin format* | The pin must be four digits.\n`404` | `1300`");
    let found = drift(providers::PlaidLegacy::spec(), &page).unwrap();
    let summary: Vec<(Change, &str, Option<&str>)> = found
        .iter()
        .map(|d| (d.change, d.code.as_str(), d.field))
        .collect();
    assert_eq!(
        summary,
        [
            (Change::Added, "1219", None),
            (Change::Removed, "1218", None),
            (Change::Changed, "1200", Some("status")),
            (Change::Changed, "1205", Some("message")),
        ]
    );
    let status = &found[2];
    assert_eq!(status.docs, Some(Side::Statuses(vec![400])));
    assert_eq!(status.catalog, Some(Side::Statuses(vec![402])));
    let json = serde_json::to_value(&found[3]).unwrap();
    assert_eq!(json["change"], "changed");
    assert_eq!(json["field"], "message");
    assert_eq!(json["docs"], "account is locked");
    assert_eq!(json["catalog"], "account locked");
}

#[test]
fn entries_added_on_purpose_are_not_drift() {
    let spec = providers::PlaidLegacy::spec();
    assert!(spec.entries.iter().any(|entry| entry.code_text == "1113"));
    let found = drift(spec, &snapshot("plaid-legacy")).unwrap();
    assert!(found.iter().all(|d| d.code != "1113"));
}

#[test]
fn a_page_without_the_tables_is_bad_input_that_says_what_it_has() {
    let error = drift(
        providers::PlaidLegacy::spec(),
        "# Errors\n\n| Value | Meaning |\n|---|---|\n| a | b |\n",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "no table of the page has the columns of `plaid-legacy`'s entries (\"Code\", \"HTTP\", \
         \"Message\", \"Resolve\"); its tables have: line 3: Value | Meaning"
    );
}

#[test]
fn a_row_without_a_code_is_drift_not_silence() {
    let page = snapshot("plaid-legacy").replace("`400` | `1001` |", "`400` | |");
    let found = drift(providers::PlaidLegacy::spec(), &page).unwrap();
    let summary: Vec<(Change, &str)> = found.iter().map(|d| (d.change, d.code.as_str())).collect();
    assert_eq!(summary, [(Change::Added, ""), (Change::Removed, "1001")]);
    assert!(
        found[0].to_string().contains("(a row without a code)"),
        "{}",
        found[0]
    );
}

#[test]
fn the_json_form_gives_each_side_as_the_docs_and_the_catalog_spell_it() {
    let json = |found: &[catalog_docs::drift::Drift]| serde_json::to_value(found).unwrap();

    // Under a `(status, code)` key, a changed status is one key removed and one added: paired,
    // each side is the one status.
    let page =
        snapshot("connect-api").replace("| 403 | forbidden-access |", "| 401 | forbidden-access |");
    let found = drift(providers::ConnectApi::spec(), &page).unwrap();
    assert_eq!(
        json(&found),
        serde_json::json!([{
            "change": "changed", "code": "forbidden-access", "status": 401, "sub_code_of": null,
            "variant": "ForbiddenAccess", "field": "status", "docs": 401, "catalog": 403, "line": 29,
        }])
    );

    // A row the catalog lacks is the docs' whole row; an entry the docs lack, the catalog's.
    let page = snapshot("mdes").replace("| INVALID_OAUTH_SBS ", "| INVALID_OAUTH_SBX ");
    let found = drift(providers::Mdes::spec(), &page).unwrap();
    assert_eq!(
        json(&found),
        serde_json::json!([
            {
                "change": "added", "code": "INVALID_OAUTH_SBX", "status": null, "sub_code_of": null,
                "variant": null, "field": null, "line": 44, "catalog": null,
                "docs": {
                    "code": "INVALID_OAUTH_SBX", "statuses": [],
                    "message": "Problem with signature base string", "remediation": null,
                    "category": null, "section": "Gateway Error Messages",
                },
            },
            {
                "change": "removed", "code": "INVALID_OAUTH_SBS", "status": null, "sub_code_of": null,
                "variant": "InvalidOauthSbs", "field": null, "line": null, "docs": null,
                "catalog": {
                    "code": "INVALID_OAUTH_SBS", "variant": "InvalidOauthSbs", "statuses": [401],
                    "message": "Problem with signature base string", "remediation": null,
                    "category": null,
                },
            },
        ])
    );

    // A sub-code the docs lack is the catalog's code, name and message.
    let page = snapshot("aiia").replace("| `NetbankDown` ", "| `NetbankGone` ");
    let found = drift(providers::Aiia::spec(), &page).unwrap();
    assert_eq!(found.len(), 2, "{found:#?}");
    let removed = json(&found)[1].clone();
    assert_eq!(removed["sub_code_of"], "ProviderCallFailed");
    assert_eq!(removed["catalog"]["code"], "NetbankDown");
    assert_eq!(removed["catalog"]["name"], "NetbankDown");
    assert!(
        removed["catalog"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Occurs when the provider is having prolonged technical issues"),
        "{removed}"
    );
}

catalog_core::provider_errors! {
    /// Codes unique only within their type: drift keys rows by `(category, code)`.
    provider Typed {
        id: "typed",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Item = "ITEM_ERROR", Assets = "ASSET_REPORT_ERROR" },
        wire: json { code: "/error_code", category: "/error_type" },
        columns: category | status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { category: "Type", code: "Code", status: "HTTP", message: "Message" } },
    }
    Item | 400 | "PRODUCT_NOT_READY" | ItemNotReady | never | user_action_required | integrator | "The item is not ready.";
    Assets | 400 | "PRODUCT_NOT_READY" | AssetsNotReady | never | user_action_required | integrator | "The report is not ready.";
}

#[test]
fn a_code_shared_by_types_drifts_per_type() {
    let page = "# Errors\n\n| Type | Code | HTTP | Message |\n|---|---|---|---|\n\
                | ITEM_ERROR | PRODUCT_NOT_READY | 400 | The item is not ready. |\n\
                | ASSET_REPORT_ERROR | PRODUCT_NOT_READY | 400 | The report is not ready. |\n";
    assert_eq!(drift(Typed::spec(), page).unwrap(), []);
    let edited = page
        .replace(
            "The report is not ready.",
            "The report is still being built.",
        )
        .replace("| ITEM_ERROR |", "| TRANSACTIONS_ERROR |");
    let found = drift(Typed::spec(), &edited).unwrap();
    let summary: Vec<(Change, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|d| (d.change, d.category.as_deref(), d.field))
        .collect();
    assert_eq!(
        summary,
        [
            (Change::Added, Some("TRANSACTIONS_ERROR"), None),
            (Change::Removed, Some("ITEM_ERROR"), None),
            (Change::Changed, Some("ASSET_REPORT_ERROR"), Some("message")),
        ]
    );
    assert!(
        found[2]
            .to_string()
            .contains("(ASSET_REPORT_ERROR, PRODUCT_NOT_READY) (AssetsNotReady)"),
        "{}",
        found[2]
    );
}
