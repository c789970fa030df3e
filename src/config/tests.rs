use super::Profile;
use crate::vocabulary::CONNECTION_SETTINGS;

/// A profile's fields are the connection settings of the one list, in
/// its order, each read back as text.
#[test]
fn a_profiles_fields_are_the_connection_settings() {
    let mut text = String::new();
    for setting in CONNECTION_SETTINGS {
        let value = match setting.key {
            "insecure" => "true".to_string(),
            "retries" => "4".to_string(),
            key => format!("'{key}-value'"),
        };
        text.push_str(&format!("{} = {value}\n", setting.key));
    }
    let profile: Profile = toml::from_str(&text).expect("every setting is a field");
    let fields = serde_json::to_value(&profile).expect("a profile serializes");
    let keys: Vec<&str> = fields
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let settings: Vec<&str> = CONNECTION_SETTINGS.iter().map(|s| s.key).collect();
    assert_eq!(keys, settings);
    assert_eq!(profile.get("url").as_deref(), Some("url-value"));
    assert_eq!(profile.get("insecure").as_deref(), Some("true"));
    assert_eq!(profile.get("retries").as_deref(), Some("4"));
    assert_eq!(profile.get("nothing"), None);
}
