//! Configuration and suppressions: `asyncmod.toml` found from each project's folder up (the nearest file wins
//! key by key, `root = true` stops the walk, `[[overrides]]` by project name or path), the command line's flags
//! on top; `.editorconfig` diagnostic severities; and the suppressions written in the code (`suppress`).
//!
//! Resolution is per project: the settings that change what the planner may do (boundaries, public API, unsafe
//! fixes, renames) go into each project's `ProjectSettings::config`, which the planner reads per file; the
//! transforms that run are the union over the projects, and a transform or code a project disables becomes a
//! suppression of that project's files.

pub mod analyzers;
pub mod editorconfig;
pub mod file;
pub mod suppress;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use file::{Level, Settings};

use crate::workspace::{ProjectConfig, ProjectSettings, Workspace};

/// The transforms a run may name: (id, stable?). Passed in, as the registry sits above this layer.
pub type Known<'a> = &'a [(&'a str, bool)];

/// The largest limit a C# `SemaphoreSlim` takes: `int.MaxValue`.
pub const MAX_CONCURRENCY: u64 = i32::MAX as u64;

/// The settings that apply to one project (or to the loose files of one folder).
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    /// The `asyncmod.toml` files read, farthest first.
    pub files: Vec<PathBuf>,
    pub settings: Settings,
    /// The transforms that run on its code.
    pub enabled: Vec<String>,
}

/// Every project's settings, and what the run as a whole does.
#[derive(Debug, Default)]
pub struct Resolution {
    /// By project file (or loose files' folder), in the order of the workspace's projects.
    pub projects: Vec<(String, Resolved)>,
    /// The transforms the run runs: every one some project enables.
    pub enabled: Vec<String>,
    /// The bounded-fanout limit: the flag's, or the smallest a project sets.
    pub max_concurrency: Option<u64>,
    /// How far cancellation-token threads a token: the flag's, or the smallest a project sets.
    pub token_hops: Option<u32>,
}

/// Reads config files and remembers them by folder.
#[derive(Default)]
pub struct Finder {
    by_folder: HashMap<PathBuf, Option<Arc<file::ConfigFile>>>,
}

impl Finder {
    fn in_folder(&mut self, dir: &Path) -> Result<Option<Arc<file::ConfigFile>>, String> {
        if let Some(found) = self.by_folder.get(dir) {
            return Ok(found.clone());
        }
        let path = dir.join(file::FILE_NAME);
        let found = if path.is_file() { Some(Arc::new(file::read(&path)?)) } else { None };
        self.by_folder.insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }

    /// The files that apply at `dir` (absolute), farthest first, up to one that says `root = true`.
    pub fn chain(&mut self, dir: &Path) -> Result<Vec<Arc<file::ConfigFile>>, String> {
        let mut out = Vec::new();
        let mut at = Some(dir);
        while let Some(d) = at {
            if let Some(f) = self.in_folder(d)? {
                let root = f.root;
                out.push(f);
                if root {
                    break;
                }
            }
            at = d.parent();
        }
        out.reverse();
        Ok(out)
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(path))
}

/// The settings for the project `name` at `anchor` (its project file, or the loose file), from the files that
/// apply at its folder and their overrides, with `flags` on top.
pub fn resolve_one(
    finder: &mut Finder,
    anchor: &Path,
    name: Option<&str>,
    flags: &Settings,
    known: Known,
) -> Result<Resolved, String> {
    let anchor = absolute(anchor);
    // A project file's folder, or the loose files' folder itself.
    let dir = if anchor.is_dir() { anchor.as_path() } else { anchor.parent().unwrap_or(Path::new("/")) };
    let chain = finder.chain(dir)?;
    let mut settings = Settings::default();
    for f in &chain {
        let folder = f.path.parent().unwrap_or(Path::new("/"));
        let mut layer = f.settings.clone();
        anchor_excludes(&mut layer, folder);
        settings.overlay(&layer);
        let relative = anchor.strip_prefix(folder).ok();
        for o in f.overrides.iter().filter(|o| o.applies(name, relative)) {
            let mut layer = o.settings.clone();
            anchor_excludes(&mut layer, folder);
            settings.overlay(&layer);
        }
        check(&settings, &f.path, known)?;
    }
    let mut with_flags = settings.clone();
    with_flags.overlay(flags);
    // `--only` wins over a file's `disable` of the same transform; codes stay disabled.
    if flags.enable.is_some() {
        if let Some(disabled) = &mut with_flags.disable {
            disabled.retain(|d| analyzers::is_own_code(d) || flags.disable.as_ref().is_some_and(|f| f.contains(d)));
        }
    }
    let enabled = enabled_transforms(&with_flags, known);
    Ok(Resolved { files: chain.iter().map(|f| f.path.clone()).collect(), settings: with_flags, enabled })
}

/// Exclude globs are written relative to their file's folder; they are kept absolute.
fn anchor_excludes(settings: &mut Settings, folder: &Path) {
    if let Some(globs) = &mut settings.exclude {
        let base = globset::escape(&folder.to_string_lossy());
        for g in globs.iter_mut() {
            // As in .gitignore: a glob without `/` matches a name in any folder below; one with `/`, a path.
            let below = if g.contains('/') { g.trim_start_matches("./").to_string() } else { format!("**/{g}") };
            if !g.starts_with('/') {
                *g = format!("{base}/{below}");
            }
        }
    }
}

/// Checks the values a file sets: transform ids and codes that exist, a limit C# can hold.
fn check(settings: &Settings, path: &Path, known: Known) -> Result<(), String> {
    let shown = path.display();
    let is_transform = |id: &str| known.iter().any(|(k, _)| *k == id);
    for id in settings.enable.iter().flatten() {
        if !is_transform(id) {
            return Err(format!("{shown}: `enable` names an unknown transform `{id}`"));
        }
    }
    for id in settings.disable.iter().flatten() {
        if !is_transform(id) && !analyzers::is_own_code(id) {
            return Err(format!("{shown}: `disable` names `{id}`, neither a transform nor a code (ASYNCnnn)"));
        }
    }
    if let Some(n) = settings.max_concurrency {
        if n == 0 || n > MAX_CONCURRENCY {
            return Err(format!("{shown}: `max-concurrency` must be between 1 and {MAX_CONCURRENCY} (int.MaxValue)"));
        }
    }
    for key in settings.severity.iter().flat_map(|s| s.keys()) {
        if !matches!(key.as_str(), "fixable" | "reported") && !analyzers::is_own_code(key) {
            return Err(format!("{shown}: `severity` keys are `fixable`, `reported` or codes (ASYNCnnn), not `{key}`"));
        }
    }
    for glob in settings.exclude.iter().flatten() {
        globset::Glob::new(glob).map_err(|e| format!("{shown}: bad `exclude` glob `{glob}`: {e}"))?;
    }
    Ok(())
}

fn enabled_transforms(settings: &Settings, known: Known) -> Vec<String> {
    let disabled = settings.disable.clone().unwrap_or_default();
    known
        .iter()
        .filter(|(id, stable)| match &settings.enable {
            Some(only) => only.iter().any(|o| o == id),
            None => *stable || settings.preview == Some(true),
        })
        .filter(|(id, _)| !disabled.iter().any(|d| d == id))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// Resolves every project of the workspace (and the loose files' folders), and applies the result: each file's
/// project settings carry their project's `ProjectConfig`; excluded files are read for their calls only.
pub fn apply(ws: &mut Workspace, flags: &Settings, known: Known) -> Result<Resolution, String> {
    let mut finder = Finder::default();
    let mut out = Resolution::default();
    let mut by_anchor: BTreeMap<PathBuf, (String, Resolved)> = BTreeMap::new();
    for project in ws.projects() {
        let resolved = resolve_one(&mut finder, &project.path, Some(&project.name), flags, known)?;
        by_anchor.insert(absolute(&project.path), (project.display.clone(), resolved));
    }
    // Loose files (no project): settings by folder.
    let mut loose: BTreeMap<PathBuf, Resolved> = BTreeMap::new();
    for f in ws.files.iter().filter(|f| f.settings.project.is_none()) {
        let dir = absolute(&f.path).parent().map(Path::to_path_buf).unwrap_or_default();
        if let std::collections::btree_map::Entry::Vacant(slot) = loose.entry(dir) {
            let resolved = resolve_one(&mut finder, slot.key(), None, flags, known)?;
            slot.insert(resolved);
        }
    }
    if by_anchor.is_empty() && loose.is_empty() {
        let here = absolute(&std::env::current_dir().unwrap_or_default());
        let resolved = resolve_one(&mut finder, &here, None, flags, known)?;
        loose.insert(here, resolved);
    }
    let mut enabled: Vec<String> = Vec::new();
    for r in by_anchor.values().map(|(_, r)| r).chain(loose.values()) {
        for id in &r.enabled {
            if !enabled.contains(id) {
                enabled.push(id.clone());
            }
        }
        if let Some(n) = r.settings.max_concurrency {
            out.max_concurrency = Some(out.max_concurrency.map_or(n, |m: u64| m.min(n)));
        }
        if let Some(n) = r.settings.token_hops {
            out.token_hops = Some(out.token_hops.map_or(n, |m: u32| m.min(n)));
        }
    }
    enabled.sort_by_key(|id| known.iter().position(|(k, _)| k == id));
    out.enabled = enabled.clone();

    let display = |p: &Path| {
        let cwd = std::env::current_dir().unwrap_or_default();
        p.strip_prefix(&cwd).unwrap_or(p).to_string_lossy().replace('\\', "/")
    };
    let config_of = |r: &Resolved| -> ProjectConfig {
        let s = &r.settings;
        let source = r.files.last().map(|p| display(p));
        let mut disabled: Vec<String> = enabled.iter().filter(|id| !r.enabled.contains(id)).cloned().collect();
        disabled.extend(s.disable.iter().flatten().filter(|d| analyzers::is_own_code(d)).cloned());
        ProjectConfig {
            allow_boundaries: s.allow_boundaries,
            change_public_api: s.public_api.map(|p| p == file::PublicApi::Change),
            unsafe_fixes: s.unsafe_fixes,
            rename_async: s.rename_async,
            token_hops: s.token_hops,
            max_concurrency: s.max_concurrency.map(|n| n as usize),
            disabled,
            source,
        }
    };
    let mut replaced: HashMap<(*const ProjectSettings, PathBuf), Arc<ProjectSettings>> = HashMap::new();
    let mut excludes: HashMap<PathBuf, Option<globset::GlobSet>> = HashMap::new();
    for f in &mut ws.files {
        let key = match &f.settings.project {
            Some(p) => absolute(p),
            None => absolute(&f.path).parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let resolved = match by_anchor.get(&key) {
            Some((_, r)) => r,
            None => match loose.get(&key) {
                Some(r) => r,
                None => continue,
            },
        };
        let settings = replaced.entry((Arc::as_ptr(&f.settings), key.clone())).or_insert_with(|| {
            let mut s = ProjectSettings::clone(&f.settings);
            s.config = config_of(resolved);
            Arc::new(s)
        });
        f.settings = settings.clone();
        let set = excludes.entry(key).or_insert_with(|| {
            let globs = resolved.settings.exclude.as_ref()?;
            let mut b = globset::GlobSetBuilder::new();
            for g in globs {
                b.add(globset::GlobBuilder::new(g).literal_separator(false).build().ok()?);
            }
            b.build().ok()
        });
        if set.as_ref().is_some_and(|s| s.is_match(absolute(&f.path))) {
            let source = resolved.files.last().map(|p| display(p)).unwrap_or_default();
            f.context_only = true;
            f.read_only.get_or_insert(format!("is excluded by {source}"));
        }
    }
    let mut projects: Vec<(String, Resolved)> = by_anchor.into_values().collect();
    projects.extend(loose.into_iter().map(|(dir, r)| (format!("{} (files without a project)", display(&dir)), r)));
    out.projects = projects;
    Ok(out)
}
