//! `plan` and `apply` on a real terminal (a pty made by util-linux
//! `script`): one block per endpoint marked as terraform marks its
//! resources (`+` create, `~` update, `-/+` replace, `-` delete), the
//! changes indented below it, and one summary line; piped, the JSON is as
//! it was.

use serde_json::Value;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::terminal::on_terminal;
use crate::harness::{arg, file, infer_at, run};

/// One endpoint to update, one to create, one to replace, and (with
/// `--prune`) one to delete.
const FILE: &str = r#"
- inference_id: emb
  task_type: text_embedding
  service: openai
  service_settings:
    model_id: text-embedding-3-small
    api_key: env:OPENAI_KEY
    rate_limit: {requests_per_minute: 500}
  task_settings: {user: search-team}
- inference_id: rr-new
  task_type: rerank
  service: cohere
  service_settings:
    model_id: rerank-english-v3.0
    api_key: env:COHERE_KEY
- inference_id: swap
  task_type: completion
  service: cohere
  service_settings:
    model_id: command-r
    api_key: env:COHERE_KEY
"#;

const KEY: &str = "co-typed-secret-7731";

fn cluster() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es.insert(cohere_rerank("swap"));
    es.insert(elser("old"));
    es
}

fn env(es: &FakeEs) -> Vec<(&'static str, String)> {
    vec![
        ("ES_URL", es.url()),
        ("COHERE_KEY", KEY.to_string()),
        ("OPENAI_KEY", "sk-unused-1".to_string()),
    ]
}

fn on_tty(es: &FakeEs, args: &str, colour: bool) -> Option<crate::harness::terminal::Tty> {
    let mut vars = env(es);
    if !colour {
        vars.push(("NO_COLOR", "1".to_string()));
    }
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    on_terminal(args, &vars, &[])
}

/// What `plan` shows for FILE against `cluster()`, without colour.
const PLAN: &[&str] = &[
    "~ update emb\r\n",
    "  ~ service_settings.rate_limit.requests_per_minute: 3000 → 500\r\n",
    "  ~ task_settings.user: \"alice\" → \"search-team\"\r\n",
    "+ create rr-new\r\n",
    "  + service_settings.model_id: \"rerank-english-v3.0\"\r\n",
    "  + service_settings.api_key: (secret)\r\n",
    "-/+ replace swap\r\n",
    "  ~ service, task_type: \"cohere rerank\" → \"cohere completion\"\r\n",
    "- delete old\r\n",
    "Plan: 1 to create, 1 to update, 1 to replace, 1 to delete; 0 unchanged.\r\n",
];

#[test]
fn plan_on_a_terminal_reads_like_terraform() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    let args = format!("plan -f {} --allow-replace --prune", arg(&path));
    let Some(tty) = on_tty(&es, &args, false) else {
        return;
    };
    assert_eq!(tty.code, 10, "{}", tty.screen);
    for line in PLAN {
        assert!(tty.screen.contains(line), "{line:?} in\n{}", tty.screen);
    }
    assert!(!tty.screen.contains("infer:"), "{}", tty.screen);
    assert!(!tty.screen.contains(KEY), "{}", tty.screen);
    assert_eq!(tty.screen.matches("Plan: ").count(), 1, "{}", tty.screen);
    // Nothing written (the replace's delete was a dry run, asking what
    // uses the endpoint).
    assert!(es.endpoint("rr-new").is_none());
    assert!(es.endpoint("old").is_some());
}

#[test]
fn plan_marks_are_green_yellow_and_red() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    let args = format!("plan -f {} --allow-replace --prune", arg(&path));
    let Some(tty) = on_tty(&es, &args, true) else {
        return;
    };
    let (green, yellow, red, reset) = ("\x1b[32m", "\x1b[33m", "\x1b[31m", "\x1b[0m");
    for wanted in [
        format!("{yellow}~{reset} update emb"),
        format!("{green}+{reset} create rr-new"),
        format!("{red}-{reset}/{green}+{reset} replace swap"),
        format!("{red}-{reset} delete old"),
        format!("  {green}+{reset} service_settings.api_key: (secret)"),
    ] {
        assert!(
            tty.screen.contains(&wanted),
            "{wanted:?} in {:?}",
            tty.screen
        );
    }
}

#[test]
fn conflicts_and_warnings_are_indented_under_their_endpoint() {
    let es = cluster();
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai, service_settings: \
         {dimensions: null, model_id: text-embedding-3-large}}",
    );
    let Some(tty) = on_tty(&es, &format!("plan -f {}", arg(&path)), false) else {
        return;
    };
    assert_eq!(tty.code, 11, "{}", tty.screen);
    assert!(
        tty.screen
            .contains("\r\n  ! conflict: service_settings.dimensions: the openai service"),
        "{}",
        tty.screen
    );
    assert!(
        tty.screen
            .contains("\r\n  ! warning: service_settings.model_id: infer's table says"),
        "{}",
        tty.screen
    );
    assert!(
        tty.screen.contains(
            "\r\n\r\nPlan: 0 to create, 1 to update, 0 to replace, 0 to delete; 0 unchanged; \
             2 not in the file; 1 with conflicts (apply skips it).\r\n"
        ),
        "{}",
        tty.screen
    );
}

#[test]
fn apply_on_a_terminal_shows_the_plan_and_the_outcome_without_prefixes() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    let args = format!("apply -f {} --allow-replace --prune --yes", arg(&path));
    let Some(tty) = on_tty(&es, &args, false) else {
        return;
    };
    assert_eq!(tty.code, 0, "{}", tty.screen);
    for line in PLAN {
        assert!(tty.screen.contains(line), "{line:?} in\n{}", tty.screen);
    }
    for line in [
        "~ update emb: verified\r\n",
        "+ create rr-new: verified\r\n",
        "-/+ replace swap: verified\r\n",
        "- delete old: done\r\n",
        "Apply: 3 verified, 1 done, 0 not verified, 0 failed, 0 skipped, 0 not started.\r\n",
    ] {
        assert!(tty.screen.contains(line), "{line:?} in\n{}", tty.screen);
    }
    assert!(!tty.screen.contains("infer:"), "{}", tty.screen);
    assert!(!tty.screen.contains(KEY), "{}", tty.screen);
    assert_eq!(es.secrets("rr-new")["api_key"], KEY);
}

#[test]
fn piped_plan_and_apply_stay_json() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    let plan = |command: &str, code: i32| {
        let mut cmd = infer_at(&es.url());
        cmd.env("COHERE_KEY", KEY)
            .env("OPENAI_KEY", "sk-unused-1")
            .args([command, "-f", &arg(&path), "--allow-replace", "--prune"]);
        if command == "apply" {
            cmd.arg("--yes");
        }
        run(&mut cmd).expect(code)
    };
    let out = plan("plan", 10).stderr_has(
        "infer: Plan: 1 to create, 1 to update, 1 to replace, 1 to delete; 0 unchanged.",
    );
    let items: Value = out.json();
    assert_eq!(items[0]["inference_id"], "emb");
    assert_eq!(items[0]["action"], "update");
    assert!(!out.stdout.contains("~ update"), "{}", out.stdout);
    let out = plan("apply", 0).stderr_has(
        "infer: 3 verified, 1 done, 0 not verified, 0 failed, 0 skipped, 0 not started",
    );
    let report: Value = out.json();
    assert_eq!(report[0]["status"], "verified", "{}", out.stdout);
    assert!(!out.stderr.contains("~ update"), "{}", out.stderr);
}
