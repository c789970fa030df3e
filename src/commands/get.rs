//! `infer get`: endpoints, in the shape `infer update --settings` takes:
//! one as an object, several as an array.

use anyhow::Result;
use serde_json::Value;

use crate::cli::{GetArgs, GlobalArgs};
use crate::client::Client;
use crate::output::{Data, Ui};
use crate::validate;

use super::per_id::PerId;

pub fn run(args: &GetArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let ids = &args.endpoints.inference_ids;
    for id in ids {
        validate::any_inference_id(id)?;
    }
    let conn = super::connect(global, global.curl, ui)?;
    if global.curl {
        for id in ids {
            let req = crate::api::Request::get_endpoint(id, args.endpoints.task_type);
            super::show_request(ui, &conn, &req, &[], true)?;
        }
        return Ok(());
    }
    let client = Client::new(&conn, ui)?;
    let mut read = PerId::run(ids, "read", |id| {
        super::read_endpoint(&client, id, args.endpoints.task_type)
            .inspect(|e| super::mask_secrets(&client, e))
            // Masked where it stands as well: a short secret is not
            // scrubbed from every text, so it would show here.
            .map(|e| crate::secret::redact(&e, &[]))
    });
    let format = ui.data_format(args.output).unwrap_or(Data::Json);
    match read.done.as_slice() {
        [endpoint] if ids.len() == 1 => ui.print_data(format, endpoint)?,
        _ if ids.len() == 1 => {}
        _ => ui.print_data(format, &Value::Array(std::mem::take(&mut read.done)))?,
    }
    read.finish()
}
