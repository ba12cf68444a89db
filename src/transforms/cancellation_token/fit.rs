//! Whether a call reaches a given method, by the types of its arguments as far as the syntax and the index tell.
//! The overload guard asks it before a token goes into a call: arity is not enough (`Accepted(resource)` on a
//! controller calls the framework's `Accepted(object)`, not the solution's `Accepted(int id, CancellationToken ct =
//! default)`), and where a type is unknown the answer is unknown, so no token is passed.

use super::apis;
use crate::index::facts::{Argument, CallSite, Literal, Param, PassedBy, RealSuffix, TypeKind};
use crate::index::library::looks_like_interface;
use crate::index::{CallId, FnId};
use crate::plan::{is_token_type, Planner};
use crate::syntax::simple_type_name;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    Yes,
    No,
    Unknown,
}

/// Whether `call` reaches `target` (as declared, before any token is added): every argument fits its parameter,
/// or, where a type is unknown, the receiver's type leaves C# no other method of that name to bind.
pub fn call_reaches(p: &Planner, call: CallId, target: FnId) -> Fit {
    /// The question, as the key of its kept answers (it depends on the index alone).
    #[derive(PartialEq, Eq, Hash)]
    struct Reaches(CallId, FnId);
    p.derived.get_or_compute(Reaches(call, target), || match arguments_fit(p, call, target) {
        Fit::Unknown if only_candidate(p, call, target) => Fit::Yes,
        fit => fit,
    })
}

fn arguments_fit(p: &Planner, call: CallId, target: FnId) -> Fit {
    let c = p.index.call(call);
    let func = p.index.function(target);
    let extension = func.params.first().is_some_and(|q| q.modifiers.iter().any(|m| m == "this"));
    let own_type = p.index.containing_type(target).map(|t| p.index.type_decl(t).name);
    let called_as_static = matches!(&*c.receiver, crate::index::TypeExpr::Name(n) if Some(*n) == own_type);
    let shift = usize::from(extension && !called_as_static && *c.receiver != crate::index::TypeExpr::This);
    let mut fit = Fit::Yes;
    for (i, a) in c.arguments.iter().enumerate() {
        let param = match a.name {
            Some(n) => func.params.iter().find(|q| q.name == n),
            None => func.params.get(i + shift).or_else(|| func.params.last().filter(|l| l.is_params_array())),
        };
        let Some(param) = param else { return Fit::No };
        match argument_fits(p, c, call, a, param, target) {
            Some(false) => return Fit::No,
            Some(true) => {}
            None => fit = Fit::Unknown,
        }
    }
    fit
}

const INTEGRAL: &[&str] = &[
    "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "nint", "nuint", "SByte", "Byte", "Int16",
    "UInt16", "Int32", "UInt32", "Int64", "UInt64",
];
const REAL: &[&str] = &["float", "double", "decimal", "Single", "Double", "Decimal"];
/// Library value types a string, `true` or `null` never converts to.
const OTHER_VALUES: &[&str] =
    &["bool", "Boolean", "char", "Char", "CancellationToken", "DateTime", "DateTimeOffset", "TimeSpan", "Guid"];

fn is_numeric(t: &str) -> bool {
    INTEGRAL.contains(&t) || REAL.contains(&t)
}

fn is_value_type(t: &str) -> bool {
    is_numeric(t) || OTHER_VALUES.contains(&t)
}

fn is_string(t: &str) -> bool {
    matches!(t, "string" | "String")
}

/// A type of the solution whose values a literal of another kind never converts to (classes, records, structs
/// and interfaces; user-defined conversions aside).
fn is_solution_type(p: &Planner, t: &str) -> bool {
    p.index.is_solution_type(t)
}

fn literal_fits(p: &Planner, literal: Literal, param: &str, nullable: bool) -> Option<bool> {
    let unrelated = is_solution_type(p, param);
    match literal {
        Literal::Default => Some(true),
        Literal::Lambda => None,
        Literal::Type => (param == "Type").then_some(true),
        Literal::Str if is_string(param) => Some(true),
        Literal::Str => (is_value_type(param) || unrelated).then_some(false),
        Literal::Char if matches!(param, "char" | "Char") || is_numeric(param) => Some(true),
        Literal::Char => (is_string(param) || is_value_type(param) || unrelated).then_some(false),
        Literal::Bool if matches!(param, "bool" | "Boolean") => Some(true),
        Literal::Bool => (is_string(param) || is_value_type(param) || unrelated).then_some(false),
        Literal::Integer if is_numeric(param) => Some(true),
        Literal::Integer => (is_string(param) || OTHER_VALUES.contains(&param) || unrelated).then_some(false),
        Literal::Real(suffix) => {
            let fits = match suffix {
                RealSuffix::Float => matches!(param, "float" | "double" | "Single" | "Double"),
                RealSuffix::Decimal => matches!(param, "decimal" | "Decimal"),
                RealSuffix::Double => matches!(param, "double" | "Double"),
            };
            if fits {
                Some(true)
            } else {
                (is_string(param) || is_value_type(param) || unrelated).then_some(false)
            }
        }
        Literal::Null if nullable || is_string(param) || param.ends_with("[]") => Some(true),
        Literal::Null if is_value_type(param) => Some(false),
        Literal::Null => p
            .index
            .types_named(param)
            .first()
            .map(|t| p.index.type_decl(*t).kind != TypeKind::Struct)
            .filter(|_| unrelated),
    }
}

/// Numeric widening the language does implicitly (`int` to `long`, `double` …), as far as it matters here.
fn widens(from: &str, to: &str) -> bool {
    let rank = |t: &str| match t {
        "sbyte" | "SByte" | "byte" | "Byte" => 1,
        "short" | "Int16" | "ushort" | "UInt16" | "char" | "Char" => 2,
        "int" | "Int32" | "uint" | "UInt32" => 3,
        "long" | "Int64" | "ulong" | "UInt64" => 4,
        "float" | "Single" => 5,
        "double" | "Double" => 6,
        _ => 0,
    };
    let (a, b) = (rank(from), rank(to));
    a > 0 && b > a || (a > 0 && a <= 4 && matches!(to, "decimal" | "Decimal"))
}

fn type_fits(p: &Planner, arg: &str, param: &str) -> Option<bool> {
    let (a, q) = (simple_type_name(arg), simple_type_name(param));
    if a == q || matches!(q, "object" | "Object" | "dynamic") {
        return Some(true);
    }
    if is_token_type(arg) || is_token_type(param) {
        return Some(false);
    }
    if widens(a, q) {
        return Some(true);
    }
    let predefined = |t: &str| is_value_type(t) || is_string(t);
    if predefined(a) && (predefined(q) || is_solution_type(p, q)) {
        return Some(false);
    }
    if is_solution_type(p, a) {
        if p.index.supertypes(a).iter().any(|s| s == q) {
            return Some(true);
        }
        // An unrelated type of ours, or a library type a type of ours cannot be (short of a conversion operator).
        if is_solution_type(p, q) || predefined(q) {
            return Some(false);
        }
        return None;
    }
    if is_solution_type(p, q) && predefined(a) {
        return Some(false);
    }
    None
}

fn argument_fits(p: &Planner, c: &CallSite, call: CallId, a: &Argument, param: &Param, target: FnId) -> Option<bool> {
    let written = a.shape.passed_by.map(PassedBy::as_str);
    let declared = param.modifiers.iter().map(|m| m.as_str()).find(|m| matches!(*m, "out" | "ref" | "in"));
    match (written, declared) {
        (Some(w), Some(d)) if w == d => return Some(true),
        (None, Some("in")) | (None, None) => {}
        _ => return Some(false),
    }
    let func = p.index.function(target);
    let facts = &p.index.file(target.file).facts;
    let declared_type = param.type_text.as_str();
    let declared_type = facts.alias_target(simple_type_name(declared_type)).map_or(declared_type.to_string(), |t| {
        if declared_type.contains('<') {
            declared_type.to_string()
        } else {
            t.to_string()
        }
    });
    let nullable = declared_type.trim_end().ends_with('?');
    let element = declared_type.trim().strip_suffix("[]").filter(|_| param.is_params_array());
    let generic = |t: &str| {
        let t = simple_type_name(t);
        func.type_params.iter().any(|x| x == t)
            || p.index
                .containing_type(target)
                .is_some_and(|ct| p.index.type_decl(ct).type_params.iter().any(|x| x == t))
    };
    if generic(&declared_type) || element.is_some_and(generic) {
        return Some(true);
    }
    let check = |q: &str| -> Option<bool> {
        let q_simple = simple_type_name(q);
        if matches!(q_simple, "object" | "Object" | "dynamic") {
            return Some(true);
        }
        if let Some(kind) = a.shape.literal {
            return literal_fits(p, kind, q_simple, nullable || q.trim_end().ends_with('?'));
        }
        let scope = apis::Scope { file: call.file, containing_type: c.containing_type, function: c.context.function };
        let t = apis::type_of(p, scope, &a.value)?;
        type_fits(p, &t, q)
    };
    match (check(&declared_type), element.map(check)) {
        (Some(true), _) | (_, Some(Some(true))) => Some(true),
        (Some(false), None | Some(Some(false))) => Some(false),
        _ => None,
    }
}

/// Whether C# can only bind `call` to `target`'s group: the receiver's type and all its supertypes are ours (or
/// interfaces), and no other method of that name among them takes this many arguments. Then the code compiles
/// only if the arguments fit, so their types need not be known.
fn only_candidate(p: &Planner, call: CallId, target: FnId) -> bool {
    let c = p.index.call(call);
    let func = p.index.function(target);
    if func.params.first().is_some_and(|q| q.modifiers.iter().any(|m| m == "this")) {
        return false;
    }
    let receiver = match &*c.receiver {
        crate::index::TypeExpr::This => {
            c.containing_type.map(|t| p.index.file(call.file).facts.types[t as usize].name.to_string())
        }
        other => {
            let scope =
                apis::Scope { file: call.file, containing_type: c.containing_type, function: c.context.function };
            apis::type_of(p, scope, other)
        }
    };
    let Some(receiver) = receiver else { return false };
    let simple = simple_type_name(&receiver);
    if !p.index.is_solution_type(simple) {
        return false;
    }
    let supertypes = p.index.supertypes(simple);
    let closed = supertypes
        .iter()
        .all(|s| p.index.is_solution_type(s) || looks_like_interface(s) || matches!(s.as_str(), "object" | "Object"));
    if !closed {
        return false;
    }
    let group = p.index.group_of(target).members;
    supertypes.iter().all(|s| {
        p.index.functions_in_type(s, &func.name).into_iter().all(|other| {
            group.contains(&other) || other == target || !p.index.function(other).accepts_arity(c.arity as usize)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_widening() {
        assert!(widens("int", "long"));
        assert!(widens("int", "double"));
        assert!(widens("int", "decimal"));
        assert!(!widens("long", "int"));
        assert!(!widens("double", "decimal"));
        assert!(!widens("string", "object"));
    }
}
