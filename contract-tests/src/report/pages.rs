//! The pages as askama templates (`templates/report/`): every `{{ value }}` is HTML-escaped,
//! so a catalog message of `<script>` shows as text.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use askama::Template;

use super::chart::BAR_WIDTH;
use super::view::{Index, ProviderPage};

#[derive(Template)]
#[template(path = "report/index.html")]
struct IndexTemplate<'a> {
    view: &'a Index,
    bar_width: usize,
}

#[derive(Template)]
#[template(path = "report/provider.html")]
struct ProviderTemplate<'a> {
    view: &'a ProviderPage,
    bar_width: usize,
    nonce: String,
}

/// A value nobody can guess before the page is written, for the pages' Content Security
/// Policy: only the page's own script, which carries it, runs; a script or event handler that
/// escaping let through would not.
fn nonce() -> String {
    let half = || RandomState::new().build_hasher().finish();
    format!("{:016x}{:016x}", half(), half())
}

pub(super) fn index(view: &Index) -> Result<String, String> {
    IndexTemplate {
        view,
        bar_width: BAR_WIDTH,
    }
    .render()
    .map_err(|error| format!("cannot render the report's index: {error}"))
}

pub(super) fn provider(view: &ProviderPage) -> Result<String, String> {
    ProviderTemplate {
        view,
        bar_width: BAR_WIDTH,
        nonce: nonce(),
    }
    .render()
    .map_err(|error| {
        format!(
            "cannot render the report's page of {}: {error}",
            view.summary.id
        )
    })
}
