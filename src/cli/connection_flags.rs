//! The command line's connection settings, handed to `connection` as its
//! plain input (`connection::Flags`): the one place that knows which field
//! of [`GlobalArgs`] holds which setting.

use super::GlobalArgs;
use crate::connection::Flags;
use crate::vocabulary::CONNECTION_SETTINGS;

impl GlobalArgs {
    /// The text of the connection setting `key`, if given as its flag or
    /// its `ES_*` variable (clap reads both).
    fn connection_value(&self, key: &str) -> Option<String> {
        let path =
            |v: &Option<std::path::PathBuf>| v.as_ref().map(|p| p.to_string_lossy().into_owned());
        match key {
            "url" => self.url.clone(),
            "cloud_id" => self.cloud_id.clone(),
            "api_key" => self.api_key.clone(),
            "username" => self.username.clone(),
            "password" => self.password.clone(),
            "bearer_token" => self.bearer_token.clone(),
            "ca_cert" => path(&self.ca_cert),
            "ca_fingerprint" => self.ca_fingerprint.clone(),
            "client_cert" => path(&self.client_cert),
            "client_key" => path(&self.client_key),
            "insecure" => self.insecure.then(|| "true".to_string()),
            "connect_timeout" => self.connect_timeout.clone(),
            "timeout" => self.timeout.clone(),
            "retries" => self.retries.map(|n| n.to_string()),
            _ => None,
        }
    }
}

impl From<&GlobalArgs> for Flags {
    fn from(args: &GlobalArgs) -> Flags {
        let given = CONNECTION_SETTINGS
            .iter()
            .filter_map(|s| {
                let text = args.connection_value(s.key)?;
                Some((s.key, text, args.sources.is_env(s.key)))
            })
            .collect();
        Flags {
            profile: args.profile.clone(),
            profile_from_env: args.sources.is_env("profile"),
            given,
            verbose: args.verbose,
            color: args.color,
            quiet: args.quiet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::command;
    use crate::vocabulary::CONNECTION_SETTINGS;

    /// The command line's definitions of the connection settings follow
    /// the one list: the argument's id is the key, its flag and its
    /// variable are the list's.
    #[test]
    fn connection_flags_follow_the_one_list() {
        let cmd = command();
        for setting in CONNECTION_SETTINGS {
            let arg = cmd
                .get_arguments()
                .find(|a| a.get_id() == setting.key)
                .unwrap_or_else(|| panic!("no argument {}", setting.key));
            assert_eq!(
                arg.get_long().map(|l| format!("--{l}")).as_deref(),
                Some(setting.flag),
                "{}",
                setting.key
            );
            assert_eq!(
                arg.get_env().and_then(|v| v.to_str()),
                setting.var,
                "{}",
                setting.key
            );
        }
    }

    /// Every setting of the list reaches the connection when given.
    #[test]
    fn every_setting_is_handed_on() {
        let mut line = vec!["infer".to_string(), "list".to_string()];
        for setting in CONNECTION_SETTINGS {
            line.push(setting.flag.to_string());
            if setting.key != "insecure" {
                line.push(if setting.key == "retries" { "2" } else { "1s" }.to_string());
            }
        }
        let matches = command().try_get_matches_from(&line).expect("parses");
        let args = <super::GlobalArgs as clap::FromArgMatches>::from_arg_matches(&matches)
            .expect("arguments");
        let flags = crate::connection::Flags::from(&args);
        let keys: Vec<&str> = flags.given.iter().map(|(k, _, _)| *k).collect();
        let all: Vec<&str> = CONNECTION_SETTINGS.iter().map(|s| s.key).collect();
        assert_eq!(keys, all);
    }
}
