//! `infer man`: the manual pages, and the committed copies in `man/`.

use std::path::Path;

use crate::harness::{arg, golden_at, infer, run};

fn committed() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn committed_man_pages_are_current() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(infer().args(["man", "--dir", &arg(dir.path())])).expect(0);
    let written = names(dir.path());
    assert!(
        out.stderr
            .contains(&format!("wrote {} manual pages", written.len())),
        "{}",
        out.stderr
    );
    for name in &written {
        let text = std::fs::read_to_string(dir.path().join(name)).expect("page");
        golden_at(&committed().join(name), &text);
    }
    if std::env::var_os("INFER_BLESS").is_some() {
        for stale in names(&committed()).iter().filter(|n| !written.contains(n)) {
            std::fs::remove_file(committed().join(stale)).expect("remove a stale page");
        }
    }
    assert_eq!(
        names(&committed()),
        written,
        "man/ holds other pages than `infer man --dir` writes; run `INFER_BLESS=1 cargo test` \
         to refresh it"
    );
    for page in [
        "infer.1",
        "infer-update.1",
        "infer-delete.1",
        "infer-config-show.1",
    ] {
        assert!(written.contains(&page.to_string()), "{page} in {written:?}");
    }
}

#[test]
fn man_prints_one_page() {
    let whole = run(infer().arg("man")).expect(0);
    assert!(whole.stdout.starts_with(".ie"), "{}", whole.stdout);
    assert!(whole.stdout.contains(".TH infer 1"));
    assert!(whole.stdout.contains("Exit codes:"));
    let update = run(infer().args(["man", "update"])).expect(0);
    assert!(update.stdout.contains(".TH infer-update 1"));
    assert!(update.stdout.contains("\\-\\-num\\-allocations"));
    let show = run(infer().args(["man", "config", "show"])).expect(0);
    assert!(show.stdout.contains(".TH infer-config-show 1"));
    run(infer().args(["man", "nope"]))
        .expect(2)
        .stderr_has("no manual page for 'nope': the pages are infer, infer-get,");
}

#[test]
fn man_reports_a_directory_it_cannot_write() {
    let (_dir, file) = crate::harness::file("not-a-dir", "x");
    run(infer().args(["man", "--dir", &arg(&file.join("sub"))]))
        .expect(2)
        .stderr_has("cannot write the manual pages to")
        .stderr_has("choose another --dir");
}

#[test]
fn man_renders_where_man_is_installed() {
    // `man -l` reads the page as `man infer` would once installed.
    if std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: man is not installed");
        return;
    }
    let out = std::process::Command::new("man")
        .args(["-l", &arg(&committed().join("infer-get.1"))])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("infer-get"), "{text}");
    assert!(text.contains("-t, --task-type"), "{text}");
    assert!(text.contains("[--url <URL>]"), "{text}");
    assert!(text.contains("ES_URL environment variable"), "{text}");
}

#[cfg(unix)]
#[test]
fn man_replaces_a_planted_link_and_leaves_its_target_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let precious = elsewhere.path().join("precious");
    std::fs::write(&precious, "keep me\n").expect("write");
    let absent = elsewhere.path().join("absent");
    std::os::unix::fs::symlink(&precious, dir.path().join("infer.1")).expect("symlink");
    std::os::unix::fs::symlink(&absent, dir.path().join("infer-get.1")).expect("symlink");
    run(infer().args(["man", "--dir", &arg(dir.path())])).expect(0);
    assert_eq!(
        std::fs::read_to_string(&precious).expect("read"),
        "keep me\n"
    );
    assert!(!absent.exists(), "a dangling link's target was created");
    for name in ["infer.1", "infer-get.1"] {
        let meta = std::fs::symlink_metadata(dir.path().join(name)).expect("page");
        assert!(meta.is_file(), "{name} is not a regular file");
        let text = std::fs::read_to_string(dir.path().join(name)).expect("page");
        assert!(text.starts_with(".ie"), "{text}");
    }
}

#[test]
fn man_pages_carry_value_names_and_environment_notes() {
    let update = run(infer().args(["man", "update"])).expect(0);
    let synopsis = update
        .stdout
        .split(".SH SYNOPSIS\n")
        .nth(1)
        .and_then(|rest| rest.split("\n.SH").next())
        .unwrap_or_default();
    for option in [
        r"[\fB\-\-url\fR \fI<URL>\fR]",
        r"[\fB\-t\fR|\fB\-\-task\-type\fR \fI<TYPE>\fR]",
        r"[\fB\-\-secret\-env\fR \fI<NAME=VAR>\fR]",
        r"[\fB\-\-no\-verify\fR]",
        r"<\fIINFERENCE_ID\fR>",
    ] {
        assert!(synopsis.contains(option), "{option} in {synopsis}");
    }
    // The variables `--help` names as `[env: …]`.
    for variable in ["ES_URL", "ES_API_KEY", "INFER_PROFILE", "ES_PASSWORD"] {
        assert!(
            update
                .stdout
                .contains(&format!(r"\fB{variable}\fR environment variable")),
            "{variable} in {}",
            update.stdout
        );
    }
}
