//! Where a connection setting comes from, as plain data: the level that
//! gave a value (`Origin`), the value with it (`Given`), and the unit the
//! connection is taken from (`Unit`, chosen in `unit.rs`).

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Flag(&'static str),
    Env(&'static str),
    Profile(String),
    /// start-local's variable `var`, from its `.env` `file` or, without
    /// one, from the environment.
    StartLocal {
        var: &'static str,
        file: Option<String>,
    },
    Default,
}

/// How many levels give values: flag, `ES_*`, `ELASTICSEARCH_*`, profile,
/// start-local.
pub const LEVELS: usize = 5;

impl Origin {
    /// The level of [`Layers::levels`] this origin is: 0 flag, 1 `ES_*`,
    /// 2 `ELASTICSEARCH_*`, 3 profile, 4 start-local, 5 default.
    pub fn level(&self) -> usize {
        match self {
            Origin::Flag(_) => 0,
            Origin::Env(var) if var.starts_with("ELASTICSEARCH_") => 2,
            Origin::Env(_) => 1,
            Origin::Profile(_) => 3,
            Origin::StartLocal { .. } => 4,
            Origin::Default => 5,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => f.write_str(flag),
            Origin::Env(var) => f.write_str(var),
            Origin::Profile(name) => write!(f, "profile '{name}'"),
            Origin::StartLocal { var, file } => {
                write!(f, "start-local ({})", file.as_deref().unwrap_or(var))
            }
            Origin::Default => f.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Given {
    pub key: &'static str,
    pub text: String,
    pub origin: Origin,
}

/// Every setting that comes from the unit, in the order they are shown.
pub use crate::vocabulary::CONNECTION_UNIT as KEYS;

/// Where the connection comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// Flags and the `ES_*` and `ELASTICSEARCH_*` variables.
    Explicit,
    /// A profile; `named` when `--profile` or `INFER_PROFILE` chose it.
    Profile { name: String, named: bool },
    /// start-local's variables or file.
    StartLocal(String),
    /// Nothing gives a URL or a credential.
    Defaults,
}

impl Unit {
    /// Whether the level (as `Origin::level` numbers them) belongs to it.
    pub fn has_level(&self, level: usize) -> bool {
        match self {
            Unit::Explicit => level <= 2,
            Unit::Profile { .. } => level == 3,
            Unit::StartLocal(_) => level == 4,
            // Nothing secret is sent: any way to trust the server applies.
            Unit::Defaults => true,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Explicit => f.write_str("flags and variables"),
            Unit::Profile { name, named: true } => write!(f, "profile '{name}'"),
            Unit::Profile { name, named: false } => {
                write!(f, "profile '{name}' (the default profile)")
            }
            Unit::StartLocal(from) => write!(f, "start-local ({from})"),
            Unit::Defaults => f.write_str("defaults"),
        }
    }
}
