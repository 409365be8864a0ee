use catalog_core::http::{HeaderMap, StatusCode};
use lumen_errors::LumenPay;

fn main() {
    let body = br#"{"error_code": "insufficient_funds", "error_message": "Declined."}"#;
    let error = LumenPay::classify(StatusCode::PAYMENT_REQUIRED, &HeaderMap::new(), body);
    println!("{error}: retry {}", error.is_retryable());
}
