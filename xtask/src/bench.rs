//! `cargo xtask bench`: classification against its baselines (criterion, then an interleaved
//! wall-clock check), and build time of a macro catalog against the equivalent hand-written
//! code, at 100, 1,000 and 5,000 entries, and of a user's cold build (a 12-entry catalog in a
//! fresh crate, macro vs thiserror + serde + serde_json + http); `verify` over 100 generated
//! catalogs of 100 recordings each; and the load test of a provider outage on 127.0.0.1 (retry storms, the
//! retry budget and the circuit breaker).
//!
//! The criterion suite lives in `benches/`, a workspace of its own (criterion pulls in a second
//! syn major version the main workspace avoids). Figures are medians.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;

#[derive(Args)]
pub(crate) struct Bench {
    /// Shorter measurements and one build per size: under five minutes on two cores.
    #[arg(long)]
    quick: bool,
    /// Only the classification benchmarks.
    #[arg(long, conflicts_with = "compile_only")]
    runtime_only: bool,
    /// Only the build-time benchmarks (catalog crates at three sizes, and a user's cold build).
    #[arg(long, conflicts_with = "scale_only")]
    compile_only: bool,
    /// Only `verify` over 100 generated catalogs of 100 recordings each.
    #[arg(long, conflicts_with_all = ["runtime_only", "compile_only"])]
    scale_only: bool,
    /// Only the load test: a provider outage on 127.0.0.1 under 200 callers.
    #[arg(long, conflicts_with_all = ["runtime_only", "compile_only", "scale_only"])]
    load_only: bool,
    /// Only a user's cold build: the 12-entry catalog, macro vs hand-written, three rounds.
    #[arg(long, conflicts_with_all = ["runtime_only", "compile_only", "scale_only", "load_only"])]
    cold_only: bool,
}

/// Catalog sizes of the build-time benchmark.
const SIZES: [usize; 3] = [100, 1_000, 5_000];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

impl Bench {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        let root = workspace_root();
        if self.scale_only {
            return scale(&root);
        }
        if self.load_only {
            return load(&root, self.quick);
        }
        if self.cold_only {
            return cold(&root, self.quick);
        }
        if !self.compile_only {
            runtime(&root, self.quick)?;
            interleaved(&root, self.quick)?;
        }
        if !self.runtime_only {
            compile(&root, self.quick)?;
            cold(&root, self.quick)?;
        }
        if !self.runtime_only && !self.compile_only {
            scale(&root)?;
            load(&root, self.quick)?;
        }
        Ok(())
    }
}

/// Median of a criterion benchmark, in nanoseconds per iteration.
fn median_ns(criterion: &Path, group: &str, function: &str) -> anyhow::Result<f64> {
    let path = criterion
        .join(group.replace('/', "_"))
        .join(function)
        .join("new")
        .join("estimates.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    json.pointer("/median/point_estimate")
        .and_then(serde_json::Value::as_f64)
        .with_context(|| format!("{} has no median", path.display()))
}

fn runtime(root: &Path, quick: bool) -> anyhow::Result<()> {
    let target = root.join("target").join("bench");
    let mut args = vec![
        "bench",
        "--quiet",
        "--manifest-path",
        "benches/Cargo.toml",
        "--bench",
        "classify",
        "--",
    ];
    if quick {
        args.extend([
            "--warm-up-time",
            "0.5",
            "--measurement-time",
            "1",
            "--sample-size",
            "20",
        ]);
    }
    eprintln!(
        "==> criterion: classification and lookups{}",
        if quick { " (quick)" } else { "" }
    );
    let output = Command::new(cargo())
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .args(&args)
        .output()
        .context("running the criterion benchmarks")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
        bail!("the criterion benchmarks failed");
    }
    let criterion = target.join("criterion");
    let mut corpora: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    // Per form of code (its name and length in bytes): the catalog sizes and codes looked up.
    let mut lookups: BTreeMap<(String, usize), Vec<(usize, f64)>> = BTreeMap::new();
    for line in stdout.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["corpus", provider, kind, bodies, bytes] => {
                corpora.insert(
                    ((*provider).to_owned(), (*kind).to_owned()),
                    (bodies.parse()?, bytes.parse()?),
                );
            }
            ["lookups", form, code_len, size, count] => lookups
                .entry(((*form).to_owned(), code_len.parse()?))
                .or_default()
                .push((size.parse()?, count.parse()?)),
            _ => {}
        }
    }
    let mut report = String::new();
    let mut providers_order: Vec<String> = Vec::new();
    for (provider, _) in corpora.keys() {
        if !providers_order.contains(provider) {
            providers_order.push(provider.clone());
        }
    }
    // The order of the seed catalogs, then the kinds: the lines the issue asks for come first.
    let seed: Vec<String> = providers::ids().into_iter().map(str::to_owned).collect();
    providers_order.sort_by_key(|provider| seed.iter().position(|id| id == provider));
    for kind in ["known", "unknown", "list", "not-json"] {
        for provider in &providers_order {
            let Some(&(bodies, bytes)) = corpora.get(&(provider.clone(), kind.to_owned())) else {
                continue;
            };
            let group = format!("classify/{provider}/{kind}");
            let per_body = |function| median_ns(&criterion, &group, function).map(|ns| ns / bodies);
            let (generated, handwritten, value_map, floor) = (
                per_body("generated")?,
                per_body("handwritten")?,
                per_body("value-map")?,
                per_body("floor")?,
            );
            let label = if kind == "known" {
                provider.clone()
            } else {
                format!("{provider} {kind}")
            };
            let mib_s = bytes / bodies / generated * 1e9 / (1024.0 * 1024.0);
            let _ = writeln!(
                report,
                "classify {label}: generated {generated:.0} ns, handwritten {handwritten:.0} ns, value-map {value_map:.0} ns \
                 ({:.2}x handwritten, {:.2}x faster than value-map, {mib_s:.0} MiB/s, {bodies} bodies; \
                 floor {floor:.0} ns, one pass over the bytes)",
                generated / handwritten,
                value_map / generated,
            );
        }
    }
    for ((form, code_len), sizes) in &lookups {
        let lookup_ns: Vec<(usize, f64)> = sizes
            .iter()
            .map(|&(size, count)| {
                median_ns(&criterion, "lookup", &format!("{form}-{size}"))
                    .map(|ns| (size, ns / count))
            })
            .collect::<anyhow::Result<_>>()?;
        if let [(small, small_ns), (large, large_ns)] = lookup_ns.as_slice() {
            let _ = writeln!(
                report,
                "lookup {small} codes: {small_ns:.1} ns, {large} codes: {large_ns:.1} ns ({:.2}x), \
                 {form} codes of {code_len} bytes",
                large_ns / small_ns
            );
        }
    }
    print!("{report}");
    Ok(())
}

/// The implementations the interleaved check runs, as the profile example names them.
const IMPLEMENTATIONS: [&str; 3] = ["generated", "handwritten", "value-map"];

/// A check on the criterion figures that the host's slow stretches cannot skew one way: round
/// after round, each provider's known corpus runs through the corpus loading alone, then each
/// implementation, in one process apiece (`benches/examples/profile.rs`). The least time of
/// each, less the least loading time, is what the implementation costs when undisturbed.
fn interleaved(root: &Path, quick: bool) -> anyhow::Result<()> {
    let (rounds, iterations) = if quick { (3, 5_000) } else { (9, 20_000) };
    eprintln!("==> interleaved wall-clock check ({rounds} rounds)");
    let target = root.join("target").join("bench");
    let status = Command::new(cargo())
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .args([
            "build",
            "--quiet",
            "--release",
            "--manifest-path",
            "benches/Cargo.toml",
        ])
        .args(["--example", "profile"])
        .status()
        .context("building the profile example")?;
    if !status.success() {
        bail!("building the profile example failed");
    }
    let binary = target.join("release").join("examples").join("profile");
    // Seconds per run, least over the rounds, by (provider, mode); and bodies per corpus.
    let mut least: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    let mut bodies: BTreeMap<&str, f64> = BTreeMap::new();
    let providers = providers::ids();
    for _ in 0..rounds {
        for &provider in &providers {
            for mode in std::iter::once("empty").chain(IMPLEMENTATIONS) {
                let start = Instant::now();
                let output = Command::new(&binary)
                    .args([mode, provider, "known", &iterations.to_string()])
                    .output()
                    .with_context(|| format!("running {}", binary.display()))?;
                let seconds = start.elapsed().as_secs_f64();
                let stdout = String::from_utf8_lossy(&output.stdout);
                if !output.status.success() {
                    bail!(
                        "profile {mode} {provider} failed: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
                // "<found> found; <bodies> bodies x <iterations> iterations"
                let count = stdout
                    .split_whitespace()
                    .nth(2)
                    .and_then(|count| count.parse::<f64>().ok())
                    .with_context(|| format!("profile {mode} {provider} printed {stdout:?}"))?;
                bodies.insert(provider, count);
                let slot = least.entry((provider, mode)).or_insert(f64::INFINITY);
                *slot = slot.min(seconds);
            }
        }
    }
    let mut report = String::new();
    for &provider in &providers {
        let (Some(&empty), Some(&count)) = (least.get(&(provider, "empty")), bodies.get(provider))
        else {
            continue;
        };
        let per_body = |mode| {
            least.get(&(provider, mode)).map_or(f64::NAN, |&seconds| {
                (seconds - empty) / (count * iterations as f64) * 1e9
            })
        };
        let [generated, handwritten, value_map] = IMPLEMENTATIONS.map(per_body);
        let _ = writeln!(
            report,
            "interleaved {provider}: generated {generated:.0} ns, handwritten {handwritten:.0} ns, \
             value-map {value_map:.0} ns ({:.2}x handwritten, {:.2}x faster than value-map; \
             least of {rounds} rounds)",
            generated / handwritten,
            value_map / generated,
        );
    }
    print!("{report}");
    Ok(())
}

/// A synthetic catalog row: statuses and policies that keep every rule.
fn row(i: usize) -> (u16, &'static str, &'static str, &'static str, &'static str) {
    const ROWS: [(u16, &str, &str, &str, &str); 7] = [
        (
            400,
            "never",
            "invalid_request",
            "integrator",
            "Never|InvalidRequest|Integrator",
        ),
        (
            401,
            "never",
            "unauthenticated",
            "integrator",
            "Never|Unauthenticated|Integrator",
        ),
        (
            404,
            "never",
            "not_found",
            "integrator",
            "Never|NotFound|Integrator",
        ),
        (
            409,
            "backoff(3)",
            "conflict",
            "nobody",
            "Backoff { retries: 3 }|Conflict|Nobody",
        ),
        (
            429,
            "after_hint(3)",
            "rate_limited",
            "nobody",
            "AfterHint { retries: 3 }|RateLimited|Nobody",
        ),
        (
            500,
            "backoff(3)",
            "internal",
            "provider",
            "Backoff { retries: 3 }|Internal|Provider",
        ),
        (
            503,
            "backoff(3)",
            "provider_unavailable",
            "nobody",
            "Backoff { retries: 3 }|ProviderUnavailable|Nobody",
        ),
    ];
    ROWS[i % ROWS.len()]
}

/// The same catalog, declared with the macro.
fn macro_source(entries: usize) -> String {
    let mut out = String::from(
        "catalog_core::provider_errors! {\n    /// A synthetic catalog.\n    pub provider Synthetic {\n        id: \"synthetic\",\n        \
         docs: \"https://example.com/errors\",\n        wire: json { code: \"/code\", message: \"/message\" },\n        \
         columns: status | code | variant | retry | kind | actor | message,\n    }\n",
    );
    for i in 0..entries {
        let (status, retry, kind, actor, _) = row(i);
        let _ = writeln!(
            out,
            "    {status} | \"synthetic-{i:05}\" | Synthetic{i:05} | {retry} | {kind} | {actor} | \"Synthetic error {i}.\" => \"Fix the request ({i}).\";"
        );
    }
    out.push_str("}\n");
    out
}

/// The same catalog, hand-written: an enum, a static table and the `Catalog` impl, as a
/// careful engineer writes it against catalog-core (lookups through its hash index, no giant
/// `match`).
fn handwritten_source(entries: usize) -> String {
    let mut out = String::from(
        "use catalog_core::__private::CodeIndex;\nuse catalog_core::spec::{CatalogSpec, Code, Entry, FieldSource, Origin, Shape, Source, Wire};\nuse catalog_core::{Actor, Catalog, Coverage, Field, KeyMode, Kind, Profile, RetryPolicy};\n\n\
         /// A synthetic catalog.\n#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum Synthetic {\n",
    );
    for i in 0..entries {
        let _ = writeln!(out, "    /// Synthetic error {i}.\n    Synthetic{i:05},");
    }
    // Shared slices, as the macro emits them: rustc is super-linear in per-entry promoted slices.
    out.push_str("}\n\nconst NO_GROUPS: &[&str] = &[];\nconst NO_SUB_CODES: &[catalog_core::spec::SubCode] = &[];\nconst NO_EXCEPTIONS: &[catalog_core::Exception] = &[];\n");
    for status in [400, 401, 404, 409, 429, 500, 503] {
        let _ = writeln!(out, "const S{status}: &[u16] = &[{status}];");
    }
    out.push_str("\nstatic ENTRIES: [Entry; ");
    let _ = writeln!(out, "{entries}] = [");
    for i in 0..entries {
        let (status, _, _, _, core) = row(i);
        let mut parts = core.split('|');
        let (retry, kind, actor) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        let _ = writeln!(
            out,
            "    Entry {{ code: Code::Str(\"synthetic-{i:05}\"), code_text: \"synthetic-{i:05}\", statuses: S{status}, \
             variant: \"Synthetic{i:05}\", message: \"Synthetic error {i}.\", remediation: Some(\"Fix the request ({i}).\"), \
             groups: NO_GROUPS, docs: None, category: None, kind: Kind::{kind}, retry: RetryPolicy::{retry}, actor: Actor::{actor}, \
             sub_codes: NO_SUB_CODES, exceptions: NO_EXCEPTIONS, origin: Origin::Docs, untested: None, shape: &SHAPES[0] }},"
        );
    }
    out.push_str(
        "];\n\nstatic SHAPES: [Shape; 1] = [Shape { name: \"json\", fields: &[\n    \
         FieldSource { field: Field::Code, source: Source::Body(&[\"code\"]) },\n    \
         FieldSource { field: Field::Message, source: Source::Body(&[\"message\"]) },\n], \
         extra_fields: &[], field_errors: None }];\n\n\
         static SPEC: CatalogSpec = CatalogSpec {\n    id: \"synthetic\",\n    name: \"synthetic\",\n    \
         docs: \"https://example.com/errors\",\n    type_name: \"Synthetic\",\n    key: KeyMode::Code,\n    \
         profile: Profile::PLAIN,\n    wire: Wire { shapes: &SHAPES },\n    entries: &ENTRIES,\n    \
         docs_map: None,\n    sensitive: &[],\n    not_sensitive: &[],\n    idempotency_header: None,\n    group_pages: &[],\n    coverage: Coverage::STRICT,\n    index: CodeIndex::new(),\n};\n\nimpl Catalog for Synthetic {\n    const ALL: &'static [Self] = &[\n",
    );
    for i in 0..entries {
        let _ = writeln!(out, "        Self::Synthetic{i:05},");
    }
    out.push_str(
        "    ];\n\n    fn spec() -> &'static CatalogSpec {\n        &SPEC\n    }\n\n    fn position(self) -> usize {\n        self as usize\n    }\n}\n\n\
         impl std::fmt::Display for Synthetic {\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        \
         let entry = self.entry();\n        write!(f, \"{} {}: {}\", entry.variant, entry.code_text, entry.message)\n    }\n}\n\n\
         impl std::fmt::Debug for Synthetic {\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        \
         f.write_str(self.entry().variant)\n    }\n}\n\n\
         impl std::error::Error for Synthetic {}\n",
    );
    out
}

fn write_crate(
    dir: &Path,
    name: &str,
    source: &str,
    core: &Path,
    lock: Option<&Path>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\ncatalog-core = {{ path = {:?} }}\n",
        core.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::write(dir.join("src").join("lib.rs"), source)?;
    if let Some(lock) = lock {
        // The workspace's lock file pins the same dependency versions, so nothing is fetched.
        std::fs::copy(lock, dir.join("Cargo.lock"))?;
    }
    Ok(())
}

fn build(dir: &Path, target: &Path) -> anyhow::Result<f64> {
    let mut build = Command::new(cargo());
    build
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Whole builds of the crate: an incremental cache would measure the cache.
        .env("CARGO_INCREMENTAL", "0")
        .args(["build", "--quiet", "--offline"]);
    timed(build, &format!("building {}", dir.display())).map(|(seconds, _)| seconds)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn compile(root: &Path, quick: bool) -> anyhow::Result<()> {
    let base = root.join("target").join("compile-bench");
    let target = base.join("target");
    let core = root.join("catalog-core");
    let lock = root.join("Cargo.lock");
    let runs = if quick { 1 } else { 3 };
    eprintln!("==> build time: macro vs hand-written catalogs ({runs} build(s) per crate)");
    // Dependencies first, so the timings below are of the catalog crates alone.
    let warm = base.join("warm-up");
    write_crate(&warm, "warm-up", &macro_source(1), &core, Some(&lock))?;
    build(&warm, &target)?;
    let mut report = String::new();
    let mut per_entry = Vec::new();
    for entries in SIZES {
        let mut seconds = Vec::new();
        for (kind, source) in [
            ("macro", macro_source(entries)),
            ("handwritten", handwritten_source(entries)),
        ] {
            let name = format!("{kind}-{entries}");
            let dir = base.join(&name);
            write_crate(&dir, &name, &source, &core, Some(&lock))?;
            let mut times = Vec::new();
            for _ in 0..runs {
                // A changed source file: the crate alone is compiled again.
                std::fs::write(dir.join("src").join("lib.rs"), &source)?;
                times.push(build(&dir, &target)?);
            }
            seconds.push(median(times));
        }
        let (macro_s, handwritten_s) = (seconds[0], seconds[1]);
        per_entry.push((entries, macro_s));
        let _ = writeln!(
            report,
            "compile {entries}: macro {macro_s:.2} s, handwritten {handwritten_s:.2} s ({:.2}x)",
            macro_s / handwritten_s
        );
    }
    if let (Some(&(small, small_s)), Some(&(large, large_s))) =
        (per_entry.first(), per_entry.last())
    {
        let _ = writeln!(
            report,
            "compile growth: {:.2}x the time for {:.0}x the entries",
            large_s / small_s,
            large as f64 / small as f64
        );
    }
    print!("{report}");
    Ok(())
}

/// Lumen Pay, the README's walk-through provider: a 12-entry catalog as a user declares it.
const COLD_MACRO: &str = r#"//! Lumen Pay's errors, declared with the macro.

catalog_core::provider_errors! {
    /// Lumen Pay errors: flat JSON bodies, the request id in a header.
    pub provider LumenPay {
        id: "lumen-pay",
        name: "Lumen Pay",
        docs: "https://docs.lumenpay.test/errors",
        wire: json { code: "/error_code", message: "/error_message", request_id: header "X-Lumen-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "parameter_missing" | ParameterMissing | never | invalid_request | integrator | "A required parameter is missing."
        => "Add the parameter named in the message.";
    400 | "parameter_invalid" | ParameterInvalid | never | invalid_request | integrator | "A parameter is not valid."
        => "Fix the parameter named in the message.";
    400 | "amount_too_small" | AmountTooSmall | never | invalid_request | integrator | "The amount is below the minimum."
        => "Send at least the minimum amount of the currency.";
    401 | "api_key_invalid" | ApiKeyInvalid | never | unauthenticated | integrator | "The API key is not valid."
        => "Use a live key from the dashboard.";
    401 | "token_expired" | TokenExpired | new_session | unauthenticated | integrator | "The access token has expired."
        => "Request a new access token and send the request again."
        allow(status_retry, "the docs ask for a new token, then the same request");
    402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "The card was declined."
        => "Ask the customer for another payment method.";
    403 | "permission_denied" | PermissionDenied | never | permission_denied | integrator | "The key may not do this."
        => "Use a key with the permission, or ask an administrator.";
    404 | "resource_missing" | ResourceMissing | never | not_found | integrator | "No such resource."
        => "Check the identifier in the path.";
    409 | "idempotency_conflict" | IdempotencyConflict | backoff(3) | conflict | nobody | "A request with this idempotency key is in progress."
        => "Wait, then send the same request again.";
    429 | "rate_limited" | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests."
        => "Wait for the time in Retry-After.";
    500 | "internal_error" | InternalError | backoff(3) | internal | provider | "Something went wrong on our side."
        => "Retry; if it persists, contact support with the request id.";
    503 | "service_unavailable" | ServiceUnavailable | backoff(3) | provider_unavailable | nobody | "The service is unavailable."
        => "Retry with back-off.";
}
"#;

/// The same catalog as an engineer writes it without the macro: the codes as an enum with
/// thiserror's `Display`, the docs table as `match`es, the body read into a borrowed
/// `Deserialize` struct, and the typed error a client returns (request id, `Retry-After`,
/// retry policy, kind and actor, a JSON form for logs, a canonical body for tests).
const COLD_HANDWRITTEN: &str = r#"//! Lumen Pay's errors, written by hand.

use std::borrow::Cow;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

/// What went wrong, across providers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    InvalidRequest,
    Unauthenticated,
    PermissionDenied,
    NotFound,
    Conflict,
    RateLimited,
    UserActionRequired,
    ProviderUnavailable,
    Internal,
}

/// Who has to act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Nobody,
    EndUser,
    Integrator,
    Provider,
}

/// When to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum Retry {
    Never,
    NewSession,
    Backoff { retries: u8 },
    AfterHint { retries: u8 },
}

impl Retry {
    pub fn is_retryable(self) -> bool {
        self != Retry::Never
    }
}

/// Lumen Pay's documented error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LumenPayCode {
    /// 400 `parameter_missing`: add the parameter named in the message.
    #[error("parameter_missing: A required parameter is missing.")]
    ParameterMissing,
    /// 400 `parameter_invalid`: fix the parameter named in the message.
    #[error("parameter_invalid: A parameter is not valid.")]
    ParameterInvalid,
    /// 400 `amount_too_small`: send at least the minimum amount of the currency.
    #[error("amount_too_small: The amount is below the minimum.")]
    AmountTooSmall,
    /// 401 `api_key_invalid`: use a live key from the dashboard.
    #[error("api_key_invalid: The API key is not valid.")]
    ApiKeyInvalid,
    /// 401 `token_expired`: request a new access token and send the request again.
    #[error("token_expired: The access token has expired.")]
    TokenExpired,
    /// 402 `card_declined`: ask the customer for another payment method.
    #[error("card_declined: The card was declined.")]
    CardDeclined,
    /// 403 `permission_denied`: use a key with the permission, or ask an administrator.
    #[error("permission_denied: The key may not do this.")]
    PermissionDenied,
    /// 404 `resource_missing`: check the identifier in the path.
    #[error("resource_missing: No such resource.")]
    ResourceMissing,
    /// 409 `idempotency_conflict`: wait, then send the same request again.
    #[error("idempotency_conflict: A request with this idempotency key is in progress.")]
    IdempotencyConflict,
    /// 429 `rate_limited`: wait for the time in Retry-After.
    #[error("rate_limited: Too many requests.")]
    RateLimited,
    /// 500 `internal_error`: retry; if it persists, contact support with the request id.
    #[error("internal_error: Something went wrong on our side.")]
    InternalError,
    /// 503 `service_unavailable`: retry with back-off.
    #[error("service_unavailable: The service is unavailable.")]
    ServiceUnavailable,
}

impl LumenPayCode {
    /// Every code, in the docs' order.
    pub const ALL: [LumenPayCode; 12] = [
        Self::ParameterMissing,
        Self::ParameterInvalid,
        Self::AmountTooSmall,
        Self::ApiKeyInvalid,
        Self::TokenExpired,
        Self::CardDeclined,
        Self::PermissionDenied,
        Self::ResourceMissing,
        Self::IdempotencyConflict,
        Self::RateLimited,
        Self::InternalError,
        Self::ServiceUnavailable,
    ];

    /// The code for what the provider sent.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "parameter_missing" => Self::ParameterMissing,
            "parameter_invalid" => Self::ParameterInvalid,
            "amount_too_small" => Self::AmountTooSmall,
            "api_key_invalid" => Self::ApiKeyInvalid,
            "token_expired" => Self::TokenExpired,
            "card_declined" => Self::CardDeclined,
            "permission_denied" => Self::PermissionDenied,
            "resource_missing" => Self::ResourceMissing,
            "idempotency_conflict" => Self::IdempotencyConflict,
            "rate_limited" => Self::RateLimited,
            "internal_error" => Self::InternalError,
            "service_unavailable" => Self::ServiceUnavailable,
            _ => return None,
        })
    }

    /// The code as the provider sends it.
    pub fn code(self) -> &'static str {
        match self {
            Self::ParameterMissing => "parameter_missing",
            Self::ParameterInvalid => "parameter_invalid",
            Self::AmountTooSmall => "amount_too_small",
            Self::ApiKeyInvalid => "api_key_invalid",
            Self::TokenExpired => "token_expired",
            Self::CardDeclined => "card_declined",
            Self::PermissionDenied => "permission_denied",
            Self::ResourceMissing => "resource_missing",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::RateLimited => "rate_limited",
            Self::InternalError => "internal_error",
            Self::ServiceUnavailable => "service_unavailable",
        }
    }

    /// The docs' row: status, kind, actor, retry policy, message and remediation.
    pub fn row(self) -> (StatusCode, Kind, Actor, Retry, &'static str, &'static str) {
        use Actor::*;
        use Kind::*;
        const NEVER: Retry = Retry::Never;
        const BACKOFF: Retry = Retry::Backoff { retries: 3 };
        match self {
            Self::ParameterMissing => (StatusCode::BAD_REQUEST, InvalidRequest, Integrator, NEVER, "A required parameter is missing.", "Add the parameter named in the message."),
            Self::ParameterInvalid => (StatusCode::BAD_REQUEST, InvalidRequest, Integrator, NEVER, "A parameter is not valid.", "Fix the parameter named in the message."),
            Self::AmountTooSmall => (StatusCode::BAD_REQUEST, InvalidRequest, Integrator, NEVER, "The amount is below the minimum.", "Send at least the minimum amount of the currency."),
            Self::ApiKeyInvalid => (StatusCode::UNAUTHORIZED, Unauthenticated, Integrator, NEVER, "The API key is not valid.", "Use a live key from the dashboard."),
            Self::TokenExpired => (StatusCode::UNAUTHORIZED, Unauthenticated, Integrator, Retry::NewSession, "The access token has expired.", "Request a new access token and send the request again."),
            Self::CardDeclined => (StatusCode::PAYMENT_REQUIRED, UserActionRequired, EndUser, NEVER, "The card was declined.", "Ask the customer for another payment method."),
            Self::PermissionDenied => (StatusCode::FORBIDDEN, Kind::PermissionDenied, Integrator, NEVER, "The key may not do this.", "Use a key with the permission, or ask an administrator."),
            Self::ResourceMissing => (StatusCode::NOT_FOUND, NotFound, Integrator, NEVER, "No such resource.", "Check the identifier in the path."),
            Self::IdempotencyConflict => (StatusCode::CONFLICT, Conflict, Nobody, BACKOFF, "A request with this idempotency key is in progress.", "Wait, then send the same request again."),
            Self::RateLimited => (StatusCode::TOO_MANY_REQUESTS, Kind::RateLimited, Nobody, Retry::AfterHint { retries: 3 }, "Too many requests.", "Wait for the time in Retry-After."),
            Self::InternalError => (StatusCode::INTERNAL_SERVER_ERROR, Internal, Provider, BACKOFF, "Something went wrong on our side.", "Retry; if it persists, contact support with the request id."),
            Self::ServiceUnavailable => (StatusCode::SERVICE_UNAVAILABLE, ProviderUnavailable, Nobody, BACKOFF, "The service is unavailable.", "Retry with back-off."),
        }
    }

    pub fn status(self) -> StatusCode {
        self.row().0
    }

    pub fn kind(self) -> Kind {
        self.row().1
    }

    pub fn actor(self) -> Actor {
        self.row().2
    }

    pub fn retry(self) -> Retry {
        self.row().3
    }

    pub fn message(self) -> &'static str {
        self.row().4
    }

    pub fn remediation(self) -> &'static str {
        self.row().5
    }

    /// The response the provider sends for this code, for tests.
    pub fn render(self) -> Vec<u8> {
        serde_json::to_vec(&Body {
            error_code: Some(Cow::Borrowed(self.code())),
            error_message: Some(Cow::Borrowed(self.message())),
        })
        .unwrap_or_default()
    }
}

/// The body of an error response; fields borrowed unless escaped.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Body<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    error_code: Option<Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    error_message: Option<Cow<'a, str>>,
}

/// An error response from Lumen Pay, classified.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum LumenPayError {
    /// A documented code.
    #[error("Lumen Pay {code} (HTTP {status})")]
    Known {
        code: LumenPayCode,
        #[serde(serialize_with = "as_u16")]
        status: StatusCode,
        message: Option<String>,
        request_id: Option<String>,
        retry_after_secs: Option<u64>,
    },
    /// A code the docs do not list.
    #[error("Lumen Pay unknown code `{code}` (HTTP {status})")]
    Unknown {
        code: String,
        #[serde(serialize_with = "as_u16")]
        status: StatusCode,
        message: Option<String>,
        request_id: Option<String>,
        retry_after_secs: Option<u64>,
    },
    /// No code: a proxy's page, an empty or a broken body.
    #[error("Lumen Pay HTTP {status} without an error code")]
    NoCode {
        #[serde(serialize_with = "as_u16")]
        status: StatusCode,
        request_id: Option<String>,
        retry_after_secs: Option<u64>,
        body: String,
    },
}

fn as_u16<S: serde::Serializer>(status: &StatusCode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u16(status.as_u16())
}

impl LumenPayError {
    /// Classifies a response: the body's code if it has one, else the status alone.
    pub fn classify(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let request_id = header("x-lumen-request-id");
        let retry_after_secs = header("retry-after").and_then(|value| value.trim().parse().ok());
        match serde_json::from_slice::<Body<'_>>(body) {
            Ok(Body {
                error_code: Some(code),
                error_message,
            }) => {
                let message = error_message.map(Cow::into_owned);
                match LumenPayCode::from_code(&code) {
                    Some(code) => LumenPayError::Known {
                        code,
                        status,
                        message,
                        request_id,
                        retry_after_secs,
                    },
                    None => LumenPayError::Unknown {
                        code: code.into_owned(),
                        status,
                        message,
                        request_id,
                        retry_after_secs,
                    },
                }
            }
            _ => LumenPayError::NoCode {
                status,
                request_id,
                retry_after_secs,
                body: String::from_utf8_lossy(body).into_owned(),
            },
        }
    }

    /// The documented code, if any.
    pub fn code(&self) -> Option<LumenPayCode> {
        match self {
            LumenPayError::Known { code, .. } => Some(*code),
            _ => None,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            LumenPayError::Known { status, .. }
            | LumenPayError::Unknown { status, .. }
            | LumenPayError::NoCode { status, .. } => *status,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            LumenPayError::Known { request_id, .. }
            | LumenPayError::Unknown { request_id, .. }
            | LumenPayError::NoCode { request_id, .. } => request_id.as_deref(),
        }
    }

    /// The policy of the code, or of the status for an unknown code.
    pub fn retry(&self) -> Retry {
        match self.code() {
            Some(code) => code.retry(),
            None => match self.status().as_u16() {
                429 => Retry::AfterHint { retries: 3 },
                500 | 502..=504 => Retry::Backoff { retries: 3 },
                _ => Retry::Never,
            },
        }
    }

    pub fn is_retryable(&self) -> bool {
        self.retry().is_retryable()
    }

    /// How long to wait before retrying, when the response says.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            LumenPayError::Known { retry_after_secs, .. }
            | LumenPayError::Unknown { retry_after_secs, .. }
            | LumenPayError::NoCode { retry_after_secs, .. } => {
                retry_after_secs.map(Duration::from_secs)
            }
        }
    }

    pub fn kind(&self) -> Kind {
        match self.code() {
            Some(code) => code.kind(),
            None if self.status().is_server_error() => Kind::ProviderUnavailable,
            None => Kind::InvalidRequest,
        }
    }

    pub fn actor(&self) -> Actor {
        match self.code() {
            Some(code) => code.actor(),
            None if self.status().is_server_error() => Actor::Provider,
            None => Actor::Integrator,
        }
    }

    /// One JSON line for logs.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
"#;

/// The dependencies of the hand-written crate: the stack the catalog replaces.
const COLD_HANDWRITTEN_DEPENDENCIES: &str = "http = \"1\"\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nthiserror = \"2\"\n";

/// The rest of the macro crate's manifest. Its dependency is written as a user writes it, a
/// version requirement, with a path standing in for the registry, so the crate resolves as
/// the published one would. But cargo compiles a path dependency with an incremental cache,
/// as it does the user's own crate, and a registry dependency without one: the cache costs
/// these crates about a tenth more time (1.01x the hand-written stack against 0.92x, medians
/// of 3 at load 2.0 to 2.2), which no user pays. So they build here as from the registry.
const AS_FROM_THE_REGISTRY: &str = "
[profile.dev.package.catalog-vocab]
incremental = false
[profile.dev.package.catalog-dsl]
incremental = false
[profile.dev.package.catalog-macros]
incremental = false
[profile.dev.package.catalog-core]
incremental = false
";

/// Rounds of the cold-build comparison (one build of each crate a round).
const COLD_ROUNDS: usize = 3;

/// The one-minute load average, to read beside a timing on a shared host.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "n/a".to_owned())
}

/// The least and the greatest of the load averages read before each build, as `a to b`.
fn load_range(loads: &[String]) -> String {
    let mut values: Vec<f64> = loads.iter().filter_map(|load| load.parse().ok()).collect();
    values.sort_by(f64::total_cmp);
    match (values.first(), values.last()) {
        (Some(least), Some(most)) if least == most => format!("{least:.2}"),
        (Some(least), Some(most)) => format!("{least:.2} to {most:.2}"),
        _ => "n/a".to_owned(),
    }
}

/// CPU seconds of this process's waited-for children so far (`cutime + cstime` of
/// `/proc/self/stat`, in the kernel's 100 ticks a second), Linux only: a build's CPU time moves
/// less with the host's load than its wall-clock time.
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which sits in parentheses and may hold spaces.
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |index: usize| fields.get(index)?.parse::<f64>().ok();
    // Fields 16 and 17 of proc(5), counted from the state (field 3) at index 0.
    Some((ticks(13)? + ticks(14)?) / 100.0)
}

/// A fresh crate outside the workspace, as a user starts one: `dependencies` ending its
/// manifest (the dependency table, and any table after it), `source` as its `src/lib.rs`, and the workspace's lock file, so that the crates both stacks
/// share build at the same versions.
fn write_user_crate(
    dir: &Path,
    name: &str,
    dependencies: &str,
    source: &str,
    lock: &Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{dependencies}"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::write(dir.join("src").join("lib.rs"), source)?;
    std::fs::copy(lock, dir.join("Cargo.lock"))?;
    Ok(())
}

/// `cargo fetch`, once per crate, so the timed builds can run `--offline`: from the network,
/// or, without one, from what the local registry cache holds.
fn fetch(dir: &Path) -> anyhow::Result<()> {
    for offline in [false, true] {
        let mut command = Command::new(cargo());
        command.current_dir(dir).args(["fetch", "--quiet"]);
        if offline {
            command.arg("--offline");
        }
        let output = command
            .output()
            .with_context(|| format!("fetching for {}", dir.display()))?;
        if output.status.success() {
            return Ok(());
        }
        if offline {
            bail!(
                "fetching the dependencies of {} failed, online and offline:\n{}",
                dir.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    Ok(())
}

/// One cold build: the dev profile a user gets by default, into an empty target folder, with
/// no compiler cache (`RUSTC_WRAPPER`) that would make it warm. Wall-clock seconds, and CPU
/// seconds where the platform tells.
fn cold_build(dir: &Path, target: &Path) -> anyhow::Result<(f64, Option<f64>)> {
    if target.exists() {
        std::fs::remove_dir_all(target)?;
    }
    let mut build = Command::new(cargo());
    build
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTC_WRAPPER")
        .env_remove("CARGO_BUILD_RUSTC_WRAPPER")
        .env_remove("CARGO_INCREMENTAL")
        .args(["build", "--quiet", "--offline"]);
    let timing = timed(build, &format!("building {}", dir.display()))?;
    std::fs::remove_dir_all(target)?;
    Ok(timing)
}

/// Runs `command` to its end: the clock's seconds and its CPU seconds where `/proc` gives
/// them; a failure is an error that names `what` and holds the command's output.
fn timed(mut command: Command, what: &str) -> anyhow::Result<(f64, Option<f64>)> {
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    let output = command.output().with_context(|| what.to_owned())?;
    let seconds = started.elapsed().as_secs_f64();
    let cpu = children_cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    if !output.status.success() {
        bail!(
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok((seconds, cpu))
}

/// A user's cold build: the README's 12-entry catalog in a fresh crate outside the workspace
/// (its own `[workspace]`, under `target/cold-build/`, depending on this checkout's
/// catalog-core by version and path) against the same catalog hand-written on thiserror,
/// serde, serde_json and http, each built from nothing in a fresh target folder, in turns (the
/// order alternating by round), the median of the rounds.
fn cold(root: &Path, quick: bool) -> anyhow::Result<()> {
    let rounds = if quick { 1 } else { COLD_ROUNDS };
    let base = root.join("target").join("cold-build");
    if base.exists() {
        std::fs::remove_dir_all(&base)?;
    }
    let result = cold_in(root, &base, rounds);
    // Generated sources and target folders are scratch: nothing is kept between runs.
    let _ = std::fs::remove_dir_all(&base);
    let report = result?;
    print!("{report}");
    Ok(())
}

fn cold_in(root: &Path, base: &Path, rounds: usize) -> anyhow::Result<String> {
    eprintln!(
        "==> cold build: a 12-entry catalog, macro vs thiserror + serde + serde_json + http ({rounds} round(s))"
    );
    let lock = root.join("Cargo.lock");
    let core = root.join("catalog-core");
    let macro_crate = base.join("lumen-macro");
    let handwritten_crate = base.join("lumen-handwritten");
    write_user_crate(
        &macro_crate,
        "lumen-macro",
        &format!(
            "catalog-core = {{ version = \"{}\", path = {:?} }}\n{}",
            env!("CARGO_PKG_VERSION"),
            core.display().to_string(),
            AS_FROM_THE_REGISTRY
        ),
        COLD_MACRO,
        &lock,
    )?;
    write_user_crate(
        &handwritten_crate,
        "lumen-handwritten",
        COLD_HANDWRITTEN_DEPENDENCIES,
        COLD_HANDWRITTEN,
        &lock,
    )?;
    fetch(&macro_crate)?;
    fetch(&handwritten_crate)?;
    let mut report = String::new();
    // Wall-clock and CPU seconds of each build, macro then hand-written.
    let mut times: [(Vec<f64>, Vec<f64>); 2] = Default::default();
    let mut loads = Vec::new();
    for round in 0..rounds {
        let mut line = format!("cold build round {}:", round + 1);
        let mut order = [
            (0, "macro", &macro_crate),
            (1, "handwritten", &handwritten_crate),
        ];
        if round % 2 == 1 {
            order.reverse();
        }
        for (index, name, dir) in order {
            let load = load_average();
            loads.push(load.clone());
            let (seconds, cpu) = cold_build(dir, &base.join(format!("target-{name}")))?;
            times[index].0.push(seconds);
            let _ = write!(line, " {name} {seconds:.2} s");
            if let Some(cpu) = cpu {
                times[index].1.push(cpu);
                let _ = write!(line, " ({cpu:.1} s CPU)");
            }
            let _ = write!(line, " at load {load},");
        }
        line.pop();
        let _ = writeln!(report, "{line}");
    }
    let [(macro_wall, macro_cpu), (handwritten_wall, handwritten_cpu)] = times;
    let (macro_s, handwritten_s) = (median(macro_wall), median(handwritten_wall));
    let _ = writeln!(
        report,
        "cold build of a 12-entry catalog: macro {macro_s:.2} s, handwritten {handwritten_s:.2} s ({:.2}x; median of {rounds}, interleaved, load {}; goal: at most 1.2x)",
        macro_s / handwritten_s,
        load_range(&loads)
    );
    if macro_cpu.len() == rounds && handwritten_cpu.len() == rounds {
        let (macro_cpu, handwritten_cpu) = (median(macro_cpu), median(handwritten_cpu));
        let _ = writeln!(
            report,
            "cold build CPU time: macro {macro_cpu:.1} s, handwritten {handwritten_cpu:.1} s ({:.2}x)",
            macro_cpu / handwritten_cpu
        );
    }
    Ok(report)
}

/// Catalogs and recordings per catalog of the scale check.
const SCALE: usize = 100;

/// One generated catalog of the scale check, declared as a team would, with a docs mapping.
fn scale_catalog(catalog: usize) -> String {
    let mut out = format!(
        "catalog_core::provider_errors! {{\n    /// Generated catalog {catalog}.\n    pub provider Scale{catalog:03} {{\n        \
         id: \"scale-{catalog:03}\",\n        docs: \"https://example.com/{catalog}/errors\",\n        \
         wire: json {{ code: \"/error/code\", message: \"/error/message\", request_id: header \"X-Request-Id\" }},\n        \
         columns: status | code | variant | retry | kind | actor | message,\n        \
         docs_tables: {{ entries: {{ status: \"HTTP\", code: \"Code\", message: \"Message\" }} }},\n    }}\n"
    );
    for i in 0..SCALE {
        let (status, retry, kind, actor, _) = row(i);
        let _ = writeln!(
            out,
            "    {status} | \"e{catalog:03}-{i:03}\" | E{i:03} | {retry} | {kind} | {actor} | \"Error {i} of catalog {catalog}.\";"
        );
    }
    out.push_str("}\n");
    out
}

/// The recordings of one generated catalog: one response per entry, with its `_expected`.
fn scale_recordings(catalog: usize) -> String {
    let entries: Vec<serde_json::Value> = (0..SCALE)
        .map(|i| {
            let (status, retry, kind, actor, _) = row(i);
            let body = format!(
                "{{\"error\":{{\"code\":\"e{catalog:03}-{i:03}\",\"message\":\"Error {i} of catalog {catalog}.\"}}}}"
            );
            serde_json::json!({
                "request": {"method": "GET", "url": format!("https://example.com/{catalog}/{i}")},
                "response": {
                    "status": status,
                    "headers": [{"name": "X-Request-Id", "value": format!("r-{catalog}-{i}")}],
                    "content": {"mimeType": "application/json", "text": body}
                },
                "_expected": {
                    "variant": format!("E{i:03}"),
                    "code": format!("e{catalog:03}-{i:03}"),
                    "retryable": retry != "never",
                    "kind": kind,
                    "actor": actor
                }
            })
        })
        .collect();
    let har = serde_json::json!({"log": {"version": "1.2", "creator": {"name": "xtask bench", "version": "1"}, "entries": entries}});
    serde_json::to_string_pretty(&har).unwrap_or_default()
}

/// The docs page of one generated catalog.
fn scale_docs(catalog: usize) -> String {
    let mut out = format!("# Catalog {catalog}\n\n| HTTP | Code | Message |\n|---|---|---|\n");
    for i in 0..SCALE {
        let (status, ..) = row(i);
        let _ = writeln!(
            out,
            "| {status} | `e{catalog:03}-{i:03}` | Error {i} of catalog {catalog}. |"
        );
    }
    out
}

/// `verify` of `contract_tests::cli` over 100 generated catalogs with 100 recordings and a docs
/// page each, as a team's `contracts` binary runs it; the time is of the run, not the build.
fn scale(root: &Path) -> anyhow::Result<()> {
    let dir = root.join("target").join("verify-scale");
    eprintln!(
        "==> verify at scale: {SCALE} catalogs x {SCALE} recordings in {}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(dir.join("recordings"));
    let _ = std::fs::remove_dir_all(dir.join("docs"));
    let _ = std::fs::remove_dir_all(dir.join("catalogs"));
    std::fs::create_dir_all(dir.join("src").join("bin"))?;
    let manifest = format!(
        "[package]\nname = \"verify-scale\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\ncatalog-core = {{ path = {:?} }}\ncontract-tests = {{ path = {:?} }}\n",
        root.join("catalog-core").display().to_string(),
        root.join("contract-tests").display().to_string(),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    let mut lib = String::new();
    let mut specs = Vec::new();
    for catalog in 0..SCALE {
        lib.push_str(&scale_catalog(catalog));
        specs.push(format!("Scale{catalog:03}::spec()"));
        let recordings = dir.join("recordings").join(format!("scale-{catalog:03}"));
        std::fs::create_dir_all(&recordings)?;
        std::fs::write(recordings.join("responses.har"), scale_recordings(catalog))?;
        std::fs::create_dir_all(dir.join("docs"))?;
        std::fs::write(
            dir.join("docs").join(format!("scale-{catalog:03}.md")),
            scale_docs(catalog),
        )?;
    }
    let _ = writeln!(
        lib,
        "\n/// Every generated catalog.\npub fn all() -> Vec<&'static catalog_core::spec::CatalogSpec> {{\n    vec![{}]\n}}",
        specs.join(", ")
    );
    std::fs::write(dir.join("src").join("lib.rs"), lib)?;
    std::fs::write(
        dir.join("src").join("bin").join("contracts.rs"),
        "fn main() -> std::process::ExitCode {\n    contract_tests::cli::main(&verify_scale::all())\n}\n",
    )?;
    let target = root.join("target").join("verify-scale-target");
    let status = Command::new(cargo())
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .args(["build", "--quiet", "--offline", "--bin", "contracts"])
        .status()
        .context("building the generated catalogs")?;
    if !status.success() {
        bail!(
            "building the generated catalogs in {} failed",
            dir.display()
        );
    }
    let binary = target.join("debug").join("contracts");
    // The snapshots a team commits with its catalogs: verify fails without them.
    let written = Command::new(&binary)
        .current_dir(&dir)
        .args(["catalog", "--write"])
        .output()
        .with_context(|| format!("running {}", binary.display()))?;
    if !written.status.success() {
        bail!(
            "catalog --write over the generated catalogs failed:\n{}",
            String::from_utf8_lossy(&written.stderr)
        );
    }
    let (seconds, cpu) = timed_verify(&dir, &binary, &["verify"])?;
    println!(
        "verify {SCALE} catalogs x {SCALE} recordings: {seconds:.2} s{} (debug build; the limit is 60 s)",
        cpu.map(|cpu| format!(", {cpu:.2} s of CPU"))
            .unwrap_or_default()
    );
    scale_report(&dir, &binary, cpu)
}

/// Runs the generated crate's `contracts` binary with `args` in `dir`: the clock's seconds and
/// its CPU seconds where `/proc` gives them; a failure is an error with its output.
fn timed_verify(dir: &Path, binary: &Path, args: &[&str]) -> anyhow::Result<(f64, Option<f64>)> {
    let mut run = Command::new(binary);
    run.current_dir(dir).args(args);
    timed(
        run,
        &format!(
            "`{} {}` over the generated catalogs",
            binary.display(),
            args.join(" ")
        ),
    )
}

/// The same `verify` writing the static site as well (`--report`): the report's cost is the
/// difference in CPU time (the clock's is printed too); the index must stay under 2 MB and
/// the report take under 5 s.
fn scale_report(dir: &Path, binary: &Path, verify_cpu: Option<f64>) -> anyhow::Result<()> {
    let site = dir.join("report");
    let _ = std::fs::remove_dir_all(&site);
    let site_arg = site.display().to_string();
    let (seconds, cpu) = timed_verify(dir, binary, &["verify", "--report", &site_arg])?;
    let index = std::fs::metadata(site.join("index.html"))?.len();
    let mut pages = 0;
    let mut bytes = 0;
    for entry in std::fs::read_dir(&site)? {
        let entry = entry?;
        if entry.file_name() != "index.html" {
            pages += 1;
            bytes += entry.metadata()?.len();
        }
    }
    let report = cpu.zip(verify_cpu).map(|(with, without)| with - without);
    println!(
        "verify --report {SCALE} catalogs x {SCALE} recordings: {seconds:.2} s{}, the report {} of it \
         (the limit is 5 s); index {index} bytes (the limit is 2 MB), {pages} provider pages of {bytes} bytes",
        cpu.map(|cpu| format!(", {cpu:.2} s of CPU"))
            .unwrap_or_default(),
        report.map_or_else(
            || "(no CPU reading)".to_owned(),
            |report| format!("{report:.2} s of CPU")
        ),
    );
    if index >= 2 * 1024 * 1024 {
        bail!("the index of the report of {SCALE} catalogs is {index} bytes, over 2 MB");
    }
    if let Some(report) = report.filter(|report| *report >= 5.0) {
        bail!("the report of {SCALE} catalogs took {report:.2} s of CPU, over 5 s");
    }
    Ok(())
}

// The load test: `clients::storm` through the `retry_storm` example (clients has the stub
// server and the HTTP client; xtask stays without them). Four runs of about 20 s each
// (`--quick`: about 3.5 s), each bounded and against 127.0.0.1 only.

/// One run's `load key=value ...` line.
struct LoadRun(BTreeMap<String, String>);

impl LoadRun {
    fn parse(line: &str) -> Option<Self> {
        let rest = line.strip_prefix("load ")?;
        let figures = rest
            .split_whitespace()
            .filter_map(|pair| pair.split_once('='))
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        Some(LoadRun(figures))
    }

    fn text(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    fn number(&self, key: &str) -> Option<f64> {
        self.0.get(key).and_then(|value| value.parse().ok())
    }

    fn name(&self) -> String {
        format!("{} / {}", self.text("fault"), self.text("guard"))
    }
}

/// What issue 25 asks of the runs: every call ends with an outcome; during the outage at
/// most 1.2 requests per call with budget and breaker, about 4 with plain `Retry`; the
/// breaker closes within an open period (plus its probes) of the recovery; a storm of 400s
/// leaves it closed.
fn check_load(runs: &[LoadRun]) -> Vec<String> {
    let mut failures = Vec::new();
    for run in runs {
        let name = run.name();
        if run.number("unfinished") != Some(0.0) {
            failures.push(format!("{name}: calls without an outcome"));
        }
        if run.number("outcomes") != run.number("calls") {
            failures.push(format!("{name}: outcomes do not add up to the calls"));
        }
        let amplification = run.number("amplification").unwrap_or(f64::NAN);
        match (run.text("fault"), run.text("guard")) {
            ("Unavailable", "Plain") if !(3.0..=4.0).contains(&amplification) => {
                failures.push(format!(
                    "{name}: {amplification} requests per call, not about 4"
                ));
            }
            ("Unavailable", "BudgetAndBreaker") => {
                if amplification > 1.2 {
                    failures.push(format!("{name}: {amplification} requests per call > 1.2"));
                }
                // Probes take a round trip to 127.0.0.1: a second is generous.
                let bound = run.number("open_for_ms").unwrap_or(0.0) + 1_000.0;
                match run.number("close_ms") {
                    Some(close) if close <= bound => {}
                    _ => failures.push(format!(
                        "{name}: the breaker did not close within {bound} ms of the recovery"
                    )),
                }
            }
            ("InvalidRequest", _) if run.text("opened") != "false" => {
                failures.push(format!("{name}: a storm of 400s opened the breaker"));
            }
            _ => {}
        }
    }
    failures
}

fn load(root: &Path, quick: bool) -> anyhow::Result<()> {
    eprintln!(
        "==> load test: a provider outage on 127.0.0.1{}",
        if quick { " (quick)" } else { "" }
    );
    let mut args = vec![
        "run",
        "--quiet",
        "--package",
        "clients",
        "--example",
        "retry_storm",
    ];
    if quick {
        args.extend(["--", "--quick"]);
    }
    let output = Command::new(cargo())
        .current_dir(root)
        .args(&args)
        .output()
        .context("running the load test")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "the load test failed:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut runs = Vec::new();
    for line in stdout.lines() {
        match LoadRun::parse(line) {
            Some(run) => runs.push(run),
            None => println!("{line}"),
        }
    }
    println!(
        "| outage, guard | requests per call | calls | p50 / p99 latency | opened after | closed after recovery | outcomes |"
    );
    println!("|---|---:|---:|---|---|---|---|");
    for run in &runs {
        println!(
            "| {} | {} | {} | {} / {} ms | {} ms | {} ms | {} of {} |",
            run.name(),
            run.text("amplification"),
            run.text("outage_calls"),
            run.text("p50_ms"),
            run.text("p99_ms"),
            run.text("open_ms"),
            run.text("close_ms"),
            run.text("outcomes"),
            run.text("calls"),
        );
    }
    if runs.len() != 4 {
        bail!("the load test printed {} runs, not 4", runs.len());
    }
    let failures = check_load(&runs);
    if !failures.is_empty() {
        bail!("the load test missed its bounds:\n{}", failures.join("\n"));
    }
    println!("load test: every bound holds");
    Ok(())
}
