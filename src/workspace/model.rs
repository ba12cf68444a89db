//! The project model: what kind of project a file belongs to, whether its API is published, and which
//! `SynchronizationContext` can run its code, all from project files (no build), each with the evidence that
//! decided it so reports can say why.
//!
//! Project files often set these under conditions asyncmod cannot evaluate without a build (`'$(Configuration)'`,
//! `Exists(...)`, properties the SDK sets). Such a project is read twice, once as if every such condition held and
//! once as if none did, and the cautious reading wins: a project is a test project only if both readings say so,
//! UI if either does, published if either does.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::condition::{self, Lookup, Truth};
use super::msbuild::{ItemInclude, ProjectFile};
use super::settings::ProjectSettings;

/// What a project builds, as far as it decides how its code may be rewritten.
///
/// When several apply, the first in this order wins: Test, Ui, Web, Worker, Console, Library. A test project's
/// code runs under the test runner whatever it tests (a WPF test project is a test project) and nothing calls it;
/// UI comes before web because a UI marker means code on a single-threaded context, the case that deadlocks; web
/// and worker SDKs build executables, so they come before the plain `OutputType Exe` of a console app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectKind {
    /// `IsTestProject`, a test framework package, or the MSTest SDK.
    Test,
    /// WPF, Windows Forms, MAUI, WinUI, Xamarin, Avalonia, or classic ASP.NET (`System.Web`).
    Ui,
    /// ASP.NET Core: the web, Razor or Blazor WebAssembly SDK, or a `Microsoft.AspNetCore.App` framework reference.
    Web,
    /// The worker service SDK.
    Worker,
    /// `OutputType` Exe or WinExe, with none of the above.
    Console,
    /// Anything else: code that runs wherever its callers run.
    Library,
    /// A loose file with no project file above it.
    #[default]
    Unknown,
}

impl ProjectKind {
    /// How much care a reading of a project asks for: when the two readings disagree, the more cautious wins.
    fn caution(self) -> u8 {
        match self {
            ProjectKind::Ui => 3,
            ProjectKind::Library | ProjectKind::Unknown => 2,
            ProjectKind::Test | ProjectKind::Web | ProjectKind::Worker | ProjectKind::Console => 1,
        }
    }
}

impl fmt::Display for ProjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProjectKind::Test => "test",
            ProjectKind::Ui => "UI",
            ProjectKind::Web => "web",
            ProjectKind::Worker => "worker",
            ProjectKind::Console => "console",
            ProjectKind::Library => "library",
            ProjectKind::Unknown => "unknown",
        })
    }
}

/// Which `SynchronizationContext` the code of a project can run under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SyncContext {
    /// None that serializes continuations: ASP.NET Core, workers, console apps, test runners.
    None,
    /// Nothing in the workspace says: the project may run anywhere, single-threaded contexts included.
    #[default]
    Unknown,
    /// A UI thread or classic ASP.NET: blocking on a task there can deadlock, and continuations come back to it.
    SingleThreaded,
}

impl SyncContext {
    /// Order for the union of the contexts a project can run under: knowing one caller runs on a UI thread
    /// outweighs not knowing, which outweighs knowing none does.
    fn weight(self) -> u8 {
        match self {
            SyncContext::None => 0,
            SyncContext::Unknown => 1,
            SyncContext::SingleThreaded => 2,
        }
    }
}

impl fmt::Display for SyncContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SyncContext::None => "none",
            SyncContext::Unknown => "unknown",
            SyncContext::SingleThreaded => "single-threaded",
        })
    }
}

/// What one project's files say about it, before the workspace is looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub kind: ProjectKind,
    pub kind_evidence: String,
    pub published: bool,
    pub published_evidence: String,
    /// The context its own kind implies: `Unknown` for a library, whose callers decide.
    pub sync_context: SyncContext,
    pub sync_context_evidence: String,
}

/// Test framework packages a test project references itself (a helper library references `xunit.assert` or
/// `xunit.extensibility.core` instead). `xunit.v3.mtp-*` are xunit v3 for Microsoft.Testing.Platform; TUnit is a
/// test framework of its own.
const TEST_PACKAGES: &[&str] =
    &["xunit", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "Microsoft.NET.Test.Sdk", "TUnit"];
const TEST_PACKAGE_PREFIXES: &[&str] = &["xunit.v3.mtp-"];
const UI_PROPERTIES: &[&str] = &["UseWPF", "UseWindowsForms", "UseMaui", "UseWinUI"];
const WEB_SDKS: &[&str] = &["Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Razor", "Microsoft.NET.Sdk.BlazorWebAssembly"];
const WORKER_SDK: &str = "Microsoft.NET.Sdk.Worker";
/// Properties the command line, Visual Studio or the SDK set before any file asyncmod reads, lower-cased: unset in
/// those files does not make them empty. (The `MSBuild` reserved properties are too.)
const BUILD_PROPERTIES: &[&str] = &[
    "configuration",
    "platform",
    "targetframework",
    "runtimeidentifier",
    "os",
    "designtimebuild",
    "buildinginsidevisualstudio",
];
/// SDKs whose default `OutputType` is Exe.
const APPLICATION_SDKS: &[&str] = &["Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.BlazorWebAssembly", WORKER_SDK];

/// Classifies a project from its [`layers_of`](super::msbuild::layers_of): the `Directory.Build.props` files above
/// it and what they import, then the project file itself (last).
pub fn classify(layers: &[ProjectFile]) -> Classification {
    let Some(project) = layers.last() else {
        return loose_file();
    };
    let all_held = Reading::new(layers, true);
    let none_held = Reading::new(layers, false);
    let (if_held, if_not) = (all_held.verdict(project), none_held.verdict(project));

    let (kind, kind_evidence) = if if_held.kind == if_not.kind {
        (if_not.kind, if_not.kind_evidence.clone())
    } else {
        let (chosen, other) =
            if if_held.kind.caution() > if_not.kind.caution() { (&if_held, &if_not) } else { (&if_not, &if_held) };
        let evidence = format!(
            "{}; {} only under a condition asyncmod cannot evaluate ({})",
            chosen.kind_evidence, other.kind, other.kind_evidence
        );
        (chosen.kind, evidence)
    };
    // Either reading's package makes the library published: a package built only in Release is still shipped.
    let (published, published_evidence) = match (if_not.published, if_held.published) {
        (true, _) => (true, if_not.published_evidence),
        (false, true) => (true, format!("{}, under a condition asyncmod cannot evaluate", if_held.published_evidence)),
        (false, false) => (false, if_not.published_evidence),
    };
    let (sync_context, sync_context_evidence) = own_sync_context(project, kind, &kind_evidence);
    Classification { kind, kind_evidence, published, published_evidence, sync_context, sync_context_evidence }
}

/// A file with no project above it.
pub fn loose_file() -> Classification {
    Classification {
        kind: ProjectKind::Unknown,
        kind_evidence: "no project file above it".into(),
        published: false,
        published_evidence: "no project file above it".into(),
        sync_context: SyncContext::Unknown,
        sync_context_evidence: "no project file above it".into(),
    }
}

fn own_sync_context(project: &ProjectFile, kind: ProjectKind, kind_evidence: &str) -> (SyncContext, String) {
    match kind {
        ProjectKind::Ui => (SyncContext::SingleThreaded, format!("UI project ({kind_evidence})")),
        ProjectKind::Test | ProjectKind::Web | ProjectKind::Worker | ProjectKind::Console => {
            (SyncContext::None, format!("{kind} project ({kind_evidence})"))
        }
        ProjectKind::Library | ProjectKind::Unknown => {
            (SyncContext::Unknown, format!("nothing in the workspace references {}", project_name(&project.path)))
        }
    }
}

/// `name` starts with `prefix`, or is it, ignoring case.
fn prefixed(name: &str, prefix: &str) -> bool {
    name.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn project_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A project's properties and references once every condition is settled, those that cannot be evaluated all
/// one way (`unknown_holds`).
struct Reading<'a> {
    /// Lower-cased name → value and the file that set it.
    properties: HashMap<String, (&'a str, &'a Path)>,
    packages: Vec<(&'a str, &'a Path)>,
    frameworks: Vec<(&'a str, &'a Path)>,
    assemblies: Vec<(&'a str, &'a Path)>,
}

impl<'a> Reading<'a> {
    fn new(layers: &'a [ProjectFile], unknown_holds: bool) -> Reading<'a> {
        let project = layers.last().expect("a project is its own last layer");
        let mut reading = Reading {
            properties: HashMap::new(),
            packages: Vec::new(),
            frameworks: Vec::new(),
            assemblies: Vec::new(),
        };
        let holds = |reading: &Reading, conditions: &[String]| {
            conditions.iter().all(|c| match condition::evaluate(c, &|name| reading.known(project, name)) {
                Truth::True => true,
                Truth::False => false,
                Truth::Unknown => unknown_holds,
            })
        };
        // MSBuild reads every property before any item, so an item's condition sees the final properties.
        for layer in layers {
            let mut group_holds: Option<(usize, bool)> = None;
            for assignment in &layer.assignments {
                let group = match group_holds {
                    Some((group, holds)) if group == assignment.group => holds,
                    _ => {
                        let group = holds(&reading, &assignment.group_conditions);
                        group_holds = Some((assignment.group, group));
                        group
                    }
                };
                if group && holds(&reading, assignment.condition.as_slice()) {
                    let key = assignment.name.to_ascii_lowercase();
                    reading.properties.insert(key, (assignment.value.as_str(), layer.path.as_path()));
                }
            }
        }
        let mut items = (Vec::new(), Vec::new(), Vec::new());
        for layer in layers {
            let kept = |list: &'a [ItemInclude]| {
                list.iter().filter(|i| holds(&reading, &i.conditions)).map(|i| (i.name.as_str(), layer.path.as_path()))
            };
            items.0.extend(kept(&layer.package_references));
            items.1.extend(kept(&layer.framework_references));
            items.2.extend(kept(&layer.assembly_references));
        }
        (reading.packages, reading.frameworks, reading.assemblies) = items;
        reading
    }

    /// A property as a condition sees it.
    fn known(&self, project: &ProjectFile, name: &str) -> Lookup {
        let lower = name.to_ascii_lowercase();
        if let Some((value, _)) = self.properties.get(&lower) {
            return if value.contains("$(") { Lookup::Unknown } else { Lookup::Value(value.to_string()) };
        }
        let path = &project.path;
        match lower.as_str() {
            "msbuildprojectname" => Lookup::Value(project_name(path)),
            "msbuildprojectfile" => Lookup::Value(file_name(path)),
            "msbuildprojectextension" => {
                Lookup::Value(format!(".{}", path.extension().unwrap_or_default().to_string_lossy()))
            }
            _ if BUILD_PROPERTIES.contains(&lower.as_str()) || lower.starts_with("msbuild") => Lookup::Unknown,
            _ => Lookup::Unset,
        }
    }

    fn property(&self, name: &str) -> Option<(&'a str, &'a Path)> {
        self.properties.get(&name.to_ascii_lowercase()).copied()
    }

    fn is_true(&self, name: &str) -> Option<String> {
        let (value, source) = self.property(name)?;
        value.eq_ignore_ascii_case("true").then(|| format!("{name} in {}", file_name(source)))
    }

    fn is_false(&self, name: &str) -> Option<String> {
        let (value, source) = self.property(name)?;
        value.eq_ignore_ascii_case("false").then(|| format!("{name} false in {}", file_name(source)))
    }

    fn verdict(&self, project: &ProjectFile) -> Verdict {
        let (kind, kind_evidence) = self.kind(project);
        let (executable, executable_evidence) = self.executable(project);
        let (published, published_evidence) = match (kind, executable) {
            (ProjectKind::Test, _) => (false, "a test project".to_string()),
            (_, true) => (false, format!("an application ({executable_evidence})")),
            _ => self.published(project),
        };
        Verdict { kind, kind_evidence, published, published_evidence }
    }

    fn kind(&self, project: &ProjectFile) -> (ProjectKind, String) {
        let project_file = file_name(&project.path);
        let sdk = |names: &[&str]| {
            project
                .sdks
                .iter()
                .find(|s| names.iter().any(|n| s.eq_ignore_ascii_case(n)))
                .map(|s| format!("Sdk {s} in {project_file}"))
        };
        let item = |list: &[(&str, &Path)], kind: &str, matches: &dyn Fn(&str) -> bool| {
            list.iter()
                .find(|(name, _)| matches(name))
                .map(|(name, source)| format!("{kind} {name} in {}", file_name(source)))
        };
        let named =
            |names: &'static [&'static str]| move |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));

        // `<IsTestProject>false</IsTestProject>` is how a test-helper library that references xunit says it is not
        // a test project itself.
        let test = if self.is_false("IsTestProject").is_some() {
            None
        } else {
            self.is_true("IsTestProject")
                .or_else(|| {
                    let test_package =
                        |n: &str| named(TEST_PACKAGES)(n) || TEST_PACKAGE_PREFIXES.iter().any(|p| prefixed(n, p));
                    item(&self.packages, "PackageReference", &test_package)
                })
                .or_else(|| sdk(&["MSTest.Sdk"]))
        };
        if let Some(evidence) = test {
            return (ProjectKind::Test, evidence);
        }
        let ui = UI_PROPERTIES
            .iter()
            .find_map(|p| self.is_true(p))
            .or_else(|| {
                let ui_package =
                    |n: &str| prefixed(n, "Xamarin.") || n.eq_ignore_ascii_case("Avalonia") || prefixed(n, "Avalonia.");
                item(&self.packages, "PackageReference", &ui_package)
            })
            .or_else(|| item(&self.frameworks, "FrameworkReference", &|n| prefixed(n, "Microsoft.WindowsDesktop.App")))
            .or_else(|| {
                let ui_assembly =
                    |n: &str| named(&["PresentationFramework", "System.Windows.Forms"])(n) || prefixed(n, "Xamarin.");
                item(&self.assemblies, "Reference", &ui_assembly)
            })
            .or_else(|| {
                // An SDK-style project may reference System.Web for its utilities; a classic one that does is a
                // classic ASP.NET site or a library for one, and runs under AspNetSynchronizationContext.
                let classic_asp_net = |n: &str| n.eq_ignore_ascii_case("System.Web");
                let evidence = item(&self.assemblies, "Reference", &classic_asp_net).filter(|_| !project.sdk_style)?;
                Some(format!("{evidence} (classic ASP.NET)"))
            });
        if let Some(evidence) = ui {
            return (ProjectKind::Ui, evidence);
        }
        let web = sdk(WEB_SDKS)
            .or_else(|| item(&self.frameworks, "FrameworkReference", &named(&["Microsoft.AspNetCore.App"])));
        if let Some(evidence) = web {
            return (ProjectKind::Web, evidence);
        }
        if let Some(evidence) = sdk(&[WORKER_SDK]) {
            return (ProjectKind::Worker, evidence);
        }
        match self.executable(project) {
            (true, evidence) => (ProjectKind::Console, evidence),
            (false, _) => (ProjectKind::Library, format!("no test, UI, web or application marker in {project_file}")),
        }
    }

    /// Whether the project builds an application, which nothing references for its API.
    fn executable(&self, project: &ProjectFile) -> (bool, String) {
        if let Some((value, source)) = self.property("OutputType") {
            let exe = ["Exe", "WinExe", "AppContainerExe"].iter().any(|t| t.eq_ignore_ascii_case(value));
            return (exe, format!("OutputType {value} in {}", file_name(source)));
        }
        match project.sdks.iter().find(|s| APPLICATION_SDKS.iter().any(|a| s.eq_ignore_ascii_case(a))) {
            Some(sdk) => (true, format!("Sdk {sdk} in {}", file_name(&project.path))),
            None => (false, String::new()),
        }
    }

    fn published(&self, project: &ProjectFile) -> (bool, String) {
        // Read for every project; `sdk_by_name` below is the fallback when the project file says nothing.
        let project_file = file_name(&project.path);
        if project.public_api_shipped {
            return (true, format!("PublicAPI.Shipped.txt beside {project_file}"));
        }
        if let Some(evidence) = self.is_false("IsPackable") {
            return (false, evidence);
        }
        let present = |name: &str| {
            self.property(name)
                .filter(|(v, _)| !v.is_empty())
                .map(|(_, source)| format!("{name} in {}", file_name(source)))
        };
        // The SDK makes every library packable by default, so an explicit `IsPackable` true is a deliberate choice,
        // usually against a `Directory.Build.props` that turns packing off for the rest.
        let evidence = present("PackageId")
            .or_else(|| self.is_true("GeneratePackageOnBuild"))
            .or_else(|| self.is_true("IsPackable"));
        match evidence.or_else(|| sdk_by_name(&project.path)) {
            Some(evidence) => (true, evidence),
            None => (
                false,
                format!("no PackageId, GeneratePackageOnBuild, IsPackable or PublicAPI.Shipped.txt for {project_file}"),
            ),
        }
    }
}

/// One reading's answers.
struct Verdict {
    kind: ProjectKind,
    kind_evidence: String,
    published: bool,
    published_evidence: String,
}

/// Which context can run each project's code. A library's is the union of those of every project that references
/// it, directly or through others (App (WPF) → LibA → LibB makes LibB single-threaded); one that nothing
/// references, or that is published, may be called from anywhere. Any other project's is its kind's, unless a UI
/// project references it: a caller known to be on a UI thread outweighs the kind, a caller that may run anywhere
/// does not.
///
/// `references[i]` lists the indexes of the projects that `projects[i]` references.
pub fn sync_contexts(projects: &[&ProjectSettings], references: &[Vec<usize>]) -> Vec<(SyncContext, String)> {
    let mut reached: Vec<Option<Reach>> = projects
        .iter()
        .map(|s| {
            if !is_library(s) {
                Some(Reach { context: s.sync_context, origin: s.sync_context_evidence.clone(), through: Vec::new() })
            } else if s.published {
                let origin =
                    format!("published ({}): its callers outside the workspace are unknown", s.published_evidence);
                Some(Reach { context: SyncContext::Unknown, origin, through: Vec::new() })
            } else {
                None
            }
        })
        .collect();
    // First what the applications and published libraries pass down; then what is still unreached is a library
    // nothing runs, so anything may, and that passes down too. In two steps so that an unreached library cannot
    // pass down "unknown" before a caller found later makes it "none".
    spread(projects, references, &mut reached);
    let mut referenced = vec![false; projects.len()];
    for (caller, callees) in references.iter().enumerate() {
        for &callee in callees.iter().filter(|&&callee| callee != caller) {
            referenced[callee] = true;
        }
    }
    for (i, reach) in reached.iter_mut().enumerate() {
        if reach.is_none() && !referenced[i] {
            let origin = projects[i].sync_context_evidence.clone();
            *reach = Some(Reach { context: SyncContext::Unknown, origin, through: Vec::new() });
        }
    }
    spread(projects, references, &mut reached);
    for (i, reach) in reached.iter_mut().enumerate() {
        if reach.is_none() {
            let name = projects[i].project_name().unwrap_or_default();
            let origin = format!("only a reference cycle that nothing in the workspace references reaches {name}");
            *reach = Some(Reach { context: SyncContext::Unknown, origin, through: Vec::new() });
        }
    }
    reached
        .into_iter()
        .map(|r| {
            let r = r.expect("every project is reached by now");
            let evidence = if r.through.is_empty() {
                r.origin
            } else {
                format!("referenced by {}: {}", r.through.join(" ← "), r.origin)
            };
            (r.context, evidence)
        })
        .collect()
}

/// Who may run a project's code, over the projects of the workspace that reference it, directly or through others
/// (test projects aside: a test runs whatever it tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Runners {
    /// A UI project.
    pub ui: bool,
    /// A web, worker or console project.
    pub other_applications: bool,
    /// The project itself or a library on the way is published: code outside the workspace runs it.
    pub published: bool,
    /// The project itself or a library on the way is referenced by nothing in the workspace.
    pub unreferenced: bool,
}

impl Runners {
    /// A library only UI applications run, and no one outside the workspace: an extension of UI code, whose awaits
    /// may count on resuming on the UI thread.
    pub fn only_ui(&self) -> bool {
        self.ui && !self.other_applications && !self.published && !self.unreferenced
    }
}

/// Who may run each library's code (`Runners`); other projects run their own and get the default.
///
/// `references[i]` lists the indexes of the projects that `projects[i]` references.
pub fn runners(projects: &[&ProjectSettings], references: &[Vec<usize>]) -> Vec<Runners> {
    let mut referenced_by: Vec<Vec<usize>> = vec![Vec::new(); projects.len()];
    for (caller, callees) in references.iter().enumerate() {
        for &callee in callees.iter().filter(|&&callee| callee != caller) {
            referenced_by[callee].push(caller);
        }
    }
    let note_library = |i: usize, r: &mut Runners| {
        r.published |= projects[i].published;
        r.unreferenced |= referenced_by[i].is_empty();
    };
    (0..projects.len())
        .map(|start| {
            let mut r = Runners::default();
            if !is_library(projects[start]) {
                return r;
            }
            note_library(start, &mut r);
            let mut seen = vec![start];
            let mut pending = vec![start];
            while let Some(p) = pending.pop() {
                for &caller in &referenced_by[p] {
                    if seen.contains(&caller) {
                        continue;
                    }
                    seen.push(caller);
                    match projects[caller].kind {
                        ProjectKind::Ui => r.ui = true,
                        ProjectKind::Test => {}
                        ProjectKind::Library | ProjectKind::Unknown => note_library(caller, &mut r),
                        ProjectKind::Web | ProjectKind::Worker | ProjectKind::Console => r.other_applications = true,
                    }
                    pending.push(caller);
                }
            }
            r
        })
        .collect()
}

#[derive(Clone)]
struct Reach {
    context: SyncContext,
    /// Why the project at the start of `through` runs under `context`.
    origin: String,
    /// The callers in between, nearest first.
    through: Vec<String>,
}

/// Passes contexts down the references until nothing changes; a context only ever grows, so this ends.
fn is_library(project: &ProjectSettings) -> bool {
    matches!(project.kind, ProjectKind::Library | ProjectKind::Unknown)
}

fn spread(projects: &[&ProjectSettings], references: &[Vec<usize>], reached: &mut [Option<Reach>]) {
    let mut changed = true;
    while changed {
        changed = false;
        for (caller, referenced) in references.iter().enumerate() {
            let Some(from) = reached[caller].clone() else { continue };
            for &callee in referenced {
                if callee == caller {
                    continue;
                }
                let heeded = is_library(projects[callee]) || from.context == SyncContext::SingleThreaded;
                let grows =
                    heeded && reached[callee].as_ref().is_none_or(|r| from.context.weight() > r.context.weight());
                if grows {
                    let mut through = vec![projects[caller].project_name().unwrap_or_default().to_string()];
                    through.extend(from.through.iter().cloned());
                    reached[callee] = Some(Reach { context: from.context, origin: from.origin.clone(), through });
                    changed = true;
                }
            }
        }
    }
}

/// A library named as the surface other people's code builds on (`Playnite.SDK`, `GitUIPluginInterfaces`,
/// `Foo.Abstractions`, `Foo.Contracts`): plugins compiled outside the solution implement and call it, even when
/// its project file carries no packaging property (it ships with the application, or through a `.nuspec`).
fn sdk_by_name(path: &std::path::Path) -> Option<String> {
    let name = path.file_stem()?.to_string_lossy().to_string();
    let lower = name.to_ascii_lowercase();
    let last = lower.rsplit('.').next().unwrap_or(&lower);
    let marks = matches!(last, "sdk" | "abstractions" | "contracts" | "pluginapi")
        || lower.ends_with("plugininterfaces")
        || lower.ends_with("pluginsdk");
    marks.then(|| format!("its name, {name}, marks an SDK or plugin surface"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::msbuild::{parse_project_xml, settings_for};

    fn parse(name: &str, xml: &str) -> ProjectFile {
        parse_project_xml(Path::new(&format!("/nowhere/{name}")), xml).unwrap()
    }

    fn sdk_project(sdk: &str, body: &str) -> String {
        format!(r#"<Project Sdk="{sdk}">{body}</Project>"#)
    }

    fn props(properties: &str) -> String {
        sdk_project("Microsoft.NET.Sdk", &format!("<PropertyGroup>{properties}</PropertyGroup>"))
    }

    fn items(items: &str) -> String {
        sdk_project("Microsoft.NET.Sdk", &format!("<ItemGroup>{items}</ItemGroup>"))
    }

    fn kind_of(xml: &str) -> (ProjectKind, String) {
        let c = classify(&[parse("P.csproj", xml)]);
        (c.kind, c.kind_evidence)
    }

    #[test]
    fn web_and_worker_sdks_and_the_asp_net_core_framework() {
        for sdk in ["Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Razor", "Microsoft.NET.Sdk.BlazorWebAssembly"] {
            assert_eq!(kind_of(&sdk_project(sdk, "")), (ProjectKind::Web, format!("Sdk {sdk} in P.csproj")));
        }
        let framework = items(r#"<FrameworkReference Include="Microsoft.AspNetCore.App" />"#);
        assert_eq!(kind_of(&framework).0, ProjectKind::Web);
        assert_eq!(kind_of(&sdk_project("Microsoft.NET.Sdk.Worker", "")).0, ProjectKind::Worker);
        // `<Sdk>` elements and `<Import Sdk>`, versions dropped.
        let sdk_element = r#"<Project><Sdk Name="Microsoft.NET.Sdk.Web" Version="1.0" /></Project>"#;
        assert_eq!(kind_of(sdk_element).0, ProjectKind::Web);
        let import = r#"<Project><Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk.Worker/8.0.0" /></Project>"#;
        assert_eq!(kind_of(import).0, ProjectKind::Worker);
    }

    #[test]
    fn ui_properties_packages_and_classic_references() {
        for property in ["UseWPF", "UseWindowsForms", "UseMaui", "UseWinUI"] {
            let xml = props(&format!("<{property}>true</{property}>"));
            assert_eq!(kind_of(&xml), (ProjectKind::Ui, format!("{property} in P.csproj")));
        }
        assert_eq!(kind_of(&props("<UseWPF>false</UseWPF>")).0, ProjectKind::Library);
        for package in ["Xamarin.Forms", "Avalonia", "Avalonia.Desktop"] {
            let xml = items(&format!(r#"<PackageReference Include="{package}" Version="1.0" />"#));
            assert_eq!(kind_of(&xml), (ProjectKind::Ui, format!("PackageReference {package} in P.csproj")));
        }
        assert_eq!(kind_of(&items(r#"<PackageReference Include="AvaloniaEdit" />"#)).0, ProjectKind::Library);
        let classic = |reference: &str| {
            format!(
                r#"<Project ToolsVersion="15.0"><PropertyGroup><OutputType>WinExe</OutputType></PropertyGroup>
                   <ItemGroup><Reference Include="System" /><Reference Include="{reference}" /></ItemGroup></Project>"#
            )
        };
        assert_eq!(
            kind_of(&classic("PresentationFramework")),
            (ProjectKind::Ui, "Reference PresentationFramework in P.csproj".into())
        );
        let forms = classic("System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089");
        assert_eq!(kind_of(&forms), (ProjectKind::Ui, "Reference System.Windows.Forms in P.csproj".into()));
    }

    #[test]
    fn system_web_means_classic_asp_net_only_outside_the_sdk() {
        let classic = r#"<Project ToolsVersion="15.0"><PropertyGroup><OutputType>Library</OutputType></PropertyGroup>
                           <ItemGroup><Reference Include="System.Web" /></ItemGroup></Project>"#;
        let (kind, evidence) = kind_of(classic);
        assert_eq!(kind, ProjectKind::Ui);
        assert_eq!(evidence, "Reference System.Web in P.csproj (classic ASP.NET)");
        let c = classify(&[parse("P.csproj", classic)]);
        assert_eq!(c.sync_context, SyncContext::SingleThreaded);
        assert_eq!(kind_of(&items(r#"<Reference Include="System.Web" />"#)).0, ProjectKind::Library);
    }

    #[test]
    fn test_projects() {
        assert_eq!(
            kind_of(&props("<IsTestProject>true</IsTestProject>")),
            (ProjectKind::Test, "IsTestProject in P.csproj".into())
        );
        for package in
            ["xunit", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "Microsoft.NET.Test.Sdk", "nunit"]
        {
            let xml = items(&format!(r#"<PackageReference Include="{package}" Version="1" />"#));
            assert_eq!(kind_of(&xml).0, ProjectKind::Test, "{package}");
        }
        assert_eq!(kind_of(&sdk_project("MSTest.Sdk/3.6.1", "")).0, ProjectKind::Test);
        // A helper library for tests says it is none.
        let helper = sdk_project(
            "Microsoft.NET.Sdk",
            r#"<PropertyGroup><IsTestProject>false</IsTestProject></PropertyGroup>
               <ItemGroup><PackageReference Include="xunit" /></ItemGroup>"#,
        );
        assert_eq!(kind_of(&helper).0, ProjectKind::Library);
        assert_eq!(kind_of(&items(r#"<PackageReference Include="xunit.assert" />"#)).0, ProjectKind::Library);
    }

    #[test]
    fn console_and_library() {
        assert_eq!(
            kind_of(&props("<OutputType>Exe</OutputType>")),
            (ProjectKind::Console, "OutputType Exe in P.csproj".into())
        );
        assert_eq!(kind_of(&props("<OutputType>winexe</OutputType>")).0, ProjectKind::Console);
        assert_eq!(kind_of(&props("<OutputType>Library</OutputType>")).0, ProjectKind::Library);
        let (kind, evidence) = kind_of(&sdk_project("Microsoft.NET.Sdk", ""));
        assert_eq!(kind, ProjectKind::Library);
        assert_eq!(evidence, "no test, UI, web or application marker in P.csproj");
    }

    #[test]
    fn precedence_is_test_ui_web_worker_console_library() {
        let wpf_tests = sdk_project(
            "Microsoft.NET.Sdk",
            r#"<PropertyGroup><UseWPF>true</UseWPF><OutputType>Exe</OutputType></PropertyGroup>
               <ItemGroup><PackageReference Include="xunit" /></ItemGroup>"#,
        );
        assert_eq!(kind_of(&wpf_tests).0, ProjectKind::Test);
        let blazor_hybrid =
            sdk_project("Microsoft.NET.Sdk.Razor", "<PropertyGroup><UseMaui>true</UseMaui></PropertyGroup>");
        assert_eq!(kind_of(&blazor_hybrid).0, ProjectKind::Ui);
        let web_exe =
            sdk_project("Microsoft.NET.Sdk.Web", "<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>");
        assert_eq!(kind_of(&web_exe).0, ProjectKind::Web);
        let worker =
            sdk_project("Microsoft.NET.Sdk.Worker", "<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>");
        assert_eq!(kind_of(&worker).0, ProjectKind::Worker);
    }

    #[test]
    fn directory_build_props_count_and_their_conditions_are_evaluated() {
        let directory_props = parse(
            "Directory.Build.props",
            r#"<Project>
                 <PropertyGroup Condition="$(MSBuildProjectName.EndsWith('.Tests'))"><IsTestProject>true</IsTestProject></PropertyGroup>
                 <PropertyGroup><UseWindowsForms>true</UseWindowsForms></PropertyGroup>
               </Project>"#,
        );
        let plain = sdk_project("Microsoft.NET.Sdk", "");
        let tests = classify(&[directory_props.clone(), parse("Shop.Tests.csproj", &plain)]);
        assert_eq!(
            (tests.kind, tests.kind_evidence.as_str()),
            (ProjectKind::Test, "IsTestProject in Directory.Build.props")
        );
        let app = classify(&[directory_props, parse("Shop.csproj", &plain)]);
        assert_eq!(
            (app.kind, app.kind_evidence.as_str()),
            (ProjectKind::Ui, "UseWindowsForms in Directory.Build.props")
        );
    }

    #[test]
    fn a_condition_that_needs_a_build_is_read_the_cautious_way() {
        // Test packages for whatever the SDK later calls a test project: not enough to call this one a test project.
        let directory_props = parse(
            "Directory.Build.props",
            r#"<Project><ItemGroup Condition="'$(IsTestProject)' == 'true'"><PackageReference Include="xunit" /></ItemGroup></Project>"#,
        );
        let c = classify(&[directory_props, parse("Lib.csproj", &sdk_project("Microsoft.NET.Sdk", ""))]);
        assert_eq!(c.kind, ProjectKind::Library);
        assert!(c.kind_evidence.contains("test only under a condition"), "{}", c.kind_evidence);
        // WPF for one of several target frameworks: UI.
        let multi = sdk_project(
            "Microsoft.NET.Sdk",
            r#"<PropertyGroup><TargetFrameworks>net8.0;net8.0-windows</TargetFrameworks></PropertyGroup>
               <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0-windows'"><UseWPF>true</UseWPF></PropertyGroup>"#,
        );
        assert_eq!(kind_of(&multi).0, ProjectKind::Ui);
        // A known target framework decides.
        let single = sdk_project(
            "Microsoft.NET.Sdk",
            r#"<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
               <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0-windows'"><UseWPF>true</UseWPF></PropertyGroup>"#,
        );
        assert_eq!(kind_of(&single).0, ProjectKind::Library);
    }

    fn published(layers: &[ProjectFile]) -> (bool, String) {
        let c = classify(layers);
        (c.published, c.published_evidence)
    }

    #[test]
    fn published_libraries() {
        let one = |xml: &str| published(&[parse("Lib.csproj", xml)]);
        assert_eq!(one(&props("<PackageId>Shop.Core</PackageId>")), (true, "PackageId in Lib.csproj".into()));
        assert!(one(&props("<GeneratePackageOnBuild>true</GeneratePackageOnBuild>")).0);
        assert!(one(&props("<IsPackable>true</IsPackable>")).0);
        assert_eq!(
            one(&props("<IsPackable>false</IsPackable><PackageId>Shop.Core</PackageId>")),
            (false, "IsPackable false in Lib.csproj".into())
        );
        let (is, evidence) = one(&props("<GeneratePackageOnBuild>false</GeneratePackageOnBuild>"));
        assert!(!is);
        assert!(evidence.starts_with("no PackageId"), "{evidence}");
        // Packed in Release only: still published.
        let release = sdk_project(
            "Microsoft.NET.Sdk",
            r#"<PropertyGroup Condition="'$(Configuration)' == 'Release'"><GeneratePackageOnBuild>true</GeneratePackageOnBuild></PropertyGroup>"#,
        );
        let (is, evidence) = one(&release);
        assert!(is);
        assert_eq!(evidence, "GeneratePackageOnBuild in Lib.csproj, under a condition asyncmod cannot evaluate");
        // A UI control library is a library too.
        assert!(one(&props("<UseWPF>true</UseWPF><PackageId>Controls</PackageId>")).0);
    }

    #[test]
    fn a_shipped_public_api_is_published_whatever_packing_says() {
        let mut project = parse("Lib.csproj", &props("<IsPackable>false</IsPackable>"));
        project.public_api_shipped = true;
        assert_eq!(published(&[project]), (true, "PublicAPI.Shipped.txt beside Lib.csproj".into()));
    }

    #[test]
    fn applications_and_tests_are_never_published() {
        let one = |xml: &str| published(&[parse("App.csproj", xml)]);
        let (is, evidence) = one(&props("<OutputType>Exe</OutputType><PackageId>tool</PackageId>"));
        assert!(!is);
        assert_eq!(evidence, "an application (OutputType Exe in App.csproj)");
        assert!(
            !one(&sdk_project("Microsoft.NET.Sdk.Web", "<PropertyGroup><PackageId>x</PackageId></PropertyGroup>")).0
        );
        let mut tests = parse("App.csproj", &props("<IsTestProject>true</IsTestProject><PackageId>x</PackageId>"));
        tests.public_api_shipped = true;
        assert_eq!(published(&[tests]), (false, "a test project".into()));
        // A web SDK project that builds a library (a Razor class library) can be.
        assert!(
            one(&sdk_project("Microsoft.NET.Sdk.Razor", "<PropertyGroup><PackageId>x</PackageId></PropertyGroup>")).0
        );
    }

    #[test]
    fn package_id_in_directory_build_props_counts() {
        let directory_props = parse(
            "Directory.Build.props",
            "<Project><PropertyGroup><PackageId>$(MSBuildProjectName)</PackageId></PropertyGroup></Project>",
        );
        let lib = parse("Lib.csproj", &sdk_project("Microsoft.NET.Sdk", ""));
        assert_eq!(published(&[directory_props, lib]), (true, "PackageId in Directory.Build.props".into()));
    }

    fn settings(name: &str, xml: &str) -> ProjectSettings {
        settings_for(&parse(&format!("{name}.csproj"), xml))
    }

    /// Contexts of `projects`, where `edges` are (caller, callee) indexes.
    fn contexts(projects: &[ProjectSettings], edges: &[(usize, usize)]) -> Vec<(SyncContext, String)> {
        let mut references = vec![Vec::new(); projects.len()];
        for &(caller, callee) in edges {
            references[caller].push(callee);
        }
        sync_contexts(&projects.iter().collect::<Vec<_>>(), &references)
    }

    fn library(name: &str) -> ProjectSettings {
        settings(name, &sdk_project("Microsoft.NET.Sdk", ""))
    }

    #[test]
    fn a_ui_app_makes_every_library_below_it_single_threaded() {
        let app = settings("App", &props("<UseWPF>true</UseWPF><OutputType>WinExe</OutputType>"));
        let (lib_a, lib_b) = (library("LibA"), library("LibB"));
        let found = contexts(&[app, lib_a, lib_b], &[(0, 1), (1, 2)]);
        assert_eq!(found[0], (SyncContext::SingleThreaded, "UI project (UseWPF in App.csproj)".into()));
        assert_eq!(
            found[1],
            (SyncContext::SingleThreaded, "referenced by App: UI project (UseWPF in App.csproj)".into())
        );
        assert_eq!(
            found[2],
            (SyncContext::SingleThreaded, "referenced by LibA ← App: UI project (UseWPF in App.csproj)".into())
        );
    }

    #[test]
    fn who_runs_a_library() {
        let wpf = settings("App", &props("<UseWPF>true</UseWPF><OutputType>WinExe</OutputType>"));
        let web = settings("Api", &sdk_project("Microsoft.NET.Sdk.Web", ""));
        let tests = settings("Tests", &props("<IsTestProject>true</IsTestProject>"));
        let published = settings("Sdk", &props("<PackageId>Sdk</PackageId>"));
        let only_ui = |projects: &[ProjectSettings], edges: &[(usize, usize)]| -> Vec<bool> {
            let mut references = vec![Vec::new(); projects.len()];
            for &(caller, callee) in edges {
                references[caller].push(callee);
            }
            runners(&projects.iter().collect::<Vec<_>>(), &references).iter().map(Runners::only_ui).collect()
        };
        // App → LibA → LibB, and tests of LibB: both libraries run only under the UI.
        let found = only_ui(&[wpf.clone(), library("LibA"), library("LibB"), tests.clone()], &[(0, 1), (1, 2), (3, 2)]);
        assert_eq!(found, vec![false, true, true, false]);
        // A web app runs LibB too: it is shared code.
        let found = only_ui(&[wpf.clone(), library("LibA"), library("LibB"), web.clone()], &[(0, 1), (1, 2), (3, 2)]);
        assert_eq!(found, vec![false, true, false, false]);
        // Published, or reached through a published library, or referenced by tests only: not only the UI's.
        let found = only_ui(&[wpf.clone(), published.clone(), library("Lib")], &[(0, 1), (1, 2)]);
        assert_eq!(found, vec![false, false, false]);
        let found = only_ui(&[tests, library("Lib")], &[(0, 1)]);
        assert_eq!(found, vec![false, false]);
        // A library nothing references may be run by anything.
        let found = only_ui(&[wpf, library("Plugin"), library("Lib")], &[(0, 2), (1, 2)]);
        assert_eq!(found, vec![false, false, false]);
        // What a web app and a published library on the way say.
        let projects = [web, published, library("Core")];
        let r = runners(&projects.iter().collect::<Vec<_>>(), &[vec![2], vec![2], vec![]]);
        assert_eq!(r[2], Runners { ui: false, other_applications: true, published: true, unreferenced: true });
        assert_eq!(r[0], Runners::default());
    }

    #[test]
    fn a_library_takes_the_union_of_its_callers() {
        let console = settings("Tool", &props("<OutputType>Exe</OutputType>"));
        let web = settings("Api", &sdk_project("Microsoft.NET.Sdk.Web", ""));
        let forms = settings("Desk", &props("<UseWindowsForms>true</UseWindowsForms>"));
        let tests = settings("Tests", &props("<UseWPF>true</UseWPF><IsTestProject>true</IsTestProject>"));
        let shared = library("Shared");
        // Console and web callers: none.
        let found = contexts(&[console.clone(), web.clone(), shared.clone()], &[(0, 2), (1, 2)]);
        assert_eq!(
            found[2],
            (SyncContext::None, "referenced by Tool: console project (OutputType Exe in Tool.csproj)".into())
        );
        // One UI caller among them: single-threaded, whatever the order.
        let found = contexts(&[forms, console.clone(), shared.clone()], &[(1, 2), (0, 2)]);
        assert_eq!(found[2].0, SyncContext::SingleThreaded);
        assert!(found[2].1.starts_with("referenced by Desk"), "{}", found[2].1);
        // A WPF test project runs its tests without the WPF context.
        assert_eq!(contexts(&[tests, shared.clone()], &[(0, 1)])[1].0, SyncContext::None);
        // An app that another references can run under its caller's context too, if that is a UI thread.
        let found = contexts(&[settings("Desk", &props("<UseWPF>true</UseWPF>")), console.clone()], &[(0, 1)]);
        assert_eq!(found[1].0, SyncContext::SingleThreaded);
        // A caller that may run anywhere tells less than the kind: ASP.NET Core code called from a library that
        // nothing references still runs under ASP.NET Core.
        let asp_net_library =
            settings("Common", &items(r#"<FrameworkReference Include="Microsoft.AspNetCore.App" />"#));
        let found = contexts(&[library("Naming"), asp_net_library, console], &[(0, 1), (0, 2)]);
        assert_eq!(found[1].0, SyncContext::None);
        assert_eq!(found[2].0, SyncContext::None);
    }

    #[test]
    fn nothing_known_about_the_callers_is_unknown() {
        let console = settings("Tool", &props("<OutputType>Exe</OutputType>"));
        let (lonely, below) = (library("Lonely"), library("Below"));
        let found = contexts(&[lonely.clone(), below.clone()], &[(0, 1)]);
        assert_eq!(found[0], (SyncContext::Unknown, "nothing in the workspace references Lonely".into()));
        assert_eq!(
            found[1],
            (SyncContext::Unknown, "referenced by Lonely: nothing in the workspace references Lonely".into())
        );
        // One caller unknown, another none: unknown, whichever is seen first.
        for order in [[(0, 2), (1, 2)], [(1, 2), (0, 2)]] {
            let found = contexts(&[lonely.clone(), console.clone(), below.clone()], &order);
            assert_eq!(found[2].0, SyncContext::Unknown);
        }
        // Published: callers outside the workspace.
        let published = settings("Pub", &props("<PackageId>Pub</PackageId>"));
        let found = contexts(&[console, published], &[(0, 1)]);
        assert_eq!(found[1].0, SyncContext::Unknown);
        assert!(found[1].1.starts_with("published (PackageId in Pub.csproj)"), "{}", found[1].1);
    }

    #[test]
    fn reference_cycles_end() {
        let console = settings("Tool", &props("<OutputType>Exe</OutputType>"));
        let found = contexts(&[console, library("A"), library("B")], &[(0, 1), (1, 2), (2, 1), (2, 2)]);
        assert_eq!(found[1].0, SyncContext::None);
        assert_eq!(found[2].0, SyncContext::None);
        let found = contexts(&[library("A"), library("B")], &[(0, 1), (1, 0)]);
        assert_eq!(found[0].0, SyncContext::Unknown);
        assert!(found[1].1.contains("reference cycle"), "{}", found[1].1);
    }

    #[test]
    fn loose_files_know_nothing() {
        let loose = ProjectSettings::default();
        assert_eq!(
            (loose.kind, loose.published, loose.sync_context),
            (ProjectKind::Unknown, false, SyncContext::Unknown)
        );
        assert_eq!(loose.project_name(), None);
        assert_eq!(classify(&[]).kind, ProjectKind::Unknown);
    }
}
