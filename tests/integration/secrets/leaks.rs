//! The observed leaks of issue 8 ("Secrets are found by structure, and
//! masked in every form they can take"): each case is a run of the real
//! binary whose stdout and stderr must hold no piece of the secret.

use serde_json::json;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, openai_embedding};
use crate::harness::{Run, arg, fake_with_emb, file, infer, infer_at, run, update_at};

/// Neither stream holds any piece of `secret` of 8 characters or more.
fn no_fragment(run: &Run, secret: &str) {
    let chars: Vec<char> = secret.chars().collect();
    for start in 0..chars.len().saturating_sub(7) {
        let piece: String = chars[start..start + 8].iter().collect();
        assert!(
            !run.stdout.contains(&piece) && !run.stderr.contains(&piece),
            "{piece:?} of the secret shows\n--- stdout\n{}\n--- stderr\n{}",
            run.stdout,
            run.stderr
        );
    }
}

/// A server that drops unknown keys (#139651), with endpoint `emb`.
fn lenient() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        rejects_unknown_keys: false,
        ..Default::default()
    });
    es.insert(openai_embedding("emb"));
    es
}

/// `update emb --task-type rerank --no-preflight ARGS`, with no server.
fn update_offline(env: &[(&str, &str)], args: &[&str]) -> Run {
    run(infer()
        .envs(env.iter().copied())
        .args(["update", "emb", "--task-type", "rerank", "--no-preflight"])
        .args(args))
}

/// `update ID --task-type text_embedding --no-preflight ARGS`: one request,
/// the PUT, so a canned answer is the answer to it.
fn update_no_preflight(es: &FakeEs, args: &[&str]) -> Run {
    run(infer_at(&es.url())
        .args([
            "update",
            "emb",
            "--task-type",
            "text_embedding",
            "--no-preflight",
        ])
        .args(args))
}

#[test]
fn nested_secrets_are_masked_in_the_change_view_dry_run_and_log() {
    let es = fake_with_emb();
    for settings in [
        r#"{"secret_parameters":{"key":"NESTED-SENTINEL-0417"}}"#,
        r#"{"list":[{"api_key":"NESTED-SENTINEL-0417"}]}"#,
        r#"{"deep":{"a":[1,{"b":{"client_secret":"NESTED-SENTINEL-0417"}}]}}"#,
    ] {
        // The dry run shows the request with the secret masked; sent, the
        // openai service refuses the unknown key and the -v log masks it.
        let out = update_at(&es, &["emb", "--dry-run", "--service-settings", settings])
            .expect(0)
            .stdout_has("\"****\"");
        no_fragment(&out, "NESTED-SENTINEL-0417");
        let out = update_at(&es, &["emb", "-v", "--service-settings", settings])
            .expect(4)
            .stderr_has("> PUT ")
            .stderr_has("HTTP 400 status_exception")
            .stderr_has("****");
        no_fragment(&out, "NESTED-SENTINEL-0417");
        let out = update_no_preflight(&es, &["--dry-run", "--service-settings", settings]);
        no_fragment(
            &out.expect(0).stdout_has("\"****\""),
            "NESTED-SENTINEL-0417",
        );
    }
}

#[test]
fn a_nested_secret_is_masked_in_the_verification_report() {
    // The report says the list was not applied, and must not show what
    // was in it.
    let es = lenient();
    let out = run(infer_at(&es.url()).args([
        "update",
        "emb",
        "--service-settings",
        r#"{"list":[{"api_key":"REPORT-SENTINEL-5521"}]}"#,
        // (infer refuses it otherwise: openai does not update `list`)
        "--allow-field",
        "list",
    ]))
    .expect(7)
    .stderr_has("not applied: service_settings.list");
    no_fragment(&out, "REPORT-SENTINEL-5521");
}

#[test]
fn a_quoted_back_secret_is_masked_whatever_its_form() {
    let es = FakeEs::start();
    // JSON-escaped: the -v log shows the answer as JSON, where a newline
    // or a quote in the secret is escaped.
    let sa = "line1\n\"quoted\" SA-SENTINEL-7781";
    let reason = format!("Configuration contains settings [{{service_account_json={sa}}}] unknown");
    es.respond_next(
        400,
        "application/json",
        &json!({"error": {"type": "status_exception", "reason": reason}, "status": 400})
            .to_string(),
    );
    let (_d, path) = file("sa.json", sa);
    let out = update_no_preflight(
        &es,
        &[
            "-v",
            "--secret-file",
            &format!("service_account_json={}", arg(&path)),
        ],
    );
    no_fragment(
        &out.expect(4)
            .stderr_has("[{service_account_json=****}] unknown"),
        "SA-SENTINEL-7781",
    );

    // A number, as `:=` sends it.
    es.respond_next(
        400,
        "application/json",
        r#"{"error":{"type":"validation_exception","reason":"Validation Failed: 1: [service_settings] api_key [4815162342481516] must be a string;"},"status":400}"#,
    );
    let out = update_no_preflight(
        &es,
        &["-v", "--set", "service_settings.api_key:=4815162342481516"],
    );
    no_fragment(
        &out.expect(4).stderr_has("api_key [****] must be a string"),
        "4815162342481516",
    );
}

#[test]
fn a_cut_never_exposes_part_of_a_secret() {
    let es = FakeEs::start();
    let secret = "CUT-SENTINEL-0123456789abcdef";
    // Cut by the 200-character excerpt of a page that is not JSON, and by
    // the 500-character limit of the -v log.
    for at in [190, 495] {
        let page = format!(
            "<html><body>{}{secret} and more</body></html>",
            "x".repeat(at)
        );
        es.respond_next(500, "text/html", &page);
        let out = update_no_preflight(
            &es,
            &["-v", "--set", &format!("service_settings.api_key={secret}")],
        );
        no_fragment(&out.expect(5), secret);
    }
    // Changed by tag stripping and white-space folding.
    for secret in ["TAG<b>SENTINEL</b>-4455", "FOLD  SENTINEL\t-9977"] {
        let page = format!("<html><body>rejected {secret}</body></html>");
        es.respond_next(500, "text/html", &page);
        let (_d, path) = file("key", secret);
        let out = update_no_preflight(&es, &["--secret-file", &format!("api_key={}", arg(&path))]);
        let out = out.expect(5);
        assert!(!out.stderr.contains("SENTINEL"), "{}", out.stderr);
    }
}

#[test]
fn a_malformed_input_that_may_hold_a_secret_is_not_repeated() {
    update_offline(
        &[],
        &["--set", "service_settings..api_key=SET-SENTINEL-3141"],
    )
    .expect(2)
    .stderr_has("--set")
    .never_shows("SET-SENTINEL-3141");
    update_offline(
        &[("OK_VAR", "x")],
        &[
            "--secret-env",
            "token=OK_VAR",
            "--secret-env",
            "api_key=sk-live-ENV-SENTINEL-2718",
        ],
    )
    .expect(2)
    .stderr_has("2nd --secret-env")
    .stderr_has("not an environment variable name")
    .never_shows("ENV-SENTINEL");
    update_offline(&[], &["--secret-env", "c2VjcmV0LUVOVi1TRU5USU5FTA=="])
        .expect(2)
        .stderr_has("--secret-env")
        .never_shows("c2VjcmV0LUVOVi1TRU5USU5FTA");
}

#[test]
fn urls_are_shown_without_userinfo_even_when_they_do_not_parse() {
    for url in [
        "http://elastic:URL-SENTINEL-1@localhost:99999",
        "http://elastic:URL-SENTINEL-1@[::1",
        "elastic:URL-SENTINEL-1@localhost:9200",
        "http://URL-SENTINEL-1@localhost:9200",
        "https://elastic:URL-SENTINEL-1@localhost:9200/",
    ] {
        // The URL as the user sees it: the user information masked whole.
        let (head, host) = url.split_once('@').expect("user information");
        let scheme = head.find("://").map_or("", |at| &head[..at + 3]);
        let masked = format!("{scheme}****@{host}");
        run(infer().args(["--url", url, "get", "x"]))
            .expect(2)
            .stderr_has(&format!("invalid --url '{masked}'"))
            .never_shows("URL-SENTINEL");
        run(infer().env("ES_URL", url).args(["get", "x"]))
            .expect(2)
            .stderr_has(&format!("invalid ES_URL '{masked}'"))
            .never_shows("URL-SENTINEL");
        run(infer().env("ES_URL", url).args(["config", "show"]))
            .expect(2)
            .stderr_has(&format!("invalid ES_URL '{masked}'"))
            .never_shows("URL-SENTINEL");
        let (_d, path) = file(
            "config.toml",
            format!("default_profile = \"p\"\n[profiles.p]\nurl = \"{url}\"\n"),
        );
        for args in [&["get", "x"][..], &["config", "show"]] {
            run(infer().env("INFER_CONFIG", &path).args(args))
                .expect(2)
                .stderr_has(&format!("invalid url of profile 'p' '{masked}'"))
                .never_shows("URL-SENTINEL");
        }
        run(infer().env("INFER_CONFIG", &path).args(["config", "list"]))
            .expect(0)
            .stdout_has(&format!("\"url\": \"{masked}\""))
            .never_shows("URL-SENTINEL");
    }
}

#[test]
fn a_profile_value_of_the_wrong_type_is_not_quoted() {
    let (_d, path) = file(
        "config.toml",
        "default_profile = \"p\"\n[profiles.p]\nusername = \"elastic\"\npassword = 1234567890123\n",
    );
    run(infer().env("INFER_CONFIG", &path).args(["config", "show"]))
        .expect(2)
        .stderr_has("password")
        .never_shows("1234567890123");
}

#[test]
fn a_profile_env_reference_that_is_not_a_name_is_not_repeated() {
    // What an older `config init` wrote when given the secret itself.
    let (_d, path) = file(
        "config.toml",
        "default_profile = \"p\"\n[profiles.p]\napi_key = \"env:sk-REF-SENTINEL-99\"\n",
    );
    run(infer().env("INFER_CONFIG", &path).args(["get", "rr"]))
        .expect(2)
        .stderr_has("not a variable name")
        .never_shows("REF-SENTINEL");
    run(infer().env("INFER_CONFIG", &path).args(["config", "show"]))
        .expect(2)
        .stderr_has("api_key of profile 'p'")
        .stderr_has("not a variable name")
        .never_shows("REF-SENTINEL");
}

#[test]
fn a_credential_echoed_in_an_answer_is_masked() {
    // Base64 of a Basic pair, and the API key as sent: both encoded forms.
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    es.respond_next(
        401,
        "application/json",
        r#"{"error":{"type":"security_exception","reason":"unable to authenticate with [Basic ZWxhc3RpYzpQVy1CQVNJQy1TRU5USU5FTC0x] or [elastic:PW-BASIC-SENTINEL-1]"},"status":401}"#,
    );
    run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", "PW-BASIC-SENTINEL-1")
        .args(["get", "rr"]))
    .expect(4)
    .stderr_has("unable to authenticate")
    .never_shows("PW-BASIC-SENTINEL")
    .never_shows("ZWxhc3RpYzpQVy1CQVNJQy1TRU5USU5FTC0x");
}

#[test]
fn config_init_takes_a_key_typed_here_as_a_hidden_inline_secret() {
    use crate::harness::terminal::{at, shell_on_terminal};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    let line = format!("{} config init", env!("CARGO_BIN_EXE_infer"));
    // Name, URL, kind, where the key lives (here), the key itself (hidden), then the CA (none).
    let tty = shell_on_terminal(
        &line,
        &[("INFER_CONFIG", &path.to_string_lossy())],
        &[
            at("Profile name", "\nhttp://localhost:9200\napi_key\nhere\n"),
            at("API key (empty to cancel): ", "sk-INIT-SENTINEL-1618\n"),
            at("CA certificate", "\n"),
        ],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(!tty.screen.contains("INIT-SENTINEL"), "{}", tty.screen);
    assert!(tty.screen.contains("hidden"), "{}", tty.screen);
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(
        text.contains("api_key = \"sk-INIT-SENTINEL-1618\""),
        "{text}"
    );
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn edit_masks_a_nested_secret_and_writes_no_credential_to_its_file() {
    let es = lenient();
    let (dir, ed) = crate::harness::editor(
        r#"sed -i 's/"model_id": /"list": [{"api_key": "EDIT-SENTINEL-0909"}], "model_id": /' "$1""#,
    );
    let out = run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .args(["edit", "emb", "--yes"]));
    no_fragment(&out, "EDIT-SENTINEL-0909");
    assert!(
        out.stderr.contains("service_settings.list"),
        "{}",
        out.stderr
    );
    // A server that puts the credential into the endpoint it answers: the
    // file given to the editor does not hold it.
    let mut endpoint = es.endpoint("emb").expect("stored");
    endpoint["task_settings"]["user"] = json!("ApiKey CRED-SENTINEL-2024");
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [endpoint]}).to_string(),
    );
    let seen = dir.path().join("seen.json");
    let (_d, ed) = crate::harness::editor(&format!("cp \"$1\" '{}'", seen.display()));
    let out = run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .env("ES_API_KEY", "CRED-SENTINEL-2024")
        .args(["edit", "emb", "--yes"]));
    no_fragment(&out, "CRED-SENTINEL-2024");
    let text = std::fs::read_to_string(&seen).expect("the editor ran");
    assert!(!text.contains("CRED-SENTINEL"), "{text}");
    // The mask is not taken for an edit.
    assert!(out.stderr.contains("no change"), "{}", out.stderr);
}
