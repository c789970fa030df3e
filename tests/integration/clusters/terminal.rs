//! `apply` on several clusters on a real terminal: the plans and the report grouped under a
//! `Cluster NAME (URL)` heading each, and one confirmation naming every cluster to be written.

use crate::harness::arg;
use crate::harness::terminal::{Tty, at, on_terminal};
use crate::harness::three::{
    COHERE_KEY, DEV_ES_KEY, OPENAI_KEY, PROD_ES_KEY, PROD_OPENAI_KEY, STAGING_ES_KEY, Three, three,
};

/// `infer ARGS` on a pty with the config file and every key, answering `answer`.
fn on_tty(t: &Three, args: &str, answer: &str) -> Tty {
    let config = arg(&t.config);
    on_terminal(
        args,
        &[
            ("INFER_CONFIG", &config),
            ("STAGING_ES_KEY", STAGING_ES_KEY),
            ("PROD_ES_KEY", PROD_ES_KEY),
            ("DEV_ES_KEY", DEV_ES_KEY),
            ("OPENAI_API_KEY", OPENAI_KEY),
            ("PROD_OPENAI_API_KEY", PROD_OPENAI_KEY),
            ("COHERE_KEY", COHERE_KEY),
            ("NO_COLOR", "1"),
        ],
        &[at("[y/N] ", answer)],
    )
}

/// The screen shows each of `texts`.
fn shows(tty: &Tty, texts: &[&str]) {
    let missing: Vec<&&str> = texts.iter().filter(|t| !tty.screen.contains(**t)).collect();
    assert!(missing.is_empty(), "{missing:?} not in\n{}", tty.screen);
}

#[test]
fn the_question_names_every_cluster_to_be_written_and_no_writes_nothing() {
    let t = three();
    let f = t.f();
    // dev in sync already: nothing to write there.
    t.run(&["apply", "-f", &f, "--profile", "dev", "--yes"])
        .expect(0);
    let dev_writes = t.dev.writes().len();
    let tty = on_tty(&t, &format!("apply -f {f} --all-profiles"), "no\n");
    assert_eq!(tty.code, 3, "{}", tty.screen);
    let question = format!(
        "Apply the changes to 3 endpoints on {} and 3 endpoints on {}? [y/N] ",
        t.named("prod"),
        t.named("staging")
    );
    shows(&tty, &[&question, "not confirmed; nothing was written"]);
    let headings = ["dev", "prod", "staging"].map(|p| format!("Cluster {}\r\n", t.named(p)));
    shows(&tty, &headings.each_ref().map(String::as_str));
    // The plans in order, each under its heading.
    let at = |s: &str| {
        tty.screen
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} in\n{}", tty.screen))
    };
    assert!(at("Cluster dev") < at("Cluster prod") && at("Cluster prod") < at("Cluster staging"));
    assert!(t.prod.writes().is_empty() && t.staging.writes().is_empty());
    assert_eq!(t.dev.writes().len(), dev_writes);
    for secret in [OPENAI_KEY, PROD_OPENAI_KEY, COHERE_KEY] {
        assert!(!tty.screen.contains(secret), "{}", tty.screen);
    }
}

#[test]
fn yes_writes_every_cluster_and_reports_each_under_its_heading() {
    let t = three();
    let f = t.f();
    let tty = on_tty(
        &t,
        &format!("apply -f {f} --profile staging --profile dev"),
        "yes\n",
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    let report = "Apply: 3 verified, 0 done, 0 not verified, 0 failed, 0 skipped, 0 not started.";
    let after_question = tty.screen.split("[y/N] ").nth(1).unwrap_or_default();
    for profile in ["staging", "dev"] {
        let heading = format!("Cluster {}\r\n", t.named(profile));
        assert!(
            after_question.contains(&heading),
            "{heading:?} in\n{}",
            tty.screen
        );
    }
    assert_eq!(after_question.matches(report).count(), 2, "{}", tty.screen);
    assert!(
        after_question.find("Cluster staging") < after_question.find("Cluster dev"),
        "{}",
        tty.screen
    );
    assert!(t.prod.requests().is_empty());
    assert_eq!(
        t.staging.secrets("openai-embeddings")["api_key"],
        OPENAI_KEY
    );
    assert_eq!(t.dev.secrets("dev-rerank")["api_key"], COHERE_KEY);
}

#[test]
fn rotate_asks_once_naming_each_cluster_with_its_endpoints() {
    let t = three();
    for es in [&t.staging, &t.prod] {
        es.insert(crate::fake_es::openai_embedding("emb"));
    }
    t.prod.insert(crate::fake_es::openai_embedding("emb-2"));
    let args = "rotate 'emb*' --profile staging --profile prod --secret-env api_key=OPENAI_API_KEY";
    let tty = on_tty(&t, args, "no\n");
    assert_eq!(tty.code, 3, "{}", tty.screen);
    let question = format!(
        "Rotate api_key on 1 endpoint of openai at the default host on {} and api_key on 2 \
         endpoints of openai at the default host on {}? [y/N] ",
        t.named("staging"),
        t.named("prod")
    );
    let listed = "infer: prod: rotate emb-2 (openai, the default host)";
    shows(&tty, &[&question, listed]);
    assert!(t.staging.writes().is_empty() && t.prod.writes().is_empty());
    assert_eq!(t.prod.secrets("emb")["api_key"], "sk-old");
}

/// A rotation's report on a terminal says what it did: `Rotate: …`, under each cluster's
/// heading.
#[test]
fn a_rotation_reports_under_each_heading_as_a_rotation() {
    let t = three();
    for es in [&t.staging, &t.prod] {
        es.insert(crate::fake_es::openai_embedding("emb"));
    }
    let args = "rotate emb --profile staging --profile prod --secret-env api_key=OPENAI_API_KEY";
    let tty = on_tty(&t, args, "y\n");
    assert_eq!(tty.code, 0, "{}", tty.screen);
    let staging = format!("Cluster {}", t.named("staging"));
    let prod = format!("Cluster {}", t.named("prod"));
    shows(
        &tty,
        &[
            &staging,
            &prod,
            "~ update emb: verified",
            "Rotate: 1 verified",
        ],
    );
    assert!(!tty.screen.contains("Apply:"), "{}", tty.screen);
}
