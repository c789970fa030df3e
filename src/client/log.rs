//! Where the client says what it does: the `-v` request log, retry
//! notices and its warnings (`--insecure`, credentials over plain http).
//! The command hands its sink to the client; the client names no `Ui`,
//! so that `ops`, which is handed a client, reaches no terminal through it.

use crate::output::Ui;

/// The client's sink: the command's `Ui`, or a silent one.
pub trait Log: Sync {
    /// A line of the `-v` log, shown only when verbose.
    fn debug(&self, message: &str);
    /// A warning, shown unless silenced.
    fn warn(&self, message: &str);
    /// Whether `debug` shows anything (the log skips work when not).
    fn is_verbose(&self) -> bool;
}

impl Log for Ui {
    fn debug(&self, message: &str) {
        Ui::debug(self, message);
    }
    fn warn(&self, message: &str) {
        Ui::warn(self, message);
    }
    fn is_verbose(&self) -> bool {
        Ui::is_verbose(self)
    }
}
