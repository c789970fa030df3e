//! A hostile server: it answers every request with the same hostile answer
//! (huge, endless, deeply nested, too many values, control characters), to
//! check that infer neither crashes nor takes unbounded memory whatever a
//! server sends. Separate from the stateful fake: it keeps no state.

use std::io::{self, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::http::read_request;

/// What the hostile server answers.
#[derive(Debug, Clone, Copy)]
pub enum Hostile {
    /// 200 with `Content-Length` this many bytes of a JSON array, all sent
    /// (unless the client hangs up).
    Huge(u64),
    /// 200, chunked, a JSON array that never ends.
    Endless,
    /// 200, arrays nested this deep.
    Deep(usize),
    /// 200, one array of this many numbers.
    Wide(usize),
    /// 500 with this many bytes of a page that is not JSON.
    HugeError(u64),
    /// 404 whose JSON error holds terminal control sequences.
    ControlsInError,
    /// 400 whose page (not JSON) holds raw control bytes.
    ControlsInPage,
    /// 200 with an endpoint whose id, service and keys hold control
    /// sequences.
    ControlsInAnswer,
}

/// Control sequences: clear the screen, set the window title, a CSI in its
/// one-byte C1 form, a right-to-left override.
pub const CONTROLS: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}";

/// The running server; stops when dropped.
pub struct HostileServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl HostileServer {
    pub fn start(kind: Hostile) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("hostile: bind");
        let addr = listener.local_addr().expect("hostile: addr");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                std::thread::spawn(move || {
                    let _ = serve(stream, kind);
                });
            }
        });
        HostileServer { addr, stop }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

fn serve(stream: TcpStream, kind: Hostile) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    if read_request(&mut reader, &mut writer)?.is_none() {
        return Ok(());
    }
    let w = &mut writer;
    match kind {
        Hostile::Huge(size) => {
            head(w, 200, "application/json", Some(size))?;
            w.write_all(b"[")?;
            stream_numbers(w, size.saturating_sub(2))?;
            w.write_all(b"]")?;
        }
        Hostile::Endless => {
            w.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                  X-Elastic-Product: Elasticsearch\r\nTransfer-Encoding: chunked\r\n\r\n",
            )?;
            let block = "0,".repeat(32 << 10);
            let chunk = format!("{:x}\r\n{block}\r\n", block.len());
            w.write_all(b"1\r\n[\r\n")?;
            loop {
                w.write_all(chunk.as_bytes())?;
            }
        }
        Hostile::Deep(levels) => {
            let body = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
            whole(w, 200, "application/json", &body)?;
        }
        Hostile::Wide(count) => {
            let body = format!("[{}0]", "0,".repeat(count.saturating_sub(1)));
            whole(w, 200, "application/json", &body)?;
        }
        Hostile::HugeError(size) => {
            head(w, 500, "text/html", Some(size))?;
            stream_numbers(w, size)?;
        }
        Hostile::ControlsInError => {
            let body = serde_json::json!({
                "error": {"type": format!("resource_not_found_exception{CONTROLS}"),
                          "reason": format!("Inference endpoint not found [{CONTROLS}]")},
                "status": 404
            });
            whole(w, 404, "application/json", &body.to_string())?;
        }
        Hostile::ControlsInPage => {
            let body = format!("<html><body>Bad gateway {CONTROLS} here</body></html>");
            whole(w, 400, "text/html", &body)?;
        }
        Hostile::ControlsInAnswer => {
            let endpoint = serde_json::json!({
                "inference_id": format!("rr{CONTROLS}"), "task_type": "rerank",
                "service": format!("cohere{CONTROLS}"),
                "service_settings": {format!("model{CONTROLS}"): CONTROLS},
                "task_settings": {"top_n": 3}
            });
            let body = serde_json::json!({"endpoints": [endpoint]});
            whole(w, 200, "application/json", &body.to_string())?;
        }
    }
    w.flush()
}

fn head(
    w: &mut impl Write,
    status: u16,
    content_type: &str,
    length: Option<u64>,
) -> io::Result<()> {
    let mut text = format!(
        "HTTP/1.1 {status} Hostile\r\nContent-Type: {content_type}\r\n\
         X-Elastic-Product: Elasticsearch\r\nConnection: close\r\n"
    );
    if let Some(n) = length {
        text.push_str(&format!("Content-Length: {n}\r\n"));
    }
    text.push_str("\r\n");
    w.write_all(text.as_bytes())
}

fn whole(w: &mut impl Write, status: u16, content_type: &str, body: &str) -> io::Result<()> {
    head(w, status, content_type, Some(body.len() as u64))?;
    w.write_all(body.as_bytes())
}

/// `size` bytes of `0,0,0…`, in blocks, until done or the client hangs up.
fn stream_numbers(w: &mut impl Write, size: u64) -> io::Result<()> {
    let block = "0,".repeat(32 << 10);
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        w.write_all(&block.as_bytes()[..n])?;
        left -= n as u64;
    }
    Ok(())
}
