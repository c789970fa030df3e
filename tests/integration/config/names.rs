//! Profile names: letters, digits, `_` and `-`; a name given with `--profile` is the name
//! only, and is not asked again by `config init`.

use crate::harness::terminal::{at, shell_on_terminal};
use crate::harness::{config_file, infer, run};

#[test]
fn the_global_profile_is_the_name_only() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    run(infer()
        .env("INFER_CONFIG", &path)
        .args(["--profile", "p2", "config", "init"]))
    .expect(2)
    .stderr_has("--url")
    .stderr_has("--api-key-env");
    assert!(!path.exists());
    let line = format!("{} --profile p2 config init", env!("CARGO_BIN_EXE_infer"));
    let tty = shell_on_terminal(
        &line,
        &[("INFER_CONFIG", &path.to_string_lossy())],
        &[
            at("Elasticsearch URL", "http://h:9200\n"),
            at("Credential", "none\n"),
            at("CA certificate", "\n"),
        ],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(!tty.screen.contains("Profile name"), "{}", tty.screen);
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.contains("[profiles.p2]"), "{written}");
    assert!(written.contains("url = \"http://h:9200\""), "{written}");
}

#[test]
fn a_profile_name_is_letters_digits_underscore_and_dash() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    for name in ["https://es.example:9200", "a b", "prod/eu", ""] {
        run(infer().env("INFER_CONFIG", &path).args([
            "--profile",
            name,
            "config",
            "init",
            "--url",
            "http://h:9200",
            "--no-credential",
        ]))
        .expect(2)
        .stderr_has("letters, digits, _ and -");
        assert!(!path.exists(), "{name}");
    }
    run(infer().env("INFER_CONFIG", &path).args([
        "--profile",
        "eu-prod_2",
        "config",
        "init",
        "--url",
        "http://h:9200",
        "--no-credential",
    ]))
    .expect(0);
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("INFER_PROFILE", "http://h:9200")
        .args(["config", "show"]))
    .expect(2)
    .stderr_has("INFER_PROFILE")
    .stderr_has("letters, digits, _ and -");
    let (_d, odd) = config_file(
        "[profiles.\"https://es\"]\nurl = \"http://h:9200\"\n",
        0o600,
    );
    run(infer().env("INFER_CONFIG", &odd).args(["config", "list"]))
        .expect(2)
        .stderr_has("letters, digits, _ and -");
}
