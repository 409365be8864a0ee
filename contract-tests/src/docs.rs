//! A provider's docs, one page or a folder of pages, against its catalog.
//!
//! Pages are read with `catalog-docs` (Markdown with a Markdown parser, HTML with an HTML
//! parser). The tables of a folder's pages, in file-name order, compare with the catalog as
//! one page; each difference names its page and line.

use std::path::{Path, PathBuf};

use catalog_core::CatalogSpec;
use catalog_docs::drift::{self, Drift};
use catalog_docs::import::PageStart;
use catalog_docs::page::{self, DocsTable};

use crate::layout::DocsLocation;

/// The largest docs page read: real pages are well below it.
pub(crate) const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// One page's text and where it came from: a file or a URL.
#[derive(Clone, Debug)]
pub struct PageText {
    /// The file's path or the URL, as differences and notes name the page.
    pub origin: String,
    /// The page.
    pub text: String,
    /// Whether it is HTML (else Markdown).
    pub html: bool,
}

impl PageText {
    /// Reads one file, bounded, Markdown or HTML by its extension.
    pub fn read(path: &Path) -> Result<Self, String> {
        Ok(PageText {
            origin: path.display().to_string(),
            text: read_page(path)?,
            html: is_html(path),
        })
    }
}

/// The pages of a provider's docs, read.
#[derive(Clone, Debug)]
pub struct DocsPages {
    /// What the pages are, for messages: a path, a folder, or a list.
    label: String,
    /// Each page and where its lines start among the pages read together.
    pages: Vec<PageStart>,
    tables: Vec<DocsTable>,
    /// The pages' text, one after the other, each starting on the line its span says.
    text: String,
}

/// A difference between the docs and the catalog, with the page it was found on.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PageDrift {
    /// The page of the docs row (a path or a URL), when the docs have the row and they are
    /// several pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The difference; its line is the page's own.
    #[serde(flatten)]
    pub drift: Drift,
}

impl std::fmt::Display for PageDrift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.page {
            Some(page) => write!(f, "{page}: {}", self.drift),
            None => write!(f, "{}", self.drift),
        }
    }
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm"))
}

fn is_page(path: &Path) -> bool {
    is_html(path)
        || path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
}

/// Reads one page's text, bounded, with an error that names it.
pub fn read_page(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_PAGE_BYTES + 1).read_to_string(&mut text))
        .map_err(|error| format!("cannot read the docs page {}: {error}", path.display()))?;
    if text.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!(
            "the docs page {} is larger than {} MiB",
            path.display(),
            MAX_PAGE_BYTES / 1024 / 1024
        ));
    }
    Ok(text)
}

/// The tables of one page, Markdown or HTML by its extension.
pub fn page_tables(path: &Path, text: &str) -> Vec<DocsTable> {
    if is_html(path) {
        page::html_tables(text)
    } else {
        page::tables(text)
    }
}

/// The files of a location: the page, the pages, or every `*.md` and `*.html` page of the
/// folder in name order.
fn files(location: &DocsLocation) -> Result<Vec<PathBuf>, String> {
    match location {
        DocsLocation::Page(path) => Ok(vec![path.clone()]),
        DocsLocation::Pages(paths) => Ok(paths.clone()),
        DocsLocation::Folder(dir) => {
            let entries = std::fs::read_dir(dir).map_err(|error| {
                format!("cannot read the docs folder {}: {error}", dir.display())
            })?;
            let mut paths = Vec::new();
            for entry in entries {
                let path = entry
                    .map_err(|error| {
                        format!("cannot read the docs folder {}: {error}", dir.display())
                    })?
                    .path();
                if path.is_file() && is_page(&path) {
                    paths.push(path);
                }
            }
            paths.sort();
            if paths.is_empty() {
                return Err(format!(
                    "the docs folder {} has no pages (*.md or *.html)",
                    dir.display()
                ));
            }
            Ok(paths)
        }
    }
}

impl DocsPages {
    /// Reads the page, the pages, or every `*.md` and `*.html` page of the folder in name order.
    pub fn read(location: &DocsLocation) -> Result<Self, String> {
        let pages = files(location)?
            .iter()
            .map(|path| PageText::read(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::from_texts(location.to_string(), pages))
    }

    /// Pages already read (fetched, say), in order; `label` names them in messages.
    pub fn from_texts(label: impl Into<String>, texts: Vec<PageText>) -> Self {
        let mut pages = Vec::new();
        let mut tables = Vec::new();
        let mut text = String::new();
        let mut offset = 0;
        for mut page in texts {
            // One spelling of line ends: the HTML tokenizer counts a lone CR as a line end and
            // `str::lines` does not, and pages would then disagree on where they start.
            if page.text.contains('\r') {
                page.text = page.text.replace("\r\n", "\n").replace('\r', "\n");
            }
            let lines = page.text.lines().count().max(1);
            text.push_str(&page.text);
            if page.text.is_empty() || !page.text.ends_with('\n') {
                text.push('\n');
            }
            let mut read = if page.html {
                page::html_tables(&page.text)
            } else {
                page::tables(&page.text)
            };
            // A Markdown page's `source:` line is its address, as a canonical link is HTML's.
            let source = page::source_line(&page.text).filter(|url| page::is_http_url(url));
            if let (false, Some(source)) = (page.html, source) {
                for table in read.iter_mut().filter(|table| table.url.is_none()) {
                    table.url = Some(source.to_owned());
                }
            }
            // Lines run on from page to page, so each difference maps back to its page.
            for mut table in read {
                table.line += offset;
                for row in &mut table.rows {
                    row.line += offset;
                }
                tables.push(table);
            }
            pages.push(PageStart {
                origin: page.origin,
                offset,
            });
            offset += lines;
        }
        DocsPages {
            label: label.into(),
            pages,
            tables,
            text,
        }
    }

    /// Gives each page without an address of its own (a canonical link, a `source:` line) the
    /// address `base` followed by its file name without the extension
    /// (`https://example.com/errors/` and `item.html` give `https://example.com/errors/item`),
    /// or `base` itself when there is one page: the `--base-url` of `import`.
    pub fn set_base_url(&mut self, base: &str) {
        let single = self.pages.len() == 1;
        let base_as_given = base.to_owned();
        let base = base.trim_end_matches('/');
        for table in &mut self.tables {
            if single && table.url.is_none() {
                // One page: the address given is the page's own.
                table.url = Some(base_as_given.clone());
                continue;
            }
            if table.url.is_some() {
                continue;
            }
            let Some((page, _)) = PageStart::locate(&self.pages, table.line) else {
                continue;
            };
            let name = Path::new(&page.origin)
                .file_stem()
                .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
            table.url = Some(format!("{base}/{name}"));
        }
    }

    /// Where each page starts among the lines counted on from page to page, for messages
    /// that name a page and its own line.
    pub fn page_starts(&self) -> Vec<PageStart> {
        self.pages.clone()
    }

    /// The page that holds `line` (counted on from page to page, as tables give it) and the
    /// line on that page: `("docs/acme.html", 57)`.
    pub fn locate(&self, line: usize) -> Option<(&str, usize)> {
        let (page, line) = PageStart::locate(&self.pages, line)?;
        Some((page.origin.as_str(), line))
    }

    /// The pages' text, one after the other: line `n` of it is the line `n` that tables and
    /// differences give.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The tables of every page, in order; lines count on from page to page.
    pub fn tables(&self) -> &[DocsTable] {
        &self.tables
    }

    /// What the pages are: a path, a folder, a list of paths or URLs.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The drift between these pages and the catalog; an error says why they could not be
    /// compared (no `docs_tables` in the catalog, no table with its columns).
    pub fn drift(&self, spec: &CatalogSpec) -> Result<Vec<PageDrift>, String> {
        let found = drift::drift_tables(spec, &self.tables)
            .map_err(|error| format!("{}: {error}", self.label))?;
        let several = self.pages.len() > 1;
        Ok(found
            .into_iter()
            .map(|mut drift| {
                let page = drift.line.and_then(|line| {
                    let (page, line) = PageStart::locate(&self.pages, line)?;
                    drift.line = Some(line);
                    several.then(|| page.origin.clone())
                });
                PageDrift { page, drift }
            })
            .collect())
    }

    /// The drift as a review: a heading, then one block per difference.
    pub fn review(&self, spec: &CatalogSpec, found: &[PageDrift]) -> String {
        let source = self.label.clone();
        if found.is_empty() {
            return drift::review(spec, &source, &[]);
        }
        let mut out = format!(
            "{}: {} difference(s) between the docs page {source} and the catalog\n",
            spec.id,
            found.len()
        );
        for drift in found {
            out.push_str(&format!("  {drift}\n"));
        }
        out
    }
}
