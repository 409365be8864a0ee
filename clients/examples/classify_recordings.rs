//! Classifies every recorded response of the five seed providers (the HAR files under
//! `fixtures/har/`) and prints what the catalog says of each: variant, kind, actor, retry.
//!
//! ```sh
//! cargo run --example classify_recordings
//! ```

use std::process::ExitCode;

use catalog_core::Classification;

fn main() -> ExitCode {
    let mut checked = 0;
    let mut mismatches = 0;
    for spec in providers::all() {
        let recordings = match contract_tests::recording::load_dir(&fixtures::har_dir(spec.id)) {
            Ok(recordings) => recordings,
            Err(error) => {
                eprintln!("cannot load the recordings of {}: {error}", spec.id);
                return ExitCode::FAILURE;
            }
        };
        println!("{} ({} recordings)", spec.name, recordings.len());
        for recording in &recordings {
            let error =
                Classification::new(spec, recording.status, &recording.headers, &recording.body);
            let variant = error.entry().map(|entry| entry.variant);
            let what = match (variant, error.code()) {
                (Some(variant), _) => variant.to_owned(),
                (None, Some(code)) => format!("unknown code {code}"),
                (None, None) => "no code".to_owned(),
            };
            let advice = error.retry();
            let delay = advice
                .delay
                .map_or_else(String::new, |delay| format!(" after {}s", delay.as_secs()));
            println!(
                "  HTTP {} {what:<34} {:<20} {:<10} retry {}{delay}",
                error.status().as_u16(),
                error.kind(),
                error.actor(),
                advice.policy,
            );
            checked += 1;
            if let Some(expected) = &recording.expected.variant
                && variant != Some(expected.as_str())
            {
                mismatches += 1;
                println!("    expected {expected} ({})", recording.label());
            }
        }
    }
    println!("\n{checked} responses classified, {mismatches} unlike their recording");
    if mismatches == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
