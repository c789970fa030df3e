//! The temporary id a replace proves its new settings under
//! (`<id>-infer-tmp-<8 hex>`, `ops::replace`), and how a leftover one is
//! known again (`ops::sync` deletes it).

use std::time::{SystemTime, UNIX_EPOCH};

/// What every temporary id ends with, before its 8 hex digits.
const MARK: &str = "-infer-tmp-";

/// The temporary id a replace of `id` proves its new settings under.
pub fn temporary_id(id: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mix = nanos ^ std::process::id().rotate_left(16) ^ (id.len() as u32).rotate_left(8);
    format!("{id}{MARK}{mix:08x}")
}

/// Whether `id` is one a replace made (`<id>-infer-tmp-<8 hex>`).
pub fn is_temporary(id: &str) -> bool {
    id.rsplit_once(MARK).is_some_and(|(base, tail)| {
        !base.is_empty() && tail.len() == 8 && tail.chars().all(|c| c.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_ids_are_valid_ids_and_known_again() {
        let tmp = temporary_id("my-endpoint");
        assert!(tmp.starts_with("my-endpoint-infer-tmp-"), "{tmp}");
        assert!(crate::validate::inference_id(&tmp).is_ok(), "{tmp}");
        assert!(is_temporary(&tmp));
        for not in [
            "my-endpoint",
            "x-infer-tmp-123",
            "-infer-tmp-12345678",
            "x-infer-tmp-1234567g",
        ] {
            assert!(!is_temporary(not), "{not}");
        }
    }
}
