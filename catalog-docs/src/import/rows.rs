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
        }
    }
}

pub(super) fn is_number(code: &str) -> bool {
    !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_digit())
        && !(code.len() > 1 && code.starts_with('0'))
        && code.parse::<i64>().is_ok()
}
