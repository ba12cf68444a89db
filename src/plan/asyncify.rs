//! "Make this function async" and "await this call": the shared refactoring
//! primitives, with the blockers C# imposes and propagation to callers.

use super::{CallFix, Decision, Planner};
use crate::edit::Edit;
use crate::index::facts::{Body, FunctionKind};
use crate::index::{library, CallTarget, FnId};
use crate::model::{Finding, Reason, Resolution, TransformId};

/// Edits that turn the expression at `range` into `await <expr>`, with `.ConfigureAwait(false)` after the
/// expression when `configure_await` (the file's habit: `configures_await`).
pub fn await_edits(
    range: std::ops::Range<usize>,
    needs_parens: bool,
    configure_await: bool,
    origin: TransformId,
) -> Vec<Edit> {
    let len = range.len();
    let ca = if configure_await { CONFIGURE_AWAIT } else { "" };
    let open = if needs_parens { "(await " } else { "await " };
    let close = if needs_parens { format!("{ca})") } else { ca.to_string() };
    let mut edits = vec![Edit::open(range.start, open, len, origin)];
    if !close.is_empty() {
        edits.push(Edit::close(range.end, close, len, origin));
    }
    edits
}

pub const CONFIGURE_AWAIT: &str = ".ConfigureAwait(false)";

/// Whether `expr` is a chain of names, calls, member and element accesses (`_repo.GetAsync(id)`,
/// `tasks[0]`), to which `.ConfigureAwait(false)` can be appended without parentheses: no operator, `?.`,
/// `new`, cast or lambda outside its brackets.
fn postfix_chain(expr: &str) -> bool {
    let bytes = expr.trim().as_bytes();
    if bytes.first().is_none_or(|b| matches!(b, b'(' | b'@' | b'$' | b'"')) {
        return false;
    }
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ if depth > 0 => {}
                _ if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'<' | b'>' | b',' | b'!') => {}
                _ => return false,
            },
        }
        i += 1;
    }
    depth == 0
}

/// Whether new awaits in `file` take `.ConfigureAwait(false)`: `.editorconfig` turns CA2007 ("consider calling
/// ConfigureAwait") on as a warning or an error for it, or most of the file's own awaits have it (efcore's
/// libraries, jellyfin). A file without awaits and without the rule keeps plain awaits: its project's habit would
/// depend on which of its files a run happens to read.
pub fn configures_await(file: &crate::index::IndexedFile) -> bool {
    configures_await_in(&file.source.path, file.source.text())
}

/// `configures_await` for the file at `path` with this text.
pub fn configures_await_in(path: &std::path::Path, text: &str) -> bool {
    if crate::workspace::editorconfig::rule_enforced(path, "CA2007") == Some(true) {
        return true;
    }
    let text = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut awaits = 0usize;
    for at in memchr::memmem::find_iter(text, b"await") {
        let before_ok = at == 0 || !is_ident(text[at - 1]);
        let rest = &text[at + 5..];
        let after_ok = rest.first().is_some_and(|b| b.is_ascii_whitespace() || *b == b'(');
        let trimmed = rest.iter().position(|b| !b.is_ascii_whitespace()).map_or(&rest[..0], |i| &rest[i..]);
        // `await using` and `await foreach` configure their disposal and enumeration elsewhere.
        if before_ok && after_ok && !trimmed.starts_with(b"using") && !trimmed.starts_with(b"foreach") {
            awaits += 1;
        }
    }
    let configured = memchr::memmem::find_iter(text, b".ConfigureAwait(").filter(|&at| {
        let args = &text[at + ".ConfigureAwait(".len()..];
        let args = &args[..args.iter().position(|b| *b == b')').unwrap_or(args.len())];
        args.windows(5).any(|w| w == b"false")
    });
    awaits > 0 && configured.count() * 2 > awaits
}

/// Why this function itself cannot become async, if it cannot.
fn own_blocker(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    let file = p.index.file(f.file);
    let by_kind = match func.kind {
        FunctionKind::Constructor => Some(Reason::Constructor),
        FunctionKind::Destructor => Some(Reason::Finalizer),
        FunctionKind::Operator => Some(Reason::Operator),
        FunctionKind::Accessor | FunctionKind::PropertyArrow => Some(Reason::Accessor),
        FunctionKind::Initializer => Some(Reason::Initializer),
        FunctionKind::Lambda | FunctionKind::AnonymousMethod if !func.task_run_lambda => {
            Some(Reason::LambdaCannotReturnTask)
        }
        _ => None,
    };
    if by_kind.is_some() {
        return by_kind;
    }
    if let Some(why) = kept_by_intent(p, f) {
        return Some(why);
    }
    if let Some(why) = &file.read_only {
        return Some(Reason::FileUntouchable { why: why.clone() });
    }
    if func.has_error {
        return Some(Reason::DoesNotParse);
    }
    if func.is_method_like() && file.markup_mentions(&func.name) {
        return Some(Reason::MarkupUsesIt);
    }
    if crate::syntax::preprocessor::crosses_conditional(file.source.text(), func.range.range()) {
        return Some(Reason::SplitByConditional);
    }
    if func.params.iter().any(|p| p.modifiers.iter().any(|m| matches!(m.as_str(), "ref" | "out" | "in"))) {
        return Some(Reason::RefParameters);
    }
    if func.is_iterator {
        return Some(Reason::Iterator);
    }
    if func.is_method_like() && !func.has_modifier("static") {
        if let Some(t) = func.containing_type {
            if file.facts.types[t as usize].kind == crate::index::facts::TypeKind::Struct {
                return Some(Reason::StructInstanceMethod);
            }
        }
    }
    if func.ref_struct_locals {
        return Some(Reason::RefLocals);
    }
    if func.has_modifier("unsafe") {
        return Some(Reason::Unsafe);
    }
    if func.has_modifier("extern") {
        return Some(Reason::Extern);
    }
    if func.return_type.trim_start().starts_with("ref ") {
        return Some(Reason::ReturnsByRef);
    }
    if func.attributes.iter().any(|a| a == "MethodImpl") {
        return Some(Reason::MethodImpl);
    }
    if func.has_modifier("partial") && func.body == Body::None {
        return Some(Reason::PartialDeclaration);
    }
    if func.kind == FunctionKind::Method && func.name == "Main" && func.has_modifier("static") {
        if !file.settings.lang_version.allows_async_main() {
            return Some(Reason::AsyncMainNeedsNewerCSharp { version: file.settings.lang_version.to_string() });
        }
        if !matches!(func.return_type.as_str(), "void" | "int" | "Task" | "Task<int>") {
            return Some(Reason::MainReturnType);
        }
    }
    if func.kind == FunctionKind::Method && !library::is_task_like(&func.return_type) && func.return_type != "void" {
        // A non-void return type becomes Task<T>: returning `default`/`null`-typed constructs stays valid.
        if func.type_param_count == 0 && func.return_type.contains("dynamic") {
            return Some(Reason::ReturnsDynamic);
        }
    }
    if func.kind == FunctionKind::Method && library::is_task_like(&func.return_type) && !func.is_async() {
        // Direct `return task;` statements must be awaited; non-generic tasks need a statement rewrite.
        if !library::is_generic_task(&func.return_type) {
            let text = &file.source.text();
            let all_completed = file
                .facts
                .returns_of(f.index)
                .filter(|r| !r.is_empty())
                .all(|r| is_completed_task_expr(&text[r.range()]));
            if !all_completed {
                return Some(Reason::ReturnsNonGenericTask);
            }
        }
    }
    None
}

/// Why the code's own declarations say `f` keeps its signature: it (or a type around it) is `[Obsolete]`, it
/// is a member of the dispose pattern (`Dispose()`, `Dispose(bool)`, `Close()`), which `using` statements,
/// finalizers and containers call synchronously, or it is the synchronous twin of an `…Async` method.
fn kept_by_intent(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    if func.task_run_lambda {
        return task_run_lambda_blocker(p.index.file(f.file).source.text(), func.range.start());
    }
    if !func.is_method_like() {
        return None;
    }
    let facts = &p.index.file(f.file).facts;
    if func.attributes.iter().any(|a| a == "Obsolete") {
        return Some(Reason::Obsolete { member: func.name.to_string() });
    }
    let mut around =
        facts.types.iter().filter(|t| t.range.start <= func.range.start() && func.range.end() <= t.range.end);
    if let Some(t) = around.find(|t| t.attributes.iter().any(|a| a == "Obsolete")) {
        return Some(Reason::Obsolete { member: t.name.to_string() });
    }
    let dispose_pattern = func.kind == FunctionKind::Method
        && match (func.name.as_str(), &*func.params) {
            ("Dispose" | "Close", []) => true,
            ("Dispose", [disposing]) => matches!(disposing.type_text.trim(), "bool" | "Boolean" | "System.Boolean"),
            _ => false,
        };
    if dispose_pattern {
        let signature = if func.params.is_empty() { "()" } else { "(bool)" };
        return Some(Reason::DisposePattern { member: format!("{}{signature}", func.name) });
    }
    // `public string GetPageText()` beside `Task<string> GetPageTextAsync()`: the synchronous half of a pair a type
    // offers its callers, for those that cannot await (an optional token parameter aside).
    let api = func.has_modifier("public") || func.has_modifier("protected");
    let in_interface = p
        .index
        .containing_type(f)
        .is_some_and(|t| p.index.type_decl(t).kind == crate::index::facts::TypeKind::Interface);
    if func.kind == FunctionKind::Method && (api || in_interface) && !func.name.ends_with("Async") {
        let type_name = p.index.containing_type(f).map(|t| p.index.type_decl(t).name)?;
        let twin = format!("{}Async", func.name);
        let paired = p.index.functions_in_type(&type_name, &twin).into_iter().any(|g| {
            let other = p.index.function(g);
            let params = &other.params;
            let offered = in_interface || other.has_modifier("public") || other.has_modifier("protected");
            let with_token = params.len() == func.params.len() + 1
                && params.last().is_some_and(|t| crate::syntax::simple_type_name(&t.type_text) == "CancellationToken");
            offered && (params.len() == func.params.len() || with_token)
        });
        if paired {
            return Some(Reason::SyncTwin { twin: format!("{type_name}.{twin}") });
        }
    }
    None
}

/// Why the `Task.Run` (or `Task.Factory.StartNew`) lambda starting at `lambda_start` may not become async, if
/// it may not. `StartNew` does not unwrap an async lambda's task, so its own task would end at the first await.
/// `Task.Run` does, but returns a proxy whose `Status` is never `Running`: only where the task is awaited at once
/// or kept in a local declared right there (`var t = Task.Run(...)`) is that invisible; stored in a field or a
/// property (Playnite's `GlobalTaskHandler.ProgressTask`, checked for `TaskStatus.Running`) it is not.
fn task_run_lambda_blocker(text: &str, lambda_start: usize) -> Option<Reason> {
    let call = text[..lambda_start].trim_end().strip_suffix('(')?.trim_end();
    if call.ends_with("StartNew") {
        return Some(Reason::StartNewLambda);
    }
    let name_start = call.rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | ':'))).map_or(0, |i| i + 1);
    let before = text[..name_start].trim_end();
    let is_word_end = |s: &str, w: &str| {
        s.strip_suffix(w).is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric() || c == '_'))
    };
    if is_word_end(before, "await") || is_word_end(before, "return") || before.ends_with("=>") {
        return None;
    }
    if let Some(left) = before.strip_suffix('=').filter(|l| !l.ends_with(['=', '!', '<', '>'])) {
        // `var t = Task.Run(...)`, `Task<int> t = Task.Run(...)`: a local declared here.
        let statement = &left[left.rfind([';', '{', '}', '\n']).map_or(0, |i| i + 1)..];
        let words: Vec<&str> = statement.split_whitespace().collect();
        let declared =
            words.len() >= 2 && words.last().is_some_and(|w| w.chars().all(|c| c.is_alphanumeric() || c == '_'));
        return (!declared).then_some(Reason::TaskRunStored);
    }
    None
}

fn is_completed_task_expr(expr: &str) -> bool {
    matches!(expr.trim(), "Task.CompletedTask" | "ValueTask.CompletedTask" | "default")
}

/// Event handler signature: `void M(object sender, SomethingEventArgs e)`, the arguments' type possibly generic
/// (`CurrentItemChangedEventArgs<string>`) or qualified (`System.EventArgs`).
pub fn is_event_handler_signature(func: &crate::index::Function) -> bool {
    func.params.len() == 2
        && func.params.iter().all(|p| p.modifiers.is_empty())
        && is_object_type(&func.params[0].type_text)
        && crate::syntax::simple_type_name(&func.params[1].type_text).ends_with("EventArgs")
}

fn is_object_type(type_text: &str) -> bool {
    matches!(type_text.trim().trim_end_matches('?'), "object" | "Object" | "System.Object")
}

/// An event handler: the shape of one (`has_event_handler_shape`), or a method every delegate use of which
/// subscribes it to an event (`x.Changed += M`, `new ColorChangedEventHandler(M)`). Its delegate type fixes
/// `void`: an `async void` one stays so.
pub fn is_event_handler(index: &crate::index::Index, f: FnId) -> bool {
    if has_event_handler_shape(index, f) {
        return true;
    }
    let func = index.function(f);
    if func.return_type.trim() != "void" || !func.is_method_like() {
        return false;
    }
    let uses = index.delegate_uses_named(&func.name);
    !uses.is_empty()
        && uses.iter().all(|(file, i)| {
            let file_ = index.file(*file);
            let use_ = &file_.facts.delegate_uses[*i as usize];
            is_subscription(file_.source.text(), use_.range.range())
        })
}

/// The `void M(object sender, T e)` shape where `T` is named like `EventArgs` or derives from a type that is: a
/// handler of the .NET event pattern, whose raiser does not wait for it, so a blocking one may become
/// `async void`. A method subscribed to another kind of event (`event Action DoWork` on a worker thread) may be
/// waited for by its raiser, and is not made `async void`.
pub fn has_event_handler_shape(index: &crate::index::Index, f: FnId) -> bool {
    let func = index.function(f);
    if func.return_type.trim() != "void" || !func.is_method_like() {
        return false;
    }
    if is_event_handler_signature(func) {
        return true;
    }
    func.params.len() == 2 && is_object_type(&func.params[0].type_text) && {
        let args = crate::syntax::simple_type_name(&func.params[1].type_text);
        index.is_solution_type(args) && index.supertypes(args).iter().any(|t| t.ends_with("EventArgs"))
    }
}

/// Whether the method group at `range` is subscribed to an event: `e += M`, `e -= M`, or handed to the
/// constructor of a handler delegate (`new FooEventHandler(M)`, `new EventHandler<T>(M)`).
fn is_subscription(text: &str, range: std::ops::Range<usize>) -> bool {
    let before = text[..range.start].trim_end();
    if before.ends_with("+=") || before.ends_with("-=") {
        return true;
    }
    let after = text[range.end..].trim_start();
    let Some(call) = before.strip_suffix('(').map(str::trim_end).filter(|_| after.starts_with(')')) else {
        return false;
    };
    // `new <Type>(M)`: the type as written between the last `new` and the parenthesis.
    let Some(at) = call.rfind("new ") else { return false };
    let word_starts = call[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
    let type_text = call[at + 4..].trim();
    let is_type = type_text.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '<' | '>' | ',' | ' '));
    word_starts && is_type && crate::syntax::simple_type_name(type_text).ends_with("Handler")
}

/// Where a name is used as a delegate in a way that could mean `f`.
pub(super) fn delegate_use_of(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    let type_name = p.index.containing_type(f).map(|t| p.index.type_decl(t).name);
    for (file, i) in p.index.delegate_uses_named(&func.name) {
        let use_ = &p.index.file(*file).facts.delegate_uses[*i as usize];
        let target_type = p.index.resolve_type(*file, use_.containing_type, &use_.receiver);
        let could_be_f = match (&target_type, &type_name) {
            (Some(t), Some(own)) => {
                let simple = crate::syntax::simple_type_name(t);
                p.index.supertypes(simple).contains(own) || p.index.supertypes(own).iter().any(|s| s == simple)
            }
            (None, _) => true,
            (Some(_), None) => func.kind == FunctionKind::LocalFunction && *file == f.file,
        };
        let local_ok = func.kind != FunctionKind::LocalFunction || *file == f.file;
        if could_be_f && local_ok {
            return Some(Reason::UsedAsDelegate { at: p.index.location(*file, use_.range.start()) });
        }
    }
    None
}

/// A call that may reach `f` but whose receiver type is unknown.
fn unresolved_caller(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    if func.kind == FunctionKind::LocalFunction {
        return None;
    }
    for call in p.index.calls_named(&func.name) {
        if let CallTarget::Unknown(cands) = p.index.resolve_call(*call) {
            if cands.contains(&f) {
                let c = p.index.call(*call);
                return Some(Reason::UnresolvedCaller { at: p.index.location(call.file, c.range.start()) });
            }
        }
    }
    None
}

/// A test double configured through a call that may reach `f`.
fn mocked(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    for call in p.index.calls_named(&func.name) {
        let c = p.index.call(*call);
        if !c.mock_configuration {
            continue;
        }
        if let CallTarget::Solution(t) | CallTarget::Unknown(t) = p.index.resolve_call(*call) {
            if t.contains(&f) {
                return Some(Reason::Mocked { at: p.index.location(call.file, c.range.start()) });
            }
        }
    }
    None
}

/// A call that may reach `f` but where no `await` can be written: in code that does not parse, or in a file
/// asyncmod may not write.
fn untouchable_caller(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    for call in p.index.calls_named(&func.name) {
        let c = p.index.call(*call);
        let read_only = p.read_only(call.file);
        if !(c.in_error_region || read_only.is_some()) || c.awaited {
            continue;
        }
        // In broken code the receiver and the arguments may be misread: the name alone counts.
        let reaches = c.in_error_region
            || match p.index.resolve_call(*call) {
                CallTarget::Solution(t) | CallTarget::Unknown(t) => t.contains(&f),
                CallTarget::External | CallTarget::NoCandidate => false,
            };
        if reaches {
            let at = p.index.location(call.file, c.range.start());
            return Some(match read_only {
                Some(why) => Reason::CallerInUntouchableFile { at, why: why.to_string() },
                None => Reason::CallerDoesNotParse { at },
            });
        }
    }
    p.index
        .name_in_error_region(&func.name)
        .map(|(file, offset)| Reason::NameInBrokenCode { at: p.index.location(file, offset) })
}

/// Why a group whose signature changes has no caller that would follow it, if it has none: in a library or a UI
/// project, a method nothing in the solution calls, that is not private and not an entry point a framework
/// calls, is called from where asyncmod cannot see.
fn no_visible_caller(p: &Planner, group: &[FnId]) -> Option<Reason> {
    let first = *group.first()?;
    // Libraries are called from other solutions, plugins and reflection; UI code from markup bindings and
    // conventions. Applications' other public methods that nothing calls are dead code, and test projects' are
    // run by the test framework.
    let kind = p.index.file(first.file).settings.kind;
    if !matches!(kind, crate::workspace::ProjectKind::Library | crate::workspace::ProjectKind::Ui) {
        return None;
    }
    let open = |m: FnId| {
        let f = p.index.function(m);
        f.kind == FunctionKind::Method && !is_private(p, m) && !is_framework_entry(p, m)
    };
    if !group.iter().all(|m| open(*m)) {
        return None;
    }
    let called = group.iter().any(|m| {
        let name = p.index.function(*m).name;
        !p.index.delegate_uses_named(&name).is_empty()
            || p.index.calls_named(&name).iter().any(|c| match p.index.resolve_call(*c) {
                CallTarget::Solution(t) | CallTarget::Unknown(t) => t.contains(m),
                CallTarget::External | CallTarget::NoCandidate => false,
            })
    });
    (!called).then_some(Reason::NoVisibleCaller)
}

/// Private to its type: `private`, or no access modifier on a class or struct member.
fn is_private(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    let in_interface = p
        .index
        .containing_type(f)
        .is_some_and(|t| p.index.type_decl(t).kind == crate::index::facts::TypeKind::Interface);
    let declared = ["public", "protected", "internal"].iter().any(|m| func.has_modifier(m));
    !in_interface && func.explicit_interface.is_none() && (!declared || func.has_modifier("private"))
}

/// A method a framework calls by convention: `Main`, test methods, controller actions and Razor page handlers,
/// SignalR hub methods, event handlers.
fn is_framework_entry(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    if (func.name == "Main" && func.has_modifier("static"))
        || func.attributes.iter().any(|a| library::TEST_ATTRIBUTES.contains(&a.as_str()))
        || is_event_handler_signature(func)
    {
        return true;
    }
    let Some(t) = p.index.containing_type(f) else { return false };
    let decl = p.index.type_decl(t);
    let supertypes = p.index.supertypes(&decl.name);
    let web = decl.attributes.iter().any(|a| a == "ApiController" || a == "Controller")
        || supertypes
            .iter()
            .any(|s| library::CONTROLLER_BASES.contains(&s.as_str()) || s == "Hub" || s == "ComponentBase");
    web && func.has_modifier("public")
}

/// Another method of the same type with this name that a call could also mean.
pub(super) fn ambiguous_overload(p: &Planner, f: FnId) -> Option<Reason> {
    let func = p.index.function(f);
    for other in p.index.functions_beside(f) {
        if other == f {
            continue;
        }
        let o = p.index.function(other);
        if o.kind == FunctionKind::Method
            && (0..=func.params.len()).any(|n| func.accepts_arity(n) && o.accepts_arity(n))
        {
            return Some(Reason::AmbiguousOverload { at: p.index.location(other.file, o.range.start()) });
        }
    }
    None
}

pub(super) fn make_async(p: &mut Planner, f: FnId, origin: TransformId) -> Result<(), Reason> {
    // Whoever asks will write an `await` in `f`.
    p.state.awaits_in.insert(f);
    let func = p.index.function(f);
    if func.is_async() {
        return Ok(());
    }
    match p.state.decisions.get(&f) {
        Some(Decision::Convert { .. }) => return Ok(()),
        Some(Decision::Blocked(r)) => return Err(r.clone()),
        None => {}
    }
    if let Some(r) = own_blocker(p, f).or_else(|| p.untouchable_blocker(f, origin)) {
        p.state.decisions.insert(f, Decision::Blocked(r.clone()));
        return Err(r);
    }
    if matches!(func.kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod) {
        // A Task.Run lambda: making it async keeps Task.Run's result type (it unwraps).
        p.state.decisions.insert(f, Decision::Convert { signature_changes: false, origin });
        return Ok(());
    }
    // Event handlers stay `void`: `async void` is right for them, and the event source does not wait.
    let is_handler = has_event_handler_shape(p.index, f);
    convert_group(p, f, origin, is_handler)
}

/// `async void` → `async Task`: the method is async already; its signature changes and callers await it.
pub(super) fn retype_async_void(p: &mut Planner, f: FnId, origin: TransformId) -> Result<(), Reason> {
    if let Some(Decision::Blocked(r)) = p.state.decisions.get(&f) {
        return Err(r.clone());
    }
    let func = p.index.function(f);
    let why = match p.read_only(f.file) {
        Some(why) => Some(Reason::FileUntouchable { why: why.to_string() }),
        None if func.has_error => Some(Reason::DoesNotParse),
        None if crate::syntax::preprocessor::crosses_conditional(
            p.index.file(f.file).source.text(),
            func.range.range(),
        ) =>
        {
            Some(Reason::SplitByConditional)
        }
        None => own_blocker(p, f).or_else(|| p.untouchable_blocker(f, origin)),
    };
    // A delegate use says more than a missing caller: it is reported as such by the group's checks.
    let uncalled = || delegate_use_of(p, f).is_none().then(|| no_caller_to_await(p, f)).flatten();
    if let Some(r) = why.or_else(uncalled) {
        p.state.decisions.insert(f, Decision::Blocked(r.clone()));
        return Err(r);
    }
    convert_group(p, f, origin, false)
}

/// `async void` → `async Task` helps only callers that await the task. In a real project (not a loose file), a
/// method nothing in the solution calls and no framework runs by convention is run from where asyncmod cannot
/// see, which would drop the task and its exceptions.
fn no_caller_to_await(p: &Planner, f: FnId) -> Option<Reason> {
    if p.index.file(f.file).settings.kind == crate::workspace::ProjectKind::Unknown || is_framework_entry(p, f) {
        return None;
    }
    let group = p.index.group_of(f).members;
    let called = group.iter().any(|m| {
        p.index.calls_named(&p.index.function(*m).name).iter().any(|c| match p.index.resolve_call(*c) {
            CallTarget::Solution(t) | CallTarget::Unknown(t) => t.contains(m),
            CallTarget::External | CallTarget::NoCandidate => false,
        })
    });
    (!called).then_some(Reason::NoCallerToAwait)
}

/// Decides a function and the ones that must change with it (interface/override group).
fn convert_group(p: &mut Planner, f: FnId, origin: TransformId, is_handler: bool) -> Result<(), Reason> {
    let group = if is_handler { crate::index::Group { members: vec![f], external: None } } else { p.index.group_of(f) };
    let mut block: Option<Reason> = group.external.as_deref().cloned();
    for m in &group.members {
        if block.is_some() {
            break;
        }
        let mf = p.index.function(*m);
        if *m != f {
            if let Some(r) = own_blocker(p, *m).or_else(|| p.untouchable_blocker(*m, origin)) {
                block = Some(Reason::GroupMember {
                    name: mf.name.to_string(),
                    at: p.index.location(m.file, mf.range.start()),
                    why: Box::new(r),
                });
                break;
            }
        }
        if is_handler {
            let called_directly = p.index.calls_named(&mf.name).iter().any(|c| {
                matches!(p.index.resolve_call(*c), crate::index::CallTarget::Solution(t) | crate::index::CallTarget::Unknown(t) if t.contains(m))
            });
            if called_directly {
                block = Some(Reason::HandlerCalledDirectly);
            }
            continue;
        }
        block = mocked(p, *m)
            .or_else(|| delegate_use_of(p, *m))
            .or_else(|| unresolved_caller(p, *m))
            .or_else(|| untouchable_caller(p, *m))
            .or_else(|| p.untouchable_blocker(*m, origin))
            .or_else(|| ambiguous_overload(p, *m));
    }
    let changes_signature =
        |p: &Planner, m: FnId| !library::is_task_like(&p.index.function(m).return_type) && !is_handler;
    let undecided = |p: &Planner, m: FnId| !matches!(p.state.decisions.get(&m), Some(Decision::Convert { .. }));
    let changing: Vec<FnId> =
        group.members.iter().copied().filter(|m| undecided(p, *m) && changes_signature(p, *m)).collect();
    // Callers outside the solution: a published library's public API, then any method nothing here calls.
    block = block.or_else(|| changing.iter().find_map(|m| p.public_api_blocker(*m))).or_else(|| {
        if changing.is_empty() {
            None
        } else {
            no_visible_caller(p, &group.members)
        }
    });
    if let Some(reason) = block {
        for m in &group.members {
            if undecided(p, *m) {
                p.state.decisions.insert(*m, Decision::Blocked(reason.clone()));
            }
        }
        return Err(reason);
    }
    for m in &group.members {
        if matches!(p.state.decisions.get(m), Some(Decision::Convert { .. })) {
            continue;
        }
        let signature_changes = changes_signature(p, *m);
        p.state.decisions.insert(*m, Decision::Convert { signature_changes, origin });
        if signature_changes {
            p.state.pending.push_back(*m);
        }
    }
    Ok(())
}

/// Processes queued conversions: each caller awaits, or keeps a blocking wait where it cannot become async.
pub(super) fn settle(p: &mut Planner) {
    while let Some(m) = p.state.pending.pop_front() {
        let origin = match p.state.decisions.get(&m) {
            Some(Decision::Convert { origin, .. }) => *origin,
            _ => continue,
        };
        let name = p.index.function(m).name;
        let calls: Vec<_> = p.index.calls_named(&name).to_vec();
        for call_id in calls {
            if p.state.call_fixes.contains_key(&call_id) {
                continue;
            }
            let targets = match p.index.resolve_call(call_id) {
                CallTarget::Solution(t) => t,
                _ => continue,
            };
            if !targets.contains(&m) {
                continue;
            }
            let call = p.index.call(call_id);
            if call.awaited {
                continue;
            }
            let fix = if call.conditional {
                CallFix::Boundary(Reason::ConditionalCall)
            } else if let Some(context) = call.context.blocker {
                CallFix::Boundary(Reason::CallIn { context })
            } else if call.context.aggregate_catch {
                CallFix::AggregateBoundary(Reason::AggregateCatch)
            } else if call.context.top_level {
                CallFix::Await
            } else {
                match call.context.function {
                    None => CallFix::Boundary(Reason::CallOutsideMethod),
                    Some(index) => match make_async(p, FnId { file: call_id.file, index }, origin) {
                        Ok(()) => CallFix::Await,
                        Err(r) => CallFix::Boundary(r),
                    },
                }
            };
            p.state.call_fixes.insert(call_id, (fix, origin));
        }
    }
}

enum FixKind {
    Plain,
    Aggregate,
}

/// Emits the edits and site reports of every decision.
pub(super) fn emit(p: &mut Planner) {
    let decisions: Vec<(FnId, Decision)> = p.state.decisions.iter().map(|(k, v)| (*k, v.clone())).collect();
    for (f, d) in decisions {
        if let Decision::Convert { origin, .. } = d {
            let ca = p.configures_await_at(f.file, p.index.function(f).range.start());
            emit_conversion(p, f, origin, ca);
        }
    }
    let fixes: Vec<_> = p.state.call_fixes.iter().map(|(k, v)| (*k, v.clone())).collect();
    for (call_id, (fix, origin)) in fixes {
        let fix_kind = if matches!(fix, CallFix::AggregateBoundary(_)) { FixKind::Aggregate } else { FixKind::Plain };
        let call = p.index.call(call_id);
        let callee = call.name;
        match fix {
            CallFix::AwaitCounterpart(counterpart) => {
                let sibling = p.index.function(counterpart).name;
                p.edit(call_id.file, Edit::replace(call.name_range.range(), sibling.to_string(), origin));
                let ca = p.configures_await_at(call_id.file, call.range.start());
                for e in await_edits(call.range.range(), call.needs_parens, ca, origin) {
                    p.edit(call_id.file, e);
                }
                p.site(
                    call_id.file,
                    call.range.range(),
                    origin,
                    Finding::CallToWrapper { callee: callee.to_string() },
                    Resolution::Fixed(format!("calls {sibling} and awaits it")),
                );
            }
            CallFix::Await => {
                let ca = p.configures_await_at(call_id.file, call.range.start());
                for e in await_edits(call.range.range(), call.needs_parens, ca, origin) {
                    p.edit(call_id.file, e);
                }
                p.site(
                    call_id.file,
                    call.range.range(),
                    origin,
                    Finding::CallBecameAsync { callee: callee.to_string() },
                    Resolution::Fixed("awaited".into()),
                );
            }
            CallFix::Boundary(reason) | CallFix::AggregateBoundary(reason) => {
                let end = call.range.end();
                let wait = if matches!(fix_kind, FixKind::Aggregate) {
                    // `.Result`/`.Wait()` wrap in AggregateException, as the wait deeper down used to.
                    let returns_value = match p.index.resolve_call(call_id) {
                        CallTarget::Solution(t) => {
                            t.first().is_some_and(|f| p.index.function(*f).return_type.trim() != "void")
                        }
                        _ => true,
                    };
                    if returns_value {
                        ".Result"
                    } else {
                        ".Wait()"
                    }
                } else {
                    ".GetAwaiter().GetResult()"
                };
                p.edit(call_id.file, Edit::close(end, wait, call.range.len(), origin));
                p.site(
                    call_id.file,
                    call.range.range(),
                    origin,
                    Finding::BoundaryCall { callee: callee.to_string() },
                    Resolution::Reported(reason),
                );
            }
        }
    }
}

fn emit_conversion(p: &mut Planner, f: FnId, origin: TransformId, configure_await: bool) {
    let func = p.index.function(f);
    let file = p.index.file(f.file);
    let text = &file.source.text();
    let has_body = func.body != Body::None;
    let ret = func.return_type.trim();
    if has_body && !func.is_async() && !p.state.awaits_in.contains(&f) && func.is_method_like() {
        // Converted only to keep its group's signature: nothing to await, so no `async`
        // (an async method without await is warning CS1998).
        if library::is_task_like(ret) {
            return;
        }
        if ret == "void" && return_completed_task(p, f, origin) {
            return;
        }
        if ret != "void" {
            let wrapped = format!("Task.FromResult<{ret}>(");
            p.edit(f.file, Edit::replace(func.return_type_range.range(), format!("Task<{ret}>"), origin));
            p.note_tasks_using(f.file);
            let exprs: Vec<std::ops::Range<usize>> = match &func.body {
                Body::Arrow(r) => vec![r.range()],
                _ => p
                    .index
                    .file(f.file)
                    .facts
                    .returns_of(f.index)
                    .filter(|r| !r.is_empty())
                    .map(|r| r.range())
                    .collect(),
            };
            for r in exprs {
                p.edit(f.file, Edit::open(r.start, wrapped.clone(), r.len(), origin));
                p.edit(f.file, Edit::close(r.end, ")", r.len(), origin));
            }
            return;
        }
    }
    if has_body && !func.is_async() {
        p.edit(f.file, Edit::open(func.async_insert_at as usize, "async ", 0, origin));
    }
    if !func.is_method_like() {
        return;
    }
    let is_handler = has_event_handler_shape(p.index, f);
    let new_return = if library::is_task_like(ret) || is_handler {
        None
    } else if ret == "void" {
        Some("Task".to_string())
    } else {
        Some(format!("Task<{ret}>"))
    };
    if let Some(new_return) = new_return {
        p.edit(f.file, Edit::replace(func.return_type_range.range(), new_return, origin));
        p.note_tasks_using(f.file);
    }
    if library::is_task_like(ret) && has_body {
        // It returned tasks directly; now it awaits them.
        let exprs: Vec<std::ops::Range<usize>> = match &func.body {
            Body::Arrow(r) => vec![r.range()],
            _ => p.index.file(f.file).facts.returns_of(f.index).filter(|r| !r.is_empty()).map(|r| r.range()).collect(),
        };
        for r in exprs {
            let expr = text[r.clone()].trim();
            if expr.starts_with("await ") {
                continue;
            }
            if is_completed_task_expr(expr) {
                // `return Task.CompletedTask;` → `return;`: delete the expression and the space before it.
                let start = text[..r.start].trim_end().len();
                p.edit(f.file, Edit::replace(start..r.end, "", origin));
            } else if let Some(prefix_len) = from_result_prefix_len(expr) {
                // `Task.FromResult(x)` → `x`: delete the wrapper only, so edits inside `x` still apply.
                let start = r.start + (text[r.clone()].len() - text[r.clone()].trim_start().len());
                let end = start + expr.len();
                p.edit(f.file, Edit::replace(start..start + prefix_len, "", origin));
                p.edit(f.file, Edit::replace(end - 1..end, "", origin));
            } else {
                // `return task;` → `return await task;`: the expression ends the statement, no parentheses needed.
                let configurable = configure_await && postfix_chain(expr) && !expr.ends_with(".ConfigureAwait(false)");
                for e in await_edits(r.clone(), false, configurable, origin) {
                    p.edit(f.file, e);
                }
            }
        }
    }
}

/// A `void` method with nothing to await becomes a plain `Task` method that returns a completed task, not an
/// `async` one (an async method without `await` is warning CS1998, an error where warnings are): every
/// `return;` returns the task, and so does the end of the body when control can reach it. `false`, with
/// nothing planned, when that cannot be written safely; the method then becomes `async Task` as any other.
fn return_completed_task(p: &mut Planner, f: FnId, origin: TransformId) -> bool {
    let func = p.index.function(f);
    let file = p.index.file(f.file);
    let text = &file.source.text();
    let Some(completed) = file.settings.completed_task_expression() else { return false };
    let mut edits = Vec::new();
    match &func.body {
        Body::Block(body) => {
            let Some(falls_off) = func.end_reachable else { return false };
            for r in file.facts.returns_of(f.index) {
                // A void method's returns are all bare: `return;` → `return Task.CompletedTask;`.
                if !r.is_empty() || !text[r.start()..].starts_with(';') {
                    return false;
                }
                edits.push(Edit::open(r.start(), format!(" {completed}"), 0, origin));
            }
            if falls_off {
                let Some(edit) = final_return(text, &body.range(), completed, file.source.line_ending.as_str(), origin)
                else {
                    return false;
                };
                edits.push(edit);
            }
        }
        Body::Arrow(expr) => {
            // `=> Save();` → `{ Save(); return Task.CompletedTask; }`, the expression itself untouched so that
            // edits inside it still apply. Only whitespace may sit around it: a comment there would be lost.
            let before = text[..expr.start()].trim_end();
            let after_len = text[expr.end()..].len() - text[expr.end()..].trim_start().len();
            let semicolon = expr.end() + after_len;
            if !before.ends_with("=>") || !text[semicolon..].starts_with(';') {
                return false;
            }
            // `=> throw ...;` is valid for any return type.
            let throws =
                text[expr.range()].strip_prefix("throw").is_some_and(|rest| rest.starts_with(char::is_whitespace));
            if !throws {
                let arrow = before.len() - 2;
                edits.push(Edit::replace(arrow..expr.start(), "{ ", origin));
                edits.push(Edit::replace(expr.end()..semicolon + 1, format!("; return {completed}; }}"), origin));
            }
        }
        Body::None => return false,
    }
    p.edit(f.file, Edit::replace(func.return_type_range.range(), "Task", origin));
    p.note_tasks_using(f.file);
    for e in edits {
        p.edit(f.file, e);
    }
    true
}

/// `return Task.CompletedTask;` as the last statement of `body` (a block, braces included): on a line of its
/// own, indented as the statement before it, when the closing brace starts its line; else before that brace.
fn final_return(
    text: &str,
    body: &std::ops::Range<usize>,
    completed: &str,
    le: &str,
    origin: TransformId,
) -> Option<Edit> {
    let close = body.end.checked_sub(1).filter(|c| text[*c..].starts_with('}'))?;
    let statement = format!("return {completed};");
    let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..close].chars().all(|c| c == ' ' || c == '\t') || line_start <= body.start {
        // `{ Save(); }` or `{}`: on the brace's line.
        let lead = if text[..close].ends_with([' ', '\t']) { "" } else { " " };
        return Some(Edit::open(close, format!("{lead}{statement} "), 0, origin));
    }
    let brace_indent = &text[line_start..close];
    // The indentation of the last line with code in the body, if it is deeper than the brace's.
    let last_code = text[body.start + 1..line_start].trim_end();
    let last_line = &last_code[last_code.rfind('\n').map_or(0, |i| i + 1)..];
    let indent: String = last_line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let indent = if !last_code.is_empty() && indent.len() > brace_indent.len() && indent.starts_with(brace_indent) {
        indent
    } else if brace_indent.contains('\t') {
        format!("{brace_indent}\t")
    } else {
        format!("{brace_indent}    ")
    };
    Some(Edit::open(line_start, format!("{indent}{statement}{le}"), 0, origin))
}

/// Length of the `Task.FromResult(` / `Task.FromResult<T>(` prefix when `expr` is exactly
/// such a call with one simple argument.
fn from_result_prefix_len(expr: &str) -> Option<usize> {
    let prefix_len = if expr.starts_with("Task.FromResult(") {
        "Task.FromResult(".len()
    } else if expr.starts_with("Task.FromResult<") {
        expr.find(">(")? + 2
    } else {
        return None;
    };
    let inner = expr[prefix_len..].strip_suffix(')')?;
    // One argument whose parentheses balance, so the final `)` closes FromResult.
    let mut depth = 0i32;
    for ch in inner.chars() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return None,
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    (depth == 0 && !inner.trim().is_empty()).then_some(prefix_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_run_lambdas_made_async_only_where_their_task_cannot_be_misread() {
        let at = |text: &str| task_run_lambda_blocker(text, text.find("() =>").unwrap());
        assert_eq!(at("await Task.Run(() => Work());"), None);
        assert_eq!(at("return Task.Run(() => Work());"), None);
        assert_eq!(at("Task<int> Get() => Task.Run(() => Work());"), None);
        assert_eq!(at("{ var t = Task.Run(() => Work());"), None);
        assert_eq!(at("{ Handler.ProgressTask = Task.Run(() => Work());"), Some(Reason::TaskRunStored));
        assert_eq!(at("{ _task = Task.Run(() => Work());"), Some(Reason::TaskRunStored));
        assert_eq!(at("await Task.Factory.StartNew(() => Work());"), Some(Reason::StartNewLambda));
        assert_eq!(at("tasks.Add(Task.Run(() => Work()));"), None);
    }

    #[test]
    fn configure_await_appends_only_to_postfix_chains() {
        assert!(postfix_chain("_repo.GetAsync(id, \"a b\")"));
        // Inside a `?.` chain it would configure a nullable awaitable, which cannot be awaited.
        assert!(!postfix_chain("client?.SendAsync(request)"));
        assert!(postfix_chain("Run<int>(x => x + 1)"));
        assert!(!postfix_chain("flag ? a : b"));
        assert!(!postfix_chain("cache ?? LoadAsync()"));
        assert!(!postfix_chain("(Task<int>)value"));
        assert!(!postfix_chain("new TaskCompletionSource<int>().Task"));
    }

    #[test]
    fn from_result_unwraps_simple_arguments() {
        assert_eq!(from_result_prefix_len("Task.FromResult(42)"), Some(16));
        assert_eq!(from_result_prefix_len("Task.FromResult<int?>(null)"), Some(22));
        assert_eq!(from_result_prefix_len("Task.FromResult(F(a, b))"), Some(16));
        assert_eq!(from_result_prefix_len("Task.FromResult(a, b)"), None);
        assert_eq!(from_result_prefix_len("Task.FromResult(a).Result"), None);
        assert_eq!(from_result_prefix_len("Foo(1)"), None);
    }
}
