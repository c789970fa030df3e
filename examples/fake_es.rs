//! The test suite's fake Elasticsearch as a standalone server, for
//! `bench/run.sh`: prints its URL, then serves until killed. With an
//! argument, the hostile server instead: `huge` answers 1 GiB, `endless`
//! a chunked answer that never ends.

#[path = "../tests/integration/fake_es/mod.rs"]
mod fake_es;

fn main() {
    let hostile = match std::env::args().nth(1).as_deref() {
        None => None,
        Some("huge") => Some(fake_es::Hostile::Huge(1 << 30)),
        Some("endless") => Some(fake_es::Hostile::Endless),
        Some(other) => {
            eprintln!("fake_es: unknown mode {other:?}; use huge or endless");
            std::process::exit(2);
        }
    };
    let es = fake_es::FakeEs::start();
    es.insert(fake_es::cohere_rerank("bench"));
    let server = hostile.map(fake_es::HostileServer::start);
    match &server {
        Some(s) => println!("{}", s.url()),
        None => println!("{}", es.url()),
    }
    loop {
        std::thread::park();
    }
}
