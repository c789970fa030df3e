//! On a real terminal (a pty made by util-linux `script`): hidden prompts, questions
//! answered with a whole line.

mod hidden;
mod questions;
