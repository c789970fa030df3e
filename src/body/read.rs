//! Reading the raw inputs: files, stdin (for one input only) and JSON
//! objects, with errors that name the input, the line and the column.

use anyhow::Result;
use serde_json::{Map, Value};
use std::path::Path;

use super::Inputs;
use crate::error::{self, Error};
use crate::json::{self, Keys};
use crate::limits;
use crate::local_file::{self, Pipe};

/// Stdin can feed one input: refuse two before reading either, whatever
/// their order on the command line.
pub(super) fn check_one_stdin_reader(inputs: &Inputs) -> Result<()> {
    let mut readers: Vec<String> = Vec::new();
    if inputs.settings == Some("-") {
        readers.push("--settings -".into());
    }
    for (flag, value) in [
        ("--service-settings", inputs.service_settings),
        ("--task-settings", inputs.task_settings),
        ("--chunking-settings", inputs.chunking_settings),
    ] {
        if value == Some("@-") {
            readers.push(format!("{flag} @-"));
        }
    }
    for spec in inputs.secret_files {
        if spec.split_once('=').is_some_and(|(_, path)| path == "-") {
            readers.push(format!("--secret-file {spec}"));
        }
    }
    if let [first, second, ..] = readers.as_slice() {
        return Err(Error::usage(format!(
            "{first} and {second} both read stdin, which can feed only one of them: \
             give the other a file"
        )));
    }
    Ok(())
}

/// Stdin's text, for the one input that reads it (`by` names it), up to
/// `limit` bytes.
pub(super) fn read_stdin(by: &str, limit: u64) -> Result<String> {
    let cannot = |why: String| Error::usage(format!("cannot read stdin for {by}: {why}"));
    let bytes = limits::read_capped(std::io::stdin().lock(), limit)
        .map_err(|e| cannot(error::io_reason(&e)))?
        .ok_or_else(|| cannot(format!("larger than the limit of {}", limits::show(limit))))?;
    String::from_utf8(bytes).map_err(|_| Error::usage(format!("stdin for {by} is not UTF-8 text")))
}

/// A file's text, up to `limit` bytes (`what` names it in errors). Named
/// on the command line and read once: it may be a pipe (`<(…)`).
pub(super) fn read_file(path: &str, what: &str, limit: u64) -> Result<String> {
    let bytes = local_file::read(Path::new(path), limit, Pipe::Read)
        .map_err(|why| Error::usage(format!("cannot read {what} {path}: {why}")))?;
    String::from_utf8(bytes).map_err(|_| Error::usage(format!("{what} {path} is not UTF-8 text")))
}

pub(super) fn parse_object(text: &str, origin: &str) -> Result<Map<String, Value>> {
    if text.trim().is_empty() {
        return Err(Error::usage(format!(
            "{origin} is empty: give a JSON object such as {{\"task_settings\": {{\"user\": \"me\"}}}}"
        )));
    }
    let value = json::parse(text, Keys::Unique).map_err(|p| Error::usage(p.describe(origin)))?;
    object_of(value, origin)
}

fn object_of(value: Value, origin: &str) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(Error::usage(format!(
            "{origin} must be a JSON object, not {}",
            kind_of(&other)
        ))),
    }
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Inputs, build};
    use super::*;

    /// The refusal of `inputs`, which must be refused, as text.
    fn refusal(inputs: &Inputs) -> String {
        build(inputs).unwrap_err().to_string()
    }

    #[test]
    fn two_stdin_readers_are_refused_in_any_order() {
        let secret = vec!["api_key=-".to_string()];
        let beside_the_secret = |settings, task_settings| {
            refusal(&Inputs {
                settings,
                task_settings,
                secret_files: &secret,
                ..Inputs::default()
            })
        };
        let err = beside_the_secret(Some("-"), None);
        assert!(
            err.contains("--settings - and --secret-file api_key=- both read stdin"),
            "{err}"
        );
        let err = beside_the_secret(None, Some("@-"));
        assert!(
            err.contains("--task-settings @- and --secret-file api_key=-"),
            "{err}"
        );
    }

    #[test]
    fn a_settings_file_is_read_or_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let read = |bytes: &[u8]| {
            let path = dir.path().join("s.json");
            std::fs::write(&path, bytes).unwrap();
            let path = path.display().to_string();
            read_file(&path, "settings file", 1 << 20)
                .and_then(|text| parse_object(&text, "settings file s.json"))
                .map_err(|e| e.to_string().replace(&path, "P"))
        };
        let ok = read(b"{\"task_settings\": {\"user\": \"caf\xc3\xa9\"}}").unwrap();
        assert_eq!(ok["task_settings"]["user"], "café");
        let too_big = format!("{{\"a\": \"{}\"}}", "x".repeat(1 << 20));
        // Each refused file, what is said of it, and how much of it that is.
        type Said = fn(&str, &str) -> bool;
        let (whole, start, part): (Said, Said, Said) = (
            |err, said| err == said,
            |err, said| err.starts_with(said),
            |err, said| err.contains(said),
        );
        let refused: [(&[u8], &str, Said); 5] = [
            (
                b"{\"a\": \"\xff\"}",
                "settings file P is not UTF-8 text",
                whole,
            ),
            (b" \n ", "settings file s.json is empty", start),
            (
                b"[1]",
                "settings file s.json must be a JSON object, not an array",
                whole,
            ),
            (b"{\"a\": 1,\n \"a\": 2}", "gives the key \"a\" twice", part),
            (too_big.as_bytes(), "larger than the limit of 1 MiB", part),
        ];
        for (bytes, said, how) in refused {
            let err = read(bytes).unwrap_err();
            assert!(how(&err, said), "{err}");
        }
        assert!(
            read_file("/nonexistent/x", "settings file", 10)
                .unwrap_err()
                .to_string()
                .starts_with("cannot read settings file /nonexistent/x: ")
        );
    }

    #[test]
    fn json_errors_name_line_and_column() {
        let err = parse_object("{\n  \"a\": 1,\n  oops\n}", "settings file x.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid JSON in settings file x.json at line 3, column 3: key must be a string"
        );
    }
}
