//! Questions about C# syntax nodes that fan-out detection asks: calls and
//! their arguments, where a statement sits, what a local holds, which names
//! a piece of code declares, reads or assigns.

use std::collections::BTreeSet;

use tree_sitter::Node;

use super::Cap;
use crate::index::facts;
use crate::model::Context;
use crate::syntax::parents::Parents;
use crate::syntax::{field, kinds, text};

pub(super) fn named_children(node: Node) -> Vec<Node> {
    let mut c = node.walk();
    node.named_children(&mut c).collect()
}

pub(super) fn arguments(invocation: Node) -> Vec<Node> {
    field(invocation, "arguments")
        .map_or_else(Vec::new, |a| named_children(a).into_iter().filter(|n| n.kind() == kinds::ARGUMENT).collect())
}

/// The value of an argument (after a `name:` if any).
pub(super) fn argument_value(arg: Node) -> Option<Node> {
    arg.named_child(arg.named_child_count().checked_sub(1)?)
}

/// `(receiver, name, name identifier)` of `receiver.name(...)` / `receiver.name<T>(...)`.
pub(super) fn member_call<'t, 's>(invocation: Node<'t>, src: &'s str) -> Option<(Node<'t>, &'s str, Node<'t>)> {
    let function = field(invocation, "function").filter(|f| f.kind() == kinds::MEMBER_ACCESS)?;
    let name = field(function, "name")?;
    let ident = if name.kind() == "generic_name" { name.named_child(0)? } else { name };
    Some((field(function, "expression")?, text(ident, src), ident))
}

/// The name a call expression calls (`F` of `a.F(x)` or `F(x)`).
pub(super) fn call_name<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    match node.kind() {
        kinds::INVOCATION => {
            let f = field(node, "function")?;
            match f.kind() {
                kinds::MEMBER_ACCESS => field(f, "name").map(|n| text(n, src)),
                _ => Some(text(f, src)),
            }
        }
        kinds::MEMBER_ACCESS => field(node, "name").map(|n| text(n, src)),
        kinds::IDENTIFIER => Some(text(node, src)),
        _ => None,
    }
}

/// `Task`, `System.Threading.Tasks.Task`, `global::...Task`.
pub(super) fn names_type(node: Node, src: &str, name: &str) -> bool {
    let t = text(node, src);
    t == name || t.strip_suffix(name).is_some_and(|p| p.ends_with('.') || p.ends_with("::"))
}

pub(super) fn strip_parens(mut node: Node) -> Node {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// `x.ToList()` / `x.ToArray()` → `x`.
pub(super) fn materialized<'t>(mut node: Node<'t>, src: &str) -> Node<'t> {
    while node.kind() == kinds::INVOCATION && arguments(node).is_empty() {
        match member_call(node, src) {
            Some((r, "ToList" | "ToArray" | "AsEnumerable", _)) => node = strip_parens(r),
            _ => break,
        }
    }
    node
}

pub(super) fn declarator_value(declarator: Node) -> Option<Node> {
    let name = field(declarator, "name")?;
    let value = declarator.named_children(&mut declarator.walk()).last()?;
    (value.id() != name.id()).then_some(value)
}

/// How many items a collection written out in full holds.
pub(super) fn fixed_count(node: Node, src: &str) -> Option<usize> {
    let count_initializer = |init: Node| named_children(init).iter().filter(|c| c.kind() != "comment").count();
    match node.kind() {
        "implicit_array_creation_expression" | "array_creation_expression" | "object_creation_expression" => {
            let init = named_children(node).into_iter().find(|c| c.kind() == "initializer_expression")?;
            Some(count_initializer(init))
        }
        "collection_expression" => {
            let elements: Vec<Node> = named_children(node).into_iter().filter(|c| c.kind() != "comment").collect();
            let all_plain = elements.iter().all(|e| e.named_child(0).is_some_and(|x| x.kind() == "expression_element"));
            all_plain.then_some(elements.len())
        }
        kinds::INVOCATION => {
            let (receiver, name, _) = member_call(node, src)?;
            if name != "Range" || !names_type(receiver, src, "Enumerable") {
                return None;
            }
            let args = arguments(node);
            let count = argument_value(*args.get(1)?)?;
            (count.kind() == "integer_literal")
                .then(|| text(count, src).trim_end_matches(['u', 'U', 'l', 'L']).parse().ok())?
        }
        _ => None,
    }
}

/// `.Take(n)` somewhere along the source chain.
pub(super) fn take_cap(source: Node, src: &str) -> Option<Cap> {
    let mut cur = strip_parens(source);
    while cur.kind() == kinds::INVOCATION {
        let (receiver, name, _) = member_call(cur, src)?;
        if name == "Take" {
            let args = arguments(cur);
            let n = args.first().and_then(|a| argument_value(*a)).filter(|v| v.kind() == "integer_literal");
            let n = n.and_then(|v| text(v, src).parse().ok());
            let shown = format!("Take{}", text(field(cur, "arguments")?, src));
            return Some(Cap::Take(n, shown));
        }
        cur = strip_parens(receiver);
    }
    None
}

/// The leftmost identifier of `a.B().C`.
pub(super) fn root_identifier(node: Node) -> Option<Node> {
    let mut cur = strip_parens(node);
    loop {
        match cur.kind() {
            kinds::IDENTIFIER => return Some(cur),
            kinds::INVOCATION => cur = strip_parens(field(cur, "function")?),
            kinds::MEMBER_ACCESS => cur = strip_parens(field(cur, "expression")?),
            _ => return None,
        }
    }
}

pub(super) fn is_async_lambda(node: Node, src: &str) -> bool {
    let mut c = node.walk();
    let found =
        node.children(&mut c).any(|n| n.kind() == "async" || (n.kind() == kinds::MODIFIER && text(n, src) == "async"));
    found
}

/// `await` of `Task.WhenAll(...)`, directly or through `.ConfigureAwait(...)`; and whether that is `ConfigureAwait(false)`.
pub(super) fn awaited<'t>(anchor: Node<'t>, parents: &Parents<'t>, src: &str) -> Option<(Node<'t>, bool)> {
    let mut node = anchor;
    let mut parent = parents.of(node)?;
    while parent.kind() == "parenthesized_expression" {
        node = parent;
        parent = parents.of(parent)?;
    }
    if parent.kind() == kinds::AWAIT {
        return Some((parent, false));
    }
    if parent.kind() == kinds::MEMBER_ACCESS && field(parent, "expression").is_some_and(|e| e.id() == node.id()) {
        let invocation = parents.of(parent).filter(|i| i.kind() == kinds::INVOCATION)?;
        let (_, name, _) = member_call(invocation, src)?;
        if name != "ConfigureAwait" {
            return None;
        }
        let arg = arguments(invocation).first().and_then(|a| argument_value(*a)).map(|v| text(v, src));
        let await_node = parents.of(invocation).filter(|a| a.kind() == kinds::AWAIT)?;
        return Some((await_node, arg == Some("false")));
    }
    None
}

/// The statement around `node` that sits directly in a block (or is a top-level statement).
pub(super) fn statement_in_block<'t>(node: Node<'t>, parents: &Parents<'t>) -> Option<Node<'t>> {
    let mut cur = node;
    loop {
        let parent = parents.of(cur)?;
        match parent.kind() {
            kinds::BLOCK => return Some(cur),
            "global_statement" => return Some(parent),
            _ if facts::function_kind(parent).is_some() => return None,
            _ => cur = parent,
        }
    }
}

/// The ancestor of `node` (or `node`) that is a direct child of `container`, within one function.
pub(super) fn child_ancestor<'t>(node: Node<'t>, container: Node<'t>, parents: &Parents<'t>) -> Option<Node<'t>> {
    let mut cur = node;
    loop {
        let parent = parents.of(cur)?;
        if parent.id() == container.id() {
            return Some(cur);
        }
        if facts::function_kind(parent).is_some() {
            return None;
        }
        cur = parent;
    }
}

/// The local `name` declared before `anchor` in a block around it (within the same function).
pub(super) fn find_local<'t>(
    anchor: Node<'t>,
    name: &str,
    src: &str,
    parents: &Parents<'t>,
) -> Option<(Node<'t>, Node<'t>)> {
    let mut cur = anchor;
    while let Some(parent) = parents.of(cur) {
        if matches!(parent.kind(), kinds::BLOCK | "compilation_unit") {
            let mut best = None;
            for child in named_children(parent) {
                if child.end_byte() > cur.start_byte() {
                    break;
                }
                let statement = if child.kind() == "global_statement" { child.named_child(0) } else { Some(child) };
                let Some(statement) = statement.filter(|s| s.kind() == "local_declaration_statement") else { continue };
                for decl in named_children(statement).into_iter().filter(|d| d.kind() == kinds::VARIABLE_DECLARATION) {
                    for v in named_children(decl).into_iter().filter(|v| v.kind() == kinds::VARIABLE_DECLARATOR) {
                        if field(v, "name").is_some_and(|n| text(n, src) == name) {
                            best = Some((child, v));
                        }
                    }
                }
            }
            if best.is_some() {
                return best;
            }
        }
        if facts::function_kind(parent).is_some() {
            return None;
        }
        cur = parent;
    }
    None
}

/// The innermost loop around `node` below `container`.
pub(super) fn enclosing_loop<'t>(node: Node<'t>, container: Node<'t>, parents: &Parents<'t>) -> Option<Node<'t>> {
    let mut cur = parents.of(node);
    while let Some(n) = cur {
        if n.id() == container.id() || facts::function_kind(n).is_some() {
            return None;
        }
        if matches!(n.kind(), "foreach_statement" | "for_statement" | "while_statement" | "do_statement") {
            return Some(n);
        }
        cur = parents.of(n);
    }
    None
}

/// The outermost member (method, accessor ...) around `node`; the whole file for top-level statements.
pub(super) fn outermost_member<'t>(node: Node<'t>, parents: &Parents<'t>) -> Node<'t> {
    let mut best = None;
    let mut cur = parents.of(node);
    let mut root = node;
    while let Some(n) = cur {
        if facts::function_kind(n).is_some() {
            best = Some(n);
        }
        root = n;
        cur = parents.of(n);
    }
    best.unwrap_or(root)
}

/// Whether a block returns a value (`return x;`) itself, not in nested functions.
pub(super) fn returns_value(block: Node) -> bool {
    let mut stack = vec![block];
    while let Some(n) = stack.pop() {
        if n.kind() == kinds::RETURN && n.named_child(0).is_some_and(|e| e.kind() != "comment") {
            return true;
        }
        if n.id() != block.id() && facts::function_kind(n).is_some() {
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}

pub(super) fn is_statement_expression(e: Node) -> bool {
    matches!(
        e.kind(),
        kinds::INVOCATION
            | kinds::AWAIT
            | kinds::ASSIGNMENT
            | "postfix_unary_expression"
            | "prefix_unary_expression"
            | "object_creation_expression"
    )
}

/// `await e` / `e.ConfigureAwait(false)` need `(e)`.
pub(super) fn needs_parens(e: Node) -> bool {
    !matches!(
        e.kind(),
        kinds::INVOCATION
            | kinds::MEMBER_ACCESS
            | kinds::IDENTIFIER
            | "element_access_expression"
            | "parenthesized_expression"
            | "object_creation_expression"
            | "generic_name"
            | "this_expression"
    )
}

/// Why `await` cannot go at `node` (inside its function), if it cannot.
pub(super) fn await_blocker<'t>(node: Node<'t>, parents: &Parents<'t>) -> Option<Context> {
    let mut cur = parents.of(node);
    while let Some(n) = cur {
        if facts::function_kind(n).is_some() {
            return None;
        }
        match n.kind() {
            kinds::LOCK => return Some(Context::Lock),
            kinds::QUERY => return Some(Context::Query),
            kinds::UNSAFE => return Some(Context::Unsafe),
            _ => {}
        }
        cur = parents.of(n);
    }
    None
}

pub(super) fn identifiers(node: Node, src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == kinds::IDENTIFIER {
            out.insert(text(n, src).to_string());
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out
}

/// Names assigned (`x = `, `x += `, `x++`, `ref x`, `out x`) anywhere in `node`.
pub(super) fn assigned_names(node: Node, src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let target = match n.kind() {
            kinds::ASSIGNMENT => field(n, "left"),
            "postfix_unary_expression" | "prefix_unary_expression" => {
                let t = text(n, src);
                if t.starts_with("++") || t.starts_with("--") || t.ends_with("++") || t.ends_with("--") {
                    n.named_child(0)
                } else {
                    None
                }
            }
            kinds::ARGUMENT => {
                let t = text(n, src);
                if t.starts_with("ref ") || t.starts_with("out ") {
                    argument_value(n)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(t) = target.map(strip_parens).filter(|t| t.kind() == kinds::IDENTIFIER) {
            out.insert(text(t, src).to_string());
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out
}

/// Locals a statement declares into its block (over-approximated: any declarator or pattern
/// outside nested blocks and functions).
pub(super) fn declared_names(node: Node, src: &str, out: &mut BTreeSet<String>) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.id() != node.id() && (n.kind() == kinds::BLOCK || facts::function_kind(n).is_some()) {
            continue;
        }
        if matches!(n.kind(), kinds::VARIABLE_DECLARATOR | "declaration_expression" | "declaration_pattern") {
            if let Some(name) = field(n, "name") {
                out.insert(text(name, src).to_string());
            }
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
}
