//! Lazy rounds: re-reading and parsing the files that may answer the planner's questions about names.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{parse_file, Parsed, Reader, Slot};
use crate::engine::progress::Progress;
use crate::index::{self, FileId};
use crate::model::{FileError, Round};
use crate::prefilter::AskFinder;
use crate::source::SourceFile;

/// A re-read and parsed file.
enum Reread {
    /// It answers a question (this one, for `--stats`).
    Answers(Box<Parsed>, String),
    /// Its bytes matched, but its facts answer none of the questions: what they do answer, as for round 0, its
    /// length, and whether its tree has parse errors.
    Declined(Box<[u64]>, u64, bool),
}

/// Re-reads the unparsed files, and parses those that may answer one of the finder's questions.
pub(super) fn parse_answering(
    slots: &mut [Slot],
    finder: &AskFinder,
    reader: &Reader,
    errors: &mut Vec<FileError>,
    parse_errors: &mut Vec<String>,
    progress: &Progress,
) -> Round {
    let found: Vec<(usize, Result<Reread, String>)> = slots
        .par_iter()
        .enumerate()
        .filter_map(|(i, slot)| {
            let Slot::Unparsed { entry, stamp, answers } = slot else { return None };
            // A file parsed before answers exactly what its facts say; one never parsed, what its bytes may hold.
            let known = match answers {
                Some(keys) => match finder.answered_by(keys) {
                    Some(hit) => Some(hit),
                    None => return None,
                },
                None => None,
            };
            let reread = || -> Result<Option<Reread>, String> {
                let (bytes, now) = reader.read(&entry.path)?;
                if now != *stamp {
                    return Err("the file changed on disk during the run; skipped. Run asyncmod again.".into());
                }
                // Names are looked for in the text: UTF-16 spells them with NULs between the letters.
                let text = crate::source::text_bytes(&bytes);
                let Some((ask, name)) = known.or_else(|| finder.first_answer(&text)) else { return Ok(None) };
                let why = format!("{ask:?} {name}");
                let source = SourceFile::from_bytes(entry.path.clone(), entry.display.clone(), bytes)
                    .map_err(|e| e.to_string())?;
                // No transform is asked to detect: a file left unparsed so far matched none of the enabled
                // transforms' triggers, or was parsed and held no site.
                let parsed = parse_file(i as FileId, entry, source, &[], progress);
                // The bytes may have promised more than the facts hold: then the file answers nothing yet.
                let keys = index::answer_keys(&parsed.file.facts);
                if known.is_none() && finder.answered_by(&keys).is_none() {
                    let len = parsed.file.source.text.len() as u64;
                    let broken = parsed.file.facts.error_count > 0;
                    return Ok(Some(Reread::Declined(keys.into_boxed_slice(), len, broken)));
                }
                Ok(Some(Reread::Answers(Box::new(parsed), why)))
            };
            match reread() {
                Ok(None) => None,
                Ok(Some(p)) => Some((i, Ok(p))),
                Err(e) => Some((i, Err(e))),
            }
        })
        .collect();
    let mut round = Round::default();
    let mut why: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for (i, p) in found {
        match p {
            Ok(Reread::Answers(p, ask)) => {
                let len = p.file.source.text.len() as u64;
                round.files += 1;
                round.kept += 1;
                round.bytes += len;
                let w = why.entry(ask).or_default();
                w.0 += 1;
                w.1 += len;
                if p.file.facts.error_count > 0 {
                    parse_errors.push(p.file.source.display.clone());
                }
                slots[i] = Slot::Parsed(p);
            }
            Ok(Reread::Declined(keys, len, broken)) => {
                let Slot::Unparsed { entry, answers, .. } = &mut slots[i] else {
                    unreachable!("only unparsed files are re-read")
                };
                if broken {
                    parse_errors.push(entry.display.clone());
                }
                round.files += 1;
                round.bytes += len;
                *answers = Some(keys);
            }
            Err(message) => {
                let Slot::Unparsed { entry, .. } = &slots[i] else { unreachable!("only unparsed files are re-read") };
                errors.push(FileError { path: entry.display.clone(), message });
                slots[i] = Slot::Gone;
            }
        }
    }
    let mut top: Vec<(String, usize, u64)> = why.into_iter().map(|(a, (f, b))| (a, f, b)).collect();
    top.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    top.truncate(5);
    round.top = top;
    round
}
