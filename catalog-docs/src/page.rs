//! A docs page's error tables, whatever the page is written in: Markdown read with a Markdown
//! parser (pulldown-cmark), HTML with html5ever's tokenizer, never by splitting strings. Each
//! cell keeps its text without markup and the targets of its links, each table and row its
//! line; a page in the section-per-error layout adds one table of its sections, with the
//! columns of [`SECTION_HEADERS`].
//!
//! This module is the front door; the readers live in their own files, each feeding the one
//! table model: `text` ← `table` ← `sections` ← `markdown`, `html` ← `page`.

pub(crate) use crate::table::mapped_rows;
pub use crate::table::{
    DocsCell, DocsRow, DocsSample, DocsTable, MappedRow, SAMPLE_HEADER, SECTION_HEADERS, samples,
};
pub use crate::text::{is_http_url, source_line};

/// Every table of a Markdown page, in order; a page in the section-per-error layout adds one
/// table of its sections at the end.
pub fn tables(page: &str) -> Vec<DocsTable> {
    crate::markdown::tables(page)
}

/// Every table of an HTML page, in order, read with an HTML tokenizer (html5ever): the header
/// row is the `<thead>`'s or a first row of `<th>` cells, the section the nearest heading above.
pub fn html_tables(page: &str) -> Vec<DocsTable> {
    crate::html::tables(page)
}
