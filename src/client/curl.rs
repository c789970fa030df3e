//! `--curl`: the request as a curl command that works once the named
//! environment variables are set. Credentials and secrets appear only as
//! references to variables, never as values.

use serde_json::Value;

use super::show::shown_headers;
use crate::api::Request;
use crate::body::SecretSource;
use crate::connection::{Connection, Credentials, Origin};
use crate::secret;

/// The command, and notes on what to set before running it.
pub fn render(
    req: &Request,
    conn: &Connection,
    sources: &[(String, SecretSource)],
) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut lines = vec![format!(
        "curl -sS -X {} {}",
        req.method.as_str(),
        shell_quote(&req.url(&conn.base_url))
    )];
    for (name, value) in shown_headers(req, conn) {
        if name != "Authorization" && name != "User-Agent" {
            lines.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
        }
    }
    lines.extend(credential(conn, &mut notes));
    // Absolute paths, so that the command works from any folder.
    let file = |path: &std::path::Path| {
        shell_quote(
            &std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.to_path_buf())
                .to_string_lossy(),
        )
    };
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
        Some((_, value, Origin::Profile(_))) if value.starts_with("env:") => {
            value.trim_start_matches("env:").to_string()
        }
        _ => {
            notes.push(format!("set {usual} before running the command"));
            usual.to_string()
        }
    }
}

/// The body for an unquoted heredoc: `$`, `` ` `` and `\` escaped, and each
/// secret replaced by its reference.
fn body_with_references(
    body: &Value,
    req: &Request,
    sources: &[(String, SecretSource)],
    notes: &mut Vec<String>,
) -> String {
    let mut shown = body.clone();
    let mut references = Vec::new();
    for (i, (path, _)) in secret::masked(body, &req.secret_paths)
        .into_iter()
        .enumerate()
    {
        let marker = format!("@@INFER_SECRET_{i}@@");
        let reference = sources
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, source)| match source {
                SecretSource::Env(var) => format!("${{{var}}}"),
                SecretSource::File(file) => format!("$(cat {})", shell_quote(file)),
            })
            .unwrap_or_else(|| {
                let var = format!("INFER_{}", path.to_ascii_uppercase().replace('.', "_"));
                notes.push(format!(
                    "set {var} to the value of {path} before running the command"
                ));
                format!("${{{var}}}")
            });
        if let Some(slot) = shown.pointer_mut(&format!("/{}", path.replace('.', "/"))) {
            *slot = Value::String(marker.clone());
        }
        references.push((marker, reference));
    }
    let text = escape_heredoc(&shown.to_string());
    references
        .into_iter()
        .fold(text, |acc, (marker, reference)| {
            acc.replace(&marker, &reference)
        })
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
    fn quoting() {
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(escape_heredoc(r#"{"a":"$x`y\n"}"#), r#"{"a":"\$x\`y\\n"}"#);
    }
}
