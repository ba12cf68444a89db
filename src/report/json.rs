//! Machine output. The schema is versioned: fields are only ever added.

use serde::Serialize;

use crate::model::{FileError, RunResult, SiteReport};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonChange<'a> {
    path: &'a str,
    diff: String,
}

/// A site with what only a report knows: its level and its documentation.
#[derive(Serialize)]
struct JsonSite<'a> {
    #[serde(flatten)]
    site: &'a SiteReport,
    /// `warning` for a finding asyncmod fixes, `note` for one it reports (`[severity]` in asyncmod.toml).
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'static str>,
    /// The code's documentation in the repository (`docs/codes.md#async001`).
    help: String,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    command: &'a str,
    files_scanned: usize,
    files_parsed: usize,
    files_changed: usize,
    sites: Vec<JsonSite<'a>>,
    changes: Vec<JsonChange<'a>>,
    errors: &'a [FileError],
    notes: &'a [String],
    warnings: &'a [FileError],
    /// Parsed files whose code does not all parse: sites in them may be missing.
    files_with_parse_errors: &'a [String],
}

pub fn render(result: &RunResult, command: &str) -> String {
    render_with_levels(result, command, &|_| None)
}

/// `render`, with each finding's level (`None` for sites that are no finding: left alone, suppressed).
pub fn render_with_levels(
    result: &RunResult,
    command: &str,
    level: &dyn Fn(&SiteReport) -> Option<&'static str>,
) -> String {
    let report = JsonReport {
        schema_version: SCHEMA_VERSION,
        command,
        files_scanned: result.files_scanned,
        files_parsed: result.files_parsed,
        files_changed: result.changes.len(),
        sites: result
            .sites
            .iter()
            .map(|site| JsonSite { site, level: level(site), help: super::formats::help_path(site.code.0) })
            .collect(),
        changes: result
            .changes
            .iter()
            .map(|c| JsonChange { path: &c.source.display, diff: super::diff::unified(c) })
            .collect(),
        errors: &result.errors,
        notes: &result.notes,
        warnings: &result.warnings,
        files_with_parse_errors: &result.files_with_parse_errors,
    };
    serde_json::to_string_pretty(&report).expect("the report holds only strings and numbers")
}
