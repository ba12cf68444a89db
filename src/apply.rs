//! Writing changes in place, safely: never over a file that changed since it
//! was read, never half-written (temp file in the same folder, then rename),
//! keeping the original's permissions and encoding, and for a whole run all
//! files or none.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::FileChange;
use crate::model::FileError;

/// A target that passed every check, with what writing it and putting it back take.
struct Checked<'a> {
    change: &'a FileChange,
    original: Vec<u8>,
    new: Vec<u8>,
    permissions: fs::Permissions,
}

/// Checks everything that can be known before writing: the file is as it was read, no link, writable, in a
/// writable folder, and its encoding holds the new text.
fn check(change: &FileChange) -> Result<Checked<'_>, FileError> {
    let path = &change.source.path;
    let err = |message: String| FileError { path: change.source.display.clone(), message };
    // Renaming over a link would replace the link, not write its target: never write through one.
    let link = fs::symlink_metadata(path).map_err(|e| err(format!("cannot read the file's metadata: {e}")))?;
    if link.file_type().is_symlink() {
        return Err(err("the file is a symbolic link; not changed. Run asyncmod on the file it points to.".into()));
    }
    let current = fs::read(path).map_err(|e| err(format!("cannot re-read the file before writing: {e}")))?;
    let as_read = change.source.encode(change.source.text()).ok();
    if current.len() != change.source.original_len || as_read.as_deref() != Some(&current[..]) {
        return Err(err("the file changed on disk during the run; not overwritten. Run asyncmod again.".into()));
    }
    let metadata = fs::metadata(path).map_err(|e| err(format!("cannot read file permissions: {e}")))?;
    if metadata.permissions().readonly() {
        return Err(err("the file is read-only; not changed. Make it writable and run again.".into()));
    }
    // Root may write anywhere; still honour a folder marked read-only, as for the file itself.
    if fs::metadata(folder_of(path)).is_ok_and(|m| m.permissions().readonly()) {
        return Err(err("its folder is read-only; not changed. Make the folder writable and run again.".into()));
    }
    let new = change.source.encode(&change.new_text).map_err(|e| {
        err(format!("{e}; not changed. Convert the file to UTF-8 (or make the change by hand) and run again."))
    })?;
    Ok(Checked { change, original: current, new, permissions: metadata.permissions() })
}

/// Writes one change; the error names what went wrong and what to do.
pub fn write_change(change: &FileChange) -> Result<(), FileError> {
    let c = check(change)?;
    write_atomically(&change.source.path, &c.new, c.permissions).map_err(|e| FileError {
        path: change.source.display.clone(),
        message: format!("cannot write the file: {e}; the original is untouched"),
    })
}

/// Writes every change or none: a run half written leaves callers awaiting methods that were never made async,
/// or the other way round. Every target is checked before the first is written; if a write still fails, the
/// files already written get their original bytes back. The errors name each file that stopped the run.
pub fn write_all(changes: &[FileChange]) -> Result<(), Vec<FileError>> {
    write_all_with(changes, write_atomically)
}

/// `write_all`, writing the new texts through `write` (the original bytes are put back through
/// `write_atomically`): lets tests make a write fail after the checks.
#[doc(hidden)]
pub fn write_all_with(
    changes: &[FileChange],
    mut write: impl FnMut(&Path, &[u8], fs::Permissions) -> std::io::Result<()>,
) -> Result<(), Vec<FileError>> {
    let mut checked = Vec::with_capacity(changes.len());
    let mut refused = Vec::new();
    for change in changes {
        match check(change) {
            Ok(c) => checked.push(c),
            Err(mut e) => {
                e.message.push_str(" No file was written: a run writes all its files or none.");
                refused.push(e);
            }
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    for (i, c) in checked.iter().enumerate() {
        let Err(cause) = write(&c.change.source.path, &c.new, c.permissions.clone()) else { continue };
        let failed = &c.change.source.display;
        let mut not_restored = Vec::new();
        for done in checked[..i].iter().rev() {
            if let Err(e) = write_atomically(&done.change.source.path, &done.original, done.permissions.clone()) {
                not_restored.push(FileError {
                    path: done.change.source.display.clone(),
                    message: format!(
                        "written, but not put back after {failed} could not be written: {e}; it holds the new text"
                    ),
                });
            }
        }
        let outcome = if not_restored.is_empty() {
            "No file was changed: a run writes all its files or none, and those written before it were put back."
        } else {
            "The files written before it could not all be put back (see their errors)."
        };
        let mut errors =
            vec![FileError { path: failed.clone(), message: format!("cannot write the file: {cause}. {outcome}") }];
        errors.extend(not_restored);
        return Err(errors);
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn temp_path_for(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    folder_of(path).join(format!(".{name}.asyncmod-{}.tmp", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8], permissions: fs::Permissions) -> std::io::Result<()> {
    let temp = temp_path_for(path);
    let result = (|| {
        let mut f = fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::set_permissions(&temp, permissions)?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn change_for(path: &Path, new_text: &str) -> FileChange {
        let source = SourceFile::load(path, "f.cs".into()).unwrap();
        FileChange { source, new_text: new_text.into() }
    }

    #[test]
    fn writes_and_keeps_bom() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.cs");
        fs::write(&p, b"\xEF\xBB\xBFold\r\n").unwrap();
        let c = change_for(&p, "new\r\n");
        write_change(&c).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"\xEF\xBB\xBFnew\r\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn writes_windows_1252_and_utf16_back_in_their_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let latin = dir.path().join("latin.cs");
        fs::write(&latin, b"// caf\xe9 \x93q\x94\r\nold\r\n").unwrap();
        let wide = dir.path().join("wide.cs");
        fs::write(&wide, b"\xFF\xFEo\x00l\x00d\x00").unwrap();
        write_all(&[change_for(&latin, "// café “q”\r\nnew\r\n"), change_for(&wide, "né")]).unwrap();
        assert_eq!(fs::read(&latin).unwrap(), b"// caf\xe9 \x93q\x94\r\nnew\r\n");
        assert_eq!(fs::read(&wide).unwrap(), b"\xFF\xFEn\x00\xe9\x00");
    }

    #[test]
    fn a_text_one_file_cannot_hold_stops_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let utf8 = dir.path().join("a.cs");
        fs::write(&utf8, "old").unwrap();
        let latin = dir.path().join("b.cs");
        fs::write(&latin, b"// caf\xe9\n").unwrap();
        let errors = write_all(&[change_for(&utf8, "new"), change_for(&latin, "// café Ж\n")]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("'Ж' (U+0416), which a Windows-1252 file cannot hold"), "{errors:?}");
        assert!(errors[0].message.contains("No file was written"), "{errors:?}");
        assert_eq!(fs::read(&utf8).unwrap(), b"old");
        assert_eq!(fs::read(&latin).unwrap(), b"// caf\xe9\n");
    }

    #[test]
    fn refuses_a_file_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.cs");
        fs::write(&p, "old").unwrap();
        let c = change_for(&p, "new");
        fs::write(&p, "edited by someone").unwrap();
        let e = write_change(&c).unwrap_err();
        assert!(e.message.contains("changed on disk"));
        assert_eq!(fs::read_to_string(&p).unwrap(), "edited by someone");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_refuses_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.cs");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write_change(&change_for(&p, "new")).unwrap();
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o440)).unwrap();
        let e = write_change(&change_for(&p, "newer")).unwrap_err();
        assert!(e.message.contains("read-only"));
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    }
}
