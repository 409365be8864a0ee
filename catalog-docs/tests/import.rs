//! `import` on every seed docs page: the output lists every code of the page and compiles,
//! unchanged, in a fresh crate that depends on catalog-core alone.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_docs::import::{ImportError, ImportOptions, import};

const SEED_PAGES: [(&str, usize); 5] = [
    ("plaid-legacy", 59),
    ("mastercard-au", 18),
    ("connect-api", 22),
    ("aiia", 12),
    ("mdes", 38),
];

fn imported(id: &str) -> String {
    let path = fixtures::docs_snapshot(id);
    let page = std::fs::read_to_string(&path).unwrap();
    let source = format!("fixtures/docs/{id}.md");
    import(&page, &ImportOptions::new(id, &source)).unwrap_or_else(|error| panic!("{id}: {error}"))
}

#[test]
fn every_seed_page_imports_every_code_and_compiles() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("import");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = trybuild::TestCases::new();
    for (id, rows) in SEED_PAGES {
        let output = imported(id);
        let row_lines = output
            .lines()
            .filter(|line| line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .count();
        assert_eq!(row_lines, rows, "{id}:\n{output}");
        assert!(output.contains(&format!("id: {id:?}")), "{output}");
        assert_no_allow(&output);
        let file = dir.join(format!("{id}.rs"));
        std::fs::write(&file, format!("{output}\nfn main() {{}}\n")).unwrap();
        cases.pass(&file);
    }
}

#[test]
fn guesses_are_stated_and_each_row_is_marked_for_review() {
    let output = imported("plaid-legacy");
    assert!(output.contains(
        "//   - table at docs line 5 (HTTP | Code | Message | Resolve): code = \"Code\", status = \"HTTP\", message = \"Message\", remediation = \"Resolve\""
    ), "{output}");
    // Every row follows its review lines: how it was decided, then, where the docs read it
    // otherwise than the rules permit, the docs' reading.
    let lines: Vec<&str> = output.lines().map(str::trim_start).collect();
    let mut rows = 0;
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        rows += 1;
        assert!(
            lines[i - 1].starts_with("// review:"),
            "no review line above {line}\n{output}"
        );
    }
    assert_eq!(rows, 59);
    assert_no_allow(&output);
}

/// Import never writes an exception to a rule: `allow(...)` appears in review comments only.
fn assert_no_allow(output: &str) {
    for line in output.lines() {
        assert!(
            line.trim_start().starts_with("//") || !line.contains("allow("),
            "import wrote an exception: {line}\n{output}"
        );
    }
}

#[test]
fn repeated_rows_merge_and_keep_their_sections() {
    let mastercard = imported("mastercard-au");
    assert_eq!(mastercard.matches("| 103 |").count(), 1);
    assert!(
        mastercard.contains("also_in(\"User Error Codes\")"),
        "{mastercard}"
    );
    let connect = imported("connect-api");
    assert!(connect.contains("key: (status, code)"), "{connect}");
    assert!(
        connect.contains("\"Service unavailable\""),
        "codes are kept as spelled"
    );
}

#[test]
fn tables_that_do_not_fit_are_set_aside_with_their_rows() {
    let aiia = imported("aiia");
    assert!(aiia.contains("was set aside"), "{aiia}");
    assert!(aiia.contains("//   \"NetbankDown\":"), "{aiia}");
}

#[test]
fn bad_input_says_what_is_wrong() {
    let options = ImportOptions::new("x", "page.md");
    let error = import("# Errors\n\nNo tables here.\n", &options).unwrap_err();
    assert_eq!(error, ImportError::NoErrorTable { found: vec![] });
    let message = error.to_string();
    assert!(
        message.contains("tried tables with a code column, sections headed by a code")
            && message.contains("definition lists of codes")
            && message.contains("no two headings that hold codes"),
        "{message}"
    );
    let error = import("| Value | Meaning |\n|---|---|\n| a | b |\n", &options).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("a table without a code column (a header such as \"Code\", \"Error Code\" or \"Reason Code\"): its tables have: line 1: Value | Meaning"),
        "{error}"
    );
    let output = import(
        "| Code | Message |\n|---|---|\n| 1 | a |\n| | orphan |\n",
        &options,
    )
    .unwrap();
    assert!(
        output.contains(
            "//   - row at docs line 4 has no code and no status: left out, add it by hand"
        ),
        "{output}"
    );
    let bad_id = ImportOptions {
        id: "My Provider",
        ..options
    };
    assert!(matches!(import("", &bad_id), Err(ImportError::BadId(_))));
}

/// `import`'s output for a page is a catalog the macro accepts.
fn assert_import_is_accepted(page: &str) {
    assert_accepted_with(page, &ImportOptions::new("fuzzed", "page.md"));
}

/// `import`'s output for a page with these options is a catalog the macro accepts; the output.
fn assert_accepted_with(page: &str, options: &ImportOptions<'_>) -> String {
    let output = import(page, options).unwrap();
    const OPEN: &str = "provider_errors! {";
    let start = output.find(OPEN).unwrap() + OPEN.len();
    let end = output.rfind('}').unwrap();
    let mistakes = catalog_dsl::check_source(&output[start..end]);
    assert!(mistakes.is_empty(), "{mistakes:?}\n{output}");
    assert_no_allow(&output);
    output
}

/// Found by the `docs_page` fuzz target: a row whose status cell holds no status (`782`) got
/// the placeholder 400 only after rows were merged by (status, code), so it declared the
/// key of a row with 400 a second time; and a row of `400 or 409` beside one of `400` was
/// kept apart, as their lists differ, and declared (400, code) twice.
#[test]
fn rows_that_share_a_status_or_lack_one_declare_no_key_twice() {
    let header = "| HTTP | Code | Message |\n|---|---|---|\n";
    for rows in [
        "| 400 | bad | Bad |\n| 782 | bad | Bad |\n| 400 | bad | Bad again |\n",
        "| 782 | bad | Bad |\n| 400 | bad | Bad |\n| 409 | bad | Bad |\n",
        "| 400 or 409 | bad | Bad |\n| 400 | bad | Bad |\n| 422 | bad | Bad |\n",
        "| 400 | bad | Bad |\n| 409 | bad | Bad |\n| 400 or 409 | bad | Both |\n",
    ] {
        assert_import_is_accepted(&format!("{header}{rows}"));
    }
}

/// Found by the `docs_page` fuzz target: an error table with a header and no rows printed a
/// catalog without rows, which the macro refuses.
#[test]
fn a_table_without_rows_is_an_error_not_an_empty_catalog() {
    let options = ImportOptions::new("fuzzed", "page.md");
    let page = "| Error Code | HTTP Status | Error Message |\n|---|---|---|\n";
    let error = import(page, &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the error tables have no row with a code, and a catalog needs one: \
         docs line 1: Error Code | HTTP Status | Error Message"
    );
    let only_blank_codes = format!("{page}| | 400 | orphan |\n");
    assert!(matches!(
        import(&only_blank_codes, &options),
        Err(ImportError::NoRows { .. })
    ));
}

/// Found by the `docs_page` fuzz target: a `source:` line holding a carriage return went
/// into the doc comment of the scaffold, which is then no Rust tokens ("bare CR not allowed
/// in doc-comment"); such a line is no URL, and the page's origin stands in.
#[test]
fn a_source_line_with_a_control_character_is_no_url() {
    let page = "source: https://exa\rmple.com/errors\n\n| HTTP | Code | Message |\n|---|---|---|\n| 400 | bad | Bad |\n";
    assert_import_is_accepted(page);
}

/// The docs' words decide kind and retry where they name them; where the status disagrees,
/// the row keeps the rules, and a review line offers the docs' reading with the exact
/// `allow(...)` lines it needs: import never writes one itself.
#[test]
fn the_docs_words_name_keys_environments_maintenance_and_rate_limits() {
    let page = "\
| HTTP | Code | Message |
|---|---|---|
| 400 | INVALID_API_KEYS | The client ID and secret included in the request were invalid. Find your API keys in the Dashboard. |
| 400 | INVALID_PRODUCT | Your client ID does not have access to this product in this environment. |
| 400 | PLANNED_MAINTENANCE | The institution is under scheduled maintenance. |
| 400 | RATE_LIMIT | Too many requests were made. Try again later. |
| 503 | TEMPORARILY_UNAVAILABLE | The service is temporarily unavailable. |
| 429 | KEY_RATE_LIMIT | Too many requests for this API key. |
| 503 | SANDBOX_DOWN | The sandbox environment is down for maintenance. |
| 400 | AMOUNT_TOO_LARGE | The amount is too large. Use a lower amount and try again. |
| 402 | LIMIT_EXCEEDED | The card's limit was exceeded. |
";
    let output = import(page, &ImportOptions::new("words", "page.md")).unwrap();
    assert_no_allow(&output);
    // A row and its review lines.
    let row = |code: &str| {
        let at = output
            .find(&format!("| \"{code}\" |"))
            .unwrap_or_else(|| panic!("{code}:\n{output}"));
        let start = output[..at].rfind("// review:").unwrap();
        let start = output[..start]
            .rfind("// review:")
            .filter(|earlier| !output[*earlier..start].contains(";\n"))
            .unwrap_or(start);
        let end = at + output[at..].find(";\n").unwrap();
        output[start..end].to_owned()
    };
    let keys = row("INVALID_API_KEYS");
    assert!(
        keys.contains("| never | invalid_request | integrator |")
            && keys.contains("the docs' reading: `never | unauthenticated | integrator`")
            && keys.contains("allow(status_kind, \"the docs say: The client ID and secret included in the request were invalid\")"),
        "{keys}"
    );
    let product = row("INVALID_PRODUCT");
    assert!(
        product.contains("the docs' reading: `never | permission_denied | integrator`"),
        "{product}"
    );
    let maintenance = row("PLANNED_MAINTENANCE");
    assert!(
        maintenance.contains("| never | invalid_request | integrator |")
            && maintenance.contains("the docs' reading: `backoff(3) | provider_unavailable | nobody`")
            && maintenance.contains(
                "allow(status_retry, \"the docs say: The institution is under scheduled maintenance\")"
            ),
        "{maintenance}"
    );
    let rate = row("RATE_LIMIT");
    assert!(
        rate.contains("| never | invalid_request | integrator |")
            && rate.contains("the docs' reading: `backoff(3) | rate_limited | nobody`"),
        "{rate}"
    );
    let unavailable = row("TEMPORARILY_UNAVAILABLE");
    assert!(
        unavailable.contains("| backoff(3) | provider_unavailable | nobody |")
            && !unavailable.contains("the docs' reading"),
        "{unavailable}"
    );
    // A rate limit or an outage stays one, whatever key or environment it names.
    let key_limit = row("KEY_RATE_LIMIT");
    assert!(
        key_limit.contains("| backoff(3) | rate_limited | nobody |")
            && !key_limit.contains("the docs' reading"),
        "{key_limit}"
    );
    let sandbox = row("SANDBOX_DOWN");
    assert!(
        sandbox.contains("| provider_unavailable | nobody |")
            && !sandbox.contains("the docs' reading"),
        "{sandbox}"
    );
    // "Try again" after a correction is no outage.
    let amount = row("AMOUNT_TOO_LARGE");
    assert!(
        amount.contains("| never | invalid_request | integrator |")
            && !amount.contains("the docs' reading"),
        "{amount}"
    );
    // A 402 is the end user's to act on.
    let limit = row("LIMIT_EXCEEDED");
    assert!(
        limit.contains("| never | user_action_required | end_user |"),
        "{limit}"
    );
    assert_import_is_accepted(page);
}

/// Names, paths and origins go into comments of the output: a line break in any of them must
/// not end the comment and leave the rest as code.
#[test]
fn line_breaks_in_names_paths_and_origins_stay_inside_comments() {
    let page = "| HTTP | Code | Message |\n|---|---|---|\n| 400 | bad | Bad |\n";
    let pages = [
        catalog_docs::import::PageStart {
            origin: "docs/a\nfn evil() {}.md".to_owned(),
            offset: 0,
        },
        catalog_docs::import::PageStart {
            origin: "docs/b.md".to_owned(),
            offset: 10,
        },
    ];
    let recorded = [catalog_docs::import::RecordedResponse {
        origin: "x\n}\nfn evil() {".to_owned(),
        status: Some(400),
        body: br#"{"code": "bad", "message": "m"}"#.to_vec(),
        headers: Vec::new(),
    }];
    let options = ImportOptions {
        name: Some("Acme\n}\nfn evil() {"),
        pages: &pages,
        recorded: &recorded,
        ..ImportOptions::new("acme", "docs/\r\nsource")
    };
    let output = assert_accepted_with(page, &options);
    assert!(!output.contains("\nfn evil"), "{output}");
}

/// Found by the `docs_page` fuzz target: keyed by (category, code), a row without a type got
/// the page's first type only when printed, and declared the key of the row of that type again.
#[test]
fn a_row_without_a_type_takes_the_stand_in_before_rows_merge() {
    let page = "\
| HTTP | Code | Error type | Message |
|---|---|---|---|
| 400 | PRODUCT_NOT_READY | | The report is still being built. |
| 400 | PRODUCT_NOT_READY | ASSET_REPORT_ERROR | The report is still being built. |
| 400 | PRODUCT_NOT_READY | ITEM_ERROR | The product is not ready for this item. |
";
    assert_import_is_accepted(page);
    let output = import(page, &ImportOptions::new("stand-in", "page.md")).unwrap();
    assert_eq!(
        output.matches("| \"PRODUCT_NOT_READY\" |").count(),
        2,
        "{output}"
    );
    // A row without a type whose code no typed row has keeps the stand-in, and says so.
    let lone = format!("{page}| 404 | ITEM_NOT_FOUND | | No such item. |\n");
    let output = import(&lone, &ImportOptions::new("stand-in", "page.md")).unwrap();
    assert!(
        output.contains(
            "the docs give no type: \"ASSET_REPORT_ERROR\", the page's first, is a placeholder"
        ),
        "{output}"
    );
    assert_import_is_accepted(&lone);
}

/// Found by the `docs_page` fuzz target: two spellings of a type that make one category name
/// (`Data Connect Fix`, `Data-Connect Fix`) kept two rows of a code apart, printed with one key.
#[test]
fn spellings_of_one_type_are_one_category() {
    let page = "\
| HTTP | Code | Error type | Message |
|---|---|---|---|
| 500 | 185 | Data Connect Fix | Missing MFA answer. |
| 500 | 185 | Data-Connect Fix | Missing MFA answer. |
| 500 | 185 | Retry Later | Missing MFA answer, later. |
";
    assert_import_is_accepted(page);
    let output = import(page, &ImportOptions::new("spellings", "page.md")).unwrap();
    assert_eq!(output.matches("| 185 |").count(), 2, "{output}");
}

/// Codes that sit in a list of errors: every pointer `import` writes keeps to the DSL's rules
/// (one list at most, an error's fields inside it, the request id outside).
#[test]
fn recorded_lists_give_pointers_the_macro_accepts() {
    let page = "\
| HTTP | Code | Error type | Message |
|---|---|---|---|
| 400 | 1200 | A_TYPE | Bad. |
| 400 | 1200 | B_TYPE | Bad too. |
";
    for body in [
        r#"{"Errors": {"Error": [{"ReasonCode": 1200}]}}"#,
        r#"{"message": "top", "type": "t", "errors": [{"code": "1200", "request_id": "in"}], "request_id": "r"}"#,
        r#"{"errors": [{"details": [{"code": "1200"}]}]}"#,
    ] {
        let recorded = [catalog_docs::import::RecordedResponse {
            origin: "r.json".to_owned(),
            status: Some(400),
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
        }];
        let options = ImportOptions {
            recorded: &recorded,
            ..ImportOptions::new("listed", "page.md")
        };
        assert_accepted_with(page, &options);
    }
}

#[test]
fn example_sections_below_a_table_of_codes_decide_the_wire_not_the_rows() {
    // A table of every code, then "Example responses" for some of them, as Stripe-like
    // pages have it: the table is the catalog, the sections' samples say where the code is.
    let page = "# Errors\n\n\
        | HTTP | Code | Message |\n|---|---|---|\n\
        | 402 | `card_declined` | The card was declined. |\n\
        | 402 | `expired_card` | The card has expired. |\n\
        | 400 | `parameter_missing` | A required parameter is missing. |\n\n\
        ## Example responses\n\n\
        ### card_declined\n\nThe issuer declined the card.\n\n\
        ```http\nHTTP/1.1 402 Payment Required\n\n{\"error\": {\"code\": \"card_declined\", \"message\": \"Your card was declined.\"}}\n```\n";
    let output = import(page, &ImportOptions::new("cards", "docs/cards.md")).unwrap();
    let rows = output
        .lines()
        .filter(|line| line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(rows, 3, "{output}");
    assert!(
        output.contains("//   - sections at docs line 11: example responses of codes a table lists; read for the wire format only"),
        "{output}"
    );
    assert!(
        output.contains("wire: json { code: \"/error/code\", message: \"/error/message\" }"),
        "{output}"
    );
}

/// A column of advice ("Remediation Category") is read as words, not as a key; where the
/// recorded responses send its values as a field, it is the row's type too.
#[test]
fn an_advice_column_is_words_unless_the_samples_send_it() {
    let page = "\
| Error Code | Remediation Category | HTTP Status | Error Message |
|---|---|---|---|
| 325 | Retry Later | 500 | The account is being refreshed. |
| 978 | Invalid Input | 500 | An error occurred. |
";
    let output = import(page, &ImportOptions::new("advice", "page.md")).unwrap();
    assert!(!output.contains("categories:"), "{output}");
    assert!(
        output.contains("is advice, read as words before the message"),
        "{output}"
    );
    let recorded = [
        catalog_docs::import::RecordedResponse {
            origin: "r.json entry 0".to_owned(),
            status: Some(500),
            body: br#"{"code": 325, "category": "Retry Later", "message": "m"}"#.to_vec(),
            headers: Vec::new(),
        },
        catalog_docs::import::RecordedResponse {
            origin: "r.json entry 1".to_owned(),
            status: Some(500),
            body: br#"{"code": 978, "category": "Invalid Input", "message": "m"}"#.to_vec(),
            headers: Vec::new(),
        },
    ];
    let options = ImportOptions {
        recorded: &recorded,
        ..ImportOptions::new("advice", "page.md")
    };
    let output = assert_accepted_with(page, &options);
    assert!(
        output.contains(
            "the advice column is sent as a field (/category): it is each row's type too"
        ) && output.contains("RetryLater = \"Retry Later\""),
        "{output}"
    );
}

/// An empty code cell beside a status is an error sent without a code (Stripe's `api_error`):
/// a row without a code (`_`), named after its type, keyed by its status and merged with a
/// row of the same key; the macro accepts it. Two types without a code at one status need
/// the `(category, code)` key, as the macro's key rule says.
#[test]
fn an_empty_code_cell_beside_a_status_is_a_row_without_a_code() {
    let header = "| Type | Status | Code | Description |\n|---|---|---|---|\n";
    let rows = "| api_error | 500 | | Something went wrong on our side. |\n\
        | idempotency_error | 400 | | An idempotency key was used again. |\n\
        | invalid_request_error | 400 | parameter_missing | A required parameter is missing. |\n\
        | api_error | 500 | | The same error, listed again. |\n";
    let options = ImportOptions::new("stripe-like", "page.md");
    let output = assert_accepted_with(&format!("{header}{rows}"), &options);
    for expected in [
        "key: code,",
        "500 | _ | Api | ApiError | backoff(3) | internal | provider | \"Something went wrong on our side.\";",
        "400 | _ | Idempotency | IdempotencyError | never |",
        "400 | \"parameter_missing\" | InvalidRequest | ParameterMissing |",
        "//   - row at docs line 3 has no code: a row without one (`_`), for the errors sent without a code at HTTP 500",
    ] {
        assert!(output.contains(expected), "{expected}\n{output}");
    }
    assert_eq!(
        output.matches("| _ |").count(),
        2,
        "merged by key:\n{output}"
    );

    let card = "| card_error | 500 | | A card network failed. |\n";
    let output = assert_accepted_with(&format!("{header}{rows}{card}"), &options);
    assert!(output.contains("key: (category, code),"), "{output}");
    assert!(
        output.contains("500 | _ | Card | CardError | backoff(3) |"),
        "{output}"
    );
    assert_eq!(output.matches("| _ |").count(), 3, "{output}");

    // `--explain` names the row by `_`.
    let imported = catalog_docs::import::import_all(
        "",
        &catalog_docs::page::tables(&format!("{header}{rows}")),
        &options,
    )
    .unwrap();
    assert!(
        imported
            .explanation
            .contains("\n_ ApiError (docs line 3)\n"),
        "{}",
        imported.explanation
    );

    // Numeric codes beside it stay numbers; a row without a type is named by its message.
    let numbers = "| Status | Code | Message |\n|---|---|---|\n| 400 | 1200 | Invalid credentials. |\n| 503 | | Service unavailable, try later. |\n";
    let output = assert_accepted_with(numbers, &options);
    assert!(
        output.contains("400 | 1200 | InvalidCredentials |"),
        "{output}"
    );
    assert!(
        output.contains("503 | _ | ServiceUnavailable |"),
        "{output}"
    );
}

/// A page without statuses, with a type column: a code no response shows takes the status
/// that every recorded code of its type came with, and says so; a type whose codes came with
/// several statuses gives none, and the placeholder says so.
#[test]
fn a_code_without_a_recording_takes_the_status_its_types_codes_came_with() {
    let page = "\
| Type | Code | Description |
|---|---|---|
| card_error | card_declined | The card was declined. |
| card_error | expired_card | The card has expired. |
| card_error | incorrect_cvc | The card's security code is incorrect. |
| card_error | card_missing | No such card exists: it was not found. |
| invalid_request_error | parameter_missing | A required parameter is missing. |
| invalid_request_error | resource_missing | No such object. |
| invalid_request_error | parameter_invalid_integer | An integer parameter is invalid. |
";
    let response = |status: u16, kind: &str, code: &str| catalog_docs::import::RecordedResponse {
        origin: format!("capture.har entry {code}"),
        status: Some(status),
        body: format!(r#"{{"error": {{"type": "{kind}", "code": "{code}", "message": "m"}}}}"#)
            .into_bytes(),
        headers: vec![("Request-Id".to_owned(), "req_1".to_owned())],
    };
    let recorded = [
        response(402, "card_error", "card_declined"),
        response(402, "card_error", "expired_card"),
        response(400, "invalid_request_error", "parameter_missing"),
        response(404, "invalid_request_error", "resource_missing"),
    ];
    let options = ImportOptions {
        recorded: &recorded,
        ..ImportOptions::new("harbor", "errors.md")
    };
    let output = assert_accepted_with(page, &options);
    assert!(output.contains("402 | \"incorrect_cvc\" |"), "{output}");
    assert!(
        output.contains("status from recorded responses (none of its own; the 2 recorded code(s) of its type card_error all came with 402)"),
        "{output}"
    );
    // Its words say "not found", which 402 cannot be: the placeholder that goes with them.
    assert!(output.contains("404 | \"card_missing\" |"), "{output}");
    // 400 and 404 for invalid_request_error: no one status, so the placeholder stands.
    assert!(
        output.contains("no page, spec or recording gives a status: 400 is a placeholder"),
        "{output}"
    );
}

/// Errors without a code beside a catalog keyed by (type, code): one with a type and one
/// without (a gateway's 502) become rows without a code that the macro accepts, whatever the
/// key.
#[test]
fn errors_without_a_code_become_rows_the_macro_accepts_under_any_key() {
    let page = "\
| Type | Code | Description |
|---|---|---|
| ITEM_ERROR | INVALID_INPUT | The item's input is invalid. |
| API_ERROR | INVALID_INPUT | The request's input is invalid. |
| API_ERROR | INTERNAL_SERVER_ERROR | Something went wrong. |
";
    let response = |status: u16, body: &str| catalog_docs::import::RecordedResponse {
        origin: format!("capture.har entry {status}"),
        status: Some(status),
        body: body.as_bytes().to_vec(),
        headers: Vec::new(),
    };
    let recorded = [
        response(
            400,
            r#"{"error_type": "ITEM_ERROR", "error_code": "INVALID_INPUT", "error_message": "bad"}"#,
        ),
        response(
            500,
            r#"{"error_type": "API_ERROR", "error_message": "internal error, no code"}"#,
        ),
        response(502, r#"{"error_message": "upstream connect error"}"#),
    ];
    let options = ImportOptions {
        recorded: &recorded,
        ..ImportOptions::new("keyed", "errors.md")
    };
    let output = assert_accepted_with(page, &options);
    assert!(output.contains("key: (category, code)"), "{output}");
    // INVALID_INPUT was recorded under ITEM_ERROR only: it tells nothing of API_ERROR's
    // statuses, and INTERNAL_SERVER_ERROR keeps the placeholder its name gives.
    assert!(
        output.contains("500 | \"INTERNAL_SERVER_ERROR\" | Api |"),
        "{output}"
    );
    let rows_without_a_code = output
        .lines()
        .filter(|line| line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .filter(|line| line.contains("| _ |"))
        .count();
    assert_eq!(rows_without_a_code, 2, "{output}");
}
