//! The plan both body parsers follow: the declared pointers of every shape merged into one
//! tree, built once per catalog.
//!
//! A node stands for a path prefix shared by some sources; the parsers descend only into keys
//! that lead to a node and skip every other value. Merging the shapes lets one pass over the
//! body serve all of them.

use http::HeaderName;

use super::scan::must_escape;
use super::{EACH, Field, MAX_FIELD_SOURCES, MAX_SHAPES, Source, Wire};
use crate::model::FieldErrorsSource;

/// The root of the tree: the whole body.
pub(crate) const ROOT: usize = 0;

/// The field sources of all shapes, and the tree of their body pointers.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) wire: &'static Wire,
    nodes: Vec<Node>,
    /// The header sources by name, each name parsed once (a name `http` refuses matches
    /// nothing), and compared once per response header however many shapes declare it.
    headers: Vec<(HeaderName, Vec<PlanSource>)>,
    /// The same for the server's retry flag in a header, read apart: most catalogs have none.
    flag_headers: Vec<(HeaderName, Vec<PlanSource>)>,
    /// Which shapes have a list of errors, as a bit set.
    list_shapes: u32,
}

/// A source of the plan: its shape, its rank among the shape's sources (earlier wins) and
/// its field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PlanSource {
    pub(crate) shape: usize,
    pub(crate) rank: u8,
    pub(crate) field: Field,
}

/// A source of the plan beside the vocabulary's fields: a field of the catalog's own
/// (`fields: { doc_url: ... }`), or the field errors (`field_errors: ...`). Kept apart from
/// [`PlanSource`], so catalogs without them read values exactly as before.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SpecialSource {
    pub(crate) shape: usize,
    /// Its rank among the shape's own fields (earlier wins), for `Special::Extra`.
    pub(crate) rank: u8,
    pub(crate) what: Special,
}

/// What a [`SpecialSource`] reads.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Special {
    /// A field of the catalog's own, by its name: a scalar, read as text.
    Extra(&'static str),
    /// The field errors: a map or a list, taken as written for classification to read.
    FieldErrors {
        field: &'static str,
        message: &'static str,
    },
}

/// A path prefix and what the parsers do with the value found there.
#[derive(Debug, Default)]
pub(crate) struct Node {
    /// The sources whose pointer ends here.
    pub(crate) ending: Vec<PlanSource>,
    /// The one source that ends here, when it is the only one and no special source ends
    /// here: what the parsers deliver a value to in the common case, with one test.
    pub(crate) only: Option<PlanSource>,
    /// The catalog's own fields and field errors whose pointer ends here.
    pub(crate) special: Vec<SpecialSource>,
    /// Whether a container here is taken as written (field errors end here).
    pub(crate) takes_raw: bool,
    /// The keys that lead further, with their nodes.
    children: Vec<Child>,
    /// The same keys as they stand in a body when written without escapes, for the scanner:
    /// side by side, and each with what the scanner does after it.
    plain: Vec<PlainKey>,
    /// The node under `*`: each element of a list of errors here.
    pub(crate) each: Option<usize>,
    /// The shapes with a source under `*`, as a bit set: each element opens an error in them.
    pub(crate) each_shapes: u32,
}

/// A key that leads further, and its node.
#[derive(Debug)]
struct Child {
    segment: &'static str,
    node: usize,
}

/// A key's bytes as they stand in a body, closing quote included: their first eight bytes as
/// a little-endian word (zeros past the end) with the mask of the bytes it has, and the bytes
/// past those eight. Most keys are told apart by one comparison of words. Keys with a
/// character JSON must escape have none: only an escaped key can spell them.
#[derive(Debug)]
pub(crate) struct PlainKey {
    head: u64,
    head_mask: u64,
    tail: Box<[u8]>,
    /// The length of the key with its closing quote.
    pub(crate) quoted_len: usize,
    /// The node the key leads to.
    pub(crate) node: usize,
    /// Whether the value after the key is read as written, with nothing further to follow
    /// ([`Node::takes_value`] of `node`, kept here to spare the scanner a look-up).
    pub(crate) takes_value: bool,
}

impl PlainKey {
    fn new(segment: &str, node: usize) -> Option<Self> {
        let bytes = segment.as_bytes();
        if bytes.iter().copied().any(must_escape) {
            return None;
        }
        let quoted = [bytes, b"\""].concat();
        // A key shorter than seven bytes (eight with its quote) leaves the high bytes of the
        // word out.
        let head_mask = match quoted.len() {
            8.. => u64::MAX,
            len => (1 << (8 * len)) - 1,
        };
        Some(PlainKey {
            head: head_word(&quoted),
            head_mask,
            tail: quoted.get(8..).unwrap_or_default().into(),
            quoted_len: quoted.len(),
            node,
            // Set once the plan is complete: a pointer added later may go on from `node`.
            takes_value: false,
        })
    }

    /// Whether `rest`, the bytes after a key's opening quote, starts with this key and its
    /// closing quote; `head` is `head_word(rest)`. Body bytes past the end of `rest` read as
    /// zeros, which no plain key holds.
    #[inline]
    fn starts(&self, rest: &[u8], head: u64) -> bool {
        head & self.head_mask == self.head
            && (self.tail.is_empty() || rest.get(8..self.quoted_len) == Some(&self.tail[..]))
    }
}

/// The first eight bytes of `bytes` as a little-endian word, zeros past its end.
#[inline]
fn head_word(bytes: &[u8]) -> u64 {
    if let Some(word) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*word);
    }
    let mut word = [0; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

impl Node {
    /// The node the key `key` leads to, if any.
    #[inline]
    pub(crate) fn child(&self, key: &[u8]) -> Option<usize> {
        self.children
            .iter()
            .find(|child| child.segment.as_bytes() == key)
            .map(|child| child.node)
    }

    /// The key here that `rest`, the bytes after a key's opening quote, starts with, written
    /// without escapes. `None` when there is none: the key leads nowhere unless it has an
    /// escape, which the caller finds as it skips it.
    #[inline]
    pub(crate) fn plain_key(&self, rest: &[u8]) -> Option<&PlainKey> {
        let head = head_word(rest);
        self.plain.iter().find(|key| key.starts(rest, head))
    }

    /// Whether some pointer goes past this node.
    pub(crate) fn continues(&self) -> bool {
        !self.children.is_empty() || self.each.is_some()
    }

    /// Whether the value here is read as written: pointers end here and none goes further.
    pub(crate) fn takes_value(&self) -> bool {
        (!self.ending.is_empty() || !self.special.is_empty()) && !self.continues()
    }
}

impl Plan {
    pub(crate) fn new(wire: &'static Wire) -> Self {
        let mut plan = Plan {
            wire,
            nodes: vec![Node::default()],
            headers: Vec::new(),
            flag_headers: Vec::new(),
            list_shapes: 0,
        };
        // The macro caps shapes and sources; past the caps, sources are not read.
        let sources =
            wire.shapes
                .iter()
                .take(MAX_SHAPES)
                .enumerate()
                .flat_map(|(shape, fields)| {
                    fields
                        .fields
                        .iter()
                        .enumerate()
                        .map(move |(local, field_source)| (shape, local, field_source))
                });
        for (shape, local, field_source) in sources.take(MAX_FIELD_SOURCES) {
            let source = PlanSource {
                shape,
                // Fewer than `MAX_FIELD_SOURCES` sources are read, so a rank fits.
                rank: u8::try_from(local).unwrap_or(u8::MAX),
                field: field_source.field,
            };
            match field_source.source {
                Source::Body(path) => plan.add_pointer(source, path),
                Source::Header(name) => {
                    if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
                        let headers = match source.field {
                            Field::Retryable => &mut plan.flag_headers,
                            _ => &mut plan.headers,
                        };
                        match headers.iter_mut().find(|(known, _)| *known == name) {
                            Some((_, sources)) => sources.push(source),
                            None => headers.push((name, vec![source])),
                        }
                    }
                }
            }
        }
        for (shape, fields) in wire.shapes.iter().take(MAX_SHAPES).enumerate() {
            if fields.list().is_some() {
                plan.list_shapes |= 1 << shape;
            }
            // The catalog's own fields come from the body only; the macro refuses a header.
            let extras = fields.extra_fields.iter().take(MAX_FIELD_SOURCES);
            for (rank, extra) in extras.enumerate() {
                if let Source::Body(path) = extra.source {
                    let special = SpecialSource {
                        shape,
                        rank: u8::try_from(rank).unwrap_or(u8::MAX),
                        what: Special::Extra(extra.name),
                    };
                    plan.add_special(special, path);
                }
            }
            if let Some(FieldErrorsSource {
                path,
                field,
                message,
            }) = fields.field_errors
            {
                let special = SpecialSource {
                    shape,
                    rank: 0,
                    what: Special::FieldErrors { field, message },
                };
                plan.add_special(special, path);
            }
        }
        for node in &mut plan.nodes {
            node.only = match node.ending.as_slice() {
                [only] if node.special.is_empty() => Some(*only),
                _ => None,
            };
        }
        let takes_value: Vec<bool> = plan.nodes.iter().map(Node::takes_value).collect();
        for key in plan.nodes.iter_mut().flat_map(|node| node.plain.iter_mut()) {
            key.takes_value = takes_value.get(key.node).copied().unwrap_or(false);
        }
        plan
    }

    fn add_pointer(&mut self, source: PlanSource, path: &'static [&'static str]) {
        let at = self.node_for(source.shape, path);
        self.nodes[at].ending.push(source);
    }

    fn add_special(&mut self, source: SpecialSource, path: &'static [&'static str]) {
        let at = self.node_for(source.shape, path);
        if let Special::FieldErrors { .. } = source.what {
            self.nodes[at].takes_raw = true;
        }
        self.nodes[at].special.push(source);
    }

    /// The node at the end of `path`, made where missing; a `*` opens an error of `shape`.
    fn node_for(&mut self, shape: usize, path: &'static [&'static str]) -> usize {
        let mut at = ROOT;
        for segment in path {
            if *segment == EACH {
                self.nodes[at].each_shapes |= 1 << shape;
            }
            at = match self.next(at, segment) {
                Some(node) => node,
                None => {
                    let node = self.nodes.len();
                    self.nodes.push(Node::default());
                    if *segment == EACH {
                        self.nodes[at].each = Some(node);
                    } else {
                        self.nodes[at].children.push(Child { segment, node });
                        self.nodes[at].plain.extend(PlainKey::new(segment, node));
                    }
                    node
                }
            };
        }
        at
    }

    /// The node that `segment` (a key, or `*`) leads to from `at`, if the plan has it.
    pub(crate) fn next(&self, at: usize, segment: &str) -> Option<usize> {
        let node = self.nodes.get(at)?;
        if segment == EACH {
            node.each
        } else {
            node.child(segment.as_bytes())
        }
    }

    /// How many nodes the tree has; they are numbered from [`ROOT`] up.
    pub(crate) fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the shape at `shape` has a list of errors.
    pub(crate) fn has_list(&self, shape: usize) -> bool {
        self.list_shapes & (1 << shape) != 0
    }

    pub(crate) fn headers(&self) -> &[(HeaderName, Vec<PlanSource>)] {
        &self.headers
    }

    /// The headers that carry the server's retry flag.
    pub(crate) fn flag_headers(&self) -> &[(HeaderName, Vec<PlanSource>)] {
        &self.flag_headers
    }

    /// Whether a shape reads the server's retry flag from a header.
    #[inline]
    pub(crate) fn has_flag_headers(&self) -> bool {
        !self.flag_headers.is_empty()
    }

    pub(crate) fn node(&self, node: usize) -> &Node {
        &self.nodes[node]
    }
}
