//! Recorded responses against a catalog: each must classify as its recording says and name
//! only what the catalog still has, and every entry and declared sub-code must be accounted
//! for: covered by a recorded response or by an example response of the docs page, or
//! `untested("why")` on its row.
//!
//! The default is strict: an entry or sub-code that nothing accounts for fails, naming it and
//! what to do. A catalog's `coverage: { at_least: 80% }` (or `Contract::min_coverage(80)`)
//! lowers the bar explicitly; [`Coverage`] decides, as the macro reads it. An `untested` row
//! that a response covers after all is stale, as an unneeded `allow(...)` is.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crate::recording::{Expected, Recording};
use catalog_core::spec::{CatalogSpec, Entry, SubCode};
use catalog_core::{Classification, Coverage};

/// A recording that classified differently from its expectation, one field per mismatch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The provider id.
    pub provider: &'static str,
    /// `file.har#index (name)`.
    pub recording: String,
    /// The field of the expectation.
    pub field: &'static str,
    /// What the recording expects.
    pub expected: String,
    /// What the classification says.
    pub actual: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: [recording] `{}` is {}, the recording expects {}; fix the catalog row or the recording's `_expected`",
            self.provider, self.recording, self.field, self.actual, self.expected
        )
    }
}

/// An entry of the catalog, or one of its declared sub-codes: what coverage counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// The entry.
    pub entry: &'static Entry,
    /// The sub-code, when the item is one.
    pub sub_code: Option<&'static SubCode>,
}

/// An item's name in its catalog: its entry's variant and its sub-code's name. Unique in a
/// catalog (the macro refuses a repeated variant, and a repeated sub-code name under an
/// entry), and stable when rows are added or moved.
pub(crate) type ItemKey = (&'static str, Option<&'static str>);

impl Item {
    /// Its name in its catalog.
    pub(crate) fn key(&self) -> ItemKey {
        (self.entry.variant, self.sub_code.map(|sub| sub.name))
    }

    /// The reason the item has no response: its row's `untested`, or, for a sub-code, its
    /// entry's.
    pub fn untested(&self) -> Option<&'static str> {
        match self.sub_code {
            Some(sub) => self.entry.sub_code_untested(sub),
            None => self.entry.untested,
        }
    }

    /// The item's own `untested`, not inherited from its entry: the one to remove when a
    /// response covers it.
    fn own_untested(&self) -> Option<&'static str> {
        match self.sub_code {
            Some(sub) => sub.untested,
            None => self.entry.untested,
        }
    }

    /// `entry` or `sub-code`, for messages.
    fn noun(&self) -> &'static str {
        if self.sub_code.is_some() {
            "sub-code"
        } else {
            "entry"
        }
    }
}

impl fmt::Display for Item {
    /// `card_declined (CardDeclined)`, or `card_declined (CardDeclined) sub-code
    /// stolen_card (StolenCard)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.entry.code_text, self.entry.variant)?;
        if let Some(sub) = self.sub_code {
            write!(f, " sub-code {} ({})", sub.code, sub.name)?;
        }
        Ok(())
    }
}

/// How an entry or sub-code is accounted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accounted {
    /// A recorded response covers it: the label of the first (`file.har#3 (name)`).
    Recording(String),
    /// An example response of the docs page covers it, and no recorded response does: the
    /// label of the first.
    DocsExample(String),
    /// Nothing covers it, and its row says why.
    Untested(&'static str),
    /// Nothing covers it, and its row gives no reason.
    Uncovered,
}

/// One entry or sub-code, and how it is accounted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemCoverage {
    /// The entry or sub-code.
    pub item: Item,
    /// How.
    pub accounted: Accounted,
}

/// The four counts `verify` prints per provider, over entries and declared sub-codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Covered by a recorded response.
    pub recordings: usize,
    /// Covered by a docs example only.
    pub docs_examples: usize,
    /// `untested`, with a reason.
    pub untested: usize,
    /// Nothing.
    pub uncovered: usize,
}

impl Counts {
    /// Entries and sub-codes in all.
    pub fn total(&self) -> usize {
        self.recordings + self.docs_examples + self.untested + self.uncovered
    }

    /// Those accounted for: covered, or untested with a reason.
    pub fn accounted(&self) -> usize {
        self.recordings + self.docs_examples + self.untested
    }
}

impl fmt::Display for Counts {
    /// `10 by recordings, 10 by docs examples, 5 untested, 5 uncovered`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} by recordings, {} by docs examples, {} untested, {} uncovered",
            self.recordings, self.docs_examples, self.untested, self.uncovered
        )
    }
}

/// A row that says `untested` although a response covers it: the reason no longer holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleUntested {
    /// The entry or sub-code.
    pub item: Item,
    /// What its row says.
    pub reason: &'static str,
    /// The recording that covers it (`file.har#3 (name)`).
    pub covered_by: String,
    /// Whether that recording is a docs example.
    pub by_docs_example: bool,
}

/// A recording whose `_expected` names a variant, code or sub-code the catalog no longer has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleRecording {
    /// The HAR file.
    pub file: PathBuf,
    /// Its position in `log.entries`.
    pub index: usize,
    /// The entry's name (its comment, or method and URL).
    pub name: String,
    /// What it names: `variant \`InsufficientFunds\``, `code 1205`, ...
    pub names: String,
}

/// The outcome for one provider.
#[derive(Clone, Debug)]
pub struct Report {
    /// The provider id.
    pub provider: &'static str,
    /// The catalog checked.
    pub spec: &'static CatalogSpec,
    /// How many entries the catalog has.
    pub entries: usize,
    /// How many recordings were checked, docs examples included.
    pub recordings: usize,
    /// How many of them are docs examples.
    pub docs_examples: usize,
    /// Every entry, each followed by its declared sub-codes, in the catalog's order, with how
    /// it is accounted for.
    pub items: Vec<ItemCoverage>,
    /// How much must be accounted for: the catalog's `coverage`, unless the check was given
    /// another ([`Report::with_threshold`]).
    pub threshold: Coverage,
    /// Every field that differed.
    pub mismatches: Vec<Mismatch>,
    /// `untested` rows that a response covers.
    pub stale_untested: Vec<StaleUntested>,
    /// Recordings that name what the catalog no longer has.
    pub stale_recordings: Vec<StaleRecording>,
}

impl Report {
    /// The four counts: by recordings, by docs examples, untested, uncovered.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for item in &self.items {
            match item.accounted {
                Accounted::Recording(_) => counts.recordings += 1,
                Accounted::DocsExample(_) => counts.docs_examples += 1,
                Accounted::Untested(_) => counts.untested += 1,
                Accounted::Uncovered => counts.uncovered += 1,
            }
        }
        counts
    }

    /// The entries and sub-codes nothing accounts for.
    pub fn uncovered(&self) -> impl Iterator<Item = Item> + '_ {
        self.items
            .iter()
            .filter(|item| item.accounted == Accounted::Uncovered)
            .map(|item| item.item)
    }

    /// The entries and sub-codes that are `untested`, with their reasons.
    pub fn untested(&self) -> impl Iterator<Item = (Item, &'static str)> + '_ {
        self.items.iter().filter_map(|item| match item.accounted {
            Accounted::Untested(reason) => Some((item.item, reason)),
            _ => None,
        })
    }

    /// The same report held to another threshold (`Contract::min_coverage`).
    pub fn with_threshold(mut self, threshold: Coverage) -> Self {
        self.threshold = threshold;
        self
    }

    /// Whether enough is accounted for.
    pub fn coverage_holds(&self) -> bool {
        let counts = self.counts();
        self.threshold.holds(counts.accounted(), counts.total())
    }

    /// No mismatch, nothing stale, and enough accounted for.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
            && self.stale_recordings.is_empty()
            && self.stale_untested.is_empty()
            && self.coverage_holds()
    }

    /// `25 of 30 entries accounted for (83%)`, sub-codes named when there are any.
    fn share(&self) -> String {
        let counts = self.counts();
        let what = if counts.total() > self.entries {
            "entries and sub-codes"
        } else {
            "entries"
        };
        format!(
            "{} of {} {what} accounted for ({}%)",
            counts.accounted(),
            counts.total(),
            Coverage::share(counts.accounted(), counts.total())
        )
    }

    /// Every failure, one line each: provider, what, what is wrong, what to do.
    pub fn failures(&self) -> Vec<String> {
        let id = self.provider;
        let mut lines: Vec<String> = self.mismatches.iter().map(ToString::to_string).collect();
        lines.extend(self.stale_recordings.iter().map(|stale| {
            format!(
                "{id} {} entry {} ({}): [stale recording] its `_expected` names {}, which the \
                 catalog no longer has; record the response again (`record --provider {id} {}`) \
                 or remove the entry",
                stale.file.display(),
                stale.index,
                stale.name,
                stale.names,
                stale.file.display()
            )
        }));
        lines.extend(self.stale_untested.iter().map(|stale| {
            let by = if stale.by_docs_example {
                "the docs example"
            } else {
                "the recording"
            };
            format!(
                "{id} {}: [stale untested] the row says `untested({:?})`, but {by} {} covers \
                 this {}; remove `untested(...)` from the row",
                stale.item,
                stale.reason,
                stale.covered_by,
                stale.item.noun()
            )
        }));
        if self.coverage_holds() {
            return lines;
        }
        if !self.threshold.is_strict() {
            lines.push(format!(
                "{id}: [coverage] {}, below the threshold of at least {}; cover or explain the \
                 {} below",
                self.share(),
                self.threshold,
                if self.counts().total() > self.entries {
                    "entries and sub-codes"
                } else {
                    "entries"
                }
            ));
        }
        lines.extend(self.uncovered().map(|item| {
            format!(
                "{id} {item}: [coverage] no recorded response or docs example covers this {noun}, \
                 and its row gives no `untested` reason; capture one and add it with `record \
                 --provider {id} FILE`, record the docs page's example with `record --provider \
                 {id} --from-docs`, or declare `untested(\"why\")` on its row",
                noun = item.noun()
            )
        }));
        lines
    }

    /// What is accounted for without a response, one line each: every `untested` item with
    /// its reason, then the uncovered ones that the threshold lets pass.
    pub fn notes(&self) -> Vec<String> {
        let id = self.provider;
        let mut lines: Vec<String> = self
            .untested()
            .map(|(item, reason)| format!("{id} {item}: untested: {reason}"))
            .collect();
        if self.coverage_holds() && !self.threshold.is_strict() {
            lines.extend(self.uncovered().map(|item| {
                format!(
                    "{id} {item}: uncovered, within the threshold of at least {}: {}",
                    self.threshold,
                    self.share()
                )
            }));
        }
        lines
    }
}

impl fmt::Display for Report {
    /// Every failure on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.failures() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// What a recording's `_expected` names that the catalog does not have, if anything.
fn stale_names(spec: &'static CatalogSpec, expected: &Expected) -> Option<String> {
    let entry = match &expected.variant {
        Some(variant) => match spec.entry_by_variant(variant) {
            Some(entry) => Some(entry),
            None => return Some(format!("variant `{variant}`")),
        },
        None => None,
    };
    // A code expected to be known (an unknown one may be recorded on purpose).
    let known = expected.known.unwrap_or(false) || entry.is_some();
    if let (true, Some(Some(code))) = (known, &expected.code)
        && spec.entries_with_code(code).len() == 0
    {
        return Some(format!("code {code}"));
    }
    if let Some(Some(name)) = &expected.sub_variant {
        let declared = match entry {
            Some(entry) => entry.sub_codes.iter().any(|sub| sub.name == name),
            None => spec
                .entries
                .iter()
                .any(|entry| entry.sub_codes.iter().any(|sub| sub.name == name)),
        };
        if !declared {
            return Some(match entry {
                Some(entry) => format!("sub-code `{name}` of `{}`", entry.variant),
                None => format!("sub-code `{name}`"),
            });
        }
    }
    None
}

/// Classifies every recording and compares it with its expectation, then accounts for every
/// entry and sub-code; held to the catalog's `coverage`.
pub fn check(spec: &'static CatalogSpec, recordings: &[Recording]) -> Report {
    // The first recorded response and the first docs example covering each item.
    let mut by_recording: BTreeMap<ItemKey, String> = BTreeMap::new();
    let mut by_example: BTreeMap<ItemKey, String> = BTreeMap::new();
    let mut mismatches = Vec::new();
    let mut stale_recordings = Vec::new();
    for recording in recordings {
        if let Some(names) = stale_names(spec, &recording.expected) {
            stale_recordings.push(StaleRecording {
                file: recording.file.clone(),
                index: recording.index,
                name: recording.name.clone(),
                names,
            });
            continue;
        }
        let classification =
            Classification::new(spec, recording.status, &recording.headers, &recording.body);
        let mut found = compare(&recording.expected, &classification);
        found.extend(server_retry_flag(&classification));
        if found.is_empty()
            && let Some(entry) = classification.entry()
        {
            let covered = if recording.docs_example.is_some() {
                &mut by_example
            } else {
                &mut by_recording
            };
            let sub_code = classification.sub_code_entry();
            // The entry, and its sub-code when the response has a declared one.
            let items = std::iter::once(None)
                .chain(sub_code.map(Some))
                .map(|sub_code| Item { entry, sub_code });
            for item in items {
                covered
                    .entry(item.key())
                    .or_insert_with(|| recording.label());
            }
        }
        mismatches.extend(found.into_iter().map(|(field, expected, actual)| Mismatch {
            provider: spec.id,
            recording: recording.label(),
            field,
            expected,
            actual,
        }));
    }
    let mut items = Vec::new();
    let mut stale_untested = Vec::new();
    for entry in spec.entries {
        let sub_codes = std::iter::once(None).chain(entry.sub_codes.iter().map(Some));
        for sub_code in sub_codes {
            let item = Item { entry, sub_code };
            let key = item.key();
            let covered = match (by_recording.get(&key), by_example.get(&key)) {
                (Some(label), _) => Some((Accounted::Recording(label.clone()), label, false)),
                (None, Some(label)) => Some((Accounted::DocsExample(label.clone()), label, true)),
                (None, None) => None,
            };
            let accounted = match (covered, item.untested()) {
                (Some((accounted, label, by_docs_example)), _) => {
                    if let Some(reason) = item.own_untested() {
                        stale_untested.push(StaleUntested {
                            item,
                            reason,
                            covered_by: label.clone(),
                            by_docs_example,
                        });
                    }
                    accounted
                }
                (None, Some(reason)) => Accounted::Untested(reason),
                (None, None) => Accounted::Uncovered,
            };
            items.push(ItemCoverage { item, accounted });
        }
    }
    Report {
        provider: spec.id,
        spec,
        entries: spec.entries.len(),
        recordings: recordings.len(),
        docs_examples: recordings
            .iter()
            .filter(|recording| recording.docs_example.is_some())
            .count(),
        items,
        threshold: spec.coverage,
        mismatches,
        stale_untested,
        stale_recordings,
    }
}

fn show<T: fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

/// The server's own retry flag (MDES `Recoverable`) agrees with the catalog: for each error of
/// the body that sent one and matches an entry, the entry's (or its sub-code's) policy must be
/// retryable exactly when the server says so.
pub fn server_retry_flag(actual: &Classification<'_>) -> Vec<(&'static str, String, String)> {
    actual
        .errors()
        .iter()
        .enumerate()
        .filter_map(|(i, error)| {
            let flag = error.server_retryable?;
            let entry = error.entry?;
            let sub = error
                .sub_code
                .as_deref()
                .and_then(|code| entry.sub_code(code));
            let policy = sub.map_or(entry.retry, |sub| sub.retry);
            (policy.is_retryable() != flag).then(|| {
                (
                    "server_retryable",
                    format!(
                        "the catalog's `{policy}` for {} ({})",
                        entry.code_text, entry.variant
                    ),
                    format!("the server's retry flag {flag} on error {i}"),
                )
            })
        })
        .collect()
}

/// Each field the expectation names, as (field, expected, actual) where they differ.
pub fn compare(
    expected: &Expected,
    actual: &Classification<'_>,
) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut check = |field: &'static str, want: Option<String>, got: String| {
        if let Some(want) = want.filter(|want| *want != got) {
            out.push((field, want, got));
        }
    };
    let variant = actual.entry().map(|entry| entry.variant.to_owned());
    let known = expected.known.or(expected.variant.as_ref().map(|_| true));
    check("known", known.map(|k| show(&k)), show(&actual.is_known()));
    check(
        "variant",
        expected.variant.as_ref().map(|v| show(&Some(v))),
        show(&variant.as_ref()),
    );
    check(
        "code",
        expected.code.as_ref().map(show),
        show(&actual.code().map(str::to_owned)),
    );
    check(
        "sub_code",
        expected.sub_code.as_ref().map(show),
        show(&actual.sub_code().map(str::to_owned)),
    );
    check(
        "sub_variant",
        expected.sub_variant.as_ref().map(|v| show(&v.as_deref())),
        show(&actual.sub_code_entry().map(|sub| sub.name)),
    );
    let first = actual.errors().first();
    let text = |value: Option<&str>| show(&value.map(str::to_owned));
    let texts = [
        (
            "message",
            &expected.message,
            first.and_then(|e| e.message.as_deref()),
        ),
        (
            "title",
            &expected.title,
            first.and_then(|e| e.title.as_deref()),
        ),
        (
            "detail",
            &expected.detail,
            first.and_then(|e| e.detail.as_deref()),
        ),
        (
            "source_pointer",
            &expected.source_pointer,
            first.and_then(|e| e.source.pointer.as_deref()),
        ),
        (
            "source_parameter",
            &expected.source_parameter,
            first.and_then(|e| e.source.parameter.as_deref()),
        ),
    ];
    for (field, want, got) in texts {
        check(field, want.as_ref().map(show), text(got));
    }
    check(
        "retryable",
        expected.retryable.map(|r| show(&r)),
        show(&actual.is_retryable()),
    );
    check(
        "retry_after_secs",
        expected.retry_after_secs.as_ref().map(show),
        show(&actual.retry().delay.map(|delay| delay.as_secs())),
    );
    check("kind", expected.kind.clone(), actual.kind().to_string());
    check("actor", expected.actor.clone(), actual.actor().to_string());
    check(
        "errors",
        expected.errors.map(|n| n.to_string()),
        actual.errors().len().to_string(),
    );
    check(
        "request_id",
        expected.request_id.as_ref().map(show),
        show(&actual.request_id().map(str::to_owned)),
    );
    check(
        "body_error",
        expected.body_error.map(|b| show(&b)),
        show(&actual.body_error().is_some()),
    );
    out
}
