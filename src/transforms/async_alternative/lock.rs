//! A `lock` around a blocking wait becomes a `SemaphoreSlim(1, 1)`: `await gate.WaitAsync()` before a `try`, the
//! locked code in it with the wait awaited, `gate.Release()` in its `finally`. Made only where nothing can tell the
//! difference but re-entrancy: the lock object is a private field of the class that only `lock` statements of the
//! class use (no `Monitor`, nothing outside), no lock on it is nested in another, and no code under it calls back
//! into a method that takes it (a semaphore is not re-entrant: that would deadlock). Unsafe level: a re-entrant
//! path the index cannot see (through a delegate, an interface of another class) would now deadlock.

use std::ops::Range;

use tree_sitter::Node;

use super::{FileInput, ID};
use crate::atom::Atom;
use crate::edit::Edit;
use crate::index::facts::{type_expr, TypeExpr};
use crate::index::{library, CallTarget, FileId, FnId};
use crate::model::{Finding, Reason, Resolution};
use crate::plan::Planner;
use crate::syntax::mentions::Mentions;
use crate::syntax::{self, field, kinds, text};

/// The `lock` statements of one class on one identifier, with what the rewrite needs to know of the field.
#[derive(Clone, Debug)]
pub struct LockGroup {
    pub object: Atom,
    pub containing_type: u32,
    pub locks: Vec<LockStatement>,
    /// The field's declaration, if the class declares it: `None` when it does not.
    pub field: Option<LockField>,
    /// Where the name is used other than as a `lock` statement's object or in its declaration.
    pub other_use: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct LockField {
    /// The declared type (`object`).
    pub type_range: Range<usize>,
    pub type_text: String,
    /// `= new object()`, if written; where an initializer goes otherwise (after the name).
    pub initializer: Option<Range<usize>>,
    pub name_end: usize,
    pub is_static: bool,
    pub is_private: bool,
    /// Declared with other variables (`object a = new object(), b;`).
    pub shared_declaration: bool,
}

#[derive(Clone, Debug)]
pub struct LockStatement {
    pub range: Range<usize>,
    /// `lock (x)`: where the site is reported, the same text before and after other rewrites of the body.
    pub head: Range<usize>,
    /// `lock (x)` up to its body.
    pub header: Range<usize>,
    /// The block body's braces; `None` for a body that is a single statement.
    pub body: Option<Range<usize>>,
    pub function: Option<u32>,
    /// The indentation of the line the statement starts on.
    pub indent: String,
    pub waits: Vec<Wait>,
    /// A lock on the same object inside this one.
    pub nested: bool,
    /// `Monitor.Wait`/`Pulse` under it (thread affinity).
    pub monitor: bool,
    /// Calls under it (not in nested functions), for re-entrancy: index into the file's calls.
    pub calls: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct Wait {
    /// The blocking expression (`t.Result`, `t.Wait()`, `t.GetAwaiter().GetResult()`).
    pub range: Range<usize>,
    /// The task.
    pub operand: Range<usize>,
    pub operand_type: TypeExpr,
    /// `GetAwaiter().GetResult()`: awaitable whatever the operand.
    pub get_result: bool,
    pub needs_parens: bool,
}

/// The lock groups of a file that hold a blocking wait, of the file's `lock` statements (`statements`).
pub fn detect(input: &FileInput, statements: &[Node]) -> Vec<LockGroup> {
    let src: &str = input.source.text();
    let facts = input.facts;
    let mut locks: Vec<(u32, Atom, LockStatement)> = Vec::new();
    for node in statements {
        let Some(object) = lock_object(*node, src) else { continue };
        let function = facts.function_at(&node.byte_range());
        let Some(ct) = function.and_then(|f| facts.functions[f as usize].containing_type) else { continue };
        let statement = lock_statement(*node, &object, function, input, src);
        locks.push((ct, object, statement));
    }
    locks.sort_by_key(|(ct, o, s)| (*ct, *o, s.range.start));
    let mut groups: Vec<LockGroup> = Vec::new();
    for (ct, object, statement) in locks {
        match groups.last_mut() {
            Some(g) if g.containing_type == ct && g.object == object => g.locks.push(statement),
            _ => groups.push(LockGroup {
                object,
                containing_type: ct,
                locks: vec![statement],
                field: None,
                other_use: None,
            }),
        }
    }
    // A lock with calls under it may hold a wait once sync-over-async leaves a boundary there (`plan_boundaries`).
    groups.retain(|g| g.locks.iter().any(|l| !l.waits.is_empty() || !l.calls.is_empty()));
    for g in &mut groups {
        let class = facts.types[g.containing_type as usize].range.clone();
        let class_node = input.tree.root_node().descendant_for_byte_range(class.start, class.end);
        if let Some(class_node) = class_node {
            g.field = lock_field(class_node, &g.object, src);
            g.other_use = other_use(class_node, g, src);
        }
    }
    groups
}

/// `x` of `lock (x)` or `lock (this.x)` (comments aside, the statement's first named child; its body is the other).
fn lock_object(lock: Node, src: &str) -> Option<Atom> {
    if lock.named_child_count() == 1 {
        // `lock (this)`: the grammar gives `this` as a bare token.
        let mut c = lock.walk();
        let this = lock.children(&mut c).any(|n| !n.is_named() && text(n, src) == "this");
        return this.then(|| "this".into());
    }
    let expr = lock.named_child(0).filter(|_| lock.named_child_count() == 2)?;
    let this_member = field(expr, "expression")
        .filter(|r| {
            syntax::kind(expr) == kinds::MEMBER_ACCESS && matches!(syntax::kind(*r), "this" | "this_expression")
        })
        .and_then(|_| field(expr, "name"));
    // Anything else (`this`, `typeof(T)`, `other.Gate`) is written out, and is no field of the class.
    let written = this_member.unwrap_or(expr);
    Some(text(written, src).split_whitespace().collect::<String>().as_str().into())
}

fn lock_statement(node: Node, object: &Atom, function: Option<u32>, input: &FileInput, src: &str) -> LockStatement {
    // `lock (expression) statement`: the grammar names neither.
    let body = node.named_child(node.named_child_count().saturating_sub(1));
    let header = node.start_byte()..body.map_or(node.end_byte(), |b| b.start_byte());
    let block = body.filter(|b| syntax::kind(*b) == kinds::BLOCK).map(|b| b.byte_range());
    let head = header.start..header.start + src[header.clone()].trim_end().len();
    let mut statement = LockStatement {
        range: node.byte_range(),
        head,
        header,
        body: block,
        function,
        indent: syntax::line_indent(src, node.start_byte()).to_string(),
        waits: Vec::new(),
        nested: false,
        monitor: false,
        calls: Vec::new(),
    };
    let facts = input.facts;
    let lookup = |name: &str| facts.local_type(function, name).cloned();
    let mut stack: Vec<Node> = body.into_iter().collect();
    while let Some(n) = stack.pop() {
        // Code in a nested function runs later, not under the lock.
        if crate::index::facts::function_kind(n).is_some() {
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
        match syntax::kind(n) {
            kinds::LOCK => statement.nested |= lock_object(n, src).as_ref() == Some(object),
            kinds::MEMBER_ACCESS => {
                let (Some(e), Some(name)) = (field(n, "expression"), field(n, "name")) else { continue };
                let parent = n.parent();
                let invoked = parent.filter(|p| syntax::kind(*p) == kinds::INVOCATION);
                let name = text(name, src);
                let receiver_text = text(e, src);
                if receiver_text == "Monitor" || receiver_text.ends_with(".Monitor") {
                    statement.monitor = true;
                }
                let wait = match (name, invoked) {
                    ("Result", None) => Some((n.byte_range(), e, false)),
                    ("Wait", Some(call)) if no_arguments(call) => Some((call.byte_range(), e, false)),
                    ("GetResult", Some(call)) if no_arguments(call) => {
                        get_awaiter_of(e, src).map(|t| (call.byte_range(), t, true))
                    }
                    _ => None,
                };
                if let Some((range, operand, get_result)) = wait {
                    let outer = if range == n.byte_range() { n } else { invoked.unwrap_or(n) };
                    statement.waits.push(Wait {
                        range,
                        operand: operand.byte_range(),
                        operand_type: type_expr(operand, src, &lookup),
                        get_result,
                        needs_parens: crate::index::facts::needs_parens_when_awaited(outer, outer.parent(), src),
                    });
                }
            }
            _ => {}
        }
    }
    let inside = |r: &Range<usize>| statement.body.as_ref().is_some_and(|b| b.start <= r.start && r.end <= b.end);
    statement.calls = facts
        .calls
        .iter()
        .enumerate()
        .filter(|(_, c)| inside(&c.range.range()) && c.context.function == function)
        .map(|(i, _)| i as u32)
        .collect();
    statement.waits.sort_by_key(|w| w.range.start);
    // A wait inside another's operand (`a.Result.b.Result`) would need both awaited in one expression: keep outer.
    let all = statement.waits.clone();
    statement.waits.retain(|w| {
        !all.iter().any(|o| o.range != w.range && o.operand.start <= w.range.start && w.range.end <= o.operand.end)
    });
    statement
}

fn no_arguments(call: Node) -> bool {
    field(call, "arguments").is_some_and(|a| a.named_child_count() == 0)
}

/// `t` of `t.GetAwaiter()` (also `t.ConfigureAwait(false).GetAwaiter()`).
fn get_awaiter_of<'t>(expr: Node<'t>, src: &str) -> Option<Node<'t>> {
    if syntax::kind(expr) != kinds::INVOCATION || !no_arguments(expr) {
        return None;
    }
    let f = field(expr, "function").filter(|f| syntax::kind(*f) == kinds::MEMBER_ACCESS)?;
    (field(f, "name").map(|n| text(n, src)) == Some("GetAwaiter")).then(|| field(f, "expression"))?
}

/// The declaration of the field `name` directly in the class.
fn lock_field(class: Node, name: &str, src: &str) -> Option<LockField> {
    let body = field(class, "body")?;
    let mut c = body.walk();
    for member in body.named_children(&mut c).filter(|m| syntax::kind(*m) == kinds::FIELD) {
        let modifiers = syntax::modifiers(member, src);
        let mut mc = member.walk();
        let Some(decl) = member.named_children(&mut mc).find(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATION)
        else {
            continue;
        };
        let mut dc = decl.walk();
        let declarators: Vec<Node> =
            decl.named_children(&mut dc).filter(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATOR).collect();
        let Some(v) = declarators.iter().find(|v| field(**v, "name").is_some_and(|n| text(n, src) == name)) else {
            continue;
        };
        let ty = field(decl, "type")?;
        let name_node = field(*v, "name")?;
        let initializer = v.named_children(&mut v.walk()).last().filter(|n| n.id() != name_node.id());
        let initializer = initializer.map(|i| {
            // From after the name: ` = new object()` (the `=` is a bare token of the declarator).
            name_node.end_byte()..i.end_byte()
        });
        return Some(LockField {
            type_range: ty.byte_range(),
            type_text: text(ty, src).to_string(),
            initializer,
            name_end: name_node.end_byte(),
            is_static: modifiers.contains(&"static"),
            is_private: !modifiers.iter().any(|m| matches!(*m, "public" | "protected" | "internal")),
            shared_declaration: declarators.len() > 1,
        });
    }
    None
}

/// The first place in the class where the field's name appears other than as a lock's object or its own
/// declarator.
fn other_use(class: Node, g: &LockGroup, src: &str) -> Option<usize> {
    let headers: Vec<Range<usize>> = g.locks.iter().map(|l| l.header.clone()).collect();
    // Only code where the name is written can use it: the rest of the class is not walked.
    let mentions = Mentions::of(&src[..class.end_byte()], &[g.object.as_str()]);
    let mut stack = vec![class];
    let mut first: Option<usize> = None;
    while let Some(n) = stack.pop() {
        if !mentions.within(n.byte_range()) {
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
        if syntax::kind(n) != kinds::IDENTIFIER || text(n, src) != g.object.as_str() {
            continue;
        }
        let at = n.start_byte();
        let in_header = headers.iter().any(|h| h.start <= at && at < h.end);
        let declarator = n.parent().is_some_and(|p| {
            syntax::kind(p) == kinds::VARIABLE_DECLARATOR && field(p, "name").is_some_and(|x| x.id() == n.id())
        }) && g.field.as_ref().is_some_and(|f| f.name_end == n.end_byte());
        if !in_header && !declarator {
            first = Some(first.map_or(at, |f| f.min(at)));
        }
    }
    first
}

/// A lock with no blocking wait in the source, where the plan left one: sync-over-async made a method called under
/// the lock async, and the call keeps a blocking wait (a boundary). A second run would find that wait; this run
/// reports the lock and marks it for the pass over its own output, which rewrites it as a second run would.
pub fn plan_boundaries(p: &mut Planner, file: FileId, g: &LockGroup) {
    if g.locks.iter().any(|l| !l.waits.is_empty()) {
        return;
    }
    let boundary = |l: &LockStatement| l.calls.iter().any(|&i| p.has_call_fix(crate::index::CallId { file, index: i }));
    let held: Vec<&LockStatement> = g.locks.iter().filter(|l| boundary(l)).collect();
    if held.is_empty() {
        return;
    }
    let finding = Finding::LockAroundWait { lock_object: g.object.to_string() };
    let why = match refusal(p, file, g) {
        Some(why) => why,
        None if !p.options.unsafe_fixes => {
            Reason::UnsafeFixNotAsked { what: format!("`lock ({})` becomes a SemaphoreSlim", g.object) }
        }
        None => {
            for l in &held {
                p.site(
                    file,
                    l.head.clone(),
                    ID,
                    finding.clone(),
                    Resolution::Reported(Reason::CannotAwaitIn { context: crate::model::Context::Lock }),
                );
                p.revisit_later(file, l.head.clone());
            }
            return;
        }
    };
    for l in &held {
        p.site(file, l.head.clone(), ID, finding.clone(), Resolution::Reported(why.clone()));
    }
}

pub fn plan(p: &mut Planner, file: FileId, g: &LockGroup) {
    if g.locks.iter().all(|l| l.waits.is_empty()) {
        return;
    }
    let finding = Finding::LockAroundWait { lock_object: g.object.to_string() };
    let with_waits: Vec<&LockStatement> = g.locks.iter().filter(|l| !l.waits.is_empty()).collect();
    let report = |p: &mut Planner, why: Reason| {
        for l in &with_waits {
            p.site(file, l.head.clone(), ID, finding.clone(), Resolution::Reported(why.clone()));
        }
    };
    if let Some(why) = refusal(p, file, g) {
        return report(p, why);
    }
    if !p.options.unsafe_fixes {
        return report(p, Reason::UnsafeFixNotAsked { what: format!("`lock ({})` becomes a SemaphoreSlim", g.object) });
    }
    // Every function holding a wait under the lock becomes async (with its callers), or nothing changes.
    for l in &with_waits {
        let Some(index) = l.function else { return report(p, Reason::OutsideMethod) };
        if let Err(why) = p.make_async(FnId { file, index }, ID) {
            return report(p, Reason::LockBodyNotRewritable { why: Box::new(why) });
        }
    }
    let field = g.field.as_ref().expect("refusal checks the field");
    p.edit(file, Edit::replace(field.type_range.clone(), "SemaphoreSlim", ID));
    let init = " = new SemaphoreSlim(1, 1)";
    match &field.initializer {
        Some(r) => p.edit(file, Edit::replace(r.clone(), init, ID)),
        None => p.edit(file, Edit::replace(field.name_end..field.name_end, init, ID)),
    }
    p.note_using(file, "System.Threading");
    let src: &str = p.index.file(file).source.text();
    let newline = if src.contains("\r\n") { "\r\n" } else { "\n" };
    for l in &g.locks {
        let body = l.body.clone().expect("refusal checks the bodies");
        let awaited = l.function.is_some_and(|index| p.is_async_now(FnId { file, index }));
        let token = if awaited { p.deferred_token(file, l.function, "", "") } else { String::new() };
        // Between `)` and `{`: the brace's own line, or a space.
        let header = &src[l.header.clone()];
        let gap = &header[header.trim_end().len()..];
        let gap = if gap.is_empty() { " " } else { gap };
        let enter = if awaited {
            format!("await {}.WaitAsync({token});{newline}{}try{gap}", g.object, l.indent)
        } else {
            format!("{}.Wait();{newline}{}try{gap}", g.object, l.indent)
        };
        p.edit(file, Edit::replace(l.header.clone(), enter, ID));
        // The `finally` takes the brace style of the block.
        let brace = if gap == " " { " ".to_string() } else { format!("{newline}{}", l.indent) };
        let release = format!(
            "{newline}{}finally{brace}{{{newline}{}    {}.Release();{newline}{}}}",
            l.indent, l.indent, g.object, l.indent
        );
        p.edit(file, Edit::replace(body.end..body.end, release, ID));
        for w in &l.waits {
            let open = if w.needs_parens { "(await " } else { "await " };
            p.edit(file, Edit::open(w.operand.start, open, w.operand.len(), ID));
            p.edit(file, Edit::replace(w.operand.end..w.range.end, if w.needs_parens { ")" } else { "" }, ID));
            p.note_await(file, w.operand.start);
        }
        p.note_unsafe_fix(file, l.range.start);
        if !l.waits.is_empty() {
            let how = format!("`{}` is a SemaphoreSlim(1, 1) awaited before a try, released in its finally", g.object);
            p.site(file, l.head.clone(), ID, finding.clone(), Resolution::Fixed(how));
        }
    }
}

/// Why the lock cannot become a semaphore, if it cannot.
fn refusal(p: &Planner, file: FileId, g: &LockGroup) -> Option<Reason> {
    let field = match &g.field {
        Some(f) if f.is_private && !f.shared_declaration && matches!(f.type_text.trim(), "object" | "Object") => f,
        _ => return Some(Reason::LockNotPrivateField),
    };
    let initialized_plainly = field.initializer.as_ref().is_none_or(|r| {
        let src: &str = p.index.file(file).source.text();
        let written: String = src[r.clone()].split_whitespace().collect();
        matches!(written.as_str(), "=newobject()" | "=new()" | "=newObject()")
    });
    if !initialized_plainly {
        return Some(Reason::LockNotPrivateField);
    }
    if let Some(at) = g.other_use {
        return Some(Reason::LockUsedOtherwise { at: p.index.location(file, at) });
    }
    let decl = &p.index.file(file).facts.types[g.containing_type as usize];
    let partial = p.index.types_named(&decl.name).len() > 1;
    if partial {
        // Another part of the class may use the field where this file cannot show it.
        return Some(Reason::LockNotPrivateField);
    }
    for l in &g.locks {
        if l.nested {
            return Some(Reason::LockNeedsThreadAffinity { what: "a lock on the same object inside it".into() });
        }
        if l.monitor {
            return Some(Reason::LockNeedsThreadAffinity { what: "Monitor.Wait/Pulse under the lock".into() });
        }
        if l.body.is_none() {
            return Some(Reason::LockBodyNotRewritable { why: Box::new(Reason::CodeDoesNotParse) });
        }
        let src: &str = p.index.file(file).source.text();
        if src[l.range.clone()].contains("AggregateException") {
            // `await` throws the inner exception where the wait threw an AggregateException.
            return Some(Reason::LockBodyNotRewritable { why: Box::new(Reason::AggregateCatch) });
        }
        if p.index.file(file).facts.overlaps_error(&l.range) {
            return Some(Reason::LockBodyNotRewritable { why: Box::new(Reason::CodeDoesNotParse) });
        }
        for w in &l.waits {
            let proven = w.get_result
                || p.index
                    .resolve_type(file, Some(g.containing_type), &w.operand_type)
                    .is_some_and(|t| library::is_task_like(&t));
            if !proven {
                return Some(Reason::LockBodyNotRewritable { why: Box::new(Reason::ReceiverUnknown) });
            }
        }
    }
    if let Some(at) = reentrant_call(p, file, g) {
        return Some(Reason::LockReentrant { at });
    }
    None
}

/// A call under one of the locks that may reach a function holding a lock on the same object (directly or through
/// the solution functions it calls, a few levels deep), or whose target the index cannot tell.
fn reentrant_call(p: &Planner, file: FileId, g: &LockGroup) -> Option<String> {
    let holders: Vec<FnId> = g.locks.iter().filter_map(|l| l.function.map(|index| FnId { file, index })).collect();
    for l in &g.locks {
        for &i in &l.calls {
            let id = crate::index::CallId { file, index: i };
            let mut frontier: Vec<FnId> = match p.index.resolve_call(id) {
                CallTarget::Solution(t) => t.to_vec(),
                CallTarget::Unknown(t) if t.iter().any(|f| f.file == file && in_class(p, *f, g)) => {
                    return Some(p.index.location(file, p.index.call(id).range.start()));
                }
                _ => Vec::new(),
            };
            let mut seen: Vec<FnId> = Vec::new();
            while let Some(f) = frontier.pop() {
                if seen.contains(&f) || seen.len() > 64 {
                    continue;
                }
                seen.push(f);
                if holders.contains(&f) {
                    return Some(p.index.location(file, p.index.call(id).range.start()));
                }
                // Only the class's own code can take its private lock.
                if f.file != file || !in_class(p, f, g) {
                    continue;
                }
                let range = p.index.function(f).range;
                let facts = &p.index.file(f.file).facts;
                for (j, c) in facts.calls.iter().enumerate() {
                    if range.encloses(c.range) {
                        if let CallTarget::Solution(t) =
                            p.index.resolve_call(crate::index::CallId { file: f.file, index: j as u32 })
                        {
                            frontier.extend(t.iter().copied());
                        }
                    }
                }
            }
        }
    }
    None
}

fn in_class(p: &Planner, f: FnId, g: &LockGroup) -> bool {
    p.index.function(f).containing_type == Some(g.containing_type)
}
