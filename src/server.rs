//! What a server of a given version does with an update: one table, so that
//! every decision that depends on the version reads it here.
//!
//! Releases are mapped from the pull requests' order and the changelog
//! bundles of 9.4.0 and 9.5.0 (which PRs a release carries is unverified
//! where no bundle names them); where the mapping is a guess, infer errs
//! towards the behaviour that loses nothing, and verification after the
//! write catches the rest. The versions, in short:
//!
//! | server | update |
//! |---|---|
//! | 8.17 – 9.2 | secrets and `num_allocations` only, the rest kept silently; chunking may be reset |
//! | 9.3 – 9.4 | the same, without the chunking reset |
//! | 9.5 | per-service keys, a 400 for the rest; chunking in updates; `?timeout=`; Llama's `null` |
//! | 9.6+, serverless | the newest parsers: `null` per service; one allocation style |

/// A server's version, from `GET /`. Serverless reports an old-looking
/// version number but runs the newest code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Version(u32, u32),
    Serverless,
    /// `GET /` did not say (or was not asked): assume the newest rules.
    Unknown,
}

impl Server {
    pub fn from_root(number: &str, flavor: Option<&str>) -> Server {
        if flavor == Some("serverless") {
            return Server::Serverless;
        }
        let mut parts = number.split('.').map(|p| p.parse::<u32>().ok());
        match (parts.next().flatten(), parts.next().flatten()) {
            (Some(major), Some(minor)) => Server::Version(major, minor),
            _ => Server::Unknown,
        }
    }

    /// At least `major.minor`; serverless and unknown count as the newest.
    fn at_least(self, major: u32, minor: u32) -> bool {
        match self {
            Server::Version(a, b) => (a, b) >= (major, minor),
            Server::Serverless | Server::Unknown => true,
        }
    }

    /// The server judges an update itself: each service's update consumes
    /// the `service_settings` keys it can change, and whatever is left over
    /// is a 400 (`TransportUpdateInferenceModelAction`
    /// `validateConsumedUpdateSettings`; strict parsers, #157900). The
    /// per-service update PRs (#146242 to #147597, April 2026) came after
    /// the 9.4.0 bundle, so 9.5 (unverified: mapped by PR order). Before,
    /// only secrets and `num_allocations` changed, and every other key was
    /// kept silently (`ServiceSettings.updateServiceSettings`, 8.17).
    pub fn judges_updates(self) -> bool {
        self.at_least(9, 5)
    }

    /// `chunking_settings` allowed in an update body (#149723, May 2026,
    /// in 9.5). 8.17 through 9.4 answer 400 to it.
    pub fn accepts_chunking_in_update(self) -> bool {
        self.at_least(9, 5)
    }

    /// Any update may reset chunking to word/250/100 (#139574; fixed in 9.3
    /// by #141682 and in later 9.2 patches by #141687).
    pub fn may_reset_chunking(self) -> bool {
        !self.at_least(9, 3)
    }

    /// Llama's update parser clears or resets a setting sent as `null`
    /// (#151766, June 2026, before #152179 of the 9.5.0 bundle).
    pub fn llama_nulls(self) -> bool {
        self.at_least(9, 5)
    }

    /// The newest update parsers (`StatefulValue.declareNullable`; #126479):
    /// the other services whose update takes `null`, and the in-cluster
    /// services' one-allocation-style parser
    /// (`ElasticsearchInternalServiceSettings.Update`). Merged after the
    /// 9.5.0 bundle: 9.6 and later, and serverless.
    pub fn newest_parsers(self) -> bool {
        self.at_least(9, 6)
    }

    /// `?timeout=` accepted on update (#152179; the specification's
    /// `@availability since=9.5.0`). Older servers answer 400 to it, so an
    /// unknown version does not get it.
    pub fn accepts_timeout(self) -> bool {
        self != Server::Unknown && self.at_least(9, 5)
    }

    /// How the server is named in messages.
    pub fn describe(self) -> String {
        match self {
            Server::Version(major, minor) => format!("Elasticsearch {major}.{minor}"),
            Server::Serverless => "Elasticsearch Serverless".to_string(),
            Server::Unknown => "this server".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_flavours() {
        assert_eq!(
            Server::from_root("9.2.0", Some("default")),
            Server::Version(9, 2)
        );
        assert_eq!(
            Server::from_root("8.11.0", Some("serverless")),
            Server::Serverless
        );
        assert_eq!(Server::from_root("", None), Server::Unknown);
        let old = Server::Version(8, 17);
        assert!(!old.judges_updates() && old.may_reset_chunking() && !old.llama_nulls());
        let v9_4 = Server::Version(9, 4);
        assert!(!v9_4.judges_updates() && !v9_4.may_reset_chunking());
        assert!(!v9_4.accepts_chunking_in_update() && !v9_4.accepts_timeout());
        let v9_5 = Server::Version(9, 5);
        assert!(v9_5.judges_updates() && v9_5.llama_nulls() && !v9_5.newest_parsers());
        let new = Server::Version(9, 6);
        assert!(new.judges_updates() && !new.may_reset_chunking() && new.newest_parsers());
        assert!(Server::Serverless.accepts_chunking_in_update());
        assert!(Server::Serverless.newest_parsers());
    }
}
