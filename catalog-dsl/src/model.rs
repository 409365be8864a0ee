//! The catalog as the macro understands it: the syntax tree interpreted, with spans kept for
//! diagnostics. Checks of a single value (a status in range, a known kind) happen here; checks
//! across rows live in `validate.rs`.

use catalog_vocab::{Actor, Coverage, DocsField, Field, KeyMode, Kind, RetryPolicy, Rule};
use proc_macro2::Span;
use syn::{Ident, LitInt, LitStr};

use crate::ctxt::{Ctxt, unknown};
use crate::rust::{Attribute, Visibility};
use crate::syntax::{
    Cell, CodeLit, Column, CoverageItem, DocsTableSyntax, DocsTarget, FieldErrorsSyntax, Input,
    KeySyntax, RetrySyntax, Row, RowAttr, Setting, ShapeSyntax, SourceSyntax,
};

pub(crate) struct Catalog {
    pub(crate) docs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) ident: Ident,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) docs_url: String,
    pub(crate) key: KeyMode,
    /// The `key` setting, for errors about it.
    pub(crate) key_span: Option<Span>,
    pub(crate) errors_in_2xx: bool,
    /// The request header that carries an idempotency key, if the provider reads one.
    pub(crate) idempotency_header: Option<String>,
    pub(crate) shapes: Vec<Shape>,
    pub(crate) categories: Vec<(Ident, LitStr)>,
    pub(crate) entries: Vec<Entry>,
    /// Variant names of rows that could not be read, for the fallback skeleton.
    pub(crate) broken_variants: Vec<Ident>,
    /// Rows written, including those that did not parse.
    pub(crate) rows_written: usize,
    pub(crate) docs_map: Option<DocsMap>,
    /// Pointers and headers whose values are left out of every output.
    pub(crate) sensitive: Vec<Source>,
    /// Sources named like secrets that redaction leaves as sent.
    pub(crate) not_sensitive: Vec<Source>,
    /// The docs page of each group that names one, in order: `(group, url)`.
    pub(crate) group_pages: Vec<(String, String)>,
    /// How much of the catalog must be accounted for (`coverage: { at_least: 80% }`).
    pub(crate) coverage: Coverage,
}

/// `docs_tables`: the header texts of the docs page's columns.
pub(crate) struct DocsMap {
    pub(crate) entries: DocsColumns,
    pub(crate) sub_codes: Vec<(Ident, DocsColumns)>,
}

/// The header text of each mapped docs column: the runtime's mapping, holding owned text.
pub(crate) type DocsColumns = catalog_vocab::DocsColumns<String>;

impl Catalog {
    /// The index of the shape with this name.
    pub(crate) fn shape_index(&self, name: &str) -> Option<usize> {
        self.shapes.iter().position(|shape| shape.name == name)
    }

    /// The index of the shape `entry` is read with: the one it names, else the first.
    pub(crate) fn entry_shape(&self, entry: &Entry) -> usize {
        entry
            .wire
            .as_ref()
            .and_then(|wire| self.shape_index(&wire.value()))
            .unwrap_or(0)
    }

    /// The spelling of `entry`'s category as the provider sends it, if it has one.
    pub(crate) fn category_spelling(&self, entry: &Entry) -> Option<String> {
        let ident = entry.category.as_ref()?;
        self.categories
            .iter()
            .find(|(known, _)| known == ident)
            .map(|(_, spelling)| spelling.value())
    }
}

pub(crate) struct Shape {
    pub(crate) name: String,
    pub(crate) span: Span,
    pub(crate) fields: Vec<FieldSource>,
    /// Fields declared with a source that could not be read (already reported): declared
    /// all the same, so no second error says they are missing.
    pub(crate) unreadable: Vec<Field>,
    /// The catalog's own fields (`fields: { doc_url: "/error/doc_url" }`), in order.
    pub(crate) extras: Vec<ExtraSource>,
    /// Where the field errors are (`field_errors: "/errors"`).
    pub(crate) field_errors: Option<FieldErrors>,
}

impl Shape {
    /// Every body pointer of the shape, with its span and what it reads (for the checks that
    /// hold of any pointer): its fields', its own fields' and its field errors'.
    pub(crate) fn body_pointers(&self) -> impl Iterator<Item = (&[String], Span, Reads<'_>)> + '_ {
        let fields = self
            .fields
            .iter()
            .filter_map(|source| match &source.source {
                Source::Body(path) => {
                    Some((path.as_slice(), source.span, Reads::Field(source.field)))
                }
                Source::Header(_) => None,
            });
        let extras = self.extras.iter().map(|extra| {
            (
                extra.path.as_slice(),
                extra.span,
                Reads::Extra(extra.name.as_str()),
            )
        });
        let field_errors = self
            .field_errors
            .iter()
            .map(|source| (source.path.as_slice(), source.span, Reads::FieldErrors));
        fields.chain(extras).chain(field_errors)
    }
}

/// What a body pointer reads.
#[derive(Clone, Copy)]
pub(crate) enum Reads<'a> {
    Field(Field),
    Extra(&'a str),
    FieldErrors,
}

impl std::fmt::Display for Reads<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reads::Field(field) => write!(f, "{field}"),
            Reads::Extra(name) => write!(f, "{name}"),
            Reads::FieldErrors => f.write_str("field_errors"),
        }
    }
}

/// A field of the catalog's own, read from each error of the body.
pub(crate) struct ExtraSource {
    pub(crate) name: String,
    pub(crate) path: Vec<String>,
    pub(crate) span: Span,
}

/// `field_errors: "/errors" { field: "...", message: "..." }`.
pub(crate) struct FieldErrors {
    pub(crate) path: Vec<String>,
    pub(crate) field: String,
    pub(crate) message: String,
    pub(crate) span: Span,
}

pub(crate) struct FieldSource {
    pub(crate) field: Field,
    pub(crate) source: Source,
    pub(crate) span: Span,
}

#[derive(PartialEq, Eq)]
pub(crate) enum Source {
    Body(Vec<String>),
    Header(String),
}

pub(crate) enum Code {
    Int(i64),
    Str(String),
    /// `_`: the row takes the errors sent without a code.
    Absent,
}

impl Code {
    /// The code as text; `_` for a row without one.
    pub(crate) fn text(&self) -> String {
        match self {
            Code::Int(n) => n.to_string(),
            Code::Str(s) => s.clone(),
            Code::Absent => "_".to_owned(),
        }
    }

    /// The code as text, `None` for a row without one: what the key rules read.
    pub(crate) fn key_text(&self) -> Option<String> {
        match self {
            Code::Absent => None,
            code => Some(code.text()),
        }
    }
}

/// A value read from a cell, with the cell's span for the rules' errors.
#[derive(Clone, Copy)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

pub(crate) struct Exception {
    pub(crate) rule: Rule,
    pub(crate) reason: String,
    pub(crate) span: Span,
}

pub(crate) struct Entry {
    pub(crate) docs: Vec<Attribute>,
    pub(crate) code: Code,
    pub(crate) code_span: Span,
    pub(crate) statuses: Vec<(u16, Span)>,
    pub(crate) variant: Ident,
    pub(crate) retry: Spanned<RetryPolicy>,
    pub(crate) kind: Spanned<Kind>,
    pub(crate) actor: Actor,
    pub(crate) message: String,
    pub(crate) remediation: Option<String>,
    pub(crate) groups: Vec<String>,
    pub(crate) docs_link: Option<String>,
    pub(crate) category: Option<Ident>,
    pub(crate) added: Option<String>,
    pub(crate) sub_codes: Vec<SubCode>,
    pub(crate) sub_codes_span: Option<Span>,
    pub(crate) exceptions: Vec<Exception>,
    /// The wire shape its group names, if any; resolved to an index by `validate.rs`.
    pub(crate) wire: Option<LitStr>,
    /// Why no response covers it (`untested("...")`).
    pub(crate) untested: Option<Untested>,
}

/// A row's `untested("why")`.
pub(crate) struct Untested {
    pub(crate) reason: String,
    /// The attribute's name, for errors about it.
    pub(crate) span: Span,
}

pub(crate) struct SubCode {
    pub(crate) code: String,
    pub(crate) code_span: Span,
    pub(crate) name: Ident,
    pub(crate) retry: Spanned<RetryPolicy>,
    pub(crate) kind: Spanned<Kind>,
    pub(crate) actor: Actor,
    pub(crate) message: String,
    pub(crate) exceptions: Vec<Exception>,
    /// Why no response covers it (`untested("...")`).
    pub(crate) untested: Option<Untested>,
}

/// Interprets the syntax tree; everything wrong is reported into `cx`.
pub(crate) fn from_syntax(input: Input, cx: &mut Ctxt) -> Catalog {
    let Input {
        attrs,
        vis,
        ident,
        settings,
        settings_unreadable,
        header_span,
        rows,
        rows_written,
    } = input;
    let docs = doc_attrs(attrs, cx);

    let mut id = None;
    let mut name = None;
    let mut docs_url = None;
    let mut key = KeyMode::Code;
    let mut key_span = None;
    let mut errors_in_2xx = false;
    let mut idempotency_header = None;
    let mut shapes = Vec::new();
    let mut categories = Vec::new();
    let mut columns_seen = false;
    let mut docs_map = None;
    let mut sensitive = Vec::new();
    let mut not_sensitive: Vec<(Source, Span)> = Vec::new();
    let mut coverage = Coverage::STRICT;
    let mut seen: Vec<Ident> = Vec::new();
    for setting in settings {
        if let Some(first) = seen.iter().find(|seen| **seen == *setting.name()) {
            cx.duplicate(
                setting.name().span(),
                first.span(),
                format!("`{}` is set twice", setting.name()),
                "first set here",
            );
            continue;
        }
        seen.push(setting.name().clone());
        match setting {
            Setting::Id(_, lit) => id = Some(provider_id(&lit, cx)),
            Setting::Name(_, lit) => name = Some(lit.value()),
            Setting::Docs(_, lit) => docs_url = Some(lit.value()),
            Setting::Key(name, syntax) => {
                key_span = Some(name.span());
                key = match syntax {
                    KeySyntax::Code => KeyMode::Code,
                    KeySyntax::StatusCode => KeyMode::StatusCode,
                    KeySyntax::CategoryCode => KeyMode::CategoryCode,
                };
            }
            Setting::ErrorsIn2xx(_, lit) => errors_in_2xx = lit.value,
            Setting::IdempotencyKey(_, lit) => idempotency_header = header_name(&lit, cx),
            Setting::Categories(_, declared) => categories = declared,
            Setting::Wire(_, declared) => {
                shapes = declared
                    .into_iter()
                    .map(|shape| shape_from(shape, cx))
                    .collect();
            }
            Setting::Columns(setting, columns) => {
                columns_seen = true;
                check_columns(&setting, &columns, cx);
            }
            Setting::DocsTables(setting, tables) => docs_map = docs_map_from(&setting, tables, cx),
            Setting::Sensitive(_, sources) => {
                sensitive = sources
                    .into_iter()
                    .filter_map(|source| source_from(source, cx))
                    .collect();
            }
            Setting::NotSensitive(_, sources) => {
                not_sensitive = sources
                    .into_iter()
                    .filter_map(|source| source_from(source, cx))
                    .collect();
            }
            Setting::Coverage(setting, braces, items) => {
                coverage = coverage_from(&setting, braces, items, cx);
            }
        }
    }
    // A source can be redacted or left as sent, not both.
    for (source, span) in &not_sensitive {
        if sensitive.iter().any(|(declared, _)| declared == source) {
            cx.error(
                *span,
                "this source is in both `sensitive` and `not_sensitive`; keep it in one",
            );
        }
    }
    for (missing, example) in [
        (id.is_none().then_some("id"), "id: \"my-provider\""),
        (
            docs_url.is_none().then_some("docs"),
            "docs: \"https://...\"",
        ),
        (
            shapes.is_empty().then_some("wire"),
            "wire: json { code: \"/code\" }",
        ),
        (
            (!columns_seen).then_some("columns"),
            "columns: status | code | variant | retry | kind | actor | message",
        ),
    ] {
        let misspelled = |missing: &str| {
            settings_unreadable
                .iter()
                .any(|name| catalog_vocab::suggest(name, [missing]).is_some())
        };
        if let Some(missing) = missing.filter(|missing| !misspelled(missing)) {
            cx.error(
                header_span,
                format!("the provider block needs `{missing}`, e.g. `{example}`"),
            );
        }
    }

    let mut entries = Vec::new();
    let mut broken_variants = Vec::new();
    let mut group_pages: Vec<(String, String)> = Vec::new();
    for row in rows {
        if let (Some(group), Some(page)) = (&row.group, &row.group_docs) {
            let (group, url) = (group.value(), page.value());
            match group_pages.iter().find(|(known, _)| *known == group) {
                Some((_, earlier)) if *earlier != url => cx.error(
                    page.span(),
                    format!("group \"{group}\" already names its docs page \"{earlier}\": a group is one page"),
                ),
                Some(_) => {}
                None => group_pages.push((group, url)),
            }
        }
        let variant = row.cells.iter().find_map(|(_, cell)| match cell {
            Cell::Variant(ident) => Some(ident.clone()),
            _ => None,
        });
        match entry_from(row, cx) {
            Some(entry) => entries.push(entry),
            None => broken_variants.extend(variant),
        }
    }

    Catalog {
        docs,
        vis,
        name: name.or_else(|| id.clone()).unwrap_or_default(),
        id: id.unwrap_or_default(),
        ident,
        docs_url: docs_url.unwrap_or_default(),
        key,
        key_span,
        errors_in_2xx,
        idempotency_header,
        shapes,
        categories,
        entries,
        broken_variants,
        rows_written,
        docs_map,
        sensitive: sensitive.into_iter().map(|(source, _)| source).collect(),
        not_sensitive: not_sensitive
            .into_iter()
            .map(|(source, _)| source)
            .collect(),
        group_pages,
        coverage,
    }
}

/// `coverage: { at_least: 80% }`; what is wrong is reported, and the default kept.
fn coverage_from(
    setting: &Ident,
    braces: Span,
    items: Vec<CoverageItem>,
    cx: &mut Ctxt,
) -> Coverage {
    let mut coverage = None;
    let mut seen: Option<Span> = None;
    let empty = items.is_empty();
    for item in items {
        if item.name != "at_least" {
            cx.error(
                item.name.span(),
                format!(
                    "{}, e.g. `coverage: {{ at_least: 80% }}`",
                    unknown("coverage setting", &item.name.to_string(), ["at_least"])
                ),
            );
            continue;
        }
        if let Some(first) = seen {
            cx.duplicate(
                item.name.span(),
                first,
                "`at_least` is set twice",
                "first set here",
            );
            continue;
        }
        seen = Some(item.name.span());
        coverage = percentage(&item, cx);
    }
    // A key that is not `at_least` is reported as such; braces with nothing in them here.
    if empty {
        cx.error(
            braces,
            format!(
                "`{setting}` needs the share of entries to account for, e.g. `coverage: {{ at_least: 80% }}`"
            ),
        );
    }
    coverage.unwrap_or(Coverage::STRICT)
}

/// The percentage of `at_least: 80%`, checked by the vocabulary's [`Coverage::new`].
fn percentage(item: &CoverageItem, cx: &mut Ctxt) -> Option<Coverage> {
    let number = match &item.value {
        syn::Lit::Int(lit) if lit.suffix().is_empty() => lit.base10_parse::<u64>().ok(),
        syn::Lit::Float(lit) => {
            // `0.8` is a share written as a fraction; `82.5%` a percentage with a fraction.
            let value = lit.base10_parse::<f64>().unwrap_or(0.0);
            let percent = if item.percent.is_none() && value <= 1.0 {
                value * 100.0
            } else {
                value
            };
            cx.error(
                lit.span(),
                format!(
                    "a coverage threshold is a whole percentage: write `at_least: {}%`",
                    (percent + 1e-9).floor().clamp(0.0, 100.0)
                ),
            );
            return None;
        }
        _ => None,
    };
    let Some(number) = number else {
        cx.error_spanned_by(
            &item.value,
            "expected a percentage such as `80%`, e.g. `coverage: { at_least: 80% }`",
        );
        return None;
    };
    if item.percent.is_none() {
        cx.error_spanned_by(
            &item.value,
            format!("write the share as a percentage: `at_least: {number}%`"),
        );
        return None;
    }
    let found = u8::try_from(number).ok().and_then(Coverage::new);
    if found.is_none() {
        cx.error_spanned_by(
            &item.value,
            format!(
                "`{number}%` is more than every entry: a coverage threshold is at most 100%; \
                 `at_least: 100%` is the default, which needs no setting"
            ),
        );
    }
    found
}

fn docs_map_from(setting: &Ident, tables: Vec<DocsTableSyntax>, cx: &mut Ctxt) -> Option<DocsMap> {
    let mut entries = None;
    let mut sub_codes = Vec::new();
    for table in tables {
        let is_sub_codes = matches!(table.target, DocsTarget::SubCodesOf(_));
        let span = match &table.target {
            DocsTarget::Entries(ident) | DocsTarget::SubCodesOf(ident) => ident.span(),
        };
        let columns = docs_columns_from(span, table.columns, is_sub_codes, cx);
        match table.target {
            DocsTarget::Entries(ident) if entries.is_some() => {
                cx.error(
                    ident.span(),
                    "`entries` is mapped twice; one mapping serves every table of entries",
                );
            }
            DocsTarget::Entries(_) => entries = columns,
            DocsTarget::SubCodesOf(variant) => {
                sub_codes.extend(columns.map(|columns| (variant, columns)))
            }
        }
    }
    match entries {
        Some(entries) => Some(DocsMap { entries, sub_codes }),
        None => {
            cx.error(setting.span(), "`docs_tables` needs `entries: { code: \"...\", ... }`, the columns of the tables of entries");
            None
        }
    }
}

fn docs_columns_from(
    span: Span,
    columns: Vec<(Ident, LitStr)>,
    sub_codes: bool,
    cx: &mut Ctxt,
) -> Option<DocsColumns> {
    let mut out = DocsColumns::default();
    let mut has_code = false;
    let mut seen: Vec<Ident> = Vec::new();
    let errors_before = cx.error_count();
    for (field, header) in columns {
        if let Some(first) = seen.iter().find(|seen| **seen == field) {
            cx.duplicate(
                field.span(),
                first.span(),
                format!("`{field}` is mapped twice"),
                "first mapped here",
            );
            continue;
        }
        seen.push(field.clone());
        let Some(docs_field) = word(
            "docs column",
            &field,
            DocsField::from_name,
            DocsField::spellings(),
            cx,
        ) else {
            continue;
        };
        match docs_field {
            DocsField::Code => has_code = true,
            DocsField::Status if sub_codes => {
                cx.error(
                    field.span(),
                    "sub-codes take their entry's status: map no `status` column",
                );
                continue;
            }
            _ => {}
        }
        out.set(docs_field, header.value());
    }
    if !has_code {
        cx.error(
            span,
            "a docs table mapping needs the `code` column, e.g. `code: \"Error Code\"`",
        );
    }
    (cx.error_count() == errors_before).then_some(out)
}

fn doc_attrs(attrs: Vec<Attribute>, cx: &mut Ctxt) -> Vec<Attribute> {
    attrs
        .into_iter()
        .filter(|attr| {
            let is_doc = attr.path_is("doc");
            if !is_doc {
                cx.error_spanned_by(attr, "only doc comments (`///`) are accepted here");
            }
            is_doc
        })
        .collect()
}

fn provider_id(lit: &LitStr, cx: &mut Ctxt) -> String {
    let id = lit.value();
    if !catalog_vocab::is_provider_id(&id) {
        cx.error(
            lit.span(),
            "a provider id is lowercase kebab-case, e.g. \"plaid-legacy\": it names the provider \
             in the CLI, fixtures and JSON output",
        );
    }
    id
}

fn check_columns(setting: &Ident, columns: &[Ident], cx: &mut Ctxt) {
    let mut seen: Vec<(Column, Span)> = Vec::new();
    for column in columns {
        match Column::from_name(&column.to_string()) {
            Some(known) => {
                if let Some((_, first)) = seen.iter().find(|(c, _)| *c == known) {
                    cx.duplicate(
                        column.span(),
                        *first,
                        format!("column `{column}` is declared twice"),
                        "first declared here",
                    );
                } else {
                    seen.push((known, column.span()));
                }
            }
            None => cx.error(
                column.span(),
                unknown(
                    "column",
                    &column.to_string(),
                    Column::ALL.iter().map(|column| column.name()),
                ),
            ),
        }
    }
    for required in Column::REQUIRED {
        if !seen.iter().any(|(column, _)| column == required) {
            cx.error(
                setting.span(),
                format!(
                    "missing required column `{}`: every row needs a status, code, variant, \
                     retry, kind, actor and message",
                    required.name()
                ),
            );
        }
    }
}

/// The fields a header can give, as each is written: for the errors about headers.
fn header_fields() -> String {
    let examples: Vec<String> = Field::ALL
        .iter()
        .filter_map(|field| field.header_example())
        .map(|example| format!("`{example}`"))
        .collect();
    examples.join(", ")
}

fn shape_from(shape: ShapeSyntax, cx: &mut Ctxt) -> Shape {
    let mut fields = Vec::new();
    let mut unreadable = Vec::new();
    for (name, sources) in shape.fields {
        let Some(field) = word(
            "wire field",
            &name,
            Field::from_name,
            Field::spellings().chain(["fields", "field_errors"]),
            cx,
        ) else {
            continue;
        };
        for source in sources {
            if let SourceSyntax::Header(name) = &source
                && field.header_example().is_none()
            {
                cx.error(
                    name.span(),
                    format!(
                        "`{field}` belongs to each error of the body, so it cannot come from a \
                         header: point it into the body, e.g. `{field}: \"/error/{field}\"`. \
                         The fields a header can give: {}",
                        header_fields()
                    ),
                );
            }
            let Some((source, span)) = source_from(source, cx) else {
                unreadable.push(field);
                continue;
            };
            fields.push(FieldSource {
                field,
                source,
                span,
            });
        }
    }
    let mut extras: Vec<ExtraSource> = Vec::new();
    let mut blocks: Vec<Ident> = Vec::new();
    for (block, named) in shape.extras {
        if let Some(first) = blocks.first() {
            cx.duplicate(
                block.span(),
                first.span(),
                "`fields` is set twice in this wire shape; list every field in one block",
                "first set here",
            );
            continue;
        }
        blocks.push(block);
        let mut seen: Vec<Ident> = Vec::new();
        for (name, sources) in named {
            if let Some(first) = seen.iter().find(|seen| **seen == name) {
                cx.duplicate(
                    name.span(),
                    first.span(),
                    format!(
                        "`{name}` is listed twice in `fields`; give alternatives with `or`, \
                         e.g. `{name}: \"/a\" or \"/b\"`"
                    ),
                    "first listed here",
                );
                continue;
            }
            seen.push(name.clone());
            for source in sources {
                if let Some(path) = body_pointer(source, &format!("{name}"), cx) {
                    extras.push(ExtraSource {
                        name: name.to_string(),
                        path: path.0,
                        span: path.1,
                    });
                }
            }
        }
    }
    let mut field_errors: Option<FieldErrors> = None;
    for syntax in shape.field_errors {
        match &field_errors {
            Some(first) => cx.duplicate(
                syntax.name.span(),
                first.span,
                "`field_errors` is set twice in this wire shape",
                "first set here",
            ),
            None => field_errors = field_errors_from(syntax, cx),
        }
    }
    Shape {
        name: shape
            .name
            .map_or_else(|| "json".to_owned(), |name| name.value()),
        span: shape.json,
        fields,
        unreadable,
        extras,
        field_errors,
    }
}

/// A source that must be a body pointer (a field of the catalog's own, the field errors): its
/// segments and span, or `None` (reported).
fn body_pointer(source: SourceSyntax, what: &str, cx: &mut Ctxt) -> Option<(Vec<String>, Span)> {
    match source {
        SourceSyntax::Header(name) => {
            cx.error(
                name.span(),
                format!(
                    "`{what}` is read from each error of the body, so it cannot come from a \
                     header: point it into the body, e.g. `{what}: \"/error/{what}\"`. The \
                     fields a header can give: {}",
                    header_fields()
                ),
            );
            None
        }
        source => match source_from(source, cx)? {
            (Source::Body(path), span) => Some((path, span)),
            (Source::Header(_), _) => None,
        },
    }
}

/// `field_errors: "/errors" { field: "...", message: "..." }`, checked.
fn field_errors_from(syntax: FieldErrorsSyntax, cx: &mut Ctxt) -> Option<FieldErrors> {
    let FieldErrorsSyntax {
        name,
        source,
        members,
    } = syntax;
    let mut field = None;
    let mut message = None;
    let mut ok = true;
    for (member, value) in members {
        let slot = match member.to_string().as_str() {
            "field" => &mut field,
            "message" => &mut message,
            other => {
                ok = false;
                cx.error(
                    member.span(),
                    format!(
                        "{}: the member names of a list of field errors, e.g. \
                         `field_errors: \"/errors\" {{ field: \"field\", message: \"detail\" }}`",
                        unknown("field_errors member", other, ["field", "message"])
                    ),
                );
                continue;
            }
        };
        if slot.is_some() {
            ok = false;
            cx.error(member.span(), format!("`{member}` is set twice"));
            continue;
        }
        let text = value.value();
        if text.is_empty() {
            ok = false;
            cx.error(value.span(), "a member name is not empty");
            continue;
        }
        *slot = Some(text);
    }
    let (path, span) = body_pointer(source, &name.to_string(), cx)?;
    ok.then(|| FieldErrors {
        path,
        field: field.unwrap_or_else(|| "field".to_owned()),
        message: message.unwrap_or_else(|| "message".to_owned()),
        span,
    })
}

/// A pointer or header as the model holds it, or `None` (reported) when it is malformed.
fn source_from(source: SourceSyntax, cx: &mut Ctxt) -> Option<(Source, Span)> {
    match source {
        SourceSyntax::Header(name) => {
            let span = name.span();
            header_name(&name, cx).map(|value| (Source::Header(value), span))
        }
        SourceSyntax::Pointer(pointer) => match catalog_vocab::pointer::parse(&pointer.value()) {
            Ok(segments) => Some((Source::Body(segments), pointer.span())),
            Err(problem) => {
                cx.error(pointer.span(), format!("bad wire pointer: {problem}"));
                None
            }
        },
    }
}

/// The header name `lit` spells, or an error at it: the runtime builds a `HeaderName` from
/// it, which only a token can be.
fn header_name(lit: &LitStr, cx: &mut Ctxt) -> Option<String> {
    let name = lit.value();
    if catalog_vocab::is_header_name(&name) {
        return Some(name);
    }
    cx.error(
        lit.span(),
        format!(
            "`{name}` is not a header name: a header name is letters, digits and \
             !#$%&'*+-.^_`|~, with no spaces or colons"
        ),
    );
    None
}

/// The cells of a row, read once for entries and sub-codes alike.
#[derive(Default)]
struct Cells {
    statuses: Vec<(u16, Span)>,
    code: Option<CodeLit>,
    variant: Option<Ident>,
    retry: Option<Spanned<RetryPolicy>>,
    kind: Option<Spanned<Kind>>,
    actor: Option<Actor>,
    message: Option<String>,
    category: Option<Ident>,
}

fn read_cells(cells: Vec<(Column, Cell)>, cx: &mut Ctxt) -> Cells {
    let mut out = Cells::default();
    for (_, cell) in cells {
        match cell {
            Cell::Statuses(lits) => {
                out.statuses = lits.iter().filter_map(|lit| status(lit, cx)).collect()
            }
            Cell::Code(lit) => out.code = Some(lit),
            Cell::Variant(ident) => out.variant = Some(ident),
            Cell::Retry(syntax) => {
                out.retry = retry_from(&syntax, cx).map(|value| Spanned {
                    value,
                    span: syntax.span(),
                })
            }
            Cell::Kind(ident) => {
                out.kind =
                    word("kind", &ident, Kind::from_name, Kind::spellings(), cx).map(|value| {
                        Spanned {
                            value,
                            span: ident.span(),
                        }
                    })
            }
            Cell::Actor(ident) => {
                out.actor = word("actor", &ident, Actor::from_name, Actor::spellings(), cx)
            }
            Cell::Message(lit) => out.message = Some(lit.value()),
            Cell::Category(ident) => out.category = Some(ident),
        }
    }
    out
}

fn entry_from(row: Row, cx: &mut Ctxt) -> Option<Entry> {
    let errors_before = cx.error_count();
    let Cells {
        statuses,
        code,
        variant,
        retry,
        kind,
        actor,
        message,
        category,
    } = read_cells(row.cells, cx);
    let code = code.and_then(|lit| code_from(&lit, cx).map(|code| (code, lit.span())));
    let mut groups: Vec<String> = row.group.iter().map(LitStr::value).collect();
    // A row's own link wins over its group's page.
    let mut docs_link = row.group_docs.as_ref().map(LitStr::value);
    let mut added = None;
    let mut sub_codes = Vec::new();
    let mut sub_codes_span = None;
    let mut exceptions = Vec::new();
    let mut untested = None;
    for attr in row.attrs {
        match attr {
            RowAttr::Allow { name, rule, reason } => {
                add_exception(&mut exceptions, &name, &rule, reason.as_ref(), cx);
            }
            RowAttr::Untested(name, reason) => set_untested(&mut untested, &name, &reason, cx),
            RowAttr::AlsoIn(_, also) => groups.extend(also.iter().map(LitStr::value)),
            RowAttr::Docs(_, url) => docs_link = Some(url.value()),
            RowAttr::Added(_, reason) => added = Some(reason.value()),
            RowAttr::SubCodes(name, rows) => {
                sub_codes_span = Some(name.span());
                sub_codes.extend(rows.into_iter().filter_map(|row| sub_code_from(row, cx)));
            }
        }
    }
    let docs = doc_attrs(row.docs, cx);
    if cx.error_count() > errors_before {
        return None;
    }
    let (code, code_span) = code?;
    Some(Entry {
        docs,
        code,
        code_span,
        statuses,
        variant: variant?,
        retry: retry?,
        kind: kind?,
        actor: actor?,
        message: message?,
        remediation: row.remediation.map(|lit| lit.value()),
        groups,
        docs_link,
        category,
        added,
        sub_codes,
        sub_codes_span,
        exceptions,
        wire: row.wire,
        untested,
    })
}

/// A row's `untested("why")`, or what is wrong with it: a reason in words, given once.
fn set_untested(untested: &mut Option<Untested>, name: &Ident, reason: &LitStr, cx: &mut Ctxt) {
    if let Some(first) = untested {
        cx.duplicate(
            name.span(),
            first.span,
            "a second `untested` on the same row; one reason says it",
            "first `untested` here",
        );
        return;
    }
    let text = reason.value();
    if text.trim().is_empty() {
        cx.error(
            reason.span(),
            "`untested` needs its reason in words, e.g. `untested(\"cannot be provoked in \
             sandbox\")`, so a reviewer knows why no response covers the row",
        );
        return;
    }
    *untested = Some(Untested {
        reason: text,
        span: name.span(),
    });
}

fn sub_code_from(row: Row, cx: &mut Ctxt) -> Option<SubCode> {
    let errors_before = cx.error_count();
    let Cells {
        code,
        variant: name,
        retry,
        kind,
        actor,
        message,
        ..
    } = read_cells(row.cells, cx);
    let code = match code {
        Some(CodeLit::Str(lit)) => Some((lit.value(), lit.span())),
        Some(CodeLit::Int(lit)) => {
            cx.error(
                lit.span(),
                "a sub-code is matched as text: write it as a string, e.g. \"NetbankDown\"",
            );
            None
        }
        Some(CodeLit::Absent(span)) => {
            cx.error(
                span,
                "a sub-code row needs the sub-code as sent, e.g. \"NetbankDown\"; `_` is for \
                 rows of the table, which take the errors sent without a code",
            );
            None
        }
        None => None,
    };
    let mut exceptions = Vec::new();
    let mut untested = None;
    for attr in row.attrs {
        match attr {
            RowAttr::Allow { name, rule, reason } => {
                add_exception(&mut exceptions, &name, &rule, reason.as_ref(), cx);
            }
            RowAttr::Untested(name, reason) => set_untested(&mut untested, &name, &reason, cx),
            RowAttr::AlsoIn(name, _)
            | RowAttr::Docs(name, _)
            | RowAttr::Added(name, _)
            | RowAttr::SubCodes(name, _) => cx.error(
                name.span(),
                format!(
                    "a sub-code row takes only `allow(rule, \"why\")` and `untested(\"why\")`, not `{name}`"
                ),
            ),
        }
    }
    if cx.error_count() > errors_before {
        return None;
    }
    let (code, code_span) = code?;
    Some(SubCode {
        code,
        code_span,
        name: name?,
        retry: retry?,
        kind: kind?,
        actor: actor?,
        message: message?,
        exceptions,
        untested,
    })
}

fn status(lit: &LitInt, cx: &mut Ctxt) -> Option<(u16, Span)> {
    match lit.base10_parse::<u16>() {
        Ok(status) if (100..=599).contains(&status) && lit.suffix().is_empty() => {
            Some((status, lit.span()))
        }
        _ => {
            cx.error(
                lit.span(),
                format!("status out of range: `{lit}` is not an HTTP status (100 to 599)"),
            );
            None
        }
    }
}

fn code_from(lit: &CodeLit, cx: &mut Ctxt) -> Option<Code> {
    match lit {
        CodeLit::Absent(_) => Some(Code::Absent),
        CodeLit::Int(lit) => match lit.base10_parse::<i64>() {
            Ok(n) if lit.suffix().is_empty() => Some(Code::Int(n)),
            _ => {
                cx.error(
                    lit.span(),
                    "a numeric code is a plain integer without a suffix",
                );
                None
            }
        },
        CodeLit::Str(lit) => {
            let text = lit.value();
            if text.trim().is_empty() || text.trim() != text {
                cx.error(
                    lit.span(),
                    "a code is not empty and has no surrounding white space",
                );
                return None;
            }
            Some(Code::Str(text))
        }
    }
}

/// The vocabulary word `ident` spells, or an error that suggests the closest.
fn word<T>(
    what: &str,
    ident: &Ident,
    from_name: impl Fn(&str) -> Option<T>,
    spellings: impl Iterator<Item = &'static str>,
    cx: &mut Ctxt,
) -> Option<T> {
    let name = ident.to_string();
    let found = from_name(&name);
    if found.is_none() {
        cx.error(ident.span(), unknown(what, &name, spellings));
    }
    found
}

fn retry_from(syntax: &RetrySyntax, cx: &mut Ctxt) -> Option<RetryPolicy> {
    let name = syntax.name.to_string();
    let span = syntax.parens.unwrap_or_else(|| syntax.name.span());
    // The argument counts retries, the attempts after the first: `backoff(3)` sends a request
    // at most four times.
    let retries = |cx: &mut Ctxt| -> Option<u8> {
        match &syntax.arg {
            Some(arg) => match arg.base10_parse::<u8>() {
                Ok(n) if n >= 1 && arg.suffix().is_empty() => Some(n),
                _ => {
                    cx.error(
                        arg.span(),
                        format!(
                            "`{name}` takes a number of retries (attempts after the first) \
                             from 1 to 255"
                        ),
                    );
                    None
                }
            },
            None => {
                cx.error(
                    span,
                    format!(
                        "`{name}` needs the number of retries (attempts after the first), \
                         e.g. `{name}(3)`"
                    ),
                );
                None
            }
        }
    };
    let no_argument = |retry: RetryPolicy, cx: &mut Ctxt| -> Option<RetryPolicy> {
        if let Some(arg) = &syntax.arg {
            cx.error(arg.span(), format!("`{name}` takes no argument"));
            return None;
        }
        Some(retry)
    };
    match name.as_str() {
        "never" => no_argument(RetryPolicy::Never, cx),
        "immediately" => no_argument(RetryPolicy::Immediately, cx),
        "new_session" => no_argument(RetryPolicy::NewSession, cx),
        "next_day" => no_argument(RetryPolicy::NextDay, cx),
        "backoff" => retries(cx).map(|retries| RetryPolicy::Backoff { retries }),
        "after_hint" => retries(cx).map(|retries| RetryPolicy::AfterHint { retries }),
        "after" => {
            let Some(arg) = &syntax.arg else {
                cx.error(
                    span,
                    "`after` needs a delay, e.g. `after(30s)`, `after(2h)` or `after(1d)`",
                );
                return None;
            };
            let unit = match arg.suffix() {
                "" | "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86_400,
                other => {
                    cx.error(
                        arg.span(),
                        format!("unknown unit `{other}`; use s, m, h or d"),
                    );
                    return None;
                }
            };
            match arg
                .base10_parse::<u32>()
                .ok()
                .and_then(|n| n.checked_mul(unit))
            {
                Some(secs) if secs > 0 => Some(RetryPolicy::After { secs }),
                _ => {
                    cx.error(
                        arg.span(),
                        "the delay must be positive and fit in u32 seconds",
                    );
                    None
                }
            }
        }
        _ => {
            let names = RetryPolicy::SPELLINGS
                .iter()
                .map(|spelling| spelling.split('(').next().unwrap_or(spelling));
            let suggestion = catalog_vocab::suggest(&name, names);
            let mut message = format!("unknown retry policy `{name}`");
            if let Some(suggestion) = suggestion {
                message.push_str(&format!("; did you mean `{suggestion}`?"));
            }
            let expected: Vec<String> = RetryPolicy::SPELLINGS
                .iter()
                .map(|spelling| format!("`{spelling}`"))
                .collect();
            message.push_str(&format!(" (expected one of {})", expected.join(", ")));
            cx.error(syntax.name.span(), message);
            None
        }
    }
}

/// Adds a row's `allow(rule, "why")` to its exceptions, or reports what is wrong with it.
fn add_exception(
    exceptions: &mut Vec<Exception>,
    name: &Ident,
    rule: &Ident,
    reason: Option<&LitStr>,
    cx: &mut Ctxt,
) {
    if let Some(exception) = exception_from(name, rule, reason, exceptions, cx) {
        exceptions.push(exception);
    }
}

fn exception_from(
    name: &Ident,
    rule: &Ident,
    reason: Option<&LitStr>,
    earlier: &[Exception],
    cx: &mut Ctxt,
) -> Option<Exception> {
    let known = word("rule", rule, Rule::from_name, Rule::spellings(), cx)?;
    let reason_text = reason.map(LitStr::value).unwrap_or_default();
    if reason_text.trim().is_empty() {
        let span = reason.map_or_else(|| name.span(), LitStr::span);
        cx.error(
            span,
            format!(
                "an exception needs its reason in words, e.g. `allow({rule}, \"the docs ask to \
                 resubmit\")`, so a reviewer can check it against the docs"
            ),
        );
        return None;
    }
    if let Some(first) = earlier.iter().find(|exception| exception.rule == known) {
        cx.duplicate(
            rule.span(),
            first.span,
            format!("a second exception to `{rule}` on the same row"),
            "first exception here",
        );
        return None;
    }
    Some(Exception {
        rule: known,
        reason: reason_text,
        span: rule.span(),
    })
}
