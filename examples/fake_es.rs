//! The test suite's fake Elasticsearch as a standalone server, for
//! `bench/run.sh` and for trying infer without a cluster: prints its URL,
//! then serves until killed.
//!
//!     cargo run --example fake_es -- [8.17|9.2|9.5|current]
//!
//! `huge` and `endless` start the hostile server instead: a 1 GiB answer,
//! or a chunked answer that never ends. For the benchmark of many
//! endpoints: `many` holds 10,000 rerank endpoints (`r0` …), and `slow`
//! answers each request after 20 ms and holds 200 (`s0` …).

#[path = "../tests/integration/fake_es/mod.rs"]
mod fake_es;

use fake_es::Behavior;

fn main() {
    let (behavior, hostile) = match std::env::args().nth(1).as_deref() {
        None | Some("9.5") => (Behavior::v9_5(), None),
        Some("8.17") => (Behavior::v8_17(), None),
        Some("9.2") => (Behavior::v9_2(), None),
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
        Some(other) => {
            eprintln!(
                "fake_es: unknown mode {other:?}; use 8.17, 9.2, 9.5, current, many, slow, huge or endless"
            );
            std::process::exit(2);
        }
    };
    let es = fake_es::FakeEs::with_behavior(behavior);
    es.insert(fake_es::cohere_rerank("bench"));
    es.insert(fake_es::openai_embedding("my-openai"));
    es.insert(fake_es::elser("my-elser"));
    let (prefix, count) = match std::env::args().nth(1).as_deref() {
        Some("many") => ("r", 10_000),
        Some("slow") => ("s", 200),
        _ => ("", 0),
    };
    for i in 0..count {
        es.insert(fake_es::cohere_rerank(&format!("{prefix}{i}")));
    }
    let server = hostile.map(fake_es::HostileServer::start);
    match &server {
        Some(s) => println!("{}", s.url()),
        None => println!("{}", es.url()),
    }
    loop {
        std::thread::park();
    }
}
