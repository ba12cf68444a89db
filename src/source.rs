//! One C# source file as read from disk: its text plus the byte-level facts
//! (BOM, line endings) that must survive a rewrite untouched.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Line-ending style; new lines the tool inserts follow the file's dominant one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }

    /// The style used by most lines (ties and files without newlines: LF).
    pub fn dominant_in(text: &str) -> LineEnding {
        let newlines = text.bytes().filter(|&b| b == b'\n').count();
        let crlf = text.as_bytes().windows(2).filter(|w| w == b"\r\n").count();
        if crlf * 2 > newlines {
            LineEnding::CrLf
        } else {
            LineEnding::Lf
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a file could not be taken in as C# text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Unreadable(String),
    Binary,
    NotUtf8 { byte_offset: usize },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable(e) => write!(f, "cannot read file: {e}"),
            LoadError::Binary => write!(f, "file contains NUL bytes and looks binary; skipped"),
            LoadError::NotUtf8 { byte_offset } => write!(
                f,
                "file is not valid UTF-8 (first bad byte at offset {byte_offset}); skipped, convert it to UTF-8 to let asyncmod rewrite it"
            ),
        }
    }
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path used to open the file.
    pub path: PathBuf,
    /// Path shown to the user and written in diffs (relative to the working directory when possible).
    pub display: String,
    /// The text without its BOM; shared, so that a planned change carries the file without copying it.
    pub text: Arc<str>,
    pub bom: bool,
    pub line_ending: LineEnding,
    /// The bytes as read, to detect a change on disk before writing.
    pub original_len: usize,
    /// Offsets where lines start, built on the first `line_col` (a 10 MB file has tens of thousands of sites).
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

impl SourceFile {
    pub fn load(path: &Path, display: String) -> Result<SourceFile, LoadError> {
        let bytes = std::fs::read(path).map_err(|e| LoadError::Unreadable(e.to_string()))?;
        Self::from_bytes(path.to_path_buf(), display, bytes)
    }

    pub fn from_bytes(path: PathBuf, display: String, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
        let original_len = bytes.len();
        let (bom, body) = match bytes.strip_prefix(UTF8_BOM) {
            Some(rest) => (true, rest.to_vec()),
            None => (false, bytes),
        };
        if memchr_nul(&body) {
            return Err(LoadError::Binary);
        }
        let text = String::from_utf8(body)
            .map_err(|e| LoadError::NotUtf8 { byte_offset: e.utf8_error().valid_up_to() + if bom { 3 } else { 0 } })?;
        let line_ending = LineEnding::dominant_in(&text);
        Ok(SourceFile {
            path,
            display,
            text: text.into(),
            bom,
            line_ending,
            original_len,
            line_starts: Default::default(),
        })
    }

    /// The file's bytes for `text`, with the original BOM put back.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(UTF8_BOM);
        }
        out.extend_from_slice(text.as_bytes());
        out
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(line_start)).collect()
        });
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = starts.partition_point(|&s| s as usize <= offset);
        let start = starts[line - 1] as usize;
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// Where the line after the newline at `newline` starts, as stored: files over 4 GiB are not C# anyone writes,
/// and their later lines would report the last line start below 4 GiB.
fn line_start(newline: usize) -> u32 {
    u32::try_from(newline + 1).unwrap_or(u32::MAX)
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_bom_and_detects_crlf() {
        let f = SourceFile::from_bytes("a.cs".into(), "a.cs".into(), b"\xEF\xBB\xBFclass A {}\r\n".to_vec()).unwrap();
        assert!(f.bom);
        assert_eq!(&*f.text, "class A {}\r\n");
        assert_eq!(f.line_ending, LineEnding::CrLf);
        assert_eq!(f.encode(&f.text), b"\xEF\xBB\xBFclass A {}\r\n");
    }

    #[test]
    fn rejects_binary_and_non_utf8() {
        assert_eq!(SourceFile::from_bytes("a".into(), "a".into(), b"ab\0c".to_vec()).unwrap_err(), LoadError::Binary);
        assert_eq!(
            SourceFile::from_bytes("a".into(), "a".into(), b"caf\xe9".to_vec()).unwrap_err(),
            LoadError::NotUtf8 { byte_offset: 3 }
        );
    }

    /// The slow, obvious answer the indexed `SourceFile::line_col` must agree with.
    fn line_col(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, text[line_start..offset].chars().count() + 1)
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nçd", 5), (2, 2));
        let f = SourceFile::from_bytes("a".into(), "a".into(), "ab\nçd\n\nx".as_bytes().to_vec()).unwrap();
        for offset in [0, 1, 2, 3, 5, 6, 7, 8, 9, 100] {
            assert_eq!(f.line_col(offset), line_col(&f.text, offset.min(f.text.len())), "{offset}");
        }
    }
}
