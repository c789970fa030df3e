//! HTTP transport: accept loop, request parsing, reply writing, percent and base64 decoding.

use super::errors::{Reply, string_error};
use super::{Fault, Inner};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub(super) struct HttpRequest {
    pub(super) method: String,
    /// Raw request target (path and query).
    pub(super) target: String,
    /// Raw path, without the query.
    pub(super) path: String,
    /// Decoded query parameters.
    pub(super) query: Vec<(String, String)>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

impl HttpRequest {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(super) fn accept_loop(listener: TcpListener, inner: Arc<Inner>, stop: Arc<AtomicBool>) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = conn else { continue };
        let inner = Arc::clone(&inner);
        let _ = std::thread::Builder::new()
            .name("fake-es-conn".into())
            .spawn(move || serve_connection(&inner, stream));
    }
}

fn serve_connection(inner: &Inner, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let (reply, head_only) = match read_request(&mut reader, &mut writer) {
        Ok(Some(req)) => match inner.take_fault(&req.method, &req.target) {
            Some(Fault::Drop) => {
                inner.record(&req);
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
            Some(Fault::Reset) => {
                inner.record(&req);
                // A zero linger turns the close into a reset.
                let _ = socket2::SockRef::from(&writer).set_linger(Some(Duration::ZERO));
                return;
            }
            Some(Fault::Hang) => {
                inner.record(&req);
                std::thread::sleep(Duration::from_secs(60));
                return;
            }
            Some(Fault::LoseAnswer) => {
                let _ = inner.handle(&req);
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
            Some(Fault::Status(status)) => {
                inner.record(&req);
                (
                    super::errors::es_error(status, "status_exception", "injected failure"),
                    false,
                )
            }
            Some(Fault::Delay(wait)) => {
                std::thread::sleep(wait);
                (inner.handle(&req), req.method == "HEAD")
            }
            None => (inner.handle(&req), req.method == "HEAD"),
        },
        Ok(None) => return,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            (string_error(400, &e.to_string()), false)
        }
        Err(_) => return,
    };
    let _ = write_reply(&mut writer, &reply, head_only);
    let _ = writer.shutdown(Shutdown::Both);
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

fn read_line(r: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    if r.read_until(b'\n', &mut buf)? == 0 {
        return Ok(None);
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

const MAX_BODY: usize = 64 << 20;

pub(super) fn read_request(
    r: &mut BufReader<TcpStream>,
    w: &mut TcpStream,
) -> io::Result<Option<HttpRequest>> {
    // A TLS hello (a handshake record, RFC 8446 section 5.1) at this
    // plain-HTTP port, from an https:// URL: answered 400 at once, as
    // plain-HTTP servers answer what they cannot read.
    if r.fill_buf()?.first() == Some(&0x16) {
        return Err(invalid("a TLS handshake at a plain-HTTP port"));
    }
    let Some(line) = read_line(r)? else {
        return Ok(None);
    };
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(invalid("malformed request line"));
    };
    let (method, target) = (method.to_string(), target.to_string());
    let mut headers = Vec::new();
    while let Some(h) = read_line(r)? {
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    if get("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    let body =
        if get("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
            read_chunked(r)?
        } else if let Some(len) = get("content-length") {
            let n: usize = len.parse().map_err(|_| invalid("bad Content-Length"))?;
            if n > MAX_BODY {
                return Err(invalid("body too large"));
            }
            let mut body = vec![0; n];
            r.read_exact(&mut body)?;
            body
        } else {
            Vec::new()
        };
    let (path, raw_query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let query = raw_query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (pct_decode(k, true), pct_decode(v, true))
        })
        .collect();
    let path = path.to_string();
    Ok(Some(HttpRequest {
        method,
        target,
        path,
        query,
        headers,
        body,
    }))
}

fn read_chunked(r: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r)?.ok_or_else(|| invalid("end of stream inside a chunked body"))?;
        let size = usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| invalid("bad chunk size"))?;
        if size == 0 {
            while let Some(trailer) = read_line(r)? {
                if trailer.is_empty() {
                    break;
                }
            }
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(invalid("body too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..])?;
        read_line(r)?;
    }
}

fn write_reply(w: &mut impl Write, rep: &Reply, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        rep.status,
        reason_phrase(rep.status),
        rep.content_type,
        rep.body.len()
    );
    if rep.product {
        head.push_str("X-Elastic-Product: Elasticsearch\r\n");
    }
    for (k, v) in &rep.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    w.write_all(head.as_bytes())?;
    if !head_only {
        w.write_all(rep.body.as_bytes())?;
    }
    w.flush()
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// `%XX` decoding (and `+` as space in query strings); invalid escapes stay literal.
pub(super) fn pct_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(if b[i] == b'+' && plus_is_space {
            b' '
        } else {
            b[i]
        });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=') {
        acc = (acc << 6) | val(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
