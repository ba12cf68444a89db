//! Planning a fan-out rewrite: the decisions that need the index or the
//! options (unwrap `Task.Run`? which limit? does the work return a value?),
//! fresh names, the enclosing method made async where needed, and the edits.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::layout;
use super::{
    Cap, Fanout, ForeachAdd, Form, Keep, Lambda, ParallelForEach, Placement, ResultUse, Rewrite, RunsAsync, Selector,
    Value, Verdict, Work, ID,
};
use crate::edit::Edit;
use crate::index::{library, FileId, FnId};
use crate::model::{Finding, Reason, Resolution};
use crate::plan::{Planner, Restructured};

/// Why a site is not rewritten after all: reported, or left alone.
type Refusal = Resolution;

fn reported(why: Reason) -> Refusal {
    Resolution::Reported(why)
}

/// Names handed out so far, per file and member: two rewrites in one method get `limiter` and `limiter2`.
#[derive(Default)]
struct Names(BTreeMap<(FileId, usize), BTreeSet<String>>);

impl Names {
    fn fresh(&mut self, file: FileId, rw: &Rewrite, base: &str) -> String {
        let used = self.0.entry((file, rw.scope)).or_default();
        let mut n = 1;
        loop {
            let candidate = if n == 1 { base.to_string() } else { format!("{base}{n}") };
            if rw.taken.binary_search(&candidate).is_err() && !used.contains(&candidate) {
                used.insert(candidate.clone());
                return candidate;
            }
            n += 1;
        }
    }
}

pub(super) fn plan(sites: &[(FileId, &Fanout)], p: &mut Planner) {
    let mut names = Names::default();
    // The work rewritten so far (a local awaited by two WhenAll is bounded once), with the line of that rewrite.
    let mut claimed: BTreeMap<(FileId, usize), usize> = BTreeMap::new();
    // The code each rewrite restructures or re-indents, with its line: another rewrite's edits there would collide.
    let mut spans: BTreeMap<FileId, Vec<(Range<usize>, usize)>> = BTreeMap::new();
    for (file, site) in sites {
        let line = p.index.file(*file).source.line_col(site.anchor.start).0;
        // sync-over-async planned first (and the planner has settled since): it says whether it awaits here.
        let resolution = match &site.verdict {
            Verdict::LeftAlone(r) => Resolution::LeftAlone(r.clone()),
            Verdict::Reported(r) => Resolution::Reported(r.clone()),
            Verdict::Rewrite(rw) if rw.sync_wait.is_some_and(|at| !p.awaits_at(*file, at)) => {
                Resolution::Reported(Reason::FanoutWaitedSynchronously)
            }
            Verdict::Rewrite(rw) => {
                let key = work_key(rw).map(|k| (*file, k));
                let mine = touched(rw);
                let taken = spans.get(file).and_then(|v| {
                    v.iter().find(|(r, _)| mine.iter().any(|m| r.start < m.end && m.start < r.end)).map(|(_, l)| *l)
                });
                let broken = mine.iter().any(|m| p.index.file(*file).facts.overlaps_error(m));
                match (key.and_then(|k| claimed.get(&k)), taken) {
                    _ if p.read_only(*file).is_some() => {
                        let why = p.read_only(*file).unwrap_or_default().to_string();
                        Resolution::Reported(Reason::NotTouchedFile { why })
                    }
                    _ if broken => Resolution::Reported(Reason::CodeDoesNotParse),
                    (Some(other), _) => Resolution::LeftAlone(Reason::AlreadyBoundedBy { line: *other }),
                    (None, Some(other)) => {
                        // Its edits would collide with that rewrite's; the engine plans it again on the output.
                        p.revisit_later(*file, site.anchor.clone());
                        Resolution::Reported(Reason::RestructuredBy { line: other })
                    }
                    (None, None) if !p.unsafe_fixes(*file) => Resolution::Reported(Reason::UnsafeFixNotAsked {
                        what: "bounding a fan-out changes how much of its work runs at once".into(),
                    }),
                    (None, None) => {
                        match rewrite(p, *file, &with_await_policy(p, *file, site.anchor.start, rw), &mut names) {
                            Ok(done) => {
                                p.note_unsafe_fix(*file, site.anchor.start);
                                if let Some(k) = key {
                                    claimed.insert(k, line);
                                }
                                spans.entry(*file).or_default().extend(mine.into_iter().map(|r| (r, line)));
                                Resolution::Fixed(done)
                            }
                            Err(refusal) => refusal,
                        }
                    }
                }
            }
        };
        // Left alone, a site is named, not accused.
        let finding = match resolution {
            Resolution::LeftAlone(_) => Finding::FanoutCall { name: site.name.to_string() },
            _ => site.finding.clone(),
        };
        p.site(*file, site.anchor.clone(), ID, finding, resolution);
    }
}

/// `rw`, its new awaits configured where the planner's await policy says so (configure-await configures the
/// file's awaits in the same run).
fn with_await_policy(p: &Planner, file: FileId, at: usize, rw: &Rewrite) -> Rewrite {
    let configure_await = rw.configure_await || p.configures_await_at(file, at);
    Rewrite { configure_await, ..rw.clone() }
}

/// The code a rewrite restructures (the lambda, the loop) and, for a `using` block, re-indents.
fn touched(rw: &Rewrite) -> Vec<Range<usize>> {
    let (work, wraps) = match &rw.form {
        Form::Select(Selector::Lambda(l)) => (l.range.clone(), true),
        Form::Select(Selector::MethodGroup { range, .. }) => (range.clone(), true),
        Form::ForeachAdd(f) => (f.statement.clone(), true),
        Form::ParallelForEach(p) => (p.invocation.clone(), !rw.net6),
    };
    let mut out = vec![work];
    if wraps && !rw.using_declaration {
        if let Ok(Placement { statement, block_end: Ok(end) }) = &rw.placement {
            out.push(statement.start..*end);
        }
    }
    out
}

fn work_key(rw: &Rewrite) -> Option<usize> {
    match &rw.form {
        Form::Select(Selector::Lambda(l)) => Some(l.range.start),
        Form::Select(Selector::MethodGroup { range, .. }) => Some(range.start),
        Form::ForeachAdd(f) => f.adds.first().map(|a| a.argument.start),
        Form::ParallelForEach(_) => None,
    }
}

/// What one rewrite sees of its file.
struct Ctx<'a> {
    file: FileId,
    rw: &'a Rewrite,
    /// Stands for the token in scope once every transform has planned (the planner fills it in, or nothing).
    token: &'a str,
    src: &'a str,
    le: &'a str,
}

impl Ctx<'_> {
    fn unit(&self) -> &str {
        &self.rw.style.unit
    }

    /// Extra indentation for everything inside a new `using (...) { }` block (C# < 8).
    fn extra(&self) -> &str {
        if self.rw.using_declaration {
            ""
        } else {
            self.unit()
        }
    }

    /// The indentation the line holding `offset` will have.
    fn base(&self, offset: usize) -> String {
        format!("{}{}", self.extra(), crate::syntax::line_indent(self.src, offset))
    }

    fn comment_in(&self, ranges: &[Range<usize>]) -> bool {
        self.rw.comments.iter().any(|c| ranges.iter().any(|r| c.start < r.end && r.start < c.end))
    }

    fn semaphore_type(&self) -> &'static str {
        if self.rw.qualify_threading {
            "System.Threading.SemaphoreSlim"
        } else {
            "SemaphoreSlim"
        }
    }

    fn frame<'f>(&'f self, limiter: &'f str) -> Frame<'f> {
        Frame {
            unit: self.unit(),
            allman: self.rw.style.allman,
            le: self.le,
            limiter,
            token: Some(self.token),
            configure_await: self.rw.configure_await,
        }
    }

    /// The limiter's declaration before the placement statement: `using var` (C# 8+), or a
    /// `using (...) { }` block around the statements through `block_end`, re-indented except where
    /// `handled` (code the rewrite re-indents or replaces itself).
    fn limiter_edits(&self, limiter: &str, limit: &str, handled: &[Range<usize>]) -> Result<Vec<Edit>, Refusal> {
        let placement = self.rw.placement.as_ref().map_err(|why| reported(why.clone()))?;
        let statement = &placement.statement;
        let indent = crate::syntax::line_indent(self.src, statement.start);
        let own_line = layout::starts_line(self.src, statement.start);
        let sem = self.semaphore_type();
        let le = self.le;
        if self.rw.using_declaration {
            let sep = if own_line { format!("{le}{indent}") } else { " ".to_string() };
            let decl = format!("using var {limiter} = new {sem}({limit});{sep}");
            return Ok(vec![Edit::open(statement.start, decl, statement.len() + 1, ID)]);
        }
        let end = placement.block_end.clone().map_err(|why| reported(Reason::NoUsingVar { why: Box::new(why) }))?;
        if !own_line {
            return Err(reported(Reason::UsingBlockSharesLine));
        }
        let u = self.unit();
        let wrapped = end - statement.start + 1;
        let open = format!("using (var {limiter} = new {sem}({limit})){}{le}{indent}{u}", self.open_brace(indent));
        let mut edits = vec![Edit::open(statement.start, open, wrapped, ID)];
        for ls in layout::line_starts(self.src, &(statement.start..end)) {
            if handled.iter().any(|h| h.start < ls && ls < h.end)
                || !layout::shiftable(self.src, ls, &self.rw.protected)
            {
                continue;
            }
            edits.push(Edit::open(ls, u, usize::MAX, ID));
        }
        edits.push(Edit::close(end, format!("{le}{indent}}}"), wrapped, ID));
        Ok(edits)
    }

    /// Edits that turn a lambda into `async x => { await limiter.WaitAsync(); try { work } finally { ... } }`.
    fn lambda_edits(&self, l: &Lambda, keep: &Keep, ret: bool, frame: &Frame) -> Result<Vec<Edit>, Refusal> {
        let kr = keep.range();
        if self.comment_in(&[l.arrow_end..kr.start, kr.end..l.body.end]) {
            return Err(reported(Reason::CommentInside));
        }
        let b = self.base(l.range.start);
        let compact = self.compact(keep);
        let (pre, post) = statement_parts(keep, ret, frame.ca());
        let mut edits = Vec::new();
        if !l.is_async {
            edits.push(Edit::open(l.params.start, "async ", l.range.len(), ID));
        }
        edits.push(replace(l.arrow_end..kr.start, format!("{}{pre}", frame.open(&b, compact))));
        if !compact {
            let to = format!("{b}{u}{u}", u = self.unit());
            for (r, t) in layout::shift_edits(self.src, &kr, &self.keep_indent(keep), &to, &self.rw.protected) {
                edits.push(replace(r, t));
            }
        }
        if kr.end < l.body.end {
            edits.push(Edit::replace(kr.end..l.body.end, format!("{post}{}", frame.close(&b, compact)), ID));
        } else {
            edits.push(Edit::close(kr.end, format!("{post}{}", frame.close(&b, compact)), kr.len(), ID));
        }
        Ok(edits)
    }

    /// One expression on one line, `try { await Work(x); }`, where the file writes such one-line blocks itself.
    fn compact(&self, keep: &Keep) -> bool {
        self.rw.style.one_line_blocks && matches!(keep, Keep::Expr { .. }) && !self.src[keep.range()].contains('\n')
    }

    /// ` {` or a line break and `{` indented as `indent`, as the file opens its blocks.
    fn open_brace(&self, indent: &str) -> String {
        if self.rw.style.allman {
            format!("{}{indent}{{", self.le)
        } else {
            " {".to_string()
        }
    }

    /// Indentation the kept code's lines have now.
    fn keep_indent(&self, keep: &Keep) -> String {
        match keep {
            Keep::Expr { range, .. } => crate::syntax::line_indent(self.src, range.start).to_string(),
            Keep::Block { indent, .. } => indent.clone(),
        }
    }
}

/// An insertion when the range is empty, a replacement otherwise.
fn replace(range: Range<usize>, text: String) -> Edit {
    if range.is_empty() {
        Edit::open(range.start, text, 0, ID)
    } else {
        Edit::replace(range, text, ID)
    }
}

/// The text around the kept work: `{ await limiter.WaitAsync(); try {` ... `} finally { limiter.Release(); } }`.
struct Frame<'a> {
    unit: &'a str,
    allman: bool,
    le: &'a str,
    limiter: &'a str,
    token: Option<&'a str>,
    configure_await: bool,
}

impl Frame<'_> {
    fn ca(&self) -> &'static str {
        if self.configure_await {
            ".ConfigureAwait(false)"
        } else {
            ""
        }
    }

    /// From after `=>` (or a signature) to where the kept work begins; `b` is the indentation of `{`.
    fn open(&self, b: &str, compact: bool) -> String {
        let (u, le) = (self.unit, self.le);
        let wait = format!("await {}.WaitAsync({}){};", self.limiter, self.token.unwrap_or(""), self.ca());
        let brace = if self.allman { format!("{le}{b}{{") } else { " {".to_string() };
        let try_ = if compact {
            "try { ".to_string()
        } else if self.allman {
            format!("try{le}{b}{u}{{{le}{b}{u}{u}")
        } else {
            format!("try {{{le}{b}{u}{u}")
        };
        format!("{brace}{le}{b}{u}{wait}{le}{b}{u}{try_}")
    }

    /// From the end of the kept work through the closing `}`.
    fn close(&self, b: &str, compact: bool) -> String {
        let (u, le) = (self.unit, self.le);
        let release = format!("{}.Release();", self.limiter);
        if compact {
            format!(" }}{le}{b}{u}finally {{ {release} }}{le}{b}}}")
        } else if self.allman {
            format!("{le}{b}{u}}}{le}{b}{u}finally{le}{b}{u}{{{le}{b}{u}{u}{release}{le}{b}{u}}}{le}{b}}}")
        } else {
            format!("{le}{b}{u}}} finally {{{le}{b}{u}{u}{release}{le}{b}{u}}}{le}{b}}}")
        }
    }
}

/// What goes before and after the kept work inside `try { }`: `return await (`, `).ConfigureAwait(false);`.
fn statement_parts(keep: &Keep, ret: bool, ca: &str) -> (String, String) {
    match keep {
        Keep::Expr { add_await, parens, statement, .. } => {
            let ret = if ret || !statement { "return " } else { "" };
            if *add_await {
                let (open, close) = if *parens { ("(", ")") } else { ("", "") };
                (format!("{ret}await {open}"), format!("{close}{ca};"))
            } else {
                (ret.to_string(), ";".to_string())
            }
        }
        Keep::Block { .. } => (String::new(), String::new()),
    }
}

/// Whether the work is CPU-bound, and what the reason says about its `Task.Run`. The `Task.Run` stays around
/// async work too: it runs the work's synchronous start and its continuations on the thread pool, and removing
/// it would move them to the caller's thread and context (a UI thread, in a desktop app).
fn task_run_kept(p: &Planner, file: FileId, rw: &Rewrite, work: &Work) -> (bool, Option<String>) {
    const ASYNC_KEPT: &str = "`Task.Run` kept around the async work: it still starts on the thread pool";
    const CPU: &str = "CPU-bound work: `Task.Run` kept";
    match &work.runs_async {
        Some(RunsAsync::Always) => (false, Some(ASYNC_KEPT.into())),
        Some(RunsAsync::IfTaskTyped(t)) => match p.index.resolve_type(file, rw.containing_type, t) {
            Some(ty) if library::is_task_like(&ty) => (false, Some(ASYNC_KEPT.into())),
            _ if work.cpu_if_kept => (true, Some(CPU.into())),
            _ => (false, Some("`Task.Run` kept: the work inside is not proven to return a task".into())),
        },
        None if work.cpu_if_kept => (true, Some(CPU.into())),
        None => (false, None),
    }
}

/// Whether the work yields a value, as far as the index can tell.
fn yields_value(p: &Planner, file: FileId, rw: &Rewrite, value: &Value) -> Option<bool> {
    let resolve = |t| p.index.resolve_type(file, rw.containing_type, t);
    match value {
        Value::Known(b) => Some(*b),
        Value::TaskOf(t) => resolve(t).filter(|ty| library::is_task_like(ty)).map(|ty| library::is_generic_task(&ty)),
        Value::Plain(t) => resolve(t).map(|ty| ty.trim() != "void"),
        Value::RunOf(t) => {
            resolve(t).map(
                |ty| {
                    if library::is_task_like(&ty) {
                        library::is_generic_task(&ty)
                    } else {
                        ty.trim() != "void"
                    }
                },
            )
        }
    }
}

/// Whether the rewritten work returns its value (`return await ...`).
fn wants_return(p: &Planner, file: FileId, rw: &Rewrite, value: &Value) -> Result<bool, Refusal> {
    match rw.result {
        ResultUse::Discarded => Ok(false),
        ResultUse::Used => Ok(true),
        ResultUse::ElementTypeKept => yields_value(p, file, rw, value).ok_or_else(|| reported(Reason::TaskTypeUnknown)),
    }
}

fn keep_value(keep: &Keep) -> Value {
    match keep {
        Keep::Expr { value, .. } => value.clone(),
        Keep::Block { returns_value, .. } => Value::Known(*returns_value),
    }
}

/// The limit as written, and as a number to compare source sizes with.
fn limit(p: &Planner, cpu: bool) -> (String, usize) {
    match p.options.max_concurrency {
        Some(n) => (n.to_string(), n),
        None if cpu => ("Environment.ProcessorCount".to_string(), 10),
        None => ("10".to_string(), 10),
    }
}

fn check_cap(rw: &Rewrite, limit: usize) -> Result<(), Refusal> {
    match &rw.cap {
        Some(Cap::Fixed(k)) if *k <= limit => Err(Resolution::LeftAlone(Reason::FixedItems { count: *k, limit })),
        Some(Cap::Take(Some(k), t)) if *k <= limit => {
            Err(Resolution::LeftAlone(Reason::SourceCapped { by: t.clone() }))
        }
        _ => Ok(()),
    }
}

fn rewrite(p: &mut Planner, file: FileId, rw: &Rewrite, names: &mut Names) -> Result<String, Refusal> {
    // The token in scope is the planner's to name when every transform has planned: cancellation-token may still
    // add one to this method in the same run.
    let had_token = p.token_in_scope(file, rw.function).is_some();
    let token = p.deferred_token(file, rw.function, "", "");
    let index = p.index;
    let f = index.file(file);
    let cx = Ctx { file, rw, token: &token, src: f.source.text(), le: f.source.line_ending.as_str() };
    let (edits, usings, reason) = match &rw.form {
        Form::Select(sel) => select(p, &cx, sel, names)?,
        Form::ForeachAdd(fa) => foreach_add(p, &cx, fa, names)?,
        Form::ParallelForEach(pf) => {
            let (planned, token) = if rw.net6 {
                let (planned, token) = parallel_async(p, &cx, pf, names)?;
                (planned, Some(token))
            } else {
                (parallel_semaphore(p, &cx, pf, names)?, None)
            };
            // Last, once nothing else can refuse: the enclosing method must await now.
            if !pf.top_level {
                let Some(index) = rw.function else { return Err(reported(Reason::OutsideMethod)) };
                p.make_async(FnId { file, index }, ID)
                    .map_err(|why| reported(Reason::EnclosingMethodCannotBecomeAsync { why: Box::new(why) }))?;
            }
            if let Some(token) = token {
                let body = Restructured::ForEachAsyncBody { token: crate::atom::Atom::new(&token) };
                p.note_restructured(file, pf.lambda.range.start, body);
            }
            planned
        }
    };
    for e in edits {
        p.edit(file, e);
    }
    for ns in usings {
        p.note_using(file, ns);
    }
    if let (false, Some(index)) = (had_token, rw.function) {
        // The limiter's WaitAsync takes a token: cancellation-token may thread one to this method now.
        p.note_token_sink(crate::index::FnId { file, index }, "SemaphoreSlim.WaitAsync");
    }
    // The reason names the token only when it turns out to exist.
    let named = p.deferred_token(file, rw.function, ", WaitAsync(", ")");
    Ok(reason.replace(&format!(", WaitAsync({token})"), &named))
}

type Planned = (Vec<Edit>, Vec<&'static str>, String);

/// Namespaces the limiter's code names.
fn limiter_usings(cx: &Ctx, limit: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !cx.rw.qualify_threading {
        out.push("System.Threading");
    }
    if limit.starts_with("Environment.") {
        out.push("System");
    }
    out
}

/// What the rewrite did; `, WaitAsync(token)` is replaced by the token's name, or nothing, once it is known.
fn bounded_reason(limit: &str, limiter: &str, token: &str, note: Option<String>) -> String {
    let mut reason = format!("at most {limit} at a time: SemaphoreSlim `{limiter}`, WaitAsync({token})");
    if let Some(n) = note {
        reason.push_str("; ");
        reason.push_str(&n);
    }
    reason
}

/// `Task.WhenAll(src.Select(x => Work(x)))`, directly or through a local.
fn select(p: &mut Planner, cx: &Ctx, sel: &Selector, names: &mut Names) -> Result<Planned, Refusal> {
    let rw = cx.rw;
    match sel {
        Selector::Lambda(l) => {
            let work = l.work.as_ref().map_err(|why| reported(why.clone()))?;
            let keep = work.keep.clone();
            let (cpu, note) = task_run_kept(p, cx.file, rw, work);
            let (limit, n) = limit(p, cpu);
            check_cap(rw, n)?;
            let ret = match keep {
                Keep::Block { .. } => false,
                _ => wants_return(p, cx.file, rw, &keep_value(&keep))?,
            };
            let limiter = names.fresh(cx.file, rw, "limiter");
            let frame = cx.frame(&limiter);
            let mut edits = cx.lambda_edits(l, &keep, ret, &frame)?;
            let body = l.arrow_end..l.body.end;
            edits.extend(cx.limiter_edits(&limiter, &limit, std::slice::from_ref(&body))?);
            let reason = bounded_reason(&limit, &limiter, cx.token, note);
            Ok((edits, limiter_usings(cx, &limit), reason))
        }
        Selector::MethodGroup { range, name, value } => {
            let candidates = p.index.functions_named(name);
            if !candidates.is_empty() && !candidates.iter().any(|c| p.index.function(*c).accepts_arity(1)) {
                return Err(reported(Reason::MethodGroupArity { name: name.clone() }));
            }
            let (limit, n) = limit(p, false);
            check_cap(rw, n)?;
            let ret = wants_return(p, cx.file, rw, value)?;
            let limiter = names.fresh(cx.file, rw, "limiter");
            let item = names.fresh(cx.file, rw, "item");
            let frame = cx.frame(&limiter);
            let b = cx.base(range.start);
            let call = if ret { "return await " } else { "await " };
            let compact = rw.style.one_line_blocks;
            let before = format!("async {item} =>{}{call}", frame.open(&b, compact));
            let after = format!("({item}){};{}", frame.ca(), frame.close(&b, compact));
            let mut edits =
                vec![Edit::open(range.start, before, range.len(), ID), Edit::close(range.end, after, range.len(), ID)];
            edits.extend(cx.limiter_edits(&limiter, &limit, &[])?);
            let reason = bounded_reason(&limit, &limiter, cx.token, None);
            Ok((edits, limiter_usings(cx, &limit), reason))
        }
    }
}

/// `foreach (var x in src) tasks.Add(Work(x));`: the work moves into an async lambda that waits for a
/// slot, held in a `Func<Task>` local and invoked (a local function would read better, but Mono's
/// compiler and C# before 7 lack them). Each `Add` of the loop (several under conditions) gets a lambda of its own,
/// declared just before it under a name of its own (switch sections share one scope).
fn foreach_add(p: &mut Planner, cx: &Ctx, fa: &ForeachAdd, names: &mut Names) -> Result<Planned, Refusal> {
    let rw = cx.rw;
    let mut cpu = false;
    let mut notes = Vec::new();
    let mut deleted = Vec::new();
    for added in &fa.adds {
        let (kept_on_pool, note) = task_run_kept(p, cx.file, rw, &added.work);
        cpu |= kept_on_pool;
        notes.extend(note);
        let kr = added.work.keep.range();
        deleted.extend([added.argument.start..kr.start, kr.end..added.argument.end]);
    }
    notes.dedup();
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    let (limit, _) = limit(p, cpu);
    if !fa.body_is_block {
        deleted.push(fa.header_end..fa.body.start);
    }
    if cx.comment_in(&deleted) {
        return Err(reported(Reason::CommentInside));
    }
    let ret = library::is_generic_task(&fa.element);
    let limiter = names.fresh(cx.file, rw, "limiter");
    let frame = cx.frame(&limiter);
    let (u, le) = (cx.unit(), cx.le);
    let loop_indent = cx.base(fa.statement.start);
    let mut edits = Vec::new();
    let mut handled = Vec::new();
    let mut locals = Vec::new();
    for added in &fa.adds {
        let keep = added.work.keep.clone();
        let kr = keep.range();
        let local = names.fresh(cx.file, rw, "limitedWork");
        let s = if fa.body_is_block { cx.base(added.add_statement.start) } else { format!("{loop_indent}{u}") };
        let compact = cx.compact(&keep);
        let (pre, post) = statement_parts(&keep, ret, frame.ca());
        let work = if compact {
            cx.src[kr.clone()].to_string()
        } else {
            layout::copy_shifted(cx.src, &kr, &cx.keep_indent(&keep), &format!("{s}{u}{u}"), &rw.protected)
        };
        let decl = format!(
            "Func<{element}> {local} = async () =>{open}{pre}{work}{post}{close};",
            element = fa.element,
            open = frame.open(&s, compact),
            close = frame.close(&s, compact),
        );
        edits.push(Edit::replace(added.argument.clone(), format!("{local}()"), ID));
        handled.push(added.argument.clone());
        if fa.body_is_block {
            let sep =
                if layout::starts_line(cx.src, added.add_statement.start) { format!("{le}{s}") } else { " ".into() };
            edits.push(Edit::open(added.add_statement.start, format!("{decl}{sep}"), added.add_statement.len(), ID));
        } else {
            let brace = cx.open_brace(&loop_indent);
            edits.push(Edit::replace(fa.header_end..fa.body.start, format!("{brace}{le}{s}{decl}{le}{s}"), ID));
            edits.push(Edit::close(fa.body.end, format!("{le}{loop_indent}}}"), fa.body.len(), ID));
            handled.push(fa.header_end..fa.body.start);
        }
        locals.push(format!("`{local}`"));
    }
    edits.extend(cx.limiter_edits(&limiter, &limit, &handled)?);
    let mut usings = limiter_usings(cx, &limit);
    usings.extend(["System", "System.Threading.Tasks"]);
    let reason = bounded_reason(&limit, &limiter, cx.token, note);
    let lambdas = match locals.as_slice() {
        [one] => format!("async lambda {one}"),
        more => format!("async lambdas {}", more.join(", ")),
    };
    Ok((edits, usings, format!("{reason}; each item's work runs in {lambdas}")))
}

/// `Parallel.ForEach(src, async x => ...)` → `await Parallel.ForEachAsync(src, options, async (x, ct) => ...)`;
/// also the name of the token parameter the lambda gains.
fn parallel_async(
    p: &mut Planner,
    cx: &Ctx,
    pf: &ParallelForEach,
    names: &mut Names,
) -> Result<(Planned, String), Refusal> {
    let rw = cx.rw;
    let l = &pf.lambda;
    if cx.comment_in(std::slice::from_ref(&l.params)) {
        return Err(reported(Reason::CommentInside));
    }
    let (limit, _) = limit(p, false);
    let ct = names.fresh(cx.file, rw, "ct");
    let params = &cx.src[l.params.clone()];
    let new_params = match params.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) if l.typed_params => format!("({}, CancellationToken {ct})", inner.trim()),
        Some(inner) => format!("({}, {ct})", inner.trim()),
        None => format!("({params}, {ct})"),
    };
    let inv = &pf.invocation;
    let mut edits = vec![
        Edit::open(inv.start, "await ", inv.len(), ID),
        Edit::replace(pf.name.clone(), "ForEachAsync", ID),
        Edit::replace(l.params.clone(), new_params, ID),
    ];
    if rw.configure_await {
        edits.push(Edit::close(inv.end, crate::plan::CONFIGURE_AWAIT, inv.len(), ID));
    }
    let mut reason = String::from("`await Parallel.ForEachAsync(...)`");
    if pf.options.is_none() {
        let token = p.deferred_token(cx.file, rw.function, ", CancellationToken = ", "");
        let options = format!("new ParallelOptions {{ MaxDegreeOfParallelism = {limit}{token} }}, ");
        edits.push(Edit::open(l.range.start, options, l.range.len(), ID));
        reason.push_str(&format!(" with MaxDegreeOfParallelism = {limit}"));
        reason.push_str(&p.deferred_token(cx.file, rw.function, " and CancellationToken = ", ""));
    } else {
        reason.push_str(" with the ParallelOptions given");
    }
    reason.push_str(": the loop now waits for every item and sees its exceptions");
    let mut usings = vec!["System.Threading.Tasks"];
    if l.typed_params {
        usings.push("System.Threading");
    }
    Ok(((edits, usings, reason), ct))
}

/// `Parallel.ForEach(src, async x => ...)` before .NET 6 → `await Task.WhenAll(src.Select(async x => { limited }))`.
fn parallel_semaphore(p: &mut Planner, cx: &Ctx, pf: &ParallelForEach, names: &mut Names) -> Result<Planned, Refusal> {
    let rw = cx.rw;
    let l = &pf.lambda;
    if pf.options.is_some() {
        return Err(reported(Reason::ParallelOptionsBeforeNet6));
    }
    let inv = &pf.invocation;
    let gaps = [inv.start..pf.source.start, pf.source.end..l.range.start, l.range.end..inv.end];
    if cx.comment_in(&gaps) {
        return Err(reported(Reason::CommentInside));
    }
    let (open, close) = if pf.source_parens { ("(", ")") } else { ("", "") };
    let mut edits = vec![
        Edit::replace(gaps[0].clone(), format!("await Task.WhenAll({open}"), ID),
        Edit::replace(gaps[1].clone(), format!("{close}.Select("), ID),
        Edit::replace(gaps[2].clone(), "))", ID),
    ];
    let mut usings = vec!["System.Linq", "System.Threading.Tasks"];
    if l.bounded {
        let reason = "`await Task.WhenAll(src.Select(...))`: the loop now waits for every item and sees its \
                      exceptions (the lambda already waits on a limiter)";
        return Ok((edits, usings, reason.to_string()));
    }
    let work = l.work.as_ref().map_err(|why| reported(why.clone()))?;
    let keep = work.keep.clone();
    let (cpu, note) = task_run_kept(p, cx.file, rw, work);
    let (limit, _) = limit(p, cpu);
    let limiter = names.fresh(cx.file, rw, "limiter");
    let frame = cx.frame(&limiter);
    edits.extend(cx.lambda_edits(l, &keep, false, &frame)?);
    let mut handled = gaps.to_vec();
    handled.push(l.arrow_end..l.body.end);
    edits.extend(cx.limiter_edits(&limiter, &limit, &handled)?);
    usings.extend(limiter_usings(cx, &limit));
    let reason = bounded_reason(&limit, &limiter, cx.token, note);
    Ok((
        edits,
        usings,
        format!("{reason}; `await Task.WhenAll(src.Select(...))` (no Parallel.ForEachAsync before .NET 6): the loop now waits for every item"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facts::TypeExpr;

    fn frame<'a>(allman: bool, token: Option<&'a str>, configure_await: bool) -> Frame<'a> {
        Frame { unit: "    ", allman, le: "\n", limiter: "limiter", token, configure_await }
    }

    fn expr(add_await: bool, parens: bool, statement: bool) -> Keep {
        Keep::Expr { range: 0..1, add_await, parens, statement, value: Value::TaskOf(TypeExpr::Unknown) }
    }

    #[test]
    fn compact_frame_waits_before_try_and_releases_in_finally() {
        let f = frame(true, Some("ct"), false);
        let (pre, post) = statement_parts(&expr(true, false, true), true, f.ca());
        let text = format!("x =>{}{pre}Work(x){post}{}", f.open("", true), f.close("", true));
        assert_eq!(
            text,
            "x =>\n{\n    await limiter.WaitAsync(ct);\n    try { return await Work(x); }\n    finally { limiter.Release(); }\n}"
        );
    }

    #[test]
    fn full_frame_in_knr_style_with_configure_await() {
        let f = frame(false, None, true);
        let text = format!("x =>{}Body();{}", f.open("  ", false), f.close("  ", false));
        assert_eq!(
            text,
            "x => {\n      await limiter.WaitAsync().ConfigureAwait(false);\n      try {\n          Body();\n      } finally {\n          limiter.Release();\n      }\n  }"
        );
    }

    #[test]
    fn statement_parts_parenthesize_and_return_where_needed() {
        assert_eq!(
            statement_parts(&expr(true, true, true), false, ".ConfigureAwait(false)"),
            ("await (".to_string(), ").ConfigureAwait(false);".to_string())
        );
        // An async lambda's expression that is not a statement is returned, results used or not.
        assert_eq!(statement_parts(&expr(false, false, false), false, ""), ("return ".to_string(), ";".to_string()));
        let block = Keep::Block { interior: 0..0, indent: String::new(), returns_value: true };
        assert_eq!(statement_parts(&block, true, ""), (String::new(), String::new()));
    }
}
