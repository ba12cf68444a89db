//! async-lambda-void: an async lambda passed where the delegate returns void runs as `async void`: nobody waits
//! for it, and its exceptions crash the process. `list.ForEach(async x => …)` and `Array.ForEach(a, async x => …)`
//! become a `foreach` loop with the lambda's body, awaited in order; `Parallel.For`, events outside UI code and
//! `Action` parameters of solution methods are reported (the delegate type is not the code's to change here).
//!
//! `detect` reads the tree (the lambda, where it is passed, the names it would bring into the enclosing scope);
//! `plan` proves what the index must (the receiver is a `List<T>`, the delegate returns void) and writes the loop.

mod detect;
mod plan;

use std::ops::Range;

use super::{Status, Transform};
use crate::index::facts::TypeExpr;
use crate::model::{Reason, TransformId};

pub const ID: TransformId = TransformId::new(8, "async-lambda-void");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "async lambdas passed as void delegates: `ForEach(async …)` → `foreach` with await; others reported",
    status: Status::Preview,
    readme: include_str!("../../../transforms/async-lambda-void/README.md"),
    // `async x =>`, `async (x) =>`, `async delegate`, `async static x =>`, `async [A] x =>` (after `async`, a
    // lambda's parameters, `delegate`, `static` or an attribute; `static async` has `async` next to its parameters).
    triggers: &[
        r"\basync\s*(?:\(|\[|delegate\b|static\b)",
        r"\basync\s+@?[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*\s*=>",
    ],
    detect: |input| super::detections(ID, detect::detect(input)),
    plan: |detections, p| plan::plan(&super::sites_of::<AsyncLambda>(detections, ID), p),
};

/// Analyzer rules that flag an async lambda passed as a void delegate: VSTHRD101, AsyncFixer03 and
/// Meziantou's MA0147 (VSTHRD100 for methods is async-void's).
pub const ASYNC_VOID_LAMBDA_RULES: &[&str] = &["VSTHRD101", "AsyncFixer03", "MA0147", "VSTHRD100"];

/// An async lambda (or anonymous method) passed where a delegate runs it.
#[derive(Clone, Debug)]
pub struct AsyncLambda {
    /// The lambda.
    pub range: Range<usize>,
    /// Where the `async` keyword is (the site's anchor).
    pub anchor: Range<usize>,
    pub place: Place,
    /// The code says the async void lambda is deliberate (a suppressed analyzer rule, `[Obsolete]`).
    pub intent: Option<Reason>,
    pub in_error_region: bool,
    /// Delegate types the file declares that return void (`delegate void Changed();`): the index knows no
    /// delegate declarations, but a site can use its own file's.
    pub void_delegates: Vec<String>,
}

/// Where the lambda is passed.
#[derive(Clone, Debug)]
pub enum Place {
    /// `list.ForEach(async x => …)` or `Array.ForEach(array, async x => …)`.
    ForEach(Box<ForEach>),
    /// `Parallel.For(…)`, `Parallel.Invoke(…)`, or `Parallel.ForEach` in a shape bounded-fanout does not take.
    Parallel { api: String },
    /// `x.Event += async (s, e) => …`.
    Event(Event),
    /// `Action a = async () => …;`: a local or field declared with a delegate type.
    Variable {
        /// The declared type, as written.
        delegate: String,
    },
    /// A framework API that takes the lambda as a delegate that returns void: `new Task(…)` (an `Action`), `new
    /// Thread(…)`, `ThreadPool.QueueUserWorkItem(…)`.
    Framework {
        /// The API, as the report names it.
        api: &'static str,
        /// Its parameter's delegate type.
        delegate: &'static str,
        /// The type name that must not be the solution's own for the API to be the framework's.
        type_name: &'static str,
    },
    /// An argument of another call: void only if the parameter it binds to is a delegate that returns void.
    Argument {
        /// The call, as an index into the file's calls.
        call: u32,
        /// Position among the arguments, and the name of a named argument.
        position: usize,
        name: Option<String>,
    },
}

/// An event subscription.
#[derive(Clone, Debug)]
pub struct Event {
    /// The event as written (`button.Click`).
    pub written: String,
    /// What the left side of `+=` is: the event, with its declared delegate type when the solution declares it.
    pub target: TypeExpr,
    /// The receiver of the event (`button`), for library events.
    pub receiver: TypeExpr,
    /// The event's name (`Click`).
    pub name: String,
    /// The type the subscription is written in.
    pub containing_type: Option<u32>,
}

/// A `ForEach` call and what its rewrite needs.
#[derive(Clone, Debug)]
pub struct ForEach {
    /// The ForEach call, as an index into the file's calls.
    pub call: u32,
    /// `Array.ForEach(array, …)`: the array's type needs no proof.
    pub array: bool,
    /// The collection as written: the receiver, or the array argument.
    pub collection: Range<usize>,
    pub receiver_type: TypeExpr,
    /// The innermost function around the call.
    pub function: Option<u32>,
    pub top_level: bool,
    /// The rewrite, or why the code cannot take one.
    pub rewrite: Result<Loop, Reason>,
}

/// The `foreach` loop that replaces the `ForEach` statement.
#[derive(Clone, Debug)]
pub struct Loop {
    /// The `ForEach(...);` statement.
    pub statement: Range<usize>,
    /// `var x` or `Item x`: the loop variable's declaration.
    pub variable: String,
    pub body: LoopBody,
    /// `return;` statements of the lambda's own body: `continue;` in the loop.
    pub returns: Vec<Range<usize>>,
    /// Indentation of the statement's line, and one level more.
    pub indent: String,
    pub unit: String,
    pub allman: bool,
    /// Line starts inside multi-line string literals: never re-indented.
    pub protected: Vec<Range<usize>>,
    pub line_ending: &'static str,
}

#[derive(Clone, Debug)]
pub enum LoopBody {
    /// A block body, kept: the text between `=>` and `{` (a line break and indentation, or a space), and the
    /// indentation of the block's `{` line when it stands on its own line.
    Block { block: Range<usize>, gap: String, brace_indent: Option<String> },
    /// An expression body: `await …`, written as a statement in a new block.
    Expression(Range<usize>),
}
