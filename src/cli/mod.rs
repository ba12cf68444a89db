//! The command line: parsing, dispatch, output and exit codes.

mod progress;
mod review;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config;
use crate::engine::{self, RunOptions};
use crate::model::{Outcome, Reason, RunResult, SiteReport, TransformId};
use crate::plan::PlanOptions;
use crate::report;
use crate::transforms;
use crate::workspace;

/// Exit code: success (for `check`: nothing to change or report).
pub const EXIT_OK: i32 = 0;
/// Exit code of `check` when something would change or is reported.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code for a usage error, a fatal error, or a file that could not be processed.
pub const EXIT_ERROR: i32 = 2;

const AFTER_HELP: &str = "\
Examples:
  asyncmod examples/ShopSolution.sln       preview every rewrite as a unified diff (dry run)
  asyncmod diff src/ | git apply            the diff is git-apply compatible
  asyncmod apply MyApp.sln                  rewrite files in place
  asyncmod apply -i MyApp.sln               review each change set: y/n/a/q
  asyncmod check --format sarif . > a.sarif CI gate: exit 1 when anything would change
  asyncmod explain sync-over-async          what a transform does, and what it leaves alone

Inputs: folders (walked, honouring .gitignore; bin/ obj/ and generated files skipped), .cs files, .sln/.slnx solutions and .csproj projects. Each file takes the settings (LangVersion, TargetFramework) of the nearest project above it, and of the nearest asyncmod.toml (asyncmod config shows them).

Exit codes: 0 success; 1 check found something to change or report; 2 usage error, fatal error, or a file that could not be read, parsed or written (the run still does everything else).";

#[derive(Parser, Debug)]
#[command(
    name = "asyncmod",
    version,
    about = "Find and fix async anti-patterns in C# code, a whole solution at a time",
    long_about = "Find and fix async anti-patterns in C# code, a whole solution at a time.\n\n\
asyncmod turns blocking waits (.Result, .Wait(), GetAwaiter().GetResult()) into await and makes the callers async \
all the way up, turns async void into async Task, bounds unbounded Task.WhenAll fan-out, and threads \
CancellationTokens down call chains. It rewrites only what it can prove from the syntax and the solution-wide \
index; every other site is reported with the reason.\n\n\
Without a command it previews the changes as a unified diff (same as `asyncmod diff`).",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    max_term_width = 120
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

/// The command line's definition, for completions, the man page and tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Preview the rewrites as a unified diff on stdout (dry run; the default)
    #[command(after_help = "Example: asyncmod diff MyApp.sln > async.patch && git apply async.patch")]
    Diff(RunArgs),
    /// Rewrite the files in place, all of them or none (each atomically: temp file, then rename)
    #[command(after_help = "Example: asyncmod apply --only async-void src/")]
    Apply(RunArgs),
    /// List findings as `path:line:col: transform CODE: message`; exit 1 if anything would change or is reported
    #[command(after_help = "Example (CI): asyncmod check --format github MyApp.sln")]
    Check(RunArgs),
    /// List the transforms
    List,
    /// Print a transform's documentation: what it finds, why, before/after, what it leaves alone
    Explain(ExplainArgs),
    /// Print the settings each project resolves to: asyncmod.toml files, overrides and flags
    Config(RunArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `asyncmod man > asyncmod.1`
    Man,
}

/// What a run prints on stdout.
#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
enum Format {
    /// The command's own: a diff, check lines, or the files written
    #[default]
    Text,
    /// Every site, the diffs and errors (schema_version 1)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning (with fixes)
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// `path(line,col): warning CODE: message [project]`, as the C# compiler writes
    Msbuild,
    /// GitLab Code Quality JSON
    Gitlab,
    /// JUnit XML, one failed test case per finding
    Junit,
}

#[derive(Args, Debug, Default, Clone)]
struct RunArgs {
    /// Folders, .cs files, .sln/.slnx or .csproj files to process [default: .]
    paths: Vec<PathBuf>,
    /// Run only these transforms (comma-separated ids; see `asyncmod list`)
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    only: Vec<String>,
    /// Skip these transforms (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    skip: Vec<String>,
    /// Output format on stdout
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
    /// Same as --format json
    #[arg(long)]
    json: bool,
    /// Review each change set (a root and everything that must change with it) and answer y/n/a/q; `apply`
    /// writes the accepted ones, `diff` prints their patch
    #[arg(short, long)]
    interactive: bool,
    /// With `check`: also list, under each finding, the changes its fix makes elsewhere (callers awaited ...)
    #[arg(long)]
    show_fixes: bool,
    /// Print how many findings each code has, on stderr
    #[arg(long)]
    statistics: bool,
    /// Leave out the findings recorded in FILE (by path, code and a fingerprint of the code around them)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE, for --baseline
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report suppression comments that suppress nothing (ASYNC540)
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Paths in diffs and CI formats relative to the current directory, not to the git work tree's root
    #[arg(long)]
    relative: bool,
    /// Worker threads [default: one per core]; output is byte-identical whatever the number
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Color the diff: auto (when stdout is a terminal), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Also rewrite sites whose task type rests only on a name hint (a call to `FooAsync()` on an unknown
    /// receiver); they are reported otherwise
    #[arg(long)]
    include_review: bool,
    /// Add the `Async` suffix to methods that become async, with every call site and override (never Main, test
    /// methods, controller actions, or where the new name is taken)
    #[arg(long)]
    rename_async: bool,
    /// Make a method async even when one of its callers cannot become async (a constructor, a property, a lock
    /// ...) and must keep blocking on it with `.GetAwaiter().GetResult()`. Off by default, and those sites are
    /// reported instead: where that caller runs under a single-threaded SynchronizationContext (WPF, WinForms,
    /// classic ASP.NET), blocking on a method that now awaits deadlocks. Safe for code that never runs under one
    /// (ASP.NET Core, console apps, workers)
    #[arg(long)]
    allow_boundaries: bool,
    /// Public members of published libraries (packable projects, PublicAPI.Shipped.txt) keep their signatures by
    /// default (keep): a chain that would change one stops there and is reported. `change` allows it
    #[arg(long, value_enum, value_name = "POLICY")]
    public_api: Option<PublicApi>,
    /// Also run the preview transforms (see `asyncmod list`); naming one in --only runs it too
    #[arg(long)]
    preview: bool,
    /// Also make the unsafe fixes: changes that compile but may change behaviour or a visible contract (bounding
    /// a fan-out changes its concurrency). `check` shows which fixes are unsafe
    #[arg(long)]
    unsafe_fixes: bool,
    /// Concurrency limit written by bounded-fanout, 1 to int.MaxValue [default: 10 for I/O work,
    /// `Environment.ProcessorCount` for CPU-bound `Task.Run` work]
    #[arg(long, value_name = "N")]
    max_concurrency: Option<u64>,
    /// The most methods cancellation-token adds a token parameter to, along one chain, to reach one call that
    /// takes a token; a longer chain is reported, naming that call [default: 4]
    #[arg(long, value_name = "N")]
    token_hops: Option<usize>,
    /// Treat these preprocessor symbols as defined in every project, on top of its DefineConstants (DEBUG and
    /// TRACE unless the project says otherwise): code under `#if SYMBOL` is then rewritten and the `#else` side
    /// left as it is
    #[arg(long, value_delimiter = ',', value_name = "SYMBOL,...")]
    define: Vec<String>,
    /// Treat these preprocessor symbols as undefined (e.g. `--undefine DEBUG` for a Release view)
    #[arg(long, value_delimiter = ',', value_name = "SYMBOL,...")]
    undefine: Vec<String>,
    /// Parse every file rather than only the ones that can matter (slower; same result)
    #[arg(long, hide = true)]
    parse_all: bool,
    /// Never switch from lazy rounds to parsing every remaining file (same result; for measuring)
    #[arg(long, hide = true)]
    lazy_rounds_only: bool,
    /// Print where the run spent its effort (files and bytes parsed per round, phase times) on stderr
    #[arg(long, hide = true)]
    stats: bool,
    /// Do not print the summary on stderr (errors are still printed)
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// Transform id (see `asyncmod list`)
    #[arg(required_unless_present = "all")]
    id: Option<String>,
    /// Print every transform's documentation
    #[arg(long)]
    all: bool,
    /// Print as JSON (id, status, summary, documentation)
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
enum PublicApi {
    /// Never change the signature of a published library's public members
    #[default]
    Keep,
    /// Change them like any other member (callers outside the solution break)
    Change,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Diff,
    Apply,
    Check,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Diff => "diff",
            Mode::Apply => "apply",
            Mode::Check => "check",
        }
    }
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        None => did_you_mean(&cli.run).and_then(|()| run(cli.run, Mode::Diff)),
        Some(Command::Diff(a)) => run(a, Mode::Diff),
        Some(Command::Apply(a)) => run(a, Mode::Apply),
        Some(Command::Check(a)) => run(a, Mode::Check),
        Some(Command::List) => {
            list();
            Ok(EXIT_OK)
        }
        Some(Command::Explain(a)) => explain(a),
        Some(Command::Config(a)) => show_config(a),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut command(), "asyncmod", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(command()).render(&mut out) {
                Ok(()) => {
                    let _ = std::io::stdout().write_all(&out);
                    Ok(EXIT_OK)
                }
                Err(e) => Err(format!("cannot render the man page: {e}")),
            }
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("asyncmod: error: {message}");
            EXIT_ERROR
        }
    }
}

const COMMANDS: &[&str] = &["diff", "apply", "check", "list", "explain", "config", "completions", "man"];

/// `asyncmod chek src`: a first path that is no file but close to a command is a typo, not an input.
fn did_you_mean(args: &RunArgs) -> Result<(), String> {
    let Some(first) = args.paths.first() else { return Ok(()) };
    if first.exists() {
        return Ok(());
    }
    let typed = first.to_string_lossy();
    let best = COMMANDS.iter().map(|c| (edit_distance(&typed, c), *c)).filter(|(d, _)| *d <= 2).min();
    match best {
        Some((_, command)) => Err(format!("`{typed}` is neither a file nor a command; did you mean `{command}`?")),
        None => Ok(()),
    }
}

/// Levenshtein distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The transforms the registry knows, for the config layer: (id, stable?).
fn known_transforms() -> Vec<(&'static str, bool)> {
    transforms::REGISTRY.iter().map(|t| (t.id.as_str(), t.status == transforms::Status::Stable)).collect()
}

/// The flags that were given, as a config layer on top of every asyncmod.toml.
fn flag_settings(args: &RunArgs) -> Result<config::Settings, String> {
    let parse = |ids: &[String]| ids.iter().map(|s| transforms::parse_id(s.trim())).collect::<Result<Vec<_>, _>>();
    let only = parse(&args.only)?;
    let skip = parse(&args.skip)?;
    if let Some(both) = only.iter().find(|id| skip.contains(id)) {
        return Err(format!("--only and --skip both name {both}: nothing would run it"));
    }
    if let Some(n) = args.max_concurrency {
        if n == 0 || n > config::MAX_CONCURRENCY {
            return Err(format!(
                "--max-concurrency must be between 1 and {} (int.MaxValue, the largest SemaphoreSlim limit)",
                config::MAX_CONCURRENCY
            ));
        }
    }
    let names = |ids: Vec<TransformId>| ids.into_iter().map(|t| t.as_str().to_string()).collect::<Vec<_>>();
    let flag = |on: bool| on.then_some(true);
    Ok(config::Settings {
        enable: (!only.is_empty()).then(|| names(only)),
        disable: (!skip.is_empty()).then(|| names(skip)),
        preview: flag(args.preview),
        unsafe_fixes: flag(args.unsafe_fixes),
        max_concurrency: args.max_concurrency,
        rename_async: flag(args.rename_async),
        allow_boundaries: flag(args.allow_boundaries),
        public_api: args.public_api.map(|p| match p {
            PublicApi::Keep => config::file::PublicApi::Keep,
            PublicApi::Change => config::file::PublicApi::Change,
        }),
        token_hops: args.token_hops.map(|n| n.min(u32::MAX as usize) as u32),
        exclude: None,
        severity: None,
    })
}

/// Everything a run needs: the workspace with each project's settings, and the options.
struct Prepared {
    ws: workspace::Workspace,
    options: RunOptions,
    resolution: config::Resolution,
}

fn prepare(args: &RunArgs) -> Result<Prepared, String> {
    if args.jobs == Some(0) {
        return Err("--jobs must be at least 1".into());
    }
    let flags = flag_settings(args)?;
    let mut ws = workspace::discover(&args.paths);
    ws.override_defines(&args.define, &args.undefine);
    let known = known_transforms();
    let resolution = config::apply(&mut ws, &flags, &known)?;
    let enabled = resolution.enabled.iter().filter_map(|id| transforms::parse_id(id).ok()).collect();
    let options = RunOptions {
        enabled,
        jobs: args.jobs,
        plan: PlanOptions {
            include_review: args.include_review,
            max_concurrency: resolution.max_concurrency.map(|n| n as usize),
            rename_async: args.rename_async,
            allow_boundaries: args.allow_boundaries,
            change_public_api: args.public_api == Some(PublicApi::Change),
            unsafe_fixes: args.unsafe_fixes,
            token_hops: resolution.token_hops.map(|n| n as usize),
        },
        parse_all: args.parse_all,
        full_parse_share: if args.lazy_rounds_only { None } else { Some(crate::engine::DEFAULT_FULL_PARSE_SHARE) },
        progress: None,
        report_unused_suppressions: args.report_unused_suppressions,
        rejections: Vec::new(),
        change_set_diffs: false,
        after_reading: None,
    };
    Ok(Prepared { ws, options, resolution })
}

fn format_of(args: &RunArgs) -> Result<Format, String> {
    match (args.json, args.format) {
        (true, Some(f)) if f != Format::Json => Err("--json is --format json; give one of them".into()),
        (true, _) => Ok(Format::Json),
        (false, f) => Ok(f.unwrap_or_default()),
    }
}

/// Runs the engine on a copy of a prepared workspace, with a progress line on a terminal: a review runs it again.
fn run_engine(prepared: &Prepared, quiet: bool) -> RunResult {
    run_engine_on(prepared.ws.clone(), prepared, quiet)
}

/// Runs the engine on a workspace prepared for it (see `run_engine`).
fn run_engine_on(ws: workspace::Workspace, prepared: &Prepared, quiet: bool) -> RunResult {
    let mut options = prepared.options.clone();
    let line = if !quiet && std::io::stderr().is_terminal() {
        let progress = std::sync::Arc::new(engine::progress::Progress::default());
        options.progress = Some(progress.clone());
        Some(progress::ProgressLine::start(progress))
    } else {
        None
    };
    let result = engine::run(ws, &options);
    drop(line);
    result
}

fn run(args: RunArgs, mode: Mode) -> Result<i32, String> {
    let format = format_of(&args)?;
    if args.interactive && mode == Mode::Check {
        return Err("-i reviews changes: use it with `apply` or `diff`".into());
    }
    if args.interactive && format != Format::Text {
        return Err("-i prints its review on the terminal: it takes no --format".into());
    }
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
            Some(report::baseline::read(&text).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let mut prepared = prepare(&args)?;
    prepared.options.change_set_diffs = format == Format::Sarif || args.interactive;
    // What the report needs of the workspace, before a run that is given the workspace itself.
    let severity = severities(&prepared);
    let projects = if format == Format::Msbuild { project_files(&prepared.ws) } else { Default::default() };
    let mut result = if args.interactive {
        review::review(&mut prepared, color_enabled_on_stderr(args.color))
    } else {
        // Not copied: the copy was what the engine keeps of every file (its path, its settings) a second time.
        let ws = std::mem::take(&mut prepared.ws);
        run_engine_on(ws, &prepared, args.quiet)
    };
    let mut written: Vec<String> = Vec::new();
    if mode == Mode::Apply {
        match crate::apply::write_all(&result.changes) {
            Ok(()) => written = result.changes.iter().map(|c| c.source.display.clone()).collect(),
            Err(errors) => {
                result.changes.clear();
                result.errors.extend(errors);
                for site in result.sites.iter_mut().filter(|s| s.outcome == Outcome::Rewritten) {
                    let why = Reason::NotWritten { fix: std::mem::take(&mut site.reason) };
                    site.outcome = Outcome::Reported;
                    site.reason = why.to_string();
                    site.reason_code = Some(why.code());
                }
            }
        }
    }
    if !args.relative {
        rebase_on_work_tree(&mut result, format);
    }
    let all_findings: Vec<SiteReport> = findings(&result).into_iter().cloned().collect();
    let all_findings: Vec<&SiteReport> = all_findings.iter().collect();
    if let Some(path) = &args.write_baseline {
        std::fs::write(path, report::baseline::record(&all_findings))
            .map_err(|e| format!("cannot write the baseline {}: {e}", path.display()))?;
    }
    let (shown, known) = match &baseline {
        Some(b) => report::baseline::filter(all_findings, b),
        None => (all_findings, 0),
    };
    if known > 0 {
        result.notes.push(format!("{known} finding(s) recorded in the baseline left out"));
    }
    let level = |s: &SiteReport| {
        let map = severity.get(&s.path).or_else(|| severity.get("")).cloned().unwrap_or_default();
        report::formats::level(s, &map)
    };
    let project_of = |path: &str| projects.get(path).cloned();
    let ctx =
        report::formats::Context { result: &result, findings: shown.clone(), level: &level, project_of: &project_of };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let printed = match format {
        Format::Json => {
            let level_of =
                |s: &SiteReport| matches!(s.outcome, Outcome::Rewritten | Outcome::Reported).then(|| level(s).as_str());
            writeln!(out, "{}", report::json::render_with_levels(&result, mode.name(), &level_of))
        }
        Format::Sarif => {
            let suppressed: Vec<&SiteReport> =
                result.sites.iter().filter(|s| s.outcome == Outcome::Suppressed).collect();
            writeln!(out, "{}", report::formats::sarif(&ctx, &result.change_sets, &suppressed, None))
        }
        Format::Github => write!(out, "{}", report::formats::github(&ctx)),
        Format::Msbuild => write!(out, "{}", report::formats::msbuild(&ctx)),
        Format::Gitlab => writeln!(out, "{}", report::formats::gitlab(&ctx)),
        Format::Junit => write!(out, "{}", report::formats::junit(&ctx)),
        Format::Text => match mode {
            Mode::Diff => print_diffs(&mut out, &result, color_enabled(args.color)),
            Mode::Check => print_findings(&mut out, &result, &shown, args.show_fixes),
            Mode::Apply if args.quiet => Ok(()),
            Mode::Apply => written.iter().try_for_each(|path| writeln!(out, "{path}")),
        },
    };
    if let Err(e) = printed {
        // A closed pipe (`asyncmod diff | head`) is not an error worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write output: {e}"));
        }
    }
    if args.statistics {
        eprint!("{}", report::formats::statistics(&ctx));
    }
    if !args.quiet {
        eprint!("{}", report::summary::summary_listing(&result, mode == Mode::Apply, mode != Mode::Check));
    }
    // Errors are printed even with -q: it silences the summary, never a failure.
    eprint!("{}", report::summary::errors(&result));
    if args.stats {
        eprint!("{}", report::stats::render(&result.stats));
    }
    Ok(exit_code(&result, mode, !shown.is_empty()))
}

/// The findings of a run: every root cause rewritten and every site reported, in order (the rewrites its fix
/// makes elsewhere belong to it; suppressed and left-alone sites are no findings).
fn findings(result: &RunResult) -> Vec<&SiteReport> {
    result
        .sites
        .iter()
        .filter(|s| match s.outcome {
            Outcome::Rewritten => s.root || s.change_set.is_none(),
            Outcome::Reported => true,
            Outcome::LeftAlone | Outcome::Suppressed => false,
        })
        .collect()
}

/// The levels asyncmod.toml sets, by file as shown ("" for the run's default).
fn severities(
    prepared: &Prepared,
) -> std::collections::HashMap<String, std::collections::BTreeMap<String, config::Level>> {
    let mut by_project: std::collections::HashMap<String, std::collections::BTreeMap<String, config::Level>> =
        Default::default();
    for (project, resolved) in &prepared.resolution.projects {
        if let Some(map) = &resolved.settings.severity {
            by_project.insert(project.clone(), map.clone());
        }
    }
    let mut out = std::collections::HashMap::new();
    if by_project.is_empty() {
        return out;
    }
    let display_of: std::collections::HashMap<&std::path::Path, &str> =
        prepared.ws.projects().iter().map(|p| (p.path.as_path(), p.display.as_str())).collect();
    for f in &prepared.ws.files {
        let found = f
            .settings
            .project
            .as_deref()
            .and_then(|p| display_of.get(p))
            .and_then(|display| by_project.get(*display))
            .or_else(|| by_project.values().next());
        if let Some(map) = found {
            out.insert(f.display.clone(), map.clone());
        }
    }
    out
}

/// Each file's project file, as MSBuild names it in a diagnostic (absolute).
fn project_files(ws: &workspace::Workspace) -> std::collections::HashMap<String, String> {
    ws.files
        .iter()
        .filter_map(|f| {
            let project = f.settings.project.as_ref()?;
            let absolute = std::fs::canonicalize(project).unwrap_or_else(|_| project.clone());
            Some((f.display.clone(), absolute.to_string_lossy().into_owned()))
        })
        .collect()
}

/// Inside a git work tree, diffs and CI formats name files from its root, as `git diff` and code scanning do:
/// `git apply` at the root then finds them whatever folder asyncmod ran in.
fn rebase_on_work_tree(result: &mut RunResult, format: Format) {
    if matches!(format, Format::Json | Format::Msbuild | Format::Junit) {
        return;
    }
    let Ok(cwd) = std::env::current_dir().and_then(std::fs::canonicalize) else { return };
    let Some(root) = cwd.ancestors().find(|d| d.join(".git").exists()) else { return };
    let Ok(prefix) = cwd.strip_prefix(root) else { return };
    if prefix.as_os_str().is_empty() {
        return;
    }
    let rebase = |shown: &str| -> String {
        let path = std::path::Path::new(shown);
        let joined = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
        let mut normal = PathBuf::new();
        for c in joined.components() {
            match c {
                std::path::Component::ParentDir => {
                    normal.pop();
                }
                std::path::Component::CurDir => {}
                other => normal.push(other),
            }
        }
        match normal.strip_prefix(root) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => shown.to_string(),
        }
    };
    for change in &mut result.changes {
        change.source.display = rebase(&change.source.display);
    }
    for set in &mut result.change_sets {
        for change in &mut set.changes {
            change.source.display = rebase(&change.source.display);
        }
    }
    for site in &mut result.sites {
        site.path = rebase(&site.path);
    }
}

fn exit_code(result: &RunResult, mode: Mode, findings: bool) -> i32 {
    if !result.errors.is_empty() {
        return EXIT_ERROR;
    }
    if mode == Mode::Check && findings {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn color_enabled_on_stderr(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn print_diffs(out: &mut impl Write, result: &RunResult, color: bool) -> std::io::Result<()> {
    for change in &result.changes {
        let diff = report::diff::unified(change);
        let diff = if color { report::diff::colorize(&diff) } else { diff };
        out.write_all(&report::diff::in_file_encoding(change, &diff))?;
    }
    Ok(())
}

/// One line per finding; with `show_fixes`, the changes each root's fix makes elsewhere, under it.
fn print_findings(
    out: &mut impl Write,
    result: &RunResult,
    shown: &[&SiteReport],
    show_fixes: bool,
) -> std::io::Result<()> {
    // The parts of each set, taken out as the set's first root is listed.
    let mut parts: std::collections::BTreeMap<usize, Vec<&SiteReport>> = Default::default();
    if show_fixes {
        for s in result.sites.iter().filter(|s| !s.root) {
            if let Some(set) = s.change_set {
                parts.entry(set).or_default().push(s);
            }
        }
    }
    for site in shown {
        writeln!(out, "{}", report::summary::check_line(site))?;
        let Some(set) = site.change_set.filter(|_| site.root) else { continue };
        for part in parts.remove(&set).unwrap_or_default() {
            writeln!(out, "    fix: {}", report::summary::check_line(part))?;
        }
    }
    Ok(())
}

/// `asyncmod config`: the settings each project resolves to.
fn show_config(args: RunArgs) -> Result<i32, String> {
    let prepared = prepare(&args)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut text = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(text, "transforms run: {}", prepared.resolution.enabled.join(", "));
    if let Some(n) = prepared.resolution.max_concurrency {
        let _ = writeln!(text, "max-concurrency: {n}");
    }
    if let Some(n) = prepared.resolution.token_hops {
        let _ = writeln!(text, "token-hops: {n}");
    }
    for (project, r) in &prepared.resolution.projects {
        let _ = writeln!(text, "\n{project}");
        let cwd = std::env::current_dir().unwrap_or_default();
        let files: Vec<String> =
            r.files.iter().map(|f| f.strip_prefix(&cwd).unwrap_or(f).display().to_string()).collect();
        let _ = writeln!(text, "  files: {}", if files.is_empty() { "(none)".to_string() } else { files.join(", ") });
        let _ = writeln!(text, "  enabled: {}", r.enabled.join(", "));
        let s = &r.settings;
        let show = |v: Option<bool>| v.map_or("-".to_string(), |b| b.to_string());
        let _ = writeln!(text, "  disable: {}", s.disable.clone().unwrap_or_default().join(", "));
        let _ = writeln!(text, "  preview: {}", show(s.preview));
        let _ = writeln!(text, "  unsafe-fixes: {}", show(s.unsafe_fixes));
        let _ = writeln!(text, "  allow-boundaries: {}", show(s.allow_boundaries));
        let _ = writeln!(text, "  rename-async: {}", show(s.rename_async));
        let api = s.public_api.map_or("-", |p| if p == config::file::PublicApi::Change { "change" } else { "keep" });
        let _ = writeln!(text, "  public-api: {api}");
        let _ = writeln!(text, "  max-concurrency: {}", s.max_concurrency.map_or("-".to_string(), |n| n.to_string()));
        let _ = writeln!(text, "  token-hops: {}", s.token_hops.map_or("-".to_string(), |n| n.to_string()));
        let _ = writeln!(text, "  exclude: {}", s.exclude.clone().unwrap_or_default().join(", "));
        if let Some(sev) = &s.severity {
            let levels: Vec<String> = sev.iter().map(|(k, v)| format!("{k} = {}", v.as_str())).collect();
            let _ = writeln!(text, "  severity: {}", levels.join(", "));
        }
    }
    out.write_all(text.as_bytes()).map_err(|e| format!("cannot write output: {e}"))?;
    Ok(EXIT_OK)
}

fn list() {
    for t in transforms::REGISTRY {
        let status = match t.status {
            transforms::Status::Preview => " (preview)",
            transforms::Status::Stable => "",
        };
        println!("{:<20} {}{}", t.id.as_str(), t.summary, status);
    }
}

fn explain(args: ExplainArgs) -> Result<i32, String> {
    let rows: Vec<&transforms::Transform> = if args.all {
        transforms::REGISTRY.to_vec()
    } else {
        let id = transforms::parse_id(args.id.as_deref().unwrap_or_default())?;
        vec![transforms::info(id)]
    };
    if args.json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|t| {
                serde_json::json!({
                    "id": t.id.as_str(),
                    "status": t.status,
                    // Every registered transform is built; the field stays for readers of schema 1.
                    "available": true,
                    "summary": t.summary,
                    "documentation": t.readme,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&items).expect("plain JSON values"));
        return Ok(EXIT_OK);
    }
    for (i, t) in rows.iter().enumerate() {
        if i > 0 {
            println!("\n{}\n", "-".repeat(72));
        }
        let status = match t.status {
            transforms::Status::Stable => "stable",
            transforms::Status::Preview => "preview",
        };
        println!("{} ({status}): {}\n", t.id, t.summary);
        print!("{}", t.readme);
    }
    Ok(EXIT_OK)
}
