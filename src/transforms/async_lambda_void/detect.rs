//! Finding async lambdas passed where a delegate runs them, and reading from the tree what a `foreach` rewrite
//! of a `ForEach` needs: the loop variable, the body, its `return`s, and the names it would bring into the
//! enclosing scope.

use std::ops::Range;

use tree_sitter::Node;

use super::{AsyncLambda, ForEach, Loop, LoopBody, Place, ASYNC_VOID_LAMBDA_RULES};
use crate::index::facts::{self, TypeExpr};
use crate::model::Reason;
use crate::syntax::walk::{self, Path, Visitor};
use crate::syntax::{self, field, kinds, text};
use crate::transforms::bounded_fanout::Style;
use crate::transforms::FileInput;

pub fn detect(input: &FileInput) -> Vec<AsyncLambda> {
    let facts = input.facts;
    if !facts.functions.iter().any(|f| f.is_async() && is_lambda_kind(f.kind)) {
        return Vec::new();
    }
    let mut finder = Finder { input, sites: Vec::new(), style: None, void_delegates: Vec::new() };
    walk::walk(input.tree.root_node(), &mut finder);
    let mut sites = finder.sites;
    if !finder.void_delegates.is_empty() {
        for site in &mut sites {
            site.void_delegates = finder.void_delegates.clone();
        }
    }
    sites
}

fn is_lambda_kind(kind: facts::FunctionKind) -> bool {
    matches!(kind, facts::FunctionKind::Lambda | facts::FunctionKind::AnonymousMethod)
}

struct Finder<'i, 't> {
    input: &'i FileInput<'t>,
    sites: Vec<AsyncLambda>,
    /// The file's indentation and brace style, read when a rewrite first needs it.
    style: Option<Style>,
    /// `delegate void D(…);` declarations of the file.
    void_delegates: Vec<String>,
}

impl<'t> Visitor<'t> for Finder<'_, 't> {
    type State = ();

    fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
        let kind = syntax::kind(node);
        if kind == "delegate_declaration" {
            let src: &str = self.input.source.text();
            let returns_void = field(node, "type").is_some_and(|t| text(t, src) == "void");
            if let (true, Some(name)) = (returns_void, field(node, "name")) {
                self.void_delegates.push(text(name, src).to_string());
            }
            return None;
        }
        if (kind == kinds::LAMBDA || kind == kinds::ANONYMOUS_METHOD)
            && syntax::has_modifier(node, self.input.source.text(), "async")
        {
            if let Some(site) = self.classify(node, path) {
                self.sites.push(site);
            }
        }
        Some(())
    }
}

impl<'t> Finder<'_, 't> {
    fn classify(&mut self, lambda: Node<'t>, path: &Path<'_, 't, ()>) -> Option<AsyncLambda> {
        let src = self.input.source.text();
        let src: &str = src;
        let ancestors: Vec<Node<'t>> = path.ancestors().iter().collect();
        // Parentheses around the lambda change nothing.
        let mut at = 0;
        while ancestors.get(at).is_some_and(|a| syntax::kind(*a) == "parenthesized_expression") {
            at += 1;
        }
        let parent = *ancestors.get(at)?;
        let child = if at == 0 { lambda } else { ancestors[at - 1] };
        let place = match syntax::kind(parent) {
            kinds::ARGUMENT => {
                let list = *ancestors.get(at + 1)?;
                let invocation = *ancestors.get(at + 2)?;
                if syntax::kind(list) != kinds::ARGUMENT_LIST {
                    return None;
                }
                if syntax::kind(invocation) == "object_creation_expression" {
                    let is_first = list.named_child(0).is_some_and(|a| a.id() == parent.id());
                    let created = field(invocation, "type").map(|t| text(t, src))?;
                    return self.site(lambda, framework_constructor(created).filter(|_| is_first)?);
                }
                if syntax::kind(invocation) != kinds::INVOCATION {
                    return None;
                }
                let arguments: Vec<Node> =
                    syntax::named_children(list).into_iter().filter(|a| syntax::kind(*a) == kinds::ARGUMENT).collect();
                let position = arguments.iter().position(|a| a.id() == parent.id())?;
                let name = field(parent, "name").map(|n| text(n, src).to_string());
                self.place_in_call(lambda, invocation, &arguments, position, name, &ancestors[at + 3..])?
            }
            kinds::VARIABLE_DECLARATOR => {
                let declaration = *ancestors.get(at + 1)?;
                let delegate =
                    field(declaration, "type").map(|t| text(t, src).split_whitespace().collect::<String>())?;
                if syntax::kind(declaration) != kinds::VARIABLE_DECLARATION || delegate == "var" {
                    return None;
                }
                Place::Variable { delegate }
            }
            kinds::ASSIGNMENT => {
                let operator = parent.child_by_field_name("operator").map(|o| text(o, src));
                let right = field(parent, "right")?;
                if operator != Some("+=") || right.id() != child.id() {
                    return None;
                }
                let left = field(parent, "left")?;
                let function = self.input.facts.function_at(&parent.byte_range());
                let lookup = |name: &str| self.input.facts.local_type(function, name).cloned();
                let target = facts::type_expr(left, src, &lookup);
                let (receiver, name) = match syntax::kind(left) {
                    kinds::MEMBER_ACCESS => (
                        field(left, "expression").map_or(TypeExpr::Unknown, |e| facts::type_expr(e, src, &lookup)),
                        field(left, "name").map(|n| text(n, src).to_string())?,
                    ),
                    kinds::IDENTIFIER => (TypeExpr::This, text(left, src).to_string()),
                    _ => return None,
                };
                let written: String = text(left, src).split_whitespace().collect();
                let types = &self.input.facts.types;
                let containing_type = types
                    .iter()
                    .rposition(|t| t.range.start <= parent.start_byte() && parent.end_byte() <= t.range.end)
                    .map(|i| i as u32);
                Place::Event(super::Event { written, target, receiver, name, containing_type })
            }
            _ => return None,
        };
        self.site(lambda, place)
    }

    fn site(&self, lambda: Node<'t>, place: Place) -> Option<AsyncLambda> {
        let src: &str = self.input.source.text();
        let facts = self.input.facts;
        let pragmas = crate::transforms::intent::Pragmas::of(src);
        let intent = crate::transforms::intent::stated_intent(
            src,
            facts,
            &pragmas,
            &lambda.byte_range(),
            ASYNC_VOID_LAMBDA_RULES,
        );
        let anchor = async_keyword(lambda, src).unwrap_or(lambda.start_byte()..lambda.start_byte());
        Some(AsyncLambda {
            range: lambda.byte_range(),
            anchor,
            place,
            intent,
            in_error_region: lambda.has_error() || facts.overlaps_error(&lambda.byte_range()),
            void_delegates: Vec::new(),
        })
    }

    /// What a call does with the async lambda passed as its `position`th argument.
    fn place_in_call(
        &mut self,
        lambda: Node<'t>,
        invocation: Node<'t>,
        arguments: &[Node<'t>],
        position: usize,
        name: Option<String>,
        above: &[Node<'t>],
    ) -> Option<Place> {
        let src = self.input.source.text();
        let src: &str = src;
        let function = field(invocation, "function")?;
        let (receiver, method) = match syntax::kind(function) {
            kinds::MEMBER_ACCESS => (field(function, "expression"), field(function, "name").map(|n| text(n, src))?),
            // `a?.ForEach(…)`: the member binding is the conditional access's last part.
            "conditional_access_expression" => {
                let binding = function.named_child(function.named_child_count().checked_sub(1)?)?;
                (None, field(binding, "name").map(|n| text(n, src)).unwrap_or(""))
            }
            _ => (None, ""),
        };
        let conditional = syntax::kind(function) == "conditional_access_expression";
        let receiver_text: String = receiver.map(|r| text(r, src)).unwrap_or("").split_whitespace().collect();
        let is_parallel = matches!(receiver_text.as_str(), "Parallel" | "System.Threading.Tasks.Parallel");
        let last = position + 1 == arguments.len() && name.is_none();
        match method {
            // bounded-fanout bounds `Parallel.ForEach(src[, options], async x => …)`: its site, not this one's.
            "ForEach" if is_parallel && (2..=3).contains(&arguments.len()) && last => None,
            "For" | "ForEach" | "Invoke" if is_parallel => Some(Place::Parallel { api: format!("Parallel.{method}") }),
            "QueueUserWorkItem" | "UnsafeQueueUserWorkItem"
                if position == 0 && matches!(receiver_text.as_str(), "ThreadPool" | "System.Threading.ThreadPool") =>
            {
                let api = if method == "QueueUserWorkItem" {
                    "ThreadPool.QueueUserWorkItem"
                } else {
                    "ThreadPool.UnsafeQueueUserWorkItem"
                };
                Some(Place::Framework { api, delegate: "WaitCallback", type_name: "ThreadPool" })
            }
            "ForEach" if name.is_none() => {
                let array = matches!(receiver_text.as_str(), "Array" | "System.Array");
                let collection = match (array, receiver) {
                    (true, _) if arguments.len() == 2 && position == 1 => argument_value(arguments[0])?,
                    (false, Some(r)) if arguments.len() == 1 => r,
                    (false, None) if conditional && arguments.len() == 1 => function,
                    _ => return self.argument(invocation, position, name),
                };
                let call = self.call_index(invocation)?;
                let facts = self.input.facts;
                let site = &facts.calls[call as usize];
                let receiver_type = if array { TypeExpr::Unknown } else { (*site.receiver).clone() };
                let rewrite = if site.conditional || conditional {
                    Err(Reason::ConditionalCall)
                } else {
                    self.rewrite(lambda, collection, above)
                };
                Some(Place::ForEach(Box::new(ForEach {
                    call,
                    array,
                    collection: collection.byte_range(),
                    receiver_type,
                    function: site.context.function,
                    top_level: site.context.top_level,
                    rewrite,
                })))
            }
            _ => self.argument(invocation, position, name),
        }
    }

    fn argument(&self, invocation: Node, position: usize, name: Option<String>) -> Option<Place> {
        Some(Place::Argument { call: self.call_index(invocation)?, position, name })
    }

    fn call_index(&self, invocation: Node) -> Option<u32> {
        let calls = &self.input.facts.calls;
        let at = calls.partition_point(|c| c.range.start() < invocation.start_byte());
        (at..calls.len())
            .take_while(|i| calls[*i].range.start() == invocation.start_byte())
            .find(|i| calls[*i].range == invocation.byte_range().into())
            .map(|i| i as u32)
    }

    /// The `foreach` loop that can replace the `ForEach` statement, or why there is none.
    fn rewrite(&mut self, lambda: Node<'t>, collection: Node<'t>, above: &[Node<'t>]) -> Result<Loop, Reason> {
        let src_arc = self.input.source.text();
        let src: &str = src_arc;
        let statement = above.first().copied().filter(|s| syntax::kind(*s) == kinds::EXPRESSION_STATEMENT);
        let Some(statement) = statement else { return Err(Reason::ForEachNotAStatement) };
        if !starts_line(src, statement.start_byte()) {
            return Err(Reason::ForEachSharesLine);
        }
        // The lambda's one parameter becomes the loop variable.
        let mut c = lambda.walk();
        let has_attributes = lambda.children(&mut c).any(|n| syntax::kind(n) == kinds::ATTRIBUTE_LIST);
        if has_attributes || field(lambda, "type").is_some() {
            return Err(Reason::LambdaNotPlain);
        }
        let params = field(lambda, "parameters").or_else(|| {
            let mut c = lambda.walk();
            let found = lambda.named_children(&mut c).find(|n| syntax::kind(*n) == kinds::PARAMETER_LIST);
            found
        });
        let variable = match params.map(|p| (syntax::kind(p), p)) {
            Some(("implicit_parameter", p)) | Some((kinds::IDENTIFIER, p)) => format!("var {}", text(p, src)),
            Some((kinds::PARAMETER_LIST, list)) => {
                let ps: Vec<Node> =
                    syntax::named_children(list).into_iter().filter(|n| syntax::kind(*n) == kinds::PARAMETER).collect();
                let [p] = ps.as_slice() else { return Err(Reason::LambdaNotPlain) };
                if !syntax::modifiers(*p, src).is_empty() || field(*p, "name").is_none() {
                    return Err(Reason::LambdaNotPlain);
                }
                let name = text(field(*p, "name").expect("checked above"), src);
                match field(*p, "type") {
                    Some(t) => format!("{} {name}", text(t, src)),
                    None => format!("var {name}"),
                }
            }
            _ => return Err(Reason::LambdaNotPlain),
        };
        let body_node = field(lambda, "body")
            .or_else(|| {
                let mut c = lambda.walk();
                let found = lambda.named_children(&mut c).find(|n| syntax::kind(*n) == kinds::BLOCK);
                found
            })
            .ok_or(Reason::LambdaNotPlain)?;
        let body_start_of_gap = params.map_or(lambda.start_byte(), |p| p.end_byte());
        let body = if syntax::kind(body_node) == kinds::BLOCK {
            let gap_start = src[body_start_of_gap..body_node.start_byte()]
                .find("=>")
                .map_or(body_start_of_gap, |i| body_start_of_gap + i + 2);
            let gap = src[gap_start..body_node.start_byte()].to_string();
            if gap.contains("//") || gap.contains("/*") || gap.contains('#') {
                return Err(Reason::CommentInRewrite);
            }
            let on_own_line = starts_line(src, body_node.start_byte());
            let brace_indent = on_own_line.then(|| syntax::line_indent(src, body_node.start_byte()).to_string());
            LoopBody::Block { block: body_node.byte_range(), gap, brace_indent }
        } else if syntax::kind(body_node) == kinds::AWAIT {
            LoopBody::Expression(body_node.byte_range())
        } else {
            return Err(Reason::LambdaNeverAwaits);
        };
        // What the rewrite replaces must hold no comment: the text before the collection, between it and the
        // body, and after the body.
        let replaced = [
            statement.start_byte()..collection.start_byte(),
            collection.end_byte()..body_node.start_byte(),
            body_node.end_byte()..statement.end_byte(),
        ];
        if replaced.iter().any(|r| {
            let t = &src[r.clone()];
            t.contains("//") || t.contains("/*") || t.contains('#')
        }) {
            return Err(Reason::CommentInRewrite);
        }
        let returns = own_returns(body_node)?;
        self.check_names(lambda, body_node, statement, above, src)?;
        let style = self.style.get_or_insert_with(|| Style::detect(src)).clone();
        Ok(Loop {
            statement: statement.byte_range(),
            variable,
            body,
            returns,
            indent: syntax::line_indent(src, statement.start_byte()).to_string(),
            unit: style.unit,
            allman: style.allman,
            protected: multi_line_literals(body_node, src),
            line_ending: self.input.source.line_ending.as_str(),
        })
    }

    /// Refuses when a name the lambda declares (its parameter, its locals) is also declared where the loop would
    /// see it: C# lets a lambda's names shadow the enclosing ones (C# 8 on), but not a loop's (CS0136).
    fn check_names(
        &self,
        lambda: Node<'t>,
        body: Node<'t>,
        statement: Node<'t>,
        above: &[Node<'t>],
        src: &str,
    ) -> Result<(), Reason> {
        let mut introduced: Vec<&str> = Vec::new();
        if let Some(p) = field(lambda, "parameters") {
            declarations(p, src, &mut |name, _| introduced.push(name));
        } else {
            let mut c = lambda.walk();
            for list in lambda.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::PARAMETER_LIST) {
                declarations(list, src, &mut |name, _| introduced.push(name));
            }
        }
        declarations(body, src, &mut |name, _| introduced.push(name));
        if introduced.is_empty() {
            return Ok(());
        }
        // The outermost code around the statement: a member, or the top-level statements.
        let root =
            above.iter().rev().find(|n| facts::function_kind(**n).is_some()).copied().or_else(|| above.last().copied());
        let Some(root) = root else { return Ok(()) };
        let target = statement.byte_range();
        let mut clash: Option<String> = None;
        declarations_outside(root, lambda, &target, src, &mut |name, scope| {
            if clash.is_none() && introduced.contains(&name) && scope.start <= target.start && target.end <= scope.end {
                clash = Some(name.to_string());
            }
        });
        match clash {
            Some(name) => Err(Reason::LoopVariableClash { name }),
            None => Ok(()),
        }
    }
}

/// True when only whitespace precedes `offset` on its line.
fn starts_line(src: &str, offset: usize) -> bool {
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    src[start..offset].chars().all(|c| c == ' ' || c == '\t')
}

/// The value of an argument (after a `name:` and `ref`/`out`).
fn argument_value(argument: Node) -> Option<Node> {
    argument.named_child(argument.named_child_count().checked_sub(1)?)
}

/// The `async` modifier of a lambda or anonymous method.
fn async_keyword(lambda: Node, src: &str) -> Option<Range<usize>> {
    let mut c = lambda.walk();
    let found = lambda.children(&mut c).find(|n| syntax::kind(*n) == kinds::MODIFIER && text(*n, src) == "async");
    found.map(|n| n.byte_range())
}

const LOOPS: &[&str] = &["for_statement", "foreach_statement", "while_statement", "do_statement"];

/// The `return;` statements of a lambda body, outside functions nested in it; refused when one sits in a loop of
/// the body, where `continue` would continue that loop instead.
fn own_returns(body: Node) -> Result<Vec<Range<usize>>, Reason> {
    struct Returns {
        found: Vec<Range<usize>>,
        in_loop: bool,
    }
    impl<'t> Visitor<'t> for Returns {
        type State = bool;
        fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, bool>) -> Option<bool> {
            let kind = syntax::kind(node);
            if path.depth() > 0 && facts::function_kind(node).is_some() {
                return None;
            }
            let inside_loop = path.parent_state().copied().unwrap_or(false) || LOOPS.contains(&kind);
            if kind == kinds::RETURN {
                if inside_loop {
                    self.in_loop = true;
                }
                self.found.push(node.byte_range());
            }
            Some(inside_loop)
        }
    }
    let mut r = Returns { found: Vec::new(), in_loop: false };
    walk::walk(body, &mut r);
    if r.in_loop {
        return Err(Reason::ReturnInNestedLoop);
    }
    Ok(r.found)
}

/// Calls `each(name, node)` for every name declared in `node`, outside functions nested in it (their names are
/// theirs).
fn declarations<'t>(node: Node<'t>, src: &'t str, each: &mut dyn FnMut(&'t str, Node<'t>)) {
    struct Names<'e, 't> {
        src: &'t str,
        each: &'e mut dyn FnMut(&'t str, Node<'t>),
    }
    impl<'t> Visitor<'t> for Names<'_, 't> {
        type State = ();
        fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
            if path.depth() > 0 && facts::function_kind(node).is_some() && syntax::kind(node) != kinds::LOCAL_FUNCTION {
                return None;
            }
            for name in declared_names(node) {
                (self.each)(text(name, self.src), node);
            }
            // A local function's name is declared here; its parameters and body are its own.
            (syntax::kind(node) != kinds::LOCAL_FUNCTION || path.depth() == 0).then_some(())
        }
    }
    walk::walk(node, &mut Names { src, each });
}

/// The identifiers a node declares.
fn declared_names(node: Node) -> Vec<Node> {
    let named = match syntax::kind(node) {
        kinds::VARIABLE_DECLARATOR
        | kinds::PARAMETER
        | "declaration_pattern"
        | "declaration_expression"
        | kinds::LOCAL_FUNCTION
        | "catch_declaration"
        | "single_variable_designation"
        | "from_clause"
        | "let_clause"
        | "join_clause"
        | "join_into_clause"
        | "query_continuation" => field(node, "name"),
        // `var (a, b) = t`, `foreach (var (a, b) in t)`: every `name` child.
        "tuple_pattern" => {
            let mut c = node.walk();
            let names: Vec<Node> = node.children_by_field_name("name", &mut c).collect();
            return names.into_iter().filter(|n| syntax::kind(*n) == kinds::IDENTIFIER).collect();
        }
        "foreach_statement" => field(node, "left").filter(|l| syntax::kind(*l) == kinds::IDENTIFIER),
        "implicit_parameter" => return vec![node],
        _ => None,
    };
    named.filter(|n| syntax::kind(*n) == kinds::IDENTIFIER).into_iter().collect()
}

/// Kinds that open a scope for the names declared directly in them.
const SCOPES: &[&str] = &[
    kinds::BLOCK,
    "switch_section",
    "for_statement",
    "foreach_statement",
    "using_statement",
    "fixed_statement",
    "catch_clause",
    "query_expression",
    "switch_expression_arm",
    "compilation_unit",
];

/// Calls `each(name, scope)` for every name declared under `root` but outside `lambda`, with the range its scope
/// covers; names declared in nested functions that do not hold `target` are skipped (their scope cannot hold it).
fn declarations_outside<'t>(
    root: Node<'t>,
    lambda: Node<'t>,
    target: &Range<usize>,
    src: &'t str,
    each: &mut dyn FnMut(&'t str, Range<usize>),
) {
    struct Outer<'e, 't> {
        src: &'t str,
        lambda: usize,
        target: Range<usize>,
        each: &'e mut dyn FnMut(&'t str, Range<usize>),
    }
    impl<'t> Visitor<'t> for Outer<'_, 't> {
        /// The range of the innermost scope.
        type State = Range<usize>;
        fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, Range<usize>>) -> Option<Range<usize>> {
            if node.id() == self.lambda {
                return None;
            }
            let range = node.byte_range();
            let is_function = facts::function_kind(node).is_some();
            let holds_target = range.start <= self.target.start && self.target.end <= range.end;
            if path.depth() > 0 && is_function && !holds_target && syntax::kind(node) != kinds::LOCAL_FUNCTION {
                return None;
            }
            let parent_scope = path.parent_state().cloned().unwrap_or(range.clone());
            for name in declared_names(node) {
                // A parameter's scope is its function, a foreach variable's its loop; a local function's name is
                // declared in the block around it.
                let scope = match syntax::kind(node) {
                    kinds::PARAMETER | "implicit_parameter" => path
                        .ancestors()
                        .iter()
                        .find(|a| facts::function_kind(*a).is_some())
                        .map_or(parent_scope.clone(), |f| f.byte_range()),
                    "foreach_statement" => range.clone(),
                    _ => parent_scope.clone(),
                };
                (self.each)(text(name, self.src), scope);
            }
            if syntax::kind(node) == kinds::LOCAL_FUNCTION && !holds_target {
                return None;
            }
            let opens = SCOPES.contains(&syntax::kind(node)) || is_function;
            Some(if opens { range } else { parent_scope })
        }
    }
    walk::walk(root, &mut Outer { src, lambda: lambda.id(), target: target.clone(), each });
}

/// String literals that span lines inside `node`: their inner lines are never re-indented.
fn multi_line_literals(node: Node, src: &str) -> Vec<Range<usize>> {
    struct Literals<'s> {
        src: &'s str,
        found: Vec<Range<usize>>,
    }
    impl<'t> Visitor<'t> for Literals<'_> {
        type State = ();
        fn enter(&mut self, node: Node<'t>, _: &Path<'_, 't, ()>) -> Option<()> {
            let kind = syntax::kind(node);
            let literal = matches!(
                kind,
                "string_literal" | "verbatim_string_literal" | "raw_string_literal" | "interpolated_string_expression"
            );
            if literal {
                if text(node, self.src).contains('\n') {
                    self.found.push(node.byte_range());
                }
                return None;
            }
            Some(())
        }
    }
    let mut l = Literals { src, found: Vec::new() };
    walk::walk(node, &mut l);
    l.found
}

/// `new Task(async …)` binds the lambda to `Task(Action)` (only `Task<TResult>` takes a `Func`), and `new
/// Thread(async …)` to `ThreadStart`: delegates that return void.
fn framework_constructor(created: &str) -> Option<Place> {
    match created.split_whitespace().collect::<String>().as_str() {
        "Task" | "System.Threading.Tasks.Task" => {
            Some(Place::Framework { api: "new Task(…)", delegate: "Action", type_name: "Task" })
        }
        "Thread" | "System.Threading.Thread" => {
            Some(Place::Framework { api: "new Thread(…)", delegate: "ThreadStart", type_name: "Thread" })
        }
        _ => None,
    }
}
