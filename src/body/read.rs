//! Reading the raw inputs: files, stdin (for one input only) and JSON
//! objects, with errors that name the input, the line and the column.

use anyhow::Result;
use serde_json::{Map, Value};
use std::io::Read;
use std::path::Path;

use super::Inputs;
use crate::error::{self, Error};
use crate::json::{self, Keys};
use crate::limits;

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

/// A file's text, up to `limit` bytes (`what` names it in errors).
pub(super) fn read_file(path: &str, what: &str, limit: u64) -> Result<String> {
    let cannot = |why: String| Error::usage(format!("cannot read {what} {path}: {why}"));
    let bytes = limits::read_file(Path::new(path), limit)
        .map_err(|e| cannot(error::io_reason(&e)))?
        .ok_or_else(|| cannot(format!("larger than the limit of {}", limits::show(limit))))?;
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

/// `read_file`, then `parse_object`, reading a regular file through a
/// buffer: a large settings file is never held as text beside its values.
/// The same errors.
pub(super) fn read_file_object(
    path: &str,
    what: &str,
    limit: u64,
    origin: &str,
) -> Result<Map<String, Value>> {
    let cannot = |why: String| Error::usage(format!("cannot read {what} {path}: {why}"));
    let larger = || cannot(format!("larger than the limit of {}", limits::show(limit)));
    let file = std::fs::File::open(path).map_err(|e| cannot(error::io_reason(&e)))?;
    match file.metadata() {
        Ok(m) if m.is_file() && m.len() > limit => return Err(larger()),
        Ok(m) if m.is_file() => {}
        // A pipe or a device is read up to the limit, as stdin is.
        _ => return parse_object(&read_file(path, what, limit)?, origin),
    }
    let mut checked = Checked::new(file.take(limit + 1));
    let parsed = json::parse_reader(&mut checked, Keys::Unique);
    if let Some(e) = &checked.failed {
        return Err(cannot(error::io_reason(e)));
    }
    if checked.bytes > limit {
        return Err(larger());
    }
    if !checked.utf8 {
        return Err(Error::usage(format!("{what} {path} is not UTF-8 text")));
    }
    if !checked.text {
        return parse_object("", origin);
    }
    let value = parsed.map_err(|p| Error::usage(p.describe(origin)))?;
    object_of(value, origin)
}

/// A buffered reader that notes what passed: how many bytes, whether any
/// was not white space, whether it is UTF-8 so far, and a failure to read.
/// serde_json reads a byte at a time: that is its fast path.
struct Checked<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    bytes: u64,
    text: bool,
    utf8: bool,
    /// The end of the last piece, when it cuts a character.
    carry: Vec<u8>,
    failed: Option<std::io::Error>,
}

impl<R: Read> Checked<R> {
    fn new(inner: R) -> Self {
        Checked {
            inner,
            buf: vec![0; 64 << 10],
            pos: 0,
            len: 0,
            bytes: 0,
            text: false,
            utf8: true,
            carry: Vec::new(),
            failed: None,
        }
    }

    /// The next piece from the file, noted; `false` at the end or on a
    /// failure.
    fn fill(&mut self) -> std::io::Result<bool> {
        let n = match self.inner.read(&mut self.buf) {
            Ok(n) => n,
            Err(e) => {
                let kind = e.kind();
                self.failed = Some(e);
                return Err(kind.into());
            }
        };
        let piece = &self.buf[..n];
        self.bytes += n as u64;
        self.text = self.text || piece.iter().any(|b| !b.is_ascii_whitespace());
        if self.utf8 {
            if n == 0 {
                // The end: a character cut there is not one.
                self.utf8 = self.carry.is_empty();
            } else {
                self.carry.extend_from_slice(piece);
                match std::str::from_utf8(&self.carry) {
                    Ok(_) => self.carry.clear(),
                    Err(e) if e.error_len().is_none() => {
                        let cut = e.valid_up_to();
                        self.carry.drain(..cut);
                    }
                    Err(_) => self.utf8 = false,
                }
            }
        }
        (self.pos, self.len) = (0, n);
        Ok(n > 0)
    }
}

impl<R: Read> Read for Checked<R> {
    #[inline]
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.len && !self.fill()? {
            return Ok(0);
        }
        if let [byte] = out {
            *byte = self.buf[self.pos];
            self.pos += 1;
            return Ok(1);
        }
        let n = out.len().min(self.len - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
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

    #[test]
    fn two_stdin_readers_are_refused_in_any_order() {
        let secret = vec!["api_key=-".to_string()];
        let err = build(&Inputs {
            settings: Some("-"),
            secret_files: &secret,
            ..Inputs::default()
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("--settings - and --secret-file api_key=- both read stdin"),
            "{err}"
        );
        let err = build(&Inputs {
            task_settings: Some("@-"),
            secret_files: &secret,
            ..Inputs::default()
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("--task-settings @- and --secret-file api_key=-"),
            "{err}"
        );
    }

    #[test]
    fn a_file_read_through_a_buffer_is_refused_as_its_text_would_be() {
        let dir = tempfile::tempdir().unwrap();
        let read = |bytes: &[u8]| {
            let path = dir.path().join("s.json");
            std::fs::write(&path, bytes).unwrap();
            let path = path.display().to_string();
            read_file_object(&path, "settings file", 1 << 20, "settings file s.json")
                .map_err(|e| e.to_string().replace(&path, "P"))
        };
        let ok = read(b"{\"task_settings\": {\"user\": \"caf\xc3\xa9\"}}").unwrap();
        assert_eq!(ok["task_settings"]["user"], "café");
        assert_eq!(
            read(b"{\"a\": \"\xff\"}").unwrap_err(),
            "settings file P is not UTF-8 text"
        );
        assert!(
            read(b" \n ")
                .unwrap_err()
                .starts_with("settings file s.json is empty")
        );
        assert_eq!(
            read(b"[1]").unwrap_err(),
            "settings file s.json must be a JSON object, not an array"
        );
        assert!(
            read(b"{\"a\": 1,\n \"a\": 2}")
                .unwrap_err()
                .contains("gives the key \"a\" twice")
        );
        // A character cut between two pieces of the buffer is still one.
        let long = format!("{{\"a\": \"{}\u{e9}\"}}", "x".repeat(8185));
        assert!(read(long.as_bytes()).is_ok());
        let too_big = format!("{{\"a\": \"{}\"}}", "x".repeat(1 << 20));
        assert!(
            read(too_big.as_bytes())
                .unwrap_err()
                .contains("larger than the limit of 1 MiB")
        );
        assert!(
            read_file_object("/nonexistent/x", "settings file", 10, "o")
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
