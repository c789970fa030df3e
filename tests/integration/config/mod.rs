//! `infer config`: `init` from flags, and `show`.

mod init;
mod show;
