//! What a team needs to put asyncmod in CI: suppressions, a config file, baselines, the CI formats, and the
//! small frictions a new user meets (issue 20). The interactive review has its own file (`interactive.rs`).

mod support;

use std::path::Path;
use std::process::{Command, Output};

fn asyncmod(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asyncmod")).args(args).current_dir(cwd).env_remove("NO_COLOR").output().unwrap()
}

fn asyncmod_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_asyncmod"));
    c.args(args).current_dir(cwd).env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn repo_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

/// The sites of a `--json` report as (line, code, outcome, reason code).
fn sites(v: &serde_json::Value) -> Vec<(u64, String, String, String)> {
    v["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["code"].as_str().unwrap().to_string(),
                s["outcome"].as_str().unwrap().to_string(),
                s["reason_code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const REPO: &str = "using System.Threading.Tasks;

class Repo
{
    Task<int> FetchAsync() => Task.FromResult(1);

    int Legacy()
    {
        // asyncmod-disable-next-line sync-over-async -- called from a constructor elsewhere
        return FetchAsync().Result;
    }

    int Count()
    {
        return FetchAsync().Result;
    }

    int Total()
    {
        return Count() + 1; // asyncmod-disable-line
    }

    int Other()
    {
        return FetchAsync().Result;
    }
}
";

#[test]
fn suppression_comments_suppress_sites_and_keep_chains_off_their_lines() {
    let dir = dir_with(&[("Repo.cs", REPO)]);
    let o = asyncmod(&["diff", "--json", "Repo.cs"], dir.path());
    let v = json(&o);
    let s = sites(&v);
    // Line 10: suppressed, not rewritten, and it says by what.
    assert!(s.contains(&(10, "ASYNC001".into(), "suppressed".into(), "ASYNC500".into())), "{s:?}");
    let legacy = v["sites"].as_array().unwrap().iter().find(|x| x["line"] == 10).unwrap();
    assert_eq!(legacy["suppression"], "`// asyncmod-disable-next-line` on line 9");
    // Line 15: Count's caller on line 20 is on a suppressed line: the chain is refused, and says why.
    assert!(s.contains(&(15, "ASYNC001".into(), "reported".into(), "ASYNC502".into())), "{s:?}");
    // Line 25 is rewritten as usual.
    assert!(s.contains(&(25, "ASYNC001".into(), "rewritten".into(), String::new())), "{s:?}");
    let diff = v["changes"][0]["diff"].as_str().unwrap();
    assert_eq!(diff.matches("+        return await FetchAsync();").count(), 1, "{diff}");
    assert!(!diff.contains("-        return Count() + 1;"), "{diff}");

    // check: a suppressed site is no finding; the refused chain is.
    let check = stdout(&asyncmod(&["check", "Repo.cs"], dir.path()));
    assert!(!check.contains("Repo.cs:10:"), "{check}");
    assert!(check.contains("Repo.cs:15:16: sync-over-async ASYNC001") && check.contains("(ASYNC502)"), "{check}");
}

#[test]
fn ranges_codes_and_reason_codes_select_what_is_suppressed() {
    let code = "using System.Threading.Tasks;
class C
{
    object g = new object();
    Task<int> A() => Task.FromResult(1);
    // asyncmod-disable ASYNC121
    int B() { lock (g) { return A().Result; } }
    int D() { lock (g) { return A().Result; } }
    // asyncmod-restore
    int E() { lock (g) { return A().Result; } }
    // asyncmod-disable-next-line async-void
    int F() { lock (g) { return A().Result; } }
}
";
    let dir = dir_with(&[("C.cs", code)]);
    let s = sites(&json(&asyncmod(&["diff", "--json", "C.cs"], dir.path())));
    let outcome = |line: u64| s.iter().find(|x| x.0 == line).map(|x| x.2.clone()).unwrap();
    assert_eq!(outcome(7), "suppressed", "a reason code matches: {s:?}");
    assert_eq!(outcome(8), "suppressed");
    assert_eq!(outcome(10), "reported", "after the restore");
    assert_eq!(outcome(12), "reported", "another transform's suppression does not apply");
}

#[test]
fn pragmas_attributes_and_editorconfig_suppress_the_analyzer_rules_asyncmod_stands_in_for() {
    let code = "using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
class C
{
    static Task<int> A() => Task.FromResult(1);
#pragma warning disable VSTHRD002 // the caller waits on purpose
    static int B() { return A().Result; }
#pragma warning restore VSTHRD002
    [SuppressMessage(\"Usage\", \"VSTHRD002:Avoid problematic synchronous waits\", Justification = \"startup\")]
    static int D() { return A().Result; }
    static int E() { return A().Result; }
    static int G() { return A().Result; }
}
";
    let global = "using System.Diagnostics.CodeAnalysis;\n[assembly: SuppressMessage(\"Usage\", \"CA1849\", Scope = \"member\", Target = \"~M:C.G\")]\n";
    let dir = dir_with(&[("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"), ("App/C.cs", code), ("App/GlobalSuppressions.cs", global)]);
    let v = json(&asyncmod(&["diff", "--json", "App"], dir.path()));
    let all = v["sites"].as_array().unwrap();
    let by_line = |line: u64| all.iter().find(|x| x["line"] == line).unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(by_line(7)["outcome"], "suppressed");
    assert_eq!(by_line(7)["suppression"], "`#pragma warning disable VSTHRD002` on line 6");
    assert_eq!(by_line(10)["outcome"], "suppressed");
    assert!(by_line(10)["suppression"].as_str().unwrap().contains("SuppressMessage"));
    assert_eq!(by_line(12)["outcome"], "suppressed", "assembly-level, by target");
    assert_ne!(by_line(11)["outcome"], "suppressed");

    // .editorconfig turns a rule off for the files its section matches.
    std::fs::write(
        dir.path().join(".editorconfig"),
        "root = true\n[*.cs]\ndotnet_diagnostic.VSTHRD002.severity = none\n",
    )
    .unwrap();
    let v = json(&asyncmod(&["diff", "--json", "App"], dir.path()));
    let e = v["sites"].as_array().unwrap().iter().find(|x| x["line"] == 11).unwrap().clone();
    assert_eq!(e["outcome"], "suppressed", "{e}");
    assert!(e["suppression"].as_str().unwrap().contains("dotnet_diagnostic.VSTHRD002.severity = none"), "{e}");
    assert_eq!(v["changes"].as_array().unwrap().len(), 0);
    // A section's glob decides which files a rule is off for.
    std::fs::write(
        dir.path().join(".editorconfig"),
        "root = true\n[Legacy/**.cs]\ndotnet_diagnostic.VSTHRD002.severity = none\n",
    )
    .unwrap();
    let v = json(&asyncmod(&["diff", "--json", "App"], dir.path()));
    let e = v["sites"].as_array().unwrap().iter().find(|x| x["line"] == 11).unwrap().clone();
    assert_eq!(e["outcome"], "rewritten", "{e}");
}

/// A `[SuppressMessage]` in a file without a site of its own: the file's text is put aside after parsing, and its
/// suppression must still keep the chain out of the method it is on.
#[test]
fn an_attribute_suppression_in_a_file_without_a_site_still_holds() {
    let service = "using System.Threading.Tasks;
public class Service
{
    public static Task<int> FetchAsync() => Task.FromResult(1);
    public static int Fetch() { return FetchAsync().Result; }
}
";
    let caller = "using System.Diagnostics.CodeAnalysis;
public class Caller
{
    [SuppressMessage(\"Usage\", \"VSTHRD002:Avoid problematic synchronous waits\", Justification = \"legacy\")]
    public int Run() { return Service.Fetch() + 1; }
}
";
    let project = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>";
    let dir = dir_with(&[("App/App.csproj", project), ("App/Service.cs", service), ("App/Caller.cs", caller)]);
    let v = json(&asyncmod(&["diff", "--json", "App"], dir.path()));
    let changed: Vec<&str> = v["changes"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert!(changed.iter().all(|p| !p.ends_with("Caller.cs")), "the suppressed method's file is left: {v:#}");
    assert!(changed.is_empty(), "with its only caller suppressed, the blocking wrapper stays: {v:#}");
}

/// CA1849, VSTHRD103, MA0042 and AsyncFixer02 flag a blocking call with an async alternative as well as a blocking
/// wait: they suppress async-alternative too.
#[test]
fn an_analyzer_rule_can_stand_for_two_transforms() {
    let code = "using System.IO;
using System.Threading.Tasks;
class Io
{
    public async Task<string> LoadAsync(string path)
    {
        await Task.Yield();
#pragma warning disable CA1849 // the file is tiny
        var head = File.ReadAllText(path);
#pragma warning restore CA1849
        return head + File.ReadAllText(path + \".2\");
    }
}
";
    let dir = dir_with(&[("Io.cs", code)]);
    let v = json(&asyncmod(&["diff", "--preview", "--json", "Io.cs"], dir.path()));
    let s = sites(&v);
    assert!(s.contains(&(9, "ASYNC060".into(), "suppressed".into(), "ASYNC500".into())), "{s:?}");
    assert!(s.contains(&(11, "ASYNC060".into(), "rewritten".into(), String::new())), "{s:?}");
}

/// `[severity]` sets the level of findings in the CI formats: by kind (fixable, reported) or by code.
#[test]
fn severity_levels_come_from_the_config_file() {
    let code = "using System.Threading.Tasks;
class C
{
    object g = new object();
    Task<int> A() => Task.FromResult(1);
    int B() { lock (g) { return A().Result; } }
    async Task<int> D() { await Task.Yield(); return A().Result; }
}
";
    let dir = dir_with(&[("C.cs", code)]);
    let gh = stdout(&asyncmod(&["check", "--format", "github", "C.cs"], dir.path()));
    assert!(gh.contains("::notice file=C.cs,line=6,") && gh.contains("::warning file=C.cs,line=7,"), "{gh}");
    std::fs::write(dir.path().join("asyncmod.toml"), "[severity]\nfixable = \"note\"\nASYNC121 = \"error\"\n").unwrap();
    let gh = stdout(&asyncmod(&["check", "--format", "github", "C.cs"], dir.path()));
    assert!(gh.contains("::error file=C.cs,line=6,") && gh.contains("::notice file=C.cs,line=7,"), "{gh}");
    let ms = stdout(&asyncmod(&["check", "--format", "msbuild", "C.cs"], dir.path()));
    assert!(ms.contains("C.cs(6,") && ms.contains("): error ASYNC001: "), "{ms}");
}

#[test]
fn unused_and_misspelt_suppressions_are_reported() {
    let code = "class C\n{\n    // asyncmod-disable-next-line sync-over-async\n    int A() => 1;\n}\n";
    let dir = dir_with(&[("C.cs", code)]);
    assert_eq!(asyncmod(&["check", "C.cs"], dir.path()).status.code(), Some(0));
    let o = asyncmod(&["check", "--report-unused-suppressions", "C.cs"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "C.cs:3:5: suppressions ASYNC540: `// asyncmod-disable-next-line` on line 3 suppresses nothing here"
        ),
        "{}",
        stdout(&o)
    );
    let typo =
        dir_with(&[("C.cs", "class C\n{\n    // asyncmod-disable-next-line sync-over-asnyc\n    int A() => 1;\n}\n")]);
    let o = asyncmod(&["check", "C.cs"], typo.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("C.cs: line 3: `sync-over-asnyc` in a suppression comment names no transform or code"),
        "{}",
        stderr(&o)
    );
}

const BLOCKING: &str = "using System.Threading.Tasks;\n\nclass Repo\n{\n    Task<int> FetchCountAsync() => Task.FromResult(1);\n\n    int Count()\n    {\n        return FetchCountAsync().Result;\n    }\n}\n";
const FANOUT: &str = "using System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\n\nclass Sync\n{\n    async Task Run(IEnumerable<string> urls)\n    {\n        await Task.WhenAll(urls.Select(u => Fetch(u)));\n    }\n\n    Task Fetch(string u) => Task.CompletedTask;\n}\n";

#[test]
fn the_nearest_config_wins_and_flags_win_over_it() {
    let dir = dir_with(&[
        ("asyncmod.toml", "root = true\npreview = true\nunsafe-fixes = true\nmax-concurrency = 4\n"),
        ("a/Sync.cs", FANOUT),
        ("b/asyncmod.toml", "unsafe-fixes = false\n"),
        ("b/Sync.cs", &FANOUT.replace("class Sync", "class Sync2")),
    ]);
    let o = asyncmod(&["diff", "--color", "never", "."], dir.path());
    let diff = stdout(&o);
    assert!(diff.contains("+++ b/a/Sync.cs") && diff.contains("new SemaphoreSlim(4)"), "{diff}{}", stderr(&o));
    assert!(!diff.contains("b/b/Sync.cs"), "b's file turns unsafe fixes off: {diff}");
    let flagged = stdout(&asyncmod(&["diff", "--unsafe-fixes", "--max-concurrency", "7", "."], dir.path()));
    assert!(flagged.contains("+++ b/b/Sync.cs") && flagged.contains("new SemaphoreSlim(7)"), "{flagged}");

    let config = stdout(&asyncmod(&["config", "."], dir.path()));
    assert!(
        config.contains("transforms run: sync-over-async, async-void, bounded-fanout, cancellation-token"),
        "{config}"
    );
    assert!(config.contains("unsafe-fixes: false") && config.contains("unsafe-fixes: true"), "{config}");
}

#[test]
fn overrides_by_project_and_disabled_transforms_and_codes() {
    let web = "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>";
    let lib = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>";
    let dir = dir_with(&[
        ("asyncmod.toml", "root = true\n\n[[overrides]]\nprojects = [\"Legacy\"]\ndisable = [\"sync-over-async\"]\n\n[[overrides]]\npaths = \"Web/*.csproj\"\ndisable = [\"ASYNC001\"]\n"),
        ("Legacy/Legacy.csproj", lib),
        ("Legacy/Repo.cs", BLOCKING),
        ("Web/Web.csproj", web),
        ("Web/Repo.cs", &BLOCKING.replace("class Repo", "class WebRepo")),
        ("Other/Other.csproj", lib),
        ("Other/Repo.cs", &BLOCKING.replace("class Repo", "class OtherRepo")),
    ]);
    let v = json(&asyncmod(&["diff", "--json", "Legacy", "Web", "Other"], dir.path()));
    let outcome = |path: &str| {
        v["sites"].as_array().unwrap().iter().find(|s| s["path"] == path).map(|s| s["outcome"].clone()).unwrap()
    };
    assert_eq!(outcome("Legacy/Repo.cs"), "suppressed", "{v:#}");
    assert_eq!(outcome("Web/Repo.cs"), "suppressed");
    assert_eq!(outcome("Other/Repo.cs"), "rewritten");
    let changed: Vec<&str> = v["changes"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(changed, ["Other/Repo.cs"]);
}

/// The settings of asyncmod.toml each change a run as their flag does: `allow-boundaries` per project through
/// `[[overrides]]` (a desktop project refused, a web project allowed), `rename-async`, `public-api`, `token-hops`
/// and `enable`.
#[test]
fn each_setting_of_the_config_file_takes_effect() {
    let store = "using System.Threading.Tasks;\n\nclass Store\n{\n    readonly int _count;\n\n    Store() { _count = Count(); }\n\n    Task<int> FetchCountAsync() => Task.FromResult(1);\n\n    int Count()\n    {\n        return FetchCountAsync().Result;\n    }\n\n    async Task<int> RefreshAsync()\n    {\n        await Task.Yield();\n        return Count();\n    }\n}\n";
    let project = |sdk: &str| {
        format!(
            "<Project Sdk=\"{sdk}\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"
        )
    };
    let dir = dir_with(&[
        ("asyncmod.toml", "root = true\nallow-boundaries = true\n\n[[overrides]]\nprojects = [\"Desktop\"]\nallow-boundaries = false\n"),
        ("Desktop/Desktop.csproj", &project("Microsoft.NET.Sdk")),
        ("Desktop/Store.cs", &store.replace("Store", "DesktopStore")),
        ("Web/Web.csproj", &project("Microsoft.NET.Sdk.Web")),
        ("Web/Store.cs", store),
    ]);
    let diff = stdout(&asyncmod(&["diff", "--color", "never", "Desktop", "Web"], dir.path()));
    assert!(diff.contains("+    Store() { _count = CountAsync().GetAwaiter().GetResult(); }"), "{diff}");
    assert!(!diff.contains("Desktop/Store.cs"), "{diff}");
    let config = stdout(&asyncmod(&["config", "Desktop", "Web"], dir.path()));
    assert!(config.contains("allow-boundaries: false") && config.contains("allow-boundaries: true"), "{config}");

    // rename-async: the converted method takes the suffix even where the file does not use it.
    let plain = BLOCKING.replace("FetchCountAsync", "FetchCount");
    let dir = dir_with(&[("asyncmod.toml", "rename-async = true\n"), ("Repo.cs", &plain)]);
    let diff = stdout(&asyncmod(&["diff", "--color", "never", "."], dir.path()));
    assert!(diff.contains("+    async Task<int> CountAsync()"), "{diff}");
    let dir = dir_with(&[("Repo.cs", &plain)]);
    assert!(stdout(&asyncmod(&["diff", "."], dir.path())).contains("+    async Task<int> Count()"));

    // public-api: a published library's public method may change.
    let csproj = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework><PackageId>Contoso.Store</PackageId></PropertyGroup></Project>";
    let code = "using System.Threading.Tasks;\n\npublic class Store\n{\n    static Task<int> FetchCountAsync() => Task.FromResult(1);\n\n    public int Count()\n    {\n        return FetchCountAsync().Result;\n    }\n\n    public async Task<int> TotalAsync()\n    {\n        await Task.Yield();\n        return Count();\n    }\n}\n";
    let dir = dir_with(&[("Lib/Lib.csproj", csproj), ("Lib/Store.cs", code)]);
    assert!(stdout(&asyncmod(&["check", "Lib"], dir.path())).contains("(ASYNC250)"));
    std::fs::write(dir.path().join("Lib/asyncmod.toml"), "public-api = \"change\"\n").unwrap();
    let changed = stdout(&asyncmod(&["check", "Lib"], dir.path()));
    assert!(changed.contains("[fix (unsafe): awaited]"), "{changed}");

    // token-hops: a chain longer than the file allows is reported.
    let case = repo_root().join("transforms/cancellation-token/cases/controller-service-repository");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&case).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    assert!(!stdout(&asyncmod(&["check", "."], dir.path())).contains("(ASYNC417)"));
    std::fs::write(dir.path().join("asyncmod.toml"), "token-hops = 1\n").unwrap();
    let hops = stdout(&asyncmod(&["check", "."], dir.path()));
    assert!(hops.contains("(ASYNC417)") && hops.contains("more than --token-hops 1"), "{hops}");

    // enable: only the transforms named run.
    let void = "using System.Threading.Tasks;\n\nclass Form\n{\n    async void OnLoad()\n    {\n        await Task.Yield();\n    }\n}\n";
    let dir = dir_with(&[("asyncmod.toml", "enable = [\"async-void\"]\n"), ("Repo.cs", BLOCKING), ("Form.cs", void)]);
    let only = stdout(&asyncmod(&["check", "."], dir.path()));
    assert!(only.contains("async-void ASYNC010") && !only.contains("sync-over-async"), "{only}");
}

#[test]
fn excluded_files_are_read_but_never_changed() {
    let shop = "class Shop\n{\n    int Total(Repo repo) { return repo.Count() + 1; }\n}\n";
    let dir = dir_with(&[("asyncmod.toml", "exclude = [\"Shop.cs\"]\n"), ("Repo.cs", BLOCKING), ("Shop.cs", shop)]);
    let v = json(&asyncmod(&["diff", "--json", "."], dir.path()));
    assert!(v["changes"].as_array().unwrap().is_empty(), "{v:#}");
    let reason = v["sites"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("is excluded by asyncmod.toml"), "{reason}");
}

#[test]
fn unknown_keys_name_the_key_and_the_file() {
    let dir = dir_with(&[("asyncmod.toml", "prevew = true\n"), ("Repo.cs", BLOCKING)]);
    let o = asyncmod(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("asyncmod.toml: unknown key `prevew`"), "{}", stderr(&o));
    let dir = dir_with(&[
        ("asyncmod.toml", "[[overrides]]\nprojects = \"X\"\nallow-boundary = true\n"),
        ("Repo.cs", BLOCKING),
    ]);
    let o = asyncmod(&["config", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown key `allow-boundary` in [[overrides]]"), "{}", stderr(&o));
    let dir = dir_with(&[("asyncmod.toml", "max-concurrency = 3000000000\n"), ("Repo.cs", BLOCKING)]);
    assert!(
        stderr(&asyncmod(&["check", "."], dir.path())).contains("`max-concurrency` must be between 1 and 2147483647")
    );
}

#[test]
fn a_baseline_ignores_known_findings_even_after_unrelated_edits() {
    let dir = dir_with(&[("Repo.cs", BLOCKING)]);
    let w = asyncmod(&["check", "--write-baseline", "baseline.json", "."], dir.path());
    assert_eq!(w.status.code(), Some(1));
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(recorded["findings"][0]["code"], "ASYNC001");
    let o = asyncmod(&["check", "--baseline", "baseline.json", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).is_empty());
    // Lines added above move the finding; it is still known.
    let moved = BLOCKING.replace("class Repo\n{\n", "class Repo\n{\n    // a comment\n\n    int Unrelated() => 2;\n\n");
    std::fs::write(dir.path().join("Repo.cs"), &moved).unwrap();
    assert_eq!(asyncmod(&["check", "--baseline", "baseline.json", "."], dir.path()).status.code(), Some(0));
    // A new finding is not.
    let more = moved
        .replace("    int Unrelated() => 2;", "    int Unrelated() => FetchCountAsync().GetAwaiter().GetResult();");
    std::fs::write(dir.path().join("Repo.cs"), &more).unwrap();
    let o = asyncmod(&["check", "--baseline", "baseline.json", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("ASYNC004") && !stdout(&o).contains("ASYNC001"), "{}", stdout(&o));
}

#[test]
fn sarif_validates_against_the_schema_and_carries_fixes() {
    let o = asyncmod(&["check", "--format", "sarif", "examples/ShopSolution.sln"], &repo_root());
    assert_eq!(o.status.code(), Some(1));
    let log = json(&o);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("tests/data/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    // Each change set has its fix once, on its first root; without token threading, which joins most of the
    // example into one set, a sync-over-async root carries its own.
    let args = ["check", "--format", "sarif", "--skip", "cancellation-token", "examples/ShopSolution.sln"];
    let alone = json(&asyncmod(&args, &repo_root()));
    let alone_results = alone["runs"][0]["results"].as_array().unwrap().clone();
    let with_fix = alone_results
        .iter()
        .find(|r| r["ruleId"] == "ASYNC004" && r["fixes"].is_array())
        .unwrap_or_else(|| panic!("{alone:#}"));
    let sets_with_fix = results.iter().filter(|r| r["fixes"].is_array()).count();
    let sets: std::collections::BTreeSet<u64> =
        results.iter().filter_map(|r| r["properties"]["changeSet"].as_u64()).collect();
    assert_eq!(sets_with_fix, sets.len(), "one fix per change set");
    let changes = with_fix["fixes"][0]["artifactChanges"].as_array().unwrap();
    assert!(changes.iter().all(|c| c["artifactLocation"]["uri"].as_str().unwrap().ends_with(".cs")));
    let inserted: Vec<&str> = changes
        .iter()
        .flat_map(|c| c["replacements"].as_array().unwrap())
        .map(|r| r["insertedContent"]["text"].as_str().unwrap())
        .collect();
    assert!(inserted.iter().any(|t| t.contains("await")), "{with_fix:#}");
    // The fix of a root holds the callers its change needs, in other files.
    assert!(with_fix["fixes"][0]["artifactChanges"].as_array().unwrap().len() > 1, "{with_fix:#}");
    let reported = results.iter().find(|r| r["properties"]["reasonCode"] == "ASYNC121").unwrap();
    assert_eq!(reported["level"], "note");
    assert_eq!(with_fix["level"], "warning");
    assert!(with_fix["locations"][0]["physicalLocation"]["region"]["endColumn"].as_u64().unwrap() > 1);
    let rule = &alone["runs"][0]["tool"]["driver"]["rules"][with_fix["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "ASYNC004");
    assert_eq!(rule["properties"]["helpPath"], "docs/codes.md#async004");
}

#[test]
fn github_and_msbuild_lines_are_what_the_tools_read() {
    let root = repo_root();
    let gh = stdout(&asyncmod(&["check", "--format", "github", "examples/ShopSolution.sln"], &root));
    let line = regex::Regex::new(r"^::(warning|notice|error) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ASYNC\d{3} [a-z-]+::.+$").unwrap();
    assert!(gh.lines().count() > 5);
    for l in gh.lines() {
        assert!(line.is_match(l), "{l}");
    }
    // The compiler's format, as VS Code's $msCompile problem matcher and Azure DevOps read it.
    let ms = stdout(&asyncmod(&["check", "--format", "msbuild", "examples/ShopSolution.sln"], &root));
    let compiler = regex::Regex::new(r"^(?:\s*\d+>)?(\S.*)\((\d+|\d+,\d+|\d+,\d+,\d+,\d+)\)\s*:\s+((?:fatal +)?error|warning|info)\s+(\w+\d+)\s*:\s*(.*)$").unwrap();
    let project = regex::Regex::new(r" \[/.+\.csproj\]$").unwrap();
    assert!(ms.lines().count() > 5);
    for l in ms.lines() {
        let c = compiler.captures(l).unwrap_or_else(|| panic!("not a compiler line: {l}"));
        assert!(c[4].starts_with("ASYNC"), "{l}");
        assert!(project.is_match(l), "{l}");
    }
    assert!(ms.contains("examples/Shop.Core/OrderRepository.cs(52,34): warning ASYNC004: "), "{ms}");
    assert!(ms.contains(": info ASYNC001: `.Result` blocks on a task; not fixed (ASYNC121)"), "{ms}");
}

#[test]
fn gitlab_junit_and_statistics() {
    let root = repo_root();
    let gl = json(&asyncmod(&["check", "--format", "gitlab", "examples/ShopSolution.sln"], &root));
    let issues = gl.as_array().unwrap();
    assert!(issues.iter().all(|i| i["check_name"].as_str().unwrap().starts_with("ASYNC")
        && i["location"]["lines"]["begin"].as_u64().is_some()));
    let mut prints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    let junit = stdout(&asyncmod(&["check", "--format", "junit", "examples/ShopSolution.sln"], &root));
    assert!(
        junit.starts_with("<?xml")
            && junit.contains("<testsuite name=\"asyncmod\"")
            && junit.contains("<failure type=\"ASYNC004\""),
        "{junit}"
    );
    let stats = asyncmod(&["check", "-q", "--statistics", "examples/ShopSolution.sln"], &root);
    let table = stderr(&stats);
    // Two `.Result`s fixed and three reported.
    assert!(
        regex::Regex::new(r"(?m)^\s+5  ASYNC001  `\.Result` blocks on a task$").unwrap().is_match(&table),
        "{table}"
    );
    assert!(table.contains("not fixed, by reason:") && table.contains("ASYNC121"), "{table}");
}

#[test]
fn check_prints_one_finding_per_root_cause_and_reported_sites_once() {
    let root = repo_root();
    let o = asyncmod(&["check", "examples/ShopSolution.sln"], &root);
    let out = stdout(&o);
    assert!(!out.contains("ASYNC008"), "callers awaited are part of their root's fix: {out}");
    assert!(out.contains("OrderRepository.cs:52:34: sync-over-async ASYNC004"), "{out}");
    assert!(!stderr(&o).contains("reported (not fixed)"), "reported sites are on stdout, not again on stderr");
    let args = ["check", "--show-fixes", "--skip", "cancellation-token", "examples/ShopSolution.sln"];
    let fixes = stdout(&asyncmod(&args, &root));
    let root_line = fixes.lines().position(|l| l.contains("OrderRepository.cs:52:34")).unwrap();
    let under: Vec<&str> = fixes.lines().skip(root_line + 1).take_while(|l| l.starts_with("    fix: ")).collect();
    assert!(
        under.iter().any(|l| l.contains("Dashboard.cs:92:24: sync-over-async ASYNC008: call to CountPending")),
        "{fixes}"
    );
    // Every consequence is listed once, under the first root of its change set.
    let all = stdout(&asyncmod(&["check", "--show-fixes", "examples/ShopSolution.sln"], &root));
    let listed: Vec<&str> = all.lines().filter(|l| l.starts_with("    fix: ")).collect();
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), listed.len(), "{all}");
    assert!(listed.iter().any(|l| l.contains("call to CountPending")), "{all}");
    // JSON still has every site, with its change set.
    let v = json(&asyncmod(&["diff", "--format", "json", "examples/ShopSolution.sln"], &root));
    let caller = v["sites"].as_array().unwrap().iter().find(|s| s["code"] == "ASYNC008").unwrap().clone();
    assert_eq!(
        (&caller["level"], &caller["help"]),
        (&serde_json::json!("warning"), &serde_json::json!("docs/codes.md#async008"))
    );
    let locked = v["sites"].as_array().unwrap().iter().find(|s| s["reason_code"] == "ASYNC121").unwrap().clone();
    assert_eq!(locked["level"], "note");
    assert_eq!(caller["root"], false);
    assert!(caller["change_set"].as_u64().is_some());
    let alias = json(&asyncmod(&["diff", "--json", "examples/ShopSolution.sln"], &root));
    assert_eq!(alias, v);
}

/// Over every fixture case: each change set has a rewritten root to review it by, and the sets together hold every
/// line the run changes (a change outside every set would be written without being shown in a review, and a
/// SARIF fix would not compile alone). A field's edit joins the members of its type (a lock object that becomes a
/// semaphore); a lambda in top-level statements belongs to them.
#[test]
fn change_sets_have_a_root_and_cover_every_change() {
    for case in support::all_cases() {
        let mut options = support::options_for(&case, 1, false);
        options.change_set_diffs = true;
        let result = support::run_on(&case.path, &options);
        for set in &result.change_sets {
            let has_root = result
                .sites
                .iter()
                .any(|s| s.change_set == Some(set.id) && s.root && s.outcome == asyncmod::model::Outcome::Rewritten);
            assert!(has_root, "{}: change set {} has no root", case.path.display(), set.id);
        }
        // A later pass's lines are in the text the first one rewrote: only the first pass's files are compared.
        let later: Vec<&str> = result
            .change_sets
            .iter()
            .filter(|set| set.pass > 1)
            .flat_map(|set| set.lines.iter().map(|(path, _)| path.as_str()))
            .collect();
        for change in result.changes.iter().filter(|c| !later.contains(&c.source.display.as_str())) {
            let old = change.source.text();
            let covered: Vec<&std::ops::Range<usize>> = result
                .change_sets
                .iter()
                .flat_map(|set| &set.lines)
                .filter(|(path, _)| *path == change.source.display)
                .flat_map(|(_, lines)| lines)
                .collect();
            let starts: Vec<usize> = std::iter::once(0).chain(old.match_indices('\n').map(|(i, _)| i + 1)).collect();
            let diff = similar::TextDiff::from_lines(old, &change.new_text);
            for op in diff.ops().iter().filter(|op| op.tag() != similar::DiffTag::Equal) {
                // A blank line beside a hunk may be realigned by the line diff without any edit touching it.
                for line in op.old_range().filter(|&l| !diff.old_slices()[l].trim().is_empty()) {
                    let at = starts[line];
                    let inside = covered.iter().any(|r| r.start <= at && at < r.end.max(r.start + 1));
                    assert!(inside, "{}: line {} changes outside every change set", change.source.display, line + 1);
                }
            }
        }
    }
}

/// Every transform honours a suppression: each fixture case with `// asyncmod-disable` at the top of each of its
/// files changes nothing and rewrites no site (a site the engine cannot place, or an edit a planner makes without
/// asking whether its line is untouchable, would be written regardless).
#[test]
fn a_suppressed_file_is_never_changed_by_any_transform() {
    let mut silent: Vec<String> = Vec::new();
    for case in support::all_cases() {
        let (_dir, path) = support::copy_case(&case.path);
        let free = support::run_on(&path, &support::options_for(&case, 1, false));
        let rewrites = free.sites.iter().any(|s| s.outcome == asyncmod::model::Outcome::Rewritten);
        for file in support::cs_files(&path) {
            let text = std::fs::read(&file).unwrap();
            let (bom, rest) = text.split_at(if text.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 });
            if rest.len() >= 2 && rest[1] == 0 || rest.starts_with(b"\xFF\xFE") {
                continue; // UTF-16: the comment would have to be written in its encoding
            }
            let mut out = bom.to_vec();
            out.extend_from_slice(b"// asyncmod-disable\n");
            out.extend_from_slice(rest);
            std::fs::write(&file, out).unwrap();
        }
        let options = support::options_for(&case, 1, false);
        let result = support::run_on(&path, &options);
        let rewritten: Vec<String> = result
            .sites
            .iter()
            .filter(|s| s.outcome == asyncmod::model::Outcome::Rewritten)
            .map(asyncmod::report::summary::finding_line)
            .collect();
        assert!(rewritten.is_empty(), "{}: {rewritten:#?}", case.path.display());
        assert!(result.changes.is_empty(), "{}: {}", case.path.display(), support::all_diffs(&result));
        // What it would rewrite is still there, reported as suppressed, not gone.
        let suppressed = result.sites.iter().any(|s| s.outcome == asyncmod::model::Outcome::Suppressed);
        if rewrites && !suppressed {
            silent.push(case.path.display().to_string());
        }
    }
    assert!(silent.is_empty(), "cases whose rewrites vanish when suppressed: {silent:#?}");
}

#[test]
fn quiet_never_hides_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = asyncmod(&["diff", "-q", "does/not/exist"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does/not/exist: no such file or directory"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("scanned"), "the summary is silenced");
}

#[test]
fn a_mistyped_command_is_an_error_that_names_the_command() {
    let dir = dir_with(&[("src/Repo.cs", BLOCKING)]);
    let o = asyncmod(&["chek", "src"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "no diff is printed");
    assert!(stderr(&o).contains("did you mean `check`?"), "{}", stderr(&o));
    // A real folder of that name is an input.
    let dir = dir_with(&[("chek/Repo.cs", BLOCKING)]);
    assert!(stdout(&asyncmod(&["chek"], dir.path())).contains("+++ b/chek/Repo.cs"));
}

#[test]
fn usage_errors_for_limits_and_contradictions() {
    let dir = dir_with(&[("Repo.cs", BLOCKING)]);
    let o = asyncmod(&["diff", "--max-concurrency", "2147483648", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--max-concurrency must be between 1 and 2147483647"));
    assert_eq!(asyncmod(&["diff", "--max-concurrency", "2147483647", "."], dir.path()).status.code(), Some(0));
    let o = asyncmod(&["check", "--only", "async-void", "--skip", "async-void", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--only and --skip both name async-void"));
    let o = asyncmod(&["check", "-i", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_paths_are_relative_to_the_git_root_unless_relative() {
    let dir = dir_with(&[("src/app/Repo.cs", BLOCKING)]);
    assert!(Command::new("git").args(["init", "-q"]).current_dir(dir.path()).status().unwrap().success());
    let sub = dir.path().join("src/app");
    let diff = stdout(&asyncmod(&["diff", "."], &sub));
    assert!(diff.starts_with("diff --git a/src/app/Repo.cs b/src/app/Repo.cs\n"), "{diff}");
    std::fs::write(dir.path().join("p.diff"), &diff).unwrap();
    let applied = Command::new("git").args(["apply", "--check", "p.diff"]).current_dir(dir.path()).output().unwrap();
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    let relative = stdout(&asyncmod(&["diff", "--relative", "."], &sub));
    assert!(relative.starts_with("diff --git a/Repo.cs b/Repo.cs\n"), "{relative}");
    let gh = stdout(&asyncmod(&["check", "--format", "github", "."], &sub));
    assert!(gh.starts_with("::warning file=src/app/Repo.cs,"), "{gh}");
}

#[test]
fn an_empty_folder_is_a_note_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let o = asyncmod(&["check", "empty"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("note: no C# files found in empty"), "{}", stderr(&o));
}

#[test]
fn apply_lists_the_files_it_wrote() {
    let dir = dir_with(&[("Repo.cs", BLOCKING)]);
    let o = asyncmod(&["apply", "."], dir.path());
    assert_eq!(stdout(&o), "Repo.cs\n");
    assert!(stderr(&o).contains("asyncmod: 1 file scanned (1 parsed), 1 changed"), "{}", stderr(&o));
    let dir = dir_with(&[("Repo.cs", BLOCKING)]);
    assert_eq!(stdout(&asyncmod(&["apply", "-q", "."], dir.path())), "");
}

#[test]
fn help_reads_cleanly_at_80_and_120_columns() {
    for width in [80usize, 120] {
        for args in [&["--help"][..], &["check", "--help"], &["apply", "--help"], &["config", "--help"]] {
            let o = asyncmod_env(args, Path::new("."), &[("COLUMNS", &width.to_string())]);
            let text = stdout(&o);
            let lines: Vec<&str> = text.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                assert!(l.chars().count() <= width, "{args:?} at {width}: too long: {l}");
                // A stray word on its own line: it would have fitted on the line before.
                let words: Vec<&str> = l.split_whitespace().collect();
                if words.len() == 1 && i > 0 && !lines[i - 1].trim().is_empty() && !l.trim_start().starts_with('-') {
                    let fits = lines[i - 1].chars().count() + 1 + words[0].chars().count() <= width;
                    let prev_ends = lines[i - 1].trim_end().ends_with([':', '.']);
                    assert!(!fits || prev_ends, "{args:?} at {width}: stray word {:?} after {:?}", l, lines[i - 1]);
                }
            }
        }
    }
}

#[test]
fn every_flag_is_in_the_readme_table() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let table = readme.split("## Flags").nth(1).unwrap().split("\n## ").next().unwrap();
    let cmd = asyncmod::cli::command();
    let check = cmd.find_subcommand("check").unwrap();
    for arg in check.get_arguments().filter(|a| !a.is_hide_set()) {
        let Some(long) = arg.get_long() else { continue };
        let named = table.match_indices(&format!("--{long}")).any(|(at, m)| {
            let after = table[at + m.len()..].chars().next().unwrap_or(' ');
            !(after.is_ascii_alphanumeric() || after == '-')
        });
        assert!(named, "--{long} is missing from README.md's flag table");
    }
    for sub in ["diff", "apply", "check", "list", "explain", "config", "completions", "man"] {
        assert!(readme.contains(&format!("`asyncmod {sub}")), "asyncmod {sub} is missing from README.md's commands");
    }
}

#[test]
fn completions_and_man_page() {
    let dir = Path::new(".");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = asyncmod(&["completions", shell], dir);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("report-unused-suppressions"), "{shell}");
    }
    let man = stdout(&asyncmod(&["man"], dir));
    assert!(man.starts_with(".ie") || man.contains(".TH asyncmod"), "{}", &man[..200.min(man.len())]);
}

#[test]
fn codes_doc_is_up_to_date() {
    let path = repo_root().join("docs/codes.md");
    let expected = asyncmod::report::formats::codes_markdown();
    if std::env::var_os("ASYNCMOD_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/codes.md is out of date: run ASYNCMOD_UPDATE_DOCS=1 cargo test --test adoption codes_doc"
    );
}
