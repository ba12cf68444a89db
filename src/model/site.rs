//! What happened at one site, and a file that could not be processed.

use std::ops::Range;

use serde::Serialize;

use super::{Code, Finding, Reason, TransformId};

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
    /// The kind of finding (`ASYNC001`: `.Result` blocks on a task).
    pub code: Code,
    /// What the site is (`.Result blocks on a task`).
    pub message: String,
    /// Why it was reported or left alone; for rewrites, what was done.
    pub reason: String,
    /// The code of the reason, for sites reported or left alone.
    pub reason_code: Option<Code>,
    /// For rewritten sites: whether the fix keeps behaviour and every visible contract.
    pub safety: Option<Safety>,
}

/// How far a fix can be trusted, as ruff's fix applicability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Safety {
    /// Behaviour kept, no public signature changed.
    Safe,
    /// Compiles, but behaviour or a visible contract may change (a fan-out throttled, a name changed, a blocking
    /// wait kept where it may deadlock, a published signature changed); made only when asked for.
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

impl SiteReport {
    pub fn sort_key(&self) -> (&str, usize, TransformId, &str) {
        (self.path.as_str(), self.range.start, self.transform, self.message.as_str())
    }
}

/// What became of a site: fixed (and how), or not, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Rewritten; the text says what was done.
    Fixed(String),
    Reported(Reason),
    LeftAlone(Reason),
}

impl Resolution {
    pub fn outcome(&self) -> Outcome {
        match self {
            Resolution::Fixed(_) => Outcome::Rewritten,
            Resolution::Reported(_) => Outcome::Reported,
            Resolution::LeftAlone(_) => Outcome::LeftAlone,
        }
    }

    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Resolution::Fixed(_) => None,
            Resolution::Reported(r) | Resolution::LeftAlone(r) => Some(r),
        }
    }
}

impl SiteReport {
    /// The report of a site at `path`, `line`:`column` (1-based), `range` of its file.
    pub fn new(
        (path, line, column): (String, usize, usize),
        range: Range<usize>,
        transform: TransformId,
        finding: &Finding,
        resolution: Resolution,
    ) -> SiteReport {
        let outcome = resolution.outcome();
        let reason_code = resolution.reason().map(|r| r.cause().code());
        let reason = match resolution {
            Resolution::Fixed(what) => what,
            Resolution::Reported(r) | Resolution::LeftAlone(r) => r.to_string(),
        };
        SiteReport {
            path,
            line,
            column,
            range,
            transform,
            outcome,
            code: finding.code(),
            message: finding.to_string(),
            reason,
            reason_code,
            safety: None,
        }
    }
}

/// A file that could not be processed, or a non-fatal problem with an input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}
