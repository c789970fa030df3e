//! What an update may change, per service, task type and server: the
//! `service_settings` keys a service's update consumes, the settings it
//! resets when sent as `null`, and the kinds of secret it stores.
//!
//! These are hand tables, and a hand table lags the server. Servers from
//! 9.5 judge an update themselves (`Server::judges_updates`): they answer
//! 400 to what they cannot apply, so there infer sends and explains the
//! answer, and the table only informs. On older servers, which keep what
//! they cannot apply and answer 200, the table (a short, stable one there)
//! is what refuses before the write; `--allow-field` sends a key anyway.
//!
//! Sources: each service's settings class under
//! `x-pack/plugin/inference/src/main/java/org/elasticsearch/xpack/inference/services/`
//! (its update parser or `updateServiceSettings`), or the PR named.

use crate::server::Server;

/// One row: the keys the update of `service` consumes, for `task_types`
/// (empty: every task type of the service), and for its other task types
/// when the row says (`others`; `None`: a later row may).
struct Row {
    service: &'static str,
    task_types: &'static [&'static str],
    keys: &'static [&'static str],
    others: Option<&'static [&'static str]>,
}

const fn row(
    service: &'static str,
    task_types: &'static [&'static str],
    keys: &'static [&'static str],
) -> Row {
    Row {
        service,
        task_types,
        keys,
        others: None,
    }
}

/// A service whose embeddings take the token limit as well as the rate
/// limit, and whose other task types the rate limit alone.
const fn embeddings_and_tokens(service: &'static str) -> Row {
    Row {
        others: Some(RATE),
        ..row(service, EMBEDDINGS, RATE_AND_TOKENS)
    }
}

const EMBEDDINGS: &[&str] = &["text_embedding", "embedding", "sparse_embedding"];
const RATE: &[&str] = &["rate_limit"];
const RATE_AND_TOKENS: &[&str] = &["rate_limit", "max_input_tokens"];
const ALLOCATIONS: &[&str] = &["num_allocations", "adaptive_allocations"];

/// The non-secret `service_settings` keys each service's update consumes
/// on servers that judge updates (9.5 and later). The first row that
/// matches the service and task type decides; a known service with no
/// row updates none of them.
#[rustfmt::skip]
const UPDATABLE: &[Row] = &[
    // openai/embeddings/OpenAiEmbeddingsServiceSettings.java updateServiceSettings;
    // the OAuth2 keys only on an endpoint created with OAuth2.
    row("openai", &[], &["organization_id", "max_input_tokens", "rate_limit", "client_id", "scopes", "token_url"]),
    // azureopenai/embeddings/AzureOpenAiEmbeddingsServiceSettings.java (unverified per task type).
    row("azureopenai", &[], &["rate_limit", "max_input_tokens", "headers", "client_id", "scopes", "tenant_id"]),
    // #146242.
    row("custom", &[], &["url", "headers", "query_parameters", "request", "response", "input_type",
        "rate_limit", "batch_size", "max_input_tokens"]),
    // #147597.
    row("amazon_sagemaker", &[], &["batch_size"]),
    // groq/completion/GroqChatCompletionServiceSettings.java.
    row("groq", &[], &["organization_id", "rate_limit"]),
    // ai21/completion/Ai21ChatCompletionServiceSettings.java.
    row("ai21", &[], RATE),
    // huggingface/: #157849, #157895, #157900, #157994.
    embeddings_and_tokens("hugging_face"),
    // ibmwatsonx/: #147250; rerank and chat take the rate limit alone.
    embeddings_and_tokens("watsonxai"),
    // jinaai/embeddings/JinaAIEmbeddingsServiceSettings.java, jinaai/rerank/JinaAIRerankServiceSettings.java.
    embeddings_and_tokens("jinaai"),
    // tencentcloud/, ocigenai/, llama/ (#151766): embeddings take the token limit too.
    embeddings_and_tokens("tencentcloud"),
    embeddings_and_tokens("ocigenai"),
    embeddings_and_tokens("llama"),
    // amazonbedrock/embeddings/, amazonbedrock/completion/.
    embeddings_and_tokens("amazonbedrock"),
    // alibabacloudsearch/.
    row("alibabacloud-ai-search", &[], &["http_schema", "rate_limit", "max_input_tokens"]),
    // elastic/sparseembeddings/ElasticInferenceServiceSparseEmbeddingsServiceSettings.java.
    row("elastic", &["sparse_embedding"], &["max_batch_size"]),
    // googlevertexai/embeddings/ (TransportUpdateInferenceModelActionTests' default body).
    row("googlevertexai", &["text_embedding"], &["max_batch_size"]),
    // anthropic/completion/, cohere/ (unverified per task type).
    row("anthropic", &[], RATE),
    row("cohere", &[], RATE),
    // #147480 (unverified per task type).
    row("openshift_ai", &[], RATE_AND_TOKENS),
    // elasticsearch/ElasticsearchInternalServiceSettings.java: exactly one of the two
    // on the newest servers (`ops::allocations`).
    row("elasticsearch", &[], ALLOCATIONS),
    row("elser", &[], ALLOCATIONS),
];

/// From which server a rule holds.
type Since = fn(Server) -> bool;

/// Services whose update parser reads `null` as "reset to the default, or
/// clear" (`StatefulValue.declareNullable`, #126479), and from which server.
/// Every other service reads `null` as "not given" and keeps the value.
#[rustfmt::skip]
const NULLABLE: &[(&str, Since)] = &[
    ("llama", Server::llama_nulls), // #151766
    ("ai21", Server::newest_parsers),
    ("groq", Server::newest_parsers),
    ("watsonxai", Server::newest_parsers),
    ("alibabacloud-ai-search", Server::newest_parsers),
    ("jinaai", Server::newest_parsers),
    ("tencentcloud", Server::newest_parsers),
    ("ocigenai", Server::newest_parsers),
    ("elastic", Server::newest_parsers),
    ("hugging_face", Server::newest_parsers), // #157849 to #157994
    ("elasticsearch", Server::newest_parsers),
    ("elser", Server::newest_parsers),
];

/// The `service_settings` keys an update of a `task_type` endpoint of
/// `service` may change on `server`; `None` when infer does not know the
/// service.
pub fn updatable_keys(
    service: &str,
    task_type: &str,
    server: Server,
) -> Option<&'static [&'static str]> {
    if !super::is_known(service) {
        return None;
    }
    if !server.judges_updates() {
        // ServiceSettings.updateServiceSettings returned the settings
        // unchanged: only secrets and the deployment's count changed.
        return Some(if super::is_in_cluster(service) {
            &["num_allocations"]
        } else {
            &[]
        });
    }
    Some(
        UPDATABLE
            .iter()
            .filter(|r| r.service == service)
            .find_map(|r| {
                if r.task_types.is_empty() || r.task_types.contains(&task_type) {
                    Some(r.keys)
                } else {
                    r.others
                }
            })
            .unwrap_or(&[]),
    )
}

/// The kinds of secret a service stores: an endpoint holds one kind, and
/// each kind is one or more fields (`*SecretSettings` of each service;
/// #149628 for the rule that the kind cannot change).
pub fn secret_kinds(service: &str) -> &'static [&'static [&'static str]] {
    match service {
        "openai" => &[&["api_key"], &["client_secret"]],
        "azureopenai" => &[&["api_key"], &["entra_id"], &["client_secret"]],
        "amazonbedrock" | "amazon_sagemaker" => &[&["access_key", "secret_key"]],
        "googlevertexai" => &[&["service_account_json"]],
        "custom" => &[&["secret_parameters"]],
        // ocigenai/OciGenAiSecretSettings.java.
        "ocigenai" => &[&["tenancy_id", "user_id", "fingerprint", "private_key"]],
        "elasticsearch" | "elser" | "elastic" => &[],
        _ => &[&["api_key"]],
    }
}

/// Secret fields that change together: a key pair is rotated whole.
#[rustfmt::skip]
const PAIRED: &[(&str, &[&str])] = &[
    // #149628 (PR text; no source seen).
    ("amazonbedrock", &["access_key", "secret_key"]),
    ("amazon_sagemaker", &["access_key", "secret_key"]),
    // ocigenai/OciGenAiSecretSettings.java: the fingerprint names the signing key.
    ("ocigenai", &["private_key", "fingerprint"]),
];

/// Whether an update may change a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Updatable {
    Yes,
    No,
    /// infer does not know the service.
    Unknown,
}

/// The update rules of one endpoint's service on one server.
pub struct UpdateRules<'a> {
    pub service: &'a str,
    pub task_type: &'a str,
    pub server: Server,
}

impl UpdateRules<'_> {
    /// Whether `service_settings.KEY` (a top-level key) can change.
    pub fn service_setting(&self, key: &str) -> Updatable {
        match updatable_keys(self.service, self.task_type, self.server) {
            None => Updatable::Unknown,
            Some(keys) if keys.contains(&key) => Updatable::Yes,
            Some(_) => Updatable::No,
        }
    }

    /// Why the secrets of an update cannot be sent as given, if they cannot:
    /// one kind at a time, paired fields together, and never another kind
    /// than the endpoint stores (#149628). `given` are the secret fields of
    /// the update; `stored` the endpoint's (non-secret) service settings,
    /// which show OAuth2 endpoints by their `client_id`.
    pub fn secret_problem(
        &self,
        given: &[&str],
        stored: Option<&serde_json::Value>,
    ) -> Option<String> {
        let service = self.service;
        let used: Vec<&[&str]> = secret_kinds(service)
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
        for (_, pair) in PAIRED.iter().filter(|(s, _)| *s == service) {
            let missing: Vec<&str> = pair
                .iter()
                .copied()
                .filter(|f| !given.contains(f))
                .collect();
            if missing.len() < pair.len() && !missing.is_empty() {
                return Some(format!(
                    "the {service} service rotates {} together, and this update leaves out {}: \
                     give both, e.g. --secret-env {}=VAR",
                    pair.join(" and "),
                    missing.join(", "),
                    missing[0]
                ));
            }
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

    /// Why a `null` at `path` would not reset anything, if it would not:
    /// the service's update parser on this server reads it as "not given"
    /// and keeps the value. An unknown service is given the benefit of the
    /// doubt (verification then says whether it was applied).
    pub fn null_problem(&self, path: &str) -> Option<String> {
        let (service, server) = (self.service, self.server);
        if !server.llama_nulls() {
            return Some(format!(
                "{path}: {} does not reset a setting sent as null (it stores or ignores it; \
                 resets came with the 2026 parsers, #126479): set the value you want instead",
                server.describe()
            ));
        }
        if !super::is_known(service) {
            return None;
        }
        match NULLABLE.iter().find(|(s, _)| *s == service) {
            Some((_, since)) if since(server) => None,
            Some(_) => Some(format!(
                "{path}: {} does not reset a setting sent as null for the {service} service (it \
                 keeps the value; its update takes null from a newer release): set the value \
                 you want instead",
                server.describe()
            )),
            None => Some(format!(
                "{path}: the {service} service does not reset a setting sent as null (its \
                 update parser reads it as \"not given\" and keeps the value): set the value \
                 you want instead"
            )),
        }
    }
}

/// The kind of secret an endpoint stores, where its settings show it:
/// OAuth2 endpoints carry a `client_id`. An Azure key and an Entra ID look
/// alike from outside, so that case stays unknown (the server's 400 is
/// explained instead).
pub fn stored_kind(
    service: &str,
    stored: Option<&serde_json::Value>,
) -> Option<&'static [&'static str]> {
    let oauth = stored.is_some_and(|s| s.get("client_id").is_some());
    match service {
        "openai" if oauth => Some(&["client_secret"]),
        "openai" => Some(&["api_key"]),
        "azureopenai" if oauth => Some(&["client_secret"]),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
