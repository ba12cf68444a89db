//! What the code says about its own intent: analyzer warnings it suppresses (`#pragma warning disable`,
//! `[SuppressMessage]`) and members it marks `[Obsolete]`. A blocking wait under a suppression of the analyzer
//! rule that flags it was kept on purpose, and code marked obsolete is on its way out: both are left as they are.

use std::ops::Range;

use crate::index::facts::FileFacts;

/// Analyzer rules that flag a blocking wait on a task (or a blocking call where an async one exists): Visual
/// Studio threading (VSTHRD002, VSTHRD103), .NET (CA1849), Meziantou (MA0042, MA0045), AsyncFixer (AsyncFixer02).
pub const BLOCKING_WAIT_RULES: &[&str] = &["VSTHRD002", "VSTHRD103", "CA1849", "MA0042", "MA0045", "AsyncFixer02"];

/// Analyzer rules that flag `async void` methods and lambdas: VSTHRD100, VSTHRD101, AsyncFixer03.
pub const ASYNC_VOID_RULES: &[&str] = &["VSTHRD100", "VSTHRD101", "AsyncFixer03"];

/// Analyzer rules that flag a cancellation token not passed on: CA2016, MA0040.
pub const TOKEN_RULES: &[&str] = &["CA2016", "MA0040"];

/// The `#pragma warning disable` / `restore` lines of a file, in order.
#[derive(Clone, Debug, Default)]
pub struct Pragmas {
    /// (offset of the line, disable?, the rules named; empty for all warnings, line number).
    lines: Vec<(usize, bool, Vec<String>, usize)>,
}

impl Pragmas {
    pub fn of(text: &str) -> Pragmas {
        let mut lines = Vec::new();
        if !text.contains("#pragma") {
            return Pragmas { lines };
        }
        let mut offset = 0;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let at = offset;
            offset += line.len();
            let Some(rest) = line.trim_start().strip_prefix("#pragma") else { continue };
            let mut words = rest.split_whitespace();
            if words.next() != Some("warning") {
                continue;
            }
            let disable = match words.next() {
                Some("disable") => true,
                Some("restore") => false,
                _ => continue,
            };
            // The rules, up to a trailing comment: `#pragma warning disable VSTHRD002, CA1849 // why`.
            let listed = rest.split("//").next().unwrap_or("");
            let listed = listed.trim_start().trim_start_matches("warning").trim_start();
            let listed = listed.strip_prefix(if disable { "disable" } else { "restore" }).unwrap_or("");
            let rules: Vec<String> =
                listed.split([',', ' ', '\t', '\r', '\n']).filter(|r| !r.is_empty()).map(str::to_string).collect();
            lines.push((at, disable, rules, number + 1));
        }
        Pragmas { lines }
    }

    /// The `#pragma warning disable` in force at `offset` that silences one of `rules` (or every warning),
    /// described for a reason: "`#pragma warning disable VSTHRD002` on line 12".
    pub fn silencing(&self, offset: usize, rules: &[&str]) -> Option<String> {
        let mut in_force: Option<(String, usize)> = None;
        for (_, disable, listed, line) in self.lines.iter().take_while(|(at, ..)| *at < offset) {
            let hits: Vec<&String> =
                listed.iter().filter(|r| rules.iter().any(|x| r.eq_ignore_ascii_case(x))).collect();
            if *disable {
                if listed.is_empty() {
                    in_force = Some(("`#pragma warning disable`".to_string(), *line));
                } else if let Some(rule) = hits.first() {
                    in_force = Some((format!("`#pragma warning disable {rule}`"), *line));
                }
            } else if listed.is_empty() || !hits.is_empty() {
                in_force = None;
            }
        }
        in_force.map(|(what, line)| format!("{what} on line {line}"))
    }
}

/// The rule of `rules` that a `[SuppressMessage(...)]` written in `text[range]` (a declaration's attributes)
/// names: `[SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "...")]`.
pub fn suppress_message(text: &str, range: Range<usize>, rules: &[&str]) -> Option<String> {
    let head = text.get(range)?;
    let mut from = 0;
    while let Some(i) = head[from..].find("SuppressMessage").map(|i| from + i) {
        from = i + "SuppressMessage".len();
        let args = &head[from..];
        let Some(open) = args.find('(') else { continue };
        if !args[..open].trim().is_empty() && args[..open].trim() != "Attribute" {
            continue;
        }
        let close = args[open..].find(')').map_or(args.len(), |c| open + c);
        let inside = &args[open..close];
        // The rule is the second argument, its id before a `:`.
        for quoted in inside.split('"').skip(1).step_by(2) {
            let id = quoted.split(':').next().unwrap_or("").trim();
            if let Some(rule) = rules.iter().find(|r| r.eq_ignore_ascii_case(id)) {
                return Some(format!("`[SuppressMessage(\"…\", \"{rule}\")]`"));
            }
        }
    }
    None
}

/// Whether an attribute list (names without the `Attribute` suffix) marks a member obsolete.
pub fn marks_obsolete(attributes: &[crate::atom::Atom]) -> bool {
    attributes.iter().any(|a| a == "Obsolete")
}

/// Why the code at `range` in a file is deliberately left as it is, with respect to the analyzer `rules` that
/// would flag it: a `#pragma warning disable` in force there, a `[SuppressMessage]` on the function around it
/// or on a type around that, or `[Obsolete]` on either.
pub fn stated_intent(
    text: &str,
    facts: &FileFacts,
    pragmas: &Pragmas,
    range: &Range<usize>,
    rules: &[&str],
) -> Option<crate::model::Reason> {
    use crate::model::Reason;
    if let Some(how) = pragmas.silencing(range.start, rules) {
        return Some(Reason::Suppressed { how });
    }
    let mut function = facts.function_at(range);
    while let Some(i) = function {
        let f = &facts.functions[i as usize];
        if f.is_method_like() || matches!(f.kind, crate::index::facts::FunctionKind::Accessor) {
            if let Some(how) = suppress_message(text, f.head_range(), rules) {
                return Some(Reason::Suppressed { how });
            }
            if marks_obsolete(&f.attributes) {
                return Some(Reason::Obsolete { member: f.name.to_string() });
            }
        }
        function = f.parent;
    }
    for t in facts.types.iter().filter(|t| t.range.start <= range.start && range.end <= t.range.end) {
        let head_end = text.get(t.range.clone()).and_then(|s| s.find('{')).map_or(t.range.end, |i| t.range.start + i);
        if let Some(how) = suppress_message(text, t.range.start..head_end, rules) {
            return Some(Reason::Suppressed { how });
        }
        if marks_obsolete(&t.attributes) {
            return Some(Reason::Obsolete { member: t.name.to_string() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_disable_and_restore_by_rule() {
        let text =
            "a\n#pragma warning disable VSTHRD002 // waits on purpose\nb\n#pragma warning restore VSTHRD002\nc\n";
        let p = Pragmas::of(text);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(p.silencing(at("a"), BLOCKING_WAIT_RULES), None);
        assert_eq!(
            p.silencing(at("b"), BLOCKING_WAIT_RULES).as_deref(),
            Some("`#pragma warning disable VSTHRD002` on line 2")
        );
        assert_eq!(p.silencing(at("c"), BLOCKING_WAIT_RULES), None);
        assert_eq!(p.silencing(at("b"), ASYNC_VOID_RULES), None);
    }

    #[test]
    fn a_bare_disable_silences_everything_and_other_rules_do_not_count() {
        let text = "#pragma warning disable CS1998, VSTHRD100\nx\n#pragma warning disable\ny\n";
        let p = Pragmas::of(text);
        assert_eq!(p.silencing(text.find('x').unwrap(), BLOCKING_WAIT_RULES), None);
        assert!(p.silencing(text.find('x').unwrap(), ASYNC_VOID_RULES).is_some());
        assert!(p.silencing(text.find('y').unwrap(), BLOCKING_WAIT_RULES).is_some());
    }

    #[test]
    fn suppress_message_names_the_rule_in_its_second_argument() {
        let head =
            r#"[SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "x")]"#;
        assert!(suppress_message(head, 0..head.len(), BLOCKING_WAIT_RULES).is_some());
        assert!(suppress_message(head, 0..head.len(), ASYNC_VOID_RULES).is_none());
        let other = r#"[SuppressMessageAttribute("Style", "IDE0060")]"#;
        assert!(suppress_message(other, 0..other.len(), BLOCKING_WAIT_RULES).is_none());
    }
}
