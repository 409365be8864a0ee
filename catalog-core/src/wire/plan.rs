//! The plan both body parsers follow: the declared pointers of every shape merged into one
//! tree, built once per catalog.
//!
//! A node stands for a path prefix shared by some sources; the parsers descend only into keys
//! that lead to a node and skip every other value. Merging the shapes lets one pass over the
//! body serve all of them.

use http::HeaderName;

use super::scan::must_escape;
use super::{EACH, Field, MAX_FIELD_SOURCES, MAX_SHAPES, Source, Wire};

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

/// A path prefix and what the parsers do with the value found there.
#[derive(Debug, Default)]
pub(crate) struct Node {
    /// The sources whose pointer ends here.
    pub(crate) ending: Vec<PlanSource>,
    /// The keys that lead further, with their nodes.
    children: Vec<Child>,
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
    /// How the key stands in a body when written without escapes; `None` for a key with a
    /// character JSON must escape, which only an escaped key can spell.
    plain: Option<PlainKey>,
}

/// A key's bytes as they stand in a body, closing quote included, and their first eight bytes
/// as a little-endian word (zeros past the end) with the mask of the bytes it has: most keys
/// are told apart by one comparison of words.
#[derive(Debug)]
struct PlainKey {
    quoted: Box<[u8]>,
    head: u64,
    head_mask: u64,
}

impl PlainKey {
    fn new(segment: &str) -> Option<Self> {
        let bytes = segment.as_bytes();
        if bytes.iter().copied().any(must_escape) {
            return None;
        }
        let quoted: Box<[u8]> = [bytes, b"\""].concat().into();
        // A key shorter than seven bytes (eight with its quote) leaves the high bytes of the
        // word out.
        let head_mask = match quoted.len() {
            8.. => u64::MAX,
            len => (1 << (8 * len)) - 1,
        };
        Some(PlainKey {
            head: head_word(&quoted),
            quoted,
            head_mask,
        })
    }

    /// Whether `rest`, the bytes after a key's opening quote, starts with this key and its
    /// closing quote; `head` is `head_word(rest)`. Body bytes past the end of `rest` read as
    /// zeros, which no plain key holds.
    #[inline]
    fn starts(&self, rest: &[u8], head: u64) -> bool {
        head & self.head_mask == self.head
            && match self.quoted.get(8..) {
                None | Some([]) => true,
                Some(tail) => rest.get(8..self.quoted.len()) == Some(tail),
            }
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

    /// The node a plainly written key leads to, and its length with the closing quote, from
    /// `rest`, the bytes after the key's opening quote. `None` when no key here starts `rest`:
    /// the key leads nowhere unless it has an escape, which the caller finds as it skips it.
    #[inline]
    pub(crate) fn plain_child(&self, rest: &[u8]) -> Option<(usize, usize)> {
        let head = head_word(rest);
        self.children.iter().find_map(|child| {
            let plain = child.plain.as_ref()?;
            plain
                .starts(rest, head)
                .then_some((child.node, plain.quoted.len()))
        })
    }

    /// Whether some pointer goes past this node.
    pub(crate) fn continues(&self) -> bool {
        !self.children.is_empty() || self.each.is_some()
    }

    /// Whether the value here is read as written: pointers end here and none goes further.
    pub(crate) fn takes_value(&self) -> bool {
        !self.ending.is_empty() && !self.continues()
    }
}

impl Plan {
    pub(crate) fn new(wire: &'static Wire) -> Self {
        let mut plan = Plan {
            wire,
            nodes: vec![Node::default()],
            headers: Vec::new(),
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
                        match plan.headers.iter_mut().find(|(known, _)| *known == name) {
                            Some((_, sources)) => sources.push(source),
                            None => plan.headers.push((name, vec![source])),
                        }
                    }
                }
            }
        }
        for (shape, fields) in wire.shapes.iter().take(MAX_SHAPES).enumerate() {
            if fields.list().is_some() {
                plan.list_shapes |= 1 << shape;
            }
        }
        plan
    }

    fn add_pointer(&mut self, source: PlanSource, path: &'static [&'static str]) {
        let mut at = ROOT;
        for segment in path {
            let next = if *segment == EACH {
                self.nodes[at].each_shapes |= 1 << source.shape;
                self.nodes[at].each
            } else {
                self.nodes[at].child(segment.as_bytes())
            };
            at = match next {
                Some(node) => node,
                None => {
                    let node = self.nodes.len();
                    self.nodes.push(Node::default());
                    if *segment == EACH {
                        self.nodes[at].each = Some(node);
                    } else {
                        self.nodes[at].children.push(Child {
                            segment,
                            node,
                            plain: PlainKey::new(segment),
                        });
                    }
                    node
                }
            };
        }
        self.nodes[at].ending.push(source);
    }

    /// Whether the shape at `shape` has a list of errors.
    pub(crate) fn has_list(&self, shape: usize) -> bool {
        self.list_shapes & (1 << shape) != 0
    }

    pub(crate) fn headers(&self) -> &[(HeaderName, Vec<PlanSource>)] {
        &self.headers
    }

    pub(crate) fn node(&self, node: usize) -> &Node {
        &self.nodes[node]
    }
}
