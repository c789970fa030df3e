//! Every command reports the server's errors and connection failures the
//! same way, with the documented exit codes.

use crate::fake_es::FakeEs;
use crate::harness::{fake_with_emb, infer_at, run};

const COMMANDS: [&[&str]; 5] = [
    &["get", "emb"],
    &["list"],
    &["services"],
    &["delete", "emb", "--yes"],
    &[
        "create",
        "emb2",
        "--task-type",
        "rerank",
        "--service",
        "elasticsearch",
    ],
];

#[test]
fn a_string_shaped_400_is_rendered_and_exits_4() {
    for args in COMMANDS {
        let es = fake_with_emb();
        es.respond_next(
            400,
            "application/json",
            r#"{"error":"no handler found for uri [/x] and method [GET]","status":400}"#,
        );
        run(infer_at(&es.url()).args(args))
            .expect(4)
            .stderr_has("infer: error: HTTP 400: no handler found for uri [/x] and method [GET]");
    }
}

#[test]
fn an_object_shaped_5xx_exits_5() {
    for args in COMMANDS {
        let es = FakeEs::start();
        es.respond_next(503, "application/json",
            r#"{"error":{"root_cause":[{"type":"cluster_block_exception","reason":"blocked"}],"type":"cluster_block_exception","reason":"blocked"},"status":503}"#);
        run(infer_at(&es.url()).arg("--retries=0").args(args))
            .expect(5)
            .stderr_has("HTTP 503 cluster_block_exception: blocked");
    }
}

#[test]
fn connection_refused_exits_6() {
    for args in COMMANDS {
        run(infer_at("http://127.0.0.1:9").arg("--retries=0").args(args))
            .expect(6)
            .stderr_has("cannot reach Elasticsearch at http://127.0.0.1:9/");
    }
}
