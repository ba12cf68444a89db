//! Discovery: which files a run sees, and with which project settings.

use std::path::PathBuf;

use asyncmod::workspace::{discover, LangVersion, ProjectKind, Reached, SyncContext, TargetFramework};

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

#[test]
fn project_references_are_followed_transitively_and_read_only_outside_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let sdk = |refs: &str| format!(r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>{refs}</ItemGroup></Project>"#);
    // MSBuild writes references with backslashes; Core refers back to App (a cycle) and to a missing project.
    write(root, "App/App.csproj", &sdk(r#"<ProjectReference Include="..\Lib\Lib.csproj" />"#));
    write(root, "App/A.cs", "class A {}");
    write(root, "Lib/Lib.csproj", &sdk(r#"<ProjectReference Include="../Core/Core.csproj;../Tool/Tool.fsproj" />"#));
    write(root, "Lib/L.cs", "class L {}");
    write(root, "Tool/Tool.fsproj", "<Project />");
    write(
        root,
        "Core/Core.csproj",
        &sdk(r#"<ProjectReference Include="..\App\App.csproj" /><ProjectReference Include="..\Gone\Gone.csproj" />"#),
    );
    write(root, "Core/C.cs", "class C {}");
    let ws = discover(&[root.join("App/App.csproj")]);
    assert_eq!(names(&ws, root), vec!["App/A.cs", "Core/C.cs", "Lib/L.cs"]);
    let file = |n: &str| ws.files.iter().find(|f| f.path.ends_with(n)).unwrap();
    assert!(!file("A.cs").context_only && file("A.cs").read_only.is_none());
    for referenced in ["L.cs", "C.cs"] {
        assert!(file(referenced).context_only, "{referenced}");
        assert!(file(referenced).read_only.as_deref().is_some_and(|r| r.contains("project the inputs reference")));
    }
    assert_eq!(ws.problems.len(), 1, "{:?}", ws.problems);
    assert!(ws.problems[0].path.ends_with("Gone/Gone.csproj"), "{:?}", ws.problems);
    assert!(ws.problems[0].message.contains("<ProjectReference> of"), "{:?}", ws.problems);

    // Given as inputs too, the referenced projects are ordinary, writable files.
    let ws = discover(&[root.join("App/App.csproj"), root.join("Lib")]);
    assert!(!file_in(&ws, "L.cs").context_only && file_in(&ws, "L.cs").read_only.is_none());
    assert!(file_in(&ws, "C.cs").context_only);
    // A solution may list a project outside its folder: read-only, but an input, whatever the order.
    write(
        root,
        "Sln/S.slnx",
        r#"<Solution><Project Path="../App/App.csproj" /><Project Path="../Lib/Lib.csproj" /></Solution>"#,
    );
    let ws = discover(&[root.join("Sln/S.slnx")]);
    assert!(!file_in(&ws, "L.cs").context_only, "listed in the solution after App, which references it");
    assert!(file_in(&ws, "L.cs").read_only.as_deref().is_some_and(|r| r.contains("lies outside")));
    assert!(file_in(&ws, "C.cs").context_only, "reached only through Lib");
}

#[test]
fn generated_files_are_read_as_context_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "App/App.csproj", r#"<Project Sdk="Microsoft.NET.Sdk" />"#);
    for name in ["Form1.cs", "Form1.Designer.cs", "View.g.cs", "View.g.i.cs", "Api.generated.cs", "NotGenerated.cs"] {
        write(root, &format!("App/{name}"), "partial class Form1 {}");
    }
    for inputs in [vec![root.join("App/App.csproj")], vec![root.join("App")], vec![root.join("App/Form1.Designer.cs")]]
    {
        let ws = discover(&inputs);
        assert!(ws.problems.is_empty(), "{:?}", ws.problems);
        for file in &ws.files {
            let generated = !file.path.ends_with("Form1.cs") && !file.path.ends_with("NotGenerated.cs");
            assert_eq!(file.context_only, generated, "{}", file.display);
            let why = file.read_only.as_deref();
            assert_eq!(why == Some(asyncmod::workspace::GENERATED_CODE), generated, "{}: {why:?}", file.display);
        }
    }
    assert_eq!(discover(&[root.join("App")]).files.len(), 6, "every file is read");
}

fn file_in<'w>(ws: &'w asyncmod::workspace::Workspace, name: &str) -> &'w asyncmod::workspace::FileEntry {
    ws.files.iter().find(|f| f.path.ends_with(name)).unwrap()
}

fn sdk_project(sdk: &str, properties: &str, references: &[&str]) -> String {
    let references: String =
        references.iter().map(|r| format!(r#"<ProjectReference Include="{r}" />"#)).collect::<Vec<_>>().join("");
    format!(
        r#"<Project Sdk="{sdk}"><PropertyGroup>{properties}</PropertyGroup><ItemGroup>{references}</ItemGroup></Project>"#
    )
}

fn sln(projects: &[&str]) -> String {
    let mut text = String::from("Microsoft Visual Studio Solution File, Format Version 12.00\n");
    for (i, p) in projects.iter().enumerate() {
        let name = p.rsplit(['\\', '/']).next().unwrap().trim_end_matches(".csproj");
        text.push_str(&format!(
            "Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{name}\", \"{p}\", \"{{{i}}}\"\nEndProject\n"
        ));
    }
    text
}

#[test]
fn the_synchronization_context_flows_down_project_references() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "App/App.csproj",
        &sdk_project("Microsoft.NET.Sdk", "<UseWPF>true</UseWPF>", &["..\\LibA\\LibA.csproj"]),
    );
    write(root, "App/A.cs", "class A {}");
    write(root, "LibA/LibA.csproj", &sdk_project("Microsoft.NET.Sdk", "", &["..\\LibB\\LibB.csproj"]));
    write(root, "LibA/LA.cs", "class LA {}");
    write(root, "LibB/LibB.csproj", &sdk_project("Microsoft.NET.Sdk", "<PackageId>LibB</PackageId>", &[]));
    write(root, "LibB/LB.cs", "class LB {}");
    let ws = discover(&[root.join("App/App.csproj")]);
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    let listed: Vec<_> = ws
        .projects()
        .iter()
        .map(|p| (p.name.as_str(), p.reached, p.settings.kind, p.settings.published, p.settings.sync_context))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("App", Reached::Input, ProjectKind::Ui, false, SyncContext::SingleThreaded),
            ("LibA", Reached::Reference, ProjectKind::Library, false, SyncContext::SingleThreaded),
            ("LibB", Reached::Reference, ProjectKind::Library, true, SyncContext::SingleThreaded),
        ]
    );
    // Every file carries its project's model.
    let lib_b = &file_in(&ws, "LB.cs").settings;
    assert_eq!(lib_b.project_name(), Some("LibB"));
    assert_eq!(lib_b.sync_context_evidence, "referenced by LibA ← App: UI project (UseWPF in App.csproj)");
    assert_eq!(lib_b.published_evidence, "PackageId in LibB.csproj");
    assert!(std::sync::Arc::ptr_eq(lib_b, &ws.projects()[2].settings));
}

#[test]
fn a_project_given_alone_brings_in_the_solution_projects_that_call_it() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let ws = discover(&[examples.join("Shop.Core/Shop.Core.csproj")]);
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    let web_files: Vec<_> = ws.files.iter().filter(|f| f.path.to_string_lossy().contains("Shop.Web")).collect();
    assert!(web_files.len() >= 4, "{:?}", ws.files.iter().map(|f| &f.display).collect::<Vec<_>>());
    for file in &web_files {
        assert!(file.context_only, "{}", file.display);
        assert!(file.read_only.as_deref().is_some_and(|r| r.contains("calls into the inputs")), "{}", file.display);
    }
    let core_files: Vec<_> = ws.files.iter().filter(|f| f.path.to_string_lossy().contains("Shop.Core")).collect();
    assert!(core_files.iter().all(|f| !f.context_only && f.read_only.is_none()));
    assert_eq!(ws.notes.len(), 1, "{:?}", ws.notes);
    assert!(ws.notes[0].starts_with("read 1 project of "), "{}", ws.notes[0]);
    assert!(
        ws.notes[0].ends_with("ShopSolution.sln that references the inputs, as callers only: Shop.Web"),
        "{}",
        ws.notes[0]
    );

    let summary: Vec<_> = ws.projects().iter().map(|p| (p.name.as_str(), p.reached, p.settings.kind)).collect();
    assert_eq!(
        summary,
        vec![("Shop.Core", Reached::Input, ProjectKind::Library), ("Shop.Web", Reached::Consumer, ProjectKind::Web)]
    );
    let core = &core_files[0].settings;
    assert!(!core.published, "{}", core.published_evidence);
    assert_eq!(core.sync_context, SyncContext::None);
    assert_eq!(
        core.sync_context_evidence,
        "referenced by Shop.Web: web project (Sdk Microsoft.NET.Sdk.Web in Shop.Web.csproj)"
    );

    // The whole solution: Shop.Web is an input like Shop.Core, and nothing is noted.
    let ws = discover(&[examples.join("ShopSolution.sln")]);
    assert!(ws.notes.is_empty(), "{:?}", ws.notes);
    assert!(ws.files.iter().all(|f| !f.context_only));
}

#[test]
fn a_folder_inside_a_solution_brings_in_its_transitive_callers_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = &dir.path().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(
        root,
        "All.sln",
        &sln(&[
            "src\\Lib\\Lib.csproj",
            "src\\Mid\\Mid.csproj",
            "src\\App\\App.csproj",
            "src\\Other\\Other.csproj",
            "test\\Lib.Tests\\Lib.Tests.csproj",
        ]),
    );
    write(root, "src/Lib/Lib.csproj", &sdk_project("Microsoft.NET.Sdk", "", &[]));
    write(root, "src/Lib/Inner/L.cs", "class L {}");
    write(root, "src/Mid/Mid.csproj", &sdk_project("Microsoft.NET.Sdk", "", &["..\\Lib\\Lib.csproj"]));
    write(root, "src/Mid/M.cs", "class M {}");
    write(
        root,
        "src/App/App.csproj",
        &sdk_project("Microsoft.NET.Sdk", "<UseWPF>true</UseWPF>", &["..\\Mid\\Mid.csproj"]),
    );
    write(root, "src/App/A.cs", "class A {}");
    write(root, "src/Other/Other.csproj", &sdk_project("Microsoft.NET.Sdk", "", &[]));
    write(root, "src/Other/O.cs", "class O {}");
    let tests = r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit" /><ProjectReference Include="..\..\src\Lib\Lib.csproj" /></ItemGroup></Project>"#;
    write(root, "test/Lib.Tests/Lib.Tests.csproj", tests);
    write(root, "test/Lib.Tests/T.cs", "class T {}");

    // A folder below the project's own: the project is what its callers call.
    let ws = discover(&[root.join("src/Lib/Inner")]);
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    assert_eq!(names(&ws, root), vec!["src/App/A.cs", "src/Lib/Inner/L.cs", "src/Mid/M.cs", "test/Lib.Tests/T.cs"]);
    for name in ["A.cs", "M.cs", "T.cs"] {
        assert!(file_in(&ws, name).context_only, "{name}");
    }
    assert!(!file_in(&ws, "L.cs").context_only);
    assert_eq!(ws.notes.len(), 1, "{:?}", ws.notes);
    assert!(ws.notes[0].starts_with("read 3 projects of "), "{}", ws.notes[0]);
    assert!(
        ws.notes[0].ends_with("All.sln that reference the inputs, as callers only: App, Mid, Lib.Tests"),
        "{}",
        ws.notes[0]
    );
    let lib = &file_in(&ws, "L.cs").settings;
    assert_eq!(lib.kind, ProjectKind::Library);
    assert_eq!(lib.sync_context, SyncContext::SingleThreaded, "{}", lib.sync_context_evidence);
    assert_eq!(lib.sync_context_evidence, "referenced by Mid ← App: UI project (UseWPF in App.csproj)");
    assert_eq!(file_in(&ws, "T.cs").settings.kind, ProjectKind::Test);
    let listed: Vec<_> = ws.projects().iter().map(|p| (p.name.as_str(), p.reached)).collect();
    assert_eq!(
        listed,
        vec![
            ("App", Reached::Consumer),
            ("Lib", Reached::Input),
            ("Mid", Reached::Consumer),
            ("Lib.Tests", Reached::Consumer)
        ]
    );

    // A project in no solution of its repository: nothing to add, even if a solution above the repository lists it.
    write(root, "tools/Gen/Gen.csproj", &sdk_project("Microsoft.NET.Sdk", "<OutputType>Exe</OutputType>", &[]));
    write(root, "tools/Gen/G.cs", "class G {}");
    write(root, "tools/User/User.csproj", &sdk_project("Microsoft.NET.Sdk", "", &["..\\Gen\\Gen.csproj"]));
    write(root, "tools/User/U.cs", "class U {}");
    write(dir.path(), "Outer.sln", &sln(&["repo\\tools\\Gen\\Gen.csproj", "repo\\tools\\User\\User.csproj"]));
    let ws = discover(&[root.join("tools/Gen/Gen.csproj")]);
    assert_eq!(names(&ws, root), vec!["tools/Gen/G.cs"]);
    assert!(ws.notes.is_empty(), "{:?}", ws.notes);
    assert_eq!(ws.projects()[0].settings.kind, ProjectKind::Console);
    assert_eq!(ws.projects()[0].settings.sync_context, SyncContext::None);
}

#[test]
fn project_references_match_folders_whatever_their_case() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // gitextensions: `..\..\Plugins\GitUIPluginInterfaces\...` for a folder named `plugins`.
    write(
        root,
        "src/app/App/App.csproj",
        &sdk_project(
            "Microsoft.NET.Sdk",
            "<OutputType>WinExe</OutputType><UseWindowsForms>true</UseWindowsForms>",
            &[
                "..\\..\\Plugins\\GitUIPluginInterfaces\\GitUIPluginInterfaces.csproj",
                "..\\..\\Plugins\\Gone\\Gone.csproj",
            ],
        ),
    );
    write(root, "src/app/App/A.cs", "class A {}");
    write(
        root,
        "src/plugins/GitUIPluginInterfaces/gituiplugininterfaces.csproj",
        &sdk_project("Microsoft.NET.Sdk", "", &[]),
    );
    write(root, "src/plugins/GitUIPluginInterfaces/I.cs", "interface I {}");
    let ws = discover(&[root.join("src/app/App/App.csproj")]);
    assert_eq!(names(&ws, root), vec!["src/app/App/A.cs", "src/plugins/GitUIPluginInterfaces/I.cs"]);
    assert!(file_in(&ws, "I.cs").context_only);
    assert_eq!(file_in(&ws, "I.cs").settings.sync_context, SyncContext::SingleThreaded);
    // Only a reference that matches nothing, whatever the case, is a missing project.
    assert_eq!(ws.problems.len(), 1, "{:?}", ws.problems);
    assert!(ws.problems[0].path.ends_with("Plugins/Gone/Gone.csproj"), "{:?}", ws.problems);

    // Solutions written on Windows too.
    write(root, "src/S.slnx", r#"<Solution><Project Path="APP/app/app.CSPROJ" /></Solution>"#);
    let ws = discover(&[root.join("src/S.slnx")]);
    assert!(!file_in(&ws, "A.cs").context_only);
    assert!(ws.problems.iter().all(|p| !p.message.contains("does not exist")), "{:?}", ws.problems);
}

#[test]
fn loose_files_have_no_project_model() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Scripts/X.cs", "class X {}");
    let ws = discover(&[dir.path().join("Scripts")]);
    assert!(ws.projects().is_empty());
    assert!(ws.notes.is_empty());
    let x = &ws.files[0].settings;
    assert_eq!((x.kind, x.sync_context, x.published), (ProjectKind::Unknown, SyncContext::Unknown, false));
}

#[test]
fn unrelated_code_bases_split_into_parts_and_project_references_join_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for repo in ["A", "B", "C"] {
        std::fs::create_dir_all(root.join(repo).join(".git")).unwrap();
    }
    write(root, "A/Loose.cs", "class A {}");
    write(root, "B/Loose.cs", "class B {}");
    write(root, "B/Lib/Lib.csproj", r#"<Project Sdk="Microsoft.NET.Sdk" />"#);
    write(root, "B/Lib/L.cs", "class L {}");
    write(
        root,
        "C/App/App.csproj",
        r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="../../B/Lib/Lib.csproj" /></ItemGroup></Project>"#,
    );
    write(root, "C/App/P.cs", "class P {}");
    write(root, "C/Loose/Q.cs", "class Q {}");
    let ws = discover(&[root.join("A"), root.join("B"), root.join("C"), root.join("missing")]);
    let folders: Vec<PathBuf> =
        ws.codebases.iter().map(|c| c.strip_prefix(root.canonicalize().unwrap()).unwrap().into()).collect();
    assert_eq!(folders, vec![PathBuf::from("A"), PathBuf::from("B"), PathBuf::from("C")]);
    assert!(ws.notes.iter().any(|n| n.contains("3 separate code bases")), "{:?}", ws.notes);
    let parts = ws.independent_parts();
    // A stands alone; C's project references B's, which joins them.
    assert_eq!(parts.len(), 2);
    assert_eq!(names(&parts[0], root), vec!["A/Loose.cs"]);
    assert!(parts[0].files[0].codebase.is_none(), "a part of one code base is a run of one");
    assert_eq!(parts[0].codebases.len(), 1, "its folder names the part");
    assert_eq!(parts[0].problems.len(), 1, "what discovery found is reported once, by the first part");
    assert_eq!(names(&parts[1], root), vec!["B/Lib/L.cs", "B/Loose.cs", "C/App/P.cs", "C/Loose/Q.cs"]);
    assert!(parts[1].problems.is_empty() && parts[1].notes.is_empty());
    assert_eq!(parts[1].codebases.len(), 2, "B and C stay apart inside their part");
    let codebase = |name: &str| parts[1].files.iter().find(|f| f.path.ends_with(name)).unwrap().codebase;
    assert_eq!((codebase("B/Loose.cs"), codebase("C/Loose/Q.cs"), codebase("C/App/P.cs")), (Some(0), Some(1), Some(1)));
    assert_eq!(parts[1].projects().len(), 2);

    // Two folders of one repository are one code base, and one part.
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for repo in ["A", "B", "C"] {
        std::fs::remove_dir(root.join(repo).join(".git")).unwrap();
    }
    let ws = discover(&[root.join("A"), root.join("B")]);
    assert!(ws.codebases.is_empty() && ws.files.iter().all(|f| f.codebase.is_none()));
    assert_eq!(ws.independent_parts().len(), 1);
    // Even where each has a solution of its own: the repository decides.
    write(root, "A/A.sln", "");
    write(root, "B/B.sln", "");
    assert!(discover(&[root.join("A"), root.join("B")]).codebases.is_empty());
    // Without a repository, solutions mark code bases.
    std::fs::remove_dir(root.join(".git")).unwrap();
    assert_eq!(discover(&[root.join("A"), root.join("B")]).codebases.len(), 2);
}
