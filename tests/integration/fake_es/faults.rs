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
