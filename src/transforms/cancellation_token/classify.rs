//! What a call does with a token: already passes one, accepts one (and how it
//! is added), might accept one, or is a solution method that could be given one.

use super::apis::{self, Api};
use crate::index::facts::{CallSite, FunctionKind, TypeExpr};
use crate::index::{CallId, CallTarget, FnId};
use crate::model::Reason;
use crate::plan::{captures_outer_token, is_token_type, ArgInsert, Planner};
use crate::syntax::simple_type_name;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callee {
    /// Passes a token already: the argument, and what the callee is (`HttpClient.GetAsync`, `LoadAsync`).
    Passes {
        arg: String,
        callee: String,
    },
    /// Takes a token it is not given: where it goes, and what the callee is.
    Accepts {
        insert: ArgInsert,
        callee: String,
    },
    /// Takes a token only on other frameworks, or only in a form the call cannot use.
    Unavailable {
        why: Reason,
        callee: String,
    },
    /// May take a token, but the receiver's type is unknown.
    Possible(Reason),
    /// Solution methods with no token parameter: they could be given one.
    Solution(Vec<FnId>),
    /// Solution methods with no token parameter that the call may reach; its receiver's type is unknown.
    Unresolved(Vec<FnId>),
    Nothing,
}

pub fn classify(p: &Planner, call: CallId) -> Callee {
    let c = p.index.call(call);
    // A `Task.Run` task-run-async unwraps in this run is gone from the output; the call it ran is classified on its own.
    if p.restructured(call.file, c.range.start) == Some(&crate::plan::Restructured::TaskRunUnwrapped) {
        return Callee::Nothing;
    }
    let receiver = receiver_type(p, call);
    // Looking a method name up parses every file that mentions it, so names are looked up only
    // where a solution method can be meant: calls on our own types (or without a receiver), and
    // `…Async` calls elsewhere (our extension methods, or our methods behind an unknown receiver).
    let own_type = matches!(c.receiver, TypeExpr::This | TypeExpr::Base)
        || receiver.as_deref().is_some_and(|t| p.index.is_solution_type(simple_type_name(t)));
    let target = if own_type || c.name.ends_with("Async") { p.index.resolve_call(call) } else { CallTarget::External };
    if let CallTarget::Solution(targets) = &target {
        return solution(p, call, targets);
    }
    if let (CallTarget::Unknown(cands), Some(r)) = (&target, &receiver) {
        // Our own extension methods on a receiver whose type is known are ours to handle.
        let types = apis::type_candidates(p, r);
        let fitting: Vec<FnId> = cands.iter().copied().filter(|f| extends(p, *f, &types)).collect();
        if !fitting.is_empty() && cands.iter().all(|f| is_extension(p, *f)) {
            return solution(p, call, &fitting);
        }
    }
    if let Some(t) = receiver {
        return library(p, call, &t);
    }
    let maybe_ours = match &target {
        CallTarget::Unknown(cands) => {
            cands.iter().any(|f| p.token_param(*f).is_some_and(|t| !t.added) || token_overload(p, *f).is_some())
        }
        _ => false,
    };
    if maybe_ours || apis::table().knows_method(&c.name, c.arity) {
        if let Some(arg) = p.token_argument(call) {
            return Callee::Passes { arg, callee: c.name.into() };
        }
        return Callee::Possible(Reason::ReceiverUnknownToken);
    }
    match target {
        CallTarget::Unknown(cands) if p.token_argument(call).is_none() => Callee::Unresolved(cands),
        _ => Callee::Nothing,
    }
}

fn is_extension(p: &Planner, f: FnId) -> bool {
    p.index.function(f).params.first().is_some_and(|p| p.modifiers.iter().any(|m| m == "this"))
}

/// Whether extension method `f` extends one of `types` (or any type, through a type parameter or `object`).
fn extends(p: &Planner, f: FnId, types: &[String]) -> bool {
    let func = p.index.function(f);
    let Some(this) = func.params.first() else { return false };
    let extended = simple_type_name(&this.type_text);
    types.iter().any(|t| t == extended) || func.type_param_count > 0 || matches!(extended, "object" | "Object")
}

/// The receiver's type for library lookups (`this` for calls without a receiver).
fn receiver_type(p: &Planner, call: CallId) -> Option<String> {
    let c = p.index.call(call);
    let scope = apis::Scope { file: call.file, containing_type: c.containing_type, function: c.context.function };
    apis::type_of(p, scope, &c.receiver)
}

fn solution(p: &Planner, call: CallId, targets: &[FnId]) -> Callee {
    let c = p.index.call(call);
    // A (non-static) local function captures the token of the code around it.
    if targets.iter().all(|t| {
        let f = p.index.function(*t);
        f.kind == FunctionKind::LocalFunction && captures_outer_token(f) && p.token_param(*t).is_none()
    }) {
        return Callee::Nothing;
    }
    let mut inserts: Vec<(ArgInsert, String)> = Vec::new();
    let mut passed: Option<String> = None;
    let mut without: Vec<FnId> = Vec::new();
    for t in targets {
        let declared = p.token_param(*t).filter(|tp| !tp.added).map(|tp| (*t, tp.index));
        match declared.or_else(|| token_overload(p, *t)) {
            Some((with, index)) => match p.token_insert_for(call, with, index, false) {
                Some(insert) => inserts.push((insert, p.index.function(with).name.into())),
                None => passed = passed.or_else(|| p.token_argument_for(call, with, index)),
            },
            None => without.push(*t),
        }
    }
    if let Some(arg) = passed.or_else(|| p.token_argument(call).filter(|_| !inserts.is_empty())) {
        return Callee::Passes { arg, callee: c.name.into() };
    }
    if !without.is_empty() {
        return if inserts.is_empty() { Callee::Solution(without) } else { ambiguous(c) };
    }
    match inserts.first() {
        Some((insert, callee)) if inserts.iter().all(|(i, _)| i == insert) => {
            Callee::Accepts { insert: insert.clone(), callee: callee.clone() }
        }
        Some(_) => ambiguous(c),
        None => Callee::Nothing,
    }
}

fn ambiguous(c: &CallSite) -> Callee {
    Callee::Possible(Reason::OverloadsDiffer { callee: c.name.to_string() })
}

/// `M(a)` next to `M(a, CancellationToken ct)` in the same type: the overload and its token's index.
fn token_overload(p: &Planner, f: FnId) -> Option<(FnId, usize)> {
    let func = p.index.function(f);
    let mine: Vec<&str> = func.params.iter().map(|x| x.type_text.as_str()).collect();
    p.index.functions_beside(f).into_iter().find_map(|other| {
        let o = p.index.function(other);
        if other == f || o.kind != FunctionKind::Method || o.params.len() != func.params.len() + 1 {
            return None;
        }
        let index = o.params.iter().position(|x| is_token_type(&x.type_text))?;
        let rest: Vec<&str> =
            o.params.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, x)| x.type_text.as_str()).collect();
        (rest == mine).then_some((other, index))
    })
}

fn library(p: &Planner, call: CallId, receiver: &str) -> Callee {
    let c = p.index.call(call);
    let table = apis::table();
    let types = apis::type_candidates(p, receiver);
    let (name, types) = retargeted(p, call, c).unwrap_or((c.name.as_str(), types));
    let Some(api) = table.find(&types, name, c.arity) else {
        // `Task.Delay(n, ct)`, `Task.Delay(n, default)`: the form with a token, already used.
        let with_token = c.arity.checked_sub(1).and_then(|a| table.find(&types, name, a));
        let text = &p.index.file(call.file).source.text;
        let default_arg = c.arguments.last().map(|a| text[a.range.clone()].trim()).filter(|t| {
            let value = t.split_once(':').map_or(*t, |(_, v)| v.trim());
            value == "default" || value.starts_with("default(")
        });
        return match (with_token, p.token_argument(call).or(default_arg.map(String::from))) {
            (Some(api), Some(arg)) => Callee::Passes { arg, callee: format!("{}.{}", api.type_name, api.method) },
            _ => Callee::Nothing,
        };
    };
    let callee = format!("{}.{}", api.type_name, api.method);
    if let Some(arg) = p.token_argument(call) {
        return Callee::Passes { arg, callee };
    }
    let text = &p.index.file(call.file).source.text;
    if let Some(named) = api.param.as_ref().and_then(|n| c.arguments.iter().find(|a| a.name.as_deref() == Some(n))) {
        return Callee::Passes { arg: text[named.range.clone()].to_string(), callee };
    }
    if let Err(why) = api.available(&p.index.file(call.file).settings) {
        return Callee::Unavailable { why, callee };
    }
    if api.awaited_only && !c.awaited {
        return Callee::Unavailable { why: Reason::ValueTaskWithToken, callee };
    }
    Callee::Accepts { insert: insert_for(api, c), callee }
}

/// `Thread.Sleep(n)` that sync-over-async turns into `Task.Delay(n)` is looked up as `Task.Delay`.
fn retargeted<'a>(p: &Planner, call: CallId, c: &'a CallSite) -> Option<(&'a str, Vec<String>)> {
    let is_sleep = c.name == "Sleep" && matches!(&c.receiver, TypeExpr::Name(n) if n == "Thread");
    let becomes_delay =
        is_sleep && p.restructured(call.file, c.range.start) == Some(&crate::plan::Restructured::SleepBecomesDelay);
    becomes_delay.then(|| ("Delay", vec!["Task".to_string()]))
}

fn insert_for(api: &Api, c: &CallSite) -> ArgInsert {
    match (&api.param, api.position) {
        (Some(param), _) => ArgInsert::Named(param.clone()),
        (None, Some(position)) if position < c.arguments.len() => ArgInsert::Before(position),
        (None, _) if c.arguments.iter().any(|a| a.name.is_some()) => ArgInsert::Named("cancellationToken".into()),
        _ => ArgInsert::Append,
    }
}
