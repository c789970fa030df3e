//! The bundled fake a newcomer starts (`cargo run --example fake_es`):
//! its help, a fixed port, one API key it requires, and what it prints.
//!
//! `cargo test` builds the examples beside the test binary; a run limited
//! to this test target (`--test integration`) may not have built it, and
//! then these tests fail, saying how to build it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::harness::terminal::shell_on_terminal;
use crate::harness::{infer, run};

fn example() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let deps = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir");
    let path = deps.join("examples").join("fake_es");
    // A test that cannot run fails: it never passes by skipping.
    assert!(
        path.exists(),
        "{} is not built: run the whole `cargo test` (it builds the examples), or \
         `cargo build --example fake_es` first",
        path.display()
    );
    path
}

/// A port nothing listens on (as far as one can tell).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// The running example; killed when dropped.
struct Fake {
    child: Child,
    url: String,
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Fake {
    let mut child = Command::new(example())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("fake_es");
    let mut url = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut url).expect("its URL");
    Fake {
        child,
        url: url.trim().to_string(),
    }
}

#[test]
fn help_names_the_modes_and_options() {
    let path = example();
    let out = Command::new(path).arg("--help").output().expect("fake_es");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for option in [
        "--port N",
        "--require-api-key KEY",
        "--extra-service FILE",
        "current",
    ] {
        assert!(text.contains(option), "{option} in {text}");
    }
}

#[test]
fn a_fixed_port_and_one_required_api_key() {
    let port = free_port();
    let fake = start(&[
        "current",
        "--port",
        &port.to_string(),
        "--require-api-key",
        "letmein",
    ]);
    assert_eq!(fake.url, format!("http://127.0.0.1:{port}"));
    let with = |key: &str, args: &[&str]| {
        let mut cmd = infer();
        cmd.env("ES_URL", &fake.url)
            .env("ES_API_KEY", key)
            .args(args);
        run(&mut cmd)
    };
    let out = with("letmein", &["list"]).expect(0);
    assert!(out.stdout.contains("my-openai"), "{}", out.stdout);
    with("letmein", &["check"]).expect(0);
    with("wrong-key", &["list"])
        .expect(4)
        .stderr_has("401")
        .never_shows("wrong-key");
    let out = with("wrong-key", &["check"]).expect(4);
    assert!(
        out.stdout
            .contains("the API key from ES_API_KEY was not accepted"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_port_in_use_is_refused_with_exit_2() {
    let path = example();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = Command::new(path)
        .args(["--port", &port])
        .output()
        .expect("fake_es");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{text}"
    );
    for bad in [["--port", "http"], ["--port", "70000"]] {
        let out = Command::new(example()).args(bad).output().expect("fake_es");
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let out = Command::new(example())
        .arg("--require-api-key")
        .output()
        .expect("fake_es");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn on_a_terminal_it_says_what_to_export_and_what_to_try() {
    let path = example();
    let port = free_port();
    let line = format!(
        "timeout 1 {} --port {port} --require-api-key letmein",
        path.display()
    );
    let tty = shell_on_terminal(&line, &[], &[]);
    for wanted in [
        format!("export ES_URL=http://127.0.0.1:{port}"),
        "export ES_API_KEY=letmein".to_string(),
        "infer list".to_string(),
        "infer check".to_string(),
        "ES_API_KEY=wrong infer list".to_string(),
    ] {
        assert!(tty.screen.contains(&wanted), "{wanted:?} in {}", tty.screen);
    }
}
