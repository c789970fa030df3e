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
        let from = |key: &str, usual: &str| match self.conn.origin_of(key) {
            Some(Origin::Flag(flag)) => flag.to_string(),
            Some(origin @ (Origin::Env(_) | Origin::Profile(_) | Origin::StartLocal { .. })) => {
                format!("{key} from {origin}")
            }
            _ => usual.to_string(),
        };
        let written = sent_note(req);
        let message = if err.is_connect() && err.is_timeout() {
            format!(
                "cannot connect to {}{tries} within the connect time limit; check the URL ({}), \
                 or raise the limit with --connect-timeout",
                self.conn.base_url,
                from("url", "--url or ES_URL")
            )
        } else if err.is_timeout() {
            format!(
                "no answer from {url}{tries} within the time limit ({}){written}",
                from("timeout", "--timeout")
            )
        } else if plain::not_tls(&root)
            && self.conn.base_url.scheme() == "https"
            && plain::answers_plain_http(&self.conn.base_url)
        {
            format!(
                "the server at {} answered plain HTTP on an https:// URL: use http://, or the \
                 TLS port",
                self.conn.base_url
            )
        } else if retry::is_tls_failure(err) {
            let lower = root.to_ascii_lowercase();
            let fix = if lower.contains("certificaterequired")
                || lower.contains("unknownca")
                || lower.contains("bad_certificate")
                || lower.contains("badcertificate")
            {
                "the server wants a client certificate it trusts: check --client-cert and \
                 --client-key"
                    .to_string()
            } else if self.conn.ca_fingerprint.is_some() {
                format!(
                    "check the fingerprint ({}) and the host name",
                    from("ca_fingerprint", "--ca-fingerprint")
                )
            } else if self.conn.ca_cert.is_some() {
                format!(
                    "check the CA ({}) and the host name",
                    from("ca_cert", "--ca-cert")
                )
            } else {
                "pass --ca-cert with Elasticsearch's http_ca.crt (or --ca-fingerprint), or check \
                 the host name"
                    .to_string()
            };
            format!("TLS failure talking to {url}{tries}: {root}; {fix}")
        } else if err.is_connect() {
            format!(
                "cannot reach Elasticsearch at {}{tries}: {root}; check the URL ({})",
                self.conn.base_url,
                from("url", "--url or ES_URL")
            )
        } else {
            format!("lost the connection to {url} before its answer{tries}: {root}{written}")
        };
        Error::Connection(message).into()
    }
}
