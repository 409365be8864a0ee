//! A recording file written as its capture is read: each member and entry goes to a
//! temporary file beside the recording as soon as it is known, laid out byte for byte as
//! `serde_json::to_string_pretty` lays out the whole document, and the temporary file
//! replaces the recording only when everything was read ([`Output::commit`]). A capture that
//! fails halfway leaves the recording there as it was, and no partial file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::recording::FileError;
use crate::recording::har::input_error;

/// Numbers the temporary files of one process, so that parallel plans never share one.
static NEXT_TEMPORARY: AtomicUsize = AtomicUsize::new(0);

/// The recording being written.
#[derive(Debug)]
pub(crate) struct Output {
    target: PathBuf,
    temporary: PathBuf,
    writer: Option<BufWriter<File>>,
    /// Whether the object or list open at each depth has a member yet.
    open: Vec<bool>,
}

impl Output {
    /// A temporary file beside `target`, its folder created.
    pub(crate) fn create(target: &Path) -> Result<Self, FileError> {
        let fail = |message: String| input_error(target, None, message);
        let dir = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .map_err(|error| fail(format!("cannot create its folder: {error}")))?;
        let name = target
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let temporary = dir.join(format!(
            ".{name}.record-{}-{}.tmp",
            std::process::id(),
            NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed)
        ));
        let file = File::create(&temporary)
            .map_err(|error| fail(format!("cannot write beside it: {error}")))?;
        Ok(Output {
            target: target.to_owned(),
            temporary,
            writer: Some(BufWriter::new(file)),
            open: Vec::new(),
        })
    }

    fn write(&mut self, text: &str) -> Result<(), FileError> {
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| input_error(&self.target, None, "the recording was already written"))?;
        writer.write_all(text.as_bytes()).map_err(|error| {
            input_error(&self.temporary, None, format!("cannot write it: {error}"))
        })
    }

    /// The separator and indentation before the next member at the current depth.
    fn next_member(&mut self) -> Result<(), FileError> {
        let depth = self.open.len();
        let first = self
            .open
            .last_mut()
            .map(|has| !std::mem::replace(has, true));
        let separator = if first == Some(false) { "," } else { "" };
        self.write(&format!("{separator}\n{}", "  ".repeat(depth)))
    }

    /// Opens an object (`{`), as the document or as the value of `key`.
    pub(crate) fn open_object(&mut self, key: Option<&str>) -> Result<(), FileError> {
        self.open_container(key, "{")
    }

    /// Opens a list (`[`) as the value of `key`.
    pub(crate) fn open_list(&mut self, key: &str) -> Result<(), FileError> {
        self.open_container(Some(key), "[")
    }

    fn open_container(&mut self, key: Option<&str>, bracket: &str) -> Result<(), FileError> {
        if let Some(key) = key {
            self.next_member()?;
            self.write(&format!("{}: ", quoted(key)))?;
        }
        self.write(bracket)?;
        self.open.push(false);
        Ok(())
    }

    /// Closes what [`Output::open_object`] or [`Output::open_list`] opened.
    pub(crate) fn close(&mut self, bracket: &str) -> Result<(), FileError> {
        let had_members = self.open.pop().unwrap_or(false);
        if had_members {
            let depth = self.open.len();
            self.write(&format!("\n{}", "  ".repeat(depth)))?;
        }
        self.write(bracket)
    }

    /// A member of the open object.
    pub(crate) fn member(&mut self, key: &str, value: &Value) -> Result<(), FileError> {
        self.next_member()?;
        let text = format!("{}: {}", quoted(key), self.pretty(value)?);
        self.write(&text)
    }

    /// An element of the open list.
    pub(crate) fn element(&mut self, value: &Value) -> Result<(), FileError> {
        self.next_member()?;
        let text = self.pretty(value)?;
        self.write(&text)
    }

    /// `value` pretty-printed and indented to the current depth.
    fn pretty(&self, value: &Value) -> Result<String, FileError> {
        let text = serde_json::to_string_pretty(value).map_err(|error| {
            input_error(&self.target, None, format!("cannot serialize it: {error}"))
        })?;
        Ok(text.replace('\n', &format!("\n{}", "  ".repeat(self.open.len()))))
    }

    /// Finishes the document and puts it in the recording's place.
    pub(crate) fn commit(&mut self) -> Result<(), FileError> {
        self.write("\n")?;
        let writer = self
            .writer
            .take()
            .ok_or_else(|| input_error(&self.target, None, "the recording was already written"))?;
        let file = writer.into_inner().map_err(|error| {
            input_error(
                &self.temporary,
                None,
                format!("cannot write it: {}", error.error()),
            )
        })?;
        file.sync_all().map_err(|error| {
            input_error(&self.temporary, None, format!("cannot write it: {error}"))
        })?;
        std::fs::rename(&self.temporary, &self.target)
            .map_err(|error| input_error(&self.target, None, format!("cannot write it: {error}")))
    }
}

impl Drop for Output {
    /// A recording not committed leaves no file behind.
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

fn quoted(key: &str) -> String {
    Value::from(key).to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;

    #[test]
    fn the_layout_is_to_string_pretty_s() {
        let dir = std::env::temp_dir().join(format!("record-output-{}", std::process::id()));
        let target = dir.join("x.har");
        let document = json!({
            "before": {"a": [1, {"b": "c"}], "e": {}},
            "log": {"version": "1.2", "entries": [{"k": [1, 2]}, {}], "pages": []},
            "after": []
        });
        let mut output = Output::create(&target).unwrap();
        output.open_object(None).unwrap();
        output.member("before", &document["before"]).unwrap();
        output.open_object(Some("log")).unwrap();
        output
            .member("version", &document["log"]["version"])
            .unwrap();
        output.open_list("entries").unwrap();
        for entry in document["log"]["entries"].as_array().unwrap() {
            output.element(entry).unwrap();
        }
        output.close("]").unwrap();
        output.member("pages", &document["log"]["pages"]).unwrap();
        output.close("}").unwrap();
        output.member("after", &document["after"]).unwrap();
        output.close("}").unwrap();
        output.commit().unwrap();
        let written = std::fs::read_to_string(&target).unwrap();
        let mut expected = serde_json::to_string_pretty(&document).unwrap();
        expected.push('\n');
        // The members in the order written, as preserve_order would keep them.
        let reordered: Value = serde_json::from_str(&written).unwrap();
        assert_eq!(reordered, document);
        assert_eq!(written.len(), expected.len(), "{written}\n{expected}");
        assert!(
            written.contains("\n    \"entries\": [\n      {\n        \"k\": [\n          1,"),
            "{written}"
        );
        assert!(
            written.contains("      },\n      {}\n    ],\n"),
            "{written}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_output_not_committed_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("record-output-drop-{}", std::process::id()));
        let target = dir.join("y.har");
        {
            let mut output = Output::create(&target).unwrap();
            output.open_object(None).unwrap();
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
