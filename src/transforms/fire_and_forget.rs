//! fire-and-forget: inside an async function, a call whose task is neither awaited, stored, returned nor passed
//! on (the compiler's CS4014 shape) is awaited, where the call is the statement's whole expression. Unsafe by
//! nature: the function now waits for the work, and the work's exceptions now reach its caller. Tasks the code
//! drops on purpose (`_ = …`, `Forget()` helpers, a continuation), and calls that awaiting would hold up for good
//! (a loop that runs until cancelled, a hosted service's start, work that waits for code after it), are reported
//! with the reason instead.

use std::ops::Range;

use tree_sitter::Node;

use super::{FileInput, Status, Transform};
use crate::edit::Edit;
use crate::index::facts::{TypeExpr, ValueUse};
use crate::index::{library, CallId, CallTarget, FileId, FnId};
use crate::model::{Finding, Reason, Resolution, TransformId};
use crate::plan::Planner;
use crate::syntax::walk::{self, Path, Visitor};
use crate::syntax::{self, field, kinds, text};
use crate::workspace::{ProjectKind, SyncContext};

pub const ID: TransformId = TransformId::new(7, "fire-and-forget");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "calls in async code whose task is dropped (CS4014) → awaited (unsafe fixes)",
    status: Status::Preview,
    readme: include_str!("../../transforms/fire-and-forget/README.md"),
    // A dropped task is a site inside an async function, or one another transform makes async in the same run
    // (then it is a task dropped by the rewrite): a file with neither `async` nor a call to an `…Async` method
    // nor a mention of `Task` holds none the first run would not also leave for a second.
    triggers: &[r"\basync\b", r"Async\s*[(<]", r"\b(?:Value)?Task\b"],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<DroppedTask>(detections, ID), p),
};

/// Analyzer rules that flag a task nobody awaits: the compiler (CS4014), Visual Studio threading (VSTHRD110),
/// Meziantou (MA0134) and AsyncFixer (AsyncFixer04, a task dropped inside a `using`).
pub const DROPPED_TASK_RULES: &[&str] = &["CS4014", "VSTHRD110", "MA0134", "AsyncFixer04"];

/// Extension methods whose whole point is to run a task in the background and observe its failure: the name
/// says the task is dropped on purpose (vs-threading's `Forget`, the Visual Studio SDK's `FileAndForget`,
/// AsyncAwaitBestPractices' `SafeFireAndForget`, Orleans' `Ignore`, and the helpers teams write under these names).
const FORGET_HELPERS: &[&str] = &[
    "Forget",
    "FireAndForget",
    "FileAndForget",
    "SafeFireAndForget",
    "FireAndForgetSafeAsync",
    "NoAwait",
    "Ignore",
    "RunInBackground",
];

/// Calls that finish something another task may be waiting for: a `TaskCompletionSource` set, a semaphore or
/// event released, a token cancelled, a channel or queue completed.
const COMPLETIONS: &[&str] = &[
    "SetResult",
    "TrySetResult",
    "SetException",
    "TrySetException",
    "SetCanceled",
    "TrySetCanceled",
    "Release",
    "Set",
    "Cancel",
    "CancelAfter",
    "Complete",
    "TryComplete",
    "CompleteAdding",
    "Signal",
];

/// How the code treats the task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `M();`, `M().ConfigureAwait(false);`: dropped, the compiler's CS4014.
    Dropped,
    /// `_ = M();`: dropped on purpose.
    Discarded,
    /// `M().Forget();`: handed to a fire-and-forget helper.
    Helper(String),
    /// `M().ContinueWith(...);`: a continuation handles the outcome.
    Continuation,
}

/// A call in an async function whose task the code does not await.
#[derive(Clone, Debug)]
pub struct DroppedTask {
    /// The call that produces the task, as an index into the file's calls.
    pub call: u32,
    pub shape: Shape,
    /// What `await` goes before: the statement's whole expression.
    pub expression: Range<usize>,
    /// The expression already ends in `.ConfigureAwait(...)`.
    pub configured: bool,
    /// The innermost function around the call.
    pub function: u32,
    /// The function is not async as written: the task is a site only if the plan makes it async.
    pub only_if_made_async: bool,
    /// Inside a loop whose condition is `true`, empty, a cancellation check or a timer tick: a loop that runs
    /// until the service stops.
    pub in_endless_loop: bool,
    /// Inside a `?.` chain.
    pub conditional: bool,
    /// Calls after this one in the function that complete something (receiver text, method name, offset).
    pub completions_after: Vec<(String, String, usize)>,
    /// The code says the dropped task is deliberate (a suppressed analyzer rule, `[Obsolete]`).
    /// Boxed: most sites have none, and every site is kept until the run ends.
    pub intent: Option<Box<Reason>>,
}

pub fn detect(input: &FileInput) -> Vec<DroppedTask> {
    let facts = input.facts;
    // A site is a statement that is a call (`M();`, `M().Forget();`) or discards one (`_ = M();`): the call the
    // statement holds, the outermost, is a whole statement or discarded.
    let statement_calls = facts
        .calls
        .iter()
        .filter(|c| c.statement || matches!(c.value_use, ValueUse::Discarded))
        .map(|c| c.range.start())
        .collect();
    let mut finder = Finder { input, sites: Vec::new(), statement_calls, next_call: 0 };
    walk::walk(input.tree.root_node(), &mut finder);
    let src = input.source.text();
    let pragmas = super::intent::Pragmas::of(src);
    for site in &mut finder.sites {
        let call = &facts.calls[site.call as usize];
        site.intent =
            super::intent::stated_intent(src, facts, &pragmas, &call.range.range(), DROPPED_TASK_RULES).map(Box::new);
        let function = &facts.functions[site.function as usize];
        let own_body_end = function.range.end();
        site.completions_after = facts
            .calls
            .iter()
            .filter(|c| c.range.start() >= site.expression.end && c.range.end() <= own_body_end)
            .filter(|c| COMPLETIONS.contains(&c.name.as_str()))
            .filter_map(|c| {
                let receiver = src[c.range.start()..c.name_range.start()].trim_end().strip_suffix('.')?.trim();
                (!receiver.is_empty()).then(|| (receiver.to_string(), c.name.to_string(), c.range.start()))
            })
            .collect();
    }
    finder.sites
}

struct Finder<'i, 't> {
    input: &'i FileInput<'t>,
    sites: Vec<DroppedTask>,
    /// Where the calls that are whole statements or discarded begin, in source order.
    statement_calls: Vec<usize>,
    /// The first of `statement_calls` at or after the node the walk is at: the walk meets nodes in source order,
    /// so it only moves forward.
    next_call: usize,
}

/// What the nodes above a statement say about it.
#[derive(Clone, Copy, Default)]
struct Around {
    /// The innermost function: async as written?
    function: Option<bool>,
    in_endless_loop: bool,
}

impl<'t> Visitor<'t> for Finder<'_, 't> {
    type State = Around;

    fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, Around>) -> Option<Around> {
        // Code in which no such call begins holds no site, and is not walked.
        let calls = &self.statement_calls;
        let start = node.start_byte();
        while calls.get(self.next_call).is_some_and(|&c| c < start) {
            self.next_call += 1;
        }
        if calls.get(self.next_call).is_none_or(|&c| c >= node.end_byte()) {
            return None;
        }
        let parent = path.parent_state().copied().unwrap_or_default();
        let kind = syntax::kind(node);
        if crate::index::facts::function_kind(node).is_some() {
            let facts = self.input.facts;
            let own = facts.function_at(&node.byte_range()).map(|i| &facts.functions[i as usize]);
            let function = own.filter(|f| f.range == node.byte_range().into()).map(|f| f.is_async());
            return Some(Around { function, in_endless_loop: false });
        }
        let src = self.input.source.text();
        let mut here = parent;
        match kind {
            "while_statement" | "do_statement" => {
                here.in_endless_loop |= field(node, "condition").is_some_and(|c| runs_until_stopped(c, src));
            }
            "for_statement" => {
                here.in_endless_loop |= field(node, "condition").is_none_or(|c| runs_until_stopped(c, src));
            }
            kinds::EXPRESSION_STATEMENT if parent.function.is_some() => {
                if let Some(site) = self.classify(node, parent) {
                    self.sites.push(site);
                }
            }
            _ => {}
        }
        Some(here)
    }
}

/// A loop condition that holds until the service stops: `true`, a cancellation check, a timer's next tick.
fn runs_until_stopped(condition: Node, src: &str) -> bool {
    let t = text(condition, src).trim();
    t == "true" || t.contains("IsCancellationRequested") || t.contains("WaitForNextTickAsync")
}

impl Finder<'_, '_> {
    fn classify(&self, statement: Node, around: Around) -> Option<DroppedTask> {
        let src = self.input.source.text();
        let expression = statement.named_child(0)?;
        let (call_node, shape) = match syntax::kind(expression) {
            kinds::INVOCATION => {
                let (receiver, name) = member_call(expression, src)?;
                match name {
                    n if FORGET_HELPERS.contains(&n) => (receiver.filter(is_invocation)?, Shape::Helper(n.to_string())),
                    "ContinueWith" => (receiver.filter(is_invocation)?, Shape::Continuation),
                    "ConfigureAwait" => (receiver.filter(is_invocation)?, Shape::Dropped),
                    _ => (expression, Shape::Dropped),
                }
            }
            kinds::ASSIGNMENT => {
                let left = field(expression, "left")?;
                let right = field(expression, "right")?;
                let operator = expression.child_by_field_name("operator").map(|o| text(o, src));
                let is_discard = text(left, src) == "_" && operator.is_none_or(|o| o == "=");
                let right = strip_configure_await(right, src);
                if !is_discard || !is_invocation(&right) {
                    return None;
                }
                (right, Shape::Discarded)
            }
            _ => return None,
        };
        let facts = self.input.facts;
        let at = facts.calls.partition_point(|c| c.range.start() < call_node.start_byte());
        let call = (at..facts.calls.len())
            .take_while(|i| facts.calls[*i].range.start() == call_node.start_byte())
            .find(|i| facts.calls[*i].range == call_node.byte_range().into())?;
        let function = facts.calls[call].context.function?;
        Some(DroppedTask {
            call: call as u32,
            shape,
            expression: expression.byte_range(),
            configured: syntax::kind(expression) == kinds::INVOCATION
                && member_call(expression, src).is_some_and(|(_, n)| n == "ConfigureAwait"),
            function,
            only_if_made_async: around.function == Some(false),
            in_endless_loop: around.in_endless_loop,
            conditional: in_conditional_access(call_node, expression),
            completions_after: Vec::new(),
            intent: None,
        })
    }
}

fn is_invocation(node: &Node) -> bool {
    syntax::kind(*node) == kinds::INVOCATION
}

/// `receiver.Name(...)` → (receiver, `Name`); `Name(...)` → (None, `Name`).
fn member_call<'t, 's>(invocation: Node<'t>, src: &'s str) -> Option<(Option<Node<'t>>, &'s str)> {
    let function = field(invocation, "function")?;
    match syntax::kind(function) {
        kinds::MEMBER_ACCESS => {
            let name = field(function, "name")?;
            let name = text(name, src);
            Some((field(function, "expression"), name.split('<').next().unwrap_or(name).trim()))
        }
        kinds::IDENTIFIER => Some((None, text(function, src))),
        "generic_name" => Some((None, text(function, src).split('<').next()?.trim())),
        // `a?.M()`: the member binding is the conditional access's last part.
        "conditional_access_expression" => {
            let binding = function.named_child(function.named_child_count().checked_sub(1)?)?;
            let name = field(binding, "name").map(|n| text(n, src))?;
            Some((None, name.split('<').next().unwrap_or(name).trim()))
        }
        _ => None,
    }
}

/// `M().ConfigureAwait(false)` → `M()`.
fn strip_configure_await<'t>(node: Node<'t>, src: &str) -> Node<'t> {
    match member_call(node, src) {
        Some((Some(receiver), "ConfigureAwait")) if is_invocation(&receiver) => receiver,
        _ => node,
    }
}

/// Whether the call sits in a `?.` chain inside `expression`: awaiting the chain would throw where it is null.
fn in_conditional_access(call: Node, expression: Node) -> bool {
    let mut node = call;
    while node.id() != expression.id() {
        if syntax::kind(node) == "conditional_access_expression" || syntax::kind(node) == "member_binding_expression" {
            return true;
        }
        match node.parent() {
            Some(p) => node = p,
            None => return false,
        }
    }
    syntax::kind(expression) == "conditional_access_expression"
}

/// How sure the plan is that the call returns a task.
enum Proof {
    /// A solution method (its declarations) or a known library API that returns `Task` or `ValueTask`.
    Proven(crate::index::Targets),
    /// Only the name says so.
    Hint(String),
    No,
}

/// Library methods named like async methods that return no task, by the receiver as written and the namespace the
/// file must import for the name to mean that method: test doubles' setup configuration (Moq's `ReturnsAsync`,
/// NSubstitute's `call.ThrowsAsync(…)`), and NUnit's assertions that run an async delegate to its end themselves
/// (`Assert.CatchAsync`). xUnit's `Assert.ThrowsAsync` returns a task: on `Assert`, `ThrowsAsync` is no task only
/// under NUnit's namespace.
const NOT_TASKS: &[(Receiver, &str, Option<&str>)] = &[
    (Receiver::Any, "ReturnsAsync", None),
    (Receiver::Any, "CallbackAsync", None),
    (Receiver::Any, "SetupAsync", None),
    (Receiver::Any, "ThrowsAsyncForAnyArgs", None),
    (Receiver::Not("Assert"), "ThrowsAsync", None),
    (Receiver::Is("Assert"), "CatchAsync", None),
    (Receiver::Is("Assert"), "DoesNotThrowAsync", None),
    (Receiver::Is("Assert"), "ThrowsAsync", Some("NUnit.Framework")),
    (Receiver::Is("ClassicAssert"), "ThrowsAsync", None),
];

/// Which receivers, by the name written, an entry of [`NOT_TASKS`] covers.
enum Receiver {
    Any,
    Is(&'static str),
    Not(&'static str),
}

impl Receiver {
    fn covers(&self, written: &str) -> bool {
        match self {
            Receiver::Any => true,
            Receiver::Is(name) => *name == written,
            Receiver::Not(name) => *name != written,
        }
    }
}

fn prove_task(p: &Planner, call_id: CallId) -> Proof {
    let call = p.index.call(call_id);
    let receiver = match &*call.receiver {
        TypeExpr::Name(n) => n.as_str(),
        _ => "",
    };
    let named_not_task = NOT_TASKS.iter().any(|(r, m, namespace)| {
        *m == call.name.as_str()
            && r.covers(receiver)
            && namespace.is_none_or(|n| p.index.file_imports(call_id.file, n))
    });
    if call.mock_configuration || named_not_task {
        return Proof::No;
    }
    if starts_background_work(call).is_some() {
        return Proof::Proven(Default::default());
    }
    match p.index.resolve_call(call_id) {
        CallTarget::Solution(targets) => {
            let tasks = targets.iter().all(|t| {
                let returned = &p.index.function(*t).return_type;
                library::is_task_like(returned) || solution_awaitable(p, returned)
            });
            if tasks && !targets.is_empty() {
                Proof::Proven(targets)
            } else {
                Proof::No
            }
        }
        CallTarget::External => {
            let expr = TypeExpr::call((*call.receiver).clone(), call.name, call.arity);
            match p.index.resolve_type(call_id.file, call.containing_type, &expr) {
                Some(t) if library::is_task_like(&t) => Proof::Proven(Default::default()),
                Some(_) => Proof::No,
                None if call.name.ends_with("Async") => {
                    Proof::Hint(format!("`{}` is assumed to return a task from its name alone", call.name))
                }
                None => Proof::No,
            }
        }
        // Every method of that name the call could reach returns no task (a `void LogSomethingAsync` extension).
        CallTarget::Unknown(candidates)
            if candidates.iter().all(|c| !library::is_task_like(&p.index.function(*c).return_type)) =>
        {
            Proof::No
        }
        CallTarget::Unknown(_) | CallTarget::NoCandidate if call.name.ends_with("Async") => {
            Proof::Hint(format!("`{}` is assumed to return a task from its name alone", call.name))
        }
        CallTarget::Unknown(_) | CallTarget::NoCandidate => Proof::No,
    }
}

pub fn plan(sites: &[(FileId, &DroppedTask)], p: &mut Planner) {
    for (file, site) in sites {
        // In code that is not async, a dropped task is no CS4014 (and awaiting it would make the code async): a
        // site only where another transform makes the function async in this run.
        if site.only_if_made_async && !p.is_async_now(FnId { file: *file, index: site.function }) {
            continue;
        }
        let call_id = CallId { file: *file, index: site.call };
        let call = p.index.call(call_id);
        let (targets, review) = match prove_task(p, call_id) {
            Proof::Proven(targets) => (targets, None),
            Proof::No => continue,
            Proof::Hint(hint) => (Default::default(), Some(hint)),
        };
        // After the proof: most candidates return no task, and reading the label reads the file's text.
        let callee = callee_label(p, call_id);
        let resolution = resolve(p, *file, site, &targets, review.as_deref());
        // Left alone, a site is named, not accused.
        let finding = match resolution {
            Resolution::LeftAlone(_) => Finding::TaskNotAwaitedHere { callee },
            _ => Finding::TaskDropped { callee },
        };
        p.site(*file, call.range.range(), ID, finding, resolution);
    }
}

/// `repository.SaveAsync`, `Task.Delay`: the call as written up to its arguments, or its name when that is long.
fn callee_label(p: &Planner, call_id: CallId) -> String {
    let call = p.index.call(call_id);
    let src = &p.index.file(call_id.file).source.text();
    let written: String = src[call.range.start()..call.name_range.end()].split_whitespace().collect();
    if written.len() <= 48 && !written.contains('(') {
        written
    } else {
        call.name.to_string()
    }
}

fn resolve(p: &mut Planner, file: FileId, site: &DroppedTask, targets: &[FnId], review: Option<&str>) -> Resolution {
    let call_id = CallId { file, index: site.call };
    let call = p.index.call(call_id);
    let function = FnId { file, index: site.function };
    if let Some(why) = &site.intent {
        return Resolution::LeftAlone((**why).clone());
    }
    match &site.shape {
        Shape::Dropped => {}
        Shape::Discarded => return Resolution::LeftAlone(Reason::DiscardedOnPurpose),
        Shape::Helper(helper) => return Resolution::LeftAlone(Reason::ForgetHelper { helper: helper.clone() }),
        Shape::Continuation => return Resolution::LeftAlone(Reason::ContinuationAttached),
    }
    if let (Some(hint), false) = (review, p.options.include_review) {
        return Resolution::Reported(Reason::NameHintOnly { hint: hint.to_string() });
    }
    if call.in_error_region {
        return Resolution::Reported(Reason::CodeDoesNotParse);
    }
    if let Some(api) = starts_background_work(call) {
        return Resolution::Reported(Reason::StartsBackgroundWork { api: api.to_string() });
    }
    if targets.contains(&function) || p.index.group_of(function).members.iter().any(|m| targets.contains(m)) {
        return Resolution::Reported(Reason::CallsItself);
    }
    if let Some(callee) = targets.iter().find(|t| runs_until_cancelled(p, **t)) {
        let name = p.index.function(*callee).name.to_string();
        return Resolution::Reported(Reason::CalleeRunsUntilCancelled { callee: name });
    }
    if let Some(member) = hosted_service_start(p, function) {
        return Resolution::Reported(Reason::HostedServiceStart { member });
    }
    if site.in_endless_loop {
        return Resolution::Reported(Reason::LoopStartsWork);
    }
    if let Some((what, at)) = completion_it_may_wait_for(p, file, site, targets) {
        return Resolution::Reported(Reason::LaterCodeCompletesIt { what, at });
    }
    if shows_ui(p, file, call_id) {
        return Resolution::Reported(Reason::WaitsForUser { callee: call.name.to_string() });
    }
    if let Some(why) = p.read_only(file) {
        return Resolution::Reported(Reason::NotTouchedFile { why: why.to_string() });
    }
    if let Some(context) = call.context.blocker {
        return Resolution::Reported(Reason::CannotAwaitIn { context });
    }
    if site.conditional || call.conditional {
        return Resolution::Reported(Reason::ConditionalCall);
    }
    if !p.options.unsafe_fixes {
        return Resolution::Reported(Reason::UnsafeFixNotAsked {
            what:
                "awaiting a dropped task makes the method wait for the work, and the work's exceptions reach its caller"
                    .into(),
        });
    }
    let indexed = p.index.file(file);
    // `Task.Yield()` is awaitable but no task: it has no `ConfigureAwait`.
    let yields = call.name == "Yield" && matches!(&*call.receiver, TypeExpr::Name(t) if t == "Task");
    let configure =
        !site.configured && !yields && crate::plan::configures_await(indexed) && !targets_custom_awaitable(p, targets);
    let len = site.expression.len();
    p.edit(file, Edit::open(site.expression.start, "await ", len, ID));
    if configure {
        p.edit(file, Edit::close(site.expression.end, crate::plan::CONFIGURE_AWAIT, len, ID));
    }
    p.note_await(file, site.expression.start);
    p.note_unsafe_fix(file, call.range.start());
    Resolution::Fixed(match review {
        Some(hint) => format!("awaited (review: {hint})"),
        None => "awaited".into(),
    })
}

/// Targets whose declared return type is not a plain `Task`/`ValueTask` (never, as proven; kept for clarity of
/// the `ConfigureAwait` decision: only tasks have it).
fn targets_custom_awaitable(p: &Planner, targets: &[FnId]) -> bool {
    targets.iter().any(|t| !library::is_task_like(&p.index.function(*t).return_type))
}

/// Awaiters of the framework a solution `GetAwaiter` may hand on.
const FRAMEWORK_AWAITERS: &[&str] = &["TaskAwaiter", "ValueTaskAwaiter", "ConfiguredTaskAwaiter", "YieldAwaiter"];

/// Whether a type the solution declares is awaitable: it has a parameterless `GetAwaiter()` whose awaiter is one
/// of the framework's or a solution type that implements `INotifyCompletion` (a `GetAwaiter` that returns anything
/// else makes no awaitable, and `await` would not compile).
fn solution_awaitable(p: &Planner, type_text: &str) -> bool {
    let name = crate::syntax::simple_type_name(type_text);
    p.index.functions_in_type(name, "GetAwaiter").iter().any(|g| {
        let get_awaiter = p.index.function(*g);
        let awaiter = crate::syntax::simple_type_name(&get_awaiter.return_type);
        get_awaiter.params.is_empty()
            && !get_awaiter.modifiers.iter().any(|m| m == "static")
            && (FRAMEWORK_AWAITERS.contains(&awaiter)
                || p.index.types_named(awaiter).iter().any(|t| {
                    p.index.type_decl(*t).bases.iter().any(|b| {
                        matches!(crate::syntax::simple_type_name(b), "INotifyCompletion" | "ICriticalNotifyCompletion")
                    })
                }))
    })
}

/// `Task.Run(...)`, `Task.Factory.StartNew(...)`: the code asks for the work to run in the background.
fn starts_background_work(call: &crate::index::CallSite) -> Option<&'static str> {
    match (&*call.receiver, call.name.as_str()) {
        (TypeExpr::Name(t), "Run") if t == "Task" => Some("Task.Run"),
        (TypeExpr::Member { receiver, name }, "Run") if name == "Task" && matches!(**receiver, TypeExpr::Name(_)) => {
            Some("Task.Run")
        }
        (TypeExpr::Member { name, .. }, "StartNew") if name == "Factory" => Some("Task.Factory.StartNew"),
        _ => None,
    }
}

/// Whether the solution method `f` holds a loop that runs until it is cancelled (or forever): awaiting it waits
/// until then.
fn runs_until_cancelled(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    let body = match &func.body {
        crate::index::facts::Body::Block(r) => *r,
        _ => return false,
    };
    let src = &p.index.file(f.file).source.text();
    let Some(text) = src.get(body.range()) else { return false };
    let compact: String = text.split_whitespace().collect();
    compact.contains("while(true)")
        || compact.contains("for(;;)")
        || (compact.contains("while(!") && compact.contains("IsCancellationRequested)"))
        || compact.contains("while(await") && compact.contains("WaitForNextTickAsync(")
}

/// The member, when `f` is `StartAsync` (or a lifecycle `Starting`/`Started` step) of a hosted service: the host
/// waits for it before starting the next service and the application.
fn hosted_service_start(p: &Planner, f: FnId) -> Option<String> {
    let method = outermost_method(p, f);
    let name = p.index.function(method).name;
    if !matches!(name.as_str(), "StartAsync" | "StartingAsync" | "StartedAsync") {
        return None;
    }
    let own_type = p.index.type_decl(p.index.containing_type(method)?).name;
    let hosted = p
        .index
        .supertypes(&own_type)
        .iter()
        .any(|t| matches!(t.as_str(), "IHostedService" | "BackgroundService" | "IHostedLifecycleService"));
    hosted.then(|| format!("{own_type}.{name}"))
}

/// The method or local function that `f` (maybe a lambda) is written in.
fn outermost_method(p: &Planner, f: FnId) -> FnId {
    let facts = &p.index.file(f.file).facts;
    let mut at = f.index;
    while !facts.functions[at as usize].is_method_like() {
        match facts.functions[at as usize].parent {
            Some(parent) => at = parent,
            None => break,
        }
    }
    FnId { file: f.file, index: at }
}

/// A call after the dropped one that completes something the dropped work may be waiting for: its receiver is
/// passed to the call, or named in the body of the method it calls. Awaiting the call first would wait for
/// something that only happens after it.
fn completion_it_may_wait_for(
    p: &Planner,
    file: FileId,
    site: &DroppedTask,
    targets: &[FnId],
) -> Option<(String, String)> {
    let call = p.index.call(CallId { file, index: site.call });
    let src = &p.index.file(file).source.text();
    let arguments = call.args_range.as_ref().map_or("", |r| &src[r.range()]);
    for (receiver, method, at) in &site.completions_after {
        let root = receiver.trim_start_matches("this.");
        let root = root.split(['.', '?', '[']).next().unwrap_or(root);
        if root.is_empty() {
            continue;
        }
        let named_in_arguments = mentions_word(arguments, root);
        let named_in_callee = targets.iter().any(|t| {
            let f = p.index.function(*t);
            let text = &p.index.file(t.file).source.text();
            text.get(f.range.range()).is_some_and(|body| mentions_word(body, root))
        });
        if named_in_arguments || named_in_callee {
            return Some((format!("{receiver}.{method}"), p.index.location(file, *at)));
        }
    }
    None
}

fn mentions_word(haystack: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// In UI code (a UI project, or a library a UI project references), a call that shows a dialog or a window
/// completes when the user closes it.
fn shows_ui(p: &Planner, file: FileId, call_id: CallId) -> bool {
    let settings = &p.index.file(file).settings;
    let ui = settings.kind == ProjectKind::Ui
        || (settings.kind == ProjectKind::Library && settings.sync_context == SyncContext::SingleThreaded);
    let name = p.index.call(call_id).name;
    ui && (name.starts_with("Show") || name.contains("Dialog") || name.contains("Prompt"))
}
