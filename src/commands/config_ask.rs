//! `infer config init` on a terminal: each question asked in turn, an
//! existing profile's values as the defaults, and where each secret lives
//! asked with a hidden prompt.

use anyhow::Result;

use super::config_answers::{NOTHING, absolute, checked_cloud_id, checked_url, config_path, save};
use crate::config::{self, Profile};
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::prompt::{self, Prompter};
use crate::secret;

/// Each question asked on the terminal; an existing profile's values are
/// the defaults of the answers.
pub(super) fn interactive(ui: &Ui, named: Option<&str>) -> Result<()> {
    let path = config_path()?;
    let mut file = config::read(&path)?.unwrap_or_default();
    if config::read_text(&path).is_ok_and(|t| t.contains('#')) {
        ui.warn(&format!(
            "{} has comments, and rewriting it drops them",
            path.display()
        ));
    }
    let asked = ask(&mut prompt::Terminal, &file, named)?;
    if asked.make_default {
        file.default_profile = Some(asked.name.clone());
    }
    file.profiles.insert(asked.name.clone(), asked.profile);
    save(&path, &file, &asked.name, ui)
}

/// What the answers make: the profile, its name, and whether it becomes
/// the default.
#[derive(Debug)]
struct Asked {
    name: String,
    profile: Profile,
    make_default: bool,
}

/// The questions in turn, against the config file as it is: answers in,
/// the profile out; nothing is written.
fn ask(p: &mut dyn Prompter, file: &config::File, named: Option<&str>) -> Result<Asked> {
    let first = file.profiles.is_empty();
    // A name given with --profile (checked already) is not asked again.
    let name = match named {
        Some(name) => name.to_string(),
        None => p.line("Profile name", if first { "default" } else { "" })?,
    };
    config::check_profile_name(&name, "the profile name")
        .map_err(|e| Error::usage(format!("{e}; {NOTHING}")))?;
    let old = file.profiles.get(&name).cloned().unwrap_or_default();
    // The settings not asked about (time limits, client certificates…) stay.
    let mut profile = Profile {
        url: None,
        cloud_id: None,
        api_key: None,
        username: None,
        password: None,
        bearer_token: None,
        ca_cert: None,
        ..old.clone()
    };
    ask_place(p, &old, &mut profile)?;
    ask_credential(p, &mut profile)?;
    let ca = p.line(
        "CA certificate file (empty for the system's)",
        old.ca_cert.as_deref().unwrap_or(""),
    )?;
    if !ca.is_empty() {
        profile.ca_cert = Some(ca);
    }
    let is_default = file.default_profile.as_deref() == Some(name.as_str());
    let make_default =
        first || is_default || p.confirm(&format!("Make '{name}' the default profile?"))?;
    Ok(Asked {
        name,
        profile,
        make_default,
    })
}

/// Where Elasticsearch is: a URL, or else a Cloud ID.
fn ask_place(p: &mut dyn Prompter, old: &Profile, profile: &mut Profile) -> Result<()> {
    let place = p.line(
        "Elasticsearch URL, or Cloud ID",
        old.url
            .as_deref()
            .or(old.cloud_id.as_deref())
            .unwrap_or(connection::DEFAULT_URL),
    )?;
    if place.contains("://") {
        profile.url = Some(checked_url(&place, "URL")?);
    } else {
        profile.cloud_id = Some(checked_cloud_id(
            &place,
            "Cloud ID (a URL starts with http:// or https://)",
        )?);
    }
    Ok(())
}

/// The credential: its kind, then where its secret lives.
fn ask_credential(p: &mut dyn Prompter, profile: &mut Profile) -> Result<()> {
    let kind = p.line("Credential: api_key, basic, bearer or none", "api_key")?;
    match kind.as_str() {
        "api_key" => profile.api_key = Some(secret_reference(p, "API key", "ES_API_KEY")?),
        "basic" => {
            profile.username = Some(p.line("Username", "elastic")?);
            profile.password = Some(secret_reference(p, "Password", "ES_PASSWORD")?);
        }
        "bearer" => {
            profile.bearer_token = Some(secret_reference(p, "Bearer token", "ES_BEARER_TOKEN")?)
        }
        "none" => {}
        other => {
            return Err(Error::usage(format!(
                "'{other}' is not a credential kind: answer api_key, basic, bearer or none; \
                 {NOTHING}"
            )));
        }
    }
    Ok(())
}

/// Where a secret lives, asked as a choice: a variable (the default), a
/// file, or typed now (hidden) and stored inline in this 0600 file. The
/// answer's shape never decides: a key made only of letters, digits and
/// `_` is still a key when it is typed where a key is asked for.
fn secret_reference(p: &mut dyn Prompter, what: &str, default_var: &str) -> Result<String> {
    let lower = what.to_lowercase();
    let place = p.line(
        &format!(
            "Where the {lower} lives: env (an environment variable), file (a file) or here \
             (typed now, hidden, and stored in this file, mode 0600)"
        ),
        "env",
    )?;
    let (stored, said) = match place.as_str() {
        "env" => {
            let name = p.line("Environment variable", default_var)?;
            if !secret::is_var_name(&name) {
                secret::register(&name);
                return Err(Error::usage(format!(
                    "that is not the name of an environment variable (letters, digits and _, \
                     not starting with a digit), and it is not repeated here in case it is \
                     the {lower} itself: answer here to type the {lower}; {NOTHING}"
                )));
            }
            if std::env::var_os(&name).is_none() {
                crate::output::say(&format!(
                    "infer: note: {name} is not set in this shell; infer reads it each time it \
                     connects"
                ));
            }
            (
                format!("env:{name}"),
                format!("environment variable {name}"),
            )
        }
        "file" => {
            let path = p.line("File", "")?;
            let kept = existing_file(&path, &lower)?;
            (format!("file:{kept}"), format!("file {kept}"))
        }
        "here" => {
            let typed = p.hidden(what)?;
            (
                typed.expose_secret().to_string(),
                "inline, in the config file".to_string(),
            )
        }
        other => {
            secret::register(other);
            return Err(Error::usage(format!(
                "that is not where a {lower} can live: answer env, file or here (a {lower} is \
                 typed after answering here, hidden); {NOTHING}"
            )));
        }
    };
    crate::output::say(&format!("infer: {what} from {said}"));
    Ok(stored)
}

/// A secret's file must be there now, and be a file.
fn existing_file(path: &str, what: &str) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::usage(format!(
            "cannot use {path} for the {what}: {e}; give the path of a file that holds it; \
             {NOTHING}"
        ))
    })?;
    if !meta.is_file() {
        return Err(Error::usage(format!(
            "{path} is not a file: give the path of a file that holds the {what}; {NOTHING}"
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            crate::output::say(&format!(
                "infer: warning: {path} can be read by other users; chmod 600 it"
            ));
        }
    }
    absolute(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Scripted;

    fn asked(file: &config::File, named: Option<&str>, answers: &[&str]) -> Result<Asked> {
        let mut script = Scripted::new(answers);
        let asked = ask(&mut script, file, named);
        assert!(
            script.all_asked(),
            "answers left over; asked: {:?}",
            script.prompts
        );
        asked
    }

    fn file_with(name: &str, profile: Profile) -> config::File {
        let mut file = config::File::default();
        file.profiles.insert(name.to_string(), profile);
        file
    }

    #[test]
    fn a_first_profile_takes_the_defaults_and_becomes_the_default() {
        let answers = ["", "", "", "", ""];
        let asked = asked(&config::File::default(), None, &answers).expect("asked");
        assert_eq!(asked.name, "default");
        assert_eq!(asked.profile.url.as_deref(), Some(connection::DEFAULT_URL));
        assert_eq!(asked.profile.api_key.as_deref(), Some("env:ES_API_KEY"));
        assert_eq!(asked.profile.ca_cert, None);
        assert!(
            asked.make_default,
            "the first profile is the default, unasked"
        );
    }

    #[test]
    fn basic_with_a_typed_password_keeps_it_inline_and_asks_about_the_default() {
        let file = file_with("prod", Profile::default());
        let answers = [
            "staging",
            "https://es.example:9200",
            "basic",
            "",
            "here",
            "s3cret-pass",
            "/etc/es/ca.crt",
            "y",
        ];
        let asked = asked(&file, None, &answers).expect("asked");
        assert_eq!(asked.name, "staging");
        assert_eq!(
            asked.profile.url.as_deref(),
            Some("https://es.example:9200")
        );
        assert_eq!(asked.profile.username.as_deref(), Some("elastic"));
        assert_eq!(asked.profile.password.as_deref(), Some("s3cret-pass"));
        assert_eq!(asked.profile.ca_cert.as_deref(), Some("/etc/es/ca.crt"));
        assert!(asked.make_default);
    }

    #[test]
    fn an_existing_profile_gives_the_defaults_and_keeps_what_is_not_asked() {
        let old = Profile {
            url: Some("https://old.example:9200".into()),
            api_key: Some("env:OLD".into()),
            timeout: Some("90s".into()),
            ..Profile::default()
        };
        let file = file_with("prod", old);
        let answers = ["", "bearer", "env", "TOKEN_VAR", "", "n"];
        let asked = asked(&file, Some("prod"), &answers).expect("asked");
        assert_eq!(
            asked.profile.url.as_deref(),
            Some("https://old.example:9200")
        );
        assert_eq!(asked.profile.api_key, None, "the credential is replaced");
        assert_eq!(asked.profile.bearer_token.as_deref(), Some("env:TOKEN_VAR"));
        assert_eq!(asked.profile.timeout.as_deref(), Some("90s"));
        assert!(!asked.make_default);
    }

    #[test]
    fn an_empty_typed_secret_is_refused() {
        let answers = ["", "", "api_key", "here", ""];
        let err = asked(&config::File::default(), None, &answers).expect_err("refused");
        assert!(
            err.to_string().contains("no value typed for API key"),
            "{err}"
        );
    }

    #[test]
    fn a_secret_typed_where_a_variable_is_asked_is_refused_and_not_repeated() {
        let answers = ["", "", "api_key", "env", "AbC=123 pasted key"];
        let err = asked(&config::File::default(), None, &answers).expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains("not the name of an environment variable"),
            "{text}"
        );
        assert!(!text.contains("pasted key"), "{text}");
    }

    #[test]
    fn an_unknown_credential_kind_and_a_bad_url_are_refused() {
        let err = asked(&config::File::default(), None, &["", "", "token"]).expect_err("kind");
        assert!(
            err.to_string().contains("'token' is not a credential kind"),
            "{err}"
        );
        let err = asked(&config::File::default(), None, &["", "http://"]).expect_err("url");
        assert!(err.to_string().contains("invalid URL"), "{err}");
    }
}
