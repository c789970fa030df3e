//! What the shell is handed: completion is output too. Every candidate,
//! whatever offered it (the cluster's ids, the config's profiles, clap's
//! flags and file names), passes here on its way to the shell:
//!
//! - a candidate that holds a registered secret is left out (a masked one
//!   would complete to `****`), and a description is masked;
//! - a candidate is offered only if the shell that asked inserts it as it
//!   is meant: bash and PowerShell insert a candidate verbatim, so one that
//!   would need quoting there (a space, `*`, `$(…)`) is left out; zsh
//!   (`compadd`, used by `_describe`) and fish quote what they insert, so
//!   only control characters are left out there;
//! - a description has its control characters written out, and the
//!   separators of the shell's format (tab, line feed) too.
//!
//! The formats and the way each shell passes the word under the cursor are
//! clap_complete's own (its `env/shells.rs`, pinned to one version in
//! Cargo.toml); the registration scripts are its own, unchanged.

use clap_complete::engine::CompletionCandidate;
use clap_complete::env::EnvCompleter;
use std::ffi::OsString;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the word under the cursor is an empty endpoint id and the
/// cluster offered none (it is down, or holds none): then nothing is
/// offered rather than the flags, whose common prefix bash would insert.
static NOTHING_TO_OFFER: AtomicBool = AtomicBool::new(false);

pub fn nothing_to_offer() {
    NOTHING_TO_OFFER.store(true, Ordering::Relaxed);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shell {
    Bash,
    Elvish,
    Fish,
    Powershell,
    Zsh,
}

/// A shell clap_complete knows, answered through this module.
pub struct Guarded(Shell);

/// The shells clap_complete supports, each guarded.
pub fn all() -> [&'static dyn EnvCompleter; 5] {
    [
        &Guarded(Shell::Bash),
        &Guarded(Shell::Elvish),
        &Guarded(Shell::Fish),
        &Guarded(Shell::Powershell),
        &Guarded(Shell::Zsh),
    ]
}

impl Guarded {
    fn builtin(&self) -> &'static dyn EnvCompleter {
        match self.0 {
            Shell::Bash => &clap_complete::env::Bash,
            Shell::Elvish => &clap_complete::env::Elvish,
            Shell::Fish => &clap_complete::env::Fish,
            Shell::Powershell => &clap_complete::env::Powershell,
            Shell::Zsh => &clap_complete::env::Zsh,
        }
    }

    /// The words and the index of the one under the cursor, as each
    /// shell's script passes them.
    fn line(&self, mut args: Vec<OsString>) -> (Vec<OsString>, usize) {
        let from_env = || {
            std::env::var("_CLAP_COMPLETE_INDEX")
                .ok()
                .and_then(|i| i.parse::<usize>().ok())
                .unwrap_or_default()
        };
        let index = match self.0 {
            Shell::Fish | Shell::Powershell => args.len().saturating_sub(1),
            Shell::Bash | Shell::Elvish | Shell::Zsh => from_env(),
        };
        // zsh leaves out an empty word under the cursor.
        if self.0 == Shell::Zsh && args.len() == index {
            args.push(OsString::new());
        }
        (args, index)
    }

    /// Whether the shell inserts `value` as it is meant.
    fn accepts(&self, value: &str) -> bool {
        let verbatim = |c: char| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '=' | '+' | '%')
        };
        match self.0 {
            Shell::Bash | Shell::Elvish => value.chars().all(|c| verbatim(c) || c == '~'),
            // A Windows path's `\` is no escape there (its escape is `` ` ``).
            Shell::Powershell => value.chars().all(|c| verbatim(c) || c == '\\'),
            Shell::Fish | Shell::Zsh => !value.chars().any(char::is_control),
        }
    }

    /// The candidates, in the shell's format.
    fn write(
        &self,
        offered: &[(String, Option<String>)],
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_string());
        for (i, (value, help)) in offered.iter().enumerate() {
            match self.0 {
                Shell::Bash | Shell::Elvish => {
                    write!(buf, "{}{value}", if i == 0 { "" } else { &ifs })?;
                }
                Shell::Zsh => {
                    write!(buf, "{}", if i == 0 { "" } else { &ifs })?;
                    write!(buf, "{}", value.replace('\\', "\\\\").replace(':', "\\:"))?;
                    if let Some(help) = help {
                        write!(buf, ":{}", help.replace('\\', "\\\\"))?;
                    }
                }
                Shell::Fish | Shell::Powershell => {
                    write!(buf, "{value}")?;
                    if let Some(help) = help {
                        write!(buf, "\t{help}")?;
                    }
                    writeln!(buf)?;
                }
            }
        }
        Ok(())
    }

    /// A candidate as it may be offered to this shell, or `None`.
    fn offer(&self, candidate: &CompletionCandidate) -> Option<(String, Option<String>)> {
        let value = candidate.get_value().to_str()?;
        if crate::secret::masked(value) != value || !self.accepts(value) {
            return None;
        }
        let help = candidate.get_help().map(|h| describe(&h.to_string()));
        Some((value.to_string(), help))
    }
}

/// A description, masked, its control characters written out (tab and
/// line feed too: they separate candidates and descriptions).
fn describe(text: &str) -> String {
    let masked = crate::secret::masked(text);
    crate::controls::escape_controls(&masked, false)
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

impl EnvCompleter for Guarded {
    fn name(&self) -> &'static str {
        self.builtin().name()
    }

    fn is(&self, name: &str) -> bool {
        self.builtin().is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        self.builtin()
            .write_registration(var, name, bin, completer, buf)
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let (args, index) = self.line(args);
        // What the line's connection holds is registered, so that no
        // candidate shows it, whatever offered it.
        super::register_credentials();
        let candidates = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        if NOTHING_TO_OFFER.load(Ordering::Relaxed) {
            return Ok(());
        }
        let offered: Vec<_> = candidates.iter().filter_map(|c| self.offer(c)).collect();
        self.write(&offered, buf)
    }
}
