//! `infer man`: the manual pages, and the committed copies in `man/`.

use std::collections::BTreeSet;
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
    assert!(whole.stdout.contains(".SH \"EXIT STATUS\""));
    assert!(!whole.stdout.contains("Exit codes:"), "{}", whole.stdout);
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
    crate::harness::require("man", "man-db");
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

/// The text of one `.SH` section of a page, up to the next.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    page.split(&format!("\n.SH {heading}\n"))
        .nth(1)
        .and_then(|rest| rest.split("\n.SH ").next())
        .unwrap_or_else(|| panic!("no {heading} section in {page}"))
}

#[test]
fn every_page_gives_its_exit_status_as_a_section() {
    for (command, codes) in [
        (
            vec!["update"],
            vec!["0", "2", "3", "7", "8", "9", "129", "143"],
        ),
        (vec!["plan"], vec!["0", "10", "11", "130"]),
        (vec!["apply"], vec!["3", "11", "129"]),
        (vec!["rotate"], vec!["3", "11"]),
        (vec!["probe"], vec!["9"]),
        (vec!["config", "list"], vec!["0", "1", "2"]),
    ] {
        let page = run(infer().arg("man").args(&command)).expect(0).stdout;
        let status = section(&page, "\"EXIT STATUS\"");
        for code in codes {
            assert!(
                status.contains(&format!("\n.TP\n\\fB{code}\\fR\n")),
                "{code} in {command:?}: {status}"
            );
        }
        assert!(!page.contains("Exit codes:"), "{command:?}: {page}");
    }
    // A command's own wording of a code stays its own.
    let plan = run(infer().args(["man", "plan"])).expect(0).stdout;
    assert!(plan.contains("changes pending, and some apply would skip (conflicts)"));
    let get = run(infer().args(["man", "get"])).expect(0).stdout;
    let status = section(&get, "\"EXIT STATUS\"");
    assert!(!status.contains(r"\fB7\fR"), "get never exits 7: {status}");
}

#[test]
fn the_main_page_carries_environment_files_and_limits() {
    let page = run(infer().arg("man")).expect(0).stdout;
    let files = section(&page, "FILES");
    assert!(files.contains("config.toml"), "{files}");
    assert!(files.contains("elastic\\-start\\-local/.env"), "{files}");
    let limits = section(&page, "LIMITS");
    for limit in ["64 MiB", "1 MiB", "64 levels", "16 levels", "1,000,000"] {
        assert!(limits.contains(limit), "{limit} in {limits}");
    }
    // Command pages leave these to infer(1).
    let update = run(infer().args(["man", "update"])).expect(0).stdout;
    for heading in ["ENVIRONMENT", "FILES", "LIMITS"] {
        assert!(!update.contains(&format!("\n.SH {heading}\n")), "{heading}");
    }
    // … and say so, on every command's page.
    let dir = tempfile::tempdir().expect("a folder");
    run(infer().args(["man", "--dir", &arg(dir.path())])).expect(0);
    for entry in std::fs::read_dir(dir.path()).expect("pages").flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let page = std::fs::read_to_string(entry.path()).expect("a page");
        let see_also = page
            .contains("\n.SH \"SEE ALSO\"\n\\fBinfer\\fR(1) for ENVIRONMENT, FILES and LIMITS\n");
        assert_eq!(see_also, name != "infer.1", "{name}");
    }
}

/// The environment variables `src/` names outside its tests: every
/// literal that starts as infer's own do (`ES_`, `ELASTICSEARCH_`, `INFER_`,
/// `XDG_`), and every literal read with `env::var` or `env::var_os`.
fn variables_named_in_src() -> BTreeSet<String> {
    fn walk(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("src").filter_map(|e| e.ok()) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, found);
            } else if name.ends_with(".rs") && !name.ends_with("props.rs") && name != "tests.rs" {
                let text = std::fs::read_to_string(&path).expect("source");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                scan(code, found);
            }
        }
    }
    fn scan(code: &str, found: &mut BTreeSet<String>) {
        let is_name = |s: &str| {
            !s.is_empty()
                && !s.ends_with('_')
                && s.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        };
        for (i, literal) in code.split('"').enumerate().filter(|(i, _)| i % 2 == 1) {
            let ours = ["ES_", "ELASTICSEARCH_", "INFER_", "XDG_"]
                .iter()
                .any(|p| literal.starts_with(p));
            let before = code.split('"').nth(i - 1).unwrap_or_default();
            let read = before.ends_with("var(") || before.ends_with("var_os(");
            if is_name(literal) && (ours || read) {
                found.insert(literal.to_string());
            }
        }
    }
    let mut found = BTreeSet::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    // Not variables infer reads: the name `--curl` gives a secret that came
    // from no variable, and clap_complete's own protocol between the
    // completion script and infer.
    found.remove("INFER_SECRET");
    found.retain(|name| !name.starts_with("_CLAP_"));
    found
}

#[test]
fn the_environment_section_names_every_variable_infer_reads() {
    let page = run(infer().arg("man")).expect(0).stdout;
    let environment = section(&page, "ENVIRONMENT");
    let named = variables_named_in_src();
    for expected in [
        "ES_URL",
        "ELASTICSEARCH_ENDPOINTS",
        "INFER_CONFIG",
        "NO_COLOR",
        "HOME",
    ] {
        assert!(named.contains(expected), "{expected} in {named:?}");
    }
    for name in named
        .iter()
        .map(String::as_str)
        .chain(["VISUAL", "EDITOR", "COMPLETE"])
    {
        assert!(
            environment.contains(&format!(".TP\n\\fB{}\\fR\n", name)),
            "{name} is read by infer but not in infer(1)'s ENVIRONMENT: {environment}"
        );
    }
}
