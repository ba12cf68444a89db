//! Passes over a run's own output, so that one run does what running asyncmod again would.
//!
//! A rewrite can restructure code that holds another site: a fan-out inside the lambda of another fan-out, or
//! (before C# 8) the statements a `using` block now wraps. Both rewrites' edits cannot be applied to the same
//! text at once, so the planner reports the inner site and marks it (`Planner::revisit_later`). Left at that,
//! a second run would rewrite it: the tool would not be idempotent. Instead the pipeline runs again on the
//! rewritten files, held in memory, and that pass's verdict replaces the report. The diff goes from the files
//! on disk to the last pass's output; sites keep their positions in the files on disk.

use std::collections::HashMap;
use std::time::Instant;

use super::{run_pass, Pass, Reader, Revisit, RunOptions};
use crate::model::{FileChange, FileError, Outcome, RunResult, SiteReport};
use crate::source::Encoding;
use crate::workspace::Workspace;

/// Passes in one run at most. Each pass resolves one level of nesting; deeper nesting than this is rare enough
/// to leave to another run, which the report then says.
const MAX_PASSES: usize = 4;

/// A site's code as a later pass finds it again: without whitespace, which re-indenting changes.
pub(super) fn anchor_key(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A revisited site of the first pass, by its index in the result's sites, and its anchor.
struct Pending {
    site: usize,
    anchor: String,
}

pub(super) fn run_passes(ws: &Workspace, options: &RunOptions) -> RunResult {
    let Pass { mut result, revisit } = run_pass(ws, options, &Reader::default());
    let mut pending = first_pass_pending(&result, revisit);
    // Later passes report no progress: the display has already counted every file once.
    let quiet = RunOptions { progress: None, ..options.clone() };
    let mut passes = 1;
    let mut found_later: Vec<SiteReport> = Vec::new();
    while !pending.is_empty() && passes < MAX_PASSES {
        let started = Instant::now();
        // A pass needs the text only, and UTF-8 with a BOM reads back as exactly that text, even one the file's own
        // encoding cannot hold (writing refuses it). Its changes go into this pass's, which keep the file's encoding.
        let as_text = |t: &str| Encoding::Utf8 { bom: true }.encode(t).expect("UTF-8 holds any text");
        let reader = Reader {
            rewritten: result.changes.iter().map(|c| (c.source.path.clone(), as_text(&c.new_text))).collect(),
        };
        let Pass { result: mut next, revisit: next_revisit } = run_pass(ws, &quiet, &reader);
        passes += 1;
        // This pass's change sets follow the earlier ones, so that a review asks about them after those.
        let found_later_last = found_later.iter().filter_map(|s| s.change_set).max().unwrap_or(0);
        next.number_change_sets_after(result.last_change_set().max(found_later_last));
        for set in &mut next.change_sets {
            set.pass = passes;
        }
        pending = take_verdicts(&mut result, pending, &next, &next_revisit, &mut found_later);
        result.change_sets.append(&mut next.change_sets);
        merge_changes(&mut result.changes, next.changes);
        merge_errors(&mut result.errors, next.errors);
        result.stats.phases.push(("pass over the rewritten files", started.elapsed()));
    }
    for p in pending {
        let site = &mut result.sites[p.site];
        site.reason.push_str(&format!(
            "; nested too deep for one run ({MAX_PASSES} passes): run asyncmod again to rewrite it as well"
        ));
    }
    if !found_later.is_empty() {
        result.sites.extend(found_later);
        result.sites.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    result
}

/// The first pass's revisited sites, found among its reports.
fn first_pass_pending(result: &RunResult, revisit: Vec<Revisit>) -> Vec<Pending> {
    revisit
        .into_iter()
        .filter_map(|r| {
            let site = result.sites.iter().position(|s| is_site(s, &r))?;
            Some(Pending { site, anchor: r.anchor })
        })
        .collect()
}

fn is_site(s: &SiteReport, r: &Revisit) -> bool {
    s.path == r.path && s.range == r.range && s.outcome == Outcome::Reported
}

/// Gives each pending site the verdict of the same site in `next`, found by file, transform and code, in order.
/// Returns the sites `next` marked for another pass in turn. A rewrite `next` made at a site the run had not
/// reported goes to `found_later`.
fn take_verdicts(
    result: &mut RunResult,
    pending: Vec<Pending>,
    next: &RunResult,
    next_revisit: &[Revisit],
    found_later: &mut Vec<SiteReport>,
) -> Vec<Pending> {
    // `next` read each file this pass changed as `new_text`: its sites' ranges are into that text.
    let texts: HashMap<&str, &str> =
        result.changes.iter().map(|c| (c.source.display.as_str(), c.new_text.as_str())).collect();
    let mut taken = vec![false; next.sites.len()];
    let mut still = Vec::new();
    for p in pending {
        let mine = &result.sites[p.site];
        let found = next.sites.iter().enumerate().position(|(j, s)| {
            !taken[j]
                && s.path == mine.path
                && s.transform == mine.transform
                && texts.get(s.path.as_str()).and_then(|t| t.get(s.range.clone())).map(anchor_key).as_ref()
                    == Some(&p.anchor)
        });
        let rewritten = texts.contains_key(mine.path.as_str());
        let site = &mut result.sites[p.site];
        let Some(j) = found else {
            site.reason = if rewritten {
                // The pass over the output did not meet this code again: that rewrite left nothing to do here.
                format!("{}; after that rewrite, nothing is left to do here", site.reason)
            } else {
                // The file's rewrite was refused (its error says why), so the code was never restructured.
                format!("{}, which was not made: see the error for this file", site.reason)
            };
            continue;
        };
        taken[j] = true;
        let verdict = &next.sites[j];
        if next_revisit.iter().any(|r| is_site(verdict, r)) {
            // Blocked again, by a rewrite of this pass: the first reason names a line of the files on disk.
            still.push(p);
            continue;
        }
        site.outcome = verdict.outcome;
        site.reason = verdict.reason.clone();
        site.reason_code = verdict.reason_code;
        site.safety = verdict.safety;
        site.change_set = verdict.change_set;
        site.root = verdict.root;
    }
    // Not expected (each pass is idempotent but for the revisited sites), yet never silent: shown where that
    // pass found it.
    for (j, s) in next.sites.iter().enumerate() {
        let known = |r: &SiteReport| r.path == s.path && r.range == s.range && r.transform == s.transform;
        if !taken[j] && s.outcome == Outcome::Rewritten && !found_later.iter().any(known) {
            let mut extra = s.clone();
            extra.reason.push_str(" (found by a pass over the rewritten files; the position is in that text)");
            found_later.push(extra);
        }
    }
    still
}

/// The later pass's output replaces the first's; a file only the later pass changed is added.
fn merge_changes(changes: &mut Vec<FileChange>, next: Vec<FileChange>) {
    for n in next {
        match changes.iter_mut().find(|c| c.source.path == n.source.path) {
            Some(c) => c.new_text = n.new_text,
            None => changes.push(n),
        }
    }
    changes.retain(|c| *c.new_text != *c.source.text());
    changes.sort_by(|a, b| a.source.display.cmp(&b.source.display));
}

/// Adds the errors of `next` not already in `errors`, sorted by path and message.
pub(super) fn merge_errors(errors: &mut Vec<FileError>, next: Vec<FileError>) {
    for e in next {
        if !errors.contains(&e) {
            errors.push(e);
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
}
