//! Lists of endpoints in odd shapes: a file of endpoints given as a pipe, empty,
//! over the value limit, and list answers a server should not give. Found
//! by attacking `plan`, `list` and `rotate` after they began holding a
//! cluster as its answer's text and reading files one endpoint at a time.

use serde_json::json;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, openai_embedding};
use crate::harness::{arg, file, infer_at, run};

fn cluster() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es
}

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
fn a_file_of_endpoints_can_be_a_pipe() {
    // Read once only: a pipe is empty the second time.
    let es = cluster();
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
    // over it together (the README's limit is per JSON text).
    let es = cluster();
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
fn a_secret_echoed_escaped_in_a_list_answer_is_masked_in_the_log() {
    let es = cluster();
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
    let es = cluster();
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
    let es = cluster();
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
fn an_endpoint_that_is_not_an_object_is_not_taken_for_one() {
    // `["emb", "openai"]` must not be read as endpoint emb of openai, nor
    // planned (or pruned) as an endpoint without a name.
    let es = cluster();
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
fn a_list_answer_that_is_not_an_object_is_refused_naming_the_address() {
    let es = cluster();
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
    let es = cluster();
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
// log of an answer past the limits, and files of endpoints in odd shapes.

#[test]
fn an_endpoint_without_an_id_is_refused_without_quoting_an_escaped_credential() {
    // A server (or proxy) that echoes the request's credential back in an
    // endpoint infer refuses: the refusal quotes it as masked values, never
    // as raw text, where the password's escaped form would show.
    let es = cluster();
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
    let es = cluster();
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
    let es = cluster();
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

#[test]
fn endpoints_given_twice_in_a_file_is_named_as_a_key_given_twice() {
    // As for any key given twice, and as the same file in YAML says; not
    // "`endpoints` must be the only key, and a list", which it is.
    let es = cluster();
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
    let es = cluster();
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
    // README: "an empty file is refused (a file that means "no endpoints"
    // says `[]`)", JSON as YAML; not "EOF while parsing a value".
    let es = cluster();
    for text in ["", " \n\n"] {
        let (_d, path) = file("e.json", text);
        run(infer_at(&es.url()).args(["plan", "--prune", "-f", &arg(&path)]))
            .expect(2)
            .stderr_has("holds no endpoints (it is empty, or null); a file that means \"none\" says so with []");
    }
    assert!(es.requests().is_empty(), "nothing is read from the cluster");
}
