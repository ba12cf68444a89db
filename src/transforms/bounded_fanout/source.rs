//! Is a fan-out worth bounding? Only a source that can plausibly be large is: a method's parameter or a
//! request's input, a query or repository result, a file or directory listing, a range of computed length.
//! Fan-outs over a handful of injected services, over tasks that are already running, in a branch whose whole
//! point is bulk concurrency, or in test code (a stress test) are deliberate or small, and left alone with the
//! reason.

use tree_sitter::Node;

use super::tree::*;
use crate::index::facts;
use crate::model::Reason;
use crate::syntax::parents::Parents;
use crate::syntax::{field, kinds, simple_type_name, text};
use crate::transforms::FileInput;

/// Names of things that come in small sets chosen at start-up: plugins, providers, services.
const COMPONENT_WORDS: &[&str] = &[
    "provider",
    "service",
    "handler",
    "validator",
    "plugin",
    "indexer",
    "listener",
    "subscriber",
    "observer",
    "notifier",
    "strategy",
    "processor",
    "exporter",
    "importer",
    "resolver",
    "engine",
    "sink",
];

/// Calls whose name says they read data (a query, a repository, an API): their result can be as large as the data.
const QUERY_WORDS: &[&str] =
    &["Get", "Find", "Query", "Search", "List", "Load", "Read", "Fetch", "Select", "Where", "Retrieve", "Enumerate"];

/// File system listings.
const LISTINGS: &[&str] = &[
    "GetFiles",
    "EnumerateFiles",
    "GetDirectories",
    "EnumerateDirectories",
    "GetFileSystemEntries",
    "EnumerateFileSystemEntries",
    "GetFileSystemInfos",
    "EnumerateFileSystemInfos",
];

/// LINQ steps that keep the source's size in the same order (or make it smaller, which says nothing).
const SAME_SOURCE: &[&str] = &[
    "Where",
    "Select",
    "SelectMany",
    "Distinct",
    "DistinctBy",
    "OrderBy",
    "OrderByDescending",
    "ThenBy",
    "ThenByDescending",
    "ToList",
    "ToArray",
    "ToHashSet",
    "AsEnumerable",
    "AsParallel",
    "Except",
    "ExceptBy",
    "Union",
    "Concat",
    "Cast",
    "OfType",
    "Reverse",
    "ToListAsync",
    "ToArrayAsync",
    "ConfigureAwait",
];

pub(super) struct SourceCx<'a, 't> {
    pub input: &'a FileInput<'t>,
    pub parents: &'a Parents<'t>,
    pub src: &'t str,
}

/// What a source is, as far as its size goes.
enum Size {
    /// Plausibly large (why, for nobody but the reader of this code: the rewrite's reason does not repeat it).
    Large,
    /// Not worth bounding, or not known to be large.
    Small(Reason),
}

impl<'t> SourceCx<'_, 't> {
    fn text(&self, n: Node<'t>) -> &'t str {
        text(n, self.src)
    }

    /// Why the fan-out at `anchor` over `source` (each item's work given by `work`, the selector's body or the
    /// added task) is left alone, if it is.
    pub fn leave_alone(&self, anchor: Node<'t>, source: Node<'t>, work: Option<Node<'t>>) -> Option<Reason> {
        if let Some(why) = self.deliberate_here(anchor) {
            return Some(why);
        }
        if let Some(why) = work.and_then(|w| self.already_started(w)).or_else(|| self.holds_tasks(anchor, source)) {
            return Some(Reason::TasksAlreadyStarted { why });
        }
        match self.size(anchor, source, 0) {
            Size::Large => None,
            Size::Small(why) => Some(why),
        }
    }

    /// Why running every item at once is deliberate where the fan-out at `anchor` stands, whatever its shape: test
    /// code, or the branch of a bulk mode.
    pub fn deliberate_here(&self, anchor: Node<'t>) -> Option<Reason> {
        if let Some(why) = self.in_test_code(anchor) {
            return Some(why);
        }
        self.bulk_branch(anchor).map(|flag| Reason::BulkBranch { flag })
    }

    /// Test methods (by attribute) and test projects: a test's concurrency is what it tests.
    fn in_test_code(&self, anchor: Node<'t>) -> Option<Reason> {
        if self.input.settings.holds_tests() {
            return Some(Reason::TestCode);
        }
        let facts = self.input.facts;
        let mut function = facts.function_at(&anchor.byte_range());
        while let Some(i) = function {
            let f = &facts.functions[i as usize];
            if f.attributes.iter().any(|a| crate::index::library::TEST_ATTRIBUTES.contains(&a.as_str())) {
                return Some(Reason::TestCode);
            }
            function = f.parent;
        }
        None
    }

    /// The flag of an `if (bulkEnabled)` whose branch holds the fan-out: a bulk or batch mode.
    fn bulk_branch(&self, anchor: Node<'t>) -> Option<String> {
        let mut cur = anchor;
        while let Some(parent) = self.parents.of(cur) {
            if facts::function_kind(parent).is_some() {
                return None;
            }
            if parent.kind() == "if_statement" && field(parent, "consequence").is_some_and(|c| c.id() == cur.id()) {
                let condition = field(parent, "condition")?;
                let mut stack = vec![condition];
                while let Some(n) = stack.pop() {
                    if n.kind() == kinds::IDENTIFIER {
                        let word = self.text(n).to_ascii_lowercase();
                        if word.contains("bulk") || word.contains("batch") {
                            return Some(self.text(n).to_string());
                        }
                    }
                    let mut c = n.walk();
                    stack.extend(n.children(&mut c));
                }
            }
            cur = parent;
        }
        None
    }

    /// Why each item's work is a task already running, if it is: the selector reads a task (`t => t.Task`,
    /// `x => x.Completion`) or passes items through (`t => t`), so nothing is started here.
    fn already_started(&self, work: Node<'t>) -> Option<String> {
        let mut read = strip_parens(work);
        // `async t => await t` and `await t.ConfigureAwait(false)` read the task too.
        if read.kind() == kinds::AWAIT {
            read = strip_parens(read.named_child(0)?);
        }
        if let Some((receiver, "ConfigureAwait", _)) = member_call(read, self.src) {
            read = strip_parens(receiver);
        }
        match read.kind() {
            kinds::MEMBER_ACCESS | kinds::IDENTIFIER => {
                Some(format!("each item's work is `{}`", one_line(self.text(work))))
            }
            _ => None,
        }
    }

    /// Why the source holds tasks already running, if it is declared so (`List<Task>`, `Task<int>[]`).
    fn holds_tasks(&self, anchor: Node<'t>, source: Node<'t>) -> Option<String> {
        let root = root_identifier(source)?;
        let name = self.text(root);
        let declared = match find_local(anchor, name, self.src, self.parents) {
            Some((statement, _)) => named_children(statement)
                .into_iter()
                .find(|d| d.kind() == kinds::VARIABLE_DECLARATION)
                .and_then(|d| field(d, "type"))
                .map(|t| self.text(t).to_string()),
            None => self.parameter_type(anchor, name),
        }?;
        let element = declared.trim().trim_end_matches("[]");
        let element = element.find('<').map_or(element, |i| &element[i + 1..]);
        (simple_type_name(element) == "Task" || element.starts_with("Task<") || element.starts_with("Task>"))
            .then(|| format!("`{name}` is declared as `{declared}`"))
    }

    fn size(&self, anchor: Node<'t>, source: Node<'t>, depth: usize) -> Size {
        let shown = || Reason::SourceNotKnownLarge { source: one_line(self.text(source)) };
        if depth > 16 {
            return Size::Small(shown());
        }
        let source = strip_parens(source);
        match source.kind() {
            kinds::AWAIT => match source.named_child(0) {
                Some(inner) => self.size(anchor, inner, depth + 1),
                None => Size::Small(shown()),
            },
            kinds::INVOCATION => self.call_size(anchor, source, depth),
            kinds::IDENTIFIER => self.name_size(anchor, source, depth),
            kinds::MEMBER_ACCESS => {
                // `request.Ids`, `query.Items`: a request's input is as large as the caller makes it.
                // A member of a query's result (`(await GetRequirementAsync()).Organizations`) is data too.
                let root = root_identifier(source).map(|r| self.text(r));
                match root {
                    Some("this") | None => Size::Small(shown()),
                    Some(name) if self.parameter_type(anchor, name).is_some() => Size::Large,
                    Some(name) => {
                        let local = find_local(anchor, name, self.src, self.parents);
                        let value = local.and_then(|(_, d)| declarator_value(d).map(|v| (d, v)));
                        match value.map(|(d, v)| self.size(d, v, depth + 1)) {
                            Some(Size::Large) => Size::Large,
                            _ => Size::Small(shown()),
                        }
                    }
                }
            }
            _ => Size::Small(shown()),
        }
    }

    fn call_size(&self, anchor: Node<'t>, call: Node<'t>, depth: usize) -> Size {
        let shown = || Reason::SourceNotKnownLarge { source: one_line(self.text(call)) };
        let Some(name) = call_name(call, self.src) else { return Size::Small(shown()) };
        if name == "Range" {
            // `Enumerable.Range(0, n)` of a computed length (a literal one is a fixed set, decided elsewhere).
            return Size::Large;
        }
        if LISTINGS.contains(&name) {
            return Size::Large;
        }
        if SAME_SOURCE.contains(&name) {
            return match member_call(call, self.src) {
                Some((receiver, _, _)) => self.size(anchor, receiver, depth + 1),
                None => Size::Small(shown()),
            };
        }
        if name == "WhenAll" {
            // `await Task.WhenAll(src.Select(...))`: one result per item of `src`.
            let inner = arguments(call).first().and_then(|a| argument_value(*a)).map(strip_parens);
            let select = inner.and_then(|i| member_call(i, self.src)).filter(|(_, m, _)| *m == "Select");
            return match select {
                Some((receiver, _, _)) => self.size(anchor, receiver, depth + 1),
                None => Size::Small(shown()),
            };
        }
        let receiver = member_call(call, self.src).map(|(r, _, _)| self.text(r).to_ascii_lowercase());
        let data_receiver = receiver.as_deref().is_some_and(|r| {
            ["repository", "repo", "store", "context", "db", "query", "client", "api", "cache", "dal"]
                .iter()
                .any(|w| r.contains(w))
        });
        if data_receiver {
            return Size::Large;
        }
        if is_component_name(name) {
            return Size::Small(shown());
        }
        if QUERY_WORDS.iter().any(|w| name.starts_with(w)) {
            Size::Large
        } else {
            Size::Small(shown())
        }
    }

    fn name_size(&self, anchor: Node<'t>, ident: Node<'t>, depth: usize) -> Size {
        let name = self.text(ident);
        let shown = || Reason::SourceNotKnownLarge { source: name.to_string() };
        if let Some((_, declarator)) = find_local(anchor, name, self.src, self.parents) {
            return match declarator_value(declarator) {
                Some(value) if !is_component_name(name) => self.size(declarator, value, depth + 1),
                _ => Size::Small(shown()),
            };
        }
        let top_level = self.input.facts.function_at(&anchor.byte_range()).is_none();
        if top_level && name == "args" {
            // Top-level statements' command-line arguments.
            return Size::Large;
        }
        if let Some(type_text) = self.parameter_type(anchor, name) {
            // A parameter: as large as the caller makes it, unless it holds components (`IEnumerable<IPlugin>`).
            let element =
                type_text.rsplit('<').next().unwrap_or(&type_text).trim_end_matches(['>', '[', ']', '?', ' ']);
            return if is_component_name(element) || is_component_name(name) {
                Size::Small(shown())
            } else {
                Size::Large
            };
        }
        // A field or property.
        if self.injected_through_constructor(anchor, name) {
            return Size::Small(Reason::InjectedServices { name: name.to_string() });
        }
        Size::Small(shown())
    }

    /// The declared type of `name` if it is a parameter of a function around `anchor` (not a local of one).
    fn parameter_type(&self, anchor: Node<'t>, name: &str) -> Option<String> {
        let facts = self.input.facts;
        let mut function = facts.function_at(&anchor.byte_range());
        while let Some(i) = function {
            let f = &facts.functions[i as usize];
            if let Some(p) = f.params.iter().find(|p| p.name == name) {
                return Some(p.type_text.to_string());
            }
            if f.locals.iter().any(|l| l.name == name) {
                return None;
            }
            function = f.parent;
        }
        None
    }

    /// Whether the field or property `name` of the class around `anchor` holds a collection a constructor was
    /// given (`_providers = providers.ToArray()` from `IEnumerable<IProvider> providers`), or is a primary
    /// constructor's collection parameter: services a container injects, a set fixed at start-up.
    fn injected_through_constructor(&self, anchor: Node<'t>, name: &str) -> bool {
        let Some(class) = self.enclosing_type(anchor) else { return false };
        let bare = name.trim_start_matches("this.");
        if let Some(list) = field(class, "parameters")
            .or_else(|| named_children(class).into_iter().find(|c| c.kind() == "parameter_list"))
        {
            if facts::parse_params(list, self.src).iter().any(|p| p.name == bare && is_collection_type(&p.type_text)) {
                return true;
            }
        }
        let body = named_children(class).into_iter().find(|c| c.kind() == "declaration_list");
        for ctor in body.map(named_children).unwrap_or_default().into_iter().filter(|c| c.kind() == kinds::CONSTRUCTOR)
        {
            let Some(list) = field(ctor, "parameters") else { continue };
            let collections: Vec<String> = facts::parse_params(list, self.src)
                .into_iter()
                .filter(|p| is_collection_type(&p.type_text))
                .map(|p| p.name.to_string())
                .collect();
            if collections.is_empty() {
                continue;
            }
            let mut stack = vec![ctor];
            while let Some(n) = stack.pop() {
                if n.kind() == kinds::ASSIGNMENT {
                    let target = field(n, "left").map(|l| self.text(l).trim_start_matches("this.").trim());
                    let value = field(n, "right");
                    if target == Some(bare)
                        && value.is_some_and(|v| {
                            identifiers(v, self.src).iter().any(|i| collections.iter().any(|c| c == i))
                        })
                    {
                        return true;
                    }
                }
                let mut c = n.walk();
                stack.extend(n.children(&mut c));
            }
        }
        false
    }

    fn enclosing_type(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut cur = self.parents.of(node);
        while let Some(n) = cur {
            if matches!(n.kind(), "class_declaration" | "record_declaration" | "struct_declaration") {
                return Some(n);
            }
            cur = self.parents.of(n);
        }
        None
    }
}

/// Whether a name ends in a kind of component that comes in small sets (`_introProviders`, `IIntroProvider`,
/// `GetImageProviders`, `services`).
fn is_component_name(name: &str) -> bool {
    let last = name.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).find(|w| !w.is_empty()).unwrap_or(name);
    let lower = last.to_ascii_lowercase();
    let lower = lower.strip_suffix("async").unwrap_or(&lower);
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    COMPONENT_WORDS.iter().any(|w| singular.ends_with(w) || lower.ends_with(w))
}

/// A collection type a container can inject: `IEnumerable<T>`, `IReadOnlyList<T>`, `T[]` ...
fn is_collection_type(type_text: &str) -> bool {
    let t = type_text.trim();
    t.ends_with("[]")
        || matches!(
            simple_type_name(t),
            "IEnumerable" | "IReadOnlyList" | "IReadOnlyCollection" | "IList" | "ICollection" | "List"
        ) && t.contains('<')
}

fn one_line(s: &str) -> String {
    let joined: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > 60 {
        format!("{}…", joined.chars().take(59).collect::<String>())
    } else {
        joined
    }
}
