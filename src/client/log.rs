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

/// A sink that names the cluster each line is about (`prod: GET …`), for
/// the commands that work on several clusters at once.
pub struct Named<'a> {
    pub log: &'a dyn Log,
    pub name: String,
}

impl Log for Named<'_> {
    fn debug(&self, message: &str) {
        self.log.debug(&format!("{}: {message}", self.name));
    }
    fn warn(&self, message: &str) {
        self.log.warn(&format!("{}: {message}", self.name));
    }
    fn is_verbose(&self) -> bool {
        self.log.is_verbose()
    }
}
