//! One cluster of a run on several: its target and its plan (or why it
//! has none), how messages name it, and the exit code of the run.

use anyhow::Result;

use crate::client::Client;
use crate::connection::targets::Target;
use crate::ops::sync::Item;

/// One cluster of the run: its target, and its client and plan, or why it
/// has none.
pub struct Cluster<'a> {
    pub target: &'a Target,
    /// Its place among the targets: what is given per target (a secret,
    /// the files as its profile has them) is found at this index.
    pub index: usize,
    pub planned: Result<(Client<'a>, Vec<Item>)>,
}

impl Cluster<'_> {
    /// `prod (https://prod.example:9243)`.
    pub fn name(&self) -> String {
        name(self.target)
    }

    /// The plan, when there is one.
    pub fn items(&self) -> Option<&[Item]> {
        self.planned
            .as_ref()
            .ok()
            .map(|(_, items)| items.as_slice())
    }

    /// Its exit code: `of` its plan, or its error's own.
    pub fn code(&self, of: impl FnOnce(&[Item]) -> u8) -> u8 {
        match &self.planned {
            Ok((_, items)) => of(items),
            Err(e) => crate::error::exit_code(e),
        }
    }

    /// How many endpoints a write would change (those with something to
    /// do and no conflict).
    pub fn to_write(&self) -> usize {
        self.items()
            .map_or(0, |items| crate::ops::batch::to_write(items).count())
    }
}

/// `prod (https://prod.example:9243)`: a target as every message names it.
pub fn name(target: &Target) -> String {
    format!(
        "{} ({})",
        target.profile,
        crate::secret::url::shown(target.connection.base_url.as_str())
    )
}

/// The end of a run on several clusters: its exit code, [`overall`].
pub fn exit(codes: impl IntoIterator<Item = u8>) -> Result<()> {
    match overall(codes) {
        0 => Ok(()),
        code => Err(crate::error::Error::Status(code).into()),
    }
}

/// The exit code of a run on several clusters, from each cluster's: the
/// most serious, in the order 128+signal (interrupted), 2 (usage), 1 (any
/// other error, whose own code the cluster's section gives), 11 (not
/// everything applied; conflicts), 10 (changes pending), 0.
pub fn overall(codes: impl IntoIterator<Item = u8>) -> u8 {
    let rank = |code: u8| match code {
        0 => 0,
        10 => 1,
        11 => 2,
        2 => 4,
        129.. => 5,
        _ => 3,
    };
    let worst = codes.into_iter().max_by_key(|c| rank(*c)).unwrap_or(0);
    match rank(worst) {
        3 => 1,
        _ => worst,
    }
}

#[cfg(test)]
mod tests {
    use super::overall;

    #[test]
    fn the_most_serious_code_wins_in_the_documented_order() {
        assert_eq!(overall([]), 0);
        assert_eq!(overall([0, 10, 0]), 10);
        assert_eq!(overall([10, 11, 0]), 11);
        assert_eq!(
            overall([11, 6, 10]),
            1,
            "an error is 1, whatever its own code"
        );
        assert_eq!(overall([9, 11]), 1);
        assert_eq!(overall([6, 2, 11]), 2);
        assert_eq!(overall([2, 130, 0]), 130);
        assert_eq!(overall([143, 2]), 143);
    }
}
