//! configure-await: in library code that callers with a SynchronizationContext may run, every `await` on a task
//! gets `.ConfigureAwait(false)` (`await using` on the resource, `await foreach` on the enumerable), so the
//! library neither deadlocks a caller that blocks on it nor queues its continuations on that caller's thread.
//! Applications, test projects and libraries only UI applications run are left as they are.

use std::ops::Range;
use std::path::Path;

use tree_sitter::Node;

use super::{FileInput, Status, Transform};
use crate::edit::Edit;
use crate::index::facts::{self, FileFacts, TypeExpr};
use crate::index::{library, FileId, Index, IndexedFile};
use crate::model::{Finding, Reason, Resolution, TransformId};
use crate::plan::Planner;
use crate::syntax::walk::{self, Path as WalkPath, Visitor};
use crate::syntax::{self, field, kinds, text};
use crate::workspace::{editorconfig, ProjectKind, ProjectSettings, SyncContext};

pub const ID: TransformId = TransformId::new(5, "configure-await");

pub const TRANSFORM: Transform = Transform {
    id: ID,
    summary: "`await` in library code → `.ConfigureAwait(false)` (also `await using`, `await foreach`)",
    status: Status::Preview,
    readme: include_str!("../../transforms/configure-await/README.md"),
    // Besides awaits, what shows that a UI project's code runs async code (`ui_runs_async_code`).
    triggers: &[r"\bawait\b", r"\.Result\b", r"\.Wait\(", r"\.GetResult\(\)", r"Async\s*\("],
    detect: |input| super::detections(ID, detect(input).into_iter().collect()),
    plan: |detections, p| plan(&super::sites_of::<FileAwaits>(detections, ID), p),
};

/// Analyzer rules that ask for `ConfigureAwait`: .NET (CA2007), Meziantou (MA0004), Visual Studio threading
/// (VSTHRD111). Turned off for a project, or suppressed around code, they say its awaits are as meant.
const RULES: &[&str] = &["CA2007", "MA0004", "VSTHRD111"];

/// Names whose use in a member says its code needs the context its awaits resume on: UI dispatchers and
/// threads, the synchronization context itself, classic ASP.NET's request context, a JoinableTaskFactory.
const CONTEXT_USES: &[&str] = &[
    "Dispatcher",
    "SynchronizationContext",
    "Application.Current",
    "HttpContext.Current",
    "MainThread",
    "BeginInvokeOnMainThread",
    "InvokeRequired",
    "JoinableTaskFactory",
    "SwitchToMainThreadAsync",
    "CoreDispatcher",
    "UIThread",
    "MessageBox",
    "FromCurrentSynchronizationContext",
    "TaskScheduler.Current",
];

/// `…Async` methods whose awaitables are not tasks (a switch to the UI thread, a dispatcher operation): a name
/// hint does not hold for them.
const NOT_TASK_ASYNC_NAMES: &[&str] = &["SwitchToMainThreadAsync", "InvokeAsync"];

/// The awaits of one file, with what decides for the file as a whole.
#[derive(Clone, Debug)]
pub struct FileAwaits {
    pub sites: Vec<AwaitSite>,
    /// Configured only because a UI application runs the library beside web, worker or console ones: that holds
    /// only if UI code of the solution runs async code at all (`ui_runs_async_code`).
    pub under_ui: bool,
    /// A file of a UI project that awaits or blocks on tasks: no sites of its own, but it tells the plan that UI
    /// code runs async code.
    pub ui_async_code: bool,
}

/// One `await`, `await using` or `await foreach` without `ConfigureAwait`.
#[derive(Clone, Debug)]
pub struct AwaitSite {
    pub finding: Finding,
    /// What the report points at: the await expression, or the statement's head.
    pub range: Range<usize>,
    pub verdict: Verdict,
}

#[derive(Clone, Debug)]
pub enum Verdict {
    LeftAlone(Reason),
    Reported(Reason),
    Fix(Fix),
}

/// The edits that configure one await, and what must hold at planning for them to be made.
#[derive(Clone, Debug)]
pub struct Fix {
    pub edits: Vec<Edit>,
    /// Code the fix keeps in place (the `await` keyword, a statement's head): another rewrite of the run that
    /// replaces it restructures this await, and the fix waits for a pass over the output.
    pub kept: Vec<Range<usize>>,
    /// Where the fix inserts text: another rewrite that replaces text around such a point collides with it.
    pub points: Vec<usize>,
    pub proof: Proof,
}

/// An awaited value, as the index can type it.
#[derive(Clone, Debug)]
pub enum Operand {
    Expr(TypeExpr),
    /// `list[i]`: an element of a collection (`List<Task>`, `Task[]`).
    ElementOf(TypeExpr),
    /// `f(x)`: a call, or the invocation of a delegate (`Func<Task<int>>`) named `f`, typed by `delegate`.
    Call {
        call: TypeExpr,
        delegate: TypeExpr,
    },
}

/// What the index must show before `.ConfigureAwait(false)` can be written.
#[derive(Clone, Debug)]
pub enum Proof {
    /// The awaited expression is a `Task` or a `ValueTask`: each of these (the branches of a `?:` or `??`) is.
    Task { operands: Vec<Operand>, containing_type: Option<u32> },
    /// `await using` / `await foreach` already show the type async-disposable or async-enumerable; only a type of
    /// the solution that does not implement `interface` (a pattern-based one) or a struct could not be configured.
    Statement { ty: TypeExpr, containing_type: Option<u32>, interface: &'static str },
}

/// How configure-await treats a file, from its project and its own text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Not its business: an application, a test project, a library no context runs whose code does not
    /// configure its awaits. No site is reported.
    Out,
    /// A library file whose awaits stay as they are, for this reason (one site per file says so).
    Kept(Reason),
    /// Its awaits are configured.
    In,
    /// Its awaits are configured if UI code of the solution awaits or blocks on tasks: otherwise the UI
    /// application only hosts the others (a tray icon around a server) and no UI thread runs the library's
    /// continuations.
    InUnderUi,
}

/// Whether configure-await configures the awaits of a file of `settings` with this `text`.
pub fn scope(settings: &ProjectSettings, path: &Path, text: &str, habit: impl FnOnce() -> bool) -> Scope {
    if settings.kind != ProjectKind::Library || test_code(settings, text) {
        return Scope::Out;
    }
    let severities: Vec<(&str, String)> = RULES
        .iter()
        .filter_map(|rule| {
            let key = format!("dotnet_diagnostic.{}.severity", rule.to_ascii_lowercase());
            editorconfig::property(path, &key).map(|v| (*rule, v.trim().to_ascii_lowercase()))
        })
        .collect();
    if settings.configure_await == Some(false) {
        let property = crate::workspace::msbuild::CONFIGURE_AWAIT_PROPERTY;
        return Scope::Kept(Reason::ConfigureAwaitRuleOff { how: format!("`<{property}>false</{property}>`") });
    }
    if let Some((rule, value)) = severities.iter().find(|(_, v)| v == "none" || v == "silent") {
        return Scope::Kept(Reason::ConfigureAwaitRuleOff {
            how: format!("`dotnet_diagnostic.{rule}.severity = {value}` in .editorconfig"),
        });
    }
    if let Some(what) = UI_FRAMEWORK_MARKERS.iter().find(|m| text.contains(**m)) {
        return Scope::Kept(Reason::UiFrameworkCode {
            what: what.trim_start_matches("using ").trim_end_matches(';').to_string(),
        });
    }
    if configures_to_context(text) {
        return Scope::Kept(Reason::ContextChosenInFile);
    }
    if let Some(what) = own_scheduler(text) {
        return Scope::Kept(Reason::OwnTaskScheduler { what: what.to_string() });
    }
    let enforced =
        settings.configure_await == Some(true) || severities.iter().any(|(_, v)| v == "warning" || v == "error");
    if enforced {
        return Scope::In;
    }
    let runners = &settings.runners;
    if runners.only_ui() {
        return Scope::Kept(Reason::UiSideLibrary { evidence: settings.sync_context_evidence.clone() });
    }
    // Code outside the workspace runs it (it is published, or a published library uses it), or classic ASP.NET
    // does: a caller may block on it from a single-threaded context.
    if runners.published || (settings.sync_context == SyncContext::SingleThreaded && !runners.ui) {
        return Scope::In;
    }
    // Only the workspace's web, worker and console applications run it (or nothing it shows: such code would be
    // published if outside callers mattered): ConfigureAwait(false) changes nothing, and the file's habit decides.
    // A UI application runs it beside others: so does its UI thread, if UI code awaits or blocks on tasks.
    let under_ui = runners.ui && settings.sync_context == SyncContext::SingleThreaded;
    if habit() {
        Scope::In
    } else if under_ui {
        Scope::InUnderUi
    } else {
        Scope::Out
    }
}

/// Whether UI code of the solution (a file of a UI project) awaits, blocks on a task or calls an `…Async` method:
/// only then can a UI thread run a library's continuations. A UI application whose code does none of that only
/// hosts the rest (a tray icon that starts a web host).
pub fn ui_runs_async_code(index: &Index) -> bool {
    index.parsed_files().any(|(_, f)| ui_async_code(&f.settings, f.source.text(), &f.facts))
}

/// Whether a file is UI code that awaits, blocks on a task or calls an `…Async` method.
fn ui_async_code(settings: &ProjectSettings, text: &str, facts: &FileFacts) -> bool {
    settings.kind == ProjectKind::Ui
        && (mentions_word(text, "await")
            || [".Result", ".Wait(", ".GetResult()"].iter().any(|w| text.contains(w))
            || facts.calls.iter().any(|c| c.name.ends_with("Async")))
}

/// Names whose mention makes a file UI code: WPF, Windows Forms, WinUI/UWP, MAUI/Xamarin, Avalonia, Blazor
/// components (whose renderer has a synchronization context of its own).
const UI_FRAMEWORK_MARKERS: &[&str] = &[
    "System.Windows.Forms",
    "System.Windows.Controls",
    "System.Windows.Window",
    "System.Windows.Input",
    "System.Windows.Media",
    "using System.Windows;",
    "Microsoft.UI.Xaml",
    "Windows.UI.Xaml",
    "Microsoft.Maui",
    "Xamarin.Forms",
    "Avalonia",
    "Microsoft.AspNetCore.Components",
    "ComponentBase",
];

/// Whether a file is test code: a test project, a project named like one, or a file with test methods. Its
/// concurrency and contexts are the test's business, and the team's settings for tests (which the project model
/// may not see) rarely ask for ConfigureAwait.
pub fn test_code(settings: &ProjectSettings, text: &str) -> bool {
    if settings.holds_tests() {
        return true;
    }
    library::TEST_ATTRIBUTES.iter().any(|a| has_attribute(text, a))
}

/// Whether `Name` is written as an attribute (`[Name]`, `[Name(…)]`, `[Other, Name]`), maybe qualified
/// (`[Xunit.Fact]`).
fn has_attribute(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
        if !matches!(bytes.get(at + name.len()), Some(b']' | b'(' | b',')) {
            return false;
        }
        let mut start = at;
        while start > 0 && (is_ident_byte(bytes[start - 1]) || bytes[start - 1] == b'.') {
            start -= 1;
        }
        // The name is the last part of a qualified name, not the end of a longer one.
        if start < at && bytes[at - 1] != b'.' {
            return false;
        }
        while start > 0 && bytes[start - 1].is_ascii_whitespace() {
            start -= 1;
        }
        start > 0 && matches!(bytes[start - 1], b'[' | b',')
    })
}

/// `ConfigureAwait(true)`, or `ConfigureAwaitOptions.ContinueOnCapturedContext`, anywhere in the text.
fn configures_to_context(text: &str) -> bool {
    text.contains("ContinueOnCapturedContext")
        || memchr::memmem::find_iter(text.as_bytes(), b".ConfigureAwait(").any(|at| {
            let args = &text[at + ".ConfigureAwait(".len()..];
            let args = &args[..args.find(')').unwrap_or(args.len())];
            args.split([':', ' ', '\t', '\r', '\n']).any(|w| w == "true")
        })
}

/// A `TaskScheduler` of the file's own (a subclass, a `ConcurrentExclusiveSchedulerPair`, a factory given one):
/// work started there resumes there after an await without ConfigureAwait, which the code may rely on.
fn own_scheduler(text: &str) -> Option<&'static str> {
    if text.contains("ConcurrentExclusiveSchedulerPair") {
        return Some("ConcurrentExclusiveSchedulerPair");
    }
    let uses = memchr::memmem::find_iter(text.as_bytes(), b"TaskScheduler").any(|at| {
        let before_ok = at == 0 || !is_ident_byte(text.as_bytes()[at - 1]);
        let rest = &text[at + "TaskScheduler".len()..];
        let after_ok = !rest.as_bytes().first().copied().is_some_and(is_ident_byte);
        before_ok
            && after_ok
            && !rest.starts_with(".Default")
            && !rest.starts_with(".UnobservedTaskException")
            && !rest.starts_with(".Current")
    });
    uses.then_some("TaskScheduler")
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `word` (which may hold dots) occurs in `text` as whole words.
fn mentions_word(text: &str, word: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        let before_ok = at == 0 || !is_ident_byte(text.as_bytes()[at - 1]);
        let after = at + word.len();
        let after_ok = text.as_bytes().get(after).is_none_or(|b| !is_ident_byte(*b));
        before_ok && after_ok
    })
}

/// The outermost function around `range` (a method, accessor or local function's member), whose code runs
/// after any of its awaits.
fn member_around(facts: &FileFacts, range: &Range<usize>) -> Option<u32> {
    let mut at = facts.function_at(range)?;
    while let Some(parent) = facts.functions[at as usize].parent {
        at = parent;
    }
    Some(at)
}

/// What in the member around `range` needs the context an await resumes on, if anything does.
fn context_use(facts: &FileFacts, src: &str, range: &Range<usize>) -> Option<&'static str> {
    let code = match member_around(facts, range) {
        Some(m) => src.get(facts.functions[m as usize].range.range())?,
        None => src,
    };
    CONTEXT_USES.iter().copied().find(|w| mentions_word(code, w))
}

/// The planner's await policy while configure-await runs: awaits other transforms write into a file whose awaits
/// configure-await configures take `.ConfigureAwait(false)` too, except where it would leave them as they are
/// whatever they await (a member that needs the context, a suppression), so a second run finds nothing to add.
pub fn await_policy(index: &Index, file: FileId, at: usize) -> Option<bool> {
    let f: &IndexedFile = index.file(file);
    let text = f.source.text();
    match scope(&f.settings, &f.source.path, text, || crate::plan::configures_await(f)) {
        Scope::In => {}
        Scope::InUnderUi if ui_runs_async_code(index) => {}
        _ => return None,
    }
    let range = at..at;
    let pragmas = super::intent::Pragmas::of(text);
    let kept = context_use(&f.facts, text, &range).is_some() || suppressed(text, &f.facts, &pragmas, &range).is_some();
    Some(!kept)
}

/// A suppression of a ConfigureAwait rule around `range` (`[Obsolete]` does not count: configuring an await
/// changes nothing a caller sees).
fn suppressed(text: &str, facts: &FileFacts, pragmas: &super::intent::Pragmas, range: &Range<usize>) -> Option<Reason> {
    match super::intent::stated_intent(text, facts, pragmas, range, RULES) {
        Some(why @ Reason::Suppressed { .. }) => Some(why),
        _ => None,
    }
}

pub fn detect(input: &FileInput) -> Option<FileAwaits> {
    let src = input.source.text();
    let file_scope =
        scope(input.settings, &input.source.path, src, || crate::plan::configures_await_in(&input.source.path, src));
    if file_scope == Scope::Out {
        // UI code is out, but whether it runs async code decides for the libraries it runs (`Scope::InUnderUi`).
        let ui_async_code = ui_async_code(input.settings, src, input.facts);
        return ui_async_code.then_some(FileAwaits { sites: Vec::new(), under_ui: false, ui_async_code });
    }
    let mut finder = Finder {
        input,
        pragmas: super::intent::Pragmas::of(src),
        sites: Vec::new(),
        members_with_using_declaration: Vec::new(),
    };
    walk::walk(input.tree.root_node(), &mut finder);
    let mut sites = finder.sites;
    if sites.is_empty() {
        return None;
    }
    let under_ui = file_scope == Scope::InUnderUi;
    if let Scope::Kept(why) = file_scope {
        // One site for the file: the first of its awaits says why none is configured.
        let first = sites.swap_remove(0);
        sites = vec![AwaitSite { verdict: Verdict::LeftAlone(why), ..first }];
    }
    Some(FileAwaits { sites, under_ui, ui_async_code: false })
}

struct Finder<'i, 't> {
    input: &'i FileInput<'t>,
    pragmas: super::intent::Pragmas,
    sites: Vec<AwaitSite>,
    /// Members where an `await using var` declaration is configured: the configured disposal takes the name `_`
    /// there, so a second one in the same member cannot.
    members_with_using_declaration: Vec<Option<u32>>,
}

impl<'t> Visitor<'t> for Finder<'_, 't> {
    type State = ();

    fn enter(&mut self, node: Node<'t>, path: &WalkPath<'_, 't, ()>) -> Option<()> {
        if !self.input.source.text()[node.byte_range()].contains("await") {
            return None;
        }
        let site = match node.kind() {
            kinds::AWAIT => self.await_expression(node),
            "local_declaration_statement" if starts_with_await(node) => self.using_declaration(node, path),
            "using_statement" if starts_with_await(node) => self.using_statement(node, path),
            "foreach_statement" if starts_with_await(node) => self.await_foreach(node),
            _ => None,
        };
        if let Some(mut site) = site {
            if let Verdict::Fix(_) = site.verdict {
                if let Some(why) = self.kept_around(&site.range) {
                    site.verdict = why;
                }
            }
            self.sites.push(site);
        }
        Some(())
    }
}

/// The `await` keyword that starts `node`.
fn keyword_of(node: Node) -> Range<usize> {
    node.start_byte()..node.start_byte() + "await".len()
}

/// From the start of `node` to the start of `part` (`await using ` before a declaration).
fn head_until(node: Node, part: Node) -> Range<usize> {
    node.start_byte()..part.start_byte()
}

fn starts_with_await(node: Node) -> bool {
    node.child(0).is_some_and(|c| c.kind() == "await")
}

impl<'t> Finder<'_, 't> {
    /// Why the code around `range` keeps its awaits as they are, whatever they await.
    fn kept_around(&self, range: &Range<usize>) -> Option<Verdict> {
        let src = self.input.source.text();
        let facts = self.input.facts;
        if facts.overlaps_error(range) {
            return Some(Verdict::Reported(Reason::CodeDoesNotParse));
        }
        if let Some(what) = context_use(facts, src, range) {
            return Some(Verdict::LeftAlone(Reason::NeedsContext { what: what.to_string() }));
        }
        suppressed(src, facts, &self.pragmas, range).map(Verdict::LeftAlone)
    }

    fn src(&self) -> &'t str {
        let source: &'t crate::source::SourceFile = self.input.source;
        source.text()
    }

    fn containing_type(&self, at: usize) -> Option<u32> {
        let types = &self.input.facts.types;
        types[..types.partition_point(|t| t.range.start <= at)].iter().rposition(|t| at < t.range.end).map(|i| i as u32)
    }

    fn type_of(&self, expr: Node) -> TypeExpr {
        let facts = self.input.facts;
        let function = facts.function_at(&expr.byte_range());
        facts::type_expr(expr, self.src(), &|name| facts.local_type(function, name).cloned())
    }

    /// The types of the values an expression can take: both branches of `c ? a : b` and `a ?? b`.
    fn branch_types(&self, expr: Node) -> Vec<Operand> {
        let src = self.src();
        let expr = strip_parens(expr);
        if expr.kind() == "postfix_unary_expression" && text(expr, src).ends_with('!') {
            if let Some(inner) = expr.named_child(0) {
                return self.branch_types(inner);
            }
        }
        let branches = match expr.kind() {
            "conditional_expression" => field(expr, "consequence").zip(field(expr, "alternative")),
            "binary_expression" if field(expr, "operator").is_some_and(|o| text(o, src) == "??") => {
                field(expr, "left").zip(field(expr, "right"))
            }
            _ => None,
        };
        match branches {
            Some((a, b)) => {
                let mut out = self.branch_types(a);
                out.extend(self.branch_types(b));
                out
            }
            None => vec![self.operand(expr)],
        }
    }

    fn operand(&self, expr: Node) -> Operand {
        match expr.kind() {
            "element_access_expression" => match field(expr, "expression") {
                Some(collection) => Operand::ElementOf(self.type_of(collection)),
                None => Operand::Expr(TypeExpr::Unknown),
            },
            kinds::INVOCATION => {
                let delegate = field(expr, "function")
                    .filter(|f| matches!(f.kind(), kinds::IDENTIFIER | kinds::MEMBER_ACCESS))
                    .map_or(TypeExpr::Unknown, |f| self.type_of(f));
                Operand::Call { call: self.type_of(expr), delegate }
            }
            _ => Operand::Expr(self.type_of(expr)),
        }
    }

    /// `await e`: `await e.ConfigureAwait(false)`.
    fn await_expression(&self, node: Node<'t>) -> Option<AwaitSite> {
        let src = self.src();
        // A comment between `await` and the operand is a child too.
        let operand = node.named_children(&mut node.walk()).find(|c| c.kind() != "comment")?;
        let bare = strip_parens(operand);
        if is_configured(bare, src) {
            return None;
        }
        let finding = Finding::AwaitNotConfigured;
        let range = node.byte_range();
        let site = |verdict| Some(AwaitSite { finding: finding.clone(), range: range.clone(), verdict });
        if is_task_yield(bare, src) {
            return site(Verdict::LeftAlone(Reason::YieldAwaitable));
        }
        let keyword = keyword_of(node);
        let fix = Fix {
            edits: configure_edits(operand, src),
            kept: vec![keyword],
            points: vec![operand.start_byte(), operand.end_byte()],
            proof: Proof::Task {
                operands: self.branch_types(operand),
                containing_type: self.containing_type(range.start),
            },
        };
        site(Verdict::Fix(fix))
    }

    /// `await foreach (var x in e)`: `in e.ConfigureAwait(false)`.
    fn await_foreach(&self, node: Node<'t>) -> Option<AwaitSite> {
        let src = self.src();
        let source = field(node, "right")?;
        if is_configured(strip_parens(source), src) {
            return None;
        }
        let head = node.start_byte()..source.end_byte();
        let fix = Fix {
            edits: configure_edits(source, src),
            kept: vec![keyword_of(node)],
            points: vec![source.start_byte(), source.end_byte()],
            proof: Proof::Statement {
                ty: self.type_of(source),
                containing_type: self.containing_type(head.start),
                interface: "IAsyncEnumerable",
            },
        };
        Some(AwaitSite { finding: Finding::AwaitForeachNotConfigured, range: head, verdict: Verdict::Fix(fix) })
    }

    /// `await using (e)`: `await using (e.ConfigureAwait(false))`; `await using (var x = e)`: the declaration
    /// goes before the statement and the statement configures `x`.
    fn using_statement(&self, node: Node<'t>, path: &WalkPath<'_, 't, ()>) -> Option<AwaitSite> {
        let src = self.src();
        let open = children(node).into_iter().find(|c| c.kind() == "(")?;
        let close = children(node).into_iter().find(|c| c.kind() == ")")?;
        let resource = node.named_children(&mut node.walk()).find(|c| c.start_byte() > open.start_byte())?;
        let head = node.start_byte()..close.end_byte();
        let finding = Finding::AwaitUsingNotConfigured;
        let site = |verdict| Some(AwaitSite { finding: finding.clone(), range: head.clone(), verdict });
        let keyword = node.start_byte()..open.end_byte();
        if resource.kind() != kinds::VARIABLE_DECLARATION {
            if is_configured(strip_parens(resource), src) {
                return None;
            }
            if may_be_null(resource) {
                return site(Verdict::Reported(Reason::ResourceMayBeNull));
            }
            return site(Verdict::Fix(Fix {
                edits: configure_edits(resource, src),
                kept: vec![keyword],
                points: vec![resource.start_byte(), resource.end_byte()],
                proof: Proof::Statement {
                    ty: self.type_of(resource),
                    containing_type: self.containing_type(head.start),
                    interface: "IAsyncDisposable",
                },
            }));
        }
        let (name, value) = match resource_to_configure(resource, src) {
            Ok(Some(d)) => d,
            Ok(None) => return None,
            Err(why) => return site(Verdict::Reported(why)),
        };
        let Some(block) = path.ancestors().parent().filter(|p| p.kind() == kinds::BLOCK) else {
            return site(Verdict::Reported(Reason::NotInBlock));
        };
        if !starts_line(src, node.start_byte()) {
            return site(Verdict::Reported(Reason::NotOnItsOwnLine));
        }
        if !src[resource.end_byte()..close.start_byte()].trim().is_empty() {
            return site(Verdict::Reported(Reason::NotOnItsOwnLine));
        }
        // The name now lives to the end of the block: it must not mean anything else there.
        let elsewhere = |r: Range<usize>| {
            identifier_occurs(&src[r], name) || identifier_occurs(&src[node.end_byte()..block.end_byte()], name)
        };
        if elsewhere(block.start_byte()..node.start_byte()) {
            return site(Verdict::Reported(Reason::ResourceNameWouldClash { name: name.to_string() }));
        }
        let le = line_ending_at(src, node.start_byte());
        let indent = syntax::line_indent(src, node.start_byte());
        let edits = vec![
            Edit::replace(node.start_byte()..resource.start_byte(), "", ID),
            Edit::replace(
                resource.end_byte()..close.end_byte(),
                format!(";{le}{indent}await using ({name}.ConfigureAwait(false))"),
                ID,
            ),
        ];
        site(Verdict::Fix(Fix {
            edits,
            kept: vec![node.start_byte()..resource.start_byte(), resource.end_byte()..close.end_byte()],
            points: Vec::new(),
            proof: Proof::Statement {
                ty: self.type_of(value),
                containing_type: self.containing_type(head.start),
                interface: "IAsyncDisposable",
            },
        }))
    }

    /// `await using var x = e;`: `var x = e;` and, on the next line, `await using var _ = x.ConfigureAwait(false);`.
    fn using_declaration(&mut self, node: Node<'t>, path: &WalkPath<'_, 't, ()>) -> Option<AwaitSite> {
        let src = self.src();
        let declaration = node.named_children(&mut node.walk()).find(|c| c.kind() == kinds::VARIABLE_DECLARATION)?;
        let head = node.start_byte()..declaration.end_byte();
        let finding = Finding::AwaitUsingNotConfigured;
        let site = |verdict| Some(AwaitSite { finding: finding.clone(), range: head.clone(), verdict });
        let (name, value) = match resource_to_configure(declaration, src) {
            Ok(Some(d)) => d,
            Ok(None) => return None,
            Err(why) => return site(Verdict::Reported(why)),
        };
        if path.ancestors().parent().is_none_or(|p| p.kind() != kinds::BLOCK) {
            return site(Verdict::Reported(Reason::NotInBlock));
        }
        let Some(line_end) = rest_of_line_is_comment(src, node.end_byte()) else {
            return site(Verdict::Reported(Reason::NotOnItsOwnLine));
        };
        if !starts_line(src, node.start_byte()) {
            return site(Verdict::Reported(Reason::NotOnItsOwnLine));
        }
        let member = member_around(self.input.facts, &head);
        let member_code = member.map_or(src, |m| &src[self.input.facts.functions[m as usize].range.range()]);
        if self.members_with_using_declaration.contains(&member) || identifier_occurs(member_code, "_") {
            return site(Verdict::Reported(Reason::DiscardNameTaken));
        }
        let le = line_ending_at(src, node.start_byte());
        let indent = syntax::line_indent(src, node.start_byte());
        let edits = vec![
            Edit::replace(node.start_byte()..declaration.start_byte(), "", ID),
            Edit::open(line_end, format!("{le}{indent}await using var _ = {name}.ConfigureAwait(false);"), 0, ID),
        ];
        let fix = Fix {
            edits,
            kept: vec![head_until(node, declaration)],
            points: vec![line_end],
            proof: Proof::Statement {
                ty: self.type_of(value),
                containing_type: self.containing_type(head.start),
                interface: "IAsyncDisposable",
            },
        };
        // Only a fix that is made takes the name; the kept checks (context, suppression) come after this.
        if self.kept_around(&head).is_none() {
            self.members_with_using_declaration.push(member);
        }
        site(Verdict::Fix(fix))
    }
}

fn children(node: Node) -> Vec<Node> {
    let mut c = node.walk();
    node.children(&mut c).collect()
}

fn strip_parens(mut node: Node) -> Node {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// `e.ConfigureAwait(...)`: configured already.
fn is_configured(node: Node, src: &str) -> bool {
    node.kind() == kinds::INVOCATION
        && field(node, "function").is_some_and(|f| {
            f.kind() == kinds::MEMBER_ACCESS && field(f, "name").is_some_and(|n| text(n, src) == "ConfigureAwait")
        })
}

/// `Task.Yield()`: a `YieldAwaitable`, which has no ConfigureAwait.
fn is_task_yield(node: Node, src: &str) -> bool {
    node.kind() == kinds::INVOCATION
        && field(node, "function").is_some_and(|f| {
            let t: String = text(f, src).chars().filter(|c| !c.is_whitespace()).collect();
            t == "Task.Yield" || t.ends_with(".Task.Yield")
        })
}

/// Expressions `.ConfigureAwait(false)` can follow as they are written; anything else is put in parentheses.
fn takes_member_access(node: Node, src: &str) -> bool {
    match node.kind() {
        kinds::INVOCATION
        | kinds::MEMBER_ACCESS
        | kinds::IDENTIFIER
        | "element_access_expression"
        | "parenthesized_expression"
        | "this_expression"
        // `new Resource().ConfigureAwait(false)`: a member of an object creation needs no parentheses.
        | "object_creation_expression"
        | "generic_name" => true,
        "postfix_unary_expression" => text(node, src).ends_with('!'),
        _ => false,
    }
}

/// `e` → `e.ConfigureAwait(false)`, or `(e).ConfigureAwait(false)`.
fn configure_edits(node: Node, src: &str) -> Vec<Edit> {
    let range = node.byte_range();
    if takes_member_access(node, src) {
        vec![Edit::close(range.end, crate::plan::CONFIGURE_AWAIT, range.len(), ID)]
    } else {
        vec![
            Edit::open(range.start, "(", range.len(), ID),
            Edit::close(range.end, format!("){}", crate::plan::CONFIGURE_AWAIT), range.len(), ID),
        ]
    }
}

/// Whether a resource expression may be null: `await using` skips a null resource, while `ConfigureAwait` on
/// it would throw.
fn may_be_null(node: Node) -> bool {
    matches!(
        strip_parens(node).kind(),
        "null_literal"
            | "as_expression"
            | "conditional_access_expression"
            | "conditional_expression"
            | "default_expression"
            | "binary_expression"
            | "switch_expression"
            | "cast_expression"
    )
}

/// The name and value of a declaration that declares one variable with a value.
/// The one resource an `await using` declaration holds, by name and value, when it needs `.ConfigureAwait(false)`:
/// `None` when its value is configured already, and why not when it cannot take it (several resources, a value
/// that may be null).
fn resource_to_configure<'t, 's>(declaration: Node<'t>, src: &'s str) -> Result<Option<(&'s str, Node<'t>)>, Reason> {
    let (name, value) = single_declarator(declaration, src)?;
    if is_configured(strip_parens(value), src) {
        return Ok(None);
    }
    if may_be_null(value) {
        return Err(Reason::ResourceMayBeNull);
    }
    Ok(Some((name, value)))
}

fn single_declarator<'t, 's>(declaration: Node<'t>, src: &'s str) -> Result<(&'s str, Node<'t>), Reason> {
    let declarators: Vec<Node> =
        children(declaration).into_iter().filter(|c| c.kind() == kinds::VARIABLE_DECLARATOR).collect();
    let [declarator] = declarators.as_slice() else { return Err(Reason::SeveralResources) };
    let name = field(*declarator, "name").or_else(|| declarator.named_child(0)).ok_or(Reason::SeveralResources)?;
    let value =
        declarator.named_child(declarator.named_child_count().saturating_sub(1)).ok_or(Reason::SeveralResources)?;
    if value.id() == name.id() {
        return Err(Reason::SeveralResources);
    }
    Ok((text(name, src), value))
}

/// Whether only whitespace comes before `at` on its line.
fn starts_line(src: &str, at: usize) -> bool {
    src[..at].rsplit('\n').next().is_some_and(|l| l.trim().is_empty())
}

/// Where the line of `at` ends (before its line break), if what follows `at` on it is whitespace or a `//`
/// comment.
fn rest_of_line_is_comment(src: &str, at: usize) -> Option<usize> {
    let rest = &src[at..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let code = line.trim_start();
    (code.is_empty() || code.starts_with("//")).then_some(at + line.len())
}

/// The line break the line of `at` ends with (the file's own, where the line is its last).
fn line_ending_at(src: &str, at: usize) -> &'static str {
    let rest = &src[at..];
    match rest.find('\n') {
        Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => "\r\n",
        Some(_) => "\n",
        None => crate::source::LineEnding::dominant_in(src).as_str(),
    }
}

/// Whether `name` occurs in `code` as an identifier of its own.
fn identifier_occurs(code: &str, name: &str) -> bool {
    mentions_word(code, name)
}

pub fn plan(files: &[(FileId, &FileAwaits)], p: &mut Planner) {
    let helpers = configuring_helpers(p, files);
    let ui_runs_async_code = files.iter().any(|(_, a)| a.ui_async_code);
    for (file, awaits) in files {
        if awaits.under_ui && !ui_runs_async_code {
            continue;
        }
        // Only in a file that calls the helper already: there its namespace is in scope.
        let indexed = p.index.file(*file);
        let helper = helpers
            .get(&indexed.settings.project)
            .and_then(|h| h.as_ref())
            .filter(|h| indexed.source.text().contains(&format!(".{}()", h.name)));
        for site in &awaits.sites {
            // An await another rewrite removes (the inner await of an unwrapped Task.Run lambda) is no site.
            if p.restructured(*file, site.range.start) == Some(&crate::plan::Restructured::AwaitRemoved) {
                continue;
            }
            let resolution = match &site.verdict {
                Verdict::LeftAlone(why) => Resolution::LeftAlone(why.clone()),
                Verdict::Reported(why) => Resolution::Reported(why.clone()),
                Verdict::Fix(fix) => match plan_fix(p, *file, site, fix, helper) {
                    Some(resolution) => resolution,
                    None => continue,
                },
            };
            p.site(*file, site.range.clone(), ID, site.finding.clone(), resolution);
        }
    }
}

/// An extension method of the solution that configures a task (`ForAwait(this Task t) => t.ConfigureAwait(false)`),
/// which the project's awaits use more than they write `.ConfigureAwait(`: the team's way, written instead.
/// It has an overload for each of `Task`, `Task<T>`, `ValueTask` and `ValueTask<T>`.
struct Helper {
    name: String,
}

type Project = Option<std::path::PathBuf>;

/// Per project, the helper its awaits use more than they write `.ConfigureAwait(`, if one does.
fn configuring_helpers(
    p: &Planner,
    files: &[(FileId, &FileAwaits)],
) -> std::collections::BTreeMap<Project, Option<Helper>> {
    let mut uses: std::collections::BTreeMap<Project, (std::collections::BTreeMap<String, usize>, usize)> =
        std::collections::BTreeMap::new();
    for (file, awaits) in files {
        let indexed = p.index.file(*file);
        let (helpers, written) = uses.entry(indexed.settings.project.clone()).or_default();
        *written += memchr::memmem::find_iter(indexed.source.text().as_bytes(), b".ConfigureAwait(").count();
        for site in &awaits.sites {
            let Verdict::Fix(Fix { proof: Proof::Task { operands, .. }, .. }) = &site.verdict else { continue };
            for operand in operands {
                let Operand::Call { call: call @ TypeExpr::Call { name, .. }, .. } = operand else { continue };
                if name != "ConfigureAwait" && extension_return(p, call).is_some_and(|r| configured(&r)) {
                    *helpers.entry(name.to_string()).or_default() += 1;
                }
            }
        }
    }
    uses.into_iter()
        .map(|(project, (helpers, written))| {
            let chosen = helpers.into_iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n >= 2 && *n > written);
            let helper = chosen.and_then(|(name, _)| helper_named(p, &project, name));
            (project, helper)
        })
        .collect()
}

/// The configuring helper `name`, if every method of that name is one that code of `project` can call.
fn helper_named(p: &Planner, project: &Project, name: String) -> Option<Helper> {
    let mut extends = Vec::new();
    for f in p.index.functions_named(&name) {
        let func = p.index.function(*f);
        let visible = func.has_modifier("public") || &p.index.file(f.file).settings.project == project;
        let this = func.params.first()?;
        if !visible || !configured(&func.return_type) {
            return None;
        }
        let t = this.type_text.trim();
        extends.push((syntax::simple_type_name(t).to_string(), t.contains('<')));
    }
    // Overloads for every task type, so the compiler picks the right one whatever the index could not tell
    // apart (a library's `…Async` may return a ValueTask<T> where the index says Task).
    let every = [("Task", false), ("Task", true), ("ValueTask", false), ("ValueTask", true)];
    every.iter().all(|(t, generic)| extends.iter().any(|(e, g)| e == t && g == generic)).then_some(Helper { name })
}

fn configured(type_name: &str) -> bool {
    syntax::simple_type_name(type_name.trim()).starts_with("Configured")
}

fn plan_fix(p: &mut Planner, file: FileId, site: &AwaitSite, fix: &Fix, helper: Option<&Helper>) -> Option<Resolution> {
    if let Some(why) = p.read_only(file) {
        return Some(Resolution::Reported(Reason::NotTouchedFile { why: why.to_string() }));
    }
    match &fix.proof {
        Proof::Task { operands, containing_type } => match awaited_all(p, file, *containing_type, operands) {
            Awaited::Task => {}
            // Configured through a local or a helper: as good as `.ConfigureAwait(false)` written there.
            Awaited::Configured => return None,
            Awaited::Other(type_name) => return Some(Resolution::LeftAlone(Reason::NotATaskAwaitable { type_name })),
            Awaited::Unknown(Some(hint)) if !p.options.include_review => {
                return Some(Resolution::Reported(Reason::NameHintOnly { hint }))
            }
            Awaited::Unknown(Some(_)) => {}
            Awaited::Unknown(None) => return Some(Resolution::Reported(Reason::AwaitedTypeUnknown)),
        },
        Proof::Statement { ty, containing_type, interface } => {
            match configurable_statement(p, file, *containing_type, ty, interface) {
                Err(why @ Reason::ResourceMayBeNull) => return Some(Resolution::Reported(why)),
                Err(why) => return Some(Resolution::LeftAlone(why)),
                Ok(()) => {}
            }
        }
    }
    let restructured =
        fix.kept.iter().any(|r| p.replaced(file, r.clone())) || fix.points.iter().any(|at| p.replaced(file, *at..*at));
    if restructured {
        p.revisit_later(file, site.range.clone());
        return Some(Resolution::Reported(Reason::RestructuredInRun));
    }
    // The team's own helper, for an await on a task (an `await using` / `await foreach` keeps ConfigureAwait).
    let written = match (helper, &fix.proof) {
        (Some(h), Proof::Task { .. }) => format!(".{}()", h.name),
        _ => crate::plan::CONFIGURE_AWAIT.to_string(),
    };
    for e in &fix.edits {
        let text = e.text.replace(crate::plan::CONFIGURE_AWAIT, &written);
        p.edit(file, Edit { text, ..e.clone() });
    }
    if !matches!(fix.proof, Proof::Task { .. }) {
        // The ConfigureAwait of IAsyncDisposable and IAsyncEnumerable<T> is an extension method there.
        p.note_tasks_using(file);
    }
    Some(Resolution::Fixed(format!("`{written}`")))
}

enum Awaited {
    Task,
    /// A `ConfiguredTaskAwaitable` already (through a local or a helper).
    Configured,
    Other(String),
    /// Not established; the name of the `…Async` method it calls, if it calls one.
    Unknown(Option<String>),
}

/// What all of `operands` are, as one: a task only if each is.
fn awaited_all(p: &Planner, file: FileId, containing_type: Option<u32>, operands: &[Operand]) -> Awaited {
    let mut each = operands.iter().map(|o| awaited_operand(p, file, containing_type, o));
    let first = each.next().unwrap_or(Awaited::Unknown(None));
    each.fold(first, |all, next| match (all, next) {
        (Awaited::Task, Awaited::Task) => Awaited::Task,
        (Awaited::Task, other) | (other, _) => other,
    })
}

fn awaited_operand(p: &Planner, file: FileId, containing_type: Option<u32>, operand: &Operand) -> Awaited {
    match operand {
        Operand::Expr(ty) => awaited(p, file, containing_type, ty),
        Operand::ElementOf(collection) => {
            let element = p.index.resolve_type(file, containing_type, collection).and_then(|t| element_type(&t));
            match element {
                Some(t) => of_type(&t),
                None => Awaited::Unknown(None),
            }
        }
        Operand::Call { call, delegate } => match awaited(p, file, containing_type, call) {
            Awaited::Unknown(hint) => {
                let invoked = p.index.resolve_type(file, containing_type, delegate).and_then(|t| delegate_result(&t));
                match invoked {
                    Some(t) => of_type(&t),
                    None => match extension_return(p, call) {
                        Some(t) => of_type(&t),
                        None => Awaited::Unknown(hint),
                    },
                }
            }
            known => known,
        },
    }
}

fn of_type(t: &str) -> Awaited {
    let t = t.trim().trim_end_matches('?');
    if library::is_task_like(t) {
        Awaited::Task
    } else if syntax::simple_type_name(t).starts_with("Configured") {
        Awaited::Configured
    } else {
        Awaited::Other(t.to_string())
    }
}

/// The type arguments of a generic type as written: `Dictionary<string, List<int>>` → `string`, `List<int>`.
fn type_arguments(t: &str) -> Vec<&str> {
    let (Some(open), Some(close)) = (t.find('<'), t.rfind('>')) else { return Vec::new() };
    let inner = &t[open + 1..close];
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out
}

/// The element type of an array or a list-like collection: `Task[]`, `List<Task<int>>`, `IReadOnlyList<Task>`.
fn element_type(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches('?');
    if let Some(element) = t.strip_suffix("[]") {
        return Some(element.to_string());
    }
    let lists = ["List", "IList", "IReadOnlyList", "Collection", "ImmutableArray", "ImmutableList"];
    match type_arguments(t).as_slice() {
        [element] if lists.contains(&syntax::simple_type_name(t)) => Some(element.to_string()),
        _ => None,
    }
}

/// What invoking a delegate of type `t` returns: the last type argument of `Func<…>`.
fn delegate_result(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches('?');
    (syntax::simple_type_name(t) == "Func").then(|| type_arguments(t).last().map(|r| r.to_string())).flatten()
}

/// The return type of the extension methods of the solution a call may be (`task.NoContext()`), when every
/// method of that name is one and they agree (or all return configured awaitables).
fn extension_return(p: &Planner, call: &TypeExpr) -> Option<String> {
    let TypeExpr::Call { name, arity, receiver, .. } = call else { return None };
    if matches!(**receiver, TypeExpr::This | TypeExpr::Base) {
        return None;
    }
    let candidates = p.index.functions_named(name);
    let mut returns = candidates.iter().map(|f| {
        let func = p.index.function(*f);
        let extension = func.params.first().is_some_and(|x| x.modifiers.iter().any(|m| m == "this"));
        (extension && func.accepts_arity(*arity as usize + 1)).then(|| func.return_type.to_string())
    });
    let first = returns.next()??;
    // Overloads for Task, Task<T>, ValueTask … of a configuring helper return as many configured awaitables.
    let agree = |r: Option<String>| r.is_some_and(|r| r == first || (configured(&r) && configured(&first)));
    returns.all(agree).then_some(first)
}

fn awaited(p: &Planner, file: FileId, containing_type: Option<u32>, ty: &TypeExpr) -> Awaited {
    match ty {
        TypeExpr::Member { receiver, name }
            if name == "CompletedTask" && matches!(&**receiver, TypeExpr::Name(n) if n == "Task") =>
        {
            return Awaited::Task
        }
        // A configured awaitable, or what one gives (`enumerator.MoveNextAsync()` of a configured enumerable's
        // enumerator returns a ConfiguredValueTaskAwaitable<bool>).
        _ if built_on_configured(ty) => return Awaited::Configured,
        TypeExpr::Call { receiver, name, .. }
            if name == "ForEachAsync" && matches!(&**receiver, TypeExpr::Name(n) if n == "Parallel") =>
        {
            return Awaited::Task
        }
        // Task members that return a task of their own.
        TypeExpr::Call { receiver, name, .. } if matches!(name.as_str(), "WaitAsync" | "ContinueWith" | "Unwrap") => {
            if let Awaited::Task = awaited(p, file, containing_type, receiver) {
                return Awaited::Task;
            }
        }
        _ => {}
    }
    match p.index.resolve_type(file, containing_type, ty) {
        Some(t) => of_type(&t),
        None => match ty {
            TypeExpr::Call { name, .. }
                if name.ends_with("Async") && !NOT_TASK_ASYNC_NAMES.contains(&name.as_str()) =>
            {
                Awaited::Unknown(Some(format!("`{name}` is named like a task-returning method")))
            }
            _ => Awaited::Unknown(None),
        },
    }
}

/// Whether the value is a configured awaitable or built from one (through calls, members and locals).
fn built_on_configured(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Call { name, .. } if name == "ConfigureAwait" => true,
        TypeExpr::Call { receiver, .. } | TypeExpr::Member { receiver, .. } => built_on_configured(receiver),
        // Awaiting a configured awaitable gives its result, which is configured no more (`await
        // (await t.ConfigureAwait(false))` of a Task<Task>, `await using var x = await f.ConfigureAwait(false)`).
        _ => false,
    }
}

/// Whether the resource or enumerable of an `await using` / `await foreach` takes ConfigureAwait: only a type of
/// the solution can be seen not to (a struct, or a type with a pattern-based DisposeAsync/GetAsyncEnumerator).
fn configurable_statement(
    p: &Planner,
    file: FileId,
    containing_type: Option<u32>,
    ty: &TypeExpr,
    interface: &str,
) -> Result<(), Reason> {
    // `var e = source.ConfigureAwait(false).GetAsyncEnumerator();`: configured already, and of a pattern-based type
    // (its DisposeAsync is configured) that has no ConfigureAwait of its own.
    if built_on_configured(ty) {
        return Err(Reason::AlreadyConfigured);
    }
    let Some(t) = p.index.resolve_type(file, containing_type, ty) else { return Ok(()) };
    // A nullable resource may be null, which `await using` skips and `ConfigureAwait` would not.
    if interface == "IAsyncDisposable" && t.trim().ends_with('?') {
        return Err(Reason::ResourceMayBeNull);
    }
    let simple = syntax::simple_type_name(t.trim().trim_end_matches('?'));
    if simple.starts_with("Configured") {
        return Err(Reason::AlreadyConfigured);
    }
    let ours = p.index.types_named(simple);
    if ours.is_empty() {
        return Ok(());
    }
    if ours.iter().any(|id| p.index.type_decl(*id).kind == crate::index::facts::TypeKind::Struct) {
        return Err(Reason::StructResource { type_name: simple.to_string() });
    }
    let supertypes = p.index.supertypes(simple);
    // A base outside the solution (a Stream, a DbConnection) may implement the interface.
    let outside = supertypes.iter().any(|s| s != simple && !p.index.is_solution_type(s));
    if supertypes.iter().any(|s| s == interface) || outside {
        return Ok(());
    }
    Err(Reason::NotConfigurable { type_name: simple.to_string(), interface: interface.to_string() })
}
