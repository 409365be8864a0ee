//! What a catalog builds on first use: the lookup of entries by code text, and the plan of
//! its wire format.
//!
//! A string `match` grows linearly with the number of arms (DESIGN.md measures 6 ns at 50 codes,
//! 143 ns at 2,000), so lookups go through a hash table instead. It is built from the static
//! entries on first use: the macro emits data only, and the table costs nothing until needed.

use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::model::Entry;
use crate::wire::{Plan, Wire};

/// A lazily built map from code text to the indices of the entries with that code, and the
/// plan the parser follows for the catalog's wire format.
pub struct CodeIndex {
    map: OnceLock<FxHashMap<&'static str, Box<[u16]>>>,
    plan: OnceLock<Plan>,
}

impl CodeIndex {
    /// An empty index; filled from the entries on the first lookup.
    pub const fn new() -> Self {
        CodeIndex {
            map: OnceLock::new(),
            plan: OnceLock::new(),
        }
    }

    /// The parser's plan for `wire`, built on first use.
    pub(crate) fn plan(&self, wire: &'static Wire) -> &Plan {
        self.plan.get_or_init(|| Plan::new(wire))
    }

    /// The indices of the entries whose code text is `code`, in catalog order.
    pub(crate) fn get(&self, entries: &'static [Entry], code: &str) -> &[u16] {
        let map = self.map.get_or_init(|| build(entries));
        map.get(code).map_or(&[], |indices| indices)
    }
}

impl Default for CodeIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for CodeIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CodeIndex")
            .field("built", &self.map.get().is_some())
            .finish()
    }
}

fn build(entries: &'static [Entry]) -> FxHashMap<&'static str, Box<[u16]>> {
    let mut grouped: FxHashMap<&'static str, Vec<u16>> = FxHashMap::default();
    for (i, entry) in entries.iter().enumerate() {
        // The macro caps catalogs at u16::MAX entries, so the index always fits.
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        grouped.entry(entry.code_text).or_default().push(i);
    }
    grouped
        .into_iter()
        .map(|(code, indices)| (code, indices.into_boxed_slice()))
        .collect()
}
