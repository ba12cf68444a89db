//! A run over several code bases that share nothing (`Workspace::independent_parts`): each part is planned as a
//! run of its own, one after the other, and the results are joined into one, as if one run had made them. Only
//! one part's facts are held at a time.

use crate::model::{RunResult, RunStats};

/// Joins the results of the parts, in their order, into one result sorted as a single run sorts its own. `labels`
/// name the parts for `--stats`.
pub(super) fn join(results: Vec<RunResult>, labels: Vec<String>) -> RunResult {
    let mut joined = RunResult::default();
    for (k, (mut part, label)) in results.into_iter().zip(labels).enumerate() {
        joined.stats.parts.push((joined.stats.rounds.len(), label));
        for (after, _) in &mut part.stats.peak_memory {
            *after = format!("{after} (part {})", k + 1);
        }
        // Change sets are numbered from 1 in each part; the later parts' follow the earlier ones'.
        part.number_change_sets_after(joined.last_change_set());
        joined.files_scanned += part.files_scanned;
        joined.files_parsed += part.files_parsed;
        joined.generated_read += part.generated_read;
        joined.changes.append(&mut part.changes);
        joined.sites.append(&mut part.sites);
        super::revisit::merge_errors(&mut joined.errors, part.errors);
        for n in part.notes {
            if !joined.notes.contains(&n) {
                joined.notes.push(n);
            }
        }
        joined.warnings.append(&mut part.warnings);
        joined.files_with_parse_errors.append(&mut part.files_with_parse_errors);
        joined.change_sets.append(&mut part.change_sets);
        add_stats(&mut joined.stats, part.stats);
    }
    joined.changes.sort_by(|a, b| a.source.display.cmp(&b.source.display));
    joined.sites.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    joined.warnings.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
    joined.files_with_parse_errors.sort();
    joined
}

/// Adds a part's effort to the run's: bytes and texts summed, rounds and memory peaks in order, each phase's
/// time summed under its name.
fn add_stats(into: &mut RunStats, part: RunStats) {
    into.bytes_scanned += part.bytes_scanned;
    into.rounds.extend(part.rounds);
    for (name, took) in part.phases {
        match into.phases.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += took,
            None => into.phases.push((name, took)),
        }
    }
    into.peak_memory.extend(part.peak_memory);
    into.texts_aside.0 += part.texts_aside.0;
    into.texts_aside.1 += part.texts_aside.1;
    into.texts_read_again.0 += part.texts_read_again.0;
    into.texts_read_again.1 += part.texts_read_again.1;
}
