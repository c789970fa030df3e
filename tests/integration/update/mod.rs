//! `infer update`: its inputs, a change that works, what may change, secrets, what the
//! server says, and verification.

mod input;
mod ok;
mod probe_wait;
mod rules;
mod secrets;
mod server;
mod verify;
