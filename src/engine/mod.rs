//! One run: read every file once, parse the ones that can matter, index,
//! plan, render and verify. Pure: it reads files but never writes; `apply`
//! does that.
//!
//! Parse little: the trigger patterns of the enabled transforms pick the files
//! that may hold a site (`prefilter`); only those are parsed and kept. Planning
//! asks the index about names; every question is recorded, the files that may
//! answer it are read again, parsed and indexed, and planning starts over until
//! nothing new is asked. The result equals that of a run that parses every
//! file (`parse_all`), while memory holds the text and facts of parsed files
//! only: the others are dropped after the prefilter and re-read when needed.
//!
//! A site that another rewrite's edits stood in the way of is planned again in a pass over the rewritten files
//! (`revisit`), so one run leaves nothing for a second run to do.

pub mod progress;
mod revisit;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::edit::{self, Edit};
use crate::index::{self, facts, Ask, FileId, Index, IndexedFile};
use crate::model::{FileChange, FileError, Round, RunResult, RunStats, TransformId};
use crate::plan::{PlanOptions, Planner};
use crate::prefilter::{AskFinder, Triggers};
use crate::source::SourceFile;
use crate::syntax::{self, preprocessor, preprocessor::Defines};
use crate::transforms::{self, Detection, FileInput};
use crate::workspace::{self, FileEntry, Workspace};
use progress::Progress;

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
            enabled: transforms::all_ids(),
            jobs: None,
            plan: PlanOptions::default(),
            parse_all: false,
            progress: None,
        }
    }
}

impl RunOptions {
    /// The trigger patterns of the enabled transforms.
    pub fn trigger_patterns(&self) -> Vec<String> {
        let mut out = Vec::new();
        for t in transforms::REGISTRY.iter().filter(|t| self.enabled.contains(&t.id)) {
            out.extend(t.triggers.iter().map(|w| w.to_string()));
        }
        out
    }
}

/// A site blocked by another rewrite of the same pass (`Plan::revisit`), as the next pass can find it again.
#[derive(Clone, Debug)]
struct Revisit {
    path: String,
    range: Range<usize>,
    /// The site's code without whitespace: re-indenting or moving it keeps this.
    anchor: String,
}

struct Parsed {
    file: IndexedFile,
    detections: Vec<Detection>,
}

/// When a file was read: a later read must see the same file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// One discovered file: `FileId` is its position in the workspace's list.
enum Slot {
    /// Not taken in (unreadable, binary, generated): nothing more to do.
    Gone,
    /// Dropped after the prefilter, or after parsing when it held no site (then `answers` lists the questions
    /// it answers, as `index::answer_keys`); read and parsed again if the index asks what it may answer.
    Unparsed {
        entry: FileEntry,
        stamp: Stamp,
        answers: Option<Box<[u64]>>,
    },
    Parsed(Box<Parsed>),
}

/// Runs the whole pipeline on a workspace.
pub fn run(ws: Workspace, options: &RunOptions) -> RunResult {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.unwrap_or(0)).build();
    match pool {
        Ok(pool) => pool.install(|| revisit::run_passes(&ws, options)),
        Err(_) => revisit::run_passes(&ws, options),
    }
}

/// Where a pass reads files: from disk, except those an earlier pass rewrote, which it reads as rewritten.
#[derive(Default)]
struct Reader {
    rewritten: HashMap<PathBuf, Vec<u8>>,
}

impl Reader {
    fn read(&self, path: &Path) -> Result<(Vec<u8>, Stamp), String> {
        match self.rewritten.get(path) {
            Some(bytes) => Ok((bytes.clone(), Stamp { len: bytes.len() as u64, modified: None })),
            None => read_stamped(path),
        }
    }
}

/// What one pass produced, and the reported sites that a pass over its output may still rewrite.
struct Pass {
    result: RunResult,
    revisit: Vec<Revisit>,
}

/// One pass of the pipeline over the workspace, as `reader` sees it.
fn run_pass(ws: &Workspace, options: &RunOptions, reader: &Reader) -> Pass {
    let mut result = RunResult { generated_skipped: ws.generated_skipped, ..Default::default() };
    result.errors.extend(ws.problems.iter().map(|p| FileError { path: p.path.clone(), message: p.message.clone() }));
    let mut clock = Instant::now();
    let mut lap = |stats: &mut RunStats, name: &'static str| {
        let now = Instant::now();
        stats.phases.push((name, now - clock));
        clock = now;
    };

    let patterns = options.trigger_patterns();
    let triggers = match Triggers::new(patterns.iter().map(String::as_str)) {
        Ok(t) => Some(t),
        Err(message) => {
            // Only an override can be invalid (the registry's are tested); parsing everything stays correct.
            result.errors.push(FileError { path: "--trigger".into(), message });
            None
        }
    };
    let parse_all = options.parse_all || triggers.is_none();

    // Read every file once; parse the candidates right away and keep only them.
    let progress = options.progress.clone().unwrap_or_default();
    progress.files_total.store(ws.files.len(), std::sync::atomic::Ordering::Relaxed);
    let loaded: Vec<Result<(Slot, u64), Loss>> = ws
        .files
        .par_iter()
        .enumerate()
        .map(|(i, entry)| {
            let entry = entry.clone();
            let (bytes, stamp) = reader.read(&entry.path).map_err(|e| Loss::Error(entry.display.clone(), e))?;
            let source = SourceFile::from_bytes(entry.path.clone(), entry.display.clone(), bytes)
                .map_err(|e| Loss::Error(entry.display.clone(), e.to_string()))?;
            if workspace::has_generated_header(&source.text) {
                return Err(Loss::Generated);
            }
            let len = source.text.len() as u64;
            // A referenced project's file is there to answer questions; its own sites are not the run's to find.
            let detect: &[TransformId] = if entry.context_only { &[] } else { &options.enabled };
            let candidate = parse_all
                || (!detect.is_empty() && triggers.as_ref().is_some_and(|t| t.matches(source.text.as_bytes())));
            if !candidate {
                return Ok((Slot::Unparsed { entry, stamp, answers: None }, len));
            }
            let parsed = parse_file(i as FileId, &entry, source, detect, &progress);
            // Without a site, a file matters only if it answers a question: forget it until one asks.
            if parsed.detections.is_empty() && !parse_all {
                let answers = Some(index::answer_keys(&parsed.file.facts).into_boxed_slice());
                return Ok((Slot::Unparsed { entry, stamp, answers }, len));
            }
            Ok((Slot::Parsed(Box::new(parsed)), len))
        })
        .collect();
    let mut slots: Vec<Slot> = Vec::with_capacity(loaded.len());
    let mut first = Round::default();
    for l in loaded {
        match l {
            Ok((slot, len)) => {
                result.files_scanned += 1;
                result.stats.bytes_scanned += len;
                if matches!(slot, Slot::Parsed(_) | Slot::Unparsed { answers: Some(_), .. }) {
                    first.files += 1;
                    first.bytes += len;
                }
                if matches!(slot, Slot::Parsed(_)) {
                    first.kept += 1;
                }
                slots.push(slot);
            }
            Err(Loss::Generated) => {
                result.generated_skipped += 1;
                slots.push(Slot::Gone);
            }
            Err(Loss::Error(path, message)) => {
                result.errors.push(FileError { path, message });
                slots.push(Slot::Gone);
            }
        }
    }
    result.stats.rounds.push(first);
    lap(&mut result.stats, "read, prefilter, parse candidates");

    // Plan; if the planner asked what unparsed files may answer, parse those and plan again.
    let mut covered: BTreeSet<(Ask, String)> = BTreeSet::new();
    let (mut planning, mut rounds) = (Duration::ZERO, Duration::ZERO);
    // Plan, render and verify; a file whose edits would touch code that does not parse becomes untouchable
    // and everything is planned again, so intents that needed it are reported whole instead of half-applied.
    let mut attempts = 0;
    let (plan, rendered) = loop {
        let mut plan = loop {
            let started = Instant::now();
            let files: Vec<Option<&IndexedFile>> = slots.iter().map(|s| parsed(s).map(|p| &p.file)).collect();
            let index = Index::new(files);
            let detections: Vec<(FileId, Detection)> = slots
                .iter()
                .enumerate()
                .filter_map(|(i, s)| parsed(s).map(|p| (i, p)))
                .flat_map(|(i, p)| p.detections.iter().map(move |d| (i as FileId, d.clone())))
                .collect();
            let mut planner = Planner::new(&index, &options.plan);
            transforms::plan(&detections, &mut planner);
            let plan = planner.finish();
            let missing: Vec<(Ask, String)> = index.wanted().into_iter().filter(|a| !covered.contains(a)).collect();
            planning += started.elapsed();
            // Nothing left to read: building the finder for every name asked (tens of thousands) would be wasted.
            let unread = slots.iter().any(|s| matches!(s, Slot::Unparsed { .. }));
            if missing.is_empty() || parse_all || !unread {
                break plan;
            }
            let started = Instant::now();
            drop(index);
            let finder = AskFinder::new(&missing);
            let round = parse_answering(&mut slots, &finder, reader, &mut result.errors, &progress);
            covered.extend(missing.iter().cloned());
            rounds += started.elapsed();
            if round.files == 0 {
                break plan;
            }
            result.stats.rounds.push(Round { asks: missing.len(), ..round });
        };
        result.files_parsed =
            slots.iter().filter(|s| matches!(s, Slot::Parsed(_) | Slot::Unparsed { answers: Some(_), .. })).count();
        lap(&mut result.stats, "plan and lazy rounds");
        result.stats.phases.push(("  of which planning", planning));
        result.stats.phases.push(("  of which re-reading and parsing", rounds));

        // Render and verify each changed file.
        let mut edits_by_file: BTreeMap<FileId, Vec<Edit>> = std::mem::take(&mut plan.edits);
        for (file, namespaces) in &plan.needs_usings {
            let p = parsed(&slots[*file as usize]).expect("planned files are parsed");
            if let Some(e) = usings_edit(&p.file, namespaces) {
                edits_by_file.entry(*file).or_default().push(e);
            }
        }
        let rendered: Vec<(FileId, Result<Option<FileChange>, Refusal>)> = edits_by_file
            .into_par_iter()
            .map(|(file, edits)| {
                let p = parsed(&slots[file as usize]).expect("planned files are parsed");
                (file, render_file(&p.file, edits))
            })
            .collect();
        let broken: Vec<FileId> = rendered
            .iter()
            .filter(|(_, r)| matches!(r, Err(Refusal { touches_broken_code: true, .. })))
            .map(|(f, _)| *f)
            .collect();
        if broken.is_empty() || attempts >= 3 {
            break (plan, rendered);
        }
        attempts += 1;
        for f in broken {
            if let Slot::Parsed(p) = &mut slots[f as usize] {
                p.file.read_only = Some("has code that does not parse beside a change it would need".into());
            }
        }
    };
    let rendered: Vec<Result<Option<FileChange>, FileError>> =
        rendered.into_iter().map(|(_, r)| r.map_err(|refusal| refusal.error)).collect();
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
    let revisit = plan
        .revisit
        .iter()
        .filter_map(|(file, range)| {
            let source = &parsed(&slots[*file as usize])?.file.source;
            let anchor = revisit::anchor_key(source.text.get(range.clone())?);
            Some(Revisit { path: source.display.clone(), range: range.clone(), anchor })
        })
        .collect();
    for site in result.sites.iter_mut().filter(|s| failed.contains(&s.path)) {
        if site.outcome == crate::model::Outcome::Rewritten {
            site.outcome = crate::model::Outcome::Reported;
            let why = crate::model::Reason::RewriteFailedVerification;
            site.reason = why.to_string();
            site.reason_code = Some(why.code());
        }
    }
    result.errors.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
    lap(&mut result.stats, "render and verify");
    Pass { result, revisit }
}

/// Why a discovered file takes no part in the run.
enum Loss {
    Generated,
    Error(String, String),
}

fn parsed(slot: &Slot) -> Option<&Parsed> {
    match slot {
        Slot::Parsed(p) => Some(p),
        _ => None,
    }
}

/// Reads a file and notes its size and modification time.
fn read_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), String> {
    let read = || -> std::io::Result<(Vec<u8>, Stamp)> {
        let mut f = std::fs::File::open(path)?;
        let meta = f.metadata()?;
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        f.read_to_end(&mut bytes)?;
        Ok((bytes, Stamp { len: meta.len(), modified: meta.modified().ok() }))
    };
    read().map_err(|e| format!("cannot read file: {e}"))
}

/// A re-read and parsed file.
enum Reread {
    /// It answers a question (this one, for `--stats`).
    Answers(Box<Parsed>, String),
    /// Its bytes matched, but its facts answer none of the questions: what they do answer, as for round 0, and
    /// its length.
    Declined(Box<[u64]>, u64),
}

/// Re-reads the unparsed files, and parses those that may answer one of the finder's questions.
fn parse_answering(
    slots: &mut [Slot],
    finder: &AskFinder,
    reader: &Reader,
    errors: &mut Vec<FileError>,
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
                    return Ok(Some(Reread::Declined(keys.into_boxed_slice(), len)));
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
                slots[i] = Slot::Parsed(p);
            }
            Ok(Reread::Declined(keys, len)) => {
                let Slot::Unparsed { answers, .. } = &mut slots[i] else {
                    unreachable!("only unparsed files are re-read")
                };
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

fn parse_file(
    id: FileId,
    entry: &FileEntry,
    source: SourceFile,
    enabled: &[TransformId],
    progress: &Progress,
) -> Parsed {
    progress.parsed_one();
    let settings: Arc<workspace::ProjectSettings> = entry.settings.clone();
    // Inactive #if branches become spaces: same offsets, so facts and edits map 1:1 to the file.
    let defines = Defines::new(&settings.define_constants);
    let parse_text = preprocessor::blank_inactive(&source.text, &defines);
    let tree = syntax::parse(&parse_text);
    let mut facts = facts::extract(&tree, &parse_text);
    let detections = {
        let input = FileInput { id, tree: &tree, source: &source, facts: &facts, settings: &settings };
        transforms::detect(&input, enabled)
    };
    drop(tree);
    compact(&mut facts);
    let markup = index::read_markup_for(&source.path);
    let read_only = entry.read_only.clone();
    Parsed { file: IndexedFile { source, settings, facts, markup, read_only }, detections }
}

/// Gives back the spare capacity of the facts' vectors: they are kept until the run ends, and growth by
/// doubling leaves about a quarter of them unused.
fn compact(facts: &mut facts::FileFacts) {
    facts.types.shrink_to_fit();
    facts.functions.shrink_to_fit();
    facts.calls.shrink_to_fit();
    facts.delegate_uses.shrink_to_fit();
    facts.usings.shrink_to_fit();
    facts.error_ranges.shrink_to_fit();
    for t in &mut facts.types {
        t.bases.shrink_to_fit();
        t.attributes.shrink_to_fit();
        t.members.shrink_to_fit();
    }
    for f in &mut facts.functions {
        f.params.shrink_to_fit();
        f.modifiers.shrink_to_fit();
        f.attributes.shrink_to_fit();
        f.returns.shrink_to_fit();
        f.locals.shrink_to_fit();
    }
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
    let origin = transforms::sync_over_async::ID;
    let text = &file.source.text;
    // Usings inside `namespace X { ... }` are indented: a new one takes the indentation of the line it joins.
    let after_last = syntax::line_indent(text, file.facts.using_insert_at);
    let lines = |sep_first: bool| -> String {
        missing
            .iter()
            .map(|ns| if sep_first { format!("{le}{after_last}using {ns};") } else { format!("using {ns};{le}") })
            .collect()
    };
    if file.facts.usings.is_empty() {
        // Below a leading comment block (license headers stay first), separated by blank lines.
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
            Some((_, range)) => {
                edits_text.push((range.start, format!("using {ns};{le}{}", syntax::line_indent(text, range.start))))
            }
            None => edits_text.push((file.facts.using_insert_at, format!("{le}{after_last}using {ns};"))),
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

/// Why a file's rewrite was refused.
struct Refusal {
    error: FileError,
    /// An edit would touch code that does not parse: planning again without this file can succeed.
    touches_broken_code: bool,
}

impl From<FileError> for Refusal {
    fn from(error: FileError) -> Self {
        Refusal { error, touches_broken_code: false }
    }
}

fn render_file(file: &IndexedFile, edits: Vec<Edit>) -> Result<Option<FileChange>, Refusal> {
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
    let new_text = edit::render(&file.source.text, &edits);
    if *new_text == *file.source.text {
        return Ok(None);
    }
    let defines = Defines::new(&file.settings.define_constants);
    let after = syntax::error_count(&syntax::parse(&preprocessor::blank_inactive(&new_text, &defines)));
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
