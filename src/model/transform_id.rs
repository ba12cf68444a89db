//! A transform's identity: its id as users type it (`--only`, `explain`, reports) and its place in the
//! registry, which orders the sites of different transforms at the same offset.

use std::fmt;

use serde::Serialize;

/// Not a transform: the findings about suppressions themselves (an unused suppression comment).
pub const SUPPRESSIONS: TransformId = TransformId::new(u8::MAX, "suppressions");

/// Declared by each transform in its own module; the registry lists them in `order`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransformId {
    order: u8,
    name: &'static str,
}

impl TransformId {
    /// `order` is the transform's place in the registry (`transforms::REGISTRY` checks it in a test).
    pub const fn new(order: u8, name: &'static str) -> TransformId {
        TransformId { order, name }
    }

    pub fn as_str(self) -> &'static str {
        self.name
    }
}

impl fmt::Display for TransformId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for TransformId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}
