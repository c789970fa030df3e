//! The settings inputs of a write: `--settings` (file or stdin), the section
//! flags, `--set`, `--num-allocations` and the secret flags, read and merged
//! in that order (later wins) into one body. Every bad input is a usage
//! error that names the input and the fix; nothing is sent.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::api::TaskType;
use crate::error::Error;
use crate::limits::MAX_INPUT;

mod assign;
mod paths;
pub mod per_profile;
#[cfg(test)]
mod props;
mod read;
mod set;

use assign::note_literal_secrets;
use set::{apply_set, apply_unset};

pub use paths::{at, bare, leaves, merge};
pub use read::kind_of;
use read::{check_one_stdin_reader, parse_object, read_file, read_stdin};

pub const SECTIONS: [&str; 3] = ["service_settings", "task_settings", "chunking_settings"];
/// Keys of the object `GET /_inference/{id}` returns: checked, never sent.
const IDENTITY: [&str; 3] = ["inference_id", "task_type", "service"];

/// The raw settings inputs, as the user gave them.
#[derive(Debug, Default)]
pub struct Inputs<'a> {
    pub settings: Option<&'a str>,
    pub service_settings: Option<&'a str>,
    pub task_settings: Option<&'a str>,
    pub chunking_settings: Option<&'a str>,
    pub sets: &'a [String],
    /// `--unset` paths (update only).
    pub unsets: &'a [String],
    pub num_allocations: Option<i64>,
    pub secret_prompts: &'a [String],
    pub secret_envs: &'a [String],
    pub secret_files: &'a [String],
    /// Where each of `secret_envs` stood among all the `--secret-env`
    /// flags given (from 0), when it is some of them (rotate's, split by
    /// profile, `per_profile`): what an error calls it. Empty: in order.
    pub secret_env_at: &'a [usize],
    /// The same for `secret_files` among the `--secret-file` flags.
    pub secret_file_at: &'a [usize],
}

/// Where a secret given by flag was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// `--secret-env NAME=VAR`.
    Env(String),
    /// `--secret-file NAME=PATH` (not stdin).
    File(String),
}

/// The merged body, and what the settings file said about its endpoint.
#[derive(Debug, Default, Clone)]
pub struct Body {
    /// Only `service_settings`, `task_settings`, `chunking_settings`.
    pub sections: Map<String, Value>,
    pub inference_id: Option<String>,
    pub task_type: Option<String>,
    pub service: Option<String>,
    /// Dotted paths filled by the secret flags.
    pub secret_paths: Vec<String>,
    /// Where each secret from a variable or a file came from, by path: what
    /// `--curl` refers to instead of the value.
    pub secret_sources: Vec<(String, SecretSource)>,
    /// Secret fields that were written out on the command line.
    pub literal_secrets: Vec<String>,
    /// The paths `--set` wrote, for what is learned of them later (a secret
    /// of the endpoint's service).
    pub set_paths: Vec<String>,
    /// Warnings about the inputs (a `--set` that sends a string that looks
    /// like a number, say).
    pub warnings: Vec<String>,
    /// Dotted paths that change as a documented consequence of what is
    /// sent (a fixed allocation count turns adaptive allocations off):
    /// verification expects them to change.
    pub follows: Vec<String>,
}

impl Body {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The task type the settings name, if any.
    pub fn file_task_type(&self) -> Result<Option<TaskType>> {
        self.task_type
            .as_deref()
            .map(|text| {
                text.parse::<TaskType>()
                    .map_err(|e| Error::usage(format!("task_type in the settings: {e}")))
            })
            .transpose()
    }

    /// The dotted paths the body sets to `null` (reset or clear, #126479).
    pub fn null_paths(&self) -> Vec<String> {
        fn walk(path: &str, value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Null => out.push(path.to_string()),
                // A path is written only where a null may be below it.
                Value::Object(map) => map
                    .iter()
                    .filter(|(_, v)| v.is_null() || v.is_object())
                    .for_each(|(k, v)| walk(&format!("{path}.{k}"), v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (section, value) in &self.sections {
            walk(section, value, &mut out);
        }
        out
    }

    /// Take the secret settings of `service` (the endpoint's, for a body
    /// that does not name it) as secrets: their paths join `secret_paths`,
    /// their values are masked from now on. Call it once the service's
    /// secrets are known (`Client::learn_secrets_of`), before the body is
    /// shown.
    pub fn know_secrets_of(&mut self, service: &str) {
        crate::secret::register_endpoint(service, &self.sections);
        let Some(Value::Object(settings)) = self.sections.get("service_settings") else {
            return;
        };
        for path in crate::secret::paths_of(service, settings) {
            // A secret written with --set: said to be one, and its value not
            // repeated by a warning about its type.
            let known = path
                .strip_prefix("service_settings.")
                .is_some_and(|key| crate::secret::is_secret_setting(service, key));
            if known && self.set_paths.contains(&path) {
                let written = format!("--set {path}=");
                self.warnings.retain(|w| !w.starts_with(&written));
                if !self.literal_secrets.contains(&path) {
                    self.literal_secrets.push(path.clone());
                }
            }
            if !self.secret_paths.contains(&path) {
                self.secret_paths.push(path);
            }
        }
    }
}

#[cfg(test)]
impl Body {
    /// The body as sent: the sections only.
    pub fn to_json(&self) -> Value {
        Value::Object(self.sections.clone())
    }
}

/// The body the settings flags describe, in the order they apply: the
/// settings file, the section flags, `--set`, `--unset`,
/// `--num-allocations`, then the secret flags.
pub fn build(inputs: &Inputs) -> Result<Body> {
    check_one_stdin_reader(inputs)?;
    let mut body = Body::default();
    if let Some(source) = inputs.settings {
        let (object, origin) = settings_source(source)?;
        read_settings_object(&mut body, object, &origin)?;
    }
    section_flags(&mut body, inputs)?;
    for assignment in inputs.sets {
        apply_set(&mut body, assignment)?;
    }
    for path in inputs.unsets {
        apply_unset(&mut body, path)?;
    }

    if let Some(n) = inputs.num_allocations {
        if n < 1 {
            return Err(Error::usage(format!(
                "--num-allocations must be a positive integer, got {n}"
            )));
        }
        section_mut(&mut body, "service_settings").insert("num_allocations".into(), n.into());
    }

    // A masked value fed back (a `get` output) is refused, before the
    // secrets flags add theirs.
    if let Some(path) = crate::secret::mask_in_map(&body.sections, "") {
        return Err(Error::usage(crate::secret::mask_refused(&path)));
    }
    assign::secrets(&mut body, inputs)?;
    // Every secret in the body, found by structure, is masked from now on;
    // those of the service a settings file names too, when infer's table
    // knows it (otherwise the caller learns them from the server first).
    crate::secret::register_object(&body.sections, &body.secret_paths);
    if let Some(service) = body.service.clone()
        && !crate::secret::needs_catalogue(&service)
    {
        body.know_secrets_of(&service);
    }

    // Empty service or task settings change nothing; leave them out. An empty
    // chunking_settings is kept so that validation can explain it.
    body.sections
        .retain(|k, v| k == "chunking_settings" || v.as_object().is_none_or(|o| !o.is_empty()));
    Ok(body)
}

/// `--settings FILE` (or `-`, stdin): its object, and where it came from.
fn settings_source(source: &str) -> Result<(Map<String, Value>, String)> {
    if source == "-" {
        let origin = "settings from stdin".to_string();
        let object = parse_object(&read_stdin("--settings -", MAX_INPUT)?, &origin)?;
        return Ok((object, origin));
    }
    // Parsed as a slice, twice as fast as from a reader (serde_json reads
    // one a byte at a time); the text is dropped as soon as its values are
    // built, so a 10 MB file peaks under 4x its size (bench/run.sh).
    let origin = format!("settings file {source}");
    let object = parse_object(&read_file(source, "settings file", MAX_INPUT)?, &origin)?;
    Ok((object, origin))
}

/// `--service-settings`, `--task-settings`, `--chunking-settings`: JSON
/// given on the command line, or `@FILE` (`@-`: stdin), merged into their
/// sections.
fn section_flags(body: &mut Body, inputs: &Inputs) -> Result<()> {
    let flags = [
        (
            "service_settings",
            "--service-settings",
            inputs.service_settings,
        ),
        ("task_settings", "--task-settings", inputs.task_settings),
        (
            "chunking_settings",
            "--chunking-settings",
            inputs.chunking_settings,
        ),
    ];
    for (section, flag, value) in flags {
        let Some(value) = value else { continue };
        let (text, origin, literal) = match value.strip_prefix('@') {
            Some("-") => (
                read_stdin(flag, MAX_INPUT)?,
                format!("{flag} @- (stdin)"),
                false,
            ),
            Some(path) => (
                read_file(path, &format!("{flag} file"), MAX_INPUT)?,
                format!("{flag} file {path}"),
                false,
            ),
            None => (value.to_string(), flag.to_string(), true),
        };
        let object = parse_object(&text, &origin)?;
        if literal {
            note_literal_secrets(body, section, &Value::Object(object.clone()));
        }
        merge(section_mut(body, section), Value::Object(object));
    }
    Ok(())
}

/// A settings file: the sections, plus the identity keys of the object that
/// `GET /_inference/{id}` returns (also inside its `endpoints` wrapper).
fn read_settings_object(
    body: &mut Body,
    mut object: Map<String, Value>,
    origin: &str,
) -> Result<()> {
    if let Some(endpoints) = object.shift_remove("endpoints") {
        let mut list = match endpoints {
            Value::Array(list) => list,
            _ => Vec::new(),
        };
        match (object.is_empty(), list.pop()) {
            (true, Some(Value::Object(only))) if list.is_empty() => object = only,
            (_, last) => {
                return Err(Error::usage(format!(
                    "{origin} holds a GET answer with {} endpoints: keep the one object to update",
                    list.len() + usize::from(last.is_some())
                )));
            }
        }
    }
    for (key, value) in object {
        if SECTIONS.contains(&key.as_str()) {
            if !value.is_object() {
                return Err(Error::usage(format!(
                    "{key} in {origin} must be a JSON object, not {}",
                    kind_of(&value)
                )));
            }
            merge(section_mut(body, &key), value);
        } else if IDENTITY.contains(&key.as_str()) {
            let Value::String(text) = value else {
                return Err(Error::usage(format!(
                    "{key} in {origin} must be a string, not {}",
                    kind_of(&value)
                )));
            };
            match key.as_str() {
                "inference_id" => body.inference_id = Some(text),
                "task_type" => body.task_type = Some(text),
                _ => body.service = Some(text),
            }
        } else {
            return Err(Error::usage(format!(
                "unknown key '{key}' in {origin}: allowed keys are {} \
                 (and {}, which are checked against the endpoint and not sent)",
                SECTIONS.join(", "),
                IDENTITY.join(", ")
            )));
        }
    }
    Ok(())
}

fn section_mut<'b>(body: &'b mut Body, section: &str) -> &'b mut Map<String, Value> {
    let slot = body
        .sections
        .entry(section.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    match slot {
        Value::Object(map) => map,
        _ => unreachable!("slot was just made an object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_answers_are_unwrapped() {
        let mut body = Body::default();
        let get = json!({"endpoints": [{"inference_id": "x", "task_type": "rerank",
            "service": "cohere", "task_settings": {"top_n": 3}}]});
        read_settings_object(&mut body, get.as_object().cloned().unwrap(), "f").unwrap();
        assert_eq!(body.inference_id.as_deref(), Some("x"));
        assert_eq!(body.service.as_deref(), Some("cohere"));
        assert_eq!(body.to_json(), json!({"task_settings": {"top_n": 3}}));
    }

    #[test]
    fn empty_sections_are_dropped_but_empty_chunking_is_kept() {
        let body = build(&Inputs {
            service_settings: Some("{}"),
            chunking_settings: Some("{}"),
            ..Inputs::default()
        })
        .unwrap();
        assert_eq!(body.to_json(), json!({"chunking_settings": {}}));
    }
}
