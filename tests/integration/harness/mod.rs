//! Running the real binary in a clean environment, and reading what a user
//! would see.

pub mod fleet;
pub mod overlays;
pub mod scenarios;
pub mod services;
pub mod terminal;
pub mod three;

use assert_cmd::Command;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Fail the test, naming the Debian `package` to install, when the
/// external `tool` it runs is not installed: a test that cannot run never
/// passes by skipping. (`.ci/run` installs each of them when missing.)
pub fn require(tool: &str, package: &str) {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok();
    assert!(
        found,
        "`{tool}` is not installed and this test runs it: install the package {package} \
         (apt-get install {package})"
    );
}

thread_local! {
    /// An empty home for each test (each test runs on its own thread),
    /// removed when the test ends.
    static HOME: tempfile::TempDir = tempfile::Builder::new()
        .prefix("infer-test-home-")
        .tempdir()
        .expect("temp home");
}

/// This test's home folder.
pub fn home() -> PathBuf {
    HOME.with(|home| home.path().to_path_buf())
}

/// `infer` with nothing from the caller's environment: no ES_* variables,
/// no NO_COLOR or TERM, HOME and XDG dirs pointing at an empty folder.
pub fn infer() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_infer"));
    clean(&mut cmd);
    cmd
}

/// `infer` run by `sh` within an address-space limit (`ulimit -v`): a run
/// that would take more memory fails instead of taking the machine's.
pub fn infer_within(mib: u64) -> Command {
    shell_within(mib, "")
}

/// Like `infer_within`, with stdin read from `path` (a device such as
/// `/dev/zero`, which assert_cmd would read whole first).
pub fn infer_within_reading(mib: u64, path: &str) -> Command {
    shell_within(mib, &format!(" < '{path}'"))
}

fn shell_within(mib: u64, redirect: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" \"$@\"{redirect}",
            mib * 1024
        ))
        .arg(env!("CARGO_BIN_EXE_infer"));
    clean(&mut cmd);
    cmd
}

fn clean(cmd: &mut Command) {
    let home = home();
    cmd.env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("RUST_BACKTRACE", "0")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
}

/// A provider key, where any key does.
pub const ANY_KEY: &str = "sk-edges-7731";

/// An update dry run that needs no server: what the settings flags and
/// `--set` make of their inputs.
pub const DRY: [&str; 6] = [
    "update",
    "rr",
    "--task-type",
    "rerank",
    "--no-preflight",
    "--dry-run",
];

/// A fake Elasticsearch holding one OpenAI embedding endpoint, `emb`.
pub fn fake_with_emb() -> crate::fake_es::FakeEs {
    let es = crate::fake_es::FakeEs::start();
    es.insert(crate::fake_es::openai_embedding("emb"));
    es
}

/// A current server holding `endpoint`, its behaviour changed by `change`.
pub fn holding(
    endpoint: serde_json::Value,
    change: impl FnOnce(&mut crate::fake_es::Behavior),
) -> crate::fake_es::FakeEs {
    let mut behavior = crate::fake_es::Behavior::current();
    change(&mut behavior);
    let es = crate::fake_es::FakeEs::with_behavior(behavior);
    es.insert(endpoint);
    es
}

/// `infer update ARGS` aimed at `es`.
pub fn update_at(es: &crate::fake_es::FakeEs, args: &[&str]) -> Run {
    run(infer_at(&es.url()).arg("update").args(args))
}

/// `infer` aimed at `url`.
pub fn infer_at(url: &str) -> Command {
    let mut cmd = infer();
    cmd.env("ES_URL", url);
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Assert the exit code, showing both streams when it differs.
    pub fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    /// Neither stream mentions `secret`.
    pub fn never_shows(self, secret: &str) -> Self {
        assert!(
            !self.stdout.contains(secret),
            "stdout leaks {secret:?}:\n{}",
            self.stdout
        );
        assert!(
            !self.stderr.contains(secret),
            "stderr leaks {secret:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run infer");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A file in a fresh temporary folder, kept alive by the returned guard.
pub fn file(name: &str, contents: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write fixture");
    (dir, path)
}

/// A path as an argument.
pub fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Compare `actual` with the committed file `tests/golden/<name>`; with
/// `INFER_BLESS=1` rewrite it instead.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    golden_at(&path, actual);
}

pub fn golden_at(path: &Path, actual: &str) {
    if std::env::var_os("INFER_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, actual).expect("bless");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} is stale; run `INFER_BLESS=1 cargo test` to refresh it, then review the diff.\n--- committed\n{expected}\n--- now\n{actual}",
        path.display()
    );
}

/// An executable editor: a shell script run as `EDITOR <file>`.
pub fn editor(script: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{script}\n")).expect("write");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).expect("chmod");
    (dir, path)
}

/// A config file holding `text`, private (0600) unless `mode` says.
pub fn config_file(text: &str, mode: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = file("config.toml", text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    (dir, path)
}

pub fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// infer within 512 MiB of address space and 5 seconds: a bomb or a hang
/// fails the test (a killed run has no exit code) instead of holding it.
pub fn bounded() -> Command {
    let mut cmd = infer_within(512);
    cmd.timeout(Duration::from_secs(5));
    cmd
}

/// A pipe (FIFO) at `dir/name` that no process writes to.
pub fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
    path
}

/// The text `edit` kept holds `wanted`; the kept file is removed.
pub fn assert_kept(out: &Run, wanted: &str) {
    let kept = kept_path(out);
    let text = std::fs::read_to_string(&kept).unwrap_or_else(|e| panic!("{}: {e}", kept.display()));
    assert!(
        text.contains(wanted),
        "{wanted:?} not in the kept text:\n{text}"
    );
    let _ = std::fs::remove_file(&kept);
}

/// The file `edit` kept the user's text in, as its stderr names it.
pub fn kept_path(out: &Run) -> PathBuf {
    let path = out
        .stderr
        .split("your text is kept in ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .map(str::trim)
        .unwrap_or_else(|| panic!("no kept file named:\n{}", out.stderr));
    PathBuf::from(path)
}
