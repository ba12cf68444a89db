//! Name-based resolution over the index: what type an expression has, which
//! solution methods a call can reach, and which methods must change together.

use std::collections::BTreeSet;

use super::facts::{CallTypes, FunctionKind, TypeExpr, TypeKind};
use super::library;
use super::scope::Site;
use super::{CallId, FileId, FnId, Index, TypeId};
use crate::atom::Atom;
use crate::model::Reason;
use crate::syntax::simple_type_name;

/// Functions a call may reach, shared: the index keeps an answer for every call it resolves, and the calls of a
/// name on receivers of unknown type all have the same candidates (thousands for `Add` or `ToString`).
pub type Targets = std::sync::Arc<[FnId]>;

/// Where a call goes, as far as the index can prove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallTarget {
    /// Solution functions the call may dispatch to (overrides are handled by groups).
    Solution(Targets),
    /// The receiver is a type outside the solution: not one of ours.
    External,
    /// The receiver's type is unknown; these solution functions have a matching name and arity.
    Unknown(Targets),
    /// No solution function has this name and arity.
    NoCandidate,
}

/// Methods that must change signature together (interface members, their
/// implementations, a virtual method and its overrides), or why they cannot.
#[derive(Clone, Debug, Default)]
pub struct Group {
    pub members: Vec<FnId>,
    /// Boxed: most groups have none, and the index keeps a group for every method it is asked about.
    pub external: Option<Box<Reason>>,
}

const MAX_DEPTH: usize = 12;

/// A type declaration's bases as written, each with the types (numbers of type identities) it may mean there.
pub(super) type WrittenBases = std::sync::Arc<[(Atom, Vec<u32>)]>;

/// A type an expression has: its name as written, the solution types it may be (numbers of type identities,
/// sorted; empty for a type outside the solution), and where it was written, where its type arguments mean what
/// they say.
#[derive(Clone, Debug)]
struct Ty {
    name: Atom,
    keys: Vec<u32>,
    site: Site,
}

impl<'f> Index<'f> {
    /// The written type of an expression, if the index can establish it.
    pub fn resolve_type(&self, file: FileId, containing_type: Option<u32>, expr: &TypeExpr) -> Option<Atom> {
        let t = self.ty(self.site_in(file, containing_type), expr, 0)?;
        // A type parameter of the type where it was written (`T` of `Repository<T>`) is any type.
        let simple = simple_type_name(&t.name);
        (!self.is_type_parameter(t.site.file, t.site.ct, None, simple)).then_some(t.name)
    }

    /// A type name written at `site`, with the solution types it may mean there.
    fn written(&self, site: Site, name: Atom) -> Ty {
        Ty { name, keys: self.type_keys_at(site, &name), site }
    }

    /// The type declared by `ct` in `file`: the type of `this` in its code.
    fn this_ty(&self, file: FileId, ct: u32) -> Ty {
        let id = TypeId { file, index: ct };
        Ty { name: self.type_decl(id).name, keys: vec![self.key_of(id)], site: self.site_in(file, Some(ct)) }
    }

    fn ty(&self, site: Site, expr: &TypeExpr, depth: usize) -> Option<Ty> {
        if depth > MAX_DEPTH {
            return None;
        }
        match expr {
            TypeExpr::Unknown => None,
            // `dynamic` dispatches at run time: nothing about it can be proven.
            TypeExpr::Written(t) if matches!(t.trim(), "dynamic" | "var") => None,
            TypeExpr::Written(t) => Some(self.written(site, *t)),
            TypeExpr::This => site.ct.map(|ct| self.this_ty(site.file, ct)),
            TypeExpr::Base => self.base_class_ty(&self.this_ty(site.file, site.ct?).keys),
            TypeExpr::Name(n) => {
                // A member of the enclosing type, or of a type around it (a nested type sees its outer types'
                // members by their simple names).
                let types = &self.file(site.file).facts.types;
                let mut enclosing = site.ct;
                while let Some(ct) = enclosing {
                    if let Some(t) = self.member_ty(&self.this_ty(site.file, ct), n, depth) {
                        return Some(t);
                    }
                    enclosing = types[ct as usize].outer;
                }
                // A type name used as a static receiver.
                let keys = self.type_keys_at(site, n);
                (!keys.is_empty() || is_known_static_type(n)).then_some(Ty { name: *n, keys, site })
            }
            TypeExpr::Member { receiver, name } => {
                let r = self.ty(site, receiver, depth + 1)?;
                let simple = simple_type_name(&r.name);
                if simple == "TaskCompletionSource" && name == "Task" {
                    let arg = r.name.find('<').map(|i| &r.name[i + 1..r.name.len() - 1]).unwrap_or("object");
                    return Some(self.written(r.site, Atom::new(&format!("Task<{arg}>"))));
                }
                self.member_ty(&r, name, depth)
            }
            TypeExpr::Element(e) => self.element_ty(&self.ty(site, e, depth + 1)?, depth + 1),
            TypeExpr::Indexed(e) => self.indexed_ty(&self.ty(site, e, depth + 1)?, depth + 1),
            TypeExpr::Agree(all) => {
                let types: Option<Vec<Ty>> = all.iter().map(|e| self.ty(site, e, depth + 1)).collect();
                let mut types = types?;
                for t in &mut types {
                    // `a ?? b` where `a` is `Order?`: both are an `Order`.
                    t.name = Atom::new(t.name.trim().trim_end_matches('?'));
                }
                same_name(types)
            }
            TypeExpr::ArrayOf(e) => {
                let t = self.ty(site, e, depth + 1)?;
                Some(self.written(t.site, Atom::new(&format!("{}[]", t.name))))
            }
            TypeExpr::LambdaParam { receiver, method, position } => {
                let r = self.ty(site, receiver, depth + 1)?;
                if *position != 0 {
                    return None;
                }
                if r.keys.is_empty() {
                    if let Some(mocked) = library::mocked_type(&r.name, method) {
                        return Some(self.written(r.site, Atom::new(&mocked)));
                    }
                }
                if !library::lambda_takes_element(method) || self.declares_method(&r, method) {
                    return None;
                }
                self.element_ty(&r, depth + 1)
            }
            TypeExpr::Select { receiver, body } => {
                let r = self.ty(site, receiver, depth + 1)?;
                if self.declares_method(&r, "Select") {
                    return None;
                }
                self.element_ty(&r, depth + 1)?;
                let b = self.ty(site, body, depth + 1)?;
                let sequence = if library::is_queryable(&r.name) { "IQueryable" } else { "IEnumerable" };
                Some(self.written(b.site, Atom::new(&format!("{sequence}<{}>", b.name))))
            }
            TypeExpr::Invoke(e) => self.invoked_ty(&self.ty(site, e, depth + 1)?),
            TypeExpr::Query(source) => {
                let s = self.ty(site, source, depth + 1)?;
                self.element_ty(&s, depth + 1)?;
                let kind = if library::is_queryable(&s.name) { "IQueryable" } else { "IEnumerable" };
                Some(self.written(s.site, Atom::new(kind)))
            }
            TypeExpr::OutArg { call, position } => {
                let TypeExpr::Call { receiver, name, arity, .. } = call.as_ref() else { return None };
                let receiver_type = self.ty(site, receiver, depth + 1);
                let target = self.call_targets(site, None, receiver, receiver_type.clone(), name, *arity as usize);
                match target {
                    CallTarget::Solution(candidates) => {
                        let params: Option<Vec<Ty>> = candidates
                            .iter()
                            .map(|c| {
                                let func = self.function(*c);
                                let skip = usize::from(
                                    is_extension_for(func, *arity as usize) && !func.accepts_arity(*arity as usize),
                                );
                                let p = func.params.get(*position as usize + skip)?;
                                let written = p.type_text.trim().strip_prefix("out ").unwrap_or(&p.type_text);
                                Some(self.written(self.site_in(c.file, func.containing_type), Atom::new(written)))
                            })
                            .collect();
                        same_name(params?)
                    }
                    _ => {
                        let r = receiver_type?;
                        let t = library::library_out_argument(&r.name, name, *position)?;
                        Some(self.written(r.site, Atom::new(&t)))
                    }
                }
            }
            TypeExpr::Deconstructed { value, position } => {
                let t = self.ty(site, value, depth + 1)?;
                // A solution type deconstructs through a `Deconstruct` of its own: not followed.
                if !t.keys.is_empty() {
                    return None;
                }
                let element = tuple_element(&t.name, *position as usize)?;
                Some(self.written(t.site, Atom::new(element)))
            }
            TypeExpr::Await(inner) => {
                let t = self.ty(site, inner, depth + 1)?;
                library::task_result_type(&t.name).map(|r| self.written(t.site, Atom::new(&r)))
            }
            TypeExpr::Call { receiver, name, arity, fixing } => {
                let receiver_type = self.ty(site, receiver, depth + 1);
                if let Some(r) = &receiver_type {
                    let simple = simple_type_name(&r.name);
                    if let Some((_, _, ret)) =
                        library::TASK_FACTORIES.iter().find(|(t, m, _)| *t == simple && m == name)
                    {
                        return Some(self.written(site, Atom::new(ret)));
                    }
                    if name == "ConfigureAwait" && library::is_task_like(&r.name) {
                        return Some(r.clone());
                    }
                    if let Some(t) = library::library_return(simple, name).filter(|_| r.keys.is_empty()) {
                        return Some(self.written(r.site, Atom::new(t)));
                    }
                    if r.keys.is_empty() && library::ASYNC_API_TYPES.contains(&simple) && name.ends_with("Async") {
                        return Some(self.written(site, Atom::new("Task")));
                    }
                }
                let target = self.call_targets(site, None, receiver, receiver_type.clone(), name, *arity as usize);
                if !matches!(target, CallTarget::Solution(_)) && self.functions_named(name).is_empty() {
                    // No method has the name: a field or property of delegate type, invoked (`GetDbSet(db)`).
                    let member = match receiver.as_ref() {
                        TypeExpr::This => TypeExpr::Name(*name),
                        _ => TypeExpr::Member { receiver: *receiver, name: *name },
                    };
                    if let Some(t) = self.ty(site, &member, depth + 1).and_then(|d| self.invoked_ty(&d)) {
                        return Some(t);
                    }
                }
                let candidates = match target {
                    CallTarget::Solution(c) => c,
                    CallTarget::External | CallTarget::NoCandidate => {
                        let r = receiver_type?;
                        // A library method the index knows, on the receiver or a library type it derives from.
                        let outside = self.supertypes_ty(&r).into_iter().filter(|s| s.keys.is_empty());
                        let known = outside
                            .filter_map(|s| library::library_return(simple_type_name(&s.name), name).map(|t| (s, t)))
                            .next();
                        if let Some((s, t)) = known {
                            return Some(self.written(s.site, Atom::new(t)));
                        }
                        // A LINQ operator over a sequence of known elements.
                        let element = self.element_ty(&r, depth + 1)?;
                        let t = library::linq_result(&r.name, &element.name, name, *arity as usize)?;
                        return Some(self.written(element.site, Atom::new(&t)));
                    }
                    CallTarget::Unknown(_) => return None,
                };
                let this = match receiver.as_ref() {
                    TypeExpr::This | TypeExpr::Base => None,
                    _ => receiver_type,
                };
                let at_call = fixing.as_deref().map(|types| FixedAt { types, site, arity: *arity as usize });
                let returns: Option<Vec<Ty>> =
                    candidates.iter().map(|c| self.return_ty(*c, this.as_ref(), at_call, depth)).collect();
                same_name(returns?)
            }
        }
    }

    /// The type of field or property `member` of the type `t`, searching its parts and base types (a generic
    /// type's members with its type arguments in place: `Items` of a `Repository<Order>` is a `List<Order>`);
    /// `None` when none has it, or when the types that have it give it different types.
    fn member_ty(&self, t: &Ty, member: &str, depth: usize) -> Option<Ty> {
        if depth > MAX_DEPTH {
            return None;
        }
        if t.keys.is_empty() {
            // A type outside the solution (most receivers): no declarations or bases of ours to search.
            return self.library_member_ty(t, member).map(same_name_one);
        }
        let mut found = Vec::new();
        let mut seen = BTreeSet::new();
        let mut queue = vec![t.clone()];
        while let Some(t) = queue.pop() {
            if seen.len() > 32 || !seen.insert((t.keys.clone(), t.name)) {
                continue;
            }
            if t.keys.is_empty() {
                found.extend(self.library_member_ty(&t, member));
                continue;
            }
            let mut here = false;
            for &key in &t.keys {
                for &part in self.parts(key) {
                    let decl = self.type_decl(part);
                    if let Some((_, ty)) = decl.members.iter().find(|(n, _)| n == member) {
                        found.push(self.in_terms_of(&t, part, ty));
                        here = true;
                    }
                }
            }
            // A member declared here hides one of the same name in a base type.
            if !here {
                queue.extend(self.direct_supertypes(&t));
            }
        }
        same_name(found)
    }

    /// The type of `member` of a type outside the solution, as the library tables know it.
    fn library_member_ty(&self, t: &Ty, member: &str) -> Option<Ty> {
        let generic = library::library_member(&t.name, member);
        let plain = || library::library_plain_member(simple_type_name(&t.name), member).map(String::from);
        generic.or_else(plain).map(|m| self.written(t.site, Atom::new(&m)))
    }

    /// The type `written` in the declaration `part` of the type `t`, its type parameters replaced by `t`'s type
    /// arguments; written where those arguments were when it holds any, else where the declaration is.
    fn in_terms_of(&self, t: &Ty, part: TypeId, written: &str) -> Ty {
        let params = &self.type_decl(part).type_params;
        let args = library::split_generic(&t.name).map(|(_, a)| a).unwrap_or_default();
        if !params.is_empty() && params.len() == args.len() {
            let replaced = substitute(written, params, &args);
            if replaced != written {
                return self.written(t.site, Atom::new(&replaced));
            }
        }
        let decl = self.type_decl(part);
        let inner_site = Site { file: part.file, ct: Some(part.index), at: decl.range.start };
        self.written(inner_site, Atom::new(written))
    }

    /// The base class and interfaces of `t` as written in its declarations, in terms of `t`'s type arguments
    /// (`Repository<Order>` for an `OrderRepository : Repository<Order>`, `IList<Order>` for a `Batch<Order>`
    /// declared `Batch<T> : IList<T>`); a base outside the solution has no keys.
    fn direct_supertypes(&self, t: &Ty) -> Vec<Ty> {
        let mut out = Vec::new();
        let args = library::split_generic(&t.name).map(|(_, a)| a).unwrap_or_default();
        for &key in &t.keys {
            for &part in self.parts(key) {
                let params = &self.type_decl(part).type_params;
                let base_site = self.base_list_site(part);
                for &(written, ref keys) in self.written_bases(part).iter() {
                    let replaced = if !params.is_empty() && params.len() == args.len() {
                        Atom::new(&substitute(&written, params, &args))
                    } else {
                        written
                    };
                    let site = if replaced != written { t.site } else { base_site };
                    out.push(Ty { name: replaced, keys: keys.clone(), site });
                }
            }
        }
        out
    }

    /// The bases `part` is declared with, each with the types it may mean where it is written: the same for every
    /// type a member lookup climbs through, and asked again at each lookup.
    fn written_bases(&self, part: TypeId) -> WrittenBases {
        self.written_bases.get_or_compute(part, || {
            let base_site = self.base_list_site(part);
            let decl = self.type_decl(part);
            decl.written_bases.iter().map(|w| (*w, self.type_keys_at(base_site, w))).collect()
        })
    }

    /// `t` and its supertypes (see `direct_supertypes`), nearest first, at most 32.
    fn supertypes_ty(&self, t: &Ty) -> Vec<Ty> {
        let mut out = vec![t.clone()];
        let mut i = 0;
        while i < out.len() && out.len() < 32 {
            let more = self.direct_supertypes(&out[i]);
            for m in more {
                if !out.iter().any(|o| o.name == m.name && o.keys == m.keys) {
                    out.push(m);
                }
            }
            i += 1;
        }
        out
    }

    /// What invoking a delegate of type `t` gives: the result of a `Func<…, R>`.
    fn invoked_ty(&self, t: &Ty) -> Option<Ty> {
        match library::split_generic(&t.name)? {
            ("Func", args) => Some(self.written(t.site, Atom::new(args.last()?))),
            _ => None,
        }
    }

    /// What `foreach` over a value of type `t` gives: the element of an array or a library collection, or of the
    /// collection a solution type derives from or implements.
    fn element_ty(&self, t: &Ty, depth: usize) -> Option<Ty> {
        self.through_supertypes(t, depth, library::library_element)
    }

    /// What `e[i]` gives on a value of type `t` (arrays, lists and dictionaries, and the solution types deriving
    /// from them).
    fn indexed_ty(&self, t: &Ty, depth: usize) -> Option<Ty> {
        self.through_supertypes(t, depth, library::library_indexed)
    }

    /// `known` applied to the first of `t` and its supertypes outside the solution that it knows, written where
    /// that type's arguments were.
    fn through_supertypes(&self, t: &Ty, depth: usize, known: fn(&str) -> Option<String>) -> Option<Ty> {
        if depth > MAX_DEPTH {
            return None;
        }
        if t.keys.is_empty() {
            return known(&t.name).map(|e| self.written(t.site, Atom::new(&e)));
        }
        let found: Vec<Ty> = self
            .supertypes_ty(t)
            .into_iter()
            .filter(|s| s.keys.is_empty())
            .filter_map(|s| known(&s.name).map(|e| self.written(s.site, Atom::new(&e))))
            .collect();
        // Two collections implemented with different elements: `foreach` would not compile, or pick one.
        same_name(found)
    }

    /// Whether the solution type `t` or one of its supertypes in the solution declares a method `name`.
    fn declares_method(&self, t: &Ty, name: &str) -> bool {
        if t.keys.is_empty() {
            return false;
        }
        let (supertypes, _) = self.supertype_keys(&t.keys);
        supertypes.iter().any(|k| !self.functions_in_key(*k, name).is_empty())
    }

    /// What a call to the solution function `f` gives, on a receiver of type `receiver` (`None`: `this`, or a
    /// static call): its return type with the receiver's type arguments in place, and its own type parameters
    /// where the call fixes them (`at_call`); `None` when it returns a type parameter of its own that the call
    /// does not fix.
    fn return_ty(&self, f: FnId, receiver: Option<&Ty>, at_call: Option<FixedAt>, depth: usize) -> Option<Ty> {
        let func = self.function(f);
        let written = func.return_type;
        if depth > MAX_DEPTH {
            return None;
        }
        if mentions_any(&written, &func.type_params) {
            return self.generic_return_ty(f, at_call?);
        }
        let plain = || self.written(self.site_in(f.file, func.containing_type), written);
        let (Some(receiver), Some(declaring)) = (receiver, self.containing_type(f)) else { return Some(plain()) };
        let key = self.key_of(declaring);
        if is_extension(func) || self.type_decl(declaring).type_params.is_empty() {
            return Some(plain());
        }
        let as_declaring = self.supertypes_ty(receiver).into_iter().find(|s| s.keys.contains(&key));
        Some(match as_declaring {
            Some(s) => self.in_terms_of(&s, declaring, &written),
            None => plain(),
        })
    }

    /// What a call to the generic method `f` gives when the call fixes its type parameters: by type arguments
    /// written (`Make<Order>()`), or by arguments of written types passed where a parameter is declared as the
    /// type parameter itself (`T Load<T>(T seed)` called `Load(new Order())`). Where the return type names more than
    /// its type parameters (`List<T>`), those names must mean the same at the call as at the declaration.
    fn generic_return_ty(&self, f: FnId, at_call: FixedAt) -> Option<Ty> {
        let func = self.function(f);
        let written = func.return_type.trim();
        // A type parameter of the declaring type too (`Map<U>` of a `Box<T>` returning `Pair<T, U>`): not followed.
        let declaring = self.containing_type(f).map(|t| self.type_decl(t).type_params.clone()).unwrap_or_default();
        if mentions_any(written, &declaring) {
            return None;
        }
        let fixed = self.fixed_type_args(f, at_call)?;
        if let Some(i) = func.type_params.iter().position(|p| p == written) {
            // `Make<TResult>()` inside a generic method of the caller's: a type parameter, any type.
            let simple = simple_type_name(fixed[i].trim_end_matches('?'));
            return (!self.is_method_type_parameter_at(at_call.site, simple))
                .then(|| self.written(at_call.site, fixed[i]));
        }
        let declared_at = self.site_in(f.file, func.containing_type);
        let own_words = written
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty() && !func.type_params.iter().any(|p| p == w));
        for word in own_words {
            if self.type_keys_at(declared_at, word) != self.type_keys_at(at_call.site, word) {
                return None;
            }
        }
        let args: Vec<&str> = fixed.iter().map(|a| a.as_str()).collect();
        let replaced = substitute(written, &func.type_params, &args);
        let keys = self.type_keys_at(declared_at, &replaced);
        (keys == self.type_keys_at(at_call.site, &replaced)).then(|| Ty {
            name: Atom::new(&replaced),
            keys,
            site: at_call.site,
        })
    }

    /// The type arguments a call fixes for the generic method `f`, one per type parameter: those written, or each
    /// parameter's from the arguments passed where a parameter is declared as it, when they all agree and no other
    /// parameter mentions it (`IEnumerable<T>`, `Func<T>`: inference would weigh those too).
    fn fixed_type_args(&self, f: FnId, at_call: FixedAt) -> Option<Vec<Atom>> {
        let func = self.function(f);
        let types = at_call.types;
        if !types.type_args.is_empty() {
            return (types.type_args.len() == func.type_params.len()).then(|| types.type_args.clone());
        }
        // An extension method called on a receiver takes it as its first parameter; when the arity cannot tell
        // whether the call names the receiver or passes it, the places of the arguments are not known.
        let skip = if is_extension(func) {
            let as_receiver = func.accepts_arity(at_call.arity + 1);
            if as_receiver && func.accepts_arity(at_call.arity) {
                return None;
            }
            usize::from(as_receiver)
        } else {
            0
        };
        let mut out = Vec::with_capacity(func.type_params.len());
        for t in &func.type_params {
            let mut found: Option<Atom> = None;
            for (i, param) in func.params.iter().enumerate() {
                let declared = param.type_text.trim();
                if !mentions_any(declared, std::slice::from_ref(t)) {
                    continue;
                }
                if declared != t.as_str() || param.is_params_array() || i < skip {
                    return None;
                }
                let arg = types.args.get(i - skip).copied().flatten()?;
                let simple = simple_type_name(arg.trim_end_matches('?'));
                if matches!(arg.trim(), "dynamic" | "var") || self.is_method_type_parameter_at(at_call.site, simple) {
                    return None;
                }
                match found {
                    Some(other) if other != arg => return None,
                    _ => found = Some(arg),
                }
            }
            out.push(found?);
        }
        Some(out)
    }

    /// Whether `name` is a type parameter of a function declared in the type of `site` (a site knows its type,
    /// not its function: any of them may be the one around it).
    fn is_method_type_parameter_at(&self, site: Site, name: &str) -> bool {
        let facts = &self.file(site.file).facts;
        facts.functions.iter().any(|f| f.containing_type == site.ct && f.type_params.iter().any(|p| p == name))
    }

    /// The direct base types of the type `key` (all its parts): those of the solution, and the names of the others.
    fn base_keys(&self, key: u32) -> (Vec<u32>, Vec<Atom>) {
        self.base_keys.get_or_compute(key, || self.compute_base_keys(key))
    }

    fn compute_base_keys(&self, key: u32) -> (Vec<u32>, Vec<Atom>) {
        let mut solution = Vec::new();
        let mut outside = Vec::new();
        for &part in self.parts(key) {
            let site = self.base_list_site(part);
            let decl = self.type_decl(part);
            for (b, written) in decl.bases.iter().zip(&decl.written_bases) {
                let keys = self.type_keys_at(site, written);
                if keys.is_empty() {
                    outside.push(*b);
                }
                solution.extend(keys);
            }
        }
        solution.sort_unstable();
        solution.dedup();
        (solution, outside)
    }

    /// The base class (not interface) of the types `keys`, if they name one.
    fn base_class_ty(&self, keys: &[u32]) -> Option<Ty> {
        for &key in keys {
            for &part in self.parts(key) {
                let site = self.base_list_site(part);
                let decl = self.type_decl(part);
                for (b, written) in decl.bases.iter().zip(&decl.written_bases) {
                    let base = Ty { name: *b, ..self.written(site, *written) };
                    let is_interface = match base.keys.first() {
                        Some(k) => self.type_decl(self.parts(*k)[0]).kind == TypeKind::Interface,
                        None => library::looks_like_interface(b),
                    };
                    if !is_interface {
                        return Some(base);
                    }
                }
            }
        }
        None
    }

    /// The types `keys` and all their supertypes in the solution (bases and interfaces, transitively), and the
    /// names of the supertypes outside it.
    fn supertype_keys(&self, keys: &[u32]) -> (BTreeSet<u32>, Vec<Atom>) {
        match keys {
            [key] => self.supertype_keys.get_or_compute(*key, || self.compute_supertype_keys(keys)),
            _ => self.compute_supertype_keys(keys),
        }
    }

    fn compute_supertype_keys(&self, keys: &[u32]) -> (BTreeSet<u32>, Vec<Atom>) {
        let mut seen = BTreeSet::new();
        let mut outside = Vec::new();
        let mut queue = keys.to_vec();
        while let Some(key) = queue.pop() {
            if seen.len() > 64 || !seen.insert(key) {
                continue;
            }
            let (bases, names) = self.base_keys(key);
            queue.extend(bases);
            for n in names {
                if !outside.contains(&n) {
                    outside.push(n);
                }
            }
        }
        (seen, outside)
    }

    /// The solution types deriving from the type `key`, transitively (not itself).
    fn subtype_keys(&self, key: u32) -> Vec<u32> {
        self.subtype_keys.get_or_compute(key, || self.compute_subtype_keys(key))
    }

    fn compute_subtype_keys(&self, key: u32) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut queue = vec![key];
        while let Some(k) = queue.pop() {
            let name = self.key_name(k);
            for &derived in self.types_deriving_from(&name) {
                let dk = self.key_of(derived);
                if dk == key || out.contains(&dk) || out.len() >= 256 {
                    continue;
                }
                let site = self.base_list_site(derived);
                let decl = self.type_decl(derived);
                let mut bases = decl.bases.iter().zip(&decl.written_bases).filter(|(b, _)| **b == name);
                if bases.any(|(_, written)| self.type_keys_at(site, written).contains(&k)) {
                    out.push(dk);
                    queue.push(dk);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Functions named `name` declared in the type `key` (any of its parts).
    fn functions_in_key(&self, key: u32, name: &str) -> Vec<FnId> {
        // Not a question beyond the type's parts: every file declaring a part of the type is in the index once
        // `parts` is answered, and with it the functions it declares.
        self.parts(key);
        self.keyed(key, name).to_vec()
    }

    /// The methods and local functions named like `f` and declared beside it: in its type (any of its partial
    /// parts, and only those: a type of the same name in another namespace or project is another type), `f`
    /// included. Those a call to `f`'s name could mean as well.
    pub fn functions_beside(&self, f: FnId) -> Vec<FnId> {
        let name = self.function(f).name;
        match self.containing_type(f) {
            Some(t) => self.functions_in_key(self.key_of(t), &name),
            None => vec![f],
        }
    }

    /// The base class (not interface) of a solution type, if it names one.
    pub fn base_class_of(&self, type_name: &str) -> Option<Atom> {
        for id in self.types_named(type_name) {
            for b in &self.type_decl(*id).bases {
                let is_interface = match self.types_named(b).first() {
                    Some(t) => self.type_decl(*t).kind == TypeKind::Interface,
                    None => library::looks_like_interface(b),
                };
                if !is_interface {
                    return Some(*b);
                }
            }
        }
        None
    }

    /// All supertypes (bases and interfaces, transitively) named by a solution type of this name, itself included:
    /// by name, every type of that name counts.
    pub fn supertypes(&self, type_name: &str) -> Vec<Atom> {
        let mut seen: Vec<Atom> = Vec::new();
        let mut queue = vec![Atom::new(type_name)];
        while let Some(t) = queue.pop() {
            if seen.contains(&t) || seen.len() > 64 {
                continue;
            }
            for id in self.types_named(&t) {
                queue.extend(self.type_decl(*id).bases.iter().cloned());
            }
            seen.push(t);
        }
        seen
    }

    /// All solution types deriving from a type of this name, transitively (not itself): by name.
    pub fn subtypes(&self, type_name: &str) -> Vec<Atom> {
        let mut out: Vec<Atom> = Vec::new();
        let mut queue = vec![Atom::new(type_name)];
        while let Some(t) = queue.pop() {
            for id in self.types_deriving_from(&t) {
                let name = self.type_decl(*id).name;
                if !out.contains(&name) && name != type_name && out.len() < 256 {
                    queue.push(name);
                    out.push(name);
                }
            }
        }
        out.sort();
        out
    }

    pub fn is_solution_type(&self, name: &str) -> bool {
        !self.types_named(name).is_empty()
    }

    /// Resolves a call site.
    pub fn resolve_call(&self, id: CallId) -> CallTarget {
        self.call_targets.get_or_compute(id, || self.compute_call_targets(id))
    }

    fn compute_call_targets(&self, id: CallId) -> CallTarget {
        let call = self.call(id);
        let site = self.site_in(id.file, call.containing_type);
        let function = call.context.function;
        let receiver_type = self.receiver_ty(site, &call.receiver);
        self.call_targets(site, function, &call.receiver, receiver_type, &call.name, call.arity as usize)
    }

    /// The extension method a call `r.name(…)` with `arity` arguments would reach, written where the call `id`
    /// is and on its receiver `r`: one the index proves applies (it takes the receiver's type, its static class
    /// is visible there and accessible from the call's project) and that no instance method of that name on the
    /// receiver's type hides; `None` when the index cannot prove one, or finds several.
    pub fn extension_for_call(&self, id: CallId, name: &str, arity: usize) -> Option<FnId> {
        let call = self.call(id);
        // `M()` has no receiver to extend.
        if *call.receiver == TypeExpr::This || *call.receiver == TypeExpr::Base {
            return None;
        }
        let site = self.site_in(id.file, call.containing_type);
        let receiver = self.receiver_ty(site, &call.receiver)?;
        let simple = simple_type_name(&receiver.name);
        let written_as_parameter = self.is_type_parameter(receiver.site.file, receiver.site.ct, None, simple);
        // A library receiver may have an instance method of that name, which wins over any extension.
        if receiver.keys.is_empty()
            || written_as_parameter
            || self.is_type_parameter(site.file, site.ct, call.context.function, simple)
        {
            return None;
        }
        let (supertypes, outside) = self.supertype_keys(&receiver.keys);
        if supertypes.iter().any(|k| !self.functions_in_key(*k, name).is_empty()) {
            return None;
        }
        let library_hides = outside.iter().any(|o| {
            let known = library::EXTERNAL_INTERFACE_MEMBERS.iter().find(|(i, _)| i == o);
            known.is_none_or(|(_, members)| members.contains(&name))
        });
        if library_hides {
            return None;
        }
        let candidates: Vec<FnId> = self
            .functions_named(name)
            .iter()
            .copied()
            .filter(|f| self.function(*f).kind == FunctionKind::Method && is_extension_for(self.function(*f), arity))
            .collect();
        let CallTarget::Solution(found) = self.extension_targets(site, &candidates, &receiver, arity)? else {
            return None;
        };
        let [one] = &found[..] else { return None };
        let func = self.function(*one);
        let class = self.containing_type(*one)?;
        let accessible = if self.same_assembly(id.file, one.file) {
            func.has_modifier("public") || func.has_modifier("internal")
        } else {
            func.has_modifier("public") && self.type_decl(class).visible_outside && self.project_sees(id.file, one.file)
        };
        accessible.then_some(*one)
    }

    fn receiver_ty(&self, site: Site, receiver: &TypeExpr) -> Option<Ty> {
        match receiver {
            TypeExpr::This => site.ct.map(|ct| self.this_ty(site.file, ct)),
            other => self.ty(site, other, 0),
        }
    }

    /// Where a call `receiver.name(…)` with `arity` arguments, written at `site` inside `function`, may go;
    /// `receiver_type` is the receiver's type, as far as it is known.
    fn call_targets(
        &self,
        site: Site,
        function: Option<u32>,
        receiver: &TypeExpr,
        receiver_type: Option<Ty>,
        name: &str,
        arity: usize,
    ) -> CallTarget {
        // A local function in scope wins over methods.
        if *receiver == TypeExpr::This {
            if let Some(local) = self.local_function_in_scope(site.file, function, name) {
                return CallTarget::Solution([local].into());
            }
        }
        // Every method of the name, wherever declared: only where the receiver's type does not settle the
        // question. A common name (`Execute`, `Create`) has thousands, and listing them per call made planning
        // grow with the square of the solution.
        let all_candidates = std::cell::OnceCell::new();
        let candidates = || -> &Targets { all_candidates.get_or_init(|| self.methods_taking(name, arity)) };
        let unknown = || {
            let candidates = candidates();
            if candidates.is_empty() {
                CallTarget::NoCandidate
            } else {
                CallTarget::Unknown(candidates.clone())
            }
        };
        let Some(receiver_type) = receiver_type else { return unknown() };
        let simple = simple_type_name(&receiver_type.name).to_string();
        let written_as_parameter =
            self.is_type_parameter(receiver_type.site.file, receiver_type.site.ct, None, &simple);
        if written_as_parameter || self.is_type_parameter(site.file, site.ct, function, &simple) {
            // `T item; item.M()`: T can be any type meeting its constraints, ours included.
            return unknown();
        }
        if receiver_type.keys.is_empty() {
            // An extension method of ours on a library type is still ours.
            return self.extension_targets(site, candidates(), &receiver_type, arity).unwrap_or(CallTarget::External);
        }
        // The methods of the name declared in the types `keys` and their supertypes, in declaration order (as the
        // index lists functions by name). Looking up each type's own functions: no question beyond those
        // `supertype_keys` asks, which reads every part of every type on the way.
        let in_hierarchy_of = |keys: &[u32]| -> Vec<FnId> {
            let (supertypes, _) = self.supertype_keys(keys);
            let mut found: Vec<FnId> = supertypes
                .iter()
                .flat_map(|key| self.keyed(*key, name).iter().copied())
                .filter(|f| {
                    let func = self.function(*f);
                    func.kind == FunctionKind::Method && func.accepts_arity(arity)
                })
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let in_hierarchy = in_hierarchy_of(&receiver_type.keys);
        if !in_hierarchy.is_empty() {
            return CallTarget::Solution(in_hierarchy.into());
        }
        if *receiver == TypeExpr::This {
            // `M()` in a nested type may call a (static) method of a type around it: the innermost that has one.
            let facts = &self.file(site.file).facts;
            let mut outer = site.ct.and_then(|ct| facts.types[ct as usize].outer);
            while let Some(o) = outer {
                let around = in_hierarchy_of(&[self.key_of(TypeId { file: site.file, index: o })]);
                if !around.is_empty() {
                    return CallTarget::Solution(around.into());
                }
                outer = facts.types[o as usize].outer;
            }
            // `using static Shop.Helpers;` brings in the static methods of that type.
            let around = facts.scopes.iter().filter(|s| s.range.start <= site.at && site.at <= s.range.end);
            let statics: Vec<Atom> = around.flat_map(|s| s.statics.iter().copied()).collect();
            let at_namespace_level = Site { ct: None, ..site };
            for imported in statics {
                let found = in_hierarchy_of(&self.type_keys_at(at_namespace_level, &imported));
                if !found.is_empty() {
                    return CallTarget::Solution(found.into());
                }
            }
        }
        if let Some(target) = self.extension_targets(site, candidates(), &receiver_type, arity) {
            return target;
        }
        // A solution type whose supertypes leave the solution may inherit the method from outside.
        CallTarget::External
    }

    /// Every method of the name that a call with `arity` arguments may reach, wherever declared: those that take
    /// that many, and extension methods that take one more.
    fn methods_taking(&self, name: &str, arity: usize) -> Targets {
        // The question about the name is recorded on the first computation, as for every memo of the index.
        self.methods_taking.get_or_compute((Atom::new(name), arity), || {
            self.functions_named(name)
                .iter()
                .copied()
                .filter(|f| {
                    let func = self.function(*f);
                    func.kind == FunctionKind::Method && (func.accepts_arity(arity) || is_extension_for(func, arity))
                })
                .collect()
        })
    }

    /// The extension methods among `candidates` that a call on a `receiver` written at `site` may reach: those
    /// whose `this` parameter takes the receiver's type and whose static class is visible there, when that is
    /// proven (`Solution`), or with those that may (`Unknown`); `None` when none can.
    fn extension_targets(&self, site: Site, candidates: &[FnId], receiver: &Ty, arity: usize) -> Option<CallTarget> {
        let mut sure = Vec::new();
        let mut maybe = Vec::new();
        for &f in candidates.iter().filter(|f| is_extension_for(self.function(**f), arity)) {
            match (self.extension_takes(f, receiver), self.extension_visible(site, f)) {
                (Some(false), _) => {}
                (Some(true), true) => sure.push(f),
                _ => maybe.push(f),
            }
        }
        match (sure.is_empty(), maybe.is_empty()) {
            (true, true) => None,
            (false, true) => Some(CallTarget::Solution(sure.into())),
            _ => {
                sure.extend(maybe);
                sure.sort();
                Some(CallTarget::Unknown(sure.into()))
            }
        }
    }

    /// Whether the extension method `f` takes a receiver of type `receiver` as its `this` argument: exactly, as
    /// a base class or an implemented interface; `None` when the index cannot tell (a generic `this T`, library
    /// types it knows nothing about).
    fn extension_takes(&self, f: FnId, receiver: &Ty) -> Option<bool> {
        let func = self.function(f);
        let this = func.params.first()?;
        let written = this.type_text.trim().trim_end_matches('?');
        let simple = simple_type_name(written);
        if func.type_params.iter().any(|t| t == simple) {
            return None;
        }
        if matches!(simple, "object" | "Object") {
            return Some(true);
        }
        let declared = self.type_keys_at(self.site_in(f.file, func.containing_type), written);
        if !declared.is_empty() {
            // A library type never derives from one of ours.
            if receiver.keys.is_empty() {
                return Some(false);
            }
            let (supertypes, _) = self.supertype_keys(&receiver.keys);
            return Some(declared.iter().any(|k| supertypes.contains(k)));
        }
        let receiver_simple = simple_type_name(&receiver.name);
        if receiver.keys.is_empty() {
            let sequence_as_enumerable = simple == "IEnumerable" && library::library_element(&receiver.name).is_some();
            return (receiver_simple == simple || sequence_as_enumerable).then_some(true);
        }
        let (_, outside) = self.supertype_keys(&receiver.keys);
        if outside.iter().any(|o| o == simple) {
            return Some(true);
        }
        // Every supertype is ours: none of them is that library type.
        outside.is_empty().then_some(false)
    }

    /// Whether the static class of the extension method `f` is visible at `site` by its namespace: the same or an
    /// enclosing one, or one a `using` around the site, a `global using` of its project or the project's `<Using>`
    /// items import. `false` means "not proven": a namespace may come in some way not modelled.
    fn extension_visible(&self, site: Site, f: FnId) -> bool {
        let Some(t) = self.containing_type(f) else { return false };
        let namespace = self.type_decl(t).namespace;
        if namespace.is_empty() {
            return true;
        }
        let facts = &self.file(site.file).facts;
        let around = facts.scopes.iter().filter(|s| s.range.start <= site.at && site.at <= s.range.end);
        let mut visible = false;
        for scope in around {
            let inside = scope.namespace == namespace
                || scope.namespace.strip_prefix(namespace.as_str()).is_some_and(|rest| rest.starts_with('.'));
            visible |= inside || scope.imports.contains(&namespace);
        }
        visible || self.globally_imported(site.file, &namespace)
    }

    /// Whether every file of `file`'s project imports `namespace` at its top (`IndexedFile::imported_by_project`).
    pub(super) fn globally_imported(&self, file: FileId, namespace: &str) -> bool {
        self.file(file).imported_by_project(namespace, &self.project_globals)
    }

    /// Whether code in `file` sees `namespace`'s names unqualified (`IndexedFile::imports`).
    pub fn file_imports(&self, file: FileId, namespace: &str) -> bool {
        self.file(file).imports(namespace, &self.project_globals)
    }

    /// Whether `name` is a generic type parameter of the enclosing functions or type.
    fn is_type_parameter(&self, file: FileId, ct: Option<u32>, mut function: Option<u32>, name: &str) -> bool {
        let facts = &self.file(file).facts;
        while let Some(f) = function {
            let func = &facts.functions[f as usize];
            if func.type_params.iter().any(|t| t == name) {
                return true;
            }
            function = func.parent;
        }
        // The enclosing type and the types around it (nested types see outer type parameters).
        let Some(ct) = ct else { return false };
        let inner = &facts.types[ct as usize].range;
        facts.types.iter().any(|t| {
            t.range.start <= inner.start && inner.end <= t.range.end && t.type_params.iter().any(|p| p == name)
        })
    }

    fn local_function_in_scope(&self, file: FileId, mut function: Option<u32>, name: &str) -> Option<FnId> {
        let facts = &self.file(file).facts;
        // Walk outwards; `None` is the top level, where top-level statements declare local functions.
        loop {
            let hit = facts
                .functions
                .iter()
                .enumerate()
                .find(|(_, lf)| lf.kind == FunctionKind::LocalFunction && lf.parent == function && lf.name == name);
            if let Some((i, _)) = hit {
                return Some(FnId { file, index: i as u32 });
            }
            function = facts.functions[function? as usize].parent;
        }
    }

    /// The functions that must change signature together with `f`.
    pub fn group_of(&self, f: FnId) -> Group {
        self.groups.get_or_compute(f, || self.compute_group(f))
    }

    fn compute_group(&self, f: FnId) -> Group {
        let mut group = Group::default();
        let mut queue = vec![f];
        while let Some(m) = queue.pop() {
            if group.members.contains(&m) {
                continue;
            }
            group.members.push(m);
            if group.members.len() > 256 {
                group.external = Some(Box::new(Reason::GroupTooLarge));
                break;
            }
            let func = self.function(m);
            if func.kind != FunctionKind::Method {
                continue;
            }
            let Some(tid) = self.containing_type(m) else { continue };
            let tdecl = self.type_decl(tid);
            let own = self.key_of(tid);
            let related = |this: &Self, key: u32| -> Vec<FnId> {
                let mut candidates = this.functions_in_key(key, &func.name);
                candidates.retain(|cand| {
                    let c = this.function(*cand);
                    c.kind == FunctionKind::Method && c.params.len() == func.params.len()
                });
                candidates
            };
            // Upwards: interfaces it implements and methods it overrides.
            let (supertypes, outside) = self.supertype_keys(&[own]);
            let public = func.has_modifier("public") || tdecl.kind == TypeKind::Interface;
            let overrides = func.has_modifier("override");
            let mut found_overridden = false;
            for st in &outside {
                let interface_like = library::looks_like_interface(st);
                if interface_like && (public || func.explicit_interface.as_deref() == Some(st.as_str())) {
                    let known = library::EXTERNAL_INTERFACE_MEMBERS.iter().find(|(i, _)| *i == st.as_str());
                    match known {
                        Some((_, members)) if !members.contains(&func.name.as_str()) => {}
                        _ => {
                            group.external.get_or_insert_with(|| {
                                Box::new(Reason::ExternalImplementation { member: format!("{st}.{}", func.name) })
                            });
                        }
                    }
                }
            }
            for &st in supertypes.iter().filter(|s| **s != own) {
                let name = self.key_name(st);
                let is_interface = self.type_decl(self.parts(st)[0]).kind == TypeKind::Interface;
                if is_interface && !(public || func.explicit_interface.as_deref() == Some(name.as_str())) {
                    continue;
                }
                if !is_interface && !overrides {
                    continue;
                }
                let matches = related(self, st);
                if !is_interface && !matches.is_empty() {
                    found_overridden = true;
                }
                queue.extend(matches);
            }
            if overrides && !found_overridden {
                // Words for the reason below, not a name: nothing to intern.
                let base = if library::OBJECT_MEMBERS.contains(&func.name.as_str()) {
                    "object".to_string()
                } else {
                    self.base_class_ty(&[own]).map_or_else(|| "a base class".to_string(), |b| b.name.to_string())
                };
                group.external.get_or_insert_with(|| {
                    Box::new(Reason::ExternalOverride { member: format!("{base}.{}", func.name) })
                });
            }
            // Downwards: implementations and overrides.
            if tdecl.kind == TypeKind::Interface
                || func.has_modifier("virtual")
                || func.has_modifier("abstract")
                || overrides
            {
                for sub in self.subtype_keys(own) {
                    for cand in related(self, sub) {
                        let c = self.function(cand);
                        let implements = tdecl.kind == TypeKind::Interface
                            && (c.has_modifier("public")
                                || c.explicit_interface.as_deref() == Some(tdecl.name.as_str()));
                        if implements || c.has_modifier("override") {
                            queue.push(cand);
                        }
                    }
                }
            }
        }
        group.members.sort();
        group.members.dedup();
        group
    }
}

/// What a call writes that may fix a generic method's type parameters, and where it is written.
#[derive(Clone, Copy)]
struct FixedAt<'a> {
    types: &'a CallTypes,
    site: Site,
    arity: usize,
}

/// The one type several places agree on (the solution types each may be, together), or `None` when they name
/// different types or there are none.
fn same_name(types: Vec<Ty>) -> Option<Ty> {
    let mut types = types.into_iter();
    let mut first = types.next()?;
    for t in types {
        if t.name != first.name {
            return None;
        }
        first.keys.extend(t.keys);
    }
    Some(same_name_one(first))
}

/// `same_name` of one type.
fn same_name_one(mut t: Ty) -> Ty {
    t.keys.sort_unstable();
    t.keys.dedup();
    t
}

fn is_extension(func: &super::Function) -> bool {
    func.params.first().is_some_and(|p| p.modifiers.iter().any(|m| m == "this"))
}

fn is_extension_for(func: &super::Function, arity: usize) -> bool {
    func.params.first().is_some_and(|p| p.modifiers.iter().any(|m| m == "this")) && func.accepts_arity(arity + 1)
}

/// Static library types that commonly receive calls (`Task.Run`, `File.ReadAllTextAsync`).
fn is_known_static_type(name: &str) -> bool {
    matches!(
        name,
        "Task"
            | "ValueTask"
            | "File"
            | "Thread"
            | "Parallel"
            | "JsonSerializer"
            | "Console"
            | "Environment"
            | "Math"
            | "Directory"
            | "Path"
            | "Dns"
            | "Monitor"
    )
}

/// `written` with each whole name among `params` replaced by the argument at its place (`Task<T>` with `T` =
/// `Order` → `Task<Order>`); a name after a `.` is a member, not a parameter.
fn substitute(written: &str, params: &[Atom], args: &[&str]) -> String {
    let mut out = String::with_capacity(written.len());
    let mut word = String::new();
    let mut after_dot = false;
    let flush = |word: &mut String, out: &mut String, after_dot: bool| {
        match params.iter().position(|p| p == word.as_str()).filter(|_| !after_dot) {
            Some(i) => out.push_str(args[i]),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in written.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out, after_dot);
        after_dot = c == '.';
        out.push(c);
    }
    flush(&mut word, &mut out, after_dot);
    out
}

/// The type of element `position` of a tuple type as written (`(Order, Customer)`, `(Order first, int count)`,
/// `ValueTuple<Order, int>`, `Tuple<…>`), or of a `KeyValuePair<K, V>` (which deconstructs into its key and value).
fn tuple_element(written: &str, position: usize) -> Option<&str> {
    let t = written.trim().trim_end_matches('?');
    let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        let (head, args) = library::split_generic(t)?;
        return matches!(head, "ValueTuple" | "Tuple" | "KeyValuePair").then(|| args.get(position).copied()).flatten();
    };
    let element = top_level_split(inner, ',').into_iter().nth(position)?.trim();
    // `Dictionary<string, int> counts`: a name after the type, outside any brackets.
    let named = top_level_split(element, ' ');
    let element = match named.as_slice() {
        [.., last] if named.len() > 1 && last.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            element[..element.len() - last.len()].trim()
        }
        _ => element,
    };
    (!element.is_empty()).then_some(element)
}

/// `text` split at each `separator` outside `<>`, `()` and `[]`.
fn top_level_split(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            c if c == separator && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.retain(|p| !p.trim().is_empty() || separator != ' ');
    parts
}

/// Whether `written` names any of `params` as a whole word.
fn mentions_any(written: &str, params: &[Atom]) -> bool {
    !params.is_empty()
        && written.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| params.iter().any(|p| p == w))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::index::IndexedFile;
    use crate::source::SourceFile;
    use crate::workspace::ProjectSettings;

    fn files(sources: &[&str]) -> Vec<IndexedFile> {
        sources
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = format!("f{i}.cs");
                let source = SourceFile::from_bytes(PathBuf::from(&path), path, text.as_bytes().to_vec()).unwrap();
                let facts = crate::index::facts::extract(&crate::syntax::parse(text), text);
                let settings = Arc::new(ProjectSettings::default());
                IndexedFile { source, settings, facts, markup: None, read_only: None, attribute_suppressions: true }
            })
            .collect()
    }

    #[test]
    fn only_names_a_declaration_can_have_are_asked_about() {
        let files = files(&["class @class { } class Repo { }"]);
        let index = Index::new(files.iter().map(Some).collect());
        assert_eq!(index.types_named("@class").len(), 1);
        assert_eq!(index.types_named("Repo").len(), 1);
        for never_declared in ["byte[]", "string?", "(int, string)", "Repo>", ""] {
            assert!(index.types_named(never_declared).is_empty(), "{never_declared}");
        }
        let asked: Vec<String> = index.wanted().into_iter().map(|(_, n)| n).collect();
        assert_eq!(asked, ["@class", "Repo"]);
    }

    /// The first whole-word occurrence of `name` in a region that does not parse, searched for word by word.
    fn searched_in_error_regions(files: &[IndexedFile], name: &str) -> Option<(FileId, usize)> {
        let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        for (id, file) in files.iter().enumerate() {
            let text = file.source.text().as_bytes();
            for range in &file.facts.error_ranges {
                let region = &file.source.text()[range.clone()];
                for (i, _) in region.match_indices(name) {
                    let (start, end) = (range.start + i, range.start + i + name.len());
                    let before = start.checked_sub(1).map(|j| text[j]);
                    if !before.is_some_and(is_ident) && !text.get(end).is_some_and(|b| is_ident(*b)) {
                        return Some((id as FileId, start));
                    }
                }
            }
        }
        None
    }

    #[test]
    fn names_in_broken_code_are_found_as_a_word_by_word_search_finds_them() {
        let sources = [
            "class A { void M() { Load(); } }",
            "class B { void M() { Load(x => ; Save(Loader); } void N() { Save( } }",
            "class C { void M() { int é = ; Loader(); Save(); } }",
        ];
        let files = files(&sources);
        assert!(files[1].facts.error_count > 0 && files[2].facts.error_count > 0, "the test needs broken code");
        let index = Index::new(files.iter().map(Some).collect());
        let mut names: Vec<&str> = sources
            .iter()
            .flat_map(|s| s.split(|c: char| !(c.is_alphanumeric() || c == '_')))
            .filter(|w| !w.is_empty())
            .collect();
        names.extend(["oad", "Lo", "Save(", "x =>"]);
        let mut found = 0;
        for name in names {
            let expected = searched_in_error_regions(&files, name);
            found += usize::from(expected.is_some());
            assert_eq!(index.name_in_error_region(name), expected, "{name}");
        }
        assert!(found >= 3, "some names lie in broken code: {found}");

        // Regions that start and end inside words, and overlap: a word cut by a region's edge is not in it.
        let mut files = files;
        let len = files[0].source.text().len();
        for (width, step) in [(3, 4), (9, 4), (5, 7)] {
            files[0].facts.error_ranges = (0..len - width).step_by(step).map(|s| s..s + width).rev().collect();
            let index = Index::new(files.iter().map(Some).collect());
            for name in ["class", "A", "void", "M", "Load", "oad", "Loa", "ass"] {
                let expected = searched_in_error_regions(&files, name);
                assert_eq!(index.name_in_error_region(name), expected, "{name} in regions {width} wide");
            }
        }
    }

    /// The type of the first argument of each call to `Probe` in the last file, in source order.
    fn probes(sources: &[&str]) -> Vec<Option<String>> {
        let files = files(sources);
        let index = Index::new(files.iter().map(Some).collect());
        let last = (files.len() - 1) as FileId;
        index
            .file(last)
            .facts
            .calls
            .iter()
            .filter(|c| c.name == "Probe")
            .map(|c| index.resolve_type(last, c.containing_type, &c.arguments[0].value).map(|t| t.to_string()))
            .collect()
    }

    fn probe(sources: &[&str]) -> Option<String> {
        probes(sources).into_iter().next().flatten()
    }

    /// Where the call to `name` in the last file goes: the types declaring its targets.
    fn target(sources: &[&str], name: &str) -> String {
        let files = files(sources);
        let index = Index::new(files.iter().map(Some).collect());
        let last = (files.len() - 1) as FileId;
        let i = index.file(last).facts.calls.iter().position(|c| c.name == name).expect("the call");
        let describe = |fs: crate::index::Targets| {
            let names: Vec<String> = fs
                .iter()
                .map(|f| index.containing_type(*f).map(|t| index.type_decl(t).name.to_string()).unwrap_or_default())
                .collect();
            names.join(" ")
        };
        match index.resolve_call(CallId { file: last, index: i as u32 }) {
            CallTarget::Solution(fs) => describe(fs),
            CallTarget::Unknown(fs) => format!("unknown {}", describe(fs)),
            other => format!("{other:?}"),
        }
    }

    const ORDER: &str = "class Order { public Task SaveAsync() => null; public int Id; }";

    #[test]
    fn declarations_give_their_locals_a_type() {
        let cases = [
            ("var x = new Order[n]; Probe(x);", "Order[]"),
            ("var x = new[] { new Order(), new Order() }; Probe(x);", "Order[]"),
            ("var x = (Order)o; Probe(x);", "Order"),
            ("var x = o as Order; Probe(x);", "Order"),
            ("if (o is Order x) Probe(x);", "Order"),
            ("switch (o) { case Order x: Probe(x); break; }", "Order"),
            ("using var x = new Order(); Probe(x);", "Order"),
            ("using (var x = new Order()) { Probe(x); }", "Order"),
            ("var x = b ? new Order() : null; Probe(x);", "Order"),
            ("var x = Find() ?? new Order(); Probe(x);", "Order"),
            ("var x = Find() ?? throw new Exception(); Probe(x);", "Order"),
            ("Probe(Find()!);", "Order"),
            ("if (TryFind(1, out var x)) Probe(x);", "Order"),
            ("if (_byId.TryGetValue(1, out var x)) Probe(x);", "Order"),
        ];
        for (body, expected) in cases {
            let src = format!(
                "class C {{ Dictionary<int, Order> _byId; Order Find() => null; bool TryFind(int id, out Order o) \
                 {{ o = null; return true; }} void M(object o, bool b, int n) {{ {body} }} }}"
            );
            assert_eq!(probe(&[ORDER, &src]).as_deref(), Some(expected), "{body}");
        }
        let disagree = "class C { void M(bool b) { var x = b ? new Order() : new C(); Probe(x); } }";
        assert_eq!(probe(&[ORDER, disagree]), None);
    }

    #[test]
    fn deconstruction_gives_each_variable_its_element() {
        let cases = [
            ("(Order a, Customer b) = Pair(); Probe(a); Probe(b);", ["Order", "Customer"]),
            ("var (a, b) = Pair(); Probe(a); Probe(b);", ["Order", "Customer"]),
            ("var (a, b) = Named(); Probe(a); Probe(b);", ["Order", "Dictionary<string, int>"]),
            ("(var a, var b) = Pair(); Probe(a); Probe(b);", ["Order", "Customer"]),
            ("(Order a, var b) = Pair(); Probe(a); Probe(b);", ["Order", "Customer"]),
            ("var (_, b) = Pair(); var (a, _) = Pair(); Probe(a); Probe(b);", ["Order", "Customer"]),
            ("var (a, b) = _tuple; Probe(a); Probe(b);", ["Order", "Customer"]),
            ("foreach (var (a, b) in _byOrder) { Probe(a); Probe(b); }", ["Order", "Customer"]),
            ("foreach ((var a, var b) in _pairs) { Probe(a); Probe(b); }", ["Order", "Customer"]),
        ];
        for (body, expected) in cases {
            let src = format!(
                "class Customer {{ }} class C {{ (Order, Customer) Pair() => default; ValueTuple<Order, Customer> _tuple; \
                 (Order first, Dictionary<string, int> counts) Named() => default; \
                 Dictionary<Order, Customer> _byOrder; List<(Order, Customer)> _pairs; void M() {{ {body} }} }}"
            );
            assert_eq!(probes(&[ORDER, &src]), expected.map(|t| Some(t.to_string())), "{body}");
        }
        // A nested designation is not followed; a solution type deconstructs through its own `Deconstruct`.
        let nested = "class C { (Order, (int, Order)) Pair() => default; void M() { var (a, (b, c)) = Pair(); \
                      Probe(a); Probe(c); } }";
        assert_eq!(probes(&[ORDER, nested]), [Some("Order".to_string()), None]);
        let own = "class Point { public void Deconstruct(out Order a, out Order b) { a = b = null; } } \
                   class C { void M(Point p) { var (a, b) = p; Probe(a); } }";
        assert_eq!(probe(&[ORDER, own]), None);
    }

    #[test]
    fn foreach_and_indexers_give_elements() {
        let cases = [
            ("foreach (var x in _rules) Probe(x);", "IRule"),
            ("foreach (var x in _array) Probe(x);", "Order"),
            ("foreach (var x in _byId) Probe(x);", "KeyValuePair<string, Order>"),
            ("foreach (var x in _byId) Probe(x.Value);", "Order"),
            ("foreach (var x in _byId.Values) Probe(x);", "Order"),
            ("foreach (var x in _byId.Keys) Probe(x);", "string"),
            ("foreach (var x in _batch) Probe(x);", "Order"),
            ("foreach (var x in _queue) Probe(x);", "Order"),
            ("Probe(_rules[0]);", "IRule"),
            ("Probe(_byId[\"a\"]);", "Order"),
            ("Probe(_array[1]);", "Order"),
        ];
        for (body, expected) in cases {
            let src = format!(
                "interface IRule {{ }} class Batch<T> : List<T> {{ }} class C {{ IList<IRule> _rules; Order[] _array; \
                 IReadOnlyDictionary<string, Order> _byId; Batch<Order> _batch; ConcurrentQueue<Order> _queue; \
                 void M() {{ {body} }} }}"
            );
            assert_eq!(probe(&[ORDER, &src]).as_deref(), Some(expected), "{body}");
        }
        let own =
            "class Orders : IEnumerable<Order> { } class C { void M(Orders all) { foreach (var x in all) Probe(x); } }";
        assert_eq!(probe(&[ORDER, own]).as_deref(), Some("Order"));
        let unknown = "class C { void M(Widget w) { foreach (var x in w) Probe(x); } }";
        assert_eq!(probe(&[ORDER, unknown]), None);
    }

    #[test]
    fn generic_members_take_the_receivers_type_arguments() {
        let repo = "class Repository<T> { public List<T> Items; public Task<T> GetAsync(int id) => null; \
                    public T First => default; }";
        let cases = [
            ("Probe(await _orders.GetAsync(1));", "Order"),
            ("Probe(_orders.First);", "Order"),
            ("foreach (var x in _orders.Items) Probe(x);", "Order"),
            ("Probe(await _derived.GetAsync(1));", "Order"),
            ("Probe(_derived.Items);", "List<Order>"),
        ];
        for (body, expected) in cases {
            let src = format!(
                "class OrderRepository : Repository<Order> {{ }} class C {{ Repository<Order> _orders; \
                 OrderRepository _derived; async Task M() {{ {body} }} }}"
            );
            assert_eq!(probe(&[ORDER, repo, &src]).as_deref(), Some(expected), "{body}");
        }
        // Inside the generic type, `T` is any type: not a type to prove anything with.
        let inside = "class Box<T> { T _value; void M() { Probe(_value); } }";
        assert_eq!(probe(&[inside]), None);
    }

    #[test]
    fn generic_methods_take_the_type_arguments_the_call_fixes() {
        let helpers = "namespace Shop { static class Store { public static T Load<T>(T seed) => seed; \
                       public static List<T> Many<T>(T one) => null; public static T Make<T>() => default; \
                       public static T Pick<T>(T a, T b) => a; public static T Fold<T>(T a, IEnumerable<T> all) => a; \
                       public static T Either<T>(T a = default) => a; public static T Echo<T>(this Order o, T x) => x; \
                       public static T First<T>(params T[] all) => default; } }";
        let cases = [
            ("Probe(Store.Load(new Order()));", Some("Order")),
            ("Probe(Store.Load(order));", Some("Order")),
            ("Probe(Store.Load((Order)o));", Some("Order")),
            ("Probe(Store.Load(o as Order));", Some("Order")),
            ("Probe(Store.Make<Order>());", Some("Order")),
            ("Probe(Store.Many(order));", Some("List<Order>")),
            ("Probe(Store.Pick(order, new Order()));", Some("Order")),
            ("Probe(order.Echo(new Order()));", Some("Order")),
            // Not fixed, or fixed by what the index does not weigh: the compiler's inference might pick another.
            ("Probe(Store.Make());", None),
            ("Probe(Store.Load(o2));", None),
            ("Probe(Store.Load(null));", None),
            ("Probe(Store.Load(seed: order));", None),
            ("Probe(Store.Pick(order, o));", None),
            ("Probe(Store.Fold(order, list));", None),
            ("Probe(Store.Either());", None),
            ("Probe(Store.First(order, order));", None),
            ("Probe(Store.Make<Order, int>());", None),
        ];
        for (body, expected) in cases {
            let src = format!(
                "using Shop; class C {{ void M(Order order, object o, List<Order> list) {{ var o2 = Get(); {body} }} \
                 object Get() => null; }}"
            );
            assert_eq!(probe(&[ORDER, helpers, &src]).as_deref(), expected, "{body}");
        }
        // A method's own type parameter that the call does not fix, and one of the calling method.
        let generic_method = "class C { T Make<T>() => default; void M() { Probe(Make()); } }";
        assert_eq!(probe(&[ORDER, generic_method]), None);
        let own_parameter = "class C { T Load<T>(T x) => x; void M<U>(U u) { Probe(Load(u)); Probe(Load<U>(u)); } }";
        assert_eq!(probes(&[own_parameter]), [None, None]);
        // The return type's other names are looked up at the declaration: a type the call site sees otherwise.
        let boxes =
            "namespace Lib { class Box<T> { } static class Boxes { public static Box<T> Wrap<T>(T x) => null; } } \
                     namespace Other { class Box<T> { } }";
        let seen_otherwise = "using Lib; using Other; class C { void M(Order o) { Probe(Boxes.Wrap(o)); } }";
        assert_eq!(probe(&[ORDER, boxes, seen_otherwise]), None);
        let seen_alike = "using Lib; class C { void M(Order o) { Probe(Boxes.Wrap(o)); } }";
        assert_eq!(probe(&[ORDER, boxes, seen_alike]).as_deref(), Some("Box<Order>"));
    }

    #[test]
    fn linq_over_known_elements() {
        let cases = [
            ("Probe(_orders.Where(o => o.Id > 1).ToList());", "List<Order>"),
            ("Probe(_orders.OrderBy(o => o.Id).ToArray());", "Order[]"),
            ("Probe(_orders.FirstOrDefault());", "Order"),
            ("Probe(_orders.Skip(1).Take(2).Single(o => o.Id == 1));", "Order"),
            ("Probe(_orders.Select(o => o.SaveAsync()));", "IEnumerable<Task>"),
            ("Probe(_orders.Select(o => o.Id).ToList());", "List<int>"),
            ("_orders.Any(o => Probe(o));", "Order"),
            ("Probe(_db.Where(o => o.Id > 1));", "IQueryable<Order>"),
        ];
        for (body, expected) in cases {
            let src = format!("class C {{ List<Order> _orders; DbSet<Order> _db; void M() {{ {body} }} }}");
            assert_eq!(probe(&[ORDER, &src]).as_deref(), Some(expected), "{body}");
        }
        // A solution type's own `Where` is not LINQ's.
        let own = "class Orders : List<Order> { public Orders Where(int id) => this; \
                   public bool Any(Func<int, bool> f) => true; } \
                   class C { void M(Orders all) { Probe(all.Where(1)); all.Any(o => Probe(o)); } }";
        assert_eq!(probes(&[ORDER, own]), [Some("Orders".to_string()), None]);
    }

    #[test]
    fn test_doubles_and_lazy_values() {
        let src = "class C { Lazy<Task<Order>> _lazy; void M() { var mock = new Mock<Order>(); Probe(mock.Object); \
                   mock.Setup(o => Probe(o)); Probe(_lazy.Value); } }";
        assert_eq!(probes(&[ORDER, src]), [Some("Order".into()), Some("Order".into()), Some("Task<Order>".into())]);
    }

    #[test]
    fn members_through_this_base_statics_and_nested_types() {
        let src =
            "class Base { protected Order _order; } class C : Base { static Order Shared; Order Current => _order; \
                   class Inner { public Order Held; } Inner _inner; void M() { Probe(this.Current); \
                   Probe(base._order); Probe(C.Shared); Probe(_inner.Held); } }";
        let all = probes(&[ORDER, src]);
        assert_eq!(all, vec![Some("Order".to_string()); 4]);
        // `Monitor.Wait(gate)` is a call on the static library type: its receiver is known, and no task.
        let monitor = "class C { object _gate; void M() { Probe(Monitor); } }";
        assert_eq!(probe(&[monitor]).as_deref(), Some("Monitor"));
    }

    #[test]
    fn delegates_and_queries() {
        let repo = "class Repository<TEntity> { protected Func<Db, DbSet<TEntity>> GetDbSet { get; } }";
        let src = "class Db { } class OrderRepository : Repository<Order> { void M(Db db, Func<int, Order> make) { \
                   Probe(GetDbSet(db)); Probe(make(1)); Probe(from o in GetDbSet(db) where o.Id > 1 select o); \
                   Probe(from o in new List<Order>() select o.Id); Probe(GetDbSet(db).GroupBy(o => o.Id)); } }";
        assert_eq!(
            probes(&[ORDER, repo, src]),
            ["DbSet<Order>", "Order", "IQueryable", "IEnumerable", "IQueryable"].map(|t| Some(t.to_string()))
        );
    }

    #[test]
    fn library_members_and_returns_the_index_follows() {
        let src = "class Db : DbContext { } class C { async Task M(Db db, SqlConnection sql) { \
                   var connection = db.Database.GetDbConnection(); Probe(connection); \
                   Probe(await connection.BeginTransactionAsync()); Probe(sql.BeginTransaction()); \
                   var results = await sql.QueryMultipleAsync(\"q\"); Probe(results); } }";
        assert_eq!(
            probes(&[src]),
            ["DbConnection", "DbTransaction", "SqlTransaction", "GridReader"].map(|t| Some(t.to_string()))
        );
    }

    const EXTENSIONS: &str = "namespace Shop.Ext { public static class OrderExtensions { \
                              public static Task<int> CountAsync(this Order o) => null; \
                              public static Task<int> SizeAsync(this IEnumerable<Order> all) => null; } }";

    #[test]
    fn extension_methods_by_receiver_type_and_usings() {
        let order = "namespace Shop { public class Order { } public class Special : Order { } public class Other { } }";
        let call = |body: &str, using: &str| {
            format!(
                "{using} namespace Shop.Web {{ class C {{ void M(Special s, Other x, List<Order> l) {{ {body} }} }} }}"
            )
        };
        assert_eq!(
            target(&[order, EXTENSIONS, &call("s.CountAsync();", "using Shop.Ext;")], "CountAsync"),
            "OrderExtensions"
        );
        assert_eq!(
            target(&[order, EXTENSIONS, &call("l.SizeAsync();", "using Shop.Ext;")], "SizeAsync"),
            "OrderExtensions"
        );
        // No using: it may still be visible through a global using elsewhere.
        assert_eq!(target(&[order, EXTENSIONS, &call("s.CountAsync();", "")], "CountAsync"), "unknown OrderExtensions");
        // A receiver the extension does not take.
        assert_eq!(target(&[order, EXTENSIONS, &call("x.CountAsync();", "using Shop.Ext;")], "CountAsync"), "External");
        // An extension a call on the same receiver would reach, by another name: the async sibling's question.
        let sibling = |body: &str, using: &str, name: &str| {
            let files = files(&[order, EXTENSIONS, &call(body, using)]);
            let index = Index::new(files.iter().map(Some).collect());
            let i = index.file(2).facts.calls.iter().position(|c| c.name == "Count").expect("the call");
            let found = index.extension_for_call(CallId { file: 2, index: i as u32 }, name, 0);
            found.map(|f| index.function(f).name.to_string())
        };
        assert_eq!(sibling("s.Count();", "using Shop.Ext;", "CountAsync").as_deref(), Some("CountAsync"));
        assert_eq!(sibling("s.Count();", "", "CountAsync"), None, "not proven visible");
        assert_eq!(sibling("x.Count();", "using Shop.Ext;", "CountAsync"), None, "takes another type");
        assert_eq!(sibling("Count();", "using Shop.Ext;", "CountAsync"), None, "no receiver");
        assert_eq!(sibling("s.Count();", "using Shop.Ext;", "SizeAsync"), None, "takes a sequence");
        let hidden = order.replace(
            "public class Special : Order { }",
            "public class Special : Order { public Task CountAsync() => null; }",
        );
        let files_hidden = files(&[&hidden, EXTENSIONS, &call("s.Count();", "using Shop.Ext;")]);
        let index = Index::new(files_hidden.iter().map(Some).collect());
        let i = index.file(2).facts.calls.iter().position(|c| c.name == "Count").expect("the call");
        assert_eq!(index.extension_for_call(CallId { file: 2, index: i as u32 }, "CountAsync", 0), None, "hidden");
        let twice = "namespace Shop.Ext { public static class More { public static Task<int> CountAsync(this Order o) => null; } }";
        let files_twice = files(&[order, EXTENSIONS, twice, &call("s.Count();", "using Shop.Ext;")]);
        let index = Index::new(files_twice.iter().map(Some).collect());
        let i = index.file(3).facts.calls.iter().position(|c| c.name == "Count").expect("the call");
        assert_eq!(index.extension_for_call(CallId { file: 3, index: i as u32 }, "CountAsync", 0), None, "ambiguous");
        // And the type the extension returns.
        let typed = call("Probe(await s.CountAsync());", "using Shop.Ext;").replace("void M", "async Task M");
        assert_eq!(probe(&[order, EXTENSIONS, &typed]).as_deref(), Some("int"));
    }
}
