//! What every command shares: help and completions kept in step with the
//! code, colour rules, and a closed pipe that is not an error.

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::{golden, golden_at, infer, infer_at, run, update_at};
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

#[test]
fn help_texts_match_the_golden_files() {
    let out = run(infer().arg("--help")).expect(0);
    golden("help.txt", &out.stdout);
    for command in [
        "get",
        "list",
        "create",
        "update",
        "edit",
        "delete",
        "services",
        "probe",
        "check",
        "export",
        "plan",
        "apply",
        "rotate",
        "diff",
        "completions",
        "man",
    ] {
        let out = run(infer().args([command, "--help"])).expect(0);
        golden(&format!("{command}-help.txt"), &out.stdout);
    }
}

#[test]
fn help_shows_only_what_applies_to_the_command() {
    for command in ["completions", "man"] {
        let out = run(infer().args([command, "--help"])).expect(0);
        for absent in ["Connection", "--url", "--api-key", "--retries", "--curl"] {
            assert!(!out.stdout.contains(absent), "{command}: {}", out.stdout);
        }
    }
    // Connection options given to them anyway are accepted, and unused.
    run(infer().args(["completions", "bash", "--url", "http://x"])).expect(0);

    let code = |n: &str| format!("\n    {n}  ");
    let get = run(infer().args(["get", "--help"])).expect(0).stdout;
    assert!(get.contains(&code("6")) && !get.contains(&code("7")) && !get.contains(&code("3")));
    let update = run(infer().args(["update", "--help"])).expect(0).stdout;
    assert!(update.contains(&code("3")) && update.contains(&code("7")));
    let delete = run(infer().args(["delete", "--help"])).expect(0).stdout;
    assert!(delete.contains("preconfigured without --force") && !delete.contains(&code("7")));

    let create = run(infer().args(["create", "--help"])).expect(0).stdout;
    let chunking = create
        .lines()
        .find(|l| l.contains("--chunking-settings <JSON>"))
        .expect("create --help lists --chunking-settings");
    assert!(!chunking.contains("replace"), "{chunking}");
    assert!(chunking.contains("of the new endpoint"), "{chunking}");
    let update_chunking = update
        .lines()
        .find(|l| l.contains("--chunking-settings <JSON>"))
        .expect("update --help lists --chunking-settings");
    assert!(update_chunking.contains("replace the stored ones"));
}

#[test]
fn help_never_shows_secret_values_from_the_environment() {
    let out = run(infer()
        .env("ES_API_KEY", "key-in-env")
        .env("ES_PASSWORD", "pw-in-env")
        .env("ES_BEARER_TOKEN", "token-in-env")
        .args(["update", "--help"]))
    .expect(0)
    .never_shows("key-in-env")
    .never_shows("pw-in-env")
    .never_shows("token-in-env");
    assert!(out.stdout.contains("ES_API_KEY"), "{}", out.stdout);
}

#[test]
fn committed_completions_are_current() {
    for (shell, file) in [
        ("bash", "infer.bash"),
        ("zsh", "_infer"),
        ("fish", "infer.fish"),
        ("powershell", "_infer.ps1"),
        ("elvish", "infer.elv"),
    ] {
        let out = run(infer().args(["completions", shell])).expect(0);
        golden_at(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("completions")
                .join(file),
            &out.stdout,
        );
    }
}

#[test]
fn color_always_colours_and_never_does_not() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let coloured = update_at(
        &es,
        &["rr", "--color", "always", "--set", "task_settings.top_n:=2"],
    )
    .expect(0);
    assert!(coloured.stdout.contains("\x1b["), "{:?}", coloured.stdout);
    let plain = update_at(
        &es,
        &["rr", "--color", "never", "--set", "task_settings.top_n:=2"],
    )
    .expect(0);
    assert!(!plain.stdout.contains("\x1b["));
}

/// Run infer with `args`, its stdout closed before it writes; its exit
/// code and stderr.
fn with_stdout_closed(args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_infer"))
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read");
    (status.code(), stderr)
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let (code, stderr) = with_stdout_closed(&["completions", "bash"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn usage_errors_exit_2_from_clap() {
    run(infer().args(["update"]))
        .expect(2)
        .stderr_has("required arguments were not provided");
    run(infer().args(["frobnicate"])).expect(2);
}

#[test]
fn a_closed_pipe_does_not_hide_a_verification_failure() {
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::v9_2());
    es.insert(crate::fake_es::elser("sparse"));
    let url = es.url();
    let (code, stderr) =
        with_stdout_closed(&["--url", &url, "update", "sparse", "--num-allocations", "2"]);
    assert_eq!(code, Some(7), "{stderr}");
    assert!(stderr.contains("chunking_settings changed"), "{stderr}");
}

#[test]
fn a_closed_stderr_is_not_a_crash() {
    // `2>&1 | head -c 1`: the reader goes away while infer still has lines
    // to say; a panic would end the run with 101.
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; {} -v --url http://127.0.0.1:9 --retries 2 get x 2>&1 | head -c 1 >/dev/null; echo $?",
            env!("CARGO_BIN_EXE_infer")
        ))
        .output()
        .expect("bash");
    let code = String::from_utf8_lossy(&status.stdout).trim().to_string();
    assert_eq!(
        code, "6",
        "the exit code of a failed connection, not a panic's"
    );
}

#[test]
fn t_is_short_for_task_type() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).args(["get", "rr", "-t", "rerank"])).expect(0);
    run(infer_at(&es.url()).args(["list", "-t", "rerank"])).expect(0);
    run(infer_at(&es.url()).args(["services", "-t", "rerank", "--json"])).expect(0);
    run(infer_at(&es.url()).args(["delete", "rr", "-t", "rerank", "--dry-run"])).expect(0);
    let paths: Vec<String> = es.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths[0], "/_inference/rerank/rr");
    assert_eq!(paths[1], "/_inference/rerank/_all");
    assert_eq!(paths[3], "/_inference/rerank/rr?dry_run=true");
    update_at(
        &es,
        &["rr", "-t", "rerank", "--set", "task_settings.top_n:=2"],
    )
    .expect(0);
    run(infer_at(&es.url()).args([
        "create",
        "new",
        "-t",
        "rerank",
        "--service",
        "cohere",
        "--dry-run",
        "--set",
        "service_settings.model_id=m",
        "--set",
        "service_settings.api_key=k",
    ]))
    .expect(0);
}
