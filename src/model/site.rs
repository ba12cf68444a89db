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
    /// A finding the code or the configuration suppresses (`// asyncmod-disable-next-line`, `#pragma warning
    /// disable VSTHRD002`, `.editorconfig`, `asyncmod.toml`, a change set rejected in review): not rewritten,
    /// not reported, and not the root of a chain (`SiteReport::suppression` says by what).
    Suppressed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Rewritten => "rewritten",
            Outcome::Reported => "reported",
            Outcome::LeftAlone => "left-alone",
            Outcome::Suppressed => "suppressed",
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
    /// Where the site ends (1-based line and column), for reports that mark a region (SARIF, GitHub, GitLab).
    pub end_line: usize,
    pub end_column: usize,
    /// For suppressed sites, by what: "`// asyncmod-disable-next-line` on line 12".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<String>,
    /// A hash of the site's code and the lines around it, not of its line number: a baseline or a code-scanning
    /// service recognises the finding after unrelated edits move it (`model::fingerprint`).
    pub fingerprint: String,
    /// Rewritten sites that must be written together (a root, the callers awaited because of it, the overrides
    /// that change with it) share a number; the root causes among them have `root` set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_set: Option<usize>,
    pub root: bool,
}

/// A stable hash of the code at `range` of `text` and the non-blank lines around it, whitespace removed, with the
/// finding's code: what a baseline matches instead of a line number.
pub fn fingerprint(text: &str, range: &Range<usize>, code: Code) -> String {
    let start = text.floor_char_boundary(range.start.min(text.len()));
    let end = text.floor_char_boundary(range.end.min(text.len())).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = text[..line_start].lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    let after = text[line_end..].lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let key =
        format!("{code}\u{1}{}\u{1}{}\u{1}{}", squeeze(before), squeeze(&text[line_start..line_end]), squeeze(after));
    // FNV-1a, 64 bits: stable across versions and platforms, unlike the standard library's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
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
    /// Fills in where the site stands in `lines`' text: its first and last line and column, and the fingerprint of
    /// the code around it.
    pub fn locate(&mut self, lines: &crate::source::Lines) {
        (self.line, self.column) = lines.line_col(self.range.start);
        (self.end_line, self.end_column) = lines.line_col(self.range.end);
        self.fingerprint = fingerprint(lines.text(), &self.range, self.code);
    }

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
            end_line: line,
            end_column: column,
            suppression: None,
            fingerprint: String::new(),
            change_set: None,
            root: false,
        }
    }
}

/// A file that could not be processed, or a non-fatal problem with an input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}
