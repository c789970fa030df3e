//! The endpoints a cluster should have, as a file says: JSON in the shape
//! `infer list --json` prints (or the `{"endpoints": […]}` answer), or YAML,
//! one file or several, or a folder of them. Secrets appear only as
//! references (`env:VAR`, `file:PATH`), never inline.

use anyhow::Result;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::api::TaskType;
use crate::body::SECTIONS;
use crate::error::Error;
use crate::json;
use crate::limits::{self, MAX_DEPTH, MAX_INPUT};
use crate::secret;

/// Where a secret's value is read from when it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Env(String),
    File(PathBuf),
}

/// One endpoint as the file describes it.
#[derive(Debug, Clone)]
pub struct Desired {
    pub id: String,
    pub task_type: TaskType,
    pub service: String,
    /// `service_settings`, `task_settings`, `chunking_settings`, without
    /// the secrets.
    pub sections: Map<String, Value>,
    /// `(key in service_settings, reference)`.
    pub secrets: Vec<(String, Reference)>,
    /// The file it came from, for messages.
    pub origin: String,
}

impl Desired {
    /// Preconfigured endpoints (ids starting with `.`) may be listed only to
    /// say they are expected; infer never changes them (ref 5).
    pub fn is_preconfigured(&self) -> bool {
        self.id.starts_with('.')
    }
}

/// The files of endpoints, checked: every endpoint in them is valid, and
/// none is described twice. They are read again, one endpoint at a time,
/// by [`Files::each`]: a file of thousands is never held whole.
pub struct Files {
    files: Vec<PathBuf>,
    /// The text of each file that cannot be read twice (a pipe, such as
    /// `-f /dev/stdin` or `-f <(…)`), kept from the first read.
    kept: Vec<Option<Vec<u8>>>,
    /// How many endpoints they describe.
    pub count: usize,
    /// What each file held when it was checked.
    tallies: Vec<Tally>,
}

/// Every endpoint in `paths` (files, or folders of `.json`, `.yaml` and
/// `.yml` files, read in name order), checked. An id given twice is an
/// error.
pub fn load(paths: &[PathBuf]) -> Result<Files> {
    if paths.is_empty() {
        return Err(Error::usage(
            "give the endpoints with -f FILE (JSON or YAML; repeatable, or a folder)",
        ));
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(folder(path)?);
        } else {
            files.push(path.clone());
        }
    }
    // Where each id was first described: its file and place in it (the
    // words only when needed: a file can describe thousands).
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut tallies = Vec::with_capacity(files.len());
    let mut kept = Vec::with_capacity(files.len());
    for (index, file) in files.iter().enumerate() {
        let mut position = 0;
        kept.push(keep_if_once(file)?);
        tallies.push(read(file, kept[index].as_deref(), &mut |endpoint| {
            position += 1;
            if let Some(&(in_file, at)) = seen.get(&endpoint.id) {
                let first = at_place(&files[in_file].display().to_string(), at);
                return Err(Error::usage(format!(
                    "endpoint '{}' is described twice, in {first} ('{}') and in {}: keep one",
                    endpoint.id, endpoint.id, endpoint.origin
                )));
            }
            seen.insert(endpoint.id, (index, position));
            Ok(())
        })?);
    }
    Ok(Files {
        files,
        kept,
        count: seen.len(),
        tallies,
    })
}

impl Files {
    /// Every endpoint, in the files' order, handed to `hand`. A file that
    /// changed since it was checked is refused only once it has been read,
    /// after its endpoints were handed over: `hand` must do nothing that
    /// cannot be dropped (planning only; writes come after).
    pub fn each(&self, hand: &mut dyn FnMut(Desired) -> Result<()>) -> Result<()> {
        for ((file, kept), checked) in self.files.iter().zip(&self.kept).zip(&self.tallies) {
            if read(file, kept.as_deref(), hand)? != *checked {
                return Err(Error::usage(format!(
                    "{} changed while infer was reading it: run again",
                    file.display()
                )));
            }
        }
        Ok(())
    }
}

/// The size and a hash of the bytes read from a file: whether it still
/// holds what was checked.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    bytes: u64,
    hash: u64,
}

/// A reader that tallies what passes through it.
struct Tallied<R> {
    inner: R,
    bytes: u64,
    hasher: std::hash::DefaultHasher,
    /// Whether anything but white space passed.
    text: bool,
    /// Whether what passed is UTF-8 so far, and the end of the last piece
    /// when it cuts a character.
    utf8: bool,
    carry: Vec<u8>,
}

impl<R: Read> Read for Tallied<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        self.hasher.write(&buf[..n]);
        self.text = self.text || buf[..n].iter().any(|b| !b.is_ascii_whitespace());
        if self.utf8 && n > 0 {
            let joined;
            let piece = if self.carry.is_empty() {
                &buf[..n]
            } else {
                joined = [std::mem::take(&mut self.carry).as_slice(), &buf[..n]].concat();
                &joined
            };
            match std::str::from_utf8(piece) {
                Ok(_) => {}
                Err(e) if e.error_len().is_none() => self.carry = piece[e.valid_up_to()..].to_vec(),
                Err(_) => self.utf8 = false,
            }
        }
        Ok(n)
    }
}

impl<R> Tallied<R> {
    fn new(inner: R) -> Self {
        Tallied {
            inner,
            bytes: 0,
            hasher: std::hash::DefaultHasher::new(),
            text: false,
            utf8: true,
            carry: Vec::new(),
        }
    }

    fn tally(&self) -> Tally {
        Tally {
            bytes: self.bytes,
            hash: self.hasher.finish(),
        }
    }
}

fn folder(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::usage(format!(
            "cannot read the folder {}: {}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    // Every .json, .yaml and .yml entry is read (one that cannot be is an
    // error, not skipped); sub-folders are not, and are named.
    let mut files: Vec<PathBuf> = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "json" | "yaml" | "yml"));
        if path.is_dir() {
            crate::output::say(&format!(
                "infer: note: {} is a folder inside {}, and is not read",
                path.display(),
                dir.display()
            ));
        } else if wanted {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::usage(format!(
            "the folder {} holds no .json, .yaml or .yml file",
            dir.display()
        )));
    }
    Ok(files)
}

/// The text of `path` if it is not a regular file (a pipe or a device:
/// read once, it would be empty the second time), read within the limit.
fn keep_if_once(path: &Path) -> Result<Option<Vec<u8>>> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let origin = path.display().to_string();
    limits::read_file(path, MAX_INPUT)
        .map_err(|e| cannot_read(&origin, &e))?
        .map(Some)
        .ok_or_else(|| too_large(&origin))
}

fn too_large(origin: &str) -> anyhow::Error {
    Error::usage(format!(
        "{origin} is larger than the limit of {}",
        limits::show(MAX_INPUT)
    ))
}

/// The endpoints of one file (or of its `kept` text), each handed to
/// `hand` as it is read.
fn read(
    path: &Path,
    kept: Option<&[u8]>,
    hand: &mut dyn FnMut(Desired) -> Result<()>,
) -> Result<Tally> {
    let origin = path.display().to_string();
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    if yaml {
        return match kept {
            Some(bytes) => read_yaml(bytes, &origin, hand),
            None => {
                let bytes = limits::read_file(path, MAX_INPUT)
                    .map_err(|e| cannot_read(&origin, &e))?
                    .ok_or_else(|| too_large(&origin))?;
                read_yaml(&bytes, &origin, hand)
            }
        };
    }
    let source: Box<dyn Read> = match kept {
        Some(bytes) => Box::new(bytes),
        None => {
            let file = std::fs::File::open(path).map_err(|e| cannot_read(&origin, &e))?;
            if file.metadata().is_ok_and(|m| m.len() > MAX_INPUT) {
                return Err(too_large(&origin));
            }
            Box::new(file)
        }
    };
    // At most one byte past the limit, should the file grow while it is
    // read; tallied a piece at a time, under the buffer that serde_json
    // reads a byte at a time from.
    let mut reader = std::io::BufReader::new(Tallied::new(source.take(MAX_INPUT + 1)));
    let mut position = 0;
    let read = json::each(&mut reader, &mut |item| {
        position += 1;
        hand(endpoint(item, &at_place(&origin, position))?)
    });
    let tallied = reader.get_ref();
    if tallied.bytes > MAX_INPUT {
        return Err(too_large(&origin));
    }
    match read {
        Ok(()) => Ok(tallied.tally()),
        Err(json::Failure::Item(e)) => Err(e),
        Err(json::Failure::Io(e)) => Err(cannot_read(&origin, &e)),
        // serde_json would say "invalid unicode code point", or "trailing
        // characters" for a stray byte: the file is simply not text.
        Err(json::Failure::Problem(_)) if !tallied.utf8 => {
            Err(Error::usage(format!("{origin} is not UTF-8 text")))
        }
        // Nothing at all is not invalid JSON to fix, but no endpoints.
        Err(json::Failure::Problem(_)) if !tallied.text => {
            Err(Error::usage(shape_problem(json::Shape::Null, &origin)))
        }
        Err(json::Failure::Problem(p @ json::Problem::Syntax(_))) if !named_json(path) => {
            // `-f <(yq …)` or a file named without an extension: YAML is
            // told by the name.
            Err(Error::usage(format!(
                "{}; infer reads YAML only from files named .yaml or .yml",
                p.describe(&origin)
            )))
        }
        Err(json::Failure::Problem(p)) => Err(Error::usage(p.describe(&origin))),
        Err(json::Failure::Shape(shape)) => Err(Error::usage(shape_problem(shape, &origin))),
    }
}

fn named_json(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("json")
}

/// `FILE, endpoint N`: where an endpoint is described.
fn at_place(file: &str, position: usize) -> String {
    format!("{file}, endpoint {position}")
}

fn cannot_read(origin: &str, e: &std::io::Error) -> anyhow::Error {
    Error::usage(format!(
        "cannot read {origin}: {}",
        crate::error::io_reason(e)
    ))
}

fn shape_problem(shape: json::Shape, origin: &str) -> String {
    match shape {
        // An empty file is more likely a mistake than a wish for no
        // endpoints, and with --prune it would delete them all.
        json::Shape::Null => format!(
            "{origin} holds no endpoints (it is empty, or null); a file that means \"none\" says \
             so with []"
        ),
        json::Shape::WrapperNotAlone => {
            format!("{origin}: `endpoints` must be the only key, and a list")
        }
        json::Shape::NotAList => {
            format!("{origin} must hold a list of endpoints (what infer list --json prints)")
        }
    }
}

/// A YAML file is read whole (YAML files of endpoints are written by
/// people, and short), then handed over endpoint by endpoint.
fn read_yaml(
    bytes: &[u8],
    origin: &str,
    hand: &mut dyn FnMut(Desired) -> Result<()>,
) -> Result<Tally> {
    let mut whole = Tallied::new(());
    whole.bytes = bytes.len() as u64;
    whole.hasher.write(bytes);
    let tally = whole.tally();
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::usage(format!("{origin} is not UTF-8 text")))?;
    let value: Value = serde_saphyr::from_str(text).map_err(|e| {
        // The parser's message quotes the lines around the error, which
        // may hold a secret: only its first line (where, and what) is
        // shown, and its own advice is left out.
        let first = e.to_string();
        let first = first.lines().next().unwrap_or_default();
        let first = first.trim_start_matches("error: ");
        let first = first
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(first);
        let first = match first.split_once(": duplicate mapping key: ") {
            Some((at, _)) => format!("{at}: a key is given twice in one mapping; keep one"),
            None => first.to_string(),
        };
        Error::usage(format!("invalid YAML in {origin}: {first}"))
    })?;
    if json::depth(&value) > MAX_DEPTH {
        return Err(Error::usage(format!(
            "{origin} is nested deeper than the limit of {MAX_DEPTH} levels"
        )));
    }
    let list = match value {
        Value::Array(list) => list,
        Value::Object(mut map) => match map.shift_remove("endpoints") {
            Some(Value::Array(list)) if map.is_empty() => list,
            Some(_) => {
                return Err(Error::usage(shape_problem(
                    json::Shape::WrapperNotAlone,
                    origin,
                )));
            }
            None => vec![Value::Object(map)],
        },
        Value::Null => return Err(Error::usage(shape_problem(json::Shape::Null, origin))),
        _ => return Err(Error::usage(shape_problem(json::Shape::NotAList, origin))),
    };
    for (i, item) in list.into_iter().enumerate() {
        hand(endpoint(item, &at_place(origin, i + 1))?)?;
    }
    Ok(tally)
}

const KEYS: [&str; 6] = [
    "inference_id",
    "task_type",
    "service",
    "service_settings",
    "task_settings",
    "chunking_settings",
];

fn endpoint(item: Value, at: &str) -> Result<Desired> {
    let Value::Object(mut map) = item else {
        return Err(Error::usage(format!("{at} must be an object")));
    };
    if let Some(key) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Error::usage(format!(
            "{at}: unknown key '{key}'; an endpoint has {}",
            KEYS.join(", ")
        )));
    }
    let mut text = |key: &str| match map.shift_remove(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        _ => Err(Error::usage(format!("{at} needs {key} (a string)"))),
    };
    let id = text("inference_id")?;
    let at = format!("{at} ('{id}')");
    let task_type: TaskType = text("task_type")?
        .parse()
        .map_err(|e| Error::usage(format!("{at}: {e}")))?;
    let service = text("service")?;
    if !id.starts_with('.') {
        crate::validate::inference_id(&id).map_err(|e| Error::usage(format!("{at}: {e}")))?;
    }
    let mut sections = Map::new();
    for section in SECTIONS {
        match map.shift_remove(section) {
            None | Some(Value::Null) => {}
            Some(Value::Object(o)) => {
                sections.insert(section.to_string(), Value::Object(o));
            }
            Some(_) => {
                return Err(Error::usage(format!("{at}: {section} must be an object")));
            }
        }
    }
    let secrets = take_secrets(&mut sections, &at)?;
    Ok(Desired {
        id,
        task_type,
        service,
        sections,
        secrets,
        origin: at,
    })
}

/// Every secret of the endpoint, found by its key at any depth, must be a
/// reference; the references are taken out of the settings.
fn take_secrets(sections: &mut Map<String, Value>, at: &str) -> Result<Vec<(String, Reference)>> {
    let mut found = Vec::new();
    for hit in secret::structure::find_in(sections, &[]) {
        let path = hit.path();
        let reference = hit.value.as_str().and_then(|text| {
            if let Some(var) = text.strip_prefix("env:") {
                secret::is_var_name(var).then(|| Reference::Env(var.to_string()))
            } else {
                text.strip_prefix("file:")
                    .filter(|p| !p.is_empty())
                    .map(|p| Reference::File(PathBuf::from(p)))
            }
        });
        let Some(reference) = reference else {
            // The value itself may be the secret: never repeated.
            secret::register_value(&hit.value, &[]);
            if hit.value.as_str().is_some_and(|t| t.starts_with("env:")) {
                return Err(Error::usage(format!(
                    "{at}: {path} names no environment variable: env: takes a name of letters, \
                     digits and _, not starting with a digit"
                )));
            }
            return Err(Error::usage(format!(
                "{at}: {path} must be a reference, env:VARIABLE or file:PATH, never the secret \
                 itself (a file of endpoints is meant for git)"
            )));
        };
        let Some(key) = path
            .strip_prefix("service_settings.")
            .filter(|k| !k.contains(['.', '[']))
        else {
            return Err(Error::usage(format!(
                "{at}: {path} is a secret, and a provider secret lives directly in \
                 service_settings (ref 7.2): move it there"
            )));
        };
        found.push((key.to_string(), reference));
    }
    if let Some(Value::Object(settings)) = sections.get_mut("service_settings") {
        for (key, _) in &found {
            settings.shift_remove(key);
        }
    }
    Ok(found)
}

/// The value of a reference, read when it is sent.
pub fn resolve(reference: &Reference, at: &str) -> Result<String> {
    let value = match reference {
        Reference::Env(var) => std::env::var(var).map_err(|_| {
            Error::usage(format!(
                "{at} refers to environment variable {var}, which is not set: export it"
            ))
        })?,
        Reference::File(path) => {
            let bytes = limits::read_file(path, limits::MAX_SECRET)
                .map_err(|e| {
                    Error::usage(format!(
                        "{at} refers to {}, which cannot be read: {}",
                        path.display(),
                        crate::error::io_reason(&e)
                    ))
                })?
                .ok_or_else(|| {
                    Error::usage(format!(
                        "{at} refers to {}, which is larger than the limit of {}",
                        path.display(),
                        limits::show(limits::MAX_SECRET)
                    ))
                })?;
            String::from_utf8(bytes).map_err(|_| {
                Error::usage(format!(
                    "{at} refers to {}, which is not text",
                    path.display()
                ))
            })?
        }
    };
    let value = value.trim_end_matches(['\r', '\n']).to_string();
    if value.is_empty() {
        return Err(Error::usage(format!(
            "{at}: the secret it refers to is empty"
        )));
    }
    secret::register(&value);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(files: &Files) -> Vec<String> {
        let mut ids = Vec::new();
        files
            .each(&mut |d| {
                ids.push(d.id);
                Ok(())
            })
            .unwrap();
        ids
    }

    const TWO: &str = r#"[
        {"inference_id": "a", "task_type": "rerank", "service": "cohere",
         "service_settings": {"api_key": "env:CO_KEY", "model_id": "m"}},
        {"inference_id": "b", "task_type": "text_embedding", "service": "openai"}
    ]"#;

    #[test]
    fn files_are_checked_then_read_again_endpoint_by_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("a.json");
        let yaml = dir.path().join("b.yaml");
        std::fs::write(&json, TWO).unwrap();
        std::fs::write(
            &yaml,
            "endpoints:\n- {inference_id: c, task_type: rerank, service: cohere}\n",
        )
        .unwrap();
        let files = load(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(files.count, 3);
        assert_eq!(ids(&files), ["a", "b", "c"]);
        let mut first = None;
        files
            .each(&mut |d| {
                first.get_or_insert(d);
                Ok(())
            })
            .unwrap();
        let first = first.unwrap();
        assert_eq!(
            first.secrets,
            [("api_key".to_string(), Reference::Env("CO_KEY".into()))]
        );
        assert_eq!(
            first.origin,
            format!("{}, endpoint 1 ('a')", json.display())
        );
        assert!(
            !first.sections["service_settings"]
                .as_object()
                .unwrap()
                .contains_key("api_key")
        );
    }

    #[test]
    fn a_file_that_changes_between_the_check_and_the_reading_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, TWO).unwrap();
        let files = load(std::slice::from_ref(&path)).unwrap();
        // Same endpoints, other bytes: still not what was checked.
        std::fs::write(&path, TWO.replace("\"m\"", "\"n\"")).unwrap();
        let err = files.each(&mut |_| Ok(())).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} changed while infer was reading it: run again",
                path.display()
            )
        );
    }

    #[test]
    fn an_endpoint_refused_in_the_middle_names_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let text = TWO.replace(
            "\"service\": \"openai\"",
            "\"service\": \"openai\", \"x\": 1",
        );
        std::fs::write(&path, text).unwrap();
        let err = load(std::slice::from_ref(&path)).err().unwrap();
        assert!(
            err.to_string()
                .starts_with(&format!("{}, endpoint 2: unknown key 'x'", path.display())),
            "{err}"
        );
    }
}
