//! Sending a request: headers, credentials, retries (`retry.rs`), the `-v`
//! log, and turning every failure into an error with the right exit code.
//! `answer.rs` reads an answer within the size limit; `plain.rs` tells an
//! https:// URL on a plain-HTTP port from a certificate problem; `show.rs`
//! renders a request for `--dry-run` and the log; `failure.rs` words a
//! failed request; `cluster.rs` keeps what the client learns of the server.

use anyhow::Result;
use serde_json::Value;
use std::time::Instant;

use crate::api::listing::Listing;
use crate::api::{self, Request};
use crate::connection::{self, Connection, Origin};
use crate::error::Error;
use crate::json::{self, Keys, Problem};
use crate::secret;
use crate::server::Server;
use answer::Answer;
pub use log::{Log, Named};

mod answer;
mod cluster;
mod curl;
#[cfg(test)]
mod curl_props;
mod encode;
mod failure;
mod log;
mod plain;
mod retry;
mod show;
mod tls;
pub use curl::render as curl;
pub use show::describe;
use show::shown_headers;

const USER_AGENT: &str = concat!("infer/", env!("CARGO_PKG_VERSION"));

pub struct Client<'a> {
    http: reqwest::blocking::Client,
    conn: &'a Connection,
    /// The command's sink for the `-v` log and warnings (`log.rs`).
    log: &'a dyn Log,
    /// The server's version, asked at most once per run.
    version: std::sync::OnceLock<Server>,
    /// The answer of `GET /`, once read.
    root: std::sync::OnceLock<Value>,
    /// The server's catalogue (`GET _inference/_services`), asked at most
    /// once per run; `None` inside when it could not be read.
    catalogue: std::sync::OnceLock<Option<Value>>,
}

impl<'a> Client<'a> {
    pub fn new(conn: &'a Connection, log: &'a dyn Log) -> Result<Self> {
        if conn.insecure {
            let from = match conn.origin_of("insecure") {
                Some(Origin::Flag(flag)) => flag.to_string(),
                Some(origin) => format!("insecure from {origin}"),
                None => "--insecure".to_string(),
            };
            log.warn(&format!(
                "{from}: the server's TLS certificate is not verified"
            ));
        }
        if conn.credentials.is_some()
            && conn.base_url.scheme() == "http"
            && !connection::is_loopback(&conn.base_url)
        {
            log.warn(&format!(
                "credentials are sent unencrypted over plain http to {}; use https",
                conn.base_url.host_str().unwrap_or_default()
            ));
        }
        let builder = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(conn.connect_timeout);
        let http = tls::configure(builder, conn)?.build().map_err(|e| {
            let root = retry::root_cause(&e);
            if let (Some(cert), Some(key)) = (&conn.client_cert, &conn.client_key) {
                Error::usage(format!(
                    "cannot use the client certificate {} and the client key {}: {root}; check \
                     that the key belongs to the certificate",
                    cert.display(),
                    key.display()
                ))
            } else {
                anyhow::anyhow!("cannot set up the HTTP client: {root}")
            }
        })?;
        Ok(Client {
            http,
            conn,
            log,
            version: std::sync::OnceLock::new(),
            root: std::sync::OnceLock::new(),
            catalogue: std::sync::OnceLock::new(),
        })
    }

    /// The address `req` is sent to, as messages name it.
    pub fn url(&self, req: &Request) -> String {
        req.url(&self.conn.base_url)
    }

    /// Send `req`, retrying what can be retried (`retry.rs`); a 2xx
    /// answer's JSON body, or an error carrying the exit code.
    pub fn send(&self, req: &Request) -> Result<Value> {
        let (url, answer, tries) = self.exchange(req)?;
        let parsed = json::parse(&answer.text, Keys::LastWins);
        self.log_answer(req, &answer.text, parsed.as_ref());
        let (status, text) = self.accept(req, &url, answer, &tries)?;
        parsed.map_err(|problem| self.unreadable(req, &url, status, &text, &problem))
    }

    /// `send`, for an answer too large to hold as values at once (a list
    /// of thousands of endpoints): its text, checked to be JSON within the
    /// limits of `json/mod.rs`, which the caller reads a piece at a time
    /// (`api::listing`).
    fn send_for_text(&self, req: &Request) -> Result<String> {
        let (url, answer, tries) = self.exchange(req)?;
        // Held to the limits of a parsed answer as a whole, before any
        // piece of it is read.
        let checked = json::check(&answer.text);
        if self.log.is_verbose() && !answer.text.is_empty() {
            // Its size, not its text: a list of thousands would be
            // megabytes of log, and masking it (secrets found in its
            // values, however escaped) would parse it whole.
            match &checked {
                Ok(()) => self
                    .log
                    .debug(&format!("< {} bytes of JSON", answer.text.len())),
                Err(problem) => self.log_answer(req, &answer.text, Err(problem)),
            }
        }
        let (status, text) = self.accept(req, &url, answer, &tries)?;
        checked.map_err(|problem| self.unreadable(req, &url, status, &text, &problem))?;
        Ok(text)
    }

    /// A list answer (`GET /_inference[/_all]`), held as its text and read
    /// one endpoint at a time (`api::listing`).
    pub fn listing(&self, req: &Request) -> Result<Listing> {
        Ok(Listing::new(self.send_for_text(req)?, req, &self.url(req)))
    }

    /// The error for a 2xx answer that is not JSON infer takes.
    fn unreadable(
        &self,
        req: &Request,
        url: &str,
        status: reqwest::StatusCode,
        text: &str,
        problem: &Problem,
    ) -> anyhow::Error {
        match problem {
            Problem::Syntax(e) => Error::UnreadableAnswer(format!(
                "{url} answered HTTP {} with a body that is not JSON ({e}): {}",
                status.as_u16(),
                api::excerpt(text)
            ))
            .into(),
            other => Error::UnreadableAnswer(format!(
                "{}{}",
                other.describe(&format!("the answer of {url} (HTTP {})", status.as_u16())),
                sent_note(req)
            ))
            .into(),
        }
    }

    /// Send `req` until an answer is final: the URL, the answer and the
    /// count of tries (worded for messages).
    fn exchange(&self, req: &Request) -> Result<(String, Answer, String)> {
        let url = self.url(req);
        // After a signal nothing new is written, but what a replace must
        // finish (`interrupt::finishing`).
        if req.method != api::Method::Get && !crate::interrupt::may_write() {
            return Err(Error::Signalled(format!(
                "{}: {} {url} was not sent, so nothing was written by it",
                crate::interrupt::signal_name(),
                req.method.as_str()
            ))
            .into());
        }
        self.log_request(req, &url);
        // What must not come back out, should the server quote it: every
        // output path masks what is registered.
        if let Some(body) = &req.body {
            secret::register_value(body, &req.secret_paths);
        }
        let idempotent = req.is_idempotent();
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            let result = self.attempt(req, &url);
            let reason = match &result {
                Ok(answer) => retry::status_reason(answer.status, idempotent),
                Err(e) => retry::transport_reason(e, idempotent),
            };
            if let Some(reason) = reason.filter(|_| attempt < self.conn.retries) {
                let retry_after = result.as_ref().ok().and_then(|a| a.retry_after);
                let wait = retry_after.unwrap_or_else(|| retry::backoff(attempt));
                if started.elapsed() + wait <= self.conn.retry_budget {
                    attempt += 1;
                    self.log.debug(&format!(
                        "retry {attempt}/{} in {} ms: {reason}",
                        self.conn.retries,
                        wait.as_millis()
                    ));
                    std::thread::sleep(wait);
                    continue;
                }
                self.log.debug(&format!(
                    "no retry: waiting {} ms would pass the retry budget of {} s",
                    wait.as_millis(),
                    self.conn.retry_budget.as_secs()
                ));
            }
            // Worth saying only when there was more than one.
            let tries = if attempt > 0 {
                format!(" after {} tries", attempt + 1)
            } else {
                String::new()
            };
            let answer = result.map_err(|e| self.transport_error(req, &url, &e, &tries))?;
            return Ok((url, answer, tries));
        }
    }

    /// One try: the status, the headers that matter, and the body.
    fn attempt(&self, req: &Request, url: &str) -> Result<Answer, reqwest::Error> {
        let mut builder = match req.method {
            api::Method::Get => self.http.get(url),
            api::Method::Put => self.http.put(url),
            api::Method::Post => self.http.post(url),
            api::Method::Delete => self.http.delete(url),
        };
        builder = builder
            .header("Accept", "application/json")
            .timeout(self.conn.timeout_for(req));
        if let Some(creds) = &self.conn.credentials {
            // A credential that cannot be a header value was refused when
            // it was read (connection.rs), so this only guards.
            if let Ok(mut value) =
                reqwest::header::HeaderValue::from_str(creds.header().expose_secret())
            {
                value.set_sensitive(true);
                builder = builder.header(reqwest::header::AUTHORIZATION, value);
            }
        }
        if let Some(body) = &req.body {
            builder = builder
                .header("Content-Type", "application/json")
                .body(encode::body(body));
        }
        let started = Instant::now();
        let answer = answer::read(builder.send()?)?;
        self.log.debug(&format!(
            "< {} ({} ms)",
            answer.status,
            started.elapsed().as_millis()
        ));
        Ok(answer)
    }

    /// The last answer, if it is a success: its status and text; an error
    /// with the right exit code otherwise.
    fn accept(
        &self,
        req: &Request,
        url: &str,
        answer: Answer,
        tries: &str,
    ) -> Result<(reqwest::StatusCode, String)> {
        let Answer {
            status,
            product,
            location,
            challenge,
            text,
            too_large,
            ..
        } = answer;
        let written = sent_note(req);
        if too_large && !status.is_redirection() {
            return Err(answer::too_large(url, status, written));
        }
        if status == reqwest::StatusCode::NOT_MODIFIED {
            // 304 is an answer to a conditional request, which infer never
            // sends (RFC 9110 section 15.4.5): no redirect, and no body.
            return Err(Error::Connection(format!(
                "{url} answered HTTP 304 Not Modified, which answers only a conditional request \
                 and infer sends none: something between infer and Elasticsearch (a proxy or a \
                 cache) answered in its place; check --url{written}"
            ))
            .into());
        }
        if status.is_redirection() {
            let to = location.unwrap_or_else(|| "another address".into());
            return Err(Error::Connection(format!(
                "{url} answered HTTP {} with a redirect to {to}, which infer does not follow \
                 (it would resend credentials): point --url at the final address",
                status.as_u16()
            ))
            .into());
        }
        if !status.is_success() {
            let mut message = api::render_error(
                status.as_u16(),
                status.canonical_reason().unwrap_or(""),
                &text,
            );
            if !tries.is_empty() {
                message.push_str(&format!(" ({})", tries.trim_start()));
            }
            // Elasticsearch's own refusal of the credentials, not a
            // provider's refusal of its key passed on (a status_exception).
            if status == reqwest::StatusCode::UNAUTHORIZED
                && (challenge || message.contains(" security_exception"))
            {
                message.push_str(&format!("; {}", connection::rejected(self.conn)));
            }
            return Err(Error::Http {
                status: status.as_u16(),
                message,
            }
            .into());
        }
        if product.as_deref() != Some("Elasticsearch") {
            self.log.warn(&self.not_elasticsearch(product.as_deref()));
        }
        Ok((status, text))
    }

    /// The `-v` line of an answer: its values with every registered secret
    /// masked (however the server escaped it in its text), or an excerpt
    /// of a text that is not JSON. JSON past infer's limits is neither
    /// parsed nor quoted: its escapes could spell a secret.
    fn log_answer(&self, req: &Request, text: &str, parsed: Result<&Value, &Problem>) {
        if !self.log.is_verbose() || text.is_empty() {
            return;
        }
        // The services catalogue describes settings (`api_key` among them)
        // and holds no value of any: masking its keys' objects by their
        // names would hide the description, not a secret.
        let catalogue = req.segments.get(1).is_some_and(|s| s == "_services");
        // Answers never hold secrets (`ModelConfigurations.toFilteredXContent`),
        // but a server may quote the
        // request back: masked before the cut, so that the cut cannot leave
        // a piece of one.
        // A secret setting an endpoint in it should not hold is masked by
        // where it is, even before its service's secrets are learned.
        let shown = match parsed {
            Ok(v) if catalogue => secret::scrub_value(v).to_string(),
            Ok(v) => secret::redact(&secret::scrub_value(v), &[]).to_string(),
            Err(Problem::Syntax(_)) => api::excerpt(text),
            Err(_) => format!("{} bytes of JSON past infer's limits", text.len()),
        };
        self.log.debug(&format!("< {shown}"));
    }

    fn log_request(&self, req: &Request, url: &str) {
        if !self.log.is_verbose() {
            return;
        }
        self.log.debug(&format!("> {} {url}", req.method.as_str()));
        for (name, value) in shown_headers(req, self.conn) {
            self.log.debug(&format!("> {name}: {value}"));
        }
        if let Some(body) = &req.body {
            self.log
                .debug(&format!("> {}", secret::redact(body, &req.secret_paths)));
        }
    }
}

/// What a failure after sending means for a request that writes.
fn sent_note(req: &Request) -> &'static str {
    if req.method == api::Method::Get {
        ""
    } else {
        "; the request was sent and may have been applied: check with infer get"
    }
}
