//! `--curl`: the request as a curl command that works once the named
//! environment variables are set. Credentials and secrets appear only as
//! references to variables (names of `[A-Z0-9_]`, one per secret), never
//! as values; nothing from a key or a value can become shell syntax.

use serde_json::Value;

use super::show::shown_headers;
use crate::api::Request;
use crate::body::SecretSource;
use crate::connection::{Connection, Credentials, Origin};
use crate::secret::{self, structure::Step};

/// The command, and notes on what to set before running it.
pub fn render(
    req: &Request,
    conn: &Connection,
    sources: &[(String, SecretSource)],
) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut lines = vec![format!(
        "curl -sS --fail-with-body -X {} {}",
        req.method.as_str(),
        shell_quote(&req.url(&conn.base_url))
    )];
    for (name, value) in shown_headers(req, conn) {
        if name != "Authorization" && name != "User-Agent" {
            lines.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
        }
    }
    lines.extend(credential(conn, &mut notes));
    let file = |path: &std::path::Path| shell_quote(&absolute(path));
    if let Some(path) = &conn.ca_cert {
        lines.push(format!("--cacert {}", file(path)));
    }
    if conn.ca_fingerprint.is_some() {
        notes.push(
            "curl cannot trust a CA by its fingerprint: add --cacert with the CA file".into(),
        );
    }
    if let (Some(cert), Some(key)) = (&conn.client_cert, &conn.client_key) {
        lines.push(format!("--cert {} --key {}", file(cert), file(key)));
    }
    if conn.insecure {
        lines.push("-k".into());
    }
    lines.push(format!(
        "--connect-timeout {} --max-time {}",
        conn.connect_timeout.as_secs_f64(),
        conn.timeout_for(req).as_secs_f64()
    ));
    let mut command = lines.join(" \\\n  ");
    if let Some(body) = &req.body {
        command.push_str(" \\\n  --data-binary @- <<EOF\n");
        command.push_str(&body_with_references(body, req, sources, &mut notes));
        command.push_str("\nEOF");
    }
    (command, notes)
}

/// The `Authorization` part, as a reference to the variable that holds the
/// credential.
fn credential(conn: &Connection, notes: &mut Vec<String>) -> Option<String> {
    let creds = conn.credentials.as_ref()?;
    Some(match creds {
        Credentials::ApiKey { pair, .. } => {
            let var = variable(conn, "api_key", "ES_API_KEY", notes);
            // An ID:KEY pair is encoded, as infer does.
            if *pair {
                format!(
                    "-H \"Authorization: ApiKey $(printf '%s' \"${var}\" | base64 | tr -d '\\n')\""
                )
            } else {
                format!("-H \"Authorization: ApiKey ${var}\"")
            }
        }
        Credentials::Bearer(_) => {
            let var = variable(conn, "bearer_token", "ES_BEARER_TOKEN", notes);
            format!("-H \"Authorization: Bearer ${var}\"")
        }
        Credentials::Basic { username, .. } => {
            let var = variable(conn, "password", "ES_PASSWORD", notes);
            format!("-u \"{}:${var}\"", escape_double_quoted(username))
        }
    })
}

/// The variable that holds a credential: the one it came from, or the
/// usual name, with a note to set it.
fn variable(conn: &Connection, key: &str, usual: &str, notes: &mut Vec<String>) -> String {
    let from = conn.shown.iter().find(|(k, _, _)| *k == key);
    match from {
        Some((_, _, Origin::Env(var))) => (*var).to_string(),
        // start-local's own name for it; its file sets it when sourced.
        Some((_, _, Origin::StartLocal { var, file })) => {
            if let Some(file) = file {
                notes.push(format!(
                    "set {var} before running the command (`set -a; . {file}; set +a` \
                     reads start-local's file)"
                ));
            }
            (*var).to_string()
        }
        Some((_, value, Origin::Profile(_)))
            if value.strip_prefix("env:").is_some_and(secret::is_var_name) =>
        {
            value.trim_start_matches("env:").to_string()
        }
        _ => {
            notes.push(format!("set {usual} before running the command"));
            usual.to_string()
        }
    }
}

/// The body for an unquoted heredoc: `$`, `` ` `` and `\` escaped, and
/// each secret (found by structure, at any depth) replaced by a reference:
/// the variable or file it came from, or a variable to set. A secret that
/// is an object or an array gets one reference per string or number in it.
fn body_with_references(
    body: &Value,
    req: &Request,
    sources: &[(String, SecretSource)],
    notes: &mut Vec<String>,
) -> String {
    let mut shown = body.clone();
    // A marker that the body's own text cannot hold.
    let plain = body.to_string();
    let mut marker = String::from("@@INFER_SECRET_");
    while plain.contains(&marker) {
        marker.push('@');
    }
    let mut references: Vec<(String, String)> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for found in secret::find(body, &req.secret_paths) {
        for (steps, leaf) in leaves(&found.steps, &found.value) {
            let at = secret::Found {
                steps,
                value: leaf.clone(),
                guessed: found.guessed,
            };
            let quoted = match leaf {
                Value::String(_) => false,
                Value::Number(_) => true,
                _ => continue,
            };
            let reference = match sources.iter().find(|(p, _)| *p == at.path()) {
                Some((_, SecretSource::Env(var))) if secret::is_var_name(var) => {
                    format!("${{{var}}}")
                }
                Some((_, SecretSource::File(file))) => {
                    format!(
                        "$(cat {})",
                        shell_quote(&absolute(std::path::Path::new(file)))
                    )
                }
                _ => {
                    let var = variable_for(&at.path(), &used);
                    notes.push(format!(
                        "set {var} to the value of {} before running the command",
                        at.path()
                    ));
                    used.push(var.clone());
                    format!("${{{var}}}")
                }
            };
            let mark = format!("{marker}{}@@", references.len());
            if let Some(slot) = shown.pointer_mut(&at.pointer()) {
                *slot = Value::String(mark.clone());
            }
            // A number goes in bare, a string inside its quotes.
            let mark = if quoted { format!("\"{mark}\"") } else { mark };
            references.push((mark, reference));
        }
    }
    let text = escape_heredoc(&shown.to_string());
    references.into_iter().fold(text, |acc, (mark, reference)| {
        acc.replace(&mark, &reference)
    })
}

/// The strings and numbers in `value`, with where they are.
fn leaves<'v>(steps: &[Step], value: &'v Value) -> Vec<(Vec<Step>, &'v Value)> {
    let child = |step: Step| {
        let mut steps = steps.to_vec();
        steps.push(step);
        steps
    };
    match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| leaves(&child(Step::Key(k.clone())), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| leaves(&child(Step::Index(i)), v))
            .collect(),
        other => vec![(steps.to_vec(), other)],
    }
}

/// `INFER_` and the path in `[A-Z0-9_]`: every other character becomes
/// `_`, so no key can become shell syntax; a number is added when two
/// paths give the same name.
fn variable_for(path: &str, used: &[String]) -> String {
    let mut name = String::from("INFER_");
    for c in path.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_uppercase()
        } else {
            '_'
        };
        if c != '_' || !name.ends_with('_') {
            name.push(c);
        }
    }
    let name = match name.trim_end_matches('_') {
        "INFER" => "INFER_SECRET".to_string(),
        trimmed => trimmed.to_string(),
    };
    let mut unique = name.clone();
    let mut n = 2;
    while used.contains(&unique) {
        unique = format!("{name}_{n}");
        n += 1;
    }
    unique
}

/// An absolute path, so that the command works from any folder.
fn absolute(path: &std::path::Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn escape_heredoc(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('`', "\\`")
}

fn escape_double_quoted(text: &str) -> String {
    escape_heredoc(text).replace('"', "\\\"")
}

/// `text` in single quotes, for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_are_made_of_upper_case_digits_and_underscores() {
        let mut used = Vec::new();
        for (path, expected) in [
            ("service_settings.api_key", "INFER_SERVICE_SETTINGS_API_KEY"),
            (
                "service_settings.x-api_key",
                "INFER_SERVICE_SETTINGS_X_API_KEY",
            ),
            (
                "service_settings.x.api_key",
                "INFER_SERVICE_SETTINGS_X_API_KEY_2",
            ),
            (
                "service_settings.k}$(id)_key",
                "INFER_SERVICE_SETTINGS_K_ID_KEY",
            ),
            (
                "service_settings.list[0].api_key",
                "INFER_SERVICE_SETTINGS_LIST_0_API_KEY",
            ),
            ("é", "INFER_SECRET"),
        ] {
            let var = variable_for(path, &used);
            assert_eq!(var, expected, "{path}");
            used.push(var);
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(escape_heredoc(r#"{"a":"$x`y\n"}"#), r#"{"a":"\$x\`y\\n"}"#);
    }
}
