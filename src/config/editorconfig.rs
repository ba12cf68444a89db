//! `.editorconfig`: `dotnet_diagnostic.<ID>.severity = none` (or `silent`) turns an analyzer rule off for the
//! files its section's glob matches; asyncmod reads it for the rules it stands in for and for its own codes.
//! Files are read from the file's folder up to one that says `root = true`; the nearest file wins, and within a
//! file the last matching section.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A section: its glob (relative to the file's folder; `None` when it cannot be read: it matches nothing) and the
/// diagnostic severities it sets, (id, severity, line).
type Section = (Option<globset::GlobMatcher>, Vec<(String, String, usize)>);

/// One `.editorconfig`: its sections in order.
#[derive(Debug, Default)]
struct File {
    root: bool,
    sections: Vec<Section>,
}

fn parse(text: &str) -> File {
    let mut file = File::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(glob) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            file.sections.push((section_glob(glob), Vec::new()));
            continue;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let (key, value) = (key.trim(), value.trim().to_ascii_lowercase());
        let lower = key.to_ascii_lowercase();
        match file.sections.last_mut() {
            None if lower == "root" => file.root = value == "true",
            None => {}
            Some((_, props)) => {
                let prefix = "dotnet_diagnostic.".len();
                if lower.starts_with("dotnet_diagnostic.") && lower.ends_with(".severity") && key.len() > prefix + 9 {
                    props.push((key[prefix..key.len() - ".severity".len()].to_string(), value, n + 1));
                }
            }
        }
    }
    file
}

/// An editorconfig section glob as a matcher of paths relative to the file's folder: one without `/` matches a
/// file name in any folder below, one with `/` a path from the folder.
fn section_glob(glob: &str) -> Option<globset::GlobMatcher> {
    let pattern = if glob.contains('/') { glob.trim_start_matches('/').to_string() } else { format!("**/{glob}") };
    // `**` crosses folders even inside a component (`src/**.cs`), which globset takes only as a whole component.
    let pattern = pattern.replace("**/", "\u{0}").replace("**", "**/*").replace('\u{0}', "**/");
    globset::GlobBuilder::new(&pattern).literal_separator(true).build().ok().map(|g| g.compile_matcher())
}

/// The `.editorconfig` files read so far, by folder (`None`: the folder has none).
#[derive(Default)]
pub struct EditorConfigs {
    files: HashMap<PathBuf, Option<Arc<File>>>,
}

/// A rule an `.editorconfig` turns off for a file: its id, and where ("`.editorconfig` line 4: dotnet_diagnostic.
/// VSTHRD002.severity = none").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Off {
    pub id: String,
    pub how: String,
}

impl EditorConfigs {
    fn in_folder(&mut self, dir: &Path) -> Option<Arc<File>> {
        if let Some(found) = self.files.get(dir) {
            return found.clone();
        }
        let parsed = std::fs::read_to_string(dir.join(".editorconfig")).ok().map(|t| Arc::new(parse(&t)));
        self.files.insert(dir.to_path_buf(), parsed.clone());
        parsed
    }

    /// The diagnostic ids turned off (`none` or `silent`) for `path` (absolute), with where.
    pub fn rules_off(&mut self, path: &Path, display_dir: &dyn Fn(&Path) -> String) -> Vec<Off> {
        let mut chain: Vec<(PathBuf, Arc<File>)> = Vec::new();
        let mut dir = path.parent();
        while let Some(d) = dir {
            if let Some(f) = self.in_folder(d) {
                let root = f.root;
                chain.push((d.to_path_buf(), f));
                if root {
                    break;
                }
            }
            dir = d.parent();
        }
        // Farthest first, so that nearer files and later sections overwrite. Where each setting is written is
        // spelled out only for the rules it turns off: most files see many settings and few of those.
        let mut severities: HashMap<String, (&str, &str, &Path, usize)> = HashMap::new();
        for (dir, file) in chain.iter().rev() {
            let Ok(relative) = path.strip_prefix(dir) else { continue };
            for (glob, props) in &file.sections {
                if !glob.as_ref().is_some_and(|g| g.is_match(relative)) {
                    continue;
                }
                for (id, value, line) in props {
                    severities.insert(id.to_ascii_uppercase(), (id.as_str(), value.as_str(), dir.as_path(), *line));
                }
            }
        }
        let mut off: Vec<Off> = severities
            .into_iter()
            .filter(|(_, (_, value, _, _))| *value == "none" || *value == "silent")
            .map(|(key, (id, value, dir, line))| {
                let folder = display_dir(dir);
                let shown = if folder.is_empty() || folder == "." {
                    ".editorconfig".to_string()
                } else {
                    format!("{folder}/.editorconfig")
                };
                let how = format!("`dotnet_diagnostic.{id}.severity = {value}` in {shown} line {line}");
                Off { id: key, how }
            })
            .collect();
        off.sort_by(|a, b| a.id.cmp(&b.id));
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_file_and_last_section_win() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/Legacy")).unwrap();
        std::fs::write(
            root.join(".editorconfig"),
            "root = true\n[*.cs]\ndotnet_diagnostic.VSTHRD002.severity = none\n[Legacy/**.cs]\ndotnet_diagnostic.CA2016.severity = none\n",
        )
        .unwrap();
        std::fs::write(root.join("src/.editorconfig"), "[*.cs]\ndotnet_diagnostic.VSTHRD002.severity = warning\n[Legacy/*.cs]\ndotnet_diagnostic.VSTHRD100.severity = silent\n").unwrap();
        let mut configs = EditorConfigs::default();
        let show = |d: &Path| d.display().to_string();
        let ids = |p: &str, c: &mut EditorConfigs| -> Vec<String> {
            c.rules_off(&root.join(p), &show).into_iter().map(|o| o.id).collect()
        };
        assert_eq!(ids("A.cs", &mut configs), ["VSTHRD002"]);
        assert!(ids("src/A.cs", &mut configs).is_empty());
        assert_eq!(ids("src/Legacy/B.cs", &mut configs), ["VSTHRD100"]);
        let off = configs.rules_off(&root.join("A.cs"), &show);
        assert!(off[0].how.contains("line 3"), "{off:?}");
    }
}
