//! `cargo xtask report-check`: the report of `verify --report` in a real browser.
//!
//! Writes the seed catalogs' report with `verify --report` (the code path `cargo xtask verify
//! --report DIR` takes), and the report of a catalog whose texts hold markup, then loads them
//! from `file://` in headless Chromium (Debian's `chromium`, installed with apt-get when
//! missing) and checks the DOM it dumps:
//!
//! - the index has a row per seed provider with the entries and coverage numbers of
//!   `verify`'s text output;
//! - a provider's page has a row per entry;
//! - the filter, given a query string, hides exactly the rows that do not match;
//! - a catalog message `<script>...</script>` and a recorded body holding markup show as
//!   text: no element of theirs exists in the DOM.
//!
//! It saves screenshots of the index and of a provider's page under `target/report-check/`.
//! Not part of `cargo test`: the README's test command needs no browser.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use catalog_core::Actor;
use catalog_core::spec::CatalogSpec;
use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

catalog_core::provider_errors! {
    /// A catalog whose texts hold markup, for the report's escaping: every one of them must
    /// show as text.
    pub provider Markup {
        id: "markup",
        name: "Markup <b>&</b> Co",
        docs: "https://markup.test/errors?a=1&b=<2>",
        wire: json { code: "/code", message: "/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "script_tag" | ScriptTag | never | invalid_request | integrator | "<script>document.body.dataset.pwned = 'message'</script>";
    400 | "img_tag" | ImgTag | never | invalid_request | integrator | "<img src=x onerror=\"document.body.dataset.pwned = 'img'\">";
}

/// The message of `ScriptTag`, as the page must show it.
const SCRIPT_MESSAGE: &str = "<script>document.body.dataset.pwned = 'message'</script>";

/// The flags of every Chromium run: headless, and nothing that reaches the network.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// How long one Chromium run may take.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

pub(crate) fn run(tool: &Tool<'_>) -> anyhow::Result<()> {
    let started = Instant::now();
    let root = workspace_root();
    let out = root.join("target").join("report-check");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;

    // The seed catalogs' report, through `verify --report`, and the summary it printed.
    let site = out.join("site");
    eprintln!("==> verify --report {}", site.display());
    let site_arg = site.display().to_string();
    let matches = tool
        .command()
        .try_get_matches_from(["cargo xtask", "verify", "--report", site_arg.as_str()])
        .context("parsing `verify --report`")?;
    let mut printed = Vec::new();
    match tool.run_to(&matches, &mut printed) {
        Ok(()) => {}
        // A contract that fails still gets its report; `cargo xtask verify` says why it fails.
        Err(CommandError::Failed(why)) => {
            eprintln!("note: verify failed ({why}); checking its report all the same")
        }
        Err(CommandError::Usage(why)) => bail!("verify --report: {why}"),
    }
    let printed = String::from_utf8_lossy(&printed).into_owned();
    let summary = text_summary(&printed)?;

    let markup_site = out.join("markup");
    write_markup_report(&out, &markup_site)?;

    let chromium = chromium()?;
    let checks = Instant::now();
    let browser = Browser {
        binary: chromium,
        profiles: out.join("profiles"),
    };

    let catalogs = providers::all();
    eprintln!("==> chromium: the index");
    let index = browser.dump(&site.join("index.html"), "")?;
    check_index(&index, &catalogs, &summary)?;

    let page_spec = catalogs
        .iter()
        .copied()
        .find(|spec| spec.id == "plaid-legacy")
        .context("the seed catalogs have no plaid-legacy")?;
    eprintln!("==> chromium: {}.html", page_spec.id);
    let page = browser.dump(&site.join(format!("{}.html", page_spec.id)), "")?;
    check_page(&page, page_spec)?;

    let filter_spec = catalogs
        .iter()
        .copied()
        .find(|spec| spec.id == "aiia")
        .context("the seed catalogs have no aiia")?;
    let query = "actor:end_user";
    eprintln!("==> chromium: {}.html?q={query}", filter_spec.id);
    let filtered = browser.dump(
        &site.join(format!("{}.html", filter_spec.id)),
        &format!("?q={query}"),
    )?;
    check_filter(&filtered, filter_spec, Actor::EndUser)?;

    eprintln!("==> chromium: the escaped markup");
    let markup = browser.dump(&markup_site.join("markup.html"), "")?;
    check_markup(&markup)?;
    let markup_index = browser.dump(&markup_site.join("index.html"), "")?;
    check_markup_index(&markup_index)?;

    let screenshot = out.join("index.png");
    browser.screenshot(&site.join("index.html"), &screenshot, (1500, 760))?;
    let page_shot = out.join("provider.png");
    browser.screenshot(
        &site.join(format!("{}.html", filter_spec.id)),
        &page_shot,
        (1500, 1400),
    )?;
    println!(
        "report-check: the index, a provider's page, the filter and the escaping hold in Chromium \
         ({:.1} s in Chromium, {:.1} s in all); screenshots: {} and {}",
        checks.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64(),
        screenshot.display(),
        page_shot.display()
    );
    Ok(())
}

/// `verify`'s text table, read with a Markdown parser: per provider, its cells by header.
fn text_summary(printed: &str) -> anyhow::Result<BTreeMap<String, BTreeMap<String, String>>> {
    let tables = catalog_docs::page::tables(printed);
    let table = tables
        .iter()
        .find(|table| table.column("provider").is_some())
        .with_context(|| format!("verify printed no summary table:\n{printed}"))?;
    let mut rows = BTreeMap::new();
    for row in &table.rows {
        let cells: BTreeMap<String, String> = table
            .headers
            .iter()
            .zip(&row.cells)
            .map(|(header, cell)| (header.clone(), cell.text.clone()))
            .collect();
        if let Some(id) = cells.get("provider") {
            rows.insert(id.clone(), cells);
        }
    }
    Ok(rows)
}

/// The report of [`Markup`]: one recording whose body holds markup, the other entry
/// uncovered.
fn write_markup_report(out: &Path, site: &Path) -> anyhow::Result<()> {
    let layout = Layout::new(out.join("markup-recordings"), out.join("markup-docs"));
    let dir = layout.recordings_of("markup");
    std::fs::create_dir_all(&dir)?;
    let body = serde_json::json!({
        "code": "script_tag",
        "message": SCRIPT_MESSAGE,
        "detail": "</pre><img src=x onerror=\"document.body.dataset.pwned = 'body'\">",
    });
    let har = serde_json::json!({"log": {"version": "1.2", "creator": {"name": "xtask report-check", "version": "1"}, "entries": [{
        "comment": "<i>a response</i> with markup",
        "request": {"method": "POST", "url": "https://markup.test/v1/things"},
        "response": {
            "status": 400,
            "headers": [{"name": "X-Note", "value": "<script>document.body.dataset.pwned = 'header'</script>"}],
            "content": {"mimeType": "application/json", "text": body.to_string()}
        },
        "_expected": {"variant": "ScriptTag", "code": "script_tag", "kind": "invalid_request", "actor": "integrator"}
    }]}});
    std::fs::write(dir.join("captured.har"), serde_json::to_vec_pretty(&har)?)?;
    let report = contract_tests::verify_catalog(Markup::spec(), &layout)
        .map_err(|error| anyhow::anyhow!("verify of the markup catalog: {error}"))?;
    ensure!(
        !report.passed(),
        "the markup catalog has an uncovered entry and should fail"
    );
    contract_tests::report::write(site, &[report], &layout)
        .map_err(|error| anyhow::anyhow!("the markup catalog's report: {error}"))?;
    Ok(())
}

/// Debian's Chromium, installed with apt-get when it is missing.
fn chromium() -> anyhow::Result<PathBuf> {
    if let Some(found) = find_chromium() {
        return Ok(found);
    }
    eprintln!("==> chromium is missing: apt-get update && apt-get install -y chromium");
    let started = Instant::now();
    for args in [&["update"][..], &["install", "-y", "chromium"][..]] {
        let status = Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .context("running apt-get (Debian's chromium package is needed)")?;
        ensure!(
            status.success(),
            "apt-get {} failed: install Debian's chromium package",
            args.join(" ")
        );
    }
    eprintln!(
        "chromium installed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    find_chromium().context("apt-get installed chromium, but no `chromium` is on the PATH")
}

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|candidate| candidate.is_file())
}

struct Browser {
    binary: PathBuf,
    profiles: PathBuf,
}

impl Browser {
    /// The DOM of `file` (plus `query`) after its scripts ran, as Chromium serializes it.
    fn dump(&self, file: &Path, query: &str) -> anyhow::Result<String> {
        let url = file_url(file)?;
        let output = self.run(&["--dump-dom".to_owned(), format!("{url}{query}")])?;
        ensure!(
            output.contains("</html>"),
            "chromium dumped no page for {url}{query}:\n{output}"
        );
        Ok(output)
    }

    fn screenshot(
        &self,
        file: &Path,
        to: &Path,
        (width, height): (u32, u32),
    ) -> anyhow::Result<()> {
        let url = file_url(file)?;
        let _ = std::fs::remove_file(to);
        self.run(&[
            format!("--screenshot={}", to.display()),
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".to_owned(),
            url,
        ])?;
        ensure!(
            to.is_file(),
            "chromium wrote no screenshot at {}",
            to.display()
        );
        Ok(())
    }

    /// Runs Chromium with a fresh profile, bounded in time; its standard output.
    fn run(&self, args: &[String]) -> anyhow::Result<String> {
        let _ = std::fs::remove_dir_all(&self.profiles);
        std::fs::create_dir_all(&self.profiles)?;
        let stdout_path = self.profiles.join("stdout");
        let stderr_path = self.profiles.join("stderr");
        let profile = self.profiles.join("profile");
        let mut child = Command::new(&self.binary)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout_path)?)
            .stderr(std::fs::File::create(&stderr_path)?)
            .spawn()
            .with_context(|| format!("starting {}", self.binary.display()))?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if started.elapsed() > CHROMIUM_TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                bail!(
                    "chromium took longer than {} s: {}",
                    CHROMIUM_TIMEOUT.as_secs(),
                    args.join(" ")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
        if !status.success() {
            let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
            bail!("chromium {} failed ({status}):\n{stderr}", args.join(" "));
        }
        Ok(stdout)
    }
}

fn file_url(file: &Path) -> anyhow::Result<String> {
    let path = std::fs::canonicalize(file).with_context(|| format!("{}", file.display()))?;
    let text = path
        .to_str()
        .with_context(|| format!("{} is not UTF-8", path.display()))?;
    // The paths here are the workspace's: only a space needs escaping in practice.
    Ok(format!(
        "file://{}",
        text.replace('%', "%25").replace(' ', "%20")
    ))
}

fn check_index(
    dom: &str,
    catalogs: &[&'static CatalogSpec],
    summary: &BTreeMap<String, BTreeMap<String, String>>,
) -> anyhow::Result<()> {
    let page = Page::read(dom);
    for spec in catalogs {
        let row = page
            .rows
            .iter()
            .find(|row| row.attr("data-provider") == Some(spec.id))
            .with_context(|| format!("the index has no row for {}", spec.id))?;
        let text = summary
            .get(spec.id)
            .with_context(|| format!("verify printed no row for {}", spec.id))?;
        for (column, header) in [
            ("entries", "entries"),
            ("recordings", "recordings"),
            ("counts", "recorded/docs/untested/uncovered"),
            ("coverage", "coverage"),
            ("exceptions", "exceptions"),
            ("dead-pointers", "dead pointers"),
        ] {
            let shown = row
                .cell(column)
                .with_context(|| format!("{}'s row has no {column} cell", spec.id))?;
            let printed = text.get(header).map(String::as_str).unwrap_or_default();
            ensure!(
                shown == printed,
                "{}: the index shows {column} `{shown}`, verify printed `{printed}`",
                spec.id
            );
        }
        eprintln!(
            "    {}: {} entries, {} ({}) as verify printed",
            spec.id,
            row.cell("entries").unwrap_or_default(),
            row.cell("counts").unwrap_or_default(),
            row.cell("coverage").unwrap_or_default()
        );
    }
    ensure!(
        page.rows
            .iter()
            .filter(|row| row.attr("data-provider").is_some())
            .count()
            == catalogs.len(),
        "the index has rows for other providers than the seed catalogs"
    );
    Ok(())
}

/// Entry rows: the table's rows that are not a sub-code's.
fn check_page(dom: &str, spec: &CatalogSpec) -> anyhow::Result<()> {
    let page = Page::read(dom);
    let entries = page
        .rows
        .iter()
        .filter(|row| row.attr("data-code").is_some() && row.attr("data-sub").is_none())
        .count();
    ensure!(
        entries == spec.entries.len(),
        "{}.html shows {entries} entry rows, the catalog has {}",
        spec.id,
        spec.entries.len()
    );
    let stated = page
        .elements
        .iter()
        .find(|element| element.attr("id") == Some("entry-count"))
        .and_then(|element| element.attr("data-entries"));
    ensure!(
        stated == Some(spec.entries.len().to_string().as_str()),
        "{}.html states {stated:?} entries, the catalog has {}",
        spec.id,
        spec.entries.len()
    );
    eprintln!("    {}.html: {entries} entry rows", spec.id);
    Ok(())
}

/// With `?q=actor:...`, the rows shown are exactly the entries and sub-codes of that actor.
fn check_filter(dom: &str, spec: &CatalogSpec, actor: Actor) -> anyhow::Result<()> {
    let page = Page::read(dom);
    let rows: Vec<&Row> = page
        .rows
        .iter()
        .filter(|row| row.attr("data-code").is_some())
        .collect();
    let expected = spec
        .entries
        .iter()
        .map(|entry| {
            usize::from(entry.actor == actor)
                + entry
                    .sub_codes
                    .iter()
                    .filter(|sub| sub.actor == actor)
                    .count()
        })
        .sum::<usize>();
    ensure!(
        expected > 0 && expected < rows.len(),
        "pick another actor: {expected} of {} rows would show",
        rows.len()
    );
    let shown: Vec<&&Row> = rows
        .iter()
        .filter(|row| row.attr("hidden").is_none())
        .collect();
    ensure!(
        shown.len() == expected,
        "the filter shows {} rows of {}, {expected} are for {actor}",
        shown.len(),
        rows.len()
    );
    ensure!(
        shown
            .iter()
            .all(|row| row.attr("data-actor") == Some(actor.as_str())),
        "the filter shows a row of another actor than {actor}"
    );
    let count_line = page.text_of("shown").unwrap_or_default();
    ensure!(
        count_line == format!("{expected} of {} rows shown", rows.len()),
        "the filter says `{count_line}`"
    );
    eprintln!(
        "    {}.html?q=actor:{actor}: {} of {} rows shown, the others hidden",
        spec.id,
        shown.len(),
        rows.len()
    );
    Ok(())
}

/// The markup of the catalog's texts and of the recorded response is text, not elements.
fn check_markup(dom: &str) -> anyhow::Result<()> {
    let page = Page::read(dom);
    let scripts = page
        .elements
        .iter()
        .filter(|element| element.name == "script")
        .count();
    ensure!(
        scripts == 1,
        "markup.html has {scripts} script elements: only the filter's may exist"
    );
    ensure!(
        !page
            .elements
            .iter()
            .any(|element| element.name == "img" || element.name == "i"),
        "markup.html has an element made of a catalog text or a recorded body"
    );
    ensure!(
        !dom.contains("data-pwned"),
        "a script made of a catalog text or a recorded body ran"
    );
    let message = page
        .rows
        .iter()
        .find(|row| row.attr("data-code") == Some("script_tag"))
        .and_then(|row| row.cells.get(6))
        .map(|cell| cell.text.clone())
        .unwrap_or_default();
    ensure!(
        message.contains(SCRIPT_MESSAGE),
        "the message of script_tag shows as `{message}`, not as its text"
    );
    // The body is JSON, shown indented: its quotes are escaped with a backslash.
    ensure!(
        page.text.contains(
            r#""detail": "</pre><img src=x onerror=\"document.body.dataset.pwned = 'body'\">""#
        ) && page
            .text
            .contains("<script>document.body.dataset.pwned = 'header'</script>"),
        "the recorded body and header do not show as text"
    );
    eprintln!(
        "    markup.html: the message shows as `{SCRIPT_MESSAGE}`, one script element (the filter's)"
    );
    Ok(())
}

/// The index of the markup catalog: its name as text, its uncovered entry a failure with
/// what to do.
fn check_markup_index(dom: &str) -> anyhow::Result<()> {
    let page = Page::read(dom);
    ensure!(
        !page
            .elements
            .iter()
            .any(|element| element.name == "b" || element.name == "script"),
        "the markup catalog's name became elements on the index"
    );
    let failure = page
        .rows
        .iter()
        .find(|row| {
            row.cells
                .iter()
                .any(|cell| cell.text.starts_with("img_tag (ImgTag)"))
        })
        .context("the index lists no failure for the uncovered img_tag")?;
    let texts: Vec<&str> = failure
        .cells
        .iter()
        .map(|cell| cell.text.as_str())
        .collect();
    ensure!(
        texts.first() == Some(&"FAIL")
            && texts.get(3) == Some(&"coverage")
            && texts
                .get(5)
                .is_some_and(|todo| todo.contains("untested(\"why\")")),
        "the failure of img_tag reads {texts:?}"
    );
    Ok(())
}

/// What the checks read of a dumped DOM: every element's attributes, every table row's
/// cells with their text, and the page's text, read with html5ever's tokenizer.
#[derive(Default)]
struct Page {
    elements: Vec<Element>,
    rows: Vec<Row>,
    text: String,
    /// The text of each element that has an id, for the few the checks read.
    texts: BTreeMap<String, String>,
}

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

#[derive(Default)]
struct Row {
    attrs: Vec<(String, String)>,
    cells: Vec<Cell>,
}

impl Row {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The text of the cell with `data-col="column"`.
    fn cell(&self, column: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|cell| {
                cell.attrs
                    .iter()
                    .any(|(key, value)| key == "data-col" && value == column)
            })
            .map(|cell| cell.text.as_str())
    }
}

#[derive(Default)]
struct Cell {
    attrs: Vec<(String, String)>,
    text: String,
}

impl Page {
    fn read(dom: &str) -> Page {
        let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from(dom));
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        let mut state = tokenizer.sink.state.into_inner();
        for cell in state
            .page
            .rows
            .iter_mut()
            .flat_map(|row| row.cells.iter_mut())
        {
            cell.text = collapse(&cell.text);
        }
        for text in state.page.texts.values_mut() {
            *text = collapse(text);
        }
        state.page
    }

    fn text_of(&self, id: &str) -> Option<String> {
        self.texts.get(id).cloned()
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The elements whose text the checks may read by id.
const TEXT_HOLDERS: [&str; 4] = ["span", "p", "h1", "h2"];

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    page: Page,
    in_row: bool,
    in_cell: bool,
    /// Inside `<script>`, `<style>` or `<title>`: not the page's text.
    in_raw: bool,
    /// The open `span`, `p` and heading elements, each with its id if it has one.
    open: Vec<Option<String>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                let attrs: Vec<(String, String)> = tag
                    .attrs
                    .iter()
                    .map(|attr| (attr.name.local.to_string(), attr.value.to_string()))
                    .collect();
                match tag.kind {
                    TagKind::StartTag => {
                        match name.as_str() {
                            "tr" => {
                                state.page.rows.push(Row {
                                    attrs: attrs.clone(),
                                    cells: Vec::new(),
                                });
                                state.in_row = true;
                                state.in_cell = false;
                            }
                            "td" | "th" if state.in_row => {
                                if let Some(row) = state.page.rows.last_mut() {
                                    row.cells.push(Cell {
                                        attrs: attrs.clone(),
                                        text: String::new(),
                                    });
                                }
                                state.in_cell = true;
                            }
                            _ => {}
                        }
                        if TEXT_HOLDERS.contains(&name.as_str()) && !tag.self_closing {
                            let id = attrs
                                .iter()
                                .find(|(key, _)| key == "id")
                                .map(|(_, id)| id.clone());
                            if let Some(id) = &id {
                                state.page.texts.insert(id.clone(), String::new());
                            }
                            state.open.push(id);
                        }
                        state.page.elements.push(Element {
                            name: name.clone(),
                            attrs,
                        });
                        let raw = match name.as_str() {
                            "script" => Some(RawKind::ScriptData),
                            "style" => Some(RawKind::Rawtext),
                            "title" | "textarea" => Some(RawKind::Rcdata),
                            _ => None,
                        };
                        if let Some(raw) = raw.filter(|_| !tag.self_closing) {
                            state.in_raw = true;
                            return TokenSinkResult::RawData(raw);
                        }
                    }
                    TagKind::EndTag => match name.as_str() {
                        "tr" => {
                            state.in_row = false;
                            state.in_cell = false;
                        }
                        "td" | "th" => state.in_cell = false,
                        "script" | "style" | "title" | "textarea" => state.in_raw = false,
                        other if TEXT_HOLDERS.contains(&other) => {
                            state.open.pop();
                        }
                        _ => {}
                    },
                }
            }
            Token::CharacterTokens(text) if !state.in_raw => {
                state.page.text.push_str(&text);
                if state.in_cell
                    && let Some(cell) = state
                        .page
                        .rows
                        .last_mut()
                        .and_then(|row| row.cells.last_mut())
                {
                    cell.text.push_str(&text);
                }
                let open: Vec<String> = state.open.iter().flatten().cloned().collect();
                for id in open {
                    if let Some(found) = state.page.texts.get_mut(&id) {
                        found.push_str(&text);
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
