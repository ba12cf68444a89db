//! Where a token may go. Not into cleanup: `catch` and `finally` blocks, disposal methods and the calls that
//! close or dispose (a cancelled token makes the cleanup throw, masks the exception being handled and can leak
//! what was to be released). Not into work that outlives the caller: a task that is not awaited, kept or
//! discarded; a delegate stored, subscribed or run later; work a shared cache or a `Lazy` creates for every later
//! caller. The caller's token means "the caller no longer waits", and such work must not stop with it. No token is
//! threaded to make such a call passable either: the graph asks the same question.

use crate::index::facts::{CallSite, Cleanup, FileFacts, FunctionKind, TypeExpr, ValueUse};
use crate::index::{CallId, FileId};
use crate::model::Reason;
use crate::plan::{Planner, DISPOSAL_METHODS};

use super::classify::mentions_word;

/// Calls that keep the task (or delegate) they are given, or hand it to code that runs later.
const KEEPERS: &[&str] = &[
    "Add",
    "TryAdd",
    "Set",
    "TryUpdate",
    "Enqueue",
    "TryEnqueue",
    "Push",
    "Post",
    "Insert",
    "AddOrUpdate",
    "GetOrAdd",
    "Register",
    "Forget",
    "FireAndForget",
    "SafeFireAndForget",
    "RunInBackground",
    "FileAndForget",
];

/// Calls whose delegate argument creates work that a cache shares with later callers.
const SHARED_FACTORIES: &[&str] =
    &["GetOrAdd", "AddOrUpdate", "GetOrCreate", "GetOrCreateAsync", "GetOrAddAsync", "GetOrSet", "GetOrSetAsync"];

/// Types whose constructor takes a delegate for work shared with later callers.
const SHARED_CONSTRUCTED: &[&str] = &["Lazy", "AsyncLazy"];

/// Calls that run their delegate later, when the caller may be done.
const DEFERRED_HOSTS: &[&str] = &[
    "Register",
    "Subscribe",
    "QueueUserWorkItem",
    "UnsafeQueueUserWorkItem",
    "QueueBackgroundWorkItem",
    "Enqueue",
    "TryEnqueue",
    "Post",
    "BeginInvoke",
    "Schedule",
    "FileAndForget",
    "Forget",
    "FireAndForget",
    "SafeFireAndForget",
    "RunInBackground",
];

/// Types whose constructor takes a delegate to run later or on a thread of its own.
const DEFERRED_CONSTRUCTED: &[&str] = &["Thread", "Timer", "Task"];

/// Calls whose value, a task, ends with the work of their delegate argument: whether that work outlives the caller
/// is whether their task does.
const TASK_STARTERS: &[&str] = &["Run", "StartNew", "RunAsync", "ContinueWith"];

/// Calls that consume the tasks they are given, so they outlive the caller only if their own task does.
const COMBINATORS: &[&str] = &["WhenAll", "WhenAny", "WaitAsync", "WhenEach"];

/// Why no token may be passed at `call` (whose value is a task when `task_like`), if none may.
pub fn blocker(p: &Planner, call: CallId, task_like: bool) -> Option<Reason> {
    let c = p.index.call(call);
    if let Some(r) = context_blocker(p, call.file, c.context.function, c.cleanup) {
        return Some(r);
    }
    if DISPOSAL_METHODS.contains(&c.name.as_str()) {
        return Some(Reason::TokenToCleanup { callee: c.name.to_string() });
    }
    // A call another transform awaits (`Thread.Sleep` becoming `await Task.Delay`) is awaited.
    let awaited_by_plan = p.awaits_at(call.file, c.range.start())
        || p.restructured(call.file, c.range.start()) == Some(&crate::plan::Restructured::SleepBecomesDelay);
    if task_like && !awaited_by_plan {
        if let Some(how) = detached(p, call.file, c, 0) {
            return Some(Reason::TokenDetachedTask { how });
        }
    }
    None
}

/// Why no token may be used by code at `function` in `file` (inside `cleanup`), if none may: cleanup around it,
/// or a delegate between it and the function whose token it would use that outlives that function.
pub fn context_blocker(p: &Planner, file: FileId, function: Option<u32>, cleanup: Option<Cleanup>) -> Option<Reason> {
    match cleanup {
        Some(Cleanup::Catch) => return Some(Reason::TokenInCatch),
        Some(Cleanup::Finally) => return Some(Reason::TokenInFinally),
        None => {}
    }
    let facts = &p.index.file(file).facts;
    let owner = p.token_scope_owner(file, function).map(|o| o.index);
    let mut at = function;
    while let Some(i) = at {
        let func = &facts.functions[i as usize];
        if func.kind == FunctionKind::Destructor {
            return Some(Reason::TokenInDisposal { name: "the finalizer".to_string() });
        }
        if func.is_method_like() && DISPOSAL_METHODS.contains(&func.name.as_str()) {
            return Some(Reason::TokenInDisposal { name: func.name.to_string() });
        }
        if matches!(func.kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod) && Some(i) != owner {
            if let Some(r) = delegate_outlives(p, file, facts, i) {
                return Some(r);
            }
        }
        at = func.parent;
    }
    None
}

/// Why the lambda or anonymous method `index` runs after the code around it may be done, if it may.
fn delegate_outlives(p: &Planner, file: FileId, facts: &FileFacts, index: u32) -> Option<Reason> {
    let func = &facts.functions[index as usize];
    let deferred = |how: String| Some(Reason::TokenDeferredDelegate { how });
    match func.value_use {
        ValueUse::Stored => deferred("stored in a field or property".to_string()),
        ValueUse::Subscribed => deferred("subscribed to an event".to_string()),
        ValueUse::Constructed(t) if SHARED_CONSTRUCTED.contains(&t.as_str()) => {
            Some(Reason::TokenSharedWork { host: t.to_string() })
        }
        ValueUse::Constructed(t) if DEFERRED_CONSTRUCTED.contains(&t.as_str()) => {
            deferred(format!("handed to `new {t}(…)`"))
        }
        ValueUse::Argument => {
            let host = facts.host_call(func.range)?;
            let h = &facts.calls[host];
            let name = h.name.as_str();
            if SHARED_FACTORIES.contains(&name) {
                return Some(Reason::TokenSharedWork { host: name.to_string() });
            }
            if DEFERRED_HOSTS.contains(&name) {
                return deferred(format!("handed to {name}"));
            }
            if TASK_STARTERS.contains(&name) {
                let how = detached(p, file, h, 0)?;
                return Some(Reason::TokenDetachedTask { how: format!("{how} (the task {name} starts)") });
            }
            None
        }
        _ => None,
    }
}

/// How the task `c` makes outlives the code around it (not awaited, kept, discarded …), if it does.
fn detached(p: &Planner, file: FileId, c: &CallSite, depth: usize) -> Option<String> {
    let facts = &p.index.file(file).facts;
    match c.value_use {
        ValueUse::Awaited | ValueUse::Returned | ValueUse::Other => None,
        ValueUse::Statement => Some("not awaited".to_string()),
        ValueUse::Discarded => Some("discarded (`_ = …`)".to_string()),
        ValueUse::Local if awaited_later(p, file, c) => None,
        ValueUse::Local => Some("kept in a local that is not awaited here".to_string()),
        ValueUse::Stored | ValueUse::Subscribed => Some("stored in a field or property".to_string()),
        ValueUse::Constructed(t) => Some(format!("handed to `new {t}(…)`")),
        ValueUse::Argument => {
            let host = &facts.calls[facts.host_call(c.range)?];
            if KEEPERS.contains(&host.name.as_str()) {
                return Some(format!("handed to {}", host.name));
            }
            if COMBINATORS.contains(&host.name.as_str()) && depth < 4 {
                return detached(p, file, host, depth + 1);
            }
            None
        }
        ValueUse::Receiver => {
            // `task.Forget()`, `task.FileAndForget()`: calls chained on the task, sharing its start.
            let first = facts.calls.partition_point(|x| x.range.start() < c.range.start());
            let end = facts.calls.partition_point(|x| x.range.start() <= c.range.start());
            facts.calls[first..end]
                .iter()
                .filter(|x| x.range.end() > c.range.end() && KEEPERS.contains(&x.name.as_str()))
                .map(|x| format!("handed to {}", x.name))
                .next()
        }
    }
}

/// `var t = M(); … await t;`: the local the task is kept in is awaited (or waited for, or handed to a combinator
/// that is) further down the same function.
fn awaited_later(p: &Planner, file: FileId, c: &CallSite) -> bool {
    let text = &p.index.file(file).source.text();
    let Some(name) = assigned_local(&text[..c.range.start()]) else { return false };
    let facts = &p.index.file(file).facts;
    let Some(f) = c.context.function else { return false };
    let end = facts.functions[f as usize].range.end();
    let after = &text[c.range.end()..end];
    let consumed =
        [format!("await {name}"), format!("{name}.Result"), format!("{name}.Wait("), format!("{name}.GetAwaiter(")];
    if consumed.iter().any(|pattern| {
        after
            .match_indices(pattern.as_str())
            .any(|(i, _)| !after[i + pattern.len()..].starts_with(|ch: char| ch.is_alphanumeric() || ch == '_'))
    }) {
        return true;
    }
    // Handed to `Task.WhenAll(a, b)` that is awaited.
    facts.calls.iter().any(|x| {
        x.range.start() >= c.range.end()
            && x.range.end() <= end
            && COMBINATORS.contains(&x.name.as_str())
            && matches!(x.value_use, ValueUse::Awaited | ValueUse::Returned)
            && mentions_word(&text[x.range.range()], &name)
    })
}

/// `var t = ` / `t = ` right before a value: the local's name.
fn assigned_local(before: &str) -> Option<String> {
    let head = before.trim_end().strip_suffix('=')?.trim_end();
    if head.ends_with(['=', '!', '<', '>', '+', '-', '*', '/', '?', '|', '&']) {
        return None;
    }
    let name: String = head.chars().rev().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
    let name: String = name.chars().rev().collect();
    (!name.is_empty()).then_some(name)
}

/// Whether `call` is `Task.Run(…)` or `Task.Factory.StartNew(…)`: a scheduler, whose token only cancels the start.
pub fn is_scheduler(c: &CallSite) -> bool {
    let on_task = |r: &TypeExpr| match r {
        TypeExpr::Name(n) => n == "Task",
        TypeExpr::Member { receiver, name } => {
            name == "Factory" && matches!(&**receiver, TypeExpr::Name(n) if n == "Task")
        }
        _ => false,
    };
    matches!(c.name.as_str(), "Run" | "StartNew") && on_task(&c.receiver)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_a_task_is_kept_in() {
        assert_eq!(assigned_local("        var task = ").as_deref(), Some("task"));
        assert_eq!(assigned_local("Task<int> t =").as_deref(), Some("t"));
        assert_eq!(assigned_local("if (a == "), None);
        assert_eq!(assigned_local("x += "), None);
        assert_eq!(assigned_local("M("), None);
    }
}
