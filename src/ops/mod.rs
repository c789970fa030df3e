//! Operations: what happens to an endpoint, apart from how a command
//! gathers its inputs and prints the outcome. An operation never prints.

pub mod change;
pub mod probe;
pub mod wait;
pub mod write;
