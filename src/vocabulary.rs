//! Names infer defines, used by several layers that must not import each
//! other (the connection, the secret masking, the command line, the
//! editor): one list of each, here, with no imports of its own.

/// A connection setting: its key (the profile's key, the argument's id,
/// `config show`'s name), its flag, its `ES_*` variable, and the variable
/// Elastic's Terraform provider reads for it.
pub struct ConnectionSetting {
    pub key: &'static str,
    pub flag: &'static str,
    pub var: Option<&'static str>,
    pub terraform: Option<&'static str>,
    /// Whether it comes from the connection's unit (where to connect, how
    /// to authenticate, what to trust) or value by value (time limits and
    /// retries).
    pub unit: bool,
}

const fn setting(
    key: &'static str,
    flag: &'static str,
    var: Option<&'static str>,
    terraform: Option<&'static str>,
    unit: bool,
) -> ConnectionSetting {
    ConnectionSetting {
        key,
        flag,
        var,
        terraform,
        unit,
    }
}

/// The connection settings, the one list: in the order `config show` lists
/// them. The command line's definitions (`cli/mod.rs`) and the profile's
/// fields (`config.rs`) are checked against it by their tests.
pub const CONNECTION_SETTINGS: [ConnectionSetting; 14] = [
    setting(
        "url",
        "--url",
        Some("ES_URL"),
        Some("ELASTICSEARCH_ENDPOINTS"),
        true,
    ),
    setting("cloud_id", "--cloud-id", Some("ES_CLOUD_ID"), None, true),
    setting(
        "api_key",
        "--api-key",
        Some("ES_API_KEY"),
        Some("ELASTICSEARCH_API_KEY"),
        true,
    ),
    setting(
        "username",
        "--username",
        Some("ES_USERNAME"),
        Some("ELASTICSEARCH_USERNAME"),
        true,
    ),
    setting(
        "password",
        "--password",
        Some("ES_PASSWORD"),
        Some("ELASTICSEARCH_PASSWORD"),
        true,
    ),
    setting(
        "bearer_token",
        "--bearer-token",
        Some("ES_BEARER_TOKEN"),
        Some("ELASTICSEARCH_BEARER_TOKEN"),
        true,
    ),
    setting("ca_cert", "--ca-cert", Some("ES_CA_CERT"), None, true),
    setting(
        "ca_fingerprint",
        "--ca-fingerprint",
        Some("ES_CA_FINGERPRINT"),
        Some("ELASTICSEARCH_CA_FINGERPRINT"),
        true,
    ),
    setting(
        "client_cert",
        "--client-cert",
        Some("ES_CLIENT_CERT"),
        None,
        true,
    ),
    setting(
        "client_key",
        "--client-key",
        Some("ES_CLIENT_KEY"),
        None,
        true,
    ),
    setting(
        "insecure",
        "--insecure",
        Some("ES_INSECURE"),
        Some("ELASTICSEARCH_INSECURE"),
        true,
    ),
    setting("connect_timeout", "--connect-timeout", None, None, false),
    setting("timeout", "--timeout", None, None, false),
    setting("retries", "--retries", None, None, false),
];

/// The keys of the settings that are (`unit`) or are not part of the unit.
const fn keys<const N: usize>(unit: bool) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < CONNECTION_SETTINGS.len() {
        if CONNECTION_SETTINGS[i].unit == unit {
            out[n] = CONNECTION_SETTINGS[i].key;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "the count does not match CONNECTION_SETTINGS");
    out
}

/// The connection settings that come from one unit (a profile, the
/// explicit layer, start-local, the defaults): where to connect, how to
/// authenticate, what to trust; in the order `config show` lists them.
pub const CONNECTION_UNIT: [&str; 11] = keys(true);

/// The connection settings taken value by value, whatever the unit.
pub const CONNECTION_LIMITS: [&str; 3] = keys(false);

/// A connection setting by its key.
pub fn connection_setting(key: &str) -> Option<&'static ConnectionSetting> {
    CONNECTION_SETTINGS.iter().find(|s| s.key == key)
}

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
