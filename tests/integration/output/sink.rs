//! One sink to the terminal: every line, from any path, is escaped the
//! same way, colour on or off. Only infer's own colours are written raw:
//! an id, a server's text or a file name holding infer's colour codes (or
//! any other) has them written out.

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::{arg, infer, infer_at, run};

/// infer's own red, then a title change and a bell.
const CONTROLS: &str = "\u{1b}[31mRED\u{1b}]0;pwned\u{7}";
const SHOWN: &str = r"\x1b[31mRED\x1b]0;pwned\x07";

/// Whether `text` holds an escape sequence or a control character that
/// infer did not write itself (`ours` are its colour codes, when on).
fn raw(text: &str, ours: &[&str]) -> bool {
    let mut text = text.to_string();
    for code in ours {
        text = text.replace(code, "");
    }
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn an_id_in_a_usage_error_is_escaped_with_colour_on() {
    for colour in ["always", "never"] {
        let out = run(infer().args(["--color", colour, "get", &format!("x{CONTROLS}")]))
            .expect(2)
            .stderr_has(SHOWN);
        assert!(!raw(&out.stderr, &[]), "{colour}: {:?}", out.stderr);
        // clap's own usage errors too (clap drops escape sequences itself).
        let out = run(infer().args(["--color", colour, &format!("updat{CONTROLS}")])).expect(2);
        assert!(!raw(&out.stderr, &[]), "{colour}: {:?}", out.stderr);
    }
}

#[test]
fn a_server_error_body_is_escaped_json_or_not_with_v() {
    let json_body = serde_json::json!({
        "error": {"type": "x_exception", "reason": format!("bad{CONTROLS}")},
        "status": 500
    })
    .to_string();
    let bodies = [
        ("application/json", json_body),
        ("text/plain", format!("plain{CONTROLS}")),
        ("text/html", format!("<p>page{CONTROLS}</p>")),
    ];
    for (kind, body) in bodies {
        for colour in ["always", "never"] {
            let es = FakeEs::start();
            es.insert(cohere_rerank("rr"));
            es.respond_next(500, kind, &body);
            let out = run(infer_at(&es.url()).args([
                "--color",
                colour,
                "--retries",
                "0",
                "-v",
                "get",
                "rr",
            ]))
            .expect(5);
            let ours = ["\u{1b}[0m", "\u{1b}[2m", "\u{1b}[33m"];
            let shown = format!("{}{}", out.stdout, out.stderr);
            assert!(shown.contains(r"\x1b"), "{kind}: {shown:?}");
            assert!(
                !raw(&shown.replace(r"\x1b", ""), &ours) && !shown.contains(CONTROLS),
                "{kind} {colour}: {shown:?}"
            );
        }
    }
}

#[test]
fn a_file_name_is_escaped() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(format!("key{CONTROLS}.txt"));
    for colour in ["always", "never"] {
        let out = run(infer().args([
            "--color",
            colour,
            "create",
            "new",
            "--task-type",
            "rerank",
            "--service",
            "cohere",
            "--settings",
            &arg(&path),
            "--dry-run",
        ]))
        .expect(2)
        .stderr_has(SHOWN);
        assert!(!raw(&out.stderr, &[]), "{colour}: {:?}", out.stderr);
    }
}
