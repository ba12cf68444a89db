//! Rendering a file's edits and checking the result before anything may be written: no edit into a file
//! that must not change or into code that does not parse, and no new parse error.

use crate::edit::{self, Edit};
use crate::index::IndexedFile;
use crate::model::{FileChange, FileError};
use crate::syntax::{self, preprocessor, preprocessor::Defines, recover};

/// Why a file's rewrite was refused.
pub(super) struct Refusal {
    pub(super) error: FileError,
    /// An edit would touch code that does not parse: planning again without this file can succeed.
    pub(super) touches_broken_code: bool,
}

impl From<FileError> for Refusal {
    fn from(error: FileError) -> Self {
        Refusal { error, touches_broken_code: false }
    }
}

pub(super) fn render_file(file: &IndexedFile, edits: Vec<Edit>) -> Result<Option<FileChange>, Refusal> {
    let path = file.source.display.clone();
    let edits = edit::normalize(edits).map_err(|e| FileError { path: path.clone(), message: e.to_string() })?;
    if edits.is_empty() {
        return Ok(None);
    }
    if let Some(why) = &file.read_only {
        return Err(FileError {
            path,
            message: format!("internal error: a rewrite reached a file that {why}; it is left unchanged"),
        }
        .into());
    }
    // The planner keeps edits away from code that does not parse; this is the backstop. One edit is part of an
    // intent whose other edits may sit elsewhere in the file, so the whole file is left alone, not just the edit.
    if let Some(e) = edits.iter().find(|e| file.facts.overlaps_error(&e.range)) {
        let (line, column) = file.source.line_col(e.range.start);
        return Err(Refusal {
            error: FileError {
                path,
                message: format!(
                    "a {} change at {line}:{column} would touch code that does not parse; the file is left unchanged",
                    e.origin
                ),
            },
            touches_broken_code: true,
        });
    }
    let new_text = edit::render(file.source.text(), &edits);
    if *new_text == *file.source.text() {
        return Ok(None);
    }
    let defines = Defines::new(&file.settings.define_constants);
    // Parsed as the file was (engine::parse_file), so the counts compare.
    let after = syntax::error_count(&recover::parse(&preprocessor::blank_inactive(&new_text, &defines)));
    if after > file.facts.error_count && file.facts.error_count > 0 {
        // The parser's recovery around code that already does not parse can shift with an edit beside it (an
        // `await` before `F(){`): the file is planned again as untouchable, its sites reported with the reason.
        return Err(Refusal {
            error: FileError {
                path,
                message: "a change beside code that does not parse would leave more of the file unparsable; the \
                          file is left unchanged"
                    .into(),
            },
            touches_broken_code: true,
        });
    }
    if after > file.facts.error_count {
        return Err(FileError {
            path,
            message: format!(
                "internal error: the rewrite would add parse errors ({} before, {} after); the file is left unchanged. Please report this with the file.",
                file.facts.error_count, after
            ),
        }
        .into());
    }
    Ok(Some(FileChange { source: file.source.clone(), new_text }))
}
