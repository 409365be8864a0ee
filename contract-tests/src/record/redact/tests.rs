#![allow(clippy::unwrap_used)]

use serde_json::json;

use super::*;

fn redact(entry: &mut Value) -> Vec<String> {
    let mut found = Vec::new();
    redact_entry(3, entry, &Redactor::default(), &mut found);
    found.iter().map(ToString::to_string).collect()
}

#[test]
fn a_browser_entry_loses_every_credential_and_keeps_the_rest() {
    let mut entry = json!({
        "request": {
            "method": "POST",
            "url": "https://api.acme.test/v1/pay?account=7&access_token=abc%20def#frag",
            "headers": [
                {"name": "Authorization", "value": "Bearer abc"},
                {"name": "X-Api-Key", "value": "k-1"},
                {"name": "Referer", "value": "https://app.acme.test/?api_key=k-2&page=3"},
                {"name": "Accept", "value": "application/json"}
            ],
            "cookies": [{"name": "session", "value": "s-1", "domain": "acme.test"}],
            "queryString": [
                {"name": "account", "value": "7"},
                {"name": "access_token", "value": "abc def"}
            ],
            "postData": {
                "mimeType": "application/json",
                "text": "{\"amount\":5,\"card\":{\"number\":\"4242\",\"cvc\":\"123\"},\"client_secret\":\"cs\"}"
            }
        },
        "response": {
            "status": 401,
            "headers": [
                {"name": "Set-Cookie", "value": "session=s-2; HttpOnly"},
                {"name": "X-Request-Id", "value": "r-1"}
            ],
            "cookies": [{"name": "session", "value": "s-2"}],
            "content": {"text": "{\"error_code\":\"invalid_token\"}"}
        }
    });
    let found = redact(&mut entry);
    let request = &entry["request"];
    assert_eq!(
        request["url"],
        "https://api.acme.test/v1/pay?account=7&access_token=[redacted]#frag"
    );
    assert_eq!(request["headers"][0]["value"], MARKER);
    assert_eq!(request["headers"][1]["value"], MARKER);
    assert_eq!(
        request["headers"][2]["value"],
        "https://app.acme.test/?api_key=[redacted]&page=3"
    );
    assert_eq!(request["headers"][3]["value"], "application/json");
    assert_eq!(request["cookies"][0]["value"], MARKER);
    assert_eq!(request["cookies"][0]["domain"], "acme.test");
    assert_eq!(request["queryString"][0]["value"], "7");
    assert_eq!(request["queryString"][1]["value"], MARKER);
    let body: Value = serde_json::from_str(request["postData"]["text"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"amount": 5, "card": {"number": "4242", "cvc": MARKER}, "client_secret": MARKER})
    );
    let response = &entry["response"];
    assert_eq!(response["headers"][0]["value"], MARKER);
    assert_eq!(response["headers"][1]["value"], "r-1");
    assert_eq!(response["cookies"][0]["value"], MARKER);
    assert_eq!(
        response["content"]["text"],
        "{\"error_code\":\"invalid_token\"}"
    );
    let mut found = found;
    found.sort();
    assert_eq!(
        found,
        [
            "entry 3: a value named `Authorization` in the request header `Authorization`",
            "entry 3: a value named `Set-Cookie` in the response header `Set-Cookie`",
            "entry 3: a value named `X-Api-Key` in the request header `X-Api-Key`",
            "entry 3: a value named `access_token` in the request URL",
            "entry 3: a value named `access_token` in the request queryString",
            "entry 3: a value named `api_key` in the request header `Referer`",
            "entry 3: a value named `client_secret` in the request body at /client_secret",
            "entry 3: a value named `cvc` in the request body at /card/cvc",
            "entry 3: a value named `session` in the request cookie `session`",
            "entry 3: a value named `session` in the response cookie `session`",
        ]
    );
    // A second pass finds nothing left.
    assert_eq!(redact(&mut entry), Vec::<String>::new());
}

#[test]
fn form_bodies_and_params() {
    let mut entry = json!({"request": {"postData": {
        "mimeType": "application/x-www-form-urlencoded",
        "text": "grant_type=client_credentials&client_id=app&client%5Fsecret=cs&password=pw",
        "params": [{"name": "client_secret", "value": "cs"}, {"name": "client_id", "value": "app"}]
    }}});
    let found = redact(&mut entry);
    let post = &entry["request"]["postData"];
    assert_eq!(
        post["text"],
        "grant_type=client_credentials&client_id=app&client%5Fsecret=[redacted]&password=[redacted]"
    );
    assert_eq!(post["params"][0]["value"], MARKER);
    assert_eq!(post["params"][1]["value"], "app");
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn response_bodies_lose_secrets_as_text_json_and_base64() {
    let body = r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"Expired API Key provided: sk_test_4eC39HqLyjWDarjtT1zdp7dc","payment_intent":{"client_secret":"pi_1_secret_2"}}}"#;
    let mut entry = json!({"response": {"status": 401, "content": {
        "mimeType": "application/json",
        "encoding": "base64",
        "text": base64::engine::general_purpose::STANDARD.encode(body)
    }, "redirectURL": "https://x.test/?token=t0k3n"}});
    let found = redact(&mut entry);
    let text = entry["response"]["content"]["text"].as_str().unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap();
    let decoded: Value = serde_json::from_slice(&decoded).unwrap();
    assert_eq!(decoded["error"]["payment_intent"]["client_secret"], MARKER);
    assert_eq!(
        decoded["error"]["message"],
        "Expired API Key provided: sk_test_[redacted]"
    );
    assert_eq!(decoded["error"]["code"], "resource_missing");
    assert_eq!(
        entry["response"]["redirectURL"],
        "https://x.test/?token=[redacted]"
    );
    assert_eq!(found.len(), 3, "{found:?}");
    // An HTML error page: redacted as text.
    let mut entry = json!({"response": {"status": 502, "content": {"text": "<p>card 4111 1111 1111 1111</p>"}}});
    redact(&mut entry);
    assert_eq!(
        entry["response"]["content"]["text"],
        "<p>card **** **** **** 1111</p>"
    );
    // Bytes that are not text stay as they are.
    let binary = base64::engine::general_purpose::STANDARD.encode([0xff_u8, 0xfe, 0x00, 0x41]);
    let mut entry =
        json!({"response": {"content": {"encoding": "base64", "text": binary.clone()}}});
    assert_eq!(redact(&mut entry), Vec::<String>::new());
    assert_eq!(entry["response"]["content"]["text"], binary);
}
