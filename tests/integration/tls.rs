//! HTTPS end to end: a TLS front (rustls, certificates made by rcgen in the
//! test) before the fake Elasticsearch, and `--ca-cert` / `--insecure`.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::{arg, file, infer, run};

/// A CA, and a leaf for `localhost` and 127.0.0.1 signed by it.
struct Pki {
    ca_pem: String,
    leaf: CertificateDer<'static>,
    leaf_key: Vec<u8>,
}

fn pki(name: &str) -> Pki {
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, name);
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().expect("ca key")).expect("ca");
    let leaf_key = KeyPair::generate().expect("leaf key");
    let leaf = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .expect("leaf params")
        .signed_by(&leaf_key, &ca)
        .expect("leaf");
    Pki {
        ca_pem: ca.pem(),
        leaf: leaf.der().clone(),
        leaf_key: leaf_key.serialize_der(),
    }
}

/// Serve HTTPS on a new port, passing each request to `upstream` (the fake
/// answers one request per connection, then closes).
fn tls_front(upstream: SocketAddr, pki: &Pki) -> SocketAddr {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.leaf_key.clone()));
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocols")
        .with_no_client_auth()
        .with_single_cert(vec![pki.leaf.clone()], key)
        .expect("server config"),
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                // A failed handshake is the client's refusal: nothing to do.
                let _ = relay(stream, config, upstream);
            });
        }
    });
    addr
}

fn relay(
    tcp: TcpStream,
    config: Arc<rustls::ServerConfig>,
    upstream: SocketAddr,
) -> io::Result<()> {
    let conn = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut request = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        request.extend_from_slice(&chunk[..n]);
        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if request.len() >= end + 4 + length {
                break;
            }
        }
    }
    let mut up = TcpStream::connect(upstream)?;
    up.write_all(&request)?;
    let mut response = Vec::new();
    up.read_to_end(&mut response)?;
    tls.write_all(&response)?;
    tls.conn.send_close_notify();
    tls.flush()
}

fn https_fixture() -> (FakeEs, Pki, String) {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let pki = pki("infer test CA");
    let front = tls_front(es.addr(), &pki);
    (es, pki, format!("https://localhost:{}", front.port()))
}

#[test]
fn trusts_the_ca_given_with_ca_cert() {
    let (es, pki, url) = https_fixture();
    let (_dir, ca) = file("http_ca.crt", &pki.ca_pem);
    run(infer().args([
        "--url",
        &url,
        "--ca-cert",
        &arg(&ca),
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=4",
    ]))
    .expect(0);
    assert_eq!(es.endpoint("rr").unwrap()["task_settings"]["top_n"], 4);
    // The same from the environment.
    run(infer()
        .env("ES_URL", &url)
        .env("ES_CA_CERT", arg(&ca))
        .args(["update", "rr", "--set", "task_settings.top_n:=5"]))
    .expect(0);
}

#[test]
fn an_unknown_ca_is_a_tls_failure_with_a_hint() {
    let (es, _pki, url) = https_fixture();
    run(infer().args([
        "--url",
        &url,
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=4",
    ]))
    .expect(6)
    .stderr_has("TLS failure talking to")
    .stderr_has("pass --ca-cert");
    let other = pki("another CA");
    let (_dir, wrong) = file("other.crt", &other.ca_pem);
    run(infer().args([
        "--url",
        &url,
        "--ca-cert",
        &arg(&wrong),
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=4",
    ]))
    .expect(6)
    .stderr_has("TLS failure");
    assert!(es.requests().is_empty(), "nothing reached the server");
}

#[test]
fn insecure_skips_verification_and_says_so() {
    let (_es, _pki, url) = https_fixture();
    run(infer().args([
        "--url",
        &url,
        "--insecure",
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=4",
    ]))
    .expect(0)
    .stderr_has("warning: --insecure: the server's TLS certificate is not verified");
    run(infer().env("ES_URL", &url).env("ES_INSECURE", "1").args([
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=5",
    ]))
    .expect(0)
    .stderr_has("warning: --insecure");
}

#[test]
fn a_ca_file_that_is_missing_or_not_pem_is_a_usage_error() {
    run(infer().args([
        "--ca-cert",
        "/no/such/ca.crt",
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=4",
    ]))
    .expect(2)
    .stderr_has("cannot read CA certificate /no/such/ca.crt: No such file or directory");
    let (_dir, junk) = file("junk.crt", "not a certificate\n");
    run(infer().args([
        "--ca-cert",
        &arg(&junk),
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=4",
    ]))
    .expect(2)
    .stderr_has("holds no PEM certificate");
}
