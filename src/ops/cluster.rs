//! The cluster's endpoints, read in one answer (`GET _inference/_all`),
//! what they hold that is secret masked from then on: what `plan`,
//! `apply`, `rotate` and `export` work against.

use anyhow::Result;

use crate::api::listing::Listing;
use crate::client::Client;
use crate::ops::desired::Files;
use crate::ops::sync::{self, Item};

/// `GET /_inference/_all`: the cluster's endpoints, in one read.
pub fn read(client: &Client) -> Result<Listing> {
    client.listing(&crate::api::Request::all())
}

/// [`read`], and whatever its endpoints hold that is secret (a proxy could
/// return it) masked wherever a plan shows it.
pub fn read_masked(client: &Client) -> Result<Listing> {
    let listing = read(client)?;
    for entry in listing.entries()? {
        client.learn_secrets_of(&entry.service);
        if let Ok(value) = listing.value(entry.raw) {
            crate::secret::register_value(&value, &[]);
        }
    }
    Ok(listing)
}

/// The plan of the files of endpoints `wanted` against the cluster.
pub fn plan(client: &Client, wanted: &Files, options: &sync::Options) -> Result<Vec<Item>> {
    // Read again as the plan is made: by then what the services infer
    // does not know keep secret is known.
    for service in &wanted.unknown_services {
        client.learn_secrets_of(service);
    }
    let cluster = read_masked(client)?;
    sync::plan(client, wanted, &cluster, options)
}
