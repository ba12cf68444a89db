//! What happened at one site, and a file that could not be processed.

use std::ops::Range;

use serde::Serialize;

use super::TransformId;

/// What happened at one site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Rewritten (or will be, in a dry run).
    Rewritten,
    /// A problem asyncmod found but did not fix, with the reason.
    Reported,
    /// Looked like the pattern, but is not a problem (e.g. `.Result` of a task already awaited).
    LeftAlone,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Rewritten => "rewritten",
            Outcome::Reported => "reported",
            Outcome::LeftAlone => "left-alone",
        }
    }
}

/// One site: where, which transform, what happened and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SiteReport {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub range: Range<usize>,
    pub transform: TransformId,
    pub outcome: Outcome,
    /// What the site is (`.Result blocks on a task`).
    pub message: String,
    /// Why it was reported or left alone; for rewrites, what was done.
    pub reason: String,
}

impl SiteReport {
    pub fn sort_key(&self) -> (&str, usize, TransformId, &str) {
        (self.path.as_str(), self.range.start, self.transform, self.message.as_str())
    }
}

/// A file that could not be processed, or a non-fatal problem with an input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}
