//! `infer plan`: a file of endpoints against the cluster, on a pipe and on a terminal, and
//! saved plans.

mod saved;
mod terminal;
