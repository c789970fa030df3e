//! The settings inputs of a write: `--settings` (file or stdin), the section
//! flags, `--set`, `--num-allocations` and the secret flags, read and merged
//! in that order (later wins) into one body. Every bad input is a usage
//! error that names the input and the fix; nothing is sent.

use anyhow::Result;
use serde_json::{Map, Value};
use std::io::Read;

use crate::error::{self, Error};
use crate::prompt;
use crate::secret::{self, Secret};

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
    pub num_allocations: Option<i64>,
    pub secret_prompts: &'a [String],
    pub secret_envs: &'a [String],
    pub secret_files: &'a [String],
}

/// The merged body, and what the settings file said about its endpoint.
#[derive(Debug, Default)]
pub struct Body {
    /// Only `service_settings`, `task_settings`, `chunking_settings`.
    pub sections: Map<String, Value>,
    pub inference_id: Option<String>,
    pub task_type: Option<String>,
    pub service: Option<String>,
    /// Dotted paths filled by the secret flags.
    pub secret_paths: Vec<String>,
    /// Secret fields that were written out on the command line.
    pub literal_secrets: Vec<String>,
    /// Warnings about the inputs (a `--set` that sends a string that looks
    /// like a number, say).
    pub warnings: Vec<String>,
}

impl Body {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The body as sent: the sections only.
    pub fn to_json(&self) -> Value {
        Value::Object(self.sections.clone())
    }
}

pub fn build(inputs: &Inputs) -> Result<Body> {
    check_one_stdin_reader(inputs)?;
    let mut body = Body::default();

    if let Some(source) = inputs.settings {
        let (text, origin) = if source == "-" {
            (
                read_stdin("--settings -")?,
                "settings from stdin".to_string(),
            )
        } else {
            (
                read_file(source, "settings file")?,
                format!("settings file {source}"),
            )
        };
        read_settings_object(&mut body, parse_object(&text, &origin)?, &origin)?;
    }

    let section_flags = [
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
    for (section, flag, value) in section_flags {
        let Some(value) = value else { continue };
        let (text, origin, literal) = match value.strip_prefix('@') {
            Some("-") => (read_stdin(flag)?, format!("{flag} @- (stdin)"), false),
            Some(path) => (
                read_file(path, &format!("{flag} file"))?,
                format!("{flag} file {path}"),
                false,
            ),
            None => (value.to_string(), flag.to_string(), true),
        };
        let object = parse_object(&text, &origin)?;
        if literal {
            note_literal_secrets(&mut body, section, &Value::Object(object.clone()));
        }
        merge(section_mut(&mut body, section), &Value::Object(object));
    }

    for assignment in inputs.sets {
        apply_set(&mut body, assignment)?;
    }

    if let Some(n) = inputs.num_allocations {
        if n < 1 {
            return Err(Error::usage(format!(
                "--num-allocations must be a positive integer, got {n}"
            )));
        }
        section_mut(&mut body, "service_settings").insert("num_allocations".into(), n.into());
    }

    for name in inputs.secret_prompts {
        let name = secret_name(name, "--secret", name)?;
        if !prompt::can_prompt() {
            return Err(Error::usage(format!(
                "--secret {name} asks on a terminal, and there is none: use \
                 --secret-env {name}=VAR or --secret-file {name}=PATH"
            )));
        }
        let value = prompt::hidden(&format!("service_settings.{name}"))?;
        set_secret(&mut body, name, value, "the prompt")?;
    }
    for spec in inputs.secret_envs {
        let (name, var) = split_pair(spec, "--secret-env", "NAME=VAR")?;
        let value = std::env::var(var).map_err(|e| {
            Error::usage(format!(
                "--secret-env {spec}: environment variable {var} {}: export it first",
                match e {
                    std::env::VarError::NotPresent => "is not set",
                    std::env::VarError::NotUnicode(_) => "is not valid UTF-8",
                }
            ))
        })?;
        set_secret(
            &mut body,
            name,
            Secret::new(value),
            &format!("environment variable {var}"),
        )?;
    }
    for spec in inputs.secret_files {
        let (name, path) = split_pair(spec, "--secret-file", "NAME=PATH")?;
        let value = if path == "-" {
            read_stdin(&format!("--secret-file {spec}"))?
        } else {
            read_file(path, "secret file")?
        };
        let origin = if path == "-" {
            "stdin".to_string()
        } else {
            format!("secret file {path}")
        };
        set_secret(&mut body, name, Secret::new(value), &origin)?;
    }

    // Empty service or task settings change nothing; leave them out. An empty
    // chunking_settings is kept so that validation can explain it.
    body.sections
        .retain(|k, v| k == "chunking_settings" || v.as_object().is_none_or(|o| !o.is_empty()));
    Ok(body)
}

/// Stdin can feed one input: refuse two before reading either, whatever
/// their order on the command line.
fn check_one_stdin_reader(inputs: &Inputs) -> Result<()> {
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

/// Stdin's text, for the one input that reads it (`by` names it).
fn read_stdin(by: &str) -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
        Error::usage(format!(
            "cannot read stdin for {by}: {}",
            error::io_reason(&e)
        ))
    })?;
    String::from_utf8(bytes).map_err(|_| Error::usage(format!("stdin for {by} is not UTF-8 text")))
}

fn read_file(path: &str, what: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::usage(format!(
            "cannot read {what} {path}: {}",
            error::io_reason(&e)
        ))
    })?;
    String::from_utf8(bytes).map_err(|_| Error::usage(format!("{what} {path} is not UTF-8 text")))
}

fn parse_object(text: &str, origin: &str) -> Result<Map<String, Value>> {
    if text.trim().is_empty() {
        return Err(Error::usage(format!(
            "{origin} is empty: give a JSON object such as {{\"task_settings\": {{\"user\": \"me\"}}}}"
        )));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let reason = full
            .find(" at line ")
            .map_or(full.as_str(), |cut| &full[..cut]);
        Error::usage(format!(
            "invalid JSON in {origin} at line {}, column {}: {reason}",
            e.line(),
            e.column()
        ))
    })?;
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

/// A settings file: the sections, plus the identity keys of the object that
/// `GET /_inference/{id}` returns (also inside its `endpoints` wrapper).
fn read_settings_object(
    body: &mut Body,
    mut object: Map<String, Value>,
    origin: &str,
) -> Result<()> {
    if let Some(endpoints) = object.get("endpoints").cloned() {
        let list = endpoints.as_array().cloned().unwrap_or_default();
        if object.len() > 1 || list.len() != 1 || !list[0].is_object() {
            return Err(Error::usage(format!(
                "{origin} holds a GET answer with {} endpoints: keep the one object to update",
                list.len()
            )));
        }
        object = list[0].as_object().cloned().unwrap_or_default();
    }
    for (key, value) in object {
        if SECTIONS.contains(&key.as_str()) {
            if !value.is_object() {
                return Err(Error::usage(format!(
                    "{key} in {origin} must be a JSON object, not {}",
                    kind_of(&value)
                )));
            }
            merge(section_mut(body, &key), &value);
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

/// Deep merge: objects merge key by key, anything else replaces.
pub fn merge(into: &mut Map<String, Value>, from: &Value) {
    let Value::Object(from) = from else { return };
    for (key, value) in from {
        match (into.get_mut(key), value) {
            (Some(Value::Object(existing)), Value::Object(_)) => merge(existing, value),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// `SECTION.KEY[.KEY…]=STRING` or `SECTION.KEY[.KEY…]:=JSON`.
fn apply_set(body: &mut Body, assignment: &str) -> Result<()> {
    let usage = || {
        Error::usage(format!(
            "--set '{assignment}': expected SECTION.KEY=STRING or SECTION.KEY:=JSON, \
             e.g. task_settings.user=me or service_settings.num_allocations:=2"
        ))
    };
    let eq = assignment.find('=').ok_or_else(usage)?;
    let (path, value) = if assignment[..eq].ends_with(':') {
        let text = &assignment[eq + 1..];
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Error::usage(format!(
                "--set '{assignment}': the value after := must be JSON ({e}); \
                 for a plain string use = instead"
            ))
        })?;
        (&assignment[..eq - 1], value)
    } else {
        let (path, text) = (&assignment[..eq], &assignment[eq + 1..]);
        // `=` always sends a string: say so when the text reads as another value.
        if let Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Null)) =
            serde_json::from_str::<Value>(text)
        {
            body.warnings.push(format!(
                "--set {assignment} sends the string \"{text}\"; for {} write --set {path}:={text}",
                kind_of(&v)
            ));
        }
        (path, Value::String(text.to_string()))
    };
    let mut keys = path.split('.');
    let section = keys.next().unwrap_or_default();
    if !SECTIONS.contains(&section) {
        return Err(Error::usage(format!(
            "--set '{assignment}': '{section}' is not a settings section; use one of {}",
            SECTIONS.join(", ")
        )));
    }
    let keys: Vec<&str> = keys.collect();
    if keys.is_empty() || keys.iter().any(|k| k.is_empty()) {
        return Err(usage());
    }
    if keys.iter().any(|k| secret::is_secret_field(k)) {
        body.literal_secrets.push(path.to_string());
    }
    set_path(section_mut(body, section), &keys, value);
    Ok(())
}

fn set_path(map: &mut Map<String, Value>, keys: &[&str], value: Value) {
    match keys {
        [] => {}
        [last] => {
            map.insert((*last).to_string(), value);
        }
        [first, rest @ ..] => {
            let slot = map
                .entry((*first).to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(inner) = slot {
                set_path(inner, rest, value);
            }
        }
    }
}

fn note_literal_secrets(body: &mut Body, section: &str, value: &Value) {
    for (path, _) in secret::masked(value, &[]) {
        body.literal_secrets.push(format!("{section}.{path}"));
    }
}

fn split_pair<'s>(spec: &'s str, flag: &str, form: &str) -> Result<(&'s str, &'s str)> {
    let (name, rest) = spec.split_once('=').ok_or_else(|| {
        Error::usage(format!(
            "{flag} '{spec}': expected {form}, e.g. {flag} api_key={}",
            &form[5..]
        ))
    })?;
    let name = secret_name(name, flag, spec)?;
    if rest.is_empty() {
        return Err(Error::usage(format!("{flag} '{spec}': expected {form}")));
    }
    Ok((name, rest))
}

fn secret_name<'s>(name: &'s str, flag: &str, spec: &str) -> Result<&'s str> {
    let name = name.strip_prefix("service_settings.").unwrap_or(name);
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(Error::usage(format!(
            "{flag} '{spec}': name the secret field of service_settings, e.g. api_key"
        )));
    }
    Ok(name)
}

/// Put a secret into `service_settings.NAME`. A trailing newline (from
/// `echo` or an editor) is dropped: it would break the key.
fn set_secret(body: &mut Body, name: &str, value: Secret, origin: &str) -> Result<()> {
    let trimmed = value.expose_secret().trim_end_matches(['\r', '\n']);
    if trimmed.is_empty() {
        return Err(Error::usage(format!(
            "the secret service_settings.{name} from {origin} is empty"
        )));
    }
    let keys: Vec<&str> = name.split('.').collect();
    set_path(
        section_mut(body, "service_settings"),
        &keys,
        Value::String(trimmed.to_string()),
    );
    body.secret_paths.push(format!("service_settings.{name}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sets(list: &[&str]) -> Body {
        let owned: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        build(&Inputs {
            sets: &owned,
            ..Inputs::default()
        })
        .unwrap()
    }

    #[test]
    fn set_handles_strings_json_and_nesting() {
        let body = sets(&[
            "task_settings.user=me",
            "service_settings.rate_limit.requests_per_minute:=500",
            "task_settings.flag:=true",
            "task_settings.eq=a=b",
        ]);
        assert_eq!(
            body.to_json(),
            json!({"task_settings": {"user": "me", "flag": true, "eq": "a=b"},
                   "service_settings": {"rate_limit": {"requests_per_minute": 500}}})
        );
    }

    #[test]
    fn set_rejects_bad_forms() {
        for bad in [
            "nothing",
            "foo.x=1",
            "task_settings=1",
            "task_settings..x=1",
            "task_settings.x:=nope",
        ] {
            let owned = vec![bad.to_string()];
            let err = build(&Inputs {
                sets: &owned,
                ..Inputs::default()
            })
            .unwrap_err();
            assert_eq!(crate::error::exit_code(&err), 2, "{bad}");
            assert!(err.to_string().contains(bad), "{bad}: {err}");
        }
    }

    #[test]
    fn set_warns_when_a_string_looks_like_another_value() {
        let body = sets(&[
            "task_settings.top_n=3",
            "task_settings.flag=false",
            "task_settings.user=me",
        ]);
        assert_eq!(
            body.warnings,
            [
                "--set task_settings.top_n=3 sends the string \"3\"; for a number write --set task_settings.top_n:=3",
                "--set task_settings.flag=false sends the string \"false\"; for a boolean write --set task_settings.flag:=false",
            ]
        );
    }

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
    fn literal_secrets_are_noticed() {
        let body = sets(&["service_settings.api_key=sk-x"]);
        assert_eq!(body.literal_secrets, ["service_settings.api_key"]);
        let body = build(&Inputs {
            service_settings: Some(r#"{"api_key": "k", "model_id": "m"}"#),
            ..Inputs::default()
        })
        .unwrap();
        assert_eq!(body.literal_secrets, ["service_settings.api_key"]);
    }

    #[test]
    fn deep_merge_keeps_siblings() {
        let mut into = json!({"a": {"b": 1, "c": 2}, "d": 3})
            .as_object()
            .cloned()
            .unwrap();
        merge(&mut into, &json!({"a": {"b": 9}, "d": {"e": 1}}));
        assert_eq!(
            Value::Object(into),
            json!({"a": {"b": 9, "c": 2}, "d": {"e": 1}})
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
