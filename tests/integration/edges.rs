//! The rough edges a new user met (issue 19): the editor chosen, a copied
//! endpoint with a new model, an unset reference in `config show`, profile
//! names, advice that names only what works, a declined confirmation, and
//! secrets in files anyone can read.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::fake_es::{FakeEs, openai_embedding};
use crate::harness::editor;
use crate::harness::terminal::{at, on_terminal, shell_on_terminal};
use crate::harness::{arg, file, infer, infer_at, run};

const KEY: &str = "sk-edges-7731";

/// A config file holding `text`, private (0600) unless `mode` says.
fn config(text: &str, mode: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = file("config.toml", text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    (dir, path)
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

// --- edit: which editor ---------------------------------------------------

#[test]
fn edit_without_an_editor_or_a_terminal_names_the_variables() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    for extra in [&[][..], &["--yes"][..]] {
        let out = run(infer_at(&es.url()).args(["edit", "emb"]).args(extra))
            .expect(2)
            .stderr_has("VISUAL")
            .stderr_has("EDITOR");
        assert!(out.stderr.contains("terminal"), "{}", out.stderr);
    }
    assert!(es.writes().is_empty());
}

#[test]
fn edit_says_which_editor_it_runs() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let (_d, ed) = editor("true");
    run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .args(["edit", "emb", "--yes"]))
    .expect(0)
    .stderr_has(&format!("editor {} (from EDITOR)", ed.display()));
    run(infer_at(&es.url())
        .env("EDITOR", "false-editor-never-run")
        .env("VISUAL", &ed)
        .args(["edit", "emb", "--yes"]))
    .expect(0)
    .stderr_has("(from VISUAL)");
}

#[test]
fn edit_on_a_terminal_falls_back_to_vi_and_says_so() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    // A `vi` of our own, first on PATH.
    let (dir, ed) = editor("true");
    std::fs::rename(&ed, dir.path().join("vi")).expect("rename");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let Some(tty) = on_terminal("edit emb", &[("ES_URL", &es.url()), ("PATH", &path)], &[]) else {
        return;
    };
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen
            .contains("editor vi (neither VISUAL nor EDITOR is set)"),
        "{}",
        tty.screen
    );
}

// --- create --from with another model ------------------------------------

#[test]
fn from_with_another_model_leaves_out_the_old_models_settings() {
    let es = FakeEs::start();
    let mut old = openai_embedding("old");
    old["service_settings"]["max_input_tokens"] = 8191.into();
    es.insert(old);
    let out = run(infer_at(&es.url()).env("K", KEY).args([
        "create",
        "new",
        "--from",
        "old",
        "--set",
        "service_settings.model_id=text-embedding-3-large",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0)
    .stderr_has("left out service_settings.dimensions, service_settings.similarity, service_settings.max_input_tokens")
    .stderr_has("text-embedding-3-small");
    let settings = &es.endpoint("new").unwrap()["service_settings"];
    assert_eq!(settings["model_id"], "text-embedding-3-large");
    for key in ["dimensions", "similarity", "max_input_tokens"] {
        assert!(settings.get(key).is_none(), "{key} copied: {settings}");
    }
    assert_eq!(settings["rate_limit"]["requests_per_minute"], 3000);
    drop(out);

    // What is given with the new model is kept; the same model copies all.
    run(infer_at(&es.url()).env("K", KEY).args([
        "create",
        "new2",
        "--from",
        "old",
        "--set",
        "service_settings.model_id=text-embedding-3-large",
        "--set",
        "service_settings.dimensions:=256",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0);
    assert_eq!(
        es.endpoint("new2").unwrap()["service_settings"]["dimensions"],
        256
    );
    let same = run(infer_at(&es.url()).env("K", KEY).args([
        "create",
        "new3",
        "--from",
        "old",
        "--set",
        "service_settings.model_id=text-embedding-3-small",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0);
    assert!(!same.stderr.contains("left out"), "{}", same.stderr);
    assert_eq!(
        es.endpoint("new3").unwrap()["service_settings"]["dimensions"],
        1536
    );
}

// --- config show with an unset reference --------------------------------

#[test]
fn config_show_shows_an_unset_reference_and_exits_0() {
    let (_d, path) = config(
        "default_profile = \"prod\"\n[profiles.prod]\nurl = \"https://es.example:9200\"\n\
         api_key = \"env:PROD_ES_API_KEY\"\n",
        0o600,
    );
    let out = run(infer()
        .env("INFER_CONFIG", &path)
        .args(["config", "show", "--json"]))
    .expect(0);
    let settings = out.json()["settings"].clone();
    assert!(
        settings
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["value"] == "env:PROD_ES_API_KEY (not set)"),
        "{settings}"
    );
    // Set, it is shown as the reference alone; a command that connects
    // still fails on the unset one.
    let out = run(infer()
        .env("INFER_CONFIG", &path)
        .env("PROD_ES_API_KEY", "abc:def")
        .args(["config", "show", "--json"]))
    .expect(0);
    assert!(
        out.stdout.contains("\"env:PROD_ES_API_KEY\""),
        "{}",
        out.stdout
    );
    run(infer().env("INFER_CONFIG", &path).args(["list"])).expect(2);
}

#[test]
fn config_show_shows_a_missing_file_reference() {
    let (_d, path) = config(
        "default_profile = \"prod\"\n[profiles.prod]\nurl = \"https://es.example:9200\"\n\
         api_key = \"file:/nonexistent/infer-key\"\n",
        0o600,
    );
    run(infer()
        .env("INFER_CONFIG", &path)
        .args(["config", "show", "--json"]))
    .expect(0)
    .stdout_has("file:/nonexistent/infer-key (cannot be read");
}

// --- config init and profile names ---------------------------------------

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
    let Some(tty) = shell_on_terminal(
        &line,
        &[("INFER_CONFIG", &path.to_string_lossy())],
        &[
            at("Elasticsearch URL", "http://h:9200\n"),
            at("Credential", "none\n"),
            at("CA certificate", "\n"),
        ],
    ) else {
        return;
    };
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
    let (_d, odd) = config(
        "[profiles.\"https://es\"]\nurl = \"http://h:9200\"\n",
        0o600,
    );
    run(infer().env("INFER_CONFIG", &odd).args(["config", "list"]))
        .expect(2)
        .stderr_has("letters, digits, _ and -");
}

// --- advice that names only what works -----------------------------------

#[test]
fn num_allocations_on_a_provider_endpoint_says_what_it_is_for() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let out = run(infer_at(&es.url()).args(["update", "emb", "--num-allocations", "2"]))
        .expect(2)
        .stderr_has("--num-allocations is for in-cluster (elasticsearch, elser) endpoints");
    assert!(!out.stderr.contains("NEW_VALUE"), "{}", out.stderr);
    assert!(es.writes().is_empty());
}

#[test]
fn rotate_with_service_does_not_say_narrow_with_service() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let out = run(infer_at(&es.url()).env("K", KEY).args([
        "rotate",
        "--service",
        "openai",
        "--secret-env",
        "access_key=K",
    ]))
    .expect(3)
    .stderr_has("does not take access_key");
    assert!(
        !out.stderr.contains("narrow with --service"),
        "{}",
        out.stderr
    );
}

#[test]
fn rotate_has_no_probe_or_wait_and_says_so() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    for flag in ["--probe", "--wait"] {
        let out = run(infer_at(&es.url()).env("K", KEY).args([
            "rotate",
            "emb",
            "--secret-env",
            "api_key=K",
            flag,
        ]))
        .expect(2)
        .stderr_has(&format!("infer rotate has no {flag}"));
        assert!(!out.stderr.contains("--profile"), "{}", out.stderr);
    }
    assert!(es.writes().is_empty());
}

// --- a declined confirmation is a note -----------------------------------

#[test]
fn a_declined_confirmation_is_a_note_not_an_error() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    es.insert(openai_embedding("emb2"));
    let url = es.url();
    let env = [("ES_URL", url.as_str()), ("K", KEY)];
    let no = at("[y/N] ", "n\n");
    for (line, typed) in [
        ("delete emb", &[no][..]),
        ("delete emb emb2", &[no, no][..]),
        ("rotate emb --secret-env api_key=K", &[no][..]),
    ] {
        let Some(tty) = on_terminal(line, &env, typed) else {
            return;
        };
        assert_eq!(tty.code, 3, "{line}: {}", tty.screen);
        assert!(
            tty.screen.contains("infer: not confirmed"),
            "{line}: {}",
            tty.screen
        );
        assert!(!tty.screen.contains("error"), "{line}: {}", tty.screen);
    }
    let (_d, ed) = editor("sed -i 's/\"alice\"/\"bob\"/' \"$1\"");
    let Some(tty) = on_terminal(
        "edit emb",
        &[("ES_URL", &url), ("EDITOR", &ed.to_string_lossy())],
        &[at("[y/N] ", "n\n")],
    ) else {
        return;
    };
    assert_eq!(tty.code, 3, "{}", tty.screen);
    assert!(
        tty.screen.contains("infer: not confirmed"),
        "{}",
        tty.screen
    );
    assert!(!tty.screen.contains("error"), "{}", tty.screen);
    assert!(es.writes().is_empty());
}

// --- secrets in files anyone can read ------------------------------------

#[test]
fn a_profile_file_secret_anyone_can_read_is_warned_about() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let (_k, key) = file("key", "abc:def\n");
    chmod(&key, 0o644);
    let (_d, path) = config(
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nurl = \"{}\"\napi_key = \"file:{}\"\n",
            es.url(),
            key.display()
        ),
        0o600,
    );
    run(infer().env("INFER_CONFIG", &path).args(["list"]))
        .expect(0)
        .stderr_has(&format!("{} can be read by anyone", key.display()))
        .stderr_has("chmod 600");
    chmod(&key, 0o600);
    let out = run(infer().env("INFER_CONFIG", &path).args(["list"])).expect(0);
    assert!(!out.stderr.contains("can be read"), "{}", out.stderr);
}

#[test]
fn a_secret_file_anyone_can_read_is_warned_about() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let (_k, key) = file("key", KEY);
    chmod(&key, 0o644);
    run(infer_at(&es.url()).args([
        "update",
        "emb",
        "--secret-file",
        &format!("api_key={}", key.display()),
    ]))
    .expect(0)
    .stderr_has("can be read by anyone");
    let (_e, endpoints) = file(
        "e.yaml",
        format!(
            "- inference_id: emb-new\n  task_type: text_embedding\n  service: openai\n  \
             service_settings:\n    model_id: text-embedding-3-small\n    api_key: file:{}\n",
            key.display()
        ),
    );
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&endpoints)]))
        .stderr_has("can be read by anyone");
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
