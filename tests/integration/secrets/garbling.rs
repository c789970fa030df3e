//! Masking never garbles infer's own words: a credential that is a word of
//! one of infer's messages (a weak password, `changeme`, `inference`)
//! leaves the message reading as written, and is still masked wherever it
//! is a value.

use crate::fake_es::{FakeEs, cohere_rerank, openai_embedding};
use crate::harness::{file, infer_at, run};

/// A credential no message holds any word of.
const HARMLESS: &str = "zq-harmless-credential-7";

/// One of infer's messages: how to make it show, and the values it
/// interpolates (not infer's words).
struct Case {
    name: &'static str,
    var: &'static str,
    env: Vec<(&'static str, String)>,
    args: Vec<String>,
    values: Vec<String>,
}

fn case(name: &'static str, var: &'static str, args: &[&str]) -> Case {
    Case {
        name,
        var,
        env: Vec::new(),
        args: args.iter().map(|a| a.to_string()).collect(),
        values: Vec::new(),
    }
}

/// What a user sees: stdout, then stderr.
fn shown(es: &FakeEs, case: &Case, credential: &str) -> String {
    let out = run(infer_at(&es.url())
        .envs(case.env.iter().map(|(k, v)| (*k, v.as_str())))
        .env(case.var, credential)
        .args(["--retries", "0"])
        .args(&case.args));
    format!("{}\n{}", out.stdout, out.stderr)
}

fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let splits: [&dyn Fn(char) -> bool; 2] = [&|c: char| !c.is_alphanumeric(), &|c: char| {
        !(c.is_alphanumeric() || c == '_' || c == '-')
    }];
    for split in splits {
        for word in text.split(split) {
            let word = word.trim_matches('-');
            if word.chars().count() >= 4 && !out.iter().any(|w| w == word) {
                out.push(word.to_string());
            }
        }
    }
    out
}

/// infer's messages, a representative list: the credential errors, a 401,
/// `config show`, a usage error, a hint.
fn messages(es: &FakeEs) -> Vec<Case> {
    let mut out = vec![
        case("no password", "ES_PASSWORD", &["--username", "bob", "list"]),
        case(
            "password without a user",
            "ES_PASSWORD",
            &["config", "show"],
        ),
        case("config show", "ES_PASSWORD", &["config", "show", "--json"]),
        case("rejected key", "ES_API_KEY", &["get", "rr"]),
        case(
            "usage",
            "ES_API_KEY",
            &[&crate::harness::DRY[..], &["--set", "nonsense"]].concat(),
        ),
        case(
            "hint",
            "ES_API_KEY",
            &[
                "update",
                "emb",
                "--set",
                "service_settings.model_id=other-model",
            ],
        ),
    ];
    out[0].values = vec!["bob".into()];
    out[4].values = vec!["nonsense".into()];
    out[2].env = vec![("ES_USERNAME", "bob".into())];
    out[2].values = vec![
        "bob".into(),
        es.url(),
        crate::harness::home().join("config").display().to_string(),
    ];
    // The server's own words are its, not infer's.
    out[3].values = vec![
        es.url(),
        "security_exception: unable to authenticate with provided credentials and anonymous \
         access is not allowed for this request"
            .into(),
    ];
    out[5].values = vec![
        "other-model".into(),
        "emb".into(),
        "HTTP 400 status_exception: Configuration contains settings [{model_id=other-model}] \
         unknown to the [openai] service"
            .into(),
    ];
    out
}

#[test]
fn every_word_of_a_message_as_the_credential_leaves_it_as_written() {
    let es = FakeEs::with_behavior(crate::fake_es::Behavior {
        required_authorization: Some("ApiKey right-key".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    let open = FakeEs::start();
    open.insert(openai_embedding("emb"));
    let (mut runs, mut garbled) = (0, Vec::new());
    for case in messages(&es) {
        let es = if case.name == "hint" { &open } else { &es };
        let written = shown(es, &case, HARMLESS);
        let values: Vec<String> = case.values.iter().flat_map(|v| words(v)).collect();
        let tried: Vec<String> = words(&written)
            .into_iter()
            .filter(|w| !values.contains(w))
            .collect();
        assert!(tried.len() >= 3, "{}: {written}", case.name);
        for word in tried {
            runs += 1;
            let now = shown(es, &case, &word);
            if now != written {
                garbled.push(format!(
                    "{} with {word:?}:\n--- written\n{written}\n--- now\n{now}",
                    case.name
                ));
            }
        }
    }
    eprintln!("template words: {runs} runs, {} garbled", garbled.len());
    assert!(garbled.is_empty(), "{}", garbled.join("\n\n"));
}

/// The lines of `text` that are infer's: without the server's own words
/// (a catalogue's descriptions, an error's reason), which are masked as
/// any value is.
fn infers(text: &str) -> Vec<&str> {
    const SERVERS: [&str; 2] = ["\"description\":", "resource_not_found_exception: "];
    text.lines()
        .map(|line| {
            SERVERS
                .iter()
                .find_map(|s| line.find(s).map(|at| &line[..at]))
                .unwrap_or(line)
        })
        .collect()
}

/// Weak credentials, as development clusters have them.
const WEAK: [&str; 4] = ["password1", "changeme", "inference", "elastic"];

/// Every command, and its error paths, with `model_id` a value holding
/// the credential (`m-CRED-1`).
fn commands(plan: &str) -> Vec<Vec<String>> {
    let list: [&[&str]; 11] = [
        &["get", "rr"],
        &["list"],
        &[
            "create",
            "new",
            "--task-type",
            "rerank",
            "--service",
            "cohere",
            "--set",
            "service_settings.model_id=m-CRED-1",
            "--dry-run",
        ],
        &[
            "update",
            "rr",
            "--set",
            "task_settings.top_n:=3",
            "--dry-run",
        ],
        &["delete", "rr", "--dry-run"],
        &["check"],
        &["services", "cohere"],
        &["plan", "-f", plan],
        &["config", "show"],
        &["get", "missing-CRED-1"],
        &["get", "Bad-CRED-1"],
    ];
    list.iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect())
        .collect()
}

#[test]
fn weak_credentials_garble_nothing_and_show_in_no_value() {
    let endpoint = |cred: &str| {
        let mut rr = cohere_rerank("rr");
        rr["service_settings"]["model_id"] = format!("m-{cred}-1").into();
        rr
    };
    let (_d, plan) = file(
        "endpoints.json",
        serde_json::json!([endpoint("CRED")]).to_string(),
    );
    let (mut runs, mut garbled, mut leaks) = (0, Vec::new(), Vec::new());
    for var in ["ES_PASSWORD", "ES_API_KEY"] {
        for args in commands(&crate::harness::arg(&plan)) {
            let es = FakeEs::start();
            let shown_with = |cred: &str| {
                es.insert(endpoint(cred));
                let args: Vec<String> = args.iter().map(|a| a.replace("CRED", cred)).collect();
                let plan_text = serde_json::json!([endpoint(cred)]).to_string();
                std::fs::write(&plan, plan_text).expect("plan file");
                let out = run(infer_at(&es.url())
                    .env("ES_USERNAME", "bob")
                    .env(var, cred)
                    .args(["--retries", "0"])
                    .args(&args));
                format!("{}\n{}", out.stdout, out.stderr)
            };
            let written = shown_with(HARMLESS);
            for cred in WEAK {
                runs += 1;
                let now = shown_with(cred);
                if now.contains(&format!("-{cred}-1")) {
                    leaks.push(format!("{var}={cred} {args:?}:\n{now}"));
                }
                if infers(&now) != infers(&written) {
                    garbled.push(format!(
                        "{var}={cred} {args:?}:\n--- written\n{written}\n--- now\n{now}"
                    ));
                }
            }
        }
    }
    eprintln!(
        "weak credentials: {runs} runs, {} leaks, {} garbled",
        leaks.len(),
        garbled.len()
    );
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));
    assert!(garbled.is_empty(), "{}", garbled.join("\n\n"));
}

/// A server that quotes the credential back: the whole of it is masked, even when infer's own
/// words stand inside it (a passphrase's " and ", a flag); only a credential that is itself
/// one of infer's words (a setting's name) reads as infer writes that word.
#[test]
fn a_credential_a_server_quotes_is_masked_whole_whatever_words_it_holds() {
    for password in ["cats and dogs", "my API key is Xq9", "zz --url zz"] {
        let es = FakeEs::start();
        let reason = format!("authentication failed: {password}");
        es.respond_next(
            401,
            "application/json",
            &serde_json::json!({"error": {"type": "security_exception", "reason": reason},
                "status": 401})
            .to_string(),
        );
        let out = run(infer_at(&es.url())
            .env("ES_USERNAME", "bob")
            .env("ES_PASSWORD", password)
            .args(["list"]));
        let after = out
            .stderr
            .split("authentication failed: ")
            .nth(1)
            .unwrap_or_else(|| panic!("{password:?}: {}", out.stderr));
        // One mask, and nothing of the passphrase after it.
        let rest = after.strip_prefix("****").unwrap_or("not masked");
        assert!(
            !rest.starts_with(|c: char| c.is_alphanumeric() || c == ' ' || c == '-'),
            "{password:?}: {}",
            out.stderr
        );
    }
}

/// `--secret-env api_key=` holds no secret: the error's own example reads as written.
#[test]
fn a_secret_flag_with_nothing_after_the_name_keeps_its_example() {
    let es = crate::harness::fake_with_emb();
    let out = run(infer_at(&es.url()).args(["update", "emb", "--secret-env", "api_key="]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the 1st --secret-env: nothing follows api_key=: expected NAME=VAR, e.g. \
             api_key=OPENAI_API_KEY"
        ),
        "{}",
        out.stderr
    );
}

/// One secret given by two flags would leave one value silently unused: refused before
/// anything is asked, read or sent, naming the secret.
#[test]
fn a_secret_given_twice_is_refused_before_anything_is_sent() {
    let es = crate::harness::fake_with_emb();
    let before = es.requests().len();
    let (_dir, key) = file("key.txt", "sk-from-file-5521");
    let from_file = format!("api_key={}", key.display());
    for second in [
        ["--secret-env", "service_settings.api_key=KEY_B"],
        ["--secret-file", from_file.as_str()],
    ] {
        let out = run(infer_at(&es.url())
            .env("KEY_A", "sk-a-3301")
            .env("KEY_B", "sk-b-3302")
            .args(["update", "emb", "--secret-env", "api_key=KEY_A"])
            .args(second));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr
                .contains("service_settings.api_key is given twice (by --secret, --secret-env or --secret-file)"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(es.requests().len(), before, "nothing was sent");
}
