use super::*;
use serde_json::json;

const NEW: Server = Server::Version(9, 6);

fn rules<'a>(service: &'a str, task_type: &'a str, server: Server) -> UpdateRules<'a> {
    UpdateRules {
        service,
        task_type,
        server,
    }
}

#[test]
fn keys_by_service_task_type_and_server() {
    let openai = rules("openai", "text_embedding", NEW);
    assert_eq!(openai.service_setting("rate_limit"), Updatable::Yes);
    assert_eq!(openai.service_setting("model_id"), Updatable::No);
    let groq = rules("groq", "chat_completion", NEW);
    assert_eq!(groq.service_setting("organization_id"), Updatable::Yes);
    let jina = rules("jinaai", "rerank", NEW);
    assert_eq!(jina.service_setting("rate_limit"), Updatable::Yes);
    assert_eq!(jina.service_setting("max_input_tokens"), Updatable::No);
    let jina = rules("jinaai", "text_embedding", NEW);
    assert_eq!(jina.service_setting("max_input_tokens"), Updatable::Yes);
    assert_eq!(
        rules("brand-new", "rerank", NEW).service_setting("x"),
        Updatable::Unknown
    );
    let old = rules("openai", "text_embedding", Server::Version(9, 4));
    assert_eq!(old.service_setting("rate_limit"), Updatable::No);
    let elser = rules("elasticsearch", "sparse_embedding", Server::Version(8, 17));
    assert_eq!(elser.service_setting("num_allocations"), Updatable::Yes);
    assert_eq!(elser.service_setting("adaptive_allocations"), Updatable::No);
}

#[test]
fn every_row_names_a_known_service_and_task_type() {
    for row in UPDATABLE {
        assert!(super::super::is_known(row.service), "{}", row.service);
    }
    for (service, _) in NULLABLE {
        assert!(super::super::is_known(service), "{service}");
    }
}

#[test]
fn secret_kinds_pairs_and_changes() {
    let azure = rules("azureopenai", "completion", NEW);
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
    let openai = rules("openai", "text_embedding", NEW);
    let err = openai
        .secret_problem(&["client_secret"], Some(&json!({})))
        .unwrap();
    assert!(err.contains("secret is its api_key"), "{err}");
    let aws = rules("amazonbedrock", "completion", NEW);
    let err = aws.secret_problem(&["access_key"], None).unwrap();
    assert!(err.contains("leaves out secret_key"), "{err}");
    assert!(
        aws.secret_problem(&["access_key", "secret_key"], None)
            .is_none()
    );
    let oci = rules("ocigenai", "text_embedding", NEW);
    let err = oci.secret_problem(&["private_key"], None).unwrap();
    assert!(
        err.contains("rotates private_key and fingerprint together"),
        "{err}"
    );
    assert!(
        oci.secret_problem(&["private_key", "fingerprint"], None)
            .is_none()
    );
    assert!(oci.secret_problem(&["tenancy_id"], None).is_none());
}

#[test]
fn null_by_service_and_server() {
    assert!(
        rules("llama", "text_embedding", Server::Version(9, 5))
            .null_problem("p")
            .is_none()
    );
    assert!(
        rules("groq", "chat_completion", NEW)
            .null_problem("p")
            .is_none()
    );
    let err = rules("groq", "chat_completion", Server::Version(9, 5))
        .null_problem("p")
        .unwrap();
    assert!(err.contains("Elasticsearch 9.5 does not reset"), "{err}");
    let err = rules("openai", "text_embedding", NEW)
        .null_problem("p")
        .unwrap();
    assert!(err.contains("reads it as \"not given\""), "{err}");
    assert!(
        rules("brand-new", "rerank", NEW)
            .null_problem("p")
            .is_none()
    );
    let old = rules("llama", "text_embedding", Server::Version(9, 4));
    assert!(old.null_problem("p").unwrap().contains("Elasticsearch 9.4"));
}
