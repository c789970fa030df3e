//! `infer probe`: one small inference request through an endpoint, and
//! what came back, in a few words.

use anyhow::Result;
use serde_json::json;

use crate::cli::{GlobalArgs, ProbeArgs};
use crate::client::Client;
use crate::ops::probe;
use crate::output::Ui;
use crate::validate;

pub fn run(args: &ProbeArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::any_inference_id(id)?;
    if global.curl {
        return Err(crate::error::Error::usage(
            "infer probe sends its request to learn the answer: leave --curl out",
        ));
    }
    let conn = super::connect(global, false, ui)?;
    let client = Client::new(&conn, ui)?;
    let task_type = match args.task_type {
        Some(tt) => tt,
        None => crate::ops::stored::task_type(&super::read_endpoint(&client, id, None)?, id)?,
    };
    let result = probe::probe(&client, id, task_type)?;
    let mut report = json!({
        "inference_id": id,
        "task_type": task_type.as_str(),
        "ok": true,
        "took_ms": result.took.as_millis() as u64,
        "shape": result.shape,
    });
    let line = crate::ops::after_write::probe_line(task_type, id, &result);
    if args.answer {
        report["answer"] = result.answer;
    }
    ui.print_json(&report)?;
    ui.info(&line);
    Ok(())
}
