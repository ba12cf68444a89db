//! Threading over the call graph: from code that has a token (or can be given
//! one by the framework), which solution methods lead to a call that accepts a
//! token. Those get a token parameter, group by group, and pass it on; every
//! call from code with a token then gets it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::classify::{classify, Callee};
use super::ID;
use crate::index::facts::FunctionKind;
use crate::index::{CallId, FnId};
use crate::model::{Finding, Reason, Resolution};
use crate::plan::{captures_outer_token, Planner, TokenBinding};

/// Code with a token, or code the framework can give one.
#[derive(Clone, Debug)]
pub enum Root {
    /// Has a token in scope already.
    Holder(FnId),
    /// A controller action or request handler: it gets a token parameter if anything below it uses one.
    Bindable { function: FnId, what: &'static str },
}

/// A function, or an interface/override group that changes together.
#[derive(Debug, Default)]
struct Node {
    members: Vec<FnId>,
    /// A call in it that accepts a token: the member making it, and what is called.
    leaf: Option<(FnId, String)>,
    /// Calls to solution functions without a token: the member making it, the call and the callee's node.
    callees: Vec<(FnId, CallId, usize)>,
}

/// Why a node needs a token: which member calls what.
#[derive(Clone, Debug)]
struct Need {
    member: FnId,
    /// `calls X, which takes one`.
    what: String,
}

#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    node_of: BTreeMap<FnId, usize>,
    /// Why a node needs a token (it reaches a call that accepts one), for nodes that do.
    needs: Vec<Option<Need>>,
}

/// Calls whose token would be `owner`'s: in its body, or in lambdas and local functions inside it
/// that capture it, but not in nested code with a token of its own.
fn owned_calls(p: &Planner, owner: FnId) -> Vec<CallId> {
    let facts = &p.index.file(owner.file).facts;
    let range = p.index.function(owner).range.clone();
    let mut out = Vec::new();
    // Calls are recorded in source order: only those starting inside the function can lie inside it.
    let first = facts.calls.partition_point(|c| c.range.start < range.start);
    let end = facts.calls.partition_point(|c| c.range.start <= range.end);
    for (i, c) in facts.calls.iter().enumerate().take(end).skip(first) {
        if c.range.start < range.start || range.end < c.range.end {
            continue;
        }
        let mut function = c.context.function;
        while let Some(index) = function {
            if index == owner.index {
                out.push(CallId { file: owner.file, index: i as u32 });
                break;
            }
            let f = &facts.functions[index as usize];
            if !captures_outer_token(f) || p.token_param(FnId { file: owner.file, index }).is_some() {
                break;
            }
            function = f.parent;
        }
    }
    out
}

/// Lambdas and local functions inside `f` with a token of their own (a `CancellationToken`
/// parameter, a `ForEachAsync` body): their calls use that token, so they are handled as holders.
fn nested_holders(p: &Planner, f: FnId) -> Vec<FnId> {
    let range = p.index.function(f).range.clone();
    let facts = &p.index.file(f.file).facts;
    // Functions are recorded in source order: only those starting inside `f` can lie inside it.
    let first = facts.functions.partition_point(|g| g.range.start < range.start);
    let end = facts.functions.partition_point(|g| g.range.start <= range.end);
    (first as u32..end as u32)
        .map(|index| FnId { file: f.file, index })
        .filter(|g| *g != f)
        .filter(|g| {
            let r = &facts.functions[g.index as usize].range;
            range.start <= r.start && r.end <= range.end
        })
        .filter(|g| p.token_param(*g).is_some())
        .collect()
}

impl Graph {
    fn node_for(&mut self, p: &Planner, f: FnId, queue: &mut VecDeque<usize>) -> usize {
        if let Some(n) = self.node_of.get(&f) {
            return *n;
        }
        let func = p.index.function(f);
        let members = if func.kind == FunctionKind::Method && p.token_param(f).is_none() {
            p.index.group_of(f).members
        } else {
            vec![f]
        };
        let n = self.nodes.len();
        for m in &members {
            self.node_of.entry(*m).or_insert(n);
        }
        self.node_of.insert(f, n);
        self.nodes.push(Node { members, ..Default::default() });
        queue.push_back(n);
        n
    }

    /// Every function reachable from the roots through calls to solution functions without a token.
    fn explore(p: &Planner, roots: &[FnId]) -> Graph {
        let mut g = Graph::default();
        let mut queue = VecDeque::new();
        for r in roots {
            g.node_for(p, *r, &mut queue);
        }
        while let Some(n) = queue.pop_front() {
            let members = g.nodes[n].members.clone();
            for m in members {
                for nested in nested_holders(p, m) {
                    g.node_for(p, nested, &mut queue);
                }
                // Code an earlier transform writes into `m` (bounded-fanout's limiter) may take a token too.
                if let Some(what) = p.token_sink(m) {
                    g.nodes[n].leaf.get_or_insert((m, what.to_string()));
                }
                for call in owned_calls(p, m) {
                    match classify(p, call) {
                        Callee::Accepts { callee, .. } => {
                            g.nodes[n].leaf.get_or_insert((m, callee));
                        }
                        Callee::Solution(targets) => {
                            let k = g.node_for(p, targets[0], &mut queue);
                            g.nodes[n].callees.push((m, call, k));
                        }
                        // Explored so a report can say whether they would need the token; no edge,
                        // since no token can be passed through a receiver of unknown type.
                        Callee::Unresolved(cands) => {
                            for c in cands {
                                g.node_for(p, c, &mut queue);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        g.settle_needs(p);
        g
    }

    /// A node needs a token when it calls something that accepts one, directly or through nodes
    /// that can take one themselves (fixpoint, so cycles are fine).
    fn settle_needs(&mut self, p: &Planner) {
        self.needs = self
            .nodes
            .iter()
            .map(|n| n.leaf.as_ref().map(|(m, l)| Need { member: *m, what: format!("calls {l}, which takes one") }))
            .collect();
        let mut blocked: BTreeMap<usize, bool> = BTreeMap::new();
        loop {
            let mut changed = false;
            for n in 0..self.nodes.len() {
                if self.needs[n].is_some() {
                    continue;
                }
                for (member, call, k) in &self.nodes[n].callees {
                    if self.needs[*k].is_none() {
                        continue;
                    }
                    let callee_member = self.nodes[*k].members[0];
                    let is_blocked = *blocked
                        .entry(*k)
                        .or_insert_with(|| p.token_parameter_blocker(callee_member, TokenBinding::Callers).is_some());
                    if !is_blocked {
                        let callee = p.index.call(*call).name;
                        self.needs[n] =
                            Some(Need { member: *member, what: format!("calls {callee}, which needs one") });
                        changed = true;
                        break;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// `f` and the functions that change with it.
    fn members(&self, f: FnId) -> Vec<FnId> {
        self.node_of.get(&f).map_or_else(|| vec![f], |n| self.nodes[*n].members.clone())
    }

    fn needs(&self, f: FnId) -> Option<&Need> {
        self.node_of.get(&f).and_then(|n| self.needs[*n].as_ref())
    }
}

/// Why member `m` of a node takes a token: it makes the call, or it changes with the member that does.
fn why_for(p: &Planner, need: &Need, m: FnId) -> String {
    if m == need.member {
        return format!("it {}", need.what);
    }
    let f = p.index.function(need.member);
    let owner =
        p.index.containing_type(need.member).map(|t| format!("{}.", p.index.type_decl(t).name)).unwrap_or_default();
    format!("it changes with {owner}{}, which {}", f.name, need.what)
}

pub fn run(p: &mut Planner, roots: &[Root]) {
    let functions: Vec<FnId> = roots
        .iter()
        .map(|r| match r {
            Root::Holder(f) | Root::Bindable { function: f, .. } => *f,
        })
        .collect();
    let graph = Graph::explore(p, &functions);
    let mut queue: VecDeque<FnId> = VecDeque::new();
    for root in roots {
        match root {
            Root::Holder(f) => queue.push_back(*f),
            Root::Bindable { function, what } => {
                let Some(need) = graph.needs(*function).cloned() else { continue };
                let whys: Vec<(FnId, String)> = graph
                    .members(*function)
                    .into_iter()
                    .map(|m| {
                        (m, format!("the framework passes a {what} the request's token, and {}", why_for(p, &need, m)))
                    })
                    .collect();
                let why_of = |m: FnId| whys.iter().find(|(f, _)| *f == m).map_or_else(String::new, |(_, w)| w.clone());
                match p.add_token_parameter(*function, TokenBinding::Framework, ID, &why_of) {
                    Ok(()) => queue.extend(graph.members(*function)),
                    Err(reason) => {
                        let f = p.index.function(*function);
                        let at =
                            if f.name_range.is_empty() { f.range.start..f.range.start } else { f.name_range.clone() };
                        p.site(
                            function.file,
                            at,
                            ID,
                            Finding::CouldTakeRequestToken { what: what.to_string() },
                            Resolution::Reported(reason),
                        );
                    }
                }
            }
        }
    }
    let mut done: BTreeSet<FnId> = BTreeSet::new();
    let mut unresolved: Vec<(CallId, Vec<FnId>)> = Vec::new();
    while let Some(h) = queue.pop_front() {
        if !done.insert(h) {
            continue;
        }
        for call in owned_calls(p, h) {
            handle_call(p, &graph, call, &mut queue, &mut unresolved);
        }
        queue.extend(nested_holders(p, h));
    }
    // Calls that may reach solution methods needing a token; those given one are reported by the planner.
    for (call, cands) in unresolved {
        if cands.iter().any(|f| p.token_param(*f).is_some()) {
            continue;
        }
        let Some(callee) = cands.iter().find(|f| graph.needs(**f).is_some()) else { continue };
        let name = p.index.function(*callee).name;
        let c = p.index.call(call);
        p.site(
            call.file,
            c.range.clone(),
            ID,
            Finding::CallMayNeedToken { callee: name.to_string() },
            Resolution::Reported(Reason::ReceiverUnknownNamed {
                name: name.to_string(),
                at: p.index.location(callee.file, p.index.function(*callee).range.start),
            }),
        );
    }
}

fn handle_call(
    p: &mut Planner,
    graph: &Graph,
    call: CallId,
    queue: &mut VecDeque<FnId>,
    unresolved: &mut Vec<(CallId, Vec<FnId>)>,
) {
    let c = p.index.call(call);
    let range = c.range.clone();
    let name = c.name;
    match classify(p, call) {
        Callee::Accepts { insert, callee } => {
            let finding = Finding::CallAcceptsToken { callee };
            match p.token_in_scope(call.file, c.context.function) {
                Some(token) => p.pass_token(call, insert, token, ID, finding),
                None if p.token_shadowed(call.file, c.context.function) => {
                    p.site(call.file, range, ID, finding, Resolution::Reported(Reason::TokenHidden))
                }
                None => {}
            }
        }
        Callee::Passes { arg, callee } => {
            let value = arg.split_once(':').filter(|(n, _)| !n.contains('(')).map_or(arg.as_str(), |(_, v)| v).trim();
            let reason = if value == "CancellationToken.None" || value == "default" || value.starts_with("default(") {
                Reason::PassesOwnValue { arg }
            } else {
                Reason::AlreadyPasses { arg }
            };
            p.site(call.file, range, ID, Finding::CallTakesToken { callee }, Resolution::LeftAlone(reason));
        }
        Callee::Unavailable { why, callee } => {
            p.site(call.file, range, ID, Finding::CallCouldTakeToken { callee }, Resolution::LeftAlone(why));
        }
        Callee::Possible(reason) => {
            p.site(
                call.file,
                range,
                ID,
                Finding::CallMayTakeToken { callee: name.to_string() },
                Resolution::Reported(reason),
            );
        }
        Callee::Solution(targets) => {
            let target = targets.iter().copied().find(|t| p.token_param(*t).is_some()).unwrap_or(targets[0]);
            if p.token_param(target).is_none() {
                let Some(need) = graph.needs(target).cloned() else { return };
                let whys: Vec<(FnId, String)> =
                    graph.members(target).into_iter().map(|m| (m, why_for(p, &need, m))).collect();
                let why_of = |m: FnId| whys.iter().find(|(f, _)| *f == m).map_or_else(String::new, |(_, w)| w.clone());
                if let Err(reason) = p.add_token_parameter(target, TokenBinding::Callers, ID, &why_of) {
                    let finding = Finding::CallWouldNeedToken { callee: name.to_string() };
                    return p.site(call.file, range, ID, finding, Resolution::Reported(reason));
                }
                queue.extend(graph.members(target));
            }
            // The planner passes the token at every call it resolves to the function; this one
            // may rest on library typing it does not have (an extension method on `response.Content`).
            let Some(param) = p.token_param(target) else { return };
            let insert = p.token_insert_for(call, target, param.index, param.added);
            if let (Some(insert), Some(token), None) =
                (insert, p.token_in_scope(call.file, c.context.function), p.token_argument(call))
            {
                let finding = Finding::CallNowTakesToken { callee: name.to_string() };
                p.pass_token(call, insert, token, ID, finding);
            }
        }
        Callee::Unresolved(cands) => unresolved.push((call, cands)),
        Callee::Nothing => {}
    }
}
