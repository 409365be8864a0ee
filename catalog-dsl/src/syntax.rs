//! The grammar of `provider_errors!`: tokens in, a syntax tree that keeps every token's span.
//!
//! ```text
//! /// docs
//! pub provider Name {
//!     id: "kebab-id",
//!     name: "Human name",
//!     docs: "https://...",
//!     key: code | (status, code) | (category, code),
//!     errors_in_2xx: true,                           // optional
//!     idempotency_key: header "Idempotency-Key",     // optional
//!     categories: { Ident = "Docs spelling", ... },  // optional
//!     wire: json { field: "/pointer" or header "Name", ...,
//!                  fields: { own_name: "/pointer", ... },                   // optional
//!                  field_errors: "/pointer" { field: "..", message: ".." }, // optional
//!            } else json "name" { ... },
//!     columns: status | code | variant | retry | kind | actor | message,
//!     sensitive: { "/pointer", header "Name", ... },    // optional
//!     not_sensitive: { "/pointer", header "Name", ... },  // optional
//!     coverage: { at_least: 80% },                      // optional; 100% by default
//! }
//! group "Docs section" (wire "shape name")? (docs "url")? { ROW* }  // or rows outside any group
//! ROW := /// docs?  CELL (| CELL)*  [=> "remediation"]  ATTR*  ;     // code cell: 1200, "code" or _
//! ATTR := allow(rule, "reason") | also_in("group", ...) | docs("url") | added("reason")
//!       | untested("reason")
//!       | sub_codes { "code" | Name | retry | kind | actor | "message" ATTR* ; ... }
//! ```
//!
//! A row's cells follow the order of `columns`. A malformed row is reported and skipped, so
//! the rows after it are still checked.

use proc_macro2::{Span, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitBool, LitInt, LitStr, Token, braced, parenthesized};

use crate::ctxt::{Ctxt, unknown};
use crate::rust::{Attribute, Visibility};

/// The settings of the provider block.
const SETTINGS: &[&str] = &[
    "id",
    "name",
    "docs",
    "key",
    "errors_in_2xx",
    "idempotency_key",
    "categories",
    "wire",
    "columns",
    "docs_tables",
    "sensitive",
    "not_sensitive",
    "coverage",
];

mod kw {
    syn::custom_keyword!(provider);
    syn::custom_keyword!(group);
    syn::custom_keyword!(wire);
    syn::custom_keyword!(json);
    syn::custom_keyword!(header);
    syn::custom_keyword!(or);
    syn::custom_keyword!(status);
    syn::custom_keyword!(code);
    syn::custom_keyword!(sub_codes);
    syn::custom_keyword!(category);
    syn::custom_keyword!(docs);
}

/// The whole invocation.
pub(crate) struct Input {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) ident: Ident,
    pub(crate) settings: Vec<Setting>,
    /// The names of settings that did not parse (already reported): a required setting
    /// whose name is one of them, or close to one, is not reported missing as well.
    pub(crate) settings_unreadable: Vec<String>,
    pub(crate) header_span: Span,
    pub(crate) rows: Vec<Row>,
    /// Rows written, including those that did not parse.
    pub(crate) rows_written: usize,
}

/// One `name: value` of the provider block.
pub(crate) enum Setting {
    Id(Ident, LitStr),
    Name(Ident, LitStr),
    Docs(Ident, LitStr),
    Key(Ident, KeySyntax),
    ErrorsIn2xx(Ident, LitBool),
    /// `idempotency_key: header "Idempotency-Key"`: the request header the provider reads
    /// an idempotency key from.
    IdempotencyKey(Ident, LitStr),
    Categories(Ident, Vec<(Ident, LitStr)>),
    Wire(Ident, Vec<ShapeSyntax>),
    Columns(Ident, Vec<Ident>),
    DocsTables(Ident, Vec<DocsTableSyntax>),
    Sensitive(Ident, Vec<SourceSyntax>),
    NotSensitive(Ident, Vec<SourceSyntax>),
    /// `coverage: { at_least: 80% }`: the braces' span and the keys given.
    Coverage(Ident, Span, Vec<CoverageItem>),
}

/// One `name: value` of `coverage: { ... }`, read as written; `model.rs` checks it.
pub(crate) struct CoverageItem {
    pub(crate) name: Ident,
    pub(crate) value: syn::Lit,
    /// The `%` after the number, when written.
    pub(crate) percent: Option<Token![%]>,
}

/// `entries: { code: "Code", ... }` or `sub_codes of Variant: { ... }` in `docs_tables`.
pub(crate) struct DocsTableSyntax {
    pub(crate) target: DocsTarget,
    pub(crate) columns: Vec<(Ident, LitStr)>,
}

pub(crate) enum DocsTarget {
    Entries(Ident),
    SubCodesOf(Ident),
}

impl Setting {
    pub(crate) fn name(&self) -> &Ident {
        match self {
            Setting::Id(name, _)
            | Setting::Name(name, _)
            | Setting::Docs(name, _)
            | Setting::Key(name, _)
            | Setting::ErrorsIn2xx(name, _)
            | Setting::IdempotencyKey(name, _)
            | Setting::Categories(name, _)
            | Setting::Wire(name, _)
            | Setting::Columns(name, _)
            | Setting::DocsTables(name, _)
            | Setting::Sensitive(name, _)
            | Setting::NotSensitive(name, _) => name,
            Setting::Coverage(name, _, _) => name,
        }
    }
}

pub(crate) enum KeySyntax {
    Code,
    StatusCode,
    CategoryCode,
}

/// `json "name"? { field: source (or source)*, ... }`
pub(crate) struct ShapeSyntax {
    pub(crate) json: Span,
    pub(crate) name: Option<LitStr>,
    pub(crate) fields: Vec<(Ident, Vec<SourceSyntax>)>,
    /// `fields: { name: source (or source)*, ... }`: the catalog's own fields.
    pub(crate) extras: Vec<(Ident, Vec<FieldSources>)>,
    /// `field_errors: "/pointer" { field: "...", message: "..." }`, the braces optional.
    pub(crate) field_errors: Vec<FieldErrorsSyntax>,
}

/// A field and its sources: `name: source (or source)*`.
pub(crate) type FieldSources = (Ident, Vec<SourceSyntax>);

/// `field_errors: "/pointer" { field: "...", message: "..." }`.
pub(crate) struct FieldErrorsSyntax {
    pub(crate) name: Ident,
    pub(crate) source: SourceSyntax,
    pub(crate) members: Vec<(Ident, LitStr)>,
}

pub(crate) enum SourceSyntax {
    Pointer(LitStr),
    Header(LitStr),
}

/// The column a cell belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Status,
    Code,
    Variant,
    Retry,
    Kind,
    Actor,
    Message,
    Category,
}

impl Column {
    pub(crate) const ALL: &'static [Column] = &[
        Column::Status,
        Column::Code,
        Column::Variant,
        Column::Retry,
        Column::Kind,
        Column::Actor,
        Column::Message,
        Column::Category,
    ];

    /// Columns every catalog must declare.
    pub(crate) const REQUIRED: &'static [Column] = &[
        Column::Status,
        Column::Code,
        Column::Variant,
        Column::Retry,
        Column::Kind,
        Column::Actor,
        Column::Message,
    ];

    /// The columns of a `sub_codes { ... }` row, in their fixed order.
    pub(crate) const SUB_CODE: &'static [Column] = &[
        Column::Code,
        Column::Variant,
        Column::Retry,
        Column::Kind,
        Column::Actor,
        Column::Message,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Column::Status => "status",
            Column::Code => "code",
            Column::Variant => "variant",
            Column::Retry => "retry",
            Column::Kind => "kind",
            Column::Actor => "actor",
            Column::Message => "message",
            Column::Category => "category",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Column> {
        Column::ALL
            .iter()
            .copied()
            .find(|column| column.name() == name)
    }
}

pub(crate) enum CodeLit {
    Int(LitInt),
    Str(LitStr),
    /// `_`: a row for the errors sent without a code.
    Absent(Span),
}

impl CodeLit {
    pub(crate) fn span(&self) -> Span {
        match self {
            CodeLit::Int(lit) => lit.span(),
            CodeLit::Str(lit) => lit.span(),
            CodeLit::Absent(span) => *span,
        }
    }
}

/// `never`, `backoff(3)`, `after(2h)`, ...
pub(crate) struct RetrySyntax {
    pub(crate) name: Ident,
    pub(crate) arg: Option<LitInt>,
    pub(crate) parens: Option<Span>,
}

impl RetrySyntax {
    /// Where a rule's error about the retry cell points: the policy's name.
    pub(crate) fn span(&self) -> Span {
        self.name.span()
    }
}

pub(crate) enum Cell {
    Statuses(Vec<LitInt>),
    Code(CodeLit),
    Variant(Ident),
    Retry(RetrySyntax),
    Kind(Ident),
    Actor(Ident),
    Message(LitStr),
    Category(Ident),
}

/// A `group "name" wire "shape" docs "url" { ... }` block's header.
pub(crate) struct Group {
    name: LitStr,
    wire: Option<LitStr>,
    /// The group's own docs page: providers that split their errors over pages.
    docs: Option<LitStr>,
}

/// A row of the table, or of a `sub_codes` block.
pub(crate) struct Row {
    pub(crate) docs: Vec<Attribute>,
    pub(crate) group: Option<LitStr>,
    /// The wire shape named by the group (`group "..." wire "api" { ... }`).
    pub(crate) wire: Option<LitStr>,
    /// The group's docs page (`group "..." docs "https://..." { ... }`).
    pub(crate) group_docs: Option<LitStr>,
    pub(crate) cells: Vec<(Column, Cell)>,
    pub(crate) remediation: Option<LitStr>,
    pub(crate) attrs: Vec<RowAttr>,
}

pub(crate) enum RowAttr {
    Allow {
        name: Ident,
        rule: Ident,
        reason: Option<LitStr>,
    },
    AlsoIn(Ident, Vec<LitStr>),
    Docs(Ident, LitStr),
    Added(Ident, LitStr),
    /// `untested("why")`: no response covers the row, and why.
    Untested(Ident, LitStr),
    SubCodes(Ident, Vec<Row>),
}

/// Parses an invocation; rows that do not parse are reported into `cx` and skipped.
pub(crate) fn parse(tokens: proc_macro2::TokenStream, cx: &mut Ctxt) -> syn::Result<Input> {
    let parser = |input: ParseStream<'_>| parse_input(input, cx);
    parser.parse2(tokens)
}

fn parse_input(input: ParseStream<'_>, cx: &mut Ctxt) -> syn::Result<Input> {
    let attrs = input.call(Attribute::parse_outer)?;
    let vis: Visibility = input.parse()?;
    let provider: kw::provider = input.parse().map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected `provider Name { ... }`: a catalog starts with its provider block",
        )
    })?;
    let ident: Ident = input.parse()?;
    let content;
    let brace = braced!(content in input);
    let (settings, settings_unreadable) = parse_settings(&content, cx);
    let columns = settings
        .iter()
        .find_map(|setting| match setting {
            Setting::Columns(_, columns) => Some(
                columns
                    .iter()
                    .filter_map(|column| Column::from_name(&column.to_string()))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .unwrap_or_else(|| Column::REQUIRED.to_vec());
    let header_span = brace.span.join();

    let mut rows = Vec::new();
    let errors_before = cx.error_count();
    while !input.is_empty() {
        if input.peek(kw::group) && input.peek2(LitStr) {
            input.parse::<kw::group>()?;
            let name: LitStr = input.parse()?;
            let wire = if input.peek(kw::wire) {
                input.parse::<kw::wire>()?;
                Some(input.parse::<LitStr>()?)
            } else {
                None
            };
            let docs = if input.peek(kw::docs) {
                input.parse::<kw::docs>()?;
                Some(input.parse::<LitStr>()?)
            } else {
                None
            };
            if !input.peek(syn::token::Brace) {
                return Err(input.error(
                    "expected `{ rows }` after the group's name: `group \"Name\" (wire \"shape\")? (docs \"url\")? { ... }`",
                ));
            }
            let group = Group { name, wire, docs };
            let content;
            braced!(content in input);
            parse_rows(&content, &columns, Some(&group), &mut rows, cx);
        } else {
            parse_one_row(input, &columns, None, &mut rows, cx);
        }
    }
    let _ = provider;
    let rows_written = rows.len() + (cx.error_count() - errors_before);
    Ok(Input {
        attrs,
        vis,
        ident,
        settings,
        settings_unreadable,
        header_span,
        rows,
        rows_written,
    })
}

/// The settings that parse, and the names of those that did not.
fn parse_settings(input: ParseStream<'_>, cx: &mut Ctxt) -> (Vec<Setting>, Vec<String>) {
    let mut settings = Vec::new();
    let mut unreadable = Vec::new();
    while !input.is_empty() {
        let name = input.fork().call(Ident::parse_any_ident);
        match parse_setting(input) {
            Ok(setting) => settings.push(setting),
            Err(error) => {
                cx.syn_error(error);
                unreadable.extend(name.map(|name| name.to_string()));
                skip_past(input, |input| input.peek(Token![,]));
                continue;
            }
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            cx.syn_error(error);
            skip_past(input, |input| input.peek(Token![,]));
        }
    }
    (settings, unreadable)
}

fn parse_setting(input: ParseStream<'_>) -> syn::Result<Setting> {
    let name: Ident = input.parse()?;
    input.parse::<Token![:]>()?;
    Ok(match name.to_string().as_str() {
        "id" => Setting::Id(name, input.parse()?),
        "name" => Setting::Name(name, input.parse()?),
        "docs" => Setting::Docs(name, input.parse()?),
        "errors_in_2xx" => Setting::ErrorsIn2xx(name, input.parse()?),
        "idempotency_key" => {
            input.parse::<kw::header>().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected `header \"Name\"`, the request header that carries the key, \
                     e.g. `idempotency_key: header \"Idempotency-Key\"`",
                )
            })?;
            Setting::IdempotencyKey(name, input.parse()?)
        }
        "key" => {
            let key = if input.peek(kw::code) {
                {
                    input.parse::<kw::code>()?;
                    KeySyntax::Code
                }
            } else if input.peek(syn::token::Paren) {
                let content;
                parenthesized!(content in input);
                let key = if content.peek(kw::status) {
                    content.parse::<kw::status>()?;
                    KeySyntax::StatusCode
                } else if content.peek(kw::category) {
                    content.parse::<kw::category>()?;
                    KeySyntax::CategoryCode
                } else {
                    return Err(content.error("expected `(status, code)` or `(category, code)`"));
                };
                content.parse::<Token![,]>()?;
                content.parse::<kw::code>()?;
                if !content.is_empty() {
                    return Err(content.error("expected `(status, code)` or `(category, code)`"));
                }
                key
            } else {
                return Err(input.error("expected `code`, `(status, code)` or `(category, code)`"));
            };
            Setting::Key(name, key)
        }
        "categories" => {
            let content;
            braced!(content in input);
            let mut categories = Vec::new();
            while !content.is_empty() {
                let ident: Ident = content.parse()?;
                content.parse::<Token![=]>()?;
                categories.push((ident, content.parse()?));
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            Setting::Categories(name, categories)
        }
        "wire" => {
            let mut shapes = vec![parse_shape(input)?];
            while input.peek(Token![else]) {
                input.parse::<Token![else]>()?;
                shapes.push(parse_shape(input)?);
            }
            Setting::Wire(name, shapes)
        }
        "sensitive" => {
            let content;
            braced!(content in input);
            let sources = content.parse_terminated(parse_source, Token![,])?;
            Setting::Sensitive(name, sources.into_iter().collect())
        }
        "not_sensitive" => {
            let content;
            braced!(content in input);
            let sources = content.parse_terminated(parse_source, Token![,])?;
            Setting::NotSensitive(name, sources.into_iter().collect())
        }
        "coverage" => {
            let content;
            let brace = braced!(content in input);
            let items = content.parse_terminated(parse_coverage_item, Token![,])?;
            Setting::Coverage(name, brace.span.join(), items.into_iter().collect())
        }
        "docs_tables" => {
            let content;
            braced!(content in input);
            let mut tables = Vec::new();
            while !content.is_empty() {
                tables.push(parse_docs_table(&content)?);
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            Setting::DocsTables(name, tables)
        }
        "columns" => {
            let mut columns = vec![input.call(Ident::parse_any_ident)?];
            while input.peek(Token![|]) {
                input.parse::<Token![|]>()?;
                columns.push(input.call(Ident::parse_any_ident)?);
            }
            Setting::Columns(name, columns)
        }
        other => {
            return Err(syn::Error::new(
                name.span(),
                unknown("setting", other, SETTINGS.iter().copied()),
            ));
        }
    })
}

trait ParseAnyIdent {
    fn parse_any_ident(input: ParseStream<'_>) -> syn::Result<Ident>;
}

impl ParseAnyIdent for Ident {
    /// Column names include `type`-like words; accept any identifier, keywords too.
    fn parse_any_ident(input: ParseStream<'_>) -> syn::Result<Ident> {
        syn::ext::IdentExt::parse_any(input)
    }
}

fn parse_docs_table(input: ParseStream<'_>) -> syn::Result<DocsTableSyntax> {
    let head: Ident = input.parse()?;
    let target = match head.to_string().as_str() {
        "entries" => DocsTarget::Entries(head),
        "sub_codes" => {
            let of: Ident = input.parse()?;
            if of != "of" {
                return Err(syn::Error::new(
                    of.span(),
                    "expected `sub_codes of Variant`",
                ));
            }
            DocsTarget::SubCodesOf(input.parse()?)
        }
        _ => {
            return Err(syn::Error::new(
                head.span(),
                "expected `entries: { ... }` or `sub_codes of Variant: { ... }`",
            ));
        }
    };
    input.parse::<Token![:]>()?;
    let content;
    braced!(content in input);
    let mut columns = Vec::new();
    while !content.is_empty() {
        let field: Ident = content.parse()?;
        content.parse::<Token![:]>()?;
        columns.push((field, content.parse()?));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(DocsTableSyntax { target, columns })
}

fn parse_shape(input: ParseStream<'_>) -> syn::Result<ShapeSyntax> {
    let json = input
        .parse::<kw::json>()
        .map_err(|error| syn::Error::new(error.span(), "expected a wire shape: `json { ... }`"))?
        .span;
    let name = if input.peek(LitStr) {
        Some(input.parse()?)
    } else {
        None
    };
    let content;
    braced!(content in input);
    let mut fields = Vec::new();
    let mut extras = Vec::new();
    let mut field_errors = Vec::new();
    while !content.is_empty() {
        let field: Ident = content.parse()?;
        content.parse::<Token![:]>()?;
        if field == "fields" {
            if !content.peek(syn::token::Brace) {
                let error = content.error(
                    "expected the catalog's own fields in braces, e.g. \
                     `fields: { doc_url: \"/error/doc_url\" }`",
                );
                // The rest of the shape is taken, so no second error says it was left over.
                let _ = content.parse::<proc_macro2::TokenStream>();
                return Err(error);
            }
            let inner;
            braced!(inner in content);
            let mut named = Vec::new();
            while !inner.is_empty() {
                named.push(parse_field_sources(&inner)?);
                if !inner.is_empty() {
                    inner.parse::<Token![,]>()?;
                }
            }
            extras.push((field, named));
        } else if field == "field_errors" {
            let source = parse_source(&content)?;
            let mut members = Vec::new();
            if content.peek(syn::token::Brace) {
                let inner;
                braced!(inner in content);
                while !inner.is_empty() {
                    let member: Ident = inner.parse()?;
                    inner.parse::<Token![:]>()?;
                    members.push((member, inner.parse::<LitStr>()?));
                    if !inner.is_empty() {
                        inner.parse::<Token![,]>()?;
                    }
                }
            }
            field_errors.push(FieldErrorsSyntax {
                name: field,
                source,
                members,
            });
        } else {
            let mut sources = vec![parse_source(&content)?];
            while content.peek(kw::or) {
                content.parse::<kw::or>()?;
                sources.push(parse_source(&content)?);
            }
            fields.push((field, sources));
        }
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(ShapeSyntax {
        json,
        name,
        fields,
        extras,
        field_errors,
    })
}

/// `name: source (or source)*`, in `fields: { ... }`.
fn parse_field_sources(input: ParseStream<'_>) -> syn::Result<FieldSources> {
    let name = input.call(Ident::parse_any_ident)?;
    input.parse::<Token![:]>()?;
    let mut sources = vec![parse_source(input)?];
    while input.peek(kw::or) {
        input.parse::<kw::or>()?;
        sources.push(parse_source(input)?);
    }
    Ok((name, sources))
}

/// `at_least: 80%`, or any `name: literal %?`, for `model.rs` to check.
fn parse_coverage_item(input: ParseStream<'_>) -> syn::Result<CoverageItem> {
    let name: Ident = input.parse()?;
    input.parse::<Token![:]>()?;
    let value: syn::Lit = input.parse().map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected a percentage such as `80%`, e.g. `coverage: { at_least: 80% }`",
        )
    })?;
    let percent = if input.peek(Token![%]) {
        Some(input.parse()?)
    } else {
        None
    };
    Ok(CoverageItem {
        name,
        value,
        percent,
    })
}

fn parse_source(input: ParseStream<'_>) -> syn::Result<SourceSyntax> {
    if input.peek(kw::header) {
        input.parse::<kw::header>()?;
        Ok(SourceSyntax::Header(input.parse()?))
    } else if input.peek(LitStr) {
        Ok(SourceSyntax::Pointer(input.parse()?))
    } else {
        Err(input.error("expected a JSON pointer such as \"/code\", or `header \"Name\"`"))
    }
}

fn parse_rows(
    input: ParseStream<'_>,
    columns: &[Column],
    group: Option<&Group>,
    rows: &mut Vec<Row>,
    cx: &mut Ctxt,
) {
    while !input.is_empty() {
        parse_one_row(input, columns, group, rows, cx);
    }
}

fn parse_one_row(
    input: ParseStream<'_>,
    columns: &[Column],
    group: Option<&Group>,
    rows: &mut Vec<Row>,
    cx: &mut Ctxt,
) {
    match parse_row(input, columns, group, cx) {
        Ok(row) => rows.push(row),
        Err(error) => {
            cx.syn_error(error);
            skip_past(input, |input| input.peek(Token![;]));
        }
    }
}

/// Skips tokens up to and including the next separator found by `at_separator`.
fn skip_past(input: ParseStream<'_>, at_separator: impl Fn(ParseStream<'_>) -> bool) {
    while !input.is_empty() && !at_separator(input) {
        if input.parse::<TokenTree>().is_err() {
            return;
        }
    }
    let _ = input.parse::<TokenTree>();
}

fn parse_row(
    input: ParseStream<'_>,
    columns: &[Column],
    group: Option<&Group>,
    cx: &mut Ctxt,
) -> syn::Result<Row> {
    let docs = input.call(Attribute::parse_outer)?;
    check_cell_count(input, columns)?;
    let mut cells = Vec::with_capacity(columns.len());
    for (i, &column) in columns.iter().enumerate() {
        if i > 0 {
            input.parse::<Token![|]>()?;
        }
        cells.push((column, parse_cell(input, column)?));
    }
    let remediation = if input.peek(Token![=>]) {
        input.parse::<Token![=>]>()?;
        Some(input.parse()?)
    } else {
        None
    };
    let mut attrs = Vec::new();
    while !input.is_empty() && !input.peek(Token![;]) {
        attrs.push(parse_row_attr(input, cx)?);
    }
    input
        .parse::<Token![;]>()
        .map_err(|_| input.error("expected `;` at the end of the row"))?;
    Ok(Row {
        docs,
        group: group.map(|group| group.name.clone()),
        wire: group.and_then(|group| group.wire.clone()),
        group_docs: group.and_then(|group| group.docs.clone()),
        cells,
        remediation,
        attrs,
    })
}

/// Counts the row's cells (top-level `|` before the `;`) before parsing them, so a missing or
/// extra cell is reported as such rather than as a confusing type error in a later column.
fn check_cell_count(input: ParseStream<'_>, columns: &[Column]) -> syn::Result<()> {
    let fork = input.fork();
    let mut cells = 1;
    while !fork.is_empty() && !fork.peek(Token![;]) && !fork.peek(Token![=>]) {
        if fork.peek(Token![||]) {
            fork.parse::<Token![||]>()?;
            cells += 2;
        } else if fork.peek(Token![|]) {
            fork.parse::<Token![|]>()?;
            cells += 1;
        } else {
            fork.parse::<TokenTree>()?;
        }
    }
    if cells == columns.len() {
        return Ok(());
    }
    let header = columns
        .iter()
        .map(|column| column.name())
        .collect::<Vec<_>>()
        .join(" | ");
    Err(syn::Error::new(
        input.span(),
        format!(
            "this row has {cells} cells but the table has {} columns: {header}",
            columns.len()
        ),
    ))
}

fn parse_cell(input: ParseStream<'_>, column: Column) -> syn::Result<Cell> {
    let expected =
        |what: &str| input.error(format!("expected {what} in the `{}` column", column.name()));
    Ok(match column {
        Column::Status => {
            let mut statuses = vec![
                input
                    .parse::<LitInt>()
                    .map_err(|_| expected("an HTTP status such as 404"))?,
            ];
            while input.peek(kw::or) {
                input.parse::<kw::or>()?;
                statuses.push(input.parse()?);
            }
            Cell::Statuses(statuses)
        }
        Column::Code => {
            if input.peek(LitInt) {
                Cell::Code(CodeLit::Int(input.parse()?))
            } else if input.peek(LitStr) {
                Cell::Code(CodeLit::Str(input.parse()?))
            } else if input.peek(Token![_]) {
                Cell::Code(CodeLit::Absent(input.parse::<Token![_]>()?.span))
            } else {
                return Err(expected(
                    "a code: an integer such as 1200, a string such as \"not-found\", or `_` \
                     for the errors sent without a code",
                ));
            }
        }
        Column::Variant => Cell::Variant(input.parse().map_err(|_| expected("a variant name"))?),
        Column::Retry => {
            let name: Ident = input
                .parse()
                .map_err(|_| expected("a retry policy such as `never` or `backoff(3)`"))?;
            let (arg, parens) = if input.peek(syn::token::Paren) {
                let content;
                let parens = parenthesized!(content in input);
                let arg: LitInt = content.parse()?;
                if !content.is_empty() {
                    return Err(content.error("expected one number"));
                }
                (Some(arg), Some(parens.span.join()))
            } else {
                (None, None)
            };
            Cell::Retry(RetrySyntax { name, arg, parens })
        }
        Column::Kind => Cell::Kind(
            input
                .parse()
                .map_err(|_| expected("a kind such as `not_found`"))?,
        ),
        Column::Actor => Cell::Actor(
            input
                .parse()
                .map_err(|_| expected("an actor such as `integrator`"))?,
        ),
        Column::Message => Cell::Message(input.parse().map_err(|_| expected("a message string"))?),
        Column::Category => Cell::Category(input.parse().map_err(|_| expected("a category name"))?),
    })
}

fn parse_row_attr(input: ParseStream<'_>, cx: &mut Ctxt) -> syn::Result<RowAttr> {
    let name: Ident = input
        .parse()
        .map_err(|_| input.error("expected `;`, `=> \"remediation\"` or a row attribute such as `allow(status_retry, \"why\")`"))?;
    if name == "sub_codes" {
        let content;
        braced!(content in input);
        let mut rows = Vec::new();
        parse_rows(&content, Column::SUB_CODE, None, &mut rows, cx);
        return Ok(RowAttr::SubCodes(name, rows));
    }
    if !matches!(
        name.to_string().as_str(),
        "allow" | "also_in" | "docs" | "added" | "untested"
    ) {
        return Err(syn::Error::new(
            name.span(),
            unknown(
                "row attribute",
                &name.to_string(),
                ["allow", "also_in", "docs", "added", "untested", "sub_codes"],
            ),
        ));
    }
    if !input.peek(syn::token::Paren) {
        let example = match name.to_string().as_str() {
            "allow" => "allow(status_retry, \"why\")",
            "also_in" => "also_in(\"Other section\")",
            "docs" => "docs(\"https://...\")",
            "added" => "added(\"why the docs lack it\")",
            _ => "untested(\"cannot be provoked in sandbox\")",
        };
        return Err(syn::Error::new(
            name.span(),
            format!("`{name}` takes its arguments in parentheses, e.g. `{example}`"),
        ));
    }
    let content;
    parenthesized!(content in input);
    let attr = attr_arguments(name, &content);
    // The rest of the parentheses is taken whatever happened: tokens left in them would end
    // the parse of the whole invocation, and the rows after this one would go unchecked.
    let rest: proc_macro2::TokenStream = content.parse()?;
    let attr = attr?;
    if let Some(first) = rest.into_iter().next() {
        return Err(syn::Error::new(
            first.span(),
            "unexpected tokens in this attribute",
        ));
    }
    Ok(attr)
}

/// The arguments of `allow(...)`, `also_in(...)`, `docs(...)`, `untested(...)`, `added(...)`.
fn attr_arguments(name: Ident, content: ParseStream<'_>) -> syn::Result<RowAttr> {
    Ok(match name.to_string().as_str() {
        "allow" => {
            let rule: Ident = content.parse()?;
            let reason = if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
                Some(content.parse()?)
            } else {
                None
            };
            RowAttr::Allow { name, rule, reason }
        }
        "also_in" => {
            let groups = content
                .parse_terminated(|input: ParseStream<'_>| input.parse::<LitStr>(), Token![,])?
                .into_iter()
                .collect();
            RowAttr::AlsoIn(name, groups)
        }
        "docs" => RowAttr::Docs(name, content.parse()?),
        "untested" => {
            let reason = content.parse().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected the reason in words, e.g. `untested(\"cannot be provoked in sandbox\")`",
                )
            })?;
            RowAttr::Untested(name, reason)
        }
        _ => RowAttr::Added(name, content.parse()?),
    })
}
