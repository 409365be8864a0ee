//! A row of an error table as `import` reads it, before its retry, kind and actor are inferred.

use crate::page::MappedRow;

/// A row of an error table, as read.
#[derive(Clone, Debug)]
pub(super) struct Row {
    pub(super) code: String,
    pub(super) statuses: Vec<u16>,
    pub(super) message: Option<String>,
    pub(super) remediation: Option<String>,
    pub(super) category: Option<String>,
    pub(super) section: Option<String>,
    pub(super) sections: Vec<String>,
    pub(super) line: usize,
    /// The address of its page, where the page gives one.
    pub(super) url: Option<String>,
    /// The docs gave no status, and 400 stands in.
    pub(super) status_placeholder: bool,
    /// The docs gave no type, and the first type of the page stands in.
    pub(super) category_placeholder: bool,
    /// The advice the docs give in a column of their own ("Remediation Category": "Retry
    /// Later"): read as words, with precedence over the message.
    pub(super) advice: Option<String>,
    /// Where its statuses come from.
    pub(super) status_from: StatusFrom,
    /// What recorded responses of its code show.
    pub(super) seen: Seen,
    /// Why the docs lack the row (a code first recorded in a file, or in the spec alone):
    /// it is `added(...)`.
    pub(super) added: Option<String>,
    /// The statuses an OpenAPI spec ties to its code.
    pub(super) spec_statuses: Vec<u16>,
    /// The row comes from an OpenAPI spec's enum, not from a page.
    pub(super) from_spec: bool,
}

impl Row {
    /// Whether the row has a code: one whose code cell is empty becomes a row without a code
    /// (`_`), which takes the errors sent without one at its statuses.
    pub(super) fn has_code(&self) -> bool {
        !self.code.is_empty()
    }

    /// Where the row was read, for the review lines: `docs line 12`, or the spec, or the
    /// recordings.
    pub(super) fn place(&self, lines: &super::Lines<'_>) -> String {
        if self.line > 0 {
            lines.at(self.line)
        } else if self.from_spec {
            "in the OpenAPI spec".to_owned()
        } else {
            "on no page".to_owned()
        }
    }
}

/// Where a row's statuses come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) enum StatusFrom {
    /// The docs' table or section.
    #[default]
    Docs,
    /// Recorded responses of its code, the first of them named.
    Samples(String),
    /// An OpenAPI spec's examples.
    Spec(String),
    /// Nothing: a status stands in, chosen as the rules pair it with what the row's words or
    /// name say (400 when they say nothing).
    Placeholder,
}

/// What the recorded responses of one code show.
#[derive(Clone, Debug, Default)]
pub(super) struct Seen {
    /// The statuses it came with, in order of first sight.
    pub(super) statuses: Vec<u16>,
    /// How many responses hold it, and the first of them.
    pub(super) count: usize,
    pub(super) first: Option<String>,
    /// The server's own retry flag (`Recoverable`, `retryable`), as the responses agree on it.
    pub(super) retry_flag: Option<bool>,
    /// Whether a response of it carried a `Retry-After` header.
    pub(super) retry_after: bool,
    /// The message of the first response, for a code no page lists.
    pub(super) message: Option<String>,
    /// The type of the first response that has one, at the wire's category field.
    pub(super) category: Option<String>,
}

impl Row {
    /// A row of nothing but a code, for names of categories and codes from elsewhere.
    pub(super) fn of_code(code: &str) -> Row {
        Row::from(MappedRow {
            code: code.to_owned(),
            ..MappedRow::default()
        })
    }
}

impl From<MappedRow> for Row {
    fn from(row: MappedRow) -> Self {
        Row {
            code: row.code,
            statuses: row.statuses,
            message: row.message,
            remediation: row.remediation,
            category: row.category,
            section: row.section,
            sections: Vec::new(),
            line: row.line,
            url: None,
            status_placeholder: false,
            category_placeholder: false,
            advice: None,
            status_from: StatusFrom::Docs,
            seen: Seen::default(),
            added: None,
            spec_statuses: Vec::new(),
            from_spec: false,
        }
    }
}

pub(super) fn is_number(code: &str) -> bool {
    !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_digit())
        && !(code.len() > 1 && code.starts_with('0'))
        && code.parse::<i64>().is_ok()
}
