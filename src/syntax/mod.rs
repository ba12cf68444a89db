//! tree-sitter plumbing: one parser per thread, node helpers, error counting.

pub mod allocator;
pub mod kinds;
pub mod mentions;
pub mod parents;
pub mod preprocessor;
pub mod reach;
pub mod recover;
pub mod walk;

use std::cell::RefCell;
use std::sync::OnceLock;

use tree_sitter::{Language, Node, Parser, Tree};

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_c_sharp::LANGUAGE.into())
            .expect("the bundled C# grammar matches the tree-sitter runtime");
        parser
    });
}

/// Parses C# text with this thread's parser.
pub fn parse(text: &str) -> Tree {
    PARSER.with(|p| {
        p.borrow_mut().parse(text, None).expect("parsing without a timeout or cancellation always yields a tree")
    })
}

/// Number of error regions (see [`error_ranges`]): the safety net compares it before and after a rewrite.
pub fn error_count(tree: &Tree) -> usize {
    error_ranges(tree).len()
}

/// Byte ranges of ERROR/MISSING regions, so edits can keep away from them.
///
/// Besides ERROR and MISSING nodes, a node that reports an error while none of its visible children does is a
/// region too: tree-sitter-c-sharp 0.23.5 hides some of them (a zero-width identifier it made up, the error inside
/// a `#pragma` it cannot read), and counting only the visible kinds would let a rewrite add such errors unseen.
pub fn error_ranges(tree: &Tree) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !tree.root_node().has_error() {
        return out;
    }
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            out.push(node.byte_range());
            continue;
        }
        let mut c = node.walk();
        let before = stack.len();
        stack.extend(node.children(&mut c).filter(|n| n.has_error()));
        if stack.len() == before {
            out.push(node.byte_range());
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out
}

/// The node's kind, as `Node::kind` gives it but cheaper: the binding checks that the grammar's name is UTF-8
/// on every call, and the walks over every node of every file ask millions of times. Names are looked up by
/// kind id once (ids of the same name share one public id, so the name is the same).
pub fn kind(node: Node) -> &'static str {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let language: Language = tree_sitter_c_sharp::LANGUAGE.into();
        (0..language.node_kind_count()).map(|id| language.node_kind_for_id(id as u16).unwrap_or_default()).collect()
    });
    // ERROR nodes have an id past the table.
    names.get(usize::from(node.kind_id())).copied().unwrap_or_else(|| node.kind())
}

pub fn text<'a>(node: Node, src: &'a str) -> &'a str {
    &src[node.byte_range()]
}

/// Bytes that continue an identifier (non-ASCII counts: it may be a letter).
pub fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The child in field `name`. The binding looks the field's id up by comparing `name` with every field name of
/// the grammar on each call; the walks ask for fields millions of times, so the ids are looked up once.
pub fn field<'t>(node: Node<'t>, name: &str) -> Option<Node<'t>> {
    static IDS: OnceLock<crate::hash::Map<&'static str, u16>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let language: Language = tree_sitter_c_sharp::LANGUAGE.into();
        (1..=language.field_count() as u16).filter_map(|id| Some((language.field_name_for_id(id)?, id))).collect()
    });
    // A name the grammar does not have names no child.
    ids.get(name).and_then(|id| node.child_by_field_id(*id))
}

pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut c = node.walk();
    node.named_children(&mut c).collect()
}

/// Modifier keywords (`public`, `async`, `ref` ...) directly on a declaration or parameter.
pub fn modifiers<'a>(node: Node, src: &'a str) -> Vec<&'a str> {
    let mut c = node.walk();
    node.children(&mut c).filter(|n| n.kind() == kinds::MODIFIER).map(|n| text(n, src)).collect()
}

pub fn has_modifier(node: Node, src: &str, word: &str) -> bool {
    let mut c = node.walk();
    let found = node.children(&mut c).any(|n| n.kind() == kinds::MODIFIER && text(n, src) == word);
    found
}

/// Attribute names on a declaration, without an `Attribute` suffix or namespace.
pub fn attribute_names(node: Node, src: &str) -> Vec<crate::atom::Atom> {
    let mut out = Vec::new();
    let mut c = node.walk();
    for list in node.children(&mut c).filter(|n| n.kind() == kinds::ATTRIBUTE_LIST) {
        let mut lc = list.walk();
        for attr in list.named_children(&mut lc).filter(|n| n.kind() == kinds::ATTRIBUTE) {
            if let Some(name) = field(attr, "name") {
                let full = text(name, src);
                let last = full.rsplit('.').next().unwrap_or(full);
                let last = last.split('<').next().unwrap_or(last);
                out.push(last.strip_suffix("Attribute").unwrap_or(last).into());
            }
        }
    }
    out
}

/// The simple name of a type as written (`System.Threading.Tasks.Task<int>?` → `Task`).
pub fn simple_type_name(type_text: &str) -> &str {
    let t = type_text.trim();
    let t = t.split('<').next().unwrap_or(t);
    let t = t.trim_end_matches('?').trim();
    let t = t.rsplit('.').next().unwrap_or(t);
    // After an alias qualifier (`global::Task`). By hand: a `str` pattern builds a substring searcher on every
    // call, and planning asks this of most type names it looks at.
    let bytes = t.as_bytes();
    (2..=bytes.len()).rev().find(|&end| &bytes[end - 2..end] == b"::").map_or(t, |end| &t[end..])
}

/// Leading whitespace of the line that holds `offset`.
pub fn line_indent(src: &str, offset: usize) -> &str {
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let rest = &src[start..];
    let end = rest.find(|c: char| c != ' ' && c != '\t').unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_errors_only_when_present() {
        assert_eq!(error_count(&parse("class A { void M() { } }")), 0);
        assert!(error_count(&parse("class A { void M() { ")) > 0);
    }

    #[test]
    fn fields_are_those_of_tree_sitter() {
        let src = "class A<T> : B { int f = 1; async Task<int> M(int a = 2) { var x = a?.b[0] ?? (int)c; return await N(x); } }";
        let tree = parse(src);
        let names = ["name", "type", "body", "parameters", "returns", "function", "arguments", "left", "value", "nope"];
        let mut stack = vec![tree.root_node()];
        let mut found = 0;
        while let Some(node) = stack.pop() {
            for name in names {
                assert_eq!(field(node, name), node.child_by_field_name(name), "{name} of {}", node.kind());
                found += usize::from(field(node, name).is_some());
            }
            stack.extend(named_children(node));
        }
        assert!(found > 10, "the sample has fields to find");
    }

    #[test]
    fn kinds_are_those_of_tree_sitter() {
        let src = "using X; class A<T> : B { int f = 1; void M() { var x = a?.b[0] ?? (int)c; lock (o) { } } } class {";
        let tree = parse(src);
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            assert_eq!(kind(node), node.kind());
            let mut c = node.walk();
            stack.extend(node.children(&mut c));
        }
    }

    #[test]
    fn simple_names() {
        assert_eq!(simple_type_name("System.Threading.Tasks.Task<int>?"), "Task");
        assert_eq!(simple_type_name("global::Foo.Bar"), "Bar");
        assert_eq!(simple_type_name("global::Foo"), "Foo");
        assert_eq!(simple_type_name("Alias::Foo<T>"), "Foo");
        assert_eq!(simple_type_name(":"), ":");
        assert_eq!(simple_type_name("::"), "");
    }
}
