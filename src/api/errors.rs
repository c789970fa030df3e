//! Error answers, rendered in one line from either shape the server uses.

use crate::secret::excerpt;
use serde_json::Value;

/// Render an error answer in one line, from either shape the server uses:
/// an `error` object with `type`, `reason`, `caused_by` (`ErrorCause` in
/// elasticsearch-specification `specification/_types/Errors.ts`), or a
/// plain `error` string (a 405 from the REST layer's `RestController`). A
/// body that is not JSON (a proxy's HTML page) is shown as an excerpt.
pub fn render_error(status: u16, reason_phrase: &str, body: &str) -> String {
    let head = format!("HTTP {status}");
    let Ok(json) = crate::json::parse(body, crate::json::Keys::LastWins) else {
        let excerpt = excerpt(body);
        return if excerpt.is_empty() {
            format!("{head} {reason_phrase} (empty body)")
        } else {
            format!("{head} {reason_phrase} (not an Elasticsearch answer): {excerpt}")
        };
    };
    match json.get("error") {
        Some(Value::String(text)) => format!("{head}: {text}"),
        Some(error @ Value::Object(_)) => {
            // The reason, then each distinct cause (a timeout answer has
            // only a `caused_by`, #152179).
            let mut parts: Vec<String> = Vec::new();
            let mut cause = Some(error);
            while let Some(c) = cause.filter(|_| parts.len() < 4) {
                if let Some(text) = describe_cause(c).filter(|t| !parts.contains(t)) {
                    parts.push(text);
                }
                cause = c.get("caused_by");
            }
            match parts.split_first() {
                Some((first, rest)) => rest.iter().fold(format!("{head} {first}"), |line, c| {
                    format!("{line} (caused by {c})")
                }),
                None => format!("{head} {reason_phrase}"),
            }
        }
        _ => format!("{head} {reason_phrase}: {}", excerpt(body)),
    }
}

fn describe_cause(cause: &Value) -> Option<String> {
    let kind = cause.get("type").and_then(Value::as_str);
    let reason = cause.get("reason").and_then(Value::as_str);
    match (kind, reason) {
        (Some(k), Some(r)) => Some(format!("{k}: {r}")),
        (Some(k), None) => Some(k.to_string()),
        (None, Some(r)) => Some(r.to_string()),
        (None, None) => None,
    }
}

/// What a 400 says the server would not take, in the forms the newest
/// servers use (#149430 and #157900 for keys, #149628 for the kind of
/// secret, #150368 for preconfigured endpoints).
#[derive(Debug, PartialEq, Eq)]
pub enum Rejection {
    /// `Configuration contains settings [{k=v, …}] unknown to the [s] service`
    /// (the section is not named), or `[section] unknown field [k]`.
    Keys {
        section: Option<String>,
        keys: Vec<String>,
        /// The service, where the message names it.
        service: Option<String>,
    },
    /// `only the field [stored] can be updated for this secret, received: [sent]`.
    SecretKind { stored: String, received: String },
    /// `Default endpoint [id] cannot be updated`.
    Preconfigured,
}

/// Read a server's error text for a [`Rejection`].
pub fn rejection(message: &str) -> Option<Rejection> {
    if let Some(rest) = after(message, "Configuration contains settings [{") {
        // Keys are identifiers followed by `=`; values may hold anything.
        let inner = rest.split("}] unknown to the").next().unwrap_or(rest);
        let keys = std::iter::once(inner)
            .chain(inner.split(", ").skip(1))
            .filter_map(|part| part.split_once('=').map(|(k, _)| k))
            .filter(|k| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            })
            .map(str::to_string)
            .collect::<Vec<_>>();
        let service = after(rest, "unknown to the [")
            .and_then(|r| r.split(']').next())
            .map(str::to_string);
        return (!keys.is_empty()).then_some(Rejection::Keys {
            section: None,
            keys,
            service,
        });
    }
    if let Some(rest) = after(message, "] unknown field [") {
        let key = rest.split(']').next().unwrap_or_default();
        let before = &message[..message.len() - rest.len() - "] unknown field [".len()];
        let section = before.rsplit('[').next().unwrap_or_default();
        return Some(Rejection::Keys {
            section: (!section.is_empty()).then(|| section.to_string()),
            keys: vec![key.to_string()],
            service: None,
        });
    }
    if let Some(rest) = after(message, "only the field [") {
        let stored = rest.split(']').next().unwrap_or_default().to_string();
        let received = after(rest, "received: [")
            .and_then(|r| r.split(']').next())
            .unwrap_or_default()
            .to_string();
        return Some(Rejection::SecretKind { stored, received });
    }
    if message.contains("Default endpoint [") && message.contains("] cannot be updated") {
        return Some(Rejection::Preconfigured);
    }
    None
}

fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    text.find(marker).map(|i| &text[i + marker.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_error_shapes() {
        let object = r#"{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"Inference endpoint not found [x]"}],"type":"resource_not_found_exception","reason":"Inference endpoint not found [x]"},"status":404}"#;
        assert_eq!(
            render_error(404, "Not Found", object),
            "HTTP 404 resource_not_found_exception: Inference endpoint not found [x]"
        );
        let string = r#"{"error":"Incorrect HTTP method for uri [/x] and method [POST], allowed: [PUT]","status":405}"#;
        assert_eq!(
            render_error(405, "Method Not Allowed", string),
            "HTTP 405: Incorrect HTTP method for uri [/x] and method [POST], allowed: [PUT]"
        );
    }

    #[test]
    fn renders_caused_by_and_cause_only_errors() {
        let body = r#"{"error":{"caused_by":{"type":"timeout_exception","reason":"Request timed out after [1ms] for inference id [llama-chat]","timed_out":true}},"status":400}"#;
        assert_eq!(
            render_error(400, "Bad Request", body),
            "HTTP 400 timeout_exception: Request timed out after [1ms] for inference id [llama-chat]"
        );
    }

    #[test]
    fn reads_the_rejections_of_new_servers() {
        assert_eq!(
            rejection(
                "HTTP 400 status_exception: Configuration contains settings [{model_id=text-embedding-3-large, dimensions=8}] unknown to the [openai] service"
            ),
            Some(Rejection::Keys {
                section: None,
                keys: vec!["model_id".into(), "dimensions".into()],
                service: Some("openai".into()),
            })
        );
        assert_eq!(
            rejection(
                "HTTP 400 x_content_parse_exception: [1:2] [service_settings] unknown field [model_id]"
            ),
            Some(Rejection::Keys {
                section: Some("service_settings".into()),
                keys: vec!["model_id".into()],
                service: None,
            })
        );
        assert_eq!(
            rejection(
                "HTTP 400 validation_exception: Validation Failed: 1: [service_settings] only the field [api_key] can be updated for this secret, received: [entra_id];"
            ),
            Some(Rejection::SecretKind {
                stored: "api_key".into(),
                received: "entra_id".into()
            })
        );
        assert_eq!(
            rejection("HTTP 400 x: Default endpoint [.e] cannot be updated"),
            Some(Rejection::Preconfigured)
        );
        assert_eq!(rejection("HTTP 400 something else"), None);
    }

    #[test]
    fn renders_html_as_an_excerpt() {
        let html = "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1></body></html>";
        assert_eq!(
            render_error(502, "Bad Gateway", html),
            "HTTP 502 Bad Gateway (not an Elasticsearch answer): 502 Bad Gateway 502 Bad Gateway"
        );
    }

    #[test]
    fn an_excerpt_is_cut_at_200_characters() {
        let long = format!("<p>{}</p>", "ab  ".repeat(1_000_000));
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 201, "{cut}");
        assert!(cut.starts_with("ab ab ab") && cut.ends_with('…'), "{cut}");
        assert_eq!(excerpt("  <b>x</b>  y  "), "x y");
    }
}
