//! `infer config`: `init` from flags, profile names, and `show` (profiles and `init` on a
//! terminal: `connection/profiles.rs`).

mod init;
mod names;
mod show;
