//! `drift --url`: a catalog's docs pages fetched from a server on 127.0.0.1 that answers with
//! canned HTTP/1.1 responses, and compared with the catalog as files are.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// tests may panic on a broken set-up
// Without the `fetch` feature only the refusal is tested, and the server's redirects and
// silences go unused.
#![cfg_attr(not(feature = "fetch"), allow(dead_code))]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use catalog_core::__private::CodeIndex;
use catalog_core::spec::{CatalogSpec, Entry, GroupPage};
use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;

catalog_core::provider_errors! {
    /// A payments API whose errors are on two pages: the catalog's own and a page of server
    /// errors, the page of a group.
    pub provider Acme {
        id: "acme",
        docs: "https://acme.test/docs/errors",
        wire: json { code: "/error_code", message: "/error_message" },
        columns: status | code | variant | retry | kind | actor | message,
        docs_tables: { entries: { status: "HTTP", code: "Code", message: "Message" } },
    }
    400 | "invalid_amount" | InvalidAmount | never | invalid_request | integrator | "The amount is not valid.";
    401 | "invalid_token" | InvalidToken | never | unauthenticated | integrator | "The access token is not valid.";
    404 | "card_not_found" | CardNotFound | never | not_found | integrator | "No card with this id.";
    group "Server errors" docs "https://acme.test/docs/server-errors" {
        429 | "rate_limited" | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests.";
        // A row's own explanation is not a page of the table, and is not fetched.
        503 | "maintenance" | Maintenance | backoff(3) | provider_unavailable | nobody | "Down for maintenance."
            docs("https://acme.test/docs/maintenance-explained");
    }
}

/// The catalog's own page, Markdown (served without an extension).
const ERRORS_MD: &str = "# Errors\n\n\
| HTTP | Code | Message |\n\
|---|---|---|\n\
| 400 | `invalid_amount` | The amount is not valid. |\n\
| 401 | `invalid_token` | The access token is not valid. |\n\
| 404 | `card_not_found` | No card with this id. |\n";

/// The server errors page, HTML.
fn server_errors_html(maintenance: &str) -> String {
    format!(
        "<!doctype html><html><body><h1>Server errors</h1>\n<table>\n\
         <thead><tr><th>HTTP</th><th>Code</th><th>Message</th></tr></thead>\n<tbody>\n\
         <tr><td>429</td><td><code>rate_limited</code></td><td>Too many requests.</td></tr>\n\
         <tr><td>503</td><td><code>maintenance</code></td><td>{maintenance}</td></tr>\n\
         </tbody></table></body></html>\n"
    )
}

/// What the server answers on a path.
#[derive(Clone, Debug)]
enum Reply {
    Page {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    Redirect(String),
    /// Reads the request and never answers, until the client hangs up.
    Silent,
}

fn page(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Page {
        status: 200,
        content_type,
        body: body.into(),
    }
}

/// A server on 127.0.0.1 with canned replies by path, each connection on its own thread; a
/// path it has no reply for is a 404.
struct Server {
    base: String,
    replies: Arc<Mutex<HashMap<String, Reply>>>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let replies: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let (shared, seen) = (Arc::clone(&replies), Arc::clone(&requests));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (shared, seen) = (Arc::clone(&shared), Arc::clone(&seen));
                std::thread::spawn(move || serve(stream, &shared, &seen));
            }
        });
        Server {
            base,
            replies,
            requests,
        }
    }

    fn reply(&self, path: &str, reply: Reply) {
        self.replies.lock().unwrap().insert(path.to_owned(), reply);
    }

    /// The request heads received so far.
    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Acme with its URLs on this server: the catalog's page, the group's and the entries'.
    fn catalog(&self) -> &'static CatalogSpec {
        let rebase = |url: &str| -> &'static str {
            Box::leak(
                url.replacen("https://acme.test", &self.base, 1)
                    .into_boxed_str(),
            )
        };
        let spec = Acme::spec();
        let entries: Vec<Entry> = spec
            .entries
            .iter()
            .map(|entry| Entry {
                docs: entry.docs.map(rebase),
                ..*entry
            })
            .collect();
        let group_pages: Vec<GroupPage> = spec
            .group_pages
            .iter()
            .map(|page| GroupPage {
                url: rebase(page.url),
                ..*page
            })
            .collect();
        Box::leak(Box::new(CatalogSpec {
            docs: rebase(spec.docs),
            entries: Box::leak(entries.into_boxed_slice()),
            group_pages: Box::leak(group_pages.into_boxed_slice()),
            index: CodeIndex::new(),
            ..*spec
        }))
    }

    /// Both pages as the provider publishes them.
    fn with_both_pages(self) -> Self {
        self.reply(
            "/docs/errors",
            page("text/markdown; charset=utf-8", ERRORS_MD),
        );
        self.reply(
            "/docs/server-errors",
            page(
                "text/html; charset=utf-8",
                server_errors_html("Down for maintenance."),
            ),
        );
        self
    }
}

fn serve(stream: TcpStream, replies: &Mutex<HashMap<String, Reply>>, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => head.push_str(&line),
        }
    }
    seen.lock().unwrap().push(head.clone());
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let reply = replies.lock().unwrap().get(&path).cloned();
    let mut stream = reader.get_ref();
    let (status, headers, body) = match reply {
        Some(Reply::Silent) => {
            // Hold the connection open, answering nothing, until the client gives up.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
            return;
        }
        Some(Reply::Redirect(location)) => (301, format!("Location: {location}\r\n"), Vec::new()),
        Some(Reply::Page {
            status,
            content_type,
            body,
        }) => (status, format!("Content-Type: {content_type}\r\n"), body),
        None => (
            404,
            "Content-Type: text/plain\r\n".to_owned(),
            b"not found".to_vec(),
        ),
    };
    let head = format!(
        "HTTP/1.1 {status} Canned\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

/// Runs the command over `catalog`: its outcome and what it printed.
fn run(catalog: &'static CatalogSpec, args: &[&str]) -> (Result<(), CommandError>, String) {
    let catalogs = [catalog];
    let dir = std::env::temp_dir().join("contract-tests-drift-url-no-files");
    let tool = Tool::new(&catalogs).layout(Layout::new(dir.join("recordings"), dir.join("docs")));
    let matches = match tool
        .command()
        .try_get_matches_from(std::iter::once("contracts").chain(args.iter().copied()))
    {
        Ok(matches) => matches,
        Err(error) => return (Err(CommandError::Usage(error.to_string())), String::new()),
    };
    let mut out = Vec::new();
    let result = tool.run_to(&matches, &mut out);
    (result, String::from_utf8(out).unwrap())
}

fn usage_error(result: Result<(), CommandError>) -> String {
    match result {
        Err(CommandError::Usage(message)) => message,
        other => panic!("expected a usage error (exit 2), got {other:?}"),
    }
}

#[cfg(feature = "fetch")]
mod fetched {
    use std::time::{Duration, Instant};

    use contract_tests::fetch::{FetchError, FetchFailure, Fetcher, docs_urls};

    use super::*;

    #[test]
    fn the_catalog_names_its_page_and_its_group_page_once() {
        let server = Server::start();
        assert_eq!(
            docs_urls(server.catalog()),
            [
                server.url("/docs/errors"),
                server.url("/docs/server-errors")
            ]
        );
    }

    #[test]
    fn two_fetched_pages_that_agree_with_the_catalog_exit_0() {
        let server = Server::start().with_both_pages();
        let (result, out) = run(server.catalog(), &["drift", "--provider", "acme", "--url"]);
        assert_eq!(result, Ok(()), "{out}");
        assert!(out.contains(&server.url("/docs/server-errors")), "{out}");
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "{requests:#?}");
        for request in &requests {
            assert!(
                request.contains("provider-errors-contract-tests/"),
                "no User-Agent naming the tool: {request}"
            );
        }
    }

    #[test]
    fn a_page_changed_on_the_server_drifts_and_names_its_url() {
        let server = Server::start().with_both_pages();
        let catalog = server.catalog();
        assert_eq!(
            run(catalog, &["drift", "--provider", "acme", "--url"]).0,
            Ok(())
        );

        server.reply(
            "/docs/server-errors",
            page(
                "text/html",
                server_errors_html("Down for scheduled maintenance."),
            ),
        );
        let (result, out) = run(catalog, &["drift", "--provider", "acme", "--url"]);
        assert!(
            matches!(&result, Err(CommandError::Failed(_))),
            "expected drift (exit 1): {result:?}\n{out}"
        );
        let line = out
            .lines()
            .find(|line| line.contains("maintenance"))
            .unwrap_or_else(|| panic!("no line for the changed row:\n{out}"));
        assert!(
            line.trim_start()
                .starts_with(&format!("{}:", server.url("/docs/server-errors"))),
            "the difference does not name its page: {line}"
        );
        assert!(out.contains("Down for scheduled maintenance."), "{out}");

        let (result, out) = run(
            catalog,
            &["drift", "--provider", "acme", "--url", "--format", "json"],
        );
        assert!(matches!(result, Err(CommandError::Failed(_))));
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json[0]["page"], server.url("/docs/server-errors").as_str());
    }

    #[test]
    fn a_missing_page_is_exit_2_naming_its_url() {
        let server = Server::start();
        server.reply(
            "/docs/errors",
            page("text/markdown; charset=utf-8", ERRORS_MD),
        );
        let (result, _) = run(server.catalog(), &["drift", "--provider", "acme", "--url"]);
        let message = usage_error(result);
        assert!(
            message.contains(&format!(
                "{} returned HTTP 404",
                server.url("/docs/server-errors")
            )),
            "{message}"
        );
    }

    #[test]
    fn a_server_that_never_answers_times_out_with_exit_2() {
        let server = Server::start().with_both_pages();
        server.reply("/docs/server-errors", Reply::Silent);
        let started = Instant::now();
        let (result, _) = run(
            server.catalog(),
            &["drift", "--provider", "acme", "--url", "--timeout", "1"],
        );
        let message = usage_error(result);
        assert!(
            message.contains(&format!(
                "cannot fetch {}: timed out after 1 s",
                server.url("/docs/server-errors")
            )),
            "{message}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the timeout was not kept: {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn markdown_or_html_by_the_content_type() {
        let server = Server::start().with_both_pages();
        let catalog = server.catalog();
        server.reply("/docs/errors", page("text/plain", ERRORS_MD));
        let (result, out) = run(catalog, &["drift", "--provider", "acme", "--url"]);
        assert_eq!(result, Ok(()), "{out}");

        // The same text said to be HTML has no table: its three rows are missing from the docs.
        server.reply("/docs/errors", page("text/html", ERRORS_MD));
        let (result, out) = run(catalog, &["drift", "--provider", "acme", "--url"]);
        assert!(matches!(result, Err(CommandError::Failed(_))), "{out}");
        for code in ["invalid_amount", "invalid_token", "card_not_found"] {
            assert!(out.contains(code), "{code} not reported:\n{out}");
        }
    }

    #[test]
    fn redirects_are_followed() {
        let server = Server::start().with_both_pages();
        let moved = server.catalog();
        server.reply(
            "/docs/errors",
            Reply::Redirect(server.url("/docs/v2/errors")),
        );
        server.reply(
            "/docs/v2/errors",
            page("text/markdown; charset=utf-8", ERRORS_MD),
        );
        let (result, out) = run(moved, &["drift", "--provider", "acme", "--url"]);
        assert_eq!(result, Ok(()), "{out}");
    }

    #[test]
    fn a_refused_connection_names_the_url() {
        // A port that was just free: nothing listens on it.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/docs/errors");
        let error = Fetcher::new()
            .pages(std::slice::from_ref(&url))
            .unwrap_err();
        assert!(
            matches!(&error, FetchError::Page { url: failed, reason: FetchFailure::Connect(_) } if *failed == url),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with(&format!("cannot fetch {url}: cannot connect:")),
            "{error}"
        );
    }

    #[test]
    fn a_page_too_large_or_not_utf8_is_refused() {
        let server = Server::start();
        server.reply("/big", page("text/markdown", vec![b'x'; 4096]));
        server.reply("/latin1", page("text/markdown", b"caf\xe9".to_vec()));
        let error = Fetcher::new()
            .max_bytes(1024)
            .pages(&[server.url("/big")])
            .unwrap_err();
        assert_eq!(
            error,
            FetchError::Page {
                url: server.url("/big"),
                reason: FetchFailure::TooLarge(1024)
            }
        );
        let error = Fetcher::new().pages(&[server.url("/latin1")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot fetch {}: the page is not UTF-8 (invalid byte at offset 3)",
                server.url("/latin1")
            )
        );
    }

    #[test]
    fn exit_codes_of_the_binary_entry_point() {
        let server = Server::start().with_both_pages();
        let catalogs = [server.catalog()];
        let tool = Tool::new(&catalogs);
        let code = |args: &[&str]| {
            tool.main_from(std::iter::once("contracts").chain(args.iter().copied()))
        };
        let drift = ["drift", "--provider", "acme", "--url"];
        assert_eq!(code(&drift), std::process::ExitCode::SUCCESS);
        server.reply("/docs/errors", page("text/markdown", "# Errors\n"));
        assert_eq!(code(&drift), std::process::ExitCode::FAILURE);
        server.reply(
            "/docs/errors",
            Reply::Page {
                status: 500,
                content_type: "text/plain",
                body: b"oops".to_vec(),
            },
        );
        assert_eq!(code(&drift), std::process::ExitCode::from(2));
    }
}

#[test]
fn url_and_docs_together_are_refused() {
    let server = Server::start();
    let (result, _) = run(
        server.catalog(),
        &[
            "drift",
            "--provider",
            "acme",
            "--url",
            "--docs",
            "docs/acme.md",
        ],
    );
    let message = usage_error(result);
    assert!(message.contains("cannot be used with"), "{message}");

    let (result, _) = run(
        server.catalog(),
        &["drift", "--provider", "acme", "--timeout", "5"],
    );
    let message = usage_error(result);
    assert!(message.contains("--url"), "{message}");
}

#[test]
fn the_help_shows_url_and_timeout() {
    let catalogs = [Acme::spec()];
    let help = Tool::new(&catalogs)
        .command()
        .find_subcommand_mut("drift")
        .unwrap()
        .render_long_help()
        .to_string();
    assert!(help.contains("--url"), "{help}");
    assert!(help.contains("--timeout <SECS>"), "{help}");
}

#[cfg(not(feature = "fetch"))]
#[test]
fn without_the_fetch_feature_url_says_so() {
    let server = Server::start().with_both_pages();
    let (result, _) = run(server.catalog(), &["drift", "--provider", "acme", "--url"]);
    let message = usage_error(result);
    assert!(
        message.contains("built without the `fetch` feature"),
        "{message}"
    );
    assert!(
        server.requests().is_empty(),
        "nothing is sent without the feature"
    );
}
