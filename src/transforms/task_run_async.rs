//! task-run-async: `await Task.Run(() => FooAsync(...))` becomes `await FooAsync(...)` where no
//! SynchronizationContext runs the code (ASP.NET Core, workers, console apps): there, handing a call that only
//! starts asynchronous I/O to the thread pool costs a thread and buys nothing. Library methods that only wrap
//! synchronous work in `Task.Run` and return its task ("async over sync") are reported.

use std::ops::Range;

use tree_sitter::Node;

use super::{FileInput, Status, Transform};
use crate::edit::Edit;
use crate::index::facts::{self, FunctionKind, TypeExpr};
use crate::index::{library, CallId, CallTarget, FileId, FnId};
use crate::model::{Finding, Reason, Resolution, TransformId};
use crate::plan::Planner;
use crate::syntax::walk::{self, Path as WalkPath, Visitor};
use crate::syntax::{field, kinds, text};
use crate::workspace::{ProjectKind, SyncContext};

pub const ID: TransformId = TransformId::new(6, "task-run-async");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "`await Task.Run(() => FooAsync())` → `await FooAsync()` where no SynchronizationContext runs it",
    status: Status::Preview,
    readme: include_str!("../../transforms/task-run-async/README.md"),
    triggers: &[r"\bTask\s*\.\s*Run\b"],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<TaskRunSite>(detections, ID), p),
};

/// Methods a host runs while it starts: the synchronous part of what they await holds up the other services.
const HOST_STARTUP_METHODS: &[&str] = &["ExecuteAsync", "StartAsync", "StartingAsync", "StartedAsync"];

#[derive(Clone, Debug)]
pub enum TaskRunSite {
    Unwrap(Unwrap),
    AsyncOverSync(AsyncOverSync),
}

/// A `Task.Run` whose lambda starts one async call.
#[derive(Clone, Debug)]
pub struct Unwrap {
    /// `Task.Run(...)`.
    pub invocation: Range<usize>,
    /// Where the site is reported: `Task.Run`, which the rewrites of other transforms leave as it is.
    pub name: Range<usize>,
    /// How the task is waited for.
    pub waited: Waited,
    pub lambda_is_async: bool,
    /// The call the lambda starts, to be shown to return a task; `None` where the lambda does more (an async
    /// lambda with several awaits), which is left alone whatever it calls.
    pub call: Option<TypeExpr>,
    pub containing_type: Option<u32>,
    /// Why it stays as it is whatever the call returns (context, shape), if it does.
    pub kept: Option<Verdict>,
    /// The lambda's body is a blocking wait on the call (`() => FooAsync().Result`), starting here:
    /// sync-over-async may make it an await in this run.
    pub body_wait: Option<usize>,
    /// The `await` of an async lambda's call, which the unwrap removes.
    pub inner_await: Option<usize>,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waited {
    /// `await Task.Run(...)`, maybe with `.ConfigureAwait(...)`.
    Awaited,
    /// `Task.Run(...).GetAwaiter().GetResult()` and the like: awaited if sync-over-async awaits it in this run.
    Blocking,
}

#[derive(Clone, Debug)]
pub enum Verdict {
    LeftAlone(Reason),
    Reported(Reason),
}

/// A library method whose body only returns `Task.Run` over synchronous work.
#[derive(Clone, Debug)]
pub struct AsyncOverSync {
    pub function: u32,
    pub name: Range<usize>,
}

pub fn detect(input: &FileInput) -> Vec<TaskRunSite> {
    let mut finder = Finder { input, sites: Vec::new() };
    walk::walk(input.tree.root_node(), &mut finder);
    finder.sites
}

struct Finder<'i, 't> {
    input: &'i FileInput<'t>,
    sites: Vec<TaskRunSite>,
}

impl<'t> Visitor<'t> for Finder<'_, 't> {
    type State = ();

    fn enter(&mut self, node: Node<'t>, path: &WalkPath<'_, 't, ()>) -> Option<()> {
        if !self.src()[node.byte_range()].contains("Run") {
            return None;
        }
        match node.kind() {
            kinds::INVOCATION => {
                if let Some(site) = self.unwrap(node, path) {
                    self.sites.push(TaskRunSite::Unwrap(site));
                }
            }
            kinds::METHOD => {
                if let Some(site) = self.async_over_sync(node) {
                    self.sites.push(TaskRunSite::AsyncOverSync(site));
                }
            }
            _ => {}
        }
        Some(())
    }
}

/// `Task.Run` (or `Task.Run<T>`, `System.Threading.Tasks.Task.Run`) as the function of an invocation.
fn is_task_run(function: Node, src: &str) -> bool {
    let written: String = text(function, src).chars().filter(|c| !c.is_whitespace()).collect();
    let name = written.split('<').next().unwrap_or("");
    name == "Task.Run" || name.ends_with(".Task.Run")
}

fn arguments(invocation: Node) -> Vec<Node> {
    field(invocation, "arguments").map_or_else(Vec::new, |a| {
        let mut c = a.walk();
        a.named_children(&mut c).filter(|n| n.kind() == kinds::ARGUMENT).collect()
    })
}

fn argument_value(argument: Node) -> Option<Node> {
    argument.named_child(argument.named_child_count().checked_sub(1)?)
}

/// Whether the lambda is `async` (the word before its parameters).
fn is_async_lambda(lambda: Node, src: &str) -> bool {
    let head_end = field(lambda, "parameters").map_or(lambda.start_byte(), |p| p.start_byte());
    src[lambda.start_byte()..head_end].split(|c: char| !c.is_alphanumeric()).any(|w| w == "async")
}

fn has_no_parameters(lambda: Node, src: &str) -> bool {
    field(lambda, "parameters").is_some_and(|p| text(p, src).chars().all(|c| c == '(' || c == ')' || c.is_whitespace()))
}

fn strip_configure_await<'t>(node: Node<'t>, src: &str) -> Node<'t> {
    if node.kind() == kinds::INVOCATION {
        if let Some(f) = field(node, "function").filter(|f| f.kind() == kinds::MEMBER_ACCESS) {
            if field(f, "name").is_some_and(|n| text(n, src) == "ConfigureAwait") {
                if let Some(receiver) = field(f, "expression") {
                    return receiver;
                }
            }
        }
    }
    node
}

/// What a `Task.Run` lambda does.
enum Body<'t> {
    /// Starts `call` and nothing else (`() => FooAsync()`, `async () => await FooAsync()`); the offset of the
    /// `await` before it in an async lambda.
    Call(Node<'t>, Option<usize>),
    /// Does `first` (synchronous work) and then starts `call`.
    After { call: Node<'t>, first: Node<'t> },
    /// Blocks on `call` (`() => FooAsync().Result`); the wait starts at the body.
    Waits(Node<'t>),
    /// Starts more than one call, or starts one and goes on.
    More,
}

fn lambda_body<'t>(lambda: Node<'t>, is_async: bool, src: &str) -> Option<Body<'t>> {
    let body = field(lambda, "body")?;
    let awaited = |e: Node<'t>| -> Option<Node<'t>> {
        (e.kind() == kinds::AWAIT).then(|| e.named_child(0)).flatten().map(|c| strip_configure_await(c, src))
    };
    if body.kind() != kinds::BLOCK {
        return if is_async {
            awaited(body).map(|call| Body::Call(call, Some(body.start_byte()))).or(Some(Body::More))
        } else if let Some(call) = blocking_wait_on(body, src) {
            Some(Body::Waits(call))
        } else {
            (body.kind() == kinds::INVOCATION).then_some(Body::Call(body, None))
        };
    }
    let mut c = body.walk();
    let statements: Vec<Node> = body.named_children(&mut c).filter(|s| s.kind() != kinds::COMMENT).collect();
    let (last, before) = statements.split_last()?;
    let expr = match last.kind() {
        kinds::RETURN => last.named_child(0)?,
        kinds::EXPRESSION_STATEMENT if is_async => last.named_child(0)?,
        _ => return None,
    };
    let call = if is_async { awaited(expr)? } else { expr };
    let inner_await = is_async.then_some(expr.start_byte());
    if !is_async && call.kind() != kinds::INVOCATION {
        return None;
    }
    if before.iter().any(|s| text(*s, src).contains("await")) {
        return Some(Body::More);
    }
    Some(match before.first() {
        Some(first) => Body::After { call, first: *first },
        None => Body::Call(call, inner_await),
    })
}

/// `e.Result`, `e.Wait()`, `e.GetAwaiter().GetResult()`: the `e` blocked on.
fn blocking_wait_on<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    match node.kind() {
        kinds::MEMBER_ACCESS if field(node, "name").is_some_and(|n| text(n, src) == "Result") => {
            field(node, "expression")
        }
        kinds::INVOCATION => {
            let f = field(node, "function").filter(|f| f.kind() == kinds::MEMBER_ACCESS)?;
            let name = text(field(f, "name")?, src);
            let receiver = field(f, "expression")?;
            match name {
                "Wait" if arguments(node).is_empty() => Some(receiver),
                "GetResult" if arguments(node).is_empty() => {
                    let inner = field(receiver, "function").filter(|f| f.kind() == kinds::MEMBER_ACCESS)?;
                    (text(field(inner, "name")?, src) == "GetAwaiter").then(|| field(inner, "expression")).flatten()
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The first part of a call that runs synchronous code before the call itself starts: a call or an object
/// created in its receiver or its arguments.
fn work_before_call<'t>(call: Node<'t>) -> Option<Node<'t>> {
    let mut pending: Vec<Node> = Vec::new();
    if let Some(f) = field(call, "function") {
        pending.push(f);
    }
    if let Some(args) = field(call, "arguments") {
        pending.push(args);
    }
    while let Some(n) = pending.pop() {
        match n.kind() {
            kinds::INVOCATION | "object_creation_expression" | "implicit_object_creation_expression" => return Some(n),
            "array_creation_expression" | kinds::AWAIT | "query_expression" => return Some(n),
            // A lambda argument is only created, not run.
            kinds::LAMBDA | kinds::ANONYMOUS_METHOD => {}
            _ => {
                let mut c = n.walk();
                pending.extend(n.named_children(&mut c));
            }
        }
    }
    None
}

/// How the value of `Task.Run(...)` at `invocation` is waited for, if it is waited for where it starts.
fn waited<'t>(invocation: Node<'t>, path: &WalkPath<'_, 't, ()>, src: &str) -> Option<Waited> {
    let _ = invocation;
    let mut ancestors = path.ancestors().iter();
    let mut parent = ancestors.next()?;
    // `Task.Run(...).ConfigureAwait(x)`.
    if parent.kind() == kinds::MEMBER_ACCESS && field(parent, "name").is_some_and(|n| text(n, src) == "ConfigureAwait")
    {
        let call = ancestors.next()?;
        if call.kind() != kinds::INVOCATION {
            return None;
        }
        parent = ancestors.next()?;
    }
    if parent.kind() == kinds::AWAIT {
        return Some(Waited::Awaited);
    }
    // `.Result` / `.Wait()` / `.GetAwaiter().GetResult()` right on the task.
    if parent.kind() == kinds::MEMBER_ACCESS {
        let name = field(parent, "name").map(|n| text(n, src)).unwrap_or("");
        let above = ancestors.next();
        let blocking = match name {
            "Result" => true,
            "Wait" => above.is_some_and(|a| a.kind() == kinds::INVOCATION && arguments(a).is_empty()),
            "GetAwaiter" => above.is_some_and(|a| {
                a.kind() == kinds::INVOCATION
                    && ancestors.next().is_some_and(|m| {
                        m.kind() == kinds::MEMBER_ACCESS
                            && field(m, "name").is_some_and(|n| text(n, src) == "GetResult")
                    })
            }),
            _ => false,
        };
        if blocking {
            return Some(Waited::Blocking);
        }
    }
    None
}

fn has_comment_within(node: Node, ranges: &[Range<usize>]) -> bool {
    let mut pending = vec![node];
    while let Some(n) = pending.pop() {
        if n.kind() == kinds::COMMENT && ranges.iter().any(|r| r.start <= n.start_byte() && n.end_byte() <= r.end) {
            return true;
        }
        let mut c = n.walk();
        pending.extend(n.children(&mut c));
    }
    false
}

impl<'t> Finder<'_, 't> {
    fn src(&self) -> &'t str {
        let source: &'t crate::source::SourceFile = self.input.source;
        source.text()
    }

    fn containing_type(&self, at: usize) -> Option<u32> {
        let types = &self.input.facts.types;
        types[..types.partition_point(|t| t.range.start <= at)].iter().rposition(|t| at < t.range.end).map(|i| i as u32)
    }

    fn unwrap(&self, invocation: Node<'t>, path: &WalkPath<'_, 't, ()>) -> Option<Unwrap> {
        let src = self.src();
        let function = field(invocation, "function")?;
        if !is_task_run(function, src) {
            return None;
        }
        let args = arguments(invocation);
        if args.is_empty() || args.len() > 2 {
            return None;
        }
        let lambda = argument_value(args[0]).filter(|l| l.kind() == kinds::LAMBDA)?;
        if !has_no_parameters(lambda, src) {
            return None;
        }
        let waited = waited(invocation, path, src)?;
        let is_async = is_async_lambda(lambda, src);
        let body = lambda_body(lambda, is_async, src)?;
        let facts = self.input.facts;
        let range = invocation.byte_range();
        let inner_await = match body {
            Body::Call(_, at) => at,
            _ => None,
        };
        let (call, mut kept, body_wait) = match body {
            Body::Call(call, _) => (Some(call), None, None),
            Body::After { call, first } => {
                let what = first_line(text(first, src));
                (Some(call), Some(Verdict::LeftAlone(Reason::SyncWorkFirst { what })), None)
            }
            Body::Waits(call) => (Some(call), None, field(lambda, "body").map(|b| b.start_byte())),
            Body::More => (None, Some(Verdict::LeftAlone(Reason::NotOnlyAsyncCall)), None),
        };
        let function_around = facts.function_at(&range).map(|i| &facts.functions[i as usize]);
        let settings = self.input.settings;
        let context = if settings.holds_tests() {
            Some(Verdict::LeftAlone(Reason::TestCode))
        } else if settings.sync_context != SyncContext::None
            || !matches!(
                settings.kind,
                ProjectKind::Web | ProjectKind::Worker | ProjectKind::Console | ProjectKind::Library
            )
        {
            Some(Verdict::LeftAlone(Reason::ContextMayRun { evidence: settings.sync_context_evidence.clone() }))
        } else if function_around
            .is_some_and(|f| matches!(f.kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod))
        {
            Some(Verdict::LeftAlone(Reason::TaskRunInLambda))
        } else if let Some(f) = function_around.filter(|f| HOST_STARTUP_METHODS.contains(&f.name.as_str())) {
            Some(Verdict::LeftAlone(Reason::HostStartup { method: f.name.to_string() }))
        } else if args.len() == 2 {
            Some(Verdict::LeftAlone(Reason::TaskRunToken))
        } else {
            None
        };
        kept = context.or(kept);
        let removed = match call {
            Some(call) => vec![range.start..call.start_byte(), call.end_byte()..range.end],
            None => Vec::new(),
        };
        if let (None, Some(work)) = (&kept, call.and_then(work_before_call)) {
            let what = first_line(text(work, src));
            kept = Some(Verdict::LeftAlone(Reason::SyncWorkFirst { what }));
        }
        if kept.is_none() && has_comment_within(invocation, &removed) {
            kept = Some(Verdict::Reported(Reason::CommentInLambda));
        }
        if kept.is_none() && facts.overlaps_error(&range) {
            kept = Some(Verdict::Reported(Reason::CodeDoesNotParse));
        }
        let call_type = call.map(|call| {
            let function_of_call = facts.function_at(&call.byte_range());
            facts::type_expr(call, src, &|name| facts.local_type(function_of_call, name).cloned())
        });
        Some(Unwrap {
            invocation: range.clone(),
            name: function.byte_range(),
            waited,
            lambda_is_async: is_async,
            call: call_type,
            containing_type: self.containing_type(range.start),
            kept,
            body_wait,
            inner_await,
            edits: removed.into_iter().map(|r| Edit::replace(r, "", ID)).collect(),
        })
    }

    /// A library method that only returns `Task.Run` over synchronous work: `Task<T> ReadAsync() =>
    /// Task.Run(() => Read());`, `{ return Task.Run(...); }`, `async … { return await Task.Run(...); }`.
    fn async_over_sync(&self, method: Node<'t>) -> Option<AsyncOverSync> {
        let settings = self.input.settings;
        if settings.kind != ProjectKind::Library || settings.runners.only_ui() {
            return None;
        }
        let src = self.src();
        let facts = self.input.facts;
        let index = facts
            .functions
            .iter()
            .position(|f| f.range == method.byte_range().into() && f.kind == FunctionKind::Method)?;
        let f = &facts.functions[index];
        let visible = ["public", "internal", "protected"].iter().any(|m| f.has_modifier(m));
        if !visible
            || f.has_modifier("override")
            || f.explicit_interface.is_some()
            || !library::is_task_like(&f.return_type)
        {
            return None;
        }
        let body = field(method, "body")?;
        let returned = match body.kind() {
            kinds::ARROW => body.named_child(0)?,
            kinds::BLOCK => {
                let mut c = body.walk();
                let statements: Vec<Node> =
                    body.named_children(&mut c).filter(|s| s.kind() != kinds::COMMENT).collect();
                let [only] = statements.as_slice() else { return None };
                match only.kind() {
                    kinds::RETURN | kinds::EXPRESSION_STATEMENT => only.named_child(0)?,
                    _ => return None,
                }
            }
            _ => return None,
        };
        let returned = if returned.kind() == kinds::AWAIT {
            strip_configure_await(returned.named_child(0)?, src)
        } else if f.is_async() {
            return None;
        } else {
            returned
        };
        if returned.kind() != kinds::INVOCATION || !field(returned, "function").is_some_and(|fun| is_task_run(fun, src))
        {
            return None;
        }
        let args = arguments(returned);
        let work = argument_value(*args.first()?)?;
        let synchronous = match work.kind() {
            kinds::LAMBDA => {
                let body = field(work, "body")?;
                let starts_task = body.kind() == kinds::INVOCATION
                    && field(body, "function").is_some_and(|fun| text(fun, src).trim_end().ends_with("Async"));
                !is_async_lambda(work, src) && !text(body, src).contains("await") && !starts_task
            }
            kinds::IDENTIFIER | kinds::MEMBER_ACCESS => !text(work, src).ends_with("Async"),
            _ => false,
        };
        synchronous.then(|| AsyncOverSync { function: index as u32, name: f.name_range.range() })
    }
}

/// The first line of a piece of code, for a reason.
fn first_line(code: &str) -> String {
    let line = code.lines().next().unwrap_or("").trim();
    let line = line.trim_end_matches(['{', ';']).trim_end();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}

pub fn plan(sites: &[(FileId, &TaskRunSite)], p: &mut Planner) {
    for (file, site) in sites {
        match site {
            TaskRunSite::Unwrap(u) => plan_unwrap(p, *file, u),
            TaskRunSite::AsyncOverSync(a) => {
                let f = FnId { file: *file, index: a.function };
                let group = p.index.group_of(f);
                // An interface or a base type fixes the signature: the Task there is the contract's.
                if group.members.len() > 1 || group.external.is_some() {
                    continue;
                }
                let name = p.index.function(f).name.to_string();
                p.site(
                    *file,
                    a.name.clone(),
                    ID,
                    Finding::AsyncOverSync { name },
                    Resolution::Reported(Reason::ExposeSyncApi),
                );
            }
        }
    }
}

/// What the index shows the lambda's call to return.
enum Returns {
    Task,
    ValueTask,
    /// Not shown; the hint that it is a task, if its name gives one.
    Unknown(Option<String>),
    Other,
}

fn returns(p: &Planner, file: FileId, call: &TypeExpr, u: &Unwrap) -> Returns {
    match p.index.resolve_type(file, u.containing_type, call) {
        Some(t) if crate::syntax::simple_type_name(&t) == "ValueTask" => Returns::ValueTask,
        Some(t) if library::is_task_like(&t) => Returns::Task,
        Some(_) => Returns::Other,
        None => match call {
            TypeExpr::Call { name, .. } if name.ends_with("Async") => {
                Returns::Unknown(Some(format!("`{name}` is named like a task-returning method")))
            }
            _ => Returns::Unknown(None),
        },
    }
}

/// Whether the lambda's call reaches a method of the solution that this run makes async.
fn call_made_async(p: &Planner, file: FileId, u: &Unwrap) -> bool {
    let Some(TypeExpr::Call { name, .. }) = &u.call else { return false };
    let calls = &p.index.file(file).facts.calls;
    let Some(index) = calls
        .iter()
        .position(|c| &c.name == name && u.invocation.start < c.range.start() && c.range.end() <= u.invocation.end)
    else {
        return false;
    };
    match p.index.resolve_call(CallId { file, index: index as u32 }) {
        CallTarget::Solution(targets) => targets.iter().any(|t| !p.index.function(*t).is_async() && p.is_async_now(*t)),
        _ => false,
    }
}

fn plan_unwrap(p: &mut Planner, file: FileId, u: &Unwrap) {
    // Only a Task.Run waited for where it starts is a site: awaited, or awaited by sync-over-async in this run.
    let awaited = match u.waited {
        Waited::Awaited => true,
        Waited::Blocking => p.awaits_at(file, u.invocation.start),
    };
    if !awaited {
        return;
    }
    // A lambda that blocks on the call is a site only if sync-over-async makes it await the call.
    if let Some(at) = u.body_wait {
        if !p.awaits_at(file, at) {
            return;
        }
    }
    let returned = match &u.call {
        Some(call) => returns(p, file, call, u),
        // An async lambda doing more than one call: left alone whatever it calls.
        None => Returns::Task,
    };
    let resolution = match returned {
        // A method this run makes async: sync-over-async makes the lambda await it, and the pass over the output
        // unwraps what it finds then.
        Returns::Other | Returns::Unknown(None) if u.kept.is_none() && call_made_async(p, file, u) => {
            p.revisit_later(file, u.name.clone());
            Resolution::Reported(Reason::UnwrappedInPass)
        }
        Returns::Other | Returns::Unknown(None) => return,
        Returns::ValueTask if !u.lambda_is_async => Resolution::LeftAlone(Reason::TaskRunValueTask),
        _ if u.kept.is_some() => match u.kept.clone() {
            Some(Verdict::LeftAlone(why)) => Resolution::LeftAlone(why),
            Some(Verdict::Reported(why)) => Resolution::Reported(why),
            None => unreachable!("checked just above"),
        },
        Returns::Unknown(Some(hint)) if !p.options.include_review => {
            Resolution::Reported(Reason::NameHintOnly { hint })
        }
        _ if p.read_only(file).is_some() => {
            Resolution::Reported(Reason::NotTouchedFile { why: p.read_only(file).unwrap_or_default().to_string() })
        }
        _ if u.body_wait.is_some() => {
            // The lambda's wait becomes an await in this run; the pass over the output unwraps what it finds then.
            p.revisit_later(file, u.name.clone());
            Resolution::Reported(Reason::UnwrappedInPass)
        }
        _ => {
            for e in &u.edits {
                p.edit(file, e.clone());
            }
            p.note_restructured(file, u.invocation.start, crate::plan::Restructured::TaskRunUnwrapped);
            if let Some(at) = u.inner_await {
                p.note_restructured(file, at, crate::plan::Restructured::AwaitRemoved);
            }
            Resolution::Fixed("the call is awaited directly".into())
        }
    };
    p.site(file, u.name.clone(), ID, Finding::TaskRunAroundAsyncCall, resolution);
}
