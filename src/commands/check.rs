//! `infer check`: can this connection do the job? The server is reachable
//! (`GET /`: version and flavour), the credentials are someone
//! (`_security/_authenticate`), and they hold the inference privileges
//! (`_security/user/_has_privileges`). A cluster without security is
//! reported as such, not as an error.

use anyhow::Result;
use serde_json::{Value, json};

use crate::api::Request;
use crate::cli::{CheckArgs, GlobalArgs};
use crate::client::Client;
use crate::error::Error;
use crate::output::{Style, Ui};

const PRIVILEGES: [&str; 2] = ["manage_inference", "monitor_inference"];

pub fn run(args: &CheckArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let conn = super::connect(global, global.curl, ui)?;
    if global.curl {
        for req in [
            Request::root(),
            Request::authenticate(),
            Request::has_privileges(&PRIVILEGES),
        ] {
            super::show_request(ui, &conn, &req, &[], true)?;
        }
        return Ok(());
    }
    let client = Client::new(&conn, ui)?;

    let mut report = json!({"url": conn.base_url.as_str()});
    // Whatever happens, the report so far is printed: a script can read
    // which step failed.
    let fail = |report: &mut Value, err: anyhow::Error| -> Result<()> {
        report["ok"] = json!(false);
        report["error"] = json!(format!("{err:#}"));
        emit(args, ui, report)?;
        Err(err)
    };
    let root = match client.send(&Request::root()) {
        Ok(root) => root,
        Err(e) => {
            report["reachable"] = json!(false);
            return fail(&mut report, e);
        }
    };
    report["reachable"] = json!(true);
    report["version"] = root
        .pointer("/version/number")
        .cloned()
        .unwrap_or(Value::Null);
    report["flavor"] = root
        .pointer("/version/build_flavor")
        .cloned()
        .unwrap_or(Value::Null);
    let missing: Vec<&str> = match client.send(&Request::authenticate()) {
        Ok(me) => {
            report["security"] = json!("enabled");
            report["authenticated"] = json!(true);
            report["user"] = me.get("username").cloned().unwrap_or(Value::Null);
            report["authentication_type"] = me
                .get("authentication_type")
                .cloned()
                .unwrap_or(Value::Null);
            let held = client
                .send(&Request::has_privileges(&PRIVILEGES))
                .and_then(|held| privileges(&held));
            let (privileges, missing) = match held {
                Ok(read) => read,
                Err(e) => return fail(&mut report, e),
            };
            report["privileges"] = Value::Object(privileges);
            missing
        }
        Err(e) if security_disabled(&e) => {
            report["security"] = json!("disabled");
            Vec::new()
        }
        Err(e) => {
            report["authenticated"] = json!(false);
            return fail(&mut report, e);
        }
    };
    report["ok"] = json!(missing.is_empty());
    emit(args, ui, &report)?;
    if !missing.is_empty() {
        return Err(Error::refused(format!(
            "these credentials lack {}: a role with it (inference_admin carries \
             manage_inference) is needed to manage inference endpoints",
            missing.join(" and ")
        )));
    }
    Ok(())
}

/// Which of the privileges infer needs the has-privileges answer grants,
/// and which are missing. Its shape is `{"cluster": {"PRIVILEGE": bool,
/// …}, …}`; anything else is no answer about the credentials.
fn privileges(held: &Value) -> Result<(serde_json::Map<String, Value>, Vec<&'static str>)> {
    let readable = PRIVILEGES.iter().all(|p| {
        held.pointer(&format!("/cluster/{p}"))
            .is_some_and(Value::is_boolean)
    });
    if !readable {
        return Err(Error::UnreadableAnswer(
            "the server's answer to _security/user/_has_privileges does not say which cluster \
             privileges these credentials hold (no cluster object of true and false), so infer \
             cannot tell whether they can manage inference endpoints; check that the URL points \
             at Elasticsearch"
                .to_string(),
        )
        .into());
    }
    let mut granted = serde_json::Map::new();
    let mut missing = Vec::new();
    for privilege in PRIVILEGES {
        let has = held.pointer(&format!("/cluster/{privilege}")) == Some(&json!(true));
        granted.insert(privilege.into(), json!(has));
        if !has {
            missing.push(privilege);
        }
    }
    Ok((granted, missing))
}

/// The report: JSON for programs, a summary for people.
fn emit(args: &CheckArgs, ui: &Ui, report: &Value) -> Result<()> {
    if args.json || !ui.stdout_is_terminal() {
        return ui.print_json(report);
    }
    for line in summary(ui, report) {
        ui.print_line(&line)?;
    }
    Ok(())
}

/// The answer of a cluster without security to a security API.
fn security_disabled(err: &anyhow::Error) -> bool {
    let text = err.to_string();
    text.contains("Security must be explicitly enabled") || text.contains("security is not enabled")
}

fn summary(ui: &Ui, report: &Value) -> Vec<String> {
    let good = ui.paint(Style::Good, "✓");
    let bad = ui.paint(Style::Bad, "✗");
    let text = |key: &str| {
        report
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string()
    };
    let mut lines = vec![format!(
        "{good} reachable: {} (Elasticsearch {}, {})",
        text("url"),
        text("version"),
        text("flavor")
    )];
    if text("security") == "disabled" {
        lines.push(format!(
            "{good} security is disabled on this cluster: no credentials are needed, and anyone \
             who reaches it can change its endpoints"
        ));
        return lines;
    }
    if report["authenticated"] == json!(false) {
        lines.push(format!(
            "{bad} not authenticated: the credentials were not accepted"
        ));
        return lines;
    }
    lines.push(format!(
        "{good} authenticated as {} ({})",
        text("user"),
        text("authentication_type")
    ));
    if let Some(privileges) = report.get("privileges").and_then(Value::as_object) {
        for (name, held) in privileges {
            if held == &json!(true) {
                lines.push(format!("{good} {name}"));
            } else {
                lines.push(format!("{bad} {name}: missing"));
            }
        }
    }
    lines
}
