//! What a change to a catalog means: two snapshots of it compared, each change classed.
//!
//! A catalog is an API and a behaviour at once, so a change is one of three classes:
//!
//! | class | changes |
//! | --- | --- |
//! | **breaking** | a variant removed (`code_removed`, `row_without_code_removed` for a row without a code, or `variant_removed` when its responses now classify as another variant) or renamed (`variant_renamed`); an entry's key changed (`key_changed`); the key mode changed; a status removed from an entry; a wire pointer changed or removed (the catalog's own `fields` and the `field_errors` pointer included), or a wire shape removed, reordered or added before others (old responses may no longer classify); a sub-code removed or renamed; the enum or the provider id renamed; errors in 2xx bodies no longer read |
//! | **behaviour** | the retry policy, its attempts or its delays (`retry_changed`); the server's retry flag's source (`retry_flag_source_changed`) or the retry delay's (`retry_delay_source_changed`); the idempotency header; kind or actor; less redaction (a `sensitive` source removed, a `not_sensitive` one added); errors now read in 2xx bodies |
//! | **compatible** | a code or variant added, or a row without a code (`row_without_code_added`); a status added; a message, remediation, docs link, group, category, `untested` or `allow` reason changed; a wire field or shape added after the others; more redaction; the coverage threshold; the name or docs page |
//!
//! A behaviour change that makes clients resend more (a policy that retries more often or
//! sooner, an idempotency header added, a kind that lets a request that is not idempotent be
//! resent) is louder than one that makes them resend less: its [`Change::resending`] is
//! [`Resending::More`], `review` marks it `RESENDS MORE` and lists it first.
//!
//! Entries are matched by key, so a renamed variant (same key, another name) is one change,
//! not a removal and an addition; a variant whose key changed (same name, another code) is one
//! change too (`key_changed`).

use std::cmp::Reverse;
use std::fmt;

use serde::Serialize;

use crate::snapshot::{EntrySnapshot, Snapshot, SubCodeSnapshot};

// The catalog's settings and wire format; the entries and their sub-codes; which way a
// behaviour change moves resending.
mod entries;
mod resending;
mod settings;

pub use resending::retry_direction;

/// How much a change matters to the code and the services that use the catalog; ordered, so
/// that `class >= Class::Behaviour` reads as "at or above behaviour".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Nothing that compiled or ran before changes: a code added, a message changed.
    Compatible,
    /// The code compiles as before, and behaves otherwise: retries, kinds, actors.
    Behaviour,
    /// Code that matched on the catalog, or responses it read, may break.
    Breaking,
}

impl Class {
    /// `breaking`, `behaviour`, `compatible`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Class::Compatible => "compatible",
            Class::Behaviour => "behaviour",
            Class::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a behaviour change makes clients send requests again more or less.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resending {
    /// More often, sooner, or where they did not before: perhaps payments.
    More,
    /// Less often, later, or not at all.
    Less,
}

/// What changed. Each has one class, but for a few whose class depends on the direction
/// (a wire shape added, errors in 2xx bodies, redaction), which [`Change::class`] says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The provider id.
    IdChanged,
    /// The generated enum's name.
    TypeRenamed,
    /// What makes an entry unique.
    KeyModeChanged,
    /// Whether errors come in 2xx bodies.
    ErrorsIn2xxChanged,
    /// The request header of idempotency keys.
    IdempotencyHeaderChanged,
    /// The coverage threshold.
    CoverageChanged,
    /// A `sensitive` source added or removed.
    SensitiveChanged,
    /// A `not_sensitive` source added or removed.
    NotSensitiveChanged,
    /// The provider's human name.
    NameChanged,
    /// The provider's docs page.
    DocsChanged,
    /// A group's docs page.
    GroupPageChanged,
    /// A wire shape added.
    WireShapeAdded,
    /// A wire shape removed.
    WireShapeRemoved,
    /// The order the wire shapes are tried in.
    WireShapesReordered,
    /// A wire field's pointer changed or removed.
    WirePointerChanged,
    /// A wire field declared where there was none.
    WireFieldAdded,
    /// The source of the server's own retry flag (`retryable`).
    RetryFlagSourceChanged,
    /// The source of the retry delay (`retry_after`).
    RetryDelaySourceChanged,
    /// An entry removed, and its code with it.
    CodeRemoved,
    /// An entry removed whose responses now classify as another variant.
    VariantRemoved,
    /// An entry added with a new code.
    CodeAdded,
    /// An entry added for a code the catalog had.
    VariantAdded,
    /// A row without a code (`_`) added: responses without a code at its statuses classify
    /// as it.
    RowWithoutCodeAdded,
    /// A row without a code (`_`) removed, and no other takes its responses.
    RowWithoutCodeRemoved,
    /// The same key under another variant name.
    VariantRenamed,
    /// The same variant under another key (code, category or statuses).
    KeyChanged,
    /// The code now a number where it was a string, or the reverse.
    CodeTypeChanged,
    /// A status no longer listed for an entry.
    StatusRemoved,
    /// A status listed for an entry.
    StatusAdded,
    /// The retry policy, its attempts or its delay.
    RetryChanged,
    /// The kind.
    KindChanged,
    /// The actor.
    ActorChanged,
    /// The provider-defined category, where it is not part of the key.
    CategoryChanged,
    /// The docs' message.
    MessageChanged,
    /// The remediation text.
    RemediationChanged,
    /// The entry's own docs link.
    DocsLinkChanged,
    /// The docs sections that list the entry.
    GroupsChanged,
    /// The `untested` reason.
    UntestedChanged,
    /// An `allow(...)` exception or its reason.
    AllowChanged,
    /// Whether the entry is in the docs or `added("...")` on purpose.
    OriginChanged,
    /// The wire shape its canonical responses are rendered in.
    ShapeChanged,
    /// A sub-code removed.
    SubCodeRemoved,
    /// A sub-code added.
    SubCodeAdded,
    /// The same sub-code under another name.
    SubCodeRenamed,
    /// The file differs from what `catalog --write` writes in a way no class covers (an
    /// entry's `key` text edited by hand).
    SnapshotEdited,
}

impl ChangeKind {
    /// The snake_case name, as JSON and the text output spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::IdChanged => "id_changed",
            ChangeKind::TypeRenamed => "type_renamed",
            ChangeKind::KeyModeChanged => "key_mode_changed",
            ChangeKind::ErrorsIn2xxChanged => "errors_in_2xx_changed",
            ChangeKind::IdempotencyHeaderChanged => "idempotency_header_changed",
            ChangeKind::CoverageChanged => "coverage_changed",
            ChangeKind::SensitiveChanged => "sensitive_changed",
            ChangeKind::NotSensitiveChanged => "not_sensitive_changed",
            ChangeKind::NameChanged => "name_changed",
            ChangeKind::DocsChanged => "docs_changed",
            ChangeKind::GroupPageChanged => "group_page_changed",
            ChangeKind::WireShapeAdded => "wire_shape_added",
            ChangeKind::WireShapeRemoved => "wire_shape_removed",
            ChangeKind::WireShapesReordered => "wire_shapes_reordered",
            ChangeKind::WirePointerChanged => "wire_pointer_changed",
            ChangeKind::WireFieldAdded => "wire_field_added",
            ChangeKind::RetryFlagSourceChanged => "retry_flag_source_changed",
            ChangeKind::RetryDelaySourceChanged => "retry_delay_source_changed",
            ChangeKind::CodeRemoved => "code_removed",
            ChangeKind::VariantRemoved => "variant_removed",
            ChangeKind::CodeAdded => "code_added",
            ChangeKind::VariantAdded => "variant_added",
            ChangeKind::RowWithoutCodeAdded => "row_without_code_added",
            ChangeKind::RowWithoutCodeRemoved => "row_without_code_removed",
            ChangeKind::VariantRenamed => "variant_renamed",
            ChangeKind::KeyChanged => "key_changed",
            ChangeKind::CodeTypeChanged => "code_type_changed",
            ChangeKind::StatusRemoved => "status_removed",
            ChangeKind::StatusAdded => "status_added",
            ChangeKind::RetryChanged => "retry_changed",
            ChangeKind::KindChanged => "kind_changed",
            ChangeKind::ActorChanged => "actor_changed",
            ChangeKind::CategoryChanged => "category_changed",
            ChangeKind::MessageChanged => "message_changed",
            ChangeKind::RemediationChanged => "remediation_changed",
            ChangeKind::DocsLinkChanged => "docs_link_changed",
            ChangeKind::GroupsChanged => "groups_changed",
            ChangeKind::UntestedChanged => "untested_changed",
            ChangeKind::AllowChanged => "allow_changed",
            ChangeKind::OriginChanged => "origin_changed",
            ChangeKind::ShapeChanged => "shape_changed",
            ChangeKind::SubCodeRemoved => "sub_code_removed",
            ChangeKind::SubCodeAdded => "sub_code_added",
            ChangeKind::SubCodeRenamed => "sub_code_renamed",
            ChangeKind::SnapshotEdited => "snapshot_edited",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One classified change. Its JSON form has `change`, `class`, `code`, `sub_code`, `key`,
/// `variant`, `detail` and `resending` (`more`, `less` or null); the catalog-level ones have
/// a null `code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed.
    pub change: ChangeKind,
    /// How much it matters.
    pub class: Class,
    /// The entry's code, for a change to an entry or one of its sub-codes.
    pub code: Option<String>,
    /// The sub-code, for a change to a sub-code.
    pub sub_code: Option<String>,
    /// The entry's key as the key mode spells it (`(400, card_declined)`).
    pub key: Option<String>,
    /// The entry's variant (the new one where it was renamed; the old one where it was
    /// removed).
    pub variant: Option<String>,
    /// What changed and what it does, in words.
    pub detail: String,
    /// For a behaviour change: whether clients resend more or less.
    pub resending: Option<Resending>,
}

impl Change {
    fn new(change: ChangeKind, class: Class, detail: impl Into<String>) -> Self {
        Change {
            change,
            class,
            code: None,
            sub_code: None,
            key: None,
            variant: None,
            detail: detail.into(),
            resending: None,
        }
    }

    fn on(mut self, entry: &EntrySnapshot) -> Self {
        self.code = Some(entry.code.to_string());
        self.key = Some(entry.key.clone());
        self.variant = Some(entry.variant.clone());
        self
    }

    fn sub(mut self, sub: &SubCodeSnapshot) -> Self {
        self.sub_code = Some(sub.code.clone());
        self
    }

    fn with_resending(mut self, resending: Option<Resending>) -> Self {
        self.resending = resending;
        self
    }

    /// What the change is about: the entry's key (and `/sub-code`), or `(catalog)`.
    pub fn subject(&self) -> String {
        match (&self.key, &self.sub_code) {
            (Some(key), Some(sub)) => format!("{key}/{sub}"),
            (Some(key), None) => key.clone(),
            (None, _) => "(catalog)".to_owned(),
        }
    }

    /// The class as the text output shows it, louder where clients resend more.
    fn class_label(&self) -> String {
        match self.resending {
            Some(Resending::More) => format!("{}, RESENDS MORE", self.class),
            Some(Resending::Less) => format!("{}, resends less", self.class),
            None => self.class.to_string(),
        }
    }
}

impl fmt::Display for Change {
    /// `breaking variant_renamed: ...`, `behaviour, RESENDS MORE retry_changed: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.class_label(), self.change, self.detail)
    }
}

/// How many changes of each class, and how many of them make clients resend more.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Breaking changes.
    pub breaking: usize,
    /// Behaviour changes.
    pub behaviour: usize,
    /// Of the behaviour changes, those that make clients resend more.
    pub resend_more: usize,
    /// Compatible changes.
    pub compatible: usize,
}

impl Counts {
    /// Every change counted.
    pub fn total(&self) -> usize {
        self.breaking + self.behaviour + self.compatible
    }
}

impl fmt::Display for Counts {
    /// `2 breaking, 3 behaviour (1 resends more), 4 compatible`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} breaking, {} behaviour",
            self.breaking, self.behaviour
        )?;
        if self.resend_more > 0 {
            write!(f, " ({} resends more)", self.resend_more)?;
        }
        write!(f, ", {} compatible", self.compatible)
    }
}

/// The changes of each class.
pub fn counts(changes: &[Change]) -> Counts {
    let mut counts = Counts::default();
    for change in changes {
        match change.class {
            Class::Breaking => counts.breaking += 1,
            Class::Behaviour => counts.behaviour += 1,
            Class::Compatible => counts.compatible += 1,
        }
        if change.resending == Some(Resending::More) {
            counts.resend_more += 1;
        }
    }
    counts
}

/// The changes from `old` to `new`, breaking first, then behaviour (those that resend more
/// first, those that resend less last), then compatible; within that, the catalog's settings
/// first, then the entries removed, then the others in key order.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut changes = Vec::new();
    settings::settings(old, new, &mut changes);
    settings::wire(&old.wire, &new.wire, &mut changes);
    entries::entries(old, new, &mut changes);
    if changes.is_empty() && old != new {
        changes.push(Change::new(
            ChangeKind::SnapshotEdited,
            Class::Compatible,
            "the file differs from what `catalog --write` writes for this catalog, in no field the classes cover (edited by hand?)",
        ));
    }
    changes.sort_by_key(|change| {
        let loudness = match change.resending {
            Some(Resending::More) => 0,
            None => 1,
            Some(Resending::Less) => 2,
        };
        (Reverse(change.class), loudness)
    });
    changes
}
fn quoted(text: Option<&str>) -> String {
    match text {
        Some(text) => format!("{text:?}"),
        None => "none".to_owned(),
    }
}
/// The changes as text for people: a line with the counts, then one line per change under
/// its class (class, change, what it is about, what changed), those that resend more marked
/// `RESENDS MORE`.
pub fn review(id: &str, against: &str, changes: &[Change]) -> String {
    if changes.is_empty() {
        return format!("{id}: the catalog matches {against}: no changes\n");
    }
    let mut out = format!(
        "{id}: the catalog against {against}: {} change(s): {}\n",
        changes.len(),
        counts(changes)
    );
    let width = |cell: fn(&Change) -> String| {
        changes
            .iter()
            .map(|change| cell(change).chars().count())
            .max()
            .unwrap_or(0)
    };
    let label_width = width(|change| change.class_label());
    let change_width = width(|change| change.change.to_string());
    let subject_width = width(Change::subject);
    for change in changes {
        out.push_str(&format!(
            "  {:<label_width$}  {:<change_width$}  {:<subject_width$}  {}\n",
            change.class_label(),
            change.change.as_str(),
            change.subject(),
            change.detail
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use catalog_core::{Field, Kind, RetryPolicy, Rule};

    use super::*;
    use crate::snapshot::{CodeValue, ShapeSnapshot, SubCodeSnapshot};

    catalog_core::provider_errors! {
        pub provider Cards {
            id: "cards",
            docs: "https://cards.test/errors",
            wire: json { code: "/error/code", sub_code: "/error/decline_code", request_id: header "Request-Id" },
            columns: status | code | variant | retry | kind | actor | message,
            sensitive: { "/error/payment_method", header "X-Session" },
        }
        402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined."
            sub_codes {
                "insufficient_funds" | InsufficientFunds | never | user_action_required | end_user | "Insufficient funds.";
                "lost_card" | LostCard | never | user_action_required | end_user | "Lost.";
                "stolen_card" | StolenCard | never | user_action_required | end_user | "Stolen.";
                "try_again_later" | TryAgainLater | never | user_action_required | end_user | "Try later."
                    untested("rare");
            };
        409 | "idempotency_conflict" | IdempotencyConflict | backoff(2) | conflict | integrator | "In progress.";
        500 | "api_error" | ApiError | backoff(3) | internal | provider | "Something went wrong.";
    }

    fn base() -> Snapshot {
        Snapshot::of(Cards::spec())
    }

    fn found(changes: &[Change]) -> Vec<(&'static str, Class, String)> {
        changes
            .iter()
            .map(|change| (change.change.as_str(), change.class, change.subject()))
            .collect()
    }

    fn entry<'a>(snapshot: &'a mut Snapshot, variant: &str) -> &'a mut EntrySnapshot {
        snapshot
            .entries
            .iter_mut()
            .find(|entry| entry.variant == variant)
            .unwrap_or_else(|| panic!("no {variant}"))
    }

    #[test]
    fn sub_codes_are_paired_by_code_then_by_name() {
        let mut new = base();
        let declined = entry(&mut new, "CardDeclined");
        declined.sub_codes[0].code = "funds_insufficient".to_owned();
        declined.sub_codes[1].variant = "CardLost".to_owned();
        declined.sub_codes.remove(2);
        declined.sub_codes[2].retry = RetryPolicy::NewSession;
        declined.sub_codes[2]
            .allow
            .insert(Rule::StatusRetry, "the issuer asks to wait".to_owned());
        declined.sub_codes.push(SubCodeSnapshot {
            code: "expired_card".to_owned(),
            variant: "ExpiredCard".to_owned(),
            retry: RetryPolicy::Never,
            kind: Kind::UserActionRequired,
            actor: catalog_core::Actor::EndUser,
            message: "Expired.".to_owned(),
            untested: None,
            allow: Default::default(),
        });
        let changes = diff(&base(), &new);
        assert_eq!(
            found(&changes),
            [
                (
                    "key_changed",
                    Class::Breaking,
                    "card_declined/funds_insufficient".to_owned()
                ),
                (
                    "sub_code_removed",
                    Class::Breaking,
                    "card_declined/stolen_card".to_owned()
                ),
                (
                    "sub_code_renamed",
                    Class::Breaking,
                    "card_declined/lost_card".to_owned()
                ),
                (
                    "retry_changed",
                    Class::Behaviour,
                    "card_declined/try_again_later".to_owned()
                ),
                (
                    "allow_changed",
                    Class::Compatible,
                    "card_declined/try_again_later".to_owned()
                ),
                (
                    "sub_code_added",
                    Class::Compatible,
                    "card_declined/expired_card".to_owned()
                ),
            ],
            "{changes:#?}"
        );
        // never → new_session resends no more and no less.
        assert_eq!(changes[3].resending, None);
    }

    #[test]
    fn settings_and_wire_shapes_are_classed_by_what_they_do() {
        let mut new = base();
        new.type_name = "CardErrors".to_owned();
        new.errors_in_2xx = true;
        new.idempotency_header = Some("Idempotency-Key".to_owned());
        new.coverage = 80;
        new.sensitive.retain(|source| source != "header X-Session");
        new.sensitive.push("/error/customer".to_owned());
        new.not_sensitive.push("/error/token_type".to_owned());
        new.wire[0].fields.remove(&Field::RequestId);
        new.wire.push(ShapeSnapshot {
            name: "list".to_owned(),
            fields: [(Field::Code, vec!["/errors/*/code".to_owned()])].into(),
            own_fields: Default::default(),
            field_errors: None,
        });
        let changes = diff(&base(), &new);
        assert_eq!(
            found(&changes),
            [
                ("type_renamed", Class::Breaking, "(catalog)".to_owned()),
                (
                    "wire_pointer_changed",
                    Class::Breaking,
                    "(catalog)".to_owned()
                ),
                (
                    "idempotency_header_changed",
                    Class::Behaviour,
                    "(catalog)".to_owned()
                ),
                (
                    "errors_in_2xx_changed",
                    Class::Behaviour,
                    "(catalog)".to_owned()
                ),
                (
                    "sensitive_changed",
                    Class::Behaviour,
                    "(catalog)".to_owned()
                ),
                (
                    "not_sensitive_changed",
                    Class::Behaviour,
                    "(catalog)".to_owned()
                ),
                (
                    "coverage_changed",
                    Class::Compatible,
                    "(catalog)".to_owned()
                ),
                (
                    "sensitive_changed",
                    Class::Compatible,
                    "(catalog)".to_owned()
                ),
                (
                    "wire_shape_added",
                    Class::Compatible,
                    "(catalog)".to_owned()
                ),
            ],
            "{changes:#?}"
        );
        assert_eq!(changes[2].resending, Some(Resending::More));
        assert!(
            changes[4]
                .detail
                .starts_with("`header X-Session` is no longer declared sensitive"),
            "{changes:#?}"
        );

        // A shape tried before the ones there were, and shapes reordered, are breaking.
        let mut first = base();
        first.wire.insert(0, new.wire[1].clone());
        assert_eq!(
            found(&diff(&base(), &first)),
            [("wire_shape_added", Class::Breaking, "(catalog)".to_owned())]
        );
        let reordered = first.clone();
        first.wire.swap(0, 1);
        assert_eq!(
            found(&diff(&reordered, &first)),
            [(
                "wire_shapes_reordered",
                Class::Breaking,
                "(catalog)".to_owned()
            )]
        );
    }

    #[test]
    fn a_variant_under_another_code_is_one_change_and_a_hand_edit_is_noticed() {
        let mut new = base();
        let conflict = entry(&mut new, "IdempotencyConflict");
        conflict.code = CodeValue::Str("request_in_progress".to_owned());
        conflict.key = "request_in_progress".to_owned();
        // conflict → invalid_request: a POST is now resent after it, as not processed.
        conflict.kind = Kind::InvalidRequest;
        let changes = diff(&base(), &new);
        assert_eq!(
            found(&changes),
            [
                (
                    "key_changed",
                    Class::Breaking,
                    "request_in_progress".to_owned()
                ),
                (
                    "kind_changed",
                    Class::Behaviour,
                    "request_in_progress".to_owned()
                ),
            ],
            "{changes:#?}"
        );
        assert_eq!(changes[1].resending, Some(Resending::More));

        let mut edited = base();
        edited.entries[0].key = "by hand".to_owned();
        assert_eq!(
            found(&diff(&edited, &base())),
            [("snapshot_edited", Class::Compatible, "(catalog)".to_owned())]
        );
        assert!(diff(&base(), &base()).is_empty());
    }

    catalog_core::provider_errors! {
        pub provider Shapes {
            id: "shapes",
            docs: "https://shapes.test/errors",
            key: (category, code),
            categories: { Api = "api_error", Card = "card_error" },
            wire: json {
                code: "/error/code",
                category: "/error/type",
                retryable: "/error/should_retry",
                fields: { doc_url: "/error/doc_url" },
                field_errors: "/error/errors",
            },
            columns: category | status | code | variant | retry | kind | actor | message,
        }
        Api | 500 | _ | ApiError | backoff(3) | internal | provider | "Something went wrong.";
        Card | 402 | "card_declined" | CardDeclined | never | user_action_required | end_user
            | "The card was declined.";
    }

    fn shapes() -> Snapshot {
        Snapshot::of(Shapes::spec())
    }

    #[test]
    fn the_retry_flags_source_is_behaviour_and_the_catalogs_own_pointers_are_wire_pointers() {
        let mut new = shapes();
        let shape = &mut new.wire[0];
        shape.fields.insert(
            Field::Retryable,
            vec!["header Stripe-Should-Retry".to_owned()],
        );
        shape.own_fields.insert(
            "doc_url".to_owned(),
            vec!["/error/documentation".to_owned()],
        );
        shape.own_fields.insert(
            "request_log_url".to_owned(),
            vec!["/error/request_log_url".to_owned()],
        );
        shape.field_errors.as_mut().unwrap().pointer = "/errors".to_owned();
        let changes = diff(&shapes(), &new);
        assert_eq!(
            found(&changes),
            [
                (
                    "wire_pointer_changed",
                    Class::Breaking,
                    "(catalog)".to_owned()
                ),
                (
                    "wire_pointer_changed",
                    Class::Breaking,
                    "(catalog)".to_owned()
                ),
                (
                    "retry_flag_source_changed",
                    Class::Behaviour,
                    "(catalog)".to_owned()
                ),
                (
                    "wire_field_added",
                    Class::Compatible,
                    "(catalog)".to_owned()
                ),
            ],
            "{changes:#?}"
        );
        assert!(
            changes[0].detail.starts_with(
                "the catalog's own field `doc_url` in the wire shape `json` was read from `/error/doc_url`, is read from `/error/documentation`"
            ),
            "{changes:#?}"
        );
        assert!(
            changes[1].detail.starts_with(
                "the field errors in the wire shape `json` were read from `/error/errors` (a list's members `field` and `message`), are read from `/errors`"
            ),
            "{changes:#?}"
        );
        assert!(
            changes[2].detail.starts_with(
                "`retryable` in the wire shape `json` was read from `/error/should_retry`, is read from `header Stripe-Should-Retry`"
            ),
            "{changes:#?}"
        );
        assert!(
            changes[3].detail.contains("`request_log_url`"),
            "{changes:#?}"
        );

        // Declared where there were none: compatible; gone: breaking, like any pointer.
        let mut bare = shapes();
        bare.wire[0].own_fields.clear();
        bare.wire[0].field_errors = None;
        let added = diff(&bare, &shapes());
        assert_eq!(
            found(&added),
            [
                (
                    "wire_field_added",
                    Class::Compatible,
                    "(catalog)".to_owned()
                ),
                (
                    "wire_field_added",
                    Class::Compatible,
                    "(catalog)".to_owned()
                ),
            ],
            "{added:#?}"
        );
        let removed = diff(&shapes(), &bare);
        assert_eq!(
            found(&removed),
            [
                (
                    "wire_pointer_changed",
                    Class::Breaking,
                    "(catalog)".to_owned()
                ),
                (
                    "wire_pointer_changed",
                    Class::Breaking,
                    "(catalog)".to_owned()
                ),
            ],
            "{removed:#?}"
        );
        // Other member names of a list of field errors read other members: breaking too.
        let mut members = shapes();
        members.wire[0].field_errors.as_mut().unwrap().message = "detail".to_owned();
        assert_eq!(
            found(&diff(&shapes(), &members)),
            [(
                "wire_pointer_changed",
                Class::Breaking,
                "(catalog)".to_owned()
            )]
        );
    }

    #[test]
    fn a_row_without_a_code_added_is_compatible_and_removed_is_breaking() {
        let mut without = shapes();
        without.entries.retain(|entry| entry.code.is_present());
        let removed = diff(&shapes(), &without);
        assert_eq!(
            found(&removed),
            [(
                "row_without_code_removed",
                Class::Breaking,
                "(api_error, 500, _)".to_owned()
            )],
            "{removed:#?}"
        );
        assert_eq!(removed[0].code.as_deref(), Some("_"));
        assert!(
            removed[0]
                .detail
                .contains("a response without a code at HTTP 500 classifies as unknown"),
            "{removed:#?}"
        );
        let added = diff(&without, &shapes());
        assert_eq!(
            found(&added),
            [(
                "row_without_code_added",
                Class::Compatible,
                "(api_error, 500, _)".to_owned()
            )],
            "{added:#?}"
        );

        // Its statuses are its key: one more is a status added; another instead is its key
        // changed, since a 500 without a code no longer classifies as it.
        let mut wider = shapes();
        entry(&mut wider, "ApiError").statuses.push(503);
        assert_eq!(
            found(&diff(&shapes(), &wider)),
            [(
                "status_added",
                Class::Compatible,
                "(api_error, 500, _)".to_owned()
            )]
        );
        let mut moved = shapes();
        entry(&mut moved, "ApiError").statuses = vec![502];
        entry(&mut moved, "ApiError").key = "(api_error, 502, _)".to_owned();
        assert_eq!(
            found(&diff(&shapes(), &moved)),
            [(
                "key_changed",
                Class::Breaking,
                "(api_error, 502, _)".to_owned()
            )]
        );

        // A code `_` is a code, not a row without one.
        let mut underscore = without.clone();
        let mut coded = shapes().entries[0].clone();
        coded.code = CodeValue::Str("_".to_owned());
        coded.key = "(api_error, _)".to_owned();
        coded.variant = "Underscore".to_owned();
        underscore.entries.push(coded);
        let changes = diff(&shapes(), &underscore);
        assert_eq!(
            changes
                .iter()
                .map(|change| change.change.as_str())
                .collect::<Vec<_>>(),
            ["row_without_code_removed", "code_added"],
            "{changes:#?}"
        );
    }
}
