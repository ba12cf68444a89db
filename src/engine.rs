//! One run: load files, parse the ones that can matter, index, plan, render
//! and verify. Pure: it reads files but never writes; `apply` does that.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::edit::{self, Edit};
use crate::index::{facts, FileId, Index, IndexedFile};
use crate::plan::{PlanOptions, Planner};
use crate::report::progress::Progress;
use crate::report::{FileError, SiteReport};
use crate::source::SourceFile;
use crate::syntax::{self, preprocessor, preprocessor::Defines};
use crate::transforms::{self, Detection, FileInput, TransformId};
use crate::workspace::{self, FileEntry, Workspace};

#[derive(Clone, Debug)]
pub struct RunOptions {
    pub enabled: Vec<TransformId>,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
    pub plan: PlanOptions,
    /// Parse every file instead of only those the prefilter and the index ask for (same results, slower).
    pub parse_all: bool,
    /// Counters for a progress display.
    pub progress: Option<Arc<Progress>>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            enabled: TransformId::ALL.to_vec(),
            jobs: None,
            plan: PlanOptions::default(),
            parse_all: false,
            progress: None,
        }
    }
}

/// A file the run would change.
#[derive(Clone, Debug)]
pub struct FileChange {
    pub source: SourceFile,
    pub new_text: String,
}

#[derive(Debug, Default)]
pub struct RunResult {
    pub files_scanned: usize,
    pub files_parsed: usize,
    pub generated_skipped: usize,
    /// Sorted by path.
    pub changes: Vec<FileChange>,
    /// Sorted by path and offset.
    pub sites: Vec<SiteReport>,
    pub errors: Vec<FileError>,
}

struct Parsed {
    file: IndexedFile,
    detections: Vec<Detection>,
}

/// Runs the whole pipeline on a workspace.
pub fn run(ws: Workspace, options: &RunOptions) -> RunResult {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.unwrap_or(0)).build();
    match pool {
        Ok(pool) => pool.install(|| run_inner(ws, options)),
        Err(_) => run_inner(ws, options),
    }
}

fn run_inner(ws: Workspace, options: &RunOptions) -> RunResult {
    let mut result = RunResult { generated_skipped: ws.generated_skipped, ..Default::default() };
    result.errors.extend(ws.problems.iter().map(|p| FileError { path: p.path.clone(), message: p.message.clone() }));

    // Load every file (cheap next to parsing); keep those that decode.
    let loaded: Vec<(FileEntry, Result<SourceFile, String>)> = ws
        .files
        .into_par_iter()
        .map(|entry| {
            let loaded = SourceFile::load(&entry.path, entry.display.clone()).map_err(|e| e.to_string());
            (entry, loaded)
        })
        .collect();
    let mut entries: Vec<(FileEntry, SourceFile)> = Vec::with_capacity(loaded.len());
    for (entry, loaded) in loaded {
        match loaded {
            Ok(source) if workspace::has_generated_header(&source.text) => result.generated_skipped += 1,
            Ok(source) => entries.push((entry, source)),
            Err(message) => result.errors.push(FileError { path: entry.display.clone(), message }),
        }
    }
    result.files_scanned = entries.len();
    let progress = options.progress.clone().unwrap_or_default();
    progress.files_total.store(entries.len(), std::sync::atomic::Ordering::Relaxed);

    let triggers: Vec<&str> = transforms::REGISTRY
        .iter()
        .filter(|t| options.enabled.contains(&t.id))
        .flat_map(|t| t.triggers.iter().copied())
        .collect();
    let first: Vec<usize> = if options.parse_all {
        (0..entries.len()).collect()
    } else {
        let matcher = AhoCorasick::new(&triggers).expect("trigger words form a valid automaton");
        entries.par_iter().enumerate().filter(|(_, (_, s))| matcher.is_match(&s.text)).map(|(i, _)| i).collect()
    };

    let mut parsed: Vec<Option<Parsed>> = (0..entries.len()).map(|_| None).collect();
    parse_into(&mut parsed, &first, &entries, &options.enabled, &progress);
    let mut covered: BTreeSet<String> = BTreeSet::new();

    // Plan; if the planner asked about names whose files are not parsed yet, parse them and plan again.
    let plan = loop {
        let index = Index::new(parsed.iter().map(|p| p.as_ref().map(|p| &p.file)).collect());
        let detections: Vec<(FileId, Detection)> = parsed
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.as_ref().map(|p| (i, p)))
            .flat_map(|(i, p)| p.detections.iter().map(move |d| (i as FileId, d.clone())))
            .collect();
        let mut planner = Planner::new(&index, &options.plan);
        transforms::plan(&detections, &mut planner);
        let plan = planner.finish();
        let missing: Vec<String> = index.wanted_names().into_iter().filter(|n| !covered.contains(n)).collect();
        if missing.is_empty() || options.parse_all {
            break plan;
        }
        let unparsed: Vec<usize> = (0..entries.len()).filter(|i| parsed[*i].is_none()).collect();
        let more = files_mentioning(&entries, &unparsed, &missing);
        covered.extend(missing);
        if more.is_empty() {
            break plan;
        }
        parse_into(&mut parsed, &more, &entries, &options.enabled, &progress);
    };
    result.files_parsed = parsed.iter().filter(|p| p.is_some()).count();

    // Render and verify each changed file.
    let mut edits_by_file: BTreeMap<FileId, Vec<Edit>> = plan.edits;
    for (file, namespaces) in &plan.needs_usings {
        let p = parsed[*file as usize].as_ref().expect("planned files are parsed");
        if let Some(e) = usings_edit(&p.file, namespaces) {
            edits_by_file.entry(*file).or_default().push(e);
        }
    }
    let rendered: Vec<Result<Option<FileChange>, FileError>> = edits_by_file
        .into_par_iter()
        .map(|(file, edits)| {
            let p = parsed[file as usize].as_ref().expect("planned files are parsed");
            render_file(&p.file, edits)
        })
        .collect();
    let mut failed: BTreeSet<String> = BTreeSet::new();
    for r in rendered {
        match r {
            Ok(Some(change)) => result.changes.push(change),
            Ok(None) => {}
            Err(e) => {
                failed.insert(e.path.clone());
                result.errors.push(e);
            }
        }
    }
    result.changes.sort_by(|a, b| a.source.display.cmp(&b.source.display));
    result.sites = plan.sites;
    for site in result.sites.iter_mut().filter(|s| failed.contains(&s.path)) {
        if site.outcome == crate::report::Outcome::Rewritten {
            site.outcome = crate::report::Outcome::Reported;
            site.reason = "not rewritten: the file's rewrite failed verification (see the error for this file)".into();
        }
    }
    result.errors.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
    result
}

fn parse_into(
    parsed: &mut [Option<Parsed>],
    which: &[usize],
    entries: &[(FileEntry, SourceFile)],
    enabled: &[TransformId],
    progress: &Progress,
) {
    let results: Vec<(usize, Parsed)> = which
        .par_iter()
        .filter(|i| parsed[**i].is_none())
        .map(|&i| {
            let (entry, source) = &entries[i];
            progress.parsed_one();
            let mut parsed = parse_file(i as FileId, entry.settings.clone(), source.clone(), enabled);
            parsed.file.read_only = entry.read_only.clone();
            (i, parsed)
        })
        .collect();
    for (i, p) in results {
        parsed[i] = Some(p);
    }
}

fn parse_file(
    id: FileId,
    settings: Arc<workspace::ProjectSettings>,
    source: SourceFile,
    enabled: &[TransformId],
) -> Parsed {
    // Inactive #if branches become spaces: same offsets, so facts and edits map 1:1 to the file.
    let defines = Defines::new(&settings.define_constants);
    let parse_text = preprocessor::blank_inactive(&source.text, &defines);
    let tree = syntax::parse(&parse_text);
    let facts = facts::extract(&tree, &parse_text);
    let detections = {
        let input = FileInput { id, tree: &tree, source: &source, facts: &facts, settings: &settings };
        transforms::detect(&input, enabled)
    };
    let markup = crate::index::read_markup_for(&source.path);
    Parsed { file: IndexedFile { source, settings, facts, markup, read_only: None }, detections }
}

/// Unparsed files that mention any of `names` as a whole word.
fn files_mentioning(entries: &[(FileEntry, SourceFile)], candidates: &[usize], names: &[String]) -> Vec<usize> {
    let Ok(matcher) = AhoCorasick::new(names) else { return candidates.to_vec() };
    candidates
        .par_iter()
        .copied()
        .filter(|&i| {
            let text = entries[i].1.text.as_bytes();
            matcher.find_overlapping_iter(text).any(|m| {
                let before = m.start().checked_sub(1).map(|j| text[j]);
                let after = text.get(m.end()).copied();
                !before.is_some_and(is_ident_byte) && !after.is_some_and(is_ident_byte)
            })
        })
        .collect()
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// `using System.Threading.Tasks;` (and the other namespaces new code names) where the file
/// does not import them yet: one edit, namespaces in order.
fn usings_edit(file: &IndexedFile, namespaces: &BTreeSet<&'static str>) -> Option<Edit> {
    if file.settings.implicit_usings {
        return None;
    }
    let missing: Vec<&str> = namespaces.iter().copied().filter(|ns| !file.facts.has_using(ns)).collect();
    if missing.is_empty() {
        return None;
    }
    let le = file.source.line_ending.as_str();
    let origin = TransformId::SyncOverAsync;
    let lines = |sep_first: bool| -> String {
        missing
            .iter()
            .map(|ns| if sep_first { format!("{le}using {ns};") } else { format!("using {ns};{le}") })
            .collect()
    };
    if file.facts.usings.is_empty() {
        // Below a leading comment block (license headers stay first), separated by blank lines.
        let text = &file.source.text;
        let mut at = 0;
        let mut header = false;
        for line in text.split_inclusive('\n') {
            if line.trim_start().starts_with("//") {
                at += line.len();
                header = true;
            } else {
                break;
            }
        }
        let blank_follows = text[at..].split_inclusive('\n').next().is_some_and(|l| l.trim().is_empty());
        if header && blank_follows {
            at += text[at..].split_inclusive('\n').next().map_or(0, str::len);
        }
        let lead = if header && !blank_follows { le } else { "" };
        return Some(Edit::open(at, format!("{lead}{}{le}", lines(false)), usize::MAX, origin));
    }
    let existing = &file.facts.top_level_usings;
    let key = |ns: &str| (!(ns == "System" || ns.starts_with("System.")), ns.to_string());
    let sorted = existing.windows(2).all(|w| key(&w[0].0) <= key(&w[1].0));
    if !sorted || existing.is_empty() {
        return Some(Edit::close(file.facts.using_insert_at, lines(true), 0, origin));
    }
    // Sorted usings (System first, the convention of `dotnet format`): keep them sorted.
    let mut edits_text: Vec<(usize, String)> = Vec::new();
    for ns in &missing {
        let before = existing.iter().find(|(e, _)| key(e) > key(ns));
        match before {
            Some((_, range)) => edits_text.push((range.start, format!("using {ns};{le}"))),
            None => edits_text.push((file.facts.using_insert_at, format!("{le}using {ns};"))),
        }
    }
    // One edit per file keeps the using block a single change; group insertions by offset.
    if edits_text.iter().all(|(at, _)| *at == edits_text[0].0) {
        let at = edits_text[0].0;
        let text: String = edits_text.into_iter().map(|(_, t)| t).collect();
        return Some(if at == file.facts.using_insert_at {
            Edit::close(at, text, 0, origin)
        } else {
            Edit::open(at, text, 0, origin)
        });
    }
    Some(Edit::close(file.facts.using_insert_at, lines(true), 0, origin))
}

fn render_file(file: &IndexedFile, edits: Vec<Edit>) -> Result<Option<FileChange>, FileError> {
    let path = file.source.display.clone();
    let edits = edit::normalize(edits).map_err(|e| FileError { path: path.clone(), message: e.to_string() })?;
    if edits.is_empty() {
        return Ok(None);
    }
    if let Some(why) = &file.read_only {
        return Err(FileError {
            path,
            message: format!("internal error: a rewrite reached a file that {why}; it is left unchanged"),
        });
    }
    // The planner keeps edits away from code that does not parse; this is the backstop. One edit is part of an
    // intent whose other edits may sit elsewhere in the file, so the whole file is left alone, not just the edit.
    if let Some(e) = edits.iter().find(|e| file.facts.overlaps_error(&e.range)) {
        let (line, column) = file.source.line_col(e.range.start);
        return Err(FileError {
            path,
            message: format!(
                "internal error: a {} edit at {line}:{column} touches code that does not parse; the file is left unchanged. Please report this with the file.",
                e.origin
            ),
        });
    }
    let new_text = edit::render(&file.source.text, &edits);
    if new_text == file.source.text {
        return Ok(None);
    }
    let defines = Defines::new(&file.settings.define_constants);
    let after = syntax::error_count(&syntax::parse(&preprocessor::blank_inactive(&new_text, &defines)));
    if after > file.facts.error_count {
        return Err(FileError {
            path,
            message: format!(
                "internal error: the rewrite would add parse errors ({} before, {} after); the file is left unchanged. Please report this with the file.",
                file.facts.error_count, after
            ),
        });
    }
    Ok(Some(FileChange { source: file.source.clone(), new_text }))
}
