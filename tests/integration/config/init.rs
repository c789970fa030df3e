//! `infer config init` without a terminal: every answer as a flag, for a
//! provisioning script; secrets only as a variable's name or a file.

use crate::harness::{arg, infer, run};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn config_path() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("infer").join("config.toml");
    (dir, path)
}

fn init(path: &Path, args: &[&str]) -> crate::harness::Run {
    run(infer().env("INFER_CONFIG", path).args(args))
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).expect("config written")
}

/// `config init --url http://h:9200 EXTRA…`.
fn init_h(path: &Path, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["config", "init", "--url", "http://h:9200"];
    args.extend_from_slice(extra);
    init(path, &args)
}

/// `config init --url URL --no-credential`.
fn no_credential(path: &Path, url: &str) -> crate::harness::Run {
    init(path, &["config", "init", "--url", url, "--no-credential"])
}

/// The written file has each of `lines`.
fn has_lines(path: &Path, lines: &[&str]) -> String {
    let written = text(path);
    for line in lines {
        assert!(written.contains(line), "{line} not in:\n{written}");
    }
    written
}

#[test]
fn a_profile_from_flags_without_a_terminal() {
    let (dir, path) = config_path();
    init(
        &path,
        &[
            "--profile",
            "ci",
            "config",
            "init",
            "--url",
            "https://es.example:9243",
            "--api-key-env",
            "CI_ES_KEY",
            "--ca-cert",
            "certs/http_ca.crt",
            "--timeout",
            "90s",
            "--retries",
            "5",
        ],
    )
    .expect(0)
    .stderr_has(&format!(
        "infer: wrote profile 'ci' to {} (mode 0600)",
        path.display()
    ));
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The first profile is the default; a relative path is made absolute,
    // since the profile is used from any directory.
    let cwd = std::env::current_dir().expect("cwd");
    has_lines(
        &path,
        &[
            "default_profile = \"ci\"",
            "[profiles.ci]",
            "url = \"https://es.example:9243\"",
            "api_key = \"env:CI_ES_KEY\"",
            &format!("ca_cert = \"{}\"", cwd.join("certs/http_ca.crt").display()),
            "timeout = \"90s\"",
            "retries = 5",
        ],
    );
    drop(dir);
}

#[test]
fn basic_credentials_and_files_and_the_default() {
    let (dir, path) = config_path();
    // A secret's file must be there when the profile is written.
    let password = dir.path().join("es-password");
    std::fs::write(&password, "pw").expect("write");
    std::fs::set_permissions(&password, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let password = password.to_string_lossy().into_owned();
    no_credential(&path, "http://localhost:9200").expect(0);
    init(
        &path,
        &[
            "--profile",
            "prod",
            "config",
            "init",
            "--cloud-id",
            "prod:ZXMuZXhhbXBsZS5jb20kYWJjJGRlZg==",
            "--username",
            "elastic",
            "--password-file",
            &password,
            "--ca-fingerprint",
            &["AB"; 32].join(":"),
            "--default",
        ],
    )
    .expect(0);
    let written = has_lines(
        &path,
        &[
            "default_profile = \"prod\"",
            "[profiles.default]",
            "[profiles.prod]",
            "cloud_id = \"prod:ZXMuZXhhbXBsZS5jb20kYWJjJGRlZg==\"",
            "username = \"elastic\"",
            &format!("password = \"file:{password}\""),
        ],
    );
    assert!(!written.contains("api_key"), "{written}");
    let listed = run(infer()
        .env("INFER_CONFIG", &path)
        .args(["config", "list", "--json"]))
    .expect(0)
    .json();
    assert_eq!(
        listed["profiles"]["prod"]["credential"], "basic",
        "{listed}"
    );
    assert_eq!(listed["profiles"]["prod"]["default"], true, "{listed}");
}

#[test]
fn missing_answers_name_the_flags_and_write_nothing() {
    let (_dir, path) = config_path();
    for (args, says) in [
        (
            vec!["config", "init"],
            "infer config init asks its questions on a terminal, and there is none: give the \
             answers as flags: --url URL (or --cloud-id ID) and a credential",
        ),
        (
            vec!["config", "init", "--api-key-env", "K"],
            "a new profile needs to know where Elasticsearch is: give --url URL or --cloud-id ID",
        ),
        (
            vec!["config", "init", "--url", "http://h:9200"],
            "a new profile needs a credential: give --api-key-env VAR, --api-key-file PATH, \
             --username USER with --password-env VAR or --password-file PATH, \
             --bearer-token-env VAR, --bearer-token-file PATH, or --no-credential",
        ),
        (
            vec![
                "config",
                "init",
                "--url",
                "http://h:9200",
                "--username",
                "u",
            ],
            "--username needs its password: give --password-env VAR or --password-file PATH",
        ),
        (
            vec![
                "config",
                "init",
                "--url",
                "http://h:9200",
                "--password-env",
                "P",
            ],
            "--password-env needs --username USER",
        ),
        (
            vec!["config", "init", "--url", "h:9200", "--no-credential"],
            "invalid --url 'h:9200'",
        ),
    ] {
        let out = init(&path, &args).expect(2).stderr_has(says);
        assert!(
            out.stderr.contains("nothing was written") || args.len() == 2,
            "{}",
            out.stderr
        );
        assert!(!path.exists(), "{args:?} wrote the file");
    }
    // Two credentials at once are refused by the parser.
    init_h(&path, &["--api-key-env", "A", "--bearer-token-env", "B"])
    .expect(2)
    .stderr_has("infer: error: the argument '--api-key-env <VAR>' cannot be used with '--bearer-token-env <VAR>'");
}

#[test]
fn a_secret_is_never_taken_from_the_command_line() {
    let (_dir, path) = config_path();
    for (flag, value, instead) in [
        (
            "--api-key",
            "sk-on-argv-1234",
            "--api-key-env VAR or --api-key-file PATH",
        ),
        (
            "--password",
            "pw-on-argv-1234",
            "--password-env VAR or --password-file PATH",
        ),
        (
            "--bearer-token",
            "tok-on-argv-1234",
            "--bearer-token-env VAR or --bearer-token-file PATH",
        ),
    ] {
        init_h(&path, &[flag, value])
            .expect(2)
            .stderr_has(&format!(
                "infer config init takes no secret on the command line, where other users can \
             read it: instead of {flag}, give {instead}"
            ))
            .never_shows(value);
    }
    // A variable's name that is not one may be the secret itself.
    init_h(&path, &["--api-key-env", "c2stc2VjcmV0LXZhbHVl=="])
        .expect(2)
        .stderr_has("--api-key-env takes the name of an environment variable")
        .never_shows("c2stc2VjcmV0LXZhbHVl");
    assert!(!path.exists());
    // Variables are not answers: ES_API_KEY is not written to the profile.
    no_credential(&path, "http://h:9200").expect(0);
    let mut cmd = infer();
    cmd.env("INFER_CONFIG", &path)
        .env("ES_API_KEY", "sk-from-the-environment")
        .env("ES_URL", "http://other:9200")
        .args([
            "--profile",
            "two",
            "config",
            "init",
            "--url",
            "http://h2:9200",
            "--no-credential",
        ]);
    run(&mut cmd)
        .expect(0)
        .never_shows("sk-from-the-environment");
    let written = text(&path);
    assert!(!written.contains("sk-from"), "{written}");
    assert!(!written.contains("other"), "{written}");
}

#[test]
fn a_file_with_profiles_needs_the_name() {
    let (_dir, path) = config_path();
    no_credential(&path, "http://h:9200").expect(0);
    no_credential(&path, "http://h2:9200")
        .expect(2)
        .stderr_has("name the profile to write with --profile NAME (the file has: default)");
}

#[test]
fn flags_change_an_existing_profile_and_keep_the_rest() {
    let (_dir, path) = config_path();
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &path,
        "default_profile = \"other\"\n[profiles.prod]\nurl = \"https://old:9200\"\napi_key = \"env:OLD\"\nca_cert = \"/etc/ca.crt\"\ntimeout = \"90s\"\n[profiles.other]\nurl = \"http://o:9200\"\n",
    )
    .expect("write");
    init(
        &path,
        &[
            "--profile",
            "prod",
            "config",
            "init",
            "--username",
            "svc",
            "--password-env",
            "SVC_PW",
            "--insecure",
        ],
    )
    .expect(0);
    let written = has_lines(
        &path,
        &[
            "default_profile = \"other\"",
            "url = \"https://old:9200\"",
            "timeout = \"90s\"",
            "username = \"svc\"",
            "password = \"env:SVC_PW\"",
            "insecure = true",
        ],
    );
    // Another credential and another way to trust the server replace the old ones.
    assert!(!written.contains("env:OLD"), "{written}");
    assert!(!written.contains("/etc/ca.crt"), "{written}");
}

#[test]
fn on_a_terminal_flags_answer_without_questions() {
    let (_dir, path) = config_path();
    let line = format!(
        "{} config init --url http://h:9200 --api-key-env K",
        env!("CARGO_BIN_EXE_infer")
    );
    let tty = crate::harness::terminal::shell_on_terminal(
        &line,
        &[("INFER_CONFIG", &path.to_string_lossy())],
        &[],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(!tty.screen.contains("Profile name"), "{}", tty.screen);
    assert!(text(&path).contains("api_key = \"env:K\""));
}

#[test]
fn config_init_refuses_a_secret_file_that_is_not_there() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    let missing = arg(&dir.path().join("missing-key"));
    for flag in ["--api-key-file", "--bearer-token-file"] {
        run(infer().env("INFER_CONFIG", &path).args([
            "config",
            "init",
            "--url",
            "http://h:9200",
            flag,
            &missing,
        ]))
        .expect(2)
        .stderr_has(flag)
        .stderr_has(&format!("{missing} cannot be read"))
        .stderr_has("nothing was written");
    }
    run(infer().env("INFER_CONFIG", &path).args([
        "config",
        "init",
        "--url",
        "http://h:9200",
        "--username",
        "elastic",
        "--password-file",
        &missing,
    ]))
    .expect(2)
    .stderr_has("--password-file");
    assert!(!path.exists());
}
