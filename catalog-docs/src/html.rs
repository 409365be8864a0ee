//! Tables of an HTML docs page, read with html5ever's tokenizer: the WHATWG tokenization rules
//! browsers follow (entities, comments, attributes, raw text of `<script>` and `<style>`),
//! never regular expressions. Each table and row keeps the line it starts on.
//!
//! Tree construction is reduced to what tables need: a cell or row ends at the next cell or
//! row, or at the end of its row, section or table, as browsers close them; a table inside a
//! cell adds its text to the cell.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::sections::SectionReader;
use crate::table::{DocsCell, DocsRow, DocsTable};
use crate::text::{collapse, is_http_url};

/// Every table of an HTML page, in order, as the Markdown reader reads Markdown ones: the
/// header row is the `<thead>`'s, or else a first row of `<th>` cells.
/// A page in the section-per-error layout adds one table of its sections at the end.
pub(crate) fn tables(page: &str) -> Vec<DocsTable> {
    let tokenizer = Tokenizer::new(TableSink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(page));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    let mut tables = state.tables;
    tables.extend(state.sections.finish());
    for table in &mut tables {
        table.url.clone_from(&state.canonical);
    }
    tables
}

/// Elements whose text is not the page's content: navigation, page chrome, scripts, styles.
const CHROME: [&str; 7] = [
    "nav", "header", "footer", "aside", "script", "style", "noscript",
];

#[derive(Default)]
struct TableSink {
    state: RefCell<State>,
}

/// A table being read.
struct OpenTable {
    table: DocsTable,
    /// Rows as read, with whether every cell was a `<th>` and whether it sat in `<thead>`.
    rows: Vec<(DocsRow, bool, bool)>,
    row: Option<(DocsRow, bool)>,
    cell: Option<DocsCell>,
    in_head: bool,
}

/// An element open around the text being read, as far as the reader needs to know.
struct Element {
    name: String,
    /// Its text is page furniture: a copy button, line numbers, a tab list, an icon.
    skip: bool,
    /// It is a line of a highlighted code block: it ends with a line break.
    line: bool,
    /// Where the heading's text stood when it opened, for a link inside a heading.
    heading_at: Option<usize>,
    /// It wraps a code block (its title bar, language label and tabs are furniture, its
    /// `<pre>` is not).
    code_box: bool,
    /// It holds the page's content: its end ends the section being read, so that what follows
    /// ("Updated 3 days ago") is no error's text.
    content: bool,
}

/// Whether an element wraps a code block: its class names a code block, a code group, a
/// highlighter's box or a language (`codeBlockContainer_Ckt0`, `code-group`, `CodeTabs`,
/// `highlight-http`, `language-json`).
fn is_code_box(tag: &Tag) -> bool {
    if matches!(&*tag.name, "pre" | "code") {
        return false;
    }
    tag.attrs
        .iter()
        .filter(|attr| &*attr.name.local == "class")
        .any(|attr| {
            attr.value.split_ascii_whitespace().any(|token| {
                let token = token.to_ascii_lowercase();
                [
                    "codeblock",
                    "code-block",
                    "code-group",
                    "codetabs",
                    "highlight",
                    "language-",
                ]
                .iter()
                .any(|marker| token.contains(marker))
            })
        })
}

/// Whether an element holds a page's content: `<main>`, `<article>`, `<section>`, or a
/// generator's Markdown body (`markdown-body`, `theme-doc-markdown`, `prose`, `vp-doc`).
fn is_content(tag: &Tag) -> bool {
    matches!(&*tag.name, "main" | "article" | "section")
        || tag
            .attrs
            .iter()
            .filter(|attr| &*attr.name.local == "class")
            .any(|attr| {
                attr.value.split_ascii_whitespace().any(|token| {
                    let token = token.to_ascii_lowercase();
                    token.contains("markdown") || token == "prose" || token == "vp-doc"
                })
            })
}

/// How many open elements the reader keeps: real pages nest a few dozen deep; deeper ones are
/// counted, not kept, so a page of a million nested `<div>`s costs no more than a flat one.
const MAX_OPEN: usize = 256;

/// Elements without an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Whether an element is furniture of a docs site rather than its content: buttons (copy, tabs),
/// icons, the list of a block's language tabs, line-number gutters and elements hidden from
/// readers. Highlighters mark line numbers by class (`line-number`, `linenos`, `codeLineNumber`,
/// `line-numbers-rows`, `hljs-ln-n`, `gutter`); a `<pre>` or `<code>` is never furniture, even
/// where its class says `line-numbers`.
fn is_furniture(tag: &Tag) -> bool {
    let name: &str = &tag.name;
    if matches!(name, "button" | "svg" | "template" | "select") {
        return true;
    }
    let attr = |wanted: &str| {
        tag.attrs
            .iter()
            .find(|attr| &*attr.name.local == wanted)
            .map(|attr| attr.value.to_ascii_lowercase())
    };
    if attr("aria-hidden").as_deref() == Some("true") || attr("role").as_deref() == Some("tablist")
    {
        return true;
    }
    let class = attr("class").unwrap_or_default();
    let tokens = || class.split_ascii_whitespace();
    if tokens().any(|token| {
        token == "tabs"
            || token == "copy"
            || token.contains("copy-button")
            || token.contains("copybutton")
            || token.contains("clipboard")
    }) {
        return true;
    }
    // `line-numbers` on a `<pre>` (Prism) or `line-numbers-mode` on a wrapper (VitePress) says
    // the block has numbers, not that the element is them.
    !matches!(name, "pre" | "code")
        && tokens().any(|token| {
            token != "line-numbers"
                && !token.ends_with("-mode")
                && [
                    "line-number",
                    "linenumber",
                    "lineno",
                    "line-no",
                    "ln-n",
                    "gutter",
                ]
                .iter()
                .any(|marker| token.contains(marker))
        })
}

/// Whether an element is one line of a highlighted code block (`<span class="line">`,
/// Prism's `token-line`, `highlight-line`, `hljs-ln-line`, a line `<div>`).
fn is_code_line(tag: &Tag) -> bool {
    if matches!(&*tag.name, "div" | "tr") {
        return true;
    }
    tag.attrs
        .iter()
        .filter(|attr| &*attr.name.local == "class")
        .flat_map(|attr| {
            attr.value
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .any(|token| {
            token == "line"
                || token.ends_with("-line")
                || token.starts_with("line-")
                || token.starts_with("codeline")
        })
}

/// A definition list being read: each term and its definitions.
#[derive(Default)]
struct OpenList {
    rows: Vec<DocsRow>,
    /// Whether the text read goes to a term (else to a definition).
    in_term: bool,
    line: usize,
}

#[derive(Default)]
struct State {
    tables: Vec<DocsTable>,
    /// The elements open, outside tables' own structure, and how many more beyond
    /// [`MAX_OPEN`] were opened and not kept.
    stack: Vec<Element>,
    overflow: usize,
    /// How many of them are furniture, and how many wrap a code block.
    furniture: usize,
    code_boxes: usize,
    /// The definition list being read, outside any table.
    list: Option<OpenList>,
    open: Option<OpenTable>,
    /// Tables opened inside a cell of the open one.
    nested: usize,
    /// The text of the heading being read, and the last heading read.
    heading: Option<String>,
    section: Option<String>,
    /// The level and line of the heading being read.
    heading_level: u8,
    heading_line: usize,
    /// The page's address from `<link rel="canonical" href="...">`, the first one.
    canonical: Option<String>,
    /// The text of the `<title>` or `<pre>` being read.
    title: Option<String>,
    pre: Option<String>,
    /// How many chrome elements (see [`CHROME`]) the tokenizer is inside.
    chrome: usize,
    sections: SectionReader,
}

impl OpenTable {
    fn close_cell(&mut self) {
        if let Some(mut cell) = self.cell.take() {
            cell.text = collapse(&cell.text);
            if let Some((row, _)) = self.row.as_mut() {
                row.cells.push(cell);
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some((row, all_header_cells)) = self.row.take()
            && !row.cells.is_empty()
        {
            self.rows.push((row, all_header_cells, self.in_head));
        }
    }

    fn finish(mut self) -> DocsTable {
        self.close_row();
        let mut rows = self.rows.into_iter().peekable();
        let header = rows.next_if(|(_, all_header_cells, in_head)| *in_head || *all_header_cells);
        if let Some((row, _, _)) = header {
            self.table.headers = row.cells.into_iter().map(|cell| cell.text).collect();
            self.table.line = row.line;
        }
        self.table.rows = rows.map(|(row, _, _)| row).collect();
        self.table
    }
}

impl State {
    /// Keeps the stack of open elements: furniture is skipped, a line of code ends with a line
    /// break, and a link in a heading that holds no word (`#`, `¶`, an icon, a zero width
    /// space) is a permalink mark, not the heading's text.
    fn track(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if tag.kind == TagKind::StartTag {
            if tag.self_closing || VOID.contains(&name) {
                return;
            }
            if self.stack.len() >= MAX_OPEN {
                self.overflow += 1;
                return;
            }
            let skip = is_furniture(tag);
            self.furniture += usize::from(skip);
            let code_box = is_code_box(tag);
            self.code_boxes += usize::from(code_box);
            let heading_at = (name == "a")
                .then(|| self.heading.as_ref().map(String::len))
                .flatten();
            self.stack.push(Element {
                name: name.to_owned(),
                skip,
                line: self.pre.is_some() && is_code_line(tag),
                heading_at,
                code_box,
                content: is_content(tag),
            });
            return;
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let Some(at) = self.stack.iter().rposition(|open| open.name == name) else {
            return;
        };
        let closed: Vec<Element> = self.stack.drain(at..).rev().collect();
        for closed in closed {
            self.furniture -= usize::from(closed.skip);
            self.code_boxes -= usize::from(closed.code_box);
            if closed.content && self.pre.is_none() {
                self.sections.end_section();
            }
            if closed.line
                && let Some(pre) = self.pre.as_mut()
                && !pre.ends_with('\n')
            {
                pre.push('\n');
            }
            if let (Some(from), Some(heading)) = (closed.heading_at, self.heading.as_mut())
                && heading
                    .get(from..)
                    .is_some_and(|link| !link.chars().any(char::is_alphanumeric))
            {
                heading.truncate(from);
            }
        }
    }

    /// A definition list (`<dl><dt><code>CODE</code></dt><dd>text</dd></dl>`) outside tables:
    /// a table of its terms and definitions, kept where its terms are codes.
    fn definition_list(&mut self, name: &str, start: bool, line: usize) {
        if self.open.is_some() {
            return;
        }
        match (name, start) {
            ("dl", true) if self.list.is_none() => {
                self.list = Some(OpenList {
                    line,
                    ..OpenList::default()
                });
            }
            ("dt", true) => {
                if let Some(list) = self.list.as_mut() {
                    list.in_term = true;
                    list.rows.push(DocsRow {
                        cells: vec![DocsCell::default(), DocsCell::default()],
                        line,
                    });
                }
            }
            ("dd", true) => {
                if let Some(list) = self.list.as_mut() {
                    list.in_term = false;
                    if let Some(definition) =
                        list.rows.last_mut().and_then(|row| row.cells.get_mut(1))
                    {
                        definition.text.push(' ');
                    }
                }
            }
            ("dt", false) => {
                if let Some(list) = self.list.as_mut() {
                    list.in_term = false;
                }
            }
            ("dl", false) => {
                if let Some(list) = self.list.take() {
                    self.tables.extend(crate::sections::definitions(
                        list.rows,
                        self.section.clone(),
                        list.line,
                    ));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.chrome > 0 || self.furniture > 0 || (self.code_boxes > 0 && self.pre.is_none()) {
            return;
        }
        if self.open.is_none()
            && let Some(list) = self.list.as_mut()
            && let Some(row) = list.rows.last_mut()
        {
            let cell = if list.in_term { 0 } else { 1 };
            if let Some(cell) = row.cells.get_mut(cell) {
                cell.text.push_str(text);
            }
        }
        if let Some(title) = self.title.as_mut() {
            title.push_str(text);
            return;
        }
        if let Some(pre) = self.pre.as_mut() {
            pre.push_str(text);
        } else if self.heading.is_none() && self.open.is_none() {
            self.sections.text(text);
        }
        if let Some(heading) = self.heading.as_mut() {
            heading.push_str(text);
        }
        if let Some(cell) = self.open.as_mut().and_then(|open| open.cell.as_mut()) {
            cell.text.push_str(text);
        }
    }

    fn tag(&mut self, tag: &Tag, line: usize) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if CHROME.contains(&name) {
            if start && !tag.self_closing {
                self.chrome += 1;
            } else if !start {
                self.chrome = self.chrome.saturating_sub(1);
            }
            return;
        }
        if self.chrome > 0 {
            return;
        }
        self.track(tag);
        if self.furniture > 0 {
            return;
        }
        self.definition_list(name, start, line);
        match (name, start) {
            ("link", true) if self.canonical.is_none() => {
                let attr = |wanted: &str| {
                    tag.attrs
                        .iter()
                        .find(|attr| &*attr.name.local == wanted)
                        .map(|attr| attr.value.trim().to_owned())
                };
                let canonical = attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|token| token.eq_ignore_ascii_case("canonical"))
                });
                // A control character is in no URL, and would end the doc comment it is
                // printed in.
                // Only an absolute address names the page: a relative one needs the page's
                // own address to resolve, which a saved page has lost.
                self.canonical = attr("href").filter(|href| canonical && is_http_url(href));
            }
            ("title", true) => self.title = Some(String::new()),
            ("title", false) => {
                if let Some(title) = self.title.take() {
                    self.sections.title(&title);
                }
            }
            ("pre", true) => self.pre = Some(String::new()),
            // Highlighters (Prism in Docusaurus) end each line of a code block with `<br>`
            // inside a span rather than with a line break of the text.
            ("br", _) if self.pre.is_some() => {
                if let Some(pre) = self.pre.as_mut() {
                    pre.push('\n');
                }
            }
            ("pre", false) => {
                if let Some(pre) = self.pre.take() {
                    self.sections.code_block(&pre);
                }
            }
            ("br" | "p" | "li" | "div" | "dd" | "dt", _)
                if self.pre.is_none() && self.open.is_none() =>
            {
                self.sections.end_block();
            }
            _ => {}
        }
        if let Some(level) = name
            .strip_prefix('h')
            .and_then(|level| level.parse::<u8>().ok())
            .filter(|level| (1..=6).contains(level))
        {
            if start {
                self.heading = Some(String::new());
                self.heading_level = level;
                self.heading_line = line;
            } else if let Some(heading) = self.heading.take() {
                self.sections
                    .heading(self.heading_level, &heading, self.heading_line);
                self.section = Some(collapse(&heading));
            }
            return;
        }
        if name == "table" {
            // A highlighter's table of line numbers and code (Sphinx `highlighttable`,
            // highlight.js `hljs-ln`) is a code block, not a table of the docs.
            if self.code_boxes > 0 || self.pre.is_some() {
                return;
            }
            match (start, self.open.is_some()) {
                (true, false) => {
                    self.open = Some(OpenTable {
                        table: DocsTable {
                            section: self.section.clone(),
                            headers: Vec::new(),
                            rows: Vec::new(),
                            line,
                            url: None,
                        },
                        rows: Vec::new(),
                        row: None,
                        cell: None,
                        in_head: false,
                    });
                }
                (true, true) => self.nested += 1,
                (false, true) if self.nested > 0 => self.nested -= 1,
                (false, true) => {
                    if let Some(open) = self.open.take() {
                        self.tables.push(open.finish());
                    }
                }
                (false, false) => {}
            }
            return;
        }
        let nested = self.nested > 0;
        let Some(open) = self.open.as_mut() else {
            return;
        };
        match (name, start) {
            // Inside a nested table, structure is text of the outer cell.
            ("br" | "td" | "th" | "tr" | "p" | "li" | "div", _) if nested => {
                if let Some(cell) = open.cell.as_mut() {
                    cell.text.push(' ');
                }
            }
            ("thead", true) => {
                open.close_row();
                open.in_head = true;
            }
            ("tbody" | "tfoot", true) | ("thead", false) => {
                open.close_row();
                open.in_head = false;
            }
            ("tr", true) => {
                open.close_row();
                open.row = Some((
                    DocsRow {
                        cells: Vec::new(),
                        line,
                    },
                    true,
                ));
            }
            ("tr", false) | ("tbody" | "tfoot", false) => open.close_row(),
            ("td" | "th", true) => {
                open.close_cell();
                let row = open.row.get_or_insert_with(|| {
                    (
                        DocsRow {
                            cells: Vec::new(),
                            line,
                        },
                        true,
                    )
                });
                row.1 &= name == "th";
                open.cell = Some(DocsCell::default());
            }
            ("td" | "th", false) => open.close_cell(),
            ("a", true) => {
                let href = tag
                    .attrs
                    .iter()
                    .find(|attr| &*attr.name.local == "href")
                    .map(|attr| attr.value.to_string());
                if let (Some(cell), Some(href)) = (open.cell.as_mut(), href) {
                    cell.links.push(href);
                }
            }
            // Line breaks and blocks separate words.
            ("br" | "p" | "li" | "div", _) => {
                if let Some(cell) = open.cell.as_mut() {
                    cell.text.push(' ');
                }
            }
            _ => {}
        }
    }
}

impl TokenSink for TableSink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line_number).unwrap_or(usize::MAX);
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.text(&text),
            Token::TagToken(tag) => {
                state.tag(&tag, line);
                // As a browser does: the text of scripts and styles is not markup.
                if tag.kind == TagKind::StartTag && !tag.self_closing {
                    match &*tag.name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext);
                        }
                        "textarea" | "title" => {
                            return TokenSinkResult::RawData(RawKind::Rcdata);
                        }
                        _ => {}
                    }
                }
            }
            Token::EOFToken => {
                if let Some(open) = state.open.take() {
                    let table = open.finish();
                    state.tables.push(table);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::tables;

    #[test]
    fn a_docs_table_with_its_section_links_and_lines() {
        let page = "<html><head><title>Errors | <b>not a tag</b></title>\n\
            <link rel=\"canonical\" href=\"/relative/errors\">\n\
            <link rel=\"alternate\" href=\"https://example.com/fr/errors\">\n\
            <link rel=\"Canonical\" href=\" https://example.com/errors/cards \">\n\
            <script>var s = '<table><tr><td>no</td></tr></table>';</script></head><body>\n\
            <h2 id=\"e\">Card <em>errors</em></h2>\n\
            <table>\n\
            <thead><tr><th>HTTP</th><th>Code</th><th>Message</th></tr></thead>\n\
            <tbody>\n\
            <tr><td>402</td><td><a href=\"#declined\"><code>card_declined</code></a></td><td>The card was<br>declined &amp; kept.</td></tr>\n\
            <tr><td>429<td>rate_limited<td>Too many\n   requests.\n\
            </tbody></table></body></html>";
        let found = tables(page);
        assert_eq!(found.len(), 1, "{found:#?}");
        let table = &found[0];
        assert_eq!(table.section.as_deref(), Some("Card errors"));
        assert_eq!(
            table.url.as_deref(),
            Some("https://example.com/errors/cards")
        );
        assert_eq!(table.headers, ["HTTP", "Code", "Message"]);
        assert_eq!(table.line, 8);
        assert_eq!(table.rows.len(), 2);
        let first = &table.rows[0];
        assert_eq!(first.line, 10);
        assert_eq!(first.cells[1].text, "card_declined");
        assert_eq!(first.cells[1].links, ["#declined"]);
        assert_eq!(first.cells[2].text, "The card was declined & kept.");
        let second = &table.rows[1];
        assert_eq!(second.line, 11);
        let texts: Vec<&str> = second.cells.iter().map(|cell| cell.text.as_str()).collect();
        assert_eq!(texts, ["429", "rate_limited", "Too many requests."]);
    }

    #[test]
    fn a_header_row_of_th_cells_without_thead_and_a_nested_table() {
        let page = "<table><tr><th>Code</th><th>Message</th></tr>\
            <tr><td>E1</td><td>outer <table><tr><td>inner</td></tr></table> text</td></tr></table>\
            <table><tr><td>no</td><td>header</td></tr></table>";
        let found = tables(page);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].headers, ["Code", "Message"]);
        assert_eq!(found[0].rows[0].cells[1].text, "outer inner text");
        assert!(found[1].headers.is_empty());
        assert_eq!(found[1].rows.len(), 1);
    }

    #[test]
    fn a_docusaurus_section_with_a_prism_code_block() {
        // As Docusaurus emits it: a zero width space in the heading's anchor link, and each
        // line of the highlighted block ended by a `<br>` inside its span.
        let page = "<title>Payout API errors | Docs</title>\
            <h3 class=\"anchor\" id=\"invalid_amount\">INVALID_AMOUNT<a href=\"#invalid_amount\" class=\"hash-link\">\u{200b}</a></h3>\
            <p>The amount is not valid.</p>\
            <pre class=\"prism-code language-http\"><code>\
            <span class=\"token-line\"><span class=\"token plain\">HTTP/1.1 429 Too Many Requests</span><br></span>\
            <span class=\"token-line\"><span class=\"token plain\">Retry-After: 120</span><br></span>\
            <span class=\"token-line\"><span class=\"token punctuation\">{</span><span class=\"token property\">&quot;code&quot;</span>\
            <span class=\"token operator\">:</span><span class=\"token string\">&quot;INVALID_AMOUNT&quot;</span><span class=\"token punctuation\">}</span><br></span>\
            </code></pre>";
        let found = tables(page);
        let sections = found.last().expect("the page's sections");
        assert_eq!(sections.rows.len(), 1, "{found:#?}");
        let cells: Vec<&str> = sections.rows[0]
            .cells
            .iter()
            .map(|cell| cell.text.as_str())
            .collect();
        // Without the line breaks, `Retry-After: 120` would read as a second status.
        assert_eq!(
            cells[..3],
            ["INVALID_AMOUNT", "429", "The amount is not valid."]
        );
        assert_eq!(cells[5], "{\"code\":\"INVALID_AMOUNT\"}");
    }

    #[test]
    fn furniture_of_docs_sites_is_no_text() {
        // A permalink mark in the heading, a copy button and a language tab list beside the
        // block, a line-number gutter inside it, each line a `<div>`.
        let page = "<h2 id=\"e\"><a class=\"anchor\" href=\"#e\">#</a><code>ITEM_LOCKED</code><a class=\"headerlink\" href=\"#e\">\u{b6}</a></h2>\
            <p>Locked.</p>\
            <div class=\"code-block\"><ul role=\"tablist\"><li>JSON</li></ul><button>Copy</button><span class=\"lang\">http</span>\
            <pre class=\"line-numbers\"><code><div><span class=\"line-number\">1</span>HTTP/1.1 400 Bad Request</div>\
            <div><span class=\"line-number\">2</span>{\"code\": \"ITEM_LOCKED\"}</div></code></pre></div>\
            <h2>E2: Second</h2><p>Cause: it broke.</p><p>Solution: retry later.</p>";
        let found = tables(page);
        let sections = found.last().expect("sections");
        let cells: Vec<Vec<&str>> = sections
            .rows
            .iter()
            .map(|row| row.cells.iter().map(|cell| cell.text.as_str()).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec![
                    "ITEM_LOCKED",
                    "400",
                    "Locked.",
                    "",
                    "",
                    "{\"code\":\"ITEM_LOCKED\"}"
                ],
                vec!["E2", "", "Second", "it broke. retry later.", "", ""],
            ]
        );
    }

    #[test]
    fn deep_nesting_is_read_in_bounded_time_and_memory() {
        let depth = 200_000;
        let page = format!(
            "{}<h2>E1: Deep</h2><p>Text.</p>{}<h2>E2: Two</h2>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = std::time::Instant::now();
        let found = tables(&page);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        assert_eq!(found.last().map(|table| table.rows.len()), Some(2));
    }

    #[test]
    fn a_definition_list_of_codes_is_a_table() {
        let page = "<h1>Declines</h1><dl><dt><code>lost_card</code></dt><dd><p>Lost.</p></dd>\
            <dt>Not a code</dt><dd>Prose.</dd></dl><dl><dt>Term</dt><dd>Text</dd></dl>";
        let found = tables(page);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].headers, ["Code", "Description"]);
        assert_eq!(found[0].section.as_deref(), Some("Declines"));
        assert_eq!(found[0].rows.len(), 1);
        assert_eq!(found[0].rows[0].cells[1].text, "Lost.");
    }
}
