//! The solution-wide index: declarations, call sites and type hints of every
//! parsed file, looked up by name. Every lookup records what it asked for (a
//! kind of fact and a name), so the engine can parse the files that may hold
//! such a fact and ask again: a lazy run ends with the same answers as one
//! that parsed everything.

mod by_name;
pub mod facts;
pub mod library;
pub mod memo;
mod resolve;
mod scope;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use by_name::ByName;

use crate::source::SourceFile;
use crate::workspace::ProjectSettings;
pub use facts::{CallSite, FileFacts, Function, FunctionKind, Span, TypeDecl, TypeExpr};
pub use resolve::{CallTarget, Group, Targets};
pub use scope::Projects;

pub type FileId = u32;

/// A function-like node of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId {
    pub file: FileId,
    pub index: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId {
    pub file: FileId,
    pub index: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId {
    pub file: FileId,
    pub index: u32,
}

/// A parsed file: its text, its project's settings and its facts.
#[derive(Debug)]
pub struct IndexedFile {
    pub source: SourceFile,
    pub settings: Arc<ProjectSettings>,
    pub facts: FileFacts,
    /// For a code-behind file (`Page.razor.cs`, `Window.xaml.cs`...), the markup beside it:
    /// it can call or bind the file's methods where the index cannot see.
    pub markup: Option<String>,
    /// Why no edit may go into this file (see `workspace::FileEntry::read_only`).
    pub read_only: Option<String>,
    /// Whether a `[SuppressMessage]` in it may name a rule asyncmod honours (`true` when not known), so the
    /// suppressions need its text.
    pub attribute_suppressions: bool,
}

/// The `global using`s of each project's files, by project file (`None`: loose files).
pub type ProjectGlobals<'f> = HashMap<Option<&'f std::path::Path>, Vec<crate::atom::Atom>>;

/// The `global using`s of `files`, by project. The engine keeps every file that declares one from its first round,
/// so over the parsed files this is every one.
pub fn project_global_usings<'f>(files: impl Iterator<Item = &'f IndexedFile>) -> ProjectGlobals<'f> {
    let mut out: ProjectGlobals<'f> = HashMap::new();
    for f in files.filter(|f| !f.facts.global_usings.is_empty()) {
        out.entry(f.settings.project.as_deref()).or_default().extend(f.facts.global_usings.iter().copied());
    }
    out
}

impl IndexedFile {
    /// Whether a `global using` of this file's project (in `project_globals`) or the project's `<ImplicitUsings>`
    /// and `<Using>` items import `namespace` into every file of it.
    pub fn imported_by_project(&self, namespace: &str, project_globals: &ProjectGlobals) -> bool {
        self.settings.imports_globally(namespace)
            || project_globals.get(&self.settings.project.as_deref()).is_some_and(|g| g.iter().any(|n| n == namespace))
    }

    /// Whether code in this file sees `namespace`'s names unqualified: a `using` of its own (at any level), or an
    /// import of its whole project (`imported_by_project`).
    pub fn imports(&self, namespace: &str, project_globals: &ProjectGlobals) -> bool {
        self.facts.has_using(namespace) || self.imported_by_project(namespace, project_globals)
    }

    /// True when the markup beside this file mentions `name` as a whole word.
    pub fn markup_mentions(&self, name: &str) -> bool {
        let Some(markup) = &self.markup else { return false };
        let bytes = markup.as_bytes();
        let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        markup.match_indices(name).any(|(i, _)| {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + name.len()).copied();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
    }
}

/// How many calls' targets the index keeps at most (see `Memo::with_limit`).
const CALL_ANSWERS: usize = 1 << 16;

/// Markup files that pair with a `.cs` code-behind.
pub const MARKUP_EXTENSIONS: &[&str] = &["razor", "xaml", "cshtml", "axaml", "aspx", "ascx"];

/// The markup a code-behind file belongs to, read if it exists.
pub fn read_markup_for(path: &std::path::Path) -> Option<String> {
    let stem = path.to_str()?.strip_suffix(".cs")?;
    let ext = std::path::Path::new(stem).extension()?.to_str()?.to_ascii_lowercase();
    if !MARKUP_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    std::fs::read(stem).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The kind of fact a lookup asked for; with the name, it tells the engine which unparsed files could
/// change the answer (see `prefilter`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ask {
    /// Methods and local functions declared with the name.
    Functions,
    /// Type declarations with the name.
    Types,
    /// Types listing the name in their base list.
    DerivedFrom,
    /// Calls to the name.
    Calls,
    /// The name used as a delegate value.
    DelegateUses,
    /// The name inside `nameof(...)`.
    NameofUses,
    /// The name anywhere, as a whole word (code that does not parse may hide a call in it).
    Mentions,
}

impl Ask {
    pub const ALL: [Ask; 7] =
        [Ask::Functions, Ask::Types, Ask::DerivedFrom, Ask::Calls, Ask::DelegateUses, Ask::NameofUses, Ask::Mentions];

    /// A stable 64-bit key for a question (collisions only cost a needless parse).
    pub fn key(self, name: &str) -> u64 {
        // FNV-1a over the kind and the name: deterministic across runs and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (self as u64);
        for &b in name.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }
}

/// Every question a file's facts answer, as [`Ask::key`]s, sorted: the same lookups `Index::new` files it
/// under. The engine keeps these for files it parsed and then dropped, to know without parsing again
/// whether a later question concerns them.
pub fn answer_keys(facts: &FileFacts) -> Vec<u64> {
    let mut keys = Vec::new();
    each_answer(facts, |ask, name, _| keys.push(ask.key(name)));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Calls `f(question, name, index)` for every question a file's facts answer, with the index of the fact
/// that answers it (in `functions`, `types` (for bases too), `calls` or `delegate_uses`). `Index::new` and
/// [`answer_keys`] share it, so the engine's idea of what a file answers cannot drift from the index's.
fn each_answer<'f>(facts: &'f FileFacts, mut f: impl FnMut(Ask, &'f str, u32)) {
    for ask in Ask::ALL {
        answers_of(facts, ask, |name, i| f(ask, name, i));
    }
}

/// Calls `f(name, index)` for every question of kind `ask` a file's facts answer (see [`each_answer`]).
fn answers_of<'f>(facts: &'f FileFacts, ask: Ask, mut f: impl FnMut(&'f str, u32)) {
    match ask {
        Ask::Functions => {
            for (i, func) in facts.functions.iter().enumerate() {
                if func.is_method_like() {
                    f(func.name.as_str(), i as u32);
                }
            }
        }
        Ask::Types => {
            for (i, t) in facts.types.iter().enumerate() {
                f(t.name.as_str(), i as u32);
            }
        }
        Ask::DerivedFrom => {
            for (i, t) in facts.types.iter().enumerate() {
                for b in &t.bases {
                    f(b.as_str(), i as u32);
                }
            }
        }
        Ask::Calls => {
            for (i, c) in facts.calls.iter().enumerate() {
                f(c.name.as_str(), i as u32);
            }
        }
        Ask::DelegateUses => {
            for (i, d) in facts.delegate_uses.iter().enumerate() {
                f(d.name.as_str(), i as u32);
            }
        }
        Ask::NameofUses => {
            for (i, (name, _)) in facts.nameof_uses.iter().enumerate() {
                f(name.as_str(), i as u32);
            }
        }
        Ask::Mentions => {
            for (i, word) in facts.error_words.iter().enumerate() {
                f(word.as_str(), i as u32);
            }
        }
    }
}

pub struct Index<'f> {
    files: Vec<Option<&'f IndexedFile>>,
    functions_by_name: ByName<'f, FnId>,
    types_by_name: ByName<'f, TypeId>,
    derived_by_base: ByName<'f, TypeId>,
    calls_by_name: ByName<'f, CallId>,
    delegate_uses_by_name: ByName<'f, (FileId, u32)>,
    nameof_uses_by_name: ByName<'f, (FileId, u32)>,
    /// Per `Ask` (as index), the names asked about.
    wanted: Mutex<[crate::hash::Set<Box<str>>; 7]>,
    /// Which projects see which; `None`: every declaration is visible everywhere.
    projects: Option<&'f Projects>,
    /// Per file, its project in `projects`.
    file_project: Vec<Option<u32>>,
    /// Per parsed file, per type declaration: the type it is a part of, as a number (partial parts share it).
    type_keys: Vec<Vec<u32>>,
    /// Per type number, its parts.
    key_parts: Vec<Vec<TypeId>>,
    /// Per type number and name, the functions its parts declare, in file and declaration order: where they stand
    /// in `keyed_functions` and how many. Most types declare a name once, and a vector each cost more than the map.
    functions_by_key: crate::hash::Map<(u32, &'f str), (u32, u32)>,
    /// The functions of `functions_by_key`, each type number and name's together.
    keyed_functions: Vec<FnId>,
    groups: memo::Memo<FnId, Group>,
    /// At most `CALL_ANSWERS` kept: the planner asks about most calls of a solution, most of them once (the .NET
    /// reference source: 600 thousand calls, 26 MB of answers kept whole, for 3 % of its planning time).
    call_targets: memo::Memo<CallId, CallTarget>,
    /// `resolve::methods_taking`'s answers, by name and number of arguments.
    methods_taking: memo::Memo<(crate::atom::Atom, usize), resolve::Targets>,
    base_keys: memo::Memo<u32, (Vec<u32>, Vec<crate::atom::Atom>)>,
    /// Per type declaration (a part), its base list as written, each base with the types it may mean there.
    written_bases: memo::Memo<TypeId, resolve::WrittenBases>,
    subtype_keys: memo::Memo<u32, Vec<u32>>,
    supertype_keys: memo::Memo<u32, (BTreeSet<u32>, Vec<crate::atom::Atom>)>,
    /// Per type number, whether its name was asked for already (see `parts`).
    parts_asked: Vec<std::sync::atomic::AtomicBool>,
    /// See `error_region_identifiers`.
    error_identifiers: std::sync::OnceLock<HashMap<&'static str, (FileId, usize)>>,
    /// The `global using`s of each project's parsed files (`project_global_usings`).
    project_globals: ProjectGlobals<'f>,
}

impl<'f> Index<'f> {
    /// Builds the index over the parsed files; `files[id]` is `None` for a file not parsed (yet). Every declaration
    /// counts as visible from every file (see [`Index::with_projects`]).
    pub fn new(files: Vec<Option<&'f IndexedFile>>) -> Index<'f> {
        Index::with_projects(files, None)
    }

    /// The index over the parsed files, where a name resolves among the declarations of the projects its file
    /// sees (`projects`), as the compiler resolves it.
    pub fn with_projects(files: Vec<Option<&'f IndexedFile>>, projects: Option<&'f Projects>) -> Index<'f> {
        let file_project: Vec<Option<u32>> =
            files.iter().map(|f| f.and_then(|f| projects.and_then(|p| p.of(f)))).collect();
        let mut identities: HashMap<scope::TypeIdentity, u32> = HashMap::new();
        let mut key_parts: Vec<Vec<TypeId>> = Vec::new();
        let type_keys = files
            .iter()
            .enumerate()
            .map(|(fid, f)| {
                let Some(f) = f else { return Vec::new() };
                (0..f.facts.types.len() as u32)
                    .map(|i| {
                        let codebase = projects.and_then(|p| p.codebase(fid as FileId));
                        let identity = scope::type_identity(file_project[fid], codebase, &f.facts, i);
                        let next = identities.len() as u32;
                        let key = *identities.entry(identity).or_insert(next);
                        if key == next {
                            key_parts.push(Vec::new());
                        }
                        key_parts[key as usize].push(TypeId { file: fid as FileId, index: i });
                        key
                    })
                    .collect()
            })
            .collect();
        // Each kind's answers, file by file: (file, fact index, name).
        let answers = |wanted: Ask, put: &mut dyn FnMut(FileId, u32, &'f str)| {
            for (fid, file) in files.iter().enumerate() {
                let Some(file) = file else { continue };
                answers_of(&file.facts, wanted, |name, i| put(fid as FileId, i, name));
            }
        };
        let functions_by_name =
            ByName::build(|put| answers(Ask::Functions, &mut |file, index, name| put(name, FnId { file, index })));
        let types_by_name =
            ByName::build(|put| answers(Ask::Types, &mut |file, index, name| put(name, TypeId { file, index })));
        let derived_by_base =
            ByName::build(|put| answers(Ask::DerivedFrom, &mut |file, index, name| put(name, TypeId { file, index })));
        let calls_by_name =
            ByName::build(|put| answers(Ask::Calls, &mut |file, index, name| put(name, CallId { file, index })));
        let delegate_uses_by_name =
            ByName::build(|put| answers(Ask::DelegateUses, &mut |file, index, name| put(name, (file, index))));
        let nameof_uses_by_name =
            ByName::build(|put| answers(Ask::NameofUses, &mut |file, index, name| put(name, (file, index))));
        let mut index = Index {
            files,
            functions_by_name,
            types_by_name,
            derived_by_base,
            calls_by_name,
            delegate_uses_by_name,
            nameof_uses_by_name,
            wanted: Mutex::new(Default::default()),
            projects,
            file_project,
            functions_by_key: Default::default(),
            keyed_functions: Vec::new(),
            parts_asked: key_parts.iter().map(|_| std::sync::atomic::AtomicBool::new(false)).collect(),
            type_keys,
            key_parts,
            groups: memo::Memo::new(),
            call_targets: memo::Memo::with_limit(CALL_ANSWERS),
            methods_taking: memo::Memo::new(),
            base_keys: memo::Memo::new(),
            written_bases: memo::Memo::new(),
            subtype_keys: memo::Memo::new(),
            supertype_keys: memo::Memo::new(),
            error_identifiers: std::sync::OnceLock::new(),
            project_globals: HashMap::new(),
        };
        index.project_globals = project_global_usings(index.files.iter().flatten().copied());
        index.key_functions();
        index
    }

    /// Fills `functions_by_key` and `keyed_functions`: each type number and name's functions in file and
    /// declaration order, placed together by counting.
    fn key_functions(&mut self) {
        let mut keyed: Vec<(u32, FnId)> = Vec::new();
        for (fid, file) in self.files.iter().enumerate() {
            let Some(file) = file else { continue };
            for (i, func) in file.facts.functions.iter().enumerate() {
                if let Some(t) = func.containing_type {
                    let key = self.type_keys[fid][t as usize];
                    let name: &'f str = &func.name;
                    let next = self.functions_by_key.len() as u32;
                    // First the group's number and count; its start once all are counted.
                    let group = self.functions_by_key.entry((key, name)).or_insert((next, 0));
                    group.1 += 1;
                    keyed.push((group.0, FnId { file: fid as FileId, index: i as u32 }));
                }
            }
        }
        let mut starts = vec![0u32; self.functions_by_key.len()];
        for (group, count) in self.functions_by_key.values() {
            starts[*group as usize] = *count;
        }
        let mut total = 0;
        for start in &mut starts {
            let count = *start;
            *start = total;
            total += count;
        }
        for (group, _) in self.functions_by_key.values_mut() {
            *group = starts[*group as usize];
        }
        let mut filled = starts;
        let mut flat = vec![FnId { file: 0, index: 0 }; keyed.len()];
        for (group, f) in keyed {
            flat[filled[group as usize] as usize] = f;
            filled[group as usize] += 1;
        }
        self.keyed_functions = flat;
    }

    /// The functions the parts of type number `key` declare under `name`, in file and declaration order.
    fn keyed(&self, key: u32, name: &str) -> &[FnId] {
        self.functions_by_key
            .get(&(key, name))
            .map_or(&[], |&(start, count)| &self.keyed_functions[start as usize..(start + count) as usize])
    }

    fn want(&self, ask: Ask, name: &str) {
        let mut w = self.wanted.lock().expect("index lock is never poisoned: no code panics while holding it");
        let names = &mut w[ask as usize];
        if !names.contains(name) {
            names.insert(name.into());
        }
    }

    /// Everything asked so far: the engine parses every file that may answer before trusting the answers.
    pub fn wanted(&self) -> BTreeSet<(Ask, String)> {
        let w = self.wanted.lock().expect("index lock is never poisoned");
        Ask::ALL.iter().flat_map(|a| w[*a as usize].iter().map(move |n| (*a, n.to_string()))).collect()
    }

    /// The names asked about, whatever the kind of fact.
    pub fn wanted_names(&self) -> BTreeSet<String> {
        self.wanted().into_iter().map(|(_, n)| n).collect()
    }

    pub fn file(&self, id: FileId) -> &'f IndexedFile {
        self.files[id as usize].expect("ids handed out by the index name parsed files")
    }

    pub fn parsed_files(&self) -> impl Iterator<Item = (FileId, &'f IndexedFile)> + '_ {
        self.files.iter().enumerate().filter_map(|(i, f)| f.map(|f| (i as FileId, f)))
    }

    pub fn function(&self, id: FnId) -> &'f Function {
        &self.file(id.file).facts.functions[id.index as usize]
    }

    pub fn call(&self, id: CallId) -> &'f CallSite {
        &self.file(id.file).facts.calls[id.index as usize]
    }

    pub fn type_decl(&self, id: TypeId) -> &'f TypeDecl {
        &self.file(id.file).facts.types[id.index as usize]
    }

    /// Methods and local functions with this name.
    pub fn functions_named(&self, name: &str) -> &[FnId] {
        self.want(Ask::Functions, name);
        self.functions_by_name.get(name)
    }

    /// Functions named `name` declared in a type named `type_name` (any of its partial parts). Asks only for the
    /// type's declarations: a question about every function of that name in the solution would make a lazy run
    /// parse every file declaring one (every controller with a `Get`, every type with a `Dispose`).
    pub fn functions_in_type(&self, type_name: &str, name: &str) -> Vec<FnId> {
        let types = self.types_named(type_name);
        // Not a question: every file declaring a part of the type is in the index once the one above is answered,
        // and with it the functions it declares. Each part of a type has the type's name, so the parts of every
        // type named so are the parts of these keys.
        let mut keys: Vec<u32> = types.iter().map(|t| self.type_keys[t.file as usize][t.index as usize]).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut found: Vec<FnId> = keys
            .iter()
            .flat_map(|key| self.keyed(*key, name).iter().copied())
            .filter(|f| self.function(*f).is_method_like())
            .collect();
        found.sort_unstable();
        found
    }

    /// Type declarations (all partial parts) with this name.
    pub fn types_named(&self, name: &str) -> &[TypeId] {
        // A declaration's name is an identifier: a name that is not one (`byte[]`, `string?`, a tuple type) is never
        // declared, and asking about it would only send the lazy rounds to parse every file that mentions it.
        let bare = name.strip_prefix('@').unwrap_or(name);
        if !bare.is_empty() && bare.bytes().all(crate::syntax::is_ident_byte) {
            self.want(Ask::Types, name);
        }
        self.types_by_name.get(name)
    }

    /// Types that list `name` directly in their base list.
    pub fn types_deriving_from(&self, name: &str) -> &[TypeId] {
        self.want(Ask::DerivedFrom, name);
        self.derived_by_base.get(name)
    }

    pub fn calls_named(&self, name: &str) -> &[CallId] {
        self.want(Ask::Calls, name);
        self.calls_by_name.get(name)
    }

    pub fn delegate_uses_named(&self, name: &str) -> &[(FileId, u32)] {
        self.want(Ask::DelegateUses, name);
        self.delegate_uses_by_name.get(name)
    }

    /// `nameof(name)` references: (file, index into `nameof_uses`).
    pub fn nameof_uses_named(&self, name: &str) -> &[(FileId, u32)] {
        self.want(Ask::NameofUses, name);
        self.nameof_uses_by_name.get(name)
    }

    /// The first place where `name` occurs as a whole word inside code that does not parse: a call hidden in an
    /// ERROR node is no call site, so this is the only way to know it may be there.
    pub fn name_in_error_region(&self, name: &str) -> Option<(FileId, usize)> {
        self.want(Ask::Mentions, name);
        let is_ident = crate::syntax::is_ident_byte;
        // A whole-word occurrence of an identifier is an identifier of the text lying in the region: the first of
        // each, by file, region and offset, is listed once per index rather than searched for per name.
        if !name.is_empty() && name.bytes().all(is_ident) {
            return self.error_region_identifiers().get(name).copied();
        }
        self.parsed_files().filter(|(_, f)| !f.facts.error_ranges.is_empty()).find_map(|(id, file)| {
            file.source.with_text(|text| {
                let bytes = text.as_bytes();
                file.facts.error_ranges.iter().find_map(|range| {
                    let region = text.get(range.clone())?;
                    let mut from = 0;
                    while let Some(i) = region[from..].find(name).map(|i| from + i) {
                        let (start, end) = (range.start + i, range.start + i + name.len());
                        let before = start.checked_sub(1).map(|j| bytes[j]);
                        if !before.is_some_and(is_ident) && !bytes.get(end).is_some_and(|b| is_ident(*b)) {
                            return Some((id, start));
                        }
                        from = i + name.len().max(1);
                    }
                    None
                })
            })
        })
    }

    /// Every identifier that lies whole in a region that does not parse, with where it first does (in the order
    /// `name_in_error_region` searches: file, region, offset).
    fn error_region_identifiers(&self) -> &HashMap<&'static str, (FileId, usize)> {
        self.error_identifiers.get_or_init(|| {
            let is_ident = crate::syntax::is_ident_byte;
            let mut first: HashMap<&'static str, (FileId, usize)> = HashMap::new();
            // Most files parse whole, and their text may be put aside: only the others are read, and not kept (the
            // words are interned, as the facts' own `error_words` are).
            for (id, file) in self.parsed_files().filter(|(_, f)| !f.facts.error_ranges.is_empty()) {
                file.source.with_text(|text| {
                    let bytes = text.as_bytes();
                    for range in &file.facts.error_ranges {
                        let Some(region) = text.get(range.clone()) else { continue };
                        let mut at = 0;
                        while at < region.len() {
                            if !is_ident(region.as_bytes()[at]) {
                                at += 1;
                                continue;
                            }
                            let start = range.start + at;
                            let mut end = start;
                            while end < bytes.len() && is_ident(bytes[end]) {
                                end += 1;
                            }
                            let whole = start.checked_sub(1).is_none_or(|j| !is_ident(bytes[j])) && end <= range.end;
                            if whole {
                                if let Some(word) = text.get(start..end).filter(|w| !first.contains_key(w)) {
                                    first.insert(crate::atom::Atom::new(word).as_str(), (id, start));
                                }
                            }
                            at = end - range.start;
                        }
                    }
                });
            }
            first
        })
    }

    /// The type a function is declared in.
    pub fn containing_type(&self, f: FnId) -> Option<TypeId> {
        self.function(f).containing_type.map(|index| TypeId { file: f.file, index })
    }

    /// `path:line:col` of an offset, for messages.
    pub fn location(&self, file: FileId, offset: usize) -> String {
        let f = self.file(file);
        let (line, col) = f.source.line_col(offset);
        format!("{}:{}:{}", f.source.display, line, col)
    }
}
