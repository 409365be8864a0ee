//! A catalog's docs pages fetched over HTTPS, for `drift --url` in a scheduled job.
//!
//! [`docs_urls`] lists the pages a catalog names; a [`Fetcher`] reads them, bounded and with a
//! timeout, into [`PageText`]s that [`DocsPages::from_texts`](crate::docs::DocsPages::from_texts)
//! compares with the catalog. The client (ureq, with rustls) is the `fetch` feature, on by
//! default; without it [`Fetcher::pages`] returns [`FetchError::NotBuilt`].
//!
//! ```
//! # catalog_core::provider_errors! {
//! #     pub provider Acme {
//! #         id: "acme", docs: "https://acme.test/errors#table",
//! #         wire: json { code: "/error_code", message: "/message" },
//! #         columns: status | code | variant | retry | kind | actor | message,
//! #     }
//! #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
//! # }
//! use catalog_core::Catalog;
//!
//! assert_eq!(contract_tests::fetch::docs_urls(Acme::spec()), ["https://acme.test/errors"]);
//! ```

use std::fmt;
use std::time::Duration;

use catalog_core::spec::CatalogSpec;

use crate::docs::{MAX_PAGE_BYTES, PageText};

/// The pages a catalog's errors are published on, `#fragment` stripped, each once, in catalog
/// order: the catalog's own `docs` page first, unless every entry's home group names a page of
/// its own (`group "..." docs "..."`), then each group's page. A row's own `docs("...")` link
/// is a page about that one error, not a page of the table, and is not fetched.
pub fn docs_urls(spec: &CatalogSpec) -> Vec<String> {
    let has_page = |group: &str| spec.group_pages.iter().any(|page| page.group == group);
    let every_entry_paged = !spec.entries.is_empty()
        && spec
            .entries
            .iter()
            .all(|entry| entry.groups.first().is_some_and(|group| has_page(group)));
    let catalog = (!every_entry_paged).then_some(spec.docs);
    let mut urls: Vec<String> = Vec::new();
    for url in catalog
        .into_iter()
        .chain(spec.group_pages.iter().map(|page| page.url))
    {
        let page = without_fragment(url).trim();
        if !page.is_empty() && !urls.iter().any(|seen| seen == page) {
            urls.push(page.to_owned());
        }
    }
    urls
}

fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page)
}

/// Whether a page is Markdown (else HTML): by its `Content-Type` when that says text/markdown
/// or text/plain (Markdown) or HTML; otherwise by a `.md` path in its URL.
pub fn is_markdown(content_type: Option<&str>, url: &str) -> bool {
    let media = content_type
        .and_then(|value| value.split(';').next())
        .map(|media| media.trim().to_ascii_lowercase());
    match media.as_deref() {
        Some("text/markdown" | "text/x-markdown" | "text/plain") => true,
        Some("text/html" | "application/xhtml+xml") => false,
        _ => {
            let path = url.split(['?', '#']).next().unwrap_or(url);
            path.rsplit('/')
                .next()
                .and_then(|name| name.rsplit_once('.'))
                .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"))
        }
    }
}

/// Reads docs pages over HTTP(S): a timeout per page, redirects followed (up to
/// [`Fetcher::MAX_REDIRECTS`]), a bounded body, a User-Agent that names the tool.
#[derive(Clone, Debug)]
pub struct Fetcher {
    timeout: Duration,
    max_bytes: u64,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new()
    }
}

impl Fetcher {
    /// Redirects followed before giving up.
    pub const MAX_REDIRECTS: u32 = 5;

    /// The User-Agent sent.
    pub const USER_AGENT: &'static str = concat!(
        "provider-errors-contract-tests/",
        env!("CARGO_PKG_VERSION"),
        " (drift --url)"
    );

    /// 30 seconds per page, pages up to 32 MiB (as `--docs` reads files).
    pub fn new() -> Self {
        Fetcher {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_PAGE_BYTES,
        }
    }

    /// The time one page may take, from connecting to the last byte, redirects included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest page read.
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Fetches each page in order; the first that fails ends it, with an error naming its URL.
    pub fn pages(&self, urls: &[String]) -> Result<Vec<PageText>, FetchError> {
        #[cfg(feature = "fetch")]
        {
            let agent = client::agent(self);
            urls.iter()
                .map(|url| client::page(&agent, self, url))
                .collect()
        }
        #[cfg(not(feature = "fetch"))]
        {
            let _ = (urls, self.timeout, self.max_bytes);
            Err(FetchError::NotBuilt)
        }
    }
}

/// Why a page was not fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// This build has no HTTP client: `contract-tests` without its `fetch` feature.
    NotBuilt,
    /// A page could not be read.
    Page {
        /// The URL asked for.
        url: String,
        /// What went wrong.
        reason: FetchFailure,
    },
}

/// What went wrong with one page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchFailure {
    /// Not an http(s) URL the client can use.
    BadUrl(String),
    /// The host name did not resolve: what the resolver said.
    HostNotFound(String),
    /// No connection (refused, reset, unreachable), or TLS failed.
    Connect(String),
    /// The page took longer than the timeout.
    TimedOut(Duration),
    /// The server answered with a status other than 2xx.
    Status(u16),
    /// More redirects than [`Fetcher::MAX_REDIRECTS`].
    TooManyRedirects,
    /// The body is larger than the limit, in bytes.
    TooLarge(u64),
    /// The body is not UTF-8: the first bad byte's offset.
    NotUtf8(usize),
    /// Anything else the client reported.
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::NotBuilt => f.write_str(
                "this tool was built without the `fetch` feature of contract-tests, so it cannot fetch pages; \
                 build it with the feature (`contract-tests = { ..., features = [\"fetch\"] }`, on by default), \
                 or save the pages and pass --docs PATH...",
            ),
            FetchError::Page { url, reason } => match reason {
                FetchFailure::Status(status) => write!(f, "{url} returned HTTP {status}"),
                reason => write!(f, "cannot fetch {url}: {reason}"),
            },
        }
    }
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchFailure::BadUrl(why) => write!(f, "not a URL the client can fetch ({why})"),
            FetchFailure::HostNotFound(why) if why.is_empty() => {
                f.write_str("the host name did not resolve (DNS)")
            }
            FetchFailure::HostNotFound(why) => {
                write!(f, "the host name did not resolve (DNS): {why}")
            }
            FetchFailure::Connect(why) => write!(f, "cannot connect: {why}"),
            FetchFailure::TimedOut(timeout) => {
                write!(f, "timed out after {} s", timeout.as_secs_f64())
            }
            FetchFailure::Status(status) => write!(f, "HTTP {status}"),
            FetchFailure::TooManyRedirects => write!(
                f,
                "more than {} redirects; use the final URL",
                Fetcher::MAX_REDIRECTS
            ),
            FetchFailure::TooLarge(limit) if *limit >= 1024 * 1024 => {
                write!(f, "the page is larger than {} MiB", limit / 1024 / 1024)
            }
            FetchFailure::TooLarge(limit) => {
                write!(f, "the page is larger than {limit} bytes")
            }
            FetchFailure::NotUtf8(offset) => {
                write!(f, "the page is not UTF-8 (invalid byte at offset {offset})")
            }
            FetchFailure::Other(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for FetchError {}

#[cfg(feature = "fetch")]
mod client {
    use std::io::ErrorKind;

    use super::{FetchError, FetchFailure, Fetcher, is_markdown};
    use crate::docs::PageText;

    pub(super) fn agent(fetcher: &Fetcher) -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(fetcher.timeout))
            .max_redirects(Fetcher::MAX_REDIRECTS)
            .user_agent(Fetcher::USER_AGENT)
            .accept("text/markdown, text/html;q=0.9, text/plain;q=0.8, */*;q=0.5")
            // A 4xx or 5xx is reported with its URL here, not as ureq's bare status.
            .http_status_as_error(false)
            .build()
            .into()
    }

    pub(super) fn page(
        agent: &ureq::Agent,
        fetcher: &Fetcher,
        url: &str,
    ) -> Result<PageText, FetchError> {
        let failed = |reason| FetchError::Page {
            url: url.to_owned(),
            reason,
        };
        let mut response = agent
            .get(url)
            .call()
            .map_err(|error| failed(failure(error, fetcher)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(failed(FetchFailure::Status(status.as_u16())));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(fetcher.max_bytes)
            .read_to_vec()
            .map_err(|error| failed(failure(error, fetcher)))?;
        let text = String::from_utf8(bytes)
            .map_err(|error| failed(FetchFailure::NotUtf8(error.utf8_error().valid_up_to())))?;
        Ok(PageText {
            origin: url.to_owned(),
            html: !is_markdown(content_type.as_deref(), url),
            text,
        })
    }

    pub(super) fn failure(error: ureq::Error, fetcher: &Fetcher) -> FetchFailure {
        match error {
            ureq::Error::Timeout(_) => FetchFailure::TimedOut(fetcher.timeout),
            ureq::Error::Io(io) if io.kind() == ErrorKind::TimedOut => {
                FetchFailure::TimedOut(fetcher.timeout)
            }
            ureq::Error::StatusCode(status) => FetchFailure::Status(status),
            ureq::Error::BadUri(why) => FetchFailure::BadUrl(why),
            ureq::Error::HostNotFound => FetchFailure::HostNotFound(String::new()),
            // The system resolver's failure comes as an I/O error: std's getaddrinfo text.
            ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => {
                FetchFailure::HostNotFound(io.to_string())
            }
            ureq::Error::TooManyRedirects => FetchFailure::TooManyRedirects,
            ureq::Error::BodyExceedsLimit(_) => FetchFailure::TooLarge(fetcher.max_bytes),
            ureq::Error::ConnectionFailed => {
                FetchFailure::Connect("no connection could be made".to_owned())
            }
            ureq::Error::Io(io) => FetchFailure::Connect(io.to_string()),
            ureq::Error::Tls(why) => FetchFailure::Connect(format!("TLS: {why}")),
            ureq::Error::Rustls(why) => FetchFailure::Connect(format!("TLS: {why}")),
            other => FetchFailure::Other(other.to_string()),
        }
    }
}

#[cfg(all(test, feature = "fetch"))]
mod client_tests {
    use std::io;
    use std::time::Duration;

    use super::client::failure;
    use super::{FetchFailure, Fetcher};

    #[test]
    fn client_errors_become_failures_that_say_what_happened() {
        let fetcher = Fetcher::new().timeout(Duration::from_secs(7));
        let dns =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(
            failure(ureq::Error::Io(dns), &fetcher).to_string(),
            "the host name did not resolve (DNS): failed to lookup address information: Name or service not known"
        );
        assert_eq!(
            failure(ureq::Error::HostNotFound, &fetcher),
            FetchFailure::HostNotFound(String::new())
        );
        assert_eq!(
            failure(ureq::Error::Timeout(ureq::Timeout::Global), &fetcher).to_string(),
            "timed out after 7 s"
        );
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert!(matches!(
            failure(ureq::Error::Io(refused), &fetcher),
            FetchFailure::Connect(_)
        ));
        assert_eq!(
            failure(ureq::Error::BodyExceedsLimit(1), &fetcher),
            FetchFailure::TooLarge(32 * 1024 * 1024)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    catalog_core::provider_errors! {
        pub provider Paged {
            id: "paged",
            docs: "https://paged.test/errors#top",
            wire: json { code: "/code", message: "/message" },
            columns: status | code | variant | retry | kind | actor | message,
        }
        401 | "b" | B | never | unauthenticated | integrator | "B."
            docs("https://paged.test/errors/b-explained");
        group "Request errors" docs "https://paged.test/request-errors#list" {
            400 | "a" | A | never | invalid_request | integrator | "A.";
            404 | "c" | C | never | not_found | integrator | "C."
                docs("https://paged.test/request-errors#c");
        }
        group "Server errors" docs "https://paged.test/server-errors.md" {
            500 | "d" | D | backoff(3) | provider_unavailable | nobody | "D.";
        }
    }

    catalog_core::provider_errors! {
        pub provider AllPaged {
            id: "all-paged",
            docs: "https://paged.test/errors",
            wire: json { code: "/code", message: "/message" },
            columns: status | code | variant | retry | kind | actor | message,
        }
        group "B" docs "https://paged.test/b" {
            400 | "a" | A | never | invalid_request | integrator | "A."
                docs("https://paged.test/a-explained");
        }
        group "A" docs "https://paged.test/a" {
            401 | "b" | B | never | unauthenticated | integrator | "B.";
        }
    }

    #[test]
    fn the_catalog_page_first_then_each_group_page_once() {
        assert_eq!(
            docs_urls(Paged::spec()),
            [
                "https://paged.test/errors",
                "https://paged.test/request-errors",
                "https://paged.test/server-errors.md",
            ]
        );
        // A row's link to its own explanation is not a page of the table.
        assert_eq!(
            Paged::spec().entries[0].docs,
            Some("https://paged.test/errors/b-explained")
        );
        // A row in a group links to the group's page unless it has its own.
        assert_eq!(
            Paged::spec().entries[1].docs,
            Some("https://paged.test/request-errors#list")
        );
    }

    #[test]
    fn the_catalog_page_is_left_out_when_every_group_has_its_own() {
        assert_eq!(
            docs_urls(AllPaged::spec()),
            ["https://paged.test/b", "https://paged.test/a"]
        );
    }

    #[test]
    fn markdown_by_content_type_then_by_extension() {
        assert!(is_markdown(
            Some("text/markdown; charset=utf-8"),
            "https://x.test/errors"
        ));
        assert!(is_markdown(Some("Text/Plain"), "https://x.test/errors"));
        assert!(!is_markdown(
            Some("text/html; charset=utf-8"),
            "https://x.test/errors.md"
        ));
        assert!(is_markdown(
            Some("application/octet-stream"),
            "https://x.test/index.md?v=2#top"
        ));
        assert!(is_markdown(None, "https://x.test/a/INDEX.MD"));
        assert!(!is_markdown(None, "https://x.test/errors"));
        assert!(!is_markdown(None, "https://x.md/errors"));
    }

    #[test]
    fn failures_name_the_url() {
        let status = FetchError::Page {
            url: "https://x.test/errors".to_owned(),
            reason: FetchFailure::Status(404),
        };
        assert_eq!(
            status.to_string(),
            "https://x.test/errors returned HTTP 404"
        );
        let timeout = FetchError::Page {
            url: "https://x.test/errors".to_owned(),
            reason: FetchFailure::TimedOut(Duration::from_secs(30)),
        };
        assert_eq!(
            timeout.to_string(),
            "cannot fetch https://x.test/errors: timed out after 30 s"
        );
    }
}
