//! Finding fan-out sites in one parsed file and recording, as byte ranges,
//! what the rewrite needs. Anything the tree alone can settle (a fixed set,
//! an existing limiter, a batching loop, where the limiter can go) is
//! settled here; what needs the solution index or the options is left to
//! planning.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use crate::atom::Atom;
use tree_sitter::Node;

use super::layout::{self, Style};
use super::source::SourceCx;
use super::tree::*;
use super::{
    Added, Cap, Fanout, ForeachAdd, Form, Keep, Lambda, ParallelForEach, Placement, ResultUse, Rewrite, RunsAsync,
    Selector, Value, Verdict, Work,
};
use crate::index::facts::{self, TypeExpr};
use crate::model::{Finding, Reason};
use crate::syntax::parents::Parents;
use crate::syntax::{field, kinds, simple_type_name, text};
use crate::transforms::FileInput;

/// The invocation a site is anchored on.
#[derive(Clone, Copy)]
enum Anchor {
    WhenAll,
    /// `Task.WaitAll(tasks)`, which sync-over-async turns into `await Task.WhenAll(tasks)` in the same run.
    WaitAll,
    ParallelForEach,
    ParallelForEachAsync,
}

/// Words in a source expression that show the work is split into batches.
const BATCH_MARKERS: &[&str] = &["Chunk(", "Batch(", "Buffer(", "Partition(", "GetRange(", "Skip(", "Take(", "Slice("];

pub(super) fn detect(input: &FileInput) -> Vec<Fanout> {
    let src = input.source.text();
    if !src.contains("WhenAll") && !src.contains("WaitAll") && !src.contains("Parallel") {
        return Vec::new();
    }
    let cx = Cx { input, parents: OnceCell::new(), src, style: Style::detect(src) };
    let mut out = Vec::new();
    let mut stack = vec![input.tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == kinds::INVOCATION {
            if let Some(mut site) = cx.when_all(node) {
                // In test code or a bulk branch a fan-out is deliberate, whatever its shape says.
                if !matches!(site.verdict, Verdict::LeftAlone(_)) {
                    if let Some(why) = cx.sources().deliberate_here(node) {
                        site.verdict = Verdict::LeftAlone(why);
                    }
                }
                out.push(site);
            } else if let Some(site) = cx.parallel(node) {
                out.push(site);
            }
        }
        let mut c = node.walk();
        stack.extend(node.children(&mut c));
    }
    out.sort_by_key(|f| (f.anchor.start, f.anchor.end));
    out
}

struct Cx<'a> {
    input: &'a FileInput<'a>,
    /// Built on the first question about a node's ancestors: most files with the trigger words hold no site.
    parents: OnceCell<Parents<'a>>,
    src: &'a str,
    style: Style,
}

fn site(anchor: Node, kind: Anchor, verdict: Verdict) -> Option<Fanout> {
    let (finding, name) = match kind {
        Anchor::WhenAll => (Finding::WhenAllFanout, "Task.WhenAll"),
        Anchor::WaitAll => (Finding::WaitAllFanout, "Task.WaitAll"),
        Anchor::ParallelForEach => (Finding::ParallelForEachAsyncLambda, "Parallel.ForEach"),
        Anchor::ParallelForEachAsync => {
            (Finding::FanoutCall { name: "Parallel.ForEachAsync".into() }, "Parallel.ForEachAsync")
        }
    };
    Some(Fanout { anchor: anchor.byte_range(), finding, name, verdict })
}

impl<'a> Cx<'a> {
    fn parents(&self) -> &Parents<'a> {
        self.parents.get_or_init(|| Parents::new(self.input.tree.root_node()))
    }

    fn parent(&self, node: Node<'a>) -> Option<Node<'a>> {
        self.parents().of(node)
    }

    fn text(&self, node: Node<'a>) -> &'a str {
        text(node, self.src)
    }

    fn sources(&self) -> SourceCx<'_, 'a> {
        SourceCx { input: self.input, parents: self.parents(), src: self.src }
    }

    // ----- Task.WhenAll -----

    /// `Task.WhenAll(...)`, or `Task.WaitAll(tasks)` over one collection: its fan-out is the same, and
    /// sync-over-async awaits it (as `WhenAll`) in the same run.
    fn anchor_kind(&self, anchor: Node<'a>) -> Anchor {
        match member_call(anchor, self.src) {
            Some((_, "WaitAll", _)) => Anchor::WaitAll,
            _ => Anchor::WhenAll,
        }
    }

    fn when_all(&self, node: Node<'a>) -> Option<Fanout> {
        let (receiver, name, _) = member_call(node, self.src)?;
        if !matches!(name, "WhenAll" | "WaitAll") || !names_type(receiver, self.src, "Task") {
            return None;
        }
        let kind = self.anchor_kind(node);
        let args = arguments(node);
        if name == "WaitAll" && args.len() != 1 {
            // Several tasks, or a timeout: a fixed set, or no fan-out sync-over-async awaits.
            return None;
        }
        if args.len() >= 2 {
            return site(node, kind, Verdict::LeftAlone(Reason::FixedSet { count: args.len() }));
        }
        let arg = materialized(strip_parens(argument_value(*args.first()?)?), self.src);
        if let Some(count) = fixed_count(arg, self.src) {
            return match kind {
                Anchor::WaitAll => None,
                _ => site(node, kind, Verdict::LeftAlone(Reason::FixedSet { count })),
            };
        }

        match arg.kind() {
            kinds::INVOCATION if member_call(arg, self.src).is_some_and(|(_, m, _)| m == "Select") => {
                self.select_site(node, arg, None)
            }
            kinds::IDENTIFIER => self.traced(node, arg),
            _ => None,
        }
    }

    /// `await Task.WhenAll(tasks)`: what `tasks` holds.
    fn traced(&self, anchor: Node<'a>, ident: Node<'a>) -> Option<Fanout> {
        let name = self.text(ident);
        let (statement, declarator) = find_local(anchor, name, self.src, self.parents())?;
        let init = materialized(strip_parens(declarator_value(declarator)?), self.src);
        if let Some(count) = fixed_count(init, self.src) {
            return site(anchor, self.anchor_kind(anchor), Verdict::LeftAlone(Reason::FixedSet { count }));
        }
        match init.kind() {
            kinds::INVOCATION if member_call(init, self.src).is_some_and(|(_, m, _)| m == "Select") => {
                self.select_site(anchor, init, Some((statement, declarator, ident)))
            }
            "object_creation_expression" | "implicit_object_creation_expression" => {
                self.foreach_site(anchor, statement, declarator, init)
            }
            _ => None,
        }
    }

    /// `src.Select(selector)`, passed to the WhenAll at `anchor` directly or through a local.
    fn select_site(
        &self,
        anchor: Node<'a>,
        select: Node<'a>,
        local: Option<(Node<'a>, Node<'a>, Node<'a>)>,
    ) -> Option<Fanout> {
        let (source, _, _) = member_call(select, self.src)?;
        let sargs = arguments(select);
        if sargs.len() != 1 {
            return None;
        }
        let selector_node = strip_parens(argument_value(sargs[0])?);
        let verdict = |v| site(anchor, self.anchor_kind(anchor), v);
        let selector = match selector_node.kind() {
            kinds::LAMBDA => {
                let lambda = self.lambda(selector_node);
                if lambda.bounded {
                    return verdict(Verdict::LeftAlone(Reason::LambdaLimited));
                }
                Selector::Lambda(lambda)
            }
            kinds::IDENTIFIER | kinds::MEMBER_ACCESS | "generic_name" => {
                let name_node = match selector_node.kind() {
                    kinds::MEMBER_ACCESS => field(selector_node, "name")?,
                    _ => selector_node,
                };
                let name_node = if name_node.kind() == "generic_name" { name_node.named_child(0)? } else { name_node };
                let receiver = match selector_node.kind() {
                    kinds::MEMBER_ACCESS => {
                        field(selector_node, "expression").map_or(TypeExpr::Unknown, |e| self.type_of(e))
                    }
                    _ => TypeExpr::This,
                };
                let name = self.text(name_node).to_string();
                let value = Value::TaskOf(TypeExpr::call(receiver, Atom::new(&name), 1));
                Selector::MethodGroup { range: selector_node.byte_range(), name, value }
            }
            kinds::ANONYMOUS_METHOD => return verdict(Verdict::Reported(Reason::SelectorAnonymousMethod)),
            _ => return verdict(Verdict::Reported(Reason::SelectorNotWrappable)),
        };
        if let Some(why) = self.batched(anchor, source) {
            return verdict(Verdict::LeftAlone(why));
        }
        let cap = take_cap(source, self.src).or_else(|| self.fixed_source(anchor, source));
        if let Some(Cap::Take(None, t)) = &cap {
            return verdict(Verdict::LeftAlone(Reason::SourceCapped { by: t.clone() }));
        }
        // A source of known size or cap is compared with the limit at planning; any other must be plausibly large.
        if cap.is_none() {
            let work = match &selector {
                Selector::Lambda(_) => field(selector_node, "body").filter(|b| b.kind() != kinds::BLOCK),
                Selector::MethodGroup { .. } => None,
            };
            if let Some(why) = self.sources().leave_alone(anchor, source, work) {
                return verdict(Verdict::LeftAlone(why));
            }
        }
        let Some((await_node, configure_await, sync_wait)) =
            awaited_now_or_by_sync_over_async(anchor, self.parents(), self.src)
        else {
            return verdict(Verdict::Reported(not_awaited_reason(self.parent(anchor), self.src)));
        };
        if let Selector::Lambda(l) = &selector {
            if let Err(why) = &l.work {
                return verdict(Verdict::Reported(why.clone()));
            }
        }
        let discarded = self.parent(await_node).is_some_and(|p| p.kind() == kinds::EXPRESSION_STATEMENT);
        let mut result = if discarded { ResultUse::Discarded } else { ResultUse::Used };
        let (first, last) = match local {
            None => match statement_in_block(await_node, self.parents()) {
                Some(s) => (s, s),
                None => return verdict(Verdict::Reported(Reason::NoStatementBlock)),
            },
            Some((statement, declarator, use_)) => {
                let container = self.parent(statement)?;
                let last = child_ancestor(anchor, container, self.parents())?;
                if result == ResultUse::Discarded && self.read_elsewhere(container, declarator, use_) {
                    result = ResultUse::ElementTypeKept;
                }
                (statement, last)
            }
        };
        let form = Form::Select(selector);
        let rewrite =
            Rewrite { sync_wait, ..self.rewrite(anchor, form, Some((first, last)), configure_await, result, cap) };
        verdict(Verdict::Rewrite(Box::new(rewrite)))
    }

    /// Whether the tasks local is read anywhere but in its declaration and the WhenAll.
    fn read_elsewhere(&self, container: Node<'a>, declarator: Node<'a>, use_: Node<'a>) -> bool {
        let Some(name_node) = field(declarator, "name") else { return true };
        let name = self.text(name_node);
        let mut stack = vec![container];
        while let Some(n) = stack.pop() {
            if n.kind() == kinds::IDENTIFIER && self.text(n) == name && n.id() != name_node.id() && n.id() != use_.id()
            {
                return true;
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        false
    }

    /// `var tasks = new List<Task>(); foreach (...) tasks.Add(work); await Task.WhenAll(tasks);`
    fn foreach_site(
        &self,
        anchor: Node<'a>,
        statement: Node<'a>,
        declarator: Node<'a>,
        init: Node<'a>,
    ) -> Option<Fanout> {
        let verdict = |v| site(anchor, self.anchor_kind(anchor), v);
        let list_type = self
            .parent(declarator)
            .and_then(|d| field(d, "type"))
            .filter(|t| t.kind() != "implicit_type")
            .or_else(|| field(init, "type"))?;
        let list_type = self.text(list_type);
        if simple_type_name(list_type) != "List" {
            return None;
        }
        let element = list_type[list_type.find('<')? + 1..list_type.rfind('>')?].trim().to_string();
        if simple_type_name(&element) != "Task" {
            return None;
        }
        let name = self.text(field(declarator, "name")?);
        let container = self.parent(statement)?;
        let last = child_ancestor(anchor, container, self.parents())?;
        let between: Vec<Node<'a>> = named_children(container)
            .into_iter()
            .filter(|c| c.start_byte() >= statement.end_byte() && c.end_byte() <= last.start_byte())
            .collect();
        let mut adds = Vec::new();
        for n in &between {
            let mut stack = vec![*n];
            while let Some(x) = stack.pop() {
                if x.kind() == kinds::INVOCATION {
                    if let Some((r, m, _)) = member_call(x, self.src) {
                        if r.kind() == kinds::IDENTIFIER && self.text(r) == name {
                            adds.push((x, m));
                        }
                    }
                }
                let mut c = x.walk();
                stack.extend(x.children(&mut c));
            }
        }
        adds.retain(|(_, m)| matches!(*m, "Add" | "AddRange" | "Insert" | "InsertRange"));
        if adds.is_empty() {
            return None;
        }
        if adds.iter().any(|(_, m)| *m != "Add") {
            return verdict(Verdict::Reported(Reason::FilledOtherwise { name: name.to_string() }));
        }
        let in_loops: Vec<(Node<'a>, Node<'a>)> = adds
            .iter()
            .filter_map(|(add, _)| enclosing_loop(*add, container, self.parents()).map(|l| (*add, l)))
            .collect();
        if in_loops.is_empty() {
            return verdict(Verdict::LeftAlone(Reason::FixedSetAdded { count: adds.len() }));
        }
        let mut in_loops = in_loops;
        in_loops.sort_by_key(|(add, _)| add.start_byte());
        let lp = in_loops[0].1;
        if lp.kind() == "foreach_statement" && field(lp, "body").is_some_and(|b| has_limiter(b, self, true)) {
            return verdict(Verdict::LeftAlone(Reason::LoopLimited));
        }
        if in_loops.iter().any(|(_, l)| l.id() != lp.id()) {
            return verdict(Verdict::Reported(Reason::FilledInSeveralLoops { name: name.to_string() }));
        }
        if lp.kind() != "foreach_statement" {
            return verdict(Verdict::Reported(Reason::ForOrWhileLoop));
        }
        let mut c = lp.walk();
        if lp.children(&mut c).any(|n| n.kind() == "await") {
            return verdict(Verdict::Reported(Reason::AwaitForeach));
        }
        let body = field(lp, "body")?;
        let body_is_block = body.kind() == kinds::BLOCK;
        // The work starts later now (when a slot frees): a variable it reads must not change meanwhile.
        let mut changed = assigned_names(lp, self.src);
        for n in named_children(container)
            .into_iter()
            .filter(|c| c.start_byte() >= lp.end_byte() && c.end_byte() <= last.end_byte())
        {
            changed.extend(assigned_names(n, self.src));
        }
        let mut added = Vec::new();
        let mut conditional = false;
        for (add, _) in &in_loops {
            let add_statement = self.parent(*add).filter(|s| s.kind() == kinds::EXPRESSION_STATEMENT)?;
            let direct = add_statement.id() == body.id()
                || (body_is_block && self.parent(add_statement).is_some_and(|p| p.id() == body.id()));
            // An `Add` under an `if`/`else`/`switch` of the loop body: the condition still decides, item by item,
            // which work starts; the work itself is wrapped where the `Add` stands (its block or switch section).
            let under_conditions = !direct && self.add_under_conditions(add_statement, body);
            if !direct && !under_conditions {
                return verdict(Verdict::Reported(Reason::NestedAdd));
            }
            conditional |= under_conditions;
            let add_args = arguments(*add);
            if add_args.len() != 1 {
                return None;
            }
            let argument = argument_value(add_args[0])?;
            if let Some(why) =
                field(lp, "right").and_then(|source| self.sources().leave_alone(anchor, source, Some(argument)))
            {
                return verdict(Verdict::LeftAlone(why));
            }
            added.push((add_statement, argument));
        }
        let Some((await_node, configure_await, sync_wait)) =
            awaited_now_or_by_sync_over_async(anchor, self.parents(), self.src)
        else {
            return verdict(Verdict::Reported(not_awaited_reason(self.parent(anchor), self.src)));
        };
        let reads = added.iter().flat_map(|(_, argument)| identifiers(*argument, self.src));
        if let Some(v) = reads.into_iter().find(|i| changed.contains(i)) {
            return verdict(Verdict::Reported(Reason::ReadsChangingVariable { name: v }));
        }
        let header_end = lp
            .children(&mut lp.walk())
            .filter(|n| n.kind() == ")" && n.end_byte() <= body.start_byte())
            .last()?
            .end_byte();
        let discarded = self.parent(await_node).is_some_and(|p| p.kind() == kinds::EXPRESSION_STATEMENT);
        let result = if discarded { ResultUse::Discarded } else { ResultUse::Used };
        let first = child_ancestor(lp, container, self.parents())?;
        let adds = added
            .into_iter()
            .map(|(add_statement, argument)| Added {
                add_statement: add_statement.byte_range(),
                argument: argument.byte_range(),
                work: self.expr_work(argument, false),
            })
            .collect();
        let form = Form::ForeachAdd(ForeachAdd {
            statement: lp.byte_range(),
            header_end,
            body: body.byte_range(),
            // A conditional `Add` stands in a statement list of its own: the work is declared just before it.
            body_is_block: body_is_block || conditional,
            adds,
            element,
        });
        let rewrite =
            Rewrite { sync_wait, ..self.rewrite(anchor, form, Some((first, last)), configure_await, result, None) };
        verdict(Verdict::Rewrite(Box::new(rewrite)))
    }

    /// Whether `add_statement` stands in a block or switch section nested in the loop `body` only through
    /// `if`/`else` and `switch` (no other loop, lambda, `try` or `using` between: those change when or whether the
    /// work would run once it starts later).
    fn add_under_conditions(&self, add_statement: Node<'a>, body: Node<'a>) -> bool {
        let Some(list) = self.parent(add_statement) else { return false };
        if !matches!(list.kind(), "block" | "switch_section") {
            return false;
        }
        let mut at = list;
        while at.id() != body.id() {
            if !matches!(
                at.kind(),
                "block" | "if_statement" | "else_clause" | "switch_statement" | "switch_body" | "switch_section"
            ) {
                return false;
            }
            match self.parent(at) {
                Some(p) => at = p,
                None => return false,
            }
        }
        true
    }

    // ----- Parallel.ForEach -----

    fn parallel(&self, node: Node<'a>) -> Option<Fanout> {
        let (receiver, name, name_node) = member_call(node, self.src)?;
        if !names_type(receiver, self.src, "Parallel") {
            return None;
        }
        if name == "ForEachAsync" {
            return site(node, Anchor::ParallelForEachAsync, Verdict::LeftAlone(Reason::ForEachAsyncBounded));
        }
        if name != "ForEach" {
            return None;
        }
        let args = arguments(node);
        if !(2..=3).contains(&args.len()) {
            return None;
        }
        let lambda_node = strip_parens(argument_value(*args.last()?)?);
        if lambda_node.kind() != kinds::LAMBDA || !is_async_lambda(lambda_node, self.src) {
            return None;
        }
        let verdict = |v| site(node, Anchor::ParallelForEach, v);
        let lambda = self.lambda(lambda_node);
        if lambda.param_count != 1 {
            return verdict(Verdict::Reported(Reason::LoopStateLambda));
        }
        if self.parent(node).is_none_or(|p| p.kind() != kinds::EXPRESSION_STATEMENT) {
            return verdict(Verdict::Reported(Reason::NotOwnStatement));
        }
        let source = strip_parens(argument_value(args[0])?);
        if self.text(source).contains("Partitioner") {
            return verdict(Verdict::Reported(Reason::Partitioner));
        }
        if let Some(b) = await_blocker(node, self.parents()) {
            return verdict(Verdict::Reported(Reason::CannotAwaitIn { context: b }));
        }
        let options = (args.len() == 3).then(|| args[1].byte_range());
        let statement = self.parent(node)?;
        let span = statement_in_block(statement, self.parents()).map(|s| (s, s));
        let top_level = self.input.facts.function_at(&node.byte_range()).is_none()
            && self.input.facts.top_level_statement_at(node.start_byte());
        let form = Form::ParallelForEach(ParallelForEach {
            invocation: node.byte_range(),
            name: name_node.byte_range(),
            source: source.byte_range(),
            source_parens: needs_parens(source),
            options,
            lambda,
            top_level,
        });
        verdict(Verdict::Rewrite(Box::new(self.rewrite(node, form, span, false, ResultUse::Discarded, None))))
    }

    // ----- shared pieces -----

    fn rewrite(
        &self,
        anchor: Node<'a>,
        form: Form,
        span: Option<(Node<'a>, Node<'a>)>,
        configure_await: bool,
        result: ResultUse,
        cap: Option<Cap>,
    ) -> Rewrite {
        let facts = self.input.facts;
        let function = facts.function_at(&anchor.byte_range());
        let scope = outermost_member(anchor, self.parents());
        let mut taken = BTreeSet::new();
        let mut protected = Vec::new();
        let mut comments = Vec::new();
        let mut stack = vec![scope];
        while let Some(n) = stack.pop() {
            match n.kind() {
                kinds::IDENTIFIER => {
                    taken.insert(self.text(n).to_string());
                }
                "comment" => comments.push(n.byte_range()),
                // Interpolation holes are code: still looked into for names.
                k if k.contains("string") && self.text(n).contains('\n') => protected.push(n.byte_range()),
                _ => {}
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        protected.sort_by_key(|r| r.start);
        comments.sort_by_key(|r| r.start);
        let placement = match span {
            Some((first, last)) => {
                Ok(Placement { statement: first.byte_range(), block_end: self.block_end(first, last) })
            }
            None => Err(Reason::NoStatementBlock),
        };
        let settings = self.input.settings;
        Rewrite {
            form,
            function,
            containing_type: facts
                .types
                .iter()
                .enumerate()
                .filter(|(_, t)| t.range.start <= anchor.start_byte() && anchor.end_byte() <= t.range.end)
                .min_by_key(|(_, t)| t.range.len())
                .map(|(i, _)| i as u32),
            scope: scope.start_byte(),
            taken: taken.into_iter().collect(),
            configure_await,
            result,
            placement,
            using_declaration: settings.lang_version.allows_using_declarations(),
            net6: settings.targets_net_at_least(6),
            sync_wait: None,
            cap,
            style: self.style.clone(),
            protected,
            comments,
            qualify_threading: facts.has_using("System.Timers")
                && !facts.has_using("System.Threading")
                && !settings.imports_globally("System.Threading"),
        }
    }

    /// End of what a `using (...) { }` block from `first` through `last` must cover: further, to
    /// the end of the enclosing block, when a local declared in between is used after it.
    fn block_end(&self, first: Node<'a>, last: Node<'a>) -> Result<usize, Reason> {
        let Some(container) = self.parent(first) else { return Ok(last.end_byte()) };
        let region: Vec<Node<'a>> = named_children(container)
            .into_iter()
            .filter(|c| c.start_byte() >= first.start_byte() && c.end_byte() <= last.end_byte())
            .collect();
        if region.iter().any(|n| matches!(n.kind(), kinds::LOCAL_FUNCTION | "labeled_statement")) {
            return Err(Reason::LocalFunctionInUsingBlock);
        }
        let mut declared = BTreeSet::new();
        for n in &region {
            declared_names(*n, self.src, &mut declared);
        }
        let after: Vec<Node<'a>> =
            named_children(container).into_iter().filter(|c| c.start_byte() >= last.end_byte()).collect();
        let used_after = after.iter().any(|n| identifiers(*n, self.src).iter().any(|i| declared.contains(i)));
        if !used_after {
            return Ok(last.end_byte());
        }
        if after.iter().any(|n| matches!(n.kind(), kinds::LOCAL_FUNCTION | "labeled_statement")) {
            return Err(Reason::UsingBlockToEnd);
        }
        Ok(after.last().map_or(last.end_byte(), |n| n.end_byte()))
    }

    /// Why this is a batching loop already, if it is one.
    fn batched(&self, anchor: Node<'a>, source: Node<'a>) -> Option<Reason> {
        let mut loops = Vec::new();
        let mut cur = self.parent(anchor);
        while let Some(n) = cur {
            if facts::function_kind(n).is_some() {
                break;
            }
            if matches!(n.kind(), "foreach_statement" | "for_statement" | "while_statement" | "do_statement") {
                loops.push(n);
            }
            cur = self.parent(n);
        }
        if loops.is_empty() {
            return None;
        }
        let why = Reason::Batched;
        let marked = |t: &str| BATCH_MARKERS.iter().any(|m| t.contains(m));
        if marked(self.text(source)) {
            return Some(why);
        }
        let root = root_identifier(source)?;
        let root_name = self.text(root);
        for lp in &loops {
            if lp.kind() != "foreach_statement" || field(*lp, "left").is_none_or(|l| self.text(l) != root_name) {
                continue;
            }
            if let Some(collection) = field(*lp, "right") {
                if marked(self.text(collection)) {
                    return Some(why);
                }
                if collection.kind() == kinds::IDENTIFIER {
                    let traced = find_local(*lp, self.text(collection), self.src, self.parents())
                        .and_then(|(_, d)| declarator_value(d));
                    if traced.is_some_and(|v| marked(self.text(v))) {
                        return Some(why);
                    }
                }
            }
        }
        let (statement, declarator) = find_local(anchor, root_name, self.src, self.parents())?;
        let inside_loop =
            loops.iter().any(|l| l.start_byte() <= statement.start_byte() && statement.end_byte() <= l.end_byte());
        if inside_loop && declarator_value(declarator).is_some_and(|v| marked(self.text(v))) {
            return Some(why);
        }
        None
    }

    /// `new[] { 1, 2, 3 }.Select(...)`, `Enumerable.Range(0, 3).Select(...)`, or a local holding such a source.
    fn fixed_source(&self, anchor: Node<'a>, source: Node<'a>) -> Option<Cap> {
        let source = strip_parens(source);
        if let Some(n) = fixed_count(source, self.src) {
            return Some(Cap::Fixed(n));
        }
        if source.kind() == kinds::IDENTIFIER {
            let (_, declarator) = find_local(anchor, self.text(source), self.src, self.parents())?;
            return fixed_count(strip_parens(declarator_value(declarator)?), self.src).map(Cap::Fixed);
        }
        None
    }

    fn lambda(&self, node: Node<'a>) -> Lambda {
        let src = self.src;
        let params = field(node, "parameters");
        let param_count = params.map_or(0, |p| {
            if p.kind() == "implicit_parameter" {
                1
            } else {
                named_children(p).iter().filter(|c| c.kind() == kinds::PARAMETER).count()
            }
        });
        let typed_params = params.is_some_and(|p| named_children(p).iter().any(|c| field(*c, "type").is_some()));
        let is_async = is_async_lambda(node, src);
        let mut c = node.walk();
        let is_static = node.children(&mut c).any(|n| n.kind() == kinds::MODIFIER && text(n, src) == "static");
        let mut c = node.walk();
        let has_attributes = node.children(&mut c).any(|n| n.kind() == kinds::ATTRIBUTE_LIST);
        let arrow_end =
            node.children(&mut node.walk()).find(|n| n.kind() == "=>").map_or(node.end_byte(), |n| n.end_byte());
        let body = field(node, "body");
        let bounded = body.is_some_and(|b| has_limiter(b, self, false));
        let work = match body {
            _ if is_static => Err(Reason::StaticLambda),
            _ if has_attributes || field(node, "type").is_some() => Err(Reason::LambdaAttributes),
            None => Err(Reason::LambdaNoBody),
            Some(b) if b.kind() == kinds::BLOCK => {
                if is_async {
                    Ok(Work { keep: self.block_keep(b), runs_async: None, cpu_if_kept: false })
                } else {
                    Err(Reason::BlockLambdaNotAsync)
                }
            }
            Some(b) => Ok(self.expr_work(b, is_async)),
        };
        Lambda {
            range: node.byte_range(),
            params: params.map_or(node.start_byte()..node.start_byte(), |p| p.byte_range()),
            param_count,
            typed_params,
            is_async,
            arrow_end,
            body: body.map_or(node.end_byte()..node.end_byte(), |b| b.byte_range()),
            work,
            bounded,
        }
    }

    /// The statements of a block, to move into `try { }`.
    fn block_keep(&self, block: Node<'a>) -> Keep {
        let mut c = block.walk();
        let inner: Vec<Node<'a>> = block.children(&mut c).filter(|n| !matches!(n.kind(), "{" | "}")).collect();
        let interior = match (inner.first(), inner.last()) {
            (Some(a), Some(b)) => a.start_byte()..b.end_byte(),
            _ => block.start_byte() + 1..block.start_byte() + 1,
        };
        let indent = if inner.is_empty() || !layout::starts_line(self.src, interior.start) {
            format!("{}{}", crate::syntax::line_indent(self.src, block.start_byte()), self.style.unit)
        } else {
            crate::syntax::line_indent(self.src, interior.start).to_string()
        };
        Keep::Block { interior, indent, returns_value: returns_value(block) }
    }

    /// The work of an expression-bodied lambda (or of `tasks.Add(expr)`).
    fn expr_work(&self, e: Node<'a>, is_async: bool) -> Work {
        if is_async {
            if e.kind() != kinds::AWAIT {
                let keep = Keep::Expr {
                    range: e.byte_range(),
                    add_await: false,
                    parens: false,
                    statement: is_statement_expression(e),
                    value: Value::Plain(self.type_of(e)),
                };
                return Work { keep, runs_async: None, cpu_if_kept: false };
            }
            let operand = e.named_child(0).map(strip_parens);
            let run = operand.and_then(|t| self.task_run(t));
            let value = match (&run, operand) {
                (Some(r), _) => r.kept_value.clone(),
                (None, Some(t)) => Value::TaskOf(self.type_of(t)),
                (None, None) => Value::Known(false),
            };
            let keep = Keep::Expr { range: e.byte_range(), add_await: false, parens: false, statement: true, value };
            return match run {
                Some(r) => Work { keep, runs_async: r.runs_async, cpu_if_kept: r.cpu },
                None => Work { keep, runs_async: None, cpu_if_kept: false },
            };
        }
        let run = self.task_run(strip_parens(e));
        let value = run.as_ref().map_or_else(|| Value::TaskOf(self.type_of(e)), |r| r.kept_value.clone());
        let keep =
            Keep::Expr { range: e.byte_range(), add_await: true, parens: needs_parens(e), statement: true, value };
        match run {
            Some(r) => Work { keep, runs_async: r.runs_async, cpu_if_kept: r.cpu },
            None => Work { keep, runs_async: None, cpu_if_kept: false },
        }
    }

    /// `Task.Run(...)`: what unwrapping it leaves, whether keeping it means CPU-bound work.
    fn task_run(&self, t: Node<'a>) -> Option<TaskRun> {
        if t.kind() != kinds::INVOCATION {
            return None;
        }
        let (receiver, name, _) = member_call(t, self.src)?;
        if name != "Run" || !names_type(receiver, self.src, "Task") {
            return None;
        }
        let args = arguments(t);
        let inner = args.first().and_then(|a| argument_value(*a)).map(strip_parens);
        let kept = |cpu: bool, kept_value: Value| Some(TaskRun { runs_async: None, cpu, kept_value });
        let Some(inner) = inner.filter(|_| args.len() == 1) else {
            return kept(true, Value::TaskOf(TypeExpr::Unknown));
        };
        if inner.kind() != kinds::LAMBDA {
            let async_name = call_name(inner, self.src).is_some_and(|n| n.ends_with("Async"));
            return kept(!async_name, Value::TaskOf(TypeExpr::Unknown));
        }
        let no_params = field(inner, "parameters")
            .is_some_and(|p| p.kind() != "implicit_parameter" && named_children(p).is_empty());
        let Some(body) = field(inner, "body").filter(|_| no_params) else {
            return kept(true, Value::TaskOf(TypeExpr::Unknown));
        };
        let inner_async = is_async_lambda(inner, self.src);
        if body.kind() == kinds::BLOCK {
            let returns = returns_value(body);
            if inner_async {
                return Some(TaskRun {
                    runs_async: Some(RunsAsync::Always),
                    cpu: false,
                    kept_value: Value::Known(returns),
                });
            }
            return kept(true, Value::Known(returns));
        }
        let body_type = self.type_of(body);
        let async_name = call_name(body, self.src).is_some_and(|n| n.ends_with("Async"));
        let runs_async = if inner_async { RunsAsync::Always } else { RunsAsync::IfTaskTyped(body_type.clone()) };
        Some(TaskRun {
            runs_async: Some(runs_async),
            cpu: !inner_async && !async_name,
            kept_value: Value::RunOf(body_type),
        })
    }

    /// A receiver named or declared like a semaphore (`_gate`, `throttle`, a `SemaphoreSlim` field).
    fn limiter_like(&self, receiver: Node<'a>) -> bool {
        let name = self.text(receiver).to_ascii_lowercase();
        let named = ["semaphore", "limiter", "throttle", "gate", "slots", "mutex", "concurrency"]
            .iter()
            .any(|w| name.contains(w));
        let simple = self.text(receiver).rsplit('.').next().unwrap_or_default();
        let facts = self.input.facts;
        let declared = match facts.local_type(facts.function_at(&receiver.byte_range()), simple) {
            Some(TypeExpr::Written(t)) => Some(t.as_str()),
            _ => facts
                .types
                .iter()
                .filter(|t| t.range.start <= receiver.start_byte() && receiver.end_byte() <= t.range.end)
                .flat_map(|t| t.members.iter())
                .find(|(n, _)| n == simple)
                .map(|(_, t)| t.as_str()),
        };
        named || declared.is_some_and(|t| simple_type_name(t) == "SemaphoreSlim")
    }

    fn type_of(&self, node: Node<'a>) -> TypeExpr {
        let facts = self.input.facts;
        let function = facts.function_at(&node.byte_range());
        facts::type_expr(node, self.src, &|name| facts.local_type(function, name).cloned())
    }
}

struct TaskRun {
    runs_async: Option<RunsAsync>,
    cpu: bool,
    /// The result's shape when `Task.Run` is kept.
    kept_value: Value,
}

/// Why a `Task.WhenAll` that is waited on synchronously is not bounded (when sync-over-async does not await it in
/// the same run).
/// The `await` around the `WhenAll` (and whether it has `.ConfigureAwait(false)`), or else the synchronous wait
/// that sync-over-async turns into a plain `await` (`.Wait()`, `.Result`, `.GetAwaiter().GetResult()`), with
/// where that `await` goes: bounding such a fan-out is right only in a run that awaits it, which planning checks.
fn awaited_now_or_by_sync_over_async<'t>(
    anchor: Node<'t>,
    parents: &Parents<'t>,
    src: &str,
) -> Option<(Node<'t>, bool, Option<usize>)> {
    if let Some((await_node, configure_await)) = awaited(anchor, parents, src) {
        return Some((await_node, configure_await, None));
    }
    // `Task.WaitAll(tasks);` becomes `await Task.WhenAll(tasks);`: the statement is where the await goes.
    if member_call(anchor, src).is_some_and(|(_, name, _)| name == "WaitAll") {
        let statement = parents.of(anchor).is_some_and(|s| s.kind() == kinds::EXPRESSION_STATEMENT);
        return statement.then_some((anchor, false, Some(anchor.start_byte())));
    }
    let no_arguments = |invocation: Node| arguments(invocation).is_empty();
    let member = parents.of(anchor).filter(|m| {
        m.kind() == kinds::MEMBER_ACCESS && field(*m, "expression").is_some_and(|e| e.id() == anchor.id())
    })?;
    let invoked = |m: Node<'t>| {
        parents
            .of(m)
            .filter(|i| i.kind() == kinds::INVOCATION && field(*i, "function").is_some_and(|f| f.id() == m.id()))
    };
    let wait = match text(field(member, "name")?, src) {
        "Result" => {
            let parent = parents.of(member)?;
            let assigned =
                parent.kind() == kinds::ASSIGNMENT && field(parent, "left").is_some_and(|l| l.id() == member.id());
            if invoked(member).is_some() || assigned {
                return None;
            }
            member
        }
        "Wait" => invoked(member).filter(|i| no_arguments(*i))?,
        "GetAwaiter" => {
            let get_awaiter = invoked(member).filter(|i| no_arguments(*i))?;
            let get_result = parents.of(get_awaiter).filter(|m| {
                m.kind() == kinds::MEMBER_ACCESS
                    && field(*m, "expression").is_some_and(|e| e.id() == get_awaiter.id())
                    && field(*m, "name").is_some_and(|n| text(n, src) == "GetResult")
            })?;
            invoked(get_result).filter(|i| no_arguments(*i))?
        }
        _ => return None,
    };
    Some((wait, false, Some(anchor.start_byte())))
}

/// Why a `Task.WhenAll` (under `parent`) that is not awaited is not bounded.
fn not_awaited_reason(parent: Option<Node>, src: &str) -> Reason {
    let waited = parent.filter(|p| p.kind() == kinds::MEMBER_ACCESS).and_then(|m| field(m, "name"));
    match waited.map(|n| text(n, src)) {
        Some("Wait" | "GetAwaiter" | "Result") => Reason::FanoutWaitedSynchronously,
        _ => Reason::FanoutNotAwaitedHere,
    }
}

/// Whether the code waits on a SemaphoreSlim or a rate limiter: `AcquireAsync`, `WaitAsync()`, or
/// `Wait`/`WaitAsync` on something named or typed like a semaphore (`task.WaitAsync(timeout)` is not).
/// `into_functions`: also look inside nested lambdas and local functions.
fn has_limiter<'a>(node: Node<'a>, cx: &Cx<'a>, into_functions: bool) -> bool {
    let src = cx.src;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.id() != node.id() && !into_functions && facts::function_kind(n).is_some() {
            continue;
        }
        if n.kind() == kinds::INVOCATION {
            if let Some((receiver, name, _)) = member_call(n, src) {
                let waits = match name {
                    "AcquireAsync" => true,
                    "WaitAsync" if arguments(n).is_empty() => true,
                    "WaitAsync" | "Wait" => cx.limiter_like(receiver),
                    _ => false,
                };
                if waits {
                    return true;
                }
            }
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}
