//! Counters the engine bumps as it goes; the command line draws them (`cli::progress`).

use std::sync::atomic::{AtomicUsize, Ordering};

/// Counters the engine updates as it goes.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicUsize,
    pub files_parsed: AtomicUsize,
}

impl Progress {
    pub fn parsed_one(&self) {
        self.files_parsed.fetch_add(1, Ordering::Relaxed);
    }
}
