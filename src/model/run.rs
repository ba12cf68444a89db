//! What a run produced: the files it would change, every site with its outcome, the files it could not
//! process, and where it spent its effort.

use std::time::Duration;

use super::{FileError, SiteReport};
use crate::source::SourceFile;

/// A file the run would change.
#[derive(Clone, Debug)]
pub struct FileChange {
    pub source: SourceFile,
    pub new_text: String,
}

#[derive(Debug, Default)]
pub struct RunResult {
    pub files_scanned: usize,
    pub files_parsed: usize,
    pub generated_skipped: usize,
    /// Sorted by path.
    pub changes: Vec<FileChange>,
    /// Sorted by path and offset.
    pub sites: Vec<SiteReport>,
    pub errors: Vec<FileError>,
    /// Parsed files whose tree still has ERROR or MISSING nodes (after `syntax::recover`), sorted: sites in them
    /// may be missing, and edits beside the broken code are refused.
    pub files_with_parse_errors: Vec<String>,
    pub stats: RunStats,
}

/// Where a run spent its effort (for `--stats` and the benchmark).
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    pub bytes_scanned: u64,
    /// What each round parsed: first the prefilter's candidates, then one round per planning pass that asked
    /// something new.
    pub rounds: Vec<Round>,
    /// Wall time of each phase, in order.
    pub phases: Vec<(&'static str, Duration)>,
}

#[derive(Clone, Debug, Default)]
pub struct Round {
    /// Questions that led to this round (0 for the prefilter's).
    pub asks: usize,
    pub files: usize,
    pub bytes: u64,
    /// Files kept for planning (the others held no site and are dropped, to be parsed again if asked about).
    pub kept: usize,
    /// The questions that brought in the most bytes (each file counts for the first it may answer).
    pub top: Vec<(String, usize, u64)>,
}

impl RunStats {
    pub fn files_parsed(&self) -> usize {
        self.rounds.iter().map(|r| r.files).sum()
    }

    pub fn bytes_parsed(&self) -> u64 {
        self.rounds.iter().map(|r| r.bytes).sum()
    }
}
