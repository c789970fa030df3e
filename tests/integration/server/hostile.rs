//! Every command that reads an answer, against every hostile answer: no
//! crash, a documented exit code, a clear error, no raw control character
//! on stderr, and memory bounded (each run is capped at 1 GiB of address
//! space, which an unbounded read of a 1 GB or endless answer passes).

use crate::fake_es::{Hostile, HostileServer};
use crate::harness::{Run, infer_within, run};

/// The commands that read answers; `update` skips the pre-flight read so
/// that the hostile answer is the one to its PUT.
const COMMANDS: [&[&str]; 5] = [
    &["get", "rr"],
    &["list"],
    &[
        "update",
        "rr",
        "--task-type",
        "rerank",
        "--no-preflight",
        "--set",
        "task_settings.top_n:=3",
    ],
    &["check"],
    &["services"],
];

/// Address space for one run: infer itself needs well under 100 MiB.
const CAP_MIB: u64 = 1024;

fn sweep(kind: Hostile, expect: impl Fn(&[&str], &Run)) {
    let server = HostileServer::start(kind);
    for args in COMMANDS {
        let out = run(infer_within(CAP_MIB).env("ES_URL", server.url()).args(args));
        assert!(
            (0..=7).contains(&out.code),
            "{kind:?} {args:?}: exit {} is not a documented code (a crash?)\n{}",
            out.code,
            out.stderr
        );
        if out.code != 0 {
            assert!(
                out.stderr.contains("infer: error: "),
                "{kind:?} {args:?}: no error said\n{}",
                out.stderr
            );
        }
        assert!(
            !out.stderr
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
                && !out.stderr.contains('\u{202e}'),
            "{kind:?} {args:?}: a raw control character on stderr: {:?}",
            out.stderr
        );
        expect(args, &out);
    }
}

fn says(what: &'static str) -> impl Fn(&[&str], &Run) {
    move |args, out| {
        assert!(
            out.stderr.contains(what),
            "{args:?}: stderr lacks {what:?}:\n{}",
            out.stderr
        )
    }
}

#[test]
fn a_1_gb_answer_is_refused_at_the_limit() {
    sweep(
        Hostile::Huge(1 << 30),
        says("with a body larger than the limit of 64 MiB"),
    );
}

#[test]
fn an_endless_answer_is_cut_at_the_limit() {
    sweep(
        Hostile::Endless,
        says("with a body larger than the limit of 64 MiB"),
    );
}

#[test]
fn a_deeply_nested_answer_is_refused() {
    sweep(
        Hostile::Deep(100_000),
        says("nested deeper than the limit of 64 levels"),
    );
    sweep(
        Hostile::Deep(100),
        says("nested deeper than the limit of 64 levels"),
    );
}

#[test]
fn an_answer_with_too_many_values_is_refused() {
    sweep(
        Hostile::Wide(5_000_000),
        says("more than the limit of 1000000 JSON values"),
    );
}

#[test]
fn a_huge_error_page_is_an_http_error_not_shown() {
    sweep(Hostile::HugeError(100 << 20), |args, out| {
        assert_eq!(out.code, 5, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("HTTP 500")
                && out.stderr.contains("larger than the limit of 64 MiB"),
            "{args:?}: {}",
            out.stderr
        );
    });
}
#[test]
fn control_characters_from_the_server_are_shown_escaped() {
    sweep(Hostile::ControlsInError, |args, out| {
        assert_eq!(out.code, 4, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(r"Inference endpoint not found [\x1b[2J\x1b]0;pwned\x07"),
            "{args:?}: {}",
            out.stderr
        );
    });
    sweep(Hostile::ControlsInPage, says(r"Bad gateway \x1b[2J"));
    sweep(Hostile::ControlsInAnswer, |_, _| {});
}
