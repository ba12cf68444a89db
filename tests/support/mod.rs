//! Shared by the test suites: running the engine on a fixture case and
//! describing the outcome as text.

#![allow(dead_code)]

pub mod pipeline;

use std::path::{Path, PathBuf};

use asyncmod::engine::{self, RunOptions};
use asyncmod::model::Outcome;
use asyncmod::model::{RunResult, TransformId};
use asyncmod::report;
use asyncmod::workspace;

/// A fixture: `transforms/<id>/cases/<name>.cs` or a folder `transforms/<id>/cases/<name>/`.
#[derive(Debug, Clone)]
pub struct Case {
    pub transform: TransformId,
    pub name: String,
    pub path: PathBuf,
    pub header: CaseHeader,
}

/// Directives in the leading comment lines of the case's file that says `// case:`:
/// `// case: rewrite|left-alone`, `// args: --include-review --rename-async --max-concurrency=N`,
/// `// oracle: compile|run`.
#[derive(Debug, Clone, Default)]
pub struct CaseHeader {
    pub expect_rewrite: bool,
    pub include_review: bool,
    pub rename_async: bool,
    pub allow_boundaries: bool,
    pub oracle: Option<String>,
    pub only_own_transform: bool,
    pub max_concurrency: Option<usize>,
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn cs_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = walk(path).into_iter().filter(|p| p.extension().is_some_and(|e| e == "cs")).collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn has_case_line(file: &Path) -> bool {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| l.trim_start().starts_with("//"))
        .any(|l| l.contains("case:"))
}

fn parse_header(first_file: &Path) -> CaseHeader {
    let text = std::fs::read_to_string(first_file).unwrap_or_default();
    let text = text.trim_start_matches('\u{feff}');
    let mut h = CaseHeader { only_own_transform: true, ..Default::default() };
    let mut saw_case = false;
    for line in text.lines().take_while(|l| l.trim_start().starts_with("//")) {
        let l = line.trim_start().trim_start_matches('/').trim();
        if let Some(v) = l.strip_prefix("case:") {
            saw_case = true;
            h.expect_rewrite = match v.trim() {
                "rewrite" => true,
                "left-alone" => false,
                other => panic!("{}: unknown case kind '{other}' (rewrite | left-alone)", first_file.display()),
            };
        } else if let Some(v) = l.strip_prefix("args:") {
            for a in v.split_whitespace() {
                match a {
                    "--include-review" => h.include_review = true,
                    "--rename-async" => h.rename_async = true,
                    "--allow-boundaries" => h.allow_boundaries = true,
                    "--all-transforms" => h.only_own_transform = false,
                    a if a.starts_with("--max-concurrency=") => {
                        let n = a["--max-concurrency=".len()..]
                            .parse()
                            .unwrap_or_else(|_| panic!("{}: --max-concurrency=N needs a number", first_file.display()));
                        h.max_concurrency = Some(n);
                    }
                    other => panic!("{}: unknown case arg '{other}'", first_file.display()),
                }
            }
        } else if let Some(v) = l.strip_prefix("oracle:") {
            h.oracle = Some(v.trim().to_string());
        }
    }
    assert!(
        saw_case,
        "{}: the first comment lines must say `// case: rewrite` or `// case: left-alone`",
        first_file.display()
    );
    h
}

/// Every case of every transform, sorted.
pub fn all_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for info in asyncmod::transforms::REGISTRY {
        let dir = repo_root().join("transforms").join(info.id.as_str()).join("cases");
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let is_case = path.is_dir() || path.extension().is_some_and(|e| e == "cs");
            if !is_case {
                continue;
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let files = cs_files(&path);
            assert!(!files.is_empty(), "{}: no .cs file", path.display());
            // The header lives in whichever file of the case carries `// case:`.
            let first = files.iter().find(|f| has_case_line(f)).unwrap_or(&files[0]);
            let header = parse_header(first);
            out.push(Case { transform: info.id, name, path, header });
        }
    }
    out
}

pub fn options_for(case: &Case, jobs: usize, parse_all: bool) -> RunOptions {
    let mut o = RunOptions {
        enabled: if case.header.only_own_transform { vec![case.transform] } else { asyncmod::transforms::all_ids() },
        jobs: Some(jobs),
        parse_all,
        // Lazy rounds only: the fixtures are small enough that the switch to a full parse would hide them;
        // `tests/fixtures.rs` checks that switching gives the same result.
        full_parse_share: None,
        ..Default::default()
    };
    o.plan.include_review = case.header.include_review;
    o.plan.rename_async = case.header.rename_async;
    o.plan.allow_boundaries = case.header.allow_boundaries;
    o.plan.max_concurrency = case.header.max_concurrency;
    // Cases show what each transform does when asked; what a default run leaves out is tested in tests/cli.rs.
    o.plan.unsafe_fixes = true;
    o
}

/// Runs on `path`, with paths shown relative to the repository root.
pub fn run_on(path: &Path, options: &RunOptions) -> RunResult {
    let ws = workspace::discover(&[path.to_path_buf()]);
    engine::run(ws, options)
}

/// The text a snapshot holds: the diff, then every site, then errors.
pub fn describe(result: &RunResult, root: &Path) -> String {
    let strip = |s: &str| -> String {
        let root = format!("{}/", root.display());
        s.replace(&root, "")
    };
    let mut out = String::new();
    for change in &result.changes {
        out.push_str(&strip(&report::diff::unified(change)));
    }
    if result.changes.is_empty() {
        out.push_str("(no changes)\n");
    }
    out.push_str("\n--- sites ---\n");
    for site in &result.sites {
        out.push_str(&strip(&report::summary::finding_line(site)));
        out.push('\n');
    }
    for e in &result.errors {
        out.push_str(&format!("error: {}: {}\n", strip(&e.path), e.message));
    }
    out
}

pub fn all_diffs(result: &RunResult) -> String {
    result.changes.iter().map(report::diff::unified).collect()
}

pub fn count(result: &RunResult, outcome: Outcome) -> usize {
    result.sites.iter().filter(|s| s.outcome == outcome).count()
}

/// Copies a case into a fresh temporary folder.
pub fn copy_case(case_path: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join(case_path.file_name().unwrap());
    copy_recursive(case_path, &target);
    (dir, target)
}

pub fn copy_recursive(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            copy_recursive(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Writes a run's changes to disk (as `apply` does).
pub fn apply(result: &RunResult) {
    for change in &result.changes {
        asyncmod::apply::write_change(change).unwrap_or_else(|e| panic!("{}: {}", e.path, e.message));
    }
}

/// Every regular file under `dir` (symbolic links not followed), relative path → bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}
