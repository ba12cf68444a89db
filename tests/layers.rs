//! The layers of `docs/architecture.md` hold: every `crate::<module>` path in `src/` names a module of a lower
//! layer than the file's own (or its own module).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Layer of each top-level module, from the ```layers block (first line = highest).
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(repo_root().join("docs/architecture.md")).unwrap();
    let block = doc.split("```layers\n").nth(1).expect("docs/architecture.md has a ```layers block");
    let block = &block[..block.find("```").unwrap()];
    let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let rank = lines.len() - i;
        let names = line.split("  ").next().unwrap();
        for name in names.split_whitespace() {
            out.insert(name.to_string(), rank);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `crate::x` module names a line of code uses (comments skipped).
fn uses(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .map(|(at, _)| {
            code[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>()
        })
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn modules_use_only_lower_layers() {
    let layers = layers();
    let src = repo_root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(&own) = layers.get(&module) else {
            violations.push(format!("src/{module}: not in the layers of docs/architecture.md"));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for used in uses(line) {
                if used == module {
                    continue;
                }
                match layers.get(&used) {
                    Some(&rank) if rank < own => {}
                    Some(_) => violations.push(format!("src/{}:{}: {module} uses {used}", rel.display(), n + 1)),
                    None => violations.push(format!("src/{}:{}: {used} is in no layer", rel.display(), n + 1)),
                }
            }
        }
    }
    assert!(violations.is_empty(), "imports against the layers:\n{}", violations.join("\n"));
}

#[test]
fn the_check_sees_a_use() {
    assert_eq!(uses("use crate::plan::Planner; // crate::cli"), vec!["plan"]);
    assert_eq!(uses("let x = crate::model::Reason::Extern;"), vec!["model"]);
}
