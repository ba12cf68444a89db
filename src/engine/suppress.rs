//! Suppressions during a run: which sites are suppressed, and which code no change may touch.
//!
//! Every file's suppressions are gathered once: its asyncmod comments and pragmas (`config::suppress`),
//! `[SuppressMessage]` on its members and types and `[assembly: SuppressMessage]` anywhere in its project, the
//! `.editorconfig` rules turned off for it, the transforms and codes its project's `asyncmod.toml` disables, and
//! change sets rejected in an interactive review. Then:
//!
//! - a suppressed site is neither rewritten nor the root of a chain: planning runs, the sites a suppression covers
//!   (by transform, finding code or reason code) are found, and a site that was rewritten is planned away (its
//!   detection dropped, planning again), so nothing its chain needed is written either;
//! - code a suppression covers is untouchable for the transforms it names (every transform when it names codes
//!   or nothing): the planner refuses a chain that would change it (`Planner::untouchable_blocker`), and edits
//!   that still reach it (token arguments, a fan-out's limiter) make their file untouchable at rendering, the
//!   run planning again, as for code that does not parse;
//! - a suppression comment that covered nothing and kept no change out is, with `--report-unused-suppressions`,
//!   a finding of its own (ASYNC540).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{parsed, Slot};
use crate::config::analyzers;
use crate::config::editorconfig::EditorConfigs;
use crate::config::suppress::{self, Kind, Selector, Suppression, Target};
use crate::index::{FileId, IndexedFile};
use crate::model::{Finding, Outcome, Resolution, SiteReport, TransformId};
use crate::plan::{Plan, Untouchable, Untouchables};
use crate::transforms;
use crate::workspace::Workspace;

/// A change set rejected in an interactive review: its roots are suppressed, and the lines it would have changed
/// are untouchable, so what is written still compiles together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rejection {
    /// The file, as reports show it.
    pub path: String,
    /// Byte ranges of the lines the set would have changed in this file.
    pub lines: Vec<Range<usize>>,
    /// The roots of the set in this file: (range, transform).
    pub roots: Vec<(Range<usize>, TransformId)>,
}

/// An `[assembly: SuppressMessage]`: what it covers, its `Target` (if any), and how to name it.
type AssemblySuppression = (Selector, Option<String>, String);

/// What the text of one file holds: its comment and pragma suppressions, its assembly-level ones, and the unknown
/// ids its comments name.
pub(super) type TextFound = (FileId, Vec<Suppression>, Vec<AssemblySuppression>, Vec<String>);

/// A place a detection's reports point at: (file, place, the detection's anchor start, transform).
pub(super) type Anchor = (FileId, Range<usize>, usize, TransformId);

/// A suppression of one file, with whether it keeps changes out and whether it was used.
struct Held {
    suppression: Suppression,
    untouchable: bool,
    used: AtomicBool,
}

/// What the run knows of suppressions.
pub(super) struct Suppressions {
    /// Text-found suppressions (comments, pragmas) of every file that has any, by file.
    text: HashMap<FileId, Vec<Suppression>>,
    /// `[assembly: SuppressMessage]` by project file: (rule ids, target, how).
    assembly: HashMap<Option<PathBuf>, Vec<AssemblySuppression>>,
    held: HashMap<FileId, Vec<Held>>,
    editorconfigs: EditorConfigs,
    rejections: Vec<Rejection>,
    pub(super) untouchables: Untouchables,
    /// Detections not to plan: (file, anchor start, transform).
    pub(super) dropped: BTreeSet<(FileId, usize, TransformId)>,
    /// Reports of the sites whose detections were dropped, as planning first found them.
    dropped_reports: Vec<SiteReport>,
    /// Ids in suppression comments that name nothing asyncmod knows: (file, message).
    pub(super) unknown: Vec<(String, String)>,
}

fn transform_id(name: &str) -> Option<TransformId> {
    transforms::parse_id(name).ok()
}

fn is_transform(name: &str) -> bool {
    transform_id(name).is_some()
}

impl Suppressions {
    /// What one file's text holds: its comment and pragma suppressions, its `[assembly: SuppressMessage]`s and
    /// the unknown ids its comments name. Asked of every file as the run first reads it (parsed or not: a
    /// suppression comment in a file no transform looks at is unused, and `[assembly: SuppressMessage]` usually
    /// sits in a file with no site); `None` when it holds none of them.
    pub(super) fn scan_text(file: FileId, text: &str) -> Option<TextFound> {
        let finder = |w: &[u8]| memchr::memmem::find(text.as_bytes(), w).is_some();
        if !finder(b"asyncmod-") && !finder(b"#pragma") && !finder(b"SuppressMessage") {
            return None;
        }
        let (text_found, unknown) = suppress::scan(text, &is_transform);
        let unknown = unknown
            .into_iter()
            .map(|u| format!("line {}: `{}` in a suppression comment names no transform or code", u.line, u.id))
            .collect();
        let assembly = assembly_suppressions(text);
        Some((file, text_found, assembly, unknown))
    }

    /// The suppressions of a workspace, from what `scan_text` found in its files.
    pub(super) fn new(ws: &Workspace, found: Vec<TextFound>, rejections: &[Rejection]) -> Suppressions {
        let mut out = Suppressions {
            text: HashMap::new(),
            assembly: HashMap::new(),
            held: HashMap::new(),
            editorconfigs: EditorConfigs::default(),
            rejections: rejections.to_vec(),
            untouchables: Untouchables::new(),
            dropped: BTreeSet::new(),
            dropped_reports: Vec::new(),
            unknown: Vec::new(),
        };
        for (file, text, assembly, unknown) in found {
            let entry = &ws.files[file as usize];
            out.unknown.extend(unknown.into_iter().map(|m| (entry.display.clone(), m)));
            if !assembly.is_empty() {
                out.assembly.entry(entry.settings.project.clone()).or_default().extend(assembly);
            }
            if !text.is_empty() {
                out.text.insert(file, text);
            }
        }
        out
    }

    /// Gathers the suppressions of every parsed file not seen yet, and the code they make untouchable.
    pub(super) fn refresh(&mut self, slots: &[Slot]) {
        for (i, slot) in slots.iter().enumerate() {
            let file = i as FileId;
            if self.held.contains_key(&file) {
                continue;
            }
            let Some(p) = parsed(slot) else { continue };
            let held = self.gather(file, &p.file);
            let untouchable: Vec<Untouchable> = held
                .iter()
                .filter(|h| h.untouchable)
                .map(|h| Untouchable {
                    range: h.suppression.range.clone(),
                    transforms: h
                        .suppression
                        .selector
                        .transforms_kept_out()
                        .map(|names| names.into_iter().filter_map(transform_id).collect()),
                    how: h.suppression.how.clone(),
                    used: AtomicBool::new(false),
                })
                .collect();
            if !untouchable.is_empty() {
                self.untouchables.insert(file, untouchable);
            }
            self.held.insert(file, held);
        }
    }

    fn gather(&mut self, file: FileId, f: &IndexedFile) -> Vec<Held> {
        let mut out: Vec<Held> = Vec::new();
        let mut push = |suppression: Suppression, untouchable: bool| {
            out.push(Held { suppression, untouchable, used: AtomicBool::new(false) })
        };
        let whole = 0..usize::MAX;
        for s in self.text.get(&file).into_iter().flatten() {
            // A pragma or comment names lines: keep changes out of them.
            push(s.clone(), true);
        }
        if f.attribute_suppressions {
            // Only for files with one: every kept file's text is put aside after parsing.
            for (head, range) in suppress_message_heads(&f.facts, f.source.text()) {
                if let Some(s) = attribute_suppression(head, range, &f.source) {
                    push(s, true);
                }
            }
        }
        for (selector, target, how) in self.assembly.get(&f.settings.project).into_iter().flatten() {
            for range in assembly_target_ranges(target.as_deref(), f) {
                let s = Suppression {
                    selector: selector.clone(),
                    range,
                    kind: Kind::Attribute,
                    how: how.clone(),
                    at: 0..0,
                };
                push(s, true);
            }
        }
        let display_dir = |d: &std::path::Path| {
            let cwd = std::env::current_dir().unwrap_or_default();
            d.strip_prefix(&cwd).unwrap_or(d).to_string_lossy().replace('\\', "/")
        };
        let absolute = std::fs::canonicalize(&f.source.path).unwrap_or_else(|_| f.source.path.clone());
        for off in self.editorconfigs.rules_off(&absolute, &display_dir) {
            let (selector, untouchable) = if analyzers::is_own_code(&off.id) {
                (Selector { targets: vec![Target::Code(off.id.clone())] }, false)
            } else if !analyzers::transforms_for(&off.id).is_empty() {
                let targets = analyzers::transforms_for(&off.id).into_iter().map(|t| Target::Transform(t.into()));
                (Selector { targets: targets.collect() }, true)
            } else {
                continue;
            };
            let s = Suppression { selector, range: whole.clone(), kind: Kind::EditorConfig, how: off.how, at: 0..0 };
            push(s, untouchable);
        }
        let config = &f.settings.config;
        let source = config.source.clone().unwrap_or_else(|| "asyncmod.toml".into());
        for id in &config.disabled {
            let (selector, untouchable, what) = if analyzers::is_own_code(id) {
                (Selector { targets: vec![Target::Code(id.clone())] }, false, "disables")
            } else {
                (Selector::transform(id), true, "does not enable")
            };
            let how = format!("{source}, which {what} `{id}` for this project");
            push(Suppression { selector, range: whole.clone(), kind: Kind::Config, how, at: 0..0 }, untouchable);
        }
        for r in self.rejections.iter().filter(|r| r.path == f.source.display) {
            for range in &r.lines {
                let how = "a change set rejected in review".to_string();
                let s =
                    Suppression { selector: Selector::all(), range: range.clone(), kind: Kind::Review, how, at: 0..0 };
                push(s, true);
            }
            for (range, transform) in &r.roots {
                let how = "a change set rejected in review".to_string();
                let lines = whole_lines(f.source.text(), range);
                let s = Suppression {
                    selector: Selector::transform(transform.as_str()),
                    range: lines,
                    kind: Kind::Review,
                    how,
                    at: 0..0,
                };
                push(s, true);
            }
        }
        out
    }

    /// The suppression that covers a finding of `transform` with these codes at `at` in `file`, if one does.
    fn covering(&self, file: FileId, at: usize, transform: &str, codes: &[&str]) -> Option<&Held> {
        self.held
            .get(&file)?
            .iter()
            .find(|h| h.suppression.range.contains(&at) && h.suppression.selector.covers(transform, codes))
    }

    /// After planning: marks the sites a suppression covers. A covered site that was rewritten is planned away:
    /// its detection is dropped and `true` says planning must run again.
    pub(super) fn settle_sites(&mut self, plan: &mut Plan, slots: &[Slot], anchors: &[Anchor]) -> bool {
        let files: HashMap<&str, FileId> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| parsed(s).map(|p| (p.file.source.display.as_str(), i as FileId)))
            .collect();
        let mut anchors_of: HashMap<FileId, Vec<&Anchor>> = HashMap::new();
        for a in anchors {
            anchors_of.entry(a.0).or_default().push(a);
        }
        let mut again = false;
        for site in plan.sites.iter_mut() {
            // Left alone is no finding, except where a transform left it alone because the code suppresses its
            // analyzer rule (ASYNC470): that is this layer's to report, as suppressed.
            if site.outcome == Outcome::LeftAlone && site.reason_code.is_none_or(|c| c.0 != "ASYNC470") {
                continue;
            }
            let Some(&file) = files.get(site.path.as_str()) else { continue };
            let reason = site.reason_code.map(|c| c.0).unwrap_or("");
            let codes = [site.code.0, reason];
            let Some(held) = self.covering(file, site.range.start, site.transform.as_str(), &codes) else { continue };
            let how = held.suppression.how.clone();
            held.used.store(true, Ordering::Relaxed);
            if site.outcome == Outcome::Rewritten {
                let root = anchors_of.get(&file).into_iter().flatten().find(|(_, place, key, t)| {
                    *t == site.transform
                        && (place.start == site.range.start || place.contains(&site.range.start))
                        && !self.dropped.contains(&(file, *key, *t))
                });
                let Some(&&(_, _, key, t)) = root else {
                    // A fix another root's chain needs, reported on a suppressed line by a suppression that does not
                    // keep changes out (a code disabled in asyncmod.toml): it is made with its chain.
                    continue;
                };
                self.dropped.insert((file, key, t));
                let mut report = site.clone();
                suppress_report(&mut report, how);
                self.dropped_reports.push(report);
                again = true;
                continue;
            }
            suppress_report(site, how);
        }
        again
    }

    /// The final sites: the plan's, with the dropped roots' reports, and the unused suppression comments when asked.
    pub(super) fn finish_sites(&mut self, plan: &mut Plan, slots: &[Slot], ws: &Workspace, report_unused: bool) {
        let mut dropped = std::mem::take(&mut self.dropped_reports);
        let planned: std::collections::HashSet<(&str, Range<usize>, TransformId)> =
            plan.sites.iter().map(|s| (s.path.as_str(), s.range.clone(), s.transform)).collect();
        dropped.retain(|d| !planned.contains(&(d.path.as_str(), d.range.clone(), d.transform)));
        plan.sites.extend(dropped);
        if report_unused {
            for (file, sups) in &self.text {
                let held = self.held.get(file);
                let entry = &ws.files[*file as usize];
                for (i, s) in sups.iter().enumerate().filter(|(_, s)| s.kind == Kind::Comment) {
                    let used = held.is_some_and(|h| {
                        h.iter()
                            .filter(|h| h.suppression.kind == Kind::Comment)
                            .nth(i)
                            .is_some_and(|h| h.used.load(Ordering::Relaxed))
                    }) || self
                        .untouchables
                        .get(file)
                        .is_some_and(|u| u.iter().any(|u| u.how == s.how && u.used.load(Ordering::Relaxed)));
                    if used {
                        continue;
                    }
                    let source = parsed(&slots[*file as usize]).map(|p| &p.file.source);
                    let text = match source {
                        Some(src) => src.shared_text(),
                        None => match std::fs::read(&entry.path).ok().and_then(|b| {
                            crate::source::SourceFile::from_bytes(entry.path.clone(), entry.display.clone(), b).ok()
                        }) {
                            Some(src) => src.shared_text(),
                            None => continue,
                        },
                    };
                    let what = s.how.clone();
                    let finding = Finding::UnusedSuppression { what: what.clone() };
                    let mut site = SiteReport::new(
                        (entry.display.clone(), 0, 0),
                        s.at.clone(),
                        crate::model::SUPPRESSIONS,
                        &finding,
                        Resolution::Reported(crate::model::Reason::UnusedSuppressionReason),
                    );
                    site.locate(&crate::source::Lines::new(&text));
                    plan.sites.push(site);
                }
            }
        }
        plan.sites.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Files with an edit that reaches untouchable code for its transform (the planner could not see it coming),
    /// with how that code was put out of reach.
    pub(super) fn offending(
        &self,
        edits: &std::collections::BTreeMap<FileId, Vec<crate::edit::Edit>>,
    ) -> Vec<(FileId, String)> {
        let mut out = Vec::new();
        for (file, edits) in edits {
            let Some(untouchable) = self.untouchables.get(file) else { continue };
            if let Some(u) = edits.iter().find_map(|e| untouchable.iter().find(|u| u.blocks(&e.range, e.origin))) {
                u.used.store(true, Ordering::Relaxed);
                out.push((*file, u.how.clone()));
            }
        }
        out
    }
}

fn suppress_report(site: &mut SiteReport, how: String) {
    site.outcome = Outcome::Suppressed;
    // A rewrite planned away, or a site refused only because its own lines are suppressed: the suppression is
    // the reason.
    let own = |c: crate::model::Code| matches!(c.0, "ASYNC501" | "ASYNC502") && site.reason.contains(&how);
    if site.reason_code.is_none_or(own) {
        // A rewrite planned away: what it would have done is no reason; the suppression is.
        let why = crate::model::Reason::SuppressedBy { how: how.clone() };
        site.reason = why.to_string();
        site.reason_code = Some(why.code());
    }
    site.safety = None;
    site.change_set = None;
    site.root = false;
    site.suppression = Some(how);
}

/// The whole lines around `range`.
fn whole_lines(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end.min(text.len())..].find('\n').map_or(text.len(), |i| range.end + i + 1);
    start..end
}

/// The heads (attributes and signature, up to the name or the `{`) of a file's methods, accessors and types that
/// carry a `[SuppressMessage]`, with the range of each declaration.
fn suppress_message_heads<'t>(
    facts: &'t crate::index::FileFacts,
    text: &'t str,
) -> impl Iterator<Item = (&'t str, Range<usize>)> + 't {
    let functions = facts
        .functions
        .iter()
        .filter(|func| func.is_method_like() || matches!(func.kind, crate::index::facts::FunctionKind::Accessor))
        .filter(|func| func.attributes.iter().any(|a| a == "SuppressMessage"))
        .map(|func| {
            let head = text.get(func.head_range()).unwrap_or("");
            (head, func.range.range())
        });
    let types = facts.types.iter().filter(|t| t.attributes.iter().any(|a| a == "SuppressMessage")).map(|t| {
        let head_end = text.get(t.range.clone()).and_then(|s| s.find('{')).map_or(t.range.end, |i| t.range.start + i);
        (text.get(t.range.start..head_end).unwrap_or(""), t.range.clone())
    });
    functions.chain(types)
}

/// Whether a `[SuppressMessage]` on one of the file's methods, accessors or types names a rule asyncmod honours:
/// asked while the text is at hand, so that the suppressions of each plan read the text of those files alone.
pub fn has_attribute_suppressions(facts: &crate::index::FileFacts, text: &str) -> bool {
    suppress_message_heads(facts, text).any(|(head, _)| rules_suppressed_in(head).is_some())
}

/// What the `[SuppressMessage]` attributes in `head` suppress of ours, and the rules they name for it.
fn rules_suppressed_in(head: &str) -> Option<(Selector, Vec<String>)> {
    let ids: Vec<(String, Option<String>)> = suppress::suppress_message_ids(head);
    let names: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    suppress::selector_for_rules(&names)
}

/// A `[SuppressMessage]` among the attributes in `head`, covering `range` of the file.
fn attribute_suppression(head: &str, range: Range<usize>, source: &crate::source::SourceFile) -> Option<Suppression> {
    let (selector, named) = rules_suppressed_in(head)?;
    let (line, _) = source.line_col(range.start);
    let how = format!("`[SuppressMessage(\"…\", \"{}\")]` on line {line}", named.join(", "));
    Some(Suppression { selector, range, kind: Kind::Attribute, how, at: 0..0 })
}

/// `[assembly: SuppressMessage(...)]` in a file's text: (selector, target, how).
fn assembly_suppressions(text: &str) -> Vec<AssemblySuppression> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("assembly:") {
        let line_start = text[..i].rfind('\n').map_or(0, |j| j + 1);
        if !text[line_start..i].trim_start().starts_with('[') {
            continue;
        }
        let end = text[i..].find(")]").map_or(text.len(), |j| i + j + 2);
        for (id, target) in suppress::suppress_message_ids(&text[i..end]) {
            let Some((selector, _)) = suppress::selector_for_rules(&[id.as_str()]) else { continue };
            let scope = target.as_deref().map(|t| format!(" on {t}")).unwrap_or_default();
            out.push((selector, target.clone(), format!("`[assembly: SuppressMessage(\"…\", \"{id}\")]`{scope}")));
        }
    }
    out
}

/// The parts of a file an assembly-level suppression's target covers: the whole file without a target; the
/// members or types it names (`~M:Ns.Type.Method(…)`, `~T:Ns.Type`); files that declare the namespace (`~N:Ns`).
fn assembly_target_ranges(target: Option<&str>, f: &IndexedFile) -> Vec<Range<usize>> {
    let whole = std::iter::once(0..usize::MAX).collect();
    let Some(target) = target else { return whole };
    let (kind, name) = target.trim_start_matches('~').split_once(':').unwrap_or(("", target));
    let path = name.split('(').next().unwrap_or(name);
    let segments: Vec<&str> = path.split('.').map(|s| s.split('`').next().unwrap_or(s)).collect();
    match kind {
        "M" | "P" | "E" | "F" => {
            let (Some(member), Some(type_name)) = (segments.last(), segments.iter().rev().nth(1)) else {
                return Vec::new();
            };
            f.facts
                .functions
                .iter()
                .filter(|func| func.name == *member)
                .filter(|func| func.containing_type.is_some_and(|t| f.facts.types[t as usize].name == *type_name))
                .map(|func| func.range.range())
                .collect()
        }
        "T" => {
            let Some(type_name) = segments.last() else { return Vec::new() };
            f.facts.types.iter().filter(|t| t.name == *type_name).map(|t| t.range.clone()).collect()
        }
        "N" => {
            let declared = f.source.text().contains(&format!("namespace {path}"));
            if declared {
                whole
            } else {
                Vec::new()
            }
        }
        _ => whole,
    }
}
