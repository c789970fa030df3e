//! A hostile server that quotes the request back: whole, in parts,
//! JSON-escaped, inside an HTML page, or inside a 200 endpoint body. For
//! the sweep that checks no secret or credential ever shows (a real server
//! never answers with one, `ModelConfigurations.toFilteredXContent`; a
//! hostile or broken one may).

use serde_json::{Value, json};

use super::errors::{Reply, es_error};
use super::http::HttpRequest;
use super::{FakeEs, Inner};

/// How the server quotes the request back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// A 400 whose reason is the whole request: line, headers, body.
    Whole,
    /// A 400 whose reason quotes each header and each body value apart,
    /// Java-style (`{api_key=…}`), and the body and headers cut in halves.
    Parts,
    /// A 400 whose reason holds the request as a JSON string: escaped once
    /// more than the body itself.
    Escaped,
    /// A 500 HTML page with the request in it, as a proxy may show it.
    Html,
    /// The usual answer, with the request quoted inside the endpoint(s) or
    /// beside the result.
    Ok200,
}

impl Echo {
    pub const ALL: [Echo; 5] = [
        Echo::Whole,
        Echo::Parts,
        Echo::Escaped,
        Echo::Html,
        Echo::Ok200,
    ];
}

impl FakeEs {
    /// Answer every request from now on by quoting it back as `echo` says.
    /// Reads (GET) are answered as usual with the request inside (`Ok200`),
    /// so that a write is reached; everything else gets `echo`.
    pub fn echo(&self, echo: Echo) {
        self.inner.lock().echo = Some(echo);
    }
}

impl Inner {
    pub(super) fn echoed(&self, req: &HttpRequest, reply: Reply) -> Reply {
        let Some(echo) = self.lock().echo else {
            return reply;
        };
        let echo = if req.method == "GET" {
            Echo::Ok200
        } else {
            echo
        };
        let whole = whole(req);
        match echo {
            Echo::Whole => es_error(400, "status_exception", &whole),
            Echo::Parts => es_error(400, "illegal_argument_exception", &parts(req)),
            Echo::Escaped => es_error(
                400,
                "x_content_parse_exception",
                &format!("failed to parse request {}", Value::String(whole)),
            ),
            Echo::Html => Reply {
                status: 500,
                content_type: "text/html".into(),
                headers: vec![],
                body: format!(
                    "<html><body><h1>Error</h1>\n<pre>  {}  </pre></body></html>",
                    whole.replace('\n', "\n   ")
                ),
                product: false,
            },
            Echo::Ok200 => inside(reply, &whole),
        }
    }
}

fn whole(req: &HttpRequest) -> String {
    let headers: Vec<String> = req
        .headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    format!(
        "{} {}\n{}\n\n{}",
        req.method,
        req.target,
        headers.join("\n"),
        String::from_utf8_lossy(&req.body)
    )
}

/// Each header and body value apart, then the body and the credential cut
/// in two.
fn parts(req: &HttpRequest) -> String {
    let mut out = Vec::new();
    for (k, v) in &req.headers {
        out.push(format!("header [{k}] is [{v}]"));
        let (a, b) = halves(v);
        out.push(format!("its halves [{a}] [{b}]"));
    }
    if let Ok(body) = serde_json::from_slice::<Value>(&req.body) {
        let mut leaves = Vec::new();
        java(&body, &mut leaves);
        out.push(format!("values {{{}}}", leaves.join(", ")));
    }
    let body = String::from_utf8_lossy(&req.body);
    let (a, b) = halves(&body);
    out.push(format!("body starts [{a}…] and ends […{b}]"));
    out.join("; ")
}

fn java(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(_) | Value::Array(_) => java(v, out),
                    Value::String(s) => out.push(format!("{k}={s}")),
                    other => out.push(format!("{k}={other}")),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| java(v, out)),
        _ => {}
    }
}

fn halves(text: &str) -> (&str, &str) {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    text.split_at(cut)
}

/// The usual answer with the request quoted inside: in each endpoint's
/// task settings, or beside the result.
fn inside(mut reply: Reply, whole: &str) -> Reply {
    let Ok(mut body) = serde_json::from_str::<Value>(&reply.body) else {
        return reply;
    };
    let quote = |endpoint: &mut Value| {
        if let Some(map) = endpoint.as_object_mut() {
            let task = map.entry("task_settings").or_insert_with(|| json!({}));
            if let Some(task) = task.as_object_mut() {
                task.insert("echo".into(), Value::String(whole.to_string()));
            }
        }
    };
    if let Some(list) = body.get_mut("endpoints").and_then(Value::as_array_mut) {
        list.iter_mut().for_each(quote);
    } else if body.get("inference_id").is_some() {
        quote(&mut body);
    } else if let Some(map) = body.as_object_mut() {
        map.insert("echo".into(), Value::String(whole.to_string()));
    } else if let Some(list) = body.as_array_mut() {
        list.push(Value::String(whole.to_string()));
    }
    reply.body = body.to_string();
    reply
}
