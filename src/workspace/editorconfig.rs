//! `.editorconfig` properties that say how a code base wants its code written: where `System` usings go
//! (`dotnet_sort_system_directives_first`), whether an analyzer rule is on (`dotnet_diagnostic.CA2007.severity`).
//! A file's properties come from every `.editorconfig` from its folder up to one that says `root = true`, the
//! nearest winning, and within a file the last matching section.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// One `.editorconfig` file: its sections in order, each a glob and its properties.
#[derive(Debug, Default)]
struct Config {
    root: bool,
    sections: Vec<Section>,
}

/// A section's glob (`None` when it cannot be read: it matches nothing) and its properties, in order.
type Section = (Option<globset::GlobMatcher>, Vec<(String, String)>);

/// Parsed `.editorconfig` files by folder (`None`: the folder has none); a run asks for few folders many times.
fn cache() -> &'static Mutex<HashMap<PathBuf, Option<Arc<Config>>>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Option<Arc<Config>>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn config_in(dir: &Path) -> Option<Arc<Config>> {
    if let Some(found) = cache().lock().ok().and_then(|c| c.get(dir).cloned()) {
        return found;
    }
    let parsed = std::fs::read_to_string(dir.join(".editorconfig")).ok().map(|text| Arc::new(parse(&text)));
    if let Ok(mut c) = cache().lock() {
        c.insert(dir.to_path_buf(), parsed.clone());
    }
    parsed
}

fn parse(text: &str) -> Config {
    let mut config = Config::default();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(glob) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            // A glob without `/` matches a file name anywhere below; one with `/` a path from this folder.
            let anchored = glob.contains('/');
            let pattern = if anchored { glob.trim_start_matches('/').to_string() } else { format!("**/{glob}") };
            // `**` matches across folders even when more follows it in the same component (`src/**.cs`).
            let pattern = pattern.replace("**/", "\u{0}").replace("**", "**/*").replace('\u{0}', "**/");
            let matcher = globset::GlobBuilder::new(&pattern).literal_separator(true).build();
            config.sections.push((matcher.ok().map(|g| g.compile_matcher()), Vec::new()));
            continue;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim().to_string());
        match config.sections.last_mut() {
            Some((_, props)) => props.push((key, value)),
            None if key == "root" => config.root = value.eq_ignore_ascii_case("true"),
            None => {}
        }
    }
    config
}

/// The value of `key` (lower case) for `file`, as the nearest `.editorconfig` that sets it says.
pub fn property(file: &Path, key: &str) -> Option<String> {
    let file = std::path::absolute(file).ok()?;
    let mut dir = file.parent();
    while let Some(d) = dir {
        if let Some(config) = config_in(d) {
            let relative = file.strip_prefix(d).ok()?;
            let value = config
                .sections
                .iter()
                .rev()
                .filter(|(m, _)| m.as_ref().is_some_and(|m| m.is_match(relative)))
                .find_map(|(_, props)| props.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
            if value.is_some() {
                return value;
            }
            if config.root {
                return None;
            }
        }
        dir = d.parent();
    }
    None
}

/// A boolean property: `Some(true)` / `Some(false)` when set to `true` / `false`.
pub fn flag(file: &Path, key: &str) -> Option<bool> {
    let value = property(file, key)?;
    // `dotnet_sort_system_directives_first = true:warning` (an old severity suffix) still says true.
    let value = value.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
    match value.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Whether an analyzer rule is turned on as a warning or an error (`dotnet_diagnostic.<id>.severity`).
pub fn rule_enforced(file: &Path, rule: &str) -> Option<bool> {
    let value = property(file, &format!("dotnet_diagnostic.{}.severity", rule.to_ascii_lowercase()))?;
    Some(matches!(value.trim().to_ascii_lowercase().as_str(), "warning" | "error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_file_and_last_section_win() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("src");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join(".editorconfig"),
            "root = true\n[*]\ndotnet_sort_system_directives_first = false\n[*.{cs,vb}]\nDOTNET_SORT_SYSTEM_DIRECTIVES_FIRST = true\ndotnet_diagnostic.CA2007.severity = none\n",
        )
        .unwrap();
        std::fs::write(sub.join(".editorconfig"), "[*.cs]\ndotnet_diagnostic.CA2007.severity = error\n").unwrap();
        let top = dir.path().join("A.cs");
        let below = sub.join("B.cs");
        assert_eq!(flag(&top, "dotnet_sort_system_directives_first"), Some(true));
        assert_eq!(flag(&below, "dotnet_sort_system_directives_first"), Some(true));
        assert_eq!(rule_enforced(&top, "CA2007"), Some(false));
        assert_eq!(rule_enforced(&below, "CA2007"), Some(true));
        assert_eq!(flag(&dir.path().join("x.txt"), "dotnet_sort_system_directives_first"), Some(false));
    }

    #[test]
    fn globs_with_a_slash_are_anchored_at_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tests/unit")).unwrap();
        std::fs::write(dir.path().join(".editorconfig"), "root = true\n[tests/**.cs]\nkey = yes\n").unwrap();
        assert_eq!(property(&dir.path().join("tests/unit/A.cs"), "key").as_deref(), Some("yes"));
        assert_eq!(property(&dir.path().join("src/tests/A.cs"), "key"), None);
    }
}
