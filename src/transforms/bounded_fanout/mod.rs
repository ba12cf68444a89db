//! bounded-fanout: `Task.WhenAll` over every item of a collection, or
//! `Parallel.ForEach` with an async lambda, starts all the work at once. The
//! rewrite puts a `SemaphoreSlim` around each item (`WaitAsync` before `try`,
//! `Release` in `finally`, the semaphore disposed after the awaited
//! `WhenAll`), or uses `Parallel.ForEachAsync` on .NET 6+.
//!
//! Detection (per file, with the tree) finds the sites and records what the
//! rewrite needs as byte ranges; planning decides what the index and options
//! must settle (is the work inside `Task.Run` async? which limit?) and emits
//! edits. `layout` knows indentation.

mod detect;
mod layout;
mod rewrite;
mod source;
mod tree;

use std::ops::Range;

use super::{FileInput, Status, Transform};
use crate::index::facts::TypeExpr;
use crate::index::FileId;
use crate::model::TransformId;
use crate::model::{Finding, Reason};
use crate::plan::Planner;

pub use layout::Style;

pub const ID: TransformId = TransformId::new(2, "bounded-fanout");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "unbounded `Task.WhenAll` fan-out → bounded with SemaphoreSlim or Parallel.ForEachAsync",
    status: Status::Preview,
    readme: include_str!("../../../transforms/bounded-fanout/README.md"),
    triggers: &["WhenAll", "WaitAll", "ForEach"],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<Fanout>(detections, ID), p),
};

/// One site: a `Task.WhenAll(...)` or `Parallel.ForEach(...)` invocation, and what to do with it.
#[derive(Clone, Debug)]
pub struct Fanout {
    /// The `Task.WhenAll(...)` / `Parallel.ForEach(...)` invocation.
    pub anchor: Range<usize>,
    /// What is wrong here, for sites rewritten or reported.
    pub finding: Finding,
    /// What the site is, for sites left alone (`Task.WhenAll`).
    pub name: &'static str,
    pub verdict: Verdict,
}

#[derive(Clone, Debug)]
pub enum Verdict {
    /// Not an unbounded fan-out (a fixed set, already bounded, batched).
    LeftAlone(Reason),
    /// A fan-out this transform cannot rewrite safely.
    Reported(Reason),
    Rewrite(Box<Rewrite>),
}

/// Everything a rewrite needs, without the tree.
#[derive(Clone, Debug)]
pub struct Rewrite {
    pub form: Form,
    /// Innermost function around the site; `None` in top-level statements.
    pub function: Option<u32>,
    pub containing_type: Option<u32>,
    /// Start of the outermost member around the site: new names are unique within it.
    pub scope: usize,
    /// Identifiers used anywhere in that member (sorted): new names avoid them.
    pub taken: Vec<String>,
    /// The `WhenAll` is awaited with `.ConfigureAwait(false)`: new awaits do the same.
    pub configure_await: bool,
    pub result: ResultUse,
    /// Where the limiter goes, or why there is no place for it.
    pub placement: Result<Placement, Reason>,
    /// C# 8+: `using var`; otherwise a `using (...) { }` block.
    pub using_declaration: bool,
    /// Every target is .NET 6+ (`Parallel.ForEachAsync` exists).
    pub net6: bool,
    /// The `WhenAll` is waited on synchronously; sync-over-async must put its `await` here in the same run.
    pub sync_wait: Option<usize>,
    /// The source's size, when the code shows it; compared with the limit at planning.
    pub cap: Option<Cap>,
    pub style: Style,
    /// Multi-line string literals: lines starting inside them are never re-indented.
    pub protected: Vec<Range<usize>>,
    pub comments: Vec<Range<usize>>,
    /// The file imports `System.Timers`, whose `Timer` a `using System.Threading;` would make ambiguous.
    pub qualify_threading: bool,
}

/// Where the limiter is declared.
#[derive(Clone, Debug)]
pub struct Placement {
    /// The statement the limiter's declaration goes before (directly inside a block).
    pub statement: Range<usize>,
    /// End of the last statement a `using (...) { }` block must cover (C# < 8), or why no block can.
    pub block_end: Result<usize, Reason>,
}

#[derive(Clone, Debug)]
pub enum Form {
    /// `src.Select(selector)` passed to `Task.WhenAll`, directly or through a local.
    Select(Selector),
    /// `foreach (var x in src) tasks.Add(work);` before `await Task.WhenAll(tasks)`.
    ForeachAdd(ForeachAdd),
    /// `Parallel.ForEach(src, async x => ...)`.
    ParallelForEach(ParallelForEach),
}

#[derive(Clone, Debug)]
pub enum Selector {
    Lambda(Lambda),
    /// `src.Select(WorkAsync)`: called with the item inside a new lambda.
    MethodGroup {
        range: Range<usize>,
        name: String,
        value: Value,
    },
}

#[derive(Clone, Debug)]
pub struct Lambda {
    pub range: Range<usize>,
    pub params: Range<usize>,
    pub param_count: usize,
    pub typed_params: bool,
    pub is_async: bool,
    /// End of `=>`.
    pub arrow_end: usize,
    pub body: Range<usize>,
    /// The per-item work; `None` when the body cannot be restructured (reason given).
    pub work: Result<Work, Reason>,
    /// The body already waits on a SemaphoreSlim (or a rate limiter).
    pub bounded: bool,
}

/// The per-item work, as it goes into `try { ... }`.
#[derive(Clone, Debug)]
pub struct Work {
    pub keep: Keep,
    /// `Task.Run(...)` around async work: always, or when this expression is proven to be a task.
    pub runs_async: Option<RunsAsync>,
    /// Keeping the `Task.Run` means CPU-bound synchronous work.
    pub cpu_if_kept: bool,
}

#[derive(Clone, Debug)]
pub enum Keep {
    /// One expression, kept in place: `[return ][await ]expr;`.
    Expr {
        range: Range<usize>,
        /// `await` must be added (a task expression, not an await expression).
        add_await: bool,
        /// `await (expr)`: the expression binds looser than `await`.
        parens: bool,
        /// Valid as an expression statement (otherwise it is returned).
        statement: bool,
        value: Value,
    },
    /// The statements of a block body, moved into `try { }`.
    Block {
        interior: Range<usize>,
        /// Indentation of the block's statements.
        indent: String,
        returns_value: bool,
    },
}

impl Keep {
    fn range(&self) -> Range<usize> {
        match self {
            Keep::Expr { range, .. } => range.clone(),
            Keep::Block { interior, .. } => interior.clone(),
        }
    }
}

/// What tells whether the work yields a value (`Task<T>`) or not (`Task`).
#[derive(Clone, Debug)]
pub enum Value {
    /// A task expression.
    TaskOf(TypeExpr),
    /// A plain expression (an async lambda's result).
    Plain(TypeExpr),
    /// The body of `Task.Run(() => body)`.
    RunOf(TypeExpr),
    Known(bool),
}

/// What a `Task.Run` around the work runs: async work (I/O, not CPU-bound), or work that is async only if this
/// expression is proven to be a task.
#[derive(Clone, Debug)]
pub enum RunsAsync {
    Always,
    IfTaskTyped(TypeExpr),
}

#[derive(Clone, Debug)]
pub struct ForeachAdd {
    /// The foreach statement.
    pub statement: Range<usize>,
    /// End of the `)` closing the foreach header.
    pub header_end: usize,
    pub body: Range<usize>,
    pub body_is_block: bool,
    /// Each `tasks.Add(...)` of the loop, in source order: one, or several under conditions (`if`/`else`
    /// branches, switch sections), each standing in a statement list of its own.
    pub adds: Vec<Added>,
    /// The list's element type, `Task` or `Task<T>`.
    pub element: String,
}

/// One `tasks.Add(work)` of a foreach fan-out.
#[derive(Clone, Debug)]
pub struct Added {
    pub add_statement: Range<usize>,
    /// The argument of `tasks.Add(...)`.
    pub argument: Range<usize>,
    pub work: Work,
}

#[derive(Clone, Debug)]
pub struct ParallelForEach {
    pub invocation: Range<usize>,
    /// The `ForEach` identifier.
    pub name: Range<usize>,
    pub source: Range<usize>,
    /// The source must be parenthesized before `.Select(`.
    pub source_parens: bool,
    /// A `ParallelOptions` argument.
    pub options: Option<Range<usize>>,
    pub lambda: Lambda,
    pub top_level: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultUse {
    /// `await Task.WhenAll(...);`: results are dropped.
    Discarded,
    /// `var r = await Task.WhenAll(...)`: each item returns its value.
    Used,
    /// The tasks local is read elsewhere: the element type must stay exactly as it was.
    ElementTypeKept,
}

#[derive(Clone, Debug)]
pub enum Cap {
    /// A source of this many items (`new[] { a, b }`, `Enumerable.Range(0, 3)`).
    Fixed(usize),
    /// `.Take(n)` on the source; `None` when `n` is not a literal.
    Take(Option<usize>, String),
}

pub fn detect(input: &FileInput) -> Vec<Fanout> {
    detect::detect(input)
}

pub fn plan(sites: &[(FileId, &Fanout)], p: &mut Planner) {
    rewrite::plan(sites, p)
}
