//! CancellationToken primitives: "which token is in scope here", "add a token
//! parameter to this function and everything that must change with it" and
//! "pass a token at this call". Adding a parameter implies passing the token
//! at every call from code that has one; `emit` writes those edits at the end.

use std::collections::{BTreeMap, BTreeSet};

use super::asyncify::{ambiguous_overload, delegate_use_of};
use super::Planner;
use crate::atom::Atom;
use crate::edit::Edit;
use crate::index::facts::{Argument, CallSite, FileFacts, FunctionKind, TypeExpr};
use crate::index::{library, CallId, CallTarget, FileId, FnId, Function};
use crate::model::TransformId;
use crate::model::{Finding, Reason, Resolution};
use crate::syntax::simple_type_name;

const NAMESPACE: &str = "System.Threading";
const PARAM_NAME: &str = "cancellationToken";

/// Where a token argument goes in a call's argument list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgInsert {
    /// After the last argument (or inside empty parentheses), positionally.
    Append,
    /// After the last argument, as `name: token`.
    Named(String),
    /// Positionally, before the argument at this index (ahead of `params` arguments).
    Before(usize),
}

/// Who supplies the value of an added parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenBinding {
    /// Callers: the parameter is optional (`= default`) so calls without a token keep compiling.
    Callers,
    /// The framework binds it (controller actions, minimal-API handlers).
    Framework,
}

#[derive(Clone, Debug)]
struct Added {
    name: Atom,
    binding: TokenBinding,
    origin: TransformId,
    why: String,
}

#[derive(Clone, Debug)]
struct Pass {
    insert: ArgInsert,
    token: String,
    origin: TransformId,
    finding: Finding,
}

/// `.WithCancellation(token)` for an `await foreach` loop.
#[derive(Clone, Debug)]
struct Enumeration {
    token: String,
    origin: TransformId,
    finding: Finding,
}

#[derive(Clone, Debug, Default)]
pub(super) struct TokenState {
    added: BTreeMap<FnId, Added>,
    blocked: BTreeMap<FnId, Reason>,
    passes: BTreeMap<CallId, Pass>,
    /// By file and index into `FileFacts::async_foreach`.
    enumerations: BTreeMap<(FileId, u32), Enumeration>,
}

/// A function's token parameter: one it declares, or one this plan adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenParam {
    pub name: Atom,
    /// Its index in the parameter list (after the change, for an added one).
    pub index: usize,
    pub added: bool,
}

/// True for `CancellationToken` (also `System.Threading.CancellationToken`, `CancellationToken?`).
pub fn is_token_type(type_text: &str) -> bool {
    simple_type_name(type_text) == "CancellationToken"
}

/// True for `CancellationToken` as a file writes it: the name itself or a `using` alias of it
/// (`using CT = System.Threading.CancellationToken;`).
pub fn is_token_type_in(facts: &FileFacts, type_text: &str) -> bool {
    is_token_type(type_text)
        || facts.alias_target(simple_type_name(type_text)).is_some_and(|t| is_token_type(&t))
            && !type_text.contains('<')
}

/// Methods that release what their object holds: the work in them must run to the end, whatever a caller's
/// token says (a cancelled close throws, can mask the exception being handled, and can leak the resource).
pub const DISPOSAL_METHODS: &[&str] = &["Dispose", "DisposeAsync", "DisposeAsyncCore", "Close", "CloseAsync"];

/// Minimal-API route builders: their last argument is the request handler, whose parameters the framework binds.
pub const ROUTE_BUILDERS: &[&str] = &["MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods"];

/// Lambdas, anonymous methods and local functions see the token of the code around them, unless static.
pub fn captures_outer_token(func: &Function) -> bool {
    matches!(func.kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod | FunctionKind::LocalFunction)
        && !func.has_modifier("static")
}

/// The index and name of a parameter of `func` (declared in a file with `facts`) whose type is a token.
fn declared_token_param(facts: &FileFacts, func: &Function) -> Option<(usize, Atom)> {
    func.params.iter().enumerate().find(|(_, p)| is_token_type_in(facts, &p.type_text)).map(|(i, p)| (i, p.name))
}

/// Index where an added token parameter goes: last, or before a `params` array.
fn added_index(func: &Function) -> usize {
    match func.params.last() {
        Some(last) if last.is_params_array() => func.params.len() - 1,
        _ => func.params.len(),
    }
}

impl<'i, 'f> Planner<'i, 'f> {
    /// The token parameter of `f`, declared or added by this plan.
    pub fn token_param(&self, f: FnId) -> Option<TokenParam> {
        let func = self.index.function(f);
        if let Some((index, name)) = declared_token_param(&self.index.file(f.file).facts, func) {
            return Some(TokenParam { name, index, added: false });
        }
        if let Some(name) = self.foreach_async_token(f) {
            return Some(TokenParam { name, index: 1, added: false });
        }
        self.token.added.get(&f).map(|a| TokenParam { name: a.name, index: added_index(func), added: true })
    }

    /// `Parallel.ForEachAsync(src, async (item, ct) => ...)`: the lambda's second parameter is a token.
    /// Also `Parallel.ForEach(src, async item => ...)` that an earlier transform (bounded-fanout)
    /// turns into such a `ForEachAsync`: the token is the parameter it adds.
    fn foreach_async_token(&self, f: FnId) -> Option<Atom> {
        let func = self.index.function(f);
        if func.kind != FunctionKind::Lambda {
            return None;
        }
        let facts = &self.index.file(f.file).facts;
        let call = facts.calls.iter().find(|c| c.arguments.last().is_some_and(|a| a.range.ends_with(func.range)))?;
        if call.name == "ForEachAsync" && func.params.len() == 2 && func.params[1].type_text.is_empty() {
            return Some(func.params[1].name);
        }
        match self.restructured(f.file, func.range.start()) {
            Some(super::Restructured::ForEachAsyncBody { token }) if call.name == "ForEach" => Some(*token),
            _ => None,
        }
    }

    /// The function whose token code at `function` would use: walking out through lambdas and
    /// (non-static) local functions that have no token of their own, which capture the outer one.
    pub fn token_scope_owner(&self, file: FileId, function: Option<u32>) -> Option<FnId> {
        let facts = &self.index.file(file).facts;
        let mut index = function?;
        loop {
            let id = FnId { file, index };
            if self.token_param(id).is_some() {
                return Some(id);
            }
            let func = &facts.functions[index as usize];
            match func.parent {
                Some(parent) if captures_outer_token(func) => index = parent,
                _ => return Some(id),
            }
        }
    }

    /// The expression naming the token in scope at `function` (declared, captured or added), if any.
    /// `None` also where a lambda or local function in between declares the same name (C# 8 lets
    /// it shadow the token).
    pub fn token_in_scope(&self, file: FileId, function: Option<u32>) -> Option<String> {
        let owner = self.token_scope_owner(file, function)?;
        let param = self.token_param(owner)?;
        if self.shadows(file, function, owner, &param.name) || !can_write_as_argument(&param.name) {
            return None;
        }
        let func = self.index.function(owner);
        let nullable =
            !param.added && func.params.get(param.index).is_some_and(|p| p.type_text.trim_end().ends_with('?'));
        Some(if nullable { format!("{}.GetValueOrDefault()", param.name) } else { param.name.into() })
    }

    /// Whether code at `function` sees the token of its scope owner under another meaning.
    pub fn token_shadowed(&self, file: FileId, function: Option<u32>) -> bool {
        let Some(owner) = self.token_scope_owner(file, function) else { return false };
        // A token named `_` is discarded on purpose (`async (item, _) => …`): nothing hides it, and nothing is owed.
        self.token_param(owner)
            .is_some_and(|param| param.name != "_" && self.shadows(file, function, owner, &param.name))
    }

    fn shadows(&self, file: FileId, function: Option<u32>, owner: FnId, name: &str) -> bool {
        let facts = &self.index.file(file).facts;
        let mut index = function;
        while let Some(i) = index.filter(|i| *i != owner.index) {
            let f = &facts.functions[i as usize];
            if f.params.iter().any(|p| p.name == name) || f.locals.iter().any(|l| l.name == name) {
                return true;
            }
            index = f.parent;
        }
        // The owner's locals (its parameters among them) under the token's name but of another type: not valid C#
        // (CS0136), but the parser makes such a local of broken code, and then the name means that local to the
        // rest of the planner, so passing it as the token would not be recognised as done on the next run.
        // A `ForEachAsync` body's token is an untyped lambda parameter: its type is unknown, not another one.
        let untyped_token = self.foreach_async_token(owner).is_some_and(|t| t == name);
        facts.functions[owner.index as usize].locals.iter().any(|l| {
            l.name == name
                && !matches!(&*l.ty, TypeExpr::Written(w) if is_token_type_in(facts, w))
                && !(untyped_token && matches!(&*l.ty, TypeExpr::Unknown))
        })
    }

    /// The text of an argument of `call` that is already a token (`ct`, `cts.Token`,
    /// `CancellationToken.None`, `default(CancellationToken)`), if there is one.
    pub fn token_argument(&self, call: CallId) -> Option<String> {
        /// The question, as the key of its kept answers (it depends on the index alone).
        #[derive(PartialEq, Eq, Hash)]
        struct TokenArgument(CallId);
        self.derived.get_or_compute(TokenArgument(call), || {
            let c = self.index.call(call);
            let token = c.arguments.iter().find(|a| self.is_token_argument(call.file, c, a));
            // The text only when there is one: the file's text may have been put aside.
            token.map(|a| self.index.file(call.file).source.text()[a.range.range()].to_string())
        })
    }

    fn is_token_argument(&self, file: FileId, c: &CallSite, a: &Argument) -> bool {
        if let Some(t) = self.index.resolve_type(file, c.containing_type, &a.value) {
            return is_token_type_in(&self.index.file(file).facts, &t);
        }
        // Names that are tokens by every convention, when their declaration is out of sight.
        a.shape.named_like_token
    }

    /// The solution functions `call` reaches: resolved targets, or our extension methods called on
    /// a receiver whose type is known (the index reports those as candidates).
    pub fn token_call_targets(&self, call: CallId) -> Option<crate::index::Targets> {
        match self.index.resolve_call(call) {
            CallTarget::Solution(targets) => Some(targets),
            CallTarget::Unknown(cands) => {
                let c = self.index.call(call);
                let extensions = cands.iter().all(|f| {
                    self.index.function(*f).params.first().is_some_and(|p| p.modifiers.iter().any(|m| m == "this"))
                });
                let known = self.index.resolve_type(call.file, c.containing_type, &c.receiver).is_some();
                (extensions && known && !cands.is_empty()).then_some(cands)
            }
            _ => None,
        }
    }

    /// Where parameter `param_index` of `target` stands among the arguments of `call` (an extension
    /// method called on a receiver takes it as its first parameter), and the parameter's name.
    fn call_slot(&self, call: CallId, target: FnId, param_index: usize, added: bool) -> Option<(usize, String)> {
        let c = self.index.call(call);
        let func = self.index.function(target);
        let param_name = match func.params.get(param_index) {
            Some(p) if !added => p.name,
            _ => self.token_param(target).map_or_else(|| Atom::new(PARAM_NAME), |t| t.name),
        };
        let is_extension = func.params.first().is_some_and(|p| p.modifiers.iter().any(|m| m == "this"));
        let receiver_is_own_type = match &*c.receiver {
            TypeExpr::Name(n) => self.index.containing_type(target).is_some_and(|t| self.index.type_decl(t).name == *n),
            _ => false,
        };
        let shift = usize::from(is_extension && !receiver_is_own_type && *c.receiver != TypeExpr::This);
        Some((param_index.checked_sub(shift)?, param_name.into()))
    }

    /// The argument of `call` that fills parameter `param_index` of `target`, if one does.
    pub fn token_argument_for(&self, call: CallId, target: FnId, param_index: usize) -> Option<String> {
        let (position, name) = self.call_slot(call, target, param_index, false)?;
        let c = self.index.call(call);
        let text = &self.index.file(call.file).source.text();
        let named = c.arguments.iter().find(|a| a.name.as_deref() == Some(name.as_str()));
        let positional = c.arguments.iter().take_while(|a| a.name.is_none()).nth(position);
        named.or(positional).map(|a| text[a.range.range()].trim().to_string())
    }

    /// Where a token goes in `call` to fill parameter `param_index` of `target`; `None` when the
    /// call fills it already. `added`: the parameter is new, so arguments at or after it were
    /// `params` arguments before.
    pub fn token_insert_for(&self, call: CallId, target: FnId, param_index: usize, added: bool) -> Option<ArgInsert> {
        let c = self.index.call(call);
        let (position, param_name) = self.call_slot(call, target, param_index, added)?;
        if c.arguments.iter().any(|a| a.name.as_deref() == Some(param_name.as_str())) {
            return None;
        }
        let positional = c.arguments.iter().take_while(|a| a.name.is_none()).count();
        let has_named = positional < c.arguments.len();
        if positional > position {
            return if added { Some(ArgInsert::Before(position)) } else { None };
        }
        if positional == position && !has_named {
            Some(ArgInsert::Append)
        } else {
            Some(ArgInsert::Named(param_name))
        }
    }

    /// Records that `call` passes `token`; the first request for a call wins.
    pub fn pass_token(
        &mut self,
        call: CallId,
        insert: ArgInsert,
        token: impl Into<String>,
        origin: TransformId,
        finding: Finding,
    ) {
        self.token.passes.entry(call).or_insert(Pass { insert, token: token.into(), origin, finding });
    }

    /// Records that the `await foreach` loop `index` of `file` enumerates with `token`: `.WithCancellation(token)`.
    pub fn pass_token_to_enumeration(
        &mut self,
        file: FileId,
        index: u32,
        token: impl Into<String>,
        origin: TransformId,
        finding: Finding,
    ) {
        self.token.enumerations.entry((file, index)).or_insert(Enumeration { token: token.into(), origin, finding });
    }

    /// Takes back the token parameters added to `members` (a function with its group), for a chain that turned out
    /// to pass no token on: they are not added, and no later request adds them.
    pub fn retract_token_parameters(&mut self, members: &[FnId], why: &Reason) {
        for m in members {
            if self.token.added.remove(m).is_some() {
                self.token.blocked.insert(*m, why.clone());
            }
        }
    }

    /// Whether `f`'s token parameter is one this plan adds.
    pub fn token_parameter_added(&self, f: FnId) -> bool {
        self.token.added.contains_key(&f)
    }

    /// Whether a token is recorded to be passed at `call`.
    pub fn token_passed_at(&self, call: CallId) -> bool {
        self.token.passes.contains_key(&call)
    }

    /// Why `f` (with its interface/override group) cannot take a token parameter, if it cannot.
    pub fn token_parameter_blocker(&self, f: FnId, binding: TokenBinding) -> Option<Reason> {
        if let Some(r) = self.token.blocked.get(&f) {
            return Some(r.clone());
        }
        if self.token.added.contains_key(&f) {
            return None;
        }
        self.group_blocker(f, binding).err()
    }

    fn group_blocker(&self, f: FnId, binding: TokenBinding) -> Result<Vec<FnId>, Reason> {
        let func = self.index.function(f);
        let members = if func.kind == FunctionKind::Method {
            let group = self.index.group_of(f);
            if let Some(e) = group.external {
                return Err(*e);
            }
            group.members
        } else {
            vec![f]
        };
        for m in &members {
            if let Some(r) = self.member_blocker(*m, binding) {
                if *m == f {
                    return Err(r);
                }
                let mf = self.index.function(*m);
                return Err(Reason::GroupMember {
                    name: mf.name.to_string(),
                    at: self.index.location(m.file, mf.range.start()),
                    why: Box::new(r),
                });
            }
        }
        Ok(members)
    }

    fn member_blocker(&self, f: FnId, binding: TokenBinding) -> Option<Reason> {
        let func = self.index.function(f);
        let by_kind = match func.kind {
            FunctionKind::Method | FunctionKind::LocalFunction => None,
            FunctionKind::Lambda if binding == TokenBinding::Framework => None,
            FunctionKind::Constructor => Some(Reason::TokenConstructor),
            FunctionKind::Accessor | FunctionKind::PropertyArrow => Some(Reason::TokenAccessor),
            FunctionKind::Lambda | FunctionKind::AnonymousMethod => Some(Reason::TokenLambda),
            _ => Some(Reason::TakesNoParameters),
        };
        if by_kind.is_some() {
            return by_kind;
        }
        if self.token_param(f).is_some() {
            return None;
        }
        if let Some(r) = self.public_api_blocker(f) {
            return Some(r);
        }
        if let Some(member) = obsolete_member(self, f) {
            return Some(Reason::Obsolete { member });
        }
        if self.index.file(f.file).settings.holds_tests() {
            return Some(Reason::TokenInTestProject);
        }
        if func.has_error {
            return Some(Reason::DoesNotParse);
        }
        if let Some(why) = self.read_only(f.file) {
            return Some(Reason::FileUntouchable { why: why.to_string() });
        }
        // Its head: up to the name, or for a nameless function (a lambda) up to where its parameters end.
        let head_end = match (&func.params_range, func.name_range.is_empty()) {
            (Some(params), true) => params.end(),
            (None, true) => func.range.start() + 1,
            (_, false) => func.name_range.end(),
        };
        if let Some(how) = self.untouchable_named(f.file, &(func.range.start()..head_end), "cancellation-token") {
            return Some(Reason::OnSuppressedLine { how: how.to_string() });
        }
        if func.params_range.is_none() {
            return Some(Reason::NoParameterList);
        }
        if func.params.iter().any(|p| p.type_text.is_empty()) {
            return Some(Reason::ImplicitParameters);
        }
        if func.has_modifier("extern") {
            return Some(Reason::Extern);
        }
        if func.has_modifier("partial") {
            return Some(Reason::PartialMethod);
        }
        if func.is_method_like() && self.index.file(f.file).markup_mentions(&func.name) {
            return Some(Reason::MarkupUsesIt);
        }
        if func.name == "Main" && func.has_modifier("static") {
            return Some(Reason::EntryPoint);
        }
        if func.attributes.iter().any(|a| library::TEST_ATTRIBUTES.contains(&a.as_str())) {
            return Some(Reason::TestMethod);
        }
        if super::is_event_handler_signature(func) {
            return Some(Reason::HandlerSignature);
        }
        if func.is_async() && func.return_type.trim() == "void" && !self.returns_task_now(f) {
            return Some(Reason::AsyncVoidToken);
        }
        if !self.asynchronous_now(f) {
            return Some(Reason::TokenSynchronousMethod);
        }
        if func.is_method_like() && DISPOSAL_METHODS.contains(&func.name.as_str()) {
            return Some(Reason::TokenDisposalMethod { name: func.name.to_string() });
        }
        if func.params.last().is_some_and(|p| p.is_params_array()) {
            return Some(Reason::TokenParamsMethod);
        }
        if func.kind == FunctionKind::Method {
            let uses = self.index.delegate_uses_named(&func.name);
            let all_routes = !uses.is_empty() && uses.iter().all(|(file, i)| self.is_route_handler_use(*file, *i));
            if let Some(r) = delegate_use_of(self, f).filter(|_| !all_routes) {
                return Some(Reason::DelegateCannotSupply { why: Box::new(r) });
            }
            if let Some(r) = ambiguous_overload(self, f) {
                return Some(r);
            }
            if let Some(r) = self.token_overload_exists(f) {
                return Some(r);
            }
        }
        None
    }

    /// Whether `f` is asynchronous once this plan is done: it returns a task (declared so, or converted), or it is
    /// an async iterator. A lambda the framework binds (a minimal-API handler) counts when it is `async`.
    fn asynchronous_now(&self, f: FnId) -> bool {
        let func = self.index.function(f);
        match func.kind {
            FunctionKind::Lambda | FunctionKind::AnonymousMethod => func.is_async(),
            _ => {
                self.returns_task_now(f)
                    || self.is_async_now(f)
                    || simple_type_name(&func.return_type) == "IAsyncEnumerable"
                    || simple_type_name(&func.return_type) == "IAsyncEnumerator"
            }
        }
    }

    /// Whether delegate use `index` of `file` is the handler a minimal-API route builder registers
    /// (`app.MapGet("/items", GetItems)`): the framework binds the handler's parameters, a token among them.
    pub fn is_route_handler_use(&self, file: FileId, index: u32) -> bool {
        let facts = &self.index.file(file).facts;
        let use_ = &facts.delegate_uses[index as usize];
        facts.calls.iter().any(|c| {
            ROUTE_BUILDERS.contains(&c.name.as_str())
                && c.arguments.last().is_some_and(|a| a.range.ends_with(use_.range))
        })
    }

    /// An overload that already takes the same parameters plus a token: adding one would duplicate it.
    fn token_overload_exists(&self, f: FnId) -> Option<Reason> {
        let func = self.index.function(f);
        for other in self.index.functions_beside(f) {
            let o = self.index.function(other);
            let rest: Vec<&str> =
                o.params.iter().filter(|p| !is_token_type(&p.type_text)).map(|p| p.type_text.as_str()).collect();
            let mine: Vec<&str> = func.params.iter().map(|p| p.type_text.as_str()).collect();
            if other != f && o.params.len() == func.params.len() + 1 && rest == mine {
                return Some(Reason::TokenOverloadExists { at: self.index.location(other.file, o.range.start()) });
            }
        }
        None
    }

    /// Whether `f` returns a task after this plan (declared so, or `async void` becoming `async Task`).
    fn returns_task_now(&self, f: FnId) -> bool {
        library::is_task_like(&self.index.function(f).return_type)
            || matches!(self.state.decisions.get(&f), Some(super::Decision::Convert { signature_changes: true, .. }))
    }

    /// Adds `CancellationToken cancellationToken = default` to `f` and every member of its group
    /// (one free name for all), or says why it cannot. Calls to them from code with a token in
    /// scope pass it (see `emit`).
    /// `why` says, for each member, why it takes a token (shown in the report).
    pub fn add_token_parameter(
        &mut self,
        f: FnId,
        binding: TokenBinding,
        origin: TransformId,
        why: &dyn Fn(FnId) -> String,
    ) -> Result<(), Reason> {
        if self.token_param(f).is_some() {
            return Ok(());
        }
        if let Some(r) = self.token.blocked.get(&f) {
            return Err(r.clone());
        }
        let members = match self.group_blocker(f, binding) {
            Ok(m) => m,
            Err(r) => {
                self.token.blocked.insert(f, r.clone());
                return Err(r);
            }
        };
        let members: Vec<FnId> = members.into_iter().filter(|m| self.token_param(*m).is_none()).collect();
        let taken: BTreeSet<&str> = members.iter().flat_map(|m| self.names_in_scope(*m)).map(|a| a.as_str()).collect();
        let name = [PARAM_NAME, "ct", "cancellation"]
            .into_iter()
            .map(String::from)
            .chain((1..).map(|i| format!("{PARAM_NAME}{i}")))
            .find(|n| !taken.contains(n.as_str()))
            .expect("an unbounded sequence of names has a free one");
        for m in members {
            self.token.added.insert(m, Added { name: Atom::new(&name), binding, origin, why: why(m) });
        }
        Ok(())
    }

    /// Names a new parameter of `f` must not take: its parameters and locals, those of functions
    /// nested in it (and, for lambdas, around it), local function names and the type's members.
    fn names_in_scope(&self, f: FnId) -> Vec<Atom> {
        let func = self.index.function(f);
        let facts = &self.index.file(f.file).facts;
        let mut out = Vec::new();
        let mut related: Vec<&Function> = facts.functions.iter().filter(|g| func.range.encloses(g.range)).collect();
        let mut parent = func.parent;
        while let Some(p) = parent {
            let pf = &facts.functions[p as usize];
            related.push(pf);
            parent = pf.parent;
        }
        for g in related {
            out.extend(g.params.iter().map(|p| p.name));
            out.extend(g.locals.iter().map(|l| l.name));
            if g.kind == FunctionKind::LocalFunction {
                out.push(g.name);
            }
        }
        if let Some(t) = self.index.containing_type(f) {
            let decl = self.index.type_decl(t);
            for part in self.index.types_named(&decl.name) {
                out.extend(self.index.type_decl(*part).members.iter().map(|(n, _)| *n));
            }
        }
        out
    }
}

/// The name of what marks `f` `[Obsolete]` (itself, or a type around it), if something does: code on its way out
/// keeps its signature.
fn obsolete_member(p: &Planner, f: FnId) -> Option<String> {
    let func = p.index.function(f);
    if func.attributes.iter().any(|a| a == "Obsolete") {
        return Some(func.name.to_string());
    }
    p.index
        .file(f.file)
        .facts
        .types
        .iter()
        .find(|t| {
            t.range.start <= func.range.start()
                && func.range.end() <= t.range.end
                && t.attributes.iter().any(|a| a == "Obsolete")
        })
        .map(|t| t.name.to_string())
}

/// Text between the previous token and a new last item of a comma-separated list: `, ` on one
/// line, or `,` + line break + the indentation of the last item when items stand on their own lines.
fn separator(text: &str, prev_end: usize, last_start: usize, line_ending: &str) -> String {
    if text[prev_end..last_start].contains('\n') {
        format!(",{line_ending}{}", crate::syntax::line_indent(text, last_start))
    } else {
        ", ".to_string()
    }
}

/// Emits parameter additions and every recorded argument and enumeration. Which calls pass a token (calls of an
/// added function among them) is the transform's decision, recorded with `pass_token`.
pub(super) fn emit(p: &mut Planner) {
    let added: Vec<(FnId, Added)> = p.token.added.iter().map(|(k, v)| (*k, v.clone())).collect();
    for (f, a) in &added {
        emit_parameter(p, *f, a);
    }
    let passes: Vec<(CallId, Pass)> = p.token.passes.iter().map(|(k, v)| (*k, v.clone())).collect();
    for (call, pass) in passes {
        emit_argument(p, call, &pass);
    }
    let enumerations: Vec<((FileId, u32), Enumeration)> =
        p.token.enumerations.iter().map(|(k, v)| (*k, v.clone())).collect();
    for ((file, index), e) in enumerations {
        emit_enumeration(p, file, index, &e);
    }
}

/// `await foreach (var x in source)` → `await foreach (var x in source.WithCancellation(token))`, before a
/// `.ConfigureAwait(…)` that ends the source.
fn emit_enumeration(p: &mut Planner, file: FileId, index: u32, e: &Enumeration) {
    let loop_ = &p.index.file(file).facts.async_foreach[index as usize];
    let range = loop_.range;
    if let Some(why) = p.read_only(file) {
        let reason = Reason::NotPassedFile { why: why.to_string() };
        p.site(file, range.range(), e.origin, e.finding.clone(), Resolution::Reported(reason));
        return;
    }
    if let Some(how) = p.untouchable(file, &range.range(), e.origin) {
        let reason = Reason::OnSuppressedLine { how: how.to_string() };
        p.site(file, range.range(), e.origin, e.finding.clone(), Resolution::Reported(reason));
        return;
    }
    let text = &p.index.file(file).source.text();
    let at = match &*loop_.value {
        TypeExpr::Call { name, .. } if name == "ConfigureAwait" => {
            text[range.range()].rfind(".ConfigureAwait").map_or(range.end(), |i| range.start() + i)
        }
        _ => range.end(),
    };
    let value = format!(".WithCancellation({})", e.token);
    p.edit(file, Edit::close(at, value.clone(), at - range.start(), e.origin));
    p.site(file, range.range(), e.origin, e.finding.clone(), Resolution::Fixed(format!("adds `{value}`")));
}

fn emit_parameter(p: &mut Planner, f: FnId, a: &Added) {
    let func = p.index.function(f);
    let file = p.index.file(f.file);
    let text = &file.source.text();
    let Some(list) = func.params_range else { return };
    let default = if a.binding == TokenBinding::Framework && func.kind == FunctionKind::Lambda {
        ""
    } else if func.explicit_interface.is_some() {
        // A default on an explicit implementation has no effect (warning CS1066).
        ""
    } else if !file.settings.lang_version.allows_default_literal() {
        " = default(CancellationToken)"
    } else {
        " = default"
    };
    // An async iterator's token must be marked to receive `WithCancellation` tokens (warning CS8425).
    let async_iterator =
        func.is_async() && func.is_iterator && simple_type_name(&func.return_type) == "IAsyncEnumerable";
    let attribute = if async_iterator { "[EnumeratorCancellation] " } else { "" };
    if async_iterator {
        p.note_using(f.file, "System.Runtime.CompilerServices");
    }
    let param = format!("{attribute}CancellationToken {}{default}", a.name);
    let le = file.source.line_ending.as_str();
    let edit = match func.params.last() {
        None => Edit::close(list.end() - 1, param, list.len(), a.origin),
        Some(last) if last.is_params_array() => {
            let prev_end = func.params.len().checked_sub(2).map_or(list.start() + 1, |i| func.params[i].range.end());
            let sep = separator(text, prev_end, last.range.start(), le);
            let sep = sep.trim_start_matches(',');
            Edit::open(last.range.start(), format!("{param},{sep}"), last.range.len() + 1, a.origin)
        }
        Some(last) => {
            let prev_end = func.params.len().checked_sub(2).map_or(list.start() + 1, |i| func.params[i].range.end());
            let sep = separator(text, prev_end, last.range.start(), le);
            Edit::close(last.range.end(), format!("{sep}{param}"), last.range.end() - list.start(), a.origin)
        }
    };
    p.edit(f.file, edit);
    p.note_using(f.file, NAMESPACE);
    let what = match func.kind {
        FunctionKind::Lambda => "request handler".to_string(),
        _ => func.name.to_string(),
    };
    let at = if func.name_range.is_empty() { list } else { func.name_range };
    p.site(
        f.file,
        at.range(),
        a.origin,
        Finding::TakesNoToken { what },
        Resolution::Fixed(format!("adds `CancellationToken {}`: {}", a.name, a.why)),
    );
}

fn emit_argument(p: &mut Planner, call: CallId, pass: &Pass) {
    let c = p.index.call(call);
    let Some(list) = c.args_range else { return };
    // The added parameters are optional, so a call left as it is still compiles: report it instead.
    let untouchable = match p.read_only(call.file) {
        Some(why) => Some(Reason::NotPassedFile { why: why.to_string() }),
        None if c.in_error_region => Some(Reason::NotPassedBrokenCode),
        None => p
            .untouchable(call.file, &c.range.range(), pass.origin)
            .map(|how| Reason::OnSuppressedLine { how: how.to_string() }),
    };
    if let Some(reason) = untouchable {
        p.site(call.file, c.range.range(), pass.origin, pass.finding.clone(), Resolution::Reported(reason));
        return;
    }
    let file = p.index.file(call.file);
    let text = &file.source.text();
    let le = file.source.line_ending.as_str();
    let value = match &pass.insert {
        ArgInsert::Named(name) => format!("{name}: {}", pass.token),
        _ => pass.token.clone(),
    };
    let edit = match (&pass.insert, c.arguments.last()) {
        (ArgInsert::Before(i), _) if *i < c.arguments.len() => {
            let arg = &c.arguments[*i];
            let prev_end = i.checked_sub(1).map_or(list.start() + 1, |j| c.arguments[j].range.end());
            let sep = separator(text, prev_end, arg.range.start(), le);
            let sep = sep.trim_start_matches(',');
            Edit::open(arg.range.start(), format!("{value},{sep}"), list.end() - arg.range.start(), pass.origin)
        }
        (_, None) => Edit::close(list.end() - 1, value.clone(), list.len(), pass.origin),
        (_, Some(last)) => {
            let n = c.arguments.len();
            let prev_end = n.checked_sub(2).map_or(list.start() + 1, |j| c.arguments[j].range.end());
            let sep = separator(text, prev_end, last.range.start(), le);
            Edit::close(last.range.end(), format!("{sep}{value}"), last.range.end() - list.start(), pass.origin)
        }
    };
    p.edit(call.file, edit);
    if pass.token.starts_with("CancellationToken.") {
        p.note_using(call.file, NAMESPACE);
    }
    p.site(
        call.file,
        c.range.range(),
        pass.origin,
        pass.finding.clone(),
        Resolution::Fixed(format!("passes `{value}`")),
    );
}

/// Whether a variable of this name can be written as an argument. C# takes `async` and `await` as names, but
/// tree-sitter reads `M(async);` as a declaration, so the next run would not see what this one wrote. A token
/// named `_` was discarded on purpose (`async (item, _) => …`): it is not passed on.
pub fn can_write_as_argument(name: &str) -> bool {
    !matches!(name, "async" | "await" | "_")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::index::{Index, IndexedFile};
    use crate::plan::PlanOptions;
    use crate::source::SourceFile;
    use crate::workspace::ProjectSettings;

    /// Runs `check` with a planner over one file holding `src`.
    fn with_planner(src: &str, check: impl FnOnce(&mut Planner)) {
        let source = SourceFile::from_bytes("t.cs".into(), "t.cs".into(), src.as_bytes().to_vec()).unwrap();
        let tree = crate::syntax::parse(source.text());
        let facts = crate::index::facts::extract(&tree, source.text());
        let file = IndexedFile {
            source,
            settings: Arc::new(ProjectSettings::default()),
            facts,
            markup: None,
            read_only: None,
            attribute_suppressions: true,
        };
        let index = Index::new(vec![Some(&file)]);
        let options = PlanOptions::default();
        let mut p = Planner::new(&index, &options);
        check(&mut p);
    }

    fn function(p: &Planner, name: &str) -> FnId {
        let facts = &p.index.file(0).facts;
        let i = facts.functions.iter().position(|f| f.name == name).unwrap_or_else(|| panic!("no function {name}"));
        FnId { file: 0, index: i as u32 }
    }

    /// The `nth` call (0-based) to `name`.
    fn call(p: &Planner, name: &str, nth: usize) -> CallId {
        let facts = &p.index.file(0).facts;
        let i = facts.calls.iter().enumerate().filter(|(_, c)| c.name == name).nth(nth).map(|(i, _)| i);
        CallId { file: 0, index: i.unwrap_or_else(|| panic!("no call {name} #{nth}")) as u32 }
    }

    #[test]
    fn tokens_are_captured_by_lambdas_and_local_functions_but_not_static_ones() {
        let src = "class C { async Task M(CancellationToken ct) { Run(() => A()); Local(); void Local() { B(); } \
                   Run(static () => D()); } }";
        with_planner(src, |p| {
            let in_scope = |p: &Planner, name: &str| {
                let c = p.index.call(call(p, name, 0));
                p.token_in_scope(0, c.context.function)
            };
            assert_eq!(in_scope(p, "A").as_deref(), Some("ct"));
            assert_eq!(in_scope(p, "B").as_deref(), Some("ct"));
            assert_eq!(in_scope(p, "D"), None);
        });
    }

    #[test]
    fn shadowing_hides_the_token() {
        let src = "class C { async Task M(CancellationToken ct) { Run(ct => A()); } }";
        with_planner(src, |p| {
            let c = p.index.call(call(p, "A", 0));
            assert_eq!(p.token_in_scope(0, c.context.function), None);
            assert!(p.token_shadowed(0, c.context.function));
        });
    }

    #[test]
    fn token_placement_positional_named_and_ahead_of_params() {
        let src = "static class C {
            static Task Search(string q, int page = 1, CancellationToken ct = default) => null;
            static Task Log(string f, params object[] xs) => null;
            static Task Ext(this string s, int n) => null;
            static void M() { Search(\"a\"); Search(\"a\", 2); Search(\"a\", page: 2); Search(\"a\", 2, default);
                              Log(\"x\", 1, 2); Log(\"x\"); \"s\".Ext(1); } }";
        with_planner(src, |p| {
            let search = function(p, "Search");
            assert_eq!(p.token_insert_for(call(p, "Search", 0), search, 2, false), Some(ArgInsert::Named("ct".into())));
            assert_eq!(p.token_insert_for(call(p, "Search", 1), search, 2, false), Some(ArgInsert::Append));
            assert_eq!(p.token_insert_for(call(p, "Search", 2), search, 2, false), Some(ArgInsert::Named("ct".into())));
            assert_eq!(p.token_insert_for(call(p, "Search", 3), search, 2, false), None);
            assert_eq!(p.token_argument_for(call(p, "Search", 3), search, 2).as_deref(), Some("default"));
            // A parameter added before `params`: arguments from there on were `params` arguments.
            let log = function(p, "Log");
            assert_eq!(p.token_insert_for(call(p, "Log", 0), log, 1, true), Some(ArgInsert::Before(1)));
            assert_eq!(p.token_insert_for(call(p, "Log", 1), log, 1, true), Some(ArgInsert::Append));
            // The receiver of an extension method is its first parameter.
            let ext = function(p, "Ext");
            assert_eq!(p.token_insert_for(call(p, "Ext", 0), ext, 2, true), Some(ArgInsert::Append));
        });
    }

    #[test]
    fn added_parameters_take_a_free_name_for_the_whole_group() {
        let src = "interface I { Task Load(int id); }
            class A : I { public Task Load(int id) { var cancellationToken = 1; return Task.Delay(id); } }
            class B : I { public Task Load(int id) => Task.CompletedTask; }";
        with_planner(src, |p| {
            let load = function(p, "Load");
            p.add_token_parameter(
                load,
                TokenBinding::Callers,
                crate::model::TransformId::new(3, "cancellation-token"),
                &|_| "test".into(),
            )
            .unwrap();
            let names: Vec<String> = p.token.added.values().map(|a| a.name.into()).collect();
            assert_eq!(names, vec!["ct", "ct", "ct"]);
        });
    }

    #[test]
    fn blockers_are_reasons() {
        let src = "class C {
            public async void Fire() { await Task.Delay(1); }
            public Task Used(int x) => Task.Delay(x);
            public async Task Wire() { Func<int, Task> f = Used; await f(1); }
            public static void Main() { }
            public int Count() => 1;
            public Task Log(string f, params object[] xs) => Task.CompletedTask;
            public Task DisposeAsync() => Task.CompletedTask;
            public Task Routed() => Task.CompletedTask;
            public void Map(WebApplication app) { app.MapGet(\"/\", Routed); }
        }";
        with_planner(src, |p| {
            let blocker = |p: &Planner, name: &str| p.token_parameter_blocker(function(p, name), TokenBinding::Callers);
            assert_eq!(blocker(p, "Fire"), Some(Reason::AsyncVoidToken));
            assert!(matches!(blocker(p, "Used"), Some(Reason::DelegateCannotSupply { .. })));
            assert_eq!(blocker(p, "Main"), Some(Reason::EntryPoint));
            assert_eq!(blocker(p, "Wire"), None);
            assert_eq!(blocker(p, "Count"), Some(Reason::TokenSynchronousMethod));
            assert_eq!(blocker(p, "Log"), Some(Reason::TokenParamsMethod));
            assert!(matches!(blocker(p, "DisposeAsync"), Some(Reason::TokenDisposalMethod { .. })));
            // A method registered as a minimal-API handler is bound by the framework, not used as a delegate.
            assert_eq!(blocker(p, "Routed"), None);
        });
    }

    #[test]
    fn separators_follow_the_list_layout() {
        assert_eq!(separator("M(a, b)", 3, 5, "\n"), ", ");
        assert_eq!(separator("M(\n    a,\n    b)", 8, 14, "\n"), ",\n    ");
    }
}
