//! Self-tests of the fake: the request helpers, GET, create and delete, transport and chunking.

use super::chunking::{build_chunking, default_chunking};
use super::*;
use std::io::{Read, Write};

pub(super) struct Resp {
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: String,
}

impl Resp {
    pub(super) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    pub(super) fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn reason(&self) -> String {
        self.json()["error"]["reason"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

pub(super) fn send(es: &FakeEs, method: &str, target: &str, body: Option<&str>) -> Resp {
    send_with(es, method, target, &[], body)
}

fn send_with(
    es: &FakeEs,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Resp {
    let mut s = TcpStream::connect(es.addr()).expect("connect");
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {}\r\n", es.addr());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            req.push_str("Content-Type: application/json\r\n");
        }
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    req.push_str(body.unwrap_or(""));
    s.write_all(req.as_bytes()).expect("write");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("response head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .expect("length")
        .1
        .parse()
        .unwrap();
    assert_eq!(len, body.len(), "Content-Length matches the body");
    Resp {
        status,
        headers,
        body: body.to_string(),
    }
}

pub(super) fn update(es: &FakeEs, target: &str, body: &str) -> Resp {
    send(es, "PUT", target, Some(body))
}

#[test]
fn get_missing_is_the_documented_404() {
    let es = FakeEs::start();
    let r = send(&es, "GET", "/_inference/nope", None);
    assert_eq!(r.status, 404);
    assert_eq!(r.header("x-elastic-product"), Some("Elasticsearch"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.json(),
        json!({"error": {"root_cause": [{"type": "resource_not_found_exception",
            "reason": "Inference endpoint not found [nope]"}],
            "type": "resource_not_found_exception", "reason": "Inference endpoint not found [nope]"},
            "status": 404})
    );
    // An encoded slash stays inside its segment.
    let r = send(&es, "GET", "/_inference/a%2F..%2Fb", None);
    assert_eq!(r.reason(), "Inference endpoint not found [a/../b]");
}

#[test]
fn get_shows_no_secrets_and_filters_by_task_type() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    es.insert(cohere_rerank("rr"));
    let all = send(&es, "GET", "/_inference/_all", None).json();
    let ids: Vec<&str> = all["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["inference_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["emb", "rr"]);
    assert!(!all.to_string().contains("sk-old") && !all.to_string().contains("api_key"));
    assert_eq!(es.secrets("emb"), json!({"api_key": "sk-old"}));
    let one = send(&es, "GET", "/_inference/rerank", None).json();
    assert_eq!(one["endpoints"].as_array().unwrap().len(), 1);
    let r = send(&es, "GET", "/_inference/completion/emb", None);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.reason(),
        "Requested task type [completion] does not match the inference endpoint's task type [text_embedding]"
    );
    assert_eq!(
        send(&es, "GET", "/", None).json()["version"]["number"],
        "9.5.0"
    );
}

#[test]
fn create_and_delete() {
    let es = FakeEs::start();
    let body = r#"{"service":"cohere","service_settings":{"api_key":"k","model_id":"rerank-english-v3.0"},"task_settings":{"top_n":3}}"#;
    let r = send(&es, "PUT", "/_inference/rerank/my-rerank-model", Some(body));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json().get("chunking_settings").is_none());
    assert_eq!(
        send(&es, "PUT", "/_inference/rerank/my-rerank-model", Some(body)).reason(),
        "Inference endpoint [my-rerank-model] already exists"
    );
    let r = send(&es, "PUT", "/_inference/sparse_embedding/x", Some(body));
    assert_eq!(
        r.reason(),
        "The [cohere] service does not support task type [sparse_embedding]"
    );
    let r = send(&es, "PUT", "/_inference/text_embedding/.mine", Some(body));
    assert_eq!(
        r.reason(),
        "[.mine] is a reserved inference ID. Cannot create a new inference endpoint with a reserved ID."
    );
    let r = send(
        &es,
        "PUT",
        "/_inference/text_embedding/emb",
        Some(r#"{"service":"openai","service_settings":{"api_key":"k","model_id":"m"}}"#),
    );
    assert_eq!(
        r.json()["chunking_settings"],
        json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1})
    );

    es.add_reference("emb", "pipeline:ingest-a");
    es.add_reference("emb", "index:docs");
    let r = send(&es, "DELETE", "/_inference/emb?dry_run=true", None);
    assert_eq!(r.json()["acknowledged"], false);
    assert_eq!(
        (r.json()["pipelines"].clone(), r.json()["indexes"].clone()),
        (json!(["ingest-a"]), json!(["docs"]))
    );
    let r = send(&es, "DELETE", "/_inference/text_embedding/emb", None);
    assert_eq!(r.status, 409);
    assert!(
        r.reason()
            .starts_with("Inference endpoint emb is referenced by pipelines: [ingest-a]."),
        "{}",
        r.body
    );
    let r = send(&es, "DELETE", "/_inference/text_embedding/emb?force", None);
    assert_eq!(
        r.json(),
        json!({"acknowledged": true, "pipelines": [], "indexes": []})
    );
    assert_eq!(send(&es, "DELETE", "/_inference/emb", None).status, 404);
    es.insert(elser(".elser-2-elasticsearch"));
    let r = send(&es, "DELETE", "/_inference/.elser-2-elasticsearch", None);
    assert_eq!(
        r.reason(),
        "[.elser-2-elasticsearch] is a reserved inference endpoint. Use the force=true query parameter to delete the inference endpoint."
    );
}

#[test]
fn respond_next_auth_and_media_types() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey abc".into()),
        ..Behavior::default()
    });
    es.respond_next(502, "text/html", "<html>Bad Gateway</html>");
    let r = send(&es, "GET", "/", None);
    assert_eq!(
        (r.status, r.body.as_str(), r.header("content-type")),
        (502, "<html>Bad Gateway</html>", Some("text/html"))
    );
    assert_eq!(r.header("x-elastic-product"), None);
    let r = send(&es, "GET", "/", None);
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"]["type"], "security_exception");
    assert!(r.header("www-authenticate").is_some());
    let r = send_with(
        &es,
        "GET",
        "/",
        &[("Authorization", "Basic ZWxhc3RpYzp4")],
        None,
    );
    assert_eq!(
        r.reason(),
        "unable to authenticate user [elastic] for REST request [/]"
    );
    let ok = [("Authorization", "ApiKey abc")];
    assert_eq!(send_with(&es, "GET", "/", &ok, None).status, 200);
    let compat8 = [
        ("Authorization", "ApiKey abc"),
        (
            "Accept",
            "application/vnd.elasticsearch+json; compatible-with=8",
        ),
    ];
    let r = send_with(&es, "GET", "/", &compat8, None);
    assert_eq!(
        r.header("content-type"),
        Some("application/vnd.elasticsearch+json;compatible-with=8")
    );
    let only_accept = [
        ("Authorization", "ApiKey abc"),
        (
            "Accept",
            "application/vnd.elasticsearch+json; compatible-with=9",
        ),
    ];
    let r = send_with(
        &es,
        "PUT",
        "/_inference/rerank/x/_update",
        &only_accept,
        Some("{}"),
    );
    assert!(
        r.reason().starts_with(
            "A compatible version is required on both Content-Type and Accept headers"
        ),
        "{}",
        r.body
    );
    let text = [
        ("Authorization", "ApiKey abc"),
        ("Content-Type", "text/plain"),
    ];
    let r = send_with(
        &es,
        "PUT",
        "/_inference/rerank/x/_update",
        &text,
        Some("{}"),
    );
    assert_eq!(
        r.json(),
        json!({"error": "Content-Type header [text/plain] is not supported", "status": 406})
    );
    let recorded = es.requests();
    assert_eq!(recorded.len(), 7);
    assert_eq!(recorded[0].path, "/");
    assert_eq!(recorded[6].header("Content-Type"), Some("text/plain"));
    assert_eq!(recorded[6].json(), json!({}));
}

#[test]
fn chunked_bodies_and_drop() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let mut s = TcpStream::connect(es.addr()).unwrap();
    let body = r#"{"task_settings":{"top_n":2}}"#;
    let req = format!(
        "PUT /_inference/rerank/rr/_update HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
        body.len()
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 200 OK"), "{raw}");
    assert_eq!(es.endpoint("rr").unwrap()["task_settings"]["top_n"], 2);
    // A marker only this fake holds: once it is dropped, its port is free
    // and another test's fake may bind it at once, so a connection there
    // may succeed; what must not happen is this fake answering.
    let marker = format!("dropped-{}", es.addr().port());
    es.insert(cohere_rerank(&marker));
    let held = format!("\"inference_id\":\"{marker}\"");
    let r = send_with(&es, "GET", &format!("/_inference/{marker}"), &[], None);
    assert!(r.status == 200 && r.body.contains(&held), "{}", r.body);
    let addr = es.addr();
    drop(es);
    if let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
        let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
        let _ = s.set_write_timeout(Some(Duration::from_secs(2)));
        let req = format!("GET /_inference/{marker} HTTP/1.1\r\nConnection: close\r\n\r\n");
        let _ = s.write_all(req.as_bytes());
        let mut raw = Vec::new();
        let _ = (&mut s).take(1 << 20).read_to_end(&mut raw);
        let raw = String::from_utf8_lossy(&raw);
        assert!(
            !(raw.starts_with("HTTP/1.1 200") && raw.contains(&held)),
            "the dropped fake still answers: {raw}"
        );
    }
}

#[test]
fn chunking_validation_messages() {
    let cases = [
        (
            json!({"max_chunk_size": 100}),
            "Can't generate Chunker without ChunkingStrategy provided",
        ),
        (
            json!({"strategy": "sentence", "max_chunk_size": 5}),
            "Validation Failed: 1: [chunking_settings] Invalid value [5.0]. [max_chunk_size] must be a greater than or equal to [20.0];",
        ),
        (
            json!({"strategy": "sentence", "max_chunk_size": 50, "sentence_overlap": 2}),
            "Validation Failed: 1: sentence_overlap[2] must be either 0 or 1;",
        ),
        (
            json!({"strategy": "word", "max_chunk_size": 100, "overlap": 60}),
            "Validation Failed: 1: overlap[60] must be less than or equal to half of max chunk size;",
        ),
        (
            json!({"strategy": "word", "max_chunk_size": 100}),
            "Validation Failed: 1: [chunking_settings] does not contain the required setting [overlap];",
        ),
        (
            json!({"strategy": "recursive", "max_chunk_size": 100, "separator_group": "markdown", "separators": ["x"]}),
            "Validation Failed: 1: Recursive chunking settings can not have both separators and separator_set;",
        ),
    ];
    for (input, reason) in cases {
        let err = build_chunking(&input).expect_err("invalid");
        let v: Value = serde_json::from_str(&err.body).unwrap();
        assert_eq!(v["error"]["reason"], reason, "{input}");
    }
    let ok = build_chunking(&json!({"strategy": "recursive", "max_chunk_size": 100})).unwrap();
    assert_eq!(
        ok,
        json!({"strategy": "recursive", "max_chunk_size": 100, "separators": ["\n\n", "\n"]})
    );
    assert_eq!(build_chunking(&json!({})).unwrap(), default_chunking());
}

#[test]
fn get_shows_the_live_count_of_adaptive_allocations_on_every_version() {
    let adaptive = |id: &str, min: u64, num: Option<u64>| {
        let mut ss = json!({"num_threads": 1, "model_id": ".elser_model_2",
            "adaptive_allocations": {"enabled": true, "min_number_of_allocations": min,
                "max_number_of_allocations": 8}});
        if let Some(n) = num {
            ss["num_allocations"] = json!(n);
        }
        json!({"inference_id": id, "task_type": "sparse_embedding", "service": "elasticsearch",
            "service_settings": ss})
    };
    for behavior in [
        Behavior::v8_17(),
        Behavior::v9_2(),
        Behavior::v9_4(),
        Behavior::v9_5(),
        Behavior::current(),
    ] {
        let version = behavior.version.clone();
        let es = FakeEs::with_behavior(behavior.clone());
        es.insert(adaptive("min0", 0, None));
        es.insert(adaptive("min3", 3, None));
        es.insert(adaptive("stored", 3, Some(2)));
        es.insert(elser("fixed"));
        let shown = |id: &str| {
            let r = send(&es, "GET", &format!("/_inference/{id}"), None);
            r.json()["endpoints"][0]["service_settings"]["num_allocations"].clone()
        };
        assert_eq!(shown("min0"), 1, "{version}");
        assert_eq!(shown("min3"), 3, "{version}");
        assert_eq!(shown("stored"), 2, "{version}");
        assert_eq!(shown("fixed"), 1, "{version}");
        let es = FakeEs::with_behavior(Behavior {
            live_num_allocations: Some(5),
            ..behavior
        });
        es.insert(adaptive("min3", 3, None));
        assert_eq!(
            es.endpoint("min3").unwrap()["service_settings"]["num_allocations"],
            5
        );
    }
}

#[test]
fn recursive_chunking_takes_at_most_50_separators() {
    let separators = |n: usize| (0..n).map(|i| format!("<{i}>")).collect::<Vec<_>>();
    let chunking = |n: usize| json!({"strategy": "recursive", "max_chunk_size": 100, "separators": separators(n)});
    assert!(build_chunking(&chunking(50)).is_ok());
    let err = build_chunking(&chunking(51)).unwrap_err();
    assert!(
        err.body
            .contains("Validation Failed: 1: separators list size [51] must not exceed [50];"),
        "{}",
        err.body
    );
    let es = FakeEs::start();
    let body = json!({"service": "openai", "service_settings": {"api_key": "k", "model_id": "m"},
        "chunking_settings": chunking(51)});
    let r = send(
        &es,
        "PUT",
        "/_inference/text_embedding/e",
        Some(&body.to_string()),
    );
    assert_eq!(
        r.reason(),
        "Validation Failed: 1: separators list size [51] must not exceed [50];"
    );
    es.insert(openai_embedding("emb"));
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update",
        &json!({ "chunking_settings": chunking(60) }).to_string(),
    );
    assert_eq!(
        r.reason(),
        "Validation Failed: 1: separators list size [60] must not exceed [50];"
    );
}

#[test]
fn services_catalogue_flags_every_setting_and_lists_the_newer_services() {
    let names = |es: &FakeEs| -> Vec<String> {
        let r = send(es, "GET", "/_inference/_services", None);
        for s in r.json().as_array().unwrap() {
            for (k, c) in s["configurations"].as_object().unwrap() {
                for flag in ["sensitive", "updatable", "required"] {
                    assert!(c[flag].is_boolean(), "{} {k} {flag}", s["service"]);
                }
                assert!(c["supported_task_types"].is_array(), "{} {k}", s["service"]);
            }
        }
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["service"].as_str().unwrap().to_string())
            .collect()
    };
    let es = FakeEs::start();
    let old = names(&es);
    for s in ["cohere", "elasticsearch", "groq", "jinaai", "openai"] {
        assert!(old.contains(&s.to_string()), "{s}");
    }
    assert!(!old.contains(&"ocigenai".to_string()));
    let es = FakeEs::with_behavior(Behavior {
        extra_services: vec![acme_service()],
        ..Behavior::current()
    });
    let new = names(&es);
    for s in ["elastic", "ocigenai", "acme"] {
        assert!(new.contains(&s.to_string()), "{s}");
    }
    let r = send(&es, "GET", "/_inference/_services/rerank", None);
    let oci = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "ocigenai")
        .cloned()
        .unwrap();
    let sensitive: Vec<&String> = oci["configurations"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, c)| c["sensitive"] == true)
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        sensitive,
        ["tenancy_id", "user_id", "fingerprint", "private_key"]
    );
    let groq = &r.json();
    assert!(
        !groq
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["service"] == "groq"),
        "groq offers chat_completion only"
    );
}
