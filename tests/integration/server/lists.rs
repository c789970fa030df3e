//! List answers a server should not give: not an object, not JSON, an endpoint twice or
//! without an id, past a limit, secrets escaped in them. Found by attacking `plan`, `list` and
//! `rotate` after they began holding a cluster as its answer's text (files of endpoints in odd
//! shapes: `plan/files.rs`).

use crate::fake_es::cohere_rerank;
use crate::harness::fleet::cluster_of_emb;
use crate::harness::{arg, file, infer_at, run};
use serde_json::json;

/// The password, every character written as a JSON `\uXXXX` escape: a
/// legal JSON form of it (its value is the password) that holds no piece
/// of its raw text.
const PASSWORD: &str = "PwListSentinel42xyz";

fn escaped(secret: &str) -> String {
    secret
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect()
}

#[test]
fn a_secret_echoed_escaped_in_a_list_answer_is_masked_in_the_log() {
    let es = cluster_of_emb();
    // Every character escaped: the raw text holds no piece of the
    // password, its value does.
    let escaped = escaped(PASSWORD);
    es.respond_next(
        200,
        "application/json",
        &format!(
            r#"{{"endpoints": [{{"inference_id": "x", "task_type": "rerank", "service": "cohere",
                "service_settings": {{"note": "{escaped}"}}}}]}}"#
        ),
    );
    run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", PASSWORD)
        .args(["list", "-v", "--json"]))
    .expect(0)
    .stdout_has("\"inference_id\": \"x\"")
    .never_shows("Sentinel")
    .never_shows(&escaped[..30]);
}

#[test]
fn an_odd_answer_is_quoted_with_its_secrets_masked() {
    // The message quotes the answer: as values, masked, however escaped.
    let es = cluster_of_emb();
    let escaped = escaped(PASSWORD);
    for answer in [
        format!(r#"{{"endpoints": [{{"service": "openai", "note": "{escaped}"}}]}}"#),
        format!(r#"{{"status": "ok", "note": "{escaped}"}}"#),
    ] {
        es.respond_next(200, "application/json", &answer);
        run(infer_at(&es.url())
            .env("ES_USERNAME", "elastic")
            .env("ES_PASSWORD", PASSWORD)
            .args(["list", "-v"]))
        .expect(1)
        .stderr_has("****")
        .never_shows("Sentinel")
        .never_shows(&escaped[..30]);
    }
}

#[test]
fn a_page_that_is_not_json_is_not_logged_whole() {
    let es = cluster_of_emb();
    let page = format!(
        "<html><body>{}</body></html>",
        "proxy maintenance page ".repeat(5_000)
    );
    es.respond_next(200, "text/html", &page);
    let out = run(infer_at(&es.url()).args(["list", "-v"])).expect(1);
    assert!(
        out.stderr.len() < 4_000,
        "{} bytes of stderr:\n{}",
        out.stderr.len(),
        &out.stderr[..2_000]
    );
    assert!(out.stderr.contains("is not JSON"), "{}", out.stderr);
}

#[test]
fn a_list_answer_that_is_not_an_object_is_refused_naming_the_address() {
    let es = cluster_of_emb();
    let url = format!("{}/_inference", es.url());
    for body in [
        r#"[[{"inference_id": "emb", "task_type": "text_embedding", "service": "openai"}]]"#,
        r#"[{"inference_id": "emb"}]"#,
        r#""endpoints""#,
        "null",
        r#"{"endpoints": 3}"#,
        // Not a cluster without endpoints (Elasticsearch sends `[]`).
        "{}",
        r#"{"status": "ok"}"#,
    ] {
        es.respond_next(200, "application/json", body);
        let out = run(infer_at(&es.url()).args(["list", "--json"])).expect(1);
        assert!(
            out.stderr.contains(&url) && out.stderr.contains("endpoints"),
            "{body}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("struct Answer") && out.stdout.is_empty(),
            "{body}: {}",
            out.stderr
        );
    }
}

#[test]
fn endpoints_given_twice_in_an_answer_keep_the_last() {
    // As every answer is read (a key given twice keeps its last value).
    let es = cluster_of_emb();
    let rr = cohere_rerank("rr");
    es.respond_next(
        200,
        "application/json",
        &format!(r#"{{"endpoints": [], "endpoints": [{rr}]}}"#),
    );
    let out = run(infer_at(&es.url()).args(["list", "--json"])).expect(0);
    assert_eq!(out.json()[0]["inference_id"], "rr", "{}", out.stdout);
}

// Found by a second attack: escaped credentials in refusals and in the
// log of an answer past the limits (files of endpoints in odd shapes: plan/files.rs).

#[test]
fn an_endpoint_without_an_id_is_refused_without_quoting_an_escaped_credential() {
    // A server (or proxy) that echoes the request's credential back in an
    // endpoint infer refuses: the refusal quotes it as masked values, never
    // as raw text, where the password's escaped form would show.
    let es = cluster_of_emb();
    let escaped = escaped(PASSWORD);
    es.respond_next(
        200,
        "application/json",
        &format!(r#"{{"endpoints": [{{"service": "cohere", "note": "{escaped}"}}]}}"#),
    );
    run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", PASSWORD)
        .args(["list", "--json"]))
    .expect(1)
    .stderr_has("is not an object with an inference_id")
    .never_shows("Sentinel")
    .never_shows(&escaped[..36]);
}

#[test]
fn a_list_answer_that_is_not_an_object_is_refused_without_quoting_an_escaped_credential() {
    // Same, for an answer that is not an object: "is not the list of
    // endpoints infer expects (...): <masked values>". Nothing is written.
    let es = cluster_of_emb();
    let escaped = escaped(PASSWORD);
    es.respond_next(
        200,
        "application/json",
        &format!(r#"[{{"inference_id": "emb", "note": "{escaped}"}}]"#),
    );
    let (_d, path) = file("e.json", json!([]).to_string());
    run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", PASSWORD)
        .args(["plan", "--prune", "-f", &arg(&path)]))
    .expect(1)
    .stderr_has("is not the list of endpoints infer expects")
    .never_shows("Sentinel")
    .never_shows(&escaped[..36]);
    assert!(es.writes().is_empty());
}

#[test]
fn a_list_answer_past_a_limit_is_logged_without_an_escaped_credential() {
    // An answer that is JSON but nested past the limit is neither parsed
    // nor quoted by `-v`: an excerpt of its raw text would show an escaped
    // password.
    let es = cluster_of_emb();
    let escaped = escaped(PASSWORD);
    let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
    es.respond_next(
        200,
        "application/json",
        &format!(r#"{{"note": "{escaped}", "endpoints": [{{"inference_id": "x", "d": {deep}}}]}}"#),
    );
    run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", PASSWORD)
        .args(["list", "-v", "--json"]))
    .expect(1)
    .stderr_has("nested deeper than the limit")
    .never_shows("Sentinel")
    .never_shows(&escaped[..36]);
}
