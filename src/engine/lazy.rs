//! Lazy rounds: re-reading and parsing the files that may answer the planner's questions about names.
//!
//! Each round costs a plan of the whole index. On code bases where the questions end up reaching most files
//! (the .NET reference source, efcore: 98–99 % of the bytes), rounds that parse a little more each time cost more
//! than they save, so once a round would bring the parsed share of the workspace to `RunOptions::full_parse_share`,
//! it parses every remaining file instead, and planning runs once more and for the last time. Where the first round
//! (the prefilter's) parsed that share already, every remaining file is parsed before any plan (`Scope::Everything`),
//! and the first round keeps the files it parsed and found no site in (`engine::load`).
//! A file that answers no question changes no plan (a lazy run equals a full parse), so the switch changes no
//! result.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{parse_file, Parsed, Reader, Slot};
use crate::engine::progress::Progress;
use crate::index::{self, Ask, FileId};
use crate::model::{FileError, Round};
use crate::prefilter::AskFinder;
use crate::source::SourceFile;

/// A re-read and parsed file.
enum Reread {
    /// It is kept for planning: it answers a question (this one, for `--stats`), or the round parses everything.
    Kept(Box<Parsed>, String),
    /// Its bytes matched, but its facts answer none of the questions: what they do answer, as for round 0, its
    /// length, and whether its tree has parse errors.
    Declined(Box<[u64]>, u64, bool),
}

/// What the first look at an unparsed file found.
enum Scanned {
    /// It may answer this question; its bytes if they were read to find that out.
    Hit((Ask, String), Option<Vec<u8>>),
    /// It answers none of them.
    Miss,
}

/// What a round is to parse: the files that may answer, or every file not parsed yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    Answering,
    /// Every remaining file, whatever it may answer.
    Everything,
    /// Every remaining file, once the files parsed so far (`parsed`) and those this round would parse make up at
    /// least `at` bytes of the workspace.
    EverythingFrom {
        parsed: u64,
        at: u64,
    },
}

/// Re-reads the unparsed files, and parses those that may answer one of the finder's questions, or all of them
/// (see `Scope`). Returns the round, and whether it parsed every file.
pub(super) fn parse_answering(
    slots: &mut [Slot],
    finder: &AskFinder,
    reader: &Reader,
    scope: Scope,
    errors: &mut Vec<FileError>,
    parse_errors: &mut Vec<String>,
    progress: &Progress,
) -> (Round, bool) {
    // First which files may answer, and how many bytes they hold: that decides whether to parse them all.
    let scanned: Vec<(usize, Result<Scanned, String>)> = slots
        .par_iter()
        .enumerate()
        .with_max_len(super::FILE_AT_A_TIME)
        .filter_map(|(i, slot)| {
            let Slot::Unparsed { entry, stamp, answers } = slot else { return None };
            if scope == Scope::Everything {
                return Some((i, Ok(Scanned::Miss)));
            }
            // A file parsed before answers exactly what its facts say; one never parsed, what its bytes may hold.
            if let Some(keys) = answers {
                let hit = finder.answered_by(keys).map(|(ask, name)| (ask, name.to_string()));
                return Some((i, Ok(hit.map_or(Scanned::Miss, |hit| Scanned::Hit(hit, None)))));
            }
            let scan = || -> Result<Scanned, String> {
                let bytes = read_unchanged(reader, entry, stamp)?;
                // Names are looked for in the text: UTF-16 spells them with NULs between the letters.
                let text = crate::source::text_bytes(&bytes);
                let hit = finder.first_answer(&text).map(|(ask, name)| (ask, name.to_string()));
                Ok(hit.map_or(Scanned::Miss, |hit| Scanned::Hit(hit, Some(bytes))))
            };
            Some((i, scan()))
        })
        .collect();
    let everything = match scope {
        Scope::Answering => false,
        Scope::Everything => true,
        Scope::EverythingFrom { parsed, at } => {
            let len = |i: usize| match &slots[i] {
                Slot::Unparsed { stamp, .. } => stamp.len,
                _ => 0,
            };
            let hits: u64 =
                scanned.iter().filter(|(_, s)| matches!(s, Ok(Scanned::Hit(..)))).map(|(i, _)| len(*i)).sum();
            parsed + hits >= at
        }
    };
    let found: Vec<(usize, Result<Reread, String>)> = scanned
        .into_par_iter()
        .with_max_len(super::FILE_AT_A_TIME)
        .filter_map(|(i, scanned)| {
            let Slot::Unparsed { entry, stamp, answers } = &slots[i] else {
                unreachable!("only unparsed files are scanned")
            };
            let (hit, bytes) = match scanned {
                Err(e) => return Some((i, Err(e))),
                Ok(Scanned::Miss) if !everything => return None,
                Ok(Scanned::Miss) => (None, None),
                Ok(Scanned::Hit(hit, bytes)) => (Some(hit), bytes),
            };
            let reread = || -> Result<Reread, String> {
                let bytes = match bytes {
                    Some(bytes) => bytes,
                    None => read_unchanged(reader, entry, stamp)?,
                };
                let why = match &hit {
                    Some((ask, name)) => format!("{ask:?} {name}"),
                    None => "every remaining file".to_string(),
                };
                let source = SourceFile::from_bytes(entry.path.clone(), entry.display.clone(), bytes)
                    .map_err(|e| e.to_string())?;
                // No transform is asked to detect: a file left unparsed so far matched none of the enabled
                // transforms' triggers, or was parsed and held no site.
                let parsed = parse_file(i as FileId, entry, source, &[], progress);
                // The bytes may have promised more than the facts hold: then the file answers nothing yet.
                let known = answers.is_some();
                if !everything && !known {
                    let keys = index::answer_keys(&parsed.file.facts);
                    if finder.answered_by(&keys).is_none() {
                        let len = parsed.file.source.text_len() as u64;
                        let broken = parsed.file.facts.error_count > 0;
                        return Ok(Reread::Declined(keys.into_boxed_slice(), len, broken));
                    }
                }
                Ok(Reread::Kept(Box::new(super::keep(parsed, reader)), why))
            };
            Some((i, reread()))
        })
        .collect();
    let mut round = Round::default();
    let mut why: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for (i, p) in found {
        match p {
            Ok(Reread::Kept(p, ask)) => {
                let len = p.file.source.text_len() as u64;
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
                // It read as text before and not as the same file now: it changed during the run. Left out, a
                // caller in it would keep calling a method made async; known by the names it holds, it keeps any
                // method it names as it is.
                match reader.read(&entry.path) {
                    Ok((bytes, _)) => {
                        errors.push(FileError { path: entry.display.clone(), message: super::CHANGED_MESSAGE.into() });
                        let known = super::names_only(
                            entry.path.clone(),
                            entry.display.clone(),
                            entry.settings.clone(),
                            &bytes,
                            super::CHANGED,
                        );
                        // A file the plan did not know: planning runs again with it.
                        round.files += 1;
                        round.kept += 1;
                        round.bytes += known.file.source.text_len() as u64;
                        slots[i] = Slot::Parsed(Box::new(known));
                    }
                    Err(_) => {
                        errors.push(FileError { path: entry.display.clone(), message });
                        slots[i] = Slot::Gone;
                    }
                }
            }
        }
    }
    let mut top: Vec<(String, usize, u64)> = why.into_iter().map(|(a, (f, b))| (a, f, b)).collect();
    top.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    top.truncate(5);
    round.top = top;
    (round, everything)
}

/// The file's bytes, if it is still the file the first read saw.
fn read_unchanged(
    reader: &Reader,
    entry: &crate::workspace::FileEntry,
    stamp: &super::Stamp,
) -> Result<Vec<u8>, String> {
    let (bytes, now) = reader.read(&entry.path)?;
    if now != *stamp {
        return Err("the file changed on disk during the run; skipped. Run asyncmod again.".into());
    }
    Ok(bytes)
}
