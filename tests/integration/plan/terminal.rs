//! `plan` and `apply` on a real terminal (a pty made by util-linux
//! `script`): one block per endpoint marked as terraform marks its
//! resources (`+` create, `~` update, `-/+` replace, `-` delete), the
//! changes indented below it, and one summary line; piped, the JSON is as
//! it was.

use crate::harness::fleet::{
    REPLACING, REPLACING_KEY, REPLACING_PLAN, replacing_cluster, replacing_on_tty,
};
use crate::harness::{arg, file, infer_at, run};
use serde_json::Value;

#[test]
fn plan_on_a_terminal_reads_like_terraform() {
    let es = replacing_cluster();
    let (_d, path) = file("endpoints.yaml", REPLACING);
    let args = format!("plan -f {} --allow-replace --prune", arg(&path));
    let tty = replacing_on_tty(&es, &args, false);
    assert_eq!(tty.code, 10, "{}", tty.screen);
    for line in REPLACING_PLAN {
        assert!(tty.screen.contains(line), "{line:?} in\n{}", tty.screen);
    }
    assert!(!tty.screen.contains("infer:"), "{}", tty.screen);
    assert!(!tty.screen.contains(REPLACING_KEY), "{}", tty.screen);
    assert_eq!(tty.screen.matches("Plan: ").count(), 1, "{}", tty.screen);
    // Nothing written (the replace's delete was a dry run, asking what
    // uses the endpoint).
    assert!(es.endpoint("rr-new").is_none());
    assert!(es.endpoint("old").is_some());
}

#[test]
fn plan_marks_are_green_yellow_and_red() {
    let es = replacing_cluster();
    let (_d, path) = file("endpoints.yaml", REPLACING);
    let args = format!("plan -f {} --allow-replace --prune", arg(&path));
    let tty = replacing_on_tty(&es, &args, true);
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
    let es = replacing_cluster();
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai, service_settings: \
         {dimensions: null, model_id: text-embedding-3-large}}",
    );
    let tty = replacing_on_tty(&es, &format!("plan -f {}", arg(&path)), false);
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
fn piped_plan_and_apply_stay_json() {
    let es = replacing_cluster();
    let (_d, path) = file("endpoints.yaml", REPLACING);
    let plan = |command: &str, code: i32| {
        let mut cmd = infer_at(&es.url());
        cmd.env("COHERE_KEY", REPLACING_KEY)
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
