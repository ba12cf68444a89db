//! Discovery: which files a run sees, and with which project settings.

use std::path::PathBuf;

use asyncmod::workspace::{discover, LangVersion, TargetFramework};

fn write(root: &std::path::Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn names(ws: &asyncmod::workspace::Workspace, root: &std::path::Path) -> Vec<String> {
    ws.files.iter().map(|f| f.path.strip_prefix(root).unwrap_or(&f.path).to_string_lossy().replace('\\', "/")).collect()
}

#[test]
fn sdk_project_globs_minus_removes_and_nested_projects() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "App/App.csproj",
        r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net6.0</TargetFramework></PropertyGroup><ItemGroup><Compile Remove="Old/**" /><Compile Include="../Shared/Link.cs" /></ItemGroup></Project>"#,
    );
    write(root, "App/A.cs", "class A {}");
    write(root, "App/Old/B.cs", "class B {}");
    write(root, "App/obj/C.cs", "class C {}");
    write(root, "App/Tests/Tests.csproj", r#"<Project Sdk="Microsoft.NET.Sdk" />"#);
    write(root, "App/Tests/T.cs", "class T {}");
    write(root, "Shared/Link.cs", "class L {}");
    let ws = discover(&[root.join("App/App.csproj")]);
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    assert_eq!(names(&ws, root), vec!["App/A.cs", "Shared/Link.cs"]);
    let s = &ws.files[0].settings;
    assert_eq!(s.lang_version, LangVersion(10, 0), "derived from net6.0");
    assert_eq!(s.target_frameworks, vec![TargetFramework::Net(6, 0)]);
}

#[test]
fn loose_files_take_the_nearest_project_and_directory_build_props() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "Directory.Build.props",
        "<Project><PropertyGroup><LangVersion>7.2</LangVersion></PropertyGroup></Project>",
    );
    write(
        root,
        "Lib/Lib.csproj",
        r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#,
    );
    write(root, "Lib/Deep/X.cs", "class X {}");
    write(root, "Loose/Y.cs", "class Y {}");
    let ws = discover(&[root.join("Lib/Deep/X.cs"), root.to_path_buf()]);
    let x = ws.files.iter().find(|f| f.path.ends_with("X.cs")).unwrap();
    assert_eq!(x.settings.lang_version, LangVersion(7, 2), "Directory.Build.props above the project applies");
    assert!(x.settings.targets_net_at_least(8));
    // A file under no project: the newest C#.
    let y = ws.files.iter().find(|f| f.path.ends_with("Y.cs")).unwrap();
    assert_eq!(y.settings.project, None);
    assert_eq!(y.settings.lang_version, LangVersion::NEWEST);
    // X.cs was named and also reached through the folder: listed once.
    assert_eq!(ws.files.iter().filter(|f| f.path.ends_with("X.cs")).count(), 1);
}

#[test]
fn solution_lists_projects_and_reports_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "S.slnx", r#"<Solution><Project Path="A/A.csproj" /><Project Path="Gone/Gone.csproj" /></Solution>"#);
    write(root, "A/A.csproj", r#"<Project Sdk="Microsoft.NET.Sdk" />"#);
    write(root, "A/A.cs", "class A {}");
    let ws = discover(&[root.join("S.slnx")]);
    assert_eq!(names(&ws, root), vec!["A/A.cs"]);
    assert_eq!(ws.problems.len(), 1);
    assert!(ws.problems[0].message.contains("does not exist"));
}

#[test]
fn the_example_solution_has_two_projects() {
    let sln = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/ShopSolution.sln");
    let ws = discover(&[sln]);
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    let projects: std::collections::BTreeSet<_> = ws.files.iter().filter_map(|f| f.settings.project.clone()).collect();
    assert_eq!(projects.len(), 2);
    assert!(ws.files.len() >= 12);
}
