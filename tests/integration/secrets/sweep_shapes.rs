//! The sweep's newer shapes: weak credentials, a key given as a path or as
//! a variable's name, secrets in answers, and the rarer encodings a server
//! may quote a credential in (hex, HTML numeric references, `\uXXXX`, a
//! 12-character cut of its base64). None may show; infer's words never
//! garble.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use serde_json::json;

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::{infer_at, run};

const WEAK: [&str; 4] = ["password1", "changeme", "inference", "elastic"];
const STRONG: &str = "Sweep-Shape-SENTINEL-4242";

/// What a hostile server may quote `cred` (sent as `header`) in.
fn encodings(cred: &str, header: &str) -> Vec<String> {
    let hex: String = cred.bytes().map(|b| format!("{b:02x}")).collect();
    let mut out = vec![
        hex.clone(),
        hex.to_ascii_uppercase(),
        cred.chars()
            .map(|c| format!("&#{};", u32::from(c)))
            .collect(),
        cred.chars()
            .map(|c| format!("&#x{:x};", u32::from(c)))
            .collect(),
        cred.chars()
            .map(|c| format!("\\u{:04x}", u32::from(c)))
            .collect(),
    ];
    // 12-character cuts of the header's base64, in both alphabets, that
    // touch neither end.
    for engine in [&STANDARD, &URL_SAFE] {
        let encoded = engine.encode(header);
        let chars: Vec<char> = encoded.trim_end_matches('=').chars().collect();
        for start in (10..chars.len().saturating_sub(14)).step_by(5) {
            out.push(chars[start..start + 12].iter().collect());
        }
    }
    out
}

/// What must not show of `cred`: its 8-character pieces (its whole, when
/// shorter), each form a server quoted it in.
fn guarded(cred: &str, forms: &[String]) -> Vec<String> {
    let chars: Vec<char> = cred.chars().collect();
    let mut out: Vec<String> = if chars.len() <= 8 {
        vec![cred.to_string()]
    } else {
        chars.windows(8).map(|w| w.iter().collect()).collect()
    };
    out.extend(forms.iter().cloned());
    out
}

#[test]
fn newer_shapes_leak_nothing() {
    let (mut runs, mut leaks) = (0, Vec::new());
    let mut creds: Vec<&str> = WEAK.to_vec();
    creds.push(STRONG);
    for cred in creds {
        for var in ["ES_API_KEY", "ES_PASSWORD"] {
            let header = if var == "ES_API_KEY" {
                cred.to_string()
            } else {
                format!("bob:{cred}")
            };
            let quoted = encodings(cred, &header);
            let reason = format!("bad credentials: {}", quoted.join(" | "));
            let error =
                json!({"error": {"type": "security_exception", "reason": reason}, "status": 401});
            let answer = json!({"endpoints": [{
                "inference_id": "rr", "task_type": "rerank", "service": "cohere",
                "service_settings": {"model_id": "m", "api_key": STRONG,
                    "auth": {"client_secret": STRONG}},
                "task_settings": {"x_token": STRONG}
            }]});
            let shapes: [(&str, Vec<String>); 5] = [
                ("encodings", vec!["get".into(), "rr".into(), "-v".into()]),
                ("answer", vec!["get".into(), "rr".into(), "-v".into()]),
                ("list", vec!["list".into(), "--json".into()]),
                (
                    "secret-file",
                    [
                        "update",
                        "rr",
                        "--secret-file",
                        &format!("api_key={STRONG}"),
                    ]
                    .map(String::from)
                    .to_vec(),
                ),
                (
                    "secret-env",
                    [
                        "update",
                        "rr",
                        "--secret-env",
                        "api_key=hf_SweepShape4242abcd",
                    ]
                    .map(String::from)
                    .to_vec(),
                ),
            ];
            for (shape, args) in shapes {
                let es = FakeEs::start();
                es.insert(cohere_rerank("rr"));
                match shape {
                    "encodings" => es.respond_next(401, "application/json", &error.to_string()),
                    "answer" | "list" => {
                        for _ in 0..4 {
                            es.respond_next(200, "application/json", &answer.to_string());
                        }
                    }
                    _ => {}
                }
                let out = run(infer_at(&es.url())
                    .env("ES_USERNAME", "bob")
                    .env(var, cred)
                    .args(["--retries", "0"])
                    .args(&args));
                let shown = format!("{}\n{}", out.stdout, out.stderr);
                runs += 1;
                // A weak credential is a word infer's own text may hold (its
                // place in values is garbling.rs's): here, its forms.
                let mut never = if WEAK.contains(&cred) {
                    quoted.clone()
                } else {
                    guarded(cred, &quoted)
                };
                never.extend(guarded(STRONG, &[]));
                never.extend(guarded("hf_SweepShape4242abcd", &[]));
                if let Some(piece) = never.iter().find(|p| shown.contains(p.as_str())) {
                    leaks.push(format!("{var}={cred} {shape}: {piece:?}\n{shown}"));
                }
            }
        }
    }
    eprintln!(
        "sweep of the newer shapes: {runs} runs, {} leaks",
        leaks.len()
    );
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));
}
