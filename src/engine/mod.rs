//! One run: read every file once, parse the ones that can matter, index,
//! plan, render and verify. Pure: it reads files but never writes; `apply`
//! does that.
//!
//! Parse little: the trigger patterns of the enabled transforms pick the files
//! that may hold a site (`prefilter`); only those are parsed and kept. Planning
//! asks the index about names; every question is recorded, the files that may
//! answer it are read again, parsed and indexed, and planning starts over until
//! nothing new is asked; once a round would bring the parsed share of the
//! workspace to half, it parses every remaining file instead (`lazy`), since
//! each round costs a plan (before any plan, where the prefilter's files are
//! half the workspace already: then the files it parsed without a site are
//! kept rather than parsed again). The result equals that of a run that parses every
//! file (`parse_all`), while memory holds the text and facts of parsed files
//! only: the others are dropped after the prefilter and re-read when needed.
//! Files that declare a `global using` are kept from the start: it imports into
//! every file of their project.
//!
//! A site that another rewrite's edits stood in the way of is planned again in a pass over the rewritten files
//! (`revisit`), so one run leaves nothing for a second run to do.

mod changeset;
mod lazy;
mod memory;
mod parts;
pub mod progress;
mod revisit;
mod suppress;
mod usings;
mod verify;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::edit::Edit;
use crate::index::{self, facts, Ask, FileId, Index, IndexedFile};
use crate::model::{FileChange, FileError, Round, RunResult, RunStats, TransformId};
use crate::plan::{Plan, PlanOptions, Planner};
use crate::prefilter::{AskFinder, Triggers};
use crate::source::{LoadError, SourceFile};
use crate::syntax::{preprocessor, preprocessor::Defines, recover};
use crate::transforms::{self, Detection, FileInput};
use crate::workspace::{self, FileEntry, Workspace};
use lazy::{parse_answering, Scope};
use progress::Progress;
pub use suppress::Rejection;
use usings::usings_edit;
use verify::{render_file, Refusal};

#[derive(Clone, Debug)]
pub struct RunOptions {
    pub enabled: Vec<TransformId>,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
    pub plan: PlanOptions,
    /// Parse every file instead of only those the prefilter and the index ask for (same results, slower).
    pub parse_all: bool,
    /// Once a lazy round would bring the bytes parsed to this share of the workspace's, it parses every remaining
    /// file instead, so planning runs once more rather than once per round (`lazy`). `None`: rounds only ever
    /// parse what answers a question. Results are the same either way.
    pub full_parse_share: Option<f64>,
    /// Counters for a progress display.
    pub progress: Option<Arc<Progress>>,
    /// Report suppression comments that suppress nothing (ASYNC540).
    pub report_unused_suppressions: bool,
    /// Change sets rejected in an interactive review: planned away, their code untouchable.
    pub rejections: Vec<Rejection>,
    /// Also render each change set on its own (`RunResult::change_sets`), for an interactive review.
    pub change_set_diffs: bool,
    /// Called once between reading the files and planning: a test changes a file on disk there, as someone may
    /// during a run.
    #[doc(hidden)]
    pub after_reading: Option<AfterReading>,
}

/// See `RunOptions::after_reading`.
#[derive(Clone)]
pub struct AfterReading(pub Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for AfterReading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AfterReading")
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            enabled: transforms::all_ids(),
            jobs: None,
            plan: PlanOptions::default(),
            parse_all: false,
            full_parse_share: Some(DEFAULT_FULL_PARSE_SHARE),
            progress: None,
            report_unused_suppressions: false,
            rejections: Vec::new(),
            change_set_diffs: false,
            after_reading: None,
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

/// Half: on the code bases measured, a round that reaches half of the bytes is followed by rounds that reach
/// nearly all of them (efcore 98 %, the .NET reference source 99 %), each with a plan of the whole index, while
/// code bases where the questions stay local stay well below it (bitwarden/server: 30 %).
pub const DEFAULT_FULL_PARSE_SHARE: f64 = 0.5;

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
    /// Not taken in (it could not be read, or changed during the run): nothing more to do.
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
        Ok(pool) => pool.install(|| run_parts(ws, options)),
        Err(_) => run_parts(ws, options),
    }
}

/// Plans each part of the workspace that shares nothing with the others on its own (see
/// `Workspace::independent_parts`), one after the other.
fn run_parts(ws: Workspace, options: &RunOptions) -> RunResult {
    if let Some(progress) = &options.progress {
        // A run of several parts counted every file already.
        progress.files_total.fetch_max(ws.files.len(), std::sync::atomic::Ordering::Relaxed);
    }
    let mut parts = ws.independent_parts();
    if parts.len() == 1 {
        return revisit::run_passes(&parts.remove(0), options);
    }
    let labels = parts
        .iter()
        .map(|part| part.codebases.iter().map(|c| c.display().to_string()).collect::<Vec<_>>().join(", "))
        .collect();
    // The largest part first: what the run keeps of a part until the end (its results, the names it interned) then
    // weighs on the smaller parts only, and the run's peak is the largest part's own. The results join in the
    // parts' order whatever the order they ran in.
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(parts[k].files.len()));
    let mut results: Vec<Option<RunResult>> = parts.iter().map(|_| None).collect();
    for k in order {
        results[k] = Some(revisit::run_passes(&parts[k], options));
        memory::return_freed();
    }
    parts::join(results.into_iter().map(|r| r.expect("every part has run")).collect(), labels)
}

/// Where a pass reads files: from disk, except those an earlier pass rewrote, which it reads as rewritten.
#[derive(Default)]
struct Reader {
    rewritten: HashMap<PathBuf, Vec<u8>>,
}

impl Reader {
    /// Whether `path` is read from disk, where a text put aside can be read again.
    fn reads_from_disk(&self, path: &Path) -> bool {
        !self.rewritten.contains_key(path)
    }

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
    let mut result = RunResult::default();
    result.errors.extend(ws.problems.iter().map(|p| FileError { path: p.path.clone(), message: p.message.clone() }));
    result.notes.extend(ws.notes.iter().cloned());
    let mut clock = Instant::now();
    let mut lap = |stats: &mut RunStats, name: &'static str| {
        let now = Instant::now();
        stats.phases.push((name, now - clock));
        clock = now;
    };
    let progress = options.progress.clone().unwrap_or_default();
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
    let (mut slots, found) = load(ws, options, reader, triggers.as_ref(), &progress, &mut result);
    let mut suppressions = suppress::Suppressions::new(ws, found, &options.rejections);
    for (path, message) in &suppressions.unknown {
        result.errors.push(FileError { path: path.clone(), message: message.clone() });
    }
    if let Some(AfterReading(hook)) = &options.after_reading {
        hook();
    }
    lap(&mut result.stats, "read, prefilter, parse candidates");
    note_peak_memory(&mut result.stats, "reading and parsing the candidates");

    // Plan, render and verify; a file whose edits would touch code that does not parse becomes untouchable
    // and everything is planned again, so intents that needed it are reported whole instead of half-applied.
    let projects = index::Projects::new(ws.projects()).separating(ws.files.iter().map(|f| f.codebase).collect());
    let mut covered: BTreeSet<(Ask, String)> = BTreeSet::new();
    let mut timing = PlanTiming::default();
    let mut attempts = 0;
    let mut planned_edits: BTreeMap<FileId, Vec<Edit>>;
    let (mut plan, rendered, joins, usings) = loop {
        let started = Instant::now();
        // Suppressed sites that were rewritten are planned away, with everything their chains needed: up to
        // three plans more.
        let mut replans = 0;
        let (mut plan, joins) = loop {
            let (mut plan, joins) = plan_until_answered(
                &mut slots,
                &projects,
                options,
                parse_all,
                reader,
                &progress,
                &mut covered,
                &mut timing,
                &mut result,
                &mut suppressions,
            );
            let anchors = detection_anchors(&slots);
            if !suppressions.settle_sites(&mut plan, &slots, &anchors) || replans == 3 {
                break (plan, joins);
            }
            replans += 1;
        };
        timing.total += started.elapsed();
        result.files_parsed =
            slots.iter().filter(|s| matches!(s, Slot::Parsed(_) | Slot::Unparsed { answers: Some(_), .. })).count();
        let started = Instant::now();
        planned_edits = plan.edits.clone();
        let usings = planned_usings(&slots, &plan);
        let rendered = render_all(&slots, &mut plan, &usings);
        timing.rendering += started.elapsed();
        let broken: Vec<FileId> = rendered
            .iter()
            .filter(|(_, r)| matches!(r, Err(Refusal { touches_broken_code: true, .. })))
            .map(|(f, _)| *f)
            .collect();
        // The edits as planned: rendering took them out of the plan.
        let suppressed = suppressions.offending(&planned_edits);
        // A text put aside and read again for planning or rendering, from a file that changed on disk since it
        // was parsed: planning saw spaces there, and its facts describe another file.
        let changed: Vec<FileId> = (0..slots.len() as FileId)
            .filter(|f| parsed(&slots[*f as usize]).is_some_and(|p| p.file.source.changed_on_disk()))
            .collect();
        // Never kept: each file changes into one known by its names at most once, which ends the loop.
        let spoiled = !changed.is_empty();
        if (broken.is_empty() && suppressed.is_empty() || attempts >= 3) && !spoiled {
            break (plan, rendered, joins, usings);
        }
        attempts += 1;
        // Planned again, the file as it is now is known by the names it holds, and untouchable.
        for f in changed {
            if let Slot::Parsed(p) = &slots[f as usize] {
                let source = &p.file.source;
                result.errors.push(FileError { path: source.display.clone(), message: CHANGED_MESSAGE.into() });
                let now = std::fs::read(&source.path).unwrap_or_default();
                let (path, display) = (source.path.clone(), source.display.clone());
                let known = names_only(path, display, p.file.settings.clone(), &now, CHANGED);
                slots[f as usize] = Slot::Parsed(Box::new(known));
            }
        }
        for f in broken {
            if let Slot::Parsed(p) = &mut slots[f as usize] {
                p.file.read_only = Some("has code that does not parse beside a change it would need".into());
            }
        }
        for (f, how) in suppressed {
            if let Slot::Parsed(p) = &mut slots[f as usize] {
                p.file.read_only =
                    Some(format!("holds a change that would reach a line asyncmod is told to leave alone ({how})"));
            }
        }
    };
    for p in slots.iter().filter_map(parsed) {
        if let Some(read_again) = p.file.source.aside() {
            let len = p.file.source.text_len() as u64;
            result.stats.texts_aside.0 += 1;
            result.stats.texts_aside.1 += len;
            if read_again {
                result.stats.texts_read_again.0 += 1;
                result.stats.texts_read_again.1 += len;
            }
        }
    }
    result.stats.phases.push(("plan and lazy rounds", timing.total));
    result.stats.phases.push(("  of which planning", timing.planning));
    result.stats.phases.push(("  of which re-reading and parsing", timing.rounds));

    let mut failed: BTreeSet<String> = BTreeSet::new();
    for (_, r) in rendered {
        match r {
            Ok(Some(change)) => result.changes.push(change),
            Ok(None) => {}
            Err(refusal) => {
                failed.insert(refusal.error.path.clone());
                result.errors.push(refusal.error);
            }
        }
    }
    result.changes.sort_by(|a, b| a.source.display.cmp(&b.source.display));
    suppressions.finish_sites(&mut plan, &slots, ws, options.report_unused_suppressions);
    let kept: BTreeMap<FileId, Vec<Edit>> = planned_edits
        .into_iter()
        .filter(|(f, _)| parsed(&slots[*f as usize]).is_some_and(|p| !failed.contains(&p.file.source.display)))
        .collect();
    let started = Instant::now();
    result.change_sets = changeset::assign(&slots, joins, &kept, &usings, &mut plan.sites, options.change_set_diffs);
    result.stats.phases.push(("change sets", timing.joins + started.elapsed()));
    result.sites = plan.sites;
    let revisit = plan
        .revisit
        .iter()
        .filter_map(|(file, range)| {
            let source = &parsed(&slots[*file as usize])?.file.source;
            let anchor = revisit::anchor_key(source.text().get(range.clone())?);
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
    result.warnings.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
    // A file dropped after the prefilter's round and parsed again for a question is listed twice.
    result.files_with_parse_errors.sort();
    result.files_with_parse_errors.dedup();
    result.stats.phases.push(("render and verify", timing.rendering));
    note_peak_memory(&mut result.stats, "rendering");
    Pass { result, revisit }
}

/// Reads every file once, notes the suppressions its text holds and parses the candidates (files with a trigger
/// word) right away; keeps only those that hold a site, and for the others what questions they answer.
fn load(
    ws: &Workspace,
    options: &RunOptions,
    reader: &Reader,
    triggers: Option<&Triggers>,
    progress: &Progress,
    result: &mut RunResult,
) -> (Vec<Slot>, Vec<suppress::TextFound>) {
    let parse_all = options.parse_all || triggers.is_none();
    progress.files_total.store(ws.files.len(), std::sync::atomic::Ordering::Relaxed);
    let loaded: Vec<Result<Loaded, Loss>> = ws
        .files
        .par_iter()
        .enumerate()
        // One file per task (see `FILE_AT_A_TIME`).
        .with_max_len(FILE_AT_A_TIME)
        .map(|(i, entry)| {
            let mut entry = entry.clone();
            let (bytes, stamp) = reader.read(&entry.path).map_err(|e| Loss::Error(entry.display.clone(), e))?;
            let source = match SourceFile::from_bytes(entry.path.clone(), entry.display.clone(), bytes.clone()) {
                Ok(source) => source,
                Err(LoadError::Unreadable(e)) => return Err(Loss::Error(entry.display.clone(), e)),
                Err(not_text) => {
                    let opaque = opaque_file(&entry, &bytes);
                    let len = opaque.file.source.text_len() as u64;
                    let slot = Slot::Parsed(Box::new(opaque));
                    let not_text = Some(not_text);
                    return Ok(Loaded {
                        slot,
                        declined: None,
                        len,
                        generated: false,
                        not_text,
                        broken: None,
                        suppressions: None,
                    });
                }
            };
            let suppressions = suppress::Suppressions::scan_text(i as FileId, source.text());
            // Generated by its header rather than its name: read for its calls only, as discovery does for the others.
            if workspace::has_generated_header(source.text()) {
                entry.read_only = Some(workspace::GENERATED_CODE.to_string());
                entry.context_only = true;
            }
            let generated = entry.read_only.as_deref() == Some(workspace::GENERATED_CODE);
            let len = source.text_len() as u64;
            // A referenced project's file is there to answer questions; its own sites are not the run's to find.
            let detect: &[TransformId] = if entry.context_only { &[] } else { &options.enabled };
            // A `global using` imports into every file of its project: such files are parsed and kept, so that the
            // index and the `using`s new code needs see every one (they are few).
            let global_usings = memchr::memmem::find(source.text().as_bytes(), b"global using").is_some();
            let candidate = parse_all
                || global_usings
                || (!detect.is_empty() && triggers.is_some_and(|t| t.matches(source.text().as_bytes())));
            let loaded = |slot, declined, broken| {
                Ok(Loaded { slot, declined, len, generated, not_text: None, broken, suppressions })
            };
            if !candidate {
                return loaded(Slot::Unparsed { entry, stamp, answers: None }, None, None);
            }
            let parsed = parse_file(i as FileId, &entry, source, detect, progress);
            let broken = (parsed.file.facts.error_count > 0).then(|| entry.display.clone());
            // Without a site, a file matters only if it answers a question: forget it until one asks.
            if parsed.detections.is_empty() && !parse_all && parsed.file.facts.global_usings.is_empty() {
                let answers = Some(index::answer_keys(&parsed.file.facts).into_boxed_slice());
                let declined = Some(Box::new(keep(parsed, reader)));
                return loaded(Slot::Unparsed { entry, stamp, answers }, declined, broken);
            }
            loaded(Slot::Parsed(Box::new(keep(parsed, reader))), None, broken)
        })
        .collect();
    let mut slots: Vec<Slot> = Vec::with_capacity(loaded.len());
    let mut found = Vec::new();
    let mut first = Round::default();
    let mut declined_parses: Vec<(usize, Box<Parsed>)> = Vec::new();
    for l in loaded {
        match l {
            Ok(Loaded { slot, declined, len, generated, not_text, broken, suppressions }) => {
                declined_parses.extend(declined.map(|parsed| (slots.len(), parsed)));
                found.extend(suppressions);
                result.files_scanned += 1;
                result.files_with_parse_errors.extend(broken);
                result.generated_read += usize::from(generated);
                if let (Some(why), Slot::Parsed(p)) = (not_text, &slot) {
                    let message =
                        format!("{}; only searched for names: no method it names is made async", why_not_text(&why));
                    result.warnings.push(FileError { path: p.file.source.display.clone(), message });
                }
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
            Err(Loss::Error(path, message)) => {
                result.errors.push(FileError { path, message });
                slots.push(Slot::Gone);
            }
        }
    }
    result.stats.rounds.push(first);
    // Where this round parsed the share at which every remaining file is parsed before any plan (see
    // `plan_until_answered`), the files it parsed and found no site in are kept rather than parsed again then.
    if reached_full_parse_share(result, options) {
        let first = result.stats.rounds.last_mut().expect("this round was just added");
        for (i, parsed) in declined_parses {
            slots[i] = Slot::Parsed(parsed);
            first.kept += 1;
        }
    }
    (slots, found)
}

/// Whether the rounds so far parsed the share of the workspace's bytes from which a round parses every remaining
/// file (`RunOptions::full_parse_share`).
fn reached_full_parse_share(result: &RunResult, options: &RunOptions) -> bool {
    let parsed = result.stats.bytes_parsed() as f64;
    options.full_parse_share.is_some_and(|share| parsed >= share * result.stats.bytes_scanned as f64)
}

/// Time spent planning with its lazy rounds (of that, planning, and re-reading and parsing files for the
/// planner's questions), and rendering.
#[derive(Default)]
struct PlanTiming {
    total: Duration,
    rendering: Duration,
    planning: Duration,
    rounds: Duration,
    /// Joining the plan's edits into change sets, while its index is at hand.
    joins: Duration,
}

/// Plans; while the planner asks what unparsed files may answer (and `covered` does not hold the question
/// yet), parses those files and plans again.
#[allow(clippy::too_many_arguments)]
fn plan_until_answered(
    slots: &mut [Slot],
    projects: &index::Projects,
    options: &RunOptions,
    parse_all: bool,
    reader: &Reader,
    progress: &Progress,
    covered: &mut BTreeSet<(Ask, String)>,
    timing: &mut PlanTiming,
    result: &mut RunResult,
    suppressions: &mut suppress::Suppressions,
) -> (Plan, changeset::Joins) {
    let joined = |index: &Index, plan: &Plan, timing: &mut PlanTiming| {
        let started = Instant::now();
        let joins = changeset::join(index, &plan.edits);
        timing.joins += started.elapsed();
        joins
    };
    let unread = |slots: &[Slot]| slots.iter().any(|s| matches!(s, Slot::Unparsed { .. }));
    // Where the first round parsed the share at which a round parses every remaining file already, any question
    // a plan asks leads there: that plan would only be thrown away (jellyfin: 62 % of the bytes, a quarter of the
    // planning time), so every remaining file is parsed before planning at all.
    if !parse_all && reached_full_parse_share(result, options) && unread(slots) {
        let started = Instant::now();
        let errors = &mut result.errors;
        let finder = AskFinder::new(&[]);
        let (round, everything) = parse_answering(
            slots,
            &finder,
            reader,
            Scope::Everything,
            errors,
            &mut result.files_with_parse_errors,
            progress,
        );
        timing.rounds += started.elapsed();
        result.stats.rounds.push(Round { asks: 0, everything, ..round });
    }
    loop {
        let started = Instant::now();
        suppressions.refresh(slots);
        let files: Vec<Option<&IndexedFile>> = slots.iter().map(|s| parsed(s).map(|p| &p.file)).collect();
        let index = Index::with_projects(files, Some(projects));
        let dropped = &suppressions.dropped;
        let detections: Vec<transforms::Detected> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| parsed(s).map(|p| (i, p)))
            .flat_map(|(i, p)| p.detections.iter().map(move |d| (i as FileId, d)))
            .filter(|(i, d)| !dropped.contains(&(*i, d.anchor.start(), d.transform)))
            .collect();
        let mut planner = Planner::new(&index, &options.plan).with_untouchable(&suppressions.untouchables);
        transforms::plan(&detections, &options.enabled, &mut planner);
        let plan = planner.finish();
        let missing: Vec<(Ask, String)> = index.wanted().into_iter().filter(|a| !covered.contains(a)).collect();
        timing.planning += started.elapsed();
        let step = format!("planning with round {}'s files", result.stats.rounds.len() - 1);
        note_peak_memory(&mut result.stats, &step);
        // Nothing left to read: building the finder for every name asked (tens of thousands) would be wasted.
        if missing.is_empty() || parse_all || !unread(slots) {
            let joins = joined(&index, &plan, timing);
            return (plan, joins);
        }
        let started = Instant::now();
        drop(index);
        let finder = AskFinder::new(&missing);
        let scope = match options.full_parse_share {
            Some(share) => Scope::EverythingFrom {
                parsed: result.stats.bytes_parsed(),
                at: (share * result.stats.bytes_scanned as f64) as u64,
            },
            None => Scope::Answering,
        };
        let errors = &mut result.errors;
        let (round, everything) =
            parse_answering(slots, &finder, reader, scope, errors, &mut result.files_with_parse_errors, progress);
        covered.extend(missing.iter().cloned());
        timing.rounds += started.elapsed();
        if round.files == 0 {
            // Nothing new was read, so the plan stands; its edits are joined with an index over the same files.
            let files: Vec<Option<&IndexedFile>> = slots.iter().map(|s| parsed(s).map(|p| &p.file)).collect();
            let index = Index::with_projects(files, Some(projects));
            let joins = joined(&index, &plan, timing);
            return (plan, joins);
        }
        result.stats.rounds.push(Round { asks: missing.len(), everything, ..round });
    }
}

/// How many files a task of the thread pool takes at most. By default rayon cuts a list into a few pieces per
/// thread and lets a thread take a piece from another only before that piece has started: files differ in cost by
/// orders of magnitude (an EF migration's model snapshot against a three-line class), and folders of costly
/// files sit together in the list, so one thread was left parsing a piece for seconds while the other waited
/// (8 of the 54 s of the five code bases of issue 21). Tasks of one file each cost microseconds against the
/// milliseconds of a parse.
pub(crate) const FILE_AT_A_TIME: usize = 1;

/// The `using` edit of each file whose new code names a namespace the file does not import yet.
fn planned_usings(slots: &[Slot], plan: &Plan) -> BTreeMap<FileId, Edit> {
    let globals = index::project_global_usings(slots.iter().filter_map(|s| parsed(s).map(|p| &p.file)));
    plan.needs_usings
        .iter()
        .filter_map(|(file, namespaces)| {
            let p = parsed(&slots[*file as usize]).expect("planned files are parsed");
            Some((*file, usings_edit(&p.file, namespaces, &globals)?))
        })
        .collect()
}

/// Renders and verifies each file the plan changes, with the `using`s its new code needs (`planned_usings`).
fn render_all(
    slots: &[Slot],
    plan: &mut Plan,
    usings: &BTreeMap<FileId, Edit>,
) -> Vec<(FileId, Result<Option<FileChange>, Refusal>)> {
    let mut edits_by_file: BTreeMap<FileId, Vec<Edit>> = std::mem::take(&mut plan.edits);
    for (file, edit) in usings {
        edits_by_file.entry(*file).or_default().push(edit.clone());
    }
    edits_by_file
        .into_par_iter()
        .map(|(file, edits)| {
            let p = parsed(&slots[file as usize]).expect("planned files are parsed");
            (file, render_file(&p.file, edits))
        })
        .collect()
}

/// Where every detection's reports point: (file, place, the detection's anchor start, transform).
fn detection_anchors(slots: &[Slot]) -> Vec<suppress::Anchor> {
    slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| parsed(s).map(|p| (i as FileId, p)))
        .flat_map(|(i, p)| {
            p.detections.iter().flat_map(move |d| d.reports_at().map(move |r| (i, r, d.anchor.start(), d.transform)))
        })
        .collect()
}

/// A file as the first read took it in: its slot, its length in bytes of text, whether it is generated code,
/// for a file that is not C# text, why, and its path if it was parsed and its tree has errors.
struct Loaded {
    slot: Slot,
    /// The parse of a file the slot drops for holding no site, to keep if the round turns out to parse most bytes.
    declined: Option<Box<Parsed>>,
    len: u64,
    generated: bool,
    not_text: Option<LoadError>,
    broken: Option<String>,
    /// What its text holds for `Suppressions`.
    suppressions: Option<suppress::TextFound>,
}

/// Why a discovered file takes no part in the run.
enum Loss {
    Error(String, String),
}

/// Why a file is not C# text, for the warning that says it was only searched for names.
fn why_not_text(e: &LoadError) -> String {
    match e {
        LoadError::Unreadable(e) => format!("cannot read file: {e}"),
        LoadError::Binary => "file contains NUL bytes and looks binary".into(),
        LoadError::Malformed { encoding, byte_offset } => format!(
            "file starts with a {encoding} byte order mark but is not valid {encoding} (first bad byte at offset \
             {byte_offset})"
        ),
    }
}

/// A file that is not C# text (binary, or bytes its byte order mark does not fit): it has no tree, but the
/// compiler may still read it some way, and its names may be calls. It enters the index as code that does not
/// parse from end to end, so that every method it names counts as called where no `await` can be added.
fn opaque_file(entry: &FileEntry, bytes: &[u8]) -> Parsed {
    names_only(entry.path.clone(), entry.display.clone(), entry.settings.clone(), bytes, "is not C# text")
}

/// Why a file that changed on disk after the run first read it is known by its names only.
const CHANGED: &str = "changed on disk during the run";
const CHANGED_MESSAGE: &str =
    "the file changed on disk during the run; only searched for names: no method it names is made async, and it \
     is not changed. Run asyncmod again.";

/// A file known by the names its bytes hold, as if none of its code parsed: a method named there may be called
/// there, so none of that name is changed. It is untouchable, for `why`.
fn names_only(
    path: PathBuf,
    display: String,
    settings: Arc<workspace::ProjectSettings>,
    bytes: &[u8],
    why: &str,
) -> Parsed {
    // Without a byte order mark, UTF-16 spells names with NULs between the letters: dropped, they read as names.
    let without_nul: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    let text = String::from_utf8_lossy(&without_nul).into_owned().into_bytes();
    let source = SourceFile::from_bytes(path, display, text).expect("UTF-8 text without NUL bytes is read as UTF-8");
    let facts = facts::unparsable(source.text());
    let read_only = Some(format!("{why}, only searched for names"));
    let file = IndexedFile { source, settings, facts, markup: None, read_only, attribute_suppressions: true };
    Parsed { file, detections: Vec::new() }
}

/// Notes the peak resident memory so far, after `step`.
fn note_peak_memory(stats: &mut RunStats, step: &str) {
    if let Some(bytes) = memory::peak_resident() {
        stats.peak_memory.push((step.to_string(), bytes));
    }
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
    let parse_text = preprocessor::blank_inactive(source.text(), &defines);
    // The parser alone sees the recovered text (same offsets again); the facts read names from the blanked text, so
    // a local called `async` keeps its name.
    let tree = recover::parse(&parse_text);
    let mut facts = facts::extract(&tree, &parse_text);
    let detections = {
        let input = FileInput { id, tree: &tree, source: &source, facts: &facts, settings: &settings };
        transforms::detect(&input, enabled)
    };
    drop(tree);
    compact(&mut facts);
    let markup = index::read_markup_for(&source.path);
    let read_only = entry.read_only.clone();
    let attribute_suppressions = suppress::has_attribute_suppressions(&facts, source.text());
    Parsed { file: IndexedFile { source, settings, facts, markup, read_only, attribute_suppressions }, detections }
}

/// A parsed file as it is kept: its text is put aside until planning or rendering asks for it. Most files are
/// kept for their facts alone (what they declare and call), and most sites are candidates that planning settles
/// from the facts (a dropped call that returns no task), so only the files that get a change or a report are read
/// again.
fn keep(mut parsed: Parsed, reader: &Reader) -> Parsed {
    if reader.reads_from_disk(&parsed.file.source.path) {
        parsed.file.source.put_text_aside();
    }
    parsed
}

/// Gives back the spare capacity of the facts' vectors: they are kept until the run ends, and growth by
/// doubling leaves about a quarter of them unused.
fn compact(facts: &mut facts::FileFacts) {
    facts.types.shrink_to_fit();
    facts.functions.shrink_to_fit();
    facts.calls.shrink_to_fit();
    facts.delegate_uses.shrink_to_fit();
    facts.returns.shrink_to_fit();
    facts.usings.shrink_to_fit();
    facts.error_ranges.shrink_to_fit();
    facts.scopes.shrink_to_fit();
    for t in &mut facts.types {
        t.bases.shrink_to_fit();
        t.written_bases.shrink_to_fit();
        t.attributes.shrink_to_fit();
        t.members.shrink_to_fit();
    }
    for t in &mut facts.types {
        t.type_params.shrink_to_fit();
    }
    // A function's parameters, modifiers and attributes and a call's arguments are boxed slices, exact already.
    for f in &mut facts.functions {
        f.locals.shrink_to_fit();
    }
    for s in &mut facts.scopes {
        s.imports.shrink_to_fit();
        s.statics.shrink_to_fit();
        s.aliases.shrink_to_fit();
    }
}
