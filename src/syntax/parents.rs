//! The parent of every node of a tree, found in one walk.
//!
//! For code that asks about the ancestors of nodes it reached by following fields and siblings, where no walk
//! carries the path (see `walk`). Building it visits the whole tree, so it pays once a file has enough
//! questions: build it lazily, when the first one comes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tree_sitter::Node;

use super::walk::{self, Path, Visitor};

pub struct Parents<'t> {
    /// Keyed by `Node::id`, which is unique within a tree.
    of: HashMap<usize, Node<'t>, BuildHasherDefault<IdHasher>>,
}

impl<'t> Parents<'t> {
    /// The parents of `root` and every node below it.
    pub fn new(root: Node<'t>) -> Parents<'t> {
        struct Record<'m, 't>(&'m mut HashMap<usize, Node<'t>, BuildHasherDefault<IdHasher>>);
        impl<'t> Visitor<'t> for Record<'_, 't> {
            type State = ();
            fn enter(&mut self, node: Node<'t>, path: &Path<'_, 't, ()>) -> Option<()> {
                if let Some(parent) = path.ancestors().parent() {
                    self.0.insert(node.id(), parent);
                }
                Some(())
            }
        }
        let mut of = HashMap::default();
        walk::walk(root, &mut Record(&mut of));
        Parents { of }
    }

    /// The node's parent; `None` for the root (and for a node of another tree).
    pub fn of(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.of.get(&node.id()).copied()
    }
}

/// Node ids are addresses: distinct, never chosen by an attacker, and spread over their high bits after a
/// multiplication. SipHash's defence against collisions is not needed and would cost most of the build.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, id: usize) {
        self.0 = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        // hashbrown takes its control bits from the top and its bucket from the bottom: fold the well-mixed
        // high half into both.
        self.0 ^ (self.0 >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn agrees_with_tree_sitter() {
        let tree = parse("class C { async Task M() { await Task.WhenAll(xs.Select(async x => await F(x))); } }");
        let parents = Parents::new(tree.root_node());
        let mut stack = vec![tree.root_node()];
        let mut seen = 0;
        while let Some(node) = stack.pop() {
            assert_eq!(parents.of(node), node.parent(), "{}", node.kind());
            seen += 1;
            let mut c = node.walk();
            stack.extend(node.children(&mut c));
        }
        assert!(seen > 30);
    }
}
