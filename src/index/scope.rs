//! What a type name written somewhere can mean: which projects a file's code sees, which declarations are parts of
//! one type, and the compiler's lookup of a name through the enclosing types, namespaces and `using` directives.
//!
//! The lookup narrows, it never invents: when it cannot decide (an alias to a namespace, a name imported some way
//! not modelled), a name means every type of that name the project sees, and when the projects cannot tell either,
//! every type of that name, as a lookup by name alone always did.

use std::collections::HashMap;
use std::path::PathBuf;

use super::facts::{FileFacts, UsingScope};
use super::{FileId, Index, IndexedFile, TypeId};
use crate::atom::Atom;
use crate::syntax::simple_type_name;
use crate::workspace::Project;

/// The projects of a run, and which declarations each one's code sees: its own and those of the projects it
/// references, directly or through others (MSBuild passes references on).
#[derive(Debug, Default)]
pub struct Projects {
    ids: HashMap<PathBuf, u32>,
    /// Per project, sorted: the projects it sees, itself included.
    sees: Vec<Vec<u32>>,
    /// Per file, when the run holds several code bases: the one it belongs to (see `Workspace::codebases`).
    codebase_of_file: Vec<Option<u32>>,
}

impl Projects {
    pub fn new(projects: &[Project]) -> Projects {
        let ids: HashMap<PathBuf, u32> = projects.iter().enumerate().map(|(i, p)| (p.path.clone(), i as u32)).collect();
        let references: Vec<Vec<u32>> =
            projects.iter().map(|p| p.references.iter().filter_map(|r| ids.get(r).copied()).collect()).collect();
        let sees = (0..projects.len() as u32)
            .map(|start| {
                let mut seen = vec![start];
                let mut pending = vec![start];
                while let Some(p) = pending.pop() {
                    for &r in &references[p as usize] {
                        if !seen.contains(&r) {
                            seen.push(r);
                            pending.push(r);
                        }
                    }
                }
                seen.sort_unstable();
                seen
            })
            .collect();
        Projects { ids, sees, codebase_of_file: Vec::new() }
    }

    /// The same projects in a run of several code bases: `codebase_of_file[file]` is the code base of each file,
    /// `None` for one that may belong to any.
    pub fn separating(mut self, codebase_of_file: Vec<Option<u32>>) -> Projects {
        self.codebase_of_file = codebase_of_file;
        self
    }

    /// The code base of a file, when the run separates several.
    pub(super) fn codebase(&self, file: super::FileId) -> Option<u32> {
        self.codebase_of_file.get(file as usize).copied().flatten()
    }

    /// The project a file belongs to, if the run knows it.
    pub(super) fn of(&self, file: &IndexedFile) -> Option<u32> {
        self.ids.get(file.settings.project.as_ref()?).copied()
    }

    /// Whether code of file `from` in project `from_project` can see a declaration of file `declared` in project
    /// `declared_project`. A file with no known project sees and is seen by everything of its code base.
    fn sees(
        &self,
        (from, from_project): (super::FileId, Option<u32>),
        (declared, declared_project): (super::FileId, Option<u32>),
    ) -> bool {
        match (from_project, declared_project) {
            (Some(from), Some(declared)) => self.sees[from as usize].binary_search(&declared).is_ok(),
            _ => self.same_codebase(from, declared),
        }
    }

    /// Whether two files may belong to one code base: yes unless both have one and they differ.
    fn same_codebase(&self, a: super::FileId, b: super::FileId) -> bool {
        match (self.codebase(a), self.codebase(b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
    }
}

/// A place where a type name is written: its file, the type declaration around it and an offset inside the
/// namespace declarations around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Site {
    pub file: FileId,
    pub ct: Option<u32>,
    pub at: usize,
}

/// The identity of a type: what partial parts share. The compiler joins the parts of one type in one assembly,
/// under one full name, with one number of type parameters. Files of no project join by code base.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct TypeIdentity {
    /// The project, or else the code base (`Err(None)`: neither).
    assembly: Result<u32, Option<u32>>,
    namespace: Atom,
    /// The type and the types it is nested in, outermost first: each name with its number of type parameters.
    chain: Vec<(Atom, usize)>,
}

pub(super) fn type_identity(
    project: Option<u32>,
    codebase: Option<u32>,
    facts: &FileFacts,
    index: u32,
) -> TypeIdentity {
    let mut chain = Vec::new();
    let mut at = Some(index);
    while let Some(t) = at {
        let decl = &facts.types[t as usize];
        chain.push((decl.name, decl.type_params.len()));
        at = decl.outer;
    }
    chain.reverse();
    let assembly = project.ok_or(codebase);
    TypeIdentity { assembly, namespace: facts.types[index as usize].namespace, chain }
}

/// The number of type arguments written on the last name of a type (`Dictionary<K, List<V>>` → 2).
fn written_arity(written: &str) -> usize {
    let Some(open) = written.find('<') else { return 0 };
    let mut depth = 0;
    let mut commas = 0;
    for c in written[open..].chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 1 => commas += 1,
            _ => {}
        }
    }
    commas + 1
}

/// `A.B` of `A.B.C<D.E>`: what qualifies the name, if anything.
fn qualifier(written: &str) -> Option<&str> {
    let head = written.split('<').next().unwrap_or(written).trim().trim_end_matches('?');
    let head = head.rsplit_once("::").map_or(head, |(_, rest)| rest);
    head.rsplit_once('.').map(|(q, _)| q.trim())
}

/// `A.B` → `A`, `A` → `` (the global namespace).
fn parent_namespace(namespace: &str) -> &str {
    namespace.rsplit_once('.').map_or("", |(parent, _)| parent)
}

impl<'f> Index<'f> {
    /// Whether code in file `from` can see declarations of file `declared` (their projects allow it).
    pub(super) fn project_sees(&self, from: FileId, declared: FileId) -> bool {
        self.projects.is_none_or(|p| {
            p.sees((from, self.file_project[from as usize]), (declared, self.file_project[declared as usize]))
        })
    }

    /// Whether two files may belong to one code base (see `Workspace::codebases`): a declaration of another is
    /// never what a name means, whatever the projects leave open.
    pub(super) fn same_codebase(&self, a: FileId, b: FileId) -> bool {
        self.projects.is_none_or(|p| p.same_codebase(a, b))
    }

    /// Whether two files are compiled together, as far as the run knows: one project, or both of no project in
    /// one code base.
    pub(super) fn same_assembly(&self, a: FileId, b: FileId) -> bool {
        self.file_project[a as usize] == self.file_project[b as usize]
            && (self.file_project[a as usize].is_some() || self.same_codebase(a, b))
    }

    /// The type identity (see [`type_identity`]) of a parsed type declaration, as a number.
    pub(super) fn key_of(&self, t: TypeId) -> u32 {
        self.type_keys[t.file as usize][t.index as usize]
    }

    /// Every part of the type `key`. Asks for the types of its name, so that a lazy run parses the files that
    /// declare its other parts before trusting the answer.
    pub(super) fn parts(&self, key: u32) -> &[TypeId] {
        let parts = &self.key_parts[key as usize];
        // Asked once per type: the question is the same every time, and planning asks it very often.
        if !self.parts_asked[key as usize].swap(true, std::sync::atomic::Ordering::Relaxed) {
            self.types_named(&self.type_decl(parts[0]).name);
        }
        parts
    }

    /// The name of the type `key`.
    pub(super) fn key_name(&self, key: u32) -> Atom {
        self.type_decl(self.key_parts[key as usize][0]).name
    }

    /// `A.B.Outer` for a type `Inner` nested in `Outer` in namespace `A.B`.
    fn container_name(&self, t: TypeId) -> String {
        let decl = self.type_decl(t);
        let facts = &self.file(t.file).facts;
        let mut names = Vec::new();
        let mut at = decl.outer;
        while let Some(o) = at {
            names.push(facts.types[o as usize].name.as_str());
            at = facts.types[o as usize].outer;
        }
        names.reverse();
        let mut out = decl.namespace.to_string();
        for n in names {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(n);
        }
        out
    }

    /// The site of a type's own base list: in the scope around the type.
    pub(super) fn base_list_site(&self, t: TypeId) -> Site {
        let decl = self.type_decl(t);
        Site { file: t.file, ct: decl.outer, at: decl.range.start }
    }

    /// The site of code inside a type declaration (`None`: outside every type).
    pub(super) fn site_in(&self, file: FileId, ct: Option<u32>) -> Site {
        let at = ct.map_or(0, |t| self.file(file).facts.types[t as usize].range.start);
        Site { file, ct, at }
    }

    /// The types (by identity, sorted) that the type name `written` may mean at `site`.
    pub(super) fn type_keys_at(&self, site: Site, written: &str) -> Vec<u32> {
        self.type_keys(site, written, true)
    }

    fn type_keys(&self, site: Site, written: &str, aliases: bool) -> Vec<u32> {
        let written = written.trim();
        let written = written.strip_prefix("global::").unwrap_or(written);
        let simple = simple_type_name(written);
        let all = self.types_named(simple);
        if all.is_empty() {
            // `using Repo = Data.OrderRepository;`: the alias names a type of another name.
            // An alias's target is written as if no alias were there.
            return match self.alias_at(site, written).filter(|_| aliases) {
                Some(target) => self.type_keys(site, target, false),
                None => Vec::new(),
            };
        }
        if let [only] = all[..] {
            // The lookup below chooses among the types of that name in the site's code base, and one is all it can
            // choose (most names are declared once; this spares the lists it builds).
            return if self.same_codebase(site.file, only.file) { vec![self.key_of(only)] } else { Vec::new() };
        }
        let arity = written_arity(written);
        let mut candidates: Vec<TypeId> = all
            .iter()
            .copied()
            .filter(|t| self.same_codebase(site.file, t.file) && self.type_decl(*t).type_params.len() == arity)
            .collect();
        if candidates.is_empty() {
            candidates = all.iter().copied().filter(|t| self.same_codebase(site.file, t.file)).collect();
        }
        let seen: Vec<TypeId> = candidates.iter().copied().filter(|t| self.project_sees(site.file, t.file)).collect();
        if !seen.is_empty() {
            candidates = seen;
        }
        let chosen = self.compiler_lookup(site, written, simple, &candidates).unwrap_or(candidates);
        let mut keys: Vec<u32> = chosen.iter().map(|t| self.key_of(*t)).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// What `written` stands for when it is an alias declared around `site` (`using Repo = Data.Repository;`).
    fn alias_at(&self, site: Site, written: &str) -> Option<&'f str> {
        if qualifier(written).is_some() || written.contains('<') {
            return None;
        }
        let name = written.trim_end_matches('?');
        let facts = &self.file(site.file).facts;
        let around = facts.scopes.iter().filter(|s| s.range.start <= site.at && site.at <= s.range.end);
        around.rev().find_map(|s| s.aliases.iter().find(|(alias, _)| alias == name).map(|(_, target)| target.as_str()))
    }

    /// The candidates that the compiler's lookup of `written` at `site` finds first, or `None` when the lookup
    /// finds none of them (the name may come in some way the index does not model).
    fn compiler_lookup(&self, site: Site, written: &str, simple: &str, candidates: &[TypeId]) -> Option<Vec<TypeId>> {
        let found = |keep: &dyn Fn(TypeId) -> bool| -> Option<Vec<TypeId>> {
            let hits: Vec<TypeId> = candidates.iter().copied().filter(|t| keep(*t)).collect();
            (!hits.is_empty()).then_some(hits)
        };
        if let Some(q) = qualifier(written) {
            // `Outer.Inner`, `Namespace.Type` or a part of either: where the qualifier leads cannot always be told
            // (it may be an alias), so any container that ends with it.
            let dotted = format!(".{q}");
            return found(&|t| {
                let container = self.container_name(t);
                container == q || container.ends_with(&dotted)
            });
        }
        let facts = &self.file(site.file).facts;
        // Types nested in the enclosing types, innermost first, then in their base types (by name: a base type's
        // nested types are inherited).
        let mut enclosing = Vec::new();
        let mut at = site.ct;
        while let Some(t) = at {
            enclosing.push(self.key_of(TypeId { file: site.file, index: t }));
            at = facts.types[t as usize].outer;
        }
        let outer_key = |t: TypeId| self.type_decl(t).outer.map(|o| self.key_of(TypeId { file: t.file, index: o }));
        for key in &enclosing {
            if let Some(hits) = found(&|t| outer_key(t) == Some(*key)) {
                return Some(hits);
            }
        }
        if candidates.iter().any(|t| self.type_decl(*t).outer.is_some()) && !enclosing.is_empty() {
            let bases: Vec<Atom> = enclosing.iter().flat_map(|k| self.supertypes(&self.key_name(*k))).collect();
            let outer_name =
                |t: TypeId| self.type_decl(t).outer.map(|o| self.file(t.file).facts.types[o as usize].name);
            if let Some(hits) = found(&|t| outer_name(t).is_some_and(|o| bases.contains(&o))) {
                return Some(hits);
            }
        }
        // Namespaces outwards, each with the usings written in its declaration around the site.
        let around: Vec<&UsingScope> =
            facts.scopes.iter().filter(|s| s.range.start <= site.at && site.at <= s.range.end).collect();
        let mut level: &str = around.last().map_or("", |s| s.namespace.as_str());
        loop {
            if let Some(hits) = found(&|t| {
                let decl = self.type_decl(t);
                decl.outer.is_none() && decl.namespace == level
            }) {
                return Some(hits);
            }
            if let Some(scope) = around.iter().rev().find(|s| s.namespace == level) {
                if let Some((_, target)) = scope.aliases.iter().find(|(alias, _)| alias == simple) {
                    let target = target.strip_prefix("global::").unwrap_or(target);
                    let dotted = format!(".{target}");
                    return found(&|t| {
                        let full = format!("{}.{}", self.container_name(t), self.type_decl(t).name);
                        full == target || full.ends_with(&dotted) || full.trim_start_matches('.') == target
                    });
                }
                let imported = |t: TypeId| {
                    let decl = self.type_decl(t);
                    decl.outer.is_none()
                        && (scope.imports.contains(&decl.namespace)
                            || (level.is_empty() && self.globally_imported(site.file, &decl.namespace)))
                };
                if let Some(hits) = found(&imported) {
                    return Some(hits);
                }
                let statics: Vec<&str> = scope.statics.iter().map(|s| simple_type_name(s)).collect();
                let outer_name =
                    |t: TypeId| self.type_decl(t).outer.map(|o| self.file(t.file).facts.types[o as usize].name);
                if let Some(hits) = found(&|t| outer_name(t).is_some_and(|o| statics.contains(&o.as_str()))) {
                    return Some(hits);
                }
            }
            if level.is_empty() {
                return None;
            }
            level = parent_namespace(level);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::index::{CallId, CallTarget, FnId};
    use crate::source::SourceFile;
    use crate::workspace::{ProjectSettings, Reached};

    /// Files `(project, path, text)`; `references` lists `(project, referenced project)`.
    struct Solution {
        files: Vec<IndexedFile>,
        projects: Projects,
    }

    fn solution(files: &[(&str, &str, &str)], references: &[(&str, &str)]) -> Solution {
        let mut names: Vec<&str> = files.iter().map(|(p, _, _)| *p).filter(|p| !p.is_empty()).collect();
        names.sort();
        names.dedup();
        let settings = |project: &str| {
            let project = (!project.is_empty()).then(|| PathBuf::from(format!("{project}/{project}.csproj")));
            Arc::new(ProjectSettings { project, ..ProjectSettings::default() })
        };
        let projects: Vec<Project> = names
            .iter()
            .map(|name| Project {
                name: name.to_string(),
                path: PathBuf::from(format!("{name}/{name}.csproj")),
                display: name.to_string(),
                reached: Reached::Input,
                settings: settings(name),
                references: references
                    .iter()
                    .filter(|(from, _)| from == name)
                    .map(|(_, to)| PathBuf::from(format!("{to}/{to}.csproj")))
                    .collect(),
            })
            .collect();
        let files = files
            .iter()
            .map(|(project, path, text)| {
                let source = SourceFile::from_bytes(path.into(), path.to_string(), text.as_bytes().to_vec()).unwrap();
                let facts = crate::index::facts::extract(&crate::syntax::parse(text), text);
                IndexedFile {
                    source,
                    settings: settings(project),
                    facts,
                    markup: None,
                    read_only: None,
                    attribute_suppressions: true,
                }
            })
            .collect();
        Solution { files, projects: Projects::new(&projects) }
    }

    impl Solution {
        fn index(&self) -> Index<'_> {
            Index::with_projects(self.files.iter().map(Some).collect(), Some(&self.projects))
        }
    }

    /// Where the call to `name` in file `file` goes, as `path:Type` of each target.
    fn targets(s: &Solution, file: usize, name: &str) -> String {
        let index = s.index();
        let calls = &index.file(file as FileId).facts.calls;
        let i = calls.iter().position(|c| c.name == name).unwrap_or_else(|| panic!("no call {name}"));
        let described = |fs: crate::index::Targets| -> Vec<String> {
            fs.iter()
                .map(|f| {
                    let t = index.containing_type(*f).map(|t| index.type_decl(t).name.to_string()).unwrap_or_default();
                    format!("{}:{t}", index.file(f.file).source.display)
                })
                .collect()
        };
        match index.resolve_call(CallId { file: file as FileId, index: i as u32 }) {
            CallTarget::Solution(fs) => described(fs).join(" "),
            CallTarget::Unknown(fs) => format!("unknown {}", described(fs).join(" ")),
            other => format!("{other:?}"),
        }
    }

    const REPO_A: &str = "namespace Shop.Data { public class Repo { public void Save() { } } }";
    const REPO_B: &str = "namespace Shop.Legacy { public class Repo { public void Save() { } } }";

    #[test]
    fn a_type_name_means_the_type_its_namespaces_and_usings_see() {
        let caller =
            |text: &'static str| solution(&[("", "a.cs", REPO_A), ("", "b.cs", REPO_B), ("", "c.cs", text)], &[]);
        let same_namespace = caller("namespace Shop.Data { class C { Repo r; void M() { r.Save(); } } }");
        assert_eq!(targets(&same_namespace, 2, "Save"), "a.cs:Repo");
        let inner_namespace = caller("namespace Shop.Legacy.Tools { class C { void M(Repo r) { r.Save(); } } }");
        assert_eq!(targets(&inner_namespace, 2, "Save"), "b.cs:Repo");
        let nested_blocks = caller("namespace Shop { namespace Legacy { class C { void M(Repo r) { r.Save(); } } } }");
        assert_eq!(targets(&nested_blocks, 2, "Save"), "b.cs:Repo");
        let using =
            caller("using System;\nusing Shop.Legacy;\nnamespace Web { class C { void M(Repo r) { r.Save(); } } }");
        assert_eq!(targets(&using, 2, "Save"), "b.cs:Repo");
        let using_in_block = caller("namespace Web { using Shop.Data; class C { void M(Repo r) { r.Save(); } } }");
        assert_eq!(targets(&using_in_block, 2, "Save"), "a.cs:Repo");
        let qualified = caller("namespace Web { class C { void M(Legacy.Repo r) { r.Save(); } } }");
        assert_eq!(targets(&qualified, 2, "Save"), "b.cs:Repo");
        let alias =
            caller("using Store = Shop.Data.Repo;\nnamespace Web { class C { void M(Store r) { r.Save(); } } }");
        assert_eq!(targets(&alias, 2, "Save"), "a.cs:Repo");
        // The namespace's own types come before those its usings import.
        let own_first = caller("using Shop.Legacy;\nnamespace Shop.Data { class C { void M(Repo r) { r.Save(); } } }");
        assert_eq!(targets(&own_first, 2, "Save"), "a.cs:Repo");
        // Neither is visible by what the file or its project says: both, as by name.
        let undecided = caller("namespace Web { class C { void M(Repo r) { r.Save(); } } }");
        assert_eq!(targets(&undecided, 2, "Save"), "a.cs:Repo b.cs:Repo");
    }

    #[test]
    fn a_global_using_of_the_project_imports_into_every_file_of_it() {
        let code = "namespace Web { class C { void M(Repo r) { r.Save(); } } }";
        // In another file of the caller's project.
        let s = solution(
            &[
                ("Lib", "a.cs", REPO_A),
                ("Lib", "b.cs", REPO_B),
                ("App", "c.cs", code),
                ("App", "g.cs", "global using Shop.Legacy;"),
            ],
            &[("App", "Lib")],
        );
        assert_eq!(targets(&s, 2, "Save"), "b.cs:Repo");
        // In a file of another project: it imports nothing here.
        let s = solution(
            &[
                ("Lib", "a.cs", REPO_A),
                ("Lib", "b.cs", REPO_B),
                ("App", "c.cs", code),
                ("Lib", "g.cs", "global using Shop.Legacy;"),
            ],
            &[("App", "Lib")],
        );
        assert_eq!(targets(&s, 2, "Save"), "a.cs:Repo b.cs:Repo");
        // A `<Using Include>` item of the caller's project.
        let mut s =
            solution(&[("Lib", "a.cs", REPO_A), ("Lib", "b.cs", REPO_B), ("App", "c.cs", code)], &[("App", "Lib")]);
        let mut settings = (*s.files[2].settings).clone();
        settings.global_usings = vec!["Shop.Data".to_string()];
        s.files[2].settings = Arc::new(settings);
        assert_eq!(targets(&s, 2, "Save"), "a.cs:Repo");
    }

    #[test]
    fn a_nested_type_is_seen_from_inside_its_outer_type() {
        let s = solution(
            &[
                ("", "a.cs", "class Result { public void Done() { } }"),
                (
                    "",
                    "b.cs",
                    "class Channel { class Result { public void Done() { } } void M(Result r) { r.Done(); } }",
                ),
                ("", "c.cs", "class Other { void M(Result r) { r.Done(); } }"),
            ],
            &[],
        );
        assert_eq!(targets(&s, 1, "Done"), "b.cs:Result");
        assert_eq!(targets(&s, 2, "Done"), "a.cs:Result");
    }

    #[test]
    fn a_field_is_looked_up_in_the_callers_own_type_not_one_of_the_same_name() {
        let channel = "abstract class Channel { protected abstract int Start(); \
                       class SendResult { Channel channel; int M() { return this.channel.Start(); } } }";
        let queue = "class Queue { public int Start() { return 0; } } \
                     class Output { class SendResult { Queue channel; int M() { return channel.Start(); } } }";
        let s = solution(&[("", "a.cs", queue), ("", "b.cs", channel)], &[]);
        assert_eq!(targets(&s, 1, "Start"), "b.cs:Channel");
        assert_eq!(targets(&s, 0, "Start"), "a.cs:Queue");
        // A nested type sees the fields of the types around it.
        let outer_field = "class Queue { public int Start() { return 0; } } \
                           class Output { static Queue shared; class Send { int M() { return shared.Start(); } } }";
        assert_eq!(targets(&solution(&[("", "a.cs", outer_field)], &[]), 0, "Start"), "a.cs:Queue");
    }

    #[test]
    fn projects_see_only_what_they_reference() {
        let program =
            |name: &str| format!("namespace Tool {{ static class Program {{ public static void {name}() {{ }} }} }}");
        let (app, setup) = (program("Run"), program("Run"));
        let s = solution(
            &[
                ("App", "app.cs", &app),
                ("Setup", "setup.cs", &setup),
                ("Web", "web.cs", "using Tool;\nnamespace Web { class C { void M() { Program.Run(); } } }"),
            ],
            &[("Web", "Setup")],
        );
        assert_eq!(targets(&s, 2, "Run"), "setup.cs:Program");
        // Same name, same namespace, another project: not a part of the same type, so not an overload.
        let index = s.index();
        let run = |file: FileId| FnId { file, index: 0 };
        assert_eq!(index.functions_beside(run(0)), vec![run(0)]);
        assert_eq!(index.functions_beside(run(1)), vec![run(1)]);
    }

    #[test]
    fn using_static_brings_in_static_methods() {
        let s = solution(
            &[
                ("", "a.cs", "namespace Shop.Util { static class Log { public static void Write(string m) { } } }"),
                ("", "b.cs", "using static Shop.Util.Log;\nnamespace Shop { class C { void M() { Write(\"x\"); } } }"),
                ("", "c.cs", "namespace Shop { class D { void M() { Write(\"x\"); } } }"),
            ],
            &[],
        );
        assert_eq!(targets(&s, 1, "Write"), "a.cs:Log");
        assert_eq!(targets(&s, 2, "Write"), "External");
    }

    #[test]
    fn a_generic_base_is_not_its_non_generic_namesake() {
        let s = solution(
            &[(
                "",
                "a.cs",
                "class Step { public virtual void Run() { } } class Step<T> { public virtual void Run() { } } \
                 class Load : Step<int> { public override void Run() { } }",
            )],
            &[],
        );
        let index = s.index();
        let run = |i: u32| FnId { file: 0, index: i };
        assert_eq!(index.group_of(run(2)).members, vec![run(1), run(2)]);
        assert_eq!(index.group_of(run(0)).members, vec![run(0)]);
    }

    #[test]
    fn partial_parts_are_one_type() {
        let s = solution(
            &[
                ("App", "a.cs", "namespace N { partial class Form { void Save(int a) { } } }"),
                ("App", "b.cs", "namespace N { partial class Form { void Save(string s) { } } }"),
                ("App", "c.cs", "namespace M { partial class Form { void Save(bool b) { } } }"),
            ],
            &[],
        );
        let index = s.index();
        let save = |file: FileId| FnId { file, index: 0 };
        assert_eq!(index.functions_beside(save(0)), vec![save(0), save(1)]);
        assert_eq!(index.functions_beside(save(2)), vec![save(2)]);
    }

    #[test]
    fn written_names_give_their_arity_and_qualifier() {
        assert_eq!(written_arity("Repo"), 0);
        assert_eq!(written_arity("Dictionary<K, List<V>>"), 2);
        assert_eq!(written_arity("A.B.C<D.E>"), 1);
        assert_eq!(qualifier("A.B.C<D.E>"), Some("A.B"));
        assert_eq!(qualifier("global::A.C"), Some("A"));
        assert_eq!(qualifier("C?"), None);
        assert_eq!(parent_namespace("A.B"), "A");
        assert_eq!(parent_namespace("A"), "");
    }
}
