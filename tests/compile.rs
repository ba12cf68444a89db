//! The compile-and-run oracle: every fixture case that declares
//! `// oracle: compile` or `// oracle: run` is compiled with Mono's `mcs`
//! before and after the rewrite, and every `run` case is run with `mono`
//! before and after; the rewrite must compile whenever the input does, and
//! must print the same stdout and exit with the same code.
//!
//! Cases opt in with the directive, so cases added later (by any transform)
//! are picked up without touching this file. An oracle case is a folder with
//! a project file declaring `<LangVersion>` 7.2 or lower (the highest Mono's
//! `mcs` takes): the engine reads it, so the rewrite may only use forms that
//! version has. A `run` case has a static `Main`; a `compile` case has none
//! and is compiled as a library.
//!
//! Programs are started through an entry class of this suite's own (written
//! to a temporary file, never into the case), compiled in with
//! `-main:AsyncmodOracleEntry`: the program's `Main` is then an ordinary
//! method (mcs rejects `async Task Main` as an entry point, CS5001), which
//! the entry class finds by reflection, calls, waits for, and turns into the
//! process's exit code, leaving through libc's `_exit` (`mono` sometimes
//! hangs in its shutdown, even in `Environment.Exit`). Every compile and run
//! has a timeout and is retried once when it times out; retries are shown in
//! the summary.
//!
//! Without `mcs`/`mono` on PATH the test prints one skip line and passes,
//! unless `ASYNCMOD_REQUIRE_MCS=1` (as `.ci/run` sets), which makes it fail.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use support::*;

/// The highest `-langversion` Mono 6.8's `mcs` accepts.
const MAX_LANG_VERSION: (u32, u32) = (7, 2);
const ENTRY_CLASS: &str = "AsyncmodOracleEntry";
const COMPILE_TIMEOUT: Duration = Duration::from_secs(120);
const RUN_TIMEOUT: Duration = Duration::from_secs(20);
/// Attempts per command: a run that times out is tried once more.
const ATTEMPTS: usize = 2;
/// The values `// oracle:` takes; anything else is a typo, which fails the suite rather than go unnoticed.
const ORACLES: [&str; 2] = ["compile", "run"];
/// Exit code of the entry class when it cannot find or call the program's `Main` (a broken case, not a
/// result); `ENTRY_SOURCE` spells it out as `Exit(97)`.
const ENTRY_FAILURE: i32 = 97;

/// The entry class, C# 7.2 (it is compiled with the case's language version).
/// An exception that escapes `Main` is printed (type and message, unwrapped
/// from reflection's `TargetInvocationException` and from a single-exception
/// `AggregateException`, whose shape the rewrite changes on purpose) and
/// exits with code 1; `catch (AggregateException)` inside the program is a
/// different matter: the tool must leave such code alone.
const ENTRY_SOURCE: &str = r#"// Written by asyncmod's compile-and-run test suite (tests/compile.rs); not part of any case.
using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

internal static class AsyncmodOracleEntry
{
    // Mono 6.8 sometimes hangs in its own shutdown, even in Environment.Exit (measured: about one run
    // in 16 of a program that awaited Task.Delay); libc's _exit ends the process at once, after the
    // output is flushed.
    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNow(int code);

    private static int Main(string[] args)
    {
        int code;
        try
        {
            code = Run(args);
        }
        catch (Exception e)
        {
            Exception inner = Unwrap(e);
            Console.Out.WriteLine("unhandled exception: " + inner.GetType().FullName + ": " + inner.Message);
            code = 1;
        }
        Exit(code);
        return code;
    }

    private static void Exit(int code)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        try
        {
            ExitNow(code);
        }
        catch (Exception)
        {
            // No libc to call (not Linux): the ordinary way, with the timeout and retry as the safety net.
        }
        Environment.Exit(code);
    }

    private static int Run(string[] args)
    {
        MethodInfo main = null;
        foreach (Type type in typeof(AsyncmodOracleEntry).Assembly.GetTypes())
        {
            if (type == typeof(AsyncmodOracleEntry))
            {
                continue;
            }
            const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (MethodInfo m in type.GetMethods(flags))
            {
                if (m.Name != "Main")
                {
                    continue;
                }
                if (main != null)
                {
                    Fail("more than one static Main: " + main.DeclaringType.FullName + " and " + type.FullName);
                }
                main = m;
            }
        }
        if (main == null)
        {
            Fail("no static Main in the program");
        }
        ParameterInfo[] parameters = main.GetParameters();
        object[] callArgs = parameters.Length == 0 ? new object[0] : new object[] { args };
        object result = main.Invoke(null, callArgs);
        Task task = result as Task;
        if (task != null)
        {
            task.GetAwaiter().GetResult();
            result = main.ReturnType == typeof(Task<int>) ? (object)((Task<int>)task).Result : null;
        }
        return result is int ? (int)result : 0;
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is TargetInvocationException && e.InnerException != null)
            {
                e = e.InnerException;
                continue;
            }
            AggregateException aggregate = e as AggregateException;
            if (aggregate != null && aggregate.InnerExceptions.Count == 1)
            {
                e = aggregate.InnerExceptions[0];
                continue;
            }
            return e;
        }
    }

    private static void Fail(string message)
    {
        Console.Error.WriteLine("asyncmod oracle entry: " + message);
        Exit(97);
    }
}
"#;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Oracle {
    Compile,
    Run,
}

struct OracleCase {
    case: Case,
    label: String,
    oracle: Oracle,
    lang_version: String,
    references: Vec<String>,
}

#[test]
fn oracle_cases_compile_and_run_the_same() {
    let started = Instant::now();
    let (cases, problems) = oracle_cases();
    assert!(problems.is_empty(), "{} malformed oracle cases:\n{}", problems.len(), problems.join("\n"));
    assert!(!cases.is_empty(), "no fixture case declares `// oracle: compile` or `// oracle: run`");

    let Some(toolchain) = toolchain() else { return };
    let work = tempfile::tempdir().unwrap();
    let entry = work.path().join(format!("{ENTRY_CLASS}.cs"));
    std::fs::write(&entry, ENTRY_SOURCE).unwrap();

    // A few workers: each takes whole cases (engine run, two compiles, two runs).
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4);
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<(usize, CaseOutcome)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let outcome = check_case(case, &toolchain, &entry);
                outcomes.lock().unwrap().push((i, outcome));
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by_key(|(i, _)| *i);

    let mut failures = Vec::new();
    let mut summary = String::new();
    for (i, outcome) in &outcomes {
        let case = &cases[*i];
        let what = if outcome.failures.is_empty() { outcome.what.as_str() } else { "FAILED (below)" };
        summary.push_str(&format!("  {:<50} {:>6} ms  {what}\n", case.label, outcome.millis));
        for r in &outcome.retries {
            summary.push_str(&format!("    retried: {r}\n"));
        }
        failures.extend(outcome.failures.iter().map(|f| format!("{}: {f}", case.label)));
    }
    let runs = cases.iter().filter(|c| c.oracle == Oracle::Run).count();
    println!(
        "compile-and-run oracle: {} cases ({runs} run, {} compile-only), {workers} workers, {:.1} s\n{summary}",
        cases.len(),
        cases.len() - runs,
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{} compile-and-run failures:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Every case with an `oracle:` directive, checked for the shape the oracle needs.
fn oracle_cases() -> (Vec<OracleCase>, Vec<String>) {
    let root = repo_root();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for case in all_cases() {
        let Some(directive) = case.header.oracle.clone() else { continue };
        let label = format!("{}/{}", case.transform, case.name);
        let mut problem = |msg: String| problems.push(format!("{label}: {msg}"));
        let oracle = match directive.as_str() {
            "compile" => Oracle::Compile,
            "run" => Oracle::Run,
            other => {
                problem(format!("unknown `// oracle: {other}` (one of: {})", ORACLES.join(", ")));
                continue;
            }
        };
        if !case.path.is_dir() {
            problem("an oracle case must be a folder with a project file declaring <LangVersion>".into());
            continue;
        }
        let projects: Vec<PathBuf> = std::fs::read_dir(&case.path)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csproj"))
            .collect();
        let [project] = projects.as_slice() else {
            problem(format!("needs exactly one .csproj at its top, found {}", projects.len()));
            continue;
        };
        let (lang_version, references) = match read_project(project) {
            Ok(p) => p,
            Err(e) => {
                problem(format!("{}: {e}", project.strip_prefix(&root).unwrap_or(project).display()));
                continue;
            }
        };
        let has_main = cs_files(&case.path).iter().any(|f| declares_static_main(&std::fs::read_to_string(f).unwrap()));
        match (oracle, has_main) {
            (Oracle::Run, false) => problem("`oracle: run` but no file declares a static Main".into()),
            (Oracle::Compile, true) => problem("has a static Main: declare `// oracle: run` so it is run too".into()),
            _ => {}
        }
        out.push(OracleCase { case, label, oracle, lang_version, references });
    }
    (out, problems)
}

/// `<LangVersion>` (required, at most 7.2) and `<Reference Include>` names of a project file.
fn read_project(path: &Path) -> Result<(String, Vec<String>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let doc = roxmltree::Document::parse(&text).map_err(|e| e.to_string())?;
    let versions: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("LangVersion")).filter_map(|n| n.text()).map(str::trim).collect();
    let [version] = versions.as_slice() else {
        return Err(format!("needs exactly one <LangVersion> (found {})", versions.len()));
    };
    let number = |s: &str| s.parse::<u32>().ok();
    let (major, minor) = match version.split_once('.') {
        Some((a, b)) => (number(a), number(b)),
        None => (number(version), Some(0)),
    };
    match (major, minor) {
        (Some(major), Some(minor)) if (major, minor) <= MAX_LANG_VERSION => {}
        _ => {
            let (a, b) = MAX_LANG_VERSION;
            return Err(format!(
                "<LangVersion>{version}</LangVersion>: the compile check needs a number up to {a}.{b} (Mono's mcs)"
            ));
        }
    }
    let references = doc
        .descendants()
        .filter(|n| n.has_tag_name("Reference"))
        .filter_map(|n| n.attribute("Include"))
        .map(|r| r.split(',').next().unwrap_or(r).trim().to_string())
        .collect();
    Ok((version.to_string(), references))
}

/// A line declaring a static method named `Main` (comments aside).
fn declares_static_main(text: &str) -> bool {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).any(|l| {
        let words: Vec<&str> = l.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
        words.contains(&"static") && l.split_whitespace().any(|w| w.starts_with("Main("))
    })
}

struct Toolchain {
    mcs: PathBuf,
    mono: PathBuf,
}

/// `mcs` and `mono`, or one skip line (a failure under `ASYNCMOD_REQUIRE_MCS=1`).
fn toolchain() -> Option<Toolchain> {
    let required = match std::env::var("ASYNCMOD_REQUIRE_MCS").as_deref() {
        Ok("1") => true,
        Ok("0") | Ok("") | Err(_) => false,
        Ok(other) => panic!("ASYNCMOD_REQUIRE_MCS={other}: use 1 (Mono required) or 0"),
    };
    let missing: Vec<&str> = ["mcs", "mono"].into_iter().filter(|t| find_on_path(t).is_none()).collect();
    if missing.is_empty() {
        return Some(Toolchain { mcs: find_on_path("mcs").unwrap(), mono: find_on_path("mono").unwrap() });
    }
    let what = missing.join(" and ");
    assert!(
        !required,
        "ASYNCMOD_REQUIRE_MCS=1 but {what} not found on PATH: install mono-mcs mono-runtime libmono-system-net-http4.0-cil"
    );
    // Straight to the process's stderr, past the test harness's output capture: one line, always visible.
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED compile-and-run oracle (tests/compile.rs): {what} not found on PATH; \
         install Mono as the README's Development section says, or set ASYNCMOD_REQUIRE_MCS=1 to make this a failure"
    );
    None
}

fn find_on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(tool)).find(|p| p.is_file())
}

#[derive(Default)]
struct CaseOutcome {
    millis: u128,
    what: String,
    /// Commands that timed out and were tried again.
    retries: Vec<String>,
    failures: Vec<String>,
}

fn check_case(oc: &OracleCase, tc: &Toolchain, entry: &Path) -> CaseOutcome {
    let started = Instant::now();
    let mut outcome = CaseOutcome::default();
    check_case_into(oc, tc, entry, &mut outcome);
    outcome.millis = started.elapsed().as_millis();
    outcome
}

fn check_case_into(oc: &OracleCase, tc: &Toolchain, entry: &Path, outcome: &mut CaseOutcome) {
    let case = &oc.case;
    // The rewrite, on a copy.
    let (tmp, copy) = copy_case(&case.path);
    let result = run_on(&copy, &options_for(case, 1, false));
    if !result.errors.is_empty() {
        outcome.failures.push(format!("the engine reported errors: {:?}", result.errors));
        return;
    }
    apply(&result);
    let changed = !result.changes.is_empty();
    let diff = all_diffs(&result);

    let input_exe = tmp.path().join("input.exe");
    let output_exe = tmp.path().join("output.exe");
    let warned_before = match compile(oc, tc, &cs_files(&case.path), entry, &input_exe, &mut outcome.retries) {
        Ok(warnings) => warnings,
        Err(e) => {
            outcome
                .failures
                .push(format!("the input does not compile, but the case declares `oracle: {}`:\n{e}", directive(oc)));
            return;
        }
    };
    if changed {
        match compile(oc, tc, &cs_files(&copy), entry, &output_exe, &mut outcome.retries) {
            Err(e) => {
                outcome
                    .failures
                    .push(format!("the input compiles but the rewritten output does not:\n{e}\nthe rewrite:\n{diff}"));
                return;
            }
            Ok(warned_after) => {
                if warned_after.len() > warned_before.len() {
                    outcome.failures.push(format!(
                        "the rewrite adds compiler warnings that fail a build with warnings as errors:\n{}\nthe rewrite:\n{diff}",
                        warned_after.join("\n")
                    ));
                    return;
                }
            }
        }
    }
    outcome.what = if changed { "compiled before and after".into() } else { "unchanged; input compiled".into() };
    if oc.oracle == Oracle::Compile {
        return;
    }

    let before = match run(tc, &input_exe, tmp.path(), &mut outcome.retries) {
        Ok(r) => r,
        Err(e) => {
            outcome.failures.push(format!("running the input: {e}"));
            return;
        }
    };
    if !changed {
        outcome.what = format!("unchanged; input compiled and ran (exit {})", before.code);
        return;
    }
    let after = match run(tc, &output_exe, tmp.path(), &mut outcome.retries) {
        Ok(r) => r,
        Err(e) => {
            outcome.failures.push(format!("running the rewritten output: {e}\nthe rewrite:\n{diff}"));
            return;
        }
    };
    if before.stdout == after.stdout && before.code == after.code {
        outcome.what = format!("compiled and ran the same before and after (exit {})", before.code);
        return;
    }
    // Tell a nondeterministic case from a rewrite that changed behavior.
    let again = run(tc, &input_exe, tmp.path(), &mut outcome.retries);
    let flaky = again.is_ok_and(|a| a.stdout != before.stdout || a.code != before.code);
    outcome.failures.push(format!(
        "{}\nexit code before {}, after {}\nstdout (- before, + after):\n{}\nstderr before:\n{}\nstderr after:\n{}\nthe rewrite:\n{diff}",
        if flaky {
            "the case itself is nondeterministic: two runs of the input differ"
        } else {
            "the rewritten program behaves differently"
        },
        before.code,
        after.code,
        line_diff(&before.stdout, &after.stdout),
        before.stderr,
        after.stderr,
    ));
}

fn directive(oc: &OracleCase) -> &'static str {
    match oc.oracle {
        Oracle::Compile => "compile",
        Oracle::Run => "run",
    }
}

/// Warnings a rewrite must not add: an `async` method with nothing to await (CS1998), code made unreachable
/// (CS0162), a task no longer awaited (CS4014).
const GUARDED_WARNINGS: [&str; 3] = ["warning CS1998", "warning CS0162", "warning CS4014"];

/// Compiles with `mcs`: a library for compile cases, an exe started by the entry class for run cases. Returns
/// the lines of the warnings in `GUARDED_WARNINGS`.
fn compile(
    oc: &OracleCase,
    tc: &Toolchain,
    files: &[PathBuf],
    entry: &Path,
    out: &Path,
    retries: &mut Vec<String>,
) -> Result<Vec<String>, String> {
    let mut args: Vec<String> = vec![
        "-nologo".into(),
        format!("-langversion:{}", oc.lang_version),
        format!("-out:{}", out.display()),
        "-r:System.Net.Http.dll".into(),
    ];
    args.extend(oc.references.iter().map(|r| format!("-r:{r}.dll")));
    let mut inputs: Vec<PathBuf> = files.to_vec();
    match oc.oracle {
        Oracle::Compile => args.push("-target:library".into()),
        Oracle::Run => {
            args.push("-target:exe".into());
            args.push(format!("-main:{ENTRY_CLASS}"));
            inputs.push(entry.to_path_buf());
        }
    }
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let r = run_with_timeout(&tc.mcs, &args, out.parent().unwrap(), COMPILE_TIMEOUT, retries)?;
    if r.code == 0 && out.is_file() {
        Ok(r.stdout
            .lines()
            .chain(r.stderr.lines())
            .filter(|l| GUARDED_WARNINGS.iter().any(|w| l.contains(w)))
            .map(str::to_string)
            .collect())
    } else {
        Err(format!("mcs exit {}:\n{}{}", r.code, r.stdout, r.stderr))
    }
}

fn run(tc: &Toolchain, exe: &Path, cwd: &Path, retries: &mut Vec<String>) -> Result<Ran, String> {
    let r = run_with_timeout(&tc.mono, &[exe.display().to_string()], cwd, RUN_TIMEOUT, retries)?;
    if r.code == ENTRY_FAILURE {
        return Err(format!("the entry class could not start the program:\n{}", r.stderr));
    }
    Ok(r)
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs a command with a timeout; one that times out is killed and tried again, up to `ATTEMPTS` times.
/// Each timeout is noted in `retries`.
fn run_with_timeout(
    program: &Path,
    args: &[String],
    cwd: &Path,
    timeout: Duration,
    retries: &mut Vec<String>,
) -> Result<Ran, String> {
    let name = program.file_name().unwrap_or_default().to_string_lossy();
    let what = format!("{name} {}", args.last().map(|a| a.rsplit('/').next().unwrap_or(a)).unwrap_or(""));
    for _ in 0..ATTEMPTS {
        let mut child = Command::new(program)
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        // Drain the pipes while waiting, so a chatty child never blocks on a full pipe.
        let mut out_pipe = child.stdout.take().unwrap();
        let mut err_pipe = child.stderr.take().unwrap();
        let out_reader = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = out_pipe.read_to_end(&mut v);
            v
        });
        let err_reader = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = err_pipe.read_to_end(&mut v);
            v
        });
        let deadline = Instant::now() + timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(format!("waiting for {what}: {e}")),
            }
        };
        let stdout = String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned();
        let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
        match status {
            // Killed by a signal: no code; -1 rather than pass it off as success.
            Some(status) => return Ok(Ran { code: status.code().unwrap_or(-1), stdout, stderr }),
            None => retries.push(format!("{what} timed out after {} s", timeout.as_secs())),
        }
    }
    Err(format!("{what} timed out after {} s, {ATTEMPTS} times", timeout.as_secs()))
}

fn line_diff(before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
            similar::ChangeTag::Equal => ' ',
        };
        out.push(sign);
        out.push_str(change.value());
        if !change.value().ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[test]
fn static_main_detection() {
    assert!(declares_static_main("    public static void Main(string[] args)"));
    assert!(declares_static_main("static int Main() => 0;"));
    assert!(!declares_static_main("    // static void Main()"));
    assert!(!declares_static_main("    public void Main()"));
    assert!(!declares_static_main("    static void MainLoop()"));
}

#[test]
fn a_hanging_command_is_killed_and_retried_once() {
    let sleep = find_on_path("sleep")
        .or_else(|| ["/bin/sleep", "/usr/bin/sleep"].into_iter().map(PathBuf::from).find(|p| p.is_file()))
        .expect("a `sleep` program");
    let mut retries = Vec::new();
    let started = Instant::now();
    let r = run_with_timeout(&sleep, &["30".to_string()], Path::new("."), Duration::from_millis(200), &mut retries);
    assert!(r.is_err_and(|e| e.contains("timed out")));
    assert_eq!(retries.len(), ATTEMPTS);
    assert!(started.elapsed() < Duration::from_secs(5));

    let mut retries = Vec::new();
    let r = run_with_timeout(&sleep, &["0".to_string()], Path::new("."), Duration::from_secs(5), &mut retries).unwrap();
    assert_eq!((r.code, retries.len()), (0, 0));
}

#[test]
fn entry_source_matches_its_constants() {
    assert!(ENTRY_SOURCE.contains(&format!("static class {ENTRY_CLASS}")));
    assert!(ENTRY_SOURCE.contains(&format!("Exit({ENTRY_FAILURE});")));
}

/// Compiles every `.cs` under `dir` as one library; the compiler's output on failure.
fn compile_tree(tc: &Toolchain, dir: &Path) -> Result<(), String> {
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "cs") {
                files.push(p.display().to_string());
            }
        }
    }
    files.sort();
    let out = dir.join("tree.dll");
    let mut args: Vec<String> =
        vec!["-nologo".into(), "-langversion:7.2".into(), "-target:library".into(), format!("-out:{}", out.display())];
    args.extend(files);
    let r = run_with_timeout(&tc.mcs, &args, dir, COMPILE_TIMEOUT, &mut Vec::new())?;
    if r.code == 0 {
        Ok(())
    } else {
        Err(format!("mcs exit {}:\n{}{}", r.code, r.stdout, r.stderr))
    }
}

fn write_tree(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn apply_in(dir: &Path, input: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_asyncmod"))
        .args(["apply", "-q", input])
        .current_dir(dir)
        .output()
        .unwrap()
}

const LIB_CSPROJ: &str = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net472</TargetFramework>\n    <LangVersion>7.2</LangVersion>\n  </PropertyGroup>\n</Project>\n";

/// What `apply` writes compiles together when a caller sits in a read-only file: the chain that would need it is
/// refused whole, the rest is written.
#[test]
fn a_run_with_a_read_only_caller_writes_code_that_compiles() {
    let Some(tc) = toolchain() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_tree(
        dir,
        &[
            ("Shop.csproj", LIB_CSPROJ),
            (
                "Store.cs",
                "using System.Threading.Tasks;\nnamespace Shop\n{\n    public class Store\n    {\n        static Task<int> FetchAsync() => Task.FromResult(1);\n        public int Count() { return FetchAsync().Result; }\n        public int Other() { return FetchAsync().Result; }\n    }\n}\n",
            ),
            (
                "Report.cs",
                "using System.Threading.Tasks;\nnamespace Shop\n{\n    public class Report\n    {\n        public async Task<int> Build() { await Task.Yield(); return new Store().Count(); }\n    }\n}\n",
            ),
            (
                "Audit.cs",
                "using System.Threading.Tasks;\nnamespace Shop\n{\n    public class Audit\n    {\n        public async Task<int> Check() { await Task.Yield(); return new Store().Other(); }\n    }\n}\n",
            ),
        ],
    );
    let audit = dir.join("Audit.cs");
    let mut perms = std::fs::metadata(&audit).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&audit, perms).unwrap();
    let before = std::fs::read_to_string(&audit).unwrap();
    let o = apply_in(dir, ".");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&audit).unwrap(), before, "a read-only file was written");
    let store = std::fs::read_to_string(dir.join("Store.cs")).unwrap();
    assert!(store.contains("public async Task<int> Count()"), "{store}");
    assert!(store.contains("public int Other()"), "Other's caller is read-only: {store}");
    compile_tree(&tc, dir).unwrap();
}

/// Given one project of a solution, the projects that call it are read as callers: a change that would break them
/// is refused, so the whole solution still compiles after `apply`.
#[test]
fn a_project_given_alone_keeps_its_solution_compiling() {
    let Some(tc) = toolchain() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let lib_csproj = LIB_CSPROJ.replace("    <OutputType>Exe</OutputType>\n", "");
    let app_csproj = LIB_CSPROJ.replace(
        "</Project>",
        "  <ItemGroup>\n    <ProjectReference Include=\"..\\Lib\\Lib.csproj\" />\n  </ItemGroup>\n</Project>",
    );
    let sln = "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Lib\", \"Lib\\Lib.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"App\\App.csproj\", \"{22222222-2222-2222-2222-222222222222}\"\nEndProject\n";
    write_tree(
        dir,
        &[
            ("Shop.sln", sln),
            ("Lib/Lib.csproj", &lib_csproj),
            (
                "Lib/Store.cs",
                "using System.Threading.Tasks;\nnamespace Lib\n{\n    public class Store\n    {\n        static Task<int> FetchAsync() => Task.FromResult(1);\n        public int Count() { return FetchAsync().Result; }\n        public async Task<int> Total() { await Task.Yield(); return Count(); }\n    }\n}\n",
            ),
            ("App/App.csproj", &app_csproj),
            (
                "App/Badge.cs",
                "namespace App\n{\n    public class Badge\n    {\n        public int Value = new Lib.Store().Count();\n    }\n}\n",
            ),
        ],
    );
    let o = apply_in(dir, "Lib/Lib.csproj");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let store = std::fs::read_to_string(dir.join("Lib/Store.cs")).unwrap();
    assert!(store.contains("public int Count()"), "App's field initializer calls Count: {store}");
    compile_tree(&tc, dir).unwrap();
}
