//! Per-file facts: a compact, tree-free record of what a file declares and
//! calls, with the byte ranges later edits need. Trees are dropped after this.
//! The record is defined here; `extract` builds it from a tree, and `shapes` reads what single nodes mean
//! (the kind of function a node declares, its parameters, the type an expression has), for the extractor
//! and for the transforms that look at trees themselves.

mod argument;
mod extract;
mod shapes;
mod shared_type;
mod span;

use std::ops::Range;

use crate::atom::Atom;
use crate::model::Context;

pub use argument::{ArgumentShape, Literal, PassedBy, RealSuffix};
pub use extract::{extract, unparsable};
pub use shapes::{catches_aggregate, function_kind, needs_parens_when_awaited, parse_params, type_expr};
pub use shared_type::TypeRef;
pub use span::Span;

/// A type as far as the syntax tells; resolved against the solution index later.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    Unknown,
    /// A type written in the source (`Task<int>`, `IRepo`).
    Written(Atom),
    /// `this`, or a call with no receiver.
    This,
    Base,
    /// A name not declared locally: a member of the enclosing type (maybe in another part or a base) or a type name.
    Name(Atom),
    /// The value returned by a call.
    Call {
        receiver: TypeRef,
        name: Atom,
        arity: u32,
        /// What may fix a generic method's type parameters at this call, when the call writes any of it.
        fixing: Option<Box<CallTypes>>,
    },
    /// A field or property read.
    Member {
        receiver: TypeRef,
        name: Atom,
    },
    /// `await e`.
    Await(TypeRef),
    /// An element of a sequence: `x` of `foreach (var x in e)`.
    Element(TypeRef),
    /// `e[i]`: what the indexer of `e`'s type gives.
    Indexed(TypeRef),
    /// Parameter `position` of a lambda passed to `receiver.method(…)`, whose type the method fixes: the element
    /// of a sequence for a LINQ operator, the mocked type for a test double's `Setup`.
    LambdaParam {
        receiver: TypeRef,
        method: Atom,
        position: u32,
    },
    /// `receiver.Select(x => body)`: a sequence of what `body` is.
    Select {
        receiver: TypeRef,
        body: TypeRef,
    },
    /// Values that have one type when they agree: the branches of `?:`, the sides of `??`.
    Agree(Vec<TypeExpr>),
    /// `new[] { … }`: an array of the type its elements agree on.
    ArrayOf(TypeRef),
    /// What invoking a delegate of this type gives (`Func<int, Order>` → `Order`).
    Invoke(TypeRef),
    /// A query expression (`from x in source … select …`) over `source`: a query or a sequence, of elements the
    /// index does not follow.
    Query(TypeRef),
    /// `out var x` passed as argument `position` of a call: that parameter's type.
    OutArg {
        call: TypeRef,
        position: u32,
    },
    /// Variable `position` of a deconstruction (`var (a, b) = value;`, `(var a, var b) = value;`,
    /// `foreach (var (k, v) in …)`): that element of the tuple `value` is.
    Deconstructed {
        value: TypeRef,
        position: u32,
    },
}

/// What the syntax says may fix a generic method's type parameters at a call: the type arguments written
/// (`Make<Order>()`), and the type written for each argument where the syntax tells it (`Load(new Order())`, a
/// parameter or local declared `Order`); recorded only when one of them is there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct CallTypes {
    pub type_args: Vec<Atom>,
    /// One per argument, in order; empty when an argument is named (its place no longer says its parameter).
    pub args: Vec<Option<Atom>>,
}

impl TypeExpr {
    /// A call whose generic type parameters nothing written at the call fixes.
    pub fn call(receiver: TypeExpr, name: impl Into<Atom>, arity: u32) -> TypeExpr {
        TypeExpr::Call { receiver: TypeRef::new(receiver), name: name.into(), arity, fixing: None }
    }

    /// How many nodes the expression holds: a local's type is copied into the types of locals computed from it,
    /// and a bound keeps long chains of such locals from growing without limit.
    pub fn size(&self) -> usize {
        1 + match self {
            TypeExpr::Call { receiver, .. } | TypeExpr::Member { receiver, .. } => receiver.size(),
            TypeExpr::Await(e) | TypeExpr::Element(e) | TypeExpr::Indexed(e) | TypeExpr::ArrayOf(e) => e.size(),
            TypeExpr::Invoke(e) | TypeExpr::Query(e) => e.size(),
            TypeExpr::LambdaParam { receiver, .. } => receiver.size(),
            TypeExpr::Select { receiver, body } => receiver.size() + body.size(),
            TypeExpr::Agree(all) => all.iter().map(TypeExpr::size).sum(),
            TypeExpr::OutArg { call, .. } => call.size(),
            TypeExpr::Deconstructed { value, .. } => value.size(),
            TypeExpr::Unknown | TypeExpr::Written(_) | TypeExpr::This | TypeExpr::Base | TypeExpr::Name(_) => 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Class,
    Struct,
    Interface,
    Record,
}

#[derive(Clone, Debug)]
pub struct TypeDecl {
    pub name: Atom,
    pub kind: TypeKind,
    /// Base class and interfaces, as simple names.
    pub bases: Vec<Atom>,
    pub attributes: Vec<Atom>,
    /// Fields and properties: name and written type.
    pub members: Vec<(Atom, Atom)>,
    /// Generic type parameter names (`T` of `Repo<T>`).
    pub type_params: Vec<Atom>,
    /// Visible outside its assembly: declared `public` (or `protected` when nested), inside types that are too.
    pub visible_outside: bool,
    pub range: Range<usize>,
    /// The full name of the namespace it is declared in (`A.B` inside `namespace A { namespace B { … } }`), empty
    /// for the global namespace.
    pub namespace: Atom,
    /// The type it is nested in, as an index into `FileFacts::types`.
    pub outer: Option<u32>,
    /// `bases` as written (`Shop.Data.Repository<Order>`), whitespace removed: what the compiler looks up.
    pub written_bases: Vec<Atom>,
}

/// A namespace declaration, or the compilation unit, with the `using` directives written directly in it: what a
/// name written inside it can mean (see `Index::types_visible_from`).
#[derive(Clone, Debug, Default)]
pub struct UsingScope {
    /// The full name of the namespace it declares, empty for the compilation unit.
    pub namespace: Atom,
    /// What it covers: a namespace block, the rest of the file after a file-scoped namespace, the whole file.
    pub range: Range<usize>,
    /// `using N;`
    pub imports: Vec<Atom>,
    /// `using static T;`: the type as written.
    pub statics: Vec<Atom>,
    /// `using A = T;`: the alias and the target as written.
    pub aliases: Vec<(Atom, Atom)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    Method,
    LocalFunction,
    Lambda,
    AnonymousMethod,
    Constructor,
    Destructor,
    Operator,
    Accessor,
    /// An expression-bodied property or indexer (`int P => ...`).
    PropertyArrow,
    /// A field or property initializer.
    Initializer,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Atom,
    pub type_text: Atom,
    pub modifiers: Box<[Atom]>,
    pub has_default: bool,
    /// The whole parameter as written (modifiers, type, name and default).
    pub range: Span,
}

impl Param {
    pub fn is_params_array(&self) -> bool {
        self.modifiers.iter().any(|m| m == "params")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Block(Span),
    /// The expression of `=> expr`.
    Arrow(Span),
    None,
}

/// A function-like node: the innermost one around a site decides how `await` can reach it.
#[derive(Clone, Debug)]
pub struct Function {
    pub kind: FunctionKind,
    pub name: Atom,
    /// Where the name is written (empty for nameless functions).
    pub name_range: Span,
    pub range: Span,
    /// Index of the enclosing type in `FileFacts::types`.
    pub containing_type: Option<u32>,
    /// Index of the enclosing function.
    pub parent: Option<u32>,
    /// Boxed slices, not vectors, here and below: a function's lists never grow once recorded, and every parsed
    /// function is kept until the run ends.
    pub params: Box<[Param]>,
    /// The parameter list, parentheses included (`None` for `x => ...` and parameterless forms).
    pub params_range: Option<Span>,
    pub type_param_count: u32,
    /// Generic type parameter names of the function itself.
    pub type_params: Box<[Atom]>,
    pub return_type: Atom,
    /// Where the return type is written (empty for lambdas).
    pub return_type_range: Span,
    pub modifiers: Box<[Atom]>,
    pub attributes: Box<[Atom]>,
    /// `I.M` explicit interface implementation.
    pub explicit_interface: Option<Atom>,
    pub body: Body,
    /// Offset where an `async ` modifier goes (before the return type, or before a lambda's parameters).
    pub async_insert_at: u32,
    pub is_iterator: bool,
    pub has_error: bool,
    /// For a `void` method or local function with a block body: whether control can run off the end of the
    /// body (`syntax::reach`); `None` when the syntax cannot tell, or for other functions.
    pub end_reachable: Option<bool>,
    /// Parameters, then locals in the order the walk meets their declarations.
    pub locals: Vec<Local>,
    /// For lambdas and anonymous methods: where the function value goes (`Other` for the rest).
    pub value_use: ValueUse,
    /// For lambdas: true when passed straight to `Task.Run`/`Task.Factory.StartNew`.
    pub task_run_lambda: bool,
    /// Its code names `ApartmentState` (it starts a thread with one, or sets one): code it starts on that
    /// thread must keep running there, so nothing it runs may be left waiting on an `await`.
    pub mentions_apartment_state: bool,
    /// Declares a `Span`-like, `stackalloc` or `ref` local, which async methods cannot hold (before C# 13).
    pub ref_struct_locals: bool,
}

impl Function {
    pub fn has_modifier(&self, m: &str) -> bool {
        self.modifiers.iter().any(|x| x == m)
    }
    pub fn is_async(&self) -> bool {
        self.has_modifier("async")
    }
    pub fn is_method_like(&self) -> bool {
        matches!(self.kind, FunctionKind::Method | FunctionKind::LocalFunction)
    }
    pub fn required_arity(&self) -> usize {
        self.params.iter().filter(|p| !p.has_default && !p.modifiers.iter().any(|m| m == "params")).count()
    }
    /// Where a report about the function points: its name, or where it starts when it has none (a lambda).
    pub fn report_range(&self) -> std::ops::Range<usize> {
        if self.name_range.is_empty() {
            self.range.start()..self.range.start()
        } else {
            self.name_range.range()
        }
    }
    /// What is written before its name: attributes, modifiers and return type (empty for a nameless function).
    pub fn head_range(&self) -> std::ops::Range<usize> {
        self.range.start()..self.name_range.start().max(self.range.start())
    }
    pub fn accepts_arity(&self, n: usize) -> bool {
        let has_params = self.params.iter().any(|p| p.modifiers.iter().any(|m| m == "params"));
        n >= self.required_arity() && (has_params || n <= self.params.len())
    }
}

/// A parameter or local variable a function declares.
#[derive(Clone, Debug)]
pub struct Local {
    pub name: Atom,
    /// What the syntax says about its type.
    pub ty: TypeRef,
    /// Where its name can be used: from its declaration to the end of the block that holds it (the whole function
    /// for a parameter).
    pub scope: Span,
}

/// Cleanup code around a site: the body (or filter) of a `catch`, or a `finally` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cleanup {
    Catch,
    Finally,
}

/// Where a value (a call's result, a lambda) goes, as far as the syntax around it tells. Parentheses, casts,
/// `!`, the branches of `?:`, `??` and switch expressions and a trailing `.ConfigureAwait(…)` are looked through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ValueUse {
    /// `await value`.
    Awaited,
    /// `return value;`, `=> value` (of a method, property, local function or lambda).
    Returned,
    /// `value;`: a statement of its own.
    Statement,
    /// `_ = value`.
    Discarded,
    /// Kept in a local variable (`var t = value`, `t = value` for a local `t`).
    Local,
    /// Kept in a field, a property, an element or anything else that is not a local (`_f = value`, a field's or
    /// property's initializer).
    Stored,
    /// `x += value` (an event subscription when the value is a delegate) or `x -= value`.
    Subscribed,
    /// An argument of a call.
    Argument,
    /// An argument of `new T(…)`: the type's simple name.
    Constructed(Atom),
    /// The receiver of a member access (`value.Result`, `value.ContinueWith(…)`).
    Receiver,
    #[default]
    Other,
}

/// `await foreach (… in collection)`.
#[derive(Clone, Debug)]
pub struct AsyncForeach {
    /// The collection expression.
    pub range: Span,
    /// What the syntax says about its type.
    pub value: TypeRef,
    pub function: Option<u32>,
    pub containing_type: Option<u32>,
    pub cleanup: Option<Cleanup>,
    pub in_error_region: bool,
}

/// Where a site sits, as far as `await` is concerned.
#[derive(Clone, Debug, Default)]
pub struct SiteContext {
    /// Innermost function-like node around the site.
    pub function: Option<u32>,
    /// A reason `await` cannot be written at this exact spot (lock, query clause, unsafe block ...).
    pub blocker: Option<Context>,
    /// Inside a `try` whose `catch` names `AggregateException`.
    pub aggregate_catch: bool,
    /// In top-level statements, where `await` is always allowed (C# 9+).
    pub top_level: bool,
}

/// A call `receiver.Name(args)` or `Name(args)`.
#[derive(Clone, Debug)]
pub struct CallSite {
    pub name: Atom,
    pub arity: u32,
    pub receiver: TypeRef,
    /// The whole invocation expression.
    pub range: Span,
    /// The method name as written (without type arguments).
    pub name_range: Span,
    pub context: SiteContext,
    /// Already the operand of `await`.
    pub awaited: bool,
    /// Wrapping it in `await` needs parentheses (`(await M()).X`).
    pub needs_parens: bool,
    /// Written as `?.Name(...)`; cannot simply be awaited.
    pub conditional: bool,
    pub containing_type: Option<u32>,
    /// The expression statement's range when the call is a whole statement (`M();`).
    pub statement: bool,
    /// Part of a test double's configuration (`mock.Setup(x => x.M())`, `sub.M().Returns(v)`,
    /// `sub.Received().M()`): changing M's return type breaks it.
    pub mock_configuration: bool,
    /// The argument list, parentheses included; `None` when its `)` is missing.
    pub args_range: Option<Span>,
    /// A boxed slice: it never grows once recorded, and every call is kept until the run ends.
    pub arguments: Box<[Argument]>,
    /// Inside or touching an ERROR/MISSING region: no edit may go there.
    pub in_error_region: bool,
    /// Where the call's value goes.
    pub value_use: ValueUse,
    /// Inside a `catch` or `finally` block (or a lambda written there).
    pub cleanup: Option<Cleanup>,
}

/// One argument of a call.
#[derive(Clone, Debug)]
pub struct Argument {
    /// `name` of a named argument (`name: value`).
    pub name: Option<Atom>,
    /// The whole argument, name included.
    pub range: Span,
    /// What the syntax says about the value's type.
    pub value: TypeRef,
    /// The modifier and literal kind its text shows.
    pub shape: ArgumentShape,
}

/// A method name used as a value: `x += Handler`, `Run(Handler)`, `Func<int> f = M`.
#[derive(Clone, Debug)]
pub struct DelegateUse {
    pub name: Atom,
    pub range: Span,
    pub receiver: TypeRef,
    pub containing_type: Option<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    /// In source order (sorted by start).
    pub types: Vec<TypeDecl>,
    /// In source order (sorted by start), as the walk meets them.
    pub functions: Vec<Function>,
    /// In source order (sorted by start).
    pub calls: Vec<CallSite>,
    pub delegate_uses: Vec<DelegateUse>,
    /// Names inside `nameof(...)`, with where they stand.
    pub nameof_uses: Vec<(Atom, Range<usize>)>,
    /// `using X;` directives that import for all the file's code, and where a new one can go.
    pub usings: Vec<Atom>,
    pub using_insert_at: usize,
    /// Top-level `using Namespace;` directives in file order: namespace and byte range.
    pub top_level_usings: Vec<(Atom, Range<usize>)>,
    pub error_count: usize,
    pub error_ranges: Vec<Range<usize>>,
    /// Where top-level statements must have ended: the first namespace or type declaration, or the first ERROR
    /// node directly under the compilation unit (see `top_level_statement_at`).
    pub top_level_statements_end: Option<usize>,
    /// Identifiers inside the error ranges: a call hidden there is no call site, but may still be one.
    pub error_words: Vec<Atom>,
    /// The compilation unit first, then every namespace declaration in source order (an outer one before those
    /// inside it).
    pub scopes: Vec<UsingScope>,
    /// `global using N;` directives: they import for every file of the project.
    pub global_usings: Vec<Atom>,
    /// `using Alias = Some.Type;` directives: the alias and the type as written.
    pub type_aliases: Vec<(Atom, Atom)>,
    /// `await foreach` loops, in source order.
    pub async_foreach: Vec<AsyncForeach>,
    /// The `return expr;` expressions of each function's own body (not nested functions), by the function's index,
    /// in source order; a bare `return;` is the empty span at its `;`. Kept apart from the functions: a file has
    /// few of them, and a vector in every function (lambdas and accessors included) cost more than they do.
    pub returns: Vec<(u32, Span)>,
}

impl FileFacts {
    /// The `return` expressions of function `f`'s own body (see `returns`).
    pub fn returns_of(&self, f: u32) -> impl Iterator<Item = Span> + '_ {
        self.returns.iter().filter(move |(g, _)| *g == f).map(|(_, r)| *r)
    }

    /// The calls that start inside `range`, in source order.
    pub fn calls_within(&self, range: Span) -> &[CallSite] {
        let first = self.calls.partition_point(|c| c.range.start() < range.start());
        let end = first + self.calls[first..].partition_point(|c| c.range.start() < range.end());
        &self.calls[first..end]
    }

    /// The innermost call with an argument that is exactly the expression at `range` (a lambda, a call), as an
    /// index into `calls`.
    pub fn host_call(&self, range: Span) -> Option<usize> {
        // Calls are recorded in tree order: the host starts at or before the expression, the innermost last.
        let before = self.calls.partition_point(|c| c.range.start() <= range.start());
        (0..before).rev().find(|i| {
            let c = &self.calls[*i];
            c.range.end() >= range.end() && c.arguments.iter().any(|a| a.range.ends_with(range))
        })
    }

    /// The innermost function containing `offset`.
    pub fn function_at(&self, range: &Range<usize>) -> Option<u32> {
        // Functions are recorded in tree order, so sorted by start, and every function around the range is an
        // ancestor of (or is) the last one starting at or before it: walk up from there.
        let last = self.functions.partition_point(|f| f.range.start() <= range.start);
        let mut at = last.checked_sub(1).map(|i| i as u32);
        while let Some(i) = at {
            let f = &self.functions[i as usize];
            if f.range.start() <= range.start && range.end <= f.range.end() {
                return Some(i);
            }
            at = f.parent;
        }
        None
    }

    /// The type of a local or parameter visible at a function, searching outwards.
    pub fn local_type(&self, mut function: Option<u32>, name: &str) -> Option<&TypeExpr> {
        while let Some(f) = function {
            let func = &self.functions[f as usize];
            if let Some(local) = func.locals.iter().rev().find(|l| l.name == name) {
                return Some(&local.ty);
            }
            function = func.parent;
        }
        None
    }

    /// The type an alias names (`CT` of `using CT = System.Threading.CancellationToken;`), as written.
    pub fn alias_target(&self, name: &str) -> Option<Atom> {
        self.type_aliases.iter().find(|(a, _)| a == name).map(|(_, t)| *t)
    }

    /// The locals and parameters that code at `offset` inside `function` can use, innermost function first: the
    /// function that declares each, its name and its type.
    pub fn locals_visible_at(
        &self,
        function: Option<u32>,
        offset: usize,
    ) -> impl Iterator<Item = (u32, Atom, &TypeExpr)> + '_ {
        std::iter::successors(function, |f| self.functions[*f as usize].parent).flat_map(move |f| {
            let locals = self.functions[f as usize].locals.iter();
            locals.filter(move |l| l.scope.contains(offset)).map(move |l| (f, l.name, &*l.ty))
        })
    }

    /// Whether a global statement starting at `offset` is top-level code, where `await` needs no async method.
    /// C# puts top-level statements before every namespace and type declaration; one after them, or after an
    /// error at the top of the file, is as likely a method body whose declaration did not parse (and an edit
    /// elsewhere can turn it back into one), so it is not.
    pub fn top_level_statement_at(&self, offset: usize) -> bool {
        self.top_level_statements_end.is_none_or(|e| offset < e)
    }

    pub fn has_using(&self, namespace: &str) -> bool {
        self.usings.iter().any(|u| u == namespace)
    }

    /// Whether `range` touches an error region (an empty range or region counts as one byte wide).
    pub fn overlaps_error(&self, range: &Range<usize>) -> bool {
        // The regions are nodes none of which holds another, sorted: they do not overlap, so their ends rise
        // with their starts, and of those starting before the range's end only the last can reach into it.
        let before_end = self.error_ranges.partition_point(|e| e.start < range.end.max(range.start + 1));
        before_end
            .checked_sub(1)
            .is_some_and(|last| range.start < self.error_ranges[last].end.max(self.error_ranges[last].start + 1))
    }
}
