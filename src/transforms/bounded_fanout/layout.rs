//! How new lines look in a file: its indentation unit and brace style, and
//! re-indentation of kept code that moves one or two levels deeper. Lines that
//! start inside a multi-line string literal are never touched.

use std::ops::Range;

/// A file's formatting habits, so new code looks like its neighbours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    /// One indentation level: a tab, or some number of spaces.
    pub unit: String,
    /// `{` on a line of its own (Allman, the C# default), rather than at the end of the line before.
    pub allman: bool,
    /// The file writes a block's statements on the block's own line (`try { Work(); }`); otherwise every block
    /// the rewrite writes spans lines (StyleCop's SA1501 and SA1500 reject one-line blocks).
    pub one_line_blocks: bool,
}

impl Style {
    pub fn detect(text: &str) -> Style {
        let mut tabs = 0usize;
        let mut spaces = 0usize;
        let mut deltas = [0usize; 9];
        let mut previous: Option<usize> = None;
        let mut allman = 0usize;
        let mut knr = 0usize;
        let mut one_line_blocks = false;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            // `try { Work(); }`, `finally { gate.Release(); }`: a block of statements on one line.
            one_line_blocks |= ["try {", "finally {", "catch {"].iter().any(|b| trimmed.starts_with(b))
                && trimmed.ends_with('}')
                && trimmed.len() > "try { }".len();
            if trimmed == "{" {
                allman += 1;
            } else if [") {", "=> {", "else {", "try {", "finally {", "do {"].iter().any(|e| trimmed.ends_with(e)) {
                knr += 1;
            }
            // Doc-comment continuations (` * ...`) and multi-line string contents say nothing.
            if trimmed.starts_with('*') {
                continue;
            }
            match line.as_bytes()[0] {
                b'\t' => tabs += 1,
                b' ' => spaces += 1,
                _ => {}
            }
            let width = line.len() - line.trim_start_matches(' ').len();
            if !line.starts_with('\t') {
                if let Some(p) = previous {
                    if width > p && width - p < deltas.len() {
                        deltas[width - p] += 1;
                    }
                }
                previous = Some(width);
            }
        }
        let unit = if tabs > spaces {
            "\t".to_string()
        } else {
            // The most common step up; ties go to the larger (4 over 2).
            let best = (2..deltas.len()).rev().max_by_key(|d| deltas[*d]).filter(|d| deltas[*d] > 0).unwrap_or(4);
            " ".repeat(best)
        };
        Style { unit, allman: allman >= knr, one_line_blocks }
    }
}

/// True when only whitespace precedes `offset` on its line.
pub fn starts_line(src: &str, offset: usize) -> bool {
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    src[start..offset].chars().all(|c| c == ' ' || c == '\t')
}

/// Offsets of the line starts strictly inside `range` (after a newline within it).
pub fn line_starts(src: &str, range: &Range<usize>) -> Vec<usize> {
    src[range.clone()].match_indices('\n').map(|(i, _)| range.start + i + 1).filter(|ls| *ls < range.end).collect()
}

fn is_blank_line(src: &str, ls: usize) -> bool {
    src[ls..].split('\n').next().unwrap_or("").trim().is_empty()
}

fn is_protected(protected: &[Range<usize>], ls: usize) -> bool {
    protected.iter().any(|r| r.start < ls && ls < r.end)
}

/// Whether the line starting at `ls` may be re-indented: not blank, not inside a string literal.
pub fn shiftable(src: &str, ls: usize, protected: &[Range<usize>]) -> bool {
    !is_protected(protected, ls) && !is_blank_line(src, ls)
}

/// Edits that move the lines starting inside `range` from indentation `from` to `to`.
/// A line indented less than `from` moves by the same amount when `to` only adds to `from`.
pub fn shift_edits(
    src: &str,
    range: &Range<usize>,
    from: &str,
    to: &str,
    protected: &[Range<usize>],
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    if from == to {
        return out;
    }
    for ls in line_starts(src, range) {
        if !shiftable(src, ls, protected) {
            continue;
        }
        if src[ls..].starts_with(from) {
            out.push((ls..ls + from.len(), to.to_string()));
        } else if let Some(extra) = to.strip_prefix(from) {
            out.push((ls..ls, extra.to_string()));
        }
    }
    out
}

/// The text of `range` with its inner lines moved from indentation `from` to `to`.
pub fn copy_shifted(src: &str, range: &Range<usize>, from: &str, to: &str, protected: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len());
    let mut cursor = range.start;
    for (r, text) in shift_edits(src, range, from, to, protected) {
        out.push_str(&src[cursor..r.start]);
        out.push_str(&text);
        cursor = r.end;
    }
    out.push_str(&src[cursor..range.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_units_and_braces() {
        let four = "class A\n{\n    void M()\n    {\n        X();\n    }\n}\n";
        assert_eq!(Style::detect(four), Style { unit: "    ".into(), allman: true, one_line_blocks: false });
        let two = "class A {\n  void M() {\n    X();\n  }\n}\n";
        assert_eq!(Style::detect(two), Style { unit: "  ".into(), allman: false, one_line_blocks: false });
        let compact = "class A\n{\n    void M()\n    {\n        try { X(); }\n        finally { Y(); }\n    }\n}\n";
        assert!(Style::detect(compact).one_line_blocks);
        let tabs = "class A\n{\n\tvoid M()\n\t{\n\t\tX();\n\t}\n}\n";
        assert_eq!(Style::detect(tabs).unit, "\t");
    }

    #[test]
    fn shifts_inner_lines_but_not_literal_contents() {
        let src = "a(\n    b,\n    @\"x\n  y\");";
        let lit = src.find('@').unwrap()..src.len() - 2;
        let out = copy_shifted(src, &(0..src.len()), "    ", "        ", &[lit]);
        assert_eq!(out, "a(\n        b,\n        @\"x\n  y\");");
    }

    #[test]
    fn lines_indented_less_than_expected_move_by_the_same_amount() {
        let src = "f(\n  x)";
        assert_eq!(copy_shifted(src, &(0..src.len()), "    ", "        ", &[]), "f(\n      x)");
    }
}
