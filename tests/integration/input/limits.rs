//! Hostile input: deep, huge or ambiguous settings never crash infer or
//! exhaust memory; each is a usage error (exit 2) naming the input and the
//! limit, and nothing is sent.

use crate::harness::{DRY, arg, bounded, fifo, file, infer, infer_within_reading, run};
use assert_cmd::Command;
use base64::Engine;
use std::time::Duration;

/// A URL where nothing listens: every test below fails before a request.
const NOWHERE: &str = "http://127.0.0.1:9";

fn nested(levels: usize) -> String {
    format!("{}1{}", "{\"a\":".repeat(levels), "}".repeat(levels))
}

#[test]
fn a_set_path_10000_keys_deep_is_refused_not_a_crash() {
    let path = format!("task_settings{}", ".a".repeat(10_000));
    run(infer().args(DRY).args(["--set", &format!("{path}:=1")]))
        .expect(2)
        .stderr_has("--set task_settings.a.a.a.a.a.a.a.a.a.a.a.a.a.…: the path has 10001 keys, more than the limit of 64");
    let name = format!("a{}", ".a".repeat(100));
    run(infer()
        .env("K", "v")
        .args(DRY)
        .args(["--secret-env", &format!("{name}=K")]))
    .expect(2)
    .stderr_has("the path has 101 keys, more than the limit of 64");
    // 64 keys in all is within the limit.
    let path = format!("task_settings{}", ".a".repeat(63));
    run(infer().args(DRY).args(["--set", &format!("{path}:=1")])).expect(0);
}

#[test]
fn json_inputs_nested_past_the_limit_are_refused() {
    run(infer()
        .args(DRY)
        .args(["--service-settings", &nested(100)]))
    .expect(2)
    .stderr_has("--service-settings is nested deeper than the limit of 64 levels of objects and arrays (at line 1, column ");
    run(infer()
        .args(DRY)
        .args(["--set", &format!("task_settings.x:={}", nested(100))]))
    .expect(2)
    .stderr_has("the value of --set task_settings.x is nested deeper than the limit of 64 levels");
    let (_dir, deep) = file(
        "deep.json",
        format!("{{\"task_settings\": {}}}", nested(5000)),
    );
    run(infer().args(DRY).args(["--settings", &arg(&deep)]))
        .expect(2)
        .stderr_has(&format!(
            "settings file {} is nested deeper than the limit of 64 levels",
            arg(&deep)
        ));
    run(infer().args(DRY).args(["--service-settings", &nested(63)])).expect(0);
}

#[test]
fn endless_settings_stop_at_the_limit() {
    run(infer_within_reading(1024, "/dev/zero")
        .args(DRY)
        .args(["--settings", "-"]))
    .expect(2)
    .stderr_has("cannot read stdin for --settings -: larger than the limit of 64 MiB");
    // A pipe named on the command line is read, up to the limit.
    let endless = |flag: &str, prefix: &str| {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(format!(
                "ulimit -v {}; exec \"$0\" \"$@\" {flag} {prefix}<(cat /dev/zero)",
                1024 * 1024
            ))
            .arg(env!("CARGO_BIN_EXE_infer"))
            .args(DRY)
            .env("HOME", crate::harness::home())
            .timeout(Duration::from_secs(20));
        cmd
    };
    run(&mut endless("--settings", ""))
        .expect(2)
        .stderr_has("cannot read settings file /dev/fd/")
        .stderr_has(": larger than the limit of 64 MiB");
    run(&mut endless("--task-settings", "@"))
        .expect(2)
        .stderr_has("cannot read --task-settings file /dev/fd/")
        .stderr_has(": larger than the limit of 64 MiB");
}

#[test]
fn a_secret_file_is_at_most_1_mib() {
    let (_dir, big) = file("key.txt", vec![b'k'; (1 << 20) + 1]);
    run(infer()
        .args(DRY)
        .args(["--secret-file", &format!("api_key={}", arg(&big))]))
    .expect(2)
    .stderr_has(&format!(
        "cannot read secret file {}: larger than the limit of 1 MiB",
        arg(&big)
    ));
    let (_dir, fits) = file("key.txt", vec![b'k'; 1 << 20]);
    run(infer()
        .args(DRY)
        .args(["--secret-file", &format!("api_key={}", arg(&fits))]))
    .expect(0);
}

#[test]
fn a_key_given_twice_is_refused_with_its_line() {
    let text = "{\n  \"task_settings\": {\"top_n\": 1},\n  \"service_settings\": {\n    \"model_id\": \"a\",\n    \"model_id\": \"b\"\n  }\n}\n";
    let (_dir, twice) = file("twice.json", text);
    let out = run(infer().args(DRY).args(["--settings", &arg(&twice)]))
        .expect(2)
        .stderr_has(&format!(
            "settings file {} gives the key \"model_id\" twice in one object (again at line 5); \
             the server refuses that: keep one",
            arg(&twice)
        ));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    run(infer()
        .args(DRY)
        .args(["--task-settings", r#"{"top_n": 1, "top_n": 2}"#]))
    .expect(2)
    .stderr_has("--task-settings gives the key \"top_n\" twice");
    run(infer()
        .args(DRY)
        .args(["--set", r#"task_settings.x:={"a": 1, "a": 2}"#]))
    .expect(2)
    .stderr_has("the value of --set task_settings.x gives the key \"a\" twice");
    // The same key in two objects is no duplicate.
    run(infer()
        .args(DRY)
        .args(["--task-settings", r#"{"a": {"x": 1}, "b": {"x": 2}}"#]))
    .expect(0);
}

#[test]
fn a_cloud_id_whose_host_is_not_a_plain_host_name_is_refused() {
    let cloud_id = |decoded: &str| {
        format!(
            "x:{}",
            base64::engine::general_purpose::STANDARD.encode(decoded)
        )
    };
    for (decoded, host) in [
        ("evil.example/x$abc$def", "abc.evil.example/x"),
        ("evil.example$a/b$def", "a/b.evil.example"),
        ("evil.example:443$abc@x$def", "abc@x.evil.example"),
        ("evil.example#$abc$def", "abc.evil.example#"),
        ("ev il.example$abc$def", "abc.ev il.example"),
        ("evil..example$abc$def", "abc.evil..example"),
    ] {
        run(infer().args(["--cloud-id", &cloud_id(decoded), "get", "rr"]))
            .expect(2)
            .stderr_has(&format!(
                "invalid --cloud-id: it names the host '{host}', which is not a plain host name"
            ));
    }
    let good = cloud_id("us-east-1.aws.found.io:9243$abc123$def456");
    let out = run(infer().args(["--cloud-id", &good, "config", "show"])).expect(0);
    assert!(out.stdout.contains("cloud_id"), "{}", out.stdout);
}

/// start-local's `.env`, 502 bytes, whose values refer to the one before
/// four times, twenty levels deep: 4^20 copies once expanded.
fn dotenv_bomb() -> String {
    let mut text = String::from("B0=xxxxxxxx\n");
    for level in 1..=20 {
        let before = format!("${{B{}}}", level - 1);
        text.push_str(&format!("B{level}={}\n", before.repeat(4)));
    }
    text
}

#[test]
fn a_dotenv_that_expands_past_the_limit_is_refused_naming_the_variable() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("elastic-start-local")).expect("mkdir");
    let bomb = dotenv_bomb();
    assert!(bomb.len() < 600, "{}", bomb.len());
    std::fs::write(dir.path().join("elastic-start-local/.env"), bomb).expect("write");
    run(bounded().current_dir(dir.path()).args(["config", "show"]))
        .expect(2)
        .stderr_has("cannot use start-local's ./elastic-start-local/.env: line 10 sets B9, ")
        .stderr_has("past the limit of 1 MiB");
    // A chain of names, each the one before: bounded in depth too.
    let mut chain = String::from("C0=x\n");
    for level in 1..=40 {
        chain.push_str(&format!("C{level}=${{C{}}}\n", level - 1));
    }
    std::fs::write(dir.path().join("elastic-start-local/.env"), chain).expect("write");
    run(bounded().current_dir(dir.path()).args(["config", "show"]))
        .expect(2)
        .stderr_has("cannot use start-local's ./elastic-start-local/.env: line 18 sets C17 ")
        .stderr_has("more than the limit of 16 levels");
}

#[test]
fn an_endless_config_file_is_refused() {
    run(bounded()
        .env("INFER_CONFIG", "/dev/zero")
        .args(["config", "show"]))
    .expect(2)
    .stderr_has("cannot read config file /dev/zero: it is a device, not a regular file");
    // /dev/null is an empty file: no profiles.
    run(bounded()
        .env("INFER_CONFIG", "/dev/null")
        .args(["config", "show"]))
    .expect(0);
}

#[test]
fn a_fifo_where_a_file_is_expected_is_refused_not_waited_for() {
    let dir = tempfile::tempdir().expect("dir");
    let pipe = fifo(dir.path(), "pipe");
    let refused = format!("{}: it is a pipe (FIFO), not a regular file", arg(&pipe));
    run(bounded()
        .env("INFER_CONFIG", &pipe)
        .args(["config", "show"]))
    .expect(2)
    .stderr_has(&format!("cannot read config file {refused}"));
    // A profile's file: secret.
    let (_c, config) = file(
        "config.toml",
        format!(
            "default_profile = \"p\"\n[profiles.p]\nurl = \"{NOWHERE}\"\napi_key = \"file:{}\"\n",
            arg(&pipe)
        ),
    );
    run(bounded().env("INFER_CONFIG", &config).args(["get", "rr"]))
        .expect(2)
        .stderr_has(&format!(
            "refers to file {}, which cannot be read: it is a pipe (FIFO), not a regular file",
            arg(&pipe)
        ));
    // start-local's .env, which anyone who controls the folder can plant.
    let folder = tempfile::tempdir().expect("dir");
    std::fs::create_dir(folder.path().join("elastic-start-local")).expect("mkdir");
    fifo(&folder.path().join("elastic-start-local"), ".env");
    run(bounded()
        .current_dir(folder.path())
        .args(["config", "show"]))
    .expect(2)
    .stderr_has(
        "cannot use start-local's ./elastic-start-local/.env: it is a pipe (FIFO), \
             not a regular file",
    );
    // A folder of endpoints holding one.
    let endpoints = tempfile::tempdir().expect("dir");
    let inside = fifo(endpoints.path(), "a.json");
    run(bounded()
        .env("ES_URL", NOWHERE)
        .args(["plan", "-f", &arg(endpoints.path())]))
    .expect(2)
    .stderr_has(&format!(
        "cannot read {}: it is a pipe (FIFO), not a regular file",
        arg(&inside)
    ));
}

#[test]
fn a_fifo_named_on_the_command_line_is_read_once_and_nothing_written_is_empty() {
    let dir = tempfile::tempdir().expect("dir");
    let pipe = fifo(dir.path(), "pipe.json");
    run(bounded()
        .env("ES_URL", NOWHERE)
        .args(["plan", "-f", &arg(&pipe)]))
    .expect(2)
    .stderr_has(&format!("{} holds no endpoints", arg(&pipe)));
    run(bounded().args(DRY).args(["--settings", &arg(&pipe)]))
        .expect(2)
        .stderr_has(&format!("settings file {} is empty", arg(&pipe)));
    // A pipe that is written to, as `<(…)` gives one.
    let out = run(Command::new("bash")
        .arg("-c")
        .arg(r#"exec "$0" "$@" --settings <(printf '{"task_settings": {"top_n": 3}}')"#)
        .arg(env!("CARGO_BIN_EXE_infer"))
        .args(DRY)
        .env("HOME", crate::harness::home())
        .timeout(Duration::from_secs(5)))
    .expect(0);
    assert!(out.stdout.contains("top_n"), "{}", out.stdout);
}

#[test]
fn a_device_is_refused_and_dev_null_is_empty() {
    run(bounded().args(DRY).args(["--settings", "/dev/zero"]))
        .expect(2)
        .stderr_has("cannot read settings file /dev/zero: it is a device, not a regular file");
    run(bounded()
        .args(DRY)
        .args(["--secret-file", "api_key=/dev/urandom"]))
    .expect(2)
    .stderr_has("cannot read secret file /dev/urandom: it is a device, not a regular file");
    run(bounded().args(DRY).args(["--settings", "/dev/null"]))
        .expect(2)
        .stderr_has("settings file /dev/null is empty");
    run(bounded()
        .env("ES_URL", NOWHERE)
        .args(["plan", "-f", "/dev/null"]))
    .expect(2)
    .stderr_has("/dev/null holds no endpoints");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_is_followed() {
    // Mounted container secrets are links.
    let (_dir, target) = file("real.json", r#"{"task_settings": {"top_n": 4}}"#);
    let link = target.with_file_name("link.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let out = run(bounded().args(DRY).args(["--settings", &arg(&link)])).expect(0);
    assert!(out.stdout.contains("top_n"), "{}", out.stdout);
}
