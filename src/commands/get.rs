//! `infer get`: one endpoint, in the shape `infer update --settings` takes.

use anyhow::Result;

use crate::cli::{GetArgs, GlobalArgs};
use crate::client::Client;
use crate::connection;
use crate::output::Ui;
use crate::validate;

pub fn run(args: &GetArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    validate::any_inference_id(&args.inference_id)?;
    let conn = connection::resolve(global, global.curl)?;
    if global.curl {
        let req = crate::api::Request::get_endpoint(&args.inference_id, args.task_type);
        return super::show_request(ui, &conn, &req, &[], true);
    }
    let client = Client::new(&conn, ui)?;
    let endpoint = super::read_endpoint(&client, &args.inference_id, args.task_type)?;
    ui.print_json(&endpoint)
}
