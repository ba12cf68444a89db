//! cancellation-token: code that has a CancellationToken passes it to every
//! call that accepts one (library APIs from `apis.toml`, solution methods),
//! and solution methods on the way from such code to such a call get a token
//! parameter of their own, so cancellation reaches the I/O at the bottom.
//!
//! Per file, detection finds the roots: functions with a token parameter,
//! `Parallel.ForEachAsync` bodies, controller actions and minimal-API handlers
//! (lambdas or method groups: the framework binds a token for those), and
//! functions that hold a token otherwise (a local, a `CancellationTokenSource`,
//! a field). Planning (`thread`) explores the call graph from the roots, decides
//! which functions take a token within the limits (`placement`, `fit`, `mocks`,
//! `scope`), and asks the planner to add parameters and pass arguments.

mod apis;
mod classify;
mod fit;
mod mocks;
mod placement;
mod scope;
mod thread;

use super::{FileInput, Status, Transform};
use crate::index::facts::{FileFacts, Function, FunctionKind, TypeDecl, TypeExpr};
use crate::index::{library, FileId, FnId};
use crate::model::{Finding, Reason, Resolution, TransformId};
use crate::plan::{is_token_type_in, Planner, ROUTE_BUILDERS};
use crate::syntax::simple_type_name;

pub const ID: TransformId = TransformId::new(3, "cancellation-token");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "forward CancellationTokens to callees and thread them down call chains",
    status: Status::Stable,
    readme: include_str!("../../../transforms/cancellation-token/README.md"),
    // Tokens start at token parameters, ForEachAsync bodies, controllers, page models and route handlers.
    triggers: &[
        r"\bCancellationToken\b",
        "CancellationTokenSource",
        "RequestAborted",
        "ForEachAsync",
        "Controller",
        "PageModel",
        "MapGet",
        "MapPost",
        "MapPut",
        "MapDelete",
        "MapPatch",
        "MapMethods",
    ],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<TokenRoot>(detections, ID), p),
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootKind {
    /// Has a token parameter (or is a `Parallel.ForEachAsync` body with one).
    Holder,
    /// A public method of what looks like a controller or Razor page model.
    Action,
    /// A lambda passed to `MapGet`/`MapPost`/...; `read`: to `MapGet`.
    Handler { read: bool },
    /// A method named as the handler of `MapGet`/`MapPost`/... (`function` is the index of the delegate use).
    HandlerGroup { read: bool },
    /// A method without a token parameter that holds a token otherwise: a local, a source, a field.
    Held,
}

/// A function where tokens start, found in one file.
#[derive(Clone, Debug)]
pub struct TokenRoot {
    pub function: u32,
    pub kind: RootKind,
}

pub fn detect(input: &FileInput) -> Vec<TokenRoot> {
    let facts = input.facts;
    let mut out = Vec::new();
    let held = held_token_methods(facts);
    for (i, f) in facts.functions.iter().enumerate() {
        let kind = if f.params.iter().any(|p| is_token_type_in(facts, &p.type_text)) || is_foreach_async_body(facts, f)
        {
            RootKind::Holder
        } else if is_action_candidate(facts, f) {
            RootKind::Action
        } else if let Some(read) = route_handler(facts, f) {
            RootKind::Handler { read }
        } else if held.contains(&(i as u32)) {
            RootKind::Held
        } else {
            continue;
        };
        out.push(TokenRoot { function: i as u32, kind });
    }
    for c in facts.calls.iter().filter(|c| ROUTE_BUILDERS.contains(&c.name.as_str())) {
        let Some(last) = c.arguments.last() else { continue };
        let group = facts.delegate_uses.iter().position(|d| last.range.ends_with(d.range));
        if let Some(i) = group {
            out.push(TokenRoot { function: i as u32, kind: RootKind::HandlerGroup { read: c.name == "MapGet" } });
        }
    }
    out
}

/// Methods (without a token parameter) whose code holds a token otherwise: a local of token type or a
/// `CancellationTokenSource` in them or in the lambdas inside them, or a token field of their type.
fn held_token_methods(facts: &FileFacts) -> Vec<u32> {
    let holds = |t: &TypeExpr| match t {
        TypeExpr::Written(w) => is_token_type_in(facts, w) || simple_type_name(w) == "CancellationTokenSource",
        TypeExpr::Member { name, .. } => matches!(name.as_str(), "Token" | "RequestAborted" | "ApplicationStopping"),
        TypeExpr::Call { name, .. } => name == "CreateLinkedTokenSource",
        _ => false,
    };
    let mut out = Vec::new();
    for (i, f) in facts.functions.iter().enumerate() {
        let own_locals = f.locals.iter().skip(f.params.len()).any(|l| holds(&l.ty));
        if !own_locals {
            continue;
        }
        // The method the code belongs to: up through lambdas and local functions.
        let mut at = i as u32;
        while let Some(parent) = facts.functions[at as usize].parent {
            at = parent;
        }
        out.push(at);
    }
    for (i, f) in facts.functions.iter().enumerate() {
        let Some(t) = f.containing_type else { continue };
        let token_member = facts.types[t as usize].members.iter().any(|(_, ty)| is_token_type_in(facts, ty));
        if token_member && f.kind == FunctionKind::Method && !f.has_modifier("static") {
            out.push(i as u32);
        }
    }
    out.retain(|i| {
        let f = &facts.functions[*i as usize];
        f.kind == FunctionKind::Method && !f.params.iter().any(|p| is_token_type_in(facts, &p.type_text))
    });
    out.sort();
    out.dedup();
    out
}

/// `Parallel.ForEachAsync(src, async (item, ct) => ...)`, or `Parallel.ForEach(src, async item => ...)`, which
/// bounded-fanout may turn into one in this run; the planner confirms the token (none when it did not).
fn is_foreach_async_body(facts: &FileFacts, f: &Function) -> bool {
    let body_of = |name: &str| {
        facts.calls.iter().any(|c| c.name == name && c.arguments.iter().any(|a| a.range.end() == f.range.end()))
    };
    f.kind == FunctionKind::Lambda
        && ((f.params.len() == 2 && body_of("ForEachAsync"))
            || (f.params.len() == 1 && f.is_async() && body_of("ForEach")))
}

/// A public instance method of a type whose own declaration says "controller" or "page model";
/// planning confirms it through the type hierarchy.
fn is_action_candidate(facts: &FileFacts, f: &Function) -> bool {
    let Some(t) = f.containing_type else { return false };
    let decl = &facts.types[t as usize];
    let says_controller = decl.name.ends_with("Controller")
        || decl.bases.iter().any(|b| b.contains("Controller") || b.contains("PageModel"))
        || decl.attributes.iter().any(|a| a == "ApiController" || a == "Controller");
    says_controller
        && f.kind == FunctionKind::Method
        && f.has_modifier("public")
        && !f.has_modifier("static")
        && !f.has_modifier("abstract")
        && !f.has_modifier("override")
        && !f.attributes.iter().any(|a| a == "NonAction" || a == "NonHandler")
}

/// For a lambda registered as a minimal-API handler: whether it answers a GET.
fn route_handler(facts: &FileFacts, f: &Function) -> Option<bool> {
    if f.kind != FunctionKind::Lambda {
        return None;
    }
    facts
        .calls
        .iter()
        .find(|c| {
            ROUTE_BUILDERS.contains(&c.name.as_str())
                && c.arguments.last().is_some_and(|a| a.range.end() == f.range.end())
        })
        .map(|c| c.name == "MapGet")
}

/// Whether a controller action or page handler answers a read: `[HttpGet]`/`[HttpHead]`, `OnGet…`, or, without a
/// verb, a name that says so.
fn is_read_action(f: &Function) -> bool {
    let has = |names: &[&str]| f.attributes.iter().any(|a| names.contains(&a.as_str()));
    if has(&["HttpGet", "HttpHead"]) {
        return true;
    }
    if has(&["HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "AcceptVerbs"]) {
        return false;
    }
    let name = f.name.as_str();
    if name.starts_with("OnGet") {
        return true;
    }
    if name.starts_with("On") {
        return false;
    }
    ["Get", "List", "Search", "Find", "Load", "Read", "Fetch", "Query", "Browse", "Count", "Exists", "Download"]
        .iter()
        .any(|w| name.starts_with(w))
}

/// A controller (deriving from `ControllerBase`/`Controller`, or `[ApiController]`) or Razor page model.
fn is_controller(p: &Planner, decl: &TypeDecl) -> bool {
    let supertypes = p.index.supertypes(&decl.name);
    supertypes.iter().any(|s| library::CONTROLLER_BASES.contains(&s.as_str()))
        || supertypes.iter().any(|s| {
            p.index.types_named(s).iter().any(|t| p.index.type_decl(*t).attributes.iter().any(|a| a == "ApiController"))
        })
}

pub fn plan(roots: &[(FileId, &TokenRoot)], p: &mut Planner) {
    let mut found: Vec<thread::Root> = Vec::new();
    for (file, root) in roots {
        let f = FnId { file: *file, index: root.function };
        match root.kind {
            RootKind::Holder if p.token_param(f).is_some() => found.push(thread::Root::Holder(f)),
            RootKind::Holder => {}
            RootKind::Action => {
                let Some(t) = p.index.containing_type(f) else { continue };
                let decl = p.index.type_decl(t);
                if is_controller(p, decl) {
                    let what = if p.index.supertypes(&decl.name).iter().any(|s| s == "PageModel") {
                        "Razor page handler"
                    } else {
                        "controller action"
                    };
                    let read = is_read_action(p.index.function(f));
                    found.push(thread::Root::Bindable { function: f, what, read, controller: true });
                }
            }
            RootKind::Handler { read } => {
                found.push(thread::Root::Bindable { function: f, what: "minimal-API handler", read, controller: false })
            }
            RootKind::HandlerGroup { read } => {
                if let Some(handler) = route_handler_method(p, *file, root.function) {
                    let what = "minimal-API handler";
                    found.push(thread::Root::Bindable { function: handler, what, read, controller: false });
                }
            }
            // A test that holds a token of its own built it for the test: what it passes is its point.
            RootKind::Held if p.token_param(f).is_none() && !in_test_project(p, f) => found.push(thread::Root::Held(f)),
            RootKind::Held => {}
        }
    }
    thread::run(p, &found);
}

fn in_test_project(p: &Planner, f: FnId) -> bool {
    p.index.file(f.file).settings.holds_tests()
}

/// The method a route builder names as its handler (`app.MapGet("/items", GetItems)`,
/// `group.MapPost("/", ItemHandlers.Create)`): the one method of that name in the type it names (or the type
/// around the registration, or a local function of the top-level code). Reported when the name has overloads.
fn route_handler_method(p: &mut Planner, file: FileId, use_index: u32) -> Option<FnId> {
    let facts = &p.index.file(file).facts;
    let use_ = &facts.delegate_uses[use_index as usize];
    let name = use_.name;
    let candidates: Vec<FnId> = match &*use_.receiver {
        TypeExpr::This => {
            let local = facts
                .functions
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind == FunctionKind::LocalFunction && f.name == name)
                .map(|(i, _)| FnId { file, index: i as u32 });
            let in_type = use_
                .containing_type
                .map(|t| p.index.functions_in_type(&facts.types[t as usize].name, &name))
                .unwrap_or_default();
            local.chain(in_type).collect()
        }
        TypeExpr::Name(t) => p.index.functions_in_type(t, &name),
        _ => Vec::new(),
    };
    let candidates: Vec<FnId> = candidates.into_iter().filter(|f| p.index.function(*f).is_method_like()).collect();
    match candidates.as_slice() {
        [one] => Some(*one),
        [] => None,
        _ => {
            let range = use_.range;
            let finding = Finding::CouldTakeRequestToken { what: "minimal-API handler".to_string() };
            let reason = Reason::TokenHandlerNotResolved { name: name.to_string() };
            p.site(file, range.range(), ID, finding, Resolution::Reported(reason));
            None
        }
    }
}
