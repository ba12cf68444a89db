//! Which token code at a spot would pass: the token parameter in scope (declared, captured or added), or, where
//! there is none, a token the code holds otherwise — a local (`var token = cts.Token`, `CancellationToken ct =
//! HttpContext.RequestAborted`), a `CancellationTokenSource` local (`cts.Token`), or a `CancellationToken` field
//! or property of the type. Several at once is a choice for a person. And where a test picks its tokens itself.

use crate::index::facts::{FunctionKind, TypeExpr};
use crate::index::{CallId, FileId, FnId};
use crate::plan::{is_token_type_in, Planner};
use crate::syntax::simple_type_name;

use super::apis;
use super::classify::mentions_word;

/// The token for code at a spot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The token parameter in scope.
    Param(String),
    /// A token the code holds otherwise (a local, a `CancellationTokenSource`, a field or property).
    Held(String),
    /// More than one: which is meant is a person's call.
    Several(Vec<String>),
    /// A lambda or local function in between hides the token parameter's name.
    Hidden,
    Nothing,
}

/// Members of a token's source that are tokens: `cts.Token`, `HttpContext.RequestAborted`, `lifetime.ApplicationStopping`.
const TOKEN_MEMBERS: &[&str] = &["Token", "RequestAborted", "ApplicationStopping", "ApplicationStopped"];

/// The token code at `offset` in `function` of `file` would pass.
pub fn token_at(p: &Planner, file: FileId, function: Option<u32>, offset: usize) -> Choice {
    let param = p.token_in_scope(file, function);
    let held = held_locals(p, file, function, offset);
    match (param, held.len()) {
        (Some(t), 0) => Choice::Param(t),
        (Some(t), _) => Choice::Several(std::iter::once(t).chain(held).collect()),
        (None, _) if p.token_shadowed(file, function) => Choice::Hidden,
        (None, 1) => Choice::Held(held[0].clone()),
        (None, 0) => match held_members(p, file, function).as_slice() {
            [] => Choice::Nothing,
            [one] => Choice::Held(one.clone()),
            many => Choice::Several(many.to_vec()),
        },
        (None, _) => Choice::Several(held),
    }
}

/// Whether a local of this type (as the syntax says) holds a token, or a source whose `.Token` is one.
enum Holds {
    Token,
    Source,
    No,
}

fn holds(p: &Planner, scope: apis::Scope, t: &TypeExpr) -> Holds {
    let facts = &p.index.file(scope.file).facts;
    match t {
        TypeExpr::Written(w) if is_token_type_in(facts, w) => Holds::Token,
        TypeExpr::Written(w) if simple_type_name(w) == "CancellationTokenSource" => Holds::Source,
        // `cts.Token` of a source; `HttpContext.RequestAborted`, `lifetime.ApplicationStopping`.
        TypeExpr::Member { receiver, name } if name == "Token" => match holds(p, scope, receiver) {
            Holds::Source => Holds::Token,
            _ if apis::type_of(p, scope, receiver)
                .is_some_and(|r| simple_type_name(&r) == "CancellationTokenSource") =>
            {
                Holds::Token
            }
            _ => Holds::No,
        },
        TypeExpr::Member { name, .. } if TOKEN_MEMBERS.contains(&name.as_str()) => Holds::Token,
        TypeExpr::Name(n) => match facts.local_type(scope.function, n).filter(|l| *l != t) {
            Some(l) => holds(p, scope, l),
            None => Holds::No,
        },
        TypeExpr::Call { receiver, name, .. }
            if name == "CreateLinkedTokenSource"
                && matches!(&**receiver, TypeExpr::Name(n) if n == "CancellationTokenSource") =>
        {
            Holds::Source
        }
        _ => Holds::No,
    }
}

/// Tokens held in locals visible at `offset` (parameters aside: the token parameter is `token_in_scope`'s).
fn held_locals(p: &Planner, file: FileId, function: Option<u32>, offset: usize) -> Vec<String> {
    let facts = &p.index.file(file).facts;
    let text = &p.index.file(file).source.text();
    let mut out = Vec::new();
    for (f, name, t) in facts.locals_visible_at(function, offset) {
        let func = &facts.functions[f as usize];
        if func.params.iter().any(|q| q.name == name) {
            continue;
        }
        let body = &text[func.range.range()];
        let scope = apis::Scope { file, containing_type: func.containing_type, function: Some(f) };
        match holds(p, scope, t) {
            // `CancellationToken ct = default;`, `= CancellationToken.None`: a token chosen not to cancel.
            Holds::Token if !assigned_none(body, &name) => out.push(name.to_string()),
            // A source the method cancels itself is there to cancel something else.
            Holds::Source if !cancels(p, file, f, &name) => out.push(format!("{name}.Token")),
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

fn assigned_none(body: &str, name: &str) -> bool {
    ["default", "CancellationToken.None", "new CancellationToken("]
        .iter()
        .any(|v| body.contains(&format!("{name} = {v}")) || body.contains(&format!("{name}={v}")))
}

/// Whether function `f` (or code in it) calls `name.Cancel()`.
fn cancels(p: &Planner, file: FileId, f: u32, name: &str) -> bool {
    let facts = &p.index.file(file).facts;
    let range = &facts.functions[f as usize].range;
    facts.calls.iter().any(|c| {
        range.start() <= c.range.start()
            && c.range.end() <= range.end()
            && matches!(c.name.as_str(), "Cancel" | "CancelAsync")
            && matches!(&*c.receiver, TypeExpr::Name(n) if n == name)
    })
}

/// `CancellationToken` fields and properties of the type around an instance method.
fn held_members(p: &Planner, file: FileId, function: Option<u32>) -> Vec<String> {
    let facts = &p.index.file(file).facts;
    let text = &p.index.file(file).source.text();
    let mut at = function;
    let mut method = None;
    while let Some(i) = at {
        let func = &facts.functions[i as usize];
        if func.kind == FunctionKind::Method {
            method = Some(func);
        }
        at = func.parent;
    }
    let Some(method) = method.filter(|m| !m.has_modifier("static")) else { return Vec::new() };
    let Some(t) = method.containing_type else { return Vec::new() };
    let decl = &facts.types[t as usize];
    let header = &text[decl.range.start..decl.range.end.min(decl.range.start + 200)];
    if header.split('{').next().is_some_and(|h| mentions_word(h, "static")) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for part in p.index.types_named(&decl.name) {
        let d = p.index.type_decl(*part);
        let part_facts = &p.index.file(part.file).facts;
        for (name, ty) in &d.members {
            if is_token_type_in(part_facts, ty) && general_purpose(name) && !out.iter().any(|o| o == name.as_str()) {
                out.push(name.to_string());
            }
        }
    }
    out.sort();
    out
}

/// Whether a token field's name says it is the type's token for all its work (`_cancellationToken`, `_token`,
/// `_stoppingToken`), not one kept for a purpose of its own (`_switchToMainThreadCancellationToken`).
fn general_purpose(name: &str) -> bool {
    let bare = name.trim_start_matches("m_").trim_start_matches('_').to_ascii_lowercase();
    matches!(
        bare.as_str(),
        "cancellationtoken"
            | "token"
            | "ct"
            | "cancellation"
            | "stopping"
            | "stoppingtoken"
            | "shutdown"
            | "shutdowntoken"
            | "lifetimetoken"
    )
}

/// Whether the code of `owner`, in a test project, picks its tokens itself: it builds them
/// (`CancellationToken.None`, `default(CancellationToken)`, `new CancellationTokenSource()`) or names a
/// cancellation scenario. Such a test omits a token on purpose; it is left as written.
pub fn test_picks_tokens(p: &Planner, owner: FnId) -> bool {
    let file = p.index.file(owner.file);
    if !file.settings.holds_tests() {
        return false;
    }
    let text = &file.source.text()[p.index.function(owner).range.range()];
    [
        "CancellationToken.None",
        "default(CancellationToken)",
        "new CancellationToken(",
        "CancellationTokenSource",
        "CancellationType",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Whether another call to the same method in `owner`'s code passes a token where `call` does not: one of the two
/// is a choice, and the tool cannot tell which.
pub fn sibling_passes(p: &Planner, owner_calls: &[CallId], call: CallId) -> bool {
    let name = p.index.call(call).name;
    owner_calls
        .iter()
        .any(|other| *other != call && p.index.call(*other).name == name && p.token_argument(*other).is_some())
}
