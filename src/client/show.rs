//! A request as it may be shown: credentials and secrets masked.

use serde_json::{Value, json};

use super::USER_AGENT;
use crate::api::Request;
use crate::connection::Connection;
use crate::secret;

/// The headers of `req` as they may be shown: credentials masked.
pub fn shown_headers(req: &Request, conn: &Connection) -> Vec<(&'static str, String)> {
    let mut headers = vec![("Accept", "application/json".to_string())];
    if let Some(creds) = &conn.credentials {
        headers.push(("Authorization", creds.masked_header()));
    }
    if req.body.is_some() {
        headers.push(("Content-Type", "application/json".to_string()));
    }
    headers.push(("User-Agent", USER_AGENT.to_string()));
    headers
}

/// The request that would be sent, as JSON, with credentials and secrets
/// masked: what `--dry-run` prints.
pub fn describe(req: &Request, conn: &Connection) -> Value {
    let headers: serde_json::Map<String, Value> = shown_headers(req, conn)
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let mut shown = json!({
        "method": req.method.as_str(),
        "url": req.url(&conn.base_url),
        "headers": headers,
    });
    if let Some(body) = &req.body {
        shown["body"] = secret::redact(body, &req.secret_paths);
    }
    shown
}
