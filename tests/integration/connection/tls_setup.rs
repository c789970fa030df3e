//! TLS set-up that cannot work: a corrupt CA file, a client certificate
//! and key that do not belong together (usage errors naming the files,
//! before anything is sent), and an https:// URL on a plain-HTTP port.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

use rcgen::{CertificateParams, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::harness::{arg, file, infer, run};

/// A self-signed certificate and its key, in PEM.
fn certificate() -> (String, String) {
    let (cert, key) = certificate_der();
    (cert.pem(), key.serialize_pem())
}

fn certificate_der() -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().expect("key");
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .expect("params")
        .self_signed(&key)
        .expect("cert");
    (cert, key)
}

/// PEM armour around bytes that are not a certificate.
const CORRUPT: &str = "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n";

#[test]
fn a_corrupt_ca_certificate_is_a_usage_error_naming_the_file() {
    let (_dir, bad) = file("ca.crt", CORRUPT);
    run(infer().args([
        "--url",
        "https://127.0.0.1:9",
        "--ca-cert",
        &arg(&bad),
        "get",
        "rr",
    ]))
    .expect(2)
    .stderr_has(&format!(
        "CA certificate {} holds a certificate that cannot be read (",
        arg(&bad)
    ));
    run(infer().args(["--ca-cert", "/dev/zero", "get", "rr"]))
        .expect(2)
        .stderr_has("cannot read CA certificate /dev/zero: it is a device, not a regular file");
}

#[test]
fn a_client_key_that_does_not_belong_to_the_certificate_is_named() {
    let (cert, _) = certificate();
    let (_, other_key) = certificate();
    let (_d1, cert) = file("client.crt", cert);
    let (_d2, key) = file("client.key", other_key);
    let (ca_pem, _) = certificate();
    let (_d3, ca) = file("ca.crt", ca_pem);
    let expected = format!(
        "the client certificate {} and the client key {} do not belong together",
        arg(&cert),
        arg(&key)
    );
    let pair = ["--client-cert", &arg(&cert), "--client-key", &arg(&key)];
    let url = ["--url", "https://127.0.0.1:9"];
    run(infer().args(url).args(pair).args(["get", "rr"]))
        .expect(2)
        .stderr_has(&expected);
    run(infer()
        .args(url)
        .args(pair)
        .args(["--ca-cert", &arg(&ca), "get", "rr"]))
    .expect(2)
    .stderr_has(&expected);
    run(infer()
        .args(url)
        .args(pair)
        .args(["--ca-fingerprint", &"ab".repeat(32), "get", "rr"]))
    .expect(2)
    .stderr_has(&expected);
}

#[test]
fn a_corrupt_client_certificate_or_key_is_named() {
    let (cert_pem, key_pem) = certificate();
    let (_d1, cert) = file("client.crt", cert_pem);
    let (_d2, key) = file("client.key", key_pem);
    let (_d3, bad) = file("bad.pem", CORRUPT);
    run(infer().args([
        "--client-cert",
        &arg(&bad),
        "--client-key",
        &arg(&key),
        "get",
        "rr",
    ]))
    .expect(2)
    .stderr_has(&format!(
        "the client certificate {} cannot be read (",
        arg(&bad)
    ));
    run(infer().args([
        "--client-cert",
        &arg(&cert),
        "--client-key",
        &arg(&cert),
        "get",
        "rr",
    ]))
    .expect(2)
    .stderr_has(&format!(
        "the client key {} holds no PEM private key",
        arg(&cert)
    ));
}

/// A plain-HTTP server on `127.0.0.1`: answers 400 to what it cannot read
/// (as most do), or, with `close_on_tls`, hangs up on a TLS hello but
/// answers a plain request.
fn plain_http(close_on_tls: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut first = [0u8; 512];
            let n = stream.read(&mut first).unwrap_or(0);
            if close_on_tls && first[..n].first() == Some(&0x16) {
                continue;
            }
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    format!("https://{addr}")
}

#[test]
fn https_on_a_plain_http_port_says_so() {
    for close_on_tls in [false, true] {
        let url = plain_http(close_on_tls);
        let out = run(infer().args(["--url", &url, "get", "rr"]))
            .expect(6)
            .stderr_has(&format!(
                "the server at {url}/ answered plain HTTP on an https:// URL: use {}/ instead \
                 (--url), or the server's TLS port",
                url.replacen("https://", "http://", 1)
            ));
        assert!(!out.stderr.contains("--ca-cert"), "{}", out.stderr);
    }
}

/// A TLS port that, like nginx, also answers a plain request with plain
/// HTTP: a certificate the client does not trust is still a certificate
/// problem, not "plain HTTP".
#[test]
fn a_tls_port_that_also_answers_plain_http_is_still_a_certificate_problem() {
    let (cert, key) = certificate_der();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocols")
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .expect("server config"),
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("https://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut first = [0u8; 1];
            if stream.peek(&mut first).is_ok() && first[0] == 0x16 {
                if let Ok(mut tls) = rustls::ServerConnection::new(config.clone()) {
                    let _ = tls.complete_io(&mut stream);
                }
            } else {
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            }
        }
    });
    let out = run(infer().args(["--url", &url, "get", "rr"]))
        .expect(6)
        .stderr_has("pass --ca-cert");
    assert!(!out.stderr.contains("plain HTTP"), "{}", out.stderr);
}

/// A port that speaks TLS and ends every handshake at once: it reads the
/// client's hello, then writes `reply` (nothing, or a TLS alert) and hangs
/// up. A plain request gets the same treatment: no plain HTTP here.
fn ends_handshakes(reply: &'static [u8]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut hello = [0u8; 2048];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(reply);
        }
    });
    format!("https://{addr}")
}

/// What a closed handshake says is never about the CA.
fn says_nothing_of_the_ca(stderr: &str) {
    for ca in ["--ca-cert", "--ca-fingerprint", "http_ca.crt", " CA "] {
        assert!(!stderr.contains(ca), "{ca:?} in: {stderr}");
    }
}

#[test]
fn https_at_the_plain_http_fake_says_plain_http_and_sends_no_credential() {
    let es = crate::fake_es::FakeEs::start();
    let url = format!("https://{}", es.addr());
    let plain = format!("http://{}/", es.addr());
    let key = "hostile-api-key-8e1f0c";
    let out = run(infer()
        .env("ES_API_KEY", key)
        .args(["--url", &url, "--retries=0", "get", "rr"]))
    .expect(6)
    .stderr_has("plain HTTP")
    .stderr_has(&format!("use {plain}"))
    .never_shows(key);
    says_nothing_of_the_ca(&out.stderr);
    let probes = es.requests();
    assert_eq!(probes.len(), 1, "one plain request: {probes:?}");
    assert_eq!(probes[0].path, "/");
    assert_eq!(probes[0].header("authorization"), None, "{probes:?}");
}

#[test]
fn a_handshake_the_server_closes_names_its_usual_causes_not_the_ca() {
    let url = ends_handshakes(b"");
    let out = run(infer().args(["--url", &url, "--retries=0", "get", "rr"]))
        .expect(6)
        .stderr_has("closed the connection during the TLS handshake")
        .stderr_has("an https:// URL at a plain-HTTP port")
        .stderr_has("--client-cert")
        .stderr_has("TLS 1.2");
    says_nothing_of_the_ca(&out.stderr);
}

#[test]
fn a_tls_version_the_server_refuses_is_named_not_the_ca() {
    // A fatal protocol_version alert (RFC 8446 section 6), in a TLS 1.2
    // record: what a server that speaks neither 1.2 nor 1.3 answers.
    let url = ends_handshakes(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]);
    let out = run(infer().args(["--url", &url, "--retries=0", "get", "rr"]))
        .expect(6)
        .stderr_has("TLS version")
        .stderr_has("TLS 1.2");
    says_nothing_of_the_ca(&out.stderr);
}
