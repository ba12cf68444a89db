//! Builds a file's facts from its tree in one walk.

use std::ops::Range;

use tree_sitter::Node;

use super::shapes::*;
use super::*;
use crate::syntax::mentions::Mentions;
use crate::syntax::walk::{self, Ancestors, Path, Visitor};
use crate::syntax::{self, field, kinds, text};

/// Whether the statement holding a call has a parse error elsewhere in it: the call may then be read apart from
/// what uses its value (`*(p + i) = Callee(t);` parses as an error before `Callee(t)`), and an `await` added to
/// a method it calls could leave a task where a value was expected.
fn statement_has_error(ancestors: Ancestors) -> bool {
    ancestors
        .iter()
        .find(|n| {
            let kind = syntax::kind(*n);
            kind.ends_with("_statement") || kind.ends_with("_declaration") || kind == "ERROR"
        })
        .is_some_and(|statement| statement.has_error())
}

/// Collects facts from a parsed tree.
pub fn extract(tree: &tree_sitter::Tree, src: &str) -> FileFacts {
    let mut x = Extractor {
        src,
        facts: FileFacts::default(),
        type_stack: Vec::new(),
        fn_stack: Vec::new(),
        body_stack: Vec::new(),
        namespaces: NamespaceScopes::default(),
        broken_calls: Vec::new(),
        apartment_mentions: Mentions::of(src, &["ApartmentState"]),
        scope_stack: vec![0],
    };
    x.facts.scopes.push(UsingScope { range: 0..src.len(), ..UsingScope::default() });
    x.facts.error_count = syntax::error_count(tree);
    x.facts.error_ranges = syntax::error_ranges(tree).into_iter().map(|r| up_to_next_token(r, src)).collect();
    walk::walk(tree.root_node(), &mut x);
    x.namespaces.narrow_usings(&mut x.facts);
    let broken = std::mem::take(&mut x.broken_calls);
    x.facts.error_ranges = merged_ranges(std::mem::take(&mut x.facts.error_ranges), broken);
    x.facts.error_words = words_in(src, &x.facts.error_ranges);
    x.facts
}

/// A token the parser made up (a MISSING `;`) is zero-width where it is missing: the statement after it begins
/// where the parser chose, not where the code says (`returnreturn await Task.WhenAll(…);` reads as a declaration
/// `returnreturn await` and a statement `Task.WhenAll(…);`). The region reaches the next token, so nothing starting
/// there counts as clear of it.
fn up_to_next_token(region: Range<usize>, src: &str) -> Range<usize> {
    if !region.is_empty() {
        return region;
    }
    let next = src[region.start..].find(|c: char| !c.is_whitespace()).map_or(src.len(), |i| region.start + i);
    region.start..(next + 1).min(src.len())
}

/// The error regions with `more` added, as regions none of which holds or overlaps another, sorted.
fn merged_ranges(mut ranges: Vec<Range<usize>>, more: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if more.is_empty() {
        return ranges;
    }
    ranges.extend(more);
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end.max(last.start + 1) => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The facts of a text that has no tree (a file that is not C# text): no declarations and no calls, one error
/// region over the whole text, and every word in it a name that may be a call hidden there.
pub fn unparsable(src: &str) -> FileFacts {
    let whole = 0..src.len();
    FileFacts {
        error_count: 1,
        error_words: words_in(src, std::slice::from_ref(&whole)),
        error_ranges: Vec::from([whole]),
        top_level_statements_end: Some(0),
        ..FileFacts::default()
    }
}

impl NamespaceScopes {
    /// Usings inside a namespace block cover the file's code only when that block is the file's one block and
    /// holds all its code. Otherwise they are dropped from the file's usings (a namespace they import is not
    /// imported everywhere), and a missing using goes after the last one outside every block.
    fn narrow_usings(self, facts: &mut FileFacts) {
        if self.in_blocks.is_empty() || (self.blocks == 1 && !self.code_outside_blocks) {
            return;
        }
        let in_block = |r: &Range<usize>| self.in_blocks.iter().any(|b| b.start <= r.start && r.end <= b.end);
        facts.top_level_usings.retain(|(_, r)| !in_block(r));
        facts.usings = self.outside_blocks;
        facts.using_insert_at = self.file_level_insert_at;
    }
}

fn in_namespace_block(ancestors: Ancestors) -> bool {
    ancestors.iter().any(|a| syntax::kind(a) == "namespace_declaration")
}

/// The distinct identifiers inside `ranges`, sorted.
fn words_in(src: &str, ranges: &[Range<usize>]) -> Vec<Atom> {
    let mut out = std::collections::BTreeSet::new();
    for r in ranges {
        let Some(region) = src.get(r.clone()) else { continue };
        for word in region.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()) {
            if !word.starts_with(|c: char| c.is_ascii_digit()) {
                out.insert(word.into());
            }
        }
    }
    out.into_iter().collect()
}

#[derive(Clone, Copy, Default)]
struct Flags {
    blocker: Option<Context>,
    aggregate_catch: bool,
    top_level: bool,
    cleanup: Option<Cleanup>,
}

/// What a node passes down to the nodes below it.
struct Scope {
    flags: Flags,
    /// The body of a `try` that catches `AggregateException`: only there does the catch guard a site (a catch
    /// clause's own body is not guarded by itself).
    aggregate_body: Option<usize>,
    /// What the node pushed, to pop when the walk leaves it.
    opened: Opened,
}

enum Opened {
    Nothing,
    Type,
    Function,
    Namespace,
}

struct Extractor<'s> {
    src: &'s str,
    facts: FileFacts,
    type_stack: Vec<u32>,
    fn_stack: Vec<u32>,
    /// For each function of `fn_stack`: its `body` node's range, where its locals are declared.
    body_stack: Vec<Option<Range<usize>>>,
    namespaces: NamespaceScopes,
    /// Calls whose callee the parser misread around an error (`*(p + i) = F(t)` read as `*F(t)` after an error):
    /// no call site is recorded, so their code counts as broken, and their names as names in broken code.
    broken_calls: Vec<Range<usize>>,
    /// Where the word `ApartmentState` occurs in the file.
    apartment_mentions: Mentions,
    /// Indexes into `FileFacts::scopes` of the compilation unit and the namespace declarations around the node.
    scope_stack: Vec<u32>,
}

/// Where the `using` directives of a file apply. One inside `namespace X { ... }` imports only for that block.
#[derive(Default)]
struct NamespaceScopes {
    /// `namespace X { ... }` declarations (file-scoped ones are not counted: their usings cover the file).
    blocks: u32,
    /// A type or top-level statement outside every namespace block.
    code_outside_blocks: bool,
    /// Usings written inside a namespace block.
    in_blocks: Vec<Range<usize>>,
    /// Where a using that covers the whole file can go: after the last one outside every block.
    file_level_insert_at: usize,
    /// The `using X;` directives outside every namespace block.
    outside_blocks: Vec<Atom>,
}

/// The walk goes in source order, so functions are recorded sorted by start (`function_at` relies on it), and
/// keeps the path from the root, which answers the questions about a call's parents.
impl<'t> Visitor<'t> for Extractor<'_> {
    type State = Scope;

    fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, Scope>) -> Option<Scope> {
        let flags = match path.parent_state() {
            None => Flags::default(),
            Some(parent) if parent.aggregate_body == Some(node.id()) => Flags { aggregate_catch: true, ..parent.flags },
            Some(parent) => parent.flags,
        };
        self.enter_node(node, flags, path.ancestors())
    }

    fn leave(&mut self, _node: Node<'t>, scope: Scope) {
        match scope.opened {
            Opened::Nothing => {}
            Opened::Type => {
                self.type_stack.pop();
            }
            Opened::Function => {
                self.fn_stack.pop();
                self.body_stack.pop();
            }
            Opened::Namespace => {
                self.scope_stack.pop();
            }
        }
    }
}

impl<'s> Extractor<'s> {
    /// Records what `node` itself holds; returns what its children see, or `None` when they hold nothing.
    fn enter_node(&mut self, node: Node, flags: Flags, ancestors: Ancestors) -> Option<Scope> {
        let kind = syntax::kind(node);
        let mut flags = flags;
        match kind {
            // Nothing is recorded in or below these, and a walk costs by the node: leave their subtrees unvisited.
            // (Interpolated strings and attribute lists are walked: they can hold calls, lambdas and `nameof`.)
            kinds::COMMENT
            | kinds::IDENTIFIER
            | "string_literal"
            | "verbatim_string_literal"
            | "raw_string_literal"
            | "character_literal"
            | "integer_literal"
            | "real_literal"
            | "boolean_literal"
            | "null_literal"
            | "predefined_type"
            | "generic_name"
            | "qualified_name"
            | "type_argument_list" => return None,
            "namespace_declaration" => {
                self.namespaces.blocks += 1;
                self.facts.top_level_statements_end.get_or_insert(node.start_byte());
                self.enter_namespace(node, node.byte_range());
                return Some(Scope { flags, aggregate_body: None, opened: Opened::Namespace });
            }
            "file_scoped_namespace_declaration" => {
                self.facts.top_level_statements_end.get_or_insert(node.start_byte());
                // Its declarations follow it as siblings: it covers the rest of the file, and is never left.
                self.enter_namespace(node, node.start_byte()..self.src.len());
            }
            "global_statement" => {
                if !in_namespace_block(ancestors) {
                    self.namespaces.code_outside_blocks = true;
                }
                // After an error at the top of the file, a "top-level statement" is as likely a method's body
                // whose declaration did not parse (and an edit elsewhere can turn it back into one): not
                // top-level code where `await` is allowed.
                flags.top_level = self.facts.top_level_statement_at(node.start_byte());
            }
            "ERROR" if ancestors.parent().is_some_and(|p| syntax::kind(p) == "compilation_unit") => {
                self.facts.top_level_statements_end.get_or_insert(node.start_byte());
            }
            kinds::USING_DIRECTIVE => {
                let in_block = in_namespace_block(ancestors);
                if in_block {
                    self.namespaces.in_blocks.push(node.byte_range());
                } else if self.type_stack.is_empty() {
                    self.namespaces.file_level_insert_at = self.namespaces.file_level_insert_at.max(node.end_byte());
                }
                let t = text(node, self.src);
                let ns = t
                    .trim_start_matches("global")
                    .trim()
                    .trim_start_matches("using")
                    .trim()
                    .trim_end_matches(';')
                    .trim();
                if let Some(alias) = field(node, "name") {
                    let mut c = node.walk();
                    let target = node.named_children(&mut c).filter(|n| n.id() != alias.id()).last();
                    if let Some(target) = target {
                        self.facts.type_aliases.push((text(alias, self.src).into(), text(target, self.src).into()));
                    }
                }
                if !ns.starts_with("static ") && !ns.contains('=') {
                    self.facts.usings.push(ns.into());
                    if !in_block {
                        self.namespaces.outside_blocks.push(ns.into());
                    }
                }
                self.record_using_in_scope(t);
                if self.type_stack.is_empty() {
                    self.facts.using_insert_at = self.facts.using_insert_at.max(node.end_byte());
                    if !ns.starts_with("static ") && !ns.contains('=') && !t.trim_start().starts_with("global") {
                        self.facts.top_level_usings.push((ns.into(), node.byte_range()));
                    }
                }
                return None;
            }
            kinds::CATCH_CLAUSE => flags.cleanup = Some(Cleanup::Catch),
            "finally_clause" => flags.cleanup = Some(Cleanup::Finally),
            "foreach_statement" => self.record_async_foreach(node, flags),
            kinds::LOCK => flags.blocker = Some(Context::Lock),
            kinds::QUERY => flags.blocker = flags.blocker.or(Some(Context::Query)),
            kinds::UNSAFE => flags.blocker = Some(Context::Unsafe),
            "catch_filter_clause" => flags.blocker = Some(Context::CatchFilter),
            "try_statement" if catches_aggregate(node, self.src) => {
                if let Some(body) = field(node, "body") {
                    return Some(Scope { flags, aggregate_body: Some(body.id()), opened: Opened::Nothing });
                }
            }
            _ => {}
        }
        let mut opened = Opened::Nothing;
        if kinds::TYPE_DECLARATIONS.contains(&kind) {
            if self.type_stack.is_empty() && !in_namespace_block(ancestors) {
                self.namespaces.code_outside_blocks = true;
                self.facts.top_level_statements_end.get_or_insert(node.start_byte());
            }
            self.enter_type(node);
            opened = Opened::Type;
        } else if let Some(fk) = function_kind(node) {
            self.enter_function(node, fk, ancestors);
            opened = Opened::Function;
            // A blocker of the outer function does not reach into a nested one: a lambda in a lock runs later.
            flags.blocker = match fk {
                FunctionKind::Lambda | FunctionKind::AnonymousMethod | FunctionKind::LocalFunction => None,
                _ => flags.blocker,
            };
            flags.aggregate_catch = false;
            flags.top_level = false;
        }
        match kind {
            kinds::INVOCATION => self.record_call(node, flags, ancestors),
            kinds::ASSIGNMENT => self.record_assignment_delegate(node),
            kinds::ARGUMENT => self.record_argument_delegate(node, ancestors),
            kinds::VARIABLE_DECLARATOR => self.record_initializer_delegate(node),
            _ => self.record_value_position_delegates(node, kind),
        }
        match kind {
            kinds::VARIABLE_DECLARATION
            | "foreach_statement"
            | "declaration_pattern"
            | "declaration_expression"
            | "stack_alloc_array_creation_expression"
            | "ref_type" => self.record_local(node, kind, ancestors),
            kinds::YIELD => {
                if let Some(&f) = self.fn_stack.last() {
                    self.facts.functions[f as usize].is_iterator = true;
                }
            }
            kinds::RETURN => {
                if let Some(&f) = self.fn_stack.last() {
                    let returned = match node.named_child(0) {
                        Some(expr) => expr.byte_range(),
                        None => {
                            let semicolon = node.end_byte().saturating_sub(1);
                            semicolon..semicolon
                        }
                    };
                    self.facts.returns.push((f, returned.into()));
                }
            }
            _ => {}
        }
        Some(Scope { flags, aggregate_body: None, opened })
    }

    /// A namespace declaration: its full name (inside the enclosing one) and where it applies.
    fn enter_namespace(&mut self, node: Node, range: Range<usize>) {
        let written: String = field(node, "name").map(|n| text(n, self.src)).unwrap_or("").split_whitespace().collect();
        let enclosing = self.current_namespace();
        let namespace = if enclosing.is_empty() { written } else { format!("{enclosing}.{written}") };
        self.facts.scopes.push(UsingScope { namespace: namespace.as_str().into(), range, ..UsingScope::default() });
        self.scope_stack.push(self.facts.scopes.len() as u32 - 1);
    }

    fn current_namespace(&self) -> Atom {
        self.scope_stack.last().map(|&s| self.facts.scopes[s as usize].namespace).unwrap_or_default()
    }

    /// A `using` directive (its text), in the namespace declaration or compilation unit it is written in.
    fn record_using_in_scope(&mut self, directive: &str) {
        let compact: String = directive.split_whitespace().collect::<Vec<_>>().join(" ");
        let (global, rest) = match compact.strip_prefix("global ") {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        let Some(rest) = rest.strip_prefix("using ") else { return };
        let rest = rest.trim_end_matches(';').trim();
        let squeeze =
            |s: &str| -> Atom { s.chars().filter(|c| !c.is_whitespace()).collect::<String>().as_str().into() };
        let scope = &mut self.facts.scopes[*self.scope_stack.last().unwrap_or(&0) as usize];
        if let Some(target) = rest.strip_prefix("static ") {
            scope.statics.push(squeeze(target));
        } else if let Some((alias, target)) = rest.split_once('=') {
            scope.aliases.push((squeeze(alias), squeeze(target)));
        } else if global {
            self.facts.global_usings.push(squeeze(rest));
        } else {
            scope.imports.push(squeeze(rest));
        }
    }

    fn enter_type(&mut self, node: Node) {
        let src = self.src;
        let kind = match syntax::kind(node) {
            "interface_declaration" => TypeKind::Interface,
            "struct_declaration" | "record_struct_declaration" => TypeKind::Struct,
            "record_declaration" => TypeKind::Record,
            _ => TypeKind::Class,
        };
        let name = field(node, "name").map(|n| text(n, src).into()).unwrap_or_default();
        let mut bases = Vec::new();
        let mut written_bases = Vec::new();
        let mut members = Vec::new();
        let mut c = node.walk();
        for child in node.named_children(&mut c) {
            if syntax::kind(child) == "base_list" {
                let mut bc = child.walk();
                for b in child.named_children(&mut bc) {
                    let t = text(b, src);
                    if syntax::kind(b) != "argument_list" {
                        bases.push(syntax::simple_type_name(t).into());
                        written_bases.push(t.split_whitespace().collect::<String>().as_str().into());
                    }
                }
            }
        }
        if let Some(body) = field(node, "body") {
            let mut bc = body.walk();
            for member in body.named_children(&mut bc) {
                match syntax::kind(member) {
                    kinds::FIELD | kinds::EVENT_FIELD => {
                        let mut mc = member.walk();
                        for decl in
                            member.named_children(&mut mc).filter(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATION)
                        {
                            let ty: Atom = field(decl, "type").map(|t| text(t, src).into()).unwrap_or_default();
                            let mut dc = decl.walk();
                            for v in
                                decl.named_children(&mut dc).filter(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATOR)
                            {
                                if let Some(n) = field(v, "name") {
                                    members.push((text(n, src).into(), ty));
                                }
                            }
                        }
                    }
                    kinds::PROPERTY => {
                        if let (Some(n), Some(t)) = (field(member, "name"), field(member, "type")) {
                            members.push((text(n, src).into(), text(t, src).into()));
                        }
                    }
                    _ => {}
                }
            }
        }
        // Primary constructor parameters behave like fields for receiver typing.
        if let Some(params) = node.children(&mut node.walk()).find(|n| syntax::kind(*n) == kinds::PARAMETER_LIST) {
            for p in parse_params(params, src) {
                members.push((p.name, p.type_text));
            }
        }
        let modifiers = syntax::modifiers(node, src);
        let outer_visible = self.type_stack.last().is_none_or(|t| self.facts.types[*t as usize].visible_outside);
        let nested = !self.type_stack.is_empty();
        let declared_visible = modifiers.contains(&"public") || (nested && modifiers.contains(&"protected"));
        let private_protected = modifiers.contains(&"private");
        let decl = TypeDecl {
            name,
            kind,
            bases,
            attributes: syntax::attribute_names(node, src),
            members,
            type_params: type_param_names(node, src),
            visible_outside: outer_visible && declared_visible && !private_protected,
            range: node.byte_range(),
            namespace: self.current_namespace(),
            outer: self.type_stack.last().copied(),
            written_bases,
        };
        self.facts.types.push(decl);
        self.type_stack.push(self.facts.types.len() as u32 - 1);
    }

    fn enter_function(&mut self, node: Node, kind: FunctionKind, ancestors: Ancestors) {
        let src = self.src;
        let name = field(node, "name").map(|n| text(n, src).into()).unwrap_or_default();
        let name_range = field(node, "name").map_or(node.start_byte()..node.start_byte(), |n| n.byte_range());
        let params = field(node, "parameters")
            .map(|p| {
                if syntax::kind(p) == "implicit_parameter" {
                    vec![implicit_param(p, src)]
                } else {
                    parse_params(p, src)
                }
            })
            .unwrap_or_default();
        let params_range =
            field(node, "parameters").filter(|p| syntax::kind(*p) == kinds::PARAMETER_LIST).map(|p| p.byte_range());
        let ret_node = field(node, "returns").or_else(|| field(node, "type"));
        let (return_type, return_type_range) = match (kind, ret_node) {
            (FunctionKind::Method | FunctionKind::LocalFunction | FunctionKind::Operator, Some(r)) => {
                (text(r, src).into(), r.byte_range())
            }
            _ => (Atom::default(), node.start_byte()..node.start_byte()),
        };
        let body = match field(node, "body") {
            Some(b) if syntax::kind(b) == kinds::BLOCK => Body::Block(b.byte_range().into()),
            Some(b) if syntax::kind(b) == kinds::ARROW => {
                Body::Arrow(b.named_child(0).map_or(b.byte_range(), |e| e.byte_range()).into())
            }
            Some(b) => Body::Arrow(b.byte_range().into()), // lambda expression body
            None => {
                let arrow = node.children(&mut node.walk()).find(|n| syntax::kind(*n) == kinds::ARROW);
                match arrow {
                    Some(a) => Body::Arrow(a.named_child(0).map_or(a.byte_range(), |e| e.byte_range()).into()),
                    None => Body::None,
                }
            }
        };
        let end_reachable = match (&body, kind) {
            (Body::Block(_), FunctionKind::Method | FunctionKind::LocalFunction) if return_type == "void" => {
                field(node, "body").and_then(syntax::reach::end_reachable)
            }
            _ => None,
        };
        let mut modifiers: Vec<Atom> = syntax::modifiers(node, src).into_iter().map(Atom::from).collect();
        // Lambdas carry `async` as an anonymous token, not a modifier node.
        if matches!(kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod) {
            let mut c = node.walk();
            if node.children(&mut c).any(|n| syntax::kind(n) == "async") {
                modifiers.push("async".into());
            }
        }
        let async_insert_at = match kind {
            FunctionKind::Lambda | FunctionKind::AnonymousMethod => node.start_byte(),
            _ => return_type_range.start,
        };
        let explicit_interface = node
            .children(&mut node.walk())
            .find(|n| syntax::kind(*n) == "explicit_interface_specifier")
            .map(|n| syntax::simple_type_name(text(n, src).trim_end_matches('.')).into());
        let type_param_count = field(node, "type_parameters").map_or(0, |tp| {
            let mut c = tp.walk();
            let n = tp.named_children(&mut c).filter(|n| syntax::kind(*n) == "type_parameter").count();
            n
        });
        let task_run_lambda = matches!(kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod)
            && is_task_run_argument(ancestors, src);
        let value_use = if matches!(kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod) {
            self.value_use(node, ancestors)
        } else {
            ValueUse::Other
        };
        // The body's own locals follow as the walk meets their declarations (`record_local`).
        let called_with = match kind {
            FunctionKind::Lambda => self.lambda_passed_to(ancestors),
            _ => None,
        };
        let scope = Span::from(node.byte_range());
        let locals: Vec<Local> = params
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let t = match (&called_with, p.type_text.is_empty()) {
                    (_, false) => TypeExpr::Written(p.type_text),
                    (Some((receiver, method)), true) => TypeExpr::LambdaParam {
                        receiver: TypeRef::new(receiver.clone()),
                        method: *method,
                        position: i as u32,
                    },
                    (None, true) => TypeExpr::Unknown,
                };
                Local { name: p.name, ty: t.into(), scope }
            })
            .collect();
        let function = Function {
            kind,
            name,
            name_range: name_range.into(),
            range: node.byte_range().into(),
            containing_type: self.type_stack.last().copied(),
            parent: self.fn_stack.last().copied(),
            params: params.into(),
            params_range: params_range.map(Span::from),
            type_param_count: type_param_count as u32,
            type_params: type_param_names(node, src).into(),
            return_type,
            return_type_range: return_type_range.into(),
            modifiers: modifiers.into(),
            attributes: syntax::attribute_names(node, src).into(),
            explicit_interface,
            body,
            async_insert_at: async_insert_at as u32,
            is_iterator: false,
            has_error: node.has_error(),
            end_reachable,
            locals,
            value_use,
            task_run_lambda,
            mentions_apartment_state: self.apartment_mentions.within(node.byte_range()),
            ref_struct_locals: false,
        };
        self.facts.functions.push(function);
        let idx = self.facts.functions.len() as u32 - 1;
        self.fn_stack.push(idx);
        self.body_stack.push(field(node, "body").map(|b| b.byte_range()));
    }

    /// For a lambda passed as an argument to `receiver.method(…)`: the receiver's type and the method, which
    /// together may fix the types of the lambda's implicitly typed parameters (`items.Where(x => …)`).
    fn lambda_passed_to(&self, lambda_ancestors: Ancestors) -> Option<(TypeExpr, Atom)> {
        lambda_ancestors.parent().filter(|p| syntax::kind(*p) == kinds::ARGUMENT)?;
        let call = lambda_ancestors.nth(2).filter(|c| syntax::kind(*c) == kinds::INVOCATION)?;
        let function = field(call, "function").filter(|f| syntax::kind(*f) == kinds::MEMBER_ACCESS)?;
        let name = field(function, "name")?;
        let method = if syntax::kind(name) == "generic_name" {
            generic_base_name(name, self.src)
        } else {
            text(name, self.src).into()
        };
        Some((self.type_of(field(function, "expression")?), method))
    }

    /// A local declared in the body of the innermost function (not in a nested one, whose body is innermost
    /// there): its name and type, or that it is a ref struct (`Span<T>`, `stackalloc`) or a `ref` local.
    /// Recorded as the walk meets it, so a lookup from a call sees the locals declared before the call.
    fn record_local(&mut self, node: Node, kind: &str, ancestors: Ancestors) {
        let (Some(&f), Some(Some(body))) = (self.fn_stack.last(), self.body_stack.last()) else { return };
        if node.start_byte() < body.start || node.end_byte() > body.end {
            return;
        }
        let src = self.src;
        let mut found: Vec<(Atom, TypeRef)> = Vec::new();
        let span = local_span(node, kind, ancestors, body);
        match kind {
            "stack_alloc_array_creation_expression" | "ref_type" => {
                self.facts.functions[f as usize].ref_struct_locals = true
            }
            kinds::VARIABLE_DECLARATION => {
                let ty = field(node, "type");
                if ty.is_some_and(|t| {
                    let t = text(t, src);
                    t.contains("Span<") || t.starts_with("ref ")
                }) {
                    self.facts.functions[f as usize].ref_struct_locals = true;
                }
                let is_var = ty.is_none_or(|t| syntax::kind(t) == "implicit_type");
                let mut c = node.walk();
                for v in node.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::VARIABLE_DECLARATOR) {
                    let pattern = v.named_children(&mut v.walk()).find(|n| syntax::kind(*n) == "tuple_pattern");
                    if let (Some(pattern), true) = (pattern, is_var) {
                        // `var (a, b) = value;`
                        let init = v.named_children(&mut v.walk()).last().filter(|n| n.id() != pattern.id());
                        let value = init.map_or(TypeExpr::Unknown, |e| self.type_of_bounded(e));
                        let locals = deconstructed(pattern, &value, src);
                        found.extend(locals);
                        continue;
                    }
                    let Some(name) = field(v, "name") else { continue };
                    let t = match ty {
                        Some(ty) if !is_var => TypeExpr::Written(text(ty, src).into()),
                        _ => {
                            let init = v.named_children(&mut v.walk()).last().filter(|n| n.id() != name.id());
                            init.map_or(TypeExpr::Unknown, |e| self.type_of_bounded(e))
                        }
                    };
                    found.push((text(name, src).into(), t.into()));
                }
            }
            "foreach_statement" => {
                if let (Some(left), Some(ty)) = (field(node, "left"), field(node, "type")) {
                    if syntax::kind(left) == kinds::IDENTIFIER && syntax::kind(ty) != "implicit_type" {
                        let written = TypeExpr::Written(text(ty, src).into());
                        found.push((text(left, src).into(), written.into()));
                    } else if syntax::kind(left) == kinds::IDENTIFIER {
                        let element = field(node, "right")
                            .map_or(TypeExpr::Unknown, |e| TypeExpr::Element(TypeRef::new(self.type_of_bounded(e))));
                        found.push((text(left, src).into(), element.into()));
                    } else if syntax::kind(left) == "tuple_pattern" && syntax::kind(ty) == "implicit_type" {
                        // `foreach (var (key, value) in pairs)`
                        let element = field(node, "right")
                            .map_or(TypeExpr::Unknown, |e| TypeExpr::Element(TypeRef::new(self.type_of_bounded(e))));
                        let locals = deconstructed(left, &element, src);
                        found.extend(locals);
                    }
                }
            }
            "declaration_pattern" | "declaration_expression" => {
                if let (Some(ty), Some(name)) = (field(node, "type"), field(node, "name")) {
                    let t = if syntax::kind(ty) != "implicit_type" {
                        TypeExpr::Written(text(ty, src).into())
                    } else if let Some(t) = self.deconstructed_into(node) {
                        t
                    } else if kind == "declaration_expression" {
                        self.out_var_type(node)
                    } else {
                        TypeExpr::Unknown
                    };
                    found.push((text(name, src).into(), t.into()));
                }
            }
            _ => {}
        }
        let scope = Span::from(span);
        self.facts.functions[f as usize].locals.extend(found.into_iter().map(|(name, ty)| Local { name, ty, scope }));
    }

    /// `await foreach (… in collection)`: the collection, for a token to reach the enumeration.
    fn record_async_foreach(&mut self, node: Node, flags: Flags) {
        let mut c = node.walk();
        let is_await = node.children(&mut c).any(|n| !n.is_named() && syntax::kind(n) == "await");
        let Some(collection) = field(node, "right").filter(|_| is_await) else { return };
        let range = collection.byte_range();
        self.facts.async_foreach.push(AsyncForeach {
            value: self.type_of(collection).into(),
            function: self.fn_stack.last().copied(),
            containing_type: self.type_stack.last().copied(),
            cleanup: flags.cleanup,
            in_error_region: collection.has_error() || self.facts.overlaps_error(&range),
            range: range.into(),
        });
    }

    /// Where the value of `node` goes (see `ValueUse`).
    fn value_use(&self, node: Node, ancestors: Ancestors) -> ValueUse {
        let src = self.src;
        let is_local = |name: &str| self.facts.local_type(self.fn_stack.last().copied(), name).is_some();
        let same = |a: Option<Node>, b: Node| a.is_some_and(|a| a.id() == b.id());
        let mut child = node;
        let mut up = ancestors.iter().peekable();
        while let Some(parent) = up.next() {
            match syntax::kind(parent) {
                "parenthesized_expression" | "cast_expression" | "switch_expression_arm" => {}
                "postfix_unary_expression" if text(parent, src).ends_with('!') => {}
                "conditional_expression" if !same(field(parent, "condition"), child) => {}
                "binary_expression" if field(parent, "operator").is_some_and(|o| text(o, src) == "??") => {}
                "switch_expression" if syntax::kind(child) == "switch_expression_arm" => {}
                kinds::MEMBER_ACCESS => {
                    if !same(field(parent, "expression"), child) {
                        return ValueUse::Other;
                    }
                    // `value.ConfigureAwait(…)` goes where the value would have gone.
                    let configured = field(parent, "name").is_some_and(|n| text(n, src) == "ConfigureAwait");
                    match up.peek().copied() {
                        Some(call) if configured && same(field(call, "function"), parent) => {
                            up.next();
                            child = call;
                            continue;
                        }
                        _ => return ValueUse::Receiver,
                    }
                }
                kinds::AWAIT => return ValueUse::Awaited,
                kinds::RETURN | kinds::ARROW => return ValueUse::Returned,
                kinds::LAMBDA => {
                    return if same(field(parent, "body"), child) { ValueUse::Returned } else { ValueUse::Other }
                }
                kinds::EXPRESSION_STATEMENT => return ValueUse::Statement,
                kinds::ASSIGNMENT => {
                    if !same(field(parent, "right"), child) {
                        return ValueUse::Other;
                    }
                    let op = field(parent, "operator").map_or("=", |o| text(o, src));
                    let left = field(parent, "left");
                    return match left {
                        _ if op == "+=" || op == "-=" => ValueUse::Subscribed,
                        Some(l) if text(l, src) == "_" => ValueUse::Discarded,
                        Some(l) if syntax::kind(l) == kinds::IDENTIFIER && is_local(text(l, src)) => ValueUse::Local,
                        _ => ValueUse::Stored,
                    };
                }
                "equals_value_clause" => {}
                kinds::VARIABLE_DECLARATOR => {
                    let declaration_holder = up.nth(1).map(syntax::kind);
                    return match declaration_holder {
                        Some(kinds::FIELD | kinds::EVENT_FIELD) => ValueUse::Stored,
                        _ => ValueUse::Local,
                    };
                }
                kinds::PROPERTY => return ValueUse::Stored,
                kinds::ARGUMENT => {
                    let host = up.nth(1);
                    return match host {
                        Some(h) if syntax::kind(h) == "object_creation_expression" => {
                            let name = field(h, "type").map_or("", |t| syntax::simple_type_name(text(t, src)));
                            ValueUse::Constructed(name.into())
                        }
                        _ => ValueUse::Argument,
                    };
                }
                _ => return ValueUse::Other,
            }
            child = parent;
        }
        ValueUse::Other
    }

    /// `var x` as an element of a tuple that a value is deconstructed into (`(var a, var b) = value;`,
    /// `foreach ((var k, var v) in pairs)`): that element of the value; `None` for any other declaration.
    fn deconstructed_into(&self, declaration: Node) -> Option<TypeExpr> {
        let argument = declaration.parent().filter(|a| syntax::kind(*a) == kinds::ARGUMENT)?;
        let tuple = argument.parent().filter(|t| syntax::kind(*t) == "tuple_expression")?;
        let holder = tuple.parent().filter(|h| field(*h, "left").is_some_and(|l| l.id() == tuple.id()))?;
        let value = field(holder, "right")?;
        let value = match syntax::kind(holder) {
            kinds::ASSIGNMENT if field(holder, "operator").is_none_or(|o| text(o, self.src) == "=") => {
                self.type_of_bounded(value)
            }
            "foreach_statement" => TypeExpr::Element(TypeRef::new(self.type_of_bounded(value))),
            _ => return None,
        };
        let mut c = tuple.walk();
        let position = tuple
            .named_children(&mut c)
            .filter(|n| syntax::kind(*n) == kinds::ARGUMENT)
            .position(|a| a.id() == argument.id())?;
        Some(TypeExpr::Deconstructed { value: TypeRef::new(value), position: position as u32 })
    }

    /// `out var x` as an argument of a call: the type of the parameter it stands for.
    fn out_var_type(&self, declaration: Node) -> TypeExpr {
        let Some(argument) = declaration.parent().filter(|a| syntax::kind(*a) == kinds::ARGUMENT) else {
            return TypeExpr::Unknown;
        };
        let is_out = argument.children(&mut argument.walk()).any(|c| !c.is_named() && text(c, self.src) == "out");
        let Some(list) = argument.parent().filter(|_| is_out) else { return TypeExpr::Unknown };
        let Some(call) = list.parent().filter(|c| syntax::kind(*c) == kinds::INVOCATION) else {
            return TypeExpr::Unknown;
        };
        let mut c = list.walk();
        let position = list
            .named_children(&mut c)
            .filter(|n| syntax::kind(*n) == kinds::ARGUMENT)
            .position(|a| a.id() == argument.id());
        match (position, self.type_of_bounded(call)) {
            (Some(position), call @ TypeExpr::Call { .. }) => {
                TypeExpr::OutArg { call: TypeRef::new(call), position: position as u32 }
            }
            _ => TypeExpr::Unknown,
        }
    }

    /// What the syntax says about an expression's type, given up when it grows past a bound (see `TypeExpr::size`).
    fn type_of_bounded(&self, node: Node) -> TypeExpr {
        const MAX_SIZE: usize = 64;
        let t = self.type_of(node);
        if t.size() > MAX_SIZE {
            TypeExpr::Unknown
        } else {
            t
        }
    }

    fn context(&self, flags: Flags) -> SiteContext {
        SiteContext {
            function: self.fn_stack.last().copied(),
            blocker: flags.blocker,
            aggregate_catch: flags.aggregate_catch,
            top_level: flags.top_level && self.fn_stack.is_empty(),
        }
    }

    fn record_call(&mut self, node: Node, flags: Flags, ancestors: Ancestors) {
        let src = self.src;
        let Some(function) = field(node, "function") else { return };
        let arity = field(node, "arguments").map_or(0, |a| {
            let mut c = a.walk();
            let n = a.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::ARGUMENT).count();
            n
        });
        let name_node_of = |n: Node<'_>| -> std::ops::Range<usize> {
            if syntax::kind(n) == "generic_name" {
                n.named_child(0).map_or(n.byte_range(), |i| i.byte_range())
            } else {
                n.byte_range()
            }
        };
        let (name, receiver, conditional, name_range) = match syntax::kind(function) {
            kinds::IDENTIFIER => (text(function, src).into(), TypeExpr::This, false, function.byte_range()),
            "generic_name" => (generic_base_name(function, src), TypeExpr::This, false, name_node_of(function)),
            kinds::MEMBER_ACCESS => {
                let Some(name_node) = field(function, "name") else { return };
                let name = if syntax::kind(name_node) == "generic_name" {
                    generic_base_name(name_node, src)
                } else {
                    text(name_node, src).into()
                };
                let receiver = field(function, "expression").map_or(TypeExpr::Unknown, |e| self.type_of(e));
                (name, receiver, false, name_node_of(name_node))
            }
            "conditional_access_expression" => {
                // `a?.M()`: the member binding sits inside the conditional access.
                let binding = function.named_child(function.named_child_count().saturating_sub(1));
                match binding.filter(|b| syntax::kind(*b) == "member_binding_expression").and_then(|b| field(b, "name"))
                {
                    Some(n) => {
                        let receiver = field(function, "condition").map_or(TypeExpr::Unknown, |c| self.type_of(c));
                        (text(n, src).into(), receiver, true, name_node_of(n))
                    }
                    None => return,
                }
            }
            _ => {
                if node.has_error() {
                    self.broken_calls.push(node.byte_range());
                }
                return;
            }
        };
        let (args_range, arguments) = match field(node, "arguments") {
            Some(list) => self.arguments(list, arity),
            None => (None, Vec::new()),
        };
        let parent = ancestors.parent();
        let awaited = parent.is_some_and(|p| syntax::kind(p) == kinds::AWAIT);
        let statement = parent.is_some_and(|p| syntax::kind(p) == kinds::EXPRESSION_STATEMENT);
        let needs_parens = needs_parens_when_awaited(node, parent, src);
        // Inside `a?.M()` chains the call is part of a conditional access; awaiting it alone is not possible.
        let conditional = conditional
            || parent.is_some_and(|p| {
                syntax::kind(p) == "conditional_access_expression" && p.child(0).map(|c| c.id()) != Some(node.id())
            });
        let mock_configuration = is_mock_configuration(node, ancestors, src);
        let value_use = self.value_use(node, ancestors);
        self.facts.calls.push(CallSite {
            value_use,
            cleanup: flags.cleanup,
            mock_configuration,
            name,
            arity: arity as u32,
            receiver: receiver.into(),
            range: node.byte_range().into(),
            name_range: name_range.into(),
            context: self.context(flags),
            awaited,
            needs_parens,
            conditional,
            containing_type: self.type_stack.last().copied(),
            statement,
            args_range: args_range.map(Span::from),
            arguments: arguments.into(),
            in_error_region: node.has_error()
                || self.facts.overlaps_error(&node.byte_range())
                || statement_has_error(ancestors),
        });
    }

    /// The `count` arguments of a call's argument list.
    fn arguments(&self, list: Node, count: usize) -> (Option<Range<usize>>, Vec<Argument>) {
        let src = self.src;
        let closed =
            list.child(list.child_count().saturating_sub(1)).is_some_and(|c| syntax::kind(c) == ")" && !c.is_missing());
        let mut c = list.walk();
        // Sized to the count, so that the call's boxed slice takes the vector's allocation as it is.
        let mut arguments = Vec::with_capacity(count);
        let all = list.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::ARGUMENT).map(|a| {
            let name = field(a, "name");
            let value = a
                .named_child(a.named_child_count().saturating_sub(1))
                .filter(|v| Some(v.id()) != name.map(|n| n.id()))
                .map_or(TypeExpr::Unknown, |v| self.type_of(v));
            Argument {
                name: name.map(|n| text(n, src).into()),
                range: a.byte_range().into(),
                value: value.into(),
                shape: ArgumentShape::of(text(a, src), name.is_some()),
            }
        });
        arguments.extend(all);
        (closed.then(|| list.byte_range()), arguments)
    }

    /// Whether a local or parameter named `name` is in scope at `offset`, as far as the declarations met so far
    /// tell (a use before its local's declaration is not seen as one: the name is kept as a possible method).
    fn local_in_scope(&self, name: &str, offset: usize) -> bool {
        let function = self.facts.function_at(&(offset..offset));
        self.facts.locals_visible_at(function, offset).any(|(_, local, _)| local == name)
    }

    fn push_delegate_use(&mut self, value: Node) {
        let src = self.src;
        let (name, receiver) = match syntax::kind(value) {
            // C# looks a simple name up innermost first: where a local or parameter of that name is in scope, the
            // name is that variable, never a method group.
            kinds::IDENTIFIER if self.local_in_scope(text(value, src), value.start_byte()) => return,
            kinds::IDENTIFIER => (text(value, src).into(), TypeExpr::This),
            kinds::MEMBER_ACCESS => match (field(value, "name"), field(value, "expression")) {
                (Some(n), Some(e)) => (text(n, src).into(), self.type_of(e)),
                _ => return,
            },
            _ => return,
        };
        self.facts.delegate_uses.push(DelegateUse {
            name,
            range: value.byte_range().into(),
            receiver: receiver.into(),
            containing_type: self.type_stack.last().copied(),
        });
    }

    fn record_assignment_delegate(&mut self, node: Node) {
        if let Some(right) = field(node, "right") {
            if matches!(syntax::kind(right), kinds::IDENTIFIER | kinds::MEMBER_ACCESS) {
                self.push_delegate_use(right);
            }
        }
    }

    fn record_argument_delegate(&mut self, node: Node, ancestors: Ancestors) {
        // `nameof(M)` names a method without making a delegate of it (the argument's grandparent is the call).
        let call = ancestors.nth(1).filter(|c| syntax::kind(*c) == kinds::INVOCATION);
        if call.and_then(|c| field(c, "function")).is_some_and(|f| text(f, self.src) == "nameof") {
            if let Some(value) = node.named_children(&mut node.walk()).last() {
                let last = match syntax::kind(value) {
                    kinds::MEMBER_ACCESS => field(value, "name").unwrap_or(value),
                    _ => value,
                };
                self.facts.nameof_uses.push((text(last, self.src).into(), last.byte_range()));
            }
            return;
        }
        if let Some(value) = node.named_children(&mut node.walk()).last() {
            if matches!(syntax::kind(value), kinds::IDENTIFIER | kinds::MEMBER_ACCESS) {
                self.push_delegate_use(value);
            }
        }
    }

    /// Method groups in the other places a value's type comes from its context: `c ? A : B`, `(Action)A`,
    /// `h ?? A`, `(A)`, `return A;`, `=> A`, `{ A, B }`, `[A, B]` and a switch arm's `=> A`. In each, the
    /// context can be a delegate type that `async Task` no longer fits (`new Thread(c ? A : B)`).
    fn record_value_position_delegates(&mut self, node: Node, kind: &str) {
        let record = |this: &mut Self, value: Option<Node>| {
            if let Some(value) = value {
                this.record_method_group(value);
            }
        };
        match kind {
            "conditional_expression" => {
                record(self, field(node, "consequence"));
                record(self, field(node, "alternative"));
            }
            "cast_expression" => record(self, field(node, "value")),
            "binary_expression" if field(node, "operator").is_some_and(|o| syntax::kind(o) == "??") => {
                record(self, field(node, "left"));
                record(self, field(node, "right"));
            }
            "parenthesized_expression" | "expression_element" => record(self, node.named_child(0)),
            // What a function returns takes its declared return type, which often shows it cannot be a delegate
            // (`int Length() { return text.Length; }`); a name standing there is then no method group.
            kinds::RETURN | kinds::YIELD | kinds::ARROW => {
                let returns = self.fn_stack.last().map(|&f| self.facts.functions[f as usize].return_type);
                if !returns.is_some_and(|r| holds_no_delegate(&r)) {
                    record(self, node.named_child(0))
                }
            }
            "switch_expression_arm" => record(self, node.named_child(node.named_child_count().saturating_sub(1))),
            kinds::LAMBDA => record(self, field(node, "body")),
            "initializer_expression" => {
                for i in 0..node.named_child_count() {
                    record(self, node.named_child(i));
                }
            }
            _ => {}
        }
    }

    /// A name or `x.Name` standing as a value may be a method group. A local of that name would hide the
    /// method, but locals are kept per function, not per block, so a same-named local in a sibling block could
    /// hide a real delegate use: every name counts.
    fn record_method_group(&mut self, value: Node) {
        if matches!(syntax::kind(value), kinds::IDENTIFIER | kinds::MEMBER_ACCESS) {
            self.push_delegate_use(value);
        }
    }

    fn record_initializer_delegate(&mut self, node: Node) {
        if let Some(value) = node.named_children(&mut node.walk()).last() {
            if syntax::kind(value) == kinds::IDENTIFIER && Some(value.id()) != field(node, "name").map(|n| n.id()) {
                self.push_delegate_use(value);
            }
        }
    }

    /// What the syntax says about an expression's type.
    fn type_of(&self, node: Node) -> TypeExpr {
        type_expr(node, self.src, &|name| self.facts.local_type(self.fn_stack.last().copied(), name).cloned())
    }
}

/// Whether a value of the written return type (or, for a task or sequence, its result or element type) can
/// never be a delegate: a predefined type other than `object` and `dynamic`, or a non-generic task.
fn holds_no_delegate(return_type: &str) -> bool {
    let t = return_type.trim().trim_end_matches('?');
    let t = t.strip_prefix("System.").unwrap_or(t);
    let inner = ["Task<", "ValueTask<", "IEnumerable<", "IEnumerator<", "IAsyncEnumerable<", "IAsyncEnumerator<"]
        .iter()
        .find_map(|w| t.strip_prefix(w).and_then(|rest| rest.strip_suffix('>')));
    if let Some(inner) = inner {
        return holds_no_delegate(inner);
    }
    matches!(
        t,
        "void"
            | "Task"
            | "ValueTask"
            | "bool"
            | "byte"
            | "sbyte"
            | "char"
            | "decimal"
            | "double"
            | "float"
            | "int"
            | "uint"
            | "long"
            | "ulong"
            | "short"
            | "ushort"
            | "nint"
            | "nuint"
            | "string"
            | "Boolean"
            | "Byte"
            | "SByte"
            | "Char"
            | "Decimal"
            | "Double"
            | "Single"
            | "Int16"
            | "UInt16"
            | "Int32"
            | "UInt32"
            | "Int64"
            | "UInt64"
            | "String"
    )
}

/// The variables a `(a, b)` designation declares, each typed as its element of `value`; a nested designation and
/// a discard take their places without a variable.
fn deconstructed(pattern: Node, value: &TypeExpr, src: &str) -> Vec<(Atom, TypeRef)> {
    let mut c = pattern.walk();
    let elements: Vec<Node> = pattern.named_children(&mut c).collect();
    let value = TypeRef::new(value.clone());
    elements
        .iter()
        .enumerate()
        .filter(|(_, e)| syntax::kind(**e) == kinds::IDENTIFIER && text(**e, src) != "_")
        .map(|(i, e)| {
            let t = TypeExpr::Deconstructed { value, position: i as u32 };
            (text(*e, src).into(), t.into())
        })
        .collect()
}

/// Where a local declared by `node` can be used: from the declaration to the end of the innermost block, loop or
/// `using` statement around it (a `foreach` variable: the loop itself).
fn local_span(node: Node, kind: &str, ancestors: Ancestors, body: &Range<usize>) -> Range<usize> {
    if kind == "foreach_statement" {
        return node.byte_range();
    }
    let holder = ancestors.iter().find(|a| {
        matches!(
            syntax::kind(*a),
            kinds::BLOCK | "switch_section" | "for_statement" | "foreach_statement" | "using_statement"
        )
    });
    let end = holder.map_or(body.end, |h| h.end_byte());
    node.start_byte()..end
}

fn type_param_names(node: Node, src: &str) -> Vec<Atom> {
    let Some(list) = field(node, "type_parameters")
        .or_else(|| node.children(&mut node.walk()).find(|n| syntax::kind(*n) == "type_parameter_list"))
    else {
        return Vec::new();
    };
    let mut c = list.walk();
    let names = list
        .named_children(&mut c)
        .filter(|n| syntax::kind(*n) == "type_parameter")
        .map(|n| field(n, "name").map_or_else(|| text(n, src).into(), |x| text(x, src).into()))
        .collect();
    names
}

fn implicit_param(node: Node, src: &str) -> Param {
    Param {
        name: text(node, src).into(),
        type_text: Atom::default(),
        modifiers: Box::default(),
        has_default: false,
        range: node.byte_range().into(),
    }
}

/// Moq, NSubstitute and FakeItEasy configure a member by calling it in a setup lambda or
/// by chaining `.Returns(...)` on the call.
fn is_mock_configuration(call: Node, ancestors: Ancestors, src: &str) -> bool {
    const SETUP: &[&str] =
        &["Setup", "SetupGet", "SetupSequence", "Verify", "VerifyGet", "CallTo", "Received", "DidNotReceive"];
    const CHAINED: &[&str] =
        &["Returns", "ReturnsForAnyArgs", "ReturnsAsync", "Throws", "ThrowsAsync", "ThrowsForAnyArgs"];
    let name_of = |invocation: Node| -> Option<Atom> {
        let f = field(invocation, "function")?;
        let n = if syntax::kind(f) == kinds::MEMBER_ACCESS { field(f, "name")? } else { f };
        let t = text(n, src);
        Some(t.split('<').next().unwrap_or(t).into())
    };
    // `sub.M().Returns(v)`
    if let Some(parent) = ancestors.parent().filter(|p| syntax::kind(*p) == kinds::MEMBER_ACCESS) {
        if field(parent, "name").is_some_and(|n| CHAINED.contains(&text(n, src))) {
            return true;
        }
    }
    // `sub.Received().M()`
    if let Some(receiver) =
        field(call, "function").and_then(|f| field(f, "expression")).filter(|r| syntax::kind(*r) == kinds::INVOCATION)
    {
        if name_of(receiver).is_some_and(|n| SETUP.contains(&n.as_str())) {
            return true;
        }
    }
    // `mock.Setup(x => x.M())`: the nearest lambda is an argument of a setup call.
    // Within six levels; the lambda's parent is the argument, whose grandparent is the call.
    for (i, n) in ancestors.iter().take(6).enumerate() {
        if syntax::kind(n) == kinds::LAMBDA {
            let host =
                ancestors.nth(i + 1).filter(|a| syntax::kind(*a) == kinds::ARGUMENT).and_then(|_| ancestors.nth(i + 3));
            return host.and_then(name_of).is_some_and(|h| SETUP.contains(&h.as_str()));
        }
    }
    false
}

/// True when the lambda whose ancestors these are is passed directly to `Task.Run(...)` or
/// `Task.Factory.StartNew(...)`: its parent is an argument, whose grandparent is the call.
fn is_task_run_argument(lambda_ancestors: Ancestors, src: &str) -> bool {
    if lambda_ancestors.parent().is_none_or(|p| syntax::kind(p) != kinds::ARGUMENT) {
        return false;
    }
    let Some(call) = lambda_ancestors.nth(2).filter(|c| syntax::kind(*c) == kinds::INVOCATION) else {
        return false;
    };
    let Some(func) = field(call, "function") else { return false };
    let t = text(func, src);
    t == "Task.Run" || t == "Task.Factory.StartNew" || t.ends_with(".Task.Run")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(src: &str) -> FileFacts {
        extract(&syntax::parse(src), src)
    }

    #[test]
    fn calls_within_a_range_are_those_that_start_in_it() {
        let src = "class C {\n  void A() { X(); Y(Z()); }\n  void B() { W(); }\n}\n";
        let f = facts_of(src);
        let names = |range: Span| f.calls_within(range).iter().map(|c| c.name.as_str()).collect::<Vec<_>>();
        assert_eq!(names(f.functions[0].range), vec!["X", "Y", "Z"]);
        assert_eq!(names(f.functions[1].range), vec!["W"]);
        let z = src.find("Z()").unwrap();
        assert_eq!(names(Span::from(z..z + 3)), vec!["Z"]);
        assert!(names(Span::from(0..5)).is_empty());
    }

    #[test]
    fn a_field_is_a_function_only_where_its_declaration_may_run_code() {
        let src = r#"class C {
    int a;
    [NonSerialized] private string b, c;
    const int D = (1 << 4) | 0x2, E = -1;
    static readonly string F = "f" + @"g";
    object g = default(object), h = (object)null;
    Action run = Run;
    Task<int> t = Load();
    int i = Other.Value;
    Func<int> make = Make<int>;
    object l = new object();
    Action m = () => { };
    [Obsolete(nameof(Run))] int n;
    string o = $"{a}";
    event EventHandler Changed;
    event EventHandler Handled = delegate { };
}"#;
        let f = facts_of(src);
        let starts: Vec<&str> = f
            .functions
            .iter()
            .filter(|f| f.kind == FunctionKind::Initializer)
            .map(|f| src[f.range.range()].split_whitespace().take(2).last().unwrap())
            .collect();
        assert_eq!(starts, vec!["run", "t", "i", "make", "l", "m", "int", "o", "EventHandler"]);
        // The lambda of `m` sits in its field's function, as a site there would.
        let m = f
            .functions
            .iter()
            .position(|f| f.kind == FunctionKind::Initializer && src[f.range.range()].contains("m ="))
            .unwrap();
        assert!(f.functions.iter().any(|f| f.kind == FunctionKind::Lambda && f.parent == Some(m as u32)));
    }

    #[test]
    fn usings_in_a_namespace_block_import_for_the_file_only_when_it_holds_all_the_code() {
        let one_block = "using System;\nnamespace A\n{\n    using System.Linq;\n    class C { }\n}\n";
        let f = facts_of(one_block);
        assert!(f.has_using("System") && f.has_using("System.Linq"));
        assert_eq!(f.using_insert_at, one_block.find("Linq;").unwrap() + "Linq;".len());

        let code_outside = "using System;\nnamespace A\n{\n    using System.Linq;\n    class C { }\n}\nclass D { }\n";
        let f = facts_of(code_outside);
        assert!(f.has_using("System") && !f.has_using("System.Linq"));
        assert_eq!(f.using_insert_at, "using System;".len());
        assert_eq!(f.top_level_usings.len(), 1);

        let two_blocks = "namespace A { using System.Linq; class C { } }\nnamespace B { class D { } }\n";
        let f = facts_of(two_blocks);
        assert!(f.usings.is_empty() && f.top_level_usings.is_empty());

        let nested = "namespace A { using System; namespace B { using System.Linq; class C { } } }";
        let f = facts_of(nested);
        assert!(!f.has_using("System") && !f.has_using("System.Linq"));

        let file_scoped = "namespace A;\nusing System.Linq;\nclass C { }\nclass D { }\n";
        assert!(facts_of(file_scoped).has_using("System.Linq"));
    }

    #[test]
    fn types_know_their_namespace_and_outer_type_and_usings_their_scope() {
        let src = "using A;\nglobal using G;\nusing static S.T;\nusing R = X.Y;\nnamespace N.M\n{\n    using B;\n    \
                   class C { class D { } }\n    namespace Inner { class E { } }\n}\nclass F { }\n";
        let f = facts_of(src);
        let described: Vec<(String, String, Option<u32>)> =
            f.types.iter().map(|t| (t.name.to_string(), t.namespace.to_string(), t.outer)).collect();
        let expected = [("C", "N.M", None), ("D", "N.M", Some(0)), ("E", "N.M.Inner", None), ("F", "", None)];
        let expected: Vec<(String, String, Option<u32>)> =
            expected.iter().map(|(n, ns, o)| (n.to_string(), ns.to_string(), *o)).collect();
        assert_eq!(described, expected);
        let scopes: Vec<(&str, Vec<&str>)> =
            f.scopes.iter().map(|s| (s.namespace.as_str(), s.imports.iter().map(|i| i.as_str()).collect())).collect();
        assert_eq!(scopes, [("", vec!["A"]), ("N.M", vec!["B"]), ("N.M.Inner", vec![])]);
        assert_eq!(f.scopes[0].statics, ["S.T"]);
        assert_eq!(f.scopes[0].aliases, [("R".into(), "X.Y".into())]);
        assert_eq!(f.global_usings, ["G"]);
        assert_eq!(&src[f.scopes[1].range.clone()][..13], "namespace N.M");

        let file_scoped = facts_of("using A;\nnamespace P.Q;\nusing B;\nclass C { }\n");
        assert_eq!(file_scoped.types[0].namespace, "P.Q");
        assert_eq!(file_scoped.scopes[1].imports, ["B"]);
        assert_eq!(file_scoped.scopes[1].range.end, "using A;\nnamespace P.Q;\nusing B;\nclass C { }\n".len());
    }

    #[test]
    fn designer_subscriptions_are_delegate_uses() {
        let src = "partial class Form { void InitializeComponent() { \
                   this.button.Click += new System.EventHandler(this.button_Click); \
                   this.picker.ColorChanged += new ColorButton.ColorChangedEventHandler(this.picker_ColorChanged); \
                   this.list.SelectedIndexChanged += this.list_Changed; \
                   timer.Tick += OnTick; } }";
        let names: Vec<&str> = facts_of(src).delegate_uses.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["button_Click", "picker_ColorChanged", "list_Changed", "OnTick"]);
    }

    #[test]
    fn a_name_that_is_a_local_in_scope_is_no_delegate_use() {
        let src = "class C { void M(Action handler) { Run(handler); Run(OnDone); var step = 1; Run(step); \
                   Run(later); var later = 2; Run(x => Run(x)); { var inner = 3; } Run(inner); \
                   if (o is Action matched) { } Run(matched); } }";
        let names: Vec<&str> = facts_of(src).delegate_uses.iter().map(|d| d.name.as_str()).collect();
        // `later` is used before its declaration and `inner` outside its block: both may still be methods. A
        // pattern variable of an `if` condition stays in scope after the `if`.
        assert_eq!(names, ["OnDone", "later", "inner"]);
    }

    #[test]
    fn params_arrays_are_parameters() {
        let src = "class C { void M(int a, string b = null, params object[] rest) { } }";
        let f = facts_of(src);
        let m = f.functions.iter().find(|f| f.name == "M").unwrap();
        let names: Vec<&str> = m.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "rest"]);
        assert!(m.params[2].is_params_array());
        assert_eq!(m.params[2].type_text, "object[]");
        assert_eq!(&src[m.params[2].range.range()], "params object[] rest");
        assert!(m.accepts_arity(1) && m.accepts_arity(5));
        assert_eq!(&src[m.params_range.unwrap().range()], "(int a, string b = null, params object[] rest)");
    }

    #[test]
    fn error_regions_are_found_as_by_a_scan() {
        let src = "class C { void M() { F(1, ); G(} int N() => ; void O() { H(x y); } } class { void P() { Q(); }";
        let f = facts_of(src);
        assert!(f.error_ranges.len() > 2, "{:?}", f.error_ranges);
        let scan = |r: &Range<usize>| {
            f.error_ranges.iter().any(|e| e.start < r.end.max(r.start + 1) && r.start < e.end.max(e.start + 1))
        };
        for start in 0..=src.len() {
            for end in start..=(start + 12).min(src.len()) {
                assert_eq!(f.overlaps_error(&(start..end)), scan(&(start..end)), "{start}..{end}");
            }
        }
    }

    #[test]
    fn a_call_sees_the_local_declared_before_it() {
        // Same-named locals in sibling blocks: each wait's receiver is the `t` declared just above it.
        let src = "class C { void M(bool b) { if (b) { var t = A(); t.Wait(); } else { var t = B(); t.Wait(); } } }";
        let f = facts_of(src);
        let receivers: Vec<String> = f
            .calls
            .iter()
            .filter(|c| c.name == "Wait")
            .map(|c| match &*c.receiver {
                TypeExpr::Call { name, .. } => name.to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(receivers, ["A", "B"]);
        let m = f.functions.iter().find(|f| f.name == "M").unwrap();
        let locals: Vec<&str> = m.locals.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(locals, ["b", "t", "t"], "parameters first, then locals in source order");
    }

    #[test]
    fn calls_record_their_arguments() {
        let src = "class C { void M(CancellationToken ct) { F(1, name: ct, default(CancellationToken)); G(); } }";
        let f = facts_of(src);
        let call = f.calls.iter().find(|c| c.name == "F").unwrap();
        assert_eq!(&src[call.args_range.unwrap().range()], "(1, name: ct, default(CancellationToken))");
        assert_eq!(call.arguments.len(), 3);
        assert_eq!(call.arguments[1].name.as_deref(), Some("name"));
        assert_eq!(*call.arguments[1].value, TypeExpr::Written("CancellationToken".into()));
        assert_eq!(*call.arguments[2].value, TypeExpr::Written("CancellationToken".into()));
        let g = f.calls.iter().find(|c| c.name == "G").unwrap();
        assert!(g.arguments.is_empty() && g.args_range.is_some());
    }
}
