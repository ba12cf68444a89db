//! Per-project settings that decide which rewrites are legal: C# language
//! version, target frameworks, output kind, and the project model (what kind of project, whether its API is
//! published, which synchronization context runs it).

use std::fmt;

use super::model::{self, ProjectKind, SyncContext};

/// A C# language version, `major.minor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LangVersion(pub u8, pub u8);

impl LangVersion {
    pub const NEWEST: LangVersion = LangVersion(14, 0);

    /// Parses a `<LangVersion>` value; `latest`, `preview` and friends mean the newest.
    pub fn parse(value: &str) -> Option<LangVersion> {
        let v = value.trim().to_ascii_lowercase();
        match v.as_str() {
            "latest" | "latestmajor" | "preview" | "default" => return Some(LangVersion::NEWEST),
            "iso-1" => return Some(LangVersion(1, 0)),
            "iso-2" => return Some(LangVersion(2, 0)),
            _ => {}
        }
        let mut parts = v.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |m| m.parse().ok())?;
        Some(LangVersion(major, minor))
    }

    /// The compiler's default for a target framework when `<LangVersion>` is absent.
    pub fn default_for(framework: &TargetFramework) -> LangVersion {
        match framework {
            TargetFramework::Net(major, _) => match major {
                10.. => LangVersion(14, 0),
                9 => LangVersion(13, 0),
                8 => LangVersion(12, 0),
                7 => LangVersion(11, 0),
                6 => LangVersion(10, 0),
                5 => LangVersion(9, 0),
                3 => LangVersion(8, 0),
                _ => LangVersion(7, 3),
            },
            TargetFramework::NetStandard(2, 1) => LangVersion(8, 0),
            TargetFramework::NetStandard(..) | TargetFramework::NetFramework(_) | TargetFramework::Unknown(_) => {
                LangVersion(7, 3)
            }
        }
    }

    pub fn allows_async_main(self) -> bool {
        self >= LangVersion(7, 1)
    }

    /// `default` without a type (`CancellationToken ct = default`), C# 7.1.
    pub fn allows_default_literal(self) -> bool {
        self >= LangVersion(7, 1)
    }

    pub fn allows_using_declarations(self) -> bool {
        self >= LangVersion(8, 0)
    }

    /// `await using` (C# 8).
    pub fn allows_await_using(self) -> bool {
        self >= LangVersion(8, 0)
    }
}

impl fmt::Display for LangVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// A target framework moniker, reduced to what capability checks need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetFramework {
    /// .NET Core 1–3 (`netcoreapp3.1`) and .NET 5+ (`net8.0`, `net8.0-windows`).
    Net(u32, u32),
    NetStandard(u32, u32),
    /// .NET Framework, as its compact number (`net472` → 472).
    NetFramework(u32),
    Unknown(String),
}

impl TargetFramework {
    pub fn parse(moniker: &str) -> TargetFramework {
        let m = moniker.trim().to_ascii_lowercase();
        let base = m.split('-').next().unwrap_or(&m);
        let version = |s: &str| -> Option<(u32, u32)> {
            let mut p = s.split('.');
            Some((p.next()?.parse().ok()?, p.next().map_or(Some(0), |x| x.parse().ok())?))
        };
        if let Some(v) = base.strip_prefix("netcoreapp").and_then(version) {
            return TargetFramework::Net(v.0, v.1);
        }
        if let Some(v) = base.strip_prefix("netstandard").and_then(version) {
            return TargetFramework::NetStandard(v.0, v.1);
        }
        if let Some(rest) = base.strip_prefix("net") {
            if rest.contains('.') {
                if let Some(v) = version(rest) {
                    return TargetFramework::Net(v.0, v.1);
                }
            } else if let Ok(n) = rest.parse::<u32>() {
                return TargetFramework::NetFramework(n);
            }
        }
        TargetFramework::Unknown(moniker.to_string())
    }

    /// True for .NET (Core) `major` or later.
    pub fn is_net_at_least(&self, major: u32) -> bool {
        matches!(self, TargetFramework::Net(m, _) if *m >= major)
    }

    /// Preprocessor symbols the SDK defines for this framework (`NET8_0`, `NET8_0_OR_GREATER`, ...).
    pub fn implicit_defines(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self {
            TargetFramework::Net(major, minor) => {
                if *major >= 5 {
                    out.push("NET".to_string());
                    for m in 5..=*major {
                        out.push(format!("NET{m}_0_OR_GREATER"));
                    }
                    out.push(format!("NET{major}_{minor}"));
                }
                out.push("NETCOREAPP".to_string());
                for (m, n) in [(1, 0), (1, 1), (2, 0), (2, 1), (2, 2), (3, 0), (3, 1)] {
                    if (*major, *minor) >= (m, n) {
                        out.push(format!("NETCOREAPP{m}_{n}_OR_GREATER"));
                    }
                }
            }
            TargetFramework::NetStandard(major, minor) => {
                out.push("NETSTANDARD".to_string());
                out.push(format!("NETSTANDARD{major}_{minor}"));
            }
            TargetFramework::NetFramework(n) => {
                out.push("NETFRAMEWORK".to_string());
                out.push(format!("NET{n}"));
            }
            TargetFramework::Unknown(_) => {}
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectSettings {
    /// The project file these came from; `None` for loose files.
    pub project: Option<std::path::PathBuf>,
    pub lang_version: LangVersion,
    /// Every framework the project targets; a rewrite must compile for all of them.
    pub target_frameworks: Vec<TargetFramework>,
    pub output_type: Option<String>,
    pub nullable: Option<String>,
    /// Namespaces every file of the project imports without a `using` of its own: `<ImplicitUsings>`'s and
    /// `<Using Include>` items, less `<Using Remove>`s.
    pub global_usings: Vec<String>,
    pub define_constants: Vec<String>,
    pub kind: ProjectKind,
    /// What decided `kind`, for reports: "UseWPF in Shop.Wpf.csproj".
    pub kind_evidence: String,
    /// Code outside the workspace compiles against this project's public API: changing a public signature breaks
    /// callers asyncmod cannot see.
    pub published: bool,
    pub published_evidence: String,
    /// The synchronization context this project's code can run under, over every project of the workspace that
    /// references it.
    pub sync_context: SyncContext,
    pub sync_context_evidence: String,
    /// Who may run the project's code, if it is a library: UI or other applications of the workspace, code outside
    /// it (through a published library), code nothing in the workspace shows (`model::runners`).
    pub runners: model::Runners,
    /// `<AsyncmodConfigureAwait>` in the project or a `Directory.Build.props` above it: `false` keeps configure-await
    /// out of the project, `true` configures its awaits whoever runs it.
    pub configure_await: Option<bool>,
    /// What `asyncmod.toml` (with the command line's flags on top) says for this project (`crate::config`).
    pub config: ProjectConfig,
}

/// A project's own choices from `asyncmod.toml`, the flags given winning; `None`: not set, the run's option holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectConfig {
    pub allow_boundaries: Option<bool>,
    pub change_public_api: Option<bool>,
    pub unsafe_fixes: Option<bool>,
    pub rename_async: Option<bool>,
    pub token_hops: Option<u32>,
    pub max_concurrency: Option<usize>,
    /// Transform ids that run on other projects but not on this one, and codes whose findings are suppressed here.
    pub disabled: Vec<String>,
    /// The nearest config file that applies, as shown in reports.
    pub source: Option<String>,
}

impl Default for ProjectSettings {
    /// Loose files with no project: assume the newest C# and .NET, and nothing about who runs them.
    fn default() -> Self {
        let loose = model::loose_file();
        ProjectSettings {
            project: None,
            lang_version: LangVersion::NEWEST,
            target_frameworks: Vec::new(),
            output_type: None,
            nullable: None,
            global_usings: Vec::new(),
            define_constants: Vec::new(),
            kind: loose.kind,
            kind_evidence: loose.kind_evidence,
            published: loose.published,
            published_evidence: loose.published_evidence,
            sync_context: loose.sync_context,
            sync_context_evidence: loose.sync_context_evidence,
            config: ProjectConfig::default(),
            runners: model::Runners::default(),
            configure_await: None,
        }
    }
}

/// Last parts of project names that test code goes by (`EFCore.SqlServer.FunctionalTests`, `Foo.Specs`); the
/// ones starting with `Test` also end longer parts (`UnitTests`, `IntegrationTests`).
const TEST_PROJECT_NAME_ENDINGS: &[&str] =
    &["Tests", "Test", "Testing", "Specs", "TestUtilities", "TestHelpers", "TestCommon", "Benchmarks", "Benchmark"];

impl ProjectSettings {
    /// The project's name as MSBuild knows it (`$(MSBuildProjectName)`): its file name without extension.
    pub fn project_name(&self) -> Option<&str> {
        self.project.as_deref()?.file_stem()?.to_str()
    }

    /// Whether the project holds tests by its kind, or by its name alone: build systems such as Arcade (the .NET
    /// team's SDK) make `EFCore.SqlServer.FunctionalTests` a test project by its name, which the project files do
    /// not show, and libraries of shared tests (`EFCore.Specification.Tests`) and benchmarks go by such names too.
    pub fn holds_tests(&self) -> bool {
        if self.kind == ProjectKind::Test {
            return true;
        }
        let last = self.project_name().map(|n| n.rsplit(['.', '-', '_']).next().unwrap_or(n));
        last.is_some_and(|l| {
            TEST_PROJECT_NAME_ENDINGS.iter().any(|s| l == *s || (s.starts_with("Test") && l.ends_with(s)))
        })
    }

    /// Whether every file of the project imports `namespace` without a `using` of its own (`global_usings`).
    pub fn imports_globally(&self, namespace: &str) -> bool {
        self.global_usings.iter().any(|g| g == namespace)
    }

    /// True when every target is .NET `major`+ (no targets known: assume the newest).
    pub fn targets_net_at_least(&self, major: u32) -> bool {
        self.target_frameworks.iter().all(|f| f.is_net_at_least(major))
    }

    /// An expression for a completed `Task` that compiles for every target: `Task.CompletedTask` (.NET Framework
    /// 4.6, .NET Standard 1.3, .NET Core), else `Task.FromResult(0)` (.NET Framework 4.5); `None` before that.
    pub fn completed_task_expression(&self) -> Option<&'static str> {
        let has = |f: &TargetFramework, framework: u32, standard: (u32, u32)| match f {
            TargetFramework::Net(..) | TargetFramework::Unknown(_) => true,
            TargetFramework::NetStandard(major, minor) => (*major, *minor) >= standard,
            TargetFramework::NetFramework(n) => framework_version(*n) >= framework,
        };
        if self.target_frameworks.iter().all(|f| has(f, 460, (1, 3))) {
            Some("Task.CompletedTask")
        } else if self.target_frameworks.iter().all(|f| has(f, 450, (1, 0))) {
            Some("Task.FromResult(0)")
        } else {
            None
        }
    }
}

/// A .NET Framework moniker's number on one scale: `net46` and `net461` → 460 and 461, `net4` → 400.
fn framework_version(n: u32) -> u32 {
    match n {
        0..=9 => n * 100,
        10..=99 => n * 10,
        _ => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completed_task_expression_follows_every_target() {
        let with = |monikers: &[&str]| ProjectSettings {
            target_frameworks: monikers.iter().map(|m| TargetFramework::parse(m)).collect(),
            ..ProjectSettings::default()
        };
        assert_eq!(with(&[]).completed_task_expression(), Some("Task.CompletedTask"));
        assert_eq!(with(&["net8.0", "net46"]).completed_task_expression(), Some("Task.CompletedTask"));
        assert_eq!(with(&["netstandard1.3"]).completed_task_expression(), Some("Task.CompletedTask"));
        assert_eq!(with(&["net8.0", "net452"]).completed_task_expression(), Some("Task.FromResult(0)"));
        assert_eq!(with(&["netstandard1.1"]).completed_task_expression(), Some("Task.FromResult(0)"));
        assert_eq!(with(&["net40"]).completed_task_expression(), None);
        assert_eq!(with(&["net4"]).completed_task_expression(), None);
    }

    #[test]
    fn test_projects_by_kind_or_by_name() {
        let named = |name: &str| ProjectSettings {
            project: Some(std::path::PathBuf::from(format!("src/{name}/{name}.csproj"))),
            ..ProjectSettings::default()
        };
        for name in
            ["EFCore.SqlServer.FunctionalTests", "EFCore.Specification.Tests", "Foo.UnitTests", "Foo-Test", "Foo.Specs"]
        {
            assert!(named(name).holds_tests(), "{name}");
        }
        for name in ["Foo.Testable", "Contest", "Foo.Core", "Latest"] {
            assert!(!named(name).holds_tests(), "{name}");
        }
        assert!(ProjectSettings { kind: ProjectKind::Test, ..named("Foo.Core") }.holds_tests());
        assert!(!ProjectSettings::default().holds_tests(), "no project file");
    }

    #[test]
    fn lang_versions() {
        assert_eq!(LangVersion::parse("7.2"), Some(LangVersion(7, 2)));
        assert_eq!(LangVersion::parse("latest"), Some(LangVersion::NEWEST));
        assert_eq!(LangVersion::parse("10"), Some(LangVersion(10, 0)));
        assert_eq!(LangVersion::parse("x"), None);
    }

    #[test]
    fn frameworks() {
        assert_eq!(TargetFramework::parse("net8.0-windows"), TargetFramework::Net(8, 0));
        assert_eq!(TargetFramework::parse("netcoreapp3.1"), TargetFramework::Net(3, 1));
        assert_eq!(TargetFramework::parse("net472"), TargetFramework::NetFramework(472));
        assert_eq!(TargetFramework::parse("netstandard2.0"), TargetFramework::NetStandard(2, 0));
        assert_eq!(LangVersion::default_for(&TargetFramework::parse("net6.0")), LangVersion(10, 0));
        assert_eq!(LangVersion::default_for(&TargetFramework::parse("net48")), LangVersion(7, 3));
        assert!(TargetFramework::parse("net8.0").implicit_defines().contains(&"NET6_0_OR_GREATER".to_string()));
    }
}
