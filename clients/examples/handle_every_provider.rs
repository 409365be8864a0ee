//! One `match` over kind and actor that handles the errors of all five seed providers: the
//! code an application writes once, whatever provider answered.
//!
//! ```sh
//! cargo run --example handle_every_provider
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;

use catalog_core::{Actor, Classification, Kind};

/// What the application does about an error, decided by its kind and who must act.
fn handle(error: &Classification<'_>) -> &'static str {
    match (error.kind(), error.actor()) {
        // The catalog's retry policy and `catalog_core::retry::Retry` say when.
        (_, Actor::Nobody) if error.is_retryable() => "retry as the catalog says",
        (Kind::RateLimited, _) => "slow down, then retry",
        (Kind::Unauthenticated | Kind::UserActionRequired, Actor::EndUser) => {
            "ask the user to act (log in again, answer MFA, fix the account)"
        }
        (Kind::Unauthenticated | Kind::PermissionDenied, _) => {
            "page the integration team: our credentials or permissions"
        }
        (Kind::InvalidRequest | Kind::NotFound | Kind::Conflict | Kind::Unsupported, _) => {
            "log a bug: our request is wrong"
        }
        (Kind::UserActionRequired, _) => "tell the user what the provider needs",
        (Kind::ProviderUnavailable | Kind::Internal, Actor::Provider) => {
            "open a ticket with the provider, quoting the request id"
        }
        (Kind::ProviderUnavailable | Kind::Internal, _) => "show an outage notice",
        // `Kind` and `Actor` are `#[non_exhaustive]`: a kind added in a later version.
        _ => "log it and fail the request",
    }
}

fn main() -> ExitCode {
    for spec in providers::all() {
        let recordings = match contract_tests::recording::load_dir(&fixtures::har_dir(spec.id)) {
            Ok(recordings) => recordings,
            Err(error) => {
                eprintln!("cannot load the recordings of {}: {error}", spec.id);
                return ExitCode::FAILURE;
            }
        };
        let mut actions: BTreeMap<&str, usize> = BTreeMap::new();
        for recording in &recordings {
            let error =
                Classification::new(spec, recording.status, &recording.headers, &recording.body);
            *actions.entry(handle(&error)).or_default() += 1;
        }
        println!("{}:", spec.name);
        for (action, count) in actions {
            println!("  {count:>3} × {action}");
        }
    }
    ExitCode::SUCCESS
}
