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
}

impl FakeEs {
    /// Commit `fault` on the next request (FIFO; before any `respond_next`).
    pub fn fault_next(&self, fault: Fault) {
        self.inner.lock().faults.push_back(fault);
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
    pub(super) fn take_fault(&self) -> Option<Fault> {
        self.lock().faults.pop_front()
    }
}
