//! The plan of one endpoint: what will happen to it ([`Action`]), and
//! what a review of it shows ([`Review`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::body::Body;
use crate::ops::desired::Desired;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    /// The service or task type differs: delete, then create.
    Replace,
    NoChange,
    /// On the cluster, not in the file: deleted only with `--prune`.
    NotInFile,
    Delete,
    /// A preconfigured endpoint the file expects: never changed.
    Expected,
}

/// One value the action changes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Change {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    /// `None` for a secret: it is sent, never shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
}

/// What will happen to one endpoint. It reads as its details
/// (`item.changes`, `item.conflicts`), which are given when it is made: an
/// item in sync has none, and holds no room for them, so that a plan of
/// thousands of endpoints in sync stays small.
#[derive(Debug, Clone)]
pub struct Item {
    pub inference_id: String,
    pub action: Action,
    pub(super) detail: Option<Box<Detail>>,
}

/// What a plan shows of one endpoint for review, the same in a plan made
/// now ([`Detail`]) and in a saved one (`saved_plan::Entry`).
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub changes: Vec<Change>,
    /// Why the action cannot be carried out as it stands; `apply` skips it.
    pub conflicts: Vec<String>,
    /// What may go wrong although it is carried out (a server that resets
    /// chunking on any update).
    pub warnings: Vec<String>,
    /// For a replace: what uses the endpoint (the server's delete dry run).
    pub used_by: Option<Value>,
}

/// Everything about an item but its id and action: its review (which it
/// reads as: `detail.conflicts`), and what carrying it out needs, kept
/// only for an item that writes.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub review: Review,
    pub desired: Option<Desired>,
    pub stored: Option<Value>,
    /// The update to send (without secrets, which are read when sent).
    pub body: Option<Body>,
}

impl std::ops::Deref for Detail {
    type Target = Review;

    fn deref(&self) -> &Review {
        &self.review
    }
}

impl std::ops::DerefMut for Detail {
    fn deref_mut(&mut self) -> &mut Review {
        &mut self.review
    }
}

static NONE: Detail = Detail {
    review: Review {
        changes: Vec::new(),
        conflicts: Vec::new(),
        warnings: Vec::new(),
        used_by: None,
    },
    desired: None,
    stored: None,
    body: None,
};

impl std::ops::Deref for Item {
    type Target = Detail;

    fn deref(&self) -> &Detail {
        self.detail.as_deref().unwrap_or(&NONE)
    }
}

/// `inference_id`, `action`, `changes`, `conflicts`, and `warnings` and
/// `used_by` when there are any.
impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("inference_id", &self.inference_id)?;
        map.serialize_entry("action", &self.action)?;
        map.serialize_entry("changes", &self.changes)?;
        map.serialize_entry("conflicts", &self.conflicts)?;
        if !self.warnings.is_empty() {
            map.serialize_entry("warnings", &self.warnings)?;
        }
        if let Some(used_by) = &self.used_by {
            map.serialize_entry("used_by", used_by)?;
        }
        map.end()
    }
}

impl Item {
    pub fn new(inference_id: String, action: Action) -> Self {
        Item {
            inference_id,
            action,
            detail: None,
        }
    }

    pub fn with_detail(inference_id: String, action: Action, detail: Detail) -> Self {
        Item {
            inference_id,
            action,
            detail: Some(Box::new(detail)),
        }
    }

    /// Whether `apply` would write anything for it.
    pub fn pending(&self) -> bool {
        matches!(
            self.action,
            Action::Create | Action::Update | Action::Replace | Action::Delete
        )
    }
}
