//! Hostile input: deep, huge or ambiguous settings and files.

mod limits;
