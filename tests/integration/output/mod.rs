//! What every command shares in its output: help, formats, messages, `--curl`, one sink.

mod curl;
mod formats;
mod messages;
mod shared;
mod sink;
