//! `import --explain`: for each row, what decided its status, retry, kind and actor, and a
//! summary of how many rows each source decided.

use std::fmt::Write as _;

use super::Plan;
use super::infer::{Planned, Source};
use super::rows::StatusFrom;

fn status_line(plan: &Planned) -> String {
    match &plan.row.status_from {
        StatusFrom::Docs => "the docs".to_owned(),
        StatusFrom::Samples(what) => format!("recorded responses ({what})"),
        StatusFrom::Spec(what) => format!("the OpenAPI spec ({what})"),
        StatusFrom::Placeholder => {
            "nothing gives one: a placeholder that goes with its words".to_owned()
        }
    }
}

/// The explanation of every row, then the summary.
pub(super) fn explain(plan: &Plan<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "import --explain: {} rows of {}",
        plan.planned.len(),
        plan.options.id
    );
    for row in &plan.planned {
        let statuses: Vec<String> = row.statuses.iter().map(u16::to_string).collect();
        let at = row.row.place(&plan.lines);
        let code = if row.row.has_code() {
            row.row.code.as_str()
        } else {
            catalog_core::spec::Code::ABSENT_TEXT
        };
        let _ = writeln!(out, "\n{code} {} ({at})", row.variant);
        let _ = writeln!(
            out,
            "  status {:<24} {}",
            statuses.join(" or "),
            status_line(row)
        );
        let _ = writeln!(
            out,
            "  retry  {:<24} {}",
            row.retry.value.to_string(),
            row.retry.by.describe()
        );
        let _ = writeln!(
            out,
            "  kind   {:<24} {}",
            row.kind.value.to_string(),
            row.kind.by.describe()
        );
        let _ = writeln!(
            out,
            "  actor  {:<24} {}",
            row.actor.value.to_string(),
            row.actor.by.describe()
        );
        if let Some(reading) = &row.reading {
            let rules: Vec<&str> = reading
                .allows
                .iter()
                .map(|(rule, _)| rule.as_str())
                .collect();
            let _ = writeln!(
                out,
                "  the docs read `{} | {} | {}`, which the rule{} {} forbid{}: kept for review, not written",
                reading.retry,
                reading.kind,
                reading.actor,
                if rules.len() > 1 { "s" } else { "" },
                rules.join(" and "),
                if rules.len() > 1 { "" } else { "s" }
            );
        }
        if let Some(added) = &row.row.added {
            let _ = writeln!(out, "  on no page: added ({added})");
        }
    }
    let count = |source: Source| {
        plan.planned
            .iter()
            .filter(|row| row.source() == source)
            .count()
    };
    let reviewed = plan
        .planned
        .iter()
        .filter(|row| row.reading.is_some())
        .count();
    let _ = writeln!(
        out,
        "\nsummary: {} rows: {} decided by samples, {} by the docs' words, {} by code names and types, {} by an OpenAPI spec, {} by status alone; {} where the docs read otherwise than the rules permit (see their `// review:` lines)",
        plan.planned.len(),
        count(Source::Samples),
        count(Source::Words),
        count(Source::CodeName),
        count(Source::Spec),
        count(Source::Status),
        reviewed
    );
    out
}
