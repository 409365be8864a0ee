//! Printing: the `provider_errors!` invocation, with what was guessed and a `// review:` line
//! per row.

use std::fmt::Write as _;

use catalog_core::{DocsColumns, KeyMode};

use super::columns::{describe, docs_tables_entry};
use super::infer::Planned;
use super::naming::{category_ident, type_name};
use super::wire::Wire;
use super::{ImportOptions, Lines};
use crate::page::{self, DocsTable, mapped_rows};

/// The address the pages' addresses share, up to a `/`: the catalog's docs page where the
/// errors are split over pages (`https://example.com/errors/` for `.../errors/item` and
/// `.../errors/card`), over the rows whose page has one.
fn common_url(planned: &[Planned]) -> Option<String> {
    let mut urls = planned.iter().filter_map(|plan| plan.row.url.as_deref());
    let first = urls.next()?;
    let mut common = first;
    for url in urls {
        let shared = common
            .char_indices()
            .zip(url.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, c), _)| at + c.len_utf8());
        common = &common[..shared];
    }
    if common == first {
        return Some(first.to_owned());
    }
    let cut = common.rfind('/')?;
    let common = &common[..=cut];
    // A scheme and host at least: `https://` alone is no page.
    (common.matches('/').count() >= 3).then(|| common.to_owned())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn render(
    options: &ImportOptions<'_>,
    page: &str,
    notes: &[String],
    columns: &DocsColumns<String>,
    planned: &[Planned],
    set_aside: &[(&DocsTable, DocsColumns<String>)],
    numeric: bool,
    key: KeyMode,
    wire: &Wire,
    lines: &Lines<'_>,
) -> String {
    let mut out = String::new();
    let name = options.name.unwrap_or(options.id);
    let docs_url = options
        .docs_url
        .map(str::to_owned)
        // Among several pages, a `source:` line is one page's address, not the catalog's.
        .or_else(|| {
            (options.pages.len() <= 1)
                .then(|| page::source_line(page).map(str::to_owned))
                .flatten()
        })
        .or_else(|| common_url(planned))
        .unwrap_or_else(|| options.source.to_owned());
    let _ = writeln!(
        out,
        "// Imported by the `import` command from {}.",
        options.source.escape_debug()
    );
    out.push_str("// What was guessed:\n");
    for note in notes {
        let _ = writeln!(out, "//   - {note}");
    }
    out.push_str("// Retry, kind and actor of each row are inferred from its status and wording, within the\n");
    out.push_str(
        "// consistency rules; each row's `// review:` line says how. The wire notes above say\n",
    );
    out.push_str("// what decided each pointer.\n");
    out.push_str("catalog_core::provider_errors! {\n");
    let _ = writeln!(
        out,
        "    /// {}: error catalog imported from <{}>.",
        name.escape_debug(),
        docs_url.escape_debug()
    );
    let _ = writeln!(out, "    pub provider {} {{", type_name(options.id));
    let _ = writeln!(out, "        id: {:?},", options.id);
    let _ = writeln!(out, "        name: {name:?},");
    let _ = writeln!(out, "        docs: {docs_url:?},");
    let _ = writeln!(
        out,
        "        key: {},",
        match key {
            KeyMode::Code => "code",
            KeyMode::StatusCode => "(status, code)",
            KeyMode::CategoryCode => "(category, code)",
        }
    );
    out.push_str("        // review: where the provider's responses carry each field.\n");
    let mut fields = vec![
        format!("code: {:?}", wire.code.as_deref().unwrap_or("/code")),
        format!(
            "message: {:?}",
            wire.message.as_deref().unwrap_or("/message")
        ),
    ];
    if let Some(request_id) = &wire.request_id {
        fields.push(format!("request_id: {request_id:?}"));
    }
    // The type field is read only where the key needs it or categories are declared.
    if let Some(category) = wire
        .category
        .as_ref()
        .filter(|_| columns.category.is_some())
    {
        fields.push(format!("category: {category:?}"));
    }
    let _ = writeln!(out, "        wire: json {{ {} }},", fields.join(", "));
    let mut categories: Vec<(String, String)> = Vec::new();
    if columns.category.is_some() {
        for plan in planned {
            if let Some(spelling) = &plan.row.category {
                let ident = category_ident(spelling);
                if !categories.iter().any(|(known, _)| *known == ident) {
                    categories.push((ident, spelling.clone()));
                }
            }
        }
        out.push_str("        categories: {\n");
        for (ident, spelling) in &categories {
            let _ = writeln!(out, "            {ident} = {spelling:?},");
        }
        out.push_str("        },\n");
    }
    let category_column = if categories.is_empty() {
        ""
    } else {
        "category | "
    };
    let _ = writeln!(
        out,
        "        columns: status | code | {category_column}variant | retry | kind | actor | message,"
    );
    let _ = writeln!(
        out,
        "        docs_tables: {{ entries: {} }},",
        docs_tables_entry(columns)
    );
    out.push_str("    }\n");

    let mut sections: Vec<(Option<String>, Option<String>)> = Vec::new();
    for plan in planned {
        if !sections
            .iter()
            .any(|(section, _)| *section == plan.row.section)
        {
            sections.push((plan.row.section.clone(), plan.row.url.clone()));
        }
    }
    for (section, url) in sections {
        let indent = if section.is_some() {
            "        "
        } else {
            "    "
        };
        out.push('\n');
        if let Some(section) = &section {
            // A group's own page, where the provider splits its errors over pages.
            match url.filter(|url| *url != docs_url) {
                Some(url) => {
                    let _ = writeln!(out, "    group {section:?} docs {url:?} {{");
                }
                None => {
                    let _ = writeln!(out, "    group {section:?} {{");
                }
            }
        }
        for plan in planned.iter().filter(|plan| plan.row.section == section) {
            let row = &plan.row;
            let _ = writeln!(
                out,
                "{indent}// review: {} ({})",
                plan.notes.join("; "),
                lines.at(row.line)
            );
            let statuses: Vec<String> = row.statuses.iter().map(u16::to_string).collect();
            let code = if numeric {
                row.code.clone()
            } else {
                format!("{:?}", row.code)
            };
            let category = match (&row.category, categories.is_empty()) {
                (Some(spelling), false) => format!("{} | ", category_ident(spelling)),
                (None, false) => {
                    // Every row needs the cell: the first category stands in, for review.
                    format!("{} | ", categories[0].0)
                }
                _ => String::new(),
            };
            let message = row.message.clone().unwrap_or_else(|| row.code.clone());
            let _ = write!(
                out,
                "{indent}{} | {code} | {category}{} | {} | {} | {} | {message:?}",
                statuses.join(" or "),
                plan.variant,
                plan.retry,
                plan.kind,
                plan.actor
            );
            if let Some(remediation) = &row.remediation {
                let _ = write!(out, "\n{indent}    => {remediation:?}");
            }
            if !row.sections.is_empty() {
                let also: Vec<String> = row.sections.iter().map(|s| format!("{s:?}")).collect();
                let _ = write!(out, "\n{indent}    also_in({})", also.join(", "));
            }
            for (rule, reason) in &plan.exceptions {
                let _ = write!(out, "\n{indent}    allow({}, {reason:?})", rule.as_str());
            }
            out.push_str(";\n");
        }
        if section.is_some() {
            out.push_str("    }\n");
        }
    }
    for (table, columns) in set_aside {
        let _ = writeln!(
            out,
            "\n    // review: the table at {} ({}) was set aside: its columns ({}) differ from the\n    // tables of entries. If it lists sub-codes of an entry above, declare them under that entry as\n    // `sub_codes {{ \"Code\" | Name | retry | kind | actor | \"message\"; }}` and map the table in docs_tables\n    // as `sub_codes of Entry: {}`. Its rows:",
            lines.at(table.line),
            table.section.as_deref().unwrap_or("no section"),
            describe(columns),
            docs_tables_entry(columns)
        );
        for row in mapped_rows(table, &columns.as_deref())
            .into_iter()
            .filter(|row| !row.code.is_empty())
        {
            let _ = writeln!(
                out,
                "    //   {:?}: {:?}",
                row.code,
                row.message.unwrap_or_default()
            );
        }
    }
    out.push_str("}\n");
    out
}
