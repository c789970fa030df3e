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
                "the server at {url}/ answered plain HTTP on an https:// URL: use http://, or \
                 the TLS port"
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
