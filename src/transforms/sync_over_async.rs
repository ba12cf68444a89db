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
use crate::syntax::mentions::Mentions;
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
    /// The code says the wait is deliberate: an analyzer's warning about it is suppressed there, or the member
    /// around it is obsolete.
    pub intent: Option<Reason>,
}

pub fn detect(input: &FileInput) -> Vec<SyncWait> {
    let mentions = Mentions::of(input.source.text(), &SITE_WORDS);
    if mentions.is_empty() {
        return Vec::new();
    }
    let pragmas = super::intent::Pragmas::of(input.source.text());
    let mut finder = Finder { input, mentions, sites: Vec::new(), evidence: Evidence::default(), pragmas };
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
    pragmas: super::intent::Pragmas,
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
        Some(Around::at(node, kind, path, self.input.source.text()))
    }
}

/// Where the words a site is named by are written (`Result`, `Wait`, `Sleep`, and so `GetResult`, `WaitAll`,
/// `WaitAny`): a node that holds none of them holds no site, and the walk passes over it.
const SITE_WORDS: [&str; 3] = ["Result", "Wait", "Sleep"];

/// What the nodes above a site say about it, passed down the walk: the await context (what `await` would run
/// into between the site and its function) and where to look for proof that its task has completed.
#[derive(Clone, Copy, Default)]
struct Around {
    blocker: Option<Context>,
    aggregate_catch: bool,
    in_global_statement: bool,
    /// Inside `nameof(...)`, `typeof(...)` or an attribute: names a member, runs nothing.
    name_only: bool,
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
        let name_only = parent.name_only
            || matches!(kind, kinds::ATTRIBUTE_LIST | "typeof_expression")
            || (kind == kinds::INVOCATION
                && field(node, "function").is_some_and(|f| f.kind() == kinds::IDENTIFIER && text(f, src) == "nameof"));
        // The await context stops at the innermost function.
        if facts::function_kind(node).is_some() {
            return Around { binder, scope, name_only, ..Around::default() };
        }
        let mut here = Around {
            aggregate_catch: parent.aggregate_catch || parent.aggregate_body == Some(node.id()),
            aggregate_body: None,
            binder,
            scope,
            name_only,
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
    let src = input.source.text();
    let ancestors = path.ancestors();
    // `nameof(Task<int>.Result)`, `typeof(...)`, `[Attr(...)]`: a name, not a wait.
    if path.parent_state().is_some_and(|a| a.name_only) {
        return None;
    }
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
                    // A `Task.Run` lambda may become async too (when it holds a wait), like a method.
                    if call_arity(node) != 1 || !(f.is_async() || f.is_method_like() || f.task_run_lambda) {
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
        intent: super::intent::stated_intent(
            src,
            input.facts,
            &finder.pragmas,
            &range,
            super::intent::BLOCKING_WAIT_RULES,
        ),
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
    let src = input.source.text();
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
    let input = finder.input;
    let src = input.source.text();
    // `(readStdErr ? errorTask : outputTask).GetAwaiter().GetResult()` after both completed.
    let mut bare = operand;
    while bare.kind() == "parenthesized_expression" {
        bare = bare.named_child(0)?;
    }
    if bare.kind() == "conditional_expression" {
        let first = already_completed(site, field(bare, "consequence")?, path, finder)?;
        already_completed(site, field(bare, "alternative")?, path, finder)?;
        return Some(first);
    }
    let name = task_name(operand, src)?;
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
        if n.kind() == kinds::LAMBDA {
            // The lambda's parent is an argument, whose grandparent is the call.
            let argument = depth.checked_sub(1).map(|d| path.at(d).0).filter(|a| a.kind() == kinds::ARGUMENT);
            let call = argument.and(depth.checked_sub(3)).map(|d| path.at(d).0);
            let call = call.filter(|c| c.kind() == kinds::INVOCATION);
            let member = call.and_then(|c| member_call(c, src));
            if lambda_params(n, src).contains(&name.as_str()) {
                if let Some((receiver, method, _)) = member {
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
                return None;
            }
            // `task.ContinueWith(_ => task.Result)`: the antecedent, read by its own name in its callback.
            if let (Some(call), Some((receiver, method, _))) = (call, member) {
                let antecedent = match method {
                    "ContinueWith" => {
                        task_name(receiver, src).as_deref() == Some(name.as_str())
                            || is_when_all_over(receiver, &name, &[], src)
                    }
                    "ContinueWhenAll" => mentions(call, &name, src),
                    _ => false,
                };
                if antecedent {
                    return Some(format!("read inside the {method} callback of `{name}`, where it has completed"));
                }
            }
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
    let offset = finder.evidence.first_before(scope?, &name, site.start_byte(), src)?;
    Some(format!("the task was already awaited or checked on line {}", line(offset)))
}

/// How a task is named where it is read, if it is read through names only (`task`, `this._task`,
/// `state.Task`, `task!`): without `this.`, whitespace or `!`, so that two mentions compare equal.
fn task_name(node: Node, src: &str) -> Option<String> {
    match node.kind() {
        kinds::IDENTIFIER => Some(text(node, src).to_string()),
        kinds::MEMBER_ACCESS => {
            let receiver = field(node, "expression")?;
            let member = text(field(node, "name")?, src);
            match receiver.kind() {
                "this_expression" | "this" => Some(member.to_string()),
                _ => Some(format!("{}.{member}", task_name(receiver, src)?)),
            }
        }
        // `task!` (null-forgiving) and `(task)`.
        "postfix_unary_expression" if text(node, src).ends_with('!') => task_name(node.named_child(0)?, src),
        "parenthesized_expression" => task_name(node.named_child(0)?, src),
        _ => None,
    }
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
/// ..)` (or over a collection `name` was put in), `Task.WaitAll(.. name ..)`, `name.Wait()`, `name.IsCompleted`,
/// `name is { IsCompleted: true }`, `name = await Task.WhenAny(..)`, `await Task.WhenAny(.. name ..) == name`.
/// Found once per scope and name, and asked for every site that reads the name there.
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
            /// Locals the task was put in (`var tasks = new[] { t, u }`, `tasks.Add(t)`).
            holders: Vec<String>,
            found: Vec<(usize, usize)>,
        }
        impl<'t> Visitor<'t> for Collect<'_, '_> {
            type State = ();
            fn enter(&mut self, n: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
                if awaits_or_checks(n, path.ancestors().parent(), self.name, &self.holders, self.src) {
                    // A zero-width node comes before a site only if it starts before it.
                    self.found.push((n.end_byte().max(n.start_byte() + 1), n.start_byte()));
                }
                Some(())
            }
        }
        let holders = holders_of(scope, name, src);
        let mut collect = Collect { name, src, holders, found: Vec::new() };
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

/// The locals of `scope` that `name`'s task is put in: declared with it in their initializer
/// (`var tasks = new List<Task> { a, b }`) or given it with `Add`/`AddRange`/`Insert`.
fn holders_of(scope: Node, name: &str, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![scope];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "variable_declarator" => {
                let value = field(n, "value").or_else(|| n.named_child(n.named_child_count().saturating_sub(1)));
                if let (Some(declared), Some(value)) = (field(n, "name"), value) {
                    if value.id() != declared.id() && names_within(value, name, src) {
                        out.push(text(declared, src).to_string());
                    }
                }
            }
            kinds::INVOCATION => {
                if let Some((receiver, method, _)) = member_call(n, src) {
                    if matches!(method, "Add" | "AddRange" | "Insert" | "Enqueue" | "Push") && mentions(n, name, src) {
                        if let Some(holder) = task_name(receiver, src) {
                            out.push(holder);
                        }
                    }
                }
            }
            _ => {}
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out.sort();
    out.dedup();
    out.retain(|h| h != name);
    out
}

/// Whether `n` (under `parent`) awaits, waits on or checks the tasks `name` holds (directly, or through one of
/// the `holders` it was put in).
fn awaits_or_checks(n: Node, parent: Option<Node>, name: &str, holders: &[String], src: &str) -> bool {
    let is_name = |e: Node| task_name(e, src).as_deref() == Some(name);
    match n.kind() {
        kinds::AWAIT => n.named_child(0).is_some_and(|e| {
            let e = strip_configure_await(e, src);
            is_name(e) || is_when_all_over(e, name, holders, src)
        }),
        kinds::INVOCATION => {
            member_call(n, src).is_some_and(|(r, m, _)| {
                (m == "WaitAll" && (mentions(n, name, src) || holders.iter().any(|h| mentions(n, h, src))))
                    || (m == "Wait" && is_name(r))
            }) || (is_when_all_over(n, name, holders, src) && parent.is_some_and(|p| p.kind() == kinds::MEMBER_ACCESS))
        }
        kinds::MEMBER_ACCESS => {
            field(n, "expression").is_some_and(is_name) && field(n, "name").is_some_and(|m| is_status(text(m, src)))
        }
        // `task is { IsCompleted: true }`, `task is { Status: TaskStatus.RanToCompletion }`.
        "is_pattern_expression" => {
            field(n, "expression").is_some_and(is_name)
                && field(n, "pattern").is_some_and(|p| {
                    ["IsCompleted", "Status", "IsFaulted", "IsCanceled"].iter().any(|w| text(p, src).contains(w))
                })
        }
        // `var done = await Task.WhenAny(a, b);`, `done = await Task.WhenAny(...)`: the task it yields has completed.
        "variable_declarator" => {
            field(n, "name").is_some_and(|d| text(d, src) == name)
                && n.named_child(n.named_child_count().saturating_sub(1)).is_some_and(|v| awaits_when_any(v, src))
        }
        kinds::ASSIGNMENT => {
            field(n, "left").is_some_and(is_name) && field(n, "right").is_some_and(|v| awaits_when_any(v, src))
        }
        // `if (await Task.WhenAny(t, timeout) == t)`.
        "binary_expression" => {
            let (Some(l), Some(r)) = (field(n, "left"), field(n, "right")) else { return false };
            let op = field(n, "operator").map(|o| text(o, src));
            op == Some("==")
                && ((awaits_when_any(l, src) && is_name(r) && mentions_when_any(l, name, src))
                    || (awaits_when_any(r, src) && is_name(l) && mentions_when_any(r, name, src)))
        }
        _ => false,
    }
}

fn is_status(member: &str) -> bool {
    matches!(member, "IsCompleted" | "IsCompletedSuccessfully" | "Status" | "IsFaulted" | "IsCanceled")
}

/// `await Task.WhenAny(...)` (with or without `.ConfigureAwait(...)`).
fn awaits_when_any(e: Node, src: &str) -> bool {
    e.kind() == kinds::AWAIT
        && e.named_child(0).is_some_and(|w| {
            let w = strip_configure_await(w, src);
            w.kind() == kinds::INVOCATION && field(w, "function").is_some_and(|f| text(f, src).ends_with("WhenAny"))
        })
}

fn mentions_when_any(e: Node, name: &str, src: &str) -> bool {
    e.named_child(0).is_some_and(|w| mentions(strip_configure_await(w, src), name, src))
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

fn is_when_all_over(e: Node, name: &str, holders: &[String], src: &str) -> bool {
    e.kind() == kinds::INVOCATION
        && field(e, "function").is_some_and(|f| text(f, src).ends_with("WhenAll"))
        && (mentions(e, name, src) || holders.iter().any(|h| mentions(e, h, src)))
}

/// Whether the arguments of `invocation` name `name` (`t`, `this.t`, `state.Task`).
fn mentions(invocation: Node, name: &str, src: &str) -> bool {
    field(invocation, "arguments").is_some_and(|args| names_within(args, name, src))
}

fn names_within(node: Node, name: &str, src: &str) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), kinds::IDENTIFIER | kinds::MEMBER_ACCESS) && task_name(n, src).as_deref() == Some(name) {
            return true;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}

/// Whether the new `await` takes `.ConfigureAwait(false)`: the file's habit says so, and the awaited operand is
/// proven to be a `Task` or `ValueTask` that is not configured already (a `ConfiguredTaskAwaitable` has no
/// `ConfigureAwait`).
fn configure_await(p: &Planner, file: FileId, site: &SyncWait) -> bool {
    let indexed = p.index.file(file);
    if !p.configures_await_at(file, site.range.start) {
        return false;
    }
    match site.kind {
        WaitKind::WaitAll | WaitKind::ThreadSleep => true,
        _ => {
            let operand = &indexed.source.text()[site.operand.clone()];
            let configured = operand.trim_end().ends_with(')') && operand.contains(".ConfigureAwait(");
            // A call to an `…Async` method whose receiver is not known returns a task as good as always.
            let named_async = matches!(&site.receiver, TypeExpr::Call { name, .. } if name.ends_with("Async"));
            !configured
                && match p.index.resolve_type(file, site.containing_type, &site.receiver) {
                    Some(t) => library::is_task_like(&t),
                    None => named_async,
                }
        }
    }
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

/// Why `Task.WaitAll(...)`'s arguments are not all proven to be tasks, if they are not: each must be a task, or the
/// one argument a collection of tasks (`List<Task>`, `Task[]`, also through `.ToArray()` / `.ToList()`).
fn waitall_unproven(p: &Planner, file: FileId, site: &SyncWait) -> Option<Reason> {
    if site.arguments.is_empty() {
        return Some(Reason::WaitAllUnproven);
    }
    let resolve = |t: &TypeExpr| p.index.resolve_type(file, site.containing_type, t);
    if let [only] = site.arguments.as_slice() {
        // `tasks` or `tasks.ToArray()`: what matters is what `tasks` is declared as.
        let collection = match only {
            TypeExpr::Call { receiver, name, arity: 0, .. } if matches!(name.as_str(), "ToArray" | "ToList") => {
                receiver
            }
            other => other,
        };
        if let Some(t) = resolve(collection) {
            if library::is_task_like(&t) || is_collection_of_tasks(&t) {
                return None;
            }
        }
        return Some(match collection {
            TypeExpr::Name(n) | TypeExpr::Member { name: n, .. } => Reason::WaitAllListUnproven { name: n.to_string() },
            _ => Reason::WaitAllUnproven,
        });
    }
    let all_tasks = site.arguments.iter().all(|a| resolve(a).is_some_and(|t| library::is_task_like(&t)));
    (!all_tasks).then_some(Reason::WaitAllUnproven)
}

/// `Task[]`, `Task<T>[]`, or a generic collection of them (`List<Task>`, `IEnumerable<Task<int>>`, ...).
fn is_collection_of_tasks(type_text: &str) -> bool {
    let t = type_text.trim().trim_end_matches('?');
    if let Some(element) = t.strip_suffix("[]") {
        return element.trim() == "Task" || element.trim().starts_with("Task<") || element.trim().ends_with(".Task");
    }
    const COLLECTIONS: &[&str] = &[
        "List",
        "IList",
        "ICollection",
        "IEnumerable",
        "IReadOnlyList",
        "IReadOnlyCollection",
        "Collection",
        "HashSet",
        "ISet",
        "ConcurrentBag",
        "ImmutableArray",
        "ImmutableList",
    ];
    let (Some(open), Some(close)) = (t.find('<'), t.rfind('>')) else { return false };
    if !COLLECTIONS.contains(&crate::syntax::simple_type_name(&t[..open])) {
        return false;
    }
    let element = t[open + 1..close].trim();
    // One type argument that is a task (`Task`, `Task<List<int>>`), not `Dictionary`-like pairs.
    let simple = crate::syntax::simple_type_name(element);
    simple == "Task" && (!element.contains(',') || element.starts_with("Task<") || element.contains(".Task<"))
}

pub fn plan(sites: &[(FileId, &SyncWait)], p: &mut Planner) {
    // A site whose conversion would only move the wait may gain from the chains of the sites after it: it is
    // tried again while the plan grows, and reported only when it no longer does.
    let mut waiting: Vec<&(FileId, &SyncWait)> = sites.iter().filter(|(_, s)| !s.only_if_made_async).collect();
    loop {
        let before = waiting.len();
        waiting.retain(|(file, site)| plan_site(*file, site, p, Attempt::MayWait) == Planned::Waiting);
        if waiting.is_empty() || waiting.len() == before {
            break;
        }
    }
    for (file, site) in waiting {
        plan_site(*file, site, p, Attempt::Last);
    }
}

/// Whether a site refused because its conversion would only move the wait may be tried again later.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attempt {
    MayWait,
    Last,
}

/// What planning a site did: reported it, or put it back to try again.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Planned {
    Done,
    Waiting,
}

/// `Thread.Sleep` in methods the plan makes async, once every transform has had its say about which those are:
/// planned like a sleep in async code; the others are not sites and say nothing.
pub fn plan_sleeps_in_methods_made_async(sites: &[(FileId, &SyncWait)], p: &mut Planner) {
    for (file, site) in sites.iter().filter(|(_, s)| s.only_if_made_async) {
        if site.context.function.is_some_and(|index| p.is_async_now(FnId { file: *file, index })) {
            plan_site(*file, site, p, Attempt::Last);
        }
    }
}

fn plan_site(file: FileId, site: &SyncWait, p: &mut Planner, attempt: Attempt) -> Planned {
    let report = |p: &mut Planner, resolution: Resolution| {
        p.site(file, site.range.clone(), ID, site.kind.finding(), resolution);
        Planned::Done
    };
    let reported = |p: &mut Planner, reason: Reason| report(p, Resolution::Reported(reason));
    // A receiver declared with a type that is no task (`BlockExpression.Result`) is no wait, even in code around
    // which the parser stumbled: the declaration says so.
    if matches!(site.kind, WaitKind::Result | WaitKind::Wait | WaitKind::WaitWithArguments) {
        if let Proof::NotATask(type_name) = prove_task(p, file, site) {
            return report(p, Resolution::LeftAlone(Reason::NotATask { type_name }));
        }
    }
    // Then: in code that does not parse, nothing else about the site can be trusted.
    if site.in_error_region {
        return reported(p, Reason::CodeDoesNotParse);
    }
    if let Some(why) = &site.completed {
        return report(p, Resolution::LeftAlone(Reason::AlreadyCompleted { why: why.clone() }));
    }
    if let Some(why) = &site.intent {
        // An obsolete wrapper that points at its async counterpart still has its callers moved to that counterpart.
        let enclosing = site.context.function.map(|index| FnId { file, index });
        let obsolete_wrapper =
            matches!(why, Reason::Obsolete { .. }) && enclosing.is_some_and(|f| p.async_counterpart(f).is_some());
        if !obsolete_wrapper {
            return report(p, Resolution::LeftAlone(why.clone()));
        }
    }
    match site.kind {
        WaitKind::WaitAny => return reported(p, Reason::WaitAnyIndexUsed),
        WaitKind::WaitWithArguments => {
            // `gate.Wait(token)` on a receiver of unknown type is as likely a semaphore or an event as a task.
            return match prove_task(p, file, site) {
                Proof::Unknown => report(p, Resolution::LeftAlone(Reason::ReceiverUnknown)),
                _ => reported(p, Reason::WaitWithArguments),
            };
        }
        _ => {}
    }
    let mut review_note = None;
    match site.kind {
        WaitKind::WaitAll => {
            if let Some(why) = waitall_unproven(p, file, site) {
                return reported(p, why);
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
            return Planned::Done;
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
            Some(index) => p.make_async_where_it_gains(FnId { file, index }, ID),
            None => Err(Reason::OutsideMethod),
        }
    };
    match made_async {
        Err(Reason::WaitOnlyMoves { .. }) if attempt == Attempt::MayWait => return Planned::Waiting,
        Err(why) => return reported(p, Reason::EnclosingCannotBecomeAsync { why: Box::new(why) }),
        Ok(()) => {}
    }
    let ca = if configure_await(p, file, site) { crate::plan::CONFIGURE_AWAIT } else { "" };
    let mut edits = Vec::new();
    match site.kind {
        WaitKind::WaitAll => {
            edits.push(Edit::open(site.range.start, "await ", site.range.len(), ID));
            edits.push(Edit::replace(site.operand.clone(), "WhenAll", ID));
            if !ca.is_empty() {
                edits.push(Edit::close(site.range.end, ca, site.range.len(), ID));
            }
        }
        WaitKind::ThreadSleep => {
            edits.push(Edit::open(site.range.start, "await ", site.range.len(), ID));
            edits.push(Edit::replace(site.operand.clone(), "Task.Delay", ID));
            if !ca.is_empty() {
                edits.push(Edit::close(site.range.end, ca, site.range.len(), ID));
            }
            p.note_tasks_using(file);
            p.note_restructured(file, site.range.start, crate::plan::Restructured::SleepBecomesDelay);
        }
        _ => {
            let open = if site.needs_parens { "(await " } else { "await " };
            edits.push(Edit::open(site.range.start, open, site.range.len(), ID));
            let close = if site.needs_parens { ")" } else { "" };
            edits.push(Edit::replace(site.operand.end..site.range.end, format!("{ca}{close}"), ID));
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
    report(p, Resolution::Fixed(reason))
}
