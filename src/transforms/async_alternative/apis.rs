//! The library table (`transforms/async-alternative/apis.toml`): which library methods have an async
//! alternative, since which framework, and which library types can be disposed asynchronously.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::Reason;
use crate::workspace::{ProjectSettings, TargetFramework};

const SOURCE: &str = include_str!("../../../transforms/async-alternative/apis.toml");

/// A library method and its async alternative.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    #[serde(rename = "type")]
    pub type_name: String,
    pub method: String,
    pub arity: usize,
    #[serde(rename = "async")]
    pub async_name: Option<String>,
    #[serde(default)]
    pub token: bool,
    /// The alternative takes an optional trailing token from this target framework on (none before it).
    pub token_since: Option<String>,
    pub since: Option<String>,
    #[serde(default)]
    pub ef: bool,
    #[serde(default)]
    pub string_args: bool,
    pub by_hand: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsyncDisposable {
    #[serde(rename = "type")]
    pub type_name: String,
    pub since: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Returns {
    #[serde(rename = "type")]
    type_name: String,
    method: String,
    returns: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    alternative: Vec<Alternative>,
    async_disposable: Vec<AsyncDisposable>,
    returns: Vec<Returns>,
    bases: BTreeMap<String, String>,
}

pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| match toml::from_str(SOURCE) {
        Ok(t) => t,
        // Embedded at build time and checked by a unit test.
        Err(e) => panic!("transforms/async-alternative/apis.toml is invalid: {e}"),
    })
}

/// `Ok` when every target framework of the project is at least `since`, else why not (`api` names it).
pub fn available(since: Option<&str>, api: &str, settings: &ProjectSettings) -> Result<(), Reason> {
    let Some(since) = since else { return Ok(()) };
    let TargetFramework::Net(major, minor) = TargetFramework::parse(since) else { return Ok(()) };
    let has = |tf: &TargetFramework| match tf {
        TargetFramework::Net(a, b) => (*a, *b) >= (major, minor),
        // .NET Standard 2.1 carries the .NET Core 3.0 API surface.
        TargetFramework::NetStandard(2, 1) => (3, 0) >= (major, minor),
        _ => false,
    };
    match settings.target_frameworks.iter().find(|tf| !has(tf)) {
        None => Ok(()),
        Some(tf) => Err(Reason::AlternativeTooNew {
            api: api.to_string(),
            since: since.to_string(),
            target: match tf {
                TargetFramework::Net(a, b) if *a >= 5 => format!("net{a}.{b}"),
                TargetFramework::Net(a, b) => format!("netcoreapp{a}.{b}"),
                TargetFramework::NetStandard(a, b) => format!("netstandard{a}.{b}"),
                TargetFramework::NetFramework(n) => format!("net{n}"),
                TargetFramework::Unknown(s) => s.clone(),
            },
        }),
    }
}

impl Table {
    /// `simple` and the library types it derives from, most derived first (`FileStream`, `Stream`).
    pub fn with_bases(&self, simple: &str) -> Vec<String> {
        let mut out = vec![simple.to_string()];
        while let Some(b) = self.bases.get(out.last().map_or("", |s| s.as_str())) {
            if out.contains(b) || out.len() > 8 {
                break;
            }
            out.push(b.clone());
        }
        out
    }

    /// The alternative of `method` with `arity` arguments on a library type named `simple` (or a base of it).
    pub fn alternative(&self, simple: &str, method: &str, arity: usize) -> Option<&Alternative> {
        self.with_bases(simple)
            .iter()
            .find_map(|t| self.alternative.iter().find(|a| a.type_name == *t && a.method == method && a.arity == arity))
    }

    /// Whether some row has this method name (a cheap first question before typing the receiver).
    pub fn knows_method(&self, method: &str) -> bool {
        self.alternative.iter().any(|a| a.method == method)
    }

    /// Whether a library type named `simple` implements IAsyncDisposable, and since which framework.
    pub fn async_disposable(&self, simple: &str) -> Option<&AsyncDisposable> {
        self.with_bases(simple).iter().find_map(|t| self.async_disposable.iter().find(|d| d.type_name == *t))
    }

    /// What `method` of a library type named `simple` returns, if the table says.
    pub fn returns(&self, simple: &str, method: &str) -> Option<&str> {
        self.with_bases(simple).iter().find_map(|t| {
            self.returns.iter().find(|r| r.type_name == *t && r.method == method).map(|r| r.returns.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_row_is_whole() {
        let t = table();
        for a in &t.alternative {
            assert!(
                a.async_name.is_some() != a.by_hand.is_some(),
                "{}.{}: exactly one of async and by_hand",
                a.type_name,
                a.method
            );
            if let Some(name) = &a.async_name {
                assert_eq!(name, &format!("{}Async", a.method), "{}.{}", a.type_name, a.method);
            }
            if let Some(s) = &a.since {
                assert!(matches!(TargetFramework::parse(s), TargetFramework::Net(..)), "{}: since {s}", a.method);
            }
        }
        let dup = t.alternative.iter().enumerate().find(|(i, a)| {
            t.alternative[..*i].iter().any(|b| b.type_name == a.type_name && b.method == a.method && b.arity == a.arity)
        });
        assert!(dup.is_none(), "duplicate row {:?}", dup.map(|(_, a)| (&a.type_name, &a.method, a.arity)));
    }

    #[test]
    fn library_bases_and_framework_gates() {
        let t = table();
        assert_eq!(t.alternative("FileStream", "Flush", 0).and_then(|a| a.async_name.as_deref()), Some("FlushAsync"));
        assert_eq!(t.alternative("SqlCommand", "ExecuteScalar", 0).map(|a| a.token), Some(true));
        assert!(t.alternative("StreamReader", "ReadToEnd", 1).is_none());
        assert!(t.async_disposable("FileStream").is_some() && t.async_disposable("StreamReader").is_none());
        assert_eq!(t.returns("File", "OpenRead"), Some("FileStream"));
        let settings = |tfm: &str| ProjectSettings {
            target_frameworks: vec![TargetFramework::parse(tfm)],
            ..ProjectSettings::default()
        };
        let wait = t.alternative("Process", "WaitForExit", 0).unwrap();
        assert!(available(wait.since.as_deref(), "Process.WaitForExitAsync", &settings("net8.0")).is_ok());
        assert!(available(wait.since.as_deref(), "Process.WaitForExitAsync", &settings("netcoreapp3.1")).is_err());
        assert!(available(wait.since.as_deref(), "Process.WaitForExitAsync", &settings("net48")).is_err());
    }
}
