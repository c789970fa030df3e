//! The secret settings of each service infer knows: the keys of
//! `service_settings` that the server keeps in its secret settings, never
//! returns, and that infer must mask and take only as references. One row a
//! service, each with the Elasticsearch source it was read from (paths under
//! `x-pack/plugin/inference/src/main/java/org/elasticsearch/xpack/inference/
//! services/` unless a PR or issue is named), or "unverified" where none was
//! read. `services::TASK_TYPES` names the same services (a test checks).

/// One service's secret settings.
pub struct Row {
    pub service: &'static str,
    /// Top-level keys of `service_settings`.
    pub secrets: &'static [&'static str],
    /// Where this was read in Elasticsearch's source: kept as data.
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: &'static str,
}

const DEFAULT: &[&str] = &["api_key"];
const DEFAULT_SOURCE: &str = "settings/DefaultSecretSettings.java";

pub const TABLE: &[Row] = &[
    Row {
        service: "ai21",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "alibabacloud-ai-search",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "amazonbedrock",
        secrets: &["access_key", "secret_key"],
        source: "AwsSecretSettings.java",
    },
    Row {
        service: "amazon_sagemaker",
        secrets: &["access_key", "secret_key"],
        source: "AwsSecretSettings.java",
    },
    Row {
        service: "anthropic",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "azureaistudio",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "azureopenai",
        secrets: &["api_key", "entra_id", "client_secret"],
        source: "azureopenai/AzureOpenAiSecretSettings.java; client_secret: OAuth2, #149628",
    },
    Row {
        service: "cohere",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "contextualai",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "custom",
        secrets: &["secret_parameters"],
        source: "unverified: read from elasticsearch-specification inference/_types/\
                 CommonTypes.ts, not from the server's class",
    },
    Row {
        service: "deepseek",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "elastic",
        secrets: &[],
        source: "unverified: the Elastic Inference Service; no secret settings class was read",
    },
    Row {
        service: "elasticsearch",
        secrets: &[],
        source: "unverified: an in-cluster model; no secret settings class was read",
    },
    Row {
        service: "elser",
        secrets: &[],
        source: "unverified: an in-cluster model; no secret settings class was read",
    },
    Row {
        service: "fireworksai",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "googleaistudio",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "googlevertexai",
        secrets: &["service_account_json"],
        source: "googlevertexai/GoogleVertexAiSecretSettings.java",
    },
    Row {
        service: "groq",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "hugging_face",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "jinaai",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "llama",
        secrets: DEFAULT,
        source: "DefaultSecretSettings.java; optional at creation (#140888)",
    },
    Row {
        service: "mistral",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "nvidia",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "ocigenai",
        secrets: &["tenancy_id", "user_id", "fingerprint", "private_key"],
        source: "ocigenai/OciGenAiSecretSettings.java",
    },
    Row {
        service: "openai",
        secrets: &["api_key", "client_secret"],
        source: "DefaultSecretSettings.java; client_secret: OAuth2, #149628",
    },
    Row {
        service: "openshift_ai",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
    Row {
        service: "tencentcloud",
        secrets: DEFAULT,
        source: "unverified: DefaultSecretSettings assumed (the service came after the \
                 classes read)",
    },
    Row {
        service: "voyageai",
        secrets: DEFAULT,
        source: "voyageai/VoyageAIModel.java",
    },
    Row {
        service: "watsonxai",
        secrets: DEFAULT,
        source: DEFAULT_SOURCE,
    },
];

/// The secret settings of `service`, if infer's table knows the service.
pub fn of(service: &str) -> Option<&'static [&'static str]> {
    TABLE
        .iter()
        .find(|row| row.service == service)
        .map(|row| row.secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oci_keeps_four_secrets_and_in_cluster_services_none() {
        assert_eq!(
            of("ocigenai"),
            Some(&["tenancy_id", "user_id", "fingerprint", "private_key"][..])
        );
        assert_eq!(of("elser"), Some(&[][..]));
        assert_eq!(of("acme"), None);
    }
}
