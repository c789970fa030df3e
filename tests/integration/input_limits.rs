//! Hostile input: deep, huge or ambiguous settings never crash infer or
//! exhaust memory; each is a usage error (exit 2) naming the input and the
//! limit, and nothing is sent.

use base64::Engine;

use crate::harness::{DRY, arg, file, infer, infer_within, infer_within_reading, run};

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
    run(infer_within(1024)
        .args(DRY)
        .args(["--settings", "/dev/zero"]))
    .expect(2)
    .stderr_has("cannot read settings file /dev/zero: larger than the limit of 64 MiB");
    run(infer_within_reading(1024, "/dev/zero")
        .args(DRY)
        .args(["--settings", "-"]))
    .expect(2)
    .stderr_has("cannot read stdin for --settings -: larger than the limit of 64 MiB");
    run(infer_within(1024)
        .args(DRY)
        .args(["--task-settings", "@/dev/zero"]))
    .expect(2)
    .stderr_has("cannot read --task-settings file /dev/zero: larger than the limit of 64 MiB");
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
