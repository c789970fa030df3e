//! Messages users tripped on: each says what happened, to what, and what
//! to do, with one prefix for clap's errors and infer's.

use std::os::unix::fs::PermissionsExt;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank};
use crate::harness::{file, infer, infer_at, run};

const UNAVAILABLE: &str = r#"{"error":{"root_cause":[{"type":"cluster_block_exception","reason":"blocked"}],"type":"cluster_block_exception","reason":"blocked"},"status":503}"#;

#[test]
fn es_insecure_with_another_value_names_the_variable_and_the_values() {
    for value in ["maybe", "2", "enabled"] {
        let out = run(infer().env("ES_INSECURE", value).args(["get", "x"])).expect(2);
        assert!(
            out.stderr.starts_with(&format!(
                "infer: error: ES_INSECURE is '{value}', which is neither yes nor no: set it to \
                 true, 1, yes or on to skip verifying the server's certificate, or to false, \
                 0, no or off (or unset it)"
            )),
            "{}",
            out.stderr
        );
    }
    // Its Terraform twin was once ignored silently.
    run(infer()
        .env("ELASTICSEARCH_INSECURE", "maybe")
        .args(["config", "show"]))
    .expect(2)
    .stderr_has("infer: error: ELASTICSEARCH_INSECURE is 'maybe', which is neither yes nor no");
    // The accepted values still work.
    for value in ["true", "on", "0", "no"] {
        run(infer()
            .env("ES_INSECURE", value)
            .args(["config", "show", "--json"]))
        .expect(0);
    }
}

#[test]
fn clap_errors_share_infers_prefix() {
    let out = run(infer().args(["updat", "x"])).expect(2);
    assert!(
        out.stderr
            .starts_with("infer: error: unrecognized subcommand 'updat'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("tip: a similar subcommand exists: 'update'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Usage: infer [OPTIONS] <COMMAND>"),
        "{}",
        out.stderr
    );
    let out = run(infer().args(["get"])).expect(2);
    assert!(
        out.stderr
            .starts_with("infer: error: the following required arguments were not provided"),
        "{}",
        out.stderr
    );
    let out = run(infer().args(["--timeout", "soon", "get", "x"])).expect(2);
    assert!(
        out.stderr
            .starts_with("infer: error: invalid value 'soon' for '--timeout <DURATION>'"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("error:").count(), 1, "{}", out.stderr);
    // Help and version are not errors, and keep their own shape.
    let version = run(infer().arg("--version")).expect(0);
    assert!(version.stdout.starts_with("infer "), "{}", version.stdout);
    assert!(version.stderr.is_empty(), "{}", version.stderr);
    let help = run(infer().args(["get", "--help"])).expect(0);
    assert!(help.stdout.starts_with("Show inference endpoints"));
    assert!(help.stderr.is_empty());
}

#[test]
fn an_error_after_retries_says_how_many_tries_were_made() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    for _ in 0..4 {
        es.respond_next(503, "application/json", UNAVAILABLE);
    }
    run(infer_at(&es.url()).args(["--retries", "3", "get", "rr"]))
        .expect(5)
        .stderr_has("HTTP 503 cluster_block_exception: blocked (after 4 tries)");
    let out = run(infer_at("http://127.0.0.1:9").args(["--retries", "1", "get", "rr"])).expect(6);
    assert!(
        out.stderr
            .contains("cannot reach Elasticsearch at http://127.0.0.1:9/ after 2 tries: "),
        "{}",
        out.stderr
    );
    // One try is not worth counting.
    let once = run(infer_at("http://127.0.0.1:9").args(["--retries", "0", "get", "rr"])).expect(6);
    assert!(!once.stderr.contains("tries"), "{}", once.stderr);
}

fn guarded() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey right-key".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    es
}

#[test]
fn a_401_says_where_the_credentials_came_from() {
    let es = guarded();
    run(infer_at(&es.url())
        .env("ES_API_KEY", "wrong-key")
        .args(["get", "rr"]))
    .expect(4)
    .stderr_has("HTTP 401 security_exception")
    .stderr_has("; the API key from ES_API_KEY was not accepted: check it, or give another")
    .never_shows("wrong-key");
    run(infer_at(&es.url()).args(["--api-key", "wrong-key", "get", "rr"]))
        .expect(4)
        .stderr_has("the API key from --api-key was not accepted");
    // The profile's key goes only to the profile's URL (a connection is
    // one unit).
    let (_d, path) = file(
        "config.toml",
        format!(
            "default_profile = \"p\"\n[profiles.p]\nurl = \"{}\"\napi_key = \"env:PROD_KEY\"\n",
            es.url()
        ),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("PROD_KEY", "wrong-key")
        .args(["get", "rr"]))
    .expect(4)
    .stderr_has("the API key from profile 'p' (env:PROD_KEY) was not accepted");
    run(infer_at(&es.url())
        .env("ES_USERNAME", "bob")
        .env("ES_PASSWORD", "bobs-pw")
        .args(["get", "rr"]))
    .expect(4)
    .stderr_has(
        "the username 'bob' and its password from ES_USERNAME and ES_PASSWORD were not accepted",
    );
    run(infer_at(&es.url()).args(["get", "rr"]))
        .expect(4)
        .stderr_has("no credentials were sent: give an API key (ES_API_KEY or --api-key)");
}

#[test]
fn a_provider_rejection_is_not_about_infers_credentials() {
    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some("sk-old".into()),
        ..Behavior::default()
    });
    es.insert(crate::fake_es::openai_embedding("emb"));
    let out = run(infer_at(&es.url())
        .env("ES_API_KEY", "fine")
        .args(["probe", "emb"]))
    .expect(9)
    .stderr_has("infer: error: the probe of endpoint 'emb' failed: HTTP 401")
    .stderr_has("Incorrect API key provided");
    assert!(!out.stderr.contains("was not accepted"), "{}", out.stderr);
}

#[test]
fn an_answer_without_the_product_header_is_called_out() {
    let es = FakeEs::start();
    es.respond_next(200, "text/plain", r#"{"endpoints": []}"#);
    run(infer_at(&es.url()).args(["list", "--json"]))
        .expect(0)
        .stderr_has(&format!(
            "infer: warning: the server at {}/ does not say it is Elasticsearch: its answer has \
             no X-Elastic-Product: Elasticsearch header, which every Elasticsearch since 7.14 \
             sends; check that the URL (ES_URL) points at Elasticsearch (port 9200 by default, \
             not Kibana's 5601), and that no proxy in between drops the header",
            es.url()
        ));
    // An Elasticsearch answer draws no warning.
    let quiet = run(infer_at(&es.url()).args(["list", "--json"])).expect(0);
    assert!(
        !quiet.stderr.contains("X-Elastic-Product"),
        "{}",
        quiet.stderr
    );
}

#[test]
fn an_id_too_long_for_a_url_is_a_usage_error_and_nothing_is_sent() {
    let es = FakeEs::start();
    let id = "a".repeat(100_000);
    for command in [["get", id.as_str()], ["delete", id.as_str()]] {
        run(infer_at(&es.url()).args(command))
            .expect(2)
            .stderr_has("an inference id of 100000 characters cannot be sent");
    }
    run(infer_at(&es.url()).args(["update", &id, "--set", "task_settings.user=x"]))
        .expect(2)
        .stderr_has("an inference id of 100000 characters cannot be sent");
    assert!(es.requests().is_empty(), "nothing is sent");
}

#[test]
fn http_304_is_not_called_a_redirect() {
    let es = FakeEs::start();
    es.respond_next(304, "text/plain", "");
    let out = run(infer_at(&es.url()).args(["get", "x"]))
        .expect(6)
        .stderr_has("answered HTTP 304 Not Modified, which answers only a conditional request");
    assert!(!out.stderr.contains("redirect"), "{}", out.stderr);
}

#[test]
fn check_says_when_it_cannot_read_the_privileges_answer() {
    let es = FakeEs::start();
    es.respond_next(
        200,
        "application/json",
        r#"{"version":{"number":"9.5.0","build_flavor":"default"},"tagline":"You Know, for Search"}"#,
    );
    es.respond_next(
        200,
        "application/json",
        r#"{"username":"u","authentication_type":"api_key"}"#,
    );
    es.respond_next(200, "application/json", r#"{"nonsense":true}"#);
    let out = run(infer_at(&es.url()).args(["check"]))
        .expect(1)
        .stderr_has("does not say which cluster privileges these credentials hold");
    assert!(!out.stderr.contains("credentials lack"), "{}", out.stderr);
}
