//! What a server of a given version does with an update: one table, so that
//! every decision that depends on the version reads it here (ref 4, 15).
//!
//! Releases are mapped from the merge dates of the pull requests (ref 4:
//! "mapped by merge date only"); where the mapping is a guess, infer errs
//! towards the behaviour that loses nothing, and verification after the
//! write catches the rest.

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

    /// Services change their own `service_settings` on update (the 2026
    /// series, ref 3.8, from about 9.4); before, only `num_allocations` and
    /// secrets could change, and everything else was kept silently.
    pub fn per_service_updates(self) -> bool {
        self.at_least(9, 4)
    }

    /// `chunking_settings` allowed in an update body (#149723, May 2026;
    /// ref 1.3, 3.4).
    pub fn accepts_chunking_in_update(self) -> bool {
        self.at_least(9, 5)
    }

    /// Any update may reset chunking to word/250/100 (#139574; fixed in 9.3
    /// by #141682 and in later 9.2 patches by #141687, ref 3.11).
    pub fn may_reset_chunking(self) -> bool {
        !self.at_least(9, 3)
    }

    /// An explicit `null` resets or clears a setting (#126479, services on
    /// the new parsers, June–August 2026; ref 15.2). Older servers store or
    /// ignore it.
    pub fn resets_with_null(self) -> bool {
        self.at_least(9, 6)
    }

    /// `?timeout=` accepted on update (#152179, ref 3.3). Older servers
    /// answer 400 to it, so an unknown version does not get it.
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
        assert!(!old.per_service_updates() && old.may_reset_chunking() && !old.resets_with_null());
        let new = Server::Version(9, 6);
        assert!(new.per_service_updates() && !new.may_reset_chunking() && new.resets_with_null());
        assert!(Server::Serverless.accepts_chunking_in_update());
        assert!(!Server::Version(9, 4).accepts_timeout());
    }
}
