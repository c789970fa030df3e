//! Faults the fake can be told to commit on the next request: for testing
//! retries and time limits. Each request is still recorded.

use std::time::Duration;

use super::errors::Reply;
use super::{FakeEs, Inner};

/// What to do with the next request instead of answering it at once.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Read it, then close the connection without a word.
    Drop,
    /// Read it, then reset the connection (TCP RST).
    Reset,
    /// Wait this long, then answer as usual.
    Delay(Duration),
    /// Never answer (the connection stays open for a minute).
    Hang,
    /// Carry it out, then close the connection without the answer: a write
    /// applied whose answer is lost.
    LoseAnswer,
    /// Answer with this status and an Elasticsearch error, without carrying
    /// it out.
    Status(u16),
}

/// Whether the fake is up (`FakeEs::down_at_write`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Down {
    /// Answering (the default).
    #[default]
    Up,
    /// Goes down at this write from now (1: the next).
    AtWrite(usize),
    /// Gone: every request is reset.
    Gone,
}

/// A fault for the requests that match a method and a path (the query left
/// out), `times` times.
#[derive(Debug, Clone)]
pub(super) struct Aimed {
    method: String,
    path: String,
    fault: Fault,
    times: usize,
}

impl FakeEs {
    /// Commit `fault` on the next request (FIFO; before any `respond_next`).
    pub fn fault_next(&self, fault: Fault) {
        self.inner.lock().faults.push_back(fault);
    }

    /// Commit `fault` on the next `times` requests with this method and
    /// path (`/_inference/text_embedding/emb`; the query is not compared),
    /// whatever comes between them.
    pub fn fault_when(&self, method: &str, path: &str, fault: Fault, times: usize) {
        self.inner.lock().aimed.push(Aimed {
            method: method.into(),
            path: path.into(),
            fault,
            times,
        });
    }

    /// Go down at the `nth` write from now (1: the next one; a write is
    /// any request but GET and HEAD): that write and every request after
    /// it, reads too, are reset (TCP RST) unanswered and not carried out,
    /// as a cluster that went down in the middle of a run. Still recorded.
    pub fn down_at_write(&self, nth: usize) {
        assert!(nth > 0, "fake_es::down_at_write: writes count from 1");
        self.inner.lock().down = Down::AtWrite(nth);
    }

    /// Whether the fake has gone down (`down_at_write`).
    pub fn is_down(&self) -> bool {
        self.inner.lock().down == Down::Gone
    }

    /// Like `respond_next`, with one more header (e.g. `Retry-After`).
    pub fn respond_next_with_header(
        &self,
        status: u16,
        content_type: &str,
        body: &str,
        header: (&str, &str),
    ) {
        let json_like = content_type.starts_with("application/json");
        self.inner.lock().canned.push_back(Reply {
            status,
            content_type: content_type.into(),
            headers: vec![(header.0.into(), header.1.into())],
            body: body.into(),
            product: json_like,
        });
    }
}

impl Inner {
    /// The fault for `method` `target`: an aimed one first, else the next.
    pub(super) fn take_fault(&self, method: &str, target: &str) -> Option<Fault> {
        let path = target.split('?').next().unwrap_or(target);
        let mut st = self.lock();
        let write = method != "GET" && method != "HEAD";
        match st.down {
            Down::Gone => return Some(Fault::Reset),
            Down::AtWrite(1) if write => {
                st.down = Down::Gone;
                return Some(Fault::Reset);
            }
            Down::AtWrite(n) if write => st.down = Down::AtWrite(n - 1),
            Down::AtWrite(_) | Down::Up => {}
        }
        if let Some(aimed) = st
            .aimed
            .iter_mut()
            .find(|a| a.times > 0 && a.method == method && a.path == path)
        {
            aimed.times -= 1;
            return Some(aimed.fault);
        }
        st.faults.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::send;
    use super::super::{FakeEs, elser};
    use std::io::{Read, Write};

    /// What a raw request gets back: the status line, or nothing.
    fn status_line(es: &FakeEs, method: &str, target: &str) -> Option<String> {
        let mut s = std::net::TcpStream::connect(es.addr()).expect("connect");
        let req = format!("{method} {target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        s.write_all(req.as_bytes()).expect("write");
        let mut raw = String::new();
        match s.read_to_string(&mut raw) {
            Ok(_) if !raw.is_empty() => raw.lines().next().map(str::to_string),
            _ => None,
        }
    }

    #[test]
    fn down_at_write_answers_until_that_write_then_nothing() {
        let es = FakeEs::start();
        es.insert(elser("a"));
        es.insert(elser("b"));
        es.down_at_write(2);
        assert_eq!(send(&es, "GET", "/_inference/_all", None).status, 200);
        assert_eq!(send(&es, "DELETE", "/_inference/a", None).status, 200);
        assert!(!es.is_down());
        assert_eq!(status_line(&es, "DELETE", "/_inference/b"), None);
        assert!(es.is_down());
        assert_eq!(status_line(&es, "GET", "/_inference/_all"), None);
        assert!(
            es.endpoint("a").is_none(),
            "the first write was carried out"
        );
        assert!(
            es.endpoint("b").is_some(),
            "the one it went down at was not"
        );
        assert_eq!(es.requests().len(), 4, "every request is recorded");
    }
}
