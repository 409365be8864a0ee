//! A catalog's whole contract, checked in one call: the consistency rules, its recorded
//! responses (and the docs examples recorded beside them) and coverage, the wire fields they
//! fill (dead pointers), drift against its docs page when there is one, its committed
//! snapshot (`catalogs/<id>.json`), and, for a typed catalog, the property round-trips.
//!
//! `verify` runs [`verify_catalog`] for every catalog it is given; a test runs
//! [`check`](crate::check) (or [`Contract`]) for one.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use catalog_core::spec::CatalogSpec;
use catalog_core::{Catalog, Coverage, strategy};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestError, TestRunner};

use crate::conformance::{self, Report};
use crate::docs::{DocsPages, PageDrift};
use crate::layout::{DocsLocation, Layout};
use crate::pointers::{self, DeadPointer};
use crate::properties;
use crate::recording::{self, Recording};
use crate::rules::{self, RuleFailure};
use crate::snapshot::{self, SnapshotCheck};

/// What one catalog's contract check found.
#[derive(Clone, Debug)]
pub struct CatalogReport {
    /// The catalog.
    pub spec: &'static CatalogSpec,
    /// Broken consistency rules.
    pub rules: Vec<RuleFailure>,
    /// How many rule exceptions the catalog declares.
    pub exceptions: usize,
    /// Recordings against the catalog, and coverage.
    pub conformance: Report,
    /// Declared wire fields that no recording fills.
    pub dead_pointers: Vec<DeadPointer>,
    /// Secrets that committed recordings still hold, one line each (file, entry, what).
    pub secrets: Vec<String>,
    /// Where the docs are, when the catalog has docs in the layout.
    pub docs: Option<DocsLocation>,
    /// The drift against the docs, when there are docs; `Err` when they could not be compared.
    pub drift: Option<Result<Vec<PageDrift>, String>>,
    /// Property round-trips that failed (typed checks only), one line each.
    pub properties: Vec<String>,
    /// The catalog against its snapshot: it holds, is missing, or differs (with the changes,
    /// classified).
    pub snapshot: SnapshotCheck,
}

impl CatalogReport {
    /// Every failure, one line each: provider, code, what is wrong, what to do.
    pub fn failures(&self) -> Vec<String> {
        let id = self.spec.id;
        let mut lines: Vec<String> = self.rules.iter().map(ToString::to_string).collect();
        // A secret first: it must not stay in the repository a moment longer.
        lines.extend(self.secrets.iter().cloned());
        // A dead pointer first: it is often why recordings mismatch and entries go uncovered.
        lines.extend(self.dead_pointers.iter().map(ToString::to_string));
        lines.extend(self.conformance.failures());
        match &self.drift {
            Some(Ok(found)) => lines.extend(found.iter().map(|drift| {
                let code = if drift.drift.code.is_empty() {
                    "(row without a code)"
                } else {
                    drift.drift.code.as_str()
                };
                let text = drift.to_string();
                let text: Vec<&str> = text.split_whitespace().collect();
                format!(
                    "{id} {code}: [drift] {}; update the catalog row, or the docs snapshot if the page is wrong",
                    text.join(" ")
                )
            })),
            Some(Err(error)) => lines.push(format!("{id} (docs): [drift] {error}")),
            None => {}
        }
        lines.extend(self.snapshot.failures(id));
        lines.extend(self.properties.iter().cloned());
        lines
    }

    /// What holds without a response, one line each: every `untested` entry or sub-code with
    /// its reason, and the uncovered ones that a lowered threshold lets pass.
    pub fn notes(&self) -> Vec<String> {
        self.conformance.notes()
    }

    /// Whether nothing failed.
    pub fn passed(&self) -> bool {
        self.failures().is_empty()
    }

    /// The columns of `verify`'s summary table, one row per catalog
    /// ([`CatalogReport::summary_row`]). The four coverage counts (`10/10/5/5`) are entries and
    /// declared sub-codes covered by recorded responses, by docs examples only, `untested`
    /// with a reason, and uncovered; `coverage` is the share accounted for, with the threshold
    /// when the catalog lowers it.
    pub const SUMMARY_HEADERS: [&'static str; 11] = [
        "provider",
        "entries",
        "recordings",
        "recorded/docs/untested/uncovered",
        "coverage",
        "exceptions",
        "rule failures",
        "mismatches",
        "stale",
        "dead pointers",
        "docs drift",
    ];

    /// This catalog's row of `verify`'s summary table, under [`CatalogReport::SUMMARY_HEADERS`].
    pub fn summary_row(&self) -> Vec<String> {
        let conformance = &self.conformance;
        let counts = conformance.counts();
        let sub_codes = counts.total().saturating_sub(conformance.entries);
        let entries = if sub_codes > 0 {
            format!("{} + {sub_codes} sub-codes", conformance.entries)
        } else {
            conformance.entries.to_string()
        };
        let recordings = if conformance.docs_examples > 0 {
            format!(
                "{} + {} docs examples",
                conformance.recordings - conformance.docs_examples,
                conformance.docs_examples
            )
        } else {
            conformance.recordings.to_string()
        };
        let share = Coverage::share(counts.accounted(), counts.total());
        let coverage = if conformance.threshold.is_strict() {
            format!("{share}%")
        } else {
            format!("{share}% (min {})", conformance.threshold)
        };
        vec![
            self.spec.id.to_owned(),
            entries,
            recordings,
            format!(
                "{}/{}/{}/{}",
                counts.recordings, counts.docs_examples, counts.untested, counts.uncovered
            ),
            coverage,
            self.exceptions.to_string(),
            self.rules.len().to_string(),
            conformance.mismatches.len().to_string(),
            (conformance.stale_recordings.len() + conformance.stale_untested.len()).to_string(),
            self.dead_pointers.len().to_string(),
            self.drift_summary(),
        ]
    }

    /// How many docs differences, or `-` without docs, `error` when they could not be read.
    pub fn drift_summary(&self) -> String {
        match &self.drift {
            None => "-".to_owned(),
            Some(Ok(found)) => found.len().to_string(),
            Some(Err(_)) => "error".to_owned(),
        }
    }
}

impl fmt::Display for CatalogReport {
    /// Every failure on its own line, or a line saying the contract holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failures = self.failures();
        if failures.is_empty() {
            return writeln!(
                f,
                "{}: the contract holds ({} entries, {} recordings; {})",
                self.spec.id,
                self.spec.entries.len(),
                self.conformance.recordings,
                self.conformance.counts()
            );
        }
        writeln!(
            f,
            "{}: {} contract failure(s)",
            self.spec.id,
            failures.len()
        )?;
        for failure in failures {
            writeln!(f, "{failure}")?;
        }
        Ok(())
    }
}

/// One line per secret that a recording in `dir` still holds: what `record` would redact.
fn committed_secrets(spec: &'static CatalogSpec, dir: &Path) -> Result<Vec<String>, String> {
    let mut lines = Vec::new();
    for file in recording::har_files(dir).map_err(|error| error.to_string())? {
        let (found, total) =
            crate::record::secrets_in(spec, &file).map_err(|error| error.to_string())?;
        for found in &found {
            lines.push(format!(
                "{} {}: [secret] {found}; run `record --provider {}` on it again, which redacts it",
                spec.id,
                file.display(),
                spec.id
            ));
        }
        if total > found.len() {
            lines.push(format!(
                "{} {}: [secret] and {} more",
                spec.id,
                file.display(),
                total - found.len()
            ));
        }
    }
    Ok(lines)
}

/// The contract of one catalog, in `layout`, without the typed properties: what `verify`
/// runs. An error is bad input (a recording that is not valid HAR, unreadable docs, a
/// snapshot that is not valid), named.
pub fn verify_catalog(
    spec: &'static CatalogSpec,
    layout: &Layout,
) -> Result<CatalogReport, String> {
    let recordings =
        recording::load_dir(&layout.recordings_of(spec.id)).map_err(|error| error.to_string())?;
    verify_recorded(spec, layout, &recordings)
}

/// [`verify_catalog`] with the catalog's recordings already read from `layout` (for a caller
/// that needs them again, as `verify --report` does).
pub fn verify_recorded(
    spec: &'static CatalogSpec,
    layout: &Layout,
    recordings: &[Recording],
) -> Result<CatalogReport, String> {
    let secrets = committed_secrets(spec, &layout.recordings_of(spec.id))?;
    let docs = layout.docs_of(spec.id)?;
    let drift = match &docs {
        Some(location) => {
            let pages = DocsPages::read(location)?;
            Some(pages.drift(spec))
        }
        None => None,
    };
    Ok(CatalogReport {
        spec,
        rules: rules::check_catalog(spec),
        exceptions: rules::exceptions(spec).len(),
        conformance: conformance::check(spec, recordings),
        dead_pointers: pointers::dead_pointers(spec, recordings),
        secrets,
        docs,
        drift,
        properties: Vec::new(),
        snapshot: snapshot::check(spec, layout)?,
    })
}

/// Checks one catalog's whole contract on the default layout (`recordings/<id>/*.har`,
/// `docs/<id>.md`, `.html` or `docs/<id>/`, and the snapshot `catalogs/<id>.json`, relative
/// to the crate under test), and panics with one line per failure. The expression a
/// catalog's test needs:
///
/// ```no_run
/// # catalog_core::provider_errors! {
/// #     pub provider Acme {
/// #         id: "acme", docs: "https://acme.test/errors",
/// #         wire: json { code: "/error_code", message: "/message" },
/// #         columns: status | code | variant | retry | kind | actor | message,
/// #     }
/// #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
/// # }
/// #[test]
/// fn acme_contract() {
///     contract_tests::check::<Acme>();
/// }
/// ```
///
/// The catalog must match its snapshot: a change to the catalog fails, listing each change
/// with its class, until `catalog --write` accepts it, and a catalog without a snapshot
/// fails until one is written and committed (so that CI never passes a contract nobody
/// reviewed).
///
/// [`Contract`] sets another layout or the number of property cases.
#[track_caller]
pub fn check<C>()
where
    C: Catalog + serde::Serialize + serde::de::DeserializeOwned,
{
    Contract::<C>::new().assert();
}

/// One typed catalog's contract, with its settings: where its files are, how many cases each
/// property runs (`PROPTEST_CASES`, else 256, as proptest's own default), and how much of the
/// catalog must be accounted for (the catalog's `coverage`, unless [`Contract::min_coverage`]
/// says).
#[derive(Clone, Debug)]
pub struct Contract<C> {
    layout: Layout,
    cases: u32,
    min_coverage: Option<u8>,
    catalog: PhantomData<fn() -> C>,
}

impl<C> Default for Contract<C>
where
    C: Catalog + serde::Serialize + serde::de::DeserializeOwned,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<C> Contract<C>
where
    C: Catalog + serde::Serialize + serde::de::DeserializeOwned,
{
    /// The default layout and number of cases.
    pub fn new() -> Self {
        Contract {
            layout: Layout::default(),
            cases: Config::default().cases,
            min_coverage: None,
            catalog: PhantomData,
        }
    }

    /// Reads recordings and docs from `layout`.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// Runs each property `cases` times.
    pub fn property_cases(mut self, cases: u32) -> Self {
        self.cases = cases;
        self
    }

    /// Holds the catalog to `percent` percent of its entries and sub-codes accounted for
    /// (covered by a recording or a docs example, or `untested` with a reason), whatever its
    /// own `coverage: { at_least: ... }` says: the same threshold, set in the test.
    ///
    /// ```no_run
    /// # catalog_core::provider_errors! {
    /// #     pub provider Acme {
    /// #         id: "acme", docs: "https://acme.test/errors",
    /// #         wire: json { code: "/error_code", message: "/message" },
    /// #         columns: status | code | variant | retry | kind | actor | message,
    /// #     }
    /// #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
    /// # }
    /// #[test]
    /// fn acme_contract() {
    ///     contract_tests::Contract::<Acme>::new().min_coverage(80).assert();
    /// }
    /// ```
    ///
    /// A percentage above 100 is a failure of the run, said as such.
    pub fn min_coverage(mut self, percent: u8) -> Self {
        self.min_coverage = Some(percent);
        self
    }

    /// Runs every check; bad input (a broken HAR file, a threshold above 100%) is a failure
    /// line too.
    pub fn run(&self) -> Result<CatalogReport, String> {
        let id = C::spec().id;
        let threshold = match self.min_coverage {
            None => C::spec().coverage,
            Some(percent) => Coverage::new(percent).ok_or_else(|| {
                format!(
                    "{id}: [input] min_coverage({percent}): a share of the catalog is at most 100%; \
                     pass 0 to 100"
                )
            })?,
        };
        let mut report = verify_catalog(C::spec(), &self.layout)
            .map_err(|error| format!("{id}: [input] {error}"))?;
        report.conformance = report.conformance.with_threshold(threshold);
        report.properties = property_failures::<C>(self.cases);
        Ok(report)
    }

    /// Runs every check and panics with one line per failure.
    #[track_caller]
    pub fn assert(&self) {
        match self.run() {
            Ok(report) if report.passed() => {}
            Ok(report) => panic!("{report}"),
            Err(error) => panic!("{error}"),
        }
    }
}

/// Runs one property; a failure is a line naming the minimal failing entry.
fn run_property<S: Strategy>(
    cases: u32,
    name: &str,
    strategy: S,
    subject: impl Fn(&S::Value) -> String,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> Option<String> {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    match runner.run(&strategy, test) {
        Ok(()) => None,
        Err(TestError::Fail(reason, value)) => Some(format!(
            "{}: [property] {name}: {reason}; the catalog's wire format cannot carry this entry as declared: fix the row or the `wire` fields",
            subject(&value)
        )),
        Err(TestError::Abort(reason)) => Some(format!("[property] {name} gave up: {reason}")),
    }
}

fn case_subject<C: Catalog>(case: &strategy::Case<C>) -> String {
    let entry = case.variant.entry();
    format!("{} {} ({})", C::spec().id, entry.code_text, entry.variant)
}

/// The property round-trips of `contract_tests::properties` over one catalog.
fn property_failures<C>(cases: u32) -> Vec<String>
where
    C: Catalog + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut failures = Vec::new();
    failures.extend(run_property(
        cases,
        "render then parse gives the same entry and fields",
        strategy::case::<C>(),
        case_subject,
        |case| properties::render_round_trip(&case),
    ));
    failures.extend(run_property(
        cases,
        "a parsed error survives serde",
        strategy::case::<C>(),
        case_subject,
        |case| {
            let rendered = case.variant.render(&case.options());
            let parsed = C::classify(rendered.status, &rendered.headers, &rendered.body);
            properties::serde_round_trip(&parsed)
        },
    ));
    failures.extend(run_property(
        cases,
        "an unknown code keeps the raw code",
        (strategy::case::<C>(), strategy::unknown_code::<C>()),
        |(case, _)| case_subject(case),
        |(case, code)| properties::unknown_code_kept(&case, &code),
    ));
    failures.extend(run_property(
        cases,
        "any body classifies without panicking",
        (100u16..=599, prop::collection::vec(any::<u8>(), 0..256)),
        |(status, _)| format!("{} (status {status})", C::spec().id),
        |(status, body)| properties::any_body_classifies::<C>(status, &body),
    ));
    for &variant in C::ALL {
        if let Err(error) = properties::code_round_trip(variant) {
            let entry = variant.entry();
            failures.push(format!(
                "{} {} ({}): [property] code round trip: {error}; fix the row's code or variant",
                C::spec().id,
                entry.code_text,
                entry.variant
            ));
        }
    }
    failures
}
