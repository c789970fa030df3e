//! The sweep: every command × every output mode × every hostile answer of
//! the echo server (`fake_es/echo.rs`), with sentinel secrets and
//! credentials; none of them may show, in any piece of 8 characters or
//! more, on stdout or stderr (or the terminal's screen).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::fake_es::{Echo, FakeEs, openai_embedding};
use crate::harness::terminal::shell_on_terminal;
use crate::harness::{arg, infer_at, run};

/// Provider secrets: plain, with a quote and a newline (JSON-escaped on the
/// way back), nested, in an array, a number, and one added in the editor.
const PROVIDER: [&str; 6] = [
    "PROV-SENTINEL-a1b2c3d4",
    "sa\"SENTINEL\nQUOTED-77e5",
    "NEST-SENTINEL-9f8e7d6c",
    "ARR-SENTINEL-5b4a3c2d",
    "90817263545372611",
    "EDIT-SENTINEL-0a9b8c7d",
];
const KEY_ID: &str = "sweep-id-001";
const KEY: &str = "KEY-SENTINEL-q1w2e3r4";
const USER: &str = "sweeper";
const PASSWORD: &str = "PW-SENTINEL-t5y6u7i8";
const TOKEN: &str = "TOKEN-SENTINEL-o9p0a1s2";

#[derive(Clone, Copy, Debug)]
enum Mode {
    Piped,
    Terminal,
    Verbose,
    DryRun,
    Curl,
}

const MODES: [Mode; 5] = [
    Mode::Piped,
    Mode::Terminal,
    Mode::Verbose,
    Mode::DryRun,
    Mode::Curl,
];

/// The commands, each with the modes it has.
const COMMANDS: [&str; 10] = [
    "get",
    "list",
    "services",
    "check",
    "delete",
    "create",
    "update",
    "update-no-preflight",
    "edit",
    "config-show",
];

fn has_mode(command: &str, mode: Mode) -> bool {
    match mode {
        Mode::DryRun => matches!(
            command,
            "create" | "update" | "update-no-preflight" | "delete"
        ),
        Mode::Curl => !matches!(command, "edit" | "config-show"),
        _ => true,
    }
}

/// What must never show: each sentinel, and the part of each encoded
/// credential that only the secret decides.
fn guarded() -> Vec<String> {
    let mut out: Vec<String> = PROVIDER.iter().map(|s| s.to_string()).collect();
    out.extend([KEY, PASSWORD, TOKEN].map(String::from));
    // "sweep-id-001:" is 13 bytes, "sweeper:" 8: skip the groups they share.
    out.push(STANDARD.encode(format!("{KEY_ID}:{KEY}"))[20..].to_string());
    out.push(STANDARD.encode(format!("{USER}:{PASSWORD}"))[12..].to_string());
    out
}

fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(8).map(|w| w.iter().collect()).collect()
}

/// The arguments of `command`, with the files it reads in `dir`.
fn arguments(command: &str, dir: &std::path::Path) -> Vec<String> {
    let sa = dir.join("sa.json");
    let key = dir.join("key");
    std::fs::write(&sa, PROVIDER[1]).expect("write sa");
    std::fs::write(&key, PROVIDER[0]).expect("write key");
    let settings = format!(
        r#"{{"secret_parameters":{{"k":"{}"}},"list":[{{"api_key":"{}"}}]}}"#,
        PROVIDER[2], PROVIDER[3]
    );
    let inputs = vec![
        "--secret-file".to_string(),
        format!("api_key={}", arg(&key)),
        "--secret-file".to_string(),
        format!("service_account_json={}", arg(&sa)),
        "--service-settings".to_string(),
        settings,
        "--set".to_string(),
        format!("service_settings.access_key:={}", PROVIDER[4]),
    ];
    let mut args: Vec<String> = match command {
        "get" => vec!["get".into(), "rr".into()],
        "list" => vec!["list".into()],
        "services" => vec!["services".into()],
        "check" => vec!["check".into()],
        "delete" => vec!["delete".into(), "rr".into(), "--yes".into()],
        "create" => [
            "create",
            "new",
            "--task-type",
            "text_embedding",
            "--service",
            "openai",
        ]
        .map(String::from)
        .to_vec(),
        "update" => vec!["update".into(), "rr".into()],
        "update-no-preflight" => [
            "update",
            "rr",
            "--no-preflight",
            "--task-type",
            "text_embedding",
        ]
        .map(String::from)
        .to_vec(),
        "edit" => vec![
            "edit".into(),
            "rr".into(),
            "--yes".into(),
            "--allow-field".into(),
            "list".into(),
        ],
        _ => vec!["config".into(), "show".into()],
    };
    if command.starts_with("update") || command == "create" {
        args.extend(inputs);
    }
    args
}

/// The credential of case `n`: an `ID:KEY` pair, a user and password, or a
/// bearer token, in turn.
fn credential(n: usize) -> Vec<(&'static str, String)> {
    match n % 3 {
        0 => vec![("ES_API_KEY", format!("{KEY_ID}:{KEY}"))],
        1 => vec![
            ("ES_USERNAME", USER.into()),
            ("ES_PASSWORD", PASSWORD.into()),
        ],
        _ => vec![("ES_BEARER_TOKEN", TOKEN.into())],
    }
}

/// Quote `text` for sh.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[test]
fn no_secret_shows_in_any_command_mode_or_hostile_answer() {
    let guarded = guarded();
    let answers: Vec<Option<Echo>> = std::iter::once(None)
        .chain(Echo::ALL.into_iter().map(Some))
        .collect();
    let mut cases = 0;
    let mut leaks = Vec::new();
    for command in COMMANDS {
        for mode in MODES.into_iter().filter(|m| has_mode(command, *m)) {
            for answer in &answers {
                let es = FakeEs::start();
                es.insert(openai_embedding("rr"));
                if let Some(echo) = answer {
                    es.echo(*echo);
                }
                let dir = tempfile::tempdir().expect("dir");
                let mut args = arguments(command, dir.path());
                match mode {
                    Mode::Verbose => args.push("-v".into()),
                    Mode::DryRun => args.push("--dry-run".into()),
                    Mode::Curl => args.push("--curl".into()),
                    _ => {}
                }
                let mut env = credential(cases);
                let (_e, editor) = crate::harness::editor(&format!(
                    r#"sed -i 's/"model_id": /"list": [{{"api_key": "{}"}}], "model_id": /' "$1""#,
                    PROVIDER[5]
                ));
                env.push(("EDITOR", arg(&editor)));
                env.push(("ES_URL", es.url()));
                env.push(("ES_RETRIES", "0".into()));
                let shown = if let Mode::Terminal = mode {
                    let line = std::iter::once(env!("CARGO_BIN_EXE_infer").to_string())
                        .chain(args.iter().map(|a| quote(a)))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let env: Vec<(&str, &str)> =
                        env.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    shell_on_terminal(&line, &env, &[]).screen
                } else {
                    let out = run(infer_at(&es.url())
                        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
                        .args(["--retries", "0"])
                        .args(&args));
                    format!("{}\n{}", out.stdout, out.stderr)
                };
                cases += 1;
                for secret in &guarded {
                    if let Some(piece) = pieces(secret)
                        .into_iter()
                        .find(|p| shown.contains(p.as_str()))
                    {
                        leaks.push(format!(
                            "{command} {mode:?} {answer:?}: {piece:?} of {secret:?}\n{shown}"
                        ));
                    }
                }
            }
        }
    }
    eprintln!(
        "sweep: {cases} cases ({} commands, {} modes, {} answers), {} leaks",
        COMMANDS.len(),
        MODES.len(),
        answers.len(),
        leaks.len()
    );
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));
    assert!(cases >= 200, "only {cases} cases ran");
}
