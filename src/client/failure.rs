//! What a failed request says: a transport failure (connection, TLS,
//! time limit, lost connection) with what to check, and an answer that
//! does not come from Elasticsearch.

use super::{Client, plain, retry, sent_note};
use crate::api::Request;
use crate::connection::Origin;
use crate::error::Error;

impl Client<'_> {
    /// What an answer without `X-Elastic-Product: Elasticsearch` means.
    pub(super) fn not_elasticsearch(&self, product: Option<&str>) -> String {
        let said = match product {
            Some(other) => format!("its answer's X-Elastic-Product header says '{other}'"),
            None => "its answer has no X-Elastic-Product: Elasticsearch header".to_string(),
        };
        let from = match self
            .conn
            .origin_of("url")
            .or_else(|| self.conn.origin_of("cloud_id"))
        {
            Some(Origin::Profile(name)) => format!("url of profile '{name}'"),
            Some(Origin::Default) => "the default URL".to_string(),
            Some(other) => other.to_string(),
            None => "--url".to_string(),
        };
        format!(
            "the server at {} does not say it is Elasticsearch: {said}, which every \
             Elasticsearch since 7.14 sends; check that the URL ({from}) points at \
             Elasticsearch (port 9200 by default, not Kibana's 5601), and that no proxy in \
             between drops the header",
            self.conn.base_url
        )
    }

    pub(super) fn transport_error(
        &self,
        req: &Request,
        url: &str,
        err: &reqwest::Error,
        tries: &str,
    ) -> anyhow::Error {
        let root = retry::root_cause(err);
        let written = sent_note(req);
        let message = if err.is_connect() && err.is_timeout() {
            format!(
                "cannot connect to {}{tries} within the connect time limit; check the URL ({}), \
                 or raise the limit with --connect-timeout",
                self.conn.base_url,
                self.from("url", "--url or ES_URL")
            )
        } else if err.is_timeout() {
            format!(
                "no answer from {url}{tries} within the time limit ({}){written}",
                self.from("timeout", "--timeout")
            )
        } else if retry::is_tls_failure(err) {
            self.tls_failure(url, &root, tries)
        } else if err.is_connect() {
            format!(
                "cannot reach Elasticsearch at {}{tries}: {root}; check the URL ({})",
                self.conn.base_url,
                self.from("url", "--url or ES_URL")
            )
        } else {
            format!("lost the connection to {url} before its answer{tries}: {root}{written}")
        };
        Error::Connection(message).into()
    }

    /// Where the setting `key` came from, as a fix names it: the flag, or
    /// `key from ORIGIN`; `usual` when it was not given.
    fn from(&self, key: &str, usual: &str) -> String {
        match self.conn.origin_of(key) {
            Some(Origin::Flag(flag)) => flag.to_string(),
            Some(origin @ (Origin::Env(_) | Origin::Profile(_) | Origin::StartLocal { .. })) => {
                format!("{key} from {origin}")
            }
            _ => usual.to_string(),
        }
    }

    /// A failed TLS handshake, with the advice that fits how it failed
    /// (`plain::handshake`): only a certificate infer refused is a matter
    /// of the CA; a server that hung up, answered plain HTTP or sent an
    /// alert is not.
    fn tls_failure(&self, url: &str, root: &str, tries: &str) -> String {
        let base = &self.conn.base_url;
        let failed = format!("TLS failure talking to {url}{tries}: {root}");
        let client_cert = if self.conn.client_cert.is_some() {
            "a client certificate the server does not accept (check --client-cert and \
             --client-key)"
        } else {
            "a client certificate the server requires (give --client-cert and --client-key)"
        };
        match plain::handshake(root) {
            plain::Handshake::Closed if plain::answers_plain_http(base) => {
                let mut http = base.clone();
                // Both are special schemes, so the change cannot fail
                // (url's `set_scheme`); the URL is shown either way.
                let _ = http.set_scheme("http");
                format!(
                    "the server at {base} answered plain HTTP on an https:// URL: use {http} \
                     instead ({}), or the server's TLS port",
                    self.from("url", "--url or ES_URL")
                )
            }
            plain::Handshake::Closed => {
                let what = if root.to_ascii_lowercase().contains("corrupt message") {
                    "the server answered the TLS handshake with bytes that are not TLS"
                } else {
                    "the server closed the connection during the TLS handshake"
                };
                format!(
                    "{failed}; {what}, which is not a certificate problem. Its usual causes: \
                     an https:// URL at a plain-HTTP port (a plain request there got no HTTP \
                     answer either: check the port), {client_cert}, or TLS versions the server \
                     does not speak (infer offers TLS 1.2 and 1.3)"
                )
            }
            plain::Handshake::ClientCertificate => format!(
                "{failed}; the server wants a client certificate it trusts: check --client-cert \
                 and --client-key"
            ),
            plain::Handshake::Version => format!(
                "{failed}; the server speaks no TLS version infer offers (TLS 1.2 and 1.3): \
                 enable one of them on the server (Elasticsearch: \
                 xpack.security.http.ssl.supported_protocols)"
            ),
            plain::Handshake::Refused => format!(
                "{failed}; the server ended the handshake, which is not a certificate problem. \
                 Its usual causes: {client_cert}, or no TLS version or cipher suite in common \
                 (infer offers TLS 1.2 and 1.3)"
            ),
            plain::Handshake::Certificate => format!("{failed}; {}", self.trust_advice()),
        }
    }

    /// What to check when infer refused the server's certificate.
    fn trust_advice(&self) -> String {
        if self.conn.ca_fingerprint.is_some() {
            format!(
                "check the fingerprint ({}) and the host name",
                self.from("ca_fingerprint", "--ca-fingerprint")
            )
        } else if self.conn.ca_cert.is_some() {
            format!(
                "check the CA ({}) and the host name",
                self.from("ca_cert", "--ca-cert")
            )
        } else {
            "pass --ca-cert with Elasticsearch's http_ca.crt (or --ca-fingerprint), or check the \
             host name"
                .to_string()
        }
    }
}
