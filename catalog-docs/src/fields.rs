//! The names providers give an error body's fields, shared by the readers that look for them
//! (a section's sample, `import`'s wire guess).

/// Names of the field that types a code (the type a code is unique within), in the order
/// preferred; compared without case, so `errorType` is `errortype`.
pub(crate) const TYPE_NAMES: [&str; 4] = ["error_type", "errortype", "type", "category"];
