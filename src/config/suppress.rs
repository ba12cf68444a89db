//! Suppressions written in the code: asyncmod's own comments (`// asyncmod-disable-next-line`,
//! `// asyncmod-disable-line`, `// asyncmod-disable` … `// asyncmod-restore`), `#pragma warning disable/restore`
//! of the analyzer rules asyncmod stands in for (`analyzers::TABLE`), and the ids a `[SuppressMessage]` names.
//! Only the text is read here; which sites a suppression covers is the engine's business.

use std::ops::Range;

use super::analyzers;

/// What a suppression names: a transform (`sync-over-async`) or a stable code (`ASYNC001`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Transform(String),
    Code(String),
}

/// The findings a suppression covers: those of the transforms it names, and those whose finding code or reason
/// code it names. Nothing named: every finding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    pub targets: Vec<Target>,
}

impl Selector {
    pub fn all() -> Selector {
        Selector::default()
    }

    pub fn transform(id: &str) -> Selector {
        Selector { targets: vec![Target::Transform(id.to_string())] }
    }

    /// Whether a finding of `transform` with these codes (its finding code, its reason code) is covered.
    pub fn covers(&self, transform: &str, codes: &[&str]) -> bool {
        self.targets.is_empty()
            || self.targets.iter().any(|t| match t {
                Target::Transform(id) => id == transform,
                Target::Code(code) => codes.iter().any(|c| c.eq_ignore_ascii_case(code)),
            })
    }

    /// Whether changes planned by `transform` must keep out of the covered code. A suppression that names only
    /// codes keeps every transform out: a code does not say which transform's chain could reach the line.
    pub fn keeps_out(&self, transform: &str) -> bool {
        self.targets.is_empty()
            || self.targets.iter().any(|t| matches!(t, Target::Code(_)))
            || self.targets.iter().any(|t| matches!(t, Target::Transform(id) if id == transform))
    }

    /// The transforms it names, `None` when it keeps every transform out (`keeps_out`).
    pub fn transforms_kept_out(&self) -> Option<Vec<&str>> {
        if self.targets.is_empty() || self.targets.iter().any(|t| matches!(t, Target::Code(_))) {
            return None;
        }
        Some(
            self.targets
                .iter()
                .filter_map(|t| match t {
                    Target::Transform(id) => Some(id.as_str()),
                    Target::Code(_) => None,
                })
                .collect(),
        )
    }
}

/// Where a suppression comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `// asyncmod-disable…`: reported when it suppresses nothing (`--report-unused-suppressions`).
    Comment,
    Pragma,
    Attribute,
    EditorConfig,
    Config,
    Review,
}

/// One suppression of a file: what it covers, where, and how to name it in a report.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub selector: Selector,
    /// Bytes of the file it covers, whole lines; `0..usize::MAX` for the whole file.
    pub range: Range<usize>,
    pub kind: Kind,
    /// "`// asyncmod-disable-next-line` on line 12".
    pub how: String,
    /// Where the comment itself is (for a report that it is unused).
    pub at: Range<usize>,
}

/// An id in a suppression that names neither a transform nor a code asyncmod knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownId {
    pub id: String,
    pub line: usize,
}

/// The byte ranges of each line (with its line break).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        out.push(at..at + line.len());
        at += line.len();
    }
    out
}

/// Parses the ids after a directive: comma- or space-separated, up to `--` (the why, as in ESLint).
fn parse_ids(rest: &str, known_transform: &dyn Fn(&str) -> bool) -> (Selector, Vec<String>) {
    let rest = rest.split("--").next().unwrap_or("");
    let mut targets = Vec::new();
    let mut unknown = Vec::new();
    for id in rest.split([',', ' ', '\t', '\r']).map(str::trim).filter(|s| !s.is_empty()) {
        if analyzers::is_own_code(id) {
            targets.push(Target::Code(id.to_ascii_uppercase()));
        } else if known_transform(id) {
            targets.push(Target::Transform(id.to_string()));
        } else if !analyzers::transforms_for(id).is_empty() {
            targets.extend(analyzers::transforms_for(id).into_iter().map(|t| Target::Transform(t.to_string())));
        } else {
            unknown.push(id.to_string());
        }
    }
    (Selector { targets }, unknown)
}

/// The asyncmod comments and the pragmas of a file. `known_transform` says which ids are transforms.
pub fn scan(text: &str, known_transform: &dyn Fn(&str) -> bool) -> (Vec<Suppression>, Vec<UnknownId>) {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    let has_comment = text.contains("asyncmod-");
    let has_pragma = text.contains("#pragma");
    if !has_comment && !has_pragma {
        return (out, unknown);
    }
    let lines = lines(text);
    // Open ranges: (selector, start offset, how, where the comment is).
    let mut open: Vec<(Selector, usize, String, Range<usize>)> = Vec::new();
    let mut open_pragmas: Vec<(Selector, usize, String, Vec<String>)> = Vec::new();
    for (n, range) in lines.iter().enumerate() {
        let line = &text[range.clone()];
        let number = n + 1;
        if has_pragma {
            if let Some(rest) = line.trim_start().strip_prefix("#pragma") {
                pragma(rest, number, range.start, &mut open_pragmas, &mut out, range.clone());
            }
        }
        if !has_comment {
            continue;
        }
        let Some(at) = line.find("//") else { continue };
        let comment = line[at + 2..].trim_start();
        let Some(directive) = comment.strip_prefix("asyncmod-") else { continue };
        let word_end = directive.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(directive.len());
        let (word, rest) = directive.split_at(word_end);
        let comment_at = range.start + at..range.start + line.trim_end().len();
        let (selector, bad) = parse_ids(rest, known_transform);
        unknown.extend(bad.into_iter().map(|id| UnknownId { id, line: number }));
        let how = format!("`// asyncmod-{word}` on line {number}");
        match word {
            "disable-next-line" => {
                if let Some(next) = lines.get(n + 1) {
                    out.push(Suppression { selector, range: next.clone(), kind: Kind::Comment, how, at: comment_at });
                }
            }
            "disable-line" => {
                out.push(Suppression { selector, range: range.clone(), kind: Kind::Comment, how, at: comment_at })
            }
            "disable" => open.push((selector, range.start, how, comment_at)),
            "restore" => {
                let mut i = 0;
                while i < open.len() {
                    let closes = selector.targets.is_empty()
                        || open[i].0.targets.iter().any(|t| selector.targets.contains(t))
                        || open[i].0.targets.is_empty();
                    if closes {
                        let (sel, start, how, at) = open.remove(i);
                        out.push(Suppression { selector: sel, range: start..range.end, kind: Kind::Comment, how, at });
                    } else {
                        i += 1;
                    }
                }
            }
            _ => unknown.push(UnknownId { id: format!("asyncmod-{word}"), line: number }),
        }
    }
    for (selector, start, how, at) in open {
        out.push(Suppression { selector, range: start..text.len(), kind: Kind::Comment, how, at });
    }
    for (selector, start, how, _) in open_pragmas {
        out.push(Suppression { selector, range: start..text.len(), kind: Kind::Pragma, how, at: start..start });
    }
    (out, unknown)
}

/// `#pragma warning disable|restore [ids]`: ranges for the ids asyncmod maps (its codes, the analyzer rules of
/// `analyzers::TABLE`); a bare `disable` silences every warning, so it covers every transform.
fn pragma(
    rest: &str,
    number: usize,
    line_start: usize,
    open: &mut Vec<(Selector, usize, String, Vec<String>)>,
    out: &mut Vec<Suppression>,
    line: Range<usize>,
) {
    let rest = rest.split("//").next().unwrap_or("");
    let mut words = rest.split_whitespace();
    if words.next() != Some("warning") {
        return;
    }
    let disable = match words.next() {
        Some("disable") => true,
        Some("restore") => false,
        _ => return,
    };
    let listed: Vec<String> = words.flat_map(|w| w.split(',')).filter(|w| !w.is_empty()).map(String::from).collect();
    if disable {
        let mut targets = Vec::new();
        let mut named = Vec::new();
        for id in &listed {
            if analyzers::is_own_code(id) {
                targets.push(Target::Code(id.to_ascii_uppercase()));
                named.push(id.clone());
            } else if !analyzers::transforms_for(id).is_empty() {
                targets.extend(analyzers::transforms_for(id).into_iter().map(|t| Target::Transform(t.to_string())));
                named.push(id.clone());
            }
        }
        if listed.is_empty() || !targets.is_empty() {
            let shown = if listed.is_empty() { String::new() } else { format!(" {}", named.join(", ")) };
            let how = format!("`#pragma warning disable{shown}` on line {number}");
            open.push((Selector { targets }, line_start, how, named));
        }
        return;
    }
    let mut i = 0;
    while i < open.len() {
        let closes = listed.is_empty() || open[i].3.iter().any(|id| listed.iter().any(|l| l.eq_ignore_ascii_case(id)));
        if closes {
            let (selector, start, how, _) = open.remove(i);
            out.push(Suppression { selector, range: start..line.end, kind: Kind::Pragma, how, at: start..start });
        } else {
            i += 1;
        }
    }
}

/// The rule ids the `[SuppressMessage(...)]` attributes in `text` name (the second argument, before its `:`),
/// with `Target = "..."` when one is given: `[SuppressMessage("Usage", "VSTHRD002:Avoid waits")]`.
pub fn suppress_message_ids(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("SuppressMessage").map(|i| from + i) {
        from = i + "SuppressMessage".len();
        let args = &text[from..];
        let args = args.strip_prefix("Attribute").unwrap_or(args);
        let Some(inside) = args.trim_start().strip_prefix('(') else { continue };
        let close = inside.find(")]").or_else(|| inside.find(')')).unwrap_or(inside.len());
        let inside = &inside[..close];
        let quoted: Vec<&str> = inside.split('"').skip(1).step_by(2).collect();
        let Some(rule) = quoted.get(1) else { continue };
        let id = rule.split(':').next().unwrap_or("").trim().to_string();
        let target = inside.find("Target").and_then(|t| inside[t..].split('"').nth(1)).map(String::from);
        out.push((id, target));
    }
    out
}

/// The selector for the ids of `[SuppressMessage]` attributes that asyncmod maps, if any.
pub fn selector_for_rules(ids: &[&str]) -> Option<(Selector, Vec<String>)> {
    let mut targets = Vec::new();
    let mut named = Vec::new();
    for id in ids {
        if analyzers::is_own_code(id) {
            targets.push(Target::Code(id.to_ascii_uppercase()));
        } else if !analyzers::transforms_for(id).is_empty() {
            targets.extend(analyzers::transforms_for(id).into_iter().map(|t| Target::Transform(t.to_string())));
        } else {
            continue;
        }
        named.push(id.to_string());
    }
    (!targets.is_empty()).then_some((Selector { targets }, named))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str) -> bool {
        matches!(id, "sync-over-async" | "async-void" | "bounded-fanout" | "cancellation-token")
    }

    #[test]
    fn comments_cover_the_next_line_their_own_line_and_ranges() {
        let text = "Alpha\n// asyncmod-disable-next-line sync-over-async, ASYNC121 -- legacy\nBravo\nCharlie // asyncmod-disable-line\n\
                    // asyncmod-disable async-void\nDelta\n// asyncmod-restore async-void\nEcho\n";
        let (s, unknown) = scan(text, &known);
        assert!(unknown.is_empty(), "{unknown:?}");
        let covered = |what: &str| -> Vec<String> {
            let at = text.find(what).unwrap();
            s.iter().filter(|x| x.range.contains(&at)).map(|x| x.how.clone()).collect()
        };
        assert_eq!(covered("Bravo"), ["`// asyncmod-disable-next-line` on line 2"]);
        assert_eq!(
            s[0].selector.targets,
            [Target::Transform("sync-over-async".into()), Target::Code("ASYNC121".into())]
        );
        assert_eq!(covered("Charlie"), ["`// asyncmod-disable-line` on line 4"]);
        assert_eq!(covered("Delta"), ["`// asyncmod-disable` on line 5"]);
        assert!(covered("Echo").is_empty());
        assert!(covered("Alpha").is_empty());
    }

    #[test]
    fn unknown_ids_are_named() {
        let (_, unknown) = scan("// asyncmod-disable-next-line sync-over-asnyc\nx\n", &known);
        assert_eq!(unknown, [UnknownId { id: "sync-over-asnyc".into(), line: 1 }]);
    }

    #[test]
    fn pragmas_map_analyzer_rules() {
        let text =
            "#pragma warning disable VSTHRD002, CS1998 // waits on purpose\nx\n#pragma warning restore VSTHRD002\ny\n\
                    #pragma warning disable CS0618\nz\n";
        let (s, _) = scan(text, &known);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(s[0].range.contains(&text.find('x').unwrap()) && !s[0].range.contains(&text.find('y').unwrap()));
        assert_eq!(s[0].selector, Selector::transform("sync-over-async"));
        assert_eq!(s[0].how, "`#pragma warning disable VSTHRD002` on line 1");
    }

    #[test]
    fn suppress_message_names_its_rule() {
        let text = r#"[assembly: SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Scope = "member", Target = "~M:Shop.Repo.Count")]"#;
        assert_eq!(suppress_message_ids(text), [("VSTHRD002".to_string(), Some("~M:Shop.Repo.Count".to_string()))]);
        let (sel, named) = selector_for_rules(&["VSTHRD002", "IDE0060"]).unwrap();
        assert_eq!(sel, Selector::transform("sync-over-async"));
        assert_eq!(named, ["VSTHRD002"]);
    }

    #[test]
    fn selectors_cover_by_transform_or_code() {
        let s = Selector { targets: vec![Target::Code("ASYNC121".into())] };
        assert!(s.covers("sync-over-async", &["ASYNC001", "ASYNC121"]));
        assert!(!s.covers("sync-over-async", &["ASYNC001"]));
        assert!(s.keeps_out("async-void"));
        assert!(Selector::transform("async-void").keeps_out("async-void"));
        assert!(!Selector::transform("async-void").keeps_out("sync-over-async"));
    }
}
