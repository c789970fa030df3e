//! Names infer defines, used by several layers that must not import each
//! other (the connection, the secret masking, the command line, the
//! editor): one list of each, here, with no imports of its own.

/// The connection settings that come from one unit (a profile, the
/// explicit layer, start-local, the defaults): where to connect, how to
/// authenticate, what to trust; in the order `config show` lists them.
pub const CONNECTION_UNIT: [&str; 11] = [
    "url",
    "cloud_id",
    "api_key",
    "username",
    "password",
    "bearer_token",
    "ca_cert",
    "ca_fingerprint",
    "client_cert",
    "client_key",
    "insecure",
];

/// The connection settings taken value by value, whatever the unit.
pub const CONNECTION_LIMITS: [&str; 3] = ["connect_timeout", "timeout", "retries"];

/// The environment variables that hold a credential (the explicit layer's
/// and start-local's).
pub const CREDENTIAL_VARIABLES: [&str; 8] = [
    "ES_API_KEY",
    "ES_PASSWORD",
    "ES_BEARER_TOKEN",
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_PASSWORD",
    "ELASTICSEARCH_BEARER_TOKEN",
    "ES_LOCAL_API_KEY",
    "ES_LOCAL_PASSWORD",
];
