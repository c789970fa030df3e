//! Operations: what happens to an endpoint, apart from how a command
//! gathers its inputs and prints the outcome. An operation never prints.

pub mod after_write;
pub mod allocations;
pub mod apply;
pub mod batch;
pub mod change;
pub mod cluster;
pub mod desired;
pub mod drift;
pub mod export;
pub mod glob;
pub mod item_write;
pub mod probe;
pub mod replace;
pub mod request;
pub mod rotate;
pub mod saved_plan;
pub mod stored;
pub mod sync;
pub mod temporary_id;
pub mod wait;
pub mod way_out;
pub mod write;
