//! async-alternative: in async code, a call to a synchronous method that has an async alternative (`File.ReadAllText`
//! → `File.ReadAllTextAsync`, `repo.Load(id)` → `repo.LoadAsync(id)` when the solution declares it) becomes an
//! `await` of the alternative, with the token in scope where the alternative takes one; a `using` of a type that
//! implements `IAsyncDisposable` becomes `await using`.

mod apis;
mod lock;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use tree_sitter::Node;

use super::{FileInput, Status, Transform};
use crate::edit::Edit;
use crate::index::facts::{type_expr, CallSite, FileFacts, FunctionKind, Param, TypeExpr};
use crate::index::{library, CallId, CallTarget, FileId, FnId};
use crate::model::{Context, Finding, Reason, Resolution, TransformId};
use crate::plan::{access_level, is_token_type, Planner};
use crate::syntax::mentions::Mentions;
use crate::syntax::walk::{self, Path, Visitor};
use crate::syntax::{self, field, kinds, simple_type_name, text};

pub const ID: TransformId = TransformId::new(4, "async-alternative");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "in async code, synchronous calls with an async alternative → `await` of the alternative; `using` → `await using`",
    status: Status::Preview,
    readme: include_str!("../../../transforms/async-alternative/README.md"),
    // Calls and usings are in async code; locks are found by their keyword.
    triggers: &[r"\basync\b", r"\block\s*\("],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<Site>(detections, ID), p),
};

/// Library types that work in memory: their async methods and `DisposeAsync` free no thread, and switching to them
/// would only add noise.
const IN_MEMORY: &[&str] = &["MemoryStream", "UnmanagedMemoryStream", "StringWriter", "StringReader"];

#[derive(Clone, Debug)]
pub enum Site {
    /// A call (index into the file's calls) in async code, or in a lambda inside it, that is not awaited. Most
    /// sites are these, kept until the run ends: the rarer kinds are boxed, so a site is two words.
    Call(u32),
    /// A `using` statement or declaration in an async function.
    Using(Box<UsingSite>),
    /// The `lock` statements of a class on one object, some around a blocking wait.
    Lock(Box<lock::LockGroup>),
}

#[derive(Clone, Debug)]
pub struct UsingSite {
    /// Where `using` is written.
    pub at: usize,
    pub range: Range<usize>,
    pub function: u32,
    pub containing_type: Option<u32>,
    /// The type of what it disposes, as the syntax tells.
    pub disposed: TypeExpr,
    /// Something between it and its function that no `await` may enter.
    pub blocker: Option<Context>,
}

/// A call that may have an async alternative, wherever it is.
fn candidate_call(c: &CallSite) -> bool {
    !c.awaited && !c.name.ends_with("Async") && !c.mock_configuration
}

/// Whether code in `function` runs in async code: in an async function, or a function inside one, as far as
/// `is_async` tells.
fn in_async_code(facts: &FileFacts, mut function: Option<u32>, is_async: impl Fn(u32) -> bool) -> bool {
    while let Some(f) = function {
        if is_async(f) {
            return true;
        }
        function = facts.functions[f as usize].parent;
    }
    false
}

pub fn detect(input: &FileInput) -> Vec<Site> {
    let facts = input.facts;
    let written_async = |f: u32| facts.functions[f as usize].is_async();
    let mut out: Vec<Site> = facts
        .calls
        .iter()
        .enumerate()
        .filter(|(_, c)| candidate_call(c))
        .filter(|(_, c)| c.context.top_level || in_async_code(facts, c.context.function, written_async))
        .map(|(i, _)| Site::Call(i as u32))
        .collect();
    let src = input.source.text();
    let mut finder = SiteFinder {
        input,
        src,
        mentions: Mentions::of(src, &["lock", "using"]),
        usings: Vec::new(),
        locks: Vec::new(),
    };
    walk::walk(input.tree.root_node(), &mut finder);
    out.extend(lock::detect(input, &finder.locks).into_iter().map(|g| Site::Lock(Box::new(g))));
    // In the order planning has always taken them: an enclosing statement before what it encloses, and of two
    // apart the later one first.
    finder.usings.sort_by(|(a, _), (b, _)| b.end.cmp(&a.end).then(a.start.cmp(&b.start)));
    out.extend(finder.usings.into_iter().map(|(_, site)| Site::Using(Box::new(site))));
    out
}

/// Finds the `using` sites and the `lock` statements of a tree in one walk with one cursor.
struct SiteFinder<'i, 't> {
    input: &'i FileInput<'t>,
    src: &'i str,
    /// Where `lock` and `using` are written: each site begins with one, and the walk passes over the rest.
    mentions: Mentions,
    /// Each site with the range of its statement.
    usings: Vec<(Range<usize>, UsingSite)>,
    locks: Vec<Node<'t>>,
}

impl<'t> Visitor<'t> for SiteFinder<'_, 't> {
    type State = ();

    fn enter(&mut self, node: Node<'t>, _: &Path<'_, 't, ()>) -> Option<()> {
        if !self.mentions.within(node.byte_range()) {
            return None;
        }
        if syntax::kind(node) == kinds::LOCK {
            self.locks.push(node);
        } else if let Some(site) = using_site(node, self.input, self.src) {
            self.usings.push((node.byte_range(), site));
        }
        Some(())
    }
}

/// A `using (…)` statement or `using var` declaration in a function, not yet `await using`.
fn using_site(node: Node, input: &FileInput, src: &str) -> Option<UsingSite> {
    let kind = syntax::kind(node);
    let keyword = match kind {
        "using_statement" => node.child(0).filter(|k| text(*k, src) == "using")?,
        // `using var x = …;` (`await using` is done already): most local declarations are neither, and a look at the
        // first token spares them a cursor.
        "local_declaration_statement" => node.child(0).filter(|k| !k.is_named() && text(*k, src) == "using")?,
        _ => return None,
    };
    let mut c = node.walk();
    let awaited = node.children(&mut c).any(|k| !k.is_named() && text(k, src) == "await");
    if awaited {
        return None;
    }
    let facts = input.facts;
    // In any function, async or not: one that another transform makes async in this run gets its `await using`
    // in the same run (planning asks whether the function is async by then), so a second run finds nothing.
    let function = facts.function_at(&node.byte_range())?;
    let func = &facts.functions[function as usize];
    let lookup = |name: &str| facts.local_type(Some(function), name).cloned();
    let mut c = node.walk();
    let declaration = node.named_children(&mut c).find(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATION);
    let disposed = match declaration {
        Some(d) => {
            let declared = field(d, "type").filter(|t| syntax::kind(*t) != "implicit_type");
            let mut dc = d.walk();
            let declarators: Vec<Node> =
                d.named_children(&mut dc).filter(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATOR).collect();
            match (declared, declarators.as_slice()) {
                (Some(t), _) => TypeExpr::Written(text(t, src).into()),
                (None, [one]) => {
                    let name = field(*one, "name");
                    let init =
                        one.named_children(&mut one.walk()).last().filter(|n| Some(n.id()) != name.map(|n| n.id()));
                    init.map_or(TypeExpr::Unknown, |e| type_expr(e, src, &lookup))
                }
                _ => TypeExpr::Unknown,
            }
        }
        None => {
            // `using (expression) …`
            let mut c = node.walk();
            let expr = node.named_children(&mut c).find(|n| Some(n.id()) != field(node, "body").map(|b| b.id()));
            expr.map_or(TypeExpr::Unknown, |e| type_expr(e, src, &lookup))
        }
    };
    Some(UsingSite {
        at: keyword.start_byte(),
        range: node.start_byte()..keyword.end_byte(),
        function,
        containing_type: func.containing_type,
        disposed,
        blocker: blocker_between(node, func.range.start(), src),
    })
}

/// A construct between `node` and the function starting at `function_start` that no `await` may enter.
fn blocker_between(node: Node, function_start: usize, _src: &str) -> Option<Context> {
    let mut at = node.parent();
    while let Some(n) = at {
        if n.start_byte() < function_start {
            break;
        }
        match syntax::kind(n) {
            kinds::LOCK => return Some(Context::Lock),
            kinds::UNSAFE => return Some(Context::Unsafe),
            "catch_filter_clause" => return Some(Context::CatchFilter),
            kinds::QUERY => return Some(Context::Query),
            _ => {}
        }
        at = n.parent();
    }
    None
}

pub fn plan(sites: &[(FileId, &Site)], p: &mut Planner) {
    for (file, site) in sites {
        match site {
            Site::Call(index) => plan_call(p, CallId { file: *file, index: *index }),
            Site::Using(u) => plan_using(p, *file, u),
            Site::Lock(group) => lock::plan_boundaries(p, *file, group),
        }
    }
    plan_calls_in_functions_made_async(p);
}

/// The calls in code another transform makes async in this run (a `void Main` that awaits now): sites as in code
/// async as written, or a second run would switch them.
fn plan_calls_in_functions_made_async(p: &mut Planner) {
    let mut made: BTreeMap<FileId, BTreeSet<u32>> = BTreeMap::new();
    for f in p.converted_functions() {
        made.entry(f.file).or_default().insert(f.index);
    }
    for (file, made) in made {
        let facts = &p.index.file(file).facts;
        let written_async = |f: u32| facts.functions[f as usize].is_async();
        let calls: Vec<u32> = (0..facts.calls.len() as u32)
            .filter(|i| {
                let c = &facts.calls[*i as usize];
                candidate_call(c)
                    && !c.context.top_level
                    && !in_async_code(facts, c.context.function, written_async)
                    && in_async_code(facts, c.context.function, |f| made.contains(&f))
            })
            .collect();
        for index in calls {
            let id = CallId { file, index };
            // A call the conversion itself awaits (it became async too) is fixed already.
            if p.has_call_fix(id) || p.awaits_at(file, p.index.call(id).range.start()) {
                continue;
            }
            plan_call(p, id);
        }
    }
}

/// Locks around blocking waits: planned before sync-over-async, which then leaves the waits the rewrite awaits.
pub fn plan_locks(detections: &[super::Detected], p: &mut Planner) {
    for (file, site) in super::sites_of::<Site>(detections, ID) {
        if let Site::Lock(group) = site {
            lock::plan(p, file, group);
        }
    }
}

/// What a call switches to.
struct Alternative {
    /// `File.ReadAllTextAsync`, `repo.LoadAsync`: for messages.
    callee: String,
    sibling: String,
    /// The name written in place of the method's.
    async_name: String,
    /// The alternative takes an optional token; its parameter's name, for a call with named arguments.
    token: Option<String>,
    /// An Entity Framework query operator: inside a lambda it is part of an expression tree.
    query: bool,
}

fn plan_call(p: &mut Planner, id: CallId) {
    let c = p.index.call(id);
    if is_test_code(p, id.file, c.containing_type) {
        return;
    }
    let found = match p.index.resolve_call(id) {
        CallTarget::Solution(targets) if targets.len() == 1 => solution_alternative(p, id, targets[0]),
        CallTarget::External | CallTarget::NoCandidate => library_alternative(p, id),
        _ => None,
    };
    let Some((alternative, refused)) = found else { return };
    let file = id.file;
    let finding =
        Finding::HasAsyncAlternative { callee: alternative.callee.clone(), sibling: alternative.sibling.clone() };
    let report =
        |p: &mut Planner, why: Reason| p.site(file, c.range.range(), ID, finding.clone(), Resolution::Reported(why));
    // Where `await` would go: the innermost function must be async, or top-level code.
    let innermost = c.context.function.map(|index| FnId { file, index });
    let awaitable_here = c.context.top_level || innermost.is_some_and(|f| p.is_async_now(f));
    if !awaitable_here {
        // Not worth a word: a lambda handed to Task.Run runs its synchronous work on the pool on purpose, and one
        // handed to a LINQ operator may be an expression tree (an EF subquery) that must stay synchronous.
        let quiet = alternative.query || innermost.is_some_and(|f| offloaded_or_query_lambda(p, f));
        if quiet {
            return;
        }
        return report(p, Reason::InSyncLambda);
    }
    if let Some(why) = refused {
        return report(p, why);
    }
    if let Some(context) = c.context.blocker {
        // A query expression's clauses are lambdas of the same kind.
        if context == Context::Query {
            return;
        }
        return report(p, Reason::CannotAwaitIn { context });
    }
    if c.conditional {
        return report(p, Reason::ConditionalCall);
    }
    if c.in_error_region {
        return report(p, Reason::CodeDoesNotParse);
    }
    if let Some(why) = p.read_only(file) {
        return report(p, Reason::FileUntouchable { why: why.to_string() });
    }
    // Another transform already decided what this call becomes.
    if p.has_call_fix(id) || p.awaits_at(file, c.range.start()) {
        return;
    }
    let Some(args) = c.args_range else { return report(p, Reason::CodeDoesNotParse) };
    p.edit(file, Edit::replace(c.name_range.range(), alternative.async_name.clone(), ID));
    if let Some(param) = &alternative.token {
        let named = c.arguments.iter().any(|a| a.name.is_some());
        let prefix = match (c.arguments.is_empty(), named) {
            (true, _) => String::new(),
            (false, false) => ", ".to_string(),
            (false, true) => format!(", {param}: "),
        };
        let prefix = if c.arguments.is_empty() && named { format!("{param}: ") } else { prefix };
        let token = p.deferred_token(file, c.context.function, &prefix, "");
        p.edit(file, Edit::replace(args.end() - 1..args.end() - 1, token, ID));
    }
    let configure = configures_awaits(p, file, c.context.function);
    let len = c.range.len();
    let suffix = if configure { ".ConfigureAwait(false)" } else { "" };
    if c.needs_parens {
        p.edit(file, Edit::open(c.range.start(), "(await ", len, ID));
        p.edit(file, Edit::close(c.range.end(), format!("{suffix})"), len, ID));
    } else {
        p.edit(file, Edit::open(c.range.start(), "await ", len, ID));
        if configure {
            p.edit(file, Edit::close(c.range.end(), suffix, len, ID));
        }
    }
    p.note_await(file, c.range.start());
    let how = format!("awaits {}", alternative.sibling);
    p.site(file, c.range.range(), ID, finding, Resolution::Fixed(how));
}

/// Test attributes beyond the index's list: xunit extensions that skip a test on a condition (EF Core, ASP.NET Core).
const MORE_TEST_ATTRIBUTES: &[&str] = &["ConditionalFact", "ConditionalTheory", "SkippableFact", "SkippableTheory"];

/// Whether code in `file`, in the type `containing_type`, is test code: tests often call the synchronous API on
/// purpose, to test it (EF Core's tests run each operation both ways), so what they exercise is theirs to choose. A
/// test project, a project named as one, or a type that declares test methods.
fn is_test_code(p: &Planner, file: FileId, containing_type: Option<u32>) -> bool {
    let f = p.index.file(file);
    if f.settings.holds_tests() {
        return true;
    }
    let Some(ct) = containing_type else { return false };
    let is_test_attribute = |a: &crate::atom::Atom| {
        library::TEST_ATTRIBUTES.contains(&a.as_str()) || MORE_TEST_ATTRIBUTES.contains(&a.as_str())
    };
    f.facts
        .functions
        .iter()
        .any(|func| func.containing_type == Some(ct) && func.attributes.iter().any(is_test_attribute))
}

/// Whether the lambda `f` is handed to `Task.Run`, or to a LINQ operator (its parameter is the sequence's element).
fn offloaded_or_query_lambda(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    func.task_run_lambda
        || func.locals.first().is_some_and(
            |l| matches!(&*l.ty, TypeExpr::LambdaParam { method, .. } if library::lambda_takes_element(method)),
        )
}

/// Whether the code around `function` configures its awaits (`.ConfigureAwait(false)`): a new await there must
/// too, or it would resume on the caller's context where the others do not.
fn configures_awaits(p: &Planner, file: FileId, function: Option<u32>) -> bool {
    let facts = &p.index.file(file).facts;
    let mut outermost = function;
    let mut at = function;
    while let Some(f) = at {
        outermost = Some(f);
        at = facts.functions[f as usize].parent;
    }
    let Some(range) = outermost.map(|f| facts.functions[f as usize].range) else { return false };
    // The facts tell whether it calls ConfigureAwait at all; only then is the text read (it may have been put
    // aside, and reading it back keeps it for the rest of the run).
    let calls_it = facts.calls_within(range).iter().any(|c| c.name == "ConfigureAwait" && c.arity == 1);
    calls_it && p.index.file(file).source.text()[range.range()].contains(".ConfigureAwait(false)")
}

/// The async sibling of the solution method `f` that the call `id` reaches: `{name}Async` declared beside it,
/// taking the same parameters (and at most an optional token more), returning a task of `f`'s result; or else an
/// extension method of that name that the call's receiver would reach. With it, why the call cannot switch, if it
/// cannot.
fn solution_alternative(p: &Planner, id: CallId, f: FnId) -> Option<(Alternative, Option<Reason>)> {
    let func = p.index.function(f);
    if func.kind != FunctionKind::Method || library::is_task_like(&func.return_type) {
        return None;
    }
    let own_type = p.index.containing_type(f).map(|t| p.index.type_decl(t).name)?;
    let name = format!("{}Async", func.name);
    let c = p.index.call(id);
    let mut refusal = None;
    let mut chosen = None;
    for s in p.index.functions_in_type(&own_type, &name) {
        let sib = p.index.function(s);
        // A local function of that name is no member a caller could switch to.
        if s == f || sib.kind != FunctionKind::Method {
            continue;
        }
        let label = format!("{own_type}.{name}");
        let fit = sibling_fit(p, f, s, &sib.params, &func.params, &label, true);
        // The call is the alternative's own body, or inside it: switching would make it call itself.
        if !matches!(fit, Fit::OtherApi) && within(p, id, s) {
            return None;
        }
        match fit {
            Fit::OtherApi => {}
            Fit::Refused(why) => refusal = refusal.or(Some((label, why))),
            Fit::Fits(token) => {
                chosen = Some((label, token));
                break;
            }
        }
    }
    let callee = format!("{own_type}.{}", c.name);
    match (chosen, refusal) {
        (Some((sibling, token)), _) => {
            Some((Alternative { callee, sibling, async_name: name, token, query: false }, None))
        }
        (None, Some((sibling, why))) => {
            Some((Alternative { callee, sibling, async_name: name, token: None, query: false }, Some(why)))
        }
        (None, None) => extension_alternative(p, id, f, callee, name),
    }
}

/// An async sibling that is an extension method (`static Task SaveAsync(this Order o)` in a static class the file
/// sees): the one `receiver.{name}(…)` would reach, taking the receiver and then `f`'s parameters (less `f`'s own
/// `this` when `f` is an extension too).
fn extension_alternative(
    p: &Planner,
    id: CallId,
    f: FnId,
    callee: String,
    name: String,
) -> Option<(Alternative, Option<Reason>)> {
    let func = p.index.function(f);
    let own_this = func.params.first().is_some_and(|p| p.modifiers.iter().any(|m| m == "this"));
    // A static method is called on its type, not on a value an extension could take.
    if func.has_modifier("static") && !own_this {
        return None;
    }
    let c = p.index.call(id);
    let s = p.index.extension_for_call(id, &name, c.arity as usize)?;
    if s == f || within(p, id, s) {
        return None;
    }
    let sib = p.index.function(s);
    let class = p.index.containing_type(s).map(|t| p.index.type_decl(t).name)?;
    let label = format!("{class}.{name}");
    let mine = &func.params[usize::from(own_this)..];
    let alternative =
        |token| Alternative { callee, sibling: label.clone(), async_name: name.clone(), token, query: false };
    // The index found it accessible from the call, and an extension is static whatever `f` is.
    match sibling_fit(p, f, s, &sib.params[1..], mine, &label, false) {
        Fit::OtherApi => None,
        Fit::Refused(why) => Some((alternative(None), Some(why))),
        Fit::Fits(token) => Some((alternative(token), None)),
    }
}

/// How the method `s` fits as the async form of `f`.
enum Fit {
    /// Its parameters are of other types: another API.
    OtherApi,
    /// It is the async form, and the call cannot switch to it.
    Refused(Reason),
    /// It is the async form, taking an optional token by this name, or none.
    Fits(Option<String>),
}

/// Whether `s`, taking `theirs` (its parameters, less an extension's receiver), is the async form of `f`, taking
/// `mine`: the same parameters and at most an optional token after them, returning a task of `f`'s result, not
/// obsolete, as reachable as `f` (static when `f` is, and at least as visible; asked when `same_type`), not running
/// `f` on the pool, and `f` not starting it without waiting.
fn sibling_fit(p: &Planner, f: FnId, s: FnId, theirs: &[Param], mine: &[Param], label: &str, same_type: bool) -> Fit {
    let func = p.index.function(f);
    let sib = p.index.function(s);
    // `KeysAsync` returning an `IAsyncEnumerable` is another API, not this one's async form.
    if !library::is_task_like(&sib.return_type) {
        return Fit::OtherApi;
    }
    let (tokens, rest): (Vec<_>, Vec<_>) = theirs.iter().partition(|p| is_token_type(&p.type_text));
    let types_match = rest.len() == mine.len() && rest.iter().zip(mine).all(|(a, b)| a.type_text == b.type_text);
    if !types_match {
        return Fit::OtherApi;
    }
    let wanted = match func.return_type.trim() {
        "void" => vec!["Task".to_string(), "ValueTask".to_string()],
        t => vec![format!("Task<{t}>"), format!("ValueTask<{t}>")],
    };
    let label = label.to_string();
    let token_ok = tokens.len() <= 1
        && tokens.iter().all(|t| t.has_default)
        && theirs.last().is_none_or(|last| tokens.is_empty() || is_token_type(&last.type_text));
    let names_match = rest.iter().zip(mine).all(|(a, b)| a.name == b.name);
    let why = if !token_ok || !names_match {
        Reason::SiblingParametersDiffer { sibling: label }
    } else if !wanted.iter().any(|w| w == sib.return_type.trim()) {
        Reason::SiblingReturnDiffers { sibling: label, returns: sib.return_type.to_string() }
    } else if sib.attributes.iter().any(|a| a == "Obsolete") {
        Reason::SiblingObsolete { sibling: label }
    } else if same_type
        && (sib.has_modifier("static") != func.has_modifier("static") || access_level(sib) < access_level(func))
    {
        Reason::SiblingNotReachable { sibling: label }
    } else if calls_by_name(p, s, &func.name) {
        Reason::SiblingOffloads { sibling: label }
    } else if starts_without_waiting(p, f, &sib.name) {
        let own_type = p.index.containing_type(f).map(|t| p.index.type_decl(t).name).unwrap_or_default();
        Reason::SyncStartsSibling { callee: format!("{own_type}.{}", func.name), sibling: label }
    } else {
        return Fit::Fits(tokens.first().map(|t| t.name.to_string()));
    };
    Fit::Refused(why)
}

/// Whether the body of `f` calls a method named `name`.
fn calls_by_name(p: &Planner, f: FnId, name: &str) -> bool {
    let range = p.index.function(f).range;
    p.index.file(f.file).facts.calls.iter().any(|c| c.name == name && range.encloses(c.range))
}

/// Whether `f` calls a method named `sibling` other than to block on it at once (`XAsync().Result`,
/// `.Wait()`, `.GetAwaiter().GetResult()`): then `f` returns before that work ends (`_ = Task.Run(() => XAsync())`),
/// and awaiting the sibling instead would wait where the call did not.
fn starts_without_waiting(p: &Planner, f: FnId, sibling: &str) -> bool {
    let range = p.index.function(f).range;
    let file = p.index.file(f.file);
    let src: &str = file.source.text();
    file.facts.calls.iter().filter(|c| c.name == sibling && range.encloses(c.range)).any(|c| {
        let after = src[c.range.end()..].trim_start();
        let after = after.strip_prefix(".ConfigureAwait(false)").unwrap_or(after).trim_start();
        !(after.starts_with(".Result")
            || after.starts_with(".Wait()")
            || after.starts_with(".GetAwaiter().GetResult()"))
    })
}

/// Whether the call `id` is inside the function `f`.
fn within(p: &Planner, id: CallId, f: FnId) -> bool {
    let range = &p.index.function(f).range;
    let c = p.index.call(id);
    id.file == f.file && range.encloses(c.range)
}

/// The library alternative of the call `id`, from the table, by the type of its receiver.
fn library_alternative(p: &Planner, id: CallId) -> Option<(Alternative, Option<Reason>)> {
    let c = p.index.call(id);
    let table = apis::table();
    if !table.knows_method(&c.name) {
        return None;
    }
    let file = id.file;
    let receiver = library_type(p, file, c.containing_type, &c.receiver)?;
    if IN_MEMORY.contains(&receiver.as_str()) {
        return None;
    }
    let (row, type_name) = receiver_types(p, &receiver).into_iter().find_map(|t| {
        let row = table.alternative(&t, &c.name, c.arity as usize)?;
        Some((row, t))
    })?;
    let callee = format!("{type_name}.{}", c.name);
    let async_name = row.async_name.clone().unwrap_or_default();
    let sibling = format!("{type_name}.{async_name}");
    let settings = &p.index.file(file).settings;
    // Where the token overload came later (`ReadToEndAsync`, .NET 7), it is used where it exists: else the
    // cancellation-token transform would add the token on the next run.
    let takes_token =
        row.token || row.token_since.as_deref().is_some_and(|s| apis::available(Some(s), "", settings).is_ok());
    let token = takes_token.then(|| "cancellationToken".into());
    let mut alternative = Alternative { callee, sibling, async_name, token, query: row.ef };
    if let Some(why) = &row.by_hand {
        alternative.sibling = "HttpClient's async methods".into();
        return Some((alternative, Some(Reason::AlternativeByHand { why: why.clone() })));
    }
    if row.ef
        && !(p.index.file_imports(file, "Microsoft.EntityFrameworkCore")
            && rooted_in_db_set(p, file, c.containing_type, &c.receiver))
    {
        return None;
    }
    if row.string_args && !c.arguments.iter().all(|a| is_text(p, file, c.containing_type, a.range.range(), &a.value)) {
        return None;
    }
    let refused = apis::available(row.since.as_deref(), &alternative.sibling, settings).err();
    Some((alternative, refused))
}

/// The simple name of the library type an expression has, as the index or the table can tell (`File` for the
/// static receiver, `FileStream` for `File.OpenRead(p)`).
fn library_type(p: &Planner, file: FileId, ct: Option<u32>, expr: &TypeExpr) -> Option<String> {
    if let Some(t) = p.index.resolve_type(file, ct, expr) {
        return Some(simple_type_name(&t).to_string());
    }
    match expr {
        TypeExpr::Name(n) if !p.index.is_solution_type(n) => Some(n.to_string()),
        TypeExpr::Call { receiver, name, .. } => {
            let r = library_type(p, file, ct, receiver)?;
            apis::table().returns(&r, name).map(String::from)
        }
        _ => None,
    }
}

/// A type and its supertypes, most derived first: those the solution declares (by name), then the library bases the
/// table knows.
fn receiver_types(p: &Planner, simple: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![simple.to_string()];
    if p.index.is_solution_type(simple) {
        out.extend(p.index.supertypes(simple).iter().map(|s| s.to_string()).filter(|s| s != simple));
    }
    out
}

/// Whether the query `expr` starts at an Entity Framework `DbSet` (`db.Orders.Where(…)`), not at an in-memory
/// collection made queryable.
fn rooted_in_db_set(p: &Planner, file: FileId, ct: Option<u32>, expr: &TypeExpr) -> bool {
    let mut at = Some(expr);
    let mut steps = 0;
    while let Some(e) = at {
        steps += 1;
        if steps > 16 {
            return false;
        }
        if p.index.resolve_type(file, ct, e).is_some_and(|t| simple_type_name(&t) == "DbSet") {
            return true;
        }
        at = match e {
            TypeExpr::Call { receiver, name, .. } if name != "AsQueryable" => Some(receiver),
            TypeExpr::Select { receiver, .. } => Some(receiver),
            _ => None,
        };
    }
    false
}

/// Whether an argument is text: a string literal, an interpolated string or a value typed `string`.
fn is_text(p: &Planner, file: FileId, ct: Option<u32>, range: Range<usize>, value: &TypeExpr) -> bool {
    let src: &str = p.index.file(file).source.text();
    let written = src[range].trim();
    written.starts_with('"')
        || written.starts_with("$\"")
        || written.starts_with("@\"")
        || p.index.resolve_type(file, ct, value).is_some_and(|t| matches!(t.as_str(), "string" | "String"))
}

fn plan_using(p: &mut Planner, file: FileId, u: &UsingSite) {
    if is_test_code(p, file, u.containing_type) {
        return;
    }
    let Some(type_name) = p
        .index
        .resolve_type(file, u.containing_type, &u.disposed)
        .map(|t| t.to_string())
        .or_else(|| library_type(p, file, u.containing_type, &u.disposed))
    else {
        return;
    };
    let simple = simple_type_name(&type_name).to_string();
    if IN_MEMORY.contains(&simple.as_str()) {
        return;
    }
    let settings = &p.index.file(file).settings;
    // Only a rewrite is worth saying here: a `using` that stays is no problem of its own.
    let known = if p.index.is_solution_type(&simple) {
        p.index.supertypes(&simple).iter().any(|s| s == "IAsyncDisposable")
    } else {
        apis::table().async_disposable(&simple).is_some_and(|row| {
            apis::available(row.since.as_deref(), &format!("{}.DisposeAsync", row.type_name), settings).is_ok()
        })
    };
    let writable = settings.lang_version.allows_await_using()
        && u.blocker.is_none()
        && p.read_only(file).is_none()
        && !configures_awaits(p, file, Some(u.function))
        && p.is_async_now(FnId { file, index: u.function })
        && !p.index.file(file).facts.overlaps_error(&u.range);
    if !known || !writable {
        return;
    }
    let finding = Finding::DisposableAsync { type_name: simple };
    p.edit(file, Edit::replace(u.at..u.at, "await ", ID));
    p.site(file, u.range.clone(), ID, finding, Resolution::Fixed("await using".into()));
}
