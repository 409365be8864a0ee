//! Tables of a docs page, read with a Markdown parser (pulldown-cmark), never by splitting
//! strings: cells keep their text without inline markup (backticks, italics, bold), links
//! keep their text and remember their targets, and every table and row knows its line.

use catalog_core::DocsColumns;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::sections::SectionReader;
pub use crate::sections::{SAMPLE_HEADER, SECTION_HEADERS, error_type_pointer};

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

/// Every table of a Markdown page, in order; a page in the section-per-error layout (see
/// [`SECTION_HEADERS`]) adds one table of its sections at the end.
pub fn tables(page: &str) -> Vec<DocsTable> {
    let (markdown, original_lines) = separate_blocks(page);
    let markdown = markdown.as_str();
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| {
        let line = line_starts.partition_point(|&start| start <= offset);
        original_lines
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(line)
    };
    let has_headings = Parser::new_ext(markdown, options)
        .any(|event| matches!(event, Event::Start(Tag::Heading { .. })));

    let mut tables = Vec::new();
    let mut section: Option<String> = None;
    let mut text = String::new();
    let mut first_line_of_paragraph: Option<String> = None;
    let mut links: Vec<String> = Vec::new();
    let mut table: Option<DocsTable> = None;
    let mut row: Vec<DocsCell> = Vec::new();
    let mut row_line = 0;
    let mut sections = SectionReader::default();
    let mut heading_line = 0;
    let mut in_heading = false;
    // The text of the code block being read, if any.
    let mut code_block: Option<String> = None;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        // Prose outside tables and headings is the text of an error's section.
        match &event {
            Event::Text(chunk) | Event::Code(chunk) if !in_heading && table.is_none() => {
                match code_block.as_mut() {
                    Some(block) => block.push_str(chunk),
                    None => sections.text(chunk),
                }
            }
            Event::SoftBreak | Event::HardBreak if !in_heading && table.is_none() => {
                sections.text(" ");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) if table.is_none() => {
                sections.end_block();
            }
            Event::Start(Tag::CodeBlock(_)) => code_block = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = code_block.take() {
                    sections.code_block(&block);
                }
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading_line = line_of(range.start);
                text.clear();
                links.clear();
                first_line_of_paragraph = None;
            }
            Event::Start(Tag::Paragraph | Tag::TableCell) => {
                text.clear();
                links.clear();
                first_line_of_paragraph = None;
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                sections.heading(level as u8, &text, heading_line);
                section = Some(collapse(&text));
            }
            Event::End(TagEnd::Paragraph) if !has_headings => {
                let first = first_line_of_paragraph
                    .take()
                    .unwrap_or_else(|| text.clone());
                section = Some(collapse(&first));
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(DocsTable {
                    section: section.clone(),
                    headers: Vec::new(),
                    rows: Vec::new(),
                    line: line_of(range.start),
                    url: None,
                });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row.clear();
                row_line = line_of(range.start);
            }
            Event::End(TagEnd::TableCell) => row.push(DocsCell {
                text: collapse(&text),
                links: std::mem::take(&mut links),
            }),
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = table.as_mut() {
                    table.headers = row.drain(..).map(|cell| cell.text).collect();
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = table.as_mut() {
                    table.rows.push(DocsRow {
                        cells: std::mem::take(&mut row),
                        line: row_line,
                    });
                }
            }
            Event::End(TagEnd::Table) => tables.extend(table.take()),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.into_string()),
            Event::Text(chunk) | Event::Code(chunk) => text.push_str(&chunk),
            // `<br>` and other inline HTML separate words in pages converted from HTML.
            Event::InlineHtml(_) | Event::Html(_) => text.push(' '),
            Event::SoftBreak | Event::HardBreak => {
                if first_line_of_paragraph.is_none() {
                    first_line_of_paragraph = Some(text.clone());
                }
                text.push(' ');
            }
            _ => {}
        }
    }
    tables.extend(sections.finish());
    tables
}

/// Every table of an HTML page, in order, read with an HTML tokenizer (html5ever): the header
/// row is the `<thead>`'s or a first row of `<th>` cells, the section the nearest heading above.
pub fn html_tables(page: &str) -> Vec<DocsTable> {
    crate::html::tables(page)
}

/// Restores the blank lines that end and start tables.
///
/// Pages converted from HTML often lose them; GitHub-flavoured Markdown then reads every
/// following line as a row of the first table (dropping the cells beyond its column count).
/// A blank line is inserted before a table's header row (a line followed by a delimiter row)
/// that follows text, and before a line without `|` that follows a table row. Returns the
/// page and, for each of its lines, the 1-based line of the original page.
fn separate_blocks(page: &str) -> (String, Vec<usize>) {
    let lines: Vec<&str> = page.lines().collect();
    let is_delimiter = |line: &str| {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        line.contains('-')
            && cells.iter().all(|cell| {
                let dashes = cell.trim_matches(':');
                !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
            })
    };
    let mut out = String::with_capacity(page.len() + 64);
    let mut original = Vec::with_capacity(lines.len() + 16);
    let mut in_table = false;
    for (i, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        let previous_blank = i == 0 || lines[i - 1].trim().is_empty();
        let starts_table =
            lines.get(i + 1).is_some_and(|next| is_delimiter(next)) && line.contains('|');
        let leaves_table = in_table && !blank && !line.contains('|');
        if !previous_blank && (starts_table || leaves_table) {
            out.push('\n');
            original.push(i + 1);
        }
        if starts_table {
            in_table = true;
        } else if blank || leaves_table {
            in_table = false;
        }
        out.push_str(line);
        out.push('\n');
        original.push(i + 1);
    }
    (out, original)
}

impl DocsTable {
    /// Whether the table has every column that `columns` maps.
    pub fn fits<S: AsRef<str>>(&self, columns: &DocsColumns<S>) -> bool {
        columns
            .headers()
            .all(|header| self.column(header).is_some())
    }
}

/// A row of an error table, read through a [`DocsColumns`] mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    pub line: usize,
}

/// The rows of `table` that hold any text, read through `columns`.
pub fn mapped_rows<S: AsRef<str>>(table: &DocsTable, columns: &DocsColumns<S>) -> Vec<MappedRow> {
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

/// Whether `text` is an absolute http(s) address: the only kind a page can be fetched from
/// and named by. A control character is in no address, and would end a comment it is printed in.
pub fn is_http_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_control)
}

/// The value of a page's first `source:` line, as saved pages carry their address; `None` when
/// it is empty or holds a control character (a carriage return would end the doc comment it is
/// printed in).
pub fn source_line(page: &str) -> Option<&str> {
    page.lines()
        .find_map(|line| line.trim().strip_prefix("source:"))
        .map(str::trim)
        .filter(|url| !url.is_empty() && !url.contains(char::is_control))
}

/// White space collapsed to single spaces, trimmed; invisible spaces (U+200B zero width
/// space, U+2060 word joiner, U+FEFF) left out. Docs generators put a zero width space in
/// the anchor link of every heading (Docusaurus' `<a class="hash-link">&#8203;</a>`), which
/// would otherwise end up in the heading's text: `CARD_DECLINED\u{200b}` is no code.
pub fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .map(|word| word.replace(['\u{200b}', '\u{2060}', '\u{feff}'], ""))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The HTTP statuses written in a cell: `404 or 500`, `200 OK`, `400/401`.
pub fn statuses(text: &str) -> Vec<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|word| word.len() == 3)
        .filter_map(|word| word.parse().ok())
        .filter(|status| (100..=599).contains(status))
        .collect()
}

/// A cell that stands for "nothing" (`—`, `-`, `n/a`, empty) reads as `None`.
pub fn value(cell: &DocsCell) -> Option<&str> {
    match cell.text.as_str() {
        "" | "—" | "–" | "-" => None,
        text if text.eq_ignore_ascii_case("n/a") => None,
        text => Some(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_lose_markup_and_keep_link_targets() {
        let page = "# Errors\n\n| Code | Message |\n|---|---|\n| [`14001`](https://x.test/a#14001) | *Customer* **not** found. |\n";
        let tables = tables(page);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].section.as_deref(), Some("Errors"));
        assert_eq!(tables[0].headers, ["Code", "Message"]);
        assert_eq!(tables[0].line, 3);
        let row = &tables[0].rows[0];
        assert_eq!(row.line, 5);
        assert_eq!(row.cells[0].text, "14001");
        assert_eq!(row.cells[0].links, ["https://x.test/a#14001"]);
        assert_eq!(row.cells[1].text, "Customer not found.");
    }

    #[test]
    fn headings_with_attributes_and_bold_headers() {
        let page = "## User Error Codes {#user-error-codes}\n\n| **HTTP Status** | **Reason Code** |\n|---|---|\n| 400 | `InvalidInput` |\n";
        let tables = tables(page);
        assert_eq!(tables[0].section.as_deref(), Some("User Error Codes"));
        assert_eq!(tables[0].headers, ["HTTP Status", "Reason Code"]);
    }

    #[test]
    fn pages_without_headings_take_the_line_above_as_section() {
        let page = "Codes\n\nIdentity errors\nThese apply to identity endpoints.\n\n| HTTP status | Code |\n|---|---|\n| 400 | parameter-not-valid |\n";
        let tables = tables(page);
        assert_eq!(tables[0].section.as_deref(), Some("Identity errors"));
    }

    #[test]
    fn tables_without_blank_lines_around_them_are_separated() {
        let page = "Intro\nField | Description\n|---|---|\ntype | The type.\nConnect errors\nThese apply to Connect.\n| HTTP status | Code | Title |\n|---|---|---|\n| 400 | invalid-content | Invalid request content |\nUpdated yesterday\n";
        let tables = tables(page);
        assert_eq!(tables.len(), 2, "{tables:#?}");
        assert_eq!(tables[0].headers, ["Field", "Description"]);
        assert_eq!(tables[0].rows.len(), 1);
        assert_eq!(tables[1].section.as_deref(), Some("Connect errors"));
        assert_eq!(tables[1].headers, ["HTTP status", "Code", "Title"]);
        assert_eq!(tables[1].line, 7, "lines refer to the original page");
        assert_eq!(tables[1].rows[0].cells[2].text, "Invalid request content");
        assert_eq!(tables[1].rows[0].line, 9);
    }

    #[test]
    fn inline_html_separates_words() {
        let page = "# E\n\n| Code | Message |\n|---|---|\n| 1 | first line<br>second line |\n";
        assert_eq!(
            tables(page)[0].rows[0].cells[1].text,
            "first line second line"
        );
    }

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
    fn invisible_spaces_are_no_text() {
        assert_eq!(collapse("CARD_DECLINED\u{200b}"), "CARD_DECLINED");
        assert_eq!(collapse(" a \u{200b} b\u{feff}\n c "), "a b c");
    }

    #[test]
    fn statuses_and_empty_cells() {
        assert_eq!(statuses("404 or 500"), [404, 500]);
        assert_eq!(statuses("200 OK"), [200]);
        assert_eq!(statuses("1200"), Vec::<u16>::new());
        assert_eq!(
            value(&DocsCell {
                text: "—".into(),
                links: vec![]
            }),
            None
        );
    }
}
