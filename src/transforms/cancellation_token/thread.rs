//! Threading over the call graph: from code that has a token (or can be given one by the framework), which
//! solution methods lead to a call that does something with a token (a sink: I/O, or a wait that honours it).
//! Those get a token parameter, group by group, and pass it on; every call from code with a token then gets it.
//!
//! The limits: a token goes only where `placement` allows; a new parameter only on asynchronous methods (the
//! planner's blockers) whose test doubles can be updated (`mocks`); no chain longer than `--token-hops` methods to
//! one sink; a request's token into read paths, and into a write only when its sinks are in one service; and after
//! planning, a parameter whose token reaches no sink in this run is taken back with its whole chain.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use rayon::prelude::*;

use super::classify::{classify, Callee};
use super::fit::{self, Fit};
use super::scope::{self, Choice};
use super::{mocks, placement, ID};
use crate::index::facts::{FunctionKind, TypeExpr};
use crate::index::{library, CallId, CallTarget, FileId, FnId};
use crate::model::{Finding, Reason, Resolution};
use crate::plan::{captures_outer_token, ArgInsert, Planner, TokenBinding};
use crate::syntax::simple_type_name;

/// The default of `--token-hops`.
const DEFAULT_HOPS: usize = 4;

/// Code with a token, or code the framework can give one.
#[derive(Clone, Debug)]
pub enum Root {
    /// Has a token parameter already.
    Holder(FnId),
    /// A controller action or request handler: it gets a token parameter if anything below it uses one. `read`:
    /// it answers a GET (its side effects, if any, are not the request's purpose).
    Bindable { function: FnId, what: &'static str, read: bool, controller: bool },
    /// Holds a token otherwise (a local, a `CancellationTokenSource`, a field): it passes that token to calls
    /// that take one, and threads none.
    Held(FnId),
}

/// A function, or an interface/override group that changes together.
#[derive(Debug, Default)]
struct Node {
    members: Vec<FnId>,
    /// Sinks it reaches itself: the member and what is called.
    leaves: Vec<(FnId, String)>,
    /// Calls to solution functions without a token: the member making it, the call and the callee's node.
    callees: Vec<(FnId, CallId, usize)>,
}

/// Why a node needs a token: which member calls what, and the sink at the end of the shortest chain.
#[derive(Clone, Debug)]
struct Need {
    member: FnId,
    /// `calls X, which takes one`.
    what: String,
    sink: String,
    /// Methods below this node on the shortest chain to the sink.
    depth: usize,
}

#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    node_of: BTreeMap<FnId, usize>,
    needs: Vec<Option<Need>>,
    /// Whether a node reaches a sink at all, blockers aside: for reports on calls whose callee cannot take one.
    reaches: Vec<bool>,
    /// Why a node cannot take a token parameter, once asked.
    blocked: BTreeMap<usize, Option<Reason>>,
}

/// Why `f` (with its group) cannot take a token parameter: the planner's blockers, then test doubles that could
/// not be updated.
fn blocker(p: &Planner, f: FnId) -> Option<Reason> {
    if let Some(r) = p.token_parameter_blocker(f, TokenBinding::Callers) {
        return Some(r);
    }
    if super::classify::is_logger(p, f) {
        return Some(Reason::TokenToLogger { callee: p.index.function(f).name.to_string() });
    }
    mocks::setups_of(p, &group(p, f)).err()
}

fn group(p: &Planner, f: FnId) -> Vec<FnId> {
    if p.index.function(f).kind == FunctionKind::Method {
        p.index.group_of(f).members
    } else {
        vec![f]
    }
}

/// Calls whose token would be `owner`'s: in its body, or in lambdas and local functions inside it
/// that capture it, but not in nested code with a token of its own.
fn owned_calls(p: &Planner, owner: FnId) -> Vec<CallId> {
    let facts = &p.index.file(owner.file).facts;
    let range = p.index.function(owner).range;
    let first = facts.calls.partition_point(|c| c.range.start() < range.start());
    let end = facts.calls.partition_point(|c| c.range.start() <= range.end());
    (first..end)
        .filter(|i| {
            let c = &facts.calls[*i];
            range.encloses(c.range) && owns(p, owner, c.context.function)
        })
        .map(|i| CallId { file: owner.file, index: i as u32 })
        .collect()
}

/// `await foreach` loops whose token would be `owner`'s, by index into `FileFacts::async_foreach`.
fn owned_loops(p: &Planner, owner: FnId) -> Vec<u32> {
    let facts = &p.index.file(owner.file).facts;
    let range = p.index.function(owner).range;
    (0..facts.async_foreach.len() as u32)
        .filter(|i| {
            let l = &facts.async_foreach[*i as usize];
            range.encloses(l.range) && owns(p, owner, l.function)
        })
        .collect()
}

/// Whether code at `function` uses `owner`'s token: `function` is `owner`, or lies in lambdas and local functions
/// inside it that capture it and have no token of their own.
fn owns(p: &Planner, owner: FnId, mut function: Option<u32>) -> bool {
    let facts = &p.index.file(owner.file).facts;
    while let Some(index) = function {
        if index == owner.index {
            return true;
        }
        let f = &facts.functions[index as usize];
        if !captures_outer_token(f) || p.token_param(FnId { file: owner.file, index }).is_some() {
            return false;
        }
        function = f.parent;
    }
    false
}

/// Lambdas and local functions inside `f` with a token of their own (a `CancellationToken`
/// parameter, a `ForEachAsync` body): their calls use that token, so they are handled as holders.
fn nested_holders(p: &Planner, f: FnId) -> Vec<FnId> {
    let range = p.index.function(f).range;
    let facts = &p.index.file(f.file).facts;
    let first = facts.functions.partition_point(|g| g.range.start() < range.start());
    let end = facts.functions.partition_point(|g| g.range.start() <= range.end());
    (first as u32..end as u32)
        .map(|index| FnId { file: f.file, index })
        .filter(|g| *g != f)
        .filter(|g| range.encloses(facts.functions[g.index as usize].range))
        .filter(|g| p.token_param(*g).is_some())
        .collect()
}

/// Whether the value of a call to `f` is a task (for the rule on tasks that outlive their caller): declared so,
/// or a synchronous method another transform makes async. An `async void` method's call has no task.
fn returns_task(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    library::is_task_like(&func.return_type) || (!func.is_async() && p.is_async_now(f))
}

/// The type of the sequence an `await foreach` loop enumerates, and the call that makes it (if a call does).
enum Sequence {
    /// Known to be an `IAsyncEnumerable<T>` that no call of the loop gives a token.
    Enumerable,
    /// A call that makes the sequence takes or passes a token itself, or the sequence is known to be something
    /// else (a configured enumerable, a type with its own enumerator).
    Handled,
    Unknown,
}

fn sequence(p: &Planner, file: FileId, index: u32) -> Sequence {
    let facts = &p.index.file(file).facts;
    let text = &p.index.file(file).source.text();
    let l = &facts.async_foreach[index as usize];
    if l.in_error_region || text[l.range.range()].contains("WithCancellation") {
        return Sequence::Handled;
    }
    let value = match &*l.value {
        TypeExpr::Call { receiver, name, .. } if name == "ConfigureAwait" => receiver.as_ref(),
        v => v,
    };
    // `.WithCancellation(…)` binds to a primary expression only: `a ?? b`, `(T)x` would need parentheses.
    if !is_primary(&text[l.range.range()]) {
        return Sequence::Handled;
    }
    // The call that makes the sequence: the largest call starting where the loop's sequence starts.
    let first = facts.calls.partition_point(|c| c.range.start() < l.range.start());
    let end = facts.calls.partition_point(|c| c.range.start() <= l.range.start());
    let maker = (first..end)
        .filter(|i| facts.calls[*i].name != "ConfigureAwait" && facts.calls[*i].range.end() <= l.range.end())
        .max_by_key(|i| facts.calls[*i].range.len());
    if let Some(i) = maker {
        let call = CallId { file, index: i as u32 };
        if matches!(classify(p, call), Callee::Accepts { .. } | Callee::Passes { .. } | Callee::Solution(_)) {
            return Sequence::Handled;
        }
    }
    let scope = super::apis::Scope { file, containing_type: l.containing_type, function: l.function };
    match super::apis::type_of(p, scope, value) {
        Some(t) if simple_type_name(&t) == "IAsyncEnumerable" => Sequence::Enumerable,
        Some(_) => Sequence::Handled,
        None => Sequence::Unknown,
    }
}

/// Whether `text` is a name, member access, call or element access, with no operator at its top level.
fn is_primary(text: &str) -> bool {
    let mut depth = 0usize;
    let starts_well = text.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '@');
    starts_well
        && text.chars().all(|c| {
            match c {
                '(' | '[' | '<' => depth += 1,
                ')' | ']' | '>' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth > 0 || c.is_alphanumeric() || matches!(c, '_' | '.' | '(' | ')' | '[' | ']' | '<' | '>')
        })
}

/// What one member of a node reaches, as `Graph::explore` takes it in.
struct Reached {
    /// Nested code with a token of its own.
    nested: Vec<FnId>,
    edges: Vec<Edge>,
}

enum Edge {
    /// A call that takes a token and reaches I/O (or an `await foreach` over an `IAsyncEnumerable`).
    Sink(String),
    /// A call to a solution method; `passable`: a token may be written at the call.
    Callee { call: CallId, target: FnId, passable: bool },
    /// Methods a call may mean, explored so a report can say whether they would need the token; no edge, since
    /// no token can be passed through a receiver of unknown type.
    Explored(crate::index::Targets),
}

impl Reached {
    fn from(p: &Planner, m: FnId) -> Reached {
        let mut edges = Vec::new();
        for call in owned_calls(p, m) {
            match classify(p, call) {
                Callee::Accepts { callee, sink: true, task_like, .. }
                    if placement::blocker(p, call, task_like).is_none() =>
                {
                    edges.push(Edge::Sink(callee));
                }
                // A call where no token may go is no edge, but its callee is explored so that a report can say it
                // would have needed one.
                Callee::Solution(targets) => {
                    let passable = placement::blocker(p, call, returns_task(p, targets[0])).is_none();
                    edges.push(Edge::Callee { call, target: targets[0], passable });
                }
                Callee::Unresolved(cands) | Callee::Unproven(cands) => edges.push(Edge::Explored(cands)),
                _ => {}
            }
        }
        for l in owned_loops(p, m) {
            let facts = &p.index.file(m.file).facts;
            let lp = &facts.async_foreach[l as usize];
            if matches!(sequence(p, m.file, l), Sequence::Enumerable)
                && placement::context_blocker(p, m.file, lp.function, lp.cleanup).is_none()
            {
                edges.push(Edge::Sink("an IAsyncEnumerable enumeration".into()));
            }
        }
        // Code another transform writes into `m` in this run (a fan-out's limiter) calls what takes a token: the
        // next run would find that call, so this one threads the token already.
        if let Some(what) = p.token_sink(m) {
            edges.push(Edge::Sink(what.to_string()));
        }
        Reached { nested: nested_holders(p, m), edges }
    }
}

impl Graph {
    fn node_for(&mut self, p: &Planner, f: FnId, queue: &mut VecDeque<usize>) -> usize {
        if let Some(n) = self.node_of.get(&f) {
            return *n;
        }
        let func = p.index.function(f);
        let members =
            if func.kind == FunctionKind::Method && p.token_param(f).is_none() { group(p, f) } else { vec![f] };
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
        // Breadth first, one frontier at a time: what each node's members call is found on the rayon pool (it
        // reads the planner, which exploring does not change), then taken in queue order, so nodes are numbered
        // as a one-by-one walk numbers them, at any -j.
        while !queue.is_empty() {
            let frontier: Vec<usize> = queue.drain(..).collect();
            let found: Vec<Vec<(FnId, Reached)>> = frontier
                .par_iter()
                // A node per task: a node's cost ranges from one call to a whole interface's implementations, and
                // rayon's default pieces left a thread waiting at the end of a frontier.
                .with_max_len(1)
                .map(|n| g.nodes[*n].members.iter().map(|m| (*m, Reached::from(p, *m))).collect())
                .collect();
            for (n, members) in frontier.into_iter().zip(found) {
                for (m, reached) in members {
                    for nested in reached.nested {
                        g.node_for(p, nested, &mut queue);
                    }
                    for edge in reached.edges {
                        match edge {
                            Edge::Sink(callee) => g.nodes[n].leaves.push((m, callee)),
                            Edge::Callee { call, target, passable } => {
                                let k = g.node_for(p, target, &mut queue);
                                if passable {
                                    g.nodes[n].callees.push((m, call, k));
                                }
                            }
                            Edge::Explored(cands) => {
                                for &c in cands.iter() {
                                    g.node_for(p, c, &mut queue);
                                }
                            }
                        }
                    }
                }
            }
        }
        g.settle_needs(p);
        g
    }

    fn is_blocked(&mut self, p: &Planner, k: usize) -> bool {
        let member = self.nodes[k].members[0];
        self.blocked.entry(k).or_insert_with(|| blocker(p, member)).is_some()
    }

    /// A node needs a token when it reaches a sink, directly or through nodes that can take one themselves: the
    /// shortest such chain (fixpoint, so cycles are fine). A node that takes a token parameter in this plan
    /// already counts as a sink itself, as it will on the next run.
    fn settle_needs(&mut self, p: &Planner) {
        let before = std::mem::take(&mut self.needs);
        self.needs = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let leaf = n.leaves.first().map(|(m, l)| Need {
                    member: *m,
                    what: format!("calls {l}, which takes one"),
                    sink: l.clone(),
                    depth: 0,
                });
                let takes_one = n.members.iter().any(|m| p.token_parameter_added(*m));
                let kept = before.get(i).cloned().flatten().filter(|_| takes_one).map(|need| Need { depth: 0, ..need });
                leaf.or(kept)
            })
            .collect();
        self.reaches = self.needs.iter().map(Option::is_some).collect();
        loop {
            let mut changed = false;
            for n in 0..self.nodes.len() {
                if !self.reaches[n] && self.nodes[n].callees.iter().any(|(_, _, k)| self.reaches[*k]) {
                    self.reaches[n] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        loop {
            let mut changed = false;
            for n in 0..self.nodes.len() {
                if self.needs[n].as_ref().is_some_and(|need| need.depth == 0) {
                    continue;
                }
                let callees = self.nodes[n].callees.clone();
                for (member, call, k) in callees {
                    let Some(below) = self.needs[k].clone() else { continue };
                    if k == n || self.needs[n].as_ref().is_some_and(|need| need.depth <= below.depth + 1) {
                        continue;
                    }
                    if self.is_blocked(p, k) {
                        continue;
                    }
                    let callee = p.index.call(call).name;
                    self.needs[n] = Some(Need {
                        member,
                        what: format!("calls {callee}, which needs one"),
                        sink: below.sink,
                        depth: below.depth + 1,
                    });
                    changed = true;
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

fn type_name(p: &Planner, f: FnId) -> String {
    p.index
        .containing_type(f)
        .map_or_else(|| p.index.function(f).name.to_string(), |t| p.index.type_decl(t).name.to_string())
}

/// The sink calls a token given to `f` would reach, by place, with a label (`Type: call`): its calls that take a
/// token, down through the solution methods it calls that take one or could take one, to theirs. Read from the
/// code as it stands, whether or not a token is passed there yet, so that a second run counts the same.
fn sinks_reached(p: &Planner, f: FnId, visited: &mut BTreeSet<FnId>, out: &mut BTreeMap<(FileId, usize), String>) {
    if !visited.insert(f) {
        return;
    }
    let before = out.len();
    for m in group(p, f) {
        visited.insert(m);
        for call in owned_calls(p, m) {
            let c = p.index.call(call);
            let (into, label): (Option<FnId>, Option<String>) = match classify(p, call) {
                Callee::Accepts { sink: true, method: Some(t), task_like, .. } => {
                    (Some(t).filter(|_| placement::blocker(p, call, task_like).is_none()), None)
                }
                Callee::Accepts { sink: true, method: None, callee, task_like, .. } => {
                    (None, Some(callee).filter(|_| placement::blocker(p, call, task_like).is_none()))
                }
                // Passed already: into a solution method that takes it (its sinks count), or to a library API.
                Callee::Passes { callee, .. } => {
                    let targets = p.token_call_targets(call).unwrap_or_default();
                    match targets.iter().copied().find(|t| p.token_param(*t).is_some()) {
                        Some(t) => (Some(t), None),
                        None => (None, Some(callee)),
                    }
                }
                Callee::Solution(targets)
                    if placement::blocker(p, call, returns_task(p, targets[0])).is_none()
                        && blocker(p, targets[0]).is_none() =>
                {
                    (Some(targets[0]), None)
                }
                _ => (None, None),
            };
            if let Some(t) = into {
                sinks_reached(p, t, visited, out);
            }
            if let Some(label) = label {
                out.insert((call.file, c.range.start()), format!("{}: {label}", type_name(p, m)));
            }
        }
        for l in owned_loops(p, m) {
            if matches!(sequence(p, m.file, l), Sequence::Enumerable) {
                let at = p.index.file(m.file).facts.async_foreach[l as usize].range.start();
                out.insert((m.file, at), format!("{}: an IAsyncEnumerable enumeration", type_name(p, m)));
            }
        }
    }
    // A method that takes a token of its own and uses it, where nothing the table knows takes it (a client
    // created by a factory, a cache library): the method itself is the sink.
    if out.len() == before && p.token_param(f).is_some_and(|t| !t.added) && super::classify::uses_token(p, f) {
        let func = p.index.function(f);
        out.insert((f.file, func.range.start()), format!("{}.{}", type_name(p, f), func.name));
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

/// What a recorded token goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reach {
    /// A sink: it keeps the token's owner alive.
    Sink,
    /// A solution method that takes the token now: it keeps the owner alive if that method is.
    Through(FnId),
    /// Something that takes a token but does nothing with it worth a parameter (a logger, an unused token).
    Forward,
}

/// A token the plan will pass.
#[derive(Clone, Debug)]
struct Intent {
    target: Target,
    /// The function whose token it is.
    owner: Option<FnId>,
    reach: Reach,
    finding: Finding,
}

#[derive(Clone, Debug)]
enum Target {
    Call { call: CallId, insert: ArgInsert, token: String },
    Loop { file: FileId, index: u32, token: String },
}

struct Run<'g> {
    graph: &'g mut Graph,
    hops: usize,
    /// The token held code falls back on when nothing else is in scope (`HttpContext.RequestAborted` in a
    /// controller action that could not take the request's token as a parameter).
    fallback: Option<&'static str>,
    queue: VecDeque<FnId>,
    intents: Vec<Intent>,
    unresolved: Vec<(CallId, crate::index::Targets)>,
    /// Calls to solution methods that got a site while their owner was visited: the pass over calls of methods
    /// that now take a token leaves them be.
    sited: BTreeSet<CallId>,
    /// Chains refused for their length, tried again once the plan has grown (a method that takes a token in this
    /// run shortens every chain through it, as it will on the next run).
    deferred: Vec<Deferred>,
}

#[derive(Clone, Debug)]
enum Deferred {
    Call { owner: FnId, call: CallId, targets: Vec<FnId> },
    Bind { function: FnId, what: &'static str, read: bool },
}

pub fn run(p: &mut Planner, roots: &[Root]) {
    let functions: Vec<FnId> = roots
        .iter()
        .map(|r| match r {
            Root::Holder(f) | Root::Held(f) | Root::Bindable { function: f, .. } => *f,
        })
        .collect();
    let mut graph = Graph::explore(p, &functions);
    let hops = p.options.token_hops.unwrap_or(DEFAULT_HOPS);
    let mut run = Run {
        graph: &mut graph,
        hops,
        fallback: None,
        queue: VecDeque::new(),
        intents: Vec::new(),
        unresolved: Vec::new(),
        sited: BTreeSet::new(),
        deferred: Vec::new(),
    };
    let mut held: Vec<(FnId, bool)> = Vec::new();
    for root in roots {
        match root {
            Root::Holder(f) => run.queue.push_back(*f),
            Root::Held(f) => held.push((*f, false)),
            // A read action that cannot take the request's token as a parameter passes the one its request carries.
            Root::Bindable { function, what, read, controller } => {
                if !bind(p, &mut run, *function, what, *read) && *controller && *read {
                    held.push((*function, true));
                }
            }
        }
    }
    let mut done: BTreeSet<FnId> = BTreeSet::new();
    loop {
        while let Some(h) = run.queue.pop_front() {
            if !done.insert(h) {
                continue;
            }
            visit(p, &mut run, h, true);
            run.queue.extend(nested_holders(p, h));
        }
        let deferred = std::mem::take(&mut run.deferred);
        if deferred.is_empty() {
            break;
        }
        let added = |p: &Planner, g: &Graph| g.node_of.keys().filter(|f| p.token_parameter_added(**f)).count();
        let before = added(p, run.graph);
        run.graph.settle_needs(p);
        for d in &deferred {
            match d {
                Deferred::Call { owner, call, targets } => thread_into(p, &mut run, *owner, *call, targets),
                Deferred::Bind { function, what, read } => {
                    bind(p, &mut run, *function, what, *read);
                }
            }
        }
        if added(p, run.graph) == before && run.queue.is_empty() {
            for d in std::mem::take(&mut run.deferred) {
                report_too_long(p, run.graph, run.hops, &d);
            }
            break;
        }
    }
    // Code that holds a token otherwise passes it on where a call takes one, and threads none.
    held.sort();
    let mut held_fallbacks: BTreeMap<FnId, Option<&'static str>> = BTreeMap::new();
    for (h, controller) in held {
        // Whether only cleanup reaches it resolves every call of its name: asked last.
        if p.token_param(h).is_none() && !done.contains(&h) && !reached_only_from_cleanup(p, h) {
            done.insert(h);
            run.fallback = controller.then_some("HttpContext.RequestAborted");
            held_fallbacks.insert(h, run.fallback);
            visit(p, &mut run, h, false);
        }
    }
    let Run { intents, unresolved, sited, .. } = run;
    let intents = drop_dead_chains(p, &graph, intents);
    let intents = pass_to_added(p, intents, &sited, &held_fallbacks);
    for intent in intents {
        match intent.target {
            Target::Call { call, insert, token } => p.pass_token(call, insert, token, ID, intent.finding),
            Target::Loop { file, index, token } => p.pass_token_to_enumeration(file, index, token, ID, intent.finding),
        }
    }
    update_test_doubles(p);
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
            c.range.range(),
            ID,
            Finding::CallMayNeedToken { callee: name.to_string() },
            Resolution::Reported(Reason::ReceiverUnknownNamed {
                name: name.to_string(),
                at: p.index.location(callee.file, p.index.function(*callee).range.start()),
            }),
        );
    }
}

/// Whether every call of `f` in the solution sits where no token may go (cleanup, disposal): a helper of cleanup
/// code, which must run to the end whatever token its type holds.
fn reached_only_from_cleanup(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    let calls: Vec<CallId> = p
        .index
        .calls_named(&func.name)
        .iter()
        .copied()
        .filter(|c| p.token_call_targets(*c).is_some_and(|targets| targets.contains(&f)))
        .collect();
    !calls.is_empty()
        && calls.iter().all(|c| {
            let call = p.index.call(*c);
            placement::context_blocker(p, c.file, call.context.function, call.cleanup).is_some()
        })
}

/// Reports a chain still too long once the plan is complete, naming its sink.
fn report_too_long(p: &mut Planner, graph: &Graph, hops: usize, d: &Deferred) {
    match d {
        Deferred::Call { call, targets, .. } => {
            let Some(need) = graph.needs(targets[0]) else { return };
            let reason = Reason::TokenTooManyHops { sink: need.sink.clone(), hops: need.depth + 1, limit: hops };
            let c = p.index.call(*call);
            let finding = Finding::CallWouldNeedToken { callee: c.name.to_string() };
            p.site(call.file, c.range.range(), ID, finding, Resolution::Reported(reason));
        }
        Deferred::Bind { function, what, .. } => {
            let Some(need) = graph.needs(*function) else { return };
            let reason = Reason::TokenTooManyHops { sink: need.sink.clone(), hops: need.depth + 1, limit: hops };
            let f = p.index.function(*function);
            let at = f.report_range();
            let finding = Finding::CouldTakeRequestToken { what: what.to_string() };
            p.site(function.file, at, ID, finding, Resolution::Reported(reason));
        }
    }
}

/// Gives a controller action or request handler the request's token, if anything below it uses one and the limits
/// allow; reports why not otherwise. True when it took one (or needs none, or its chain is too long for now).
fn bind(p: &mut Planner, run: &mut Run, function: FnId, what: &'static str, read: bool) -> bool {
    let f = p.index.function(function);
    let at = f.report_range();
    let finding = Finding::CouldTakeRequestToken { what: what.to_string() };
    let Some(need) = run.graph.needs(function).cloned() else {
        // It reaches the I/O, but a suppression keeps its own declaration unchanged: the site is there, and
        // suppressed (the engine marks it so), as a blocking wait on a suppressed line is.
        let reaches = run.graph.node_of.get(&function).is_some_and(|n| run.graph.reaches[*n]);
        let own = || p.token_parameter_blocker(function, TokenBinding::Framework);
        if let Some(reason @ Reason::OnSuppressedLine { .. }) = reaches.then(own).flatten() {
            p.site(function.file, at, ID, finding, Resolution::Reported(reason));
        }
        return true;
    };
    if p.token_param(function).is_some() {
        return true;
    }
    if need.depth + 1 > run.hops {
        run.deferred.push(Deferred::Bind { function, what, read });
        return true;
    }
    // A write gets the request's token only where a single I/O does its work: with several, cancelling half-way
    // could leave them out of step.
    if !read {
        let mut reached = BTreeMap::new();
        sinks_reached(p, function, &mut BTreeSet::new(), &mut reached);
        let count = reached.len();
        let sinks: BTreeSet<String> = reached.into_values().collect();
        if count > 1 {
            let mut listed: Vec<String> = sinks.iter().take(4).cloned().collect();
            if sinks.len() > 4 {
                listed.push(format!("{} more", sinks.len() - 4));
            }
            let sinks = listed.join("; ");
            p.site(function.file, at, ID, finding, Resolution::Reported(Reason::TokenSideEffects { sinks }));
            return true;
        }
    }
    let whys: Vec<(FnId, String)> = run
        .graph
        .members(function)
        .into_iter()
        .map(|m| (m, format!("the framework passes a {what} the request's token, and {}", why_for(p, &need, m))))
        .collect();
    let why_of = |m: FnId| whys.iter().find(|(f, _)| *f == m).map_or_else(String::new, |(_, w)| w.clone());
    let result = match mocks::setups_of(p, &run.graph.members(function)) {
        Err(r) => Err(r),
        Ok(_) => p.add_token_parameter(function, TokenBinding::Framework, ID, &why_of),
    };
    match result {
        Ok(()) => {
            run.queue.extend(run.graph.members(function));
            true
        }
        Err(reason) => {
            p.site(function.file, at, ID, finding, Resolution::Reported(reason));
            false
        }
    }
}

/// Handles the calls and loops whose token is `owner`'s. `threads`: the owner's token is a parameter, so
/// solution methods on the way to a sink may get one too; otherwise the owner only passes what it holds.
fn visit(p: &mut Planner, run: &mut Run, owner: FnId, threads: bool) {
    let calls = owned_calls(p, owner);
    for call in &calls {
        handle_call(p, run, owner, &calls, *call, threads);
    }
    for l in owned_loops(p, owner) {
        handle_loop(p, run, owner, l);
    }
}

/// The token for code at `function`/`offset` owned by `owner`, or why none is passed there (reported or left
/// alone on the site, `finding`). `None` when there simply is none. `fallback`: what held code passes when it
/// holds nothing else.
fn token_for(
    p: &mut Planner,
    fallback: Option<&'static str>,
    owner: FnId,
    file: FileId,
    function: Option<u32>,
    offset: usize,
    site: (std::ops::Range<usize>, &Finding),
) -> Option<String> {
    let (range, finding) = site;
    match scope::token_at(p, file, function, offset) {
        Choice::Param(t) | Choice::Held(t) => {
            if scope::test_picks_tokens(p, owner) {
                p.site(file, range, ID, finding.clone(), Resolution::LeftAlone(Reason::TokenTestIntent));
                return None;
            }
            Some(t)
        }
        Choice::Several(names) => {
            let reason = Reason::TokenSeveralInScope { names: names.join(", ") };
            p.site(file, range, ID, finding.clone(), Resolution::Reported(reason));
            None
        }
        Choice::Hidden => {
            p.site(file, range, ID, finding.clone(), Resolution::Reported(Reason::TokenHidden));
            None
        }
        Choice::Nothing => fallback.map(String::from),
    }
}

fn handle_call(p: &mut Planner, run: &mut Run, owner: FnId, owner_calls: &[CallId], call: CallId, threads: bool) {
    let c = p.index.call(call);
    let range = c.range;
    let name = c.name;
    let function = c.context.function;
    // The function whose token parameter is passed (none for a token held otherwise, which keeps nothing alive).
    let token_owner = p.token_scope_owner(call.file, function).filter(|o| p.token_param(*o).is_some());
    match classify(p, call) {
        Callee::Accepts { insert, callee, sink, task_like, .. } => {
            let finding = Finding::CallAcceptsToken { callee: callee.clone() };
            if let Some(reason) = placement::blocker(p, call, task_like) {
                return p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
            }
            if scope::sibling_passes(p, owner_calls, call) {
                let reason = Reason::TokenOmittedDeliberately { callee };
                return p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
            }
            let site = (range.range(), &finding);
            let Some(token) = token_for(p, run.fallback, owner, call.file, function, range.start(), site) else {
                return;
            };
            let reach = if sink { Reach::Sink } else { Reach::Forward };
            run.intents.push(Intent {
                target: Target::Call { call, insert, token },
                owner: token_owner,
                reach,
                finding,
            });
        }
        Callee::Passes { arg, callee } => {
            let value = arg.split_once(':').filter(|(n, _)| !n.contains('(')).map_or(arg.as_str(), |(_, v)| v).trim();
            let reason = if value == "CancellationToken.None" || value == "default" || value.starts_with("default(") {
                Reason::PassesOwnValue { arg }
            } else {
                Reason::AlreadyPasses { arg }
            };
            p.site(call.file, range.range(), ID, Finding::CallTakesToken { callee }, Resolution::LeftAlone(reason));
        }
        Callee::Unavailable { why, callee } | Callee::Refused { why, callee } => {
            p.site(call.file, range.range(), ID, Finding::CallCouldTakeToken { callee }, Resolution::LeftAlone(why));
        }
        Callee::Possible(reason) => {
            let finding = Finding::CallMayTakeToken { callee: name.to_string() };
            p.site(call.file, range.range(), ID, finding, Resolution::Reported(reason));
        }
        Callee::Solution(targets) if threads => thread_into(p, run, owner, call, &targets),
        Callee::Unproven(targets) if threads => {
            if let Some(t) = targets.iter().find(|t| run.graph.needs(**t).is_some()) {
                let callee = p.index.function(*t).name.to_string();
                let finding = Finding::CallWouldNeedToken { callee: callee.clone() };
                let reason = Reason::TokenArgumentsUnproven { callee };
                p.site(call.file, range.range(), ID, finding, Resolution::Reported(reason));
            }
        }
        Callee::Unresolved(cands) if threads => run.unresolved.push((call, cands)),
        // A Task.Run that task-run-async unwraps in this run is gone from the output.
        Callee::Nothing
            if placement::is_scheduler(c)
                && p.token_argument(call).is_none()
                && p.restructured(call.file, c.range.start()) != Some(&crate::plan::Restructured::TaskRunUnwrapped) =>
        {
            let callee = if name == "StartNew" { "Task.Factory.StartNew".to_string() } else { format!("Task.{name}") };
            let finding = Finding::SchedulerCall { callee };
            p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(Reason::TokenSchedulerArgument));
        }
        _ => {}
    }
}

/// A call to solution methods without a token, from code whose token (`owner`'s) is a parameter: the callee gets
/// one if it reaches a sink within the limits, and the call passes it.
fn thread_into(p: &mut Planner, run: &mut Run, owner: FnId, call: CallId, targets: &[FnId]) {
    let c = p.index.call(call);
    let range = c.range;
    let name = c.name;
    let function = c.context.function;
    let token_owner = p.token_scope_owner(call.file, function).filter(|o| p.token_param(*o).is_some());
    let target = targets.iter().copied().find(|t| p.token_param(*t).is_some()).unwrap_or(targets[0]);
    let need = run.graph.needs(target).cloned();
    let finding = Finding::CallWouldNeedToken { callee: name.to_string() };
    if p.token_param(target).is_none() && need.is_none() {
        // It reaches a sink, but cannot take a token on the way: say why, where the callee itself is the reason.
        let reaches = run.graph.node_of.get(&target).is_some_and(|n| run.graph.reaches[*n]);
        if let Some(reason) = blocker(p, target).filter(|_| reaches) {
            run.sited.insert(call);
            p.site(call.file, range.range(), ID, finding, Resolution::Reported(reason));
        }
        return;
    }
    run.sited.insert(call);
    if let Some(reason) = placement::blocker(p, call, returns_task(p, target)) {
        return p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
    }
    if p.token_param(target).is_none() {
        let need = need.expect("checked above");
        if need.depth + 1 > run.hops {
            run.deferred.push(Deferred::Call { owner, call, targets: targets.to_vec() });
            return;
        }
        let members = run.graph.members(target);
        let whys: Vec<(FnId, String)> = members.iter().map(|m| (*m, why_for(p, &need, *m))).collect();
        let why_of = |m: FnId| whys.iter().find(|(f, _)| *f == m).map_or_else(String::new, |(_, w)| w.clone());
        let result = match blocker(p, target) {
            Some(r) => Err(r),
            None => p.add_token_parameter(target, TokenBinding::Callers, ID, &why_of),
        };
        if let Err(reason) = result {
            return p.site(call.file, range.range(), ID, finding, Resolution::Reported(reason));
        }
        run.queue.extend(members);
    }
    let Some(param) = p.token_param(target) else { return };
    if p.token_argument(call).is_some() {
        return;
    }
    let Some(insert) = p.token_insert_for(call, target, param.index, param.added) else { return };
    let finding = Finding::CallNowTakesToken { callee: name.to_string() };
    if scope::sibling_passes(p, &owned_calls(p, owner), call) {
        let reason = Reason::TokenOmittedDeliberately { callee: name.to_string() };
        return p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
    }
    let Some(owner) = token_owner else { return };
    let site = (range.range(), &finding);
    let Some(token) = token_for(p, None, owner, call.file, function, range.start(), site) else { return };
    let reach = if param.added { Reach::Through(target) } else { Reach::Sink };
    run.intents.push(Intent { target: Target::Call { call, insert, token }, owner: token_owner, reach, finding });
}

fn handle_loop(p: &mut Planner, run: &mut Run, owner: FnId, index: u32) {
    let facts = &p.index.file(owner.file).facts;
    let l = &facts.async_foreach[index as usize];
    let (range, function, cleanup) = (l.range, l.function, l.cleanup);
    let finding = Finding::AwaitForeachWithoutToken;
    match sequence(p, owner.file, index) {
        Sequence::Handled => return,
        Sequence::Unknown => {
            if matches!(scope::token_at(p, owner.file, function, range.start()), Choice::Param(_) | Choice::Held(_)) {
                let reason = Reason::TokenSequenceTypeUnknown;
                p.site(owner.file, range.range(), ID, finding, Resolution::Reported(reason));
            }
            return;
        }
        Sequence::Enumerable => {}
    }
    if let Some(reason) = placement::context_blocker(p, owner.file, function, cleanup) {
        return p.site(owner.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
    }
    let site = (range.range(), &finding);
    let Some(token) = token_for(p, run.fallback, owner, owner.file, function, range.start(), site) else { return };
    let token_owner = p.token_scope_owner(owner.file, function).filter(|o| p.token_param(*o).is_some());
    run.intents.push(Intent {
        target: Target::Loop { file: owner.file, index, token },
        owner: token_owner,
        reach: Reach::Sink,
        finding,
    });
}

/// A token parameter is added only where its token reaches a sink in this run: from the planned passes, the
/// groups whose members pass a token to a sink, or to a method that does, keep theirs; the others are taken back,
/// with the passes of their tokens and the passes into them, and reported.
fn drop_dead_chains(p: &mut Planner, graph: &Graph, intents: Vec<Intent>) -> Vec<Intent> {
    let node = |f: FnId| graph.node_of.get(&f).copied();
    // Code another transform writes in this run passes the token of its function on (`Planner::token_sink`).
    let mut live: BTreeSet<usize> =
        graph.node_of.iter().filter(|(f, _)| p.token_sink(**f).is_some()).map(|(_, n)| *n).collect();
    loop {
        let before = live.len();
        for i in &intents {
            let Some(owner) = i.owner.and_then(node) else { continue };
            let alive = match &i.reach {
                Reach::Sink => true,
                Reach::Through(t) => node(*t).is_some_and(|k| live.contains(&k)),
                Reach::Forward => false,
            };
            if alive {
                live.insert(owner);
            }
        }
        if live.len() == before {
            break;
        }
    }
    let added: Vec<FnId> = graph.node_of.keys().copied().filter(|f| p.token_parameter_added(*f)).collect();
    let mut dead: BTreeSet<FnId> = BTreeSet::new();
    for f in added {
        if node(f).is_some_and(|n| live.contains(&n)) {
            continue;
        }
        dead.insert(f);
    }
    if dead.is_empty() {
        return intents;
    }
    let why = Reason::TokenWouldBeDead;
    let groups: BTreeSet<usize> = dead.iter().filter_map(|f| node(*f)).collect();
    for n in groups {
        let members = graph.nodes[n].members.clone();
        p.retract_token_parameters(&members, &why);
        for m in members {
            let f = p.index.function(m);
            let at = f.report_range();
            let what = if f.kind == FunctionKind::Lambda { "request handler".to_string() } else { f.name.to_string() };
            p.site(m.file, at, ID, Finding::TakesNoToken { what }, Resolution::Reported(why.clone()));
        }
    }
    intents
        .into_iter()
        .filter(|i| {
            let from_dead = i.owner.is_some_and(|o| p.token_param(o).is_none());
            let into_dead = matches!(&i.reach, Reach::Through(t) if p.token_param(*t).is_none());
            !from_dead && !into_dead
        })
        .collect()
}

/// Calls of the functions that now take a token, from code whose token parameter is in scope: they pass it, where
/// the call reaches the function by its argument types and the placement rules allow.
fn pass_to_added(
    p: &mut Planner,
    mut intents: Vec<Intent>,
    sited: &BTreeSet<CallId>,
    held: &BTreeMap<FnId, Option<&'static str>>,
) -> Vec<Intent> {
    let planned: BTreeSet<CallId> = intents
        .iter()
        .filter_map(|i| match &i.target {
            Target::Call { call, .. } => Some(*call),
            Target::Loop { .. } => None,
        })
        .collect();
    let mut names: Vec<crate::atom::Atom> = p
        .index
        .parsed_files()
        .flat_map(|(file, f)| (0..f.facts.functions.len() as u32).map(move |index| FnId { file, index }))
        .filter(|f| p.token_parameter_added(*f))
        .map(|f| p.index.function(f).name)
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        let calls: Vec<CallId> = p.index.calls_named(&name).to_vec();
        for call in calls {
            let skip = planned.contains(&call) || sited.contains(&call) || p.index.call(call).mock_configuration;
            if skip || p.token_argument(call).is_some() {
                continue;
            }
            if let Some(intent) = pass_to_added_call(p, call, held) {
                intents.push(intent);
            }
        }
    }
    intents
}

/// A call of a function that now takes a token, from code whose token is a parameter or that holds one (`held`,
/// with what it falls back on).
fn pass_to_added_call(p: &mut Planner, call: CallId, held: &BTreeMap<FnId, Option<&'static str>>) -> Option<Intent> {
    let c = p.index.call(call);
    let range = c.range;
    let function = c.context.function;
    let token_owner = p.token_scope_owner(call.file, function)?;
    let fallback = match held.get(&token_owner) {
        Some(fallback) => *fallback,
        None => {
            p.token_param(token_owner)?;
            None
        }
    };
    let Some(targets) = p.token_call_targets(call) else {
        if let CallTarget::Unknown(cands) = p.index.resolve_call(call) {
            let target = cands.iter().copied().find(|t| p.token_parameter_added(*t))?;
            p.token_in_scope(call.file, function)?;
            let callee = p.index.function(target).name.to_string();
            p.site(
                call.file,
                range.range(),
                ID,
                Finding::CallMayReachNewTokenParameter { callee },
                Resolution::Reported(Reason::MayBeNewTokenMethod),
            );
        }
        return None;
    };
    let target = targets.iter().copied().find(|t| p.token_parameter_added(*t))?;
    let callee = p.index.function(target).name.to_string();
    let finding = Finding::CallNowTakesToken { callee: callee.clone() };
    let has_token = fallback.is_some()
        || matches!(scope::token_at(p, call.file, function, range.start()), Choice::Param(_) | Choice::Held(_));
    match fit::call_reaches(p, call, target) {
        Fit::No => return None,
        Fit::Unknown => {
            if has_token {
                let reason = Reason::TokenArgumentsUnproven { callee };
                p.site(call.file, range.range(), ID, finding, Resolution::Reported(reason));
            }
            return None;
        }
        Fit::Yes => {}
    }
    if !has_token {
        return None;
    }
    if let Some(reason) = placement::blocker(p, call, returns_task(p, target)) {
        p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
        return None;
    }
    let owner_calls = owned_calls(p, token_owner);
    if scope::sibling_passes(p, &owner_calls, call) {
        let reason = Reason::TokenOmittedDeliberately { callee };
        p.site(call.file, range.range(), ID, finding, Resolution::LeftAlone(reason));
        return None;
    }
    let param = p.token_param(target)?;
    let insert = p.token_insert_for(call, target, param.index, true)?;
    if matches!(insert, ArgInsert::Before(_)) {
        return None;
    }
    let token = token_for(p, fallback, token_owner, call.file, function, range.start(), (range.range(), &finding))?;
    let owner = p.token_param(token_owner).map(|_| token_owner);
    Some(Intent { target: Target::Call { call, insert, token }, owner, reach: Reach::Through(target), finding })
}

/// Every test-double configuration of a member that now takes a token gets the library's any-matcher.
fn update_test_doubles(p: &mut Planner) {
    let added: Vec<FnId> = p
        .index
        .parsed_files()
        .flat_map(|(file, f)| (0..f.facts.functions.len() as u32).map(move |index| FnId { file, index }))
        .filter(|f| p.token_parameter_added(*f))
        .collect();
    let mut seen: BTreeSet<FnId> = BTreeSet::new();
    for f in added {
        if seen.contains(&f) {
            continue;
        }
        let members = group(p, f);
        seen.extend(members.iter().copied());
        let Ok(setups) = mocks::setups_of(p, &members) else { continue };
        for (call, library) in setups {
            let Some(target) = members.iter().copied().find(|m| {
                let mf = p.index.function(*m);
                mf.name == p.index.call(call).name && mf.accepts_arity(p.index.call(call).arity as usize)
            }) else {
                continue;
            };
            let Some(param) = p.token_param(target) else { continue };
            let Some(insert) = p.token_insert_for(call, target, param.index, true) else { continue };
            let callee = p.index.function(target).name.to_string();
            p.note_using(call.file, "System.Threading");
            p.note_using(call.file, library.namespace());
            let finding = Finding::MockSetupOfTokenMember { callee };
            p.pass_token(call, insert, library.any_token(), ID, finding);
        }
    }
}
