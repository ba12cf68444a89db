//! A lazy run (prefilter, then the files the index asks about) must give exactly what a run that parses
//! every file gives: same diffs, same sites, same errors. Checked on generated solutions (gen-solution) with
//! the default density of anti-patterns and a dense one, both with prefilter bait (`Result`, `Wait` and `Sleep`
//! in comments, identifiers and non-task types), at -j1 and -j2.

use std::path::Path;
use std::process::Command;

use asyncmod::engine::{self, RunOptions};
use asyncmod::model::{RunResult, TransformId};
use asyncmod::report;
use asyncmod::transforms;
use asyncmod::workspace;

fn generate(out: &Path, density: &str, seed: u64) {
    let status = Command::new(env!("CARGO_BIN_EXE_gen-solution"))
        .args(["--files", "300", "--seed", &seed.to_string(), "--density", density, "--avg-kb", "5"])
        .arg(out)
        .status()
        .expect("gen-solution runs");
    assert!(status.success(), "gen-solution failed");
}

fn run(dir: &Path, parse_all: bool, jobs: usize) -> RunResult {
    let enabled: Vec<TransformId> = transforms::all_ids();
    let options = RunOptions { enabled, jobs: Some(jobs), parse_all, ..Default::default() };
    engine::run(workspace::discover(&[dir.to_path_buf()]), &options)
}

fn diffs(r: &RunResult) -> String {
    r.changes.iter().map(report::diff::unified).collect()
}

#[test]
fn lazy_runs_equal_a_run_that_parses_everything() {
    let tmp = tempfile::tempdir().unwrap();
    for (density, seed) in [("default", 11), ("dense", 12)] {
        let dir = tmp.path().join(density);
        generate(&dir, density, seed);
        let eager = run(&dir, true, 2);
        assert!(!eager.changes.is_empty(), "{density}: the generated solution should need changes");
        assert!(eager.errors.is_empty(), "{density}: {:?}", eager.errors);
        for jobs in [1, 2] {
            let lazy = run(&dir, false, jobs);
            let label = format!("{density}, -j{jobs}");
            assert!(lazy.files_parsed < eager.files_parsed, "{label}: the lazy run parsed every file");
            assert_eq!(diffs(&lazy), diffs(&eager), "{label}: diffs differ");
            assert_eq!(lazy.sites, eager.sites, "{label}: sites differ");
            assert_eq!(lazy.errors, eager.errors, "{label}: errors differ");
            assert_eq!(lazy.files_scanned, eager.files_scanned, "{label}");
        }
    }
}
