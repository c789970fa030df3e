//! The test suite's fake Elasticsearch as a standalone server, for
//! `bench/run.sh`: prints its URL, then serves until killed.

#[path = "../tests/integration/fake_es/mod.rs"]
mod fake_es;

fn main() {
    let es = fake_es::FakeEs::start();
    es.insert(fake_es::cohere_rerank("bench"));
    println!("{}", es.url());
    loop {
        std::thread::park();
    }
}
