//! Name-based resolution over the index: what type an expression has, which
//! solution methods a call can reach, and which methods must change together.

use std::collections::BTreeSet;

use super::facts::{FunctionKind, TypeExpr, TypeKind};
use super::library;
use super::scope::Site;
use super::{CallId, FileId, FnId, Index, TypeId};
use crate::atom::Atom;
use crate::model::Reason;
use crate::syntax::simple_type_name;

/// Where a call goes, as far as the index can prove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallTarget {
    /// Solution functions the call may dispatch to (overrides are handled by groups).
    Solution(Vec<FnId>),
    /// The receiver is a type outside the solution: not one of ours.
    External,
    /// The receiver's type is unknown; these solution functions have a matching name and arity.
    Unknown(Vec<FnId>),
    /// No solution function has this name and arity.
    NoCandidate,
}

/// Methods that must change signature together (interface members, their
/// implementations, a virtual method and its overrides), or why they cannot.
#[derive(Clone, Debug, Default)]
pub struct Group {
    pub members: Vec<FnId>,
    pub external: Option<Reason>,
}

const MAX_DEPTH: usize = 12;

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
        self.ty(self.site_in(file, containing_type), expr, 0).map(|t| t.name)
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
                    if let Some(t) = self.member_ty(&self.this_ty(site.file, ct).keys, n, depth) {
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
                self.member_ty(&r.keys, name, depth)
            }
            TypeExpr::Await(inner) => {
                let t = self.ty(site, inner, depth + 1)?;
                library::task_result_type(&t.name).map(|r| self.written(t.site, Atom::new(&r)))
            }
            TypeExpr::Call { receiver, name, arity } => {
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
                    if r.keys.is_empty() {
                        if library::ASYNC_API_TYPES.contains(&simple) && name.ends_with("Async") {
                            return Some(self.written(site, Atom::new("Task")));
                        }
                        return None;
                    }
                }
                let candidates = match self.call_targets(site, None, receiver, receiver_type, name, *arity as usize) {
                    CallTarget::Solution(c) => c,
                    _ => return None,
                };
                let returns: Vec<Ty> = candidates
                    .iter()
                    .map(|c| {
                        let func = self.function(*c);
                        self.written(self.site_in(c.file, func.containing_type), func.return_type)
                    })
                    .collect();
                same_name(returns)
            }
        }
    }

    /// The type of field or property `member` of the types `keys`, searching their parts and base types; `None`
    /// when none has it, or when the types that have it give it different types.
    fn member_ty(&self, keys: &[u32], member: &str, depth: usize) -> Option<Ty> {
        let mut found = Vec::new();
        let mut seen = BTreeSet::new();
        let mut queue = keys.to_vec();
        while let Some(key) = queue.pop() {
            if !seen.insert(key) || seen.len() > 32 || depth > MAX_DEPTH {
                continue;
            }
            let mut here = false;
            for &part in self.parts(key) {
                let decl = self.type_decl(part);
                if let Some((_, ty)) = decl.members.iter().find(|(n, _)| n == member) {
                    found.push(self.written(self.site_in(part.file, Some(part.index)), *ty));
                    here = true;
                }
            }
            // A member declared here hides one of the same name in a base type.
            if !here {
                queue.extend(self.base_keys(key).0);
            }
        }
        same_name(found)
    }

    /// The direct base types of the type `key` (all its parts): those of the solution, and the names of the others.
    fn base_keys(&self, key: u32) -> (Vec<u32>, Vec<Atom>) {
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
        let parts = self.parts(key);
        // Not a question: every file declaring a part of the type is in the index once `parts` is answered, and
        // with it the functions it declares.
        let Some(named) = self.functions_by_name.get(name) else { return Vec::new() };
        named
            .iter()
            .copied()
            .filter(|f| {
                let declared_in = self.function(*f).containing_type;
                parts.iter().any(|t| t.file == f.file && declared_in == Some(t.index))
            })
            .collect()
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
        let call = self.call(id);
        let site = self.site_in(id.file, call.containing_type);
        let function = call.context.function;
        let receiver_type = self.receiver_ty(site, &call.receiver);
        self.call_targets(site, function, &call.receiver, receiver_type, &call.name, call.arity)
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
                return CallTarget::Solution(vec![local]);
            }
        }
        let candidates: Vec<FnId> = self
            .functions_named(name)
            .iter()
            .copied()
            .filter(|f| {
                let func = self.function(*f);
                func.kind == FunctionKind::Method && (func.accepts_arity(arity) || is_extension_for(func, arity))
            })
            .collect();
        let Some(receiver_type) = receiver_type else {
            return if candidates.is_empty() { CallTarget::NoCandidate } else { CallTarget::Unknown(candidates) };
        };
        let simple = simple_type_name(&receiver_type.name).to_string();
        if self.is_type_parameter(site.file, site.ct, function, &simple) {
            // `T item; item.M()`: T can be any type meeting its constraints, ours included.
            return if candidates.is_empty() { CallTarget::NoCandidate } else { CallTarget::Unknown(candidates) };
        }
        if receiver_type.keys.is_empty() {
            // An extension method of ours on a library type is still ours.
            let extensions: Vec<FnId> =
                candidates.iter().copied().filter(|f| is_extension_for(self.function(*f), arity)).collect();
            return if extensions.is_empty() { CallTarget::External } else { CallTarget::Unknown(extensions) };
        }
        let in_hierarchy_of = |keys: &[u32]| -> Vec<FnId> {
            let (supertypes, _) = self.supertype_keys(keys);
            candidates
                .iter()
                .copied()
                .filter(|f| {
                    self.function(*f).accepts_arity(arity)
                        && self.containing_type(*f).is_some_and(|t| supertypes.contains(&self.key_of(t)))
                })
                .collect()
        };
        let in_hierarchy = in_hierarchy_of(&receiver_type.keys);
        if !in_hierarchy.is_empty() {
            return CallTarget::Solution(in_hierarchy);
        }
        if *receiver == TypeExpr::This {
            // `M()` in a nested type may call a (static) method of a type around it: the innermost that has one.
            let facts = &self.file(site.file).facts;
            let mut outer = site.ct.and_then(|ct| facts.types[ct as usize].outer);
            while let Some(o) = outer {
                let around = in_hierarchy_of(&[self.key_of(TypeId { file: site.file, index: o })]);
                if !around.is_empty() {
                    return CallTarget::Solution(around);
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
                    return CallTarget::Solution(found);
                }
            }
        }
        let extensions: Vec<FnId> =
            candidates.iter().copied().filter(|f| is_extension_for(self.function(*f), arity)).collect();
        if !extensions.is_empty() {
            return CallTarget::Unknown(extensions);
        }
        // A solution type whose supertypes leave the solution may inherit the method from outside.
        CallTarget::External
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
        let mut group = Group::default();
        let mut queue = vec![f];
        while let Some(m) = queue.pop() {
            if group.members.contains(&m) {
                continue;
            }
            group.members.push(m);
            if group.members.len() > 256 {
                group.external = Some(Reason::GroupTooLarge);
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
                            group.external.get_or_insert(Reason::ExternalImplementation {
                                member: format!("{st}.{}", func.name),
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
                group.external.get_or_insert(Reason::ExternalOverride { member: format!("{base}.{}", func.name) });
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
    first.keys.sort_unstable();
    first.keys.dedup();
    Some(first)
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
    )
}
