//! Change sets: the rewrites that must be written together. A root site's fix, the callers awaited because
//! its method became async, the interface and override members that change with it, and the token arguments
//! passed to a new parameter depend on one another: writing some without the others would not compile. Every edit
//! belongs to the outermost member around it; members are joined when an edit sits in a call that resolves to
//! another edited member, or when they are of one interface/override group. Each connected part is a change set.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::{parsed, Slot};
use crate::edit::{self, Edit};
use crate::index::facts::FunctionKind;
use crate::index::{CallId, CallTarget, FileId, FnId, Index, IndexedFile};
use crate::model::{ChangeSet, FileChange, Outcome, SiteReport};

/// A member of a file (its outermost function), or the file's top level.
type Unit = (FileId, Option<u32>);

/// The member around `at`; `None` at a file's top level, top-level statements included (a lambda or local
/// function there belongs to them).
fn outermost(file: &IndexedFile, at: usize) -> Option<u32> {
    let mut f = file.facts.function_at(&(at..at))?;
    while let Some(parent) = file.facts.functions[f as usize].parent {
        f = parent;
    }
    let in_statements = matches!(
        file.facts.functions[f as usize].kind,
        FunctionKind::Lambda | FunctionKind::AnonymousMethod | FunctionKind::LocalFunction
    );
    (!in_statements).then_some(f)
}

struct Sets {
    parent: Vec<usize>,
    index: HashMap<Unit, usize>,
}

impl Sets {
    fn id(&mut self, u: Unit) -> usize {
        let next = self.parent.len();
        let id = *self.index.entry(u).or_insert(next);
        if id == next {
            self.parent.push(next);
        }
        id
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// Which members must change together: each edited unit's representative. Computed with the index the plan was
/// made with, before it is dropped (resolving calls as the planner did, at no cost of a second index).
#[derive(Default)]
pub(super) struct Joins {
    sets: Option<Sets>,
}

/// Joins the units of `edits`: through calls that hold an edit and resolve to an edited member, through a field's
/// edit and the members of its type, and through interface and override groups.
pub(super) fn join(index: &Index, edits: &BTreeMap<FileId, Vec<Edit>>) -> Joins {
    if edits.is_empty() {
        return Joins::default();
    }
    let mut sets = Sets { parent: Vec::new(), index: HashMap::new() };
    for (file, list) in edits {
        let f = index.file(*file);
        for e in list {
            sets.id((*file, outermost(f, e.range.start)));
        }
    }
    // Calls that hold an edit and resolve to an edited member join it. Calls nest (they are syntax), so a sweep
    // in source order keeps the calls open at each edit on a stack instead of testing every call of the file.
    for (file, list) in edits {
        let f = index.file(*file);
        let calls = &f.facts.calls;
        let mut by_start: Vec<u32> = (0..calls.len() as u32).collect();
        by_start.sort_by_key(|&c| (calls[c as usize].range.start(), std::cmp::Reverse(calls[c as usize].range.end())));
        let mut order: Vec<&Edit> = list.iter().collect();
        order.sort_by_key(|e| (e.range.start, e.range.end));
        let (mut open, mut next): (Vec<u32>, usize) = (Vec::new(), 0);
        let ends = |c: u32| calls[c as usize].range.end();
        for e in order {
            while let Some(&c) = by_start.get(next).filter(|&&c| calls[c as usize].range.start() <= e.range.start) {
                while open.last().is_some_and(|&o| ends(o) < calls[c as usize].range.start()) {
                    open.pop();
                }
                open.push(c);
                next += 1;
            }
            while open.last().is_some_and(|&o| ends(o) < e.range.start) {
                open.pop();
            }
            let here = sets.id((*file, outermost(f, e.range.start)));
            for &ci in open.iter().filter(|&&c| e.range.end <= ends(c)) {
                let targets = match index.resolve_call(CallId { file: *file, index: ci }) {
                    CallTarget::Solution(t) | CallTarget::Unknown(t) => t,
                    _ => continue,
                };
                for &t in targets.iter() {
                    let unit = (t.file, outermost(index.file(t.file), index.function(t).range.start()));
                    if let Some(&other) = sets.index.get(&unit) {
                        sets.union(here, other);
                    }
                }
            }
        }
    }
    // An edit to a field or outside every member (a field's type, as when a lock object becomes a semaphore)
    // changes what the members of its type use: it joins every edited member of the innermost type around it.
    for (file, list) in edits {
        let f = index.file(*file);
        let mut owners: BTreeMap<(usize, usize), Vec<Unit>> = BTreeMap::new();
        for e in list {
            let function = outermost(f, e.range.start);
            let declaration_level =
                function.is_none_or(|i| matches!(f.facts.functions[i as usize].kind, FunctionKind::Initializer));
            if !declaration_level {
                continue;
            }
            let owner = f
                .facts
                .types
                .iter()
                .filter(|t| t.range.start <= e.range.start && e.range.end <= t.range.end)
                .min_by_key(|t| t.range.len());
            if let Some(t) = owner {
                owners.entry((t.range.start, t.range.end)).or_default().push((*file, function));
            }
        }
        for ((start, end), units) in owners {
            let here = sets.index[&units[0]];
            for unit in &units[1..] {
                let other = sets.index[unit];
                sets.union(here, other);
            }
            for (fi, func) in f.facts.functions.iter().enumerate() {
                if func.parent.is_none() && start <= func.range.start() && func.range.end() <= end {
                    if let Some(&other) = sets.index.get(&(*file, Some(fi as u32))) {
                        sets.union(here, other);
                    }
                }
            }
        }
    }
    // Interface and override groups change together.
    let units: Vec<Unit> = sets.index.keys().copied().collect();
    for (file, function) in units {
        let Some(function) = function else { continue };
        let here = sets.index[&(file, Some(function))];
        for m in index.group_of(FnId { file, index: function }).members {
            let unit = (m.file, outermost(index.file(m.file), index.function(m).range.start()));
            if let Some(&other) = sets.index.get(&unit) {
                sets.union(here, other);
            }
        }
    }
    Joins { sets: Some(sets) }
}

/// Numbers the change sets of `edits` (joined as `joins` says), marks each rewritten site with its set and whether
/// it is a root cause, and, when `render` is set, renders each set on its own (with the `using`s its files need).
pub(super) fn assign(
    slots: &[Slot],
    joins: Joins,
    edits: &BTreeMap<FileId, Vec<Edit>>,
    usings: &BTreeMap<FileId, Edit>,
    sites: &mut [SiteReport],
    render: bool,
) -> Vec<ChangeSet> {
    let Some(mut sets) = joins.sets.filter(|_| !edits.is_empty()) else { return Vec::new() };
    let file_of = |file: FileId| &parsed(&slots[file as usize]).expect("edited files are parsed").file;
    let mut edit_units: Vec<(FileId, usize, usize)> = Vec::new();
    for (file, list) in edits {
        let f = file_of(*file);
        for (i, e) in list.iter().enumerate() {
            let Some(&id) = sets.index.get(&(*file, outermost(f, e.range.start))) else { continue };
            edit_units.push((*file, i, id));
        }
    }
    // Number the sets in the order of their first rewritten site.
    let by_display: HashMap<&str, FileId> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| parsed(s).map(|p| (p.file.source.display.as_str(), i as FileId)))
        .collect();
    let mut numbers: BTreeMap<usize, usize> = BTreeMap::new();
    let mut has_root: BTreeMap<usize, bool> = BTreeMap::new();
    for site in sites.iter_mut().filter(|s| s.outcome == Outcome::Rewritten) {
        let Some(&file) = by_display.get(site.path.as_str()) else { continue };
        let unit = (file, outermost(file_of(file), site.range.start));
        let Some(&id) = sets.index.get(&unit) else { continue };
        let root = sets.find(id);
        let next = numbers.len() + 1;
        let number = *numbers.entry(root).or_insert(next);
        site.change_set = Some(number);
        site.root = !crate::model::Finding::is_consequence(site.code);
        *has_root.entry(number).or_default() |= site.root;
    }
    // A set whose sites are all consequences (its root was reported elsewhere) shows its first as the root.
    for site in sites.iter_mut() {
        if let Some(n) = site.change_set {
            if has_root.get(&n) == Some(&false) {
                site.root = true;
                has_root.insert(n, true);
            }
        }
    }
    // A set no rewritten site leads to (none is known) is numbered after the others, so that a review still
    // shows it and nothing is written unseen.
    for (_, _, id) in &edit_units {
        let root = sets.find(*id);
        let next = numbers.len() + 1;
        numbers.entry(root).or_insert(next);
    }
    if !render {
        return Vec::new();
    }
    let mut per_set: BTreeMap<usize, BTreeMap<FileId, Vec<Edit>>> = BTreeMap::new();
    for (file, i, id) in edit_units {
        let root = sets.find(id);
        let Some(&number) = numbers.get(&root) else { continue };
        per_set.entry(number).or_default().entry(file).or_default().push(edits[&file][i].clone());
    }
    per_set
        .into_iter()
        .map(|(id, files)| {
            let mut changes = Vec::new();
            let mut lines = Vec::new();
            for (file, mut list) in files {
                let f = file_of(file);
                lines.push((
                    f.source.display.clone(),
                    list.iter().map(|e| whole_lines(f.source.text(), &e.range)).collect(),
                ));
                list.extend(usings.get(&file).cloned());
                let Ok(list) = edit::normalize(list) else { continue };
                let new_text = edit::render(f.source.text(), &list);
                if new_text != f.source.text() {
                    changes.push(FileChange { source: f.source.clone(), new_text });
                }
            }
            ChangeSet { id, changes, lines, pass: 1 }
        })
        .collect()
}

fn whole_lines(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end.min(text.len())..].find('\n').map_or(text.len(), |i| range.end + i + 1);
    start..end
}
