//! Unified diffs that `git apply` takes: `a/` and `b/` paths relative to the
//! working directory, original line endings and BOM kept.

use similar::TextDiff;

use crate::engine::FileChange;

const BOM: &str = "\u{feff}";

/// The unified diff of one change.
pub fn unified(change: &FileChange) -> String {
    let bom = if change.source.bom { BOM } else { "" };
    let old = format!("{bom}{}", change.source.text);
    let new = format!("{bom}{}", change.new_text);
    let diff = TextDiff::from_lines(&old, &new);
    let path = &change.source.display;
    let mut out = format!("diff --git a/{path} b/{path}\n");
    out.push_str(
        &diff
            .unified_diff()
            .context_radius(3)
            .missing_newline_hint(true)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string(),
    );
    out
}

/// ANSI colors for a diff shown on a terminal.
pub fn colorize(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len() + diff.len() / 8);
    for line in diff.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let color = if body.starts_with("+++") || body.starts_with("---") || body.starts_with("diff --git") {
            "\x1b[1m"
        } else if body.starts_with('+') {
            "\x1b[32m"
        } else if body.starts_with('-') {
            "\x1b[31m"
        } else if body.starts_with("@@") {
            "\x1b[36m"
        } else {
            ""
        };
        if color.is_empty() {
            out.push_str(line);
        } else {
            out.push_str(color);
            out.push_str(body);
            out.push_str("\x1b[0m");
            out.push_str(nl);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn change(bytes: &[u8], new_text: &str) -> FileChange {
        let source = SourceFile::from_bytes("x/A.cs".into(), "x/A.cs".into(), bytes.to_vec()).unwrap();
        FileChange { source, new_text: new_text.to_string() }
    }

    #[test]
    fn keeps_crlf_in_diff_lines() {
        let d = unified(&change(b"a\r\nb\r\n", "a\r\nc\r\n"));
        assert!(d.contains("-b\r\n+c\r\n"), "{d:?}");
        assert!(d.starts_with("diff --git a/x/A.cs b/x/A.cs\n--- a/x/A.cs\n+++ b/x/A.cs\n"));
    }

    #[test]
    fn bom_is_part_of_the_first_line() {
        let d = unified(&change(b"\xEF\xBB\xBFa\nb\n", "a\nc\n"));
        assert!(d.contains(" \u{feff}a\n"), "{d:?}");
    }

    #[test]
    fn colors_only_change_lines() {
        let c = colorize("@@ -1 +1 @@\n-a\n+b\n c\n");
        assert!(c.contains("\x1b[31m-a\x1b[0m\n"));
        assert!(c.contains("\x1b[32m+b\x1b[0m\n"));
        assert!(c.ends_with(" c\n"));
    }
}
