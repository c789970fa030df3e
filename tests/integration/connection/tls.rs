//! HTTPS end to end: a TLS front (rustls, certificates made by rcgen in the
//! test) before the fake Elasticsearch, and `--ca-cert` / `--insecure`.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::{Run, arg, file, infer, run};

/// A CA; a server certificate for some host names and a client
/// certificate, both signed by it.
struct Pki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    leaf: CertificateDer<'static>,
    leaf_key: Vec<u8>,
    client_pem: String,
    client_key_pem: String,
}

fn pki(name: &str) -> Pki {
    pki_for(name, &["localhost", "127.0.0.1"])
}

fn pki_for(name: &str, hosts: &[&str]) -> Pki {
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, name);
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().expect("ca key")).expect("ca");
    let leaf_key = KeyPair::generate().expect("leaf key");
    let names: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
    let leaf = CertificateParams::new(names)
        .expect("leaf params")
        .signed_by(&leaf_key, &ca)
        .expect("leaf");
    let client_key = KeyPair::generate().expect("client key");
    let mut client = CertificateParams::new(Vec::<String>::new()).expect("client params");
    client
        .distinguished_name
        .push(DnType::CommonName, "infer-test-client");
    let client = client.signed_by(&client_key, &ca).expect("client");
    Pki {
        ca_pem: ca.pem(),
        ca_der: ca.der().clone(),
        leaf: leaf.der().clone(),
        leaf_key: leaf_key.serialize_der(),
        client_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
    }
}

/// How the HTTPS front behaves.
#[derive(Clone, Copy)]
struct Front {
    /// Present the CA after the leaf, as Elasticsearch does.
    send_ca: bool,
    /// Ask for a client certificate signed by the CA.
    require_client_cert: bool,
}

const USUAL: Front = Front {
    send_ca: true,
    require_client_cert: false,
};

/// Serve HTTPS on a new port, passing each request to `upstream` (the fake
/// answers one request per connection, then closes).
fn tls_front(upstream: SocketAddr, pki: &Pki, front: Front) -> SocketAddr {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.leaf_key.clone()));
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("protocols");
    let builder = if front.require_client_cert {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(pki.ca_der.clone()).expect("root");
        let verifier =
            rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .expect("client verifier");
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };
    let mut chain = vec![pki.leaf.clone()];
    if front.send_ca {
        chain.push(pki.ca_der.clone());
    }
    let config = Arc::new(builder.with_single_cert(chain, key).expect("server config"));
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

/// The fake with endpoint `rr`, behind an HTTPS front for `pki`; its URL.
fn behind_front(pki: &Pki, front: Front) -> (FakeEs, String) {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let addr = tls_front(es.addr(), pki, front);
    (es, format!("https://localhost:{}", addr.port()))
}

/// `infer --url URL FLAGS… get rr`.
fn get_rr(url: &str, flags: &[&str]) -> Run {
    run(infer().args(["--url", url]).args(flags).args(["get", "rr"]))
}

/// `infer FLAGS… update rr --set task_settings.top_n:=4`.
fn update_rr(flags: &[&str]) -> Run {
    run(infer()
        .args(flags)
        .args(["update", "rr", "--set", "task_settings.top_n:=4"]))
}

fn https_fixture() -> (FakeEs, Pki, String) {
    let pki = pki("infer test CA");
    let (es, url) = behind_front(&pki, USUAL);
    (es, pki, url)
}

#[test]
fn trusts_the_ca_given_with_ca_cert() {
    let (es, pki, url) = https_fixture();
    let (_dir, ca) = file("http_ca.crt", &pki.ca_pem);
    update_rr(&["--url", &url, "--ca-cert", &arg(&ca)]).expect(0);
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
    update_rr(&["--url", &url])
        .expect(6)
        .stderr_has("TLS failure talking to")
        .stderr_has("pass --ca-cert");
    let other = pki("another CA");
    let (_dir, wrong) = file("other.crt", &other.ca_pem);
    update_rr(&["--url", &url, "--ca-cert", &arg(&wrong)])
        .expect(6)
        .stderr_has("TLS failure");
    assert!(es.requests().is_empty(), "nothing reached the server");
}

#[test]
fn insecure_skips_verification_and_says_so() {
    let (_es, _pki, url) = https_fixture();
    update_rr(&["--url", &url, "--insecure"])
        .expect(0)
        .stderr_has("warning: --insecure: the server's TLS certificate is not verified");
    run(infer().env("ES_URL", &url).env("ES_INSECURE", "1").args([
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=5",
    ]))
    .expect(0)
    .stderr_has("warning: insecure from ES_INSECURE: the server's TLS certificate is not verified");
}

#[test]
fn a_ca_file_that_is_missing_or_not_pem_is_a_usage_error() {
    update_rr(&["--ca-cert", "/no/such/ca.crt"])
        .expect(2)
        .stderr_has("cannot read CA certificate /no/such/ca.crt: No such file or directory");
    let (_dir, junk) = file("junk.crt", "not a certificate\n");
    update_rr(&["--ca-cert", &arg(&junk)])
        .expect(2)
        .stderr_has("holds no PEM certificate");
}

fn fingerprint(der: &[u8], colons: bool) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der);
    let hex: Vec<String> = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    if colons {
        hex.join(":").to_uppercase()
    } else {
        hex.concat()
    }
}

#[test]
fn a_pinned_ca_fingerprint_is_trusted_then_verified_as_usual() {
    let (es, pki, url) = https_fixture();
    for colons in [false, true] {
        let pin = fingerprint(&pki.ca_der, colons);
        run(infer().args([
            "--url",
            &url,
            "--ca-fingerprint",
            &pin,
            "update",
            "rr",
            "--set",
            "task_settings.top_n:=6",
        ]))
        .expect(0);
    }
    assert_eq!(es.endpoint("rr").unwrap()["task_settings"]["top_n"], 6);
    run(infer()
        .env("ES_URL", &url)
        .env("ES_CA_FINGERPRINT", fingerprint(&pki.ca_der, false))
        .args(["get", "rr"]))
    .expect(0);
}

#[test]
fn a_wrong_fingerprint_lists_what_the_server_presented() {
    let (es, pki, url) = https_fixture();
    let wrong = "00".repeat(32);
    get_rr(&url, &["--ca-fingerprint", &wrong, "--retries=0"])
        .expect(6)
        .stderr_has("no certificate the server presented matches --ca-fingerprint 00:00")
        .stderr_has(&fingerprint(&pki.ca_der, true))
        .stderr_has(&fingerprint(&pki.leaf, true));
    assert!(es.requests().is_empty());
}

#[test]
fn a_fingerprint_needs_the_ca_in_the_chain() {
    let pki = pki("quiet CA");
    let (_es, url) = behind_front(
        &pki,
        Front {
            send_ca: false,
            require_client_cert: false,
        },
    );
    get_rr(
        &url,
        &["--ca-fingerprint", &fingerprint(&pki.ca_der, false)],
    )
    .expect(6)
    .stderr_has("it presented 1 certificate(s)");
}

#[test]
fn the_host_name_is_checked_with_a_ca_or_a_fingerprint() {
    let pki = pki_for("named CA", &["es.example"]);
    let (es, url) = behind_front(&pki, USUAL);
    let (_dir, ca) = file("ca.crt", &pki.ca_pem);
    run(infer().args(["--url", &url, "--ca-cert", &arg(&ca), "get", "rr"]))
        .expect(6)
        .stderr_has("not valid for name");
    get_rr(
        &url,
        &["--ca-fingerprint", &fingerprint(&pki.ca_der, false)],
    )
    .expect(6)
    .stderr_has("not valid for name");
    assert!(es.requests().is_empty());
}

#[test]
fn a_client_certificate_is_presented_when_asked_for() {
    let pki = pki("mutual CA");
    let (_es, url) = behind_front(
        &pki,
        Front {
            send_ca: true,
            require_client_cert: true,
        },
    );
    let (_d1, ca) = file("ca.crt", &pki.ca_pem);
    let (_d2, cert) = file("client.crt", &pki.client_pem);
    let (_d3, key) = file("client.key", &pki.client_key_pem);
    get_rr(
        &url,
        &[
            "--ca-cert",
            &arg(&ca),
            "--client-cert",
            &arg(&cert),
            "--client-key",
            &arg(&key),
        ],
    )
    .expect(0);
    // The same with a pinned CA.
    get_rr(
        &url,
        &[
            "--ca-fingerprint",
            &fingerprint(&pki.ca_der, false),
            "--client-cert",
            &arg(&cert),
            "--client-key",
            &arg(&key),
        ],
    )
    .expect(0);
    get_rr(&url, &["--ca-cert", &arg(&ca), "--retries=0"])
        .expect(6)
        .stderr_has("the server wants a client certificate")
        .stderr_has("--client-cert and --client-key");
    run(infer().args(["--url", &url, "--client-cert", &arg(&cert), "get", "rr"]))
        .expect(2)
        .stderr_has("a client certificate needs both --client-cert and --client-key");
}

#[test]
fn trust_options_are_exclusive_and_checked() {
    run(infer().args(["--ca-fingerprint", "abc", "get", "rr"]))
        .expect(2)
        .stderr_has("--ca-fingerprint: 'abc' is not a SHA-256 fingerprint");
    run(infer().args([
        "--ca-fingerprint",
        &"ab".repeat(32),
        "--insecure",
        "get",
        "rr",
    ]))
    .expect(2)
    .stderr_has(
        "--ca-fingerprint and --insecure both give a way to trust the server's certificate, but only one can be used: drop one",
    );
}
