//! Hostile inputs and boundaries, through the real binary: huge and deeply nested files, binary and non-UTF-8
//! files, symbolic links and loops, empty folders, broken solutions; and the limits asyncmod keeps: it never
//! runs project code or MSBuild, never writes outside the roots it was given, and writes nothing but sources.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_asyncmod");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn asyncmod(args: &[&str], dir: &Path) -> Run {
    let start = Instant::now();
    let out = Command::new(BIN).args(args).current_dir(dir).output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: start.elapsed(),
    }
}

const SITE: &str =
    "using System.Threading.Tasks;\n\nclass Site\n{\n    int Get(Task<int> t)\n    {\n        return t.Result;\n    }\n}\n";

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// One class of 256 KB by default; `ASYNCMOD_BIG_KB=10240` for 10 MB, 90,000 sites (about 15 s of CPU in a release
/// build, near-linear: no walk asks tree-sitter's `Node::parent`, whose cost grows with the members of the class,
/// and a diff rewritten everywhere is computed between anchor lines rather than in one Myers pass).
#[test]
fn a_large_generated_file() {
    let kb: usize = std::env::var("ASYNCMOD_BIG_KB").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("using System.Threading.Tasks;\n\nclass Big\n{\n");
    let mut i = 0;
    while text.len() < kb * 1024 {
        text.push_str(&format!(
            "    int M{i}(Task<int> t, int x)\n    {{\n        var y = x * {i} + (x - 1) / 3;\n        return y + t.Result;\n    }}\n\n"
        ));
        i += 1;
    }
    text.push_str("}\n");
    write(&dir.path().join("Big.cs"), &text);
    let run = asyncmod(&["diff", "-q", "."], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.matches("+        return y + await t;").count(), i, "every site rewritten");
    eprintln!("{kb} KB, {i} sites: {:?}", run.took);
}

/// 2,000 levels by default (no recursion is left that this would overflow); `ASYNCMOD_DEEP=10000` for the full
/// depth, about a second in a release build. The sites at the bottom are found and rewritten like any other.
#[test]
fn deeply_nested_expressions() {
    let dir = tempfile::tempdir().unwrap();
    let depth: usize = std::env::var("ASYNCMOD_DEEP").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let parens = format!("{}t.Result{}", "(".repeat(depth), ")".repeat(depth));
    let sums = format!("{}0", "1 + (".repeat(depth)) + &")".repeat(depth);
    let calls = format!("{}t.Result{}", "F(".repeat(depth), ")".repeat(depth));
    let lambdas = format!("{}t.Result", "() => ".repeat(depth));
    let text = format!(
        "using System.Threading.Tasks;\n\nclass Deep\n{{\n    int F(int x) => x;\n    int A(Task<int> t) {{ return {parens}; }}\n    int B() {{ return {sums}; }}\n    int C(Task<int> t) {{ return {calls}; }}\n    object D(Task<int> t) {{ return {lambdas}; }}\n    int E(Task<int> t) {{ return {}; }}\n}}\n",
        "t.Result + ".repeat(depth) + "0"
    );
    write(&dir.path().join("Deep.cs"), &text);
    let run = asyncmod(&["diff", "-q", "."], dir.path());
    assert!(matches!(run.code, Some(0 | 2)), "crashed: {:?}\n{}", run.code, run.stderr);
    assert!(!run.stderr.contains("panicked") && !run.stderr.contains("overflow"), "{}", run.stderr);
    let rewritten = |method: &str| {
        run.stdout
            .lines()
            .find(|l| l.starts_with('+') && l.contains(method))
            .unwrap_or_else(|| panic!("{method} not rewritten"))
    };
    let parens = rewritten("A(Task<int> t)");
    assert!(parens.contains(&format!("{}await t{}", "(".repeat(depth), ")".repeat(depth))), "the innermost site");
    let calls = rewritten("C(Task<int> t)");
    assert!(calls.contains(&format!("{}await t{}", "F(".repeat(depth), ")".repeat(depth))), "the innermost site");
    let sums = rewritten("E(Task<int> t)");
    assert_eq!(sums.matches("await t + ").count(), depth, "every site of the chain");
    eprintln!("{depth}-deep nesting: {:?}", run.took);
}

#[test]
fn a_binary_file_is_a_warning_and_untouched_and_a_cp1252_file_rewritten_in_cp1252() {
    let dir = tempfile::tempdir().unwrap();
    // NUL in bytes that are not UTF-8: binary. (Valid UTF-8 is text, NUL or not, as for the compiler.)
    write(&dir.path().join("Nul.cs"), [SITE.replace("Get", "Other").as_bytes(), b"\0\xff"].concat());
    let cp1252 = b"// Caf\xe9 \x93quoted\x94\nusing System.Threading.Tasks;\nclass W { int Get(Task<int> t) { return t.Result; } }\n";
    write(&dir.path().join("Latin.cs"), cp1252);
    write(&dir.path().join("Ok.cs"), SITE);
    let before = support::snapshot(dir.path());
    let run = asyncmod(&["apply", "."], dir.path());
    assert_eq!(run.code, Some(0), "a file that is not text is a warning: {}", run.stderr);
    assert!(
        run.stderr.contains("warning: Nul.cs: file contains NUL bytes and looks binary; only searched for names"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Latin.cs"), "{}", run.stderr);
    let after = support::snapshot(dir.path());
    assert_eq!(after[Path::new("Nul.cs")], before[Path::new("Nul.cs")]);
    let latin = b"// Caf\xe9 \x93quoted\x94\nusing System.Threading.Tasks;\nclass W { async Task<int> Get(Task<int> t) { return await t; } }\n";
    assert_eq!(after[Path::new("Latin.cs")], &latin[..], "rewritten, every other byte kept");
    assert_ne!(after[Path::new("Ok.cs")], before[Path::new("Ok.cs")], "the other file is still rewritten");
}

#[test]
fn a_method_named_in_a_binary_file_is_not_converted() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-16 without a byte order mark: NULs between the letters, and the compiler's guess may still read it.
    let utf16: Vec<u8> = "class Caller { void Run(Site s) { s.Get(null); } }".bytes().flat_map(|b| [b, 0]).collect();
    write(&dir.path().join("Caller.cs"), [&utf16[..], b"\xff\xfe\xff"].concat());
    write(&dir.path().join("Site.cs"), SITE);
    write(&dir.path().join("Other.cs"), SITE.replace("Site", "Elsewhere").replace("Get", "Fetch"));
    let run = asyncmod(&["check", "."], dir.path());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("warning: Caller.cs: file contains NUL bytes"), "{}", run.stderr);
    assert!(
        run.stdout.contains("Site.cs:7:16: sync-over-async ASYNC001: `.Result` blocks on a task [not fixed (ASYNC139)")
            && run.stdout.contains("its name appears at Caller.cs:1:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Other.cs:7:16: sync-over-async ASYNC001: `.Result` blocks on a task [fix"),
        "{}",
        run.stdout
    );
    let json = asyncmod(&["diff", "--json", "."], dir.path());
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["warnings"][0]["path"], "Caller.cs", "{report}");
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0), "{report}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("src/A.cs"), SITE);
    std::os::unix::fs::symlink("..", dir.path().join("src/up")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("self")).unwrap();
    let run = asyncmod(&["diff", "-q", "."], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.matches("diff --git").count(), 1, "the loop is not followed: {}", run.stdout);
    let named = asyncmod(&["diff", "self"], dir.path());
    assert_eq!(named.code, Some(2));
    assert!(named.stderr.contains("self: no such file or directory"), "{}", named.stderr);
}

#[test]
fn a_folder_without_csharp_and_a_solution_naming_a_missing_project() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/readme.md"), "# nothing here");
    // No C# yet is no error (a CI step over it passes), but it is said.
    let run = asyncmod(&["diff", "docs"], dir.path());
    assert_eq!(run.code, Some(0));
    assert!(run.stderr.contains("note: no C# files found in docs"), "{}", run.stderr);
    write(
        &dir.path().join("App.sln"),
        "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Gone\", \"Gone\\Gone.csproj\", \"{1}\"\nEndProject\n",
    );
    let run = asyncmod(&["diff", "App.sln"], dir.path());
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("Gone/Gone.csproj: project listed in App.sln does not exist"), "{}", run.stderr);
}

#[test]
fn project_code_and_msbuild_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let exec = format!(
        "<Target Name=\"Evil\" BeforeTargets=\"Build;Restore;CoreCompile\"><Exec Command=\"touch {}\" /></Target>",
        marker.display()
    );
    write(
        &dir.path().join("App/App.csproj"),
        format!("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>{exec}</Project>"),
    );
    write(&dir.path().join("Directory.Build.props"), format!("<Project>{exec}</Project>"));
    write(&dir.path().join("Directory.Build.targets"), format!("<Project>{exec}</Project>"));
    write(&dir.path().join("App/Program.cs"), format!("// touch {}\n{SITE}", marker.display()));
    let run = asyncmod(&["apply", "App/App.csproj"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!marker.exists(), "something ran a build step");
}

/// Only rewritten sources change; nothing is created or removed, not even a backup.
#[test]
fn nothing_but_sources_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("App/App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>");
    write(&dir.path().join("App/A.cs"), SITE);
    write(&dir.path().join("App/Clean.cs"), "class Clean { }\n");
    write(&dir.path().join("App/notes.txt"), "t.Result");
    let before = support::snapshot(dir.path());
    let run = asyncmod(&["apply", "App/App.csproj"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after = support::snapshot(dir.path());
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    let changed: Vec<&PathBuf> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(changed, [Path::new("App/A.cs")]);
}

/// A source reached through a symbolic link, a `<Compile Include>` or a solution entry outside the roots is read
/// (its facts count) but never written; what would need an edit there is reported instead.
#[cfg(unix)]
#[test]
fn never_writes_outside_the_roots() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    // Outside the root: a helper called from inside, a file with its own site, a project listed by the solution.
    write(
        &dir.path().join("shared/Helper.cs"),
        "using System.Threading.Tasks;\n\nclass Helper\n{\n    public static int Value(Task<int> t)\n    {\n        return t.Result;\n    }\n}\n",
    );
    write(&dir.path().join("shared/Linked.cs"), SITE.replace("Site", "Linked"));
    write(&dir.path().join("other/Other.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>");
    write(&dir.path().join("other/O.cs"), SITE.replace("Site", "O"));
    // Inside: a project including a shared file, a symlink to another one, and a caller of Helper.
    write(
        &root.join("App/App.csproj"),
        "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><Compile Include=\"../../shared/Helper.cs\" /></ItemGroup></Project>",
    );
    std::os::unix::fs::symlink(dir.path().join("shared/Linked.cs"), root.join("App/Linked.cs")).unwrap();
    write(
        &root.join("App/Caller.cs"),
        "using System.Threading.Tasks;\n\nclass Caller\n{\n    int Use(Task<int> t)\n    {\n        return Helper.Value(t);\n    }\n}\n",
    );
    write(&root.join("App/Own.cs"), SITE);
    write(
        &root.join("App.sln"),
        "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"App\\App.csproj\", \"{1}\"\nEndProject\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Other\", \"..\\other\\Other.csproj\", \"{2}\"\nEndProject\n",
    );
    let before = support::snapshot(dir.path());
    let run = asyncmod(&["apply", "root/App.sln"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after = support::snapshot(dir.path());
    let changed: Vec<&PathBuf> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(changed, [Path::new("root/App/Own.cs")], "{}", run.stderr);
    assert!(std::fs::symlink_metadata(root.join("App/Linked.cs")).unwrap().file_type().is_symlink());
    for outside in ["Helper.cs:7", "O.cs:7"] {
        let line = run.stderr.lines().find(|l| l.contains(outside)).unwrap_or_else(|| panic!("{}", run.stderr));
        assert!(line.contains("not touched: the file") || line.contains("cannot become async"), "{line}");
    }
    // A walk never follows the link; named explicitly, the linked file is read but not written.
    let run = asyncmod(&["apply", "root/App/Linked.cs"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("not touched: the file is a symbolic link"), "{}", run.stderr);
    assert_eq!(support::snapshot(dir.path()), after);
    // A folder given directly: the same rules.
    let run = asyncmod(&["apply", "root"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(support::snapshot(&dir.path().join("shared")), {
        let mut m = BTreeMap::new();
        for (k, v) in &before {
            if let Ok(rel) = k.strip_prefix("shared") {
                m.insert(rel.to_path_buf(), v.clone());
            }
        }
        m
    });
}
