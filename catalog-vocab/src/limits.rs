//! The sizes the parser is built for. The macro refuses a catalog past them, so the runtime
//! can rely on them without checking.

/// The most entries a catalog holds: entries are indexed by `u16`.
pub const MAX_ENTRIES: usize = u16::MAX as usize;

/// The most shapes a wire format can have.
pub const MAX_SHAPES: usize = 8;

/// The most field sources all shapes of a wire format can have together: the parser tracks
/// them in a 64-bit mask.
pub const MAX_FIELD_SOURCES: usize = 64;

/// The list marker in a wire pointer: each element of the array at this position.
pub const EACH: &str = "*";
