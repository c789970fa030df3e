//! `infer config`: `init` from flags, and `show`.

mod init;
mod names;
mod show;
