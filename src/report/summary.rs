//! Human-readable lines: the per-finding `check` format and the run summary.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::{Outcome, RunResult, SiteReport, TransformId};

/// `path:line:col: transform: message (reason)`.
pub fn finding_line(site: &SiteReport) -> String {
    let what = match site.outcome {
        Outcome::Rewritten => format!("{} [fix: {}]", site.message, site.reason),
        Outcome::Reported => format!("{} [not fixed: {}]", site.message, site.reason),
        Outcome::LeftAlone => format!("{} [left alone: {}]", site.message, site.reason),
        Outcome::Suppressed => format!("{} [suppressed: {}]", site.message, site.suppression.as_deref().unwrap_or("")),
    };
    format!("{}:{}:{}: {}: {}", site.path, site.line, site.column, site.transform, what)
}

/// `path:line:col: transform CODE: message [fix: …]` or `[not fixed (CODE): reason]`: a `check` line, with the
/// stable codes of the finding and of the reason (for suppressions and CI tools).
pub fn check_line(site: &SiteReport) -> String {
    let code = |c: Option<crate::model::Code>| c.map(|c| format!(" ({c})")).unwrap_or_default();
    let what = match site.outcome {
        Outcome::Rewritten => {
            let level = site.safety.map(|s| format!(" ({})", s.as_str())).unwrap_or_default();
            format!("{} [fix{level}: {}]", site.message, site.reason)
        }
        Outcome::Reported => format!("{} [not fixed{}: {}]", site.message, code(site.reason_code), site.reason),
        Outcome::LeftAlone => format!("{} [left alone{}: {}]", site.message, code(site.reason_code), site.reason),
        Outcome::Suppressed => {
            format!("{} [suppressed: {}]", site.message, site.suppression.as_deref().unwrap_or(&site.reason))
        }
    };
    format!("{}:{}:{}: {} {}: {}", site.path, site.line, site.column, site.transform, site.code, what)
}

/// The closing summary (printed on stderr), with the reported sites listed.
pub fn summary(result: &RunResult, applied: bool) -> String {
    summary_listing(result, applied, true)
}

/// The closing summary. `list_reported`: also list the reported sites (`diff` and `apply`, whose stdout does not
/// show them; `check` prints each once on stdout).
pub fn summary_listing(result: &RunResult, applied: bool, list_reported: bool) -> String {
    let mut by_transform: BTreeMap<TransformId, [usize; 4]> = BTreeMap::new();
    for s in &result.sites {
        let slot = match s.outcome {
            Outcome::Rewritten => 0,
            Outcome::Reported => 1,
            Outcome::LeftAlone => 2,
            Outcome::Suppressed => 3,
        };
        by_transform.entry(s.transform).or_default()[slot] += 1;
    }
    let mut out = String::new();
    let verb = if applied { "changed" } else { "would change" };
    let broken = match result.files_with_parse_errors.len() {
        0 => String::new(),
        n => format!(", {n} with parse errors"),
    };
    let _ = writeln!(
        out,
        "asyncmod: {} scanned ({} parsed), {} {verb}, {} skipped with errors{broken}",
        files(result.files_scanned),
        result.files_parsed,
        result.changes.len(),
        result.errors.len()
    );
    for (t, [rewritten, reported, left, suppressed]) in &by_transform {
        let suppressed = if *suppressed > 0 { format!(", {suppressed} suppressed") } else { String::new() };
        let _ = writeln!(out, "  {t}: {rewritten} rewritten, {reported} reported, {left} left alone{suppressed}");
    }
    let reported: Vec<&SiteReport> = result.sites.iter().filter(|s| s.outcome == Outcome::Reported).collect();
    if list_reported && !reported.is_empty() {
        let _ = writeln!(out, "reported (not fixed):");
        for s in reported {
            let _ = writeln!(out, "  {}", finding_line(s));
        }
    }
    for note in &result.notes {
        let _ = writeln!(out, "note: {note}");
    }
    for w in &result.warnings {
        let _ = writeln!(out, "warning: {}: {}", w.path, w.message);
    }
    out
}

/// "1 file", "3 files".
pub fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

/// The files that could not be processed: printed even with `-q`, which silences only the summary.
pub fn errors(result: &RunResult) -> String {
    let mut out = String::new();
    for e in &result.errors {
        let _ = writeln!(out, "error: {}: {}", e.path, e.message);
    }
    out
}
