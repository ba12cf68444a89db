//! The command line as a user meets it: commands, exit codes, output
//! formats, and bad input that must be reported without stopping the run.

use std::path::Path;
use std::process::{Command, Output};

fn asyncmod(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asyncmod")).args(args).current_dir(cwd).env_remove("NO_COLOR").output().unwrap()
}

fn repo_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BLOCKING: &str = "using System.Threading.Tasks;\n\nclass Repo\n{\n    Task<int> FetchCountAsync() => Task.FromResult(1);\n\n    int Count()\n    {\n        return FetchCountAsync().Result;\n    }\n}\n";
const CLEAN: &str = "using System.Threading.Tasks;\n\nclass Repo\n{\n    async Task<int> CountAsync() => await Task.FromResult(1);\n}\n";

fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

#[test]
fn help_teaches_by_example_and_lists_exit_codes() {
    let o = asyncmod(&["--help"], Path::new("."));
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Examples:"));
    assert!(text.contains("asyncmod apply"));
    assert!(text.contains("Exit codes"));
}

#[test]
fn diff_is_the_default_and_git_applies_it() {
    let dir = dir_with(&[("src/Repo.cs", BLOCKING.as_bytes())]);
    let o = asyncmod(&["src"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let diff = stdout(&o);
    assert!(diff.starts_with("diff --git a/src/Repo.cs b/src/Repo.cs\n"), "{diff}");
    assert!(diff.contains("+        return await FetchCountAsync();"));
    assert!(stderr(&o).contains("1 would change"));
    // Nothing was written by a dry run.
    assert_eq!(std::fs::read_to_string(dir.path().join("src/Repo.cs")).unwrap(), BLOCKING);

    // `git apply` takes the diff, and the result equals `asyncmod apply`.
    let git = |args: &[&str]| Command::new("git").args(args).current_dir(dir.path()).output().unwrap();
    assert!(git(&["init", "-q"]).status.success());
    std::fs::write(dir.path().join("patch.diff"), &diff).unwrap();
    let applied = git(&["apply", "patch.diff"]);
    assert!(applied.status.success(), "git apply failed: {}", String::from_utf8_lossy(&applied.stderr));
    let by_git = std::fs::read_to_string(dir.path().join("src/Repo.cs")).unwrap();
    std::fs::write(dir.path().join("src/Repo.cs"), BLOCKING).unwrap();
    assert_eq!(asyncmod(&["apply", "src"], dir.path()).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("src/Repo.cs")).unwrap(), by_git);
}

#[test]
fn check_exits_1_on_findings_and_0_when_clean() {
    let dirty = dir_with(&[("Repo.cs", BLOCKING.as_bytes())]);
    let o = asyncmod(&["check", "."], dirty.path());
    assert_eq!(o.status.code(), Some(1));
    let line = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert!(line.starts_with("Repo.cs:9:16: sync-over-async ASYNC001: "), "{line}");

    let clean = dir_with(&[("Repo.cs", CLEAN.as_bytes())]);
    let o = asyncmod(&["check", "."], clean.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn json_sites_carry_stable_codes() {
    let locked = "using System.Threading.Tasks;\nclass C\n{\n    object g = new object();\n    Task<int> A() => Task.FromResult(1);\n    int B() { lock (g) { return A().Result; } }\n}\n";
    let dir = dir_with(&[("C.cs", locked.as_bytes())]);
    let o = asyncmod(&["diff", "--json", "C.cs"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let site = &v["sites"][0];
    assert_eq!(site["code"], "ASYNC001", "{site}");
    assert_eq!(site["reason_code"], "ASYNC121", "{site}");
    assert_eq!(site["reason"], "cannot await inside a lock statement");
}

#[test]
fn check_fails_on_reported_sites_even_without_changes() {
    let locked = "using System.Threading.Tasks;\nclass C\n{\n    object g = new object();\n    Task<int> A() => Task.FromResult(1);\n    int B() { lock (g) { return A().Result; } }\n}\n";
    let dir = dir_with(&[("C.cs", locked.as_bytes())]);
    let o = asyncmod(&["check", "C.cs"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("[not fixed (ASYNC121): cannot await inside a lock statement]"), "{}", stdout(&o));
}

#[test]
fn bad_files_are_reported_by_name_and_the_run_goes_on() {
    let dir = dir_with(&[
        ("good/Repo.cs", BLOCKING.as_bytes()),
        ("good/Latin1.cs", b"class Caf\xe9 { }\n"),
        ("bad/Binary.cs", b"class A {}\0\0\x01\xff"),
        ("bad/Utf16.cs", b"\xFF\xFEc\x00\x00\xDC"),
    ]);
    let o = asyncmod(&["diff", "good", "bad", "missing-folder"], dir.path());
    assert_eq!(o.status.code(), Some(2), "errors make the exit code 2");
    let err = stderr(&o);
    assert!(!err.contains("Latin1.cs"), "a Windows-1252 file is read like any other: {err}");
    assert!(err.contains("bad/Binary.cs: file contains NUL bytes"), "{err}");
    assert!(err.contains("bad/Utf16.cs: file starts with a UTF-16 LE byte order mark but is not valid"), "{err}");
    assert!(err.contains("missing-folder: no such file or directory"), "{err}");
    // The good file was still processed.
    assert!(stdout(&o).contains("+++ b/good/Repo.cs"));
}

#[test]
fn malformed_solution_and_project_files_are_reported() {
    let dir = dir_with(&[
        ("Broken.sln", b"this is not a solution"),
        ("p/Broken.csproj", b"<Project><PropertyGroup>"),
        ("Missing.sln", b"Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"X\", \"x\\X.csproj\", \"{1}\"\nEndProject\n"),
    ]);
    let o = asyncmod(&["check", "Broken.sln", "p/Broken.csproj", "Missing.sln"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("Broken.sln: malformed solution file"), "{err}");
    assert!(err.contains("p/Broken.csproj: malformed project file"), "{err}");
    assert!(err.contains("x/X.csproj: project listed in Missing.sln does not exist"), "{err}");
}

#[cfg(unix)]
#[test]
fn apply_reports_read_only_files_and_writes_the_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[("A.cs", BLOCKING.as_bytes()), ("B.cs", BLOCKING.replace("Repo", "Repo2").as_bytes())]);
    let b = dir.path().join("B.cs");
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = asyncmod(&["apply", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("B.cs:9:16: sync-over-async: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("[not fixed: not touched: the file is read-only on disk"), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("A.cs")).unwrap().contains("await FetchCountAsync()"));
    assert!(!std::fs::read_to_string(&b).unwrap().contains("await"));
}

/// A chain that would reach into a read-only file is reported whole, so that what is written compiles together.
#[cfg(unix)]
#[test]
fn a_read_only_file_holding_a_caller_stops_the_chain_into_it() {
    use std::os::unix::fs::PermissionsExt;
    let other = BLOCKING.replace("Repo", "Other");
    let dir =
        dir_with(&[("Repo.cs", BLOCKING.as_bytes()), ("Shop.cs", SHOP.as_bytes()), ("Other.cs", other.as_bytes())]);
    std::fs::set_permissions(dir.path().join("Shop.cs"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = asyncmod(&["apply", "."], dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("Repo.cs:9:16: sync-over-async: "), "{err}");
    assert!(err.contains("its caller at Shop.cs:6:16 is in a file that is read-only on disk"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("Repo.cs")).unwrap(), BLOCKING);
    assert_eq!(std::fs::read_to_string(dir.path().join("Shop.cs")).unwrap(), SHOP);
    assert!(std::fs::read_to_string(dir.path().join("Other.cs")).unwrap().contains("await FetchCountAsync()"));
}

/// Calls `Repo.Count`, from another file: rewriting `Count` changes this file too.
const SHOP: &str =
    "// Café: the caller\nclass Shop\n{\n    int Total(Repo repo)\n    {\n        return repo.Count() + 1;\n    }\n}\n";

/// Each file is read and written back in its own encoding: a caller in a Windows-1252 file (the compiler's
/// fallback for a file that is not UTF-8) or in UTF-16 is seen, and rewritten without losing a byte.
#[test]
fn a_caller_in_a_windows_1252_or_utf16_file_is_rewritten_in_its_encoding() {
    let latin = SHOP.replace('é', "\u{1}").into_bytes();
    let latin: Vec<u8> = latin.into_iter().map(|b| if b == 1 { 0xE9 } else { b }).collect();
    let utf16: Vec<u8> = b"\xFF\xFE".iter().copied().chain(SHOP.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    for (name, shop) in [("Windows-1252", latin), ("UTF-16 LE", utf16)] {
        let dir = dir_with(&[("Repo.cs", BLOCKING.as_bytes()), ("Shop.cs", &shop)]);
        let o = asyncmod(&["apply", "."], dir.path());
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("2 changed"), "{name}: {}", stderr(&o));
        let repo = std::fs::read_to_string(dir.path().join("Repo.cs")).unwrap();
        assert!(repo.contains("async Task<int> Count()"), "{name}: {repo}");
        let bytes = std::fs::read(dir.path().join("Shop.cs")).unwrap();
        let text = if name == "Windows-1252" {
            assert!(bytes.starts_with(b"// Caf\xe9: the caller\n"), "{name}: {bytes:?}");
            assert!(std::str::from_utf8(&bytes).is_err(), "{name}: still not UTF-8");
            bytes.iter().map(|&b| char::from(b)).collect::<String>()
        } else {
            assert!(bytes.starts_with(b"\xFF\xFE/\x00/\x00 \x00C\x00a\x00f\x00\xe9\x00"), "{name}: {bytes:?}");
            let units: Vec<u16> = bytes[2..].chunks(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
            String::from_utf16(&units).unwrap()
        };
        assert!(text.contains("async Task<int> Total(Repo repo)"), "{name}: {text}");
        assert!(text.contains("return await repo.Count() + 1;"), "{name}: {text}");
        assert!(text.contains("using System.Threading.Tasks;"), "{name}: {text}");
        let again = asyncmod(&["check", "."], dir.path());
        assert_eq!(again.status.code(), Some(0), "{name}: {}", stdout(&again));
    }
}

/// `git diff` prints a Windows-1252 file's lines in its own bytes; so does asyncmod, and `git apply` takes them.
#[test]
fn the_diff_of_a_windows_1252_file_is_in_its_bytes_and_git_applies_it() {
    let shop = b"// Caf\xe9 \x93caller\x94\nusing System.Threading.Tasks;\n\nclass Shop\n{\n    // na\xefve\n    int Total(Repo repo)\n    {\n        return repo.Count() + 1;\n    }\n}\n";
    let dir = dir_with(&[("Repo.cs", BLOCKING.as_bytes()), ("Shop.cs", shop)]);
    let o = asyncmod(&["diff", "--color", "never", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let diff = o.stdout;
    let has = |needle: &[u8]| diff.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"\n     // na\xefve\n-    int Total(Repo repo)\n"), "{}", String::from_utf8_lossy(&diff));
    assert!(!has("naïve".as_bytes()));
    let git = |args: &[&str]| Command::new("git").args(args).current_dir(dir.path()).output().unwrap();
    assert!(git(&["init", "-q"]).status.success());
    std::fs::write(dir.path().join("patch.diff"), &diff).unwrap();
    let applied = git(&["apply", "patch.diff"]);
    assert!(applied.status.success(), "git apply failed: {}", String::from_utf8_lossy(&applied.stderr));
    let by_git = std::fs::read(dir.path().join("Shop.cs")).unwrap();
    assert!(by_git.starts_with(b"// Caf\xe9 \x93caller\x94\n"));
    std::fs::write(dir.path().join("Shop.cs"), shop).unwrap();
    std::fs::write(dir.path().join("Repo.cs"), BLOCKING).unwrap();
    assert_eq!(asyncmod(&["apply", "-q", "."], dir.path()).status.code(), Some(0));
    assert_eq!(std::fs::read(dir.path().join("Shop.cs")).unwrap(), by_git);
}

#[test]
fn apply_keeps_bom_and_crlf_and_a_second_run_changes_nothing() {
    let crlf = format!("\u{feff}{}", BLOCKING.replace('\n', "\r\n"));
    let dir = dir_with(&[("A.cs", crlf.as_bytes())]);
    assert_eq!(asyncmod(&["apply", "-q", "."], dir.path()).status.code(), Some(0));
    let bytes = std::fs::read(dir.path().join("A.cs")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("return await FetchCountAsync();\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "every line still ends in CRLF");
    let again = asyncmod(&["check", "."], dir.path());
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

#[test]
fn json_report_lists_every_site() {
    let dir = dir_with(&[("Repo.cs", BLOCKING.as_bytes())]);
    let o = asyncmod(&["diff", "--json", "."], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON on stdout");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["files_changed"], 1);
    let site = &v["sites"][0];
    assert_eq!(site["path"], "Repo.cs");
    assert_eq!(site["line"], 9);
    assert_eq!(site["transform"], "sync-over-async");
    assert_eq!(site["outcome"], "rewritten");
    assert!(site["range"]["start"].as_u64().unwrap() > 0);
}

#[test]
fn color_follows_the_flag() {
    let dir = dir_with(&[("Repo.cs", BLOCKING.as_bytes())]);
    assert!(stdout(&asyncmod(&["--color", "always", "."], dir.path())).contains("\x1b[32m+"));
    assert!(!stdout(&asyncmod(&["--color", "never", "."], dir.path())).contains('\x1b'));
    // Piped output (not a terminal) is plain under `auto`.
    assert!(!stdout(&asyncmod(&["."], dir.path())).contains('\x1b'));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let one = asyncmod(&["diff", "-j1", "examples/ShopSolution.sln"], root);
    let many = asyncmod(&["diff", "-j8", "examples/ShopSolution.sln"], root);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn only_skip_list_and_explain() {
    let dir = dir_with(&[("Repo.cs", BLOCKING.as_bytes())]);
    let skipped = asyncmod(&["check", "--skip", "sync-over-async", "."], dir.path());
    assert_eq!(skipped.status.code(), Some(0));
    let unknown = asyncmod(&["check", "--only", "no-such-thing", "."], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown transform 'no-such-thing'"));

    let list = stdout(&asyncmod(&["list"], dir.path()));
    assert!(list.contains("sync-over-async") && list.contains("async-void"));
    let explain = asyncmod(&["explain", "async-void"], dir.path());
    assert!(stdout(&explain).contains("## Left alone"));
    assert_eq!(asyncmod(&["explain", "nope"], dir.path()).status.code(), Some(2));
    let all: serde_json::Value =
        serde_json::from_slice(&asyncmod(&["explain", "--all", "--json"], dir.path()).stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), asyncmod::transforms::REGISTRY.len());
}

#[test]
fn generated_code_is_never_rewritten_nor_reported_and_build_output_is_skipped() {
    let dir = dir_with(&[
        ("Form1.Designer.cs", BLOCKING.as_bytes()),
        ("obj/Debug/X.cs", BLOCKING.as_bytes()),
        ("bin/Y.cs", BLOCKING.as_bytes()),
        ("Gen.cs", format!("// <auto-generated>\n{BLOCKING}").as_bytes()),
        ("Real.cs", CLEAN.as_bytes()),
    ]);
    let o = asyncmod(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn define_and_undefine_choose_the_preprocessor_branch_that_is_rewritten() {
    let csproj = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n";
    let code = "using System.Threading.Tasks;\n\nclass Repo\n{\n    Task<int> FetchCountAsync() => Task.FromResult(1);\n\n#if DEBUG\n    int Count() { return FetchCountAsync().Result; }\n#elif CLOUD\n    int Count() { return FetchCountAsync().GetAwaiter().GetResult(); }\n#else\n    int Count() => 0;\n#endif\n}\n";
    let dir = dir_with(&[("App/App.csproj", csproj.as_bytes()), ("App/Repo.cs", code.as_bytes())]);
    let diff = |args: &[&str]| {
        let o = asyncmod(&[&["diff", "-q"], args, &["App"]].concat(), dir.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    // Debug by default: the DEBUG branch is the code.
    assert!(diff(&[]).contains("+    async Task<int> Count() { return await FetchCountAsync(); }"), "{}", diff(&[]));
    // A Release view: the #else branch has nothing to rewrite.
    assert_eq!(diff(&["--undefine", "DEBUG"]), "");
    // Another configuration's symbol: its branch is rewritten, the others stay as written.
    let cloud = diff(&["--undefine", "DEBUG", "--define", "CLOUD"]);
    assert!(cloud.contains("+    async Task<int> Count() { return await FetchCountAsync(); }"), "{cloud}");
    assert!(cloud.contains("-    int Count() { return FetchCountAsync().GetAwaiter().GetResult(); }"), "{cloud}");
    assert!(!cloud.contains("-    int Count() { return FetchCountAsync().Result; }"), "{cloud}");
}

#[test]
fn a_referenced_project_resolves_calls_but_is_neither_reported_nor_written() {
    let lib = "using System.Threading;\nusing System.Threading.Tasks;\n\npublic class Store\n{\n    public Task SaveAsync(string item, CancellationToken cancellationToken = default) => Task.CompletedTask;\n\n    public void Flush() => SaveAsync(\"x\").Wait();\n}\n";
    let app = "using System.Threading;\nusing System.Threading.Tasks;\n\npublic class Handler\n{\n    private readonly Store _store = new Store();\n\n    public async Task HandleAsync(CancellationToken ct)\n    {\n        await _store.SaveAsync(\"item\");\n    }\n}\n";
    let dir = dir_with(&[
        ("App/App.csproj", br#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /></ItemGroup></Project>"#),
        ("App/Handler.cs", app.as_bytes()),
        ("Lib/Lib.csproj", br#"<Project Sdk="Microsoft.NET.Sdk" />"#),
        ("Lib/Store.cs", lib.as_bytes()),
    ]);
    let o = asyncmod(&["diff", "--preview", "--json", "App/App.csproj"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Store's declaration, read from the referenced project, says SaveAsync takes the token.
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    assert_eq!(changes[0]["path"], "App/Handler.cs");
    assert!(
        changes[0]["diff"].as_str().unwrap().contains("+        await _store.SaveAsync(\"item\", ct);"),
        "{report:#}"
    );
    // Lib's own blocking wait is not this run's to report.
    let sites = report["sites"].as_array().unwrap();
    assert!(sites.iter().all(|s| s["path"].as_str().unwrap().starts_with("App/")), "{report:#}");
    // Parsing every file up front finds the same.
    let eager = asyncmod(&["diff", "--preview", "--json", "--parse-all", "App/App.csproj"], dir.path());
    let eager: serde_json::Value = serde_json::from_str(&stdout(&eager)).unwrap();
    assert_eq!((&eager["sites"], &eager["changes"]), (&report["sites"], &report["changes"]));
}

#[test]
fn a_caller_that_must_keep_blocking_stops_the_chain_unless_boundaries_are_allowed() {
    let src = "using System.Threading.Tasks;\n\nclass Store\n{\n    readonly int _count;\n\n    Store() { _count = Count(); }\n\n    Task<int> FetchCountAsync() => Task.FromResult(1);\n\n    int Count()\n    {\n        return FetchCountAsync().Result;\n    }\n\n    async Task<int> RefreshAsync()\n    {\n        await Task.Yield();\n        return Count();\n    }\n}\n";
    let dir = dir_with(&[("Store.cs", src.as_bytes())]);

    let refused = asyncmod(&["check", "Store.cs"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    let report = stdout(&refused);
    assert!(
        report.contains("[not fixed (ASYNC147): the enclosing code cannot become async: its caller at Store.cs:7:"),
        "{report}"
    );
    assert!(report.contains("--allow-boundaries"), "{report}");
    assert!(stdout(&asyncmod(&["diff", "Store.cs"], dir.path())).is_empty());

    let allowed = stdout(&asyncmod(&["diff", "--allow-boundaries", "--color", "never", "Store.cs"], dir.path()));
    // The file names its task-returning methods with the Async suffix: the converted method follows it.
    assert!(allowed.contains("+    Store() { _count = CountAsync().GetAwaiter().GetResult(); }"), "{allowed}");
    assert!(allowed.contains("+    async Task<int> CountAsync()"), "{allowed}");
}

const FANOUT: &str = "using System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\n\nclass Sync\n{\n    async Task Run(IEnumerable<string> urls)\n    {\n        await Task.WhenAll(urls.Select(u => Fetch(u)));\n    }\n\n    Task Fetch(string u) => Task.CompletedTask;\n}\n";

#[test]
fn preview_transforms_run_only_when_asked_for() {
    let dir = dir_with(&[("Sync.cs", FANOUT.as_bytes())]);
    let plain = asyncmod(&["check", "Sync.cs"], dir.path());
    assert_eq!(plain.status.code(), Some(0), "{}", stdout(&plain));
    let preview = stdout(&asyncmod(&["check", "--preview", "Sync.cs"], dir.path()));
    assert!(preview.contains("bounded-fanout ASYNC020"), "{preview}");
    let named = stdout(&asyncmod(&["check", "--only", "bounded-fanout", "Sync.cs"], dir.path()));
    assert_eq!(named, preview);
    let both = asyncmod(&["check", "--only", "bounded-fanout", "--skip", "bounded-fanout", "Sync.cs"], dir.path());
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--only and --skip both name bounded-fanout"), "{}", stderr(&both));
}

#[test]
fn unsafe_fixes_are_made_only_with_unsafe_fixes_and_say_so() {
    let dir = dir_with(&[("Sync.cs", FANOUT.as_bytes())]);
    let safe_only = stdout(&asyncmod(&["check", "--only", "bounded-fanout", "Sync.cs"], dir.path()));
    assert!(safe_only.contains("[not fixed (ASYNC253): an unsafe fix: bounding a fan-out"), "{safe_only}");
    assert!(stdout(&asyncmod(&["diff", "--only", "bounded-fanout", "Sync.cs"], dir.path())).is_empty());
    let with = stdout(&asyncmod(&["check", "--only", "bounded-fanout", "--unsafe-fixes", "Sync.cs"], dir.path()));
    assert!(with.contains("[fix (unsafe): at most 10 at a time"), "{with}");
    let json = asyncmod(&["diff", "--json", "--only", "bounded-fanout", "--unsafe-fixes", "Sync.cs"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["sites"][0]["safety"], "unsafe", "{v}");
}

#[test]
fn a_published_librarys_public_api_is_kept_unless_allowed() {
    let csproj = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n    <PackageId>Contoso.Store</PackageId>\n  </PropertyGroup>\n</Project>\n";
    let code = "using System.Threading.Tasks;\n\npublic class Store\n{\n    static Task<int> FetchCountAsync() => Task.FromResult(1);\n\n    public int Count()\n    {\n        return FetchCountAsync().Result;\n    }\n\n    public async Task<int> TotalAsync()\n    {\n        await Task.Yield();\n        return Count();\n    }\n}\n";
    let dir = dir_with(&[("Lib/Lib.csproj", csproj.as_bytes()), ("Lib/Store.cs", code.as_bytes())]);
    let kept = stdout(&asyncmod(&["check", "Lib"], dir.path()));
    assert!(kept.contains("(ASYNC250)") && kept.contains("Store.Count is public API of Lib"), "{kept}");
    let changed = stdout(&asyncmod(&["check", "--public-api", "change", "Lib"], dir.path()));
    assert!(changed.contains("`.Result` blocks on a task [fix (unsafe): awaited]"), "{changed}");
}

#[test]
fn a_project_given_alone_says_which_solution_callers_it_read() {
    let o = asyncmod(&["check", "examples/Shop.Core/Shop.Core.csproj"], &repo_root());
    assert!(
        stderr(&o).contains(
            "note: read 1 project of examples/ShopSolution.sln that references the inputs, as callers only: Shop.Web"
        ),
        "{}",
        stderr(&o)
    );
    // OrderRepository.CountPending would become Task<int>, but Shop.Web's Dashboard assigns it to an int.
    let out = stdout(&o);
    assert!(
        out.contains("OrderRepository.cs:52:34: sync-over-async ASYNC004")
            && out.contains("Shop.Web/Dashboard.cs:92:24"),
        "{out}"
    );
    assert!(!stdout(&asyncmod(&["diff", "examples/Shop.Core/Shop.Core.csproj"], &repo_root())).contains("CountPending"));
}

/// `--stats` (hidden, for the benchmark) tells each round, whether it switched to parsing every remaining file,
/// the phases and, where the system reports it, the peak memory after each step; `--lazy-rounds-only` keeps the
/// rounds to the files that answer, with the same diff.
#[test]
fn stats_tell_rounds_switch_phases_and_memory() {
    let root = repo_root();
    let switching = asyncmod(&["diff", "--stats", "examples/ShopSolution.sln"], &root);
    let lazy = asyncmod(&["diff", "--stats", "--lazy-rounds-only", "examples/ShopSolution.sln"], &root);
    let (s, l) = (stderr(&switching), stderr(&lazy));
    for text in [&s, &l] {
        assert!(text.contains("stats: round 0 (prefilter): parsed"), "{text}");
        assert!(text.contains("stats: round 1 ("), "the example asks about files it did not parse first: {text}");
        assert!(text.contains("stats:   of which planning: "), "{text}");
        // The files round 1 parses hold no site: their text is put aside.
        let aside =
            text.contains("stats: texts put aside after parsing: ") && !text.contains("aside after parsing: 0 files");
        assert!(aside, "{text}");
        if cfg!(target_os = "linux") {
            assert!(text.contains("stats: peak resident memory after rendering: "), "{text}");
        }
    }
    assert!(s.contains("every remaining file"), "{s}");
    assert!(!l.contains("every remaining file"), "{l}");
    assert_eq!(stdout(&switching), stdout(&lazy));

    // The caller of `Cache.Load` is a file the prefilter leaves out. Where what it keeps is a small share of the
    // bytes, a plan over it asks who calls `Load`; the answer reaches half the bytes, so the round parses every
    // remaining file. Where it keeps half the bytes already, the rest is parsed before any plan: that plan's
    // questions could only lead there.
    let padding = format!("// {}\n", "x".repeat(200)).repeat(20);
    let cache = CACHE_THAT_BLOCKS.replace("public class UserA", "public class Unused");
    let user = "public class User\n{\n    public int Get()\n    {\n        return Cache.Load();\n    }\n}\n";
    let unrelated = "public class Unrelated\n{\n}\n";
    let small_first = [
        ("Cache.cs", cache.clone()),
        ("User.cs", format!("{user}{padding}")),
        ("Unrelated.cs", format!("{unrelated}{padding}")[..2000].to_string()),
    ];
    // `Note.cs` names a blocking wait in a comment: the prefilter's round parses it and finds no site.
    let note = "// Never call .Result here.\npublic class Note\n{\n}\n";
    let large_first =
        [("Cache.cs", format!("{cache}{padding}")), ("User.cs", user.to_string()), ("Note.cs", note.to_string())];
    for (files, first_round) in [
        (&small_first[..], " questions, then every remaining file): parsed 2 files"),
        (
            &large_first[..],
            "stats: round 1 (every remaining file, before any plan: the first round parsed half the bytes)",
        ),
    ] {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
        let dir = dir_with(&files);
        let switching = asyncmod(&["diff", "--stats", "."], dir.path());
        let lazy = asyncmod(&["diff", "--stats", "--lazy-rounds-only", "."], dir.path());
        let (s, l) = (stderr(&switching), stderr(&lazy));
        assert!(s.contains(first_round), "{s}");
        let planned_first = s.contains("planning with round 0's files");
        assert_eq!(planned_first, !first_round.contains("before any plan"), "{s}");
        let lazy_round = l.lines().find(|line| line.starts_with("stats: round 1 (")).unwrap_or_default();
        assert!(lazy_round.ends_with("questions): parsed 1 files, 0.0 MB; kept 1"), "{l}");
        let diff = stdout(&switching);
        assert!(diff.contains("User.cs") && diff.contains("return await Cache.Load();"), "{diff}");
        assert_eq!(diff, stdout(&lazy));
        if first_round.contains("before any plan") {
            // Every file is parsed once: the one without a site is kept from the first round, not parsed again.
            assert!(s.contains("stats: round 0 (prefilter): parsed 2 files, 0.0 MB; kept 2"), "{s}");
            assert!(s.contains("; parsed 3 files, "), "{s}");
            assert!(l.contains("stats: round 0 (prefilter): parsed 2 files, 0.0 MB; kept 1"), "{l}");
        }
    }
}

const CACHE_THAT_BLOCKS: &str = "using System.Threading.Tasks;\n\npublic static class Cache\n{\n    public static int Load()\n    {\n        return Fetch().Result;\n    }\n\n    static async Task<int> Fetch()\n    {\n        await Task.Yield();\n        return 1;\n    }\n}\n\npublic class UserA\n{\n    public int Get()\n    {\n        return Cache.Load();\n    }\n}\n";
const ANOTHER_CACHE: &str = "using System.Threading.Tasks;\n\npublic static class Cache\n{\n    public static int Load()\n    {\n        return Compute().Result;\n    }\n\n    static Task<int> Compute() => Task.FromResult(2);\n}\n\npublic class UserB\n{\n    public int Get()\n    {\n        return Cache.Load();\n    }\n}\n";

#[test]
fn loose_files_of_separate_code_bases_do_not_see_each_other() {
    // Two repositories given together: a `Cache.Load` in each, neither in a project. The compiler never reads
    // them together, so B's caller and B's own `Load` have nothing to do with A's chain.
    let dir = dir_with(&[("A/Cache.cs", CACHE_THAT_BLOCKS.as_bytes()), ("B/Other.cs", ANOTHER_CACHE.as_bytes())]);
    for repo in ["A", "B"] {
        std::fs::create_dir_all(dir.path().join(repo).join(".git")).unwrap();
    }
    let apart = asyncmod(&["diff", "A", "B"], dir.path());
    let diff = stdout(&apart);
    assert!(diff.contains("+    public static async Task<int> Load()"), "{diff}\n{}", stderr(&apart));
    assert!(diff.contains("+        return await Cache.Load();") && diff.contains("B/Other.cs"), "{diff}");
    assert!(stderr(&apart).contains("the inputs are 2 separate code bases (A, B), each planned"), "{}", stderr(&apart));
    // Together, each is planned as it is alone.
    let alone: Vec<u8> = ["A", "B"].iter().flat_map(|repo| asyncmod(&["diff", repo], dir.path()).stdout).collect();
    assert_eq!(apart.stdout, alone);
    let stats = stderr(&asyncmod(&["check", "--stats", "A", "B"], dir.path()));
    let parts: Vec<&str> = stats.lines().filter(|l| l.starts_with("stats: part ")).collect();
    assert!(parts.len() == 2 && parts[0].starts_with("stats: part 1 of 2: ") && parts[0].ends_with("A"), "{stats}");
    assert_eq!(stats.matches("round 0 (prefilter)").count(), 2, "rounds are numbered within their part: {stats}");

    // A folder in no repository or solution may be shared sources that anything links: it is kept apart from
    // nothing, and the second `Load` is an overload the calls could mean.
    std::fs::remove_dir(dir.path().join("B").join(".git")).unwrap();
    let unmarked = asyncmod(&["diff", "A", "B"], dir.path());
    assert!(unmarked.stdout.is_empty(), "{}", stdout(&unmarked));
    assert!(stderr(&unmarked).contains("an overload at B/Other.cs:5:5"), "{}", stderr(&unmarked));
    std::fs::create_dir_all(dir.path().join("C").join(".git")).unwrap();
    std::fs::write(dir.path().join("C").join("Empty.cs"), "class Empty { }\n").unwrap();
    let noted = stderr(&asyncmod(&["diff", "A", "B", "C"], dir.path()));
    assert!(noted.contains("2 separate code bases (A, C), planned together: B lies in no folder"), "{noted}");

    // Two folders of one repository are one code base.
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::remove_dir(dir.path().join("A").join(".git")).unwrap();
    let together = asyncmod(&["diff", "A", "B"], dir.path());
    assert!(together.stdout.is_empty(), "{}", stdout(&together));
    assert!(stderr(&together).contains("an overload at B/Other.cs:5:5"), "{}", stderr(&together));
    assert!(!stderr(&together).contains("separate code bases"), "{}", stderr(&together));
}
