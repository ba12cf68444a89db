//! The command line: parsing, dispatch, output and exit codes.

mod progress;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::{self, RunOptions};
use crate::model::{Outcome, Reason, RunResult, TransformId};
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
  asyncmod examples/ShopSolution.sln          preview every rewrite as a unified diff (dry run)
  asyncmod diff src/ | git apply               the diff is git-apply compatible
  asyncmod apply MyApp.sln                     rewrite files in place
  asyncmod check --only sync-over-async .      CI gate: exit 1 when anything would change
  asyncmod diff --json . > report.json         every site, rewritten or reported, as JSON
  asyncmod explain sync-over-async             what a transform does, and what it leaves alone

Inputs: folders (walked, honouring .gitignore; bin/ obj/ and generated files skipped), .cs files,
.sln/.slnx solutions and .csproj projects. Each file takes the settings (LangVersion, TargetFramework)
of the nearest project above it. A project's <ProjectReference>s are read too, to resolve calls into them;
those outside the inputs are never written or reported.

Exit codes: 0 success; 1 check found something to change or report; 2 usage error, fatal error,
or a file that could not be read, parsed or written (the run still does everything else).";

#[derive(Parser, Debug)]
#[command(
    name = "asyncmod",
    version,
    about = "Find and fix async anti-patterns in C# code, a whole solution at a time",
    long_about = "Find and fix async anti-patterns in C# code, a whole solution at a time.\n\n\
asyncmod turns blocking waits (.Result, .Wait(), GetAwaiter().GetResult()) into await and makes the\n\
callers async all the way up, turns async void into async Task, bounds unbounded Task.WhenAll\n\
fan-out, and threads CancellationTokens down call chains. It rewrites only what it can prove from the\n\
syntax and the solution-wide index; every other site is reported with the reason.\n\n\
Without a command it previews the changes as a unified diff (same as `asyncmod diff`).",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Preview the rewrites as a unified diff on stdout (dry run; the default)
    #[command(after_help = "Example: asyncmod diff MyApp.sln > async.patch && git apply async.patch")]
    Diff(RunArgs),
    /// Rewrite the files in place, all of them or none (each atomically: temp file, then rename)
    #[command(after_help = "Example: asyncmod apply --only async-void src/")]
    Apply(RunArgs),
    /// List findings as `path:line:col: transform: message`; exit 1 if anything would change or is reported
    #[command(after_help = "Example (CI): asyncmod check MyApp.sln || exit 1")]
    Check(RunArgs),
    /// List the transforms
    List,
    /// Print a transform's documentation: what it finds, why, before/after, what it leaves alone
    Explain(ExplainArgs),
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
    /// Print a JSON report (schema_version 1) on stdout instead of a diff or findings
    #[arg(long)]
    json: bool,
    /// Worker threads [default: one per core]; output is byte-identical whatever the number
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Color the diff: auto (when stdout is a terminal), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Also rewrite sites whose task type rests only on a name hint (a call to `FooAsync()` on an
    /// unknown receiver); they are reported otherwise
    #[arg(long)]
    include_review: bool,
    /// Add the `Async` suffix to methods that become async, with every call site and override
    /// (never Main, test methods, controller actions, or where the new name is taken)
    #[arg(long)]
    rename_async: bool,
    /// Make a method async even when one of its callers cannot become async (a constructor, a
    /// property, a lock ...) and must keep blocking on it with `.GetAwaiter().GetResult()`. Off by
    /// default, and those sites are reported instead: where that caller runs under a single-threaded
    /// SynchronizationContext (WPF, WinForms, classic ASP.NET), blocking on a method that now awaits
    /// deadlocks. Safe for code that never runs under one (ASP.NET Core, console apps, workers)
    #[arg(long)]
    allow_boundaries: bool,
    /// Public members of published libraries (packable projects, PublicAPI.Shipped.txt) keep their signatures
    /// by default: a chain that would change one stops there and is reported. `change` allows it
    #[arg(long, value_enum, default_value_t = PublicApi::Keep, value_name = "POLICY")]
    public_api: PublicApi,
    /// Also run the preview transforms (see `asyncmod list`); naming one in --only runs it too
    #[arg(long)]
    preview: bool,
    /// Also make the unsafe fixes: changes that compile but may change behaviour or a visible contract
    /// (bounding a fan-out changes its concurrency). `check` shows which fixes are unsafe
    #[arg(long)]
    unsafe_fixes: bool,
    /// Concurrency limit written by bounded-fanout [default: 10 for I/O work,
    /// `Environment.ProcessorCount` for CPU-bound `Task.Run` work]
    #[arg(long, value_name = "N")]
    max_concurrency: Option<usize>,
    /// The most methods cancellation-token adds a token parameter to, along one chain, to reach one call that
    /// takes a token; a longer chain is reported, naming that call [default: 4]
    #[arg(long, value_name = "N")]
    token_hops: Option<usize>,
    /// Treat these preprocessor symbols as defined in every project, on top of its DefineConstants
    /// (DEBUG and TRACE unless the project says otherwise): code under `#if SYMBOL` is then rewritten
    /// and the `#else` side left as it is
    #[arg(long, value_delimiter = ',', value_name = "SYMBOL,...")]
    define: Vec<String>,
    /// Treat these preprocessor symbols as undefined (e.g. `--undefine DEBUG` for a Release view)
    #[arg(long, value_delimiter = ',', value_name = "SYMBOL,...")]
    undefine: Vec<String>,
    /// Parse every file rather than only the ones that can matter (slower; same result)
    #[arg(long, hide = true)]
    parse_all: bool,
    /// Print where the run spent its effort (files and bytes parsed per round, phase times) on stderr
    #[arg(long, hide = true)]
    stats: bool,
    /// Do not print the summary on stderr
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
        None => run(cli.run, Mode::Diff),
        Some(Command::Diff(a)) => run(a, Mode::Diff),
        Some(Command::Apply(a)) => run(a, Mode::Apply),
        Some(Command::Check(a)) => run(a, Mode::Check),
        Some(Command::List) => {
            list();
            Ok(EXIT_OK)
        }
        Some(Command::Explain(a)) => explain(a),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("asyncmod: error: {message}");
            EXIT_ERROR
        }
    }
}

fn enabled_transforms(args: &RunArgs) -> Result<Vec<TransformId>, String> {
    let parse = |ids: &[String]| ids.iter().map(|s| transforms::parse_id(s.trim())).collect::<Result<Vec<_>, _>>();
    let only = parse(&args.only)?;
    let skip = parse(&args.skip)?;
    if let Some(both) = only.iter().find(|id| skip.contains(id)) {
        return Err(format!("--only and --skip both name {both}: nothing would run it"));
    }
    // Preview transforms run when asked for: by --preview, or by name in --only.
    Ok(transforms::REGISTRY
        .iter()
        .filter(|t| {
            if only.is_empty() {
                args.preview || t.status == transforms::Status::Stable
            } else {
                only.contains(&t.id)
            }
        })
        .map(|t| t.id)
        .filter(|id| !skip.contains(id))
        .collect())
}

fn run(args: RunArgs, mode: Mode) -> Result<i32, String> {
    let enabled = enabled_transforms(&args)?;
    if args.jobs == Some(0) {
        return Err("--jobs must be at least 1".into());
    }
    if args.max_concurrency == Some(0) {
        return Err("--max-concurrency must be at least 1".into());
    }
    let mut ws = workspace::discover(&args.paths);
    ws.override_defines(&args.define, &args.undefine);
    let options = RunOptions {
        enabled,
        jobs: args.jobs,
        plan: PlanOptions {
            include_review: args.include_review,
            max_concurrency: args.max_concurrency,
            rename_async: args.rename_async,
            allow_boundaries: args.allow_boundaries,
            change_public_api: args.public_api == PublicApi::Change,
            unsafe_fixes: args.unsafe_fixes,
            token_hops: args.token_hops,
        },
        parse_all: args.parse_all,
        progress: None,
    };
    let mut options = options;
    let line = if !args.quiet && std::io::stderr().is_terminal() {
        let progress = std::sync::Arc::new(engine::progress::Progress::default());
        options.progress = Some(progress.clone());
        Some(progress::ProgressLine::start(progress))
    } else {
        None
    };
    let mut result = engine::run(ws, &options);
    drop(line);
    if mode == Mode::Apply {
        if let Err(errors) = crate::apply::write_all(&result.changes) {
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
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let printed = if args.json {
        writeln!(out, "{}", report::json::render(&result, mode.name()))
    } else {
        match mode {
            Mode::Diff => print_diffs(&mut out, &result, color_enabled(args.color)),
            Mode::Check => print_findings(&mut out, &result),
            Mode::Apply => Ok(()),
        }
    };
    if let Err(e) = printed {
        // A closed pipe (`asyncmod diff | head`) is not an error worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write output: {e}"));
        }
    }
    if !args.quiet {
        eprint!("{}", report::summary::summary(&result, mode == Mode::Apply));
    }
    if args.stats {
        eprint!("{}", report::stats::render(&result.stats));
    }
    Ok(exit_code(&result, mode))
}

fn exit_code(result: &RunResult, mode: Mode) -> i32 {
    if !result.errors.is_empty() {
        return EXIT_ERROR;
    }
    let findings = !result.changes.is_empty() || result.sites.iter().any(|s| s.outcome == Outcome::Reported);
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

fn print_diffs(out: &mut impl Write, result: &RunResult, color: bool) -> std::io::Result<()> {
    for change in &result.changes {
        let diff = report::diff::unified(change);
        let diff = if color { report::diff::colorize(&diff) } else { diff };
        out.write_all(&report::diff::in_file_encoding(change, &diff))?;
    }
    Ok(())
}

fn print_findings(out: &mut impl Write, result: &RunResult) -> std::io::Result<()> {
    for site in result.sites.iter().filter(|s| s.outcome != Outcome::LeftAlone) {
        writeln!(out, "{}", report::summary::check_line(site))?;
    }
    Ok(())
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
