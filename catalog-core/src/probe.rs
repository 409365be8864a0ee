//! What a catalog's body pointers find in a response, source by source, for tools that hold
//! a wire format to recorded responses (the dead-pointer check of `contract-tests`).
//!
//! The probe walks a body with the classifier's own reference walker, along the same plan, so
//! it cannot read a pointer otherwise than classification does: `*` is each element of a
//! list, a lone object where the list should be is a list of one, a number is never an index.
//! For each declared source it tells whether classification would read a value at the
//! pointer's end and, when the walk stopped short, how deep it got and which keys the objects
//! had where the next segment was missing.
//!
//! ```
//! use catalog_core::probe::Probe;
//!
//! catalog_core::provider_errors! {
//!     pub provider Shop {
//!         id: "shop",
//!         docs: "https://shop.test/errors",
//!         wire: json { code: "/error/code", message: "/error/message" },
//!         columns: status | code | variant | retry | kind | actor | message,
//!     }
//!     400 | "bad" | Bad | never | invalid_request | integrator | "Bad.";
//! }
//!
//! let probe = Probe::new(Shop::spec());
//! let read = probe.read(br#"{"error": {"error_code": "bad", "message": "Bad."}}"#);
//! let [code, message] = read.sources() else { unreachable!() };
//! assert!(!code.filled && message.filled);
//! // The walk got past `error` (one segment) and found `error_code` where `code` should be.
//! assert_eq!(code.stopped_at, Some(1));
//! assert_eq!(code.keys_instead.by_frequency(), ["error_code", "message"]);
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::Field;
use crate::detail::BodyError;
use crate::model::{Shape, Source};
use crate::spec::CatalogSpec;
use crate::wire::{self, EACH, Observer, Plan, ROOT};

/// The most distinct keys a [`KeyCounts`] keeps: enough to name what is there, bounded
/// whatever a body holds.
pub const MAX_KEYS_KEPT: usize = 256;

/// A field a wire shape declares: one of the vocabulary's, a field of the catalog's own
/// (`fields: { doc_url: ... }`), or the field errors (`field_errors: ...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeclaredField {
    /// One of the vocabulary's fields (`code`, `message`, ...).
    Wire(Field),
    /// A field of the catalog's own, by its name.
    Own(&'static str),
    /// The field errors.
    FieldErrors,
}

impl fmt::Display for DeclaredField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeclaredField::Wire(field) => write!(f, "{field}"),
            DeclaredField::Own(name) => f.write_str(name),
            DeclaredField::FieldErrors => f.write_str("field_errors"),
        }
    }
}

/// A source a wire shape declares for one of its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeclaredSource {
    /// The shape's index in the catalog's [`crate::spec::Wire::shapes`].
    pub shape: usize,
    /// The field the source is for.
    pub field: DeclaredField,
    /// Where it is read from.
    pub source: Source,
}

/// Every source `shape` declares, in declaration order: its fields, its own fields, then its
/// field errors.
fn declared_sources(
    index: usize,
    shape: &'static Shape,
) -> impl Iterator<Item = DeclaredSource> + 'static {
    let fields = shape
        .fields
        .iter()
        .map(|source| (DeclaredField::Wire(source.field), source.source));
    let own = shape
        .extra_fields
        .iter()
        .map(|extra| (DeclaredField::Own(extra.name), extra.source));
    let field_errors = shape
        .field_errors
        .map(|source| (DeclaredField::FieldErrors, Source::Body(source.path)));
    fields
        .chain(own)
        .chain(field_errors)
        .map(move |(field, source)| DeclaredSource {
            shape: index,
            field,
            source,
        })
}

/// Keys, each with how many times it was seen; at most [`MAX_KEYS_KEPT`] distinct keys, the
/// first ones met (a key met once the cap is reached is not counted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyCounts {
    counts: BTreeMap<String, usize>,
}

impl KeyCounts {
    /// Counts `key` `times` more times.
    pub fn add(&mut self, key: &str, times: usize) {
        if let Some(count) = self.counts.get_mut(key) {
            *count += times;
        } else if self.counts.len() < MAX_KEYS_KEPT {
            self.counts.insert(key.to_owned(), times);
        }
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &KeyCounts) {
        for (key, times) in other.iter() {
            self.add(key, times);
        }
    }

    /// Each key and its count, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.counts
            .iter()
            .map(|(key, times)| (key.as_str(), *times))
    }

    /// Whether no key was counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The keys, most frequent first, then by name.
    pub fn by_frequency(&self) -> Vec<String> {
        let mut keys: Vec<(&String, &usize)> = self.counts.iter().collect();
        keys.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        keys.into_iter().map(|(key, _)| key.clone()).collect()
    }
}

/// What one body showed along one declared source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SourceProbe {
    /// Whether a value that classification reads was found at the pointer's end: text, a
    /// number or a bool for a field; an object or a list for the field errors (`null` is
    /// none, and neither is a value of the other kind). Under `*`, in any element. Header
    /// sources are not walked: never filled here.
    pub filled: bool,
    /// Where the walk first stopped short: how many segments of the pointer (a `*` counts)
    /// it had walked when an object lacked the next one.
    pub stopped_at: Option<usize>,
    /// The keys of every object that lacked the next segment, each counted once per such
    /// object.
    pub keys_instead: KeyCounts,
}

impl SourceProbe {
    /// Adds what another body showed along the same source: filled if either was, the first
    /// place a walk stopped short, and every key counted. What many bodies showed, for a
    /// check over recordings.
    pub fn merge(&mut self, other: &SourceProbe) {
        self.filled |= other.filled;
        self.stopped_at = self.stopped_at.or(other.stopped_at);
        self.keys_instead.merge(&other.keys_instead);
    }
}

/// What one body showed along every declared source of a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyProbe {
    sources: Vec<SourceProbe>,
    body_error: Option<BodyError>,
}

impl BodyProbe {
    /// One finding per source of [`Probe::sources`], in the same order. All empty when the
    /// body could not be read ([`BodyProbe::body_error`]).
    pub fn sources(&self) -> &[SourceProbe] {
        &self.sources
    }

    /// Why the body could not be read as JSON (empty, an HTML page, cut short, larger than
    /// [`crate::ReadLimits::DEFAULT`] allows), as classification would say it.
    pub fn body_error(&self) -> Option<&BodyError> {
        self.body_error.as_ref()
    }
}

/// The probe of one catalog: its declared sources, and where each goes in the plan the
/// classifier follows. Made once, it reads any number of bodies.
#[derive(Debug)]
pub struct Probe {
    plan: &'static Plan,
    sources: Vec<DeclaredSource>,
    routes: Routes,
}

/// For each node of the plan (by its number): which sources it concerns, and how deep it is.
#[derive(Debug, Default)]
struct Routes {
    /// The sources whose pointer ends at the node.
    ending: Vec<Vec<Ending>>,
    /// The sources whose pointer goes through the node by a key.
    through: Vec<Vec<usize>>,
    /// The nodes one key away from the node that some source goes through.
    keyed: Vec<Vec<usize>>,
    /// How many segments lead from the root to the node.
    depth: Vec<usize>,
}

/// A source whose pointer ends at a node, and what it reads there.
#[derive(Clone, Copy, Debug)]
struct Ending {
    source: usize,
    /// A container (field errors) rather than a scalar.
    takes_container: bool,
}

impl Routes {
    fn new(plan: &Plan, sources: &[DeclaredSource]) -> Self {
        let nodes = plan.node_count();
        let mut routes = Routes {
            ending: vec![Vec::new(); nodes],
            through: vec![Vec::new(); nodes],
            keyed: vec![Vec::new(); nodes],
            depth: vec![0; nodes],
        };
        for (index, declared) in sources.iter().enumerate() {
            let Source::Body(path) = declared.source else {
                continue;
            };
            let mut at = ROOT;
            // A source the plan does not hold (past the macro's caps) is read by neither.
            let mut reached = true;
            for (depth, segment) in path.iter().enumerate() {
                let Some(next) = plan.next(at, segment) else {
                    reached = false;
                    break;
                };
                if *segment != EACH {
                    routes.through[next].push(index);
                    if !routes.keyed[at].contains(&next) {
                        routes.keyed[at].push(next);
                    }
                }
                routes.depth[next] = depth + 1;
                at = next;
            }
            if reached {
                routes.ending[at].push(Ending {
                    source: index,
                    takes_container: declared.field == DeclaredField::FieldErrors,
                });
            }
        }
        routes
    }
}

impl Probe {
    /// The probe of `spec`'s wire format.
    pub fn new(spec: &'static CatalogSpec) -> Self {
        let plan = spec.index.plan(&spec.wire);
        let sources: Vec<DeclaredSource> = spec
            .wire
            .shapes
            .iter()
            .enumerate()
            .flat_map(|(index, shape)| declared_sources(index, shape))
            .collect();
        let routes = Routes::new(plan, &sources);
        Probe {
            plan,
            sources,
            routes,
        }
    }

    /// Every source the catalog's wire shapes declare, shape by shape, each in declaration
    /// order: its fields, its own fields, then its field errors.
    pub fn sources(&self) -> &[DeclaredSource] {
        &self.sources
    }

    /// Walks `body` along every declared body source. A body that is not JSON fills nothing,
    /// and says why.
    pub fn read(&self, body: &[u8]) -> BodyProbe {
        let recorder = RefCell::new(Recorder {
            routes: &self.routes,
            found: vec![SourceProbe::default(); self.sources.len()],
            open: Vec::new(),
        });
        match wire::observe(self.plan, body, &recorder) {
            Ok(()) => BodyProbe {
                sources: recorder.into_inner().found,
                body_error: None,
            },
            // What was seen before the body broke is no reading of it.
            Err(error) => BodyProbe {
                sources: vec![SourceProbe::default(); self.sources.len()],
                body_error: Some(error),
            },
        }
    }
}

/// An object the walk is in: its keys so far (each once, at most [`MAX_KEYS_KEPT`]) and the
/// nodes its keys led to.
struct OpenObject {
    keys: BTreeSet<String>,
    children_seen: Vec<usize>,
}

/// What [`Probe::read`] has seen so far.
struct Recorder<'r> {
    routes: &'r Routes,
    found: Vec<SourceProbe>,
    /// The objects the walk is in, innermost last: no deeper than the plan.
    open: Vec<OpenObject>,
}

/// The walker carries its observer by value, copied into each frame: the probe's is a shared
/// reference to its records. The walk never calls it back while a call is under way, so each
/// borrow is the only one.
impl Observer for &RefCell<Recorder<'_>> {
    fn delivered(self, node: usize, container: bool) {
        self.borrow_mut().delivered(node, container);
    }

    fn open_object(self) {
        self.borrow_mut().open_object();
    }

    fn key(self, key: &[u8], child: Option<usize>) {
        self.borrow_mut().key(key, child);
    }

    fn close_object(self, node: usize) {
        self.borrow_mut().close_object(node);
    }
}

impl Recorder<'_> {
    fn delivered(&mut self, node: usize, container: bool) {
        for ending in self.routes.ending.get(node).into_iter().flatten() {
            // What classification reads: a scalar for a field, a container for field errors.
            if ending.takes_container == container {
                self.found[ending.source].filled = true;
            }
        }
    }

    fn open_object(&mut self) {
        self.open.push(OpenObject {
            keys: BTreeSet::new(),
            children_seen: Vec::new(),
        });
    }

    fn key(&mut self, key: &[u8], child: Option<usize>) {
        let Some(object) = self.open.last_mut() else {
            return;
        };
        if let Some(child) = child.filter(|child| !object.children_seen.contains(child)) {
            object.children_seen.push(child);
        }
        let key = String::from_utf8_lossy(key);
        if object.keys.len() < MAX_KEYS_KEPT && !object.keys.contains(key.as_ref()) {
            object.keys.insert(key.into_owned());
        }
    }

    fn close_object(&mut self, node: usize) {
        let Some(object) = self.open.pop() else {
            return;
        };
        let missing = self.routes.keyed.get(node).into_iter().flatten();
        for child in missing.filter(|child| !object.children_seen.contains(child)) {
            for &source in self.routes.through.get(*child).into_iter().flatten() {
                let found = &mut self.found[source];
                found
                    .stopped_at
                    .get_or_insert(self.routes.depth.get(node).copied().unwrap_or(0));
                for key in &object.keys {
                    found.keys_instead.add(key, 1);
                }
            }
        }
    }
}
