//! Planning: whether the delegate an async lambda is passed as returns void (proof from the index), and the
//! `foreach` loop that replaces a `ForEach`.

use std::ops::Range;

use super::{AsyncLambda, Event, ForEach, Loop, LoopBody, Place, ID};
use crate::edit::Edit;
use crate::index::facts::TypeExpr;
use crate::index::{CallId, CallTarget, FileId, FnId};
use crate::model::{Finding, Reason, Resolution};
use crate::plan::Planner;
use crate::syntax::simple_type_name;
use crate::workspace::{ProjectKind, SyncContext};

/// Collections whose `ForEach(Action<T>)` calls the action once per item, in order, and returns when the last
/// call returns: a `foreach` over them does the same.
const ORDERED_FOR_EACH: &[&str] = &["List", "ImmutableList"];

/// Library events whose delegate returns void, by the simple name of the type that declares them: a subscription
/// to one of these runs an async lambda as async void.
const VOID_LIBRARY_EVENTS: &[(&str, &[&str])] = &[
    ("Timer", &["Elapsed", "Disposed"]),
    ("FileSystemWatcher", &["Changed", "Created", "Deleted", "Renamed", "Error"]),
    ("Process", &["Exited", "OutputDataReceived", "ErrorDataReceived"]),
    ("AppDomain", &["UnhandledException", "ProcessExit", "FirstChanceException"]),
    ("Console", &["CancelKeyPress"]),
    ("TaskScheduler", &["UnobservedTaskException"]),
    ("SerialPort", &["DataReceived", "ErrorReceived"]),
    ("NetworkChange", &["NetworkAvailabilityChanged", "NetworkAddressChanged"]),
];

pub fn plan(sites: &[(FileId, &AsyncLambda)], p: &mut Planner) {
    for (file, site) in sites {
        let planned = match &site.place {
            Place::ForEach(each) => plan_for_each(p, *file, site, each),
            Place::Parallel { api } => Some((
                Finding::AsyncLambdaAsVoid { target: api.clone() },
                Reason::ParallelAsyncLambda { api: api.clone() },
            ))
            .map(|(finding, why)| (finding, Resolution::Reported(why))),
            Place::Event(event) => {
                if !void_event(p, *file, event, &site.void_delegates) {
                    continue;
                }
                let resolution = if in_ui_code(p, *file) {
                    Resolution::LeftAlone(Reason::UiEventHandlerLambda)
                } else {
                    Resolution::Reported(Reason::VoidEventAsyncLambda)
                };
                Some((Finding::AsyncLambdaSubscribed { event: event.written.clone() }, resolution))
            }
            Place::Variable { delegate } => {
                if !returns_void(delegate, &site.void_delegates) {
                    continue;
                }
                // A handler kept in a variable of an event handler type, in UI code, is a UI event handler.
                let handler = simple_type_name(delegate).ends_with("EventHandler");
                let resolution = if handler && in_ui_code(p, *file) {
                    Resolution::LeftAlone(Reason::UiEventHandlerLambda)
                } else {
                    Resolution::Reported(Reason::VoidDelegateVariable { delegate: delegate.clone() })
                };
                Some((Finding::AsyncLambdaStoredAsVoid { delegate: delegate.clone() }, resolution))
            }
            Place::Framework { api, delegate, type_name } => {
                // A solution type of that name would be the one the code constructs or calls.
                if !p.index.types_named(type_name).is_empty() {
                    continue;
                }
                let why = if *api == "new Task(…)" {
                    Reason::TaskOfAsyncAction
                } else {
                    Reason::VoidFrameworkCallback { api: api.to_string(), delegate: delegate.to_string() }
                };
                Some((Finding::AsyncLambdaAsVoid { target: api.to_string() }, Resolution::Reported(why)))
            }
            Place::Argument { call, position, name } => {
                let call_id = CallId { file: *file, index: *call };
                if let Some(api) = context_callback(p, call_id, *position) {
                    let why = Reason::VoidFrameworkCallback { api: api.clone(), delegate: "SendOrPostCallback".into() };
                    Some((Finding::AsyncLambdaAsVoid { target: api }, Resolution::Reported(why)))
                } else {
                    void_parameter(p, call_id, *position, name.as_deref(), &site.void_delegates).map(
                        |(callee, param)| {
                            let why = Reason::VoidDelegateParameter { callee: callee.clone(), param };
                            (Finding::AsyncLambdaAsVoid { target: callee }, Resolution::Reported(why))
                        },
                    )
                }
            }
        };
        let Some((finding, resolution)) = planned else { continue };
        // The code's own word comes first: a suppressed VSTHRD101 says the async void lambda is meant.
        let resolution = match (&site.intent, resolution) {
            (Some(why), Resolution::Reported(_) | Resolution::Fixed(_)) => Resolution::LeftAlone(why.clone()),
            (_, resolution) => resolution,
        };
        p.site(*file, site.anchor.clone(), ID, finding, resolution);
    }
}

/// The finding and resolution of a `ForEach` site; `None` when the `ForEach` takes a delegate that returns a task.
fn plan_for_each(p: &mut Planner, file: FileId, site: &AsyncLambda, each: &ForEach) -> Option<(Finding, Resolution)> {
    let finding = Finding::AsyncLambdaInForEach;
    let call_id = CallId { file, index: each.call };
    let ordered = each.array || ordered_collection(p, file, call_id, &each.receiver_type);
    if !ordered {
        // A solution `ForEach` that takes a `Func<T, Task>` awaits; one that takes an `Action<T>` does not.
        if let CallTarget::Solution(targets) | CallTarget::Unknown(targets) = p.index.resolve_call(call_id) {
            let delegates: Vec<String> =
                targets.iter().filter_map(|t| parameter_type(p, *t, call_id, 0, None)).collect();
            if !delegates.is_empty() && delegates.iter().all(|d| !returns_void(d, &site.void_delegates)) {
                return None;
            }
        }
        return Some((finding, Resolution::Reported(Reason::ForEachAsyncLambda)));
    }
    if site.intent.is_some() {
        return Some((finding, Resolution::Reported(Reason::ForEachAsyncLambda)));
    }
    let call = p.index.call(call_id);
    let resolution = match &each.rewrite {
        _ if site.in_error_region || call.in_error_region => Resolution::Reported(Reason::CodeDoesNotParse),
        Err(why) => Resolution::Reported(why.clone()),
        Ok(_) if p.read_only(file).is_some() => {
            Resolution::Reported(Reason::NotTouchedFile { why: p.read_only(file).unwrap_or_default().to_string() })
        }
        Ok(_) if call.context.blocker.is_some() => {
            Resolution::Reported(Reason::CannotAwaitIn { context: call.context.blocker.expect("checked") })
        }
        Ok(_) if !p.options.unsafe_fixes => Resolution::Reported(Reason::UnsafeFixNotAsked {
            what: "the items now run one after another, and the method waits for them and sees their exceptions".into(),
        }),
        Ok(lp) => match enclosing_async(p, file, each) {
            Err(why) => Resolution::Reported(Reason::EnclosingCannotBecomeAsync { why: Box::new(why) }),
            Ok(()) => {
                let src = p.index.file(file).source.text();
                for e in loop_edits(src, each, lp) {
                    p.edit(file, e);
                }
                p.note_unsafe_fix(file, site.anchor.start);
                Resolution::Fixed("a foreach loop awaits each item in order".into())
            }
        },
    };
    Some((finding, resolution))
}

/// Whether the `ForEach` receiver is a collection whose `ForEach` a `foreach` can replace: declared as one, or a
/// `.ToList()` (an instance method wins over every extension of that name).
fn ordered_collection(p: &Planner, file: FileId, call_id: CallId, receiver: &TypeExpr) -> bool {
    if let TypeExpr::Call { name, arity: 0, .. } = receiver {
        if name == "ToList" {
            return true;
        }
    }
    let call = p.index.call(call_id);
    p.index
        .resolve_type(file, call.containing_type, receiver)
        .is_some_and(|t| ORDERED_FOR_EACH.contains(&simple_type_name(&t)) && !t.trim_end().ends_with("[]"))
}

/// Makes the function around the `ForEach` async if it is not (all or nothing: no caller may be left blocking
/// on it, and none may drop the task it now returns).
fn enclosing_async(p: &mut Planner, file: FileId, each: &ForEach) -> Result<(), Reason> {
    if each.top_level {
        return Ok(());
    }
    let f = FnId { file, index: each.function.ok_or(Reason::OutsideMethod)? };
    if p.is_async_now(f) {
        return Ok(());
    }
    p.make_async_without_boundaries(f, ID)
}

/// The edits that turn the `ForEach(...)` statement into the loop. Everything kept stays in place (the
/// collection, the body), so edits other transforms make inside them still apply.
fn loop_edits(src: &str, each: &ForEach, lp: &Loop) -> Vec<Edit> {
    let mut out = Vec::new();
    let header_open = format!("foreach ({} in ", lp.variable);
    let statement = &lp.statement;
    let collection = &each.collection;
    out.push(Edit::replace(statement.start..collection.start, header_open, ID));
    let le = lp.line_ending;
    let indent = &lp.indent;
    match &lp.body {
        LoopBody::Block { block, gap, brace_indent } => {
            let gap_start = block.start - gap.len();
            // `{` on its own line keeps its line, moved to the statement's indentation; after `=>` it stays there.
            let close = if brace_indent.is_some() { ")".to_string() } else { ") ".to_string() };
            let (close, gap_range) = match brace_indent {
                Some(b) if b != indent => (close, Some(gap_start..block.start)),
                Some(_) => (close, None),
                None => (close, Some(gap_start..block.start)),
            };
            out.push(Edit::replace(collection.end..gap_start, close, ID));
            if let Some(r) = gap_range {
                let text = if brace_indent.is_some() { format!("{le}{indent}") } else { String::new() };
                out.push(Edit::replace(r, text, ID));
            }
            // The block's lines move by what its closing brace is off the statement's indentation.
            let closing_line = line_start(src, block.end - 1);
            if closing_line < block.end - 1 && src[closing_line..block.end - 1].trim().is_empty() {
                let from = &src[closing_line..block.end - 1];
                for (r, t) in shift(src, &(block.start..block.end), from, indent, &lp.protected) {
                    out.push(Edit::replace(r, t, ID));
                }
            }
            out.push(Edit::replace(block.end..statement.end, "", ID));
        }
        LoopBody::Expression(expression) => {
            let unit = &lp.unit;
            let open = if lp.allman {
                format!("){le}{indent}{{{le}{indent}{unit}")
            } else {
                format!(") {{{le}{indent}{unit}")
            };
            out.push(Edit::replace(collection.end..expression.start, open, ID));
            let expression_indent = crate::syntax::line_indent(src, statement.start).to_string();
            for (r, t) in
                shift(src, expression, &expression_indent, &format!("{expression_indent}{unit}"), &lp.protected)
            {
                out.push(Edit::replace(r, t, ID));
            }
            out.push(Edit::replace(expression.end..statement.end, format!(";{le}{indent}}}"), ID));
        }
    }
    for r in &lp.returns {
        out.push(Edit::replace(r.start..r.start + "return".len(), "continue", ID));
    }
    out
}

fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Edits that move the lines starting inside `range` from indentation `from` to `to`; lines inside a multi-line
/// string literal, blank lines and lines indented less than `from` stay as they are.
fn shift(
    src: &str,
    range: &Range<usize>,
    from: &str,
    to: &str,
    protected: &[Range<usize>],
) -> Vec<(Range<usize>, String)> {
    if from == to {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, _) in src[range.clone()].match_indices('\n') {
        let ls = range.start + i + 1;
        if ls >= range.end || protected.iter().any(|r| r.start < ls && ls < r.end) {
            continue;
        }
        let line = src[ls..].split('\n').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with(from) {
            out.push((ls..ls + from.len(), to.to_string()));
        } else if let Some(extra) = to.strip_prefix(from) {
            out.push((ls..ls, extra.to_string()));
        }
    }
    out
}

/// `context.Send(async …)`, `context.Post(async …)` on a `SynchronizationContext` (or a derived one of the framework):
/// the callback is a `SendOrPostCallback`, which returns void. `Send` then returns at the lambda's first await.
fn context_callback(p: &Planner, call_id: CallId, position: usize) -> Option<String> {
    let call = p.index.call(call_id);
    if position != 0 || !matches!(call.name.as_str(), "Send" | "Post") {
        return None;
    }
    if !matches!(p.index.resolve_call(call_id), CallTarget::External | CallTarget::NoCandidate) {
        return None;
    }
    let receiver = p.index.resolve_type(call_id.file, call.containing_type, &call.receiver)?;
    let receiver = simple_type_name(&receiver);
    let framework = receiver.ends_with("SynchronizationContext") && p.index.types_named(receiver).is_empty();
    framework.then(|| format!("SynchronizationContext.{}", call.name))
}

/// Whether the code at `file` is UI code: a UI project, or a library a UI project references. A web, worker or
/// console project a UI app references (a server it hosts) keeps its own kind: its events are not UI events.
fn in_ui_code(p: &Planner, file: FileId) -> bool {
    let settings = &p.index.file(file).settings;
    settings.kind == ProjectKind::Ui
        || (settings.kind == ProjectKind::Library && settings.sync_context == SyncContext::SingleThreaded)
}

/// Whether a `+=` subscribes to an event whose delegate returns void: a solution event declared with such a type,
/// or a library event known to have one.
fn void_event(p: &Planner, file: FileId, event: &Event, void_delegates: &[String]) -> bool {
    let Event { target, receiver, name, containing_type: containing, .. } = event;
    let containing = *containing;
    if let Some(t) = p.index.resolve_type(file, containing, target) {
        return returns_void(&t, void_delegates);
    }
    let Some(owner) = p.index.resolve_type(file, containing, receiver) else { return false };
    let owner = simple_type_name(&owner);
    VOID_LIBRARY_EVENTS.iter().any(|(t, events)| *t == owner && events.contains(&name.as_str()))
}

/// Whether a delegate type, by name, returns void: `Action`, `Action<…>`, `EventHandler`, `EventHandler<…>`,
/// another `…EventHandler` of the .NET event pattern (not an `Async…` one), a few library callbacks, or a delegate
/// the file declares so.
fn returns_void(type_text: &str, void_delegates: &[String]) -> bool {
    let simple = simple_type_name(type_text);
    void_delegates.iter().any(|d| d == simple)
        || matches!(
            simple,
            "Action"
                | "ThreadStart"
                | "ParameterizedThreadStart"
                | "WaitCallback"
                | "TimerCallback"
                | "SendOrPostCallback"
        )
        || (simple.ends_with("EventHandler") && !simple.contains("Async"))
}

/// The declared type of the parameter of `target` that the argument at `position` (or named `name`) binds to.
fn parameter_type(p: &Planner, target: FnId, call_id: CallId, position: usize, name: Option<&str>) -> Option<String> {
    let func = p.index.function(target);
    let call = p.index.call(call_id);
    let extension = func.params.first().is_some_and(|first| first.modifiers.iter().any(|m| m == "this"))
        && func.params.len() > call.arity as usize
        && !matches!(*call.receiver, TypeExpr::This);
    let param = match name {
        Some(n) => func.params.iter().find(|prm| prm.name == n)?,
        None => {
            let index = position + usize::from(extension);
            match func.params.get(index) {
                Some(prm) => prm,
                // Past the end: a `params` array takes it.
                None => func.params.last().filter(|prm| prm.is_params_array())?,
            }
        }
    };
    let t = param.type_text.trim();
    Some(match (param.is_params_array(), t.strip_suffix("[]")) {
        (true, Some(element)) => element.to_string(),
        _ => t.to_string(),
    })
}

/// For an async lambda passed to a solution method: the method and the parameter's type, when every method the call
/// may reach takes it as a delegate that returns void.
fn void_parameter(
    p: &Planner,
    call_id: CallId,
    position: usize,
    name: Option<&str>,
    void_delegates: &[String],
) -> Option<(String, String)> {
    let targets = match p.index.resolve_call(call_id) {
        CallTarget::Solution(t) if !t.is_empty() => t,
        _ => return None,
    };
    let types: Vec<String> =
        targets.iter().map(|t| parameter_type(p, *t, call_id, position, name)).collect::<Option<_>>()?;
    if !types.iter().all(|t| returns_void(t, void_delegates)) {
        return None;
    }
    let callee = p.index.function(targets[0]).name.to_string();
    Some((callee, types[0].clone()))
}
