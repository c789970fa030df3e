//! The test suite's fake Elasticsearch as a standalone server, for
//! `bench/run.sh` and for trying infer without a cluster: prints its URL,
//! then serves until killed.
//!
//!     cargo run --example fake_es -- [8.17|9.2|9.5|current]

#[path = "../tests/integration/fake_es/mod.rs"]
mod fake_es;

use fake_es::Behavior;

fn main() {
    let behavior = match std::env::args().nth(1).as_deref() {
        Some("8.17") => Behavior::v8_17(),
        Some("9.2") => Behavior::v9_2(),
        Some("current") => Behavior::current(),
        _ => Behavior::v9_5(),
    };
    let es = fake_es::FakeEs::with_behavior(behavior);
    es.insert(fake_es::cohere_rerank("bench"));
    es.insert(fake_es::openai_embedding("my-openai"));
    es.insert(fake_es::elser("my-elser"));
    println!("{}", es.url());
    loop {
        std::thread::park();
    }
}
