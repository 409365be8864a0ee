//! Which column of a docs page's error table holds which field.

use crate::words::DocsField;

/// The header texts of the columns that hold each field, as the docs page spells them: the
/// one definition of a column mapping, whether a catalog declares it (`&'static str`, the
/// default) or a tool guesses it from a page (`String`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct DocsColumns<S = &'static str> {
    /// The code column.
    pub code: S,
    /// The status column (`404 or 500` reads as two statuses).
    pub status: Option<S>,
    /// The message column.
    pub message: Option<S>,
    /// The remediation column.
    pub remediation: Option<S>,
    /// The category column.
    pub category: Option<S>,
}

impl<S: AsRef<str>> DocsColumns<S> {
    /// The header of the column that holds `field`, if it is mapped.
    pub fn header(&self, field: DocsField) -> Option<&str> {
        let header = match field {
            DocsField::Code => Some(&self.code),
            DocsField::Status => self.status.as_ref(),
            DocsField::Message => self.message.as_ref(),
            DocsField::Remediation => self.remediation.as_ref(),
            DocsField::Category => self.category.as_ref(),
        };
        header.map(AsRef::as_ref)
    }

    /// Sets the header of the column that holds `field`.
    pub fn set(&mut self, field: DocsField, header: S) {
        match field {
            DocsField::Code => self.code = header,
            DocsField::Status => self.status = Some(header),
            DocsField::Message => self.message = Some(header),
            DocsField::Remediation => self.remediation = Some(header),
            DocsField::Category => self.category = Some(header),
        }
    }

    /// Each mapped field with its header text, the code's first.
    pub fn fields(&self) -> impl Iterator<Item = (DocsField, &str)> {
        DocsField::ALL
            .iter()
            .filter_map(|&field| self.header(field).map(|header| (field, header)))
    }

    /// Every mapped header text, the code's first.
    pub fn headers(&self) -> impl Iterator<Item = &str> {
        self.fields().map(|(_, header)| header)
    }

    /// The same mapping, borrowed.
    pub fn as_deref(&self) -> DocsColumns<&str> {
        DocsColumns {
            code: self.code.as_ref(),
            status: self.status.as_ref().map(AsRef::as_ref),
            message: self.message.as_ref().map(AsRef::as_ref),
            remediation: self.remediation.as_ref().map(AsRef::as_ref),
            category: self.category.as_ref().map(AsRef::as_ref),
        }
    }
}
