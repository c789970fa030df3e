//! Running `infer` on a real terminal: a pty made by util-linux `script`.
//! Answers are typed when the question is on the screen, never after a
//! fixed pause: the output is read as it comes and each answer waits for
//! its text (and, at infer's prompts, for infer to read the keys itself).

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a question may take to appear.
const QUESTION: Duration = Duration::from_secs(10);
/// How long a whole run may take.
const RUN: Duration = Duration::from_secs(60);
/// How often the screen is looked at.
const POLL: Duration = Duration::from_millis(5);

pub struct Tty {
    pub code: i32,
    pub screen: String,
}

/// Something to type once some text is on the screen.
#[derive(Clone, Copy)]
pub struct Key<'a> {
    shown: &'a str,
    typed: &'a str,
    /// At one of infer's prompts: wait until infer reads the keys itself
    /// (echo off), so that nothing typed is echoed by the terminal.
    prompt: bool,
}

/// Type `typed` at infer's prompt once `shown` is on the screen.
pub const fn at<'a>(shown: &'a str, typed: &'a str) -> Key<'a> {
    Key {
        shown,
        typed,
        prompt: true,
    }
}

/// Type `typed` for whatever runs after infer (a shell) once `shown` is on
/// the screen.
pub const fn after<'a>(shown: &'a str, typed: &'a str) -> Key<'a> {
    Key {
        shown,
        typed,
        prompt: false,
    }
}

/// Run `infer ARGS` on a pty with `env`, typing `keys`.
pub fn on_terminal(args: &str, env: &[(&str, &str)], keys: &[Key]) -> Tty {
    shell_on_terminal(
        &format!("{} {args}", env!("CARGO_BIN_EXE_infer")),
        env,
        keys,
    )
}

/// Like `on_terminal`, for a whole shell command line.
pub fn shell_on_terminal(line: &str, env: &[(&str, &str)], keys: &[Key]) -> Tty {
    crate::harness::require("script", "bsdutils");
    let dir = tempfile::tempdir().expect("temp dir");
    let name = dir.path().join("tty");
    // The terminal's name, to see when infer has turned echo off.
    let line = format!("tty > '{}'; {line}", name.display());
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("HOME", crate::harness::home())
        .env("RUST_BACKTRACE", "0")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script");
    let stdin = child.stdin.take().expect("stdin");
    let mut session = Session::new(child, &name);
    session.type_keys(stdin, keys)
}

/// A running `script`, and what it has shown so far.
struct Session<'a> {
    child: Child,
    screen: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    tty_name: &'a Path,
}

impl<'a> Session<'a> {
    fn new(mut child: Child, tty_name: &'a Path) -> Self {
        let mut stdout = child.stdout.take().expect("stdout");
        let screen = Arc::new(Mutex::new(Vec::new()));
        let shown = Arc::clone(&screen);
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut chunk) {
                shown.lock().expect("screen").extend_from_slice(&chunk[..n]);
            }
        });
        Session {
            child,
            screen,
            reader: Some(reader),
            tty_name,
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().expect("screen")).into_owned()
    }

    fn type_keys(&mut self, mut stdin: ChildStdin, keys: &[Key]) -> Tty {
        let mut seen = 0;
        for key in keys {
            seen = self.wait_for(key.shown, seen);
            if key.prompt {
                self.wait_until_infer_reads(key.shown);
            }
            stdin.write_all(key.typed.as_bytes()).expect("type");
        }
        let code = self.wait_for_exit();
        drop(stdin);
        self.finish_reading();
        Tty {
            code,
            screen: self.screen(),
        }
    }

    /// Wait until `text` is on the screen after byte `from`; where it ends.
    fn wait_for(&mut self, text: &str, from: usize) -> usize {
        let deadline = Instant::now() + QUESTION;
        loop {
            let screen = self.screen.lock().expect("screen").clone();
            if let Some(at) = find(&screen[from.min(screen.len())..], text.as_bytes()) {
                return from + at + text.len();
            }
            if self.exited() && self.reader.is_some() {
                // Read to the end before judging.
                self.finish_reading();
                continue;
            }
            if Instant::now() > deadline || self.exited() {
                self.fail(&format!("waiting for {text:?}"));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Wait until infer reads the terminal itself: echo is off.
    fn wait_until_infer_reads(&mut self, shown: &str) {
        let deadline = Instant::now() + QUESTION;
        while echo_is_on(self.tty_name) {
            if Instant::now() > deadline || self.exited() {
                self.fail(&format!(
                    "waiting for infer to read an answer after {shown:?}"
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    fn finish_reading(&mut self) {
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader");
        }
    }

    fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    fn wait_for_exit(&mut self) -> i32 {
        let deadline = Instant::now() + RUN;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                self.fail("waiting for the run to end");
            }
            std::thread::sleep(POLL);
        }
    }

    fn fail(&mut self, what: &str) -> ! {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut stderr = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut stderr);
        }
        panic!(
            "timed out {what}; the terminal showed:\n{}\n--- script's stderr\n{stderr}",
            self.screen()
        );
    }
}

/// Whether the terminal named in the file at `name` echoes what is typed
/// (true until the name is known).
fn echo_is_on(name: &Path) -> bool {
    use rustix::fs::{Mode, OFlags};
    let Ok(tty) = std::fs::read_to_string(name) else {
        return true;
    };
    let flags = OFlags::RDONLY | OFlags::NOCTTY | OFlags::NONBLOCK;
    let Ok(fd) = rustix::fs::open(tty.trim(), flags, Mode::empty()) else {
        return true;
    };
    rustix::termios::tcgetattr(&fd)
        .map(|t| t.local_modes.contains(rustix::termios::LocalModes::ECHO))
        .unwrap_or(true)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}
