//! `cargo xtask classify`: one response in, one JSON object out.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use catalog_core::Classification;
use catalog_core::http::header::{HeaderName, HeaderValue};
use catalog_core::http::{HeaderMap, StatusCode};
use clap::Args;

use crate::{UsageError, provider};

/// The largest body read: a classifier has no use for more, and memory stays bounded.
const MAX_BODY: u64 = 64 * 1024 * 1024;

#[derive(Args)]
pub(crate) struct Classify {
    /// The provider id (plaid-legacy, mastercard-au, connect-api, aiia, mdes).
    #[arg(long)]
    provider: String,
    /// The HTTP status of the response.
    #[arg(long, value_parser = clap::value_parser!(u16).range(100..=599))]
    status: u16,
    /// A response header, `Name: value`; repeat for several.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// The body: a file, or `-` (the default) for standard input.
    #[arg(value_name = "FILE|-")]
    body: Option<PathBuf>,
    /// Print every text and the raw body as sent, secrets included (tokens, card numbers);
    /// without it they are redacted.
    #[arg(long)]
    raw: bool,
}

impl Classify {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        let spec = provider(&self.provider)?;
        let status = StatusCode::from_u16(self.status)
            .map_err(|_| UsageError(format!("{} is not an HTTP status", self.status)))?;
        let headers = parse_headers(&self.headers)?;
        let body = self.read_body()?;
        let classification = Classification::new(spec, status, &headers, &body);
        let json = if self.raw {
            serde_json::to_string_pretty(&classification.unredacted())
        } else {
            serde_json::to_string_pretty(&classification)
        }
        .context("serializing the classification")?;
        println!("{json}");
        Ok(())
    }

    fn read_body(&self) -> anyhow::Result<Vec<u8>> {
        let mut body = Vec::new();
        let read = match self.body.as_deref() {
            None => std::io::stdin().take(MAX_BODY + 1).read_to_end(&mut body),
            Some(path) if path.as_os_str() == "-" => {
                std::io::stdin().take(MAX_BODY + 1).read_to_end(&mut body)
            }
            Some(path) => std::fs::File::open(path)
                .and_then(|file| file.take(MAX_BODY + 1).read_to_end(&mut body))
                .map_err(|error| {
                    std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
                }),
        };
        read.map_err(|error| UsageError(format!("cannot read the body: {error}")))?;
        if body.len() as u64 > MAX_BODY {
            return Err(UsageError(format!(
                "the body is larger than {} MiB",
                MAX_BODY / 1024 / 1024
            ))
            .into());
        }
        Ok(body)
    }
}

fn parse_headers(headers: &[String]) -> anyhow::Result<HeaderMap> {
    let mut map = HeaderMap::new();
    for header in headers {
        let Some((name, value)) = header.split_once(':') else {
            return Err(UsageError(format!("--header `{header}`: expected `Name: value`")).into());
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
            UsageError(format!(
                "--header `{header}`: `{}` is not a header name",
                name.trim()
            ))
        })?;
        let value = HeaderValue::from_str(value.trim()).map_err(|_| {
            UsageError(format!(
                "--header `{header}`: the value is not valid header text"
            ))
        })?;
        map.append(name, value);
    }
    Ok(map)
}
