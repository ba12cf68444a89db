//! Where a run spent its effort, for `--stats`.

use crate::model::RunStats;

/// `--stats`: a few lines for humans.
pub fn render(stats: &RunStats) -> String {
    let mut out = String::new();
    let mb = |b: u64| b as f64 / 1e6;
    out.push_str(&format!(
        "stats: scanned {:.1} MB; parsed {} files, {:.1} MB ({:.1} %)\n",
        mb(stats.bytes_scanned),
        stats.files_parsed(),
        mb(stats.bytes_parsed()),
        100.0 * stats.bytes_parsed() as f64 / stats.bytes_scanned.max(1) as f64
    ));
    for (at, r) in stats.rounds.iter().enumerate() {
        // Rounds are numbered within their part.
        let part = stats.parts.iter().rposition(|(start, _)| *start <= at);
        if let Some(k) = part.filter(|k| stats.parts[*k].0 == at) {
            out.push_str(&format!("stats: part {} of {}: {}\n", k + 1, stats.parts.len(), stats.parts[k].1));
        }
        let i = at - part.map_or(0, |k| stats.parts[k].0);
        let what = match (i, r.everything) {
            (0, _) => "prefilter".to_string(),
            (_, false) => format!("{} questions", r.asks),
            (_, true) if r.asks == 0 => {
                "every remaining file, before any plan: the first round parsed half the bytes".into()
            }
            (_, true) => format!("{} questions, then every remaining file", r.asks),
        };
        out.push_str(&format!(
            "stats: round {i} ({what}): parsed {} files, {:.1} MB; kept {}\n",
            r.files,
            mb(r.bytes),
            r.kept
        ));
        for (ask, files, bytes) in &r.top {
            out.push_str(&format!("stats:     {ask}: {files} files, {:.2} MB\n", mb(*bytes)));
        }
    }
    for (name, d) in &stats.phases {
        out.push_str(&format!("stats: {name}: {:.3} s\n", d.as_secs_f64()));
    }
    let ((aside, aside_bytes), (again, again_bytes)) = (stats.texts_aside, stats.texts_read_again);
    out.push_str(&format!(
        "stats: texts put aside after parsing: {aside} files, {:.1} MB; read again: {again} files, {:.1} MB\n",
        mb(aside_bytes),
        mb(again_bytes)
    ));
    for (after, bytes) in &stats.peak_memory {
        out.push_str(&format!("stats: peak resident memory after {after}: {:.0} MB\n", mb(*bytes)));
    }
    out
}
