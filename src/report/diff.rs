//! Unified diffs that `git apply` takes: `a/` and `b/` paths relative to the
//! working directory, original line endings, BOM and (for Windows-1252) bytes kept.

use std::borrow::Cow;
use std::fmt::Write;

use similar::udiff::UnifiedHunkHeader;
use similar::{DiffOp, DiffableStr, TextDiff};

use super::anchored;
use crate::model::FileChange;
use crate::source::Encoding;

const BOM: &str = "\u{feff}";

const CONTEXT_LINES: usize = 3;

/// Above this many lines times changed lines, one Myers pass over the whole file would take seconds (hours for
/// a generated 10 MB file rewritten everywhere): such a file is diffed piece by piece between anchor lines
/// instead. Same format; where several alignments are equally short, the pieces may pick another than the whole.
const WHOLE_FILE_MYERS_LIMIT: usize = 50_000_000;

/// The unified diff of one change.
pub fn unified(change: &FileChange) -> String {
    // Only UTF-8's BOM is a character of the text git diffs; a UTF-16 or UTF-32 file's is part of its encoding.
    let bom = if change.source.encoding == (Encoding::Utf8 { bom: true }) { BOM } else { "" };
    let old = format!("{bom}{}", change.source.text());
    let new = format!("{bom}{}", change.new_text);
    // A file outside the working directory is shown by its absolute path; like `git diff --no-index`, the
    // headers then name it relative to `/` (`a/tmp/A.cs`, not `a//tmp/A.cs`, which `git apply` and `patch`
    // would read as absolute and refuse).
    let path = change.source.display.trim_start_matches('/');
    let mut out = format!("diff --git a/{path} b/{path}\n");
    let (old_lines, new_lines) = (old.as_str().tokenize_lines(), new.as_str().tokenize_lines());
    let pieces = anchored::ops(&old_lines, &new_lines);
    let cost = (old_lines.len() + new_lines.len()).saturating_mul(anchored::changed_lines(&pieces));
    if cost > WHOLE_FILE_MYERS_LIMIT {
        write_hunks(&mut out, pieces, &old_lines, &new_lines, path);
        return out;
    }
    let diff = TextDiff::from_lines(&old, &new);
    out.push_str(
        &diff
            .unified_diff()
            .context_radius(CONTEXT_LINES)
            .missing_newline_hint(true)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string(),
    );
    out
}

/// `diff` (a file's `unified` diff, colored or not) as bytes for stdout, as `git diff` prints it: a Windows-1252
/// file's lines in its own bytes, so that `git apply` finds them in the file, the headers in UTF-8 like the paths
/// git prints. git takes UTF-16 and UTF-32 files for binary and shows no lines for them: theirs stay UTF-8 text,
/// to read, not to apply.
pub fn in_file_encoding<'d>(change: &FileChange, diff: &'d str) -> Cow<'d, [u8]> {
    if change.source.encoding != Encoding::Windows1252 {
        return Cow::Borrowed(diff.as_bytes());
    }
    // `diff --git`, then `---` and `+++` when there is a hunk: a line of the file can look like either.
    let header_lines = if diff.matches('\n').nth(1).is_some() { 3 } else { 1 };
    let body = diff.match_indices('\n').nth(header_lines - 1).map_or(diff.len(), |(i, _)| i + 1);
    match Encoding::Windows1252.encode(&diff[body..]) {
        Ok(lines) => Cow::Owned([&diff.as_bytes()[..body], &lines].concat()),
        // A new text the file cannot hold, which `apply` refuses to write: shown as it is, in UTF-8.
        Err(_) => Cow::Borrowed(diff.as_bytes()),
    }
}

/// Writes the hunks of `ops` as `similar`'s unified diff does (headers only when there is a hunk).
fn write_hunks(out: &mut String, ops: Vec<DiffOp>, old: &[&str], new: &[&str], path: &str) {
    let mut hunks = similar::group_diff_ops(ops, CONTEXT_LINES).into_iter().filter(|h| !h.is_empty()).peekable();
    if hunks.peek().is_some() {
        let _ = write!(out, "--- a/{path}\n+++ b/{path}\n");
    }
    for hunk in hunks {
        let _ = writeln!(out, "{}", UnifiedHunkHeader::new(&hunk));
        for change in hunk.iter().flat_map(|op| op.iter_changes(old, new)) {
            let _ = write!(out, "{}{}", change.tag(), change.value());
            if change.missing_newline() {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
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
    fn absolute_paths_are_written_relative_to_the_root() {
        let source = SourceFile::from_bytes("/tmp/x/A.cs".into(), "/tmp/x/A.cs".into(), b"a\nb\n".to_vec()).unwrap();
        let d = unified(&FileChange { source, new_text: "a\nc\n".to_string() });
        assert!(d.starts_with("diff --git a/tmp/x/A.cs b/tmp/x/A.cs\n--- a/tmp/x/A.cs\n+++ b/tmp/x/A.cs\n"), "{d}");
    }

    #[test]
    fn bom_is_part_of_the_first_line() {
        let d = unified(&change(b"\xEF\xBB\xBFa\nb\n", "a\nc\n"));
        assert!(d.contains(" \u{feff}a\n"), "{d:?}");
    }

    #[test]
    fn a_windows_1252_file_is_diffed_in_its_own_bytes() {
        let source = SourceFile::from_bytes("Café.cs".into(), "Café.cs".into(), b"// caf\xe9\nold\n".to_vec()).unwrap();
        let c = FileChange { source, new_text: "// café\nnew “x”\n".to_string() };
        let d = unified(&c);
        let bytes = in_file_encoding(&c, &d);
        // The path as git prints it, in UTF-8; the lines as in the file.
        let expected = "diff --git a/Café.cs b/Café.cs\n--- a/Café.cs\n+++ b/Café.cs\n".as_bytes().to_vec();
        assert_eq!(*bytes, [expected, b"@@ -1,2 +1,2 @@\n // caf\xe9\n-old\n+new \x93x\x94\n".to_vec()].concat());
        let colored = colorize(&d);
        let colored = in_file_encoding(&c, &colored);
        assert!(colored.starts_with("\x1b[1mdiff --git a/Café.cs".as_bytes()));
        assert!(colored.windows(12).any(|w| w == b"\x1b[32m+new \x93x"));
    }

    #[test]
    fn windows_1252_lines_that_look_like_headers_are_still_lines() {
        let c = change(b"-- caf\xe9\n", "++ café\n");
        assert_eq!(
            *in_file_encoding(&c, &unified(&c)),
            *b"diff --git a/x/A.cs b/x/A.cs\n--- a/x/A.cs\n+++ b/x/A.cs\n@@ -1 +1 @@\n--- caf\xe9\n+++ caf\xe9\n"
        );
    }

    #[test]
    fn a_change_windows_1252_cannot_hold_is_shown_in_utf8() {
        let c = change(b"// caf\xe9\n", "// Ж\n");
        let d = unified(&c);
        assert_eq!(*in_file_encoding(&c, &d), *d.as_bytes());
    }

    #[test]
    fn utf16_and_utf32_files_are_shown_as_utf8_text_without_their_bom() {
        let utf16: Vec<u8> =
            b"\xFF\xFE".iter().copied().chain("é\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let utf32: Vec<u8> =
            b"\x00\x00\xFE\xFF".iter().copied().chain("é\n".chars().flat_map(|c| u32::from(c).to_be_bytes())).collect();
        for bytes in [utf16, utf32] {
            let c = change(&bytes, "è\n");
            let d = unified(&c);
            assert!(d.ends_with("@@ -1 +1 @@\n-é\n+è\n"), "{d:?}");
            assert_eq!(*in_file_encoding(&c, &d), *d.as_bytes());
        }
    }

    #[test]
    fn hunks_written_from_operations_read_as_similars() {
        let cases = [
            ("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nB\nc\nd\ne\nf\ng\nh\nI\nj\n"),
            ("a\nb", "a\nc"),
            ("a\nb\n", "a\nb"),
            ("\u{feff}x\r\ny\r\n", "\u{feff}x\r\nz\r\n"),
            ("same\n", "same\n"),
            ("", "new\n"),
        ];
        for (old, new) in cases {
            let diff = TextDiff::from_lines(old, new);
            let expected =
                diff.unified_diff().context_radius(3).missing_newline_hint(true).header("a/p", "b/p").to_string();
            let mut written = String::new();
            write_hunks(&mut written, diff.ops().to_vec(), diff.old_slices(), diff.new_slices(), "p");
            assert_eq!(written, expected, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn a_file_changed_everywhere_is_diffed_in_pieces() {
        let mut old = String::new();
        let mut new = String::new();
        for i in 0..20_000 {
            old.push_str(&format!("    int M{i}(Task<int> t)\n    {{\n        return t.Result;\n    }}\n"));
            new.push_str(&format!("    async Task<int> M{i}(Task<int> t)\n    {{\n        return await t;\n    }}\n"));
        }
        let started = std::time::Instant::now();
        let d = unified(&change(old.as_bytes(), &new));
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        assert_eq!(d.matches("\n+        return await t;\n").count(), 20_000);
        assert!(
            d.contains("@@ -1,80000 +1,80000 @@\n-    int M0(Task<int> t)\n+    async Task<int> M0"),
            "{}",
            &d[..300]
        );
    }

    #[test]
    fn colors_only_change_lines() {
        let c = colorize("@@ -1 +1 @@\n-a\n+b\n c\n");
        assert!(c.contains("\x1b[31m-a\x1b[0m\n"));
        assert!(c.contains("\x1b[32m+b\x1b[0m\n"));
        assert!(c.ends_with(" c\n"));
    }
}
