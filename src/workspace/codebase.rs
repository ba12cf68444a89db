//! Separate code bases in one run: which inputs belong together, and how a run of several unrelated ones splits
//! into parts that are planned one after the other, each as if it had been given alone.
//!
//! A file of no project may be compiled with anything, so within a code base it sees and is seen by every
//! project. Two repositories given together share nothing of the kind: the compiler never reads one's loose files
//! with the other's projects. Planning them apart gives each the answer a run of its own gives, and holds one
//! code base's facts at a time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Workspace;

/// The folder of the code base an input lies in: the repository around it (the nearest folder at or above it that
/// holds `.git`), or else the nearest folder that holds a solution (`.sln`, `.slnx`). Two inputs of one repository
/// are one code base even where each has a solution of its own. `None` when no folder marks one: the input may be
/// a part of anything (a folder of shared sources that another input's project links by a path the project model
/// cannot resolve), and is kept apart from nothing.
pub(super) fn home(root: &Path) -> Option<PathBuf> {
    let start = if root.is_dir() { root } else { root.parent().unwrap_or(root) };
    let holds_solution = |dir: &Path| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                Path::new(&e.file_name())
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("sln") || x.eq_ignore_ascii_case("slnx"))
            })
        })
    };
    let repository = start.ancestors().find(|dir| dir.join(".git").exists());
    repository.or_else(|| start.ancestors().find(|dir| holds_solution(dir))).map(Path::to_path_buf)
}

/// Groups of numbers joined by `union`.
struct Groups(Vec<usize>);

impl Groups {
    fn new(n: usize) -> Groups {
        Groups((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        // The smaller number leads, so a group's leader is its first code base.
        self.0[a.max(b)] = a.min(b);
    }
}

impl Workspace {
    /// The workspace as parts that share nothing: one per group of code bases that projects reference across,
    /// in the order of their first code base. Each part is what a run given only its inputs would read. One part,
    /// the workspace itself, when the run holds one code base, or when a file or project could belong to several
    /// (a file of no project outside every input, a project that no code base's files lead to).
    pub fn independent_parts(self) -> Vec<Workspace> {
        let bases = self.codebases.len();
        if bases < 2 {
            return vec![self];
        }
        let project_number: HashMap<PathBuf, usize> =
            self.projects.iter().enumerate().map(|(i, p)| (p.path.clone(), bases + i)).collect();
        let mut groups = Groups::new(bases + self.projects.len());
        for f in &self.files {
            let project = f.settings.project.as_deref().and_then(|p| project_number.get(p).copied());
            match (f.codebase, project) {
                (Some(c), Some(p)) => groups.union(c as usize, p),
                (None, None) => return vec![self],
                _ => {}
            }
        }
        for (i, p) in self.projects.iter().enumerate() {
            for r in &p.references {
                if let Some(&q) = project_number.get(r) {
                    groups.union(bases + i, q);
                }
            }
        }
        // Every group leads to a code base (its leader is one), or the split would lose it.
        let leaders: Vec<usize> = (0..bases + self.projects.len()).map(|x| groups.find(x)).collect();
        if leaders.iter().any(|&l| l >= bases) {
            return vec![self];
        }
        let mut part_of_leader: Vec<Option<usize>> = vec![None; bases];
        let mut parts: Vec<Workspace> = Vec::new();
        for &leader in &leaders[..bases] {
            if part_of_leader[leader].is_none() {
                part_of_leader[leader] = Some(parts.len());
                parts.push(Workspace::default());
            }
        }
        if parts.len() < 2 {
            return vec![self];
        }
        let part_of = |number: usize| part_of_leader[leaders[number]].expect("every leader is a code base");
        let Workspace { files, problems, notes, projects, codebases } = self;
        for f in files {
            let project = f.settings.project.as_deref().and_then(|p| project_number.get(p).copied());
            let part = f.codebase.map(|c| c as usize).or(project).map(part_of).expect("checked above");
            parts[part].files.push(f);
        }
        for (i, p) in projects.into_iter().enumerate() {
            parts[part_of(bases + i)].projects.push(p);
        }
        for (c, folder) in codebases.into_iter().enumerate() {
            parts[part_of(c)].codebases.push(folder);
        }
        let numbering: Vec<u32> = {
            let mut seen = vec![0u32; parts.len()];
            (0..bases)
                .map(|c| {
                    let p = part_of(c);
                    seen[p] += 1;
                    seen[p] - 1
                })
                .collect()
        };
        // A part of one code base is a run of one: nothing to keep apart. A part of several (joined by project
        // references) numbers its own.
        for part in &mut parts {
            let separate = part.codebases.len() > 1;
            for f in &mut part.files {
                f.codebase = if separate { f.codebase.map(|c| numbering[c as usize]) } else { None };
            }
        }
        // What discovery found concerns the whole run: the first part reports it.
        parts[0].problems = problems;
        parts[0].notes = notes;
        parts
    }
}
