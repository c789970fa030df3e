//! What servers do: each version's rules, errors, hostile or odd answers, retries, and a
//! change cut in the middle.

mod errors;
mod hostile;
mod interrupted;
mod lists;
mod retries;
mod round_trip;
mod versions;
