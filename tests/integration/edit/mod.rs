//! `infer edit`, driven by editor scripts that rewrite the file.

mod private;

use crate::fake_es::{FakeEs, elser, openai_embedding};
use crate::harness::terminal::on_terminal;
use crate::harness::{assert_kept, editor, fake_with_emb, infer_at, kept_path, run};
use serde_json::json;
use std::path::PathBuf;

fn edit(es: &FakeEs, editor: &PathBuf, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["edit", "e5"];
    args.extend_from_slice(extra);
    run(infer_at(&es.url()).env("EDITOR", editor).args(args))
}

#[test]
fn sends_only_what_changed() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, ed) = editor(
        r#"sed -i 's/"num_allocations": 1/"num_allocations": 3/; s/"max_chunk_size": 250/"max_chunk_size": 300/' "$1""#,
    );
    let out = edit(&es, &ed, &["--yes"])
        .expect(0)
        .stderr_has("changes to sparse_embedding endpoint 'e5':")
        .stderr_has("service_settings.num_allocations: 1 → 3")
        .stderr_has(r#"chunking_settings: {"strategy":"sentence","max_chunk_size":250,"sentence_overlap":1} → {"strategy":"sentence","max_chunk_size":300,"sentence_overlap":1}"#);
    assert_eq!(out.json()["service_settings"]["num_allocations"], 3);
    let put = &es.writes()[0];
    assert_eq!(put.path, "/_inference/sparse_embedding/e5/_update");
    assert_eq!(
        put.json(),
        json!({"service_settings": {"num_allocations": 3},
               "chunking_settings": {"strategy": "sentence", "max_chunk_size": 300, "sentence_overlap": 1}})
    );
}

#[test]
fn no_change_sends_nothing() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, ed) = editor("true");
    edit(&es, &ed, &["--yes"])
        .expect(0)
        .stderr_has("no change to endpoint 'e5'; nothing was sent");
    assert!(es.writes().is_empty());
}

#[test]
fn invalid_json_keeps_the_text_and_sends_nothing() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, ed) = editor(r#"printf '{"service_settings": {"num_allocations": 2,}}' > "$1""#);
    let out = edit(&es, &ed, &["--yes"])
        .expect(2)
        .stderr_has("infer: error: invalid JSON in the edited text at line 1, column 44: trailing comma; nothing was sent, and your text is kept in ");
    assert_eq!(
        out.stderr.matches("error").count(),
        1,
        "said once: {}",
        out.stderr
    );
    let kept = kept_path(&out);
    assert_eq!(
        std::fs::read_to_string(&kept).expect("kept file"),
        r#"{"service_settings": {"num_allocations": 2,}}"#
    );
    let _ = std::fs::remove_file(&kept);
    assert!(es.writes().is_empty());
}

#[test]
fn read_only_keys_cannot_change() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, ed) = editor(r#"sed -i 's/"service": "elasticsearch"/"service": "openai"/' "$1""#);
    edit(&es, &ed, &["--yes"])
        .expect(2)
        .stderr_has(r#"service cannot change (it was "elasticsearch", now "openai"): put it back"#);
    assert!(es.writes().is_empty());
}

#[test]
fn removing_a_setting_is_explained_not_sent() {
    let es = FakeEs::start();
    es.insert(openai_embedding("e5"));
    let (_d, ed) = editor(r#"sed -i '/"dimensions"/d' "$1""#);
    edit(&es, &ed, &["--yes"])
        .expect(0)
        .stderr_has("service_settings.dimensions was removed, but it stays: the openai service does not reset a setting sent as null")
        .stderr_has("no change");
}

#[test]
fn without_a_terminal_it_needs_yes_before_opening_the_editor() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (dir, ed) = editor(r#"touch "$(dirname "$0")/ran""#);
    edit(&es, &ed, &[])
        .expect(3)
        .stderr_has("there is no terminal to ask on: pass --yes");
    assert!(!dir.path().join("ran").exists(), "the editor must not run");
    assert!(es.requests().is_empty());
}

#[test]
fn no_editor_without_a_terminal_is_a_usage_error() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    run(infer_at(&es.url()).args(["edit", "e5", "--yes"]))
        .expect(2)
        .stderr_has("infer edit needs an editor")
        .stderr_has("set VISUAL or EDITOR");
}

#[test]
fn invalid_chunking_after_editing_is_refused() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, ed) = editor(r#"sed -i 's/"max_chunk_size": 250/"max_chunk_size": 5/' "$1""#);
    edit(&es, &ed, &["--yes"]).expect(2).stderr_has(
        "chunking_settings.max_chunk_size must be at least 20 for the sentence strategy",
    );
    assert!(es.writes().is_empty());
}

/// On a terminal, invalid JSON offers to re-open the editor with the text
/// as it was left; the fixed text is then confirmed and sent.
#[test]
fn on_a_terminal_invalid_json_can_be_fixed_in_the_editor() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    // First run: break the JSON. Second run: it must get the broken text back; fix it.
    let (dir, ed) = editor(&format!(
        r#"if [ -e "{marker}" ]; then
  grep -q 'BROKEN' "$1"
  sed -i 's/BROKEN//; s/"num_allocations": 1/"num_allocations": 4/' "$1"
else
  touch "{marker}"
  sed -i 's/"num_threads"/BROKEN"num_threads"/' "$1"
fi"#,
        marker = std::env::temp_dir()
            .join(format!("infer-edit-marker-{}", std::process::id()))
            .display()
    ));
    let url = es.url();
    let tty = crate::harness::terminal::on_terminal(
        "edit e5",
        &[("ES_URL", &url), ("EDITOR", &ed.to_string_lossy())],
        &[
            crate::harness::terminal::at("Open it in the editor again?", "y\n"),
            crate::harness::terminal::at("Send this change?", "y\n"),
        ],
    );
    let _ = std::fs::remove_file(
        std::env::temp_dir().join(format!("infer-edit-marker-{}", std::process::id())),
    );
    drop(dir);
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen.contains("Open it in the editor again?"),
        "{}",
        tty.screen
    );
    assert!(tty.screen.contains("Send this change?"), "{}", tty.screen);
    assert_eq!(
        es.endpoint("e5").unwrap()["service_settings"]["num_allocations"],
        4
    );
}

#[test]
fn an_editor_that_fails_aborts_and_keeps_a_changed_text() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, quits) = editor("exit 1");
    edit(&es, &quits, &["--yes"])
        .expect(3)
        .stderr_has("failed (exit status: 1); nothing was sent");
    let (_d, half) =
        editor(r#"sed -i 's/"num_allocations": 1/"num_allocations": 5/' "$1"; exit 2"#);
    let out = edit(&es, &half, &["--yes"])
        .expect(3)
        .stderr_has("your text is kept in ");
    assert_kept(&out, r#""num_allocations": 5"#);
    assert!(es.writes().is_empty());
}

#[test]
fn edit_refuses_a_field_an_older_server_would_keep_and_keeps_the_text() {
    // Before 9.5 the server keeps such a key silently: infer refuses it.
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::v9_2());
    es.insert(openai_embedding("e5"));
    let (_d, ed) = editor(r#"sed -i 's/"text-embedding-3-small"/"text-embedding-3-large"/' "$1""#);
    let out = edit(&es, &ed, &["--yes"])
        .expect(3)
        .stderr_has("service_settings.model_id cannot change on an endpoint of the openai service")
        .stderr_has("Create a new endpoint with the new value")
        .stderr_has("your text is kept in");
    assert!(es.writes().is_empty(), "nothing is written");
    assert_kept(&out, "text-embedding-3-large");
}

#[test]
fn removing_a_setting_resets_it_where_the_server_can() {
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::current());
    es.insert(crate::harness::scenarios::llama("e5"));
    let (_d, ed) = editor(r#"sed -i '/"max_input_tokens"/d' "$1""#);
    let out = edit(&es, &ed, &["--yes"])
        .expect(0)
        .stderr_has("service_settings.max_input_tokens: 512 → (reset to the default, or cleared)")
        .stderr_has("service_settings.max_input_tokens: cleared");
    assert!(
        out.json()["service_settings"]
            .get("max_input_tokens")
            .is_none()
    );
}

#[test]
fn edit_on_the_newest_server_sends_and_explains_its_400_keeping_the_text() {
    // From 9.5 the server judges a key its service does not update: infer sends it.
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::current());
    es.insert(openai_embedding("e5"));
    let (_d, ed) = editor(r#"sed -i 's/"text-embedding-3-small"/"text-embedding-3-large"/' "$1""#);
    let out = edit(&es, &ed, &["--yes"])
        .expect(4)
        .stderr_has("unknown to the [openai] service")
        .stderr_has("hint: the openai service does not update service_settings.model_id")
        .stderr_has("your text is kept in");
    assert_eq!(es.writes().len(), 1, "the server decided");
    assert_kept(&out, "text-embedding-3-large");
}

#[test]
fn edit_turns_autoscaling_off_at_the_present_count() {
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::current());
    es.insert(crate::harness::scenarios::adaptive("e5"));
    let (_d, ed) = editor(r#"sed -i 's/"enabled": true/"enabled": false/' "$1""#);
    edit(&es, &ed, &["--yes"])
        .expect(0)
        .stderr_has("a fixed num_allocations turns adaptive allocations off")
        .stderr_has("adaptive_allocations: turned off");
    assert_eq!(
        es.writes()[0].json()["service_settings"],
        serde_json::json!({"num_allocations": 1})
    );
}

#[test]
fn edit_without_an_editor_or_a_terminal_names_the_variables() {
    let es = fake_with_emb();
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
    let es = fake_with_emb();
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
    let es = fake_with_emb();
    // A `vi` of our own, first on PATH.
    let (dir, ed) = editor("true");
    std::fs::rename(&ed, dir.path().join("vi")).expect("rename");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let tty = on_terminal("edit emb", &[("ES_URL", &es.url()), ("PATH", &path)], &[]);
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen
            .contains("editor vi (neither VISUAL nor EDITOR is set)"),
        "{}",
        tty.screen
    );
}

/// A secret the service keeps (`tenancy_id` of ocigenai) whose name says
/// nothing, too short to be masked by its value alone: the request's
/// secret paths mask it in the `-vv` log of the request, as `update`'s do.
#[test]
fn edit_masks_the_secrets_of_its_service_in_the_request_log() {
    let es = crate::harness::holding(crate::fake_es::ocigenai_embedding("oci"), |_| {});
    let (_d, ed) = editor(
        r#"sed -i 's/"service_settings": {/"service_settings": {"tenancy_id": "t1x", "user_id": "u2y", "fingerprint": "f3z", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIBVQ\\n-----END PRIVATE KEY-----\\n",/' "$1""#,
    );
    run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .args(["-vv", "edit", "oci", "--yes"]))
    .expect(0)
    .never_shows("\"t1x\"")
    .never_shows("\"u2y\"");
    assert_eq!(es.secrets("oci")["tenancy_id"], "t1x", "the edit was sent");
}
