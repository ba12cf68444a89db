//! The whole pipeline on files given as bytes, with the invariants every run must keep. Shared by the property
//! tests, the fuzz regression tests and the fuzz target (`fuzz/`), so a finding reproduces the same way everywhere.
//!
//! Invariants: no panic; no "internal error" (edits that overlap, touch an ERROR region or would add parse errors);
//! every change keeps the BOM and parses with no more ERROR/MISSING nodes than the input; a second run over the
//! written output changes nothing; and, when asked, `-j1` and `-j8` give the same bytes and the same sites.

#![allow(dead_code)]

use std::path::Path;

use asyncmod::engine::{self, RunOptions};
use asyncmod::model::{RunResult, TransformId};
use asyncmod::syntax::{self, preprocessor};
use asyncmod::transforms;
use asyncmod::workspace;

/// Transforms implemented in this build, alone and all together.
pub fn transform_sets() -> Vec<Vec<TransformId>> {
    let implemented: Vec<TransformId> = transforms::all_ids();
    let mut sets: Vec<Vec<TransformId>> = implemented.iter().map(|t| vec![*t]).collect();
    sets.push(implemented);
    sets
}

pub fn options(enabled: &[TransformId], jobs: usize) -> RunOptions {
    options_with(enabled, jobs, true)
}

/// `options`, choosing `--allow-boundaries`: on is the widest rewriting, off (the default) is the path that
/// plans a conversion and puts it back when a caller would keep blocking on it. Unsafe fixes are made: the
/// pipelines under test are the ones that rewrite most.
pub fn options_with(enabled: &[TransformId], jobs: usize, allow_boundaries: bool) -> RunOptions {
    let mut o = RunOptions { enabled: enabled.to_vec(), jobs: Some(jobs), ..Default::default() };
    o.plan.include_review = true;
    o.plan.allow_boundaries = allow_boundaries;
    o.plan.unsafe_fixes = true;
    o
}

/// Writes `files` (relative name, bytes) under `dir`.
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) {
    for (name, bytes) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }
}

pub fn run_dir(dir: &Path, options: &RunOptions) -> RunResult {
    engine::run(workspace::discover(&[dir.to_path_buf()]), options)
}

fn errors_in(text: &str) -> usize {
    // Parsed as the engine parses: inactive branches blanked with the defines of a loose file.
    let blanked = preprocessor::blank_inactive(text, &preprocessor::Defines::default());
    syntax::error_count(&syntax::recover::parse(&blanked))
}

fn diffs(result: &RunResult) -> String {
    result.changes.iter().map(asyncmod::report::diff::unified).collect()
}

/// Runs every transform set on `files` with `--allow-boundaries`, and all of them together without it, and
/// checks the invariants; `Err` describes the first violation.
pub fn check(files: &[(String, Vec<u8>)], compare_jobs: bool) -> Result<(), String> {
    let sets = transform_sets();
    sets.iter().try_for_each(|set| check_set(files, set, compare_jobs, true))?;
    check_set(files, sets.last().expect("at least one transform"), false, false)
}

/// The invariants for one set of transforms run together.
pub fn check_set(
    files: &[(String, Vec<u8>)],
    set: &[TransformId],
    compare_jobs: bool,
    allow_boundaries: bool,
) -> Result<(), String> {
    let label: Vec<&str> = set.iter().map(|t| t.as_str()).collect();
    let label = label.join(",") + if allow_boundaries { " --allow-boundaries" } else { "" };
    let options = |jobs| options_with(set, jobs, allow_boundaries);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    write_files(dir.path(), files);
    let first = run_dir(dir.path(), &options(1));
    if let Some(e) = first.errors.iter().find(|e| e.message.contains("internal error")) {
        return Err(format!("[{label}] {}: {}", e.path, e.message));
    }
    for change in &first.changes {
        let (before, after) = (errors_in(change.source.text()), errors_in(&change.new_text));
        if after > before {
            return Err(format!("[{label}] {} gains parse errors ({before} -> {after})", change.source.display));
        }
    }
    if compare_jobs {
        let wide = run_dir(dir.path(), &options(8));
        if diffs(&wide) != diffs(&first) || wide.sites != first.sites {
            return Err(format!("[{label}] -j1 and -j8 differ"));
        }
    }
    for change in &first.changes {
        asyncmod::apply::write_change(change).map_err(|e| format!("[{label}] apply {}: {}", e.path, e.message))?;
    }
    let second = run_dir(dir.path(), &options(1));
    if !second.changes.is_empty() {
        return Err(format!("[{label}] a second run still changes:\n{}", diffs(&second)));
    }
    Ok(())
}

/// Splits a fuzz input into files: `\xFF` separates files (it never occurs in UTF-8), at most four.
pub fn files_from_bytes(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    data.split(|&b| b == 0xFF).take(4).enumerate().map(|(i, part)| (format!("F{i}.cs"), part.to_vec())).collect()
}
