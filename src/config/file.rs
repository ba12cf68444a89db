//! `asyncmod.toml`: the settings a code base keeps for asyncmod, with `[[overrides]]` by project name or path.
//! Every key is checked: an unknown one is an error naming the key and the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file name looked for, from each input's folder up.
pub const FILE_NAME: &str = "asyncmod.toml";

/// A severity for a report format: `warning` for fixable findings and `note` for reported ones by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublicApi {
    Keep,
    Change,
}

/// The keys a file or an override may set. `None`: not set here.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Transforms to run (like `--only`).
    pub enable: Option<Vec<String>>,
    /// Transforms not to run, and codes whose findings are suppressed.
    pub disable: Option<Vec<String>>,
    pub preview: Option<bool>,
    pub unsafe_fixes: Option<bool>,
    pub max_concurrency: Option<u64>,
    pub rename_async: Option<bool>,
    pub allow_boundaries: Option<bool>,
    pub public_api: Option<PublicApi>,
    pub token_hops: Option<u32>,
    /// Globs of files (relative to the file's folder) that are read for their calls but never changed or reported.
    pub exclude: Option<Vec<String>>,
    /// `fixable`, `reported` or a code, to a level.
    pub severity: Option<BTreeMap<String, Level>>,
}

/// The keys of `Settings`, as written.
pub const SETTINGS_KEYS: &[&str] = &[
    "enable",
    "disable",
    "preview",
    "unsafe-fixes",
    "max-concurrency",
    "rename-async",
    "allow-boundaries",
    "public-api",
    "token-hops",
    "exclude",
    "severity",
];

impl Settings {
    /// `self` with every key `nearer` sets taken from it.
    pub fn overlay(&mut self, nearer: &Settings) {
        macro_rules! take {
            ($($key:ident),*) => { $( if nearer.$key.is_some() { self.$key = nearer.$key.clone(); } )* };
        }
        take!(
            enable,
            disable,
            preview,
            unsafe_fixes,
            max_concurrency,
            rename_async,
            allow_boundaries,
            public_api,
            token_hops,
            severity
        );
        // Excludes add up: each file's globs are its own folder's.
        if let Some(more) = &nearer.exclude {
            self.exclude.get_or_insert_with(Vec::new).extend(more.iter().cloned());
        }
    }
}

/// An `[[overrides]]` table: settings for the projects it names or whose path matches one of its globs.
#[derive(Clone, Debug, Default)]
pub struct Override {
    pub projects: Vec<String>,
    pub paths: Vec<globset::GlobMatcher>,
    pub settings: Settings,
}

/// One `asyncmod.toml`.
#[derive(Clone, Debug, Default)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub root: bool,
    pub settings: Settings,
    pub overrides: Vec<Override>,
}

/// Reads and checks one file. Errors name the file and, for an unknown key, the key.
pub fn read(path: &Path) -> Result<ConfigFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(&text, path)
}

fn parse(text: &str, path: &Path) -> Result<ConfigFile, String> {
    let shown = path.display();
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| format!("{shown}: {}", e.message()))?;
    let mut base = toml::Table::new();
    let mut file = ConfigFile { path: path.to_path_buf(), ..Default::default() };
    for (key, value) in table {
        match key.as_str() {
            "root" => file.root = value.as_bool().ok_or_else(|| format!("{shown}: `root` must be true or false"))?,
            "overrides" => {
                let list =
                    value.as_array().ok_or_else(|| format!("{shown}: `overrides` must be [[overrides]] tables"))?;
                for entry in list {
                    file.overrides.push(parse_override(entry, path)?);
                }
            }
            k if SETTINGS_KEYS.contains(&k) => {
                base.insert(key, value);
            }
            other => return Err(unknown_key(other, "", path)),
        }
    }
    file.settings = settings_of(base, path, "")?;
    Ok(file)
}

fn unknown_key(key: &str, within: &str, path: &Path) -> String {
    let known: Vec<&str> = SETTINGS_KEYS.iter().copied().chain(["root", "overrides"]).collect();
    format!("{}: unknown key `{key}`{within} (known keys: {})", path.display(), known.join(", "))
}

fn settings_of(table: toml::Table, path: &Path, within: &str) -> Result<Settings, String> {
    toml::Value::Table(table)
        .try_into::<Settings>()
        .map_err(|e| format!("{}: {}{within}", path.display(), e.message().trim_end()))
}

fn parse_override(value: &toml::Value, path: &Path) -> Result<Override, String> {
    let shown = path.display();
    let table = value.as_table().ok_or_else(|| format!("{shown}: each [[overrides]] entry must be a table"))?;
    let mut settings = toml::Table::new();
    let mut out = Override::default();
    let strings = |v: &toml::Value, key: &str| -> Result<Vec<String>, String> {
        let list = match v {
            toml::Value::String(s) => vec![s.clone()],
            toml::Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
            _ => return Err(format!("{shown}: `{key}` in [[overrides]] must be a string or a list of strings")),
        };
        Ok(list)
    };
    for (key, v) in table {
        match key.as_str() {
            "projects" => out.projects = strings(v, key)?,
            "paths" => {
                for glob in strings(v, key)? {
                    let g = globset::GlobBuilder::new(&glob)
                        .literal_separator(true)
                        .build()
                        .map_err(|e| format!("{shown}: bad glob `{glob}` in [[overrides]]: {e}"))?;
                    out.paths.push(g.compile_matcher());
                }
            }
            k if SETTINGS_KEYS.contains(&k) => {
                settings.insert(key.clone(), v.clone());
            }
            other => {
                return Err(
                    unknown_key(other, " in [[overrides]]", path).replace(", root, overrides", ", projects, paths")
                )
            }
        }
    }
    if out.projects.is_empty() && out.paths.is_empty() {
        return Err(format!("{shown}: an [[overrides]] entry needs `projects` or `paths` to say what it applies to"));
    }
    out.settings = settings_of(settings, path, " in [[overrides]]")?;
    Ok(out)
}

impl Override {
    /// Whether it applies to the project `name` whose file (or, for loose files, the file itself) is at
    /// `relative`, a path from the config file's folder.
    pub fn applies(&self, name: Option<&str>, relative: Option<&Path>) -> bool {
        name.is_some_and(|n| self.projects.iter().any(|p| p.eq_ignore_ascii_case(n)))
            || relative.is_some_and(|r| self.paths.iter().any(|g| g.is_match(r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_overrides() {
        let text = "root = true\npreview = true\nmax-concurrency = 4\ndisable = [\"ASYNC253\"]\n\n[[overrides]]\nprojects = [\"Shop.Wpf\"]\nallow-boundaries = false\n\n[[overrides]]\npaths = \"web/**\"\nallow-boundaries = true\n";
        let f = parse(text, Path::new("/x/asyncmod.toml")).unwrap();
        assert!(f.root);
        assert_eq!(f.settings.preview, Some(true));
        assert_eq!(f.settings.max_concurrency, Some(4));
        assert_eq!(f.overrides.len(), 2);
        assert!(f.overrides[0].applies(Some("shop.wpf"), None));
        assert!(f.overrides[1].applies(None, Some(Path::new("web/Shop.Web/Shop.Web.csproj"))));
        assert!(!f.overrides[1].applies(Some("Shop.Wpf"), Some(Path::new("desktop/A.csproj"))));
    }

    #[test]
    fn unknown_keys_name_the_key_and_the_file() {
        let e = parse("prevew = true\n", Path::new("/x/asyncmod.toml")).unwrap_err();
        assert!(e.starts_with("/x/asyncmod.toml: unknown key `prevew`"), "{e}");
        let e = parse("[[overrides]]\nprojects = \"A\"\nalow-boundaries = true\n", Path::new("/x/asyncmod.toml"))
            .unwrap_err();
        assert!(e.contains("unknown key `alow-boundaries` in [[overrides]]"), "{e}");
        let e = parse("preview = \"yes\"\n", Path::new("/x/asyncmod.toml")).unwrap_err();
        assert!(e.starts_with("/x/asyncmod.toml: "), "{e}");
    }
}
