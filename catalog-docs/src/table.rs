//! The table model every reader fills: a docs page's tables (and its sections, read as one
//! table), each cell without markup and each row with its line, and the rows of an error table
//! read through a catalog's [`DocsColumns`].

use catalog_core::DocsColumns;
use serde::Serialize;

use crate::text::statuses;

/// The column that holds an error's example response: the last of [`SECTION_HEADERS`], and
/// the column of any table that shows example responses.
pub const SAMPLE_HEADER: &str = "Sample";

/// The columns of the table that a page's sections become.
pub const SECTION_HEADERS: [&str; 6] = [
    "Code",
    "HTTP status",
    "Message",
    "Resolution",
    "Error type",
    SAMPLE_HEADER,
];

/// A table of a docs page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocsTable {
    /// The section it sits in: the nearest heading above it, or, on pages without headings,
    /// the first line of the paragraph above it.
    pub section: Option<String>,
    /// The header cells' text.
    pub headers: Vec<String>,
    /// The body rows.
    pub rows: Vec<DocsRow>,
    /// The 1-based line of the header row.
    pub line: usize,
    /// The address of the page it is on, where the page gives one (an HTML page's canonical
    /// link) or its reader was told one (`--base-url`).
    pub url: Option<String>,
}

/// A body row of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocsRow {
    /// The cells, in header order.
    pub cells: Vec<DocsCell>,
    /// The 1-based line of the row.
    pub line: usize,
}

/// A cell: its text without markup, and the targets of its links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocsCell {
    /// The text, with white space collapsed.
    pub text: String,
    /// The targets of the links in the cell, in order.
    pub links: Vec<String>,
}

impl DocsTable {
    /// The position of the column with this header, compared without case or markup.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|candidate| candidate.eq_ignore_ascii_case(header.trim()))
    }
}

impl DocsTable {
    /// Whether the table has every column that `columns` maps.
    pub fn fits<S: AsRef<str>>(&self, columns: &DocsColumns<S>) -> bool {
        columns
            .headers()
            .all(|header| self.column(header).is_some())
    }
}

/// A row of an error table, read through a [`DocsColumns`] mapping. As a drift difference
/// shows it, its line is the difference's, so the JSON leaves it out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MappedRow {
    /// The code; empty when the row has text but its code cell is empty.
    pub code: String,
    /// The statuses written in the status cell.
    pub statuses: Vec<u16>,
    /// The message.
    pub message: Option<String>,
    /// The remediation text.
    pub remediation: Option<String>,
    /// The category.
    pub category: Option<String>,
    /// The table's section.
    pub section: Option<String>,
    /// The 1-based line of the row.
    #[serde(skip)]
    pub line: usize,
}

/// The rows of `table` that hold any text, read through `columns`.
pub(crate) fn mapped_rows<S: AsRef<str>>(
    table: &DocsTable,
    columns: &DocsColumns<S>,
) -> Vec<MappedRow> {
    let columns = columns.as_deref();
    let index = |header: Option<&str>| header.and_then(|header| table.column(header));
    let (code, status, message, remediation, category) = (
        index(Some(columns.code)),
        index(columns.status),
        index(columns.message),
        index(columns.remediation),
        index(columns.category),
    );
    table
        .rows
        .iter()
        // A row with nothing in it is layout, not content.
        .filter(|row| row.cells.iter().any(|cell| value(cell).is_some()))
        .map(|row| {
            let cell = |i: Option<usize>| {
                i.and_then(|i| row.cells.get(i))
                    .and_then(value)
                    .map(str::to_owned)
            };
            MappedRow {
                code: cell(code).unwrap_or_default(),
                statuses: status
                    .and_then(|i| row.cells.get(i))
                    .map(|cell| statuses(&cell.text))
                    .unwrap_or_default(),
                message: cell(message),
                remediation: cell(remediation),
                category: cell(category),
                section: table.section.clone(),
                line: row.line,
            }
        })
        .collect()
}

/// An example response a docs page shows for one of its errors: the sample block of a
/// section in the section-per-error layout, or a cell of a table's [`SAMPLE_HEADER`] column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocsSample {
    /// The code the page documents it under.
    pub code: String,
    /// The statuses the page gives it: the sample's status line, or the row's status cell.
    pub statuses: Vec<u16>,
    /// The body as the page shows it (a section's JSON sample compacted to one line).
    pub body: String,
    /// The 1-based line of its row (a section's heading).
    pub line: usize,
    /// The address of its page, where the page gives one.
    pub url: Option<String>,
}

/// The example responses of `table`, read through `columns` (its code and status columns):
/// the rows with a code whose [`SAMPLE_HEADER`] cell holds a body. A table without that
/// column shows none. `import` reads the wire format from them, and `record --from-docs`
/// records them.
pub fn samples<S: AsRef<str>>(table: &DocsTable, columns: &DocsColumns<S>) -> Vec<DocsSample> {
    let columns = columns.as_deref();
    let (Some(sample), Some(code)) = (table.column(SAMPLE_HEADER), table.column(columns.code))
    else {
        return Vec::new();
    };
    let status = columns.status.and_then(|header| table.column(header));
    table
        .rows
        .iter()
        .filter_map(|row| {
            let body = row.cells.get(sample).and_then(value)?;
            let code = row.cells.get(code).and_then(value)?;
            Some(DocsSample {
                code: code.to_owned(),
                statuses: status
                    .and_then(|i| row.cells.get(i))
                    .map(|cell| statuses(&cell.text))
                    .unwrap_or_default(),
                body: body.to_owned(),
                line: row.line,
                url: table.url.clone(),
            })
        })
        .collect()
}

/// A cell that stands for "nothing" (`—`, `-`, `n/a`, empty) reads as `None`.
pub(crate) fn value(cell: &DocsCell) -> Option<&str> {
    match cell.text.as_str() {
        "" | "—" | "–" | "-" => None,
        text if text.eq_ignore_ascii_case("n/a") => None,
        text => Some(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tables;

    #[test]
    fn a_catalogs_columns_and_guessed_ones_are_one_type() {
        let declared = DocsColumns {
            code: "Code",
            status: Some("HTTP"),
            category: Some("Category"),
            ..DocsColumns::default()
        };
        let guessed = DocsColumns {
            code: "Code".to_owned(),
            status: Some("HTTP".to_owned()),
            category: Some("Category".to_owned()),
            ..DocsColumns::default()
        };
        assert_eq!(guessed.as_deref(), declared);
        assert_eq!(
            declared.headers().collect::<Vec<_>>(),
            ["Code", "HTTP", "Category"]
        );
        let table = &tables("| http | Code | Category | Message |\n|---|---|---|---|\n")[0];
        assert!(table.fits(&declared), "headers compare without case");
        let wider = DocsColumns {
            message: Some("Detail"),
            ..declared
        };
        assert!(!table.fits(&wider));
    }

    #[test]
    fn a_section_pages_samples_keep_their_code_status_and_line() {
        let page = "# Item errors\n\n### ITEM_LOGIN_REQUIRED\n\nThe holder must sign in again.\n\n\
            ```\nHTTP/1.1 400 Bad Request\n\n{\"error_code\": \"ITEM_LOGIN_REQUIRED\"}\n```\n\n\
            ### ITEM_LOCKED\n\nToo many attempts; no sample on the page.\n";
        let read = tables(page);
        let sections = read.last().unwrap();
        let columns = DocsColumns {
            code: SECTION_HEADERS[0],
            status: Some(SECTION_HEADERS[1]),
            ..DocsColumns::default()
        };
        let found = samples(sections, &columns);
        assert_eq!(
            found,
            [DocsSample {
                code: "ITEM_LOGIN_REQUIRED".into(),
                statuses: vec![400],
                body: "{\"error_code\":\"ITEM_LOGIN_REQUIRED\"}".into(),
                line: 3,
                url: None,
            }]
        );
        let plain = &tables("| Code | Message |\n|---|---|\n| 1 | one |\n")[0];
        assert!(samples(plain, &columns).is_empty(), "no Sample column");
    }

    #[test]
    fn empty_cells() {
        assert_eq!(
            value(&DocsCell {
                text: "—".into(),
                links: vec![]
            }),
            None
        );
    }
}
