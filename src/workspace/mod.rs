//! From what the user named (folders, `.cs` files, solutions, projects) to
//! the list of C# files to read, each with its project's settings.

mod codebase;
mod condition;
pub mod editorconfig;
pub mod model;
pub mod msbuild;
pub mod settings;
pub mod solution;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

pub use model::{ProjectKind, SyncContext};
pub use settings::{LangVersion, ProjectConfig, ProjectSettings, TargetFramework};

/// A C# file to process.
#[derive(Clone, Debug)]
pub struct FileEntry {
    pub path: PathBuf,
    pub display: String,
    pub settings: Arc<ProjectSettings>,
    /// Why the file may be read but never written: it lies outside the folders, files, projects and solutions
    /// named on the command line (reached through a solution, a `<Compile Include>` or a symbolic link), or it is
    /// a symbolic link itself. `None`: writable.
    pub read_only: Option<String>,
    /// Read so that calls into it and from it are seen, never written, and its own sites are not looked for:
    /// reached only through a `<ProjectReference>` and outside the inputs, or generated code (see
    /// [`GENERATED_CODE`]).
    pub context_only: bool,
    /// The code base it belongs to, when the run was given several unrelated ones (see [`Workspace::codebases`]);
    /// `None` for a file outside every input, which may belong to any.
    pub codebase: Option<u32>,
}

/// A non-fatal problem met while discovering files; the run goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub files: Vec<FileEntry>,
    pub problems: Vec<Problem>,
    /// What discovery did beyond the inputs that the user should know, such as reading the projects that call
    /// them. Not problems: the run is the better for it.
    pub notes: Vec<String>,
    projects: Vec<Project>,
    /// The separate code bases among the inputs, by folder, as [`FileEntry::codebase`] numbers them; empty when
    /// there is one (one folder in a part of [`Workspace::independent_parts`], whose files then have none). A code
    /// base is the repository around an input, or else the nearest folder above it holding a solution; inputs
    /// inside one code base are one, and an input in none has no code base (its files may belong to any). A file of no project sees the declarations of its own code base only
    /// (the compiler never reads it together with another's), and is seen from its own only. The engine plans
    /// code bases that no project reference joins apart ([`Workspace::independent_parts`]).
    pub codebases: Vec<PathBuf>,
}

/// A project the run reads, with its model (kind, published, synchronization context) in `settings`.
#[derive(Clone, Debug)]
pub struct Project {
    /// `$(MSBuildProjectName)`: the file name without extension.
    pub name: String,
    pub path: PathBuf,
    pub display: String,
    pub reached: Reached,
    /// The same settings every file of the project carries.
    pub settings: Arc<ProjectSettings>,
    /// The projects it references directly that the run reads, by `path` (as their settings name them).
    pub references: Vec<PathBuf>,
}

impl Workspace {
    /// Every project read, by path: those the inputs name or own, those they reference, and those that call them.
    pub fn projects(&self) -> &[Project] {
        &self.projects
    }

    /// `--define`/`--undefine`: the same preprocessor symbols added to or removed from every file's set, before
    /// anything is parsed, so detection, planning and the re-parse that verifies each output all see one set.
    pub fn override_defines(&mut self, define: &[String], undefine: &[String]) {
        if define.is_empty() && undefine.is_empty() {
            return;
        }
        // Files of one project share their settings: rewrite each set once.
        let mut rewritten: HashMap<*const ProjectSettings, Arc<ProjectSettings>> = HashMap::new();
        for file in &mut self.files {
            let settings = rewritten.entry(Arc::as_ptr(&file.settings)).or_insert_with(|| {
                let mut s = ProjectSettings::clone(&file.settings);
                s.define_constants.retain(|d| !undefine.contains(d));
                s.define_constants.extend(define.iter().filter(|d| !undefine.contains(d)).cloned());
                s.define_constants.sort();
                s.define_constants.dedup();
                Arc::new(s)
            });
            file.settings = settings.clone();
        }
        for project in &mut self.projects {
            if let Some(settings) = rewritten.get(&Arc::as_ptr(&project.settings)) {
                project.settings = settings.clone();
            }
        }
    }
}

/// Why a generated file is read but never written. Its calls, delegate uses and event subscriptions still count
/// (a designer file wires handlers to events whose delegate types decide their signatures), but a change to it
/// would be undone by its generator, and its own sites are the generator's to fix.
pub const GENERATED_CODE: &str = "is generated code, which its generator would overwrite";

/// Generated files by their name (designer files, source generator and build outputs): read, never rewritten.
pub fn is_generated_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".g.cs")
        || name.ends_with(".g.i.cs")
        || name.ends_with(".designer.cs")
        || name.ends_with(".generated.cs")
}

/// True when the file starts with an `<auto-generated` marker comment.
pub fn has_generated_header(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(600)];
    head.lines()
        .take_while(|l| {
            let t = l.trim_start();
            t.is_empty() || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
        })
        .any(|l| l.contains("<auto-generated"))
}

fn is_build_output_dir(name: &str) -> bool {
    name.eq_ignore_ascii_case("bin") || name.eq_ignore_ascii_case("obj")
}

#[derive(Default)]
struct Discovery {
    /// canonical path → entry; a BTreeMap keeps the order stable.
    files: BTreeMap<PathBuf, FileEntry>,
    problems: Vec<Problem>,
    settings_cache: HashMap<PathBuf, Arc<ProjectSettings>>,
    nearest_project_cache: HashMap<PathBuf, Option<PathBuf>>,
    /// The settings `settings_near` found for each nearest project (default ones where it cannot be read): a
    /// folder's files share a few projects, each read once rather than once per file.
    near_settings_cache: HashMap<PathBuf, Arc<ProjectSettings>>,
    /// Canonical paths of the projects read, so shared and circular references are read once.
    projects_read: HashSet<PathBuf>,
    /// Every project whose settings were computed, by canonical path: the nodes of the reference graph that
    /// decides synchronization contexts.
    projects: BTreeMap<PathBuf, ProjectRecord>,
    /// Canonical paths of the projects named alone or owning a named folder, whose callers in the enclosing
    /// solution are read too.
    consumer_seeds: Vec<PathBuf>,
    notes: Vec<String>,
    /// `<ProjectReference>`s still to follow, with the project that names each. They are followed after every
    /// input is read, so a project that is both an input and referenced is always read as an input.
    references: Vec<(PathBuf, PathBuf)>,
    cwd: PathBuf,
    /// Canonical folders (and single files) the user named: only files under them are ever written.
    roots: Vec<PathBuf>,
}

/// A project as discovery met it.
#[derive(Clone, Debug)]
struct ProjectRecord {
    path: PathBuf,
    reached: Reached,
    /// Canonical paths of the projects it references that exist.
    references: Vec<PathBuf>,
}

/// How discovery came to a file or project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// Named on the command line, or part of a folder, project or solution that was.
    Input,
    /// Through a `<ProjectReference>`, from a project that was.
    Reference,
    /// A project of the solution enclosing an input project that references it, directly or through others:
    /// read so that a change which would break its calls into the inputs can be refused, never written.
    Consumer,
}

/// One key for a file however it was reached (`a/../b/A.cs`, a symbolic link); a path that cannot be resolved
/// (deleted meanwhile) is its own key, and reading it reports the problem.
fn canonical_or_given(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Resolves the inputs into files. Missing or malformed inputs become problems, not failures.
pub fn discover(inputs: &[PathBuf]) -> Workspace {
    let mut d = Discovery { cwd: std::env::current_dir().unwrap_or_default(), ..Default::default() };
    let defaults = [PathBuf::from(".")];
    let inputs = if inputs.is_empty() { &defaults[..] } else { inputs };
    for input in inputs {
        if let Some(root) = root_of(input) {
            d.roots.push(root);
        }
    }
    for input in inputs {
        d.add_input(input);
    }
    d.add_consumers_of_inputs();
    while let Some((referenced, by)) = d.references.pop() {
        match find_ignoring_case(&referenced).filter(|p| p.is_file()) {
            None => {
                let message = format!("<ProjectReference> of {} names a missing project", d.display(&by));
                d.problem(&referenced, message);
            }
            Some(found) if is_csproj(&found) => d.add_project(&found, Reached::Reference),
            Some(_) => {}
        }
    }
    d.finish()
}

fn is_csproj(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csproj"))
}

impl Discovery {
    fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.problems.push(Problem { path: self.display(path), message: message.into() });
    }

    fn display(&self, path: &Path) -> String {
        let shown = path.strip_prefix(&self.cwd).unwrap_or(path);
        let s = shown.to_string_lossy().replace('\\', "/");
        s.strip_prefix("./").map(String::from).unwrap_or(s)
    }

    fn add_input(&mut self, input: &Path) {
        let ext = input.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
        if !input.exists() {
            self.problem(input, "no such file or directory");
            return;
        }
        if input.is_dir() {
            self.add_directory(input);
            return;
        }
        match ext.as_deref() {
            Some("cs") => {
                let settings = self.settings_near(input);
                self.add_file(input, settings, Reached::Input);
            }
            Some("sln") | Some("slnx") => match solution::projects_in(input) {
                Ok(projects) => {
                    if projects.is_empty() {
                        self.problem(input, "the solution lists no C# project (.csproj)");
                    }
                    for project in projects {
                        if let Some(found) = find_ignoring_case(&project).filter(|p| p.is_file()) {
                            self.add_project(&found, Reached::Input);
                        } else {
                            self.problem(&project, format!("project listed in {} does not exist", self.display(input)));
                        }
                    }
                }
                Err(e) => self.problem(input, e),
            },
            Some("csproj") => {
                self.add_project(input, Reached::Input);
                self.consumer_seeds.push(canonical_or_given(input));
            }
            _ => self.problem(input, "not a C# input: expected a folder, a .cs file, a .sln/.slnx or a .csproj"),
        }
    }

    fn add_file(&mut self, path: &Path, settings: Arc<ProjectSettings>, reached: Reached) {
        let canonical = canonical_or_given(path);
        if self.files.contains_key(&canonical) {
            return;
        }
        let display = self.display(path);
        let generated = is_generated_name(path);
        let context_only = generated
            || match reached {
                Reached::Input => false,
                Reached::Reference => !self.under_roots(&canonical),
                // Even under a named folder: its project was not named, and it is there only for its calls.
                Reached::Consumer => true,
            };
        let read_only = match reached {
            _ if generated => Some(GENERATED_CODE.to_string()),
            Reached::Consumer => Some(
                "belongs to a project that calls into the inputs and is read for its calls only (give the solution \
                 to change it too)"
                    .into(),
            ),
            _ if context_only => Some("belongs to a project the inputs reference, not to the inputs".to_string()),
            _ => self.read_only_reason(path, &canonical),
        };
        let entry = FileEntry { path: path.to_path_buf(), display, settings, read_only, context_only, codebase: None };
        self.files.insert(canonical, entry);
    }

    fn read_only_reason(&self, path: &Path, canonical: &Path) -> Option<String> {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some("is a symbolic link; asyncmod does not write through links".into());
        }
        if !self.under_roots(canonical) {
            return Some("lies outside the folders, projects and solutions given on the command line".into());
        }
        // `apply` refuses these; known now, the planner reports what would need them instead of planning a chain
        // that could only be written in part. Permission bits count even for root, as in `apply`.
        if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
            return Some("is read-only on disk; make it writable to let asyncmod change it".into());
        }
        let folder = canonical.parent().unwrap_or(canonical);
        if std::fs::metadata(folder).is_ok_and(|m| m.permissions().readonly()) {
            return Some(
                "lies in a folder that is read-only on disk; make the folder writable to let asyncmod change it".into(),
            );
        }
        None
    }

    fn under_roots(&self, canonical: &Path) -> bool {
        self.roots.iter().any(|root| canonical.starts_with(root))
    }

    fn walk(&self, root: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let walker = ignore::WalkBuilder::new(root)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && e.depth() > 0
                    && is_build_output_dir(&e.file_name().to_string_lossy()))
            })
            .build();
        for entry in walker.flatten() {
            if entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("cs"))
            {
                out.push(entry.into_path());
            }
        }
        out.sort();
        out
    }

    fn add_directory(&mut self, dir: &Path) {
        let files = self.walk(dir);
        if files.is_empty() {
            // Not an error: a folder may hold no C# yet, and a CI step over it should pass.
            self.notes.push(format!("no C# files found in {}", self.display(dir)));
        }
        for file in files {
            let settings = self.settings_near(&file);
            if let Some(project) = &settings.project {
                self.consumer_seeds.push(canonical_or_given(project));
            }
            self.add_file(&file, settings, Reached::Input);
        }
    }

    /// Adds a project's files, and queues the projects it references.
    fn add_project(&mut self, project_path: &Path, reached: Reached) {
        let own = std::fs::canonicalize(project_path).ok();
        if !self.projects_read.insert(own.clone().unwrap_or_else(|| project_path.to_path_buf())) {
            return;
        }
        let project = match msbuild::read_project_file(project_path) {
            Ok(p) => p,
            Err(e) => {
                self.problem(project_path, e);
                return;
            }
        };
        let settings = self.settings_of_project(project_path, &project, reached);
        let dir = project_path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let remove = build_globs(&project.compile_remove);
        let mut files = Vec::new();
        let default_items = project.sdk_style
            && !project.property("EnableDefaultCompileItems").is_some_and(|v| v.eq_ignore_ascii_case("false"));
        if default_items {
            for file in self.walk(&dir) {
                let nearest = self.nearest_project_dir(&file).and_then(|p| std::fs::canonicalize(p).ok());
                if nearest != own {
                    continue; // belongs to a nested project
                }
                files.push(file);
            }
        }
        for include in &project.compile_include {
            if include.contains('*') {
                let set = build_globs(std::slice::from_ref(include));
                for file in self.walk(&dir) {
                    if let Ok(rel) = file.strip_prefix(&dir) {
                        if set.is_match(rel) {
                            files.push(file);
                        }
                    }
                }
            } else {
                let file = normalize_lexically(&dir.join(include));
                if file.is_file() {
                    files.push(file);
                } else {
                    self.problem(
                        &file,
                        format!("<Compile Include> of {} names a missing file", self.display(project_path)),
                    );
                }
            }
        }
        for file in files {
            let rel = file.strip_prefix(&dir).unwrap_or(&file);
            if remove.is_match(rel) {
                continue;
            }
            self.add_file(&file, settings.clone(), reached);
        }
        for reference in &project.project_references {
            self.references.push((normalize_lexically(&dir.join(reference)), project_path.to_path_buf()));
        }
    }

    fn settings_of_project(
        &mut self,
        path: &Path,
        project: &msbuild::ProjectFile,
        reached: Reached,
    ) -> Arc<ProjectSettings> {
        let key = canonical_or_given(path);
        if let Some(s) = self.settings_cache.get(&key) {
            return s.clone();
        }
        let s = Arc::new(msbuild::settings_for(project));
        self.settings_cache.insert(key.clone(), s.clone());
        let references = resolved_references(path, project).into_iter().map(|r| canonical_or_given(&r)).collect();
        self.projects.insert(key, ProjectRecord { path: path.to_path_buf(), reached, references });
        s
    }

    /// When the inputs are projects or folders inside a solution, reads the projects of that solution that
    /// reference them, directly or through others, as callers only: changing an input's signature without
    /// seeing them would break them silently.
    fn add_consumers_of_inputs(&mut self) {
        let mut seeds = std::mem::take(&mut self.consumer_seeds);
        seeds.sort();
        seeds.dedup();
        let mut listings: HashMap<PathBuf, Vec<(PathBuf, PathBuf)>> = HashMap::new();
        let mut seeds_by_solution: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        for seed in seeds {
            if let Some(solution) = enclosing_solution(&seed, &mut listings) {
                seeds_by_solution.entry(solution).or_default().push(seed);
            }
        }
        for (solution, seeds) in seeds_by_solution {
            let listed = &listings[&solution];
            let mut callers: HashMap<PathBuf, Vec<&(PathBuf, PathBuf)>> = HashMap::new();
            for entry in listed {
                let Ok(project) = msbuild::read_project_file(&entry.0) else { continue };
                for referenced in resolved_references(&entry.0, &project) {
                    callers.entry(canonical_or_given(&referenced)).or_default().push(entry);
                }
            }
            let mut consumers: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
            let mut pending = seeds;
            while let Some(project) = pending.pop() {
                for (given, canonical) in callers.get(&project).into_iter().flatten() {
                    if consumers.insert(canonical.clone(), given.clone()).is_none() {
                        pending.push(canonical.clone());
                    }
                }
            }
            let mut names = Vec::new();
            for (canonical, given) in consumers {
                let is_input = self.projects.get(&canonical).is_some_and(|r| r.reached == Reached::Input);
                if is_input || self.projects_read.contains(&canonical) {
                    continue;
                }
                self.add_project(&given, Reached::Consumer);
                if self.projects.contains_key(&canonical) {
                    names.push(given.file_stem().unwrap_or_default().to_string_lossy().into_owned());
                }
            }
            if !names.is_empty() {
                let (count, verb) = match names.len() {
                    1 => ("1 project".to_string(), "references"),
                    n => (format!("{n} projects"), "reference"),
                };
                const SHOWN: usize = 10;
                let mut shown = names.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
                if names.len() > SHOWN {
                    shown.push_str(&format!(" and {} more", names.len() - SHOWN));
                }
                let solution = self.display(&solution);
                self.notes.push(format!("read {count} of {solution} that {verb} the inputs, as callers only: {shown}"));
            }
        }
    }

    /// The workspace, once every project is known: each project's synchronization context joined over the
    /// projects that reference it, given to its files' settings.
    fn finish(mut self) -> Workspace {
        let keys: Vec<&PathBuf> = self.projects.keys().collect();
        let index: HashMap<&PathBuf, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let settings: Vec<Arc<ProjectSettings>> = keys.iter().map(|k| self.settings_cache[*k].clone()).collect();
        let references: Vec<Vec<usize>> = self
            .projects
            .values()
            .map(|r| r.references.iter().filter_map(|reference| index.get(reference).copied()).collect())
            .collect();
        let borrowed: Vec<&ProjectSettings> = settings.iter().map(|s| s.as_ref()).collect();
        let contexts = model::sync_contexts(&borrowed, &references);
        let runners = model::runners(&borrowed, &references);

        let mut replaced: HashMap<*const ProjectSettings, Arc<ProjectSettings>> = HashMap::new();
        let mut projects = Vec::new();
        for (((record, old), (context, evidence)), runners) in
            self.projects.values().zip(&settings).zip(contexts).zip(runners)
        {
            let mut s = ProjectSettings::clone(old);
            s.sync_context = context;
            s.sync_context_evidence = evidence;
            s.runners = runners;
            let s = Arc::new(s);
            replaced.insert(Arc::as_ptr(old), s.clone());
            let references =
                record.references.iter().filter_map(|r| self.projects.get(r)).map(|r| r.path.clone()).collect();
            projects.push(Project {
                name: record.path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
                path: record.path.clone(),
                display: self.display(&record.path),
                reached: record.reached,
                settings: s,
                references,
            });
        }
        projects.sort_by(|a, b| a.display.cmp(&b.display));
        for file in self.files.values_mut() {
            if let Some(s) = replaced.get(&Arc::as_ptr(&file.settings)) {
                file.settings = s.clone();
            }
        }
        let codebases = self.assign_codebases();
        Workspace {
            files: self.files.into_values().collect(),
            problems: self.problems,
            notes: self.notes,
            projects,
            codebases,
        }
    }

    /// Numbers the code bases of the inputs and marks each file under an input with its own. Inputs that lie in
    /// one code base (two folders of one repository) are one; a file is counted in the outermost input holding it.
    fn assign_codebases(&mut self) -> Vec<PathBuf> {
        let mut outermost: Vec<PathBuf> = self.roots.clone();
        outermost.sort_by_key(|r| r.components().count());
        let mut kept: Vec<PathBuf> = Vec::new();
        for root in outermost {
            if !kept.iter().any(|k| root.starts_with(k)) {
                kept.push(root);
            }
        }
        let homes: Vec<Option<PathBuf>> = kept.iter().map(|root| codebase::home(root)).collect();
        let mut codebases: Vec<PathBuf> = homes.iter().flatten().cloned().collect();
        codebases.sort();
        codebases.dedup();
        if codebases.len() < 2 {
            return Vec::new();
        }
        let number_of_root: Vec<Option<u32>> = homes
            .iter()
            .map(|h| h.as_ref().map(|h| codebases.binary_search(h).expect("every home is listed") as u32))
            .collect();
        for (canonical, entry) in self.files.iter_mut() {
            entry.codebase = kept.iter().position(|root| canonical.starts_with(root)).and_then(|i| number_of_root[i]);
        }
        let shown: Vec<String> = codebases.iter().map(|c| self.display(c)).collect();
        let unmarked: Vec<String> =
            kept.iter().zip(&homes).filter(|(_, h)| h.is_none()).map(|(root, _)| self.display(root)).collect();
        let how = if unmarked.is_empty() {
            "each planned as if given alone".to_string()
        } else {
            format!(
                "planned together: {} lies in no folder with .git or a solution, and its files may belong to any",
                unmarked.join(", ")
            )
        };
        self.notes.push(format!(
            "the inputs are {} separate code bases ({}), {how}; a file of no project in one never sees nor is seen \
             by another",
            codebases.len(),
            shown.join(", ")
        ));
        codebases
    }

    /// The nearest `.csproj` in the file's folder or above.
    fn nearest_project_dir(&mut self, file: &Path) -> Option<PathBuf> {
        let dir = file.parent()?.to_path_buf();
        self.nearest_project_in(&dir)
    }

    fn nearest_project_in(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.nearest_project_cache.get(dir) {
            return hit.clone();
        }
        let mut projects: Vec<PathBuf> =
            std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csproj")) && p.is_file())
                        .collect()
                })
                .unwrap_or_default();
        projects.sort();
        let found = match projects.into_iter().next() {
            Some(p) => Some(if dir.as_os_str().is_empty() { PathBuf::from(p.file_name().unwrap()) } else { p }),
            None => match dir.parent() {
                Some(parent) if parent != dir => self.nearest_project_in(parent),
                _ => None,
            },
        };
        self.nearest_project_cache.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// Settings for a file reached through a folder or named alone: those of the nearest project above it.
    fn settings_near(&mut self, file: &Path) -> Arc<ProjectSettings> {
        let absolute = if file.is_absolute() { file.to_path_buf() } else { self.cwd.join(file) };
        let Some(project_path) = self.nearest_project_dir(&absolute) else {
            return Arc::new(ProjectSettings::default());
        };
        if let Some(settings) = self.near_settings_cache.get(&project_path) {
            return settings.clone();
        }
        let settings = match msbuild::read_project_file(&project_path) {
            Ok(project) => self.settings_of_project(&project_path, &project, Reached::Input),
            Err(e) => {
                if !self.problems.iter().any(|p| p.message == e) {
                    self.problem(&project_path, e);
                }
                Arc::new(ProjectSettings::default())
            }
        };
        self.near_settings_cache.insert(project_path, settings.clone());
        settings
    }
}

/// The projects a project references that exist, found as MSBuild on Windows or macOS would find them.
fn resolved_references(project_path: &Path, project: &msbuild::ProjectFile) -> Vec<PathBuf> {
    let dir = project_path.parent().unwrap_or(Path::new("."));
    project
        .project_references
        .iter()
        .filter_map(|reference| find_ignoring_case(&normalize_lexically(&dir.join(reference))))
        .filter(|p| p.is_file())
        .collect()
}

/// `path` if it exists, else the path that matches it with every component compared without regard to case:
/// project files written on Windows name `..\Plugins\X\X.csproj` for a folder the file system calls `plugins`.
/// When several entries of a folder match, the first by name wins.
fn find_ignoring_case(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    if path.exists() {
        return Some(path.to_path_buf());
    }
    let mut found = PathBuf::new();
    for component in path.components() {
        let Component::Normal(name) = component else {
            found.push(component);
            continue;
        };
        let exact = found.join(name);
        if std::fs::symlink_metadata(&exact).is_ok() {
            found = exact;
            continue;
        }
        let wanted = name.to_str()?.to_lowercase();
        let folder = if found.as_os_str().is_empty() { Path::new(".") } else { found.as_path() };
        let mut matches: Vec<std::ffi::OsString> = std::fs::read_dir(folder)
            .ok()?
            .flatten()
            .map(|entry| entry.file_name())
            .filter(|entry| entry.to_str().is_some_and(|e| e.to_lowercase() == wanted))
            .collect();
        matches.sort();
        found.push(matches.into_iter().next()?);
    }
    Some(found)
}

/// The first solution, from the project's folder up to the repository's root, that lists the project.
/// `listings` caches each solution's projects as (path as listed, canonical path).
fn enclosing_solution(project: &Path, listings: &mut HashMap<PathBuf, Vec<(PathBuf, PathBuf)>>) -> Option<PathBuf> {
    for dir in project.parent()?.ancestors() {
        let mut solutions: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.extension().is_some_and(|e| e.eq_ignore_ascii_case("sln") || e.eq_ignore_ascii_case("slnx"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        solutions.sort();
        for solution in solutions {
            let listed = listings.entry(solution.clone()).or_insert_with(|| {
                solution::projects_in(&solution)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|p| find_ignoring_case(&normalize_lexically(&p)))
                    .filter(|p| is_csproj(p) && p.is_file())
                    .map(|p| (p.clone(), canonical_or_given(&p)))
                    .collect()
            });
            if listed.iter().any(|(_, canonical)| canonical == project) {
                return Some(solution);
            }
        }
        // A solution above the repository holding the project is not about it.
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Resolves `.` and `..` without touching the file system (so links are not followed).
fn normalize_lexically(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.components().next_back().is_some_and(|l| matches!(l, Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The folder an input covers for writing: a folder itself, a project's or solution's folder, a `.cs` file itself.
fn root_of(input: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(input).ok()?;
    if canonical.is_dir() {
        return Some(canonical);
    }
    let ext = input.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("sln" | "slnx" | "csproj") => canonical.parent().map(Path::to_path_buf),
        _ => Some(canonical),
    }
}

fn build_globs(patterns: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_normalization() {
        assert_eq!(normalize_lexically(Path::new("a/b/../c/./d.cs")), PathBuf::from("a/c/d.cs"));
        assert_eq!(normalize_lexically(Path::new("../x.cs")), PathBuf::from("../x.cs"));
    }

    #[test]
    fn generated_markers() {
        assert!(is_generated_name(Path::new("Form1.Designer.cs")));
        assert!(is_generated_name(Path::new("x.g.cs")));
        assert!(!is_generated_name(Path::new("Program.cs")));
        assert!(has_generated_header("// <auto-generated>\n// tool\nclass A {}"));
        assert!(!has_generated_header("class A {}\n// <auto-generated>"));
        // The 600-byte window must not cut a character in two.
        assert!(!has_generated_header(&format!("// {}", "é".repeat(400))));
    }
}
