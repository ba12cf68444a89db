//! `.sln` and `.slnx` files: the C# projects they list.

use std::path::{Path, PathBuf};

/// Project paths listed by a solution file, resolved against its folder.
pub fn projects_in(solution: &Path) -> Result<Vec<PathBuf>, String> {
    let text = std::fs::read_to_string(solution).map_err(|e| format!("cannot read solution file: {e}"))?;
    let dir = solution.parent().unwrap_or(Path::new("."));
    let is_slnx = solution.extension().is_some_and(|e| e.eq_ignore_ascii_case("slnx"));
    let listed = if is_slnx { parse_slnx(&text)? } else { parse_sln(&text)? };
    Ok(listed.into_iter().map(|p| dir.join(p.replace('\\', "/"))).collect())
}

/// `Project("{type-guid}") = "Name", "relative\path.csproj", "{guid}"` lines.
pub fn parse_sln(text: &str) -> Result<Vec<String>, String> {
    let text = text.trim_start_matches('\u{feff}');
    if !text.contains("Microsoft Visual Studio Solution File") && !text.lines().any(|l| l.starts_with("Project(")) {
        return Err(
            "malformed solution file: no 'Microsoft Visual Studio Solution File' header and no Project lines".into()
        );
    }
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.trim_start().starts_with("Project(")) {
        let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        // quoted: [type-guid, name, path, guid]
        if let Some(path) = quoted.get(2) {
            if path.to_ascii_lowercase().ends_with(".csproj") {
                out.push(path.to_string());
            }
        }
    }
    Ok(out)
}

pub fn parse_slnx(text: &str) -> Result<Vec<String>, String> {
    let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("malformed solution file: {e}"))?;
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name("Project"))
        .filter_map(|n| n.attribute("Path"))
        .filter(|p| p.to_ascii_lowercase().ends_with(".csproj"))
        .map(String::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sln_projects() {
        let sln = "Microsoft Visual Studio Solution File, Format Version 12.00\n\
Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"src\\App\\App.csproj\", \"{1}\"\nEndProject\n\
Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"docs\", \"docs\", \"{2}\"\nEndProject\n";
        assert_eq!(parse_sln(sln).unwrap(), vec!["src\\App\\App.csproj"]);
        assert!(parse_sln("hello").is_err());
    }

    #[test]
    fn reads_slnx_projects() {
        let x = r#"<Solution><Folder Name="/src/"><Project Path="src/A/A.csproj" /></Folder><Project Path="B.vbproj"/></Solution>"#;
        assert_eq!(parse_slnx(x).unwrap(), vec!["src/A/A.csproj"]);
    }
}
