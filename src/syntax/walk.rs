//! A depth-first walk over a tree with one cursor, keeping the path from the root.
//!
//! tree-sitter's `Node::parent` walks down from the root and scans the siblings at every level, so asking it
//! from every node costs time quadratic in the members of a class or the depth of an expression. A walk that
//! keeps the nodes it is inside of answers the same questions in constant time, and a single cursor moves from
//! node to node without the allocation `Node::walk` makes at each one. It is iterative: 10,000 levels of nesting
//! cost heap, not stack.

use tree_sitter::Node;

/// What a walk does at each node.
pub trait Visitor<'t> {
    /// What a node passes down to its descendants (flags of the context it opens, what to undo on leaving).
    type State;

    /// Looks at `node`, whose ancestors are `path`. Returns the state its descendants see, or `None` to skip them
    /// (then `leave` is not called for it).
    fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, Self::State>) -> Option<Self::State>;

    /// Called after all of the node's descendants.
    fn leave(&mut self, _node: Node<'t>, _state: Self::State) {}
}

/// Visits `root` and everything below it in source order (parents before children).
pub fn walk<'t, V: Visitor<'t>>(root: Node<'t>, visitor: &mut V) {
    let mut cursor = root.walk();
    let mut nodes: Vec<Node<'t>> = Vec::new();
    let mut states: Vec<V::State> = Vec::new();
    'nodes: loop {
        let node = cursor.node();
        if let Some(state) = visitor.enter(node, &Path { nodes: &nodes, states: &states }) {
            if cursor.goto_first_child() {
                nodes.push(node);
                states.push(state);
                continue;
            }
            visitor.leave(node, state);
        }
        // The next node in source order: a following sibling, or one of the nearest ancestor that has one.
        loop {
            if cursor.goto_next_sibling() {
                continue 'nodes;
            }
            if !cursor.goto_parent() {
                return;
            }
            let (Some(node), Some(state)) = (nodes.pop(), states.pop()) else {
                unreachable!("the cursor went up from a node the walk entered")
            };
            visitor.leave(node, state);
        }
    }
}

/// The nodes a walk is inside of, with the state each of them passed down.
pub struct Path<'p, 't, S> {
    /// Root first.
    nodes: &'p [Node<'t>],
    states: &'p [S],
}

impl<'p, 't, S> Path<'p, 't, S> {
    pub fn ancestors(&self) -> Ancestors<'p, 't> {
        Ancestors(self.nodes)
    }

    /// What the parent passed down (`None` at the node the walk started from).
    pub fn parent_state(&self) -> Option<&'p S> {
        self.states.last()
    }

    /// Number of ancestors.
    pub fn depth(&self) -> usize {
        self.nodes.len()
    }

    /// The ancestor at `depth` (0: where the walk started) and its state.
    pub fn at(&self, depth: usize) -> (Node<'t>, &'p S) {
        (self.nodes[depth], &self.states[depth])
    }
}

/// The ancestors of a node, as far up as the walk started.
#[derive(Clone, Copy)]
pub struct Ancestors<'p, 't>(&'p [Node<'t>]);

impl<'p, 't> Ancestors<'p, 't> {
    pub fn parent(self) -> Option<Node<'t>> {
        self.0.last().copied()
    }

    /// The `n`th ancestor: 0 is the parent, 1 the grandparent.
    pub fn nth(self, n: usize) -> Option<Node<'t>> {
        self.0.len().checked_sub(n + 1).map(|i| self.0[i])
    }

    /// Innermost first.
    pub fn iter(self) -> impl Iterator<Item = Node<'t>> + 'p {
        self.0.iter().rev().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    /// Records every node with its parent's kind, and the order of enters and leaves.
    struct Trace(Vec<String>);

    impl<'t> Visitor<'t> for Trace {
        type State = usize;
        fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, usize>) -> Option<usize> {
            let parent = path.ancestors().parent().map_or("-", |p| p.kind());
            assert_eq!(path.parent_state().copied().unwrap_or(0), path.depth());
            self.0.push(format!("+{}<{parent}", node.kind()));
            // Skipping a subtree: nothing below a parameter list is entered.
            (node.kind() != "parameter_list").then_some(path.depth() + 1)
        }
        fn leave(&mut self, node: Node<'t>, state: usize) {
            self.0.push(format!("-{}@{state}", node.kind()));
        }
    }

    #[test]
    fn enters_in_source_order_and_leaves_after_the_children() {
        let tree = parse("class C { void M(int a) { } }");
        let mut trace = Trace(Vec::new());
        walk(tree.root_node(), &mut trace);
        let expected = [
            "+compilation_unit<-",
            "+class_declaration<compilation_unit",
            "+class<class_declaration",
            "-class@3",
            "+identifier<class_declaration",
            "-identifier@3",
            "+declaration_list<class_declaration",
            "+{<declaration_list",
            "-{@4",
            "+method_declaration<declaration_list",
            "+predefined_type<method_declaration",
            "-predefined_type@5",
            "+identifier<method_declaration",
            "-identifier@5",
            "+parameter_list<method_declaration",
            "+block<method_declaration",
            "+{<block",
            "-{@6",
            "+}<block",
            "-}@6",
            "-block@5",
            "-method_declaration@4",
            "+}<declaration_list",
            "-}@4",
            "-declaration_list@3",
            "-class_declaration@2",
            "-compilation_unit@1",
        ];
        assert_eq!(trace.0, expected);
    }

    #[test]
    fn every_node_sees_the_same_parent_as_tree_sitter() {
        let tree = parse("class C { int P => F(x => (1 + x) * G(y: 2)); void M() { lock (o) { t.Wait(); } } }");
        struct Check;
        impl<'t> Visitor<'t> for Check {
            type State = ();
            fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
                assert_eq!(path.ancestors().parent(), node.parent());
                let grandparent = node.parent().and_then(|p| p.parent());
                assert_eq!(path.ancestors().nth(1), grandparent);
                assert_eq!(path.ancestors().iter().count(), path.depth());
                Some(())
            }
        }
        walk(tree.root_node(), &mut Check);
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let depth = 20_000;
        let text = format!("class C {{ int M() => {}0{}; }}", "(".repeat(depth), ")".repeat(depth));
        let tree = parse(&text);
        struct Deepest(usize);
        impl<'t> Visitor<'t> for Deepest {
            type State = ();
            fn enter(&mut self, _: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
                self.0 = self.0.max(path.depth());
                Some(())
            }
        }
        let mut deepest = Deepest(0);
        walk(tree.root_node(), &mut deepest);
        assert!(deepest.0 > depth, "{}", deepest.0);
    }
}
