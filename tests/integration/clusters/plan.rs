//! `plan` on several clusters: a section per cluster in the order given (sorted by name for
//! `--all-profiles`), each planned with its own profile's values; one target keeps the plain
//! array; the exit code the most serious of the clusters'; a saved plan and `--curl` take one.

use super::{codes, each_command, ids, values};
use crate::harness::run;
use crate::harness::three::{
    OPENAI_KEY, PROD_OPENAI_KEY, by_id, section, sections, three, three_prod_closed,
};
use serde_json::json;

const ALL: [&str; 3] = ["staging", "prod", "dev"];

#[test]
fn three_clusters_are_planned_each_with_its_own_values_in_the_order_given() {
    let t = three();
    let report = t
        .on(&ALL, &["plan", "-f", &t.f()])
        .expect(10)
        .stderr_has("infer: staging: Plan: 3 to create, 0 to update, 0 to replace, 0 to delete")
        .stderr_has("infer: prod: Plan: 3 to create")
        .stderr_has("infer: dev: Plan: 3 to create")
        .never_shows(OPENAI_KEY)
        .never_shows(PROD_OPENAI_KEY)
        .json();
    let order = codes(&[("staging", 10), ("prod", 10), ("dev", 10)]);
    assert_eq!(sections(&report), order);
    assert_eq!(section(&report, "prod")["url"], json!(t.url_of("prod")));
    let plans: Vec<_> = ALL.iter().map(|p| by_id(section(&report, p))).collect();
    assert_eq!(
        ids(&plans[0]),
        ["my-elser", "openai-embeddings", "shared-rerank"]
    );
    assert_eq!(ids(&plans[1]), ids(&plans[0]));
    assert_eq!(ids(&plans[2]), ["dev-rerank", "my-elser", "shared-rerank"]);
    let elser = |i: usize| values(&plans[i]["my-elser"]);
    assert_eq!(elser(0)["service_settings.num_allocations"], 2);
    assert_eq!(elser(2)["service_settings.num_allocations"], 1);
    assert!(elser(1).get("service_settings.num_allocations").is_none());
    assert_eq!(
        elser(1)["service_settings.adaptive_allocations.max_number_of_allocations"],
        8
    );
    let rate = |i: usize| {
        values(&plans[i]["openai-embeddings"])["service_settings.rate_limit.requests_per_minute"]
            .clone()
    };
    assert_eq!((rate(0), rate(1)), (json!(500), json!(3000)));
    t.nothing_written();
    t.each_its_own_key();
    // Another order, another order of sections.
    let out = t
        .on(&["dev", "staging"], &["plan", "-f", &t.f()])
        .expect(10);
    assert_eq!(
        sections(&out.json()),
        codes(&[("dev", 10), ("staging", 10)])
    );
}

#[test]
fn all_profiles_plans_every_profile_sorted_by_name() {
    let t = three();
    let out = t.run(&["plan", "-f", &t.f(), "--all-profiles"]).expect(10);
    assert_eq!(
        sections(&out.json()),
        codes(&[("dev", 10), ("prod", 10), ("staging", 10)])
    );
    t.nothing_written();
}

#[test]
fn one_target_keeps_the_plain_array() {
    let t = three();
    let plan = t
        .on(&["prod"], &["plan", "-f", &t.f()])
        .expect(10)
        .stderr_has("infer: Plan: 3 to create")
        .json();
    assert!(plan.is_array(), "{plan}");
    assert_eq!(plan[0]["inference_id"], "my-elser");
    // --all-profiles with a config of one profile: that one cluster, as one (a file that
    // names no other profile: this config file knows only prod).
    let one = t.variant(
        "one.toml",
        &format!(
            "[profiles.prod]\nurl = \"{}\"\napi_key = \"env:PROD_ES_KEY\"\n",
            t.prod.url()
        ),
    );
    crate::harness::chmod(std::path::Path::new(&one), 0o600);
    let plain = t.variant(
        "plain.yaml",
        "- {inference_id: shared-rerank, task_type: rerank, service: cohere, service_settings: \
         {model_id: rerank-english-v3.0, api_key: env:COHERE_KEY}}\n",
    );
    let plan =
        run(t
            .infer()
            .env("INFER_CONFIG", &one)
            .args(["plan", "-f", &plain, "--all-profiles"]))
        .expect(10)
        .stderr_has("infer: Plan: 1 to create")
        .json();
    assert!(plan.is_array(), "{plan}");
    assert_eq!(plan[0]["inference_id"], "shared-rerank");
    t.each_its_own_key();
}

#[test]
fn plan_exit_codes_in_sync_pending_and_conflicts_across_clusters() {
    let t = three();
    let f = t.f();
    // prod's key unreadable: a conflict there (11), dev and staging pending (10): 11.
    let mut cmd = t.infer();
    cmd.env_remove("PROD_OPENAI_API_KEY")
        .args(["plan", "-f", &f, "--profile", "dev", "--profile", "prod"])
        .args(["--profile", "staging"]);
    let report = run(&mut cmd).expect(11).never_shows(OPENAI_KEY).json();
    assert_eq!(
        sections(&report),
        codes(&[("dev", 10), ("prod", 11), ("staging", 10)])
    );
    let conflict = &by_id(section(&report, "prod"))["openai-embeddings"]["conflicts"][0];
    assert!(
        conflict
            .as_str()
            .unwrap()
            .contains("env: names no environment variable that is set"),
        "{conflict}"
    );
    t.nothing_written();
    t.on(&["staging", "dev"], &["apply", "-f", &f, "--yes"])
        .expect(0);
    // staging in sync (0), prod pending (10): 10.
    let out = t.on(&["staging", "prod"], &["plan", "-f", &f]).expect(10);
    assert_eq!(
        sections(&out.json()),
        codes(&[("staging", 0), ("prod", 10)])
    );
    // Every cluster in sync: 0.
    let out = t.on(&["staging", "dev"], &["plan", "-f", &f]).expect(0);
    assert_eq!(sections(&out.json()), codes(&[("staging", 0), ("dev", 0)]));
    assert!(t.prod.writes().is_empty());
}

#[test]
fn an_unreachable_cluster_is_its_own_error_and_the_others_are_planned() {
    let (t, closed) = three_prod_closed();
    let report = t
        .run(&["plan", "-f", &t.f(), "--all-profiles"])
        .expect(1)
        .stderr_has(&format!(
            "infer: error: prod ({closed}/): cannot reach Elasticsearch"
        ))
        .stderr_has("infer: dev: Plan: 3 to create")
        .stderr_has("infer: staging: Plan: 3 to create")
        .json();
    assert_eq!(
        sections(&report),
        codes(&[("dev", 10), ("prod", 6), ("staging", 10)])
    );
    let prod = section(&report, "prod");
    assert!(prod.get("report").is_none(), "{prod}");
    let error = prod["error"].as_str().unwrap_or_default();
    assert!(error.contains("(url from profile 'prod')"), "{prod}");
    t.nothing_written();
}

#[test]
fn a_saved_plan_and_curl_take_one_cluster() {
    let t = three();
    let f = t.f();
    let saved = t.variant("prod.plan.json", "");
    std::fs::remove_file(&saved).expect("rm");
    t.on(&["prod", "dev"], &["plan", "-f", &f, "--out", &saved])
        .expect(2)
        .stderr_has("--out saves the plan of one cluster, and several were given");
    assert!(!std::path::Path::new(&saved).exists());
    t.on(&["prod"], &["plan", "-f", &f, "--out", &saved])
        .expect(10);
    t.prod.clear_requests();
    t.on(&["prod", "dev"], &["apply", "--plan", &saved, "--yes"])
        .expect(2)
        .stderr_has("--plan carries out the plan of one cluster")
        .stderr_has(&format!(
            "was made for {}/ (cluster_uuid fake-cluster-{}); give the --profile of that cluster",
            t.prod.url(),
            t.prod.addr().port()
        ));
    for (command, out) in each_command(&t, &["prod", "dev"], &["--curl"]) {
        out.expect(2).stderr_has(&format!(
            "--curl shows one request, and infer {command} sends many"
        ));
    }
    t.nothing_sent();
}
