//! Files of endpoints in odd shapes, for `plan` and `apply`: a pipe, empty, over the value
//! limit, not UTF-8, an endpoint given twice or not an object.

use crate::harness::fleet::cluster_of_emb;
use crate::harness::{arg, file, infer_at, run};
use serde_json::json;

#[test]
fn a_file_of_endpoints_can_be_a_pipe() {
    // Read once only: a pipe is empty the second time.
    let es = cluster_of_emb();
    let endpoints = json!([es.endpoint("emb").unwrap()]).to_string();
    run(infer_at(&es.url())
        .args(["plan", "-f", "/dev/stdin"])
        .write_stdin(endpoints.clone()))
    .expect(0)
    .stderr_has("1 unchanged");
    let mut changed: serde_json::Value = serde_json::from_str(&endpoints).unwrap();
    changed[0]["task_settings"]["user"] = json!("bob");
    let out = run(infer_at(&es.url())
        .args(["plan", "--json", "-f", "/dev/stdin"])
        .write_stdin(changed.to_string()))
    .expect(10);
    assert_eq!(out.json()[0]["action"], "update", "{}", out.stdout);
    // A pipe has no name to tell YAML by: said, not guessed.
    run(infer_at(&es.url())
        .args(["plan", "-f", "/dev/stdin"])
        .write_stdin("- inference_id: emb\n  service: openai\n"))
    .expect(2)
    .stderr_has("invalid JSON in /dev/stdin at line 1")
    .stderr_has("infer reads YAML only from files named .yaml or .yml");
}

#[test]
fn the_value_limit_holds_for_a_whole_file_not_each_endpoint() {
    // Two endpoints of 600,000 values each: under the limit one by one,
    // over it together (docs/limits.md: the limit is per JSON text).
    let es = cluster_of_emb();
    let zeros = format!("[{}0]", "0,".repeat(600_000));
    let one = |id: &str| {
        format!(
            r#"{{"inference_id": "{id}", "task_type": "text_embedding", "service": "openai",
                "service_settings": {{"model_id": "m"}}, "task_settings": {{"v": {zeros}}}}}"#
        )
    };
    let (_d, path) = file("big.json", format!("[{}, {}]", one("a"), one("b")));
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(2)
        .stderr_has("holds more than the limit of 1000000 JSON values");
    assert!(es.requests().is_empty(), "nothing is read from the cluster");
}

#[test]
fn an_endpoint_that_is_not_an_object_is_not_taken_for_one() {
    // `["emb", "openai"]` must not be read as endpoint emb of openai, nor
    // planned (or pruned) as an endpoint without a name.
    let es = cluster_of_emb();
    let stored = es.endpoint("emb").unwrap();
    let (_d, path) = file("e.json", json!([stored]).to_string());
    for answer in [
        r#"{"endpoints": [["emb", "openai"]]}"#,
        r#"{"endpoints": [{"service": "openai"}]}"#,
    ] {
        es.respond_next(200, "application/json", answer);
        run(infer_at(&es.url()).args(["plan", "--prune", "-f", &arg(&path)]))
            .expect(1)
            .stderr_has(&format!(
                "endpoint 1 in the answer of GET {}/_inference/_all is not an object with an \
                 inference_id",
                es.url()
            ));
    }
    assert!(es.writes().is_empty());
}

#[test]
fn endpoints_given_twice_in_a_file_is_named_as_a_key_given_twice() {
    // As for any key given twice, and as the same file in YAML says; not
    // "`endpoints` must be the only key, and a list", which it is.
    let es = cluster_of_emb();
    let (_d, path) = file("e.json", "{\"endpoints\": [],\n \"endpoints\": []}\n");
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(2)
        .stderr_has("\"endpoints\" twice");
    assert!(
        !out.stderr.contains("must be the only key"),
        "{}",
        out.stderr
    );
    assert!(es.requests().is_empty(), "nothing is read from the cluster");
}

#[test]
fn an_endpoint_file_that_is_not_utf8_says_so() {
    // As a settings file and a YAML file of endpoints say; not serde_json's
    // "invalid unicode code point" or "trailing characters" (for a stray
    // byte after the list), nor, for a pipe, the advice that YAML needs a
    // .yaml name.
    let es = cluster_of_emb();
    for (name, bytes) in [
        (
            "latin1.json",
            &b"[{\"inference_id\": \"caf\xe9\", \"task_type\": \"rerank\", \"service\": \"cohere\"}]"[..],
        ),
        (
            "stray.json",
            &b"[{\"inference_id\": \"cafe\", \"task_type\": \"rerank\", \"service\": \"cohere\"}]\xff"[..],
        ),
    ] {
        let (_d, path) = file(name, bytes);
        run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
            .expect(2)
            .stderr_has(&format!("{} is not UTF-8 text", arg(&path)));
    }
    let out = run(infer_at(&es.url())
        .args(["plan", "-f", "/dev/stdin"])
        .write_stdin(&b"[{\"inference_id\": \"caf\xe9\"}]"[..]))
    .expect(2)
    .stderr_has("/dev/stdin is not UTF-8 text");
    assert!(!out.stderr.contains("YAML"), "{}", out.stderr);
    assert!(es.requests().is_empty(), "nothing is read from the cluster");
}

#[test]
fn an_empty_json_file_of_endpoints_says_how_to_mean_none() {
    // docs/many-endpoints.md: "an empty file is refused (a file that means "no endpoints"
    // says `[]`)", JSON as YAML; not "EOF while parsing a value".
    let es = cluster_of_emb();
    for text in ["", " \n\n"] {
        let (_d, path) = file("e.json", text);
        run(infer_at(&es.url()).args(["plan", "--prune", "-f", &arg(&path)]))
            .expect(2)
            .stderr_has("holds no endpoints (it is empty, or null); a file that means \"none\" says so with []");
    }
    assert!(es.requests().is_empty(), "nothing is read from the cluster");
}
