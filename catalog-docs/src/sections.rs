//! The section-per-error layout: a heading that holds a code (`### PRODUCT_NOT_READY`), the
//! text under it, and a sample response block holding a status line (`http code 400`,
//! `HTTP/1.1 400 Bad Request`, `Status: 400`) and a JSON body.
//!
//! The Markdown and HTML readers feed the same [`SectionReader`], which turns the sections of a
//! page into one [`DocsTable`] with the columns of [`SECTION_HEADERS`], so drift and import read
//! sections exactly as they read tables.

use crate::table::{DocsCell, DocsRow, DocsTable, SECTION_HEADERS};
use crate::text::{collapse, statuses};

/// A section being read.
struct OpenSection {
    code: String,
    /// Whether the heading is a lowercase code (`card_declined`), which makes a section only
    /// with a sample response: without one it is as likely a field's or a topic's heading.
    needs_sample: bool,
    level: u8,
    line: usize,
    /// The title the heading gives beside the code (`101 - Invalid card number`).
    title: Option<String>,
    /// The status of a code block that held a status line and no body.
    pending_status: Option<u16>,
    paragraphs: Vec<String>,
    paragraph: String,
    sample: Option<Sample>,
}

/// A sample response block: its statuses and its JSON body.
struct Sample {
    statuses: Vec<u16>,
    body: String,
    error_type: Option<String>,
}

/// Collects the sections of one page from heading, text and code-block events.
#[derive(Default)]
pub(crate) struct SectionReader {
    title: Option<String>,
    open: Option<OpenSection>,
    rows: Vec<DocsRow>,
    first_line: Option<usize>,
}

/// Whether a heading's text is a code: one word of capitals, digits, `_`, `-` or `.`, with at
/// least one capital or digit and either an underscore or digits (so `Errors` or `API` stay
/// headings of prose).
fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
        && (text.contains('_') || text.chars().any(|c| c.is_ascii_digit()))
        && text.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Whether a heading's text is a lowercase code, as Stripe-like providers spell theirs
/// (`card_declined`, `parameter_missing`): one word of small letters, digits and `_` with at
/// least one `_`, starting with a letter. Taken for a section only when a sample response
/// follows it, since fields (`error_code`) are headed the same way.
fn is_lowercase_code(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && text.contains('_')
}

impl SectionReader {
    /// The page's title, when the page gives one apart from its headings (`<title>`).
    pub(crate) fn title(&mut self, title: &str) {
        // `Card errors | Quill Payments Docs`: the page's own title, not the site's.
        let title = collapse(title);
        let title = [" | ", " — ", " – ", " - "]
            .iter()
            .find_map(|separator| title.split_once(separator).map(|(page, _)| page.to_owned()))
            .unwrap_or(title);
        if self.title.is_none() && !title.is_empty() {
            self.title = Some(title);
        }
    }

    /// A heading of `level` (1–6) with its text, starting on `line`.
    pub(crate) fn heading(&mut self, level: u8, text: &str, line: usize) {
        let text = collapse(text);
        if level == 1 && self.title.is_none() && !text.is_empty() {
            self.title = Some(text.clone());
        }
        // A deeper heading ("Common causes") belongs to the open section's text.
        if self.open.as_ref().is_some_and(|open| level > open.level) {
            self.end_block();
            return;
        }
        self.close();
        let (code, title) = code_and_title(&text);
        let needs_sample = is_lowercase_code(code);
        if is_code(code) || needs_sample {
            self.open = Some(OpenSection {
                code: code.to_owned(),
                needs_sample,
                level,
                line,
                title: title.map(str::to_owned),
                pending_status: None,
                paragraphs: Vec::new(),
                paragraph: String::new(),
                sample: None,
            });
        }
    }

    /// Text of a paragraph or list item.
    pub(crate) fn text(&mut self, text: &str) {
        if let Some(open) = self.open.as_mut() {
            open.paragraph.push_str(text);
        }
    }

    /// The end of a paragraph, list item or line break: words on either side stay apart.
    pub(crate) fn end_block(&mut self) {
        if let Some(open) = self.open.as_mut() {
            let paragraph = collapse(&std::mem::take(&mut open.paragraph));
            if !paragraph.is_empty() {
                open.paragraphs.push(paragraph);
            }
        }
    }

    /// A code block; the first one with a status and a JSON body is the section's sample. A
    /// block of a status line alone lends its status to a JSON block after it, as code tabs
    /// show a response's head and body apart.
    pub(crate) fn code_block(&mut self, block: &str) {
        self.end_block();
        if let Some(open) = self.open.as_mut()
            && open.sample.is_none()
        {
            open.sample = sample(block).or_else(|| {
                let status = open.pending_status.take()?;
                sample(&format!("HTTP {status}\n{block}"))
            });
            if open.sample.is_none() && !block.contains('{') {
                open.pending_status = status_line(block);
            }
        }
    }

    /// The end of the page's content: the open section ends, and what follows is no error's.
    pub(crate) fn end_section(&mut self) {
        self.close();
    }

    fn close(&mut self) {
        self.end_block();
        let Some(open) = self.open.take() else {
            return;
        };
        if open.needs_sample && open.sample.is_none() {
            return;
        }
        let cell = |text: String| DocsCell {
            text,
            links: Vec::new(),
        };
        let (status, body, error_type) = match &open.sample {
            Some(sample) => (
                sample
                    .statuses
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(" or "),
                sample.body.clone(),
                sample.error_type.clone().unwrap_or_default(),
            ),
            None => Default::default(),
        };
        let (message, resolution) = message_and_resolution(open.title, open.paragraphs);
        self.first_line.get_or_insert(open.line);
        self.rows.push(DocsRow {
            cells: vec![
                cell(open.code),
                cell(status),
                cell(message),
                cell(resolution),
                cell(error_type),
                cell(body),
            ],
            line: open.line,
        });
    }

    /// The page's sections as one table, when the page has sections with a sample response
    /// or several sections headed by codes; its section is the page's title, which becomes the
    /// group of its rows. A page with one code-like heading and no sample is not in this
    /// layout and gives no table.
    pub(crate) fn finish(mut self) -> Option<DocsTable> {
        self.close();
        let has_samples = self
            .rows
            .iter()
            .any(|row| row.cells.get(5).is_some_and(|cell| !cell.text.is_empty()));
        // Without any sample, two sections or more headed by codes are the layout still (an
        // errors page with "Cause" and "Solution" under each code); one is as likely a topic.
        if !has_samples && self.rows.len() < 2 {
            return None;
        }
        // A sample without its own type takes the page's title: pages split by error type.
        let title = self.title.clone();
        Some(DocsTable {
            section: title,
            headers: SECTION_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
            rows: self.rows,
            line: self.first_line.unwrap_or(1),
            url: None,
        })
    }
}

/// The code and the title of a heading that holds both: `101 - Invalid card number`,
/// `E1001: Card expired`, `card_declined — The card was declined`; a heading of a code alone
/// has no title.
fn code_and_title(text: &str) -> (&str, Option<&str>) {
    for separator in [" - ", " – ", " — ", ": ", " | "] {
        if let Some((code, title)) = text.split_once(separator) {
            let code = code.trim();
            if is_code(code) || is_lowercase_code(code) {
                let title = title.trim();
                return (code, (!title.is_empty()).then_some(title));
            }
        }
    }
    (text.trim(), None)
}

/// Labels of the paragraphs under a code that say why it happens, and what to do.
const CAUSE_LABELS: [&str; 4] = ["cause", "reason", "description", "meaning"];
const SOLUTION_LABELS: [&str; 7] = [
    "solution",
    "resolution",
    "fix",
    "how to fix",
    "what to do",
    "remediation",
    "action",
];

/// The label a paragraph starts with (`Cause: ...`, `Solution ...`), among `labels`, and the
/// text after it.
fn labelled<'p>(paragraph: &'p str, labels: &[&str]) -> Option<&'p str> {
    let lower = paragraph.to_ascii_lowercase();
    labels.iter().find_map(|label| {
        let rest = lower.strip_prefix(label)?;
        let skip = rest.len() - rest.trim_start_matches([':', ' ', '-', '–']).len();
        (rest.is_empty() || skip > 0).then(|| paragraph[label.len() + skip..].trim())
    })
}

/// A section's message and resolution: the heading's title, else a "Cause" paragraph, else
/// the first; the resolution is the "Solution" paragraphs, else the others.
fn message_and_resolution(title: Option<String>, paragraphs: Vec<String>) -> (String, String) {
    let cause = paragraphs
        .iter()
        .find_map(|paragraph| labelled(paragraph, &CAUSE_LABELS))
        .filter(|cause| !cause.is_empty())
        .map(str::to_owned);
    let solutions: Vec<&str> = paragraphs
        .iter()
        .filter_map(|paragraph| labelled(paragraph, &SOLUTION_LABELS))
        .filter(|solution| !solution.is_empty())
        .collect();
    let message = title
        .clone()
        .or_else(|| cause.clone())
        .or_else(|| paragraphs.first().cloned())
        .unwrap_or_default();
    let resolution = if solutions.is_empty() {
        paragraphs
            .iter()
            .filter(|paragraph| title.is_some() || **paragraph != message)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        // The cause explains the code too, where a title took the message's place.
        let cause = cause.filter(|_| title.is_some());
        cause
            .iter()
            .map(String::as_str)
            .chain(solutions)
            .collect::<Vec<_>>()
            .join(" ")
    };
    (message, resolution)
}

/// A definition list's terms and definitions as a table of codes, where its terms are codes
/// (`<dt><code>card_declined</code></dt><dd>The card was declined.</dd>`): the third layout
/// beside tables and sections.
pub(crate) fn definitions(
    rows: Vec<DocsRow>,
    section: Option<String>,
    line: usize,
) -> Option<DocsTable> {
    let rows: Vec<DocsRow> = rows
        .into_iter()
        .map(|row| DocsRow {
            cells: row
                .cells
                .into_iter()
                .map(|cell| DocsCell {
                    text: collapse(&cell.text),
                    links: cell.links,
                })
                .collect(),
            line: row.line,
        })
        .filter(|row| {
            row.cells
                .first()
                .is_some_and(|term| is_code(&term.text) || is_lowercase_code(&term.text))
        })
        .collect();
    (!rows.is_empty()).then(|| DocsTable {
        section,
        headers: vec!["Code".to_owned(), "Description".to_owned()],
        rows,
        line,
        url: None,
    })
}

/// The statuses of the first status line of `text` (`HTTP/1.1 400 Bad Request`, `Status: 400`).
fn status_lines(text: &str) -> Option<Vec<u16>> {
    text.lines()
        .filter(|line| {
            let line = line.to_ascii_lowercase();
            line.contains("http") || line.contains("status")
        })
        .map(statuses)
        .find(|found| !found.is_empty())
}

/// The status of a block that holds a status line and no body.
fn status_line(block: &str) -> Option<u16> {
    status_lines(block)?.first().copied()
}

/// Reads a sample response block: a status line before the body, and the body from its first
/// `{` to its last `}`. `None` when the block has no status or no JSON object.
fn sample(block: &str) -> Option<Sample> {
    let start = block.find('{')?;
    let end = block.rfind('}')?;
    if end < start {
        return None;
    }
    let status = status_lines(&block[..start])?;
    let body = &block[start..=end];
    // A body that is not JSON is still shown; it just names no type.
    let value: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let compact = value
        .as_ref()
        .map_or_else(|| collapse(body), serde_json::Value::to_string);
    let error_type = value.as_ref().and_then(error_type);
    Some(Sample {
        statuses: status,
        body: compact,
        error_type,
    })
}

/// The type a sample body sends its code under: a string named as a type
/// ([`TYPE_NAMES`](crate::fields::TYPE_NAMES)) at the top level or in an `error` object.
fn error_type(body: &serde_json::Value) -> Option<String> {
    let objects: Vec<_> = [Some(body), body.get("error")]
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_object)
        .collect();
    crate::fields::TYPE_NAMES.iter().find_map(|name| {
        objects.iter().find_map(|object| {
            object
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .and_then(|(_, value)| value.as_str().map(str::to_owned))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_prose_headings() {
        assert!(is_code("PRODUCT_NOT_READY"));
        assert!(is_code("E1001"));
        assert!(!is_code("Errors"));
        assert!(!is_code("API"));
        assert!(!is_code("Item errors"));
        assert!(!is_code("___"));
    }

    #[test]
    fn a_lowercase_code_makes_a_section_only_with_a_sample() {
        assert!(is_lowercase_code("card_declined"));
        assert!(!is_lowercase_code("errors"));
        assert!(!is_lowercase_code("_private"));
        assert!(!is_lowercase_code("Card_declined"));
        let mut reader = SectionReader::default();
        reader.heading(3, "error_code", 1);
        reader.text("The code of the error, as a string.");
        reader.heading(3, "card_declined", 5);
        reader.text("The card was declined.");
        reader.code_block(
            "HTTP/1.1 402 Payment Required\n\n{\"error\": {\"code\": \"card_declined\"}}",
        );
        reader.heading(3, "expired_card", 9);
        reader.text("The card has expired.");
        let table = reader.finish().expect("a section with a sample");
        let codes: Vec<&str> = table
            .rows
            .iter()
            .map(|row| row.cells[0].text.as_str())
            .collect();
        assert_eq!(codes, ["card_declined"]);
    }

    #[test]
    fn status_lines_of_every_spelling() {
        for block in [
            "http code 400\n{\"error_code\": \"X_Y\"}",
            "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error_code\": \"X_Y\"}",
            "Status: 400\n{\"error_code\": \"X_Y\"}",
        ] {
            let found = sample(block).unwrap_or_else(|| panic!("no sample in {block:?}"));
            assert_eq!(found.statuses, [400], "{block}");
        }
        assert!(
            sample("{\"error_code\": \"X\"}").is_none(),
            "no status line"
        );
        assert!(sample("http code 400\nno body").is_none());
    }

    #[test]
    fn the_type_comes_from_the_body() {
        let found = sample("http code 400\n{\"error\": {\"type\": \"card_error\"}}").unwrap();
        assert_eq!(found.error_type.as_deref(), Some("card_error"));
    }

    #[test]
    fn headings_that_hold_a_code_and_its_title() {
        assert_eq!(
            code_and_title("101 - Invalid card number"),
            ("101", Some("Invalid card number"))
        );
        assert_eq!(
            code_and_title("E1001: Card expired"),
            ("E1001", Some("Card expired"))
        );
        assert_eq!(code_and_title("ITEM_LOCKED"), ("ITEM_LOCKED", None));
        assert_eq!(code_and_title("Step 1: Sign in"), ("Step 1: Sign in", None));
    }

    #[test]
    fn a_status_block_lends_its_status_to_the_body_block_after_it() {
        let mut reader = SectionReader::default();
        reader.heading(2, "INVALID_IBAN", 1);
        reader.text("The IBAN is wrong.");
        reader.code_block("HTTP/1.1 400 Bad Request\nX-Request-ID: 1\n");
        reader.code_block("{\"errorCode\": \"INVALID_IBAN\"}");
        reader.heading(2, "OTHER_CODE", 9);
        let table = reader.finish().expect("sections");
        assert_eq!(table.rows[0].cells[1].text, "400");
        assert_eq!(table.rows[1].cells[1].text, "", "no sample, no status");
    }
}
