//! `classify`: one response body classified against a catalog, printed as JSON.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use catalog_core::Classification;
use catalog_core::http::header::{HeaderName, HeaderValue};
use catalog_core::http::{HeaderMap, StatusCode};
use clap::Args;

use super::{CommandError, Tool, emit, usage};

/// The largest body `classify` reads: a classifier has no use for more.
const MAX_BODY: u64 = 64 * 1024 * 1024;

#[derive(Args, Debug)]
pub(super) struct ClassifyArgs {
    /// The provider id.
    #[arg(long)]
    pub(super) provider: String,
    /// The HTTP status of the response.
    #[arg(long, value_parser = clap::value_parser!(u16).range(100..=599))]
    pub(super) status: u16,
    /// A response header, `Name: value`; repeat for several.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub(super) headers: Vec<String>,
    /// The body: a file, or `-` (the default) for standard input.
    #[arg(value_name = "FILE|-")]
    pub(super) body: Option<PathBuf>,
    /// Print every text and the raw body as sent, secrets included (tokens, card numbers);
    /// without it they are redacted.
    #[arg(long)]
    pub(super) raw: bool,
}

impl Tool<'_> {
    pub(super) fn classify(
        &self,
        args: &ClassifyArgs,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let spec = self.provider(&args.provider)?;
        let status = StatusCode::from_u16(args.status)
            .map_err(|_| usage(format!("{} is not an HTTP status", args.status)))?;
        let headers = parse_headers(&args.headers)?;
        let body = read_body(args.body.as_deref())?;
        let classification = Classification::new(spec, status, &headers, &body);
        let json = if args.raw {
            serde_json::to_string_pretty(&classification.unredacted())
        } else {
            serde_json::to_string_pretty(&classification)
        }
        .map_err(|error| usage(format!("serializing the classification: {error}")))?;
        emit(out, &format!("{json}\n"));
        Ok(())
    }
}

fn read_body(path: Option<&Path>) -> Result<Vec<u8>, CommandError> {
    let mut body = Vec::new();
    let read = match path {
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
    read.map_err(|error| usage(format!("cannot read the body: {error}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(usage(format!(
            "the body is larger than {} MiB",
            MAX_BODY / 1024 / 1024
        )));
    }
    Ok(body)
}

fn parse_headers(headers: &[String]) -> Result<HeaderMap, CommandError> {
    let mut map = HeaderMap::new();
    for header in headers {
        let Some((name, value)) = header.split_once(':') else {
            return Err(usage(format!(
                "--header `{header}`: expected `Name: value`"
            )));
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
            usage(format!(
                "--header `{header}`: `{}` is not a header name",
                name.trim()
            ))
        })?;
        let value = HeaderValue::from_str(value.trim()).map_err(|_| {
            usage(format!(
                "--header `{header}`: the value is not valid header text"
            ))
        })?;
        map.append(name, value);
    }
    Ok(map)
}
