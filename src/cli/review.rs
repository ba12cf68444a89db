//! `apply -i` / `diff -i`: one change set at a time (a root and everything that must change with it), shown as a
//! diff with the root's reason and safety level, answered y/n/a/q/?. A rejected set is planned away as if it were
//! suppressed: its roots are not planned and the lines it would have changed are untouchable, so what is written
//! compiles together. The run is planned again after each round of answers with a rejection, and any set that
//! the new plan holds and was not yet answered is asked about too.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};

use super::{run_engine, Prepared};
use crate::engine::Rejection;
use crate::model::{ChangeSet, Outcome, RunResult, SiteReport};
use crate::report;

const HELP: &str = "y - apply this change set\nn - do not apply it (what depends on it is left too)\n\
a - apply this one and all the remaining ones\nq - quit: apply none of the remaining ones\n? - this help\n";

/// A root site as the next plan will find it again: (path, offset, transform, code).
type Key = (String, usize, String, String);

fn key(s: &SiteReport) -> Key {
    (s.path.clone(), s.range.start, s.transform.as_str().to_string(), s.code.0.to_string())
}

/// A set without a rewritten root (a change no finding leads to): its first changed line.
fn set_key(set: &ChangeSet) -> Option<Key> {
    let (path, lines) = set.lines.first()?;
    Some((path.clone(), lines.first()?.start, String::new(), String::new()))
}

enum Answer {
    Yes,
    No,
    All,
    Quit,
}

/// Asks about every change set; returns the final run, planned with the rejections.
pub(super) fn review(prepared: &mut Prepared, color: bool) -> RunResult {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut err = std::io::stderr();
    let mut accepted: BTreeSet<Key> = BTreeSet::new();
    let (mut accept_rest, mut quit) = (false, false);
    // Each round plans with the rejections so far; a round without a rejection is final. A rejection can free a
    // chain that was refused before: its set is new and asked about in the next round.
    for round in 0.. {
        let result = run_engine(prepared, true);
        let roots = roots_by_set(&result);
        let roots_of = |set: usize| roots.get(&set).map_or(&[][..], Vec::as_slice);
        let keys = |set: &ChangeSet| -> Vec<Key> {
            match roots_of(set.id) {
                [] => set_key(set).into_iter().collect(),
                roots => roots.iter().map(|s| key(s)).collect(),
            }
        };
        let pending: Vec<&ChangeSet> =
            result.change_sets.iter().filter(|set| keys(set).iter().any(|k| !accepted.contains(k))).collect();
        if round == 0 && pending.is_empty() {
            let _ = writeln!(err, "asyncmod: nothing to review");
        }
        if pending.is_empty() || round == 10 {
            return result;
        }
        let mut rejected = false;
        let total = pending.len();
        for (n, set) in pending.into_iter().enumerate() {
            // A later pass works on what the earlier sets wrote: after a rejection it is planned again first.
            if rejected && set.pass > 1 {
                continue;
            }
            let answer = if accept_rest {
                Answer::Yes
            } else if quit {
                Answer::No
            } else {
                show(&mut err, &result, roots_of(set.id), set, n + 1, total, color);
                ask(&mut input, &mut err)
            };
            let answer = match answer {
                Answer::All => {
                    accept_rest = true;
                    Answer::Yes
                }
                Answer::Quit => {
                    quit = true;
                    Answer::No
                }
                other => other,
            };
            if let Answer::Yes = answer {
                accepted.extend(keys(set));
            } else {
                rejected = true;
                prepared.options.rejections.extend(rejection(roots_of(set.id), set));
            }
        }
        if !rejected {
            return result;
        }
    }
    unreachable!("the loop returns by round 10")
}

/// The rewritten roots of each change set, in the order of the sites.
fn roots_by_set(result: &RunResult) -> BTreeMap<usize, Vec<&SiteReport>> {
    let mut out: BTreeMap<usize, Vec<&SiteReport>> = BTreeMap::new();
    for s in result.sites.iter().filter(|s| s.root && s.outcome == Outcome::Rewritten) {
        if let Some(set) = s.change_set {
            out.entry(set).or_default().push(s);
        }
    }
    out
}

/// What a rejected set keeps out of the next plan: its roots, and the lines it changes. A later pass's lines are in
/// the text the earlier passes rewrote; its roots, reported by the first pass, are enough to keep it from running.
fn rejection(roots: &[&SiteReport], set: &ChangeSet) -> Vec<Rejection> {
    set.lines
        .iter()
        .map(|(path, lines)| Rejection {
            path: path.clone(),
            lines: if set.pass == 1 { lines.clone() } else { Vec::new() },
            roots: roots.iter().filter(|s| &s.path == path).map(|s| (s.range.clone(), s.transform)).collect(),
        })
        .collect()
}

fn show(
    err: &mut impl Write,
    result: &RunResult,
    roots: &[&SiteReport],
    set: &ChangeSet,
    n: usize,
    total: usize,
    color: bool,
) {
    let (bold, reset) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let _ = writeln!(err, "{bold}change set {n} of {total}{reset}");
    for s in roots {
        let safety = s.safety.map_or("", |x| x.as_str());
        let _ = writeln!(err, "  {}:{}:{}: {} {}: {}", s.path, s.line, s.column, s.transform, s.code, s.message);
        let _ = writeln!(err, "    fix ({safety}): {}", s.reason);
    }
    if roots.is_empty() {
        let _ = writeln!(err, "  changes no finding leads to, planned together");
    }
    let others = result.sites.iter().filter(|s| s.change_set == Some(set.id) && !s.root).count();
    if others > 0 {
        let _ = writeln!(err, "  with {others} change(s) it needs elsewhere (callers awaited, overrides, tokens)");
    }
    for change in &set.changes {
        let diff = report::diff::unified(change);
        let diff = if color { report::diff::colorize(&diff) } else { diff };
        let _ = err.write_all(diff.as_bytes());
    }
}

fn ask(input: &mut impl BufRead, err: &mut impl Write) -> Answer {
    loop {
        let _ = write!(err, "Apply this change set [y,n,a,q,?]? ");
        let _ = err.flush();
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = writeln!(err);
                return Answer::Quit;
            }
            Ok(_) => {}
        }
        match line.trim() {
            "y" | "Y" | "yes" => return Answer::Yes,
            "n" | "N" | "no" => return Answer::No,
            "a" | "A" => return Answer::All,
            "q" | "Q" => return Answer::Quit,
            _ => {
                let _ = write!(err, "{HELP}");
            }
        }
    }
}
