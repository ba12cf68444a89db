//! Reads the parts of MSBuild project files asyncmod needs: properties that
//! shape the language (LangVersion, TargetFramework(s), OutputType, Nullable,
//! ImplicitUsings, DefineConstants), `<Compile>` items and `<ProjectReference>`s, and what the project model
//! needs to tell what kind of project it is (SDKs, package, framework and assembly references, packaging
//! properties). It never runs MSBuild.

use std::path::{Path, PathBuf};

use super::model;
use super::settings::{LangVersion, ProjectSettings, TargetFramework};

/// What one project file says, before defaults are filled in.
#[derive(Clone, Debug, Default)]
pub struct ProjectFile {
    pub path: PathBuf,
    pub sdk_style: bool,
    pub properties: Vec<(String, String)>,
    pub compile_include: Vec<String>,
    pub compile_remove: Vec<String>,
    /// `<ProjectReference Include>` paths, relative to the project's folder, with `/` separators.
    pub project_references: Vec<String>,
    /// SDKs named by `<Project Sdk>`, `<Sdk Name>` and `<Import Sdk>`, without their versions.
    pub sdks: Vec<String>,
    /// Every property assignment, Release-only ones included, with the conditions that guard it. `properties`
    /// assumes a Debug build, which is right for the language settings but not for the project model: a library
    /// that generates its package only in Release is still published.
    pub assignments: Vec<Assignment>,
    pub package_references: Vec<ItemInclude>,
    pub framework_references: Vec<ItemInclude>,
    /// Classic `<Reference Include>`s, by assembly name (`System.Windows.Forms`, without version or key).
    pub assembly_references: Vec<ItemInclude>,
    /// A `PublicAPI.Shipped.txt` lies beside the project file: the public API analyzer guards a shipped API.
    pub public_api_shipped: bool,
    /// `<Import Project>`s of other files (not SDKs), where they stand among the properties.
    pub imports: Vec<Import>,
    /// `<Using Include>` and `<Using Remove>` items that import a namespace (aliases and static imports left out),
    /// in order: `(namespace, removed)`.
    pub usings: Vec<(String, bool)>,
}

/// An `<Import Project>`, with how many assignments and (Debug) properties come before it, so that what it sets
/// can take its place in between.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    pub project: String,
    pub conditions: Vec<String>,
    pub assignments_before: usize,
    pub properties_before: usize,
}

/// A property set in a project file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    pub name: String,
    pub value: String,
    /// Which `<PropertyGroup>` of its file holds it: MSBuild tests a group's condition once, before the group sets
    /// anything, so `<PropertyGroup Condition="'$(X)' == ''"><X>a</X><X Condition="...">b</X>` can set both.
    pub group: usize,
    /// The group's condition, and those of the imports that brought the file in.
    pub group_conditions: Vec<String>,
    pub condition: Option<String>,
}

/// An item's `Include`, under the conditions of its group and its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemInclude {
    pub name: String,
    pub conditions: Vec<String>,
}

impl ProjectFile {
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Parses an MSBuild XML file (a `.csproj` or `Directory.Build.props`).
pub fn read_project_file(path: &Path) -> Result<ProjectFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read project file: {e}"))?;
    let mut project = parse_project_xml(path, &text)?;
    project.public_api_shipped = path.parent().is_some_and(|dir| dir.join("PublicAPI.Shipped.txt").is_file());
    Ok(project)
}

pub fn parse_project_xml(path: &Path, text: &str) -> Result<ProjectFile, String> {
    let text = text.trim_start_matches('\u{feff}');
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("malformed project file: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err("malformed project file: the root element is not <Project>".to_string());
    }
    let mut project = ProjectFile { path: path.to_path_buf(), ..Default::default() };
    project.sdks = sdk_names(root.attribute("Sdk"))
        .chain(root.children().filter(|c| c.has_tag_name("Sdk")).flat_map(|c| sdk_names(c.attribute("Name"))))
        .chain(root.children().filter(|c| c.has_tag_name("Import")).flat_map(|c| sdk_names(c.attribute("Sdk"))))
        .collect();
    // `<Import Sdk>` names the same SDK for its props and for its targets.
    let mut seen = std::collections::HashSet::new();
    project.sdks.retain(|sdk| seen.insert(sdk.to_ascii_lowercase()));
    project.sdk_style = !project.sdks.is_empty();
    for (group_index, group) in root.children().filter(|n| n.is_element()).enumerate() {
        let guarded = |node: roxmltree::Node| -> Vec<String> {
            [group.attribute("Condition"), node.attribute("Condition")]
                .into_iter()
                .flatten()
                .map(String::from)
                .collect()
        };
        match group.tag_name().name() {
            "PropertyGroup" => {
                for prop in group.children().filter(|n| n.is_element()) {
                    let name = prop.tag_name().name().to_string();
                    let raw = prop.text().unwrap_or("").trim().to_string();
                    project.assignments.push(Assignment {
                        name: name.clone(),
                        value: raw.clone(),
                        group: group_index,
                        group_conditions: group.attribute("Condition").into_iter().map(String::from).collect(),
                        condition: prop.attribute("Condition").map(String::from),
                    });
                    if condition_holds(group.attribute("Condition")) && condition_holds(prop.attribute("Condition")) {
                        let value = expand_self_reference(&project, &name, &raw);
                        project.properties.push((name, value));
                    }
                }
            }
            "ItemGroup" => {
                for item in group.children().filter(|n| n.is_element()) {
                    let list = match item.tag_name().name() {
                        "PackageReference" => &mut project.package_references,
                        "FrameworkReference" => &mut project.framework_references,
                        "Reference" => &mut project.assembly_references,
                        _ => continue,
                    };
                    for include in item.attribute("Include").into_iter().flat_map(|v| v.split(';')) {
                        // `System.Windows.Forms, Version=4.0.0.0, Culture=neutral, ...` names `System.Windows.Forms`.
                        let name = include.split(',').next().unwrap_or("").trim();
                        if !name.is_empty() {
                            list.push(ItemInclude { name: name.to_string(), conditions: guarded(item) });
                        }
                    }
                }
                if !condition_holds(group.attribute("Condition")) {
                    continue;
                }
                for item in group.children().filter(|n| n.has_tag_name("ProjectReference")) {
                    if condition_holds(item.attribute("Condition")) {
                        project.project_references.extend(item.attribute("Include").into_iter().flat_map(split_items));
                    }
                }
                for item in group.children().filter(|n| n.has_tag_name("Using")) {
                    if !condition_holds(item.attribute("Condition")) {
                        continue;
                    }
                    let plain = item.attribute("Alias").is_none()
                        && !item.attribute("Static").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
                    if plain {
                        let included = item.attribute("Include").into_iter().flat_map(split_items);
                        project.usings.extend(included.map(|ns| (ns, false)));
                    }
                    let removed = item.attribute("Remove").into_iter().flat_map(split_items);
                    project.usings.extend(removed.map(|ns| (ns, true)));
                }
                for item in group.children().filter(|n| n.has_tag_name("Compile")) {
                    if !condition_holds(item.attribute("Condition")) {
                        continue;
                    }
                    if let Some(inc) = item.attribute("Include") {
                        project.compile_include.extend(split_items(inc));
                    }
                    if let Some(rem) = item.attribute("Remove") {
                        project.compile_remove.extend(split_items(rem));
                    }
                }
            }
            "Import" if group.attribute("Sdk").is_none() => {
                if let Some(imported) = group.attribute("Project") {
                    project.imports.push(Import {
                        project: imported.to_string(),
                        conditions: group.attribute("Condition").into_iter().map(String::from).collect(),
                        assignments_before: project.assignments.len(),
                        properties_before: project.properties.len(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(project)
}

/// `Microsoft.NET.Sdk.Web`, `MSTest.Sdk/3.6.0` or `A;B` (several SDKs in one attribute), versions dropped.
fn sdk_names(attribute: Option<&str>) -> impl Iterator<Item = String> + '_ {
    attribute
        .into_iter()
        .flat_map(|v| v.split(';'))
        .map(|sdk| sdk.split('/').next().unwrap_or("").trim().to_string())
        .filter(|sdk| !sdk.is_empty())
}

/// `$(DefineConstants);EXTRA` appends to what came before; other `$(...)` stay unresolved.
fn expand_self_reference(project: &ProjectFile, name: &str, raw: &str) -> String {
    let token = format!("$({name})");
    if raw.contains(&token) {
        let previous = project.property(name).unwrap_or("").to_string();
        raw.replace(&token, &previous)
    } else {
        raw.to_string()
    }
}

fn split_items(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(';').map(|s| s.trim().replace('\\', "/")).filter(|s| !s.is_empty())
}

/// Conditions are evaluated for the Debug configuration: a condition that names
/// `'Release'` is false, everything else is taken as true.
fn condition_holds(condition: Option<&str>) -> bool {
    match condition {
        None => true,
        Some(c) => {
            let c = c.to_ascii_lowercase();
            !(c.contains("configuration") && c.contains("'release") && c.contains("=="))
        }
    }
}

/// The files that set a project's properties: every `Directory.Build.props` above it, outermost first, then the
/// project itself.
///
/// A file that imports others by a path written out (`eng\Tests.props`, `$(MSBuildThisFileDirectory)x.props`) is
/// cut at each import, and the imported file's layers go in between: repositories often keep in such a file the
/// properties that make projects test projects or packages.
pub fn layers_of(project: &ProjectFile) -> Vec<ProjectFile> {
    let mut files: Vec<ProjectFile> = Vec::new();
    if let Some(dir) = project.path.parent() {
        // MSBuild imports the nearest Directory.Build.props; that one may chain to its parents,
        // so take every one found above, outermost first.
        for ancestor in dir.ancestors() {
            let candidate = ancestor.join("Directory.Build.props");
            if candidate.is_file() {
                if let Ok(props) = read_project_file(&candidate) {
                    files.push(props);
                }
            }
        }
        files.reverse();
    }
    files.push(project.clone());
    let mut layers = Vec::new();
    for file in files {
        push_with_imports(file, 0, &mut layers);
    }
    layers
}

/// Deep enough for real import chains, and an end to circular ones.
const MAX_IMPORT_DEPTH: usize = 8;

fn push_with_imports(file: ProjectFile, depth: usize, layers: &mut Vec<ProjectFile>) {
    let (mut assignments_taken, mut properties_taken) = (0, 0);
    for import in &file.imports {
        let Some(path) = imported_path(&file.path, &import.project) else { continue };
        let Ok(mut imported) = read_project_file(&path) else { continue };
        if depth >= MAX_IMPORT_DEPTH {
            continue;
        }
        layers.push(ProjectFile {
            path: file.path.clone(),
            assignments: file.assignments[assignments_taken..import.assignments_before].to_vec(),
            properties: file.properties[properties_taken..import.properties_before].to_vec(),
            ..Default::default()
        });
        (assignments_taken, properties_taken) = (import.assignments_before, import.properties_before);
        // What the import brings holds only where the import does.
        let guard = |conditions: &mut Vec<String>| {
            conditions.splice(0..0, import.conditions.iter().cloned());
        };
        imported.assignments.iter_mut().for_each(|a| guard(&mut a.group_conditions));
        imported.imports.iter_mut().for_each(|i| guard(&mut i.conditions));
        for items in
            [&mut imported.package_references, &mut imported.framework_references, &mut imported.assembly_references]
        {
            items.iter_mut().for_each(|i| guard(&mut i.conditions));
        }
        if !import.conditions.iter().all(|c| condition_holds(Some(c))) {
            imported.properties.clear();
        }
        push_with_imports(imported, depth + 1, layers);
    }
    let rest = ProjectFile {
        assignments: file.assignments[assignments_taken..].to_vec(),
        properties: file.properties[properties_taken..].to_vec(),
        ..file
    };
    layers.push(rest);
}

/// The file an `<Import Project>` names, when its path is written out; `None` for paths built from properties
/// (other than the importing file's folder) or wildcards, and for `Directory.Build.props`, already a layer.
fn imported_path(importer: &Path, project: &str) -> Option<PathBuf> {
    let dir = importer.parent()?;
    let written = project.replace("$(MSBuildThisFileDirectory)", &format!("{}/", dir.display())).replace('\\', "/");
    if written.contains("$(") || written.contains('*') || written.contains("@(") {
        return None;
    }
    let path = dir.join(written.trim());
    let is_directory_props = path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("Directory.Build.props"));
    (!is_directory_props && path.is_file()).then_some(path)
}

/// The namespaces `<ImplicitUsings>` imports in every SDK (the web, worker and desktop SDKs add more, none of which
/// asyncmod's new code names; WPF's drops System.IO and System.Net.Http, which it does not name either).
const IMPLICIT_USINGS: &[&str] =
    &["System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks"];

/// The project property that opts a project out of configure-await (`false`) or into it (`true`).
pub const CONFIGURE_AWAIT_PROPERTY: &str = "AsyncmodConfigureAwait";

/// Settings of a project: `Directory.Build.props` files above it, then the project itself. The synchronization
/// context is the one its own kind implies; discovery joins it with that of the projects referencing it.
pub fn settings_for(project: &ProjectFile) -> ProjectSettings {
    let layers = layers_of(project);
    let layers = layers.as_slice();
    let lookup = |name: &str| layers.iter().rev().find_map(|l| l.property(name)).filter(|v| !v.contains("$("));

    let target_frameworks: Vec<TargetFramework> = lookup("TargetFrameworks")
        .or_else(|| lookup("TargetFramework"))
        .map(|v| v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(TargetFramework::parse).collect())
        .or_else(|| {
            lookup("TargetFrameworkVersion").map(|v| {
                let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
                vec![TargetFramework::NetFramework(digits.parse().unwrap_or(0))]
            })
        })
        .unwrap_or_default();
    let lang_version = lookup("LangVersion")
        .and_then(LangVersion::parse)
        .unwrap_or_else(|| target_frameworks.iter().map(LangVersion::default_for).min().unwrap_or(LangVersion::NEWEST));
    let mut define_constants: Vec<String> = vec!["DEBUG".into(), "TRACE".into()];
    // A project's own DefineConstants replaces the defaults unless it appends to `$(DefineConstants)`.
    for layer in layers {
        for (k, v) in &layer.properties {
            if k.eq_ignore_ascii_case("DefineConstants") {
                define_constants =
                    v.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
            }
        }
    }
    if let Some(first) = target_frameworks.first() {
        define_constants.extend(first.implicit_defines());
    }
    define_constants.sort();
    define_constants.dedup();
    let model = model::classify(layers);
    let implicit_usings = lookup("ImplicitUsings").is_some_and(|v| v.eq_ignore_ascii_case("enable") || v == "true");
    let mut global_usings: Vec<String> =
        if implicit_usings { IMPLICIT_USINGS.iter().map(|ns| ns.to_string()).collect() } else { Vec::new() };
    for (namespace, removed) in layers.iter().flat_map(|l| &l.usings) {
        if *removed {
            global_usings.retain(|g| g != namespace);
        } else if !global_usings.contains(namespace) {
            global_usings.push(namespace.clone());
        }
    }
    ProjectSettings {
        project: Some(project.path.clone()),
        lang_version,
        target_frameworks,
        output_type: lookup("OutputType").map(String::from),
        nullable: lookup("Nullable").map(String::from),
        global_usings,
        define_constants,
        kind: model.kind,
        kind_evidence: model.kind_evidence,
        published: model.published,
        published_evidence: model.published_evidence,
        sync_context: model.sync_context,
        sync_context_evidence: model.sync_context_evidence,
        config: Default::default(),
        runners: Default::default(),
        configure_await: lookup(CONFIGURE_AWAIT_PROPERTY).and_then(|v| match v.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn using_items_import_namespaces_into_every_file() {
        let p = parse_project_xml(
            Path::new("/x/a.csproj"),
            r#"<Project Sdk="Microsoft.NET.Sdk">
                 <PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                 <ItemGroup>
                   <Using Include="Shop.Data;Shop.Model" />
                   <Using Include="Shop.Logging" Alias="Log" />
                   <Using Include="System.Math" Static="true" />
                   <Using Include="Shop.Never" Condition="'$(Configuration)'=='Release'" />
                   <Using Remove="System.Threading.Tasks" />
                 </ItemGroup>
               </Project>"#,
        )
        .unwrap();
        let s = settings_for(&p);
        for ns in ["System", "System.Threading", "Shop.Data", "Shop.Model"] {
            assert!(s.imports_globally(ns), "{ns}: {:?}", s.global_usings);
        }
        for ns in ["System.Threading.Tasks", "Shop.Logging", "System.Math", "Shop.Never", "Log"] {
            assert!(!s.imports_globally(ns), "{ns}: {:?}", s.global_usings);
        }
        let without = parse_project_xml(Path::new("/x/b.csproj"), r#"<Project Sdk="Microsoft.NET.Sdk" />"#).unwrap();
        assert!(settings_for(&without).global_usings.is_empty(), "no ImplicitUsings, no items");
    }

    #[test]
    fn reads_sdk_project() {
        let p = parse_project_xml(
            Path::new("/x/a.csproj"),
            r#"<Project Sdk="Microsoft.NET.Sdk">
                 <PropertyGroup><TargetFramework>net6.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup>
                 <PropertyGroup Condition="'$(Configuration)'=='Release'"><LangVersion>7.3</LangVersion></PropertyGroup>
                 <ItemGroup><Compile Remove="Old/**" /><Compile Include="..\Shared\Link.cs" /></ItemGroup>
               </Project>"#,
        )
        .unwrap();
        assert!(p.sdk_style);
        assert_eq!(p.compile_remove, vec!["Old/**"]);
        assert_eq!(p.compile_include, vec!["../Shared/Link.cs"]);
        let s = settings_for(&p);
        assert_eq!(s.lang_version, LangVersion(10, 0));
        assert_eq!(s.output_type.as_deref(), Some("Exe"));
        assert!(s.targets_net_at_least(6));
    }

    #[test]
    fn malformed_project_is_an_error() {
        assert!(parse_project_xml(Path::new("a.csproj"), "<Project><PropertyGroup>").is_err());
    }

    #[test]
    fn explicit_lang_version_wins() {
        let p = parse_project_xml(
            Path::new("/x/a.csproj"),
            "<Project><PropertyGroup><TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion><LangVersion>7.2</LangVersion></PropertyGroup></Project>",
        )
        .unwrap();
        assert!(!p.sdk_style);
        let s = settings_for(&p);
        assert_eq!(s.lang_version, LangVersion(7, 2));
        assert_eq!(s.target_frameworks, vec![TargetFramework::NetFramework(472)]);
    }

    #[test]
    fn reads_what_the_project_model_needs() {
        let p = parse_project_xml(
            Path::new("/x/a.csproj"),
            r#"<Project Sdk="Microsoft.NET.Sdk.Web/8.0.0;Other.Sdk">
                 <Sdk Name="Extra.Sdk" Version="1.0" />
                 <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk.Razor" />
                 <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk.Razor" />
                 <PropertyGroup Condition="'$(Configuration)'=='Release'"><GeneratePackageOnBuild>true</GeneratePackageOnBuild></PropertyGroup>
                 <ItemGroup>
                   <PackageReference Include="xunit" Version="2.9.0" />
                   <PackageReference Update="NUnit" />
                   <FrameworkReference Include="Microsoft.AspNetCore.App" Condition="'$(TargetFramework)' != 'netstandard2.0'" />
                   <Reference Include="System.Windows.Forms, Version=4.0.0.0, Culture=neutral" />
                 </ItemGroup>
               </Project>"#,
        )
        .unwrap();
        assert!(p.sdk_style);
        assert_eq!(p.sdks, vec!["Microsoft.NET.Sdk.Web", "Other.Sdk", "Extra.Sdk", "Microsoft.NET.Sdk.Razor"]);
        let names = |items: &[ItemInclude]| items.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&p.package_references), vec!["xunit"], "Update names no reference");
        assert_eq!(names(&p.framework_references), vec!["Microsoft.AspNetCore.App"]);
        assert_eq!(p.framework_references[0].conditions, vec!["'$(TargetFramework)' != 'netstandard2.0'"]);
        assert_eq!(names(&p.assembly_references), vec!["System.Windows.Forms"]);
        // The language settings assume Debug; the model sees the Release-only property and its condition.
        assert_eq!(p.property("GeneratePackageOnBuild"), None);
        assert_eq!(p.assignments.len(), 1);
        assert_eq!(p.assignments[0].group_conditions, vec!["'$(Configuration)'=='Release'"]);
    }

    #[test]
    fn notices_a_shipped_public_api_and_directory_build_props() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Lib")).unwrap();
        let project = dir.path().join("Lib/Lib.csproj");
        std::fs::write(&project, r#"<Project Sdk="Microsoft.NET.Sdk" />"#).unwrap();
        std::fs::write(
            dir.path().join("Directory.Build.props"),
            "<Project><PropertyGroup><UseWPF>true</UseWPF></PropertyGroup></Project>",
        )
        .unwrap();
        let lib = read_project_file(&project).unwrap();
        assert!(!lib.public_api_shipped);
        let settings = settings_for(&lib);
        assert_eq!(settings.kind, model::ProjectKind::Ui);
        assert_eq!(settings.kind_evidence, "UseWPF in Directory.Build.props");
        std::fs::write(dir.path().join("Lib/PublicAPI.Shipped.txt"), "#nullable enable\n").unwrap();
        let lib = read_project_file(&project).unwrap();
        assert!(lib.public_api_shipped);
        assert!(settings_for(&lib).published);
    }

    #[test]
    fn imported_files_take_the_place_of_their_import() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        // gitextensions: the root props import eng\Tests.props, which makes `*.Tests` projects test projects with
        // MSBuild's idiom for a default (a group that holds while the property is unset, then sets it twice).
        write(
            "Directory.Build.props",
            r#"<Project>
                 <PropertyGroup><LangVersion>9.0</LangVersion></PropertyGroup>
                 <Import Project="eng\Tests.props" />
                 <Import Project="$(MSBuildThisFileDirectory)eng/Late.props" Condition="'$(Configuration)' == 'Release'" />
                 <Import Project="$(RepoRoot)\eng\Unknown.props" />
               </Project>"#,
        );
        write(
            "eng/Tests.props",
            r#"<Project>
                 <PropertyGroup><LangVersion>10.0</LangVersion></PropertyGroup>
                 <PropertyGroup Condition="'$(IsUnitTestProject)' == ''">
                   <IsUnitTestProject>false</IsUnitTestProject>
                   <IsUnitTestProject Condition="$(MSBuildProjectName.EndsWith('.Tests'))">true</IsUnitTestProject>
                 </PropertyGroup>
                 <PropertyGroup>
                   <IsTestProject>false</IsTestProject>
                   <IsTestProject Condition="'$(IsUnitTestProject)' == 'true'">true</IsTestProject>
                 </PropertyGroup>
               </Project>"#,
        );
        write("eng/Late.props", "<Project><PropertyGroup><LangVersion>11.0</LangVersion></PropertyGroup></Project>");
        write(
            "src/Shop.Tests/Shop.Tests.csproj",
            r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><UseWPF>true</UseWPF></PropertyGroup></Project>"#,
        );
        write("src/Shop/Shop.csproj", r#"<Project Sdk="Microsoft.NET.Sdk" />"#);
        let tests = settings_for(&read_project_file(&dir.path().join("src/Shop.Tests/Shop.Tests.csproj")).unwrap());
        assert_eq!(tests.kind, model::ProjectKind::Test, "{}", tests.kind_evidence);
        assert_eq!(tests.kind_evidence, "IsTestProject in Tests.props");
        // The Release-only import is not read for the Debug language settings.
        assert_eq!(tests.lang_version, LangVersion(10, 0));
        let shop = settings_for(&read_project_file(&dir.path().join("src/Shop/Shop.csproj")).unwrap());
        assert_eq!(shop.kind, model::ProjectKind::Library, "{}", shop.kind_evidence);
    }
}
