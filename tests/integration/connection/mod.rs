//! Where to connect and how: credentials, profiles, start-local, TLS.

mod credentials;
mod profiles;
mod start_local;
mod tls;
mod tls_setup;
mod unit;
