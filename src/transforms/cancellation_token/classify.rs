//! What a call does with a token: already passes one, accepts one (and how it
//! is added), might accept one, or is a solution method that could be given one.
//! The overload guard lives here: a token goes only into an overload the call reaches by its argument types, that
//! returns what the call returns now, that is not the method around the call (or one it implements or overrides),
//! that is not marked obsolete, experimental or hidden, and where the token would not go ahead of `params`
//! arguments.

use super::apis::{self, Api};
use super::fit::{self, Fit};
use crate::index::facts::{Body, CallSite, FunctionKind, TypeExpr};
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
    /// Takes a token it is not given: where it goes, and what the callee is. `sink`: the callee does something
    /// with it (a library API, or a solution method whose code uses its token), so a token is worth threading to it.
    /// `task_like`: the callee returns a task (the rule on tasks that outlive their caller applies). `method`: the
    /// solution method that takes the token (none for a library API).
    Accepts {
        insert: ArgInsert,
        callee: String,
        sink: bool,
        task_like: bool,
        method: Option<FnId>,
    },
    /// An overload takes a token, but must not be given one from this call (the overload guard).
    Refused {
        why: Reason,
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
    /// Solution methods with no token parameter that the call reaches by name and arity, but whose parameter types
    /// the call's argument types are not proven to fit.
    Unproven(crate::index::Targets),
    /// Solution methods with no token parameter that the call may reach; its receiver's type is unknown.
    Unresolved(crate::index::Targets),
    Nothing,
}

pub fn classify(p: &Planner, call: CallId) -> Callee {
    let c = p.index.call(call);
    // A `Task.Run` task-run-async unwraps in this run is gone from the output; the call it ran is classified on its own.
    if p.restructured(call.file, c.range.start()) == Some(&crate::plan::Restructured::TaskRunUnwrapped) {
        return Callee::Nothing;
    }
    let receiver = receiver_type(p, call);
    // Looking a method name up parses every file that mentions it, so names are looked up only
    // where a solution method can be meant: calls on our own types (or without a receiver), and
    // `…Async` calls elsewhere (our extension methods, or our methods behind an unknown receiver).
    let own_type = matches!(*c.receiver, TypeExpr::This | TypeExpr::Base)
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
    if maybe_ours || apis::table().knows_method(&c.name, c.arity as usize) {
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
    /// The question, as the key of its kept answers (it depends on the index alone).
    #[derive(PartialEq, Eq, Hash)]
    struct ReceiverType(CallId);
    p.derived.get_or_compute(ReceiverType(call), || {
        let c = p.index.call(call);
        let scope = apis::Scope { file: call.file, containing_type: c.containing_type, function: c.context.function };
        apis::type_of(p, scope, &c.receiver)
    })
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
    // Which of them the call reaches by its argument types: none, and it calls something else (a library overload).
    let mut fitting: Vec<FnId> = Vec::new();
    let mut unproven = false;
    for t in targets {
        match fit::call_reaches(p, call, *t) {
            Fit::No => {}
            Fit::Yes => fitting.push(*t),
            Fit::Unknown => {
                unproven = true;
                fitting.push(*t);
            }
        }
    }
    if fitting.is_empty() {
        return Callee::Nothing;
    }
    // Asked only of a target with a token overload: most calls reach none.
    let mut enclosing: Option<Vec<FnId>> = None;
    let mut inserts: Vec<(ArgInsert, String, bool, bool, FnId)> = Vec::new();
    let mut passed: Option<String> = None;
    let mut without: Vec<FnId> = Vec::new();
    let mut refused: Option<Reason> = None;
    for t in &fitting {
        let declared = p.token_param(*t).filter(|tp| !tp.added).map(|tp| (*t, tp.index));
        let Some((with, index)) = declared.or_else(|| token_overload(p, *t)) else {
            without.push(*t);
            continue;
        };
        let enclosing = enclosing.get_or_insert_with(|| enclosing_members(p, call));
        if let Some(why) = overload_guard(p, *t, with, declared.is_some() && fitting.len() == 1, enclosing) {
            refused = refused.or(Some(why));
            continue;
        }
        if is_logger(p, with) {
            let callee = p.index.function(with).name.to_string();
            refused = refused.or(Some(Reason::TokenToLogger { callee }));
            continue;
        }
        match p.token_insert_for(call, with, index, false) {
            Some(ArgInsert::Before(_)) => refused = refused.or(Some(Reason::TokenBeforeParamsArguments)),
            Some(insert) => {
                let task_like = crate::index::library::is_task_like(&p.index.function(with).return_type);
                inserts.push((insert, p.index.function(with).name.into(), is_sink(p, with), task_like, with))
            }
            None => match p.token_argument_for(call, with, index) {
                // The slot holds `params` arguments: a token would have to go ahead of them.
                Some(arg) if params_after(p, with, index) && p.token_argument(call).is_none() && !is_default(&arg) => {
                    refused = refused.or(Some(Reason::TokenBeforeParamsArguments))
                }
                // Otherwise what fills the token's slot is a token (the code compiles).
                Some(arg) => passed = passed.or(Some(arg)),
                None => refused = refused.or(Some(Reason::TokenBeforeParamsArguments)),
            },
        }
    }
    let acceptable = !inserts.is_empty() || refused.is_some();
    if let Some(arg) = passed.or_else(|| p.token_argument(call).filter(|_| acceptable)) {
        return Callee::Passes { arg, callee: c.name.into() };
    }
    if let Some(why) = refused {
        return Callee::Refused { why, callee: c.name.into() };
    }
    if !without.is_empty() {
        return match (inserts.is_empty(), unproven) {
            (true, false) => Callee::Solution(without),
            (true, true) => Callee::Unproven(without.into()),
            (false, _) => ambiguous(c),
        };
    }
    match inserts.first() {
        Some((insert, callee, _, _, method)) if inserts.iter().all(|(i, _, _, _, _)| i == insert) => {
            if unproven {
                return Callee::Possible(Reason::TokenArgumentsUnproven { callee: callee.clone() });
            }
            let sink = inserts.iter().any(|(_, _, s, _, _)| *s);
            let task_like = inserts.iter().any(|(_, _, _, t, _)| *t);
            Callee::Accepts { insert: insert.clone(), callee: callee.clone(), sink, task_like, method: Some(*method) }
        }
        Some(_) => ambiguous(c),
        None => Callee::Nothing,
    }
}

/// The method (or local function) around `call`, with the members it implements or overrides: a token overload
/// among them would turn the call into a call to itself.
fn enclosing_members(p: &Planner, call: CallId) -> Vec<FnId> {
    let c = p.index.call(call);
    let facts = &p.index.file(call.file).facts;
    let mut at = c.context.function;
    while let Some(i) = at {
        let func = &facts.functions[i as usize];
        if func.is_method_like() {
            let f = FnId { file: call.file, index: i };
            return if func.kind == FunctionKind::Method { p.index.group_of(f).members } else { vec![f] };
        }
        at = func.parent;
    }
    Vec::new()
}

/// Why the call that reaches `target` must not be given a token by way of `with` (the overload that takes one, or
/// `target` itself when it declares one). `sole_declared`: `with` is `target`, the only method the call reaches.
fn overload_guard(p: &Planner, target: FnId, with: FnId, sole_declared: bool, enclosing: &[FnId]) -> Option<Reason> {
    let w = p.index.function(with);
    if enclosing.contains(&with) && !sole_declared {
        let owner =
            p.index.containing_type(with).map(|t| format!("{}.", p.index.type_decl(t).name)).unwrap_or_default();
        return Some(Reason::TokenOverloadIsEnclosing { name: format!("{owner}{}", w.name) });
    }
    if with != target {
        let normalized = |t: &str| t.split_whitespace().collect::<String>();
        let t = p.index.function(target);
        if normalized(&w.return_type) != normalized(&t.return_type) {
            return Some(Reason::TokenOverloadReturnsOther {
                callee: w.name.to_string(),
                with: w.return_type.to_string(),
                without: t.return_type.to_string(),
            });
        }
    }
    marked(p, with).map(|attribute| Reason::TokenOverloadMarked { callee: w.name.to_string(), attribute })
}

/// `[Obsolete]`, `[Experimental]` or `[EditorBrowsable(EditorBrowsableState.Never)]` on `f`: an overload no one
/// should be steered to.
fn marked(p: &Planner, f: FnId) -> Option<String> {
    let func = p.index.function(f);
    if let Some(a) = func.attributes.iter().find(|a| matches!(a.as_str(), "Obsolete" | "Experimental")) {
        return Some(a.to_string());
    }
    let hidden = func.attributes.iter().any(|a| a == "EditorBrowsable")
        && p.index.file(f.file).source.text().get(func.head_range()).is_some_and(|t| t.contains("Never"));
    hidden.then(|| "EditorBrowsable(Never)".to_string())
}

/// A logging method (`Log…`, or a member of a `…Logger`): cancelling a log or audit write saves nothing and loses
/// the record of what happened, so it gets no token.
pub(super) fn is_logger(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    let type_name = p.index.containing_type(f).map(|t| p.index.type_decl(t).name);
    let word_start = |name: &str, word: &str| {
        name.strip_prefix(word).is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase()))
    };
    word_start(&func.name, "Log") || type_name.is_some_and(|t| t.ends_with("Logger"))
}

/// Whether a solution method that takes a token does something with it: some member of its group uses the token
/// in its code, or none has code here (an interface implemented elsewhere, a generated client).
fn is_sink(p: &Planner, f: FnId) -> bool {
    uses_token(p, f)
}

/// Whether a solution method that takes a token uses it: in the code of some member of its group, or no member has
/// code here.
pub(super) fn uses_token(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    let group = if func.kind == FunctionKind::Method { p.index.group_of(f).members } else { vec![f] };
    let mut has_code = false;
    for m in group {
        let mf = p.index.function(m);
        let body = match &mf.body {
            Body::Block(r) | Body::Arrow(r) => *r,
            Body::None => continue,
        };
        has_code = true;
        let Some(token) = p.token_param(m).filter(|t| !t.added) else { continue };
        let text = p.index.file(m.file).source.text().get(body.range()).unwrap_or("");
        if mentions_word(text, &token.name) {
            return true;
        }
    }
    !has_code
}

/// Whether `f` has a `params` array after its parameter `index`.
fn params_after(p: &Planner, f: FnId, index: usize) -> bool {
    p.index.function(f).params.iter().skip(index + 1).any(|q| q.is_params_array())
}

/// `default`, `default(T)`, or a named argument with that value.
fn is_default(arg: &str) -> bool {
    let value = arg.split_once(':').map_or(arg, |(_, v)| v).trim();
    value == "default" || value.starts_with("default(")
}

/// Whether `word` occurs in `text` as a whole identifier.
pub fn mentions_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    text.match_indices(word).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + word.len()).copied();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
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
    let Some(api) = table.find(&types, name, c.arity as usize) else {
        // `Task.Delay(n, ct)`, `Task.Delay(n, default)`: the form with a token, already used.
        let with_token = c.arity.checked_sub(1).and_then(|a| table.find(&types, name, a as usize));
        let token = p.token_argument(call);
        let Some(api) = with_token else { return Callee::Nothing };
        // The text only when it is needed: the file's text may have been put aside.
        let default_arg = || {
            let a = c.arguments.last()?;
            let t = p.index.file(call.file).source.text()[a.range.range()].trim();
            let value = t.split_once(':').map_or(t, |(_, v)| v.trim());
            (value == "default" || value.starts_with("default(")).then(|| t.to_string())
        };
        return match token.or_else(default_arg) {
            Some(arg) => Callee::Passes { arg, callee: format!("{}.{}", api.type_name, api.method) },
            None => Callee::Nothing,
        };
    };
    let callee = format!("{}.{}", api.type_name, api.method);
    if let Some(arg) = p.token_argument(call) {
        return Callee::Passes { arg, callee };
    }
    if let Some(named) = api.param.as_ref().and_then(|n| c.arguments.iter().find(|a| a.name.as_deref() == Some(n))) {
        let text = p.index.file(call.file).source.text();
        return Callee::Passes { arg: text[named.range.range()].to_string(), callee };
    }
    if let Err(why) = api.available(&p.index.file(call.file).settings) {
        return Callee::Unavailable { why, callee };
    }
    if api.awaited_only && !c.awaited {
        return Callee::Unavailable { why: Reason::ValueTaskWithToken, callee };
    }
    if writes_local_file(p, call, api, &types) {
        return Callee::Refused { why: Reason::TokenToFileWrite { callee: callee.clone() }, callee };
    }
    Callee::Accepts { insert: insert_for(api, c), callee, sink: true, task_like: true, method: None }
}

/// A write to a local file (`File.WriteAllTextAsync`, a `FileStream`'s `WriteAsync`, a copy or serialization into
/// a `FileStream`): quick, and a cancelled one leaves a truncated file behind, so no token goes there.
fn writes_local_file(p: &Planner, call: CallId, api: &Api, receiver_types: &[String]) -> bool {
    let c = p.index.call(call);
    let is_file_stream = |t: &str| simple_type_name(t) == "FileStream";
    let first_argument_is_file = || {
        let scope = apis::Scope { file: call.file, containing_type: c.containing_type, function: c.context.function };
        c.arguments.first().and_then(|a| apis::type_of(p, scope, &a.value)).is_some_and(|t| is_file_stream(&t))
    };
    match (api.type_name.as_str(), api.method.as_str()) {
        ("File", m) => m.starts_with("Write") || m.starts_with("Append"),
        (_, "WriteAsync" | "FlushAsync") => receiver_types.first().is_some_and(|t| is_file_stream(t)),
        (_, "CopyToAsync") | ("JsonSerializer", "SerializeAsync") => first_argument_is_file(),
        _ => false,
    }
}

/// `Thread.Sleep(n)` that sync-over-async turns into `Task.Delay(n)` is looked up as `Task.Delay`.
fn retargeted<'a>(p: &Planner, call: CallId, c: &'a CallSite) -> Option<(&'a str, Vec<String>)> {
    let is_sleep = c.name == "Sleep" && matches!(&*c.receiver, TypeExpr::Name(n) if n == "Thread");
    let becomes_delay =
        is_sleep && p.restructured(call.file, c.range.start()) == Some(&crate::plan::Restructured::SleepBecomesDelay);
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
