//! The test suite's fake Elasticsearch as a standalone server, for
//! `bench/run.sh` and for trying infer without a cluster: prints its URL
//! (then, on a terminal, what to export and a few commands to try), and
//! serves until killed, keeping no log of what it was sent.
//!
//!     cargo run --example fake_es -- [MODE] [--port N] [--require-api-key KEY]
//!
//! Run with `--help` for the modes and options.

#[path = "../tests/integration/fake_es/mod.rs"]
mod fake_es;

use std::io::IsTerminal;

use fake_es::Behavior;

const USAGE: &str = "\
usage: fake_es [MODE] [--port N] [--require-api-key KEY] [--extra-service FILE]...

Serves a fake Elasticsearch on 127.0.0.1, prints its URL, and runs until killed
(Ctrl-C). It calls no provider and forgets everything when stopped. On a
terminal it also prints what to export and a few commands to try.

modes (default 9.5):
  8.17, 9.2, 9.4, 9.5   the server rules of that release
  current               the newest rules, reported as 9.6.0
  many                  9.5 holding 10,000 endpoints of six services (about
                        4 MB for GET /_inference/_all)
  slow                  9.5 answering each request after 20 ms, with 200
                        rerank endpoints (s0 ...)
  huge                  a hostile server: a 1 GiB answer
  endless               a hostile server: a chunked answer that never ends

options:
  --port N              listen on 127.0.0.1:N (default: any free port)
  --require-api-key KEY answer 401 (security_exception) to every request
                        without `Authorization: ApiKey KEY`, as a cluster
                        does to a wrong credential: export ES_API_KEY=KEY
  --extra-service FILE  a JSON file holding one _inference/_services
                        catalogue entry, or an array of them: services the
                        fake lists, creates and updates by their flags
                        (repeatable)
  -h, --help            this text
";

fn fail(msg: &str) -> ! {
    eprintln!("fake_es: {msg}\n\n{USAGE}");
    std::process::exit(2);
}

/// The catalogue entries in `path`: one object, or an array of objects, each naming its
/// `service`.
fn read_extra_services(path: &str) -> Vec<serde_json::Value> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("cannot read {path}: {e}")));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{path} is not JSON: {e}")));
    let entries = match value {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    for e in &entries {
        if !e["service"].is_string() || !e["configurations"].is_object() {
            fail(&format!(
                "{path}: each catalogue entry needs a \"service\" name and \"configurations\""
            ));
        }
    }
    entries
}

/// What the command line asks for.
#[derive(Default)]
struct Options {
    mode: Option<String>,
    extra_services: Vec<serde_json::Value>,
    port: u16,
    api_key: Option<String>,
}

/// The value of `--name VALUE` or `--name=VALUE`, if `arg` is that option.
fn value_of(arg: &str, name: &str, args: &mut impl Iterator<Item = String>) -> Option<String> {
    if arg == name {
        return Some(
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value"))),
        );
    }
    arg.strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('='))
        .map(str::to_string)
}

fn parse() -> Options {
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            print!("{USAGE}");
            std::process::exit(0);
        } else if let Some(path) = value_of(&arg, "--extra-service", &mut args) {
            options.extra_services.extend(read_extra_services(&path));
        } else if let Some(port) = value_of(&arg, "--port", &mut args) {
            options.port = port.parse().unwrap_or_else(|_| {
                fail(&format!(
                    "--port takes a number from 0 to 65535, not {port:?}"
                ))
            });
        } else if let Some(key) = value_of(&arg, "--require-api-key", &mut args) {
            if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c.is_control()) {
                fail("--require-api-key takes a key without spaces");
            }
            options.api_key = Some(key);
        } else if arg.starts_with('-') {
            fail(&format!("unknown option {arg:?}"));
        } else if options.mode.is_none() {
            options.mode = Some(arg);
        } else {
            fail(&format!("one mode only, got {arg:?} too"));
        }
    }
    options
}

/// What a person who started the fake on a terminal does next.
fn instructions(url: &str, version: &str, api_key: Option<&str>) -> String {
    let mut text = format!(
        "\nA fake Elasticsearch {version}: it holds bench (cohere rerank), my-openai (openai \
         text_embedding)\nand my-elser (elasticsearch sparse_embedding), calls no provider, and \
         forgets everything when\nstopped (Ctrl-C).\n"
    );
    if let Some(key) = api_key {
        text.push_str(&format!(
            "Every request must carry the API key {key}; any other credential gets a 401.\n"
        ));
    }
    text.push_str(&format!("\nIn another terminal:\n  export ES_URL={url}\n"));
    if let Some(key) = api_key {
        text.push_str(&format!("  export ES_API_KEY={key}\n"));
    }
    text.push_str(
        "  infer list\n  infer get my-openai\n  infer update bench --set task_settings.top_n:=3\n  \
         infer check\n",
    );
    if api_key.is_some() {
        text.push_str("  ES_API_KEY=wrong infer list     # what a wrong key gets\n");
    } else {
        text.push_str("(--require-api-key KEY makes it refuse any other credential.)\n");
    }
    text
}

fn main() {
    let options = parse();
    let mode = options.mode.as_deref();
    let (behavior, hostile) = match mode {
        None | Some("9.5") => (Behavior::v9_5(), None),
        Some("8.17") => (Behavior::v8_17(), None),
        Some("9.2") => (Behavior::v9_2(), None),
        Some("9.4") => (Behavior::v9_4(), None),
        Some("current") => (Behavior::current(), None),
        Some("many") => (Behavior::v9_5(), None),
        Some("slow") => (
            Behavior {
                latency: Some(std::time::Duration::from_millis(20)),
                ..Behavior::v9_5()
            },
            None,
        ),
        Some("huge") => (Behavior::v9_5(), Some(fake_es::Hostile::Huge(1 << 30))),
        Some("endless") => (Behavior::v9_5(), Some(fake_es::Hostile::Endless)),
        Some(other) => fail(&format!("unknown mode {other:?}")),
    };
    if let Some(kind) = hostile {
        if options.port != 0 || options.api_key.is_some() {
            fail("--port and --require-api-key are for the fake, not the hostile modes");
        }
        let server = fake_es::HostileServer::start(kind);
        println!("{}", server.url());
        park();
    }
    let es = fake_es::FakeEs::on_port(
        fake_es::Behavior {
            forgets_requests: true,
            extra_services: options.extra_services,
            required_authorization: options.api_key.as_ref().map(|k| format!("ApiKey {k}")),
            ..behavior
        },
        options.port,
    )
    .unwrap_or_else(|e| fail(&format!("cannot listen on 127.0.0.1:{}: {e}", options.port)));
    es.insert(fake_es::cohere_rerank("bench"));
    es.insert(fake_es::openai_embedding("my-openai"));
    es.insert(fake_es::elser("my-elser"));
    match mode {
        Some("many") => (0..10_000).for_each(|i| es.insert(realistic(i))),
        Some("slow") => (0..200).for_each(|i| es.insert(fake_es::cohere_rerank(&format!("s{i}")))),
        _ => {}
    }
    println!("{}", es.url());
    if std::io::stdout().is_terminal() {
        let version = es.behavior().version.clone();
        print!(
            "{}",
            instructions(&es.url(), &version, options.api_key.as_deref())
        );
    }
    park();
}

/// Serve until killed.
fn park() -> ! {
    loop {
        std::thread::park();
    }
}

/// Endpoint `i` of a large cluster: six services in turn, with the
/// settings a 9.x server fills in and lists (rate limits, similarity,
/// adaptive allocations, chunking), and ids such as teams give them. The
/// `custom` endpoints' `headers` hold a template whose value comes from
/// `secret_parameters` at request time: the template is shown, the
/// parameter (a secret) never is.
fn realistic(i: usize) -> serde_json::Value {
    use serde_json::json;
    let team = ["search", "support", "catalog", "docs"][i % 4];
    let sentence = json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1});
    match i % 6 {
        0 => json!({
            "inference_id": format!("{team}-prod-openai-embeddings-{i:05}"),
            "task_type": "text_embedding", "service": "openai",
            "service_settings": {
                "model_id": "text-embedding-3-small", "url": "https://api.openai.com/v1/embeddings",
                "organization_id": "org-2f6a1c8b", "similarity": "dot_product", "dimensions": 1536,
                "rate_limit": {"requests_per_minute": 3000}
            },
            "task_settings": {"user": format!("{team}-indexer")},
            "chunking_settings": sentence
        }),
        1 => json!({
            "inference_id": format!("{team}-prod-elser-{i:05}"),
            "task_type": "sparse_embedding", "service": "elasticsearch",
            "service_settings": {
                "num_threads": 1, "model_id": ".elser_model_2_linux-x86_64",
                "adaptive_allocations": {
                    "enabled": true, "min_number_of_allocations": 0, "max_number_of_allocations": 32
                }
            },
            "chunking_settings": sentence
        }),
        2 => json!({
            "inference_id": format!("{team}-prod-cohere-rerank-{i:05}"),
            "task_type": "rerank", "service": "cohere",
            "service_settings": {
                "model_id": "rerank-english-v3.0", "rate_limit": {"requests_per_minute": 10000}
            },
            "task_settings": {"top_n": 10, "return_documents": true}
        }),
        3 => json!({
            "inference_id": format!("{team}-prod-azure-embeddings-{i:05}"),
            "task_type": "text_embedding", "service": "azureopenai",
            "service_settings": {
                "resource_name": format!("{team}-prod-eastus"), "deployment_id": "text-embedding-3-large",
                "api_version": "2024-02-01", "dimensions": 3072, "similarity": "dot_product",
                "rate_limit": {"requests_per_minute": 1440}
            },
            "task_settings": {"user": format!("{team}-indexer")},
            "chunking_settings": {"strategy": "word", "max_chunk_size": 300, "overlap": 100}
        }),
        4 => json!({
            "inference_id": format!("{team}-prod-custom-rerank-{i:05}"),
            "task_type": "rerank", "service": "custom",
            "service_settings": {
                "url": "https://rerank.example.com/v1/rerank",
                "headers": {"Authorization": "Bearer ${api_key}", "Content-Type": "application/json"},
                "request": "{\"model\": \"rerank-v2\", \"query\": ${query}, \"documents\": ${input}}",
                "response": {"json_parser": {
                    "relevance_score": "$.results[*].relevance_score", "reranked_index": "$.results[*].index"
                }},
                "secret_parameters": {"api_key": format!("{team}-custom-key-{i:05}")},
                "rate_limit": {"requests_per_minute": 600}
            },
            "task_settings": {"parameters": {"top_n": 5}}
        }),
        _ => json!({
            "inference_id": format!("{team}-prod-bedrock-embeddings-{i:05}"),
            "task_type": "text_embedding", "service": "amazonbedrock",
            "service_settings": {
                "region": "us-east-1", "model": "amazon.titan-embed-text-v2:0",
                "provider": "amazontitan", "dimensions": 1024, "similarity": "cosine",
                "rate_limit": {"requests_per_minute": 240}
            },
            "chunking_settings": sentence
        }),
    }
}
