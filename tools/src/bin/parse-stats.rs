//! Parse-error statistics over real code: how many files parse with ERROR/MISSING nodes as they are, and after
//! the preprocessor view asyncmod parses (inactive `#if` branches and directive lines blanked).
//!
//! `cargo run --release --example parse_stats -- DIR... [--list]`: `--list` prints, for each file that still has
//! errors, the line of its first error, to classify the causes.
//! `... -- --count FILE...` prints `errors<TAB>path` per file, errors counted as asyncmod's safety net counts them
//! (the sweep script compares files before and after a rewrite with it).

use std::path::PathBuf;

use asyncmod::source::SourceFile;
use asyncmod::syntax::{self, preprocessor};
use asyncmod::workspace;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--count") {
        for path in std::env::args().skip(2) {
            let Ok(source) = SourceFile::load(path.as_ref(), path.clone()) else {
                println!("-\t{path}");
                continue;
            };
            let settings = workspace::discover(&[PathBuf::from(&path)]).files.first().map(|f| f.settings.clone());
            let symbols = settings.map(|s| s.define_constants.clone()).unwrap_or_default();
            let text = preprocessor::blank_inactive(&source.text, &preprocessor::Defines::new(&symbols));
            println!("{}\t{path}", syntax::error_count(&syntax::parse(&text)));
        }
        return;
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut list = false;
    for a in std::env::args().skip(1) {
        if a == "--list" {
            list = true;
        } else {
            dirs.push(a.into());
        }
    }
    for dir in dirs {
        let ws = workspace::discover(std::slice::from_ref(&dir));
        let (mut files, mut raw_err, mut raw_whole, mut err, mut whole) = (0usize, 0usize, 0usize, 0usize, 0usize);
        for entry in &ws.files {
            let Ok(source) = SourceFile::load(&entry.path, entry.display.clone()) else { continue };
            if workspace::has_generated_header(&source.text) {
                continue;
            }
            files += 1;
            let raw = syntax::parse(&source.text);
            if raw.root_node().has_error() {
                raw_err += 1;
                raw_whole += usize::from(is_whole_file_error(&raw));
            }
            let defines = preprocessor::Defines::new(&entry.settings.define_constants);
            let text = preprocessor::blank_inactive(&source.text, &defines);
            let tree = syntax::parse(&text);
            if tree.root_node().has_error() {
                err += 1;
                whole += usize::from(is_whole_file_error(&tree));
                if list {
                    let Some(r) = syntax::error_ranges(&tree).first().cloned() else {
                        println!("  {}: has_error but no ERROR/MISSING node", entry.display);
                        continue;
                    };
                    let (line, _) = source.line_col(r.start);
                    let l = source.text.lines().nth(line - 1).unwrap_or("").trim();
                    println!("  {}:{line}: {}", entry.display, &l[..l.floor_char_boundary(120)]);
                }
            }
        }
        let pct = |n: usize| 100.0 * n as f64 / files.max(1) as f64;
        println!(
            "{}: {files} files; with errors as written {raw_err} ({:.1} %, whole-file {raw_whole}); as parsed {err} ({:.2} %, whole-file {whole})",
            dir.display(),
            pct(raw_err),
            pct(err)
        );
    }
}

/// The root itself is an ERROR node, or has one child that is.
fn is_whole_file_error(tree: &tree_sitter::Tree) -> bool {
    let root = tree.root_node();
    root.is_error() || (root.named_child_count() == 1 && root.named_child(0).is_some_and(|c| c.is_error()))
}
