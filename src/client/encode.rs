//! A request's body as it is sent. A small body is written out whole for
//! each try; a large one is written while it is sent, a piece at a time, so
//! that a 10 MB body is never held twice (as values and as text). Both are
//! what serde_json writes, and the length is counted first, for
//! `Content-Length`.

use serde_json::Value;
use std::io::{self, Read, Write};
use std::sync::{Arc, mpsc};

/// Up to this size a body is written out once.
const WHOLE: u64 = 64 << 10;

/// The body of one try.
pub fn body(value: &Arc<Value>) -> reqwest::blocking::Body {
    let len = length(value);
    if len <= WHOLE {
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        // Writing a `Value` to memory cannot fail.
        let _ = serde_json::to_writer(&mut bytes, &**value);
        return bytes.into();
    }
    reqwest::blocking::Body::sized(Pieces::new(Arc::clone(value)), len)
}

/// How many bytes `serde_json::to_writer` writes for `value`.
fn length(value: &Value) -> u64 {
    struct Count(u64);
    impl Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// The compact JSON text of a value, read a piece at a time: written by
/// serde_json on a thread of its own into pieces that wait, two at most,
/// for the reader. If the reader goes away (the try failed), the writer
/// stops at its next piece.
struct Pieces {
    pieces: mpsc::Receiver<Vec<u8>>,
    piece: Vec<u8>,
    taken: usize,
}

/// The size of a piece.
const PIECE: usize = 256 << 10;

impl Pieces {
    fn new(root: Arc<Value>) -> Self {
        let (send, pieces) = mpsc::sync_channel(1);
        std::thread::spawn(move || {
            let mut out = Sender {
                send,
                piece: Vec::with_capacity(PIECE),
            };
            if serde_json::to_writer(&mut out, &*root).is_ok() {
                let _ = out.flush();
            }
        });
        Pieces {
            pieces,
            piece: Vec::new(),
            taken: 0,
        }
    }
}

/// The writing end: full pieces are sent as they fill.
struct Sender {
    send: mpsc::SyncSender<Vec<u8>>,
    piece: Vec<u8>,
}

impl Write for Sender {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.piece.extend_from_slice(buf);
        if self.piece.len() >= PIECE {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.piece.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.piece, Vec::with_capacity(PIECE));
        self.send
            .send(full)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the request ended"))
    }
}

impl Read for Pieces {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.taken == self.piece.len() {
            // None left: the writer is done (the end of the text).
            match self.pieces.recv() {
                Ok(next) => {
                    self.piece = next;
                    self.taken = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.piece.len() - self.taken);
        buf[..n].copy_from_slice(&self.piece[self.taken..self.taken + n]);
        self.taken += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pieces(value: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        let mut reader = Pieces::new(Arc::new(value.clone()));
        // Odd-sized reads, to cross every boundary.
        let mut buf = [0u8; 7];
        loop {
            let n = reader.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    #[test]
    fn written_a_piece_at_a_time_as_serde_json_writes_it_whole() {
        let big: serde_json::Map<String, Value> = (0..12_000)
            .map(|i| {
                (
                    format!("k{i}\u{e9}\"\n"),
                    json!(["x".repeat(i % 50), i, null]),
                )
            })
            .collect();
        let big = Value::Object(big);
        // Several pieces, so that more than one boundary is crossed.
        assert!(serde_json::to_vec(&big).unwrap().len() > 2 * PIECE);
        for value in [
            json!(null),
            json!(3.5),
            json!("a\"b\\c\u{1}"),
            json!([]),
            json!({}),
            json!([[], {}, [[1]], {"a": {}}]),
            json!({"task_settings": {"a": [1, {"b": [true, false, null]}], "c": "d"}, "e": []}),
            big,
        ] {
            let whole = serde_json::to_vec(&value).unwrap();
            assert_eq!(pieces(&value), whole, "{value}");
            assert_eq!(length(&value), whole.len() as u64);
        }
    }
}
