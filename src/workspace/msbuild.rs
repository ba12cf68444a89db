//! Reads the parts of MSBuild project files asyncmod needs: properties that
//! shape the language (LangVersion, TargetFramework(s), OutputType, Nullable,
//! ImplicitUsings, DefineConstants), `<Compile>` items and `<ProjectReference>`s. It never runs MSBuild.

use std::path::{Path, PathBuf};

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
}

impl ProjectFile {
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Parses an MSBuild XML file (a `.csproj` or `Directory.Build.props`).
pub fn read_project_file(path: &Path) -> Result<ProjectFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read project file: {e}"))?;
    parse_project_xml(path, &text)
}

pub fn parse_project_xml(path: &Path, text: &str) -> Result<ProjectFile, String> {
    let text = text.trim_start_matches('\u{feff}');
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("malformed project file: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err("malformed project file: the root element is not <Project>".to_string());
    }
    let mut project = ProjectFile { path: path.to_path_buf(), ..Default::default() };
    project.sdk_style = root.attribute("Sdk").is_some()
        || root.children().any(|c| c.has_tag_name("Sdk"))
        || root.children().any(|c| c.has_tag_name("Import") && c.attribute("Sdk").is_some());
    for group in root.children().filter(|n| n.is_element()) {
        if !condition_holds(group.attribute("Condition")) {
            continue;
        }
        match group.tag_name().name() {
            "PropertyGroup" => {
                for prop in group.children().filter(|n| n.is_element()) {
                    if !condition_holds(prop.attribute("Condition")) {
                        continue;
                    }
                    let name = prop.tag_name().name().to_string();
                    let raw = prop.text().unwrap_or("").trim().to_string();
                    let value = expand_self_reference(&project, &name, &raw);
                    project.properties.push((name, value));
                }
            }
            "ItemGroup" => {
                for item in group.children().filter(|n| n.has_tag_name("ProjectReference")) {
                    if condition_holds(item.attribute("Condition")) {
                        project.project_references.extend(item.attribute("Include").into_iter().flat_map(split_items));
                    }
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
            _ => {}
        }
    }
    Ok(project)
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

/// Settings of a project: `Directory.Build.props` files above it, then the project itself.
pub fn settings_for(project: &ProjectFile) -> ProjectSettings {
    let mut layers: Vec<ProjectFile> = Vec::new();
    if let Some(dir) = project.path.parent() {
        // MSBuild imports the nearest Directory.Build.props; that one may chain to its parents,
        // so take every one found above, outermost first.
        let mut found = Vec::new();
        for ancestor in dir.ancestors() {
            let candidate = ancestor.join("Directory.Build.props");
            if candidate.is_file() {
                if let Ok(props) = read_project_file(&candidate) {
                    found.push(props);
                }
            }
        }
        found.reverse();
        layers.extend(found);
    }
    layers.push(project.clone());
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
    for layer in &layers {
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
    ProjectSettings {
        project: Some(project.path.clone()),
        lang_version,
        target_frameworks,
        output_type: lookup("OutputType").map(String::from),
        nullable: lookup("Nullable").map(String::from),
        implicit_usings: lookup("ImplicitUsings").is_some_and(|v| v.eq_ignore_ascii_case("enable") || v == "true"),
        define_constants,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
