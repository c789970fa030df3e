//! The reference sections of the manual pages that clap_mangen does not
//! write: EXIT STATUS on every page, and ENVIRONMENT, FILES and LIMITS on
//! `infer(1)`, which every other page names under SEE ALSO. Each is made from what the code itself uses, so that a page
//! cannot drift from the binary: the exit codes from the `--help` text the
//! command line defines (`exit_codes!` in `src/cli/`), the connection
//! variables from the clap definitions, the limits from `src/limits.rs`.
//! The longer guide is `docs/` (exit codes in `docs/exit-codes.md`, limits
//! in `docs/limits.md`).

use crate::limits;

/// One exit code and what it means for this command.
pub(super) type ExitCode = (String, String);

/// A command's after-help split into what stays under EXTRA and its
/// "Exit codes:" block, which becomes EXIT STATUS. The block is the lines
/// after `Exit codes:` that are indented and start with a code.
pub(super) fn split_exit_codes(after_help: &str) -> (String, Vec<ExitCode>) {
    let lines: Vec<&str> = after_help.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim() == "Exit codes:") else {
        return (after_help.to_string(), Vec::new());
    };
    let mut codes = Vec::new();
    let mut end = start + 1;
    while let Some(line) = lines.get(end) {
        let text = line.trim_start();
        let Some((code, meaning)) = text.split_once(char::is_whitespace) else {
            break;
        };
        if line.len() == text.len() || !code.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        codes.push((code.to_string(), meaning.trim().to_string()));
        end += 1;
    }
    let before = lines[..start].join("\n");
    let after = lines[end..].join("\n");
    let rest = [before.trim(), after.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    (rest, codes)
}

/// `.SH "EXIT STATUS"` with one tagged paragraph per code, set without a
/// blank line between them (`.PD 0`) as a table; on `infer(1)`, `top`,
/// with what holds for every command.
pub(super) fn exit_status(codes: &[ExitCode], top: bool) -> String {
    let mut roff = String::from(".SH \"EXIT STATUS\"\n.PD 0\n");
    for (code, meaning) in codes {
        roff.push_str(&tagged(&format!(r"\fB{code}\fR"), &text(meaning)));
    }
    roff.push_str(".PD\n");
    if !top {
        return roff;
    }
    roff.push_str(&paragraph(
        "With several ids, get and delete exit with the first failure's code. \
         On several clusters (--profile repeated, or --all-profiles), plan, apply and rotate \
         exit with the most serious of the clusters' codes, in the order 128+signal, 2, 1 \
         (any other error in a cluster, whose section of the report keeps its own code), 11, \
         10, 0; a refusal in any cluster, or a declined confirmation, is 3 with nothing \
         written anywhere. \
         A failing pre-flight GET is reported like any other request: 4, 5 or 6. \
         The full table: docs/exit-codes.md in infer's repository.",
    ));
    roff
}

/// `.SH ENVIRONMENT` for `infer(1)`: the variables the options take (from
/// their clap definitions), then every other variable infer reads.
pub(super) fn environment(cmd: &clap::Command) -> String {
    let mut roff = String::from(".SH ENVIRONMENT\n");
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let (Some(var), Some(long)) = (arg.get_env(), arg.get_long()) else {
            continue;
        };
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let body = format!(r"As \fB\-\-{}\fR: {}", text(long), text(&help));
        roff.push_str(&tagged(&bold(&var.to_string_lossy()), &body));
    }
    for (var, same_as) in TERRAFORM {
        let body = format!(
            r"As \fB{}\fR{}, one level below it: the name Elastic's Terraform provider reads.",
            text(same_as),
            if var == "ELASTICSEARCH_ENDPOINTS" {
                " (the first URL of its comma\\-separated list)"
            } else {
                ""
            }
        );
        roff.push_str(&tagged(&bold(var), &body));
    }
    for (var, meaning) in OTHER_VARIABLES {
        roff.push_str(&tagged(&bold(var), &text(meaning)));
    }
    roff.push_str(&paragraph(
        "Precedence, highest first: flags, the ES_* variables, the ELASTICSEARCH_* names, \
         the profile, start-local, the defaults; the URL, the credential and what to trust \
         come from one of these as a unit (docs/connection.md). Any variable named by \
         --secret-env NAME=VAR, or by an env:VAR reference in a profile or a file of \
         endpoints, is read for that secret.",
    ));
    roff
}

/// The `ELASTICSEARCH_*` names Elastic's Terraform provider reads, and the
/// `ES_*` variable each stands below.
const TERRAFORM: [(&str, &str); 7] = [
    ("ELASTICSEARCH_ENDPOINTS", "ES_URL"),
    ("ELASTICSEARCH_API_KEY", "ES_API_KEY"),
    ("ELASTICSEARCH_USERNAME", "ES_USERNAME"),
    ("ELASTICSEARCH_PASSWORD", "ES_PASSWORD"),
    ("ELASTICSEARCH_BEARER_TOKEN", "ES_BEARER_TOKEN"),
    ("ELASTICSEARCH_CA_FINGERPRINT", "ES_CA_FINGERPRINT"),
    ("ELASTICSEARCH_INSECURE", "ES_INSECURE"),
];

/// Every other variable infer reads, and what for.
const OTHER_VARIABLES: [(&str, &str); 13] = [
    (
        "ES_LOCAL_URL",
        "start-local's URL; with ES_LOCAL_API_KEY and ES_LOCAL_PASSWORD, used only when \
         nothing else gives a URL, a Cloud ID or a credential. When one of the three is set, \
         ./elastic-start-local/.env is not read.",
    ),
    (
        "ES_LOCAL_API_KEY",
        "start-local's API key (preferred to its password).",
    ),
    (
        "ES_LOCAL_PASSWORD",
        "start-local's password, for the user elastic.",
    ),
    (
        "INFER_CONFIG",
        "The config file to read instead of $XDG_CONFIG_HOME/infer/config.toml.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the config file is: $XDG_CONFIG_HOME/infer/config.toml (default ~/.config).",
    ),
    (
        "HOME",
        "The default config and state directories, and the ~/ of a path in a profile.",
    ),
    (
        "XDG_STATE_HOME",
        "Where edit keeps its private directory: $XDG_STATE_HOME/infer/edits \
         (default ~/.local/state/infer/edits).",
    ),
    (
        "TMPDIR",
        "Where edit's private directory is made (infer-edits-<uid>) when neither \
         XDG_STATE_HOME nor HOME is set.",
    ),
    (
        "VISUAL",
        "The editor edit runs (through the shell, as git does), before EDITOR.",
    ),
    ("EDITOR", "The editor edit runs when VISUAL is not set."),
    (
        "NO_COLOR",
        "When set and not empty, no colour (unless --color always).",
    ),
    ("TERM", "dumb turns colour off (with --color auto)."),
    (
        "COMPLETE",
        "COMPLETE=SHELL infer prints the dynamic completion script for SHELL \
         (bash, zsh, fish, elvish, powershell) instead of running a command.",
    ),
];

/// `.SH FILES` for `infer(1)`.
pub(super) fn files() -> String {
    let mut roff = String::from(".SH FILES\n");
    for (path, meaning) in [
        (
            "$XDG_CONFIG_HOME/infer/config.toml",
            "The profiles (default ~/.config/infer/config.toml, or the file INFER_CONFIG \
             names); written 0600 by config init.",
        ),
        (
            "./elastic-start-local/.env, ./.env",
            "start-local's settings, read as text, never run (./.env only when it sets \
             ES_LOCAL_URL).",
        ),
        (
            "$XDG_STATE_HOME/infer/edits",
            "edit's private directory (0700): the file being edited, and a text kept after \
             a failed edit.",
        ),
        (
            "./infer-replaced-<id>-<time>.json",
            "Written by apply when a replace could not create the endpoint again after \
             deleting it: its settings before the delete, ready for apply -f.",
        ),
    ] {
        roff.push_str(&tagged(&bold(path), &text(meaning)));
    }
    roff
}

/// `.SH LIMITS` for `infer(1)`, from the constants every reading uses.
pub(super) fn limits() -> String {
    let mut roff = String::from(".SH LIMITS\n");
    roff.push_str(&paragraph(
        "infer reads nothing without a bound. Passing a limit is an error that names the \
         input and the limit (exit 2 for an input, before anything is sent).",
    ));
    let dotenv = format!(
        "{} for the file, and {} in all once each ${{NAME}} is expanded, through names at \
         most {} levels deep",
        limits::show(limits::MAX_DOTENV),
        limits::show(limits::MAX_DOTENV),
        limits::MAX_DOTENV_DEPTH
    );
    for (what, limit) in [
        (
            "A settings file, stdin, a section flag's @file, a file of endpoints, the \
             edited text, a certificate or key file",
            limits::show(limits::MAX_INPUT),
        ),
        (
            "A provider secret (--secret-file, stdin, a file: secret)",
            limits::show(limits::MAX_SECRET),
        ),
        ("The config file", limits::show(limits::MAX_CONFIG)),
        ("start-local's .env", dotenv),
        ("A server's answer", limits::show(limits::MAX_ANSWER)),
        (
            "Nesting of any JSON infer reads, and keys in a --set path",
            format!("{} levels", limits::MAX_DEPTH),
        ),
        ("Values in one JSON text", thousands(limits::MAX_VALUES)),
    ] {
        roff.push_str(&tagged(&text(what), &text(&limit)));
    }
    roff.push_str(&paragraph("Why each is this much: docs/limits.md."));
    roff
}

/// SEE ALSO of a command's page: the sections only `infer(1)` carries.
pub(super) fn see_also() -> String {
    format!(
        ".SH \"SEE ALSO\"\n{}(1) for ENVIRONMENT, FILES and LIMITS\n",
        bold("infer")
    )
}

/// `1000000` as `1,000,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn tagged(tag: &str, body: &str) -> String {
    format!(".TP\n{tag}\n{body}\n")
}

fn paragraph(words: &str) -> String {
    format!(".PP\n{}\n", text(words))
}

fn bold(words: &str) -> String {
    format!(r"\fB{}\fR", text(words))
}

/// Text set as roff text (`super::roff_escape`), with `\&` before a line's
/// first character when it would be read as a request.
fn text(words: &str) -> String {
    let escaped = super::roff_escape(words);
    if escaped.starts_with('.') || escaped.starts_with(r"\*(Aq") {
        format!(r"\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_codes_block_is_taken_out_of_the_after_help() {
        let help = "Example:\n  infer x\n\nExit codes:\n    0  done\n   10  plan: pending\n\nMore.";
        let (rest, codes) = split_exit_codes(help);
        assert_eq!(rest, "Example:\n  infer x\n\nMore.");
        assert_eq!(
            codes,
            [
                ("0".to_string(), "done".to_string()),
                ("10".to_string(), "plan: pending".to_string())
            ]
        );
        assert_eq!(split_exit_codes("No codes."), ("No codes.".into(), vec![]));
    }

    #[test]
    fn large_numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(64), "64");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn a_line_that_would_be_a_request_is_escaped() {
        assert_eq!(text(".env"), r"\&.env");
        assert_eq!(text("a-b"), r"a\-b");
    }
}
