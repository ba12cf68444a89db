//! The planner: turns intents ("make this function async", "await this
//! call") into edits, propagating over the call graph to a fixpoint, and
//! records every site it rewrote or had to leave with a reason.

mod asyncify;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;

use crate::edit::Edit;
use crate::index::{CallId, FileId, FnId, Index};
use crate::report::{Outcome, SiteReport};
use crate::transforms::TransformId;

pub use asyncify::{await_edits, is_event_handler_signature};

/// How far the user trusts rewrites.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// Also rewrite sites whose task type rests on a name hint (`FooAsync()` on an unknown receiver).
    pub include_review: bool,
    pub max_concurrency: usize,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions { include_review: false, max_concurrency: 10 }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Decision {
    /// Becomes async. `signature_changes`: callers must now await it.
    Convert {
        signature_changes: bool,
        origin: TransformId,
    },
    Blocked(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CallFix {
    Await,
    /// The caller cannot become async: it keeps an explicit blocking wait.
    Boundary(String),
}

/// Propagation state; cloned to try a change that must apply whole or not at all.
#[derive(Clone, Debug, Default)]
struct AsyncState {
    decisions: BTreeMap<FnId, Decision>,
    call_fixes: BTreeMap<CallId, (CallFix, TransformId)>,
    pending: VecDeque<FnId>,
}

pub struct Planner<'i, 'f> {
    pub index: &'i Index<'f>,
    pub options: &'i PlanOptions,
    state: AsyncState,
    edits: BTreeMap<FileId, Vec<Edit>>,
    sites: Vec<SiteReport>,
    /// Files whose new code names `Task` and may need `using System.Threading.Tasks;`.
    needs_tasks_using: BTreeSet<FileId>,
}

/// The result of planning: edits per file and a report per site.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: BTreeMap<FileId, Vec<Edit>>,
    pub sites: Vec<SiteReport>,
    pub needs_tasks_using: BTreeSet<FileId>,
}

impl<'i, 'f> Planner<'i, 'f> {
    pub fn new(index: &'i Index<'f>, options: &'i PlanOptions) -> Self {
        Planner {
            index,
            options,
            state: AsyncState::default(),
            edits: BTreeMap::new(),
            sites: Vec::new(),
            needs_tasks_using: BTreeSet::new(),
        }
    }

    pub fn edit(&mut self, file: FileId, edit: Edit) {
        self.edits.entry(file).or_default().push(edit);
    }

    /// Why no edit may go into `file`, if none may.
    pub fn read_only(&self, file: FileId) -> Option<&'f str> {
        self.index.file(file).read_only.as_deref()
    }

    pub fn note_tasks_using(&mut self, file: FileId) {
        self.needs_tasks_using.insert(file);
    }

    pub fn site(
        &mut self,
        file: FileId,
        range: Range<usize>,
        transform: TransformId,
        outcome: Outcome,
        message: impl Into<String>,
        reason: impl Into<String>,
    ) {
        let f = self.index.file(file);
        let (line, column) = f.source.line_col(range.start);
        self.sites.push(SiteReport {
            path: f.source.display.clone(),
            line,
            column,
            range,
            transform,
            outcome,
            message: message.into(),
            reason: reason.into(),
        });
    }

    /// Makes `f` async, with everything that requires; `Err` says why it cannot be.
    /// Callers are queued and handled by `settle`.
    pub fn make_async(&mut self, f: FnId, origin: TransformId) -> Result<(), String> {
        asyncify::make_async(self, f, origin)
    }

    /// `async void` → `async Task`, all or nothing: if any caller on the way would have to keep a
    /// blocking wait, nothing changes and the first such boundary is the error.
    pub fn retype_async_void(&mut self, f: FnId, origin: TransformId) -> Result<(), String> {
        let saved = self.state.clone();
        let before: BTreeSet<CallId> = self.boundaries();
        let result = asyncify::retype_async_void(self, f, origin).and_then(|()| {
            asyncify::settle(self);
            let after = self.boundaries();
            match after.difference(&before).next() {
                Some(call) => {
                    let c = self.index.call(*call);
                    let why = match &self.state.call_fixes[call].0 {
                        CallFix::Boundary(r) => r.clone(),
                        CallFix::Await => String::new(),
                    };
                    Err(format!(
                        "its caller at {} cannot become async: {}",
                        self.index.location(call.file, c.range.start),
                        why
                    ))
                }
                None => Ok(()),
            }
        });
        if result.is_err() {
            self.state = saved;
        }
        result
    }

    fn boundaries(&self) -> BTreeSet<CallId> {
        self.state
            .call_fixes
            .iter()
            .filter(|(_, (fix, _))| matches!(fix, CallFix::Boundary(_)))
            .map(|(id, _)| *id)
            .collect()
    }

    /// Runs queued propagation to its fixpoint.
    pub fn settle(&mut self) {
        asyncify::settle(self);
    }

    /// Whether `f` ends up async (already was, or converted by this plan).
    pub fn is_async_now(&self, f: FnId) -> bool {
        self.index.function(f).is_async() || matches!(self.state.decisions.get(&f), Some(Decision::Convert { .. }))
    }

    /// Runs propagation to its fixpoint and emits every edit it implies.
    pub fn finish(mut self) -> Plan {
        asyncify::settle(&mut self);
        asyncify::emit(&mut self);
        let mut sites = std::mem::take(&mut self.sites);
        sites.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        sites.dedup();
        Plan { edits: self.edits, sites, needs_tasks_using: self.needs_tasks_using }
    }
}
