//! The Markdown reader: a page's tables read with a Markdown parser (pulldown-cmark), never by
//! splitting strings: cells keep their text without inline markup (backticks, italics, bold),
//! links keep their text and remember their targets, and every table and row knows its line.
//! Headings, prose and code blocks feed the section-per-error layout ([`SectionReader`]).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::sections::SectionReader;
use crate::table::{DocsCell, DocsRow, DocsTable};
use crate::text::collapse;

/// Every table of a Markdown page, in order; a page in the section-per-error layout (see
/// [`SECTION_HEADERS`]) adds one table of its sections at the end.
pub(crate) fn tables(page: &str) -> Vec<DocsTable> {
    let (markdown, original_lines) = separate_blocks(page);
    let markdown = markdown.as_str();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST;
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
    // The terms and definitions of the definition list being read, and where it starts.
    let mut list: Option<(Vec<DocsRow>, usize)> = None;
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
            Event::Start(Tag::DefinitionList) if table.is_none() => {
                list = Some((Vec::new(), line_of(range.start)));
            }
            Event::Start(Tag::DefinitionListTitle | Tag::DefinitionListDefinition) => {
                text.clear();
                links.clear();
            }
            Event::End(TagEnd::DefinitionListTitle) => {
                if let Some((rows, _)) = list.as_mut() {
                    rows.push(DocsRow {
                        cells: vec![
                            DocsCell {
                                text: collapse(&text),
                                links: std::mem::take(&mut links),
                            },
                            DocsCell::default(),
                        ],
                        line: line_of(range.start),
                    });
                }
            }
            Event::End(TagEnd::DefinitionListDefinition) => {
                if let Some(cell) = list
                    .as_mut()
                    .and_then(|(rows, _)| rows.last_mut())
                    .and_then(|row| row.cells.get_mut(1))
                {
                    cell.text = collapse(&format!("{} {text}", cell.text));
                }
            }
            Event::End(TagEnd::DefinitionList) => {
                if let Some((rows, line)) = list.take() {
                    tables.extend(crate::sections::definitions(rows, section.clone(), line));
                }
            }
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
}
