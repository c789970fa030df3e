//! What an update may change, per service and server: the `service_settings`
//! keys a service's update consumes, the kinds of secret it stores, and
//! whether it resets a setting sent as `null` (ref 3.8, 3.9, 15.1–15.4).
//!
//! A change the service cannot make never helps: an old server keeps the
//! old value and answers 200, a new one answers 400 (ref 15.1). So infer
//! refuses it before writing; `--allow-field` sends it anyway for when this
//! table lags the server.

use serde_json::{Map, Value};

use crate::server::Server;

/// Non-secret `service_settings` keys each service's update consumes on the
/// newest servers (ref 3.8, 15.1, 15.4, 15.6). A known service that is not
/// listed updates none: its update leaves every key over, which old servers
/// ignore and new ones reject.
const UPDATABLE: &[(&str, &[&str])] = &[
    // OpenAiEmbeddingsServiceSettings.updateServiceSettings: model_id,
    // dimensions and similarity are left over (ref 15.1).
    (
        "openai",
        &[
            "organization_id",
            "max_input_tokens",
            "rate_limit",
            "client_id",
            "scopes",
            "token_url",
        ],
    ),
    // resource_name, deployment_id, api_version are kept (ref 3.8); custom
    // headers and OAuth2 fields are new (ref 15.6).
    (
        "azureopenai",
        &[
            "rate_limit",
            "max_input_tokens",
            "headers",
            "client_id",
            "scopes",
            "tenant_id",
        ],
    ),
    // #146242.
    (
        "custom",
        &[
            "url",
            "headers",
            "query_parameters",
            "request",
            "response",
            "input_type",
            "rate_limit",
            "batch_size",
            "max_input_tokens",
        ],
    ),
    ("amazon_sagemaker", &["batch_size"]), // #147597
    ("watsonxai", &["rate_limit", "max_input_tokens"]), // #147250
    // #146981, #147143, #147480 and the new parsers (ref 15.2): the
    // settings every converted service shares.
    ("groq", &["rate_limit", "max_input_tokens"]),
    ("hugging_face", &["rate_limit", "max_input_tokens"]),
    ("openshift_ai", &["rate_limit", "max_input_tokens"]),
    ("llama", &["rate_limit", "max_input_tokens"]),
    ("ai21", &["rate_limit", "max_input_tokens"]),
    // In-cluster services: the deployment's allocations (ref 3.9, 15.4).
    (
        "elasticsearch",
        &["num_allocations", "adaptive_allocations"],
    ),
    ("elser", &["num_allocations", "adaptive_allocations"]),
];

/// Services on the new parsers, where `null` resets or clears a setting
/// (#151766, #157895, #157900, #157994; ref 15.2). Elsewhere a `null` is
/// read as "absent", and the value stays.
const RESETS_WITH_NULL: [&str; 3] = ["llama", "hugging_face", "ai21"];

/// The `service_settings` keys an update of `service` may change on
/// `server`; `None` when infer does not know the service.
pub fn updatable_keys(service: &str, server: Server) -> Option<&'static [&'static str]> {
    if !super::is_known(service) {
        return None;
    }
    if !server.per_service_updates() {
        // Before the 2026 series only allocations and secrets changed (ref 3.8, 3.9).
        return Some(if super::is_in_cluster(service) {
            &["num_allocations"]
        } else {
            &[]
        });
    }
    Some(
        UPDATABLE
            .iter()
            .find(|(s, _)| *s == service)
            .map_or(&[], |(_, keys)| *keys),
    )
}

/// The kinds of secret a service stores; each is one or more fields that
/// travel together (ref 7.2, 15.3).
pub fn secret_kinds(service: &str) -> &'static [&'static [&'static str]] {
    match service {
        "openai" => &[&["api_key"], &["client_secret"]],
        "azureopenai" => &[&["api_key"], &["entra_id"], &["client_secret"]],
        "amazonbedrock" | "amazon_sagemaker" => &[&["access_key", "secret_key"]],
        "googlevertexai" => &[&["service_account_json"]],
        "custom" => &[&["secret_parameters"]],
        "elasticsearch" | "elser" | "elastic" => &[],
        _ => &[&["api_key"]],
    }
}

/// Whether an update may change a key, and why not.
#[derive(Debug, PartialEq, Eq)]
pub enum Updatable {
    Yes,
    No,
    /// infer does not know the service, and the server's catalogue does not say.
    Unknown,
}

/// The update rules of one endpoint's service on one server.
pub struct UpdateRules<'a> {
    pub service: &'a str,
    pub server: Server,
    /// The service's `configurations` in `_inference/_services`, when read.
    pub catalogue: Option<&'a Map<String, Value>>,
}

impl UpdateRules<'_> {
    /// Whether `service_settings.KEY` (a top-level key) can change. The
    /// catalogue can only widen the table: it lags the server (#147597),
    /// so its `updatable: false` does not overrule a key the table knows,
    /// and its `true` admits a key the table does not list yet. Nested
    /// settings are listed by dotted path there (ref 15.6a).
    pub fn service_setting(&self, key: &str) -> Updatable {
        let table = updatable_keys(self.service, self.server);
        if table.is_some_and(|keys| keys.contains(&key)) {
            return Updatable::Yes;
        }
        let listed: Vec<&Value> = self
            .catalogue
            .into_iter()
            .flat_map(|c| c.iter())
            .filter(|(name, _)| {
                *name == key || name.strip_prefix(key).is_some_and(|r| r.starts_with('.'))
            })
            .map(|(_, field)| field)
            .collect();
        let says = |v: bool| {
            listed
                .iter()
                .any(|f| f.get("updatable") == Some(&Value::Bool(v)))
        };
        if says(true) && self.server.per_service_updates() {
            Updatable::Yes
        } else if table.is_some() || says(false) {
            Updatable::No
        } else {
            Updatable::Unknown
        }
    }

    /// Why the secrets of an update cannot be sent as given, if they cannot:
    /// one kind at a time, paired fields together, and never another kind
    /// than the endpoint stores (ref 15.3). `given` are the secret fields of
    /// the update; `stored` the endpoint's (non-secret) service settings,
    /// which show OAuth2 endpoints by their `client_id`.
    pub fn secret_problem(&self, given: &[&str], stored: Option<&Value>) -> Option<String> {
        let service = self.service;
        let kinds = secret_kinds(service);
        let used: Vec<&[&str]> = kinds
            .iter()
            .copied()
            .filter(|kind| kind.iter().any(|f| given.contains(f)))
            .collect();
        if used.len() > 1 {
            let names: Vec<String> = used.iter().map(|k| k.join(" and ")).collect();
            return Some(format!(
                "an endpoint of the {service} service holds one kind of secret, and this update \
                 gives {}: send only the kind the endpoint uses",
                names.join(" and ")
            ));
        }
        let kind = used.first()?;
        if kind.len() > 1 && !kind.iter().all(|f| given.contains(f)) {
            let missing: Vec<&str> = kind
                .iter()
                .copied()
                .filter(|f| !given.contains(f))
                .collect();
            return Some(format!(
                "the {service} service rotates {} together, and this update leaves out {}: \
                 give both, e.g. --secret-env {}=VAR",
                kind.join(" and "),
                missing.join(", "),
                missing[0]
            ));
        }
        let stored_kind = stored_kind(service, stored)?;
        if stored_kind != *kind {
            return Some(format!(
                "the endpoint's secret is its {}, and Elasticsearch cannot change the kind of \
                 secret of an endpoint (it rejects {}): rotate the {} instead, or create a new \
                 endpoint that uses {} and point your index at it",
                stored_kind.join(" and "),
                kind.join(" and "),
                stored_kind.join(" and "),
                kind.join(" and ")
            ));
        }
        None
    }

    /// Why a `null` cannot be sent, if it cannot: only the newest servers
    /// reset a setting with it, and only for services on the new parsers
    /// (ref 15.2). An unknown service is given the benefit of the doubt.
    pub fn null_problem(&self, path: &str) -> Option<String> {
        let service = self.service;
        if !self.server.resets_with_null() {
            return Some(format!(
                "{path}: {} does not reset a setting sent as null (it stores or ignores it; \
                 resets came with the 2026 parsers, #126479): set the value you want instead",
                self.server.describe()
            ));
        }
        if super::is_known(service) && !RESETS_WITH_NULL.contains(&service) {
            return Some(format!(
                "{path}: the {service} service reads null as \"not given\" and keeps the \
                 value (only {} reset with null): set the value you want instead",
                RESETS_WITH_NULL.join(", ")
            ));
        }
        None
    }
}

/// The kind of secret an endpoint stores, where its settings show it:
/// OAuth2 endpoints carry a `client_id`. An Azure key and an Entra ID look
/// alike from outside, so that case stays unknown (the server's 400 is
/// explained instead).
fn stored_kind(service: &str, stored: Option<&Value>) -> Option<&'static [&'static str]> {
    let oauth = stored.is_some_and(|s| s.get("client_id").is_some());
    match service {
        "openai" if oauth => Some(&["client_secret"]),
        "openai" => Some(&["api_key"]),
        "azureopenai" if oauth => Some(&["client_secret"]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NEW: Server = Server::Version(9, 6);

    fn rules<'a>(service: &'a str, catalogue: Option<&'a Map<String, Value>>) -> UpdateRules<'a> {
        UpdateRules {
            service,
            server: NEW,
            catalogue,
        }
    }

    #[test]
    fn the_table_decides_and_the_catalogue_only_widens() {
        let openai = rules("openai", None);
        assert_eq!(openai.service_setting("rate_limit"), Updatable::Yes);
        assert_eq!(openai.service_setting("model_id"), Updatable::No);
        let catalogue = json!({"rate_limit.requests_per_minute": {"updatable": false},
            "dimensions": {"updatable": true}});
        let c = catalogue.as_object().unwrap();
        let refined = rules("openai", Some(c));
        assert_eq!(refined.service_setting("rate_limit"), Updatable::Yes);
        assert_eq!(refined.service_setting("dimensions"), Updatable::Yes);
        assert_eq!(
            rules("brand-new", None).service_setting("x"),
            Updatable::Unknown
        );
        assert_eq!(
            rules("brand-new", Some(c)).service_setting("dimensions"),
            Updatable::Yes
        );
        let old = UpdateRules {
            service: "openai",
            server: Server::Version(9, 2),
            catalogue: Some(c),
        };
        assert_eq!(old.service_setting("rate_limit"), Updatable::No);
        assert_eq!(old.service_setting("dimensions"), Updatable::No);
        let elser = UpdateRules {
            service: "elasticsearch",
            server: Server::Version(8, 17),
            catalogue: None,
        };
        assert_eq!(elser.service_setting("num_allocations"), Updatable::Yes);
        assert_eq!(elser.service_setting("adaptive_allocations"), Updatable::No);
    }

    #[test]
    fn secret_kinds_pairs_and_changes() {
        let azure = rules("azureopenai", None);
        assert!(
            azure
                .secret_problem(&["api_key", "entra_id"], None)
                .is_some()
        );
        assert!(
            azure
                .secret_problem(&["entra_id"], Some(&json!({})))
                .is_none()
        );
        let oauth = json!({"client_id": "c"});
        let err = azure.secret_problem(&["api_key"], Some(&oauth)).unwrap();
        assert!(err.contains("secret is its client_secret"), "{err}");
        let openai = rules("openai", None);
        let err = openai
            .secret_problem(&["client_secret"], Some(&json!({})))
            .unwrap();
        assert!(err.contains("secret is its api_key"), "{err}");
        let aws = rules("amazonbedrock", None);
        let err = aws.secret_problem(&["access_key"], None).unwrap();
        assert!(err.contains("leaves out secret_key"), "{err}");
        assert!(
            aws.secret_problem(&["access_key", "secret_key"], None)
                .is_none()
        );
    }

    #[test]
    fn null_needs_a_new_server_and_a_new_parser() {
        assert!(rules("llama", None).null_problem("p").is_none());
        assert!(rules("openai", None).null_problem("p").is_some());
        assert!(rules("brand-new", None).null_problem("p").is_none());
        let old = UpdateRules {
            service: "llama",
            server: Server::Version(9, 5),
            catalogue: None,
        };
        assert!(old.null_problem("p").unwrap().contains("Elasticsearch 9.5"));
    }
}
