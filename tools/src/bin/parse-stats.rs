//! Parse-error statistics over real code: how many files parse with ERROR/MISSING nodes as they are, in the
//! preprocessor view (inactive `#if` branches and directive lines blanked), and as asyncmod parses them (that view
//! with the substitutions of `syntax::recover`), with how often each recovery rule applied.
//!
//! `cargo run --release -p asyncmod-tools --bin parse-stats -- DIR... [--list]`: `--list` prints, for each file
//! that still has errors, the line of its first innermost error (see [`first_cause`]), to classify the causes.
//! `... -- --count FILE...` prints `errors<TAB>path` per file, errors counted as asyncmod's safety net counts them
//! (the sweep script compares files before and after a rewrite with it).

use std::path::PathBuf;

use asyncmod::source::SourceFile;
use asyncmod::syntax::{self, preprocessor, recover};
use asyncmod::workspace;
use tree_sitter::{Node, Tree};

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--count") {
        for path in std::env::args().skip(2) {
            let Ok(source) = SourceFile::load(path.as_ref(), path.clone()) else {
                println!("-\t{path}");
                continue;
            };
            let settings = workspace::discover(&[PathBuf::from(&path)]).files.first().map(|f| f.settings.clone());
            let symbols = settings.map(|s| s.define_constants.clone()).unwrap_or_default();
            let text = preprocessor::blank_inactive(source.text(), &preprocessor::Defines::new(&symbols));
            println!("{}\t{path}", syntax::error_count(&recover::parse(&text)));
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
        let mut blanked_err = 0usize;
        // Per rule: files it applied to, substitutions, and files it applied to that parse without error after.
        let mut rules: Vec<(recover::Rule, usize, usize, usize)> =
            recover::Rule::ALL.iter().map(|&r| (r, 0, 0, 0)).collect();
        for entry in &ws.files {
            let Ok(source) = SourceFile::load(&entry.path, entry.display.clone()) else { continue };
            if workspace::has_generated_header(source.text()) {
                continue;
            }
            files += 1;
            let raw = syntax::parse(source.text());
            if raw.root_node().has_error() {
                raw_err += 1;
                raw_whole += usize::from(is_whole_file_error(&raw));
            }
            let defines = preprocessor::Defines::new(&entry.settings.define_constants);
            let text = preprocessor::blank_inactive(source.text(), &defines);
            blanked_err += usize::from(syntax::parse(&text).root_node().has_error());
            let tree = recover::parse(&text);
            let substitutions = recover::substitutions(&text);
            for slot in &mut rules {
                let n = substitutions.iter().filter(|s| s.rule == slot.0).count();
                if n > 0 {
                    slot.1 += 1;
                    slot.2 += n;
                    slot.3 += usize::from(!tree.root_node().has_error());
                }
            }
            if tree.root_node().has_error() {
                err += 1;
                whole += usize::from(is_whole_file_error(&tree));
                if list {
                    let at = first_cause(&tree).unwrap_or(0);
                    let (line, _) = source.line_col(at);
                    let l = source.text().lines().nth(line - 1).unwrap_or("").trim();
                    println!("  {}:{line}: {}", entry.display, &l[..l.floor_char_boundary(120)]);
                }
            }
        }
        let pct = |n: usize| 100.0 * n as f64 / files.max(1) as f64;
        println!(
            "{}: {files} files; with errors as written {raw_err} ({:.1} %, whole-file {raw_whole}); directives blanked \
             {blanked_err} ({:.2} %); as parsed {err} ({:.2} %, whole-file {whole})",
            dir.display(),
            pct(raw_err),
            pct(blanked_err),
            pct(err)
        );
        for (rule, files, n, clean) in rules.iter().filter(|r| r.1 > 0) {
            println!("  recovery: {}: {files} files ({n} substitutions), {clean} of them parse cleanly", rule.name());
        }
    }
}

/// Where the file's first error starts, looking inside ERROR nodes: an ERROR that swallowed half the file starts
/// where the parser gave up on a declaration, often far above the code it could not read, while the first
/// ERROR or MISSING node nested in it (or the first node that reports an error none of its children shows) is
/// usually that code.
fn first_cause(tree: &Tree) -> Option<usize> {
    fn innermost(node: Node) -> Option<usize> {
        let broken = |n: &Node| n.is_missing() || n.has_error();
        let mut c = node.walk();
        let children: Vec<Node> = node.children(&mut c).collect();
        children.iter().filter(|n| broken(n)).find_map(|&n| innermost(n)).or(broken(&node).then_some(node.start_byte()))
    }
    innermost(tree.root_node())
}

/// The root itself is an ERROR node, or has one child that is.
fn is_whole_file_error(tree: &tree_sitter::Tree) -> bool {
    let root = tree.root_node();
    root.is_error() || (root.named_child_count() == 1 && root.named_child(0).is_some_and(|c| c.is_error()))
}
