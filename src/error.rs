//! Error kinds and the exit codes they map to. The codes are part of the
//! interface: they are documented in `docs/exit-codes.md`, in `infer --help`
//! and in the manual pages' EXIT STATUS.

use std::io;

/// An error whose kind decides the exit code. Anything else that reaches
/// `main` (a bug, an I/O failure on stdout) exits 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Usage or invalid input; nothing was sent. Exit 2 (clap uses 2 too).
    #[error("{0}")]
    Usage(String),
    /// Refused by pre-flight; nothing was written. Exit 3.
    #[error("{0}")]
    Refused(String),
    /// The user answered no to a confirmation; nothing was written. Exit 3,
    /// as a refusal, but said as a note: a decision is not an error.
    #[error("{0}")]
    Declined(String),
    /// The server answered with an HTTP error. Exit 4 for 4xx, 5 for 5xx.
    #[error("{message}")]
    Http { status: u16, message: String },
    /// Connection, TLS, timeout, or a redirect that was not followed. Exit 6.
    #[error("{0}")]
    Connection(String),
    /// Written, but the server did not apply everything. Exit 7.
    #[error("{0}")]
    NotApplied(String),
    /// Written, but the deployment did not reach its allocations within
    /// `--wait-timeout`. Exit 8.
    #[error("{0}")]
    WaitTimedOut(String),
    /// The endpoint answered the probe with the provider's rejection (a
    /// wrong key, a quota). Exit 9.
    #[error("{0}")]
    ProbeRejected(String),
    /// A 2xx answer infer cannot read (not JSON). Exit 1, as for any
    /// fault that is neither the input's nor an HTTP status.
    #[error("{0}")]
    UnreadableAnswer(String),
    /// Ctrl-C at a prompt; nothing was sent. Exit 130, as for SIGINT.
    #[error("interrupted; nothing was sent")]
    Interrupted,
    /// A write not started because a signal came first. Exit 128 and the
    /// signal's number (`interrupt.rs`).
    #[error("{0}")]
    Signalled(String),
    /// Some of several endpoints failed, each reported already. Exits with
    /// the first failure's code.
    #[error("{message}")]
    Several { code: u8, message: String },
    /// An outcome that is no failure, told by the exit code alone, the
    /// report being printed already: `plan`'s "changes pending" (10, or 11
    /// with conflicts), a batch that did not apply everything (11), one
    /// stopped by Ctrl-C (130).
    #[error("")]
    Status(u8),
}

impl Error {
    pub fn usage(msg: impl Into<String>) -> anyhow::Error {
        Error::Usage(msg.into()).into()
    }

    pub fn refused(msg: impl Into<String>) -> anyhow::Error {
        Error::Refused(msg.into()).into()
    }

    pub fn declined(msg: impl Into<String>) -> anyhow::Error {
        Error::Declined(msg.into()).into()
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Refused(_) | Error::Declined(_) => 3,
            Error::Http { status, .. } if *status >= 500 => 5,
            Error::Http { .. } => 4,
            Error::Connection(_) => 6,
            Error::NotApplied(_) => 7,
            Error::UnreadableAnswer(_) => 1,
            Error::WaitTimedOut(_) => 8,
            Error::ProbeRejected(_) => 9,
            Error::Interrupted => 130,
            Error::Signalled(_) => crate::interrupt::exit_code().unwrap_or(130),
            Error::Several { code, .. } => *code,
            Error::Status(code) => *code,
        }
    }
}

/// An I/O error's reason without the "(os error N)" suffix, for messages
/// such as `cannot read settings file ./x.json: No such file or directory`.
pub fn io_reason(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// The exit code for an error that reached `main`.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<Error>())
        .map_or(1, Error::exit_code)
}

/// Whether the error is only an exit code, with nothing to say.
pub fn is_silent(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<Error>(), Some(Error::Status(_)))
}

/// Whether the error is the user's own decision (a confirmation
/// answered no), said as a note, not as an error.
pub fn is_declined(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<Error>(), Some(Error::Declined(_)))
}

/// A closed stdout (`infer get x | head -1`) is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn exit_codes_survive_context() {
        let err = Err::<(), _>(Error::usage("bad"))
            .context("reading settings")
            .unwrap_err();
        assert_eq!(exit_code(&err), 2);
        let http = anyhow::Error::from(Error::Http {
            status: 503,
            message: "x".into(),
        });
        assert_eq!(exit_code(&http), 5);
        assert_eq!(exit_code(&anyhow::anyhow!("other")), 1);
    }

    #[test]
    fn broken_pipe_is_found_in_the_chain() {
        let err = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("x");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("no")));
    }
}
