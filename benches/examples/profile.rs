//! A loop of classifications to profile with callgrind: `profile generated|handwritten`.
use std::borrow::Cow;
use std::hint::black_box;

use catalog_core::Catalog;
use catalog_core::http::{HeaderMap, StatusCode};
use serde::Deserialize;

#[derive(Deserialize)]
struct PlaidBody<'a> {
    code: i64,
    #[serde(borrow)]
    message: Option<Cow<'a, str>>,
    #[serde(borrow)]
    resolve: Option<Cow<'a, str>>,
}

fn main() {
    let body = br#"{"code": 1200, "message": "invalid credentials", "resolve": "The username or password provided were not correct."}"#;
    let headers = HeaderMap::new();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let mut found = 0usize;
    for _ in 0..20_000 {
        if mode == "handwritten" {
            let parsed: PlaidBody<'_> = serde_json::from_slice(black_box(body)).unwrap();
            let index = match parsed.code {
                1000 => 0,
                1200 => 19,
                1201 => 20,
                _ => 99,
            };
            found +=
                usize::from(index != 99 && parsed.message.is_some() && parsed.resolve.is_some());
        } else {
            let parsed = catalog_core::Classification::new(
                providers::PlaidLegacy::spec(),
                StatusCode::PAYMENT_REQUIRED,
                &headers,
                black_box(body),
            );
            found += usize::from(parsed.variant::<providers::PlaidLegacy>().is_some());
        }
    }
    println!("{found}");
}
