//! The library API table (`transforms/cancellation-token/apis.toml`): which
//! library methods take a token, how it is passed and since which framework,
//! plus enough library typing (`response.Content`, `db.Orders.Where(...)`)
//! to know the receiver of such a call.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::index::facts::TypeExpr;
use crate::index::{library, FileId};
use crate::model::Reason;
use crate::plan::Planner;
use crate::syntax::simple_type_name;
use crate::workspace::{ProjectSettings, TargetFramework};

const SOURCE: &str = include_str!("../../../transforms/cancellation-token/apis.toml");

/// One library overload that takes a token.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    #[serde(rename = "type")]
    pub type_name: String,
    pub method: String,
    /// Arguments of the call without the token.
    pub arity: usize,
    /// The token goes positionally at this index ...
    pub position: Option<usize>,
    /// ... or as the named argument `param: token`.
    pub param: Option<String>,
    /// First framework with the overload (`net7.0`); `None`: every framework.
    pub since: Option<String>,
    /// The token overload returns a ValueTask where the other returns a Task.
    #[serde(default)]
    pub awaited_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberType {
    #[serde(rename = "type")]
    type_name: String,
    member: String,
    returns: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReturnType {
    #[serde(rename = "type")]
    type_name: String,
    method: String,
    returns: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiTable {
    api: Vec<Api>,
    members: Vec<MemberType>,
    returns: Vec<ReturnType>,
    queryable_operators: Vec<String>,
    bases: BTreeMap<String, String>,
}

/// The table, parsed once.
pub fn table() -> &'static ApiTable {
    static TABLE: OnceLock<ApiTable> = OnceLock::new();
    TABLE.get_or_init(|| match toml::from_str(SOURCE) {
        Ok(t) => t,
        // The file is embedded at build time and checked by a unit test.
        Err(e) => panic!("transforms/cancellation-token/apis.toml is invalid: {e}"),
    })
}

impl Api {
    /// `Ok` when every target framework of the project has this overload, else why not.
    pub fn available(&self, settings: &ProjectSettings) -> Result<(), Reason> {
        let Some(since) = &self.since else { return Ok(()) };
        let TargetFramework::Net(major, minor) = TargetFramework::parse(since) else { return Ok(()) };
        let has = |tf: &TargetFramework| match tf {
            TargetFramework::Net(a, b) => (*a, *b) >= (major, minor),
            // .NET Standard 2.1 carries the .NET Core 3.0 API surface.
            TargetFramework::NetStandard(2, 1) => (3, 0) >= (major, minor),
            _ => false,
        };
        match settings.target_frameworks.iter().find(|tf| !has(tf)) {
            None => Ok(()),
            Some(tf) => Err(Reason::TokenTooNew {
                api: format!("{}.{}", self.type_name, self.method),
                since: since.clone(),
                target: describe(tf),
            }),
        }
    }
}

fn describe(tf: &TargetFramework) -> String {
    match tf {
        TargetFramework::Net(a, b) if *a >= 5 => format!("net{a}.{b}"),
        TargetFramework::Net(a, b) => format!("netcoreapp{a}.{b}"),
        TargetFramework::NetStandard(a, b) => format!("netstandard{a}.{b}"),
        TargetFramework::NetFramework(n) => format!("net{n}"),
        TargetFramework::Unknown(s) => s.clone(),
    }
}

impl ApiTable {
    /// The overload of `method` with `arity` arguments on the first of `types` (most derived first) that has one.
    pub fn find(&self, types: &[String], method: &str, arity: usize) -> Option<&Api> {
        types.iter().find_map(|t| self.api.iter().find(|a| a.type_name == *t && a.method == method && a.arity == arity))
    }

    /// Some library type has a token overload of `method` for `arity` arguments.
    pub fn knows_method(&self, method: &str, arity: usize) -> bool {
        self.api.iter().any(|a| a.method == method && a.arity == arity)
    }

    /// A library type the table talks about (so a bare name is a static receiver: `File`, `Process`).
    pub fn knows_type(&self, name: &str) -> bool {
        self.api.iter().any(|a| a.type_name == name) || self.returns.iter().any(|r| r.type_name == name)
    }

    fn member_type(&self, types: &[String], member: &str) -> Option<&str> {
        types.iter().find_map(|t| {
            self.members.iter().find(|m| m.type_name == *t && m.member == member).map(|m| m.returns.as_str())
        })
    }

    fn return_type(&self, types: &[String], method: &str) -> Option<&str> {
        types.iter().find_map(|t| {
            self.returns.iter().find(|r| r.type_name == *t && r.method == method).map(|r| r.returns.as_str())
        })
    }

    /// `Stream` for `FileStream`, then its base, and so on.
    fn library_bases(&self, simple: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = simple;
        while let Some(b) = self.bases.get(cur) {
            if out.contains(b) || out.len() > 8 {
                break;
            }
            out.push(b.clone());
            cur = b;
        }
        out
    }
}

/// The simple names a value of type `t` answers to, most derived first: itself, its solution
/// supertypes, and the library bases of each.
pub fn type_candidates(p: &Planner, t: &str) -> Vec<String> {
    let simple = simple_type_name(t).to_string();
    let table = table();
    let mut out: Vec<String> = Vec::new();
    let own: Vec<String> = if p.index.is_solution_type(&simple) {
        p.index.supertypes(&simple).into_iter().map(String::from).collect()
    } else {
        vec![simple.clone()]
    };
    for s in own {
        for c in std::iter::once(s.clone()).chain(table.library_bases(&s)) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// Where an expression stands: its file, the type around it and the function around it (whose
/// locals, and those of enclosing functions, its names may refer to).
#[derive(Clone, Copy)]
pub struct Scope {
    pub file: FileId,
    pub containing_type: Option<u32>,
    pub function: Option<u32>,
}

/// The type of an expression, using the solution index first and library knowledge where it stops.
pub fn type_of(p: &Planner, scope: Scope, expr: &TypeExpr) -> Option<String> {
    type_of_depth(p, scope, expr, 0)
}

fn type_of_depth(p: &Planner, scope: Scope, expr: &TypeExpr, depth: usize) -> Option<String> {
    if depth > 12 {
        return None;
    }
    let table = table();
    let (file, ct) = (scope.file, scope.containing_type);
    match expr {
        TypeExpr::Await(inner) => {
            let t = type_of_depth(p, scope, inner, depth + 1)?;
            library::task_result_type(&t)
        }
        TypeExpr::Member { receiver, name } => {
            if let Some(t) = p.index.resolve_type(file, ct, expr) {
                return Some(t.into());
            }
            let r = type_of_depth(p, scope, receiver, depth + 1)?;
            table.member_type(&type_candidates(p, &r), name).map(String::from)
        }
        TypeExpr::Call { receiver, name, .. } => {
            if let Some(r) = type_of_depth(p, scope, receiver, depth + 1) {
                let solution = p.index.is_solution_type(simple_type_name(&r));
                if solution {
                    if let Some(t) = p.index.resolve_type(file, ct, expr) {
                        return Some(t.into());
                    }
                }
                let candidates = type_candidates(p, &r);
                if let Some(t) = table.return_type(&candidates, name) {
                    return Some(t.to_string());
                }
                if candidates.iter().any(|c| c == "IQueryable") && table.queryable_operators.iter().any(|o| o == name) {
                    return Some("IQueryable".to_string());
                }
            }
            // The index follows some library calls too (`Database.GetDbConnection()`, `BeginTransaction()`).
            p.index.resolve_type(file, ct, expr).map(String::from)
        }
        TypeExpr::Name(n) => {
            // Locals declared with `var x = <expression>` record names of other locals as plain names.
            let local = p.index.file(file).facts.local_type(scope.function, n).filter(|t| *t != expr);
            if let Some(t) = local.and_then(|t| type_of_depth(p, scope, t, depth + 1)) {
                return Some(t);
            }
            if let Some(t) = p.index.resolve_type(file, ct, expr) {
                return Some(t.into());
            }
            // A member inherited from a library base class (`Response` in a controller).
            let own = ct.map(|t| p.index.file(file).facts.types[t as usize].name);
            let inherited = own.and_then(|o| table.member_type(&type_candidates(p, &o), n).map(String::from));
            inherited.or_else(|| table.knows_type(n).then(|| n.to_string()))
        }
        _ => p.index.resolve_type(file, ct, expr).map(String::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_row_says_where_the_token_goes() {
        let t = table();
        assert!(t.api.len() > 50);
        for a in &t.api {
            assert!(
                a.position.is_some() != a.param.is_some(),
                "{}.{}: exactly one of position and param",
                a.type_name,
                a.method
            );
            if let Some(p) = a.position {
                assert!(p <= a.arity, "{}.{}: position beyond the arguments", a.type_name, a.method);
            }
            if let Some(s) = &a.since {
                assert!(matches!(TargetFramework::parse(s), TargetFramework::Net(..)), "{}: since {s}", a.method);
            }
        }
        let dup = t.api.iter().enumerate().find(|(i, a)| {
            t.api[..*i].iter().any(|b| b.type_name == a.type_name && b.method == a.method && b.arity == a.arity)
        });
        assert!(dup.is_none(), "duplicate row {:?}", dup.map(|(_, a)| (&a.type_name, &a.method, a.arity)));
        // Schedulers are not sinks: their token only cancels the start of the work.
        for arity in 0..3 {
            assert!(t.find(&["Task".to_string()], "Run", arity).is_none());
            assert!(t.find(&["TaskFactory".to_string()], "StartNew", arity).is_none());
        }
    }

    #[test]
    fn framework_gates() {
        let t = table();
        let types = vec!["TextReader".to_string()];
        let read_to_end = t.find(&types, "ReadToEndAsync", 0).unwrap();
        let settings = |tfm: &str| ProjectSettings {
            target_frameworks: vec![TargetFramework::parse(tfm)],
            ..ProjectSettings::default()
        };
        assert!(read_to_end.available(&settings("net7.0")).is_ok());
        assert!(read_to_end.available(&settings("net8.0")).is_ok());
        assert!(read_to_end.available(&settings("net6.0")).is_err());
        assert!(read_to_end.available(&settings("net48")).is_err());
        assert!(read_to_end.available(&ProjectSettings::default()).is_ok());
        let delay = t.find(&["Task".to_string()], "Delay", 1).unwrap();
        assert!(delay.available(&settings("net48")).is_ok());
        assert_eq!(t.library_bases("FileStream"), vec!["Stream".to_string()]);
    }
}
