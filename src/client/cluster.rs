//! What a client learns of the server it talks to, at most once a run:
//! the answer of `GET /`, the version it gives, and the catalogue of
//! services (which settings each keeps secret).

use anyhow::Result;
use serde_json::Value;

use super::Client;
use crate::api::Request;
use crate::secret;
use crate::server::Server;

impl Client<'_> {
    /// The answer of `GET /` (the version, the cluster's uuid), asked at
    /// most once a run.
    pub fn root(&self) -> Result<&Value> {
        if let Some(known) = self.root.get() {
            return Ok(known);
        }
        let answer = self.send(&Request::root())?;
        Ok(self.root.get_or_init(|| answer))
    }

    /// The server's version from `GET /` (what decides the update rules,
    /// `server.rs`), asked only when needed and at most once.
    pub fn server(&self) -> Result<Server> {
        if let Some(known) = self.version.get() {
            return Ok(*known);
        }
        let root = self.root()?;
        let number = root
            .pointer("/version/number")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let flavor = root
            .pointer("/version/build_flavor")
            .and_then(Value::as_str);
        self.log.debug(&format!(
            "server: Elasticsearch {number} ({})",
            flavor.unwrap_or("unknown flavour")
        ));
        Ok(*self
            .version
            .get_or_init(|| Server::from_root(number, flavor)))
    }

    /// The server's catalogue of services (`GET _inference/_services`),
    /// asked only when a decision needs it and at most once; what it marks
    /// `sensitive` is a secret from then on (`secret::learn`). `None` when
    /// it cannot be read: the route is not in the spec (Elasticsearch
    /// names it in `x-pack/plugin/inference/src/main/java/org/elasticsearch/
    /// xpack/inference/rest/Paths.java`), an older server may lack it, and
    /// a key may lack the privilege to read it.
    pub fn catalogue(&self) -> Option<&Value> {
        self.catalogue
            .get_or_init(|| match self.send(&Request::services(None)) {
                Ok(answer) if answer.is_array() => {
                    secret::learn(&answer);
                    Some(answer)
                }
                outcome => {
                    let why = match outcome {
                        Err(e) => format!("{e:#}"),
                        Ok(_) => "the answer is not a list of services".to_string(),
                    };
                    self.log.debug(&format!(
                        "(no _inference/_services catalogue: {why}; infer's table decides which \
                         settings are secret, and every setting of a service it does not know \
                         is masked)"
                    ));
                    secret::unreadable();
                    None
                }
            })
            .as_ref()
    }

    /// Read the catalogue if what `service` keeps secret depends on it:
    /// infer's table does not know the service, and the catalogue has not
    /// been asked for yet.
    pub fn learn_secrets_of(&self, service: &str) {
        if secret::needs_catalogue(service) {
            self.catalogue();
        }
    }
}
