//! What a catalog builds on first use: the lookup of entries by code text, and the plan of
//! its wire format.
//!
//! A string `match` grows linearly with the number of arms (measured before this crate was written: 6 ns
//! at 50 codes, 143 ns at 2,000), so lookups go through a hash table instead. It is built from the static
//! entries on first use: the macro emits data only, and the table costs nothing until needed.
//!
//! Codes are short (`14001`, `ITEM_LOGIN_REQUIRED`): one of up to sixteen bytes is packed into
//! two words and its length ([`ShortCode`]), which hash and compare in a few instructions,
//! where hashing a `str` walks its bytes and comparing one calls `memcmp`. Longer codes go
//! through a table keyed by text.

use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::model::{Entry, Wire};
use crate::wire::Plan;

/// A lazily built map from code text to the indices of the entries with that code, and the
/// plan the parser follows for the catalog's wire format.
pub struct CodeIndex {
    map: OnceLock<Tables>,
    plan: OnceLock<Plan>,
}

/// The entries by code: codes of up to sixteen bytes by their packed form, longer ones by
/// text; and the rows without a code (`_`), which no code finds.
struct Tables {
    short: FxHashMap<ShortCode, Box<[u16]>>,
    long: FxHashMap<&'static str, Box<[u16]>>,
    without_code: Box<[u16]>,
}

/// A code of at most sixteen bytes as two little-endian words and its length. For a given
/// length the words cover every byte (overlapping when it is not a multiple of eight, the way
/// fast hashes read short inputs), so equal keys are equal codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct ShortCode {
    head: u64,
    tail: u64,
    len: u8,
}

impl ShortCode {
    /// The packed form of `code`; `None` past sixteen bytes.
    #[inline]
    fn new(code: &[u8]) -> Option<Self> {
        let len = code.len();
        let (head, tail) = match len {
            0 => (0, 0),
            1..=3 => {
                let byte = |at: usize| code.get(at).copied().map_or(0, u64::from);
                (byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16, 0)
            }
            4..=7 => {
                let word = |chunk: Option<&[u8; 4]>| {
                    chunk.map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
                };
                (word(code.first_chunk()), word(code.last_chunk()))
            }
            8..=16 => {
                let word = |chunk: Option<&[u8; 8]>| chunk.map_or(0, |c| u64::from_le_bytes(*c));
                (word(code.first_chunk()), word(code.last_chunk()))
            }
            _ => return None,
        };
        Some(ShortCode {
            head,
            tail,
            // At most sixteen: it fits.
            len: len as u8,
        })
    }
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
    #[inline]
    pub(crate) fn plan(&self, wire: &'static Wire) -> &Plan {
        self.plan.get_or_init(|| Plan::new(wire))
    }

    /// The indices of the entries whose code text is `code`, in catalog order.
    #[inline]
    pub(crate) fn get(&self, entries: &'static [Entry], code: &str) -> &[u16] {
        let tables = self.map.get_or_init(|| build(entries));
        let found = match ShortCode::new(code.as_bytes()) {
            Some(short) => tables.short.get(&short),
            None => tables.long.get(code),
        };
        found.map_or(&[], |indices| indices)
    }

    /// The indices of the rows without a code, in catalog order.
    pub(crate) fn without_code(&self, entries: &'static [Entry]) -> &[u16] {
        &self.map.get_or_init(|| build(entries)).without_code
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

fn build(entries: &'static [Entry]) -> Tables {
    let mut grouped: FxHashMap<&'static str, Vec<u16>> = FxHashMap::default();
    let mut without_code = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        // The macro caps catalogs at u16::MAX entries, so the index always fits.
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        if entry.has_code() {
            grouped.entry(entry.code_text).or_default().push(i);
        } else {
            without_code.push(i);
        }
    }
    let mut tables = Tables {
        short: FxHashMap::default(),
        long: FxHashMap::default(),
        without_code: without_code.into_boxed_slice(),
    };
    for (code, indices) in grouped {
        let indices = indices.into_boxed_slice();
        match ShortCode::new(code.as_bytes()) {
            Some(short) => tables.short.insert(short, indices),
            None => tables.long.insert(code, indices),
        };
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::ShortCode;

    /// Equal packed forms must mean equal codes: every pair of distinct codes of up to five
    /// bytes over a small alphabet (every length, so the overlapping reads of each length
    /// are crossed), and codes that differ in one byte at each position up to sixteen.
    #[test]
    fn distinct_codes_pack_differently() {
        let alphabet = [b'0', b'1', b'A', 0x00, 0xff];
        let mut codes: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|code| {
                    alphabet.iter().map(move |&byte| {
                        let mut longer = code.clone();
                        longer.push(byte);
                        longer
                    })
                })
                .collect();
            codes.extend(last.iter().cloned());
        }
        let base: Vec<u8> = b"ABCDEFGHIJKLMNOP".to_vec();
        for len in 0..=16 {
            for at in 0..len {
                let mut code = base[..len].to_vec();
                code[at] = b'z';
                codes.push(code);
            }
            codes.push(base[..len].to_vec());
        }
        let mut seen = std::collections::HashMap::new();
        for code in &codes {
            let packed = ShortCode::new(code).expect("at most sixteen bytes");
            if let Some(earlier) = seen.insert(packed, code) {
                assert_eq!(earlier, code, "two codes pack alike");
            }
        }
        assert!(seen.len() > 3_900, "{} distinct codes", seen.len());
        assert_eq!(ShortCode::new(&[b'1'; 17]), None);
    }
}
