//! Where a project keeps its recorded responses, its providers' docs pages and its catalogs'
//! snapshots.
//!
//! The default, relative to the current directory (a crate's root under `cargo test` and
//! `cargo run`):
//!
//! ```text
//! recordings/<provider-id>/*.har      recorded responses, HAR 1.2 with `_expected`
//! docs/<provider-id>.md               the provider's docs page, as Markdown,
//! docs/<provider-id>.html             or as HTML,
//! docs/<provider-id>/                 or a folder of pages (*.md, *.html), read in name order
//! catalogs/<provider-id>.json         the catalog's contract, written by `catalog --write`
//! ```
//!
//! The snapshots' folder is `catalogs/` beside the docs folder unless set
//! ([`Layout::with_catalogs`]).

use std::fmt;
use std::path::PathBuf;

/// The folders that hold recordings, docs pages and snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The folder with one sub-folder of HAR files per provider id.
    pub recordings: PathBuf,
    /// The folder with each provider's docs page (or folder of pages).
    pub docs: PathBuf,
    /// The folder with each catalog's snapshot, `<id>.json` ([`crate::snapshot`]).
    pub catalogs: PathBuf,
}

impl Default for Layout {
    /// `recordings/` and `docs/` in the current directory.
    fn default() -> Self {
        Layout::new("recordings", "docs")
    }
}

/// Where a provider's docs page is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocsLocation {
    /// One page, Markdown or HTML by its extension.
    Page(PathBuf),
    /// A folder of pages.
    Folder(PathBuf),
    /// Several pages, read in the order given.
    Pages(Vec<PathBuf>),
}

impl DocsLocation {
    /// Where the command-line paths point: one file, one folder, or several files (a folder
    /// among several paths is an error, since its order among the files would be a guess).
    pub fn from_paths(paths: &[PathBuf]) -> Result<Self, String> {
        match paths {
            [] => Err("no docs page given".to_owned()),
            [one] if one.is_dir() => Ok(DocsLocation::Folder(one.clone())),
            [one] => Ok(DocsLocation::Page(one.clone())),
            several => match several.iter().find(|path| path.is_dir()) {
                Some(folder) => Err(format!(
                    "{} is a folder: pass one folder, or several pages",
                    folder.display()
                )),
                None => Ok(DocsLocation::Pages(several.to_vec())),
            },
        }
    }
}

impl fmt::Display for DocsLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocsLocation::Page(path) | DocsLocation::Folder(path) => {
                write!(f, "{}", path.display())
            }
            DocsLocation::Pages(paths) => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                f.write_str(&shown.join(", "))
            }
        }
    }
}

impl Layout {
    /// A layout with these two folders, and the snapshots in `catalogs/` beside the docs
    /// folder (`fixtures/docs` → `fixtures/catalogs`, `docs` → `catalogs`).
    pub fn new(recordings: impl Into<PathBuf>, docs: impl Into<PathBuf>) -> Self {
        let docs = docs.into();
        let catalogs = docs.parent().map_or_else(
            || PathBuf::from("catalogs"),
            |parent| parent.join("catalogs"),
        );
        Layout {
            recordings: recordings.into(),
            docs,
            catalogs,
        }
    }

    /// This layout with the snapshots in `catalogs`.
    pub fn with_catalogs(mut self, catalogs: impl Into<PathBuf>) -> Self {
        self.catalogs = catalogs.into();
        self
    }

    /// A catalog's snapshot: `<catalogs>/<id>.json`.
    pub fn catalog_of(&self, id: &str) -> PathBuf {
        self.catalogs.join(format!("{id}.json"))
    }

    /// The folder of a provider's recordings: `<recordings>/<id>/`.
    pub fn recordings_of(&self, id: &str) -> PathBuf {
        self.recordings.join(id)
    }

    /// A provider's docs: `<docs>/<id>.md`, `<docs>/<id>.html` or `<docs>/<id>/`; `Ok(None)`
    /// when there is none, an error (naming them) when there are several.
    pub fn docs_of(&self, id: &str) -> Result<Option<DocsLocation>, String> {
        let candidates = [
            DocsLocation::Page(self.docs.join(format!("{id}.md"))),
            DocsLocation::Page(self.docs.join(format!("{id}.html"))),
            DocsLocation::Folder(self.docs.join(id)),
        ];
        let found: Vec<DocsLocation> = candidates
            .into_iter()
            .filter(|candidate| match candidate {
                DocsLocation::Page(path) => path.is_file(),
                DocsLocation::Folder(path) => path.is_dir(),
                DocsLocation::Pages(_) => false,
            })
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one.clone())),
            several => Err(format!(
                "{id} has several docs pages ({}); keep one of them",
                several
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn finds_a_page_a_folder_or_nothing_and_refuses_two() {
        let root = std::env::temp_dir().join(format!("layout-test-{}", std::process::id()));
        let docs = root.join("docs");
        std::fs::create_dir_all(docs.join("folder-id")).unwrap();
        std::fs::write(docs.join("page-id.md"), "# Errors\n").unwrap();
        std::fs::write(docs.join("both-id.html"), "<table></table>").unwrap();
        std::fs::create_dir_all(docs.join("both-id")).unwrap();
        let layout = Layout::new(root.join("recordings"), &docs);
        assert_eq!(
            layout.docs_of("page-id").unwrap(),
            Some(DocsLocation::Page(docs.join("page-id.md")))
        );
        assert_eq!(
            layout.docs_of("folder-id").unwrap(),
            Some(DocsLocation::Folder(docs.join("folder-id")))
        );
        assert_eq!(layout.docs_of("absent-id").unwrap(), None);
        let error = layout.docs_of("both-id").unwrap_err();
        assert!(
            error.contains("both-id.html") && error.contains("keep one"),
            "{error}"
        );
        assert_eq!(
            layout.recordings_of("page-id"),
            root.join("recordings").join("page-id")
        );
        assert_eq!(
            layout.catalog_of("page-id"),
            root.join("catalogs").join("page-id.json")
        );
        assert_eq!(
            Layout::default().catalog_of("acme"),
            PathBuf::from("catalogs/acme.json")
        );
        std::fs::remove_dir_all(root).unwrap();
    }
}
