//! Credentials never cross clusters: each cluster gets only its own profile's Elasticsearch
//! key (never `ES_API_KEY`, never at `ES_URL`), and a provider key meant for one cluster
//! reaches no other.

use super::each_command;
use crate::fake_es::openai_embedding;
use crate::harness::three::{OPENAI_KEY, PROD_OPENAI_KEY, three};

/// No request `es` received carries `secret` anywhere (path, headers, body).
fn never_carried(name: &str, es: &crate::fake_es::FakeEs, secret: &str) {
    for r in es.requests() {
        let headers = format!("{:?}", r.headers);
        assert!(
            !r.body.contains(secret) && !r.path.contains(secret) && !headers.contains(secret),
            "{name}: {} {} carried {secret}",
            r.method,
            r.path
        );
    }
}

#[test]
fn plan_apply_and_rotate_send_each_cluster_its_own_key_only() {
    let t = three();
    let f = t.f();
    t.run(&["plan", "-f", &f, "--all-profiles"]).expect(10);
    t.run(&["apply", "-f", &f, "--all-profiles", "--yes"])
        .expect(0);
    t.dev.insert(openai_embedding("emb"));
    t.staging.insert(openai_embedding("emb"));
    t.run(&[
        "rotate",
        "emb",
        "--all-profiles",
        "--secret-env",
        "api_key=OPENAI_API_KEY",
        "--secret-env",
        "prod:api_key=PROD_OPENAI_API_KEY",
        "--yes",
    ])
    .expect(0);
    assert_eq!(t.dev.secrets("emb")["api_key"], OPENAI_KEY);
    for (name, es, _) in t.each() {
        assert!(es.requests().len() > 3, "{name} was hardly used");
    }
    // Each cluster's own key on every request; ES_URL and ES_API_KEY never used.
    t.each_its_own_key();
    // prod's provider key went to prod only; the shared OpenAI key never to prod.
    assert_eq!(
        t.prod.secrets("openai-embeddings")["api_key"],
        PROD_OPENAI_KEY
    );
    never_carried("staging", &t.staging, PROD_OPENAI_KEY);
    never_carried("dev", &t.dev, PROD_OPENAI_KEY);
    never_carried("prod", &t.prod, OPENAI_KEY);
}

#[test]
fn a_connection_flag_beside_several_clusters_is_refused() {
    let t = three();
    for (_, out) in each_command(&t, &["staging", "prod"], &["--api-key", "x"]) {
        out.expect(2)
            .stderr_has("--api-key cannot be used with --profile staging");
    }
    t.nothing_sent();
}

#[test]
fn the_request_log_names_each_clusters_profile_and_the_variables_left_unused() {
    let t = three();
    let out = t
        .on(&["staging", "prod"], &["plan", "-f", &t.f(), "-v"])
        .expect(10)
        .stderr_has("staging: connection: profile 'staging'; not used: url from ES_URL, api_key from ES_API_KEY")
        .stderr_has("prod: connection: profile 'prod'; not used: url from ES_URL, api_key from ES_API_KEY")
        .never_shows(&t.elsewhere.url());
    for profile in ["staging", "prod"] {
        let sent = format!("{profile}: > GET {}_inference/_all", t.url_of(profile));
        assert_eq!(
            out.stderr.matches(&sent).count(),
            1,
            "{sent:?} in\n{}",
            out.stderr
        );
        let other = t.url_of(if profile == "prod" { "staging" } else { "prod" });
        let lines = out
            .stderr
            .lines()
            .filter(|l| l.starts_with(&format!("{profile}: ")));
        assert!(lines.clone().all(|l| !l.contains(&other)), "{}", out.stderr);
        assert!(
            lines
                .clone()
                .any(|l| l.ends_with("> Authorization: ApiKey ****"))
        );
    }
}
