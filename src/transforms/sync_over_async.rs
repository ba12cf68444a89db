//! sync-over-async: blocking waits on tasks (`.Result`, `.Wait()`,
//! `.GetAwaiter().GetResult()`, `Task.WaitAll`, `Thread.Sleep` in async code)
//! become `await`, and the enclosing method becomes async with its callers.

use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::Node;

use super::{FileInput, Status, Transform};
use crate::edit::Edit;
use crate::index::facts::{self, SiteContext, TypeExpr};
use crate::index::{library, FileId, FnId};
use crate::model::{Context, Finding, Reason, Resolution, TransformId};
use crate::plan::Planner;
use crate::syntax::walk::{self, Path, Visitor};
use crate::syntax::{self, field, kinds, text};

pub const ID: TransformId = TransformId::new(0, "sync-over-async");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "`.Result`, `.Wait()`, `.GetAwaiter().GetResult()`, `Task.WaitAll` → `await`, async all the way up",
    status: Status::Stable,
    readme: include_str!("../../transforms/sync-over-async/README.md"),
    // `.Result`, `.Wait()`, `.GetAwaiter().GetResult()`, `Task.WaitAll/WaitAny`, `Thread.Sleep`.
    triggers: &[r"\b(?:Result|Wait|GetResult|WaitAll|WaitAny|Sleep)\b"],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<SyncWait>(detections, ID), p),
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitKind {
    /// `t.Result`
    Result,
    /// `t.Wait()`
    Wait,
    /// `t.Wait(timeout)` / `t.Wait(token)`: no direct await form.
    WaitWithArguments,
    /// `t.GetAwaiter().GetResult()`
    GetResult,
    /// `Task.WaitAll(a, b)`
    WaitAll,
    /// `Task.WaitAny(a, b)`
    WaitAny,
    /// `Thread.Sleep(n)` inside an async function.
    ThreadSleep,
}

impl WaitKind {
    fn finding(self) -> Finding {
        match self {
            WaitKind::Result => Finding::ResultBlocks,
            WaitKind::Wait => Finding::WaitBlocks,
            WaitKind::WaitWithArguments => Finding::WaitWithArgumentsBlocks,
            WaitKind::GetResult => Finding::GetResultBlocks,
            WaitKind::WaitAll => Finding::WaitAllBlocks,
            WaitKind::WaitAny => Finding::WaitAnyBlocks,
            WaitKind::ThreadSleep => Finding::ThreadSleepInAsync,
        }
    }
}

/// One blocking wait found in a file.
#[derive(Clone, Debug)]
pub struct SyncWait {
    pub kind: WaitKind,
    /// The whole blocking expression.
    pub range: Range<usize>,
    /// The awaited operand (`t` of `t.Result`); for WaitAll/Sleep, the function name to replace.
    pub operand: Range<usize>,
    pub needs_parens: bool,
    pub statement: bool,
    pub receiver: TypeExpr,
    /// Argument types, for `Task.WaitAll`.
    pub arguments: Vec<TypeExpr>,
    pub containing_type: Option<u32>,
    pub context: SiteContext,
    /// Why the task is already complete here, if it is (then the wait does not block).
    pub completed: Option<String>,
    pub in_error_region: bool,
    /// The operand is a `?.` chain: `await` would throw where the chain yields null.
    pub conditional_chain: bool,
    /// `Thread.Sleep` in a method that is not async: synchronous code may sleep, so this is a site only if the
    /// plan makes the method async for another reason (then a second run would find it in async code).
    pub only_if_made_async: bool,
}

pub fn detect(input: &FileInput) -> Vec<SyncWait> {
    let mentions = Mentions::of(&input.source.text);
    if mentions.0.is_empty() {
        return Vec::new();
    }
    let mut finder = Finder { input, mentions, sites: Vec::new(), evidence: Evidence::default() };
    walk::walk(input.tree.root_node(), &mut finder);
    let mut out = finder.sites;
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out
}

/// Walks a file once, carrying down what each site needs to know about the nodes around it: nothing is asked
/// of tree-sitter's `Node::parent`, whose cost grows with the depth and the members of a class.
struct Finder<'i, 't> {
    input: &'i FileInput<'t>,
    mentions: Mentions,
    sites: Vec<SyncWait>,
    evidence: Evidence,
}

impl<'t> Visitor<'t> for Finder<'_, 't> {
    type State = Around;

    fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, Around>) -> Option<Around> {
        if !self.mentions.within(node.byte_range()) {
            return None;
        }
        let kind = syntax::kind(node);
        if let Some(site) = classify(node, kind, path, self) {
            self.sites.push(site);
        }
        Some(Around::at(node, kind, path, &self.input.source.text))
    }
}

/// Where the words a site is named by are written (`Result`, `Wait`, `Sleep`, and so `GetResult`, `WaitAll`,
/// `WaitAny`): a node that holds none of them holds no site, and the walk passes over it.
struct Mentions(Vec<usize>);

impl Mentions {
    fn of(text: &str) -> Mentions {
        let mut at: Vec<usize> =
            ["Result", "Wait", "Sleep"].iter().flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w)).collect();
        at.sort_unstable();
        Mentions(at)
    }

    fn within(&self, range: Range<usize>) -> bool {
        let first = self.0.partition_point(|&at| at < range.start);
        self.0.get(first).is_some_and(|&at| at < range.end)
    }
}

/// What the nodes above a site say about it, passed down the walk: the await context (what `await` would run
/// into between the site and its function) and where to look for proof that its task has completed.
#[derive(Clone, Copy, Default)]
struct Around {
    blocker: Option<Context>,
    aggregate_catch: bool,
    in_global_statement: bool,
    /// Set on a `try` that catches `AggregateException`: its body (by id), the part that catch guards.
    aggregate_body: Option<usize>,
    /// Depth in the path of the nearest lambda, foreach, method, local function or compilation unit (this node
    /// included): where a task read below may be shown complete.
    binder: Option<usize>,
    /// Depth of the nearest method, local function or compilation unit (this node included).
    scope: Option<usize>,
}

impl Around {
    fn at(node: Node, kind: &str, path: &Path<Around>, src: &str) -> Around {
        let depth = path.depth();
        let parent = path.parent_state().copied().unwrap_or_default();
        let binder = match kind {
            kinds::LAMBDA | "foreach_statement" | kinds::METHOD | kinds::LOCAL_FUNCTION | "compilation_unit" => {
                Some(depth)
            }
            _ => parent.binder,
        };
        let scope = match kind {
            kinds::METHOD | kinds::LOCAL_FUNCTION | "compilation_unit" => Some(depth),
            _ => parent.scope,
        };
        // The await context stops at the innermost function.
        if facts::function_kind(node).is_some() {
            return Around { binder, scope, ..Around::default() };
        }
        let mut here = Around {
            aggregate_catch: parent.aggregate_catch || parent.aggregate_body == Some(node.id()),
            aggregate_body: None,
            binder,
            scope,
            ..parent
        };
        // The innermost blocker is the one reported.
        match kind {
            kinds::LOCK => here.blocker = Some(Context::Lock),
            kinds::QUERY => here.blocker = Some(Context::Query),
            kinds::UNSAFE => here.blocker = Some(Context::Unsafe),
            "catch_filter_clause" => here.blocker = Some(Context::CatchFilter),
            "try_statement" if facts::catches_aggregate(node, src) => {
                here.aggregate_body = field(node, "body").map(|b| b.id());
            }
            "global_statement" => here.in_global_statement = true,
            _ => {}
        }
        here
    }
}

fn call_arity(invocation: Node) -> usize {
    field(invocation, "arguments").map_or(0, |a| {
        let mut c = a.walk();
        let n = a.named_children(&mut c).filter(|n| n.kind() == kinds::ARGUMENT).count();
        n
    })
}

/// `(receiver, name)` of `receiver.name(...)`.
fn member_call<'t, 's>(invocation: Node<'t>, src: &'s str) -> Option<(Node<'t>, &'s str, Node<'t>)> {
    let function = field(invocation, "function").filter(|f| f.kind() == kinds::MEMBER_ACCESS)?;
    let name = field(function, "name")?;
    let receiver = field(function, "expression")?;
    Some((receiver, text(name, src), function))
}

fn classify<'t>(
    node: Node<'t>,
    node_kind: &str,
    path: &Path<'_, 't, Around>,
    finder: &mut Finder<'_, 't>,
) -> Option<SyncWait> {
    let input = finder.input;
    let src = input.source.text.as_ref();
    let ancestors = path.ancestors();
    let (kind, operand, arguments) = match node_kind {
        kinds::MEMBER_ACCESS => {
            let name = field(node, "name")?;
            if text(name, src) != "Result" {
                return None;
            }
            // `x.Result(...)` is a method call, and `x.Result = ...` an assignment: neither is Task.Result.
            let parent = ancestors.parent()?;
            if parent.kind() == kinds::INVOCATION && field(parent, "function").is_some_and(|f| f.id() == node.id()) {
                return None;
            }
            if parent.kind() == kinds::ASSIGNMENT && field(parent, "left").is_some_and(|l| l.id() == node.id()) {
                return None;
            }
            (WaitKind::Result, field(node, "expression")?, Vec::new())
        }
        kinds::INVOCATION => {
            let (receiver, name, function) = member_call(node, src)?;
            match name {
                "Wait" => {
                    if call_arity(node) == 0 {
                        (WaitKind::Wait, receiver, Vec::new())
                    } else {
                        (WaitKind::WaitWithArguments, receiver, Vec::new())
                    }
                }
                "GetResult" if call_arity(node) == 0 => {
                    if receiver.kind() != kinds::INVOCATION || call_arity(receiver) != 0 {
                        return None;
                    }
                    let (awaited, inner_name, _) = member_call(receiver, src)?;
                    if inner_name != "GetAwaiter" {
                        return None;
                    }
                    (WaitKind::GetResult, awaited, Vec::new())
                }
                "WaitAll" | "WaitAny" if text(receiver, src) == "Task" || text(receiver, src).ends_with(".Task") => {
                    let name_node = field(function, "name")?;
                    let args = argument_types(node, input);
                    let kind = if name == "WaitAll" { WaitKind::WaitAll } else { WaitKind::WaitAny };
                    (kind, name_node, args)
                }
                "Sleep" if text(receiver, src) == "Thread" || text(receiver, src).ends_with(".Thread") => {
                    // Only a problem inside async code, which a method may become in this run.
                    let f = &input.facts.functions[input.facts.function_at(&node.byte_range())? as usize];
                    if call_arity(node) != 1 || !(f.is_async() || f.is_method_like()) {
                        return None;
                    }
                    (WaitKind::ThreadSleep, function, Vec::new())
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    let range = node.byte_range();
    let function = input.facts.function_at(&range);
    let around = path.parent_state().copied().unwrap_or_default();
    let context = SiteContext {
        function,
        blocker: around.blocker,
        aggregate_catch: around.aggregate_catch,
        top_level: around.in_global_statement && function.is_none() && input.facts.top_level_statement_at(range.start),
    };
    let receiver = if matches!(kind, WaitKind::WaitAll | WaitKind::WaitAny | WaitKind::ThreadSleep) {
        TypeExpr::Unknown
    } else {
        facts::type_expr(operand, src, &|name| input.facts.local_type(function, name).cloned())
    };
    let completed = if matches!(kind, WaitKind::Result | WaitKind::Wait | WaitKind::GetResult) {
        already_completed(node, operand, path, finder)
    } else {
        None
    };
    // The innermost type around the site: types are recorded in source order, so it is the last one around it
    // among those that start before it.
    let types = &input.facts.types;
    let containing_type = types[..types.partition_point(|t| t.range.start <= range.start)]
        .iter()
        .rposition(|t| range.end <= t.range.end)
        .map(|i| i as u32);
    Some(SyncWait {
        kind,
        range: range.clone(),
        operand: operand.byte_range(),
        needs_parens: facts::needs_parens_when_awaited(node, ancestors.parent(), src),
        statement: ancestors.parent().is_some_and(|p| p.kind() == kinds::EXPRESSION_STATEMENT),
        receiver,
        arguments,
        containing_type,
        context,
        completed,
        in_error_region: node.has_error() || input.facts.overlaps_error(&range),
        conditional_chain: in_conditional_chain(operand),
        only_if_made_async: kind == WaitKind::ThreadSleep
            && !function.is_some_and(|f| input.facts.functions[f as usize].is_async()),
    })
}

/// True when the expression's spine (`a?.B().C`) holds a null-conditional access.
fn in_conditional_chain(mut node: Node) -> bool {
    loop {
        let next = match node.kind() {
            "conditional_access_expression" => return true,
            kinds::INVOCATION => field(node, "function"),
            kinds::MEMBER_ACCESS | "element_access_expression" => field(node, "expression"),
            "parenthesized_expression" => return false,
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
}

fn argument_types(invocation: Node, input: &FileInput) -> Vec<TypeExpr> {
    let src = input.source.text.as_ref();
    let function = input.facts.function_at(&invocation.byte_range());
    let Some(args) = field(invocation, "arguments") else { return Vec::new() };
    let mut c = args.walk();
    let out = args
        .named_children(&mut c)
        .filter(|a| a.kind() == kinds::ARGUMENT)
        .map(|a| {
            a.named_child(a.named_child_count().saturating_sub(1)).map_or(TypeExpr::Unknown, |e| {
                facts::type_expr(e, src, &|n| input.facts.local_type(function, n).cloned())
            })
        })
        .collect();
    out
}

/// Why the task read at `site` has already completed, if the code shows it.
fn already_completed<'t>(
    site: Node<'t>,
    operand: Node<'t>,
    path: &Path<'_, 't, Around>,
    finder: &mut Finder<'_, 't>,
) -> Option<String> {
    if operand.kind() != kinds::IDENTIFIER {
        return None;
    }
    let input = finder.input;
    let src = input.source.text.as_ref();
    let name = text(operand, src);
    let line = |offset: usize| input.source.line_col(offset).0;
    // The ancestor at `depth`'s nearest method, local function or compilation unit above it; the root without one.
    let scope_above = |depth: usize| {
        let scope = depth.checked_sub(1).and_then(|d| path.at(d).1.scope).unwrap_or(0);
        path.at(scope).0
    };
    // A lambda parameter: `t.ContinueWith(x => x.Result)`, or `tasks.Select(t => t.Result)` after `await Task.WhenAll(tasks)`.
    let mut binder = path.parent_state().and_then(|a| a.binder);
    let mut scope = None;
    while let Some(depth) = binder {
        let n = path.at(depth).0;
        if n.kind() == kinds::LAMBDA && lambda_params(n, src).contains(&name) {
            // The lambda's parent is an argument, whose grandparent is the call.
            let argument = depth.checked_sub(1).map(|d| path.at(d).0).filter(|a| a.kind() == kinds::ARGUMENT);
            let call = argument.and(depth.checked_sub(3)).map(|d| path.at(d).0);
            if let Some(call) = call.filter(|c| c.kind() == kinds::INVOCATION) {
                if let Some((receiver, method, _)) = member_call(call, src) {
                    if method == "ContinueWith" {
                        return Some("read inside a ContinueWith callback, where the task has completed".into());
                    }
                    if receiver.kind() == kinds::IDENTIFIER {
                        let collection = text(receiver, src);
                        let found = finder.evidence.first_before(scope_above(depth), collection, n.start_byte(), src);
                        if let Some(offset) = found {
                            return Some(format!("its tasks were awaited with Task.WhenAll on line {}", line(offset)));
                        }
                    }
                }
            }
            return None;
        }
        if n.kind() == "foreach_statement" && field(n, "left").is_some_and(|l| text(l, src) == name) {
            if let Some(right) = field(n, "right").filter(|r| r.kind() == kinds::IDENTIFIER) {
                let found = finder.evidence.first_before(scope_above(depth), text(right, src), n.start_byte(), src);
                if let Some(offset) = found {
                    return Some(format!("its tasks were awaited with Task.WhenAll on line {}", line(offset)));
                }
            }
            return None;
        }
        if matches!(n.kind(), kinds::METHOD | kinds::LOCAL_FUNCTION | "compilation_unit") {
            scope = Some(n);
            break;
        }
        binder = depth.checked_sub(1).and_then(|d| path.at(d).1.binder);
    }
    let offset = finder.evidence.first_before(scope?, name, site.start_byte(), src)?;
    Some(format!("the task was already awaited or checked on line {}", line(offset)))
}

fn lambda_params<'s>(lambda: Node, src: &'s str) -> Vec<&'s str> {
    match field(lambda, "parameters") {
        Some(p) if p.kind() == "implicit_parameter" => vec![text(p, src)],
        Some(p) => {
            let mut c = p.walk();
            let names = p.named_children(&mut c).filter_map(|x| field(x, "name")).map(|n| text(n, src)).collect();
            names
        }
        None => Vec::new(),
    }
}

/// Where each scope awaits, waits on or checks the tasks a name holds: `await name`, `await Task.WhenAll(.. name
/// ..)`, `Task.WaitAll(.. name ..)`, `name.Wait()`, `name.IsCompleted`. Found once per scope and name, and asked
/// for every site that reads the name there.
#[derive(Default)]
struct Evidence {
    /// Keyed by the scope's id and the name: for each piece of evidence, the offset it must end by to come
    /// before a site, and the earliest start among it and those ending before it; sorted.
    found: HashMap<(usize, String), Vec<(usize, usize)>>,
}

impl Evidence {
    /// Start of the first piece of evidence in `scope` that ends before `before`.
    fn first_before(&mut self, scope: Node, name: &str, before: usize, src: &str) -> Option<usize> {
        let key = (scope.id(), name.to_string());
        let found = self.found.entry(key).or_insert_with(|| Self::collect(scope, name, src));
        let ended = found.partition_point(|&(end, _)| end <= before);
        ended.checked_sub(1).map(|i| found[i].1)
    }

    fn collect(scope: Node, name: &str, src: &str) -> Vec<(usize, usize)> {
        struct Collect<'n, 's> {
            name: &'n str,
            src: &'s str,
            found: Vec<(usize, usize)>,
        }
        impl<'t> Visitor<'t> for Collect<'_, '_> {
            type State = ();
            fn enter(&mut self, n: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
                if awaits_or_checks(n, path.ancestors().parent(), self.name, self.src) {
                    // A zero-width node comes before a site only if it starts before it.
                    self.found.push((n.end_byte().max(n.start_byte() + 1), n.start_byte()));
                }
                Some(())
            }
        }
        let mut collect = Collect { name, src, found: Vec::new() };
        walk::walk(scope, &mut collect);
        let mut found = collect.found;
        found.sort_unstable();
        let mut earliest = usize::MAX;
        for (_, start) in &mut found {
            earliest = earliest.min(*start);
            *start = earliest;
        }
        found
    }
}

/// Whether `n` (under `parent`) awaits, waits on or checks the tasks `name` holds.
fn awaits_or_checks(n: Node, parent: Option<Node>, name: &str, src: &str) -> bool {
    match n.kind() {
        kinds::AWAIT => n.named_child(0).is_some_and(|e| {
            let e = strip_configure_await(e, src);
            (e.kind() == kinds::IDENTIFIER && text(e, src) == name) || is_when_all_over(e, name, src)
        }),
        kinds::INVOCATION => {
            member_call(n, src).is_some_and(|(r, m, _)| {
                (m == "WaitAll" && mentions(n, name, src)) || (m == "Wait" && text(r, src) == name)
            }) || (is_when_all_over(n, name, src) && parent.is_some_and(|p| p.kind() == kinds::MEMBER_ACCESS))
        }
        kinds::MEMBER_ACCESS => {
            field(n, "expression").is_some_and(|e| text(e, src) == name)
                && field(n, "name").is_some_and(|m| {
                    matches!(
                        text(m, src),
                        "IsCompleted" | "IsCompletedSuccessfully" | "Status" | "IsFaulted" | "IsCanceled"
                    )
                })
        }
        _ => false,
    }
}

fn strip_configure_await<'t>(e: Node<'t>, src: &str) -> Node<'t> {
    if e.kind() == kinds::INVOCATION {
        if let Some((receiver, name, _)) = member_call(e, src) {
            if name == "ConfigureAwait" {
                return receiver;
            }
        }
    }
    e
}

fn is_when_all_over(e: Node, name: &str, src: &str) -> bool {
    e.kind() == kinds::INVOCATION
        && field(e, "function").is_some_and(|f| text(f, src).ends_with("WhenAll"))
        && mentions(e, name, src)
}

fn mentions(invocation: Node, name: &str, src: &str) -> bool {
    let Some(args) = field(invocation, "arguments") else { return false };
    let mut stack = vec![args];
    while let Some(n) = stack.pop() {
        if n.kind() == kinds::IDENTIFIER && text(n, src) == name {
            return true;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}

/// How sure we are that the operand is a task.
enum Proof {
    Proven,
    Hint(String),
    NotATask(String),
    Unknown,
}

fn prove_task(p: &Planner, file: FileId, site: &SyncWait) -> Proof {
    if site.kind == WaitKind::GetResult {
        // `GetAwaiter().GetResult()` exists exactly on awaitables: `await` is always its equivalent.
        return Proof::Proven;
    }
    match p.index.resolve_type(file, site.containing_type, &site.receiver) {
        Some(t) if library::is_task_like(&t) => Proof::Proven,
        Some(t) => Proof::NotATask(t.into()),
        None => match &site.receiver {
            TypeExpr::Call { name, .. } if name.ends_with("Async") => {
                Proof::Hint(format!("`{name}` is assumed to return a task from its name alone"))
            }
            _ => Proof::Unknown,
        },
    }
}

fn waitall_arguments_are_tasks(p: &Planner, file: FileId, site: &SyncWait) -> bool {
    !site.arguments.is_empty()
        && site.arguments.iter().all(|a| {
            p.index.resolve_type(file, site.containing_type, a).is_some_and(|t| {
                library::is_task_like(&t)
                    || (t.contains("Task") && (t.ends_with("[]") || t.contains("List<") || t.contains("IEnumerable<")))
            })
        })
}

pub fn plan(sites: &[(FileId, &SyncWait)], p: &mut Planner) {
    for (file, site) in sites.iter().filter(|(_, s)| !s.only_if_made_async) {
        plan_site(*file, site, p);
    }
}

/// `Thread.Sleep` in methods the plan makes async, once every transform has had its say about which those are:
/// planned like a sleep in async code; the others are not sites and say nothing.
pub fn plan_sleeps_in_methods_made_async(sites: &[(FileId, &SyncWait)], p: &mut Planner) {
    for (file, site) in sites.iter().filter(|(_, s)| s.only_if_made_async) {
        if site.context.function.is_some_and(|index| p.is_async_now(FnId { file: *file, index })) {
            plan_site(*file, site, p);
        }
    }
}

fn plan_site(file: FileId, site: &SyncWait, p: &mut Planner) {
    let report = |p: &mut Planner, resolution: Resolution| {
        p.site(file, site.range.clone(), ID, site.kind.finding(), resolution);
    };
    let reported = |p: &mut Planner, reason: Reason| report(p, Resolution::Reported(reason));
    // First: in code that does not parse, nothing else about the site can be trusted.
    if site.in_error_region {
        return reported(p, Reason::CodeDoesNotParse);
    }
    if let Some(why) = &site.completed {
        return report(p, Resolution::LeftAlone(Reason::AlreadyCompleted { why: why.clone() }));
    }
    match site.kind {
        WaitKind::WaitAny => return reported(p, Reason::WaitAnyIndexUsed),
        WaitKind::WaitWithArguments => return reported(p, Reason::WaitWithArguments),
        _ => {}
    }
    let mut review_note = None;
    match site.kind {
        WaitKind::WaitAll => {
            if !waitall_arguments_are_tasks(p, file, site) {
                return reported(p, Reason::WaitAllUnproven);
            }
        }
        WaitKind::ThreadSleep => {}
        _ => match prove_task(p, file, site) {
            Proof::Proven => {}
            Proof::NotATask(type_name) => return report(p, Resolution::LeftAlone(Reason::NotATask { type_name })),
            Proof::Unknown => return report(p, Resolution::LeftAlone(Reason::ReceiverUnknown)),
            Proof::Hint(h) => {
                if !p.options.include_review {
                    return reported(p, Reason::NameHintOnly { hint: h });
                }
                review_note = Some(h);
            }
        },
    }
    if let Some(why) = p.read_only(file) {
        return reported(p, Reason::NotTouchedFile { why: why.to_string() });
    }
    if let Some(context) = site.context.blocker {
        // async-alternative turned the lock into a semaphore and awaits this wait.
        if context == Context::Lock && p.awaits_at(file, site.operand.start) {
            return;
        }
        return reported(p, Reason::CannotAwaitIn { context });
    }
    if site.conditional_chain {
        return reported(p, Reason::ConditionalChain);
    }
    if site.context.aggregate_catch {
        return reported(p, Reason::AggregateCatchAround);
    }
    if matches!(site.kind, WaitKind::WaitAll | WaitKind::ThreadSleep) && !site.statement {
        return reported(p, Reason::UsedAsValue);
    }
    // A wrapper of its own async counterpart (`int Count() => CountAsync().Result`) stays: its callers await the
    // counterpart instead of it becoming a second async method doing the same.
    let counterpart = site.context.function.and_then(|index| p.async_counterpart(FnId { file, index }));
    if let (Some(counterpart), Some(index)) = (counterpart, site.context.function) {
        let callers = p.await_counterpart_in_callers(FnId { file, index }, counterpart, ID);
        let sibling = p.index.function(counterpart).name.to_string();
        return report(p, Resolution::LeftAlone(Reason::WrapperKept { sibling, callers }));
    }
    let made_async = if site.context.top_level {
        Ok(())
    } else {
        match site.context.function {
            Some(index) => p.make_async(FnId { file, index }, ID),
            None => Err(Reason::OutsideMethod),
        }
    };
    if let Err(why) = made_async {
        return reported(p, Reason::EnclosingCannotBecomeAsync { why: Box::new(why) });
    }
    let mut edits = Vec::new();
    match site.kind {
        WaitKind::WaitAll => {
            edits.push(Edit::open(site.range.start, "await ", site.range.len(), ID));
            edits.push(Edit::replace(site.operand.clone(), "WhenAll", ID));
        }
        WaitKind::ThreadSleep => {
            edits.push(Edit::open(site.range.start, "await ", site.range.len(), ID));
            edits.push(Edit::replace(site.operand.clone(), "Task.Delay", ID));
            p.note_tasks_using(file);
            p.note_restructured(file, site.range.start, crate::plan::Restructured::SleepBecomesDelay);
        }
        _ => {
            let open = if site.needs_parens { "(await " } else { "await " };
            edits.push(Edit::open(site.range.start, open, site.range.len(), ID));
            let close = if site.needs_parens { ")" } else { "" };
            edits.push(Edit::replace(site.operand.end..site.range.end, close, ID));
        }
    }
    for e in edits {
        p.edit(file, e);
    }
    p.note_await(file, site.range.start);
    let reason = match review_note {
        Some(h) => format!("awaited (review: {h})"),
        None => "awaited".to_string(),
    };
    report(p, Resolution::Fixed(reason));
}
