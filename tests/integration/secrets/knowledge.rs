//! Secrets known by what infer's table and the server's catalogue say a
//! service keeps secret, not only by the name of their key: OCI's four,
//! a service infer does not know whose catalogue marks settings
//! `sensitive`, and `custom` header templates, which are no secrets.

use serde_json::{Value, json};

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::{arg, file, infer, infer_at, run};

// OCI (ocigenai/OciGenAiSecretSettings.java): none of these is named like
// a secret.
const TENANCY: &str = "ocid1.tenancy.oc1..aaaatenancysentinel";
const USER: &str = "ocid1.user.oc1..aaaausersentinel";
const FINGERPRINT: &str = "12:34:56:78:9a:bc:de:f0:aa:bb:cc:dd";
const PRIVATE_KEY: &str = "-----BEGIN PRIVATE KEY-----MIIEkeysentinel";

fn oci_settings() -> Value {
    json!({"service": "ocigenai", "task_type": "text_embedding", "service_settings": {
        "model_id": "cohere.embed-english-v3.0", "region": "us-chicago-1",
        "tenancy_id": TENANCY, "user_id": USER, "fingerprint": FINGERPRINT,
        "private_key": PRIVATE_KEY}})
}

#[test]
fn oci_create_dry_run_shows_none_of_its_four_secrets() {
    let (_dir, path) = file("oci.json", oci_settings().to_string());
    let out = run(infer().args(["create", "oci", "--dry-run", "--settings", &arg(&path)]))
        .expect(0)
        .never_shows(TENANCY)
        .never_shows(USER)
        .never_shows(FINGERPRINT)
        .never_shows(PRIVATE_KEY)
        .stdout_has("cohere.embed-english-v3.0");
    let body = &out.json()["body"]["service_settings"];
    assert_eq!(body["tenancy_id"], "****");
    assert_eq!(body["region"], "us-chicago-1");
}

#[test]
fn oci_values_are_masked_in_the_log_of_an_update() {
    let es = FakeEs::start();
    // This fake keeps the four in the settings it returns, as a proxy
    // that leaked them would: they must not show either.
    let mut endpoint = oci_settings();
    endpoint["inference_id"] = json!("oci");
    es.insert(endpoint);
    let new_user = "ocid1.user.oc1..aaaanewusersentinel";
    run(infer_at(&es.url()).env("NEW_USER", new_user).args([
        "update",
        "oci",
        "-vv",
        "--secret-env",
        "user_id=NEW_USER",
    ]))
    .never_shows(new_user)
    .never_shows(TENANCY)
    .never_shows(FINGERPRINT)
    .never_shows(PRIVATE_KEY)
    .stderr_has("service_settings.user_id");
    let write = es.writes();
    assert_eq!(write[0].json()["service_settings"]["user_id"], new_user);
}

#[test]
fn oci_get_masks_secrets_a_server_should_never_return() {
    // A server (or a proxy) that returns what Elasticsearch never does.
    let es = FakeEs::start();
    let mut endpoint = oci_settings();
    endpoint["inference_id"] = json!("oci");
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [endpoint]}).to_string(),
    );
    let out = run(infer_at(&es.url()).args(["get", "oci"]))
        .expect(0)
        .never_shows(TENANCY)
        .never_shows(USER)
        .stdout_has("us-chicago-1");
    assert_eq!(
        out.json()["service_settings"]["fingerprint"],
        "****",
        "{}",
        out.stdout
    );
}

// A service infer's tables do not know, whose catalogue entry marks a
// top-level and a nested setting sensitive.
const CREDENTIAL: &str = "acme-credential-sentinel-4711";
const SIGNATURE: &str = "acme-signature-sentinel-0815";
const MODEL: &str = "acme-embed-large-v1";

fn acme_catalogue() -> String {
    let flags = |sensitive: bool| {
        json!({"description": "d", "label": "l", "required": false, "sensitive": sensitive,
               "updatable": true, "type": "str", "supported_task_types": ["text_embedding"]})
    };
    json!([{"service": "acme", "name": "Acme", "task_types": ["text_embedding"],
        "configurations": {"credential": flags(true), "auth.signature": flags(true),
            "model_id": flags(false), "auth.scheme": flags(false)}}])
    .to_string()
}

fn acme_settings() -> Value {
    json!({"service": "acme", "task_type": "text_embedding", "service_settings": {
        "model_id": MODEL, "credential": CREDENTIAL,
        "auth": {"scheme": "hmac-sha256-v2", "signature": SIGNATURE}}})
}

#[test]
fn unknown_service_create_learns_its_secrets_from_the_catalogue() {
    let es = FakeEs::start();
    es.respond_next(200, "application/json", &acme_catalogue());
    let (_dir, path) = file("acme.json", acme_settings().to_string());
    let out = run(infer_at(&es.url()).args([
        "create",
        "acme-ep",
        "-v",
        "--dry-run",
        "--settings",
        &arg(&path),
    ]))
    .expect(0)
    .never_shows(CREDENTIAL)
    .never_shows(SIGNATURE)
    .stdout_has(MODEL)
    .stdout_has("hmac-sha256-v2");
    let settings = &out.json()["body"]["service_settings"];
    assert_eq!(settings["credential"], "****");
    assert_eq!(settings["auth"]["signature"], "****");
    let requests = es.requests();
    assert_eq!(requests.len(), 1, "only the catalogue is read");
    assert_eq!(requests[0].path, "/_inference/_services");
}

#[test]
fn unknown_service_without_a_server_masks_all_of_its_settings() {
    let (_dir, path) = file("acme.json", acme_settings().to_string());
    for mode in ["--dry-run", "--curl"] {
        let out = run(infer().args(["create", "acme-ep", mode, "--settings", &arg(&path)]))
            .expect(0)
            .never_shows(CREDENTIAL)
            .never_shows(SIGNATURE)
            .never_shows(MODEL)
            .never_shows("hmac-sha256-v2");
        if mode == "--dry-run" {
            assert_eq!(out.json()["body"]["service_settings"]["model_id"], "****");
        }
    }
}

/// A server whose catalogue describes `acme`, a service infer's tables do not know
/// (`fake_es::acme_service`: a secret `credential`, a nested secret `auth.signature`).
fn acme_server() -> FakeEs {
    FakeEs::with_behavior(Behavior {
        extra_services: vec![crate::fake_es::acme_service()],
        ..Behavior::current()
    })
}

#[test]
fn unknown_service_secret_is_rotated_by_a_flag_masked_sent_and_stored() {
    let es = acme_server();
    es.insert(
        json!({"inference_id": "acme-ep", "task_type": "text_embedding", "service": "acme",
        "service_settings": {"model_id": MODEL, "credential": CREDENTIAL,
            "auth": {"signature": SIGNATURE}}}),
    );
    let new = "acme-credential-new-sentinel-99";
    let out = run(infer_at(&es.url()).env("ACME_CRED", new).args([
        "update",
        "acme-ep",
        "-vv",
        "--secret-env",
        "credential=ACME_CRED",
    ]))
    .expect(0)
    .never_shows(new)
    .never_shows(CREDENTIAL)
    .never_shows(SIGNATURE)
    .stderr_has("service_settings.credential (secret, not readable back)");
    let paths: Vec<String> = es.requests().iter().map(|r| r.path.clone()).collect();
    assert!(
        paths.iter().any(|p| p == "/_inference/_services"),
        "the catalogue is read: {paths:?}\n{}",
        out.stderr
    );
    assert_eq!(es.secrets("acme-ep")["credential"], new);
}

#[test]
fn unknown_service_create_is_checked_against_the_catalogue_and_created() {
    let es = acme_server();
    let create = |settings: Value, task_type: &str| {
        run(infer_at(&es.url()).env("ACME_CRED", CREDENTIAL).args([
            "create",
            "acme-new",
            "--task-type",
            task_type,
            "--service",
            "acme",
            "--service-settings",
            &settings.to_string(),
            "--secret-env",
            "credential=ACME_CRED",
        ]))
    };
    create(json!({"model_id": MODEL}), "completion")
        .expect(2)
        .stderr_has("the acme service does not offer completion endpoints; it offers text_embedding, rerank");
    create(json!({}), "text_embedding")
        .expect(2)
        .stderr_has("endpoints of the acme service need service_settings.model_id (the server's catalogue marks it required): add it with --set service_settings.model_id=VALUE");
    assert!(es.writes().is_empty(), "refused before the write");
    create(json!({"model_id": MODEL}), "text_embedding")
        .expect(0)
        .never_shows(CREDENTIAL);
    assert_eq!(es.secrets("acme-new")["credential"], CREDENTIAL);
    // A service the server does not offer at all.
    run(infer_at(&es.url()).args([
        "create",
        "nope-ep",
        "--task-type",
        "rerank",
        "--service",
        "nope",
    ]))
    .expect(2)
    .stderr_has("this server has no service 'nope'; it offers: ")
    .stderr_has("acme");
}

#[test]
fn unknown_service_secret_inline_in_an_endpoint_file_is_refused() {
    let es = FakeEs::start();
    es.respond_next(200, "application/json", &acme_catalogue());
    let mut endpoint = acme_settings();
    endpoint["inference_id"] = json!("acme-ep");
    endpoint["service_settings"]["auth"]["signature"] = json!("env:ACME_SIG");
    let (_dir, path) = file("endpoints.json", json!([endpoint]).to_string());
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(2)
        .never_shows(CREDENTIAL)
        .stderr_has("service_settings.credential must be a reference, env:VARIABLE or file:PATH");
}

#[test]
fn custom_header_templates_exported_by_list_plan_in_sync() {
    let es = FakeEs::start();
    es.insert(json!({"inference_id": "tpl", "task_type": "text_embedding",
        "service": "custom", "service_settings": {
            "url": "https://embed.example/v1",
            "headers": {"Authorization": "Bearer ${api_key}", "Content-Type": "application/json"},
            "request": "{\"input\": ${input}}",
            "response": {"json_parser": {"text_embeddings": "$.data[*].embedding"}},
            "secret_parameters": {"api_key": "custom-secret-sentinel-123"}}}));
    let listed = run(infer_at(&es.url()).args(["list", "--json"])).expect(0);
    assert!(
        listed.stdout.contains("Bearer ${api_key}"),
        "{}",
        listed.stdout
    );
    let (_dir, path) = file("endpoints.json", &listed.stdout);
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(0)
        .never_shows("custom-secret-sentinel-123");
}

#[test]
fn oci_rotate_takes_a_secret_whose_name_does_not_look_secret() {
    let es = FakeEs::start();
    let mut endpoint = oci_settings();
    endpoint["inference_id"] = json!("oci");
    es.insert(endpoint);
    let new = "ocid1.tenancy.oc1..aaaarotatedtenancy";
    run(infer_at(&es.url()).env("NEW_TENANCY", new).args([
        "rotate",
        "oci",
        "--secret-env",
        "tenancy_id=NEW_TENANCY",
        "--dry-run",
    ]))
    .expect(0)
    .never_shows(new)
    .never_shows(TENANCY)
    .stderr_has("tenancy_id (secret, will change)");
}

#[test]
fn a_known_nested_secret_may_be_a_reference_in_an_endpoint_file() {
    let es = FakeEs::start();
    es.respond_next(200, "application/json", &acme_catalogue());
    let mut endpoint = acme_settings();
    endpoint["inference_id"] = json!("acme-ep");
    endpoint["service_settings"]["credential"] = json!("env:ACME_CRED");
    endpoint["service_settings"]["auth"]["signature"] = json!("env:ACME_SIG");
    let (_dir, path) = file("endpoints.json", json!([endpoint]).to_string());
    // 10: a create is pending, the two secrets among its changes.
    let out = run(infer_at(&es.url())
        .env("ACME_CRED", CREDENTIAL)
        .env("ACME_SIG", SIGNATURE)
        .args(["plan", "-f", &arg(&path)]))
    .expect(10)
    .never_shows(CREDENTIAL)
    .never_shows(SIGNATURE);
    let changes = &out.json()[0]["changes"];
    assert!(
        changes
            .as_array()
            .unwrap()
            .contains(&json!({"path": "service_settings.auth.signature", "secret": true})),
        "{changes}"
    );
}

#[test]
fn unknown_service_created_from_a_file_and_rotated_shows_none_of_its_secrets() {
    let es = acme_server();
    let settings = json!({"service": "acme", "task_type": "text_embedding", "service_settings": {
        "model_id": MODEL, "credential": CREDENTIAL, "auth": {"signature": SIGNATURE}}});
    let (_dir, path) = file("acme.json", settings.to_string());
    run(infer_at(&es.url()).args(["create", "acme-f", "-vv", "--settings", &arg(&path)]))
        .expect(0)
        .never_shows(CREDENTIAL)
        .never_shows(SIGNATURE);
    assert_eq!(es.secrets("acme-f")["credential"], CREDENTIAL);
    assert_eq!(es.secrets("acme-f")["auth"]["signature"], SIGNATURE);
    let new = "acme-rotated-credential-31337";
    run(infer_at(&es.url()).env("NEW", new).args([
        "rotate",
        "acme-*",
        "-v",
        "--secret-env",
        "credential=NEW",
        "--yes",
    ]))
    .expect(0)
    .never_shows(new)
    .never_shows(CREDENTIAL)
    .never_shows(SIGNATURE);
    assert_eq!(es.secrets("acme-f")["credential"], new);
}

#[test]
fn a_service_secret_written_with_set_is_never_repeated_and_said_to_be_on_the_command_line() {
    let digits = "12345678";
    let out = run(infer().args([
        "create",
        "oc2",
        "--task-type",
        "text_embedding",
        "--service",
        "ocigenai",
        "--set",
        "service_settings.model_id=m1",
        "--set",
        &format!("service_settings.fingerprint={digits}"),
        "--dry-run",
    ]))
    .expect(0)
    .never_shows(digits)
    .stderr_has("service_settings.fingerprint was written on the command line");
    assert!(!out.stderr.contains("sends the string"), "{}", out.stderr);
}

#[test]
fn a_template_with_a_word_beside_its_placeholder_is_a_secret() {
    let settings = json!({"service": "custom", "task_type": "rerank", "service_settings": {
        "url": "https://x.example/rerank",
        "headers": {"Authorization": "Bearer ${api_key} hunterpass", "X-Key": "${k}Tr0ub4dor",
            "X-Plain": "Basic ${user}:${password}"},
        "secret_parameters": {"api_key": "k-1234567890"}}});
    let (_dir, path) = file("custom.json", settings.to_string());
    let out = run(infer().args(["create", "c1", "--dry-run", "--settings", &arg(&path)]))
        .expect(0)
        .never_shows("hunterpass")
        .never_shows("Tr0ub4dor")
        .never_shows("k-1234567890");
    assert_eq!(
        out.json()["body"]["service_settings"]["headers"]["X-Plain"],
        "Basic ${user}:${password}"
    );
}

#[test]
fn a_secret_parameter_whose_name_holds_a_dot_is_sent_under_that_name() {
    let es = FakeEs::with_behavior(Behavior::current());
    let file_text = json!([{"inference_id": "cu", "task_type": "rerank", "service": "custom",
        "service_settings": {"url": "https://x.example/rerank",
            "headers": {"Authorization": "Bearer ${api.key}"},
            "request": "{\"query\": ${query}}",
            "response": {"json_parser": {"reranked_index": "$.i", "relevance_score": "$.s"}},
            "secret_parameters": {"api.key": "env:CK"}}}]);
    let (_dir, path) = file("e.json", file_text.to_string());
    run(infer_at(&es.url())
        .env("CK", "ck-secret-value-123456")
        .args(["apply", "-f", &arg(&path), "--yes"]))
    .expect(0)
    .stdout_has("\"status\": \"verified\"")
    .never_shows("ck-secret-value-123456");
    let sent = es.writes()[0].json();
    assert_eq!(
        sent["service_settings"]["secret_parameters"],
        json!({"api.key": "ck-secret-value-123456"})
    );
}
#[test]
fn a_catalogue_that_flags_nothing_as_it_should_masks_everything_of_the_service() {
    let es = FakeEs::start();
    let endpoint = json!({"inference_id": "z1", "task_type": "rerank", "service": "zeta",
        "service_settings": {"model_id": "zeta-rerank", "pin": "7654321", "n": 42}});
    // The list answer, then the catalogue, whose flag is a string.
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [endpoint]}).to_string(),
    );
    es.respond_next(
        200,
        "application/json",
        &json!([{"service": "zeta", "configurations": {"pin": {"sensitive": "true"}}}]).to_string(),
    );
    let out = run(infer_at(&es.url()).args(["get", "z1"]))
        .expect(0)
        .never_shows("7654321");
    assert_eq!(
        out.json()["service_settings"]["n"],
        "****",
        "{}",
        out.stdout
    );
}
