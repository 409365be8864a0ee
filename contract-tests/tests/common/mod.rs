//! What this crate's test binaries share: a fresh folder per test.

#![allow(dead_code)] // each test binary uses what it needs

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A fresh folder for one test under the temporary directory, named after the suite, this
/// process and the test, so that tests run in parallel and in any partition; removed when
/// dropped.
#[derive(Debug)]
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    /// Creates `<tmp>/contract-tests-<suite>-<pid>-<test>`, empty.
    pub(crate) fn new(suite: &str, test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "contract-tests-{suite}-{}-{test}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(error) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {error}", dir.display());
        }
        Scratch(dir)
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
