//! Whether the end of a block can be reached, as far as the syntax alone decides it.
//!
//! A `void` method that becomes a non-async `Task` method must `return` a task on every path, including the one
//! that runs off the end of its body. Adding that `return` where the end cannot be reached is warning CS0162
//! (an error under `TreatWarningsAsErrors`), and leaving it out where it can is error CS0161. So the answer is
//! three-valued: yes, no, or "cannot tell from the syntax" (a loop whose condition may be a constant, a
//! `switch`, a label), and the caller does something else when it cannot tell.

use tree_sitter::Node;

use super::kinds;

/// `Some(true)` when control can run off the end of `block`, `Some(false)` when it cannot, `None` when the
/// syntax does not tell.
pub fn end_reachable(block: Node) -> Option<bool> {
    terminates(block).map(|t| !t)
}

/// Whether `statement` never completes normally (it always returns or throws).
fn terminates(statement: Node) -> Option<bool> {
    match statement.kind() {
        kinds::RETURN | "throw_statement" => Some(true),
        kinds::BLOCK => match last_statement(statement) {
            Some(last) => terminates(last),
            None => Some(false),
        },
        "if_statement" => {
            let consequence = statement.child_by_field_name("consequence")?;
            let Some(alternative) = statement.child_by_field_name("alternative") else {
                // The condition may be false: the statement after the `if` is reached. (A constant `true`
                // condition is not worth telling apart: `if (true)` does not survive code review.)
                return Some(false);
            };
            Some(terminates(consequence)? && terminates(alternative)?)
        }
        "try_statement" => {
            let mut children = statement.walk();
            let parts: Vec<Node> = statement.named_children(&mut children).collect();
            let finally = parts.iter().find(|n| n.kind() == "finally_clause");
            if let Some(block) = finally.and_then(|f| f.named_child(0)) {
                if terminates(block)? {
                    return Some(true);
                }
            }
            let body = statement.child_by_field_name("body")?;
            let mut all = terminates(body)?;
            for catch in parts.iter().filter(|n| n.kind() == kinds::CATCH_CLAUSE) {
                all &= terminates(catch.child_by_field_name("body")?)?;
            }
            Some(all)
        }
        // The body decides; a `using`/`lock`/`fixed` adds no path of its own.
        "lock_statement" | "using_statement" | "fixed_statement" | "checked_statement" | kinds::UNSAFE => {
            let mut children = statement.walk();
            let body = statement.named_children(&mut children).filter(|n| is_statement(*n)).last()?;
            terminates(body)
        }
        // Loops (a constant condition makes their end unreachable), `switch`, jumps and labels: not decided here.
        "while_statement"
        | "do_statement"
        | "for_statement"
        | "switch_statement"
        | "goto_statement"
        | "labeled_statement"
        | "break_statement"
        | "continue_statement"
        | kinds::YIELD => None,
        // `foreach` ends when the collection does; declarations and expressions complete normally.
        "foreach_statement" | kinds::EXPRESSION_STATEMENT | "local_declaration_statement" | "empty_statement" => {
            Some(false)
        }
        _ => None,
    }
}

/// The last statement of a block that takes part in its control flow: comments, directives, local functions
/// and empty statements (`return;;`) do not.
fn last_statement(block: Node) -> Option<Node> {
    let mut children = block.walk();
    let statements: Vec<Node> = block
        .named_children(&mut children)
        .filter(|n| is_statement(*n) && n.kind() != kinds::LOCAL_FUNCTION && n.kind() != "empty_statement")
        .collect();
    statements.last().copied()
}

fn is_statement(n: Node) -> bool {
    n.kind().ends_with("_statement") || n.kind() == kinds::BLOCK
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer for the body of `void M() { <body> }`.
    fn reach(body: &str) -> Option<bool> {
        let text = format!("class C {{ void M() {{ {body}\n}} }}");
        let tree = crate::syntax::parse(&text);
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            if n.kind() == kinds::METHOD {
                return end_reachable(n.child_by_field_name("body").unwrap());
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        panic!("no method in {text}")
    }

    #[test]
    fn plain_statements_fall_off_the_end() {
        assert_eq!(reach(""), Some(true));
        assert_eq!(reach("Save(); var x = 1;"), Some(true));
        assert_eq!(reach("foreach (var x in xs) { return; }"), Some(true));
        assert_eq!(reach("if (a) return;"), Some(true));
        assert_eq!(reach("if (a) return; else Log();"), Some(true));
        assert_eq!(reach("Save(); // done"), Some(true));
        assert_eq!(reach("try { Save(); } catch (Exception) { throw; }"), Some(true));
        assert_eq!(reach("lock (o) { Save(); }"), Some(true));
    }

    #[test]
    fn returns_and_throws_on_every_path_do_not() {
        assert_eq!(reach("Save(); return;"), Some(false));
        assert_eq!(reach("throw new InvalidOperationException();"), Some(false));
        assert_eq!(reach("if (a) { return; } else { throw new X(); }"), Some(false));
        assert_eq!(reach("if (a) return; else if (b) return; else throw new X();"), Some(false));
        assert_eq!(reach("try { return; } catch (Exception) { throw; }"), Some(false));
        assert_eq!(reach("try { Save(); } finally { throw new X(); }"), Some(false));
        assert_eq!(reach("using (var s = Open()) { return; }"), Some(false));
        assert_eq!(reach("return; void Local() { }"), Some(false));
        assert_eq!(reach("{ { return; } }"), Some(false));
        assert_eq!(reach("return;;"), Some(false));
    }

    #[test]
    fn loops_switches_and_jumps_are_not_decided() {
        assert_eq!(reach("while (true) { Poll(); }"), None);
        assert_eq!(reach("for (;;) { }"), None);
        assert_eq!(reach("do { } while (Forever);"), None);
        assert_eq!(reach("switch (x) { default: return; }"), None);
        assert_eq!(reach("if (a) return; else while (true) { }"), None);
        assert_eq!(reach("end: Save();"), None);
    }
}
