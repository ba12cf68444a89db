//! The planner: turns intents ("make this function async", "await this
//! call") into edits, propagating over the call graph to a fixpoint, and
//! records every site it rewrote or had to leave with a reason.

mod asyncify;
pub mod derived;
mod gain;
mod rename;
mod safety;
mod token;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;

use crate::edit::Edit;
use crate::index::{library, CallId, FileId, FnId, Index};
use crate::model::TransformId;
use crate::model::{Finding, Reason, Resolution, SiteReport};

pub use asyncify::{
    await_edits, configures_await, configures_await_in, is_event_handler, is_event_handler_signature, CONFIGURE_AWAIT,
};
pub use token::{
    can_write_as_argument, captures_outer_token, is_token_type, is_token_type_in, ArgInsert, TokenBinding, TokenParam,
    DISPOSAL_METHODS, ROUTE_BUILDERS,
};

/// How far the user trusts rewrites.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// Also rewrite sites whose task type rests on a name hint (`FooAsync()` on an unknown receiver).
    pub include_review: bool,
    /// `--max-concurrency`: the limit bounded-fanout writes. `None`: 10 for I/O work,
    /// `Environment.ProcessorCount` for CPU-bound `Task.Run` work.
    pub max_concurrency: Option<usize>,
    /// Add the `Async` suffix to methods that become async (changes public names).
    pub rename_async: bool,
    /// `--allow-boundaries`: make a method async even when a caller that cannot become async must keep
    /// blocking on it. Off, such a conversion is refused whole: the blocking wait would then sit above code that
    /// awaits on the caller's context, a deadlock under a single-threaded SynchronizationContext.
    pub allow_boundaries: bool,
    /// `--public-api change`: allow signature changes of public members of published libraries.
    pub change_public_api: bool,
    /// `--unsafe-fixes`: also make changes that compile but may change behaviour or a visible contract.
    pub unsafe_fixes: bool,
    /// `--token-hops N`: the most methods cancellation-token threads a token through to reach one sink (4 if `None`).
    pub token_hops: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Decision {
    /// Becomes async. `signature_changes`: callers must now await it.
    Convert {
        signature_changes: bool,
        origin: TransformId,
    },
    Blocked(Reason),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CallFix {
    Await,
    /// The callee is a blocking wrapper left as it is: the call awaits its async counterpart instead.
    AwaitCounterpart(FnId),
    /// The caller cannot become async: it keeps an explicit blocking wait.
    Boundary(Reason),
    /// As `Boundary`, under a `catch (AggregateException)`: the wait must keep wrapping
    /// exceptions the way the original `.Result`/`.Wait()` deeper down did.
    AggregateBoundary(Reason),
}

/// Propagation state; cloned to try a change that must apply whole or not at all.
#[derive(Clone, Debug, Default)]
struct AsyncState {
    decisions: BTreeMap<FnId, Decision>,
    call_fixes: BTreeMap<CallId, (CallFix, TransformId)>,
    pending: VecDeque<FnId>,
    /// Functions that will contain an `await` (a site or an awaited call asked for them to be async).
    awaits_in: BTreeSet<FnId>,
}

pub struct Planner<'i, 'f> {
    pub index: &'i Index<'f>,
    pub options: &'i PlanOptions,
    state: AsyncState,
    edits: BTreeMap<FileId, Vec<Edit>>,
    sites: Vec<SiteReport>,
    /// The file of each site, by index into `sites`.
    site_files: Vec<FileId>,
    /// Sites whose fix is unsafe by nature (file, offset), whatever their chain.
    unsafe_at: BTreeSet<(FileId, usize)>,
    /// Namespaces that new code in a file relies on (`System.Threading.Tasks` for `Task` ...).
    needs_usings: BTreeMap<FileId, BTreeSet<&'static str>>,
    token: token::TokenState,
    /// Tokens written before cancellation-token planned: (file, function, prefix, suffix).
    deferred_tokens: Vec<(FileId, Option<u32>, String, String)>,
    /// Functions whose new code calls something that takes a token (a limiter's `WaitAsync`).
    token_sinks: BTreeMap<FnId, &'static str>,
    /// Sites to rewrite in a pass over this plan's output (see `revisit_later`).
    revisit: Vec<(FileId, Range<usize>)>,
    /// Where a transform planned an `await` (file, offset of the awaited expression).
    awaits: BTreeSet<(FileId, usize)>,
    /// Code a transform planned to restructure, by file and offset, for transforms that plan later.
    restructured: BTreeMap<(FileId, usize), Restructured>,
    /// Conversions refused because a caller would have kept a blocking wait, with the reason: what makes a
    /// caller unable to become async does not change as the plan grows, so a second site there is refused at once.
    refused_for_boundary: BTreeMap<FnId, Reason>,
    /// Code no change may touch (`with_untouchable`).
    untouchable: Option<&'i Untouchables>,
    /// Whether new awaits take `.ConfigureAwait(false)` where a transform decides it (configure-await); elsewhere
    /// the file's habit decides (`configures_await`).
    await_policy: Option<AwaitPolicy>,
    /// Answers transforms derive from the index alone, kept for this planning run.
    pub derived: derived::Derived,
}

/// Whether an `await` written at an offset of a file takes `.ConfigureAwait(false)`: `None` leaves it to the file's
/// habit.
pub type AwaitPolicy = fn(&Index, FileId, usize) -> Option<bool>;

/// A restructuring one transform plans that changes what a later one finds at the same spot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Restructured {
    /// `Thread.Sleep(n)` becomes `await Task.Delay(n)` (keyed by the call).
    SleepBecomesDelay,
    /// `Parallel.ForEach(src, async x => …)` becomes `Parallel.ForEachAsync(src, async (x, token) => …)`
    /// (keyed by the lambda): the lambda gains this token parameter.
    ForEachAsyncBody { token: crate::atom::Atom },
    /// `Task.Run(() => FooAsync(x))` becomes `FooAsync(x)` (keyed by the `Task.Run` call): no token goes into
    /// the `Task.Run` any more.
    TaskRunUnwrapped,
    /// An `await` already in the source that a rewrite removes (keyed by the await): the `await FooAsync()` of
    /// an async lambda whose `Task.Run` is unwrapped.
    AwaitRemoved,
}

/// How widely a member of a class can be called, as an order: whoever can call a member can call any member of
/// the same type at the same level or above.
pub(crate) fn access_level(f: &crate::index::Function) -> u8 {
    let has = |m: &str| f.has_modifier(m);
    match (has("public"), has("protected"), has("internal"), has("private")) {
        (true, ..) => 4,
        (_, true, true, _) => 3,
        (_, _, true, _) => 2,
        (_, true, _, true) => 1,
        (_, true, _, _) => 1,
        _ => 0,
    }
}

/// Why a change was put back.
enum Refused {
    /// The change itself could not be made.
    Itself(Reason),
    /// It could, but a caller would have kept a blocking wait on it where that is not acceptable.
    Boundary(Reason),
}

/// Why a caller may not keep a blocking wait on a method that now awaits.
enum BoundaryRisk {
    /// A single-threaded SynchronizationContext may run it (the caller's project, with the evidence).
    Deadlock(String),
    /// It runs on a thread started with an apartment state.
    StaThread,
}

/// Brackets a deferred token's number in edit text; never found in source (a control character).
const DEFERRED_MARK: char = '\u{1}';

/// Code no change may touch, for every transform or for the ones named: lines a suppression covers (a
/// `// asyncmod-disable-next-line`, a `#pragma warning disable` of a rule a transform stands in for), or a change
/// set rejected in review. A chain that would change it is refused whole, as for a read-only file.
#[derive(Debug)]
pub struct Untouchable {
    /// Whole lines of the file.
    pub range: Range<usize>,
    /// `None`: kept out of every transform's changes.
    pub transforms: Option<Vec<TransformId>>,
    /// How it was asked for: "`// asyncmod-disable-next-line` on line 12".
    pub how: String,
    /// Set when it refused a change, so the engine knows the suppression was used.
    pub used: std::sync::atomic::AtomicBool,
}

/// The untouchable code of each file.
pub type Untouchables = std::collections::HashMap<FileId, Vec<Untouchable>>;

impl Untouchable {
    /// Whether an edit at `range` (empty: an insertion) by `origin` changes these lines.
    pub fn blocks(&self, range: &Range<usize>, origin: TransformId) -> bool {
        self.overlaps(range) && self.transforms.as_ref().is_none_or(|t| t.contains(&origin))
    }

    /// Whether an edit at `range` (empty: an insertion) changes these lines.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        range.start < self.range.end
            && (range.end > self.range.start || (range.is_empty() && range.start >= self.range.start))
    }
}

/// The result of planning: edits per file and a report per site.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: BTreeMap<FileId, Vec<Edit>>,
    pub sites: Vec<SiteReport>,
    /// Per file, the namespaces new code needs; the engine adds the `using`s that are missing.
    pub needs_usings: BTreeMap<FileId, BTreeSet<&'static str>>,
    /// Reported sites that another rewrite's edits stood in the way of: the engine plans again on the output and
    /// takes what that pass does with them.
    pub revisit: Vec<(FileId, Range<usize>)>,
}

impl<'i, 'f> Planner<'i, 'f> {
    pub fn new(index: &'i Index<'f>, options: &'i PlanOptions) -> Self {
        Planner {
            index,
            options,
            state: AsyncState::default(),
            edits: BTreeMap::new(),
            sites: Vec::new(),
            site_files: Vec::new(),
            unsafe_at: BTreeSet::new(),
            needs_usings: BTreeMap::new(),
            token: token::TokenState::default(),
            deferred_tokens: Vec::new(),
            token_sinks: BTreeMap::new(),
            revisit: Vec::new(),
            refused_for_boundary: BTreeMap::new(),
            awaits: BTreeSet::new(),
            restructured: BTreeMap::new(),
            untouchable: None,
            await_policy: None,
            derived: derived::Derived::default(),
        }
    }

    /// Keeps every change out of `untouchable` code: a chain that would need it is refused whole.
    pub fn with_untouchable(mut self, untouchable: &'i Untouchables) -> Self {
        self.untouchable = Some(untouchable);
        self
    }

    /// How the code at `range` of `file` was put out of reach of changes by `origin`, if it was.
    pub fn untouchable(&self, file: FileId, range: &Range<usize>, origin: TransformId) -> Option<&'i str> {
        let hit = self.untouchable?.get(&file)?.iter().find(|u| u.blocks(range, origin))?;
        hit.used.store(true, std::sync::atomic::Ordering::Relaxed);
        Some(hit.how.as_str())
    }

    /// As `untouchable`, for changes of the transform named `transform` (where no `TransformId` is at hand).
    pub fn untouchable_named(&self, file: FileId, range: &Range<usize>, transform: &str) -> Option<&'i str> {
        let hit = self.untouchable?.get(&file)?.iter().find(|u| {
            u.overlaps(range) && u.transforms.as_ref().is_none_or(|t| t.iter().any(|id| id.as_str() == transform))
        })?;
        hit.used.store(true, std::sync::atomic::Ordering::Relaxed);
        Some(hit.how.as_str())
    }

    /// Why `f` cannot become async (or change its signature) for `origin` because of untouchable code: its own
    /// declaration is on such a line, or a call that would have to await it is.
    pub(crate) fn untouchable_blocker(&self, f: FnId, origin: TransformId) -> Option<Reason> {
        let untouchable = self.untouchable?;
        let func = self.index.function(f);
        let head = func.range.start()..func.params_range.as_ref().map_or(func.name_range.end(), |p| p.end());
        if let Some(how) = self.untouchable(f.file, &head, origin) {
            return Some(Reason::OnSuppressedLine { how: how.to_string() });
        }
        if untouchable.is_empty() || !func.is_method_like() {
            return None;
        }
        let keeps_out = |file: FileId| {
            untouchable
                .get(&file)
                .is_some_and(|u| u.iter().any(|u| u.transforms.as_ref().is_none_or(|t| t.contains(&origin))))
        };
        for call in self.index.calls_named(&func.name) {
            if !keeps_out(call.file) {
                continue;
            }
            let c = self.index.call(*call);
            if c.awaited {
                continue;
            }
            let reaches = match self.index.resolve_call(*call) {
                crate::index::CallTarget::Solution(t) | crate::index::CallTarget::Unknown(t) => t.contains(&f),
                _ => false,
            };
            if reaches {
                if let Some(how) = self.untouchable(call.file, &c.range.range(), origin) {
                    let at = self.index.location(call.file, c.range.start());
                    return Some(Reason::CallerOnSuppressedLine { at, how: how.to_string() });
                }
            }
        }
        None
    }

    fn config(&self, file: FileId) -> &crate::workspace::ProjectConfig {
        &self.index.file(file).settings.config
    }

    /// `--allow-boundaries` for code in `file`: the flag, or its project's `allow-boundaries`.
    pub fn allow_boundaries(&self, file: FileId) -> bool {
        self.config(file).allow_boundaries.unwrap_or(self.options.allow_boundaries)
    }

    /// `--public-api change` for code in `file`: the flag, or its project's `public-api`.
    pub fn change_public_api(&self, file: FileId) -> bool {
        self.config(file).change_public_api.unwrap_or(self.options.change_public_api)
    }

    /// `--unsafe-fixes` for code in `file`: the flag, or its project's `unsafe-fixes`.
    pub fn unsafe_fixes(&self, file: FileId) -> bool {
        self.config(file).unsafe_fixes.unwrap_or(self.options.unsafe_fixes)
    }

    /// `--rename-async` for code in `file`: the flag, or its project's `rename-async`.
    pub fn rename_async(&self, file: FileId) -> bool {
        self.config(file).rename_async.unwrap_or(self.options.rename_async)
    }

    /// Hands the choice of `.ConfigureAwait(false)` for new awaits to `policy` where it has one: a transform that
    /// configures the awaits already in a file makes the awaits other transforms write there match, so a second
    /// run finds nothing to add.
    pub fn set_await_policy(&mut self, policy: AwaitPolicy) {
        self.await_policy = Some(policy);
    }

    /// Whether an `await` written at `at` in `file` takes `.ConfigureAwait(false)`: the await policy's choice, or
    /// the file's habit.
    pub fn configures_await_at(&self, file: FileId, at: usize) -> bool {
        self.await_policy
            .and_then(|policy| policy(self.index, file, at))
            .unwrap_or_else(|| configures_await(self.index.file(file)))
    }

    /// Whether an edit planned so far replaces text that overlaps `range`, or, for an empty range, replaces text
    /// on both sides of that point: code another rewrite removes or restructures, where an edit of the caller's
    /// would collide with it.
    pub fn replaced(&self, file: FileId, range: Range<usize>) -> bool {
        self.edits.get(&file).is_some_and(|edits| {
            edits.iter().filter(|e| !e.range.is_empty()).any(|e| {
                if range.is_empty() {
                    e.range.start < range.start && range.start < e.range.end
                } else {
                    e.range.start < range.end && range.start < e.range.end
                }
            })
        })
    }

    pub fn edit(&mut self, file: FileId, edit: Edit) {
        self.edits.entry(file).or_default().push(edit);
    }

    /// Records that `await` goes before the expression at `at`, for transforms that plan later (`awaits_at`).
    pub fn note_await(&mut self, file: FileId, at: usize) {
        self.awaits.insert((file, at));
    }

    /// Whether the plan already decided what the call `call` becomes (awaited, a counterpart awaited, a boundary).
    pub fn has_call_fix(&self, call: CallId) -> bool {
        self.state.call_fixes.contains_key(&call)
    }

    /// Whether a transform planned so far awaits the expression that starts at `at`.
    pub fn awaits_at(&self, file: FileId, at: usize) -> bool {
        self.awaits.contains(&(file, at))
    }

    /// Records a restructuring at `at` in `file` that transforms planning later must build on.
    pub fn note_restructured(&mut self, file: FileId, at: usize, what: Restructured) {
        self.restructured.insert((file, at), what);
    }

    /// What a transform planned so far restructures at `at` in `file`.
    pub fn restructured(&self, file: FileId, at: usize) -> Option<&Restructured> {
        self.restructured.get(&(file, at))
    }

    /// Why no edit may go into `file`, if none may.
    pub fn read_only(&self, file: FileId) -> Option<&'f str> {
        self.index.file(file).read_only.as_deref()
    }

    pub fn note_tasks_using(&mut self, file: FileId) {
        self.note_using(file, "System.Threading.Tasks");
    }

    /// New code in `file` names a type of `namespace` (`SemaphoreSlim` → `System.Threading`).
    pub fn note_using(&mut self, file: FileId, namespace: &'static str) {
        self.needs_usings.entry(file).or_default().insert(namespace);
    }

    pub fn site(
        &mut self,
        file: FileId,
        range: Range<usize>,
        transform: TransformId,
        finding: Finding,
        resolution: Resolution,
    ) {
        let f = self.index.file(file);
        // Where it stands (line, column, fingerprint) is filled in when the plan is finished (`locate_sites`).
        let site = SiteReport::new((f.source.display.clone(), 0, 0), range, transform, &finding, resolution);
        self.sites.push(site);
        self.site_files.push(file);
    }

    /// Fills in where each site stands: its lines and columns, and the fingerprint of the code around it. Done
    /// once for all, a file at a time: most reported sites lie in files that get no edit, whose text was put
    /// aside, and a look at each text that does not keep it is enough.
    fn locate_sites(&mut self) {
        let mut by_file: Vec<usize> = (0..self.sites.len()).collect();
        by_file.sort_by_key(|&i| self.site_files[i]);
        let (index, sites, files) = (self.index, &mut self.sites, &self.site_files);
        for same_file in by_file.chunk_by(|a, b| files[*a] == files[*b]) {
            index.file(files[same_file[0]]).source.with_text(|text| {
                let lines = crate::source::Lines::new(text);
                for &i in same_file {
                    sites[i].locate(&lines);
                }
            });
        }
    }

    /// Marks the fix of the site at `at` unsafe by nature (it changes behaviour or a visible contract), and with it
    /// every change its chain holds.
    pub fn note_unsafe_fix(&mut self, file: FileId, at: usize) {
        self.unsafe_at.insert((file, at));
    }

    /// Marks the site at `range`, reported as blocked by another rewrite of this plan, to be planned again on
    /// the output: one run then does what a second run would, and running asyncmod twice changes nothing more.
    pub fn revisit_later(&mut self, file: FileId, range: Range<usize>) {
        self.revisit.push((file, range));
    }

    /// Makes `f` async, with everything that requires, propagated to its callers; `Err` says why it cannot be.
    /// All or nothing: if a caller on the way would have to keep a blocking wait where that may deadlock (a
    /// single-threaded SynchronizationContext may run it, unless `--allow-boundaries`) or where the thread must
    /// stay its own (a thread started with an apartment state), nothing changes and that caller is the error.
    /// A caller that no such context can run (web, worker, console and test projects) keeps the wait.
    pub fn make_async(&mut self, f: FnId, origin: TransformId) -> Result<(), Reason> {
        let decided = self.index.function(f).is_async() || self.state.decisions.contains_key(&f);
        if decided {
            return asyncify::make_async(self, f, origin);
        }
        if let Some(why) = self.refused_for_boundary.get(&f) {
            return Err(why.clone());
        }
        let acceptable = |p: &Self, call: CallId| p.boundary_risk(call).is_none();
        self.without_new_boundaries(acceptable, |p| asyncify::make_async(p, f, origin)).map_err(|why| match why {
            Refused::Itself(why) => why,
            Refused::Boundary(why) => {
                self.refused_for_boundary.insert(f, why.clone());
                why
            }
        })
    }

    /// The async counterpart that callers of `f` can await instead of `f`: `{name}Async` of the same type, with
    /// the same parameters (and at most an optional token more), static when `f` is, returning `f`'s type as a
    /// task. `f` must be alone in its group (no interface or override moves with it).
    pub fn async_counterpart(&self, f: FnId) -> Option<FnId> {
        let func = self.index.function(f);
        if func.kind != crate::index::facts::FunctionKind::Method || library::is_task_like(&func.return_type) {
            return None;
        }
        if self.index.group_of(f).members.len() != 1 {
            return None;
        }
        let own_type = self.index.containing_type(f).map(|t| self.index.type_decl(t).name)?;
        let name = format!("{}Async", func.name);
        let mine: Vec<&str> = func.params.iter().map(|p| p.type_text.as_str()).collect();
        let wanted = match func.return_type.as_str() {
            "void" => vec!["Task".to_string(), "ValueTask".to_string()],
            t => vec![format!("Task<{t}>"), format!("ValueTask<{t}>")],
        };
        self.index.functions_in_type(&own_type, &name).into_iter().find(|s| {
            let sib = self.index.function(*s);
            let (tokens, rest): (Vec<_>, Vec<_>) = sib.params.iter().partition(|p| is_token_type(&p.type_text));
            let rest: Vec<&str> = rest.iter().map(|p| p.type_text.as_str()).collect();
            let tokens_optional = tokens.iter().all(|t| t.has_default)
                && sib.params.last().is_none_or(|last| tokens.is_empty() || is_token_type(&last.type_text));
            *s != f
                && rest == mine
                && tokens.len() <= 1
                && tokens_optional
                && wanted.iter().any(|w| w == sib.return_type.as_str())
                && sib.has_modifier("static") == func.has_modifier("static")
                && !sib.attributes.iter().any(|a| a == "Obsolete")
                && access_level(sib) >= access_level(func)
        })
    }

    /// Leaves the blocking wrapper `f` as it is and has its callers await `counterpart` instead, each caller that
    /// can become async (with the usual propagation, all or nothing per caller); the others keep calling `f`,
    /// which still works. Returns how many callers now await the counterpart.
    pub fn await_counterpart_in_callers(&mut self, f: FnId, counterpart: FnId, origin: TransformId) -> usize {
        let name = self.index.function(f).name;
        let calls: Vec<CallId> = self.index.calls_named(&name).to_vec();
        let mut redirected = 0;
        for call_id in calls {
            if self.state.call_fixes.contains_key(&call_id) {
                continue;
            }
            let targets = match self.index.resolve_call(call_id) {
                crate::index::CallTarget::Solution(t) => t,
                _ => continue,
            };
            let c = self.index.call(call_id);
            if targets[..] != [f]
                || c.awaited
                || c.conditional
                || c.context.blocker.is_some()
                || c.context.aggregate_catch
            {
                continue;
            }
            let inside_itself = call_id.file == f.file && c.context.function == Some(f.index);
            let untouchable = self.untouchable(call_id.file, &c.range.range(), origin).is_some();
            if self.read_only(call_id.file).is_some() || untouchable || c.in_error_region || inside_itself {
                continue;
            }
            let caller_ready = c.context.top_level
                || c.context
                    .function
                    .is_some_and(|index| self.make_async(FnId { file: call_id.file, index }, origin).is_ok());
            if caller_ready {
                self.state.call_fixes.insert(call_id, (CallFix::AwaitCounterpart(counterpart), origin));
                redirected += 1;
            }
        }
        redirected
    }

    /// Why the caller at `call` may not keep a blocking wait on a method that now awaits, if it may not.
    fn boundary_risk(&self, call: CallId) -> Option<BoundaryRisk> {
        let c = self.index.call(call);
        if c.context.function.is_some_and(|index| self.runs_on_sta_thread(FnId { file: call.file, index })) {
            return Some(BoundaryRisk::StaThread);
        }
        if self.allow_boundaries(call.file) {
            return None;
        }
        self.deadlock_context(call).map(BoundaryRisk::Deadlock)
    }

    /// Why a single-threaded SynchronizationContext may run the code at `call` (the evidence), if one may.
    fn deadlock_context(&self, call: CallId) -> Option<String> {
        let settings = &self.index.file(call.file).settings;
        match settings.sync_context {
            crate::workspace::SyncContext::None => None,
            _ => Some(settings.sync_context_evidence.clone()),
        }
    }

    /// Whether `f` runs on a thread its code (or code around it) starts with an apartment state, or on the
    /// `[STAThread]` entry point: `f` or a function around it names `ApartmentState`, or `f` is handed as a
    /// delegate to code that does.
    fn runs_on_sta_thread(&self, f: FnId) -> bool {
        let facts = &self.index.file(f.file).facts;
        let mut at = Some(f.index);
        while let Some(i) = at {
            let g = &facts.functions[i as usize];
            if g.mentions_apartment_state || g.attributes.iter().any(|a| a == "STAThread") {
                return true;
            }
            at = g.parent;
        }
        let func = self.index.function(f);
        func.is_method_like()
            && self.index.delegate_uses_named(&func.name).iter().any(|(file, i)| {
                let use_ = &self.index.file(*file).facts.delegate_uses[*i as usize];
                let around = self.index.file(*file).facts.function_at(&use_.range.range());
                around.is_some_and(|g| self.index.file(*file).facts.functions[g as usize].mentions_apartment_state)
            })
    }

    /// `async void` → `async Task`, all or nothing: if any caller on the way would have to keep a
    /// blocking wait, nothing changes and the first such boundary is the error (a caller left synchronous
    /// would otherwise drop the task it used to wait for implicitly).
    pub fn retype_async_void(&mut self, f: FnId, origin: TransformId) -> Result<(), Reason> {
        let never = |_: &Self, _: CallId| false;
        self.without_new_boundaries(never, |p| asyncify::retype_async_void(p, f, origin)).map_err(|why| match why {
            Refused::Itself(why) | Refused::Boundary(why) => why,
        })
    }

    /// `make_async`, all or nothing: if any caller on the way would have to keep a blocking wait, nothing changes
    /// and the first such boundary is the error. For code that did not block before (an async lambda that ran as
    /// `async void`), where a wait kept above it would add blocking the code never had.
    pub fn make_async_without_boundaries(&mut self, f: FnId, origin: TransformId) -> Result<(), Reason> {
        let never = |_: &Self, _: CallId| false;
        self.without_new_boundaries(never, |p| asyncify::make_async(p, f, origin)).map_err(|why| match why {
            Refused::Itself(why) | Refused::Boundary(why) => why,
        })
    }

    /// Why changing the signature of `f` (its return type, its parameters, its name) would break code outside
    /// the solution, if it would: `f` is a member of a published library that other assemblies can call,
    /// implement or override, and `--public-api change` was not given.
    pub fn public_api_blocker(&self, f: FnId) -> Option<Reason> {
        if self.change_public_api(f.file) {
            return None;
        }
        self.public_api_member(f)
    }

    /// Why `f` is public API of a published library (whatever `--public-api` says), if it is.
    fn public_api_member(&self, f: FnId) -> Option<Reason> {
        let file = self.index.file(f.file);
        if !file.settings.published {
            return None;
        }
        let func = self.index.function(f);
        if !func.is_method_like() || func.kind == crate::index::facts::FunctionKind::LocalFunction {
            return None;
        }
        let decl = self.index.type_decl(self.index.containing_type(f)?);
        // Any part of a partial type (or a type of the same name) that is visible counts: refusing is the safe side.
        let type_visible = decl.visible_outside
            || self.index.types_named(&decl.name).iter().any(|t| self.index.type_decl(*t).visible_outside);
        let in_interface = decl.kind == crate::index::facts::TypeKind::Interface;
        let private_protected = func.has_modifier("private") && func.has_modifier("protected");
        let member_visible = (func.has_modifier("public") || func.has_modifier("protected") || in_interface)
            && !private_protected
            && func.explicit_interface.is_none()
            && !(in_interface && func.has_modifier("private"));
        if !(type_visible && member_visible) {
            return None;
        }
        Some(Reason::PublicApi {
            member: format!("{}.{}", decl.name, func.name),
            project: file.settings.project_name().unwrap_or("its project").to_string(),
            evidence: file.settings.published_evidence.clone(),
        })
    }

    /// Runs `change` and propagates it; if that fails, or makes a caller keep a blocking wait that was not
    /// there before and that `acceptable` does not accept, puts the plan back as it was.
    fn without_new_boundaries(
        &mut self,
        acceptable: impl Fn(&Self, CallId) -> bool,
        change: impl FnOnce(&mut Self) -> Result<(), Reason>,
    ) -> Result<(), Refused> {
        let saved = self.state.clone();
        let before: BTreeSet<CallId> = self.boundaries();
        let result = change(self).map_err(Refused::Itself).and_then(|()| {
            asyncify::settle(self);
            let after = self.boundaries();
            match after.difference(&before).find(|call| !acceptable(self, **call)) {
                Some(call) => {
                    let c = self.index.call(*call);
                    let why = match &self.state.call_fixes[call].0 {
                        CallFix::Boundary(r) | CallFix::AggregateBoundary(r) => r.clone(),
                        CallFix::Await | CallFix::AwaitCounterpart(_) => {
                            unreachable!("boundaries() lists only boundary fixes")
                        }
                    };
                    let why = Box::new(Reason::CallerCannotBecomeAsync {
                        at: self.index.location(call.file, c.range.start()),
                        why: Box::new(why),
                    });
                    Err(Refused::Boundary(match self.boundary_risk(*call) {
                        Some(BoundaryRisk::StaThread) => Reason::StaThreadBoundary { why },
                        Some(BoundaryRisk::Deadlock(context)) => Reason::BoundaryDeadlockRisk { why, context },
                        // Not a risk, yet not acceptable: async void's all-or-nothing rule.
                        None => *why,
                    }))
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
            .filter(|(_, (fix, _))| matches!(fix, CallFix::Boundary(_) | CallFix::AggregateBoundary(_)))
            .map(|(id, _)| *id)
            .collect()
    }

    /// Runs queued propagation to its fixpoint.
    pub fn settle(&mut self) {
        asyncify::settle(self);
    }

    /// Text standing for the token that code at `function` will have once every transform has planned
    /// (cancellation-token may still add one): `prefix`, the token's name and `suffix`, or nothing when there is none.
    /// Lets a transform that plans earlier write `WaitAsync(<token>)` without guessing.
    pub fn deferred_token(&mut self, file: FileId, function: Option<u32>, prefix: &str, suffix: &str) -> String {
        self.deferred_tokens.push((file, function, prefix.to_string(), suffix.to_string()));
        format!("{DEFERRED_MARK}{}{DEFERRED_MARK}", self.deferred_tokens.len() - 1)
    }

    /// Records that code written into `f` calls `what`, which takes a token: cancellation-token can then
    /// thread one to `f` in the same run, as it would on the next.
    pub fn note_token_sink(&mut self, f: FnId, what: &'static str) {
        self.token_sinks.entry(f).or_insert(what);
    }

    pub fn token_sink(&self, f: FnId) -> Option<&'static str> {
        self.token_sinks.get(&f).copied()
    }

    fn resolve_deferred_tokens(&mut self) {
        if self.deferred_tokens.is_empty() {
            return;
        }
        let values: Vec<String> = self
            .deferred_tokens
            .clone()
            .into_iter()
            .map(|(file, function, prefix, suffix)| match self.token_in_scope(file, function) {
                Some(t) => format!("{prefix}{t}{suffix}"),
                None => String::new(),
            })
            .collect();
        // Each mark names its value by number: one pass over the text, whatever the number of deferred tokens.
        let resolve = |text: &mut String| {
            if !text.contains(DEFERRED_MARK) {
                return;
            }
            let mut out = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(open) = rest.find(DEFERRED_MARK) {
                out.push_str(&rest[..open]);
                let after = &rest[open + DEFERRED_MARK.len_utf8()..];
                let number =
                    after.find(DEFERRED_MARK).and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
                match number.and_then(|(i, close)| Some((values.get(i)?, close))) {
                    Some((value, close)) => {
                        out.push_str(value);
                        rest = &after[close + DEFERRED_MARK.len_utf8()..];
                    }
                    None => {
                        out.push(DEFERRED_MARK);
                        rest = after;
                    }
                }
            }
            out.push_str(rest);
            *text = out;
        };
        for edits in self.edits.values_mut() {
            for e in edits.iter_mut() {
                resolve(&mut e.text);
            }
        }
        for site in self.sites.iter_mut() {
            resolve(&mut site.message);
            resolve(&mut site.reason);
        }
    }

    /// The functions this plan makes async so far, in order.
    pub fn converted_functions(&self) -> Vec<FnId> {
        let converted = self.state.decisions.iter().filter(|(_, d)| matches!(d, Decision::Convert { .. }));
        converted.map(|(f, _)| *f).filter(|f| !self.index.function(*f).is_async()).collect()
    }

    /// Whether `f` ends up async (already was, or converted by this plan).
    pub fn is_async_now(&self, f: FnId) -> bool {
        self.index.function(f).is_async() || matches!(self.state.decisions.get(&f), Some(Decision::Convert { .. }))
    }

    /// Runs propagation to its fixpoint and emits every edit it implies.
    pub fn finish(mut self) -> Plan {
        asyncify::settle(&mut self);
        rename::rename_converted(&mut self);
        asyncify::emit(&mut self);
        token::emit(&mut self);
        safety::label(&mut self);
        self.resolve_deferred_tokens();
        self.locate_sites();
        let mut sites = std::mem::take(&mut self.sites);
        sites.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        sites.dedup();
        Plan { edits: self.edits, sites, needs_usings: self.needs_usings, revisit: self.revisit }
    }
}
