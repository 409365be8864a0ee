//! Printing: the `provider_errors!` invocation, with what was guessed and a `// review:` line
//! per row.

use std::fmt::Write as _;

use catalog_core::KeyMode;

use super::columns::{describe, docs_tables_entry};
use super::infer::{Planned, Reading};
use super::naming::{category_ident, type_name};
use super::rows::StatusFrom;
use super::{ImportOptions, Plan};
use crate::page::{self, mapped_rows};

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

/// The catalog's docs address: `--base-url`, else a single page's `source:` line, else the
/// pages' common address; `None` when nothing gives an http(s) address.
pub(super) fn docs_url(
    options: &ImportOptions<'_>,
    page: &str,
    planned: &[Planned],
) -> Option<String> {
    options
        .docs_url
        .map(str::to_owned)
        // Among several pages, a `source:` line is one page's address, not the catalog's.
        .or_else(|| {
            (options.pages.len() <= 1)
                .then(|| page::source_line(page).map(str::to_owned))
                .flatten()
        })
        .or_else(|| common_url(planned))
        .or_else(|| page::is_http_url(options.source).then(|| options.source.to_owned()))
        .filter(|url| page::is_http_url(url))
}

fn statuses_text(statuses: &[u16]) -> String {
    let statuses: Vec<String> = statuses.iter().map(u16::to_string).collect();
    statuses.join(" or ")
}

/// The wire block: the code's shape, then the others the recordings show.
fn wire_fields(plan: &Plan<'_>, categories: bool) -> String {
    let wire = &plan.wire;
    // The server's retry flag belongs to the shape whose list holds it; a header to every shape.
    let list_of = |pointer: &str| pointer.find("/*").map(|at| pointer[..at].to_owned());
    let shared = |code: &str| {
        let mut fields = Vec::new();
        if let Some(pointer) = wire
            .retryable
            .as_ref()
            .filter(|pointer| list_of(pointer) == list_of(code))
        {
            fields.push(format!("retryable: {pointer:?}"));
        }
        if let Some(header) = &wire.retryable_header {
            fields.push(format!("retryable: header {header:?}"));
        }
        if let Some(header) = &wire.retry_after_header {
            fields.push(format!("retry_after: header {header:?}"));
        }
        fields
    };
    let mut fields = vec![
        format!("code: {:?}", wire.code.as_deref().unwrap_or("/code")),
        format!(
            "message: {:?}",
            wire.message.as_deref().unwrap_or("/message")
        ),
    ];
    if let Some(pointer) = &wire.sub_code {
        fields.push(format!("sub_code: {pointer:?}"));
    }
    match (&wire.request_id, &wire.request_id_header) {
        (Some(pointer), _) => fields.push(format!("request_id: {pointer:?}")),
        (None, Some(header)) => fields.push(format!("request_id: header {header:?}")),
        (None, None) => {}
    }
    // The type field is read where the key needs it or the catalog declares its categories.
    if let Some(category) = wire.category.as_ref().filter(|_| categories) {
        fields.push(format!("category: {category:?}"));
    }
    if let Some(pointer) = &wire.source_parameter {
        fields.push(format!("source_parameter: {pointer:?}"));
    }
    fields.extend(shared(wire.code.as_deref().unwrap_or("/code")));
    if !wire.own_fields.is_empty() {
        let own: Vec<String> = wire
            .own_fields
            .iter()
            .map(|(name, pointer)| format!("{name}: {pointer:?}"))
            .collect();
        fields.push(format!("fields: {{ {} }}", own.join(", ")));
    }
    // Several shapes need names: each after the top field of its code.
    let mut names: Vec<String> = Vec::new();
    let mut name_of = |pointer: &str| {
        let top = pointer
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let top = if top.is_empty() {
            "shape".to_owned()
        } else {
            top
        };
        let mut name = top.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{top}{n}");
            n += 1;
        }
        names.push(name.clone());
        if wire.others.is_empty() {
            String::new()
        } else {
            format!("{name:?} ")
        }
    };
    let first = name_of(wire.code.as_deref().unwrap_or("/code"));
    let mut out = format!("json {first}{{ {} }}", fields.join(", "));
    for (code, message) in &wire.others {
        let mut fields = vec![format!("code: {code:?}")];
        if let Some(message) = message {
            fields.push(format!("message: {message:?}"));
        }
        if let Some(header) = &wire.request_id_header {
            fields.push(format!("request_id: header {header:?}"));
        }
        fields.extend(shared(code));
        let name = name_of(code);
        out.push_str(&format!(" else json {name}{{ {} }}", fields.join(", ")));
    }
    out
}

/// The wire an OpenAPI spec gives, as `import` would write it, for the message when the spec
/// gives no codes.
pub(super) fn spec_shape(spec: &crate::openapi::SpecErrors) -> String {
    let wire = &spec.wire;
    let mut fields = vec![format!(
        "code: {:?}",
        wire.code.as_deref().unwrap_or("/code")
    )];
    if let Some(message) = &wire.message {
        fields.push(format!("message: {message:?}"));
    }
    if let Some(category) = &wire.category {
        fields.push(format!("category: {category:?}"));
    }
    match (&wire.request_id, &wire.request_id_header) {
        (Some(pointer), _) => fields.push(format!("request_id: {pointer:?}")),
        (None, Some(header)) => fields.push(format!("request_id: header {header:?}")),
        _ => {}
    }
    format!("json {{ {} }}", fields.join(", "))
}

/// The review line of a row: where its status comes from, how its retry, kind and actor
/// were decided, and its notes.
fn review_line(plan: &Planned) -> String {
    let mut parts = Vec::new();
    match &plan.row.status_from {
        StatusFrom::Docs => {}
        StatusFrom::Samples(what) => parts.push(format!("status from recorded responses ({what})")),
        StatusFrom::Spec(what) => parts.push(format!("status from the OpenAPI spec ({what})")),
        StatusFrom::Placeholder => parts.push(format!(
            "no page, spec or recording gives a status: {} is a placeholder{}",
            statuses_text(&plan.statuses),
            if plan.statuses == [400] {
                String::new()
            } else {
                " that goes with its words".to_owned()
            }
        )),
    }
    let by = [&plan.retry.by, &plan.kind.by, &plan.actor.by];
    if by[0] == by[1] && by[1] == by[2] {
        parts.push(format!("retry, kind and actor from {}", by[0].describe()));
    } else {
        parts.push(format!("retry from {}", plan.retry.by.describe()));
        parts.push(format!("kind from {}", plan.kind.by.describe()));
        if plan.actor.by != plan.kind.by {
            parts.push(format!("actor from {}", plan.actor.by.describe()));
        }
    }
    parts.extend(plan.notes.iter().cloned());
    parts.join("; ")
}

/// The docs' reading of a row that the rules do not permit, with the exact `allow(...)` lines
/// a reviewer adds if they agree: import never writes them itself.
fn reading_line(plan: &Planned, reading: &Reading) -> String {
    let rules: Vec<&str> = reading
        .allows
        .iter()
        .map(|(rule, _)| rule.as_str())
        .collect();
    let allows: Vec<String> = reading
        .allows
        .iter()
        .map(|(rule, reason)| format!("allow({}, {reason:?})", rule.as_str()))
        .collect();
    let statuses = if reading.statuses == plan.statuses {
        String::new()
    } else {
        format!(
            " with status `{}` (no row without an exception has them all)",
            statuses_text(&reading.statuses)
        )
    };
    format!(
        "the docs' reading: `{} | {} | {}`{statuses}, which the rule{} {} forbid{} at status {}: if the docs are right, write it and add {}",
        reading.retry,
        reading.kind,
        reading.actor,
        if rules.len() > 1 { "s" } else { "" },
        rules.join(" and "),
        if rules.len() > 1 { "" } else { "s" },
        statuses_text(&reading.statuses),
        allows.join(" ")
    )
}

/// The last word (from its last capital) that every name ends with, where each keeps a word
/// before it and there are two names at least.
fn common_suffix<'n>(names: impl Iterator<Item = &'n str> + Clone) -> Option<String> {
    let first = names.clone().next()?;
    let at = first
        .rfind(|c: char| c.is_ascii_uppercase())
        .filter(|&at| at > 0)?;
    let suffix = &first[at..];
    let mut count = 0;
    for name in names {
        count += 1;
        let keeps = name
            .strip_suffix(suffix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
        if !keeps {
            return None;
        }
    }
    (count >= 2).then(|| suffix.to_owned())
}

/// Prints the plan as a `provider_errors!` invocation.
pub(super) fn render(plan: &Plan<'_>) -> String {
    let options = plan.options;
    let planned = &plan.planned;
    let columns = &plan.columns;
    let lines = &plan.lines;
    let numeric = plan.numeric;
    let mut out = String::new();
    let name = options.name.unwrap_or(options.id);
    let docs_url = docs_url(options, plan.page, planned).unwrap_or_default();
    let _ = writeln!(
        out,
        "// Imported by the `import` command from {}.",
        options.source.escape_debug()
    );
    out.push_str("// What was guessed:\n");
    for note in &plan.notes {
        let _ = writeln!(out, "//   - {note}");
    }
    out.push_str("// Retry, kind and actor of each row are read from the docs' words, the code's name, the\n");
    out.push_str("// recorded responses and the status, within the consistency rules; each row's `// review:`\n");
    out.push_str("// line says how, and where the docs read otherwise than the rules permit, which `allow(...)`\n");
    out.push_str("// to add if you agree. `import --explain` says it row by row.\n");
    out.push_str("catalog_core::provider_errors! {\n");
    let shown_url = if docs_url.is_empty() {
        "no address known; pass --base-url".to_owned()
    } else {
        format!("<{docs_url}>")
    };
    let _ = writeln!(
        out,
        "    /// {}: error catalog imported from {}.",
        name.escape_debug(),
        shown_url.escape_debug()
    );
    let _ = writeln!(out, "    pub provider {} {{", type_name(options.id));
    let _ = writeln!(out, "        id: {:?},", options.id);
    let _ = writeln!(out, "        name: {name:?},");
    if docs_url.is_empty() {
        out.push_str("        // review: no page gives its address: fill it in, or import again with --base-url.\n");
    }
    let _ = writeln!(out, "        docs: {docs_url:?},");
    let _ = writeln!(
        out,
        "        key: {},",
        match plan.key {
            KeyMode::Code => "code",
            KeyMode::StatusCode => "(status, code)",
            KeyMode::CategoryCode => "(category, code)",
        }
    );
    if plan.profile.errors_in_2xx {
        out.push_str("        errors_in_2xx: true,\n");
    }
    let mut categories: Vec<(String, String)> = Vec::new();
    if plan.categories || plan.key == KeyMode::CategoryCode {
        for plan in planned {
            if let Some(spelling) = &plan.row.category {
                let ident = category_ident(spelling);
                if !categories.iter().any(|(known, _)| *known == ident) {
                    categories.push((ident, spelling.clone()));
                }
            }
        }
    }
    // Names that all end in the same word (`ApiError`, `RefundError`) lose it: the enum is
    // named for categories already, and clippy's `enum_variant_names` would object.
    let suffix = common_suffix(categories.iter().map(|(ident, _)| ident.as_str()));
    for (ident, _) in &mut categories {
        if let Some(suffix) = &suffix {
            ident.truncate(ident.len() - suffix.len());
        }
    }
    let short = |spelling: &str| {
        let ident = category_ident(spelling);
        match &suffix {
            Some(suffix) => ident[..ident.len() - suffix.len()].to_owned(),
            None => ident,
        }
    };
    out.push_str("        // review: where the provider's responses carry each field.\n");
    let _ = writeln!(
        out,
        "        wire: {},",
        wire_fields(plan, !categories.is_empty())
    );
    if !categories.is_empty() {
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
    if plan.tables {
        let _ = writeln!(
            out,
            "        docs_tables: {{ entries: {} }},",
            docs_tables_entry(columns)
        );
    }
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
    // Rows outside any group come last: the codes only the recordings know.
    sections.sort_by_key(|(section, _)| section.is_none());
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
            let at = row.place(lines);
            let _ = writeln!(out, "{indent}// review: {} ({at})", review_line(plan));
            if let Some(reading) = &plan.reading {
                let _ = writeln!(out, "{indent}// review: {}", reading_line(plan, reading));
            }
            let code = if !row.has_code() {
                catalog_core::spec::Code::ABSENT_TEXT.to_owned()
            } else if numeric {
                row.code.clone()
            } else {
                format!("{:?}", row.code)
            };
            let category = match (&row.category, categories.is_empty()) {
                (Some(spelling), false) => format!("{} | ", short(spelling)),
                (None, false) => {
                    // Every row needs the cell: the first category stands in, for review.
                    format!("{} | ", categories[0].0)
                }
                _ => String::new(),
            };
            let message = row
                .message
                .clone()
                .unwrap_or_else(|| match row.category.as_deref() {
                    _ if row.has_code() => row.code.clone(),
                    Some(category) => format!("{category} without a code"),
                    None => "An error without a code.".to_owned(),
                });
            let _ = write!(
                out,
                "{indent}{} | {code} | {category}{} | {} | {} | {} | {message:?}",
                statuses_text(&plan.statuses),
                plan.variant,
                plan.retry.value,
                plan.kind.value,
                plan.actor.value
            );
            if let Some(remediation) = &row.remediation {
                let _ = write!(out, "\n{indent}    => {remediation:?}");
            }
            if !row.sections.is_empty() {
                let also: Vec<String> = row.sections.iter().map(|s| format!("{s:?}")).collect();
                let _ = write!(out, "\n{indent}    also_in({})", also.join(", "));
            }
            if let Some(added) = &row.added {
                let _ = write!(out, "\n{indent}    added({added:?})");
            }
            out.push_str(";\n");
        }
        if section.is_some() {
            out.push_str("    }\n");
        }
    }
    for (table, columns) in &plan.set_aside {
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
