//! One C# source file as read from disk: its text plus the byte-level facts
//! (encoding, BOM, line endings) that must survive a rewrite untouched.
//!
//! The compiler reads UTF-8 with or without a BOM, UTF-16 and UTF-32 with a BOM, and any other file in the
//! system code page (Windows-1252 on Western systems); so does asyncmod, and it writes each file back the way it
//! read it, byte for byte outside the edits.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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

/// How a file's text is stored on disk. UTF-16 and UTF-32 are only ever read with a byte order mark: without
/// one the compiler does not take a file for either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8 {
        bom: bool,
    },
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    /// What the compiler falls back to for a file that is not UTF-8 and has no byte order mark.
    Windows1252,
}

/// The byte order marks, longest first: UTF-32 LE's begins with UTF-16 LE's.
const BOMS: [(Encoding, &[u8]); 5] = [
    (Encoding::Utf32Le, b"\xFF\xFE\x00\x00"),
    (Encoding::Utf32Be, b"\x00\x00\xFE\xFF"),
    (Encoding::Utf8 { bom: true }, b"\xEF\xBB\xBF"),
    (Encoding::Utf16Le, b"\xFF\xFE"),
    (Encoding::Utf16Be, b"\xFE\xFF"),
];

/// Windows-1252 bytes 0x80 to 0x9F. The five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
/// stand for the C1 control of the same value, as in Windows' own conversion, so that every byte reads and
/// writes back unchanged.
#[rustfmt::skip]
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 { bom: false } => "UTF-8",
            Encoding::Utf8 { bom: true } => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Utf32Le => "UTF-32 LE",
            Encoding::Utf32Be => "UTF-32 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    pub fn has_bom(self) -> bool {
        !self.bom().is_empty()
    }

    fn bom(self) -> &'static [u8] {
        BOMS.iter().find(|(e, _)| *e == self).map_or(&[], |(_, bom)| *bom)
    }

    /// The bytes of `text` in this encoding, byte order mark first; fails on the first character the encoding
    /// cannot hold (only Windows-1252 lacks some).
    pub fn encode(self, text: &str) -> Result<Vec<u8>, Unencodable> {
        let bom = self.bom();
        let mut out = Vec::with_capacity(bom.len() + text.len());
        out.extend_from_slice(bom);
        match self {
            Encoding::Utf8 { .. } => out.extend_from_slice(text.as_bytes()),
            Encoding::Utf16Le => text.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
            Encoding::Utf16Be => text.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
            Encoding::Utf32Le => text.chars().for_each(|c| out.extend_from_slice(&u32::from(c).to_le_bytes())),
            Encoding::Utf32Be => text.chars().for_each(|c| out.extend_from_slice(&u32::from(c).to_be_bytes())),
            Encoding::Windows1252 => {
                for c in text.chars() {
                    out.push(windows_1252_byte(c).ok_or(Unencodable { character: c, encoding: self })?);
                }
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn windows_1252_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ (0..=0x7F | 0xA0..=0xFF) => Some(n as u8),
        _ => WINDOWS_1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A new text holds a character its file's encoding cannot store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unencodable {
    pub character: char,
    pub encoding: Encoding,
}

impl fmt::Display for Unencodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the new text holds '{}' (U+{:04X}), which a {} file cannot hold",
            self.character.escape_debug(),
            u32::from(self.character),
            self.encoding
        )
    }
}

/// Why a file could not be taken in as C# text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Unreadable(String),
    /// Not UTF-8, no byte order mark, and NUL bytes: no text file the compiler would read.
    Binary,
    /// A byte order mark followed by bytes that are not text in its encoding (a lone surrogate, a cut-off unit).
    Malformed {
        encoding: Encoding,
        byte_offset: usize,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable(e) => write!(f, "cannot read file: {e}"),
            LoadError::Binary => write!(f, "file contains NUL bytes and looks binary; skipped"),
            LoadError::Malformed { encoding, byte_offset } => write!(
                f,
                "file starts with a {encoding} byte order mark but is not valid {encoding} (first bad byte at offset \
                 {byte_offset}); skipped"
            ),
        }
    }
}

/// The encoding of `bytes` and the text they hold, as the compiler decides it.
fn decode(mut bytes: Vec<u8>) -> Result<(Encoding, String), LoadError> {
    let Some(&(encoding, bom)) = BOMS.iter().find(|(_, bom)| bytes.starts_with(bom)) else {
        return match String::from_utf8(bytes) {
            Ok(text) => Ok((Encoding::Utf8 { bom: false }, text)),
            Err(e) if e.as_bytes().contains(&0) => Err(LoadError::Binary),
            Err(e) => Ok((Encoding::Windows1252, e.as_bytes().iter().map(|&b| windows_1252_char(b)).collect())),
        };
    };
    let malformed = |at: usize| LoadError::Malformed { encoding, byte_offset: bom.len() + at };
    let body = &bytes[bom.len()..];
    let text = match encoding {
        Encoding::Utf8 { .. } => {
            bytes.drain(..bom.len());
            String::from_utf8(bytes).map_err(|e| malformed(e.utf8_error().valid_up_to()))?
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let unit = |p: &[u8]| match encoding {
                Encoding::Utf16Le => u16::from_le_bytes([p[0], p[1]]),
                _ => u16::from_be_bytes([p[0], p[1]]),
            };
            let pairs = body.chunks_exact(2);
            let cut = if pairs.remainder().is_empty() { None } else { Some(body.len() - 1) };
            let mut text = String::with_capacity(body.len() / 2);
            let mut units = 0;
            for c in char::decode_utf16(pairs.map(unit)) {
                let c = c.map_err(|_| malformed(units * 2))?;
                units += c.len_utf16();
                text.push(c);
            }
            if let Some(at) = cut {
                return Err(malformed(at));
            }
            text
        }
        Encoding::Utf32Le | Encoding::Utf32Be => {
            let quads = body.chunks_exact(4);
            if !quads.remainder().is_empty() {
                return Err(malformed(body.len() - quads.remainder().len()));
            }
            let mut text = String::with_capacity(body.len() / 4);
            for (i, q) in quads.enumerate() {
                let q = [q[0], q[1], q[2], q[3]];
                let n = if encoding == Encoding::Utf32Le { u32::from_le_bytes(q) } else { u32::from_be_bytes(q) };
                text.push(char::from_u32(n).ok_or_else(|| malformed(i * 4))?);
            }
            text
        }
        Encoding::Windows1252 => unreachable!("Windows-1252 has no byte order mark"),
    };
    Ok((encoding, text))
}

/// The UTF-8 text that a file's bytes hold, borrowed where the bytes already are that text: for a quick search
/// without building a `SourceFile`. Bytes that do not decode are given back as they are.
pub fn text_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Some(rest) = bytes.strip_prefix(Encoding::Utf8 { bom: true }.bom()) {
        return Cow::Borrowed(rest);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Cow::Borrowed(bytes);
    }
    match decode(bytes.to_vec()) {
        Ok((_, text)) => Cow::Owned(text.into_bytes()),
        Err(_) => Cow::Borrowed(bytes),
    }
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path used to open the file.
    pub path: PathBuf,
    /// Path shown to the user and written in diffs (relative to the working directory when possible).
    pub display: String,
    /// The decoded text without its BOM (see [`SourceFile::text`]); shared, so that a planned change carries the
    /// file without copying it. Empty while put aside.
    text: OnceLock<Arc<str>>,
    /// For a text put aside, what it was: a re-read must find the same text.
    aside: Option<Aside>,
    pub encoding: Encoding,
    pub line_ending: LineEnding,
    /// The bytes as read, to detect a change on disk before writing.
    pub original_len: usize,
    /// Offsets where lines start, built on the first `line_col` (a 10 MB file has tens of thousands of sites).
    line_starts: OnceLock<Vec<u32>>,
}

/// What a text put aside was, and whether reading it again found another.
#[derive(Clone, Debug)]
struct Aside {
    len: usize,
    fingerprint: u64,
    /// Set when the re-read found other bytes: the file changed on disk during the run.
    changed: OnceLock<()>,
}

fn fingerprint(text: &str) -> u64 {
    // A fixed-key hash: the same text gives the same value on every run.
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

impl SourceFile {
    pub fn load(path: &Path, display: String) -> Result<SourceFile, LoadError> {
        let bytes = std::fs::read(path).map_err(|e| LoadError::Unreadable(e.to_string()))?;
        Self::from_bytes(path.to_path_buf(), display, bytes)
    }

    pub fn from_bytes(path: PathBuf, display: String, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
        let original_len = bytes.len();
        let (encoding, text) = decode(bytes)?;
        let line_ending = LineEnding::dominant_in(&text);
        Ok(SourceFile {
            path,
            display,
            text: OnceLock::from(Arc::<str>::from(text)),
            aside: None,
            encoding,
            line_ending,
            original_len,
            line_starts: Default::default(),
        })
    }

    /// The decoded text, without its BOM. A text put aside is read again from the file (once); if the file no
    /// longer holds it, the text is spaces of the same length, so that every offset the facts hold stays valid,
    /// and [`SourceFile::changed_on_disk`] tells it.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| self.read_again())
    }

    /// Runs `f` on the text without keeping a text put aside: for a look at a file whose text nothing needs
    /// afterwards (where its sites stand, words in a region that does not parse). Kept, those texts were a
    /// twentieth of the .NET reference source's peak memory.
    pub fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match self.text.get() {
            Some(text) => f(text),
            None => f(&self.read_again()),
        }
    }

    /// The text, shared.
    pub fn shared_text(&self) -> Arc<str> {
        self.text();
        Arc::clone(self.text.get().expect("text() has just set it"))
    }

    /// The text's length in bytes, without reading a text put aside.
    pub fn text_len(&self) -> usize {
        match (&self.aside, self.text.get()) {
            (_, Some(text)) => text.len(),
            (Some(aside), None) => aside.len,
            (None, None) => 0,
        }
    }

    /// Frees the text of a file read from `path`, until something asks for it again: most files of a solution are
    /// needed for their facts alone, and their text would be a fifth of a run's memory.
    pub fn put_text_aside(&mut self) {
        if let Some(text) = self.text.take() {
            self.aside = Some(Aside { len: text.len(), fingerprint: fingerprint(&text), changed: OnceLock::new() });
        }
    }

    /// Whether the text was put aside, and whether it has been read again since.
    pub fn aside(&self) -> Option<bool> {
        self.aside.as_ref().map(|_| self.text.get().is_some())
    }

    /// Whether the text was put aside and reading it again found the file changed on disk.
    pub fn changed_on_disk(&self) -> bool {
        self.aside.as_ref().is_some_and(|a| a.changed.get().is_some())
    }

    fn read_again(&self) -> Arc<str> {
        let Some(aside) = &self.aside else { unreachable!("a text is only missing when it was put aside") };
        let again = std::fs::read(&self.path).ok().and_then(|bytes| decode(bytes).ok());
        match again {
            Some((encoding, text))
                if encoding == self.encoding && text.len() == aside.len && fingerprint(&text) == aside.fingerprint =>
            {
                text.into()
            }
            _ => {
                let _ = aside.changed.set(());
                " ".repeat(aside.len).into()
            }
        }
    }

    /// The file's bytes for `text`: in its encoding, with its BOM if it had one.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, Unencodable> {
        self.encoding.encode(text)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let starts = self.line_starts.get_or_init(|| line_starts(text));
        position(text, starts, offset)
    }
}

/// A text with where its lines start: for many offsets of one text turned into lines and columns.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<u32>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines { text, starts: line_starts(text) }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        position(self.text, &self.starts, offset)
    }
}

fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(line_start)).collect()
}

fn position(text: &str, starts: &[u32], offset: usize) -> (usize, usize) {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let line = starts.partition_point(|&s| s as usize <= offset);
    let start = starts[line - 1] as usize;
    (line, text[start..offset].chars().count() + 1)
}

/// Where the line after the newline at `newline` starts, as stored: files over 4 GiB are not C# anyone writes,
/// and their later lines would report the last line start below 4 GiB.
fn line_start(newline: usize) -> u32 {
    u32::try_from(newline + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<SourceFile, LoadError> {
        SourceFile::from_bytes("a.cs".into(), "a.cs".into(), bytes.to_vec())
    }

    #[test]
    fn a_text_put_aside_is_read_again_in_its_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("A.cs");
        let bytes = b"\xFF\xFEc\x00l\x00a\x00s\x00s\x00 \x00A\x00\r\x00\n\x00";
        std::fs::write(&path, bytes).unwrap();
        let mut f = SourceFile::load(&path, "A.cs".into()).unwrap();
        assert_eq!(f.aside(), None);
        f.put_text_aside();
        assert_eq!(f.aside(), Some(false));
        assert_eq!(f.text_len(), "class A\r\n".len());
        assert_eq!(f.aside(), Some(false), "the length is known without reading the file");
        assert_eq!(f.text(), "class A\r\n");
        assert_eq!(f.aside(), Some(true));
        assert!(!f.changed_on_disk());
        assert_eq!(f.line_col(6), (1, 7));
    }

    /// `text` written to `A.cs` in a new folder (kept while the handle lives), loaded and put aside.
    fn put_aside(text: &str) -> (tempfile::TempDir, PathBuf, SourceFile) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("A.cs");
        std::fs::write(&path, text).unwrap();
        let mut f = SourceFile::load(&path, "A.cs".into()).unwrap();
        f.put_text_aside();
        (dir, path, f)
    }

    #[test]
    fn a_look_at_a_text_put_aside_does_not_keep_it() {
        let (_dir, _, f) = put_aside("class A\n{\n    int é;\n}\n");
        let positions = f.with_text(|text| {
            let lines = Lines::new(text);
            [0, text.find("int").unwrap(), text.find(';').unwrap()].map(|offset| lines.line_col(offset))
        });
        assert_eq!(positions, [(1, 1), (3, 5), (3, 10)], "columns count characters, not bytes");
        assert_eq!(f.aside(), Some(false), "the text stays aside");
        assert_eq!(f.line_col(f.text().find(';').unwrap()), (3, 10), "the same as a kept text's");
        assert_eq!(f.aside(), Some(true));
        assert_eq!(f.with_text(|text| text.len()), f.text_len());
    }

    #[test]
    fn a_text_put_aside_that_changed_on_disk_reads_as_spaces_and_says_so() {
        let (_dir, path, f) = put_aside("class A { void M() { } }\n");
        // Same length, other text: only the fingerprint tells.
        std::fs::write(&path, "class B { void N() { } }\n").unwrap();
        assert_eq!(f.text(), " ".repeat("class A { void M() { } }\n".len()));
        assert!(f.changed_on_disk());

        let mut gone = SourceFile::load(&path, "A.cs".into()).unwrap();
        gone.put_text_aside();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(gone.text().len(), "class B { void N() { } }\n".len());
        assert!(gone.changed_on_disk());
    }

    #[test]
    fn keeps_bom_and_detects_crlf() {
        let f = read(b"\xEF\xBB\xBFclass A {}\r\n").unwrap();
        assert_eq!(f.encoding, Encoding::Utf8 { bom: true });
        assert!(f.encoding.has_bom());
        assert_eq!(f.text(), "class A {}\r\n");
        assert_eq!(f.line_ending, LineEnding::CrLf);
        assert_eq!(f.encode(f.text()).unwrap(), b"\xEF\xBB\xBFclass A {}\r\n");
        let plain = read(b"class A {}\n").unwrap();
        assert_eq!(plain.encoding, Encoding::Utf8 { bom: false });
        assert!(!plain.encoding.has_bom());
    }

    #[test]
    fn every_byte_round_trips_through_windows_1252() {
        // 0xFF first makes the bytes invalid UTF-8; no NUL, which would make them binary.
        let bytes: Vec<u8> = std::iter::once(0xFF).chain(1..=0xFF).collect();
        let f = read(&bytes).unwrap();
        assert_eq!(f.encoding, Encoding::Windows1252);
        assert_eq!(f.original_len, 256);
        assert_eq!(f.encode(f.text()).unwrap(), bytes);
        assert_eq!(Encoding::Windows1252.encode("\0").unwrap(), b"\0", "NUL is a character like any other");
        let chars: Vec<char> = f.text().chars().collect();
        assert_eq!(chars.len(), 256);
        assert_eq!((chars[0x80], chars[0x81], chars[0x93], chars[0x9F]), ('€', '\u{81}', '“', 'Ÿ'));
        assert_eq!((chars[0x8D], chars[0x8F], chars[0x90], chars[0x9D]), ('\u{8D}', '\u{8F}', '\u{90}', '\u{9D}'));
        assert_eq!((chars[0xA0], chars[0xE9], chars[0xFF]), ('\u{A0}', 'é', '\u{FF}'));
    }

    #[test]
    fn windows_1252_keeps_crlf_and_latin_text() {
        let f = read(b"// Caf\xe9 \x93q\x94\r\nclass A {}\r\n").unwrap();
        assert_eq!(f.text(), "// Café “q”\r\nclass A {}\r\n");
        assert_eq!(f.line_ending, LineEnding::CrLf);
        assert_eq!(f.encode("// Café “q” — Œuvre\r\n").unwrap(), b"// Caf\xe9 \x93q\x94 \x97 \x8cuvre\r\n");
    }

    #[test]
    fn a_character_the_encoding_cannot_hold_is_refused() {
        let f = read(b"// caf\xe9\n").unwrap();
        let err = f.encode("// café Ж\n").unwrap_err();
        assert_eq!(err, Unencodable { character: 'Ж', encoding: Encoding::Windows1252 });
        assert!(err.to_string().contains("U+0416"), "{err}");
        // The C1 controls that 0x80 to 0x9F do not stand for have no byte either.
        assert!(f.encode("\u{80}").is_err());
        assert!(f.encode("\u{81}").is_ok());
        for e in [Encoding::Utf8 { bom: false }, Encoding::Utf16Le, Encoding::Utf32Be] {
            assert!(e.encode("Ж😀").is_ok(), "{e}");
        }
    }

    #[test]
    fn utf16_and_utf32_round_trip_with_their_bom() {
        // A surrogate pair (😀) and CRLF lines.
        let text = "// é 😀\r\nclass A {}\r\n";
        let cases: [(Encoding, &[u8]); 4] = [
            (Encoding::Utf16Le, b"\xFF\xFE"),
            (Encoding::Utf16Be, b"\xFE\xFF"),
            (Encoding::Utf32Le, b"\xFF\xFE\x00\x00"),
            (Encoding::Utf32Be, b"\x00\x00\xFE\xFF"),
        ];
        for (encoding, bom) in cases {
            let mut bytes = bom.to_vec();
            for c in text.chars() {
                let n = u32::from(c);
                match encoding {
                    Encoding::Utf16Le => c.encode_utf16(&mut [0; 2]).iter().for_each(|u| bytes.extend(u.to_le_bytes())),
                    Encoding::Utf16Be => c.encode_utf16(&mut [0; 2]).iter().for_each(|u| bytes.extend(u.to_be_bytes())),
                    Encoding::Utf32Le => bytes.extend(n.to_le_bytes()),
                    _ => bytes.extend(n.to_be_bytes()),
                }
            }
            let f = read(&bytes).unwrap();
            assert_eq!(f.encoding, encoding);
            assert!(f.encoding.has_bom());
            assert_eq!(f.text(), text, "{encoding}");
            assert_eq!(f.line_ending, LineEnding::CrLf, "{encoding}");
            assert_eq!(f.original_len, bytes.len());
            assert_eq!(f.encode(f.text()).unwrap(), bytes, "{encoding}");
            assert_eq!(&*text_bytes(&bytes), text.as_bytes(), "{encoding}");
        }
        assert_eq!(read(b"\xFF\xFEA\x00\r\x00\n\x00").unwrap().line_ending, LineEnding::CrLf);
    }

    #[test]
    fn text_after_a_bom_must_be_valid_in_its_encoding() {
        let malformed = |bytes: &[u8]| match read(bytes) {
            Err(LoadError::Malformed { encoding, byte_offset }) => (encoding, byte_offset),
            other => panic!("{other:?}"),
        };
        // A lone high surrogate, then a cut-off unit.
        assert_eq!(malformed(b"\xFF\xFEA\x00\x00\xD8B\x00"), (Encoding::Utf16Le, 4));
        assert_eq!(malformed(b"\xFE\xFF\x00A\x00"), (Encoding::Utf16Be, 4));
        assert_eq!(malformed(b"\x00\x00\xFE\xFF\x00\x11\x00\x00"), (Encoding::Utf32Be, 4));
        assert_eq!(malformed(b"\xFF\xFE\x00\x00A\x00\x00"), (Encoding::Utf32Le, 4));
        assert_eq!(malformed(b"\xEF\xBB\xBFcaf\xe9"), (Encoding::Utf8 { bom: true }, 6));
        assert!(read(b"\xFF\xFEA\x00\x00\xD8").unwrap_err().to_string().contains("not valid UTF-16 LE"));
    }

    #[test]
    fn binary_is_nul_in_bytes_that_are_not_utf8() {
        assert_eq!(read(b"ab\0c\xff").unwrap_err(), LoadError::Binary);
        assert_eq!(read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(), LoadError::Binary);
        // As for the compiler, valid UTF-8 is text, NUL or not; so is anything after a byte order mark.
        assert_eq!(read(b"ab\0c").unwrap().encoding, Encoding::Utf8 { bom: false });
        assert_eq!(read(b"\xFF\xFE\0\0").unwrap().encoding, Encoding::Utf32Le);
    }

    #[test]
    fn text_bytes_borrows_utf8_and_decodes_the_rest() {
        assert!(matches!(text_bytes(b"\xEF\xBB\xBFclass A"), Cow::Borrowed(b"class A")));
        assert!(matches!(text_bytes(b"class A"), Cow::Borrowed(b"class A")));
        assert_eq!(&*text_bytes(b"caf\xe9"), "café".as_bytes());
        assert_eq!(&*text_bytes(b"\xff\0"), b"\xff\0", "binary is given back as it is");
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
        let f = read("ab\nçd\n\nx".as_bytes()).unwrap();
        for offset in [0, 1, 2, 3, 5, 6, 7, 8, 9, 100] {
            assert_eq!(f.line_col(offset), line_col(f.text(), offset.min(f.text().len())), "{offset}");
        }
    }
}
