//! Name-based resolution over the index: what type an expression has, which
//! solution methods a call can reach, and which methods must change together.

use std::collections::BTreeSet;

use super::facts::{FunctionKind, TypeExpr, TypeKind};
use super::library;
use super::{CallId, FileId, FnId, Index};
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

impl<'f> Index<'f> {
    /// The written type of an expression, if the index can establish it.
    pub fn resolve_type(&self, file: FileId, containing_type: Option<u32>, expr: &TypeExpr) -> Option<Atom> {
        self.resolve_type_depth(file, containing_type, expr, 0)
    }

    fn containing_type_name(&self, file: FileId, containing_type: Option<u32>) -> Option<Atom> {
        containing_type.map(|t| self.file(file).facts.types[t as usize].name)
    }

    fn resolve_type_depth(&self, file: FileId, ct: Option<u32>, expr: &TypeExpr, depth: usize) -> Option<Atom> {
        if depth > MAX_DEPTH {
            return None;
        }
        match expr {
            TypeExpr::Unknown => None,
            // `dynamic` dispatches at run time: nothing about it can be proven.
            TypeExpr::Written(t) if matches!(t.trim(), "dynamic" | "var") => None,
            TypeExpr::Written(t) => Some(*t),
            TypeExpr::This => self.containing_type_name(file, ct),
            TypeExpr::Base => {
                let name = self.containing_type_name(file, ct)?;
                self.base_class_of(&name)
            }
            TypeExpr::Name(n) => {
                if let Some(type_name) = self.containing_type_name(file, ct) {
                    if let Some(t) = self.member_type(&type_name, n, depth) {
                        return Some(t);
                    }
                }
                // A type name used as a static receiver.
                if !self.types_named(n).is_empty() || is_known_static_type(n) {
                    return Some(*n);
                }
                None
            }
            TypeExpr::Member { receiver, name } => {
                let r = self.resolve_type_depth(file, ct, receiver, depth + 1)?;
                let simple = simple_type_name(&r);
                if simple == "TaskCompletionSource" && name == "Task" {
                    let arg = r.find('<').map(|i| &r[i + 1..r.len() - 1]).unwrap_or("object");
                    return Some(Atom::new(&format!("Task<{arg}>")));
                }
                self.member_type(simple, name, depth)
            }
            TypeExpr::Await(inner) => {
                let t = self.resolve_type_depth(file, ct, inner, depth + 1)?;
                library::task_result_type(&t).map(Atom::from)
            }
            TypeExpr::Call { receiver, name, arity } => {
                let receiver_type = self.resolve_type_depth(file, ct, receiver, depth + 1);
                if let Some(r) = &receiver_type {
                    let simple = simple_type_name(r);
                    if let Some((_, _, ret)) =
                        library::TASK_FACTORIES.iter().find(|(t, m, _)| *t == simple && m == name)
                    {
                        return Some(Atom::new(ret));
                    }
                    if name == "ConfigureAwait" && library::is_task_like(r) {
                        return Some(*r);
                    }
                    if self.types_named(simple).is_empty() {
                        if library::ASYNC_API_TYPES.contains(&simple) && name.ends_with("Async") {
                            return Some(Atom::new("Task"));
                        }
                        return None;
                    }
                }
                let candidates: Vec<FnId> =
                    match self.resolve_call_parts(file, ct, receiver, name, *arity as usize, None) {
                        CallTarget::Solution(c) => c,
                        _ => return None,
                    };
                let mut types: BTreeSet<&str> = BTreeSet::new();
                for c in &candidates {
                    types.insert(self.function(*c).return_type.as_str());
                }
                if types.len() == 1 {
                    types.into_iter().next().map(Atom::from)
                } else {
                    None
                }
            }
        }
    }

    /// The type of field or property `member` of type `type_name`, searching all parts and base classes.
    fn member_type(&self, type_name: &str, member: &str, depth: usize) -> Option<Atom> {
        let mut seen = BTreeSet::new();
        let mut queue = vec![Atom::new(type_name)];
        while let Some(t) = queue.pop() {
            if !seen.insert(t) || seen.len() > 32 || depth > MAX_DEPTH {
                continue;
            }
            for id in self.types_named(&t) {
                let decl = self.type_decl(*id);
                if let Some((_, ty)) = decl.members.iter().find(|(n, _)| n == member) {
                    return Some(*ty);
                }
                queue.extend(decl.bases.iter().cloned());
            }
        }
        None
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

    /// All supertypes (bases and interfaces, transitively) named by a solution type, itself included.
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

    /// All solution types deriving from `type_name`, transitively (not itself).
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
        let function = call.context.function;
        self.resolve_call_parts(id.file, call.containing_type, &call.receiver, &call.name, call.arity, function)
    }

    fn resolve_call_parts(
        &self,
        file: FileId,
        ct: Option<u32>,
        receiver: &TypeExpr,
        name: &str,
        arity: usize,
        function: Option<u32>,
    ) -> CallTarget {
        // A local function in scope wins over methods.
        if *receiver == TypeExpr::This {
            if let Some(local) = self.local_function_in_scope(file, function, name) {
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
        let receiver_type = match receiver {
            TypeExpr::This => self.containing_type_name(file, ct),
            TypeExpr::Base => self.containing_type_name(file, ct).and_then(|t| self.base_class_of(&t)),
            other => self.resolve_type(file, ct, other),
        };
        let Some(receiver_type) = receiver_type else {
            return if candidates.is_empty() { CallTarget::NoCandidate } else { CallTarget::Unknown(candidates) };
        };
        let simple = simple_type_name(&receiver_type).to_string();
        if self.is_type_parameter(file, ct, function, &simple) {
            // `T item; item.M()`: T can be any type meeting its constraints, ours included.
            return if candidates.is_empty() { CallTarget::NoCandidate } else { CallTarget::Unknown(candidates) };
        }
        if !self.is_solution_type(&simple) {
            // An extension method of ours on a library type is still ours.
            let extensions: Vec<FnId> =
                candidates.iter().copied().filter(|f| is_extension_for(self.function(*f), arity)).collect();
            return if extensions.is_empty() { CallTarget::External } else { CallTarget::Unknown(extensions) };
        }
        let supertypes = self.supertypes(&simple);
        let in_hierarchy: Vec<FnId> = candidates
            .iter()
            .copied()
            .filter(|f| {
                let func = self.function(*f);
                func.accepts_arity(arity)
                    && self.containing_type(*f).is_some_and(|t| supertypes.contains(&self.type_decl(t).name))
            })
            .collect();
        if !in_hierarchy.is_empty() {
            return CallTarget::Solution(in_hierarchy);
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
            let related = |this: &Self, type_name: &str| -> Vec<FnId> {
                let mut candidates = this.functions_in_type(type_name, &func.name);
                candidates.retain(|cand| {
                    let c = this.function(*cand);
                    c.kind == FunctionKind::Method && c.params.len() == func.params.len()
                });
                candidates
            };
            // Upwards: interfaces it implements and methods it overrides.
            let supertypes = self.supertypes(&tdecl.name);
            let public = func.has_modifier("public") || tdecl.kind == TypeKind::Interface;
            let overrides = func.has_modifier("override");
            let mut found_overridden = false;
            for st in supertypes.iter().filter(|s| **s != tdecl.name) {
                let in_solution = self.is_solution_type(st);
                if !in_solution {
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
                    continue;
                }
                let is_interface =
                    self.types_named(st).first().is_some_and(|t| self.type_decl(*t).kind == TypeKind::Interface);
                if is_interface && !(public || func.explicit_interface.as_deref() == Some(st.as_str())) {
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
                    self.base_class_of(&tdecl.name).map_or_else(|| "a base class".to_string(), String::from)
                };
                group.external.get_or_insert(Reason::ExternalOverride { member: format!("{base}.{}", func.name) });
            }
            // Downwards: implementations and overrides.
            if tdecl.kind == TypeKind::Interface
                || func.has_modifier("virtual")
                || func.has_modifier("abstract")
                || overrides
            {
                for sub in self.subtypes(&tdecl.name) {
                    for cand in related(self, &sub) {
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
