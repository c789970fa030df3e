//! `infer config show`: where each setting comes from, references that are not set or not
//! there included.

use crate::harness::{config_file, infer, run};

#[test]
fn config_show_shows_an_unset_reference_and_exits_0() {
    let (_d, path) = config_file(
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
    let (_d, path) = config_file(
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
