//! parse-only: the floor asyncmod is measured against. Reads every C# file asyncmod would read (same
//! discovery, same decoding) and parses each with the same tree-sitter parser, on a rayon pool of the same size,
//! dropping every tree at once. Generated files are parsed too: asyncmod parses them for the calls and
//! declarations they hold whenever a question reaches them (on the .NET reference source, nearly all of them).
//!
//! `parse-only [-j N] PATH...` prints one line: files, bytes, files whose tree has ERROR/MISSING nodes, seconds.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use asyncmod::source::SourceFile;
use asyncmod::{syntax, workspace};

fn main() -> ExitCode {
    // The floor parses with the same allocator as asyncmod. SAFETY: nothing has touched tree-sitter yet.
    unsafe { syntax::allocator::install() };
    let mut jobs: Option<usize> = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-j" | "--jobs" => match args.next().and_then(|n| n.parse().ok()).filter(|n| *n > 0) {
                Some(n) => jobs = Some(n),
                None => {
                    eprintln!("parse-only: -j takes a number of threads (at least 1)");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                eprintln!("usage: parse-only [-j N] PATH...");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let started = Instant::now();
    let ws = workspace::discover(&paths);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build().expect("a thread pool");
    let (files, bytes, with_errors) = pool.install(|| {
        ws.files
            .par_iter()
            // One file per task, as asyncmod parses them (`engine::FILE_AT_A_TIME`).
            .with_max_len(1)
            .map(|entry| {
                let Ok(source) = SourceFile::load(&entry.path, entry.display.clone()) else { return (0, 0, 0) };
                let tree = syntax::parse(source.text());
                let errors = usize::from(tree.root_node().has_error());
                (1, source.text().len(), errors)
            })
            .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    });
    println!(
        "parse-only: {files} files, {:.1} MB, {with_errors} with parse errors, {:.3} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
