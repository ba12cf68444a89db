//! sync-over-async: blocking waits on tasks (`.Result`, `.Wait()`,
//! `.GetAwaiter().GetResult()`, `Task.WaitAll`, `Thread.Sleep` in async code)
//! become `await`, and the enclosing method becomes async with its callers.

use std::ops::Range;

use tree_sitter::Node;

use super::{FileInput, TransformId};
use crate::edit::Edit;
use crate::index::facts::{self, SiteContext, TypeExpr};
use crate::index::{library, FileId, FnId};
use crate::plan::Planner;
use crate::report::Outcome;
use crate::syntax::{field, kinds, text};

const ID: TransformId = TransformId::SyncOverAsync;

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
    fn describe(self) -> &'static str {
        match self {
            WaitKind::Result => "`.Result` blocks on a task",
            WaitKind::Wait => "`.Wait()` blocks on a task",
            WaitKind::WaitWithArguments => "`.Wait(...)` blocks on a task",
            WaitKind::GetResult => "`.GetAwaiter().GetResult()` blocks on a task",
            WaitKind::WaitAll => "`Task.WaitAll` blocks on tasks",
            WaitKind::WaitAny => "`Task.WaitAny` blocks on tasks",
            WaitKind::ThreadSleep => "`Thread.Sleep` blocks a thread inside an async function",
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
}

pub fn detect(input: &FileInput) -> Vec<SyncWait> {
    let mut out = Vec::new();
    // Classifying a site walks up to its function, and each step up costs tree-sitter a walk down from the root:
    // quadratic in the depth. Real code stays far above this bound; machine-made nesting below it is not looked at.
    const MAX_DEPTH: usize = 256;
    let mut stack = vec![(input.tree.root_node(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if let Some(site) = classify(node, input) {
            out.push(site);
        }
        if depth < MAX_DEPTH {
            let mut c = node.walk();
            stack.extend(node.children(&mut c).map(|n| (n, depth + 1)));
        }
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out
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

fn classify(node: Node, input: &FileInput) -> Option<SyncWait> {
    let src = input.source.text.as_str();
    let (kind, operand, arguments) = match node.kind() {
        kinds::MEMBER_ACCESS => {
            let name = field(node, "name")?;
            if text(name, src) != "Result" {
                return None;
            }
            // `x.Result(...)` is a method call, and `x.Result = ...` an assignment: neither is Task.Result.
            let parent = node.parent()?;
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
                    // Only a problem inside async code; synchronous code may sleep.
                    let f = input.facts.function_at(&node.byte_range())?;
                    if !input.facts.functions[f as usize].is_async() || call_arity(node) != 1 {
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
    let context = context_at(input, node);
    let function = context.function;
    let receiver = if matches!(kind, WaitKind::WaitAll | WaitKind::WaitAny | WaitKind::ThreadSleep) {
        TypeExpr::Unknown
    } else {
        facts::type_expr(operand, src, &|name| input.facts.local_type(function, name).cloned())
    };
    let completed = if matches!(kind, WaitKind::Result | WaitKind::Wait | WaitKind::GetResult) {
        already_completed(node, operand, src)
    } else {
        None
    };
    let containing_type = input
        .facts
        .types
        .iter()
        .enumerate()
        .rev()
        .find(|(_, t)| t.range.start <= range.start && range.end <= t.range.end)
        .map(|(i, _)| i as u32);
    Some(SyncWait {
        kind,
        range: range.clone(),
        operand: operand.byte_range(),
        needs_parens: facts::needs_parens_when_awaited(node, src),
        statement: node.parent().is_some_and(|p| p.kind() == kinds::EXPRESSION_STATEMENT),
        receiver,
        arguments,
        containing_type,
        context,
        completed,
        in_error_region: node.has_error() || input.facts.overlaps_error(&range),
        conditional_chain: in_conditional_chain(operand),
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
    let src = input.source.text.as_str();
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

/// The await context at a node: recomputed from the facts' ranges.
fn context_at(input: &FileInput, node: Node) -> SiteContext {
    let range = node.byte_range();
    let function = input.facts.function_at(&range);
    let mut ctx = SiteContext { function, ..Default::default() };
    // Walk up to the innermost function: blockers between the site and it apply.
    let mut cur = node.parent();
    while let Some(n) = cur {
        if facts::function_kind(n).is_some() {
            break;
        }
        match n.kind() {
            kinds::LOCK => ctx.blocker = ctx.blocker.or(Some("inside a lock statement")),
            kinds::QUERY => ctx.blocker = ctx.blocker.or(Some("inside a query expression")),
            kinds::UNSAFE => ctx.blocker = ctx.blocker.or(Some("inside an unsafe block")),
            "catch_filter_clause" => ctx.blocker = ctx.blocker.or(Some("inside a catch filter (`when`)")),
            "try_statement" => {
                let in_body =
                    field(n, "body").is_some_and(|b| b.start_byte() <= range.start && range.end <= b.end_byte());
                if in_body && facts::catches_aggregate(n, &input.source.text) {
                    ctx.aggregate_catch = true;
                }
            }
            "global_statement" => ctx.top_level = function.is_none(),
            _ => {}
        }
        cur = n.parent();
    }
    ctx
}

/// Why the task read at `site` has already completed, if the code shows it.
fn already_completed(site: Node, operand: Node, src: &str) -> Option<String> {
    if operand.kind() != kinds::IDENTIFIER {
        return None;
    }
    let name = text(operand, src);
    // A lambda parameter: `t.ContinueWith(x => x.Result)`, or `tasks.Select(t => t.Result)` after `await Task.WhenAll(tasks)`.
    let mut cur = site.parent();
    let mut scope = None;
    while let Some(n) = cur {
        if n.kind() == kinds::LAMBDA && lambda_params(n, src).contains(&name) {
            let call =
                n.parent().filter(|a| a.kind() == kinds::ARGUMENT).and_then(|a| a.parent()).and_then(|l| l.parent());
            if let Some(call) = call.filter(|c| c.kind() == kinds::INVOCATION) {
                if let Some((receiver, method, _)) = member_call(call, src) {
                    if method == "ContinueWith" {
                        return Some("read inside a ContinueWith callback, where the task has completed".into());
                    }
                    if receiver.kind() == kinds::IDENTIFIER {
                        let collection = text(receiver, src);
                        let scope_node = enclosing_scope(n);
                        if let Some(line) = awaited_before(scope_node, collection, n.start_byte(), src) {
                            return Some(format!("its tasks were awaited with Task.WhenAll on line {line}"));
                        }
                    }
                }
            }
            return None;
        }
        if n.kind() == "foreach_statement" && field(n, "left").is_some_and(|l| text(l, src) == name) {
            if let Some(right) = field(n, "right").filter(|r| r.kind() == kinds::IDENTIFIER) {
                if let Some(line) = awaited_before(enclosing_scope(n), text(right, src), n.start_byte(), src) {
                    return Some(format!("its tasks were awaited with Task.WhenAll on line {line}"));
                }
            }
            return None;
        }
        if matches!(n.kind(), kinds::METHOD | kinds::LOCAL_FUNCTION | "compilation_unit") {
            scope = Some(n);
            break;
        }
        cur = n.parent();
    }
    let scope = scope?;
    awaited_before(scope, name, site.start_byte(), src)
        .map(|line| format!("the task was already awaited or checked on line {line}"))
}

fn enclosing_scope(node: Node) -> Node {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if matches!(p.kind(), kinds::METHOD | kinds::LOCAL_FUNCTION | "compilation_unit") {
            return p;
        }
        cur = p;
    }
    cur
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

/// Line of an `await name`, `await Task.WhenAll(.. name ..)`, `Task.WaitAll(.. name ..)`,
/// `name.Wait()` or `name.IsCompleted`-style check that ends before `before`.
fn awaited_before(scope: Node, name: &str, before: usize, src: &str) -> Option<usize> {
    let mut stack = vec![scope];
    let mut best: Option<usize> = None;
    while let Some(n) = stack.pop() {
        if n.start_byte() >= before {
            continue;
        }
        let hit = n.end_byte() <= before
            && match n.kind() {
                kinds::AWAIT => n.named_child(0).is_some_and(|e| {
                    let e = strip_configure_await(e, src);
                    (e.kind() == kinds::IDENTIFIER && text(e, src) == name) || is_when_all_over(e, name, src)
                }),
                kinds::INVOCATION => {
                    member_call(n, src).is_some_and(|(r, m, _)| {
                        (m == "WaitAll" && mentions(n, name, src)) || (m == "Wait" && text(r, src) == name)
                    }) || (is_when_all_over(n, name, src)
                        && n.parent().is_some_and(|p| p.kind() == kinds::MEMBER_ACCESS))
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
            };
        if hit {
            best = Some(best.map_or(n.start_byte(), |b: usize| b.min(n.start_byte())));
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    best.map(|offset| crate::source::line_col(src, offset).0)
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
        Some(t) => Proof::NotATask(t),
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
    for (file, site) in sites {
        plan_site(*file, site, p);
    }
}

fn plan_site(file: FileId, site: &SyncWait, p: &mut Planner) {
    let message = site.kind.describe();
    let report = |p: &mut Planner, outcome: Outcome, reason: String| {
        p.site(file, site.range.clone(), ID, outcome, message, reason);
    };
    // First: in code that does not parse, nothing else about the site can be trusted.
    if site.in_error_region {
        return report(p, Outcome::Reported, "the code around it does not parse, so it is not touched".into());
    }
    if let Some(why) = &site.completed {
        return report(p, Outcome::LeftAlone, format!("does not block: {why}"));
    }
    match site.kind {
        WaitKind::WaitAny => {
            return report(
                p,
                Outcome::Reported,
                "Task.WaitAny is used for the index it returns; rewrite it with `await Task.WhenAny` by hand".into(),
            )
        }
        WaitKind::WaitWithArguments => {
            return report(
                p,
                Outcome::Reported,
                "Wait with a timeout or token has no direct await form; use `WaitAsync(...)` by hand".into(),
            )
        }
        _ => {}
    }
    let mut review_note = None;
    match site.kind {
        WaitKind::WaitAll => {
            if !waitall_arguments_are_tasks(p, file, site) {
                return report(
                    p,
                    Outcome::Reported,
                    "cannot prove that every argument of Task.WaitAll is a task (or that none is a timeout)".into(),
                );
            }
        }
        WaitKind::ThreadSleep => {}
        _ => match prove_task(p, file, site) {
            Proof::Proven => {}
            Proof::NotATask(t) => return report(p, Outcome::LeftAlone, format!("not a task: its type is `{t}`")),
            Proof::Unknown => {
                return report(
                    p,
                    Outcome::LeftAlone,
                    "the receiver's type is unknown, so it is not proven to be a task".into(),
                )
            }
            Proof::Hint(h) => {
                if !p.options.include_review {
                    return report(p, Outcome::Reported, format!("{h}; rerun with --include-review to rewrite it"));
                }
                review_note = Some(h);
            }
        },
    }
    if let Some(why) = p.read_only(file) {
        return report(p, Outcome::Reported, format!("not touched: the file {why}"));
    }
    if let Some(b) = site.context.blocker {
        return report(p, Outcome::Reported, format!("cannot await {b}"));
    }
    if site.conditional_chain {
        return report(
            p,
            Outcome::Reported,
            "part of a ?. chain: `await` would throw where the chain is null; rewrite it by hand".into(),
        );
    }
    if site.context.aggregate_catch {
        return report(
            p,
            Outcome::Reported,
            "a catch (AggregateException) around it would stop seeing the exception after the rewrite".into(),
        );
    }
    if matches!(site.kind, WaitKind::WaitAll | WaitKind::ThreadSleep) && !site.statement {
        return report(p, Outcome::Reported, "used as a value; only a statement can be rewritten".into());
    }
    let made_async = if site.context.top_level {
        Ok(())
    } else {
        match site.context.function {
            Some(index) => p.make_async(FnId { file, index }, ID),
            None => Err("it is outside any method".to_string()),
        }
    };
    if let Err(reason) = made_async {
        return report(p, Outcome::Reported, format!("the enclosing code cannot become async: {reason}"));
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
    let reason = match review_note {
        Some(h) => format!("awaited (review: {h})"),
        None => "awaited".to_string(),
    };
    report(p, Outcome::Rewritten, reason);
}
