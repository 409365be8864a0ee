//! `verify --report DIR`: every catalog's contract as a static site, for the people who use
//! the catalogs rather than read CI logs.
//!
//! [`write()`] writes `DIR/index.html`, one row per provider (entries, coverage as a bar with
//! its four counts, rule exceptions, dead pointers, docs drift, the snapshot, failures first
//! with what to do), and `DIR/<id>.html` per provider (its wire format, every entry with its
//! coverage and the recordings that cover it, each recording's response as redaction shows
//! it, the drift and snapshot differences, charts of the entries by kind × actor and by retry
//! policy, and a filter box over the table). The counts are [`CatalogReport`]'s, the very
//! ones `verify` prints.
//!
//! Plain files, no server and nothing fetched: the pages open from disk and upload as a CI
//! artifact. Every value from outside (catalog texts, recorded bodies, docs text) goes
//! through askama's HTML escaping; links are made only of `http(s)` addresses. A provider's
//! page is its id, with any character other than `A-Za-z0-9._-` replaced by `_`.
//!
//! ```no_run
//! use catalog_core::Catalog;
//! use contract_tests::layout::Layout;
//!
//! # catalog_core::provider_errors! {
//! #     pub provider Acme {
//! #         id: "acme", docs: "https://acme.test/errors",
//! #         wire: json { code: "/error_code", message: "/message" },
//! #         columns: status | code | variant | retry | kind | actor | message,
//! #     }
//! #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
//! # }
//! let layout = Layout::default();
//! let report = contract_tests::verify_catalog(Acme::spec(), &layout)?;
//! let written = contract_tests::report::write("target/report".as_ref(), &[report], &layout)?;
//! println!("{}", written.index.display());
//! # Ok::<(), String>(())
//! ```

mod chart;
mod pages;
mod view;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

// The recording format; the one line to change where it moves.
use crate::recording::{Recording, load_dir};

use crate::contract::CatalogReport;
use crate::layout::Layout;

/// One provider's page: its contract check and the recordings it was checked against.
#[derive(Clone, Copy, Debug)]
pub struct Provider<'a> {
    /// What `verify` found.
    pub report: &'a CatalogReport,
    /// The recordings of the provider, as `verify` read them.
    pub recordings: &'a [Recording],
}

/// What [`write()`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// `DIR/index.html`.
    pub index: PathBuf,
    /// Its size in bytes.
    pub index_bytes: usize,
    /// `DIR/<id>.html`, one per provider, in the order given.
    pub pages: Vec<PathBuf>,
}

/// Writes the site for `reports` into `dir` (created if missing), reading each provider's
/// recordings from `layout` as `verify` does. An error names the file that could not be read
/// or written.
pub fn write(dir: &Path, reports: &[CatalogReport], layout: &Layout) -> Result<Written, String> {
    let mut recordings = Vec::with_capacity(reports.len());
    for report in reports {
        let folder = layout.recordings_of(report.spec.id);
        recordings.push(load_dir(&folder).map_err(|error| error.to_string())?);
    }
    let providers: Vec<Provider<'_>> = reports
        .iter()
        .zip(&recordings)
        .map(|(report, recordings)| Provider { report, recordings })
        .collect();
    write_site(dir, &providers)
}

/// Writes the site for `providers` into `dir` (created if missing): `index.html` and a page
/// per provider.
pub fn write_site(dir: &Path, providers: &[Provider<'_>]) -> Result<Written, String> {
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("cannot create the report folder {}: {error}", dir.display()))?;
    let names = page_names(providers);
    let index = index_html_named(providers, &names)?;
    let index_path = dir.join("index.html");
    write_file(&index_path, &index)?;
    // The pages are independent: each core writes a share of them.
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let share = providers.len().div_ceil(workers).max(1);
    let written: Vec<Result<Vec<PathBuf>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = providers
            .chunks(share)
            .zip(names.chunks(share))
            .map(|(providers, names)| {
                scope.spawn(move || {
                    let mut pages = Vec::with_capacity(providers.len());
                    for (provider, name) in providers.iter().zip(names) {
                        let html = provider_html_named(provider, name)?;
                        let path = dir.join(name);
                        write_file(&path, &html)?;
                        pages.push(path);
                    }
                    Ok(pages)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err("a report page's writer stopped".to_owned()))
            })
            .collect()
    });
    let mut pages = Vec::with_capacity(providers.len());
    for chunk in written {
        pages.extend(chunk?);
    }
    Ok(Written {
        index: index_path,
        index_bytes: index.len(),
        pages,
    })
}

/// The index page alone: one row per provider, failures first.
pub fn index_html(providers: &[Provider<'_>]) -> Result<String, String> {
    index_html_named(providers, &page_names(providers))
}

fn index_html_named(providers: &[Provider<'_>], names: &[String]) -> Result<String, String> {
    pages::index(&view::index(providers, names))
}

/// One provider's page alone.
pub fn provider_html(provider: &Provider<'_>) -> Result<String, String> {
    let name = page_names(std::slice::from_ref(provider))
        .pop()
        .unwrap_or_default();
    provider_html_named(provider, &name)
}

fn provider_html_named(provider: &Provider<'_>, name: &str) -> Result<String, String> {
    pages::provider(&view::provider(provider, name))
}

/// The file name of each provider's page: its id with any character other than
/// `A-Za-z0-9._-` replaced by `_` (and a leading `.` too), `.html`; a name taken already
/// (by `index.html`, or by another id that reads the same) gets `-2`, `-3`, ...
pub fn page_names(providers: &[Provider<'_>]) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::from(["index".to_owned()]);
    providers
        .iter()
        .map(|provider| {
            let stem: String = provider
                .report
                .spec
                .id
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    let safe = c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
                    if safe && !(i == 0 && c == '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let stem = if stem.is_empty() {
                "provider".to_owned()
            } else {
                stem
            };
            let mut name = stem.clone();
            let mut n = 1;
            while taken.contains(&name) {
                n += 1;
                name = format!("{stem}-{n}");
            }
            taken.insert(name.clone());
            format!("{name}.html")
        })
        .collect()
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}
