//! Sending a request: headers, credentials, the `-v` log, and turning every
//! failure into an error with the right exit code.

use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::time::Instant;

use crate::api::{self, Request};
use crate::connection::{self, Connection};
use crate::error::Error;
use crate::output::Ui;
use crate::secret;

const USER_AGENT: &str = concat!("infer/", env!("CARGO_PKG_VERSION"));

pub struct Client<'a> {
    http: reqwest::blocking::Client,
    conn: &'a Connection,
    ui: &'a Ui,
}

impl<'a> Client<'a> {
    pub fn new(conn: &'a Connection, ui: &'a Ui) -> Result<Self> {
        if conn.insecure {
            ui.warn("--insecure: the server's TLS certificate is not verified");
        }
        if conn.credentials.is_some()
            && conn.base_url.scheme() == "http"
            && !connection::is_loopback(&conn.base_url)
        {
            ui.warn(&format!(
                "credentials are sent unencrypted over plain http to {}; use https",
                conn.base_url.host_str().unwrap_or_default()
            ));
        }
        let builder = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(conn.connect_timeout)
            .timeout(conn.timeout);
        let http = crate::tls::configure(builder, conn)?
            .build()
            .context("cannot set up the HTTP client")?;
        Ok(Client { http, conn, ui })
    }

    /// Send `req`; a 2xx answer's JSON body, or an error carrying the exit code.
    pub fn send(&self, req: &Request) -> Result<Value> {
        let url = req.url(&self.conn.base_url);
        self.log_request(req, &url);
        // What must not come back out, should the server quote it.
        let mut secrets = req
            .body
            .as_ref()
            .map(|b| secret::texts(b, &req.secret_paths))
            .unwrap_or_default();
        if let Some(creds) = &self.conn.credentials {
            secrets.extend(creds.texts());
        }
        let mut builder = match req.method {
            api::Method::Get => self.http.get(&url),
            api::Method::Put => self.http.put(&url),
            api::Method::Delete => self.http.delete(&url),
        };
        builder = builder.header("Accept", "application/json");
        if let Some(creds) = &self.conn.credentials {
            let mut value = reqwest::header::HeaderValue::from_str(creds.header().expose_secret())
                .map_err(|_| {
                    Error::usage("the credential holds characters a header cannot carry")
                })?;
            value.set_sensitive(true);
            builder = builder.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(body) = &req.body {
            builder = builder
                .header("Content-Type", "application/json")
                .body(serde_json::to_vec(body)?);
        }
        let started = Instant::now();
        let response = builder.send().map_err(|e| self.transport_error(&url, &e))?;
        let status = response.status();
        let product = response.headers().get("x-elastic-product").cloned();
        let location = response.headers().get("location").cloned();
        let text = response
            .text()
            .map_err(|e| self.transport_error(&url, &e))?;
        self.ui.debug(&format!(
            "< {} ({} ms)",
            status,
            started.elapsed().as_millis()
        ));
        if self.ui.is_verbose() && !text.is_empty() {
            let shown = serde_json::from_str::<Value>(&text)
                .map(|v| secret::redact(&v, &[]).to_string())
                .unwrap_or_else(|_| text.chars().take(500).collect());
            self.ui
                .debug(&format!("< {}", secret::scrub(&shown, &secrets)));
        }
        if status.is_redirection() {
            let to = location
                .and_then(|l| l.to_str().ok().map(str::to_string))
                .unwrap_or_else(|| "another address".into());
            return Err(Error::Connection(format!(
                "{url} answered HTTP {} with a redirect to {to}, which infer does not follow \
                 (it would resend credentials): point --url at the final address",
                status.as_u16()
            ))
            .into());
        }
        if !status.is_success() {
            return Err(Error::Http {
                status: status.as_u16(),
                message: secret::scrub(
                    &api::render_error(
                        status.as_u16(),
                        status.canonical_reason().unwrap_or(""),
                        &text,
                    ),
                    &secrets,
                ),
            }
            .into());
        }
        if product.is_none_or(|p| p != "Elasticsearch") {
            self.ui.warn(&format!(
                "the server at {} did not identify itself as Elasticsearch \
                 (no X-Elastic-Product header)",
                self.conn.base_url
            ));
        }
        serde_json::from_str(&text).map_err(|e| {
            let excerpt: String = text.chars().take(200).collect();
            anyhow::anyhow!(
                "{url} answered HTTP {} with a body that is not JSON ({e}): {}",
                status.as_u16(),
                secret::scrub(&excerpt, &secrets)
            )
        })
    }

    fn log_request(&self, req: &Request, url: &str) {
        if !self.ui.is_verbose() {
            return;
        }
        self.ui.debug(&format!("> {} {url}", req.method.as_str()));
        for (name, value) in shown_headers(req, self.conn) {
            self.ui.debug(&format!("> {name}: {value}"));
        }
        if let Some(body) = &req.body {
            self.ui
                .debug(&format!("> {}", secret::redact(body, &req.secret_paths)));
        }
    }

    fn transport_error(&self, url: &str, err: &reqwest::Error) -> anyhow::Error {
        let mut root = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            root = s.to_string();
            source = s.source();
        }
        let message = if err.is_timeout() {
            format!("no answer from {url} within the time limit: {root}")
        } else if root.contains("certificate") || root.contains("tls") || root.contains("TLS") {
            format!(
                "TLS failure talking to {url}: {root}; pass --ca-cert with Elasticsearch's \
                 http_ca.crt, or check the host name"
            )
        } else {
            format!(
                "cannot reach Elasticsearch at {}: {root}; check --url or ES_URL",
                self.conn.base_url
            )
        };
        Error::Connection(message).into()
    }
}

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
