//! cancellation-token: code that has a CancellationToken passes it to every
//! call that accepts one (library APIs from `apis.toml`, solution methods),
//! and solution methods on the way from such code to such a call get a token
//! parameter of their own, so cancellation reaches the I/O at the bottom.
//!
//! Per file, detection finds the roots: functions with a token parameter,
//! `Parallel.ForEachAsync` bodies, controller actions and minimal-API handlers
//! (the framework binds a token for those). Planning (`thread`) explores the
//! call graph from the roots, decides which functions take a token, and asks
//! the planner to add parameters and pass arguments.

mod apis;
mod classify;
mod thread;

use super::{FileInput, Status, Transform};
use crate::index::facts::{FileFacts, Function, FunctionKind, TypeDecl};
use crate::index::{library, FileId, FnId};
use crate::model::TransformId;
use crate::plan::{is_token_type, Planner};

pub const ID: TransformId = TransformId::new(3, "cancellation-token");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "forward CancellationTokens to callees and thread them down call chains",
    status: Status::Preview,
    readme: include_str!("../../../transforms/cancellation-token/README.md"),
    // Tokens start at token parameters, ForEachAsync bodies, controllers, page models and route handlers.
    triggers: &[
        r"\bCancellationToken\b",
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

/// Minimal-API route builders whose last argument is the request handler.
const ROUTE_BUILDERS: &[&str] = &["MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootKind {
    /// Has a token parameter (or is a `Parallel.ForEachAsync` body with one).
    Holder,
    /// A public method of what looks like a controller or Razor page model.
    Action,
    /// A lambda passed to `MapGet`/`MapPost`/...
    Handler,
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
    for (i, f) in facts.functions.iter().enumerate() {
        let kind = if f.params.iter().any(|p| is_token_type(&p.type_text)) || is_foreach_async_body(facts, f) {
            RootKind::Holder
        } else if is_action_candidate(facts, f) {
            RootKind::Action
        } else if is_route_handler(facts, f) {
            RootKind::Handler
        } else {
            continue;
        };
        out.push(TokenRoot { function: i as u32, kind });
    }
    out
}

/// `Parallel.ForEachAsync(src, async (item, ct) => ...)`, or `Parallel.ForEach(src, async item => ...)`, which
/// bounded-fanout may turn into one in this run; the planner confirms the token (none when it did not).
fn is_foreach_async_body(facts: &FileFacts, f: &Function) -> bool {
    let body_of = |name: &str| {
        facts.calls.iter().any(|c| c.name == name && c.arguments.iter().any(|a| a.range.end == f.range.end))
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

fn is_route_handler(facts: &FileFacts, f: &Function) -> bool {
    f.kind == FunctionKind::Lambda
        && facts.calls.iter().any(|c| {
            ROUTE_BUILDERS.contains(&c.name.as_str()) && c.arguments.last().is_some_and(|a| a.range.end == f.range.end)
        })
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
            RootKind::Action => {
                let Some(t) = p.index.containing_type(f) else { continue };
                let decl = p.index.type_decl(t);
                if is_controller(p, decl) {
                    let what = if p.index.supertypes(&decl.name).iter().any(|s| s == "PageModel") {
                        "Razor page handler"
                    } else {
                        "controller action"
                    };
                    found.push(thread::Root::Bindable { function: f, what });
                }
            }
            RootKind::Handler => found.push(thread::Root::Bindable { function: f, what: "minimal-API handler" }),
            RootKind::Holder => {}
        }
    }
    thread::run(p, &found);
}
