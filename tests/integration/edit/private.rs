//! `infer edit` keeps secrets from the editor, keeps a failed text in a
//! private directory until the endpoint is updated, and leaves no
//! temporary file behind.

use crate::fake_es::{FakeEs, elser};
use crate::harness::{home, infer_at, kept_path, run};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// An executable editor script, in a folder of its own.
fn editor(script: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{script}\n")).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    (dir, path)
}

const BREAK: &str = r#"printf '{"service_settings": {"num_allocations": 2,}}' > "$1""#;
const CHANGE: &str = r#"sed -i 's/"num_allocations": 1/"num_allocations": 3/' "$1""#;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_editor_runs_without_credentials_in_its_environment() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (dir, ed) = editor(r#"env > "$(dirname "$0")/env.txt""#);
    let config = home().join("config/infer/config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &config,
        "default_profile = \"p\"\n[profiles.p]\nusername = \"u\"\npassword = \"env:PROFILE_PW\"\n",
    )
    .expect("config");
    let secrets = [
        ("ES_API_KEY", "sentinel-es-api-key"),
        ("ELASTICSEARCH_BEARER_TOKEN", "sentinel-es-bearer"),
        ("PROFILE_PW", "sentinel-profile-password"),
    ];
    run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .env("UNRELATED", "kept-for-the-editor")
        .envs(secrets)
        .args(["edit", "e5", "--yes"]))
    .expect(0);
    let seen = std::fs::read_to_string(dir.path().join("env.txt")).expect("env dump");
    assert!(seen.contains("UNRELATED=kept-for-the-editor"), "{seen}");
    for (name, value) in secrets {
        assert!(
            !seen.contains(name) && !seen.contains(value),
            "{name} in:\n{seen}"
        );
    }
    // The other credential variables, at the ES_ level this time.
    run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .env("ES_USERNAME", "u")
        .env("ES_PASSWORD", "sentinel-es-password")
        .env("ELASTICSEARCH_PASSWORD", "sentinel-elasticsearch-password")
        .args(["edit", "e5", "--yes"]))
    .expect(0);
    let seen = std::fs::read_to_string(dir.path().join("env.txt")).expect("env dump");
    assert!(!seen.contains("sentinel"), "{seen}");
}

#[test]
fn a_failed_text_is_kept_privately_until_the_endpoint_is_updated() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    es.insert(elser("e6"));
    let (_d1, broken) = editor(BREAK);
    let (_d2, fixed) = editor(CHANGE);
    let edit = |id: &str, ed: &Path| {
        run(infer_at(&es.url())
            .env("EDITOR", ed)
            .args(["edit", id, "--yes"]))
    };
    let first = kept_path(&edit("e5", &broken).expect(2));
    let other = kept_path(&edit("e6", &broken).expect(2));
    let dir = home().join("state/infer/edits");
    assert_eq!(first.parent(), Some(dir.as_path()), "{}", first.display());
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&first), 0o600);
    assert_eq!(
        std::fs::read_to_string(&first).expect("kept"),
        r#"{"service_settings": {"num_allocations": 2,}}"#
    );
    // A later edit that changes nothing leaves it; one that updates e5
    // removes what was kept for e5, not what was kept for e6.
    let (_d3, unchanged) = editor("true");
    edit("e5", &unchanged).expect(0).stderr_has("no change");
    assert!(first.exists());
    edit("e5", &fixed).expect(0);
    assert!(!first.exists(), "{} is still there", first.display());
    assert!(other.exists());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, [other.file_name().expect("name")], "{left:?}");
}

#[test]
fn without_state_or_home_the_text_is_kept_in_a_private_temporary_directory() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, broken) = editor(BREAK);
    let tmp = tempfile::tempdir().expect("tmp");
    let out = run(infer_at(&es.url())
        .env_remove("HOME")
        .env_remove("XDG_STATE_HOME")
        .env("TMPDIR", tmp.path())
        .env("EDITOR", &broken)
        .args(["edit", "e5", "--yes"]))
    .expect(2);
    let kept = kept_path(&out);
    let dir = kept.parent().expect("dir");
    assert_eq!(dir.parent(), Some(tmp.path()));
    let name = dir
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("infer-edits-"), "{name}");
    assert_eq!(mode(dir), 0o700);
    assert_eq!(mode(&kept), 0o600);
}

#[test]
fn no_temporary_file_is_left_behind() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let tmp = tempfile::tempdir().expect("tmp");
    for script in [BREAK, CHANGE, "exit 1", "true"] {
        let (_d, ed) = editor(script);
        run(infer_at(&es.url())
            .env("TMPDIR", tmp.path())
            .env("EDITOR", &ed)
            .args(["edit", "e5", "--yes"]));
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("tmp")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left in the temporary directory: {left:?}");
    // What was kept after the broken text went with the update after it.
    let kept = home().join("state/infer/edits");
    assert_eq!(std::fs::read_dir(kept).expect("kept dir").count(), 0);
}
