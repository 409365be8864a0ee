//! The contract harness for `provider_errors!` catalogs, and the commands for any set of them.
//!
//! A team that declares its own providers gets what the seed catalogs get:
//!
//! - one expression per catalog in its `tests/` checks the whole contract (the consistency
//!   rules, the recorded responses and coverage, the wire fields they fill, the property
//!   round-trips, and drift against the docs page when there is one), and fails with one line
//!   per failure: provider, code, what is wrong, what to do:
//!
//!   ```no_run
//!   # catalog_core::provider_errors! {
//!   #     pub provider Acme {
//!   #         id: "acme", docs: "https://acme.test/errors",
//!   #         wire: json { code: "/error_code", message: "/message" },
//!   #         columns: status | code | variant | retry | kind | actor | message,
//!   #     }
//!   #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
//!   # }
//!   #[test]
//!   fn acme_contract() {
//!       contract_tests::check::<Acme>();
//!   }
//!   ```
//!
//! - a three-line binary gets the commands (`classify`, `catalog`, `diff`, `drift`, `import`,
//!   `record`, `verify`), see [`cli`]:
//!
//!   ```no_run
//!   # catalog_core::provider_errors! {
//!   #     pub provider Acme {
//!   #         id: "acme", docs: "https://acme.test/errors",
//!   #         wire: json { code: "/error_code", message: "/message" },
//!   #         columns: status | code | variant | retry | kind | actor | message,
//!   #     }
//!   #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
//!   # }
//!   use catalog_core::Catalog;
//!
//!   fn main() -> std::process::ExitCode {
//!       contract_tests::cli::main(&[Acme::spec()])
//!   }
//!   ```
//!
//! Files follow [`layout::Layout`]: `recordings/<id>/*.har` (HAR 1.2 with an `_expected`
//! classification per entry, written by `record`; the format is [`recording`]'s),
//! `docs/<id>.md`, `docs/<id>.html` or a folder `docs/<id>/`, and `catalogs/<id>.json`, the
//! catalog's contract ([`snapshot`], written by `catalog --write`), which the contract fails
//! to match until a change to the catalog is accepted; [`diff`] classes each change as
//! breaking, behaviour or compatible.
//!
//! The parts are usable alone, as this workspace's own tests use them:
//!
//! ```
//! use catalog_core::Catalog;
//!
//! let spec = providers::PlaidLegacy::spec();
//! let failures = contract_tests::rules::check_catalog(spec);
//! assert!(failures.is_empty(), "{}", contract_tests::rules::report(&failures));
//!
//! let recordings = contract_tests::recording::load_dir(&fixtures::har_dir(spec.id))
//!     .expect("the seed recordings load");
//! let conformance = contract_tests::conformance::check(spec, &recordings);
//! assert!(conformance.passed(), "{conformance}");
//! assert!(contract_tests::pointers::dead_pointers(spec, &recordings).is_empty());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod cli;
pub mod conformance;
mod contract;
pub mod diff;
pub mod docs;
pub mod fetch;
pub mod layout;
pub mod pointers;
pub mod properties;
pub mod record;
pub mod recording;
pub mod report;
pub mod rules;
pub mod snapshot;

pub use contract::{CatalogReport, Contract, check, verify_catalog, verify_recorded};
