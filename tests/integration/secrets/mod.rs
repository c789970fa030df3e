//! Secrets and hostile text: never shown in any form, masked wherever a server echoes them,
//! and escaped on the terminal.

mod answers;
mod escapes;
mod garbling;
mod knowledge;
mod leaks;
mod references;
mod sweep;
mod sweep_shapes;
